"""Linear regression: a full-batch gradient step against its matrix–vector floor, and pinv against
gradient descent to the same accuracy (measurements 1 and 3 of the benchmark issue)."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
from harness import (
    Comparison,
    Config,
    Section,
    assert_close,
    fmt_seconds,
    interleaved,
    limited,
    md_table,
    time_many,
)

import helpers.regression as reg
import helpers.validation as val
from helpers.regression import linear_regression_gd, pinv_solution, regression_gradient, regression_loss

STEP_TARGET = 1.2
ROOT = Path(__file__).resolve().parents[1]


def make_data(n: int, d: int, seed: int = 0, spread: float = 0.0, intercept: bool = False):
    """Seeded Gaussian features (column scales from 1 to 10**spread), y = Xβ_true + noise."""
    rng = np.random.default_rng(seed)
    k = d - 1 if intercept else d
    X = rng.normal(size=(n, k)) * np.logspace(0.0, spread, k)
    if intercept:
        X = np.hstack([X, np.ones((n, 1))])
    beta_true = rng.normal(size=d)
    y = X @ beta_true + 0.1 * rng.normal(size=n)
    return X, y


def curvature(X: np.ndarray) -> tuple[float, float]:
    """Largest and smallest eigenvalue of the Hessian (2/n)XᵀX of the mean squared error."""
    ev = np.linalg.eigvalsh((2.0 / X.shape[0]) * (X.T @ X))
    return float(ev[-1]), float(ev[0])


def where(module, snippet: str) -> str:
    """``helpers/x.py:LINE`` of the first source line containing ``snippet`` (for the cost breakdown)."""
    lines, start = inspect.getsourcelines(module)
    path = Path(inspect.getsourcefile(module)).resolve().relative_to(ROOT)
    for i, line in enumerate(lines):
        if snippet in line:
            return f"{path}:{start + i}"
    return str(path)


# --- 1. one full-batch gradient step -------------------------------------------------------------


def gd_step(cfg: Config) -> Section:
    n, d = 100_000, 50
    steps = 20 if cfg.quick else 50
    X, y = make_data(n, d, seed=1)
    beta = np.random.default_rng(2).normal(size=d)
    lr = 1.0 / curvature(X)[0]
    sec = Section("1. Full-batch gradient step, linear regression (n = 100 000, d = 50, float64)")
    print(f"\n== {sec.title}", flush=True)
    print(f"  lr = 1/L = {lr:.4g}, L = largest eigenvalue of (2/n)XᵀX", flush=True)

    def floor_step():
        # The floor: the two matrix–vector products (and the O(n) residual) in bare numpy.
        r = y - X @ beta
        return beta + (2.0 * lr / n) * (X.T @ r)

    def helpers_step():
        return beta - lr * regression_gradient(X, y, beta, "squared")

    def floor_run():
        b = beta
        for _ in range(steps):
            r = y - X @ b
            b = b + (2.0 * lr / n) * (X.T @ r)
        return b

    def helpers_run():
        return linear_regression_gd(X, y, beta, lr=lr, steps=steps, objective="squared")

    # Same numbers before any timing.
    r = y - X @ beta
    checks = [
        assert_close("loss (regression_loss vs r·r/n)", regression_loss(X, y, beta, "squared"), (r @ r) / n, 1e-12),
        assert_close(
            "gradient (regression_gradient vs −(2/n)Xᵀr)",
            regression_gradient(X, y, beta),
            -(2.0 / n) * (X.T @ r),
            1e-12,
        ),
        assert_close("β after one step", helpers_step(), floor_step(), 1e-12),
        assert_close(f"β after {steps} steps (linear_regression_gd)", helpers_run().x, floor_run(), 1e-12),
    ]
    check = f"max rel. Δ: loss {checks[0]:.1e}, gradient {checks[1]:.1e}, β {max(checks[2:]):.1e}"

    # The lines of one regression_gradient call, each timed on its own (same arrays, same setting).
    g = regression_gradient(X, y, beta)
    Xb = X @ beta
    parts = {
        f"check_array(X): np.asarray (no copy) + np.all(np.isfinite(X))  [{where(val, 'np.all(np.isfinite(arr))')}]": lambda: (
            val.check_array("X", X, ndim=2, min_rows=1)
        ),
        "  of which np.isfinite(X) (a 5 M-entry bool temporary)": lambda: np.isfinite(X),
        "check_array(y), check of β, check_choice(objective)": lambda: (
            val.check_array("y", y, ndim=1),
            reg._check_beta("beta", beta, d),
            val.check_choice("objective", "squared", reg.OBJECTIVES),
        ),
        f"X @ beta  [{where(reg, 'return _gradient(X, y, y - X @ beta, objective)')}]": lambda: X @ beta,
        "y − (X @ beta)  (same line)": lambda: y - Xb,
        f"X.T @ r  [{where(reg, 'g = -(X.T @ r)')}]": lambda: X.T @ r,
        "negation and (2/n)·g, β − lr·g": lambda: beta - lr * ((2.0 / n) * -g),
    }

    rows, md = [], []
    for setting in cfg.settings:
        with limited(setting):
            a, b = interleaved(helpers_step, floor_step, repeats=cfg.repeats, min_time=cfg.min_time)
            one = Comparison(
                "GD step: regression_gradient + update vs bare X@β, Xᵀr",
                "helpers.regression.regression_gradient(X, y, β) then β − lr·g",
                "bare numpy: r = y − X@β; β + (2 lr/n)·Xᵀr",
                setting.label,
                a,
                b,
                STEP_TARGET,
                check,
            )
            a, b = interleaved(helpers_run, floor_run, repeats=cfg.repeats, min_time=cfg.min_time)
            run = Comparison(
                f"GD step inside linear_regression_gd ({steps} steps per call)",
                f"helpers.regression.linear_regression_gd(X, y, β, steps={steps}, objective='squared')",
                f"the same {steps} steps in a bare numpy loop",
                setting.label,
                a,
                b,
                STEP_TARGET,
                check,
            )
            for c in (one, run):
                print(c.line(), flush=True)
            sec.comparisons += [one, run]
            br = time_many(parts, repeats=cfg.repeats, min_time=cfg.min_time / 2)
        total = one.a.cpu.median
        lines = []
        for k, t in br.items():
            share = t.cpu.median / total
            lines.append([k, fmt_seconds(t.wall.median), fmt_seconds(t.cpu.median), f"{share:.0%}"])
        summed = sum(t.cpu.median for k, t in br.items() if not k.startswith("  "))
        lines.append(
            ["sum of the lines above (without the 'of which' row)", "", fmt_seconds(summed), f"{summed / total:.0%}"]
        )
        lines.append(
            [
                "whole regression_gradient + update (measured)",
                fmt_seconds(one.a.wall.median),
                fmt_seconds(total),
                "100%",
            ]
        )
        lines.append(
            [
                "bare numpy floor (measured)",
                fmt_seconds(one.b.wall.median),
                fmt_seconds(one.b.cpu.median),
                f"{one.b.cpu.median / total:.0%}",
            ]
        )
        rows.append((setting, lines))
        scan = next(t for k, t in br.items() if k.startswith("check_array(X)"))
        if setting.threads == 1 or len(cfg.settings) == 1:
            sec.headlines.append(
                f"`regression_gradient` ({setting.label}): the finiteness check of X in `check_array` "
                f"(`np.all(np.isfinite(X))`, one more full pass over X's {X.nbytes / 1e6:.0f} MB) costs "
                f"{fmt_seconds(scan.cpu.median)} of the step's {fmt_seconds(total)} ({scan.cpu.median / total:.0%}); "
                f"without it the step would be about {(total - scan.cpu.median) / one.b.cpu.median:.2f}× the floor. "
                "`linear_regression_gd` checks X once per run and stays within the target."
            )
        print(f"  cost of each line of regression_gradient [{setting.label}] (median CPU):", flush=True)
        for row in lines:
            print(f"    {row[2]:>10} {row[3]:>5}  {row[0]}", flush=True)

    md.append(
        "The floor is what the step cannot avoid: the two matrix–vector products Xβ and Xᵀr "
        f"(each reads all of X, {X.nbytes / 1e6:.0f} MB) plus the O(n) residual, written in bare numpy. "
        f"lr = 1/L with L the largest eigenvalue of the Hessian (2/n)XᵀX (lr = {lr:.4g}); β starts at seeded "
        "random values. Before timing, the helper's loss, gradient and updated β were checked against the "
        f"floor's ({check})."
    )
    md.append("")
    md.append(
        "Cost of each line of one `regression_gradient` call + update (median CPU time per call; the share is "
        "of the whole helper step):"
    )
    for setting, lines in rows:
        md.append("")
        md.append(f"*{setting.label}*")
        md.append("")
        md += md_table(["line", "wall", "CPU", "share"], lines)
    sec.markdown = md
    return sec


# --- 3. pinv against gradient descent to the same accuracy ---------------------------------------


def steps_to_accuracy(X, y, beta_star, lr, rtol, cap=200_000) -> int:
    """The first step T at which bare-numpy GD from 0 has ‖β_T − β*‖ ≤ rtol‖β*‖ (untimed)."""
    n = X.shape[0]
    b = np.zeros(X.shape[1])
    target = rtol * np.linalg.norm(beta_star)
    for t in range(1, cap + 1):
        b = b + (2.0 * lr / n) * (X.T @ (y - X @ b))
        if np.linalg.norm(b - beta_star) <= target:
            return t
    raise RuntimeError(f"GD did not reach rtol {rtol} in {cap} steps")


def pinv_vs_gd(cfg: Config) -> Section:
    rtol = 1e-6
    spread = 0.5  # column scales 1 … 10**0.5: the Hessian's condition number is about 10
    ns = [1_000, 10_000] if cfg.quick else [1_000, 10_000, 100_000]
    ds = [10, 50] if cfg.quick else [10, 50, 200]
    big = 10_000_000  # n·d cap: the (100 000, 200) cell would take a minute and a half on its own
    repeats = max(3, cfg.repeats // 3)
    sec = Section("3. pinv against gradient descent to the same accuracy (‖β − β*‖ ≤ 1e-6 ‖β*‖)")
    print(f"\n== {sec.title}", flush=True)
    cells = []
    for n in ns:
        for d in ds:
            if n * d > big:
                continue
            X, y = make_data(n, d, seed=3, spread=spread, intercept=True)
            beta_star = pinv_solution(X, y)
            ref = np.linalg.lstsq(X, y, rcond=None)[0]
            dl = assert_close(f"n={n} d={d}: pinv_solution vs np.linalg.lstsq", beta_star, ref, 1e-10)
            L, mu = curvature(X)
            lr = 1.0 / L
            T = steps_to_accuracy(X, y, beta_star, lr, rtol)
            res = linear_regression_gd(X, y, np.zeros(d), lr=lr, steps=T, objective="squared")
            err = np.linalg.norm(res.x - beta_star) / np.linalg.norm(beta_star)
            print(f"    check n={n} d={d}: GD after T={T} steps: ‖β−β*‖/‖β*‖ = {err:.2e} (≤ {rtol:.0e})", flush=True)
            assert err <= rtol, f"linear_regression_gd missed rtol {rtol}: {err:.3e}"

            def gd(X=X, y=y, d=d, lr=lr, T=T):
                return linear_regression_gd(X, y, np.zeros(d), lr=lr, steps=T, objective="squared")

            def pinv(X=X, y=y):
                return pinv_solution(X, y)

            def find_L(X=X):
                return curvature(X)

            for setting in cfg.settings:
                with limited(setting):
                    a, b = interleaved(gd, pinv, repeats=repeats, min_time=cfg.min_time)
                    tl, _ = interleaved(find_L, find_L, repeats=1, min_time=cfg.min_time)
                c = Comparison(
                    f"GD to 1e-6 / pinv, n={n:,} d={d}",
                    f"linear_regression_gd, T={T} steps",
                    "helpers.regression.pinv_solution",
                    setting.label,
                    a,
                    b,
                    None,
                    f"pinv vs lstsq {dl:.1e}; GD rel. error {err:.1e}",
                )
                print(c.line(), flush=True)
                if n == ns[-1]:
                    sec.comparisons.append(c)  # the largest n goes into the summary; every cell into the table
                cells.append((n, d, L / mu, T, setting, c, tl.wall.median))
    one = [x for x in cells if x[4].threads == 1] or cells
    lo = min(one, key=lambda x: x[5].judged.median)
    hi = max(one, key=lambda x: x[5].judged.median)
    sec.headlines.append(
        f"GD to ‖β − β*‖ ≤ 1e-6‖β*‖ (lr = 1/L, κ ≈ 10, about 120 steps) against pinv ({one[0][4].label}): from "
        f"{lo[5].judged.median:.2f}× (n = {lo[0]:,}, d = {lo[1]}) to {hi[5].judged.median:.1f}× "
        f"(n = {hi[0]:,}, d = {hi[1]}) the time of pinv; GD gains as d grows (O(nd) a step against pinv's O(nd²))."
    )
    rows = []
    for n, d, kappa, T, setting, c, t_l in cells:
        rows.append(
            [
                f"{n:,}",
                str(d),
                setting.label,
                f"{kappa:.1f}",
                str(T),
                c.a.wall.time_text(),
                c.b.wall.time_text(),
                c.wall_ratio.ratio_text(),
                c.cpu_ratio.ratio_text(),
                fmt_seconds(t_l),
            ]
        )
    sec.markdown = [
        "Data: seeded Gaussian features with column scales from 1 to 10^0.5 plus an intercept column, "
        "y = Xβ + noise. The objective is the mean squared error (`objective='squared'`); "
        "**lr = 1/L**, L the largest eigenvalue of its Hessian (2/n)XᵀX, computed exactly with "
        "`np.linalg.eigvalsh` outside the timed region (its cost is the last column: forming XᵀX is itself "
        "O(nd²), the order of pinv; a few power-iteration steps would give L for a few matrix–vector products). "
        "T is the first step at which ‖β_T − β*‖ ≤ 1e-6‖β*‖ from β₀ = 0 (found by an untimed run; the timed "
        "`linear_regression_gd` call runs exactly T steps and its result was checked to meet the tolerance). "
        "κ = L/μ is the Hessian's condition number; GD needs about κ·ln(10⁶) steps whatever n and d, "
        "each O(nd), while pinv (an SVD) costs O(nd²). Ratio > 1: GD is slower than pinv.",
        "",
        *md_table(
            [
                "n",
                "d",
                "setting",
                "κ",
                "GD steps T",
                "GD time",
                "pinv time",
                "GD / pinv (wall)",
                "GD / pinv (CPU)",
                "finding L",
            ],
            rows,
        ),
    ]
    return sec

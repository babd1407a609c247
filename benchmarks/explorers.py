"""How fast do the explorers answer a slider? One update against rebuilding the explorer from scratch.

For each registered explorer, the script drives its sliders across their ranges (as a learner dragging
them would), timing each update: recompute + redraw + render to PNG (``Explorer.last_update_seconds``).
The naive baseline rebuilds a fresh explorer with the same values (widgets, figure, first layout,
compute, render), which is what an ``interact`` cell that redraws the whole figure costs.

Run from the repository root::

    MPLBACKEND=Agg .venv/bin/python benchmarks/explorers.py            # all explorers
    MPLBACKEND=Agg .venv/bin/python benchmarks/explorers.py --only descent_2d_explorer --values 40

Targets (2-core machine): median update ≤ 0.5 × naive, and p95 ≤ 100 ms for the descent explorers.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import io
import os
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: One line per explorer: (module, factory, the controls to sweep or None for every slider,
#: whether the p95 ≤ 100 ms target applies). The factory's keyword arguments must be named as its
#: controls (the naive rebuild passes the controls' values). A missing module is skipped, and an
#: explorer whose sliders do not redraw it (one that trains on a button) is reported, not timed.
EXPLORERS = [
    ("helpers.widgets.calculus", "tangent_explorer", ("x0", "h"), False),
    ("helpers.widgets.descent", "descent_1d_explorer", ("lr", "x0", "eps"), True),
    ("helpers.widgets.descent", "descent_2d_explorer", ("lr", "x0", "y0"), True),
    ("helpers.widgets.descent", "convergence_explorer", ("lr", "x0"), True),
    ("helpers.widgets.descent", "momentum_explorer", ("lr", "beta", "x0", "y0"), True),
    ("helpers.widgets.regression", "regression_explorer", None, False),
    ("helpers.widgets.regression", "sgd_explorer", None, False),
    ("helpers.widgets.networks", "softmax_explorer", None, False),
    ("helpers.widgets.networks", "classifier_explorer", None, False),
    ("helpers.widgets.networks", "chain_rule_explorer", None, False),
]

SLIDERS = ("FloatSlider", "FloatLogSlider", "IntSlider", "SelectionSlider")
P95_TARGET = 0.100
RATIO_TARGET = 0.5


@dataclass
class Row:
    name: str
    updates: int
    median: float
    p95: float
    naive: float
    cpu_median: float
    cpu_p95: float
    cpu_naive: float
    full_draws: int | None
    axes_draws: int | None
    p95_target: bool

    @property
    def ratio(self) -> float:
        return self.median / self.naive if self.naive else float("nan")

    def verdict(self) -> str:
        ok = self.ratio <= RATIO_TARGET and (not self.p95_target or self.p95 <= P95_TARGET)
        return "ok" if ok else "MISSED"


def slider_values(control, n: int) -> list:
    """``n`` values across a slider's range, in the order a drag would visit them."""
    kind = type(control).__name__
    if kind == "SelectionSlider":
        options = list(control.options)
        options = [v[1] if isinstance(v, tuple) else v for v in options]
        return [options[i % len(options)] for i in range(n)]
    if kind == "FloatLogSlider":
        return [float(v) for v in np.logspace(control.min, control.max, n, base=control.base)]
    if kind == "IntSlider":
        return [int(round(v)) for v in np.linspace(control.min, control.max, n)]
    return [float(v) for v in np.linspace(control.min, control.max, n)]


def sweep_states(explorer, names, total: int) -> list[tuple[str, object]]:
    """(control, value) moves: each swept slider in turn across its range, ``total`` moves in all."""
    if names is None:
        names = [k for k, c in explorer.controls.items() if type(c).__name__ in SLIDERS]
    names = [k for k in names if k in explorer.controls]
    per = max(total // max(len(names), 1), 2)
    return [(name, v) for name in names for v in slider_values(explorer.controls[name], per)]


def percentile(values, q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench(module: str, factory_name: str, names, p95_target: bool, total: int, naive_every: int) -> Row | None:
    try:
        factory = getattr(importlib.import_module(module), factory_name)
    except (ImportError, AttributeError) as exc:
        print(f"  skipped {module}.{factory_name}: {exc}")
        return None
    accepted = set(inspect.signature(factory).parameters)
    quiet = contextlib.redirect_stdout(io.StringIO())  # Output widgets print outside a kernel
    with quiet:
        explorer = factory()
        explorer.refresh()  # warm caches (compiled functions, fonts)
        canvas = explorer.figure.canvas
        full_before = getattr(canvas, "full_draws", None)
        axes_before = getattr(canvas, "axes_draws", None)
        moves = sweep_states(explorer, names, total)
        times, naive, cpu, cpu_naive = [], [], [], []
        for i, (name, value) in enumerate(moves):
            renders, start = explorer.renders, time.process_time()
            explorer.controls[name].value = value
            if explorer.renders == renders:
                continue  # this move did not redraw (e.g. an explorer that trains on a button)
            cpu.append(time.process_time() - start)
            times.append(explorer.last_update_seconds)
            if i % naive_every == 0:
                state = {k: c.value for k, c in explorer.controls.items() if k in accepted}
                start, start_cpu = time.perf_counter(), time.process_time()
                factory(**state)
                naive.append(time.perf_counter() - start)
                cpu_naive.append(time.process_time() - start_cpu)
        full = None if full_before is None else canvas.full_draws - full_before
        axes = None if axes_before is None else canvas.axes_draws - axes_before
    if not times:
        print(f"  {factory_name}: no slider move redraws it (button-driven?); not timed")
        return None
    return Row(
        name=factory_name,
        updates=len(times),
        median=statistics.median(times),
        p95=percentile(times, 95),
        naive=statistics.median(naive),
        cpu_median=statistics.median(cpu),
        cpu_p95=percentile(cpu, 95),
        cpu_naive=statistics.median(cpu_naive),
        full_draws=full,
        axes_draws=axes,
        p95_target=p95_target,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=60, help="slider moves per explorer (default 60)")
    parser.add_argument("--naive-every", type=int, default=3, help="rebuild from scratch every k-th move")
    parser.add_argument("--only", help="run only the explorer with this factory name")
    args = parser.parse_args(argv)
    warnings.simplefilter("error")  # an explorer that warns fails the benchmark too

    rows = []
    for module, name, names, p95_target in EXPLORERS:
        if args.only and name != args.only:
            continue
        print(f"{name} ...", flush=True)
        row = bench(module, name, names, p95_target, args.values, args.naive_every)
        if row:
            rows.append(row)

    ms = 1e3
    print()
    print(
        f"{'explorer':<24}{'updates':>8}{'median':>10}{'p95':>10}{'naive':>10}{'ratio':>8}{'full':>6}{'axes':>6}  target"
    )
    for r in rows:
        full = "-" if r.full_draws is None else str(r.full_draws)
        axes = "-" if r.axes_draws is None else str(r.axes_draws)
        target = f"ratio ≤ {RATIO_TARGET}" + (f", p95 ≤ {P95_TARGET * ms:.0f} ms" if r.p95_target else "")
        print(
            f"{r.name:<24}{r.updates:>8}{r.median * ms:>8.1f}ms{r.p95 * ms:>8.1f}ms{r.naive * ms:>8.1f}ms"
            f"{r.ratio:>8.2f}{full:>6}{axes:>6}  {target}: {r.verdict()}"
        )
    print("\nCPU time of this process only (what the numbers above would be on an idle machine):")
    print(f"{'explorer':<24}{'median':>10}{'p95':>10}{'naive':>10}{'ratio':>8}")
    for r in rows:
        ratio = r.cpu_median / r.cpu_naive if r.cpu_naive else float("nan")
        print(f"{r.name:<24}{r.cpu_median * ms:>8.1f}ms{r.cpu_p95 * ms:>8.1f}ms{r.cpu_naive * ms:>8.1f}ms{ratio:>8.2f}")
    print("\nmedian/p95: one update (compute + render to PNG); naive: a fresh explorer built with the same values;")
    print("full / axes: updates that redrew the whole figure / one axes, instead of only the moving artists;")
    print(f"load average when done: {os.getloadavg()[0]:.1f} (other processes slow every number down)")
    return 0 if all(r.verdict() == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Self-checks for notebook 05 (is gradient descent universal? — 경사하강법은 만능일까?).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read gets a
message saying so. Typed formulas are parsed with :func:`helpers.formula.parse_formula` (inside
:func:`helpers.calculus.second_derivative`), never with ``sympify``.

Exercises
---------
1. :func:`check_convexity`: is f convex on an interval? ``True``/``False`` (or "convex" /
   "not convex") for the exercise's f = x² + 3·sin(x), or for any typed formula ``f``. The check
   evaluates f'' on a fine grid and, for a function that is not convex, gives a counter-example:
   the point where f'' < 0 and a chord that lies below the curve there.
2. :func:`check_largest_lr`: the largest stable learning rate 2/μ_max for the quadratic
   f(x, y) = 3x² + 2xy + 2y², whose μ_max is the largest eigenvalue of the Hessian.
3. :func:`check_reached_minimum`: where gradient descent on x⁴ − 3x² + x stops from x₀ = 0.2
   with λ = 0.05 (a local minimum that is not the global one).
4. :func:`check_saddle_escape`: after how many steps descent on the saddle x² − y² from
   (1, 10⁻⁶) with λ = 0.05 first has |y| ≥ 1: |y_k| = (1 + 2λ)^k |y₀|, so ⌈ln(1/|y₀|)/ln(1 + 2λ)⌉.
"""

from __future__ import annotations

import math
from typing import TypedDict

import numpy as np

from ..calculus import derivative_function, second_derivative, symbolic_derivative
from ..descent import gradient_descent
from ..formula import FormulaError
from ..functions import get_function, objective
from ..i18n import Messages
from . import Feedback, answer_check, describe, no_answer, read_array, read_number, unreadable

__all__ = [
    "CONVEXITY_EXERCISE",
    "LARGEST_LR_EXERCISE",
    "MINIMUM_EXERCISE",
    "SADDLE_EXERCISE",
    "Feedback",
    "check_convexity",
    "check_largest_lr",
    "check_reached_minimum",
    "check_saddle_escape",
    "convexity_report",
    "saddle_escape_steps",
]


class _ConvexityExercise(TypedDict):
    f: str
    interval: tuple[float, float]


class _LargestLrExercise(TypedDict):
    f: str
    hessian: list[list[float]]


class _MinimumExercise(TypedDict):
    function: str
    x0: float
    lr: float


class _SaddleExercise(TypedDict):
    f: str
    start: tuple[float, float]
    lr: float
    target: float


#: Exercise 1: is ``f`` convex on ``interval``?
CONVEXITY_EXERCISE: _ConvexityExercise = {"f": "x**2 + 3*sin(x)", "interval": (-3.0, 3.0)}
#: Exercise 2: the quadratic and its Hessian.
LARGEST_LR_EXERCISE: _LargestLrExercise = {"f": "3*x**2 + 2*x*y + 2*y**2", "hessian": [[6.0, 2.0], [2.0, 4.0]]}
#: Exercise 3: gradient descent on the double well from ``x0`` with learning rate ``lr``.
MINIMUM_EXERCISE: _MinimumExercise = {"function": "double_well", "x0": 0.2, "lr": 0.05}
#: Exercise 4: descent on ``f`` from ``start`` with learning rate ``lr``, until |y| ≥ ``target``.
SADDLE_EXERCISE: _SaddleExercise = {"f": "x**2 - y**2", "start": (1.0, 1e-6), "lr": 0.05, "target": 1.0}

#: Grid points on which f'' is evaluated.
_GRID = 2001


# --- exercise 1: is f convex? --------------------------------------------------------------

_YES = {"true", "yes", "convex", "y"}
_NO = {"false", "no", "not convex", "non-convex", "nonconvex", "n", "not"}


def _read_verdict(answer) -> tuple[bool | None, str | None]:
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer), None
    if isinstance(answer, str):
        text = answer.strip().lower().replace("_", " ")
        if text in _YES:
            return True, None
        if text in _NO:
            return False, None
    return None, tr(
        "your answer could not be read: write True (convex) or False (not convex), got {answer}",
        answer=describe(answer),
    )


def _read_interval(interval) -> tuple[tuple[float, float] | None, str | None]:
    pair, problem = read_array(interval, tr("two numbers (a, b)"), finite=False)
    if pair is None or pair.shape != (2,):
        return None, tr(
            "the interval must be two numbers (a, b) with a < b, got {interval}", interval=describe(interval)
        )
    lo, hi = float(pair[0]), float(pair[1])
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        return None, tr("the interval must be two finite numbers (a, b) with a < b, got ({lo:g}, {hi:g})", lo=lo, hi=hi)
    if max(abs(lo), abs(hi)) > 1e6:
        return None, tr("the interval must lie within [-1e6, 1e6], got ({lo:g}, {hi:g})", lo=lo, hi=hi)
    return (lo, hi), None


def _chord_counterexample(f, x: float, lo: float, hi: float) -> str:
    """A chord from x − h to x + h that passes below f(x), as text ('' if none is found)."""
    for k in range(12):
        h = min(1.0, x - lo, hi - x) / 2**k
        if h <= 0:
            break
        left, mid, right = float(f(x - h)), float(f(x)), float(f(x + h))
        if mid > (left + right) / 2 + 1e-9 * (1 + abs(mid)):
            return " " + tr(
                "The chord from x = {start:.3g} to {end:.3g} passes below the curve: at its middle it is at "
                "{chord:.4g}, while f({x:.3g}) = {mid:.4g}.",
                start=x - h,
                end=x + h,
                chord=(left + right) / 2,
                x=x,
                mid=mid,
            )
    return ""


def convexity_report(f: str, interval=(-3.0, 3.0)) -> dict:
    """f'' and the verdict of the second-derivative test for the formula ``f`` on ``interval``.

    Returns a dict with ``second`` (the sympy f''), ``convex`` (f'' ≥ 0 at every grid point, up
    to round-off), ``x_min``, ``min`` (where f'' is smallest on the grid, and its value) and
    ``x_bad``, ``bad`` (a counter-example point away from the ends of the interval when there is
    one, and f'' there).

    Raises
    ------
    FormulaError, ValueError, TypeError
        If ``f`` is not a formula in x, or f'' is not a finite real number everywhere on the interval.
    """
    bounds, problem = _read_interval(interval)
    if bounds is None:
        raise ValueError(problem)
    lo, hi = bounds
    second = second_derivative(f, "x")
    d2 = derivative_function(symbolic_derivative(f, "x"), "x")  # f'' compiled once, nan where undefined
    grid = np.linspace(lo, hi, _GRID)
    try:
        values = np.broadcast_to(np.asarray(d2(grid), dtype=float), grid.shape)
    except (NameError, TypeError, ValueError, ArithmeticError) as exc:  # e.g. DiracDelta in |x|''
        raise ValueError(
            tr(
                "f''(x) = {second} cannot be evaluated as a number: the second-derivative test needs f twice "
                "differentiable on the whole interval",
                second=second,
            )
        ) from exc
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            tr(
                "f''(x) = {second} is not defined at x = {x:.3g}, inside [{lo:g}, {hi:g}]: "
                "the second-derivative test needs f twice differentiable on the whole interval",
                second=second,
                x=grid[bad][0],
                lo=lo,
                hi=hi,
            )
        )
    i = int(np.argmin(values))
    scale = max(1.0, float(np.max(np.abs(values))))
    convex = bool(values[i] >= -1e-9 * scale)
    # A counter-example away from the ends when there is one, so that a chord fits around it.
    inner = (grid >= lo + 0.1 * (hi - lo)) & (grid <= hi - 0.1 * (hi - lo))
    j = int(np.flatnonzero(inner)[np.argmin(values[inner])])
    k = j if values[j] < -1e-9 * scale else i
    return {
        "second": second,
        "convex": convex,
        "x_min": float(grid[i]),
        "min": float(values[i]),
        "x_bad": float(grid[k]),
        "bad": float(values[k]),
    }


@answer_check
def check_convexity(answer, f: str | None = None, interval=None) -> Feedback:
    """Exercise 1: is ``f`` convex on ``interval``? ``answer`` is True (convex) or False (not convex).

    Parameters
    ----------
    answer : bool or str
        ``True`` / ``False``, or ``"convex"`` / ``"not convex"``, ``"yes"`` / ``"no"``.
    f : str, optional
        A formula in x; default the exercise's ``"x**2 + 3*sin(x)"``. Try your own.
    interval : (float, float), optional
        Default (−3, 3).
    """
    f = CONVEXITY_EXERCISE["f"] if f is None else f
    interval = CONVEXITY_EXERCISE["interval"] if interval is None else interval
    if answer is None:
        return no_answer(tr("True or False"))
    verdict, problem = _read_verdict(answer)
    if verdict is None:
        return unreadable(problem)
    if not isinstance(f, str):
        return Feedback("unreadable", tr("f must be a formula string such as 'x**2 + sin(x)', got {f}", f=describe(f)))
    bounds, problem = _read_interval(interval)
    if bounds is None:
        return unreadable(problem)
    try:
        report = convexity_report(f, bounds)
        fx = objective(f).f_grid  # numpy: NaN, never an exception, where f is undefined
    except FormulaError as exc:
        return Feedback("unreadable", tr("f could not be read as a formula: {error}", error=exc))
    except (ValueError, TypeError, ArithmeticError) as exc:
        return Feedback("unreadable", str(exc))
    lo, hi = bounds
    second, x_min, low = report["second"], report["x_min"], report["min"]
    if report["convex"]:
        why = tr(
            "f''(x) = {second} ≥ 0 everywhere on [{lo:g}, {hi:g}] (its smallest value is {low:.4g}, "
            "at x = {x_min:.3g}), so every chord lies above the curve",
            second=second,
            lo=lo,
            hi=hi,
            low=low,
            x_min=x_min,
        )
        if verdict:
            return Feedback("correct", tr("correct: f is convex on [{lo:g}, {hi:g}]: {why}.", lo=lo, hi=hi, why=why))
        return Feedback(
            "wrong",
            tr(
                "f is convex on [{lo:g}, {hi:g}]: {why}. A function like this has no local minimum that is not "
                "the global one.",
                lo=lo,
                hi=hi,
                why=why,
            ),
        )
    x_bad, bad = report["x_bad"], report["bad"]
    chord = _chord_counterexample(fx, x_bad, lo, hi)
    why = tr(
        "f''(x) = {second}, and at x = {x_bad:.3g} it is {bad:.4g} < 0: the curve bends downwards there.{chord}",
        second=second,
        x_bad=x_bad,
        bad=bad,
        chord=chord,
    )
    if verdict:
        return Feedback(
            "wrong",
            tr(
                "not convex on [{lo:g}, {hi:g}]: a counter-example is x = {x_bad:.3g}. {why}",
                lo=lo,
                hi=hi,
                x_bad=x_bad,
                why=why,
            ),
        )
    return Feedback("correct", tr("correct: f is not convex on [{lo:g}, {hi:g}]. {why}", lo=lo, hi=hi, why=why))


# --- exercise 2: the largest stable learning rate --------------------------------------------


@answer_check
def check_largest_lr(answer) -> Feedback:
    """Exercise 2: the largest stable learning rate 2/μ_max for f(x, y) = 3x² + 2xy + 2y².

    μ_max is the largest eigenvalue of the Hessian [[6, 2], [2, 4]], i.e. 5 + √5. Recognises 1/μ_max,
    the diagonal entry 6 used as μ_max, the coefficient 3 used as μ_max, and the smallest eigenvalue.
    """
    if answer is None:
        return no_answer("0.5")
    value, problem = read_number(answer, "0.5")
    if value is None:
        return unreadable(problem)
    H = np.array(LARGEST_LR_EXERCISE["hessian"])
    low, mu_max = (float(v) for v in np.linalg.eigvalsh(H))
    limit = 2.0 / mu_max
    if value <= 0:
        return Feedback(
            "wrong", tr("a learning rate is positive; descent x ← x − λ∇f(x) needs λ > 0, got {value:g}", value=value)
        )
    if math.isclose(value, limit, rel_tol=5e-3):
        return Feedback(
            "correct",
            tr(
                "correct: 2/μ_max = 2/{mu_max:.4f} = {limit:.4f}, with μ_max = 5 + √5 the largest eigenvalue of the "
                "Hessian [[6, 2], [2, 4]]. Any λ below it converges; at exactly 2/μ_max the steepest direction bounces "
                "forever.",
                mu_max=mu_max,
                limit=limit,
            ),
        )
    candidates = [
        (1.0 / mu_max, tr("that is 1/μ_max: the largest λ for which descent does not oscillate. It still converges, "
                          "oscillating, up to 2/μ_max")),
        (2.0 / 6.0, tr("you used ∂²f/∂x² = 6 as μ_max; the mixed term 2xy tilts the bowl, and its steepest curvature "
                       "is the largest eigenvalue of the Hessian [[6, 2], [2, 4]]")),
        (2.0 / 3.0, tr("you used the coefficient 3 of x² as μ_max; the curvature is a second derivative (6 for 3x²), "
                       "and with the mixed term 2xy it is the largest eigenvalue of the Hessian")),
        (2.0 / low, tr("you used the smallest eigenvalue {low:.4f}; the steepest direction (the largest eigenvalue) "
                       "is the one that overshoots first", low=low)),
        (1.0 / 6.0, tr("you used 1/∂²f/∂x²; the limit is 2/μ_max, with μ_max the largest eigenvalue of the Hessian")),
    ]  # fmt: skip
    for target, message in candidates:
        if math.isclose(value, target, rel_tol=5e-3):
            return Feedback("wrong", message)
    factor = abs(1.0 - value * mu_max)
    if value > limit:
        return Feedback(
            "wrong",
            tr(
                "too large: at λ = {value:g} the error along the steepest direction is multiplied by "
                "|1 − λμ_max| = {factor:.3g} > 1 each step, so descent diverges",
                value=value,
                factor=factor,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "λ = {value:g} is stable (|1 − λμ_max| = {factor:.3g} < 1) but not the largest: λ can grow until "
            "|1 − λμ_max| = 1",
            value=value,
            factor=factor,
        ),
    )


# --- exercise 3: which minimum? -------------------------------------------------------------


@answer_check
def check_reached_minimum(answer) -> Feedback:
    """Exercise 3: where gradient descent on x⁴ − 3x² + x stops from x₀ = 0.2 with λ = 0.05.

    ``answer`` is the x where it stops (two decimals are enough).
    """
    if answer is None:
        return no_answer("-0.5")
    value, problem = read_number(answer, "-0.5")
    if value is None:
        return unreadable(problem)
    well = get_function(MINIMUM_EXERCISE["function"])
    x0, lr = MINIMUM_EXERCISE["x0"], MINIMUM_EXERCISE["lr"]
    run = gradient_descent(well.grad, x0, lr=lr, f=well.f)
    end = run.x
    best, other = well.minima  # global first
    slope = float(well.grad(x0))
    hump = _local_maximum()
    if abs(value - end) <= 0.01:
        return Feedback(
            "correct",
            tr(
                "correct: it stops at x ≈ {end:.4f}, a local minimum (f = {f_end:.4f}), not the global minimum "
                "x ≈ {best:.4f} (f = {f_best:.4f}). From x₀ = {x0:g}, right of the local maximum at "
                "x ≈ {hump:.4f}, f'(x₀) = {slope:.3f} < 0, so descent moves right, into the right valley.",
                end=end,
                f_end=well.f(end),
                best=best,
                f_best=well.f(best),
                x0=x0,
                hump=hump,
                slope=slope,
            ),
        )
    if abs(value - best) <= 0.01:
        return Feedback(
            "wrong",
            tr(
                "that is the global minimum, but descent only goes downhill from where it starts: f'({x0:g}) = "
                "{slope:.3f} < 0, so x moves right, away from it (the local maximum at x ≈ {hump:.4f} is in between)",
                x0=x0,
                slope=slope,
                hump=hump,
            ),
        )
    if abs(value - hump) <= 0.01:
        return Feedback(
            "wrong",
            tr(
                "that is the local maximum, where f' = 0 too; descent moves away from it (here right, since "
                "f'({x0:g}) < 0)",
                x0=x0,
            ),
        )
    if abs(value - x0) <= 1e-9:
        return Feedback(
            "wrong", tr("that is the start x₀: f'({x0:g}) = {slope:.3f} ≠ 0, so descent moves", x0=x0, slope=slope)
        )
    return Feedback(
        "wrong",
        tr(
            "descent does not stop at {value:g}: it stops where f'(x) = 4x³ − 6x + 1 ≈ 0. Run it: "
            "gradient_descent(well.grad, {x0:g}, lr={lr:g}, f=well.f)",
            value=value,
            x0=x0,
            lr=lr,
        ),
    )


def _local_maximum() -> float:
    roots = np.roots([4.0, 0.0, -6.0, 1.0])  # f'(x) = 4x³ − 6x + 1
    real = np.sort(roots.real[np.abs(roots.imag) < 1e-12])
    return float(real[1])


# --- exercise 4: escaping a saddle ------------------------------------------------------------


def saddle_escape_steps() -> int:
    """Exercise 4's answer, measured: the first step k with |y_k| ≥ 1 on x² − y² (y ← y − λ·(−2y))."""
    y, lr, target = SADDLE_EXERCISE["start"][1], SADDLE_EXERCISE["lr"], SADDLE_EXERCISE["target"]
    k = 0
    while abs(y) < target:
        y = y - lr * (-2.0 * y)
        k += 1
    return k


@answer_check
def check_saddle_escape(answer) -> Feedback:
    """Exercise 4: after how many steps descent on x² − y² from (1, 10⁻⁶), λ = 0.05, first has |y| ≥ 1.

    ``answer`` is a whole number of steps. Recognises the unrounded ratio, rounding down, counting the
    start as a step, the factor 1 + λ or 1 − 2λ instead of 1 + 2λ, the approximation ln(1 + 2λ) ≈ 2λ,
    logarithms of two bases and the step at which the run is declared diverged.
    """
    if answer is None:
        return no_answer("100")
    value, problem = read_number(answer, "100")
    if value is None:
        return unreadable(problem)
    y0, lr, target = SADDLE_EXERCISE["start"][1], SADDLE_EXERCISE["lr"], SADDLE_EXERCISE["target"]
    growth = 1.0 + 2.0 * lr
    ratio = math.log(target / y0) / math.log(growth)
    exact = saddle_escape_steps()
    before = y0 * growth ** (exact - 1)
    formula = f"|y_k| = (1 + 2λ)^k·|y₀| = {growth:g}^k·{y0:g}"
    if value == exact:
        return Feedback(
            "correct",
            tr(
                "correct: {formula} first reaches {target:g} at k = ⌈ln(1/{y0:g})/ln {growth:g}⌉ = ⌈{ratio:.2f}⌉ = "
                "{exact} (after {before_steps} steps |y| = {before:.3f}). The x-coordinate shrinks by 1 − 2λ "
                "meanwhile: descent passes close by the saddle and leaves along y.",
                formula=formula,
                target=target,
                y0=y0,
                growth=growth,
                ratio=ratio,
                exact=exact,
                before_steps=exact - 1,
                before=before,
            ),
        )
    if math.isclose(value, ratio, rel_tol=1e-3):
        return Feedback(
            "wrong",
            tr(
                "the formula is right, but a number of steps is whole: |y_k| exists only at whole steps k, and the "
                "first one with |y_k| ≥ {target:g} is {ratio:.2f} rounded up",
                target=target,
                ratio=ratio,
            ),
        )
    if value == exact - 1:
        return Feedback(
            "wrong",
            tr(
                "after {steps} steps |y| = {before:.3f} < {target:g}: round up, not down",
                steps=exact - 1,
                before=before,
                target=target,
            ),
        )
    if value == exact + 1:
        return Feedback(
            "wrong",
            tr(
                "one too many: k counts the steps (updates), and y_k after {exact} of them is already ≥ {target:g}",
                exact=exact,
                target=target,
            ),
        )
    log_ratio = math.log(target / y0)
    integer = value == round(value)
    candidates = [
        (log_ratio / (2 * lr), tr("you used ln(1 + 2λ) ≈ 2λ; close for a small λ, but the count needs the exact "
                                  "factor: ln(1 + 2λ) = ln {growth:g} = {log_growth:.5f}, not {twice_lr:g}",
                                  growth=growth, log_growth=math.log(growth), twice_lr=2 * lr)),
        (log_ratio / math.log(1 + lr), tr("the factor is 1 + 2λ, not 1 + λ: the gradient of −y² is −2y, so "
                                          "y ← y − λ·(−2y) = (1 + 2λ)y")),
        (math.log10(target / y0) / math.log(growth), tr("you mixed logarithms: log₁₀ on top, ln below. Any base "
                                                          "works, the same in both")),
        (log_ratio / math.log10(growth), tr("you mixed logarithms: ln on top, log₁₀ below. Any base works, the same "
                                            "in both")),
        (math.log(1e12 / 2 / y0) / math.log(growth), tr("that is when gradient_descent declares the run diverged "
                                                         "(‖∇f‖ ≈ 2|y| > 10¹²), long after |y| passed 1")),
    ]  # fmt: skip
    for estimate, message in candidates:
        if math.isclose(value, estimate, rel_tol=1e-3) or (
            integer and value in (math.floor(estimate), math.ceil(estimate))
        ):
            return Feedback("wrong", message)
    if value < 0:
        return Feedback(
            "wrong",
            tr(
                "a negative count: 1 − 2λ = {shrink:g} is the factor of x, which shrinks; y grows by 1 + 2λ = "
                "{growth:g} per step",
                shrink=1 - 2 * lr,
                growth=growth,
            ),
        )
    if value == 0:
        return Feedback(
            "wrong",
            tr(
                "at the start |y₀| = {y0:g} is far below {target:g}; each step multiplies it by {growth:g}",
                y0=y0,
                target=target,
                growth=growth,
            ),
        )
    if not integer:
        return Feedback("wrong", tr("a number of steps is a whole number; {value:g} is not one", value=value))
    log10_y = math.log10(y0) + value * math.log10(growth)
    where = f"|y| = {10**log10_y:.3g}" if log10_y < 300 else f"|y| ≈ 10^{log10_y:.0f}"
    if value < exact:
        return Feedback(
            "wrong",
            tr(
                "after {value:g} steps {where}, still below {target:g}: more steps are needed. Use {formula}",
                value=value,
                where=where,
                target=target,
                formula=formula,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "after {value:g} steps {where}: |y| passed {target:g} long before. Use {formula}",
            value=value,
            where=where,
            target=target,
            formula=formula,
        ),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: is f convex?
        "your answer could not be read: write True (convex) or False (not convex), got {answer}": (
            "답을 읽을 수 없습니다: True(볼록함) 또는 False(볼록하지 않음)로 쓰세요. 받은 답: {answer}"
        ),
        "two numbers (a, b)": "두 수 (a, b)",
        "the interval must be two numbers (a, b) with a < b, got {interval}": (
            "구간은 a < b인 두 수 (a, b)여야 합니다. 받은 값: {interval}"
        ),
        "the interval must be two finite numbers (a, b) with a < b, got ({lo:g}, {hi:g})": (
            "구간은 a < b인 유한한 두 수 (a, b)여야 합니다. 받은 값: ({lo:g}, {hi:g})"
        ),
        "the interval must lie within [-1e6, 1e6], got ({lo:g}, {hi:g})": (
            "구간은 [-1e6, 1e6] 안에 있어야 합니다. 받은 값: ({lo:g}, {hi:g})"
        ),
        "The chord from x = {start:.3g} to {end:.3g} passes below the curve: at its middle it is at "
        "{chord:.4g}, while f({x:.3g}) = {mid:.4g}.": (
            "x = {start:.3g}에서 {end:.3g}까지 이은 현은 곡선 아래를 지납니다: 현의 한가운데 높이는 {chord:.4g}인데, "
            "f({x:.3g}) = {mid:.4g}입니다."
        ),
        "f''(x) = {second} cannot be evaluated as a number: the second-derivative test needs f twice "
        "differentiable on the whole interval": (
            "f''(x) = {second}을(를) 수로 계산할 수 없습니다: 이계도함수 판정법을 쓰려면 f가 구간 전체에서 두 번 "
            "미분 가능해야 합니다"
        ),
        "f''(x) = {second} is not defined at x = {x:.3g}, inside [{lo:g}, {hi:g}]: "
        "the second-derivative test needs f twice differentiable on the whole interval": (
            "f''(x) = {second}은(는) [{lo:g}, {hi:g}] 안의 x = {x:.3g}에서 정의되지 않습니다: 이계도함수 판정법을 "
            "쓰려면 f가 구간 전체에서 두 번 미분 가능해야 합니다"
        ),
        "True or False": "True 또는 False",
        "f must be a formula string such as 'x**2 + sin(x)', got {f}": (
            "f는 'x**2 + sin(x)' 같은 수식 문자열이어야 합니다. 받은 값: {f}"
        ),
        "f could not be read as a formula: {error}": "f를 수식으로 읽을 수 없습니다: {error}",
        "f''(x) = {second} ≥ 0 everywhere on [{lo:g}, {hi:g}] (its smallest value is {low:.4g}, "
        "at x = {x_min:.3g}), so every chord lies above the curve": (
            "[{lo:g}, {hi:g}]의 모든 점에서 f''(x) = {second} ≥ 0이므로(가장 작은 값은 x = {x_min:.3g}에서의 "
            "{low:.4g}), 모든 현이 곡선보다 위에 있습니다"
        ),
        "correct: f is convex on [{lo:g}, {hi:g}]: {why}.": "정답입니다: f는 [{lo:g}, {hi:g}]에서 볼록합니다: {why}.",
        "f is convex on [{lo:g}, {hi:g}]: {why}. A function like this has no local minimum that is not "
        "the global one.": (
            "f는 [{lo:g}, {hi:g}]에서 볼록합니다: {why}. 이런 함수에는 최솟값이 아닌 극솟값이 없습니다."
        ),
        "f''(x) = {second}, and at x = {x_bad:.3g} it is {bad:.4g} < 0: the curve bends downwards there.{chord}": (
            "f''(x) = {second}이고, x = {x_bad:.3g}에서 그 값은 {bad:.4g} < 0입니다: 곡선이 그곳에서 아래로 "
            "휘어 있습니다.{chord}"
        ),
        "not convex on [{lo:g}, {hi:g}]: a counter-example is x = {x_bad:.3g}. {why}": (
            "[{lo:g}, {hi:g}]에서 볼록하지 않습니다: 반례는 x = {x_bad:.3g}입니다. {why}"
        ),
        "correct: f is not convex on [{lo:g}, {hi:g}]. {why}": (
            "정답입니다: f는 [{lo:g}, {hi:g}]에서 볼록하지 않습니다. {why}"
        ),
        # exercise 2: the largest stable learning rate
        "a learning rate is positive; descent x ← x − λ∇f(x) needs λ > 0, got {value:g}": (
            "학습률은 양수입니다. 경사하강법 x ← x − λ∇f(x)에는 λ > 0이 필요합니다. 받은 답: {value:g}"
        ),
        "correct: 2/μ_max = 2/{mu_max:.4f} = {limit:.4f}, with μ_max = 5 + √5 the largest eigenvalue of the "
        "Hessian [[6, 2], [2, 4]]. Any λ below it converges; at exactly 2/μ_max the steepest direction bounces "
        "forever.": (
            "정답입니다: 2/μ_max = 2/{mu_max:.4f} = {limit:.4f}이고, μ_max = 5 + √5는 헤시안 행렬 [[6, 2], [2, 4]]의 "
            "가장 큰 고윳값입니다. 이보다 작은 λ는 모두 수렴하고, 정확히 2/μ_max이면 가장 가파른 방향에서 영원히 "
            "튕기며 오갑니다."
        ),
        "that is 1/μ_max: the largest λ for which descent does not oscillate. It still converges, "
        "oscillating, up to 2/μ_max": (
            "1/μ_max입니다: 경사하강법이 진동하지 않는 가장 큰 λ입니다. 2/μ_max까지는 진동하면서도 여전히 수렴합니다"
        ),
        "you used ∂²f/∂x² = 6 as μ_max; the mixed term 2xy tilts the bowl, and its steepest curvature "
        "is the largest eigenvalue of the Hessian [[6, 2], [2, 4]]": (
            "∂²f/∂x² = 6을 μ_max로 썼습니다. 교차항 2xy가 그릇을 기울이므로, 가장 가파른 곡률은 헤시안 행렬 "
            "[[6, 2], [2, 4]]의 가장 큰 고윳값입니다"
        ),
        "you used the coefficient 3 of x² as μ_max; the curvature is a second derivative (6 for 3x²), "
        "and with the mixed term 2xy it is the largest eigenvalue of the Hessian": (
            "x²의 계수 3을 μ_max로 썼습니다. 곡률은 이계도함수이고(3x²이면 6), 교차항 2xy가 있으면 헤시안 행렬의 "
            "가장 큰 고윳값입니다"
        ),
        "you used the smallest eigenvalue {low:.4f}; the steepest direction (the largest eigenvalue) "
        "is the one that overshoots first": (
            "가장 작은 고윳값 {low:.4f}을(를) 썼습니다. 먼저 지나쳐 버리는 것은 가장 가파른 방향(가장 큰 고윳값)입니다"
        ),
        "you used 1/∂²f/∂x²; the limit is 2/μ_max, with μ_max the largest eigenvalue of the Hessian": (
            "1/∂²f/∂x²을 썼습니다. 한계는 2/μ_max이고, μ_max는 헤시안 행렬의 가장 큰 고윳값입니다"
        ),
        "too large: at λ = {value:g} the error along the steepest direction is multiplied by "
        "|1 − λμ_max| = {factor:.3g} > 1 each step, so descent diverges": (
            "너무 큽니다: λ = {value:g}이면 가장 가파른 방향의 오차에 스텝마다 |1 − λμ_max| = {factor:.3g} > 1이 "
            "곱해지므로, 경사하강법이 발산합니다"
        ),
        "λ = {value:g} is stable (|1 − λμ_max| = {factor:.3g} < 1) but not the largest: λ can grow until "
        "|1 − λμ_max| = 1": (
            "λ = {value:g}은(는) 안정적이지만(|1 − λμ_max| = {factor:.3g} < 1) 가장 큰 값은 아닙니다: λ는 "
            "|1 − λμ_max| = 1이 될 때까지 커질 수 있습니다"
        ),
        # exercise 3: which minimum?
        "correct: it stops at x ≈ {end:.4f}, a local minimum (f = {f_end:.4f}), not the global minimum "
        "x ≈ {best:.4f} (f = {f_best:.4f}). From x₀ = {x0:g}, right of the local maximum at "
        "x ≈ {hump:.4f}, f'(x₀) = {slope:.3f} < 0, so descent moves right, into the right valley.": (
            "정답입니다: 경사하강법은 x ≈ {end:.4f}에서 멈춥니다. 이곳은 극솟값(f = {f_end:.4f})이지, 최솟값인 "
            "x ≈ {best:.4f}(f = {f_best:.4f})가 아닙니다. 출발점 x₀ = {x0:g}은(는) x ≈ {hump:.4f}에 있는 극댓값의 "
            "오른쪽이고 f'(x₀) = {slope:.3f} < 0이므로, 경사하강법은 오른쪽으로, 곧 오른쪽 골짜기로 움직입니다."
        ),
        "that is the global minimum, but descent only goes downhill from where it starts: f'({x0:g}) = "
        "{slope:.3f} < 0, so x moves right, away from it (the local maximum at x ≈ {hump:.4f} is in between)": (
            "그것은 최솟값이지만, 경사하강법은 출발한 곳에서 내리막으로만 갑니다: f'({x0:g}) = {slope:.3f} < 0이므로 "
            "x는 오른쪽으로, 곧 최솟값에서 멀어지는 쪽으로 움직입니다(그 사이에 x ≈ {hump:.4f}의 극댓값이 있습니다)"
        ),
        "that is the local maximum, where f' = 0 too; descent moves away from it (here right, since f'({x0:g}) < 0)": (
            "그것은 극댓값으로, 그곳에서도 f' = 0입니다. 경사하강법은 극댓값에서 멀어집니다"
            "(여기서는 f'({x0:g}) < 0이므로 오른쪽으로)"
        ),
        "that is the start x₀: f'({x0:g}) = {slope:.3f} ≠ 0, so descent moves": (
            "그것은 출발점 x₀입니다: f'({x0:g}) = {slope:.3f} ≠ 0이므로 경사하강법은 움직입니다"
        ),
        "descent does not stop at {value:g}: it stops where f'(x) = 4x³ − 6x + 1 ≈ 0. Run it: "
        "gradient_descent(well.grad, {x0:g}, lr={lr:g}, f=well.f)": (
            "경사하강법은 {value:g}에서 멈추지 않습니다: f'(x) = 4x³ − 6x + 1 ≈ 0인 곳에서 멈춥니다. 실행해 보세요: "
            "gradient_descent(well.grad, {x0:g}, lr={lr:g}, f=well.f)"
        ),
        # exercise 4: escaping a saddle
        "correct: {formula} first reaches {target:g} at k = ⌈ln(1/{y0:g})/ln {growth:g}⌉ = ⌈{ratio:.2f}⌉ = "
        "{exact} (after {before_steps} steps |y| = {before:.3f}). The x-coordinate shrinks by 1 − 2λ "
        "meanwhile: descent passes close by the saddle and leaves along y.": (
            "정답입니다: {formula}은(는) k = ⌈ln(1/{y0:g})/ln {growth:g}⌉ = ⌈{ratio:.2f}⌉ = {exact}에서 처음으로 "
            "{target:g}에 이릅니다({before_steps}번의 스텝 뒤에는 |y| = {before:.3f}). 그동안 x 좌표는 스텝마다 "
            "1 − 2λ배로 줄어듭니다: 경사하강법은 안장점 가까이를 지나 y 방향으로 빠져나갑니다."
        ),
        "the formula is right, but a number of steps is whole: |y_k| exists only at whole steps k, and the "
        "first one with |y_k| ≥ {target:g} is {ratio:.2f} rounded up": (
            "공식은 맞지만, 스텝 수는 정수입니다: |y_k|는 정수인 스텝 k에서만 있으므로, |y_k| ≥ {target:g}인 첫 스텝은 "
            "{ratio:.2f}을(를) 올림한 값입니다"
        ),
        "after {steps} steps |y| = {before:.3f} < {target:g}: round up, not down": (
            "{steps}번의 스텝 뒤에는 |y| = {before:.3f} < {target:g}입니다: 내림하지 말고 올림하세요"
        ),
        "one too many: k counts the steps (updates), and y_k after {exact} of them is already ≥ {target:g}": (
            "하나 많습니다: k는 스텝(업데이트)의 수이고, {exact}번의 스텝 뒤 y_k는 이미 {target:g} 이상입니다"
        ),
        "you used ln(1 + 2λ) ≈ 2λ; close for a small λ, but the count needs the exact "
        "factor: ln(1 + 2λ) = ln {growth:g} = {log_growth:.5f}, not {twice_lr:g}": (
            "ln(1 + 2λ) ≈ 2λ로 근사했습니다. λ가 작으면 가깝지만, 스텝 수를 세려면 정확한 인자가 필요합니다: "
            "ln(1 + 2λ)는 {twice_lr:g}이 아니라 ln {growth:g} = {log_growth:.5f}입니다"
        ),
        "the factor is 1 + 2λ, not 1 + λ: the gradient of −y² is −2y, so y ← y − λ·(−2y) = (1 + 2λ)y": (
            "인자는 1 + λ가 아니라 1 + 2λ입니다: −y²의 그레디언트는 −2y이므로 y ← y − λ·(−2y) = (1 + 2λ)y입니다"
        ),
        "you mixed logarithms: log₁₀ on top, ln below. Any base works, the same in both": (
            "로그를 섞어 썼습니다: 분자에는 log₁₀, 분모에는 ln을 썼습니다. 밑은 무엇이든 되지만, 분자와 분모의 밑이 "
            "같아야 합니다"
        ),
        "you mixed logarithms: ln on top, log₁₀ below. Any base works, the same in both": (
            "로그를 섞어 썼습니다: 분자에는 ln, 분모에는 log₁₀을 썼습니다. 밑은 무엇이든 되지만, 분자와 분모의 밑이 "
            "같아야 합니다"
        ),
        "that is when gradient_descent declares the run diverged (‖∇f‖ ≈ 2|y| > 10¹²), long after |y| passed 1": (
            "그것은 gradient_descent가 실행이 발산했다고 판정하는 때입니다(‖∇f‖ ≈ 2|y| > 10¹²): |y|가 1을 넘고 "
            "한참 지난 뒤입니다"
        ),
        "a negative count: 1 − 2λ = {shrink:g} is the factor of x, which shrinks; y grows by 1 + 2λ = "
        "{growth:g} per step": (
            "음수인 스텝 수입니다: 1 − 2λ = {shrink:g}은(는) 줄어드는 x에 곱해지는 인자입니다. y는 스텝마다 "
            "1 + 2λ = {growth:g}배로 커집니다"
        ),
        "at the start |y₀| = {y0:g} is far below {target:g}; each step multiplies it by {growth:g}": (
            "처음 값 |y₀| = {y0:g}은(는) {target:g}보다 훨씬 작습니다. 스텝마다 이 값에 {growth:g}이(가) 곱해집니다"
        ),
        "a number of steps is a whole number; {value:g} is not one": (
            "스텝 수는 정수입니다. {value:g}은(는) 정수가 아닙니다"
        ),
        "after {value:g} steps {where}, still below {target:g}: more steps are needed. Use {formula}": (
            "{value:g}번의 스텝 뒤에도 아직 {target:g}보다 작습니다({where}): 스텝이 더 필요합니다. "
            "{formula}을(를) 쓰세요"
        ),
        "after {value:g} steps {where}: |y| passed {target:g} long before. Use {formula}": (
            "{value:g}번의 스텝 뒤에는 {where}입니다: |y|는 훨씬 전에 {target:g}을(를) 넘었습니다. {formula}을(를) 쓰세요"
        ),
    }
)

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
from ..formula import FormulaError, compile_formula
from ..functions import get_function
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
    return None, f"your answer could not be read: write True (convex) or False (not convex), got {describe(answer)}"


def _read_interval(interval) -> tuple[tuple[float, float] | None, str | None]:
    pair, problem = read_array(interval, "two numbers (a, b)", finite=False)
    if pair is None or pair.shape != (2,):
        return None, f"the interval must be two numbers (a, b) with a < b, got {describe(interval)}"
    lo, hi = float(pair[0]), float(pair[1])
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        return None, f"the interval must be two finite numbers (a, b) with a < b, got ({lo:g}, {hi:g})"
    if max(abs(lo), abs(hi)) > 1e6:
        return None, f"the interval must lie within [-1e6, 1e6], got ({lo:g}, {hi:g})"
    return (lo, hi), None


def _chord_counterexample(f, x: float, lo: float, hi: float) -> str:
    """A chord from x − h to x + h that passes below f(x), as text ('' if none is found)."""
    for k in range(12):
        h = min(1.0, x - lo, hi - x) / 2**k
        if h <= 0:
            break
        left, mid, right = float(f(x - h)), float(f(x)), float(f(x + h))
        if mid > (left + right) / 2 + 1e-9 * (1 + abs(mid)):
            return (
                f" The chord from x = {x - h:.3g} to {x + h:.3g} passes below the curve: at its middle it is at "
                f"{(left + right) / 2:.4g}, while f({x:.3g}) = {mid:.4g}."
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
            f"f''(x) = {second} cannot be evaluated as a number: the second-derivative test needs f twice "
            "differentiable on the whole interval"
        ) from exc
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"f''(x) = {second} is not defined at x = {grid[bad][0]:.3g}, inside [{lo:g}, {hi:g}]: "
            "the second-derivative test needs f twice differentiable on the whole interval"
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
        return no_answer("True or False")
    verdict, problem = _read_verdict(answer)
    if verdict is None:
        return unreadable(problem)
    if not isinstance(f, str):
        return Feedback("unreadable", f"f must be a formula string such as 'x**2 + sin(x)', got {describe(f)}")
    bounds, problem = _read_interval(interval)
    if bounds is None:
        return unreadable(problem)
    try:
        report = convexity_report(f, bounds)
        fx = compile_formula(f, ("x",)).f
    except FormulaError as exc:
        return Feedback("unreadable", f"f could not be read as a formula: {exc}")
    except (ValueError, TypeError, ArithmeticError) as exc:
        return Feedback("unreadable", str(exc))
    lo, hi = bounds
    second, x_min, low = report["second"], report["x_min"], report["min"]
    where = f"on [{lo:g}, {hi:g}]"
    if report["convex"]:
        why = (
            f"f''(x) = {second} ≥ 0 everywhere {where} (its smallest value is {low:.4g}, at x = {x_min:.3g}), "
            "so every chord lies above the curve"
        )
        if verdict:
            return Feedback("correct", f"correct: f is convex {where}: {why}.")
        return Feedback(
            "wrong",
            f"f is convex {where}: {why}. A function like this has no local minimum that is not the global one.",
        )
    x_bad, bad = report["x_bad"], report["bad"]
    chord = _chord_counterexample(fx, x_bad, lo, hi)
    why = f"f''(x) = {second}, and at x = {x_bad:.3g} it is {bad:.4g} < 0: the curve bends downwards there.{chord}"
    if verdict:
        return Feedback("wrong", f"not convex {where}: a counter-example is x = {x_bad:.3g}. {why}")
    return Feedback("correct", f"correct: f is not convex {where}. {why}")


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
        return Feedback("wrong", f"a learning rate is positive; descent x ← x − λ∇f(x) needs λ > 0, got {value:g}")
    if math.isclose(value, limit, rel_tol=5e-3):
        return Feedback(
            "correct",
            f"correct: 2/μ_max = 2/{mu_max:.4f} = {limit:.4f}, with μ_max = 5 + √5 the largest eigenvalue of the "
            "Hessian [[6, 2], [2, 4]]. Any λ below it converges; at exactly 2/μ_max the steepest direction bounces "
            "forever.",
        )
    candidates = [
        (1.0 / mu_max, "that is 1/μ_max: the largest λ for which descent does not oscillate. It still converges, "
                       "oscillating, up to 2/μ_max"),
        (2.0 / 6.0, "you used ∂²f/∂x² = 6 as μ_max; the mixed term 2xy tilts the bowl, and its steepest curvature is "
                    "the largest eigenvalue of the Hessian [[6, 2], [2, 4]]"),
        (2.0 / 3.0, "you used the coefficient 3 of x² as μ_max; the curvature is a second derivative (6 for 3x²), "
                    "and with the mixed term 2xy it is the largest eigenvalue of the Hessian"),
        (2.0 / low, f"you used the smallest eigenvalue {low:.4f}; the steepest direction (the largest eigenvalue) "
                    "is the one that overshoots first"),
        (1.0 / 6.0, "you used 1/∂²f/∂x²; the limit is 2/μ_max, with μ_max the largest eigenvalue of the Hessian"),
    ]  # fmt: skip
    for target, message in candidates:
        if math.isclose(value, target, rel_tol=5e-3):
            return Feedback("wrong", message)
    factor = abs(1.0 - value * mu_max)
    if value > limit:
        return Feedback(
            "wrong",
            f"too large: at λ = {value:g} the error along the steepest direction is multiplied by "
            f"|1 − λμ_max| = {factor:.3g} > 1 each step, so descent diverges",
        )
    return Feedback(
        "wrong",
        f"λ = {value:g} is stable (|1 − λμ_max| = {factor:.3g} < 1) but not the largest: λ can grow until "
        "|1 − λμ_max| = 1",
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
            f"correct: it stops at x ≈ {end:.4f}, a local minimum (f = {well.f(end):.4f}), not the global minimum "
            f"x ≈ {best:.4f} (f = {well.f(best):.4f}). From x₀ = {x0:g}, right of the local maximum at "
            f"x ≈ {hump:.4f}, f'(x₀) = {slope:.3f} < 0, so descent moves right, into the right valley.",
        )
    if abs(value - best) <= 0.01:
        return Feedback(
            "wrong",
            f"that is the global minimum, but descent only goes downhill from where it starts: f'({x0:g}) = "
            f"{slope:.3f} < 0, so x moves right, away from it (the local maximum at x ≈ {hump:.4f} is in between)",
        )
    if abs(value - hump) <= 0.01:
        return Feedback(
            "wrong",
            f"that is the local maximum, where f' = 0 too; descent moves away from it (here right, since f'({x0:g}) < 0)",
        )
    if abs(value - x0) <= 1e-9:
        return Feedback("wrong", f"that is the start x₀: f'({x0:g}) = {slope:.3f} ≠ 0, so descent moves")
    return Feedback(
        "wrong",
        f"descent does not stop at {value:g}: it stops where f'(x) = 4x³ − 6x + 1 ≈ 0. Run it: "
        f"gradient_descent(well.grad, {x0:g}, lr={lr:g}, f=well.f)",
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
            f"correct: {formula} first reaches {target:g} at k = ⌈ln(1/{y0:g})/ln {growth:g}⌉ = ⌈{ratio:.2f}⌉ = {exact} "
            f"(after {exact - 1} steps |y| = {before:.3f}). The x-coordinate shrinks by 1 − 2λ meanwhile: descent "
            "passes close by the saddle and leaves along y.",
        )
    if math.isclose(value, ratio, rel_tol=1e-3):
        return Feedback(
            "wrong",
            f"the formula is right, but a number of steps is whole: |y_k| exists only at whole steps k, and the first "
            f"one with |y_k| ≥ {target:g} is {ratio:.2f} rounded up",
        )
    if value == exact - 1:
        return Feedback("wrong", f"after {exact - 1} steps |y| = {before:.3f} < {target:g}: round up, not down")
    if value == exact + 1:
        return Feedback(
            "wrong",
            f"one too many: k counts the steps (updates), and y_k after {exact} of them is already ≥ {target:g}",
        )
    log_ratio = math.log(target / y0)
    integer = value == round(value)
    candidates = [
        (log_ratio / (2 * lr), "you used ln(1 + 2λ) ≈ 2λ; close for a small λ, but the count needs the exact "
                               f"factor: ln(1 + 2λ) = ln {growth:g} = {math.log(growth):.5f}, not {2 * lr:g}"),
        (log_ratio / math.log(1 + lr), "the factor is 1 + 2λ, not 1 + λ: the gradient of −y² is −2y, so "
                                       "y ← y − λ·(−2y) = (1 + 2λ)y"),
        (math.log10(target / y0) / math.log(growth), "you mixed logarithms: log₁₀ on top, ln below. Any base "
                                                       "works, the same in both"),
        (log_ratio / math.log10(growth), "you mixed logarithms: ln on top, log₁₀ below. Any base works, the same "
                                         "in both"),
        (math.log(1e12 / 2 / y0) / math.log(growth), "that is when gradient_descent declares the run diverged "
                                                      "(‖∇f‖ ≈ 2|y| > 10¹²), long after |y| passed 1"),
    ]  # fmt: skip
    for estimate, message in candidates:
        if math.isclose(value, estimate, rel_tol=1e-3) or (
            integer and value in (math.floor(estimate), math.ceil(estimate))
        ):
            return Feedback("wrong", message)
    if value < 0:
        return Feedback(
            "wrong",
            f"a negative count: 1 − 2λ = {1 - 2 * lr:g} is the factor of x, which shrinks; y grows by 1 + 2λ = "
            f"{growth:g} per step",
        )
    if value == 0:
        return Feedback(
            "wrong", f"at the start |y₀| = {y0:g} is far below {target:g}; each step multiplies it by {growth:g}"
        )
    if not integer:
        return Feedback("wrong", f"a number of steps is a whole number; {value:g} is not one")
    log10_y = math.log10(y0) + value * math.log10(growth)
    where = f"|y| = {10**log10_y:.3g}" if log10_y < 300 else f"|y| ≈ 10^{log10_y:.0f}"
    if value < exact:
        return Feedback(
            "wrong", f"after {value:g} steps {where}, still below {target:g}: more steps are needed. Use {formula}"
        )
    return Feedback("wrong", f"after {value:g} steps {where}: |y| passed {target:g} long before. Use {formula}")

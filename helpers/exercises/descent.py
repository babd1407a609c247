"""Self-checks for notebook 02 (the gradient descent algorithm — 경사하강법 알고리즘).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read
(a typo, a hostile formula, a list where a number was asked) gets a message saying so.
Typed formulas are parsed with :func:`helpers.formula.parse_formula`, never with ``sympify``.

Exercises
---------
1. :func:`check_step_count`: how many updates the lecture's loop makes on f(x) = x² + 2x + 3
   from x₀ = 2 with λ = 0.1 and ε = 1e-4.
2. :func:`check_learning_rate`: a learning rate with which descent converges on g(x) = 5x² − 3x
   (curvature μ = 10, so λ < 2/μ = 0.2) within 1000 steps.
3. :func:`check_descent_derivative`: the derivative of f(x) = x² + e^(−x), typed as a formula; the
   check runs gradient descent with it and says where that run ends.
4. :func:`check_finite_difference_stop`: where the lecture's loop stops on f(x) = x² + 2x + 3 when f'
   is replaced by the forward difference with h = 1e-4 (the deep dive on finite-difference descent).
"""

from __future__ import annotations

import functools
import math
import numbers
from typing import TypedDict

import numpy as np
import sympy

from ..descent import DescentResult, gradient_descent
from ..formula import FormulaError, parse_formula
from . import Feedback, answer_check, describe, expression_problem, no_answer, read_number, unreadable

__all__ = [
    "DERIVATIVE_EXERCISE",
    "FINITE_DIFFERENCE_EXERCISE",
    "LEARNING_RATE_EXERCISE",
    "STEPS_EXERCISE",
    "Feedback",
    "check_descent_derivative",
    "check_finite_difference_stop",
    "check_learning_rate",
    "check_step_count",
    "count_steps",
    "finite_difference_stop",
]


class _LearningRateExercise(TypedDict):
    f: str
    a: float
    b: float
    x0: float
    eps: float
    max_steps: int


class _DerivativeExercise(TypedDict):
    f: str
    x0: float
    lr: float


class _FiniteDifferenceExercise(TypedDict):
    x0: float
    lr: float
    eps: float
    h: float


#: Exercise 1: the lecture's loop on f(x) = x² + 2x + 3 (f'(x) = 2x + 2) with these settings.
STEPS_EXERCISE = {"x0": 2.0, "lr": 0.1, "eps": 1e-4}
#: Exercise 2: g(x) = a·x² + b·x from x0, stopping rule eps, at most max_steps updates.
LEARNING_RATE_EXERCISE: _LearningRateExercise = {
    "f": "5*x**2 - 3*x",
    "a": 5.0,
    "b": -3.0,
    "x0": 2.0,
    "eps": 1e-6,
    "max_steps": 1000,
}
#: Exercise 3: differentiate f; descent with the learner's f' runs from x0 with lr.
DERIVATIVE_EXERCISE: _DerivativeExercise = {"f": "x**2 + exp(-x)", "x0": 2.0, "lr": 0.1}
#: Exercise 4: the lecture's loop on f(x) = x² + 2x + 3 with f' replaced by (f(x + h) − f(x)) / h.
FINITE_DIFFERENCE_EXERCISE: _FiniteDifferenceExercise = {"x0": 2.0, "lr": 1e-2, "eps": 1e-5, "h": 1e-4}

_GRID = np.linspace(-2.0, 2.0, 17)


# --- exercise 1: the number of steps -------------------------------------------------------


def count_steps(x0: float, lr: float, eps: float, max_steps: int = 100_000) -> int:
    """Updates the lecture's loop makes on f(x) = x² + 2x + 3: ``while |f'(x)| > eps: x -= lr * f'(x)``."""
    x, n = float(x0), 0
    grad = 2 * x + 2
    while abs(grad) > eps and n < max_steps:
        x = x - lr * grad
        grad = 2 * x + 2
        n += 1
    return n


@answer_check
def check_step_count(answer) -> Feedback:
    """Exercise 1: the number of updates from x₀ = 2 with λ = 0.1, ε = 1e-4 on f(x) = x² + 2x + 3.

    Recognises the unrounded logarithm formula, an answer one too small or one too large, and the
    count with the lecture's settings (λ = 0.01, ε = 1e-5) instead of the exercise's.
    """
    if answer is None:
        return no_answer("42")
    value, problem = read_number(answer, "42")
    if value is None:
        return unreadable(problem)
    x0, lr, eps = STEPS_EXERCISE["x0"], STEPS_EXERCISE["lr"], STEPS_EXERCISE["eps"]
    steps = count_steps(x0, lr, eps)
    g0 = abs(2 * x0 + 2)
    factor = 1 - 2 * lr  # f'(x_k) = (1 − 2λ)^k f'(x_0) on this quadratic
    exact = math.log(eps / g0) / math.log(factor)
    why = f"|f'(x_k)| = {g0:g}·{factor:g}^k falls below ε = {eps:g} first at k = {steps}"
    if value < 0:
        return Feedback("wrong", f"a number of steps cannot be negative ({value:g}): count the updates x ← x − λf'(x)")
    if value != round(value):
        if math.isclose(value, exact, rel_tol=1e-3):
            return Feedback(
                "wrong",
                f"{value:g} solves {g0:g}·{factor:g}^k = ε, but k counts whole steps: round it up "
                f"(after {math.floor(exact)} steps |f'| is still above ε)",
            )
        return Feedback("wrong", f"a number of steps is a whole number, got {value:g}")
    n = int(round(value))
    if n == steps:
        return Feedback("correct", f"correct: {steps} steps, since {why}")
    if n == steps - 1:
        after = g0 * factor ** (steps - 1)
        return Feedback(
            "wrong",
            f"one too few: after {n} steps |f'(x)| = {after:.3g} is still above ε = {eps:g}, so the loop makes one more",
        )
    if n == steps + 1:
        return Feedback(
            "wrong",
            "one too many: count the updates, not the gradient evaluations (the loop evaluates f' once before "
            "its first update)",
        )
    lecture = count_steps(x0, 1e-2, 1e-5)
    if n == lecture:
        return Feedback(
            "wrong",
            f"{n} is the count with the lecture's λ = 0.01 and ε = 1e-5; this exercise uses λ = {lr:g}, ε = {eps:g}",
        )
    return Feedback(
        "wrong",
        f"not {n}: run your loop from x₀ = {x0:g} with λ = {lr:g}, ε = {eps:g} and count the updates "
        f"(or solve {g0:g}·{factor:g}^k ≤ ε for the smallest whole k)",
    )


# --- exercise 2: a learning rate that converges --------------------------------------------


@answer_check
def check_learning_rate(answer) -> Feedback:
    """Exercise 2: a learning rate λ with which descent on g(x) = 5x² − 3x converges within 1000 steps.

    g'' = μ = 10, so each step multiplies g'(x) by (1 − 10λ): converges for 0 < λ < 0.2, in one step
    at λ = 0.1. The check runs :func:`helpers.descent.gradient_descent` from x₀ = 2 with ε = 1e-6.
    """
    if answer is None:
        return no_answer("0.05")
    lr, problem = read_number(answer, "0.05")
    if lr is None:
        return unreadable(problem)
    ex = LEARNING_RATE_EXERCISE
    a, b, x0, eps, cap = ex["a"], ex["b"], ex["x0"], ex["eps"], ex["max_steps"]
    curvature = 2 * a
    limit = 2 / curvature
    if lr <= 0:
        what = "does not move" if lr == 0 else "climbs: x + |λ|·g'(x) is gradient ascent"
        return Feedback("wrong", f"λ must be positive: with λ = {lr:g} descent {what}")

    def grad(x):
        return 2 * a * x + b

    def g(x):
        return a * x * x + b * x

    factor = 1 - curvature * lr
    result = gradient_descent(grad, x0, lr=lr, eps=eps, steps=cap, f=g)
    rule = f"each step multiplies g'(x) by 1 − {curvature:g}λ = {factor:.3g}"
    if result.converged:
        if abs(factor) < 1e-12 or result.steps <= 1:
            how = "in one step: λ = 1/μ lands exactly on the minimum of a quadratic"
        elif factor > 0:
            how = f"monotonically in {result.steps} steps"
        else:
            how = f"in {result.steps} steps, overshooting back and forth (λ > 1/μ = {1 / curvature:g})"
        return Feedback("correct", f"correct: with λ = {lr:g} descent converges {how}; {rule}, and |{factor:.3g}| < 1")
    if lr >= limit:
        if math.isclose(lr, limit, rel_tol=1e-12):
            return Feedback(
                "wrong",
                f"λ = {lr:g} = 2/μ is the edge: {rule}, so x jumps between two points forever. Take a smaller λ",
            )
        where = f"diverged at step {result.diverged_at}" if result.diverged else "did not converge"
        return Feedback(
            "wrong",
            f"too large: descent {where}; {rule}, and |{factor:.3g}| > 1 makes every step overshoot further. "
            f"g''(x) = μ = {curvature:g}, so λ must stay below 2/μ = {limit:g}",
        )
    # 0 < λ < 2/μ but the cap came first: too small.
    need = math.log(eps / abs(grad(x0))) / math.log(factor) if 0 < factor < 1 else math.inf
    need_text = f"about {math.ceil(need)} steps" if math.isfinite(need) and need < 1e15 else "far too many steps"
    return Feedback(
        "wrong",
        f"too small: descent converges with λ = {lr:g}, but needs {need_text}, more than {cap}; {rule}, "
        "so the steps barely shrink g'(x). Take a larger λ (below 2/μ)",
    )


# --- exercise 3: a typed derivative, used in descent ---------------------------------------


def _true_derivative(x):
    return 2 * x - np.exp(-x)


def _read_derivative(answer):
    """The answer as a numpy callable in x, or (None, reason)."""
    x = sympy.Symbol("x")
    if isinstance(answer, str):
        try:
            expr = parse_formula(answer, ("x",))
        except FormulaError as exc:
            return None, f"your answer could not be read as a formula: {exc}"
    elif isinstance(answer, (bool, np.bool_)):
        return None, f"your answer is {answer}: write a formula such as '2*x + 1'"
    elif isinstance(answer, sympy.Basic):
        if not isinstance(answer, sympy.Expr):
            return None, f"your answer could not be read: expected a formula in x, got {describe(answer)}"
        others = sorted(str(s) for s in answer.free_symbols if str(s) != "x")
        if others:
            return None, f"your answer uses {', '.join(others)}, but the only variable here is x"
        if answer.has(sympy.Derivative, sympy.Integral):
            return None, "your answer still contains an unevaluated derivative: give the formula itself"
        too_large = expression_problem(answer)
        if too_large:
            return None, too_large
        expr = answer.xreplace({s: x for s in answer.free_symbols})
    elif isinstance(answer, numbers.Real):
        try:
            expr = sympy.Float(float(answer))
        except OverflowError:  # an int such as 10**400
            return None, f"your answer {describe(answer)} is too large: write a formula such as '2*x + 1'"
    elif callable(answer):
        return answer, None
    else:
        return None, (
            f"your answer could not be read: expected a formula string such as '2*x + 1', a sympy expression "
            f"or a function of x, got {describe(answer)}"
        )
    try:
        fn = sympy.lambdify(x, expr, "numpy")
    except Exception as exc:  # pragma: no cover - anything sympy cannot compile is "unreadable"
        return None, f"your answer could not be turned into a function of x: {type(exc).__name__}"
    return fn, None


def _values(fn, xs: np.ndarray) -> np.ndarray | None:
    """fn at each point of xs as floats (NaN where undefined), or None if fn cannot be evaluated."""
    out = np.empty_like(xs)
    with np.errstate(all="ignore"):
        for i, t in enumerate(xs):
            try:
                v = complex(np.asarray(fn(np.float64(t))).reshape(()))
            except Exception:  # a learner's function may raise anything
                return None
            out[i] = v.real if v.imag == 0 else math.nan
    return out


@answer_check
def check_descent_derivative(answer) -> Feedback:
    """Exercise 3: f'(x) for f(x) = x² + e^(−x), as a formula string, a sympy expression or a function.

    The answer is compared with 2x − e^(−x) at 17 points of [−2, 2]; then gradient descent runs with
    it from x₀ = 2 (λ = 0.1) and the message says where it stops and whether that is the minimum.
    Recognises f itself, a flipped sign, the chain rule's missing −1 (2x + e^(−x)), e^x for e^(−x)
    and a missing factor 2.
    """
    if answer is None:
        return no_answer("'2*x + 1'")
    fn, problem = _read_derivative(answer)
    if fn is None:
        return unreadable(problem)
    mine = _values(fn, _GRID)
    if mine is None:
        return Feedback(
            "unreadable",
            "your function raised an error or did not return one number when called with a number x: try it on x = 1.0",
        )
    exact = _true_derivative(_GRID)
    if not np.all(np.isfinite(mine)):
        bad = float(_GRID[~np.isfinite(mine)][0])
        return Feedback("wrong", f"your f' is undefined at x = {bad:g}, but f'(x) = 2x − e^(−x) exists everywhere")

    x0, lr = DERIVATIVE_EXERCISE["x0"], DERIVATIVE_EXERCISE["lr"]
    if np.allclose(mine, exact, rtol=1e-9, atol=1e-9):
        right = gradient_descent(_true_derivative, x0, lr=lr, eps=1e-8)
        return Feedback(
            "correct",
            f"correct: f'(x) = 2x − e^(−x). Descent with it from x₀ = {x0:g} (λ = {lr:g}) {right.message} "
            f"at x = {right.x:.6f}, where 2x = e^(−x)",
        )

    def same(target) -> bool:
        return bool(np.allclose(mine, target, rtol=1e-9, atol=1e-9))

    named = [
        (_GRID**2 + np.exp(-_GRID), "that is f itself, not its derivative"),
        (-exact, "the sign is flipped: descent with −f' would climb (that is gradient ascent)"),
        (2 * _GRID + np.exp(-_GRID), "check the chain rule: d/dx e^(−x) = e^(−x)·(−1) = −e^(−x)"),
        (2 * _GRID - np.exp(_GRID), "e^(−x) stays e^(−x) when differentiated (times −1 by the chain rule), not e^x"),
        (_GRID - np.exp(-_GRID), "the power rule gives d/dx x² = 2x, not x"),
    ]
    hint = next((message for target, message in named if same(target)), None)
    worst = int(np.argmax(np.abs(mine - exact)))
    if hint is None:
        hint = f"at x = {_GRID[worst]:g} your f' is {mine[worst]:.4g}, but f'(x) = {exact[worst]:.4g}"

    # What descent does with the wrong derivative: it stops where *that* derivative is 0.
    def their_grad(t):
        v = complex(np.asarray(fn(t)).reshape(()))
        return v.real if v.imag == 0 else math.nan

    run: DescentResult | None
    try:
        with np.errstate(all="ignore"):
            run = gradient_descent(their_grad, x0, lr=lr, eps=1e-8, steps=2000)
    except Exception:  # a learner's function may fail anywhere on the path
        run = None
    if run is None:
        outcome = ""
    elif run.converged:
        true_slope = float(_true_derivative(run.x))
        outcome = (
            f". Descent with your f' stops at x = {run.x:.4f}, where the true f'(x) = {true_slope:.3g} ≠ 0: "
            "not the minimum of f"
        )
    elif run.diverged:
        outcome = f". Descent with your f' from x₀ = {x0:g} diverged at step {run.diverged_at}"
    else:
        outcome = f". Descent with your f' from x₀ = {x0:g} never settles (it {run.message})"
    return Feedback("wrong", f"not yet: {hint}{outcome}")


# --- exercise 4: where the finite-difference loop stops ------------------------------------


@functools.cache
def finite_difference_stop(
    h: float, x0: float = 2.0, lr: float = 1e-2, eps: float = 1e-5, max_steps: int = 100_000
) -> float:
    """Where the lecture's loop on f(x) = x² + 2x + 3 stops with f' replaced by (f(x + h) − f(x)) / h.

    ``while |estimate| > eps: x -= lr * estimate``, at most ``max_steps`` updates. In exact arithmetic
    the estimate is 2x + 2 + h: the forward difference's bias h·f''/2 is h on this quadratic.
    """

    def f(x: float) -> float:
        return x * x + 2 * x + 3

    x, n = float(x0), 0
    slope = (f(x + h) - f(x)) / h
    while abs(slope) > eps and n < max_steps:
        x = x - lr * slope
        slope = (f(x + h) - f(x)) / h
        n += 1
    return x


@answer_check
def check_finite_difference_stop(answer) -> Feedback:
    """Exercise 4: the x where the loop stops with the forward difference, h = 1e-4, from x₀ = 2.

    The estimate is 2x + 2 + h exactly, and coming from above the loop stops at the first step with
    2(x + 1) + h ≤ ε, at x + 1 ≈ (ε − h)/2 = −4.5e-5: x ≈ −1.000045. Correct within 1e-6 of the
    run's x. Recognises −1 − h/2 (where the estimate is 0), −1 − (h + ε)/2 (the wrong side of ε),
    the exact loop's −1 + ε/2 and the minimum −1 (no bias), a bias of the wrong sign, h instead of
    h/2, and x + 1 given for x.
    """
    if answer is None:
        return no_answer("-1.0")
    value, problem = read_number(answer, "-1.0")
    if value is None:
        return unreadable(problem)
    ex = FINITE_DIFFERENCE_EXERCISE
    x0, lr, eps, h = ex["x0"], ex["lr"], ex["eps"], ex["h"]
    stop = finite_difference_stop(h, x0, lr, eps)
    rule = (
        f"the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and coming down from "
        f"x₀ = {x0:g} the loop stops at the first step with 2(x + 1) + h ≤ ε, at x + 1 ≈ (ε − h)/2 = {(eps - h) / 2:.2g}"
    )
    hint = (
        "the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and the loop stops at the "
        "first step where that estimate is ≤ ε: solve 2(x + 1) + h = ε for x"
    )
    if abs(value - stop) <= 1e-6:
        return Feedback("correct", f"correct: the loop stops at x = {stop:.6f}; {rule}")

    def near(target: float) -> bool:
        return abs(value - target) <= 5e-7

    slips = [
        (
            -1 - h / 2,
            f"that is −1 − h/2, where the estimate 2x + 2 + h is exactly 0; the loop stops a little earlier, as soon "
            f"as the estimate is ≤ ε = {eps:g}, that is ε/2 further right (if you rounded, give 6 decimals)",
        ),
        (
            -1 - (h + eps) / 2,
            f"that is where the estimate is −ε; but the loop comes from above (x₀ = {x0:g}), where the estimate is "
            "positive, and stops when it first falls to +ε",
        ),
        (
            -1 + eps / 2,
            "that is where the loop with the exact f' stops; the forward difference adds its bias h·f''/2 = h to f', "
            "which moves the stop by h/2",
        ),
        (-1.0, "that is the minimum of f, but the loop stops where the estimate of f' is ≤ ε, not where f' = 0"),
        (
            -1 + h / 2,
            "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
            "((f(x + h) − f(x))/h = 2x + 2 + h), so its zero lies left of −1",
        ),
        (
            -1 + (h - eps) / 2,
            "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
            "((f(x + h) − f(x))/h = 2x + 2 + h), so the stop lies left of −1",
        ),
        (-1 - h, "the estimate is off by h, but x moves by that divided by f'' = 2: by h/2"),
        (-1 - h + eps / 2, "the estimate is off by h, but x moves by that divided by f'' = 2: by h/2"),
        (stop + 1, f"that is x + 1 = {stop + 1:.2g}; give x itself"),
        ((eps - h) / 2, f"that is x + 1 = {(eps - h) / 2:.2g}; give x itself"),
    ]
    for target, message in slips:
        if near(target):
            return Feedback("wrong", f"not quite: {message}")
    if abs(value - stop) < 2e-5:
        return Feedback(
            "wrong",
            f"close, but {value:.6f} is {abs(value - stop):.1e} from where the loop stops (give x to 6 decimals); {hint}",
        )
    return Feedback("wrong", f"not {value:g}: {hint}. Or run `descend` with the forward difference and see")

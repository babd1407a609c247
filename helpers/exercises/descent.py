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
from ..i18n import Messages
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
    why = tr(
        "|f'(x_k)| = {g0:g}·{factor:g}^k falls below ε = {eps:g} first at k = {steps}",
        g0=g0,
        factor=factor,
        eps=eps,
        steps=steps,
    )
    if value < 0:
        return Feedback(
            "wrong",
            tr("a number of steps cannot be negative ({value:g}): count the updates x ← x − λf'(x)", value=value),
        )
    if value != round(value):
        if math.isclose(value, exact, rel_tol=1e-3):
            return Feedback(
                "wrong",
                tr(
                    "{value:g} solves {g0:g}·{factor:g}^k = ε, but k counts whole steps: round it up "
                    "(after {below} steps |f'| is still above ε)",
                    value=value,
                    g0=g0,
                    factor=factor,
                    below=math.floor(exact),
                ),
            )
        return Feedback("wrong", tr("a number of steps is a whole number, got {value:g}", value=value))
    n = int(round(value))
    if n == steps:
        return Feedback("correct", tr("correct: {steps} steps, since {why}", steps=steps, why=why))
    if n == steps - 1:
        after = g0 * factor ** (steps - 1)
        return Feedback(
            "wrong",
            tr(
                "one too few: after {n} steps |f'(x)| = {after:.3g} is still above ε = {eps:g}, "
                "so the loop makes one more",
                n=n,
                after=after,
                eps=eps,
            ),
        )
    if n == steps + 1:
        return Feedback(
            "wrong",
            tr(
                "one too many: count the updates, not the gradient evaluations (the loop evaluates f' once before "
                "its first update)"
            ),
        )
    lecture = count_steps(x0, 1e-2, 1e-5)
    if n == lecture:
        return Feedback(
            "wrong",
            tr(
                "{n} is the count with the lecture's λ = 0.01 and ε = 1e-5; this exercise uses λ = {lr:g}, ε = {eps:g}",
                n=n,
                lr=lr,
                eps=eps,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "not {n}: run your loop from x₀ = {x0:g} with λ = {lr:g}, ε = {eps:g} and count the updates "
            "(or solve {g0:g}·{factor:g}^k ≤ ε for the smallest whole k)",
            n=n,
            x0=x0,
            lr=lr,
            eps=eps,
            g0=g0,
            factor=factor,
        ),
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
        what = tr("does not move") if lr == 0 else tr("climbs: x + |λ|·g'(x) is gradient ascent")
        return Feedback("wrong", tr("λ must be positive: with λ = {lr:g} descent {what}", lr=lr, what=what))

    def grad(x):
        return 2 * a * x + b

    def g(x):
        return a * x * x + b * x

    factor = 1 - curvature * lr
    result = gradient_descent(grad, x0, lr=lr, eps=eps, steps=cap, f=g)
    rule = tr("each step multiplies g'(x) by 1 − {curvature:g}λ = {factor:.3g}", curvature=curvature, factor=factor)
    if result.converged:
        if abs(factor) < 1e-12 or result.steps <= 1:
            how = tr("in one step: λ = 1/μ lands exactly on the minimum of a quadratic")
        elif factor > 0:
            how = tr("monotonically in {steps} steps", steps=result.steps)
        else:
            how = tr(
                "in {steps} steps, overshooting back and forth (λ > 1/μ = {inverse:g})",
                steps=result.steps,
                inverse=1 / curvature,
            )
        return Feedback(
            "correct",
            tr(
                "correct: with λ = {lr:g} descent converges {how}; {rule}, and |{factor:.3g}| < 1",
                lr=lr,
                how=how,
                rule=rule,
                factor=factor,
            ),
        )
    if lr >= limit:
        if math.isclose(lr, limit, rel_tol=1e-12):
            return Feedback(
                "wrong",
                tr(
                    "λ = {lr:g} = 2/μ is the edge: {rule}, so x jumps between two points forever. Take a smaller λ",
                    lr=lr,
                    rule=rule,
                ),
            )
        where = tr("diverged at step {step}", step=result.diverged_at) if result.diverged else tr("did not converge")
        return Feedback(
            "wrong",
            tr(
                "too large: descent {where}; {rule}, and |{factor:.3g}| > 1 makes every step overshoot further. "
                "g''(x) = μ = {curvature:g}, so λ must stay below 2/μ = {limit:g}",
                where=where,
                rule=rule,
                factor=factor,
                curvature=curvature,
                limit=limit,
            ),
        )
    # 0 < λ < 2/μ but the cap came first: too small.
    need = math.log(eps / abs(grad(x0))) / math.log(factor) if 0 < factor < 1 else math.inf
    need_text = (
        tr("about {steps} steps", steps=math.ceil(need))
        if math.isfinite(need) and need < 1e15
        else tr("far too many steps")
    )
    return Feedback(
        "wrong",
        tr(
            "too small: descent converges with λ = {lr:g}, but needs {need}, more than {cap}; {rule}, "
            "so the steps barely shrink g'(x). Take a larger λ (below 2/μ)",
            lr=lr,
            need=need_text,
            cap=cap,
            rule=rule,
        ),
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
            return None, tr("your answer could not be read as a formula: {error}", error=exc)
    elif isinstance(answer, (bool, np.bool_)):
        return None, tr("your answer is {answer}: write a formula such as '2*x + 1'", answer=answer)
    elif isinstance(answer, sympy.Basic):
        if not isinstance(answer, sympy.Expr):
            return None, tr(
                "your answer could not be read: expected a formula in x, got {answer}", answer=describe(answer)
            )
        others = sorted(str(s) for s in answer.free_symbols if str(s) != "x")
        if others:
            return None, tr("your answer uses {names}, but the only variable here is x", names=", ".join(others))
        if answer.has(sympy.Derivative, sympy.Integral):
            return None, tr("your answer still contains an unevaluated derivative: give the formula itself")
        too_large = expression_problem(answer)
        if too_large:
            return None, too_large
        expr = answer.xreplace({s: x for s in answer.free_symbols})
    elif isinstance(answer, numbers.Real):
        try:
            expr = sympy.Float(float(answer))
        except OverflowError:  # an int such as 10**400
            return None, tr(
                "your answer {answer} is too large: write a formula such as '2*x + 1'", answer=describe(answer)
            )
    elif callable(answer):
        return answer, None
    else:
        return None, tr(
            "your answer could not be read: expected a formula string such as '2*x + 1', a sympy expression "
            "or a function of x, got {answer}",
            answer=describe(answer),
        )
    try:
        fn = sympy.lambdify(x, expr, "numpy")
    except Exception as exc:  # pragma: no cover - anything sympy cannot compile is "unreadable"
        return None, tr("your answer could not be turned into a function of x: {error}", error=type(exc).__name__)
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
            tr(
                "your function raised an error or did not return one number when called with a number x: "
                "try it on x = 1.0"
            ),
        )
    exact = _true_derivative(_GRID)
    if not np.all(np.isfinite(mine)):
        bad = float(_GRID[~np.isfinite(mine)][0])
        return Feedback(
            "wrong",
            tr("your f' is undefined at x = {bad:g}, but f'(x) = 2x − e^(−x) exists everywhere", bad=bad),
        )

    x0, lr = DERIVATIVE_EXERCISE["x0"], DERIVATIVE_EXERCISE["lr"]
    if np.allclose(mine, exact, rtol=1e-9, atol=1e-9):
        right = gradient_descent(_true_derivative, x0, lr=lr, eps=1e-8)
        return Feedback(
            "correct",
            tr(
                "correct: f'(x) = 2x − e^(−x). Descent with it from x₀ = {x0:g} (λ = {lr:g}) {outcome} "
                "at x = {x:.6f}, where 2x = e^(−x)",
                x0=x0,
                lr=lr,
                outcome=right.describe(),
                x=right.x,
            ),
        )

    def same(target) -> bool:
        return bool(np.allclose(mine, target, rtol=1e-9, atol=1e-9))

    named = [
        (_GRID**2 + np.exp(-_GRID), tr("that is f itself, not its derivative")),
        (-exact, tr("the sign is flipped: descent with −f' would climb (that is gradient ascent)")),
        (2 * _GRID + np.exp(-_GRID), tr("check the chain rule: d/dx e^(−x) = e^(−x)·(−1) = −e^(−x)")),
        (
            2 * _GRID - np.exp(_GRID),
            tr("e^(−x) stays e^(−x) when differentiated (times −1 by the chain rule), not e^x"),
        ),
        (_GRID - np.exp(-_GRID), tr("the power rule gives d/dx x² = 2x, not x")),
    ]
    hint = next((message for target, message in named if same(target)), None)
    worst = int(np.argmax(np.abs(mine - exact)))
    if hint is None:
        hint = tr(
            "at x = {x:g} your f' is {mine:.4g}, but f'(x) = {exact:.4g}",
            x=_GRID[worst],
            mine=mine[worst],
            exact=exact[worst],
        )

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
        outcome = tr(
            ". Descent with your f' stops at x = {x:.4f}, where the true f'(x) = {slope:.3g} ≠ 0: not the minimum of f",
            x=run.x,
            slope=true_slope,
        )
    elif run.diverged:
        outcome = tr(". Descent with your f' from x₀ = {x0:g} diverged at step {step}", x0=x0, step=run.diverged_at)
    else:
        outcome = tr(
            ". Descent with your f' from x₀ = {x0:g} never settles (it {outcome})", x0=x0, outcome=run.describe()
        )
    return Feedback("wrong", tr("not yet: {hint}{outcome}", hint=hint, outcome=outcome))


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
    rule = tr(
        "the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and coming down from "
        "x₀ = {x0:g} the loop stops at the first step with 2(x + 1) + h ≤ ε, at x + 1 ≈ (ε − h)/2 = {offset:.2g}",
        x0=x0,
        offset=(eps - h) / 2,
    )
    hint = tr(
        "the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and the loop stops at the "
        "first step where that estimate is ≤ ε: solve 2(x + 1) + h = ε for x"
    )
    if abs(value - stop) <= 1e-6:
        return Feedback("correct", tr("correct: the loop stops at x = {stop:.6f}; {rule}", stop=stop, rule=rule))

    def near(target: float) -> bool:
        return abs(value - target) <= 5e-7

    slips = [
        (
            -1 - h / 2,
            tr(
                "that is −1 − h/2, where the estimate 2x + 2 + h is exactly 0; the loop stops a little earlier, "
                "as soon as the estimate is ≤ ε = {eps:g}, that is ε/2 further right (if you rounded, give 6 decimals)",
                eps=eps,
            ),
        ),
        (
            -1 - (h + eps) / 2,
            tr(
                "that is where the estimate is −ε; but the loop comes from above (x₀ = {x0:g}), where the estimate "
                "is positive, and stops when it first falls to +ε",
                x0=x0,
            ),
        ),
        (
            -1 + eps / 2,
            tr(
                "that is where the loop with the exact f' stops; the forward difference adds its bias h·f''/2 = h "
                "to f', which moves the stop by h/2"
            ),
        ),
        (
            -1.0,
            tr("that is the minimum of f, but the loop stops where the estimate of f' is ≤ ε, not where f' = 0"),
        ),
        (
            -1 + h / 2,
            tr(
                "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
                "((f(x + h) − f(x))/h = 2x + 2 + h), so its zero lies left of −1"
            ),
        ),
        (
            -1 + (h - eps) / 2,
            tr(
                "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
                "((f(x + h) − f(x))/h = 2x + 2 + h), so the stop lies left of −1"
            ),
        ),
        (-1 - h, tr("the estimate is off by h, but x moves by that divided by f'' = 2: by h/2")),
        (-1 - h + eps / 2, tr("the estimate is off by h, but x moves by that divided by f'' = 2: by h/2")),
        (stop + 1, tr("that is x + 1 = {offset:.2g}; give x itself", offset=stop + 1)),
        ((eps - h) / 2, tr("that is x + 1 = {offset:.2g}; give x itself", offset=(eps - h) / 2)),
    ]
    for target, message in slips:
        if near(target):
            return Feedback("wrong", tr("not quite: {message}", message=message))
    if abs(value - stop) < 2e-5:
        return Feedback(
            "wrong",
            tr(
                "close, but {value:.6f} is {distance:.1e} from where the loop stops (give x to 6 decimals); {hint}",
                value=value,
                distance=abs(value - stop),
                hint=hint,
            ),
        )
    return Feedback(
        "wrong",
        tr("not {value:g}: {hint}. Or run `descend` with the forward difference and see", value=value, hint=hint),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1
        "|f'(x_k)| = {g0:g}·{factor:g}^k falls below ε = {eps:g} first at k = {steps}": (
            "|f'(x_k)| = {g0:g}·{factor:g}^k가 ε = {eps:g} 아래로 처음 내려가는 것이 k = {steps}일 때이기 때문입니다"
        ),
        "a number of steps cannot be negative ({value:g}): count the updates x ← x − λf'(x)": (
            "스텝 수는 음수일 수 없습니다 ({value:g}): 업데이트 x ← x − λf'(x)의 횟수를 세어 보세요"
        ),
        "{value:g} solves {g0:g}·{factor:g}^k = ε, but k counts whole steps: round it up "
        "(after {below} steps |f'| is still above ε)": (
            "{value:g}은(는) {g0:g}·{factor:g}^k = ε의 해이지만, k는 스텝을 세는 수이므로 정수입니다: 올림하세요 "
            "({below}번의 스텝 뒤에도 |f'|은 아직 ε보다 큽니다)"
        ),
        "a number of steps is a whole number, got {value:g}": "스텝 수는 정수입니다. 받은 답: {value:g}",
        "correct: {steps} steps, since {why}": "정답: {steps}번의 스텝입니다. {why}",
        "one too few: after {n} steps |f'(x)| = {after:.3g} is still above ε = {eps:g}, so the loop makes one more": (
            "하나 모자랍니다: {n}번의 스텝 뒤에도 |f'(x)| = {after:.3g}로 아직 ε = {eps:g}보다 크므로, "
            "반복문은 업데이트를 한 번 더 합니다"
        ),
        "one too many: count the updates, not the gradient evaluations (the loop evaluates f' once before "
        "its first update)": (
            "하나 많습니다: 그레디언트를 계산한 횟수가 아니라 업데이트 횟수를 세어 보세요 "
            "(반복문은 첫 업데이트 전에 f'을 한 번 계산합니다)"
        ),
        "{n} is the count with the lecture's λ = 0.01 and ε = 1e-5; this exercise uses λ = {lr:g}, ε = {eps:g}": (
            "{n}은(는) 강의의 설정 λ = 0.01, ε = 1e-5로 센 스텝 수입니다. 이 연습문제의 설정은 λ = {lr:g}, ε = {eps:g}입니다"
        ),
        "not {n}: run your loop from x₀ = {x0:g} with λ = {lr:g}, ε = {eps:g} and count the updates "
        "(or solve {g0:g}·{factor:g}^k ≤ ε for the smallest whole k)": (
            "{n}번이 아닙니다: 반복문을 x₀ = {x0:g}에서 λ = {lr:g}, ε = {eps:g}로 실행해 업데이트 횟수를 세어 보세요 "
            "(또는 {g0:g}·{factor:g}^k ≤ ε을 만족하는 가장 작은 정수 k를 구해 보세요)"
        ),
        # exercise 2
        "does not move": "움직이지 않습니다",
        "climbs: x + |λ|·g'(x) is gradient ascent": "위로 올라갑니다: x + |λ|·g'(x)는 경사상승법입니다",
        "λ must be positive: with λ = {lr:g} descent {what}": (
            "λ는 양수여야 합니다: λ = {lr:g}이면 경사하강법이 {what}"
        ),
        "each step multiplies g'(x) by 1 − {curvature:g}λ = {factor:.3g}": (
            "스텝마다 g'(x)에 곱해지는 인자는 1 − {curvature:g}λ = {factor:.3g}"
        ),
        "in one step: λ = 1/μ lands exactly on the minimum of a quadratic": (
            "한 스텝 만에 수렴합니다: λ = 1/μ이면 이차함수의 최솟값에 정확히 내려앉습니다"
        ),
        "monotonically in {steps} steps": "{steps}번의 스텝 만에 단조롭게 수렴합니다",
        "in {steps} steps, overshooting back and forth (λ > 1/μ = {inverse:g})": (
            "최솟값을 넘어 앞뒤로 오가며 {steps}번의 스텝 만에 수렴합니다 (λ > 1/μ = {inverse:g})"
        ),
        "correct: with λ = {lr:g} descent converges {how}; {rule}, and |{factor:.3g}| < 1": (
            "정답: λ = {lr:g}이면 경사하강법이 {how}. {rule}이고, |{factor:.3g}| < 1입니다"
        ),
        "λ = {lr:g} = 2/μ is the edge: {rule}, so x jumps between two points forever. Take a smaller λ": (
            "λ = {lr:g} = 2/μ는 경계입니다: {rule}이므로, x는 두 점 사이를 영원히 오갑니다. 더 작은 λ를 골라 보세요"
        ),
        "diverged at step {step}": "{step}번째 스텝에서 발산했습니다",
        "did not converge": "수렴하지 않았습니다",
        "too large: descent {where}; {rule}, and |{factor:.3g}| > 1 makes every step overshoot further. "
        "g''(x) = μ = {curvature:g}, so λ must stay below 2/μ = {limit:g}": (
            "너무 큽니다: 경사하강법이 {where}. {rule}이고, |{factor:.3g}| > 1이면 스텝마다 최솟값을 더 멀리 "
            "넘어갑니다. g''(x) = μ = {curvature:g}이므로 λ는 2/μ = {limit:g}보다 작아야 합니다"
        ),
        "about {steps} steps": "약 {steps}번의 스텝",
        "far too many steps": "지나치게 많은 스텝",
        "too small: descent converges with λ = {lr:g}, but needs {need}, more than {cap}; {rule}, "
        "so the steps barely shrink g'(x). Take a larger λ (below 2/μ)": (
            "너무 작습니다: λ = {lr:g}이면 경사하강법이 수렴하기는 하지만 {need}이 필요해 {cap}번보다 많습니다. "
            "{rule}이므로, 스텝을 거듭해도 g'(x)가 거의 줄지 않습니다. (2/μ보다 작은 범위에서) 더 큰 λ를 골라 보세요"
        ),
        # exercise 3
        "your answer could not be read as a formula: {error}": "답을 수식으로 읽을 수 없습니다: {error}",
        "your answer is {answer}: write a formula such as '2*x + 1'": (
            "답이 {answer}입니다: '2*x + 1' 같은 수식을 쓰세요"
        ),
        "your answer could not be read: expected a formula in x, got {answer}": (
            "답을 읽을 수 없습니다: x의 수식이 필요합니다. 받은 답: {answer}"
        ),
        "your answer uses {names}, but the only variable here is x": (
            "답에 {names}이(가) 쓰였지만, 여기서 변수는 x 하나뿐입니다"
        ),
        "your answer still contains an unevaluated derivative: give the formula itself": (
            "답에 아직 계산되지 않은 도함수가 들어 있습니다: 도함수의 식 자체를 주세요"
        ),
        "your answer {answer} is too large: write a formula such as '2*x + 1'": (
            "답 {answer}이(가) 너무 큽니다: '2*x + 1' 같은 수식을 쓰세요"
        ),
        "your answer could not be read: expected a formula string such as '2*x + 1', a sympy expression "
        "or a function of x, got {answer}": (
            "답을 읽을 수 없습니다: '2*x + 1' 같은 수식 문자열, sympy 식, 또는 x의 함수가 필요합니다. 받은 답: {answer}"
        ),
        "your answer could not be turned into a function of x: {error}": ("답을 x의 함수로 바꿀 수 없습니다: {error}"),
        "your function raised an error or did not return one number when called with a number x: try it on x = 1.0": (
            "답의 함수를 수 x로 호출하자 오류가 났거나, 수 하나를 돌려주지 않았습니다: x = 1.0으로 시험해 보세요"
        ),
        "your f' is undefined at x = {bad:g}, but f'(x) = 2x − e^(−x) exists everywhere": (
            "답의 f'은 x = {bad:g}에서 정의되지 않지만, f'(x) = 2x − e^(−x)는 모든 점에서 존재합니다"
        ),
        "correct: f'(x) = 2x − e^(−x). Descent with it from x₀ = {x0:g} (λ = {lr:g}) {outcome} "
        "at x = {x:.6f}, where 2x = e^(−x)": (
            "정답: f'(x) = 2x − e^(−x)입니다. 이 도함수로 x₀ = {x0:g}에서 (λ = {lr:g}) 경사하강법을 실행한 결과: "
            "{outcome}, x = {x:.6f}. 2x = e^(−x)가 성립하는 점입니다"
        ),
        "that is f itself, not its derivative": "도함수가 아니라 f 자체입니다",
        "the sign is flipped: descent with −f' would climb (that is gradient ascent)": (
            "부호가 반대입니다: −f'으로 경사하강법을 하면 위로 올라갑니다 (그것은 경사상승법입니다)"
        ),
        "check the chain rule: d/dx e^(−x) = e^(−x)·(−1) = −e^(−x)": (
            "연쇄법칙을 확인해 보세요: d/dx e^(−x) = e^(−x)·(−1) = −e^(−x)"
        ),
        "e^(−x) stays e^(−x) when differentiated (times −1 by the chain rule), not e^x": (
            "e^(−x)는 미분해도 e^x가 아니라 e^(−x)로 남습니다 (연쇄법칙에 따라 −1이 곱해집니다)"
        ),
        "the power rule gives d/dx x² = 2x, not x": "거듭제곱의 미분법으로 d/dx x² = 2x입니다. x가 아닙니다",
        "at x = {x:g} your f' is {mine:.4g}, but f'(x) = {exact:.4g}": (
            "x = {x:g}에서 답의 f'은 {mine:.4g}이지만, f'(x) = {exact:.4g}입니다"
        ),
        ". Descent with your f' stops at x = {x:.4f}, where the true f'(x) = {slope:.3g} ≠ 0: not the minimum of f": (
            ". 답의 f'으로 경사하강법을 하면 x = {x:.4f}에서 멈추는데, 그곳에서 참 f'(x) = {slope:.3g} ≠ 0이므로 "
            "f가 최소인 점이 아닙니다"
        ),
        ". Descent with your f' from x₀ = {x0:g} diverged at step {step}": (
            ". 답의 f'으로 x₀ = {x0:g}에서 시작한 경사하강법은 {step}번째 스텝에서 발산했습니다"
        ),
        ". Descent with your f' from x₀ = {x0:g} never settles (it {outcome})": (
            ". 답의 f'으로 x₀ = {x0:g}에서 시작한 경사하강법은 한 점에 자리 잡지 못합니다 ({outcome})"
        ),
        "not yet: {hint}{outcome}": "아직 아닙니다: {hint}{outcome}",
        # exercise 4
        "the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and coming down from "
        "x₀ = {x0:g} the loop stops at the first step with 2(x + 1) + h ≤ ε, at x + 1 ≈ (ε − h)/2 = {offset:.2g}": (
            "이 f의 전진 차분은 정확히 2x + 2 + h이고 (편향 h·f''/2 = h), x₀ = {x0:g}에서 내려오는 반복문은 "
            "2(x + 1) + h ≤ ε을 만족하는 첫 스텝, 즉 x + 1 ≈ (ε − h)/2 = {offset:.2g}에서 멈춥니다"
        ),
        "the forward difference of this f is 2x + 2 + h exactly (its bias h·f''/2 = h), and the loop stops at the "
        "first step where that estimate is ≤ ε: solve 2(x + 1) + h = ε for x": (
            "이 f의 전진 차분은 정확히 2x + 2 + h이고 (편향 h·f''/2 = h), 반복문은 이 추정값이 ε 이하가 되는 첫 "
            "스텝에서 멈춥니다: 2(x + 1) + h = ε을 x에 대해 풀어 보세요"
        ),
        "correct: the loop stops at x = {stop:.6f}; {rule}": "정답: 반복문은 x = {stop:.6f}에서 멈춥니다. {rule}",
        "that is −1 − h/2, where the estimate 2x + 2 + h is exactly 0; the loop stops a little earlier, "
        "as soon as the estimate is ≤ ε = {eps:g}, that is ε/2 further right (if you rounded, give 6 decimals)": (
            "그것은 추정값 2x + 2 + h가 정확히 0이 되는 −1 − h/2입니다. 반복문은 그보다 조금 일찍, 추정값이 "
            "ε = {eps:g} 이하가 되자마자 멈춥니다: ε/2만큼 더 오른쪽입니다 (반올림했다면 소수점 아래 6자리까지 주세요)"
        ),
        "that is where the estimate is −ε; but the loop comes from above (x₀ = {x0:g}), where the estimate "
        "is positive, and stops when it first falls to +ε": (
            "그것은 추정값이 −ε인 곳입니다. 하지만 반복문은 추정값이 양수인 위쪽(x₀ = {x0:g})에서 내려오므로, "
            "추정값이 처음으로 +ε까지 떨어질 때 멈춥니다"
        ),
        "that is where the loop with the exact f' stops; the forward difference adds its bias h·f''/2 = h "
        "to f', which moves the stop by h/2": (
            "그것은 정확한 f'을 쓴 반복문이 멈추는 곳입니다. 전진 차분은 f'에 편향 h·f''/2 = h를 더하고, "
            "그 때문에 멈추는 곳이 h/2만큼 옮겨 갑니다"
        ),
        "that is the minimum of f, but the loop stops where the estimate of f' is ≤ ε, not where f' = 0": (
            "그것은 f가 최소인 점이지만, 반복문은 f' = 0인 곳이 아니라 f'의 추정값이 ε 이하가 되는 곳에서 멈춥니다"
        ),
        "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
        "((f(x + h) − f(x))/h = 2x + 2 + h), so its zero lies left of −1": (
            "편향의 부호가 반대입니다: 볼록한 이 f에서 전진 차분은 f'을 실제보다 크게 추정하므로 "
            "((f(x + h) − f(x))/h = 2x + 2 + h), 추정값의 영점은 −1의 왼쪽에 있습니다"
        ),
        "the bias has the wrong sign: on this convex f the forward difference overestimates f' "
        "((f(x + h) − f(x))/h = 2x + 2 + h), so the stop lies left of −1": (
            "편향의 부호가 반대입니다: 볼록한 이 f에서 전진 차분은 f'을 실제보다 크게 추정하므로 "
            "((f(x + h) − f(x))/h = 2x + 2 + h), 멈추는 곳은 −1의 왼쪽에 있습니다"
        ),
        "the estimate is off by h, but x moves by that divided by f'' = 2: by h/2": (
            "추정값은 h만큼 어긋나지만, x는 그것을 f'' = 2로 나눈 만큼, 즉 h/2만큼 움직입니다"
        ),
        "that is x + 1 = {offset:.2g}; give x itself": "그것은 x + 1 = {offset:.2g}입니다. x 자체를 주세요",
        "not quite: {message}": "조금 다릅니다: {message}",
        "close, but {value:.6f} is {distance:.1e} from where the loop stops (give x to 6 decimals); {hint}": (
            "가깝지만, {value:.6f}은(는) 반복문이 멈추는 곳에서 {distance:.1e}만큼 떨어져 있습니다 "
            "(x를 소수점 아래 6자리까지 주세요). {hint}"
        ),
        "not {value:g}: {hint}. Or run `descend` with the forward difference and see": (
            "{value:g}이(가) 아닙니다: {hint}. 또는 전진 차분으로 `descend`를 실행해 확인해 보세요"
        ),
    }
)

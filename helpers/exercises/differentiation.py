"""Self-checks for notebook 01 (differentiation — 미분이란?).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read
(a typo, a hostile formula, a list where a number was asked) gets a message saying so.
Typed formulas are parsed with :func:`helpers.formula.parse_formula`, never with ``sympify``.

Exercises
---------
1. :func:`check_derivative`: the derivative of f(x) = 2x³ − 3x² + 4x + 5, as a formula string
   or a sympy expression (:func:`derivative_feedback` checks any polynomial).
2. :func:`check_forward_difference`: the forward difference of f(x) = x³ at x = 2 with h = 1e-3.
3. :func:`check_direction`: which way to move x to decrease f(x) = x⁴ − 3x² + x at x = 0.5.
"""

from __future__ import annotations

import math
import numbers
from typing import TypedDict

import sympy
from sympy.core.function import AppliedUndef

from ..formula import FormulaError, parse_formula
from . import Feedback, answer_check, describe, expression_problem, no_answer, read_number, unreadable

__all__ = [
    "DERIVATIVE_EXERCISE",
    "DIRECTION_EXERCISE",
    "FORWARD_EXERCISE",
    "Feedback",
    "check_derivative",
    "check_direction",
    "check_forward_difference",
    "derivative_feedback",
]


class _ForwardExercise(TypedDict):
    f: str
    x: float
    h: float


class _DirectionExercise(TypedDict):
    f: str
    x: float


#: Exercise 1: differentiate this polynomial.
DERIVATIVE_EXERCISE = "2*x**3 - 3*x**2 + 4*x + 5"
#: Exercise 2: the forward difference of ``f`` at ``x`` with step ``h``.
FORWARD_EXERCISE: _ForwardExercise = {"f": "x**3", "x": 2.0, "h": 1e-3}
#: Exercise 3: move x from ``x`` so that ``f`` decreases.
DIRECTION_EXERCISE: _DirectionExercise = {"f": "x**4 - 3*x**2 + x", "x": 0.5}


# --- exercise 1: a derivative as a formula ------------------------------------------------


def _read_formula(answer, name: str) -> tuple[sympy.Expr | None, str | None]:
    """The answer as a sympy expression in the one variable ``name``, or a reason it cannot be read."""
    if isinstance(answer, str):
        try:
            return parse_formula(answer, (name,)), None
        except FormulaError as exc:
            return None, f"your answer could not be read as a formula: {exc}"
    if isinstance(answer, bool):
        return None, f"your answer is {answer}: write a formula such as '3*{name}**2 + 1'"
    if isinstance(answer, sympy.Poly):
        answer = answer.as_expr()
    if isinstance(answer, numbers.Integral):
        answer = sympy.Integer(int(answer))
    elif isinstance(answer, numbers.Real):
        try:
            answer = sympy.Float(float(answer))
        except OverflowError:  # an int such as 10**400
            return None, f"your answer {describe(answer)} is too large: write a formula such as '3*{name}**2 + 1'"
    if not isinstance(answer, sympy.Expr):
        return None, (
            f"your answer could not be read: expected a formula string such as '3*{name}**2 + 1' "
            f"or a sympy expression, got {describe(answer)}"
        )
    too_large = expression_problem(answer)
    if too_large:
        return None, too_large
    others = sorted(str(s) for s in answer.free_symbols if str(s) != name)
    if others:
        return None, f"your answer uses {', '.join(others)}, but the only variable here is {name}"
    # Match the learner's symbol by name, whatever its assumptions (Symbol('x', real=True), ...).
    plain = sympy.Symbol(name)
    answer = answer.xreplace({s: plain for s in answer.free_symbols})
    if answer.has(sympy.Derivative, sympy.Integral) or answer.atoms(AppliedUndef):
        return None, "your answer still contains an unevaluated derivative or function: give the formula itself"
    return answer, None


def _coefficients(expr: sympy.Expr, symbol: sympy.Symbol) -> dict[int, float] | None:
    """Degree -> float coefficient of a polynomial in ``symbol`` (None if it is not one)."""
    try:
        if not expr.is_polynomial(symbol):
            return None
        poly = sympy.Poly(expr, symbol)
        coeffs = {int(k[0]): complex(sympy.N(v)) for k, v in poly.as_dict().items()}
    except (sympy.PolynomialError, TypeError, ValueError):
        return None
    if any(abs(c.imag) > 0 or not math.isfinite(c.real) for c in coeffs.values()):
        return None
    return {k: c.real for k, c in coeffs.items() if c.real != 0}


def _same(a: dict[int, float], b: dict[int, float], tol: float = 1e-9) -> bool:
    keys = set(a) | set(b)
    return all(math.isclose(a.get(k, 0.0), b.get(k, 0.0), rel_tol=tol, abs_tol=tol) for k in keys)


def _term(coefficient: float, degree: int, var: str = "x") -> str:
    c = f"{coefficient:g}"
    if degree == 0:
        return c
    power = var if degree == 1 else f"{var}**{degree}"
    return power if c == "1" else f"-{power}" if c == "-1" else f"{c}*{power}"


def _constant_factor(answer: dict[int, float], exact: dict[int, float]) -> float | None:
    if set(answer) != set(exact) or not exact:
        return None
    ratios = [answer[k] / exact[k] for k in exact]
    if all(math.isclose(r, ratios[0], rel_tol=1e-9) for r in ratios):
        return ratios[0]
    return None


def derivative_feedback(answer, f: str, var: str = "x") -> Feedback:
    """Check ``answer`` against the derivative of the polynomial ``f`` and say what is off.

    Parameters
    ----------
    answer : str, sympy.Expr, sympy.Poly or number
        The learner's derivative: a formula string (parsed safely), or a sympy expression.
    f : str
        The polynomial to differentiate, e.g. ``"2*x**3 - 3*x**2 + 4*x + 5"``.
    var : str
        Its variable.

    Returns
    -------
    Feedback
        ``correct``, or what the answer looks like: a constant factor off, the sign flipped, the
        constant term kept, f itself, the second derivative, the power rule half applied, or the
        first term that differs.
    """
    symbol = sympy.Symbol(var)
    fx = parse_formula(f, (var,))
    f_coeffs = _coefficients(fx, symbol)
    if f_coeffs is None:
        raise ValueError(f"f must be a polynomial in {var}, got {f!r}")
    exact = {k - 1: k * c for k, c in f_coeffs.items() if k > 0}
    exact_text = " + ".join(_term(exact[k], k, var) for k in sorted(exact, reverse=True)).replace("+ -", "- ")

    if answer is None:
        return no_answer(f"'3*{var}**2 + 1'")
    expr, problem = _read_formula(answer, var)
    if expr is None:
        return unreadable(problem)
    mine = _coefficients(expr, symbol)
    if mine is None:
        return Feedback(
            "wrong",
            f"not the derivative: the derivative of a polynomial is a polynomial, and yours is {expr}",
        )
    if _same(mine, exact):
        return Feedback("correct", f"correct: f'({var}) = {exact_text}")

    factor = _constant_factor(mine, exact)
    if factor is not None:
        if math.isclose(factor, -1.0):
            return Feedback("wrong", "the sign is flipped: every term has the opposite sign of the derivative's")
        return Feedback(
            "wrong",
            f"your derivative is off by a constant factor {factor:g}: it is {factor:g} times the right one",
        )
    constant = f_coeffs.get(0, 0.0)
    if constant and _same(mine, {**exact, 0: exact.get(0, 0.0) + constant}):
        return Feedback(
            "wrong",
            f"you kept the constant term {constant:g}: a constant does not change with {var}, so its derivative is 0",
        )
    if _same(mine, f_coeffs):
        return Feedback("wrong", "that is f itself: differentiate each term with the power rule d/dx xⁿ = n·xⁿ⁻¹")
    second = {k - 1: k * c for k, c in exact.items() if k > 0}
    if _same(mine, second):
        return Feedback("wrong", "that is the second derivative f'': you differentiated twice")
    if _same(mine, {k - 1: c for k, c in f_coeffs.items() if k > 0}):
        return Feedback(
            "wrong",
            "you lowered each power but did not multiply by the old exponent: d/dx xⁿ = n·xⁿ⁻¹",
        )
    if _same(mine, {k: k * c for k, c in f_coeffs.items() if k > 0}):
        return Feedback(
            "wrong",
            "you multiplied by the exponent but did not lower the power: d/dx xⁿ = n·xⁿ⁻¹",
        )
    for k in sorted(set(mine) | set(exact), reverse=True):
        want, got = exact.get(k, 0.0), mine.get(k, 0.0)
        if not math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-9):
            what = "constant term" if k == 0 else f"{_term(1, k, var)} term"
            want_text = _term(want, k, var) if want else "none"
            got_text = _term(got, k, var) if got else "none"
            return Feedback(
                "wrong",
                f"not yet: check the {what}: the derivative has {want_text}, yours has {got_text}",
            )
    raise AssertionError("unreachable: the coefficients differ somewhere")  # pragma: no cover


@answer_check
def check_derivative(answer) -> Feedback:
    """Exercise 1: the derivative of f(x) = 2x³ − 3x² + 4x + 5 (a formula string or sympy expression)."""
    return derivative_feedback(answer, DERIVATIVE_EXERCISE)


# --- exercise 2: a forward difference -----------------------------------------------------


@answer_check
def check_forward_difference(answer) -> Feedback:
    """Exercise 2: the forward difference (f(x + h) − f(x)) / h of f(x) = x³ at x = 2 with h = 1e-3.

    Recognises the central and backward differences, the exact derivative, a flipped sign, a
    missing ``/ h``, a division by 2h and another step h.
    """
    if answer is None:
        return no_answer("12.3")
    value, problem = read_number(answer, "1.234")
    if value is None:
        return unreadable(problem)

    def f(t):
        return t**3

    x, h = FORWARD_EXERCISE["x"], FORWARD_EXERCISE["h"]
    forward = (f(x + h) - f(x)) / h
    exact = 3 * x**2

    def near(target: float, rel: float = 1e-9) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=1e-12)

    if near(forward):
        return Feedback(
            "correct",
            f"correct: {forward:.6f}, which is {forward - exact:.6f} above f'(2) = {exact:g}; "
            "the forward difference's error is about h·f''(x)/2 = 0.006",
        )
    candidates = [
        ((f(x + h) - f(x - h)) / (2 * h), "that is the central difference (f(x + h) − f(x − h)) / 2h; "
         "the exercise asks for the forward one, (f(x + h) − f(x)) / h"),
        (exact, "that is the exact derivative f'(2) = 12; the exercise asks for the forward difference, "
         "which is a little off from it"),
        ((f(x) - f(x - h)) / h, "that is the backward difference (f(x) − f(x − h)) / h: step to x + h, not x − h"),
        (-forward, "the sign is wrong: you computed (f(x) − f(x + h)) / h; subtract f(x) from f(x + h)"),
        (forward * h, "you forgot to divide by h: f(x + h) − f(x) is the change of f, not the slope"),
        (forward / 2, "you divided by 2h: the forward difference divides by h (only the central one by 2h)"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    for k in range(1, 13):
        other = 10.0**-k
        if other != h and near((f(x + other) - f(x)) / other):
            return Feedback("wrong", f"that is the forward difference with h = 1e-{k:02d}; use h = 1e-03")
    if near(forward, rel=1e-3):
        return Feedback(
            "wrong",
            f"close ({value:g}), but keep all the digits: compute it in Python instead of rounding by hand",
        )
    return Feedback(
        "wrong",
        f"{value:g} is not the forward difference: compute (f(x + h) − f(x)) / h with f(x) = x**3, x = 2, h = 1e-3",
    )


# --- exercise 3: which way to move x ------------------------------------------------------

_RIGHT = {"+", "+1", "1", "right", "increase", "positive"}
_LEFT = {"-", "-1", "left", "decrease", "negative"}


def _read_direction(answer) -> tuple[int | None, str | None]:
    if isinstance(answer, str):
        text = answer.strip().lower().replace("−", "-")
        if text in _RIGHT:
            return 1, None
        if text in _LEFT:
            return -1, None
        return None, (
            f"your answer {answer!r:.40} could not be read: write +1 (or 'right') to increase x, "
            "-1 (or 'left') to decrease it"
        )
    value, problem = read_number(answer, "+1 or -1")
    if value is None:
        return None, problem
    if value == 0:
        return 0, None
    return (1 if value > 0 else -1), None


@answer_check
def check_direction(answer) -> Feedback:
    """Exercise 3: to decrease f(x) = x⁴ − 3x² + x from x = 0.5, move x right (+1) or left (−1)?

    ``answer`` is a number whose sign is the direction (+1 right, −1 left) or one of the words
    ``"right"``, ``"left"``, ``"+"``, ``"-"``.
    """
    if answer is None:
        return no_answer("+1 or -1")
    direction, problem = _read_direction(answer)
    if direction is None:
        return unreadable(problem)
    x = DIRECTION_EXERCISE["x"]
    slope = 4 * x**3 - 6 * x + 1  # f'(x) = 4x³ − 6x + 1
    downhill = -1 if slope > 0 else 1  # descent moves against the slope: x − λ·f'(x)
    sign, grows = ("< 0", "falls") if slope < 0 else ("> 0", "rises")
    step = f"x {'+' if slope < 0 else '−'} {abs(slope):g}·λ"
    why = f"f'({x:g}) = {slope:g} {sign}, so f {grows} as x grows; descent moves to x − λ·f'(x) = {step}"
    if direction == 0:
        return Feedback(
            "wrong",
            f"staying put only makes sense at an extremum, where f' = 0; here f'({x:g}) = {slope:g}",
        )
    name = {1: "right (increase x)", -1: "left (decrease x)"}
    if direction == downhill:
        return Feedback("correct", f"correct: move {name[downhill]}. {why}")
    return Feedback(
        "wrong",
        f"moving {name[-downhill].split(' ')[0]} increases f: that is gradient ascent's direction. {why}",
    )

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
from ..i18n import Messages
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
            return None, tr("your answer could not be read as a formula: {error}", error=exc)
    if isinstance(answer, bool):
        return None, tr("your answer is {answer}: write a formula such as '3*{name}**2 + 1'", answer=answer, name=name)
    if isinstance(answer, sympy.Poly):
        answer = answer.as_expr()
    if isinstance(answer, numbers.Integral):
        answer = sympy.Integer(int(answer))
    elif isinstance(answer, numbers.Real):
        try:
            answer = sympy.Float(float(answer))
        except OverflowError:  # an int such as 10**400
            return None, tr(
                "your answer {answer} is too large: write a formula such as '3*{name}**2 + 1'",
                answer=describe(answer),
                name=name,
            )
    if not isinstance(answer, sympy.Expr):
        return None, tr(
            "your answer could not be read: expected a formula string such as '3*{name}**2 + 1' "
            "or a sympy expression, got {answer}",
            name=name,
            answer=describe(answer),
        )
    too_large = expression_problem(answer)
    if too_large:
        return None, too_large
    others = sorted(str(s) for s in answer.free_symbols if str(s) != name)
    if others:
        return None, tr(
            "your answer uses {names}, but the only variable here is {name}", names=", ".join(others), name=name
        )
    # Match the learner's symbol by name, whatever its assumptions (Symbol('x', real=True), ...).
    plain = sympy.Symbol(name)
    answer = answer.xreplace({s: plain for s in answer.free_symbols})
    if answer.has(sympy.Derivative, sympy.Integral) or answer.atoms(AppliedUndef):
        return None, tr("your answer still contains an unevaluated derivative or function: give the formula itself")
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
            tr("not the derivative: the derivative of a polynomial is a polynomial, and yours is {expr}", expr=expr),
        )
    if _same(mine, exact):
        return Feedback("correct", tr("correct: f'({var}) = {exact}", var=var, exact=exact_text))

    factor = _constant_factor(mine, exact)
    if factor is not None:
        if math.isclose(factor, -1.0):
            return Feedback("wrong", tr("the sign is flipped: every term has the opposite sign of the derivative's"))
        return Feedback(
            "wrong",
            tr(
                "your derivative is off by a constant factor {factor:g}: it is {factor:g} times the right one",
                factor=factor,
            ),
        )
    constant = f_coeffs.get(0, 0.0)
    if constant and _same(mine, {**exact, 0: exact.get(0, 0.0) + constant}):
        return Feedback(
            "wrong",
            tr(
                "you kept the constant term {constant:g}: a constant does not change with {var}, so its derivative is 0",
                constant=constant,
                var=var,
            ),
        )
    if _same(mine, f_coeffs):
        return Feedback("wrong", tr("that is f itself: differentiate each term with the power rule d/dx xⁿ = n·xⁿ⁻¹"))
    second = {k - 1: k * c for k, c in exact.items() if k > 0}
    if _same(mine, second):
        return Feedback("wrong", tr("that is the second derivative f'': you differentiated twice"))
    if _same(mine, {k - 1: c for k, c in f_coeffs.items() if k > 0}):
        return Feedback(
            "wrong",
            tr("you lowered each power but did not multiply by the old exponent: d/dx xⁿ = n·xⁿ⁻¹"),
        )
    if _same(mine, {k: k * c for k, c in f_coeffs.items() if k > 0}):
        return Feedback(
            "wrong",
            tr("you multiplied by the exponent but did not lower the power: d/dx xⁿ = n·xⁿ⁻¹"),
        )
    for k in sorted(set(mine) | set(exact), reverse=True):
        want, got = exact.get(k, 0.0), mine.get(k, 0.0)
        if not math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-9):
            what = tr("constant term") if k == 0 else tr("{term} term", term=_term(1, k, var))
            want_text = _term(want, k, var) if want else tr("none")
            got_text = _term(got, k, var) if got else tr("none")
            return Feedback(
                "wrong",
                tr(
                    "not yet: check the {what}: the derivative has {want}, yours has {got}",
                    what=what,
                    want=want_text,
                    got=got_text,
                ),
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
            tr(
                "correct: {forward:.6f}, which is {error:.6f} above f'(2) = {exact:g}; "
                "the forward difference's error is about h·f''(x)/2 = 0.006",
                forward=forward,
                error=forward - exact,
                exact=exact,
            ),
        )
    candidates = [
        ((f(x + h) - f(x - h)) / (2 * h), tr("that is the central difference (f(x + h) − f(x − h)) / 2h; "
                                             "the exercise asks for the forward one, (f(x + h) − f(x)) / h")),
        (exact, tr("that is the exact derivative f'(2) = 12; the exercise asks for the forward difference, "
                   "which is a little off from it")),
        ((f(x) - f(x - h)) / h, tr("that is the backward difference (f(x) − f(x − h)) / h: step to x + h, "
                                   "not x − h")),
        (-forward, tr("the sign is wrong: you computed (f(x) − f(x + h)) / h; subtract f(x) from f(x + h)")),
        (forward * h, tr("you forgot to divide by h: f(x + h) − f(x) is the change of f, not the slope")),
        (forward / 2, tr("you divided by 2h: the forward difference divides by h (only the central one by 2h)")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    for k in range(1, 13):
        other = 10.0**-k
        if other != h and near((f(x + other) - f(x)) / other):
            return Feedback("wrong", tr("that is the forward difference with h = 1e-{k:02d}; use h = 1e-03", k=k))
    if near(forward, rel=1e-3):
        return Feedback(
            "wrong",
            tr(
                "close ({value:g}), but keep all the digits: compute it in Python instead of rounding by hand",
                value=value,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "{value:g} is not the forward difference: compute (f(x + h) − f(x)) / h with f(x) = x**3, x = 2, h = 1e-3",
            value=value,
        ),
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
        return None, tr(
            "your answer {answer!r:.40} could not be read: write +1 (or 'right') to increase x, "
            "-1 (or 'left') to decrease it",
            answer=answer,
        )
    value, problem = read_number(answer, tr("+1 or -1"))
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
        return no_answer(tr("+1 or -1"))
    direction, problem = _read_direction(answer)
    if direction is None:
        return unreadable(problem)
    x = DIRECTION_EXERCISE["x"]
    slope = 4 * x**3 - 6 * x + 1  # f'(x) = 4x³ − 6x + 1
    downhill = -1 if slope > 0 else 1  # descent moves against the slope: x − λ·f'(x)
    step = f"x {'+' if slope < 0 else '−'} {abs(slope):g}·λ"
    if slope < 0:
        why = tr(
            "f'({x:g}) = {slope:g} < 0, so f falls as x grows; descent moves to x − λ·f'(x) = {step}",
            x=x,
            slope=slope,
            step=step,
        )
    else:
        why = tr(
            "f'({x:g}) = {slope:g} > 0, so f rises as x grows; descent moves to x − λ·f'(x) = {step}",
            x=x,
            slope=slope,
            step=step,
        )
    if direction == 0:
        return Feedback(
            "wrong",
            tr(
                "staying put only makes sense at an extremum, where f' = 0; here f'({x:g}) = {slope:g}",
                x=x,
                slope=slope,
            ),
        )
    if direction == downhill:
        if downhill == 1:
            return Feedback("correct", tr("correct: move right (increase x). {why}", why=why))
        return Feedback("correct", tr("correct: move left (decrease x). {why}", why=why))
    if downhill == 1:
        message = tr("moving left increases f: that is gradient ascent's direction. {why}", why=why)
    else:
        message = tr("moving right increases f: that is gradient ascent's direction. {why}", why=why)
    return Feedback("wrong", message)


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: a derivative as a formula
        "your answer could not be read as a formula: {error}": "답을 수식으로 읽을 수 없습니다: {error}",
        "your answer is {answer}: write a formula such as '3*{name}**2 + 1'": (
            "답이 {answer}입니다: '3*{name}**2 + 1' 같은 수식을 쓰세요"
        ),
        "your answer {answer} is too large: write a formula such as '3*{name}**2 + 1'": (
            "답 {answer}이(가) 너무 큽니다: '3*{name}**2 + 1' 같은 수식을 쓰세요"
        ),
        "your answer could not be read: expected a formula string such as '3*{name}**2 + 1' "
        "or a sympy expression, got {answer}": (
            "답을 읽을 수 없습니다: '3*{name}**2 + 1' 같은 수식 문자열이나 sympy 식이 필요합니다. 받은 답: {answer}"
        ),
        "your answer uses {names}, but the only variable here is {name}": (
            "답에 {names}이(가) 쓰였지만, 여기서 변수는 {name} 하나뿐입니다"
        ),
        "your answer still contains an unevaluated derivative or function: give the formula itself": (
            "답에 아직 계산되지 않은 도함수나 함수가 들어 있습니다: 식 자체를 주세요"
        ),
        "not the derivative: the derivative of a polynomial is a polynomial, and yours is {expr}": (
            "도함수가 아닙니다: 다항식의 도함수는 다항식인데, 답은 {expr}입니다"
        ),
        "correct: f'({var}) = {exact}": "정답입니다: f'({var}) = {exact}",
        "the sign is flipped: every term has the opposite sign of the derivative's": (
            "부호가 반대입니다: 모든 항의 부호가 도함수의 부호와 반대입니다"
        ),
        "your derivative is off by a constant factor {factor:g}: it is {factor:g} times the right one": (
            "도함수에 상수 {factor:g}이(가) 더 곱해져 있습니다: 맞는 도함수의 {factor:g}배입니다"
        ),
        "you kept the constant term {constant:g}: a constant does not change with {var}, so its derivative is 0": (
            "상수항 {constant:g}을(를) 그대로 남겼습니다: 상수는 {var}에 따라 변하지 않으므로 그 도함수는 0입니다"
        ),
        "that is f itself: differentiate each term with the power rule d/dx xⁿ = n·xⁿ⁻¹": (
            "그것은 f 자체입니다: 거듭제곱 법칙 d/dx xⁿ = n·xⁿ⁻¹로 항마다 미분하세요"
        ),
        "that is the second derivative f'': you differentiated twice": (
            "그것은 이계도함수 f''입니다: 두 번 미분했습니다"
        ),
        "you lowered each power but did not multiply by the old exponent: d/dx xⁿ = n·xⁿ⁻¹": (
            "항마다 차수를 하나 낮추기는 했지만 원래의 지수를 곱하지 않았습니다: d/dx xⁿ = n·xⁿ⁻¹"
        ),
        "you multiplied by the exponent but did not lower the power: d/dx xⁿ = n·xⁿ⁻¹": (
            "지수를 곱하기는 했지만 차수를 하나 낮추지 않았습니다: d/dx xⁿ = n·xⁿ⁻¹"
        ),
        "constant term": "상수항",
        "{term} term": "{term} 항",
        "none": "없음",
        "not yet: check the {what}: the derivative has {want}, yours has {got}": (
            "아직 아닙니다: {what}을 확인해 보세요 (도함수: {want}, 답: {got})"
        ),
        # exercise 2: a forward difference
        "correct: {forward:.6f}, which is {error:.6f} above f'(2) = {exact:g}; "
        "the forward difference's error is about h·f''(x)/2 = 0.006": (
            "정답입니다: {forward:.6f}로, f'(2) = {exact:g}보다 {error:.6f} 큽니다. "
            "전진 차분의 오차는 약 h·f''(x)/2 = 0.006입니다"
        ),
        "that is the central difference (f(x + h) − f(x − h)) / 2h; "
        "the exercise asks for the forward one, (f(x + h) − f(x)) / h": (
            "그것은 중앙 차분 (f(x + h) − f(x − h)) / 2h입니다. 이 연습문제는 전진 차분 (f(x + h) − f(x)) / h를 "
            "묻습니다"
        ),
        "that is the exact derivative f'(2) = 12; the exercise asks for the forward difference, "
        "which is a little off from it": (
            "그것은 정확한 미분값 f'(2) = 12입니다. 이 연습문제는 그 값에서 조금 어긋나는 전진 차분을 묻습니다"
        ),
        "that is the backward difference (f(x) − f(x − h)) / h: step to x + h, not x − h": (
            "그것은 후진 차분 (f(x) − f(x − h)) / h입니다: x − h가 아니라 x + h로 한 걸음 나가세요"
        ),
        "the sign is wrong: you computed (f(x) − f(x + h)) / h; subtract f(x) from f(x + h)": (
            "부호가 틀렸습니다: (f(x) − f(x + h)) / h를 계산했습니다. f(x + h)에서 f(x)를 빼세요"
        ),
        "you forgot to divide by h: f(x + h) − f(x) is the change of f, not the slope": (
            "h로 나누는 것을 잊었습니다: f(x + h) − f(x)는 f의 변화량이지 기울기가 아닙니다"
        ),
        "you divided by 2h: the forward difference divides by h (only the central one by 2h)": (
            "2h로 나누었습니다: 전진 차분은 h로 나눕니다 (2h로 나누는 것은 중앙 차분뿐입니다)"
        ),
        "that is the forward difference with h = 1e-{k:02d}; use h = 1e-03": (
            "그것은 h = 1e-{k:02d}일 때의 전진 차분입니다. h = 1e-03을 쓰세요"
        ),
        "close ({value:g}), but keep all the digits: compute it in Python instead of rounding by hand": (
            "가깝지만({value:g}) 자릿수를 모두 남기세요: 손으로 반올림하지 말고 Python으로 계산하세요"
        ),
        "{value:g} is not the forward difference: compute (f(x + h) − f(x)) / h with f(x) = x**3, x = 2, h = 1e-3": (
            "{value:g}은(는) 전진 차분이 아닙니다: f(x) = x**3, x = 2, h = 1e-3으로 (f(x + h) − f(x)) / h를 계산하세요"
        ),
        # exercise 3: which way to move x
        "your answer {answer!r:.40} could not be read: write +1 (or 'right') to increase x, "
        "-1 (or 'left') to decrease it": (
            "답 {answer!r:.40}을(를) 읽을 수 없습니다: x를 늘리려면 +1(또는 'right'), 줄이려면 -1(또는 'left')을 쓰세요"
        ),
        "+1 or -1": "+1 또는 -1",
        "f'({x:g}) = {slope:g} < 0, so f falls as x grows; descent moves to x − λ·f'(x) = {step}": (
            "f'({x:g}) = {slope:g} < 0이므로 x가 커지면 f는 작아집니다. 경사하강법은 x − λ·f'(x) = {step}로 움직입니다"
        ),
        "f'({x:g}) = {slope:g} > 0, so f rises as x grows; descent moves to x − λ·f'(x) = {step}": (
            "f'({x:g}) = {slope:g} > 0이므로 x가 커지면 f도 커집니다. 경사하강법은 x − λ·f'(x) = {step}로 움직입니다"
        ),
        "staying put only makes sense at an extremum, where f' = 0; here f'({x:g}) = {slope:g}": (
            "제자리에 머무는 것은 f' = 0인 극값에서만 의미가 있습니다. 여기서는 f'({x:g}) = {slope:g}입니다"
        ),
        "correct: move right (increase x). {why}": "정답입니다: 오른쪽으로(x를 늘리는 쪽으로) 움직입니다. {why}",
        "correct: move left (decrease x). {why}": "정답입니다: 왼쪽으로(x를 줄이는 쪽으로) 움직입니다. {why}",
        "moving left increases f: that is gradient ascent's direction. {why}": (
            "왼쪽으로 움직이면 f가 커집니다: 그것은 경사상승법의 방향입니다. {why}"
        ),
        "moving right increases f: that is gradient ascent's direction. {why}": (
            "오른쪽으로 움직이면 f가 커집니다: 그것은 경사상승법의 방향입니다. {why}"
        ),
    }
)

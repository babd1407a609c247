"""Self-checks for notebook 03 (gradient vectors — 경사가 벡터라면?).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read
(a typo, a hostile formula, one formula where two were asked) gets a message saying so.
Typed formulas are parsed with :func:`helpers.formula.parse_formula`, never with ``sympify``.

Exercises
---------
1. :func:`check_gradient`: ∇f of f(x, y) = x²y + cos(x + 2y) as two formulas [∂f/∂x, ∂f/∂y]; the
   message says which component is off and how.
2. :func:`check_steepest_descent`: the direction of steepest descent of f(x, y) = x² + 2y² at (1, −1)
   (any positive multiple of −∇f).
3. :func:`check_gradient_norm`: ‖∇f‖ of f(x, y) = x² + 2y² at (4e-6, 2e-6), the number the stopping
   rule ``while norm(grad) > eps`` compares with ε = 1e-5.
4. :func:`check_momentum_beta`: the heavy ball's best momentum β = ((√κ − 1)/(√κ + 1))² for
   f(x, y) = x² + 100y² (κ = 100), after the notebook's deep dive on momentum.
"""

from __future__ import annotations

import math
import numbers
from typing import TypedDict

import numpy as np
import sympy

from ..formula import FormulaError, parse_formula
from . import (
    MAX_ANSWER_NUMBERS,
    Feedback,
    answer_check,
    describe,
    expression_problem,
    no_answer,
    read_array,
    read_number,
    unreadable,
)

__all__ = [
    "DIRECTION_EXERCISE",
    "GRADIENT_EXERCISE",
    "MOMENTUM_EXERCISE",
    "NORM_EXERCISE",
    "Feedback",
    "check_gradient",
    "check_gradient_norm",
    "check_momentum_beta",
    "check_steepest_descent",
]


class _GradientExercise(TypedDict):
    f: str
    grad: tuple[str, str]


class _DirectionExercise(TypedDict):
    f: str
    point: tuple[float, float]


class _NormExercise(_DirectionExercise):
    eps: float


class _MomentumExercise(TypedDict):
    f: str
    curvatures: tuple[float, float]


#: Exercise 1: the gradient of this function of x and y.
GRADIENT_EXERCISE: _GradientExercise = {
    "f": "x**2*y + cos(x + 2*y)",
    "grad": ("2*x*y - sin(x + 2*y)", "x**2 - 2*sin(x + 2*y)"),
}
#: Exercise 2: the direction of steepest descent of f at the point.
DIRECTION_EXERCISE: _DirectionExercise = {"f": "x**2 + 2*y**2", "point": (1.0, -1.0)}
#: Exercise 3: ‖∇f‖ of f at the point, compared with eps.
NORM_EXERCISE: _NormExercise = {"f": "x**2 + 2*y**2", "point": (4e-6, 2e-6), "eps": 1e-5}
#: Exercise 4: the heavy ball's best β on f, whose Hessian has the eigenvalues μ_min, μ_max.
MOMENTUM_EXERCISE: _MomentumExercise = {"f": "x**2 + 100*y**2", "curvatures": (2.0, 200.0)}

_NAMES = ("x", "y")
_COMPONENT = ("∂f/∂x", "∂f/∂y")
# Points where two different formulas in x, y almost surely differ somewhere.
_GX, _GY = np.meshgrid(np.linspace(-1.3, 1.7, 5), np.linspace(-1.1, 1.9, 5))
_PX, _PY = _GX.ravel(), _GY.ravel()


# --- exercise 1: a gradient typed as two formulas ------------------------------------------


def _split_top_level(text: str) -> list[str]:
    """Split "a, b" at commas outside parentheses (one string holding both components)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _components(answer) -> tuple[list | None, str | None]:
    """The answer as a list of items (one per component), or a reason it cannot be read."""
    if isinstance(answer, str):
        text = answer.strip()
        if text[:1] in "([" and text[-1:] in ")]":
            text = text[1:-1]
        items = _split_top_level(text)
        if len(items) == 1:
            return None, (
                "give two formulas, one per component: answer = ['∂f/∂x formula', '∂f/∂y formula'] "
                "(∇f of a function of x and y is a vector of two partial derivatives)"
            )
        return items, None
    if isinstance(answer, sympy.MatrixBase):
        return list(answer), None
    if isinstance(answer, dict):
        return None, "give a list of two formulas [∂f/∂x, ∂f/∂y], not a dict"
    if isinstance(answer, (list, tuple, np.ndarray)):
        size = answer.size if isinstance(answer, np.ndarray) else len(answer)
        if size > MAX_ANSWER_NUMBERS:  # listing 10**7 items would take seconds
            return None, f"give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {size:,}"
        items = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
        return items, None
    return None, (
        f"your answer could not be read: give a list of two formulas such as ['2*x', '4*y'], got {describe(answer)}"
    )


def _read_expr(item, which: str) -> tuple[sympy.Expr | None, str | None]:
    """One component as a sympy expression in x and y (plain Symbols), or a reason."""
    if isinstance(item, str):
        try:
            return parse_formula(item, _NAMES), None
        except FormulaError as exc:
            return None, f"the {which} component could not be read as a formula: {exc}"
    if isinstance(item, (bool, np.bool_)):
        return None, f"the {which} component is {item}: write a formula such as '2*x'"
    if isinstance(item, numbers.Real):
        try:
            value = float(item)
        except OverflowError:  # an int such as 10**400
            return None, f"the {which} component {describe(item)} is too large: write a formula"
        if not math.isfinite(value):
            return None, f"the {which} component is {value}: write a formula"
        return sympy.Float(value), None
    if isinstance(item, sympy.Expr):
        others = sorted(str(s) for s in item.free_symbols if str(s) not in _NAMES)
        if others:
            return None, f"the {which} component uses {', '.join(others)}, but the variables are x and y"
        if item.has(sympy.Derivative, sympy.Integral):
            return None, f"the {which} component still contains an unevaluated derivative: give the formula itself"
        too_large = expression_problem(item)
        if too_large:
            return None, f"the {which} component: {too_large}"
        plain = {s: sympy.Symbol(str(s)) for s in item.free_symbols}
        return item.xreplace(plain), None
    return None, f"the {which} component could not be read: expected a formula string, got {describe(item)}"


def _evaluate(expr: sympy.Expr) -> np.ndarray | None:
    """The expression at the check's points (NaN where undefined or complex), or None if it fails."""
    try:
        fn = sympy.lambdify(sympy.symbols("x y"), expr, "numpy")
        with np.errstate(all="ignore"):
            raw = np.asarray(fn(_PX, _PY))
            values = np.broadcast_to(raw, _PX.shape).astype(complex)
    except Exception:  # whatever sympy or numpy cannot evaluate is "unreadable"
        return None
    return np.where(values.imag == 0, values.real, np.nan)


def _exact(which: int) -> np.ndarray:
    gx = 2 * _PX * _PY - np.sin(_PX + 2 * _PY)
    gy = _PX**2 - 2 * np.sin(_PX + 2 * _PY)
    return (gx, gy)[which]


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(a)) and np.allclose(a, b, rtol=1e-9, atol=1e-9))


def _component_hint(which: int, values: np.ndarray) -> str:
    """What is off in one component, named when it is a usual mistake."""
    s = np.sin(_PX + 2 * _PY)
    if which == 0:
        named = [
            (2 * _PX * _PY + s, "d/dx cos(u) = −sin(u), so the cos term gives −sin(x + 2y)"),
            (2 * _PX - s, "treat y as a constant: ∂/∂x (x²y) = 2x·y, the y stays"),
            (2 * _PX * _PY, "the cos(x + 2y) term is missing: its ∂/∂x is −sin(x + 2y)"),
            (-s, "the x²y term is missing: its ∂/∂x is 2xy"),
            (_PX**2 - 2 * s, "that is ∂f/∂y; the first component is ∂f/∂x"),
            (2 * _PX * _PY - 2 * s, "the chain rule factor of ∂/∂x (x + 2y) is 1, not 2"),
        ]
    else:
        named = [
            (_PX**2 - s, "the chain rule: ∂/∂y cos(x + 2y) = −sin(x + 2y)·2, the inner x + 2y gives the factor 2"),
            (_PX**2 + 2 * s, "d/dy cos(u) = −sin(u)·u', so the cos term gives −2·sin(x + 2y)"),
            (2 * _PX * _PY - 2 * s, "∂/∂y (x²y) = x²: differentiate in y, with x held constant"),
            (-2 * s, "the x²y term is missing: its ∂/∂y is x²"),
            (_PX**2, "the cos(x + 2y) term is missing: its ∂/∂y is −2·sin(x + 2y)"),
            (2 * _PX * _PY - s, "that is ∂f/∂x; the second component is ∂f/∂y"),
        ]
    for target, message in named:
        if _close(values, target):
            return message
    exact = _exact(which)
    if not np.all(np.isfinite(values)):
        i = int(np.flatnonzero(~np.isfinite(values))[0])
        return f"it is undefined at (x, y) = ({_PX[i]:g}, {_PY[i]:g}), where {_COMPONENT[which]} = {exact[i]:.4g}"
    i = int(np.argmax(np.abs(values - exact)))
    return f"at (x, y) = ({_PX[i]:g}, {_PY[i]:g}) yours gives {values[i]:.4g}, but {_COMPONENT[which]} = {exact[i]:.4g}"


@answer_check
def check_gradient(answer) -> Feedback:
    """Exercise 1: ∇f of f(x, y) = x²y + cos(x + 2y), as two formulas ``[∂f/∂x, ∂f/∂y]``.

    Each component may be a formula string (parsed safely) or a sympy expression; one string
    ``"2*x*y - sin(x + 2*y), x**2 - 2*sin(x + 2*y)"`` is split at its top-level comma. The message
    says which component is off and names the usual mistakes (the chain rule's factor 2, the sign
    of cos', holding the other variable constant, swapped components).
    """
    if answer is None:
        return no_answer("['2*x*y', 'x**2']")
    items, problem = _components(answer)
    if items is None:
        return unreadable(problem)
    if len(items) != 2:
        return Feedback(
            "unreadable",
            f"give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {len(items)}",
        )
    values = []
    for which, item in zip(("first (∂f/∂x)", "second (∂f/∂y)"), items):
        expr, problem = _read_expr(item, which)
        if expr is None:
            return unreadable(problem)
        v = _evaluate(expr)
        if v is None:
            return Feedback("unreadable", f"the {which} component could not be evaluated as a function of x and y")
        values.append(v)
    ok = [_close(values[i], _exact(i)) for i in (0, 1)]
    if all(ok):
        return Feedback(
            "correct",
            "correct: ∇f = (2xy − sin(x + 2y), x² − 2·sin(x + 2y)); each partial derivative holds the other "
            "variable constant, and the chain rule gives ∂/∂y cos(x + 2y) its factor 2",
        )
    if _close(values[0], _exact(1)) and _close(values[1], _exact(0)):
        return Feedback("wrong", "the components are swapped: the first is ∂f/∂x, the second ∂f/∂y")
    parts = []
    for i in (0, 1):
        if not ok[i]:
            parts.append(f"{_COMPONENT[i]} is off: {_component_hint(i, values[i])}")
    right = [f"{_COMPONENT[i]} is right" for i in (0, 1) if ok[i]]
    return Feedback("wrong", "; ".join(right + parts))


# --- exercise 2: the direction of steepest descent -----------------------------------------


def _read_vector(answer) -> tuple[np.ndarray | None, str | None]:
    cannot_read = f"your answer could not be read: give a vector of two numbers such as [-1, 2], got {describe(answer)}"
    if isinstance(answer, (str, bytes, bool, np.bool_, dict)):
        return None, cannot_read
    v, problem = read_array(answer, "a vector of two numbers such as [-1, 2]", finite=False)
    if v is None:
        return None, problem
    if v.size != 2:
        return None, f"give a vector of two numbers (x and y components), not {v.size} of them (shape {v.shape})"
    v = v.reshape(2)
    if not np.all(np.isfinite(v)):
        return None, f"your vector {v.tolist()} is not finite: give two finite numbers"
    return v, None


def _angle(a: np.ndarray, b: np.ndarray) -> float:
    """The angle between a and b in degrees (atan2 of cross and dot: accurate near 0° and 180°)."""
    cross = float(a[0] * b[1] - a[1] * b[0])
    return math.degrees(math.atan2(abs(cross), float(np.dot(a, b))))


def _parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether a is a positive multiple of b."""
    return _angle(a, b) < 1e-6


@answer_check
def check_steepest_descent(answer) -> Feedback:
    """Exercise 2: the direction of steepest descent of f(x, y) = x² + 2y² at (1, −1).

    Any positive multiple of −∇f(1, −1) = (−2, 4) is correct. Recognises ∇f itself (steepest
    ascent), swapped components, one wrong sign, the direction straight to the minimum (−1, 1),
    and reports the angle to −∇f otherwise.
    """
    if answer is None:
        return no_answer("[-1, 2]")
    v, problem = _read_vector(answer)
    if v is None:
        return unreadable(problem)
    x, y = DIRECTION_EXERCISE["point"]
    grad = np.array([2 * x, 4 * y])  # (2, -4)
    down = -grad
    where = f"at ({x:g}, {y:g}), ∇f = (2x, 4y) = ({grad[0]:g}, {grad[1]:g})"
    if not np.any(v):
        return Feedback("wrong", f"the zero vector goes nowhere; only at the minimum is ∇f = 0, and {where}")
    v = v / np.max(np.abs(v))  # only the direction matters (and this keeps huge or tiny vectors finite)
    angle = _angle(v, down)
    if _parallel(v, down):
        return Feedback(
            "correct",
            f"correct: −∇f = ({down[0]:g}, {down[1]:g}) (or any positive multiple); {where}, "
            "and −∇f is the direction in which f falls fastest",
        )
    if _parallel(v, grad):
        return Feedback("wrong", f"that is ∇f, the direction of steepest ascent; {where}, so descend along −∇f")
    if _parallel(v, down[::-1]) or _parallel(v, grad[::-1]):
        return Feedback("wrong", f"the components are swapped: the first is the x component; {where}")
    if _parallel(v, np.array([-down[0], down[1]])) or _parallel(v, np.array([down[0], -down[1]])):
        return Feedback("wrong", f"one component has the wrong sign; {where}, so −∇f = ({down[0]:g}, {down[1]:g})")
    if _parallel(v, -np.array([x, y])):
        return Feedback(
            "wrong",
            f"that points straight at the minimum (0, 0), {angle:.1f}° away from −∇f = ({down[0]:g}, {down[1]:g}): "
            "on a bowl that is not round, the steepest way down does not aim at the minimum",
        )
    if float(np.dot(v, grad)) < 0:
        return Feedback(
            "wrong",
            f"that goes downhill, but not the steepest way: it is {angle:.1f}° away from −∇f; {where}",
        )
    return Feedback("wrong", f"that goes uphill (or along a contour): it is {angle:.1f}° away from −∇f; {where}")


# --- exercise 3: the norm in the stopping rule ---------------------------------------------


@answer_check
def check_gradient_norm(answer) -> Feedback:
    """Exercise 3: ‖∇f(4e-6, 2e-6)‖ for f(x, y) = x² + 2y², the number compared with ε = 1e-5.

    ∇f = (8e-6, 8e-6), so ‖∇f‖ = 8e-6·√2 ≈ 1.131e-5 > ε: the loop goes on, although each component
    is below ε. Recognises the largest component, the sum of absolute values, the squared norm,
    the norm of the point instead of the gradient, and ∂f/∂y taken as 2y.
    """
    if answer is None:
        return no_answer("1.23e-05")
    value, problem = read_number(answer, "1.23e-05")
    if value is None:
        return unreadable(problem)
    (x, y), eps = NORM_EXERCISE["point"], NORM_EXERCISE["eps"]
    g = np.array([2 * x, 4 * y])
    norm = float(np.sqrt(g @ g))

    def near(target: float, rel: float = 1e-3) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=0.0)

    grad_text = f"∇f = (2x, 4y) = ({g[0]:.0e}, {g[1]:.0e})"
    if near(norm):
        return Feedback(
            "correct",
            f"correct: ‖∇f‖ = √(({g[0]:.0e})² + ({g[1]:.0e})²) = {norm:.4g} > ε = {eps:g}, so the loop goes on, "
            "although each component of ∇f is below ε",
        )
    candidates = [
        (float(np.max(np.abs(g))), "that is the largest component |∂f/∂x|; the stopping rule uses the Euclidean "
         "norm √(g₁² + g₂²), which is larger"),
        (float(np.sum(np.abs(g))), "that is |g₁| + |g₂|; the norm is √(g₁² + g₂²)"),
        (float(g @ g), "that is ‖∇f‖², the sum of squares: take its square root"),
        (float(math.hypot(x, y)), "that is the norm of the point (x, y); the stopping rule measures the gradient"),
        (float(math.hypot(2 * x, 2 * y)), "∂/∂y (2y²) = 4y, not 2y"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", f"{message}; here {grad_text}")
    if near(norm, rel=5e-2):
        return Feedback(
            "wrong",
            f"close ({value:.4g}), but keep all the digits: compute np.linalg.norm of the gradient in Python",
        )
    return Feedback("wrong", f"{value:.4g} is not ‖∇f‖: compute {grad_text} first, then √(g₁² + g₂²)")


# --- exercise 4: the best momentum β ---------------------------------------------------------


def _polyak_beta(kappa: float) -> float:
    root = math.sqrt(kappa)
    return ((root - 1) / (root + 1)) ** 2


@answer_check
def check_momentum_beta(answer) -> Feedback:
    """Exercise 4: the heavy ball's best β for f(x, y) = x² + 100y², after the deep dive on momentum.

    The Hessian is diag(2, 200), so κ = μ_max/μ_min = 100, √κ = 10 and β = ((√κ − 1)/(√κ + 1))² =
    (9/11)² = 81/121 ≈ 0.6694. Recognises the rate (√κ − 1)/(√κ + 1) without the square, descent's
    rate (κ − 1)/(κ + 1) (and its square), the deep dive's κ = 10, the coefficients 1 and 100 taken as
    the curvatures (κ = 100 from the wrong numbers still gives the right β, so only mixed slips show:
    κ = 200 or 50), and the best learning rate 4/(√μ_max + √μ_min)² in place of β.
    """
    if answer is None:
        return no_answer("0.5")
    value, problem = read_number(answer, "0.5")
    if value is None:
        return unreadable(problem)
    mu_min, mu_max = MOMENTUM_EXERCISE["curvatures"]
    kappa = mu_max / mu_min
    root = math.sqrt(kappa)
    beta = _polyak_beta(kappa)
    rate = (root - 1) / (root + 1)
    given = f"κ = μ_max/μ_min = {mu_max:g}/{mu_min:g} = {kappa:g} (the Hessian is diag({mu_min:g}, {mu_max:g}))"

    def near(target: float, rel: float = 2e-3) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=0.0)

    if near(beta):
        return Feedback(
            "correct",
            f"correct: {given}, √κ = {root:g}, and β = ((√κ − 1)/(√κ + 1))² = (9/11)² = {beta:.4f}; the heavy "
            f"ball then shrinks the error by (√κ − 1)/(√κ + 1) = {rate:.4f} per step, where the best fixed step "
            f"of plain descent gives (κ − 1)/(κ + 1) = {(kappa - 1) / (kappa + 1):.4f}",
        )
    if not 0 <= value < 1:
        return Feedback(
            "wrong",
            f"β must lie in [0, 1): it is the fraction of the velocity kept from one step to the next; {given}",
        )
    candidates = [
        (rate, f"that is the rate (√κ − 1)/(√κ + 1) = {rate:.4f}; the best β is its square"),
        ((kappa - 1) / (kappa + 1), "that is (κ − 1)/(κ + 1), plain descent's rate with its best fixed step; "
         "momentum's β uses √κ"),
        (((kappa - 1) / (kappa + 1)) ** 2, "that is ((κ − 1)/(κ + 1))²: momentum's β takes √κ, not κ"),
        (_polyak_beta(10.0), "that is the best β of the deep dive's x² + 10y² (κ = 10); this f has its own κ"),
        (_polyak_beta(mu_max / 1.0), "you took μ_min = 1, the coefficient of x²; the curvature is the second "
         "derivative, 2"),
        (_polyak_beta(mu_max / 2 / mu_min), "you took μ_max = 100, the coefficient of y²; the curvature is the "
         "second derivative, 200"),
        (4 / (math.sqrt(mu_max) + math.sqrt(mu_min)) ** 2, "that is the best learning rate "
         "λ = 4/(√μ_max + √μ_min)², not β"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", f"{message}; here {given}")
    if near(beta, rel=5e-2):
        return Feedback("wrong", f"close ({value:.4g}), but keep more digits: compute ((√κ − 1)/(√κ + 1))² in Python")
    return Feedback("wrong", f"{value:.4g} is not the best β: {given}; then β = ((√κ − 1)/(√κ + 1))²")

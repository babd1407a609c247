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
from ..i18n import Messages
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
            return None, tr(
                "give two formulas, one per component: answer = ['∂f/∂x formula', '∂f/∂y formula'] "
                "(∇f of a function of x and y is a vector of two partial derivatives)"
            )
        return items, None
    if isinstance(answer, sympy.MatrixBase):
        return list(answer), None
    if isinstance(answer, dict):
        return None, tr("give a list of two formulas [∂f/∂x, ∂f/∂y], not a dict")
    if isinstance(answer, (list, tuple, np.ndarray)):
        size = answer.size if isinstance(answer, np.ndarray) else len(answer)
        if size > MAX_ANSWER_NUMBERS:  # listing 10**7 items would take seconds
            return None, tr("give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {size:,}", size=size)
        items = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
        return items, None
    return None, tr(
        "your answer could not be read: give a list of two formulas such as ['2*x', '4*y'], got {answer}",
        answer=describe(answer),
    )


def _read_expr(item, which: str) -> tuple[sympy.Expr | None, str | None]:
    """One component as a sympy expression in x and y (plain Symbols), or a reason."""
    if isinstance(item, str):
        try:
            return parse_formula(item, _NAMES), None
        except FormulaError as exc:
            return None, tr("the {which} component could not be read as a formula: {error}", which=which, error=exc)
    if isinstance(item, (bool, np.bool_)):
        return None, tr("the {which} component is {item}: write a formula such as '2*x'", which=which, item=item)
    if isinstance(item, numbers.Real):
        try:
            value = float(item)
        except OverflowError:  # an int such as 10**400
            return None, tr(
                "the {which} component {item} is too large: write a formula", which=which, item=describe(item)
            )
        if not math.isfinite(value):
            return None, tr("the {which} component is {value}: write a formula", which=which, value=value)
        return sympy.Float(value), None
    if isinstance(item, sympy.Expr):
        others = sorted(str(s) for s in item.free_symbols if str(s) not in _NAMES)
        if others:
            return None, tr(
                "the {which} component uses {names}, but the variables are x and y",
                which=which,
                names=", ".join(others),
            )
        if item.has(sympy.Derivative, sympy.Integral):
            return None, tr(
                "the {which} component still contains an unevaluated derivative: give the formula itself",
                which=which,
            )
        too_large = expression_problem(item)
        if too_large:
            return None, tr("the {which} component: {problem}", which=which, problem=too_large)
        plain = {s: sympy.Symbol(str(s)) for s in item.free_symbols}
        return item.xreplace(plain), None
    return None, tr(
        "the {which} component could not be read: expected a formula string, got {item}",
        which=which,
        item=describe(item),
    )


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
            (2 * _PX * _PY + s, tr("d/dx cos(u) = −sin(u), so the cos term gives −sin(x + 2y)")),
            (2 * _PX - s, tr("treat y as a constant: ∂/∂x (x²y) = 2x·y, the y stays")),
            (2 * _PX * _PY, tr("the cos(x + 2y) term is missing: its ∂/∂x is −sin(x + 2y)")),
            (-s, tr("the x²y term is missing: its ∂/∂x is 2xy")),
            (_PX**2 - 2 * s, tr("that is ∂f/∂y; the first component is ∂f/∂x")),
            (2 * _PX * _PY - 2 * s, tr("the chain rule factor of ∂/∂x (x + 2y) is 1, not 2")),
        ]
    else:
        named = [
            (_PX**2 - s, tr("the chain rule: ∂/∂y cos(x + 2y) = −sin(x + 2y)·2, the inner x + 2y gives the factor 2")),
            (_PX**2 + 2 * s, tr("d/dy cos(u) = −sin(u)·u', so the cos term gives −2·sin(x + 2y)")),
            (2 * _PX * _PY - 2 * s, tr("∂/∂y (x²y) = x²: differentiate in y, with x held constant")),
            (-2 * s, tr("the x²y term is missing: its ∂/∂y is x²")),
            (_PX**2, tr("the cos(x + 2y) term is missing: its ∂/∂y is −2·sin(x + 2y)")),
            (2 * _PX * _PY - s, tr("that is ∂f/∂x; the second component is ∂f/∂y")),
        ]
    for target, message in named:
        if _close(values, target):
            return message
    exact = _exact(which)
    if not np.all(np.isfinite(values)):
        i = int(np.flatnonzero(~np.isfinite(values))[0])
        return tr(
            "it is undefined at (x, y) = ({x:g}, {y:g}), where {component} = {exact:.4g}",
            x=_PX[i],
            y=_PY[i],
            component=_COMPONENT[which],
            exact=exact[i],
        )
    i = int(np.argmax(np.abs(values - exact)))
    return tr(
        "at (x, y) = ({x:g}, {y:g}) yours gives {mine:.4g}, but {component} = {exact:.4g}",
        x=_PX[i],
        y=_PY[i],
        mine=values[i],
        component=_COMPONENT[which],
        exact=exact[i],
    )


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
            tr("give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {count}", count=len(items)),
        )
    values = []
    for which, item in zip((tr("first (∂f/∂x)"), tr("second (∂f/∂y)")), items):
        expr, problem = _read_expr(item, which)
        if expr is None:
            return unreadable(problem)
        v = _evaluate(expr)
        if v is None:
            return Feedback(
                "unreadable",
                tr("the {which} component could not be evaluated as a function of x and y", which=which),
            )
        values.append(v)
    ok = [_close(values[i], _exact(i)) for i in (0, 1)]
    if all(ok):
        return Feedback(
            "correct",
            tr(
                "correct: ∇f = (2xy − sin(x + 2y), x² − 2·sin(x + 2y)); each partial derivative holds the other "
                "variable constant, and the chain rule gives ∂/∂y cos(x + 2y) its factor 2"
            ),
        )
    if _close(values[0], _exact(1)) and _close(values[1], _exact(0)):
        return Feedback("wrong", tr("the components are swapped: the first is ∂f/∂x, the second ∂f/∂y"))
    parts = []
    for i in (0, 1):
        if not ok[i]:
            parts.append(tr("{component} is off: {hint}", component=_COMPONENT[i], hint=_component_hint(i, values[i])))
    right = [tr("{component} is right", component=_COMPONENT[i]) for i in (0, 1) if ok[i]]
    said = right + parts  # one or two sentences: both components right returned above
    if len(said) == 1:
        return Feedback("wrong", said[0])
    return Feedback("wrong", tr("{first}; {second}", first=said[0], second=said[1]))


# --- exercise 2: the direction of steepest descent -----------------------------------------


def _read_vector(answer) -> tuple[np.ndarray | None, str | None]:
    cannot_read = tr(
        "your answer could not be read: give a vector of two numbers such as [-1, 2], got {answer}",
        answer=describe(answer),
    )
    if isinstance(answer, (str, bytes, bool, np.bool_, dict)):
        return None, cannot_read
    v, problem = read_array(answer, tr("a vector of two numbers such as [-1, 2]"), finite=False)
    if v is None:
        return None, problem
    if v.size != 2:
        return None, tr(
            "give a vector of two numbers (x and y components), not {size} of them (shape {shape})",
            size=v.size,
            shape=v.shape,
        )
    v = v.reshape(2)
    if not np.all(np.isfinite(v)):
        return None, tr("your vector {values} is not finite: give two finite numbers", values=v.tolist())
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
    where = tr("at ({x:g}, {y:g}), ∇f = (2x, 4y) = ({gx:g}, {gy:g})", x=x, y=y, gx=grad[0], gy=grad[1])
    if not np.any(v):
        return Feedback(
            "wrong", tr("the zero vector goes nowhere; only at the minimum is ∇f = 0, and {where}", where=where)
        )
    v = v / np.max(np.abs(v))  # only the direction matters (and this keeps huge or tiny vectors finite)
    angle = _angle(v, down)
    if _parallel(v, down):
        return Feedback(
            "correct",
            tr(
                "correct: −∇f = ({dx:g}, {dy:g}) (or any positive multiple); {where}, "
                "and −∇f is the direction in which f falls fastest",
                dx=down[0],
                dy=down[1],
                where=where,
            ),
        )
    if _parallel(v, grad):
        return Feedback(
            "wrong", tr("that is ∇f, the direction of steepest ascent; {where}, so descend along −∇f", where=where)
        )
    if _parallel(v, down[::-1]) or _parallel(v, grad[::-1]):
        return Feedback("wrong", tr("the components are swapped: the first is the x component; {where}", where=where))
    if _parallel(v, np.array([-down[0], down[1]])) or _parallel(v, np.array([down[0], -down[1]])):
        return Feedback(
            "wrong",
            tr(
                "one component has the wrong sign; {where}, so −∇f = ({dx:g}, {dy:g})",
                where=where,
                dx=down[0],
                dy=down[1],
            ),
        )
    if _parallel(v, -np.array([x, y])):
        return Feedback(
            "wrong",
            tr(
                "that points straight at the minimum (0, 0), {angle:.1f}° away from −∇f = ({dx:g}, {dy:g}): "
                "on a bowl that is not round, the steepest way down does not aim at the minimum",
                angle=angle,
                dx=down[0],
                dy=down[1],
            ),
        )
    if float(np.dot(v, grad)) < 0:
        return Feedback(
            "wrong",
            tr(
                "that goes downhill, but not the steepest way: it is {angle:.1f}° away from −∇f; {where}",
                angle=angle,
                where=where,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "that goes uphill (or along a contour): it is {angle:.1f}° away from −∇f; {where}", angle=angle, where=where
        ),
    )


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
            tr(
                "correct: ‖∇f‖ = √(({g1:.0e})² + ({g2:.0e})²) = {norm:.4g} > ε = {eps:g}, so the loop goes on, "
                "although each component of ∇f is below ε",
                g1=g[0],
                g2=g[1],
                norm=norm,
                eps=eps,
            ),
        )
    candidates = [
        (float(np.max(np.abs(g))), tr("that is the largest component |∂f/∂x|; the stopping rule uses the Euclidean "
                                      "norm √(g₁² + g₂²), which is larger")),
        (float(np.sum(np.abs(g))), tr("that is |g₁| + |g₂|; the norm is √(g₁² + g₂²)")),
        (float(g @ g), tr("that is ‖∇f‖², the sum of squares: take its square root")),
        (float(math.hypot(x, y)), tr("that is the norm of the point (x, y); the stopping rule measures the gradient")),
        (float(math.hypot(2 * x, 2 * y)), tr("∂/∂y (2y²) = 4y, not 2y")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", tr("{message}; here {facts}", message=message, facts=grad_text))
    if near(norm, rel=5e-2):
        return Feedback(
            "wrong",
            tr(
                "close ({value:.4g}), but keep all the digits: compute np.linalg.norm of the gradient in Python",
                value=value,
            ),
        )
    return Feedback(
        "wrong",
        tr("{value:.4g} is not ‖∇f‖: compute {grad} first, then √(g₁² + g₂²)", value=value, grad=grad_text),
    )


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
    given = tr(
        "κ = μ_max/μ_min = {mu_max:g}/{mu_min:g} = {kappa:g} (the Hessian is diag({mu_min:g}, {mu_max:g}))",
        mu_max=mu_max,
        mu_min=mu_min,
        kappa=kappa,
    )

    def near(target: float, rel: float = 2e-3) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=0.0)

    if near(beta):
        return Feedback(
            "correct",
            tr(
                "correct: {given}, √κ = {root:g}, and β = ((√κ − 1)/(√κ + 1))² = (9/11)² = {beta:.4f}; the heavy "
                "ball then shrinks the error by (√κ − 1)/(√κ + 1) = {rate:.4f} per step, where the best fixed step "
                "of plain descent gives (κ − 1)/(κ + 1) = {plain:.4f}",
                given=given,
                root=root,
                beta=beta,
                rate=rate,
                plain=(kappa - 1) / (kappa + 1),
            ),
        )
    if not 0 <= value < 1:
        return Feedback(
            "wrong",
            tr(
                "β must lie in [0, 1): it is the fraction of the velocity kept from one step to the next; {given}",
                given=given,
            ),
        )
    candidates = [
        (rate, tr("that is the rate (√κ − 1)/(√κ + 1) = {rate:.4f}; the best β is its square", rate=rate)),
        ((kappa - 1) / (kappa + 1), tr("that is (κ − 1)/(κ + 1), plain descent's rate with its best fixed step; "
                                       "momentum's β uses √κ")),
        (((kappa - 1) / (kappa + 1)) ** 2, tr("that is ((κ − 1)/(κ + 1))²: momentum's β takes √κ, not κ")),
        (_polyak_beta(10.0), tr("that is the best β of the deep dive's x² + 10y² (κ = 10); this f has its own κ")),
        (_polyak_beta(mu_max / 1.0), tr("you took μ_min = 1, the coefficient of x²; the curvature is the second "
                                        "derivative, 2")),
        (_polyak_beta(mu_max / 2 / mu_min), tr("you took μ_max = 100, the coefficient of y²; the curvature is the "
                                               "second derivative, 200")),
        (4 / (math.sqrt(mu_max) + math.sqrt(mu_min)) ** 2, tr("that is the best learning rate "
                                                              "λ = 4/(√μ_max + √μ_min)², not β")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", tr("{message}; here {facts}", message=message, facts=given))
    if near(beta, rel=5e-2):
        return Feedback(
            "wrong",
            tr("close ({value:.4g}), but keep more digits: compute ((√κ − 1)/(√κ + 1))² in Python", value=value),
        )
    return Feedback(
        "wrong", tr("{value:.4g} is not the best β: {given}; then β = ((√κ − 1)/(√κ + 1))²", value=value, given=given)
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: a gradient typed as two formulas
        "give two formulas, one per component: answer = ['∂f/∂x formula', '∂f/∂y formula'] "
        "(∇f of a function of x and y is a vector of two partial derivatives)": (
            "성분마다 하나씩, 수식 두 개를 주세요: answer = ['∂f/∂x 수식', '∂f/∂y 수식'] "
            "(x와 y의 함수의 ∇f는 편미분 두 개로 이루어진 벡터입니다)"
        ),
        "give a list of two formulas [∂f/∂x, ∂f/∂y], not a dict": (
            "dict가 아니라 수식 두 개의 리스트 [∂f/∂x, ∂f/∂y]를 주세요"
        ),
        "give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {size:,}": (
            "{size:,}개가 아니라 ∂f/∂x와 ∂f/∂y, 수식 두 개를 주세요 (f의 변수는 두 개입니다)"
        ),
        "give two formulas, ∂f/∂x and ∂f/∂y (f has two variables), not {count}": (
            "{count}개가 아니라 ∂f/∂x와 ∂f/∂y, 수식 두 개를 주세요 (f의 변수는 두 개입니다)"
        ),
        "your answer could not be read: give a list of two formulas such as ['2*x', '4*y'], got {answer}": (
            "답을 읽을 수 없습니다: ['2*x', '4*y'] 같은 수식 두 개의 리스트를 주세요. 받은 답: {answer}"
        ),
        "first (∂f/∂x)": "첫 번째(∂f/∂x)",
        "second (∂f/∂y)": "두 번째(∂f/∂y)",
        "the {which} component could not be read as a formula: {error}": (
            "{which} 성분을 수식으로 읽을 수 없습니다: {error}"
        ),
        "the {which} component is {item}: write a formula such as '2*x'": (
            "{which} 성분이 {item}입니다: '2*x' 같은 수식을 쓰세요"
        ),
        "the {which} component {item} is too large: write a formula": (
            "{which} 성분 {item}이(가) 너무 큽니다: 수식을 쓰세요"
        ),
        "the {which} component is {value}: write a formula": "{which} 성분이 {value}입니다: 수식을 쓰세요",
        "the {which} component uses {names}, but the variables are x and y": (
            "{which} 성분에 {names}이(가) 쓰였지만, 변수는 x와 y입니다"
        ),
        "the {which} component still contains an unevaluated derivative: give the formula itself": (
            "{which} 성분에 아직 계산되지 않은 도함수가 들어 있습니다: 식 자체를 주세요"
        ),
        "the {which} component: {problem}": "{which} 성분: {problem}",
        "the {which} component could not be read: expected a formula string, got {item}": (
            "{which} 성분을 읽을 수 없습니다: 수식 문자열이 필요합니다. 받은 답: {item}"
        ),
        "d/dx cos(u) = −sin(u), so the cos term gives −sin(x + 2y)": (
            "d/dx cos(u) = −sin(u)이므로, cos 항에서는 −sin(x + 2y)가 나옵니다"
        ),
        "treat y as a constant: ∂/∂x (x²y) = 2x·y, the y stays": (
            "y를 상수로 다루세요: ∂/∂x (x²y) = 2x·y로, y가 그대로 남습니다"
        ),
        "the cos(x + 2y) term is missing: its ∂/∂x is −sin(x + 2y)": (
            "cos(x + 2y) 항이 빠졌습니다: 그 항의 ∂/∂x는 −sin(x + 2y)입니다"
        ),
        "the x²y term is missing: its ∂/∂x is 2xy": "x²y 항이 빠졌습니다: 그 항의 ∂/∂x는 2xy입니다",
        "that is ∂f/∂y; the first component is ∂f/∂x": "그것은 ∂f/∂y입니다. 첫 번째 성분은 ∂f/∂x입니다",
        "the chain rule factor of ∂/∂x (x + 2y) is 1, not 2": (
            "연쇄법칙에서 나오는 인자 ∂/∂x (x + 2y)는 2가 아니라 1입니다"
        ),
        "the chain rule: ∂/∂y cos(x + 2y) = −sin(x + 2y)·2, the inner x + 2y gives the factor 2": (
            "연쇄법칙을 확인해 보세요: ∂/∂y cos(x + 2y) = −sin(x + 2y)·2로, 안쪽의 x + 2y에서 인자 2가 나옵니다"
        ),
        "d/dy cos(u) = −sin(u)·u', so the cos term gives −2·sin(x + 2y)": (
            "d/dy cos(u) = −sin(u)·u'이므로, cos 항에서는 −2·sin(x + 2y)가 나옵니다"
        ),
        "∂/∂y (x²y) = x²: differentiate in y, with x held constant": (
            "∂/∂y (x²y) = x²입니다: x를 상수로 두고 y로 미분하세요"
        ),
        "the x²y term is missing: its ∂/∂y is x²": "x²y 항이 빠졌습니다: 그 항의 ∂/∂y는 x²입니다",
        "the cos(x + 2y) term is missing: its ∂/∂y is −2·sin(x + 2y)": (
            "cos(x + 2y) 항이 빠졌습니다: 그 항의 ∂/∂y는 −2·sin(x + 2y)입니다"
        ),
        "that is ∂f/∂x; the second component is ∂f/∂y": "그것은 ∂f/∂x입니다. 두 번째 성분은 ∂f/∂y입니다",
        "it is undefined at (x, y) = ({x:g}, {y:g}), where {component} = {exact:.4g}": (
            "(x, y) = ({x:g}, {y:g})에서 정의되지 않습니다. 그곳에서 {component} = {exact:.4g}입니다"
        ),
        "at (x, y) = ({x:g}, {y:g}) yours gives {mine:.4g}, but {component} = {exact:.4g}": (
            "(x, y) = ({x:g}, {y:g})에서 답은 {mine:.4g}이지만, {component} = {exact:.4g}입니다"
        ),
        "the {which} component could not be evaluated as a function of x and y": (
            "{which} 성분을 x와 y의 함수로 계산할 수 없습니다"
        ),
        "correct: ∇f = (2xy − sin(x + 2y), x² − 2·sin(x + 2y)); each partial derivative holds the other "
        "variable constant, and the chain rule gives ∂/∂y cos(x + 2y) its factor 2": (
            "정답입니다: ∇f = (2xy − sin(x + 2y), x² − 2·sin(x + 2y)). 각 편미분은 다른 변수를 상수로 두며, "
            "∂/∂y cos(x + 2y)의 인자 2는 연쇄법칙에서 나옵니다"
        ),
        "the components are swapped: the first is ∂f/∂x, the second ∂f/∂y": (
            "성분의 순서가 바뀌었습니다: 첫 번째가 ∂f/∂x, 두 번째가 ∂f/∂y입니다"
        ),
        "{component} is off: {hint}": "{component}이(가) 틀렸습니다: {hint}",
        "{component} is right": "{component}은(는) 맞습니다",
        "{first}; {second}": "{first}. {second}",
        # exercise 2: the direction of steepest descent
        "your answer could not be read: give a vector of two numbers such as [-1, 2], got {answer}": (
            "답을 읽을 수 없습니다: [-1, 2] 같은 수 두 개의 벡터를 주세요. 받은 답: {answer}"
        ),
        "a vector of two numbers such as [-1, 2]": "[-1, 2] 같은 수 두 개의 벡터",
        "give a vector of two numbers (x and y components), not {size} of them (shape {shape})": (
            "수 {size}개가 아니라 수 두 개(x 성분과 y 성분)의 벡터를 주세요 (shape {shape})"
        ),
        "your vector {values} is not finite: give two finite numbers": (
            "벡터 {values}이(가) 유한하지 않습니다: 유한한 수 두 개를 주세요"
        ),
        "at ({x:g}, {y:g}), ∇f = (2x, 4y) = ({gx:g}, {gy:g})": "({x:g}, {y:g})에서 ∇f = (2x, 4y) = ({gx:g}, {gy:g})",
        "the zero vector goes nowhere; only at the minimum is ∇f = 0, and {where}": (
            "영벡터는 어느 쪽으로도 가지 않습니다. ∇f = 0인 곳은 최솟값뿐인데, {where}입니다"
        ),
        "correct: −∇f = ({dx:g}, {dy:g}) (or any positive multiple); {where}, "
        "and −∇f is the direction in which f falls fastest": (
            "정답입니다: −∇f = ({dx:g}, {dy:g})(또는 그 양수배)입니다. {where}이고, −∇f는 f가 가장 빨리 "
            "줄어드는 방향입니다"
        ),
        "that is ∇f, the direction of steepest ascent; {where}, so descend along −∇f": (
            "그것은 가장 가파른 오르막 방향인 ∇f입니다. {where}이므로, −∇f를 따라 내려가세요"
        ),
        "the components are swapped: the first is the x component; {where}": (
            "성분의 순서가 바뀌었습니다: 첫 번째가 x 성분입니다. {where}입니다"
        ),
        "one component has the wrong sign; {where}, so −∇f = ({dx:g}, {dy:g})": (
            "성분 하나의 부호가 틀렸습니다. {where}이므로 −∇f = ({dx:g}, {dy:g})입니다"
        ),
        "that points straight at the minimum (0, 0), {angle:.1f}° away from −∇f = ({dx:g}, {dy:g}): "
        "on a bowl that is not round, the steepest way down does not aim at the minimum": (
            "그것은 최솟값 (0, 0)을 곧장 가리키는 방향으로, −∇f = ({dx:g}, {dy:g})에서 {angle:.1f}° 벗어나 있습니다: "
            "둥글지 않은 그릇에서는 가장 가파른 내리막이 최솟값을 겨누지 않습니다"
        ),
        "that goes downhill, but not the steepest way: it is {angle:.1f}° away from −∇f; {where}": (
            "내리막이기는 하지만 가장 가파른 길은 아닙니다: −∇f에서 {angle:.1f}° 벗어나 있습니다. {where}입니다"
        ),
        "that goes uphill (or along a contour): it is {angle:.1f}° away from −∇f; {where}": (
            "오르막(또는 등고선을 따라가는 방향)입니다: −∇f에서 {angle:.1f}° 벗어나 있습니다. {where}입니다"
        ),
        # exercise 3: the norm in the stopping rule
        "correct: ‖∇f‖ = √(({g1:.0e})² + ({g2:.0e})²) = {norm:.4g} > ε = {eps:g}, so the loop goes on, "
        "although each component of ∇f is below ε": (
            "정답입니다: ‖∇f‖ = √(({g1:.0e})² + ({g2:.0e})²) = {norm:.4g} > ε = {eps:g}이므로, ∇f의 각 성분은 "
            "ε보다 작지만 반복문은 계속됩니다"
        ),
        "that is the largest component |∂f/∂x|; the stopping rule uses the Euclidean "
        "norm √(g₁² + g₂²), which is larger": (
            "그것은 가장 큰 성분 |∂f/∂x|입니다. 종료조건은 그보다 큰 유클리드 노름 √(g₁² + g₂²)를 씁니다"
        ),
        "that is |g₁| + |g₂|; the norm is √(g₁² + g₂²)": "그것은 |g₁| + |g₂|입니다. 노름은 √(g₁² + g₂²)입니다",
        "that is ‖∇f‖², the sum of squares: take its square root": (
            "그것은 제곱의 합인 ‖∇f‖²입니다: 그 제곱근을 구하세요"
        ),
        "that is the norm of the point (x, y); the stopping rule measures the gradient": (
            "그것은 점 (x, y)의 노름입니다. 종료조건이 재는 것은 그레디언트입니다"
        ),
        "∂/∂y (2y²) = 4y, not 2y": "∂/∂y (2y²)는 2y가 아니라 4y입니다",
        "{message}; here {facts}": "{message}. 여기서는 {facts}입니다",
        "close ({value:.4g}), but keep all the digits: compute np.linalg.norm of the gradient in Python": (
            "가깝지만({value:.4g}) 자릿수를 모두 남기세요: Python으로 그레디언트의 np.linalg.norm을 계산하세요"
        ),
        "{value:.4g} is not ‖∇f‖: compute {grad} first, then √(g₁² + g₂²)": (
            "{value:.4g}은(는) ‖∇f‖가 아닙니다: {grad}부터 계산한 다음, √(g₁² + g₂²)를 계산하세요"
        ),
        # exercise 4: the best momentum β
        "κ = μ_max/μ_min = {mu_max:g}/{mu_min:g} = {kappa:g} (the Hessian is diag({mu_min:g}, {mu_max:g}))": (
            "헤시안 행렬이 diag({mu_min:g}, {mu_max:g})이므로 κ = μ_max/μ_min = {mu_max:g}/{mu_min:g} = {kappa:g}"
        ),
        "correct: {given}, √κ = {root:g}, and β = ((√κ − 1)/(√κ + 1))² = (9/11)² = {beta:.4f}; the heavy "
        "ball then shrinks the error by (√κ − 1)/(√κ + 1) = {rate:.4f} per step, where the best fixed step "
        "of plain descent gives (κ − 1)/(κ + 1) = {plain:.4f}": (
            "정답입니다: {given}이고, √κ = {root:g}, β = ((√κ − 1)/(√κ + 1))² = (9/11)² = {beta:.4f}입니다. "
            "그러면 무거운 공은 스텝마다 오차를 (√κ − 1)/(√κ + 1) = {rate:.4f}배로 줄이는데, 평범한 경사하강법은 "
            "가장 좋은 고정 스텝으로도 (κ − 1)/(κ + 1) = {plain:.4f}배입니다"
        ),
        "β must lie in [0, 1): it is the fraction of the velocity kept from one step to the next; {given}": (
            "β는 [0, 1) 안에 있어야 합니다: β는 한 스텝에서 다음 스텝으로 남겨 두는 속도의 비율입니다. {given}입니다"
        ),
        "that is the rate (√κ − 1)/(√κ + 1) = {rate:.4f}; the best β is its square": (
            "그것은 수렴 비율 (√κ − 1)/(√κ + 1) = {rate:.4f}입니다. 가장 좋은 β는 그 제곱입니다"
        ),
        "that is (κ − 1)/(κ + 1), plain descent's rate with its best fixed step; momentum's β uses √κ": (
            "그것은 평범한 경사하강법이 가장 좋은 고정 스텝으로 내는 비율 (κ − 1)/(κ + 1)입니다. "
            "모멘텀의 β에는 √κ가 들어갑니다"
        ),
        "that is ((κ − 1)/(κ + 1))²: momentum's β takes √κ, not κ": (
            "그것은 ((κ − 1)/(κ + 1))²입니다: 모멘텀의 β에는 κ가 아니라 √κ가 들어갑니다"
        ),
        "that is the best β of the deep dive's x² + 10y² (κ = 10); this f has its own κ": (
            "그것은 심화에서 다룬 x² + 10y²(κ = 10)의 가장 좋은 β입니다. 이 f의 κ는 따로 구해야 합니다"
        ),
        "you took μ_min = 1, the coefficient of x²; the curvature is the second derivative, 2": (
            "x²의 계수인 μ_min = 1을 썼습니다. 곡률은 이계도함수, 곧 2입니다"
        ),
        "you took μ_max = 100, the coefficient of y²; the curvature is the second derivative, 200": (
            "y²의 계수인 μ_max = 100을 썼습니다. 곡률은 이계도함수, 곧 200입니다"
        ),
        "that is the best learning rate λ = 4/(√μ_max + √μ_min)², not β": (
            "그것은 β가 아니라 가장 좋은 학습률 λ = 4/(√μ_max + √μ_min)²입니다"
        ),
        "close ({value:.4g}), but keep more digits: compute ((√κ − 1)/(√κ + 1))² in Python": (
            "가깝지만({value:.4g}) 자릿수를 더 남기세요: Python으로 ((√κ − 1)/(√κ + 1))²를 계산하세요"
        ),
        "{value:.4g} is not the best β: {given}; then β = ((√κ − 1)/(√κ + 1))²": (
            "{value:.4g}은(는) 가장 좋은 β가 아닙니다: {given}이고, 그러면 β = ((√κ − 1)/(√κ + 1))²입니다"
        ),
    }
)

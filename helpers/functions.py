"""A small library of objectives to descend: the lecture's and the course's own.

Each :class:`Objective` is built once from a sympy expression: its value and gradient are
compiled with ``sympy.lambdify`` (never re-derived inside a loop), with fast scalar versions for
the descent loop (``f``, ``grad``) and vectorised ones for plotting grids (``f_grid``).
Known minima and the curvature bound μ (largest second derivative / Hessian eigenvalue, for
quadratics) come with it, so notebooks and tests can compare a run with the truth.

A learner's typed formula becomes an objective with :func:`formula_objective` (NaN where it is
undefined) and :func:`undefined_parts` says where that is; :func:`curvature_at_minimum` gives the μ
of a 1-D library function that its learning rate is compared with.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .calculus import second_derivative
from .formula import _real_diff, parse_formula, vectorise
from .validation import _show, check_choice, check_real

__all__ = [
    "FORMULA",
    "FORMULA_DOMAIN",
    "FUNCTIONS",
    "Objective",
    "curvature_at_minimum",
    "formula_objective",
    "get_function",
    "objective",
    "objective_from_expr",
    "undefined_parts",
]


@dataclass(frozen=True)
class Objective:
    """A function to minimise, with what is known about it.

    Attributes
    ----------
    name : str
        Key in the library (``get_function(name)``).
    label : str
        The formula as a learner reads it, e.g. ``"x² + 2x + 3"``.
    expr : sympy.Expr
        The symbolic expression.
    variables : tuple of sympy.Symbol
        ``(x,)`` or ``(x, y)``.
    f, grad : callable
        Value and derivative / gradient at one point (a float, or a length-2 array).
    f_grid : callable
        Vectorised value over arrays: ``f_grid(xs)`` or ``f_grid(X, Y)``.
    minima : tuple
        Known local minimisers (floats, or tuples for 2-D), the global one first.
    curvature : float or None
        μ, the largest second derivative over the whole domain when it is bounded
        (quadratics): gradient descent converges for lr < 2/μ.
    convex : bool
        Whether the function is convex.
    domain : tuple of (float, float)
        A box per variable that shows the interesting part (for plots and sliders).
    source : str
        ``"lecture"`` for the lecture's own examples, ``"course"`` for the course's additions.
    """

    name: str
    label: str
    expr: sp.Expr
    variables: tuple
    f: Callable
    grad: Callable
    f_grid: Callable
    minima: tuple = ()
    curvature: float | None = None
    convex: bool = False
    domain: tuple = ((-3.0, 3.0),)
    source: str = "course"

    @property
    def dim(self) -> int:
        return len(self.variables)

    def __repr__(self) -> str:
        return f"Objective({self.name!r}: f = {self.label})"

    @property
    def derivative(self) -> sp.Expr | sp.Matrix:
        """f′(x) as a sympy expression (one variable), or the gradient as a column Matrix."""
        partials = [_real_diff(self.expr, v) for v in self.variables]
        return partials[0] if self.dim == 1 else sp.Matrix(partials)

    def hessian(self, point=None) -> sp.Matrix | np.ndarray:
        """The matrix of second derivatives: symbolic, or as numbers at ``point`` (a length-``dim`` vector).

        Examples
        --------
        >>> bowl = objective("x**2 + 10*y**2", variables=("x", "y"))
        >>> bowl.hessian()
        Matrix([
        [2,  0],
        [0, 20]])
        >>> bowl.hessian([1.0, 2.0])
        array([[ 2.,  0.],
               [ 0., 20.]])
        """
        # Second derivatives read the variables as real, as the gradient does (|x|'' is 0, not a complex formula).
        H = sp.Matrix([[_real_diff(_real_diff(self.expr, a), b) for b in self.variables] for a in self.variables])
        if point is None:
            return H
        at = np.atleast_1d(np.asarray(point, dtype=float))
        if at.shape != (self.dim,) or not np.all(np.isfinite(at)):
            raise ValueError(f"point must be {self.dim} finite number(s), got {_show(point)}")
        return np.array(H.subs(dict(zip(self.variables, at.tolist()))).evalf(), dtype=float)


def objective_from_expr(
    expr: sp.Expr,
    variables: Sequence[sp.Symbol],
    *,
    name: str = "custom",
    label: str | None = None,
    minima: tuple = (),
    curvature: float | None = None,
    convex: bool = False,
    domain: tuple | None = None,
    source: str = "course",
) -> Objective:
    """Compile an :class:`Objective` from a sympy expression in one or two variables.

    Parameters
    ----------
    expr : sympy.Expr
        The function. Build it with sympy, or from a learner's text with
        :func:`helpers.formula.parse_formula` (never with ``sympify`` on raw text).
    variables : sequence of sympy.Symbol
        One or two symbols.
    name, label, minima, curvature, convex, domain, source
        See :class:`Objective`.
    """
    if not isinstance(expr, sp.Expr):
        raise TypeError(f"expr must be a sympy expression, got {_show(expr)} of type {type(expr).__name__}")
    if expr.has(sp.I, sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise ValueError(f"expr must be a real, finite expression (no I, nan, oo or zoo), got {_show(expr)}")
    try:
        variables = tuple(variables)
    except Exception:
        raise TypeError(f"variables must be a sequence of one or two sympy Symbols, got {_show(variables)}") from None
    if len(variables) not in (1, 2) or not all(isinstance(v, sp.Symbol) for v in variables):
        raise ValueError(f"variables must be one or two sympy Symbols, got {_show(variables)}")
    extra = expr.free_symbols - set(variables)
    if extra:
        raise ValueError(f"expr uses {sorted(map(str, extra))} which are not among variables {variables}")
    # Real variables: |x|' is sign(x) (sympy's derivative for a complex x cannot be compiled).
    partials = [_real_diff(expr, v) for v in variables]
    # "math" first: on plain floats it is several times faster than numpy in the descent loop;
    # numpy covers what math lacks (sign, ...). Grids always use numpy.
    point_modules = ["math", "numpy"]
    value = sp.lambdify(variables, expr, point_modules)
    f_grid = vectorise([expr], variables, stack=False)
    if len(variables) == 1:
        f = value
        grad = sp.lambdify(variables, partials[0], point_modules)
    else:
        parts = sp.lambdify(variables, partials, point_modules)

        def f(p):
            return value(p[0], p[1])

        def grad(p):
            return np.array(parts(p[0], p[1]), dtype=float)

    domain = tuple((-3.0, 3.0) for _ in variables) if domain is None else _check_domain(domain, len(variables))
    return Objective(
        name=name,
        label=label or _pretty(expr),
        expr=expr,
        variables=variables,
        f=f,
        grad=grad,
        f_grid=f_grid,
        minima=tuple(minima),
        curvature=curvature,
        convex=convex,
        domain=domain,
        source=source,
    )


def objective(spec, *, variables: Sequence[str] | None = None, name: str | None = None, domain=None) -> Objective:
    """The course's one function type, from a library name, a typed formula or a sympy expression.

    Parameters
    ----------
    spec : str or sympy.Expr
        A name of the library (``FUNCTIONS``: ``"lecture_quadratic"``, ``"lecture_bowl"``, …), a
        formula as a learner types it (``"x^2 + 2*x + 3"``: parsed safely, never evaluated), or a
        sympy expression.
    variables : sequence of str, optional
        The variables, in the order the compiled functions take them: ``("x",)`` by default for a
        formula; for an expression, its symbols in alphabetical order.
    name : str, optional
        What plots and messages call it (default: the library name, or "custom").
    domain : tuple of (low, high), optional
        A box per variable for plots and sliders (default (−3, 3) each).

    Returns
    -------
    Objective
        Its value ``f`` and gradient ``grad`` compiled once, for :func:`~helpers.gradient_descent`
        and the plots.

    Examples
    --------
    >>> q = objective("lecture_quadratic")
    >>> q.label, q.grad(1.0)
    ('x² + 2x + 3', 4.0)
    >>> objective("x^2 + 2*x + 3").grad(1.0)
    4.0
    >>> x = sp.Symbol("x")
    >>> objective(sp.sin(x) + x**2).derivative
    2*x + cos(x)
    """
    if isinstance(spec, str) and spec in FUNCTIONS:
        if variables is not None or name is not None or domain is not None:
            raise ValueError(f"the library's {spec!r} comes with its variables, name and domain: give only its name")
        return get_function(spec)
    if isinstance(spec, str):
        names = tuple(variables) if variables is not None else ("x",)
        expr = parse_formula(spec, names)  # typed text is untrusted: the course's own parser reads it
    elif isinstance(spec, sp.Expr):
        expr = spec
        names = (
            tuple(variables) if variables is not None else tuple(sorted(str(s) for s in expr.free_symbols)) or ("x",)
        )
    else:
        raise TypeError(
            f"spec must be a library name ({', '.join(FUNCTIONS)}), a formula such as 'x^2 + 1' or a sympy "
            f"expression, got {_show(spec)} of type {type(spec).__name__}"
        )
    by_name = {str(s): s for s in expr.free_symbols}
    symbols = [by_name.get(n, sp.Symbol(n)) for n in names]
    return objective_from_expr(expr, symbols, name=name or "custom", domain=domain)


def _check_domain(domain, dim: int) -> tuple:
    """One (low, high) box of finite floats, low < high, per variable."""
    try:
        boxes = [tuple(box) for box in domain]
    except Exception:
        raise TypeError(f"domain must be one (low, high) pair per variable, got {_show(domain)}") from None
    if len(boxes) != dim or any(len(box) != 2 for box in boxes):
        raise ValueError(f"domain must be {dim} (low, high) pair(s), one per variable, got {_show(domain)}")
    out = []
    for i, (low, high) in enumerate(boxes):
        low, high = check_real(f"domain[{i}][0]", low), check_real(f"domain[{i}][1]", high)
        if not low < high:
            raise ValueError(f"domain[{i}] must have low < high, got ({low:g}, {high:g})")
        out.append((low, high))
    return tuple(out)


def _pretty(expr: sp.Expr) -> str:
    text = sp.sstr(expr).replace("**2", "²").replace("**3", "³").replace("**4", "⁴").replace("*", "·")
    return text


def _local_minima_1d(expr: sp.Expr, x: sp.Symbol, lo: float, hi: float) -> tuple[float, ...]:
    """Local minimisers in [lo, hi]: sign changes of f' on a fine grid, polished by Newton's method."""
    d1 = _real_diff(expr, x)
    d1, d2, f = (vectorise([e], (x,), stack=False) for e in (d1, _real_diff(d1, x), expr))
    xs = np.linspace(lo, hi, 4001)
    g = d1(xs)
    found = []
    for i in np.flatnonzero((g[:-1] < 0) & (g[1:] >= 0)):
        r = xs[i]
        for _ in range(50):
            r -= d1(r) / d2(r)
        found.append(float(r))
    return tuple(sorted(found, key=f))


@functools.cache
def get_function(name: str) -> Objective:
    """Return the library's objective called ``name`` (compiled once, then cached).

    Names: see ``FUNCTIONS``.
    """
    check_choice("name", name, FUNCTIONS)
    return _BUILDERS[name]()


x, y = sp.symbols("x y", real=True)


def _lecture_quadratic() -> Objective:
    return objective_from_expr(
        x**2 + 2 * x + 3, (x,), name="lecture_quadratic", label="x² + 2x + 3",
        minima=(-1.0,), curvature=2.0, convex=True, domain=((-4.0, 2.0),), source="lecture",
    )  # fmt: skip


def _xcos() -> Objective:
    # d2l's classic non-convex example: descent from x = 10 with lr 2 lands in a poor local minimum.
    c = sp.Rational(15, 100) * sp.pi
    expr = x * sp.cos(c * x)
    return objective_from_expr(
        expr, (x,), name="xcos", label="x·cos(0.15πx)",
        minima=_local_minima_1d(expr, x, -15.0, 15.0), domain=((-15.0, 15.0),),
    )  # fmt: skip


def _double_well() -> Objective:
    # Two valleys of different depth: a local minimum that is not the global one.
    expr = x**4 - 3 * x**2 + x
    return objective_from_expr(
        expr, (x,), name="double_well", label="x⁴ − 3x² + x",
        minima=_local_minima_1d(expr, x, -3.0, 3.0), domain=((-2.2, 2.2),),
    )  # fmt: skip


def _lecture_bowl() -> Objective:
    return objective_from_expr(
        x**2 + 2 * y**2, (x, y), name="lecture_bowl", label="x² + 2y²",
        minima=((0.0, 0.0),), curvature=4.0, convex=True, domain=((-2.5, 2.5), (-2.5, 2.5)), source="lecture",
    )  # fmt: skip


def _stretched_bowl() -> Objective:
    # Curvature 2 along x, 20 along y: a step size that suits y overshoots, so the path zig-zags.
    return objective_from_expr(
        x**2 + 10 * y**2, (x, y), name="stretched_bowl", label="x² + 10y²",
        minima=((0.0, 0.0),), curvature=20.0, convex=True, domain=((-3.0, 3.0), (-1.5, 1.5)),
    )  # fmt: skip


def _rosenbrock() -> Objective:
    return objective_from_expr(
        (1 - x) ** 2 + 100 * (y - x**2) ** 2, (x, y), name="rosenbrock", label="(1 − x)² + 100(y − x²)²",
        minima=((1.0, 1.0),), domain=((-2.0, 2.0), (-1.0, 3.0)),
    )  # fmt: skip


def _himmelblau() -> Objective:
    # Four minima of equal height: where descent ends depends only on where it starts.
    minima = ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848127))
    return objective_from_expr(
        (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2, (x, y), name="himmelblau",
        label="(x² + y − 11)² + (x + y² − 7)²", minima=minima, domain=((-5.0, 5.0), (-5.0, 5.0)),
    )  # fmt: skip


_BUILDERS = {
    "lecture_quadratic": _lecture_quadratic,
    "xcos": _xcos,
    "double_well": _double_well,
    "lecture_bowl": _lecture_bowl,
    "stretched_bowl": _stretched_bowl,
    "rosenbrock": _rosenbrock,
    "himmelblau": _himmelblau,
}

#: Names of the library's objectives, 1-D first.
FUNCTIONS = tuple(_BUILDERS)


# --- typed formulas and where they are undefined ------------------------------------------------

#: The name and the domain of an objective typed as a formula (:func:`formula_objective`).
FORMULA = "formula"
FORMULA_DOMAIN = (-5.0, 5.0)


def _nan_outside(fn):
    """``fn`` at a point, NaN where it is undefined: ``math`` raises for log(-1) or 1/0, and a float
    power such as (-1.0)**0.5 turns complex. The descent then sees NaN, which it reports, not an exception."""

    def at(x):
        try:
            value = fn(x)
        except (ArithmeticError, ValueError, TypeError):
            return math.nan
        if isinstance(value, complex):
            return value.real if value.imag == 0 else math.nan
        return value

    return at


@functools.lru_cache(maxsize=64)
def formula_objective(text: str) -> Objective:
    """Compile a learner's typed formula in x (parsed safely) into an Objective, cached by text.

    Its ``f`` and ``grad`` give NaN where the formula is undefined (log(x) for x ≤ 0); its name is
    ``FORMULA`` and its domain ``FORMULA_DOMAIN``.

    Examples
    --------
    >>> f = formula_objective("log(x)")
    >>> f.f(1.0), f.f(-1.0), f.name, f.domain
    (0.0, nan, 'formula', ((-5.0, 5.0),))
    """
    expr = parse_formula(text, ("x",))
    x = sp.Symbol("x", real=True)
    # Read x as real, so that |x|' is sign(x) rather than a complex formula.
    expr = expr.xreplace({s: x for s in expr.free_symbols})
    objective = objective_from_expr(expr, (x,), name=FORMULA, domain=(FORMULA_DOMAIN,))
    return dataclasses.replace(objective, f=_nan_outside(objective.f), grad=_nan_outside(objective.grad))


def _defined(objective: Objective, x: float) -> bool:
    return math.isfinite(objective.f(x)) and math.isfinite(objective.grad(x))


def _boundary(objective: Objective, good: float, bad: float) -> float:
    """Where f stops being defined between ``good`` and ``bad``, by bisection, to 3 significant digits."""
    for _ in range(40):
        mid = (good + bad) / 2
        good, bad = (mid, bad) if _defined(objective, mid) else (good, mid)
    edge = (good + bad) / 2
    return 0.0 if abs(edge) < 1e-6 else float(f"{edge:.3g}")


def _poles(objective: Objective, grid: np.ndarray, values: np.ndarray) -> list[float]:
    """Points between grid neighbours where f changes sign through ±infinity (1/x, 1/sin(x)), not through 0."""
    poles = []
    for i in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0):
        a, b = float(grid[i]), float(grid[i + 1])
        for _ in range(60):
            mid = (a + b) / 2
            fm = objective.f(mid)
            if not math.isfinite(fm):
                break
            a, b = (mid, b) if np.sign(fm) == np.sign(values[i]) else (a, mid)
        if not math.isfinite(objective.f((a + b) / 2)) or min(abs(objective.f(a)), abs(objective.f(b))) > 1e6:
            poles.append((a + b) / 2)
    return poles


def undefined_parts(objective: Objective, low: float, high: float, n: int = 2001) -> tuple[str, list[float]]:
    """Where f (or f') is undefined on [low, high], in words ("x ≤ 0", "x = 0 and x ≈ 3.14"), and where the
    curve must break (poles and single points).

    Sampled on ``n`` points, the edges refined by bisection; "" when f is defined everywhere.

    Examples
    --------
    >>> undefined_parts(formula_objective("log(x)"), -5.0, 5.0)
    ('x ≤ 0', [])
    >>> undefined_parts(formula_objective("1/x"), -5.0, 5.0)
    ('x = 0', [0.0])
    """
    grid = np.linspace(low, high, n)
    values = objective.f_grid(grid)
    bad = ~np.array([_defined(objective, float(x)) for x in grid])
    spacing = (high - low) / (n - 1)
    # A pole the grid hit is among the undefined points already.
    poles = [p for p in _poles(objective, grid, values) if not bad[np.abs(grid - p) <= 1.5 * spacing].any()]
    parts = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], bad.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2] - 1):
        if start == 0 and stop == n - 1:
            return "everywhere on the plot", []
        lo = None if start == 0 else _boundary(objective, float(grid[start - 1]), float(grid[start]))
        hi = None if stop == n - 1 else _boundary(objective, float(grid[stop + 1]), float(grid[stop]))
        if lo is not None and hi is not None and (stop == start or lo == hi):
            parts.append(f"x = {lo:g}")
        elif lo is None:
            assert hi is not None  # undefined on the whole plot returned above
            parts.append(f"x {'≤' if not _defined(objective, hi) else '<'} {hi:g}")
        elif hi is None:
            parts.append(f"x {'≥' if not _defined(objective, lo) else '>'} {lo:g}")
        else:
            parts.append(f"{lo:g} < x < {hi:g}")
    parts += [f"x ≈ {p:.3g}" for p in poles]
    # Where the curve must break: the poles and the single undefined points (1/x at 0).
    singles = [float(grid[i]) for i in np.flatnonzero(bad) if not bad[max(i - 1, 0)] and not bad[min(i + 1, n - 1)]]
    if len(parts) > 4:  # x**x: undefined for x < 0 but at the negative whole numbers
        lo, hi = float(grid[bad][0]), float(grid[bad][-1])
        return f"on parts of {lo:g} ≤ x ≤ {hi:g}", poles + singles
    return " and ".join(parts), poles + singles


@functools.lru_cache(maxsize=16)
def curvature_at_minimum(name: str) -> float:
    """μ: the curvature bound of a quadratic, or f''(x*) at the global minimum of a non-convex function.

    Parameters
    ----------
    name : str
        A 1-D objective of the library (``FUNCTIONS``).

    Returns
    -------
    float
        μ, with which gradient descent's learning rate is compared (λ < 2/μ to settle at x*).

    Examples
    --------
    >>> curvature_at_minimum("lecture_quadratic"), round(curvature_at_minimum("double_well"), 3)
    (2.0, 14.306)
    """
    objective = get_function(name)
    if objective.curvature is not None:
        return float(objective.curvature)
    (x,) = objective.variables
    d2 = second_derivative(objective.expr, x)
    return float(d2.subs(x, objective.minima[0]))

"""Derivatives, symbolic and numeric.

Symbolic: sympy derivatives of a sympy expression or of a typed formula (parsed safely by
:func:`helpers.formula.parse_formula`, never by ``sympify``), compiled once with
``sympy.lambdify`` into numpy callables for the descent loop.

Numeric: the finite differences of the lecture's definitions,
f'(x) ≈ (f(x + h) − f(x)) / h and ∂_i f(x) ≈ (f(x + h e_i) − f(x − h e_i)) / 2h,
and the table showing the error of each fall with h and then rise again from round-off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import sympy

from .formula import _parse, _real_diff, parse_formula, vectorise
from .validation import (
    MAX_STEPS,
    MAX_WORK,
    _show,
    check_array,
    check_callable,
    check_choice,
    check_int,
    check_limit,
    check_real,
    check_returned,
)

__all__ = [
    "MAX_EXPRESSION_NODES",
    "MAX_TABLE_ROWS",
    "MAX_VARIABLES",
    "DifferenceTable",
    "central_difference",
    "derivative_function",
    "expression_problem",
    "difference_table",
    "forward_difference",
    "gradient_function",
    "hessian_eigenvalues",
    "hessian_matrix",
    "numeric_gradient",
    "partial_derivative",
    "second_derivative",
    "symbolic_derivative",
]

Expression: TypeAlias = sympy.Expr | sympy.Poly | str
Variable: TypeAlias = str | sympy.Symbol

#: Most rows of a :func:`difference_table`: it is a table to read (the default has 15 rows) and
#: each row calls f four times.
MAX_TABLE_ROWS = 10_000

#: Most parts (nodes) of a sympy expression given directly: differentiating and compiling one of a
#: thousand parts takes about half a second, and grows quickly beyond. Typed formulas have tighter
#: limits of their own (:mod:`helpers.formula`); the course's expressions have a few dozen parts.
MAX_EXPRESSION_NODES = 1000

#: Most variables of a gradient or Hessian: sympy differentiates d (or d²) times and compiles the
#: result, which takes seconds beyond a few hundred; the course uses two.
MAX_VARIABLES = 100


# --- symbolic ------------------------------------------------------------------------------


def _names(variables) -> tuple[str, ...]:
    if isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    try:
        items = tuple(variables)
    except Exception:  # not iterable, or an iterator that raises
        raise TypeError(f"variables must be a sequence of names such as ('x', 'y'), got {_show(variables)}") from None
    if not items:
        raise ValueError("variables must name at least one variable, got an empty sequence")
    check_limit("the number of variables", len(items), MAX_VARIABLES, "use fewer variables")
    names = []
    for v in items:
        if isinstance(v, sympy.Symbol):
            names.append(v.name)
        elif isinstance(v, str) and v.isidentifier():
            names.append(v)
        else:
            raise TypeError(f"variables must be names such as 'x' or sympy Symbols, got {_show(v)}")
    if len(set(names)) != len(names):
        raise ValueError(f"variables must be distinct, got {tuple(names)!r}")
    return tuple(names)


def _name(var) -> str:
    if isinstance(var, sympy.Symbol):
        return var.name
    if isinstance(var, str) and var.isidentifier():
        return var
    raise TypeError(f"var must be a variable name such as 'x' or a sympy Symbol, got {_show(var)}")


def expression_problem(expr: sympy.Basic, *, max_exponent: float | None = None, max_log10: int | None = None):
    """Why a sympy expression is too large to work with in a fraction of a second, or None.

    It may have at most :data:`MAX_EXPRESSION_NODES` parts; with ``max_exponent`` no numeric exponent
    may be larger in size (x**(10**9)), with ``max_log10`` no number larger than 10**max_log10
    (10**(10**5)). The walk stops at the first problem, so a huge expression costs little.
    """
    for count, node in enumerate(sympy.preorder_traversal(expr)):
        if count >= MAX_EXPRESSION_NODES:
            return f"it has more than {MAX_EXPRESSION_NODES} parts"
        if max_exponent is not None and node.is_Pow and node.exp.is_Number and node.exp.is_finite:
            if abs(node.exp) > max_exponent:
                return f"an exponent is larger than {max_exponent:g} in size"
        if max_log10 is not None and node.is_Number and node.is_finite and abs(node) > 10**max_log10:
            return f"a number is larger than 1e{max_log10}"
    return None


def _expression(expr, names: tuple[str, ...], *, real: bool = False) -> sympy.Expr | sympy.Poly:
    """A sympy expression from ``expr``: typed text is parsed safely in the variables ``names``.

    ``real`` keeps typed text in the parser's real symbols, for an expression the course differentiates
    and evaluates itself (compiled derivatives, a Hessian's entries): differentiated in complex
    symbols, sin(tanh(y**100)) would keep sympy busy for seconds.
    """
    if isinstance(expr, str):
        return _parse(expr, names) if real else parse_formula(expr, names)
    if isinstance(expr, (sympy.Expr, sympy.Poly)):
        problem = expression_problem(expr.as_expr() if isinstance(expr, sympy.Poly) else expr)
        if problem:
            raise ValueError(f"expr is too large to differentiate quickly: {problem}; simplify it")
        return expr
    raise TypeError(
        f"expr must be a sympy expression or a formula string such as 'x**2 + 1', "
        f"got {_show(expr)} of type {type(expr).__name__}"
    )


def _symbols(expr, names: tuple[str, ...], *, require: bool) -> tuple[sympy.Symbol, ...]:
    """The expression's own Symbols for ``names`` (matched by name, whatever their assumptions).

    ``require`` refuses a name the expression does not contain (a likely typo); a constant
    expression is accepted with any name.
    """
    free = expr.gens if isinstance(expr, sympy.Poly) else expr.free_symbols
    by_name = {s.name: s for s in free if isinstance(s, sympy.Symbol)}
    if require and by_name:
        for n in names:
            if n not in by_name:
                have = ", ".join(sorted(by_name))
                raise ValueError(f"var {n!r} does not appear in the expression {expr}; its variables are {have}")
    return tuple(by_name.get(n, sympy.Symbol(n)) for n in names)


def _check_evaluable(exprs, symbols, what: str) -> None:
    """Refuse to compile an expression with symbols we would not be given values for."""
    known = set(symbols)
    extra = set().union(*(e.free_symbols for e in exprs)) - known
    if extra:
        names = ", ".join(sorted(s.name for s in extra))
        raise ValueError(
            f"{what} depends on {names}, which is not among the variables "
            f"({', '.join(s.name for s in symbols)}); add it to the variables or substitute a value"
        )


def symbolic_derivative(expr: Expression, var: Variable = "x", *, variables: Sequence[Variable] | None = None):
    """The derivative d expr / d var, exactly.

    Parameters
    ----------
    expr : sympy.Expr, sympy.Poly or str
        The function. A string is a typed formula, parsed with :func:`~helpers.formula.parse_formula`.
    var : str or sympy.Symbol
        The variable to differentiate by.
    variables : sequence of str, optional
        The names a formula string may use (default: just ``var``), e.g. ``("x", "y")``.

    Returns
    -------
    sympy.Expr or sympy.Poly
        A Poly for a Poly, as in the lecture: ``Poly(2*x + 2, x, domain='ZZ')``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> symbolic_derivative(sympy.poly(x**2 + 2*x + 3))
    Poly(2*x + 2, x, domain='ZZ')
    >>> symbolic_derivative("x**2 + 2*x*y + 3 + cos(x + 2*y)", "x", variables=("x", "y"))
    2*x + 2*y - sin(x + 2*y)
    """
    name = _name(var)
    names = _names(variables) if variables is not None else (name,)
    if name not in names:
        raise ValueError(f"var {name!r} must be one of the variables {names}")
    e = _expression(expr, names)
    (symbol,) = _symbols(e, (name,), require=True)
    if isinstance(e, sympy.Poly):
        return e.diff(symbol)
    return _real_diff(e, symbol)


def second_derivative(expr: Expression, var: Variable = "x", *, variables: Sequence[Variable] | None = None):
    """The second derivative d² expr / d var² (for convexity: f'' ≥ 0 everywhere means convex).

    Parameters are those of :func:`symbolic_derivative`.
    """
    first = symbolic_derivative(expr, var, variables=variables)
    (symbol,) = _symbols(first, (_name(var),), require=False)
    return first.diff(symbol) if isinstance(first, sympy.Poly) else _real_diff(first, symbol)


def derivative_function(expr: Expression, var: Variable = "x") -> Callable:
    """Compile f' once into a fast numpy function (the cure for the slow ``diff``+``subs`` loop).

    Parameters
    ----------
    expr : sympy.Expr or str
        The function f of the one variable ``var``.
    var : str or sympy.Symbol
        Its variable.

    Returns
    -------
    callable
        ``df(x)`` for a number or an array; nan or inf (without warnings) outside the domain.

    Examples
    --------
    >>> df = derivative_function("x**2 + 2*x + 3")
    >>> float(df(1.0))
    4.0
    """
    name = _name(var)
    e = _expression(expr, (name,), real=True)
    if isinstance(e, sympy.Poly):
        e = e.as_expr()
    (symbol,) = _symbols(e, (name,), require=True)
    derivative = _real_diff(e, symbol)
    _check_evaluable([derivative], (symbol,), "the derivative")
    return vectorise([derivative], (symbol,), stack=False)


def gradient_function(expr: Expression, variables: Sequence[Variable]) -> Callable:
    """Compile ∇f once into a numpy function returning an array of shape ``(d,)``.

    Parameters
    ----------
    expr : sympy.Expr or str
        The function f of ``variables``.
    variables : sequence of str or sympy.Symbol
        The variables, in the order of the point's coordinates. A variable f does not use has
        partial derivative 0.

    Returns
    -------
    callable
        ``grad(point)`` with ``point`` of shape ``(d,)`` (or ``(d, ...)`` for stacked grids), or
        ``grad(x, y, ...)``; returns ``(∂f/∂x_1, …, ∂f/∂x_d)`` stacked on the first axis.

    Examples
    --------
    >>> grad = gradient_function("x**2 + 2*y**2", ("x", "y"))
    >>> grad([1.0, 1.0])
    array([2., 4.])
    """
    names = _names(variables)
    e = _expression(expr, names, real=True)
    if isinstance(e, sympy.Poly):
        e = e.as_expr()
    symbols = _symbols(e, names, require=False)
    _check_evaluable([e], symbols, "the expression")
    partials = [_real_diff(e, s) for s in symbols]
    return vectorise(partials, symbols, stack=True)


def hessian_matrix(expr: Expression, variables: Sequence[Variable]) -> sympy.Matrix:
    """The Hessian [∂²f/∂x_i∂x_j] as a sympy Matrix.

    Parameters
    ----------
    expr : sympy.Expr or str
        The function f.
    variables : sequence of str or sympy.Symbol
        Its variables, in order.

    Examples
    --------
    >>> hessian_matrix("x**2 + 2*y**2", ("x", "y"))
    Matrix([
    [2, 0],
    [0, 4]])
    """
    names = _names(variables)
    e = _expression(expr, names, real=True)
    if isinstance(e, sympy.Poly):
        e = e.as_expr()
    symbols = _symbols(e, names, require=False)
    first = [_real_diff(e, s) for s in symbols]
    return sympy.Matrix([[_real_diff(di, s) for s in symbols] for di in first])


def hessian_eigenvalues(expr: Expression, variables: Sequence[Variable], point) -> np.ndarray:
    """The Hessian's eigenvalues at ``point``, ascending: all ≥ 0 there is the local test of convexity.

    Parameters
    ----------
    expr : sympy.Expr or str
        The function f.
    variables : sequence of str or sympy.Symbol
        Its variables, in order.
    point : array_like, shape (d,)
        Where to evaluate the Hessian.

    Returns
    -------
    ndarray of float, shape (d,)

    Raises
    ------
    ValueError
        If the Hessian is not a finite real matrix at ``point``.

    Examples
    --------
    >>> hessian_eigenvalues("x**2 + 2*y**2", ("x", "y"), [0.0, 0.0])
    array([2., 4.])
    """
    H = hessian_matrix(expr, variables)
    p = check_array("point", point, ndim=(0, 1))
    p = np.atleast_1d(p)
    names = _names(variables)
    if p.shape != (len(names),):
        raise ValueError(f"point must have {len(names)} coordinates ({', '.join(names)}), got shape {p.shape}")
    symbols = _symbols(H, names, require=False)
    values = dict(zip(symbols, (sympy.Float(v) for v in p)))
    _check_evaluable(list(H), tuple(values), "the Hessian")
    try:
        numeric = np.array(H.evalf(subs=values).tolist(), dtype=float)
    except (TypeError, ValueError, ArithmeticError):  # e.g. 1/0, or a complex entry
        numeric = np.full(H.shape, np.nan)
    if not np.all(np.isfinite(numeric)):
        raise ValueError(f"the Hessian is not a finite real matrix at point {p.tolist()}: {H}")
    return np.linalg.eigvalsh(numeric)


# --- numeric -------------------------------------------------------------------------------


def _point(x):
    """Scalars stay Python floats; arrays become float64 arrays."""
    arr = check_array("x", x)
    return float(arr) if arr.ndim == 0 else arr


def forward_difference(f: Callable, x, h: float = 1e-5):
    """The forward difference (f(x + h) − f(x)) / h, the lecture's definition of f' with a small h.

    Parameters
    ----------
    f : callable
        A function of one variable; with an array ``x`` it must work element-wise.
    x : float or array_like
        Where to differentiate.
    h : float
        The step, > 0. Its error is about h·|f''|/2 plus round-off of about ε·|f|/h.

    Returns
    -------
    float or ndarray
        Of the same shape as ``x``.

    Examples
    --------
    >>> round(forward_difference(lambda x: x**2 + 2*x + 3, 1.0), 4)
    4.0
    """
    check_callable("f", f)
    h = check_real("h", h, low=0.0, low_inclusive=False)
    x = _point(x)
    return (f(x + h) - f(x)) / h


def central_difference(f: Callable, x, h: float = 1e-5):
    """The central difference (f(x + h) − f(x − h)) / 2h: error about h²·|f'''|/6, much smaller.

    Parameters are those of :func:`forward_difference`.

    Examples
    --------
    >>> float(round(central_difference(np.sin, 0.0), 8))
    1.0
    """
    check_callable("f", f)
    h = check_real("h", h, low=0.0, low_inclusive=False)
    x = _point(x)
    return (f(x + h) - f(x - h)) / (2 * h)


@dataclass(frozen=True)
class DifferenceTable:
    """Forward and central differences of f at x for a range of steps h, with their errors.

    Attributes
    ----------
    x, exact : float
        The point and the exact derivative f'(x).
    h, forward, forward_error, central, central_error : ndarray
        One entry per step: the step, each estimate and its absolute error ``|estimate − exact|``.
    """

    x: float
    exact: float
    h: np.ndarray
    forward: np.ndarray
    forward_error: np.ndarray
    central: np.ndarray
    central_error: np.ndarray

    def best_h(self, method: str = "forward") -> float:
        """The step with the smallest error (``method`` is ``"forward"`` or ``"central"``)."""
        check_choice("method", method, ("forward", "central"))
        errors = self.forward_error if method == "forward" else self.central_error
        return float(self.h[np.argmin(errors)])

    def __len__(self) -> int:
        return len(self.h)

    def __str__(self) -> str:
        lines = [f"{'h':>8}  {'forward':>20}  {'error':>9}  {'central':>20}  {'error':>9}"]
        for row in zip(self.h, self.forward, self.forward_error, self.central, self.central_error):
            h, fw, fe, ce, cerr = row
            lines.append(f"{h:8.0e}  {fw:20.15f}  {fe:9.2e}  {ce:20.15f}  {cerr:9.2e}")
        return "\n".join(lines)


def difference_table(f: Callable, x: float, exact: float, hs=None) -> DifferenceTable:
    """Forward and central differences for steps h = 1e-1, 1e-2, …, 1e-15 (or ``hs``).

    The forward error first falls with h (truncation, ≈ h·|f''|/2) and then rises again as
    round-off (≈ ε·|f|/h) takes over: the best h is near √ε ≈ 1e-8; for the central difference
    it is near ε^(1/3) ≈ 1e-5, unless f''' = 0 (a quadratic), where only round-off is left.

    Parameters
    ----------
    f : callable
        A function of one variable.
    x : float
        The point.
    exact : float
        The exact derivative f'(x), to measure the errors.
    hs : array_like, optional
        The steps, each > 0.

    Returns
    -------
    DifferenceTable

    Examples
    --------
    >>> t = difference_table(lambda x: x**2 + 2*x + 3, 1.0, exact=4.0)
    >>> t.best_h("forward")
    1e-08
    """
    check_callable("f", f)
    x = check_real("x", x)
    exact = check_real("exact", exact)
    if hs is None:
        # Parsed from text so that each step is exactly the double nearest to 1e-k.
        hs = [float(f"1e-{k}") for k in range(1, 16)]
    hs = check_array("hs", hs, ndim=1, min_rows=1)
    check_limit("len(hs)", len(hs), MAX_TABLE_ROWS, "use fewer steps")
    if np.any(hs <= 0):
        raise ValueError(f"hs must contain only positive steps (> 0), got {hs.tolist()}")
    forward = np.array([forward_difference(f, x, h) for h in hs], dtype=float)
    central = np.array([central_difference(f, x, h) for h in hs], dtype=float)
    return DifferenceTable(
        x=x,
        exact=exact,
        h=hs,
        forward=forward,
        forward_error=np.abs(forward - exact),
        central=central,
        central_error=np.abs(central - exact),
    )


def _value(f: Callable, x) -> float:
    value = np.asarray(check_returned("the value f returned", f(x), scalar=False))
    if value.size != 1:
        raise ValueError(f"f must return a single number at a point, got shape {value.shape}")
    return float(value.reshape(()))


def partial_derivative(f: Callable, x, i: int, h: float = 1e-5) -> float:
    """The partial derivative ∂f/∂x_i at ``x`` by a central difference along the unit vector e_i.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a vector ``x`` of shape ``(d,)``, returning a number.
    x : array_like, shape (d,)
        The point.
    i : int
        The coordinate, ``0 <= i < d``.
    h : float
        The step, > 0.

    Returns
    -------
    float

    Examples
    --------
    >>> round(partial_derivative(lambda p: p[0]**2 + 2*p[1]**2, [1.0, 1.0], 1), 6)
    4.0
    """
    check_callable("f", f)
    h = check_real("h", h, low=0.0, low_inclusive=False)
    p = check_array("x", x, ndim=1, min_rows=1)
    i = check_int("i", i, low=0, high=len(p) - 1)
    e_i = np.zeros_like(p)
    e_i[i] = 1.0
    return (_value(f, p + h * e_i) - _value(f, p - h * e_i)) / (2 * h)


def numeric_gradient(f: Callable, x, h: float = 1e-5) -> np.ndarray:
    """The gradient (∂f/∂x_1, …, ∂f/∂x_d) by central differences, shape ``(d,)``.

    Parameters are those of :func:`partial_derivative` (without ``i``).

    Examples
    --------
    >>> numeric_gradient(lambda p: p[0]**2 + 2*p[1]**2, [1.0, 1.0]).round(6)
    array([2., 4.])
    """
    check_callable("f", f)
    p = check_array("x", x, ndim=1, min_rows=1)
    _check_gradient_work(len(p))
    return np.array([partial_derivative(f, p, i, h) for i in range(len(p))])


def _check_gradient_work(d: int) -> None:
    # A gradient is 2d calls of f, each at a fresh copy of the d coordinates.
    advice = "differentiate fewer coordinates (or use the symbolic gradient)"
    check_limit("2 × len(x) (the evaluations of f)", 2 * d, MAX_STEPS, advice)
    check_limit("2 × len(x)² (the coordinates copied)", 2 * d * d, MAX_WORK, advice)

"""Linear regression by gradient descent, against the closed form β = X⁺y (section 4 of the lecture).

Three objectives, all minimised by the same β when X has full column rank; r = y − Xβ is the residual:

``"lecture"``
    What the lecture's code descends: ``grad = −Xᵀ(y − Xβ)``, the gradient of ½‖y − Xβ‖² (a sum,
    not a mean). The 2/n of the mean squared error is absorbed into the learning rate.
``"norm"``
    The lecture's ‖y − Xβ‖₂ whose norm includes 1/n, i.e. the RMSE √(mean r²), with gradient
    −Xᵀ(y − Xβ) / (n‖y − Xβ‖).
``"squared"``
    The mean squared error mean(r²), with gradient −(2/n)Xᵀ(y − Xβ).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np

from .descent import DescentResult, gd_step, iterate
from .validation import MAX_STEPS, MAX_WORK, _show, check_array, check_choice, check_int, check_limit, check_real

__all__ = [
    "OBJECTIVES",
    "Regression",
    "add_intercept",
    "distance_to_pinv",
    "lecture_data",
    "linear_regression_gd",
    "pinv_solution",
    "regression_gradient",
    "regression_loss",
    "regression_loss_grid",
]

#: The objective names accepted by :func:`regression_loss`, :func:`regression_gradient` and the solvers.
OBJECTIVES = ("lecture", "norm", "squared")

#: A window in the plane, (x min, x max, y min, y max).
Extent: TypeAlias = Sequence[float] | np.ndarray


def add_intercept(X: Any) -> np.ndarray:
    """Append a column of ones to ``X`` as its last column, so the last coefficient is the intercept.

    With the ones column, Xβ = x₁β₁ + … + x_dβ_d + β_{d+1}: the line no longer has to pass
    through the origin.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, one example per row.

    Returns
    -------
    ndarray, shape (n, d + 1)

    Examples
    --------
    >>> add_intercept([[1.0, 2.0], [3.0, 4.0]])
    array([[1., 2., 1.],
           [3., 4., 1.]])
    """
    X = check_array("X", X, ndim=2, min_rows=1)
    return np.hstack([X, np.ones((X.shape[0], 1))])


def lecture_data() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lecture's regression problem: four points on the plane y = x₁ + 2x₂ + 3.

    Returns
    -------
    X : ndarray, shape (4, 3)
        ``[[1, 1], [1, 2], [2, 2], [2, 3]]`` with the intercept column of ones appended.
    y : ndarray, shape (4,)
        ``X @ [1, 2] + 3`` (no noise, so the fit is exact).
    beta0 : ndarray, shape (3,)
        The lecture's start point ``[10.1, 15.1, -6.5]``.
    """
    X = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]])
    y = X @ np.array([1.0, 2.0]) + 3.0
    return add_intercept(X), y, np.array([10.1, 15.1, -6.5])


def _check_data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = check_array("X", X, ndim=2, min_rows=1)
    if X.shape[1] == 0:
        raise ValueError(f"X must have at least one column, got shape {X.shape}")
    y = check_array("y", y, ndim=1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one entry per row of X ({X.shape[0]}), got shape {y.shape}")
    return X, y


def _check_beta(name: str, beta: Any, d: int) -> np.ndarray:
    beta = check_array(name, beta, ndim=1)
    if beta.shape[0] != d:
        raise ValueError(f"{name} must have one entry per column of X ({d}), got shape {beta.shape}")
    return beta


def pinv_solution(X: Any, y: Any) -> np.ndarray:
    """The least-squares coefficients β = X⁺y via the Moore–Penrose pseudo-inverse.

    Among all minimisers of ‖y − Xβ‖ it is the one of smallest norm.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (d,)

    Examples
    --------
    >>> X, y, _ = lecture_data()
    >>> np.round(pinv_solution(X, y), 10)
    array([1., 2., 3.])
    """
    X, y = _check_data(X, y)
    n, d = X.shape
    # The pseudo-inverse is an SVD: about n·d·min(n, d) multiply-adds.
    check_limit("n × d × min(n, d) (the SVD's arithmetic)", n * d * min(n, d), MAX_WORK, "use less data")
    return np.linalg.pinv(X) @ y


def _rmse(r: np.ndarray) -> float:
    rmse = math.sqrt(float(r @ r) / len(r))
    if math.isinf(rmse) and np.all(np.isfinite(r)):
        # r @ r overflowed although the RMSE itself is a float (residuals near 1e200): scale by the
        # largest residual first. Only then, so that ordinary results keep their exact rounding.
        m = float(np.abs(r).max())
        rmse = m * math.sqrt(float((r / m) @ (r / m)) / len(r))
    return rmse


def _loss(X: np.ndarray, y: np.ndarray, r: np.ndarray, objective: str) -> float:
    # r is the residual y − Xβ, computed once by the caller. "lecture" and "squared" overflow to inf
    # for residuals beyond about 1e154: the loss itself is then larger than any float.
    if objective == "norm":
        return _rmse(r)
    rr = float(r @ r)
    return 0.5 * rr if objective == "lecture" else rr / len(y)


def _gradient(X: np.ndarray, y: np.ndarray, r: np.ndarray, objective: str) -> np.ndarray:
    g = -(X.T @ r)
    if objective == "lecture":
        return g
    n = len(y)
    if objective == "squared":
        return (2.0 / n) * g
    rmse = _rmse(r)
    # The RMSE is not differentiable at a perfect fit (like |t| at 0); 0 is a subgradient there.
    return g / (n * rmse) if rmse > 0.0 else np.zeros_like(g)


def regression_loss(X: Any, y: Any, beta: Any, objective: str = "squared") -> float:
    """The regression objective at ``beta``.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    beta : array_like, shape (d,)
    objective : {"lecture", "norm", "squared"}
        ``"lecture"``: ½‖y − Xβ‖² (summed); ``"norm"``: the RMSE √(mean (y − Xβ)²), the lecture's
        ‖y − Xβ‖₂ with 1/n inside the norm; ``"squared"``: the mean squared error.

    Returns
    -------
    float

    Examples
    --------
    >>> X, y, beta0 = lecture_data()
    >>> regression_loss(X, y, [1, 2, 3], "squared")
    0.0
    """
    X, y = _check_data(X, y)
    beta = _check_beta("beta", beta, X.shape[1])
    check_choice("objective", objective, OBJECTIVES)
    with np.errstate(over="ignore", invalid="ignore"):
        return _loss(X, y, y - X @ beta, objective)


def regression_gradient(X: Any, y: Any, beta: Any, objective: str = "squared") -> np.ndarray:
    """The gradient of :func:`regression_loss` with respect to β.

    ``"lecture"``: −Xᵀ(y − Xβ); ``"norm"``: −Xᵀ(y − Xβ) / (n‖y − Xβ‖) with the lecture's norm
    (the RMSE); ``"squared"``: −(2/n)Xᵀ(y − Xβ).

    For ``"norm"`` at a perfect fit (y = Xβ) the RMSE has a kink and no gradient; zeros are
    returned there (a subgradient), so descent simply stops instead of producing NaN.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    beta : array_like, shape (d,)
    objective : {"lecture", "norm", "squared"}

    Returns
    -------
    ndarray, shape (d,)
    """
    X, y = _check_data(X, y)
    beta = _check_beta("beta", beta, X.shape[1])
    check_choice("objective", objective, OBJECTIVES)
    with np.errstate(over="ignore", invalid="ignore"):
        return _gradient(X, y, y - X @ beta, objective)


def linear_regression_gd(
    X: Any,
    y: Any,
    beta0: Any,
    *,
    lr: float = 0.01,
    steps: int = 5000,
    objective: str = "lecture",
    eps: float | None = None,
) -> DescentResult:
    """Fit β by gradient descent β ← β − λ∇L(β), the lecture's loop.

    With the default ``objective="lecture"`` this is exactly the lecture's code::

        for t in range(T):
            error = y - X @ beta
            grad = -X.T @ error
            beta = beta - lr * grad

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, intercept column included if wanted (see :func:`add_intercept`).
    y : array_like, shape (n,)
    beta0 : array_like, shape (d,)
        The start point.
    lr : float
        The learning rate λ > 0. For ``"lecture"`` it absorbs the 2/n of the mean squared error, so
        it must be about n/2 times smaller than for ``"squared"`` to take the same steps.
    steps : int
        The number of updates T (the step cap when ``eps`` is given).
    objective : {"lecture", "norm", "squared"}
        See :func:`regression_loss`.
    eps : float or None
        Stop early when ‖∇L‖ ≤ ε; ``None`` (the lecture) runs exactly ``steps`` updates.

    Returns
    -------
    DescentResult
        ``path`` is the β trajectory, shape (steps + 1, d); ``values`` the loss at each β;
        ``grad_norms`` ‖∇L(β)‖. A too-large ``lr`` ends with status ``"diverged"``, not an error.

    Examples
    --------
    >>> X, y, beta0 = lecture_data()
    >>> np.round(linear_regression_gd(X, y, beta0, lr=0.01, steps=5000).x, 6)
    array([1.000004, 1.999999, 2.999995])
    """
    X, y = _check_data(X, y)
    beta0 = _check_beta("beta0", beta0, X.shape[1])
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    steps = check_int("steps", steps, low=1, high=MAX_STEPS)
    check_choice("objective", objective, OBJECTIVES)
    # Each step multiplies X by β and by the residual.
    check_limit("steps × n × d (the arithmetic)", steps * X.size, MAX_WORK, "use fewer steps or less data")

    # The loop asks for the loss and then the gradient at the same β: share the residual.
    last: list = [None, None]

    def loss(beta: np.ndarray) -> float:
        r = y - X @ beta
        last[:] = beta, r
        return _loss(X, y, r, objective)

    def grad(beta: np.ndarray) -> np.ndarray:
        r = last[1] if last[0] is beta else y - X @ beta
        return _gradient(X, y, r, objective)

    return iterate(grad, beta0, gd_step(lr), lr=lr, eps=eps, steps=steps, f=loss)


def distance_to_pinv(beta: Any, X: Any, y: Any) -> float | np.ndarray:
    """The Euclidean distance ‖β − X⁺y‖ from coefficients to the pseudo-inverse solution.

    Parameters
    ----------
    beta : DescentResult or array_like
        A result (its whole path is measured), one β of shape (d,), or a path of shape (k, d).
    X : array_like, shape (n, d)
    y : array_like, shape (n,)

    Returns
    -------
    float or ndarray
        A float for one β; an array of shape (k,) for a path or a result, one distance per step.

    Examples
    --------
    >>> X, y, beta0 = lecture_data()
    >>> round(distance_to_pinv([1, 2, 4], X, y), 12)
    1.0
    """
    X, y = _check_data(X, y)
    d = X.shape[1]
    points = beta.path if isinstance(beta, DescentResult) else beta
    points = check_array("beta", points, ndim=(1, 2))
    if points.shape[-1] != d:
        raise ValueError(f"beta must have one entry per column of X ({d}), got shape {points.shape}")
    diff = points - pinv_solution(X, y)
    with np.errstate(over="ignore"):
        dist = np.linalg.norm(diff, axis=-1)
    if not np.all(np.isfinite(dist)):
        # The sum of squares overflowed although the distance itself is a float (β near 1e200):
        # scale by the largest coordinate first. Only there, so ordinary results are unchanged.
        scale = np.abs(diff).max(axis=-1)
        dist = np.where(np.isfinite(dist), dist, np.linalg.norm(diff / np.expand_dims(scale, -1), axis=-1) * scale)
    return float(dist) if points.ndim == 1 else dist


def regression_loss_grid(
    X: Any,
    y: Any,
    *,
    objective: str = "squared",
    extent: Extent,
    dims: tuple[int, int] = (0, 1),
    at: Any = None,
    resolution: int = 120,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The regression loss on a grid of two coefficients, the others held at ``at``.

    Computed from XᵀX, Xᵀy and yᵀy, so the cost does not grow with the number of examples n.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    objective : {"lecture", "norm", "squared"}
        As in :func:`regression_loss`.
    extent : (float, float, float, float)
        ``(β_i min, β_i max, β_j min, β_j max)`` for ``dims = (i, j)``.
    dims : (int, int)
        The two coefficients on the axes.
    at : array_like, shape (d,), optional
        Values of the other coefficients; default the pseudo-inverse solution X⁺y.
    resolution : int
        Grid points per axis, in [10, 1000].

    Returns
    -------
    B0, B1, L : ndarray, shape (resolution, resolution)
        The grid (``np.meshgrid`` order: rows follow β_j) and the loss on it.

    Examples
    --------
    The lecture's data are fitted exactly, with β₂ held at 3 the minimum 0 is at (β₀, β₁) = (1, 2):

    >>> X, y, _ = lecture_data()
    >>> B0, B1, L = regression_loss_grid(X, y, extent=(0, 2, 1, 3), resolution=21)
    >>> L.shape, float(B0[10, 10]), float(B1[10, 10]), round(float(L[10, 10]), 12)
    ((21, 21), 1.0, 2.0, 0.0)
    """
    X, y = _check_data(X, y)
    check_choice("objective", objective, OBJECTIVES)
    d = X.shape[1]
    i, j = _check_dims(dims, d)
    ext = _check_extent(extent)
    resolution = check_int("resolution", resolution, low=10, high=1000)
    base = pinv_solution(X, y) if at is None else _check_beta("at", at, d).copy()
    b0 = np.linspace(ext[0], ext[1], resolution)
    b1 = np.linspace(ext[2], ext[3], resolution)
    B0, B1 = np.meshgrid(b0, b1)
    n = X.shape[0]
    # ‖y − Xβ‖² = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ, with β = base + (a − base_i)e_i + (b − base_j)e_j.
    G = X.T @ X
    r0 = y - X @ base
    s0 = float(r0 @ r0)
    g0 = -2.0 * (X.T @ r0)  # ∇‖y − Xβ‖² at base
    da, db = B0 - base[i], B1 - base[j]
    sq = s0 + g0[i] * da + g0[j] * db + G[i, i] * da * da + 2.0 * G[i, j] * da * db + G[j, j] * db * db
    sq = np.maximum(sq, 0.0)
    if objective == "lecture":
        L = 0.5 * sq
    elif objective == "squared":
        L = sq / n
    else:
        L = np.sqrt(sq / n)
    return B0, B1, L


def _check_dims(dims: Any, d: int) -> tuple[int, int]:
    if not isinstance(dims, Sequence) or len(dims) != 2:
        raise ValueError(f"dims must be two coefficient indices such as (0, 1), got {_show(dims)}")
    i = check_int("dims[0]", dims[0], low=0, high=d - 1)
    j = check_int("dims[1]", dims[1], low=0, high=d - 1)
    if i == j:
        raise ValueError(f"dims must be two different coefficients, got {_show(dims)}")
    return i, j


def _check_extent(extent: Any) -> np.ndarray:
    ext = check_array("extent", extent, ndim=1)
    if ext.shape != (4,) or not (ext[0] < ext[1] and ext[2] < ext[3]):
        raise ValueError(f"extent must be (x min, x max, y min, y max) with min < max, got {_show(extent)}")
    return ext


class Regression:
    """A linear regression problem: data X, y and the objective to minimise over β.

    The regression counterpart of :class:`~helpers.functions.Objective`: it has the value ``f(β)``
    and the gradient ``grad(β)`` that :func:`~helpers.gradient_descent` descends (the run records
    the problem, so plots draw it on the right loss), the closed form, and minibatch SGD through
    ``gradient_descent(problem, β₀, batch_size=…, epochs=…)``.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, one example per row.
    y : array_like, shape (n,)
        The targets.
    intercept : bool
        Append a column of ones as X's last column (default True), so the last coefficient is the
        intercept.
    objective : {"lecture", "norm", "squared"}
        See :func:`regression_loss`: the lecture's ½‖y − Xβ‖² (default), the RMSE, or the mean
        squared error.

    Attributes
    ----------
    X : ndarray, shape (n, d) or (n, d + 1)
        The design matrix, with the ones column when ``intercept``.
    y : ndarray, shape (n,)
    objective : str

    Examples
    --------
    >>> from helpers import gradient_descent
    >>> problem, beta0 = Regression.lecture()
    >>> problem.solution()
    array([1., 2., 3.])
    >>> run = gradient_descent(problem, beta0, lr=0.01, eps=None, steps=5000)
    >>> np.round(run.x, 6), run.objective is problem
    (array([1.000004, 1.999999, 2.999995]), True)
    """

    def __init__(self, X: Any, y: Any, *, intercept: bool = True, objective: str = "lecture") -> None:
        if not isinstance(intercept, bool):
            raise TypeError(f"intercept must be True or False, got {intercept!r}")
        X, y = _check_data(X, y)
        check_choice("objective", objective, OBJECTIVES)
        self.X = add_intercept(X) if intercept else X
        self.y = y
        self.objective = objective
        self._last: tuple = (None, None)  # (a copy of β, its residual y − Xβ): see _residual

    @classmethod
    def lecture(cls, objective: str = "lecture") -> tuple[Regression, np.ndarray]:
        """The lecture's problem (four points on y = x₁ + 2x₂ + 3, ones appended) and its start β₀."""
        X, y, beta0 = lecture_data()
        return cls(X, y, intercept=False, objective=objective), beta0

    def with_objective(self, objective: str) -> Regression:
        """The same data with another objective."""
        return Regression(self.X, self.y, intercept=False, objective=objective)

    @property
    def dim(self) -> int:
        """The number of coefficients d."""
        return self.X.shape[1]

    def _beta(self, beta: Any) -> np.ndarray:
        return (
            beta if isinstance(beta, np.ndarray) and beta.shape == (self.dim,) else _check_beta("beta", beta, self.dim)
        )

    def _residual(self, beta: np.ndarray) -> np.ndarray:
        # The descent loop asks for f and then ∇f at the same β: the residual is computed once. The
        # cache holds a copy of β and compares values, so a β changed in place is never served stale.
        seen = self._last[0]
        if seen is None or not np.array_equal(seen, beta):
            self._last = (beta.copy(), self.y - self.X @ beta)
        return self._last[1]

    def f(self, beta: Any) -> float:
        """The objective at β."""
        beta = self._beta(beta)
        return _loss(self.X, self.y, self._residual(beta), self.objective)

    def grad(self, beta: Any) -> np.ndarray:
        """The gradient of the objective at β."""
        beta = self._beta(beta)
        return _gradient(self.X, self.y, self._residual(beta), self.objective)

    def solution(self) -> np.ndarray:
        """β = X⁺y, the least-squares coefficients by the pseudo-inverse."""
        return pinv_solution(self.X, self.y)

    def distance(self, beta: Any) -> float | np.ndarray:
        """‖β − X⁺y‖ for one β, a path of shape (k, d), or a run (one distance per step)."""
        return distance_to_pinv(beta, self.X, self.y)

    def minibatch_descent(self, start: Any, *, lr: float, batch_size: int, epochs: int, seed: int = 0) -> DescentResult:
        """Minibatch SGD on this problem; what ``gradient_descent(problem, …, batch_size=…)`` runs."""
        from .sgd import regression_sgd  # sgd builds on this module

        run = regression_sgd(
            self.X, self.y, start, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed, objective=self.objective
        )
        return dataclasses.replace(run, objective=self)

    def __repr__(self) -> str:
        n, d = self.X.shape
        return f"Regression({n} rows, {d} coefficients, objective={self.objective!r})"

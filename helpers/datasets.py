"""Small seeded data sets, generated on the spot, and one real data set shipped with the course
(nothing is downloaded).

Real data: :func:`load_digits`, the 8×8 handwritten digits of UCI (1797 images, CC BY 4.0), read from
``helpers/data/`` (its README names the source, the licence and the citation). Regression: :func:`make_linear`. Classification in the plane: :func:`make_blobs` (linearly
separable), :func:`make_rings`, :func:`make_moons` and :func:`make_spirals` (not linearly separable:
a linear model plus softmax fails on them, a network with a hidden layer does not). Classification
generators return ``X`` as float64 of shape (n, 2) and ``y`` as int64 labels 0 … K−1, rows shuffled.

The explorers' regression problems, intercept column included and with their start point:
:func:`regression_data` (notebook 04) and :func:`sgd_problem` (notebook 06). :func:`region_grid` is the
grid of points on which a classifier's decision regions are computed.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from importlib import resources
from typing import Any

import numpy as np

from .regression import add_intercept, lecture_data
from .validation import MAX_ELEMENTS, check_array, check_choice, check_int, check_limit, check_real

__all__ = [
    "DIGITS_FILE",
    "REGRESSION_DATA",
    "load_digits",
    "make_blobs",
    "make_linear",
    "make_moons",
    "make_rings",
    "make_spirals",
    "region_grid",
    "regression_data",
    "sgd_problem",
]

#: The data sets of :func:`regression_data`.
REGRESSION_DATA = ("lecture", "noisy")

#: The digits of :func:`load_digits`, in ``helpers/data/``: the UCI test set as scikit-learn ships it
#: (sklearn/datasets/data/digits.csv.gz), one image a row, 64 pixels 0 … 16 then the digit.
DIGITS_FILE = "digits.csv.gz"
#: Its SHA-256: the loader reads that file and no other.
_DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
_DIGITS_SHAPE = (1797, 65)


def _check_points(what: str, n_points: int) -> None:
    # Before anything is drawn: make_blobs(10**9) would need tens of GB.
    check_limit(f"{what} × 2 (the numbers in X)", 2 * n_points, MAX_ELEMENTS, "ask for fewer points")


def _shuffled(rng: np.random.Generator, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Rows in class order would make the first minibatches all one class.
    order = rng.permutation(len(y))
    return X[order], y[order].astype(np.int64)


def make_linear(
    n: int = 100,
    d: int = 1,
    *,
    noise: float = 0.5,
    seed: int = 0,
    beta: Any = None,
    intercept: float = 3.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Noisy points around a hyperplane: y = Xβ + intercept + noise.

    ``X`` does **not** include the column of ones: call
    :func:`helpers.regression.add_intercept` to append it (as the last column, like the lecture).

    Parameters
    ----------
    n : int
        The number of examples, ≥ 1.
    d : int
        The number of features, ≥ 1.
    noise : float
        The standard deviation of the Gaussian noise added to y, ≥ 0.
    seed : int
        Seed of ``np.random.default_rng``.
    beta : array_like of shape (d,), optional
        The true coefficients; default ``[1, 2, …, d]`` (the lecture's ``[1, 2]`` for d = 2).
    intercept : float
        The true intercept; default 3, as in the lecture.

    Returns
    -------
    X : ndarray, shape (n, d)
        Standard normal features, without the intercept column.
    y : ndarray, shape (n,)
    beta_true : ndarray, shape (d + 1,)
        ``[*beta, intercept]``: the coefficients of ``add_intercept(X)``, which least squares
        recovers as n grows.

    Examples
    --------
    >>> X, y, beta_true = make_linear(5, 2, noise=0.0)
    >>> X.shape, beta_true
    ((5, 2), array([1., 2., 3.]))
    >>> bool(np.allclose(y, X @ [1, 2] + 3))
    True
    """
    n = check_int("n", n, low=1)
    d = check_int("d", d, low=1)
    check_limit("n × d (the numbers in X)", n * d, MAX_ELEMENTS, "ask for fewer examples or features")
    noise = check_real("noise", noise, low=0.0)
    seed = check_int("seed", seed, low=0)
    intercept = check_real("intercept", intercept)
    if beta is None:
        beta = np.arange(1.0, d + 1.0)
    else:
        beta = check_array("beta", beta, ndim=1)
        if beta.shape != (d,):
            raise ValueError(f"beta must have d = {d} entries, got shape {beta.shape}")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = X @ beta + intercept + noise * rng.standard_normal(n)
    return X, y, np.append(beta, intercept)


def make_blobs(
    n_per_class: int = 100,
    n_classes: int = 3,
    *,
    spread: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clouds around centres evenly spaced on a circle of radius 4.

    With the default ``spread`` the classes barely overlap: a linear classifier separates them.

    Parameters
    ----------
    n_per_class : int
        Points per class, ≥ 1.
    n_classes : int
        The number of classes K, 2 ≤ K ≤ 20.
    spread : float
        The standard deviation of each cloud, ≥ 0.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float64, shape (n_per_class * n_classes, 2)
    y : ndarray of int64, shape (n_per_class * n_classes,)
        Labels 0 … K−1, each ``n_per_class`` times.
    """
    n_per_class = check_int("n_per_class", n_per_class, low=1)
    n_classes = check_int("n_classes", n_classes, low=2, high=20)
    _check_points("n_per_class × n_classes", n_per_class * n_classes)
    spread = check_real("spread", spread, low=0.0)
    seed = check_int("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = 4.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(n_classes), n_per_class)
    X = centres[y] + spread * rng.standard_normal((len(y), 2))
    return _shuffled(rng, X, y)


def make_rings(n: int = 400, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric rings: class 0 on the circle of radius 1, class 1 on radius 2.

    No straight line separates them (every line through the inner ring cuts the outer one too);
    the radius ‖x‖ does, so a model that can build ‖x‖² from x₁², x₂² (a hidden layer) succeeds.

    Parameters
    ----------
    n : int
        The total number of points, ≥ 2; ⌊n/2⌋ in the inner ring, the rest in the outer one.
    noise : float
        The standard deviation of the Gaussian noise added to each coordinate, ≥ 0.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        0 for the inner ring, 1 for the outer one.
    """
    n = check_int("n", n, low=2)
    _check_points("n", n)
    noise = check_real("noise", noise, low=0.0)
    seed = check_int("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [n // 2, n - n // 2])
    angle = rng.uniform(0.0, 2 * np.pi, n)
    radius = 1.0 + y
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, y)


def make_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (class 0 the upper one, class 1 the lower one, shifted).

    Parameters
    ----------
    n : int
        The total number of points, ≥ 2; ⌊n/2⌋ in class 0, the rest in class 1.
    noise : float
        The standard deviation of the Gaussian noise added to each coordinate, ≥ 0.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
    """
    n = check_int("n", n, low=2)
    _check_points("n", n)
    noise = check_real("noise", noise, low=0.0)
    seed = check_int("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [n // 2, n - n // 2])
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower) + noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, y)


def make_spirals(
    n_per_class: int = 100,
    n_classes: int = 3,
    *,
    noise: float = 0.2,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one per class (the CS231n example), inside the unit disc.

    Arm k runs from the centre (radius 0) to radius 1 while its angle turns through 4 radians,
    starting at 4k; ``noise`` jitters the angle.

    Parameters
    ----------
    n_per_class : int
        Points per arm, ≥ 2.
    n_classes : int
        The number of arms K, 2 ≤ K ≤ 20.
    noise : float
        The standard deviation of the Gaussian noise added to the angle (radians), ≥ 0.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of float64, shape (n_per_class * n_classes, 2)
    y : ndarray of int64, shape (n_per_class * n_classes,)
    """
    n_per_class = check_int("n_per_class", n_per_class, low=2)
    n_classes = check_int("n_classes", n_classes, low=2, high=20)
    _check_points("n_per_class × n_classes", n_per_class * n_classes)
    noise = check_real("noise", noise, low=0.0)
    seed = check_int("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(n_classes), n_per_class)
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    angle = 4.0 * y + np.tile(np.linspace(0.0, 4.0, n_per_class), n_classes)
    angle += noise * rng.standard_normal(len(y))
    X = radius[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
    return _shuffled(rng, X, y)


# --- real data ---------------------------------------------------------------------------------


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 8×8 handwritten digits: 1797 images of the digits 0–9, shipped with the course.

    The test set of UCI's "Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak,
    1998, https://doi.org/10.24432/C50P49, licensed CC BY 4.0): 32×32 bitmaps of digits written by
    13 people, each 4×4 block counted into one pixel 0 … 16. The file is read from ``helpers/data/``
    (whose README names the source, the licence and the citation); nothing is downloaded. Each call
    reads it afresh, so changing the arrays returned changes no later call.

    Returns
    -------
    X : ndarray of float64, shape (1797, 64)
        One image a row, its 8 × 8 pixels row by row (``X[k].reshape(8, 8)`` is the picture),
        scaled from 0 … 16 to [0, 1] (divided by 16): 0 is blank, 1 a fully inked block.
    y : ndarray of int64, shape (1797,)
        The digit of each image, 0 … 9, about 180 of each, in the order of the file.

    Raises
    ------
    FileNotFoundError
        When the file is missing (a copy of ``helpers/`` without its ``data/`` folder).
    ValueError
        When the file is not the one shipped with the course (its SHA-256 differs).

    Examples
    --------
    >>> X, y = load_digits()
    >>> X.shape, y.shape, float(X.min()), float(X.max())
    ((1797, 64), (1797,), 0.0, 1.0)
    >>> np.bincount(y)
    array([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    >>> (16 * X[0].reshape(8, 8)[1]).astype(int)  # the second pixel row of the first image, a 0
    array([ 0,  0, 13, 15, 10, 15,  5,  0])
    """
    return _read_digits(resources.files(__package__ or "helpers").joinpath("data").joinpath(DIGITS_FILE))


def _read_digits(path: Any) -> tuple[np.ndarray, np.ndarray]:
    """X and y from the digits file at ``path`` (a Path or an importlib Traversable), checked first."""
    try:
        raw = path.read_bytes()
    except OSError as exc:  # FileNotFoundError, or a folder where the file should be
        raise FileNotFoundError(
            f"the digits file {DIGITS_FILE} is missing from helpers/data/ ({exc.strerror or exc}): "
            "install the course's helpers again (the data folder ships with them)"
        ) from exc
    if hashlib.sha256(raw).hexdigest() != _DIGITS_SHA256:
        raise ValueError(
            f"{path} is not the digits file shipped with the course (its SHA-256 differs): "
            "install the course's helpers again"
        )
    table = np.loadtxt(io.BytesIO(gzip.decompress(raw)), delimiter=",", dtype=np.int64)
    assert table.shape == _DIGITS_SHAPE, table.shape  # the checksum fixed the content
    return table[:, :64] / 16.0, table[:, 64].copy()


# --- the explorers' regression problems --------------------------------------------------------


def regression_data(name: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The regression explorer's data sets, intercept column included, with their start point.

    Parameters
    ----------
    name : {"lecture", "noisy"}
        ``"lecture"``: the lecture's 4 points on y = x₁ + 2x₂ + 3, start β = [10.1, 15.1, −6.5].
        ``"noisy"``: 50 points y = x + 3 + noise (standard deviation 0.5), start β = [0, 0].
    seed : int
        Seed of the noisy data.

    Returns
    -------
    X : ndarray, shape (n, d)
    y : ndarray, shape (n,)
    beta0 : ndarray, shape (d,)

    Examples
    --------
    >>> X, y, beta0 = regression_data("noisy")
    >>> X.shape, y.shape, beta0
    ((50, 2), (50,), array([0., 0.]))
    """
    check_choice("data", name, REGRESSION_DATA)
    seed = check_int("seed", seed, low=0)
    if name == "lecture":
        return lecture_data()
    X, y, _ = make_linear(50, 1, noise=0.5, seed=seed)
    return add_intercept(X), y, np.zeros(2)


def sgd_problem(n: int = 200, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The SGD explorer's regression problem: y = x + 3 + noise (σ = 1), intercept column appended.

    Parameters
    ----------
    n : int
        The number of examples, in [2, 10000].
    seed : int
        Seed of the data.

    Returns
    -------
    X : ndarray, shape (n, 2)
        The feature and the column of ones.
    y : ndarray, shape (n,)
    beta0 : ndarray, shape (2,)
        The start point [−2, −1], far enough from the minimum to see the paths.

    Examples
    --------
    >>> X, y, beta0 = sgd_problem(100)
    >>> X.shape, bool(np.all(X[:, 1] == 1.0)), beta0
    ((100, 2), True, array([-2., -1.]))
    """
    n = check_int("n", n, low=2, high=10_000)
    seed = check_int("seed", seed, low=0)
    X, y, _ = make_linear(n, 1, noise=1.0, seed=seed)
    return add_intercept(X), y, np.array([-2.0, -1.0])


# --- the grid of a decision-region plot --------------------------------------------------------


def region_grid(X: Any, *, padding: float = 0.15, resolution: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """A grid covering the 2-D points ``X`` with a margin, for drawing decision regions.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    padding : float
        The margin as a fraction of the larger side of the data's box, ≥ 0.
    resolution : int
        Grid points per axis, in [10, 1000].

    Returns
    -------
    points : ndarray, shape (resolution², 2)
        The grid points, row by row (rows follow x₂), for ``predict``.
    extent : ndarray, shape (4,)
        ``(x₁ min, x₁ max, x₂ min, x₂ max)`` for ``imshow``.

    Examples
    --------
    >>> points, extent = region_grid([[0.0, 0.0], [4.0, 1.0]], padding=0.0, resolution=10)
    >>> points.shape, extent
    ((100, 2), array([ 0. ,  4. , -1.5,  2.5]))
    """
    X = check_array("X", X, ndim=2, min_rows=1)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X.shape}")
    padding = check_real("padding", padding, low=0.0)
    resolution = check_int("resolution", resolution, low=10, high=1000)
    low, high = X.min(axis=0), X.max(axis=0)
    side = max(float(np.max(high - low)), 1e-9)
    pad = padding * side if padding > 0 else 0.0
    low, high = low - pad, high + pad
    # Square cells: the shorter side is widened to the longer one.
    centre, half = (low + high) / 2, max(float(np.max(high - low)) / 2, 0.5)
    low, high = centre - half, centre + half
    g0 = np.linspace(low[0], high[0], resolution)
    g1 = np.linspace(low[1], high[1], resolution)
    G0, G1 = np.meshgrid(g0, g1)
    return np.column_stack([G0.ravel(), G1.ravel()]), np.array([low[0], high[0], low[1], high[1]])

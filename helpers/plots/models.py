"""Figures of the models of sections 4–8: regression fits, β paths and losses, classifiers, softmax.

Regression (sections 4 and 6)
    :func:`plot_regression_fit` (data and fitted lines for several β), :func:`plot_beta_trajectory`
    (each coefficient against the step, the pseudo-inverse values dashed), :func:`plot_loss_history`
    (loss against step, epoch or seconds for several runs) and :func:`plot_regression_paths`
    (gradient descent and SGD paths on the contours of the loss in (β₀, β₁) space).
Networks (sections 7 and 8)
    :func:`plot_decision_regions` (a classifier's regions on 2-D data), :func:`plot_activations`
    (σ and σ′ side by side) and :func:`plot_softmax` (probabilities of a logit vector as bars).

Every function draws inside :func:`helpers.plots.style.course_style`, takes ``ax=None`` (a new pyplot
figure is made when it is ``None``) and returns what it drew on; nothing calls ``plt.show()``.

Coefficients are named by their position in the vector β, as in the code: β₀, β₁, …; with the
intercept column appended last (:func:`helpers.regression.add_intercept`), the last one is the
intercept. The explorers of :mod:`helpers.widgets` reuse the ``draw_*`` / ``update_*`` pairs below
to change the data of existing artists instead of drawing again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.ticker import MaxNLocator

from ..datasets import region_grid
from ..descent import DescentResult
from ..nn import ACTIVATIONS, softmax
from ..regression import (
    OBJECTIVES,
    Extent,
    _check_beta,
    _check_data,
    _check_dims,
    _check_extent,
    pinv_solution,
    regression_loss_grid,
)
from ..validation import _show, check_array, check_callable, check_choice, check_int, check_real
from .axes import (
    axes_or_new,
    check_axes,
    log_limits,
    pad_limits,
    panels_or_new,
    positive_or_nan,
    spans_decades,
    widen,
)
from .style import COLORS, FIG_SINGLE, course_style, palette

__all__ = [
    "FitArtists",
    "SoftmaxArtists",
    "auto_extent",
    "coefficient_names",
    "draw_class_points",
    "draw_loss_contours",
    "draw_regression_fit",
    "draw_softmax",
    "light",
    "one_hot_text",
    "plot_activations",
    "plot_beta_trajectory",
    "plot_decision_regions",
    "plot_loss_history",
    "plot_regression_fit",
    "plot_regression_paths",
    "plot_softmax",
    "predict_grid",
    "region_cmap",
    "update_regression_fit",
    "update_softmax",
]

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_LINESTYLES = ("-", "--", "-.", ":")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Losses get a log axis by default when max / min is at least this: a factor of 30 between
#: limits that add 5 % of the span (in decades) at each end.
_LOG_RATIO = 30 ** (1 / 1.1)
#: Contour panels with the legend outside on the right.
_FIG_PATHS = (7.5, 5.0)


# --- small shared pieces ----------------------------------------------------------------------


def coefficient_names(d: int, *, intercept: bool = True) -> list[str]:
    """Names β₀ … β_{d−1} for the coefficients, the last one marked as the intercept.

    Parameters
    ----------
    d : int
        The number of coefficients, ≥ 1.
    intercept : bool
        Whether the last column of X is the column of ones.

    Returns
    -------
    list of str

    Examples
    --------
    >>> coefficient_names(2)
    ['β₀ (slope)', 'β₁ (intercept)']
    """
    d = check_int("d", d, low=1)
    names = [f"β{str(i).translate(_SUBSCRIPTS)}" for i in range(d)]
    if intercept and d >= 2:
        names[-1] += " (intercept)"
        if d == 2:
            names[0] += " (slope)"
    return names


def _has_intercept(X: np.ndarray) -> bool:
    return X.shape[1] >= 2 and bool(np.all(X[:, -1] == 1.0))


def _as_named(items: Any, labels: Sequence[str] | None, what: str) -> list[tuple[str, Any]]:
    """Normalise one item, a sequence of items or a ``{label: item}`` mapping to (label, item) pairs."""
    if isinstance(items, Mapping):
        pairs = [(str(k), v) for k, v in items.items()]
        if labels is not None:
            raise ValueError(f"labels must be None when {what} is a dict (its keys are the labels)")
    else:
        # One run, or one β (a flat vector of numbers), rather than a sequence of them.
        single = isinstance(items, DescentResult) or (what == "betas" and np.ndim(items) == 1)
        seq = [items] if single else list(items)
        if labels is None:
            labels = [f"run {i + 1}" for i in range(len(seq))] if len(seq) > 1 else [what.rstrip("s")]
        labels = list(labels)
        if len(labels) != len(seq):
            raise ValueError(f"labels must have one entry per {what.rstrip('s')} ({len(seq)}), got {len(labels)}")
        pairs = list(zip((str(lb) for lb in labels), seq))
    if not pairs:
        raise ValueError(f"{what} must not be empty")
    return pairs


def _fmt(x: float) -> str:
    return f"{x:.4g}"


# --- regression: data and fitted lines ------------------------------------------------------


@dataclass
class FitArtists:
    """The artists of a regression-fit panel, so that an explorer can move the fitted line.

    Attributes
    ----------
    ax : Axes
    mode : {"line", "diagonal"}
        ``"line"``: one feature, the data against x and β as a line; ``"diagonal"``: several
        features, the fitted values ŷ = Xβ against y (a perfect fit lies on the diagonal).
    X : ndarray
        The data, intercept column included if any.
    xs : ndarray
        The x values where lines are evaluated (``"line"`` mode).
    lines : list of Line2D
        One per β, in order.
    """

    ax: Axes
    mode: str
    X: np.ndarray
    xs: np.ndarray
    lines: list = field(default_factory=list)


def _fit_mode(X: np.ndarray) -> str:
    return "line" if X.shape[1] == 1 or (X.shape[1] == 2 and _has_intercept(X)) else "diagonal"


def _fit_ydata(art: FitArtists, beta: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        if art.mode == "line":
            out = beta[0] * art.xs + (beta[1] if art.X.shape[1] == 2 else 0.0)
        else:
            out = art.X @ beta
    return np.where(np.isfinite(out), out, np.nan)


def draw_regression_fit(
    ax: Axes,
    X: Any,
    y: Any,
    betas: Any,
    *,
    labels: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
) -> FitArtists:
    """Draw the data and one line (or set of fitted values) per β on ``ax``; return the artists.

    The lower-level half of :func:`plot_regression_fit`, for explorers: move a line later with
    :func:`update_regression_fit`. Parameters are those of :func:`plot_regression_fit`.
    """
    X, y = _check_data(X, y)
    pairs = _as_named(betas, labels, "betas")
    d = X.shape[1]
    pairs = [(lb, _check_beta(f"betas[{lb!r}]", b, d)) for lb, b in pairs]
    colors = list(colors) if colors is not None else palette(len(pairs))
    mode = _fit_mode(X)
    with course_style():
        if mode == "line":
            x = X[:, 0]
            xs = np.linspace(*pad_limits(x, 0.08, flat=1.0), 50)
            ax.scatter(x, y, s=22, color="0.35", alpha=0.75, zorder=3, label="data", edgecolors="none")
            ax.set_xlabel("x")
            ax.set_ylabel("y")
        else:
            xs = np.empty(0)
            view = pad_limits(y, 0.1, flat=1.0)
            ax.plot(view, view, color="0.5", lw=1.2, ls=":", label="ŷ = y (perfect fit)")
            ax.set_xlabel("y (data)")
            ax.set_ylabel("ŷ = Xβ (fitted)")
            ax.set_xlim(view)
        ylo, yhi = float(y.min()), float(y.max())
        art = FitArtists(ax=ax, mode=mode, X=X, xs=xs)
        for i, (label, beta) in enumerate(pairs):
            style = _LINESTYLES[i % len(_LINESTYLES)]
            if mode == "line":
                (line,) = ax.plot(xs, _fit_ydata(art, beta), color=colors[i], ls=style, label=label, zorder=2)
            else:
                (line,) = ax.plot(
                    y,
                    _fit_ydata(art, beta),
                    ls="none",
                    marker=_MARKERS[i % len(_MARKERS)],
                    ms=9 - 2 * (i % 3),
                    mfc="none" if i else colors[i],
                    mec=colors[i],
                    mew=1.8,
                    label=label,
                    zorder=3 + i,
                )
            art.lines.append(line)
        # Fixed limits from the data and the βs given, within 3 data ranges: a later (diverged)
        # β must not zoom the panel out to 1e12, and a start β far off must not squash the data.
        fitted = np.concatenate([line.get_ydata() for line in art.lines])
        ylo, yhi = widen(ylo, yhi, fitted, 3 * (yhi - ylo if yhi > ylo else 1.0))
        ax.set_ylim(pad_limits([ylo, yhi], 0.12, flat=1.0))
        ax.legend(loc="upper left" if mode == "line" else "best")
    return art


def update_regression_fit(art: FitArtists, index: int, beta: Any) -> None:
    """Move line ``index`` of a :func:`draw_regression_fit` panel to the coefficients ``beta``."""
    beta = _check_beta("beta", beta, art.X.shape[1])
    art.lines[index].set_ydata(_fit_ydata(art, beta))


def plot_regression_fit(
    X: Any,
    y: Any,
    betas: Any,
    *,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The data and the fitted line of each β (for instance the pseudo-inverse and gradient descent).

    With one feature (X is a column of x, optionally followed by the column of ones) the data are
    drawn against x and each β as the line y = β₀x + β₁. With more features no line can be drawn:
    the fitted values ŷ = Xβ are drawn against y, and a perfect fit lies on the diagonal ŷ = y.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, with the intercept column of ones last if there is one.
    y : array_like, shape (n,)
    betas : array_like or sequence of array_like or dict
        One β of shape (d,), several, or ``{label: β}``.
    labels : sequence of str, optional
        Legend entries when ``betas`` is not a dict.
    ax : Axes, optional
        Where to draw; a new figure when ``None``.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from helpers.regression import lecture_data, pinv_solution
    >>> from helpers import plots
    >>> X, y, beta0 = lecture_data()
    >>> ax = plots.regression_fit(X, y, {"start": beta0, "pinv": pinv_solution(X, y)})
    """
    check_axes(ax)
    with course_style():
        ax = axes_or_new(ax, FIG_SINGLE)
        art = draw_regression_fit(ax, X, y, betas, labels=labels)
        default = "data and fitted lines" if art.mode == "line" else "fitted values against the data"
        ax.set_title(title if title is not None else default)
    return ax


# --- regression: β against the step -----------------------------------------------------------


def _path_of(result: Any, name: str = "result") -> np.ndarray:
    if isinstance(result, DescentResult):
        path = result.path
    else:
        path = check_array(name, result, ndim=2, min_rows=1)
    if path.ndim == 1:
        path = path[:, None]
    return path


def plot_beta_trajectory(
    result: Any,
    *,
    target: Any = None,
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "step",
) -> Axes:
    """Each coefficient β_k against the step, with the target values (e.g. β = X⁺y) as dashed lines.

    Parameters
    ----------
    result : DescentResult or array_like, shape (k + 1, d)
        A run (its ``path`` is drawn) or a path of coefficients, one row per step.
    target : array_like, shape (d,), optional
        The values the coefficients should reach, drawn dashed in the same colours.
    names : sequence of str, optional
        One name per coefficient; default β₀, β₁, … (see :func:`coefficient_names`).
    ax : Axes, optional
    title : str, optional
    xlabel : str
        What one row of the path is ("step" or "epoch").

    Returns
    -------
    Axes
    """
    check_axes(ax)
    path = _path_of(result)
    d = path.shape[1]
    if target is not None:
        target = check_array("target", target, ndim=1)
        if target.shape[0] != d:
            raise ValueError(f"target must have one entry per coefficient ({d}), got shape {target.shape}")
    if names is None:
        names = [f"β{str(i).translate(_SUBSCRIPTS)}" for i in range(d)]
    names = [str(s) for s in names]
    if len(names) != d:
        raise ValueError(f"names must have one entry per coefficient ({d}), got {len(names)}")
    colors = palette(d)
    steps = np.arange(path.shape[0])
    with course_style():
        ax = axes_or_new(ax, FIG_SINGLE)
        for k in range(d):
            ax.plot(steps, path[:, k], color=colors[k], label=names[k])
            if target is not None:
                ax.axhline(target[k], color=colors[k], ls="--", lw=1.3, alpha=0.9)
        if target is not None:
            ax.plot([], [], color="0.3", ls="--", lw=1.3, label="pinv solution X⁺y")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("coefficient value")
        ax.set_title(title if title is not None else f"coefficients β against the {xlabel}")
        if isinstance(result, DescentResult) and result.diverged:
            ax.set_title(ax.get_title() + f" ({result.message})")
        ax.legend(loc="best")
    return ax


# --- losses against step, epoch or seconds --------------------------------------------------


def _loss_series(result: DescentResult, against: str, label: str) -> tuple[np.ndarray, np.ndarray]:
    epoch_losses = result.extra.get("epoch_losses")
    if against == "step":
        if result.values is None:
            raise ValueError(
                f"run {label!r} has no loss per step (values is None): use against='epoch', or run SGD "
                "with step_losses=True"
            )
        return np.arange(result.values.shape[0], dtype=float), result.values
    if against == "epoch":
        if epoch_losses is not None:
            return np.arange(epoch_losses.shape[0], dtype=float), epoch_losses
        if result.values is None:
            raise ValueError(f"run {label!r} recorded no losses")
        # Full-batch gradient descent: one step is one pass over the data, i.e. one epoch.
        return np.arange(result.values.shape[0], dtype=float), result.values
    seconds = result.extra.get("epoch_seconds")
    if seconds is None or epoch_losses is None:
        raise ValueError(
            f"run {label!r} has no timings: against='seconds' needs an SGD result (extra['epoch_seconds']); "
            "run full gradient descent as regression_sgd(..., batch_size=n) to time it the same way"
        )
    t = np.concatenate([[0.0], np.cumsum(seconds)])[: epoch_losses.shape[0]]
    return t, epoch_losses


def plot_loss_history(
    results: Any,
    *,
    labels: Sequence[str] | None = None,
    against: str = "step",
    minimum: float | None = None,
    log: bool | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The loss of several runs against the step, the epoch or the wall-clock seconds.

    Parameters
    ----------
    results : DescentResult or sequence of DescentResult or dict
        One run, several, or ``{label: run}``.
    labels : sequence of str, optional
        Legend entries when ``results`` is not a dict.
    against : {"step", "epoch", "seconds"}
        ``"step"`` draws ``values`` (one per recorded point); ``"epoch"`` draws
        ``extra["epoch_losses"]`` of SGD runs (a full-batch run counts one step as one epoch);
        ``"seconds"`` draws the epoch losses against the cumulated ``extra["epoch_seconds"]``.
    minimum : float, optional
        The smallest loss achievable (e.g. at β = X⁺y), drawn as a dotted line.
    log : bool, optional
        A log y axis; default when the losses are positive and span a factor of about 22 or more
        (30 between the axis' limits, which add 5 % of the span at each end).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Notes
    -----
    A diverged run is drawn up to its last finite loss and marked with ×; its legend entry says
    where it diverged.
    """
    check_axes(ax)
    check_choice("against", against, ("step", "epoch", "seconds"))
    pairs = _as_named(results, labels, "results")
    for lb, r in pairs:
        if not isinstance(r, DescentResult):
            raise TypeError(f"results[{lb!r}] must be a DescentResult, got {_show(r)}")
    if minimum is not None:
        minimum = check_real("minimum", minimum)
    series = [(lb, r, *_loss_series(r, against, lb)) for lb, r in pairs]
    if log is None:
        log = spans_decades([s[3] for s in series], _LOG_RATIO)
    colors = palette(len(series))
    with course_style():
        ax = axes_or_new(ax, FIG_SINGLE)
        for i, (lb, r, t, v) in enumerate(series):
            text = f"{lb} ({r.message})" if r.diverged else lb
            vv = positive_or_nan(v) if log else v
            (line,) = ax.plot(t, vv, color=colors[i], ls=_LINESTYLES[i % len(_LINESTYLES)], label=text)
            if r.diverged and t.size:
                ax.plot(t[-1:], vv[-1:], marker="X", ms=10, color=colors[i], ls="none")
        if minimum is not None and (not log or minimum > 0):
            ax.axhline(minimum, color="0.3", ls=":", lw=1.3, label=f"minimum {_fmt(minimum)}")
        if log:
            ax.set_yscale("log")
            losses = np.concatenate([s[3] for s in series])
            ax.set_ylim(log_limits(losses, include=[] if minimum is None else [minimum], margin=0.05, snap=False))
        unit = {"step": "step", "epoch": "epoch (passes over the data)", "seconds": "seconds"}[against]
        ax.set_xlabel(unit)
        if against != "seconds":
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("loss" + (" (log scale)" if log else ""))
        default = {"step": "loss per step", "epoch": "loss per epoch", "seconds": "loss against wall-clock time"}
        ax.set_title(title if title is not None else default[against])
        if len(series) > 1 or minimum is not None or series[0][1].diverged:
            ax.legend(loc="best")
    return ax


# --- the loss surface in β space -----------------------------------------------------------


def auto_extent(points: Sequence[Any], centre: Any, *, margin: float = 0.25) -> np.ndarray:
    """A square window around ``centre`` that holds every point of ``points`` (2-vectors), with a margin."""
    c = np.asarray(centre, dtype=float)
    radius = max([float(np.max(np.abs(np.asarray(p, dtype=float) - c))) for p in points] + [0.5])
    r = radius * (1.0 + margin)
    return np.array([c[0] - r, c[0] + r, c[1] - r, c[1] + r])


def draw_loss_contours(
    ax: Axes,
    X: np.ndarray,
    y: np.ndarray,
    *,
    objective: str,
    extent: Extent,
    dims: tuple[int, int] = (0, 1),
    names: Sequence[str] | None = None,
    resolution: int = 120,
    levels: int = 14,
):
    """Draw the loss contours (geometrically spaced around the minimum) and the pinv point once."""
    B0, B1, L = regression_loss_grid(X, y, objective=objective, extent=extent, dims=dims, resolution=resolution)
    d = X.shape[1]
    i, j = _check_dims(dims, d)
    best = pinv_solution(X, y)
    lmin = float(L.min())
    excess = L - lmin
    top = float(excess.max())
    with course_style():
        if top > 0:
            lv = np.geomspace(top * 1e-3, top, levels)
            # Grey contours, so the coloured paths stand out on them.
            cs = ax.contour(B0, B1, excess, levels=lv, colors="0.55", linewidths=0.9, alpha=0.8)
        else:  # a flat loss: nothing to draw but the point
            cs = None
        ax.plot(
            best[i],
            best[j],
            marker="*",
            ms=15,
            color=COLORS["black"],
            mfc=COLORS["yellow"],
            ls="none",
            label="pinv X⁺y (minimum)",
            zorder=9,
        )
        names = list(names) if names is not None else coefficient_names(d, intercept=_has_intercept(X))
        ax.set_xlabel(names[i])
        ax.set_ylabel(names[j])
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        width, height = extent[1] - extent[0], extent[3] - extent[2]
        if 1 / 3 < width / height < 3:  # equal scales: the gradient is then drawn ⟂ to the contours
            ax.set_aspect("equal", adjustable="box")
    return cs


def plot_regression_paths(
    X: Any,
    y: Any,
    results: Any,
    *,
    labels: Sequence[str] | None = None,
    objective: str = "squared",
    dims: tuple[int, int] = (0, 1),
    extent: Extent | None = None,
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Paths of several runs (e.g. gradient descent, SGD, minibatch SGD) on the contours of the loss.

    The contours are of the loss as a function of the two coefficients ``dims``, the others held
    at the pseudo-inverse solution (with two coefficients, slope and intercept, that is the whole
    loss). Levels are geometrically spaced above the minimum, so the bowl's floor is visible.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    results : DescentResult or sequence of DescentResult or dict
        Runs on this data whose ``path`` holds β (shape (k + 1, d)).
    labels : sequence of str, optional
        Legend entries when ``results`` is not a dict.
    objective : {"lecture", "norm", "squared"}
        The loss whose contours are drawn.
    dims : (int, int)
        The coefficients on the x and y axes.
    extent : (float, float, float, float), optional
        The window; default a square around X⁺y holding every start point.
    names : sequence of str, optional
        Names of all d coefficients (the axis labels); default :func:`coefficient_names`.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
    """
    check_axes(ax)
    X, y = _check_data(X, y)
    check_choice("objective", objective, OBJECTIVES)
    d = X.shape[1]
    if d < 2:
        raise ValueError(f"X must have at least 2 columns for a path in (β₀, β₁) space, got shape {X.shape}")
    i, j = _check_dims(dims, d)
    pairs = _as_named(results, labels, "results")
    paths = []
    for lb, r in pairs:
        if not isinstance(r, DescentResult):
            raise TypeError(f"results[{lb!r}] must be a DescentResult, got {_show(r)}")
        p = _path_of(r)
        if p.shape[1] != d:
            raise ValueError(f"results[{lb!r}] has coefficients of length {p.shape[1]}, X has {d} columns")
        paths.append((lb, r, p))
    best = pinv_solution(X, y)
    if extent is None:
        extent = auto_extent([p[0, [i, j]] for _, _, p in paths], best[[i, j]])
    ext = _check_extent(extent)
    colors = palette(len(paths))
    with course_style():
        ax = axes_or_new(ax, _FIG_PATHS)
        draw_loss_contours(ax, X, y, objective=objective, extent=ext, dims=(i, j), names=names)
        for k, (lb, r, p) in enumerate(paths):
            many = p.shape[0] > 60
            text = f"{lb} ({r.message})" if r.diverged else lb
            ax.plot(
                p[:, i],
                p[:, j],
                color=colors[k],
                lw=1.0 if many else 1.8,
                marker=None if many else "o",
                ms=3.5,
                alpha=0.85,
                label=text,
                zorder=3 + k,
            )
            ax.plot(
                p[-1, i],
                p[-1, j],
                marker="X" if r.diverged else "o",
                ms=7,
                color=colors[k],
                mec="white",
                ls="none",
                zorder=7,
            )
        starts = np.unique(np.array([p[0, [i, j]] for _, _, p in paths]), axis=0)
        ax.plot(starts[:, 0], starts[:, 1], marker="s", ms=8, color=COLORS["black"], ls="none", label="start", zorder=7)
        ax.set_title(title if title is not None else f"paths on the contours of the {objective} loss")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


# --- classifiers: decision regions ----------------------------------------------------------


def light(color: str, amount: float = 0.65) -> tuple[float, float, float]:
    """``color`` mixed with white (``amount`` of white), for filled regions under coloured points."""
    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def region_cmap(k: int) -> ListedColormap:
    """The light colours of ``k`` classes as a colormap, class i at value i."""
    return ListedColormap([light(c) for c in palette(k)])


def predict_grid(predict: Callable, points: np.ndarray, resolution: int) -> np.ndarray:
    """Call ``predict`` on grid points and check it returns one class label per point."""
    labels = np.asarray(predict(points))
    if labels.shape != (points.shape[0],):
        raise ValueError(f"predict must return one label per point, shape ({points.shape[0]},), got {labels.shape}")
    if labels.dtype.kind == "f":
        if not np.all(np.isfinite(labels)) or not np.all(labels == np.round(labels)):
            raise ValueError("predict must return integer class labels 0, 1, 2, …")
        labels = labels.astype(np.int64)
    if labels.dtype.kind not in "iu" or (labels.size and labels.min() < 0):
        raise ValueError(f"predict must return integer class labels 0, 1, 2, …, got dtype {labels.dtype}")
    return labels.reshape(resolution, resolution)


def plot_decision_regions(
    predict: Callable,
    X: Any,
    y: Any,
    *,
    resolution: int = 200,
    padding: float = 0.15,
    class_names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """A classifier's decision regions in the plane, with the data coloured by class.

    Parameters
    ----------
    predict : callable
        ``predict(points)`` takes an array of shape (m, 2) and returns m integer class labels
        (e.g. ``MLP.predict``).
    X : array_like, shape (n, 2)
        The data points.
    y : array_like of int, shape (n,)
        Their classes 0 … K−1.
    resolution : int
        Grid points per axis.
    padding : float
        Margin around the data, as a fraction of its extent.
    class_names : sequence of str, optional
        Legend entries; default "class 0", "class 1", ….
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Notes
    -----
    Classes get Okabe–Ito colours (light for the regions, full for the points) and distinct
    marker shapes, so they stay apart without colour vision.
    """
    check_axes(ax)
    check_callable("predict", predict)
    X = check_array("X", X, ndim=2, min_rows=1)
    labels = _check_labels(y, X.shape[0])
    points, extent = region_grid(X, padding=padding, resolution=resolution)
    Z = predict_grid(predict, points, resolution)
    k = max(int(labels.max()), int(Z.max())) + 1
    names = _class_names(class_names, k)
    with course_style():
        ax = axes_or_new(ax, (6.5, 5.0))
        ax.imshow(
            Z,
            origin="lower",
            extent=tuple(extent),
            cmap=region_cmap(k),
            vmin=-0.5,
            vmax=k - 0.5,
            interpolation="nearest",
            aspect="equal",
        )
        draw_class_points(ax, X, labels, k, names)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        ax.grid(False)
        ax.set_title(title if title is not None else "decision regions")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), title="data")
    return ax


def _check_labels(y: Any, n: int) -> np.ndarray:
    arr = np.asarray(y)
    if arr.dtype.kind == "f" and arr.size and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu" or arr.ndim != 1 or arr.shape[0] != n or (arr.size and arr.min() < 0):
        raise ValueError(f"y must be {n} integer class labels 0, 1, …, got {_show(y)}")
    return arr.astype(np.int64)


def _class_names(class_names: Sequence[str] | None, k: int) -> list[str]:
    if class_names is None:
        return [f"class {c}" for c in range(k)]
    names = [str(s) for s in class_names]
    if len(names) < k:
        raise ValueError(f"class_names must name all {k} classes, got {len(names)}")
    return names


def draw_class_points(ax: Axes, X: np.ndarray, labels: np.ndarray, k: int, names: Sequence[str]) -> list:
    """One scatter per class (colour and marker), returned so an explorer can move the points."""
    colors = palette(k)
    out = []
    for c in range(k):
        pts = X[labels == c]
        out.append(
            ax.scatter(
                pts[:, 0],
                pts[:, 1],
                s=16,
                color=colors[c],
                marker=_MARKERS[c % len(_MARKERS)],
                edgecolors="white",
                linewidths=0.4,
                label=names[c],
                zorder=3,
            )
        )
    return out


# --- activation functions -----------------------------------------------------------------

_ACT_TEXT = {
    "sigmoid": ("sigmoid", "σ(x)", "σ′(x) = σ(x)(1 − σ(x))"),
    "tanh": ("tanh", "tanh(x)", "tanh′(x) = (1 − tanh x)(1 + tanh x)"),
    "relu": ("ReLU", "ReLU(x) = max{0, x}", "ReLU′(x)"),
    "identity": ("identity (no activation)", "x", "1"),
}


def _with_jumps(x: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Break the line where ``v`` jumps (ReLU′ at 0), so no vertical segment is drawn."""
    jumps = np.flatnonzero(np.abs(np.diff(v)) > 0.25)
    if jumps.size == 0:
        return x, v
    return np.insert(x, jumps + 1, np.nan), np.insert(v, jumps + 1, np.nan)


def plot_activations(
    names: Sequence[str] = ("sigmoid", "tanh", "relu"),
    *,
    x: Any = None,
    ax: Any = None,
    title: str | None = None,
) -> np.ndarray:
    """Activation functions side by side, each with its derivative, in a row of panels.

    Parameters
    ----------
    names : sequence of {"sigmoid", "tanh", "relu", "identity"}
        One panel per name.
    x : array_like, optional
        Where to evaluate; default 401 points in [−5, 5].
    ax : sequence of Axes, optional
        One per name; default a new figure.
    title : str, optional
        A title over the figure that holds the panels.

    Returns
    -------
    ndarray of Axes, shape (len(names),)
        The panels, in the order of ``names``.
    """
    if isinstance(names, str):
        names = [names]
    names = [check_choice("names", nm, tuple(ACTIVATIONS)) for nm in names]
    if not names:
        raise ValueError("names must list at least one activation")
    xs = np.linspace(-5.0, 5.0, 401) if x is None else np.sort(check_array("x", x, ndim=1, min_rows=2))
    with course_style():
        axes = panels_or_new(ax, (1, len(names)), (3.4 * len(names) + 0.4, 3.6))[0]
        fig = axes[0].figure
        for ax, nm in zip(axes, names):
            fn, grad = ACTIVATIONS[nm]
            heading, f_label, g_label = _ACT_TEXT[nm]
            ax.axhline(0, color="0.6", lw=0.8)
            ax.axvline(0, color="0.6", lw=0.8)
            ax.plot(xs, fn(xs), color=COLORS["blue"], label=f_label)
            gx, gv = _with_jumps(xs, grad(xs))
            ax.plot(gx, gv, color=COLORS["vermillion"], ls="--", label=g_label)
            ax.set_title(heading)
            ax.set_xlabel("x")
            ax.legend(loc="upper left", fontsize=8.5)
            if nm in ("sigmoid", "tanh"):
                ax.set_ylim(-1.25, 1.6)
        axes[0].set_ylabel("value")
        if title is not None:
            fig.suptitle(title)
    return axes


# --- softmax ------------------------------------------------------------------------------


@dataclass
class SoftmaxArtists:
    """The bars and labels of a softmax panel, updated in place by :func:`update_softmax`.

    Attributes
    ----------
    ax : Axes
    bars : BarContainer
        One bar per class.
    texts : list of Text
        The probability above each bar.
    marker : Text
        "arg max", above the tallest bar.
    caption : Text
        The one-hot vector of the arg max, at the top of the panel.
    names : list of str
        The class names.
    """

    ax: Axes
    bars: Any
    texts: list
    marker: Any
    caption: Any
    names: list

    @property
    def artists(self) -> list:
        """Every artist an update changes (for an explorer's redraw of moving parts)."""
        return [*self.bars, *self.texts, self.marker, self.caption]


def one_hot_text(p: Any) -> str:
    """The one-hot vector of the arg max of ``p`` as text, e.g. ``"(0, 1, 0)"``."""
    p = np.asarray(p)
    top = int(np.argmax(p))
    return "(" + ", ".join("1" if i == top else "0" for i in range(p.size)) + ")"


def draw_softmax(ax: Axes, k: int, *, class_names: Sequence[str] | None = None) -> SoftmaxArtists:
    """Draw ``k`` empty probability bars on ``ax``; fill them with :func:`update_softmax`."""
    k = check_int("k", k, low=1, high=50)
    names = _class_names(class_names, k)
    with course_style():
        bars = ax.bar(
            np.arange(k), np.zeros(k), width=0.6, color=light(COLORS["blue"], 0.2), edgecolor=COLORS["blue"], lw=1.2
        )
        texts = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=10) for i in range(k)]
        marker = ax.text(
            0, 0.0, "arg max", ha="center", va="bottom", fontsize=10, fontweight="bold", color=COLORS["vermillion"]
        )
        caption = ax.text(0.5, 1.3, "", ha="center", va="top", fontsize=10)
        ax.set_xticks(np.arange(k), names)
        ax.set_ylim(0, 1.32)
        ax.set_yticks(np.linspace(0, 1, 6))
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_ylabel("probability")
        ax.grid(axis="x", visible=False)
    caption.set_x((k - 1) / 2)
    return SoftmaxArtists(ax=ax, bars=bars, texts=texts, marker=marker, caption=caption, names=names)


def update_softmax(art: SoftmaxArtists, logits: Any, *, temperature: float = 1.0, ticks: bool = True) -> np.ndarray:
    """Set the bars of ``art`` to softmax(logits / temperature); return the probabilities.

    ``ticks=True`` also writes each logit under its class (tick labels: a static plot's business;
    an explorer that redraws only its moving artists shows the logits elsewhere).
    """
    temperature = check_real("temperature", temperature, low=0.0, low_inclusive=False)
    o = check_array("logits", logits, ndim=1)
    if o.shape[0] != len(art.bars):
        raise ValueError(f"logits must have {len(art.bars)} entries (one per bar), got shape {o.shape}")
    p = softmax(o / temperature)
    top = int(np.argmax(p))
    for i, (bar, text) in enumerate(zip(art.bars, art.texts)):
        bar.set_height(p[i])
        strong = i == top
        bar.set_facecolor(COLORS["vermillion"] if strong else light(COLORS["blue"], 0.2))
        bar.set_edgecolor(COLORS["black"] if strong else COLORS["blue"])
        bar.set_hatch("//" if strong else "")
        text.set_position((i, p[i] + 0.01))
        text.set_text(f"{p[i]:.4f}" if p[i] >= 1e-4 else f"{p[i]:.1e}")
    art.marker.set_position((top, p[top] + 0.085))
    art.caption.set_text(f"one-hot vector of the arg max: {one_hot_text(p)}")
    if ticks:
        art.ax.set_xticks(np.arange(o.size), [f"{nm}\no = {v:.3g}" for nm, v in zip(art.names, o)])
    return p


def plot_softmax(
    logits: Any,
    *,
    temperature: float = 1.0,
    class_names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The probabilities softmax(o / T) of a logit vector as bars, the arg max marked.

    The arg max is the class a classifier predicts: its one-hot vector is the same whether it is
    taken of o or of softmax(o), since softmax keeps the order of the scores.

    Parameters
    ----------
    logits : array_like, shape (k,)
        The scores o.
    temperature : float
        T > 0; T > 1 flattens the probabilities, T < 1 sharpens them towards the one-hot vector.
    class_names : sequence of str, optional
        Tick labels; default "class 0", "class 1", ….
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from helpers import plots
    >>> ax = plots.softmax([1.0, 2.0, 0.0])  # the lecture's [0.2447, 0.6652, 0.0900]
    """
    check_axes(ax)
    o = check_array("logits", logits, ndim=1, min_rows=1)
    temperature = check_real("temperature", temperature, low=0.0, low_inclusive=False)
    with course_style():
        ax = axes_or_new(ax, (max(4.5, 1.2 * o.size + 2.5), 4.0))
        art = draw_softmax(ax, o.size, class_names=class_names)
        update_softmax(art, o, temperature=temperature)
        default = "softmax(o)" if temperature == 1.0 else f"softmax(o / T) with temperature T = {temperature:.3g}"
        ax.set_title(title if title is not None else default)
    return ax

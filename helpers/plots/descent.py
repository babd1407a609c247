"""Figures of descent runs: a path on the curve or on contours, the surface, the gradient field, curves per step.

Every figure draws :class:`~helpers.descent.DescentResult` objects, whatever produced them. The parts
that explorers redraw on every slider move are small classes (:class:`Path1D`, :class:`Path2D`, and
:class:`~helpers.plots.axes.StepCurve` for a quantity per step) that create their artists once and
then only set new data, so a plot function and an explorer draw a path in exactly the same way.
Limits and log axes come from :mod:`helpers.plots.axes`, as in every figure of the course.

A diverged run is drawn with what it recorded: the axes stay on the objective's domain (a little
wider when the path stays near it), and a note in the corner counts the points outside the view.
"""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D

from ..descent import DescentResult
from ..functions import FUNCTIONS, Objective, get_function
from ..validation import check_array, check_choice, check_int
from .axes import (
    axes_or_new,
    log_limits,
    pad_limits,
    panels_or_new,
    positive_or_nan,
    spans_decades,
    use_pow10_labels,
    widen,
)
from .style import COLORS, course_style, palette

__all__ = [
    "FADE",
    "Path1D",
    "Path2D",
    "as_objective",
    "curve_view",
    "draw_contours",
    "plot_curve",
    "plot_gradient_field",
    "history_figure",
    "plot_path_1d",
    "plot_paths_2d",
    "plot_steps_to_converge",
    "plot_surface",
]

#: Light (early steps) to dark (late steps): the fading of a path's points.
FADE = LinearSegmentedColormap.from_list("course_fade", ["#F2AE7E", COLORS["vermillion"], "#5C2400"])

#: How far beyond the domain (in domain widths) the view may grow to keep a path in sight.
REACH = 0.5

_QUANTITIES = ("loss", "grad")
_NOTE_BOX = dict(boxstyle="round,pad=0.25", fc="white", ec="none", alpha=0.85)


# --- arguments ---------------------------------------------------------------------------------


def as_objective(f, dim: int | None = None, name: str = "f") -> Objective:
    """Return ``f`` as an :class:`~helpers.functions.Objective` (a name is looked up in the library).

    Parameters
    ----------
    f : Objective or str
        An objective, or one of the library's names (``helpers.functions.FUNCTIONS``).
    dim : int, optional
        The number of variables required (1 or 2).
    name : str
        The argument's name, for error messages.
    """
    if isinstance(f, str):
        f = get_function(check_choice(name, f, FUNCTIONS))
    if not isinstance(f, Objective):
        raise TypeError(
            f"{name} must be an Objective or one of the names {', '.join(FUNCTIONS)}; "
            f"got {f!r:.80} of type {type(f).__name__}"
        )
    if dim is not None and f.dim != dim:
        raise ValueError(f"{name} must be a function of {dim} variable(s), got {f!r} with {f.dim}")
    return f


def objective_of(results: list[DescentResult], f, dim: int) -> Objective:
    """The objective the runs descended: ``f`` when given, else the one the runs recorded.

    A run records what :func:`~helpers.gradient_descent` was given, so it is drawn on that curve and
    no other: an ``f`` that is not what the runs recorded is an error, not a silently wrong figure.
    """
    recorded = {id(r.objective): r.objective for r in results if isinstance(r.objective, Objective)}
    if f is None:
        if len(recorded) != 1 or any(r.objective is None for r in results):
            raise ValueError(
                "give f (the runs were made on a bare gradient and do not say what they descended), or run "
                "gradient_descent on an Objective so that its runs record it"
            )
        return as_objective(next(iter(recorded.values())), dim=dim)
    objective = as_objective(f, dim=dim)
    for r in results:
        if isinstance(r.objective, Objective) and r.objective.expr != objective.expr:
            raise ValueError(
                f"the run descended {r.objective!r}, not f = {objective!r}: it would be drawn on the wrong curve"
            )
    return objective


def _as_results(results, name: str = "results", dim: int | None = None) -> list[DescentResult]:
    """One result or a non-empty sequence of them, as a list (checking the path's dimension)."""
    items = [results] if isinstance(results, DescentResult) else results
    try:
        items = list(items)
    except TypeError:
        raise TypeError(f"{name} must be a DescentResult or a sequence of them, got {results!r:.80}") from None
    if not items:
        raise ValueError(f"{name} must contain at least one DescentResult, got an empty sequence")
    for i, r in enumerate(items):
        if not isinstance(r, DescentResult):
            raise TypeError(f"{name}[{i}] must be a DescentResult, got {r!r:.80} of type {type(r).__name__}")
        if dim == 1 and r.path.ndim != 1:
            raise ValueError(f"{name}[{i}] must be a run on a function of one variable, got path shape {r.path.shape}")
        if dim == 2 and (r.path.ndim != 2 or r.path.shape[1] != 2):
            raise ValueError(f"{name}[{i}] must be a run on a function of two variables, got path shape {r.path.shape}")
    return items


def _labels(labels, results: list[DescentResult], name: str = "labels") -> list[str]:
    """The given labels, or "λ = …" when the runs differ by learning rate, else "run 1", "run 2", …"""
    if labels is not None:
        labels = [str(s) for s in ([labels] if isinstance(labels, str) else labels)]
        if len(labels) != len(results):
            raise ValueError(f"{name} must have one label per result ({len(results)}), got {len(labels)}")
        return labels
    lrs = [r.lr for r in results]
    if len(results) == 1 or len(set(lrs)) == len(lrs):
        return [f"λ = {lr:g}" for lr in lrs]
    return [f"run {i + 1}" for i in range(len(results))]


# --- views and limits ------------------------------------------------------------------------


def curve_view(objective: Objective, xs=None, *, reach: float = REACH, n: int = 400):
    """The part of a 1-D objective to show: its domain, widened to keep the points ``xs`` in sight.

    The view grows at most ``reach`` domain widths on each side, so a diverging path does not
    stretch the curve into a flat line.

    Returns
    -------
    xlim, ylim : tuple of float
        Limits with a small margin.
    grid, values : ndarray
        The curve (``values`` may hold NaN where f is undefined).
    """
    lo, hi = objective.domain[0]
    if xs is not None:
        lo, hi = widen(lo, hi, xs, reach * (hi - lo))
    grid = np.linspace(lo, hi, n)
    values = objective.f_grid(grid)
    return pad_limits([lo, hi], 0.02), pad_limits(values), grid, values


def _box_view(objective: Objective, points=None, *, reach: float = REACH):
    """Limits of a 2-D view: the domain box, widened (at most ``reach`` widths) to keep ``points``."""
    limits = []
    for axis, (lo, hi) in enumerate(objective.domain):
        if points is not None and len(points):
            lo, hi = widen(lo, hi, np.asarray(points, dtype=float)[:, axis], reach * (hi - lo))
        limits.append((lo, hi))
    return limits


def _marker_indices(n: int, markers: int) -> np.ndarray:
    """Which of ``n`` points get a marker: all of the first steps, then evenly spaced, and the last."""
    if n <= markers:
        return np.arange(n)
    head = markers // 2
    tail = np.linspace(head, n - 1, markers - head).round().astype(int)
    return np.unique(np.concatenate([np.arange(head), tail]))


def _note_outside(note, count: int, total: int) -> None:
    note.set_text(f"{count} of {total} points outside the view" if count else "")


# --- 1-D path on the curve -------------------------------------------------------------------


class Path1D:
    """The artists of a 1-D descent path drawn on the curve, created once and updated in place.

    Points fade from light (early) to dark (late); arrows show the first few steps; the start is an
    open circle and the last point a cross. :meth:`set_result` only sets new data.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where the curve is drawn.
    objective : Objective
        The function, for f(x) when a result has no recorded values.
    color : str
        Colour of the connecting line and the arrows.
    markers : int
        At most this many points are marked (all of the first ones, then evenly spaced).
    arrows : int
        Arrows on the first steps (only where a step is long enough to see).
    numbers : int
        Label the first points with their step number.
    """

    def __init__(self, ax, objective: Objective, *, color=COLORS["vermillion"], markers=60, arrows=3, numbers=0):
        self.ax = ax
        self.objective = objective
        self.markers = check_int("markers", markers, low=2)
        (self.line,) = ax.plot([], [], color=color, lw=1.0, alpha=0.55, zorder=3)
        self.dots = ax.scatter(
            np.empty(0), np.empty(0), c=np.empty(0), cmap=FADE, vmin=0.0, vmax=1.0, s=26, zorder=4, edgecolors="none"
        )
        (self.start,) = ax.plot([], [], "o", ms=9, mfc="white", mec=COLORS["black"], mew=1.8, zorder=5)
        (self.end,) = ax.plot([], [], "X", ms=10, color=COLORS["black"], mec="white", mew=0.8, zorder=6)
        arrowprops = dict(arrowstyle="-|>", color=color, lw=1.6, shrinkA=5, shrinkB=5, mutation_scale=14)
        self.arrows = [
            ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=arrowprops, visible=False, zorder=5)
            for _ in range(check_int("arrows", arrows, low=0))
        ]
        self.numbers = [
            ax.annotate(str(i), xy=(0, 0), xytext=(0, 7), textcoords="offset points", visible=False,
                        fontsize=8.5, ha="center", va="bottom", zorder=7, annotation_clip=True)
            for i in range(check_int("numbers", numbers, low=0))
        ]  # fmt: skip
        self.note = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                            color=COLORS["vermillion"], bbox=_NOTE_BOX, zorder=8)  # fmt: skip
        #: Legend entries (the scatter's fading colours have no single legend colour).
        self.legend_handles = [
            Line2D([], [], color=color, marker="o", ms=5, mfc=COLORS["vermillion"], mec="none", lw=1, label="path"),
            Line2D([], [], ls="none", marker="o", ms=8, mfc="white", mec=COLORS["black"], mew=1.5, label="start x₀"),
            Line2D([], [], ls="none", marker="X", ms=9, color=COLORS["black"], label="last x"),
        ]

    @property
    def artists(self) -> list:
        """Everything :meth:`set_result` changes (what an explorer redraws on each frame)."""
        return [self.line, self.dots, self.start, self.end, *self.arrows, *self.numbers, self.note]

    def clear(self) -> None:
        """Draw no path (e.g. when the run could not start)."""
        self.line.set_data([], [])
        self.dots.set_offsets(np.empty((0, 2)))
        self.dots.set_array(np.empty(0))
        self.start.set_data([], [])
        self.end.set_data([], [])
        for artist in (*self.arrows, *self.numbers):
            artist.set_visible(False)
        self.note.set_text("")

    def set_result(self, result: DescentResult) -> None:
        """Show ``result``'s path; call after the axes' limits are set (arrows and notes use them)."""
        xs = result.path
        ys = result.values if result.values is not None else self.objective.f_grid(xs)
        n = len(xs)
        self.line.set_data(xs, ys)
        idx = _marker_indices(n, self.markers)
        self.dots.set_offsets(np.column_stack([xs[idx], ys[idx]]))
        self.dots.set_array(idx / max(n - 1, 1))
        self.start.set_data(xs[:1], ys[:1])
        self.end.set_data(xs[-1:], ys[-1:])
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        inside = (xs >= x0) & (xs <= x1) & (ys >= min(y0, y1)) & (ys <= max(y0, y1))
        # Arrows and numbers only where they can be seen: inside the view and far enough apart.
        pixels = self.ax.transData.transform(np.column_stack([xs, ys])) if n else np.empty((0, 2))
        for k, arrow in enumerate(self.arrows):
            show = k + 1 < n and inside[k] and inside[k + 1] and np.hypot(*(pixels[k + 1] - pixels[k])) > 18
            arrow.set_visible(bool(show))
            if show:
                arrow.xy = (xs[k + 1], ys[k + 1])
                arrow.set_position((xs[k], ys[k]))
        last = None
        for k, label in enumerate(self.numbers):
            show = k < n and inside[k] and (last is None or np.hypot(*(pixels[k] - pixels[last])) > 14)
            label.set_visible(bool(show))
            if show:
                label.xy = (xs[k], ys[k])
                last = k
        _note_outside(self.note, int(n - inside.sum()), n)


def _draw_curve(ax, objective: Objective, grid, values):
    (line,) = ax.plot(grid, values, color=COLORS["blue"], lw=2, zorder=2, label=f"f(x) = {objective.label}")
    return line


def plot_path_1d(result: DescentResult, f=None, *, ax=None, markers: int = 60, arrows: int = 3, numbers: int = 0):
    """Draw a 1-D descent run on the curve of f.

    Parameters
    ----------
    result : DescentResult
        A run on a function of one variable (any status; a diverged run shows what it recorded).
    f : Objective or str, optional
        The function descended, or its name in the library; by default the one the run recorded.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    markers, arrows, numbers : int
        See :class:`Path1D`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from helpers import gradient_descent, objective
    >>> ax = plot_path_1d(gradient_descent(objective("lecture_quadratic"), 1.5, lr=0.2))
    """
    (result,) = _as_results(result, "result", dim=1)
    objective = objective_of([result], f, dim=1)
    with course_style():
        ax = axes_or_new(ax)
        xlim, ylim, grid, values = curve_view(objective, result.path)
        curve = _draw_curve(ax, objective, grid, values)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        path = Path1D(ax, objective, markers=markers, arrows=arrows, numbers=numbers)
        path.set_result(result)
        ax.set_title(f"{result.message}\nλ = {result.lr:g}, x₀ = {result.path[0]:.3g}")
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.legend(handles=[curve, *path.legend_handles], loc="best", fontsize=8.5)
    return ax


# --- 2-D paths on contours -------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _grid(objective: Objective, limits: tuple, n: int):
    (x0, x1), (y0, y1) = limits
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    Z = objective.f_grid(X, Y)
    return X, Y, Z


def _levels(Z, count: int) -> np.ndarray:
    """Contour levels at quantiles of f over the view: dense where f is low, as in a valley."""
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        return np.empty(0)
    return np.unique(np.quantile(finite, np.linspace(0.0, 0.97, count) ** 1.5))


def draw_contours(ax, objective: Objective, limits=None, *, n: int = 160, levels: int = 18, filled: bool = True):
    """Draw contours of a 2-D objective over ``limits`` (default: its domain) and set the axes' limits.

    The grid of values is computed once per objective and view (cached).

    Returns
    -------
    list
        The contour sets drawn (filled and lines), e.g. to hide them when an explorer switches function.
    """
    limits = tuple(tuple(map(float, box)) for box in (limits or objective.domain))
    X, Y, Z = _grid(objective, limits, n)
    lv = _levels(Z, levels)
    drawn = []
    if lv.size >= 2:
        if filled:
            drawn.append(ax.contourf(X, Y, Z, levels=lv, cmap="viridis", alpha=0.28, extend="max", zorder=0))
        drawn.append(ax.contour(X, Y, Z, levels=lv, cmap="viridis", linewidths=0.8, alpha=0.85, zorder=1))
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    return drawn


def _minima_2d(objective: Objective) -> np.ndarray:
    return np.array(objective.minima, dtype=float).reshape(-1, 2)


class Path2D:
    """The artists of one 2-D descent path on contours, created once and updated in place.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The contour plot.
    color : str
        The path's colour.
    label : str, optional
        Legend label.
    markers : int
        At most this many points carry a marker (all of the first ones, then evenly spaced).
    """

    def __init__(self, ax, *, color=COLORS["vermillion"], label: str | None = None, markers: int = 60):
        self.ax = ax
        self.markers = check_int("markers", markers, low=2)
        (self.line,) = ax.plot(
            [], [], color=color, lw=1.6, marker="o", ms=3.5, mec="white", mew=0.4, zorder=4, label=label
        )
        (self.start,) = ax.plot([], [], "o", ms=9, mfc="white", mec=color, mew=2, zorder=5)
        (self.end,) = ax.plot([], [], "X", ms=10, color=color, mec="white", mew=0.8, zorder=6)
        self.note = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                            color=COLORS["vermillion"], bbox=_NOTE_BOX, zorder=8)  # fmt: skip

    @property
    def artists(self) -> list:
        """Everything :meth:`set_result` changes."""
        return [self.line, self.start, self.end, self.note]

    def clear(self) -> None:
        """Draw no path."""
        for line in (self.line, self.start, self.end):
            line.set_data([], [])
        self.note.set_text("")

    def set_result(self, result: DescentResult) -> None:
        """Show ``result``'s path; call after the axes' limits are set."""
        p = result.path
        self.line.set_data(p[:, 0], p[:, 1])
        self.line.set_markevery(_marker_indices(len(p), self.markers).tolist())
        self.start.set_data(p[:1, 0], p[:1, 1])
        self.end.set_data(p[-1:, 0], p[-1:, 1])
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        inside = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
        _note_outside(self.note, int(len(p) - inside.sum()), len(p))


def _mark_minima(ax, objective: Objective):
    m = _minima_2d(objective)
    (line,) = ax.plot(m[:, 0], m[:, 1], "*", ms=13, color=COLORS["yellow"], mec=COLORS["black"], mew=0.8, zorder=3)
    line.set_label("minimum" if len(m) == 1 else "minima")
    return line


def plot_paths_2d(results, f=None, *, labels=None, ax=None, markers: int = 60):
    """Draw one or several 2-D descent runs on the contours of f (e.g. three learning rates).

    Parameters
    ----------
    results : DescentResult or sequence of DescentResult
        Runs on a function of two variables.
    f : Objective or str, optional
        The function descended, or its name in the library; by default the one the runs recorded.
    labels : sequence of str, optional
        One legend label per run (default "λ = …").
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    markers : int
        At most this many points of each path carry a marker.

    Returns
    -------
    matplotlib.axes.Axes
    """
    results = _as_results(results, dim=2)
    objective = objective_of(results, f, dim=2)
    labels = _labels(labels, results)
    with course_style():
        ax = axes_or_new(ax, (6.0, 5.0))
        limits = _box_view(objective, np.concatenate([r.path for r in results]))
        draw_contours(ax, objective, limits)
        minima = _mark_minima(ax, objective)
        paths = []
        for r, label, color in zip(results, labels, _path_colors(len(results))):
            path = Path2D(ax, color=color, label=f"{label}: {r.message}", markers=markers)
            path.set_result(r)
            paths.append(path)
        # One note is enough (they would overlap): the first run's with points outside.
        noted = next((p.note for p in paths if p.note.get_text()), None)
        for p in paths:
            p.note.set_visible(p.note is noted)
        ax.set_title(f"f(x, y) = {objective.label}")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        if _aspect_ok(limits):
            ax.set_aspect("equal", adjustable="box")
        ax.legend(handles=[*(p.line for p in paths), minima], loc="best", fontsize=8.5, framealpha=0.9)
    return ax


def _aspect_ok(limits) -> bool:
    (x0, x1), (y0, y1) = limits
    ratio = (x1 - x0) / (y1 - y0)
    return 0.5 <= ratio <= 2.0


def _path_colors(n: int) -> list[str]:
    # Vermillion first (stands out on viridis contours), then the rest of the palette.
    first = [COLORS["vermillion"], COLORS["blue"], COLORS["orange"], COLORS["purple"], COLORS["black"]]
    return [first[i] if i < len(first) else palette(n)[i] for i in range(n)]


# --- surface and gradient field --------------------------------------------------------------


def plot_surface(f=None, *, run: DescentResult | None = None, ax=None, n: int = 60):
    """Draw a 2-D objective as a 3-D surface, optionally with a descent path on it.

    Parameters
    ----------
    f : Objective or str, optional
        A function of two variables, or its name in the library (by default the one ``run`` recorded).
    run : DescentResult, optional
        A run to draw on the surface (only the part over the domain).
    ax : mpl_toolkits.mplot3d.Axes3D, optional
        A 3-D Axes; a new figure when omitted.
    n : int
        Grid points per side.

    Returns
    -------
    mpl_toolkits.mplot3d.Axes3D
    """
    n = check_int("n", n, low=5, high=400)
    if run is not None:
        (run,) = _as_results(run, "run", dim=2)
        objective = objective_of([run], f, dim=2)
    else:
        objective = as_objective(f, dim=2)
    with course_style():
        if ax is None:
            fig = plt.figure(figsize=(6.5, 5.0))
            ax = fig.add_subplot(projection="3d")
        elif not hasattr(ax, "plot_surface"):
            raise TypeError("ax must be a 3-D Axes, e.g. fig.add_subplot(projection='3d')")
        limits = tuple(tuple(map(float, box)) for box in objective.domain)
        X, Y, Z = _grid(objective, limits, n)
        ax.plot_surface(X, Y, Z, cmap="viridis", alpha=0.85, linewidth=0, antialiased=True, rcount=n, ccount=n)
        if run is not None:
            p = run.path
            (x0, x1), (y0, y1) = limits
            keep = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
            p = p[keep]
            z = objective.f_grid(p[:, 0], p[:, 1]) if len(p) else np.empty(0)
            ax.plot(p[:, 0], p[:, 1], z, color=COLORS["vermillion"], marker="o", ms=3, lw=1.5, zorder=10,
                    label=f"descent path: {run.message}")  # fmt: skip
            ax.legend(loc="upper left", fontsize=8.5)
        ax.set_title(f"f(x, y) = {objective.label}")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_zlabel("f(x, y)")
    return ax


def _gradient_grid(objective: Objective, limits, n: int):
    (x0, x1), (y0, y1) = limits
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    G = np.array([objective.grad(np.array([a, b])) for a, b in zip(X.ravel(), Y.ravel())], dtype=float)
    return X, Y, G[:, 0].reshape(X.shape), G[:, 1].reshape(X.shape)


def plot_gradient_field(f="lecture_bowl", *, n: int = 13, normalize: bool = False, ax=None):
    """Quiver plots of ∇f (steepest ascent) and −∇f (steepest descent) side by side, on contours.

    Parameters
    ----------
    f : Objective or str
        A function of two variables, or its name in the library.
    n : int
        Arrows per side.
    normalize : bool
        Draw every arrow with the same length (only the direction), for functions whose gradient
        spans decades (e.g. Rosenbrock).
    ax : sequence of two Axes, optional
        The ∇f panel and the −∇f panel; default a new figure.

    Returns
    -------
    ndarray of Axes, shape (2,)
        The two panels.
    """
    objective = as_objective(f, dim=2)
    n = check_int("n", n, low=3, high=60)
    limits = tuple(tuple(map(float, box)) for box in objective.domain)
    X, Y, U, V = _gradient_grid(objective, limits, n)
    size = np.hypot(U, V)
    if normalize:
        with np.errstate(invalid="ignore", divide="ignore"):
            U, V = np.where(size > 0, U / size, 0.0), np.where(size > 0, V / size, 0.0)
        longest = 1.0
    else:
        longest = float(np.nanmax(size)) if np.any(size > 0) else 1.0
    # Both panels on one scale: the longest arrow spans about one grid cell.
    cell = min((limits[0][1] - limits[0][0]), (limits[1][1] - limits[1][0])) / (n - 1)
    scale = longest / (0.95 * cell)
    with course_style():
        axes = panels_or_new(ax, (1, 2), (9.0, 4.6), sharey=True)[0]
        panels = (
            (1.0, COLORS["vermillion"], "∇f: steepest ascent (uphill)"),
            (-1.0, COLORS["blue"], "−∇f: steepest descent (downhill)"),
        )
        for ax, (sign, color, title) in zip(axes, panels):
            draw_contours(ax, objective, limits, filled=False)
            ax.quiver(X, Y, sign * U, sign * V, color=color, angles="xy", scale_units="xy", scale=scale, width=0.005)
            minima = _mark_minima(ax, objective)
            ax.set_title(title)
            ax.set_xlabel("x")
            ax.legend(handles=[minima], loc="upper right", fontsize=8.5)
            if _aspect_ok(limits):
                ax.set_aspect("equal", adjustable="box")
        axes[0].set_ylabel("y")
        what = "directions only (arrows normalised)" if normalize else "arrow length ∝ ‖∇f‖"
        axes[0].figure.suptitle(f"f(x, y) = {objective.label}: {what}")
    return axes


# --- curves against step ---------------------------------------------------------------------


def _history(result: DescentResult, quantity: str) -> np.ndarray:
    if quantity == "grad":
        return result.grad_norms
    if result.values is None:
        raise ValueError("quantity='loss' needs results run with the objective (f=...), which records f at each step")
    return result.values


def history_figure(results, *, quantity: str = "loss", labels=None, log: bool | None = None, ax=None):
    """Draw the loss f(x_k) or the gradient's size |f'(x_k)| / ‖∇f(x_k)‖ against step k for one or several runs.

    Training runs (:meth:`helpers.nn.MLP.train`) are drawn against the epoch k: their cross-entropy
    L(θ_k), or the norm of each epoch's gradient.

    Parameters
    ----------
    results : DescentResult or sequence of DescentResult
        The runs (a diverged run's curve ends with a cross at its last recorded step).
    quantity : {"loss", "grad"}
        ``"loss"`` needs runs with recorded values (``f=`` given to the descent).
    labels : sequence of str, optional
        One legend label per run (default "λ = …").
    log : bool, optional
        Log y axis; by default when the values are positive and span two decades or more
        (always for ``"grad"``, where zeros become gaps).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    results = _as_results(results)
    quantity = check_choice("quantity", quantity, _QUANTITIES)
    labels = _labels(labels, results)
    series = [_history(r, quantity) for r in results]
    if log is None:
        log = quantity == "grad" or spans_decades(series)
    if all(r.kind == "training" for r in results):  # MLP.train: one point per epoch, on the cross-entropy L(θ)
        unit, symbol = "epoch", ("‖∇L(θ_k)‖" if quantity == "grad" else "cross-entropy L(θ_k)")
    else:
        unit = "step"
        symbol = (
            results[0].grad_symbol if quantity == "grad" else ("f(x_k)" if results[0].path.ndim == 1 else "f(x_k, y_k)")
        )
    with course_style():
        ax = axes_or_new(ax)
        for r, values, label, color in zip(results, series, labels, palette(len(results))):
            v = positive_or_nan(values) if log else values
            ax.plot(np.arange(len(v)), v, color=color, label=f"{label}: {r.message}")
            if r.diverged:
                ax.plot([len(v) - 1], [v[-1]], "X", ms=9, color=color, mec="white", mew=0.8)
        if log:
            ax.set_yscale("log")
            use_pow10_labels(ax.yaxis)
            ax.set_ylim(log_limits(np.concatenate(series), decades=0.2))
        if quantity == "grad":
            eps = {r.eps for r in results if r.eps is not None}
            if len(eps) == 1:
                (e,) = eps
                ax.axhline(e, color=COLORS["black"], ls="--", lw=1, label=f"ε = {e:.0e}")
                if log:
                    ax.set_ylim(log_limits(np.concatenate(series), include=[e], decades=0.2))
        ax.set_xlim(0, max(max(len(s) - 1 for s in series), 1))
        ax.set_xlabel(f"{unit} k")
        ax.set_ylabel(f"{symbol}{' (log scale)' if log else ''}")
        ax.set_title(f"{'Loss' if quantity == 'loss' else 'Size of the gradient'} per {unit}")
        ax.legend(fontsize=8.5, loc="best")
    return ax


def plot_curve(x, ys, *, labels=None, title: str, xlabel: str, ylabel: str,
               logx: bool = False, logy: bool = False, marker: str | None = None, ax=None):  # fmt: skip
    """Draw one or several curves y(x) on shared axes: the generic line plot of the course.

    Parameters
    ----------
    x : array_like, shape (n,)
        The common x values.
    ys : array_like, shape (n,) or (m, n)
        One curve, or m curves.
    labels : sequence of str, optional
        One label per curve (a legend is drawn when there are several).
    title, xlabel, ylabel : str
        Title and axis labels (with symbols, e.g. "λ", "|f'(x)|").
    logx, logy : bool
        Log scales; non-positive values then become gaps.
    marker : str, optional
        A marker for the points, e.g. "o".
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    xs = check_array("x", x, ndim=1, min_rows=1, finite=False)
    Y = check_array("ys", ys, ndim=(1, 2), finite=False)
    Y = Y[None, :] if Y.ndim == 1 else Y
    if Y.shape[1] != xs.shape[0]:
        raise ValueError(f"ys must have {xs.shape[0]} values per curve (one per x), got shape {Y.shape}")
    if labels is not None:
        labels = [str(s) for s in ([labels] if isinstance(labels, str) else labels)]
        if len(labels) != Y.shape[0]:
            raise ValueError(f"labels must have one label per curve ({Y.shape[0]}), got {len(labels)}")
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a string, got {text!r:.80}")
    with course_style():
        ax = axes_or_new(ax)
        xv = positive_or_nan(xs) if logx else xs
        for i, (y, color) in enumerate(zip(Y, palette(len(Y)))):
            ax.plot(xv, positive_or_nan(y) if logy else y, color=color, marker=marker, ms=4,
                    label=labels[i] if labels else None)  # fmt: skip
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
            ax.set_ylim(log_limits(Y, decades=0.2))
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if labels and len(labels) > 1:
            ax.legend(fontsize=8.5)
    return ax


def plot_steps_to_converge(values, runs, *, xlabel: str = "start x₀", logx: bool = False, ax=None):
    """Steps to converge against a swept parameter (the start point, ε, λ …), one run per value.

    Converged runs are joined by a line; runs that hit the step cap or diverged are marked
    apart (a triangle at the cap, a cross at the step where they diverged).

    Parameters
    ----------
    values : array_like, shape (n,)
        The swept parameter, one value per run.
    runs : sequence of DescentResult
        The runs, in the same order.
    xlabel : str
        Name and symbol of the parameter, e.g. "start x₀", "ε", "learning rate λ".
    logx : bool
        Log x axis (for ε or λ).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    xs = check_array("values", values, ndim=1, min_rows=1)
    runs = _as_results(runs)
    if len(runs) != len(xs):
        raise ValueError(f"runs must have one run per value ({len(xs)}), got {len(runs)}")
    if logx and np.any(xs <= 0):
        raise ValueError(f"values must be positive for a log x axis (logx=True), got {xs.tolist()!r:.80}")
    status = np.array([r.status for r in runs])
    steps = np.array([r.steps for r in runs], dtype=float)
    with course_style():
        ax = axes_or_new(ax)
        ok = status == "converged"
        ax.plot(xs, np.where(ok, steps, np.nan), "o-", color=COLORS["blue"], ms=4, label="converged")
        capped = (status == "max_steps") | (status == "finished")
        if capped.any():
            ax.plot(xs[capped], steps[capped], "^", ms=7, color=COLORS["orange"], ls="none", label="step cap reached")
        bad = status == "diverged"
        if bad.any():
            at = np.array([r.diverged_at for r in runs], dtype=object)[bad].astype(float)
            ax.plot(xs[bad], at, "X", ms=8, color=COLORS["vermillion"], ls="none", label="diverged (at step)")
        if logx:
            ax.set_xscale("log")
        ax.set_ylim(bottom=0)
        ax.set_title(f"Steps to converge against {xlabel}")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("steps")
        if capped.any() or bad.any():
            ax.legend(fontsize=8.5)
    return ax

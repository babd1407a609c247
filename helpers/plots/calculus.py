"""Figures of derivatives: the tangent line, the error of finite differences, which way ±f'(x) moves x.

Like the descent figures, the parts an explorer redraws (:class:`Tangent`, :class:`DifferenceErrors`)
are small classes that create their artists once and then only set new data.
"""

from __future__ import annotations

import numpy as np

from ..calculus import central_difference, difference_table, forward_difference
from ..functions import Objective
from ..validation import check_array, check_real
from .axes import axes_or_new, log_limits, panels_or_new, positive_or_nan, use_pow10_labels
from .descent import as_objective, curve_view
from .style import COLORS, course_style

__all__ = [
    "DifferenceErrors",
    "H_GRID",
    "Tangent",
    "plot_difference_error",
    "plot_tangent",
    "plot_update_directions",
]

#: Steps h of the error curves: 1e-15 … 1, five per decade.
H_GRID = np.logspace(-15, 0, 76)


def _values(objective: Objective):
    """f for the difference quotients: the vectorised version, NaN (not an exception) outside the domain."""
    return objective.f_grid


def _check_x(objective: Objective, x0) -> float:
    x0 = check_real("x0", x0)
    try:
        value, slope = float(objective.f(x0)), float(objective.grad(x0))
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as exc:
        raise ValueError(f"x0 = {x0:g} is outside where f(x) = {objective.label} is defined: {exc}") from None
    if not (np.isfinite(value) and np.isfinite(slope)):
        raise ValueError(f"x0 = {x0:g} is outside where f(x) = {objective.label} is defined (f or f' is not finite)")
    return x0


class Tangent:
    """The tangent at x₀ (and a secant through x₀ and x₀ + h) on a curve, updated in place.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes of the curve; lines span its current x limits, so set them first.
    objective : Objective
        The function of one variable.
    """

    def __init__(self, ax, objective: Objective):
        self.ax = ax
        self.objective = objective
        (self.tangent,) = ax.plot([], [], color=COLORS["orange"], lw=2, zorder=3, label="tangent at x₀, slope f'(x₀)")
        (self.secant,) = ax.plot(
            [], [], color=COLORS["green"], lw=1.6, ls="--", zorder=3, label="secant through x₀ and x₀ + h"
        )
        (self.point,) = ax.plot([], [], "o", ms=8, color=COLORS["black"], zorder=5, label="(x₀, f(x₀))")
        (self.other,) = ax.plot([], [], "o", ms=7, mfc="white", mec=COLORS["green"], mew=2, zorder=5)

    @property
    def artists(self) -> list:
        """Everything :meth:`set_point` changes."""
        return [self.tangent, self.secant, self.point, self.other]

    def set_point(self, x0: float, h: float | None = None) -> tuple[float, float | None]:
        """Draw the tangent at ``x0`` (and the secant of step ``h``); return (f'(x₀), secant slope)."""
        f = _values(self.objective)
        y0, slope = float(f(x0)), float(self.objective.grad(x0))
        xs = np.array(self.ax.get_xlim())
        self.tangent.set_data(xs, y0 + slope * (xs - x0))
        self.point.set_data([x0], [y0])
        if h is None:
            self.secant.set_data([], [])
            self.other.set_data([], [])
            return slope, None
        secant = float(forward_difference(f, x0, h))
        self.secant.set_data(xs, y0 + secant * (xs - x0))
        self.other.set_data([x0 + h], [float(f(x0 + h))])
        return slope, secant


def plot_tangent(f="lecture_quadratic", x0: float = 1.0, *, h: float | None = None, ax=None):
    """Draw f with its tangent line at x₀ (and, with ``h``, the secant through x₀ and x₀ + h).

    The tangent's slope is f'(x₀); the secant's is the difference quotient (f(x₀ + h) − f(x₀)) / h,
    which tends to f'(x₀) as h → 0.

    Parameters
    ----------
    f : Objective or str
        A function of one variable, or its name in the library (default: the lecture's x² + 2x + 3).
    x0 : float
        Where to draw the tangent.
    h : float, optional
        The secant's step (> 0).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    objective = as_objective(f, dim=1)
    x0 = _check_x(objective, x0)
    if h is not None:
        h = check_real("h", h, low=0.0, low_inclusive=False)
    with course_style():
        ax = axes_or_new(ax)
        xlim, ylim, grid, values = curve_view(objective, [x0] if h is None else [x0, x0 + h])
        (curve,) = ax.plot(grid, values, color=COLORS["blue"], lw=2, label=f"f(x) = {objective.label}")
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        tangent = Tangent(ax, objective)
        slope, secant = tangent.set_point(x0, h)
        tangent.tangent.set_label(f"tangent, slope f'(x₀) = {slope:.4g}")
        handles = [curve, tangent.tangent, tangent.point]
        if h is not None:
            tangent.secant.set_label(f"secant, slope (f(x₀ + h) − f(x₀))/h = {secant:.4g}")
            handles.insert(2, tangent.secant)
        ax.set_title(f"Tangent at x₀ = {x0:g}" + ("" if h is None else f", secant with h = {h:g}"))
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.legend(handles=handles, loc="best", fontsize=8.5)
    return ax


class DifferenceErrors:
    """Error of the forward and central differences against h (log–log), updated in place.

    :meth:`set_point` recomputes the two curves for a function and point (through
    :func:`helpers.calculus.difference_table`); :meth:`set_h` only moves the markers of the current h.
    """

    def __init__(self, ax, hs=H_GRID):
        self.ax = ax
        self.hs = check_array("hs", hs, ndim=1, min_rows=2)
        self.objective: Objective | None = None
        self.x0 = 0.0
        self.exact = 0.0
        (self.forward,) = ax.plot([], [], color=COLORS["vermillion"], lw=2, label="forward (f(x+h) − f(x))/h")
        (self.central,) = ax.plot([], [], color=COLORS["blue"], lw=2, label="central (f(x+h) − f(x−h))/2h")
        (self.mark_forward,) = ax.plot([], [], "o", ms=8, color=COLORS["vermillion"], mec="white", mew=1, zorder=5)
        (self.mark_central,) = ax.plot([], [], "o", ms=8, color=COLORS["blue"], mec="white", mew=1, zorder=5)
        self.h_line = ax.axvline(1e-3, color=COLORS["black"], lw=1, ls=":", zorder=1)
        ax.set_xscale("log")
        ax.set_yscale("log")
        use_pow10_labels(ax.xaxis)
        use_pow10_labels(ax.yaxis)
        ax.set_xlim(float(self.hs.min()), float(self.hs.max()))

    @property
    def artists(self) -> list:
        """Everything :meth:`set_point` and :meth:`set_h` change, apart from the limits."""
        return [self.forward, self.central, self.mark_forward, self.mark_central, self.h_line]

    def set_point(self, objective: Objective, x0: float) -> bool:
        """Recompute both error curves at ``x0``; return True when the y limits changed."""
        self.objective, self.x0 = objective, x0
        self.exact = float(objective.grad(x0))
        table = difference_table(_values(objective), x0, self.exact, self.hs)
        # An error of exactly 0 (round-off can cancel) is a gap on a log axis, not a warning.
        fe, ce = positive_or_nan(table.forward_error), positive_or_nan(table.central_error)
        self.forward.set_data(self.hs, fe)
        self.central.set_data(self.hs, ce)
        ylim = log_limits(np.concatenate([fe, ce]), include=[1e-16], decades=0.2)
        changed = ylim != tuple(self.ax.get_ylim())
        if changed:
            self.ax.set_ylim(ylim)
        return changed

    def set_h(self, h: float) -> tuple[float, float, float, float]:
        """Mark the errors at step ``h``; return (forward, its error, central, its error)."""
        if self.objective is None:
            raise RuntimeError("set_h needs a function: call set_point first")
        f = _values(self.objective)
        fd, cd = float(forward_difference(f, self.x0, h)), float(central_difference(f, self.x0, h))
        fe, ce = abs(fd - self.exact), abs(cd - self.exact)
        low = self.ax.get_ylim()[0]
        # An exact 0 is drawn on the bottom edge, where a log axis can still show it (NaN: not drawn).
        self.mark_forward.set_data([h], [low if fe == 0 else fe])
        self.mark_central.set_data([h], [low if ce == 0 else ce])
        self.h_line.set_xdata([h, h])
        return fd, fe, cd, ce


def plot_difference_error(f="lecture_quadratic", x0: float = 1.0, *, h: float | None = None, hs=None, ax=None):
    """Error of the forward and central differences at x₀ against the step h (log–log).

    Going left, the error first falls with h (truncation: about h·|f''|/2 forward, h²·|f'''|/6
    central) and then rises again as round-off (about ε·|f|/h) takes over.

    Parameters
    ----------
    f : Objective or str
        A function of one variable, or its name in the library.
    x0 : float
        The point.
    h : float, optional
        Mark the errors at this step.
    hs : array_like, optional
        The steps of the curves (default ``H_GRID``: 1e-15 … 1).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    objective = as_objective(f, dim=1)
    x0 = _check_x(objective, x0)
    hs = H_GRID if hs is None else check_array("hs", hs, ndim=1, min_rows=2)
    if np.any(hs <= 0):
        raise ValueError(f"hs must contain only positive steps (> 0), got {hs.tolist()!r:.80}")
    if h is not None:
        h = check_real("h", h, low=0.0, low_inclusive=False)
    with course_style():
        ax = axes_or_new(ax)
        errors = DifferenceErrors(ax, hs)
        errors.set_point(objective, x0)
        if h is None:
            errors.h_line.set_visible(False)
        else:
            errors.set_h(h)
        ax.set_title(f"Finite-difference error at x₀ = {x0:g}, f(x) = {objective.label}")
        ax.set_xlabel("step h (log scale)")
        ax.set_ylabel("|estimate − f'(x₀)| (log scale)")
        ax.legend(handles=[errors.forward, errors.central], loc="upper center", fontsize=8.5)
    return ax


def plot_update_directions(f="lecture_quadratic", *, lr: float = 0.25, offset: float = 1.5, ax=None):
    """The lecture's 2×2 figure: the sign of f'(x), crossed with x + λf'(x) and x − λf'(x).

    Each panel shows which way x moves and whether f goes up or down: adding the derivative
    climbs (gradient ascent, towards a local maximum), subtracting it descends (gradient
    descent, towards a local minimum), whatever the sign of f'(x).

    Parameters
    ----------
    f : Objective or str
        A function of one variable with a known minimum (default: the lecture's x² + 2x + 3).
    lr : float
        The step λ > 0 that scales f'(x), small enough to show the direction.
    offset : float
        The two points are this far left and right of the minimum.
    ax : four Axes, optional
        The panels row by row (f'(x) > 0, then f'(x) < 0; adding, then subtracting λf'(x));
        default a new 2×2 figure.

    Returns
    -------
    ndarray of Axes, shape (2, 2)
        The four panels.
    """
    objective = as_objective(f, dim=1)
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    offset = check_real("offset", offset, low=0.0, low_inclusive=False)
    lo, hi = objective.domain[0]
    centre = float(objective.minima[0]) if objective.minima else 0.5 * (lo + hi)
    points: dict[str, float] = {}
    for x in (centre + offset, centre - offset):
        g = float(objective.grad(x))
        if g != 0:
            points.setdefault("> 0" if g > 0 else "< 0", x)
    if len(points) != 2:
        raise ValueError(
            f"offset = {offset:g} must put one point where f'(x) > 0 and one where f'(x) < 0 "
            f"around x = {centre:g} for f(x) = {objective.label}"
        )
    moves = [x + s * lr * float(objective.grad(x)) for x in points.values() for s in (1, -1)]
    with course_style():
        axes = panels_or_new(ax, (2, 2), (10.0, 7.0), sharex=True, sharey=True)
        xlim, ylim, grid, values = curve_view(objective, [*points.values(), *moves])
        for row, sign in enumerate(("> 0", "< 0")):
            x = points[sign]
            for col, (s, name) in enumerate(((1, "+"), (-1, "−"))):
                _direction_panel(axes[row, col], objective, x, s, lr, grid, values)
                axes[row, col].set_title(f"f'(x) {sign},  x ← x {name} λf'(x)")
        for ax in axes.ravel():
            ax.set_xlim(xlim)
            ax.set_ylim(ylim)
        for ax in axes[1]:
            ax.set_xlabel("x")
        for ax in axes[:, 0]:
            ax.set_ylabel("f(x)")
        axes[0, 0].figure.suptitle(
            f"f(x) = {objective.label}, λ = {lr:g}: adding f'(x) climbs (ascent), subtracting it descends (descent)"
        )
    return axes


def _direction_panel(ax, objective: Objective, x: float, sign: int, lr: float, grid, values) -> None:
    fx, g = float(objective.f(x)), float(objective.grad(x))
    new = x + sign * lr * g
    fnew = float(objective.f(new))
    up = fnew > fx
    color = COLORS["vermillion"] if up else COLORS["blue"]
    ax.plot(grid, values, color=COLORS["black"], lw=1.5, alpha=0.6)
    span = 0.6
    ax.plot([x - span, x + span], [fx - g * span, fx + g * span], color=COLORS["orange"], lw=1.8)
    ax.plot([x], [fx], "o", ms=8, color=COLORS["black"], zorder=5)
    ax.plot([new], [fnew], "o", ms=9, color=color, zorder=5)
    ax.annotate(
        "", xy=(new, fnew), xytext=(x, fx), zorder=4,
        arrowprops=dict(arrowstyle="-|>", color=color, lw=2, shrinkA=6, shrinkB=6, mutation_scale=16),
    )  # fmt: skip
    ax.annotate(
        "", xy=(new, 0.05), xytext=(x, 0.05), xycoords=("data", "axes fraction"),
        textcoords=("data", "axes fraction"),
        arrowprops=dict(arrowstyle="-|>", color=COLORS["black"], lw=1.5, mutation_scale=14),
    )  # fmt: skip
    direction = "right" if new > x else "left"
    text = (
        f"f'({x:g}) = {g:.3g}\nx moves {direction}: {x:g} → {new:.3g}\n"
        f"f goes {'up' if up else 'down'}: {fx:.3g} → {fnew:.3g}\n{'ascent ↑' if up else 'descent ↓'}"
    )
    ax.text(
        0.5, 0.97, text, transform=ax.transAxes, ha="center", va="top", fontsize=9.5, color=color,
        bbox=dict(boxstyle="round,pad=0.35", fc="white", ec=color, alpha=0.9),
    )  # fmt: skip

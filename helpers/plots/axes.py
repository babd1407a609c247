"""The one toolkit for the axes of every figure: limits, log axes and their labels, curves updated in place.

Every plot module and every explorer takes these from here, so a figure drawn once and an explorer's
frame get their limits and labels the same way.

Limits
    :func:`pad_limits`, :func:`widen`, :func:`log_limits` (snapped to powers of ten, or tight),
    :func:`decade_below`, :func:`decade_above`, :func:`spans_decades` (whether to use a log axis).
Limits that stick while a slider moves, so an explorer rarely redraws its ticks
    :func:`sticky_end` (the rule for one end of an axis) and :func:`sticky_log_limits`.
Log axes
    :func:`positive_or_nan`, :func:`use_pow10_labels` (10⁻³ … in plain text), :func:`superscript`.
Curves updated in place
    :class:`LogCurve` (zeros as gaps, a cross where a run diverged) and :class:`StepCurve` (its
    limits stick).
Axes
    :func:`check_axes` and :func:`axes_or_new` (the ``ax=None`` argument of the plot functions).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from ..validation import _show, check_real
from .style import COLORS, FIG_SINGLE

__all__ = [
    "LogCurve",
    "StepCurve",
    "axes_or_new",
    "check_axes",
    "decade_above",
    "decade_below",
    "log_limits",
    "pad_limits",
    "positive_or_nan",
    "spans_decades",
    "sticky_end",
    "sticky_log_limits",
    "superscript",
    "use_pow10_labels",
    "widen",
]


# --- axes -------------------------------------------------------------------------------------


def check_axes(ax: Any) -> None:
    """Refuse anything but a matplotlib Axes or None as a plot function's ``ax``."""
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {_show(ax)} of type {type(ax).__name__}")


def axes_or_new(ax: Any = None, figsize: tuple[float, float] = FIG_SINGLE) -> Axes:
    """``ax`` when given (checked), else the axes of a new pyplot figure of ``figsize``.

    Call it inside :func:`~helpers.plots.style.course_style`, so the new figure has the course's look.
    """
    check_axes(ax)
    if ax is None:
        import matplotlib.pyplot as plt  # only when a function makes its own figure

        _, ax = plt.subplots(figsize=figsize)
    return ax


def panels_or_new(ax: Any, shape: tuple[int, int], figsize: tuple[float, float], **kwargs: Any) -> np.ndarray:
    """The ``rows × cols`` panels of a many-panel plot function: ``ax`` when given, else a new figure's.

    ``ax`` is then any sequence (or array) of exactly ``rows · cols`` Axes, taken row by row; the
    result is always an object array of that ``shape``, as ``plt.subplots(..., squeeze=False)``
    returns. ``kwargs`` (``sharey=True`` …) apply to a new figure only. Call it inside
    :func:`~helpers.plots.style.course_style`.
    """
    count = shape[0] * shape[1]
    if ax is None:
        import matplotlib.pyplot as plt  # only when a function makes its own figure

        _, grid = plt.subplots(*shape, figsize=figsize, squeeze=False, **kwargs)
        return grid
    given = list(np.ravel(np.asarray(ax, dtype=object))) if not isinstance(ax, Axes) else [ax]
    if len(given) != count or not all(isinstance(a, Axes) for a in given):
        raise TypeError(f"ax must be {count} matplotlib Axes (one per panel, row by row) or None, got {_show(ax)}")
    return np.array(given, dtype=object).reshape(shape)


# --- limits -----------------------------------------------------------------------------------


def pad_limits(values: Any, frac: float = 0.06, *, flat: float | None = None) -> tuple[float, float]:
    """Limits of the finite ``values`` with ``frac`` of their span added at each end.

    Values all equal get a pad of ``flat`` (default ``frac`` · max(1, |value|)); no finite value at
    all gives (−1, 1).

    Examples
    --------
    >>> pad_limits([0.0, 10.0], 0.1)
    (-1.0, 11.0)
    >>> pad_limits([2.0, 2.0], 0.1, flat=1.0)
    (1.0, 3.0)
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return (-1.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    if hi > lo:
        pad = frac * (hi - lo)
    else:
        pad = frac * max(1.0, abs(hi)) if flat is None else flat
    return (lo - pad, hi + pad)


def widen(low: float, high: float, values: Any, margin: float) -> tuple[float, float]:
    """The interval [low, high] stretched to hold those ``values`` that lie at most ``margin`` outside it.

    Farther values (a diverging path, a fitted line far off) are left out, so they cannot stretch
    the view until the rest is a flat line; so are NaN and ±∞.

    Examples
    --------
    >>> widen(0.0, 1.0, [-0.5, 0.5, 40.0], margin=1.0)
    (-0.5, 1.0)
    """
    v = np.asarray(values, dtype=float).ravel()
    near = v[(v >= low - margin) & (v <= high + margin)]
    if near.size:
        return min(low, float(near.min())), max(high, float(near.max()))
    return low, high


def log_limits(
    values: Any, *, include: Sequence[float] = (), decades: float = 0.0, margin: float = 0.0, snap: bool = True
) -> tuple[float, float]:
    """Limits of a log axis around the positive finite ``values``.

    Snapped to powers of ten (the default), the limits (and the ticks) stay unchanged while a slider
    moves a little, which lets an explorer skip redrawing its axes; ``snap=False`` gives limits that
    follow the data, for a figure drawn once.

    Parameters
    ----------
    values : array_like
        The data; zeros, negatives and NaN are ignored.
    include : sequence of float
        Positive values that must be inside the limits too (e.g. ε).
    decades : float
        Room above and below, in decades.
    margin : float
        More room above and below, as a fraction of the data's span in decades.
    snap : bool
        Round the limits outward to powers of ten (at least one decade apart). Unsnapped, values
        that are all about equal (within 1 %) get a factor 2 of room instead.

    Returns
    -------
    (float, float)
        (0.1, 10) when there is no positive value.

    Examples
    --------
    >>> log_limits([0.0, 3e-5, 2.0, np.nan, -1.0])
    (1e-05, 10.0)
    >>> [round(v, 3) for v in log_limits([1.0, 100.0], margin=0.05, snap=False)]  # 5 % of two decades
    [0.794, 125.893]
    """
    v = np.concatenate([np.asarray(values, dtype=float).ravel(), np.asarray(include, dtype=float).ravel()])
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return (1e-1, 1e1)
    low, high = float(v.min()), float(v.max())
    if not snap and high <= low * 1.01:
        return (low / 2.0, high * 2.0)
    pad = decades + margin * math.log10(high / low)
    if not snap:
        return (low / 10**pad, high * 10**pad)
    lo = math.floor(math.log10(low) - pad)
    hi = math.ceil(math.log10(high) + pad)
    if hi <= lo:
        hi = lo + 1
    return (10.0**lo, 10.0**hi)


def decade_below(v: float) -> float:
    """The power of ten at or below ``v`` > 0 (1 for v ≤ 0).

    >>> decade_below(0.03), decade_below(100.0)
    (0.01, 100.0)
    """
    return 10.0 ** math.floor(math.log10(v)) if v > 0 else 1.0


def decade_above(v: float) -> float:
    """The power of ten at or above ``v`` > 0 (1 for v ≤ 0).

    >>> decade_above(0.03), decade_above(100.0)
    (0.1, 100.0)
    """
    return 10.0 ** math.ceil(math.log10(v)) if v > 0 else 1.0


def spans_decades(arrays: Sequence[Any], ratio: float = 100.0) -> bool:
    """Whether values are best drawn on a log axis: every finite one is positive, and max / min ≥ ``ratio``.

    >>> spans_decades([[1.0, 50.0], [200.0]]), spans_decades([[0.0, 1e6]])
    (True, False)
    """
    parts = [np.asarray(a, dtype=float).ravel() for a in arrays]
    v = np.concatenate(parts) if parts else np.empty(0)
    v = v[np.isfinite(v)]
    if v.size == 0 or np.any(v <= 0):
        return False
    return float(v.max()) / float(v.min()) >= ratio


# --- limits that stick while a slider moves ---------------------------------------------------


def sticky_end(old: float | None, new: float, *, upper: bool, keep: float, grow: float = 1.0) -> float:
    """One end of an axis that stays where it was while a slider moves, unless the data outgrow it.

    An upper end stays at ``old`` (None: no view yet) while the end the data need, ``new``, is at
    most ``old`` and more than ``old / keep``; data above it move it to ``new · grow`` at once (room
    to grow a little more); data ``keep`` or more times below it move it down to ``new``. A lower
    end (``upper=False``) mirrors this. With ``keep=math.inf`` the end never comes back.

    Examples
    --------
    >>> sticky_end(1e3, 50.0, upper=True, keep=1e3, grow=10)  # inside: stays
    1000.0
    >>> sticky_end(1e3, 2e3, upper=True, keep=1e3, grow=10)  # outgrown: room to spare
    20000.0
    >>> sticky_end(1e3, 0.5, upper=True, keep=1e3)  # far inside: follows the data back
    0.5
    """
    if old is None:
        return new
    if upper:
        if old >= new > old / keep:
            return old
        return new * grow if new > old else new
    if old <= new < old * keep:
        return old
    return new / grow if new < old else new


def sticky_log_limits(ax: Axes, arrays: Sequence[Any], *, top: float, floor: float) -> bool:
    """Set the log y limits to (lowest decade reached so far, ``top``); return whether they changed.

    The lower limit only moves down (:func:`sticky_end` with ``keep=math.inf``), to the power of ten
    below the smallest positive value of ``arrays`` (never below ``floor``): moving a slider back
    and forth then keeps the axes, and an explorer can reuse its saved background instead of
    drawing every tick again. Call ``ax.set_ylim`` yourself to start afresh (e.g. for new data).

    Parameters
    ----------
    ax : Axes
        A log-scaled axes.
    arrays : sequence of array_like
        The values drawn.
    top : float
        The upper limit, > 0.
    floor : float
        The lowest allowed lower limit, in (0, top).
    """
    top = check_real("top", top, low=0.0, low_inclusive=False)
    floor = check_real("floor", floor, low=0.0, high=top, low_inclusive=False, high_inclusive=False)
    low, high = ax.get_ylim()
    parts = [np.asarray(a, dtype=float).ravel() for a in arrays]
    vals = np.concatenate(parts) if parts else np.empty(0)
    vals = vals[np.isfinite(vals) & (vals > 0)]
    new_low = low if 0 < low < top else top / 1e3
    if vals.size:
        new_low = sticky_end(new_low, decade_below(float(vals.min())), upper=False, keep=math.inf)
    new_low = max(new_low, floor)
    if (new_low, top) != (low, high):
        ax.set_ylim(new_low, top)
        return True
    return False


# --- log axes ---------------------------------------------------------------------------------


def positive_or_nan(values: Any) -> np.ndarray:
    """A copy of ``values`` for a log axis: zeros and negatives become NaN (a gap), so nothing warns.

    >>> positive_or_nan([1.0, 0.0, -2.0]).tolist()
    [1.0, nan, nan]
    """
    v = np.array(values, dtype=float)
    v[~(v > 0)] = np.nan
    return v


_SUPERSCRIPTS = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def superscript(text: str) -> str:
    """Digits, minus signs and points as superscripts: ``"-12"`` → ``"⁻¹²"``."""
    return text.translate(_SUPERSCRIPTS)


def _pow10_label(value: float, width: int = 0) -> str:
    """10⁻⁶ as plain text: the same look as matplotlib's default, without mathtext's cost.

    ``width`` pads the label on the left with figure spaces to that many characters, so every label
    of a y axis takes the same room and changing the limits never needs a new layout.
    """
    if value <= 0:
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return ""
    return ("10" + superscript(str(round(exponent)))).rjust(width, "\u2007")


def use_pow10_labels(axis: Any, numticks: int = 6) -> None:
    """Label a log axis 10⁻³, 10⁰, 10³ … in plain text, at most about ``numticks`` labels, no minor ticks.

    Tick labels are most of what a figure costs to draw; a log axis spanning 20 decades does not
    need 20 of them. On a y axis the labels are padded to one width (that of 10⁻¹²), so the layout
    does not depend on the limits.
    """
    width = 5 if axis.axis_name == "y" else 0
    axis.set_major_locator(LogLocator(base=10, numticks=numticks))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: _pow10_label(value, width)))
    axis.set_minor_locator(NullLocator())


# --- curves updated in place ------------------------------------------------------------------


class LogCurve:
    """One curve on a log y axis, created once and updated in place by :meth:`set_data`.

    Zeros and negatives (an exact minimum, an exact fit) are gaps rather than −∞; a diverged run's
    last point gets a cross. The limits are the caller's: :func:`log_limits` for a view drawn once,
    :func:`sticky_log_limits` for one a slider moves (or :class:`StepCurve`, which sets its own).

    Parameters
    ----------
    ax : Axes
        Made log-scaled if it is not yet.
    color : str
    label : str, optional
    marker : str, optional
        Marker of every point (e.g. ``"o"`` for one point per epoch).
    stop_color : str, optional
        Colour of the cross of a diverged run (default: the curve's).
    stop_size : float
        Size of the cross.
    zorder : float
        The curve's zorder (the cross is drawn at 5, above it).
    pow10_labels : bool
        Label the axis 10⁻³, 10⁰ … in plain text (:func:`use_pow10_labels`); otherwise matplotlib's
        labels, without minor ticks (which cost more to draw than the rest of the panel).
    """

    def __init__(self, ax: Axes, *, color: str, label: str | None = None, marker: str | None = None,
                 stop_color: str | None = None, stop_size: float = 10.0, zorder: float = 4.0,
                 pow10_labels: bool = False) -> None:  # fmt: skip
        self.ax = ax
        (self.line,) = ax.plot([], [], color=color, lw=1.8, marker=marker, ms=3.5, label=label, zorder=zorder)
        (self.stop,) = ax.plot([], [], "X", ms=stop_size, color=stop_color or color, mec="white", mew=0.8, zorder=5)
        if ax.get_yscale() != "log":
            ax.set_yscale("log")
            if pow10_labels:
                use_pow10_labels(ax.yaxis)
            else:
                ax.yaxis.set_minor_locator(NullLocator())

    @property
    def artists(self) -> list:
        """Everything :meth:`set_data` changes, apart from the limits."""
        return [self.line, self.stop]

    def set_data(self, x: Any, values: Any, *, diverged: bool = False) -> np.ndarray:
        """Show ``values`` against ``x``; mark the last point when the run diverged. Returns what is drawn."""
        x = np.asarray(x, dtype=float)
        v = positive_or_nan(values)
        self.line.set_data(x, v)
        self.stop.set_data(x[-1:] if diverged else x[:0], v[-1:] if diverged else v[:0])
        return v


def _step_limit(steps: float) -> float:
    """Right end of a step axis, snapped to 1, 2 or 5 × 10^k (so it rarely changes)."""
    steps = max(int(steps), 1)
    base = 10 ** math.floor(math.log10(steps))
    for m in (1, 2, 5, 10):
        if steps <= m * base:
            return float(m * base)
    return float(10 * base)  # pragma: no cover - the loop always returns


class StepCurve(LogCurve):
    """A quantity per step (loss, |f'|, ‖∇f‖) on a log axis, as a :class:`LogCurve` whose limits stick.

    The limits follow :func:`sticky_end`: they grow at once (with room to spare) but shrink only
    when the data need far less room (a third of the steps, three decades fewer), so a slider drag
    rarely changes the ticks and an explorer rarely redraws the axes; :meth:`set_values` says when
    they changed. :meth:`hold` fixes them instead. The y axis is labelled 10⁻³, 10⁰ …
    (:func:`use_pow10_labels`).
    """

    #: Shrink the step axis when the steps need less than this fraction of it.
    SHRINK_STEPS = 0.35
    #: Shrink a side of the log axis when the data leave this many decades unused there.
    SHRINK_DECADES = 3

    def __init__(self, ax: Axes, *, color: str = COLORS["blue"], label: str | None = None,
                 marker: str | None = None) -> None:  # fmt: skip
        # The curve sets its own (snapped) limits; matplotlib's autoscaling would only fight them
        # (and warn about a flat curve's identical limits on matplotlib 3.10).
        ax.set_autoscale_on(False)
        super().__init__(ax, color=color, label=label, marker=marker, stop_color=COLORS["vermillion"],
                         stop_size=9.0, zorder=2.0, pow10_labels=True)  # fmt: skip
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        self._limits: tuple[float, tuple[float, float]] | None = None
        self._held = False

    def hold(self, steps: int, low: float, high: float) -> None:
        """Fix the limits: steps 0 to ``steps``, values ``low`` to ``high``, whatever :meth:`set_values` shows.

        For a view whose data may span any range (a run that diverges on one side of a threshold
        and converges on the other): the axes stay put while a slider moves, so two runs compare by
        eye, and a value outside leaves the plot through its edge.
        """
        if not (0 < low < high and steps >= 1):
            raise ValueError(f"hold needs steps ≥ 1 and 0 < low < high, got steps={steps}, low={low}, high={high}")
        self._held = True
        self._limits = (float(steps), (float(low), float(high)))
        self.ax.set_xlim(0.0, float(steps))
        self.ax.set_ylim(float(low), float(high))

    def set_values(self, values: Any, *, include: Sequence[float] = (), diverged: bool = False,
                   steps: int = 0) -> bool:  # fmt: skip
        """Show ``values`` against step 0, 1, …; mark the last one when the run diverged.

        Parameters
        ----------
        values : array_like
            One value per recorded iterate.
        include : sequence of float
            Values the y limits must include (e.g. ε).
        diverged : bool
            Mark the last value with a cross.
        steps : int
            The step axis reaches at least this far (e.g. the step cap, to compare runs).

        Returns
        -------
        bool
            True when the axes' limits changed.
        """
        v = self.set_data(np.arange(len(values)), values, diverged=diverged)
        if self._held:
            return False
        right = _step_limit(max(len(v) - 1, steps))
        low, high = log_limits(v, include=include, decades=0.3)
        if self._limits is not None:
            old_right, (old_low, old_high) = self._limits
            # Snapped again: 1.5 times a snapped limit (room to grow) is not one.
            right = _step_limit(sticky_end(old_right, right, upper=True, keep=1 / self.SHRINK_STEPS, grow=1.5))
            keep = 10**self.SHRINK_DECADES
            low = sticky_end(old_low, low, upper=False, keep=keep, grow=10)
            high = sticky_end(old_high, high, upper=True, keep=keep, grow=10)
        limits = (right, (low, high))
        if limits == self._limits:
            return False
        self._limits = limits
        self.ax.set_xlim(0.0, right)
        self.ax.set_ylim(low, high)
        return True

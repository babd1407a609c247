"""One look for every figure of the course.

Plot functions wrap their drawing in ``with course_style():`` (a matplotlib style context), so
they never change global rcParams. A notebook makes its own figures with :func:`subplots`, which
sets the course's look for the rest of the session: matplotlib reads most settings when a label
or line is drawn, after the figure was made, so a look limited to the call would not last.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.rcsetup import cycler

if TYPE_CHECKING:  # matplotlib >= 3.9 names the rcParams keys; only the type checker needs them
    from matplotlib.typing import RcKeyType

__all__ = ["COLORS", "FIG_WIDE", "FIG_SINGLE", "FIG_SQUARE", "course_style", "new_figure", "palette", "subplots"]

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
_CYCLE = [COLORS[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]

# Sizes in inches that fit a JupyterLab / Colab notebook column at the default dpi.
FIG_SINGLE = (6.0, 4.0)
FIG_WIDE = (10.0, 4.0)
FIG_SQUARE = (5.0, 5.0)

_RC: dict[RcKeyType, Any] = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9.5,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=_CYCLE),
    "lines.linewidth": 2.0,
    "figure.constrained_layout.use": True,
    "image.cmap": "viridis",
}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the course's look inside a ``with`` block only (no global rcParams change)."""
    with mpl.rc_context(_RC):
        yield


def palette(n: int) -> list[str]:
    """``n`` colour-blind-safe colours (cycling when n > 7)."""
    return [_CYCLE[i % len(_CYCLE)] for i in range(n)]


def new_figure(figsize: tuple[float, float] = FIG_WIDE, ncols: int = 1, nrows: int = 1, **kwargs) -> tuple:
    """A figure that pyplot does not manage: explorers redraw it in place and show it as PNG.

    Not registered with pyplot, so ``%matplotlib inline`` never shows it by itself and it is
    never stacked; rendered with the Agg canvas attached here.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with course_style():
        fig = Figure(figsize=figsize, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=False, **kwargs)
    return fig, axes


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] | None = None, **kwargs) -> tuple:
    """A pyplot figure and its axes in the course's look: ``fig, ax = subplots()``, ``fig, axes = subplots(1, 2)``.

    Parameters
    ----------
    nrows, ncols : int
        The grid of axes.
    figsize : (float, float), optional
        Width and height in inches; by default one that fits a notebook column
        (``FIG_SINGLE`` for one column of axes, ``FIG_WIDE`` for more).
    **kwargs
        Passed to :func:`matplotlib.pyplot.subplots` (``sharey=True``, ``subplot_kw=…``).

    Returns
    -------
    (Figure, Axes or array of Axes)
        As :func:`matplotlib.pyplot.subplots`; ``%matplotlib inline`` shows the figure at the
        cell's end.

    Examples
    --------
    >>> fig, axes = subplots(1, 2)
    >>> axes.shape, fig.get_size_inches().tolist()
    ((2,), [10.0, 4.0])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    for name, value in (("nrows", nrows), ("ncols", ncols)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
            raise ValueError(f"{name} must be a whole number from 1 to 6, got {value!r}")
    mpl.rcParams.update(_RC)
    size = figsize if figsize is not None else (FIG_WIDE if ncols > 1 else FIG_SINGLE)
    return plt.subplots(nrows, ncols, figsize=size, **kwargs)

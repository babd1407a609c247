"""The explorer contract: controls, one figure redrawn in place, and a one-line status.

Works on ipywidgets 7.7 (Colab) and 8 alike, with ``%matplotlib inline`` and no ipympl:

* The figure is a plain :class:`matplotlib.figure.Figure` with an Agg canvas, not a pyplot
  figure, so the inline backend never shows it by itself and nothing stacks up.
* On each control change the subclass's :meth:`Explorer.update` recomputes the numbers and
  changes the existing artists' data (static parts such as contours are drawn once); the figure
  is rendered to PNG and shown inside one ``Output`` widget with ``clear_output(wait=True)``,
  followed by the status line.
* The first render happens before the explorer is displayed: executed without Output-widget
  emulation (``make notebooks``), it is stored as an ordinary image and text output, so the
  notebook shows a static figure without a kernel and strict nbval checks the status text.
* ``repr`` is a short fixed text, so the stored ``text/plain`` of the widget is the same under
  ipywidgets 7 and 8.
"""

from __future__ import annotations

import io
import time

import ipywidgets as widgets
from IPython.display import Image, display

from .controls import grid_value

__all__ = ["Explorer", "render_png"]


def render_png(fig, dpi: int | None = None) -> bytes:
    """Render a figure to PNG bytes with its Agg canvas."""
    buf = io.BytesIO()
    fig.canvas.print_png(buf) if dpi is None else fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


#: JupyterLab breaks printed text anywhere (``word-break: break-all``): the status line would wrap
#: mid-word ("arou/nd") in a narrow window. Inside an explorer it wraps between words instead; the
#: rule ships in a hidden HTML child, as a notebook cannot add page-wide CSS any other way.
STATUS_STYLE = (
    "<style>.course-explorer .jp-OutputArea-output pre, .course-explorer .output_subarea pre "
    "{word-break: normal; overflow-wrap: break-word;}</style>"
)


class Explorer(widgets.VBox):
    """Base class of the course's explorers.

    Subclasses build their figure and controls, call ``super().__init__(controls, figure, title)``
    and implement :meth:`update`, which returns the status line.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The one figure, updated in place.
    controls : dict
        Control name -> widget, so tests and notebooks can set values: ``ex.controls["lr"].value = 0.1``.
    status : str
        The last status line ("converged in 614 steps (|f'| ≤ ε = 1e-05)", "diverged at step 12", …).
    output : ipywidgets.Output
        Where the figure and status are shown.
    last_update_seconds : float
        Time of the last update + render (for the benchmarks).
    """

    #: Short fixed repr, shown as the widget's text/plain (stable across ipywidgets versions).
    title = "explorer"

    def __init__(self, controls: dict, figure, *, layout=None, continuous: bool = True):
        self.controls = dict(controls)
        self.figure = figure
        self.status = ""
        self.output = widgets.Output()
        self.renders = 0
        self.last_update_seconds = float("nan")
        self._png = b""
        box = layout if layout is not None else widgets.VBox(list(self.controls.values()))
        super().__init__(children=[box, self.output, widgets.HTML(STATUS_STYLE, layout=widgets.Layout(display="none"))])
        self.add_class("course-explorer")  # lets the browser test find every explorer on a page
        for control in self.controls.values():
            if hasattr(control, "continuous_update") and not continuous:
                control.continuous_update = False
            control.observe(self._on_change, names="value")
        self.refresh()

    def update(self) -> str:
        """Recompute from the controls' values, update the figure's artists, return the status."""
        raise NotImplementedError

    def _on_change(self, change) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Update, render to PNG, and show figure and status in the Output widget."""
        start = time.perf_counter()
        self.status = self.update()
        self._png = render_png(self.figure)
        self.last_update_seconds = time.perf_counter() - start
        self.renders += 1
        with self.output:
            self.output.clear_output(wait=True)
            display(Image(data=self._png, format="png"))
            print(self.status)

    def value(self, name: str):
        """The value of control ``name`` as the explorer computes with it (see :func:`~helpers.widgets.controls.grid_value`)."""
        return grid_value(self.controls[name])

    @property
    def png(self) -> bytes:
        """The last rendered PNG."""
        return self._png

    def __repr__(self) -> str:
        return f"<{self.title} explorer>"

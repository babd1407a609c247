"""Fast redrawing for explorers: a blitting Agg canvas, a layout computed on demand, and
:class:`FigureExplorer`, the explorer base class that uses them.

A frame costs a few ms of drawing plus the PNG encoding: the moving artists are drawn over a
saved background (:class:`BlitCanvas`), an axes whose limits moved is redrawn alone, and the
layout is computed only when asked (:class:`OnDemandLayout`), since text and layout are what cost.
This is matplotlib's own blitting idiom (its "Faster rendering by using blitting" tutorial): the
moving artists are *animated*, so a draw of the figure or of one axes leaves them out and
``draw_artist`` puts them back over ``copy_from_bbox``'s background; ``savefig`` draws them as usual.
"""

from __future__ import annotations

import contextlib
import struct
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox, IdentityTransform

from ..plots.style import FIG_WIDE, course_style, new_figure
from .base import Explorer

__all__ = ["BlitCanvas", "FigureExplorer", "OnDemandLayout", "encode_png"]


#: Horizontal padding around each axes (inches): room for tick labels that grow after the layout.
EXTRA_PAD = 12 / 72


class OnDemandLayout(ConstrainedLayoutEngine):
    """Constrained layout that runs only when ``pending`` is set, then keeps the positions.

    An explorer sets ``pending`` when its static parts change (a new function, new titles); in
    between, drawing skips the layout, which costs about as much as the drawing itself. Log-axis
    labels keep one width (see :func:`~helpers.plots.axes.use_pow10_labels`) and the extra
    horizontal pad leaves room for step-axis labels that grow, so limit changes need no layout.
    """

    def __init__(self, **kwargs):
        # Extra room left and right: a step axis's last tick label may grow ("10" → "1000") after the
        # layout, and the layout is not recomputed for that.
        super().__init__(**{"w_pad": EXTRA_PAD, **kwargs})
        self.pending = True

    def execute(self, fig):
        if self.pending:
            super().execute(fig)
            self.pending = False


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(pixels: np.ndarray) -> bytes:
    """The PNG of an (h, w, 3) RGB or (h, w, 4) RGBA image of uint8, rows unfiltered, zlib level 1.

    An explorer's frame is mostly flat colour, which deflate packs about as small without PNG's row
    filters as with them; leaving out the filters (and choosing one per row, as PIL does) halves
    the encoding, the largest single cost of a frame: 4–6 ms instead of 8–12 ms for 1000×400
    pixels, within 10 % of the size (``benchmarks/explorers.py``).

    Examples
    --------
    >>> import io, PIL.Image
    >>> pixels = np.arange(24, dtype=np.uint8).reshape(2, 4, 3)
    >>> image = PIL.Image.open(io.BytesIO(encode_png(pixels)))
    >>> image.mode, image.size, bool((np.asarray(image) == pixels).all())
    ('RGB', (4, 2), True)
    """
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(f"pixels must be uint8 of shape (h, w, 3 or 4), got {pixels.dtype} of shape {pixels.shape}")
    h, w, channels = pixels.shape
    rows = np.zeros((h, 1 + channels * w), dtype=np.uint8)  # each row: filter type 0 (none), then its pixels
    rows[:, 1:] = pixels.reshape(h, channels * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if channels == 3 else 6, 0, 0, 0)  # 8 bits, RGB or RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
        + _chunk(b"IEND", b"")
    )


class BlitCanvas(FigureCanvasAgg):
    """An Agg canvas that redraws only what changed: the moving artists, and axes whose limits moved.

    The artists listed in ``dynamic`` (paths, curves per step, markers; animated, so matplotlib's
    own draw leaves them out of the background) are drawn on every frame over a saved background
    of everything else (axes, ticks, labels, contours). When an axes'
    limits change, only that axes is redrawn into the background (its old extent erased first);
    the whole figure is redrawn when the layout is pending, an axes moved, the canvas size changed,
    or :meth:`invalidate` was called (after changing a static artist). The ``overlays`` (legends)
    are static, but pasted back on top of the moving artists. The explorers' PNG
    (:func:`~helpers.widgets.base.render_png`) draws this way; ``savefig`` draws the whole figure
    as usual, in any format.
    """

    def __init__(self, figure):
        super().__init__(figure)
        self.dynamic: list = []
        self.overlays: list = []
        self._background = None
        self._overlay_regions: list = []
        self._extents: dict = {}
        self._keep: dict = {}
        self._key = None
        self._limits: list = []  # the axes limits when the background was saved (set with it)
        self._version = 0
        self.full_draws = 0
        self.axes_draws = 0

    def invalidate(self) -> None:
        """Redraw everything at the next draw (a static artist changed)."""
        self._version += 1

    def _static_key(self):
        fig = self.figure
        engine = fig.get_layout_engine()
        positions = tuple(tuple(ax.get_position().bounds) for ax in fig.axes)
        return (self._version, tuple(int(v) for v in fig.bbox.size), bool(getattr(engine, "pending", False)), positions)

    def _axes_limits(self) -> list:
        return [tuple(ax.viewLim.bounds) for ax in self.figure.axes]

    def _full_draw(self) -> None:
        engine = self.figure.get_layout_engine()
        if engine is not None:
            # Lay out with every artist visible, so moving titles and labels get their room too.
            engine.execute(self.figure)
        super().draw()  # leaves the animated (dynamic) artists out
        renderer = self.get_renderer()
        # What an axes covers, ticks and labels included: erased before redrawing it alone. Measured
        # here only: log-axis labels are padded to one width; the end labels of a step axis may grow
        # sideways into the extra layout pad (see OnDemandLayout), so that band is erased too.
        side = EXTRA_PAD * self.figure.dpi - 2
        self._extents = {}
        for ax in self.figure.axes:
            box = ax.get_tightbbox(renderer)
            if box is None:  # a hidden axes covers nothing
                continue
            self._extents[ax] = Bbox.from_extents(box.x0 - side, box.y0 - 1, box.x1 + side, box.y1 + 1)
        # Title, axis labels and legend do not change with the limits: their pixels are kept and
        # pasted back after an axes-only redraw instead of being drawn again (text is what costs).
        self._keep = {ax: self._capture(self._keepers(ax), renderer) for ax in self.figure.axes}
        self.full_draws += 1

    def _keepers(self, ax) -> list:
        found = (ax.title, ax.xaxis.label, ax.yaxis.label, ax.get_legend())
        return [a for a in found if a is not None and a.get_visible() and a not in self.dynamic]

    def _capture(self, artists, renderer) -> list:
        return [(a, self.copy_from_bbox(a.get_window_extent(renderer).padded(3))) for a in artists]

    def _redraw_axes(self, changed: list) -> None:
        """Redraw only the axes in ``changed`` into the background: erase their old extent, draw them."""
        renderer = self.get_renderer()
        self.restore_region(self._background)
        color = self.figure.get_facecolor()
        # ax.draw leaves the animated (dynamic) artists out, as the full draw does.
        for ax in changed:
            box = self._extents.get(ax) or ax.bbox
            eraser = Rectangle((box.x0, box.y0), box.width, box.height, transform=IdentityTransform(),
                               facecolor=color, edgecolor="none", figure=self.figure)  # fmt: skip
            eraser.draw(renderer)
            # Reuse the pixels of what is still this axes' own and unchanged since it was drawn
            # (a new title or legend is stale, or another object): the rest is drawn again.
            current = self._keepers(ax)
            reuse = [(a, r) for a, r in self._keep.get(ax, []) if not a.stale and any(a is c for c in current)]
            for a, _ in reuse:
                a.set_visible(False)
            try:
                ax.draw(renderer)
            finally:
                for a, _ in reuse:
                    a.set_visible(True)
                    a.stale = False  # hiding it for this draw changed nothing
            for _, region in reuse:
                self.restore_region(region)
            drawn = [a for a in current if not any(a is b for b, _ in reuse)]
            self._keep[ax] = reuse + self._capture(drawn, renderer)
        self.axes_draws += 1

    def draw(self):
        key, limits = self._static_key(), self._axes_limits()
        if self._background is None or key != self._key:
            self._full_draw()
        elif limits != self._limits:
            changed = [ax for ax, a, b in zip(self.figure.axes, limits, self._limits) if a != b]
            self._redraw_axes(changed)
        else:
            self.get_renderer()
            self.restore_region(self._background)
            changed = None
        if self._background is None or key != self._key or changed:
            renderer = self.get_renderer()
            self._background = self.copy_from_bbox(self.figure.bbox)
            self._overlay_regions = [
                self.copy_from_bbox(a.get_window_extent(renderer).padded(3)) for a in self.overlays if a.get_visible()
            ]
            self._key, self._limits = self._static_key(), self._axes_limits()
        for a in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            if a.get_visible():
                self.figure.draw_artist(a)
        for region in self._overlay_regions:
            self.restore_region(region)

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **savefig_options):
        """Blit and encode a frame; ``savefig`` (which passes its options) gets matplotlib's full draw."""
        if savefig_options or metadata is not None or pil_kwargs is not None:
            return super().print_png(filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
        self.draw()
        rgba = np.asarray(self.buffer_rgba())
        # An explorer's frame is opaque (a white figure): RGB is enough, a quarter fewer bytes to pack.
        opaque = to_rgba(self.figure.get_facecolor())[3] == 1.0
        filename_or_obj.write(encode_png(rgba[..., :3] if opaque else rgba))


class FigureExplorer(Explorer):
    """An :class:`~helpers.widgets.base.Explorer` that redraws only what moves.

    Subclasses build controls and artists, register the artists that change on every update with
    :meth:`animate` (and drop them with :meth:`forget` when they are removed), then call ``super().__init__``; :meth:`update` runs inside the course style.
    After changing anything else (a curve, contours, a title), call :meth:`invalidate`; axis limit
    changes are noticed by themselves. :meth:`quiet` lets an explorer adjust its own controls
    (e.g. a slider's range when the function changes) without a redraw for each change.
    """

    def _new_figure(self, figsize=FIG_WIDE, ncols: int = 1, nrows: int = 1, **kwargs):
        fig, axes = new_figure(figsize, ncols, nrows, **kwargs)
        self._layout_engine = OnDemandLayout()
        fig.set_layout_engine(self._layout_engine)
        self._canvas = BlitCanvas(fig)
        self._muted = 0
        return fig, axes

    def animate(self, *artists, overlays=()) -> None:
        """Draw ``artists`` on every frame over the saved background, and keep ``overlays`` (legends) on top.

        The artists become animated (``set_animated(True)``): matplotlib leaves them out of the
        background, and the canvas draws them with ``draw_artist``. They must belong to an axes:
        a figure-level animated artist would be missing from ``savefig`` too.
        """
        for a in artists:
            if a.axes is None:
                raise ValueError(f"animate takes artists of an axes, got {a!r}, which belongs to none")
            a.set_animated(True)
        self._canvas.dynamic.extend(artists)
        self._canvas.overlays.extend(overlays)

    def forget(self, *artists) -> None:
        """Stop drawing ``artists`` (moving ones or overlays) on every frame: they are being removed."""
        gone = {id(a) for a in artists}
        for a in artists:
            a.set_animated(False)
        for listed in (self._canvas.dynamic, self._canvas.overlays):
            listed[:] = [a for a in listed if id(a) not in gone]

    def invalidate(self) -> None:
        """A static artist changed: redraw the whole figure at the next render."""
        self._canvas.invalidate()

    def relayout(self) -> None:
        """Recompute the layout (and redraw everything) at the next render."""
        self._layout_engine.pending = True

    @contextlib.contextmanager
    def quiet(self):
        """Change controls without redrawing for each change."""
        self._muted += 1
        try:
            yield
        finally:
            self._muted -= 1

    def _on_change(self, change) -> None:
        if not self._muted:
            self.refresh()

    def refresh(self) -> None:
        with course_style():
            super().refresh()

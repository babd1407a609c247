"""The explorers' blitting canvas draws what matplotlib's own full draw draws.

A frame is the background saved by an earlier draw, with the moving (animated) artists drawn over
it and the axes whose limits moved redrawn alone; ``savefig`` draws the whole figure afresh. After
a few slider moves, the two images must agree: a stale background, a moving artist left out (or
left behind in the background) would show as a region of differing pixels.
"""

from __future__ import annotations

import contextlib
import io

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest

from helpers.widgets import EXPLORERS, explore
from helpers.widgets.canvas import encode_png

SLIDERS = ("FloatSlider", "FloatLogSlider", "IntSlider")
#: Pixels that may differ by more than 32 levels: where a moving artist crosses a static line (a
#: grid line, the zero line), the frame draws the moving one on top, the full draw by zorder.
TOLERATED = 0.005


def _rgb(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_a_blitted_frame_matches_the_full_draw(name):
    with contextlib.redirect_stdout(io.StringIO()):  # Output widgets print outside a kernel
        ex = explore(name)
        ex.refresh()
        first = _rgb(ex.png)
        sliders = [c for c in ex.controls.values() if type(c).__name__ in SLIDERS][:2]
        assert sliders, f"{name} has no slider to move"
        for slider in sliders:
            for fraction in (0.3, 0.7):
                value = slider.min + fraction * (slider.max - slider.min)
                if isinstance(slider, widgets.FloatLogSlider):  # its min and max are exponents
                    value = slider.base**value
                slider.value = round(value) if isinstance(slider, widgets.IntSlider) else value
        if "train" in ex.controls:  # an explorer that redraws when trained, not on its sliders
            ex.controls["train"].click()
        frame = _rgb(ex.png)
    buffer = io.BytesIO()
    ex.figure.savefig(buffer, format="png", dpi=ex.figure.dpi)
    full = _rgb(buffer.getvalue())
    assert frame.shape == full.shape
    differ = np.abs(frame - full).max(axis=2) > 32
    assert differ.mean() <= TOLERATED, f"{name}: {differ.mean():.2%} of the pixels differ from a full draw"
    # The moves changed the picture (so the comparison is of a redrawn frame, not of the first one).
    assert (np.abs(frame - first).max(axis=2) > 32).mean() > 0.001


def test_animate_takes_artists_of_an_axes_only():
    ex = explore("tangent")
    label = ex.figure.text(0.5, 0.5, "figure-level")
    with pytest.raises(ValueError, match="animate takes artists of an axes, got Text"):
        ex.animate(label)
    line = ex.figure.axes[0].plot([0, 1], [0, 1])[0]
    ex.animate(line)
    assert line.get_animated() and line in ex.figure.canvas.dynamic
    ex.forget(line)
    assert not line.get_animated() and line not in ex.figure.canvas.dynamic


@pytest.mark.parametrize("channels", [3, 4])
def test_encode_png_round_trips_every_pixel(channels):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(37, 53, channels), dtype=np.uint8)
    image = PIL.Image.open(io.BytesIO(encode_png(pixels)))
    assert image.mode == ("RGB" if channels == 3 else "RGBA")
    np.testing.assert_array_equal(np.asarray(image), pixels)


def test_an_explorer_frame_is_the_canvas_pixels():
    with contextlib.redirect_stdout(io.StringIO()):
        ex = explore("descent_1d")
        png = ex.png
    rgba = np.asarray(ex.figure.canvas.buffer_rgba())
    np.testing.assert_array_equal(_rgb(png), rgba[..., :3])


@pytest.mark.parametrize(
    "pixels", [np.zeros((2, 2, 3), dtype=float), np.zeros((2, 2), dtype=np.uint8), np.zeros((2, 2, 2), dtype=np.uint8)]
)
def test_encode_png_names_what_it_takes(pixels):
    with pytest.raises(ValueError, match=r"pixels must be uint8 of shape \(h, w, 3 or 4\), got"):
        encode_png(pixels)

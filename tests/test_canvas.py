"""The explorers' blitting canvas draws what matplotlib's own full draw draws.

A frame is the background saved by an earlier draw, with the moving (animated) artists drawn over
it and the axes whose limits moved redrawn alone; ``savefig`` draws the whole figure afresh. After
a few slider moves, the two images must agree: a stale background, a moving artist left out (or
left behind in the background) would show as a region of differing pixels.
"""

from __future__ import annotations

import contextlib
import io

import numpy as np
import PIL.Image
import pytest

from helpers.widgets import EXPLORERS, explore

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
                slider.value = round(value) if type(slider).__name__ == "IntSlider" else value
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

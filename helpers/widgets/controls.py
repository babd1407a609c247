"""Controls shared by the explorers: log sliders for rates and thresholds, start-point sliders."""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["SLIDER_LAYOUT", "SLIDER_STYLE", "log_slider", "set_range", "start_slider"]

SLIDER_STYLE = {"description_width": "120px"}
SLIDER_LAYOUT = widgets.Layout(width="420px")


def log_slider(description: str, value: float, low: float, high: float, step: float = 0.05, fmt: str = ".2g"):
    """A slider over 10^low … 10^high (learning rates, thresholds, steps h)."""
    return widgets.FloatLogSlider(
        value=value, base=10, min=low, max=high, step=step, description=description,
        readout_format=fmt, style=SLIDER_STYLE, layout=SLIDER_LAYOUT,
    )  # fmt: skip


def start_slider(description: str, value: float, box) -> widgets.FloatSlider:
    """A slider over the interval ``box`` in 200 steps (start points)."""
    lo, hi = box
    return widgets.FloatSlider(
        value=value, min=lo, max=hi, step=(hi - lo) / 200, description=description,
        readout_format=".2f", style=SLIDER_STYLE, layout=SLIDER_LAYOUT,
    )  # fmt: skip


def set_range(slider, box) -> None:
    """Give a slider a new range (widening first, so min ≤ max holds at every step); clamps the value."""
    lo, hi = float(box[0]), float(box[1])
    slider.max = max(slider.max, hi)
    slider.min = min(slider.min, lo)
    slider.min, slider.max = lo, hi
    slider.step = (hi - lo) / 200

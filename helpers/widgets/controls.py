"""Controls shared by the explorers: sliders whose grid holds the value they were given, and control rows.

A slider's frontend snaps every value it shows to its grid (min + k·step; for a log slider, the
exponent): ipywidgets 8 (noUiSlider) does so as soon as the slider is drawn and sends the snapped
value back to the kernel, so a value off the grid moves by itself (λ = 0.095 became 0.1), and a
typed value lands on the nearest grid point (typing 0 gave −0.01). So the grids here are built
around the values: linear sliders step by 1, 2 or 5 × 10^k from a multiple of the step (0 and
round numbers are grid points), refined until the requested value is one too; a log slider whose
value is off its decade grid gets a step that puts it on the grid. ipywidgets 7 (Colab) snaps the
same way on a move, but never on its own.
"""

from __future__ import annotations

import math

import ipywidgets as widgets

__all__ = [
    "SLIDER_LAYOUT",
    "SLIDER_STYLE",
    "control_rows",
    "grid",
    "grid_value",
    "linear_slider",
    "log_slider",
    "set_range",
    "start_slider",
]

SLIDER_STYLE = {"description_width": "120px"}
SLIDER_LAYOUT = widgets.Layout(width="420px")

#: Steps of linear sliders: these mantissas times a power of ten, so round numbers are grid points
#: and a readout of two decimals shows every point of a step of 0.01 or more.
_MANTISSAS = (5.0, 2.0, 1.0)
#: The finest step tried for a requested value, as a fraction of the range.
_FINEST = 1e-5


def _on_grid(x: float, origin: float, step: float) -> bool:
    k = (x - origin) / step
    return abs(k - round(k)) < 1e-6


def _nice_steps(span: float, positions: int):
    """1, 2 or 5 × 10^k from the largest at most span / positions down to span · _FINEST."""
    exponent = math.floor(math.log10(span / positions))
    while 10.0 ** (exponent + 1) >= span * _FINEST:
        for m in _MANTISSAS:
            step = m * 10.0**exponent
            if span * _FINEST <= step <= span / positions:
                yield float(f"{step:.6g}")  # 0.02, not 0.020000000000000004
        exponent -= 1


def _decimals(step: float) -> int:
    return next(d for d in range(13) if abs(round(step, d) - step) < 1e-12 * max(1.0, abs(step)))


def grid(value: float | None, low: float, high: float, positions: int = 200) -> tuple[float, float, float]:
    """(min, max, step) of a linear slider over [low, high] whose grid holds ``value``, 0 and round numbers.

    The step is 1, 2 or 5 × 10^k, at most (high − low) / positions and finer when the value asks
    for it (1.01 gets a step of 0.01); min and max are the multiples of the step just inside
    [low, high] (widened to the value if it lies in between). ``value=None``: the coarsest grid. A
    value on no such grid (π/3) gets the coarsest step with the grid shifted to pass through it.
    """
    steps = list(_nice_steps(high - low, positions))
    step = next((s for s in steps if value is None or _on_grid(value, 0.0, s)), None)
    if step is None:  # a value such as pi/3: a grid of the coarsest step through it, from just inside low
        assert value is not None  # value=None takes the coarsest step above
        step = steps[0]
        lo = value - math.floor((value - low) / step + 1e-9) * step
        return lo, lo + math.floor((high - lo) / step + 1e-9) * step, step
    d = _decimals(step) + 1
    lo = round(math.ceil(low / step - 1e-9) * step, d)
    hi = round(math.floor(high / step + 1e-9) * step, d)
    return (lo, hi, step) if value is None else (min(lo, value), max(hi, value), step)


def _readout(value: float, fmt: str) -> str:
    """``fmt`` with more digits when it would not show ``value`` (".2g" shows 0.0123 as 0.012)."""
    kind, digits = fmt[-1], int(fmt[1:-1])
    while digits < 8 and not math.isclose(float(format(value, f".{digits}{kind}")), value, rel_tol=1e-6):
        digits += 1
    return f".{digits}{kind}"


def linear_slider(description: str, value: float, low: float, high: float, positions: int = 200,
                  *, style=None, layout=None) -> widgets.FloatSlider:  # fmt: skip
    """A slider over [low, high] in about ``positions`` steps whose grid holds ``value`` (see :func:`grid`)."""
    lo, hi, step = grid(value, low, high, positions)
    return widgets.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description,
        readout_format=_readout(value, f".{_decimals(step)}f"),
        style=style or SLIDER_STYLE, layout=layout or SLIDER_LAYOUT,
    )  # fmt: skip


def start_slider(description: str, value: float, box) -> widgets.FloatSlider:
    """A slider over the interval ``box`` in about 200 steps (start points)."""
    return linear_slider(description, value, box[0], box[1])


def log_slider(description: str, value: float, low: float, high: float, step: float = 0.05, fmt: str = ".2g",
               *, style=None, layout=None) -> widgets.FloatLogSlider:  # fmt: skip
    """A slider over 10^low … 10^high (learning rates, thresholds, steps h) whose grid holds ``value``.

    The grid is low + k·step in the exponent; for a value off it (0.095 is 10^-1.022) the step is
    changed a little so that the value is the k-th grid point.
    """
    exponent = math.log10(value)
    if not _on_grid(exponent, low, step):
        step = (exponent - low) / max(1, round((exponent - low) / step))
    return widgets.FloatLogSlider(
        value=value, base=10, min=low, max=high, step=step, description=description,
        readout_format=_readout(value, fmt), style=style or SLIDER_STYLE, layout=layout or SLIDER_LAYOUT,
    )  # fmt: skip


def set_range(slider, box) -> None:
    """Give a start slider a new range and grid (widening first, so min ≤ max holds at every step).

    The value is moved to the nearest point of the new grid, so the frontend does not move it.
    """
    lo, hi, step = grid(None, float(box[0]), float(box[1]))
    value = min(max(slider.value, lo), hi)
    slider.max = max(slider.max, hi)
    slider.min = min(slider.min, lo)
    slider.min, slider.max, slider.step = lo, hi, step
    slider.value = min(max(round(round(value / step) * step, _decimals(step) + 1), lo), hi)


def control_rows(*columns) -> widgets.HBox:
    """Columns of controls side by side, wrapping below each other when the notebook is narrow."""
    return widgets.HBox([widgets.VBox(list(c)) for c in columns], layout=widgets.Layout(flex_flow="row wrap"))


def grid_value(control):
    """A control's value without the float noise of the frontend's grid arithmetic.

    ipywidgets 8 computes a grid point through percentages and sends what it gets: 1.0000000000000009
    for 1, -4.4e-16 for a typed 0, 0.09500000000000001 for 0.095. The explorers compute with the
    point meant, so a status line reads "x₀ = 0", as in the stored notebook. (Cleaning the trait
    itself would send the value back and the frontend would snap it again, for ever.)
    """
    value = control.value
    if isinstance(control, widgets.FloatLogSlider):
        return float(f"{value:.12g}")
    if isinstance(control, widgets.FloatSlider):
        return round(value, 12) + 0.0  # + 0.0: no "-0" in a status line
    return value

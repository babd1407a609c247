"""Every explorer call in the notebooks opens with exactly the values it was given, in the kernel and in the page.

The calls are read out of the notebooks' code cells, so a new call is covered by itself. A value
must equal the requested one, and lie on the slider's grid as the ipywidgets 8 frontend computes
it: the frontend (noUiSlider 15, in @jupyter-widgets/controls) snaps the value as soon as the
slider is drawn and sends the snapped value back, so a value off the grid would move by itself.
:func:`frontend_snap` repeats the frontend's arithmetic step by step, so the test sees the same
rounding the page does. Typed values go through the same snap (the readout's text is set as the
value, the slider snaps it and sends the snapped value), so round numbers must be grid points too.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import json
import math
from pathlib import Path

import ipywidgets as widgets
import pytest

import helpers.widgets as explorers

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def explorer_calls(path: Path) -> list[tuple[str, tuple, dict]]:
    """The ``explore(name, …)`` calls in a notebook's code cells, in order: (factory name, args, kwargs) of literals."""
    calls = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        # IPython's %magic and !shell lines are not Python: a `pass` keeps the indentation valid.
        lines = [
            line[: len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(("%", "!")) else line
            for line in source.splitlines()
        ]
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "explore":
                name, *args = (ast.literal_eval(a) for a in node.args)
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                calls.append((explorers.EXPLORERS[name].__name__, tuple(args), kwargs))
    return calls


def requested_values(name: str, args: tuple, kwargs: dict) -> dict:
    """Parameter name -> requested value, defaults included (what the explorer must open with)."""
    bound = inspect.signature(getattr(explorers, name)).bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _js_round(x: float) -> float:
    return math.floor(x + 0.5)  # JavaScript's Math.round: halves go up


def frontend_snap(value: float, low: float, high: float, step: float) -> float:
    """The value noUiSlider 15 (ipywidgets 8) puts a slider over [low, high] by ``step`` at, float op by float op.

    From the bundle (jupyterlab_widgets' static 718.*.js): toStepping turns the value into a
    percentage, getStep rounds the percentage to a multiple of the step's percentage (100 stays
    100: max is always reachable), limit clamps to 0…100, fromStepping turns it back. For a log
    slider the same runs on the exponent log(v)/log(base) and the value is base ** result.
    """
    if value >= high:
        return high
    span = high - low
    step_pct = (100 * step / span) / (100 / (100 - 0))
    shifted = value + abs(low) if low < 0 else value - low
    pct = 0 + (100 * shifted / span) / (100 / (100 - 0))
    if pct != 100:
        pct = 0 + _js_round((pct - 0) / step_pct) * step_pct
    pct = max(0, min(100, pct))
    if pct >= 100:
        return high
    return (pct - 0) * (100 / (100 - 0)) * span / 100 + low


def frontend_value(control, value: float) -> float:
    """What the ipywidgets 8 frontend makes of ``value`` on ``control``'s slider."""
    if isinstance(control, widgets.FloatLogSlider):
        exponent = math.log(value) / math.log(control.base)
        return math.pow(control.base, frontend_snap(exponent, control.min, control.max, control.step))
    snapped = frontend_snap(value, control.min, control.max, control.step)
    return round(snapped) if isinstance(control, widgets.IntSlider) else snapped


def on_grid(control, value: float) -> bool:
    """min + k·step (in the exponent for a log slider), within float tolerance."""
    x = math.log(value, control.base) if isinstance(control, widgets.FloatLogSlider) else value
    k = (x - control.min) / control.step
    return abs(k - round(k)) < 1e-9


def shows(control, value: float) -> bool:
    """The readout format shows ``value`` (the numbers agree; d3 and Python spell them alike enough)."""
    return math.isclose(float(format(value, control.readout_format.lstrip("~"))), value, rel_tol=1e-6)


CALLS = [(path.stem, *call) for path in NOTEBOOKS for call in explorer_calls(path)]


def test_every_notebook_calls_an_explorer():
    found = {stem for stem, *_ in CALLS}
    assert found == {p.stem for p in NOTEBOOKS}, sorted({p.stem for p in NOTEBOOKS} - found)


def _sliders(ex, requested):
    """(parameter, control, requested value) for each requested value with a numeric slider."""
    for param, value in requested.items():
        control = ex.controls.get(param)
        if isinstance(control, widgets.FloatSlider | widgets.FloatLogSlider | widgets.IntSlider):
            yield param, control, value


@pytest.mark.parametrize(("notebook", "name", "args", "kwargs"), CALLS, ids=[f"{c[0]}:{c[1]}" for c in CALLS])
def test_explorer_opens_with_the_requested_values(notebook, name, args, kwargs):
    ex = getattr(explorers, name)(*args, **kwargs)
    requested = requested_values(name, args, kwargs)
    checked = 0
    for param, control in ex.controls.items():
        if param in requested and hasattr(control, "value"):
            assert control.value == requested[param], (param, control.value, requested[param])
            checked += 1
    assert checked >= 2, f"{name}: only {checked} requested values have a control"
    for param, control, value in _sliders(ex, requested):
        assert on_grid(control, value), (param, value, control.min, control.step)
        landed = frontend_value(control, value)
        assert math.isclose(landed, value, rel_tol=1e-12, abs_tol=1e-12), (param, value, landed)
        assert shows(control, value), (param, value, control.readout_format)


def _round_numbers(control) -> list[float]:
    """What a learner types: 0, whole and half numbers, tenths near 0 (inside the range); powers of ten."""
    if isinstance(control, widgets.FloatLogSlider):
        return [10.0**k for k in range(math.ceil(control.min), math.floor(control.max) + 1)]
    lo, hi = control.min, control.max
    typed = {*range(math.ceil(lo), math.floor(hi) + 1)}
    if isinstance(control, widgets.FloatSlider):
        typed |= {0.0, 0.1, -0.1, 0.3, -0.3} | {k / 2 for k in range(math.ceil(2 * lo), math.floor(2 * hi) + 1)}
    return sorted(v for v in typed if lo <= v <= hi)


def readout(control, value) -> str:
    """The readout's number as d3-format writes it (Python's format, and no sign on a zero: "0.00", not "-0.00")."""
    text = format(value, control.readout_format)
    return text.lstrip("-") if float(text) == 0 else text


@pytest.mark.parametrize(("notebook", "name", "args", "kwargs"), CALLS, ids=[f"{c[0]}:{c[1]}" for c in CALLS])
def test_typed_round_numbers_land_on_themselves(notebook, name, args, kwargs):
    ex = getattr(explorers, name)(*args, **kwargs)
    tried = 0
    for param, control, value in _sliders(ex, requested_values(name, args, kwargs)):
        typed = _round_numbers(control)
        if isinstance(control, widgets.FloatLogSlider) and not all(on_grid(control, v) for v in typed):
            # The grid was bent to hold an off-decade value (λ = 0.095): a typed power of ten lands on
            # the nearest grid point, the one the readout then shows.
            for v in typed:
                landed = frontend_value(control, v)
                assert abs(math.log10(landed / v)) <= control.step / 2 + 1e-9, (param, v, landed)
            continue
        for v in typed:
            landed = frontend_value(control, v)
            assert math.isclose(landed, v, rel_tol=1e-12, abs_tol=1e-12), (param, v, landed)
            assert readout(control, landed) == readout(control, v), (param, v, landed)
            with ex.quiet() if hasattr(ex, "quiet") else contextlib.nullcontext():
                control.value = landed  # what the kernel receives; the explorer computes with v itself
            assert ex.value(param) == v, (param, v, landed, ex.value(param))
            tried += 1
        control.value = value
    if name != "regression_explorer":  # its only slider is λ
        assert tried >= 3


def test_the_frontend_model_reproduces_the_reported_snaps():
    """The emulation gives what the issue saw in JupyterLab before the grids were fixed."""
    old_lr = widgets.FloatLogSlider(value=0.095, min=-4, max=0, step=0.05)
    assert frontend_value(old_lr, 0.095) == pytest.approx(0.1)
    old_x0 = widgets.FloatSlider(value=1.5, min=-4, max=2, step=6 / 200)
    assert frontend_value(old_x0, 1.5) == pytest.approx(1.49)
    assert frontend_value(old_x0, 0.0) == pytest.approx(-0.01)
    old_lr = widgets.FloatLogSlider(value=0.9, min=-3, max=0.5, step=0.02)
    assert frontend_value(old_lr, 0.9) == pytest.approx(0.912, abs=5e-4)


@pytest.mark.parametrize("value", [1.01, 1.2345, math.pi / 3, -4.0, 2.0])
def test_an_unusual_start_value_is_on_its_grid(value):
    ex = explorers.descent_1d_explorer("lecture_quadratic", x0=value)
    control = ex.controls["x0"]
    assert control.value == value
    assert on_grid(control, value)
    assert frontend_value(control, value) == pytest.approx(value, abs=1e-12)
    assert shows(control, value)


@pytest.mark.parametrize("lr", [0.095, 0.0123, 0.3, 1e-4])
def test_an_unusual_rate_is_on_its_grid(lr):
    control = explorers.descent_2d_explorer("stretched_bowl", lr=lr).controls["lr"]
    assert control.value == lr and on_grid(control, lr) and shows(control, lr)
    assert frontend_value(control, lr) == pytest.approx(lr, rel=1e-12)
    assert 0.04 <= control.step <= 0.06, "the slider keeps about its resolution"


def test_a_new_function_puts_the_start_on_the_new_grid():
    ex = explorers.descent_1d_explorer("lecture_quadratic", x0=1.5)
    ex.controls["function"].value = "xcos"
    control = ex.controls["x0"]
    assert (control.min, control.max, control.step) == (-15.0, 15.0, 0.1)
    assert on_grid(control, control.value)
    assert frontend_value(control, control.value) == pytest.approx(control.value, abs=1e-12)

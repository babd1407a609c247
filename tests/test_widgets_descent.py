"""The calculus, descent and momentum explorers: every control at its extremes, random slider states, hostile formulas.

Every state must render without an exception or a warning, with a status line of a known form, and
a control that matters must change the figure.
"""

import contextlib
import io
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.descent import momentum_rate
from helpers.functions import FORMULA
from helpers.widgets.calculus import TANGENT_FUNCTIONS, tangent_explorer
from helpers.widgets.canvas import BlitCanvas
from helpers.widgets.descent import (
    FUNCTIONS_1D,
    FUNCTIONS_2D,
    FUNCTIONS_CONVERGENCE,
    MOMENTUM_CURVATURES,
    MOMENTUM_TOL,
    STEP_CAPS,
    convergence_explorer,
    descent_1d_explorer,
    descent_2d_explorer,
    momentum_explorer,
)

pytestmark = pytest.mark.filterwarnings("error")

NUM = r"-?[\d.]+(?:e[+-]\d+)?"
GRAD = r"(?:\|f'\||‖∇f‖)"
RUN = (
    rf"(?:converged in \d+ steps? \({GRAD} ≤ ε = {NUM}\)"
    rf"|diverged at step \d+"
    rf"|stopped at the step cap \d+ with {GRAD} = {NUM})"
)
TANGENT = re.compile(
    rf"^h = {NUM}: forward difference {NUM}, exact f'\({NUM}\) = {NUM}, error {NUM}; "
    rf"central difference {NUM}, error {NUM}$"
)
DESCENT_1D = re.compile(
    rf"^(?:{RUN}; final x = {NUM}(?: \(f or f' is undefined for .+\))?|formula error: .+"
    rf"|cannot start at x₀ = {NUM}: .+|left the domain at step \d+: the step from x = {NUM} lands on x = {NUM}, "
    r"where f or f' is undefined for .+)$"
)
DESCENT_2D = re.compile(rf"^{RUN}; final \(x, y\) = \({NUM}, {NUM}\)$")
CONVERGENCE = re.compile(
    r"^(?:converged in \d+ steps? .*, (?:monotone|oscillating around the minimum) \(.*\); x = \S+"
    r"|diverged at step \d+ \(λ = .*\)"
    r"|diverging: \|f'\| grew from \S+ to \S+ in \d+ steps \(.*\); x = \S+"
    r"|oscillating: no convergence in \d+ steps, .*"
    r"|stopped at the step cap \d+ with .*, monotone but slow \(.*\); x = \S+)$"
)
MOMENTUM = re.compile(
    rf"^(?:converged in \d+ steps? \(‖x_k‖ = {NUM} ≤ 1e-06\)|diverged at step \d+"
    rf"|not converged in \d+ steps \(‖x_k‖ = {NUM} > 1e-06\)"
    r"|the start is within 1e-06 of the minimum: no step needed)"
    rf"; predicted rate {NUM}/step, measured (?:{NUM}|too few steps to fit|none \(the run landed exactly on the minimum\))$"
)
PATTERNS = {
    "tangent": TANGENT,
    "descent_1d": DESCENT_1D,
    "descent_2d": DESCENT_2D,
    "convergence": CONVERGENCE,
    "momentum": MOMENTUM,
}


@contextlib.contextmanager
def silent():
    """Outside a kernel an Output widget prints what it displays; keep the test log clean."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def build(kind: str, **kw):
    with silent():
        if kind == "tangent":
            return tangent_explorer(**kw)
        if kind == "descent_1d":
            return descent_1d_explorer(**{"max_steps": 200, **kw})
        if kind == "descent_2d":
            return descent_2d_explorer(**{"max_steps": 200, **kw})
        if kind == "momentum":
            return momentum_explorer(**kw)
        return convergence_explorer(**kw)


SHARED = {}


def shared(kind: str):
    """One explorer per kind for the tests that set every control they rely on (building costs ~50 updates)."""
    if kind not in SHARED:
        SHARED[kind] = build(kind)
    return SHARED[kind]


def set_control(ex, name, value):
    with silent():
        ex.controls[name].value = value


def apply(ex, state: dict, render: bool) -> None:
    """Set the sliders quietly, then update (and render the PNG when ``render``)."""
    from helpers.plots.style import course_style

    with ex.quiet():
        for name, value in state.items():
            ex.controls[name].value = value
    if render:
        with silent():
            ex.refresh()
    else:
        with course_style():
            ex.status = ex.update()


def extremes(control) -> list:
    kind = type(control).__name__
    if kind in ("Dropdown", "SelectionSlider"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [options[0], options[-1]] if kind == "SelectionSlider" else options
    if kind == "FloatLogSlider":
        return [control.base**control.min, control.base**control.max]
    return [control.min, control.max]


# Before setting a control to its extremes, a state where that control matters to the figure.
SETUP = {
    ("descent_1d", "eps"): {"lr": 0.1},
    ("descent_2d", "eps"): {"lr": 0.1},
    ("descent_1d", "max_steps"): {"lr": 1e-4},
    ("descent_2d", "max_steps"): {"lr": 1e-4},
}


@pytest.mark.parametrize("kind", list(PATTERNS))
def test_every_control_at_its_extremes(kind):
    ex = build(kind)
    assert PATTERNS[kind].match(ex.status), ex.status
    for name, control in ex.controls.items():
        if type(control).__name__ == "Text":
            continue  # the typed formula has its own tests
        for key, value in SETUP.get((kind, name), {}).items():
            set_control(ex, key, value)
        for value in extremes(control):
            before, old = ex.png, control.value
            set_control(ex, name, value)
            assert control.value == value
            assert PATTERNS[kind].match(ex.status), f"{name} = {value!r}: {ex.status}"
            if value != old:
                assert ex.png != before, f"the figure did not change when {name} was set to {value!r}"
    assert ex.png.startswith(b"\x89PNG")


def test_descent_1d_status_and_path():
    ex = build("descent_1d", lr=1e-2, eps=1e-5, x0=1.5, max_steps=1000)
    assert re.match(r"^converged in \d+ steps \(\|f'\| ≤ ε = 1e-05\); final x = -0.99999", ex.status)
    assert 400 <= ex.result.steps <= 700  # the lecture's run
    xs = ex.path.line.get_xdata()
    np.testing.assert_allclose(xs, ex.result.path)
    set_control(ex, "lr", 1.5)
    assert re.match(r"^diverged at step \d+; final x = ", ex.status)
    assert ex.path.note.get_text().endswith("points outside the view")
    set_control(ex, "lr", 1e-4)
    set_control(ex, "max_steps", 50)
    assert ex.status.startswith("stopped at the step cap 50 with |f'| = ")


def test_descent_1d_typed_formula_is_used_and_switches_the_function():
    ex = build("descent_1d", function="lecture_quadratic", x0=0.5, lr=0.05)
    set_control(ex, "formula", "(x - 2)^2")
    assert ex.controls["function"].value == FORMULA
    assert ex.status.startswith("converged in")
    assert ex.result.x == pytest.approx(2.0, abs=1e-4)
    assert ex.ax_curve.get_title() == "f(x) = (x - 2)²"


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "x.__class__",
        "().__class__.__bases__[0]",
        "open('/etc/passwd')",
        "lambda: 1",
        "x if x else 1",
        "",
        "x +",
        "y**2",
        "x**10**10",
        "9" * 300,
        "1/0",
        "sqrt(-1)",
    ],
)
def test_hostile_or_broken_formulas_show_an_error_and_keep_the_plot(text):
    ex = shared("descent_1d")
    apply(ex, {"function": "lecture_quadratic", "x0": 1.0, "lr": 0.01, "max_steps": 200}, render=False)
    curve = ex.curve.get_ydata().copy()
    set_control(ex, "formula", text)  # through the widget's own callback, as a learner's typing
    assert ex.status.startswith("formula error: "), ex.status
    assert "the plot still shows the last valid function" in ex.status
    np.testing.assert_array_equal(ex.curve.get_ydata(), curve)
    error = ex.status
    # Whatever else moves, the status keeps saying why the plot has not changed.
    for name, value in (("lr", 0.2), ("x0", -1.0), ("eps", 1e-3), ("max_steps", 50), ("function", FORMULA)):
        set_control(ex, name, value)
        assert ex.status == error, (name, ex.status)
        np.testing.assert_array_equal(ex.curve.get_ydata(), curve)


def test_a_formula_error_is_mended_by_typing_a_valid_one():
    ex = shared("descent_1d")
    set_control(ex, "formula", "x.__class__")
    assert ex.status.startswith("formula error: ")
    set_control(ex, "formula", "x^2")
    assert ex.status.startswith("converged in")


@pytest.mark.parametrize(
    "text",
    ["log(x)", "sqrt(x)", "x**0.5", "1/x", "exp(exp(x))", "abs(x)", "tan(x)", "-x", "3", "x^3", "e^x + pi"],
)
def test_awkward_but_valid_formulas_run_or_explain(text):
    ex = shared("descent_1d")
    for i, x0 in enumerate((-5.0, -0.5, 0.0, 0.5, 5.0)):
        apply(ex, {"function": FORMULA, "formula": text, "x0": x0, "lr": 0.01}, render=i == 0)
        assert DESCENT_1D.match(ex.status), f"{text} from {x0}: {ex.status}"
        assert not ex.status.startswith("formula error"), ex.status
    assert ex.png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("text", "undefined", "x0", "status"),
    [
        (
            "log(x)",
            "x ≤ 0",
            -1.0,
            "cannot start at x₀ = -1: f or f' is undefined there (f or f' is undefined for x ≤ 0)",
        ),
        ("sqrt(x)", "x ≤ 0", 0.0, "cannot start at x₀ = 0: f or f' is undefined there"),
        ("log(x)", "x ≤ 0", 1.0, "left the domain at step 52: the step from x = 0.06416 lands on x = -0.09171"),
        ("x**x", "x ≤ 0", 1.0, "converged in "),
        ("1/sin(x)", "x = 0 and x ≈ -3.14 and x ≈ 3.14", 1.0, "stopped at the step cap"),
        ("sqrt(1 - x^2)", "x ≤ -1 and x ≥ 1", 0.5, "left the domain at step 47: the step from x = 0.9873"),
        ("1/x", "x = 0", 0.0, "cannot start at x₀ = 0"),
    ],
)
def test_a_formula_defined_on_part_of_the_line_is_drawn_there_and_says_where_not(text, undefined, x0, status):
    ex = shared("descent_1d")
    apply(ex, {"function": FORMULA, "formula": text, "x0": x0, "lr": 0.01, "eps": 1e-5, "max_steps": 1000}, render=True)
    assert ex.undefined == undefined
    assert ex.status.startswith(status), ex.status
    assert DESCENT_1D.match(ex.status), ex.status
    assert undefined in ex.status and undefined in ex.ax_curve.get_title()
    assert "math domain error" not in ex.status and "division" not in ex.status
    x, y = ex.curve.get_data()
    shown = np.isfinite(y)
    assert shown.sum() > 50, "the curve is drawn where f is defined"
    assert not shown.all(), "and broken where it is not"
    low, high = ex.ax_curve.get_ylim()
    assert np.mean((y[shown] >= low) & (y[shown] <= high)) > 0.9, "the limits hold the curve, not a pole's spike"


def test_descent_2d_contours_are_computed_once_per_function():
    ex = build("descent_2d")
    first = ex._contours["lecture_bowl"]
    set_control(ex, "function", "rosenbrock")
    set_control(ex, "function", "lecture_bowl")
    assert ex._contours["lecture_bowl"] is first
    assert all(s.get_visible() for s in first)
    assert not any(s.get_visible() for s in ex._contours["rosenbrock"])
    assert ex.controls["y0"].max == pytest.approx(2.5)


def test_descent_2d_lecture_run():
    ex = build("descent_2d", lr=1e-2, x0=1.5, y0=-1.8, max_steps=1000)
    assert ex.status.startswith("converged in")
    assert 500 <= ex.result.steps <= 700


def test_convergence_explorer_zones_and_statuses():
    ex = build("convergence", lr=0.2)
    assert ex.threshold_label.get_text() == "2/μ = 1  (μ = 2)"
    assert "monotone" in ex.status
    set_control(ex, "lr", 0.8)
    assert "oscillating around the minimum" in ex.status
    set_control(ex, "lr", 1.0)
    assert ex.status.startswith("oscillating: no convergence in 200 steps")
    set_control(ex, "lr", 1.05)
    assert ex.status.startswith("diverging: |f'| grew from")
    set_control(ex, "lr", 2.0)
    assert re.match(r"^diverged at step \d+ \(λ = 2, 1/μ = 0.5, 2/μ = 1\)$", ex.status)
    theory = np.asarray(ex.theory.get_ydata(), dtype=float)
    assert np.all(np.isfinite(theory) | np.isnan(theory))
    set_control(ex, "function", "double_well")
    assert "μ = f''(x*)" in ex.threshold_label.get_text()
    assert not ex.theory.get_visible()


def test_convergence_axes_hold_while_lr_crosses_two_over_mu():
    # The gap panel's limits are fixed per function: a drag across 2/μ (converging, oscillating,
    # diverging runs) moves only the curves, so no press pays for redrawing the axes.
    ex = build("convergence", lr=0.9)
    canvas = ex.figure.canvas
    ex.png  # noqa: B018 - render once, so the background is saved
    full, axes, limits = canvas.full_draws, canvas.axes_draws, (ex.ax_gap.get_xlim(), ex.ax_gap.get_ylim())
    for lr in np.geomspace(0.5, 2.0, 15):
        set_control(ex, "lr", float(lr))
        ex.png  # noqa: B018
    assert (canvas.full_draws, canvas.axes_draws) == (full, axes)
    assert (ex.ax_gap.get_xlim(), ex.ax_gap.get_ylim()) == limits
    low, high = limits[1]
    assert limits[0] == (0.0, 200.0)  # the step cap
    for lr in (0.1, 0.9):  # every start's first gap, and where a converged run stops, are inside
        for x0 in ex.controls["x0"].min, ex.controls["x0"].max, 1.5:
            set_control(ex, "x0", x0)
            set_control(ex, "lr", lr)
            gap = ex.result.values - ex.f_star
            assert ex.result.converged
            assert low < gap[-1] and gap[0] < high / 100
    set_control(ex, "function", "xcos")
    assert ex.ax_gap.get_ylim() != (low, high)  # a new function has its own fixed limits


def test_step_curve_hold_rejects_bad_limits():
    from helpers.plots.axes import StepCurve
    from helpers.plots.style import new_figure

    _, axes = new_figure((3, 2))
    with pytest.raises(ValueError, match="hold needs steps ≥ 1 and 0 < low < high, got steps=10, low=1.0, high=1.0"):
        StepCurve(axes[0, 0]).hold(10, 1.0, 1.0)


def test_tangent_explorer_status_matches_the_lecture_example():
    ex = build("tangent", x0=1.0, h=1e-3)
    assert ex.status.startswith("h = 1e-03: forward difference 4.001000, exact f'(1) = 4, error 1.0e-03; ")
    secant = ex.tangent.secant.get_ydata().copy()
    curves = ex.errors.forward.get_ydata().copy()
    set_control(ex, "h", 0.1)
    assert ex.status.startswith("h = 1e-01: forward difference 4.100000")
    assert not np.array_equal(secant, ex.tangent.secant.get_ydata())
    np.testing.assert_array_equal(curves, ex.errors.forward.get_ydata())  # h only moves the markers
    set_control(ex, "x0", 0.0)
    assert not np.array_equal(curves, ex.errors.forward.get_ydata())


def test_updates_redraw_only_what_moves():
    ex = build("descent_1d")
    canvas = ex.figure.canvas
    assert isinstance(canvas, BlitCanvas)
    full = canvas.full_draws
    for lr in (0.011, 0.012, 0.013):
        set_control(ex, "lr", lr)
    assert canvas.full_draws == full
    set_control(ex, "function", "xcos")
    assert canvas.full_draws == full + 1


def spectral_radius(lr: float, beta: float) -> float:
    """The heavy ball's rate by the book: the largest |eigenvalue| of [[1 + β − λμ, −β], [1, 0]] over μ_min, μ_max."""
    return max(max(abs(np.linalg.eigvals([[1 + beta - lr * mu, -beta], [1.0, 0.0]]))) for mu in MOMENTUM_CURVATURES)


def test_momentum_explorer_status_and_predicted_line():
    ex = build("momentum", lr=0.1, beta=0.5, x0=-2.5, y0=1.0)
    assert ex.status == "converged in 43 steps (‖x_k‖ = 4.7e-07 ≤ 1e-06); predicted rate 0.707/step, measured 0.706"
    assert ex.rate == pytest.approx(np.sqrt(0.5), rel=1e-12)  # both pairs of roots complex: the rate is √β
    errors = np.linalg.norm(ex.result.path, axis=1)
    assert errors[-1] <= MOMENTUM_TOL < errors[-2], "the run stops at the first step within the tolerance"
    np.testing.assert_allclose(ex.error.line.get_ydata(), errors)
    k = np.arange(len(errors))
    np.testing.assert_allclose(ex.predicted.get_ydata(), errors[0] * ex.rate**k, rtol=1e-9)
    assert ex.result.momentum == 0.5 and ex.result.lr == 0.1
    set_control(ex, "lr", 0.2)  # past 2(1 + β)/μ_max = 0.15
    assert re.match(r"^diverged at step \d+; predicted rate 2\.28/step, measured 2\.\d+$", ex.status), ex.status
    set_control(ex, "lr", 0.001)
    assert ex.status.startswith("not converged in 1000 steps (‖x_k‖ = ")
    set_control(ex, "lr", 0.115)
    set_control(ex, "beta", 0.28)  # near Polyak's optimum
    assert ex.status.startswith("converged in 23 steps") and "predicted rate 0.529/step" in ex.status


@pytest.mark.parametrize(
    ("lr", "beta"), [(0.1, 0.5), (2 / 22, 0.0), (0.01, 0.0), (0.115, 0.28), (0.05, 0.9), (0.2, 0.99), (0.15, 0.1)]
)
def test_momentum_predicted_rate_is_the_spectral_radius(lr, beta):
    assert momentum_rate(lr, beta, MOMENTUM_CURVATURES) == pytest.approx(spectral_radius(lr, beta), rel=1e-9)


def test_momentum_rate_matches_the_textbook_rates():
    mu_min, mu_max = MOMENTUM_CURVATURES
    kappa = mu_max / mu_min
    # Plain descent: max |1 − λμ|, and (κ − 1)/(κ + 1) at λ = 2/(μ_min + μ_max).
    assert momentum_rate(0.03, 0.0, MOMENTUM_CURVATURES) == pytest.approx(
        max(abs(1 - 0.03 * mu_min), abs(1 - 0.03 * mu_max))
    )
    assert momentum_rate(2 / (mu_min + mu_max), 0.0, MOMENTUM_CURVATURES) == pytest.approx((kappa - 1) / (kappa + 1))
    # Polyak's heavy ball: λ = 4/(√μ_max + √μ_min)², β = ((√κ − 1)/(√κ + 1))², rate (√κ − 1)/(√κ + 1).
    lr = 4 / (np.sqrt(mu_max) + np.sqrt(mu_min)) ** 2
    beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    assert momentum_rate(lr, beta, MOMENTUM_CURVATURES) == pytest.approx(
        (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1), rel=1e-6
    )
    assert (
        momentum_rate(lr * 1.01, beta, MOMENTUM_CURVATURES)
        > momentum_rate(lr, beta, MOMENTUM_CURVATURES)
        < momentum_rate(lr, beta * 1.01, MOMENTUM_CURVATURES)
    )


def test_momentum_explorer_at_the_minimum_and_a_typed_zero():
    ex = build("momentum", x0=0.0, y0=0.0)
    assert ex.status.startswith("the start is within 1e-06 of the minimum: no step needed; predicted rate 0.707")
    assert ex.status.endswith("measured too few steps to fit")
    set_control(ex, "y0", 1.0)  # y = 1, −1, 0: exactly on the minimum in two steps
    assert ex.status == (
        "converged in 2 steps (‖x_k‖ = 0 ≤ 1e-06); predicted rate 0.707/step, "
        "measured none (the run landed exactly on the minimum)"
    )
    set_control(ex, "x0", 0.5)  # both directions again: a rate to fit
    assert re.match(r"^converged in \d+ steps .*; predicted rate 0.707/step, measured 0.7\d*$", ex.status), ex.status


@settings(max_examples=60, deadline=None)
@given(
    lr=st.floats(1e-3, 0.2), beta=st.floats(0.0, 0.99), x0=st.floats(-3.0, 3.0), y0=st.floats(-1.5, 1.5),
    render=st.booleans(),
)  # fmt: skip
def test_momentum_random_states_render_and_predict_the_spectral_radius(lr, beta, x0, y0, render):
    ex = shared("momentum")
    apply(ex, {"lr": lr, "beta": beta, "x0": x0, "y0": y0}, render=render)
    assert MOMENTUM.match(ex.status), ex.status
    assert ex.rate == pytest.approx(spectral_radius(ex.value("lr"), ex.value("beta")), rel=1e-6)
    if ex.measured is not None and ex.result.steps >= 200 and ex.rate < 1 and min(abs(x0), abs(y0)) >= 0.5:
        # A long run from a start off the axes (both directions excited): the fitted rate is the predicted one.
        assert ex.measured == pytest.approx(ex.rate, abs=0.01)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: descent_1d_explorer(function="rosenbrock"), "function must be one of"),
        (lambda: descent_1d_explorer(lr=0.0), r"lr must be in \[0.0001, 10\], got 0.0"),
        (lambda: descent_1d_explorer(x0=100.0), r"x0 must be in \[-4, 2\], got 100.0"),
        (lambda: descent_1d_explorer(max_steps=7), "max_steps must be one of"),
        (lambda: descent_1d_explorer(formula=3), "formula must be a string"),
        (lambda: descent_2d_explorer(y0=9.0), r"y0 must be in \[-2.5, 2.5\]"),
        (lambda: convergence_explorer(lr=10.0), "lr must be in"),
        (lambda: momentum_explorer(lr=0.5), r"lr must be in \[0.001, 0.2\]"),
        (lambda: momentum_explorer(beta=1.0), r"beta must be in \[0, 0.99\]"),
        (lambda: momentum_explorer(x0=5.0), r"x0 must be in \[-3, 3\]"),
        (lambda: momentum_explorer(max_steps=7), "max_steps must be one of"),
        (lambda: tangent_explorer(h=0.0), "h must be in"),
        (lambda: tangent_explorer(function="cos"), "function must be one of"),
    ],
)
def test_arguments_are_checked(call, match):
    with pytest.raises((TypeError, ValueError), match=match):
        call()


# --- random slider states -----------------------------------------------------------------------
# One explorer per (kind, function) takes all its random states: the function changes once per
# test, the sliders at random. Most states update the figure's artists (the compute and all the
# data setting); one in RENDER_EVERY (every 10th) also renders the PNG (draw + encode), where warnings of a
# log axis or of limits would show up.

RENDER_EVERY = 10
CAPS = st.sampled_from([c for c in STEP_CAPS if c <= 1000])
FORMULAS = st.sampled_from(["x^2 + 3*sin(2*x)", "log(x)", "x**0.5", "1/x", "exp(x)", "x.y", "abs(x)", "x^4 - 3x"])


def log_uniform(lo, hi):
    return st.floats(np.log10(lo), np.log10(hi)).map(lambda e: float(10**e))


def slider_states(kind, function):
    """Random values of every slider (and of the typed formula) of an explorer showing ``function``."""
    from helpers.functions import get_function
    from helpers.widgets.calculus import tangent_function

    if kind == "tangent":
        return st.fixed_dictionaries(
            {"x0": st.floats(*tangent_function(function).domain[0]), "h": log_uniform(1e-15, 1.0)}
        )
    if kind == "convergence":
        return st.fixed_dictionaries(
            {"lr": log_uniform(1e-3, 10**0.5), "x0": st.floats(*get_function(function).domain[0])}
        )
    if kind == "descent_1d":
        box = (-5.0, 5.0) if function == FORMULA else get_function(function).domain[0]
        extra = {"formula": FORMULAS} if function == FORMULA else {}
        return st.fixed_dictionaries(
            {**extra, "lr": log_uniform(1e-4, 10.0), "eps": log_uniform(1e-10, 1e-1), "x0": st.floats(*box),
             "max_steps": CAPS}
        )  # fmt: skip
    xbox, ybox = get_function(function).domain
    return st.fixed_dictionaries(
        {"lr": log_uniform(1e-4, 1.0), "eps": log_uniform(1e-10, 1e-1), "x0": st.floats(*xbox),
         "y0": st.floats(*ybox), "max_steps": CAPS}
    )  # fmt: skip


CASES = (
    [("tangent", f, 32) for f in TANGENT_FUNCTIONS]
    + [("descent_1d", f, 35) for f in (*FUNCTIONS_1D, FORMULA)]
    + [("descent_2d", f, 32) for f in FUNCTIONS_2D]
    + [("convergence", f, 37) for f in FUNCTIONS_CONVERGENCE]
)
assert sum(n for _, _, n in CASES) >= 500  # 128 + 140 + 128 + 111 = 507 random states


@pytest.mark.parametrize(("kind", "function", "examples"), CASES)
def test_random_slider_states_render_without_warnings(kind, function, examples):
    ex = shared(kind)
    set_control(ex, "function", function)
    seen = []

    @settings(max_examples=examples, deadline=None)
    @given(state=slider_states(kind, function))
    def run(state):
        seen.append(state)
        apply(ex, state, render=len(seen) % RENDER_EVERY == 0)
        assert PATTERNS[kind].match(ex.status), f"{state}: {ex.status}"

    run()
    assert len(seen) >= examples
    assert ex.png.startswith(b"\x89PNG")

"""Figures of derivatives and descent runs: titles, labels, artists, diverged runs, no warnings."""

import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy as sp

from helpers.descent import gradient_descent
from helpers.functions import get_function, objective_from_expr
from helpers.nn import MLP
from helpers.plots.axes import StepCurve, log_limits
from helpers.plots.calculus import (
    H_GRID,
    plot_difference_error,
    plot_tangent,
    plot_update_directions,
)
from helpers.plots.descent import (
    _marker_indices,
    as_objective,
    plot_curve,
    plot_gradient_field,
    plot_path_1d,
    plot_paths_2d,
    plot_steps_to_converge,
    plot_surface,
)
from helpers.plots.runs import plot_history

pytestmark = pytest.mark.filterwarnings("error")

QUAD = get_function("lecture_quadratic")
BOWL = get_function("lecture_bowl")


def run_1d(lr=0.2, x0=1.5, objective=QUAD, **kw):
    return gradient_descent(objective.grad, x0, lr=lr, f=objective.f, **kw)


def run_2d(lr=0.1, start=(-2.0, -2.0), objective=BOWL, **kw):
    return gradient_descent(objective.grad, list(start), lr=lr, f=objective.f, steps=300, **kw)


def rendered(fig) -> bytes:
    fig.canvas.draw()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def check_axes(ax, *, lines=None, legend=None):
    """Title, labelled axes, the expected number of lines, and a PNG that renders."""
    assert ax.get_title(), "every figure has a title"
    assert ax.get_xlabel() and ax.get_ylabel(), "both axes are labelled"
    if lines is not None:
        drawn = [line for line in ax.get_lines() if len(line.get_xdata())]
        assert len(drawn) == lines
    if legend is not None:
        assert ax.get_legend() is not None
        assert len(ax.get_legend().get_texts()) == legend
    assert rendered(ax.figure).startswith(b"\x89PNG")


# --- calculus figures ---------------------------------------------------------------------------


def test_tangent_alone_and_with_a_secant():
    ax = plot_tangent("lecture_quadratic", 1.0)
    check_axes(ax, lines=3, legend=3)  # curve, tangent, point
    assert "f'(x₀) = 4" in ax.get_legend().get_texts()[1].get_text()
    ax = plot_tangent(QUAD, 1.0, h=0.5)
    check_axes(ax, lines=5, legend=4)  # + secant and the point at x₀ + h
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("secant" in t and "4.5" in t for t in texts)


def test_tangent_slope_is_the_derivative():
    ax = plot_tangent(QUAD, 1.0)
    tangent = next(line for line in ax.get_lines() if "tangent" in line.get_label())
    x, y = tangent.get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(4.0)


def test_difference_error_is_log_log_with_two_curves():
    ax = plot_difference_error("xcos", 1.0, h=1e-5)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    check_axes(ax, legend=2)
    forward = ax.get_lines()[0]
    assert len(forward.get_xdata()) == len(H_GRID)
    errors = np.asarray(forward.get_ydata(), dtype=float)
    # Truncation error at h = 1 is far larger than the best error near h = 1e-8.
    assert np.nanmax(errors) > 1e4 * np.nanmin(errors)


def test_difference_error_of_a_quadratic_has_gaps_not_warnings():
    # The central difference is exact on a quadratic: errors of exactly 0 become gaps on a log axis.
    ax = plot_difference_error(QUAD, 1.0)
    central = np.asarray(ax.get_lines()[1].get_ydata(), dtype=float)
    assert np.isnan(central).any() or (central > 0).all()
    rendered(ax.figure)


def test_difference_error_near_the_edge_of_the_domain_leaves_gaps():
    # log(x) at x₀ = 0.001: for h > x₀, x₀ − h is outside the domain; those steps are gaps, not errors.
    x = sp.Symbol("x", real=True)
    log = objective_from_expr(sp.log(x), (x,), domain=((0.0001, 3.0),))
    ax = plot_difference_error(log, 0.001, h=0.5)
    central = np.asarray(ax.get_lines()[1].get_ydata(), dtype=float)
    assert np.isnan(central[-1]) and np.isfinite(central[:10]).all()
    rendered(ax.figure)
    with pytest.raises(ValueError, match="x0 = -1 is outside where f"):
        plot_tangent(log, -1.0)


def test_update_directions_is_the_lectures_2x2_figure():
    grid = plot_update_directions()
    assert grid.shape == (2, 2)
    fig = grid[0, 0].figure
    axes = fig.get_axes()
    assert axes == list(grid.flat)
    titles = [ax.get_title() for ax in axes]
    assert titles == [
        "f'(x) > 0,  x ← x + λf'(x)",
        "f'(x) > 0,  x ← x − λf'(x)",
        "f'(x) < 0,  x ← x + λf'(x)",
        "f'(x) < 0,  x ← x − λf'(x)",
    ]
    boxes = [t.get_text() for ax in axes for t in ax.texts if "f goes" in t.get_text()]
    assert len(boxes) == 4
    assert ["up" in b for b in boxes] == [True, False, True, False]  # adding f' climbs, subtracting descends
    assert ["right" in b for b in boxes] == [True, False, False, True]
    assert fig.get_suptitle()
    rendered(fig)


# --- 1-D and 2-D paths --------------------------------------------------------------------------


def test_path_1d_on_the_curve():
    r = run_1d()
    ax = plot_path_1d(r, QUAD, numbers=4)
    check_axes(ax, lines=4, legend=4)  # curve, path line, start, last
    assert len(ax.collections) == 1  # the fading points
    assert ax.get_title().startswith("converged in")
    assert sum(a.get_visible() for a in ax.texts if a.get_text().isdigit()) >= 1


def test_diverged_1d_path_plots_what_it_has_and_keeps_the_domain_in_view():
    r = run_1d(lr=1.2)
    assert r.diverged
    ax = plot_path_1d(r, "lecture_quadratic")
    check_axes(ax)
    lo, hi = ax.get_xlim()
    width = QUAD.domain[0][1] - QUAD.domain[0][0]
    assert hi - lo <= 2.1 * width  # the view grows at most half a domain on each side
    notes = [t.get_text() for t in ax.texts if "outside the view" in t.get_text()]
    assert notes and notes[0].endswith(f"of {len(r.path)} points outside the view")


def test_paths_2d_three_learning_rates_with_a_legend():
    results = [run_2d(lr) for lr in (0.05, 0.2, 0.45)]
    ax = plot_paths_2d(results, BOWL)
    check_axes(ax, legend=4)  # three runs and the minimum
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[0].startswith("λ = 0.05: converged in")
    assert ax.collections, "contours are drawn"


def test_diverged_2d_path_keeps_the_contours_in_view():
    r = run_2d(lr=0.6)
    assert r.diverged
    ax = plot_paths_2d(r, "lecture_bowl", labels=["too large"])
    check_axes(ax, legend=2)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x1 - x0 < 20 and y1 - y0 < 20


def test_surface_with_a_path():
    ax = plot_surface("lecture_bowl", run=run_2d())
    assert ax.name == "3d"
    assert ax.get_title() and ax.get_zlabel() == "f(x, y)"
    rendered(ax.figure)


def test_gradient_field_side_by_side():
    left, right = plot_gradient_field("lecture_bowl")
    fig = left.figure
    assert fig.get_axes() == [left, right]
    assert "∇f" in left.get_title() and "−∇f" in right.get_title()
    for ax in (left, right):
        assert sum(type(c).__name__ == "Quiver" for c in ax.collections) == 1
    qa, qb = (next(c for c in ax.collections if type(c).__name__ == "Quiver") for ax in (left, right))
    np.testing.assert_allclose(qa.U, -qb.U)  # −∇f is ∇f reversed
    rendered(fig)
    rendered(plot_gradient_field("rosenbrock", normalize=True)[0].figure)


def test_many_panel_plots_draw_on_the_axes_they_are_given():
    import matplotlib.pyplot as plt

    fig, grid = plt.subplots(2, 3)
    drawn = plot_gradient_field("lecture_bowl", n=5, ax=grid[0, 1:])
    assert list(drawn) == list(grid[0, 1:]) and len(fig.axes) == 6
    drawn = plot_update_directions(ax=[*grid[1], grid[0, 0]])
    assert drawn.shape == (2, 2) and drawn[1, 1] is grid[0, 0]
    for bad in ("axes", [grid[0, 0]], [grid[0, 0], "axes"]):
        with pytest.raises(TypeError, match=r"ax must be 2 matplotlib Axes \(one per panel"):
            plot_gradient_field("lecture_bowl", ax=bad)
    plt.close(fig)


# --- curves against step ------------------------------------------------------------------------


def test_history_loss_and_grad_of_several_runs():
    results = [run_2d(lr) for lr in (0.05, 0.2, 0.6)]
    ax = plot_history(results, quantity="loss")
    assert ax.get_yscale() == "log"
    check_axes(ax, legend=3)
    ax = plot_history(results, quantity="grad")
    check_axes(ax, legend=4)  # three runs and ε
    diverged = [line for line in ax.get_lines() if line.get_marker() == "X"]
    assert len(diverged) == 1


def test_history_of_a_loss_with_negative_values_is_linear():
    r = run_1d(objective=get_function("double_well"), x0=1.5, lr=0.01)
    ax = plot_history(r, quantity="loss")
    assert ax.get_yscale() == "linear"
    check_axes(ax)


def test_history_needs_recorded_values():
    r = gradient_descent(QUAD.grad, 1.0, lr=0.1)
    with pytest.raises(ValueError, match="quantity='loss'"):
        plot_history(r)
    plot_history(r, quantity="grad")


def test_history_of_training_runs_is_drawn_per_epoch():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    run = MLP([2, 8, 2], "tanh", seed=0).train(X, y, lr=0.5, epochs=50)
    ax = plot_history(run)
    check_axes(ax, lines=1, legend=1)
    assert (ax.get_xlabel(), ax.get_title()) == ("epoch k", "Loss per epoch")
    assert ax.get_ylabel().startswith("cross-entropy L(θ_k)")
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), run.values)
    assert ax.get_legend().get_texts()[0].get_text() == f"λ = 0.5: {run.message}"
    ax = plot_history(run, quantity="grad")
    check_axes(ax, lines=1, legend=1)  # no ε line: a training runs a fixed number of epochs
    assert (ax.get_xlabel(), ax.get_title()) == ("epoch k", "Size of the gradient per epoch")
    assert len(ax.get_lines()[0].get_xdata()) == 50  # one gradient per epoch
    diverged = MLP([2, 8, 2], "relu", seed=0).train(100 * X, y, lr=1e4, epochs=50)
    assert diverged.diverged
    ax = plot_history([run, diverged], labels=["tanh", "ReLU, λ = 1e4"])
    check_axes(ax, legend=2)
    assert len([line for line in ax.get_lines() if line.get_marker() == "X"]) == 1


def test_plot_curve_generic():
    x = np.arange(1, 11)
    ax = plot_curve(x, [x**2, x], labels=["x²", "x"], title="t", xlabel="x", ylabel="y", logy=True)
    check_axes(ax, lines=2, legend=2)
    ax = plot_curve(x, x * 0.0, title="zeros", xlabel="x", ylabel="y", logy=True)  # all gaps, no warning
    rendered(ax.figure)


def test_steps_to_converge_against_start_and_eps():
    starts = np.linspace(-3.0, 1.9, 8)
    results = [run_1d(lr=1e-2, x0=s) for s in starts]
    ax = plot_steps_to_converge(starts, results)
    check_axes(ax, lines=1)
    epss = np.logspace(-9, -1, 5)
    results = [run_1d(lr=1e-2, eps=e, steps=500) for e in epss]
    ax = plot_steps_to_converge(epss, results, xlabel="ε", logx=True)
    check_axes(ax, legend=2)  # converged and the step cap
    lrs = [0.1, 1.5]
    ax = plot_steps_to_converge(lrs, [run_1d(lr=v) for v in lrs], xlabel="λ")
    assert "diverged (at step)" in [t.get_text() for t in ax.get_legend().get_texts()]


# --- style, axes and arguments ------------------------------------------------------------------


def test_plots_draw_into_a_given_axes_and_leave_rcparams_alone():
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots()
    assert plot_path_1d(run_1d(), QUAD, ax=ax) is ax
    assert plot_tangent(QUAD, 0.0, ax=ax) is ax
    assert dict(mpl.rcParams) == before
    assert plt.gcf() is fig


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: plot_tangent("nope", 1.0), "f must be one of"),
        (lambda: plot_tangent(BOWL, 1.0), "f must be a function of 1 variable"),
        (lambda: plot_tangent(QUAD, 1.0, h=0.0), r"h must be positive \(> 0\), got 0.0"),
        (lambda: plot_tangent(QUAD, float("nan")), "x0 must be a finite number"),
        (lambda: plot_path_1d(run_2d(), QUAD), r"result\[0\] must be a run on a function of one variable"),
        (lambda: plot_paths_2d([], BOWL), "results must contain at least one DescentResult"),
        (lambda: plot_paths_2d([run_2d()], BOWL, labels=["a", "b"]), "labels must have one label per result"),
        (lambda: plot_history([run_1d()], quantity="steps"), "quantity must be one of 'loss', 'grad'"),
        (lambda: plot_curve([1, 2], [1, 2, 3], title="t", xlabel="x", ylabel="y"), "ys must have 2 values"),
        (lambda: plot_steps_to_converge([1.0], [run_1d(), run_1d()]), "runs must have one run per value"),
        (lambda: plot_update_directions(offset=0.0), "offset must be positive"),
    ],
)
def test_arguments_are_checked_with_clear_messages(call, match):
    with pytest.raises((TypeError, ValueError), match=match):
        call()


def test_as_objective_refuses_other_things():
    with pytest.raises(TypeError, match="f must be an Objective or one of the names"):
        as_objective(lambda x: x)
    with pytest.raises(TypeError, match=r"runs\[0\] must be a DescentResult"):
        plot_history([object()])


def test_log_limits_snap_to_decades_and_ignore_zeros():
    assert log_limits([0.0, 3e-5, 2.0, np.nan, -1.0]) == (1e-5, 10.0)
    assert log_limits([]) == (0.1, 10.0)
    assert log_limits([5.0], include=[1e-3]) == (1e-3, 10.0)


def test_marker_indices_keep_the_first_steps_and_the_last():
    idx = _marker_indices(1000, 40)
    assert len(idx) <= 40 and idx[0] == 0 and idx[-1] == 999
    assert list(idx[:20]) == list(range(20))
    assert list(_marker_indices(5, 40)) == [0, 1, 2, 3, 4]


def test_step_curve_limits_are_sticky():
    fig, ax = plt.subplots()
    curve = StepCurve(ax)
    assert curve.set_values(np.geomspace(10, 1e-5, 600))
    assert not curve.set_values(np.geomspace(10, 1e-5, 550)), "a small change keeps the ticks"
    assert curve.set_values(np.geomspace(10, 1e-5, 60)), "a tenth of the steps shrinks the axis"
    assert curve.set_values(np.geomspace(10, 1e12, 60)), "divergence grows it at once"
    assert ax.get_ylim()[1] >= 1e12
    curve.set_values([0.0, 0.0])  # an exact minimum: gaps, no warning
    rendered(fig)

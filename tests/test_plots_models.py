"""Figures of the models (helpers.plots.models) and computational graphs (helpers.plots.graphs)."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers.autodiff import Value, neuron_graph, square_of_sum_graph, trace  # noqa: E402
from helpers.datasets import make_blobs, make_linear, make_rings  # noqa: E402
from helpers.nn import softmax  # noqa: E402
from helpers.plots import axes as pa  # noqa: E402
from helpers.plots import graphs as pg  # noqa: E402
from helpers.plots import models as pm  # noqa: E402
from helpers.plots.style import palette  # noqa: E402
from helpers.regression import (  # noqa: E402
    add_intercept,
    lecture_data,
    linear_regression_gd,
    pinv_solution,
)
from helpers.sgd import regression_sgd  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def lecture():
    return lecture_data()


@pytest.fixture(scope="module")
def line_problem():
    X, y, _ = make_linear(200, 1, noise=1.0, seed=0)
    return add_intercept(X), y


@pytest.fixture(scope="module")
def sgd_runs(line_problem):
    X, y = line_problem
    start = np.array([-2.0, -1.0])
    return {
        "GD": regression_sgd(X, y, start, lr=0.1, batch_size=200, epochs=5),
        "b = 10": regression_sgd(X, y, start, lr=0.05, batch_size=10, epochs=5),
        "b = 1": regression_sgd(X, y, start, lr=0.02, batch_size=1, epochs=5),
    }


def drawn(obj) -> Figure:
    """Render like a notebook would; warnings (missing glyphs, log of 0) fail the test."""
    fig = obj if isinstance(obj, Figure) else obj.figure
    fig.canvas.draw()
    return fig


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None, "a figure with several lines needs a legend"
    return [t.get_text() for t in legend.get_texts()]


def test_plots_never_import_ipywidgets():
    code = "import sys, helpers.plots.models, helpers.plots.graphs; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_coefficient_names():
    assert pm.coefficient_names(2) == ["β₀ (slope)", "β₁ (intercept)"]
    assert pm.coefficient_names(3) == ["β₀", "β₁", "β₂ (intercept)"]
    assert pm.coefficient_names(2, intercept=False) == ["β₀", "β₁"]


# --- regression fits --------------------------------------------------------------------------


def test_fit_with_one_feature_draws_lines(line_problem):
    X, y = line_problem
    beta = pinv_solution(X, y)
    ax = pm.plot_regression_fit(X, y, {"pinv": beta, "start": [0.0, 0.0]})
    drawn(ax)
    assert isinstance(ax, Axes)
    assert ax.get_title() == "data and fitted lines"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    assert legend_texts(ax) == ["data", "pinv", "start"]
    pinv_line = ax.get_lines()[0]
    xs, ys = pinv_line.get_data()
    np.testing.assert_allclose(ys, beta[0] * xs + beta[1])


def test_fit_with_two_features_draws_fitted_values_against_y(lecture):
    X, y, beta0 = lecture
    r = linear_regression_gd(X, y, beta0, lr=0.01, steps=200)
    ax = pm.plot_regression_fit(X, y, [pinv_solution(X, y), r.x], labels=["pinv", "GD, T = 200"], title="fit")
    drawn(ax)
    assert ax.get_title() == "fit"
    assert "ŷ" in ax.get_ylabel() and "y" in ax.get_xlabel()
    assert legend_texts(ax)[1:] == ["pinv", "GD, T = 200"]
    # ŷ of the pseudo-inverse is y itself: the points lie on the diagonal.
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), y)


def test_fit_limits_ignore_a_diverged_beta(lecture):
    X, y, _ = lecture
    ax = pm.plot_regression_fit(X, y, {"pinv": pinv_solution(X, y), "huge": [1e11, 1e11, 1e11]})
    low, high = ax.get_ylim()
    assert low > -10 and high < 30


def test_fit_update_moves_one_line(line_problem):
    X, y = line_problem
    fig, ax = plt.subplots()
    art = pm.draw_regression_fit(ax, X, y, {"a": [0.0, 0.0], "b": [1.0, 0.0]})
    pm.update_regression_fit(art, 0, [2.0, 1.0])
    np.testing.assert_allclose(art.lines[0].get_ydata(), 2.0 * art.xs + 1.0)
    np.testing.assert_allclose(art.lines[1].get_ydata(), art.xs)


@pytest.mark.parametrize(
    ("betas", "kwargs", "error"),
    [
        ([1.0, 2.0], {}, ValueError),  # 2 coefficients for 3 columns
        ([[1.0, 2.0, 3.0]], {"labels": ["a", "b"]}, ValueError),
        ({"a": [1.0, 2.0, 3.0]}, {"labels": ["a"]}, ValueError),
        ([1.0, 2.0, np.nan], {}, ValueError),
        ([1.0, 2.0, 3.0], {"ax": "not an axes"}, TypeError),
    ],
)
def test_fit_rejects_bad_arguments(lecture, betas, kwargs, error):
    X, y, _ = lecture
    with pytest.raises(error):
        pm.plot_regression_fit(X, y, betas, **kwargs)


# --- β trajectories and losses ------------------------------------------------------------


def test_beta_trajectory_has_one_line_per_coefficient_and_dashed_targets(lecture):
    X, y, beta0 = lecture
    r = linear_regression_gd(X, y, beta0, lr=0.01, steps=300)
    ax = pm.plot_beta_trajectory(r, target=pinv_solution(X, y))
    drawn(ax)
    assert ax.get_xlabel() == "step" and ax.get_title()
    assert legend_texts(ax) == ["β₀", "β₁", "β₂", "pinv solution X⁺y"]
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert sorted(float(ln.get_ydata()[0]) for ln in dashed[:3]) == pytest.approx([1.0, 2.0, 3.0])
    colours = [ln.get_color() for ln in ax.get_lines()]
    assert colours[:6:2] == palette(3)


def test_beta_trajectory_checks_its_arguments(lecture):
    X, y, beta0 = lecture
    r = linear_regression_gd(X, y, beta0, lr=0.01, steps=10)
    with pytest.raises(ValueError, match="target"):
        pm.plot_beta_trajectory(r, target=[1.0, 2.0])
    with pytest.raises(ValueError, match="names"):
        pm.plot_beta_trajectory(r, names=["a"])


def test_loss_history_against_step_uses_log_scale_and_marks_divergence(lecture):
    X, y, beta0 = lecture
    runs = {f"λ = {lr}": linear_regression_gd(X, y, beta0, lr=lr, steps=200) for lr in (0.001, 0.01, 0.2)}
    ax = pm.plot_loss_history(runs)
    drawn(ax)
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "step"
    labels = legend_texts(ax)
    assert labels[:2] == ["λ = 0.001", "λ = 0.01"]
    assert labels[2].startswith("λ = 0.2 (diverged at step")


def test_loss_history_draws_exact_zero_losses_as_gaps():
    X, y, _ = lecture_data()
    r = linear_regression_gd(X, y, [1.0, 2.0, 3.0], lr=0.01, steps=5)  # starts at the exact fit
    ax = pm.plot_loss_history([r, linear_regression_gd(X, y, np.zeros(3), lr=0.01, steps=5)], log=True)
    drawn(ax)
    assert np.all(np.isnan(ax.get_lines()[0].get_ydata()))


def test_loss_history_against_epoch_and_seconds(sgd_runs):
    minimum = 1.0
    ax = pm.plot_loss_history(sgd_runs, against="epoch", minimum=minimum)
    drawn(ax)
    assert ax.get_xlabel().startswith("epoch")
    assert legend_texts(ax) == ["GD", "b = 10", "b = 1", "minimum 1"]
    for line, run in zip(ax.get_lines(), sgd_runs.values()):
        np.testing.assert_allclose(line.get_ydata(), run.extra["epoch_losses"])
    ax = pm.plot_loss_history(sgd_runs, against="seconds", log=False)
    drawn(ax)
    assert ax.get_xlabel() == "seconds" and ax.get_yscale() == "linear"
    t = ax.get_lines()[2].get_xdata()
    assert t[0] == 0.0 and np.all(np.diff(t) > 0)


def test_loss_history_explains_what_a_run_lacks(lecture, sgd_runs):
    X, y, beta0 = lecture
    gd = linear_regression_gd(X, y, beta0, lr=0.01, steps=10)
    with pytest.raises(ValueError, match="epoch_seconds"):
        pm.plot_loss_history(gd, against="seconds")
    with pytest.raises(ValueError, match="step_losses"):
        pm.plot_loss_history(sgd_runs["b = 1"], against="step")
    with pytest.raises(ValueError, match="against"):
        pm.plot_loss_history(gd, against="minutes")
    with pytest.raises(TypeError, match="DescentResult"):
        pm.plot_loss_history([np.zeros(3)])


# --- the loss surface and paths -----------------------------------------------------------


def test_paths_on_contours(line_problem, sgd_runs):
    X, y = line_problem
    ax = pm.plot_regression_paths(X, y, sgd_runs)
    drawn(ax)
    assert ax.get_xlabel() == "β₀ (slope)" and ax.get_ylabel() == "β₁ (intercept)"
    assert "contours" in ax.get_title()
    assert legend_texts(ax) == ["pinv X⁺y (minimum)", "GD", "b = 10", "b = 1", "start"]
    assert ax.collections, "the contours are drawn"
    sgd_line = next(ln for ln in ax.get_lines() if ln.get_label() == "b = 1")
    assert len(sgd_line.get_xdata()) == sgd_runs["b = 1"].path.shape[0]


def test_paths_need_two_coefficients():
    X = np.ones((5, 1))
    r = linear_regression_gd(X, np.ones(5), [0.0], lr=0.1, steps=3)
    with pytest.raises(ValueError, match="2 columns"):
        pm.plot_regression_paths(X, np.ones(5), r)


# --- classifiers, activations, softmax ----------------------------------------------------


@pytest.mark.parametrize("k", [2, 3, 5])
def test_decision_regions_for_two_or_more_classes(k):
    X, y = make_blobs(20, k, seed=0)
    centres = np.array([X[y == c].mean(axis=0) for c in range(k)])

    def nearest_centre(points):
        return np.argmin(((points[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)

    ax = pm.plot_decision_regions(nearest_centre, X, y, resolution=60)
    drawn(ax)
    assert ax.get_title() == "decision regions"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x₁", "x₂")
    assert legend_texts(ax) == [f"class {c}" for c in range(k)]
    image = ax.get_images()[0]
    assert set(np.unique(image.get_array())) <= set(range(k))
    # Every class's points carry that class's colour.
    for c, coll in enumerate(ax.collections[:k]):
        assert matplotlib.colors.to_hex(coll.get_facecolor()[0]) == palette(k)[c].lower()


def test_decision_regions_check_the_predict_function():
    X, y = make_rings(40, seed=0)
    with pytest.raises(ValueError, match="one label per point"):
        pm.plot_decision_regions(lambda p: np.zeros((len(p), 2)), X, y, resolution=20)
    with pytest.raises(ValueError, match="integer class labels"):
        pm.plot_decision_regions(lambda p: np.full(len(p), 0.5), X, y, resolution=20)
    with pytest.raises(TypeError, match="callable"):
        pm.plot_decision_regions("predict", X, y)


def test_activations_row_of_panels():
    panels = pm.plot_activations(title="activations")
    fig = panels[0].figure
    drawn(fig)
    assert isinstance(fig, Figure) and fig.axes == list(panels) and fig.get_suptitle() == "activations"
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["sigmoid", "tanh", "ReLU"]
    for ax in fig.axes:
        assert len(legend_texts(ax)) == 2 and ax.get_xlabel() == "x"
    # tanh'(0) = 1 (the lecture's quiz) and the ReLU derivative jumps at 0 without a vertical line.
    tanh_grad = fig.axes[1].get_lines()[3]
    assert np.interp(0.0, *tanh_grad.get_data()) == pytest.approx(1.0)
    relu_grad = fig.axes[2].get_lines()[3]
    assert np.isnan(relu_grad.get_ydata()).sum() == 1


def test_activations_reject_unknown_names_and_a_wrong_number_of_axes():
    with pytest.raises(ValueError, match="names"):
        pm.plot_activations(["softplus"])
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(TypeError, match="ax must be 3 matplotlib Axes"):
        pm.plot_activations(ax=axes)
    assert list(pm.plot_activations(["tanh", "relu"], ax=axes)) == list(axes)
    plt.close(fig)


def test_softmax_bars_hold_the_lecture_values():
    ax = pm.plot_softmax([1.0, 2.0, 0.0])
    drawn(ax)
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights, [0.2447, 0.6652, 0.0900], atol=5e-5)
    texts = [t.get_text() for t in ax.texts]
    assert "0.6652" in texts and "arg max" in texts
    assert "one-hot vector of the arg max: (0, 1, 0)" in texts
    assert ax.patches[1].get_hatch() == "//" and not ax.patches[0].get_hatch()
    assert ax.get_title() == "softmax(o)"
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "class 0\no = 1"


def test_softmax_temperature_flattens_and_sharpens():
    hot = pm.plot_softmax([1.0, 2.0, 0.0], temperature=100.0)
    cold = pm.plot_softmax([1.0, 2.0, 0.0], temperature=0.01)
    assert max(b.get_height() for b in hot.patches) < 0.34
    assert cold.patches[1].get_height() == pytest.approx(1.0)
    assert "T = 0.01" in cold.get_title()
    with pytest.raises(ValueError, match="temperature"):
        pm.plot_softmax([1.0, 2.0], temperature=0.0)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-50, 50), min_size=2, max_size=6), st.floats(0.05, 20.0))
def test_softmax_plot_renders_any_logits(logits, temperature):
    ax = pm.plot_softmax(logits, temperature=temperature)
    drawn(ax)
    heights = np.array([b.get_height() for b in ax.patches])
    np.testing.assert_allclose(heights, softmax(np.array(logits) / temperature))
    plt.close(ax.figure)


# --- log axes for explorers ---------------------------------------------------------------


def test_loss_curve_and_sticky_limits():
    fig, ax = plt.subplots()
    curve = pa.LogCurve(ax, color="C0")
    shown = curve.set_data([0, 1, 2], [10.0, 0.0, 1e-3], diverged=True)
    assert np.isnan(shown[1])
    assert curve.stop.get_xdata()[0] == 2
    assert pa.sticky_log_limits(ax, [shown], top=100.0, floor=1e-12)
    assert ax.get_ylim() == pytest.approx((1e-3, 100.0))
    # A run with higher losses keeps the lower limit: nothing to redraw.
    assert not pa.sticky_log_limits(ax, [[1.0, 5.0]], top=100.0, floor=1e-12)
    assert pa.sticky_log_limits(ax, [[1e-20]], top=100.0, floor=1e-12)
    assert ax.get_ylim()[0] == pytest.approx(1e-12)
    drawn(fig)


# --- computational graphs -----------------------------------------------------------------


def arrows(ax) -> list:
    return [a for a in ax.get_children() if isinstance(a, pg.BoxArrow)]


def test_square_of_sum_graph_layout_and_text():
    nodes, edges = trace(square_of_sum_graph(1.0, 2.0))
    pos = pg.graph_layout(nodes, edges)
    by_label = {n.label: n for n in nodes}
    column = {n.label: pos[n.id][0] for n in nodes}
    assert column == {"x": 0.0, "y": 0.0, "w": 1.0, "z": 2.0}
    assert pos[by_label["x"].id][1] < pos[by_label["y"].id][1]  # x above y, as in the formula
    w = by_label["w"]
    assert pg.node_text(w, ["x", "y"]) == "w = x + y\nvalue 3.0\ngrad 6.0"
    assert pg.node_text(by_label["z"], ["w"]).startswith("z = w²")


def test_plot_graph_draws_boxes_and_arrows():
    ax = pg.plot_graph(square_of_sum_graph(1.0, 2.0), title="z = (x + y)²")
    drawn(ax)
    assert ax.get_title() == "z = (x + y)²"
    boxes = [t.get_text() for t in ax.texts if t.get_bbox_patch() is not None]
    assert "x\nvalue 1.0\ngrad 6.0" in boxes and "z = w²\nvalue 9.0\ngrad 1.0" in boxes
    assert len(arrows(ax)) == 3  # x → w, y → w, w → z


def test_neuron_graph_columns_follow_depth():
    root = neuron_graph()
    nodes, edges = trace(root)
    pos = pg.graph_layout(nodes, edges)
    column = {n.label: pos[n.id][0] for n in nodes}
    assert column["x₁"] == column["w₁"] == 0.0
    assert column["p₁"] == 1.0 and column["s"] == 2.0
    assert column["b"] == 2.0  # an input sits just left of its first use
    assert column["o"] == 4.0
    ax = pg.plot_graph(nodes, edges)
    drawn(ax)
    assert len(arrows(ax)) == len(edges)
    # ∂o/∂x₁ = w₁(1 − o²)
    x1 = next(n for n in nodes if n.label == "x₁")
    assert x1.grad == pytest.approx(0.5 * (1 - root.data**2))


def test_a_node_used_twice_gets_two_bent_arrows():
    a = Value(3.0, "a")
    b = a + a
    b.label = "b"
    c = b * a
    c.label = "c"
    c.backward()
    nodes, edges = trace(c)
    ax = pg.plot_graph(nodes, edges)
    drawn(ax)
    rads = sorted(a.rad for a in arrows(ax))
    assert rads[0] == pytest.approx(-0.25) and 0.25 in rads
    assert any(t.get_text().startswith("b = a + a") for t in ax.texts)


def test_update_graph_changes_only_the_texts():
    fig, ax = plt.subplots()
    nodes, edges = trace(square_of_sum_graph(1.0, 2.0))
    art = pg.draw_graph(ax, nodes, edges)
    new_nodes, _ = trace(square_of_sum_graph(0.5, 0.5))
    pg.update_graph(art, new_nodes)
    assert any(t.get_text() == "x\nvalue 0.5\ngrad 2.0" for t in art.texts)
    drawn(fig)
    with pytest.raises(ValueError, match="same graph"):
        pg.update_graph(art, trace(neuron_graph())[0])


def test_plot_graph_checks_its_input():
    with pytest.raises(TypeError, match="trace"):
        pg.plot_graph([1, 2, 3], [])
    nodes, edges = trace(square_of_sum_graph())
    with pytest.raises(TypeError, match="edges"):
        pg.plot_graph(nodes)
    with pytest.raises(ValueError, match="later one"):
        pg.plot_graph(nodes, [(3, 0)])
    with pytest.raises(ValueError, match="omitted"):
        pg.plot_graph(square_of_sum_graph(), edges)

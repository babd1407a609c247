"""Explorers of regression, SGD, softmax, a classifier and the chain rule (helpers.widgets.regression/networks).

Every control is pushed to its extreme values, and hypothesis sets random control states: each
state must render without an exception or a warning, change the figure, and give a status line
of an allowed form.
"""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers.autodiff import square_of_sum_graph, trace  # noqa: E402
from helpers.descent import DescentResult  # noqa: E402
from helpers.i18n import edition  # noqa: E402
from helpers.plots.graphs import node_text  # noqa: E402
from helpers.widgets import EXPLORERS  # noqa: E402
from helpers.widgets.descent import STEP_CAPS  # noqa: E402
from helpers.widgets.networks import (  # noqa: E402
    chain_rule_explorer,
    classifier_explorer,
    softmax_explorer,
)
from helpers.widgets.regression import STEP_CHOICES, regression_explorer, sgd_explorer  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")

NUM = r"-?\d+(?:\.\d+)?(?:e[+-]\d+)?"
VEC = rf"\[{NUM}(?:, {NUM})*\]"
REGRESSION = re.compile(
    rf"^(?:finished \d+ steps: β = {VEC}|diverged at step \d+: last finite β = {VEC}), "
    rf"‖β − β_pinv‖ = {NUM} \(β_pinv = {VEC}\)$"
)
_RUN = rf"(?:loss {NUM} after \d+ epochs|diverged at step \d+ \(epoch \d+\))"
SGD = re.compile(rf"^SGD \(b = \d+\) {_RUN}; GD {_RUN}; minimum {NUM}$")
SOFTMAX = re.compile(
    r"^softmax\(o(?: / T\) with T = \S+|\)) = \[\d\.\d{4}, \d\.\d{4}, \d\.\d{4}\]; "
    r"arg max: class [012], one-hot \[[01], [01], [01]\]$"
)
CLASSIFIER = re.compile(
    rf"^(?:trained \d+ epochs: train accuracy \d+\.\d%, loss {NUM}"
    rf"|diverged at epoch \d+ \(lr = {NUM}\); kept epoch \d+: train accuracy \d+\.\d%, loss {NUM})$"
)
CHAIN = re.compile(
    rf"^(?:∂z/∂x = 2\(x \+ y\) = {NUM} ✓ matches autodiff \(x\.grad = {NUM}\)"
    rf"|∂o/∂x₁ = w₁\(1 − o\)\(1 \+ o\) = {NUM} ✓ matches autodiff \(x₁\.grad = {NUM}\))$"
)


def states(n: int) -> settings:
    """Hypothesis settings for ``n`` random control states on a module-scoped explorer."""
    return settings(
        max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    )


def set_controls(ex, **values) -> None:
    """Set several controls, then update once (as a learner's last slider move would)."""
    with ex.quiet():
        for name, value in values.items():
            ex.controls[name].value = value
    ex.refresh()


def bounds(control) -> list:
    """The extreme values of a control: the ends of a slider, every option of a chooser."""
    if hasattr(control, "options"):
        values = [v if not isinstance(v, tuple) else v[1] for v in control.options]
        return values if len(values) <= 4 else [values[0], values[-1]]
    if hasattr(control, "base"):  # log slider: min and max are exponents
        return [control.base**control.min, control.base**control.max]
    return [control.min, control.max]


def check_extremes(ex, pattern, skip=()):
    """Every control at each extreme: the status has an allowed form, one render follows, the PNG changes."""
    for name, control in ex.controls.items():
        if name in skip or not hasattr(control, "value"):
            continue
        start = control.value
        for value in bounds(control) + [start]:
            before, renders, old = ex.png, ex.renders, control.value
            control.value = value
            assert pattern.match(ex.status), (name, value, ex.status)
            if control.value != old:
                assert ex.renders == renders + 1, (name, value, "one render per change")
                assert ex.png != before, (name, value, "the figure did not change")
            else:
                assert ex.renders == renders, (name, value, "no render without a change")
            assert ex.last_update_seconds > 0
        control.value = start


# --- notebook 04: regression by gradient descent --------------------------------------------


@pytest.fixture(scope="module")
def regression():
    return regression_explorer()


def test_regression_explorer_starts_with_the_lecture(regression):
    assert repr(regression) == "<linear regression by gradient descent explorer>"
    assert regression.status == (
        "finished 100 steps: β = [3.413, 4.636, -6.692], ‖β − β_pinv‖ = 10.3 (β_pinv = [1, 2, 3])"
    )
    assert set(regression.controls) == {"lr", "steps", "objective", "data"}
    assert regression.png.startswith(b"\x89PNG")


def test_regression_explorer_reproduces_the_lecture_run():
    ex = regression_explorer(lr=0.01, steps=5000)
    assert ex.status.startswith("finished 5000 steps: β = [1, 2, 3], ‖β − β_pinv‖ = 6.09e-06")
    np.testing.assert_allclose(ex.result.x, [1.00000367, 1.99999949, 2.99999516], atol=1e-8)


def test_regression_explorer_extremes(regression):
    check_extremes(regression, REGRESSION)


def test_regression_explorer_says_where_it_diverged(regression):
    c = regression.controls
    c["data"].value, c["objective"].value, c["steps"].value = "lecture", "lecture", 100
    line = regression.fit.lines[1]
    c["lr"].value = 0.1
    assert regression.status.startswith("diverged at step 29:")
    assert "diverged at step 29" in regression.note.get_text()
    assert len(regression.loss.stop.get_xdata()) == 1
    before = np.array(line.get_ydata(), dtype=float)
    c["lr"].value = 0.01
    assert regression.status.startswith("finished 100 steps")
    assert not np.array_equal(before, line.get_ydata(), equal_nan=True)
    assert len(regression.loss.stop.get_xdata()) == 0


def test_moving_only_T_reuses_the_run(regression):
    c = regression.controls
    c["data"].value, c["objective"].value, c["lr"].value = "noisy", "squared", 0.05
    c["steps"].value = 1000
    run = regression.result
    c["steps"].value = 100
    assert regression.result is run
    assert len(regression.loss.line.get_xdata()) == 101


@pytest.mark.parametrize("data", ["lecture", "noisy"])  # a new data set relayouts: not once per state
@states(15)
@given(
    lr=st.floats(1e-4, 1.0),
    steps=st.sampled_from(STEP_CHOICES),
    objective=st.sampled_from(["lecture", "norm", "squared"]),
)
def test_regression_explorer_any_state(regression, data, lr, steps, objective):
    renders = regression.renders
    set_controls(regression, data=data, objective=objective, steps=steps, lr=lr)
    assert regression.renders == renders + 1
    assert REGRESSION.match(regression.status), regression.status
    assert len(regression.loss.line.get_xdata()) == regression.result.path[: steps + 1].shape[0]


@states(40)
@given(lr=st.floats(1e-4, 1.0), steps=st.sampled_from(STEP_CHOICES))
def test_regression_explorer_any_rate_and_steps(regression, lr, steps):
    # The sliders a learner moves most, on the lecture's problem: the figure's axes stay.
    set_controls(regression, data="lecture", objective="lecture", steps=steps, lr=lr)
    assert REGRESSION.match(regression.status), regression.status
    beta = regression.result.path[min(steps, regression.result.steps)]
    np.testing.assert_allclose(regression.fit.lines[1].get_ydata(), regression.X @ beta)


# --- notebook 06: SGD against gradient descent ----------------------------------------------


@pytest.fixture(scope="module")
def sgd():
    return sgd_explorer()


def test_sgd_explorer_starts(sgd):
    assert repr(sgd) == "<SGD against gradient descent explorer>"
    assert SGD.match(sgd.status), sgd.status
    assert sgd.status.startswith("SGD (b = 10) loss 1.0476 after 10 epochs; GD loss 3.9972 after 10 epochs")
    assert len(sgd.sgd_line.get_xdata()) == 10 * 20 + 1  # 20 updates per epoch
    assert len(sgd.gd_line.get_xdata()) == 11


def test_sgd_explorer_extremes(sgd):
    check_extremes(sgd, SGD)


def test_sgd_explorer_divergence_and_full_batch(sgd):
    c = sgd.controls
    c["lr"].value, c["batch_size"].value = 1.0, 1
    assert "SGD (b = 1) diverged at step" in sgd.status
    assert "diverged" in sgd.note.get_text()
    c["batch_size"].value, c["lr"].value = 200, 0.1
    # With b = n, SGD is gradient descent: the same losses.
    sgd_loss, gd_loss = re.findall(r"loss (\d+\.\d+)", sgd.status)
    assert sgd_loss == gd_loss
    assert "SGD is gradient descent" in sgd.note.get_text()
    c["batch_size"].value, c["lr"].value = 10, 0.05


def test_sgd_contours_are_drawn_once(sgd):
    contours = list(sgd.ax_map.collections)
    sgd.controls["seed"].value = 7
    sgd.controls["seed"].value = 0
    assert list(sgd.ax_map.collections) == contours


@states(45)
@given(
    batch_size=st.integers(1, 200),
    lr=st.floats(1e-3, 1.0),
    epochs=st.integers(1, 30),
    seed=st.integers(0, 99),
)
def test_sgd_explorer_any_state(sgd, batch_size, lr, epochs, seed):
    set_controls(sgd, batch_size=batch_size, lr=lr, epochs=epochs, seed=seed)
    assert SGD.match(sgd.status), sgd.status
    # The paths hold what the runs recorded.
    assert len(sgd.sgd_line.get_xdata()) == sgd.sgd.path.shape[0]


# --- notebook 07: softmax ------------------------------------------------------------------


@pytest.fixture(scope="module")
def soft():
    return softmax_explorer()


def test_softmax_explorer_starts_with_the_lecture(soft):
    assert repr(soft) == "<softmax explorer>"
    assert soft.status == "softmax(o) = [0.2447, 0.6652, 0.0900]; arg max: class 1, one-hot [0, 1, 0]"
    assert [b.get_height() for b in soft.probs.bars] == pytest.approx([0.2447, 0.6652, 0.0900], abs=5e-5)
    # Classes are numbered 0, 1, 2 as everywhere in the course, and the scores o₀, o₁, o₂ with them.
    assert [t.get_text() for t in soft.ax_probs.get_xticklabels()] == ["class 0", "class 1", "class 2"]
    assert [t.get_text() for t in soft.ax_logits.get_xticklabels()] == ["o₀", "o₁", "o₂"]


def test_softmax_explorer_extremes(soft):
    check_extremes(soft, SOFTMAX)


def test_softmax_explorer_lecture_rows(soft):
    c = soft.controls
    c["o0"].value, c["o1"].value, c["o2"].value = -10.0, 0.0, 10.0
    assert soft.status.startswith("softmax(o) = [0.0000, 0.0000, 1.0000]; arg max: class 2")
    np.testing.assert_allclose(soft.p, [2.06e-09, 4.54e-05, 0.99995], rtol=1e-2)
    before = soft.png
    c["temperature"].value = 10.0
    assert soft.png != before
    assert "with T = 10" in soft.status and soft.status.endswith("one-hot [0, 0, 1]")
    c["temperature"].value = 1.0
    c["o0"].value, c["o1"].value, c["o2"].value = 1.0, 2.0, 0.0


@states(70)
@given(
    o=st.lists(st.floats(-10, 10), min_size=3, max_size=3),
    temperature=st.floats(0.1, 10.0),
)
def test_softmax_explorer_any_state(soft, o, temperature):
    c = soft.controls
    set_controls(soft, temperature=temperature, o0=o[0], o1=o[1], o2=o[2])
    assert SOFTMAX.match(soft.status), soft.status
    assert soft.p.sum() == pytest.approx(1.0)
    assert [b.get_height() for b in soft.logit_bars] == pytest.approx([c["o0"].value, c["o1"].value, c["o2"].value])


# --- notebooks 07/08: a trained classifier ------------------------------------------------------


@pytest.fixture(scope="module")
def classifier():
    return classifier_explorer(epochs=20, hidden=8)


def test_classifier_trains_on_the_button_only(classifier):
    assert repr(classifier) == "<classifier explorer>"
    assert CLASSIFIER.match(classifier.status), classifier.status
    renders, png = classifier.renders, classifier.png
    classifier.controls["epochs"].value = 30
    assert classifier.renders == renders  # no training on a slider move
    assert classifier.controls["train"].description == "Train (changed)"
    assert all(getattr(w, "continuous_update", False) is False for w in classifier.controls.values()
               if hasattr(w, "continuous_update"))  # fmt: skip
    classifier.controls["train"].click()
    assert classifier.renders == renders + 1
    assert classifier.status.startswith("trained 30 epochs: train accuracy")
    run = classifier.history  # what MLP.train returned: a run like every other, counted in epochs
    assert isinstance(run, DescentResult) and run.kind == "training" and len(run.values) == 31
    assert classifier.status == (
        f"trained 30 epochs: train accuracy {run.extra['accuracy'][-1]:.1%}, loss {run.values[-1]:.3g}"
    )
    assert classifier.png != png
    assert classifier.controls["train"].description == "Trained"


def test_classifier_ignores_clicks_while_it_trains(classifier):
    """Clicks made during a training reach the kernel after it: they must not train again (and again)."""
    button, c = classifier.controls["train"], classifier.controls
    c["epochs"].value = c["epochs"].value + 1
    assert (button.description, button.disabled) == ("Train (changed)", False)
    seen = []
    button.observe(lambda _: seen.append((button.description, button.disabled)), names="description")
    renders = classifier.renders
    for _ in range(10):
        button.click()
    assert classifier.renders == renders + 1, "ten clicks, one training"
    assert seen == [("Training…", True), ("Trained", True)], "greyed while it trains and after"
    c["lr"].value = 0.5
    assert (button.description, button.disabled) == ("Train (changed)", False)
    c["lr"].value = 1.0
    assert (button.description, button.disabled) == ("Trained", True), "back to the trained settings"
    c["epochs"].value = c["epochs"].value - 1
    button.click()
    assert classifier.renders == renders + 2


def test_classifier_extremes(classifier):
    c = classifier.controls
    for name in ("dataset", "activation", "hidden", "layers", "lr", "epochs"):
        start = c[name].value
        values = bounds(c[name])
        if name == "epochs":
            values = [c[name].min, 40]  # the maximum (1000 epochs) is timed by the benchmark instead
        for value in values:
            before = classifier.png
            c[name].value = value
            c["train"].click()
            assert CLASSIFIER.match(classifier.status), (name, value, classifier.status)
            assert classifier.png != before or name == "activation", (name, value)
        c[name].value = start


def test_classifier_divergence_and_the_linear_network(classifier):
    c = classifier.controls
    c["dataset"].value, c["lr"].value = "blobs", 30.0
    c["train"].click()
    assert CLASSIFIER.match(classifier.status)
    c["lr"].value, c["activation"].value, c["dataset"].value, c["epochs"].value = 0.5, "identity", "rings", 100
    c["train"].click()
    # Without a nonlinearity the network is linear: no better than about half right on the rings.
    accuracy = float(re.search(r"accuracy (\d+\.\d)%", classifier.status).group(1))
    assert accuracy < 70
    image = classifier.regions.get_array()
    assert image.shape == (classifier.RESOLUTION, classifier.RESOLUTION)
    c["activation"].value, c["dataset"].value, c["lr"].value, c["epochs"].value = "relu", "spirals", 1.0, 20


@states(8)
@given(
    dataset=st.sampled_from(["blobs", "rings", "spirals"]),
    activation=st.sampled_from(["relu", "tanh", "sigmoid", "identity"]),
    hidden=st.integers(1, 8),
    lr=st.floats(1e-3, 30.0),
    epochs=st.integers(1, 10),
)
def test_classifier_any_state(classifier, dataset, activation, hidden, lr, epochs):
    c = classifier.controls
    c["dataset"].value, c["activation"].value, c["hidden"].value = dataset, activation, hidden
    c["lr"].value, c["epochs"].value = lr, epochs
    c["train"].click()
    assert CLASSIFIER.match(classifier.status), classifier.status


# --- notebook 09: the chain rule --------------------------------------------------------------


@pytest.fixture(scope="module")
def chain():
    return chain_rule_explorer()


def test_chain_rule_explorer_starts_with_the_lecture(chain):
    assert repr(chain) == "<chain rule explorer>"
    assert chain.status == "∂z/∂x = 2(x + y) = 6.0 ✓ matches autodiff (x.grad = 6.0)"
    texts = [t.get_text() for t in chain.art.texts]
    assert "w = x + y\nvalue 3.0\ngrad 6.0" in texts


def test_chain_rule_updates_texts_in_place(chain):
    texts = list(chain.art.texts)
    before = chain.png
    chain.controls["x"].value = -1.0
    assert chain.art.texts == texts  # the same artists, new text
    assert "w = x + y\nvalue 1.0\ngrad 2.0" in [t.get_text() for t in texts]
    assert chain.png != before
    assert chain.status == "∂z/∂x = 2(x + y) = 2.0 ✓ matches autodiff (x.grad = 2.0)"
    chain.controls["x"].value = 1.0


def test_chain_rule_extremes(chain):
    check_extremes(chain, CHAIN)


def test_chain_rule_neuron(chain):
    chain.controls["graph"].value = "neuron"
    assert chain.status.startswith("∂o/∂x₁ = w₁(1 − o)(1 + o) = ")
    assert len(chain.art.texts) == 10
    chain.controls["graph"].value = "square"
    assert len(chain.art.texts) == 4


@states(12)
@given(
    graph=st.sampled_from(["square", "neuron"]),
    x=st.floats(-3, 3),
    y=st.floats(-3, 3),
)
def test_chain_rule_any_state(chain, graph, x, y):
    set_controls(chain, graph=graph, x=x, y=y)
    assert CHAIN.match(chain.status), chain.status


@states(30)
@given(x=st.floats(-3, 3), y=st.floats(-3, 3))
def test_chain_rule_any_input(chain, x, y):
    set_controls(chain, graph="square", x=x, y=y)
    assert CHAIN.match(chain.status), chain.status
    # Every box shows what autodiff computed for the slider values.
    nodes, edges = trace(square_of_sum_graph(chain.value("x"), chain.value("y")))  # the values it computes with
    args = [[nodes[a].label for a, b in edges if b == node.id] for node in nodes]
    assert [t.get_text() for t in chain.art.texts] == [node_text(n, a) for n, a in zip(nodes, args)]


# --- the factories' arguments -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (regression_explorer, {"lr": 0.0}),
        (regression_explorer, {"objective": "absolute"}),
        (regression_explorer, {"steps": 0}),
        (sgd_explorer, {"batch_size": 201}),
        (sgd_explorer, {"epochs": 31}),
        (softmax_explorer, {"o0": 11.0}),
        (softmax_explorer, {"temperature": 0.0}),
        (classifier_explorer, {"dataset": "moons2"}),
        (classifier_explorer, {"hidden": 0}),
        (chain_rule_explorer, {"x": 4.0}),
        (chain_rule_explorer, {"graph": "mlp"}),
    ],
)
def test_factories_check_their_arguments(factory, kwargs):
    with pytest.raises(ValueError):
        factory(**kwargs)


# --- the Korean edition's controls --------------------------------------------------------------

#: Each explorer's controls in the English edition: description, then the menu's labels (a dropdown's or
#: a selection slider's) or the text box's placeholder. The Korean edition must not change a byte of them.
ENGLISH_CONTROLS = {
    "tangent": {
        "function": ("function", ("x² + 2x + 3", "sin(x)", "eˣ", "x⁴ − 3x² + x")),
        "x0": ("point x₀",),
        "h": ("step h",),
    },
    "descent_1d": {
        "function": ("function", ("x² + 2x + 3", "x·cos(0.15πx)", "x⁴ − 3x² + x", "typed formula →")),
        "formula": ("f(x) =", "e.g. x**2 + 3*sin(2*x)"),
        "lr": ("learning rate λ",),
        "eps": ("threshold ε",),
        "x0": ("start x₀",),
        "max_steps": ("step cap", tuple(str(n) for n in STEP_CAPS)),
    },
    "descent_2d": {
        "function": (
            "function",
            ("x² + 2y²", "x² + 10y²", "(1 − x)² + 100(y − x²)²", "(x² + y − 11)² + (x + y² − 7)²"),
        ),
        "lr": ("learning rate λ",),
        "eps": ("threshold ε",),
        "x0": ("start x₀",),
        "y0": ("start y₀",),
        "max_steps": ("step cap", tuple(str(n) for n in STEP_CAPS)),
    },
    "momentum": {
        "lr": ("learning rate λ",),
        "beta": ("momentum β",),
        "x0": ("start x₀",),
        "y0": ("start y₀",),
    },
    "regression": {
        "lr": ("learning rate λ",),
        "steps": ("steps T", tuple(str(n) for n in STEP_CHOICES)),
        "objective": (
            "objective",
            (
                "lecture: ½‖y − Xβ‖² (the lecture's code)",
                "norm: ‖y − Xβ‖₂ with 1/n (RMSE)",
                "squared: mean squared error",
            ),
        ),
        "data": ("data", ("the lecture's 4 points, y = x₁ + 2x₂ + 3", "50 noisy points, one feature")),
    },
    "convergence": {
        "function": ("function", ("x² + 2x + 3 (convex)", "x⁴ − 3x² + x (non-convex)", "x·cos(0.15πx) (non-convex)")),
        "lr": ("learning rate λ",),
        "x0": ("start x₀",),
    },
    "sgd": {
        "batch_size": ("batch size b",),
        "lr": ("learning rate λ",),
        "epochs": ("epochs",),
        "seed": ("seed (batch order)",),
    },
    "softmax": {
        "o0": ("logit o₀",),
        "o1": ("logit o₁",),
        "o2": ("logit o₂",),
        "temperature": ("temperature T",),
    },
    "classifier": {
        "dataset": ("data set", ("blobs", "rings", "spirals")),
        "activation": ("activation σ", ("sigmoid", "tanh", "relu", "identity")),
        "hidden": ("hidden units",),
        "layers": ("hidden layers",),
        "lr": ("learning rate λ",),
        "epochs": ("epochs",),
        "train": ("Train",),
    },
    "chain_rule": {
        "graph": ("graph", ("z = (x + y)²", "neuron o = tanh(w₁x₁ + w₂x₂ + b)")),
        "x": ("x (or x₁)",),
        "y": ("y (or x₂)",),
    },
}

HANGUL = re.compile(r"[가-힣]")
#: Names of functions, kept in both editions (the code passes them: activation="relu").
FUNCTION_NAMES = re.compile(r"\b(?:sin|cos|exp|tanh|relu|sigmoid|identity)\b")


def control_texts(control) -> tuple:
    """What a control shows in words: its description, then its menu's labels or its placeholder."""
    texts: tuple = (control.description,)
    if hasattr(control, "options"):
        texts += (tuple(control._options_labels),)
    elif getattr(control, "placeholder", ""):
        texts += (control.placeholder,)
    return texts


def control_state(control) -> dict:
    """Everything of a control but its words: kind, value, range, grid, menu values, readout, widths."""
    state = {"kind": type(control).__name__}
    for trait in ("value", "min", "max", "step", "base", "readout_format", "disabled", "button_style", "icon"):
        if control.has_trait(trait):
            state[trait] = getattr(control, trait)
    if hasattr(control, "options"):
        state["options"] = [o[1] if isinstance(o, tuple) else o for o in control.options]
    state["layout"] = control.layout.width
    state["description_width"] = getattr(control.style, "description_width", None)
    return state


def _flat(texts) -> list[str]:
    return [t for item in texts for t in ((item,) if isinstance(item, str) else item)]


def _in_words(text: str) -> bool:
    """Whether a text has a word to translate (not only math symbols such as x₀ and f(x) =, or function names)."""
    return re.search(r"[A-Za-z]{2,}|\be\.g\.", FUNCTION_NAMES.sub("", text)) is not None


def build_in(lang: str, name: str):
    with edition(lang):
        return EXPLORERS[name]()


def test_every_explorer_is_listed():
    assert list(ENGLISH_CONTROLS) == list(EXPLORERS)


@pytest.mark.parametrize("name", list(ENGLISH_CONTROLS))
def test_the_korean_edition_labels_the_same_controls_in_korean(name):
    en, ko = build_in("en", name), build_in("ko", name)
    english = {k: control_texts(c) for k, c in en.controls.items()}
    assert english == ENGLISH_CONTROLS[name], "the English edition's controls are unchanged"
    assert list(ko.controls) == list(en.controls)
    for key, control in ko.controls.items():
        assert control_state(control) == control_state(en.controls[key]), (name, key, "same control, other words")
        korean = control_texts(control)
        assert len(_flat(korean)) == len(_flat(english[key]))
        for e, k in zip(_flat(english[key]), _flat(korean)):
            if _in_words(e):
                assert HANGUL.search(k), (name, key, e, k, "not translated")
            else:
                assert k == e, (name, key, "a symbol or a function's name stays as it is")
        # The math symbols stay: "학습률 λ", "시작점 x₀" (tools/lab_server.py finds the λ slider by its λ).
        symbols = re.compile(r"[^\sA-Za-z가-힣().,:'→…]")
        assert symbols.findall(korean[0]) == symbols.findall(english[key][0]), (name, key, korean[0])


def test_one_korean_label_per_english_label():
    """An English label has one Korean in every explorer ("learning rate λ" is "학습률 λ"), though each module
    keeps its own catalogue."""
    seen: dict[str, set] = {}
    for name in ENGLISH_CONTROLS:
        en, ko = build_in("en", name), build_in("ko", name)
        for key, control in ko.controls.items():
            for e, k in zip(_flat(control_texts(en.controls[key])), _flat(control_texts(control))):
                seen.setdefault(e, set()).add(k)
    assert {e: ks for e, ks in seen.items() if len(ks) > 1} == {}


def test_the_train_button_speaks_the_language_it_was_built_in():
    with edition("ko"):
        ex = classifier_explorer(epochs=5, hidden=4)
    button = ex.controls["train"]
    seen = []
    button.observe(lambda _: seen.append(button.description), names="description")
    assert button.description == "학습"
    ex.controls["epochs"].value = 6  # outside edition("ko"): the explorer keeps its edition's language
    assert (button.description, button.disabled) == ("학습 (설정 바뀜)", False)
    button.click()
    assert seen == ["학습 (설정 바뀜)", "학습 중…", "학습 완료"]
    assert button.disabled

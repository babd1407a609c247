"""Explorers of networks: softmax (notebook 07), a trained classifier (07/08), the chain rule (09).

The softmax and chain-rule explorers redraw only their moving artists (bars, texts, arrows) over a
saved background on every slider move. The classifier trains a network, which takes a moment: it
recomputes when its "Train" button is pressed, not on every slider move.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from ..autodiff import neuron_graph, square_of_sum_graph, trace
from ..datasets import make_blobs, make_rings, make_spirals, region_grid
from ..descent import DescentResult
from ..i18n import Messages, language
from ..nn import ACTIVATIONS, MLP
from ..plots.axes import LogCurve, log_limits
from ..plots.graphs import (
    GraphArtists,
    draw_graph,
    figure_size,
    graph_layout,
    update_graph,
)
from ..plots.models import (
    draw_class_points,
    draw_softmax,
    light,
    predict_grid,
    region_cmap,
    update_softmax,
)
from ..plots.style import COLORS, FIG_WIDE, course_style
from ..validation import check_choice, check_int, check_real
from .canvas import FigureExplorer
from .controls import control_rows, linear_slider, log_slider

__all__ = [
    "CLASSIFIER_DATA",
    "ChainRuleExplorer",
    "ClassifierExplorer",
    "GRAPHS",
    "SoftmaxExplorer",
    "chain_rule_explorer",
    "classifier_data",
    "classifier_explorer",
    "softmax_explorer",
]

_STYLE = {"description_width": "130px"}
_WIDE = widgets.Layout(width="400px")

#: The data sets of :func:`classifier_explorer`, each 300 points in the plane, made from a seed (the menu
#: lists them in this order).
_CLASSIFIER_MAKERS = {
    "blobs": lambda seed: make_blobs(100, 3, spread=1.2, seed=seed),
    "rings": lambda seed: make_rings(300, noise=0.15, seed=seed),
    "spirals": lambda seed: make_spirals(100, 3, noise=0.2, seed=seed),
}
CLASSIFIER_DATA = tuple(_CLASSIFIER_MAKERS)
#: The graphs of :func:`chain_rule_explorer`.
GRAPHS = ("square", "neuron")

_LOGIT_RANGE = 10.0


def _number(v: float) -> str:
    """3.0 for whole numbers, 4 significant digits otherwise (as in the graph's boxes)."""
    return f"{v:.1f}" if v == int(v) and abs(v) < 1e6 else f"{v:.4g}"


# --- softmax (notebook 07) ---------------------------------------------------------------------


class SoftmaxExplorer(FigureExplorer):
    """Three logits o₀, o₁, o₂ (classes 0, 1, 2) and a temperature: the scores as bars, softmax(o / T) as
    probability bars."""

    title = "softmax"

    def __init__(self, o0: float, o1: float, o2: float, temperature: float):
        logits = zip(("o0", "o1", "o2"), (o0, o1, o2))
        values = [check_real(nm, v, low=-_LOGIT_RANGE, high=_LOGIT_RANGE) for nm, v in logits]
        temperature = check_real("temperature", temperature, low=0.1, high=10.0)
        controls = {
            f"o{i}": linear_slider(
                tr("logit {name}", name="o" + "₀₁₂"[i]), v, -_LOGIT_RANGE, _LOGIT_RANGE, style=_STYLE, layout=_WIDE
            )
            for i, v in enumerate(values)
        }
        controls["temperature"] = log_slider(
            tr("temperature T"), temperature, -1, 1, step=0.02, fmt=".3g", style=_STYLE, layout=_WIDE
        )
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1, 1.25]})
        self.ax_logits, self.ax_probs = axes[0]
        names = ["class 0", "class 1", "class 2"]
        with course_style():
            ax = self.ax_logits
            self.logit_bars = ax.bar(
                np.arange(3), np.zeros(3), width=0.6, color=light(COLORS["green"], 0.3), edgecolor=COLORS["green"]
            )
            self.logit_texts = [ax.text(i, 0.0, "", ha="center", fontsize=10) for i in range(3)]
            ax.axhline(0.0, color="0.3", lw=1.0)
            ax.set_xticks(np.arange(3), ["o₀", "o₁", "o₂"])
            ax.set_xlim(-0.6, 2.6)
            ax.set_ylim(-_LOGIT_RANGE * 1.15, _LOGIT_RANGE * 1.15)
            ax.set_ylabel("score (logit)")
            ax.set_title("scores o")
            ax.grid(axis="x", visible=False)
            self.probs = draw_softmax(self.ax_probs, 3, class_names=names)
            self.ax_probs.set_title("probabilities softmax(o / T)")
        self.animate(*self.logit_bars, *self.logit_texts, *self.probs.artists)
        self.p = np.full(3, 1 / 3)
        layout = control_rows([controls["o0"], controls["o1"], controls["o2"]], [controls["temperature"]])
        super().__init__(controls, figure, layout=layout)

    def update(self) -> str:
        o = np.array([self.value("o0"), self.value("o1"), self.value("o2")], dtype=float)
        T = self.value("temperature")
        for i, (bar, text) in enumerate(zip(self.logit_bars, self.logit_texts)):
            bar.set_height(o[i])
            text.set_position((i, o[i] + (0.4 if o[i] >= 0 else -0.4)))
            text.set_verticalalignment("bottom" if o[i] >= 0 else "top")
            text.set_text(f"{o[i]:.1f}")
        p = update_softmax(self.probs, o, temperature=T, ticks=False)
        self.p = p
        shown = ", ".join(f"{v:.4f}" for v in p)
        onehot = ", ".join("1" if i == int(np.argmax(p)) else "0" for i in range(3))
        head = "softmax(o)" if T == 1.0 else tr("softmax(o / T) with T = {T:.3g}", T=T)
        return tr(
            "{head} = [{shown}]; arg max: class {winner}, one-hot [{onehot}]",
            head=head,
            shown=shown,
            winner=int(np.argmax(p)),
            onehot=onehot,
        )


def softmax_explorer(o0: float = 1.0, o1: float = 2.0, o2: float = 0.0, temperature: float = 1.0) -> SoftmaxExplorer:
    """Softmax of three logits o₀, o₁, o₂ (classes 0, 1, 2), with sliders for the logits and a temperature T.

    softmax(o / T)_i = exp(o_i / T) / Σ_k exp(o_k / T): a large T flattens the probabilities
    towards uniform, a small T sharpens them towards the one-hot vector of the arg max, which
    never changes with T (softmax keeps the order of the scores). The status gives the
    probabilities rounded to 4 digits, e.g. the lecture's softmax([1, 2, 0]) = [0.2447, 0.6652, 0.0900].

    Parameters
    ----------
    o0, o1, o2 : float
        The logits of classes 0, 1, 2, each in [−10, 10].
    temperature : float
        T, in [0.1, 10].

    Returns
    -------
    SoftmaxExplorer
    """
    return SoftmaxExplorer(o0, o1, o2, temperature)


# --- a trained classifier (notebooks 07 and 08) ------------------------------------------------


def classifier_data(name: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The classifier explorer's data sets: 300 points in the plane.

    Parameters
    ----------
    name : {"blobs", "rings", "spirals"}
        Three separable clouds; two concentric rings; three interleaved spiral arms.
    seed : int

    Returns
    -------
    X : ndarray, shape (300, 2)
    y : ndarray of int, shape (300,)
    """
    check_choice("dataset", name, CLASSIFIER_DATA)
    seed = check_int("seed", seed, low=0)
    return _CLASSIFIER_MAKERS[name](seed)


class ClassifierExplorer(FigureExplorer):
    """An MLP trained on 2-D data: its decision regions and its loss per epoch, on "Train"."""

    title = "classifier"

    #: Grid points per axis of the decision regions.
    RESOLUTION = 150
    #: Limits that keep one training run under about a second. Wider hidden layers make numpy's
    #: BLAS split small products over threads, which is many times slower on a busy 2-core machine.
    MAX_HIDDEN = 32
    MAX_LAYERS = 2
    MAX_EPOCHS = 1000

    def __init__(self, dataset, activation, hidden, layers, lr, epochs, seed):
        check_choice("dataset", dataset, CLASSIFIER_DATA)
        check_choice("activation", activation, tuple(ACTIVATIONS))
        hidden = check_int("hidden", hidden, low=1, high=self.MAX_HIDDEN)
        layers = check_int("layers", layers, low=1, high=self.MAX_LAYERS)
        lr = check_real("lr", lr, low=1e-3, high=30.0)
        epochs = check_int("epochs", epochs, low=1, high=self.MAX_EPOCHS)
        self.seed = check_int("seed", seed, low=0)
        # The edition's language when it is built: the button's later states speak it too.
        self._lang = language()
        # Literal templates (so each has its Korean); a data set without a label fails here, loudly.
        labels = {"blobs": tr("blobs"), "rings": tr("rings"), "spirals": tr("spirals")}
        data_sets = [(labels[name], name) for name in CLASSIFIER_DATA]
        controls = {
            "dataset": widgets.Dropdown(
                options=data_sets, value=dataset, description=tr("data set"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
            "activation": widgets.Dropdown(  # the functions' own names, in both editions
                options=list(ACTIVATIONS), value=activation, description=tr("activation σ"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
            "hidden": widgets.IntSlider(
                value=hidden, min=1, max=self.MAX_HIDDEN, description=tr("hidden units"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
            "layers": widgets.IntSlider(
                value=layers, min=1, max=self.MAX_LAYERS, description=tr("hidden layers"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
            "lr": log_slider(tr("learning rate λ"), lr, -3, math.log10(30.0), fmt=".3g", style=_STYLE, layout=_WIDE),
            "epochs": widgets.IntSlider(
                value=epochs, min=1, max=self.MAX_EPOCHS, description=tr("epochs"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
            "train": widgets.Button(
                description=tr("Train"), button_style="primary", icon="play", layout=widgets.Layout(width="160px")
            ),  # fmt: skip
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1.15, 1]})
        self.ax_map, self.ax_loss = axes[0]
        with course_style():
            self.regions = self.ax_map.imshow(
                np.zeros((2, 2)), origin="lower", extent=(0, 1, 0, 1), interpolation="nearest", aspect="equal",
                cmap=region_cmap(3), vmin=-0.5, vmax=2.5,
            )  # fmt: skip
            self.ax_map.set_xlabel("x₁")
            self.ax_map.set_ylabel("x₂")
            self.ax_map.grid(False)
            self.curve = LogCurve(self.ax_loss, color=COLORS["vermillion"], label="training loss")
            self.ax_loss.set_xlabel("epoch")
            self.ax_loss.set_ylabel("mean cross-entropy (log scale)")
            self.ax_loss.set_title("loss per epoch")
        self.points: list = []
        self._dataset = None
        self.history: DescentResult | None = None  # the last training run (MLP.train's result)
        self.net: MLP | None = None
        layout = control_rows(
            [controls["dataset"], controls["activation"], controls["hidden"], controls["layers"]],
            [controls["lr"], controls["epochs"], controls["train"]],
        )
        # The settings of the last training by the button (None: the first press trains, as the notebook says).
        self._trained: tuple | None = None
        super().__init__(controls, figure, layout=layout, continuous=False)
        controls["train"].on_click(self._on_train)

    def _settings(self) -> tuple:
        return tuple(self.value(name) for name in self.controls if name != "train")

    def _show_button(self, description: str, style: str, icon: str, disabled: bool) -> None:
        button = self.controls["train"]
        with button.hold_sync():  # one message to the page, not four
            button.disabled, button.description, button.button_style, button.icon = disabled, description, style, icon

    def _on_change(self, change) -> None:
        # Training takes a moment: a changed setting waits for the button.
        if self._trained is not None and self._settings() == self._trained:
            self._show_button(tr("Trained", lang=self._lang), "success", "check", True)
        else:
            self._show_button(tr("Train (changed)", lang=self._lang), "warning", "play", False)

    def _on_train(self, _button) -> None:
        # Clicks made while a training runs wait in the kernel's queue and arrive once it is done (10
        # clicks ran 10 trainings): training is deterministic, so a click on the settings just trained
        # is one of those and is ignored. The greyed button says so, and stops most clicks in the page.
        settings = self._settings()
        if settings == self._trained:
            return
        self._show_button(tr("Training…", lang=self._lang), "info", "hourglass-half", True)
        try:
            self.refresh()
            self._trained = settings
        finally:
            self._on_change(None)  # "Trained", greyed until a setting changes

    def _show_data(self, name: str) -> None:
        X, y = classifier_data(name, seed=self.seed)
        self.X, self.y = X, y
        self.k = int(y.max()) + 1
        # The network sees standardised inputs; the figure shows the data as they are.
        self.mean, self.scale = X.mean(axis=0), X.std(axis=0)
        self.grid, extent = region_grid(X, padding=0.1, resolution=self.RESOLUTION)
        self.grid_std = (self.grid - self.mean) / self.scale
        for sc in self.points:
            sc.remove()
        with course_style():
            self.points = draw_class_points(self.ax_map, X, y, self.k, [f"class {c}" for c in range(self.k)])
            self.ax_map.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        self.regions.set_extent(tuple(extent))
        self.regions.set_cmap(region_cmap(self.k))
        self.regions.set_clim(-0.5, self.k - 0.5)
        self.ax_map.set_xlim(extent[0], extent[1])
        self.ax_map.set_ylim(extent[2], extent[3])
        self._dataset = name
        self.relayout()

    def update(self) -> str:
        c = self.controls
        if c["dataset"].value != self._dataset:
            self._show_data(c["dataset"].value)
        sizes = [2] + [c["hidden"].value] * c["layers"].value + [self.k]
        net = MLP(sizes, c["activation"].value, seed=self.seed)
        history = net.train((self.X - self.mean) / self.scale, self.y, lr=self.value("lr"), epochs=c["epochs"].value)
        self.net, self.history = net, history
        Z = predict_grid(lambda pts: net.predict(pts), self.grid_std, self.RESOLUTION)
        self.regions.set_data(Z)
        losses = history.values
        assert losses is not None  # a training run records its loss at every epoch
        self.curve.set_data(np.arange(len(losses)), losses, diverged=history.diverged)
        self.ax_loss.set_xlim(0, max(c["epochs"].value, 1))
        self.ax_loss.set_ylim(log_limits(losses, decades=0.2))
        arch = " → ".join(str(s) for s in sizes)
        self.ax_map.set_title(f"decision regions: {arch}, {c['activation'].value}")
        # A new network changes nearly everything: draw the whole figure.
        self.invalidate()
        acc, loss, epochs = history.extra["accuracy"][-1], losses[-1], len(losses) - 1
        if history.diverged:
            return tr(
                "diverged at epoch {epoch} (lr = {lr:.3g}); kept epoch {kept}: train accuracy {acc:.1%}, loss {loss:.3g}",
                epoch=history.diverged_at,
                lr=history.lr,
                kept=epochs,
                acc=acc,
                loss=loss,
            )
        return tr(
            "trained {epochs} epochs: train accuracy {acc:.1%}, loss {loss:.3g}", epochs=epochs, acc=acc, loss=loss
        )


def classifier_explorer(
    dataset: str = "spirals",
    activation: str = "relu",
    hidden: int = 32,
    layers: int = 1,
    lr: float = 1.0,
    epochs: int = 300,
    *,
    seed: int = 0,
) -> ClassifierExplorer:
    """Train a small network on 2-D data with a button: decision regions and loss per epoch.

    A network with ``layers`` hidden layers of ``hidden`` units and activation σ is trained by
    full-batch gradient descent on the mean cross-entropy of softmax(logits). Training takes up
    to about a second, so it runs when "Train" is pressed, not on every slider move. With
    σ = identity the network is a linear model, whatever its depth: it cannot separate the rings.
    The status reads "trained 300 epochs: train accuracy 97.5%, loss 0.081", or "diverged at epoch
    12 …" when the learning rate is too large.

    Parameters
    ----------
    dataset : {"blobs", "rings", "spirals"}
    activation : {"relu", "tanh", "sigmoid", "identity"}
    hidden : int
        Units per hidden layer, in [1, 32].
    layers : int
        Hidden layers, in [1, 2].
    lr : float
        The learning rate λ, in [0.001, 30].
    epochs : int
        Passes over the data, in [1, 1000].
    seed : int
        Seeds the data and the initial weights.

    Returns
    -------
    ClassifierExplorer
    """
    return ClassifierExplorer(dataset, activation, hidden, layers, lr, epochs, seed)


# --- the chain rule on a computational graph (notebook 09) -------------------------------------


class ChainRuleExplorer(FigureExplorer):
    """A computational graph with the values (forward) and gradients (backward) of every node."""

    title = "chain rule"

    #: The neuron's fixed weights and bias; the sliders move its inputs x₁, x₂.
    NEURON = {"w1": 0.5, "w2": 0.25, "b": 0.3}

    def __init__(self, x: float, y: float, graph: str):
        x = check_real("x", x, low=-3.0, high=3.0)
        y = check_real("y", y, low=-3.0, high=3.0)
        check_choice("graph", graph, GRAPHS)
        options = [("z = (x + y)²", "square"), (tr("neuron o = tanh(w₁x₁ + w₂x₂ + b)"), "neuron")]
        wide = widgets.Layout(width="460px")
        controls = {
            "graph": widgets.Dropdown(options=options, value=graph, description=tr("graph"), style=_STYLE, layout=wide),
            "x": linear_slider(tr("x (or x₁)"), x, -3.0, 3.0, positions=60, style=_STYLE, layout=_WIDE),
            "y": linear_slider(tr("y (or x₂)"), y, -3.0, 3.0, positions=60, style=_STYLE, layout=_WIDE),
        }
        # Sized for the larger graph, a little tighter than a static plot: fewer pixels to encode.
        width, height = figure_size(graph_layout(*trace(neuron_graph())))
        figure, axes = self._new_figure((0.92 * width, 0.9 * height))
        self.ax = axes[0, 0]
        self.art: GraphArtists | None = None
        self._graph: str | None = None
        layout = widgets.VBox([controls["graph"], control_rows([controls["x"]], [controls["y"]])])
        super().__init__(controls, figure, layout=layout)

    def _root(self, graph: str, x: float, y: float):
        if graph == "square":
            return square_of_sum_graph(x, y)
        return neuron_graph(x, y, self.NEURON["w1"], self.NEURON["w2"], self.NEURON["b"])

    def _show_graph(self, graph: str, nodes, edges) -> None:
        if self.art is not None:
            self.forget(*self.art.texts, *self.art.arrows)
        self.ax.clear()
        with course_style():
            self.art = art = draw_graph(self.ax, nodes, edges)
            square = graph == "square"
            self.ax.set_title("z = (x + y)², with w = x + y" if square else "one neuron: o = tanh(w₁x₁ + w₂x₂ + b)")
        # The boxes change size with their text, and the arrows end at the boxes: both move.
        self.animate(*art.texts, *art.arrows)
        self._graph = graph
        # The axes are hidden and the title keeps its height: the layout stays, the drawing is new.
        self.invalidate()

    def update(self) -> str:
        c = self.controls
        graph, x, y = c["graph"].value, self.value("x"), self.value("y")
        root = self._root(graph, x, y)
        nodes, edges = trace(root)
        if graph != self._graph or self.art is None:
            self._show_graph(graph, nodes, edges)
        else:
            update_graph(self.art, nodes)
        by_label = {n.label: n for n in nodes}
        if graph == "square":
            expected, name, formula = 2 * (x + y), "x", "2(x + y)"
            got = by_label["x"].grad
            head = f"∂z/∂x = {formula} = {_number(expected)}"
        else:
            o = root.data
            expected = self.NEURON["w1"] * (1 - o) * (1 + o)
            name, got = "x₁", by_label["x₁"].grad
            head = f"∂o/∂x₁ = w₁(1 − o)(1 + o) = {_number(expected)}"
        if math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
            return tr("{head} ✓ matches autodiff ({name}.grad = {got})", head=head, name=name, got=_number(got))
        return tr("{head} ✗ autodiff gives {name}.grad = {got}", head=head, name=name, got=_number(got))


def chain_rule_explorer(x: float = 1.0, y: float = 2.0, graph: str = "square") -> ChainRuleExplorer:
    """The chain rule on a computational graph, with sliders for the inputs.

    Every box shows a node's value (the forward pass, left to right) and its gradient ∂out/∂node
    (the backward pass, right to left), computed by :mod:`helpers.autodiff`. The status compares
    the gradient with the chain rule by hand: "∂z/∂x = 2(x + y) = 6.0 ✓ matches autodiff".

    Parameters
    ----------
    x, y : float
        The inputs, in [−3, 3] (x₁ and x₂ for the neuron).
    graph : {"square", "neuron"}
        The lecture's z = (x + y)², or one neuron o = tanh(w₁x₁ + w₂x₂ + b) with w₁ = 0.5,
        w₂ = 0.25, b = 0.3.

    Returns
    -------
    ChainRuleExplorer
    """
    return ChainRuleExplorer(x, y, graph)


# The Korean edition's status lines and control labels (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "softmax(o / T) with T = {T:.3g}": "T = {T:.3g}일 때 softmax(o / T)",
        "{head} = [{shown}]; arg max: class {winner}, one-hot [{onehot}]": "{head} = [{shown}]; arg max: 클래스 {winner}, 원-핫 [{onehot}]",
        "diverged at epoch {epoch} (lr = {lr:.3g}); kept epoch {kept}: train accuracy {acc:.1%}, loss {loss:.3g}": "{epoch}번째 에폭에서 발산 (lr = {lr:.3g}), {kept}번째 에폭의 파라미터를 유지: 학습 정확도 {acc:.1%}, 손실 {loss:.3g}",
        "trained {epochs} epochs: train accuracy {acc:.1%}, loss {loss:.3g}": "{epochs} 에폭 학습: 학습 정확도 {acc:.1%}, 손실 {loss:.3g}",
        "{head} ✓ matches autodiff ({name}.grad = {got})": "{head} ✓ 자동미분과 일치 ({name}.grad = {got})",
        "{head} ✗ autodiff gives {name}.grad = {got}": "{head} ✗ 자동미분은 {name}.grad = {got}",
        # The controls' labels (the figures keep English text in both editions).
        "logit {name}": "로짓 {name}",
        "temperature T": "온도 T",
        "data set": "데이터",
        "blobs": "blobs (덩어리)",
        "rings": "rings (고리)",
        "spirals": "spirals (나선)",
        "activation σ": "활성함수 σ",
        "hidden units": "은닉 유닛 수",
        "hidden layers": "은닉층 수",
        "learning rate λ": "학습률 λ",
        "epochs": "에폭 수",
        "Train": "학습",
        "Trained": "학습 완료",
        "Train (changed)": "학습 (설정 바뀜)",
        "Training…": "학습 중…",
        "graph": "그래프",
        "neuron o = tanh(w₁x₁ + w₂x₂ + b)": "뉴런 o = tanh(w₁x₁ + w₂x₂ + b)",
        "x (or x₁)": "x (또는 x₁)",
        "y (or x₂)": "y (또는 x₂)",
    }
)

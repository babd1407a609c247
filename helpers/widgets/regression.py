"""Explorers of linear regression: gradient descent against X⁺y (notebook 04), SGD against GD (notebook 06).

Both draw their static parts once (the data, the pseudo-inverse line, the loss contours) and on a
slider move only rerun the descent and set new data on the existing artists. A run of T steps is
the start of any longer run with the same settings, so moving only T (or the number of epochs of
full gradient descent) slices a cached run instead of computing it again.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.text import Text

from ..datasets import REGRESSION_DATA, regression_data, sgd_problem
from ..descent import DescentResult
from ..i18n import Messages
from ..plots.axes import LogCurve, decade_above, sticky_log_limits
from ..plots.models import (
    FitArtists,
    auto_extent,
    coefficient_names,
    draw_loss_contours,
    draw_regression_fit,
    update_regression_fit,
)
from ..plots.style import COLORS, FIG_WIDE, course_style
from ..regression import OBJECTIVES, linear_regression_gd, pinv_solution, regression_loss
from ..sgd import regression_sgd
from ..validation import check_choice, check_int, check_real
from .canvas import FigureExplorer
from .controls import control_rows, log_slider

__all__ = [
    "RegressionExplorer",
    "SGDExplorer",
    "STEP_CHOICES",
    "regression_explorer",
    "sgd_explorer",
]

#: The number-of-steps slider's values (any other T given to the factory is added to them).
STEP_CHOICES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

_STYLE = {"description_width": "150px"}
#: Top of a loss axis once a run has diverged (the loss reaches about 1e24 before it is stopped).
_DIVERGED_TOP = 1e30
_WIDE = widgets.Layout(width="440px")

_OBJECTIVE_AXIS = {
    "lecture": "½‖y − Xβ‖²",
    "norm": "‖y − Xβ‖₂ (RMSE)",
    "squared": "mean squared error",
}


def _objective_options() -> list[tuple[str, str]]:
    """The objective menu's (label, value) pairs, in the edition's language."""
    return [
        (tr("lecture: ½‖y − Xβ‖² (the lecture's code)"), "lecture"),
        (tr("norm: ‖y − Xβ‖₂ with 1/n (RMSE)"), "norm"),
        (tr("squared: mean squared error"), "squared"),
    ]


def _data_options() -> list[tuple[str, str]]:
    """The data menu's (label, value) pairs, in the edition's language."""
    return [
        (tr("the lecture's 4 points, y = x₁ + 2x₂ + 3"), "lecture"),
        (tr("50 noisy points, one feature"), "noisy"),
    ]


def _log_slider(description: str, value: float, low: float, high: float, fmt: str = ".3g") -> widgets.FloatLogSlider:
    return log_slider(description, value, low, high, fmt=fmt, style=_STYLE, layout=_WIDE)


def _top(top: float, *arrays: np.ndarray) -> float:
    """The loss axis' top: ``top`` while the curves fit below it, one far higher when a run blows up.

    Two states only, so a diverging run costs one redraw of the axes, not one per slider move.
    """
    high = max((float(np.nanmax(a)) for a in arrays if np.any(np.isfinite(a))), default=0.0)
    return top if high <= top else _DIVERGED_TOP


def _vector(v: np.ndarray) -> str:
    return "[" + ", ".join(f"{x:.4g}" for x in v) + "]"


# --- notebook 04: gradient descent against the pseudo-inverse ----------------------------------


class RegressionExplorer(FigureExplorer):
    """Gradient descent for linear regression: the fitted line after T steps, the loss per step."""

    title = "linear regression by gradient descent"

    def __init__(self, lr: float, steps: int, objective: str, data: str, seed: int):
        lr = check_real("lr", lr, low=1e-4, high=1.0)
        steps = check_int("steps", steps, low=1, high=STEP_CHOICES[-1])
        check_choice("objective", objective, OBJECTIVES)
        check_choice("data", data, REGRESSION_DATA)
        self.seed = check_int("seed", seed, low=0)
        choices = sorted({*STEP_CHOICES, steps})
        controls = {
            "lr": _log_slider(tr("learning rate λ"), lr, -4, 0),
            "steps": widgets.SelectionSlider(
                options=choices, value=steps, description=tr("steps T"), style=_STYLE, layout=_WIDE
            ),
            "objective": widgets.Dropdown(
                options=_objective_options(), value=objective, description=tr("objective"), style=_STYLE, layout=_WIDE
            ),
            "data": widgets.Dropdown(
                options=_data_options(), value=data, description=tr("data"), style=_STYLE, layout=_WIDE
            ),
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2)
        self.ax_fit, self.ax_loss = axes[0]
        self.max_steps = choices[-1]
        with course_style():
            self.loss = LogCurve(self.ax_loss, color=COLORS["vermillion"], label="gradient descent")
            (self.floor,) = self.ax_loss.plot([], [], color="0.3", ls=":", lw=1.3, label="minimum, at X⁺y")
            # A fixed step axis, logarithmic after step 1: runs of 10 and 5000 steps both show, and
            # moving T does not redraw the axes.
            self.ax_loss.set_xscale("symlog", linthresh=1.0, linscale=0.5)
            self.ax_loss.set_xlim(0, self.max_steps)
            self.ax_loss.set_xlabel("step t (log scale after 1)")
        # Redrawn on every frame; the rest is a saved background (see FigureExplorer).
        self.animate(*self.loss.artists)
        # Set by _show_data and _show_objective, which the first update calls.
        self.fit: FitArtists | None = None
        self.note: Text | None = None
        self._data: str | None = None
        self._objective: str | None = None
        self._cache: dict = {}
        self.result: DescentResult | None = None
        layout = control_rows([controls["lr"], controls["steps"]], [controls["objective"], controls["data"]])
        super().__init__(controls, figure, layout=layout)

    # Static parts, drawn when the data or the objective change.

    def _show_data(self, name: str) -> None:
        X, y, beta0 = regression_data(name, seed=self.seed)
        self.X, self.y, self.beta0 = X, y, beta0
        self.pinv = pinv_solution(X, y)
        if self.fit is not None:  # the old panel's moving artists go with it
            self.forget(self.fit.lines[1], self.note, self.ax_fit.get_legend())
        self.ax_fit.clear()
        with course_style():
            self.fit = fit = draw_regression_fit(
                self.ax_fit,
                X,
                y,
                {"pinv X⁺y": self.pinv, "gradient descent": beta0, "start β⁰": beta0},
                colors=[COLORS["blue"], COLORS["vermillion"], "0.55"],
            )
            self.ax_fit.set_title("data and fit" if fit.mode == "line" else "fitted values ŷ = Xβ against y")
            self.note = note = self.ax_fit.text(
                0.98, 0.03, "", transform=self.ax_fit.transAxes, ha="right", va="bottom", fontsize=9.5,
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.8", "alpha": 0.9},
            )  # fmt: skip
        # The note is drawn after the moving line and the legend pasted over both: neither is hidden.
        note.set_zorder(21)
        self.animate(fit.lines[1], note, overlays=[self.ax_fit.get_legend()])
        self._data = name
        self._cache.clear()
        self.relayout()

    def _show_objective(self, objective: str) -> None:
        minimum = regression_loss(self.X, self.y, self.pinv, objective)
        self.minimum = minimum
        self.start_loss = regression_loss(self.X, self.y, self.beta0, objective)
        self.top = decade_above(10 * self.start_loss)
        self.ax_loss.set_ylim(self.top / 1e3, self.top)
        # The lecture's data are fitted exactly: a minimum of 0 has no place on a log axis.
        self.floor.set_data(([0.0, 1e9], [minimum, minimum]) if minimum > 1e-12 else ([], []))
        self.ax_loss.set_ylabel(f"{_OBJECTIVE_AXIS[objective]} (log scale)")
        self.ax_loss.set_title(f"loss per step: {objective}")
        handles = [self.loss.line] + ([self.floor] if minimum > 1e-12 else [])
        if self.ax_loss.get_legend() is not None:
            self.forget(self.ax_loss.get_legend())
        self.animate(overlays=[self.ax_loss.legend(handles=handles, loc="upper right")])
        self._objective = objective
        # New labels and limits, same layout (tick labels that grow wider relayout by themselves).
        self.invalidate()

    def _top(self, shown: np.ndarray) -> float:
        return _top(self.top, shown)

    def _run(self, lr: float, steps: int, objective: str) -> tuple[np.ndarray, np.ndarray, DescentResult]:
        """Path and losses of the first ``steps`` steps, from a cached run when one is long enough."""
        key = (lr, objective)
        run = self._cache.get(key)
        if run is None or (run.steps < steps and not run.diverged):
            run = linear_regression_gd(self.X, self.y, self.beta0, lr=lr, steps=steps, objective=objective)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = run
        assert run.values is not None  # linear_regression_gd records the loss of every step
        return run.path[: steps + 1], run.values[: steps + 1], run

    def update(self) -> str:
        c = self.controls
        lr, steps, objective, data = self.value("lr"), c["steps"].value, c["objective"].value, c["data"].value
        if data != self._data:
            self._show_data(data)
            self._objective = None
        if objective != self._objective:
            self._show_objective(objective)
        path, values, run = self._run(lr, steps, objective)
        assert self.fit is not None and self.note is not None  # drawn by _show_data above
        diverged = run.diverged and run.diverged_at <= steps
        beta = path[-1]
        update_regression_fit(self.fit, 1, beta)
        if diverged:
            self.note.set_text(f"gradient descent diverged at step {run.diverged_at}:\nits fit is far outside the view")
            self.note.set_color(COLORS["vermillion"])
        else:
            self.note.set_text(f"gradient descent after T = {steps} step{'s' if steps > 1 else ''}")
            self.note.set_color("0.2")
        shown = self.loss.set_data(np.arange(len(values)), values, diverged=diverged)
        floor = [self.minimum] if self.minimum > 1e-12 else []
        # Limits that rarely move: the axes' ticks are then not drawn again.
        sticky_log_limits(self.ax_loss, [shown, floor], top=self._top(shown), floor=self.top * 1e-30)
        self.result = run
        distance = float(np.linalg.norm(beta - self.pinv))
        if diverged:
            head = tr("diverged at step {step}: last finite β = {beta}", step=run.diverged_at, beta=_vector(beta))
        else:
            head = tr("finished {steps} steps: β = {beta}", steps=steps, beta=_vector(beta))
        return f"{head}, ‖β − β_pinv‖ = {distance:.3g} (β_pinv = {_vector(self.pinv)})"  # symbols only


def regression_explorer(
    lr: float = 0.01,
    steps: int = 100,
    objective: str = "lecture",
    data: str = "lecture",
    *,
    seed: int = 0,
) -> RegressionExplorer:
    """Linear regression by gradient descent with sliders: the fit after T steps against β = X⁺y.

    Left, the data with the pseudo-inverse solution, the start and the gradient-descent fit after
    T steps (one feature: lines; the lecture's two features: fitted values ŷ against y); right, the
    loss per step (log scale). The status gives the final β, its distance ‖β − β_pinv‖ to the
    pseudo-inverse solution, and whether the run finished or diverged ("diverged at step 12").

    Parameters
    ----------
    lr : float
        The learning rate λ, in [1e-4, 1].
    steps : int
        The number of steps T, in [1, 5000].
    objective : {"lecture", "norm", "squared"}
        The loss descended; see :func:`helpers.regression.regression_loss`.
    data : {"lecture", "noisy"}
        The lecture's 4 points (start β = [10.1, 15.1, −6.5]) or 50 noisy points on a line (start 0).
    seed : int
        Seed of the noisy data.

    Returns
    -------
    RegressionExplorer

    Examples
    --------
    The lecture's run: ``regression_explorer(lr=0.01, steps=5000)`` ends at β ≈ [1, 2, 3].
    """
    return RegressionExplorer(lr, steps, objective, data, seed)


# --- notebook 06: SGD against full gradient descent ------------------------------------------


class SGDExplorer(FigureExplorer):
    """Minibatch SGD against full gradient descent: paths on the loss contours, loss per epoch."""

    title = "SGD against gradient descent"

    #: The largest number of epochs offered (b = 1 makes n updates per epoch).
    MAX_EPOCHS = 30

    def __init__(self, batch_size: int, lr: float, epochs: int, seed: int, n: int, data_seed: int):
        self.X, self.y, self.beta0 = sgd_problem(n, seed=data_seed)
        n = self.X.shape[0]
        batch_size = check_int("batch_size", batch_size, low=1, high=n)
        lr = check_real("lr", lr, low=1e-3, high=1.0)
        epochs = check_int("epochs", epochs, low=1, high=self.MAX_EPOCHS)
        seed = check_int("seed", seed, low=0, high=99)
        controls = {
            "batch_size": widgets.IntSlider(
                value=batch_size, min=1, max=n, description=tr("batch size b"), style=_STYLE, layout=_WIDE
            ),
            "lr": _log_slider(tr("learning rate λ"), lr, -3, 0),
            "epochs": widgets.IntSlider(
                value=epochs, min=1, max=self.MAX_EPOCHS, description=tr("epochs"), style=_STYLE, layout=_WIDE
            ),
            "seed": widgets.IntSlider(
                value=seed, min=0, max=99, description=tr("seed (batch order)"), style=_STYLE, layout=_WIDE
            ),  # fmt: skip
        }
        self.pinv = pinv_solution(self.X, self.y)
        self.minimum = regression_loss(self.X, self.y, self.pinv, "squared")
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1.1, 1]})
        self.ax_map, self.ax_loss = axes[0]
        extent = auto_extent([self.beta0], self.pinv, margin=0.3)
        names = coefficient_names(2)
        with course_style():
            # The contours are computed and drawn once; the sliders only move the two paths.
            draw_loss_contours(self.ax_map, self.X, self.y, objective="squared", extent=extent, names=names)
            (self.sgd_line,) = self.ax_map.plot([], [], color=COLORS["vermillion"], lw=0.9, alpha=0.85, zorder=4,
                                                label="SGD, batch size b")  # fmt: skip
            (self.gd_line,) = self.ax_map.plot([], [], color=COLORS["blue"], lw=1.8, marker="o", ms=3.5, zorder=5,
                                               label="gradient descent (b = n)")  # fmt: skip
            (self.ends,) = self.ax_map.plot([], [], ls="none", marker="o", ms=7, mec="white", color="0.2", zorder=7)
            (start,) = self.ax_map.plot(
                *self.beta0, marker="s", ms=8, color=COLORS["black"], ls="none", label="start", zorder=8
            )
            self.ax_map.set_title("paths on the contours of the mean squared error")
            star = self.ax_map.get_lines()[0]  # the minimum X⁺y, drawn with the contours
            map_legend = self.ax_map.legend(
                handles=[self.sgd_line, self.gd_line, star, start], loc="lower right", fontsize=8.5
            )
            self.sgd_curve = LogCurve(self.ax_loss, color=COLORS["vermillion"], label="SGD", marker="o")
            self.gd_curve = LogCurve(self.ax_loss, color=COLORS["blue"], label="gradient descent", marker="o")
            # Fixed axes: moving a slider then only redraws the curves.
            self.ax_loss.set_xlim(-0.5, self.MAX_EPOCHS + 0.5)
            self.start_excess = regression_loss(self.X, self.y, self.beta0, "squared") - self.minimum
            self.top = decade_above(10 * self.start_excess)
            self.ax_loss.set_ylim(self.top / 1e3, self.top)
            self.ax_loss.set_xlabel("epoch (passes over the data)")
            self.ax_loss.set_ylabel("L(β) − L(X⁺y) (log scale)")
            self.ax_loss.set_title("loss above its minimum, per epoch")
            loss_legend = self.ax_loss.legend(handles=[self.sgd_curve.line, self.gd_curve.line], loc="upper right")
            self.note = self.ax_map.text(
                0.02, 0.98, "", transform=self.ax_map.transAxes, ha="left", va="top", fontsize=9.5, zorder=21,
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.8", "alpha": 0.9},
            )  # fmt: skip
        # Everything drawn over the moving paths is redrawn with them, in zorder; legends go on top.
        self.animate(
            self.sgd_line, self.gd_line, self.ends, self.note, star, start,
            *self.sgd_curve.artists, *self.gd_curve.artists,
            overlays=[map_legend, loss_legend],
        )  # fmt: skip
        self._gd_cache: dict = {}
        self._sgd_cache: dict = {}
        self.sgd: DescentResult | None = None
        self.gd: DescentResult | None = None
        layout = control_rows([controls["batch_size"], controls["lr"]], [controls["epochs"], controls["seed"]])
        super().__init__(controls, figure, layout=layout)

    def _gd(self, lr: float, epochs: int) -> tuple[np.ndarray, np.ndarray, DescentResult]:
        # One full-batch step per epoch; a run for the most epochs serves every shorter one.
        run = self._gd_cache.get(lr)
        if run is None:
            n = self.X.shape[0]
            run = regression_sgd(self.X, self.y, self.beta0, lr=lr, batch_size=n, epochs=self.MAX_EPOCHS)
            if len(self._gd_cache) > 128:
                self._gd_cache.clear()
            self._gd_cache[lr] = run
        k = min(epochs, len(run.extra["epoch_losses"]) - 1)
        return run.extra["epoch_path"][: k + 1], run.extra["epoch_losses"][: k + 1], run

    def _sgd(self, b: int, lr: float, epochs: int, seed: int) -> DescentResult:
        key = (b, lr, epochs, seed)
        run = self._sgd_cache.get(key)
        if run is None:
            run = regression_sgd(self.X, self.y, self.beta0, lr=lr, batch_size=b, epochs=epochs, seed=seed)
            if len(self._sgd_cache) > 32:
                self._sgd_cache.clear()
            self._sgd_cache[key] = run
        return run

    def update(self) -> str:
        c = self.controls
        b, lr, epochs, seed = c["batch_size"].value, self.value("lr"), c["epochs"].value, c["seed"].value
        sgd = self._sgd(b, lr, epochs, seed)
        gd_path, gd_losses, gd = self._gd(lr, epochs)
        gd_diverged = gd.diverged and len(gd_losses) <= epochs
        self.sgd, self.gd = sgd, gd
        self.sgd_line.set_data(sgd.path[:, 0], sgd.path[:, 1])
        self.gd_line.set_data(gd_path[:, 0], gd_path[:, 1])
        self.ends.set_data([sgd.path[-1, 0], gd_path[-1, 0]], [sgd.path[-1, 1], gd_path[-1, 1]])
        n = self.X.shape[0]
        per_epoch = -(-n // b)
        note = f"b = {b}: {per_epoch} update{'s' if per_epoch > 1 else ''} per epoch"
        if b == n:
            note += " (SGD is gradient descent)"
        if sgd.diverged or gd_diverged:
            note += "\n" + " and ".join(name for name, d in (("SGD", sgd.diverged), ("GD", gd_diverged)) if d)
            note += " diverged: the path leaves the view"
        self.note.set_text(note)
        sgd_losses = sgd.extra["epoch_losses"]
        a = self.sgd_curve.set_data(np.arange(len(sgd_losses)), sgd_losses - self.minimum, diverged=sgd.diverged)
        g = self.gd_curve.set_data(np.arange(len(gd_losses)), gd_losses - self.minimum, diverged=gd_diverged)
        sticky_log_limits(self.ax_loss, [a, g], top=_top(self.top, a, g), floor=self.top * 1e-16)
        sgd_text = self._describe(f"SGD (b = {b})", sgd, sgd_losses, sgd.diverged)
        gd_text = self._describe("GD", gd, gd_losses, gd_diverged)
        return tr("{sgd}; {gd}; minimum {minimum:.4f}", sgd=sgd_text, gd=gd_text, minimum=self.minimum)

    def _describe(self, name: str, run: DescentResult, losses: np.ndarray, diverged: bool) -> str:
        k = len(losses) - 1
        if diverged:
            assert run.diverged_at is not None  # a diverged run records where
            per_epoch = run.extra["batches_per_epoch"]
            epoch = (run.diverged_at - 1) // per_epoch + 1
            return tr("{name} diverged at step {step} (epoch {epoch})", name=name, step=run.diverged_at, epoch=epoch)
        return tr("{name} loss {loss:.4f} after {epochs} epochs", name=name, loss=losses[-1], epochs=k)


def sgd_explorer(
    batch_size: int = 10,
    lr: float = 0.05,
    epochs: int = 10,
    seed: int = 0,
    *,
    n: int = 200,
    data_seed: int = 0,
) -> SGDExplorer:
    """Minibatch SGD against full gradient descent on one regression problem, with sliders.

    Left, both paths in (β₀, β₁) space on the contours of the mean squared error (computed once);
    right, the loss above its minimum after each epoch, for both (log scale). One epoch is one
    pass over the data: ⌈n/b⌉ SGD updates, one gradient-descent update.

    Parameters
    ----------
    batch_size : int
        The minibatch size b, in [1, n]; b = n makes SGD full gradient descent.
    lr : float
        The learning rate λ, in [1e-3, 1], shared by both methods.
    epochs : int
        Passes over the data, in [1, 30].
    seed : int
        Seed of the batch order, in [0, 99].
    n : int
        The number of examples of the problem (:func:`helpers.datasets.sgd_problem`).
    data_seed : int
        Seed of the data.

    Returns
    -------
    SGDExplorer
    """
    return SGDExplorer(batch_size, lr, epochs, seed, n, data_seed)


# The Korean edition's status lines and control labels (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "diverged at step {step}: last finite β = {beta}": "{step}번째 스텝에서 발산: 마지막 유한한 β = {beta}",
        "finished {steps} steps: β = {beta}": "{steps}번의 스텝을 마침: β = {beta}",
        "{sgd}; {gd}; minimum {minimum:.4f}": "{sgd}; {gd}; 최솟값 {minimum:.4f}",
        "{name} diverged at step {step} (epoch {epoch})": "{name}: {step}번째 스텝에서 발산 ({epoch}번째 에폭)",
        "{name} loss {loss:.4f} after {epochs} epochs": "{name}: {epochs} 에폭 후 손실 {loss:.4f}",
        # The controls' labels (the figures keep English text in both editions).
        "learning rate λ": "학습률 λ",
        "steps T": "스텝 수 T",
        "objective": "목적식",
        "data": "데이터",
        "lecture: ½‖y − Xβ‖² (the lecture's code)": "lecture: ½‖y − Xβ‖² (강의의 코드)",
        "norm: ‖y − Xβ‖₂ with 1/n (RMSE)": "norm: 1/n을 넣은 ‖y − Xβ‖₂ (RMSE)",
        "squared: mean squared error": "squared: 평균제곱오차",
        "the lecture's 4 points, y = x₁ + 2x₂ + 3": "강의의 점 4개, y = x₁ + 2x₂ + 3",
        "50 noisy points, one feature": "잡음 섞인 점 50개, 특성 하나",
        "batch size b": "배치 크기 b",
        "epochs": "에폭 수",
        "seed (batch order)": "시드 (배치 순서)",
    }
)

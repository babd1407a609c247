"""Explorers of gradient descent: a 1-D run on a curve, a 2-D run on contours, the 2/μ threshold, and momentum.

Each explorer draws its figure once (curves, contours, axes) and, on every slider move, only runs
the descent again and sets new data on the existing artists. Rendering follows suit
(:class:`BlitCanvas`): the moving artists are drawn over a saved background, an axes whose limits
moved is redrawn alone, and the layout is computed only when the function changes
(:class:`OnDemandLayout`): text and layout are what cost, so a frame costs a few ms of drawing plus
the PNG encoding. Every slider combination renders: a diverging run draws what it recorded and says
so, a bad typed formula shows its error and keeps the previous plot.

The redrawing machinery is in :mod:`helpers.widgets.canvas`.
"""

from __future__ import annotations

import dataclasses
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle

from ..descent import convergence_status, gradient_descent, momentum_rate
from ..functions import (
    FORMULA,
    FORMULA_DOMAIN,
    Objective,
    _defined,
    curvature_at_minimum,
    formula_objective,
    get_function,
    undefined_parts,
)
from ..i18n import Messages
from ..plots.axes import StepCurve, positive_or_nan
from ..plots.descent import Path1D, Path2D, curve_view, draw_contours
from ..plots.style import COLORS, FIG_WIDE, course_style
from ..validation import check_choice, check_real
from .canvas import FigureExplorer
from .controls import (
    SLIDER_LAYOUT,
    SLIDER_STYLE,
    control_rows,
    linear_slider,
    log_slider,
    set_range,
    start_slider,
)

__all__ = [
    "Convergence",
    "Descent1D",
    "Descent2D",
    "Momentum",
    "convergence_explorer",
    "descent_1d_explorer",
    "descent_2d_explorer",
    "momentum_explorer",
]

#: The step caps offered by the explorers' step-cap slider.
STEP_CAPS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


# What a learner's formula can raise while being compiled or run (math domain errors, complex
# values, overflow): shown in the status, never raised out of a slider callback.
_RUN_ERRORS = (ValueError, TypeError, OverflowError, ZeroDivisionError, ArithmeticError)


def _cap_slider(value: int) -> widgets.SelectionSlider:
    return widgets.SelectionSlider(
        options=list(STEP_CAPS), value=value, description=tr("step cap"), style=SLIDER_STYLE, layout=SLIDER_LAYOUT
    )


def _check_cap(max_steps) -> int:
    return int(check_choice("max_steps", max_steps, STEP_CAPS))


def _check_start(name: str, value, box) -> float:
    return check_real(name, value, low=box[0], high=box[1])


# --- 1-D descent -----------------------------------------------------------------------------

#: The library's functions offered by the 1-D explorer (besides a typed formula).
FUNCTIONS_1D = ("lecture_quadratic", "xcos", "double_well")


def _domain(name: str) -> tuple[float, float]:
    return FORMULA_DOMAIN if name == FORMULA else get_function(name).domain[0]


class Descent1D(FigureExplorer):
    """Gradient descent on a function of one variable: the path on the curve, |f'| per step."""

    title = "1-D gradient descent"

    def __init__(self, function, formula, lr, eps, x0, max_steps):
        names = (*FUNCTIONS_1D, FORMULA)
        function = check_choice("function", function, names)
        if not isinstance(formula, str):
            raise TypeError(f"formula must be a string such as 'x**2 + 3*sin(2*x)', got {formula!r:.80}")
        lr = check_real("lr", lr, low=1e-4, high=10.0)
        eps = check_real("eps", eps, low=1e-10, high=1e-1)
        x0 = _check_start("x0", x0, _domain(function))
        options = [(f"{get_function(n).label}", n) for n in FUNCTIONS_1D] + [(tr("typed formula →"), FORMULA)]
        controls = {
            "function": widgets.Dropdown(
                options=options, value=function, description=tr("function"), style=SLIDER_STYLE, layout=SLIDER_LAYOUT
            ),  # fmt: skip
            "formula": widgets.Text(
                value=formula,
                description="f(x) =",
                continuous_update=False,
                placeholder=tr("e.g. {example}", example="x**2 + 3*sin(2*x)"),
                style=SLIDER_STYLE,
                layout=SLIDER_LAYOUT,
            ),  # fmt: skip
            "lr": log_slider(tr("learning rate λ"), lr, -4, 1),
            "eps": log_slider(tr("threshold ε"), eps, -10, -1, step=0.5, fmt=".0e"),
            "x0": start_slider(tr("start x₀"), x0, _domain(function)),
            "max_steps": _cap_slider(_check_cap(max_steps)),
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1.15, 1]})
        self.ax_curve, self.ax_grad = axes[0]
        with course_style():
            (self.curve,) = self.ax_curve.plot([], [], color=COLORS["blue"], lw=2, zorder=2)
            self.path = Path1D(self.ax_curve, get_function("lecture_quadratic"), markers=40, arrows=3)
            self.ax_curve.set_xlabel("x")
            self.ax_curve.set_ylabel("f(x)")
            self.ax_curve.legend(handles=self.path.legend_handles, loc="upper center", fontsize=8.5, ncols=3)
            self.grad = StepCurve(self.ax_grad, color=COLORS["vermillion"], label="|f'(x_k)|")
            self.eps_line = self.ax_grad.axhline(eps, color=COLORS["black"], ls="--", lw=1, label="ε")
            self.ax_grad.set_title("|f'(x_k)| per step (log scale)")
            self.ax_grad.set_xlabel("step k")
            self.ax_grad.set_ylabel("|f'(x_k)|")
            legend = self.ax_grad.legend(
                handles=[self.grad.line, self.eps_line], loc="upper right", fontsize=8.5, framealpha=1
            )
            self.animate(*self.path.artists, *self.grad.artists, self.eps_line,
                         overlays=[self.ax_curve.get_legend(), legend])  # fmt: skip
        self.objective = None
        self.result = None
        self.undefined = ""
        layout = control_rows(
            [controls["function"], controls["formula"], controls["x0"]],
            [controls["lr"], controls["eps"], controls["max_steps"]],
        )
        super().__init__(controls, figure, layout=layout)

    def _on_change(self, change) -> None:
        if self._muted:
            return
        c = self.controls
        with self.quiet():
            if change["owner"] is c["formula"]:
                c["function"].value = FORMULA  # typing a formula means: use it
            if change["owner"] in (c["function"], c["formula"]):
                set_range(c["x0"], _domain(c["function"].value))
        self.refresh()

    def _objective(self, name: str) -> Objective:
        return formula_objective(self.controls["formula"].value) if name == FORMULA else get_function(name)

    def _show_function(self, objective: Objective) -> None:
        xlim, ylim, grid, values = curve_view(objective, reach=0.0)
        self.undefined = ""
        title = f"f(x) = {objective.label}"
        if objective.name == FORMULA:
            # Drawn where it is defined (NaN breaks the line), and said where it is not.
            self.undefined, breaks = undefined_parts(objective, *FORMULA_DOMAIN)
            values = values.copy()
            for p in breaks:  # no line from −∞ to +∞ across a pole
                values[np.argsort(np.abs(grid - p))[:2]] = np.nan
            finite = values[np.isfinite(values)]
            if finite.size:  # near a pole (1/x²) the extremes would squash the rest of the curve flat
                low, high = np.percentile(finite, [2, 98])
                if finite.max() - finite.min() > 3 * (high - low) > 0:
                    ylim = (low - 0.1 * (high - low), high + 0.1 * (high - low))
            if self.undefined:
                title += f"\nundefined for {self.undefined}"
        self.curve.set_data(grid, values)
        self.ax_curve.set_xlim(xlim)
        self.ax_curve.set_ylim(ylim)
        self.ax_curve.set_title(title)
        self.path.objective = objective
        self.objective = objective
        self.relayout()

    def update(self) -> str:
        c = self.controls
        try:
            objective = self._objective(c["function"].value)
        except _RUN_ERRORS as exc:  # a FormulaError (a ValueError), or sympy failing on a parsed formula
            return tr("formula error: {error} (the plot still shows the last valid function)", error=exc)
        if objective is not self.objective:
            self._show_function(objective)
        x0, lr, eps = self.value("x0"), self.value("lr"), self.value("eps")
        self.eps_line.set_ydata([eps, eps])
        where = tr("f or f' is undefined for {where}", where=self.undefined) if self.undefined else ""
        try:
            if not _defined(objective, x0):
                raise ValueError(
                    tr(
                        "f or f' is undefined there ({why}); move x₀ to where the curve is drawn",
                        why=where or tr("not a finite number"),
                    )
                )
            result = gradient_descent(objective.grad, x0, lr=lr, eps=eps, steps=c["max_steps"].value, f=objective.f)
        except _RUN_ERRORS as exc:
            self.result = None
            self.path.clear()
            self.grad.set_values([], include=[eps])
            return tr("cannot start at x₀ = {x0:.4g}: {error}", x0=x0, error=exc)
        self.result = result
        self.path.set_result(result)
        self.grad.set_values(result.grad_norms, include=[eps], diverged=result.diverged)
        if result.diverged and where:
            last = float(result.path[-1])
            landed = last - lr * objective.grad(last)
            if not _defined(objective, landed):
                return tr(
                    "left the domain at step {step}: the step from x = {last:.4g} lands on x = {landed:.4g}, where {where}",
                    step=result.diverged_at,
                    last=last,
                    landed=landed,
                    where=where,
                )
        line = tr("{outcome}; final x = {x:.6g}", outcome=result.describe(), x=result.x)
        return line + (f" ({where})" if where else "")


def descent_1d_explorer(
    function: str = "lecture_quadratic",
    *,
    formula: str = "x**2 + 3*sin(2*x)",
    lr: float = 1e-2,
    eps: float = 1e-5,
    x0: float = 1.5,
    max_steps: int = 1000,
) -> Descent1D:
    """Gradient descent on a function of one variable, with sliders: the path on the curve and |f'| per step.

    Parameters
    ----------
    function : {"lecture_quadratic", "xcos", "double_well", "formula"}
        The function; ``"formula"`` uses the typed ``formula``.
    formula : str
        A formula in x, typed by the learner (parsed safely, never evaluated as Python).
        Typing a new one switches the function to it; an invalid one shows its error.
    lr : float
        The learning rate λ, in [1e-4, 10].
    eps : float
        The stopping threshold ε on |f'|, in [1e-10, 0.1].
    x0 : float
        The start point, inside the function's domain.
    max_steps : int
        The step cap, one of ``STEP_CAPS``.

    Returns
    -------
    Descent1D
        The widget; ``.controls``, ``.status``, ``.result`` and ``.figure`` for inspection.
    """
    return Descent1D(function, formula, lr, eps, x0, max_steps)


# --- 2-D descent -----------------------------------------------------------------------------

#: Functions of the 2-D explorer.
FUNCTIONS_2D = ("lecture_bowl", "stretched_bowl", "rosenbrock", "himmelblau")


class Descent2D(FigureExplorer):
    """Gradient descent on a function of two variables: the path on contours, f and ‖∇f‖ per step."""

    title = "2-D gradient descent"

    def __init__(self, function, lr, eps, x0, y0, max_steps):
        function = check_choice("function", function, FUNCTIONS_2D)
        lr = check_real("lr", lr, low=1e-4, high=1.0)
        eps = check_real("eps", eps, low=1e-10, high=1e-1)
        (xbox, ybox) = get_function(function).domain
        x0, y0 = _check_start("x0", x0, xbox), _check_start("y0", y0, ybox)
        options = [(get_function(n).label, n) for n in FUNCTIONS_2D]
        controls = {
            "function": widgets.Dropdown(
                options=options, value=function, description=tr("function"), style=SLIDER_STYLE, layout=SLIDER_LAYOUT
            ),  # fmt: skip
            "lr": log_slider(tr("learning rate λ"), lr, -4, 0),
            "eps": log_slider(tr("threshold ε"), eps, -10, -1, step=0.5, fmt=".0e"),
            "x0": start_slider(tr("start x₀"), x0, xbox),
            "y0": start_slider(tr("start y₀"), y0, ybox),
            "max_steps": _cap_slider(_check_cap(max_steps)),
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1.15, 1]})
        self.ax_map, self.ax_loss = axes[0]
        self._contours: dict[str, list] = {}
        with course_style():
            (self.minima,) = self.ax_map.plot(
                [], [], "*", ms=13, color=COLORS["yellow"], mec=COLORS["black"], mew=0.8, zorder=3
            )
            self.path = Path2D(self.ax_map, color=COLORS["vermillion"], markers=40)
            self.ax_map.set_xlabel("x")
            self.ax_map.set_ylabel("y")
            self.loss = StepCurve(self.ax_loss, color=COLORS["blue"], label="f(x_k, y_k)")
            (self.grad,) = self.ax_loss.plot([], [], color=COLORS["vermillion"], lw=1.4, label="‖∇f(x_k, y_k)‖")
            self.eps_line = self.ax_loss.axhline(eps, color=COLORS["black"], ls="--", lw=1, label="ε")
            self.ax_loss.set_title("Loss and gradient per step (log scale)")
            self.ax_loss.set_xlabel("step k")
            self.ax_loss.set_ylabel("f(x_k, y_k) and ‖∇f‖")
            legend = self.ax_loss.legend(handles=[self.loss.line, self.grad, self.eps_line], loc="upper right",
                                         fontsize=8.5, framealpha=1)  # fmt: skip
            self.animate(*self.path.artists, *self.loss.artists, self.grad, self.eps_line, overlays=[legend])
        self.function = None
        self.result = None
        layout = control_rows(
            [controls["function"], controls["x0"], controls["y0"]],
            [controls["lr"], controls["eps"], controls["max_steps"]],
        )
        super().__init__(controls, figure, layout=layout)

    def _on_change(self, change) -> None:
        if self._muted:
            return
        c = self.controls
        if change["owner"] is c["function"]:
            xbox, ybox = get_function(change["new"]).domain
            with self.quiet():
                set_range(c["x0"], xbox)
                set_range(c["y0"], ybox)
        self.refresh()

    def _show_function(self, name: str) -> None:
        objective = get_function(name)
        for key, sets in self._contours.items():
            for s in sets:
                s.set_visible(key == name)
        if name not in self._contours:
            self._contours[name] = draw_contours(self.ax_map, objective)
        m = np.array(objective.minima, dtype=float).reshape(-1, 2)
        self.minima.set_data(m[:, 0], m[:, 1])
        self.ax_map.set_xlim(objective.domain[0])
        self.ax_map.set_ylim(objective.domain[1])
        self.ax_map.set_title(f"f(x, y) = {objective.label}")
        self.function = name
        self.relayout()

    def update(self) -> str:
        c = self.controls
        name = c["function"].value
        if name != self.function:
            self._show_function(name)
        objective = get_function(name)
        start = np.array([self.value("x0"), self.value("y0")])
        result = gradient_descent(
            objective.grad,
            start,
            lr=self.value("lr"),
            eps=self.value("eps"),
            steps=c["max_steps"].value,
            f=objective.f,
        )
        self.result = result
        self.path.set_result(result)
        eps = self.value("eps")
        self.grad.set_data(np.arange(len(result.grad_norms)), positive_or_nan(result.grad_norms))
        self.eps_line.set_ydata([eps, eps])
        # The limits hold f, ‖∇f‖ and ε (positive values only: log_limits drops the rest).
        self.loss.set_values(result.values, include=[eps, *result.grad_norms], diverged=result.diverged)
        x, y = result.x
        return tr("{outcome}; final (x, y) = ({x:.4g}, {y:.4g})", outcome=result.describe(), x=x, y=y)


def descent_2d_explorer(
    function: str = "lecture_bowl",
    *,
    lr: float = 1e-2,
    eps: float = 1e-5,
    x0: float = 1.5,
    y0: float = -1.5,
    max_steps: int = 1000,
) -> Descent2D:
    """Gradient descent on a function of two variables, with sliders: the path on contours, f and ‖∇f‖ per step.

    The right panel shows the loss f(x_k, y_k) with the gradient's norm ‖∇f‖ and the threshold ε,
    so the stopping rule ‖∇f‖ ≤ ε can be watched.

    Parameters
    ----------
    function : {"lecture_bowl", "stretched_bowl", "rosenbrock", "himmelblau"}
        The function (contours are computed once per function).
    lr : float
        The learning rate λ, in [1e-4, 1].
    eps : float
        The stopping threshold ε on ‖∇f‖, in [1e-10, 0.1].
    x0, y0 : float
        The start point, inside the function's domain.
    max_steps : int
        The step cap, one of ``STEP_CAPS``.

    Returns
    -------
    Descent2D
    """
    return Descent2D(function, lr, eps, x0, y0, max_steps)


# --- convergence and the 2/μ threshold -------------------------------------------------------


def _theory(values: np.ndarray, lr: float, L: float) -> np.ndarray:
    """f(x_k) − f* = (1 − λμ)^{2k} (f(x₀) − f*) on a quadratic, computed in logs (no overflow, no warning)."""
    k = np.arange(len(values), dtype=float)
    gap0, rate = float(values[0]) if len(values) else 0.0, abs(1.0 - lr * L)
    if gap0 <= 0 or rate == 0:
        out = np.full(len(values), np.nan)
        if len(values) and gap0 > 0:
            out[0] = gap0
        return out
    logs = math.log10(gap0) + 2.0 * k * math.log10(rate)
    return np.where(logs < 300, 10.0 ** np.minimum(logs, 300), np.nan)


#: Labels of the λ axis's zones: below 1/μ, between 1/μ and 2/μ, above 2/μ.
ZONES = ("monotone", "oscillates", "diverges")
ZONES_NEAR_MINIMUM = ("monotone near x*", "oscillates", "cannot settle at x*")

#: Functions of the convergence explorer: a convex quadratic and two non-convex ones.
FUNCTIONS_CONVERGENCE = ("lecture_quadratic", "double_well", "xcos")
_LR_RANGE = (-3.0, 0.5)


class Convergence(FigureExplorer):
    """The learning rate against 2/μ: path, f(x_k) − f(x*) per step with the quadratic's theory, and a λ axis."""

    title = "convergence and 2/μ"

    def __init__(self, function, lr, x0, eps, max_steps):
        function = check_choice("function", function, FUNCTIONS_CONVERGENCE)
        lr = check_real("lr", lr, low=10 ** _LR_RANGE[0], high=10 ** _LR_RANGE[1])
        x0 = _check_start("x0", x0, get_function(function).domain[0])
        self.eps = check_real("eps", eps, low=1e-10, high=1e-1)
        self.max_steps = _check_cap(max_steps)
        options = []
        for n in FUNCTIONS_CONVERGENCE:
            label = get_function(n).label
            if get_function(n).convex:
                options.append((tr("{label} (convex)", label=label), n))
            else:
                options.append((tr("{label} (non-convex)", label=label), n))
        controls = {
            "function": widgets.Dropdown(
                options=options, value=function, description=tr("function"), style=SLIDER_STYLE, layout=SLIDER_LAYOUT
            ),  # fmt: skip
            "lr": log_slider(tr("learning rate λ"), lr, _LR_RANGE[0], _LR_RANGE[1], step=0.02, fmt=".3g"),
            "x0": start_slider(tr("start x₀"), x0, get_function(function).domain[0]),
        }
        figure, axes = self._new_figure(
            (10.0, 5.2), ncols=2, nrows=2, gridspec_kw={"height_ratios": [4, 1], "width_ratios": [1.15, 1]}
        )
        self.ax_curve, self.ax_gap = axes[0]
        with course_style():
            for ax in axes[1]:
                ax.remove()
            self.ax_lr = figure.add_subplot(axes[0, 0].get_gridspec()[1, :])
            (self.curve,) = self.ax_curve.plot([], [], color=COLORS["blue"], lw=2, zorder=2)
            self.path = Path1D(self.ax_curve, get_function(function), markers=40, arrows=3)
            self.ax_curve.set_xlabel("x")
            self.ax_curve.set_ylabel("f(x)")
            self.ax_curve.legend(handles=self.path.legend_handles, loc="upper center", fontsize=8.5, ncols=3)
            self.gap = StepCurve(self.ax_gap, color=COLORS["blue"], label="f(x_k) − f(x*)")
            (self.theory,) = self.ax_gap.plot(
                [], [], color=COLORS["black"], ls="--", lw=1.2, label=r"theory $(1 - \lambda \mu)^{2k}\,(f(x_0) - f^*)$"
            )
            self.ax_gap.set_title("f(x_k) − f(x*) per step (log scale)")
            self.ax_gap.set_xlabel("step k")
            self.ax_gap.set_ylabel("f(x_k) − f(x*)")
            self._build_lr_axis()
            self.animate(*self.path.artists, *self.gap.artists, self.theory, self.lr_mark, self.lr_line,
                         overlays=[self.ax_curve.get_legend(), self.threshold_label])  # fmt: skip
        self.function = None
        self.result = None
        layout = control_rows([controls["function"], controls["x0"]], [controls["lr"]])
        super().__init__(controls, figure, layout=layout)

    def _build_lr_axis(self) -> None:
        ax = self.ax_lr
        lo, hi = 10 ** _LR_RANGE[0], 10 ** _LR_RANGE[1]
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.grid(False)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("learning rate λ (log scale)")
        self.zones, self.zone_labels = [], []
        for color in (COLORS["green"], COLORS["orange"], COLORS["vermillion"]):
            patch = Rectangle((lo, 0), 0, 1, transform=ax.get_xaxis_transform(), color=color, alpha=0.25, lw=0)
            ax.add_patch(patch)
            self.zones.append(patch)
            self.zone_labels.append(ax.text(lo, 0.35, "", ha="center", va="center", fontsize=9, color="#333333"))
        (self.threshold,) = ax.plot([], [], color=COLORS["vermillion"], lw=2)
        self.threshold_label = ax.text(lo, 0.9, "", ha="left", va="top", fontsize=9, color=COLORS["vermillion"],
                                       transform=ax.get_xaxis_transform(), zorder=6,
                                       bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.9))  # fmt: skip
        (self.lr_line,) = ax.plot([], [], color=COLORS["black"], lw=2, zorder=5)
        (self.lr_mark,) = ax.plot([], [], "v", ms=10, color=COLORS["black"], clip_on=False, zorder=5)

    def _show_function(self, name: str) -> None:
        objective = get_function(name)
        L = curvature_at_minimum(name)
        xlim, ylim, grid, values = curve_view(objective, reach=0.0)
        self.curve.set_data(grid, values)
        self.ax_curve.set_xlim(xlim)
        self.ax_curve.set_ylim(ylim)
        self.ax_curve.set_title(f"f(x) = {objective.label}")
        self.path.objective = objective
        lo, hi = self.ax_lr.get_xlim()
        edges = [lo, min(max(1 / L, lo), hi), min(max(2 / L, lo), hi), hi]
        # On a quadratic the zones hold everywhere; elsewhere only near the minimum x*.
        texts = ZONES if objective.convex else ZONES_NEAR_MINIMUM
        for patch, label, text, a, b in zip(self.zones, self.zone_labels, texts, edges[:-1], edges[1:]):
            patch.set_x(a)
            patch.set_width(b - a)
            label.set_x(math.sqrt(a * b))
            label.set_text(text)
            label.set_visible(b / a > 1.8)
        self.threshold.set_data([2 / L, 2 / L], [0, 1])
        where = "μ" if objective.curvature is not None else "μ = f''(x*)"
        self.threshold_label.set_position((2 / L * 1.06, 0.92))
        self.threshold_label.set_text(f"2/μ = {2 / L:.3g}  ({where} = {L:.3g})")
        self.theory.set_visible(objective.curvature is not None and objective.convex)
        # The theory line is only drawn for the quadratic: so is its legend entry.
        old = self.ax_gap.get_legend()
        handles = [self.gap.line, self.theory] if self.theory.get_visible() else [self.gap.line]
        legend = self.ax_gap.legend(handles=handles, loc="upper right", fontsize=8.5, framealpha=1)
        overlays = self.figure.canvas.overlays
        overlays[:] = [a for a in overlays if a is not old] + [legend]
        self.ax_lr.set_xlabel("learning rate λ (log scale)" if objective.convex else
                              "learning rate λ (log scale): the zones hold near the minimum x*")  # fmt: skip
        self.L = L
        self.f_star = float(objective.f(objective.minima[0]))
        # Fixed axes for the gap: every start's first gap with three decades above it, down to a
        # decade below where the stopping rule ends (|f'| < ε leaves a gap of about ε²/(2μ)); a drag
        # across 2/μ then moves the curves, never the axes, and a diverging run leaves through the top.
        top = float(np.nanmax(values)) - self.f_star
        low = 10.0 ** (math.floor(math.log10(self.eps**2 / (2 * L))) - 1)
        self.gap.hold(self.max_steps, low, 10.0 ** (math.ceil(math.log10(max(top, 1.0))) + 3))
        self.function = name
        self.relayout()

    def _on_change(self, change) -> None:
        if self._muted:
            return
        c = self.controls
        if change["owner"] is c["function"]:
            with self.quiet():
                set_range(c["x0"], get_function(change["new"]).domain[0])
        self.refresh()

    def update(self) -> str:
        c = self.controls
        name = c["function"].value
        if name != self.function:
            self._show_function(name)
        objective = get_function(name)
        lr = self.value("lr")
        result = gradient_descent(objective, self.value("x0"), lr=lr, eps=self.eps, steps=self.max_steps)
        self.result = result
        self.path.set_result(result)
        assert result.values is not None  # recorded, since f is given
        gap = result.values - self.f_star
        self.gap.set_values(gap, diverged=result.diverged)
        if self.theory.get_visible():
            self.theory.set_data(np.arange(len(gap)), _theory(gap, lr, self.L))
        self.lr_mark.set_data([lr], [1.0])
        self.lr_line.set_data([lr, lr], [0.0, 1.0])
        return convergence_status(result, self.L)


def convergence_explorer(
    function: str = "lecture_quadratic",
    *,
    lr: float = 0.3,
    x0: float = 1.5,
    eps: float = 1e-5,
    max_steps: int = 200,
) -> Convergence:
    """Does gradient descent converge? The learning rate against the 2/μ threshold, with sliders.

    On a quadratic with curvature μ, x_k − x* shrinks by the factor (1 − λμ) each step: monotone
    for λ < 1/μ, oscillating for 1/μ < λ < 2/μ, diverging for λ > 2/μ. The λ axis under the plots
    shows the three zones (for a non-convex function, with μ = f''(x*) at its global minimum:
    they hold near it), and the loss panel draws the quadratic's predicted gap as a dashed line.

    Parameters
    ----------
    function : {"lecture_quadratic", "double_well", "xcos"}
        A convex quadratic (curvature μ = 2) or a non-convex function.
    lr : float
        The learning rate λ, in [1e-3, 10^0.5].
    x0 : float
        The start point, inside the function's domain.
    eps : float
        The stopping threshold ε on |f'| (not a control).
    max_steps : int
        The step cap, one of ``STEP_CAPS`` (not a control).

    Returns
    -------
    Convergence
    """
    return Convergence(function, lr, x0, eps, max_steps)


# --- heavy-ball momentum on the stretched bowl ------------------------------------------------

#: The curvatures μ_min, μ_max of the momentum explorer's function x² + 10y² (its Hessian's eigenvalues).
MOMENTUM_CURVATURES = (2.0, 20.0)
#: A run has converged when ‖x_k − x*‖ = ‖x_k‖ is at most this.
MOMENTUM_TOL = 1e-6


def _fitted_rate(errors: np.ndarray) -> float | None:
    """The per-step factor of ``errors`` fitted over the run: exp of the least-squares slope of log ‖x_k‖."""
    k = np.flatnonzero(errors > 0)
    if len(k) < 2:
        return None
    slope = np.polyfit(k.astype(float), np.log(errors[k]), 1)[0]
    return float(math.exp(slope))


class Momentum(FigureExplorer):
    """Heavy-ball momentum on x² + 10y²: the path on contours, ‖x_k‖ per step beside the predicted rate."""

    title = "heavy-ball momentum"

    def __init__(self, lr, beta, x0, y0, max_steps):
        lr = check_real("lr", lr, low=1e-3, high=0.2)
        beta = check_real("beta", beta, low=0.0, high=0.99)
        self.objective = get_function("stretched_bowl")
        xbox, ybox = self.objective.domain
        x0, y0 = _check_start("x0", x0, xbox), _check_start("y0", y0, ybox)
        self.max_steps = _check_cap(max_steps)
        controls = {
            "lr": linear_slider(tr("learning rate λ"), lr, 1e-3, 0.2, positions=150),  # steps of 0.001
            "beta": linear_slider(tr("momentum β"), beta, 0.0, 0.99, positions=99),
            "x0": start_slider(tr("start x₀"), x0, xbox),
            "y0": start_slider(tr("start y₀"), y0, ybox),
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2, gridspec_kw={"width_ratios": [1.15, 1]})
        self.ax_map, self.ax_err = axes[0]
        with course_style():
            draw_contours(self.ax_map, self.objective)
            self.ax_map.plot([0.0], [0.0], "*", ms=13, color=COLORS["yellow"], mec=COLORS["black"], mew=0.8, zorder=3)
            self.path = Path2D(self.ax_map, color=COLORS["vermillion"], markers=40)
            self.ax_map.set_title(f"f(x, y) = {self.objective.label}")
            self.ax_map.set_xlabel("x")
            self.ax_map.set_ylabel("y")
            self.error = StepCurve(self.ax_err, color=COLORS["blue"], label="‖x_k − x*‖ (the run)")
            (self.predicted,) = self.ax_err.plot([], [], color=COLORS["black"], ls="--", lw=1.3,
                                                 label="‖x₀ − x*‖·ρᵏ (predicted rate ρ)")  # fmt: skip
            self.tol_line = self.ax_err.axhline(MOMENTUM_TOL, color=COLORS["vermillion"], ls=":", lw=1.2,
                                                label=f"{MOMENTUM_TOL:.0e}: converged")  # fmt: skip
            self.ax_err.set_title("‖x_k − x*‖ per step (log scale)")
            self.ax_err.set_xlabel("step k")
            self.ax_err.set_ylabel("‖x_k − x*‖")
            legend = self.ax_err.legend(handles=[self.error.line, self.predicted, self.tol_line], loc="upper right",
                                        fontsize=8.5, framealpha=1)  # fmt: skip
            self.animate(*self.path.artists, *self.error.artists, self.predicted, overlays=[legend])
        self.result = None
        self.rate = float("nan")
        self.measured: float | None = None
        layout = control_rows([controls["lr"], controls["beta"]], [controls["x0"], controls["y0"]])
        super().__init__(controls, figure, layout=layout)

    def update(self) -> str:
        lr, beta = self.value("lr"), self.value("beta")
        start = np.array([self.value("x0"), self.value("y0")])
        self.rate = rate = momentum_rate(lr, beta, MOMENTUM_CURVATURES)
        # ‖∇f‖ = ‖(2x, 20y)‖ ≥ μ_min‖x‖: the run has passed ‖x_k‖ ≤ tol by the time ‖∇f‖ ≤ μ_min·tol.
        run = gradient_descent(self.objective, start, lr=lr, eps=MOMENTUM_CURVATURES[0] * MOMENTUM_TOL,
                               steps=self.max_steps, momentum=beta)  # fmt: skip
        errors = np.sqrt(np.sum(run.path**2, axis=1))
        below = np.flatnonzero(errors <= MOMENTUM_TOL)
        if below.size:  # the first step at the tolerance: the run as the learner's rule stops it
            k = int(below[0])
            values = None if run.values is None else run.values[: k + 1]
            run = dataclasses.replace(run, path=run.path[: k + 1], grad_norms=run.grad_norms[: k + 1], values=values,
                                      steps=k, status="converged", diverged_at=None)  # fmt: skip
            errors = errors[: k + 1]
        self.result = run
        self.path.set_result(run)
        self.error.set_values(errors, include=[MOMENTUM_TOL], diverged=run.diverged)
        steps = np.arange(len(errors), dtype=float)
        if errors[0] > 0:
            logs = math.log10(errors[0]) + steps * math.log10(rate)
            self.predicted.set_data(steps, np.where(logs < 300, 10.0 ** np.clip(logs, -300, 300), np.nan))
        else:
            self.predicted.set_data([], [])
        self.measured = None if errors[-1] == 0 else _fitted_rate(errors)
        if errors[-1] == 0 and len(errors) > 1:  # e.g. from (0, 1) with λ = 0.1, β = 0.5: y = 1, −1, 0
            measured = tr("none (the run landed exactly on the minimum)")
        else:
            measured = tr("too few steps to fit") if self.measured is None else f"{self.measured:.3g}"
        rates = tr("predicted rate {rate:.3g}/step, measured {measured}", rate=rate, measured=measured)
        tol, last = MOMENTUM_TOL, errors[-1]
        if errors[0] <= MOMENTUM_TOL:
            return tr("the start is within {tol:.0e} of the minimum: no step needed; {rates}", tol=tol, rates=rates)
        if below.size and run.steps == 1:
            return tr("converged in 1 step (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}", last=last, tol=tol, rates=rates)
        if below.size:
            return tr(
                "converged in {steps} steps (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}",
                steps=run.steps,
                last=last,
                tol=tol,
                rates=rates,
            )
        if run.diverged:
            return tr("diverged at step {step}; {rates}", step=run.diverged_at, rates=rates)
        return tr(
            "not converged in {steps} steps (‖x_k‖ = {last:.2g} > {tol:.0e}); {rates}",
            steps=run.steps,
            last=last,
            tol=tol,
            rates=rates,
        )


def momentum_explorer(
    *,
    lr: float = 0.1,
    beta: float = 0.5,
    x0: float = -2.5,
    y0: float = 1.0,
    max_steps: int = 1000,
) -> Momentum:
    """Heavy-ball momentum on x² + 10y², with sliders: the path on contours, ‖x_k − x*‖ beside the predicted rate.

    Each step is v ← βv + ∇f(x), x ← x − λv (``gradient_descent(..., momentum=β)``), from v = 0.
    The right panel draws the distance to the minimum per step on a log scale, and beside it the
    line ‖x₀‖·ρᵏ with the rate ρ predicted from the eigenvalues μ = 2 and 20
    (:func:`momentum_rate`). The status line gives the steps to ‖x_k‖ ≤ 1e-6 (or the divergence),
    the predicted rate and the rate fitted to the run (exp of the slope of log ‖x_k‖).

    Parameters
    ----------
    lr : float
        The learning rate λ, in [0.001, 0.2].
    beta : float
        The momentum β, in [0, 0.99] (0 is plain gradient descent).
    x0, y0 : float
        The start point, in [−3, 3] × [−1.5, 1.5].
    max_steps : int
        The step cap, one of ``STEP_CAPS`` (not a control).

    Returns
    -------
    Momentum
        The widget; ``.controls``, ``.status``, ``.rate``, ``.measured``, ``.result`` and ``.figure``.
    """
    return Momentum(lr, beta, x0, y0, max_steps)


# The Korean edition's status lines and control labels (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "formula error: {error} (the plot still shows the last valid function)": (
            "식 오류: {error} (그래프에는 마지막으로 올바르던 함수가 그대로 있습니다)"
        ),
        "f or f' is undefined for {where}": "f 또는 f'이(가) {where}에서 정의되지 않습니다",
        "f or f' is undefined there ({why}); move x₀ to where the curve is drawn": (
            "그 점에서 f 또는 f'이(가) 정의되지 않습니다 ({why}). 곡선이 그려진 곳으로 x₀을 옮기세요"
        ),
        "not a finite number": "유한한 수가 아님",
        "cannot start at x₀ = {x0:.4g}: {error}": "x₀ = {x0:.4g}에서 시작할 수 없습니다: {error}",
        "left the domain at step {step}: the step from x = {last:.4g} lands on x = {landed:.4g}, where {where}": (
            "{step}번째 스텝에서 정의역을 벗어났습니다: x = {last:.4g}에서 내디딘 스텝이 x = {landed:.4g}에 "
            "떨어졌고, {where}"
        ),
        "{outcome}; final x = {x:.6g}": "{outcome}; 마지막 x = {x:.6g}",
        "{outcome}; final (x, y) = ({x:.4g}, {y:.4g})": "{outcome}; 마지막 (x, y) = ({x:.4g}, {y:.4g})",
        "none (the run landed exactly on the minimum)": "없음 (최솟값에 정확히 도착했습니다)",
        "too few steps to fit": "맞추기에는 스텝이 너무 적음",
        "predicted rate {rate:.3g}/step, measured {measured}": "예측한 수렴 비율 스텝당 {rate:.3g}, 측정값 {measured}",
        "the start is within {tol:.0e} of the minimum: no step needed; {rates}": (
            "시작점이 최솟값에서 {tol:.0e} 안에 있습니다: 스텝이 필요 없습니다; {rates}"
        ),
        "converged in 1 step (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}": (
            "1번 만에 수렴 (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}"
        ),
        "converged in {steps} steps (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}": (
            "{steps}번 만에 수렴 (‖x_k‖ = {last:.2g} ≤ {tol:.0e}); {rates}"
        ),
        "diverged at step {step}; {rates}": "{step}번째 스텝에서 발산; {rates}",
        "not converged in {steps} steps (‖x_k‖ = {last:.2g} > {tol:.0e}); {rates}": (
            "{steps}번의 스텝 안에 수렴하지 않음 (‖x_k‖ = {last:.2g} > {tol:.0e}); {rates}"
        ),
        # The controls' labels (the figures keep English text in both editions).
        "function": "함수",
        "typed formula →": "직접 입력한 식 →",
        "e.g. {example}": "예: {example}",
        "learning rate λ": "학습률 λ",
        "threshold ε": "종료조건 ε",
        "start x₀": "시작점 x₀",
        "start y₀": "시작점 y₀",
        "step cap": "스텝 상한",
        "{label} (convex)": "{label} (볼록)",
        "{label} (non-convex)": "{label} (볼록 아님)",
        "momentum β": "모멘텀 β",
    }
)

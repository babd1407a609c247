"""The tangent explorer (notebook 01): the secant through x and x + h turns into the tangent as h shrinks.

Left, the curve with the tangent at x₀ and the secant of step h; right, the error of the forward
and central differences against h (log–log), with the current h marked. Moving h only moves the
secant and the markers; moving x₀ recomputes the two error curves.
"""

from __future__ import annotations

import functools
import math

import ipywidgets as widgets
import sympy as sp

from ..functions import Objective, get_function, objective_from_expr
from ..i18n import Messages
from ..plots.axes import decade_below
from ..plots.calculus import H_GRID, DifferenceErrors, Tangent
from ..plots.descent import curve_view
from ..plots.style import COLORS, FIG_WIDE, course_style
from ..validation import check_choice, check_real
from .canvas import FigureExplorer
from .controls import SLIDER_LAYOUT, SLIDER_STYLE, log_slider, set_range, start_slider

__all__ = ["TANGENT_FUNCTIONS", "TangentExplorer", "tangent_explorer"]

#: The tangent explorer's functions: the lecture's quadratic and a few others.
TANGENT_FUNCTIONS = ("lecture_quadratic", "sin", "exp", "double_well")


@functools.cache
def tangent_function(name: str) -> Objective:
    """The objective called ``name`` among ``TANGENT_FUNCTIONS`` (compiled once)."""
    check_choice("function", name, TANGENT_FUNCTIONS)
    x = sp.Symbol("x", real=True)
    if name == "sin":
        return objective_from_expr(sp.sin(x), (x,), name="sin", label="sin(x)", domain=((-2 * math.pi, 2 * math.pi),))
    if name == "exp":
        return objective_from_expr(sp.exp(x), (x,), name="exp", label="eˣ", domain=((-2.0, 2.0),))
    return get_function(name)


def _fmt_h(h: float) -> str:
    """1e-03 for a power of ten, 3.2e-03 otherwise."""
    mantissa = h / decade_below(h)
    return f"{h:.0e}" if abs(mantissa - 1) < 1e-9 or abs(mantissa - 10) < 1e-8 else f"{h:.1e}"


def _fmt_value(v: float) -> str:
    return f"{v:.6f}" if v == 0 or 1e-3 <= abs(v) < 1e6 else f"{v:.4e}"


class TangentExplorer(FigureExplorer):
    """Tangent and secant at x₀ on a curve, and the finite-difference error against h."""

    title = "tangent and finite differences"

    def __init__(self, function, x0, h):
        function = check_choice("function", function, TANGENT_FUNCTIONS)
        box = tangent_function(function).domain[0]
        x0 = check_real("x0", x0, low=box[0], high=box[1])
        h = check_real("h", h, low=float(H_GRID[0]), high=float(H_GRID[-1]))
        options = [(tangent_function(n).label, n) for n in TANGENT_FUNCTIONS]
        controls = {
            "function": widgets.Dropdown(
                options=options, value=function, description=tr("function"), style=SLIDER_STYLE, layout=SLIDER_LAYOUT
            ),  # fmt: skip
            "x0": start_slider(tr("point x₀"), x0, box),
            "h": log_slider(tr("step h"), h, -15, 0, step=0.25, fmt=".1e"),
        }
        figure, axes = self._new_figure(FIG_WIDE, ncols=2)
        self.ax_curve, self.ax_error = axes[0]
        with course_style():
            (self.curve,) = self.ax_curve.plot([], [], color=COLORS["blue"], lw=2, label="f(x)")
            self.tangent = Tangent(self.ax_curve, tangent_function(function))
            self.ax_curve.set_xlabel("x")
            self.ax_curve.set_ylabel("f(x)")
            self.ax_curve.legend(handles=[self.tangent.tangent, self.tangent.secant], loc="upper center", fontsize=8.5)
            self.errors = DifferenceErrors(self.ax_error)
            self.ax_error.set_title("Error of the difference quotient")
            self.ax_error.set_xlabel("step h (log scale)")
            self.ax_error.set_ylabel("|estimate − f'(x₀)|")
            legend = self.ax_error.legend(
                handles=[self.errors.forward, self.errors.central], loc="upper center", fontsize=8.5
            )
            self.animate(*self.tangent.artists, *self.errors.artists, overlays=[self.ax_curve.get_legend(), legend])
        self.function = None
        self._key = None
        super().__init__(controls, figure, layout=widgets.VBox(list(controls.values())))

    def _on_change(self, change) -> None:
        if self._muted:
            return
        if change["owner"] is self.controls["function"]:
            with self.quiet():
                set_range(self.controls["x0"], tangent_function(change["new"]).domain[0])
        self.refresh()

    def _show_function(self, name: str) -> None:
        objective = tangent_function(name)
        xlim, ylim, grid, values = curve_view(objective, reach=0.0)
        self.curve.set_data(grid, values)
        self.ax_curve.set_xlim(xlim)
        self.ax_curve.set_ylim(ylim)
        self.ax_curve.set_title(f"f(x) = {objective.label}")
        self.tangent.objective = objective
        self.function = name
        self.relayout()

    def update(self) -> str:
        c = self.controls
        name, x0, h = c["function"].value, self.value("x0"), self.value("h")
        if name != self.function:
            self._show_function(name)
        if (name, x0) != self._key:
            self.errors.set_point(tangent_function(name), x0)
            self._key = (name, x0)
        exact, _ = self.tangent.set_point(x0, h)
        fd, fe, cd, ce = self.errors.set_h(h)
        return tr(
            "h = {h}: forward difference {fd}, exact f'({x0:.4g}) = {exact:.6g}, error {fe:.1e}; "
            "central difference {cd}, error {ce:.1e}",
            h=_fmt_h(h),
            fd=_fmt_value(fd),
            x0=x0,
            exact=exact,
            fe=fe,
            cd=_fmt_value(cd),
            ce=ce,
        )


def tangent_explorer(function: str = "lecture_quadratic", *, x0: float = 1.0, h: float = 0.5) -> TangentExplorer:
    """Tangent and secant at x₀ with sliders for x₀ and the step h, and the finite-difference error.

    The status line gives the forward difference (f(x₀ + h) − f(x₀))/h, the exact f'(x₀) and the
    error, e.g. "h = 1e-03: forward difference 4.001000, exact f'(1) = 4, error 1.0e-03; …".

    Parameters
    ----------
    function : {"lecture_quadratic", "sin", "exp", "double_well"}
        The function (the lecture's x² + 2x + 3 by default).
    x0 : float
        The point, inside the function's domain.
    h : float
        The secant's step, in [1e-15, 1].

    Returns
    -------
    TangentExplorer
    """
    return TangentExplorer(function, x0, h)


# The Korean edition's status lines and control labels (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "h = {h}: forward difference {fd}, exact f'({x0:.4g}) = {exact:.6g}, error {fe:.1e}; central difference {cd}, error {ce:.1e}": "h = {h}: 전진 차분 {fd}, 정확한 f'({x0:.4g}) = {exact:.6g}, 오차 {fe:.1e}; 중앙 차분 {cd}, 오차 {ce:.1e}",
        # The controls' labels (the figures keep English text in both editions).
        "function": "함수",
        "point x₀": "점 x₀",
        "step h": "간격 h",
    }
)

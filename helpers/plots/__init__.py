"""Figures of the course (matplotlib only; never ipywidgets).

Plot functions take ``ax=None`` (they make their own figure when none is given), return what
they drew on, never call ``plt.show()`` and never change global rcParams: they draw inside
:func:`~helpers.plots.style.course_style`. A run from :func:`~helpers.gradient_descent` records its
objective, so ``plot_paths(run)`` needs no function restated. :func:`subplots` makes a notebook's
own figure in the course's look. Limits, log axes and curves updated in place come from one toolkit,
:mod:`helpers.plots.axes`, for the plot functions and the explorers alike.
"""

from .calculus import plot_difference_error, plot_tangent, plot_update_directions
from .descent import (
    plot_curve,
    plot_gradient_field,
    plot_steps_to_converge,
    plot_surface,
)
from .graph import plot_graph
from .models import (
    plot_activations,
    plot_decision_regions,
    plot_regression_fit,
    plot_softmax,
)
from .runs import plot_history, plot_paths
from .style import COLORS, course_style, subplots

__all__ = [
    "COLORS",
    "course_style",
    "plot_activations",
    "plot_curve",
    "plot_decision_regions",
    "plot_difference_error",
    "plot_gradient_field",
    "plot_graph",
    "plot_history",
    "plot_paths",
    "plot_regression_fit",
    "plot_softmax",
    "plot_steps_to_converge",
    "plot_surface",
    "plot_tangent",
    "plot_update_directions",
    "subplots",
]

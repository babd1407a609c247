"""Figures of the course (matplotlib only; never ipywidgets), reached as ``plots.paths(run)`` ….

A notebook imports the namespace (``from helpers import plots``) and calls its fourteen functions by
their short names: ``plots.tangent``, ``plots.paths``, ``plots.history`` … (``__all__`` lists them).
Each takes ``ax=None`` (it makes its own figure when none is given), returns the axes it drew on,
never calls ``plt.show()`` and never changes global rcParams: it draws inside
:func:`~helpers.plots.style.course_style`. A run from :func:`~helpers.gradient_descent` records its
objective, so ``plots.paths(run)`` needs no function restated. :func:`~helpers.subplots` makes a
notebook's own figure in the course's look. Limits, log axes and curves updated in place come from
one toolkit, :mod:`helpers.plots.axes`, for the plot functions and the explorers alike.

Inside the package the functions keep their long names (``plot_paths`` in :mod:`helpers.plots.runs`),
so that a module's own variables (a ``curve``, the ``paths`` it draws) never shadow them.
"""

from .calculus import plot_difference_error as difference_error
from .calculus import plot_tangent as tangent
from .calculus import plot_update_directions as update_directions
from .descent import plot_curve as curve
from .descent import plot_gradient_field as gradient_field
from .descent import plot_steps_to_converge as steps_to_converge
from .descent import plot_surface as surface
from .graphs import plot_graph as graph
from .models import plot_activations as activations
from .models import plot_decision_regions as decision_regions
from .models import plot_regression_fit as regression_fit
from .models import plot_softmax as softmax
from .runs import plot_history as history
from .runs import plot_paths as paths

__all__ = [
    "activations",
    "curve",
    "decision_regions",
    "difference_error",
    "gradient_field",
    "graph",
    "history",
    "paths",
    "regression_fit",
    "softmax",
    "steps_to_converge",
    "surface",
    "tangent",
    "update_directions",
]

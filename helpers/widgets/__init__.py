"""Explorers: controls that redraw a figure in place, with a one-line status.

Each explorer function returns a widget (an :class:`~helpers.widgets.base.Explorer`) that a
notebook shows as its cell's last expression and that tests drive through ``.controls``.
"""

from .calculus import tangent_explorer
from .descent import convergence_explorer, descent_1d_explorer, descent_2d_explorer, momentum_explorer
from .networks import chain_rule_explorer, classifier_explorer, softmax_explorer
from .regression import regression_explorer, sgd_explorer

__all__ = [
    "chain_rule_explorer",
    "classifier_explorer",
    "convergence_explorer",
    "descent_1d_explorer",
    "descent_2d_explorer",
    "momentum_explorer",
    "regression_explorer",
    "sgd_explorer",
    "softmax_explorer",
    "tangent_explorer",
]

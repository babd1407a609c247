"""Explorers: controls that redraw a figure in place, with a one-line status.

A notebook opens one with :func:`explore` (``explore("descent_1d", lr=0.01)``), the course's one
name for all of them, as :func:`~helpers.check` is for the exercises. Each returns a widget (an
:class:`~helpers.widgets.base.Explorer`) that a notebook shows as its cell's last expression and that
tests drive through ``.controls``.
"""

from __future__ import annotations

from collections.abc import Callable

from .base import Explorer
from .calculus import tangent_explorer
from .descent import convergence_explorer, descent_1d_explorer, descent_2d_explorer, momentum_explorer
from .networks import chain_rule_explorer, classifier_explorer, softmax_explorer
from .regression import regression_explorer, sgd_explorer

#: Explorer name → the function that builds it, in the order of the notebooks.
EXPLORERS: dict[str, Callable[..., Explorer]] = {
    "tangent": tangent_explorer,  # 01
    "descent_1d": descent_1d_explorer,  # 02
    "descent_2d": descent_2d_explorer,  # 03
    "momentum": momentum_explorer,  # 03
    "regression": regression_explorer,  # 04
    "convergence": convergence_explorer,  # 05
    "sgd": sgd_explorer,  # 06
    "softmax": softmax_explorer,  # 07
    "classifier": classifier_explorer,  # 08
    "chain_rule": chain_rule_explorer,  # 09
}


def explore(name: str, /, *args, **options) -> Explorer:
    """Open one of the course's explorers: sliders that redraw a figure in place, with a status line.

    Parameters
    ----------
    name : str
        Which explorer: ``"tangent"`` (01), ``"descent_1d"`` (02), ``"descent_2d"`` and
        ``"momentum"`` (03), ``"regression"`` (04), ``"convergence"`` (05), ``"sgd"`` (06),
        ``"softmax"`` (07), ``"classifier"`` (08) or ``"chain_rule"`` (09).
    *args, **options
        The explorer's own settings, the values its controls open with (``help(explore)`` lists
        each one's under :data:`EXPLORERS`; e.g. ``lr=``, ``x0=`` and ``eps=`` of ``"descent_1d"``).
        A value outside a control's range is an error that names it and the range.

    Returns
    -------
    Explorer
        The widget; shown when it ends a cell. ``.controls`` maps each setting to its control.

    Examples
    --------
    In a notebook, ``explore("descent_1d", "lecture_quadratic", lr=0.1, x0=1.5)`` ends a cell and
    shows the explorer; a name it does not know is an error that lists the names:

    >>> explore("descent3d")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'tangent', 'descent_1d', 'descent_2d', 'momentum', 'regression', 'convergence', 'sgd', 'softmax', 'classifier', 'chain_rule'; got 'descent3d'
    """
    if not isinstance(name, str) or name not in EXPLORERS:
        raise ValueError(f"name must be one of {', '.join(map(repr, EXPLORERS))}; got {name!r}")
    return EXPLORERS[name](*args, **options)


__all__ = [
    "EXPLORERS",
    "chain_rule_explorer",
    "classifier_explorer",
    "convergence_explorer",
    "descent_1d_explorer",
    "descent_2d_explorer",
    "explore",
    "momentum_explorer",
    "regression_explorer",
    "sgd_explorer",
    "softmax_explorer",
    "tangent_explorer",
]

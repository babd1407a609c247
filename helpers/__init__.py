"""Helpers for the course "Gradient descent, from derivatives to backpropagation".

The notebooks import everything they use from here (``from helpers import gradient_descent, ...``):
the names in ``__all__`` are the course's API, and no notebook reaches into a submodule.

Three layers, each importing only the ones below it:

* numerics (numpy and sympy only): objectives, the descent loop and its result, regression problems,
  the data sets (:mod:`helpers.datasets`, reached as ``datasets.make_linear`` …), the networks
  (:mod:`helpers.nn`, reached as ``nn.MLP`` …) and the exercises' checks;
* :mod:`helpers.plots`: matplotlib figures, reached as ``plots.paths(run)`` …;
* :mod:`helpers.widgets`: the explorers (ipywidgets).

Importing ``helpers`` loads the numerics only, so it is quick and needs no plotting library; the
``plots`` namespace, ``subplots`` or an explorer is imported from its layer the first time a notebook
asks for it.
"""

from __future__ import annotations

import importlib

from . import datasets, nn
from .calculus import difference_table, numeric_gradient
from .descent import DescentResult, gradient_descent
from .exercises import check
from .functions import Objective, objective
from .regression import Regression

__version__ = "0.1.0"

#: Names from the figure and explorer layers, loaded on first use (PEP 562).
_LAZY = {
    "helpers.plots.style": ("COLORS", "subplots"),
    "helpers.widgets": ("explore",),
}
#: The figure layer's own namespace: ``plots.paths(run)``, ``plots.history(run)`` …
_LAZY_MODULES = {"plots": "helpers.plots"}
_HOME = {name: module for module, names in _LAZY.items() for name in names}

# The course's API: what the notebooks import (``tests/test_api.py`` keeps them to it).
__all__ = [
    "COLORS",
    "DescentResult",
    "Objective",
    "Regression",
    "check",
    "datasets",
    "difference_table",
    "explore",
    "gradient_descent",
    "nn",
    "numeric_gradient",
    "objective",
    "plots",
    "subplots",
]


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        value = importlib.import_module(_LAZY_MODULES[name])
        globals()[name] = value
        return value
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""Helpers for the course "Gradient descent, from derivatives to backpropagation".

Three layers, each importing only the ones below it:

* numerics (this package's modules: numpy and sympy only) — :mod:`helpers.formula`,
  :mod:`helpers.calculus`, :mod:`helpers.functions`, :mod:`helpers.descent`,
  :mod:`helpers.regression`, :mod:`helpers.sgd`, :mod:`helpers.nn`, :mod:`helpers.autodiff`,
  :mod:`helpers.datasets`, and the exercises' checks in :mod:`helpers.exercises`;
* :mod:`helpers.plots` — matplotlib figures;
* :mod:`helpers.widgets` — the explorers (ipywidgets).

Importing ``helpers`` loads the numerics only, so it is quick and needs no plotting library.
"""

from .autodiff import Value, trace
from .calculus import (
    central_difference,
    derivative_function,
    difference_table,
    forward_difference,
    gradient_function,
    numeric_gradient,
    symbolic_derivative,
)
from .descent import DescentResult, gradient_ascent, gradient_descent, iterate
from .exercises import check
from .formula import FormulaError, compile_formula, parse_formula
from .functions import FUNCTIONS, get_function
from .nn import MLP, cross_entropy, one_hot, relu, sigmoid, softmax, tanh
from .regression import add_intercept, lecture_data, linear_regression_gd, pinv_solution
from .sgd import minibatch_descent, regression_sgd

__version__ = "0.1.0"

__all__ = [
    "FUNCTIONS",
    "MLP",
    "DescentResult",
    "FormulaError",
    "Value",
    "add_intercept",
    "central_difference",
    "check",
    "compile_formula",
    "cross_entropy",
    "derivative_function",
    "difference_table",
    "forward_difference",
    "get_function",
    "gradient_ascent",
    "gradient_descent",
    "gradient_function",
    "iterate",
    "lecture_data",
    "linear_regression_gd",
    "minibatch_descent",
    "numeric_gradient",
    "one_hot",
    "parse_formula",
    "pinv_solution",
    "regression_sgd",
    "relu",
    "sigmoid",
    "softmax",
    "symbolic_derivative",
    "tanh",
    "trace",
]

"""Notebook 03's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.exercises.gradients import (
    GRADIENT_EXERCISE,
    MOMENTUM_EXERCISE,
    check_gradient,
    check_gradient_norm,
    check_momentum_beta,
    check_steepest_descent,
)
from helpers.formula import parse_formula

x, y = sympy.symbols("x y")
STATUSES = {"correct", "wrong", "unreadable", "no answer"}
GX = "2*x*y - sin(x + 2*y)"
GY = "x**2 - 2*sin(x + 2*y)"


# --- exercise 1: the gradient ---------------------------------------------------------------


def test_gradient_exercise_components_are_the_partial_derivatives():
    f = parse_formula(GRADIENT_EXERCISE["f"], ("x", "y"))
    for var, text in zip((x, y), GRADIENT_EXERCISE["grad"]):
        assert sympy.simplify(sympy.diff(f, var) - parse_formula(text, ("x", "y"))) == 0


@pytest.mark.parametrize(
    "answer",
    [
        [GX, GY],
        (GX, GY),
        f"{GX}, {GY}",
        f"({GX}, {GY})",
        f"[{GX}, {GY}]",
        np.array([GX, GY]),
        [2 * x * y - sympy.sin(x + 2 * y), x**2 - 2 * sympy.sin(x + 2 * y)],
        sympy.Matrix([2 * x * y - sympy.sin(x + 2 * y), x**2 - 2 * sympy.sin(x + 2 * y)]),
        [sympy.Symbol("x", real=True) ** 2 * 0 + 2 * x * y - sympy.sin(x + 2 * y), GY],
        ["2·x·y − sin(x + 2·y)", "x² − 2·sin(x + 2·y)"],
        ["-sin(2*y + x) + 2*y*x", "-2*sin(x+2*y) + x*x"],
    ],
)
def test_gradient_correct_in_every_spelling(answer):
    assert_feedback(check_gradient(answer), "correct", "chain rule")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ([GY, GX], ["components are swapped"]),
        ([GX, "x**2 - sin(x + 2*y)"], ["∂f/∂x is right", "∂f/∂y is off", "factor 2"]),
        ([GX, "x**2 + 2*sin(x + 2*y)"], ["∂f/∂y is off", "−2·sin(x + 2y)"]),
        ([GX, "2*x*y - 2*sin(x + 2*y)"], ["∂f/∂y is off", "with x held constant"]),
        ([GX, "-2*sin(x + 2*y)"], ["∂f/∂y is off", "its ∂/∂y is x²"]),
        ([GX, "x**2"], ["∂f/∂y is off", "cos(x + 2y) term is missing"]),
        ([GX, GX], ["∂f/∂y is off", "that is ∂f/∂x"]),
        (["2*x*y + sin(x + 2*y)", GY], ["∂f/∂y is right", "∂f/∂x is off", "−sin(u)"]),
        (["2*x - sin(x + 2*y)", GY], ["∂f/∂x is off", "treat y as a constant"]),
        (["2*x*y", GY], ["∂f/∂x is off", "cos(x + 2y) term is missing"]),
        (["-sin(x + 2*y)", GY], ["∂f/∂x is off", "x²y term is missing"]),
        ([GY, GY], ["∂f/∂x is off", "that is ∂f/∂y"]),
        (["2*x*y - 2*sin(x + 2*y)", GY], ["∂f/∂x is off", "factor of ∂/∂x (x + 2y) is 1"]),
        (["1", "2"], ["∂f/∂x is off: at (x, y) =", "∂f/∂y is off: at (x, y) ="]),
        ([1, 2.5], ["yours gives 1", "yours gives 2.5"]),
        (["log(x)", GY], ["∂f/∂x is off", "undefined at (x, y) = (-1.3, -1.1)"]),
        ([sympy.nan, GY], ["undefined"]),
        ([sympy.I * x, GY], ["undefined"]),
    ],
)
def test_gradient_names_the_mistake(answer, phrases):
    assert_feedback(check_gradient(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (GX, "give two formulas, one per component"),
        ([GX], "not 1"),
        ([GX, GY, "0"], "not 3"),
        ("2*x*y, x**2, 1", "not 3"),
        ({"x": GX, "y": GY}, "not a dict"),
        (5, "give a list of two formulas"),
        (object(), "could not be read"),
        ([GX, "z"], "unknown name 'z'"),
        (["x**", GY], "first (∂f/∂x) component could not be read as a formula"),
        (["__import__('os')", GY], "could not be read as a formula"),
        ([GX, "1/(x - x)"], "undefined"),
        ([True, GY], "component is True"),
        ([math.nan, GY], "component is nan"),
        ([math.inf, GY], "component is inf"),
        ([sympy.Symbol("z") * x, GY], "uses z"),
        ([sympy.Derivative(x**2, x), GY], "unevaluated derivative"),
        ([sympy.zoo, GY], "could not be evaluated"),
        ([object(), GY], "expected a formula string"),
        ([[GX], GY], "expected a formula string"),
        (np.zeros((2, 2)), "not 4"),
    ],
)
def test_gradient_unreadable(answer, phrase):
    assert_feedback(check_gradient(answer), "unreadable", phrase)


def test_gradient_placeholder():
    assert_feedback(check_gradient(None), "no answer", "['2*x*y', 'x**2']")


@given(st.text(max_size=60))
def test_gradient_never_raises_on_any_text(text):
    fb = check_gradient(text)
    assert fb.status in STATUSES and fb.message


@given(st.lists(st.text(max_size=30), min_size=2, max_size=2))
def test_gradient_never_raises_on_any_pair_of_texts(pair):
    fb = check_gradient(pair)
    assert fb.status in STATUSES and fb.message


# --- exercise 2: steepest descent ----------------------------------------------------------


@pytest.mark.parametrize(
    "answer", [[-2, 4], [-1, 2], (-0.5, 1.0), np.array([-2.0, 4.0]), [[-2], [4]], [-2e-300, 4e-300], [-1e300, 2e300]]
)
def test_steepest_descent_correct(answer):
    assert_feedback(check_steepest_descent(answer), "correct", "−∇f = (-2, 4)")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ([2, -4], ["that is ∇f", "steepest ascent"]),
        ([1e300, -2e300], ["that is ∇f"]),
        ([4, -2], ["components are swapped"]),
        ([-4, 2], ["components are swapped"]),
        ([2, 4], ["one component has the wrong sign"]),
        ([-2, -4], ["one component has the wrong sign"]),
        ([-1, 1], ["straight at the minimum", "18.4°", "does not aim at the minimum"]),
        ([-1.7e308, 1.7e308], ["straight at the minimum"]),
        ([-1, 0], ["goes downhill, but not the steepest way", "63.4°"]),
        ([1, 0], ["goes uphill", "116.6°"]),
        ([2, 1], ["along a contour", "90.0°"]),
        ([0, 0], ["zero vector"]),
        ([5e-324, 0], ["goes uphill"]),
    ],
)
def test_steepest_descent_names_the_mistake(answer, phrases):
    assert_feedback(check_steepest_descent(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("-2, 4", "give a vector of two numbers"),
        (True, "give a vector"),
        ({"x": -2}, "give a vector"),
        ([1, 2, 3], "not 3 of them"),
        (5, "not 1 of them"),
        ([math.inf, 1], "not finite"),
        ([math.nan, 1], "not finite"),
        (["a", "b"], "could not be read"),
        (object(), "could not be read"),
    ],
)
def test_steepest_descent_unreadable(answer, phrase):
    assert_feedback(check_steepest_descent(answer), "unreadable", phrase)


def test_steepest_descent_placeholder():
    assert_feedback(check_steepest_descent(None), "no answer", "[-1, 2]")


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=3))
def test_steepest_descent_never_raises(values):
    assert check_steepest_descent(values).status in STATUSES


# --- exercise 3: the norm in the stopping rule ---------------------------------------------

NORM = math.hypot(8e-6, 8e-6)


@pytest.mark.parametrize("answer", [NORM, np.float64(NORM), np.array([NORM]), 1.1314e-5, 1.131e-5])
def test_gradient_norm_correct(answer):
    assert_feedback(check_gradient_norm(answer), "correct", "1.131e-05 > ε = 1e-05", "loop goes on")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (8e-6, ["largest component", "Euclidean norm"]),
        (1.6e-5, ["|g₁| + |g₂|"]),
        (1.28e-10, ["‖∇f‖²", "square root"]),
        (math.hypot(4e-6, 2e-6), ["norm of the point"]),
        (math.hypot(8e-6, 4e-6), ["4y, not 2y"]),
        (1.12e-5, ["close", "keep all the digits"]),
        (1e-5, ["is not ‖∇f‖", "(8e-06, 8e-06)"]),
        (-NORM, ["is not ‖∇f‖"]),
        (0, ["is not ‖∇f‖"]),
    ],
)
def test_gradient_norm_names_the_mistake(answer, phrases):
    assert_feedback(check_gradient_norm(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("1.13e-5", "give a number"),
        (True, "give a number"),
        ([8e-6, 8e-6], "not 2 of them"),
        (math.nan, "finite"),
        (object(), "could not be read"),
    ],
)
def test_gradient_norm_unreadable(answer, phrase):
    assert_feedback(check_gradient_norm(answer), "unreadable", phrase)


def test_gradient_norm_placeholder():
    assert_feedback(check_gradient_norm(None), "no answer", "1.23e-05")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_gradient_norm_never_raises(value):
    assert check_gradient_norm(value).status in STATUSES


# --- exercise 4: the best momentum β --------------------------------------------------------

BETA = (9 / 11) ** 2  # κ = 200/2 = 100, √κ = 10


def test_momentum_exercise_curvatures_are_the_hessians_eigenvalues():
    f = parse_formula(MOMENTUM_EXERCISE["f"], ("x", "y"))
    hessian = sympy.hessian(f, (x, y))
    assert sorted(float(v) for v in hessian.eigenvals()) == list(MOMENTUM_EXERCISE["curvatures"])


@pytest.mark.parametrize("answer", [BETA, 81 / 121, np.float64(BETA), np.array([BETA]), 0.6694, 0.669, 0.67])
def test_momentum_beta_correct(answer):
    assert_feedback(check_momentum_beta(answer), "correct", "β = ((√κ − 1)/(√κ + 1))² = (9/11)² = 0.6694", "0.8182")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (9 / 11, ["that is the rate", "its square"]),
        (99 / 101, ["(κ − 1)/(κ + 1), plain descent's rate", "uses √κ"]),
        ((99 / 101) ** 2, ["((κ − 1)/(κ + 1))²"]),
        (((math.sqrt(10) - 1) / (math.sqrt(10) + 1)) ** 2, ["x² + 10y² (κ = 10)"]),
        (0.27, ["x² + 10y² (κ = 10)"]),
        (((math.sqrt(200) - 1) / (math.sqrt(200) + 1)) ** 2, ["μ_min = 1", "second derivative, 2"]),
        (((math.sqrt(50) - 1) / (math.sqrt(50) + 1)) ** 2, ["μ_max = 100", "second derivative, 200"]),
        (4 / (math.sqrt(200) + math.sqrt(2)) ** 2, ["best learning rate", "not β"]),
        (0.65, ["close", "keep more digits"]),
        (0.3, ["is not the best β", "κ = μ_max/μ_min = 200/2 = 100"]),
        (1.0, ["[0, 1)"]),
        (-0.67, ["[0, 1)"]),
        (0, ["is not the best β"]),
    ],
)
def test_momentum_beta_names_the_mistake(answer, phrases):
    assert_feedback(check_momentum_beta(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.67", "give a number"),
        (True, "give a number"),
        ([0.67, 0.5], "not 2 of them"),
        (math.inf, "finite"),
        (math.nan, "finite"),
        (object(), "could not be read"),
    ],
)
def test_momentum_beta_unreadable(answer, phrase):
    assert_feedback(check_momentum_beta(answer), "unreadable", phrase)


def test_momentum_beta_placeholder():
    assert_feedback(check_momentum_beta(None), "no answer", "answer = 0.5")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_momentum_beta_never_raises(value):
    assert check_momentum_beta(value).status in STATUSES


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_gradient, check_steepest_descent, check_gradient_norm, check_momentum_beta])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

"""Notebook 01's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.exercises.differentiation import (
    DERIVATIVE_EXERCISE,
    FORWARD_EXERCISE,
    Feedback,
    check_derivative,
    check_direction,
    check_forward_difference,
    derivative_feedback,
)
from helpers.formula import parse_formula

x = sympy.Symbol("x")


# --- Feedback ------------------------------------------------------------------------------


def test_feedback_shows_a_mark_and_the_message():
    assert repr(Feedback("correct", "correct: 1")) == "✓ correct: 1"
    assert str(Feedback("wrong", "no")) == "✗ no"
    assert str(Feedback("unreadable", "?")) == "✗ ?"
    assert str(Feedback("no answer", "write")) == "… write"
    assert Feedback("correct", "").correct and not Feedback("wrong", "").correct


# --- exercise 1 ----------------------------------------------------------------------------


def test_exercise_1_is_the_documented_polynomial():
    assert sympy.expand(parse_formula(DERIVATIVE_EXERCISE) - (2 * x**3 - 3 * x**2 + 4 * x + 5)) == 0


@pytest.mark.parametrize(
    "answer",
    [
        "6*x**2 - 6*x + 4",
        "6·x² − 6·x + 4",
        "df(x) = 6*x^2 - 6*x + 4",
        "2*(3*x**2 - 3*x + 2)",
        "6.0*x**2 - 6*x + 4.0",
        6 * x**2 - 6 * x + 4,
        6 * sympy.Symbol("x", real=True) ** 2 - 6 * sympy.Symbol("x", real=True) + 4,
        sympy.diff(sympy.poly(2 * x**3 - 3 * x**2 + 4 * x + 5), x),
    ],
)
def test_derivative_correct_in_every_spelling(answer):
    assert_feedback(check_derivative(answer), "correct", "6*x**2 - 6*x + 4")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ("12*x**2 - 12*x + 8", ["off by a constant factor 2"]),
        ("3*x**2 - 3*x + 2", ["off by a constant factor 0.5"]),
        ("-6*x**2 + 6*x - 4", ["sign is flipped"]),
        ("6*x**2 - 6*x + 9", ["kept the constant term 5", "derivative is 0"]),
        (DERIVATIVE_EXERCISE, ["that is f itself"]),
        ("12*x - 6", ["second derivative"]),
        ("2*x**2 - 3*x + 4", ["did not multiply by the old exponent"]),
        ("6*x**3 - 6*x**2 + 4*x", ["did not lower the power"]),
        ("6*x**2 - 5*x + 4", ["check the x term", "-6*x", "-5*x"]),
        ("6*x**2 - 6*x + 5", ["check the constant term", "has 4, yours has 5"]),
        ("6*x**2 + 4", ["check the x term", "yours has none"]),
        ("x**4 + 6*x**2 - 6*x + 4", ["check the x**4 term", "the derivative has none"]),
        (4, ["check the x**2 term"]),
        (4.0, ["check the x**2 term"]),
        (np.float64(4.0), ["check the x**2 term"]),
        (math.nan, ["derivative of a polynomial is a polynomial"]),
        ("sin(x)", ["derivative of a polynomial is a polynomial", "sin(x)"]),
        (sympy.nan, ["derivative of a polynomial is a polynomial"]),
        (sympy.zoo, ["derivative of a polynomial is a polynomial"]),
        (sympy.I * x, ["derivative of a polynomial is a polynomial"]),
        (x**2 + sympy.oo, ["derivative of a polynomial is a polynomial"]),
        (x**2 + sympy.AccumBounds(0, 1), ["derivative of a polynomial is a polynomial"]),
    ],
)
def test_derivative_names_the_mistake(answer, phrases):
    assert_feedback(check_derivative(answer), "wrong", *phrases)


def test_no_constant_term_to_keep_falls_through_to_the_term_check():
    fb = derivative_feedback("3*x**2 + 1", "x**3")
    assert_feedback(fb, "wrong", "check the constant term")
    assert "kept the constant" not in fb.message


def test_derivative_feedback_works_for_any_polynomial_and_variable():
    assert_feedback(derivative_feedback("2*t + 2", "t**2 + 2*t + 3", var="t"), "correct", "2*t + 2")
    with pytest.raises(ValueError, match="polynomial"):
        derivative_feedback("1", "sin(x)")


def test_derivative_placeholder_asks_for_an_answer():
    assert_feedback(check_derivative(None), "no answer", "write your answer in `answer`")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("6x^2 - 6x + 4", "a product needs *"),
        ("__import__('os').system('ls')", "could not be read as a formula"),
        ("lambda: 1", "could not be read as a formula"),
        ("x" * 500, "too long"),
        ("9**9**9", "could not be read as a formula"),
        ("", "empty"),
        ("2*y", "unknown name 'y'"),
        ([1, 2], "expected a formula string"),
        (True, "your answer is True"),
        (1j, "expected a formula string"),
        (object(), "could not be read"),
        (sympy.Symbol("y") * x, "uses y"),
        (sympy.Derivative(x**2, x), "unevaluated derivative"),
        (sympy.Function("f")(x), "unevaluated derivative or function"),
        (sympy.Matrix([x]), "expected a formula string"),
    ],
)
def test_derivative_unreadable_answers_get_a_message_not_an_exception(answer, phrase):
    assert_feedback(check_derivative(answer), "unreadable", phrase)


@given(st.text(max_size=80))
def test_derivative_check_never_raises_on_any_text(text):
    fb = check_derivative(text)
    assert fb.status in {"correct", "wrong", "unreadable"}
    assert fb.message


# --- exercise 2 ----------------------------------------------------------------------------


def f_cube(t):
    return t**3


X, H = FORWARD_EXERCISE["x"], FORWARD_EXERCISE["h"]
FORWARD = (f_cube(X + H) - f_cube(X)) / H


def test_forward_difference_correct_as_float_numpy_scalar_or_one_element_array():
    for answer in (FORWARD, np.float64(FORWARD), np.array([FORWARD]), 12.006001):
        assert_feedback(check_forward_difference(answer), "correct", "12.006001", "h·f''(x)/2")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ((f_cube(X + H) - f_cube(X - H)) / (2 * H), "central difference"),
        (12.0, "exact derivative"),
        (12, "exact derivative"),
        ((f_cube(X) - f_cube(X - H)) / H, "backward difference"),
        (-FORWARD, "sign is wrong"),
        (FORWARD * H, "forgot to divide by h"),
        (FORWARD / 2, "divided by 2h"),
        ((f_cube(X + 1e-2) - f_cube(X)) / 1e-2, "h = 1e-02"),
        ((f_cube(X + 1e-5) - f_cube(X)) / 1e-5, "h = 1e-05"),
        (12.01, "keep all the digits"),
        (7, "7 is not the forward difference"),
    ],
)
def test_forward_difference_names_the_mistake(answer, phrase):
    assert_feedback(check_forward_difference(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("12.006", "give a number"),
        ([1.0, 2.0], "give one number, not 2"),
        (np.zeros((2, 2)), "not 4 of them"),
        (math.nan, "give a finite number"),
        (math.inf, "give a finite number"),
        (True, "give a number"),
        ({"a": 1}, "give a number"),
        (object(), "give a number"),
    ],
)
def test_forward_difference_unreadable_answers(answer, phrase):
    assert_feedback(check_forward_difference(answer), "unreadable", phrase)


def test_forward_difference_placeholder():
    assert_feedback(check_forward_difference(None), "no answer", "write your answer")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_forward_difference_check_never_raises_on_any_float(value):
    assert check_forward_difference(value).status in {"correct", "wrong", "unreadable"}


# --- exercise 3 ----------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [1, +1.0, 0.3, "right", " Right ", "+", "+1", "increase", np.int64(1)])
def test_direction_right_is_correct(answer):
    assert_feedback(check_direction(answer), "correct", "move right", "f'(0.5) = -1.5 < 0", "x + 1.5·λ")


@pytest.mark.parametrize("answer", [-1, -0.5, "left", "-", "−1", "decrease"])
def test_direction_left_is_ascent(answer):
    assert_feedback(check_direction(answer), "wrong", "moving left increases f", "gradient ascent")


def test_direction_zero_is_only_for_an_extremum():
    assert_feedback(check_direction(0), "wrong", "extremum", "f' = 0")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [("up", "could not be read"), ("", "could not be read"), ([1, -1], "one number"), (math.nan, "finite")],
)
def test_direction_unreadable(answer, phrase):
    assert_feedback(check_direction(answer), "unreadable", phrase)


def test_direction_placeholder():
    assert_feedback(check_direction(None), "no answer", "+1 or -1")


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_derivative, check_forward_difference, check_direction])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

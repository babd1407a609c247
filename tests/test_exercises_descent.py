"""Notebook 02's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.exercises.descent import (
    FINITE_DIFFERENCE_EXERCISE,
    LEARNING_RATE_EXERCISE,
    STEPS_EXERCISE,
    check_descent_derivative,
    check_finite_difference_stop,
    check_learning_rate,
    check_step_count,
    count_steps,
    finite_difference_stop,
)

x = sympy.Symbol("x")
STATUSES = {"correct", "wrong", "unreadable", "no answer"}


# --- exercise 1: the number of steps -------------------------------------------------------


def test_count_steps_is_the_lecture_loop():
    # The lecture's settings from x0 = 2: |f'| = 6·0.98^k ≤ 1e-5 first at k = 659.
    assert count_steps(2.0, 1e-2, 1e-5) == 659
    assert count_steps(-1.0, 0.1, 1e-4) == 0  # already at the minimum
    assert count_steps(2.0, 1.5, 1e-4, max_steps=20) == 20  # a diverging run stops at the cap


def test_step_count_exercise_answer_is_50():
    assert count_steps(STEPS_EXERCISE["x0"], STEPS_EXERCISE["lr"], STEPS_EXERCISE["eps"]) == 50


@pytest.mark.parametrize("answer", [50, 50.0, np.int64(50), np.array([50]), np.float32(50)])
def test_step_count_correct(answer):
    assert_feedback(check_step_count(answer), "correct", "50 steps", "6·0.8^k")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (49, ["one too few", "0.000107", "one more"]),
        (51, ["one too many", "gradient evaluations"]),
        (49.305, ["round it up", "after 49 steps"]),
        (49.5, ["whole number"]),
        (659, ["lecture's λ = 0.01"]),
        (-3, ["cannot be negative"]),
        (12, ["not 12", "count the updates"]),
        (0, ["not 0"]),
    ],
)
def test_step_count_names_the_mistake(answer, phrases):
    assert_feedback(check_step_count(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("50", "give a number such as 42"),
        (True, "give a number"),
        ([49, 50], "not 2 of them"),
        (math.nan, "finite"),
        (math.inf, "finite"),
        (object(), "could not be read"),
        (1j, "could not be read"),
    ],
)
def test_step_count_unreadable(answer, phrase):
    assert_feedback(check_step_count(answer), "unreadable", phrase)


def test_step_count_placeholder():
    assert_feedback(check_step_count(None), "no answer", "write your answer")


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_step_count_never_raises(value):
    assert check_step_count(value).status in STATUSES


# --- exercise 2: a learning rate -----------------------------------------------------------


def test_learning_rate_exercise_is_the_documented_quadratic():
    ex = LEARNING_RATE_EXERCISE
    assert ex["f"] == "5*x**2 - 3*x" and (ex["a"], ex["b"]) == (5.0, -3.0)


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (0.1, ["in one step", "λ = 1/μ"]),
        (0.05, ["monotonically in 25 steps", "0.5"]),
        (0.15, ["overshooting back and forth", "λ > 1/μ = 0.1"]),
        (np.float64(0.19), ["overshooting"]),
        ([0.05], ["monotonically"]),
    ],
)
def test_learning_rate_correct(answer, phrases):
    assert_feedback(check_learning_rate(answer), "correct", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (0.2, ["2/μ is the edge", "jumps between two points"]),
        (0.25, ["too large", "diverged at step", "below 2/μ = 0.2"]),
        (1e308, ["too large", "diverged at step 1"]),
        (1e-5, ["too small", "about 166479 steps", "more than 1000"]),
        (1e-300, ["too small", "far too many steps"]),
        (0, ["must be positive", "does not move"]),
        (-0.1, ["must be positive", "gradient ascent"]),
    ],
)
def test_learning_rate_names_the_mistake(answer, phrases):
    assert_feedback(check_learning_rate(answer), "wrong", *phrases)


@pytest.mark.parametrize(("answer", "phrase"), [("0.1", "give a number"), ((0.1, 0.2), "not 2"), (math.nan, "finite")])
def test_learning_rate_unreadable(answer, phrase):
    assert_feedback(check_learning_rate(answer), "unreadable", phrase)


def test_learning_rate_placeholder():
    assert_feedback(check_learning_rate(None), "no answer", "0.05")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_learning_rate_never_raises(value):
    assert check_learning_rate(value).status in STATUSES


# --- exercise 3: a derivative used in descent ----------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "2*x - exp(-x)",
        "2*x − exp(−x)",
        "df(x) = 2*x - 1/exp(x)",
        2 * x - sympy.exp(-x),
        2 * sympy.Symbol("x", real=True) - sympy.exp(-sympy.Symbol("x", real=True)),
        lambda t: 2 * t - np.exp(-t),
    ],
)
def test_descent_derivative_correct(answer):
    assert_feedback(check_descent_derivative(answer), "correct", "2x − e^(−x)", "x = 0.351734")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ("x**2 + exp(-x)", ["that is f itself", "diverged"]),
        ("-2*x + exp(-x)", ["sign is flipped", "gradient ascent"]),
        ("2*x + exp(-x)", ["chain rule", "−e^(−x)"]),
        ("2*x - exp(x)", ["not e^x"]),
        ("x - exp(-x)", ["power rule", "stops at x = 0.5671", "not the minimum"]),
        ("2*x", ["at x = -2 your f' is -4", "stops at x = 0.0000", "true f'(x) = -1"]),
        (3, ["your f' is 3", "never settles", "step cap"]),
        ("exp(x**2)*100", ["diverged at step 1"]),
        ("log(x)", ["undefined at x = -2"]),
        ("1/x", ["undefined at x = 0"]),
        ("sqrt(x)", ["undefined"]),
    ],
)
def test_descent_derivative_names_the_mistake(answer, phrases):
    assert_feedback(check_descent_derivative(answer), "wrong", *phrases)


def test_descent_derivative_with_a_function_failing_on_the_path_still_answers():
    def df(t):
        t = float(t)
        if (4 * t) % 1:  # fine on the check's grid (multiples of 0.25), fails between
            raise RuntimeError("boom")
        return 2 * t - math.exp(-t) + 1.0

    fb = check_descent_derivative(df)
    assert_feedback(fb, "wrong", "not yet: at x = ")
    assert "Descent" not in fb.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("x**", "could not be read as a formula"),
        ("__import__('os')", "could not be read as a formula"),
        ("2*y", "unknown name 'y'"),
        (sympy.Symbol("y") * x, "uses y"),
        (sympy.Derivative(x**2, x), "unevaluated derivative"),
        (sympy.Matrix([x]), "expected a formula string"),
        (sympy.Eq(x, 1), "expected a formula in x"),
        (True, "your answer is True"),
        (1j, "expected a formula string"),
        ([1, 2], "expected a formula string"),
        (object(), "could not be read"),
        (lambda t: 1 / 0, "raised an error"),
        (lambda t: "a", "raised an error or did not return one number"),
        (lambda t: [t, t], "did not return one number"),
    ],
)
def test_descent_derivative_unreadable(answer, phrase):
    assert_feedback(check_descent_derivative(answer), "unreadable", phrase)


def test_descent_derivative_placeholder():
    assert_feedback(check_descent_derivative(None), "no answer", "'2*x + 1'")


@given(st.text(max_size=60))
def test_descent_derivative_never_raises_on_any_text(text):
    fb = check_descent_derivative(text)
    assert fb.status in STATUSES and fb.message


# --- exercise 4: where the finite-difference loop stops ------------------------------------


def test_finite_difference_stop_is_where_the_bias_predicts():
    # The estimate is 2x + 2 + h; from above the loop stops at the first x with 2(x + 1) + h ≤ ε, which
    # lies within one step λ·ε of (ε − h)/2.
    ex = FINITE_DIFFERENCE_EXERCISE
    assert (ex["x0"], ex["lr"], ex["eps"], ex["h"]) == (2.0, 1e-2, 1e-5, 1e-4)
    for h in (1e-1, 1e-3, 1e-4, 1e-7):
        offset = finite_difference_stop(h) + 1
        assert (ex["eps"] * (1 - 2 * ex["lr"]) - h) / 2 <= offset <= (ex["eps"] - h) / 2, h
    # With a tiny h round-off stops the loop far from −1 (the estimate is exactly 0 there).
    assert finite_difference_stop(1e-15) + 1 > 0.01
    assert finite_difference_stop(1.0, max_steps=3) > 1  # the cap ends a run


@pytest.mark.parametrize("answer", [-1.000045, -1.0000450442, np.float64(-1.000045), [-1.000045], -1.0000455])
def test_finite_difference_stop_correct(answer):
    assert_feedback(check_finite_difference_stop(answer), "correct", "x = -1.000045", "2x + 2 + h", "(ε − h)/2")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (-1.00005, ["−1 − h/2", "exactly 0", "6 decimals"]),
        (-1.000055, ["estimate is −ε", "comes from above"]),
        (-0.999995, ["exact f' stops", "bias h·f''/2 = h"]),
        (-1.0, ["minimum of f", "not where f' = 0"]),
        (-1, ["minimum of f"]),
        (-0.99995, ["wrong sign", "left of −1"]),
        (-0.999955, ["wrong sign", "left of −1"]),
        (-1.0001, ["off by h", "by h/2"]),
        (-1.000095, ["off by h", "by h/2"]),
        (-4.5e-5, ["that is x + 1", "give x itself"]),
        (-4.504e-5, ["that is x + 1"]),
        (-1.00004, ["close", "5.0e-06", "6 decimals", "solve 2(x + 1) + h = ε"]),
        (3, ["not 3", "solve 2(x + 1) + h = ε"]),
        (1e308, ["not 1e+308"]),
    ],
)
def test_finite_difference_stop_names_the_mistake(answer, phrases):
    fb = check_finite_difference_stop(answer)
    assert_feedback(fb, "wrong", *phrases)
    if "that is x + 1" not in fb.message:  # a wrong answer's message does not give the answer away
        assert "1.000045" not in fb.message and "4.5e-05" not in fb.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("-1.000045", "give a number such as -1.0"),
        (True, "give a number"),
        ([-1.0, -1.000045], "not 2 of them"),
        (math.nan, "finite"),
        (-math.inf, "finite"),
        (1j, "could not be read"),
        (object(), "could not be read"),
    ],
)
def test_finite_difference_stop_unreadable(answer, phrase):
    assert_feedback(check_finite_difference_stop(answer), "unreadable", phrase)


def test_finite_difference_stop_placeholder():
    assert_feedback(check_finite_difference_stop(None), "no answer", "-1.0")


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_finite_difference_stop_never_raises(value):
    assert check_finite_difference_stop(value).status in STATUSES


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize(
    "check", [check_step_count, check_learning_rate, check_descent_derivative, check_finite_difference_stop]
)
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

"""Notebook 05's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers import gradient_descent, objective
from helpers.calculus import hessian_matrix
from helpers.exercises.convergence import (
    CONVEXITY_EXERCISE,
    LARGEST_LR_EXERCISE,
    MINIMUM_EXERCISE,
    SADDLE_EXERCISE,
    check_convexity,
    check_largest_lr,
    check_reached_minimum,
    check_saddle_escape,
    convexity_report,
    saddle_escape_steps,
)
from helpers.formula import FormulaError

STATUSES = {"correct", "wrong", "unreadable", "no answer"}


# --- exercise 1: convexity -------------------------------------------------------------------


def test_convexity_report():
    report = convexity_report("x**2 + 3*sin(x)")
    assert not report["convex"]
    assert report["min"] == pytest.approx(-1.0, abs=1e-5)
    assert report["x_bad"] == pytest.approx(math.pi / 2, abs=1e-2)
    assert convexity_report("x**4")["convex"]  # f'' = 12x² touches 0 and stays ≥ 0
    with pytest.raises(FormulaError):
        convexity_report("x +")
    with pytest.raises(ValueError, match="interval"):
        convexity_report("x**2", (1.0, -1.0))


@pytest.mark.parametrize("answer", [False, "no", "not convex", " Non-convex ", np.bool_(False)])
def test_exercise_function_is_not_convex(answer):
    assert_feedback(
        check_convexity(answer), "correct", "not convex on [-3, 3]", "2 - 3*sin(x)", "x = 1.57", "chord", "below"
    )


def test_calling_it_convex_gets_the_counter_example():
    fb = check_convexity(True)
    assert_feedback(fb, "wrong", "not convex on [-3, 3]", "counter-example is x = 1.57", "-1 < 0", "chord")


@pytest.mark.parametrize(("f", "answer"), [("x**2 + sin(x)", True), ("exp(x)", "convex"), ("x**4", "yes"), ("5", True)])
def test_convex_functions(f, answer):
    assert_feedback(check_convexity(answer, f), "correct", "is convex", "≥ 0 everywhere", "every chord")


def test_calling_a_convex_function_non_convex():
    assert_feedback(check_convexity(False, "x**2 + sin(x)"), "wrong", "is convex", "no local minimum that is not")


def test_counter_example_stays_away_from_the_ends_of_the_interval():
    fb = check_convexity(True, "x**3")
    assert_feedback(fb, "wrong", "counter-example is x = -2.4", "chord from x = -3 to -1.8")
    # Convex on a sub-interval, not on another.
    assert_feedback(check_convexity(True, "x**3", interval=(0, 1)), "correct", "on [0, 1]")
    assert_feedback(check_convexity(True, "x**3", interval=(-1, 0)), "wrong", "x = -0.9")


def test_no_chord_found_leaves_the_chord_out():
    # f'' < 0 only near the left end: the counter-example is the end itself, where no chord fits.
    fb = check_convexity(False, "x**3", interval=(-1.0, 10.0))
    assert_feedback(fb, "correct", "not convex on [-1, 10]", "x = -1 it is -6 < 0")
    assert "chord" not in fb.message


@pytest.mark.parametrize(
    ("answer", "f", "interval", "phrase"),
    [
        ("maybe", None, None, "write True (convex) or False"),
        (1, None, None, "write True (convex) or False"),
        (True, 3, None, "f must be a formula string"),
        (True, "y", None, "could not be read as a formula"),
        (True, "x**", None, "could not be read as a formula"),
        (True, "log(x)", None, "is not defined at x = 0"),
        (True, "1/x", None, "is not defined"),
        (True, "abs(x)", None, "DiracDelta"),
        (True, None, (3, 1), "a < b"),
        (True, None, "ab", "two numbers"),
        (True, None, (0, math.inf), "finite"),
        (True, None, (-1e308, 1e308), "within [-1e6, 1e6]"),
    ],
)
def test_convexity_unreadable(answer, f, interval, phrase):
    assert_feedback(check_convexity(answer, f, interval), "unreadable", phrase)


def test_convexity_placeholder():
    assert_feedback(check_convexity(None), "no answer", "True or False")
    assert CONVEXITY_EXERCISE["f"] == "x**2 + 3*sin(x)"


@given(st.text(max_size=40))
def test_convexity_check_never_raises_on_any_formula(text):
    assert check_convexity(True, text).status in STATUSES


# --- exercise 2: the largest stable learning rate -------------------------------------------

MU_MAX = 5 + math.sqrt(5)  # the largest eigenvalue of the Hessian


def test_largest_lr_exercise_hessian():
    H = hessian_matrix(LARGEST_LR_EXERCISE["f"], ("x", "y"))
    assert np.array(H.tolist(), dtype=float).tolist() == LARGEST_LR_EXERCISE["hessian"]
    assert np.linalg.eigvalsh(np.array(LARGEST_LR_EXERCISE["hessian"]))[-1] == pytest.approx(MU_MAX)


@pytest.mark.parametrize("answer", [2 / MU_MAX, 0.2764, np.float64(0.27639), np.array([0.2764])])
def test_largest_lr_correct(answer):
    assert_feedback(check_largest_lr(answer), "correct", "2/μ_max = 2/7.2361 = 0.2764", "5 + √5")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (1 / MU_MAX, "that is 1/μ_max"),
        (1 / 3, "∂²f/∂x² = 6 as μ_max"),
        (2 / 3, "coefficient 3 of x²"),
        (2 / (5 - math.sqrt(5)), "smallest eigenvalue"),
        (1 / 6, "1/∂²f/∂x²"),
        (0.28, "too large"),
        (0.5, "diverges"),
        (0.1, "stable (|1 − λμ_max| = 0.276 < 1) but not the largest"),
        (0, "positive"),
        (-1, "positive"),
    ],
)
def test_largest_lr_names_the_mistake(answer, phrase):
    assert_feedback(check_largest_lr(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.27", "give a number"),
        (True, "give a number"),
        ([1, 2], "not 2 of them"),
        (math.nan, "finite"),
        ({}, "give a number"),
    ],
)
def test_largest_lr_unreadable(answer, phrase):
    assert_feedback(check_largest_lr(answer), "unreadable", phrase)


def test_largest_lr_placeholder():
    assert_feedback(check_largest_lr(None), "no answer", "answer = 0.5")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_largest_lr_never_raises(value):
    assert check_largest_lr(value).status in STATUSES


# --- exercise 3: which minimum ----------------------------------------------------------------


def test_minimum_exercise_settings():
    assert MINIMUM_EXERCISE == {"function": "double_well", "x0": 0.2, "lr": 0.05}


@pytest.mark.parametrize("answer", [1.1309, 1.13, np.float64(1.131), [1.13]])
def test_reached_minimum_correct(answer):
    assert_feedback(check_reached_minimum(answer), "correct", "x ≈ 1.1309", "not the global minimum", "moves right")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (-1.30, "that is the global minimum"),
        (0.17, "local maximum"),
        (0.2, "that is the start"),
        (0.5, "does not stop at 0.5"),
    ],
)
def test_reached_minimum_names_the_mistake(answer, phrase):
    assert_feedback(check_reached_minimum(answer), "wrong", phrase)


@pytest.mark.parametrize(("answer", "phrase"), [("right", "give a number"), ([1, 2], "not 2"), (math.inf, "finite")])
def test_reached_minimum_unreadable(answer, phrase):
    assert_feedback(check_reached_minimum(answer), "unreadable", phrase)


def test_reached_minimum_placeholder():
    assert_feedback(check_reached_minimum(None), "no answer", "write your answer")


# --- exercise 4: escaping a saddle ------------------------------------------------------------


def test_saddle_escape_answer_is_what_descent_measures():
    ex = SADDLE_EXERCISE
    saddle = objective(ex["f"], variables=("x", "y"))
    assert np.linalg.eigvalsh(saddle.hessian([0.0, 0.0])).tolist() == [-2.0, 2.0]  # one of each sign: a saddle
    run = gradient_descent(saddle, list(ex["start"]), lr=ex["lr"], eps=None, steps=200)
    ys = np.abs(run.path[:, 1])
    measured = int(np.argmax(ys >= ex["target"]))
    assert measured == saddle_escape_steps() == 145
    assert ys[measured - 1] < ex["target"] <= ys[measured]
    # the prediction ⌈ln(1/|y₀|)/ln(1 + 2λ)⌉ is not on the edge of a whole number
    ratio = math.log(ex["target"] / ex["start"][1]) / math.log(1 + 2 * ex["lr"])
    assert math.ceil(ratio) == 145 and 0.01 < 145 - ratio < 0.99
    # the step at which the helpers call the run diverged, named by one message
    assert gradient_descent(saddle, list(ex["start"]), lr=ex["lr"], steps=1000).diverged_at == 428


@pytest.mark.parametrize("answer", [145, 145.0, np.int64(145), np.array([145])])
def test_saddle_escape_correct(answer):
    assert_feedback(check_saddle_escape(answer), "correct", "⌈144.95⌉ = 145", "after 144 steps |y| = 0.913")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (144.95, "rounded up"),
        (144.953, "rounded up"),
        (144, "round up, not down"),
        (146, "one too many"),
        (139, "ln(1 + 2λ) ≈ 2λ"),
        (138.155, "ln(1 + 2λ) ≈ 2λ"),
        (284, "not 1 + λ"),
        (283.16, "not 1 + λ"),
        (63, "log₁₀ on top"),
        (334, "ln on top"),
        (428, "declares the run diverged"),
        (-131, "factor of x, which shrinks"),
        (0, "at the start"),
        (3.5, "whole number"),
        (50, "still below 1"),
        (1000, "passed 1 long before"),
        (1e300, "10^"),
    ],
)
def test_saddle_escape_names_the_mistake(answer, phrase):
    assert_feedback(check_saddle_escape(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"), [("145", "give a number"), ([145, 146], "not 2"), (math.nan, "finite"), (True, "number")]
)
def test_saddle_escape_unreadable(answer, phrase):
    assert_feedback(check_saddle_escape(answer), "unreadable", phrase)


def test_saddle_escape_placeholder():
    assert_feedback(check_saddle_escape(None), "no answer", "answer = 100")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_saddle_escape_never_raises(value):
    assert check_saddle_escape(value).status in STATUSES


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_convexity, check_largest_lr, check_reached_minimum, check_saddle_escape])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

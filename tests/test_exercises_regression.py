"""Notebook 04's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.exercises.regression import (
    GRADIENT_EXERCISE,
    INTERCEPT_EXERCISE,
    LR_STEPS_EXERCISE,
    SCALING_EXERCISE,
    check_intercept_column,
    check_lr_and_steps,
    check_squared_gradient,
    check_standardised_condition,
    scaling_conditions,
    steps_needed,
)
from helpers.regression import lecture_data, linear_regression_gd, pinv_solution

STATUSES = {"correct", "wrong", "unreadable", "no answer"}


# --- exercise 1: the gradient of the mean squared error ------------------------------------

X1 = np.array(GRADIENT_EXERCISE["X"])
Y1 = np.array(GRADIENT_EXERCISE["y"])
B1 = np.array(GRADIENT_EXERCISE["beta"])
N1 = len(Y1)
R1 = Y1 - X1 @ B1
GRAD = -(2 / N1) * X1.T @ R1


def test_gradient_exercise_matches_the_formula_and_a_finite_difference():
    np.testing.assert_allclose(GRAD, [-20 / 3, -8 / 3])

    def mse(b):
        r = Y1 - X1 @ b
        return r @ r / N1

    h = 1e-6
    numeric = [(mse(B1 + h * e) - mse(B1 - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(numeric, GRAD, rtol=1e-6)


@pytest.mark.parametrize("answer", [GRAD, GRAD.tolist(), tuple(GRAD), (2 / N1) * X1.T @ (X1 @ B1 - Y1)])
def test_gradient_correct(answer):
    assert_feedback(check_squared_gradient(answer), "correct", "−(2/n)Xᵀr = [-6.667, -2.667]", "n = 3")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (-X1.T @ R1, ["lecture code's gradient", "2/n"]),
        (-X1.T @ R1 / N1, ["the 2 is missing"]),
        (-2 * X1.T @ R1, ["1/n of the mean is missing", "n = 3"]),
        (-GRAD, ["sign is flipped"]),
        (-X1.T @ R1 / (N1 * math.sqrt(R1 @ R1 / N1)), ["gradient of the RMSE"]),
        (5 * GRAD, ["5 times the right one"]),
        (GRAD[:, None], ["shape is (2, 1)", "(2, 2) matrix"]),
        (GRAD[None, :], ["shape is (1, 2)"]),
        (-(2 / N1) * R1, ["3 entries, one per example", "Xᵀ"]),
        ([1.0, 2.0, 3.0, 4.0], ["one entry per coefficient", "shape (4,)"]),
        (np.ones((2, 2)), ["shape (2, 2)"]),
        ([-6.67, -2.67], ["close", "keep all the digits"]),
        ([1.0, 2.0], ["is not the gradient"]),
    ],
)
def test_gradient_names_the_mistake(answer, phrases):
    assert_feedback(check_squared_gradient(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("[-6.67, -2.67]", "could not be read"),
        ([1, "a"], "could not be read"),
        ([[1, 2], [3]], "could not be read"),
        ({"a": 1}, "could not be read"),
        (True, "could not be read"),
        ([], "empty"),
        ([math.nan, 1.0], "nan or inf"),
        ([math.inf, 1.0], "nan or inf"),
        (object(), "could not be read"),
    ],
)
def test_gradient_unreadable(answer, phrase):
    assert_feedback(check_squared_gradient(answer), "unreadable", phrase)


def test_gradient_placeholder():
    assert_feedback(check_squared_gradient(None), "no answer", "write your answer")


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=5))
def test_gradient_check_never_raises(values):
    assert check_squared_gradient(values).status in STATUSES


# --- exercise 2: the column of ones ----------------------------------------------------------

X2 = np.array(INTERCEPT_EXERCISE["X"])
ONES = np.ones((4, 1))


def test_intercept_exercise_is_the_lecture_data():
    X, y, _ = lecture_data()
    np.testing.assert_array_equal(X[:, :2], X2)
    np.testing.assert_array_equal(y, INTERCEPT_EXERCISE["y"])


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (np.hstack([X2, ONES]), ["β = [1, 2, 3]", "intercept 3"]),
        (np.column_stack([X2, np.ones(4)]).tolist(), ["β = [1, 2, 3]"]),
        (np.hstack([ONES, X2]), ["ones first", "[3, 1, 2]", "position 0"]),
        (np.hstack([X2[:, :1], ONES, X2[:, 1:]]), ["in the middle", "position 1"]),
        (np.hstack([X2, 2 * ONES]), ["works too", "3/2 = 1.5"]),
    ],
)
def test_intercept_accepted(answer, phrases):
    assert_feedback(check_intercept_column(answer), "correct", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (X2, ["X unchanged", "origin"]),
        (np.vstack([X2, [1.0, 1.0]]), ["added a row", "axis=1"]),
        (np.ones((4, 4)), ["shape (4, 3)", "(4, 4)"]),
        (np.hstack([X2, np.zeros((4, 1))]), ["column of zeros", "residual"]),
        (np.hstack([X2, np.arange(4.0)[:, None]]), ["not constant", "another slope"]),
        (np.ones((4, 3)), ["columns of X have changed"]),
    ],
)
def test_intercept_names_the_mistake(answer, phrases):
    assert_feedback(check_intercept_column(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (np.ones(3), "2-D array"),
        (np.ones((1, 4, 3)), "2-D array"),
        ("X", "could not be read"),
        ([[1, 2], [3]], "could not be read"),
        (np.full((4, 3), np.nan), "nan or inf"),
    ],
)
def test_intercept_unreadable(answer, phrase):
    assert_feedback(check_intercept_column(answer), "unreadable", phrase)


def test_intercept_placeholder():
    assert_feedback(check_intercept_column(None), "no answer", "np.hstack")


# --- exercise 3: λ and T -------------------------------------------------------------------


def test_lr_steps_exercise_is_the_lecture_problem():
    X, y, beta0 = lecture_data()
    np.testing.assert_array_equal(X, LR_STEPS_EXERCISE["X"])
    np.testing.assert_array_equal(y, LR_STEPS_EXERCISE["y"])
    np.testing.assert_array_equal(beta0, LR_STEPS_EXERCISE["beta0"])


@pytest.mark.parametrize("lr", [0.01, 0.03, 0.05, 0.06])
def test_steps_needed_is_exact(lr):
    X, y, beta0 = lecture_data()
    best = pinv_solution(X, y)
    need = steps_needed(lr)
    tol = LR_STEPS_EXERCISE["tol"]
    at = linear_regression_gd(X, y, beta0, lr=lr, steps=need)
    before = linear_regression_gd(X, y, beta0, lr=lr, steps=need - 1)
    assert np.linalg.norm(at.x - best) <= tol < np.linalg.norm(before.x - best)


def test_steps_needed_edge_cases():
    assert steps_needed(0.07) is None  # above 2/μ_max
    assert steps_needed(1e-12) is None  # beyond the cap
    assert steps_needed(0.01, tol=100.0) == 0
    assert steps_needed(0.01) == 3240  # the lecture's λ needs more than the budget


@pytest.mark.parametrize(
    "answer", [(0.05, 1000), (0.05, 645), [0.06, 600.0], (np.float64(0.05), np.int64(700)), (0.063, 1000)]
)
def test_lr_steps_correct(answer):
    assert_feedback(check_lr_and_steps(answer), "correct", "≤ 0.001")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ((0.01, 5000), ["over the budget of 1000"]),
        ((0.05, 600), ["it takes 645 steps", "raise T to 645"]),
        ((0.01, 1000), ["it takes 3240 steps", "raise λ", "0.0640"]),
        ((0.0639, 1000), ["bounces and shrinks slowly", "lower λ"]),
        ((0.07, 100), ["is diverging", "18.6", "μ_max = 31.27"]),
        ((0.064, 1000), ["is diverging"]),
        ((1.0, 100), ["diverged at step", "largest eigenvalue of XᵀX"]),
        ((1e-12, 10), ["more than ten million steps"]),
    ],
)
def test_lr_steps_names_the_mistake(answer, phrases):
    assert_feedback(check_lr_and_steps(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.05, 700", "give a pair"),
        (0.05, "give a pair"),
        ((0.05,), "1 entries, not 2"),
        ((0.05, 700, 1), "3 entries, not 2"),
        (("0.05", 700), "finite number"),
        ((math.nan, 700), "finite number"),
        ((True, 700), "finite number"),
        ((-0.05, 700), "positive"),
        ((0.0, 700), "positive"),
        ((0.05, 700.5), "whole number"),
        ((0.05, math.inf), "whole number"),
        ((0.05, "700"), "whole number"),
        ((0.05, 0), "at least 1"),
        ({"lr": 0.05}, "give a pair"),
    ],
)
def test_lr_steps_unreadable(answer, phrase):
    assert_feedback(check_lr_and_steps(answer), "unreadable", phrase)


def test_lr_steps_placeholder():
    assert_feedback(check_lr_and_steps(None), "no answer", "(0.01, 500)")


@given(st.tuples(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 1200)))
def test_lr_steps_check_never_raises(pair):
    assert check_lr_and_steps(pair).status in STATUSES


# --- exercise 4: κ after standardising -------------------------------------------------------

F4 = np.array(SCALING_EXERCISE["X"])
ONES4 = np.ones((len(F4), 1))


def _kappa(A):
    mu = np.linalg.eigvalsh(A.T @ A)
    return mu[-1] / mu[0]


KAPPA = _kappa(np.hstack([(F4 - F4.mean(axis=0)) / F4.std(axis=0), ONES4]))


def test_scaling_exercise_values():
    kappas = scaling_conditions()
    assert kappas["standardised"] == pytest.approx(KAPPA)
    r = np.corrcoef(F4.T)[0, 1]
    assert KAPPA == pytest.approx((1 + r) / (1 - r))  # the ones' eigenvalue n lies between n(1 ± r)
    assert kappas["raw"] == pytest.approx(_kappa(np.hstack([F4, ONES4])))
    assert kappas["raw"] / KAPPA > 10_000
    # every recognised slip is far from the answer and from the others
    values = sorted([KAPPA, math.sqrt(KAPPA), 1 / KAPPA, math.sqrt(kappas["raw"]), *kappas.values()])
    assert all(b / a > 1.05 for a, b in zip(values, values[1:]) if a != KAPPA or b != KAPPA)


def _ddof1():
    return _kappa(np.hstack([(F4 - F4.mean(axis=0)) / F4.std(axis=0, ddof=1), ONES4]))


def _ones_first_or_none():
    Z = (F4 - F4.mean(axis=0)) / F4.std(axis=0)
    return _kappa(np.hstack([ONES4, Z])), _kappa(Z)


def _correlation_matrix():
    mu = np.linalg.eigvalsh(np.corrcoef(F4.T))
    return mu[-1] / mu[0]


@pytest.mark.parametrize(
    "answer",
    [KAPPA, np.float64(KAPPA), np.array([KAPPA]), 4.94, round(KAPPA, 2), _ddof1(), *_ones_first_or_none(),
     _correlation_matrix(), np.linalg.cond(np.hstack([(F4 - F4.mean(axis=0)) / F4.std(axis=0), ONES4])) ** 2],
)  # fmt: skip
def test_standardised_condition_correct(answer):
    assert_feedback(check_standardised_condition(answer), "correct", "κ = 4.94", "85 638", "r = 0.663", "34 steps")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (_kappa(np.hstack([F4, ONES4])), ["raw columns with the ones", "standardise first"]),
        (85_600, ["raw columns with the ones"]),
        (_kappa(F4), ["raw columns without the ones"]),
        (_kappa(np.hstack([F4 - F4.mean(axis=0), ONES4])), ["centred", "did not divide", "28.9 m²"]),
        (_kappa(F4 - F4.mean(axis=0)), ["centred", "did not divide"]),
        (_kappa(np.hstack([F4 / F4.std(axis=0), ONES4])), ["did not subtract the means", "column of ones"]),
        (_kappa(np.hstack([(F4 - F4.mean()) / F4.std(), ONES4])), ["whole matrix", "axis=0"]),
        (_kappa(np.hstack([(F4 - F4.min(axis=0)) / np.ptp(F4, axis=0), ONES4])), ["min-max"]),
        (math.sqrt(KAPPA), ["cond(X)", "√κ", "cond(X)² = 4.94"]),
        (np.linalg.cond(np.hstack([(F4 - F4.mean(axis=0)) / F4.std(axis=0), ONES4])), ["cond(X)", "√κ"]),
        (np.linalg.cond(np.hstack([F4, ONES4])), ["cond(X) of the raw columns"]),
        (1 / KAPPA, ["μ_min/μ_max"]),
        (-7.2e15, ["singular", "axis=0", "not XXᵀ"]),
        (3e17, ["singular"]),
        (4.8, ["close", "keep the digits"]),
        (0.5, ["at least 1", "largest eigenvalue on top"]),
        (17.0, ["is not κ of the standardised flats"]),
        (0.0, ["at least 1"]),
        (-KAPPA, ["negative", "‖Xv‖² ≥ 0"]),
    ],
)
def test_standardised_condition_names_the_mistake(answer, phrases):
    assert_feedback(check_standardised_condition(answer), "wrong", *phrases)


def test_standardised_condition_rows_instead_of_columns_is_singular():
    rows = (F4 - F4.mean(axis=1, keepdims=True)) / F4.std(axis=1, keepdims=True)  # every row becomes [1, −1]
    np.testing.assert_allclose(rows, np.tile([1.0, -1.0], (len(F4), 1)))
    with np.errstate(divide="ignore"):
        answer = _kappa(np.hstack([rows, ONES4]))  # μ_min is 0 up to rounding: negative, huge or inf
    status = "unreadable" if not np.isfinite(answer) else "wrong"
    assert_feedback(check_standardised_condition(answer), status, "axis=0")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (math.nan, ["nan", "ones column", "standard deviation 0"]),
        (np.array([math.nan]), ["nan", "ones column"]),
        (math.inf, ["inf", "μ_min = 0", "not the rows"]),
        (-math.inf, ["inf"]),
        ("4.94", ["could not be read"]),
        ([4.94, 1.0], ["one number, not 2"]),
        ({"kappa": 4.94}, ["could not be read"]),
        (True, ["could not be read"]),
        ([], ["one number, not 0"]),
        (object(), ["could not be read"]),
    ],
)
def test_standardised_condition_unreadable(answer, phrases):
    assert_feedback(check_standardised_condition(answer), "unreadable", *phrases)


def test_standardised_condition_placeholder():
    assert_feedback(check_standardised_condition(None), "no answer", "answer = 12.3")


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.lists(st.floats(), max_size=3)))
def test_standardised_condition_never_raises(value):
    assert check_standardised_condition(value).status in STATUSES


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize(
    "check", [check_squared_gradient, check_intercept_column, check_lr_and_steps, check_standardised_condition]
)
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

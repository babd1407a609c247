"""Notebook 06's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.exercises.sgd import (
    DIVERGENCE_EXERCISE,
    DIVERGING_BATCHES,
    EPOCH_EXERCISE,
    GRADIENT_EXERCISE,
    SCHEDULE_EXERCISE,
    check_diverging_batches,
    check_minibatch_gradient,
    check_schedule_steps,
    check_updates_per_epoch,
    divergence_problem,
    minibatch_gradient_answer,
)
from helpers.regression import regression_gradient
from helpers.sgd import regression_sgd

STATUSES = {"correct", "wrong", "unreadable"}


UNREADABLE = [
    ("1.6, -0.6", "could not be read"),
    (b"12", "could not be read"),
    (True, "could not be read"),
    ({"a": 1}, "could not be read"),
    (object(), "could not be read"),
    ([[1.0], [1.0, 2.0]], "could not be read"),
    (1j, "could not be read"),
    (np.array([1 + 1j, 2.0]), "could not be read"),
    (10**400, "could not be read"),
    ([math.nan, 1.0], "finite"),
    ([math.inf, 1.0], "finite"),
]


# --- exercise 1 ----------------------------------------------------------------------------

EXACT = minibatch_gradient_answer()
B, N = len(GRADIENT_EXERCISE["y_b"]), GRADIENT_EXERCISE["n"]


def test_exercise_1_answer_is_the_helpers_batch_gradient():
    X_b, y_b = np.array(GRADIENT_EXERCISE["X_b"]), np.array(GRADIENT_EXERCISE["y_b"])
    expected = regression_gradient(X_b, y_b, GRADIENT_EXERCISE["beta"], "squared")
    np.testing.assert_allclose(EXACT, expected)
    np.testing.assert_allclose(EXACT, [5 / 3, -2 / 3])


@pytest.mark.parametrize("answer", [EXACT, EXACT.tolist(), tuple(EXACT), EXACT[:, None], np.round(EXACT, 10)])
def test_minibatch_gradient_correct(answer):
    assert_feedback(check_minibatch_gradient(answer), "correct", "[1.6667, -0.6667]", "b = 3")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (EXACT * B / N, ["divided by n = 1000", "divide by b"]),
        (EXACT * B, ["summed over the batch", "learning rate would have to change"]),
        (-EXACT, ["sign is flipped"]),
        (EXACT / 2, ["factor 2"]),
        (-EXACT / 2, ["two slips"]),
        (-EXACT * B, ["summed without dividing by b, and the sign"]),
        (-EXACT * B / N, ["divided by n instead of b, and the sign"]),
        (np.round(EXACT, 1), ["keep all the digits"]),
        ([1.67, -0.67], ["keep all the digits"]),
        ([3.0, 1.0], ["is not the minibatch gradient"]),
        ([1.0, -1.0, 1.0], ["that is the residual"]),
        ([-1.0, 1.0, -1.0], ["that is the residual"]),
        ([1.0, 2.0, 3.0], ["one per row of the batch", "X_bᵀ"]),
    ],
)
def test_minibatch_gradient_names_the_mistake(answer, phrases):
    assert_feedback(check_minibatch_gradient(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [*UNREADABLE, ({1, 2}, "could not be read"), ([1.0], "give 2 numbers"), (np.zeros((2, 2)), "give 2 numbers")],
)
def test_minibatch_gradient_unreadable(answer, phrase):
    assert_feedback(check_minibatch_gradient(answer), "unreadable", phrase)


def test_minibatch_gradient_placeholder():
    assert_feedback(check_minibatch_gradient(None), "no answer", "write your answer")


@given(hnp.arrays(np.float64, st.integers(0, 5)))
def test_minibatch_gradient_never_raises_on_any_vector(values):
    fb = check_minibatch_gradient(values)
    assert fb.status in STATUSES and fb.message


# --- exercise 2 ----------------------------------------------------------------------------


def test_exercise_2_matches_an_epoch_of_the_helpers():
    n, b = EPOCH_EXERCISE["n"], EPOCH_EXERCISE["b"]
    X = np.c_[np.arange(n, dtype=float), np.ones(n)]
    run = regression_sgd(X, np.zeros(n), np.zeros(2), lr=1e-9, batch_size=b, epochs=1)
    assert run.steps == run.extra["batches_per_epoch"] == 11


@pytest.mark.parametrize("answer", [11, 11.0, np.int64(11), np.array([11])])
def test_updates_per_epoch_correct(answer):
    assert_feedback(check_updates_per_epoch(answer), "correct", "⌈1050/100⌉ = 11", "a last one of 50")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (10.5, "not a whole number"),
        (10, "the 50 left over"),
        (1050, "that is b = 1"),
        (1, "full-batch gradient descent"),
        (100, "size of a batch"),
        (105000, "multiplies"),
        (12, "12 is not it"),
    ],
)
def test_updates_per_epoch_names_the_mistake(answer, phrase):
    assert_feedback(check_updates_per_epoch(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"), [*UNREADABLE, ({1, 2}, "could not be read"), ([10, 11], "one number, not 2")]
)
def test_updates_per_epoch_unreadable(answer, phrase):
    assert_feedback(check_updates_per_epoch(answer), "unreadable", phrase)


def test_updates_per_epoch_placeholder():
    assert_feedback(check_updates_per_epoch(None), "no answer", "write your answer")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_updates_per_epoch_never_raises_on_any_float(value):
    assert check_updates_per_epoch(value).status in STATUSES


# --- exercise 3 ----------------------------------------------------------------------------


def test_exercise_3_answer_is_what_the_helpers_compute():
    X, y, beta0 = divergence_problem()
    assert X.shape == (1000, 2) and beta0.tolist() == [-2.0, -1.0]
    ex = DIVERGENCE_EXERCISE
    diverged = [
        b
        for b in ex["batch_sizes"]
        if regression_sgd(X, y, beta0, lr=ex["lr"], batch_size=b, epochs=ex["epochs"], seed=ex["seed"]).diverged
    ]
    assert tuple(diverged) == DIVERGING_BATCHES


def test_exercise_3_curvature_in_the_message_is_the_data_s():
    X, _, _ = divergence_problem()
    assert 30 < 2 * float((X**2).sum(axis=1).max()) < 34


@pytest.mark.parametrize("answer", [[1, 2], (2, 1), {1, 2}, np.array([1, 2]), [1.0, 2.0]])
def test_diverging_batches_correct(answer):
    assert_feedback(check_diverging_batches(answer), "correct", "b = 1 and b = 2 diverge", "curvature 2‖x_i‖²")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ([], "some of them do diverge"),
        ([1000], "summed gradient"),
        ([50, 1000], "summed gradient"),
        ([1], "[2] also diverges"),
        (1, "[2] also diverges"),
        ([1, 2, 5], "[5] does not diverge"),
        ([1, 5, 10], "[2] also diverges and [5, 10] do not diverge"),
        ([2, 1000], "[1] also diverges and [1000] does not diverge"),
    ],
)
def test_diverging_batches_names_the_mistake(answer, phrase):
    assert_feedback(check_diverging_batches(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        *UNREADABLE,
        ({1, "a"}, "could not be read"),
        ([3], "not one of them"),
        ([1.5], "whole numbers"),
        ([1, 7, 2000], "[7, 2000]"),
    ],
)
def test_diverging_batches_unreadable(answer, phrase):
    assert_feedback(check_diverging_batches(answer), "unreadable", phrase)


def test_diverging_batches_placeholder():
    assert_feedback(check_diverging_batches(None), "no answer", "write your answer")


@given(st.lists(st.one_of(st.integers(-(10**30), 10**30), st.floats(), st.none()), max_size=8))
def test_diverging_batches_never_raises_on_any_list(values):
    fb = check_diverging_batches(values)
    assert fb.status in STATUSES and fb.message


# --- exercise 4 ----------------------------------------------------------------------------


def test_exercise_4_schedule_reaches_a_tenth_at_9000():
    ex = SCHEDULE_EXERCISE
    rates = ex["lr0"] / (1 + np.arange(20_000) / ex["k0"])
    assert rates[9000] == pytest.approx(ex["lr0"] / ex["factor"], rel=1e-15)
    assert np.argmax(rates <= ex["lr0"] / ex["factor"] * (1 + 1e-12)) == 9000
    assert 9000 * ex["batch_size"] / ex["n"] == 0.9  # the notebook's b = 10 on n = 100 000: 0.9 of an epoch


@pytest.mark.parametrize("answer", [9000, 9000.0, np.int64(9000), np.array([9000]), 9000.4])
def test_schedule_steps_correct(answer):
    assert_feedback(check_schedule_steps(answer), "correct", "k = 9k₀ = 9000", "λ = 0.01", "10 times lower")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (10_000, "the 1 in 1 + k/k₀"),
        (9, "multiply by k₀"),
        (1000, "only halved"),
        (99_000, "a floor 100 times lower"),
        (2162, "as if the floor were proportional to λ²"),
        (2162.28, "proportional to λ²"),
        (0.9, "the question asks for updates"),
        (0.01, "is λ_k itself"),
        (-9000, "negative"),
        (0, "λ₀ = 0.1 itself"),
        (1, "not yet"),
        (5000, "λ_k = λ₀/(1 + k/k₀) = 0.0167: not yet"),
        (20_000, "already below"),
        (1e300, "already below"),
    ],
)
def test_schedule_steps_names_the_mistake(answer, phrase):
    assert_feedback(check_schedule_steps(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        *[(a, p) for a, p in UNREADABLE if p != "finite"],
        (math.nan, "finite"),
        (math.inf, "finite"),
        ([9000, 9001], "one number, not 2"),
    ],
)
def test_schedule_steps_unreadable(answer, phrase):
    assert_feedback(check_schedule_steps(answer), "unreadable", phrase)


def test_schedule_steps_placeholder():
    assert_feedback(check_schedule_steps(None), "no answer", "answer = 5000")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_schedule_steps_never_raises_on_any_float(value):
    assert check_schedule_steps(value).status in STATUSES


CHECKS = [check_minibatch_gradient, check_updates_per_epoch, check_diverging_batches, check_schedule_steps]


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("answer", [[1e306, 1.0], [1.7e308, -1.7e308], [1e308] * 3, 1e308, -1e308, [5e-324, 0.0]])
def test_huge_or_tiny_answers_get_a_message_without_warnings(check, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fb = check(answer)
    assert fb.status in STATUSES and fb.message


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", CHECKS)
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

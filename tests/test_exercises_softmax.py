"""Notebook 07's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.calculus import numeric_gradient
from helpers.exercises.softmax import (
    CROSS_ENTROPY_EXERCISE,
    GRADIENT_EXERCISE,
    PREDICT_EXERCISE,
    SOFTMAX_EXERCISE,
    check_cross_entropy,
    check_predicted_class,
    check_softmax,
    check_softmax_gradient,
)
from helpers.nn import cross_entropy, cross_entropy_grad, one_hot, softmax, softmax_naive

STATUSES = {"correct", "wrong", "unreadable"}


UNREADABLE = [
    ("0.2, 0.5, 0.3", "could not be read"),
    (b"1", "could not be read"),
    (True, "could not be read"),
    ({"a": 1}, "could not be read"),
    ({1, 2, 3}, "could not be read"),
    (object(), "could not be read"),
    ([[1.0], [1.0, 2.0]], "could not be read"),
    (1j, "could not be read"),
    (np.array([1 + 1j, 2.0, 0.0]), "could not be read"),
    (10**400, "could not be read"),
]

# --- exercise 1 ----------------------------------------------------------------------------

SCORES = np.array(SOFTMAX_EXERCISE)
P = softmax(SCORES)


def test_exercise_1_overflows_naively():
    assert np.all(np.isnan(softmax_naive(SCORES)))
    np.testing.assert_allclose(P, softmax(SCORES - SCORES.max()))


@pytest.mark.parametrize("answer", [P, P.tolist(), np.round(P, 4), [0.1710, 0.7662, 0.0629], P[None, :]])
def test_softmax_correct(answer):
    assert_feedback(check_softmax(answer), "correct", "[0.1710, 0.7662, 0.0629]", "subtracting the max")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (softmax_naive(SCORES), "overflows to inf"),
        ([math.inf, 0.5, 0.2], "overflows to inf"),
        (np.exp(SCORES - SCORES.max()), "did not divide by its sum"),
        ([0.0, 0.0, 0.0], "all zeros"),
        (SCORES / SCORES.sum(), "divided the scores themselves"),
        ([0, 1, 0], "one-hot vector of the arg max"),
        (softmax(-SCORES), "softmax(−o)"),
        (np.sort(P), "wrong order"),
        (np.sort(P)[::-1], "wrong order"),
        ([0.17, 0.77, 0.06], "keep 4 decimals"),
        ([0.3, 0.3, 0.4], "sum to 1 but are not the softmax"),
        ([0.5, 0.5, 0.5], "is not the softmax"),
        ([-0.5, 1.0, 0.5], "is not the softmax"),
    ],
)
def test_softmax_names_the_mistake(answer, phrase):
    assert_feedback(check_softmax(answer), "wrong", phrase)


@pytest.mark.parametrize(("answer", "phrase"), [*UNREADABLE, ([0.5, 0.5], "give 3 numbers"), (0.5, "give 3 numbers")])
def test_softmax_unreadable(answer, phrase):
    assert_feedback(check_softmax(answer), "unreadable", phrase)


def test_softmax_placeholder():
    assert_feedback(check_softmax(None), "no answer", "write your answer")


@given(hnp.arrays(np.float64, st.integers(0, 4)))
def test_softmax_never_raises_on_any_vector(values):
    fb = check_softmax(values)
    assert fb.status in STATUSES and fb.message


# --- exercise 2 ----------------------------------------------------------------------------

LOGITS = np.array(PREDICT_EXERCISE)
LABELS = LOGITS.argmax(axis=1)


def test_exercise_2_labels():
    assert LABELS.tolist() == [0, 1, 1, 2]
    assert np.array_equal(softmax(LOGITS).argmax(axis=1), LABELS)


@pytest.mark.parametrize("answer", [LABELS, LABELS.tolist(), [0.0, 1.0, 1.0, 2.0], (0, 1, 1, 2)])
def test_predicted_class_correct(answer):
    assert_feedback(check_predicted_class(answer), "correct", "classes [0, 1, 1, 2]", "keeps the order")


def test_predicted_class_accepts_the_one_hot_matrix():
    assert_feedback(check_predicted_class(np.eye(3)[LABELS]), "correct", "one-hot rows")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ([1, 2, 2, 3], "numbered the classes from 1"),
        (LOGITS.argmin(axis=1), "arg min"),
        (np.eye(3)[LOGITS.argmin(axis=1)], "smallest score"),
        (softmax(LOGITS), "a single 1"),
        (int(LOGITS.argmax()), "flattened"),
        (LOGITS.argmax(axis=0), "axis=0"),
        ([0, 1, 1, 1], "row 3 is off"),
        ([2, 1, 0, 2], "rows 0, 2 are off"),
    ],
)
def test_predicted_class_names_the_mistake(answer, phrase):
    assert_feedback(check_predicted_class(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        *UNREADABLE,
        ([math.nan, 1, 1, 2], "finite"),
        ([0, 1], "give 4 labels"),
        (5, "give 4 labels"),
        ([0, 1.5, 1, 2], "whole numbers"),
    ],
)
def test_predicted_class_unreadable(answer, phrase):
    assert_feedback(check_predicted_class(answer), "unreadable", phrase)


def test_predicted_class_placeholder():
    assert_feedback(check_predicted_class(None), "no answer", "write your answer")


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5)))
def test_predicted_class_never_raises_on_any_array(values):
    fb = check_predicted_class(values)
    assert fb.status in STATUSES and fb.message


# --- exercise 3 ----------------------------------------------------------------------------

CE_LOGITS = np.array(CROSS_ENTROPY_EXERCISE["logits"])
Y = CROSS_ENTROPY_EXERCISE["label"]
CE_P = softmax(CE_LOGITS)
CE = -math.log(CE_P[Y])


def test_exercise_3_is_the_helpers_cross_entropy():
    assert math.isclose(CE, cross_entropy(CE_LOGITS[None, :], [Y]))
    assert round(CE, 4) == 1.4076


@pytest.mark.parametrize("answer", [CE, np.float64(CE), [CE], 1.4076, np.array([[CE]])])
def test_cross_entropy_correct(answer):
    assert_feedback(check_cross_entropy(answer), "correct", "−log 0.2447 = 1.4076")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (-math.log(CE_P[1]), "probability of class 1"),
        (-math.log(CE_P[2]), "probability of class 2"),
        (-CE, "sign is flipped"),
        (-math.log10(CE_P[Y]), "log10"),
        (CE_P[Y], "probability p_y itself"),
        (1 - CE_P[Y], "1 − p_y"),
        (-np.log(CE_P).sum(), "summed −log p_k over every class"),
        (-(CE_P * np.log(CE_P)).sum(), "entropy"),
        (((CE_P - np.eye(3)[Y]) ** 2).sum(), "squared error"),
        (-1.0, "raw score"),
        (1.41, "keep 4 decimals"),
        (3.0, "3 is not it"),
    ],
)
def test_cross_entropy_names_the_mistake(answer, phrase):
    assert_feedback(check_cross_entropy(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"), [*UNREADABLE, ([1.0, 2.0], "one number, not 2"), (math.inf, "finite"), (math.nan, "finite")]
)
def test_cross_entropy_unreadable(answer, phrase):
    assert_feedback(check_cross_entropy(answer), "unreadable", phrase)


def test_cross_entropy_placeholder():
    assert_feedback(check_cross_entropy(None), "no answer", "write your answer")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_cross_entropy_never_raises_on_any_float(value):
    assert check_cross_entropy(value).status in STATUSES


# --- exercise 4 ----------------------------------------------------------------------------

G_LOGITS = np.array(GRADIENT_EXERCISE["logits"])
G_LABELS = np.array(GRADIENT_EXERCISE["labels"])
G_N = len(G_LABELS)
G_P = softmax(G_LOGITS)
G_Y = one_hot(G_LABELS, 3)
GRAD = (G_P - G_Y) / G_N


def test_exercise_4_is_the_gradient_of_the_helpers_cross_entropy():
    # the formula against the helpers and against central differences of the loss itself
    np.testing.assert_allclose(GRAD, cross_entropy_grad(G_LOGITS, G_LABELS))
    numeric = numeric_gradient(lambda s: cross_entropy(s.reshape(G_LOGITS.shape), G_LABELS), G_LOGITS.ravel())
    np.testing.assert_allclose(numeric.reshape(G_LOGITS.shape), GRAD, atol=1e-9)
    assert np.round(GRAD, 4).tolist() == [[-0.3776, 0.3326, 0.045], [0.0226, 0.0226, -0.0453]]


@pytest.mark.parametrize("answer", [GRAD, GRAD.tolist(), np.round(GRAD, 4), cross_entropy_grad(G_LOGITS, G_LABELS)])
def test_softmax_gradient_correct(answer):
    assert_feedback(check_softmax_gradient(answer), "correct", "[[-0.3776, 0.3326, 0.0450], [0.0226, 0.0226, -0.0453]]")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (G_P - G_Y, "without the 1/n"),
        (G_P / G_N, "without −Y"),
        (G_P, "that is P itself"),
        (-GRAD, "sign is flipped"),
        (G_Y - G_P, "the sign is flipped and the 1/n is missing"),
        (G_P * (1 - G_P) / G_N, "Jacobian's diagonal"),
        (-G_Y / (G_N * np.where(G_Y > 0, G_P, 1.0)), "∂L/∂P"),
        ((np.exp(G_LOGITS) / np.exp(G_LOGITS).sum(axis=0) - G_Y) / G_N, "down the columns"),
        ((G_P - G_Y) / 3, "number of classes"),
        ((G_P - G_Y) / 6, "number of entries"),
        ((G_P - 1) / G_N, "subtracted 1 from every probability"),
        ((G_P - one_hot(G_LOGITS.argmax(axis=1), 3)) / G_N, "predicted classes"),
        (GRAD.T, "transposed"),
        (GRAD.sum(axis=0), "column sums"),
        (np.round(GRAD, 2), "keep 4 decimals"),
        ([GRAD[0].tolist(), [0.0, 0.0, 0.0]], "row 0 is right, row 1 is off"),
        ([[0.0, 0.0, 0.0], GRAD[1].tolist()], "row 1 is right, row 0 is off"),
        (np.ones((2, 3)), "is not it"),
    ],
)
def test_softmax_gradient_names_the_mistake(answer, phrase):
    assert_feedback(check_softmax_gradient(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        *UNREADABLE,
        ([[math.nan, 0, 0], [0, 0, 0]], "finite"),
        (GRAD[0], "give a 2 × 3 matrix"),
        (GRAD.ravel(), "give a 2 × 3 matrix"),
        (0.5, "give a 2 × 3 matrix"),
        (np.zeros((3, 2)), "give a 2 × 3 matrix"),
    ],
)
def test_softmax_gradient_unreadable(answer, phrase):
    assert_feedback(check_softmax_gradient(answer), "unreadable", phrase)


def test_softmax_gradient_placeholder():
    assert_feedback(check_softmax_gradient(None), "no answer", "write your answer")


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4)))
def test_softmax_gradient_never_raises_on_any_array(values):
    fb = check_softmax_gradient(values)
    assert fb.status in STATUSES and fb.message


@pytest.mark.parametrize("check", [check_softmax, check_predicted_class, check_cross_entropy, check_softmax_gradient])
@pytest.mark.parametrize(
    "answer", [[1e308] * 3, [1.7e308, -1.7e308, 1.0], [1e308, -1e308, 1e308, 1e308], np.full((4, 3), 1e308), 1e308]
)
def test_huge_answers_get_a_message_without_warnings(check, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fb = check(answer)
    assert fb.status in STATUSES and fb.message


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_softmax, check_predicted_class, check_cross_entropy, check_softmax_gradient])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

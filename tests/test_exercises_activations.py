"""Notebook 08's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers import nn
from helpers.exercises.activations import (
    HE_STD_EXERCISE,
    SHAPE_EXERCISE,
    SIGMOID_EXERCISE,
    check_he_std,
    check_output_shape,
    check_sigmoid_derivative,
    check_zero_gradient,
)

# --- exercise 1: σ'(2) ---------------------------------------------------------------------

X1 = SIGMOID_EXERCISE["x"]
S = 1 / (1 + math.exp(-X1))
DS = S * (1 - S)


def test_sigmoid_exercise_is_at_two():
    assert X1 == 2.0
    assert math.isclose(DS, nn.sigmoid_grad(2.0))


@pytest.mark.parametrize(
    "answer",
    [DS, np.float64(DS), np.array([DS]), 0.105, 0.10499, math.exp(-2) / (1 + math.exp(-2)) ** 2, nn.sigmoid_grad(-2.0)],
)
def test_sigmoid_derivative_correct(answer):
    assert_feedback(check_sigmoid_derivative(answer), "correct", "0.104994", "at most 1/4", "weights multiply in")


@pytest.mark.parametrize("feedback", [check_sigmoid_derivative(DS), check_zero_gradient("relu")])
def test_gradient_messages_count_the_weights(feedback):
    # A layer's Jacobian is diag(σ'(z))·Wᵀ: σ' ≤ 1/4 bounds only the activation's factor, so a sigmoid
    # layer need not shrink a gradient 4×, and ReLU's slope 1 does not carry a gradient through a layer unchanged.
    assert_feedback(feedback, "correct", "diag(", "·Wᵀ", "weights")
    for claim in ["every sigmoid layer", "at least 4", "unchanged", "however deep"]:
        assert claim not in feedback.message, feedback.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (S, "that is σ(2)"),
        (1 - S, "that is 1 − σ(2)"),
        (S * S, "σ(2)²"),
        (1 - S * S, "shape of tanh'"),
        (0.25, "σ'(0) = 1/4"),
        (math.exp(-2), "that is e^{−2}"),
        (nn.tanh_grad(2.0), "that is tanh'(2)"),
        (-DS, "sign is flipped"),
        (-2, "x(1 − x) with x = 2"),
        (S * (1 - 2), "not 1 − x"),
        (0.104, "keep more digits"),
        (0.1, "0.1 is not σ'(2)"),
        (3, "3 is not σ'(2)"),
    ],
)
def test_sigmoid_derivative_names_the_mistake(answer, phrase):
    assert_feedback(check_sigmoid_derivative(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.105", "give a number"),
        (b"0.1", "give a number"),
        (True, "give a number"),
        ([0.1, 0.2], "give one number, not 2"),
        (np.zeros((2, 2)), "not 4 of them"),
        (math.nan, "give a finite number"),
        (-math.inf, "give a finite number"),
        ({"x": 1}, "give a number"),
        (object(), "give a number"),
        (1j, "give a number"),
    ],
)
def test_sigmoid_derivative_unreadable(answer, phrase):
    assert_feedback(check_sigmoid_derivative(answer), "unreadable", phrase)


def test_sigmoid_derivative_placeholder():
    assert_feedback(check_sigmoid_derivative(None), "no answer", "write your answer in `answer`")


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.integers()))
def test_sigmoid_derivative_never_raises(value):
    assert check_sigmoid_derivative(value).status in {"correct", "wrong", "unreadable"}


# --- exercise 2: the output shape ------------------------------------------------------------


def test_shape_exercise_is_consistent():
    (n, d), Ws = SHAPE_EXERCISE["X"], SHAPE_EXERCISE["W"]
    H = np.zeros((n, d))
    for shape in Ws:
        H = H @ np.zeros(shape) + np.zeros(shape[1])
    assert H.shape == (64, 3)


@pytest.mark.parametrize(
    "answer",
    [
        (64, 3),
        [64, 3],
        np.array([64, 3]),
        np.array([64.0, 3.0]),
        "(64, 3)",
        "64x3",
        " 64 × 3 ",
        "[64,3]",
        (np.int64(64), 3),
    ],
)
def test_output_shape_correct(answer):
    assert_feedback(check_output_shape(answer), "correct", "(64, 3)", "5 → 16 → 8 → 3")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ((3, 64), "transpose"),
        ((64, 8), "that is H⁽²⁾"),
        ((64, 16), "that is H⁽¹⁾"),
        ((64, 5), "shape of X itself"),
        ((5, 3), "W⁽¹⁾W⁽²⁾W⁽³⁾"),
        ((1, 3), "one example's output"),
        ((5, 16), "weights W⁽¹⁾"),
        ((16, 8), "weights W⁽²⁾"),
        ((8, 3), "weights W⁽³⁾"),
        (3, "shape of the bias"),
        ((3,), "shape of the bias"),
        (3.0, "shape of the bias"),
        ((64,), "predicted classes"),
        ((192,), "number of entries"),
        (7, "not one number 7"),
        ((64, 3, 1), "has 2 numbers, not 3"),
        ((64, 7), "the rows are right"),
        ((10, 3), "the columns are right"),
        ((1, 2), "(1, 2) is not it"),
    ],
)
def test_output_shape_names_the_mistake(answer, phrase):
    assert_feedback(check_output_shape(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("n x p", "could not be read as a shape"),
        ("", "holds no numbers"),
        ("(" * 101, "too long"),
        (True, "your answer is True"),
        (np.bool_(False), "your answer is False"),
        (2.5, "not a whole number"),
        (math.nan, "not a whole number"),
        ((64.5, 3), "whole numbers"),
        ((-64, 3), "no negative sizes"),
        (-1, "no negative sizes"),
        ([], "could not be read"),
        ([[64, 3]], "could not be read"),
        (["64", "3"], "could not be read"),
        ([[1, 2], [3]], "could not be read"),
        ((10**12, 3), "far too large"),
        ((10**30, 3), "could not be read"),
        (object(), "could not be read"),
        ({"rows": 64}, "could not be read"),
    ],
)
def test_output_shape_unreadable(answer, phrase):
    assert_feedback(check_output_shape(answer), "unreadable", phrase)


def test_output_shape_placeholder():
    assert_feedback(check_output_shape(None), "no answer", "(10, 4)")


@given(
    st.one_of(
        st.text(max_size=30),
        st.tuples(st.integers(-(10**20), 10**20), st.integers(-(10**20), 10**20)),
        st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=4),
        st.floats(allow_nan=True, allow_infinity=True),
    )
)
def test_output_shape_never_raises(value):
    assert check_output_shape(value).status in {"correct", "wrong", "unreadable"}


# --- exercise 3: zero gradient for negative inputs ---------------------------------------


@pytest.mark.parametrize("answer", ["relu", "ReLU", " relu ", "ReLU(x)", "relu_grad", "re-lu", nn.relu, nn.relu_grad])
def test_zero_gradient_relu_is_correct(answer):
    assert_feedback(check_zero_gradient(answer), "correct", "ReLU'(x) = 0 for every x < 0", "dead", "its weights")


def test_zero_gradient_reads_a_notebook_function_by_its_name():
    def relu(x):
        return np.maximum(0, x)

    assert_feedback(check_zero_gradient(relu), "correct")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("sigmoid", "never 0"),
        ("logistic", "σ'(−5) = 0.0066"),
        (nn.sigmoid, "σ'(x) = σ(x)(1 − σ(x))"),
        ("tanh", "tanh'(−5) = 0.00018"),
        (np.tanh, "never 0"),
        ("identity", "derivative 1 everywhere"),
        ("linear", "derivative 1 everywhere"),
        ("none", "derivative 1 everywhere"),
        ("Leaky ReLU", "small slope α"),
        ("leaky_relu", "small slope α"),
        ("softmax", "not applied coordinate by coordinate"),
        (nn.softmax, "whole vector"),
    ],
)
def test_zero_gradient_names_the_mistake(answer, phrase):
    assert_feedback(check_zero_gradient(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("gelu", "not one of the activations here"),
        ("", "not one of the activations here"),
        ("r" * 101, "too long"),
        (3, "write the name of an activation"),
        (["relu"], "write the name of an activation"),
        (True, "write the name of an activation"),
        (lambda x: x, "not one of the activations here"),
    ],
)
def test_zero_gradient_unreadable(answer, phrase):
    assert_feedback(check_zero_gradient(answer), "unreadable", phrase)


def test_zero_gradient_placeholder():
    assert_feedback(check_zero_gradient(None), "no answer", "'tanh'")


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats()))
def test_zero_gradient_never_raises(value):
    assert check_zero_gradient(value).status in {"correct", "wrong", "unreadable"}


# --- exercise 4: He initialisation's standard deviation ------------------------------------

FAN_IN, FAN_OUT = HE_STD_EXERCISE["fan_in"], HE_STD_EXERCISE["fan_out"]
HE = math.sqrt(2 / FAN_IN)


def test_he_exercise_is_the_rule_mlp_draws_relu_weights_with():
    assert (FAN_IN, FAN_OUT) == (16, 4)
    W = nn.MLP([FAN_IN, FAN_OUT], "relu", seed=0).params[0][0]
    np.testing.assert_array_equal(W, np.random.default_rng(0).normal(0.0, HE, size=(FAN_IN, FAN_OUT)))


@pytest.mark.parametrize("answer", [HE, np.float64(HE), np.array([HE]), math.sqrt(0.125), 0.3536, 0.354, 1 / 8**0.5])
def test_he_std_correct(answer):
    assert_feedback(check_he_std(answer), "correct", "√(2/16) = 0.353553", "half of the units", "Xavier/Glorot")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (2 / 16, "that is the variance 2/fan_in"),
        (math.sqrt(2 / 4), "√(2/fan_out)"),
        (math.sqrt(2 / 20), "Xavier/Glorot's √(2/(fan_in + fan_out))"),
        (0.3162, "Xavier/Glorot's √(2/(fan_in + fan_out))"),
        (2 / 20, "Xavier/Glorot's variance"),
        (0.25, "the 2 is missing"),
        (1 / 16, "a variance without He's 2"),
        (0.5, "the square root covers the 2"),
        (math.sqrt(2) / 16, "covers fan_in as well"),
        (math.sqrt(32), "upside down"),
        (math.sqrt(2 / 64), "number of weights"),
        (-HE, "never negative"),
        (0.35, "keep more digits"),
        (0.36, "keep more digits"),
        (0.33, "only an estimate"),
        (0.4, "only an estimate"),
        (1, "1 is not He's standard deviation"),
        (0, "0 is not He's standard deviation"),
        (1e300, "is not He's standard deviation"),
    ],
)
def test_he_std_names_the_mistake(answer, phrase):
    assert_feedback(check_he_std(answer), "wrong", phrase)


def test_he_std_sample_of_drawn_weights_is_only_an_estimate():
    # A learner who measures the std of one drawn W (64 numbers) gets near √(2/16), not onto it.
    W = nn.MLP([FAN_IN, FAN_OUT], "relu", seed=0).params[0][0]
    assert not math.isclose(float(W.std()), HE, rel_tol=2e-2)
    assert_feedback(check_he_std(float(W.std())), "wrong", "only an estimate")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.35", "give a number"),
        (True, "give a number"),
        ([0.35, 0.25], "give one number, not 2"),
        (np.zeros((4, 4)), "not 16 of them"),
        (math.nan, "give a finite number"),
        (math.inf, "give a finite number"),
        ({"std": HE}, "give a number"),
        (object(), "give a number"),
        (1j, "give a number"),
    ],
)
def test_he_std_unreadable(answer, phrase):
    assert_feedback(check_he_std(answer), "unreadable", phrase)


def test_he_std_placeholder():
    assert_feedback(check_he_std(None), "no answer", "write your answer in `answer`")


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.integers()))
def test_he_std_never_raises(value):
    assert check_he_std(value).status in {"correct", "wrong", "unreadable"}


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_sigmoid_derivative, check_output_shape, check_zero_gradient, check_he_std])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

"""Notebook 09's self-checks: every message branch, and answers that cannot be read never raise."""

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from support import HOSTILE_ANSWERS, assert_answers_quickly, assert_feedback

from helpers.autodiff import Value
from helpers.exercises.backprop import (
    BACKWARD_EXERCISE,
    CHAIN_RULE_EXERCISE,
    SHARED_NODE_EXERCISE,
    check_backward_step,
    check_chain_rule,
    check_shared_node,
)
from helpers.nn import MLP, cross_entropy_grad

x, y, w = sympy.symbols("x y w")


# --- exercise 1: the chain rule ------------------------------------------------------------


def test_chain_rule_exercise_is_the_documented_function():
    assert CHAIN_RULE_EXERCISE == {"z": "sin(w)", "w": "x**2 + y"}
    z = sympy.sin(x**2 + y)
    assert sympy.simplify(sympy.diff(z, x) - 2 * x * sympy.cos(x**2 + y)) == 0


@pytest.mark.parametrize(
    "answer",
    [
        "2*x*cos(x**2 + y)",
        "2*x*cos(w)",
        "cos(w) * 2*x",
        "2·x·cos(x² + y)",
        "cos(x^2 + y)*(x + x)",
        2 * x * sympy.cos(x**2 + y),
        2 * sympy.Symbol("x", real=True) * sympy.cos(sympy.Symbol("w", positive=True)),
        sympy.diff(sympy.sin(x**2 + y), x),
    ],
)
def test_chain_rule_correct_in_every_spelling(answer):
    assert_feedback(check_chain_rule(answer), "correct", "cos(w) · 2x", "2x·cos(x² + y)")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        ("cos(x**2 + y)", ["inner factor ∂w/∂x = 2x is missing", "∂z/∂y"]),
        ("cos(w)", ["inner factor ∂w/∂x = 2x is missing"]),
        ("2*x", ["outer factor ∂z/∂w = cos(w) is missing"]),
        ("2*x*sin(w)", ["outer function was kept"]),
        ("-2*x*cos(w)", ["sign is flipped"]),
        ("-2*x*sin(x**2 + y)", ["chain rule for cos(w)"]),
        ("cos(2*x)", ["differentiated inside the sin"]),
        ("cos(2*x + y)", ["differentiated inside the sin"]),
        ("x*cos(w)", ["not x"]),
        ("sin(x**2 + y)", ["that is z itself"]),
        ("(2*x + 1)*cos(w)", ["∂z/∂x + ∂z/∂y", "holds y fixed"]),
        ("4*x*cos(w)", ["constant factor 2"]),
        ("x*cos(w)/3", ["constant factor 0.166667"]),
        ("x + y", ["not yet", "your formula gives", "∂z/∂x is"]),
        ("0", ["not yet"]),
        ("log(x)", ["not a finite real number everywhere"]),
        ("sqrt(x - 5)", ["not a finite real number everywhere"]),
        ("exp(1000000*x)", ["not a finite real number everywhere"]),
        (sympy.zoo, ["not a finite real number everywhere"]),
        (sympy.nan, ["not a finite real number everywhere"]),
        (sympy.I * x, ["not a finite real number everywhere"]),
        (x + sympy.AccumBounds(0, 1), ["not a finite real number everywhere"]),
    ],
)
def test_chain_rule_names_the_mistake(answer, phrases):
    assert_feedback(check_chain_rule(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("2x*cos(w)", "a product needs *"),
        ("cos(", "could not be read as a formula"),
        ("__import__('os').system('ls')", "could not be read as a formula"),
        ("2*x*cos(q)", "unknown name 'q'"),
        ("", "empty"),
        ("x" * 500, "too long"),
        (3, "write a formula string"),
        (2.5, "write a formula string"),
        ([x], "write a formula string"),
        (True, "write a formula string"),
        (object(), "write a formula string"),
        (sympy.Matrix([x]), "write a formula string"),
        (sympy.Symbol("q") * x, "uses q"),
        (sympy.Derivative(sympy.sin(w), x), "unevaluated derivative"),
        (sympy.Function("f")(x), "unevaluated derivative or function"),
    ],
)
def test_chain_rule_unreadable_answers_get_a_message(answer, phrase):
    assert_feedback(check_chain_rule(answer), "unreadable", phrase)


def test_chain_rule_placeholder():
    assert_feedback(check_chain_rule(None), "no answer", "write your answer in `answer`")


@settings(deadline=None)
@given(st.text(max_size=60))
def test_chain_rule_never_raises_on_any_text(text):
    fb = check_chain_rule(text)
    assert fb.status in {"correct", "wrong", "unreadable"}
    assert fb.message


# --- exercise 2: a node used twice -----------------------------------------------------------


def test_shared_node_answer_is_what_autodiff_gives():
    a = Value(SHARED_NODE_EXERCISE["x"], "x")
    out = a * a + a
    out.backward()
    assert a.grad == 7.0


@pytest.mark.parametrize("answer", [7, 7.0, np.float64(7.0), np.array([7.0]), 7 + 1e-12])
def test_shared_node_correct(answer):
    assert_feedback(check_shared_node(answer), "correct", "7 = x + x + 1", "grad +=")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (6, "path through + x is missing"),
        (4, "counts the product only once"),
        (3, "one share of the product only"),
        (1, "only the path through + x"),
        (12, "value of y"),
        (14, "backward() twice"),
        (19, "2x, not 2x²"),
        (5, "5 is not it"),
        (-7, "-7 is not it"),
    ],
)
def test_shared_node_names_the_mistake(answer, phrase):
    assert_feedback(check_shared_node(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("7", "give a number"),
        (True, "give a number"),
        ([7, 7], "give one number, not 2"),
        (math.nan, "give a finite number"),
        (math.inf, "give a finite number"),
        (object(), "give a number"),
    ],
)
def test_shared_node_unreadable(answer, phrase):
    assert_feedback(check_shared_node(answer), "unreadable", phrase)


def test_shared_node_placeholder():
    assert_feedback(check_shared_node(None), "no answer", "5.0")


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(max_size=10)))
def test_shared_node_never_raises(value):
    assert check_shared_node(value).status in {"correct", "wrong", "unreadable"}


# --- exercise 3: one backward step --------------------------------------------------------------

X = np.array(BACKWARD_EXERCISE["X"])
W = np.array(BACKWARD_EXERCISE["W"])
dZ = np.array(BACKWARD_EXERCISE["dZ"])
dW = X.T @ dZ


def test_backward_exercise_matches_the_mlp_backward():
    # A one-layer MLP computes ∂L/∂W = Hᵀ δ with H = X: the same formula.
    net = MLP([2, 3], "identity", seed=0)
    labels = np.array([0, 2])
    logits, cache = net.forward(X)
    [(grad_W, _)] = net.backward(cache, labels)
    assert np.allclose(grad_W, X.T @ cross_entropy_grad(logits, labels))
    assert not np.allclose(X @ dZ, dW), "the missing transpose must be visible"


@pytest.mark.parametrize(
    "answer", [dW, dW.tolist(), np.einsum("ki,kj->ij", X, dZ), np.outer(X[0], dZ[0]) + np.outer(X[1], dZ[1])]
)
def test_backward_step_correct(answer):
    assert_feedback(check_backward_step(answer), "correct", "Xᵀ·∂L/∂Z", "column sums")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (X @ dZ, "transpose is missing"),
        (dZ.T @ X, "(∂L/∂W)ᵀ, shape (3, 2)"),
        (dZ @ W.T, "that is ∂L/∂X"),
        (dZ.sum(axis=0), "that is ∂L/∂b"),
        (dZ.sum(axis=0, keepdims=True), "that is ∂L/∂b"),
        (dW / 2, "divided by n = 2 once too often"),
        (np.outer(X[0], dZ[0]), "first example's share only"),
        (dZ, "that is ∂L/∂Z itself"),
        (np.zeros((2, 3)), "not yet: entry (1, 2) should be 4.5"),
        (np.zeros(5), "yours is (5,)"),
        (3.0, "yours is ()"),
        (np.zeros((3, 3)), "yours is (3, 3)"),
    ],
)
def test_backward_step_names_the_mistake(answer, phrase):
    assert_feedback(check_backward_step(answer), "wrong", phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("X.T @ dZ", "give a 2-D array"),
        (True, "give a 2-D array"),
        ([[1, 2], [3]], "give a 2-D array"),
        (np.full((2, 3), np.nan), "nan or inf"),
        ([[math.inf, 0, 0], [0, 0, 0]], "nan or inf"),
        (object(), "give a 2-D array"),
        ({"dW": 1}, "give a 2-D array"),
        (1j, "give a 2-D array"),
    ],
)
def test_backward_step_unreadable(answer, phrase):
    assert_feedback(check_backward_step(answer), "unreadable", phrase)


def test_backward_step_placeholder():
    assert_feedback(check_backward_step(None), "no answer", "X.T @ dZ")


@given(
    st.one_of(
        st.lists(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=3, max_size=3), max_size=3),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=10),
    )
)
def test_backward_step_never_raises(value):
    assert check_backward_step(value).status in {"correct", "wrong", "unreadable"}


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_chain_rule, check_shared_node, check_backward_step])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

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
from helpers.datasets import make_spirals
from helpers.exercises.backprop import (
    BACKWARD_EXERCISE,
    CHAIN_RULE_EXERCISE,
    PLANTED_BUG_EXERCISE,
    SHARED_NODE_EXERCISE,
    check_backward_step,
    check_chain_rule,
    check_planted_bug,
    check_shared_node,
)
from helpers.nn import MLP, cross_entropy, cross_entropy_grad, one_hot, softmax, tanh_grad

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


# --- exercise 4: a gradient check finds a planted bug ------------------------------------------


def _forward_keep(X, params):
    # Section 3's forward pass with tanh, keeping every layer's input H and pre-activation Z.
    H, Hs, Zs = X, [], []
    for layer, (W, b) in enumerate(params, start=1):
        Hs.append(H)
        Zs.append(H @ W + b)
        H = np.tanh(Zs[-1]) if layer < len(params) else Zs[-1]
    return H, Hs, Zs


def _backprop_planted(params, Hs, Zs, y):
    # The notebook's backprop_planted: δ⁽¹⁾ computed with W⁽²⁾ instead of W⁽²⁾ᵀ.
    (_, _), (W2, _), (W3, _) = params
    delta3 = (softmax(Zs[2]) - one_hot(y, 3)) / len(y)
    delta2 = (delta3 @ W3.T) * tanh_grad(Zs[1])
    delta1 = (delta2 @ W2) * tanh_grad(Zs[0])
    return [
        (Hs[0].T @ delta1, delta1.sum(axis=0)),
        (Hs[1].T @ delta2, delta2.sum(axis=0)),
        (Hs[2].T @ delta3, delta3.sum(axis=0)),
    ]


def _relative_errors(params, X, y, h=1e-6):
    """Per layer, the larger relative error of ∂L/∂W and ∂L/∂b against central differences."""
    _, Hs, Zs = _forward_keep(X, params)
    planted = _backprop_planted(params, Hs, Zs, y)
    worst = []
    for (W, b), grads in zip(params, planted):
        errors = []
        for theta, g in zip((W, b), grads):
            g_num = np.zeros_like(theta)
            for index in np.ndindex(theta.shape):
                keep = theta[index]
                theta[index] = keep + h
                up = cross_entropy(_forward_keep(X, params)[0], y)
                theta[index] = keep - h
                down = cross_entropy(_forward_keep(X, params)[0], y)
                theta[index] = keep
                g_num[index] = (up - down) / (2 * h)
            errors.append(np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num)))
        worst.append(max(errors))
    return worst


def test_planted_bug_fails_only_the_documented_layer():
    spec = PLANTED_BUG_EXERCISE
    X, y = make_spirals(100, 3, noise=0.2, seed=0)  # section 3's spirals
    net = MLP(list(spec["sizes"]), spec["activation"], seed=spec["seed"])
    W2 = net.params[1][0]
    assert W2.shape[0] == W2.shape[1] and not np.allclose(W2, W2.T), "the missing transpose runs and matters"
    errors = _relative_errors(net.params, X[: spec["rows"]], y[: spec["rows"]])
    failing = [layer for layer, e in enumerate(errors, start=1) if e > 1e-6]
    assert failing == [spec["wrong_layer"]]
    assert errors[0] > 0.1 and max(errors[1:]) < 1e-7  # of order 1 against the round-off of the check


@pytest.mark.parametrize(
    "answer",
    [1, 1.0, np.int64(1), np.array([1]), [1], (1,), {1}, [1, 1], "1", " 1 ", "layer 1", "W1", "b1", "W⁽¹⁾", "W₁",
     "dW1", ["W1", "b1"], ("W⁽¹⁾", "b⁽¹⁾")],
)  # fmt: skip
def test_planted_bug_correct_in_every_form(answer):
    assert_feedback(check_planted_bug(answer), "correct", "only layer 1 fails", "`delta2 @ W2` lacks the transpose")


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (0, ["Python's index", "index 0 is layer ℓ = 1"]),
        ([0], ["Python's index"]),
        (2, ["layer 2's gradients pass", "one layer lower"]),
        ("W2", ["layer 2's gradients pass"]),
        (3, ["top layer passes"]),
        ([1, 2, 3], ["suspect the check itself", "central differences", "h ≈ 1e-6", "put θ back", "relative error"]),
        ("all", ["suspect the check itself"]),
        ("All layers", ["suspect the check itself"]),
        ([], ["compared the right gradients", "backprop_planted"]),
        ("none", ["compared the right gradients"]),
        (np.array([]), ["compared the right gradients"]),
        ([1, 2], ["layer 1 does fail, but layer 2 passes"]),
        ("W1 and W3", ["layer 1 does fail, but layer 3 passes"]),
        ([1, 2, 2], ["layer 1 does fail, but layer 2 passes"]),
        ([2, 3], ["layers 2 and 3 pass", "never up"]),
        (4, ["D = 3 layers", "4 is not one of them"]),
        (-1, ["-1 is not one of them"]),
        ([0, 1], ["0 is not one of them"]),
        ("layer 7", ["7 is not one of them"]),
    ],
)
def test_planted_bug_names_the_mistake(answer, phrases):
    assert_feedback(check_planted_bug(answer), "wrong", *phrases)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (0.7, "0.7 is not a layer number"),
        ("0.7", "0.7 is not a layer number"),
        ("1e-6", "not its relative error"),
        ([1, 0.5], "0.5 is not a layer number"),
        ("the first one", "could not be read"),
        ("", "could not be read"),
        ("x" * 500, "too long"),
        (["W1", "first"], "could not be read"),
        (True, "give a layer number"),
        (object(), "give a layer number"),
        ({"layer": 1}, "give a layer number"),
        (math.nan, "nan"),
        ("inf", "inf"),
        (1e300, "holds 1e+300"),
        (list(range(20)), "lists 20 layers"),
        (np.arange(20), "holds 20 numbers"),
        ([[1, 2], [3]], "give a layer number"),
        (1j, "give a layer number"),
    ],
)
def test_planted_bug_unreadable(answer, phrase):
    assert_feedback(check_planted_bug(answer), "unreadable", phrase)


def test_planted_bug_placeholder():
    assert_feedback(check_planted_bug(None), "no answer", "answer = 1")


@given(
    st.one_of(
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.lists(st.one_of(st.integers(-5, 5), st.text(max_size=4)), max_size=12),
    )
)
def test_planted_bug_never_raises(value):
    assert check_planted_bug(value).status in {"correct", "wrong", "unreadable"}


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("check", [check_chain_rule, check_shared_node, check_backward_step, check_planted_bug])
def test_hostile_answers_get_a_message_quickly(check, answer):
    # Objects whose __float__, __array__, __repr__ or __len__ raise, numbers beyond a float, complex
    # arrays and huge sympy expressions: an answer, never an exception, in a fraction of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_answers_quickly(check, answer)

"""Self-checks for notebook 08 (activation functions — 활성함수).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read (a
string where a number was asked, a shape with three numbers, an unknown activation) gets a
message saying so.

Exercises
---------
1. :func:`check_sigmoid_derivative`: σ'(2), the derivative of the sigmoid at x = 2.
2. :func:`check_output_shape`: the shape of the logits of a three-layer stack applied to a batch.
3. :func:`check_zero_gradient`: which activation has derivative 0 for every negative input.
4. :func:`check_he_std`: the standard deviation He initialisation draws a ReLU layer's weights with.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import TypedDict

import numpy as np

from ..nn import sigmoid, sigmoid_grad, tanh_grad
from . import Feedback, answer_check, describe, no_answer, read_number, unreadable

__all__ = [
    "HE_STD_EXERCISE",
    "SHAPE_EXERCISE",
    "SIGMOID_EXERCISE",
    "ZERO_GRADIENT_CHOICES",
    "Feedback",
    "check_he_std",
    "check_output_shape",
    "check_sigmoid_derivative",
    "check_zero_gradient",
]


class _ShapeExercise(TypedDict):
    X: tuple[int, int]
    W: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


#: Exercise 1: σ'(x) at this x.
SIGMOID_EXERCISE = {"x": 2.0}
#: Exercise 2: X of shape ``X`` goes through layers with these weight shapes (b⁽ℓ⁾ has W⁽ℓ⁾'s columns).
SHAPE_EXERCISE: _ShapeExercise = {"X": (64, 5), "W": ((5, 16), (16, 8), (8, 3))}
#: Exercise 3: the activations to choose from.
ZERO_GRADIENT_CHOICES = ("sigmoid", "tanh", "relu", "identity")
#: Exercise 4: a ReLU layer with W of shape (fan_in, fan_out).
HE_STD_EXERCISE = {"fan_in": 16, "fan_out": 4}

_SUPERSCRIPT = dict(enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹"))


# --- exercise 1: σ'(2) ----------------------------------------------------------------------


@answer_check
def check_sigmoid_derivative(answer) -> Feedback:
    """Exercise 1: σ'(2) for the sigmoid σ(x) = 1/(1 + e^{−x}), as a number.

    Recognises σ(2) itself, 1 − σ(2), σ(2)², 1 − σ(2)², σ'(0), e^{−2}, tanh'(2), a flipped sign,
    x(1 − x) and σ(x)(1 − x) with x in place of σ(x), and a value rounded too much.
    """
    if answer is None:
        return no_answer("0.123")
    value, problem = read_number(answer, "0.123")
    if value is None:
        return unreadable(problem)
    x = SIGMOID_EXERCISE["x"]
    s = sigmoid(x)
    exact = sigmoid_grad(x)

    def near(target: float, rel: float = 1e-4) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=1e-12)

    if near(exact):
        return Feedback(
            "correct",
            f"correct: σ'(2) = σ(2)(1 − σ(2)) = {s:.4f} × {1 - s:.4f} = {exact:.6f}; σ' is at most 1/4 "
            "(at x = 0), so the sigmoid multiplies each coordinate of a gradient passing back by at most 1/4. "
            "The layer's weights multiply in too (its Jacobian is diag(σ'(z))·Wᵀ): they can shrink the gradient "
            "further or grow it",
        )
    candidates = [
        (s, f"that is σ(2) = {s:.4f} itself; the derivative is σ(x)(1 − σ(x)): multiply by 1 − σ(2)"),
        (1 - s, f"that is 1 − σ(2) = {1 - s:.4f}; the derivative is σ(x)(1 − σ(x)): multiply by σ(2)"),
        (s * s, "that is σ(2)²; the derivative is σ(x)(1 − σ(x)) = σ(x) − σ(x)²"),
        (1 - s * s, "that is 1 − σ(2)², the shape of tanh' = 1 − tanh²; for the sigmoid it is σ(x)(1 − σ(x))"),
        (0.25, "that is σ'(0) = 1/4, the largest value of σ'; evaluate σ(x)(1 − σ(x)) at x = 2"),
        (math.exp(-x), "that is e^{−2}; differentiating 1/(1 + e^{−x}) gives e^{−x}/(1 + e^{−x})² = σ(x)(1 − σ(x))"),
        (tanh_grad(x), "that is tanh'(2) = (1 − tanh 2)(1 + tanh 2); the exercise asks for the sigmoid's σ'(2)"),
        (-exact, "the sign is flipped: the sigmoid increases everywhere, so σ'(x) > 0"),
        (x * (1 - x), "that is x(1 − x) with x = 2: put σ(2), not 2, into σ(x)(1 − σ(x))"),
        (s * (1 - x), "that is σ(2)(1 − 2): the second factor is 1 − σ(2), not 1 − x"),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, rel=2e-2):
        return Feedback(
            "wrong",
            f"close ({value:g}), but keep more digits: compute σ(2)(1 − σ(2)) in Python instead of rounding by hand",
        )
    return Feedback(
        "wrong",
        f"{value:g} is not σ'(2): compute s = σ(2) = 1/(1 + e^(−2)) first, then s·(1 − s)",
    )


# --- exercise 2: the output shape of a layer stack ----------------------------------------


def _read_shape(answer) -> tuple[tuple[int, ...] | None, str | None]:
    """A shape as a tuple of ints, from a tuple, list, array or a string such as '(64, 3)' or '64x3'."""
    example = "give a shape such as (10, 4)"
    if isinstance(answer, (bool, np.bool_)):
        return None, f"your answer is {answer}: {example}"
    if isinstance(answer, str):
        if len(answer) > 100:
            return None, f"your answer is too long to be a shape: {example}"
        text = answer.strip()
        if not re.fullmatch(r"[\s()\[\],xX×*0-9]*", text):
            return None, f"your answer {answer!r:.40} could not be read as a shape: {example}"
        parts = re.findall(r"\d+", text)
        if not parts:
            return None, f"your answer {answer!r:.40} holds no numbers: {example}"
        return tuple(int(p) for p in parts), None
    if isinstance(answer, numbers.Integral):
        return (int(answer),), None
    if isinstance(answer, numbers.Real):
        number = float(answer)
        if math.isfinite(number) and number == int(number):
            return (int(number),), None
        return None, f"your answer {answer!r:.40} is not a whole number: {example}"
    try:
        arr = np.asarray(answer)
    except (TypeError, ValueError, OverflowError):
        return None, f"your answer could not be read: {example}, got {describe(answer)}"
    if arr.ndim != 1 or arr.dtype.kind not in "iuf" or not 0 < arr.size <= 32:  # numpy allows 32 axes at most
        return None, f"your answer could not be read: {example}, got {describe(answer)}"
    if arr.dtype.kind == "f" and not (np.all(np.isfinite(arr)) and np.all(arr == np.round(arr))):
        return None, f"a shape is made of whole numbers: {example}, got {describe(answer)}"
    if np.any(np.abs(arr) > 1e9):
        return None, f"those numbers are far too large for this shape: {example}"
    return tuple(int(v) for v in arr), None


@answer_check
def check_output_shape(answer) -> Feedback:
    """Exercise 2: X of shape (64, 5) goes through Z = HW + b with W⁽¹⁾ 5×16, W⁽²⁾ 16×8, W⁽³⁾ 8×3.

    The answer is the shape of the logits O = Z⁽³⁾: a tuple ``(rows, columns)``, a list, an array,
    or a string such as ``"(64, 3)"`` or ``"64x3"``. Recognises the transposed shape, a stop after
    layer 1 or 2, the shape of a weight matrix, of W⁽¹⁾W⁽²⁾W⁽³⁾, of one row, of the bias and of the
    predicted classes.
    """
    if answer is None:
        return no_answer("(10, 4)")
    shape, problem = _read_shape(answer)
    if shape is None:
        return unreadable(problem)
    if any(v < 0 for v in shape):
        return Feedback("unreadable", f"a shape has no negative sizes, got {shape}")
    n, d = SHAPE_EXERCISE["X"]
    Ws = SHAPE_EXERCISE["W"]
    p = Ws[-1][1]
    if shape == (n, p):
        return Feedback(
            "correct",
            f"correct: ({n}, {p}), one row per example and one column per class; "
            f"each layer keeps the {n} rows and changes the width: {d} → {Ws[0][1]} → {Ws[1][1]} → {p}",
        )
    if len(shape) == 2:
        named = {
            (p, n): f"that is the transpose: rows are examples, so the output is (n, p) = ({n}, {p})",
            (n, Ws[1][1]): f"that is H⁽²⁾, after two layers: W⁽³⁾ ({Ws[2][0]}×{p}) still maps it to {p} columns",
            (n, Ws[0][1]): "that is H⁽¹⁾, after the first layer only: two more layers follow",
            (n, d): "that is the shape of X itself: every layer changes the number of columns",
            (d, p): "that is the shape of W⁽¹⁾W⁽²⁾W⁽³⁾ (d × p): the output has one row per example, not per feature",
            (1, p): f"that is one example's output (or the bias b⁽³⁾ as a row); the batch has {n} rows",
        }
        for i, w in enumerate(Ws, 1):
            named.setdefault(w, f"that is the shape of the weights W⁽{_SUPERSCRIPT[i]}⁾, not of the output HW + b")
        if shape in named:
            return Feedback("wrong", named[shape])
    if len(shape) == 1:
        if shape == (p,):
            return Feedback("wrong", f"that is the shape of the bias b⁽³⁾: the output has {n} rows, one per example")
        if shape == (n,):
            return Feedback(
                "wrong",
                f"that is the shape of the predicted classes (the arg max of each row); the logits have {p} columns",
            )
        if shape == (n * p,):
            return Feedback("wrong", f"{n * p} is the number of entries; give the shape as (rows, columns)")
        return Feedback("wrong", f"the output is a matrix: give (rows, columns), not one number {shape[0]}")
    if len(shape) != 2:
        return Feedback("wrong", f"the output is a matrix (2-D), so its shape has 2 numbers, not {len(shape)}")
    rows, cols = shape
    if rows == n:
        return Feedback("wrong", f"the rows are right ({n}, one per example); count the columns of the last W")
    if cols == p:
        return Feedback("wrong", f"the columns are right ({p}, one per class); every layer keeps the rows of X")
    return Feedback(
        "wrong",
        f"{shape} is not it: (n × d)(d × p) gives n × p, so follow the columns layer by layer from X ({n}, {d})",
    )


# --- exercise 3: which activation has zero gradient for x < 0 ---------------------------


_ALIASES = {
    "sigmoid": "sigmoid",
    "logistic": "sigmoid",
    "σ": "sigmoid",
    "tanh": "tanh",
    "relu": "relu",
    "identity": "identity",
    "linear": "identity",
    "none": "identity",
    "leakyrelu": "leaky relu",
    "leaky": "leaky relu",
    "softmax": "softmax",
}


def _read_activation(answer) -> tuple[str | None, str | None]:
    options = ", ".join(repr(c) for c in ZERO_GRADIENT_CHOICES)
    if callable(answer) and isinstance(getattr(answer, "__name__", None), str):
        answer = answer.__name__
    if not isinstance(answer, str):
        return None, f"your answer could not be read: write the name of an activation, one of {options}"
    if len(answer) > 100:
        return None, f"your answer is too long: write the name of an activation, one of {options}"
    key = re.sub(r"[\s_\-'\"]|\(x\)|\(\)|_?grad$", "", answer.strip().lower())
    key = key.removesuffix("grad")
    if key in _ALIASES:
        return _ALIASES[key], None
    return None, f"{answer!r:.40} is not one of the activations here: write one of {options}"


@answer_check
def check_zero_gradient(answer) -> Feedback:
    """Exercise 3: which activation's derivative is exactly 0 for every negative input?

    ``answer`` is a name (``"relu"``, ``"ReLU"``, ``"tanh"``, …) or the function itself
    (``relu``, ``nn.relu``: read by its name).
    """
    if answer is None:
        return no_answer("'tanh'")
    name, problem = _read_activation(answer)
    if name is None:
        return unreadable(problem)
    if name == "relu":
        return Feedback(
            "correct",
            "correct: ReLU'(x) = 0 for every x < 0, so a unit whose input stays negative passes no gradient "
            "back and stops learning (a 'dead' ReLU); for x > 0 its slope is 1, and what the layer does to the "
            "gradient is then up to its weights (its Jacobian is diag(ReLU'(z))·Wᵀ)",
        )
    if name == "sigmoid":
        return Feedback(
            "wrong",
            f"σ'(x) = σ(x)(1 − σ(x)) is small for very negative x (σ'(−5) = {sigmoid_grad(-5.0):.4f}) but never 0",
        )
    if name == "tanh":
        return Feedback(
            "wrong",
            f"tanh'(x) = (1 − tanh x)(1 + tanh x) is small for very negative x (tanh'(−5) = {tanh_grad(-5.0):.5f}) "
            "but never 0",
        )
    if name == "identity":
        return Feedback("wrong", "the identity has derivative 1 everywhere: the gradient always passes")
    if name == "leaky relu":
        return Feedback(
            "wrong",
            "leaky ReLU keeps a small slope α for x < 0 precisely so that the gradient is never 0; "
            "which activation of this notebook has a flat 0 there?",
        )
    return Feedback(
        "wrong",
        "softmax is not applied coordinate by coordinate (it looks at the whole vector); "
        "choose among the activations sigmoid, tanh, relu, identity",
    )


# --- exercise 4: He initialisation's standard deviation ---------------------------------


@answer_check
def check_he_std(answer) -> Feedback:
    """Exercise 4: the standard deviation √(2/fan_in) of He initialisation for a ReLU layer 16 → 4.

    Recognises the variance 2/fan_in itself, fan_out in place of fan_in,
    Xavier/Glorot's √(2/(fan_in + fan_out)) and its variance, √(1/fan_in) (the 2 left out) and its
    variance, 2/√fan_in and √2/fan_in (the root over part of the formula), √(2·fan_in) (upside down),
    the number of weights fan_in·fan_out in place of fan_in, a flipped sign, a value rounded too much,
    and the standard deviation measured on drawn weights (only an estimate).
    """
    if answer is None:
        return no_answer("0.123")
    value, problem = read_number(answer, "0.123")
    if value is None:
        return unreadable(problem)
    m, p = HE_STD_EXERCISE["fan_in"], HE_STD_EXERCISE["fan_out"]
    exact = math.sqrt(2 / m)

    def near(target: float, rel: float = 1e-3) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=1e-12)

    if near(exact, rel=2e-3):
        return Feedback(
            "correct",
            f"correct: He initialisation draws W with variance 2/fan_in = 2/{m}, so its standard deviation is "
            f"√(2/{m}) = {exact:.6f}; the 2 makes up for ReLU switching off about half of the units, so a "
            "gradient keeps its size from layer to layer on average (MLP uses it for ReLU, Xavier/Glorot's "
            f"√(2/(fan_in + fan_out)) = {math.sqrt(2 / (m + p)):.4f} for tanh and sigmoid)",
        )
    candidates = [
        (2 / m, f"that is the variance 2/fan_in = 2/{m}; the standard deviation is its square root"),
        (math.sqrt(2 / p), f"that is √(2/fan_out) = √(2/{p}); He uses fan_in, the {m} inputs of each unit"),
        (
            math.sqrt(2 / (m + p)),
            f"that is Xavier/Glorot's √(2/(fan_in + fan_out)) = √(2/{m + p}), which MLP uses for tanh and sigmoid; "
            "for ReLU, He uses √(2/fan_in)",
        ),
        (
            2 / (m + p),
            "that is Xavier/Glorot's variance 2/(fan_in + fan_out), and Xavier is for tanh and sigmoid; "
            "for ReLU, He's standard deviation is √(2/fan_in)",
        ),
        (
            math.sqrt(1 / m),
            f"that is √(1/fan_in) = √(1/{m}): the 2 is missing; ReLU switches off about half of the units, "
            "and He doubles the variance to make up for it",
        ),
        (1 / m, f"that is 1/fan_in = 1/{m}, a variance without He's 2; the answer is √(2/fan_in)"),
        (2 / math.sqrt(m), f"that is 2/√{m}: the square root covers the 2 as well, √(2/fan_in)"),
        (math.sqrt(2) / m, f"that is √2/{m}: the square root covers fan_in as well, √(2/fan_in)"),
        (math.sqrt(2 * m), f"that is √(2·{m}), upside down: the standard deviation is √(2/fan_in), below 1"),
        (
            math.sqrt(2 / (m * p)),
            f"that is √(2/{m * p}), with the number of weights {m}·{p}; He divides by fan_in = {m} only",
        ),
        (-exact, "a standard deviation is never negative: the weights are drawn with mean 0 and std √(2/fan_in)"),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, rel=2e-2):
        return Feedback(
            "wrong", f"close ({value:g}), but keep more digits: compute √(2/{m}) in Python instead of rounding by hand"
        )
    if near(exact, rel=0.25):
        return Feedback(
            "wrong",
            f"close ({value:g}), but not √(2/{m}): if you measured the standard deviation of drawn weights, that is "
            "only an estimate of the one they were drawn with; compute √(2/fan_in) from the formula",
        )
    return Feedback("wrong", f"{value:g} is not He's standard deviation: compute √(2/fan_in) with fan_in = {m}")

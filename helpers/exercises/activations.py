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

from ..i18n import Messages
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
            tr(
                "correct: σ'(2) = σ(2)(1 − σ(2)) = {s:.4f} × {rest:.4f} = {exact:.6f}; σ' is at most 1/4 "
                "(at x = 0), so the sigmoid multiplies each coordinate of a gradient passing back by at most 1/4. "
                "The layer's weights multiply in too (its Jacobian is diag(σ'(z))·Wᵀ): they can shrink the gradient "
                "further or grow it",
                s=s,
                rest=1 - s,
                exact=exact,
            ),
        )
    candidates = [
        (s, tr("that is σ(2) = {s:.4f} itself; the derivative is σ(x)(1 − σ(x)): multiply by 1 − σ(2)", s=s)),
        (
            1 - s,
            tr("that is 1 − σ(2) = {rest:.4f}; the derivative is σ(x)(1 − σ(x)): multiply by σ(2)", rest=1 - s),
        ),
        (s * s, tr("that is σ(2)²; the derivative is σ(x)(1 − σ(x)) = σ(x) − σ(x)²")),
        (1 - s * s, tr("that is 1 − σ(2)², the shape of tanh' = 1 − tanh²; for the sigmoid it is σ(x)(1 − σ(x))")),
        (0.25, tr("that is σ'(0) = 1/4, the largest value of σ'; evaluate σ(x)(1 − σ(x)) at x = 2")),
        (
            math.exp(-x),
            tr("that is e^{{−2}}; differentiating 1/(1 + e^{{−x}}) gives e^{{−x}}/(1 + e^{{−x}})² = σ(x)(1 − σ(x))"),
        ),
        (tanh_grad(x), tr("that is tanh'(2) = (1 − tanh 2)(1 + tanh 2); the exercise asks for the sigmoid's σ'(2)")),
        (-exact, tr("the sign is flipped: the sigmoid increases everywhere, so σ'(x) > 0")),
        (x * (1 - x), tr("that is x(1 − x) with x = 2: put σ(2), not 2, into σ(x)(1 − σ(x))")),
        (s * (1 - x), tr("that is σ(2)(1 − 2): the second factor is 1 − σ(2), not 1 − x")),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, rel=2e-2):
        return Feedback(
            "wrong",
            tr(
                "close ({value:g}), but keep more digits: compute σ(2)(1 − σ(2)) in Python instead of rounding by hand",
                value=value,
            ),
        )
    return Feedback(
        "wrong",
        tr("{value:g} is not σ'(2): compute s = σ(2) = 1/(1 + e^(−2)) first, then s·(1 − s)", value=value),
    )


# --- exercise 2: the output shape of a layer stack ----------------------------------------


def _read_shape(answer) -> tuple[tuple[int, ...] | None, str | None]:
    """A shape as a tuple of ints, from a tuple, list, array or a string such as '(64, 3)' or '64x3'."""
    example = tr("give a shape such as (10, 4)")
    if isinstance(answer, (bool, np.bool_)):
        return None, tr("your answer is {answer}: {example}", answer=answer, example=example)
    if isinstance(answer, str):
        if len(answer) > 100:
            return None, tr("your answer is too long to be a shape: {example}", example=example)
        text = answer.strip()
        if not re.fullmatch(r"[\s()\[\],xX×*0-9]*", text):
            return None, tr(
                "your answer {answer!r:.40} could not be read as a shape: {example}", answer=answer, example=example
            )
        parts = re.findall(r"\d+", text)
        if not parts:
            return None, tr("your answer {answer!r:.40} holds no numbers: {example}", answer=answer, example=example)
        return tuple(int(p) for p in parts), None
    if isinstance(answer, numbers.Integral):
        return (int(answer),), None
    if isinstance(answer, numbers.Real):
        number = float(answer)
        if math.isfinite(number) and number == int(number):
            return (int(number),), None
        return None, tr("your answer {answer!r:.40} is not a whole number: {example}", answer=answer, example=example)
    try:
        arr = np.asarray(answer)
    except (TypeError, ValueError, OverflowError):
        return None, tr(
            "your answer could not be read: {example}, got {answer}", example=example, answer=describe(answer)
        )
    if arr.ndim != 1 or arr.dtype.kind not in "iuf" or not 0 < arr.size <= 32:  # numpy allows 32 axes at most
        return None, tr(
            "your answer could not be read: {example}, got {answer}", example=example, answer=describe(answer)
        )
    if arr.dtype.kind == "f" and not (np.all(np.isfinite(arr)) and np.all(arr == np.round(arr))):
        return None, tr(
            "a shape is made of whole numbers: {example}, got {answer}", example=example, answer=describe(answer)
        )
    if np.any(np.abs(arr) > 1e9):
        return None, tr("those numbers are far too large for this shape: {example}", example=example)
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
        return Feedback("unreadable", tr("a shape has no negative sizes, got {shape}", shape=shape))
    n, d = SHAPE_EXERCISE["X"]
    Ws = SHAPE_EXERCISE["W"]
    p = Ws[-1][1]
    if shape == (n, p):
        return Feedback(
            "correct",
            tr(
                "correct: ({n}, {p}), one row per example and one column per class; "
                "each layer keeps the {n} rows and changes the width: {d} → {h1} → {h2} → {p}",
                n=n,
                p=p,
                d=d,
                h1=Ws[0][1],
                h2=Ws[1][1],
            ),
        )
    if len(shape) == 2:
        named = {
            (p, n): tr("that is the transpose: rows are examples, so the output is (n, p) = ({n}, {p})", n=n, p=p),
            (n, Ws[1][1]): tr(
                "that is H⁽²⁾, after two layers: W⁽³⁾ ({rows}×{p}) still maps it to {p} columns", rows=Ws[2][0], p=p
            ),
            (n, Ws[0][1]): tr("that is H⁽¹⁾, after the first layer only: two more layers follow"),
            (n, d): tr("that is the shape of X itself: every layer changes the number of columns"),
            (d, p): tr(
                "that is the shape of W⁽¹⁾W⁽²⁾W⁽³⁾ (d × p): the output has one row per example, not per feature"
            ),
            (1, p): tr("that is one example's output (or the bias b⁽³⁾ as a row); the batch has {n} rows", n=n),
        }
        for i, w in enumerate(Ws, 1):
            named.setdefault(
                w, tr("that is the shape of the weights W⁽{i}⁾, not of the output HW + b", i=_SUPERSCRIPT[i])
            )
        if shape in named:
            return Feedback("wrong", named[shape])
    if len(shape) == 1:
        if shape == (p,):
            return Feedback(
                "wrong", tr("that is the shape of the bias b⁽³⁾: the output has {n} rows, one per example", n=n)
            )
        if shape == (n,):
            return Feedback(
                "wrong",
                tr(
                    "that is the shape of the predicted classes (the arg max of each row); the logits have {p} columns",
                    p=p,
                ),
            )
        if shape == (n * p,):
            return Feedback(
                "wrong", tr("{entries} is the number of entries; give the shape as (rows, columns)", entries=n * p)
            )
        return Feedback(
            "wrong", tr("the output is a matrix: give (rows, columns), not one number {number}", number=shape[0])
        )
    if len(shape) != 2:
        return Feedback(
            "wrong",
            tr("the output is a matrix (2-D), so its shape has 2 numbers, not {count}", count=len(shape)),
        )
    rows, cols = shape
    if rows == n:
        return Feedback("wrong", tr("the rows are right ({n}, one per example); count the columns of the last W", n=n))
    if cols == p:
        return Feedback("wrong", tr("the columns are right ({p}, one per class); every layer keeps the rows of X", p=p))
    return Feedback(
        "wrong",
        tr(
            "{shape} is not it: (n × d)(d × p) gives n × p, so follow the columns layer by layer from X ({n}, {d})",
            shape=shape,
            n=n,
            d=d,
        ),
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
        return None, tr(
            "your answer could not be read: write the name of an activation, one of {options}", options=options
        )
    if len(answer) > 100:
        return None, tr("your answer is too long: write the name of an activation, one of {options}", options=options)
    key = re.sub(r"[\s_\-'\"]|\(x\)|\(\)|_?grad$", "", answer.strip().lower())
    key = key.removesuffix("grad")
    if key in _ALIASES:
        return _ALIASES[key], None
    return None, tr(
        "{answer!r:.40} is not one of the activations here: write one of {options}", answer=answer, options=options
    )


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
            tr(
                "correct: ReLU'(x) = 0 for every x < 0, so a unit whose input stays negative passes no gradient "
                "back and stops learning (a 'dead' ReLU); for x > 0 its slope is 1, and what the layer does to the "
                "gradient is then up to its weights (its Jacobian is diag(ReLU'(z))·Wᵀ)"
            ),
        )
    if name == "sigmoid":
        return Feedback(
            "wrong",
            tr(
                "σ'(x) = σ(x)(1 − σ(x)) is small for very negative x (σ'(−5) = {slope:.4f}) but never 0",
                slope=sigmoid_grad(-5.0),
            ),
        )
    if name == "tanh":
        return Feedback(
            "wrong",
            tr(
                "tanh'(x) = (1 − tanh x)(1 + tanh x) is small for very negative x (tanh'(−5) = {slope:.5f}) "
                "but never 0",
                slope=tanh_grad(-5.0),
            ),
        )
    if name == "identity":
        return Feedback("wrong", tr("the identity has derivative 1 everywhere: the gradient always passes"))
    if name == "leaky relu":
        return Feedback(
            "wrong",
            tr(
                "leaky ReLU keeps a small slope α for x < 0 precisely so that the gradient is never 0; "
                "which activation of this notebook has a flat 0 there?"
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "softmax is not applied coordinate by coordinate (it looks at the whole vector); "
            "choose among the activations sigmoid, tanh, relu, identity"
        ),
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
            tr(
                "correct: He initialisation draws W with variance 2/fan_in = 2/{m}, so its standard deviation is "
                "√(2/{m}) = {exact:.6f}; the 2 makes up for ReLU switching off about half of the units, so a "
                "gradient keeps its size from layer to layer on average (MLP uses it for ReLU, Xavier/Glorot's "
                "√(2/(fan_in + fan_out)) = {xavier:.4f} for tanh and sigmoid)",
                m=m,
                exact=exact,
                xavier=math.sqrt(2 / (m + p)),
            ),
        )
    candidates = [
        (2 / m, tr("that is the variance 2/fan_in = 2/{m}; the standard deviation is its square root", m=m)),
        (
            math.sqrt(2 / p),
            tr("that is √(2/fan_out) = √(2/{p}); He uses fan_in, the {m} inputs of each unit", p=p, m=m),
        ),
        (
            math.sqrt(2 / (m + p)),
            tr(
                "that is Xavier/Glorot's √(2/(fan_in + fan_out)) = √(2/{total}), which MLP uses for tanh and sigmoid; "
                "for ReLU, He uses √(2/fan_in)",
                total=m + p,
            ),
        ),
        (
            2 / (m + p),
            tr(
                "that is Xavier/Glorot's variance 2/(fan_in + fan_out), and Xavier is for tanh and sigmoid; "
                "for ReLU, He's standard deviation is √(2/fan_in)"
            ),
        ),
        (
            math.sqrt(1 / m),
            tr(
                "that is √(1/fan_in) = √(1/{m}): the 2 is missing; ReLU switches off about half of the units, "
                "and He doubles the variance to make up for it",
                m=m,
            ),
        ),
        (1 / m, tr("that is 1/fan_in = 1/{m}, a variance without He's 2; the answer is √(2/fan_in)", m=m)),
        (2 / math.sqrt(m), tr("that is 2/√{m}: the square root covers the 2 as well, √(2/fan_in)", m=m)),
        (math.sqrt(2) / m, tr("that is √2/{m}: the square root covers fan_in as well, √(2/fan_in)", m=m)),
        (
            math.sqrt(2 * m),
            tr("that is √(2·{m}), upside down: the standard deviation is √(2/fan_in), below 1", m=m),
        ),
        (
            math.sqrt(2 / (m * p)),
            tr(
                "that is √(2/{weights}), with the number of weights {m}·{p}; He divides by fan_in = {m} only",
                weights=m * p,
                m=m,
                p=p,
            ),
        ),
        (
            -exact,
            tr("a standard deviation is never negative: the weights are drawn with mean 0 and std √(2/fan_in)"),
        ),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, rel=2e-2):
        return Feedback(
            "wrong",
            tr(
                "close ({value:g}), but keep more digits: compute √(2/{m}) in Python instead of rounding by hand",
                value=value,
                m=m,
            ),
        )
    if near(exact, rel=0.25):
        return Feedback(
            "wrong",
            tr(
                "close ({value:g}), but not √(2/{m}): if you measured the standard deviation of drawn weights, that "
                "is only an estimate of the one they were drawn with; compute √(2/fan_in) from the formula",
                value=value,
                m=m,
            ),
        )
    return Feedback(
        "wrong",
        tr("{value:g} is not He's standard deviation: compute √(2/fan_in) with fan_in = {m}", value=value, m=m),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: σ'(2)
        "correct: σ'(2) = σ(2)(1 − σ(2)) = {s:.4f} × {rest:.4f} = {exact:.6f}; σ' is at most 1/4 "
        "(at x = 0), so the sigmoid multiplies each coordinate of a gradient passing back by at most 1/4. "
        "The layer's weights multiply in too (its Jacobian is diag(σ'(z))·Wᵀ): they can shrink the gradient "
        "further or grow it": (
            "정답입니다: σ'(2) = σ(2)(1 − σ(2)) = {s:.4f} × {rest:.4f} = {exact:.6f}. σ'은 최대 1/4(x = 0에서)이므로, "
            "시그모이드는 거꾸로 전달되는 그레디언트의 각 좌표에 많아야 1/4을 곱합니다. 층의 가중치도 곱해지므로"
            "(층의 야코비 행렬은 diag(σ'(z))·Wᵀ), 가중치가 그레디언트를 더 줄일 수도 있고 키울 수도 있습니다"
        ),
        "that is σ(2) = {s:.4f} itself; the derivative is σ(x)(1 − σ(x)): multiply by 1 − σ(2)": (
            "σ(2) = {s:.4f} 자체입니다. 도함수는 σ(x)(1 − σ(x))이므로 1 − σ(2)를 곱하세요"
        ),
        "that is 1 − σ(2) = {rest:.4f}; the derivative is σ(x)(1 − σ(x)): multiply by σ(2)": (
            "1 − σ(2) = {rest:.4f}입니다. 도함수는 σ(x)(1 − σ(x))이므로 σ(2)를 곱하세요"
        ),
        "that is σ(2)²; the derivative is σ(x)(1 − σ(x)) = σ(x) − σ(x)²": (
            "σ(2)²입니다. 도함수는 σ(x)(1 − σ(x)) = σ(x) − σ(x)²입니다"
        ),
        "that is 1 − σ(2)², the shape of tanh' = 1 − tanh²; for the sigmoid it is σ(x)(1 − σ(x))": (
            "1 − σ(2)²으로, tanh' = 1 − tanh²의 꼴입니다. 시그모이드의 도함수는 σ(x)(1 − σ(x))입니다"
        ),
        "that is σ'(0) = 1/4, the largest value of σ'; evaluate σ(x)(1 − σ(x)) at x = 2": (
            "σ'의 최댓값인 σ'(0) = 1/4입니다. σ(x)(1 − σ(x))를 x = 2에서 계산하세요"
        ),
        "that is e^{{−2}}; differentiating 1/(1 + e^{{−x}}) gives e^{{−x}}/(1 + e^{{−x}})² = σ(x)(1 − σ(x))": (
            "e^{{−2}}입니다. 1/(1 + e^{{−x}})을 미분하면 e^{{−x}}/(1 + e^{{−x}})² = σ(x)(1 − σ(x))가 됩니다"
        ),
        "that is tanh'(2) = (1 − tanh 2)(1 + tanh 2); the exercise asks for the sigmoid's σ'(2)": (
            "tanh'(2) = (1 − tanh 2)(1 + tanh 2)입니다. 이 연습문제는 시그모이드의 σ'(2)를 묻습니다"
        ),
        "the sign is flipped: the sigmoid increases everywhere, so σ'(x) > 0": (
            "부호가 뒤집혔습니다: 시그모이드는 어디서나 증가하므로 σ'(x) > 0입니다"
        ),
        "that is x(1 − x) with x = 2: put σ(2), not 2, into σ(x)(1 − σ(x))": (
            "x = 2로 계산한 x(1 − x)입니다: σ(x)(1 − σ(x))에 2가 아니라 σ(2)를 넣으세요"
        ),
        "that is σ(2)(1 − 2): the second factor is 1 − σ(2), not 1 − x": (
            "σ(2)(1 − 2)입니다: 두 번째 인자는 1 − x가 아니라 1 − σ(2)입니다"
        ),
        "close ({value:g}), but keep more digits: compute σ(2)(1 − σ(2)) in Python instead of rounding by hand": (
            "가깝지만({value:g}) 자릿수를 더 남기세요: 손으로 반올림하지 말고 Python으로 σ(2)(1 − σ(2))를 계산하세요"
        ),
        "{value:g} is not σ'(2): compute s = σ(2) = 1/(1 + e^(−2)) first, then s·(1 − s)": (
            "{value:g}은(는) σ'(2)가 아닙니다: 먼저 s = σ(2) = 1/(1 + e^(−2))부터 계산하고, 그다음 s·(1 − s)를 계산하세요"
        ),
        # exercise 2: the output shape
        "give a shape such as (10, 4)": "(10, 4) 같은 모양(shape)으로 답하세요",
        "your answer is {answer}: {example}": "답이 {answer}입니다: {example}",
        "your answer is too long to be a shape: {example}": "답이 너무 길어서 모양이 될 수 없습니다: {example}",
        "your answer {answer!r:.40} could not be read as a shape: {example}": (
            "답 {answer!r:.40}을(를) 모양으로 읽을 수 없습니다: {example}"
        ),
        "your answer {answer!r:.40} holds no numbers: {example}": "답 {answer!r:.40}에 수가 없습니다: {example}",
        "your answer {answer!r:.40} is not a whole number: {example}": (
            "답 {answer!r:.40}은(는) 정수가 아닙니다: {example}"
        ),
        "your answer could not be read: {example}, got {answer}": "답을 읽을 수 없습니다: {example}. 받은 답: {answer}",
        "a shape is made of whole numbers: {example}, got {answer}": (
            "모양은 정수로 이루어집니다: {example}. 받은 답: {answer}"
        ),
        "those numbers are far too large for this shape: {example}": (
            "이 모양의 크기로 보기에는 수가 너무 큽니다: {example}"
        ),
        "a shape has no negative sizes, got {shape}": "모양에는 음수 크기가 없습니다. 받은 답: {shape}",
        "correct: ({n}, {p}), one row per example and one column per class; "
        "each layer keeps the {n} rows and changes the width: {d} → {h1} → {h2} → {p}": (
            "정답입니다: ({n}, {p}), 예제마다 행이 하나, 클래스마다 열이 하나입니다. "
            "각 층은 {n}개의 행을 유지하고 너비를 바꿉니다: {d} → {h1} → {h2} → {p}"
        ),
        "that is the transpose: rows are examples, so the output is (n, p) = ({n}, {p})": (
            "전치된 모양입니다: 행이 예제이므로 출력은 (n, p) = ({n}, {p})입니다"
        ),
        "that is H⁽²⁾, after two layers: W⁽³⁾ ({rows}×{p}) still maps it to {p} columns": (
            "두 층을 지난 H⁽²⁾의 모양입니다: W⁽³⁾ ({rows}×{p})를 거치면 다시 {p}개의 열이 됩니다"
        ),
        "that is H⁽¹⁾, after the first layer only: two more layers follow": (
            "첫 층만 지난 H⁽¹⁾의 모양입니다: 뒤에 층이 두 개 더 있습니다"
        ),
        "that is the shape of X itself: every layer changes the number of columns": (
            "X 자체의 모양입니다: 층마다 열의 수가 바뀝니다"
        ),
        "that is the shape of W⁽¹⁾W⁽²⁾W⁽³⁾ (d × p): the output has one row per example, not per feature": (
            "W⁽¹⁾W⁽²⁾W⁽³⁾의 모양(d × p)입니다: 출력에는 특성마다가 아니라 예제마다 행이 하나 있습니다"
        ),
        "that is one example's output (or the bias b⁽³⁾ as a row); the batch has {n} rows": (
            "예제 하나의 출력(또는 행으로 쓴 편향 b⁽³⁾)의 모양입니다. 배치에는 행이 {n}개 있습니다"
        ),
        "that is the shape of the weights W⁽{i}⁾, not of the output HW + b": (
            "가중치 W⁽{i}⁾의 모양이지, 출력 HW + b의 모양이 아닙니다"
        ),
        "that is the shape of the bias b⁽³⁾: the output has {n} rows, one per example": (
            "편향 b⁽³⁾의 모양입니다: 출력에는 예제마다 하나씩, 행이 {n}개 있습니다"
        ),
        "that is the shape of the predicted classes (the arg max of each row); the logits have {p} columns": (
            "예측한 클래스(각 행의 arg max)의 모양입니다. 로짓에는 열이 {p}개 있습니다"
        ),
        "{entries} is the number of entries; give the shape as (rows, columns)": (
            "{entries}은(는) 성분의 개수입니다. 모양을 (행, 열)로 답하세요"
        ),
        "the output is a matrix: give (rows, columns), not one number {number}": (
            "출력은 행렬입니다: 수 하나({number})가 아니라 (행, 열)로 답하세요"
        ),
        "the output is a matrix (2-D), so its shape has 2 numbers, not {count}": (
            "출력은 행렬(2차원)이므로 모양은 수 {count}개가 아니라 2개로 이루어집니다"
        ),
        "the rows are right ({n}, one per example); count the columns of the last W": (
            "행은 맞습니다({n}, 예제마다 하나). 마지막 W의 열을 세어 보세요"
        ),
        "the columns are right ({p}, one per class); every layer keeps the rows of X": (
            "열은 맞습니다({p}, 클래스마다 하나). 모든 층은 X의 행을 그대로 유지합니다"
        ),
        "{shape} is not it: (n × d)(d × p) gives n × p, so follow the columns layer by layer from X ({n}, {d})": (
            "{shape}은(는) 답이 아닙니다: (n × d)(d × p)는 n × p가 되므로, X ({n}, {d})부터 층마다 열을 따라가 보세요"
        ),
        # exercise 3: zero gradient for x < 0
        "your answer could not be read: write the name of an activation, one of {options}": (
            "답을 읽을 수 없습니다: 활성함수의 이름을 {options} 중 하나로 쓰세요"
        ),
        "your answer is too long: write the name of an activation, one of {options}": (
            "답이 너무 깁니다: 활성함수의 이름을 {options} 중 하나로 쓰세요"
        ),
        "{answer!r:.40} is not one of the activations here: write one of {options}": (
            "{answer!r:.40}은(는) 여기서 다루는 활성함수가 아닙니다: {options} 중 하나를 쓰세요"
        ),
        "correct: ReLU'(x) = 0 for every x < 0, so a unit whose input stays negative passes no gradient "
        "back and stops learning (a 'dead' ReLU); for x > 0 its slope is 1, and what the layer does to the "
        "gradient is then up to its weights (its Jacobian is diag(ReLU'(z))·Wᵀ)": (
            "정답입니다: 모든 x < 0에서 ReLU'(x) = 0이므로, 입력이 계속 음수인 유닛은 그레디언트를 뒤로 전달하지 않고 "
            "학습을 멈춥니다('죽은' ReLU). x > 0에서는 기울기가 1이며, 이때 층이 그레디언트에 하는 일은 층의 가중치에 "
            "달려 있습니다(층의 야코비 행렬은 diag(ReLU'(z))·Wᵀ)"
        ),
        "σ'(x) = σ(x)(1 − σ(x)) is small for very negative x (σ'(−5) = {slope:.4f}) but never 0": (
            "σ'(x) = σ(x)(1 − σ(x))는 x가 절댓값이 큰 음수일 때 작지만(σ'(−5) = {slope:.4f}) 결코 0이 되지 않습니다"
        ),
        "tanh'(x) = (1 − tanh x)(1 + tanh x) is small for very negative x (tanh'(−5) = {slope:.5f}) but never 0": (
            "tanh'(x) = (1 − tanh x)(1 + tanh x)는 x가 절댓값이 큰 음수일 때 작지만(tanh'(−5) = {slope:.5f}) "
            "결코 0이 되지 않습니다"
        ),
        "the identity has derivative 1 everywhere: the gradient always passes": (
            "항등함수(identity)는 어디서나 도함수가 1입니다: 그레디언트가 항상 전달됩니다"
        ),
        "leaky ReLU keeps a small slope α for x < 0 precisely so that the gradient is never 0; "
        "which activation of this notebook has a flat 0 there?": (
            "leaky ReLU는 바로 그레디언트가 결코 0이 되지 않도록 x < 0에서 작은 기울기 α를 남겨 둡니다. "
            "이 노트북의 활성함수 중 그 구간에서 평평하게 0인 것은 무엇일까요?"
        ),
        "softmax is not applied coordinate by coordinate (it looks at the whole vector); "
        "choose among the activations sigmoid, tanh, relu, identity": (
            "소프트맥스는 좌표마다 따로 적용되지 않습니다(벡터 전체를 봅니다). "
            "활성함수 sigmoid, tanh, relu, identity 중에서 고르세요"
        ),
        # exercise 4: He initialisation's standard deviation
        "correct: He initialisation draws W with variance 2/fan_in = 2/{m}, so its standard deviation is "
        "√(2/{m}) = {exact:.6f}; the 2 makes up for ReLU switching off about half of the units, so a "
        "gradient keeps its size from layer to layer on average (MLP uses it for ReLU, Xavier/Glorot's "
        "√(2/(fan_in + fan_out)) = {xavier:.4f} for tanh and sigmoid)": (
            "정답입니다: He 초기화는 분산이 2/fan_in = 2/{m}인 분포에서 W를 뽑으므로, 표준편차는 √(2/{m}) = {exact:.6f}입니다. "
            "2는 ReLU가 유닛의 약 절반을 꺼 버리는 것을 메워 주어, 그레디언트가 평균적으로 층에서 층으로 크기를 "
            "유지하게 합니다(MLP는 ReLU에 이것을 쓰고, tanh와 시그모이드에는 Xavier/Glorot의 "
            "√(2/(fan_in + fan_out)) = {xavier:.4f}를 씁니다)"
        ),
        "that is the variance 2/fan_in = 2/{m}; the standard deviation is its square root": (
            "분산 2/fan_in = 2/{m}입니다. 표준편차는 그 제곱근입니다"
        ),
        "that is √(2/fan_out) = √(2/{p}); He uses fan_in, the {m} inputs of each unit": (
            "√(2/fan_out) = √(2/{p})입니다. He는 fan_in, 즉 각 유닛의 입력 {m}개를 씁니다"
        ),
        "that is Xavier/Glorot's √(2/(fan_in + fan_out)) = √(2/{total}), which MLP uses for tanh and sigmoid; "
        "for ReLU, He uses √(2/fan_in)": (
            "MLP가 tanh와 시그모이드에 쓰는 Xavier/Glorot의 √(2/(fan_in + fan_out)) = √(2/{total})입니다. "
            "ReLU에 쓰는 He의 값은 √(2/fan_in)입니다"
        ),
        "that is Xavier/Glorot's variance 2/(fan_in + fan_out), and Xavier is for tanh and sigmoid; "
        "for ReLU, He's standard deviation is √(2/fan_in)": (
            "Xavier/Glorot의 분산 2/(fan_in + fan_out)이며, Xavier는 tanh와 시그모이드용입니다. "
            "ReLU에 쓰는 He의 표준편차는 √(2/fan_in)입니다"
        ),
        "that is √(1/fan_in) = √(1/{m}): the 2 is missing; ReLU switches off about half of the units, "
        "and He doubles the variance to make up for it": (
            "√(1/fan_in) = √(1/{m})입니다: 2가 빠졌습니다. ReLU는 유닛의 약 절반을 꺼 버리고, "
            "He는 이를 메우려고 분산을 두 배로 합니다"
        ),
        "that is 1/fan_in = 1/{m}, a variance without He's 2; the answer is √(2/fan_in)": (
            "He의 2가 빠진 분산 1/fan_in = 1/{m}입니다. 답은 √(2/fan_in)입니다"
        ),
        "that is 2/√{m}: the square root covers the 2 as well, √(2/fan_in)": (
            "2/√{m}입니다: 제곱근은 2까지 덮어 √(2/fan_in)입니다"
        ),
        "that is √2/{m}: the square root covers fan_in as well, √(2/fan_in)": (
            "√2/{m}입니다: 제곱근은 fan_in까지 덮어 √(2/fan_in)입니다"
        ),
        "that is √(2·{m}), upside down: the standard deviation is √(2/fan_in), below 1": (
            "√(2·{m}), 즉 거꾸로 뒤집힌 값입니다: 표준편차는 1보다 작은 √(2/fan_in)입니다"
        ),
        "that is √(2/{weights}), with the number of weights {m}·{p}; He divides by fan_in = {m} only": (
            "가중치의 개수 {m}·{p}로 나눈 √(2/{weights})입니다. He는 fan_in = {m}으로만 나눕니다"
        ),
        "a standard deviation is never negative: the weights are drawn with mean 0 and std √(2/fan_in)": (
            "표준편차는 결코 음수가 아닙니다: 가중치는 평균이 0이고 표준편차가 √(2/fan_in)인 분포에서 뽑습니다"
        ),
        "close ({value:g}), but keep more digits: compute √(2/{m}) in Python instead of rounding by hand": (
            "가깝지만({value:g}) 자릿수를 더 남기세요: 손으로 반올림하지 말고 Python으로 √(2/{m})의 값을 계산하세요"
        ),
        "close ({value:g}), but not √(2/{m}): if you measured the standard deviation of drawn weights, that "
        "is only an estimate of the one they were drawn with; compute √(2/fan_in) from the formula": (
            "가깝지만({value:g}) √(2/{m})의 값은 아닙니다: 뽑힌 가중치의 표준편차를 측정했다면, 그 값은 가중치를 뽑을 때 쓴 "
            "표준편차의 추정값일 뿐입니다. 공식에서 계산하세요: √(2/fan_in)"
        ),
        "{value:g} is not He's standard deviation: compute √(2/fan_in) with fan_in = {m}": (
            "{value:g}은(는) He의 표준편차가 아닙니다: fan_in = {m}을 넣어 √(2/fan_in)의 값을 계산하세요"
        ),
    }
)

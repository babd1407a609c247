"""Self-checks for notebook 07 (nonlinear models and softmax — 비선형모델 신경망).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read
(a string where numbers were asked, a ragged list, a vector of the wrong length) gets a message
saying so.

Exercises
---------
1. :func:`check_softmax`: softmax of the large scores :data:`SOFTMAX_EXERCISE` = [800, 801.5, 799]
   (the naive formula overflows; subtracting the max does not).
2. :func:`check_predicted_class`: the class predicted for each row of the logits :data:`PREDICT_EXERCISE`.
3. :func:`check_cross_entropy`: the cross-entropy −log softmax(o)_y for o = [1, 2, 0] and y = 0.
4. :func:`check_softmax_gradient`: ∂L/∂O = (P − Y)/n of the mean cross-entropy for the 2 × 3 scores
   and labels of :data:`GRADIENT_EXERCISE`.
"""

from __future__ import annotations

import math
from typing import TypedDict

import numpy as np

from . import Feedback, answer_check, no_answer, read_array, unreadable

__all__ = [
    "CROSS_ENTROPY_EXERCISE",
    "Feedback",
    "GRADIENT_EXERCISE",
    "PREDICT_EXERCISE",
    "SOFTMAX_EXERCISE",
    "check_cross_entropy",
    "check_predicted_class",
    "check_softmax",
    "check_softmax_gradient",
]


class _CrossEntropyExercise(TypedDict):
    logits: tuple[float, ...]
    label: int


class _GradientExercise(TypedDict):
    logits: tuple[tuple[float, ...], ...]
    labels: tuple[int, ...]


#: Exercise 1: the scores whose softmax is asked.
SOFTMAX_EXERCISE = (800.0, 801.5, 799.0)
#: Exercise 2: logits of 4 examples (rows) for 3 classes (columns).
PREDICT_EXERCISE = (
    (2.0, -1.0, 0.5),
    (0.1, 0.3, 0.2),
    (-3.0, -2.0, -2.5),
    (1.0, 4.0, 4.5),
)
#: Exercise 3: the logits of one example and its true class (numbered from 0).
CROSS_ENTROPY_EXERCISE: _CrossEntropyExercise = {"logits": (1.0, 2.0, 0.0), "label": 0}
#: Exercise 4: the logits of 2 examples (rows) for 3 classes and their true classes; the first is a
#: confident mistake, the second already right.
GRADIENT_EXERCISE: _GradientExercise = {"logits": ((1.0, 2.0, 0.0), (0.0, 0.0, 3.0)), "labels": (0, 2)}


def _stable_softmax(o: np.ndarray) -> np.ndarray:
    e = np.exp(o - o.max())
    return e / e.sum()


def _vector_text(v: np.ndarray) -> str:
    return "[" + ", ".join(f"{x:.4f}" for x in v) + "]"


# --- exercise 1: softmax of large scores ------------------------------------------------------


@answer_check
def check_softmax(answer) -> Feedback:
    """Exercise 1: softmax([800, 801.5, 799]), three probabilities.

    Recognises the overflow of the naive formula (nan or inf), a missing normalisation, the scores
    divided by their sum, the one-hot vector of the arg max, softmax(−o), the right numbers in the
    wrong order and probabilities that sum to 1 but are not the softmax.
    """
    if answer is None:
        return no_answer("[0.2, 0.5, 0.3]")
    value, problem = read_array(answer, "3 probabilities such as [0.2, 0.5, 0.3]", finite=False)
    if value is None:
        return unreadable(problem)
    o = np.array(SOFTMAX_EXERCISE)
    p = value.ravel()
    if p.size != o.size:
        return Feedback("unreadable", f"give {o.size} numbers, one per score; got {p.size} (shape {value.shape})")
    exact = _stable_softmax(o)
    shown = _vector_text(exact)
    if not np.all(np.isfinite(p)):
        return Feedback(
            "wrong",
            "your answer contains nan or inf: exp(800) is larger than the largest float (about 1.8e308, "
            "reached at exp(709.8)), so it overflows to inf and inf/inf is nan. Subtract the max first: "
            "softmax(o) = softmax(o − max o)",
        )

    def near(target, atol=5e-5) -> bool:
        return bool(np.allclose(p, target, rtol=0.0, atol=atol))

    if near(exact):
        return Feedback(
            "correct",
            f"correct: softmax([800, 801.5, 799]) = {shown}, the same as softmax([-1.5, 0, -2.5]): "
            "subtracting the max changes nothing but keeps exp from overflowing",
        )
    unnormalised = np.exp(o - o.max())
    candidates = [
        (unnormalised, "you computed exp(o − max o) but did not divide by its sum: the probabilities must sum to 1"),
        (np.zeros(3), "all zeros: exp(o − max o) divided by the sum of exp(o), which overflowed to inf; "
                      "divide by the sum of the same shifted exponentials"),
        (o / o.sum(), "you divided the scores themselves by their sum: softmax exponentiates first, "
                      "exp(o_i) / Σ exp(o_k)"),
        (np.eye(3)[int(np.argmax(o))], "that is the one-hot vector of the arg max, the predicted class: "
                                        "softmax gives the probabilities behind it"),
        (_stable_softmax(-o), "that is softmax(−o): the largest score must get the largest probability"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(np.sort(exact), 5e-5) or near(np.sort(exact)[::-1], 5e-5):
        return Feedback(
            "wrong",
            "the right numbers in the wrong order: the i-th probability belongs to the i-th score",
        )
    if near(exact, 5e-3):
        return Feedback("wrong", f"close ({p.tolist()}), but keep 4 decimals: compute it with numpy")
    if math.isclose(float(p.sum()), 1.0, abs_tol=1e-3) and np.all(p >= 0):
        return Feedback(
            "wrong",
            "your numbers sum to 1 but are not the softmax: compute exp(o − max o) and divide it by its sum",
        )
    return Feedback(
        "wrong",
        f"{np.round(p, 4).tolist()} is not the softmax: it must be positive, sum to 1, and be "
        "exp(o − max o) / Σ exp(o − max o)",
    )


# --- exercise 2: the predicted classes ----------------------------------------------------


@answer_check
def check_predicted_class(answer) -> Feedback:
    """Exercise 2: the predicted class (0, 1 or 2) of each of the 4 rows of :data:`PREDICT_EXERCISE`.

    ``answer`` is 4 labels, or the 4×3 one-hot matrix of the predictions. Recognises the arg min,
    classes numbered from 1, the arg max down the columns (axis 0) and of the flattened matrix.
    """
    if answer is None:
        return no_answer("[0, 1, 2, 0]")
    value, problem = read_array(answer, "4 class labels such as [0, 1, 2, 0]")
    if value is None:
        return unreadable(problem)
    logits = np.array(PREDICT_EXERCISE)
    exact = logits.argmax(axis=1)
    shown = exact.tolist()
    if value.shape == logits.shape:
        one_hot = np.eye(logits.shape[1])[exact]
        if np.array_equal(value, one_hot):
            return Feedback("correct", f"correct: the one-hot rows of the arg max, i.e. classes {shown}")
        if np.array_equal(value, np.eye(logits.shape[1])[logits.argmin(axis=1)]):
            return Feedback("wrong", "that is the one-hot vector of the smallest score: the prediction is the largest")
        return Feedback("wrong", "as a one-hot matrix, each row needs a single 1 in the column of its largest score")
    labels = value.ravel()
    if labels.size == 1 and float(labels[0]) == float(logits.argmax()):
        return Feedback(
            "wrong",
            f"{int(logits.argmax())} is np.argmax of the whole flattened matrix: take the arg max of each row, axis=1",
        )
    if labels.size == logits.shape[1] and np.array_equal(labels, logits.argmax(axis=0)):
        return Feedback(
            "wrong",
            "that is the arg max down each column (axis=0): one row per example, so take it along axis=1",
        )
    if labels.size != logits.shape[0]:
        return Feedback("unreadable", f"give {logits.shape[0]} labels, one per row (example); got {labels.size}")
    if not np.all(labels == np.round(labels)):
        return Feedback("unreadable", f"class labels are whole numbers 0, 1, 2; got {labels.tolist()}")
    if np.array_equal(labels, exact):
        return Feedback(
            "correct",
            f"correct: classes {shown}, the arg max of each row; softmax would not change them, "
            "since it keeps the order of the scores",
        )
    if np.array_equal(labels, exact + 1):
        return Feedback(
            "wrong", f"you numbered the classes from 1; here (as in numpy) they are numbered from 0: {shown}"
        )
    if np.array_equal(labels, logits.argmin(axis=1)):
        return Feedback("wrong", "that is the arg min of each row: the predicted class has the largest score")
    wrong_rows = [i for i in range(logits.shape[0]) if labels[i] != exact[i]]
    return Feedback(
        "wrong",
        f"not yet: row{'s' if len(wrong_rows) > 1 else ''} {', '.join(map(str, wrong_rows))} "
        f"{'are' if len(wrong_rows) > 1 else 'is'} off; the predicted class is the column of the row's largest score",
    )


# --- exercise 3: cross-entropy of one prediction ------------------------------------------


@answer_check
def check_cross_entropy(answer) -> Feedback:
    """Exercise 3: the cross-entropy −log softmax(o)_y of o = [1, 2, 0] with true class y = 0.

    Recognises the −log of another class's probability, a flipped sign, log10 instead of the
    natural log, the probability itself, 1 − p, the sum of −log p over every class, the entropy
    of p and the squared error.
    """
    if answer is None:
        return no_answer("1.23")
    value, problem = read_array(answer, "one number such as 1.23")
    if value is None:
        return unreadable(problem)
    if value.size != 1:
        return Feedback("unreadable", f"give one number, not {value.size} of them (shape {value.shape})")
    number = float(value.reshape(()))
    o = np.array(CROSS_ENTROPY_EXERCISE["logits"])
    y = CROSS_ENTROPY_EXERCISE["label"]
    p = _stable_softmax(o)
    exact = -math.log(p[y])

    def near(target: float, tol: float = 5e-5) -> bool:
        return math.isclose(number, target, rel_tol=0.0, abs_tol=tol)

    if near(exact):
        return Feedback(
            "correct",
            f"correct: −log softmax(o)₀ = −log {p[y]:.4f} = {exact:.4f}. It would be 0 for a certain right "
            f"prediction (p₀ = 1) and grows without bound as p₀ → 0",
        )
    others = [k for k in range(o.size) if k != y]
    for k in others:
        if near(-math.log(p[k])):
            return Feedback(
                "wrong",
                f"that is −log p_{k} = −log {p[k]:.4f}, the probability of class {k}; the cross-entropy takes the "
                f"probability of the true class y = {y}",
            )
    one_hot = np.eye(o.size)[y]
    candidates = [
        (math.log(p[y]), "the sign is flipped: the cross-entropy is −log p_y, a positive number (log p_y < 0)"),
        (-math.log10(p[y]), "you used log10: the cross-entropy uses the natural logarithm (np.log)"),
        (p[y], f"{p[y]:.4f} is the probability p_y itself; the loss is −log p_y"),
        (1 - p[y], "1 − p_y is not the cross-entropy; take −log p_y"),
        (float(-np.log(p).sum()), "you summed −log p_k over every class: the one-hot label Y keeps only the true "
                                  "class, −Σ_k Y_k log p_k = −log p_y"),
        (float(-(p * np.log(p)).sum()), "that is the entropy −Σ p_k log p_k of the prediction: weight by the "
                                        "one-hot label Y_k instead of p_k"),
        (float(((p - one_hot) ** 2).sum()), "that is the squared error Σ (p_k − Y_k)²: the cross-entropy is −log p_y"),
        (float(-o[y]), "that is −o_y, the raw score: take the log of the softmax probability, −log softmax(o)_y"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, 5e-3):
        return Feedback("wrong", f"close ({number:g}), but keep 4 decimals: compute it with numpy")
    return Feedback(
        "wrong",
        f"{number:g} is not it: compute p = softmax(o), then −log p_y with y = {y} (the first class)",
    )


# --- exercise 4: the gradient of the mean cross-entropy ---------------------------------------


def _matrix_text(m: np.ndarray) -> str:
    return "[" + ", ".join(_vector_text(row) for row in m) + "]"


@answer_check
def check_softmax_gradient(answer) -> Feedback:
    """Exercise 4: ∂L/∂O = (P − Y)/n for the scores and labels of :data:`GRADIENT_EXERCISE`, a 2 × 3 matrix.

    Recognises the missing 1/n (P − Y, the gradient of the summed loss), P without −Y, the flipped
    sign (Y − P)/n, P alone, the Jacobian's diagonal P(1 − P)/n, the gradient ∂L/∂P for the
    probabilities, softmax taken down the columns, division by the number of classes or by n·p,
    1 subtracted everywhere instead of the one-hot labels, the predicted classes in place of the true
    ones, the transposed matrix, the column sums (∂L/∂b) and one row right and one off.
    """
    if answer is None:
        return no_answer("[[-0.3, 0.2, 0.1], [0.0, 0.1, -0.1]]")
    value, problem = read_array(answer, "a 2 × 3 matrix such as [[-0.3, 0.2, 0.1], [0.0, 0.1, -0.1]]")
    if value is None:
        return unreadable(problem)
    scores = np.array(GRADIENT_EXERCISE["logits"])
    labels = np.array(GRADIENT_EXERCISE["labels"])
    n, p = scores.shape
    probabilities = np.array([_stable_softmax(row) for row in scores])
    one_hot = np.eye(p)[labels]
    exact = (probabilities - one_hot) / n
    matrix: np.ndarray = value

    def near(target: np.ndarray, atol: float = 5e-5) -> bool:
        return matrix.shape == target.shape and bool(np.allclose(matrix, target, rtol=0.0, atol=atol))

    if near(exact):
        return Feedback(
            "correct",
            f"correct: ∂L/∂O = (P − Y)/n = {_matrix_text(exact)}. Each row sums to 0, and the mistaken first "
            f"example pulls much harder than the second, which is already right",
        )
    if near(exact.T):
        return Feedback(
            "wrong", "the right numbers, transposed: ∂L/∂O has the shape of the scores, one row per example"
        )
    if near(exact.sum(axis=0)):
        return Feedback(
            "wrong",
            "those are the column sums of ∂L/∂O, the gradient for the bias b: give the whole 2 × 3 matrix ∂L/∂O",
        )
    if matrix.shape != (n, p):
        return Feedback("unreadable", f"give a 2 × 3 matrix, one row per example; got shape {matrix.shape}")
    columns = np.exp(scores) / np.exp(scores).sum(axis=0)
    predicted = np.eye(p)[scores.argmax(axis=1)]
    candidates = [
        (probabilities - one_hot, "P − Y without the 1/n: that is the gradient of the summed loss; L is the "
                                  "mean over the n = 2 examples, so divide by 2"),
        (probabilities / n, "P/n without −Y: subtract the one-hot labels, (P − Y)/n"),
        (probabilities, "that is P itself: the gradient is (P − Y)/n, the probabilities minus the one-hot labels, "
                        "over n"),
        (-exact, "the sign is flipped: (Y − P)/n is −∂L/∂O, the direction a descent step moves in; the gradient "
                 "is (P − Y)/n"),
        (-n * exact, "Y − P: the sign is flipped and the 1/n is missing; the gradient is (P − Y)/n"),
        (probabilities * (1 - probabilities) / n, "P(1 − P)/n is the softmax Jacobian's diagonal ∂P_i/∂o_i over n; "
                                                  "the chain rule through −log P_y gives (P − Y)/n"),
        (-one_hot / (n * np.where(one_hot > 0, probabilities, 1.0)), "that is ∂L/∂P, the gradient for the "
                                                                     "probabilities; go on through the softmax "
                                                                     "Jacobian to the scores: (P − Y)/n"),
        ((columns - one_hot) / n, "softmax down the columns: take it along each row (axis=-1), one example's scores"),
        ((probabilities - one_hot) / p, "you divided by p = 3, the number of classes: L averages over the n = 2 "
                                        "examples"),
        ((probabilities - one_hot) / (n * p), "you divided by n·p = 6, the number of entries: L averages over the "
                                              "n = 2 examples only"),
        ((probabilities - 1) / n, "you subtracted 1 from every probability: subtract the one-hot labels Y, 1 only "
                                  "in the true class's column"),
        ((probabilities - predicted) / n, "you used the predicted classes [1, 2]; Y holds the true classes "
                                          "y = [0, 2]"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, 5e-3):
        return Feedback("wrong", "close, but keep 4 decimals: compute it with numpy")
    rows_right = [bool(np.allclose(matrix[i], exact[i], rtol=0.0, atol=5e-5)) for i in range(n)]
    if any(rows_right):
        off = rows_right.index(False)
        return Feedback(
            "wrong",
            f"row {1 - off} is right, row {off} is off: it is (softmax of its own scores − its one-hot label) / n, "
            f"with true class {labels[off]}",
        )
    shown = "[" + ", ".join("[" + ", ".join(f"{x:.4g}" for x in row) + "]" for row in matrix) + "]"
    return Feedback(
        "wrong",
        f"{shown} is not it: compute P = softmax(scores) row by row, subtract the one-hot labels Y of y = [0, 2] "
        f"and divide by n = 2",
    )

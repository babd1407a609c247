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

from ..i18n import Messages
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
    value, problem = read_array(answer, tr("3 probabilities such as [0.2, 0.5, 0.3]"), finite=False)
    if value is None:
        return unreadable(problem)
    o = np.array(SOFTMAX_EXERCISE)
    p = value.ravel()
    if p.size != o.size:
        return Feedback(
            "unreadable",
            tr(
                "give {size} numbers, one per score; got {got} (shape {shape})",
                size=o.size,
                got=p.size,
                shape=value.shape,
            ),
        )
    exact = _stable_softmax(o)
    shown = _vector_text(exact)
    if not np.all(np.isfinite(p)):
        return Feedback(
            "wrong",
            tr(
                "your answer contains nan or inf: exp(800) is larger than the largest float (about 1.8e308, "
                "reached at exp(709.8)), so it overflows to inf and inf/inf is nan. Subtract the max first: "
                "softmax(o) = softmax(o − max o)"
            ),
        )

    def near(target, atol=5e-5) -> bool:
        return bool(np.allclose(p, target, rtol=0.0, atol=atol))

    if near(exact):
        return Feedback(
            "correct",
            tr(
                "correct: softmax([800, 801.5, 799]) = {shown}, the same as softmax([-1.5, 0, -2.5]): "
                "subtracting the max changes nothing but keeps exp from overflowing",
                shown=shown,
            ),
        )
    unnormalised = np.exp(o - o.max())
    candidates = [
        (unnormalised, tr("you computed exp(o − max o) but did not divide by its sum: the probabilities must sum "
                          "to 1")),
        (np.zeros(3), tr("all zeros: exp(o − max o) divided by the sum of exp(o), which overflowed to inf; "
                         "divide by the sum of the same shifted exponentials")),
        (o / o.sum(), tr("you divided the scores themselves by their sum: softmax exponentiates first, "
                         "exp(o_i) / Σ exp(o_k)")),
        (np.eye(3)[int(np.argmax(o))], tr("that is the one-hot vector of the arg max, the predicted class: "
                                           "softmax gives the probabilities behind it")),
        (_stable_softmax(-o), tr("that is softmax(−o): the largest score must get the largest probability")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(np.sort(exact), 5e-5) or near(np.sort(exact)[::-1], 5e-5):
        return Feedback(
            "wrong",
            tr("the right numbers in the wrong order: the i-th probability belongs to the i-th score"),
        )
    if near(exact, 5e-3):
        return Feedback("wrong", tr("close ({values}), but keep 4 decimals: compute it with numpy", values=p.tolist()))
    if math.isclose(float(p.sum()), 1.0, abs_tol=1e-3) and np.all(p >= 0):
        return Feedback(
            "wrong",
            tr("your numbers sum to 1 but are not the softmax: compute exp(o − max o) and divide it by its sum"),
        )
    return Feedback(
        "wrong",
        tr(
            "{values} is not the softmax: it must be positive, sum to 1, and be exp(o − max o) / Σ exp(o − max o)",
            values=np.round(p, 4).tolist(),
        ),
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
    value, problem = read_array(answer, tr("4 class labels such as [0, 1, 2, 0]"))
    if value is None:
        return unreadable(problem)
    logits = np.array(PREDICT_EXERCISE)
    exact = logits.argmax(axis=1)
    shown = exact.tolist()
    if value.shape == logits.shape:
        one_hot = np.eye(logits.shape[1])[exact]
        if np.array_equal(value, one_hot):
            return Feedback(
                "correct", tr("correct: the one-hot rows of the arg max, i.e. classes {shown}", shown=shown)
            )
        if np.array_equal(value, np.eye(logits.shape[1])[logits.argmin(axis=1)]):
            return Feedback(
                "wrong", tr("that is the one-hot vector of the smallest score: the prediction is the largest")
            )
        return Feedback(
            "wrong", tr("as a one-hot matrix, each row needs a single 1 in the column of its largest score")
        )
    labels = value.ravel()
    if labels.size == 1 and float(labels[0]) == float(logits.argmax()):
        return Feedback(
            "wrong",
            tr(
                "{index} is np.argmax of the whole flattened matrix: take the arg max of each row, axis=1",
                index=int(logits.argmax()),
            ),
        )
    if labels.size == logits.shape[1] and np.array_equal(labels, logits.argmax(axis=0)):
        return Feedback(
            "wrong",
            tr("that is the arg max down each column (axis=0): one row per example, so take it along axis=1"),
        )
    if labels.size != logits.shape[0]:
        return Feedback(
            "unreadable",
            tr("give {count} labels, one per row (example); got {got}", count=logits.shape[0], got=labels.size),
        )
    if not np.all(labels == np.round(labels)):
        return Feedback(
            "unreadable", tr("class labels are whole numbers 0, 1, 2; got {labels}", labels=labels.tolist())
        )
    if np.array_equal(labels, exact):
        return Feedback(
            "correct",
            tr(
                "correct: classes {shown}, the arg max of each row; softmax would not change them, "
                "since it keeps the order of the scores",
                shown=shown,
            ),
        )
    if np.array_equal(labels, exact + 1):
        return Feedback(
            "wrong",
            tr("you numbered the classes from 1; here (as in numpy) they are numbered from 0: {shown}", shown=shown),
        )
    if np.array_equal(labels, logits.argmin(axis=1)):
        return Feedback("wrong", tr("that is the arg min of each row: the predicted class has the largest score"))
    wrong_rows = [i for i in range(logits.shape[0]) if labels[i] != exact[i]]
    rows = ", ".join(map(str, wrong_rows))
    if len(wrong_rows) > 1:
        message = tr(
            "not yet: rows {rows} are off; the predicted class is the column of the row's largest score", rows=rows
        )
    else:
        message = tr(
            "not yet: row {rows} is off; the predicted class is the column of the row's largest score", rows=rows
        )
    return Feedback("wrong", message)


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
    value, problem = read_array(answer, tr("one number such as 1.23"))
    if value is None:
        return unreadable(problem)
    if value.size != 1:
        return Feedback(
            "unreadable",
            tr("give one number, not {size} of them (shape {shape})", size=value.size, shape=value.shape),
        )
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
            tr(
                "correct: −log softmax(o)₀ = −log {p:.4f} = {exact:.4f}. It would be 0 for a certain right "
                "prediction (p₀ = 1) and grows without bound as p₀ → 0",
                p=p[y],
                exact=exact,
            ),
        )
    others = [k for k in range(o.size) if k != y]
    for k in others:
        if near(-math.log(p[k])):
            return Feedback(
                "wrong",
                tr(
                    "that is −log p_{k} = −log {p:.4f}, the probability of class {k}; the cross-entropy takes the "
                    "probability of the true class y = {y}",
                    k=k,
                    p=p[k],
                    y=y,
                ),
            )
    one_hot = np.eye(o.size)[y]
    candidates = [
        (math.log(p[y]), tr("the sign is flipped: the cross-entropy is −log p_y, a positive number (log p_y < 0)")),
        (-math.log10(p[y]), tr("you used log10: the cross-entropy uses the natural logarithm (np.log)")),
        (p[y], tr("{p:.4f} is the probability p_y itself; the loss is −log p_y", p=p[y])),
        (1 - p[y], tr("1 − p_y is not the cross-entropy; take −log p_y")),
        (float(-np.log(p).sum()), tr("you summed −log p_k over every class: the one-hot label Y keeps only the "
                                     "true class, −Σ_k Y_k log p_k = −log p_y")),
        (float(-(p * np.log(p)).sum()), tr("that is the entropy −Σ p_k log p_k of the prediction: weight by the "
                                           "one-hot label Y_k instead of p_k")),
        (float(((p - one_hot) ** 2).sum()), tr("that is the squared error Σ (p_k − Y_k)²: the cross-entropy is "
                                               "−log p_y")),
        (float(-o[y]), tr("that is −o_y, the raw score: take the log of the softmax probability, "
                          "−log softmax(o)_y")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, 5e-3):
        return Feedback("wrong", tr("close ({number:g}), but keep 4 decimals: compute it with numpy", number=number))
    return Feedback(
        "wrong",
        tr(
            "{number:g} is not it: compute p = softmax(o), then −log p_y with y = {y} (the first class)",
            number=number,
            y=y,
        ),
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
    value, problem = read_array(answer, tr("a 2 × 3 matrix such as [[-0.3, 0.2, 0.1], [0.0, 0.1, -0.1]]"))
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
            tr(
                "correct: ∂L/∂O = (P − Y)/n = {shown}. Each row sums to 0, and the mistaken first "
                "example pulls much harder than the second, which is already right",
                shown=_matrix_text(exact),
            ),
        )
    if near(exact.T):
        return Feedback(
            "wrong", tr("the right numbers, transposed: ∂L/∂O has the shape of the scores, one row per example")
        )
    if near(exact.sum(axis=0)):
        return Feedback(
            "wrong",
            tr("those are the column sums of ∂L/∂O, the gradient for the bias b: give the whole 2 × 3 matrix ∂L/∂O"),
        )
    if matrix.shape != (n, p):
        return Feedback(
            "unreadable", tr("give a 2 × 3 matrix, one row per example; got shape {shape}", shape=matrix.shape)
        )
    columns = np.exp(scores) / np.exp(scores).sum(axis=0)
    predicted = np.eye(p)[scores.argmax(axis=1)]
    candidates = [
        (probabilities - one_hot, tr("P − Y without the 1/n: that is the gradient of the summed loss; L is the "
                                     "mean over the n = 2 examples, so divide by 2")),
        (probabilities / n, tr("P/n without −Y: subtract the one-hot labels, (P − Y)/n")),
        (probabilities, tr("that is P itself: the gradient is (P − Y)/n, the probabilities minus the one-hot "
                           "labels, over n")),
        (-exact, tr("the sign is flipped: (Y − P)/n is −∂L/∂O, the direction a descent step moves in; the gradient "
                    "is (P − Y)/n")),
        (-n * exact, tr("Y − P: the sign is flipped and the 1/n is missing; the gradient is (P − Y)/n")),
        (probabilities * (1 - probabilities) / n, tr("P(1 − P)/n is the softmax Jacobian's diagonal ∂P_i/∂o_i over "
                                                     "n; the chain rule through −log P_y gives (P − Y)/n")),
        (-one_hot / (n * np.where(one_hot > 0, probabilities, 1.0)), tr("that is ∂L/∂P, the gradient for the "
                                                                        "probabilities; go on through the softmax "
                                                                        "Jacobian to the scores: (P − Y)/n")),
        ((columns - one_hot) / n, tr("softmax down the columns: take it along each row (axis=-1), one example's "
                                     "scores")),
        ((probabilities - one_hot) / p, tr("you divided by p = 3, the number of classes: L averages over the n = 2 "
                                           "examples")),
        ((probabilities - one_hot) / (n * p), tr("you divided by n·p = 6, the number of entries: L averages over "
                                                 "the n = 2 examples only")),
        ((probabilities - 1) / n, tr("you subtracted 1 from every probability: subtract the one-hot labels Y, 1 "
                                     "only in the true class's column")),
        ((probabilities - predicted) / n, tr("you used the predicted classes [1, 2]; Y holds the true classes "
                                             "y = [0, 2]")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(exact, 5e-3):
        return Feedback("wrong", tr("close, but keep 4 decimals: compute it with numpy"))
    rows_right = [bool(np.allclose(matrix[i], exact[i], rtol=0.0, atol=5e-5)) for i in range(n)]
    if any(rows_right):
        off = rows_right.index(False)
        return Feedback(
            "wrong",
            tr(
                "row {right} is right, row {off} is off: it is (softmax of its own scores − its one-hot label) / n, "
                "with true class {label}",
                right=1 - off,
                off=off,
                label=labels[off],
            ),
        )
    shown = "[" + ", ".join("[" + ", ".join(f"{x:.4g}" for x in row) + "]" for row in matrix) + "]"
    return Feedback(
        "wrong",
        tr(
            "{shown} is not it: compute P = softmax(scores) row by row, subtract the one-hot labels Y of y = [0, 2] "
            "and divide by n = 2",
            shown=shown,
        ),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: softmax of large scores
        "3 probabilities such as [0.2, 0.5, 0.3]": "[0.2, 0.5, 0.3] 같은 확률 3개",
        "give {size} numbers, one per score; got {got} (shape {shape})": (
            "점수마다 하나씩, 수 {size}개를 주세요. 받은 수는 {got}개입니다 (shape {shape})"
        ),
        "your answer contains nan or inf: exp(800) is larger than the largest float (about 1.8e308, "
        "reached at exp(709.8)), so it overflows to inf and inf/inf is nan. Subtract the max first: "
        "softmax(o) = softmax(o − max o)": (
            "답에 nan 또는 inf가 있습니다: exp(800)은 가장 큰 float(약 1.8e308, exp(709.8)에서 도달)보다 커서 "
            "inf로 오버플로하고, inf/inf는 nan입니다. 최댓값을 먼저 빼세요: softmax(o) = softmax(o − max o)"
        ),
        "correct: softmax([800, 801.5, 799]) = {shown}, the same as softmax([-1.5, 0, -2.5]): "
        "subtracting the max changes nothing but keeps exp from overflowing": (
            "정답입니다: softmax([800, 801.5, 799]) = {shown}이고, softmax([-1.5, 0, -2.5])와 같습니다: "
            "최댓값을 빼도 결과는 그대로이며, exp의 오버플로만 막아 줍니다"
        ),
        "you computed exp(o − max o) but did not divide by its sum: the probabilities must sum to 1": (
            "exp(o − max o)를 계산했지만 그 합으로 나누지 않았습니다: 확률의 합은 1이어야 합니다"
        ),
        "all zeros: exp(o − max o) divided by the sum of exp(o), which overflowed to inf; "
        "divide by the sum of the same shifted exponentials": (
            "값이 모두 영입니다: exp(o − max o)를, inf로 오버플로한 exp(o)의 합으로 나눴습니다. 똑같이 최댓값을 뺀 "
            "지수들의 합으로 나누세요"
        ),
        "you divided the scores themselves by their sum: softmax exponentiates first, exp(o_i) / Σ exp(o_k)": (
            "점수 자체를 그 합으로 나눴습니다. 소프트맥스는 먼저 지수를 취합니다: exp(o_i) / Σ exp(o_k)"
        ),
        "that is the one-hot vector of the arg max, the predicted class: softmax gives the probabilities behind it": (
            "arg max, 곧 예측한 클래스의 원-핫 벡터입니다: 소프트맥스는 그 예측의 바탕이 되는 확률을 줍니다"
        ),
        "that is softmax(−o): the largest score must get the largest probability": (
            "softmax(−o)입니다: 가장 큰 점수가 가장 큰 확률을 받아야 합니다"
        ),
        "the right numbers in the wrong order: the i-th probability belongs to the i-th score": (
            "수는 맞지만 순서가 틀렸습니다: i번째 확률은 i번째 점수의 확률입니다"
        ),
        "close ({values}), but keep 4 decimals: compute it with numpy": (
            "가깝지만({values}) 소수점 아래 4자리까지 남기세요: numpy로 계산하세요"
        ),
        "your numbers sum to 1 but are not the softmax: compute exp(o − max o) and divide it by its sum": (
            "답의 수들은 합이 1이지만 소프트맥스가 아닙니다: exp(o − max o)를 계산하고 그 합으로 나누세요"
        ),
        "{values} is not the softmax: it must be positive, sum to 1, and be exp(o − max o) / Σ exp(o − max o)": (
            "{values}은(는) 소프트맥스가 아닙니다: 소프트맥스는 양수이고, 합이 1이며, "
            "exp(o − max o) / Σ exp(o − max o)입니다"
        ),
        # exercise 2: the predicted classes
        "4 class labels such as [0, 1, 2, 0]": "[0, 1, 2, 0] 같은 클래스 레이블 4개",
        "correct: the one-hot rows of the arg max, i.e. classes {shown}": (
            "정답입니다: arg max의 원-핫 행들, 곧 클래스 {shown}입니다"
        ),
        "that is the one-hot vector of the smallest score: the prediction is the largest": (
            "가장 작은 점수의 원-핫 벡터입니다: 예측은 가장 큰 점수입니다"
        ),
        "as a one-hot matrix, each row needs a single 1 in the column of its largest score": (
            "원-핫 행렬이라면, 각 행에는 가장 큰 점수가 있는 열에만 1이 하나 있어야 합니다"
        ),
        "{index} is np.argmax of the whole flattened matrix: take the arg max of each row, axis=1": (
            "{index}은(는) 평탄화한 행렬 전체의 np.argmax입니다: axis=1로 행마다 arg max를 구하세요"
        ),
        "that is the arg max down each column (axis=0): one row per example, so take it along axis=1": (
            "열마다 위에서 아래로 구한 arg max(axis=0)입니다: 예제마다 행이 하나이므로 axis=1을 따라 구하세요"
        ),
        "give {count} labels, one per row (example); got {got}": (
            "행(예제)마다 하나씩, 레이블 {count}개를 주세요. 받은 레이블은 {got}개입니다"
        ),
        "class labels are whole numbers 0, 1, 2; got {labels}": (
            "클래스 레이블은 정수 0, 1, 2입니다. 받은 답: {labels}"
        ),
        "correct: classes {shown}, the arg max of each row; softmax would not change them, "
        "since it keeps the order of the scores": (
            "정답입니다: 클래스는 각 행의 arg max인 {shown}입니다. 소프트맥스는 점수의 순서를 지키므로 "
            "이 클래스들을 바꾸지 않습니다"
        ),
        "you numbered the classes from 1; here (as in numpy) they are numbered from 0: {shown}": (
            "클래스에 1부터 번호를 매겼습니다. 여기서는 (numpy처럼) 0부터 매깁니다: {shown}"
        ),
        "that is the arg min of each row: the predicted class has the largest score": (
            "각 행의 arg min입니다: 예측한 클래스는 점수가 가장 큰 클래스입니다"
        ),
        "not yet: rows {rows} are off; the predicted class is the column of the row's largest score": (
            "아직 아닙니다: {rows}번 행이 틀렸습니다. 예측한 클래스는 그 행에서 점수가 가장 큰 열입니다"
        ),
        "not yet: row {rows} is off; the predicted class is the column of the row's largest score": (
            "아직 아닙니다: {rows}번 행이 틀렸습니다. 예측한 클래스는 그 행에서 점수가 가장 큰 열입니다"
        ),
        # exercise 3: cross-entropy of one prediction
        "one number such as 1.23": "1.23 같은 수 하나",
        "give one number, not {size} of them (shape {shape})": "수 {size}개가 아니라 하나를 주세요 (shape {shape})",
        "correct: −log softmax(o)₀ = −log {p:.4f} = {exact:.4f}. It would be 0 for a certain right "
        "prediction (p₀ = 1) and grows without bound as p₀ → 0": (
            "정답입니다: −log softmax(o)₀ = −log {p:.4f} = {exact:.4f}. 확실하게 맞힌 예측(p₀ = 1)이면 0이고, "
            "p₀ → 0이면 한없이 커집니다"
        ),
        "that is −log p_{k} = −log {p:.4f}, the probability of class {k}; the cross-entropy takes the "
        "probability of the true class y = {y}": (
            "클래스 {k}의 확률로 구한 −log p_{k} = −log {p:.4f}입니다. 교차 엔트로피는 참 클래스 y = {y}의 확률을 "
            "씁니다"
        ),
        "the sign is flipped: the cross-entropy is −log p_y, a positive number (log p_y < 0)": (
            "부호가 뒤집혔습니다: 교차 엔트로피는 양수인 −log p_y입니다 (log p_y < 0)"
        ),
        "you used log10: the cross-entropy uses the natural logarithm (np.log)": (
            "log10을 썼습니다: 교차 엔트로피는 자연로그(np.log)를 씁니다"
        ),
        "{p:.4f} is the probability p_y itself; the loss is −log p_y": (
            "{p:.4f}은(는) 확률 p_y 자체입니다. 손실은 −log p_y입니다"
        ),
        "1 − p_y is not the cross-entropy; take −log p_y": "1 − p_y는 교차 엔트로피가 아닙니다. −log p_y를 구하세요",
        "you summed −log p_k over every class: the one-hot label Y keeps only the "
        "true class, −Σ_k Y_k log p_k = −log p_y": (
            "모든 클래스에 걸쳐 −log p_k를 더했습니다: 원-핫 레이블 Y는 참 클래스만 남기므로 "
            "−Σ_k Y_k log p_k = −log p_y입니다"
        ),
        "that is the entropy −Σ p_k log p_k of the prediction: weight by the one-hot label Y_k instead of p_k": (
            "예측의 엔트로피 −Σ p_k log p_k입니다: p_k 대신 원-핫 레이블 Y_k로 가중하세요"
        ),
        "that is the squared error Σ (p_k − Y_k)²: the cross-entropy is −log p_y": (
            "제곱오차 Σ (p_k − Y_k)²입니다: 교차 엔트로피는 −log p_y입니다"
        ),
        "that is −o_y, the raw score: take the log of the softmax probability, −log softmax(o)_y": (
            "가공하지 않은 점수 −o_y입니다: 소프트맥스 확률에 로그를 취한 −log softmax(o)_y를 구하세요"
        ),
        "close ({number:g}), but keep 4 decimals: compute it with numpy": (
            "가깝지만({number:g}) 소수점 아래 4자리까지 남기세요: numpy로 계산하세요"
        ),
        "{number:g} is not it: compute p = softmax(o), then −log p_y with y = {y} (the first class)": (
            "{number:g}은(는) 답이 아닙니다: p = softmax(o)를 계산한 다음, y = {y}(첫 번째 클래스)로 −log p_y를 구하세요"
        ),
        # exercise 4: the gradient of the mean cross-entropy
        "a 2 × 3 matrix such as [[-0.3, 0.2, 0.1], [0.0, 0.1, -0.1]]": (
            "[[-0.3, 0.2, 0.1], [0.0, 0.1, -0.1]] 같은 2 × 3 행렬"
        ),
        "correct: ∂L/∂O = (P − Y)/n = {shown}. Each row sums to 0, and the mistaken first "
        "example pulls much harder than the second, which is already right": (
            "정답입니다: ∂L/∂O = (P − Y)/n = {shown}. 각 행의 합은 0이고, 틀린 첫 번째 예제가 이미 맞은 두 번째 "
            "예제보다 훨씬 세게 당깁니다"
        ),
        "the right numbers, transposed: ∂L/∂O has the shape of the scores, one row per example": (
            "수는 맞지만 전치되었습니다: ∂L/∂O는 점수와 모양이 같아서, 예제마다 행이 하나입니다"
        ),
        "those are the column sums of ∂L/∂O, the gradient for the bias b: give the whole 2 × 3 matrix ∂L/∂O": (
            "∂L/∂O의 열 합, 곧 편향 b에 대한 그레디언트입니다: 2 × 3 행렬 ∂L/∂O 전체를 주세요"
        ),
        "give a 2 × 3 matrix, one row per example; got shape {shape}": (
            "예제마다 행이 하나인 2 × 3 행렬을 주세요. 받은 답의 shape: {shape}"
        ),
        "P − Y without the 1/n: that is the gradient of the summed loss; L is the "
        "mean over the n = 2 examples, so divide by 2": (
            "1/n이 빠진 P − Y입니다: 합한 손실의 그레디언트입니다. L은 n = 2개 예제의 평균이므로 2로 나누세요"
        ),
        "P/n without −Y: subtract the one-hot labels, (P − Y)/n": (
            "−Y가 빠진 P/n입니다: 원-핫 레이블을 빼서 (P − Y)/n으로 만드세요"
        ),
        "that is P itself: the gradient is (P − Y)/n, the probabilities minus the one-hot labels, over n": (
            "P 자체입니다: 그레디언트는 확률에서 원-핫 레이블을 빼고 n으로 나눈 (P − Y)/n입니다"
        ),
        "the sign is flipped: (Y − P)/n is −∂L/∂O, the direction a descent step moves in; the gradient is (P − Y)/n": (
            "부호가 뒤집혔습니다: (Y − P)/n은 경사하강법의 스텝이 움직이는 방향인 −∂L/∂O입니다. "
            "그레디언트는 (P − Y)/n입니다"
        ),
        "Y − P: the sign is flipped and the 1/n is missing; the gradient is (P − Y)/n": (
            "Y − P입니다: 부호가 뒤집혔고 1/n이 빠졌습니다. 그레디언트는 (P − Y)/n입니다"
        ),
        "P(1 − P)/n is the softmax Jacobian's diagonal ∂P_i/∂o_i over "
        "n; the chain rule through −log P_y gives (P − Y)/n": (
            "P(1 − P)/n은 소프트맥스의 야코비 행렬의 대각성분 ∂P_i/∂o_i를 n으로 나눈 것입니다. −log P_y를 거치는 "
            "연쇄법칙으로는 (P − Y)/n을 얻습니다"
        ),
        "that is ∂L/∂P, the gradient for the probabilities; go on through the softmax "
        "Jacobian to the scores: (P − Y)/n": (
            "확률에 대한 그레디언트 ∂L/∂P입니다. 소프트맥스의 야코비 행렬을 거쳐 점수까지 계속 가세요: (P − Y)/n"
        ),
        "softmax down the columns: take it along each row (axis=-1), one example's scores": (
            "소프트맥스를 열 방향으로 구했습니다: 예제 하나의 점수인 각 행을 따라(axis=-1) 구하세요"
        ),
        "you divided by p = 3, the number of classes: L averages over the n = 2 examples": (
            "클래스의 수 p = 3으로 나눴습니다: L은 n = 2개 예제에 대한 평균입니다"
        ),
        "you divided by n·p = 6, the number of entries: L averages over the n = 2 examples only": (
            "성분의 수 n·p = 6으로 나눴습니다: L은 n = 2개 예제에 대해서만 평균을 냅니다"
        ),
        "you subtracted 1 from every probability: subtract the one-hot labels Y, 1 only in the true class's column": (
            "모든 확률에서 1을 뺐습니다: 참 클래스의 열에만 1이 있는 원-핫 레이블 Y를 빼세요"
        ),
        "you used the predicted classes [1, 2]; Y holds the true classes y = [0, 2]": (
            "예측한 클래스 [1, 2]를 썼습니다. Y에는 참 클래스 y = [0, 2]가 들어갑니다"
        ),
        "close, but keep 4 decimals: compute it with numpy": (
            "가깝지만 소수점 아래 4자리까지 남기세요: numpy로 계산하세요"
        ),
        "row {right} is right, row {off} is off: it is (softmax of its own scores − its one-hot label) / n, "
        "with true class {label}": (
            "{right}번 행은 맞고, {off}번 행이 틀렸습니다: 그 행은 (자기 점수의 소프트맥스 − 자기 원-핫 레이블) / n이고, "
            "참 클래스는 {label}입니다"
        ),
        "{shown} is not it: compute P = softmax(scores) row by row, subtract the one-hot labels Y of y = [0, 2] "
        "and divide by n = 2": (
            "{shown}은(는) 답이 아닙니다: P = softmax(scores)를 행마다 계산하고, y = [0, 2]의 원-핫 레이블 Y를 뺀 "
            "다음 n = 2로 나누세요"
        ),
    }
)

"""Self-checks for notebook 06 (stochastic gradient descent — 확률적 경사하강법).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read
(a string where numbers were asked, a ragged list, ``nan``) gets a message saying so.

Exercises
---------
1. :func:`check_minibatch_gradient`: the gradient of the mean squared error on one minibatch,
   −(2/b) X_bᵀ(y_b − X_bβ), for the small batch of :data:`GRADIENT_EXERCISE`.
2. :func:`check_updates_per_epoch`: how many updates one epoch makes for n = 1050, b = 100.
3. :func:`check_diverging_batches`: which batch sizes diverge at λ = 0.8 on the 1000-point
   problem of :func:`divergence_problem` (the correctly scaled update, 5 epochs, seed 0).
4. :func:`check_schedule_steps`: after how many updates k the decaying learning rate
   λ_k = λ₀/(1 + k/k₀) of :data:`SCHEDULE_EXERCISE` has fallen to a tenth of λ₀ (the noise floor,
   proportional to λ, ten times lower): 1 + k/k₀ = 10, k = 9k₀.
"""

from __future__ import annotations

import math
from typing import TypedDict

import numpy as np

from ..datasets import make_linear
from ..i18n import Messages
from ..regression import add_intercept
from . import Feedback, answer_check, describe, no_answer, read_array, read_number, unreadable

__all__ = [
    "DIVERGENCE_EXERCISE",
    "DIVERGING_BATCHES",
    "EPOCH_EXERCISE",
    "GRADIENT_EXERCISE",
    "SCHEDULE_EXERCISE",
    "Feedback",
    "check_diverging_batches",
    "check_minibatch_gradient",
    "check_schedule_steps",
    "check_updates_per_epoch",
    "divergence_problem",
    "minibatch_gradient_answer",
]


class _GradientExercise(TypedDict):
    X_b: tuple[tuple[float, float], ...]
    y_b: tuple[float, ...]
    beta: tuple[float, float]
    n: int


class _ScheduleExercise(TypedDict):
    lr0: float
    k0: int
    factor: int
    batch_size: int
    n: int


class _DivergenceExercise(TypedDict):
    lr: float
    epochs: int
    seed: int
    batch_sizes: tuple[int, ...]


#: Exercise 1: one minibatch of b = 3 rows (intercept column last) out of n = 1000, and β.
GRADIENT_EXERCISE: _GradientExercise = {
    "X_b": ((0.5, 1.0), (2.0, 1.0), (-1.0, 1.0)),
    "y_b": (3.5, 3.0, 2.0),
    "beta": (1.0, 2.0),
    "n": 1000,
}
#: Exercise 2: n examples, minibatches of b.
EPOCH_EXERCISE = {"n": 1050, "b": 100}
#: Exercise 3: the runs to make (see :func:`divergence_problem` for the data).
DIVERGENCE_EXERCISE: _DivergenceExercise = {
    "lr": 0.8,
    "epochs": 5,
    "seed": 0,
    "batch_sizes": (1, 2, 5, 10, 50, 1000),
}
#: Exercise 3's answer: the batch sizes whose run diverges (the tests recompute it with the helpers).
DIVERGING_BATCHES = (1, 2)
#: Exercise 4: the schedule λ_k = lr0/(1 + k/k0), the learning rate it should fall to (lr0/factor), and
#: the batch size of the notebook's runs (an answer in epochs is recognised).
SCHEDULE_EXERCISE: _ScheduleExercise = {"lr0": 0.1, "k0": 1000, "factor": 10, "batch_size": 10, "n": 100_000}


# --- exercise 1: one minibatch gradient ---------------------------------------------------


def minibatch_gradient_answer() -> np.ndarray:
    """The answer of exercise 1: −(2/b) X_bᵀ(y_b − X_bβ)."""
    X_b = np.array(GRADIENT_EXERCISE["X_b"])
    y_b = np.array(GRADIENT_EXERCISE["y_b"])
    beta = np.array(GRADIENT_EXERCISE["beta"])
    return -(2.0 / len(y_b)) * X_b.T @ (y_b - X_b @ beta)


@answer_check
def check_minibatch_gradient(answer) -> Feedback:
    """Exercise 1: the minibatch gradient −(2/b) X_bᵀ(y_b − X_bβ) of the mean squared error.

    ``answer`` is a vector of 2 numbers (one per coefficient). Recognises a division by n instead
    of b, no division at all (the summed gradient), a flipped sign, a missing factor 2, the batch
    residual instead of the gradient and a product with X_b instead of X_bᵀ.
    """
    if answer is None:
        return no_answer("[0.1, -0.2]")
    value, problem = read_array(answer, tr("2 numbers such as [0.1, -0.2]"))
    if value is None:
        return unreadable(problem)
    X_b = np.array(GRADIENT_EXERCISE["X_b"])
    y_b = np.array(GRADIENT_EXERCISE["y_b"])
    beta = np.array(GRADIENT_EXERCISE["beta"])
    b, n = len(y_b), GRADIENT_EXERCISE["n"]
    residual = y_b - X_b @ beta
    exact = minibatch_gradient_answer()
    vector = value.ravel()
    if vector.size == b and value.ndim <= 2:
        if np.allclose(vector, residual) or np.allclose(vector, -residual):
            return Feedback(
                "wrong",
                tr(
                    "that is the residual y_b − X_bβ (one number per row); the gradient has one number per "
                    "coefficient: multiply by X_bᵀ and scale by −2/b"
                ),
            )
        return Feedback(
            "wrong",
            tr(
                "your answer has {b} numbers, one per row of the batch; the gradient has one per coefficient "
                "(2): use X_bᵀ (shape 2×{b}), not X_b, in −(2/b) X_bᵀ(y_b − X_bβ)",
                b=b,
            ),
        )
    if vector.size != exact.size:
        return Feedback(
            "unreadable",
            tr(
                "give {size} numbers, one per coefficient β₀, β₁; got {got} (shape {shape})",
                size=exact.size,
                got=vector.size,
                shape=value.shape,
            ),
        )

    def near(target: np.ndarray) -> bool:
        return bool(np.allclose(vector, target, rtol=1e-6, atol=1e-9))

    shown = "[" + ", ".join(f"{v:.4f}" for v in exact) + "]"
    if near(exact):
        return Feedback(
            "correct",
            tr(
                "correct: −(2/b) X_bᵀ(y_b − X_bβ) = {shown} with b = {b}; the step β − λ·g then moves β against it",
                shown=shown,
                b=b,
            ),
        )
    candidates = [
        (exact * b / n, tr("you divided by n = {n}, the size of the whole data set: a minibatch gradient is a mean "
                           "over its own b = {b} rows, so divide by b (dividing by n makes every step n/b times too "
                           "small)", n=n, b=b)),
        (exact * b, tr("you summed over the batch without dividing by b = {b}: the summed gradient grows with b, "
                       "so the learning rate would have to change with every batch size", b=b)),
        (-exact, tr("the sign is flipped: the gradient of the squared error is −(2/b) X_bᵀ(y_b − X_bβ), "
                    "with a minus in front (or, equally, (2/b) X_bᵀ(X_bβ − y_b))")),
        (exact / 2, tr("you left out the factor 2 of the derivative of the square: d/dβ (r²) = 2r·dr/dβ")),
        (-exact / 2, tr("two slips: the factor 2 of the square is missing and the sign is flipped")),
        (-exact * b, tr("you summed without dividing by b, and the sign is flipped")),
        (-exact * b / n, tr("you divided by n instead of b, and the sign is flipped")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(np.round(exact, 1)) or np.allclose(vector, exact, rtol=1e-2):
        return Feedback(
            "wrong", tr("close ({values}), but keep all the digits: compute it with numpy", values=vector.tolist())
        )
    return Feedback(
        "wrong",
        tr(
            "{values} is not the minibatch gradient: compute r = y_b − X_bβ, "
            "then −(2/b) X_bᵀ r with b the number of rows in the batch",
            values=np.round(vector, 4).tolist(),
        ),
    )


# --- exercise 2: updates per epoch ----------------------------------------------------------


@answer_check
def check_updates_per_epoch(answer) -> Feedback:
    """Exercise 2: the number of minibatch updates in one epoch for n = 1050 examples and b = 100.

    One epoch visits every example once, in batches of b: ⌈n/b⌉ updates, the last one smaller.
    """
    if answer is None:
        return no_answer("42")
    value, problem = read_array(answer, tr("one whole number such as 42"))
    if value is None:
        return unreadable(problem)
    if value.size != 1:
        return Feedback(
            "unreadable",
            tr("give one number, not {size} of them (shape {shape})", size=value.size, shape=value.shape),
        )
    number = float(value.reshape(()))
    n, b = EPOCH_EXERCISE["n"], EPOCH_EXERCISE["b"]
    exact = -(-n // b)
    if number == exact:
        return Feedback(
            "correct",
            tr(
                "correct: ⌈{n}/{b}⌉ = {exact} updates: {full} batches of {b} and a last one of {rest}, "
                "so every example is used exactly once",
                n=n,
                b=b,
                exact=exact,
                full=n // b,
                rest=n % b,
            ),
        )
    if math.isclose(number, n / b):
        return Feedback(
            "wrong",
            tr(
                "{n}/{b} = {ratio:g} is not a whole number of updates: a part of a batch is still a batch",
                n=n,
                b=b,
                ratio=n / b,
            ),
        )
    if number == n // b:
        return Feedback(
            "wrong",
            tr(
                "{full} batches of {b} use only {used} examples: the {rest} left over make one more, smaller batch",
                full=n // b,
                b=b,
                used=n // b * b,
                rest=n % b,
            ),
        )
    if number == n:
        return Feedback("wrong", tr("{n} updates is one per example: that is b = 1, not b = {b}", n=n, b=b))
    if number == 1:
        return Feedback(
            "wrong", tr("one update per epoch is full-batch gradient descent (b = n), not minibatches of 100")
        )
    if number == b:
        return Feedback("wrong", tr("{b} is the size of a batch, not the number of batches", b=b))
    if number == n * b:
        return Feedback(
            "wrong", tr("{n}·{b} multiplies; the number of batches divides n by b (and rounds up)", n=n, b=b)
        )
    return Feedback(
        "wrong",
        tr("{number:g} is not it: count the batches of {b} needed to cover {n} examples once", number=number, b=b, n=n),
    )


# --- exercise 3: which batch sizes diverge ------------------------------------------------


def divergence_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exercise 3's problem: 1000 points y = x + 3 + noise, intercept column appended, start [−2, −1].

    Returns
    -------
    X : ndarray, shape (1000, 2)
    y : ndarray, shape (1000,)
    beta0 : ndarray, shape (2,)
    """
    X, y, _ = make_linear(1000, 1, noise=1.0, seed=0)
    return add_intercept(X), y, np.array([-2.0, -1.0])


def _read_batches(answer) -> tuple[set[int] | None, str | None]:
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
        answer = [answer]
    elif isinstance(answer, (set, frozenset)):
        try:
            answer = sorted(answer)
        except TypeError:
            return (
                None,
                tr(
                    "your answer could not be read: give a list of batch sizes such as [5, 10], got {answer}",
                    answer=describe(answer),
                ),
            )
    value, problem = read_array(answer, tr("a list of batch sizes such as [5, 10]"))
    if value is None:
        return None, problem
    flat = value.ravel()
    if not np.all(flat == np.round(flat)):
        return None, tr("batch sizes are whole numbers; got {values}", values=flat.tolist())
    return {int(v) for v in flat}, None


@answer_check
def check_diverging_batches(answer) -> Feedback:
    """Exercise 3: the batch sizes among (1, 2, 5, 10, 50, 1000) whose run diverges at λ = 0.8.

    ``answer`` is a list (or set) of batch sizes; ``[]`` says none diverges.
    """
    if answer is None:
        return no_answer("[5, 10]")
    chosen, problem = _read_batches(answer)
    if chosen is None:
        return unreadable(problem)
    offered = set(DIVERGENCE_EXERCISE["batch_sizes"])
    strange = sorted(chosen - offered)
    if strange:
        return Feedback(
            "unreadable",
            tr(
                "choose among the batch sizes {offered}; {strange} is not one of them",
                offered=sorted(offered),
                strange=strange,
            ),
        )
    right = set(DIVERGING_BATCHES)
    why = tr(
        "One example's loss (y_i − x_iᵀβ)² has curvature 2‖x_i‖², up to about 32 here against about 2 for the "
        "mean over all rows, so λ = 0.8 overshoots wildly on such an example; averaging over more rows "
        "smooths the curvature back towards 2"
    )
    if chosen == right:
        return Feedback("correct", tr("correct: b = 1 and b = 2 diverge, larger batches do not. {why}", why=why))
    if not chosen:
        return Feedback(
            "wrong",
            tr(
                "some of them do diverge: run gradient_descent(problem3, …, batch_size=b, epochs=…) for each "
                "batch size and look at .diverged"
            ),
        )
    if chosen & {50, 1000} and not chosen & right:
        return Feedback(
            "wrong",
            tr(
                "with the update divided by b, large batches are the stable ones: you may be thinking of the "
                "summed gradient, whose steps grow with b. Run the six batch sizes and look at .diverged"
            ),
        )
    missing, extra = sorted(right - chosen), sorted(chosen - right)
    parts = []
    if missing:
        if len(missing) == 1:
            parts.append(tr("{sizes} also diverges", sizes=missing))
        else:
            parts.append(tr("{sizes} also diverge", sizes=missing))
    if extra:
        if len(extra) == 1:
            parts.append(tr("{sizes} does not diverge", sizes=extra))
        else:
            parts.append(tr("{sizes} do not diverge", sizes=extra))
    joined = tr("{first} and {second}", first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]
    return Feedback("wrong", tr("not quite: {parts}. Run each batch size and look at .diverged", parts=joined))


# --- exercise 4: when is the noise floor ten times lower? ------------------------------------


@answer_check
def check_schedule_steps(answer) -> Feedback:
    """Exercise 4: the update k at which λ_k = λ₀/(1 + k/k₀) (λ₀ = 0.1, k₀ = 1000) is λ₀/10.

    ``answer`` is a number of updates. Recognises k = 10k₀ (the 1 in 1 + k/k₀ forgotten), k/k₀ = 9
    without the k₀, k₀ itself (where λ has halved), a hundredth instead of a tenth, a floor taken as
    proportional to λ² (λ cut by √10), the learning rate 0.01 itself and the right count in epochs.
    """
    if answer is None:
        return no_answer("5000")
    value, problem = read_number(answer, "5000")
    if value is None:
        return unreadable(problem)
    lr0, k0, factor = SCHEDULE_EXERCISE["lr0"], SCHEDULE_EXERCISE["k0"], SCHEDULE_EXERCISE["factor"]
    b, n = SCHEDULE_EXERCISE["batch_size"], SCHEDULE_EXERCISE["n"]
    exact = (factor - 1) * k0
    target = lr0 / factor
    if abs(value - exact) <= 0.5:
        return Feedback(
            "correct",
            tr(
                "correct: λ_k = λ₀/(1 + k/k₀) = λ₀/{factor} when 1 + k/k₀ = {factor}, that is k = {ratio}k₀ = {exact} "
                "updates; there λ = {target:g}, and the noise floor, proportional to λ, is {factor} times lower than "
                "with λ₀ (with b = {b} that is {epochs:g} of an epoch).",
                factor=factor,
                ratio=factor - 1,
                exact=exact,
                target=target,
                b=b,
                epochs=exact * b / n,
            ),
        )

    def rate(k: float) -> float:
        return lr0 / (1 + k / k0)

    candidates = [
        (factor * k0, tr("at k = {k} λ is λ₀/(1 + {factor}) = λ₀/{plus_one}: the 1 in 1 + k/k₀ counts "
                         "too, so 1 + k/k₀ = {factor} gives k/k₀ = {ratio}",
                         k=factor * k0, factor=factor, plus_one=factor + 1, ratio=factor - 1)),
        (factor - 1, tr("{ratio} is k/k₀; k counts updates, so multiply by k₀ = {k0}", ratio=factor - 1, k0=k0)),
        (k0, tr("at k = k₀ = {k0} λ has only halved (λ₀/2): the floor is 2 times lower, not {factor}",
                k0=k0, factor=factor)),
        ((factor**2 - 1) * k0, tr("that is λ₀/{squared}, a floor {squared} times lower: the floor is proportional "
                                  "to λ, so a floor {factor} times lower needs λ = λ₀/{factor}",
                                  squared=factor**2, factor=factor)),
        ((math.sqrt(factor) - 1) * k0, tr("that cuts λ by √{factor} ≈ {root:.2f}, as if the floor "
                                          "were proportional to λ²; it is proportional to λ, so λ must fall "
                                          "{factor}-fold", factor=factor, root=math.sqrt(factor))),
        (exact * b / n, tr("{epochs:g} epochs of b = {b} is right, but the question asks for updates: "
                           "{per_epoch} updates make one epoch", epochs=exact * b / n, b=b, per_epoch=n // b)),
    ]  # fmt: skip
    for estimate, message in candidates:
        if math.isclose(value, estimate, rel_tol=1e-3) or (estimate >= 100 and abs(value - estimate) <= 0.5):
            return Feedback("wrong", message)
    if math.isclose(value, target, rel_tol=1e-3):
        return Feedback(
            "wrong",
            tr(
                "{target:g} is λ_k itself, λ₀/{factor}; the question asks at which update k it gets there",
                target=target,
                factor=factor,
            ),
        )
    if value < 0:
        return Feedback("wrong", tr("updates are counted from k = 0 upwards; a negative k has no update"))
    if value == 0:
        return Feedback("wrong", tr("at k = 0 the learning rate is λ₀ = {lr0:g} itself; it falls from there", lr0=lr0))
    shown = f"{rate(value):.3g}" if value < 1e15 else tr("about {rate:.3g}", rate=lr0 * k0 / value)
    if value < exact:
        message = tr(
            "at k = {k:g}, λ_k = λ₀/(1 + k/k₀) = {shown}: not yet λ₀/{factor} = {target:g}. Solve 1 + k/k₀ = {factor}",
            k=value,
            shown=shown,
            factor=factor,
            target=target,
        )
    else:
        message = tr(
            "at k = {k:g}, λ_k = λ₀/(1 + k/k₀) = {shown}: already below λ₀/{factor} = {target:g}. "
            "Solve 1 + k/k₀ = {factor}",
            k=value,
            shown=shown,
            factor=factor,
            target=target,
        )
    return Feedback("wrong", message)


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: one minibatch gradient
        "2 numbers such as [0.1, -0.2]": "[0.1, -0.2] 같은 수 2개",
        "that is the residual y_b − X_bβ (one number per row); the gradient has one number per "
        "coefficient: multiply by X_bᵀ and scale by −2/b": (
            "그것은 잔차 y_b − X_bβ입니다(행마다 수 하나). 그레디언트는 계수마다 수가 하나입니다: "
            "X_bᵀ를 곱한 다음 −2/b를 곱하세요"
        ),
        "your answer has {b} numbers, one per row of the batch; the gradient has one per coefficient "
        "(2): use X_bᵀ (shape 2×{b}), not X_b, in −(2/b) X_bᵀ(y_b − X_bβ)": (
            "답에 수가 {b}개, 즉 배치의 행마다 하나씩 있습니다. 그레디언트는 계수마다 하나씩(2개) 있습니다: "
            "−(2/b) X_bᵀ(y_b − X_bβ)에는 X_b가 아니라 X_bᵀ(shape 2×{b})를 쓰세요"
        ),
        "give {size} numbers, one per coefficient β₀, β₁; got {got} (shape {shape})": (
            "계수 β₀, β₁마다 하나씩, 수 {size}개를 주세요. 받은 답의 수는 {got}개입니다 (shape {shape})"
        ),
        "correct: −(2/b) X_bᵀ(y_b − X_bβ) = {shown} with b = {b}; the step β − λ·g then moves β against it": (
            "정답입니다: b = {b}일 때 −(2/b) X_bᵀ(y_b − X_bβ) = {shown}이고, 스텝 β − λ·g는 β를 그 반대 방향으로 "
            "움직입니다"
        ),
        "you divided by n = {n}, the size of the whole data set: a minibatch gradient is a mean "
        "over its own b = {b} rows, so divide by b (dividing by n makes every step n/b times too "
        "small)": (
            "데이터셋 전체의 크기인 n = {n}으로 나누었습니다: 미니배치 그레디언트는 그 배치 자신의 b = {b}개 행에 "
            "대한 평균이므로 b로 나누세요(n으로 나누면 모든 스텝이 n/b배 너무 작아집니다)"
        ),
        "you summed over the batch without dividing by b = {b}: the summed gradient grows with b, "
        "so the learning rate would have to change with every batch size": (
            "배치에 걸쳐 더하기만 하고 b(= {b})로 나누지 않았습니다: 합한 그레디언트는 b와 함께 커지므로, "
            "배치 크기가 바뀔 때마다 학습률도 바꿔야 합니다"
        ),
        "the sign is flipped: the gradient of the squared error is −(2/b) X_bᵀ(y_b − X_bβ), "
        "with a minus in front (or, equally, (2/b) X_bᵀ(X_bβ − y_b))": (
            "부호가 반대입니다: 제곱오차의 그레디언트는 앞에 마이너스가 붙은 −(2/b) X_bᵀ(y_b − X_bβ)입니다"
            "(같은 것을 (2/b) X_bᵀ(X_bβ − y_b)로 써도 됩니다)"
        ),
        "you left out the factor 2 of the derivative of the square: d/dβ (r²) = 2r·dr/dβ": (
            "제곱을 미분할 때 나오는 인자 2를 빠뜨렸습니다: d/dβ (r²) = 2r·dr/dβ"
        ),
        "two slips: the factor 2 of the square is missing and the sign is flipped": (
            "실수가 두 가지입니다: 제곱에서 나오는 인자 2가 빠졌고, 부호가 반대입니다"
        ),
        "you summed without dividing by b, and the sign is flipped": "b로 나누지 않고 더하기만 했고, 부호도 반대입니다",
        "you divided by n instead of b, and the sign is flipped": "b 대신 n으로 나누었고, 부호도 반대입니다",
        "close ({values}), but keep all the digits: compute it with numpy": (
            "가깝지만({values}) 자릿수를 모두 남기세요: numpy로 계산하세요"
        ),
        "{values} is not the minibatch gradient: compute r = y_b − X_bβ, "
        "then −(2/b) X_bᵀ r with b the number of rows in the batch": (
            "{values}은(는) 미니배치 그레디언트가 아닙니다: r = y_b − X_bβ를 계산한 다음, 배치의 행 수를 b로 하여 "
            "−(2/b) X_bᵀ r을 계산하세요"
        ),
        # exercise 2: updates per epoch
        "one whole number such as 42": "42 같은 정수 하나",
        "give one number, not {size} of them (shape {shape})": "수 {size}개가 아니라 하나를 주세요 (shape {shape})",
        "correct: ⌈{n}/{b}⌉ = {exact} updates: {full} batches of {b} and a last one of {rest}, "
        "so every example is used exactly once": (
            "정답입니다: 업데이트는 ⌈{n}/{b}⌉ = {exact}번입니다. {b}개짜리 배치 {full}개와 마지막 {rest}개짜리 "
            "배치 하나이므로, 모든 예제가 정확히 한 번씩 쓰입니다"
        ),
        "{n}/{b} = {ratio:g} is not a whole number of updates: a part of a batch is still a batch": (
            "{n}/{b} = {ratio:g}은(는) 정수가 아니어서 업데이트 횟수가 될 수 없습니다: 배치의 일부도 배치 하나입니다"
        ),
        "{full} batches of {b} use only {used} examples: the {rest} left over make one more, smaller batch": (
            "{b}개짜리 배치 {full}개는 예제를 {used}개만 씁니다: 남은 {rest}개가 더 작은 배치 하나를 더 이룹니다"
        ),
        "{n} updates is one per example: that is b = 1, not b = {b}": (
            "업데이트 {n}번은 예제마다 한 번입니다: 그것은 b = {b}일 때가 아니라 b = 1일 때입니다"
        ),
        "one update per epoch is full-batch gradient descent (b = n), not minibatches of 100": (
            "에폭마다 업데이트 한 번은 전체 배치 경사하강법(b = n)이지, 크기 100인 미니배치가 아닙니다"
        ),
        "{b} is the size of a batch, not the number of batches": "{b}은(는) 배치의 개수가 아니라 배치 하나의 크기입니다",
        "{n}·{b} multiplies; the number of batches divides n by b (and rounds up)": (
            "{n}·{b}은(는) 곱한 값입니다. 배치의 개수는 n을 b로 나눈 값입니다(그리고 올림합니다)"
        ),
        "{number:g} is not it: count the batches of {b} needed to cover {n} examples once": (
            "{number:g}은(는) 답이 아닙니다: 예제 {n}개를 한 번씩 모두 쓰려면 {b}개짜리 배치가 몇 개 필요한지 세어 보세요"
        ),
        # exercise 3: which batch sizes diverge
        "your answer could not be read: give a list of batch sizes such as [5, 10], got {answer}": (
            "답을 읽을 수 없습니다: [5, 10] 같은 배치 크기의 리스트를 주세요. 받은 답: {answer}"
        ),
        "a list of batch sizes such as [5, 10]": "[5, 10] 같은 배치 크기의 리스트",
        "batch sizes are whole numbers; got {values}": "배치 크기는 정수입니다. 받은 답: {values}",
        "choose among the batch sizes {offered}; {strange} is not one of them": (
            "배치 크기 {offered} 중에서 고르세요. {strange}은(는) 그중에 없습니다"
        ),
        "One example's loss (y_i − x_iᵀβ)² has curvature 2‖x_i‖², up to about 32 here against about 2 for the "
        "mean over all rows, so λ = 0.8 overshoots wildly on such an example; averaging over more rows "
        "smooths the curvature back towards 2": (
            "예제 하나의 손실 (y_i − x_iᵀβ)²은 곡률이 2‖x_i‖²로 여기서는 약 32까지 이르는데, 모든 행의 평균은 "
            "곡률이 약 2입니다. 그래서 λ = 0.8은 그런 예제에서 크게 지나쳐 버립니다. 더 많은 행에 걸쳐 평균을 내면 "
            "곡률이 다시 2 쪽으로 완만해집니다"
        ),
        "correct: b = 1 and b = 2 diverge, larger batches do not. {why}": (
            "정답입니다: b = 1과 b = 2는 발산하고, 더 큰 배치는 발산하지 않습니다. {why}"
        ),
        "some of them do diverge: run gradient_descent(problem3, …, batch_size=b, epochs=…) for each "
        "batch size and look at .diverged": (
            "그중 일부는 실제로 발산합니다: 배치 크기마다 gradient_descent(problem3, …, batch_size=b, epochs=…)를 "
            "실행하고 .diverged를 확인하세요"
        ),
        "with the update divided by b, large batches are the stable ones: you may be thinking of the "
        "summed gradient, whose steps grow with b. Run the six batch sizes and look at .diverged": (
            "업데이트를 b로 나누면 안정적인 쪽은 큰 배치입니다: 스텝이 b와 함께 커지는, 합한 그레디언트를 "
            "생각했을 수 있습니다. 여섯 가지 배치 크기를 실행하고 .diverged를 확인하세요"
        ),
        "{sizes} also diverges": "{sizes}도 발산합니다",
        "{sizes} also diverge": "{sizes}도 발산합니다",
        "{sizes} does not diverge": "{sizes}은(는) 발산하지 않습니다",
        "{sizes} do not diverge": "{sizes}은(는) 발산하지 않습니다",
        "{first} and {second}": "{first}. 또한 {second}",
        "not quite: {parts}. Run each batch size and look at .diverged": (
            "조금 다릅니다: {parts}. 배치 크기마다 실행하고 .diverged를 확인하세요"
        ),
        # exercise 4: when is the noise floor ten times lower?
        "correct: λ_k = λ₀/(1 + k/k₀) = λ₀/{factor} when 1 + k/k₀ = {factor}, that is k = {ratio}k₀ = {exact} "
        "updates; there λ = {target:g}, and the noise floor, proportional to λ, is {factor} times lower than "
        "with λ₀ (with b = {b} that is {epochs:g} of an epoch).": (
            "정답입니다: 1 + k/k₀ = {factor}일 때 λ_k = λ₀/(1 + k/k₀) = λ₀/{factor}이므로, k = {ratio}k₀ = {exact}번의 "
            "업데이트입니다. 그때 λ = {target:g}이고, λ에 비례하는 잡음 바닥은 λ₀일 때보다 {factor}배 낮습니다"
            "(b = {b}이면 {epochs:g} 에폭입니다)."
        ),
        "at k = {k} λ is λ₀/(1 + {factor}) = λ₀/{plus_one}: the 1 in 1 + k/k₀ counts "
        "too, so 1 + k/k₀ = {factor} gives k/k₀ = {ratio}": (
            "k = {k}에서 λ는 λ₀/(1 + {factor}) = λ₀/{plus_one}입니다: 1 + k/k₀의 1도 함께 세어야 하므로, "
            "1 + k/k₀ = {factor}에서 k/k₀ = {ratio}입니다"
        ),
        "{ratio} is k/k₀; k counts updates, so multiply by k₀ = {k0}": (
            "{ratio}은(는) k/k₀입니다. k는 업데이트 횟수이므로 k₀ = {k0}을 곱하세요"
        ),
        "at k = k₀ = {k0} λ has only halved (λ₀/2): the floor is 2 times lower, not {factor}": (
            "k = k₀ = {k0}에서 λ는 절반(λ₀/2)이 되었을 뿐입니다: 바닥은 {factor}배가 아니라 2배 낮습니다"
        ),
        "that is λ₀/{squared}, a floor {squared} times lower: the floor is proportional "
        "to λ, so a floor {factor} times lower needs λ = λ₀/{factor}": (
            "그것은 λ₀/{squared}, 즉 바닥이 {squared}배 낮아지는 곳입니다: 바닥은 λ에 비례하므로, 바닥이 {factor}배 "
            "낮아지려면 λ = λ₀/{factor}이면 됩니다"
        ),
        "that cuts λ by √{factor} ≈ {root:.2f}, as if the floor were proportional to λ²; it is proportional "
        "to λ, so λ must fall {factor}-fold": (
            "그것은 바닥이 λ²에 비례하는 것처럼 λ를 √{factor} ≈ {root:.2f}배 줄인 값입니다. 바닥은 λ에 비례하므로, "
            "λ가 {factor}배 줄어야 합니다"
        ),
        "{epochs:g} epochs of b = {b} is right, but the question asks for updates: "
        "{per_epoch} updates make one epoch": (
            "b = {b}일 때 {epochs:g} 에폭이라는 것은 맞지만, 질문은 업데이트 횟수를 묻습니다: 업데이트 {per_epoch}번이 한 에폭입니다"
        ),
        "{target:g} is λ_k itself, λ₀/{factor}; the question asks at which update k it gets there": (
            "{target:g}은(는) λ_k 자체, 즉 λ₀/{factor}입니다. 질문은 몇 번째 업데이트 k에서 그 값에 이르는지를 묻습니다"
        ),
        "updates are counted from k = 0 upwards; a negative k has no update": (
            "업데이트는 k = 0부터 세어 올라갑니다. 음수인 k에는 업데이트가 없습니다"
        ),
        "at k = 0 the learning rate is λ₀ = {lr0:g} itself; it falls from there": (
            "k = 0에서 학습률은 λ₀ = {lr0:g} 그 자체이고, 거기서부터 줄어듭니다"
        ),
        "about {rate:.3g}": "약 {rate:.3g}",
        "at k = {k:g}, λ_k = λ₀/(1 + k/k₀) = {shown}: not yet λ₀/{factor} = {target:g}. Solve 1 + k/k₀ = {factor}": (
            "k = {k:g}에서 λ_k = λ₀/(1 + k/k₀) = {shown}입니다: 아직 λ₀/{factor} = {target:g}에 이르지 않았습니다. "
            "1 + k/k₀ = {factor}에서 k를 구하세요"
        ),
        "at k = {k:g}, λ_k = λ₀/(1 + k/k₀) = {shown}: already below λ₀/{factor} = {target:g}. "
        "Solve 1 + k/k₀ = {factor}": (
            "k = {k:g}에서 λ_k = λ₀/(1 + k/k₀) = {shown}입니다: 이미 λ₀/{factor} = {target:g}보다 낮습니다. "
            "1 + k/k₀ = {factor}에서 k를 구하세요"
        ),
    }
)

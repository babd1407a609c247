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
    value, problem = read_array(answer, "2 numbers such as [0.1, -0.2]")
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
                "that is the residual y_b − X_bβ (one number per row); the gradient has one number per "
                "coefficient: multiply by X_bᵀ and scale by −2/b",
            )
        return Feedback(
            "wrong",
            f"your answer has {b} numbers, one per row of the batch; the gradient has one per coefficient "
            f"(2): use X_bᵀ (shape 2×{b}), not X_b, in −(2/b) X_bᵀ(y_b − X_bβ)",
        )
    if vector.size != exact.size:
        return Feedback(
            "unreadable",
            f"give {exact.size} numbers, one per coefficient β₀, β₁; got {vector.size} (shape {value.shape})",
        )

    def near(target: np.ndarray) -> bool:
        return bool(np.allclose(vector, target, rtol=1e-6, atol=1e-9))

    shown = "[" + ", ".join(f"{v:.4f}" for v in exact) + "]"
    if near(exact):
        return Feedback(
            "correct",
            f"correct: −(2/b) X_bᵀ(y_b − X_bβ) = {shown} with b = {b}; the step β − λ·g then moves β against it",
        )
    candidates = [
        (exact * b / n, f"you divided by n = {n}, the size of the whole data set: a minibatch gradient is a mean "
                        f"over its own b = {b} rows, so divide by b (dividing by n makes every step n/b times too small)"),
        (exact * b, f"you summed over the batch without dividing by b = {b}: the summed gradient grows with b, "
                    "so the learning rate would have to change with every batch size"),
        (-exact, "the sign is flipped: the gradient of the squared error is −(2/b) X_bᵀ(y_b − X_bβ), "
                 "with a minus in front (or, equally, (2/b) X_bᵀ(X_bβ − y_b))"),
        (exact / 2, "you left out the factor 2 of the derivative of the square: d/dβ (r²) = 2r·dr/dβ"),
        (-exact / 2, "two slips: the factor 2 of the square is missing and the sign is flipped"),
        (-exact * b, "you summed without dividing by b, and the sign is flipped"),
        (-exact * b / n, "you divided by n instead of b, and the sign is flipped"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if near(np.round(exact, 1)) or np.allclose(vector, exact, rtol=1e-2):
        return Feedback("wrong", f"close ({vector.tolist()}), but keep all the digits: compute it with numpy")
    return Feedback(
        "wrong",
        f"{np.round(vector, 4).tolist()} is not the minibatch gradient: compute r = y_b − X_bβ, "
        "then −(2/b) X_bᵀ r with b the number of rows in the batch",
    )


# --- exercise 2: updates per epoch ----------------------------------------------------------


@answer_check
def check_updates_per_epoch(answer) -> Feedback:
    """Exercise 2: the number of minibatch updates in one epoch for n = 1050 examples and b = 100.

    One epoch visits every example once, in batches of b: ⌈n/b⌉ updates, the last one smaller.
    """
    if answer is None:
        return no_answer("42")
    value, problem = read_array(answer, "one whole number such as 42")
    if value is None:
        return unreadable(problem)
    if value.size != 1:
        return Feedback("unreadable", f"give one number, not {value.size} of them (shape {value.shape})")
    number = float(value.reshape(()))
    n, b = EPOCH_EXERCISE["n"], EPOCH_EXERCISE["b"]
    exact = -(-n // b)
    if number == exact:
        return Feedback(
            "correct",
            f"correct: ⌈{n}/{b}⌉ = {exact} updates: {n // b} batches of {b} and a last one of {n % b}, "
            "so every example is used exactly once",
        )
    if math.isclose(number, n / b):
        return Feedback(
            "wrong", f"{n}/{b} = {n / b:g} is not a whole number of updates: a part of a batch is still a batch"
        )
    if number == n // b:
        return Feedback(
            "wrong",
            f"{n // b} batches of {b} use only {n // b * b} examples: the {n % b} left over make one more, smaller batch",
        )
    if number == n:
        return Feedback("wrong", f"{n} updates is one per example: that is b = 1, not b = {b}")
    if number == 1:
        return Feedback("wrong", "one update per epoch is full-batch gradient descent (b = n), not minibatches of 100")
    if number == b:
        return Feedback("wrong", f"{b} is the size of a batch, not the number of batches")
    if number == n * b:
        return Feedback("wrong", f"{n}·{b} multiplies; the number of batches divides n by b (and rounds up)")
    return Feedback("wrong", f"{number:g} is not it: count the batches of {b} needed to cover {n} examples once")


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
                f"your answer could not be read: give a list of batch sizes such as [5, 10], got {describe(answer)}",
            )
    value, problem = read_array(answer, "a list of batch sizes such as [5, 10]")
    if value is None:
        return None, problem
    flat = value.ravel()
    if not np.all(flat == np.round(flat)):
        return None, f"batch sizes are whole numbers; got {flat.tolist()}"
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
        return Feedback("unreadable", f"choose among the batch sizes {sorted(offered)}; {strange} is not one of them")
    right = set(DIVERGING_BATCHES)
    why = (
        "One example's loss (y_i − x_iᵀβ)² has curvature 2‖x_i‖², up to about 32 here against about 2 for the "
        "mean over all rows, so λ = 0.8 overshoots wildly on such an example; averaging over more rows "
        "smooths the curvature back towards 2"
    )
    if chosen == right:
        return Feedback("correct", f"correct: b = 1 and b = 2 diverge, larger batches do not. {why}")
    if not chosen:
        return Feedback(
            "wrong",
            "some of them do diverge: run gradient_descent(problem3, …, batch_size=b, epochs=…) for each batch size and look at .diverged",
        )
    if chosen & {50, 1000} and not chosen & right:
        return Feedback(
            "wrong",
            "with the update divided by b, large batches are the stable ones: you may be thinking of the "
            "summed gradient, whose steps grow with b. Run the six batch sizes and look at .diverged",
        )
    missing, extra = sorted(right - chosen), sorted(chosen - right)
    parts = []
    if missing:
        parts.append(f"{missing} also diverge{'s' if len(missing) == 1 else ''}")
    if extra:
        parts.append(f"{extra} do{'es' if len(extra) == 1 else ''} not diverge")
    return Feedback("wrong", "not quite: " + " and ".join(parts) + ". Run each batch size and look at .diverged")


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
            f"correct: λ_k = λ₀/(1 + k/k₀) = λ₀/{factor} when 1 + k/k₀ = {factor}, that is k = {factor - 1}k₀ = {exact} "
            f"updates; there λ = {target:g}, and the noise floor, proportional to λ, is {factor} times lower than "
            f"with λ₀ (with b = {b} that is {exact * b / n:g} of an epoch).",
        )

    def rate(k: float) -> float:
        return lr0 / (1 + k / k0)

    candidates = [
        (factor * k0, f"at k = {factor * k0} λ is λ₀/(1 + {factor}) = λ₀/{factor + 1}: the 1 in 1 + k/k₀ counts "
                      f"too, so 1 + k/k₀ = {factor} gives k/k₀ = {factor - 1}"),
        (factor - 1, f"{factor - 1} is k/k₀; k counts updates, so multiply by k₀ = {k0}"),
        (k0, f"at k = k₀ = {k0} λ has only halved (λ₀/2): the floor is 2 times lower, not {factor}"),
        ((factor**2 - 1) * k0, f"that is λ₀/{factor**2}, a floor {factor**2} times lower: the floor is proportional "
                               f"to λ, so a floor {factor} times lower needs λ = λ₀/{factor}"),
        ((math.sqrt(factor) - 1) * k0, f"that cuts λ by √{factor} ≈ {math.sqrt(factor):.2f}, as if the floor "
                                       f"were proportional to λ²; it is proportional to λ, so λ must fall {factor}-fold"),
        (exact * b / n, f"{exact * b / n:g} epochs of b = {b} is right, but the question asks for updates: "
                        f"{n // b} updates make one epoch"),
    ]  # fmt: skip
    for estimate, message in candidates:
        if math.isclose(value, estimate, rel_tol=1e-3) or (estimate >= 100 and abs(value - estimate) <= 0.5):
            return Feedback("wrong", message)
    if math.isclose(value, target, rel_tol=1e-3):
        return Feedback(
            "wrong", f"{target:g} is λ_k itself, λ₀/{factor}; the question asks at which update k it gets there"
        )
    if value < 0:
        return Feedback("wrong", "updates are counted from k = 0 upwards; a negative k has no update")
    if value == 0:
        return Feedback("wrong", f"at k = 0 the learning rate is λ₀ = {lr0:g} itself; it falls from there")
    shown = f"{rate(value):.3g}" if value < 1e15 else f"about {lr0 * k0 / value:.3g}"
    side = "not yet" if value < exact else "already below"
    return Feedback(
        "wrong",
        f"at k = {value:g}, λ_k = λ₀/(1 + k/k₀) = {shown}: {side} λ₀/{factor} = {target:g}. Solve 1 + k/k₀ = {factor}",
    )

"""Self-checks for notebook 04 (linear regression by gradient descent — 경사하강법으로 선형회귀 계수 구하기).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off. A check never raises on a learner's answer: an answer it cannot read (a
string where numbers were asked, a ragged list, NaN) gets a message saying so.

Exercises
---------
1. :func:`check_squared_gradient`: the gradient −(2/n)Xᵀ(y − Xβ) of the mean squared error for
   the small ``GRADIENT_EXERCISE``; names a missing 2, 1/n or 2/n, a flipped sign, the RMSE's
   gradient, and a vector of the wrong length or a column-shaped (2, 1) gradient.
2. :func:`check_intercept_column`: the lecture's X (without the ones) with the intercept column
   appended; names an added row, a column of zeros, a column that is not constant, X unchanged.
3. :func:`check_lr_and_steps`: a learning rate λ and a number of steps T that bring the lecture's
   loop within ``tol`` of X⁺y in at most ``budget`` steps; says whether the run diverged (λ above
   2/μ_max) or how many steps that λ would need.
4. :func:`check_standardised_condition`: κ = μ_max/μ_min of XᵀX for the six flats of
   ``SCALING_EXERCISE`` after standardising their columns (ones appended); names the raw,
   centred-only, divided-only, min-max and all-entries scalings, cond(X) = √κ, the inverted
   ratio, and a singular XᵀX (the rows standardised) or a nan (the ones column divided by 0).
"""

from __future__ import annotations

import math
import numbers
from typing import TypedDict

import numpy as np

from ..regression import linear_regression_gd, pinv_solution
from . import Feedback, answer_check, describe, no_answer, read_array, read_number, unreadable

__all__ = [
    "GRADIENT_EXERCISE",
    "INTERCEPT_EXERCISE",
    "LR_STEPS_EXERCISE",
    "SCALING_EXERCISE",
    "Feedback",
    "check_intercept_column",
    "check_lr_and_steps",
    "check_squared_gradient",
    "check_standardised_condition",
    "scaling_conditions",
    "steps_needed",
]


class _LrStepsExercise(TypedDict):
    X: list[list[float]]
    y: list[float]
    beta0: list[float]
    tol: float
    budget: int


class _ScalingExercise(TypedDict):
    X: list[list[float]]
    eps: float


#: Exercise 1: the gradient of the mean squared error (1/n)‖y − Xβ‖² at ``beta``.
GRADIENT_EXERCISE = {
    "X": [[1.0, 1.0], [2.0, 1.0], [3.0, 1.0]],
    "y": [2.0, 3.0, 5.0],
    "beta": [0.5, 1.0],
}
#: Exercise 2: the lecture's data without the column of ones; y = x₁ + 2x₂ + 3.
INTERCEPT_EXERCISE = {
    "X": [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]],
    "y": [6.0, 8.0, 9.0, 11.0],
}
#: Exercise 3: the lecture's problem (intercept last), start, tolerance on ‖β − X⁺y‖ and step budget.
LR_STEPS_EXERCISE: _LrStepsExercise = {
    "X": [[1.0, 1.0, 1.0], [1.0, 2.0, 1.0], [2.0, 2.0, 1.0], [2.0, 3.0, 1.0]],
    "y": [6.0, 8.0, 9.0, 11.0],
    "beta0": [10.1, 15.1, -6.5],
    "tol": 1e-3,
    "budget": 1000,
}


#: Exercise 4: six flats, area in m² and number of rooms; κ of XᵀX after standardising the columns
#: (``eps``: the relative accuracy of the step count its message predicts).
SCALING_EXERCISE: _ScalingExercise = {
    "X": [[45.0, 2.0], [60.0, 1.0], [75.0, 3.0], [90.0, 2.0], [110.0, 4.0], [130.0, 3.0]],
    "eps": 1e-6,
}


def _read_array(answer, what: str) -> tuple[np.ndarray | None, str | None]:
    """The answer as a finite float array, or the reason it cannot be read."""
    value, problem = read_array(answer, what, finite=False)
    if value is None:
        return None, problem
    if value.size == 0:
        return None, f"your answer is empty: give {what}"
    if not np.all(np.isfinite(value)):
        return None, f"your answer contains nan or inf: give {what} with finite entries"
    return value, None


def _vector(v) -> str:
    return "[" + ", ".join(f"{float(x):.4g}" for x in np.ravel(v)) + "]"


# --- exercise 1: the gradient of the mean squared error -----------------------------------


def _gradient_exercise() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = np.array(GRADIENT_EXERCISE["X"])
    y = np.array(GRADIENT_EXERCISE["y"])
    beta = np.array(GRADIENT_EXERCISE["beta"])
    return X, y, beta, y - X @ beta


@answer_check
def check_squared_gradient(answer) -> Feedback:
    """Exercise 1: ∇_β (1/n)‖y − Xβ‖² = −(2/n)Xᵀ(y − Xβ) for ``GRADIENT_EXERCISE`` (a vector of 2 numbers).

    Recognises the lecture code's −Xᵀ(y − Xβ) (no 2/n), a missing 2, a missing 1/n, a flipped
    sign, the gradient of the RMSE, another constant factor, one entry per example instead of
    per coefficient, and the right numbers in a (2, 1) or (1, 2) array.
    """
    if answer is None:
        return no_answer("[-1.5, 0.25]")
    read, problem = _read_array(answer, "the gradient as 2 numbers, e.g. [-1.5, 0.25]")
    if read is None:
        return unreadable(problem)
    value = read  # an array for the type checker inside near() too, which sees the ravel below
    X, y, beta, r = _gradient_exercise()
    n, d = X.shape
    exact = -(2.0 / n) * (X.T @ r)

    def near(target, rel: float = 1e-6) -> bool:
        return value.shape == target.shape and bool(np.allclose(value, target, rtol=rel, atol=1e-9))

    if near(exact):
        return Feedback(
            "correct",
            f"correct: r = y − Xβ = {_vector(r)}, Xᵀr = {_vector(X.T @ r)}, and −(2/n)Xᵀr = {_vector(exact)} with n = {n}",
        )
    if value.size == d and value.ndim == 2 and bool(np.allclose(value.ravel(), exact, rtol=1e-6, atol=1e-9)):
        return Feedback(
            "wrong",
            f"the numbers are right but the shape is {value.shape}: β has shape ({d},), and "
            f"beta - lr * grad with a {value.shape} gradient would broadcast to a ({d}, {d}) matrix. "
            "Keep r 1-D: -(2 / n) * X.T @ (y - X @ beta)",
        )
    if value.size == n and value.ndim == 1:
        return Feedback(
            "wrong",
            f"your answer has {n} entries, one per example; the gradient has one per coefficient (d = {d}). "
            f"Multiply the residual r (shape ({n},)) by Xᵀ (shape ({d}, {n})): -(2 / n) * X.T @ r",
        )
    if value.size != d:
        return Feedback(
            "wrong",
            f"the gradient has one entry per coefficient β, i.e. {d} numbers; yours has shape {value.shape}",
        )
    value = value.ravel()
    rmse = math.sqrt(float(r @ r) / n)
    candidates = [
        (-(X.T @ r), "that is −Xᵀ(y − Xβ), the lecture code's gradient: the mean squared error has the factor 2/n in front"),
        (-(X.T @ r) / n, "the 2 is missing: the derivative of r² is 2r·(∂r/∂β), so the gradient is −(2/n)Xᵀr"),
        (-2.0 * (X.T @ r), f"the 1/n of the mean is missing: divide by n = {n}"),
        (-exact, "the sign is flipped: ∂(y − Xβ)/∂β = −X brings a minus, ∇ = −(2/n)Xᵀ(y − Xβ) = (2/n)Xᵀ(Xβ − y)"),
        (-(X.T @ r) / (n * rmse), "that is the gradient of the RMSE (the lecture's ‖y − Xβ‖ with 1/n); the exercise asks for the mean squared error"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    ratios = value / exact
    if np.allclose(ratios, ratios[0], rtol=1e-6):
        return Feedback(
            "wrong",
            f"your gradient points along the right line but is {ratios[0]:.4g} times the right one: check the constant in front",
        )
    if near(exact, rel=1e-2):
        return Feedback("wrong", f"close ({_vector(value)}), but keep all the digits: compute it with numpy")
    return Feedback(
        "wrong",
        f"{_vector(value)} is not the gradient: compute r = y - X @ beta, then -(2 / n) * X.T @ r",
    )


# --- exercise 2: the column of ones --------------------------------------------------------


@answer_check
def check_intercept_column(answer) -> Feedback:
    """Exercise 2: the lecture's X (4 × 2, ``INTERCEPT_EXERCISE``) with a column of ones appended (4 × 3).

    Any non-zero constant column is accepted (it gives the model an intercept); a column of ones
    placed first or in the middle is accepted with a note on the order of β.
    """
    if answer is None:
        return no_answer("np.hstack([X_raw, ...])")
    value, problem = _read_array(answer, "a matrix (a 2-D array) such as np.hstack([X_raw, np.ones((4, 1))])")
    if value is None:
        return unreadable(problem)
    X = np.array(INTERCEPT_EXERCISE["X"])
    y = np.array(INTERCEPT_EXERCISE["y"])
    n, d = X.shape
    if value.ndim != 2:
        return Feedback(
            "unreadable", f"give a matrix (a 2-D array) of shape ({n}, {d + 1}); yours has shape {value.shape}"
        )
    if value.shape == X.shape and np.array_equal(value, X):
        return Feedback(
            "wrong",
            "that is X unchanged: without a column of ones the plane must pass through the origin. "
            "Append one: np.hstack([X_raw, np.ones((4, 1))])",
        )
    if value.shape == (n + 1, d):
        return Feedback(
            "wrong",
            f"you added a row (a fifth example), not a column: stack along the columns (axis=1) to get shape ({n}, {d + 1})",
        )
    if value.shape != (n, d + 1):
        return Feedback(
            "wrong", f"X with the intercept column has shape ({n}, {d + 1}) (one column more); yours is {value.shape}"
        )
    # Which column is new? The other two must be x₁ and x₂, in order.
    new = None
    for k in range(d + 1):
        rest = np.delete(value, k, axis=1)
        if np.allclose(rest, X):
            new = k
            break
    if new is None:
        return Feedback(
            "wrong",
            "the columns of X have changed: keep x₁ and x₂ as they are and add one column",
        )
    column = value[:, new]
    residual = y - value @ (np.linalg.pinv(value) @ y)
    if np.allclose(column, 0.0):
        return Feedback(
            "wrong",
            "a column of zeros adds nothing: its coefficient multiplies 0, so the predictions cannot shift. "
            f"pinv still leaves a residual ‖y − Xβ‖ = {np.linalg.norm(residual):.3g}",
        )
    if not np.allclose(column, column[0]):
        return Feedback(
            "wrong",
            "your new column is not constant, so its coefficient is another slope, not an intercept: "
            "an intercept adds the same number to every prediction, so its column holds the same value in every row",
        )
    beta = np.linalg.pinv(value) @ y
    c = float(column[0])
    where = "last" if new == d else ("first" if new == 0 else "in the middle")
    if math.isclose(c, 1.0):
        if new == d:
            return Feedback(
                "correct",
                f"correct: pinv now gives β = {_vector(beta)}: the slopes 1 and 2 and, last, the intercept 3 (an exact fit)",
            )
        return Feedback(
            "correct",
            f"correct: with the ones {where}, pinv gives β = {_vector(beta)}: the intercept 3 sits at position {new}. "
            "The lecture appends the ones last, so that the last coefficient is the intercept",
        )
    return Feedback(
        "correct",
        f"that works too: any non-zero constant column gives an intercept. Its coefficient is 3/{c:g} = {3 / c:.4g} "
        "(the intercept is that times the constant); with ones the coefficient is the intercept itself",
    )


# --- exercise 3: a learning rate and a number of steps -------------------------------------


def _lr_steps_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = np.array(LR_STEPS_EXERCISE["X"])
    y = np.array(LR_STEPS_EXERCISE["y"])
    beta0 = np.array(LR_STEPS_EXERCISE["beta0"])
    return X, y, beta0, pinv_solution(X, y)


def steps_needed(lr: float, *, tol: float | None = None, cap: int = 10_000_000) -> int | None:
    """Steps T after which the lecture's loop with learning rate ``lr`` is within ``tol`` of X⁺y.

    Exact for the loop β ← β + λXᵀ(y − Xβ): in the eigenbasis of XᵀX (eigenvalues μ_i) the error's
    i-th component is multiplied by (1 − λμ_i) each step. ``None`` when the run does not converge
    (λ ≥ 2/μ_max) or needs more than ``cap`` steps.
    """
    X, _, beta0, best = _lr_steps_problem()
    tol = LR_STEPS_EXERCISE["tol"] if tol is None else tol
    mu, V = np.linalg.eigh(X.T @ X)
    c2 = (V.T @ (beta0 - best)) ** 2
    rho = np.abs(1.0 - lr * mu)
    if np.any(rho >= 1.0):
        return None

    def dist2(T: int) -> float:
        return float(np.sum(c2 * rho ** (2.0 * T)))

    if dist2(0) <= tol**2:
        return 0
    if dist2(cap) > tol**2:
        return None
    lo, hi = 0, cap  # dist2(lo) > tol², dist2(hi) ≤ tol²; the distance only falls
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if dist2(mid) <= tol**2 else (mid, hi)
    return hi


def _read_lr_steps(answer) -> tuple[tuple[float, int] | None, str | None]:
    example = "give a pair (λ, T) such as (0.01, 500)"
    if isinstance(answer, (str, bytes, dict, set)) or not hasattr(answer, "__len__"):
        return None, f"your answer could not be read: {example}, got {describe(answer)}"
    if len(answer) != 2:
        return None, f"your answer has {len(answer)} entries, not 2: {example}"
    lr, T = answer[0], answer[1]
    rate = read_number(lr)[0] if isinstance(lr, numbers.Real) else None
    if rate is None:
        return None, f"the learning rate λ must be a finite number, got {describe(lr)}"
    if rate <= 0:
        return None, f"the learning rate λ must be positive, got {rate:g}"
    steps = read_number(T)[0] if isinstance(T, numbers.Real) else None
    if steps is None or steps != int(steps):
        return None, f"the number of steps T must be a whole number, got {describe(T)}"
    if steps < 1:
        return None, f"the number of steps T must be at least 1, got {int(steps)}"
    return (rate, int(steps)), None


@answer_check
def check_lr_and_steps(answer) -> Feedback:
    """Exercise 3: ``answer = (λ, T)`` so that the lecture's loop ends within 1e-3 of X⁺y in ≤ 1000 steps.

    Runs the lecture's loop (:func:`helpers.regression.linear_regression_gd`) with the learner's λ
    and T, and explains a miss: over the step budget, diverged (λ > 2/μ_max, μ_max the largest
    eigenvalue of XᵀX), or too few steps for that λ (with the number it would need).
    """
    if answer is None:
        return no_answer("(0.01, 500)")
    pair, problem = _read_lr_steps(answer)
    if pair is None:
        return unreadable(problem)
    lr, T = pair
    X, y, beta0, best = _lr_steps_problem()
    tol, budget = LR_STEPS_EXERCISE["tol"], LR_STEPS_EXERCISE["budget"]
    mu_max = float(np.linalg.eigvalsh(X.T @ X)[-1])
    limit = 2.0 / mu_max
    if T > budget:
        return Feedback(
            "wrong",
            f"T = {T} is over the budget of {budget} steps: find a λ that gets there faster (λ must stay below 2/μ_max = {limit:.4f})",
        )
    run = linear_regression_gd(X, y, beta0, lr=lr, steps=T)
    if run.diverged:
        return Feedback(
            "wrong",
            f"with λ = {lr:g} the run diverged at step {run.diverged_at}: λ is above 2/μ_max = {limit:.4f}, where "
            f"μ_max = {mu_max:.4g} is the largest eigenvalue of XᵀX, so the steepest direction overshoots more every step",
        )
    distance = float(np.linalg.norm(run.x - best))
    if distance <= tol:
        return Feedback(
            "correct",
            f"correct: after T = {T} steps with λ = {lr:g}, ‖β − X⁺y‖ = {distance:.2e} ≤ {tol:g}",
        )
    start = float(np.linalg.norm(beta0 - best))
    if lr >= limit:
        return Feedback(
            "wrong",
            f"with λ = {lr:g} the run is diverging: ‖β − X⁺y‖ went from {start:.3g} to {distance:.3g} in {T} steps. "
            f"λ must stay below 2/μ_max = {limit:.4f} (μ_max = {mu_max:.4g}, the largest eigenvalue of XᵀX)",
        )
    need = steps_needed(lr, tol=tol)
    if need is None:
        return Feedback(
            "wrong",
            f"after {T} steps ‖β − X⁺y‖ = {distance:.3g}: λ = {lr:g} is so small that it would take more than "
            f"ten million steps; try λ between 0.01 and 2/μ_max = {limit:.4f}",
        )
    mu = np.linalg.eigvalsh(X.T @ X)
    fastest = 2.0 / (mu[0] + mu[-1])  # beyond it the steep direction, bouncing, is the slow one
    if need <= budget:
        advice = f"raise T to {need}"
    elif lr > fastest:
        advice = (
            f"more steps than the budget allows: this close to 2/μ_max = {limit:.4f} the steepest direction "
            "bounces and shrinks slowly, so lower λ a little"
        )
    else:
        advice = f"more steps than the budget allows, so raise λ (it must stay below 2/μ_max = {limit:.4f})"
    return Feedback(
        "wrong",
        f"after {T} steps ‖β − X⁺y‖ = {distance:.3g} > {tol:g}; with λ = {lr:g} it takes {need} steps: {advice}",
    )


# --- exercise 4: the condition number after standardising ----------------------------------


def _thousands(x: float) -> str:
    """A whole number with a space between the thousands, as the notebooks write 100 000."""
    return f"{x:,.0f}".replace(",", " ")


def _kappa(A: np.ndarray) -> float:
    mu = np.linalg.eigvalsh(A.T @ A)
    return float(mu[-1] / mu[0])


def scaling_conditions() -> dict[str, float]:
    """κ = μ_max/μ_min of XᵀX for ``SCALING_EXERCISE``'s features, scaled the ways a learner might.

    Keys: ``"standardised"`` (the answer: each column minus its mean, divided by its standard
    deviation, then the ones appended), ``"raw"``, ``"raw, no ones"``, ``"centred"``,
    ``"divided"`` (by the standard deviation, not centred), ``"all entries"`` (one mean and one
    standard deviation for the whole matrix), ``"min-max"`` (each column mapped onto [0, 1]).

    Examples
    --------
    >>> round(scaling_conditions()["standardised"], 3)
    4.94
    """
    F = np.array(SCALING_EXERCISE["X"])
    ones = np.ones((len(F), 1))
    mean, std = F.mean(axis=0), F.std(axis=0)
    low, high = F.min(axis=0), F.max(axis=0)
    scaled = {
        "standardised": (F - mean) / std,
        "raw": F,
        "centred": F - mean,
        "divided": F / std,
        "all entries": (F - F.mean()) / F.std(),
        "min-max": (F - low) / (high - low),
    }
    kappas = {name: _kappa(np.hstack([features, ones])) for name, features in scaled.items()}
    kappas["raw, no ones"] = _kappa(F)
    return kappas


@answer_check
def check_standardised_condition(answer) -> Feedback:
    """Exercise 4: κ = μ_max/μ_min of XᵀX for ``SCALING_EXERCISE`` standardised, the ones appended.

    Any standard deviation (``ddof`` 0 or 1) and the ones column anywhere or left out give the
    same κ (the ones column's eigenvalue n lies between the features' n(1 ± r)); answers within
    0.5 % are accepted. Recognises the raw features (with or without the ones), centring alone,
    dividing alone, one mean and standard deviation for all entries, min-max scaling, cond(X) = √κ
    and the inverted ratio μ_min/μ_max; a negative or huge κ (a singular XᵀX: the rows
    standardised, or XXᵀ) and a nan (the ones column divided by its standard deviation 0).
    """
    if answer is None:
        return no_answer("12.3")
    read, problem = read_array(answer, "a number such as 12.3", finite=False)
    if read is not None and read.size == 1 and not math.isfinite(float(read.reshape(()))):
        number = float(read.reshape(()))
        return unreadable(
            f"your answer is {number}: somewhere a division by zero. Dividing the ones column by its standard "
            "deviation 0 gives nan (standardise the two feature columns, then append the ones); μ_min = 0 "
            "gives inf (standardise the columns, axis=0, not the rows)"
        )
    value, problem = read_number(answer, "12.3")
    if value is None:
        return unreadable(problem)
    kappas = scaling_conditions()
    kappa, raw = kappas["standardised"], kappas["raw"]
    F = np.array(SCALING_EXERCISE["X"])
    std = F.std(axis=0)
    r = float(np.corrcoef(F.T)[0, 1])
    log_eps = math.log(1.0 / SCALING_EXERCISE["eps"])

    def steps(k: float) -> int:
        return math.ceil(log_eps / math.log((k + 1.0) / (k - 1.0)))

    def near(target: float, rel: float = 5e-3) -> bool:
        return math.isclose(value, target, rel_tol=rel)

    if near(kappa):
        return Feedback(
            "correct",
            f"correct: κ = {kappa:.3g}, against {_thousands(raw)} for the raw columns with the ones, "
            f"{_thousands(raw / kappa)} times less. What remains is the correlation r = {r:.3g} of area and rooms: "
            f"κ = (1 + r)/(1 − r). With the best fixed λ, the prediction ⌈ln(1/ε)/ln(1/ρ)⌉ for ε = 10⁻⁶ is "
            f"{steps(kappa)} steps of descent instead of {_thousands(steps(raw))}",
        )
    if abs(value) > 1e10:
        return Feedback(
            "wrong",
            f"κ = {value:.3g} means μ_min is 0 up to rounding: the matrix is singular. Take XᵀX (3 × 3, X.T @ X), "
            "not XXᵀ, and standardise each column (axis=0), not each row: every row, a larger area beside a "
            "smaller number of rooms, would become [1, −1]",
        )
    candidates = [
        (raw, "that is κ of the raw columns with the ones: standardise first, (x − mean)/std column by column"),
        (kappas["raw, no ones"], "that is κ of the raw columns without the ones: standardise them, then append the ones"),
        (kappas["centred"], "you centred the columns but did not divide by their standard deviations: the area "
                            f"(standard deviation {std[0]:.3g} m²) still outweighs the rooms ({std[1]:.3g})"),
        (kappas["divided"], "you divided by the standard deviations but did not subtract the means: the columns "
                            "stay nearly parallel to the column of ones, and centring is what separates them from it"),
        (kappas["all entries"], "that uses one mean and one standard deviation for the whole matrix: standardise "
                                "each column with its own (axis=0)"),
        (kappas["min-max"], "that is min-max scaling onto [0, 1], another way to scale; the exercise asks for "
                            "standardising, (x − mean)/std"),
        (math.sqrt(kappa), f"that is cond(X) = σ_max/σ_min = √κ; κ is the condition number of XᵀX, cond(X)² = {kappa:.3g}"),
        (math.sqrt(raw), "that is cond(X) of the raw columns; standardise, and take the eigenvalues of XᵀX"),
        (1.0 / kappa, "that is μ_min/μ_max: κ is the largest eigenvalue over the smallest, at least 1"),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if value < 0:
        return Feedback(
            "wrong",
            f"κ = {value:.4g} is negative, but the eigenvalues of XᵀX are never negative (vᵀXᵀXv = ‖Xv‖² ≥ 0): "
            "κ = μ_max/μ_min is at least 1",
        )
    if near(kappa, rel=5e-2):
        return Feedback("wrong", f"close ({value:.4g}), but keep the digits: compute κ with numpy")
    if value < 1:
        return Feedback(
            "wrong", f"κ = μ_max/μ_min is at least 1; {value:.4g} is not. Put the largest eigenvalue on top"
        )
    return Feedback(
        "wrong",
        f"{value:.4g} is not κ of the standardised flats: subtract each column's mean, divide by its standard "
        "deviation, append the ones, and divide the largest eigenvalue of XᵀX by the smallest",
    )

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

from ..i18n import Messages
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
        return None, tr("your answer is empty: give {what}", what=what)
    if not np.all(np.isfinite(value)):
        return None, tr("your answer contains nan or inf: give {what} with finite entries", what=what)
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
    read, problem = _read_array(answer, tr("the gradient as 2 numbers, e.g. [-1.5, 0.25]"))
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
            tr(
                "correct: r = y − Xβ = {r}, Xᵀr = {xtr}, and −(2/n)Xᵀr = {exact} with n = {n}",
                r=_vector(r),
                xtr=_vector(X.T @ r),
                exact=_vector(exact),
                n=n,
            ),
        )
    if value.size == d and value.ndim == 2 and bool(np.allclose(value.ravel(), exact, rtol=1e-6, atol=1e-9)):
        return Feedback(
            "wrong",
            tr(
                "the numbers are right but the shape is {shape}: β has shape ({d},), and "
                "beta - lr * grad with a {shape} gradient would broadcast to a ({d}, {d}) matrix. "
                "Keep r 1-D: -(2 / n) * X.T @ (y - X @ beta)",
                shape=value.shape,
                d=d,
            ),
        )
    if value.size == n and value.ndim == 1:
        return Feedback(
            "wrong",
            tr(
                "your answer has {n} entries, one per example; the gradient has one per coefficient (d = {d}). "
                "Multiply the residual r (shape ({n},)) by Xᵀ (shape ({d}, {n})): -(2 / n) * X.T @ r",
                n=n,
                d=d,
            ),
        )
    if value.size != d:
        return Feedback(
            "wrong",
            tr(
                "the gradient has one entry per coefficient β, i.e. {d} numbers; yours has shape {shape}",
                d=d,
                shape=value.shape,
            ),
        )
    value = value.ravel()
    rmse = math.sqrt(float(r @ r) / n)
    candidates = [
        (-(X.T @ r), tr("that is −Xᵀ(y − Xβ), the lecture code's gradient: the mean squared error has the factor "
                        "2/n in front")),
        (-(X.T @ r) / n, tr("the 2 is missing: the derivative of r² is 2r·(∂r/∂β), so the gradient is −(2/n)Xᵀr")),
        (-2.0 * (X.T @ r), tr("the 1/n of the mean is missing: divide by n = {n}", n=n)),
        (-exact, tr("the sign is flipped: ∂(y − Xβ)/∂β = −X brings a minus, ∇ = −(2/n)Xᵀ(y − Xβ) = "
                    "(2/n)Xᵀ(Xβ − y)")),
        (-(X.T @ r) / (n * rmse), tr("that is the gradient of the RMSE (the lecture's ‖y − Xβ‖ with 1/n); the "
                                     "exercise asks for the mean squared error")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    ratios = value / exact
    if np.allclose(ratios, ratios[0], rtol=1e-6):
        return Feedback(
            "wrong",
            tr(
                "your gradient points along the right line but is {ratio:.4g} times the right one: "
                "check the constant in front",
                ratio=ratios[0],
            ),
        )
    if near(exact, rel=1e-2):
        return Feedback(
            "wrong", tr("close ({values}), but keep all the digits: compute it with numpy", values=_vector(value))
        )
    return Feedback(
        "wrong",
        tr(
            "{values} is not the gradient: compute r = y - X @ beta, then -(2 / n) * X.T @ r",
            values=_vector(value),
        ),
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
    value, problem = _read_array(answer, tr("a matrix (a 2-D array) such as np.hstack([X_raw, np.ones((4, 1))])"))
    if value is None:
        return unreadable(problem)
    X = np.array(INTERCEPT_EXERCISE["X"])
    y = np.array(INTERCEPT_EXERCISE["y"])
    n, d = X.shape
    if value.ndim != 2:
        return Feedback(
            "unreadable",
            tr(
                "give a matrix (a 2-D array) of shape ({n}, {cols}); yours has shape {shape}",
                n=n,
                cols=d + 1,
                shape=value.shape,
            ),
        )
    if value.shape == X.shape and np.array_equal(value, X):
        return Feedback(
            "wrong",
            tr(
                "that is X unchanged: without a column of ones the plane must pass through the origin. "
                "Append one: np.hstack([X_raw, np.ones((4, 1))])"
            ),
        )
    if value.shape == (n + 1, d):
        return Feedback(
            "wrong",
            tr(
                "you added a row (a fifth example), not a column: stack along the columns (axis=1) to get shape "
                "({n}, {cols})",
                n=n,
                cols=d + 1,
            ),
        )
    if value.shape != (n, d + 1):
        return Feedback(
            "wrong",
            tr(
                "X with the intercept column has shape ({n}, {cols}) (one column more); yours is {shape}",
                n=n,
                cols=d + 1,
                shape=value.shape,
            ),
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
            tr("the columns of X have changed: keep x₁ and x₂ as they are and add one column"),
        )
    column = value[:, new]
    residual = y - value @ (np.linalg.pinv(value) @ y)
    if np.allclose(column, 0.0):
        return Feedback(
            "wrong",
            tr(
                "a column of zeros adds nothing: its coefficient multiplies 0, so the predictions cannot shift. "
                "pinv still leaves a residual ‖y − Xβ‖ = {residual:.3g}",
                residual=np.linalg.norm(residual),
            ),
        )
    if not np.allclose(column, column[0]):
        return Feedback(
            "wrong",
            tr(
                "your new column is not constant, so its coefficient is another slope, not an intercept: an "
                "intercept adds the same number to every prediction, so its column holds the same value in every row"
            ),
        )
    beta = np.linalg.pinv(value) @ y
    c = float(column[0])
    if math.isclose(c, 1.0):
        if new == d:
            return Feedback(
                "correct",
                tr(
                    "correct: pinv now gives β = {beta}: the slopes 1 and 2 and, last, the intercept 3 (an exact fit)",
                    beta=_vector(beta),
                ),
            )
        if new == 0:
            message = tr(
                "correct: with the ones first, pinv gives β = {beta}: the intercept 3 sits at position {new}. "
                "The lecture appends the ones last, so that the last coefficient is the intercept",
                beta=_vector(beta),
                new=new,
            )
        else:
            message = tr(
                "correct: with the ones in the middle, pinv gives β = {beta}: the intercept 3 sits at position {new}. "
                "The lecture appends the ones last, so that the last coefficient is the intercept",
                beta=_vector(beta),
                new=new,
            )
        return Feedback("correct", message)
    return Feedback(
        "correct",
        tr(
            "that works too: any non-zero constant column gives an intercept. Its coefficient is 3/{c:g} = "
            "{coefficient:.4g} (the intercept is that times the constant); with ones the coefficient is the "
            "intercept itself",
            c=c,
            coefficient=3 / c,
        ),
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
    example = tr("give a pair (λ, T) such as (0.01, 500)")
    if isinstance(answer, (str, bytes, dict, set)) or not hasattr(answer, "__len__"):
        return None, tr(
            "your answer could not be read: {example}, got {answer}", example=example, answer=describe(answer)
        )
    if len(answer) != 2:
        return None, tr("your answer has {count} entries, not 2: {example}", count=len(answer), example=example)
    lr, T = answer[0], answer[1]
    rate = read_number(lr)[0] if isinstance(lr, numbers.Real) else None
    if rate is None:
        return None, tr("the learning rate λ must be a finite number, got {answer}", answer=describe(lr))
    if rate <= 0:
        return None, tr("the learning rate λ must be positive, got {rate:g}", rate=rate)
    steps = read_number(T)[0] if isinstance(T, numbers.Real) else None
    if steps is None or steps != int(steps):
        return None, tr("the number of steps T must be a whole number, got {answer}", answer=describe(T))
    if steps < 1:
        return None, tr("the number of steps T must be at least 1, got {steps}", steps=int(steps))
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
            tr(
                "T = {T} is over the budget of {budget} steps: find a λ that gets there faster "
                "(λ must stay below 2/μ_max = {limit:.4f})",
                T=T,
                budget=budget,
                limit=limit,
            ),
        )
    run = linear_regression_gd(X, y, beta0, lr=lr, steps=T)
    if run.diverged:
        return Feedback(
            "wrong",
            tr(
                "with λ = {lr:g} the run diverged at step {step}: λ is above 2/μ_max = {limit:.4f}, where "
                "μ_max = {mu_max:.4g} is the largest eigenvalue of XᵀX, so the steepest direction overshoots more "
                "every step",
                lr=lr,
                step=run.diverged_at,
                limit=limit,
                mu_max=mu_max,
            ),
        )
    distance = float(np.linalg.norm(run.x - best))
    if distance <= tol:
        return Feedback(
            "correct",
            tr(
                "correct: after T = {T} steps with λ = {lr:g}, ‖β − X⁺y‖ = {distance:.2e} ≤ {tol:g}",
                T=T,
                lr=lr,
                distance=distance,
                tol=tol,
            ),
        )
    start = float(np.linalg.norm(beta0 - best))
    if lr >= limit:
        return Feedback(
            "wrong",
            tr(
                "with λ = {lr:g} the run is diverging: ‖β − X⁺y‖ went from {start:.3g} to {distance:.3g} in {T} "
                "steps. λ must stay below 2/μ_max = {limit:.4f} (μ_max = {mu_max:.4g}, the largest eigenvalue of XᵀX)",
                lr=lr,
                start=start,
                distance=distance,
                T=T,
                limit=limit,
                mu_max=mu_max,
            ),
        )
    need = steps_needed(lr, tol=tol)
    if need is None:
        return Feedback(
            "wrong",
            tr(
                "after {T} steps ‖β − X⁺y‖ = {distance:.3g}: λ = {lr:g} is so small that it would take more than "
                "ten million steps; try λ between 0.01 and 2/μ_max = {limit:.4f}",
                T=T,
                distance=distance,
                lr=lr,
                limit=limit,
            ),
        )
    mu = np.linalg.eigvalsh(X.T @ X)
    fastest = 2.0 / (mu[0] + mu[-1])  # beyond it the steep direction, bouncing, is the slow one
    if need <= budget:
        advice = tr("raise T to {need}", need=need)
    elif lr > fastest:
        advice = tr(
            "more steps than the budget allows: this close to 2/μ_max = {limit:.4f} the steepest direction "
            "bounces and shrinks slowly, so lower λ a little",
            limit=limit,
        )
    else:
        advice = tr(
            "more steps than the budget allows, so raise λ (it must stay below 2/μ_max = {limit:.4f})", limit=limit
        )
    return Feedback(
        "wrong",
        tr(
            "after {T} steps ‖β − X⁺y‖ = {distance:.3g} > {tol:g}; with λ = {lr:g} it takes {need} steps: {advice}",
            T=T,
            distance=distance,
            tol=tol,
            lr=lr,
            need=need,
            advice=advice,
        ),
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
    read, problem = read_array(answer, tr("a number such as 12.3"), finite=False)
    if read is not None and read.size == 1 and not math.isfinite(float(read.reshape(()))):
        number = float(read.reshape(()))
        return unreadable(
            tr(
                "your answer is {number}: somewhere a division by zero. Dividing the ones column by its standard "
                "deviation 0 gives nan (standardise the two feature columns, then append the ones); μ_min = 0 "
                "gives inf (standardise the columns, axis=0, not the rows)",
                number=number,
            )
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
            tr(
                "correct: κ = {kappa:.3g}, against {raw} for the raw columns with the ones, {ratio} times less. "
                "What remains is the correlation r = {r:.3g} of area and rooms: κ = (1 + r)/(1 − r). With the best "
                "fixed λ, the prediction ⌈ln(1/ε)/ln(1/ρ)⌉ for ε = 10⁻⁶ is {steps} steps of descent instead of "
                "{raw_steps}",
                kappa=kappa,
                raw=_thousands(raw),
                ratio=_thousands(raw / kappa),
                r=r,
                steps=steps(kappa),
                raw_steps=_thousands(steps(raw)),
            ),
        )
    if abs(value) > 1e10:
        return Feedback(
            "wrong",
            tr(
                "κ = {value:.3g} means μ_min is 0 up to rounding: the matrix is singular. Take XᵀX (3 × 3, X.T @ X), "
                "not XXᵀ, and standardise each column (axis=0), not each row: every row, a larger area beside a "
                "smaller number of rooms, would become [1, −1]",
                value=value,
            ),
        )
    candidates = [
        (raw, tr("that is κ of the raw columns with the ones: standardise first, (x − mean)/std column by column")),
        (kappas["raw, no ones"], tr("that is κ of the raw columns without the ones: standardise them, then append "
                                    "the ones")),
        (kappas["centred"], tr("you centred the columns but did not divide by their standard deviations: the area "
                               "(standard deviation {area:.3g} m²) still outweighs the rooms ({rooms:.3g})",
                               area=std[0], rooms=std[1])),
        (kappas["divided"], tr("you divided by the standard deviations but did not subtract the means: the columns "
                               "stay nearly parallel to the column of ones, and centring is what separates them from "
                               "it")),
        (kappas["all entries"], tr("that uses one mean and one standard deviation for the whole matrix: standardise "
                                   "each column with its own (axis=0)")),
        (kappas["min-max"], tr("that is min-max scaling onto [0, 1], another way to scale; the exercise asks for "
                               "standardising, (x − mean)/std")),
        (math.sqrt(kappa), tr("that is cond(X) = σ_max/σ_min = √κ; κ is the condition number of XᵀX, "
                              "cond(X)² = {kappa:.3g}", kappa=kappa)),
        (math.sqrt(raw), tr("that is cond(X) of the raw columns; standardise, and take the eigenvalues of XᵀX")),
        (1.0 / kappa, tr("that is μ_min/μ_max: κ is the largest eigenvalue over the smallest, at least 1")),
    ]  # fmt: skip
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    if value < 0:
        return Feedback(
            "wrong",
            tr(
                "κ = {value:.4g} is negative, but the eigenvalues of XᵀX are never negative (vᵀXᵀXv = ‖Xv‖² ≥ 0): "
                "κ = μ_max/μ_min is at least 1",
                value=value,
            ),
        )
    if near(kappa, rel=5e-2):
        return Feedback("wrong", tr("close ({value:.4g}), but keep the digits: compute κ with numpy", value=value))
    if value < 1:
        return Feedback(
            "wrong",
            tr("κ = μ_max/μ_min is at least 1; {value:.4g} is not. Put the largest eigenvalue on top", value=value),
        )
    return Feedback(
        "wrong",
        tr(
            "{value:.4g} is not κ of the standardised flats: subtract each column's mean, divide by its standard "
            "deviation, append the ones, and divide the largest eigenvalue of XᵀX by the smallest",
            value=value,
        ),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields. The Korean
# writes the column of ones as 절편 열 (np.ones in code): a "1로 된 열" would add a number the English lacks.
tr = Messages(
    {
        "your answer is empty: give {what}": "답이 비어 있습니다: {what}을(를) 주세요",
        "your answer contains nan or inf: give {what} with finite entries": (
            "답에 nan이나 inf가 있습니다: 성분이 모두 유한한 {what}을(를) 주세요"
        ),
        # exercise 1: the gradient of the mean squared error
        "the gradient as 2 numbers, e.g. [-1.5, 0.25]": "그레디언트를 나타내는 수 2개(예: [-1.5, 0.25])",
        "correct: r = y − Xβ = {r}, Xᵀr = {xtr}, and −(2/n)Xᵀr = {exact} with n = {n}": (
            "정답입니다: r = y − Xβ = {r}, Xᵀr = {xtr}이고, n = {n}일 때 −(2/n)Xᵀr = {exact}입니다"
        ),
        "the numbers are right but the shape is {shape}: β has shape ({d},), and "
        "beta - lr * grad with a {shape} gradient would broadcast to a ({d}, {d}) matrix. "
        "Keep r 1-D: -(2 / n) * X.T @ (y - X @ beta)": (
            "수는 맞지만 모양이 {shape}입니다: β의 모양은 ({d},)이므로, 모양이 {shape}인 그레디언트로 "
            "beta - lr * grad를 계산하면 브로드캐스팅되어 ({d}, {d}) 행렬이 됩니다. r을 1차원으로 두세요: "
            "-(2 / n) * X.T @ (y - X @ beta)"
        ),
        "your answer has {n} entries, one per example; the gradient has one per coefficient (d = {d}). "
        "Multiply the residual r (shape ({n},)) by Xᵀ (shape ({d}, {n})): -(2 / n) * X.T @ r": (
            "답에는 예제마다 하나씩, 성분이 {n}개 있습니다. 그레디언트에는 계수마다 하나씩(d = {d}) 있습니다. "
            "잔차 r(모양 ({n},))에 Xᵀ(모양 ({d}, {n}))를 곱하세요: -(2 / n) * X.T @ r"
        ),
        "the gradient has one entry per coefficient β, i.e. {d} numbers; yours has shape {shape}": (
            "그레디언트는 계수 β마다 성분이 하나, 곧 수 {d}개입니다. 답의 모양은 {shape}입니다"
        ),
        "that is −Xᵀ(y − Xβ), the lecture code's gradient: the mean squared error has the factor 2/n in front": (
            "그것은 강의 코드의 그레디언트 −Xᵀ(y − Xβ)입니다: 평균제곱오차의 그레디언트에는 앞에 인자 2/n이 붙습니다"
        ),
        "the 2 is missing: the derivative of r² is 2r·(∂r/∂β), so the gradient is −(2/n)Xᵀr": (
            "2가 빠졌습니다: r²의 도함수는 2r·(∂r/∂β)이므로, 그레디언트는 −(2/n)Xᵀr입니다"
        ),
        "the 1/n of the mean is missing: divide by n = {n}": "평균의 1/n이 빠졌습니다: n(= {n})으로 나누세요",
        "the sign is flipped: ∂(y − Xβ)/∂β = −X brings a minus, ∇ = −(2/n)Xᵀ(y − Xβ) = (2/n)Xᵀ(Xβ − y)": (
            "부호가 반대입니다: ∂(y − Xβ)/∂β = −X에서 마이너스가 나오므로, ∇ = −(2/n)Xᵀ(y − Xβ) = (2/n)Xᵀ(Xβ − y)입니다"
        ),
        "that is the gradient of the RMSE (the lecture's ‖y − Xβ‖ with 1/n); the exercise asks for the mean "
        "squared error": (
            "그것은 RMSE(1/n을 넣은 강의의 ‖y − Xβ‖)의 그레디언트입니다. 이 연습문제는 평균제곱오차의 그레디언트를 "
            "묻습니다"
        ),
        "your gradient points along the right line but is {ratio:.4g} times the right one: "
        "check the constant in front": (
            "그레디언트가 맞는 방향의 직선 위에 있지만, 맞는 그레디언트의 {ratio:.4g}배입니다: 앞에 붙는 상수를 "
            "확인해 보세요"
        ),
        "close ({values}), but keep all the digits: compute it with numpy": (
            "가깝지만({values}) 자릿수를 모두 남기세요: numpy로 계산하세요"
        ),
        "{values} is not the gradient: compute r = y - X @ beta, then -(2 / n) * X.T @ r": (
            "{values}은(는) 그레디언트가 아닙니다: r = y - X @ beta를 계산한 다음, -(2 / n) * X.T @ r을 계산하세요"
        ),
        # exercise 2: the column of ones
        "a matrix (a 2-D array) such as np.hstack([X_raw, np.ones((4, 1))])": (
            "np.hstack([X_raw, np.ones((4, 1))]) 같은 행렬(2차원 배열)"
        ),
        "give a matrix (a 2-D array) of shape ({n}, {cols}); yours has shape {shape}": (
            "모양이 ({n}, {cols})인 행렬(2차원 배열)을 주세요. 답의 모양은 {shape}입니다"
        ),
        "that is X unchanged: without a column of ones the plane must pass through the origin. "
        "Append one: np.hstack([X_raw, np.ones((4, 1))])": (
            "그것은 X 그대로입니다: 절편 열이 없으면 평면은 반드시 원점을 지나야 합니다. 절편 열을 붙이세요: "
            "np.hstack([X_raw, np.ones((4, 1))])"
        ),
        "you added a row (a fifth example), not a column: stack along the columns (axis=1) to get shape "
        "({n}, {cols})": (
            "열이 아니라 행(다섯 번째 예제)을 더했습니다: 열 방향(axis=1)으로 쌓아 모양 ({n}, {cols})을 만드세요"
        ),
        "X with the intercept column has shape ({n}, {cols}) (one column more); yours is {shape}": (
            "절편 열을 붙인 X의 모양은 ({n}, {cols})입니다 (열이 하나 더 많습니다). 답의 모양은 {shape}입니다"
        ),
        "the columns of X have changed: keep x₁ and x₂ as they are and add one column": (
            "X의 열이 바뀌었습니다: x₁과 x₂는 그대로 두고 열 하나를 더하세요"
        ),
        "a column of zeros adds nothing: its coefficient multiplies 0, so the predictions cannot shift. "
        "pinv still leaves a residual ‖y − Xβ‖ = {residual:.3g}": (
            "영벡터인 열은 아무것도 더하지 않습니다: 그 계수에는 0이 곱해지므로 예측을 옮길 수 없습니다. "
            "pinv로 맞춰도 잔차가 남습니다: ‖y − Xβ‖ = {residual:.3g}"
        ),
        "your new column is not constant, so its coefficient is another slope, not an intercept: an "
        "intercept adds the same number to every prediction, so its column holds the same value in every row": (
            "새 열이 상수가 아니므로, 그 계수는 절편이 아니라 또 하나의 기울기입니다: 절편은 모든 예측에 같은 수를 "
            "더하므로, 절편 열은 모든 행에서 같은 값을 가집니다"
        ),
        "correct: pinv now gives β = {beta}: the slopes 1 and 2 and, last, the intercept 3 (an exact fit)": (
            "정답입니다: 이제 pinv의 결과는 β = {beta}입니다: 기울기 1과 2, 그리고 마지막에 절편 3이 있습니다 "
            "(데이터에 정확히 맞습니다)"
        ),
        "correct: with the ones first, pinv gives β = {beta}: the intercept 3 sits at position {new}. "
        "The lecture appends the ones last, so that the last coefficient is the intercept": (
            "정답입니다: 절편 열을 맨 앞에 두면 pinv의 결과는 β = {beta}이고, 절편 3은 위치 {new}에 놓입니다. "
            "강의는 절편 열을 맨 뒤에 붙여서, 마지막 계수가 절편이 되게 합니다"
        ),
        "correct: with the ones in the middle, pinv gives β = {beta}: the intercept 3 sits at position {new}. "
        "The lecture appends the ones last, so that the last coefficient is the intercept": (
            "정답입니다: 절편 열을 가운데에 두면 pinv의 결과는 β = {beta}이고, 절편 3은 위치 {new}에 놓입니다. "
            "강의는 절편 열을 맨 뒤에 붙여서, 마지막 계수가 절편이 되게 합니다"
        ),
        "that works too: any non-zero constant column gives an intercept. Its coefficient is 3/{c:g} = "
        "{coefficient:.4g} (the intercept is that times the constant); with ones the coefficient is the "
        "intercept itself": (
            "이것도 됩니다: 영이 아닌 상수로 된 열이면 어느 것이든 절편을 줍니다. 그 계수는 3/{c:g} = "
            "{coefficient:.4g}입니다 (절편은 그 값에 상수를 곱한 것입니다). np.ones로 만든 열이면 계수가 곧 절편입니다"
        ),
        # exercise 3: a learning rate and a number of steps
        "give a pair (λ, T) such as (0.01, 500)": "(0.01, 500) 같은 쌍 (λ, T)를 주세요",
        "your answer could not be read: {example}, got {answer}": "답을 읽을 수 없습니다: {example}. 받은 답: {answer}",
        "your answer has {count} entries, not 2: {example}": "답의 성분이 2개가 아니라 {count}개입니다: {example}",
        "the learning rate λ must be a finite number, got {answer}": (
            "학습률 λ는 유한한 수여야 합니다. 받은 답: {answer}"
        ),
        "the learning rate λ must be positive, got {rate:g}": "학습률 λ는 양수여야 합니다. 받은 답: {rate:g}",
        "the number of steps T must be a whole number, got {answer}": "스텝 수 T는 정수여야 합니다. 받은 답: {answer}",
        "the number of steps T must be at least 1, got {steps}": "스텝 수 T는 1 이상이어야 합니다. 받은 답: {steps}",
        "T = {T} is over the budget of {budget} steps: find a λ that gets there faster "
        "(λ must stay below 2/μ_max = {limit:.4f})": (
            "T = {T}은(는) 예산인 {budget} 스텝을 넘습니다: 더 빨리 도달하는 λ를 찾으세요 "
            "(λ는 2/μ_max = {limit:.4f}보다 작아야 합니다)"
        ),
        "with λ = {lr:g} the run diverged at step {step}: λ is above 2/μ_max = {limit:.4f}, where "
        "μ_max = {mu_max:.4g} is the largest eigenvalue of XᵀX, so the steepest direction overshoots more "
        "every step": (
            "λ = {lr:g}일 때 실행은 {step}번째 스텝에서 발산했습니다: λ가 2/μ_max = {limit:.4f}보다 큽니다. "
            "μ_max = {mu_max:.4g}은(는) XᵀX의 가장 큰 고윳값이며, 가장 가파른 방향이 스텝마다 점점 더 멀리 "
            "지나칩니다"
        ),
        "correct: after T = {T} steps with λ = {lr:g}, ‖β − X⁺y‖ = {distance:.2e} ≤ {tol:g}": (
            "정답입니다: λ = {lr:g}일 때 T = {T} 스텝 뒤 ‖β − X⁺y‖ = {distance:.2e} ≤ {tol:g}입니다"
        ),
        "with λ = {lr:g} the run is diverging: ‖β − X⁺y‖ went from {start:.3g} to {distance:.3g} in {T} "
        "steps. λ must stay below 2/μ_max = {limit:.4f} (μ_max = {mu_max:.4g}, the largest eigenvalue of XᵀX)": (
            "λ = {lr:g}일 때 실행은 발산하고 있습니다: {T} 스텝 만에 ‖β − X⁺y‖가 {start:.3g}에서 {distance:.3g}까지 "
            "커졌습니다. λ는 2/μ_max = {limit:.4f}보다 작아야 합니다 (μ_max = {mu_max:.4g}, XᵀX의 가장 큰 고윳값)"
        ),
        "after {T} steps ‖β − X⁺y‖ = {distance:.3g}: λ = {lr:g} is so small that it would take more than "
        "ten million steps; try λ between 0.01 and 2/μ_max = {limit:.4f}": (
            "{T} 스텝 뒤 ‖β − X⁺y‖ = {distance:.3g}입니다: λ = {lr:g}은(는) 너무 작아서 천만 스텝 넘게 걸립니다. "
            "0.01과 2/μ_max = {limit:.4f} 사이의 λ를 써 보세요"
        ),
        "raise T to {need}": "T를 {need}까지 늘리세요",
        "more steps than the budget allows: this close to 2/μ_max = {limit:.4f} the steepest direction "
        "bounces and shrinks slowly, so lower λ a little": (
            "예산을 넘는 스텝 수입니다: 2/μ_max = {limit:.4f}에 이만큼 가까우면 가장 가파른 방향이 앞뒤로 "
            "튀며 천천히 줄어들므로, λ를 조금 낮추세요"
        ),
        "more steps than the budget allows, so raise λ (it must stay below 2/μ_max = {limit:.4f})": (
            "예산을 넘는 스텝 수이므로 λ를 키우세요 (λ는 2/μ_max = {limit:.4f}보다 작아야 합니다)"
        ),
        "after {T} steps ‖β − X⁺y‖ = {distance:.3g} > {tol:g}; with λ = {lr:g} it takes {need} steps: {advice}": (
            "{T} 스텝 뒤 ‖β − X⁺y‖ = {distance:.3g} > {tol:g}입니다. λ = {lr:g}일 때는 {need} 스텝이 걸립니다: {advice}"
        ),
        # exercise 4: the condition number after standardising
        "a number such as 12.3": "12.3 같은 수 하나",
        "your answer is {number}: somewhere a division by zero. Dividing the ones column by its standard "
        "deviation 0 gives nan (standardise the two feature columns, then append the ones); μ_min = 0 "
        "gives inf (standardise the columns, axis=0, not the rows)": (
            "답이 {number}입니다: 어딘가에서 영으로 나누었습니다. 절편 열을 그 표준편차 0으로 나누면 nan이 나옵니다 "
            "(두 특성 열을 표준화한 다음 절편 열을 붙이세요). μ_min = 0이면 inf가 나옵니다 "
            "(행이 아니라 열을 표준화하세요, axis=0)"
        ),
        "correct: κ = {kappa:.3g}, against {raw} for the raw columns with the ones, {ratio} times less. "
        "What remains is the correlation r = {r:.3g} of area and rooms: κ = (1 + r)/(1 − r). With the best "
        "fixed λ, the prediction ⌈ln(1/ε)/ln(1/ρ)⌉ for ε = 10⁻⁶ is {steps} steps of descent instead of "
        "{raw_steps}": (
            "정답입니다: κ = {kappa:.3g}로, 절편 열을 붙인 원래 열의 {raw}보다 {ratio}배 작습니다. 남는 것은 면적과 "
            "방 수의 상관계수 r = {r:.3g}입니다: κ = (1 + r)/(1 − r). 가장 좋은 고정 λ로 하는 경사하강법은, "
            "ε = 10⁻⁶에 대한 예측 ⌈ln(1/ε)/ln(1/ρ)⌉에 따르면 {raw_steps} 스텝 대신 {steps} 스텝이면 됩니다"
        ),
        "κ = {value:.3g} means μ_min is 0 up to rounding: the matrix is singular. Take XᵀX (3 × 3, X.T @ X), "
        "not XXᵀ, and standardise each column (axis=0), not each row: every row, a larger area beside a "
        "smaller number of rooms, would become [1, −1]": (
            "κ = {value:.3g}은(는) 반올림 오차를 빼면 μ_min이 0이라는 뜻입니다: 행렬이 특이행렬입니다. XXᵀ가 아니라 "
            "XᵀX(3 × 3, X.T @ X)를 쓰고, 각 행이 아니라 각 열을 표준화하세요(axis=0): 행마다 표준화하면, 더 큰 "
            "면적과 더 작은 방 수가 나란히 놓인 모든 행이 [1, −1]이 됩니다"
        ),
        "that is κ of the raw columns with the ones: standardise first, (x − mean)/std column by column": (
            "그것은 절편 열을 붙인 원래 열의 κ입니다: 먼저 열마다 (x − mean)/std로 표준화하세요"
        ),
        "that is κ of the raw columns without the ones: standardise them, then append the ones": (
            "그것은 절편 열 없이 원래 열만으로 구한 κ입니다: 열을 표준화한 다음 절편 열을 붙이세요"
        ),
        "you centred the columns but did not divide by their standard deviations: the area "
        "(standard deviation {area:.3g} m²) still outweighs the rooms ({rooms:.3g})": (
            "열의 평균을 빼기는 했지만 표준편차로 나누지 않았습니다: 면적(표준편차 {area:.3g} m²)이 여전히 "
            "방의 수({rooms:.3g})를 압도합니다"
        ),
        "you divided by the standard deviations but did not subtract the means: the columns "
        "stay nearly parallel to the column of ones, and centring is what separates them from it": (
            "표준편차로 나누기는 했지만 평균을 빼지 않았습니다: 그러면 열들이 절편 열과 거의 평행하게 남는데, "
            "열들을 절편 열에서 떼어 놓는 것이 바로 평균을 빼는 일(중심화)입니다"
        ),
        "that uses one mean and one standard deviation for the whole matrix: standardise "
        "each column with its own (axis=0)": (
            "그것은 행렬 전체에 평균 하나와 표준편차 하나를 쓴 값입니다: 각 열을 그 열의 평균과 표준편차로 "
            "표준화하세요(axis=0)"
        ),
        "that is min-max scaling onto [0, 1], another way to scale; the exercise asks for "
        "standardising, (x − mean)/std": (
            "그것은 [0, 1]로 옮기는 min-max 스케일링으로, 또 다른 스케일링 방법입니다. 이 연습문제는 표준화 "
            "(x − mean)/std를 묻습니다"
        ),
        "that is cond(X) = σ_max/σ_min = √κ; κ is the condition number of XᵀX, cond(X)² = {kappa:.3g}": (
            "그것은 cond(X) = σ_max/σ_min = √κ입니다. κ는 XᵀX의 조건수, 곧 cond(X)² = {kappa:.3g}입니다"
        ),
        "that is cond(X) of the raw columns; standardise, and take the eigenvalues of XᵀX": (
            "그것은 원래 열의 cond(X)입니다. 표준화한 다음 XᵀX의 고윳값을 쓰세요"
        ),
        "that is μ_min/μ_max: κ is the largest eigenvalue over the smallest, at least 1": (
            "그것은 μ_min/μ_max입니다: κ는 가장 큰 고윳값을 가장 작은 고윳값으로 나눈 값이므로 1 이상입니다"
        ),
        "κ = {value:.4g} is negative, but the eigenvalues of XᵀX are never negative (vᵀXᵀXv = ‖Xv‖² ≥ 0): "
        "κ = μ_max/μ_min is at least 1": (
            "κ = {value:.4g}은(는) 음수이지만, XᵀX의 고윳값은 결코 음수가 아닙니다 (vᵀXᵀXv = ‖Xv‖² ≥ 0): "
            "κ = μ_max/μ_min은 1 이상입니다"
        ),
        "close ({value:.4g}), but keep the digits: compute κ with numpy": (
            "가깝지만({value:.4g}) 자릿수를 남기세요: numpy로 κ를 계산하세요"
        ),
        "κ = μ_max/μ_min is at least 1; {value:.4g} is not. Put the largest eigenvalue on top": (
            "κ = μ_max/μ_min은 1 이상인데, {value:.4g}은(는) 그렇지 않습니다. 가장 큰 고윳값을 분자에 두세요"
        ),
        "{value:.4g} is not κ of the standardised flats: subtract each column's mean, divide by its standard "
        "deviation, append the ones, and divide the largest eigenvalue of XᵀX by the smallest": (
            "{value:.4g}은(는) 표준화한 아파트 데이터의 κ가 아닙니다: 각 열에서 평균을 빼고 표준편차로 나눈 뒤 절편 "
            "열을 붙이고, XᵀX의 가장 큰 고윳값을 가장 작은 고윳값으로 나누세요"
        ),
    }
)

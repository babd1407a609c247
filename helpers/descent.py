"""The descent loop and its result: one contract shared by every optimiser and every plot.

An optimiser *step* takes the current point, the gradient there and the optimiser's
state, and returns the next point and state (the d2l pattern). :func:`loop` is the course's one
loop: it runs any step with the lecture's stopping rule (stop when ``|f'| <= eps`` or
``‖∇f‖ <= eps``), a step cap and divergence detection, on a full gradient or on the minibatch
source of :mod:`helpers.sgd`. :func:`iterate` validates a full-gradient run and returns a
:class:`DescentResult` that plots and explorers draw the same way whatever produced it. :func:`convergence_status` says how a 1-D run
went (converged, oscillating, diverging) against the learning rate's 1/μ and 2/μ.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .i18n import Messages
from .validation import (
    MAX_ELEMENTS,
    MAX_STEPS,
    _show,
    check_array,
    check_callable,
    check_int,
    check_limit,
    check_real,
    check_returned,
)

__all__ = [
    "DIVERGENCE_LIMIT",
    "DescentResult",
    "Step",
    "convergence_status",
    "gd_step",
    "Diverged",
    "Exhausted",
    "Trace",
    "gradient_descent",
    "iterate",
    "loop",
    "momentum_rate",
    "momentum_step",
    "oscillates",
]

#: A point or gradient whose norm exceeds this is treated as diverged (before it overflows).
DIVERGENCE_LIMIT = 1e12

#: ``step(x, g, state) -> (x_next, state)``
Step = Callable[[Any, Any, Any], tuple[Any, Any]]


@dataclass(frozen=True)
class DescentResult:
    """What a descent run did, step by step.

    Attributes
    ----------
    path : ndarray
        The iterates x_0 … x_k: shape ``(k+1,)`` for a scalar variable, ``(k+1, d)`` for a vector.
        Every recorded number is finite: a diverging run keeps what it had before it blew up.
    grad_norms : ndarray
        ``|f'(x_i)|`` or ``‖∇f(x_i)‖`` at each iterate where the gradient was taken: shape ``(k+1,)``,
        or ``(k,)`` when the last point has none (a minibatch run ends after its last batch; a run
        whose gradient blew up at x_k keeps x_k but not that gradient).
    values : ndarray or None
        ``f(x_i)`` for each iterate when the objective was given, else ``None``.
    steps : int
        Number of updates made (``len(path) - 1``).
    status : {"converged", "max_steps", "diverged", "finished"}
        Why it stopped. ``"finished"`` means a fixed number of steps was asked for (``eps=None``).
    lr : float
        The learning rate λ.
    eps : float or None
        The stopping threshold ε, or ``None`` for a fixed number of steps.
    max_steps : int
        The step cap.
    diverged_at : int or None
        The step at which the run diverged.
    ascent : bool
        True for gradient ascent.
    extra : dict
        Algorithm-specific history (e.g. per-epoch losses of SGD).
    objective : Objective, Regression or None
        What the run descended, when :func:`gradient_descent` was given it (not a bare gradient):
        plots draw the run on it, so a run cannot be drawn on the wrong curve.
    momentum : float
        The momentum β (0 for plain descent).
    kind : {"descent", "training"}
        ``"training"`` for :meth:`helpers.nn.MLP.train`: ``path``, ``values`` and ``grad_norms`` are
        per epoch, ``diverged_at`` is an epoch, ``extra["accuracy"]`` holds the accuracy, and
        :attr:`message` counts epochs. ``"descent"`` for every other run.
    """

    path: np.ndarray
    grad_norms: np.ndarray
    values: np.ndarray | None
    steps: int
    status: str
    lr: float
    eps: float | None
    max_steps: int
    diverged_at: int | None = None
    ascent: bool = False
    extra: dict = field(default_factory=dict)
    objective: Any = None
    momentum: float = 0.0
    kind: str = "descent"

    @property
    def x(self):
        """The last recorded iterate (a float for scalar runs, an array otherwise)."""
        last = self.path[-1]
        return float(last) if self.path.ndim == 1 else last.copy()

    @property
    def converged(self) -> bool:
        return self.status == "converged"

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"

    @property
    def grad_symbol(self) -> str:
        return "|f'|" if self.path.ndim == 1 else "‖∇f‖"

    @property
    def message(self) -> str:
        """One line for a learner: why the run stopped, and after how many steps (epochs, for training).

        Always English, as it labels figures (whose text stays English in both editions);
        :meth:`describe` says the same in the edition's language.
        """
        return self.describe(lang="en")

    def describe(self, lang: str | None = None) -> str:
        """:attr:`message` in ``lang``, by default the edition's (helpers/i18n.py): explorers' status lines.

        Examples
        --------
        >>> from helpers.i18n import edition
        >>> run = gradient_descent(lambda x: 2 * x + 2, 1.5, lr=0.1, eps=1e-5, steps=1000)
        >>> run.describe()
        "converged in 59 steps (|f'| ≤ ε = 1e-05)"
        >>> with edition("ko"):
        ...     run.describe()
        "59번 만에 수렴 (|f'| ≤ ε = 1e-05)"
        """
        if self.kind == "training":
            return self._training_message(lang)
        g = self.grad_symbol
        if self.status == "converged":
            if self.steps == 1:
                return tr("converged in 1 step ({g} ≤ ε = {eps:.0e})", lang=lang, g=g, eps=self.eps)
            return tr(
                "converged in {steps} steps ({g} ≤ ε = {eps:.0e})", lang=lang, steps=self.steps, g=g, eps=self.eps
            )
        if self.status == "diverged":
            return tr("diverged at step {step}", lang=lang, step=self.diverged_at)
        last = float(self.grad_norms[-1])
        if self.status == "finished":
            return tr("finished {steps} steps with {g} = {last:.2e}", lang=lang, steps=self.steps, g=g, last=last)
        return tr("stopped at the step cap {cap} with {g} = {last:.2e}", lang=lang, cap=self.max_steps, g=g, last=last)

    def _training_message(self, lang: str | None) -> str:
        # "trained 800 epochs (800 updates): loss 0.0441, accuracy 99.3%", or
        # "diverged in epoch 12; kept epoch 11: loss 0.6931, accuracy 50.0%"
        epochs = len(self.path) - 1
        accuracy = self.extra.get("accuracy")
        parts = [] if self.values is None else [tr("loss {loss:.4f}", lang=lang, loss=self.values[-1])]
        parts += [] if accuracy is None else [tr("accuracy {accuracy:.1%}", lang=lang, accuracy=accuracy[-1])]
        summary = ", ".join(parts)
        if self.status == "diverged":
            return tr(
                "diverged in epoch {epoch}; kept epoch {kept}: {summary}",
                lang=lang,
                epoch=self.diverged_at,
                kept=epochs,
                summary=summary,
            )
        if epochs == 1 and self.steps == 1:
            return tr("trained 1 epoch (1 update): {summary}", lang=lang, summary=summary)
        if epochs == 1:
            return tr("trained 1 epoch ({updates} updates): {summary}", lang=lang, updates=self.steps, summary=summary)
        return tr(
            "trained {epochs} epochs ({updates} updates): {summary}",
            lang=lang,
            epochs=epochs,
            updates=self.steps,
            summary=summary,
        )

    def __repr__(self) -> str:
        if self.kind == "training":  # x holds every parameter of the network: say how many
            return f"DescentResult({self.message}; {np.shape(self.path)[-1]} parameters)"
        return f"DescentResult({self.message}; x = {np.round(self.x, 6)})"


def gd_step(lr: float, *, ascent: bool = False) -> Step:
    """Plain gradient descent x ← x − λ∇f(x) (or ascent x ← x + λ∇f(x)) as a step."""
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    sign = 1.0 if ascent else -1.0

    def step(x, g, state):
        return x + sign * lr * g, state

    return step


def momentum_step(lr: float, beta: float = 0.9) -> Step:
    """Heavy-ball momentum: v ← βv + ∇f(x), x ← x − λv. The state is the velocity v; 0 ≤ β < 1."""
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    beta = check_real("beta", beta, low=0.0, high=1.0, high_inclusive=False)

    def step(x, g, state):
        v = g if state is None else beta * state + g
        return x - lr * v, v

    return step


def momentum_rate(lr: float, beta: float, curvatures) -> float:
    """The heavy ball's factor per step on a quadratic: the largest spectral radius over the curvatures.

    Along an eigenvector of curvature μ, heavy-ball momentum (v ← βv + ∇f(x), x ← x − λv) maps the
    pair (x_k, x_{k−1}) to (x_{k+1}, x_k) by the matrix [[1 + β − λμ, −β], [1, 0]], whose eigenvalues
    are the roots of z² − (1 + β − λμ)z + β. The slowest direction sets the rate: the largest
    modulus of a root over all μ. Below 1 the run converges, above 1 it diverges.

    Parameters
    ----------
    lr : float
        The learning rate λ.
    beta : float
        The momentum β (0 is plain descent, whose rate is max |1 − λμ|).
    curvatures : sequence of float
        The eigenvalues μ of the Hessian (μ_min = 2 and μ_max = 20 for x² + 10y², the momentum
        explorer's function).

    Returns
    -------
    float

    Examples
    --------
    >>> round(momentum_rate(2 / 22, 0.0, (2.0, 20.0)), 4)  # descent with λ = 2/(μ_min + μ_max): (κ − 1)/(κ + 1)
    0.8182
    >>> round(momentum_rate(0.1, 0.5, (2.0, 20.0)), 4)  # complex roots: the rate is √β
    0.7071
    """
    lr = check_real("lr", lr, low=0.0)
    beta = check_real("beta", beta, low=0.0)
    rate = 0.0
    for mu in curvatures:
        a = 1.0 + beta - lr * float(mu)
        disc = a * a - 4.0 * beta
        # Real roots: (|a| + √disc)/2 is the larger modulus; complex ones both have modulus √β.
        rate = max(rate, (abs(a) + math.sqrt(disc)) / 2.0 if disc >= 0 else math.sqrt(beta))
    return rate


def _norm(g) -> float:
    if isinstance(g, float):
        return abs(g)
    return math.sqrt(float(g @ g)) if g.ndim == 1 else float(np.linalg.norm(g))


def _as_point(start):
    """Scalars run on Python floats (fast); vectors on float64 arrays."""
    arr = check_array("start", start, finite=False)  # finiteness is checked by the caller, with its own message
    if arr.ndim == 0:
        return float(arr)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"start must be a number or a non-empty 1-D vector, got shape {arr.shape}")
    return arr.copy()


def iterate(
    grad: Callable,
    start,
    step: Step,
    *,
    lr: float,
    eps: float | None = 1e-5,
    steps: int = 10_000,
    f: Callable | None = None,
    ascent: bool = False,
) -> DescentResult:
    """Run an optimiser ``step`` from ``start`` until ``|∇f| <= eps``, the step cap, or divergence.

    The inputs are checked here; the steps run in :func:`loop`, the course's one descent loop.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns f'(x) (a number) or ∇f(x) (a vector of the same length as ``x``).
    start : float or array_like
        The start point x_0.
    step : callable
        ``step(x, g, state) -> (x_next, state)``; see :func:`gd_step`.
    lr : float
        The learning rate, recorded in the result (the step already uses it).
    eps : float or None
        Stop when the gradient's size is at most ``eps``; ``None`` runs exactly ``steps`` steps.
    steps : int
        The step cap.
    f : callable, optional
        The objective, recorded at every iterate.
    ascent : bool
        Recorded in the result.

    Returns
    -------
    DescentResult
    """
    check_callable("grad", grad)
    check_callable("step", step)
    if f is not None:
        check_callable("f", f)
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    if eps is not None:
        eps = check_real("eps", eps, low=0.0)
    steps = check_int("steps", steps, low=1, high=MAX_STEPS)
    x = _as_point(start)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"start must be finite, got {_show(start)}")
    # The path keeps every iterate: (steps + 1) × d numbers.
    check_limit(
        "(steps + 1) × len(start) (the numbers in the path)", (steps + 1) * np.size(x), MAX_ELEMENTS,
        "use fewer steps",
    )  # fmt: skip

    trace = loop(grad, x, step, steps=steps, eps=eps, f=f, shown=_show(start))
    return DescentResult(
        path=np.array(trace.path, dtype=float),
        grad_norms=np.array(trace.norms, dtype=float),
        values=np.array(trace.values, dtype=float) if f is not None else None,
        steps=trace.points - 1,
        status=trace.status,
        lr=lr,
        eps=eps,
        max_steps=steps,
        diverged_at=trace.diverged_at,
        ascent=ascent,
    )


class Diverged(Exception):
    """A gradient source's way to end a run as diverged (the minibatch loop's epoch loss overflowed)."""


class Exhausted(Exception):
    """A gradient source's way to end a run as finished (a minibatch run has no batch left)."""


@dataclass
class Trace:
    """What :func:`loop` recorded: the points, the gradient's size at each, the objective there."""

    path: list
    norms: list
    values: list
    points: int
    status: str
    diverged_at: int | None


def loop(
    grad: Callable,
    x,
    step: Step,
    *,
    steps: int,
    eps: float | None,
    f: Callable | None = None,
    keep_path: bool = True,
    shown: str,
    names: tuple[str, str] = ("grad", "start"),
) -> Trace:
    """The course's one descent loop: full-gradient descent, momentum, ascent and minibatch SGD alike.

    At each point x_k, k = 0 … ``steps``: record f(x_k) (when ``f`` is given) and x_k, take the
    gradient ``g = grad(x_k)``, stop when ``|g| <= eps`` or at the step cap, else move to
    ``step(x_k, g, state)``. A full-gradient run's ``grad`` is ∇f; a minibatch run's (helpers.sgd) is a
    source that returns the next batch's gradient, raises :class:`Exhausted` when no batch is left
    and :class:`Diverged` when its epoch bookkeeping finds the loss overflowed.

    Divergence is a result, not an error (except at x_0, where nothing has been recorded yet): an
    objective that is not finite at x_k ends the run before x_k is recorded; a gradient that is not
    finite or exceeds :data:`DIVERGENCE_LIMIT` ends it after (so the last point has no gradient); a
    step beyond the limit is not taken. ``diverged_at`` is k, or k + 1 for the step. Inputs are the
    caller's to validate; ``shown`` is x_0 as messages show it, ``names`` the gradient's and start's
    names in them. ``keep_path=False`` records no points (a caller that keeps its own, per epoch).
    """
    grad_name, start_name = names
    scalar = isinstance(x, float)
    shape = None if scalar else x.shape
    returned = f"the value {grad_name} returned"
    path: list = []
    norms: list = []
    values: list = []
    points = 0
    state = None
    status, diverged_at = None, None
    # Overflow on the way to divergence is expected and reported as a result, not as warnings.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(steps + 1):
            try:
                if f is not None:
                    fx = check_returned("the value f returned", f(x), scalar=True)
                    if not math.isfinite(fx):
                        if k == 0:
                            raise ValueError(f"the objective at {start_name} = {shown} is not finite")
                        status, diverged_at = "diverged", k
                        break
                    values.append(fx)
                if keep_path:
                    path.append(x)
                points += 1
                g = check_returned(returned, grad(x), scalar=scalar)
            except Exhausted:
                status = "finished"
                break
            except Diverged:
                status, diverged_at = "diverged", k
                break
            except (OverflowError, ZeroDivisionError, ValueError) as exc:
                if k == 0:
                    raise ValueError(
                        f"the gradient or objective cannot be evaluated at {start_name} = {shown}: {exc}"
                    ) from exc
                status, diverged_at = "diverged", k
                break
            if not scalar and np.shape(g) != shape:  # np.shape: grad may return a plain number
                raise ValueError(f"{grad_name} must return shape {shape} like {start_name}, got shape {np.shape(g)}")
            gn = _norm(g)
            if not math.isfinite(gn) or gn > DIVERGENCE_LIMIT:
                if k == 0:
                    raise ValueError(
                        f"the gradient at {start_name} = {shown} is not finite or exceeds {DIVERGENCE_LIMIT:g}: "
                        "start closer to a minimum"
                    )
                status, diverged_at = "diverged", k
                break
            norms.append(gn)
            if eps is not None and gn <= eps:
                status = "converged"
                break
            if k == steps:
                status = "max_steps" if eps is not None else "finished"
                break
            try:
                x, state = step(x, g, state)
            except OverflowError:
                status, diverged_at = "diverged", k + 1
                break
            xn = abs(x) if scalar else _norm(x)
            if not math.isfinite(xn) or xn > DIVERGENCE_LIMIT:
                status, diverged_at = "diverged", k + 1
                break
    assert status is not None  # every way out of the loop above sets it
    return Trace(path, norms, values, points, status, diverged_at)


def _gradient_and_value(objective, f) -> tuple[Callable, Callable | None, Any]:
    """(gradient, objective value or None, what to record) from an objective or a bare gradient."""
    grad = getattr(objective, "grad", None)
    if callable(grad) and callable(getattr(objective, "f", None)):
        if f is not None:
            raise ValueError(f"f is taken from the objective {_show(objective)}: leave f out, got f={_show(f)}")
        return grad, objective.f, objective
    if callable(objective):
        return objective, f, None
    raise TypeError(
        "objective must be an Objective (helpers.objective), a Regression problem or a gradient function, "
        f"got {_show(objective)} of type {type(objective).__name__}"
    )


def gradient_descent(
    objective,
    start,
    *,
    lr: float = 1e-2,
    eps: float | None = 1e-5,
    steps: int = 10_000,
    momentum: float = 0.0,
    ascent: bool = False,
    batch_size: int | None = None,
    epochs: int | None = None,
    seed: int = 0,
    f: Callable | None = None,
) -> DescentResult:
    """Gradient descent (경사하강법): x ← x − λ∇f(x) until ``|∇f(x)| <= eps``, and its variants.

    One loop for the course: plain descent, gradient ascent (경사상승법, x ← x + λ∇f(x), towards a local
    maximum), heavy-ball momentum, and minibatch SGD on a regression problem. Every variant returns a
    :class:`DescentResult` that records the objective it ran on.

    Parameters
    ----------
    objective : Objective, Regression or callable
        What to descend: an :class:`~helpers.functions.Objective` (from :func:`helpers.objective`), a
        :class:`~helpers.regression.Regression` problem, or a bare gradient function ``grad(x)`` (then
        ``f`` may give the values to record).
    start : float or array_like
        The start point x₀ (β₀ for a regression).
    lr : float
        The learning rate λ > 0.
    eps : float or None
        The stopping threshold ε ≥ 0 on ``|f'|`` or ``‖∇f‖``; ``None`` runs exactly ``steps`` steps.
    steps : int
        The step cap (the exact number of steps when ``eps`` is None).
    momentum : float
        β in [0, 1): heavy-ball momentum v ← βv + ∇f(x), x ← x − λv. 0 is plain descent.
    ascent : bool
        Climb instead: x ← x + λ∇f(x).
    batch_size, epochs, seed : int, optional
        Minibatch SGD on a Regression problem: ``epochs`` passes over the data in shuffled batches of
        ``batch_size`` rows (``seed`` seeds the shuffles); ``eps`` and ``steps`` do not apply.
    f : callable, optional
        With a bare gradient only: the objective's value, recorded at each iterate.

    Returns
    -------
    DescentResult

    Examples
    --------
    >>> r = gradient_descent(lambda x: 2 * x + 2, 1.5, lr=1e-2, eps=1e-5)
    >>> r.status, round(r.x, 4)
    ('converged', -1.0)
    >>> round(gradient_descent(lambda x: -2 * (x - 3), 0.0, lr=0.1, ascent=True).x, 4)  # the top of −(x − 3)²
    3.0
    >>> gradient_descent(lambda x: 2 * x + 2, 1.5, lr=1e-2, momentum=0.9).steps < r.steps
    True
    """
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    momentum = check_real("momentum", momentum, low=0.0, high=1.0, high_inclusive=False)
    if not isinstance(ascent, bool):
        raise TypeError(f"ascent must be True or False, got {_show(ascent)}")
    if momentum and ascent:
        raise ValueError(f"momentum applies to descent only: got momentum={momentum:g} with ascent=True")
    if batch_size is not None or epochs is not None:
        sgd = getattr(objective, "minibatch_descent", None)
        if sgd is None:
            raise TypeError(
                f"batch_size and epochs need a problem with data rows (a Regression), got {_show(objective)}"
            )
        if batch_size is None or epochs is None:
            raise ValueError(f"minibatch SGD needs both batch_size and epochs, got {batch_size=}, {epochs=}")
        if momentum or ascent or f is not None:
            raise ValueError("minibatch SGD takes lr, batch_size, epochs and seed only (no momentum, ascent or f)")
        return sgd(start, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed)
    grad, value, recorded = _gradient_and_value(objective, f)
    step = momentum_step(lr, momentum) if momentum else gd_step(lr, ascent=ascent)
    run = iterate(grad, start, step, lr=lr, eps=eps, steps=steps, f=value, ascent=ascent)
    return dataclasses.replace(run, objective=recorded, momentum=momentum)


def oscillates(path: np.ndarray, window: int = 30) -> bool:
    """Whether the last steps of a 1-D path mostly reverse direction (x overshoots back and forth).

    Parameters
    ----------
    path : array_like, shape (k + 1,)
        The iterates x₀, …, x_k of a run (``DescentResult.path``).
    window : int
        How many of the last steps are looked at.

    Returns
    -------
    bool
        True when more than half of the consecutive steps in the window change direction.

    Examples
    --------
    >>> oscillates([1.0, -0.5, 0.25, -0.125]), oscillates([1.0, 0.5, 0.25, 0.125])
    (True, False)
    """
    d = np.diff(np.asarray(path, dtype=float)[-(window + 1) :])
    d = d[d != 0]
    if len(d) < 2:
        return False
    return float(np.mean(np.sign(d[1:]) != np.sign(d[:-1]))) > 0.5


def convergence_status(result: DescentResult, L: float) -> str:
    """The convergence explorer's status: converged / oscillating / diverging / diverged, with the step and λ vs 2/μ.

    Other statuses: "diverged at step 49 (…)", "oscillating: no convergence in 200 steps, …",
    "diverging: |f'| grew from 5.0e+00 to 9.5e+08 in 200 steps (…)".

    Parameters
    ----------
    result : DescentResult
        A 1-D run.
    L : float
        The curvature μ that the learning rate is compared with (1/μ and 2/μ).

    Returns
    -------
    str

    Examples
    --------
    >>> run = gradient_descent(lambda x: 2 * x + 2, 1.5, lr=0.8, eps=1e-5, steps=200)
    >>> convergence_status(run, 2.0)
    "converged in 26 steps (|f'| ≤ ε = 1e-05), oscillating around the minimum (λ = 0.8, 1/μ = 0.5, 2/μ = 1); x = -1"
    """
    lr = result.lr
    rates = f"λ = {lr:.3g}, 1/μ = {1 / L:.3g}, 2/μ = {2 / L:.3g}"
    if result.diverged:
        return tr("diverged at step {step} ({rates})", step=result.diverged_at, rates=rates)
    swings = oscillates(result.path)
    if result.converged:
        if swings:
            return tr(
                "{outcome}, oscillating around the minimum ({rates}); x = {x:.5g}",
                outcome=result.describe(),
                rates=rates,
                x=result.x,
            )
        return tr("{outcome}, monotone ({rates}); x = {x:.5g}", outcome=result.describe(), rates=rates, x=result.x)
    g, g0 = float(result.grad_norms[-1]), float(result.grad_norms[0])
    if g > 10 * g0:
        return tr(
            "diverging: |f'| grew from {g0:.1e} to {g:.1e} in {steps} steps ({rates}); x = {x:.5g}",
            g0=g0,
            g=g,
            steps=result.steps,
            rates=rates,
            x=result.x,
        )
    if swings:
        return tr(
            "oscillating: no convergence in {steps} steps, |f'| = {g:.1e} ({rates}); x = {x:.5g}",
            steps=result.steps,
            g=g,
            rates=rates,
            x=result.x,
        )
    return tr("{outcome}, monotone but slow ({rates}); x = {x:.5g}", outcome=result.describe(), rates=rates, x=result.x)


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "converged in 1 step ({g} ≤ ε = {eps:.0e})": "1번 만에 수렴 ({g} ≤ ε = {eps:.0e})",
        "converged in {steps} steps ({g} ≤ ε = {eps:.0e})": "{steps}번 만에 수렴 ({g} ≤ ε = {eps:.0e})",
        "diverged at step {step}": "{step}번째 스텝에서 발산",
        "finished {steps} steps with {g} = {last:.2e}": "{steps}번의 스텝을 마침, {g} = {last:.2e}",
        "stopped at the step cap {cap} with {g} = {last:.2e}": "스텝 상한 {cap}에서 멈춤, {g} = {last:.2e}",
        "loss {loss:.4f}": "손실 {loss:.4f}",
        "accuracy {accuracy:.1%}": "정확도 {accuracy:.1%}",
        "diverged in epoch {epoch}; kept epoch {kept}: {summary}": (
            "{epoch}번째 에폭에서 발산, {kept}번째 에폭의 파라미터를 유지: {summary}"
        ),
        "trained 1 epoch (1 update): {summary}": "1 에폭 학습 (업데이트 1번): {summary}",
        "trained 1 epoch ({updates} updates): {summary}": "1 에폭 학습 (업데이트 {updates}번): {summary}",
        "trained {epochs} epochs ({updates} updates): {summary}": "{epochs} 에폭 학습 (업데이트 {updates}번): {summary}",
        "diverged at step {step} ({rates})": "{step}번째 스텝에서 발산 ({rates})",
        "{outcome}, oscillating around the minimum ({rates}); x = {x:.5g}": (
            "{outcome}, 최솟값 주위에서 진동하며 수렴 ({rates}); x = {x:.5g}"
        ),
        "{outcome}, monotone ({rates}); x = {x:.5g}": "{outcome}, 단조 수렴 ({rates}); x = {x:.5g}",
        "diverging: |f'| grew from {g0:.1e} to {g:.1e} in {steps} steps ({rates}); x = {x:.5g}": (
            "발산 중: {steps}번의 스텝 동안 |f'|이(가) {g0:.1e}에서 {g:.1e}(으)로 커짐 ({rates}); x = {x:.5g}"
        ),
        "oscillating: no convergence in {steps} steps, |f'| = {g:.1e} ({rates}); x = {x:.5g}": (
            "진동: {steps}번의 스텝 안에 수렴하지 않음, |f'| = {g:.1e} ({rates}); x = {x:.5g}"
        ),
        "{outcome}, monotone but slow ({rates}); x = {x:.5g}": "{outcome}, 단조롭지만 느림 ({rates}); x = {x:.5g}",
    }
)

"""Stochastic and minibatch gradient descent (section 6 of the lecture).

One update uses a minibatch of b examples instead of all n: θ ← θ − λ ∇̂L(θ), where ∇̂L is the
gradient averaged over the batch (the mean, so divide by b, not by n). One *epoch* is one pass over
the data in a fresh random order, without replacement: ⌈n/b⌉ updates, the last batch possibly smaller.

The updates run in the course's one descent loop, :func:`helpers.descent.loop`: this module only
supplies the batches (a gradient source that walks through each epoch's shuffle) and keeps the
per-epoch record.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .descent import DescentResult, Diverged, Exhausted, gd_step, loop
from .regression import OBJECTIVES, _check_beta, _check_data, _gradient, _loss
from .validation import (
    MAX_ELEMENTS,
    MAX_STEPS,
    MAX_WORK,
    _show,
    check_array,
    check_callable,
    check_choice,
    check_int,
    check_limit,
    check_real,
    check_returned,
)

__all__ = ["minibatch_descent", "regression_sgd"]

#: ``epoch_grad(perm) -> block_grad(theta, lo, hi)``: the batch is ``perm[lo:hi]``.
_EpochGrad = Callable[[np.ndarray], Callable[[Any, int, int], Any]]


def _as_theta(theta0: Any) -> float | np.ndarray:
    # Like descent.iterate: a scalar runs on floats, a vector on a float64 copy.
    arr = check_array("theta0", theta0, ndim=(0, 1))
    if arr.ndim == 0:
        return float(arr)
    if arr.size == 0:
        raise ValueError(f"theta0 must be a number or a non-empty 1-D vector, got shape {arr.shape}")
    return arr.copy()


def _check_run(n, lr, batch_size, epochs, seed, loss, record) -> tuple[int, float, int, int, int]:
    n = check_int("n", n, low=1)
    check_limit("n", n, MAX_ELEMENTS, "each epoch draws a permutation of n indices: use fewer examples")
    lr = check_real("lr", lr, low=0.0, low_inclusive=False)
    batch_size = check_int("batch_size", batch_size, low=1, high=n)
    epochs = check_int("epochs", epochs, low=1, high=1_000_000)
    check_limit(
        "epochs × batches per epoch (the updates)", epochs * -(-n // batch_size), MAX_STEPS,
        "use fewer epochs or larger batches",
    )  # fmt: skip
    seed = check_int("seed", seed, low=0)
    if loss is not None:
        check_callable("loss", loss)
    check_choice("record", record, ("step", "epoch"))
    return n, lr, batch_size, epochs, seed


def _no_batch(theta, lo, hi):
    raise AssertionError("a batch was asked for before its epoch began")  # _Batches sets each epoch's first


class _Batches:
    """The gradient source of a minibatch run: each call is the next batch's gradient, epoch by epoch.

    :func:`helpers.descent.loop` calls it once per point; at every epoch boundary it keeps that
    epoch's end (θ, the full loss, the wall time of the epoch's updates) and draws the next epoch's
    permutation. After the last batch it raises :class:`~helpers.descent.Exhausted`: the run is over.
    An epoch whose loss is not finite raises :class:`~helpers.descent.Diverged`.
    """

    def __init__(self, epoch_grad: _EpochGrad, theta0, n: int, b: int, epochs: int, seed: int, full_loss, start_loss):
        self.epoch_grad, self.n, self.b, self.epochs = epoch_grad, n, b, epochs
        self.rng = np.random.default_rng(seed)
        self.full_loss = full_loss
        self.epoch = 0  # epochs completed
        self.block_grad: Callable = _no_batch
        self.lo = n  # the next batch's first row: n means a new epoch begins
        self.clock: float | None = None  # the running epoch's start, None between epochs
        self.loss_seconds = 0.0  # time spent recording step losses in the running epoch
        self.epoch_path: list = [theta0]
        self.epoch_losses: list = [start_loss]
        self.epoch_seconds: list[float] = []

    def __call__(self, theta):
        lo = self.lo
        if lo >= self.n:  # an epoch boundary: the hot path below is one batch
            if self.clock is not None:
                self._end_epoch(theta)
            if self.epoch == self.epochs:
                raise Exhausted
            self.clock, self.loss_seconds = time.perf_counter(), 0.0  # the shuffle is part of the epoch
            self.block_grad = self.epoch_grad(self.rng.permutation(self.n))
            lo = 0
        hi = min(lo + self.b, self.n)
        self.lo = hi
        return self.block_grad(theta, lo, hi)

    def _end_epoch(self, theta) -> None:
        self.stop_clock()
        end_loss = self.full_loss(theta) if self.full_loss is not None else None
        if end_loss == math.inf:
            raise Diverged
        self.epoch += 1
        self.epoch_path.append(theta)
        self.epoch_losses.append(end_loss)

    def stop_clock(self) -> None:
        """Close the running epoch's wall time (also for an epoch cut short by divergence)."""
        if self.clock is not None:
            self.epoch_seconds.append(time.perf_counter() - self.clock - self.loss_seconds)
            self.clock = None


def _descend(
    epoch_grad: _EpochGrad,
    theta: float | np.ndarray,
    n: int,
    *,
    lr: float,
    batch_size: int,
    epochs: int,
    seed: int,
    loss: Callable | None,
    record: str,
    step_losses: bool,
) -> DescentResult:
    """Minibatch SGD by the course's one loop (:func:`helpers.descent.loop`), for a regression and
    :meth:`helpers.nn.MLP.train` alike.

    ``epoch_grad`` sees each epoch's permutation once, so a caller can reorder its data once per
    epoch and then slice contiguous blocks instead of gathering rows (or ignore it: the full batch).
    A ``loss`` that returns inf marks the run as diverged, as a gradient or θ beyond 1e12 does."""
    b = batch_size
    batches = -(-n // b)  # ⌈n/b⌉
    total = epochs * batches
    shape = np.shape(theta)
    by_step = record == "step"
    step_losses = step_losses and loss is not None
    if by_step:
        check_limit(
            "(updates + 1) × len(theta) (the numbers in the path)", (total + 1) * max(1, int(np.prod(shape))),
            MAX_ELEMENTS, "use record='epoch' or fewer epochs",
        )  # fmt: skip

    def full_loss(point) -> float:
        assert loss is not None  # called only when a loss was given
        value = check_returned("the value loss returned", loss(point), scalar=True)
        return value if math.isfinite(value) else math.inf

    start_loss = full_loss(theta) if loss is not None else None
    if start_loss == math.inf:
        raise ValueError(f"the loss at theta0 = {theta!r} is not finite")
    source = _Batches(epoch_grad, theta, n, b, epochs, seed, full_loss if loss is not None else None, start_loss)

    def step_loss(point) -> float:
        tick = time.perf_counter()
        value = full_loss(point)
        source.loss_seconds += time.perf_counter() - tick  # epoch times count the updates only
        return value

    trace = loop(
        source, theta, gd_step(lr), steps=total, eps=None, f=step_loss if step_losses else None, keep_path=by_step,
        shown=_show(theta), names=("batch_grad", "theta"),
    )  # fmt: skip
    source.stop_clock()
    updates = trace.points - 1
    epoch_path = np.array(source.epoch_path, dtype=float)
    epoch_losses = np.array(source.epoch_losses, dtype=float) if loss is not None else None
    if by_step:
        path = np.array(trace.path, dtype=float)
        norms = np.array(trace.norms, dtype=float)
        values = np.array(trace.values, dtype=float) if step_losses else None
    else:
        # Per epoch: θ and the loss at each epoch's end, the mean size of its batch gradients.
        done = len(epoch_path) - 1
        path, values = epoch_path, epoch_losses
        norms = np.zeros(done)
        for epoch in range(done):
            total_norm = 0.0
            for v in trace.norms[epoch * batches : (epoch + 1) * batches]:
                total_norm += v  # in order, as the updates happened
            norms[epoch] = total_norm / batches

    return DescentResult(
        path=path,
        grad_norms=norms,
        values=values,
        steps=updates,
        status=trace.status,
        lr=lr,
        eps=None,
        max_steps=total,
        diverged_at=trace.diverged_at,
        extra={
            "epoch_path": epoch_path,
            "epoch_losses": epoch_losses,
            "batch_size": b,
            "batches_per_epoch": batches,
            "epoch_seconds": np.array(source.epoch_seconds),
        },
    )


def minibatch_descent(
    batch_grad: Callable[[Any, np.ndarray], Any],
    theta0: Any,
    n: int,
    *,
    lr: float,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    loss: Callable[[Any], float] | None = None,
    record: str = "step",
    step_losses: bool = False,
) -> DescentResult:
    """Minibatch stochastic gradient descent θ ← θ − λ ∇̂L(θ) over ``n`` examples.

    Each epoch draws a fresh permutation of ``0 … n−1`` (seeded) and walks through it in blocks
    of ``batch_size``: every example is used exactly once per epoch, and the last batch keeps
    whatever is left (⌈n/b⌉ updates per epoch). Nothing here assumes regression.

    Parameters
    ----------
    batch_grad : callable
        ``batch_grad(theta, idx)`` returns the gradient on the examples ``idx`` (an int array),
        **already averaged over the batch**, i.e. (1/|idx|) Σ_{i∈idx} ∇ℓ_i(θ), so that its mean over
        batches is the full gradient. Same shape as ``theta``.
    theta0 : float or array_like, shape (d,)
        The start point.
    n : int
        The number of examples.
    lr : float
        The learning rate λ > 0.
    batch_size : int
        The minibatch size b, 1 ≤ b ≤ n. ``b = 1`` is plain SGD, ``b = n`` full-batch gradient descent.
    epochs : int
        The number of passes over the data.
    seed : int
        Seed of ``np.random.default_rng`` that draws the permutations.
    loss : callable, optional
        ``loss(theta)``, the full-data objective, recorded at the start and after every epoch.
    record : {"step", "epoch"}
        ``"step"`` keeps θ after every update; ``"epoch"`` only at epoch ends (less memory:
        ``"step"`` stores (total updates + 1) × d floats).
    step_losses : bool
        Also evaluate ``loss`` after every update (one full pass each: for small data or plots of
        the zig-zag). Needs ``loss`` and ``record="step"``.

    Returns
    -------
    DescentResult
        ``path``: θ after each update, shape (steps + 1, d), or at each epoch end, shape (epochs + 1, d).
        ``values``: the loss at each point of ``path`` (``None`` without ``loss``, or with
        ``record="step"`` and ``step_losses=False``).
        ``grad_norms``: the norm of each update's minibatch gradient, shape (steps,) (one per update,
        not per point: there is no minibatch gradient at the last point); with ``record="epoch"``
        their mean over each epoch, shape (epochs,).
        ``steps``: the number of updates; ``status``: ``"finished"`` or ``"diverged"`` (then
        ``diverged_at`` is the update that blew up and everything recorded is finite).
        ``extra``: ``"epoch_path"`` θ at the start and after each epoch (epochs + 1, d);
        ``"epoch_losses"`` the loss there (or ``None``); ``"batch_size"``; ``"batches_per_epoch"``;
        ``"epoch_seconds"`` wall time of each epoch's updates (recording ``loss`` excluded), for
        loss-against-seconds plots.

    Examples
    --------
    The mean of the data minimises the average of (θ − a_i)²:

    >>> a = np.arange(10.0)
    >>> r = minibatch_descent(lambda t, idx: 2 * (t - a[idx]).mean(), 0.0, 10, lr=0.1, batch_size=10, epochs=100)
    >>> round(r.x, 6)
    4.5
    """
    check_callable("batch_grad", batch_grad)
    n, lr, batch_size, epochs, seed = _check_run(n, lr, batch_size, epochs, seed, loss, record)
    if step_losses and (loss is None or record != "step"):
        raise ValueError(f"step_losses=True needs a loss and record='step', got loss={loss!r}, record={record!r}")
    theta = _as_theta(theta0)

    def epoch_grad(perm: np.ndarray):
        return lambda theta, lo, hi: batch_grad(theta, perm[lo:hi])

    return _descend(
        epoch_grad,
        theta,
        n,
        lr=lr,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
        loss=loss,
        record=record,
        step_losses=step_losses,
    )


def regression_sgd(
    X: Any,
    y: Any,
    beta0: Any,
    *,
    lr: float,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    objective: str = "squared",
    record: str = "step",
    step_losses: bool = False,
) -> DescentResult:
    """Linear regression by minibatch SGD: β ← β + (2λ/b) X_bᵀ(y_b − X_bβ) for the mean squared error.

    The batch gradient is a mean over the b rows of the batch, so it divides by b, not by n:
    dividing by n would make every step n/b times too small. With ``batch_size = n`` every
    epoch is one full gradient-descent step (:func:`helpers.regression.linear_regression_gd`).

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, intercept column included if wanted.
    y : array_like, shape (n,)
    beta0 : array_like, shape (d,)
        The start point.
    lr : float
        The learning rate λ > 0.
    batch_size : int
        The minibatch size b, 1 ≤ b ≤ n.
    epochs : int
        The number of passes over the data.
    seed : int
        Seed of the permutations.
    objective : {"squared", "norm", "lecture"}
        The full-data objective, as in :func:`helpers.regression.regression_loss`. The batch
        gradient is the same objective's gradient on the batch: −(2/b)X_bᵀr_b for ``"squared"``;
        −X_bᵀr_b/(b·RMSE_b) for ``"norm"``; −(n/b)X_bᵀr_b for ``"lecture"`` (whose loss is a sum
        over all n rows, so a batch stands for n/b times its own size).
    record : {"step", "epoch"}
        What ``path`` keeps; see :func:`minibatch_descent`.
    step_losses : bool
        Also record the full loss after every update (a full pass each); see :func:`minibatch_descent`.

    Returns
    -------
    DescentResult
        As :func:`minibatch_descent`; ``extra["epoch_losses"]`` holds the full objective at each epoch end.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.c_[rng.normal(size=(1000, 2)), np.ones(1000)]
    >>> y = X @ [1.0, 2.0, 3.0]
    >>> r = regression_sgd(X, y, np.zeros(3), lr=0.05, batch_size=32, epochs=20)
    >>> np.round(r.x, 6)
    array([1., 2., 3.])
    """
    X, y = _check_data(X, y)
    beta = _check_beta("beta0", beta0, X.shape[1]).copy()
    check_choice("objective", objective, OBJECTIVES)
    n, lr, batch_size, epochs, seed = _check_run(len(y), lr, batch_size, epochs, seed, None, record)
    # Each epoch multiplies every row of X by β, batch by batch, and the loss is one more full pass;
    # step_losses adds a full pass after every update.
    passes = epochs * (-(-n // batch_size) if step_losses else 1)
    check_limit(
        "passes over the data × n × d (the arithmetic)", passes * X.size, MAX_WORK,
        "use fewer epochs or less data (or step_losses=False)",
    )  # fmt: skip
    if step_losses and record != "step":
        raise ValueError(f"step_losses=True needs record='step', got record={record!r}")

    def epoch_grad(perm: np.ndarray):
        # Reorder once per epoch, then every batch is a contiguous slice (no gather per step).
        Xp, yp = X[perm], y[perm]

        def block_grad(beta: np.ndarray, lo: int, hi: int) -> np.ndarray:
            Xb, yb = Xp[lo:hi], yp[lo:hi]
            g = _gradient(Xb, yb, yb - Xb @ beta, objective)
            return g * (n / (hi - lo)) if objective == "lecture" else g

        return block_grad

    def loss(beta: np.ndarray) -> float:
        return _loss(X, y, y - X @ beta, objective)

    return _descend(
        epoch_grad,
        beta,
        n,
        lr=lr,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
        loss=loss,
        record=record,
        step_losses=step_losses,
    )

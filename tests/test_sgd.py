"""Stochastic and minibatch gradient descent (lecture section 6)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.regression import OBJECTIVES, add_intercept, linear_regression_gd, pinv_solution, regression_loss
from helpers.sgd import minibatch_descent, regression_sgd


def noisy_problem(n: int = 500, seed: int = 0, noise: float = 0.5):
    rng = np.random.default_rng(seed)
    X = add_intercept(rng.normal(size=(n, 2)))
    y = X @ np.array([1.0, 2.0, 3.0]) + noise * rng.normal(size=n)
    return X, y


# --- the epoch and the batch -------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 60), data=st.data())
def test_each_epoch_visits_every_index_exactly_once(n, data):
    b = data.draw(st.integers(1, n), label="batch_size")
    epochs = data.draw(st.integers(1, 3), label="epochs")
    batches = []

    def batch_grad(theta, idx):
        batches.append(np.array(idx))
        return np.zeros_like(theta)

    result = minibatch_descent(batch_grad, np.zeros(2), n, lr=0.1, batch_size=b, epochs=epochs)
    per_epoch = -(-n // b)
    assert len(batches) == epochs * per_epoch == result.steps
    assert result.extra["batches_per_epoch"] == per_epoch
    for e in range(epochs):
        epoch = batches[e * per_epoch : (e + 1) * per_epoch]
        # Full batches first, the remainder last with its own size.
        assert [len(i) for i in epoch[:-1]] == [b] * (per_epoch - 1)
        assert len(epoch[-1]) == n - b * (per_epoch - 1)
        np.testing.assert_array_equal(np.sort(np.concatenate(epoch)), np.arange(n))


def test_epochs_use_fresh_orders():
    orders = []

    def batch_grad(theta, idx):
        orders.append(tuple(idx))
        return np.zeros_like(theta)

    minibatch_descent(batch_grad, [0.0], 50, lr=0.1, batch_size=50, epochs=3)
    assert len(set(orders)) == 3


def test_full_batch_is_gradient_descent_for_the_mean_gradient():
    # batch_grad returns a mean: with b = n the update is exactly −λ × the full gradient.
    a = np.array([1.0, 2.0, 6.0])
    result = minibatch_descent(lambda t, idx: 2 * (t - a[idx]).mean(), 0.0, 3, lr=0.1, batch_size=3, epochs=1)
    assert result.path.shape == (2,)
    assert result.x == pytest.approx(0.0 - 0.1 * 2 * (0.0 - 3.0))


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_batch_size_n_equals_gradient_descent_step_for_step(objective):
    X, y = noisy_problem(n=200)
    lr = {"squared": 0.1, "norm": 0.2, "lecture": 0.001}[objective]
    sgd = regression_sgd(X, y, np.zeros(3), lr=lr, batch_size=len(y), epochs=50, objective=objective)
    gd = linear_regression_gd(X, y, np.zeros(3), lr=lr, steps=50, objective=objective)
    assert sgd.steps == gd.steps == 50
    # Same maths; only the order of the sums differs (the rows are shuffled).
    np.testing.assert_allclose(sgd.path, gd.path, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sgd.extra["epoch_losses"], gd.values, rtol=1e-12)


def test_batch_gradient_divides_by_b_not_n():
    X, y = noisy_problem(n=100)
    beta0 = np.zeros(3)
    result = regression_sgd(X, y, beta0, lr=0.01, batch_size=10, epochs=1, seed=3)
    # Recompute the first batch: the same permutation the loop drew.
    idx = np.random.default_rng(3).permutation(100)[:10]
    Xb, yb = X[idx], y[idx]
    expected = beta0 + (2 * 0.01 / 10) * Xb.T @ (yb - Xb @ beta0)
    np.testing.assert_allclose(result.path[1], expected, rtol=1e-13)


# --- seeds -------------------------------------------------------------------------------------


def test_reproducible_with_the_seed_and_different_with_another():
    X, y = noisy_problem()
    kw = {"lr": 0.05, "batch_size": 8, "epochs": 2}
    a = regression_sgd(X, y, np.zeros(3), seed=7, **kw)
    b = regression_sgd(X, y, np.zeros(3), seed=7, **kw)
    c = regression_sgd(X, y, np.zeros(3), seed=8, **kw)
    np.testing.assert_array_equal(a.path, b.path)
    assert not np.allclose(a.path[1:], c.path[1:])


# --- convergence and records -------------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 16, 500])
def test_converges_near_pinv_on_noisy_data(batch_size):
    X, y = noisy_problem()
    best = pinv_solution(X, y)
    lr = 0.1 if batch_size == 500 else 0.01
    result = regression_sgd(X, y, np.zeros(3), lr=lr, batch_size=batch_size, epochs=30, record="epoch")
    assert result.status == "finished"
    # SGD jitters around the minimiser at a scale set by λ; the loss is what matters.
    assert np.linalg.norm(result.x - best) < 0.1
    assert result.values[-1] < 1.05 * regression_loss(X, y, best)
    assert result.values[-1] < 0.1 * result.values[0]


def test_result_shapes_by_step_and_by_epoch():
    X, y = noisy_problem(n=100)
    by_step = regression_sgd(X, y, np.zeros(3), lr=0.01, batch_size=30, epochs=3)
    assert by_step.steps == 12 and by_step.max_steps == 12
    assert by_step.path.shape == (13, 3)
    assert by_step.grad_norms.shape == (12,)
    assert by_step.values is None
    assert by_step.extra["epoch_path"].shape == (4, 3)
    assert by_step.extra["epoch_losses"].shape == (4,)
    assert by_step.extra["epoch_seconds"].shape == (3,)
    assert np.all(by_step.extra["epoch_seconds"] > 0)
    assert by_step.extra["batch_size"] == 30
    # The epoch ends are points of the step path.
    np.testing.assert_array_equal(by_step.extra["epoch_path"], by_step.path[[0, 4, 8, 12]])

    by_epoch = regression_sgd(X, y, np.zeros(3), lr=0.01, batch_size=30, epochs=3, record="epoch")
    np.testing.assert_array_equal(by_epoch.path, by_step.extra["epoch_path"])
    np.testing.assert_array_equal(by_epoch.values, by_step.extra["epoch_losses"])
    np.testing.assert_allclose(by_epoch.grad_norms, by_step.grad_norms.reshape(3, 4).mean(axis=1))

    with_losses = regression_sgd(X, y, np.zeros(3), lr=0.01, batch_size=30, epochs=3, step_losses=True)
    assert with_losses.values.shape == (13,)
    np.testing.assert_allclose(with_losses.values[[0, 4, 8, 12]], by_step.extra["epoch_losses"])


def test_generic_loop_without_a_loss():
    result = minibatch_descent(lambda t, idx: t - 1.0, [5.0, 5.0], 10, lr=0.5, batch_size=5, epochs=10)
    assert result.values is None
    assert result.extra["epoch_losses"] is None
    np.testing.assert_allclose(result.x, [1.0, 1.0], atol=1e-5)


# --- divergence --------------------------------------------------------------------------------


@pytest.mark.parametrize("record", ["step", "epoch"])
def test_divergence_is_reported_without_warnings(record):
    X, y = noisy_problem(n=200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = regression_sgd(X, y, np.zeros(3), lr=5.0, batch_size=20, epochs=50, record=record)
    assert result.status == "diverged"
    assert result.diverged_at is not None and 1 <= result.diverged_at < 50 * 10
    if record == "step":
        # Diverged either at the gradient of the last kept point or at the point one update later.
        assert result.steps in (result.diverged_at - 1, result.diverged_at)
        assert len(result.path) == result.steps + 1
    assert np.all(np.isfinite(result.path))
    assert np.all(np.isfinite(result.extra["epoch_losses"]))
    assert np.all(np.isfinite(result.grad_norms))


def test_non_finite_loss_is_divergence():
    # The gradient stays small but the loss blows up: still reported, not raised.
    def loss(t):
        return np.inf if t > 3 else t

    result = minibatch_descent(lambda t, idx: -1.0, 0.0, 4, lr=1.0, batch_size=1, epochs=5, loss=loss, step_losses=True)
    assert result.status == "diverged"
    assert result.diverged_at == 4
    np.testing.assert_array_equal(result.path, [0, 1, 2, 3])
    np.testing.assert_array_equal(result.values, [0, 1, 2, 3])


def test_gradient_not_finite_at_the_start_is_an_error():
    with pytest.raises(ValueError, match=r"the gradient at theta = array\(\[0\.\]\) is not finite"):
        minibatch_descent(lambda t, idx: np.array([np.nan]), [0.0], 5, lr=0.1, batch_size=1, epochs=1)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"batch_size": 0}, ValueError, r"batch_size must be an integer in \[1, 100\], got 0"),
        ({"batch_size": 101}, ValueError, r"batch_size must be an integer in \[1, 100\], got 101"),
        ({"batch_size": 8.0}, TypeError, "batch_size must be an integer, got 8.0"),
        ({"epochs": 0}, ValueError, "epochs must be an integer in"),
        ({"lr": 0}, ValueError, r"lr must be positive \(> 0\), got 0"),
        ({"lr": -1.0}, ValueError, r"lr must be positive \(> 0\), got -1.0"),
        ({"seed": 1.5}, TypeError, "seed must be an integer, got 1.5"),
        ({"seed": "0"}, TypeError, "seed must be an integer, got '0'"),
        ({"seed": -1}, ValueError, "seed must be an integer >= 0, got -1"),
        ({"record": "batch"}, ValueError, "record must be one of 'step', 'epoch'; got 'batch'"),
        ({"objective": "mae"}, ValueError, "objective must be one of 'lecture', 'norm', 'squared'; got 'mae'"),
        ({"record": "epoch", "step_losses": True}, ValueError, "step_losses=True needs record='step'"),
    ],
)
def test_bad_input_regression_sgd(kwargs, error, match):
    X, y = noisy_problem(n=100)
    args = {"lr": 0.01, "batch_size": 10, "epochs": 1, **kwargs}
    with pytest.raises(error, match=match):
        regression_sgd(X, y, np.zeros(3), **args)


def test_bad_input_minibatch_descent():
    def ok(t, idx):
        return np.zeros_like(t)

    with pytest.raises(TypeError, match="batch_grad must be callable"):
        minibatch_descent("grad", [0.0], 10, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(ValueError, match="n must be an integer >= 1, got 0"):
        minibatch_descent(ok, [0.0], 0, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(TypeError, match="loss must be callable"):
        minibatch_descent(ok, [0.0], 10, lr=0.1, batch_size=1, epochs=1, loss=3.0)
    with pytest.raises(ValueError, match="step_losses=True needs a loss"):
        minibatch_descent(ok, [0.0], 10, lr=0.1, batch_size=1, epochs=1, step_losses=True)
    with pytest.raises(ValueError, match="theta0 must be a 0-D or 1-D array"):
        minibatch_descent(ok, np.zeros((2, 2)), 10, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(ValueError, match=r"batch_grad must return shape \(2,\) like theta, got shape \(3,\)"):
        minibatch_descent(lambda t, idx: np.zeros(3), [0.0, 0.0], 10, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(ValueError, match=r"beta0 must have one entry per column of X \(3\)"):
        regression_sgd(np.ones((5, 3)), np.ones(5), [0.0], lr=0.1, batch_size=1, epochs=1)


# --- bad input ------------------------------------------------------------------------------


def _grad(theta, idx):
    return 2 * theta


def test_long_runs_and_large_n_are_refused_before_they_start():
    with pytest.raises(ValueError, match=r"epochs × batches per epoch \(the updates\) is 10,000,000"):
        minibatch_descent(_grad, 1.0, 10, lr=1e-9, batch_size=1, epochs=10**6)
    with pytest.raises(ValueError, match="n is 1,000,000,000, over the limit of 100,000,000"):
        minibatch_descent(_grad, 1.0, 10**9, lr=1e-9, batch_size=10**9, epochs=1)
    with pytest.raises(ValueError, match=r"\(updates \+ 1\) × len\(theta\).*record='epoch'"):
        minibatch_descent(_grad, np.zeros(1000), 10**5, lr=1e-9, batch_size=1, epochs=1)
    X = np.broadcast_to(1.0, (10**5, 2000))  # a view: no memory
    with pytest.raises(ValueError, match=r"passes over the data × n × d \(the arithmetic\)"):
        regression_sgd(X, np.zeros(10**5), np.zeros(2000), lr=1e-9, batch_size=10**5, epochs=100, record="epoch")
    # A full pass after every update: 10 000 updates × 10**5 rows × 20 columns.
    X = np.broadcast_to(1.0, (10**5, 20))
    with pytest.raises(ValueError, match=r"passes over the data × n × d .*step_losses=False"):
        regression_sgd(X, np.zeros(10**5), np.zeros(20), lr=1e-9, batch_size=10, epochs=1, step_losses=True)


@pytest.mark.parametrize(
    "kwargs, error, phrase",
    [
        ({"batch_grad": lambda t, i: "1.0"}, TypeError, "the value batch_grad returned must be an array of real"),
        ({"batch_grad": lambda t, i: 1j}, TypeError, "complex numbers are not allowed"),
        ({"batch_grad": lambda t, i: None}, TypeError, "None is not a number"),
        ({"loss": lambda t: "1"}, TypeError, "the value loss returned must be an array of real numbers"),
        ({"theta0": "1.0"}, TypeError, "theta0 must be an array of real numbers"),
    ],
)
def test_what_callbacks_return_and_theta0_are_checked(kwargs, error, phrase):
    args = {"batch_grad": _grad, "theta0": 1.0, "n": 10, "lr": 0.1, "batch_size": 2, "epochs": 1} | kwargs
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=phrase):
            minibatch_descent(**args)

"""Neural-network pieces: the lecture's softmax values, activations, cross-entropy, the MLP and backprop."""

import math
import time
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.descent import DIVERGENCE_LIMIT, DescentResult, gradient_descent
from helpers.nn import (
    ACTIVATIONS,
    MLP,
    ForwardCache,
    TrainingObjective,
    argmax_one_hot,
    cache_nbytes,
    cross_entropy,
    cross_entropy_grad,
    gradient_check,
    linear,
    one_hot,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_naive,
    tanh,
    tanh_grad,
)

finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


def rings(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric rings: class 0 inside radius 1, class 1 between radii 1.5 and 2.5."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    r = np.where(y == 0, rng.uniform(0.0, 1.0, n), rng.uniform(1.5, 2.5, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    return np.c_[r * np.cos(angle), r * np.sin(angle)], y


def blobs(n: int, p: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.arange(n) % p
    centres = rng.normal(0.0, 3.0, size=(p, d))
    return centres[y] + rng.normal(size=(n, d)), y


# --- softmax: the lecture's numbers ------------------------------------------------------------


def test_softmax_of_the_lecture_vector():
    np.testing.assert_allclose(softmax([1, 2, 0]), [0.2447, 0.6652, 0.0900], atol=5e-5)


def test_softmax_of_the_lecture_rows():
    out = softmax([[-1, 0, 1], [-10, 0, 10]])
    np.testing.assert_allclose(out[0], [0.0900, 0.2447, 0.6652], atol=5e-5)
    np.testing.assert_allclose(out[1], [2.06e-09, 4.54e-05, 0.99995], rtol=2e-3)


def test_softmax_along_another_axis_is_the_transpose():
    o = np.random.default_rng(0).normal(size=(3, 5))
    np.testing.assert_allclose(softmax(o, axis=0), softmax(o.T).T, rtol=1e-14)
    np.testing.assert_allclose(softmax(o, axis=0).sum(axis=0), np.ones(5), rtol=1e-14)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(finite, min_size=3, max_size=3), min_size=1, max_size=5),
    shift=st.floats(-1e3, 1e3, allow_nan=False),
)
def test_softmax_rows_sum_to_one_and_ignore_a_shift(rows, shift):
    o = np.array(rows)
    p = softmax(o)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(o + shift), p, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(finite, min_size=4, max_size=4), min_size=1, max_size=5))
def test_softmax_does_not_change_the_predicted_class(rows):
    o = np.array(rows)
    top2 = np.sort(o, axis=1)[:, -2:]
    assume(np.all(top2[:, 1] - top2[:, 0] > 1e-6))  # a tie has no single arg max to compare
    np.testing.assert_array_equal(argmax_one_hot(softmax(o)), argmax_one_hot(o))


def test_naive_softmax_agrees_when_it_can_and_overflows_to_nan_silently():
    np.testing.assert_allclose(softmax_naive([1, 2, 0]), softmax([1, 2, 0]), rtol=1e-14)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        naive = softmax_naive([1000.0, 0.0])
        underflow = softmax_naive([-1000.0, -1000.0])
        stable = softmax([1000.0, 0.0])
    assert math.isnan(naive[0]) and naive[1] == 0.0  # inf / inf, and 1 / inf
    assert np.all(np.isnan(underflow))  # 0 / 0
    np.testing.assert_allclose(stable, [1.0, 0.0], atol=1e-300)


def test_no_warning_at_extreme_inputs():
    big = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(big)
        ds = sigmoid_grad(big)
        t, dt = tanh(big), tanh_grad(big)
        p = softmax([[1000.0, 0.0, -1000.0]])
        ce = cross_entropy([[0.0, 1000.0]], [0])
        g = cross_entropy_grad([[0.0, 1000.0]], [0])
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert ds[0] == 0.0 and ds[-1] == 0.0
    assert t[0] == -1.0 and t[-1] == 1.0 and dt[0] == 0.0
    np.testing.assert_allclose(p, [[1.0, 0.0, 0.0]], atol=1e-300)
    assert ce == 1000.0
    np.testing.assert_allclose(g, [[-1.0, 1.0]])


# --- activations -------------------------------------------------------------------------------


def test_quiz_facts():
    assert relu(-3.14) == 0.0
    assert tanh_grad(0.0) == 1.0
    assert relu_grad(0.0) == 0.0  # the documented convention at the kink
    assert sigmoid_grad(0.0) == 0.25
    assert isinstance(relu(-3.14), float)


def test_tanh_grad_is_the_lecture_product():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(tanh_grad(x), (1 - np.tanh(x)) * (1 + np.tanh(x)), rtol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_each_derivative_matches_finite_differences(name):
    f, df = ACTIVATIONS[name]
    x = np.linspace(-4, 4, 41) + 0.013  # off the grid's 0, so ReLU's kink is not sampled
    h = 1e-6
    numeric = (f(x + h) - f(x - h)) / (2 * h)
    np.testing.assert_allclose(df(x), numeric, atol=1e-8)


def test_activations_keep_the_shape():
    x = np.arange(6.0).reshape(2, 3) - 2
    for f, df in ACTIVATIONS.values():
        assert f(x).shape == (2, 3) and df(x).shape == (2, 3)
    np.testing.assert_array_equal(relu(x), np.maximum(x, 0))


# --- one-hot, cross-entropy, linear ------------------------------------------------------------


def test_one_hot_and_argmax_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0, 1]), np.eye(3)[[2, 0, 1]])
    assert one_hot([1], num_classes=4).shape == (1, 4)
    np.testing.assert_array_equal(argmax_one_hot([0.1, 3.0, -2.0]), [0.0, 1.0, 0.0])
    np.testing.assert_array_equal(argmax_one_hot([[1, 2, 0], [5, 0, 1]]), [[0, 1, 0], [1, 0, 0]])


def test_cross_entropy_is_minus_log_of_the_picked_probability():
    rng = np.random.default_rng(1)
    o = rng.normal(size=(7, 4))
    y = rng.integers(0, 4, size=7)
    picked = softmax(o)[np.arange(7), y]
    assert cross_entropy(o, y) == pytest.approx(-np.mean(np.log(picked)), rel=1e-12)
    assert cross_entropy([[1, 2, 0]], [1]) == pytest.approx(-math.log(0.66524096), rel=1e-7)


def test_cross_entropy_grad_matches_finite_differences():
    rng = np.random.default_rng(2)
    o = rng.normal(size=(5, 3))
    y = rng.integers(0, 3, size=5)
    h = 1e-6
    numeric = np.zeros_like(o)
    for idx in np.ndindex(o.shape):
        e = np.zeros_like(o)
        e[idx] = h
        numeric[idx] = (cross_entropy(o + e, y) - cross_entropy(o - e, y)) / (2 * h)
    analytic = cross_entropy_grad(o, y)
    np.testing.assert_allclose(analytic, numeric, atol=1e-9)
    np.testing.assert_allclose(analytic, (softmax(o) - one_hot(y, 3)) / 5, rtol=1e-14)


def test_linear_is_XW_plus_b():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])  # n = 3, d = 2
    W = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]])  # d = 2 -> p = 3
    b = np.array([0.1, 0.2, 0.3])
    out = linear(X, W, b)
    assert out.shape == (3, 3)
    np.testing.assert_allclose(out[1], [3 + 2 + 0.1, 8 + 0.2, -3 + 4 + 0.3])
    np.testing.assert_allclose(linear(X, W, b[None, :]), out)


# --- the MLP -----------------------------------------------------------------------------------


def test_parameter_count_and_shapes():
    net = MLP([2, 16, 16, 3])
    assert net.n_parameters == 371
    assert [(W.shape, b.shape) for W, b in net.params] == [((2, 16), (16,)), ((16, 16), (16,)), ((16, 3), (3,))]


def test_initialisation_is_seeded_and_scaled_for_the_activation():
    he = MLP([400, 300, 2], "relu", seed=3).params[0][0]
    glorot = MLP([400, 300, 2], "tanh", seed=3).params[0][0]
    assert he.std() == pytest.approx(math.sqrt(2 / 400), rel=0.02)
    assert glorot.std() == pytest.approx(math.sqrt(2 / 700), rel=0.02)
    np.testing.assert_array_equal(MLP([3, 4, 2], seed=5).params[0][0], MLP([3, 4, 2], seed=5).params[0][0])
    assert not np.array_equal(MLP([3, 4, 2], seed=5).params[0][0], MLP([3, 4, 2], seed=6).params[0][0])


def test_forward_cache_holds_every_layers_Z_and_H():
    net = MLP([2, 5, 4, 3], "tanh", seed=1)
    X = np.random.default_rng(0).normal(size=(6, 2))
    logits, cache = net.forward(X)
    assert isinstance(cache, ForwardCache)
    assert [h.shape for h in cache.H] == [(6, 2), (6, 5), (6, 4)]
    assert [z.shape for z in cache.Z] == [(6, 5), (6, 4), (6, 3)]
    np.testing.assert_array_equal(cache.H[0], X)
    np.testing.assert_array_equal(cache.H[2], np.tanh(cache.Z[1]))
    np.testing.assert_array_equal(cache.Z[-1], logits)
    no_cache_logits, none = net.forward(X, keep_cache=False)
    assert none is None
    np.testing.assert_array_equal(no_cache_logits, logits)


def test_training_keeps_more_memory_than_inference():
    net = MLP([2, 32, 32, 3], seed=0)
    X = np.zeros((100, 2))
    kept = cache_nbytes(net.forward(X)[1])
    assert kept == 8 * 100 * (2 + 32 + 32 + 32 + 32 + 3)
    assert net.inference_nbytes(100) == 8 * 100 * (32 + 32)
    assert kept > 2 * net.inference_nbytes(100)
    assert cache_nbytes(net.forward(np.zeros((200, 2)))[1]) == 2 * kept  # linear in the batch size


def test_prediction_methods_agree():
    X, y = blobs(60, 3, 2, seed=0)
    net = MLP([2, 8, 3], "tanh", seed=0)
    logits, _ = net.forward(X, keep_cache=False)
    proba = net.predict_proba(X)
    np.testing.assert_allclose(proba, softmax(logits), rtol=1e-14)
    np.testing.assert_array_equal(net.predict(X), proba.argmax(axis=1))
    assert net.accuracy(X, y) == pytest.approx(np.mean(net.predict(X) == y))
    assert net.loss(X, y) == pytest.approx(cross_entropy(logits, y))


def test_step_moves_against_the_gradient_in_place():
    X, y = blobs(30, 3, 2, seed=1)
    net = MLP([2, 6, 3], "sigmoid", seed=0)
    W_before = net.params[0][0].copy()
    W_ref = net.params[0][0]
    grads = net.backward(net.forward(X)[1], y)
    before = net.loss(X, y)
    net.step(grads, lr=0.1)
    assert net.params[0][0] is W_ref  # updated in place
    np.testing.assert_allclose(W_ref, W_before - 0.1 * grads[0][0])
    assert net.loss(X, y) < before


# --- backpropagation against finite differences -----------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    d=st.integers(1, 4),
    hidden=st.lists(st.integers(1, 6), min_size=0, max_size=2),  # 1 to 3 layers in all
    p=st.integers(2, 4),
    n=st.integers(1, 8),
    activation=st.sampled_from(["tanh", "sigmoid"]),
    seed=st.integers(0, 2**16),
)
def test_backward_matches_finite_differences(d, hidden, p, n, activation, seed):
    net = MLP([d, *hidden, p], activation, seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.integers(0, p, size=n)
    assert gradient_check(net, X, y) < 1e-6


@pytest.mark.parametrize("sizes", [[3, 4], [3, 8, 4], [3, 8, 8, 4]])
def test_relu_backward_matches_finite_differences(sizes):
    net = MLP(sizes, "relu", seed=0)
    rng = np.random.default_rng(1)
    # Non-zero biases: with zero biases, a row whose units are all off puts the next Z exactly on the kink.
    for _, b in net.params:
        b += rng.normal(0.0, 0.1, size=b.shape)
    X = rng.normal(size=(10, sizes[0]))
    y = rng.integers(0, sizes[-1], size=10)
    assert gradient_check(net, X, y) < 1e-6


def test_gradient_check_catches_a_wrong_backward_and_restores_the_parameters(monkeypatch):
    net = MLP([2, 5, 3], "tanh", seed=0)
    X, y = blobs(8, 3, 2, seed=2)
    before = [(W.copy(), b.copy()) for W, b in net.params]
    assert gradient_check(net, X, y) < 1e-6
    for (W, b), (W0, b0) in zip(net.params, before):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)

    right = net._backward

    def forgets_one_over_n_in_one_bias(cache, labels):
        grads = right(cache, labels)
        dW, db = grads[0]
        return [(dW, len(labels) * db), *grads[1:]]

    def off_by_a_percent_in_one_weight(cache, labels):
        grads = right(cache, labels)
        dW, db = grads[0]
        dW = dW.copy()
        dW[0, np.abs(dW[0]).argmax()] *= 1.01
        return [(dW, db), *grads[1:]]

    monkeypatch.setattr(net, "_backward", forgets_one_over_n_in_one_bias)
    assert gradient_check(net, X, y) > 1e-2
    monkeypatch.setattr(net, "_backward", off_by_a_percent_in_one_weight)
    assert gradient_check(net, X, y) > 1e-4


# --- training ----------------------------------------------------------------------------------


def test_a_linear_model_cannot_fit_rings_but_a_tanh_mlp_can():
    X, y = rings(200, seed=0)
    linear_model = MLP([2, 2], seed=0)
    linear_model.train(X, y, lr=0.5, epochs=300)
    deep_but_linear = MLP([2, 16, 2], "identity", seed=0)
    deep_but_linear.train(X, y, lr=0.5, epochs=300)
    mlp = MLP([2, 16, 2], "tanh", seed=0)
    run = mlp.train(X, y, lr=0.5, epochs=300)
    assert linear_model.accuracy(X, y) < 0.75
    assert deep_but_linear.accuracy(X, y) < 0.75  # no nonlinearity: still a linear model
    assert run.status == "finished"
    assert run.extra["accuracy"][-1] > 0.95
    assert mlp.accuracy(X, y) == run.extra["accuracy"][-1]


def test_a_training_run_records_every_epoch_and_is_deterministic():
    X, y = blobs(90, 3, 2, seed=4)
    r1 = MLP([2, 8, 3], "relu", seed=2).train(X, y, lr=0.2, epochs=40, batch_size=16, seed=7)
    r2 = MLP([2, 8, 3], "relu", seed=2).train(X, y, lr=0.2, epochs=40, batch_size=16, seed=7)
    assert len(r1.values) == len(r1.extra["accuracy"]) == len(r1.path) == 41
    assert r1.steps == r1.max_steps == 40 * 6  # ceil(90 / 16) = 6 minibatches per epoch
    assert r1.extra["batch_size"] == 16 and r1.extra["batches_per_epoch"] == 6
    np.testing.assert_array_equal(r1.values, r2.values)
    np.testing.assert_array_equal(r1.path, r2.path)
    assert r1.values[-1] < 0.5 * r1.values[0]
    assert r1.message.startswith("trained 40 epochs (240 updates): loss ")


def test_a_training_run_is_a_descent_result_that_records_what_it_trained_on():
    X, y = blobs(60, 3, 2, seed=5)
    net = MLP([2, 8, 3], "tanh", seed=1)
    run = net.train(X, y, lr=0.2, epochs=30)
    assert isinstance(run, DescentResult) and run.kind == "training"
    assert (run.status, run.lr, run.eps, run.converged, run.diverged, run.diverged_at) == (
        "finished", 0.2, None, False, False, None,
    )  # fmt: skip
    assert run.steps == run.max_steps == 30 and run.extra["batch_size"] == 60  # the full batch: n rows
    # path: every parameter after each epoch, in the order W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾; x is the trained network.
    assert run.path.shape == (31, net.n_parameters) and run.grad_norms.shape == (30,)
    np.testing.assert_array_equal(run.x, np.concatenate([a.ravel() for W, b in net.params for a in (W, b)]))
    fresh = MLP([2, 8, 3], "tanh", seed=1)
    np.testing.assert_array_equal(run.path[0], np.concatenate([a.ravel() for W, b in fresh.params for a in (W, b)]))
    # objective: this network on these data, as L(θ): it gives back every recorded loss and gradient.
    objective = run.objective
    assert isinstance(objective, TrainingObjective) and objective.network is net
    assert repr(objective) == "TrainingObjective(MLP([2, 8, 3], 'tanh', seed=1), 60 rows)"
    assert [objective.f(theta) for theta in run.path] == list(run.values)
    for k in (0, 1, 29):  # full batch: the gradient of epoch k + 1 is ∇L(θ_k)
        assert run.grad_norms[k] == pytest.approx(np.linalg.norm(objective.grad(run.path[k])), rel=1e-12)
    assert run.extra["accuracy"][-1] == net.accuracy(X, y)
    assert net.loss(X, y) == run.values[-1]
    with pytest.raises(ValueError, match="theta must hold the network's 51 parameters, got 3"):
        objective.f([1.0, 2.0, 3.0])


def test_the_course_loop_repeats_a_full_batch_training_exactly():
    X, y = blobs(60, 3, 2, seed=5)
    run = MLP([2, 8, 8, 3], "relu", seed=0).train(X, y, lr=0.5, epochs=50)
    again = gradient_descent(run.objective, run.path[0], lr=0.5, eps=None, steps=50)
    np.testing.assert_array_equal(again.path, run.path)
    np.testing.assert_array_equal(again.values, run.values)
    np.testing.assert_allclose(again.grad_norms[:-1], run.grad_norms, rtol=1e-12)


def test_full_batch_and_minibatch_runs_differ():
    X, y = blobs(60, 3, 2, seed=5)
    full = MLP([2, 8, 3], seed=0).train(X, y, lr=0.2, epochs=10)
    mini = MLP([2, 8, 3], seed=0).train(X, y, lr=0.2, epochs=10, batch_size=10)
    assert full.steps == 10 and mini.steps == 60
    assert full.values[0] == mini.values[0]
    assert not np.allclose(full.values[1:], mini.values[1:])
    # One minibatch of all 60 rows (shuffled) is the full batch, up to the order of the sums.
    whole = MLP([2, 8, 3], seed=0).train(X, y, lr=0.2, epochs=10, batch_size=60)
    np.testing.assert_allclose(whole.grad_norms, full.grad_norms, rtol=1e-10)
    # With minibatches, grad_norms is the mean norm of each epoch's 6 minibatch gradients.
    assert mini.grad_norms.shape == (10,) and np.all(mini.grad_norms > 0)


# ReLU networks blow up from a large lr; tanh bounds the hidden layers, so it takes a huge one.
# With lr = 1e200 the second minibatch already meets inf * 0 in its gradient.
@pytest.mark.parametrize(
    ("activation", "lr", "batch_size"), [("relu", 1e4, None), ("tanh", 1e13, None), ("relu", 1e200, 10)]
)
def test_divergence_is_a_status_not_a_crash(activation, lr, batch_size):
    X, y = blobs(50, 3, 2, seed=0)
    net = MLP([2, 16, 16, 3], activation, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = net.train(100 * X, y, lr=lr, epochs=200, batch_size=batch_size)
    assert run.status == "diverged" and run.diverged
    epochs = len(run.values) - 1
    assert epochs == run.diverged_at - 1 < 200
    assert len(run.path) == len(run.extra["accuracy"]) == epochs + 1 and len(run.grad_norms) == epochs
    for recorded in (run.values, run.path, run.grad_norms, run.extra["accuracy"]):
        assert np.all(np.isfinite(recorded)) and np.all(np.abs(recorded) <= DIVERGENCE_LIMIT)
    assert all(np.all(np.abs(W) <= DIVERGENCE_LIMIT) for W, _ in net.params)
    assert run.message.startswith(f"diverged in epoch {run.diverged_at}; kept epoch {epochs}: loss ")


def test_after_divergence_the_network_is_the_last_healthy_one():
    X, y = blobs(50, 3, 2, seed=0)
    net = MLP([2, 16, 16, 3], "relu", seed=0)
    run = net.train(X, y, lr=10, epochs=200)
    assert run.diverged and run.diverged_at > 2
    epochs = len(run.values) - 1
    replay = MLP([2, 16, 16, 3], "relu", seed=0)
    replay.train(X, y, lr=10, epochs=epochs)
    for (W, b), (W2, b2) in zip(net.params, replay.params):
        np.testing.assert_array_equal(W, W2)
        np.testing.assert_array_equal(b, b2)
    assert net.loss(X, y) == run.values[-1]
    np.testing.assert_array_equal(run.x, np.concatenate([a.ravel() for W, b in net.params for a in (W, b)]))
    assert run.steps == epochs  # the updates of the epoch that blew up were undone


def test_training_is_fast():
    X, y = blobs(300, 3, 2, seed=0)
    net = MLP([2, 32, 32, 3], "relu", seed=0)
    start = time.perf_counter()
    run = net.train(X, y, lr=0.1, epochs=300)
    elapsed = time.perf_counter() - start
    assert run.status == "finished"
    assert elapsed < 2.0  # about 0.1 s on a laptop; the bound leaves room for a busy CI machine


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "activation", "error", "match"),
    [
        ([3], "relu", ValueError, r"sizes must list at least 2 widths.*\[3\]"),
        ([2, 0, 3], "relu", ValueError, r"sizes\[1\] must be an integer >= 1, got 0"),
        ([2, 2.5, 3], "relu", TypeError, r"sizes\[1\] must be an integer, got 2.5"),
        ("23", "relu", TypeError, r"sizes must be a sequence of layer widths"),
        ([2, 3], "softplus", ValueError, r"activation must be one of 'sigmoid', 'tanh', 'relu'.*'softplus'"),
    ],
)
def test_bad_network_shapes(sizes, activation, error, match):
    with pytest.raises(error, match=match):
        MLP(sizes, activation)


def test_bad_labels():
    net = MLP([2, 4, 3])
    X = np.zeros((2, 2))
    with pytest.raises(ValueError, match=r"y must be class labels in \[0, 2\] \(3 classes\), got 3"):
        net.loss(X, [0, 3])
    with pytest.raises(ValueError, match=r"y must be class labels >= 0, got -1"):
        net.train(X, [0, -1], lr=0.1, epochs=1)
    with pytest.raises(TypeError, match=r"y must be integer class labels.*0.5"):
        net.accuracy(X, [0, 0.5])
    with pytest.raises(ValueError, match=r"y must have one label per row of X \(2\), got 3"):
        net.loss(X, [0, 1, 2])
    with pytest.raises(ValueError, match=r"labels must be class labels in \[0, 1\] \(2 classes\), got 2"):
        cross_entropy([[0.0, 1.0]], [2])
    with pytest.raises(ValueError, match=r"labels must be class labels >= 0, got -2"):
        one_hot([-2, 1])


def test_bad_shapes():
    net = MLP([2, 4, 3])
    with pytest.raises(ValueError, match=r"X must have 2 columns.*got shape \(5, 3\)"):
        net.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"X must be a 2-D array, got shape \(2,\)"):
        net.predict([1.0, 2.0])
    with pytest.raises(ValueError, match=r"W must have one row per column of X \(2\), got shape \(3, 4\)"):
        linear(np.zeros((5, 2)), np.zeros((3, 4)), np.zeros(4))
    with pytest.raises(ValueError, match=r"b must have shape \(4,\).*got shape \(3,\)"):
        linear(np.zeros((5, 2)), np.zeros((2, 4)), np.zeros(3))
    with pytest.raises(ValueError, match=r"axis must be an integer in \[-2, 1\], got 2"):
        softmax(np.zeros((2, 3)), axis=2)
    with pytest.raises(ValueError, match=r"o must contain only finite numbers"):
        softmax([1.0, np.nan])
    with pytest.raises(ValueError, match=r"grads\[0\] must have shapes \(2, 4\) and \(4,\)"):
        net.step([(np.zeros((4, 2)), np.zeros(4)), (np.zeros((4, 3)), np.zeros(3))], lr=0.1)
    with pytest.raises(TypeError, match=r"cache must be the ForwardCache"):
        net.backward({"Z": []}, [0])


def test_bad_training_settings():
    net = MLP([2, 4, 3])
    X, y = np.zeros((4, 2)), np.array([0, 1, 2, 0])
    with pytest.raises(ValueError, match=r"lr must be positive \(> 0\), got 0"):
        net.train(X, y, lr=0, epochs=5)
    with pytest.raises(ValueError, match=r"lr must be positive \(> 0\), got -0.1"):
        net.step(net.backward(net.forward(X)[1], y), lr=-0.1)
    with pytest.raises(ValueError, match=r"epochs must be an integer in \[1, 100000\], got 0"):
        net.train(X, y, lr=0.1, epochs=0)
    with pytest.raises(ValueError, match=r"batch_size must be an integer in \[1, 4\], got 5"):
        net.train(X, y, lr=0.1, epochs=1, batch_size=5)
    with pytest.raises(ValueError, match=r"h must be in \(0, 0.1\], got 0"):
        gradient_check(net, X, y, h=0)
    with pytest.raises(
        ValueError, match=r"untrained network's loss on X is [0-9.e+]+: X \(largest \|x\| = 1e\+300\).*standardise it"
    ):
        MLP([2, 8, 8, 3], seed=0).train(np.full((4, 2), 1e300), y, lr=0.1, epochs=1)
    with pytest.raises(TypeError, match=r"mlp must be an MLP"):
        gradient_check("net", X, y)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: softmax(3.0), ValueError, r"o must be at least 1-D"),
        (lambda: softmax_naive(3.0), ValueError, r"o must be at least 1-D"),
        (lambda: softmax(np.zeros((2, 0))), ValueError, r"o must have at least one score along axis -1"),
        (lambda: argmax_one_hot(np.zeros((2, 0))), ValueError, r"o must have at least one column"),
        (lambda: one_hot(np.zeros((2, 2), dtype=int)), ValueError, r"labels must be a non-empty 1-D array"),
        (lambda: one_hot([0, 1], num_classes=0), ValueError, r"num_classes must be an integer >= 1, got 0"),
        (lambda: cross_entropy(np.zeros((2, 0)), [0, 0]), ValueError, r"logits must have at least one column"),
        (
            lambda: cross_entropy([[0.0, 1.0]], [0, 1]),
            ValueError,
            r"labels must have one entry per row of logits \(1\)",
        ),
        (lambda: cache_nbytes("cache"), TypeError, r"cache must be the ForwardCache returned by MLP.forward, got str"),
        (lambda: MLP([2, 3], seed=-1), ValueError, r"seed must be an integer >= 0, got -1"),
    ],
)
def test_bad_arguments_to_the_building_blocks(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_backward_refuses_a_cache_or_labels_that_do_not_fit():
    net, other = MLP([2, 4, 3]), MLP([2, 3])
    X, y = np.zeros((4, 2)), np.array([0, 1, 2, 0])
    with pytest.raises(ValueError, match=r"cache must come from this network's forward pass"):
        net.backward(other.forward(X)[1], y)
    with pytest.raises(ValueError, match=r"y must have one label per row of the cached batch \(4\), got 2"):
        net.backward(net.forward(X)[1], [0, 1])
    with pytest.raises(ValueError, match=r"grads must be a list of 2 \(dW, db\) pairs"):
        net.step(net.backward(net.forward(X)[1], y)[:1], lr=0.1)


def test_integer_valued_float_labels_and_reprs():
    np.testing.assert_array_equal(one_hot([0.0, 2.0]), [[1, 0, 0], [0, 0, 1]])
    net = MLP([2, 3], "tanh", seed=4)
    assert repr(net) == "MLP([2, 3], 'tanh', seed=4)"
    run = net.train(np.eye(2), [0, 1], lr=0.1, epochs=2)
    assert repr(run).startswith("DescentResult(trained 2 epochs (2 updates): loss ")
    assert repr(run).endswith("; 9 parameters)")
    one = MLP([2, 3]).train(np.eye(2), [0, 1], lr=0.1, epochs=1, batch_size=2)
    assert one.message.startswith("trained 1 epoch (1 update): loss ")


# --- bad input: sizes bounded before allocation, work bounded before it starts ---------------


def test_sizes_are_refused_before_anything_is_allocated():
    with pytest.raises(ValueError, match=r"the number of parameters is 10,000,100,000, over the limit of 100,000,000"):
        MLP([10**5, 10**5])
    with pytest.raises(ValueError, match=r"len\(labels\) × num_classes is 10,000,000,000, over the limit"):
        one_hot([0], num_classes=10**10)
    with pytest.raises(ValueError, match="labels must be class labels below 100,000,000, got 1000000000000"):
        one_hot([10**12])
    with pytest.raises(ValueError, match=r"rows of X × columns of W \(the size of O\)"):
        linear(np.ones((10**5, 1)), np.ones((1, 10**5)), np.zeros(10**5))
    with pytest.raises(ValueError, match="rows of X × the sum of the layer widths"):
        MLP([1, 10**4, 3]).predict(np.zeros((10**6, 1)))


def test_long_trainings_are_refused_with_what_to_change():
    X, y = np.zeros((30, 2)), np.arange(30) % 3
    with pytest.raises(ValueError, match=r"epochs must be an integer in \[1, 100000\], got 10000000"):
        MLP([2, 4, 3]).train(X, y, lr=1e-9, epochs=10**7)
    with pytest.raises(ValueError, match=r"epochs × batches per epoch \(the updates\) is 3,000,000.*larger batches"):
        MLP([2, 4, 3]).train(X, y, lr=1e-9, epochs=10**5, batch_size=1)
    big = np.zeros((10**4, 2)), np.arange(10**4) % 3
    with pytest.raises(ValueError, match=r"epochs × rows × parameters \(the arithmetic\).*smaller network"):
        MLP([2, 1000, 3]).train(*big, lr=1e-9, epochs=1000)
    # The path keeps every parameter after every epoch: a million parameters for 100 epochs is too many.
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"\(epochs \+ 1\) × parameters \(the numbers in the path\) is 105,040,303"):
        MLP([100, 10_000, 3]).train(np.zeros((1, 100)), [0], lr=1e-9, epochs=100)
    assert time.perf_counter() - start < 1.0


def test_gradient_check_of_a_wide_network_is_refused_at_once():
    X, y = np.zeros((30, 2)), np.arange(30) % 3
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"2 × parameters² × rows \(the arithmetic\)"):
        gradient_check(MLP([2, 10**4, 3]), X, y)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("x", ["3", ["1", "2"], np.array([1j]), [1 + 0j], np.array(["2020-01-01"], dtype="M8[D]")])
def test_activations_refuse_strings_complex_and_dates(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fn in (sigmoid, relu, tanh, softmax):
            with pytest.raises(TypeError, match="must be an array of real numbers"):
                fn(x)


def test_labels_that_are_not_whole_numbers_int64_holds_are_refused_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the float -> int cast of 1e200 used to warn
        with pytest.raises(TypeError, match="y must be integer class labels"):
            MLP([2, 3]).train(np.zeros((1, 2)), [1e200], lr=0.1, epochs=1)
        with pytest.raises(TypeError, match="labels must be integer class labels"):
            cross_entropy([[1.0, 2.0]], [1e200])


def test_step_refuses_grads_that_are_not_pairs():
    from support import BrokenEverything

    net = MLP([2, 3])
    with pytest.raises(ValueError, match=r"grads\[0\] must be a pair \(dW, db\), got <BrokenEverything object>"):
        net.step([BrokenEverything()], lr=0.1)

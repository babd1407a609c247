"""Linear regression by gradient descent (lecture section 4)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.datasets import make_linear
from helpers.descent import DescentResult
from helpers.regression import (
    OBJECTIVES,
    add_intercept,
    distance_to_pinv,
    lecture_data,
    linear_regression_gd,
    pinv_solution,
    regression_gradient,
    regression_loss,
    regression_loss_grid,
)

LECTURE_BETA = np.array([1.00000367, 1.99999949, 2.99999516])


def lecture_loop(X, y, beta, lr, T):
    """The lecture's code, verbatim."""
    for _ in range(T):
        error = y - X @ beta
        grad = -X.T @ error
        beta = beta - lr * grad
    return beta


def well_conditioned(seed: int, n: int = 40, d: int = 3, noise: float = 0.3):
    rng = np.random.default_rng(seed)
    X = add_intercept(rng.normal(size=(n, d - 1)))
    y = X @ rng.normal(size=d) + noise * rng.normal(size=n)
    return X, y


# --- the lecture's numbers ---------------------------------------------------------------------


def test_lecture_data():
    X, y, beta0 = lecture_data()
    np.testing.assert_array_equal(X, [[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]])
    np.testing.assert_array_equal(y, [6, 8, 9, 11])
    np.testing.assert_array_equal(beta0, [10.1, 15.1, -6.5])


def test_pinv_gives_1_2_3():
    X, y, _ = lecture_data()
    np.testing.assert_allclose(pinv_solution(X, y), [1, 2, 3], atol=1e-12)


def test_lecture_run_is_reproduced():
    X, y, beta0 = lecture_data()
    result = linear_regression_gd(X, y, beta0, lr=0.01, steps=5000)
    assert result.status == "finished"
    assert result.steps == 5000
    assert result.path.shape == (5001, 3)
    assert result.values.shape == result.grad_norms.shape == (5001,)
    np.testing.assert_allclose(result.x, LECTURE_BETA, rtol=0, atol=1e-8)
    # Not just close: the same floating-point operations as the lecture's loop.
    np.testing.assert_array_equal(result.x, lecture_loop(X, y, beta0, 0.01, 5000))
    np.testing.assert_array_equal(result.path[0], beta0)


def test_lecture_run_loss_decreases_towards_zero():
    X, y, beta0 = lecture_data()
    result = linear_regression_gd(X, y, beta0)
    assert result.values[0] == pytest.approx(regression_loss(X, y, beta0, "lecture"))
    assert np.all(np.diff(result.values) <= 1e-15)
    assert result.values[-1] < 1e-10
    dist = distance_to_pinv(result, X, y)
    assert dist.shape == (5001,)
    assert dist[-1] < 1e-5 < dist[0]


def test_eps_stops_early():
    X, y, beta0 = lecture_data()
    result = linear_regression_gd(X, y, beta0, steps=100_000, eps=1e-6)
    assert result.status == "converged"
    assert result.steps < 100_000
    assert result.grad_norms[-1] <= 1e-6


def test_add_intercept_appends_ones_last():
    out = add_intercept(np.arange(6.0).reshape(3, 2))
    np.testing.assert_array_equal(out, [[0, 1, 1], [2, 3, 1], [4, 5, 1]])


# --- the three objectives ----------------------------------------------------------------------


def test_losses_by_hand():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    y = np.array([3.0, 4.0])
    beta = np.zeros(2)  # residual (3, 4): ‖r‖² = 25
    assert regression_loss(X, y, beta, "lecture") == pytest.approx(12.5)
    assert regression_loss(X, y, beta, "squared") == pytest.approx(12.5)
    assert regression_loss(X, y, beta, "norm") == pytest.approx(np.sqrt(12.5))
    np.testing.assert_allclose(regression_gradient(X, y, beta, "lecture"), [-3, -4])
    np.testing.assert_allclose(regression_gradient(X, y, beta, "squared"), [-3, -4])
    np.testing.assert_allclose(regression_gradient(X, y, beta, "norm"), np.array([-3, -4]) / (2 * np.sqrt(12.5)))


def test_norm_gradient_at_a_perfect_fit_is_zero_not_nan():
    X, y, _ = lecture_data()
    g = regression_gradient(X, y, [1, 2, 3], "norm")
    np.testing.assert_array_equal(g, np.zeros(3))


small_problem = st.tuples(
    st.integers(2, 6),  # n
    st.integers(1, 3),  # d
    st.integers(0, 2**32 - 1),  # seed
)


@settings(max_examples=40, deadline=None)
@given(small_problem, st.sampled_from(OBJECTIVES))
def test_gradients_match_finite_differences(problem, objective):
    n, d, seed = problem
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.normal(size=n)
    beta = rng.normal(size=d)
    # Keep away from a perfect fit, where the RMSE has a kink.
    if regression_loss(X, y, beta, "norm") < 1e-2:
        beta = beta + 1.0
    h = 1e-6
    fd = np.array(
        [
            (regression_loss(X, y, beta + h * e, objective) - regression_loss(X, y, beta - h * e, objective)) / (2 * h)
            for e in np.eye(d)
        ]
    )
    np.testing.assert_allclose(regression_gradient(X, y, beta, objective), fd, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    ("objective", "lr", "steps"),
    [("lecture", 0.01, 3000), ("squared", 0.2, 3000), ("norm", 0.3, 5000)],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gd_approaches_pinv(objective, lr, steps, seed):
    X, y = well_conditioned(seed)
    result = linear_regression_gd(X, y, np.zeros(3), lr=lr, steps=steps, objective=objective)
    assert result.status == "finished"
    assert distance_to_pinv(result.x, X, y) < 1e-4
    assert result.values[-1] <= result.values[0]


# --- the loss surface in β space -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    objective=st.sampled_from(OBJECTIVES),
    a=st.floats(-3, 5),
    b=st.floats(-2, 6),
)
def test_loss_grid_matches_regression_loss(objective, a, b):
    X, y, _ = make_linear(30, 1, noise=0.5, seed=1)
    X = add_intercept(X)
    B0, B1, L = regression_loss_grid(X, y, objective=objective, extent=(a - 1, a + 1, b - 1, b + 1), resolution=11)
    i, j = 3, 7
    expected = regression_loss(X, y, [B0[i, j], B1[i, j]], objective)
    assert L[i, j] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_loss_grid_of_two_coefficients_among_three():
    X, y, _ = lecture_data()
    B0, B1, L = regression_loss_grid(X, y, extent=(0, 2, 1, 3), dims=(0, 1), resolution=21)
    # The other coefficient is held at the pseudo-inverse's 3: the minimum 0 is at (1, 2).
    assert L[10, 10] == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="dims"):
        regression_loss_grid(X, y, extent=(0, 2, 1, 3), dims=(1, 1))
    with pytest.raises(ValueError, match="extent"):
        regression_loss_grid(X, y, extent=(2, 0, 1, 3))


# --- divergence --------------------------------------------------------------------------------


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_too_large_lr_diverges_without_warnings(objective):
    X, y, beta0 = lecture_data()
    lr = {"lecture": 0.2, "squared": 1.0, "norm": 1e6}[objective]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = linear_regression_gd(X, y, beta0, lr=lr, steps=5000, objective=objective)
    if objective == "norm":
        # The RMSE's gradient is bounded, so a large lr bounces around instead of blowing up.
        assert result.status == "finished"
        assert np.all(np.isfinite(result.path))
        return
    assert result.status == "diverged"
    assert result.diverged_at is not None and 1 <= result.diverged_at < 5000
    assert np.all(np.isfinite(result.path))
    assert np.all(np.isfinite(result.values))
    assert result.message == f"diverged at step {result.diverged_at}"


def test_lecture_lr_threshold():
    # GD on ½‖y − Xβ‖² is stable iff lr < 2 / λ_max(XᵀX).
    X, y, beta0 = lecture_data()
    limit = 2 / np.linalg.eigvalsh(X.T @ X).max()
    assert linear_regression_gd(X, y, beta0, lr=0.95 * limit, steps=20_000).status == "finished"
    assert linear_regression_gd(X, y, beta0, lr=1.05 * limit, steps=20_000).status == "diverged"


# --- distance_to_pinv --------------------------------------------------------------------------


def test_distance_to_pinv_shapes():
    X, y, _ = lecture_data()
    assert distance_to_pinv([1, 2, 4], X, y) == pytest.approx(1.0)
    np.testing.assert_allclose(distance_to_pinv([[1, 2, 3], [1, 2, 5]], X, y), [0, 2], atol=1e-12)
    result = linear_regression_gd(X, y, [1, 2, 3], steps=3)
    assert isinstance(result, DescentResult)
    np.testing.assert_allclose(distance_to_pinv(result, X, y), 0, atol=1e-12)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"X": [1.0, 2.0]}, ValueError, r"X must be a 2-D array, got shape \(2,\)"),
        ({"X": np.zeros((4, 0))}, ValueError, "X must have at least one column"),
        ({"X": [["a", "b", "c"]] * 4}, TypeError, "X must be an array of real numbers"),
        ({"y": [[1.0, 2.0, 3.0, 4.0]]}, ValueError, r"y must be a 1-D array"),
        ({"y": [1.0, 2.0, 3.0]}, ValueError, r"y must have one entry per row of X \(4\), got shape \(3,\)"),
        ({"y": [1.0, np.nan, 3.0, 4.0]}, ValueError, "y must contain only finite numbers"),
        ({"beta0": [1.0, 2.0]}, ValueError, r"beta0 must have one entry per column of X \(3\), got shape \(2,\)"),
        ({"lr": 0.0}, ValueError, r"lr must be positive \(> 0\), got 0.0"),
        ({"lr": -0.1}, ValueError, "lr must be positive"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number, got '0.1'"),
        ({"steps": 0}, ValueError, r"steps must be an integer in \[1, 1000000\], got 0"),
        ({"steps": 10.0}, TypeError, "steps must be an integer, got 10.0"),
        ({"objective": "mse"}, ValueError, "objective must be one of 'lecture', 'norm', 'squared'; got 'mse'"),
        ({"eps": -1.0}, ValueError, "eps must be >= 0"),
    ],
)
def test_bad_input(kwargs, error, match):
    X, y, beta0 = lecture_data()
    args = {"X": X, "y": y, "beta0": beta0, **kwargs}
    extra = {k: v for k, v in args.items() if k not in ("X", "y", "beta0")}
    with pytest.raises(error, match=match):
        linear_regression_gd(args["X"], args["y"], args["beta0"], **extra)


def test_bad_input_of_the_small_functions():
    X, y, _ = lecture_data()
    with pytest.raises(ValueError, match=r"beta must have one entry per column of X \(3\)"):
        regression_loss(X, y, [1.0], "squared")
    with pytest.raises(ValueError, match="objective must be one of"):
        regression_gradient(X, y, [1, 2, 3], "l2")
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        add_intercept([1, 2, 3])
    with pytest.raises(ValueError, match=r"y must have one entry per row of X \(4\)"):
        pinv_solution(X, y[:2])
    with pytest.raises(ValueError, match=r"beta must have one entry per column of X \(3\), got shape \(2, 2\)"):
        distance_to_pinv(np.zeros((2, 2)), X, y)


# --- bad input ------------------------------------------------------------------------------


def test_long_or_heavy_runs_are_refused_before_they_start():
    X, y, beta0 = lecture_data()
    with pytest.raises(ValueError, match=r"steps must be an integer in \[1, 1000000\], got 10000000"):
        linear_regression_gd(X, y, beta0, lr=1e-9, steps=10_000_000)
    big = np.broadcast_to(1.0, (10**5, 200))  # a view: no memory
    with pytest.raises(ValueError, match=r"steps × n × d \(the arithmetic\) is 20,000,000,000.*fewer steps"):
        linear_regression_gd(big, np.zeros(10**5), np.zeros(200), lr=1e-9, steps=1000)


@pytest.mark.parametrize("bad", [np.array([[1j, 1.0]]), [["1", "2"]], [[10**400, 1.0]]])
def test_data_that_is_not_real_numbers_is_refused_by_name(bad):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((TypeError, ValueError), match="X must"):
            regression_loss(bad, [1.0], [1.0, 1.0])


def test_huge_coefficients_give_floats_not_warnings():
    X, y, _ = lecture_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert regression_loss(X, y, [1e200] * 3, "squared") == np.inf  # larger than any float
        # The RMSE and its gradient are floats there: the sum of squares is scaled, not overflowed.
        assert regression_loss(X, y, [1e200] * 3, "norm") == pytest.approx(4.6368092477478515e200)
        g = regression_gradient(X, y, [1e200] * 3, "norm")
        assert np.all(np.isfinite(g)) and np.linalg.norm(g) > 1
        assert distance_to_pinv([1e200] * 3, X, y) == pytest.approx(np.sqrt(3) * 1e200)


def test_pinv_of_huge_data_is_refused_before_the_svd():
    X = np.broadcast_to(1.0, (10**5, 1000))  # a view: no memory
    with pytest.raises(ValueError, match=r"n × d × min\(n, d\) \(the SVD's arithmetic\) is 100,000,000,000"):
        pinv_solution(X, np.zeros(10**5))

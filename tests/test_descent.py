"""The descent loop: the lecture's runs, stopping rules, divergence as a result."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.descent import (
    DIVERGENCE_LIMIT,
    convergence_status,
    gd_step,
    gradient_descent,
    iterate,
    momentum_step,
    oscillates,
)
from helpers.functions import get_function


def lecture_grad(x):
    return 2 * x + 2


def test_lecture_run_reaches_the_minimum_in_530_to_680_steps():
    # OUTLINE §2: x² + 2x + 3 from a random start in [-2, 2], lr 1e-2, eps 1e-5.
    rng = np.random.default_rng(0)
    for start in rng.uniform(-2, 2, size=20):
        r = gradient_descent(lecture_grad, start, lr=1e-2, eps=1e-5)
        assert r.converged
        assert abs(r.x + 1) < 1e-5
        # |x0 + 1| ranges over (0, 3]; tiny distances converge sooner than the lecture's typical run.
        if abs(start + 1) > 0.2:
            assert 400 <= r.steps <= 700


def test_lecture_2d_run_takes_about_600_steps():
    bowl = get_function("lecture_bowl")
    r = gradient_descent(bowl.grad, [1.5, -1.8], lr=1e-2, eps=1e-5, f=bowl.f)
    assert r.converged
    assert np.linalg.norm(r.x) < 1e-5
    assert 500 <= r.steps <= 700
    assert r.values[-1] < 1e-10
    assert r.path.shape == (r.steps + 1, 2)


def test_result_arrays_line_up():
    r = gradient_descent(lecture_grad, 1.0, f=lambda x: x * x + 2 * x + 3)
    assert len(r.path) == len(r.grad_norms) == len(r.values) == r.steps + 1
    assert r.grad_norms[-1] <= 1e-5 < r.grad_norms[-2]
    assert np.all(np.diff(r.values) <= 0)  # descent never goes up on this convex function


def test_the_loop_matches_the_lecture_pseudocode():
    # var = init; grad = gradient(var); while abs(grad) > eps: var -= lr * grad; grad = gradient(var)
    var, steps = 0.7, 0
    grad = lecture_grad(var)
    while abs(grad) > 1e-5:
        var = var - 1e-2 * grad
        grad = lecture_grad(var)
        steps += 1
    r = gradient_descent(lecture_grad, 0.7)
    assert r.steps == steps
    assert r.x == var


def test_step_cap_and_fixed_number_of_steps():
    r = gradient_descent(lecture_grad, 1.5, steps=100)
    assert r.status == "max_steps" and r.steps == 100
    assert "stopped at the step cap 100" in r.message
    r = gradient_descent(lecture_grad, 1.5, eps=None, steps=50)
    assert r.status == "finished" and r.steps == 50
    assert r.message.startswith("finished 50 steps")


def test_divergence_is_reported_with_its_step_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = gradient_descent(lecture_grad, 1.5, lr=1.5, steps=10_000)
    assert r.diverged
    assert r.message == f"diverged at step {r.diverged_at}"
    assert 10 < r.diverged_at < 100
    assert np.all(np.isfinite(r.path))
    assert np.all(np.abs(r.path) <= DIVERGENCE_LIMIT)


def test_overflow_inside_the_gradient_is_divergence_not_a_crash():
    # Step 1 lands at x ≈ 1280, where math.exp raises OverflowError.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = gradient_descent(lambda x: math.exp(x) - 1, 2.0, lr=200.0, steps=10, ascent=True)
    assert r.diverged and r.diverged_at == 1
    # x₁ was reached (and is kept); its gradient overflowed, so only x₀ has one.
    assert r.path[0] == 2.0 and 1279 < r.path[1] < 1280 and len(r.grad_norms) == 1


def test_numpy_overflow_is_divergence_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = gradient_descent(lambda v: np.exp(v), np.array([5.0, 1.0]), lr=10.0, ascent=True)
    assert r.diverged and r.diverged_at <= 3


def test_ascent_finds_a_maximum():
    r = gradient_descent(lambda x: -2 * (x - 3), 0.0, lr=0.1, ascent=True)
    assert r.converged and r.ascent
    assert abs(r.x - 3) < 1e-5


def test_momentum_plugs_into_the_same_loop():
    bowl = get_function("stretched_bowl")
    plain = iterate(bowl.grad, [2.0, 1.0], gd_step(0.01), lr=0.01, eps=1e-6)
    heavy = iterate(bowl.grad, [2.0, 1.0], momentum_step(0.01, 0.9), lr=0.01, eps=1e-6)
    assert plain.converged and heavy.converged
    assert heavy.steps < plain.steps


@given(
    curvature=st.floats(0.1, 50.0),
    ratio=st.floats(0.05, 0.95),
    start=st.floats(-10, 10).filter(lambda s: abs(s) > 1e-3),
)
def test_quadratics_converge_below_2_over_L(curvature, ratio, start):
    lr = ratio * 2 / curvature
    r = gradient_descent(lambda x: curvature * x, start, lr=lr, eps=1e-8, steps=100_000)
    assert r.converged
    assert abs(r.x) <= 1e-8 / curvature * 1.0001


@given(curvature=st.floats(0.1, 50.0), ratio=st.floats(1.05, 3.0), start=st.floats(0.5, 10))
def test_quadratics_diverge_above_2_over_L(curvature, ratio, start):
    lr = ratio * 2 / curvature
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = gradient_descent(lambda x: curvature * x, start, lr=lr, eps=1e-8, steps=100_000)
    assert r.diverged
    assert np.all(np.abs(np.diff(np.abs(r.path))) > 0)  # |x| grows every step


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"lr": 0.0}, ValueError, r"lr must be positive \(> 0\), got 0.0"),
        ({"lr": -0.1}, ValueError, r"lr must be positive"),
        ({"lr": float("nan")}, ValueError, r"lr must be a finite number, got nan"),
        ({"lr": "0.1"}, TypeError, r"lr must be a real number, got '0.1' of type str"),
        ({"eps": -1e-5}, ValueError, r"eps must be >= 0, got -1e-05"),
        ({"eps": float("inf")}, ValueError, r"eps must be a finite number"),
        ({"steps": 0}, ValueError, r"steps must be an integer in \[1, 1000000\], got 0"),
        ({"steps": 10.5}, TypeError, r"steps must be an integer, got 10.5"),
        ({"steps": True}, TypeError, r"steps must be an integer, got True"),
        ({"start": float("nan")}, ValueError, r"start must be finite"),
        ({"start": [[1.0, 2.0]]}, ValueError, r"start must be a number or a non-empty 1-D vector, got shape \(1, 2\)"),
        ({"start": []}, ValueError, r"start must be a number or a non-empty 1-D vector, got shape \(0,\)"),
        ({"grad": 3}, TypeError, r"objective must be an Objective"),
        ({"momentum": 1.0}, ValueError, r"momentum must be"),
        ({"momentum": 0.5, "ascent": True}, ValueError, r"momentum applies to descent only"),
        ({"batch_size": 4, "epochs": 1}, TypeError, r"batch_size and epochs need a problem with data rows"),
        ({"f": "x**2"}, TypeError, r"f must be callable"),
    ],
)
def test_bad_arguments_are_named_in_the_error(kwargs, error, pattern):
    args = {"grad": lecture_grad, "start": 1.0, **kwargs}
    with pytest.raises(error, match=pattern):
        gradient_descent(args.pop("grad"), args.pop("start"), **args)


def test_a_gradient_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"grad must return shape \(2,\) like start, got shape \(3,\)"):
        gradient_descent(lambda v: np.ones(3), [1.0, 2.0])


def test_a_gradient_undefined_at_the_start_is_refused():
    with pytest.raises(ValueError, match="cannot be evaluated at start = -1.0"):
        gradient_descent(lambda x: math.log(x), -1.0)
    with pytest.raises(ValueError, match="the gradient at start = 0.0 is not finite"):
        gradient_descent(lambda x: np.float64(1.0) / np.float64(x) if x else float("inf"), 0.0)


def test_repr_and_final_point():
    r = gradient_descent(lecture_grad, 1.0)
    assert repr(r).startswith("DescentResult(converged in")
    assert isinstance(r.x, float)
    v = gradient_descent(lambda p: 2 * p, [1.0, 1.0])
    assert v.x.shape == (2,)
    assert "‖∇f‖" in v.message


# --- bad input ------------------------------------------------------------------------------


def _quad(x):
    return 2 * x


@pytest.mark.parametrize("init", ["1.0", ["1", "2"], 1j, np.array([1j, 1.0]), None])
def test_init_that_is_not_real_numbers_is_refused(init):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match="start must be an array of real numbers"):
            gradient_descent(_quad, init, lr=0.1)


@pytest.mark.parametrize("lr", [math.nan, math.inf, 0.0, -1.0])
def test_steps_and_iterate_refuse_bad_learning_rates(lr):
    for make in (gd_step, momentum_step, lambda lr: iterate(_quad, 1.0, gd_step(0.1), lr=lr)):
        with pytest.raises(ValueError, match="lr must be"):
            make(lr)
    with pytest.raises(TypeError, match="lr must be a real number, got '0.1'"):
        gd_step("0.1")


@pytest.mark.parametrize("beta", [math.nan, 1.0, -0.1])
def test_momentum_beta_must_be_in_0_1(beta):
    with pytest.raises(ValueError, match="beta must be"):
        momentum_step(0.1, beta)


@pytest.mark.parametrize(
    "grad, init, error, phrase",
    [
        (lambda x: "1.0", 1.0, TypeError, "the value grad returned must be an array of real numbers"),
        (lambda x: None, 1.0, TypeError, "None is not a number"),
        (lambda x: 1j * x, 1.0, TypeError, "complex numbers are not allowed"),
        (lambda x: 1j * x, [1.0, 2.0], TypeError, "complex numbers are not allowed"),
        (lambda x: np.ones((2, 2)), 1.0, ValueError, "must be a single number"),
    ],
)
def test_what_grad_returns_is_checked(grad, init, error, phrase):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=phrase):
            gradient_descent(grad, init, lr=0.1)


def test_what_f_returns_is_checked():
    with pytest.raises(TypeError, match="the value f returned must be an array of real numbers"):
        gradient_descent(_quad, 1.0, lr=0.1, f=lambda x: "x")


def test_long_runs_are_refused_before_they_start():
    with pytest.raises(ValueError, match=r"steps must be an integer in \[1, 1000000\], got 10000000"):
        gradient_descent(_quad, [1.0, 1.0], lr=1e-12, eps=None, steps=10**7)
    with pytest.raises(ValueError, match=r"\(steps \+ 1\) × len\(start\) \(the numbers in the path\)"):
        gradient_descent(_quad, np.ones(1000), lr=1e-12, eps=None, steps=10**6)


def test_oscillation_detection():
    assert oscillates([1.0, -0.5, 0.25, -0.125, 0.06])
    assert not oscillates([1.0, 0.5, 0.25, 0.125])
    assert not oscillates([1.0])
    # The convergence explorer's run on the lecture's quadratic at λ = 0.9 (its ε and step cap).
    run = gradient_descent(get_function("lecture_quadratic"), 1.5, lr=0.9, eps=1e-5, steps=200)
    assert convergence_status(run, 2.0).startswith("converged in")

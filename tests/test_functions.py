"""The objective library: values, gradients and known minima agree with each other."""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import numeric_gradient
from helpers.descent import gradient_descent
from helpers.functions import (
    FORMULA,
    FORMULA_DOMAIN,
    FUNCTIONS,
    curvature_at_minimum,
    formula_objective,
    get_function,
    objective,
    objective_from_expr,
    undefined_parts,
)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_gradient_matches_finite_differences(name):
    obj = get_function(name)
    rng = np.random.default_rng(1)
    for _ in range(5):
        point = np.array([rng.uniform(lo, hi) for lo, hi in obj.domain])
        if obj.dim == 1:
            g = obj.grad(float(point[0]))
            num = (obj.f(point[0] + 1e-6) - obj.f(point[0] - 1e-6)) / 2e-6
            assert g == pytest.approx(num, rel=1e-5, abs=1e-5)
        else:
            g = obj.grad(point)
            num = numeric_gradient(obj.f, point, h=1e-6)
            np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_known_minima_are_stationary_points_and_grid_agrees(name):
    obj = get_function(name)
    assert obj.minima, "every library function names its minima"
    for m in obj.minima:
        g = obj.grad(m if obj.dim == 1 else np.array(m))
        assert np.linalg.norm(np.atleast_1d(g)) < 1e-4
    grids = [np.linspace(lo, hi, 7) for lo, hi in obj.domain]
    mesh = np.meshgrid(*grids)
    values = obj.f_grid(*mesh)
    assert values.shape == mesh[0].shape
    i = (3,) * obj.dim
    point = float(mesh[0][i]) if obj.dim == 1 else np.array([m[i] for m in mesh])
    assert values[i] == pytest.approx(obj.f(point))


def test_the_global_minimum_comes_first():
    for name in ("xcos", "double_well"):
        obj = get_function(name)
        values = [obj.f(m) for m in obj.minima]
        assert values[0] == min(values)
        assert len(obj.minima) >= 2  # non-convex: a local minimum that is not the global one


def test_curvature_bounds_the_stable_learning_rate():
    for name in ("lecture_quadratic", "lecture_bowl", "stretched_bowl"):
        obj = get_function(name)
        start = 1.0 if obj.dim == 1 else [1.0, 1.0]
        ok = gradient_descent(obj.grad, start, lr=0.9 * 2 / obj.curvature, eps=1e-6, steps=50_000)
        bad = gradient_descent(obj.grad, start, lr=1.1 * 2 / obj.curvature, eps=1e-6, steps=50_000)
        assert ok.converged and bad.diverged


def test_objective_from_expr_checks_its_input():
    x, y, z = sp.symbols("x y z")
    with pytest.raises(TypeError, match="expr must be a sympy expression"):
        objective_from_expr("x**2", (x,))
    with pytest.raises(ValueError, match="variables must be one or two sympy Symbols"):
        objective_from_expr(x + y + z, (x, y, z))
    with pytest.raises(ValueError, match=r"expr uses \['y'\] which are not among variables"):
        objective_from_expr(x + y, (x,))
    const = objective_from_expr(sp.Integer(3) + 0 * x, (x,))
    assert const.f_grid(np.zeros(4)).shape == (4,)


def test_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match="name must be one of 'lecture_quadratic'"):
        get_function("banana")


@pytest.mark.parametrize("expr", [sp.zoo * sp.Symbol("x"), sp.oo * sp.Symbol("x"), sp.I * sp.Symbol("x"), sp.nan])
def test_objectives_must_be_real_and_finite(expr):
    with pytest.raises(ValueError, match="expr must be a real, finite expression"):
        objective_from_expr(expr, (sp.Symbol("x"),))


@pytest.mark.parametrize(
    "domain, error, phrase",
    [
        (((float("nan"), 1.0),), ValueError, r"domain\[0\]\[0\] must be a finite number"),
        (((1.0, -1.0),), ValueError, r"domain\[0\] must have low < high"),
        (((0.0, 1.0), (0.0, 1.0)), ValueError, r"domain must be 1 \(low, high\) pair"),
        ((("0", 1.0),), TypeError, r"domain\[0\]\[0\] must be a real number"),
        (3, TypeError, "domain must be one"),
    ],
)
def test_domains_are_checked(domain, error, phrase):
    x = sp.Symbol("x")
    with pytest.raises(error, match=phrase):
        objective_from_expr(x**2, (x,), domain=domain)


def test_library_domains_are_unchanged():
    assert get_function("lecture_quadratic").domain == ((-4.0, 2.0),)
    assert get_function("rosenbrock").domain == ((-2.0, 2.0), (-1.0, 3.0))


def test_a_typed_formula_is_nan_where_undefined_and_says_where():
    f = formula_objective("log(x)")
    assert f.name == FORMULA and f.domain == (FORMULA_DOMAIN,)
    assert math.isnan(f.f(-1.0)) and math.isnan(f.grad(0.0)) and f.grad(2.0) == 0.5
    assert formula_objective("log(x)") is f  # compiled once per text
    assert undefined_parts(f, *FORMULA_DOMAIN) == ("x ≤ 0", [])
    assert undefined_parts(formula_objective("x^2"), *FORMULA_DOMAIN) == ("", [])


def test_curvature_at_minimum_is_mu_or_the_second_derivative_at_the_global_minimum():
    assert curvature_at_minimum("lecture_quadratic") == 2.0
    well = get_function("double_well")
    (x,) = well.variables
    expected = float(sp.diff(well.expr, x, 2).subs(x, well.minima[0]))
    assert curvature_at_minimum("double_well") == pytest.approx(expected)


def test_a_typed_absolute_value_compiles_with_its_real_derivative():
    # sympy differentiates |x| for a complex x into re/im parts no printer can compile: the course's
    # variables are real, so |x|' is sign(x) (and a learner's formula box never sees a printer error).
    one = objective("abs(x) + x**2")
    assert str(one.derivative) == "2*x + sign(x)" and one.grad(-2.0) == -5.0
    two = objective("abs(x) + 3*y**2", variables=("x", "y"))
    assert two.grad([1.0, 2.0]).tolist() == [1.0, 12.0]
    assert two.hessian([1.0, 2.0]).tolist() == [[0.0, 0.0], [0.0, 6.0]]

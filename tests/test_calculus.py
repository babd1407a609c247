"""Derivatives: the lecture's symbolic examples, finite differences and their round-off, gradients."""

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from support import BrokenEverything

from helpers.calculus import (
    DifferenceTable,
    central_difference,
    derivative_function,
    difference_table,
    forward_difference,
    gradient_function,
    hessian_eigenvalues,
    hessian_matrix,
    numeric_gradient,
    partial_derivative,
    second_derivative,
    symbolic_derivative,
)
from helpers.formula import FormulaError

x, y = sympy.symbols("x y")


def lecture_f(t):
    return t**2 + 2 * t + 3


# --- the lecture's symbolic examples --------------------------------------------------------


def test_lecture_poly_derivative_prints_as_in_the_lecture():
    # OUTLINE §1: sympy.diff(sympy.poly(x**2 + 2*x + 3), x)
    assert str(sympy.diff(sympy.poly(x**2 + 2 * x + 3), x)) == "Poly(2*x + 2, x, domain='ZZ')"
    assert str(symbolic_derivative(sympy.poly(x**2 + 2 * x + 3), "x")) == "Poly(2*x + 2, x, domain='ZZ')"


def test_lecture_partial_derivative_with_warnings_as_errors():
    # OUTLINE §3, written as a plain expression (Poly mixed with cos is deprecated in sympy).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expr = x**2 + 2 * x * y + 3 + sympy.cos(x + 2 * y)
        assert symbolic_derivative(expr, "x") == 2 * x + 2 * y - sympy.sin(x + 2 * y)
        typed = symbolic_derivative("x**2 + 2*x*y + 3 + cos(x + 2*y)", "x", variables=("x", "y"))
        assert typed == 2 * x + 2 * y - sympy.sin(x + 2 * y)


def test_symbolic_derivative_of_a_typed_formula():
    assert symbolic_derivative("x^2 + 2*x + 3") == 2 * x + 2
    assert symbolic_derivative("abs(x)") == sympy.sign(x)
    t = sympy.Symbol("t")
    assert symbolic_derivative(sympy.sin(t), t) == sympy.cos(t)


def test_symbolic_derivative_keeps_the_callers_symbols():
    r = sympy.Symbol("r", positive=True)
    d = symbolic_derivative(r**3, "r")
    assert d == 3 * r**2
    assert d.free_symbols == {r}


def test_second_derivative():
    assert second_derivative("x**3 - 3*x") == 6 * x
    assert second_derivative("2*x + 1") == 0
    assert second_derivative(sympy.poly(x**3)) == sympy.Poly(6 * x, x)


def test_hessian_of_the_lecture_bowl_and_its_eigenvalues():
    assert hessian_matrix("x**2 + 2*y**2", ("x", "y")) == sympy.Matrix([[2, 0], [0, 4]])
    assert hessian_matrix(sympy.poly(x**3 + x * y), [x, y]) == sympy.Matrix([[6 * x, 1], [1, 0]])
    np.testing.assert_allclose(hessian_eigenvalues("x**2 + 2*y**2", ("x", "y"), [0.3, -1.0]), [2.0, 4.0])


def test_hessian_eigenvalues_show_a_saddle_and_non_convexity():
    saddle = hessian_eigenvalues(x**2 - y**2, (x, y), [0.0, 0.0])
    np.testing.assert_allclose(saddle, [-2.0, 2.0])
    # x·cos(0.47x), the course's non-convex example: f'' < 0 at 0.
    (curvature,) = hessian_eigenvalues("x*cos(0.47*x)", ("x",), [2.0])
    assert curvature < 0
    assert curvature == pytest.approx(float(second_derivative("x*cos(0.47*x)").subs(x, 2.0)))


def test_hessian_eigenvalues_refuse_a_bad_point_or_an_undefined_hessian():
    with pytest.raises(ValueError, match="point must have 2 coordinates"):
        hessian_eigenvalues("x**2 + y**2", ("x", "y"), [1.0])
    with pytest.raises(ValueError, match="point must contain only finite numbers"):
        hessian_eigenvalues("x**2 + y**2", ("x", "y"), [1.0, math.nan])
    with pytest.raises(ValueError, match="not a finite real matrix"):
        hessian_eigenvalues("log(x)", ("x",), [0.0])
    with pytest.raises(ValueError, match="depends on a"):
        hessian_eigenvalues(sympy.Symbol("a") * x**3, ("x",), [1.0])


# --- compiled derivatives -------------------------------------------------------------------


def test_derivative_function_is_compiled_and_vectorised():
    df = derivative_function(x**2 + 2 * x + 3)
    assert df(1.0) == 4.0
    np.testing.assert_allclose(df(np.array([-1.0, 0.0, 2.0])), [0.0, 2.0, 6.0])
    assert derivative_function("x*cos(0.47*x)")(0.0) == pytest.approx(1.0)
    assert derivative_function(sympy.poly(x**2))(3.0) == 6.0


def test_a_constant_too_large_for_a_float_gives_nan_not_an_exception():
    # sympy input is not size-checked like a typed formula; lambdify computes 10**(e·10**e) in
    # Python floats, which raises OverflowError.
    df = derivative_function(x**2 * 10 ** (sympy.E * 10**sympy.E))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(df(1.0))


def test_derivative_function_refuses_a_free_parameter():
    with pytest.raises(ValueError, match="depends on y"):
        derivative_function(x * y, "x")


def test_gradient_function_of_the_lecture_bowl():
    grad = gradient_function("x**2 + 2*y**2", ("x", "y"))
    g = grad(np.array([1.0, 1.0]))
    assert g.shape == (2,)
    np.testing.assert_allclose(g, [2.0, 4.0])
    # A variable the function ignores has partial derivative 0.
    np.testing.assert_allclose(gradient_function(x**2, (x, y))([3.0, 5.0]), [6.0, 0.0])
    with pytest.raises(ValueError, match="depends on y"):
        gradient_function(x * y, ("x",))


def test_gradient_in_one_variable_has_shape_1():
    grad = gradient_function(sympy.poly(x**2), ["x"])
    np.testing.assert_array_equal(grad([3.0]), [6.0])
    np.testing.assert_array_equal(grad(3.0), [6.0])


def test_piecewise_and_max_differentiate_and_compile():
    # ReLU-like functions: classes such as Piecewise are rebuilt without an evaluate flag.
    relu_squared = sympy.Piecewise((x**2, x > 0), (0, True))
    assert symbolic_derivative(relu_squared, "x") == sympy.Piecewise((2 * x, x > 0), (0, True))
    assert symbolic_derivative(sympy.Max(0, x), "x") == sympy.Heaviside(x)
    np.testing.assert_array_equal(derivative_function(sympy.Max(0, x))(np.array([-1.0, 2.0])), [0.0, 1.0])


def test_gradient_function_drives_gradient_descent_to_the_origin():
    from helpers.descent import gradient_descent

    grad = gradient_function("x**2 + 2*y**2", ("x", "y"))
    r = gradient_descent(grad, [1.5, -1.8], lr=1e-2, eps=1e-5)
    assert r.converged
    np.testing.assert_allclose(r.x, [0.0, 0.0], atol=1e-5)


# --- finite differences ---------------------------------------------------------------------


def test_forward_and_central_differences_on_the_lecture_function():
    assert forward_difference(lecture_f, 1.0, h=1e-1) == pytest.approx(4.1)  # error exactly h·f''/2
    assert central_difference(lecture_f, 1.0, h=1e-1) == pytest.approx(4.0, abs=1e-12)
    xs = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_allclose(forward_difference(lecture_f, xs), 2 * xs + 2, atol=1e-4)
    np.testing.assert_allclose(central_difference(lecture_f, xs), 2 * xs + 2, atol=1e-8)
    assert isinstance(central_difference(np.sin, 0.0), float)


def test_difference_table_error_falls_then_rises_from_round_off():
    table = difference_table(lecture_f, 1.0, exact=4.0)
    assert isinstance(table, DifferenceTable)
    assert len(table) == 15
    np.testing.assert_array_equal(table.h, [float(f"1e-{k}") for k in range(1, 16)])
    best = table.best_h("forward")
    assert 1e-9 <= best <= 1e-7  # ≈ √ε
    best_error = table.forward_error.min()
    assert table.forward_error[0] > 1e3 * best_error  # truncation dominates at h = 0.1
    assert table.forward_error[-1] > 1e3 * best_error  # round-off dominates at h = 1e-15
    assert "1e-08" in str(table)


def test_central_difference_is_exact_on_a_quadratic_up_to_round_off():
    # f''' = 0, so the central error is round-off only and grows as h shrinks.
    table = difference_table(lecture_f, 1.0, exact=4.0)
    assert table.best_h("central") >= 1e-3
    assert table.central_error.min() < 1e-14
    assert table.central_error[-1] > 1e10 * table.central_error.min()


def test_central_difference_best_h_is_near_the_cube_root_of_eps():
    table = difference_table(np.sin, 1.0, exact=math.cos(1.0))
    assert 1e-6 <= table.best_h("central") <= 1e-4
    assert table.central_error.min() < 1e-10
    assert table.central_error[-1] > 1e3 * table.central_error.min()


def test_difference_table_with_own_steps_and_bad_method():
    table = difference_table(lecture_f, 0.0, exact=2.0, hs=[0.5, 0.25])
    np.testing.assert_allclose(table.forward_error, [0.5, 0.25])
    with pytest.raises(ValueError, match="method must be one of 'forward', 'central'"):
        table.best_h("backward")
    with pytest.raises(ValueError, match="hs must contain only positive steps"):
        difference_table(lecture_f, 0.0, exact=2.0, hs=[0.1, 0.0])


def test_partial_derivative_along_e_i_and_numeric_gradient():
    def f(p):
        return p[0] ** 2 + 2 * p[1] ** 2

    assert partial_derivative(f, [1.0, 1.0], 0) == pytest.approx(2.0)
    assert partial_derivative(f, [1.0, 1.0], 1) == pytest.approx(4.0)
    np.testing.assert_allclose(numeric_gradient(f, [1.0, -1.0]), [2.0, -4.0], rtol=1e-8)


# --- bad inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize("func", [forward_difference, central_difference])
@pytest.mark.parametrize(
    ("h", "error", "message"),
    [
        (0.0, ValueError, r"h must be positive \(> 0\), got 0.0"),
        (-1e-5, ValueError, r"h must be positive \(> 0\), got -1e-05"),
        (math.nan, ValueError, "h must be a finite number, got nan"),
        (math.inf, ValueError, "h must be a finite number"),
        ("0.1", TypeError, "h must be a real number"),
    ],
)
def test_bad_step_is_refused(func, h, error, message):
    with pytest.raises(error, match=message):
        func(lecture_f, 1.0, h=h)


@pytest.mark.parametrize("func", [forward_difference, central_difference, numeric_gradient])
def test_non_callable_f_is_refused(func):
    with pytest.raises(TypeError, match="f must be callable"):
        func(3.0, [1.0])


def test_bad_points_and_indices_are_refused():
    def f(p):
        return p[0] + p[1]

    with pytest.raises(ValueError, match=r"i must be an integer in \[0, 1\], got 2"):
        partial_derivative(f, [1.0, 2.0], 2)
    with pytest.raises(ValueError, match=r"i must be an integer in \[0, 1\], got -1"):
        partial_derivative(f, [1.0, 2.0], -1)
    with pytest.raises(TypeError, match="i must be an integer"):
        partial_derivative(f, [1.0, 2.0], 1.0)
    with pytest.raises(ValueError, match="h must be positive"):
        partial_derivative(f, [1.0, 2.0], 0, h=0)
    with pytest.raises(ValueError, match="x must be a 1-D array"):
        numeric_gradient(f, [[1.0, 2.0]])
    with pytest.raises(ValueError, match="x must contain only finite numbers"):
        forward_difference(lecture_f, math.nan)
    with pytest.raises(ValueError, match="f must return a single number"):
        numeric_gradient(lambda p: p, [1.0, 2.0])


def test_wrong_variable_names_are_refused():
    with pytest.raises(ValueError, match="var 'y' does not appear in the expression x\\*\\*2; its variables are x"):
        symbolic_derivative(x**2, "y")
    with pytest.raises(ValueError, match="var 'y' does not appear"):
        derivative_function(x**2, "y")
    with pytest.raises(FormulaError, match="unknown name 'y'"):
        symbolic_derivative("x*y", "x")
    with pytest.raises(ValueError, match="var 'z' must be one of the variables"):
        symbolic_derivative("x*y", "z", variables=("x", "y"))
    with pytest.raises(TypeError, match="var must be a variable name such as .x. or a sympy Symbol, got 3"):
        symbolic_derivative(x**2, 3)
    with pytest.raises(ValueError, match="variables must be distinct"):
        gradient_function("x", ("x", "x"))
    with pytest.raises(ValueError, match="variables must name at least one variable"):
        hessian_matrix("x", ())
    with pytest.raises(TypeError, match="variables must be a sequence of names"):
        gradient_function("x", 3)
    with pytest.raises(TypeError, match="variables must be names such as 'x' or sympy Symbols, got 1"):
        gradient_function("x", ("x", 1))


def test_non_expression_is_refused_without_sympify():
    with pytest.raises(TypeError, match="expr must be a sympy expression or a formula string"):
        symbolic_derivative(lambda t: t**2)
    with pytest.raises(FormulaError, match="attribute access"):
        symbolic_derivative("x.__class__")


# --- properties -----------------------------------------------------------------------------

coefficients = st.lists(st.integers(-10, 10), min_size=1, max_size=6)  # degree ≤ 5


@settings(max_examples=80, deadline=None)
@given(coefficients, st.floats(-2, 2))
def test_central_difference_matches_the_symbolic_derivative_on_polynomials(coeffs, at):
    poly = sum(c * x**k for k, c in enumerate(coeffs))
    exact = float(symbolic_derivative(poly, "x").subs(x, at)) if poly.free_symbols else 0.0
    f = sympy.lambdify(x, poly, "math")
    # Relative to the size of the terms of f', so a derivative near 0 is judged fairly.
    scale = max(1.0, sum(abs(k * c) * abs(at) ** max(k - 1, 0) for k, c in enumerate(coeffs)))
    assert abs(central_difference(f, at) - exact) <= 1e-6 * scale


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-5, 5), min_size=10, max_size=10),
    st.floats(-2, 2),
    st.floats(-2, 2),
)
def test_compiled_gradient_matches_the_numeric_gradient_on_2d_polynomials(coeffs, px, py):
    powers = [(i, j) for i in range(4) for j in range(4 - i)]  # total degree ≤ 3: 10 terms
    poly = sum(c * x**i * y**j for c, (i, j) in zip(coeffs, powers))
    f = sympy.lambdify([(x, y)], poly, "math")
    compiled = gradient_function(poly, ("x", "y"))([px, py])
    numeric = numeric_gradient(f, [px, py])
    assert compiled.shape == (2,)
    scale = max(1.0, sum(abs(c) * (i + j) * 2.0 ** (i + j) for c, (i, j) in zip(coeffs, powers)))
    np.testing.assert_allclose(compiled, numeric, rtol=0, atol=1e-6 * scale)


@settings(max_examples=30, deadline=None)
@given(coefficients)
def test_typed_and_sympy_polynomials_have_the_same_derivative(coeffs):
    poly = sum(c * x**k for k, c in enumerate(coeffs))
    assert symbolic_derivative(str(poly)) == sympy.diff(poly, x)


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("x", ["1.0", ["1", "2"], np.array([1j]), [10**400]])
def test_points_that_are_not_real_numbers_are_refused(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fn in (forward_difference, central_difference):
            with pytest.raises((TypeError, ValueError), match="x must"):
                fn(np.sin, x)


def test_big_tables_and_gradients_are_refused_before_any_evaluation():
    calls = []

    def f(t):
        calls.append(t)
        return np.sin(t)

    with pytest.raises(ValueError, match=r"len\(hs\) is 1,000,000, over the limit of 10,000"):
        difference_table(f, 1.0, math.cos(1.0), hs=np.full(10**6, 1e-3))
    with pytest.raises(ValueError, match=r"2 × len\(x\) \(the evaluations of f\) is 2,000,000"):
        numeric_gradient(f, np.zeros(10**6))
    with pytest.raises(ValueError, match=r"2 × len\(x\)² \(the coordinates copied\)"):
        numeric_gradient(f, np.zeros(2 * 10**5))
    assert calls == []


@pytest.mark.parametrize("value", [1j, "1", None])
def test_what_f_returns_to_a_partial_derivative_is_checked(value):
    with pytest.raises(TypeError, match="the value f returned must be an array of real numbers"):
        numeric_gradient(lambda p: value, [1.0])


def test_too_many_variables_are_refused():
    names = [f"x{i}" for i in range(101)]
    with pytest.raises(ValueError, match="the number of variables is 101, over the limit of 100"):
        gradient_function(" + ".join(names[:3]), names)


def test_objects_that_cannot_be_shown_still_get_a_message():
    with pytest.raises(TypeError, match="<BrokenEverything object>"):
        symbolic_derivative(BrokenEverything())
    with pytest.raises(TypeError, match="<BrokenEverything object>"):
        gradient_function("x", BrokenEverything())


def test_huge_sympy_expressions_are_refused_before_differentiating():
    x, y = sympy.symbols("x y")
    huge = sum(x**k * y for k in range(1000))
    for make in (
        lambda: gradient_function(huge, ("x", "y")),
        lambda: hessian_matrix(huge, ("x", "y")),
        lambda: symbolic_derivative(huge, "x", variables=("x", "y")),
        lambda: derivative_function(sympy.Poly(sum(x**k for k in range(2000)), x)),
    ):
        with pytest.raises(ValueError, match="expr is too large to differentiate quickly: it has more than 1000 parts"):
            make()
    # A power with a huge exponent is small: sympy differentiates it at once.
    assert symbolic_derivative(x ** (10**9)) == 10**9 * x ** (10**9 - 1)


def test_best_h_method_is_checked():
    table = difference_table(np.sin, 1.0, math.cos(1.0))
    with pytest.raises(ValueError, match="method must be one of 'forward', 'central'; got <BrokenEverything object>"):
        table.best_h(BrokenEverything())

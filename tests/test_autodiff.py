"""The scalar autodiff engine: the lecture's chain rule, the two traps, and agreement with sympy."""

import math
import sys

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.autodiff import TraceNode, Value, neuron_graph, square_of_sum_graph, trace

# --- the lecture -------------------------------------------------------------------------------


@pytest.mark.parametrize(("x0", "y0"), [(1.0, 2.0), (-3.0, 0.5), (0.0, 0.0)])
def test_lecture_chain_rule_example(x0, y0):
    x, y = Value(x0, "x"), Value(y0, "y")
    w = x + y
    z = w**2
    z.backward()
    assert z.data == (x0 + y0) ** 2
    assert x.grad == 2 * (x0 + y0)  # ∂z/∂x = ∂z/∂w · ∂w/∂x = 2w · 1
    assert y.grad == 2 * (x0 + y0)
    assert w.grad == 2 * (x0 + y0)


def test_a_node_used_twice_gets_both_gradients():
    a = Value(3.0, "a")
    b = a + a
    b.backward()
    assert a.grad == 2.0
    c = Value(3.0, "c")
    (c * c).backward()
    assert c.grad == 6.0


def test_a_shared_intermediate_is_visited_once_after_all_its_uses():
    # d depends on a through two paths that meet again: only a topological order gets 4a³ + … right.
    a = Value(1.5)
    b = a * a
    d = b * b + b
    d.backward()
    assert a.grad == pytest.approx(4 * 1.5**3 + 2 * 1.5, rel=1e-15)


def test_repeated_backward_accumulates_and_zero_grad_resets():
    x = Value(2.0, "x")
    z = 3 * (2 * x)  # a chain through an interior node
    z.backward()
    assert x.grad == 6.0
    z.backward()
    assert x.grad == 12.0  # twice the gradient, not three times: interior nodes start afresh
    z.zero_grad()
    assert x.grad == 0.0 and z.grad == 0.0
    z.backward()
    assert x.grad == 6.0


def test_gradients_of_two_outputs_add_up_on_shared_leaves():
    x = Value(2.0)
    (x * x).backward()
    (3 * x).backward()
    assert x.grad == 4.0 + 3.0


def test_backward_on_a_leaf():
    x = Value(5.0)
    x.backward()
    assert x.grad == 1.0


# --- every operation against finite differences -----------------------------------------------

UNARY = {
    "neg": (lambda v: -v, lambda t: -t),
    "exp": (lambda v: v.exp(), math.exp),
    "log": (lambda v: v.log(), math.log),
    "tanh": (lambda v: v.tanh(), math.tanh),
    "sigmoid": (lambda v: v.sigmoid(), lambda t: 1 / (1 + math.exp(-t))),
    "relu": (lambda v: v.relu(), lambda t: max(t, 0.0)),
    "square": (lambda v: v**2, lambda t: t**2),
    "cube": (lambda v: v**3, lambda t: t**3),
    "inverse": (lambda v: v**-1, lambda t: 1 / t),
    "sqrt": (lambda v: v**0.5, math.sqrt),
    "plus_number": (lambda v: v + 2.5, lambda t: t + 2.5),
    "number_plus": (lambda v: 2.5 + v, lambda t: 2.5 + t),
    "minus_number": (lambda v: v - 2.5, lambda t: t - 2.5),
    "number_minus": (lambda v: 2.5 - v, lambda t: 2.5 - t),
    "times_number": (lambda v: v * 2.5, lambda t: t * 2.5),
    "number_times": (lambda v: 2.5 * v, lambda t: 2.5 * t),
    "over_number": (lambda v: v / 2.5, lambda t: t / 2.5),
    "number_over": (lambda v: 2.5 / v, lambda t: 2.5 / t),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("x0", [0.7, 1.9, 3.2])
def test_each_operation_matches_finite_differences(name, x0):
    on_value, on_float = UNARY[name]
    x = Value(x0)
    out = on_value(x)
    out.backward()
    h = 1e-6
    numeric = (on_float(x0 + h) - on_float(x0 - h)) / (2 * h)
    assert out.data == pytest.approx(on_float(x0), rel=1e-15)
    assert x.grad == pytest.approx(numeric, rel=1e-7, abs=1e-9)


BINARY = {
    "+": (lambda a, b: a + b, lambda a, b: a + b),
    "-": (lambda a, b: a - b, lambda a, b: a - b),
    "*": (lambda a, b: a * b, lambda a, b: a * b),
    "/": (lambda a, b: a / b, lambda a, b: a / b),
}


@pytest.mark.parametrize("op", sorted(BINARY))
def test_binary_operations_match_finite_differences_in_both_arguments(op):
    on_value, on_float = BINARY[op]
    a0, b0, h = 1.3, -0.6, 1e-6
    a, b = Value(a0), Value(b0)
    out = on_value(a, b)
    out.backward()
    assert out.op == op and out.children == (a, b)
    assert a.grad == pytest.approx((on_float(a0 + h, b0) - on_float(a0 - h, b0)) / (2 * h), rel=1e-7)
    assert b.grad == pytest.approx((on_float(a0, b0 + h) - on_float(a0, b0 - h)) / (2 * h), rel=1e-7)


@pytest.mark.parametrize("x0", [0.0, 1e-320, -2.0])
def test_the_zeroth_power_is_a_constant(x0):
    x = Value(x0)
    one = x**0
    one.backward()
    assert one.data == 1.0 and x.grad == 0.0


def test_relu_has_gradient_zero_at_the_kink_and_sigmoid_does_not_overflow():
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0
    for t in (-1000.0, 1000.0):
        v = Value(t)
        s = v.sigmoid()
        s.backward()
        assert s.data == (0.0 if t < 0 else 1.0) and v.grad == 0.0


# --- agreement with sympy on random expressions -----------------------------------------------

SYMBOLS = sympy.symbols("x y z")


# tanh and σ are written through exp for sympy: its own tanh makes diff of nested expressions
# take seconds (it queries assumptions recursively), and the engine is then checked against
# formulas that share nothing with its own.
def sym_tanh(e):
    return 1 - 2 / (sympy.exp(2 * e) + 1)


def sym_sigmoid(e):
    return 1 / (1 + sympy.exp(-e))


@st.composite
def expressions(draw):
    """A random expression tree built twice, as Values and as sympy, over the leaves x, y, z."""
    point = {s: draw(st.floats(-2, 2, allow_nan=False)) for s in SYMBOLS}
    leaves = {s: Value(v, str(s)) for s, v in point.items()}

    def squash(v, e):
        # Keep magnitudes moderate so that float round-off stays far below the tolerance.
        return (v.tanh(), sym_tanh(e)) if abs(v.data) > 20 else (v, e)

    def safe_denominator(depth):
        v, e = build(depth)
        return 2 + v.tanh(), 2 + sym_tanh(e)  # in (1, 3)

    def build(depth):
        kinds = ["leaf", "const"] if depth == 0 else ["leaf", "+", "-", "*", "/", "**", "exp", "tanh", "sig", "neg"]
        kind = draw(st.sampled_from(kinds))
        if kind == "leaf":
            s = draw(st.sampled_from(SYMBOLS))
            return leaves[s], s
        if kind == "const":
            c = draw(st.integers(-24, 24)) / 8  # exact in binary, so both sides hold the same number
            return Value(c), sympy.Rational(c)
        if kind in "+-*":
            (a, ea), (b, eb) = build(depth - 1), build(depth - 1)
            if kind == "+":
                return squash(a + b, ea + eb)
            if kind == "-":
                return squash(a - b, ea - eb)
            return squash(a * b, ea * eb)
        if kind == "/":
            a, ea = build(depth - 1)
            b, eb = safe_denominator(depth - 1)
            return a / b, ea / eb
        if kind == "**":
            k = draw(st.sampled_from([-2, -1, 0, 1, 2, 3]))
            if k < 0:
                b, eb = safe_denominator(depth - 1)
                return b**k, eb**k
            a, ea = squash(*build(depth - 1))
            return squash(a**k, ea**k)
        a, ea = build(depth - 1)
        if kind == "exp":
            a, ea = (a.tanh(), sym_tanh(ea)) if abs(a.data) > 5 else (a, ea)
            return a.exp(), sympy.exp(ea)
        if kind == "tanh":
            return a.tanh(), sym_tanh(ea)
        if kind == "sig":
            return a.sigmoid(), sym_sigmoid(ea)
        return -a, -ea

    value, expr = build(draw(st.integers(1, 4)))
    return point, leaves, value, expr


@settings(max_examples=40, deadline=None)
@given(case=expressions())
def test_gradients_agree_with_sympy(case):
    point, leaves, value, expr = case
    value.backward()
    at = [mpmath.mpf(point[s]) for s in SYMBOLS]  # exact: every float is an mpf

    def evaluate(e):  # in 40-digit arithmetic, so the reference has no round-off of its own
        with mpmath.workdps(40):
            return float(sympy.lambdify(SYMBOLS, e, "mpmath")(*at))

    assert value.data == pytest.approx(evaluate(expr), rel=1e-10, abs=1e-12)
    for s in SYMBOLS:
        reference = evaluate(sympy.diff(expr, s))
        assert abs(leaves[s].grad - reference) <= 1e-8 * max(1.0, abs(reference)), s


# --- deep graphs and the trace -----------------------------------------------------------------


def test_a_chain_of_5000_additions_does_not_hit_the_recursion_limit():
    assert sys.getrecursionlimit() < 5000 * 2
    x = Value(1.0, "x")
    out = x
    for _ in range(5000):
        out = out + x
    out.backward()
    assert out.data == 5001.0
    assert x.grad == 5001.0
    nodes, edges = trace(out)
    assert len(nodes) == 5001 and len(edges) == 10000
    out.zero_grad()
    assert x.grad == 0.0


def test_trace_lists_nodes_in_topological_order_with_their_numbers():
    x, y = Value(1.0, "x"), Value(2.0, "y")
    w = x + y
    w.label = "w"
    z = w**2
    z.label = "z"
    z.backward()
    nodes, edges = trace(z)
    assert all(isinstance(n, TraceNode) for n in nodes)
    assert [n.id for n in nodes] == list(range(4))
    assert nodes[-1] == TraceNode(3, "z", "**2", 9.0, 1.0)
    by_label = {n.label: n for n in nodes}
    assert by_label["w"].op == "+" and by_label["w"].grad == 6.0
    assert by_label["x"].op == "" and by_label["x"].grad == 6.0
    assert sorted(edges) == sorted([(by_label["x"].id, by_label["w"].id), (by_label["y"].id, by_label["w"].id), (2, 3)])
    assert all(src < dst for src, dst in edges)  # every input comes before its result


def test_trace_keeps_both_edges_of_a_node_used_twice():
    a = Value(3.0, "a")
    nodes, edges = trace(a + a)
    assert len(nodes) == 2 and edges == [(0, 1), (0, 1)]


def test_repr_shows_data_grad_label_and_op():
    x = Value(2.0, "x")
    y = x * 3
    y.backward()
    assert repr(x) == "Value(data=2, grad=3, label='x')"
    assert repr(y) == "Value(data=6, grad=1, op='*')"


# --- bad input ---------------------------------------------------------------------------------


def test_bad_values():
    with pytest.raises(TypeError, match=r"data must be a real number, got 'a' of type str"):
        Value("a")
    with pytest.raises(ValueError, match=r"data must be a finite number, got nan"):
        Value(float("nan"))
    with pytest.raises(TypeError, match=r"data must be a real number, got True"):
        Value(True)
    with pytest.raises(TypeError, match=r"label must be a string, got 3"):
        Value(1.0, 3)


def test_bad_operations():
    x = Value(2.0)
    with pytest.raises(TypeError, match=r"exponent must be a constant number, not a Value"):
        x ** Value(2.0)
    with pytest.raises(TypeError, match=r"a Value cannot be an exponent"):
        2**x
    with pytest.raises(ValueError, match=r"log is defined for positive numbers only, got -1.0"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match=r"log is defined for positive numbers only, got 0.0"):
        Value(0.0).log()
    with pytest.raises(ValueError, match=r"division by zero: 2 / 0"):
        x / 0
    with pytest.raises(ValueError, match=r"0 \*\* -1 divides by zero"):
        Value(0.0) ** -1
    with pytest.raises(ValueError, match=r"-2 \*\* 0.5 is not a real number"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match=r"exp\(1000\) overflows a float"):
        Value(1000.0).exp()
    with pytest.raises(ValueError, match=r"\* of \(1e\+200, 1e\+200\) overflows"):
        Value(1e200) * 1e200
    with pytest.raises(TypeError, match=r"a Value combines with a Value or a real number, got 'a' of type str"):
        x + "a"
    with pytest.raises(ValueError, match=r"operand must be a finite number, got nan"):
        x * float("nan")
    with pytest.raises(ValueError, match=r"exponent must be a finite number, got inf"):
        x ** float("inf")


def test_an_infinite_derivative_is_an_error_not_an_inf():
    x = Value(0.0)
    root = x**0.5
    assert root.data == 0.0
    with pytest.raises(ValueError, match=r"gradient through '\*\*0.5' at 0 is not finite"):
        root.backward()
    with pytest.raises(TypeError, match=r"root must be a Value"):
        trace(1.0)


def test_a_power_that_overflows_is_an_error():
    with pytest.raises(ValueError, match=r"\*\*2 of \(1e\+200\) overflows"):
        Value(1e200) ** 2


@pytest.mark.parametrize(
    "make, phrase",
    [
        (lambda: Value(10**400), "data must be a finite number"),
        (lambda: Value(2.0) ** (10**400), "exponent must be a finite number"),
        (lambda: Value(1.0) + 10**400, "operand must be a finite number"),
    ],
)
def test_ints_too_large_for_a_float_are_a_value_error_naming_the_argument(make, phrase):
    with pytest.raises(ValueError, match=phrase):
        make()


@pytest.mark.parametrize("data", ["1.0", 1j, None])
def test_value_refuses_non_real_data(data):
    with pytest.raises(TypeError, match="data must be a real number"):
        Value(data)


def test_the_example_graphs_come_with_their_gradients():
    z = square_of_sum_graph(1.0, 2.0)
    grads = {n.label: n.grad for n in trace(z)[0]}
    assert z.data == 9.0 and grads == {"x": 6.0, "y": 6.0, "w": 6.0, "z": 1.0}
    o = neuron_graph(1.0, -1.0, 0.5, 0.25, 0.3)
    local = 1 - o.data**2  # tanh' at the neuron's input
    grads = {n.label: n.grad for n in trace(o)[0]}
    assert o.data == pytest.approx(math.tanh(0.55))
    assert grads["w₁"] == pytest.approx(local * 1.0) and grads["x₁"] == pytest.approx(local * 0.5)
    assert grads["b"] == pytest.approx(local)
    with pytest.raises(TypeError, match="x must be a real number"):
        square_of_sum_graph("a", 1.0)

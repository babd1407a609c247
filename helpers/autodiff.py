"""A scalar reverse-mode automatic differentiation engine: backpropagation on single numbers.

Every operation on :class:`Value` objects records its inputs (the *children*) and the local
derivatives ∂out/∂child. :meth:`Value.backward` then applies the chain rule from the output down:
visiting nodes in reverse topological order, each node passes ``grad × local derivative`` to each
child, so every node's gradient is complete before it is passed on.

The lecture's example, z = (x + y)² with w = x + y:

>>> x, y = Value(1.0, "x"), Value(2.0, "y")
>>> w = x + y
>>> z = w**2
>>> z.backward()
>>> x.grad  # ∂z/∂x = ∂z/∂w · ∂w/∂x = 2w · 1 = 2(x + y)
6.0

:func:`trace` lists a graph's nodes and edges for drawing; :func:`square_of_sum_graph` (this example)
and :func:`neuron_graph` (one tanh neuron) build the graphs the course draws, gradients filled in.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, NamedTuple

from .validation import _show, check_real

__all__ = ["TraceNode", "Value", "neuron_graph", "square_of_sum_graph", "trace"]


class Value:
    """A number that remembers how it was computed, so that gradients can flow back through it.

    Parameters
    ----------
    data : float
        A finite real number.
    label : str
        A name for drawings of the graph (``"x"``, ``"w"``); set ``v.label`` later for results.

    Attributes
    ----------
    data : float
        The value.
    grad : float
        ∂(root)/∂(this node) after ``root.backward()``; 0 before.
    label : str
        The name.
    op : str
        The operation that made this node (``"+"``, ``"*"``, ``"**2"``, ``"exp"``, …); ``""`` for a leaf.
    children : tuple of Value
        The operation's inputs, in order (``b = a + a`` has children ``(a, a)``).

    Notes
    -----
    As in PyTorch, gradients of leaves *accumulate*: a second ``backward()`` adds the same gradient
    again, which is what summing over minibatches needs and a common bug otherwise. Call
    :meth:`zero_grad` before each backward pass. Interior nodes show the last pass's gradient only.
    """

    __slots__ = ("data", "grad", "label", "op", "children", "_local")

    def __init__(self, data: float, label: str = "") -> None:
        self.data = check_real("data", data)
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {_show(label)} of type {type(label).__name__}")
        self.label = label
        self.grad = 0.0
        self.op = ""
        self.children: tuple[Value, ...] = ()
        self._local: tuple[float, ...] = ()  # ∂self/∂child for each child, fixed at creation

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        op = f", op={self.op!r}" if self.op else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{name}{op})"

    # -- building the graph --

    @staticmethod
    def _node(data: float, op: str, children: tuple[Value, ...], local: tuple[float, ...]) -> Value:
        if not math.isfinite(data):
            inputs = ", ".join(f"{c.data:g}" for c in children)
            raise ValueError(f"{op} of ({inputs}) overflows: the result is not a finite float")
        out = Value.__new__(Value)
        out.data, out.grad, out.label, out.op = data, 0.0, "", op
        out.children, out._local = children, local
        return out

    def __add__(self, other: Value | float) -> Value:
        other = _operand(other)
        return Value._node(self.data + other.data, "+", (self, other), (1.0, 1.0))

    def __sub__(self, other: Value | float) -> Value:
        other = _operand(other)
        return Value._node(self.data - other.data, "-", (self, other), (1.0, -1.0))

    def __mul__(self, other: Value | float) -> Value:
        other = _operand(other)
        return Value._node(self.data * other.data, "*", (self, other), (other.data, self.data))

    def __truediv__(self, other: Value | float) -> Value:
        other = _operand(other)
        a, b = self.data, other.data
        if b == 0:
            raise ValueError(f"division by zero: {a:g} / {b:g}; the divisor must be non-zero")
        return Value._node(a / b, "/", (self, other), (1.0 / b, -a / (b * b)))

    def __radd__(self, other: float) -> Value:
        return _operand(other) + self

    def __rsub__(self, other: float) -> Value:
        return _operand(other) - self

    def __rmul__(self, other: float) -> Value:
        return _operand(other) * self

    def __rtruediv__(self, other: float) -> Value:
        return _operand(other) / self

    def __neg__(self) -> Value:
        return Value._node(-self.data, "neg", (self,), (-1.0,))

    def __pow__(self, k: float) -> Value:
        if isinstance(k, Value):
            raise TypeError("the exponent must be a constant number, not a Value; for x ** y write (y * x.log()).exp()")
        k = check_real("exponent", k)
        x = self.data
        if x == 0 and k < 0:
            raise ValueError(f"0 ** {k:g} divides by zero; a negative exponent needs a non-zero base")
        if x < 0 and not k.is_integer():
            raise ValueError(f"{x:g} ** {k:g} is not a real number; a negative base needs an integer exponent")
        if k == 0:
            local = 0.0  # x⁰ = 1 is constant (and 0·x⁻¹ would be nan at a tiny x)
        elif x == 0:  # k·x^(k−1) at 0: 1 for k = 1, 0 for k > 1, infinite for 0 < k < 1
            local = 1.0 if k == 1 else (0.0 if k > 1 else math.inf)
        else:
            local = k * _power(x, k - 1)
        return Value._node(_power(x, k), f"**{k:g}", (self,), (local,))

    def __rpow__(self, base: float) -> Value:
        raise TypeError("a Value cannot be an exponent; for b ** x write (x * math.log(b)).exp()")

    def exp(self) -> Value:
        """eˣ; its derivative is eˣ itself."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise ValueError(
                f"exp({self.data:g}) overflows a float; the argument must be at most about 709.78"
            ) from None
        return Value._node(e, "exp", (self,), (e,))

    def log(self) -> Value:
        """The natural logarithm ln x, for x > 0; its derivative is 1/x."""
        x = self.data
        if x <= 0:
            raise ValueError(f"log is defined for positive numbers only, got {x!r}")
        return Value._node(math.log(x), "log", (self,), (1.0 / x,))

    def tanh(self) -> Value:
        """tanh x; its derivative is (1 − tanh x)(1 + tanh x)."""
        t = math.tanh(self.data)
        return Value._node(t, "tanh", (self,), ((1.0 - t) * (1.0 + t),))

    def sigmoid(self) -> Value:
        """σ(x) = 1/(1 + e^{−x}); its derivative is σ(x)(1 − σ(x))."""
        x = self.data
        # Written so the exponent is never positive: no overflow for any x.
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return Value._node(s, "sigmoid", (self,), (s * (1.0 - s),))

    def relu(self) -> Value:
        """max{0, x}; its derivative is 1 for x > 0 and 0 otherwise (0 at the kink, by convention)."""
        x = self.data
        return Value._node(max(x, 0.0), "relu", (self,), (1.0 if x > 0 else 0.0,))

    # -- gradients --

    def backward(self) -> None:
        """Fill ``grad`` of every node below this one with ∂self/∂node, by the chain rule.

        Leaf gradients accumulate across calls (see the class notes); call :meth:`zero_grad` first
        to get the gradient of this pass alone.

        Raises
        ------
        ValueError
            If a gradient is not finite (e.g. the derivative of √x at 0).
        """
        order = _topological_order(self)
        for node in order:
            if node.children:
                node.grad = 0.0  # an interior node's gradient belongs to one pass only
        self.grad += 1.0  # ∂self/∂self
        for node in reversed(order):
            for child, local in zip(node.children, node._local):
                # The chain rule, summed over every path: a child used twice receives both shares.
                child.grad += node.grad * local
        if not all(math.isfinite(node.grad) for node in order):
            _explain_infinite_gradient(order)

    def zero_grad(self) -> None:
        """Set ``grad`` to 0 on this node and every node below it (leaves included)."""
        for node in _topological_order(self):
            node.grad = 0.0


def _operand(other: Any) -> Value:
    """A Value as is; a Python or numpy real number as a constant leaf."""
    if isinstance(other, Value):
        return other
    if isinstance(other, numbers.Real):
        return Value(check_real("operand", other))
    raise TypeError(
        f"a Value combines with a Value or a real number, got {_show(other)} of type {type(other).__name__}"
    )


def _power(x: float, k: float) -> float:
    try:
        return x**k
    except OverflowError:
        return math.inf  # reported as an overflow by the caller, with the operands


def _explain_infinite_gradient(order: list[Value]) -> None:
    """Raise a ValueError naming the first operation whose share of the gradient is not finite.

    Checked once after the backward pass rather than on every edge: the check is the rare case.
    """
    for node in reversed(order):
        for child, local in zip(node.children, node._local):
            if math.isfinite(node.grad) and not math.isfinite(node.grad * local):
                raise ValueError(
                    f"the gradient through {node.op!r} at {child.data:g} is not finite: "
                    "the derivative is infinite or overflows there"
                )
    raise ValueError("a gradient overflowed while summing the shares of a node used many times")


def _topological_order(root: Value) -> list[Value]:
    """Every node below ``root`` (root included), each after all of its children.

    Depth-first search with an explicit stack rather than recursion, so that graphs thousands of
    nodes deep do not hit Python's recursion limit.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))  # comes back after everything pushed below
        for child in node.children:  # a plain loop: a generator here cost as much as the backward pass
            if child not in visited:
                stack.append((child, False))
    return order


class TraceNode(NamedTuple):
    """One node of a traced graph, for drawing: ``id`` is its position in the topological order."""

    id: int
    label: str
    op: str
    data: float
    grad: float


def trace(root: Value) -> tuple[list[TraceNode], list[tuple[int, int]]]:
    """The computational graph below ``root``, as plain data for drawing.

    Parameters
    ----------
    root : Value
        The output node.

    Returns
    -------
    nodes : list of TraceNode
        In topological order: inputs first, ``root`` last.
    edges : list of (int, int)
        ``(child id, node id)`` for each input of each operation, in the direction data flows.
        An input used twice gives two edges (``b = a + a``).
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {_show(root)} of type {type(root).__name__}")
    order = _topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    nodes = [TraceNode(i, n.label, n.op, n.data, n.grad) for i, n in enumerate(order)]
    edges = [(index[child], index[node]) for node in order for child in node.children]
    return nodes, edges


# --- example graphs, for drawing ---------------------------------------------------------------


def square_of_sum_graph(x: float = 1.0, y: float = 2.0) -> Value:
    """The lecture's z = (x + y)² with w = x + y, after ``backward()``: ∂z/∂x = ∂z/∂y = 2(x + y).

    Parameters
    ----------
    x, y : float
        The inputs.

    Returns
    -------
    Value
        z, with every gradient filled in.

    Examples
    --------
    >>> z = square_of_sum_graph(1.0, 2.0)
    >>> z.data, [n.grad for n in trace(z)[0] if n.label == "x"]
    (9.0, [6.0])
    """
    xv = Value(check_real("x", x), "x")
    yv = Value(check_real("y", y), "y")
    w = xv + yv
    w.label = "w"
    z = w**2
    z.label = "z"
    z.backward()
    return z


def neuron_graph(x1: float = 1.0, x2: float = -1.0, w1: float = 0.5, w2: float = 0.25, b: float = 0.3) -> Value:
    """One neuron o = tanh(w₁x₁ + w₂x₂ + b), after ``backward()``.

    ∂o/∂w₁ = (1 − o²)·x₁, ∂o/∂x₁ = (1 − o²)·w₁, ∂o/∂b = 1 − o².

    Parameters
    ----------
    x1, x2 : float
        The inputs.
    w1, w2 : float
        The weights.
    b : float
        The bias.

    Returns
    -------
    Value
        o, with every gradient filled in.

    Examples
    --------
    >>> o = neuron_graph()
    >>> round(o.data, 4), [round(n.grad, 4) for n in trace(o)[0] if n.label == "b"]  # tanh(0.55), 1 − o²
    (0.5005, [0.7495])
    """
    vx1, vw1 = Value(check_real("x1", x1), "x₁"), Value(check_real("w1", w1), "w₁")
    vx2, vw2 = Value(check_real("x2", x2), "x₂"), Value(check_real("w2", w2), "w₂")
    vb = Value(check_real("b", b), "b")
    p1 = vx1 * vw1
    p1.label = "p₁"
    p2 = vx2 * vw2
    p2.label = "p₂"
    s = p1 + p2
    s.label = "s"
    n = s + vb
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    return o

"""Self-checks for notebook 09 (backpropagation — 역전파 알고리즘).

Each check takes the learner's answer and returns a :class:`Feedback` whose text says what is
right or what is off: which factor of the chain rule is missing, which path through a shared
node was dropped, which transpose was forgotten. A check never raises on a learner's answer.
Typed formulas are parsed with :func:`helpers.formula.parse_formula`, never with ``sympify``.

Exercises
---------
1. :func:`check_chain_rule`: ∂z/∂x for z = sin(w), w = x² + y, as a formula.
2. :func:`check_shared_node`: ∂y/∂x for y = x·x + x at x = 3, where x is used three times.
3. :func:`check_backward_step`: ∂L/∂W = Xᵀ ∂L/∂Z for one layer Z = XW + b.
4. :func:`check_planted_bug`: the layer whose gradients a central-difference check flags in a
   backward pass with one bug planted.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..formula import FormulaError, parse_formula
from . import Feedback, answer_check, describe, expression_problem, no_answer, read_array, read_number, unreadable

__all__ = [
    "BACKWARD_EXERCISE",
    "CHAIN_RULE_EXERCISE",
    "PLANTED_BUG_EXERCISE",
    "SHARED_NODE_EXERCISE",
    "Feedback",
    "check_backward_step",
    "check_chain_rule",
    "check_planted_bug",
    "check_shared_node",
]

#: Exercise 1: z = sin(w) with w = x² + y; the answer is ∂z/∂x.
CHAIN_RULE_EXERCISE = {"z": "sin(w)", "w": "x**2 + y"}
#: Exercise 2: y = x·x + x at this x; the answer is ∂y/∂x.
SHARED_NODE_EXERCISE = {"x": 3.0}
#: Exercise 3: one layer Z = XW + b, a batch of two rows; ``dZ`` is ∂L/∂Z, the answer is ∂L/∂W.
BACKWARD_EXERCISE = {
    "X": ((1.0, 2.0), (3.0, -1.0)),
    "W": ((0.2, -0.5, 1.0), (0.7, 0.3, -0.4)),
    "dZ": ((0.5, -1.0, 2.0), (1.0, 0.0, -0.5)),
}

#: Exercise 4: the network the notebook's cell builds, ``MLP(sizes, activation, seed=seed)``, checked on
#: the first ``rows`` spirals of section 3. Its ``backprop_planted`` computes δ⁽¹⁾ = δ⁽²⁾W⁽²⁾ ⊙ σ′(Z⁽¹⁾),
#: without the transpose (W⁽²⁾ is square, so it runs): the gradients of layer ``wrong_layer`` (ℓ, from 1)
#: fail the check, every other layer's pass.
PLANTED_BUG_EXERCISE: dict[str, Any] = {
    "sizes": (2, 8, 8, 3),
    "activation": "tanh",
    "seed": 1,
    "rows": 20,
    "wrong_layer": 1,
}

_X, _Y, _W = sympy.symbols("x y w")
#: Where a typed ∂z/∂x is compared with the right one: no special points (no zeros of cos or of x).
_POINTS = ((0.3, -0.7), (1.1, 0.4), (-0.8, 1.3), (1.7, -2.1), (-1.4, 0.25))


# --- exercise 1: the chain rule -----------------------------------------------------------


def _read_formula(answer) -> tuple[sympy.Expr | None, str | None]:
    """The answer as a sympy expression in x and y (w replaced by x² + y), or why it cannot be read."""
    if isinstance(answer, str):
        try:
            expr = parse_formula(answer, ("x", "y", "w"))
        except FormulaError as exc:
            return None, f"your answer could not be read as a formula: {exc}"
    elif isinstance(answer, sympy.Expr):
        others = sorted(str(s) for s in answer.free_symbols if str(s) not in ("x", "y", "w"))
        if others:
            return None, f"your answer uses {', '.join(others)}; the variables here are x and y (and w = x² + y)"
        too_large = expression_problem(answer)
        if too_large:
            return None, too_large
        expr = answer.xreplace({s: sympy.Symbol(str(s)) for s in answer.free_symbols})
        if expr.has(sympy.Derivative, sympy.Integral) or expr.atoms(AppliedUndef):
            return None, "your answer still contains an unevaluated derivative or function: give the formula itself"
    else:
        return None, (
            "your answer could not be read: write a formula string such as '2*x*sin(y)' "
            f"(or a sympy expression), got {describe(answer)}"
        )
    return expr.xreplace({_W: _X**2 + _Y}), None


def _values(expr: sympy.Expr) -> np.ndarray | None:
    """The expression at the sample points, or None where it is not a finite real number."""
    out = []
    for a, b in _POINTS:
        try:
            v = complex(expr.evalf(15, subs={_X: a, _Y: b}))
        except (TypeError, ValueError, ArithmeticError):
            return None
        if not (math.isfinite(v.real) and abs(v.imag) <= 1e-12 * max(1.0, abs(v.real))):
            return None
        out.append(v.real)
    return np.array(out)


def _expected(expr: sympy.Expr) -> np.ndarray:
    """The values of one of the check's own formulas (each is finite at every sample point)."""
    values = _values(expr)
    assert values is not None, expr
    return values


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


@answer_check
def check_chain_rule(answer) -> Feedback:
    """Exercise 1: ∂z/∂x for z = sin(w), w = x² + y, as a formula in x and y (w may be used).

    The formula is compared with 2x·cos(x² + y) at a few points. Recognises a missing inner
    factor ∂w/∂x = 2x, a missing outer factor ∂z/∂w = cos(w), sin kept instead of its derivative,
    a flipped sign, cos(2x) (differentiated inside), x instead of 2x, z itself, ∂z/∂x + ∂z/∂y,
    and a constant factor off.
    """
    if answer is None:
        return no_answer("'2*x*sin(y)'")
    expr, problem = _read_formula(answer)
    if expr is None:
        return unreadable(problem)
    mine = _values(expr)
    x, y = _X, _Y
    inner = x**2 + y
    exact = _expected(2 * x * sympy.cos(inner))
    if mine is None:
        return Feedback(
            "wrong",
            "your formula is not a finite real number everywhere (a log or square root of a negative, "
            "or an overflow), but ∂z/∂x = ∂z/∂w · ∂w/∂x is defined for every x and y",
        )
    if _same(mine, exact):
        return Feedback(
            "correct",
            "correct: ∂z/∂x = ∂z/∂w · ∂w/∂x = cos(w) · 2x = 2x·cos(x² + y): the outer derivative at the "
            "inner value, times the inner derivative",
        )
    candidates = [
        (
            sympy.cos(inner),
            "the inner factor ∂w/∂x = 2x is missing: cos(x² + y) is ∂z/∂w (and also ∂z/∂y, since ∂w/∂y = 1)",
        ),
        (2 * x, "the outer factor ∂z/∂w = cos(w) is missing: 2x is only ∂w/∂x"),
        (2 * x * sympy.sin(inner), "the outer function was kept: multiply by its derivative, (sin w)' = cos w"),
        (-2 * x * sympy.cos(inner), "the sign is flipped: (sin w)' = +cos w (it is cos whose derivative is −sin)"),
        (-2 * x * sympy.sin(inner), "that is the chain rule for cos(w); here z = sin(w), and (sin w)' = cos w"),
        (sympy.cos(2 * x), "you differentiated inside the sin: the chain rule takes cos at the inner value x² + y"),
        (sympy.cos(2 * x + y), "you differentiated inside the sin: the chain rule takes cos at the inner value x² + y"),
        (x * sympy.cos(inner), "the inner factor is off: ∂(x² + y)/∂x = 2x, not x"),
        (sympy.sin(inner), "that is z itself; differentiate: ∂z/∂x = ∂z/∂w · ∂w/∂x"),
        (
            (2 * x + 1) * sympy.cos(inner),
            "that is ∂z/∂x + ∂z/∂y: a partial derivative holds y fixed, so ∂w/∂x = 2x, not 2x + 1",
        ),
    ]
    for target, message in candidates:
        if _same(mine, _expected(target)):
            return Feedback("wrong", message)
    ratios = mine / exact
    if np.all(np.isfinite(ratios)) and np.allclose(ratios, ratios[0], rtol=1e-9) and abs(ratios[0]) > 1e-12:
        return Feedback(
            "wrong", f"off by a constant factor {ratios[0]:g}: here the chain rule is the product of two factors"
        )
    k = int(np.argmax(np.abs(mine - exact)))
    a, b = _POINTS[k]
    return Feedback(
        "wrong",
        f"not yet: at (x, y) = ({a:g}, {b:g}) your formula gives {mine[k]:.4g}, ∂z/∂x is {exact[k]:.4g}; "
        "write ∂z/∂w (at w = x² + y) times ∂w/∂x",
    )


# --- exercise 2: a node used twice ----------------------------------------------------------


@answer_check
def check_shared_node(answer) -> Feedback:
    """Exercise 2: ∂y/∂x for y = x·x + x at x = 3 (x feeds the graph three times), as a number.

    Recognises each dropped path (6, 4, 3, 1), the value of y, and a gradient accumulated over
    two ``backward()`` calls (14).
    """
    if answer is None:
        return no_answer("5.0")
    value, problem = read_number(answer, "5.0")
    if value is None:
        return unreadable(problem)
    x = SHARED_NODE_EXERCISE["x"]
    exact = 2 * x + 1

    def near(target: float) -> bool:
        return math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9)

    if near(exact):
        return Feedback(
            "correct",
            f"correct: {exact:g} = x + x + 1, one share per path: x·x sends x back to each of its two "
            "inputs (both are x) and + x sends 1; the shares are summed, which is what `grad +=` does",
        )
    candidates = [
        (2 * x, f"{2 * x:g} = 2x counts the product x·x, but the path through + x is missing: it adds 1"),
        (x + 1, f"{x + 1:g} = x + 1 counts the product only once: x·x uses x twice, so x gets x from each input"),
        (x, f"{x:g} = x is one share of the product only: x·x gives x to each of its two inputs, and + x adds 1"),
        (1.0, "1 is only the path through + x: the product x·x adds x + x = 2x"),
        (x * x + x, f"{x * x + x:g} is the value of y, not its derivative"),
        (2 * exact, f"{2 * exact:g} is twice the answer: gradients accumulate, as after calling backward() twice"),
        (2 * x * x + 1, "that looks like the power rule applied to a wrong power; ∂(x·x)/∂x = 2x, not 2x²"),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    return Feedback(
        "wrong",
        f"{value:g} is not it: list the paths from y back to x (two through x·x, one through + x) and add their shares",
    )


# --- exercise 3: one backward step for a layer ---------------------------------------------


def _read_matrix(answer) -> tuple[np.ndarray | None, str | None]:
    if answer is None or isinstance(answer, (bool, str, bytes)):
        return (
            None,
            f"your answer could not be read: give a 2-D array such as np.zeros((2, 3)), got {describe(answer)}",
        )
    arr, problem = read_array(answer, "a 2-D array such as np.zeros((2, 3))", finite=False)
    if arr is None:
        return None, problem
    if not np.all(np.isfinite(arr)):
        return None, "your answer holds nan or inf: every entry of ∂L/∂W is a finite number"
    return arr, None


@answer_check
def check_backward_step(answer) -> Feedback:
    """Exercise 3: ∂L/∂W for the layer Z = XW + b, given X, W and ∂L/∂Z (``BACKWARD_EXERCISE``).

    The answer is an array of W's shape, (2, 3). Recognises the missing transpose X·∂L/∂Z (which
    has the right shape here, since X is square), the transposed result ∂L/∂Zᵀ·X, ∂L/∂X = ∂L/∂Z·Wᵀ,
    ∂L/∂b, a gradient divided by n once more, and the first example's share only.
    """
    if answer is None:
        return no_answer("X.T @ dZ")
    arr, problem = _read_matrix(answer)
    if arr is None:
        return unreadable(problem)
    X = np.array(BACKWARD_EXERCISE["X"])
    W = np.array(BACKWARD_EXERCISE["W"])
    dZ = np.array(BACKWARD_EXERCISE["dZ"])
    exact = X.T @ dZ
    n = X.shape[0]

    def same(target: np.ndarray) -> bool:
        return arr.shape == target.shape and bool(np.allclose(arr, target, rtol=1e-9, atol=1e-12))

    if same(exact):
        return Feedback(
            "correct",
            "correct: ∂L/∂W = Xᵀ·∂L/∂Z, shape (2, 3) like W; each example adds its outer product "
            "(row of X)ᵀ(row of ∂L/∂Z), and ∂L/∂b = the column sums of ∂L/∂Z",
        )
    candidates = [
        (X @ dZ, "the transpose is missing: X·∂L/∂Z has the right shape here only because X is square; use X.T @ dZ"),
        (dZ.T @ X, "that is (∂L/∂W)ᵀ, shape (3, 2): ∂L/∂W has the shape of W, (2, 3), so compute X.T @ dZ"),
        (dZ @ W.T, "that is ∂L/∂X = ∂L/∂Z·Wᵀ, the gradient passed down to the layer below; for ∂L/∂W use X.T @ dZ"),
        (dZ.sum(axis=0), "that is ∂L/∂b, the column sums of ∂L/∂Z; ∂L/∂W is X.T @ dZ"),
        (dZ.sum(axis=0, keepdims=True), "that is ∂L/∂b, the column sums of ∂L/∂Z; ∂L/∂W is X.T @ dZ"),
        (exact / n, f"divided by n = {n} once too often: ∂L/∂Z already carries the 1/n of the mean loss"),
        (np.outer(X[0], dZ[0]), "that is the first example's share only: X.T @ dZ sums the shares of all rows"),
        (dZ, "that is ∂L/∂Z itself: one more step, ∂L/∂W = X.T @ dZ"),
    ]
    for target, message in candidates:
        if same(target):
            return Feedback("wrong", message)
    if arr.shape != exact.shape:
        return Feedback(
            "wrong",
            f"∂L/∂W has the shape of W, {exact.shape}; yours is {arr.shape}: which product of X and dZ gives (2, 3)?",
        )
    worst = np.unravel_index(int(np.argmax(np.abs(arr - exact))), arr.shape)
    return Feedback(
        "wrong",
        f"not yet: entry {tuple(int(i) for i in worst)} should be {exact[worst]:g}, yours is {arr[worst]:g}; "
        "∂L/∂W[i, j] = Σ over rows k of X[k, i]·dZ[k, j]",
    )


# --- exercise 4: a gradient check finds a planted bug -----------------------------------------

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789")
_ALL = ("all", "all layers", "every layer", "all of them")
_NONE = ("none", "no layer", "nothing", "no bug")
_LAYER_EXAMPLE = "a layer number such as 1, or a list of them such as [1, 2]"


def _layers_in_text(text: str) -> tuple[set[int] | None, str | None]:
    """The layers a text names: "1", "layer 1", "W1", "b⁽¹⁾", "W1 and b1", "all", "none"."""
    plain = text.strip().lower().translate(_SUPERSCRIPT_DIGITS)
    if len(plain) > 100:
        return None, f"your answer is too long to read: give {_LAYER_EXAMPLE}"
    if plain in _ALL:
        return set(range(1, len(PLANTED_BUG_EXERCISE["sizes"]))), None
    if plain in _NONE:
        return set(), None
    try:
        number = float(plain)  # "1", "0.7", "1e-6": read as the number it is
    except ValueError:
        pass
    else:
        return _read_layers(number)
    numbers = re.findall(r"\d+", plain)
    if not numbers:
        return None, (
            f"your answer could not be read: give {_LAYER_EXAMPLE} (a name such as 'W1' or 'layer 1' "
            f"works too), got {describe(text)}"
        )
    return {int(n) for n in numbers}, None


def _read_layers(answer) -> tuple[set[int] | None, str | None]:
    """The set of layer numbers an answer names, or why it cannot be read."""
    if isinstance(answer, str):
        return _layers_in_text(answer)
    if isinstance(answer, (list, tuple, set, frozenset)):
        if len(answer) == 0:
            return set(), None
        if len(answer) > 10:
            return None, f"your answer lists {len(answer)} layers; the network has 3: give {_LAYER_EXAMPLE}"
        if all(isinstance(a, str) for a in answer):
            layers: set[int] = set()
            for a in answer:
                found, problem = _layers_in_text(a)
                if found is None:
                    return None, problem
                layers |= found
            return layers, None
        if isinstance(answer, (set, frozenset)):
            answer = list(answer)  # read_array takes sequences, not sets
    values, problem = read_array(answer, _LAYER_EXAMPLE)
    if values is None:
        return None, problem
    flat = values.ravel()
    if flat.size == 0:
        return set(), None
    if flat.size > 10:
        return None, f"your answer holds {flat.size} numbers; the network has 3 layers: give {_LAYER_EXAMPLE}"
    fractional = [float(v) for v in flat if v != np.round(v)]
    if fractional:
        return None, (
            f"{fractional[0]:g} is not a layer number: answer with ℓ, the layer whose gradients fail the "
            "check (1, 2 or 3), not its relative error"
        )
    if np.max(np.abs(flat)) > 1e6:
        return None, f"your answer holds {float(np.max(np.abs(flat))):g}: give {_LAYER_EXAMPLE}"
    return {int(v) for v in flat}, None


@answer_check
def check_planted_bug(answer) -> Feedback:
    """Exercise 4: which layer's gradients the learner's central-difference check flags (``PLANTED_BUG_EXERCISE``).

    The answer is the layer number ℓ (1 … D, as in the notebook), a list of them, or a name such
    as ``"W1"``, ``"b⁽¹⁾"`` or ``"layer 1"``. Recognises Python's index 0 for layer 1, the layer
    whose weights appear in the faulty line (2), the top layer (3), every layer flagged (a check
    that is itself off: a one-sided difference, h too small or too large, θ not put back, no
    relative error), no layer flagged (the correct backward pass checked instead of the planted
    one), and a relative error given instead of a layer.
    """
    if answer is None:
        return no_answer("1")
    layers, problem = _read_layers(answer)
    if layers is None:
        return unreadable(problem)
    depth = len(PLANTED_BUG_EXERCISE["sizes"]) - 1
    wrong = PLANTED_BUG_EXERCISE["wrong_layer"]
    if layers == {wrong}:
        return Feedback(
            "correct",
            "correct: only layer 1 fails, ∂L/∂W⁽¹⁾ and ∂L/∂b⁽¹⁾ off by a relative error of order 1 while layers "
            "2 and 3 agree to about 1e-9. The bug is in δ⁽¹⁾ = (δ⁽²⁾W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾): `delta2 @ W2` lacks the "
            "transpose, and runs without an error only because W⁽²⁾ is square (8 × 8). An error in δ flows down "
            "the layers, never up: the highest layer that fails is where to look",
        )
    if not layers:
        return Feedback(
            "wrong",
            "one layer does fail: if your check passes every layer, it compared the right gradients, those of "
            "section 3's `backprop`; compare the gradients of `backprop_planted` with the central differences",
        )
    if layers == {wrong - 1}:
        return Feedback(
            "wrong",
            f"{wrong - 1} is Python's index of the first entry of the list of gradients; the notebook numbers "
            f"the layers ℓ = 1, …, D, so index {wrong - 1} is layer ℓ = {wrong}",
        )
    outside = sorted(layer for layer in layers if not 1 <= layer <= depth)
    if outside:
        return Feedback(
            "wrong",
            f"the network 2 → 8 → 8 → 3 has D = {depth} layers, ℓ = 1, 2, 3: {outside[0]} is not one of them",
        )
    if layers == set(range(1, depth + 1)):
        return Feedback(
            "wrong",
            "every layer fails? Then suspect the check itself: layers 2 and 3 are right and should agree to "
            "about 1e-9. Use central differences (L(θ + h) − L(θ − h)) / 2h (a one-sided one is off by about "
            "h), h ≈ 1e-6 (1e-12 drowns in round-off, 1e-2 in the truncation error of order h²), put θ back after each nudge, "
            "and compare each array by the relative error ‖g − g_num‖ / (‖g‖ + ‖g_num‖)",
        )
    if layers == {2}:
        return Feedback(
            "wrong",
            "layer 2's gradients pass the check: ∂L/∂W⁽²⁾ = H⁽¹⁾ᵀδ⁽²⁾ and δ⁽²⁾ are right. W⁽²⁾ appears in the "
            "faulty line, but that line computes δ⁽¹⁾, so the error shows up one layer lower: read which "
            "arrays the check flags",
        )
    if layers == {3}:
        return Feedback(
            "wrong",
            "the top layer passes: δ⁽³⁾ = (P − Y)/n and H⁽²⁾ᵀδ⁽³⁾ are right, and a bug there would make every "
            "layer below fail too. Read which arrays the check flags",
        )
    passing = sorted(layers - {wrong})
    if wrong in layers:
        named = " and ".join(map(str, passing))
        return Feedback(
            "wrong",
            f"layer {wrong} does fail, but layer {named} passes (a relative error near 1e-9, where a wrong "
            "gradient gives one of order 1); if your check flags it, look at h and at putting θ back",
        )
    return Feedback(
        "wrong",
        "layers 2 and 3 pass the check (relative errors near 1e-9): an error in δ flows down the layers, never "
        "up. Read which arrays have a relative error of order 1",
    )

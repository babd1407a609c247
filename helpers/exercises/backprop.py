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

import functools
import math
import re
from typing import Any

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..formula import FormulaError, parse_formula
from ..i18n import Messages
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
            return None, tr("your answer could not be read as a formula: {error}", error=exc)
    elif isinstance(answer, sympy.Expr):
        others = sorted(str(s) for s in answer.free_symbols if str(s) not in ("x", "y", "w"))
        if others:
            return None, tr(
                "your answer uses {names}; the variables here are x and y (and w = x² + y)", names=", ".join(others)
            )
        too_large = expression_problem(answer)
        if too_large:
            return None, too_large
        expr = answer.xreplace({s: sympy.Symbol(str(s)) for s in answer.free_symbols})
        if expr.has(sympy.Derivative, sympy.Integral) or expr.atoms(AppliedUndef):
            return None, tr("your answer still contains an unevaluated derivative or function: give the formula itself")
    else:
        return None, tr(
            "your answer could not be read: write a formula string such as '2*x*sin(y)' "
            "(or a sympy expression), got {answer}",
            answer=describe(answer),
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
            tr(
                "your formula is not a finite real number everywhere (a log or square root of a negative, "
                "or an overflow), but ∂z/∂x = ∂z/∂w · ∂w/∂x is defined for every x and y"
            ),
        )
    if _same(mine, exact):
        return Feedback(
            "correct",
            tr(
                "correct: ∂z/∂x = ∂z/∂w · ∂w/∂x = cos(w) · 2x = 2x·cos(x² + y): the outer derivative at the "
                "inner value, times the inner derivative"
            ),
        )
    candidates = [
        (
            sympy.cos(inner),
            tr("the inner factor ∂w/∂x = 2x is missing: cos(x² + y) is ∂z/∂w (and also ∂z/∂y, since ∂w/∂y = 1)"),
        ),
        (2 * x, tr("the outer factor ∂z/∂w = cos(w) is missing: 2x is only ∂w/∂x")),
        (2 * x * sympy.sin(inner), tr("the outer function was kept: multiply by its derivative, (sin w)' = cos w")),
        (-2 * x * sympy.cos(inner), tr("the sign is flipped: (sin w)' = +cos w (it is cos whose derivative is −sin)")),
        (-2 * x * sympy.sin(inner), tr("that is the chain rule for cos(w); here z = sin(w), and (sin w)' = cos w")),
        (sympy.cos(2 * x), tr("you differentiated inside the sin: the chain rule takes cos at the inner value x² + y")),
        (
            sympy.cos(2 * x + y),
            tr("you differentiated inside the sin: the chain rule takes cos at the inner value x² + y"),
        ),
        (x * sympy.cos(inner), tr("the inner factor is off: ∂(x² + y)/∂x = 2x, not x")),
        (sympy.sin(inner), tr("that is z itself; differentiate: ∂z/∂x = ∂z/∂w · ∂w/∂x")),
        (
            (2 * x + 1) * sympy.cos(inner),
            tr("that is ∂z/∂x + ∂z/∂y: a partial derivative holds y fixed, so ∂w/∂x = 2x, not 2x + 1"),
        ),
    ]
    for target, message in candidates:
        if _same(mine, _expected(target)):
            return Feedback("wrong", message)
    ratios = mine / exact
    if np.all(np.isfinite(ratios)) and np.allclose(ratios, ratios[0], rtol=1e-9) and abs(ratios[0]) > 1e-12:
        return Feedback(
            "wrong",
            tr(
                "off by a constant factor {factor:g}: here the chain rule is the product of two factors",
                factor=ratios[0],
            ),
        )
    k = int(np.argmax(np.abs(mine - exact)))
    a, b = _POINTS[k]
    return Feedback(
        "wrong",
        tr(
            "not yet: at (x, y) = ({a:g}, {b:g}) your formula gives {mine:.4g}, ∂z/∂x is {exact:.4g}; "
            "write ∂z/∂w (at w = x² + y) times ∂w/∂x",
            a=a,
            b=b,
            mine=mine[k],
            exact=exact[k],
        ),
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
            tr(
                "correct: {exact:g} = x + x + 1, one share per path: x·x sends x back to each of its two "
                "inputs (both are x) and + x sends 1; the shares are summed, which is what `grad +=` does",
                exact=exact,
            ),
        )
    candidates = [
        (
            2 * x,
            tr("{value:g} = 2x counts the product x·x, but the path through + x is missing: it adds 1", value=2 * x),
        ),
        (
            x + 1,
            tr(
                "{value:g} = x + 1 counts the product only once: x·x uses x twice, so x gets x from each input",
                value=x + 1,
            ),
        ),
        (
            x,
            tr(
                "{value:g} = x is one share of the product only: x·x gives x to each of its two inputs, and + x adds 1",
                value=x,
            ),
        ),
        (1.0, tr("1 is only the path through + x: the product x·x adds x + x = 2x")),
        (x * x + x, tr("{value:g} is the value of y, not its derivative", value=x * x + x)),
        (
            2 * exact,
            tr(
                "{value:g} is twice the answer: gradients accumulate, as after calling backward() twice",
                value=2 * exact,
            ),
        ),
        (2 * x * x + 1, tr("that looks like the power rule applied to a wrong power; ∂(x·x)/∂x = 2x, not 2x²")),
    ]
    for target, message in candidates:
        if near(target):
            return Feedback("wrong", message)
    return Feedback(
        "wrong",
        tr(
            "{value:g} is not it: list the paths from y back to x (two through x·x, one through + x) and add their "
            "shares",
            value=value,
        ),
    )


# --- exercise 3: one backward step for a layer ---------------------------------------------


def _read_matrix(answer) -> tuple[np.ndarray | None, str | None]:
    if answer is None or isinstance(answer, (bool, str, bytes)):
        return (
            None,
            tr(
                "your answer could not be read: give a 2-D array such as np.zeros((2, 3)), got {answer}",
                answer=describe(answer),
            ),
        )
    arr, problem = read_array(answer, tr("a 2-D array such as np.zeros((2, 3))"), finite=False)
    if arr is None:
        return None, problem
    if not np.all(np.isfinite(arr)):
        return None, tr("your answer holds nan or inf: every entry of ∂L/∂W is a finite number")
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
            tr(
                "correct: ∂L/∂W = Xᵀ·∂L/∂Z, shape (2, 3) like W; each example adds its outer product "
                "(row of X)ᵀ(row of ∂L/∂Z), and ∂L/∂b = the column sums of ∂L/∂Z"
            ),
        )
    candidates = [
        (
            X @ dZ,
            tr("the transpose is missing: X·∂L/∂Z has the right shape here only because X is square; use X.T @ dZ"),
        ),
        (dZ.T @ X, tr("that is (∂L/∂W)ᵀ, shape (3, 2): ∂L/∂W has the shape of W, (2, 3), so compute X.T @ dZ")),
        (
            dZ @ W.T,
            tr("that is ∂L/∂X = ∂L/∂Z·Wᵀ, the gradient passed down to the layer below; for ∂L/∂W use X.T @ dZ"),
        ),
        (dZ.sum(axis=0), tr("that is ∂L/∂b, the column sums of ∂L/∂Z; ∂L/∂W is X.T @ dZ")),
        (dZ.sum(axis=0, keepdims=True), tr("that is ∂L/∂b, the column sums of ∂L/∂Z; ∂L/∂W is X.T @ dZ")),
        (exact / n, tr("divided by n = {n} once too often: ∂L/∂Z already carries the 1/n of the mean loss", n=n)),
        (np.outer(X[0], dZ[0]), tr("that is the first example's share only: X.T @ dZ sums the shares of all rows")),
        (dZ, tr("that is ∂L/∂Z itself: one more step, ∂L/∂W = X.T @ dZ")),
    ]
    for target, message in candidates:
        if same(target):
            return Feedback("wrong", message)
    if arr.shape != exact.shape:
        return Feedback(
            "wrong",
            tr(
                "∂L/∂W has the shape of W, {shape}; yours is {yours}: which product of X and dZ gives (2, 3)?",
                shape=exact.shape,
                yours=arr.shape,
            ),
        )
    worst = np.unravel_index(int(np.argmax(np.abs(arr - exact))), arr.shape)
    return Feedback(
        "wrong",
        tr(
            "not yet: entry {entry} should be {exact:g}, yours is {yours:g}; "
            "∂L/∂W[i, j] = Σ over rows k of X[k, i]·dZ[k, j]",
            entry=tuple(int(i) for i in worst),
            exact=exact[worst],
            yours=arr[worst],
        ),
    )


# --- exercise 4: a gradient check finds a planted bug -----------------------------------------

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789")
_ALL = ("all", "all layers", "every layer", "all of them")
_NONE = ("none", "no layer", "nothing", "no bug")


def _layer_example() -> str:
    """What an answer to exercise 4 looks like, for the messages (in the edition's language)."""
    return tr("a layer number such as 1, or a list of them such as [1, 2]")


def _layers_in_text(text: str) -> tuple[set[int] | None, str | None]:
    """The layers a text names: "1", "layer 1", "W1", "b⁽¹⁾", "W1 and b1", "all", "none"."""
    plain = text.strip().lower().translate(_SUPERSCRIPT_DIGITS)
    if len(plain) > 100:
        return None, tr("your answer is too long to read: give {example}", example=_layer_example())
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
        return None, tr(
            "your answer could not be read: give {example} (a name such as 'W1' or 'layer 1' works too), got {answer}",
            example=_layer_example(),
            answer=describe(text),
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
            return None, tr(
                "your answer lists {count} layers; the network has 3: give {example}",
                count=len(answer),
                example=_layer_example(),
            )
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
    values, problem = read_array(answer, _layer_example())
    if values is None:
        return None, problem
    flat = values.ravel()
    if flat.size == 0:
        return set(), None
    if flat.size > 10:
        return None, tr(
            "your answer holds {size} numbers; the network has 3 layers: give {example}",
            size=flat.size,
            example=_layer_example(),
        )
    fractional = [float(v) for v in flat if v != np.round(v)]
    if fractional:
        return None, tr(
            "{value:g} is not a layer number: answer with ℓ, the layer whose gradients fail the "
            "check (1, 2 or 3), not its relative error",
            value=fractional[0],
        )
    if np.max(np.abs(flat)) > 1e6:
        return None, tr(
            "your answer holds {value:g}: give {example}",
            value=float(np.max(np.abs(flat))),
            example=_layer_example(),
        )
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
            tr(
                "correct: only layer 1 fails, ∂L/∂W⁽¹⁾ and ∂L/∂b⁽¹⁾ off by a relative error of order 1 while layers "
                "2 and 3 agree to about 1e-9. The bug is in δ⁽¹⁾ = (δ⁽²⁾W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾): `delta2 @ W2` lacks the "
                "transpose, and runs without an error only because W⁽²⁾ is square (8 × 8). An error in δ flows down "
                "the layers, never up: the highest layer that fails is where to look"
            ),
        )
    if not layers:
        return Feedback(
            "wrong",
            tr(
                "one layer does fail: if your check passes every layer, it compared the right gradients, those of "
                "section 3's `backprop`; compare the gradients of `backprop_planted` with the central differences"
            ),
        )
    if layers == {wrong - 1}:
        return Feedback(
            "wrong",
            tr(
                "{index} is Python's index of the first entry of the list of gradients; the notebook numbers "
                "the layers ℓ = 1, …, D, so index {index} is layer ℓ = {layer}",
                index=wrong - 1,
                layer=wrong,
            ),
        )
    outside = sorted(layer for layer in layers if not 1 <= layer <= depth)
    if outside:
        return Feedback(
            "wrong",
            tr(
                "the network 2 → 8 → 8 → 3 has D = {depth} layers, ℓ = 1, 2, 3: {layer} is not one of them",
                depth=depth,
                layer=outside[0],
            ),
        )
    if layers == set(range(1, depth + 1)):
        return Feedback(
            "wrong",
            tr(
                "every layer fails? Then suspect the check itself: layers 2 and 3 are right and should agree to "
                "about 1e-9. Use central differences (L(θ + h) − L(θ − h)) / 2h (a one-sided one is off by about "
                "h), h ≈ 1e-6 (1e-12 drowns in round-off, 1e-2 in the truncation error of order h²), put θ back "
                "after each nudge, and compare each array by the relative error ‖g − g_num‖ / (‖g‖ + ‖g_num‖)"
            ),
        )
    if layers == {2}:
        return Feedback(
            "wrong",
            tr(
                "layer 2's gradients pass the check: ∂L/∂W⁽²⁾ = H⁽¹⁾ᵀδ⁽²⁾ and δ⁽²⁾ are right. W⁽²⁾ appears in the "
                "faulty line, but that line computes δ⁽¹⁾, so the error shows up one layer lower: read which "
                "arrays the check flags"
            ),
        )
    if layers == {3}:
        return Feedback(
            "wrong",
            tr(
                "the top layer passes: δ⁽³⁾ = (P − Y)/n and H⁽²⁾ᵀδ⁽³⁾ are right, and a bug there would make every "
                "layer below fail too. Read which arrays the check flags"
            ),
        )
    passing = sorted(layers - {wrong})
    if wrong in layers:
        named = functools.reduce(
            lambda first, second: tr("{first} and {second}", first=first, second=second), map(str, passing)
        )
        return Feedback(
            "wrong",
            tr(
                "layer {wrong} does fail, but layer {named} passes (a relative error near 1e-9, where a wrong "
                "gradient gives one of order 1); if your check flags it, look at h and at putting θ back",
                wrong=wrong,
                named=named,
            ),
        )
    return Feedback(
        "wrong",
        tr(
            "layers 2 and 3 pass the check (relative errors near 1e-9): an error in δ flows down the layers, never "
            "up. Read which arrays have a relative error of order 1"
        ),
    )


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        # exercise 1: the chain rule
        "your answer could not be read as a formula: {error}": "답을 수식으로 읽을 수 없습니다: {error}",
        "your answer uses {names}; the variables here are x and y (and w = x² + y)": (
            "답에 {names}이(가) 쓰였지만, 여기서 변수는 x와 y입니다(그리고 w = x² + y)"
        ),
        "your answer still contains an unevaluated derivative or function: give the formula itself": (
            "답에 아직 계산되지 않은 도함수나 함수가 들어 있습니다: 식 자체를 주세요"
        ),
        "your answer could not be read: write a formula string such as '2*x*sin(y)' "
        "(or a sympy expression), got {answer}": (
            "답을 읽을 수 없습니다: '2*x*sin(y)' 같은 수식 문자열(또는 sympy 식)을 쓰세요. 받은 답: {answer}"
        ),
        "your formula is not a finite real number everywhere (a log or square root of a negative, "
        "or an overflow), but ∂z/∂x = ∂z/∂w · ∂w/∂x is defined for every x and y": (
            "답의 수식은 어떤 점에서 유한한 실수가 아닙니다(음수의 로그나 제곱근, 또는 오버플로). 하지만 "
            "∂z/∂x = ∂z/∂w · ∂w/∂x는 모든 x와 y에서 정의됩니다"
        ),
        "correct: ∂z/∂x = ∂z/∂w · ∂w/∂x = cos(w) · 2x = 2x·cos(x² + y): the outer derivative at the "
        "inner value, times the inner derivative": (
            "정답입니다: ∂z/∂x = ∂z/∂w · ∂w/∂x = cos(w) · 2x = 2x·cos(x² + y): 안쪽 값에서 구한 바깥 도함수에 "
            "안쪽 도함수를 곱한 것입니다"
        ),
        "the inner factor ∂w/∂x = 2x is missing: cos(x² + y) is ∂z/∂w (and also ∂z/∂y, since ∂w/∂y = 1)": (
            "안쪽 인자 ∂w/∂x = 2x가 빠졌습니다: cos(x² + y)는 ∂z/∂w입니다(∂w/∂y = 1이므로 ∂z/∂y이기도 합니다)"
        ),
        "the outer factor ∂z/∂w = cos(w) is missing: 2x is only ∂w/∂x": (
            "바깥 인자 ∂z/∂w = cos(w)가 빠졌습니다: 2x는 ∂w/∂x일 뿐입니다"
        ),
        "the outer function was kept: multiply by its derivative, (sin w)' = cos w": (
            "바깥 함수를 그대로 두었습니다: 그 도함수 (sin w)' = cos w를 곱하세요"
        ),
        "the sign is flipped: (sin w)' = +cos w (it is cos whose derivative is −sin)": (
            "부호가 뒤집혔습니다: (sin w)' = +cos w입니다(도함수가 −sin인 것은 cos입니다)"
        ),
        "that is the chain rule for cos(w); here z = sin(w), and (sin w)' = cos w": (
            "cos(w)에 대한 연쇄법칙입니다. 여기서는 z = sin(w)이고, (sin w)' = cos w입니다"
        ),
        "you differentiated inside the sin: the chain rule takes cos at the inner value x² + y": (
            "sin 안쪽을 미분했습니다: 연쇄법칙에서는 cos를 안쪽 값 x² + y에서 구합니다"
        ),
        "the inner factor is off: ∂(x² + y)/∂x = 2x, not x": (
            "안쪽 인자가 틀렸습니다: ∂(x² + y)/∂x는 x가 아니라 2x입니다"
        ),
        "that is z itself; differentiate: ∂z/∂x = ∂z/∂w · ∂w/∂x": "z 자체입니다. 미분하세요: ∂z/∂x = ∂z/∂w · ∂w/∂x",
        "that is ∂z/∂x + ∂z/∂y: a partial derivative holds y fixed, so ∂w/∂x = 2x, not 2x + 1": (
            "∂z/∂x + ∂z/∂y입니다: 편미분은 y를 고정하므로, ∂w/∂x는 2x + 1이 아니라 2x입니다"
        ),
        "off by a constant factor {factor:g}: here the chain rule is the product of two factors": (
            "상수 {factor:g}배만큼 차이 납니다: 여기서 연쇄법칙은 두 인자의 곱입니다"
        ),
        "not yet: at (x, y) = ({a:g}, {b:g}) your formula gives {mine:.4g}, ∂z/∂x is {exact:.4g}; "
        "write ∂z/∂w (at w = x² + y) times ∂w/∂x": (
            "아직 아닙니다: (x, y) = ({a:g}, {b:g})에서 답의 수식은 {mine:.4g}이지만, ∂z/∂x는 {exact:.4g}입니다. "
            "(w = x² + y에서 구한) ∂z/∂w에 ∂w/∂x를 곱해 쓰세요"
        ),
        # exercise 2: a node used twice
        "correct: {exact:g} = x + x + 1, one share per path: x·x sends x back to each of its two "
        "inputs (both are x) and + x sends 1; the shares are summed, which is what `grad +=` does": (
            "정답입니다: {exact:g} = x + x + 1, 경로마다 몫이 하나씩입니다: x·x는 두 입력(둘 다 x) 각각에 x를 "
            "돌려보내고, + x는 1을 보냅니다. 몫들은 더해지며, 바로 그것이 `grad +=`가 하는 일입니다"
        ),
        "{value:g} = 2x counts the product x·x, but the path through + x is missing: it adds 1": (
            "{value:g} = 2x는 곱 x·x를 셌지만, + x를 지나는 경로가 빠졌습니다: 그 경로가 1을 더합니다"
        ),
        "{value:g} = x + 1 counts the product only once: x·x uses x twice, so x gets x from each input": (
            "{value:g} = x + 1은 곱을 한 번만 셌습니다: x·x는 x를 두 번 쓰므로, x는 각 입력에서 x를 받습니다"
        ),
        "{value:g} = x is one share of the product only: x·x gives x to each of its two inputs, and + x adds 1": (
            "{value:g} = x는 곱에서 온 몫 하나일 뿐입니다: x·x는 두 입력 각각에 x를 주고, + x는 1을 더합니다"
        ),
        "1 is only the path through + x: the product x·x adds x + x = 2x": (
            "1은 + x를 지나는 경로의 몫뿐입니다: 곱 x·x가 x + x = 2x를 더합니다"
        ),
        "{value:g} is the value of y, not its derivative": "{value:g}은(는) y의 도함수가 아니라 y의 값입니다",
        "{value:g} is twice the answer: gradients accumulate, as after calling backward() twice": (
            "{value:g}은(는) 답의 두 배입니다: backward()를 두 번 호출한 뒤처럼 그레디언트가 누적되었습니다"
        ),
        "that looks like the power rule applied to a wrong power; ∂(x·x)/∂x = 2x, not 2x²": (
            "거듭제곱의 미분법을 잘못된 지수에 적용한 것 같습니다. ∂(x·x)/∂x는 2x²가 아니라 2x입니다"
        ),
        "{value:g} is not it: list the paths from y back to x (two through x·x, one through + x) and add their "
        "shares": (
            "{value:g}은(는) 답이 아닙니다: y에서 x로 거슬러 가는 경로들(x·x를 지나는 두 개, + x를 지나는 한 개)을 "
            "나열하고 그 몫들을 더하세요"
        ),
        # exercise 3: one backward step for a layer
        "your answer could not be read: give a 2-D array such as np.zeros((2, 3)), got {answer}": (
            "답을 읽을 수 없습니다: np.zeros((2, 3)) 같은 2차원 배열을 주세요. 받은 답: {answer}"
        ),
        "a 2-D array such as np.zeros((2, 3))": "np.zeros((2, 3)) 같은 2차원 배열",
        "your answer holds nan or inf: every entry of ∂L/∂W is a finite number": (
            "답에 nan 또는 inf가 있습니다: ∂L/∂W의 모든 성분은 유한한 수입니다"
        ),
        "correct: ∂L/∂W = Xᵀ·∂L/∂Z, shape (2, 3) like W; each example adds its outer product "
        "(row of X)ᵀ(row of ∂L/∂Z), and ∂L/∂b = the column sums of ∂L/∂Z": (
            "정답입니다: ∂L/∂W = Xᵀ·∂L/∂Z이고, W처럼 shape이 (2, 3)입니다. 예제마다 외적 (X의 행)ᵀ(∂L/∂Z의 행)을 "
            "더하며, ∂L/∂b는 ∂L/∂Z의 열 합입니다"
        ),
        "the transpose is missing: X·∂L/∂Z has the right shape here only because X is square; use X.T @ dZ": (
            "전치가 빠졌습니다: 여기서 X·∂L/∂Z의 모양이 맞는 것은 X가 정사각행렬이기 때문일 뿐입니다. X.T @ dZ를 쓰세요"
        ),
        "that is (∂L/∂W)ᵀ, shape (3, 2): ∂L/∂W has the shape of W, (2, 3), so compute X.T @ dZ": (
            "shape이 (3, 2)인 (∂L/∂W)ᵀ입니다: ∂L/∂W는 W와 모양이 같은 (2, 3)이므로 X.T @ dZ를 계산하세요"
        ),
        "that is ∂L/∂X = ∂L/∂Z·Wᵀ, the gradient passed down to the layer below; for ∂L/∂W use X.T @ dZ": (
            "아래층으로 전달되는 그레디언트 ∂L/∂X = ∂L/∂Z·Wᵀ입니다. ∂L/∂W에는 X.T @ dZ를 쓰세요"
        ),
        "that is ∂L/∂b, the column sums of ∂L/∂Z; ∂L/∂W is X.T @ dZ": (
            "∂L/∂Z의 열 합인 ∂L/∂b입니다. ∂L/∂W는 X.T @ dZ입니다"
        ),
        "divided by n = {n} once too often: ∂L/∂Z already carries the 1/n of the mean loss": (
            "n = {n}(으)로 한 번 더 나눴습니다: ∂L/∂Z에는 평균 손실의 1/n이 이미 들어 있습니다"
        ),
        "that is the first example's share only: X.T @ dZ sums the shares of all rows": (
            "첫 번째 예제의 몫뿐입니다: X.T @ dZ는 모든 행의 몫을 더합니다"
        ),
        "that is ∂L/∂Z itself: one more step, ∂L/∂W = X.T @ dZ": (
            "∂L/∂Z 자체입니다: 한 단계 더 가면 ∂L/∂W = X.T @ dZ입니다"
        ),
        "∂L/∂W has the shape of W, {shape}; yours is {yours}: which product of X and dZ gives (2, 3)?": (
            "∂L/∂W는 W와 모양이 같은 {shape}인데, 답의 모양은 {yours}입니다: X와 dZ의 어떤 곱이 (2, 3)이 될까요?"
        ),
        "not yet: entry {entry} should be {exact:g}, yours is {yours:g}; "
        "∂L/∂W[i, j] = Σ over rows k of X[k, i]·dZ[k, j]": (
            "아직 아닙니다: 성분 {entry}은(는) {exact:g}이어야 하는데, 답은 {yours:g}입니다. "
            "∂L/∂W[i, j]는 모든 행 k에 걸친 합 Σ X[k, i]·dZ[k, j]입니다"
        ),
        # exercise 4: a gradient check finds a planted bug
        "a layer number such as 1, or a list of them such as [1, 2]": (
            "1 같은 층 번호 하나나 [1, 2] 같은 층 번호 리스트"
        ),
        "your answer is too long to read: give {example}": "답이 너무 길어서 읽을 수 없습니다: {example}로 답하세요",
        "your answer could not be read: give {example} (a name such as 'W1' or 'layer 1' works too), got {answer}": (
            "답을 읽을 수 없습니다: {example}로 답하세요('W1'이나 'layer 1' 같은 이름도 됩니다). 받은 답: {answer}"
        ),
        "your answer lists {count} layers; the network has 3: give {example}": (
            "답에 층이 {count}개 있지만, 신경망의 층은 3개입니다: {example}로 답하세요"
        ),
        "your answer holds {size} numbers; the network has 3 layers: give {example}": (
            "답에 수가 {size}개 있지만, 신경망의 층은 3개입니다: {example}로 답하세요"
        ),
        "{value:g} is not a layer number: answer with ℓ, the layer whose gradients fail the "
        "check (1, 2 or 3), not its relative error": (
            "{value:g}은(는) 층 번호가 아닙니다: 상대 오차가 아니라, 그레디언트가 검사에 실패하는 층의 번호 "
            "ℓ(1, 2 또는 3)로 답하세요"
        ),
        "your answer holds {value:g}: give {example}": "답에 {value:g}이(가) 있습니다: {example}로 답하세요",
        "correct: only layer 1 fails, ∂L/∂W⁽¹⁾ and ∂L/∂b⁽¹⁾ off by a relative error of order 1 while layers "
        "2 and 3 agree to about 1e-9. The bug is in δ⁽¹⁾ = (δ⁽²⁾W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾): `delta2 @ W2` lacks the "
        "transpose, and runs without an error only because W⁽²⁾ is square (8 × 8). An error in δ flows down "
        "the layers, never up: the highest layer that fails is where to look": (
            "정답입니다: 층 1만 실패합니다. ∂L/∂W⁽¹⁾, ∂L/∂b⁽¹⁾의 상대 오차는 1 정도인데, 층 2와 3은 "
            "약 1e-9까지 일치합니다. 버그는 δ⁽¹⁾ = (δ⁽²⁾W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾)에 있습니다: `delta2 @ W2`에는 전치가 "
            "빠졌는데, W⁽²⁾가 정사각행렬(8 × 8)이어서 오류 없이 실행될 뿐입니다. δ의 오차는 층을 따라 아래로만 "
            "흐르고 위로는 흐르지 않습니다: 실패하는 층 중 가장 높은 층이 살펴볼 곳입니다"
        ),
        "one layer does fail: if your check passes every layer, it compared the right gradients, those of "
        "section 3's `backprop`; compare the gradients of `backprop_planted` with the central differences": (
            "실패하는 층이 실제로 하나 있습니다: 검사가 모든 층을 통과시킨다면, 올바른 그레디언트, 곧 3절의 "
            "`backprop`이 주는 그레디언트를 비교한 것입니다. `backprop_planted`의 그레디언트를 중앙 차분과 비교하세요"
        ),
        "{index} is Python's index of the first entry of the list of gradients; the notebook numbers "
        "the layers ℓ = 1, …, D, so index {index} is layer ℓ = {layer}": (
            "{index}은(는) 그레디언트 리스트의 첫 항목을 가리키는 Python의 인덱스입니다. 노트북은 층에 "
            "ℓ = 1, …, D로 번호를 매기므로, 인덱스 {index}은(는) 층 ℓ = {layer}입니다"
        ),
        "the network 2 → 8 → 8 → 3 has D = {depth} layers, ℓ = 1, 2, 3: {layer} is not one of them": (
            "신경망 2 → 8 → 8 → 3의 층은 D = {depth}개, 곧 ℓ = 1, 2, 3입니다: {layer}은(는) 그중 하나가 아닙니다"
        ),
        "every layer fails? Then suspect the check itself: layers 2 and 3 are right and should agree to "
        "about 1e-9. Use central differences (L(θ + h) − L(θ − h)) / 2h (a one-sided one is off by about "
        "h), h ≈ 1e-6 (1e-12 drowns in round-off, 1e-2 in the truncation error of order h²), put θ back "
        "after each nudge, and compare each array by the relative error ‖g − g_num‖ / (‖g‖ + ‖g_num‖)": (
            "모든 층이 실패한다고요? 그렇다면 검사 자체를 의심하세요: 층 2와 3은 맞으므로 약 1e-9까지 일치해야 "
            "합니다. 중앙 차분 (L(θ + h) − L(θ − h)) / 2h를 쓰고(한쪽 차분은 약 h만큼 어긋납니다), h ≈ 1e-6으로 "
            "잡고(1e-12는 반올림 오차에, 1e-2는 h² 차수의 절단 오차에 묻힙니다), θ를 살짝 바꿀 때마다 되돌려 놓고, "
            "배열마다 상대 오차 ‖g − g_num‖ / (‖g‖ + ‖g_num‖)로 비교하세요"
        ),
        "layer 2's gradients pass the check: ∂L/∂W⁽²⁾ = H⁽¹⁾ᵀδ⁽²⁾ and δ⁽²⁾ are right. W⁽²⁾ appears in the "
        "faulty line, but that line computes δ⁽¹⁾, so the error shows up one layer lower: read which "
        "arrays the check flags": (
            "층 2의 그레디언트는 검사를 통과합니다: ∂L/∂W⁽²⁾ = H⁽¹⁾ᵀδ⁽²⁾도, δ⁽²⁾도 맞습니다. 버그가 있는 줄에 "
            "W⁽²⁾가 나오지만, 그 줄이 계산하는 것은 δ⁽¹⁾이므로 오차는 한 층 아래에서 드러납니다: 어느 배열이 "
            "검사에 걸리는지 읽어 보세요"
        ),
        "the top layer passes: δ⁽³⁾ = (P − Y)/n and H⁽²⁾ᵀδ⁽³⁾ are right, and a bug there would make every "
        "layer below fail too. Read which arrays the check flags": (
            "맨 위 층은 통과합니다: δ⁽³⁾ = (P − Y)/n도, H⁽²⁾ᵀδ⁽³⁾도 맞고, 그곳에 버그가 있다면 그 아래 모든 층도 "
            "실패할 것입니다. 어느 배열이 검사에 걸리는지 읽어 보세요"
        ),
        "{first} and {second}": "{first} 및 {second}",
        "layer {wrong} does fail, but layer {named} passes (a relative error near 1e-9, where a wrong "
        "gradient gives one of order 1); if your check flags it, look at h and at putting θ back": (
            "층 {wrong}은(는) 실제로 실패하지만, 층 {named}은(는) 통과합니다(상대 오차가 1e-9 근처이고, 틀린 "
            "그레디언트라면 1 정도가 나옵니다). 그 층이 검사에 걸린다면 h와, θ를 되돌려 놓는 부분을 살펴보세요"
        ),
        "layers 2 and 3 pass the check (relative errors near 1e-9): an error in δ flows down the layers, never "
        "up. Read which arrays have a relative error of order 1": (
            "층 2와 3은 검사를 통과합니다(상대 오차 1e-9 근처): δ의 오차는 층을 따라 아래로만 흐르고 위로는 "
            "흐르지 않습니다. 어느 배열의 상대 오차가 1 정도인지 읽어 보세요"
        ),
    }
)

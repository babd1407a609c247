"""The Korean edition's messages (helpers/i18n.py): every template a learner can see has its Korean,
with the same fields, and a check says the same thing in both languages (same verdict, same numbers).

Read from the source: each module's ``tr = Messages({...})`` catalogue and every ``tr("…", …)`` call.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from support import BrokenEverything

import helpers.exercises as exercises_package
from helpers.descent import gradient_descent
from helpers.exercises import (
    MAX_ANSWER_NUMBERS,
    activations,
    backprop,
    check,
    convergence,
    descent,
    differentiation,
    exercise_names,
    gradients,
    regression,
    sgd,
    softmax,
)
from helpers.formula import FormulaError, parse_formula
from helpers.functions import get_function
from helpers.i18n import ENV_VARIABLE, Messages, edition, fields, language
from helpers.nn import relu, sigmoid, sigmoid_grad, tanh_grad

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "helpers").rglob("*.py"))
HANGUL = re.compile(r"[가-힣]")
NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


def _catalogue(tree: ast.Module) -> dict[str, str] | None:
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["tr"]
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "Messages"
        ):
            return ast.literal_eval(node.value.args[0])
    return None


def _calls(tree: ast.Module) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "tr"]


MODULES = [p for p in SOURCES if _calls(ast.parse(p.read_text(encoding="utf-8")))]


def test_some_modules_speak_korean():
    assert any(p.parent.name == "exercises" for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_template_has_its_korean(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    catalogue = _catalogue(tree)
    assert catalogue is not None, f"{path.name} calls tr() but makes no module-level `tr = Messages({{...}})`"
    used = set()
    for call in _calls(tree):
        where = f"{path.name}:{call.lineno}"
        assert call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str), (
            f"{where}: tr's first argument is a literal template (not an f-string), so it can be translated"
        )
        assert len(call.args) == 1, f"{where}: a template's values are passed by name"
        template = call.args[0].value
        used.add(template)
        assert template in catalogue, f"{where}: no Korean for {template!r}"
        names = {name for name, _, _ in fields(template)}
        given = {k.arg for k in call.keywords} - {"lang"}
        assert None not in given, f"{where}: no **values: name each field"
        assert given == names, f"{where}: the fields {sorted(names)} are given {sorted(given)}"
    for template, korean in catalogue.items():
        assert template in used, f"{path.name}: the Korean of {template!r} translates a template no longer used"
        assert sorted(fields(korean)) == sorted(fields(template)), (
            f"{path.name}: {korean!r} has other fields (or formats) than {template!r}"
        )
        assert HANGUL.search(korean) or not re.search(r"[A-Za-z]{3}", template.format_map(_Blank())), (
            f"{path.name}: {korean!r} is not Korean"
        )
        assert not HANGUL.search(template), f"{path.name}: the English template {template!r} holds Korean"


class _Blank(dict):
    def __missing__(self, key):
        return ""


@pytest.mark.parametrize("path", sorted((ROOT / "helpers" / "exercises").glob("*.py")), ids=lambda p: p.stem)
def test_feedback_messages_go_through_the_catalogue(path):
    """A check's message is never an English literal or f-string written in place."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Feedback" and len(node.args) == 2:
            message = node.args[1]
            bad = isinstance(message, ast.JoinedStr) or (
                isinstance(message, ast.Constant) and re.search(r"[A-Za-z]{3}", str(message.value))
            )
            assert not bad, f"{path.name}:{node.lineno}: the message is written in place, not through tr()"


def test_language_is_validated(monkeypatch):
    monkeypatch.setenv(ENV_VARIABLE, "fr")
    with pytest.raises(ValueError, match="GD_COURSE_LANGUAGE must be one of 'en', 'ko'; got 'fr'"):
        language()
    monkeypatch.delenv(ENV_VARIABLE)
    assert language() == "en"
    with edition("ko"):
        assert language() == "ko"
    assert language() == "en"


def test_a_missing_template_shows_in_english():
    with edition("ko"):
        assert Messages({})("step {k}", k=3) == "step 3"


# --- a check says the same in both languages ---------------------------------------------------
#
# Each check is probed with answers of every kind (GENERIC), its solution (from the notebook where it is a
# constant, else computed) and the wrong answers it names: the candidates and slips each check lists, and
# its other branches (too large, too small, close, off by one, a formula that cannot be read).


GENERIC = [
    None,
    "abc",
    0,
    1.5,
    -2,
    [1.0, 2.0],
    [[1.0, 2.0], [3.0, 4.0]],
    math.nan,
    1e308,
    np.zeros(3),
    np.zeros(MAX_ANSWER_NUMBERS + 1),
    object(),
    BrokenEverything(),
    10**400,
    [10**400, 1],
    np.array([1j, 2.0]),
    sympy.Symbol("x") ** (10**9),
    np.broadcast_to(0.0, (10**7,)),
]


class With:
    """A probe that also passes a check's options: ``check(name, answer, **options)``."""

    def __init__(self, answer, **options):
        self.answer, self.options = answer, options

    def __repr__(self):
        return f"With({self.answer!r}, **{self.options!r})"


_CONSTANT_NODES = (ast.Expression, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Tuple, ast.List)
_CONSTANT_NODES += (ast.operator, ast.unaryop, ast.expr_context)
_SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)
_CHECK_CALL = re.compile(r"""^check\(\s*["']([a-z_]+)["']\s*,\s*answer\b""", re.MULTILINE)


def _notebook_solutions() -> dict[str, object]:
    """Exercise name → its solution, for the solutions whose ``answer = …`` is a constant expression.

    Read as tests/test_solutions.py reads them: the ```python block of the <details> cell after the
    answer cell (the others use the notebook's variables; their answers are computed in _named below).
    """
    found = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell, after in zip(cells, cells[1:]):
            match = _CHECK_CALL.search("".join(cell["source"])) if cell["cell_type"] == "code" else None
            code = _SOLUTION_CODE.search("".join(after["source"])) if match else None
            if code is None:
                continue
            for node in ast.parse(code.group(1)).body:
                if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["answer"]:
                    value = ast.Expression(node.value)
                    if all(isinstance(n, _CONSTANT_NODES) for n in ast.walk(value)):
                        found[match.group(1)] = eval(compile(value, path.name, "eval"), {"__builtins__": {}})
    return found


#: Formulas the parser refuses (helpers/formula.py), each with another message.
BAD_FORMULAS = ("6x^2 + 1", "sin x", "foo(x)", "x**101", "", "x +", "x[0]", "1/0")


def _named() -> dict[str, list]:
    """Per exercise: its solution and the wrong answers its check recognises, from the exercise's own data."""
    probes: dict[str, list] = {}
    unreadable_formulas = list(BAD_FORMULAS)

    # 01 differentiation
    probes["derivative"] = [
        *unreadable_formulas,
        "6*x**2 - 6*x + 4",
        sympy.sympify("6*x**2 - 6*x + 4"),
        "12*x**2 - 12*x + 8",
        "-6*x**2 + 6*x - 4",
        "6*x**2 - 6*x + 9",
        "2*x**3 - 3*x**2 + 4*x + 5",
        "12*x - 6",
        "2*x**2 - 3*x + 4",
        "6*x**3 - 6*x**2 + 4*x",
        "6*x**2 - 5*x + 4",
        "6*x**2 - 6*x + 5",
        "6*x**2 + 4",
        "sin(x)",
        True,
        10**400,
        Fraction(10**400),
        sympy.Symbol("y"),
        sympy.Derivative(sympy.Symbol("x") ** 2, sympy.Symbol("x")),
    ]
    ex = differentiation.FORWARD_EXERCISE
    x, h = ex["x"], ex["h"]
    forward = ((x + h) ** 3 - x**3) / h
    probes["forward_difference"] = [
        forward,
        ((x + h) ** 3 - (x - h) ** 3) / (2 * h),
        3 * x**2,
        (x**3 - (x - h) ** 3) / h,
        -forward,
        forward * h,
        forward / 2,
        ((x + 1e-2) ** 3 - x**3) / 1e-2,
        round(forward, 3),
        5.0,
    ]
    probes["direction"] = [1, -1, 0, "right", "left", "+", "-1", "up", True]

    # 02 gradient descent
    ex = descent.STEPS_EXERCISE
    steps = descent.count_steps(ex["x0"], ex["lr"], ex["eps"])
    g0, factor = abs(2 * ex["x0"] + 2), 1 - 2 * ex["lr"]
    probes["step_count"] = [
        steps,
        steps - 1,
        steps + 1,
        descent.count_steps(ex["x0"], 1e-2, 1e-5),
        math.log(ex["eps"] / g0) / math.log(factor),
        3.5,
        -1,
        7,
    ]
    probes["learning_rate"] = [0.1, 0.05, 0.15, 0.2, 0.2000001, 0.3, 1e-4, 1e-20, 0, -0.1]
    probes["descent_derivative"] = [
        *unreadable_formulas,
        "2*x - exp(-x)",
        lambda t: 2 * t - np.exp(-t),
        sympy.sympify("2*x - exp(-x)"),
        "x**2 + exp(-x)",
        "-2*x + exp(-x)",
        "2*x + exp(-x)",
        "2*x - exp(x)",
        "x - exp(-x)",
        "2*x",
        "-2*x",
        "1",
        "log(x)",
        lambda t: 1 / 0,
        True,
        10**400,
        sympy.Symbol("y"),
        sympy.Tuple(1, 2),
        sympy.Derivative(sympy.Symbol("x") ** 2, sympy.Symbol("x")),
    ]
    ex = descent.FINITE_DIFFERENCE_EXERCISE
    h, eps = ex["h"], ex["eps"]
    stop = descent.finite_difference_stop(h, ex["x0"], ex["lr"], eps)
    probes["finite_difference_stop"] = [
        stop,
        -1 - h / 2,
        -1 - (h + eps) / 2,
        -1 + eps / 2,
        -1.0,
        -1 + h / 2,
        -1 + (h - eps) / 2,
        -1 - h,
        -1 - h + eps / 2,
        stop + 1,
        (eps - h) / 2,
        stop + 1e-5,
        0.5,
    ]

    # 03 gradient vectors
    gx, gy = gradients.GRADIENT_EXERCISE["grad"]
    wrong_x = ("2*x*y + sin(x + 2*y)", "2*x - sin(x + 2*y)", "2*x*y", "-sin(x + 2*y)", "2*x*y - 2*sin(x + 2*y)")
    wrong_y = ("x**2 - sin(x + 2*y)", "x**2 + 2*sin(x + 2*y)", "2*x*y - 2*sin(x + 2*y)", "-2*sin(x + 2*y)", "x**2")
    probes["gradient"] = [
        [gx, gy],
        f"{gx}, {gy}",
        [gy, gx],
        [gy, gy],
        [gx, gx],
        *[[wrong, gy] for wrong in wrong_x],
        *[[gx, wrong] for wrong in wrong_y],
        ["2*x*y", "x**2"],
        ["log(x)", gy],
        [gx, "x*y"],
        ["2xy", "x**2"],
        [gx, "foo(y)"],
        [gx, ""],
        "2*x*y",
        {"x": gx},
        [gx, gy, "0"],
        [True, gy],
        [math.inf, gy],
        [10**400, gy],
        [sympy.Symbol("z"), gy],
        [sympy.Derivative(sympy.Symbol("x") ** 2, sympy.Symbol("x")), gy],
        [sympy.Symbol("x") ** (10**9), gy],
        [sympy.Function("g")(sympy.Symbol("x")), gy],
        [gx] * (MAX_ANSWER_NUMBERS + 1),
        sympy.Matrix(sympy.sympify([gx, gy])),
    ]
    x, y = gradients.DIRECTION_EXERCISE["point"]
    down = np.array([-2 * x, -4 * y])
    probes["steepest_descent"] = [
        down,
        3 * down,
        -down,
        down[::-1],
        -down[::-1],
        [-down[0], down[1]],
        [down[0], -down[1]],
        [-x, -y],
        [-1.0, 1.5],
        [-1.0, 0.5],
        [1.0, 0.0],
        [0.0, 0.0],
        [1.0, 2.0, 3.0],
        [math.inf, 1.0],
        "[-2, 4]",
    ]
    (x, y) = gradients.NORM_EXERCISE["point"]
    g = np.array([2 * x, 4 * y])
    norm = float(np.sqrt(g @ g))
    probes["gradient_norm"] = [
        norm,
        float(np.max(np.abs(g))),
        float(np.sum(np.abs(g))),
        float(g @ g),
        math.hypot(x, y),
        math.hypot(2 * x, 2 * y),
        norm * 1.02,
        1.0,
    ]
    mu_min, mu_max = gradients.MOMENTUM_EXERCISE["curvatures"]

    def polyak(kappa):
        return ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2

    kappa = mu_max / mu_min
    probes["momentum_beta"] = [
        polyak(kappa),
        math.sqrt(polyak(kappa)),
        (kappa - 1) / (kappa + 1),
        ((kappa - 1) / (kappa + 1)) ** 2,
        polyak(10.0),
        polyak(mu_max),
        polyak(mu_max / 2 / mu_min),
        4 / (math.sqrt(mu_max) + math.sqrt(mu_min)) ** 2,
        polyak(kappa) * 1.02,
        1.5,
        0.1,
    ]

    # 04 linear regression
    X, y, beta = (np.array(regression.GRADIENT_EXERCISE[k]) for k in ("X", "y", "beta"))
    r = y - X @ beta
    n = len(y)
    exact = -(2.0 / n) * (X.T @ r)
    rmse = math.sqrt(float(r @ r) / n)
    probes["squared_gradient"] = [
        exact,
        exact.reshape(2, 1),
        exact.reshape(1, 2),
        -(X.T @ r),
        -(X.T @ r) / n,
        -2.0 * (X.T @ r),
        -exact,
        -(X.T @ r) / (n * rmse),
        3 * exact,
        exact * 1.005,
        exact + [1e-3, -1e-3],
        [1.0, -1.0],
        r,
        [1.0, 2.0, 3.0, 4.0],
        [],
        [math.inf, 1.0],
    ]
    X = np.array(regression.INTERCEPT_EXERCISE["X"])
    ones = np.ones((4, 1))
    probes["intercept_column"] = [
        np.hstack([X, ones]),
        np.hstack([ones, X]),
        np.hstack([X[:, :1], ones, X[:, 1:]]),
        np.hstack([X, 2 * ones]),
        X,
        np.vstack([X, [[1.0, 1.0]]]),
        np.hstack([X, ones, ones]),
        np.hstack([X[:, ::-1], ones]),
        np.hstack([X, 0 * ones]),
        np.hstack([X, np.arange(4.0)[:, None]]),
        np.ones(4),
    ]
    Xs = np.array(regression.LR_STEPS_EXERCISE["X"])
    limit = 2.0 / float(np.linalg.eigvalsh(Xs.T @ Xs)[-1])
    probes["lr_and_steps"] = [
        (0.05, 700),
        (0.05, 2000),
        (0.07, 500),
        (limit * 1.0001, 10),
        (1e-6, 10),
        (0.05, 10),
        (0.001, 1000),
        (limit * 0.998, 1000),
        (0.05,),
        (-1.0, 10),
        (0.05, 1.5),
        (0.05, 0),
        (math.nan, 10),
        ("0.05", 700),
        "0.05, 700",
    ]
    kappas = regression.scaling_conditions()
    kappa = kappas["standardised"]
    probes["standardised_condition"] = [
        *kappas.values(),
        math.sqrt(kappa),
        math.sqrt(kappas["raw"]),
        1.0 / kappa,
        -3.0,
        kappa * 1.02,
        0.5,
        1e11,
        math.nan,
        math.inf,
        100.0,
    ]

    # 05 convergence
    probes["convexity"] = [
        False,
        True,
        "convex",
        "no",
        "maybe",
        With(True, f="x**2"),
        With(False, f="x**2"),
        With(True, f="foo(x)"),
        With(True, f="2x"),
        With(True, f=3),
        With(True, interval=(3.0, -3.0)),
        With(True, interval=(0.0, 2e6)),
        With(True, interval="abc"),
        With(True, f="abs(x)"),
        With(True, f="log(x)"),
        With(True, f="x**4 - 3*x**2 + x", interval=(-2.0, 2.0)),
    ]
    H = np.array(convergence.LARGEST_LR_EXERCISE["hessian"])
    low, high = np.linalg.eigvalsh(H)
    probes["largest_lr"] = [2 / high, 1 / high, 2 / 6, 2 / 3, 2 / low, 1 / 6, 1.0, 0.1, 0, -1]
    well = get_function(convergence.MINIMUM_EXERCISE["function"])
    x0, lr = convergence.MINIMUM_EXERCISE["x0"], convergence.MINIMUM_EXERCISE["lr"]
    hump = sorted(r.real for r in np.roots([4.0, 0.0, -6.0, 1.0]) if abs(r.imag) < 1e-12)[1]
    probes["reached_minimum"] = [
        gradient_descent(well.grad, x0, lr=lr, f=well.f).x,
        *well.minima,
        hump,
        x0,
        5.0,
    ]
    ex = convergence.SADDLE_EXERCISE
    exact = convergence.saddle_escape_steps()
    y0, lr, target = ex["start"][1], ex["lr"], ex["target"]
    growth, log_ratio = 1 + 2 * lr, math.log(target / y0)
    estimates = [
        log_ratio / (2 * lr),
        log_ratio / math.log(1 + lr),
        math.log10(target / y0) / math.log(growth),
        log_ratio / math.log10(growth),
        math.log(1e12 / 2 / y0) / math.log(growth),
    ]
    probes["saddle_escape"] = [
        exact,
        exact - 1,
        exact + 1,
        log_ratio / math.log(growth),
        *estimates,
        *[f(e) for e in estimates for f in (math.floor, math.ceil)],
        -5,
        0,
        100.5,
        50,
        1000,
        10**6,
    ]

    # 06 SGD
    exact = sgd.minibatch_gradient_answer()
    b, n = len(sgd.GRADIENT_EXERCISE["y_b"]), sgd.GRADIENT_EXERCISE["n"]
    X_b, y_b, beta = (np.array(sgd.GRADIENT_EXERCISE[k]) for k in ("X_b", "y_b", "beta"))
    probes["minibatch_gradient"] = [
        exact,
        *[exact * k for k in (b / n, b, -1, 1 / 2, -1 / 2, -b, -b / n)],
        y_b - X_b @ beta,
        [1.0, 2.0, 3.0],
        [1.0, 2.0, 3.0, 4.0],
        np.round(exact, 1),
        exact * 1.005,
        [5.0, 5.0],
    ]
    n, b = sgd.EPOCH_EXERCISE["n"], sgd.EPOCH_EXERCISE["b"]
    probes["updates_per_epoch"] = [-(-n // b), n / b, n // b, n, 1, b, n * b, 7, [1, 2]]
    probes["diverging_batches"] = [
        list(sgd.DIVERGING_BATCHES),
        set(sgd.DIVERGING_BATCHES),
        [],
        [50, 1000],
        [1],
        [2],
        [1, 2, 5],
        [1, 2, 5, 10],
        [1, 5],
        [5, 10],
        [3],
        [1.5],
        1,
        {1, "a"},
    ]
    ex = sgd.SCHEDULE_EXERCISE
    lr0, k0, factor, b, n = (ex[k] for k in ("lr0", "k0", "factor", "batch_size", "n"))
    exact = (factor - 1) * k0
    probes["schedule_steps"] = [
        exact,
        factor * k0,
        factor - 1,
        k0,
        (factor**2 - 1) * k0,
        (math.sqrt(factor) - 1) * k0,
        exact * b / n,
        lr0 / factor,
        -5,
        0,
        5000,
        20000,
        1e16,
    ]

    # 07 softmax
    o = np.array(softmax.SOFTMAX_EXERCISE)
    e = np.exp(o - o.max())
    p = e / e.sum()
    probes["softmax"] = [
        p,
        e,
        np.zeros(3),
        o / o.sum(),
        np.eye(3)[int(np.argmax(o))],
        np.exp(-o - (-o).max()) / np.exp(-o - (-o).max()).sum(),
        np.sort(p),
        np.sort(p)[::-1],
        np.round(p, 3),
        [0.3, 0.3, 0.4],
        [1.0, 2.0, 3.0],
        [math.nan] * 3,
        [0.5, 0.5],
    ]
    logits = np.array(softmax.PREDICT_EXERCISE)
    exact = logits.argmax(axis=1)
    probes["predicted_class"] = [
        exact,
        np.eye(3)[exact],
        np.eye(3)[logits.argmin(axis=1)],
        np.ones((4, 3)),
        int(logits.argmax()),
        logits.argmax(axis=0),
        exact + 1,
        logits.argmin(axis=1),
        [*exact[:3], (exact[3] + 1) % 3],
        [(exact[0] + 1) % 3, (exact[1] + 1) % 3, *exact[2:]],
        [0.5, 1, 1, 2],
        [0, 1, 1, 2, 0],
    ]
    o = np.array(softmax.CROSS_ENTROPY_EXERCISE["logits"])
    y = softmax.CROSS_ENTROPY_EXERCISE["label"]
    p = np.exp(o - o.max()) / np.exp(o - o.max()).sum()
    one_hot = np.eye(3)[y]
    probes["cross_entropy"] = [
        -math.log(p[y]),
        -math.log(p[1]),
        -math.log(p[2]),
        math.log(p[y]),
        -math.log10(p[y]),
        p[y],
        1 - p[y],
        float(-np.log(p).sum()),
        float(-(p * np.log(p)).sum()),
        float(((p - one_hot) ** 2).sum()),
        float(-o[y]),
        -math.log(p[y]) + 1e-3,
        7.0,
        [1.0, 2.0],
    ]
    scores = np.array(softmax.GRADIENT_EXERCISE["logits"])
    labels = np.array(softmax.GRADIENT_EXERCISE["labels"])
    n, k = scores.shape
    P = np.exp(scores - scores.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    Y = np.eye(k)[labels]
    exact = (P - Y) / n
    columns = np.exp(scores) / np.exp(scores).sum(axis=0)
    probes["softmax_gradient"] = [
        exact,
        exact.T,
        exact.sum(axis=0),
        np.zeros((3, 3)),
        P - Y,
        P / n,
        P,
        -exact,
        -n * exact,
        P * (1 - P) / n,
        -Y / (n * np.where(Y > 0, P, 1.0)),
        (columns - Y) / n,
        (P - Y) / k,
        (P - Y) / (n * k),
        (P - 1) / n,
        (P - np.eye(k)[scores.argmax(axis=1)]) / n,
        exact + 1e-3,
        np.vstack([exact[0], exact[1] + 1]),
        np.vstack([exact[0] + 1, exact[1]]),
        exact + 1,
    ]

    # 08 activation functions
    x = activations.SIGMOID_EXERCISE["x"]
    s, exact = float(sigmoid(x)), float(sigmoid_grad(x))
    probes["sigmoid_derivative"] = [
        exact,
        s,
        1 - s,
        s * s,
        1 - s * s,
        0.25,
        math.exp(-x),
        float(tanh_grad(x)),
        -exact,
        x * (1 - x),
        s * (1 - x),
        exact * 1.01,
        0.5,
    ]
    (n, d), Ws = activations.SHAPE_EXERCISE["X"], activations.SHAPE_EXERCISE["W"]
    p = Ws[-1][1]
    probes["output_shape"] = [
        (n, p),
        f"({n}, {p})",
        f"{n}x{p}",
        np.array([n, p]),
        (p, n),
        (n, Ws[1][1]),
        (n, Ws[0][1]),
        (n, d),
        (d, p),
        (1, p),
        *Ws,
        (p,),
        (n,),
        (n * p,),
        (7,),
        n,
        (n, p, 1),
        (n, 7),
        (7, p),
        (7, 7),
        (-n, p),
        "64 by 3",
        "()",
        "x" * 101,
        True,
        2.5,
        [1e10, 3],
        [64.5, 3],
    ]
    probes["zero_gradient"] = [
        "relu",
        "ReLU",
        relu,
        "sigmoid",
        "tanh",
        "identity",
        "leaky relu",
        "softmax",
        "gelu",
        "x" * 101,
        3,
    ]
    m, q = activations.HE_STD_EXERCISE["fan_in"], activations.HE_STD_EXERCISE["fan_out"]
    exact = math.sqrt(2 / m)
    probes["he_std"] = [
        exact,
        2 / m,
        math.sqrt(2 / q),
        math.sqrt(2 / (m + q)),
        2 / (m + q),
        math.sqrt(1 / m),
        1 / m,
        2 / math.sqrt(m),
        math.sqrt(2) / m,
        math.sqrt(2 * m),
        math.sqrt(2 / (m * q)),
        -exact,
        exact * 1.01,
        exact * 1.1,
        2.0,
    ]

    # 09 backpropagation
    probes["chain_rule"] = [
        *unreadable_formulas,
        "2*x*cos(x**2 + y)",
        "2*x*cos(w)",
        sympy.sympify("2*x*cos(x**2 + y)"),
        "cos(x**2 + y)",
        "2*x",
        "2*x*sin(x**2 + y)",
        "-2*x*cos(x**2 + y)",
        "-2*x*sin(x**2 + y)",
        "cos(2*x)",
        "cos(2*x + y)",
        "x*cos(x**2 + y)",
        "sin(x**2 + y)",
        "(2*x + 1)*cos(x**2 + y)",
        "4*x*cos(x**2 + y)",
        "x*y",
        "log(-x**2 - 1)",
        "2x cos(x^2 + y)",
        sympy.Symbol("z"),
        sympy.Function("g")(sympy.Symbol("x")),
    ]
    x = backprop.SHARED_NODE_EXERCISE["x"]
    probes["shared_node"] = [2 * x + 1, 2 * x, x + 1, x, 1.0, x * x + x, 2 * (2 * x + 1), 2 * x * x + 1, 5.0]
    X, W, dZ = (np.array(backprop.BACKWARD_EXERCISE[k]) for k in ("X", "W", "dZ"))
    exact = X.T @ dZ
    probes["backward_step"] = [
        exact,
        X @ dZ,
        dZ.T @ X,
        dZ @ W.T,
        dZ.sum(axis=0),
        dZ.sum(axis=0, keepdims=True),
        exact / 2,
        np.outer(X[0], dZ[0]),
        dZ,
        np.zeros((3, 3)),
        exact + 1,
        np.full((2, 3), math.nan),
        "X.T @ dZ",
    ]
    probes["planted_bug"] = [
        1,
        [1],
        "W1",
        "layer 1",
        "b⁽¹⁾",
        ["W1", "b1"],
        0,
        [],
        "none",
        5,
        "all",
        [1, 2, 3],
        2,
        3,
        [1, 2],
        [1, 3],
        [2, 3],
        0.7,
        "blah",
        "x" * 101,
        list(range(11)),
        np.arange(11),
        [1e7],
    ]
    return probes


NAMED = _named()
SOLUTIONS = _notebook_solutions()


def _probes(name: str) -> list:
    solution = [SOLUTIONS[name]] if name in SOLUTIONS else []
    return [*GENERIC, *solution, *NAMED[name]]


def _numbers(text: str) -> list[str]:
    return [n.replace("−", "-") for n in NUMBER.findall(text)]


def test_every_check_has_its_named_probes():
    assert set(NAMED) == set(exercise_names())
    assert len(SOLUTIONS) >= 5, "the constant solutions are read from the notebooks"
    for name, solution in SOLUTIONS.items():
        assert check(name, solution).correct, (name, solution)


@pytest.mark.parametrize(
    ("name", "variables"),
    [("derivative", ("x",)), ("descent_derivative", ("x",)), ("chain_rule", ("x", "y", "w"))],
)
def test_a_check_shows_the_formula_parser_s_reason_in_korean(name, variables):
    for text in BAD_FORMULAS:
        with edition("ko"):
            with pytest.raises(FormulaError) as refused:
                parse_formula(text, variables)
            reason = str(refused.value)
            assert HANGUL.search(reason), reason
            assert reason in check(name, text).message


@pytest.mark.parametrize("name", exercise_names())
def test_a_check_says_the_same_in_korean(name):
    verdicts = set()
    for probe in _probes(name):
        answer, options = (probe.answer, probe.options) if isinstance(probe, With) else (probe, {})
        english = check(name, answer, **options)
        with edition("ko"):
            korean = check(name, answer, **options)
        verdicts.add(english.status)
        assert korean.status == english.status, (name, probe)
        assert str(korean)[0] == str(english)[0], "the same verdict mark"
        assert Counter(_numbers(korean.message)) == Counter(_numbers(english.message)), (
            f"{name}({probe!r}): the numbers differ:\n  {english.message}\n  {korean.message}"
        )
        assert HANGUL.search(korean.message), f"{name}({probe!r}) is not translated: {korean.message}"
        assert not HANGUL.search(english.message.replace("`answer`", "")), english.message
    assert {"correct", "wrong", "no answer", "unreadable"} <= verdicts, f"{name}: the probes reach every verdict"


# Messages no probe can reach: the exercise's own data rules them out (the slope at x = 0.5 is negative; the
# network has three layers, so no two layers pass beside the failing one), or they are fallbacks.
UNREACHED = {
    ("__init__", "your answer could not be read"),
    ("differentiation", "f'({x:g}) = {slope:g} > 0, so f rises as x grows; descent moves to x − λ·f'(x) = {step}"),
    ("differentiation", "correct: move left (decrease x). {why}"),
    ("differentiation", "moving right increases f: that is gradient ascent's direction. {why}"),
    ("descent", "your answer could not be turned into a function of x: {error}"),
    ("backprop", "{first} and {second}"),
}


class _Recording(Messages):
    """A module's catalogue that notes each template said."""

    def __init__(self, catalogue: Messages, said: set[str]):
        super().__init__(catalogue.ko)
        self.said = said

    def __call__(self, template: str, /, **values) -> str:
        self.said.add(template)
        return super().__call__(template, **values)


def test_the_probes_reach_every_message_of_the_checks(monkeypatch):
    """Every template of the checks' catalogues is said by some probe above, so each is compared in both
    languages: a check that learns a new named mistake needs a probe for it here."""
    modules = {"__init__": exercises_package}
    modules.update({m.__name__.rsplit(".", 1)[1]: m for m in (activations, backprop, convergence, descent)})
    modules.update({m.__name__.rsplit(".", 1)[1]: m for m in (differentiation, gradients, regression, sgd, softmax)})
    said: dict[str, set[str]] = {}
    for key, module in modules.items():
        said[key] = set()
        monkeypatch.setattr(module, "tr", _Recording(module.tr, said[key]))
    for name in exercise_names():
        for probe in _probes(name):
            answer, options = (probe.answer, probe.options) if isinstance(probe, With) else (probe, {})
            check(name, answer, **options)
    unsaid = {(key, t) for key, module in modules.items() for t in module.tr.ko if t not in said[key]}
    assert not unsaid - UNREACHED, f"no probe makes a check say {sorted(unsaid - UNREACHED)}"
    assert not UNREACHED - unsaid, f"these are reached now: {sorted(UNREACHED - unsaid)}"

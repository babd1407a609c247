"""The course's API: the names of ``helpers.__all__``, and the notebooks call nothing else.

One function type (``objective``), one loop (``gradient_descent``, with ascent, momentum and minibatch
SGD as options) whose result records what it ran on, one regression problem type, plots that take a
run alone.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import helpers
from helpers import Regression, gradient_descent, objective
from helpers.descent import iterate, momentum_step
from helpers.formula import FormulaError
from helpers.regression import linear_regression_gd
from helpers.sgd import regression_sgd

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: The API is small enough to learn: today's count, to be brought down, never up without a reason.
#: was 47: one explore(name), one plot_paths, one plot_history, nn.MLP/nn.Value/nn.trace (31), the datasets
#: namespace (27), the plots namespace for the fourteen plot functions (14).
API_SIZE_LIMIT = 14


def test_every_name_of_the_api_resolves_and_none_is_private():
    assert len(helpers.__all__) == len(set(helpers.__all__)) <= API_SIZE_LIMIT
    for name in helpers.__all__:
        assert not name.startswith("_"), name
        assert getattr(helpers, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'plot_nothing'"):
        helpers.plot_nothing  # noqa: B018


def test_importing_helpers_loads_no_plotting_or_widgets():
    code = "import sys, helpers; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


def _code_nodes(path: Path):
    """Every syntax node of a notebook's code cells (magics and shell lines read as ``pass``)."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            source = "\n".join(
                re.sub(r"^(\s*)[%!].*", r"\1pass", line) for line in "".join(cell["source"]).splitlines()
            )
            yield from ast.walk(ast.parse(source))


def _notebook_imports(path: Path) -> list[tuple[str, list[str]]]:
    found = []
    for node in _code_nodes(path):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "helpers":
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.split(".")[0] == "helpers"]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_import_only_the_api(path):
    imports = _notebook_imports(path)
    assert imports, f"{path.name} imports nothing from helpers"
    for module, names in imports:
        assert module == "helpers", f"{path.name} imports the submodule {module}: use `from helpers import …`"
        outside = [n for n in names if n not in helpers.__all__]
        assert not outside, f"{path.name} imports {outside}, which are not in helpers.__all__"


#: The API's namespaces: a notebook reaches their public names (``__all__``) only.
NAMESPACES = ("datasets", "nn", "plots")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_use_only_the_public_names_of_the_namespaces(path):
    used = {
        (node.value.id, node.attr)
        for node in _code_nodes(path)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in NAMESPACES
    }
    for space, name in sorted(used):
        public = getattr(helpers, space).__all__
        assert name in public, f"{path.name} uses {space}.{name}, not in helpers.{space}.__all__"
    if path.name[:2] in ("04", "07", "08", "09"):  # the notebooks that make data reach it through the namespace
        assert any(space == "datasets" for space, _ in used), path.name


def test_the_plots_namespace_holds_plot_functions_that_all_take_ax():
    import inspect

    from helpers import plots

    assert sorted(plots.__all__) == plots.__all__ and len(plots.__all__) == 14
    for name in plots.__all__:
        function = getattr(plots, name)
        assert callable(function) and function.__name__ == f"plot_{name}", name
        parameter = inspect.signature(function).parameters.get("ax")
        assert parameter is not None and parameter.kind is inspect.Parameter.KEYWORD_ONLY, name
        assert parameter.default is None, name


def test_objective_from_a_name_a_formula_and_an_expression_is_one_type():
    x = sp.Symbol("x")
    named, typed, built = objective("lecture_quadratic"), objective("x^2 + 2*x + 3"), objective(x**2 + 2 * x + 3)
    for obj in (named, typed, built):
        assert isinstance(obj, helpers.Objective)
        assert obj.f(1.0) == 6.0 and obj.grad(1.0) == 4.0
    assert sp.simplify(typed.derivative - (2 * x + 2)) == 0
    assert objective("x**2 + 3*y**2", variables=("x", "y")).hessian([0.0, 0.0]).tolist() == [[2.0, 0.0], [0.0, 6.0]]


@pytest.mark.parametrize(
    ("spec", "error", "pattern"),
    [
        (3, TypeError, r"spec must be a library name .*, got 3 of type int"),
        ("__import__('os').system('true')", FormulaError, r"\w"),
        ("lecture_bowl", None, None),
    ],
)
def test_objective_refuses_what_it_cannot_read(spec, error, pattern):
    if error is None:
        with pytest.raises(ValueError, match="give only its name"):
            objective(spec, variables=("x",))
        return
    with pytest.raises(error, match=pattern):
        objective(spec)


def test_a_run_records_its_objective_and_plots_draw_it_there():
    import matplotlib.pyplot as plt

    from helpers import plots

    q = objective("lecture_quadratic")
    run = gradient_descent(q, 1.5, lr=0.1)
    assert run.objective is q and run.converged and run.values is not None
    ax = plots.paths(run)  # no function restated
    assert ax.get_lines()
    other = objective("x^2")
    with pytest.raises(ValueError, match="wrong curve"):
        plots.paths(run, other)
    with pytest.raises(ValueError, match="give f"):
        plots.paths(gradient_descent(q.grad, 1.5, lr=0.1))  # a bare gradient records nothing
    plt.close("all")


def test_one_plots_paths_draws_each_run_on_what_it_ran_on():
    import matplotlib.pyplot as plt

    from helpers import datasets, plots

    bowl = objective("lecture_bowl")
    runs = [gradient_descent(bowl, [1.5, -1.5], lr=lr) for lr in (0.01, 0.05)]
    ax = plots.paths(runs)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y") and "λ = 0.01" in ax.get_legend().texts[0].get_text()
    x, y, _ = datasets.make_linear(50, 1, noise=0.5, seed=0)
    lecture, mse = Regression(x, y), Regression(x, y, objective="squared")
    ax = plots.paths({"lecture": gradient_descent(lecture, [0.0, 0.0], lr=0.01, eps=None, steps=50)})
    assert "lecture" in [t.get_text() for t in ax.get_legend().texts] and "lecture loss" in ax.get_title()
    ax = plots.paths(gradient_descent(mse, [0.0, 0.0], lr=0.1, eps=None, steps=20))
    assert "squared loss" in ax.get_title()  # the contours of the objective the run recorded
    one = gradient_descent(mse, [0.0, 0.0], lr=0.1, eps=None, steps=5)
    assert "mine" in [t.get_text() for t in plots.paths(one, labels="mine").get_legend().texts]  # a label, not 4
    with pytest.raises(ValueError, match=r"one label per run \(2\), got 1"):
        plots.paths([one, one], labels=["a"])
    with pytest.raises(ValueError, match="one regression problem"):
        plots.paths([gradient_descent(p, [0.0, 0.0], lr=0.01, eps=None, steps=5) for p in (lecture, mse)])
    with pytest.raises(ValueError, match="extent is not used for runs on a function"):
        plots.paths(runs, extent=[0, 1, 0, 1])
    with pytest.raises(ValueError, match="one per axes"):
        plots.paths([gradient_descent(objective("x^2"), s, lr=0.1) for s in (1.0, 2.0)])
    with pytest.raises(TypeError, match=r"runs\[0\] must be a DescentResult"):
        plots.paths([np.zeros(3)])
    plt.close("all")


def test_one_plots_history_draws_losses_gradients_and_coefficients():
    import matplotlib.pyplot as plt

    from helpers import datasets, plots

    x, y, _ = datasets.make_linear(50, 1, noise=0.5, seed=0)
    problem = Regression(x, y)
    run = gradient_descent(problem, [0.0, 0.0], lr=0.01, eps=None, steps=50)
    ax = plots.history(run, quantity="coefficients", target=problem.solution(), names=["slope", "intercept"])
    assert [t.get_text() for t in ax.get_legend().texts][:2] == ["slope", "intercept"]
    assert len(ax.get_lines()) == 2 + 2 + 1  # a curve and a dashed target per coefficient, the legend's key
    ax = plots.history({"λ = 0.01": run}, title="the lecture's loss")
    assert ax.get_title() == "the lecture's loss" and ax.get_ylabel().startswith("loss")
    q = objective("lecture_quadratic")
    ax = plots.history([gradient_descent(q, 1.5, lr=lr) for lr in (0.1, 0.3)], quantity="grad", title="two runs")
    assert ax.get_title() == "two runs" and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="target is not used for quantity='loss'"):
        plots.history(run, target=[1.0, 2.0])
    with pytest.raises(ValueError, match="one run's coefficients, got 2 runs"):
        plots.history([run, run], quantity="coefficients")
    with pytest.raises(ValueError, match="quantity must be one of 'loss', 'grad', 'coefficients'"):
        plots.history(run, quantity="beta")
    plt.close("all")


def test_explore_opens_every_explorer_by_name_and_names_them_on_a_typo():
    from helpers import explore
    from helpers.widgets import EXPLORERS

    assert len(EXPLORERS) == 10
    assert explore("softmax", o0=2.0).controls["o0"].value == 2.0
    with pytest.raises(ValueError, match="name must be one of 'tangent', 'descent_1d'.*got 'Softmax'"):
        explore("Softmax")
    with pytest.raises(ValueError, match=r"o0 must be in"):
        explore("softmax", o0=99.0)


def test_one_loop_for_descent_ascent_and_momentum():
    bowl = objective("x**2 + 10*y**2", variables=("x", "y"))
    heavy = gradient_descent(bowl, [2.0, 1.0], lr=0.01, eps=1e-6, momentum=0.9)
    same = iterate(bowl.grad, [2.0, 1.0], momentum_step(0.01, 0.9), lr=0.01, eps=1e-6)
    assert np.array_equal(heavy.path, same.path) and heavy.momentum == 0.9
    plain = gradient_descent(bowl, [2.0, 1.0], lr=0.01, eps=1e-6)
    assert heavy.steps < plain.steps
    top = gradient_descent(objective("-(x - 3)**2"), 0.0, lr=0.1, ascent=True)
    assert top.ascent and abs(top.x - 3) < 1e-5


def test_every_algorithm_runs_in_the_one_loop(monkeypatch):
    import helpers.descent
    import helpers.nn
    import helpers.sgd

    calls = []
    loop = helpers.descent.loop

    def counted(grad, x, step, **kwargs):
        calls.append("minibatch" if isinstance(grad, helpers.sgd._Batches) else "full")
        return loop(grad, x, step, **kwargs)

    monkeypatch.setattr(helpers.descent, "loop", counted)
    monkeypatch.setattr(helpers.sgd, "loop", counted)
    bowl = objective("x**2 + 10*y**2", variables=("x", "y"))
    gradient_descent(bowl, [2.0, 1.0], lr=0.01)
    gradient_descent(bowl, [2.0, 1.0], lr=0.01, momentum=0.9)
    gradient_descent(objective("-(x - 3)**2"), 0.0, lr=0.1, ascent=True)
    problem, beta0 = Regression.lecture()
    gradient_descent(problem, beta0, lr=0.01, eps=None, steps=10)
    linear_regression_gd(problem.X, problem.y, beta0, lr=0.01, steps=10)
    gradient_descent(problem, beta0, lr=0.01, batch_size=2, epochs=2)
    regression_sgd(problem.X, problem.y, beta0, lr=0.01, batch_size=2, epochs=2)
    X, y = helpers.datasets.make_blobs(20, 2, seed=0)
    helpers.nn.MLP([2, 4, 2], seed=0).train(X, y, lr=0.5, epochs=3)
    helpers.nn.MLP([2, 4, 2], seed=0).train(X, y, lr=0.5, epochs=3, batch_size=8)
    assert calls == ["full"] * 5 + ["minibatch"] * 4


def _update_loops(source: str) -> list[str]:
    """Functions with a loop that adds or subtracts ``lr × something``: hand-written descent loops."""
    tree = ast.parse(source)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for loop in ast.walk(function):
            if not isinstance(loop, (ast.For, ast.While)):
                continue
            for node in ast.walk(loop):
                if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
                    for side in (node.left, node.right):
                        if isinstance(side, ast.BinOp) and isinstance(side.op, ast.Mult):
                            if any(isinstance(v, ast.Name) and v.id == "lr" for v in ast.walk(side)):
                                found.append(function.name)
    return sorted(set(found))


def test_the_package_has_one_update_loop():
    # The detector finds a hand-written loop (the shape of the minibatch loop this package once had) …
    written_out = (
        "def sgd(theta, lr, batches):\n    for g in batches:\n        new = theta - lr * g\n        theta = new\n"
    )
    assert _update_loops(written_out) == ["sgd"]
    # … and, outside the exercises (whose reference solutions are the learner's loops, written out),
    # finds none but momentum_rate, whose loop runs over curvatures, not steps: descent.loop moves
    # every point through an optimiser step.
    found = {}
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        if "exercises" not in path.parts:
            found.update({name: path.name for name in _update_loops(path.read_text(encoding="utf-8"))})
    assert found == {"momentum_rate": "descent.py"}


def test_a_regression_problem_runs_full_batch_and_minibatch_through_the_same_call():
    problem, beta0 = Regression.lecture()
    run = gradient_descent(problem, beta0, lr=0.01, eps=None, steps=5000)
    reference = linear_regression_gd(problem.X, problem.y, beta0, lr=0.01, steps=5000)
    assert np.array_equal(run.path, reference.path) and np.array_equal(run.values, reference.values)
    assert run.objective is problem
    rng = np.random.default_rng(0)
    data = Regression(rng.normal(size=(200, 2)), rng.normal(size=200), objective="squared")
    sgd = gradient_descent(data, np.zeros(3), lr=0.05, batch_size=16, epochs=3, seed=1)
    plain = regression_sgd(data.X, data.y, np.zeros(3), lr=0.05, batch_size=16, epochs=3, seed=1)
    assert np.array_equal(sgd.path, plain.path) and sgd.objective is data
    with pytest.raises(ValueError, match="needs both batch_size and epochs"):
        gradient_descent(data, np.zeros(3), lr=0.05, batch_size=16)
    assert np.allclose(problem.solution(), [1, 2, 3]) and problem.distance([1, 2, 4]) == pytest.approx(1.0)


def test_subplots_gives_the_course_look_and_checks_its_grid():
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    from helpers import subplots

    fig, axes = subplots(1, 2)
    assert axes.shape == (2,) and mpl.rcParams["axes.spines.top"] is False
    plt.close(fig)
    with pytest.raises(ValueError, match="ncols must be a whole number from 1 to 6, got 0"):
        subplots(1, 0)

"""The instructor's hidden tests: how ``tools/grade.py`` marks each exercise of a submitted notebook.

This folder is not part of the student edition (``tools/student_edition.py`` leaves it out). For each
exercise (an answer cell ending in ``check("name", answer)``) the grader runs :func:`run` in the
student's kernel, right after the answer cell, and reads the verdict it prints. A verdict is:

1. The exercise's own check from ``helpers/exercises`` (the one the notebook calls), but loaded afresh
   from the instructor's ``helpers/`` under a private name: what a submission did to the ``helpers``
   it imported (``helpers.check = ...``) does not change the grade.
2. For the exercises whose task says to compute the answer from the notebook's data with numpy
   (:data:`VARIANTS`), the answer cell's code runs once more, on other data of the same shapes, and
   must give the right answer for those data too. Numbers typed in by hand, or code that only works
   for the notebook's own data, do not pass. The students see the task, never these data.

The grader also applies :func:`source_problem`, in its own process, to the code of every cell of a
submission (:data:`SOURCE_RULES`).

To give a class other variants than the ones below (this file is public with the course), copy it to
a private place, change the data of :data:`VARIANTS` and pass it: ``tools/grade.py --tests FILE``.
Each variant's ``expected`` must hold for the notebook's own solution: ``tools/grade.py --solutions``
grades the solutions of the notebooks with this file and fails unless every exercise is correct.

Both editions are graded alike: the verdict is the status of the check and of the variant, never
the wording of a message. The messages are in the edition's language (the ``GD_COURSE_LANGUAGE`` the
notebook's setup cell sets, as the checks' own): the Korean of this file's messages is in
:data:`KOREAN`.

This module imports only numpy and the standard library: the grader imports it too (for
:data:`POINTS` and :func:`source_problem`), and ``helpers`` is loaded only inside :func:`run`.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import io
import os
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: Points of a correct exercise; 0 for any other verdict. Exercises not named here get DEFAULT_POINTS.
DEFAULT_POINTS = 1
POINTS: dict[str, float] = {}

#: Verdicts a hidden test may give (those of helpers.exercises.Feedback); the grader adds "error" and
#: "timeout" for cells that raise and notebooks that run past the time limit.
STATUSES = ("correct", "wrong", "no answer", "unreadable")


#: The Korean edition's messages (English template → Korean, the same fields), for the notebooks whose
#: setup cell sets GD_COURSE_LANGUAGE = "ko" (helpers/i18n.py's variable).
KOREAN: dict[str, str] = {
    "`answer` is not defined: the answer cell sets it": (
        "`answer`가 정의되어 있지 않습니다: 답 셀에서 값을 넣으세요"
    ),
    "the code of your cell could not be run again ({error})": (
        "셀의 코드를 다시 실행할 수 없습니다 ({error})"
    ),
    (
        "right for the notebook's data, but the code of your cell raises {error} ({text}) "
        "when {names} hold other values of the same shapes"
    ): (
        "노트북의 데이터로는 맞지만, {names}에 모양이 같은 다른 값을 넣으면 셀의 코드에서 {error} 오류가 "
        "발생합니다 ({text})"
    ),
    "right for the notebook's data, but the code of your cell does not set `answer` when run again": (
        "노트북의 데이터로는 맞지만, 셀의 코드를 다시 실행하면 `answer`에 값을 넣지 않습니다"
    ),
    (
        "right for the notebook's data, but your cell gives the same answer whatever {names} hold: "
        "compute `answer` from {names}, not from numbers typed in"
    ): (
        "노트북의 데이터로는 맞지만, {names}에 무엇이 들어 있든 셀이 같은 답을 줍니다: 직접 입력한 숫자가 "
        "아니라 {names}의 값으로 `answer`를 계산하세요"
    ),
    (
        "right for the notebook's data, but not for other values of {names} (of the same shapes): "
        "compute `answer` from {names} with numpy, as the task asks"
    ): (
        "노트북의 데이터로는 맞지만, {names}의 (모양이 같은) 다른 값으로는 틀립니다: 문제에서 말한 대로 "
        "numpy로 {names}의 값에서 `answer`를 계산하세요"
    ),
}  # fmt: skip


def say(template: str, **values) -> str:
    """A message in the edition's language: ``template`` (a key of :data:`KOREAN`) filled in."""
    korean = os.environ.get("GD_COURSE_LANGUAGE") == "ko"
    return (KOREAN.get(template, template) if korean else template).format(**values)


def points(exercise: str) -> float:
    """The points a correct answer to ``exercise`` earns."""
    return POINTS.get(exercise, DEFAULT_POINTS)


# --- what a submission's code may not do -------------------------------------------------------------

#: (pattern, reason): a submission whose code cells match a pattern gets 0 points on that notebook.
#: helpers/exercises holds each exercise's data and computes its answer: reading it is reading the key.
#: Set SOURCE_RULES = [] to grade such notebooks like any other.
SOURCE_RULES: list[tuple[str, str]] = [
    (r"helpers\s*\.\s*exercises|from\s+helpers\s+import\s+[^\n]*\bexercises\b", "it reads helpers.exercises"),
    (r"\.__(globals|wrapped|closure|code)__", "it reaches into a function's internals"),
]


def source_problem(code: str) -> str | None:
    """Why the code of a submission is not accepted, or None. ``code``: its code cells, joined."""
    for pattern, reason in SOURCE_RULES:
        if re.search(pattern, code):
            return (
                f"not graded: {reason}, where the checks keep each exercise's data and answer. "
                "Answer from the notebook's own cells"
            )
    return None


# --- the same code on other data -----------------------------------------------------------------


def _close(answer: Any, expected: np.ndarray) -> bool:
    try:
        value = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return value.shape == expected.shape and bool(np.allclose(value, expected, rtol=1e-6, atol=1e-9))


def _constant_column_added(answer: Any, expected: np.ndarray, X_raw: np.ndarray, **_) -> bool:
    """What the check of "intercept_column" accepts: X with one non-zero constant column added anywhere."""
    try:
        value = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    if value.shape != expected.shape:
        return False
    for k in range(value.shape[1]):
        column = value[:, k]
        if np.allclose(np.delete(value, k, axis=1), X_raw) and column[0] != 0 and np.allclose(column, column[0]):
            return True
    return False


def _softmax(o):
    e = np.exp(o - o.max())
    return e / e.sum()


@dataclass(frozen=True)
class Variant:
    """Other data for the variables an answer cell reads, and the right answer for them.

    ``inputs`` maps each variable to its other value (same shape as the notebook's: a solution may
    write ``np.ones((4, 1))`` for the notebook's four rows). ``expected(**inputs)`` is the right
    answer; ``accept(answer, expected, **inputs)`` says whether an answer matches it (default: the
    same shape and the same numbers within 1e-6).
    """

    inputs: dict[str, Any]
    expected: Callable[..., Any]
    accept: Callable[..., bool] | None = field(default=None)

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: np.array(value, dtype=float) for name, value in self.inputs.items()}


#: Exercise → the variant its answer cell's code must also get right. Only exercises whose task asks
#: to compute the answer from named data with numpy; where the task asks for a number or a choice
#: (a count, a class, True/False), typing it in is a fine answer and there is no variant.
VARIANTS: dict[str, Variant] = {
    # 04: X_ex, y_ex, beta_ex are defined in the cell above the answer cell.
    "squared_gradient": Variant(
        {"X_ex": [[1.0, 1.0], [-1.0, 1.0], [2.5, 1.0]], "y_ex": [0.5, -2.0, 4.0], "beta_ex": [1.5, -0.5]},
        lambda X_ex, y_ex, beta_ex: -(2 / len(y_ex)) * X_ex.T @ (y_ex - X_ex @ beta_ex),
    ),
    # 04: X_raw comes from section 1; the task says four rows, so the variant keeps four.
    "intercept_column": Variant(
        {"X_raw": [[0.5, 3.0], [-1.0, 2.0], [4.0, -2.0], [1.5, 0.0]]},
        lambda X_raw: np.hstack([X_raw, np.ones((len(X_raw), 1))]),
        accept=_constant_column_added,
    ),
    # 06: X_b, y_b, beta are defined in the cell above the answer cell.
    "minibatch_gradient": Variant(
        {"X_b": [[1.5, 1.0], [-0.5, 1.0], [3.0, 1.0]], "y_b": [1.0, 2.5, -1.0], "beta": [0.5, -1.0]},
        lambda X_b, y_b, beta: -(2 / len(y_b)) * X_b.T @ (y_b - X_b @ beta),
    ),
    # 07: o is defined in the answer cell itself (that line is replaced by the variant's o).
    "softmax": Variant({"o": [1000.0, 998.0, 1001.5]}, _softmax),
    # 09: X_ex, W_ex, dZ_ex are defined in the answer cell itself.
    "backward_step": Variant(
        {
            "X_ex": [[2.0, -1.0], [0.5, 1.5]],
            "W_ex": [[0.1, 0.4, -0.3], [-0.6, 0.2, 0.5]],
            "dZ_ex": [[-1.0, 0.5, 0.25], [2.0, -0.5, 1.0]],
        },
        lambda X_ex, W_ex, dZ_ex: X_ex.T @ dZ_ex,
    ),
}


def _is_check_call(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "check"
    )


def _is_data_line(node: ast.stmt, names) -> bool:
    """``NAME = <constant data>`` for one of ``names``: the cell's own copy of the data (replaced)."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return False
    if node.targets[0].id not in names:
        return False
    used = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    return used <= {"np", "numpy", "float", "int"}


def _variant_problem(variant: Variant, cell_source: str, namespace: dict, transform) -> str | None:
    """Run the answer cell's code on the variant's data; None if it gets them right too."""
    names = ", ".join(variant.inputs)
    data = variant.arrays()
    expected = np.asarray(variant.expected(**data), dtype=float)
    try:
        tree = ast.parse(transform(cell_source))
    except SyntaxError as exc:  # the cell ran, so this is IPython syntax transform_cell did not cover
        return say("the code of your cell could not be run again ({error})", error=exc.msg)
    tree.body = [s for s in tree.body if not _is_check_call(s) and not _is_data_line(s, variant.inputs)]
    # Run it where the cell ran (its functions read their globals there), with the data rebound, then
    # put every name back as it was: the rest of the notebook never sees the variant.
    saved = dict(namespace)
    original = namespace.pop("answer", None)
    namespace.update(data)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(tree, "<answer cell on other data>", "exec"), namespace)
    except Exception as exc:
        return say(
            "right for the notebook's data, but the code of your cell raises {error} ({text}) "
            "when {names} hold other values of the same shapes",
            error=type(exc).__name__, text=str(exc)[:150], names=names,
        )  # fmt: skip
    else:
        if "answer" not in namespace:
            return say("right for the notebook's data, but the code of your cell does not set `answer` when run again")
        got = namespace["answer"]
    finally:
        namespace.clear()
        namespace.update(saved)
    accept = variant.accept or (lambda answer, expected, **_: _close(answer, expected))
    if accept(got, expected, **data):
        return None
    # The message never shows the variant's data or its answer: the reports go to the students.
    try:
        unchanged = _close(got, np.asarray(original, dtype=float))
    except (TypeError, ValueError):
        unchanged = False
    if unchanged:
        return say(
            "right for the notebook's data, but your cell gives the same answer whatever {names} hold: "
            "compute `answer` from {names}, not from numbers typed in",
            names=names,
        )
    return say(
        "right for the notebook's data, but not for other values of {names} (of the same shapes): "
        "compute `answer` from {names} with numpy, as the task asks",
        names=names,
    )


# --- in the student's kernel ---------------------------------------------------------------------


@contextlib.contextmanager
def fresh_helpers(helpers_dir: str | Path):
    """The instructor's ``helpers`` package, loaded anew under a private name; gone again afterwards."""
    helpers_dir = Path(helpers_dir)
    name = f"_graded_helpers_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(
        name, helpers_dir / "__init__.py", submodule_search_locations=[str(helpers_dir)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"no helpers package in {helpers_dir}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield importlib.import_module(f"{name}.exercises")
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


def grade(exercise: str, cell_source: str, helpers_dir: str | Path, namespace: dict, transform=None) -> dict:
    """The verdict on ``namespace["answer"]`` for ``exercise``: ``{"status": ..., "message": ...}``.

    ``cell_source`` is the answer cell as submitted (for the variant), ``transform`` turns IPython
    syntax into Python (the kernel's ``transform_cell``).
    """
    if "answer" not in namespace:
        return {"status": "no answer", "message": say("`answer` is not defined: the answer cell sets it")}
    with fresh_helpers(helpers_dir) as exercises:
        feedback = exercises.check(exercise, namespace["answer"])
        status, message = feedback.status, feedback.message
        variant = VARIANTS.get(exercise)
        if status == "correct" and variant is not None:
            problem = _variant_problem(variant, cell_source, namespace, transform or (lambda s: s))
            if problem:
                status, message = "wrong", problem
    return {"status": status, "message": message}


def run(exercise: str, cell_source: str, helpers_dir: str) -> dict:
    """:func:`grade` on the kernel's namespace; any failure of the test itself becomes an "error" verdict."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        namespace = shell.user_ns if shell is not None else vars(sys.modules["__main__"])
        transform = shell.transform_cell if shell is not None else None
        return grade(exercise, cell_source, helpers_dir, namespace, transform)
    except Exception as exc:
        return {"status": "error", "message": f"the hidden test could not run: {type(exc).__name__}: {exc}"}

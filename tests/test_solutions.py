"""Exercises: the answers stay closed until a learner opens them, and every solution passes its check.

Layout (docs/notebook-conventions.md): an answer cell ``answer = None  # …`` + ``check("name", answer)``,
then a markdown cell ``<details><summary>Solution</summary> … ```python …``` … </details>``. GitHub,
Colab and JupyterLab all render ``<details>`` closed, and no code cell runs a solution on Run All.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.exercises import exercise_names

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The Korean edition's solutions are the English code blocks verbatim (tests/test_translations.py), so
# running them once suffices; that they stay closed is checked in both editions.
BOTH_EDITIONS = NOTEBOOKS + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""^check\(\s*["']([a-z_]+)["']\s*,\s*answer\b""", re.MULTILINE)
PLACEHOLDER = re.compile(r"^answer = None\b.*$", re.MULTILINE)
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _exercises(nb) -> list[tuple[int, str, str]]:
    """(index of the answer cell, exercise name, solution code) for every exercise of a notebook."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"])
        match = CHECK_CALL.search(source) if cell["cell_type"] == "code" else None
        if match is None:
            continue
        after = nb["cells"][i + 1] if i + 1 < len(nb["cells"]) else None
        text = "".join(after["source"]) if after is not None else ""
        assert after is not None and after["cell_type"] == "markdown" and text.lstrip().startswith("<details>"), (
            f"cell {cell['id']}: the answer cell of {match.group(1)!r} is followed by its <details> solution"
        )
        assert re.search(r"<summary>\s*(Solution|풀이)", text) and text.rstrip().endswith("</details>"), cell["id"]
        code = SOLUTION_CODE.search(text)
        assert code is not None, f"cell {after['id']}: the solution holds a ```python block"
        found.append((i, match.group(1), code.group(1)))
    return found


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_solutions_are_closed_until_asked_for(path):
    nb = _load(path)
    exercises = _exercises(nb)
    assert len(exercises) >= 3, "each notebook has at least three self-checked exercises"
    names = [name for _, name, _ in exercises]
    assert set(names) <= set(exercise_names()), f"unknown exercise names: {set(names) - set(exercise_names())}"
    assert len(set(names)) == len(names), "each exercise is checked once"
    for cell in nb["cells"]:
        assert "solution" not in cell["metadata"].get("tags", []), f"cell {cell['id']}: a solution is not a code cell"
    for i, name, _ in exercises:
        cell = nb["cells"][i]
        assert PLACEHOLDER.search("".join(cell["source"])), f"cell {cell['id']}: the answer starts as `answer = None`"
        shown = json.dumps(cell["outputs"], ensure_ascii=False)
        assert "✓" not in shown and "…" in shown, f"cell {cell['id']}: after Run All, {name!r} waits for an answer"
    # The checks are imported where the exercises are, not in the notebook's import cell.
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert not any(re.search(r"\bcheck_\w+", "".join(c["source"])) for c in code), "exercises call check('name', …)"
    first_answer = exercises[0][0]
    imports = [i for i, c in enumerate(nb["cells"]) if "from helpers import check" in "".join(c["source"])]
    assert imports and max(imports) < first_answer and not any(i < first_answer - 8 for i in imports), (
        "`from helpers import check` opens the Exercises section"
    )


def _solved(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[int]]:
    """The notebook up to its last exercise, with each answer placeholder replaced by the solution."""
    exercises = _exercises(nb)
    for i, _, code in exercises:
        cell = nb.cells[i]
        cell.source = PLACEHOLDER.sub(lambda _, code=code: code.strip(), cell.source, count=1)
    nb.cells = nb.cells[: exercises[-1][0] + 1]
    return nb, [i for i, _, _ in exercises]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_solution_passes_its_check(path):
    nb, answer_cells = _solved(nbformat.read(path, as_version=4))
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.widget_registry = {}  # explorers draw their first picture as plain outputs, as tools/execute_notebooks.py
    client.execute()
    for i in answer_cells:
        cell = nb.cells[i]
        last = cell.outputs[-1] if cell.outputs else {}
        text = (last.get("text", "") or last.get("data", {}).get("text/plain", "")).strip()  # the check's verdict
        assert text.startswith("✓"), f"{path.name}, cell {cell.id}: the solution does not pass: {text[:300]}"

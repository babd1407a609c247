"""The shape docs/notebook-conventions.md gives every notebook: a core path of at most 30 minutes,
deep dives after the exercises, and prose that speaks of the maths, not of the test machinery."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The Korean edition's sections carry the same fixed heading words in Korean (docs/glossary.toml).
BOTH_EDITIONS = NOTEBOOKS + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
HEADING_WORDS = {
    "en": {"summary": "Summary", "exercises": "Exercises", "questions": "Questions", "deep dive": "Deep dive"},
    "ko": {"summary": "요약", "exercises": "연습문제", "questions": "질문", "deep dive": "심화"},
}
_spec = importlib.util.spec_from_file_location("reading_time", ROOT / "tools" / "reading_time.py")
reading_time = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reading_time)

CORE_MINUTES = 30
TEST_WORDS = re.compile(r"nbval|ignore-output|pytest|\bCI\b|strict mode", re.IGNORECASE)


def _headings(nb) -> list[str]:
    return [
        line
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if re.match(r"^##\s", line)
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_core_path_reads_in_30_minutes(path):
    words, code, minutes = reading_time.minutes(path)
    assert minutes <= CORE_MINUTES, (
        f"{path.name}: the core path reads in {minutes:.1f} min ({words} words, {code} code lines)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figure_code_is_at_most_a_fifth_of_the_core_path(path):
    figure, lines = reading_time.figure_share(path)
    assert figure <= lines / 5, f"{path.name}: {figure} of the core path's {lines} code lines only make figures"


def test_the_figure_count_sees_every_way_a_notebook_draws():
    import ast

    for line in ("plots.paths(run, ax=axes[0])", "fig, ax = subplots()", "ax.set_title('runs')", "plt.show()"):
        assert reading_time._is_figure(ast.parse(line)), line
    for line in ("run = gradient_descent(quad, 1.5, lr=0.1)", "explore('descent_1d')", "print(run.message)"):
        assert not reading_time._is_figure(ast.parse(line)), line


def _edition(path: Path) -> str:
    return "ko" if path.parent.name == "ko" else "en"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_sections_in_order_core_summary_exercises_deep_dives(path):
    words = HEADING_WORDS[_edition(path)]
    kinds = []
    for heading in _headings(json.loads(path.read_text(encoding="utf-8"))):
        title = heading[3:].strip()
        kind = "summary" if title == words["summary"] else None
        kind = kind or next((k for k in ("exercises", "questions", "deep dive") if title.startswith(words[k])), "core")
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    order = ["core", "summary", "exercises", "questions", "deep dive"]
    assert kinds[:3] == order[:3] and kinds == sorted(kinds, key=order.index) and len(set(kinds)) == len(kinds), (
        f"{path.name}: sections run core → Summary → Exercises → Questions → Deep dive…, got {kinds}"
    )


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_prose_has_no_test_vocabulary(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            found = TEST_WORDS.search("".join(cell["source"]))
            assert found is None, f"{path.name}, cell {cell['id']}: the prose mentions {found.group(0)!r}"


def test_reading_time_counts_what_the_rule_says():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": ["## 1. Core\n", "one two three four"]},
            {
                "cell_type": "code",
                "source": ["x = 1\n", "# a comment\n", "\n", "with course_style():\n", "    ax.plot(x)\n"],
            },
            {"cell_type": "markdown", "source": ["## Exercises\n", "skipped words here"]},
            {"cell_type": "code", "source": ["skipped = 1\n"]},
            {"cell_type": "markdown", "source": ["## Deep dive: more\n", "skipped"]},
            {"cell_type": "markdown", "source": ["### still the deep dive\n", "skipped"]},
        ]
    }
    core = reading_time.core_cells(nb)
    assert len(core) == 2
    assert reading_time.code_lines("".join(core[1]["source"])) == (2, 3)  # the with block is figure code
    assert reading_time.code_lines("for a in axes:\n    a.set_title('t')\ny = 2\n") == (2, 3)

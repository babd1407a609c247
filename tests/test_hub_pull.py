"""What a class hub's nbgitpuller does to a student's copy when the instructor pushes an update.

The flow of docs/instructors.md, run with nbgitpuller's own GitPuller (what the hub's git-pull link
calls) against a local git repository: the instructor publishes the course, a student pulls it and
works in it, the instructor pushes an update, the student pulls again. Each rule the guide states is
asserted here, the one silent loss included, so a change in nbgitpuller's behaviour fails this test
until the guide says what changed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

gitpuller = pytest.importorskip("nbgitpuller.pull", reason="the hub flow test needs nbgitpuller (requirements-test)")

ROOT = Path(__file__).resolve().parents[1]
NB = "notebooks/01_differentiation.ipynb"
NB2 = "notebooks/02_gradient_descent.ipynb"


def git(cwd: Path, *args: str) -> str:
    run = subprocess.run(
        ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu", *args],
        cwd=cwd, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return run.stdout


def edit(path: Path, change) -> None:
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def cell_sources(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells]


def pull(url: str, target: Path) -> list[str]:
    return list(gitpuller.GitPuller(url, str(target), branch="main", depth=0).pull())


@pytest.fixture
def course(tmp_path):
    """The instructor's working copy (notebooks 01 and 02, helpers/) and the bare repository students pull."""
    work = tmp_path / "instructor"
    (work / "notebooks").mkdir(parents=True)
    for name in (NB, NB2):
        shutil.copy(ROOT / name, work / name)
    shutil.copytree(ROOT / "helpers", work / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    git(work, "init", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "course")
    bare = tmp_path / "course.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    git(work, "remote", "add", "origin", str(bare))
    return work, bare


def test_an_update_reaches_the_student_without_losing_their_work(course, tmp_path):
    work, bare = course
    student = tmp_path / "student" / "gd-course"
    pull(str(bare), student)
    assert cell_sources(student / NB) == cell_sources(work / NB)

    # The student works: answers in a code cell, a note at the end, and deletes notebook 02.
    answer_at = max(i for i, s in enumerate(cell_sources(student / NB)) if 'check("derivative"' in s)
    edit(student / NB, lambda nb: setattr(nb.cells[answer_at], "source", "answer = 2 * x  # the student's answer"))
    edit(student / NB, lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("my notes")))
    (student / NB2).unlink()
    (student / "notebooks" / "my_copy.ipynb").write_text((student / NB).read_text())

    # The instructor fixes a typo near the top, appends a cell too, and changes the helpers.
    edit(work / NB, lambda nb: setattr(nb.cells[1], "source", nb.cells[1].source + "\n# fixed by the instructor"))
    edit(work / NB, lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("instructor's new closing cell")))
    version = work / "helpers" / "__init__.py"
    version.write_text(version.read_text().replace('__version__ = "', '__version__ = "updated-'))
    git(work, "commit", "-q", "-am", "update")
    git(work, "push", "-q", "origin", "main")

    pull(str(bare), student)
    sources = cell_sources(student / NB)
    assert sources[1].endswith("# fixed by the instructor")  # rule 1: an edit the student did not touch arrives
    assert sources[answer_at] == "answer = 2 * x  # the student's answer"  # rule 2: the student's edits stay
    assert "updated-" in (student / "helpers" / "__init__.py").read_text()  # rule 3: helpers/ follow the course
    assert (student / NB2).exists()  # rule 4: a deleted notebook comes back, fresh
    assert (student / "notebooks" / "my_copy.ipynb").exists()  # rule 5: the student's own files stay
    # Rule 6, the silent loss: both appended a cell at the same place (the end). git merges with
    # -Xours, the student's side wins, and the instructor's cell is dropped without a word.
    assert sources[-1] == "my notes"
    assert "instructor's new closing cell" not in sources


def test_a_new_instructor_notebook_does_not_overwrite_a_students_file_of_the_same_name(course, tmp_path):
    work, bare = course
    student = tmp_path / "student" / "gd-course"
    pull(str(bare), student)
    mine = student / "notebooks" / "10_extra.ipynb"
    mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    shutil.copy(work / NB, work / "notebooks" / "10_extra.ipynb")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "a new notebook")
    git(work, "push", "-q", "origin", "main")
    pull(str(bare), student)
    # Rule 7: the student's file is renamed with a timestamp, the instructor's takes the name.
    renamed = [p.name for p in (student / "notebooks").glob("10_extra__*.ipynb")]
    assert len(renamed) == 1 and '"cells": []' in (student / "notebooks" / renamed[0]).read_text()
    assert cell_sources(student / "notebooks" / "10_extra.ipynb") == cell_sources(work / NB)

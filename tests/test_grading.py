"""The student edition (tools/student_edition.py) and the grading command (tools/grade.py), for both
editions (notebooks/ and the Korean notebooks/ko/).

The grading tests build a small course in tmp_path: the real helpers/ and hidden tests
(grading/hidden_tests.py), and one short notebook with three exercises of notebook 04, so that a
dozen submissions grade in seconds; the same answers in its Korean edition must get the same grades.
More runs grade the real notebook 04 in both editions: its own solutions (all correct), its student
edition as handed out (no answers), and a copy of a student's whole course folder.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NB04 = ROOT / "notebooks" / "04_linear_regression.ipynb"
NB04_KO = ROOT / "notebooks" / "ko" / NB04.name
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(f"_tool_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


grade = _load_tool("grade")
student_edition = _load_tool("student_edition")


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the student edition ---------------------------------------------------------------------------


def _details(code: str, text: str = "Because.") -> str:
    return f"<details>\n<summary>Solution</summary>\n\n```python\n{code}\n```\n\n{text}\n</details>"


def test_student_notebook_removes_both_layouts_of_solutions():
    v4 = nbformat.v4
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# Title"),
            v4.new_code_cell("x = 2", outputs=[v4.new_output("stream", text="kept\n")]),
            v4.new_markdown_cell(
                "## Exercises\n\nRun each answer cell; the solution stays closed below it. Then go on.\n\n- one\n- two"
            ),
            v4.new_code_cell(
                'answer = None  # a number\ncheck("shared_node", answer)',
                outputs=[v4.new_output("execute_result", data={"text/plain": "… write your answer"})],
                execution_count=3,
            ),
            v4.new_markdown_cell(_details("answer = 7")),
            v4.new_code_cell("answer = 41  # old layout", metadata={"tags": ["solution"]}),
            v4.new_markdown_cell("A note. " + _details("answer = 8") + "\n\nMore text."),
            v4.new_markdown_cell("## Deep dive: more"),
            v4.new_code_cell("y = 3", outputs=[v4.new_output("stream", text="also kept\n")]),
        ]
    )
    out = student_edition.student_notebook(nb)
    text = json.dumps(out)
    for secret in ("answer = 7", "answer = 41", "answer = 8", "<summary>Solution", "stays closed"):
        assert secret not in text, secret
    sources = [c.source for c in out.cells]
    assert "## Exercises\n\nRun each answer cell. Then go on.\n\n- one\n- two" in sources
    assert any(s.startswith("A note.") and s.endswith("More text.") for s in sources)
    answer = next(c for c in out.cells if "check(" in c.source)
    assert answer.outputs == [] and answer.execution_count is None
    assert answer.source.startswith("answer = None")
    kept = [c.outputs[0]["text"] for c in out.cells if c.cell_type == "code" and c.outputs]
    assert kept == ["kept\n", "also kept\n"]
    assert student_edition.leftovers(out) == []
    nbformat.validate(out)


def test_student_notebook_refuses_a_filled_in_answer():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('answer = 7\ncheck("shared_node", answer)')])
    with pytest.raises(ValueError, match="answer = None"):
        student_edition.student_notebook(nb, "09_backpropagation.ipynb")


def test_student_notebook_removes_the_korean_editions_solutions():
    v4 = nbformat.v4
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# 제목"),
            v4.new_markdown_cell(
                "## 연습문제\n\n각 답 셀은 실행하면 스스로 답을 확인합니다. 풀이는 그 셀 아래에 있고, 직접 열기 전까지 "
                "닫혀 있습니다.\n\n- 하나"
            ),
            v4.new_code_cell(
                'answer = None  # a number\ncheck("shared_node", answer)',
                outputs=[v4.new_output("execute_result", data={"text/plain": "… 답을 쓰세요"})],
            ),
            v4.new_markdown_cell(
                "<details>\n<summary>풀이</summary>\n\n```python\nanswer = 7\n```\n\n이유.\n</details>"
            ),
            v4.new_markdown_cell("## 심화: 더 보기"),
        ]
    )
    out = student_edition.student_notebook(nb, "ko/09_backpropagation.ipynb")
    text = json.dumps(out, ensure_ascii=False)
    for secret in ("answer = 7", "풀이", "<details>"):
        assert secret not in text, secret
    assert "## 연습문제\n\n각 답 셀은 실행하면 스스로 답을 확인합니다.\n\n- 하나" in [c.source for c in out.cells]
    answer = next(c for c in out.cells if "check(" in c.source)
    assert answer.outputs == [] and student_edition.leftovers(out) == []


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "class"
    run = _run("tools/student_edition.py", str(out), "--notebooks", str(NB04), "--git")
    assert run.returncode == 0, run.stderr
    return out


def test_student_edition_has_no_solutions_and_runs_as_a_repository(release):
    source = nbformat.read(NB04, as_version=4)
    nb = nbformat.read(release / "notebooks" / NB04.name, as_version=4)
    nbformat.validate(nb)
    text = json.dumps(nb, ensure_ascii=False)
    solutions = [m.group(1).strip() for c in source.cells for m in SOLUTION_CODE.finditer(c.source)]
    assert len(solutions) >= 3
    for code in solutions:
        assert code not in text, f"a solution is in the student edition: {code}"
    assert "<summary>Solution" not in text and "<details>" not in text
    # Every exercise is there, blank, with its check; its outputs are cleared and the lesson's are kept.
    assert grade.exercises_of(nb) == grade.exercises_of(source)
    answers = [c for c in nb.cells if c.cell_type == "code" and grade.CHECK_CALL.search(c.source)]
    assert answers and all(c.source.startswith("answer = None") and c.outputs == [] for c in answers)
    lesson = [c for c in source.cells if c.cell_type == "code" and not grade.CHECK_CALL.search(c.source)]
    assert sum(len(c.outputs) for c in nb.cells if c.cell_type == "code") == sum(len(c.outputs) for c in lesson)
    # What a student needs, and nothing of the grading.
    for need in ("helpers/__init__.py", "helpers/exercises/regression.py", "course.toml", "pyproject.toml",
                 "requirements.txt", "constraints.txt", "environment.yml", "postBuild", "README.md"):  # fmt: skip
        assert (release / need).is_file(), need
    for absent in ("grading", "tests", "tools", "docs", "Makefile"):
        assert not (release / absent).exists(), absent
    assert not list(release.rglob("__pycache__"))
    assert "hidden" not in (release / "README.md").read_text(encoding="utf-8")
    # A git repository with one commit holding exactly the release, nothing left untracked.
    git = lambda *a: subprocess.run(["git", *a], cwd=release, capture_output=True, text=True, check=True).stdout  # noqa: E731
    assert git("status", "--porcelain") == ""
    assert len(git("log", "--oneline").splitlines()) == 1
    tracked = git("ls-files").splitlines()
    assert f"notebooks/{NB04.name}" in tracked and "helpers/exercises/__init__.py" in tracked
    assert not any(p.startswith(("grading/", "tests/", "tools/")) for p in tracked)


def test_student_edition_has_the_korean_edition_without_solutions(release):
    """notebooks/ko/ cleared as the English one is: no solution, no solution output, the lesson's outputs kept."""
    source = nbformat.read(NB04_KO, as_version=4)
    nb = nbformat.read(release / "notebooks" / "ko" / NB04.name, as_version=4)
    nbformat.validate(nb)
    text = json.dumps(nb, ensure_ascii=False)
    solutions = [m.group(1).strip() for c in source.cells for m in SOLUTION_CODE.finditer(c.source)]
    assert len(solutions) >= 3
    for code in solutions:
        assert code not in text, f"a solution is in the Korean student edition: {code}"
    assert "<details>" not in text and "<summary>" not in text and "풀이" not in text
    assert grade.edition_of(nb) == "ko", "still the Korean edition (its setup cell's language line)"
    assert grade.exercises_of(nb) == grade.exercises_of(source) == grade.exercises_of(nbformat.read(NB04, as_version=4))
    answers = [c for c in nb.cells if c.cell_type == "code" and grade.CHECK_CALL.search(c.source)]
    assert answers and all(c.source.startswith("answer = None") and c.outputs == [] for c in answers)
    lesson = [c for c in source.cells if c.cell_type == "code" and not grade.CHECK_CALL.search(c.source)]
    assert sum(len(c.outputs) for c in nb.cells if c.cell_type == "code") == sum(len(c.outputs) for c in lesson)
    # Its README (the Korean notebooks link to ../../README.ko.md) lists them; README.md points to it.
    korean = (release / "README.ko.md").read_text(encoding="utf-8")
    assert f"(notebooks/ko/{NB04.name})" in korean and "학생용" in korean and "hidden" not in korean
    assert "](README.ko.md)" in (release / "README.md").read_text(encoding="utf-8")
    tracked = subprocess.run(["git", "ls-files"], cwd=release, capture_output=True, text=True, check=True).stdout
    assert f"notebooks/ko/{NB04.name}" in tracked.splitlines() and "README.ko.md" in tracked.splitlines()


def test_student_edition_of_the_korean_edition_only_with_its_links(tmp_path, capsys):
    out = tmp_path / "class"
    assert (
        student_edition.main([str(out), "--notebooks", str(NB04_KO), "--editions", "ko", "--repo", "teacher/class"])
        == 0
    )
    assert "notebooks/ko/04_linear_regression.ipynb: 4 exercise(s)" in capsys.readouterr().out
    assert not (out / "notebooks" / NB04.name).exists() and (out / "README.ko.md").is_file()
    text = (out / "notebooks" / "ko" / NB04.name).read_text(encoding="utf-8")
    assert (
        "https://colab.research.google.com/github/teacher/class/blob/main/notebooks/ko/04_linear_regression.ipynb"
        in text
    )
    assert "git+https://github.com/teacher/class@main" in text and "gd-course/gradient-descent-course" not in text
    assert "(notebooks/ko/04_linear_regression.ipynb)" in (out / "README.md").read_text(encoding="utf-8")
    message = _refused(student_edition, [str(tmp_path / "new"), "--editions", "fr"], capsys)
    assert "--editions must name en and/or ko, got 'fr'" in message


def test_student_edition_is_pulled_and_updated_by_nbgitpuller(release, tmp_path, capsys):
    """The first release pushed as it is, an update as docs/grading.md says: a new release into an
    empty folder, the class repository's .git moved into it, one commit. A student's answer survives."""
    gitpuller = pytest.importorskip("nbgitpuller.pull", reason="needs nbgitpuller (requirements-test)")
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu"]
    bare = tmp_path / "class.git"
    subprocess.run([*git, "clone", "-q", "--bare", str(release), str(bare)], check=True)
    home = tmp_path / "home" / "gd-course"
    list(gitpuller.GitPuller(str(bare), str(home), branch="main", depth=0).pull())
    mine = home / "notebooks" / NB04.name
    nb = nbformat.read(mine, as_version=4)
    answer = next(c for c in nb.cells if grade.CHECK_CALL.search(c.source))
    answer.source = answer.source.replace("answer = None", "answer = [1.0, 2.0]", 1)
    nbformat.write(nb, mine)

    work = tmp_path / "work"
    subprocess.run([*git, "clone", "-q", str(bare), str(work)], check=True)
    update = tmp_path / "update"
    nb01 = ROOT / "notebooks" / "01_differentiation.ipynb"
    assert student_edition.main([str(update), "--notebooks", str(NB04), str(nb01)]) == 0
    capsys.readouterr()
    shutil.move(str(work / ".git"), str(update / ".git"))
    subprocess.run([*git, "add", "--all"], cwd=update, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Notebook 01"], cwd=update, check=True)
    subprocess.run([*git, "push", "-q", "origin", "main"], cwd=update, check=True)
    list(gitpuller.GitPuller(str(bare), str(home), branch="main", depth=0).pull())
    assert (home / "notebooks" / nb01.name).is_file()
    assert "answer = [1.0, 2.0]" in mine.read_text(encoding="utf-8")


def _refused(tool, args: list[str], capsys) -> str:
    """The error message of a command that must refuse its arguments (exit status 2)."""
    with pytest.raises(SystemExit) as stop:
        tool.main(args)
    assert stop.value.code == 2
    return capsys.readouterr().err


def test_student_edition_refuses_a_bad_out_dir(tmp_path, capsys):
    inside = ROOT / "build" / "class"
    message = _refused(student_edition, [str(inside)], capsys)
    assert "OUT_DIR must be outside the course's repository" in message and repr(str(inside)) in message
    assert not inside.exists()
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    message = _refused(student_edition, [str(full)], capsys)
    assert "OUT_DIR must be empty" in message and repr(str(full)) in message
    assert [p.name for p in full.iterdir()] == ["notes.txt"]
    message = _refused(student_edition, [str(tmp_path / "new"), "--notebooks", "README.md"], capsys)
    assert "--notebooks must name .ipynb files, got 'README.md'" in message
    message = _refused(student_edition, [str(tmp_path / "new"), "--repo", "not a repo"], capsys)
    assert "--repo must look like OWNER/NAME, got 'not a repo'" in message
    assert not (tmp_path / "new").exists()


# --- grading: a small course -------------------------------------------------------------------------

SOLUTIONS = {
    "squared_gradient": "answer = -(2 / len(y_ex)) * X_ex.T @ (y_ex - X_ex @ beta_ex)",
    "intercept_column": "answer = np.hstack([X_raw, np.ones((4, 1))])",
    "lr_and_steps": "answer = (0.05, 700)",
}
WRONG = {
    "squared_gradient": "answer = -X_ex.T @ (y_ex - X_ex @ beta_ex)",  # the 2/n is missing
    "intercept_column": "answer = [[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]]",  # right numbers, typed in
    "lr_and_steps": 'answer = "fast"',
}
NAME = "01_tiny_regression.ipynb"


def _setup_cell(lang: str = "en") -> str:
    """The real notebooks' setup cell: it puts the nearest course folder's helpers first on sys.path,
    and its language line chooses the edition (the Korean one's says "ko")."""
    nb = nbformat.read(NB04_KO if lang == "ko" else NB04, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


def _tiny_notebook(answers: dict[str, str], *, extra: list[str] = (), lang: str = "en") -> nbformat.NotebookNode:
    """The tiny course's notebook with ``answers``; ``lang="ko"``: its Korean edition (the same code
    but the setup cell's language line, the prose in Korean)."""
    v4 = nbformat.v4
    korean = lang == "ko"
    cells = [
        v4.new_markdown_cell("# 작은 회귀" if korean else "# Tiny regression"),
        v4.new_code_cell(_setup_cell(lang)),
        v4.new_code_cell("import numpy as np\n\nX_raw = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], dtype=float)"),
        *[v4.new_code_cell(code) for code in extra],
        v4.new_markdown_cell("## 연습문제" if korean else "## Exercises"),
        v4.new_code_cell("from helpers import check"),
        v4.new_code_cell(
            "X_ex = np.array([[1.0, 1.0], [2.0, 1.0], [3.0, 1.0]])\ny_ex = np.array([2.0, 3.0, 5.0])\n"
            "beta_ex = np.array([0.5, 1.0])"
        ),
    ]
    for name in SOLUTIONS:
        cells.append(v4.new_code_cell(f'{answers.get(name, "answer = None  # ...")}\ncheck("{name}", answer)'))
        details = _details(SOLUTIONS[name], "이유." if korean else "Because.")
        cells.append(v4.new_markdown_cell(details.replace("Solution", "풀이") if korean else details))
    return v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})


PROBE = """\
import socket
import subprocess
import sys

try:
    socket.create_connection(("127.0.0.1", PORT), timeout=2).close()
    print("kernel: reached")
except OSError as exc:
    print(f"kernel: blocked ({type(exc).__name__})")
child = "import socket; socket.create_connection(('127.0.0.1', PORT), timeout=2).close()"
print("child:", "reached" if subprocess.run([sys.executable, "-c", child]).returncode == 0 else "blocked")
"""


@pytest.fixture
def tiny_course(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "helpers", course / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "course.toml", course / "course.toml")
    (course / "grading").mkdir()
    shutil.copy2(ROOT / "grading" / "hidden_tests.py", course / "grading" / "hidden_tests.py")
    (course / "notebooks").mkdir()
    nbformat.write(_tiny_notebook({}), course / "notebooks" / NAME)
    return course


def _submit(folder: Path, student: str, nb, name: str = NAME) -> None:
    """``nb`` handed in by ``student`` as ``name`` (a path in their folder, such as gd-course/notebooks/ko/NAME)."""
    target = folder / student / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


@pytest.fixture
def listening():
    """A TCP port on 127.0.0.1 that accepts connections: a probe that reaches it had network."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


def test_grading_correct_wrong_blank_and_broken_submissions(tiny_course, tmp_path, listening):
    subs = tmp_path / "submissions"
    _submit(subs, "alice", _tiny_notebook(SOLUTIONS))
    _submit(subs, "bob", _tiny_notebook(WRONG))
    _submit(subs, "carol", _tiny_notebook({}))
    broken = {"squared_gradient": "answer = 1 / 0", "intercept_column": "while True:\n    pass"}
    _submit(subs, "dave", _tiny_notebook(broken, extra=[PROBE.replace("PORT", str(listening))]))
    dies = {**SOLUTIONS, "intercept_column": "import os\n\nos._exit(1)"}
    _submit(subs, "erin", _tiny_notebook(dies))
    reads_key = {
        **SOLUTIONS,
        "lr_and_steps": "from helpers.exercises.regression import steps_needed\nanswer = (0.05, 700)",
    }
    _submit(subs, "frank", _tiny_notebook(reads_key))
    (subs / "gina").mkdir()
    (subs / "gina" / NAME).write_text("{ this is not a notebook")
    (subs / "henry").mkdir()
    (subs / "henry" / "notes.txt").write_text("I forgot")

    out = tmp_path / "results" / "results.csv"
    run = _run("tools/grade.py", str(subs), "--out", str(out), "--timeout", "6", "--jobs", "2",
               "--course", str(tiny_course))  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    rows = _read_csv(out)
    assert list(rows[0]) == ["student", "notebook", "exercise", "status", "points", "message", "edition"]
    got = {(r["student"], r["exercise"]): r["status"] for r in rows}
    expected = {
        "alice": ["correct", "correct", "correct"],
        "bob": ["wrong", "wrong", "unreadable"],
        "carol": ["no answer"] * 3,
        "dave": ["error", "timeout", "timeout"],
        "erin": ["correct", "error", "error"],
        "frank": ["wrong"] * 3,
        "gina": ["unreadable"] * 3,
        "henry": ["no answer"] * 3,
    }
    assert got == {(s, ex): st for s, sts in expected.items() for ex, st in zip(SOLUTIONS, sts)}
    assert len(rows) == 24 and {r["notebook"] for r in rows} == {NAME}
    assert [r["points"] for r in rows if r["student"] == "alice"] == ["1", "1", "1"]
    assert all(r["points"] == "0" for r in rows if r["status"] != "correct")

    message = {(r["student"], r["exercise"]): r["message"] for r in rows}
    assert "2/n" in message["bob", "squared_gradient"]
    assert "the same answer whatever X_raw hold" in message["bob", "intercept_column"]
    assert "ZeroDivisionError" in message["dave", "squared_gradient"]
    assert "time limit of 6 s in cell 10" in message["dave", "intercept_column"]
    assert "kernel died in cell 9" in message["erin", "intercept_column"]
    assert "helpers.exercises" in message["frank", "squared_gradient"]
    assert "not a notebook" in message["gina", "squared_gradient"]
    assert message["henry", "squared_gradient"] == "not submitted"
    assert "write your answer" in message["carol", "squared_gradient"]

    reports = tmp_path / "results" / "reports"
    assert sorted(p.stem for p in reports.glob("*.md")) == sorted(expected)
    assert (reports / "alice.md").read_text(encoding="utf-8").startswith("# alice: 3 of 3 points")
    assert "time limit" in (reports / "dave.md").read_text(encoding="utf-8")

    # The executed notebook is the student's, without the hidden cells or their verdicts.
    executed = nbformat.read(tmp_path / "results" / "executed" / "dave" / NAME, as_version=4)
    nbformat.validate(executed)
    assert len(executed.cells) == len(_tiny_notebook(broken, extra=[PROBE]).cells)
    text = json.dumps(executed)
    assert "@@grade-" not in text and "hidden_tests" not in text and "_grading_guard" not in text
    probe = "".join(o.get("text", "") for c in executed.cells if "socket" in c.source for o in c.outputs)
    assert "kernel: blocked (PermissionError)" in probe
    if "network namespace" in run.stdout:  # unshare worked: not even a child process has network
        assert "child: blocked" in probe


def test_the_korean_edition_gets_the_same_grades_for_the_same_answers(tiny_course, tmp_path):
    """The same answers in the English and the Korean edition: the same statuses and points, Korean
    messages for the Korean one. A copy of the whole course folder (both editions, one answered) is
    graded on the answered one; with both answered, on the better one."""
    subs = tmp_path / "submissions"
    _submit(subs, "en-right", _tiny_notebook(SOLUTIONS))
    _submit(subs, "ko-right", _tiny_notebook(SOLUTIONS, lang="ko"), f"ko/{NAME}")
    _submit(subs, "en-wrong", _tiny_notebook(WRONG))
    _submit(subs, "ko-wrong", _tiny_notebook(WRONG, lang="ko"), NAME)  # known by its setup cell alone
    _submit(subs, "whole-folder", _tiny_notebook({}), f"gd-course/notebooks/{NAME}")
    _submit(subs, "whole-folder", _tiny_notebook(SOLUTIONS, lang="ko"), f"gd-course/notebooks/ko/{NAME}")
    _submit(subs, "both-answered", _tiny_notebook(WRONG), f"gd-course/notebooks/{NAME}")
    _submit(subs, "both-answered", _tiny_notebook(SOLUTIONS, lang="ko"), f"gd-course/notebooks/ko/{NAME}")
    out = tmp_path / "results" / "results.csv"
    run = _run("tools/grade.py", str(subs), "--out", str(out), "--jobs", "2", "--course", str(tiny_course))
    assert run.returncode == 0, run.stdout + run.stderr
    rows = _read_csv(out)
    assert list(rows[0]) == grade.FIELDS and grade.FIELDS[-1] == "edition"
    by = {s: [r for r in rows if r["student"] == s] for s in {r["student"] for r in rows}}

    def grades(student):
        return [(r["exercise"], r["status"], r["points"]) for r in by[student]]

    assert grades("en-right") == grades("ko-right") == [(ex, "correct", "1") for ex in SOLUTIONS]
    assert grades("en-wrong") == grades("ko-wrong")
    assert [st for _, st, _ in grades("ko-wrong")] == ["wrong", "wrong", "unreadable"]
    assert grades("whole-folder") == grades("both-answered") == grades("ko-right")
    assert {r["edition"] for s in ("ko-right", "ko-wrong", "whole-folder", "both-answered") for r in by[s]} == {"ko"}
    assert {r["edition"] for s in ("en-right", "en-wrong") for r in by[s]} == {"en"}
    # The Korean edition's messages are Korean (the checks' and the hidden tests' own), the English ones English.
    for student in ("ko-right", "ko-wrong"):
        assert all(HANGUL.search(r["message"]) for r in by[student]), by[student]
    assert not any(HANGUL.search(r["message"]) for s in ("en-right", "en-wrong") for r in by[s])
    typed_in = {r["exercise"]: r["message"] for r in by["ko-wrong"]}["intercept_column"]
    assert "직접 입력한 숫자가 아니라 X_raw의 값으로" in typed_in, typed_in
    # What was run, and what the reports say.
    executed = tmp_path / "results" / "executed"
    assert (executed / "ko-right" / "ko" / NAME).is_file() and (executed / "en-right" / NAME).is_file()
    assert not (executed / "whole-folder" / NAME).exists(), "the copy without answers is not run"
    assert (executed / "both-answered" / NAME).is_file() and (executed / "both-answered" / "ko" / NAME).is_file()
    reports = tmp_path / "results" / "reports"
    text = (reports / "whole-folder.md").read_text(encoding="utf-8")
    assert text.startswith("# whole-folder: 3 of 3 points") and "(한국어판, the Korean edition)" in text
    assert f"the English edition (gd-course/notebooks/{NAME}) has no answers: not graded" in text
    text = (reports / "both-answered.md").read_text(encoding="utf-8")
    assert "the English edition (gd-course/notebooks/" in text and "the better one counts" in text


def test_edition_of_a_notebook_by_its_setup_cell_or_its_folder():
    ko, en = _tiny_notebook({}, lang="ko"), _tiny_notebook({})
    assert grade.edition_of(ko, Path("s/notebooks") / NAME) == "ko"
    assert grade.edition_of(en, Path("s/notebooks/ko") / NAME) == "en", "the setup cell decides"
    no_line = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    assert grade.edition_of(no_line, Path("s/notebooks/ko") / NAME) == "ko"
    assert grade.edition_of(None, Path("s/notebooks") / NAME) == "en"


def test_grade_refuses_a_korean_edition_with_other_exercises(tiny_course, tmp_path, capsys):
    (tiny_course / "notebooks" / "ko").mkdir()
    nb = _tiny_notebook({}, lang="ko")
    nb.cells = [c for c in nb.cells if 'check("lr_and_steps"' not in c.source]
    nbformat.write(nb, tiny_course / "notebooks" / "ko" / NAME)
    message = _refused(grade, ["--solutions", "--out", str(tmp_path / "r.csv"), "--course", str(tiny_course)], capsys)
    assert f"notebooks/ko/{NAME} has the exercises ['squared_gradient', 'intercept_column']" in message


def test_grading_without_a_namespace_still_refuses_the_kernel_network(tiny_course, tmp_path, listening):
    subs = tmp_path / "submissions"
    _submit(subs, "dave", _tiny_notebook(SOLUTIONS, extra=[PROBE.replace("PORT", str(listening))]))
    out = tmp_path / "results" / "results.csv"
    run = _run("tools/grade.py", str(subs), "--out", str(out), "--course", str(tiny_course), "--isolation", "python")
    assert run.returncode == 0, run.stdout + run.stderr
    assert [r["status"] for r in _read_csv(out)] == ["correct"] * 3
    executed = nbformat.read(tmp_path / "results" / "executed" / "dave" / NAME, as_version=4)
    probe = "".join(o.get("text", "") for c in executed.cells if "socket" in c.source for o in c.outputs)
    # Python's sockets are refused in the kernel; a child process is not covered (docs/grading.md says so).
    assert "kernel: blocked (PermissionError)" in probe and "child: reached" in probe


def test_grading_the_real_notebook_04(release, tmp_path):
    """Its solutions in both editions, the student edition as handed out (both editions, a copy of
    the whole folder), and that copy with the Korean edition answered."""
    subs = tmp_path / "submissions"
    _submit(subs, "key", grade.solved(nbformat.read(NB04, as_version=4)), NB04.name)
    _submit(subs, "key-ko", grade.solved(nbformat.read(NB04_KO, as_version=4)), f"ko/{NB04.name}")
    for student in ("handed-out", "ko-class"):  # a copy of the whole folder
        shutil.copytree(release / "notebooks", subs / student / "gd-course" / "notebooks")
    solved_ko = grade.solved(nbformat.read(NB04_KO, as_version=4))
    _submit(subs, "ko-class", solved_ko, f"gd-course/notebooks/ko/{NB04.name}")
    out = tmp_path / "results.csv"
    run = _run("tools/grade.py", str(subs), "--out", str(out), "--jobs", "2")
    assert run.returncode == 0, run.stdout + run.stderr
    rows = _read_csv(out)
    names = grade.exercises_of(nbformat.read(NB04, as_version=4))
    students = ("handed-out", "key", "key-ko", "ko-class")
    assert [(r["student"], r["exercise"]) for r in rows] == [(s, n) for s in students for n in names]
    for student in ("key", "key-ko", "ko-class"):
        assert [(r["status"], r["points"]) for r in rows if r["student"] == student] == [("correct", "1")] * len(names)
    assert {r["status"] for r in rows if r["student"] == "handed-out"} == {"no answer"}, rows
    assert {r["edition"] for r in rows if r["student"] in ("key-ko", "ko-class")} == {"ko"}


def test_grade_solutions_covers_both_editions(tmp_path):
    out = tmp_path / "solutions" / "results.csv"
    run = _run("tools/grade.py", "--solutions", "--notebooks", NB04.name, "--out", str(out), "--jobs", "2")
    assert run.returncode == 0, run.stdout + run.stderr
    rows = _read_csv(out)
    names = grade.exercises_of(nbformat.read(NB04, as_version=4))
    assert [(r["student"], r["edition"], r["exercise"], r["status"]) for r in rows] == [
        (student, edition, name, "correct") for student, edition in (("solutions", "en"), ("solutions-ko", "ko"))
        for name in names
    ]  # fmt: skip
    assert (tmp_path / "solutions" / "executed" / "solutions-ko" / "ko" / NB04.name).is_file()


def test_grade_refuses_bad_arguments(tmp_path, capsys):
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    csv_out = str(tmp_path / "r.csv")
    cases = [
        (
            [str(tmp_path / "missing"), "--out", csv_out],
            "SUBMISSIONS_DIR must be a folder with one folder per student, got",
        ),
        ([str(subs), "--out", csv_out, "--timeout", "0"], "--timeout must be a positive number of seconds, got 0"),
        ([str(subs), "--out", str(tmp_path / "r.txt")], "--out must be a .csv file, got"),
        ([str(subs), "--out", str(subs / "r.csv")], "--out must be outside SUBMISSIONS_DIR, got"),
        ([str(subs), "--out", csv_out, "--notebooks", "10_extra.ipynb"], "got '10_extra.ipynb'"),
        ([str(subs), "--out", csv_out], "holds a course notebook"),
        (["--out", csv_out], "give SUBMISSIONS_DIR, or --solutions"),
        ([str(subs), "--out", csv_out, "--jobs", "0"], "--jobs must be at least 1, got 0"),
        ([str(subs), "--out", csv_out, "--course", str(tmp_path)], "--course must be a course folder holding"),
    ]
    for args, phrase in cases:
        message = _refused(grade, args, capsys)
        assert phrase in message, (args, message)
    assert not (tmp_path / "r.csv").exists()


def test_hidden_tests_cover_every_exercise_and_their_variants_hold():
    """Each variant's data keep the notebook's shapes, and each variant's expected answer is what the
    exercise's own check accepts for the notebook's data when computed the same way."""
    tests = grade.load_tests(ROOT / "grading" / "hidden_tests.py")
    from helpers.exercises import exercise_names

    assert set(tests.VARIANTS) <= set(exercise_names())
    assert all(tests.points(name) > 0 for name in exercise_names())
    assert tests.source_problem("from helpers import check\nanswer = 1") is None
    assert "helpers.exercises" in tests.source_problem("import helpers.exercises.regression as r")
    for name, variant in tests.VARIANTS.items():
        expected = variant.expected(**variant.arrays())
        accept = variant.accept or (lambda a, e, **_: tests._close(a, e))
        assert accept(expected, expected, **variant.arrays()), name
        assert not accept(expected + 1.0, expected, **variant.arrays()), name


def test_hidden_tests_messages_have_their_korean():
    """Every message of the hidden tests (say("...")) has its Korean, with the same fields."""
    import ast
    import string

    tests = grade.load_tests(ROOT / "grading" / "hidden_tests.py")
    tree = ast.parse((ROOT / "grading" / "hidden_tests.py").read_text(encoding="utf-8"))
    said = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say"
    ]
    assert len(said) >= 6 and all(isinstance(t, str) for t in said)
    fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)  # noqa: E731
    for template in said:
        assert template in tests.KOREAN, template
        assert fields(tests.KOREAN[template]) == fields(template), template
        assert HANGUL.search(tests.KOREAN[template])


def test_hidden_test_gives_the_same_verdict_in_korean():
    import numpy as np

    from helpers.i18n import edition

    tests = grade.load_tests(ROOT / "grading" / "hidden_tests.py")
    X_raw = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], dtype=float)
    verdicts = {}
    for lang in ("en", "ko"):
        for source in (
            "answer = np.hstack([X_raw, np.ones((4, 1))])",
            "answer = [[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]]",
        ):
            namespace = {"np": np, "X_raw": X_raw}
            exec(source, namespace)
            with edition(lang):
                verdicts[lang, source] = tests.grade("intercept_column", source, ROOT / "helpers", namespace)
    for (lang, source), verdict in verdicts.items():
        assert verdict["status"] == verdicts["en", source]["status"]
        assert bool(HANGUL.search(verdict["message"])) == (lang == "ko"), verdict
    assert [v["status"] for (lang, _), v in verdicts.items() if lang == "ko"] == ["correct", "wrong"]


def test_hidden_test_runs_the_answer_cell_again_on_other_data(monkeypatch):
    """grade() in-process, on a namespace as the kernel would hold it (no kernel needed)."""
    import numpy as np

    import helpers.exercises

    tests = grade.load_tests(ROOT / "grading" / "hidden_tests.py")
    X_raw = np.array([[1, 1], [1, 2], [2, 2], [2, 3]], dtype=float)

    def verdict(exercise, source, **names):
        namespace = {"np": np, "X_raw": X_raw, **names}
        exec(source, namespace)  # the answer cell, as the kernel ran it
        before = dict(namespace)
        result = tests.grade(exercise, source, ROOT / "helpers", namespace)
        assert namespace.keys() == before.keys() and all(namespace[k] is before[k] for k in before)
        return result["status"], result["message"]

    computed = "answer = np.hstack([X_raw, np.ones((4, 1))])"
    assert verdict("intercept_column", computed)[0] == "correct"
    typed = "answer = [[1, 1, 1], [1, 2, 1], [2, 2, 1], [2, 3, 1]]"
    assert verdict("intercept_column", typed) == (
        "wrong",
        "right for the notebook's data, but your cell gives the same answer whatever X_raw hold: "
        "compute `answer` from X_raw, not from numbers typed in",
    )
    only_here = "answer = np.hstack([X_raw, np.ones((4, 1))]) * float(X_raw[0, 0] == 1)"
    status, message = verdict("intercept_column", only_here)
    assert status == "wrong" and "not for other values of X_raw" in message and "0.5" not in message
    raises = "answer = np.hstack([X_raw, np.ones((4, 1))]) if X_raw[0, 0] == 1 else 1 / 0"
    assert "raises ZeroDivisionError" in verdict("intercept_column", raises)[1]
    # The data line inside the answer cell is replaced by the variant's data (07's softmax).
    softmax = "o = np.array([800.0, 801.5, 799.0])\ne = np.exp(o - o.max())\nanswer = e / e.sum()"
    assert verdict("softmax", softmax)[0] == "correct"
    typed = "answer = [0.17095278019779026, 0.7661572065563422, 0.0628900132458675]"
    assert "the same answer whatever o hold" in verdict("softmax", typed)[1]
    # A notebook that fooled its own check is still graded by a fresh copy of it.
    monkeypatch.setattr(helpers.exercises, "check", lambda *a, **k: helpers.exercises.Feedback("correct", "yes"))
    assert verdict("shared_node", "answer = 6")[0] == "wrong"
    assert tests.grade("shared_node", "", ROOT / "helpers", {})["status"] == "no answer"

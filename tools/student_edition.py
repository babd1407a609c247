"""Write the student edition of the course: the notebooks without their solutions, ready to push for a class.

    python tools/student_edition.py OUT_DIR [--notebooks notebooks/04_linear_regression.ipynb ...]
        [--editions en ko] [--git] [--repo OWNER/NAME] [--branch BRANCH]

OUT_DIR must be outside this repository and empty (or not exist yet). It receives:

* notebooks/ (the English edition) and notebooks/ko/ (the Korean edition, 한국어판): every solution
  removed (the ``<details><summary>Solution`` or ``<summary>풀이`` cells that follow the answer cells,
  and any cell tagged "solution"), the sentences of the Exercises (연습문제) section that point to
  them, every answer left as ``answer = None …`` with its ``check("name", answer)`` in place, and the
  outputs of the answer cells cleared. All other outputs stay, so the lesson reads without a kernel.
* helpers/ (the checks included: the notebooks call them), course.toml, pyproject.toml, the
  requirements and constraints, environment.yml and postBuild (Binder), a README for students
  (README.md, and README.ko.md with the Korean edition) and a .gitignore. Not grading/ (the hidden
  tests), tests/, tools/ or the instructor's docs.

``--notebooks`` picks notebooks by file name, from either folder: ``notebooks/ko/04_….ipynb`` and
``notebooks/04_….ipynb`` both mean notebook 04, released in every edition of ``--editions``
(default: both; ``--editions ko`` for a class that reads only the Korean edition). A notebook that
has no file in an edition is left out of it, with a note.

``--git`` makes OUT_DIR a git repository with the release as its first commit, on course.toml's
branch (or ``--branch``): push it where the class's nbgitpuller link points. ``--repo OWNER/NAME``
re-points the release's Colab badges and Colab setup cells (and its course.toml) at the GitHub
repository the release will live in; without it they point at course.toml's repository.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links  # noqa: E402  (tools/links.py: the course's titles and its link rules)

ROOT = Path(__file__).resolve().parents[1]
#: Copied as they are: what a student needs to run the notebooks, locally, on a hub or on Binder.
FILES = ["course.toml", "pyproject.toml", "requirements.txt", "constraints.txt", "environment.yml", "postBuild"]
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([A-Za-z_]\w*)["']\s*,\s*answer\b""")
OLD_CHECK_CALL = re.compile(r"\bcheck_\w+\(\s*answer\b")  # the old layout's check_name(answer)
PLACEHOLDER = re.compile(r"^answer = None\b", re.MULTILINE)
#: The summaries a solution's <details> cell opens with, in both editions (as tools/build_site.py).
SOLUTION_SUMMARY = r"<summary>\s*(?:Solution|풀이|해답|정답)"
SOLUTION_BLOCK = re.compile(rf"<details>\s*{SOLUTION_SUMMARY}.*?</details>\s*", re.DOTALL | re.IGNORECASE)
#: A sentence that points to the solutions (English "solution", Korean 풀이 or 해답).
SOLUTION_WORD = re.compile(r"\bsolutions?\b|풀이|해답", re.IGNORECASE)
#: The heading of the Exercises section in each edition.
EXERCISES_HEADINGS = ("## Exercises", "## 연습문제")
#: The editions: the folder of each under notebooks/ (tools/links.py: ``ko/NN_name.ipynb``).
EDITIONS = {"en": "", "ko": links.KOREAN}

GITIGNORE = """\
.venv/
__pycache__/
*.egg-info/
build/
.ipynb_checkpoints/
"""


def is_answer_cell(cell) -> bool:
    return cell.cell_type == "code" and bool(CHECK_CALL.search(cell.source) or OLD_CHECK_CALL.search(cell.source))


def _without_solution_sentences(text: str) -> str:
    """The Exercises heading cell without the sentences (or the clauses, between semicolons) that say
    where the solutions are."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.lstrip().startswith("#") or not SOLUTION_WORD.search(paragraph):
            kept.append(paragraph)  # kept as written (a list stays a list)
            continue
        sentences = []
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
            clauses = [c for c in re.split(r";\s+", sentence) if not SOLUTION_WORD.search(c)]
            if clauses:
                sentence = "; ".join(clauses)
                sentences.append(sentence if sentence[-1] in ".!?" else sentence + ".")
        if sentences:
            kept.append(" ".join(sentences))
    return "\n\n".join(kept)


def student_notebook(nb, name: str = "notebook"):
    """The student version of one notebook (changed in place and returned).

    Raises ValueError when an answer cell of the new layout holds something other than the
    ``answer = None`` placeholder: a release must not hand out a filled-in answer.
    """
    cells = []
    in_exercises = False
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            continue  # the old layout: a solution code cell (or any cell tagged so)
        if cell.cell_type == "markdown":
            if cell.source.lstrip().startswith("## "):
                in_exercises = cell.source.lstrip().startswith(EXERCISES_HEADINGS)
                if in_exercises:
                    cell.source = _without_solution_sentences(cell.source)
            if SOLUTION_BLOCK.search(cell.source):
                cell.source = SOLUTION_BLOCK.sub("", cell.source).rstrip()
                if not cell.source.strip():
                    continue
        elif cell.cell_type == "code" and is_answer_cell(cell):
            # Only the answer cells are cleared: a task's data cell keeps what it prints (the task may
            # refer to it), and the lesson's outputs stay so that it reads without a kernel.
            if CHECK_CALL.search(cell.source) and not PLACEHOLDER.search(cell.source):
                raise ValueError(
                    f"{name}: the answer cell {cell.get('id', '?')} has no `answer = None` line; "
                    "a student edition must not hand out an answer"
                )
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    return nb


def leftovers(nb) -> list[str]:
    """What of a solution is still in a student notebook (empty when it is clean)."""
    found = []
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            found.append(f"cell {cell.get('id', '?')} is tagged solution")
        if cell.cell_type == "markdown" and re.search(SOLUTION_SUMMARY, cell.source, re.IGNORECASE):
            found.append(f"cell {cell.get('id', '?')} holds a <summary>Solution block")
        if is_answer_cell(cell) and cell.get("outputs"):
            found.append(f"answer cell {cell.get('id', '?')} keeps its outputs")
    return found


def _intro(text: str) -> str:
    """A README's first paragraph of prose: not its title, not its English · 한국어 switch line."""
    for paragraph in text.split("\n\n")[1:]:
        paragraph = paragraph.strip()
        if paragraph and not paragraph.startswith(("#", "<!--")) and "README" not in paragraph:
            return paragraph
    return ""


def _rows(names: list[str], lang: str, folder: str) -> list[str]:
    """The README's notebook table rows, linking to ``notebooks/{folder}NAME``."""
    known = {s[0] for s in links.SECTIONS}
    rows = []
    for file, title, korean, what in links.SECTIONS:
        if file in names:
            if lang == links.KOREAN:
                rows.append(
                    f"| {file[:2]} | [{korean}](notebooks/{folder}{file}) | {title} | {links.KOREAN_WHAT[file]} |"
                )
            else:
                rows.append(f"| {file[:2]} | [{title}](notebooks/{folder}{file}) | {korean} | {what} |")
    return rows + [f"| | [{n}](notebooks/{folder}{n}) | | |" for n in names if n not in known]


def readme(names: list[str], lang: str = "en", editions: tuple[str, ...] = ("en",)) -> str:
    """The release's README in ``lang`` (README.md in English, README.ko.md in Korean): what the course
    is, its notebooks (``names``), how to run them, how the exercises work. ``editions``: those released."""
    korean = lang == links.KOREAN
    text = (ROOT / ("README.ko.md" if korean else "README.md")).read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    intro = _intro(text)
    # The table links to this README's own edition, or to the one released when that one is not.
    folder = f"{links.KOREAN}/" if (korean and "ko" in editions) or "en" not in editions else ""
    rows = "\n".join(_rows(names, lang, folder))
    if korean:
        title = title.replace("(한국어판)", "").strip()
        return f"""# {title}: 학생용 (한국어판)

{"[English](README.md) · **한국어**" if "en" in editions else "**한국어** · [English README](README.md)"}

{intro}

이 저장소는 여러분 반의 강좌 사본입니다: 연습문제에 풀이가 들어 있지 않습니다.

| # | 노트북 | English | 무엇을 하나 |
|---|---|---|---|
{rows}

## 실행하기

수업용 JupyterHub에서는 강사가 준 링크를 여세요: 처음 열면 이 폴더를 여러분의 홈 폴더에 복사하고, 그 뒤로
열 때마다 여러분의 답은 그대로 둔 채 강사가 고친 내용을 가져옵니다.

자신의 컴퓨터에서는 Python 3.10 이상으로:

```bash
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt -c constraints.txt && pip install --no-deps -e .
jupyter lab notebooks/{folder}
```

conda를 쓴다면 `conda env create -f environment.yml && conda activate gd-course`를 실행한 뒤
`pip install --no-deps -e .`와 `jupyter lab notebooks/{folder}`를 실행합니다.

## 연습문제

연습문제마다 답 셀이 있습니다: `None`을 여러분의 답으로 바꾸고 셀을 실행하세요. `check(...)`가 무엇이
맞았는지, 또는 무엇이 어긋났는지 알려 줍니다. 강사는 여러분이 제출한 노트북을 강사만의 테스트로 채점하며,
각 노트북을 새 커널에서 처음부터 실행합니다: 제출하기 전에 Kernel → Restart Kernel and Run All Cells를
실행해서 모든 셀이 실행되는지 확인하세요. 한국어판과 영어판은 같은 기준으로 채점됩니다: 노트북 하나는 한
판에서만 푸세요.
"""
    switch = "**English** · [한국어판 (Korean edition)](README.ko.md)\n\n" if "ko" in editions else ""
    where = (
        "The Korean edition (한국어판) is in `notebooks/ko/`, with [README.ko.md](README.ko.md); both\n"
        "editions are graded alike: answer each notebook in one of them.\n\n"
        if "ko" in editions and "en" in editions
        else ""
    )
    return f"""# {title}: student edition

{switch}{intro}

This is your class's copy of the course: the exercises come without their solutions.

{where}| # | Notebook | 강의 | What you do |
|---|---|---|---|
{rows}

## Run it

On your class's JupyterHub, open the link your instructor gave you: it copies this folder into your
home the first time and brings in your instructor's updates on every later click, keeping your own
answers.

On your own computer, with Python 3.10 or newer:

```bash
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt -c constraints.txt && pip install --no-deps -e .
jupyter lab notebooks/{folder}
```

With conda: `conda env create -f environment.yml && conda activate gd-course`, then
`pip install --no-deps -e .` and `jupyter lab notebooks/{folder}`.

## Exercises

Each exercise has an answer cell: replace `None` with your answer and run the cell; `check(...)` says
what is right or what is off. Your instructor grades the notebooks you hand in with tests of their
own, running each notebook from the top in a fresh kernel: before you hand one in, run
Kernel → Restart Kernel and Run All Cells, and see that every cell runs.
"""


def _problem(out: Path, root: Path) -> str | None:
    if out == root or root in out.parents:
        return "must be outside the course's repository (the release is a repository of its own)"
    if out.exists() and not out.is_dir():
        return "must be a folder, and this is a file"
    if out.is_dir() and any(out.iterdir()):
        return "must be empty or not exist yet"
    return None


def _git(out: Path, *args: str) -> None:
    env = dict(os.environ)
    # An identity only where git has none configured (a fresh CI machine).
    for key, var in (("user.name", "GIT_AUTHOR_NAME"), ("user.email", "GIT_AUTHOR_EMAIL")):
        have = subprocess.run(["git", "config", key], cwd=out, capture_output=True, text=True).stdout.strip()
        if not have:
            value = "course release" if key == "user.name" else "release@localhost"
            env[var] = env[var.replace("AUTHOR", "COMMITTER")] = value
    subprocess.run(["git", *args], cwd=out, env=env, check=True, capture_output=True, text=True)


def edition_files(path: Path) -> dict[str, Path]:
    """The files of one notebook in each edition, from the path of either: ``FOLDER/NAME`` (English)
    and ``FOLDER/ko/NAME`` (Korean), whether or not they exist."""
    english = path.parent.parent / path.name if path.parent.name == links.KOREAN else path
    return {edition: english.parent / folder / path.name for edition, folder in EDITIONS.items()}


def pick(notebooks: list[Path], editions: tuple[str, ...]) -> tuple[list[tuple[str, Path]], list[str]]:
    """The (edition, file) pairs to release, edition by edition, and a note for each file not there."""
    picked, notes = [], []
    for edition in editions:
        for path in notebooks:
            file = edition_files(path)[edition]
            if file.is_file():
                picked.append((edition, file))
            else:
                notes.append(f"note: {path.name} has no {edition} edition ({file} is missing): left out of it")
    return picked, notes


def write_release(
    out: Path,
    notebooks: list[tuple[str, Path]],
    *,
    repo: links.Repo | None,
    git_branch: str | None,
) -> list[str]:
    """Write the release into ``out``: ``notebooks`` are (edition, file) pairs, English in notebooks/,
    Korean in notebooks/ko/. Return what it wrote, one line per notebook."""
    import nbformat

    report = []
    out.mkdir(parents=True, exist_ok=True)
    (out / "notebooks").mkdir()
    editions = tuple(e for e in EDITIONS if any(edition == e for edition, _ in notebooks))
    for edition, path in notebooks:
        name = f"{EDITIONS[edition]}/{path.name}".lstrip("/")  # as tools/links.py names it: ko/NN_name.ipynb
        nb = student_notebook(nbformat.read(path, as_version=4), name)
        left = leftovers(nb)
        if left:
            raise ValueError(f"{name}: {'; '.join(left)}")
        nbformat.validate(nb)
        target = out / "notebooks" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        if repo is not None:
            links._retarget_notebook(target, name, repo)  # its Colab badge and setup cell
        answers = sum(is_answer_cell(c) for c in nb.cells)
        report.append(f"notebooks/{name}: {answers} exercise(s), {len(nb.cells)} cells")
    shutil.copytree(ROOT / "helpers", out / "helpers", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in FILES:
        shutil.copy2(ROOT / name, out / name)
    names = list(dict.fromkeys(path.name for _, path in notebooks))
    (out / "README.md").write_text(readme(names, "en", editions), encoding="utf-8")
    if "ko" in editions:  # the Korean notebooks link to ../../README.ko.md
        (out / "README.ko.md").write_text(readme(names, links.KOREAN, editions), encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    if repo is not None:
        links.write_repo(repo, out / "course.toml")
    if git_branch is not None:
        _git(out, "init", "--quiet", "--initial-branch", git_branch)
        _git(out, "add", "--all")
        _git(out, "commit", "--quiet", "-m", "Student edition of the course")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="an empty folder outside this repository")
    parser.add_argument("--notebooks", nargs="+", type=Path, default=None, help="default: notebooks/*.ipynb")
    parser.add_argument(
        "--editions", nargs="+", default=list(EDITIONS), metavar="EDITION",
        help="en (notebooks/) and/or ko (notebooks/ko/, 한국어판); default: both",
    )  # fmt: skip
    parser.add_argument("--git", action="store_true", help="make OUT_DIR a git repository with one commit")
    parser.add_argument("--repo", default=None, help="OWNER/NAME on GitHub the release's Colab links point at")
    parser.add_argument("--branch", default=None, help="branch of --git and --repo (default: course.toml's)")
    args = parser.parse_args(argv)

    out = args.out.expanduser().resolve()
    problem = _problem(out, ROOT)
    if problem:
        parser.error(f"OUT_DIR {problem}, got {str(args.out)!r}")
    editions = [e for part in args.editions for e in part.split(",") if e]  # en ko, or en,ko
    for edition in editions:
        if edition not in EDITIONS:
            parser.error(f"--editions must name en and/or ko, got {edition!r}")
    editions = tuple(e for e in EDITIONS if e in editions)  # each once, English first
    if not editions:
        parser.error("--editions must name en and/or ko")
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"--notebooks must name .ipynb files, got {str(path)!r}")
    names = [p.name for p in notebooks]
    if len(set(names)) != len(names):
        parser.error(
            f"--notebooks names two files of the same name: {sorted(n for n in names if names.count(n) > 1)[0]!r} "
            "(a notebook is picked by its name, in every edition of --editions)"
        )
    course = links.read_repo(ROOT / "course.toml")
    branch = args.branch or course.branch
    if not re.fullmatch(r"[\w./-]+", branch):
        parser.error(f"--branch may hold letters, digits, '.', '_', '/' and '-', got {branch!r}")
    repo = None
    if args.repo is not None:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)", args.repo)
        if not m:
            parser.error(f"--repo must look like OWNER/NAME, got {args.repo!r}")
        repo = links.Repo(m.group(1), m.group(2), branch)
    if args.git and shutil.which("git") is None:
        parser.error("--git needs git on PATH")
    picked, notes = pick([p.resolve() for p in notebooks], editions)
    if not picked:
        parser.error(f"none of the notebooks has a file in the edition(s) {', '.join(editions)}")
    existed = out.is_dir()
    try:
        lines = write_release(out, picked, repo=repo, git_branch=branch if args.git else None)
    except ValueError as exc:
        shutil.rmtree(out, ignore_errors=True)  # no half-written release (OUT_DIR was empty)
        if existed:
            out.mkdir()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in notes + lines:
        print(line)
    where = f"a git repository on branch {branch}" if args.git else "a folder"
    print(f"wrote the student edition to {out} ({where}): without grading/, tests/ or tools/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

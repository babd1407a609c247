"""Write the student edition of the course: the notebooks without their solutions, ready to push for a class.

    python tools/student_edition.py OUT_DIR [--notebooks notebooks/04_linear_regression.ipynb ...]
        [--git] [--repo OWNER/NAME] [--branch BRANCH]

OUT_DIR must be outside this repository and empty (or not exist yet). It receives:

* notebooks/: every solution removed (the ``<details><summary>Solution`` cells that follow the answer
  cells, and any cell tagged "solution"), the sentences of the Exercises section that point to them,
  every answer left as ``answer = None …`` with its ``check("name", answer)`` in place, and the outputs
  of the answer cells cleared. All other outputs stay, so the lesson reads without a kernel.
* helpers/ (the checks included: the notebooks call them), course.toml, pyproject.toml, the
  requirements and constraints, environment.yml and postBuild (Binder), a README for students and a
  .gitignore. Not grading/ (the hidden tests), tests/, tools/ or the instructor's docs.

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
SOLUTION_BLOCK = re.compile(r"<details>\s*<summary>\s*Solution.*?</details>\s*", re.DOTALL | re.IGNORECASE)
SOLUTION_WORD = re.compile(r"\bsolutions?\b", re.IGNORECASE)

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
                in_exercises = cell.source.lstrip().startswith("## Exercises")
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
        if cell.cell_type == "markdown" and re.search(r"<summary>\s*Solution", cell.source, re.IGNORECASE):
            found.append(f"cell {cell.get('id', '?')} holds a <summary>Solution block")
        if is_answer_cell(cell) and cell.get("outputs"):
            found.append(f"answer cell {cell.get('id', '?')} keeps its outputs")
    return found


def readme(names: list[str]) -> str:
    """The release's README: what the course is, its notebooks, how to run them, how the exercises work."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    intro = text.split("\n\n")[1].strip()
    rows = [
        f"| {file[:2]} | [{title_}](notebooks/{file}) | {korean} | {what} |"
        for file, title_, korean, what in links.SECTIONS
        if file in names
    ]
    rows += [f"| | [{n}](notebooks/{n}) | | |" for n in names if n not in {s[0] for s in links.SECTIONS}]
    return f"""# {title}: student edition

{intro}

This is your class's copy of the course: the exercises come without their solutions.

| # | Notebook | 강의 | What you do |
|---|---|---|---|
{chr(10).join(rows)}

## Run it

On your class's JupyterHub, open the link your instructor gave you: it copies this folder into your
home the first time and brings in your instructor's updates on every later click, keeping your own
answers.

On your own computer, with Python 3.10 or newer:

```bash
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt -c constraints.txt && pip install --no-deps -e .
jupyter lab notebooks/
```

With conda: `conda env create -f environment.yml && conda activate gd-course`, then
`pip install --no-deps -e .` and `jupyter lab notebooks/`.

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


def write_release(out: Path, notebooks: list[Path], *, repo: links.Repo | None, git_branch: str | None) -> list[str]:
    """Write the release into ``out``; return what it wrote, one line per notebook."""
    import nbformat

    report = []
    out.mkdir(parents=True, exist_ok=True)
    (out / "notebooks").mkdir()
    for path in notebooks:
        nb = student_notebook(nbformat.read(path, as_version=4), path.name)
        left = leftovers(nb)
        if left:
            raise ValueError(f"{path.name}: {'; '.join(left)}")
        nbformat.validate(nb)
        nbformat.write(nb, out / "notebooks" / path.name)
        answers = sum(is_answer_cell(c) for c in nb.cells)
        report.append(f"notebooks/{path.name}: {answers} exercise(s), {len(nb.cells)} cells")
    shutil.copytree(ROOT / "helpers", out / "helpers", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in FILES:
        shutil.copy2(ROOT / name, out / name)
    (out / "README.md").write_text(readme([p.name for p in notebooks]), encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    if repo is not None:
        links.write_repo(repo, out / "course.toml")
        for path in sorted((out / "notebooks").glob("*.ipynb")):
            links._retarget_notebook(path, path.name, repo)
    if git_branch is not None:
        _git(out, "init", "--quiet", "--initial-branch", git_branch)
        _git(out, "add", "--all")
        _git(out, "commit", "--quiet", "-m", "Student edition of the course")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="an empty folder outside this repository")
    parser.add_argument("--notebooks", nargs="+", type=Path, default=None, help="default: notebooks/*.ipynb")
    parser.add_argument("--git", action="store_true", help="make OUT_DIR a git repository with one commit")
    parser.add_argument("--repo", default=None, help="OWNER/NAME on GitHub the release's Colab links point at")
    parser.add_argument("--branch", default=None, help="branch of --git and --repo (default: course.toml's)")
    args = parser.parse_args(argv)

    out = args.out.expanduser().resolve()
    problem = _problem(out, ROOT)
    if problem:
        parser.error(f"OUT_DIR {problem}, got {str(args.out)!r}")
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"--notebooks must name .ipynb files, got {str(path)!r}")
    names = [p.name for p in notebooks]
    if len(set(names)) != len(names):
        parser.error(
            f"--notebooks names two files of the same name: {sorted(n for n in names if names.count(n) > 1)[0]!r}"
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
    existed = out.is_dir()
    try:
        lines = write_release(out, [p.resolve() for p in notebooks], repo=repo, git_branch=branch if args.git else None)
    except ValueError as exc:
        shutil.rmtree(out, ignore_errors=True)  # no half-written release (OUT_DIR was empty)
        if existed:
            out.mkdir()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    where = f"a git repository on branch {branch}" if args.git else "a folder"
    print(f"wrote the student edition to {out} ({where}): without grading/, tests/ or tools/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Keep every launch link of the course pointing at one repository, named in course.toml.

Instructors who fork the course re-point all links with one command:

    python tools/links.py set OWNER/NAME [--branch BRANCH]   # rewrite course.toml, README, notebooks
    python tools/links.py check                              # exit 1 if any link disagrees
    python tools/links.py nbgitpuller https://hub.example.edu [--notebook 02_gradient_descent.ipynb]
        [--repo https://gitlab.example.edu/teacher/gd-course.git] [--branch main] [--folder gd-course]

Links kept in step, in both editions (notebooks/ and the Korean notebooks/ko/): each notebook's
Colab badge and Colab setup cell (pip install from the repository), and the Binder badge and
notebook table (Colab and Binder per notebook) of README.md and README.ko.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "course.toml"
README = ROOT / "README.md"
README_KO = ROOT / "README.ko.md"
NOTEBOOKS = ROOT / "notebooks"
#: The Korean edition (한국어판): notebooks/ko/, built from the English ones (tools/translations.py).
KOREAN = "ko"

TABLE_START = "<!-- links:start (written by tools/links.py; edit titles there) -->"
TABLE_END = "<!-- links:end -->"

# The nine sections: file, English title, the lecture's Korean title, what the notebook teaches.
SECTIONS = [
    ("01_differentiation.ipynb", "Differentiation", "미분이란?",
     "derivatives with sympy, difference quotients and round-off, tangents, which way to step"),
    ("02_gradient_descent.ipynb", "The gradient descent algorithm", "경사하강법 알고리즘",
     "the lecture's loop, the eps stopping rule, learning rates"),
    ("03_gradient_vectors.ipynb", "Gradient vectors", "경사가 벡터라면?",
     "partial derivatives, ∇f, descent on surfaces"),
    ("04_linear_regression.ipynb", "Linear regression by gradient descent", "경사하강법으로 선형회귀 계수 구하기",
     "β by descent vs the pseudo-inverse"),
    ("05_convergence.ipynb", "Is gradient descent universal?", "경사하강법은 만능일까?",
     "convexity, local minima, lr < 2/L"),
    ("06_sgd.ipynb", "Stochastic gradient descent", "확률적 경사하강법",
     "minibatches, epochs, escaping local minima"),
    ("07_softmax.ipynb", "Nonlinear models and softmax", "비선형모델 신경망",
     "O = XW + b, softmax, cross-entropy"),
    ("08_activation_functions.ipynb", "Activation functions", "활성함수",
     "sigmoid, tanh, ReLU, why depth needs nonlinearity"),
    ("09_backpropagation.ipynb", "Backpropagation", "역전파 알고리즘",
     "the chain rule, an autodiff engine, training an MLP"),
]  # fmt: skip

# What each notebook does, for README.ko.md's table.
KOREAN_WHAT = {
    "01_differentiation.ipynb": "sympy로 도함수 구하기, 차분몫과 반올림 오차, 접선, 어느 쪽으로 움직일지",
    "02_gradient_descent.ipynb": "강의의 반복문, 종료조건 eps, 학습률",
    "03_gradient_vectors.ipynb": "편미분, ∇f, 곡면 위의 경사하강법",
    "04_linear_regression.ipynb": "경사하강법으로 구한 β와 무어-펜로즈 역행렬",
    "05_convergence.ipynb": "볼록함수, 극솟값, lr < 2/L",
    "06_sgd.ipynb": "미니배치, 에폭, 극솟값 탈출",
    "07_softmax.ipynb": "O = XW + b, 소프트맥스, 교차 엔트로피",
    "08_activation_functions.ipynb": "시그모이드, tanh, ReLU, 깊이에 비선형성이 필요한 이유",
    "09_backpropagation.ipynb": "연쇄법칙, 자동미분 엔진, MLP 학습",
}

_NAME = r"[A-Za-z0-9_.-]+"


@dataclass(frozen=True)
class Repo:
    owner: str
    name: str
    branch: str

    def colab(self, notebook: str) -> str:
        return (
            f"https://colab.research.google.com/github/{self.owner}/{self.name}/blob/{self.branch}/notebooks/{notebook}"
        )

    def binder(self, notebook: str | None = None) -> str:
        target = f"notebooks/{notebook}" if notebook else "notebooks"
        return f"https://mybinder.org/v2/gh/{self.owner}/{self.name}/{self.branch}?urlpath=lab/tree/{target}"

    def pip(self) -> str:
        return f"git+https://github.com/{self.owner}/{self.name}@{self.branch}"

    def nbgitpuller(
        self,
        hub: str,
        notebook: str | None = None,
        *,
        url: str | None = None,
        branch: str | None = None,
        folder: str | None = None,
    ) -> str:
        """A link that clones (then updates) the course into each student's home on ``hub``.

        ``url`` is any git URL the hub can clone (a university GitLab, a mirror); by default the
        GitHub repository of course.toml. The target folder is always written into the link: left
        to itself, nbgitpuller names it after the URL's last part, ``NAME.git`` for a URL ending in
        ``.git``, and the link would open a notebook that is not there.
        """
        url = url or f"https://github.com/{self.owner}/{self.name}"
        folder = folder or folder_for(url)
        target = f"{folder}/notebooks/{notebook}" if notebook else f"{folder}/notebooks"
        return (
            f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(url, safe='')}"
            f"&branch={quote(branch or self.branch, safe='')}&targetpath={quote(folder, safe='')}"
            f"&urlpath={quote('lab/tree/' + target, safe='')}"
        )  # fmt: skip


_GIT_URL = re.compile(r"(https?|git|ssh)://[^\s?#]+|[\w.-]+@[\w.-]+:[^\s?#]+")


def folder_for(url: str) -> str:
    """The folder a clone of ``url`` gets: its last path part without ``.git`` (git's own rule)."""
    last = re.split(r"[/:]", url.rstrip("/"))[-1]
    return last[:-4] if last.endswith(".git") else last


def read_repo(path: Path | None = None) -> Repo:
    """Read owner, name and branch from course.toml (three plain `key = "value"` lines)."""
    path = path or CONFIG
    text = path.read_text(encoding="utf-8")
    values = dict(re.findall(r'^\s*(owner|name|branch)\s*=\s*"([^"]*)"', text, re.MULTILINE))
    missing = {"owner", "name", "branch"} - set(values)
    if missing:
        raise ValueError(f"{path.name} must set {', '.join(sorted(missing))} under [repository]")
    return Repo(**values)


def write_repo(repo: Repo, path: Path | None = None) -> None:
    path = path or CONFIG
    text = path.read_text(encoding="utf-8")
    for key in ("owner", "name", "branch"):
        text = re.sub(rf'^(\s*{key}\s*=\s*)"[^"]*"', rf'\g<1>"{getattr(repo, key)}"', text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def badge_line(repo: Repo, notebook: str) -> str:
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({repo.colab(notebook)})"


def readme_table(repo: Repo, lang: str = "en") -> str:
    """The notebook table of README.md (``lang="en"``) or README.ko.md (``"ko"``, the Korean edition's links)."""
    prefix = f"{KOREAN}/" if lang == KOREAN else ""
    rows = [
        TABLE_START,
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({repo.binder(prefix + '01_differentiation.ipynb')})",
        "",
        "| # | 노트북 | English | 무엇을 하나 | Colab | Binder |" if lang == KOREAN else
        "| # | Notebook | 강의 | What you do | Colab | Binder |",
        "|---|---|---|---|---|---|",
    ]  # fmt: skip
    for file, title, korean, what in SECTIONS:
        colab = (
            f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({repo.colab(prefix + file)})"
        )
        binder = f"[launch]({repo.binder(prefix + file)})"
        if lang == KOREAN:
            rows.append(
                f"| {file[:2]} | [{korean}](notebooks/ko/{file}) | {title} | {KOREAN_WHAT[file]} | {colab} | {binder} |"
            )
        else:
            rows.append(f"| {file[:2]} | [{title}](notebooks/{file}) | {korean} | {what} | {colab} | {binder} |")
    rows.append(TABLE_END)
    return "\n".join(rows)


def _readmes() -> list[tuple[Path, str]]:
    return [(README, "en"), (README_KO, KOREAN)]


def _notebooks() -> list[tuple[Path, str]]:
    """Every notebook of both editions with the name its links use (``ko/NN_name.ipynb`` in Korean)."""
    english = [(p, p.name) for p in sorted(NOTEBOOKS.glob("*.ipynb"))]
    return english + [(p, f"{KOREAN}/{p.name}") for p in sorted((NOTEBOOKS / KOREAN).glob("*.ipynb"))]


_COLAB_RE = re.compile(
    rf"https://colab\.research\.google\.com/github/{_NAME}/{_NAME}/blob/{_NAME}/notebooks/(?:{KOREAN}/)?[\w.-]+"
)
_PIP_RE = re.compile(rf"git\+https://github\.com/{_NAME}/{_NAME}@{_NAME}")


def _retarget_notebook(path: Path, name: str, repo: Repo) -> bool:
    import nbformat  # only here: `check` and `nbgitpuller` need nothing beyond the standard library

    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        new = _PIP_RE.sub(repo.pip(), _COLAB_RE.sub(repo.colab(name), cell.source))
        if new != cell.source:
            cell.source = new
            changed = True
    if changed:
        nbformat.write(nb, path)  # sources only: stored outputs stay as they are
    return changed


def retarget(repo: Repo) -> list[Path]:
    """Point both READMEs and every notebook of both editions at ``repo``; return the files changed.

    The Korean translations need no change: tools/translations.py takes a notebook's launch links
    from its English cell, and hashes the English with its links left out.
    """
    changed = []
    for readme, lang in _readmes():
        text = readme.read_text(encoding="utf-8")
        start, end = text.find(TABLE_START), text.find(TABLE_END)
        if start < 0 or end < 0:
            raise ValueError(f"{readme.name} must contain the markers {TABLE_START!r} and {TABLE_END!r}")
        new = text[:start] + readme_table(repo, lang) + text[end + len(TABLE_END) :]
        if new != text:
            readme.write_text(new, encoding="utf-8")
            changed.append(readme)
    for path, name in _notebooks():
        if _retarget_notebook(path, name, repo):
            changed.append(path)
    return changed


def problems(repo: Repo) -> list[str]:
    """Every place where a link disagrees with course.toml, or a badge or setup cell is missing."""
    found = []
    for readme, lang in _readmes():
        if not readme.exists():
            found.append(f"{readme.name} is missing")
            continue
        text = readme.read_text(encoding="utf-8")
        start, end = text.find(TABLE_START), text.find(TABLE_END)
        if start < 0 or end < 0:
            found.append(f"{readme.name}: the notebook table markers are missing")
        elif text[start : end + len(TABLE_END)] != readme_table(repo, lang):
            found.append(
                f"{readme.name}: the notebook table differs from course.toml (run: python tools/links.py set ...)"
            )
    for path, name in _notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(c["source"]) for c in nb["cells"]]
        if badge_line(repo, name) not in sources[0]:
            found.append(f"{name}: the first cell lacks the Colab badge {repo.colab(name)}")
        code = [s for c, s in zip(nb["cells"], sources) if c["cell_type"] == "code"]
        if not code or repo.pip() not in code[0] or "--no-deps" not in code[0]:
            found.append(f"{name}: the first code cell is not the Colab setup cell installing {repo.pip()}")
        for s in sources:
            for url in _COLAB_RE.findall(s) + _PIP_RE.findall(s):
                if url not in (repo.colab(name), repo.pip()):
                    found.append(f"{name}: link {url} disagrees with course.toml")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_set = sub.add_parser("set", help="re-point every link to OWNER/NAME")
    p_set.add_argument("repository", help="OWNER/NAME on GitHub")
    p_set.add_argument("--branch", default=None, help="branch or tag (default: keep the current one)")
    sub.add_parser("check", help="exit 1 if a link disagrees with course.toml")
    p_hub = sub.add_parser("nbgitpuller", help="print a JupyterHub link that pulls the course")
    p_hub.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    p_hub.add_argument(
        "--notebook",
        default=None,
        help="a notebook to open, e.g. 01_differentiation.ipynb or ko/01_differentiation.ipynb",
    )
    p_hub.add_argument("--repo", default=None, help="any git URL the hub can clone (default: course.toml's GitHub)")
    p_hub.add_argument("--branch", default=None, help="branch to pull (default: course.toml's)")
    p_hub.add_argument("--folder", default=None, help="folder in each student's home (default: the URL's name)")
    args = parser.parse_args(argv)

    repo = read_repo()
    if args.command == "set":
        m = re.fullmatch(rf"({_NAME})/({_NAME})", args.repository)
        if not m:
            parser.error(f"repository must look like OWNER/NAME, got {args.repository!r}")
        branch = args.branch or repo.branch
        if not re.fullmatch(_NAME, branch):
            parser.error(f"--branch may hold letters, digits, '.', '_' and '-', got {branch!r}")
        repo = Repo(m.group(1), m.group(2), branch)
        write_repo(repo)
        for path in retarget(repo):
            print(f"updated {path.relative_to(CONFIG.parent)}")
        return 0
    if args.command == "check":
        found = problems(repo)
        for line in found:
            print(line)
        print(f"links: {len(found)} problem(s); course.toml names {repo.owner}/{repo.name}@{repo.branch}")
        return 1 if found else 0
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", args.hub):
        parser.error(f"hub must be the hub's address, such as https://hub.example.edu, got {args.hub!r}")
    files = [file for file, *_ in SECTIONS]
    if args.notebook is not None and args.notebook not in files + [f"{KOREAN}/{file}" for file in files]:
        parser.error(
            "--notebook must be one of the course's notebooks, such as 01_differentiation.ipynb "
            f"(or ko/01_differentiation.ipynb, the Korean edition), got {args.notebook!r}"
        )
    if args.repo is not None and not _GIT_URL.fullmatch(args.repo):
        parser.error(f"--repo must be a git URL (https://, git://, ssh:// or user@host:path), got {args.repo!r}")
    if args.branch is not None and not re.fullmatch(r"[\w./-]+", args.branch):
        parser.error(f"--branch may hold letters, digits, '.', '_', '/' and '-', got {args.branch!r}")
    folder = args.folder or folder_for(args.repo or f"https://github.com/{repo.owner}/{repo.name}")
    if not re.fullmatch(_NAME, folder) or folder in {".", ".."}:
        parser.error(f"--folder must be one folder name (letters, digits, '.', '_', '-'), got {folder!r}")
    print(repo.nbgitpuller(args.hub, args.notebook, url=args.repo, branch=args.branch, folder=folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())

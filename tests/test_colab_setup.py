"""The Colab setup cell, run as IPython would run it, with and without a (fake) Colab."""

import importlib.util
import json
import os
import shlex
import subprocess
import sys
import types
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[1]
# Both editions: their setup cells differ in the one line that chooses the language.
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
_spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "links.py")
links = importlib.util.module_from_spec(_spec)
sys.modules["links"] = links
_spec.loader.exec_module(links)


class FakeShell:
    """Records the magics a cell would run instead of running them."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))

    def system(self, cmd):  # a `!pip ...` line would land here
        self.magics.append(("!", cmd))


def _run_setup_cell(path: Path, on_colab: bool, monkeypatch) -> list:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code = TransformerManager().transform_cell("".join(cell["source"]))
    shell = FakeShell()
    if on_colab:
        monkeypatch.setitem(sys.modules, "google", types.ModuleType("google"))
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    # The cell sets the edition's language in the environment: restored after the test.
    monkeypatch.setenv("GD_COURSE_LANGUAGE", "unset by the test")
    exec(compile(code, f"{path.name}[setup]", "exec"), {"get_ipython": lambda: shell})  # noqa: S102 - our own cell
    return shell.magics


def _setup_code(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return TransformerManager().transform_cell(
        "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_on_colab_the_cell_installs_the_course_package_without_dependencies(path, monkeypatch):
    magics = _run_setup_cell(path, on_colab=True, monkeypatch=monkeypatch)
    assert len(magics) == 1, f"exactly one install, got {magics}"
    name, line = magics[0]
    assert name == "pip"
    args = shlex.split(line)
    assert args[0] == "install" and "--no-deps" in args
    targets = [a for a in args[1:] if not a.startswith("-")]
    assert targets == [links.read_repo().pip()], "only the course package, from the configured repository"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_elsewhere_the_cell_does_nothing(path, monkeypatch):
    assert _run_setup_cell(path, on_colab=False, monkeypatch=monkeypatch) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
@pytest.mark.parametrize("on_colab", [False, True])
def test_the_cell_chooses_its_editions_language(path, on_colab, monkeypatch):
    _run_setup_cell(path, on_colab=on_colab, monkeypatch=monkeypatch)
    assert os.environ["GD_COURSE_LANGUAGE"] == ("ko" if path.parent.name == "ko" else "en")


def _course_copy(root: Path, version: str) -> Path:
    """A pulled copy of the course: course.toml, a helpers/ package saying which copy it is, notebooks/."""
    (root / "helpers").mkdir(parents=True)
    (root / "helpers" / "__init__.py").write_text(f"__version__ = {version!r}\n")
    (root / "course.toml").write_text((ROOT / "course.toml").read_text())
    (root / "notebooks").mkdir()
    return root / "notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_elsewhere_the_cell_puts_its_own_copy_of_helpers_first(path, tmp_path, monkeypatch):
    notebooks = _course_copy(tmp_path / "course", "pulled copy")
    monkeypatch.chdir(notebooks)
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert _run_setup_cell(path, on_colab=False, monkeypatch=monkeypatch) == []
    assert sys.path[0] == str(tmp_path / "course")
    _run_setup_cell(path, on_colab=False, monkeypatch=monkeypatch)  # run twice: added once
    assert sys.path.count(str(tmp_path / "course")) == 1


def test_a_pulled_copy_imports_its_own_helpers_over_an_installed_older_one(tmp_path):
    # A class hub: an older helpers installed in the environment, the students' pulled copy newer.
    installed = tmp_path / "site"
    (installed / "helpers").mkdir(parents=True)
    (installed / "helpers" / "__init__.py").write_text("__version__ = 'installed, older'\n")
    notebooks = _course_copy(tmp_path / "student" / "gd-course", "pulled, newer")
    script = _setup_code(NOTEBOOKS[0]) + "\nimport helpers\nprint(helpers.__version__)\n"
    run = subprocess.run(
        [sys.executable, "-c", "get_ipython = None\n" + script],
        cwd=notebooks, env={"PYTHONPATH": str(installed), "PATH": os.environ.get("PATH", "")},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert run.stdout.strip() == "pulled, newer"
    # Outside a copy of the course (a lone notebook in a home folder) the installed helpers stay.
    lone = tmp_path / "lone"
    lone.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", "get_ipython = None\n" + script],
        cwd=lone, env={"PYTHONPATH": str(installed), "PATH": os.environ.get("PATH", "")},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert run.stdout.strip() == "installed, older"

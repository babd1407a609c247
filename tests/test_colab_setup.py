"""The Colab setup cell, run as IPython would run it, with and without a (fake) Colab."""

import importlib.util
import json
import shlex
import sys
import types
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
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
    exec(compile(code, f"{path.name}[setup]", "exec"), {"get_ipython": lambda: shell})  # noqa: S102 - our own cell
    return shell.magics


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_on_colab_the_cell_installs_the_course_package_without_dependencies(path, monkeypatch):
    magics = _run_setup_cell(path, on_colab=True, monkeypatch=monkeypatch)
    assert len(magics) == 1, f"exactly one install, got {magics}"
    name, line = magics[0]
    assert name == "pip"
    args = shlex.split(line)
    assert args[0] == "install" and "--no-deps" in args
    targets = [a for a in args[1:] if not a.startswith("-")]
    assert targets == [links.read_repo().pip()], "only the course package, from the configured repository"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_elsewhere_the_cell_does_nothing(path, monkeypatch):
    assert _run_setup_cell(path, on_colab=False, monkeypatch=monkeypatch) == []

"""The helpers' three layers import only downward: numerics (helpers/*.py and the exercises' checks in
helpers/exercises/) → plots (matplotlib) → widgets (ipywidgets). Read from the source, so an import
inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELPERS = ROOT / "helpers"
FORBIDDEN = {
    "numerics": ("matplotlib", "ipywidgets", "IPython", "helpers.plots", "helpers.widgets"),
    "plots": ("ipywidgets", "IPython", "helpers.widgets"),
    "widgets": (),
}


def _layer(path: Path) -> str:
    part = path.relative_to(HELPERS).parts[0]
    return part if part in ("plots", "widgets") else "numerics"


def _imports(path: Path) -> set[str]:
    """Absolute names of every module the file imports (relative imports resolved)."""
    package = ".".join(("helpers", *path.relative_to(HELPERS).parent.parts))
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import plots`
    return names


SOURCES = sorted(HELPERS.rglob("*.py"))


def test_every_layer_has_files():
    assert {_layer(p) for p in SOURCES} == {"numerics", "plots", "widgets"}
    assert any(p.parent.name == "exercises" for p in SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_only_downward(path):
    layer = _layer(path)
    for name in sorted(_imports(path)):
        for bad in FORBIDDEN[layer]:
            assert name != bad and not name.startswith(bad + "."), f"{path.name} ({layer}) imports {name}"


def test_resolution_of_relative_imports():
    probe = HELPERS / "exercises" / "activations.py"
    assert "helpers.nn" in _imports(probe)
    assert "helpers.exercises" in _imports(probe)

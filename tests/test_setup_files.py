"""The setup files agree with each other, and the package keeps its layers."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _names(lines):
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        names.add(re.split(r"[<>=!~ ;\[]", line, maxsplit=1)[0].lower())
    return names


def _environment_packages():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps, inside = [], False
    for line in lines:
        if not line.startswith(" "):
            inside = line.startswith("dependencies:")
        m = re.match(r"^  - (\S+)", line)  # top-level conda dependencies only, not a pip: list
        if inside and m:
            deps.append(m.group(1))
    return _names(deps) - {"python", "pip"}


def test_environment_yml_and_requirements_name_the_same_packages():
    req = _names((ROOT / "requirements.txt").read_text().splitlines())
    assert req == {"jupyterlab", "numpy", "sympy", "matplotlib", "ipywidgets"}
    assert _environment_packages() == req | {"nbgitpuller"}  # the hub image's puller, nothing a learner needs


def test_ranges_admit_what_colab_ships():
    # Colab: numpy 2.1, sympy 1.14, matplotlib 3.10, ipywidgets 7.7.1 (its ipywidgets 8 support is broken).
    text = (ROOT / "requirements.txt").read_text()
    assert "ipywidgets>=7.7,<9" in text
    for spec, colab in [("numpy>=", "2.1"), ("sympy>=", "1.14"), ("matplotlib>=", "3.10")]:
        low = re.search(re.escape(spec) + r"([\d.]+)", text).group(1)
        assert tuple(map(int, low.split("."))) <= tuple(map(int, colab.split(".")))


def test_environment_pins_python_3_11_or_newer_for_binder():
    text = (ROOT / "environment.yml").read_text()
    version = re.search(r"^  - python=(\d+)\.(\d+)", text, re.MULTILINE)
    assert version and (int(version.group(1)), int(version.group(2))) >= (3, 11)


def test_binder_installs_the_package():
    post = ROOT / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    body = post.read_text()
    assert body.startswith("#!/bin/bash") and "set -e" in body
    assert "pip install --no-deps -e ." in body


def test_pyproject_lists_the_packages_and_keeps_dependencies_empty():
    text = (ROOT / "pyproject.toml").read_text()  # tomllib is 3.11+; the course supports 3.10
    assert re.search(r"^dependencies = \[\]", text, re.MULTILINE)  # Colab installs with --no-deps
    packages = re.findall(r'"(helpers[\w.]*)"', re.search(r"^packages = \[(.*)\]", text, re.MULTILINE).group(1))
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "helpers").rglob("__init__.py")}
    assert set(packages) == on_disk


def test_constraints_pin_every_requirement():
    pins = _names((ROOT / "constraints.txt").read_text().splitlines())
    needed = _names((ROOT / "requirements.txt").read_text().splitlines())
    needed |= _names((ROOT / "requirements-test.txt").read_text().splitlines())
    assert needed <= pins


NUMERICS = [
    "helpers.validation",
    "helpers.descent",
    "helpers.functions",
    "helpers.formula",
    "helpers.calculus",
    "helpers.regression",
    "helpers.sgd",
    "helpers.datasets",
    "helpers.nn",
    "helpers.autodiff",
]


def _imported_after(module):
    code = f"import sys, {module}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_numerics_import_neither_matplotlib_nor_ipywidgets():
    for module in NUMERICS:
        if not (ROOT / (module.replace(".", "/") + ".py")).exists():
            continue
        loaded = _imported_after(module)
        assert "matplotlib" not in loaded, module
        assert "ipywidgets" not in loaded, module


def test_plots_do_not_import_widgets():
    for path in sorted((ROOT / "helpers" / "plots").glob("*.py")):
        module = "helpers.plots." + path.stem if path.stem != "__init__" else "helpers.plots"
        assert "ipywidgets" not in _imported_after(module), module


def _make_dry_run(target, tmp_path):
    """The commands `make TARGET` would run on a machine with no virtualenv yet (make -n runs nothing)."""
    out = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, f"VENV={tmp_path / 'venv'}"], capture_output=True, text=True, check=True
    )
    return out.stdout.replace("\\\n", " ")  # one line per command


def test_make_lab_installs_only_what_a_learner_needs(tmp_path):
    commands = _make_dry_run("lab", tmp_path)
    assert "-r requirements.txt -c constraints.txt" in commands
    assert "requirements-test.txt" not in commands  # pytest, ruff, playwright… come with make test only
    assert "jupyter lab" in commands and "127.0.0.1" in commands


def test_make_test_runs_everything_deterministically(tmp_path):
    commands = _make_dry_run("test", tmp_path)
    assert "requirements-test.txt" in commands
    pytest_line = next(line for line in commands.splitlines() if "-m pytest" in line)
    for flag in ["--nbval ", "--doctest-modules", "--hypothesis-profile=ci", "--cov-fail-under=90"]:
        assert flag in pytest_line, flag
    assert "--nbval-lax" not in commands
    assert pytest_line.rstrip().endswith("tests helpers notebooks")


def test_make_unit_skips_the_browser_and_the_notebooks(tmp_path):
    pytest_line = next(line for line in _make_dry_run("unit", tmp_path).splitlines() if "-m pytest" in line)
    assert '-m "not browser"' in pytest_line and "--nbval" not in pytest_line


def test_pyproject_license_is_an_spdx_string():
    # The table form ({ text = ... }) makes setuptools print deprecation banners on every install.
    text = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^license = "MIT"$', text, re.MULTILINE)
    assert int(re.search(r"requires = \[\"setuptools>=(\d+)\"\]", text).group(1)) >= 77

"""Binder builds the course: repo2docker's plan for this repository, read without Docker (--no-build).

repo2docker is what mybinder.org runs on the repository. With --no-build it prints the Dockerfile it
would build, which says which Python it installs, that environment.yml is installed and that postBuild
runs once the repository is in place; then postBuild is run for real in a fresh virtualenv, and the
course package imports from there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPO2DOCKER = shutil.which("repo2docker", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(REPO2DOCKER is None, reason="needs jupyter-repo2docker (requirements-test.txt)")


@pytest.fixture(scope="module")
def plan():
    run = subprocess.run(
        [REPO2DOCKER, "--no-build", "--no-run", "--debug", "."],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return run.stdout + run.stderr


def test_binder_installs_the_python_of_environment_yml(plan):
    python = re.search(r"^  - python=([\d.]+)", (ROOT / "environment.yml").read_text(), re.MULTILINE).group(1)
    assert f"Building conda environment for python={python}" in plan
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in plan


def test_postbuild_runs_after_the_repository_is_copied(plan):
    copy = plan.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert copy < plan.index("RUN ./postBuild")


def test_binder_opens_jupyterlab_on_a_notebook_that_exists():
    assert re.search(r"^  - jupyterlab", (ROOT / "environment.yml").read_text(), re.MULTILINE)
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"mybinder\.org/v2/gh/[^)]*\?urlpath=lab/tree/([\w./-]+)", readme)
    assert targets and all((ROOT / t).exists() for t in targets)


def test_postbuild_makes_the_course_package_importable(tmp_path):
    env = tmp_path / "env"
    venv.create(env, with_pip=True, system_site_packages=True)  # the libraries as environment.yml left them
    python = env / "bin" / "python"
    work = tmp_path / "repo"
    shutil.copytree(
        ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv*", "artifacts", "*.egg-info", "__pycache__")
    )
    subprocess.run(["bash", "./postBuild"], cwd=work, env={"PATH": f"{env / 'bin'}:/usr/bin:/bin"}, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    run = subprocess.run([python, "-c", "import helpers; print(helpers.__file__)"], cwd=tmp_path,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert run.stdout.strip() == str(work / "helpers" / "__init__.py")

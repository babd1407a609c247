"""Launch links: all derive from course.toml, and one command re-points them to a fork."""

import importlib.util
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "links.py")
links = importlib.util.module_from_spec(_spec)
sys.modules["links"] = links  # dataclasses look their module up there
_spec.loader.exec_module(links)


def test_every_link_agrees_with_course_toml():
    assert links.problems(links.read_repo()) == []


def test_every_section_has_its_notebook():
    on_disk = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == [file for file, *_ in links.SECTIONS]


@pytest.fixture
def fork(tmp_path, monkeypatch):
    """A copy of the course's link-bearing files, with the tool pointed at it."""
    shutil.copy(ROOT / "course.toml", tmp_path / "course.toml")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    monkeypatch.setattr(links, "CONFIG", tmp_path / "course.toml")
    monkeypatch.setattr(links, "README", tmp_path / "README.md")
    monkeypatch.setattr(links, "NOTEBOOKS", tmp_path / "notebooks")
    return tmp_path


def test_set_repoints_readme_and_notebooks(fork, capsys):
    old = links.read_repo(fork / "course.toml")
    assert links.main(["set", "teacher/gd-fork", "--branch", "v1.0"]) == 0
    repo = links.read_repo(fork / "course.toml")
    assert (repo.owner, repo.name, repo.branch) == ("teacher", "gd-fork", "v1.0")
    assert links.problems(repo) == []
    texts = [(fork / "README.md").read_text()] + [p.read_text() for p in (fork / "notebooks").glob("*.ipynb")]
    for text in texts:
        assert f"{old.owner}/{old.name}" not in text
    assert (
        "git+https://github.com/teacher/gd-fork@v1.0" in (fork / "notebooks" / "01_differentiation.ipynb").read_text()
    )
    assert "updated README.md" in capsys.readouterr().out


def test_check_reports_a_stale_link(fork, capsys):
    nb = fork / "notebooks" / "01_differentiation.ipynb"
    nb.write_text(nb.read_text().replace("blob/main/", "blob/old-branch/"))
    assert links.main(["check"]) == 1
    out = capsys.readouterr().out
    assert "01_differentiation.ipynb" in out and "problem(s)" in out


def test_check_reports_a_missing_setup_cell(fork):
    import nbformat

    path = fork / "notebooks" / "01_differentiation.ipynb"
    nb = nbformat.read(path, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    first_code.source = "import sys"
    nbformat.write(nb, path)
    assert any("setup cell" in p for p in links.problems(links.read_repo(fork / "course.toml")))


def test_set_refuses_a_malformed_repository(fork):
    with pytest.raises(SystemExit):
        links.main(["set", "not a repo"])
    with pytest.raises(SystemExit):
        links.main(["set", "a/b", "--branch", "x y"])


def test_nbgitpuller_link(capsys):
    assert links.main(["nbgitpuller", "https://hub.example.edu/", "--notebook", "02_gradient_descent.ipynb"]) == 0
    url = urlparse(capsys.readouterr().out.strip())
    assert url.netloc == "hub.example.edu" and url.path == "/hub/user-redirect/git-pull"
    query = parse_qs(url.query)
    repo = links.read_repo()
    assert query["repo"] == [f"https://github.com/{repo.owner}/{repo.name}"]
    assert query["branch"] == [repo.branch]
    assert query["urlpath"] == [f"lab/tree/{repo.name}/notebooks/02_gradient_descent.ipynb"]

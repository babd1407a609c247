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
    shutil.copy(ROOT / "README.ko.md", tmp_path / "README.ko.md")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    monkeypatch.setattr(links, "CONFIG", tmp_path / "course.toml")
    monkeypatch.setattr(links, "README", tmp_path / "README.md")
    monkeypatch.setattr(links, "README_KO", tmp_path / "README.ko.md")
    monkeypatch.setattr(links, "NOTEBOOKS", tmp_path / "notebooks")
    return tmp_path


def test_set_repoints_readme_and_notebooks(fork, capsys):
    old = links.read_repo(fork / "course.toml")
    assert links.main(["set", "teacher/gd-fork", "--branch", "v1.0"]) == 0
    repo = links.read_repo(fork / "course.toml")
    assert (repo.owner, repo.name, repo.branch) == ("teacher", "gd-fork", "v1.0")
    assert links.problems(repo) == []
    files = [fork / "README.md", fork / "README.ko.md", *(fork / "notebooks").rglob("*.ipynb")]
    assert len(files) == 2 + 2 * len(links.SECTIONS), "both READMEs and both editions' notebooks"
    for path in files:
        assert f"{old.owner}/{old.name}" not in path.read_text(), path
    for edition in ("", "ko/"):
        text = (fork / "notebooks" / f"{edition}01_differentiation.ipynb").read_text()
        assert "git+https://github.com/teacher/gd-fork@v1.0" in text
        assert f"teacher/gd-fork/blob/v1.0/notebooks/{edition}01_differentiation.ipynb" in text, (
            "each badge opens its edition"
        )
    out = capsys.readouterr().out
    assert "updated README.md" in out and "updated README.ko.md" in out


def test_a_fork_needs_no_new_translation(fork, monkeypatch):
    """Re-pointed links change no translation: the Korean notebook takes its badge from the English one."""
    sys.path.insert(0, str(ROOT / "tools"))
    import translations

    before = {p.name: translations.status(p).ok for p in translations.english_notebooks()}
    assert links.main(["set", "teacher/gd-fork"]) == 0
    monkeypatch.setattr(translations, "NOTEBOOKS", fork / "notebooks")
    for path in sorted((fork / "notebooks").glob("*.ipynb")):
        assert translations.status(path).ok == before[path.name], f"{path.name}: a link change made a translation stale"
        if before[path.name]:
            first = translations.korean_notebook(path).cells[0].source
            assert f"teacher/gd-fork/blob/main/notebooks/ko/{path.name}" in first


def test_the_readmes_link_to_each_other():
    assert "(README.ko.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(README.md)" in (ROOT / "README.ko.md").read_text(encoding="utf-8")


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
    assert query["targetpath"] == [repo.name]


def _hub_link(capsys, *args):
    assert links.main(["nbgitpuller", "https://hub.example.edu", *args]) == 0
    return parse_qs(urlparse(capsys.readouterr().out.strip()).query)


def test_nbgitpuller_link_to_the_korean_edition(capsys):
    query = _hub_link(capsys, "--notebook", "ko/05_convergence.ipynb")
    assert query["urlpath"] == [f"lab/tree/{links.read_repo().name}/notebooks/ko/05_convergence.ipynb"]


def test_nbgitpuller_link_to_any_git_server(capsys):
    # A university GitLab: the URL ends in .git, which nbgitpuller would keep in the folder name
    # (NAME.git/), so the link names the folder itself and opens the notebook inside it.
    query = _hub_link(
        capsys, "--repo", "https://gitlab.example.edu/teacher/gd-course.git", "--branch", "fall-2026",
        "--notebook", "01_differentiation.ipynb",
    )  # fmt: skip
    assert query["repo"] == ["https://gitlab.example.edu/teacher/gd-course.git"]
    assert query["branch"] == ["fall-2026"]
    assert query["targetpath"] == ["gd-course"]
    assert query["urlpath"] == ["lab/tree/gd-course/notebooks/01_differentiation.ipynb"]
    query = _hub_link(capsys, "--repo", "git@git.example.edu:teacher/mirror.git", "--folder", "course")
    assert query["repo"] == ["git@git.example.edu:teacher/mirror.git"]
    assert query["targetpath"] == ["course"] and query["urlpath"] == ["lab/tree/course/notebooks"]


@pytest.mark.parametrize(
    "args",
    [
        ["--repo", "ftp://example.edu/course"],
        ["--repo", "not a url"],
        ["--folder", "../elsewhere"],
        ["--folder", "a/b"],
        ["--branch", "x y"],
        ["--notebook", "10_missing.ipynb"],
        ["--notebook", "fr/01_differentiation.ipynb"],
    ],
)
def test_nbgitpuller_refuses_bad_arguments(args, capsys):
    with pytest.raises(SystemExit):
        links.main(["nbgitpuller", "https://hub.example.edu", *args])
    assert args[0] in capsys.readouterr().err


def test_nbgitpuller_refuses_a_hub_that_is_not_an_address(capsys):
    with pytest.raises(SystemExit):
        links.main(["nbgitpuller", "hub.example.edu"])
    assert "hub must be" in capsys.readouterr().err


def test_folder_for_follows_git_clone():
    assert links.folder_for("https://github.com/o/name") == "name"
    assert links.folder_for("https://gitlab.example.edu/o/name.git/") == "name"
    assert links.folder_for("git@host:o/name.git") == "name"

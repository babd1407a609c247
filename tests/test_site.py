"""The course as a website (tools/build_site.py, make site): built offline from the stored outputs.

What is checked:
- how a notebook becomes a page (setup cell and Colab badge left out, solutions closed or left out,
  old-layout solution cells too, an explorer's stored picture kept without its widget output), and
  the clear errors for a bad configuration or notebook;
- a small course of two editions (the second under notebooks/ko, as the Korean edition is) built
  for real: nothing executed, launch links from tools/links.py, each page linked to its page in the
  other edition and back, the Korean pages marked lang="ko", a warning fails the build;
- the real course's site has a page for every notebook of both editions (read at run time), each
  Korean page linking to its English page and back;
- the real course built into tmp_path, two pages opened in headless chromium with every request off
  this machine refused: maths typeset by the bundled MathJax (no raw TeX left), figures and the
  explorer's picture loaded, Colab and Binder links right, Korean text, the setup cell absent and
  the solutions closed; and one Korean page whose English button opens the English page.
  Screenshots at a wide and a narrow width go to /tmp/site-shots/.

Skipped with a message when the site's tools (requirements-site.txt) or chromium are missing.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402

for module, name in [("sphinx", "sphinx"), ("myst_nb", "myst-nb"), ("sphinx_book_theme", "sphinx-book-theme")]:
    pytest.importorskip(module, reason=f"the site test needs {name}: pip install -r requirements-site.txt")
try:
    __import__("sphinx-mathjax-offline")
except ImportError:
    pytest.skip(
        "the site test needs sphinx-mathjax-offline: pip install -r requirements-site.txt", allow_module_level=True
    )

import build_site  # noqa: E402
from build_site import SiteError  # noqa: E402

SHOTS = Path("/tmp/site-shots")


# --- a small course, written here --------------------------------------------------------------


def _png(width: int = 12, height: int = 8) -> str:
    """A small real PNG (a red–blue gradient), base64 as notebooks store it."""
    row = bytes(v for x in range(width) for v in (255 * x // width, 40, 255 - 255 * x // width))
    rows = (b"\x00" + row) * height  # filter byte 0, then RGB pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    raw += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return base64.b64encode(raw).decode()


REPO = links.Repo("teacher", "course-fork", "spring")
SETUP = (
    'import sys\nif "google.colab" in sys.modules:\n'
    f'    %pip install -q --no-deps "{REPO.pip()}"\n'
)  # fmt: skip


def _image_output():
    return nbformat.v4.new_output("display_data", data={"image/png": _png(), "text/plain": "<Figure>"})


def small_notebook(name: str, *, korean: str = "미분이란?", broken_link: bool = False):
    v4 = nbformat.v4
    title = v4.new_markdown_cell(
        f"# {name} — {korean}\n\n{links.badge_line(REPO, name + '.ipynb')}\n\nThe slope $f'(x) = 2x + 2$ and\n\n"
        "$$f'(x) = \\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h}$$"
        + ("\n\nSee [nowhere](missing.ipynb)." if broken_link else "")
    )
    setup = v4.new_code_cell(SETUP)
    work = v4.new_code_cell(
        'open("EXECUTED", "w").write("the build ran me")\nprint("stored output 42")',
        outputs=[v4.new_output("stream", name="stdout", text="stored output 42\n")],
    )
    figure = v4.new_code_cell("plot()", outputs=[_image_output()])
    explorer = v4.new_code_cell(
        'explore("tangent")',
        outputs=[
            _image_output(),
            v4.new_output("stream", name="stdout", text="status: h = 0.5\n"),
            v4.new_output(
                "display_data",
                data={
                    build_site.WIDGET_VIEW: {"model_id": "explorer", "version_major": 2, "version_minor": 0},
                    "text/plain": "<tangent explorer>",
                },
            ),
        ],
    )
    answer = v4.new_code_cell('answer = None  # a number\ncheck("derivative", answer)')
    solution = v4.new_markdown_cell(
        '<details>\n<summary>Solution</summary>\n\n```python\nanswer = "SECRET-NEW"\n```\n\nTerm by term.\n</details>'
    )
    old = v4.new_code_cell('answer = "SECRET-OLD"', metadata={"tags": ["solution"]})
    nb = v4.new_notebook(cells=[title, setup, work, figure, explorer, answer, solution, old])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def write_course(root: Path, *, solutions: str = "collapsed", broken_link: bool = False) -> Path:
    """A course of two editions in ``root``; returns its site configuration file."""
    (root / "course.toml").write_text(
        f'[repository]\nowner = "{REPO.owner}"\nname = "{REPO.name}"\nbranch = "{REPO.branch}"\n', encoding="utf-8"
    )
    (root / "README.md").write_text("# the course\n", encoding="utf-8")
    for folder, korean in [("notebooks", "미분이란?"), ("notebooks/ko", "경사하강법 알고리즘")]:
        (root / folder).mkdir(parents=True, exist_ok=True)
        for i, stem in enumerate(["01_first", "02_second"]):
            nb = small_notebook(stem, korean=korean, broken_link=broken_link and i == 1)
            if i == 0:
                up = "../" * folder.count("/") + "../README.md"
                nb.cells.append(nbformat.v4.new_markdown_cell(f"The [course overview]({up})."))
            nbformat.write(nb, root / folder / f"{stem}.ipynb")
    config = root / "site.toml"
    config.write_text(
        f'title = "A small course"\nsolutions = "{solutions}"\n'
        '[[editions]]\nfolder = "notebooks"\ntitle = "English"\n'
        '[[editions]]\nfolder = "notebooks/ko"\ntitle = "한국어판"\nexplorer_note = "탐색기의 첫 그림입니다."\n',
        encoding="utf-8",
    )
    return config


# --- how a notebook becomes a page --------------------------------------------------------------


def _sources(nb) -> list[str]:
    return [c.source for c in nb.cells]


def test_prepare_leaves_out_the_setup_cell_and_badge_and_keeps_solutions_closed():
    nb = small_notebook("01_first")
    page = build_site.prepare_notebook(nb, "notebooks/01_first.ipynb", "collapsed")
    text = "\n".join(_sources(page))
    assert "google.colab" not in text and "colab-badge.svg" not in text
    assert "google.colab" in "\n".join(_sources(nb)), "the notebook read must be left as it is"
    assert "SECRET-NEW" in text and text.count("<details>") == 2, "both solutions kept, closed"
    old = next(c for c in page.cells if "SECRET-OLD" in c.source)
    assert old.cell_type == "markdown" and old.source.startswith("<details>")
    explorer = next(c for c in page.cells if c.source == 'explore("tangent")')
    kinds = [sorted(o.get("data", {})) or o.output_type for o in explorer.outputs]
    assert kinds == [["image/png", "text/plain"], "stream"], "stored picture and status line kept, widget dropped"
    after = page.cells[page.cells.index(explorer) + 1]
    assert after.cell_type == "markdown" and after.source == build_site.EXPLORER_NOTE
    assert "widgets" not in page.metadata


def test_prepare_removes_solutions_when_asked():
    page = build_site.prepare_notebook(small_notebook("01_first"), "x.ipynb", "removed")
    text = "\n".join(_sources(page))
    assert "SECRET-NEW" not in text and "SECRET-OLD" not in text and "<details>" not in text
    assert 'check("derivative", answer)' in text, "the answer cell stays"


def test_a_details_cell_that_is_no_solution_stays():
    nb = small_notebook("01_first")
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("<details>\n<summary>Why?</summary>\n\nBecause.\n</details>"))
    page = build_site.prepare_notebook(nb, "x.ipynb", "removed")
    assert any("Because." in s for s in _sources(page))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda nb: nb.cells.pop(1), "the first code cell must be the Colab setup cell"),
        (lambda nb: [c.__setitem__("outputs", []) for c in nb.cells if c.cell_type == "code"], "no code cell has a stored output"),
        (lambda nb: nb.cells[4].outputs.pop(0), "cell 4 shows an explorer but has no stored picture"),
    ],
    ids=["no-setup-cell", "not-executed", "explorer-without-picture"],
)  # fmt: skip
def test_prepare_names_the_notebook_and_the_problem(change, message):
    nb = small_notebook("01_first")
    change(nb)
    with pytest.raises(SiteError, match=re.escape(f"notebooks/01_first.ipynb: {message}")):
        build_site.prepare_notebook(nb, "notebooks/01_first.ipynb", "collapsed")


def test_a_notebook_caught_half_saved_is_read_again(tmp_path):
    path = tmp_path / "01_first.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")  # an editor's save, half done
    later = threading.Timer(0.2, lambda: nbformat.write(small_notebook("01_first"), path))
    later.start()
    try:
        nb = build_site.read_notebook(path, attempts=5, pause=0.5)
    finally:
        later.join()
    assert nb.cells[0].source.startswith("# 01_first")
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(SiteError, match=re.escape(f"{path}: not a valid notebook")):
        build_site.read_notebook(path, attempts=2, pause=0)


def test_links_to_repository_files_point_at_the_repository(tmp_path):
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    text = "[overview](../README.md#start), [next](02_second.ipynb), [web](https://example.org), ![i](../README.md)"
    out = build_site.repository_links(text, "notebooks", tmp_path, "https://github.com/o/n/blob/b")
    assert out == (
        "[overview](https://github.com/o/n/blob/b/README.md#start), [next](02_second.ipynb), "
        "[web](https://example.org), ![i](../README.md)"
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('title = "t"\nsolutions = "hidden"\n[[editions]]\nfolder = "notebooks"\ntitle = "e"', "solutions must be one of collapsed, removed, got 'hidden'"),
        ('title = "t"\n[[editions]]\nfolder = "ko"\ntitle = "e"', "editions[0].folder must be notebooks or a folder under it"),
        ('title = "t"\n[[editions]]\nfolder = "notebooks/../x"\ntitle = "e"', "got 'notebooks/../x'"),
        ('title = "t"\neditions = []', "editions must be one or more [[editions]] tables, got []"),
        ('title = ""\n[[editions]]\nfolder = "notebooks"\ntitle = "e"', "title must be a non-empty string, got ''"),
        ('title = "t"\ntheme = "dark"\n[[editions]]\nfolder = "notebooks"\ntitle = "e"', "unknown key(s) theme"),
        ('title = "t"\n[[editions]]\nfolder = "notebooks"\ntitle = "a"\n[[editions]]\nfolder = "notebooks"\ntitle = "b"', "appears twice"),
        ("title = ", "not valid TOML"),
        ('title = "t"\n[[editions]]\nfolder = "notebooks"\ntitle = "e"\nlanguage = "fr"', "editions[0].language must be one of en, ko, got 'fr'"),
        ('title = "t"\n[[editions]]\nfolder = "notebooks"\ntitle = "e"\nlang = "ko"', "editions[0] may hold description, explorer_note, folder, language, title only"),
    ],
)  # fmt: skip
def test_bad_configuration_is_named(tmp_path, toml, message):
    path = tmp_path / "site.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(SiteError, match=re.escape(message)):
        build_site.load_config(path)


def test_the_project_configuration_is_valid():
    config = build_site.load_config(ROOT / "site" / "config.toml")
    assert config.editions[0].folder == "notebooks" and config.solutions in build_site.SOLUTION_MODES
    korean = [e for e in config.editions if e.folder == "notebooks/ko"]
    assert korean and korean[0].language == "ko" and korean[0].title == "한국어판"
    assert "탐색기" in korean[0].explorer_note, "the Korean pages' explorer note is Korean"


def test_an_editions_language_follows_its_folder(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(
        'title = "t"\n[[editions]]\nfolder = "notebooks"\ntitle = "e"\n[[editions]]\nfolder = "notebooks/ko"\ntitle = "k"\n',
        encoding="utf-8",
    )
    assert [e.language for e in build_site.load_config(path).editions] == ["en", "ko"]


def test_offline_check_flags_what_a_page_would_load_from_the_web(tmp_path):
    (tmp_path / "_static" / "mathjax").mkdir(parents=True)
    (tmp_path / "_static" / "mathjax" / "tex-chtml.js").write_text("", encoding="utf-8")
    (tmp_path / "ok.html").write_text(
        '<meta charset="utf-8"><a href="https://colab.research.google.com/x">Colab</a><script src="_static/a.js"></script>',
        encoding="utf-8",
    )
    (tmp_path / "bad.html").write_text(
        '<script src="https://cdn.example/mathjax.js"></script><link rel="stylesheet" href="//fonts.example/f.css">'
        '<img src="http://img.example/badge.svg"><div style="background: url(https://x.example/b.png)"></div>',
        encoding="utf-8",
    )
    (tmp_path / "_static" / "t.css").write_text("@import 'https://fonts.example/css'; a{}", encoding="utf-8")
    found = build_site.offline_problems(tmp_path)
    assert found == [
        "bad.html: loads <script src='https://cdn.example/mathjax.js'> from the web",
        "bad.html: loads <link rel='stylesheet' href='//fonts.example/f.css'> from the web",
        "bad.html: loads <img src='http://img.example/badge.svg'> from the web",
        "bad.html: loads style url https://x.example/b.png from the web",
        "bad.html: declares no UTF-8 charset",
        "_static/t.css: loads https://fonts.example/css from the web",
    ]


# --- building for real ----------------------------------------------------------------------------


def test_a_small_course_of_two_editions_builds_from_stored_outputs(tmp_path):
    config = write_course(tmp_path)
    html = build_site.build(config, tmp_path, tmp_path / "_build", quiet=True)
    assert not list(tmp_path.rglob("EXECUTED")), "the build executed a notebook"
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "한국어판" in index and "경사하강법 알고리즘" in index
    assert "<th" in index and "무엇을 하나" in index and "What you do" in index, "each edition's table in its language"
    for folder, in_notebooks in [("notebooks", "01_first.ipynb"), ("notebooks/ko", "ko/01_first.ipynb")]:
        page = (html / folder / "01_first.html").read_text(encoding="utf-8")
        # The same notebook's page in the other edition, linked from the page's top bar, in its language.
        other, lang = ("ko/01_first.html", "ko") if folder == "notebooks" else ("../01_first.html", "en")
        assert f'<html lang="{"ko" if folder.endswith("ko") else "en"}"' in page
        link = re.search(r'<a class="btn btn-sm course-edition" href="([^"]+)" hreflang="(\w+)"', page)
        assert link and link.groups() == (other, lang), page[:3000]
        assert (html / folder / other).resolve().is_file()
        assert "stored output 42" in page
        assert f'href="{REPO.colab(in_notebooks)}"' in page and f'href="{REPO.binder(in_notebooks)}"' in page
        assert "google.colab" not in page and "colab-badge.svg" not in page
        assert "SECRET-NEW" in page and "SECRET-OLD" in page and page.count("<details>") == 2
        assert "jupyter-widgets" not in page and "Loading widget" not in page and "require.js" not in page
        assert f'href="https://github.com/{REPO.owner}/{REPO.name}/blob/{REPO.branch}/README.md"' in page
        assert page.count("<img ") >= 2, "the figure and the explorer's picture"
        note = "탐색기의 첫 그림입니다." if folder.endswith("ko") else build_site.EXPLORER_NOTE.strip("*")
        assert note in page
    assert (html / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()


def test_removed_solutions_are_not_in_the_pages(tmp_path):
    html = build_site.build(write_course(tmp_path, solutions="removed"), tmp_path, tmp_path / "_build", quiet=True)
    page = (html / "notebooks" / "01_first.html").read_text(encoding="utf-8")
    assert "SECRET-NEW" not in page and "SECRET-OLD" not in page and "stored output 42" in page


def test_a_warning_fails_the_build_and_says_where(tmp_path, capsys):
    config = write_course(tmp_path, broken_link=True)
    assert build_site.main(["--config", str(config), "--root", str(tmp_path), "--build-dir", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"(?s)site: error: sphinx-build failed \(warnings count as errors\).*02_second\.ipynb.*missing\.ipynb", err
    )


@pytest.mark.skipif(not shutil.which("unshare") or os.geteuid() != 0, reason="needs unshare(1) as root")
def test_the_build_needs_no_network(tmp_path):
    """make site's command in a network namespace of its own: no address but loopback exists there."""
    config = write_course(tmp_path)
    command = ["unshare", "--net", sys.executable, str(ROOT / "tools" / "build_site.py"), "--config", str(config)]
    result = subprocess.run(
        [*command, "--root", str(tmp_path), "--build-dir", str(tmp_path / "b")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "site: 4 notebook pages" in result.stdout and (tmp_path / "b" / "html" / "notebooks" / "ko").is_dir()


def test_main_names_a_root_without_course_toml(tmp_path, capsys):
    with pytest.raises(SystemExit):
        build_site.main(["--root", str(tmp_path)])
    assert f"--root must be a folder holding course.toml, got {str(tmp_path)!r}" in capsys.readouterr().err


# --- the real course in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def course_site(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("site")
    return build_site.build(ROOT / "site" / "config.toml", ROOT, build, quiet=True)


def test_the_site_has_every_notebook_of_both_editions(course_site):
    """A page for every notebook of notebooks/ and notebooks/ko/ (as they are now), each Korean page
    marked Korean and linked to its English page, which links back; the home page lists them all."""
    english = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    korean = sorted(p.name for p in (ROOT / "notebooks" / "ko").glob("*.ipynb"))
    assert korean == english and len(korean) == 9
    index = (course_site / "index.html").read_text(encoding="utf-8")
    assert "한국어판" in index
    titles = {file: ko for file, _title, ko, _what in links.SECTIONS}
    repo = links.read_repo()
    for name in korean:
        stem = name.removesuffix(".ipynb")
        assert f'href="notebooks/ko/{stem}.html"' in index and f'href="notebooks/{stem}.html"' in index
        page = (course_site / "notebooks" / "ko" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<html lang="ko"' in page, name
        assert f'href="../{stem}.html" hreflang="en"' in page, f"ko/{name}: no link to its English page"
        assert f'href="{repo.colab("ko/" + name)}"' in page and f'href="{repo.binder("ko/" + name)}"' in page
        assert titles[name] in page and "google.colab" not in page
        assert "<details>" in page and "<details open" not in page, f"ko/{name}: its solutions are not closed"
        back = (course_site / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<html lang="en"' in back
        assert f'href="ko/{stem}.html" hreflang="ko"' in back, f"{name}: no link to its Korean page"


@contextlib.contextmanager
def serve(folder: Path):
    """The site over HTTP on 127.0.0.1 (a thread of this process), as a web host would serve it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # no line per request in the test's output
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


JS_READY = "() => window.MathJax && MathJax.startup && MathJax.startup.promise.then(() => true)"
# The article's text a reader sees, without code (code may hold TeX on purpose, as in r"\frac").
JS_PROSE = """() => {
  const a = document.querySelector('article').cloneNode(true);
  a.querySelectorAll('pre, code, script, .cell_input').forEach(e => e.remove());
  return a.innerText;
}"""
JS_IMAGES = """() => Array.from(document.querySelectorAll('article img')).map(
  i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0}))"""
JS_EXPLORER_IMAGES = """() => Array.from(document.querySelectorAll('.cell')).filter(
  c => /\\bexplore\\(/.test((c.querySelector('.cell_input') || {}).innerText || '')).map(
  c => Array.from(c.querySelectorAll('.cell_output img')).some(i => i.complete && i.naturalWidth > 0))"""
JS_CLIPPED_MATHS = """() => Array.from(document.querySelectorAll('mjx-container[display="true"]')).filter(
  m => m.scrollWidth > m.clientWidth + 1 && !['auto', 'scroll'].includes(getComputedStyle(m).overflowX)).length"""
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\n]*\\[A-Za-z]+|\\(frac|lim|sum|partial|nabla|lambda)\b")

PAGES = [  # two pages: the first notebook (an explorer) and one whose output is a LaTeX formula
    ("01_differentiation.ipynb", "mjx-container"),
    ("04_linear_regression.ipynb", ".cell_output mjx-container"),
]


@pytest.mark.browser
def test_two_pages_read_offline_in_chromium(course_site):
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="the browser check needs `pip install playwright`"
    )
    from lab_server import CHROMIUM, chromium

    if not Path(CHROMIUM).exists():
        pytest.skip(f"the browser check needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    repo = links.read_repo()
    korean = {file: ko for file, _title, ko, _what in links.SECTIONS}
    refused: list[str] = []
    with serve(course_site) as base, chromium(playwright_api) as browser:

        def only_this_machine(route):  # (Playwright passes the request too to a handler of two parameters)
            if route.request.url.startswith((base, "data:", "blob:")):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        for width, height in [(1280, 900), (390, 844)]:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.route("**/*", only_this_machine)
            page.goto(f"{base}/index.html")
            assert page.evaluate("fetch('https://example.org/x').then(() => 'fetched', () => 'refused')") == "refused"
            assert refused == ["https://example.org/x"], "the guard against the web does not work"
            refused.clear()
            for name, math_selector in PAGES:
                stem = name.removesuffix(".ipynb")
                page.goto(f"{base}/notebooks/{stem}.html")
                page.wait_for_function(JS_READY, timeout=30_000)
                assert page.evaluate("document.characterSet") == "UTF-8"
                # maths: typeset by the bundled MathJax, no error, no TeX left in the prose
                assert page.locator(math_selector).count() > 0, f"{name}: no typeset maths ({math_selector})"
                assert page.locator("mjx-merror").count() == 0, f"{name}: MathJax could not typeset a formula"
                prose = page.evaluate(JS_PROSE)
                raw = [m.group(0) for m in RAW_TEX.finditer(prose)]
                assert not raw, f"{name}: raw TeX visible: {raw[:5]}"
                # figures, and the explorer's stored first picture without a widget placeholder
                images = page.evaluate(JS_IMAGES)
                assert images and all(i["ok"] for i in images), f"{name}: images not loaded: {images}"
                assert page.evaluate(JS_EXPLORER_IMAGES) == [True], f"{name}: the explorer shows no picture"
                assert "Loading widget" not in prose and "explorer>" not in prose
                # launch links from course.toml, through tools/links.py
                colab, binder = page.locator("a.course-launch-colab"), page.locator("a.course-launch-binder")
                assert colab.get_attribute("href") == repo.colab(name) and colab.is_visible()
                assert binder.get_attribute("href") == repo.binder(name) and binder.is_visible()
                # Korean: the lecture's title, as links.py spells it, in the page's own heading
                assert korean[name] in page.locator("article h1").inner_text()
                # the setup cell is gone; the solutions are closed, and open on a click
                assert "google.colab" not in page.content()
                solutions = page.locator("article details")
                assert solutions.count() >= 1 and page.locator("article details[open]").count() == 0
                code = solutions.first.locator("pre")
                assert code.count() >= 1 and not code.first.is_visible(), f"{name}: a solution is visible"
                assert page.get_by_text(build_site.EXPLORER_NOTE.strip("*")).is_visible()
                page.screenshot(path=str(SHOTS / f"{stem}-{width}-top.png"))
                page.locator(math_selector).first.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"{stem}-{width}-maths.png"))
                page.locator(".cell_output img").first.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"{stem}-{width}-figure.png"))
                solutions.first.locator("summary").click()
                assert code.first.is_visible(), f"{name}: a solution does not open"
                code.first.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"{stem}-{width}-solution.png"))
                clipped = page.evaluate(JS_CLIPPED_MATHS)
                assert not clipped, f"{name} at {width} px: formulas cut off instead of scrolling: {clipped}"
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 1, f"{name} at {width} px: the page is {overflow} px wider than the window"
            if width > 1000:  # a Korean page: its language, its explorer note, and its English button
                page.goto(f"{base}/notebooks/ko/01_differentiation.html")
                page.wait_for_function(JS_READY, timeout=30_000)
                assert page.evaluate("document.documentElement.lang") == "ko"
                assert korean["01_differentiation.ipynb"] in page.locator("article h1").inner_text()
                assert page.locator("mjx-container").count() > 0 and page.locator("mjx-merror").count() == 0
                editions = build_site.load_config(ROOT / "site" / "config.toml").editions
                note = next(e for e in editions if e.folder == "notebooks/ko").explorer_note
                assert page.get_by_text(note.strip("*")).is_visible()
                page.screenshot(path=str(SHOTS / f"ko-01_differentiation-{width}-top.png"))
                english = page.locator("a.course-edition")
                assert english.inner_text().strip() == "English" and english.is_visible()
                english.click()
                page.wait_for_url(f"{base}/notebooks/01_differentiation.html")
                assert page.evaluate("document.documentElement.lang") == "en"
            if width > 1000:  # the site's search, offline, finds a Korean word
                page.goto(f"{base}/search.html?q=경사하강법")
                page.wait_for_selector("#search-results li", timeout=15_000)
                assert "02 · The gradient descent algorithm" in page.locator("#search-results").inner_text()
            assert not refused, f"the pages asked for addresses off this machine: {refused}"
            context.close()
    (SHOTS / "README.txt").write_text(json.dumps(sorted(p.name for p in SHOTS.glob("*.png"))), encoding="utf-8")

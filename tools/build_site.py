"""Build the course as a static website from the notebooks' stored outputs (nothing is executed).

    python tools/build_site.py                     # the site in site/_build/html (make site)
    python tools/build_site.py --build-dir DIR     # somewhere else (DIR/html)
    python tools/build_site.py --config FILE --root DIR   # another course: DIR holds course.toml

Steps:
1. Read site/config.toml (title, the folders of notebooks, what becomes of the solutions) and the
   repository of course.toml through tools/links.py, which also makes every launch link.
2. Read each notebook once (a notebook being saved by an editor is read again) and write a copy for
   the site into BUILD/source: the Colab setup cell (the first code cell) and the Colab badge line
   are left out (each page has its own Colab and Binder buttons), the solutions are closed or left
   out, and an explorer keeps its stored first picture without its widget output, which could only
   show "Loading widget" in a page without a kernel.
   A notebook that is in more than one edition (the same file name in their folders, such as
   notebooks/ and the Korean notebooks/ko/) gets a link to its page in each other edition; a page
   carries its edition's language (``lang="ko"``).
3. Run Sphinx with MyST-NB (site/conf.py) with warnings as errors, execution off.
4. Check the pages: every page declares UTF-8, and no page or stylesheet loads anything from the
   web (scripts, styles, fonts, images); MathJax is served from the site itself.

Exits 1 with a message naming the file and the problem when anything is off.
"""

from __future__ import annotations

import argparse
import copy
import html.parser
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402 - tools/links.py: the repository of course.toml and every launch URL

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: Sphinx brings tomli there
    import tomli as tomllib

SOLUTION_MODES = ("collapsed", "removed")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MANIFEST = "_site.json"
# The summaries a solution's <details> cell opens with (the convention names "Solution").
SOLUTION_SUMMARIES = ("solution", "풀이", "해답", "정답")
# A line that is only a linked badge image to Colab or Binder: each page has its own buttons instead,
# and the badge image itself would be loaded from the web.
_BADGE = re.compile(
    r"^[ \t]*\[!\[[^\]]*\]\(https?://[^)\s]+\)\]\(https?://(colab\.research\.google\.com|mybinder\.org)/[^)\s]*\)[ \t]*\n?",
    re.MULTILINE,
)
_SUMMARY = re.compile(r"<summary>\s*(.*?)\s*</summary>", re.IGNORECASE | re.DOTALL)
# A Markdown link (not an image) with a relative target: [text](target "title")
_LINK = re.compile(r"(?<!!)(\[[^\]\n]*\]\()(?![a-z][a-z0-9+.-]*:|#|/)([^)\s]+)((?:\s+\"[^\"]*\")?\))", re.IGNORECASE)


class SiteError(Exception):
    """A problem with the configuration or a notebook; the message names the file."""


EXPLORER_NOTE = (
    "*On this page the explorer shows the picture it opens with: run the notebook (Colab or Binder, "
    "at the top of the page) to move its controls.*"
)


#: The languages an edition may be in: the name of a link to a page in it, and the home page table's
#: header and the notebooks' one-line summaries in it (from tools/links.py).
LANGUAGES = {"en": "English", "ko": "한국어"}
TABLE_HEADERS = {
    "en": "| Notebook | What you do | Run it |",
    "ko": "| 노트북 | 무엇을 하나 | 실행하기 |",
}


@dataclass(frozen=True)
class Edition:
    folder: str  # relative to the repository, under notebooks/
    title: str
    explorer_note: str = EXPLORER_NOTE  # the line under each explorer's stored picture
    language: str = "en"  # a key of LANGUAGES: the pages' lang, the home page table's words
    description: str = ""  # a paragraph under the edition's heading on the home page


def summaries(language: str) -> dict[str, str]:
    """Notebook file → what it teaches, in ``language`` (tools/links.py keeps both)."""
    if language == "ko":
        return dict(links.KOREAN_WHAT)
    return {file: text for file, _title, _korean, text in links.SECTIONS}


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    solutions: str
    editions: tuple[Edition, ...]


def load_config(path: Path) -> SiteConfig:
    """Read and check site/config.toml; a bad value is named with the key that holds it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(f"{path}: the site configuration is missing") from None
    except tomllib.TOMLDecodeError as e:
        raise SiteError(f"{path}: not valid TOML ({e})") from None
    known = {"title", "description", "solutions", "editions"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SiteError(f"{path}: unknown key(s) {', '.join(unknown)}; the keys are {', '.join(sorted(known))}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SiteError(f"{path}: title must be a non-empty string, got {title!r}")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise SiteError(f"{path}: description must be a string, got {description!r}")
    solutions = data.get("solutions", "collapsed")
    if solutions not in SOLUTION_MODES:
        raise SiteError(f"{path}: solutions must be one of {', '.join(SOLUTION_MODES)}, got {solutions!r}")
    raw = data.get("editions")
    if not isinstance(raw, list) or not raw:
        raise SiteError(f"{path}: editions must be one or more [[editions]] tables, got {raw!r}")
    editions = []
    for i, entry in enumerate(raw):
        where = f"{path}: editions[{i}]"
        keys = {"folder", "title", "explorer_note", "language", "description"}
        if not isinstance(entry, dict) or set(entry) - keys:
            raise SiteError(f"{where} may hold {', '.join(sorted(keys))} only, got {entry!r}")
        folder, etitle = entry.get("folder"), entry.get("title")
        note = entry.get("explorer_note", EXPLORER_NOTE)
        if not isinstance(note, str) or not note.strip():
            raise SiteError(f"{where}.explorer_note must be a non-empty string, got {note!r}")
        # A folder named after a language (notebooks/ko) is in that language unless told otherwise.
        last = folder.rsplit("/", 1)[-1] if isinstance(folder, str) else ""
        language = entry.get("language", last if last in LANGUAGES else "en")
        if language not in LANGUAGES:
            raise SiteError(f"{where}.language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        edescription = entry.get("description", "")
        if not isinstance(edescription, str):
            raise SiteError(f"{where}.description must be a string, got {edescription!r}")
        if not isinstance(folder, str) or not re.fullmatch(r"notebooks(/[\w.-]+)*", folder) or ".." in folder:
            raise SiteError(
                f"{where}.folder must be notebooks or a folder under it, such as notebooks/ko "
                f"(tools/links.py makes the launch links of notebooks/...), got {folder!r}"
            )
        if not isinstance(etitle, str) or not etitle.strip():
            raise SiteError(f"{where}.title must be a non-empty string, got {etitle!r}")
        editions.append(Edition(folder, etitle, note, language, " ".join(edescription.split())))
    folders = [e.folder for e in editions]
    if len(set(folders)) != len(folders):
        raise SiteError(f"{path}: an edition's folder appears twice in {folders!r}")
    return SiteConfig(title.strip(), description.strip(), solutions, tuple(editions))


def read_notebook(path: Path, attempts: int = 5, pause: float = 0.3) -> dict:
    """The notebook as one snapshot; a file caught half-written by an editor is read again."""
    import nbformat

    for attempt in range(attempts):
        text = path.read_text(encoding="utf-8")
        try:
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
            return nb
        except (json.JSONDecodeError, nbformat.ValidationError, nbformat.reader.NotJSONError) as e:
            if attempt == attempts - 1:
                raise SiteError(f"{path}: not a valid notebook ({str(e).splitlines()[0]})") from None
            time.sleep(pause)
    raise AssertionError("unreachable")


def _source(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _is_solution_details(cells: list, i: int) -> bool:
    """A markdown <details> cell right after an answer cell, or one whose summary says Solution."""
    cell = cells[i]
    text = _source(cell).lstrip()
    if cell.cell_type != "markdown" or not text.lower().startswith("<details"):
        return False
    summary = _SUMMARY.search(text)
    if summary and summary.group(1).lower().startswith(SOLUTION_SUMMARIES):
        return True
    before = cells[i - 1] if i > 0 else None
    return before is not None and before.cell_type == "code" and "check(" in _source(before)


def _details_cell(code: str):
    """An old-layout solution code cell as the new layout's closed <details> cell."""
    import nbformat

    fence = "```"
    while fence in code:
        fence += "`"
    return nbformat.v4.new_markdown_cell(
        f"<details>\n<summary>Solution</summary>\n\n{fence}python\n{code.rstrip()}\n{fence}\n\n</details>"
    )


def repository_links(text: str, folder: str, root: Path, blob: str) -> str:
    """Relative links to the repository's files that are not notebooks (the README, a script) as
    links to the file on the repository's site; links between notebooks stay links between pages."""

    def point(m: re.Match) -> str:
        target, _, anchor = m.group(2).partition("#")
        path = (root / folder / target).resolve()
        if path.suffix == ".ipynb" or not path.is_relative_to(root) or not path.exists():
            return m.group(0)  # a page of the site, or a missing file Sphinx will name
        url = f"{blob}/{path.relative_to(root).as_posix()}" + (f"#{anchor}" if anchor else "")
        return f"{m.group(1)}{url}{m.group(3)}"

    return _LINK.sub(point, text)


def prepare_notebook(nb, where: str, solutions: str, relink=lambda text: text, explorer_note: str = EXPLORER_NOTE):
    """The notebook as the site shows it (a copy; ``nb`` is left as it is).

    ``relink`` rewrites the markdown's links (repository_links); ``explorer_note`` is the line added
    under each explorer's stored picture."""
    import nbformat

    nb = copy.deepcopy(nb)
    cells = nb.cells
    code = [i for i, c in enumerate(cells) if c.cell_type == "code"]
    if not code or "google.colab" not in _source(cells[code[0]]):
        raise SiteError(
            f"{where}: the first code cell must be the Colab setup cell (it mentions google.colab); "
            "the site leaves that cell out"
        )
    if not any(c.get("outputs") for c in cells if c.cell_type == "code"):
        raise SiteError(f"{where}: no code cell has a stored output; store them first with: make notebooks")
    kept = []
    for i, cell in enumerate(cells):
        if i == code[0]:
            continue  # the Colab setup cell
        if cell.cell_type == "markdown":
            if _is_solution_details(cells, i) and solutions == "removed":
                continue
            cell.source = relink(_BADGE.sub("", _source(cell)))
        elif cell.cell_type == "code":
            if "solution" in cell.metadata.get("tags", []):  # the older layout of the exercises
                if solutions == "collapsed":
                    kept.append(_details_cell(_source(cell)))
                continue
            outputs = cell.get("outputs", [])
            had_widget = any(WIDGET_VIEW in o.get("data", {}) for o in outputs)
            cell.outputs = [o for o in outputs if WIDGET_VIEW not in o.get("data", {})]
            if had_widget and not any(k.startswith("image/") for o in cell.outputs for k in o.get("data", {})):
                raise SiteError(
                    f"{where}: cell {i} shows an explorer but has no stored picture; "
                    "a page without a kernel would show nothing there (make notebooks stores it)"
                )
            if had_widget:
                kept += [cell, nbformat.v4.new_markdown_cell(explorer_note)]
                continue
        kept.append(cell)
    nb.cells = kept
    nb.metadata.pop("widgets", None)  # widget state: the site loads no widget manager
    nb.metadata.setdefault("language_info", {"name": "python", "pygments_lexer": "ipython3"})  # the code's colours
    return nb


def notebook_title(nb, where: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+?)\s*$", _source(cell), re.MULTILINE)
            if m:
                return m.group(1)
    raise SiteError(f"{where}: no '# title' heading in a markdown cell; the page needs a title")


def _cell_text(text: str) -> str:
    return text.replace("|", "\\|")


def stage(config: SiteConfig, root: Path, source: Path) -> dict:
    """Write the site's sources (index.md, the prepared notebooks, the manifest) into ``source``."""
    import nbformat

    repo = links.read_repo(root / "course.toml")
    blob = f"https://github.com/{repo.owner}/{repo.name}/blob/{repo.branch}"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    pages: dict[str, dict] = {}
    index = [f"# {config.title}", "", config.description, ""]
    # Which editions have each notebook (by file name): each page links to the others.
    found = {e.folder: sorted((root / e.folder).glob("*.ipynb")) for e in config.editions}
    for edition in config.editions:
        folder = root / edition.folder
        paths = found[edition.folder]
        if not paths:
            raise SiteError(f"editions folder {edition.folder!r}: no notebooks in {folder}")
        what = summaries(edition.language)
        rows = [f"## {edition.title}", ""]
        rows += [edition.description, ""] if edition.description else []
        rows += [TABLE_HEADERS[edition.language], "|---|---|---|"]
        toc = ["```{toctree}", ":hidden:", f":caption: {edition.title}", ""]
        for path in paths:
            where = f"{edition.folder}/{path.name}"
            nb = prepare_notebook(
                read_notebook(path), where, config.solutions,
                lambda text, folder=edition.folder: repository_links(text, folder, root, blob),
                edition.explorer_note,
            )  # fmt: skip
            title = notebook_title(nb, where)
            docname = f"{edition.folder}/{path.stem}"
            target = source / f"{docname}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            in_notebooks = path.relative_to(root / "notebooks").as_posix()  # what links.Repo expects
            pages[docname] = {
                "title": title,
                "source": where,
                "colab": repo.colab(in_notebooks),
                "binder": repo.binder(in_notebooks),
                "language": edition.language,
                "editions": [  # the same notebook in the other editions
                    {"page": f"{other.folder}/{path.stem}", "label": LANGUAGES[other.language],
                     "language": other.language}
                    for other in config.editions
                    if other is not edition and any(p.name == path.name for p in found[other.folder])
                ],
            }  # fmt: skip
            summary = what.get(path.name, "")
            run = f"[Colab]({pages[docname]['colab']}) · [Binder]({pages[docname]['binder']})"
            rows.append(f"| [{_cell_text(title)}]({docname}.ipynb) | {_cell_text(summary)} | {run} |")
            toc.append(docname)
        index += rows + ["", *toc, "```", ""]
    (source / "index.md").write_text("\n".join(index), encoding="utf-8")
    manifest = {
        "title": config.title,
        "repository_url": f"https://github.com/{repo.owner}/{repo.name}",
        "branch": repo.branch,
        "pages": pages,
    }
    (source / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


# --- checks of the built pages ------------------------------------------------------------------

_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
# (tag, attribute) pairs whose URL the browser loads by itself; <a href> is only a link.
_LOADED = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
    ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("input", "src"), ("track", "src"),
}  # fmt: skip
_LOADED_LINKS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "prefetch",
}


class _PageScan(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self.charset = False
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and (
            a.get("charset", "").lower() == "utf-8" or "charset=utf-8" in a.get("content", "").lower()
        ):
            self.charset = True
        for name, value in a.items():
            if (tag, name) in _LOADED and _REMOTE.match(value):
                self.remote.append(f"<{tag} {name}={value!r}>")
        if tag == "link" and _REMOTE.match(a.get("href", "")) and set(a.get("rel", "").lower().split()) & _LOADED_LINKS:
            self.remote.append(f"<link rel={a['rel']!r} href={a['href']!r}>")
        self.remote += [f"style url {u}" for u in _CSS_URL.findall(a.get("style", ""))]
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.remote += [f"<style> url {u}" for u in _CSS_URL.findall(data)]

    def handle_endtag(self, tag):
        self._in_style = False


def offline_problems(html_dir: Path) -> list[str]:
    """Every page or stylesheet that would load something from the web, or lacks its UTF-8 charset."""
    found = []
    for page in sorted(html_dir.rglob("*.html")):
        if page.relative_to(html_dir).parts[0] == "_static":
            continue  # the theme's template fragments, not pages
        scan = _PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(html_dir)
        found += [f"{rel}: loads {what} from the web" for what in scan.remote]
        if not scan.charset:
            found.append(f"{rel}: declares no UTF-8 charset")
    for css in sorted(html_dir.rglob("*.css")):
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{css.relative_to(html_dir)}: loads {url} from the web")
    mathjax = html_dir / "_static" / "mathjax" / "tex-chtml.js"
    if not mathjax.is_file():
        found.append(f"{mathjax.relative_to(html_dir)} is missing: the maths would not be typeset")
    return found


def build(config_path: Path, root: Path, build_dir: Path, quiet: bool = False) -> Path:
    """Stage and build the site; return the folder of the HTML pages."""
    started = time.monotonic()
    config = load_config(config_path)
    source, html_dir = build_dir / "source", build_dir / "html"
    manifest = stage(config, root, source)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html",
        "-E", "-a",            # a fresh build: every page's warnings are seen on every run
        "-W", "--keep-going",  # warnings are errors; all of them reported
        "-q", "-c", str(SITE), "-d", str(build_dir / "doctrees"), str(source), str(html_dir),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise SiteError(f"sphinx-build failed (warnings count as errors):\n{result.stderr.strip() or result.stdout}")
    problems = offline_problems(html_dir)
    if problems:
        raise SiteError("the site would need the web:\n" + "\n".join(problems))
    if not quiet:
        seconds = time.monotonic() - started
        print(f"site: {len(manifest['pages'])} notebook pages in {seconds:.0f} s -> {html_dir / 'index.html'}")
    return html_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=SITE / "config.toml", help="default: site/config.toml")
    parser.add_argument("--root", type=Path, default=ROOT, help="the folder with course.toml and the notebooks")
    parser.add_argument("--build-dir", type=Path, default=SITE / "_build", help="default: site/_build")
    args = parser.parse_args(argv)
    if not (args.root / "course.toml").is_file():
        parser.error(f"--root must be a folder holding course.toml, got {str(args.root)!r}")
    try:
        build(args.config, args.root.resolve(), args.build_dir.resolve())
    except SiteError as e:
        print(f"site: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

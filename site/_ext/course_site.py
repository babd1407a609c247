"""Sphinx extension of the course's website: the title, the repository and each notebook page's
Colab and Binder buttons, its links to the same notebook in the other editions and its language
(``lang="ko"`` on a Korean page), from the manifest that tools/build_site.py writes beside the
sources; and MathJax, served from the site itself.

The URLs in the manifest are made by tools/links.py (Repo.colab, Repo.binder), the same code that
writes the README's and the notebooks' badges, so the site and the notebooks point at one place.

MathJax 3.2.2 comes from the sphinx-mathjax-offline package (PyPI), used as a source of files only:
of its 24 MB, the site takes what tex-chtml.js loads (the TeX input and its extensions, the CHTML
output and its fonts, the menu and its accessibility parts), about 8 MB.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

MANIFEST = "_site.json"
MATHJAX_PACKAGE = "sphinx-mathjax-offline"
MATHJAX_FILES = ["tex-chtml.js", "input", "output/chtml", "ui", "a11y", "sre", "adaptors"]
#: The tooltip of a link to another edition's page, in that edition's language.
EDITION_TITLES = {"en": "This notebook in the English edition", "ko": "이 노트북의 한국어판"}


def mathjax_source() -> Path:
    spec = importlib.util.find_spec(MATHJAX_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError(f"MathJax for the site comes from {MATHJAX_PACKAGE}: pip install -r requirements-site.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"


def _copy_mathjax(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_FILES:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, target / part)


def _manifest(app) -> dict:
    path = Path(app.srcdir) / MANIFEST
    if not path.is_file():
        raise ExtensionError(f"{path} is missing: build the site with tools/build_site.py (make site)")
    return json.loads(path.read_text(encoding="utf-8"))


def _configure(app, config) -> None:
    manifest = _manifest(app)
    app.env_manifest = manifest  # type: ignore[attr-defined]
    config.project = config.html_title = manifest["title"]
    options = dict(config.html_theme_options)
    options["repository_url"] = manifest["repository_url"]
    options["repository_branch"] = manifest["branch"]
    config.html_theme_options = options


def _page_context(app, pagename, templatename, context, doctree) -> None:
    page = app.env_manifest["pages"].get(pagename)  # type: ignore[attr-defined]
    if page is None:
        return
    context["course_colab_url"] = page["colab"]
    context["course_binder_url"] = page["binder"]
    for other in page.get("editions", []):
        if other["page"] not in app.env.all_docs:
            raise ExtensionError(f"{pagename}: its page in another edition, {other['page']}, is not in the site")
    context["course_editions"] = [
        {**other, "title": EDITION_TITLES.get(other["language"], other["label"])} for other in page.get("editions", [])
    ]
    context["language"] = page.get("language", context.get("language"))  # <html lang="..."> of this page
    app.course_pages_with_links.add(pagename)  # type: ignore[attr-defined]


def _check_all_linked(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    missing = sorted(set(app.env_manifest["pages"]) - app.course_pages_with_links)  # type: ignore[attr-defined]
    if missing:
        raise ExtensionError(f"these notebook pages were written without launch buttons: {', '.join(missing)}")


def setup(app):
    mathjax_source()  # fail at once, with the install command, when MathJax is missing
    app.config.mathjax_path = "mathjax/tex-chtml.js"
    app.course_pages_with_links = set()  # type: ignore[attr-defined]
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _check_all_linked, priority=100)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

"""The Korean edition (한국어판), built from the English notebooks and one translation file each.

The English notebooks in notebooks/ are the one source of the code. translations/ko/NN_name.md holds
the Korean of every markdown cell, each under a marker line naming the cell's id and the first 12
hex digits of the SHA-256 of the English source it translates::

    <!-- cell c03 · en 3f2a9c0d1e4b -->
    ## 1. 극한으로서의 도함수
    ...

A changed English cell no longer matches its hash, so its translation is *stale* until someone
translates the change and writes the new hash (``todo`` prints both). ``build`` writes
notebooks/ko/NN_name.ipynb: the English notebook with each markdown cell replaced by its translation
and the setup cell's language line set to Korean; every other code line is the English one. The
execute command (tools/execute_notebooks.py, ``make notebooks``) then runs both editions.

Usage:
    python tools/translations.py status            # exit 1 if a translation is missing or stale
    python tools/translations.py todo 03           # the cells of notebook 03 to translate, as a skeleton
    python tools/translations.py build [03 ...]    # write notebooks/ko/ (refuses while any is stale)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KO_NOTEBOOKS = NOTEBOOKS / "ko"
TRANSLATIONS = ROOT / "translations" / "ko"

#: The one line of code that differs between the editions (in the setup cell, the first code cell).
LANGUAGE_LINE = {
    "en": 'os.environ["GD_COURSE_LANGUAGE"] = "en"  # 한국어판 (notebooks/ko/): "ko"',
    "ko": 'os.environ["GD_COURSE_LANGUAGE"] = "ko"  # English edition (notebooks/): "en"',
}

MARKER = re.compile(r"^<!-- cell (?P<id>[\w-]+) · en (?P<sha>[0-9a-f]{12}) -->$", re.MULTILINE)
_COLAB_URL = re.compile(
    r"https://colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/[\w.-]+/notebooks/(?:ko/)?[\w.-]+\.ipynb"
)


def source_hash(source: str) -> str:
    """The first 12 hex digits of the SHA-256 of an English cell's source, its Colab links left out.

    Re-pointing the launch links to a fork (``make links``) changes no translation: the Korean cell
    gets its link from the English one when it is built.
    """
    return hashlib.sha256(_COLAB_URL.sub("<colab>", source).encode("utf-8")).hexdigest()[:12]


def _korean_links(english: str, korean: str) -> str:
    """The translation with its Colab link set to the English cell's, opening the Korean copy."""
    urls = _COLAB_URL.findall(english)
    if not urls:
        return korean
    korean_url = urls[0].replace("/notebooks/ko/", "/notebooks/").replace("/notebooks/", "/notebooks/ko/")
    return _COLAB_URL.sub(korean_url, korean)


@dataclass(frozen=True)
class Translation:
    cell_id: str
    sha: str  # of the English source it translates
    text: str


def read_translations(path: Path) -> dict[str, Translation]:
    """Cell id → translation, from one translation file (an absent file holds none)."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    marks = list(MARKER.finditer(text))
    found: dict[str, Translation] = {}
    for mark, following in zip(marks, [*marks[1:], None]):
        body = text[mark.end() : following.start() if following else len(text)].strip("\n")
        cell_id = mark["id"]
        if cell_id in found:
            raise ValueError(f"{path.name}: cell {cell_id} is translated twice")
        found[cell_id] = Translation(cell_id, mark["sha"], body)
    return found


def translation_path(notebook: Path) -> Path:
    return TRANSLATIONS / f"{notebook.stem}.md"


def english_notebooks(numbers: list[str] | None = None) -> list[Path]:
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if numbers:
        unknown = set(numbers) - {p.name[:2] for p in paths}
        if unknown:
            raise SystemExit(
                f"no notebook numbered {', '.join(sorted(unknown))}; the course has 01 to {paths[-1].name[:2]}"
            )
        paths = [p for p in paths if p.name[:2] in numbers]
    return paths


@dataclass
class Status:
    notebook: Path
    missing: list[str]  # markdown cell ids without a translation
    stale: list[str]  # translated from another English source
    orphans: list[str]  # translations of cells the notebook no longer has
    translated: int

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


def status(notebook: Path) -> Status:
    nb = nbformat.read(notebook, as_version=4)
    done = read_translations(translation_path(notebook))
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    missing = [c.id for c in markdown if c.id not in done]
    stale = [c.id for c in markdown if c.id in done and done[c.id].sha != source_hash(c.source)]
    ids = {c.id for c in markdown}
    orphans = [i for i in done if i not in ids]
    return Status(notebook, missing, stale, orphans, len(markdown) - len(missing) - len(stale))


def todo(notebook: Path) -> str:
    """A skeleton for the cells still to translate: each marker line, then the English to replace."""
    nb = nbformat.read(notebook, as_version=4)
    done = read_translations(translation_path(notebook))
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        old = done.get(cell.id)
        if old is not None and old.sha == source_hash(cell.source):
            continue
        parts.append(f"<!-- cell {cell.id} · en {source_hash(cell.source)} -->\n{cell.source}\n")
        if old is not None:
            parts.append(f"(the translation of the earlier English, to update:)\n{old.text}\n")
    return "\n".join(parts)


def set_language(source: str, lang: str) -> str:
    """The setup cell's source with its language line set to ``lang``."""
    lines = source.split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith('os.environ["GD_COURSE_LANGUAGE"]')]
    if len(at) != 1:
        raise ValueError(f"the setup cell must have one line setting GD_COURSE_LANGUAGE, found {len(at)}")
    lines[at[0]] = LANGUAGE_LINE[lang]
    return "\n".join(lines)


def korean_notebook(notebook: Path) -> nbformat.NotebookNode:
    """The Korean edition of one English notebook (sources; outputs as stored in English)."""
    state = status(notebook)
    if not state.ok:
        raise ValueError(
            f"{notebook.name}: {len(state.missing)} missing, {len(state.stale)} stale, {len(state.orphans)} orphaned "
            f"translation(s) ({', '.join(state.missing + state.stale + state.orphans)}); "
            f"run: python tools/translations.py todo {notebook.name[:2]}"
        )
    nb = nbformat.read(notebook, as_version=4)
    done = read_translations(translation_path(notebook))
    first_code = True
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # The Colab badge opens this edition's copy, in the repository the English one names.
            cell.source = _korean_links(cell.source, done[cell.id].text)
        elif cell.cell_type == "code" and first_code:
            cell.source = set_language(cell.source, "ko")
            first_code = False
    return nb


def build(notebooks: list[Path]) -> list[Path]:
    """Write notebooks/ko/ for ``notebooks``, keeping the outputs already stored there for unchanged code."""
    KO_NOTEBOOKS.mkdir(exist_ok=True)
    written = []
    for notebook in notebooks:
        nb = korean_notebook(notebook)
        target = KO_NOTEBOOKS / notebook.name
        if target.exists():
            # Outputs come from executing the Korean edition; until it is executed again, keep the
            # ones it has where the code cell is unchanged.
            old = {c.id: c for c in nbformat.read(target, as_version=4).cells if c.cell_type == "code"}
            for cell in nb.cells:
                previous = old.get(cell.id)
                if cell.cell_type == "code" and previous is not None and previous.source == cell.source:
                    cell.outputs = previous.outputs
                    cell.execution_count = previous.execution_count
        nbformat.write(nb, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="missing and stale translations; exit 1 if any")
    p_todo = sub.add_parser("todo", help="the cells of one notebook still to translate")
    p_todo.add_argument("number", help="the notebook's number, e.g. 03")
    p_build = sub.add_parser("build", help="write notebooks/ko/ from the English notebooks and translations/ko/")
    p_build.add_argument("numbers", nargs="*", help="notebook numbers (default: all)")
    args = parser.parse_args(argv)

    if args.command == "status":
        states = [status(p) for p in english_notebooks()]
        for s in states:
            line = f"{s.notebook.name}: {s.translated} translated"
            for what in ("missing", "stale", "orphans"):
                ids = getattr(s, what)
                if ids:
                    line += f", {len(ids)} {what} ({', '.join(ids)})"
            print(line)
        return 0 if all(s.ok for s in states) else 1
    if args.command == "todo":
        print(todo(english_notebooks([args.number])[0]), end="")
        return 0
    for path in build(english_notebooks(args.numbers)):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

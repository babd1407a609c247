"""The two editions come from one source: a Korean notebook (notebooks/ko/) is its English notebook with
the markdown translated (translations/ko/) and one line of the setup cell choosing Korean; its stored
outputs are the English ones except the sentences the helpers print, which are their translations
(the same numbers and the same verdict), and the timings, which nbval ignores in both editions."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import translations as tl  # noqa: E402

ENGLISH = tl.english_notebooks()
HANGUL = re.compile(r"[가-힣]")
NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")
VERDICTS = "✓✗…⚠"
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex")


def _korean(english: Path) -> nbformat.NotebookNode:
    path = tl.KO_NOTEBOOKS / english.name
    assert path.exists(), f"no Korean edition of {english.name}: run make notebooks"
    return nbformat.read(path, as_version=4)


def test_every_notebook_has_its_korean_edition():
    korean = sorted(p.name for p in tl.KO_NOTEBOOKS.glob("*.ipynb"))
    assert korean == [p.name for p in ENGLISH], "notebooks/ko/ holds the nine notebooks and nothing else"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name[:2])
def test_the_korean_edition_is_built_from_the_current_sources(english):
    stored = _korean(english)
    expected = tl.korean_notebook(english)
    assert [c.id for c in stored.cells] == [c.id for c in expected.cells], "the same cells: run make notebooks"
    for have, want in zip(stored.cells, expected.cells):
        assert have.cell_type == want.cell_type, have.id
        assert have.source == want.source, f"{english.name[:2]} {have.id} differs from its source: run make notebooks"
        assert have.metadata.get("tags", []) == want.metadata.get("tags", []), f"{have.id}: the same tags"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name[:2])
def test_code_differs_only_in_the_language_line(english):
    en = nbformat.read(english, as_version=4)
    ko = _korean(english)
    differing = []
    for a, b in zip(en.cells, ko.cells):
        if a.cell_type == "code":
            lines = [(x, y) for x, y in zip(a.source.split("\n"), b.source.split("\n")) if x != y]
            assert a.source.count("\n") == b.source.count("\n"), a.id
            differing += [(a.id, x, y) for x, y in lines]
    assert len(differing) == 1, f"one line differs between the editions' code, found {differing}"
    cell, en_line, ko_line = differing[0]
    assert (en_line, ko_line) == (tl.LANGUAGE_LINE["en"], tl.LANGUAGE_LINE["ko"]), cell


def _same_or_translated(en_text: str, ko_text: str, where: str) -> None:
    en_lines, ko_lines = en_text.split("\n"), ko_text.split("\n")
    assert len(en_lines) == len(ko_lines), f"{where}: the same number of lines\n{en_text}\n---\n{ko_text}"
    for en_line, ko_line in zip(en_lines, ko_lines):
        if en_line == ko_line:
            continue
        assert not HANGUL.search(en_line), f"{where}: the English edition prints Korean: {en_line!r}"
        assert HANGUL.search(ko_line), f"{where}: differs but is not a translation:\n  {en_line}\n  {ko_line}"
        assert Counter(NUMBER.findall(en_line)) == Counter(NUMBER.findall(ko_line)), (
            f"{where}: a translation carries the same numbers:\n  {en_line}\n  {ko_line}"
        )
        mark = [c for c in en_line if c in VERDICTS][:1]
        assert mark == [c for c in ko_line if c in VERDICTS][:1], (
            f"{where}: the same verdict:\n  {en_line}\n  {ko_line}"
        )


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name[:2])
def test_outputs_are_the_english_ones_or_their_translations(english):
    en = nbformat.read(english, as_version=4)
    ko = _korean(english)
    translated = 0
    for a, b in zip(en.cells, ko.cells):
        if a.cell_type != "code" or "nbval-ignore-output" in a.metadata.get("tags", []):
            continue  # timings: nbval ignores them in both editions
        where = f"{english.name[:2]} {a.id}"
        assert [o.output_type for o in a.outputs] == [o.output_type for o in b.outputs], where
        for x, y in zip(a.outputs, b.outputs):
            if x.output_type == "stream":
                assert x.name == y.name, where
                _same_or_translated(x.text, y.text, where)
                translated += x.text != y.text
            elif x.output_type in ("display_data", "execute_result"):
                assert sorted(x.data) == sorted(y.data), where
                for mime in x.data:
                    if mime in TEXT_MIMES:
                        _same_or_translated(_text(x.data[mime]), _text(y.data[mime]), f"{where} {mime}")
                        translated += x.data[mime] != y.data[mime]
                    else:  # figures keep English text: the same picture in both editions
                        assert x.data[mime] == y.data[mime], f"{where}: {mime} differs between the editions"
            else:
                assert x == y, where
    # Each notebook's exercises print a check's feedback, so each has something translated.
    assert translated, f"{english.name}: nothing printed in Korean"

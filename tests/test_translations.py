"""The Korean edition's markdown (translations/ko/, tools/translations.py): every markdown cell of every
English notebook is translated from its current English source, and the translation keeps what must
not change in translation: the numbers, the formulas, the code, the links."""

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

NOTEBOOKS = tl.english_notebooks()
HANGUL = re.compile(r"[가-힣]")
CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
# Numbers as a learner reads them: 0.3, 1e-05, 2,500, 10⁻⁸ is symbolic and left to the formulas.
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


def _pairs(notebook: Path):
    nb = nbformat.read(notebook, as_version=4)
    done = tl.read_translations(tl.translation_path(notebook))
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.id in done:
            yield cell, done[cell.id]


def _outside_code(text: str) -> str:
    return INLINE_CODE.sub(" ", CODE_BLOCK.sub(" ", text))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_markdown_cell_is_translated_from_its_current_english(notebook):
    state = tl.status(notebook)
    assert not state.missing, f"not translated: {state.missing} (python tools/translations.py todo {notebook.name[:2]})"
    assert not state.stale, (
        f"the English changed since: {state.stale} (python tools/translations.py todo {notebook.name[:2]})"
    )
    assert not state.orphans, f"translations of cells that are gone: {state.orphans}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_a_translation_keeps_numbers_formulas_code_and_links(notebook):
    for cell, ko in _pairs(notebook):
        where = f"{notebook.name[:2]} {cell.id}"
        text = ko.text
        assert HANGUL.search(text) or not re.search(r"[A-Za-z]{4,}", _outside_code(cell.source)), f"{where}: not Korean"
        assert CODE_BLOCK.findall(text) == CODE_BLOCK.findall(cell.source), f"{where}: code blocks are kept verbatim"
        assert Counter(DISPLAY_MATH.findall(text)) == Counter(DISPLAY_MATH.findall(cell.source)), (
            f"{where}: display formulas ($$…$$) are kept as they are"
        )
        english = Counter(NUMBER.findall(_outside_code(cell.source)))
        korean = Counter(NUMBER.findall(_outside_code(text)))
        lost = english - korean
        assert not lost, f"{where}: numbers of the English missing in the Korean: {sorted(lost)}"
        assert text.count("<details>") == cell.source.count("<details>"), f"{where}: <details> kept"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_links_in_the_korean_edition_resolve(notebook):
    folder = tl.KO_NOTEBOOKS
    for cell, ko in _pairs(notebook):
        for target in LINK.findall(ko.text):
            if re.match(r"https?://", target):
                continue
            path = target.split("#")[0]
            if path.endswith(".ipynb"):
                assert (tl.NOTEBOOKS / path).exists(), f"{notebook.name[:2]} {cell.id}: no notebook {path}"
            elif path:
                assert (folder / path).resolve().exists(), (
                    f"{notebook.name[:2]} {cell.id}: {path} does not resolve from notebooks/ko/"
                )


def test_read_translations_roundtrip(tmp_path):
    path = tmp_path / "01_x.md"
    path.write_text(
        "<!-- cell c00 · en 0123456789ab -->\n# 제목\n\n본문\n\n<!-- cell c03 · en ba9876543210 -->\n둘째\n",
        encoding="utf-8",
    )
    found = tl.read_translations(path)
    assert found["c00"].text == "# 제목\n\n본문" and found["c00"].sha == "0123456789ab"
    assert found["c03"].text == "둘째"
    path.write_text(
        "<!-- cell c00 · en 0123456789ab -->\na\n<!-- cell c00 · en 0123456789ab -->\nb\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="cell c00 is translated twice"):
        tl.read_translations(path)

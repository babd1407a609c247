"""One Korean spelling per term (docs/glossary.toml), in everything a learner reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SPELLING = tomllib.loads((ROOT / "docs" / "glossary.toml").read_text(encoding="utf-8"))["spelling"]
TEXTS = sorted(
    [
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("notebooks/ko/*.ipynb"),
        *ROOT.glob("translations/ko/*.md"),
        *ROOT.glob("helpers/**/*.py"),
        *ROOT.glob("README*.md"),
        *ROOT.glob("docs/*.md"),
    ]
)


def test_glossary_is_consistent():
    variants = [v for vs in SPELLING.values() for v in vs]
    assert len(variants) == len(set(variants)), "a variant belongs to one term"
    assert not set(variants) & set(SPELLING), "no chosen spelling is also a variant"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_one_spelling_per_term(path):
    text = path.read_text(encoding="utf-8")
    for chosen, variants in SPELLING.items():
        for variant in variants:
            assert variant not in text, f"{path.name} writes {variant!r}: the course writes {chosen!r}"

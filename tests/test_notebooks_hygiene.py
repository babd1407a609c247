"""Stored notebooks are what `make notebooks` wrote: executed in order, clean and normalised."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Both editions: the English notebooks and the Korean ones built from them (notebooks/ko/).
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
LOCAL_PATH = re.compile(r"(/work/|/root/|/home/|/tmp/|/Users/|C:\\\\)")


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds the course"
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_executed_in_order_without_errors_or_warnings(path):
    nb = _load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "run every cell once, top to bottom (make notebooks)"
    for i, cell in enumerate(code, 1):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"cell [{i}] stored an error"
            if out["output_type"] == "stream":
                assert out["name"] == "stdout", f"cell [{i}] wrote to stderr: {''.join(out['text'])[:200]}"
            text = json.dumps(out.get("text", "")) + json.dumps(out.get("data", {}).get("text/plain", ""))
            assert "Warning" not in text, f"cell [{i}] stored a warning"
            assert not LOCAL_PATH.search(text), f"cell [{i}] shows a local path"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_normalised(path):
    nb = _load(path)
    assert "widgets" not in nb["metadata"], "widget state is not stored"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    ids = [cell["id"] for cell in nb["cells"]]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"c\d{2,}", i) for i in ids), "course ids cNN, unique"
    for cell in nb["cells"]:
        assert "execution" not in cell["metadata"], "timing metadata is not stored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_each_notebook_opens_with_title_badge_and_colab_setup(path):
    nb = _load(path)
    first = "".join(nb["cells"][0]["source"])
    assert first.startswith("# "), "a title first"
    assert re.search(r"[\uac00-\ud7a3]", first), "the title carries the Korean lecture term"
    assert "colab.research.google.com/assets/colab-badge.svg" in first
    edition = "ko/" if path.parent.name == "ko" else ""
    assert f"/blob/main/notebooks/{edition}{path.name}" in first, "the badge opens this edition's copy"
    setup = next(c for c in nb["cells"] if c["cell_type"] == "code")
    src = "".join(setup["source"])
    assert 'if "google.colab" in sys.modules' in src
    assert "--no-deps" in src
    assert setup["outputs"] == [], "the Colab setup does nothing elsewhere"

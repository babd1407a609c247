"""The Korean edition's messages (helpers/i18n.py): every template a learner can see has its Korean,
with the same fields, and a check says the same thing in both languages (same verdict, same numbers).

Read from the source: each module's ``tr = Messages({...})`` catalogue and every ``tr("…", …)`` call.
"""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from helpers.exercises import check, exercise_names
from helpers.i18n import ENV_VARIABLE, Messages, edition, fields, language

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "helpers").rglob("*.py"))
HANGUL = re.compile(r"[가-힣]")
NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


def _catalogue(tree: ast.Module) -> dict[str, str] | None:
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["tr"]
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "Messages"
        ):
            return ast.literal_eval(node.value.args[0])
    return None


def _calls(tree: ast.Module) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "tr"]


MODULES = [p for p in SOURCES if _calls(ast.parse(p.read_text(encoding="utf-8")))]


def test_some_modules_speak_korean():
    assert any(p.parent.name == "exercises" for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_template_has_its_korean(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    catalogue = _catalogue(tree)
    assert catalogue is not None, f"{path.name} calls tr() but makes no module-level `tr = Messages({{...}})`"
    used = set()
    for call in _calls(tree):
        where = f"{path.name}:{call.lineno}"
        assert call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str), (
            f"{where}: tr's first argument is a literal template (not an f-string), so it can be translated"
        )
        assert len(call.args) == 1, f"{where}: a template's values are passed by name"
        template = call.args[0].value
        used.add(template)
        assert template in catalogue, f"{where}: no Korean for {template!r}"
        names = {name for name, _, _ in fields(template)}
        given = {k.arg for k in call.keywords} - {"lang"}
        assert None not in given, f"{where}: no **values: name each field"
        assert given == names, f"{where}: the fields {sorted(names)} are given {sorted(given)}"
    for template, korean in catalogue.items():
        assert template in used, f"{path.name}: the Korean of {template!r} translates a template no longer used"
        assert sorted(fields(korean)) == sorted(fields(template)), (
            f"{path.name}: {korean!r} has other fields (or formats) than {template!r}"
        )
        assert HANGUL.search(korean) or not re.search(r"[A-Za-z]{3}", template.format_map(_Blank())), (
            f"{path.name}: {korean!r} is not Korean"
        )
        assert not HANGUL.search(template), f"{path.name}: the English template {template!r} holds Korean"


class _Blank(dict):
    def __missing__(self, key):
        return ""


@pytest.mark.parametrize("path", sorted((ROOT / "helpers" / "exercises").glob("*.py")), ids=lambda p: p.stem)
def test_feedback_messages_go_through_the_catalogue(path):
    """A check's message is never an English literal or f-string written in place."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Feedback" and len(node.args) == 2:
            message = node.args[1]
            bad = isinstance(message, ast.JoinedStr) or (
                isinstance(message, ast.Constant) and re.search(r"[A-Za-z]{3}", str(message.value))
            )
            assert not bad, f"{path.name}:{node.lineno}: the message is written in place, not through tr()"


def test_language_is_validated(monkeypatch):
    monkeypatch.setenv(ENV_VARIABLE, "fr")
    with pytest.raises(ValueError, match="GD_COURSE_LANGUAGE must be one of 'en', 'ko'; got 'fr'"):
        language()
    monkeypatch.delenv(ENV_VARIABLE)
    assert language() == "en"
    with edition("ko"):
        assert language() == "ko"
    assert language() == "en"


def test_a_missing_template_shows_in_english():
    with edition("ko"):
        assert Messages({})("step {k}", k=3) == "step 3"


# --- a check says the same in both languages ---------------------------------------------------

PROBES = [None, "abc", 0, 1.5, -2, [1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]], math.nan, 1e308, np.zeros(3), object()]


def _numbers(text: str) -> list[str]:
    return [n.replace("−", "-") for n in NUMBER.findall(text)]


@pytest.mark.parametrize("name", exercise_names())
def test_a_check_says_the_same_in_korean(name):
    for answer in PROBES:
        english = check(name, answer)
        with edition("ko"):
            korean = check(name, answer)
        assert korean.status == english.status, (name, answer)
        assert str(korean)[0] == str(english)[0], "the same verdict mark"
        assert Counter(_numbers(korean.message)) == Counter(_numbers(english.message)), (
            f"{name}({answer!r}): the numbers differ:\n  {english.message}\n  {korean.message}"
        )
        assert HANGUL.search(korean.message), f"{name}({answer!r}) is not translated: {korean.message}"
        assert not HANGUL.search(english.message.replace("`answer`", "")), english.message

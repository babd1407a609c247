"""The course's two editions: English (the default) and Korean (한국어판).

What a learner reads in an output, an exercise check's feedback or an explorer's status line, is
written once as an English template with named fields, and each module keeps the Korean of its
templates in a :class:`Messages` catalogue beside the code that fills them in. The numbers are
formatted by the same field specs in both languages, so a Korean sentence carries exactly the
numbers and the verdict of the English one (tests/test_i18n.py reads every template from the source
and checks that its translation has the same fields).

An edition chooses its language in its setup cell, one line that is the only code the two editions
do not share::

    os.environ["GD_COURSE_LANGUAGE"] = "ko"

Examples
--------
>>> tr = Messages({"converged in {steps} steps": "{steps}번 만에 수렴"})
>>> tr("converged in {steps} steps", steps=614)
'converged in 614 steps'
>>> with edition("ko"):
...     tr("converged in {steps} steps", steps=614)
'614번 만에 수렴'
"""

from __future__ import annotations

import contextlib
import os
import string
from collections.abc import Iterator, Mapping

__all__ = ["ENV_VARIABLE", "LANGUAGES", "Messages", "edition", "fields", "language"]

#: The environment variable an edition's setup cell sets.
ENV_VARIABLE = "GD_COURSE_LANGUAGE"
#: The editions: English and Korean.
LANGUAGES = ("en", "ko")


def language() -> str:
    """The edition's language, ``"en"`` unless ``GD_COURSE_LANGUAGE`` says ``"ko"``.

    Raises
    ------
    ValueError
        For any other value, naming the variable and what is allowed.
    """
    value = os.environ.get(ENV_VARIABLE, "en")
    if value not in LANGUAGES:
        raise ValueError(f"{ENV_VARIABLE} must be one of {', '.join(map(repr, LANGUAGES))}; got {value!r}")
    return value


@contextlib.contextmanager
def edition(lang: str) -> Iterator[None]:
    """Run a block in one edition's language (the tests and the docstring examples use it)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}; got {lang!r}")
    before = os.environ.get(ENV_VARIABLE)
    os.environ[ENV_VARIABLE] = lang
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENV_VARIABLE]
        else:
            os.environ[ENV_VARIABLE] = before


def fields(template: str) -> list[tuple[str, str, str]]:
    """The replacement fields of a template, as (name, conversion, spec), in order.

    >>> fields("x = {x:.4g}, {n} steps")
    [('x', '', '.4g'), ('n', '', '')]
    """
    return [
        (name, conversion or "", spec or "")
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    ]


class Messages:
    """One module's messages: English templates and their Korean.

    Parameters
    ----------
    ko : mapping of str to str
        English template → Korean template, with the same replacement fields (their order may
        differ, as Korean word order asks).

    A module makes one catalogue, ``tr = Messages({...})``, and writes each message as
    ``tr("English template with {fields}", fields=...)``: a literal first argument, so the tests
    can read every template from the source.
    """

    def __init__(self, ko: Mapping[str, str]):
        self.ko = dict(ko)

    def __call__(self, template: str, /, *, lang: str | None = None, **values) -> str:
        """``template`` filled in, in ``lang`` (default: the edition's language).

        A message that also labels a figure asks for ``lang="en"``: figures keep English text in
        both editions, so nothing depends on a Korean font.
        """
        lang = language() if lang is None else lang
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}; got {lang!r}")
        # A template missing from the catalogue shows in English rather than failing a learner's
        # cell; tests/test_i18n.py makes sure none is missing.
        text = self.ko.get(template, template) if lang == "ko" else template
        return text.format(**values)

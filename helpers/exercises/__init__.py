"""Self-checks for the notebooks' exercises, one module per notebook.

Each check takes the learner's answer and returns a short message that says what is right or
what is off (a wrong sign, a missing factor, the wrong shape), not only ✓/✗. A notebook calls them
through one function, ``check("exercise name", answer)``; the name is the check's own without
``check_`` (``check_sigmoid_derivative`` answers ``check("sigmoid_derivative", answer)``).
"""

from __future__ import annotations

import functools
import importlib
import math
from dataclasses import dataclass

import numpy as np
import sympy

from ..calculus import expression_problem as _size_problem
from ..formula import MAX_EXPONENT, MAX_LOG10
from ..i18n import Messages
from ..validation import _show, check_array

__all__ = [
    "MAX_ANSWER_NUMBERS",
    "Feedback",
    "answer_check",
    "check",
    "describe",
    "exercise_names",
    "expression_problem",
    "no_answer",
    "read_array",
    "read_number",
    "unreadable",
]

#: Most numbers an answer may hold: the exercises ask for at most a few dozen, and a check that
#: compares 10**7 of them one by one would take seconds.
MAX_ANSWER_NUMBERS = 10_000


@dataclass(frozen=True)
class Feedback:
    """A check's verdict.

    Attributes
    ----------
    status : {"correct", "wrong", "no answer", "unreadable"}
        ``"no answer"`` while the placeholder ``None`` is still in place; ``"unreadable"`` when the
        answer could not be read as what was asked (the message says why).
    message : str
        One or two sentences for the learner.
    """

    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        mark = {"correct": "✓", "wrong": "✗", "unreadable": "✗", "no answer": "…"}[self.status]
        return f"{mark} {self.message}"

    # Shown as the cell's output when a check is the last expression of a cell.
    __repr__ = __str__


def no_answer(example: str) -> Feedback:
    """The placeholder ``answer = None`` is still in place: say what to write."""
    return Feedback(
        "no answer",
        tr("write your answer in `answer` (e.g. answer = {example}) and run the cell again", example=example),
    )


def unreadable(problem: str | None) -> Feedback:
    """The answer could not be read; ``problem``, from a reader such as :func:`read_array`, says why.

    A reader returns ``(value, None)`` or ``(None, problem)``, so a check goes on with the value or
    stops here::

        value, problem = read_number(answer)
        if value is None:
            return unreadable(problem)
    """
    return Feedback("unreadable", problem or tr("your answer could not be read"))


def describe(value) -> str:
    """A learner's answer in a message: its type and the start of its repr (whatever the object does)."""
    if isinstance(value, sympy.Basic) and expression_problem(value):
        return tr(
            "{kind} (a sympy expression too large to show)", kind=type(value).__name__
        )  # printing it takes seconds
    return f"{type(value).__name__} {_show(value, 60)}"


def read_array(answer, what: str, *, finite: bool = True) -> tuple[np.ndarray | None, str | None]:
    """Read an array of real numbers (``what`` says which, for the message).

    Returns ``(array, None)``, or ``(None, message)``: strings, bools, dicts, sets, complex numbers
    and anything numpy cannot turn into floats are unreadable; with ``finite``, so are NaN and inf.
    """
    cannot_read = tr("your answer could not be read: give {what}, got {answer}", what=what, answer=describe(answer))
    if isinstance(answer, (str, bytes, bool, np.bool_, dict, set)):
        return None, cannot_read
    if isinstance(answer, sympy.Basic) and expression_problem(answer):  # float() would evaluate it for seconds
        return None, cannot_read
    try:
        value = check_array("answer", answer, finite=False)
    except (TypeError, ValueError):
        return None, cannot_read
    if value.size > MAX_ANSWER_NUMBERS:
        return None, tr(
            "your answer holds {size:,} numbers (shape {shape}): give {what}",
            size=value.size,
            shape=value.shape,
            what=what,
        )
    if finite and not np.all(np.isfinite(value)):
        return None, tr(
            "your answer contains {bad}: give finite numbers", bad=value.ravel()[~np.isfinite(value.ravel())][0]
        )
    return value, None


def read_number(answer, example: str = "1.234") -> tuple[float | None, str | None]:
    """Read one finite number (a float, int, numpy scalar or one-element array).

    Returns ``(number, None)``, or ``(None, message)`` saying why the answer could not be read.
    """
    value, problem = read_array(answer, tr("a number such as {example}", example=example), finite=False)
    if value is None:
        return None, problem
    if value.size != 1:
        return None, tr("give one number, not {size} of them (shape {shape})", size=value.size, shape=value.shape)
    number = float(value.reshape(()))
    if not math.isfinite(number):
        return None, tr("your answer is {number}: give a finite number", number=number)
    return number, None


def expression_problem(expr: sympy.Basic) -> str | None:
    """Why a learner's sympy expression is too large to check in a fraction of a second, or None.

    The limits of typed formulas (:mod:`helpers.formula`) on exponents and numbers, and
    :data:`helpers.calculus.MAX_EXPRESSION_NODES` parts: x**(10**9) or 10**(10**5) would keep sympy
    busy for seconds.
    """
    problem = _size_problem(expr, max_exponent=MAX_EXPONENT, max_log10=MAX_LOG10)
    return tr("your answer is too large to check ({problem}): simplify it", problem=problem) if problem else None


def answer_check(check):
    """Make a check answer with a message whatever it is given.

    numpy's floating-point warnings are off (a huge answer such as 1e308 gets a message, not an
    overflow warning from the comparisons), and an answer that breaks the check anyway (an object
    whose ``__float__``, ``__array__``, ``__len__`` or ``__eq__`` raises) is reported as unreadable.
    The readers handle every answer the tests know of; this is the net under them.
    """

    @functools.wraps(check)
    def wrapper(answer, *args, **kwargs) -> Feedback:
        try:
            with np.errstate(all="ignore"):
                return check(answer, *args, **kwargs)
        except Exception as exc:
            return Feedback(
                "unreadable",
                tr(
                    "your answer could not be read: using it raised {error} ({text}); got {answer}",
                    error=type(exc).__name__,
                    text=_show(str(exc), 60),
                    answer=describe(answer),
                ),
            )

    return wrapper


#: The modules of the checks, one per notebook, in the course's order.
_CHECK_MODULES = (
    "differentiation",
    "descent",
    "gradients",
    "regression",
    "convergence",
    "sgd",
    "softmax",
    "activations",
    "backprop",
)


@functools.cache
def _checks() -> dict:
    """Exercise name → check, from every ``check_*`` that a module of the checks exports (its `__all__` order)."""
    checks = {}
    for name in _CHECK_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for attr in module.__all__:
            if attr.startswith("check_"):
                checks[attr.removeprefix("check_")] = getattr(module, attr)
    return checks


def exercise_names() -> list[str]:
    """The names :func:`check` knows, notebook by notebook.

    Examples
    --------
    >>> exercise_names()[:3]
    ['derivative', 'direction', 'forward_difference']
    """
    return list(_checks())


def check(exercise: str, answer, **options) -> Feedback:
    """Check the answer of one of the notebooks' exercises.

    Parameters
    ----------
    exercise : str
        The exercise's name, as its cell writes it (:func:`exercise_names` lists them).
    answer
        The learner's answer; ``None`` while the placeholder is still in place.
    **options
        What an exercise lets the learner choose as well (``f`` and ``interval`` of
        ``"convexity"``).

    Returns
    -------
    Feedback
        Shown as ``✓ …``, ``✗ …`` or ``… write your answer …`` when it ends a cell.

    Examples
    --------
    >>> check("zero_gradient", "relu").correct
    True
    >>> check("zero_gradient", None).status
    'no answer'
    """
    checks = _checks()
    if not isinstance(exercise, str) or exercise not in checks:
        raise ValueError(f"exercise must be one of {', '.join(map(repr, checks))}; got {exercise!r}")
    return checks[exercise](answer, **options)


# The Korean edition's messages (helpers/i18n.py): English template → Korean, the same fields.
tr = Messages(
    {
        "write your answer in `answer` (e.g. answer = {example}) and run the cell again": (
            "`answer`에 답을 쓰고 (예: answer = {example}) 셀을 다시 실행하세요"
        ),
        "your answer could not be read": "답을 읽을 수 없습니다",
        "{kind} (a sympy expression too large to show)": "{kind} (보여 주기에 너무 큰 sympy 식)",
        "your answer could not be read: give {what}, got {answer}": "답을 읽을 수 없습니다: {what}을(를) 주세요. 받은 답: {answer}",
        "your answer holds {size:,} numbers (shape {shape}): give {what}": (
            "답에 수가 {size:,}개 있습니다 (shape {shape}): {what}을(를) 주세요"
        ),
        "your answer contains {bad}: give finite numbers": "답에 {bad}이(가) 있습니다: 유한한 수를 주세요",
        "a number such as {example}": "{example} 같은 수 하나",
        "give one number, not {size} of them (shape {shape})": "수 {size}개가 아니라 하나를 주세요 (shape {shape})",
        "your answer is {number}: give a finite number": "답이 {number}입니다: 유한한 수를 주세요",
        "your answer is too large to check ({problem}): simplify it": (
            "답이 너무 커서 확인할 수 없습니다 ({problem}): 식을 간단히 하세요"
        ),
        "your answer could not be read: using it raised {error} ({text}); got {answer}": (
            "답을 읽을 수 없습니다: 사용하자 {error}이(가) 났습니다 ({text}). 받은 답: {answer}"
        ),
    }
)

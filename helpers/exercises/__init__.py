"""Self-checks for the notebooks' exercises, one module per notebook.

Each check takes the learner's answer and returns a short message that says what is right or
what is off (a wrong sign, a missing factor, the wrong shape), not only ✓/✗.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Feedback", "describe", "no_answer", "quiet_numpy", "read_number"]


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
    return Feedback("no answer", f"write your answer in `answer` (e.g. answer = {example}) and run the cell again")


def describe(value) -> str:
    """A learner's answer in a message: its type and the start of its repr."""
    return f"{type(value).__name__} {value!r:.60}"


def read_number(answer, example: str = "1.234") -> tuple[float | None, str | None]:
    """Read one finite number (a float, int, numpy scalar or one-element array).

    Returns ``(number, None)``, or ``(None, message)`` saying why the answer could not be read.
    """
    unreadable = f"your answer could not be read: give a number such as {example}, got {describe(answer)}"
    if isinstance(answer, (bool, str, bytes)):
        return None, unreadable
    try:
        value = np.asarray(answer, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None, unreadable
    if value.size != 1:
        return None, f"give one number, not {value.size} of them (shape {value.shape})"
    number = float(value.reshape(()))
    if not math.isfinite(number):
        return None, f"your answer is {number}: give a finite number"
    return number, None


def quiet_numpy(check):
    """Run a check with numpy's floating-point warnings off: a huge answer (1e308) must get a
    message, not an overflow warning from the comparisons."""

    @functools.wraps(check)
    def wrapper(answer) -> Feedback:
        with np.errstate(all="ignore"):
            return check(answer)

    return wrapper

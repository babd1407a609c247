"""Self-checks for the notebooks' exercises, one module per notebook.

Each check takes the learner's answer and returns a short message that says what is right or
what is off (a wrong sign, a missing factor, the wrong shape), not only ✓/✗.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Feedback"]


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

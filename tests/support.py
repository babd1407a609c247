"""Assertions and bad inputs shared by the tests."""

import time

import numpy as np
import sympy

from helpers.exercises import Feedback


def assert_feedback(fb, status, *phrases):
    """``fb`` is Feedback with this status, whose message contains every phrase."""
    assert isinstance(fb, Feedback)
    assert fb.status == status, fb.message
    for phrase in phrases:
        assert phrase in fb.message, fb.message
    assert bool(fb) is (status == "correct")


class BrokenFloat:
    """An object whose conversion to a number raises."""

    def __float__(self):
        raise RuntimeError("float boom")


class BrokenArray:
    """An object whose conversion to an array raises."""

    def __array__(self, *args, **kwargs):
        raise RuntimeError("array boom")


class BrokenRepr:
    """A number-like object (it converts to 1.0) that cannot be shown."""

    def __float__(self):
        return 1.0

    def __repr__(self):
        raise RuntimeError("repr boom")


class BrokenEverything:
    """Every protocol numpy, Python or sympy might try raises."""

    def __float__(self):
        raise RuntimeError("float boom")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("array boom")

    def __repr__(self):
        raise RuntimeError("repr boom")

    def __len__(self):
        raise RuntimeError("len boom")

    def __iter__(self):
        raise RuntimeError("iter boom")

    def __eq__(self, other):
        raise RuntimeError("eq boom")

    __hash__ = object.__hash__


class BrokenLen(list):
    """A list whose len() raises."""

    def __len__(self):
        raise RuntimeError("len boom")


_x = sympy.Symbol("x")

#: Answers an exercise check must answer with a message, quickly: objects that break Python's
#: protocols, numbers too large for a float, complex arrays and sympy expressions too large to expand.
HOSTILE_ANSWERS = [
    BrokenFloat(),
    BrokenArray(),
    BrokenRepr(),
    BrokenEverything(),
    BrokenLen([1.0, 2.0]),
    10**400,
    [10**400, 1],
    np.array([1j, 2.0]),
    sympy.Integer(10) ** (10**5),
    _x ** (10**9),
    _x ** (10**6),
    sympy.Add(*(_x**k for k in range(2000))),  # one Add: sum() would take seconds to build it
    np.broadcast_to(0.0, (10**7,)),  # ten million numbers, without the memory
]


def assert_answers_quickly(check, answer, seconds=0.5):
    """``check(answer)`` returns a Feedback within ``seconds``."""
    start = time.perf_counter()
    fb = check(answer)
    elapsed = time.perf_counter() - start
    assert isinstance(fb, Feedback) and isinstance(fb.message, str)
    str(fb)
    assert elapsed < seconds, f"{check.__name__} took {elapsed:.2f} s"
    return fb

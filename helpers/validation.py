"""Validation at the boundary: every public function checks its arguments here.

Each check raises ``TypeError`` or ``ValueError`` with a message that names the
argument, shows the value it got and says what is allowed, in the style of
scikit-learn's parameter checks.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

__all__ = [
    "check_array",
    "check_callable",
    "check_choice",
    "check_int",
    "check_real",
]


def _show(value: Any) -> str:
    # Long reprs (arrays, strings) are cut so a message stays one readable line.
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_real(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Return ``value`` as a finite float within ``[low, high]``.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : object
        What the caller passed.
    low, high : float, optional
        Bounds; ``None`` means unbounded on that side.
    low_inclusive, high_inclusive : bool
        Whether the bounds themselves are allowed.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (bools are refused too).
    ValueError
        If ``value`` is NaN, infinite or outside the bounds.
    """
    # A plain float is by far the common case; isinstance against the numbers ABC is slow (it is
    # called for every node the autodiff engine builds).
    if type(value) is not float and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
        raise TypeError(f"{name} must be a real number, got {_show(value)} of type {type(value).__name__}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {_show(value)}")
    if low is not None and (x < low or (x == low and not low_inclusive)):
        raise ValueError(f"{name} must be {_describe(low, high, low_inclusive, high_inclusive)}, got {_show(value)}")
    if high is not None and (x > high or (x == high and not high_inclusive)):
        raise ValueError(f"{name} must be {_describe(low, high, low_inclusive, high_inclusive)}, got {_show(value)}")
    return x


def _describe(low, high, low_inclusive, high_inclusive) -> str:
    if low is not None and high is not None:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        return f"in {left}{low:g}, {high:g}{right}"
    if low is not None:
        if low == 0 and not low_inclusive:
            return "positive (> 0)"
        return f"{'>=' if low_inclusive else '>'} {low:g}"
    return f"{'<=' if high_inclusive else '<'} {high:g}"


def check_int(name: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int within ``[low, high]`` (both inclusive).

    Raises
    ------
    TypeError
        If ``value`` is not an integer (floats such as ``3.0`` and bools are refused).
    ValueError
        If ``value`` is outside the bounds.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_show(value)} of type {type(value).__name__}")
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        if high is None:
            allowed = f">= {low}"
        elif low is None:
            allowed = f"<= {high}"
        else:
            allowed = f"in [{low}, {high}]"
        raise ValueError(f"{name} must be an integer {allowed}, got {n}")
    return n


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError`` listing them."""
    options = list(choices)
    if value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise ValueError(f"{name} must be one of {listed}; got {_show(value)}")
    return value


def check_callable(name: str, value: Any) -> Callable:
    """Return ``value`` if it is callable, else raise ``TypeError``."""
    if not callable(value):
        raise TypeError(f"{name} must be callable (a function), got {_show(value)} of type {type(value).__name__}")
    return value


def check_array(
    name: str,
    value: Any,
    *,
    ndim: int | tuple[int, ...] | None = None,
    finite: bool = True,
    min_rows: int | None = None,
) -> np.ndarray:
    """Return ``value`` as a float64 array, checking its dimensions and finiteness.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : array_like
        Numbers; strings, objects and ragged lists are refused.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    finite : bool
        Refuse NaN and infinities.
    min_rows : int, optional
        Smallest allowed length of the first axis.
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers, got {_show(value)}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be a {want} array, got shape {arr.shape}")
    if min_rows is not None and (arr.ndim == 0 or arr.shape[0] < min_rows):
        raise ValueError(f"{name} must have at least {min_rows} rows, got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf), got {_show(value)}")
    return arr

"""Validation at the boundary: every public function checks its arguments here.

Each check raises ``TypeError`` or ``ValueError`` with a message that names the
argument, shows the value it got and says what is allowed, in the style of
scikit-learn's parameter checks.
"""

from __future__ import annotations

import math
import numbers
import reprlib
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Literal, overload

import numpy as np

__all__ = [
    "MAX_ELEMENTS",
    "MAX_STEPS",
    "MAX_WORK",
    "check_array",
    "check_callable",
    "check_choice",
    "check_int",
    "check_limit",
    "check_real",
    "check_returned",
]

# --- work bounds --------------------------------------------------------------------------------
# Checked before the work starts, so a typo such as epochs=10**7 gets an error at once instead of a
# kernel that runs for minutes (or dies allocating memory). Each is far above anything the notebooks
# and explorers do; the message says which limit was hit and how to stay under it.

#: Most numbers one array a helper allocates may hold: 10**8 float64 are 800 MB, well inside a free
#: Colab machine (about 12 GB), and 1000 times the course's largest data set (make_linear(100_000)).
MAX_ELEMENTS = 10**8

#: Most iterations of a Python loop (descent steps, SGD updates, training epochs × batches, parameters
#: nudged by a gradient check): each costs microseconds to a fraction of a millisecond, so a million is
#: seconds to a minute. The explorers cap descent at 10 000 steps; the notebooks stay below that.
MAX_STEPS = 1_000_000

#: Most arithmetic in one call, counted as multiply-adds of the data with the parameters (steps × n × d
#: for regression, epochs × n × parameters for a network): about half a minute of numpy on a laptop.
#: The course's largest training (notebook 08: 800 epochs of a 12 867-parameter network on 300 points)
#: is 3·10⁹.
MAX_WORK = 10**10


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 80


def _show(value: Any, width: int = 80) -> str:
    """A value in a message: its repr, cut to one readable line, whatever the object does.

    reprlib keeps huge containers and integers cheap to show (the first few items, a cut number);
    an object whose ``__repr__`` raises is named by its type instead.
    """
    try:
        if isinstance(value, (list, tuple, set, frozenset, dict, int)):
            text = _SHORT.repr(value)
        else:
            text = repr(value)
    except Exception:  # a broken __repr__, or an int too long for str()
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= width else text[: width - 3] + "..."


def _count(n: int) -> str:
    # Thousands separators up to 10**15, then a power of ten (float() would overflow for 10**400).
    return f"{n:,}" if n < 10**15 else f"about 10^{len(str(n)) - 1}"


def check_limit(what: str, amount: int, limit: int, advice: str) -> int:
    """Refuse a size or an amount of work above ``limit``, before any of it is allocated or done.

    ``what`` names the quantity (``"n × d"``, ``"epochs × batches per epoch"``); ``advice`` says how
    to stay under the limit. Pass exact Python ints: products of sizes must not wrap around.
    """
    if amount > limit:
        raise ValueError(f"{what} is {_count(amount)}, over the limit of {_count(limit)}; {advice}")
    return amount


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
    if type(value) is float:
        x = value
    else:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number, got {_show(value)} of type {type(value).__name__}")
        try:
            x = float(value)
        except OverflowError:  # an int such as 10**400
            raise ValueError(f"{name} must be a finite number, got {_show(value)}, too large for a float") from None
        except Exception as exc:  # a Real whose __float__ is broken
            raise TypeError(f"{name} must be a real number, got {_show(value)}: float() failed ({exc})") from exc
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
        raise ValueError(f"{name} must be an integer {allowed}, got {_show(n)}")
    return n


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError`` listing them."""
    options = list(choices)
    try:
        found = value in options
    except Exception:  # an array (ambiguous truth value) or an object whose __eq__ raises
        found = False
    if not found:
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
    arr = _as_float_array(name, value)
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


def _as_float_array(name: str, value: Any) -> np.ndarray:
    """``value`` as float64, refusing what ``np.asarray(value, dtype=float)`` would quietly accept:
    strings of digits, complex numbers (it drops the imaginary part) and dates."""
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists, or an object whose __array__ or __len__ raises
        raise TypeError(f"{name} must be an array of real numbers, got {_show(value)} ({_reason(exc)})") from exc
    kind = arr.dtype.kind
    if kind in "biuf":  # bools, integers, floats: converted exactly as before
        return arr.astype(float, copy=False)
    refused = f"{name} must be an array of real numbers, got {_show(value)}"
    if kind == "c":
        raise TypeError(f"{refused}: complex numbers are not allowed (pass the real part, x.real)")
    if kind != "O":  # strings, bytes, dates, records
        raise TypeError(f"{refused} of dtype {arr.dtype}")
    # Objects: Python ints too large for int64, Fractions, sympy numbers, or garbage.
    if any(v is None for v in arr.flat):  # numpy would make None a NaN: a missing value, not a number
        raise TypeError(f"{refused}: None is not a number")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            return arr.astype(float)
    except OverflowError:
        raise ValueError(
            f"{name} must contain only finite numbers, got {_show(value)}: too large for a float"
        ) from None
    except Exception as exc:
        raise TypeError(f"{refused} ({_reason(exc)})") from exc


def _reason(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text if len(text) <= 60 else text[:57] + '...'}"


_FLOAT64 = np.dtype(np.float64)


@overload
def check_returned(name: str, value: Any, *, scalar: Literal[True]) -> float: ...
@overload
def check_returned(name: str, value: Any, *, scalar: bool) -> float | np.ndarray: ...
def check_returned(name: str, value: Any, *, scalar: bool) -> float | np.ndarray:
    """What a caller's function returned (a gradient, a loss), as a float or a float64 array.

    NaN and infinities are kept: the loops report them as divergence. ``name`` says which function,
    e.g. ``"the value grad returned"``; ``scalar`` asks for exactly one number.
    """
    # The common cases, kept fast for the descent loops: a Python float, a float64 array.
    if type(value) is float or (type(value) is np.ndarray and value.dtype is _FLOAT64 and not scalar):
        return value
    arr = _as_float_array(name, value)
    if not scalar:
        return arr
    if arr.size != 1:
        raise ValueError(f"{name} must be a single number, got shape {arr.shape}")
    return float(arr.reshape(()))

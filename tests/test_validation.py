"""The shared argument checks: clear errors for every kind of bad input, unchanged results for good input."""

import fractions
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import BrokenArray, BrokenEverything, BrokenFloat, BrokenRepr

from helpers.validation import (
    MAX_ELEMENTS,
    _show,
    check_array,
    check_choice,
    check_int,
    check_limit,
    check_real,
    check_returned,
)


class RealWithBrokenFloat(float):
    """A numbers.Real whose __float__ raises."""

    def __float__(self):
        raise RuntimeError("float boom")


@pytest.mark.parametrize(
    "value, error, phrase",
    [
        (10**400, ValueError, "lr must be a finite number, got 1000"),
        (-(10**400), ValueError, "too large for a float"),
        ("1.0", TypeError, "lr must be a real number, got '1.0'"),
        (1 + 2j, TypeError, "lr must be a real number"),
        (np.complex128(1), TypeError, "of type complex128"),
        (RealWithBrokenFloat(1.0), TypeError, "float() failed"),
        (BrokenRepr(), TypeError, "<BrokenRepr object>"),
        (BrokenEverything(), TypeError, "<BrokenEverything object>"),
    ],
)
def test_check_real_refuses_with_the_name(value, error, phrase):
    with pytest.raises(error) as info:
        check_real("lr", value)
    assert phrase in str(info.value)


@pytest.mark.parametrize(
    "value, error, phrase",
    [
        ("1.0", TypeError, "of dtype <U3"),
        (["1", "2"], TypeError, "x must be an array of real numbers, got ['1', '2']"),
        (b"12", TypeError, "of dtype |S2"),
        ([1 + 1j, 2.0], TypeError, "complex numbers are not allowed"),
        (np.array([1j]), TypeError, "complex numbers are not allowed"),
        (np.array(["2020-01-01"], dtype="M8[D]"), TypeError, "of dtype datetime64"),
        ([10**400, 1], ValueError, "too large for a float"),
        ([[1.0], [1.0, 2.0]], TypeError, "must be an array of real numbers"),
        ([1.0, None], TypeError, "must be an array of real numbers"),
        (BrokenArray(), TypeError, "RuntimeError: array boom"),
        (BrokenFloat(), TypeError, "RuntimeError: float boom"),
        (BrokenEverything(), TypeError, "<BrokenEverything object>"),
    ],
)
def test_check_array_refuses_what_asarray_would_quietly_accept(value, error, phrase):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ComplexWarning on the way to the error
        with pytest.raises(error) as info:
            check_array("x", value)
    assert phrase in str(info.value)


@given(hnp.arrays(hnp.floating_dtypes() | hnp.integer_dtypes() | hnp.boolean_dtypes(), hnp.array_shapes(min_dims=0)))
def test_check_array_converts_numbers_exactly_as_numpy_does(arr):
    out = check_array("x", arr, finite=False)
    expected = np.asarray(arr, dtype=float)
    assert out.dtype == np.float64 and out.shape == expected.shape
    np.testing.assert_array_equal(out, expected)


def test_check_array_does_not_copy_a_float64_array():
    a = np.arange(3.0)
    assert check_array("x", a) is a


def test_check_array_reads_python_objects_that_are_numbers():
    out = check_array("x", [fractions.Fraction(1, 4), 2**70, 3])
    np.testing.assert_array_equal(out, [0.25, 2.0**70, 3.0])


def test_check_limit_says_the_quantity_the_limit_and_what_to_do():
    assert check_limit("n × d", 10, 10, "ask for less") == 10
    with pytest.raises(ValueError, match=r"n × d is 1,000,000,001, over the limit of 100,000,000; ask for less"):
        check_limit("n × d", 10**9 + 1, MAX_ELEMENTS, "ask for less")
    with pytest.raises(ValueError, match=r"is about 10\^400, over"):
        check_limit("n", 10**400, MAX_ELEMENTS, "ask for less")


def test_check_int_and_check_choice_show_bad_values_briefly():
    with pytest.raises(ValueError, match=r"got 100000000000000000.*0000$"):
        check_int("n", 10**400, high=5)
    with pytest.raises(ValueError, match="objective must be one of 'a', 'b'"):
        check_choice("objective", np.array(["a", "b"]), ("a", "b"))  # ambiguous ==: refused, not raised
    with pytest.raises(ValueError, match="<BrokenEverything object>"):
        check_choice("objective", BrokenEverything(), ("a", "b"))


def test_show_never_raises_and_stays_short():
    assert _show(BrokenRepr()) == "<BrokenRepr object>"
    assert len(_show(10**5000)) <= 80
    assert len(_show(list(range(10**6)))) <= 80
    assert _show("abc") == "'abc'"


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_check_returned_keeps_non_finite_numbers(v):
    out = check_returned("the value grad returned", v, scalar=True)
    assert out == v or (np.isnan(out) and np.isnan(v))


@pytest.mark.parametrize("value", ["1.0", None, 1j, np.array([1j, 1.0]), BrokenArray()])
def test_check_returned_refuses_what_is_not_a_real_number(value):
    with pytest.raises(TypeError, match="the value grad returned must be an array of real numbers"):
        check_returned("the value grad returned", value, scalar=False)


def test_check_returned_scalar_needs_one_number():
    assert check_returned("f", np.float64(2.5), scalar=True) == 2.5
    assert type(check_returned("f", np.array([2.5]), scalar=True)) is float
    with pytest.raises(ValueError, match=r"f must be a single number, got shape \(2,\)"):
        check_returned("f", [1.0, 2.0], scalar=True)

"""Integer powers as numpy 1.24 computes them (issue 11).

A negative integer exponent is numpy's ValueError "Integers to negative integer powers
are not allowed." -- at trace time when the exponent is a constant (a Python int, a numpy
scalar or array), when the compiled code runs when it is staged; never when the result
is empty (numpy's loop never runs). Otherwise integer powers are exact and wrap like
numpy's (0**0 == 1, overflow modulo 2**32 or 2**64). Both call paths each time.
"""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths

NEGATIVE = "Integers to negative integer powers are not allowed."
INTS = [np.int32, np.int64]
IDS = {np.int32: "i32", np.int64: "i64"}


def base(dtype=np.int64):
    return np.array([-3, -2, -1, 0, 1, 2, 3, 7], dtype)


@pytest.mark.parametrize("exponent", [-1, -2, np.int32(-1), np.int64(-5),
                                      np.array(-2), np.array([1, -1, 2, 0, 1, 1, 1, 1])],
                         ids=["py-1", "py-2", "i32-1", "i64-5", "0d-2", "array"])
@pytest.mark.parametrize("dtype", INTS, ids=lambda t: IDS[t])
def test_negative_constant_exponent_is_value_error_when_tracing(dtype, exponent):
    if isinstance(exponent, np.ndarray):
        # Frozen: a compile-time constant (a writable closure array would be an implicit
        # parameter, checked when the code runs).
        exponent = exponent.copy()
        exponent.setflags(write=False)

    def power(x):
        return x ** exponent

    def np_power(x):
        return np.power(x, exponent)
    for fn in (power, np_power):
        error = check_paths(fn, base(dtype))
        assert NEGATIVE in str(error) and "test_numerics_power.py" in str(error)


@pytest.mark.parametrize("dtype", INTS, ids=lambda t: IDS[t])
def test_negative_staged_exponent_raises_when_the_code_runs(dtype):
    def power(x, e):
        return x ** e
    staged = ag.stage(power)
    for e in (np.array(-1, dtype), np.array(-2**31, dtype)):
        check_paths(power, base(dtype), e, staged=staged)
        raises_on_paths(staged, (base(dtype), e), ValueError, NEGATIVE,
                        "test_numerics_power.py")
    for e in (0, 1, 2, 5, 31, 62, 63, 64, 2**31 - 1):  # the same compiled code
        check_paths(power, base(dtype), np.array(e, dtype), staged=staged)
    assert staged.trace_count == 1


def test_negative_exponent_in_a_staged_array():
    def power(x, e):
        return x ** e
    x = base()
    ok = np.array([0, 1, 2, 3, 4, 5, 6, 63])
    check_paths(power, x, ok)
    check_paths(power, x, np.where(np.arange(8) == 5, -1, ok))
    check_paths(power, x[:1], np.array([[1], [-1]]))  # broadcast: every exponent used


def test_staged_base_scalar_exponent_array():
    def power(b, e):
        return b ** e
    check_paths(power, np.array(3), np.array([0, 1, 2, -1]))
    check_paths(power, np.array(3), np.array([0, 1, 2, 40]))
    check_paths(lambda e: 2 ** e, np.array([0, 5, 62, 63, 64]))
    check_paths(lambda e: 2 ** e, np.array([0, -5]))


def test_empty_results_raise_nothing():
    """numpy checks exponents inside its loop: an empty result checks none."""
    def power(x, e):
        return x ** e
    check_paths(power, np.zeros(0, np.int64), np.array(-1))
    check_paths(power, np.zeros((0, 3), np.int64), np.array([1, -1, 2]))
    check_paths(lambda x: x ** -1, np.zeros((2, 0), np.int32))
    check_paths(lambda x: np.power(x, np.array([-1, -2])), np.zeros((0, 2), np.int64))


def test_dynamic_dims_decide_at_run_time():
    def power(x):
        return x ** -2
    staged = ag.stage(power, dynamic="batch")
    for n in (0, 3, 0, 5):
        x = np.arange(n * 2, dtype=np.int64).reshape(n, 2)
        if n:
            raises_on_paths(staged, (x,), ValueError, NEGATIVE)
        else:
            for _ in range(2):
                got = staged(x)
                assert got.shape == (0, 2) and got.dtype == np.int64


def test_float_results_allow_negative_exponents():
    x = base()
    check_paths(lambda x: x ** -1.0, x)
    check_paths(lambda x: np.power(x, -2, dtype=np.float64), x)
    check_paths(lambda x, e: x.astype(np.float32) ** e, x, np.array(-3))
    check_paths(lambda x, e: x ** e, x.astype(np.float64), np.array([-1] * 8))


@pytest.mark.parametrize("dtype", INTS, ids=lambda t: IDS[t])
def test_integer_power_values_wrap_like_numpy(dtype):
    def power(x, e):
        return x ** e
    info = np.iinfo(dtype)
    x = np.array([0, 1, -1, 2, 3, -3, 7, info.max, info.min, 10**4], dtype)
    for e in (0, 1, 2, 3, 17, 31, 32, 33, 40, 63, 64, 101, 2**20 + 1):
        check_paths(power, x, np.array(e, dtype))
    check_paths(power, x, np.arange(10, dtype=dtype) * 7)
    check_paths(lambda x: x ** 0, x)
    check_paths(lambda x: x ** 2, x)


def test_mixed_int_widths_promote_as_numpy():
    a32, a64 = base(np.int32), base(np.int64)
    check_paths(lambda a, b: a ** b, a32, np.arange(8, dtype=np.int64))
    check_paths(lambda a, b: a ** b, a64, np.arange(8, dtype=np.int32))
    check_paths(lambda a, b: a ** b, a32, np.array(3, np.int32))
    check_paths(lambda a: a ** np.int64(3), a32)
    check_paths(lambda a: a ** 40, a32)
    check_paths(lambda a: np.power(a, a), a32)


def test_square_fast_path_dtypes():
    """numpy's `x ** 2` is np.square of x: bool squares to int8 (never int64), and an
    integer array ** 2.0 is cast to float64 first."""
    b = np.array([True, False])
    for fn in (lambda b: b ** 2, lambda b: b ** 2.0, lambda b: b ** np.int64(2)):
        assert (fn(b)).dtype == np.int8
        assert check_paths(fn, b).dtype == np.int8
    check_paths(lambda b: b ** 3, b)
    for dtype in INTS:
        x = np.arange(-2, 3, dtype=dtype)
        assert check_paths(lambda x: x ** 2.0, x).dtype == np.float64
        assert check_paths(lambda x: x ** np.float32(2), x).dtype == np.float64
        assert check_paths(lambda x: x ** 2, x).dtype == dtype

"""np.isscalar and np.frombuffer are plain Python in numpy: of a staged value they
answer for what it is when the code runs -- a numpy scalar (`x.sum()`, `x[0]` of a 1-d
array, a numpy scalar argument) or a Python number is a scalar, an array (0-d included)
is not; frombuffer views the array's bytes (numba's list, issue 12). Both call paths. And an object
that holds staged arrays (x.flat, a user object) cannot be returned: its staged values
would be dead after tracing."""

import numpy as np
import pytest

import ag

from _reference import assert_same


def parts(x):
    return (np.isscalar(x), np.isscalar(x.sum()), np.isscalar(x[0]),
            np.isscalar(x.sum().item()), np.isscalar(x.reshape(-1)[:1]), np.isscalar(3))


def of_argument(s):
    return np.isscalar(s)


def branch_on_it(x):
    s = x.sum()
    if np.isscalar(s):
        return s * 2.0
    return s


@pytest.mark.parametrize("x", [np.ones(3), np.ones((2, 2)), np.arange(4, dtype=np.int32)],
                         ids=["1d", "2d", "i32"])
def test_isscalar_of_staged_values(x):
    staged = ag.stage(parts)
    for _ in range(2):
        assert staged(x) == parts(x)


@pytest.mark.parametrize("s", [np.float64(1.0), np.int32(3), np.array(1.0), np.ones(2)],
                         ids=["f64-scalar", "i32-scalar", "0d-array", "array"])
def test_isscalar_of_an_argument(s):
    staged = ag.stage(of_argument)
    for _ in range(2):
        assert staged(s) is of_argument(s)


def test_isscalar_decides_python_control_flow():
    x = np.arange(5.0)
    assert_same(ag.stage(branch_on_it)(x), branch_on_it(x))


def test_frombuffer_of_a_staged_array_is_a_view_of_its_bytes():
    # (test_bits.py has the rest: item sizes, writes both ways, numpy's errors)
    def f(x):
        return np.frombuffer(x, np.int32)

    x = np.arange(8, dtype=np.uint8)
    assert_same(ag.stage(f)(x), f(x))


class _Box:
    def __init__(self, v):
        self.v = v


def _returns_flat(x):
    return x.flat


def _returns_box(x):
    return _Box(x * 2.0)


def _returns_box_of_number(x):
    return _Box(3)


@pytest.mark.parametrize("fn", [_returns_flat, _returns_box])
def test_an_object_holding_staged_arrays_cannot_be_returned(fn):
    # Its staged values exist only while tracing: the caller would get dead ones.
    with pytest.raises(ag.AgUnsupportedError, match="holds staged arrays"):
        ag.stage(fn)(np.arange(3.0))


def test_an_object_holding_python_values_is_returned():
    assert ag.stage(_returns_box_of_number)(np.arange(3.0)).v == 3

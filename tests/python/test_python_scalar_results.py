"""Where numpy gives a Python number -- `x.item()`, `int(x)`, `float(x)`, `bool(x)`,
`np.allclose`, `np.array_equal` -- the staged function returns one too (its type, not
a numpy scalar's), on both call paths."""

import numpy as np
import pytest

import ag
from _reference import assert_same


def item_float(x):
    return x.item(0)


def item_int(x):
    return x.astype(np.int32).sum().item()


def item_bool(x):
    return (x > 1).any().item()


def conversions(x):
    return bool(x.sum() > 0), int(x.max()), float(x.min())


def allclose(x):
    return np.allclose(x, x + 1e-9)


def array_equal(x):
    return np.array_equal(x, x * 1), np.array_equal(x, x + 1)


@pytest.mark.parametrize("fn", [item_float, item_int, item_bool, conversions, allclose,
                                array_equal])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_python_numbers_leave_as_python_numbers(fn, dtype):
    x = np.arange(4, dtype=dtype)
    staged = ag.stage(fn)
    for _ in range(2):  # the first call, then the cached one
        assert_same(staged(x.copy()), fn(x.copy()))


def _write_reduction(x):
    t = x.sum(axis=0)
    t[...] = 3
    return x


def _write_element(x):
    t = x[1]
    t[...] = 3
    return x


def _write_on_one_path(x):
    t = x.sum()
    if x[0] > 0:
        t[...] = 3  # numpy raises only when this runs
    return x * 2


@pytest.mark.parametrize("fn", [_write_reduction, _write_element])
def test_a_numpy_scalar_does_not_support_item_assignment(fn):
    with pytest.raises(TypeError, match="'numpy.float64' object does not support item "
                                        "assignment"):
        fn(np.ones(2))
    with pytest.raises(ag.AgError, match=r"test_python_scalar_results.py:\d+: 'numpy."
                                         r"float64' object does not support item "
                                         "assignment") as raised:
        ag.stage(fn)(np.ones(2))
    assert isinstance(raised.value, TypeError)


def test_item_assignment_into_a_numpy_scalar_on_a_path_not_taken():
    staged = ag.stage(_write_on_one_path)
    for _ in range(2):
        assert_same(staged(-np.ones(2)), _write_on_one_path(-np.ones(2)))
        with pytest.raises(TypeError, match="does not support item assignment"):
            staged(np.ones(2))

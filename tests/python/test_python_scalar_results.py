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

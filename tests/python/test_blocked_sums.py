"""Long float sums of an argument run in blocks of 8 pairwise buffers (one loop
iteration each): bit for bit numpy 1.24's pairwise sums on both call paths, for
lengths at, around and between block boundaries, float32 and float64, mean as well as
sum, inside a staged loop, and for a computed operand (not blocked: its producer fuses
into the lane sums, a broadcasting one and one read by a partial buffer too)."""

import re

import numpy as np
import pytest

import ag

from _reference import assert_same

BLOCK = 8 * 8192


def total(x):
    return np.sum(x), np.mean(x)


def sum_of_squares(x):
    return np.sum(x * x)


def repeated(x, n):
    t = x.sum()
    for _ in range(n):
        t = t + x.sum()
    return t


def _exact(fn, *args):
    expected = fn(*args)
    staged = ag.stage(fn)
    for _ in range(2):  # trace + compile, then the cached C dispatcher
        got = staged(*args)
        assert_same(got, expected)
        for g, e in zip(got if isinstance(got, tuple) else (got,),
                        expected if isinstance(expected, tuple) else (expected,)):
            np.testing.assert_array_equal(np.asarray(g), np.asarray(e))


LENGTHS = [2 * BLOCK, 2 * BLOCK + 1, 2 * BLOCK + 8192 * 3 + 77, 5 * BLOCK - 1,
           17 * BLOCK + 8192 + 8]


@pytest.mark.parametrize("n", LENGTHS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_long_sums_match_numpy_bit_for_bit(n, dtype):
    x = (np.random.default_rng(n).standard_normal(n) * 100 + 3).astype(dtype)
    _exact(total, x)


def test_two_d_and_non_contiguous():
    rng = np.random.default_rng(3)
    m = rng.standard_normal((3, 2 * BLOCK + 5))
    _exact(total, m)                 # whole-array sum of a 2-d array: one row
    _exact(total, m[::-1, ::2])      # a strided view (copied to contiguous)
    _exact(lambda v: v.sum(axis=1), m[:1])


def test_special_values():
    x = np.random.default_rng(4).standard_normal(3 * BLOCK)
    x[BLOCK + 5] = np.inf
    _exact(total, x)
    x[2 * BLOCK + 9] = np.nan
    _exact(total, x)
    _exact(total, np.full(3 * BLOCK, -0.0))


def test_computed_operand_and_loop():
    x = np.random.default_rng(5).standard_normal(3 * BLOCK + 100)
    _exact(sum_of_squares, x)
    _exact(repeated, x, np.int64(3))


def test_blocked_only_for_arguments():
    x = np.zeros(3 * BLOCK)
    assert "scf.for" in ag.stage(total).ir(x, emit="linalg")
    assert "scf.for" not in ag.stage(sum_of_squares).ir(x, emit="linalg")


def deviations(x):
    return np.sum((x - np.mean(x, keepdims=True)) ** 2)


@pytest.mark.parametrize("n", [3 * BLOCK, 3 * BLOCK + 100, 10 ** 6, 8192 + 8])
@pytest.mark.parametrize("fn", [deviations, sum_of_squares, np.std, np.var,
                                lambda x: np.std(x, ddof=1, keepdims=True)],
                         ids=["keepdims", "squares", "std", "var", "std_ddof"])
def test_an_elementwise_producer_fuses_into_the_lane_sums(fn, n):
    # The sum reads its operand as a row (an expand_shape) and, with a partial last
    # buffer, as two slices of it; fusion stopped at the reshape when the producer
    # broadcasts (x - mean(x, keepdims=True)) and at the two readers, and the squared
    # deviations were written to a buffer as long as x and read back
    # (ag-views-into-elementwise). Only the partial buffer's are computed apart.
    x = np.random.default_rng(n).standard_normal(n) * 10 + 2
    _exact(fn, x)
    body = ag.stage(fn).ir(x, emit="bufferized").split("func.func")[1]
    assert re.findall(r"memref.alloc\(\) .*: memref<(?:1x)?%dxf64>" % n, body) == []

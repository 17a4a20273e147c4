"""Float sums, means and products of arrays in any memory layout add in numpy's order:
numpy's reduction iterator walks the axes by stride, largest first, so a
Fortran-ordered or transposed array is summed in memory order, pairwise along its
contiguous axis. Another order is another rounding -- and, with cancellation, another
value altogether (fuzz seed 74 #8490: the mean of a Fortran-ordered int64 array holding
+-2**63 was 2.9 in numpy and 0.58 in ag, which took the other branch of an if). Results
are compared bit for bit, on both call paths."""

import numpy as np
import pytest

import ag

from _reference import dtype_id


def _layouts(dtype, rng):
    """name -> array, the same kind of data in every layout numpy reports (scaled so
    that the order of the additions shows in the last bits)."""
    def data(shape):
        return (rng.standard_normal(shape) * 1000).astype(dtype)

    base = data((40, 300))
    cube = data((6, 7, 150))
    return {
        "C": base,
        "F": np.asfortranarray(base),
        "T": data((300, 40)).T,
        "strided": base[:, ::3],
        "strided_T": base[::2, ::3].T,
        "reversed_T": base[::-1].T,
        "F3": np.asfortranarray(cube),
        "perm3": np.transpose(data((7, 150, 6)), (2, 0, 1)),
        "perm3_strided": np.transpose(data((7, 150, 12)), (2, 0, 1))[::2],
    }


def _reductions():
    return {
        "sum": lambda x: x.sum(),
        "mean": lambda x: np.mean(x),
        "sum_axis0": lambda x: x.sum(axis=0),
        "sum_last": lambda x: np.sum(x, axis=-1),
        "mean_axis0_keep": lambda x: x.mean(axis=0, keepdims=True),
        "sum_both_keep": lambda x: np.sum(x, axis=(0, 1), keepdims=True),
        "prod_axis1": lambda x: np.prod(x * np.float32(1e-3) + 1, axis=1),
        "var_axis0": lambda x: np.var(x, axis=0),
        "std": lambda x: x.std(),
    }


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=dtype_id)
def test_float_reductions_in_memory_order(dtype):
    rng = np.random.default_rng([1, np.dtype(dtype).num])
    for layout, x in _layouts(dtype, rng).items():
        for name, fn in _reductions().items():
            expected = fn(x)
            staged = ag.stage(fn)
            for call in range(2):  # trace + compile, then the C dispatcher
                got = staged(x)
                assert np.shape(got) == np.shape(expected), (layout, name)
                assert np.asarray(got).dtype == np.asarray(expected).dtype, (layout, name)
                assert np.array_equal(got, expected), (layout, name, call)


def test_reduction_result_is_laid_out_as_numpy_lays_it_out():
    """Inside the function the result of a reduction of a Fortran-ordered array is
    Fortran-ordered, as numpy's, as .flags and .strides say there. (The array returned
    to the caller is C-ordered, as every result of ag is.)"""
    x = np.asfortranarray(np.arange(2 * 3 * 4, dtype=np.float64).reshape(2, 3, 4))

    def f(x):
        s = x.sum(axis=1)
        return s.flags.f_contiguous, s.flags.c_contiguous, s.strides

    expected = f(x)
    staged = ag.stage(f)
    for _ in range(2):
        got = staged(x)
        assert got == expected


def test_integer_mean_of_fortran_array_cancels_as_numpy():
    """The fuzz's program: a Fortran-ordered int64 array with +-2**63 whose float64 mean
    cancels differently in another order, deciding a staged if."""
    a = np.asfortranarray(np.array(
        [9223372036854775804, 8, -3, 0, -9223372036854775808, 9, 8, 6, -3, 7, 6, -3],
        dtype=np.int64).reshape(3, 4))

    def f(a):
        if a.mean() >= 2:
            return a.mean() * 2
        return a.mean() - 100

    expected = f(a)
    staged = ag.stage(f)
    for _ in range(2):
        assert staged(a) == expected


def test_large_integer_mean_in_memory_order():
    """numpy casts an int64 array to float64 in buffers of 8192 elements and sums each
    pairwise: in memory order for a Fortran-ordered array."""
    rng = np.random.default_rng(5)
    x = np.asfortranarray(rng.integers(-2**62, 2**62, (150, 120)))
    for fn in (lambda v: v.mean(), lambda v: v.mean(axis=1), lambda v: v.sum(dtype=np.float64)):
        expected = fn(x)
        staged = ag.stage(fn)
        for _ in range(2):
            assert np.array_equal(staged(x), expected)


def test_layout_known_only_at_run_time():
    """An array whose layout depends on a staged condition (an Either of two layouts)
    is summed as before: the reduction sees its logical order (no error, the values
    agree to rounding)."""
    rng = np.random.default_rng(7)
    x = (rng.standard_normal((30, 40)) * 10).astype(np.float32)

    def f(x, flag):
        y = x.T if flag.sum() > 0 else np.ascontiguousarray(x.T)
        return y.sum(axis=0)

    for flag in (np.ones(1), -np.ones(1)):
        np.testing.assert_allclose(ag.stage(f)(x, flag), f(x, flag), rtol=1e-5)

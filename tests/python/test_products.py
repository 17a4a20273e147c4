"""Differential tests of vdot, inner, outer, kron, trace and cross on staged arrays
(frontend/ag/staged/products.py) against numpy 1.24, over every staged dtype, 0-d, 0-size and
batched shapes, and numpy's errors; each case on the first call (trace + compile) and a
second, cached call with new data."""

import numpy as np
import pytest

from _reference import DTYPES, DTYPE_IDS, assert_same, check, make, rng_for, run_numpy

import ag


def both(fn, *shapes_and_dtypes, seed=0):
    staged = ag.stage(fn)
    for call in range(2):
        args = [make(dtype, shape, rng_for("products", shape, dtype, seed, call, i),
                     special=False, low=-5, high=5)
                for i, (dtype, shape) in enumerate(shapes_and_dtypes)]
        if call == 0:
            check(fn, *args, staged=staged)
        else:
            assert_same(staged(*args), run_numpy(fn, *args))


NUMERIC = [d for d in DTYPES if d is not np.bool_]
NUMERIC_IDS = [i for d, i in zip(DTYPES, DTYPE_IDS) if d is not np.bool_]


@pytest.mark.parametrize("dtype", NUMERIC, ids=NUMERIC_IDS)
@pytest.mark.parametrize("shapes", [((5,), (5,)), ((2, 3), (3, 2)), ((), ()), ((0,), (0,))],
                         ids=str)
def test_vdot(dtype, shapes):
    both(lambda a, b: np.vdot(a, b), (dtype, shapes[0]), (dtype, shapes[1]))


@pytest.mark.parametrize("dtype", NUMERIC, ids=NUMERIC_IDS)
@pytest.mark.parametrize("shapes", [((5,), (5,)), ((2, 3), (3,)), ((4,), (2, 4)),
                                    ((2, 3), (4, 3)), ((2, 1, 3), (2, 2, 3)), ((), (3,)),
                                    ((0, 3), (2, 3)), ((2, 0), (0,))], ids=str)
def test_inner(dtype, shapes):
    both(lambda a, b: np.inner(a, b), (dtype, shapes[0]), (dtype, shapes[1]))


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shapes", [((5,), (3,)), ((2, 3), (2,)), ((), (3,)), ((0,), (2,))],
                         ids=str)
def test_outer(dtype, shapes):
    both(lambda a, b: np.outer(a, b), (dtype, shapes[0]), (dtype, shapes[1]))


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shapes", [((2,), (3,)), ((2, 3), (2, 2)), ((3,), (2, 2)),
                                    ((2, 1, 2), (3, 2)), ((), (2, 2)), ((0, 2), (2, 3))],
                         ids=str)
def test_kron(dtype, shapes):
    both(lambda a, b: np.kron(a, b), (dtype, shapes[0]), (dtype, shapes[1]))


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shape", [(4, 4), (3, 5), (5, 3), (2, 3, 4), (0, 0), (1, 1)],
                         ids=str)
def test_trace(dtype, shape):
    def f(a):
        out = [np.trace(a), np.trace(a, 1), np.trace(a, -2), np.trace(a, 7),
               np.trace(a, dtype=np.float64)]
        if a.ndim == 3:
            out += [np.trace(a, 0, 2, 0), np.trace(a, -1, axis1=-1, axis2=1)]
        return tuple(out)
    both(f, (dtype, shape))


@pytest.mark.parametrize("dtype", NUMERIC, ids=NUMERIC_IDS)
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2,), (2,)), ((2,), (3,)), ((3,), (2,)),
                                    ((4, 3), (3,)), ((2, 1, 3), (4, 3)), ((0, 3), (3,))],
                         ids=str)
def test_cross(dtype, shapes):
    both(lambda a, b: np.cross(a, b), (dtype, shapes[0]), (dtype, shapes[1]))


def test_cross_axes_and_mixed_dtypes():
    a = make(np.float32, (3, 4), rng_for("cross", 0), special=False)
    b = make(np.int64, (4, 3), rng_for("cross", 1), special=False)
    check(lambda a, b: (np.cross(a, b, axisa=0), np.cross(a.T, b, axisc=0),
                        np.cross(a.T, b.T, axis=0)), a, b)


def test_errors():
    v3, v4, m = np.ones(3), np.ones(4), np.ones((2, 3))
    check(lambda a, b: np.vdot(a, b), v3, v4)
    check(lambda a, b: np.inner(a, b), m, v4)
    check(lambda a, b: np.cross(a, b), v4, v3)
    check(lambda a: np.trace(a), v3)
    check(lambda a, b: np.cross(a, b), np.ones((2, 3)), np.ones((3, 3)))

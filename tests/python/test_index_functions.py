"""numpy's gather/scatter functions on staged arrays, differential against numpy: nonzero,
argwhere, flatnonzero, one-argument where, take (modes), take_along_axis, put, ufunc.at
(unbuffered: repeated indices combine again; numpy's loop dtype and unsafe cast back),
bincount, and their ndarray methods. Every dtype; both call paths; numpy's errors."""

import numpy as np
import pytest

from _gather_helpers import check, data, indices
from _reference import DTYPE_IDS, DTYPES


# --- data-dependent sizes -----------------------------------------------------------------

NONZERO = {
    "nonzero": lambda x: np.nonzero(x),
    "argwhere": lambda x: np.argwhere(x),
    "flatnonzero": lambda x: np.flatnonzero(x),
    "where": lambda x: np.where(x),
    "method": lambda x: x.nonzero(),
    "count": lambda x: len(np.nonzero(x > x.mean())[0]),
}


@pytest.mark.parametrize("fn", list(NONZERO))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 3, 2), (0, 3)])
def test_nonzero_family(fn, dtype, shape):
    x = data(shape, dtype, seed=sum(shape))
    if dtype != np.bool_ and x.size > 3:
        x.flat[::3] = 0  # zeros to skip (NaN is nonzero)
    if fn == "count" and dtype == np.bool_:
        return
    check(NONZERO[fn], x)


@pytest.mark.parametrize("value", [0.0, 2.0])
def test_argwhere_of_0d(value):
    check(np.argwhere, np.array(value))


def test_where_with_one_of_two_values():
    check(lambda c, x: np.where(c, x), np.ones(3, bool), np.ones(3))


# --- take ----------------------------------------------------------------------------------

TAKES = {
    "flat": lambda x, i: np.take(x, i),
    "axis0": lambda x, i: np.take(x, i, axis=0),
    "axis-1": lambda x, i: np.take(x, i[:2], axis=-1),
    "2-d indices": lambda x, i: np.take(x, i.reshape(2, 2), axis=1),
    "scalar": lambda x, i: np.take(x, 3),
    "scalar axis": lambda x, i: np.take(x, -1, axis=1),
    "list": lambda x, i: np.take(x, [0, 0, 5]),
    "wrap": lambda x, i: np.take(x, i * 7, mode="wrap"),
    "clip": lambda x, i: np.take(x, i * 7, axis=0, mode="clip"),
    "method": lambda x, i: x.take(i, axis=1),
}


@pytest.mark.parametrize("fn", list(TAKES))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_take(fn, dtype):
    check(TAKES[fn], data((3, 4), dtype, seed=1), indices(3, 4, seed=2))


def test_take_errors():
    x = data((3, 4), np.float64, seed=1)
    check(lambda x, i: np.take(x, i), x, np.array([12]))
    check(lambda x, i: np.take(x, i, axis=1), x, np.array([-5]))
    check(lambda x: np.take(x, 4, axis=1), x)
    check(lambda x, i: np.take(x, i, axis=2), x, np.array([0]), message=False)


# --- take_along_axis ---------------------------------------------------------------------

@pytest.mark.parametrize("axis", [0, 1, -1, None])
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_take_along_axis(axis, dtype):
    x = data((4, 5), dtype, seed=3)
    if axis is None:
        i = indices(20, 6, seed=4)
    else:
        n = x.shape[axis]
        shape = [4, 5]
        shape[axis] = 3
        i = np.random.default_rng(5).integers(-n, n, shape)
    check(lambda x, i: np.take_along_axis(x, i, axis), x, i)


def test_take_along_axis_broadcasts_and_errors():
    x = data((4, 5), np.float32, seed=3)
    check(lambda x, i: np.take_along_axis(x, i, 1), x, np.array([[0], [4], [-1], [2]]))
    check(lambda x, i: np.take_along_axis(x, i, 1), x, np.array([[0, 5]]))  # IndexError
    check(lambda x, i: np.take_along_axis(x, i, 1), x, np.array([0, 1]))  # ndim
    check(lambda x, i: np.take_along_axis(x, i, 1), x, np.ones((4, 1)))  # float


# --- put --------------------------------------------------------------------------------

def put(x, i, v):
    np.put(x, i, v)
    return x


def put_method(x, i, v):
    x.put(i, v, mode="wrap")


def put_view(x, i, v):
    y = x[1]
    np.put(y, i[:2], v, mode="clip")
    return x


@pytest.mark.parametrize("fn", [put, put_method, put_view])
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("nv", [1, 2, 5])
def test_put(fn, dtype, nv):
    x = data((3, 4), dtype, seed=6)
    check(fn, x, indices(12, 5, seed=7) * (3 if fn is not put else 1),
          data((nv,), dtype, seed=8))


def test_put_out_of_range():
    check(put, np.zeros(5), np.array([1, 5]), np.ones(2))


# --- ufunc.at ----------------------------------------------------------------------------

UFUNCS = [np.add, np.subtract, np.multiply, np.maximum, np.minimum, np.bitwise_and,
          np.bitwise_or, np.bitwise_xor, np.logical_and, np.logical_or, np.logical_xor]


@pytest.mark.parametrize("ufunc", UFUNCS, ids=[u.__name__ for u in UFUNCS])
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_ufunc_at(ufunc, dtype):
    x = data((6,), dtype, seed=9)
    v = data((5,), dtype, seed=10)
    i = np.array([0, 3, 3, -1, 3])  # repeated: combined once per occurrence

    def f(x, i, v):
        ufunc.at(x, i, v)
        return x
    try:
        with np.errstate(all="ignore"):
            ufunc.at(x.copy(), i, v)
    except TypeError:
        pass  # e.g. subtract on bool: ag raises numpy's TypeError too (checked below)
    check(f, x, i, v, message=False)


def add_at_rows(x, i, v):
    np.add.at(x, (slice(None), i), v)
    return x


def add_at_mixed(x, i):
    np.add.at(x, i, 1.7)  # int array: float64 loop, cast back after each add
    return x


def add_at_mask(x, m):
    np.add.at(x, m, 1)
    return x


def at_basic_index(x):
    np.multiply.at(x, 1, 3)
    return x


def test_ufunc_at_forms():
    x = data((3, 5), np.float64, seed=11)
    check(add_at_rows, x, np.array([1, 1, 4]), np.ones(3))
    check(add_at_rows, x, np.array([1, 1, 4]), np.ones((3, 3)))
    check(add_at_rows, x, np.array([1, 1, 4]), np.ones(2))  # not broadcastable
    check(add_at_mixed, np.array([-3, 0, 5]), np.array([0, 0, 2, 1]))
    check(add_at_mask, np.arange(4), np.array([True, False, True, True]))
    check(at_basic_index, np.arange(4.0))
    check(add_at_mixed, np.zeros(3, np.int32), np.array([3]))  # IndexError


# --- bincount ----------------------------------------------------------------------------

BINCOUNTS = {
    "plain": lambda x, w: np.bincount(x),
    "weights": lambda x, w: np.bincount(x, weights=w),
    "minlength": lambda x, w: np.bincount(x, minlength=12),
    "in use": lambda x, w: np.bincount(x).argmax(),
}


@pytest.mark.parametrize("fn", list(BINCOUNTS))
@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_],
                         ids=["i32", "i64", "bool"])
@pytest.mark.parametrize("n", [0, 1, 9])
def test_bincount(fn, dtype, n):
    x = np.random.default_rng(n).integers(0, 8, n).astype(dtype)
    w = data((n,), np.float32, seed=n)
    if fn == "in use" and n == 0:
        return
    check(BINCOUNTS[fn], x, w)


def test_bincount_errors():
    check(lambda x: np.bincount(x), np.array([1, -1]))
    check(lambda x: np.bincount(x), np.array([1.0]))
    check(lambda x: np.bincount(x), np.ones((2, 2), np.int64))
    check(lambda x, w: np.bincount(x, w), np.array([1, 2]), np.ones(3))
    check(lambda x: np.bincount(x, minlength=-1), np.array([1]))


def test_bincount_of_mask_selection():
    def f(x):
        return np.bincount(x[x > 2])
    check(f, np.array([1, 5, 3, 3, 9, 0]))
    check(f, np.array([1, 0]))


def test_bincount_weights_of_dynamic_length_is_refused():
    import ag
    with pytest.raises(ag.AgError, match="known only at run time"):
        ag.stage(lambda x: np.bincount(x[x > 2], weights=x[x > 2] * 0.5))(np.arange(5))


# --- digitize ----------------------------------------------------------------------------

@pytest.mark.parametrize("right", [False, True])
@pytest.mark.parametrize("order", ["increasing", "decreasing", "flat"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64],
                         ids=["f32", "f64", "i32", "i64"])
def test_digitize(right, order, dtype):
    x = data((3, 5), dtype, seed=12)
    bins = np.array({"increasing": [-20, -1, 0, 0, 2.5, 30], "decreasing": [9, 1, 0, -3],
                     "flat": [1, 1]}[order])
    check(lambda x, b: np.digitize(x, b, right), x, bins)      # staged bins
    check(lambda x: np.digitize(x, bins, right), x)             # bins known while tracing
    check(lambda x: np.digitize(x[0, 0], bins, right), x)       # a scalar


def test_digitize_errors():
    check(lambda x, b: np.digitize(x, b), np.ones(3), np.array([0.0, 2.0, 1.0]))
    check(lambda x: np.digitize(x, np.array([1.0, 0.0, 1.0])), np.ones(3))
    check(lambda x: np.digitize(x, np.ones((1, 2))), np.ones(3))
    check(lambda x: np.digitize(x, np.array([])), np.ones(3))

"""OpInfo entries of the functions and methods added for numba's list (issue 12:
bench/numba_coverage.py), and samples of the argument forms added to existing entries
(a staged shift for np.roll, a staged fill value for np.full_like). Imported at the end
of _opinfo.py: the entries join its TABLE."""

import numpy as np

from _opinfo import ALL, FLT, INT, NUM, F, _extend, a, add, chain, fixed, per_dtype, unary

_C = np.array([1 + 2j, 3 - 0j, -0.0 + 0j])
_C64 = np.array([1 - 1j, 0j], np.complex64)

add("asfarray", np.asfarray, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3))), F(a(dt, ())), F(a(dt, (3,)), np.float32), F(a(dt, (3,)), np.int64),
    F(a(dt, (0,)), np.float16)]))
add("asfarray (written)", lambda x: (np.asfarray(x).__setitem__(0, 9), x)[1],
    unary(ALL, shapes=[(3,)]))
for _n in ["iscomplexobj", "isrealobj", "iscomplex", "isreal"]:
    add(_n, getattr(np, _n), per_dtype(ALL, lambda dt: [
        F(a(dt, (2, 3))), F(a(dt, ())), F(a(dt, (0,))), F(_C), F(_C64)]))
for _n in ["tril_indices_from", "triu_indices_from"]:
    add(_n, getattr(np, _n), per_dtype(ALL, lambda dt: [
        F(a(dt, (3, 4))), F(a(dt, (4, 3)), 1), F(a(dt, (3, 3)), -1), F(a(dt, (0, 2))),
        F(a(dt, (3,))), F(a(dt, (2, 2, 2)))]))
add("broadcast_arrays", lambda *xs: np.broadcast_arrays(*xs), per_dtype(ALL, lambda dt: [
    F(a(dt, (3, 1)), a(dt, (4,))), F(a(dt, (2, 3)), a(dt, (2, 3))), F(a(dt, ()), a(dt, (2,))),
    F(a(dt, (2, 1)), a(np.float64, (3,)), a(dt, ())), F(a(dt, (3,)), a(dt, (4,)))]))
add("logspace", lambda s, e, *a, **k: np.logspace(s, e, *a, **k), per_dtype(NUM, lambda dt: [
    F(a(dt, (), -3, 3), a(dt, (), -3, 3), 5), F(a(dt, (), -3, 3), 2, 4, endpoint=False),
    F(a(dt, (), -3, 3), 3, 4, base=2.0), F(0, a(dt, (), -3, 3), 3, dtype=np.int64),
    F(a(dt, (), -3, 3), 1, 1), F(a(dt, (), -3, 3), 1, -1)]))
add("extract", np.extract, per_dtype(ALL, lambda dt: [
    F(a(np.bool_, (2, 3)), a(dt, (2, 3))), F(a(np.int32, (6,), -1, 1), a(dt, (2, 3))),
    F(a(np.bool_, (0,)), a(dt, (0,))), F(np.array([False, True]), a(dt, (3, 2))),
    F(np.array([False] * 6 + [True]), a(dt, (6,)))]))
add("intersect1d", np.intersect1d, per_dtype(NUM, lambda dt: [
    F(a(dt, (9,), -3, 3), a(dt, (6,), -3, 3)), F(a(dt, (0,)), a(dt, (4,))),
    F(a(dt, (2, 3), -2, 2), a(dt, (5,), -2, 2)),
    F(np.array([3, 1, 2]).astype(dt), np.array([2, 3, 0]).astype(dt), assume_unique=True),
    F(a(dt, (5,), -3, 3), a(np.float64, (5,), -3, 3))]))


def _fill_diagonal(x, val, **kwargs):
    np.fill_diagonal(x, val, **kwargs)
    return x


add("fill_diagonal", _fill_diagonal, per_dtype(ALL, lambda dt: [
    F(a(dt, (3, 4)), 7), F(a(dt, (5, 2)), a(dt, (3,)), wrap=True), F(a(dt, (5, 2)), 1),
    F(a(dt, (3, 3, 3)), a(dt, ())), F(a(dt, (4, 4)), 2.5), F(a(dt, (0, 0)), 1),
    F(a(dt, (2, 5)), a(dt, (0,))), F(a(dt, (3,)), 1), F(a(dt, (2, 3, 2)), 1)]))
add("ndarray.itemset", lambda x, *args: (x.itemset(*args), x)[1], per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), 4, 1), F(a(dt, (2, 3)), (1, 2), 0), F(a(dt, (1,)), 3),
    F(a(dt, (2, 3)), 1, 0, 1), F(a(dt, ()), 5), F(a(dt, (2, 3)), -6, 2.5),
    F(a(dt, (2, 3)), 6, 1), F(a(dt, (2, 3)), 1)]), kind="method")


def _flat_reads(x):
    return x.flat[4], x.flat[1:5], x.T.flat[3], x.flat[-1], len(x.flat), [v for v in x.flat]


def _flat_write(x):
    x.T.flat[3] = 7
    x.flat[-2] = 1
    return x


add("ndarray.flat", _flat_reads, unary(ALL, shapes=[(2, 3), (6,)]), kind="method")
add("ndarray.flat[i] = v", _flat_write, unary(ALL, shapes=[(2, 3), (3, 1)]), kind="method")

_extend("roll", per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), np.array(4)), F(a(dt, (2, 3)), np.array(-5, np.int32), 1),
    F(a(dt, (0,)), np.array(2)), F(a(dt, (3,)), np.array(1.0)),
    F(a(dt, (3,)), np.array(7, np.uint8))]))
_extend("full_like", per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), np.array(2.5)), F(a(dt, (2, 3)), a(np.float64, (3,))),
    F(a(dt, (2,)), np.array(np.nan)), F(a(dt, (2, 2)), a(dt, ()), np.float32),
    F(a(dt, (2, 3)), a(dt, (2,)))]))

# numba's forms: over the whole array (axis=None), the linear method.
# (A float32 array of NaN only gives float32 from nanpercentile/nanquantile, float64
# otherwise: ag raises then, at run time; see sortscan.py.)
_ORDER_SHAPES = [(7,), (2, 3), (12,)]
add("nanmedian", np.nanmedian, chain(unary(FLT + INT, shapes=_ORDER_SHAPES + [(1,)]), fixed(
    F(np.full(3, np.nan)), F(np.full(2, np.nan, np.float32)),
    F(np.array([np.inf, -np.inf, 1.0, np.nan])), F(np.array([np.inf, np.inf, np.nan])))))
add("nanpercentile", lambda x, q=30: np.nanpercentile(x, q), chain(
    unary(FLT + INT, shapes=_ORDER_SHAPES), fixed(
        F(a(np.float64, (9,)), [0, 10.0, 50, 95, 100]), F(a(np.float32, (2, 5)), (25, 75)),
        F(np.full(3, np.nan)), F(np.full(3, np.nan), [5, 50]), F(a(np.float64, (4,)), 101),
        F(np.array([np.inf, -np.inf, 1.0, np.nan, 2.0]), [10, 50, 90]))))
add("nanquantile", lambda x, q=0.3: np.nanquantile(x, q), chain(
    unary(FLT + INT, shapes=_ORDER_SHAPES), fixed(
        F(a(np.float64, (9,)), [0.0, 0.25, 1.0]), F(a(np.float32, (6,)), 0.5),
        F(a(np.float64, (4,)), -0.5))))
_extend("delete", per_dtype(ALL, lambda dt: [
    F(a(dt, (6,)), np.array(2)), F(a(dt, (6,)), np.array(-1, np.int32)),
    F(a(dt, (2, 3)), np.array(4)), F(a(dt, (2, 3)), np.array(-1), 1),
    F(a(dt, (3, 2)), np.array(0, np.uint8), axis=0), F(a(dt, (6,)), np.array(6)),
    F(a(dt, (6,)), np.array(-7)), F(a(dt, (0,)), np.array(0))]))

"""Differential tests of the scans and sorts (frontend/ag/staged/sortscan.py) against numpy
1.24: cumsum/cumprod/ufunc.accumulate/diff/ediff1d/trapz, sort/argsort (ties in numpy's
exact order for every kind), ndarray.sort in place, searchsorted, median, percentile and
quantile. Every case runs on both dispatch paths: the first call (trace + compile) and a
second call with new data of the same signature (the cached C dispatcher)."""

import numpy as np
import pytest

import ag
from _reference import DTYPES, DTYPE_IDS, assert_same, check, make, rng_for, \
    run_numpy

SHAPES = [(0,), (1,), (7,), (33,), (4, 5), (3, 0), (2, 3, 4), (17, 3)]


def both(fn, *args, second=None, exact=True):
    """check() on the first call, then the cached call on `second` (new data of the same
    signature) against numpy; `exact` also compares float bits (signs of zeros, NaNs)."""
    staged = ag.stage(fn)
    got = check(fn, *args, staged=staged)
    if exact:
        _bits_equal(got, run_numpy(fn, *args))
    if second is not None:
        got2 = staged(*second)
        exp2 = run_numpy(fn, *second)
        assert_same(got2, exp2)
        if exact:
            _bits_equal(got2, exp2)
    return staged


def _bits_equal(got, exp):
    if isinstance(exp, (tuple, list)):
        for g, e in zip(got, exp):
            _bits_equal(g, e)
    elif isinstance(exp, (np.ndarray, np.generic)) and np.dtype(exp.dtype).kind == "f":
        g, e = np.asarray(got), np.asarray(exp)
        same = (g == e) | (np.isnan(g) & np.isnan(e))
        assert same.all() and (np.signbit(g) == np.signbit(e))[~np.isnan(e)].all(), \
            f"{g} != numpy {e} (bits)"


def _data(dtype, shape, seed, ties=False):
    rng = rng_for(np.dtype(dtype).name, shape, seed, ties)
    if ties:  # few distinct values: many equal elements
        return make(dtype, shape, rng, special=False, low=-2, high=2)
    return make(dtype, shape, rng)


# --- scans -------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_cumsum_cumprod(dtype, shape):
    def f(x):
        out = {"cumsum": np.cumsum(x), "cumprod": np.cumprod(x),
               "method": x.cumsum(axis=-1), "prod0": x.cumprod(axis=0)}
        if x.ndim > 1:
            out["axis1"] = np.cumsum(x, axis=1)
            out["dtype"] = np.cumsum(x, axis=-2, dtype=np.float32)
        return out
    both(f, _data(dtype, shape, 0), second=(_data(dtype, shape, 1),))


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_cumsum_of_0d_and_scalars(dtype):
    x = np.array(make(dtype, (1,), rng_for("0d", dtype))[0])
    both(lambda x: (np.cumsum(x), np.cumprod(x, dtype=np.float64), np.cumsum(x.sum())),
         x, second=(np.array(make(dtype, (1,), rng_for("0d2", dtype))[0]),))


@pytest.mark.parametrize("ufunc", [np.add, np.multiply, np.maximum, np.minimum],
                         ids=lambda u: u.__name__)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_ufunc_accumulate(ufunc, dtype):
    x = _data(dtype, (6, 5), 2)
    def f(x):
        return ufunc.accumulate(x), ufunc.accumulate(x, axis=1), \
            ufunc.accumulate(x[0], dtype=np.float64)
    both(f, x, second=(_data(dtype, (6, 5), 3),))


@pytest.mark.parametrize("ufunc", [np.logical_or, np.logical_and, np.logical_xor,
                                   np.bitwise_or, np.bitwise_and, np.bitwise_xor],
                         ids=lambda u: u.__name__)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_logical_accumulate(ufunc, dtype):
    x = _data(dtype, (5, 6), 40, ties=True)
    f = lambda x: (ufunc.accumulate(x), ufunc.accumulate(x, axis=1))  # noqa: E731
    try:
        expected = run_numpy(f, x)
    except TypeError:  # bitwise ops of floats
        check(f, x)
        return
    if expected[0].dtype != np.bool_:  # bitwise ops of integers: refused by name
        with pytest.raises(ag.AgUnsupportedError, match="accumulate"):
            ag.stage(f)(x)
        return
    both(f, x, second=(_data(dtype, (5, 6), 41, ties=True),))


def test_cumsum_float32_order_and_overflow():
    # numpy adds one element after another (no pairwise tree): rounding and overflow to
    # inf at the same element.
    x = np.full(10000, 0.1, np.float32)
    x[5000] = 3e38
    x[5001] = 3e38
    both(lambda x: np.cumsum(x), x, second=(np.linspace(0, 1, 10000, dtype=np.float32),))
    i = np.full(5, 2**31 - 1, np.int32)
    both(lambda x: (np.cumsum(x), np.add.accumulate(x), np.multiply.accumulate(x)), i)


def test_accumulate_nan_propagation():
    x = np.array([1.0, np.nan, 3.0, -np.inf, 0.0, -0.0], np.float64)
    both(lambda x: (np.maximum.accumulate(x), np.minimum.accumulate(x[::-1]),
                    np.cumsum(x), np.cumprod(x)), x)


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shape", [(7,), (4, 5), (2, 3, 4), (0,), (3, 0)], ids=str)
def test_diff(dtype, shape):
    def f(x):
        out = {"d": np.diff(x), "n2": np.diff(x, n=2), "n0": np.diff(x, n=0),
               "axis0": np.diff(x, axis=0), "pre": np.diff(x, prepend=0),
               "app": np.diff(x, append=x[..., :1]),
               "both": np.diff(x, n=3, axis=0, prepend=x[:1], append=x[-1:] * 2)}
        return out
    both(f, _data(dtype, shape, 4), second=(_data(dtype, shape, 5),))


def test_diff_n_zero_returns_the_same_object():
    def f(x):
        return np.diff(x, n=0) is x
    assert ag.stage(f)(np.ones(3)) is True


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64],
                         ids=DTYPE_IDS[:4])
def test_ediff1d_and_trapz(dtype):
    x = _data(dtype, (3, 4), 6)
    def f(x):
        return (np.ediff1d(x), np.ediff1d(x, to_begin=-1, to_end=[5, 6]),
                np.ediff1d(x[0], to_end=x[1, :2]), np.trapz(x), np.trapz(x, axis=0),
                np.trapz(x, dx=0.5), np.trapz(x, x=np.arange(4.0) ** 2),
                np.trapz(x, x=x, axis=0))
    both(f, x, second=(_data(dtype, (3, 4), 7),), exact=False)


@pytest.mark.parametrize("case", [
    lambda x: np.cumsum(x, axis=2), lambda x: np.cumprod(x, axis=-3),
    lambda x: np.add.accumulate(x, axis=None), lambda x: np.diff(x, axis=2),
    lambda x: np.diff(x, n=-1), lambda x: np.diff(x.sum()),
    lambda x: np.ediff1d(x, to_begin=0.5), lambda x: np.add.accumulate(x.sum()),
    lambda x: np.sort(x, axis=2), lambda x: np.argsort(x, axis=-3),
    lambda x: np.sort(x, kind="fast"), lambda x: np.sort(x, order="a"),
    lambda x: np.sort(x.sum()), lambda x: x.sort(axis=None), lambda x: x.sort(axis=5),
    lambda x: np.median(x, axis=3), lambda x: np.percentile(x, 101),
    lambda x: np.quantile(x, [0.5, -0.1]), lambda x: np.percentile(x, 50, method="foo"),
    lambda x: np.quantile(x, [[[0.5]]]),
    lambda x: np.searchsorted(x, 1.0), lambda x: np.trapz(x, axis=4),
], ids=lambda c: "")
def test_numpy_errors(case):
    check(case, np.arange(12, dtype=np.int32).reshape(3, 4))


def test_axis_error_is_numpys_class():
    with pytest.raises(np.AxisError):
        ag.stage(lambda x: np.cumsum(x, axis=3))(np.ones((2, 2)))
    with pytest.raises(np.AxisError):
        ag.stage(lambda x: np.sum(x, axis=3))(np.ones((2, 2)))


# --- sort / argsort ------------------------------------------------------------------------

KINDS = [None, "quicksort", "heapsort", "stable", "mergesort"]


@pytest.mark.parametrize("kind", KINDS, ids=str)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("ties", [False, True], ids=["distinct", "ties"])
def test_sort_argsort(kind, dtype, ties):
    # Lengths around numpy's insertion-sort cutoff (16) and enough to partition often.
    shapes = [(0,), (1,), (2,), (15,), (16,), (17,), (40,), (300,), (5, 33), (33, 4)]
    for n, shape in enumerate(shapes):
        def f(x):
            out = {"sort": np.sort(x, kind=kind), "argsort": np.argsort(x, kind=kind),
                   "flat": np.argsort(x, axis=None, kind=kind),
                   "flatsort": np.sort(x, axis=None, kind=kind),
                   "method": x.argsort(kind=kind)}
            if x.ndim > 1:
                out["axis0"] = np.argsort(x, axis=0, kind=kind)
                out["sort0"] = np.sort(x, axis=0, kind=kind)
                out["T"] = np.argsort(x.T, kind=kind)
            return out
        # numpy sorts float32/int32 values with AVX-512 on this machine, in its own order
        # of 0.0 and -0.0 (equal values): compare their np.sort as values only.
        exact = not (dtype is np.float32 and kind in (None, "quicksort"))
        both(f, _data(dtype, shape, n, ties), second=(_data(dtype, shape, n + 100, ties),),
             exact=exact)


@pytest.mark.parametrize("kind", [None, "heapsort", "stable"], ids=str)
def test_argsort_ties_heavy(kind):
    rng = np.random.default_rng(12)
    staged = ag.stage(lambda x: np.argsort(x, kind=kind))
    for n in [16, 17, 50, 129, 1000, 4099]:
        for distinct in [1, 2, 3, 10]:
            x = rng.integers(0, distinct, n).astype(np.float64)
            np.testing.assert_array_equal(staged(x), np.argsort(x, kind=kind))
            x[rng.integers(0, n, n // 7)] = np.nan
            np.testing.assert_array_equal(staged(x), np.argsort(x, kind=kind))


def test_argsort_adversarial_depth():
    # Inputs that drive numpy's introsort into its heapsort fallback (median-of-3 killer
    # style sequences) must still give numpy's order.
    n = 2000
    x = np.empty(n, np.int64)
    x[::2] = np.arange(n // 2)
    x[1::2] = np.arange(n // 2)[::-1]
    organ = np.concatenate([np.arange(n // 2), np.arange(n // 2)[::-1]]) % 7
    staged = ag.stage(lambda x: (np.argsort(x), np.sort(x)))
    for data in [x, organ, np.repeat(np.arange(10), 200), np.arange(n)[::-1].copy()]:
        assert_same(staged(data), (np.argsort(data), np.sort(data)))


def test_sort_nan_inf_order():
    x = np.array([np.nan, 1.0, -np.inf, np.inf, -0.0, 0.0, np.nan, -1.0, 2.0] * 3)
    both(lambda x: (np.sort(x), np.argsort(x), np.argsort(x, kind="heapsort"),
                    np.sort(x.astype(np.float32), kind="stable")), x)


def test_ndarray_sort_in_place_through_views_and_arguments():
    def f(x, y):
        v = x[1:]        # a view: sorting x changes what v sees
        x.sort()
        a = y.T          # sorting a view writes to its base (the argument)
        a.sort(axis=0)
        w = x
        w.sort(kind="stable")  # an alias: same object
        return v.copy(), x.sum(), y.copy()
    x = np.array([3.0, 1.0, 2.0, np.nan, 0.5])
    y = np.arange(12, dtype=np.int64)[::-1].reshape(3, 4).copy()
    staged = ag.stage(f)
    xs, ys = x.copy(), y.copy()
    exp = f(x, y)
    got = staged(xs, ys)
    assert_same(got, exp)
    np.testing.assert_array_equal(xs, x)   # arguments written back as numpy writes them
    np.testing.assert_array_equal(ys, y)
    xs, ys = x[::-1].copy(), y[::-1].copy()
    x2, y2 = xs.copy(), ys.copy()
    assert_same(staged(xs, ys), f(x2, y2))
    np.testing.assert_array_equal(xs, x2)
    np.testing.assert_array_equal(ys, y2)


def test_sort_returns_none_and_scalar_has_no_sort():
    assert ag.stage(lambda x: x.sort())(np.ones(3)) is None


def test_sort_argsort_on_dynamic_dims():
    def f(x):
        return np.sort(x, axis=0), np.argsort(x, kind="heapsort"), np.argsort(x, axis=None)
    staged = ag.stage(f, dynamic={"x": 0})
    for n in [0, 1, 5, 40]:
        x = _data(np.float64, (n, 3), n, ties=True)
        assert_same(staged(x), f(x))
    # scans and order statistics need static dims: an ag error naming them
    g = ag.stage(lambda x: np.cumsum(x, axis=0), dynamic={"x": 0})
    with pytest.raises(ag.AgUnsupportedError, match="dynamic dims"):
        g(np.ones((4, 3)))


def test_sort_inside_staged_loop():
    def f(x, n):
        acc = np.zeros(x.shape[1], np.int64)
        for i in range(n):
            acc = acc + np.argsort(x[i])
            x[i] = np.sort(x[i])[::-1]
        return acc, x
    x = np.random.default_rng(3).integers(0, 4, (20, 9)).astype(np.float64)
    staged = ag.stage(f)
    n = np.int64(20)
    assert_same(staged(x.copy(), n), f(x.copy(), 20))
    y = np.random.default_rng(4).integers(0, 3, (20, 9)).astype(np.float64)
    assert_same(staged(y.copy(), n), f(y.copy(), 20))


def test_cumsum_inside_staged_loop():
    def f(x, n):
        s = np.zeros_like(x)
        for i in range(n):
            s = s + np.cumsum(x, axis=0) * i
        return s, np.diff(s, axis=1)
    x = np.random.default_rng(5).random((6, 4))
    both(f, x, np.int64(12), second=(x * 2, np.int64(3)), exact=False)


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("ties", [False, True], ids=["distinct", "ties"])
def test_partition_argpartition(dtype, ties):
    # numpy's introselect leaves the other elements in an order of its own: exact.
    for n, shape in enumerate([(1,), (5,), (17,), (40,), (300,), (6, 23), (23, 4)]):
        size = shape[-1]
        kths = [0, size - 1, [0, size - 1], [size // 2], [-1, size // 3, size // 2]]
        def f(x):
            out = {}
            for i, k in enumerate(kths):
                out[f"p{i}"] = np.partition(x, k)
                out[f"a{i}"] = np.argpartition(x, k)
            out["flat"] = np.argpartition(x, x.size // 2, axis=None)
            out["method"] = x.argpartition(size - 1)
            if x.ndim > 1:
                out["axis0"] = np.argpartition(x, [0, x.shape[0] - 1], axis=0)
            return out
        both(f, _data(dtype, shape, n, ties), second=(_data(dtype, shape, n + 50, ties),))


def test_partition_in_place_and_errors():
    def f(x):
        v = x[2:]
        x.partition(3)
        return v.copy()
    x = np.array([5.0, 1.0, 4.0, np.nan, 2.0, 2.0, 0.0, 3.0])
    xs = x.copy()
    exp = f(x)
    assert_same(ag.stage(f)(xs), exp)
    np.testing.assert_array_equal(xs, x)
    y = np.arange(12, dtype=np.int32).reshape(3, 4)
    for case in [lambda y: np.partition(y, 4), lambda y: np.partition(y, -5),
                 lambda y: np.partition(y, 1.5), lambda y: np.partition(y, [[1]]),
                 lambda y: np.partition(y, 1, kind="quick"),
                 lambda y: np.argpartition(y, 1, axis=2), lambda y: y.partition(1, axis=None),
                 lambda y: np.partition(y, 2, order="a")]:
        check(case, y)
    # np.unique's size depends on the data: a dynamic dim (see the OpInfo table).
    check(lambda y: np.unique(y), y)
    # An empty array is not checked against kth (numpy does not either).
    check(lambda z: (np.partition(z, 7), np.argpartition(z, 3, axis=0)), np.ones((0, 4)))


# --- searchsorted ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64],
                         ids=DTYPE_IDS[:4])
def test_searchsorted(dtype):
    a = np.sort(_data(dtype, (20,), 8, ties=True))
    v = _data(dtype, (3, 4), 9)
    def f(a, v):
        return (np.searchsorted(a, v), np.searchsorted(a, v, side="right"),
                np.searchsorted(a, 1), a.searchsorted(v[0, 0]), np.searchsorted(a, 0.5),
                np.searchsorted(a[:0], v))
    both(f, a, v, second=(np.sort(_data(dtype, (20,), 10)), _data(dtype, (3, 4), 11)))


def test_searchsorted_unsorted_a_and_key_order():
    # numpy starts each key's search from the previous key's bounds: on an unsorted `a`
    # the answers depend on that, and ag gives numpy's.
    rng = np.random.default_rng(21)
    staged = ag.stage(lambda a, v: (np.searchsorted(a, v), np.searchsorted(a, v, "right")))
    for n in [1, 2, 7, 64, 1000]:
        a = rng.integers(0, 20, n).astype(np.float64)
        v = rng.integers(-2, 22, (3, 11)).astype(np.float64)
        assert_same(staged(a, v), (np.searchsorted(a, v), np.searchsorted(a, v, "right")))


@pytest.mark.parametrize("dtype", [np.float64, np.int32], ids=["f64", "i32"])
def test_searchsorted_sorter(dtype):
    a = _data(dtype, (30,), 12, ties=True)
    v = _data(dtype, (4, 5), 13)
    def f(a, v, s):
        return (np.searchsorted(a, v, sorter=s), np.searchsorted(a, v, "right", s),
                a.searchsorted(v[0, 0], sorter=np.argsort(a, kind="stable")))
    both(f, a, v, np.argsort(a), second=(a[::-1].copy(), v, np.argsort(a[::-1])))
    # A sorter index out of range raises numpy's ValueError when the search reads it.
    staged = ag.stage(lambda a, v, s: np.searchsorted(a, v, sorter=s))
    bad = np.argsort(a)
    bad[15] = 99
    with pytest.raises(ValueError):
        np.searchsorted(a, v, sorter=bad)
    with pytest.raises(ValueError, match="Sorter index out of range"):
        staged(a, v, bad)
    for case in [lambda a, v, s: np.searchsorted(a, v, sorter=s[:3]),
                 lambda a, v, s: np.searchsorted(a, v, sorter=s.astype(np.float64)),
                 lambda a, v, s: np.searchsorted(a, v, side="middle"),
                 lambda a, v, s: np.searchsorted(v, a)]:
        check(case, a, v, np.argsort(a))


def test_searchsorted_nan():
    a = np.array([-np.inf, 0.0, 1.0, 1.0, np.inf, np.nan, np.nan])
    v = np.array([np.nan, np.inf, 1.0, -np.inf, 0.5])
    both(lambda a, v: (np.searchsorted(a, v), np.searchsorted(a, v, side="right")), a, v)


# --- median / percentile / quantile -----------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("shape", [(1,), (6,), (7,), (4, 5), (2, 3, 4)], ids=str)
def test_median_percentile_quantile(dtype, shape):
    def f(x):
        out = {"median": np.median(x), "median_k": np.median(x, keepdims=True),
               "median_last": np.median(x, axis=-1),
               "pct": np.percentile(x, [0, 12.5, 50, 100]),
               "q": np.quantile(x, 0.25, axis=0), "q_int": np.quantile(x, 1),
               "q_keep": np.quantile(x, [0.3, 0.7], axis=-1, keepdims=True)}
        if x.ndim > 1:
            out["median_axes"] = np.median(x, axis=(0, -1), keepdims=True)
            out["pct_2d_q"] = np.percentile(x, [[10, 20], [30, 99]], axis=1)
        return out
    if dtype is np.bool_:  # numpy cannot interpolate booleans (subtract): TypeError
        check(lambda x: np.percentile(x, 50), _data(dtype, shape, 0))
        both(lambda x: (np.median(x), np.median(x, axis=0)), _data(dtype, shape, 0),
             second=(_data(dtype, shape, 1),), exact=False)
        return
    # NaN/inf at the front (`make`) put NaN in some lanes only. A float32 1-D array
    # with NaN has a data-dependent percentile dtype in numpy (tested below).
    first = _data(dtype, shape, 0)
    if dtype is np.float32 and len(shape) == 1:
        first = np.nan_to_num(first)
    both(f, first, second=(_data(dtype, shape, 1, ties=True),), exact=False)


QUANTILE_METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
                    "interpolated_inverted_cdf", "hazen", "weibull", "linear",
                    "median_unbiased", "normal_unbiased", "lower", "higher", "midpoint",
                    "nearest"]


@pytest.mark.parametrize("method", QUANTILE_METHODS)
def test_quantile_methods(method):
    x = _data(np.float64, (5, 8), 30)
    i = _data(np.int32, (9,), 31)
    def f(x, i):
        return (np.quantile(x, [0.0, 0.1, 0.5, 0.77, 1.0], axis=1, method=method),
                np.percentile(x, 33, axis=0, method=method),
                np.quantile(i, [0.25, 0.5], method=method))
    both(f, x, i, second=(_data(np.float64, (5, 8), 32, ties=True), i[::-1].copy()),
         exact=False)


def test_quantile_interpolation_keyword_is_deprecated_as_in_numpy():
    x = np.arange(10.0)
    f = ag.stage(lambda x: np.percentile(x, 40, interpolation="lower"))
    with pytest.warns(DeprecationWarning):
        got = f(x)
    with pytest.warns(DeprecationWarning):
        assert_same(got, np.percentile(x, 40, interpolation="lower"))
    check(lambda x: np.percentile(x, 40, method="lower", interpolation="higher"), x)


def test_median_float32_and_nan_lanes():
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    y = x.copy()
    y[1, 2] = np.nan
    both(lambda x: (np.median(x), np.median(x, axis=1), np.percentile(x, 40, axis=0),
                    np.quantile(x, [0.5], axis=None)), x, second=(y,), exact=False)


def test_percentile_float32_scalar_with_nan_is_refused_at_run_time():
    # numpy: np.percentile(float32 1-D, 50) is float64, but float32 NaN when the data
    # holds a NaN -- a dtype that depends on the data.
    f = ag.stage(lambda x: np.percentile(x, 50))
    x = np.array([1, 2, 3, 4], np.float32)
    assert_same(f(x), np.percentile(x, 50))
    x[0] = np.nan
    with pytest.raises(ValueError, match="depends on the data"):
        f(x)


def test_order_statistics_of_empty_arrays():
    check(lambda x: np.percentile(x, 50), np.zeros((0,)))
    check(lambda x: np.median(x), np.zeros((0,)))
    check(lambda x: np.median(x, axis=0), np.zeros((0, 3)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.int16, np.uint64],
                         ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("n", [17, 100, 1001])
def test_order_statistics_of_long_lanes(dtype, n):
    # Lanes long enough for the selection's partitioning (not only its insertion sort of
    # the last few), with many equal values (its fallback for uneven partitions), and
    # NaN/inf in some lanes; along the contiguous axis, the strided one and a view's.
    rng = np.random.default_rng(n)
    def data(ties):
        x = rng.integers(-3, 4, (6, n)) if ties else rng.standard_normal((6, n)) * 1e3
        x = x.astype(dtype)
        if np.dtype(dtype).kind == "f":
            x[1, rng.integers(0, n, 3)] = np.nan
            x[2, :] = np.nan
            x[3, rng.integers(0, n, 5)] = np.inf
            x[4, rng.integers(0, n, 5)] = -np.inf
        return x

    def f(x):
        return (np.median(x, axis=1), np.median(x.T, axis=0), np.median(x[:, ::2], axis=1),
                np.percentile(x, [0, 5, 50, 95, 100], axis=1),
                np.quantile(x, [0.25, 0.75], axis=0, method="lower"), np.median(x))
    both(f, data(False), second=(data(True),), exact=False)

"""Reductions (sum/prod/mean/max/min/all/any, argmax/argmin) against numpy 1.24: every
axis form (None, ints, negative ints, tuples, ()) x keepdims, functions and methods,
0-d / 1-d / 3-d inputs including size-0 axes, NaN propagation and dtype=."""

import numpy as np
import pytest

import ag

from _reference import DTYPES, check, check_many, dtype_id, make, rng_for

REDUCTIONS = ["sum", "prod", "mean", "max", "min", "all", "any"]
SHAPES = [(), (7,), (2, 3, 4), (2, 0, 3)]


def _axis_cases(ndim):
    """(axis, keepdims) pairs: every axis form, keepdims alternating so both values meet
    every kind of axis without computing the same reduction many times."""
    if ndim == 0:
        return [(None, False), (None, True), ((), False)]
    if ndim == 1:
        return [(None, False), (0, True), (-1, False), ((0,), True), ((), False)]
    return [(None, False), (None, True), (0, False), (-3, True), (1, True), ((1,), False),
            (2, False), (-1, True), ((0, 2), True), ((-1, 0), False), ((0, 1, 2), False),
            ((), True), ((), False)]


def _entries(name, ndim):
    """(label, fn) for np.<name>(x, axis, keepdims) and x.<name>(axis, keepdims)."""
    func = getattr(np, name)
    out = [(f"np.{name}(axis={axis}, keepdims={keepdims})",
            lambda x, a=axis, k=keepdims: func(x, axis=a, keepdims=k))
           for axis, keepdims in _axis_cases(ndim)]
    out.append((f"x.{name}()", lambda x: getattr(x, name)()))
    if ndim:
        out.append((f"x.{name}(axis=-1, keepdims=True)",
                    lambda x: getattr(x, name)(axis=-1, keepdims=True)))
        out.append((f"x.{name}(0)", lambda x: getattr(x, name)(0)))
    if ndim > 1:
        out.append((f"x.{name}(axis=(2, 0))", lambda x: getattr(x, name)(axis=(2, 0))))
    return out


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: str(list(s)).replace(" ", ""))
@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction(name, dtype, shape):
    """NaN/inf (floats) and INT_MIN/INT_MAX (ints; not for mean, whose float64 sums of
    them cancel catastrophically in an order-dependent way) are among the data; max/min
    of a size-0 axis must raise ValueError at trace time like numpy; reductions of 0-d
    arrays return numpy scalars."""
    special = name != "mean" or np.dtype(dtype).kind == "f"
    x = make(dtype, shape, rng_for("reduce", name, dtype, shape), special=special,
             low=-4, high=4)
    check_many(_entries(name, len(shape)), x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=dtype_id)
def test_reduction_nan_propagation(dtype):
    x = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0], [np.inf, -np.inf, 0.0],
                  [-0.0, 0.0, np.inf]], dtype)

    def f(x):
        out = {"argmax0": np.argmax(x, axis=0), "argmin1": np.argmin(x, axis=1),
               "argmax": np.argmax(x), "argmin": np.argmin(x)}
        for name in REDUCTIONS:
            for axis in (0, 1):
                out[name, axis] = getattr(np, name)(x, axis=axis)
        return out
    check(f, x)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_reduction_dtype_argument(dtype):
    x = make(dtype, (3, 5), rng_for("dtype=", dtype), low=-9, high=9,
             special=np.dtype(dtype).kind == "f")
    entries = [
        ("sum f64", lambda x: np.sum(x, dtype=np.float64)),
        ("sum f32 axis0", lambda x: np.sum(x, axis=0, dtype=np.float32)),
        ("sum i32 axis1", lambda x: x.sum(axis=1, dtype=np.int32)),
        ("sum i64 keep", lambda x: np.sum(x, axis=1, keepdims=True, dtype=np.int64)),
        ("prod f64", lambda x: np.prod(x, axis=1, dtype=np.float64)),
        ("prod i64", lambda x: x.prod(dtype=np.int64)),
        ("mean f32", lambda x: np.mean(x, axis=0, dtype=np.float32)),
        ("mean f64", lambda x: x.mean(dtype=np.float64)),
    ]
    check_many(entries, x)


def test_reduction_result_dtypes():
    """sum/prod of int32 and bool are int64, mean of ints float64, all/any bool."""
    x = np.arange(-3, 3, dtype=np.int32)
    r = check(lambda x: (np.sum(x), np.prod(x + 4), np.mean(x), x.any(), (x > 0).sum()), x)
    assert [type(v) for v in r] == [np.int64, np.int64, np.float64, np.bool_, np.int64]


@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
def test_empty_max_min_raise_value_error(name):
    """numpy raises ValueError for max/min/argmax/argmin over a size-0 axis; ag must raise
    it while tracing (an AgError that is a ValueError)."""
    x = np.zeros((2, 0, 3), np.float32)
    for axis in (None, 1, -2):
        with pytest.raises(ValueError):
            getattr(np, name)(x, axis=axis)
        with pytest.raises(ValueError) as info:
            ag.stage(lambda x: getattr(np, name)(x, axis=axis))(x)
        assert isinstance(info.value, ag.AgError)


def test_empty_sum_prod_mean_all_any():
    x = np.zeros((0,), np.float64)
    check(lambda x: (np.sum(x), np.prod(x), np.mean(x), np.all(x), np.any(x)), x)
    y = np.zeros((3, 0), np.int32)
    check(lambda y: (y.sum(axis=1), y.prod(axis=1), y.mean(axis=1), y.all(axis=0),
                     y.any(axis=1), y.max(axis=0)), y)


@pytest.mark.parametrize("axis", [1, -2, (0, 1), (0, 0)])
def test_reduction_bad_axis_raises_value_error(axis):
    x = np.ones((3,), np.float32)
    with pytest.raises(ValueError):
        np.sum(x, axis=axis)
    with pytest.raises(ValueError) as info:
        ag.stage(lambda x: np.sum(x, axis=axis))(x)
    assert isinstance(info.value, ag.AgError)


BUG_AXIS_ERROR = ("BUG: an out-of-range axis raises AgValueError only; numpy's AxisError is "
                  "both a ValueError and an IndexError")


def test_bug_bad_axis_is_also_index_error():
    x = np.ones((3,), np.float32)
    with pytest.raises(IndexError):
        np.sum(x, axis=1)
    with pytest.raises(IndexError):
        ag.stage(lambda x: np.sum(x, axis=1))(x)


# --- argmax / argmin ------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(), (7,), (2, 3, 4), (3, 0)],
                         ids=lambda s: str(list(s)).replace(" ", ""))
@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_argmax_argmin(dtype, shape):
    """Ties resolve to the first index (small integer ranges and bools have many); the
    first NaN wins for floats; axis=None flattens; keepdims keeps 1s."""
    x = make(dtype, shape, rng_for("arg", dtype, shape), low=-3, high=3)
    cases = {0: [(None, False), (None, True)],
             1: [(None, False), (None, True), (0, True), (-1, False)],
             2: [(None, False), (None, True), (0, False), (-1, True), (1, False),
                 (-2, True)],
             3: [(None, False), (None, True), (0, False), (1, True), (2, False),
                 (-1, True), (-3, True)]}[len(shape)]
    entries = []
    for name in ("argmax", "argmin"):
        for axis, keepdims in cases:
            entries.append((f"np.{name}({axis}, {keepdims})",
                            lambda x, n=name, a=axis, k=keepdims:
                            getattr(np, n)(x, axis=a, keepdims=k)))
        entries.append((f"x.{name}()", lambda x, n=name: getattr(x, n)()))
        if shape:
            entries.append((f"x.{name}(-1)", lambda x, n=name: getattr(x, n)(axis=-1)))
    check_many(entries, x)


# --- known bugs -------------------------------------------------------------------------------

BUG_SUM_BOOL_DTYPE = ("BUG: np.sum(x, dtype=np.bool_) raises AgValueError ('ag.sum' does not "
                      "support dtype bool); numpy reduces with logical or")


@pytest.mark.xfail(strict=True, reason=BUG_SUM_BOOL_DTYPE)
def test_bug_sum_with_bool_dtype():
    check(lambda x: np.sum(x, axis=1, dtype=np.bool_), np.array([[0, 2], [0, 0]], np.int32))


# Found by this suite, fixed while it was written (dc6e321): AutoGraph's converted_call
# rewrite failed with AttributeError on any converted call with keyword arguments.
def test_keyword_arguments_of_converted_call():
    def f(x):
        g = getattr(np, "sum")
        return g(x, axis=0), g(x, axis=1, keepdims=True)
    check(f, np.ones((2, 3), np.float32))


BUG_0D_INT_AXIS = ("BUG: numpy 1.24 accepts axis=0 and axis=-1 for sum/prod/max/min/all/any "
                   "and argmax/argmin of a 0-d array (np.sum(np.array(3.), axis=0) == 3.0); "
                   "ag raises AgValueError 'axis 0 is out of bounds for array of dimension 0' "
                   "(so ag.nn.softmax of a 0-d array fails too)")


@pytest.mark.parametrize("name", ["sum", "max", "any", "argmax"])
def test_bug_0d_reduction_with_integer_axis(name):
    x = np.array(3.0, np.float32)
    check_many([(f"axis={a}", lambda x, a=a: getattr(np, name)(x, axis=a)) for a in (0, -1)],
               x)


def test_0d_reductions_rejecting_integer_axis():
    """mean and tuple axes reject axis 0 of a 0-d array in numpy too."""
    x = np.array(3.0, np.float32)
    check(lambda x: np.mean(x, axis=0), x)
    check(lambda x: np.sum(x, axis=(0,)), x)

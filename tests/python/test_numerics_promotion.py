"""numpy 1.24's value-based casting with staged 0-d values (issue 11).

A 0-d operand meeting an array takes part in dtype resolution with the smallest dtype
its value fits (np.min_scalar_type): float32_array + a float64 0-d value stays float32
for 1.5 and becomes float64 for 1e300. Tracing sees no values, so ag traces as for a
value that fits and checks the value when the code runs: a value for which numpy would
resolve another dtype raises ag.AgUnsupportedError, ag's refusal, not numpy's ValueError
(never a result of the wrong dtype, such as an inf in float32). 0-d numpy constants are
resolved by their value at trace time. The value classes ag checks against are verified
here against numpy at both ends of each.
"""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths
from ag.staged import numerics as _numerics

ARRAY_DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
SCALAR_DTYPES = [np.float32, np.float64, np.int32, np.int64]
IDS = {np.float32: "f32", np.float64: "f64", np.int32: "i32", np.int64: "i64",
       np.bool_: "bool"}
UFUNCS = [np.add, np.subtract, np.multiply, np.true_divide, np.floor_divide, np.power,
          np.maximum, np.less, np.equal, np.bitwise_and]
PROMOTES = "value-based casting"


def add(a, b):
    return a + b


@pytest.mark.parametrize("scalar", SCALAR_DTYPES, ids=lambda t: IDS[t])
@pytest.mark.parametrize("array", ARRAY_DTYPES, ids=lambda t: IDS[t])
def test_value_classes_resolve_one_dtype_each(array, scalar):
    """Every value of a class gives numpy the same dtype (checked at both ends), for
    every ufunc ag stages: the check's intervals are exact."""
    arr = np.ones(1, array)
    for lo, hi in _numerics.value_classes(scalar):
        for ufunc in UFUNCS:
            got = set()
            for v in (lo, hi):
                try:
                    with np.errstate(all="ignore"):
                        got.add(np.result_type(ufunc(arr, np.array(v, scalar))))
                except (TypeError, ValueError) as e:
                    got.add(type(e))
            assert len(got) == 1, (ufunc, lo, hi, got)


def test_value_classes_cover_every_value():
    for dtype in SCALAR_DTYPES:
        classes = _numerics.value_classes(dtype)
        lo, hi = classes[0][0], classes[-1][1]
        if np.dtype(dtype).kind == "i":
            info = np.iinfo(dtype)
            assert (lo, hi) == (info.min, info.max)
            assert all(b + 1 == c for (_, b), (c, _) in zip(classes, classes[1:]))
        else:
            assert (lo, hi) == (-np.finfo(dtype).max, np.finfo(dtype).max)
            assert all(np.nextafter(b, c) == c
                       for (_, b), (c, _) in zip(classes, classes[1:]))


@pytest.mark.parametrize("value", [1.5, -65000.0, 3.39e38, np.inf, -np.inf, np.nan, 0.0])
def test_float32_array_and_float64_value_that_fits(value):
    got = check_paths(add, np.ones(3, np.float32), np.array(value))
    assert got.dtype == np.float32


@pytest.mark.parametrize("value", [1e300, 3.4e38, -3.4e38, -1e39, 1.7976931348623157e308])
def test_float32_array_and_float64_value_that_does_not_fit(value):
    assert (np.ones(3, np.float32) + np.array(value)).dtype == np.float64
    staged = ag.stage(add)
    staged(np.ones(3, np.float32), np.array(1.0))
    raises_on_paths(staged, (np.ones(3, np.float32), np.array(value)),
                    ag.AgUnsupportedError, PROMOTES, "float64", "astype", "test_numerics_promotion.py")


@pytest.mark.parametrize("value, fits", [(5, True), (-2**31, True), (2**31 - 1, True),
                                         (2**31, False), (-2**31 - 1, False),
                                         (2**40, False), (-2**63, False)])
def test_int32_array_and_int64_value(value, fits):
    args = (np.arange(3, dtype=np.int32), np.array(value))
    if fits:
        assert check_paths(add, *args).dtype == np.int32
    else:
        raises_on_paths(ag.stage(add), args, ag.AgUnsupportedError, PROMOTES, "int64")


@pytest.mark.parametrize("value, fits", [(65535, True), (-32768, True), (65536, False),
                                         (-32769, False), (2**40, False)])
@pytest.mark.parametrize("scalar", [np.int32, np.int64], ids=lambda t: IDS[t])
def test_float32_array_and_int_value(scalar, value, fits):
    """An integer value above 65535 makes numpy compute float32 + int in float64."""
    if scalar is np.int32 and value == 2**40:
        return
    args = (np.ones(3, np.float32), np.array(value, scalar))
    if fits:
        assert check_paths(add, *args).dtype == np.float32
    else:
        raises_on_paths(ag.stage(add), args, ag.AgUnsupportedError, PROMOTES)


def test_comparisons_compute_in_the_resolved_dtype():
    """x < 2**40 in int32 would wrap the value: numpy compares in int64."""
    def less(a, b):
        return a < b
    check_paths(less, np.arange(3, dtype=np.int32), np.array(7))
    raises_on_paths(ag.stage(less), (np.arange(3, dtype=np.int32), np.array(2**40)),
                    ag.AgUnsupportedError, PROMOTES, "np.less")
    raises_on_paths(ag.stage(less), (np.ones(3, np.float32), np.array(1e300)),
                    ag.AgUnsupportedError, PROMOTES)


def test_where_and_ufunc_forms():
    def where(c, a, b):
        return np.where(c, a, b)
    c = np.array([True, False, True])
    check_paths(where, c, np.ones(3, np.float32), np.array(2.0))
    raises_on_paths(ag.stage(where), (c, np.ones(3, np.float32), np.array(1e300)),
                    ag.AgUnsupportedError, PROMOTES, "np.where")
    check_paths(lambda a, b: np.maximum(b, a), np.ones(3, np.float32), np.array(2.0))
    raises_on_paths(ag.stage(lambda a, b: np.multiply(b, a)),
                    (np.ones(3, np.int32), np.array(2**35)), ag.AgUnsupportedError,
                    PROMOTES)


def test_no_check_where_the_value_cannot_change_the_dtype():
    """Both 0-d (no value-based casting), a wider array, a dtype= argument: the IR has
    no run-time check."""
    cases = [
        (add, (np.array(1.0, np.float32), np.array(1e300))),
        (add, (np.ones(3), np.array(1e30, np.float32))),
        (add, (np.ones(3, np.int64), np.array(2**31 - 1, np.int32))),
        (lambda a, b: np.add(a, b, dtype=np.float64), (np.ones(3, np.float32),
                                                        np.array(1e300))),
        (add, (np.ones(3, np.float32), np.array(True))),
    ]
    for fn, args in cases:
        check_paths(fn, *args)
        assert "ag.assert" not in ag.stage(fn).ir(*args)


def test_explicit_casts_avoid_the_check():
    def cast_value(a, b):
        return a + b.astype(np.float32)

    def cast_array(a, b):
        return a.astype(np.float64) + b
    args = (np.ones(3, np.float32), np.array(1e300))
    check_paths(cast_value, *args)
    assert check_paths(cast_array, *args).dtype == np.float64


def _frozen(array):
    array.setflags(write=False)
    return array


def test_zero_d_numpy_constants_resolve_by_value():
    """A frozen (read-only) 0-d numpy array in the function is a constant: its value is
    known. (A writable one is an implicit parameter, read when the call runs; array
    closure values are checked in Python: no C path.)"""
    big, small = _frozen(np.array(1e300)), _frozen(np.array(1.5))
    f32 = np.ones(3, np.float32)
    assert check_paths(lambda a: a + big, f32, c_path=False).dtype == np.float64
    assert check_paths(lambda a: a + small, f32, c_path=False).dtype == np.float32
    huge = _frozen(np.array(2**40))
    assert check_paths(lambda a: a * huge, np.ones(3, np.int32),
                       c_path=False).dtype == np.int64


def test_staged_scalars_from_reductions():
    """x.sum() is a numpy scalar in numpy: value-based casting applies to it too."""
    def mix(a, x):
        return a * x.sum()
    check_paths(mix, np.ones(3, np.float32), np.array([1.0, 2.0]))
    raises_on_paths(ag.stage(mix), (np.ones(3, np.float32), np.array([1e300, 1e300])),
                    ag.AgUnsupportedError, PROMOTES)


def test_loop_index_within_a_class_needs_no_check():
    """A staged loop index lies in a known range: indices below 65536 keep float32."""
    def scaled(x):
        acc = np.zeros_like(x)
        for i in range(1000):
            acc = acc + x * i
        return acc
    staged = ag.stage(scaled)
    x = np.ones(4, np.float32)
    got = staged(x)
    assert got.dtype == np.float32 and np.allclose(got, scaled(x))
    assert "ag.assert" not in staged.ir(x)

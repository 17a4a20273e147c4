"""Casts give numpy 1.24's values on x86-64, deterministically (issue 11).

float -> int is C's conversion (cvtt*): NaN, +-inf and values whose truncation does not
fit give INT_MIN for int32 and int64 targets alike. The lowering must never leave that to
arith.fptosi (poison: LLVM folds it to different garbage per call once it sees the value),
so the values are compared as arguments, as constants the compiler can see (folded), and
through every construct that converts floats to ints (astype, int(), floor().astype,
floor_divide then astype, item assignment, a float-derived index). float -> bool is
x != 0 (NaN is True); int -> float rounds to nearest. Both call paths each time.
"""

import warnings

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths
from _reference import run_numpy

FLOAT_EDGES = [np.nan, np.inf, -np.inf, 2.0**31 - 1, 2.0**31, -2.0**31, -2.0**31 - 1,
               2.0**31 - 0.5, -2.0**31 - 0.5, 2.0**31 - 128, 2.0**63, -2.0**63, 2.0**62,
               -2.0**63 - 4096, 2.0**53 + 2, 1e300, -1e300, 3e38, 1.5e10, 2.5, -2.5,
               0.9, -0.9, 0.0, -0.0, 5e-324, 1e-40]
INT_EDGES = [0, 1, -1, 2**24 + 1, -(2**24 + 1), 2**31 - 1, -2**31, 2**53 + 1, 2**62 + 1,
             2**63 - 1, -2**63, 123456789012345]

FLOATS = [np.float32, np.float64]
TARGETS = [np.int32, np.int64, np.bool_]
# The constants of the sample functions overflow float32 on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")

IDS = {np.float32: "f32", np.float64: "f64", np.int32: "i32", np.int64: "i64",
       np.bool_: "bool"}


def edges(dtype):
    with np.errstate(all="ignore"):
        return np.array(FLOAT_EDGES, dtype=np.float64).astype(dtype)


def test_numpy_gives_int_min_for_every_unrepresentable_value():
    """The reference itself, on this machine: what the lowering reproduces."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for to in (np.int32, np.int64):
            low = np.iinfo(to).min
            for src in FLOATS:
                got = np.array([np.nan, np.inf, -np.inf, 1e300, -1e300], src).astype(to)
                assert (got == low).all(), (src, to, got)
        assert np.array([2.0**31], np.float64).astype(np.int32)[0] == -2**31
        assert np.array([2.0**31 - 1], np.float64).astype(np.int32)[0] == 2**31 - 1
        assert np.array([2.0**63], np.float64).astype(np.int64)[0] == -2**63
        assert np.array([2.0**31], np.float32).astype(np.int64)[0] == 2**31


@pytest.mark.parametrize("to", TARGETS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_astype_of_edge_values_passed_as_arguments(src, to):
    check_paths(lambda x: x.astype(to), edges(src))


@pytest.mark.parametrize("to", TARGETS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_astype_of_edge_values_in_each_vector_lane(src, to):
    """Long enough for the vectorised loop and its remainder: every value in every lane."""
    x = np.resize(edges(src), 16 * 4 + 3)
    check_paths(lambda x: x.astype(to), x)
    check_paths(lambda x: x[::-1].astype(to), x)


@pytest.mark.parametrize("value", FLOAT_EDGES, ids=repr)
@pytest.mark.parametrize("to", [np.int32, np.int64], ids=lambda t: IDS[t])
@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_cast_of_a_constant_the_compiler_sees(src, to, value):
    """The value is a constant of the compiled code (a fill): folding gives numpy's."""
    def fill(x):
        return (np.zeros_like(x) + value).astype(to)

    def where_fill(x):
        c = np.full(x.shape, value, dtype=x.dtype)
        return np.where(x == x, c, c).astype(to)

    def scalar(x):
        return (x.sum() * 0 + src(value)).astype(to)  # 0-d: plain scalar arithmetic
    x = np.zeros(5, src)
    for fn in (fill, where_fill, scalar):
        for _ in range(3):  # garbage differed per call before
            check_paths(fn, x)


@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_bool_of_floats_is_nonzero_and_nan_is_true(src):
    x = np.array([np.nan, 0.0, -0.0, 5e-324, -np.inf, 1e-40], src)
    got = check_paths(lambda x: x.astype(np.bool_), x)
    # 5e-324 is 0 in float32; 1e-40 a float32 subnormal, nonzero.
    assert got.tolist() == [True, False, False, src is np.float64, True, True]
    check_paths(lambda x: np.logical_not(x), x)


@pytest.mark.parametrize("to", FLOATS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("src", [np.int32, np.int64, np.bool_], ids=lambda t: IDS[t])
def test_int_to_float_rounds_as_numpy(src, to):
    with np.errstate(all="ignore"):
        x = np.array(INT_EDGES, dtype=np.int64).astype(src)
    check_paths(lambda x: x.astype(to), x)


@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_float_to_int_constructs(src):
    """Every place a float becomes an int: they all go through the same cast."""
    x = edges(src)
    check_paths(lambda x: np.floor(x).astype(np.int64), x)
    check_paths(lambda x: np.ceil(x).astype(int), x)
    check_paths(lambda x: (x // 0.5).astype(np.int64), x)
    check_paths(lambda x: np.trunc(x * 3.0).astype(np.int32), x)

    def assign(x):
        y = np.zeros(x.shape, np.int32)
        y[:] = x
        return y
    check_paths(assign, x)



@pytest.mark.parametrize("to", [np.int32, np.int64], ids=lambda t: IDS[t])
@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
def test_assigning_a_float_scalar_goes_through_int(src, to):
    """numpy writes a float *scalar* (x[0], a reduction, a Python float) into an integer
    array through Python's int(): NaN is a ValueError, inf or a value beyond int64 an
    OverflowError, and values beyond int32 wrap -- unlike arrays, which cast as C does."""
    def assign_item(x):
        y = np.zeros(3, to)
        y[1] = x[0]
        return y

    def assign_reduction(x):
        y = np.zeros(3, to)
        y[:2] = x.max()
        return y

    def assign_0d_array(x):  # an array: C's conversion
        y = np.zeros(3, to)
        y[1] = x[0:1].reshape(())
        return y
    for v in (np.nan, np.inf, -np.inf, 1e300, 2.0**63, 5e18, 3e9, -3e9, -2.0**63, -7.9,
              2.0**31 - 0.5):
        x = np.array([v], src)
        for fn in (assign_item, assign_reduction, assign_0d_array):
            check_paths(fn, x)


@pytest.mark.parametrize("value", [np.nan, float("inf"), 1e300, 5e18, 3e9, -7.9,
                                   np.float32(3e9)], ids=repr)
def test_assigning_a_float_constant_goes_through_int(value):
    def assign(x):
        y = x.copy()
        y[0] = value
        return y
    check_paths(assign, np.arange(3, dtype=np.int32))
    check_paths(assign, np.arange(3, dtype=np.int64))


@pytest.mark.parametrize("value", [np.nan, np.inf, 1e300, -2.0**63 - 4096])
def test_float_derived_index_out_of_range_is_index_error(value):
    """INT_MIN, as numpy computes it, is an out-of-range index: IndexError."""
    def pick(x, v):
        return x[np.floor(v).astype(np.int64)]
    x = np.arange(3.0)
    check_paths(pick, x, np.array(value))


def test_float_derived_index_in_range():
    def pick(x, v):
        return x[np.floor(v).astype(np.int64)]
    x = np.arange(3.0)
    for v in (0.5, 2.9, -0.5, -2.5):
        check_paths(pick, x, np.array(v))


# --- int(), float(), bool() of staged values -------------------------------------------

def to_int(v):
    return int(v)


@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("value", [2.0**31, -2.0**63, 3e9, -2.5, 0.9, -0.0, 2.0**62])
def test_int_of_staged_float_in_range(src, value):
    """Python's int() of the numpy scalar: a Python int (computed as an int64)."""
    staged = ag.stage(to_int)
    for _ in range(2):
        got = staged(np.array(value, src))
        assert type(got) is int and got == int(src(value)), (got, value)  # as Python's


@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("value, builtin, text", [
    (np.nan, ValueError, "cannot convert float NaN to integer"),
    (np.inf, OverflowError, "cannot convert float infinity to integer"),
    (-np.inf, OverflowError, "cannot convert float infinity to integer"),
])
def test_int_of_staged_float_that_python_rejects(src, value, builtin, text):
    with pytest.raises(builtin):
        int(src(value))
    staged = ag.stage(to_int)
    raises_on_paths(staged, (np.array(value, src),), builtin, text,
                    "test_numerics_casts.py")
    assert staged(np.array(1.5, src)) == 1  # a failed call leaves nothing behind


@pytest.mark.parametrize("src", FLOATS, ids=lambda t: IDS[t])
@pytest.mark.parametrize("value", [2.0**63, -1e30, 3e38])
def test_int_of_staged_float_beyond_int64_is_overflow_error(src, value):
    """Python's int() is unbounded; ag's int() of a staged value is an int64: a clear
    OverflowError instead of a wrong number."""
    assert not -2**63 <= int(src(value)) < 2**63
    raises_on_paths(ag.stage(to_int), (np.array(value, src),), OverflowError,
                    "outside the int64 range")


def test_int_float_bool_of_staged_values_match_python():
    def conv(x, i):
        return float(i), bool(x), bool(i), int(i)
    staged = ag.stage(conv)
    for x, i in [(np.nan, 0), (0.0, -3), (-0.0, 2**40)]:
        got = staged(np.array(x), np.array(i))
        want = run_numpy(conv, np.array(x), np.array(i))
        assert [type(g).__name__ for g in got] == ["float", "bool", "bool", "int"]
        assert list(got) == list(want)


def element_from_one_element_array(a, v, i):
    a[3] = v
    a[i, ] = v * 2
    return a


@pytest.mark.parametrize("value", [2.7, -3.5, np.nan, np.inf, 1e30])
@pytest.mark.parametrize("shape", [(1,), (1, 1)])
def test_one_element_float_array_into_an_integer_element(value, shape):
    # numpy converts the array's element with int(): NaN, infinities and values past
    # int64 are its ValueError "setting an array element with a sequence."
    v = np.full(shape, value)
    args = (np.ones(4, np.int64), v, np.int64(1))
    if np.isfinite(value) and abs(value) < 2**63:
        check_paths(element_from_one_element_array, *args, c_path=False)
    else:
        with pytest.raises(ValueError, match="setting an array element with a sequence"):
            element_from_one_element_array(np.ones(4, np.int64), v, 1)
        raises_on_paths(ag.stage(element_from_one_element_array), args, ValueError,
                        "setting an array element with a sequence")

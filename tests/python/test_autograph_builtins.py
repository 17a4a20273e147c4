"""Builtins with staged overloads and chained comparisons (reference tests).

Converted code calls builtins through ag__.converted_call: int(), float(), bool() of a
staged 0-d value, min()/max() of staged numbers, enumerate()/zip() of staged arrays (a
for loop over them is one staged loop) have staged versions; with Python values they
are Python's own. `a < b < c` becomes ag__.compare_, lazy like Python's. Every sample
function runs as plain Python/numpy and staged with ag.stage on the same inputs, for
Python values ("python") and numpy scalars / arrays that are staged ("staged").
Accepted difference (`loose`): a Python number computed from staged values comes back
as a numpy scalar of the same dtype (int -> int64, float -> float64, bool -> bool).
"""


import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, assert_same, check, scalar, staged, where


# --- int(), float(), bool() -------------------------------------------------------------------

def conversions(x):
    return int(x), float(x), bool(x)


CONVERSION_VALUES = [(2.5, np.float32), (-2.7, np.float64), (0.0, np.float64),
                     (-0.0, np.float32), (3e9, np.float64), (np.inf, np.float32),
                     (0, np.int32), (-7, np.int64), (2**40, np.int64), (True, np.bool_),
                     (False, np.bool_)]


@pytest.mark.parametrize("value,dtype", CONVERSION_VALUES)
@pytest.mark.parametrize("path", PATHS)
def test_int_float_bool(path, value, dtype):
    if np.isinf(value):
        # int(inf) is Python's OverflowError; float()/bool() only.
        check(float_bool, scalar(value, path, dtype), loose=True)
        return
    got = check(conversions, scalar(value, path, dtype), loose=True)
    if path == "staged":
        assert [np.asarray(g).dtype for g in got] == [np.int64, np.float64, np.bool_]


def float_bool(x):
    return float(x), bool(x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_bool_of_nan(dtype):
    f, b = staged(float_bool)(dtype(np.nan))
    assert np.isnan(f) and np.asarray(f).dtype == np.float64
    assert_same(b, bool(dtype(np.nan)), loose=True)


def conversions_in_use(x, n, c):
    total = 0.0
    for i in range(int(n)):
        total = total + float(x) * i
    if bool(c):
        total = -total
    return total


@pytest.mark.parametrize("n", [0.0, 1.9, 4.2])
@pytest.mark.parametrize("c", [0, 3])
@pytest.mark.parametrize("path", PATHS)
def test_conversions_feed_control_flow(path, n, c):
    check(conversions_in_use, scalar(1.5, path, np.float32), scalar(n, path, np.float64),
          scalar(c, path, np.int32), loose=True)
    if path == "staged":
        assert "scf.for" in staged(conversions_in_use).ir(
            np.float32(1.5), np.float64(n), np.int32(c))


def int_of_vector(x):
    return int(x)  # the conversion


def test_int_of_staged_vector_is_an_error():
    with pytest.raises(TypeError):
        int_of_vector(np.ones(3))
    with pytest.raises(ag.AgTypeError, match=r"int\(\) of a staged array of shape \(3,\): "
                       "only 0-d arrays convert to a number"):
        ag.stage(int_of_vector)(np.ones(3))


# --- min(), max() -----------------------------------------------------------------------------

def min_max(a, b, c):
    return min(a, b, c), max(a, b), min(a, b), max(a, b, c)


MIN_MAX_VALUES = [(1, 2, 3), (3, 2, 1), (2, 2, 2), (-5, 7, -5), (0, -1, 1)]


@pytest.mark.parametrize("a,b,c", MIN_MAX_VALUES)
@pytest.mark.parametrize("dtype", [np.int64, np.float64, np.int32, np.float32])
@pytest.mark.parametrize("path", PATHS)
def test_min_max(path, dtype, a, b, c):
    py = {np.int64: int, np.int32: int}.get(dtype, float)
    check(min_max, *(scalar(py(v), path, dtype) for v in (a, b, c)), loose=True)


SIGNED_ZEROS = [(0.0, -0.0, 1.0), (-0.0, 0.0, 0.0), (0.0, 0.0, -0.0)]


@pytest.mark.parametrize("a,b,c", SIGNED_ZEROS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_min_max_first_of_equal_values(dtype, a, b, c):
    """0.0 == -0.0: Python returns the first of them; the sign bit shows which."""
    args = [dtype(v) for v in (a, b, c)]
    expected = min_max(*args)
    got = staged(min_max)(*args)
    assert_same(got, expected)
    assert [np.signbit(g) for g in got] == [np.signbit(e) for e in expected]


@pytest.mark.parametrize("a,b,c", [(np.nan, 1.0, 2.0), (1.0, np.nan, 0.0),
                                   (2.0, 1.0, np.nan)])
def test_min_max_nan_as_python(a, b, c):
    """Python compares pairwise (`b < a`), so a NaN wins only where it comes first."""
    args = [np.float64(v) for v in (a, b, c)]
    expected = min_max(*args)
    got = staged(min_max)(*args)
    assert [np.isnan(g) for g in got] == [np.isnan(e) for e in expected]
    assert_same([g for g in got if not np.isnan(g)], [e for e in expected if not np.isnan(e)])


def clamp_with_python_bounds(i, n):
    return max(0, min(i, n - 1))


@pytest.mark.parametrize("i", [-3, 0, 4, 9])
def test_min_max_with_python_ints(i):
    check(clamp_with_python_bounds, np.int64(i), 5, loose=True)


def max_of_array(x):
    return max(x)  # the max


def max_of_vectors(x, y):
    return max(x, y)  # the max


def test_min_max_of_arrays_are_errors():
    with pytest.raises(ag.AgUnsupportedError, match=r"max\(\) over a staged array: use "
                       r"np.max\(x\)"):
        ag.stage(max_of_array)(np.ones(3))
    with pytest.raises(ValueError):
        max_of_vectors(np.ones(3), np.ones(3))
    with pytest.raises(ag.AgValueError, match=r"max\(\) of staged arrays of shape \(3,\): "
                       "the truth value of an array with more than one element is "
                       "ambiguous"):
        ag.stage(max_of_vectors)(np.ones(3), np.ones(3))


BUILTIN_ERRORS = [(int_of_vector, (np.ones(3),), "# the conversion"),
                  (max_of_array, (np.ones(3),), "# the max"),
                  (max_of_vectors, (np.ones(3), np.ones(3)), "# the max")]


@pytest.mark.parametrize("fn,args,line", BUILTIN_ERRORS,
                         ids=[e[0].__name__ for e in BUILTIN_ERRORS])
def test_builtin_overload_errors_name_the_line(fn, args, line):
    with pytest.raises(ag.AgError, match=where(fn, line)):
        ag.stage(fn)(*args)


# --- enumerate(), zip() -----------------------------------------------------------------------

def enumerate_sum(xs):
    s = np.zeros(xs.shape[1:], np.float64)
    for i, v in enumerate(xs):
        s = s + v * i
    return s


def enumerate_from_3(xs):
    s = np.zeros(xs.shape[1:], np.float64)
    for i, v in enumerate(xs, 3):
        s = s + v * i
    return s


def zip_dot(xs, ys):
    s = np.float64(0)
    for a, b in zip(xs, ys):
        s = s + a * b
    return s


def zip_three(xs, ys, zs):
    s = np.float32(0)
    for a, b, c in zip(xs, ys, zs):
        s = s + a * b - c
    return s


@pytest.mark.parametrize("shape", [(0,), (1,), (7,), (4, 3)])
@pytest.mark.parametrize("fn", [enumerate_sum, enumerate_from_3])
def test_enumerate_staged_array(fn, shape):
    xs = (np.arange(int(np.prod(shape))) - 2.5).astype(np.float32).reshape(shape)
    check(fn, xs)
    assert staged(fn).ir(xs).count("scf.for") == (shape[0] > 0), staged(fn).ir(xs)


@pytest.mark.parametrize("n,m", [(0, 0), (1, 1), (5, 5), (6, 3), (2, 7)])
def test_zip_staged_arrays(n, m):
    """zip stops at the shorter array (a static length)."""
    xs = np.arange(n, dtype=np.float64) - 1
    ys = np.arange(m, dtype=np.float64) * 0.5
    check(zip_dot, xs, ys)
    assert staged(zip_dot).ir(xs, ys).count("scf.for") == (min(n, m) > 0)


def test_zip_three_staged_arrays():
    xs = np.arange(12, dtype=np.float32)
    check(zip_three, xs, xs[::-1].copy(), np.ones(15, np.float32))
    assert staged(zip_three).ir(xs, xs, xs).count("scf.for") == 1


def enumerate_zip(xs, ys):
    s = np.float64(0)
    for i, (a, b) in enumerate(zip(xs, ys)):
        s = s + a * b * i
    return s


def test_enumerate_of_zip_is_one_loop():
    xs = np.arange(20, dtype=np.float64)
    check(enumerate_zip, xs, xs[::-1].copy())
    assert staged(enumerate_zip).ir(xs, xs).count("scf.for") == 1


def ndenumerate_writes(x):
    # numpy's flat iterator reads each element when its iteration runs: the writes of
    # earlier iterations are seen.
    total = 0.0
    out = np.zeros_like(x)
    for idx, v in np.ndenumerate(x):
        total = total + v * (idx[0] + 1)
        out[idx] = v * idx[-1]
        last = idx[:-1] + (x.shape[-1] - 1,)  # the row's last element, read later
        x[last] = 7.0 if v > 3 else x[last]
    return total, out


def ndenumerate_items(x):
    return [(i, v) for i, v in np.ndenumerate(x)]


@pytest.mark.parametrize("shape", [(1, 1), (3, 4), (2, 3, 2)])
def test_ndenumerate_staged_array(shape):
    x = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - 1.5
    check(ndenumerate_writes, x.copy())
    assert staged(ndenumerate_writes).ir(x).count("scf.for") == 1
    # In Python (a comprehension): coordinates are Python ints, elements numpy scalars.
    check(ndenumerate_items, x[..., 0].copy())


def enumerate_python_list(x):
    for i, w in enumerate([0.5, -1.0, 2.0], 1):
        x = x * w + i
    return x


def zip_python_and_staged(x):
    for w, v in zip([2.0, -1.0, 0.5], x):
        x = x + w * v
    return x


@pytest.mark.parametrize("fn", [enumerate_python_list, zip_python_and_staged])
def test_enumerate_zip_with_python_lists_run_in_python(fn):
    x = np.array([1.0, 2.0, -3.0], np.float32)
    check(fn, x)
    assert "scf.for" not in staged(fn).ir(x)


# --- chained comparisons ------------------------------------------------------------------------

def chains(a, b, c):
    return 0 < a < b <= 10, a == b == c, a < b > c, a != b != c


CHAIN_VALUES = [(1, 2, 2), (2, 1, 0), (0, 5, 5), (3, 3, 3), (4, 11, 2), (-1, 0, 1)]


@pytest.mark.parametrize("a,b,c", CHAIN_VALUES)
@pytest.mark.parametrize("path_a", PATHS)
@pytest.mark.parametrize("path_b", PATHS)
@pytest.mark.parametrize("path_c", PATHS)
def test_chained_comparisons(path_a, path_b, path_c, a, b, c):
    check(chains, scalar(a, path_a, np.int64), scalar(b, path_b, np.int64),
          scalar(c, path_c, np.float32), loose=True)


def chain_in_condition(x, i):
    if 0 <= i < x.shape[0] and x[i] > 0:
        return x[i]
    return x[0] - x[0]


@pytest.mark.parametrize("i", [-4, -1, 0, 2, 3, 10])
@pytest.mark.parametrize("path", PATHS)
def test_chain_guards_an_index(path, i):
    """The index is read only where the chain holds: no out-of-range IndexError."""
    check(chain_in_condition, np.array([2.0, -1.0, 5.0], np.float32),
          scalar(i, path, np.int64), loose=True)


CALLS = []


def counted(v):
    CALLS.append(v)
    return v


def chain_with_side_effect(a, b, c):
    return a < counted(b) < counted(c)


@pytest.mark.parametrize("a,b,c", [(5, 1, 9), (1, 5, 9), (1, 5, 2)])
def test_chain_is_lazy_in_python(a, b, c):
    """Each operand is evaluated at most once, and not at all after a false comparison
    (the calls happen while tracing, once)."""
    CALLS.clear()
    expected = chain_with_side_effect(a, b, c)
    eager_calls = list(CALLS)
    CALLS.clear()
    assert_same(ag.stage(chain_with_side_effect)(a, b, c), expected)
    assert CALLS == eager_calls
    assert eager_calls == ([b] if a >= b else [b, c])


def chain_staged_lazy(x, i, j):
    return 0 <= i < x.shape[0] and 0 <= j < x.shape[0] and x[i] < x[j]


@pytest.mark.parametrize("i,j", [(0, 1), (2, 0), (-1, 1), (1, 3), (3, 3)])
def test_staged_chain_and_index(i, j):
    check(chain_staged_lazy, np.array([1.0, 2.0, 0.5]), np.int64(i), np.int64(j),
          loose=True)


def chain_on_vector(x):
    return 0 < x < 1  # the chain


def test_chain_on_vector_is_a_clear_error():
    with pytest.raises(ValueError):
        chain_on_vector(np.ones(3))
    with pytest.raises(ag.AgValueError, match=where(chain_on_vector, "# the chain")):
        ag.stage(chain_on_vector)(np.ones(3))

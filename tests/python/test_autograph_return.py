"""AutoGraph conversion of `return` anywhere (reference tests, TF AutoGraph style).

`return` becomes a return-value variable, a flag and guards; inside a loop it also
breaks out of the loop (and every enclosing loop). Every sample function runs as plain
Python/numpy and staged with ag.stage on the same inputs, for both dispatch paths:
  * "python": conditions and bounds are Python values: the returns stay Python;
  * "staged": they are 0-d numpy arrays (or staged arrays are iterated): the return
    happens under scf.if / scf.while / scf.for.
Inputs make the return happen on the first, a middle, the last or no iteration and the
loops run 0, 1 and many times. Results must match numpy exactly in type, dtype and shape
(floats within rtol=atol=1e-5); `loose` where a Python number set under staged control
flow comes back as a numpy scalar of the same dtype.
"""

import copy

import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, arg, assert_same, check, scalar, staged, where

X = np.array([1.5, -2.0, 3.25], np.float32)


# --- return in if / else ----------------------------------------------------------------------

def return_in_if(x, c):
    if c:
        return x * 2
    return x - 1


def return_in_both_branches(x, c):
    if c > 0:
        return x * 2
    else:
        return -x


def return_in_elif_chain(x, c):
    if c > 10:
        return x * 3
    elif c > 0:
        x = x + 1
        if c > 5:
            return x * 2
    elif c > -10:
        return x - 1
    return x


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_return_in_if(path, c):
    check(return_in_if, X, arg(c, path), path=path, region="scf.if")


@pytest.mark.parametrize("c", [-20, -1, 0, 3, 7, 20])
@pytest.mark.parametrize("path", PATHS)
def test_return_in_branches(path, c):
    check(return_in_both_branches, X, arg(c, path, np.int64), path=path, region="scf.if")
    check(return_in_elif_chain, X, arg(c, path, np.int64), path=path, region="scf.if")


# --- return in for over a range ------------------------------------------------------------

def first_square_at_least(n, k):
    for i in range(n):
        if i * i >= k:
            return i
    return -1


# (n, k): 0 iterations; 1 iteration returning / not; returning on the first, a middle,
# the last iteration, or never.
SQUARE_CASES = [(0, 0), (1, 0), (1, 5), (6, 0), (6, 9), (6, 25), (6, 26)]


@pytest.mark.parametrize("n,k", SQUARE_CASES)
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_k", PATHS)
def test_return_in_for_over_range(path_n, path_k, n, k):
    # Accepted difference: `return i` under a staged loop or condition is a staged value
    # (np.int64) where Python returns the Python int.
    check(first_square_at_least, arg(n, path_n, np.int64), arg(k, path_k, np.int64),
          loose=True, path=path_n, region="scf.while")


@pytest.mark.parametrize("n,k", [(20, 0), (20, 50), (20, 361), (20, 1000)])
@pytest.mark.parametrize("path_k", PATHS)
def test_return_in_long_python_range(path_k, n, k):
    """A Python range of more than 8 steps; with a staged condition the first iteration
    runs in Python (it stages the return flag), the rest is one staged loop."""
    got = check(first_square_at_least, n, arg(k, path_k, np.int64), loose=True)
    ir = staged(first_square_at_least).ir(n, arg(k, path_k, np.int64))
    if path_k == "staged":
        assert ir.count("scf.while") == 1, ir
    else:
        assert type(got) is int


def first_index_above(xs, t):
    for i in range(len(xs)):
        if xs[i] > t:
            return i
    return -1


def first_index_above_in_list(length, t):
    return first_index_above([float(v) for v in range(length)], t)


@pytest.mark.parametrize("length", [0, 1, 5, 12])
@pytest.mark.parametrize("t", [-100.0, 2.5, 10.5, 100.0])  # first, middle, last, never
@pytest.mark.parametrize("path", PATHS)
def test_return_index_in_python_range_over_array(path, length, t):
    """`range(len(xs))` is a Python range (a static shape); the condition is staged when
    xs is a staged array, Python when xs is a list."""
    if path == "python":
        check(first_index_above_in_list, length, t)
    else:
        check(first_index_above, np.arange(length, dtype=np.float32), t, loose=True)


def return_in_strided_range(n, k):
    for i in range(2, n, 3):
        if i > k:
            return i * 10
    return n


@pytest.mark.parametrize("n,k", [(2, 0), (3, 0), (3, 5), (10, 4), (10, 7), (10, 100)])
@pytest.mark.parametrize("path", PATHS)
def test_return_in_strided_range(path, n, k):
    check(return_in_strided_range, arg(n, path, np.int64), arg(k, path, np.int64),
          loose=True)


# --- return in for over a staged array's rows ------------------------------------------------

def first_row_above(xs, t):
    for r in xs:
        if r.sum() > t:
            return r
    return np.zeros(xs.shape[1:], xs.dtype)


def first_element_above(xs, t):
    for v in xs:
        if v > t:
            return v + v
    return xs.sum()


@pytest.mark.parametrize("rows", [0, 1, 4])
@pytest.mark.parametrize("t", [-100.0, 0.0, 20.0, 100.0])  # first, second, last, none
@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.float64])
def test_return_row_of_staged_array(rows, t, dtype):
    xs = (np.arange(rows * 3) - 2).astype(dtype).reshape(rows, 3)
    check(first_row_above, xs, t)


@pytest.mark.parametrize("values", [[], [5.0], [-1.0], [1.0, -2.0, 4.0, 3.0], [0.0, 1.0, 2.0]])
@pytest.mark.parametrize("dtype", [np.float32, np.int64])
def test_return_element_of_staged_array(values, dtype):
    """The return value's dtype (float32 / int64) is the in-loop `v + v`'s, which ag
    learns by tracing the body once; the final return has the same dtype."""
    check(first_element_above, np.array(values, dtype), 2)


# --- return in while ------------------------------------------------------------------------

def return_in_while(n):
    i = np.int64(0)
    while i < n:
        if i * i > 10:
            return i
        i = i + 1
    return np.int64(-1)


def halve_until_small(x, lim):
    steps = np.int64(0)
    while x.max() > lim:
        x = x * np.float32(0.5)
        steps = steps + 1
        if steps >= 4:
            return x, steps
    return x + 100, -steps


@pytest.mark.parametrize("n", [0, 1, 3, 4, 9])
@pytest.mark.parametrize("path", PATHS)
def test_return_in_while(path, n):
    check(return_in_while, arg(n, path, np.int64), path=path, region="scf.while")


@pytest.mark.parametrize("lim", [5.0, 1.0, 0.01])  # 0 iterations, a few, stopped at 4
@pytest.mark.parametrize("path", PATHS)
def test_return_tuple_in_while(path, lim):
    """float32 state, a tuple returned inside the loop and after it."""
    check(halve_until_small, X, scalar(lim, path, np.float32))


# --- nested loops: a return in the inner loop stops the outer one -------------------------

def find_pair(n, m, target):
    count = np.int64(0)
    for i in range(n):
        for j in range(m):
            count = count + 1
            if i * j >= target:
                return i, j, count
    return -1, -1, count


def _pair_cases():
    for n, m, target in [(0, 3, 0), (3, 0, 0), (1, 1, 0), (4, 5, 0), (4, 5, 2), (4, 5, 6),
                         (4, 5, 12), (4, 5, 13)]:
        for path_n in PATHS:
            for path_m in PATHS:
                for path_t in PATHS:
                    yield pytest.param(path_n, path_m, path_t, n, m, target)


@pytest.mark.parametrize("path_n,path_m,path_t,n,m,target", list(_pair_cases()))
def test_return_from_inner_loop(path_n, path_m, path_t, n, m, target):
    """Later outer iterations would satisfy the condition again: a return that only left
    the inner loop would give a later pair and a larger count."""
    check(find_pair, arg(n, path_n, np.int64), arg(m, path_m, np.int64),
          arg(target, path_t, np.int64), loose=True)


def return_not_reached_while_tracing(n, m):
    for i in range(n):
        if m > 0:
            return i
    return -1


@pytest.mark.parametrize("n,m", [(0, 1), (3, 1)])
def test_return_reached_in_staged_loop(n, m):
    check(return_not_reached_while_tracing, np.array(n), m, loose=True)


@pytest.mark.parametrize("n", [0, 3])
def test_return_not_reached_while_tracing(n):
    """`if m > 0` is a Python condition (m = 0): the staged loop never sets the return
    value, so the function returns -1."""
    check(return_not_reached_while_tracing, np.array(n), 0, loose=True)


def find_in_rows(xs, t):
    for r in xs:
        for v in r:
            if v > t:
                return v
    return xs.dtype.type(-1)


@pytest.mark.parametrize("t", [-100, 0, 4, 100])
def test_return_from_inner_loop_over_staged_arrays(t):
    xs = np.array([[1, -3, 0], [2, 5, -1], [7, 2, 9]], np.int32)
    check(find_in_rows, xs, t)
    ir = staged(find_in_rows).ir(xs, t)
    assert ir.count("scf.while") == 2 and "scf.for" not in ir, ir


def while_around_for(xs, n):
    k = np.int64(0)
    while k < n:
        for v in xs:
            if v * k > 10:
                return v, k
        k = k + 1
    return xs[0], k


@pytest.mark.parametrize("n", [0, 1, 2, 3, 9])
@pytest.mark.parametrize("path", PATHS)
def test_return_from_for_inside_while(path, n):
    check(while_around_for, np.array([1.0, 4.0, 2.0]), arg(n, path, np.int64))


# --- return values and their types ----------------------------------------------------------

def accumulate_then_return(x, n):
    acc = np.zeros_like(x)
    for i in range(n):
        acc = acc + x * i
        if acc.sum() > 20:
            return acc
    return acc * 0.5


@pytest.mark.parametrize("n", [0, 1, 2, 4, 7])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32])
@pytest.mark.parametrize("path", PATHS)
def test_return_value_dtype_set_in_loop_and_after(path, dtype, n):
    """`acc * 0.5` after the loop keeps float32 (value-based casting) like the in-loop
    return. For int32 it is float64 while the in-loop return is int32: with a staged
    condition the return value's dtype depends on the path (operators.divergent), and
    the call returns the one of the path that ran."""
    x = np.array([1, 2, 3], dtype)
    check(accumulate_then_return, x, arg(n, path, np.int64))


def return_in_loop_only(xs, t):
    for v in xs:
        if v > t:
            return v
    return xs[-1]


@pytest.mark.parametrize("t", [0.0, 2.5, 9.0])
def test_return_value_read_after_loop_is_last_row(t):
    check(return_in_loop_only, np.array([1.0, 3.0, 2.0], np.float32), t)


def return_none_early(x, c):
    if c > 0:
        print("positive")
        return
    print("not positive")


@pytest.mark.parametrize("c", [1, -1])
def test_return_none_under_staged_if(c):
    assert staged(return_none_early)(X, np.array(c)) is None


# --- errors: returns that cannot be one staged value ------------------------------------------

def returns_differ_in_dtype(x, n):
    for i in range(n):
        if i > 2:
            return x * 2
    return x.astype(np.float64)  # the final return


def rows_return_differ_in_dtype(xs):
    for r in xs:
        if r.sum() > 2:
            return r
    return np.zeros(xs.shape[1:])  # the final return


def while_returns_differ_in_dtype(x, n):
    i = np.int64(0)
    while i < n:
        if i > 2:
            return x
        i = i + 1
    return x.astype(np.int64)  # the final return


def returns_differ_in_shape(x, n):
    for i in range(n):
        if i > 2:
            return x
    return x[:1]  # the final return


def returns_differ_in_structure(x, n):
    for i in range(n):
        if i > 2:
            return x, x
    return x  # the final return


N5 = np.array(5, np.int64)
RETURN_ERRORS = [
    (returns_differ_in_shape, (X, N5), ag.AgValueError,
     r"the return value has shape \(1,\) in the if branch but \(3,\) in the else branch "
     "of a staged if; both branches must give it the same shape"),
    (returns_differ_in_structure, (X, N5), ag.AgTypeError,
     r"the return value has a different structure in the branches of a staged if "
     r"\(float32\[3\] / \(float32\[3\], float32\[3\]\)\)"),
]


@pytest.mark.parametrize("fn,args,error,message", RETURN_ERRORS,
                         ids=[e[0].__name__ for e in RETURN_ERRORS])
def test_returns_that_differ_under_staged_control_flow(fn, args, error, message):
    fn(*copy.deepcopy(args))  # plain numpy runs it
    with pytest.raises(error, match=where(fn, "# the final return") + ": " + message):
        ag.stage(fn)(*args)


@pytest.mark.parametrize("n", [0, 2, 3, 5])
@pytest.mark.parametrize("path", PATHS)
def test_returns_that_differ_in_dtype_under_staged_control_flow(path, n):
    """numpy returns the dtype of the return that ran (see operators.divergent)."""
    check(returns_differ_in_dtype, X, arg(n, path, np.int64))
    check(while_returns_differ_in_dtype, X, arg(n, path, np.int64))


@pytest.mark.parametrize("rows", [[[0.5], [1.0], [0.25]], [[0.5], [3.0], [0.25]]])
def test_rows_return_that_differ_in_dtype(rows):
    check(rows_return_differ_in_dtype, np.array(rows, np.float32))


@pytest.mark.parametrize("fn", [returns_differ_in_dtype, returns_differ_in_shape,
                                returns_differ_in_structure])
@pytest.mark.parametrize("n", [0, 2, 5])
def test_returns_may_differ_with_python_bounds(fn, n):
    assert_same(ag.stage(fn)(X, n), fn(X, n))

"""AutoGraph conversion of `while` loops (reference tests, TF AutoGraph style).

Every sample function runs as plain Python/numpy and staged with ag.stage on the same
inputs, for both dispatch paths of `ag__.while_stmt`:
  * "python": the loop condition depends on Python values only (Python scalar arguments
    are compile-time constants), so the staged trace runs the loop in Python;
  * "staged": the condition depends on a 0-d numpy array argument, so ag stages
    scf.while.
Inputs make every loop run 0, 1 and many times. Results must match numpy exactly in
type, dtype and shape (floats within rtol=atol=1e-5): the as-if rule.
"""

import numpy as np
import pytest




from _autograph_helpers import PATHS, arg, check, scalar


# --- 0, 1, many iterations ----------------------------------------------------------------

def count_up(n):
    i = 0
    s = 0
    while i < n:
        s = s + i * i
        i = i + 1
    return i, s


@pytest.mark.parametrize("n", [-2, 0, 1, 6])
@pytest.mark.parametrize("path", PATHS)
def test_count_up_python_int_counters(path, n):
    # Accepted difference: i and s start as Python ints; a staged loop carries them as
    # staged values, so they come back as np.int64 (compared by value and numpy dtype).
    check(count_up, arg(n, path, np.int64), loose=True, path=path, region="scf.while")


def count_up_typed(n):
    i = np.int64(0)
    s = np.int64(0)
    while i < n:
        s = s + i * i
        i = i + 1
    return i, s


@pytest.mark.parametrize("n", [-2, 0, 1, 6])
@pytest.mark.parametrize("dtype", [np.int64, np.int32])
@pytest.mark.parametrize("path", PATHS)
def test_count_up_numpy_counters(path, dtype, n):
    check(count_up_typed, arg(n, path, dtype), path=path, region="scf.while")


def halve(x, lim):
    n = np.int64(0)
    while x > lim:
        x = x / 2
        n = n + 1
    return x, n


@pytest.mark.parametrize("lim", [200.0, 60.0, 1.0])  # 0, 1 and 7 iterations from 100
@pytest.mark.parametrize("path", PATHS)
def test_float_state(path, lim):
    check(halve, scalar(100.0, path), scalar(lim, path), path=path, region="scf.while")


def shrink_vector(v, tol):
    n = np.int64(0)
    while np.max(np.abs(v)) > tol:
        v = v * 0.5
        n = n + 1
    return v, n


@pytest.mark.parametrize("tol", [100.0, 5.0, 0.3])  # 0, 1 and 5 iterations
@pytest.mark.parametrize("path", PATHS)
def test_array_state(path, tol):
    v = np.array([4.0, -8.0, 1.0], np.float32)
    # The condition reads the staged array v: the loop is staged on both paths.
    check(shrink_vector, v, arg(tol, path, np.float32))


# --- several loop variables, read after the loop ------------------------------------------

def fibonacci(n):
    a, b = np.int64(0), np.int64(1)
    k = np.int64(0)
    while k < n:
        a, b = b, a + b
        k = k + 1
    return a, b, k


@pytest.mark.parametrize("n", [0, 1, 2, 10])
@pytest.mark.parametrize("path", PATHS)
def test_several_loop_variables(path, n):
    check(fibonacci, arg(n, path, np.int64))


def isqrt_ceil(n):
    i = np.int64(0)
    while i * i < n:
        i = i + 1
    return i


@pytest.mark.parametrize("n", [0, 1, 2, 17, 25])
@pytest.mark.parametrize("path", PATHS)
def test_loop_variable_read_after_loop(path, n):
    check(isqrt_ceil, arg(n, path, np.int64))


def last_value(n):
    last = np.int64(-1)
    k = np.int64(0)
    while k < n:
        t = k * 3  # a temporary of the body, not carried
        last = t + 1
        k = k + 1
    return last


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("path", PATHS)
def test_value_assigned_in_body_read_after_loop(path, n):
    check(last_value, arg(n, path, np.int64))


def accumulate_vector(x, n):
    acc = np.zeros_like(x)
    k = np.int64(0)
    while k < n:
        acc = acc + x * k
        k = k + 1
    return acc


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("path", PATHS)
def test_array_and_counter_state(path, n):
    check(accumulate_vector, np.array([1.5, -2.0, 0.25], np.float64), arg(n, path, np.int64))
    check(accumulate_vector, np.array([[1, 2], [3, 4]], np.int32), arg(n, path, np.int64))


# --- Python-controlled loops with staged bodies ---------------------------------------------

def python_counted(x, m):
    k = 0
    while k < m:
        x = x * 2 + k
        k = k + 1
    return x, k


@pytest.mark.parametrize("m", [0, 1, 3])
@pytest.mark.parametrize("path", PATHS)
def test_python_condition_staged_body(path, m):
    """A Python-valued condition runs the loop in Python even when the body computes with
    staged arrays (x); with a staged bound it is an scf.while."""
    # Accepted difference (staged path): the counter k starts as a Python int and comes
    # back as np.int64 from the staged loop.
    x = np.array([1.0, -0.5], np.float32)
    check(python_counted, x, arg(m, path, np.int64), loose=True, path=path,
          region="scf.while")


def until_done(x, lim):
    done = x > lim
    n = np.int64(0)
    while not done:
        x = x * 2
        n = n + 1
        done = x > lim
    return x, n


@pytest.mark.parametrize("x,lim", [(3.0, 2.0), (1.5, 2.0), (1.0, 100.0)])  # 0, 1, 7
@pytest.mark.parametrize("path", PATHS)
def test_flag_variable_condition(path, x, lim):
    check(until_done, scalar(x, path), scalar(lim, path))


def first_non_positive(x):
    i = 0
    while i < x.shape[0] and x[i] > 0:
        i = i + 1
    return i


@pytest.mark.parametrize("values", [[-1.0, 2.0], [3.0, -2.0, 5.0], [3.0, 2.0, 1.0, 4.0]])
def test_and_condition_with_data_dependent_exit(values):
    # Accepted difference: i starts as a Python int and is carried by the staged loop.
    check(first_non_positive, np.array(values, np.float32), loose=True)


# --- nesting -------------------------------------------------------------------------------

def triangular(n):
    i = np.int64(0)
    total = np.int64(0)
    while i < n:
        j = np.int64(0)
        while j < i:
            total = total + j + 1
            j = j + 1
        i = i + 1
    return i, total


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_nested_while(path, n):
    check(triangular, arg(n, path, np.int64))


def grid(n, m):
    i = np.int64(0)
    acc = np.int64(0)
    while i < n:
        j = np.int64(0)
        while j < m:
            acc = acc * 3 + i - j
            j = j + 1
        i = i + 1
    return acc


@pytest.mark.parametrize("n,m", [(0, 3), (3, 0), (1, 1), (3, 4)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_m", PATHS)
def test_nested_while_mixed_paths(path_n, path_m, n, m):
    check(grid, arg(n, path_n, np.int64), arg(m, path_m, np.int64))


def while_in_if(x, c, lim):
    if c:
        while x < lim:
            x = x * 2
    else:
        x = -x
    return x


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("lim", [0.5, 3.0, 100.0])
@pytest.mark.parametrize("path", PATHS)
def test_while_inside_if(path, c, lim):
    check(while_in_if, scalar(1.5, path), arg(c, path), scalar(lim, path))

"""AutoGraph conversion of `for` loops (reference tests, TF AutoGraph style).

Every sample function runs as plain Python/numpy and staged with ag.stage on the same
inputs, for both dispatch paths of `ag__.for_stmt`:
  * "python": the iterated value is a Python range/list/tuple (a Python int bound is a
    compile-time constant): the loop runs (is unrolled) in Python while tracing;
  * "staged": range() with a bound passed as a 0-d np.int64 array argument, or a staged
    array iterated over its first axis: ag stages scf.for.
Inputs make every loop run 0, 1 and many times. Results must match numpy exactly in
type, dtype and shape (floats within rtol=atol=1e-5): the as-if rule.
"""

import numpy as np
import pytest




from _autograph_helpers import PATHS, arg, check


# --- range with a staged bound --------------------------------------------------------------

def sum_squares(n):
    s = np.int64(0)
    for i in range(n):
        s = s + i * i
    return s


@pytest.mark.parametrize("n", [-3, 0, 1, 6])
@pytest.mark.parametrize("path", PATHS)
def test_range_bound(path, n):
    check(sum_squares, arg(n, path, np.int64), path=path, region="scf.for")


@pytest.mark.parametrize("n", [-3, 0, 1, 6])
def test_range_bound_int32(n):
    check(sum_squares, np.array(n, np.int32), region="scf.for", path="staged")


def range_start_stop(a, b):
    s = np.int64(0)
    for i in range(a, b):
        s = s * 2 + i
    return s


@pytest.mark.parametrize("a,b", [(2, 2), (5, 2), (2, 3), (-2, 6)])  # 0, 0, 1, 8 iterations
@pytest.mark.parametrize("path_a", PATHS)
@pytest.mark.parametrize("path_b", PATHS)
def test_range_start_stop(path_a, path_b, a, b):
    check(range_start_stop, arg(a, path_a, np.int64), arg(b, path_b, np.int64))


def scale_by_index(x, n):
    for i in range(n):
        x = x + 0.5 * i
    return x


@pytest.mark.parametrize("n", [0, 1, 5])
@pytest.mark.parametrize("path", PATHS)
def test_index_in_array_arithmetic(path, n):
    """The staged index is a 0-d int64 value: `float32_array + 0.5 * i` stays float32 and
    `int32_array + i` stays int32, as with a Python int index."""
    check(scale_by_index, np.array([1.0, -2.0, 0.5], np.float32), arg(n, path, np.int64))
    check(index_plus, np.array([1, -2, 7], np.int32), arg(n, path, np.int64))


def index_plus(x, n):
    for i in range(n):
        x = x + i
    return x


def dynamic_index(xs, n):
    acc = np.float32(0)
    for i in range(n):
        acc = acc + xs[i] * xs[n - 1 - i]
    return acc


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("path", PATHS)
def test_indexing_with_the_loop_index(path, n):
    xs = np.array([1.5, -2.0, 3.0, 0.25, 8.0], np.float32)
    check(dynamic_index, xs, arg(n, path, np.int64))


def target_after_loop(n):
    i = -1
    for i in range(n):
        pass
    return i


@pytest.mark.parametrize("n", [0, 1, 5])
@pytest.mark.parametrize("path", PATHS)
def test_loop_target_read_after_loop(path, n):
    # Accepted difference: i is a Python int (the initial -1 or a range element) eagerly;
    # after a staged loop it is a staged value, so it comes back as np.int64.
    check(target_after_loop, arg(n, path, np.int64), loose=True)


def several_carried(x, n):
    a = x
    b = np.zeros_like(x)
    k = np.int64(0)
    for i in range(n):
        t = a * 2  # a temporary of the body, not carried
        a, b = b + 1, t
        k = k + i
    return a, b, k


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_several_loop_variables(path, n):
    check(several_carried, np.array([[1.0, 2.0], [-3.0, 0.5]]), arg(n, path, np.int64))


# --- iterating a staged array over its first axis -------------------------------------------

def sum_of_squares_rows(xs):
    acc = np.zeros(xs.shape[1:], xs.dtype)
    for row in xs:
        acc = acc + row * row
    return acc


@pytest.mark.parametrize("shape", [(1, 3), (4, 3), (1, 2, 2), (3, 2, 2)])
@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.float64])
def test_over_array_rows(shape, dtype):
    xs = (np.arange(np.prod(shape)) - 3).astype(dtype).reshape(shape)
    check(sum_of_squares_rows, xs, path="staged", region="scf.for")


@pytest.mark.parametrize("shape", [(0, 3), (0,)])
def test_over_array_with_zero_rows(shape):
    check(sum_of_squares_rows, np.zeros(shape, np.float32))


def running_max(xs):
    best = xs[0]
    count = np.int64(0)
    for v in xs:
        if v > best:
            best = v
            count = count + 1
    return best, count


@pytest.mark.parametrize("values", [[3.0], [1.0, 5.0, 2.0, 7.0, 7.0, -1.0]])
def test_over_array_elements(values):
    check(running_max, np.array(values, np.float64))


def unpack_rows(xs):
    s = np.float32(0)
    for a, b in xs:
        s = s + a * b
    return s


@pytest.mark.parametrize("n", [1, 3])
def test_unpacking_rows(n):
    check(unpack_rows, np.arange(2 * n, dtype=np.float32).reshape(n, 2) - 1)


def enumerate_zip(xs, ys):
    s = np.float64(0)
    for i, (a, b) in enumerate(zip(xs, ys)):
        s = s + a * b * i
    return s


def test_enumerate_zip_over_arrays():
    xs = np.array([1.0, -2.0, 3.0, 0.5])
    check(enumerate_zip, xs, xs[::-1].copy())


# --- Python lists, tuples and ranges of Python ints ------------------------------------------

def over_python_tuple(x, m):
    for k in (1, 2, 3)[:m]:
        x = x * k + 1
    return x


def over_python_list(x, m):
    for k in [0.5, -1.0, 2.0][:m]:
        x = x - k
    return x


def over_python_range(x, m):
    s = x
    for k in range(m):
        s = s + x * k
    return s


@pytest.mark.parametrize("fn", [over_python_tuple, over_python_list, over_python_range])
@pytest.mark.parametrize("m", [0, 1, 3])
def test_over_python_sequences(fn, m):
    """Loops over Python sequences run in Python while tracing (no scf.for)."""
    x = np.array([1.5, -2.0], np.float32)
    check(fn, x, m, path="python", region="scf.for")


def python_list_of_ints(m):
    total = 0
    for k in [3, 1, 4, 1, 5][:m]:
        total = total * 10 + k
    return total


@pytest.mark.parametrize("m", [0, 1, 5])
def test_python_values_only(m):
    check(python_list_of_ints, m)


# --- nesting --------------------------------------------------------------------------------

def nested(n, m):
    s = np.int64(0)
    for i in range(n):
        for j in range(m):
            s = s * 2 + i * 10 + j
    return s


@pytest.mark.parametrize("n,m", [(0, 3), (3, 0), (1, 1), (3, 4)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_m", PATHS)
def test_nested_loops(path_n, path_m, n, m):
    check(nested, arg(n, path_n, np.int64), arg(m, path_m, np.int64))


def triangle(n):
    s = np.int64(0)
    for i in range(n):
        for j in range(i):
            s = s + (i + 1) * (j + 2)
    return s


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_inner_bound_from_outer_index(path, n):
    check(triangle, arg(n, path, np.int64))


def rows_times_range(xs, n):
    acc = np.zeros(xs.shape[1:], xs.dtype)
    for row in xs:
        for k in range(n):
            acc = acc + row * k
    return acc


@pytest.mark.parametrize("n", [0, 1, 3])
@pytest.mark.parametrize("path", PATHS)
def test_array_loop_around_range_loop(path, n):
    check(rows_times_range, np.arange(6, dtype=np.float32).reshape(3, 2), arg(n, path, np.int64))


# --- RNN-style time loops ---------------------------------------------------------------------

def rnn(xs, h, Wx, Wh, b):
    for t in range(xs.shape[0]):
        h = np.tanh(xs[t] @ Wx + h @ Wh + b)
    return h


def rnn_dynamic(xs, h, Wx, Wh, b, steps):
    for t in range(steps):
        h = np.tanh(xs[t] @ Wx + h @ Wh + b)
    return h


def _rnn_inputs(T, dtype=np.float32):
    rng = np.random.default_rng(T)
    return (rng.standard_normal((T, 4, 3)).astype(dtype), np.zeros((4, 5), dtype),
            (rng.standard_normal((3, 5)) * 0.5).astype(dtype),
            (rng.standard_normal((5, 5)) * 0.5).astype(dtype),
            rng.standard_normal(5).astype(dtype))


@pytest.mark.parametrize("T", [0, 1, 6])
def test_rnn_time_loop(T):
    """`for t in range(xs.shape[0])`: the bound is a static shape (a Python int), so the
    loop is unrolled while tracing."""
    check(rnn, *_rnn_inputs(T))


@pytest.mark.parametrize("steps", [0, 1, 6])
@pytest.mark.parametrize("path", PATHS)
def test_rnn_time_loop_staged_bound(path, steps):
    check(rnn_dynamic, *_rnn_inputs(6, np.float64), arg(steps, path, np.int64))

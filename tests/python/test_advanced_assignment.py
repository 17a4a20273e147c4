"""Assignment through advanced indices, differential against numpy: x[idx] = v (the
value cast and broadcast to the indexing result, repeated indices: the last write wins),
x[idx] += v (numpy's buffered form: a repeated index adds once), masks (x[m] = v with
numpy's boolean-assignment rules), writes reaching views, aliases and the caller's
arrays, inside staged loops and branches, and arrays with dynamic dims. Every dtype;
both call paths (see _gather_helpers.check)."""

import numpy as np
import pytest

from _gather_helpers import check, data, indices
from _reference import DTYPE_IDS, DTYPES

WRITES = {
    "x[i] = 0": lambda x, i, v: _set(x, i, 0),
    "x[i] = v[0]": lambda x, i, v: _set(x, i, v[0]),
    "x[i] = v": lambda x, i, v: _set(x, i, v),
    "x[:, i] = v[:, None]": lambda x, i, v: _set(x, (slice(None), i[:2]), v[:3, :1]),
    "x[i, 1:3] = v[0, :2]": lambda x, i, v: _set(x, (i, slice(1, 3)), v[0, :2]),
    "x[i, i] = 7": lambda x, i, v: _set(x, (i, i), 7),
    "x[1, i] = v[:1, 0]": lambda x, i, v: _set(x, (1, i[:2]), v[0, :1]),
    "x[i[:,None], i[:2]] = 3": lambda x, i, v: _set(x, (i[:, None], i[:2]), 3),
    "x[[0, 0, 0]] = v[:3]": lambda x, i, v: _set(x, [0, 0, 0], v[:3]),
    "x[i] += 1": lambda x, i, v: _iadd(x, i, 1),
    "x[i] *= v": lambda x, i, v: _imul(x, i, v),
    "x[i] = 2.7": lambda x, i, v: _set(x, i, 2.7),
}


def _set(x, key, value):
    x[key] = value
    return x


def _iadd(x, key, value):
    x[key] += value
    return x


def _imul(x, key, value):
    x[key] *= value
    return x


@pytest.mark.parametrize("key", list(WRITES))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_integer_array_writes(key, dtype):
    x = data((4, 4), dtype, seed=1)
    i = indices(4, 4, seed=2)  # repeated and negative indices
    v = data((4, 4), dtype, seed=3)
    check(WRITES[key], x, i, v)


@pytest.mark.parametrize("seed", range(6))
def test_random_writes(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 6, int(rng.integers(1, 4))))
    axis = int(rng.integers(0, len(shape)))
    i = indices(shape[axis], int(rng.integers(0, 6)), seed + 50)
    x = data(shape, np.float32, seed)

    def f(x, i):
        key = (slice(None),) * axis + (i,)
        x[key] = x[key] * 2 + 1
        return x
    check(f, x, i)


MASK_WRITES = {
    "x[x > 0] = 0": lambda x, m, v: _set(x, x > 0, 0),
    "x[m] = v[0]": lambda x, m, v: _set(x, m, v[0]),
    "x[m] = v[m]": lambda x, m, v: _set(x, m, v[m]),
    "x[m] = v[m] * 2 (1-d)": lambda x, m, v: _set(x[0], m[0], v[0][m[0]]),
    "x[m[:, 0]] = v[0]": lambda x, m, v: _set(x, m[:, 0], v[0]),
    "x[:, m[0]] = v[:, :1]": lambda x, m, v: _set(x, (slice(None), m[0]), v[:, :1]),
    "x[m] += 1": lambda x, m, v: _iadd(x, m, 1),
    "x[m, 0] = 5": lambda x, m, v: _set(x, (m[:, 0], 0), 5),
    "x[m] = [9]": lambda x, m, v: _set(x, m, [9]),
    "x[True] = 1": lambda x, m, v: _set(x, True, 1),
    "x[m.any()] = v": lambda x, m, v: _set(x, m.any(), v),
}


@pytest.mark.parametrize("key", list(MASK_WRITES))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_mask_writes(key, dtype):
    x = data((4, 3), dtype, seed=4)
    m = np.random.default_rng(5).random((4, 3)) < 0.5
    v = data((4, 3), dtype, seed=6)
    check(MASK_WRITES[key], x, m, v)


def test_mask_value_errors():
    x = np.zeros((2, 3))
    m = x > -1
    check(lambda x, m, v: _set(x, m, v), x, m, np.ones(4))  # 4 values for 6 places
    check(lambda x, m, v: _set(x, m, v), x, m, np.ones((1, 6)))  # TypeError: 2-d input
    check(lambda x, m, v: _set(x, m, v), x, m, np.ones(6))
    check(lambda x, m, v: _set(x, (m[:, 0],), v), x, m, np.ones((3, 1)))


def test_value_shape_errors():
    x = np.zeros(5)
    check(lambda x, i, v: _set(x, i, v), x, np.array([1, 2]), np.ones(3))
    check(lambda x, i, v: _set(x, i, v), np.zeros((4, 3)),
          np.array([[1, 2]]), np.ones((4, 1)))


@pytest.mark.parametrize("i", [[5], [-6], [1, 7]])
def test_out_of_range_writes(i):
    check(lambda x, i: _set(x, i, 1.0), np.zeros(5), np.array(i))
    check(lambda x, i: _iadd(x, i, 1.0), np.zeros(5), np.array(i))


# --- the object model ---------------------------------------------------------------------

def write_through_view(x, i):
    row = x[1]
    row[i] = -1
    return x


def write_through_transposed_view(x, i):
    t = x.T
    t[i] = 5
    return x


def write_alias(x, i):
    y = x
    y[i] = 3
    return x.sum()


def write_argument(x, i):
    x[i] = 0  # the caller's array changes


def write_view_of_argument(x, i, m):
    x[1:][m[1:]] = 2.0
    y = x[:, ::2]
    y[i[:1]] = 4.0


def view_after_write(x, i):
    v = x[0]
    x[[0, 0]] = 9
    return v


@pytest.mark.parametrize("fn", [write_through_view, write_through_transposed_view,
                                write_alias, write_argument, view_after_write])
def test_writes_reach_views_aliases_and_arguments(fn):
    check(fn, data((3, 4), np.float64, seed=7), np.array([0, 2, -1]))


def test_write_into_view_of_argument():
    x = data((3, 4), np.float64, seed=7)
    check(write_view_of_argument, x, np.array([1, 0]), np.array([True, False, True]))


# --- staged control flow ------------------------------------------------------------------

def scatter_in_loop(x, idx, n):
    out = np.zeros(5)
    for t in range(n):
        out[idx[t]] += x[t]
    return out


def mask_in_loop(x, n):
    for _ in range(n):
        x[x > 1] = x[x > 1] / 2
    return x


def gather_in_while(x, i):
    s = x.sum() * 0
    while s < 10:
        s = s + x[i].sum() + 1
    return s


def write_in_branch(x, i, m):
    if x.sum() > 0:
        x[i] = 1.0
    else:
        x[m] = -1.0
    return x


def read_in_branch(x, i):
    if x[i].sum() > 0:
        y = x[i] * 2
    else:
        y = x[i[::-1]]
    return y


def test_scatter_in_staged_loop():
    x = data((6, 3), np.float64, seed=8)
    idx = np.array([[0, 1, 1], [4, 4, 4], [2, 0, -1], [3, 3, 0], [1, 2, 3], [0, 0, 0]])
    check(scatter_in_loop, x, idx, np.array(6))
    check(scatter_in_loop, x, idx, np.array(0))


def test_out_of_range_in_staged_loop():
    idx = np.array([[0, 1, 1], [4, 9, 4]])
    check(scatter_in_loop, np.ones((2, 3)), idx, np.array(2))
    check(scatter_in_loop, np.ones((2, 3)), idx, np.array(1))  # never reaches the bad row


def test_mask_in_staged_loop():
    check(mask_in_loop, data((4, 5), np.float64, seed=9) * 10, np.array(3))


def test_gather_in_while():
    check(gather_in_while, np.abs(data((5,), np.float64, seed=10)), np.array([1, 1, 3]))


@pytest.mark.parametrize("sign", [1, -1])
def test_branches(sign):
    x = np.abs(data((5,), np.float64, seed=11)) * sign
    check(write_in_branch, x, np.array([0, 4]), x < 0)
    check(read_in_branch, x, np.array([3, 1, 1]))


def test_out_of_range_only_on_taken_branch():
    x = np.ones(5)
    check(write_in_branch, x, np.array([0, 9]), x > 0)  # taken: IndexError
    check(write_in_branch, -x, np.array([0, 9]), x > 0)  # not taken: fine


# --- dynamic dims -------------------------------------------------------------------------

def dynamic_program(x, i):
    y = x[i]
    x[x > 0] = 0
    return y, x[:, [0, -1]], x


def test_dynamic_dims():
    for n in (3, 5):
        x = data((n, 4), np.float64, seed=n)
        check(dynamic_program, x, np.array([0, -1, 1]), dynamic={"x": 0})
    check(dynamic_program, data((2, 4), np.float64, seed=1), np.array([2]),
          dynamic={"x": 0})

"""numpy's advanced indexing on staged arrays, differential against numpy: integer arrays
(staged or known while tracing, lists, negative and repeated indices, empty ones, 0-d
integers taking part) broadcast together and mixed with slices, None and `...` (the
broadcast dims in place or in front, numpy's rule), boolean masks and boolean scalars;
reads are copies. Every dtype ag stages; both call paths (see _gather_helpers.check)."""

import numpy as np
import pytest

from _gather_helpers import check, data, indices
from _reference import DTYPE_IDS, DTYPES

SHAPE = (5, 4, 6)


# --- integer arrays: reads ---------------------------------------------------------------

# Keys over a (5, 4, 6) array with staged index arrays i (into axis 0), j (into axis 1,
# shape (2, 3)) and k (into axis 2).
READS = {
    "x[i]": lambda x, i, j, k: x[i],
    "x[:, j]": lambda x, i, j, k: x[:, j],
    "x[..., k]": lambda x, i, j, k: x[..., k],
    "x[i, :, k]": lambda x, i, j, k: x[i, :, k[:i.shape[0]]],
    "x[:, j, k]": lambda x, i, j, k: x[:, j, k[:3]],
    "x[i[:,None], j[0]]": lambda x, i, j, k: x[i[:, None], j[0]],
    "x[0, :, k]": lambda x, i, j, k: x[0, :, k],
    "x[:, 1, k]": lambda x, i, j, k: x[:, 1, k],
    "x[i, 1:3]": lambda x, i, j, k: x[i, 1:3],
    "x[1:4, j]": lambda x, i, j, k: x[1:4, j],
    "x[::-2, j, ::2]": lambda x, i, j, k: x[::-2, j, ::2],
    "x[i, None]": lambda x, i, j, k: x[i, None],
    "x[None, i]": lambda x, i, j, k: x[None, i],
    "x[i, None, j[0, :1]]": lambda x, i, j, k: x[i, None, j[0, :1]],
    "x[i, ..., k[:1]]": lambda x, i, j, k: x[i, ..., k[:1]],
    "x[i][::2]": lambda x, i, j, k: x[i][::2],
    "x[i, j[0,0]]": lambda x, i, j, k: x[i, j[0, 0]],
    "x[i].sum()": lambda x, i, j, k: x[i].sum(axis=0),
}


@pytest.mark.parametrize("key", list(READS))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_integer_array_reads(key, dtype):
    x = data(SHAPE, dtype, seed=1)
    i = indices(5, 4, seed=2)
    j = indices(4, 6, seed=3).reshape(2, 3)
    k = indices(6, 5, seed=4, dtype=np.int32)
    check(READS[key], x, i, j, k)


@pytest.mark.parametrize("seed", range(6))
def test_random_shapes_and_indices(seed):
    rng = np.random.default_rng(seed)
    ndim = int(rng.integers(1, 4))
    shape = tuple(int(n) for n in rng.integers(1, 6, ndim))
    x = data(shape, np.float64, seed)
    axis = int(rng.integers(0, ndim))
    size = int(rng.integers(0, 7))
    i = indices(shape[axis], size, seed + 100)

    def f(x, i):
        return x[(slice(None),) * axis + (i,)]
    check(f, x, i)


def constant_list(x):
    return x[[0, -1, 2, 2]]


def constant_nested_list(x):
    return x[[[0], [1]], [0, 3]]


def constant_array(x):
    return x[:, np.array([3, 0, -4])]


def empty_list(x):
    return x[[]]


def empty_array_index(x):
    return x[:, np.array([], dtype=np.int64)]


def one_hot_from_argument(eye, y):
    return eye[y]


def list_of_staged(x, i):
    return x[[i[0], i[1], 0]]


@pytest.mark.parametrize("fn", [constant_list, constant_nested_list, constant_array,
                                empty_list, empty_array_index])
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_indices_known_while_tracing(fn, dtype):
    check(fn, data((4, 5), dtype, seed=5))


def test_one_hot():
    y = np.array([2, 0, 1, 2, 2])
    check(one_hot_from_argument, np.eye(3), y)
    check(one_hot_from_argument, np.eye(3, dtype=np.float32), np.array([], np.int64))


def test_list_of_staged_indices():
    check(list_of_staged, data((4, 5), np.float32, seed=6), np.array([3, -2]))


def test_empty_axis():
    x = np.zeros((0, 3))
    check(lambda x, i: x[i], x, np.zeros(0, np.int64))
    check(lambda x, i: x[:, i], x, np.array([2, -1]))


def test_reads_are_copies():
    def f(x, i):
        y = x[i]
        y[0] = 100.0
        return x, y
    check(f, data((4, 3), np.float64, seed=7), np.array([1, 1]))


# --- boolean masks and boolean scalars ---------------------------------------------------

MASK_READS = {
    "x[x > 0]": lambda x, m, n: x[x > 0],
    "x[m]": lambda x, m, n: x[m],
    "x[:, n]": lambda x, m, n: x[:, n],
    "x[m, 1]": lambda x, m, n: x[m, 1],
    "x[m][:, n]": lambda x, m, n: x[m][:, n],
    "x[m, n]": lambda x, m, n: x[m, n[:1]],
    "x[True]": lambda x, m, n: x[True],
    "x[False]": lambda x, m, n: x[False],
    "x[1, True]": lambda x, m, n: x[1, True],
    "x[m.any()]": lambda x, m, n: x[m.any()],
    "x[x > 0].sum()": lambda x, m, n: x[x > 0].sum(),
    "x[x != x]": lambda x, m, n: x[x != x],
}


@pytest.mark.parametrize("key", list(MASK_READS))
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("seed", [0, 1])
def test_mask_reads(key, dtype, seed):
    x = data((5, 4), dtype, seed)
    rng = np.random.default_rng(seed + 10)
    m = rng.random(5) < 0.5
    n = rng.random(4) < 0.5
    check(MASK_READS[key], x, m, n)


def constant_mask(x):
    return x[np.array([True, False, True, True])], x[:, [False, True, True]]


def test_constant_masks():
    check(constant_mask, data((4, 3), np.int32, seed=8))


@pytest.mark.parametrize("fill", [True, False])
def test_all_or_nothing_masks(fill):
    m = np.full((3, 4), fill)
    check(lambda x, m: x[m], data((3, 4), np.float32, seed=9), m)
    check(lambda x, m: x[m], np.zeros((0, 4)), np.zeros((0, 4), bool))


@pytest.mark.parametrize("shape", [(1,), (1000,), (100003,), (37, 29), (6, 7, 5)], ids=str)
@pytest.mark.parametrize("density", [0.0, 0.03, 0.5, 0.97, 1.0])
def test_long_random_masks(shape, density):
    # The coordinates are written without a branch on the mask, each at the running
    # count (the spare column past the count takes the writes after the last set
    # element): masks with their first or last elements set or not, of every density.
    rng = np.random.default_rng(len(shape) * 1000 + int(density * 100))
    x = rng.standard_normal(shape)
    m = rng.random(shape) < density
    m.flat[0] = density > 0.5
    check(lambda x, m: (x[m], np.nonzero(m), np.argwhere(m), np.flatnonzero(m),
                        x[x > 0].sum()), x, m)
    m.flat[-1] = not m.flat[-1]
    check(lambda x, m: (x[m], np.nonzero(m)), x, m)


# --- errors ------------------------------------------------------------------------------

def read(x, i):
    return x[i]


def read_second(x, i):
    return x[:, i]


def read_pair(x, i, j):
    return x[i, j]


@pytest.mark.parametrize("i", [[5], [-6], [0, 9, 1], [[1], [7]], [2**40]])
def test_out_of_range_reads(i):
    x = data((5, 3), np.float64, seed=1)
    check(read, x, np.array(i))
    check(read, x, np.array([0, 1]))  # a failure does not poison later calls


def test_out_of_range_on_other_axis():
    x = data((5, 3), np.float64, seed=1)
    check(read_second, x, np.array([0, 3]))
    check(read_second, x, np.array([-4]))


def test_first_bad_array_is_reported():
    x = data((5, 3), np.float64, seed=1)
    check(read_pair, x, np.array([0, 7]), np.array([9, 0]))
    check(read_pair, x, np.array([0, 1]), np.array([1, 9]))


def test_known_index_out_of_range_raises_at_its_line():
    check(lambda x: x[[0, 5]], np.zeros(5))
    check(lambda x: x[5, [0]], np.zeros((5, 2)))


def test_broadcast_mismatch():
    x = data((5, 4), np.float64, seed=1)
    check(read_pair, x, np.array([[1, 2]]), np.array([1, 2, 3]))
    check(read_pair, x, np.array([0, 1]), np.array([0, 1, 2]))


def test_mask_shape_mismatch():
    x = data((5, 4), np.float64, seed=1)
    check(read, x, np.ones(4, bool))
    check(read_second, x, np.ones(5, bool))
    check(read, x, np.ones((5, 4, 1), bool))


def test_bad_index_types():
    x = data((5, 4), np.float64, seed=1)
    check(read, x, np.array([1.0]))
    check(lambda x: x[[1.0]], x)


def test_broadcast_of_mask_rows_is_checked():
    x = data((5, 4), np.float64, seed=1)
    m = np.array([True, False, True, False, False])
    n = np.array([True, True, True, False])

    def f(x, m, n):
        return x[m, n]
    check(f, x, m, n)  # 2 and 3 true elements: numpy's shape mismatch
    check(f, x, m, np.array([True, False, True, False]))


def test_staged_boolean_scalar_with_arrays_is_refused():
    import ag
    with pytest.raises(ag.AgUnsupportedError, match="staged boolean scalar"):
        ag.stage(lambda x, m: x[m.any(), [0, 1]])(np.ones((2, 3)), np.ones(2, bool))


def one_hot(y, k):
    return np.eye(k)[y]


def lookup_table(y):
    table = np.arange(12.0).reshape(4, 3)  # a numpy array made in the function
    return table[y] + table[y[0]]


@pytest.mark.parametrize("y", [[0, 3, 1], [2], []])
def test_numpy_arrays_indexed_by_staged_keys(y):
    # np.eye(k)[y]: numpy's array indexed by a staged key is staged first.
    y = np.array(y, np.int64)
    check(one_hot, y, 4)
    if len(y):
        check(lookup_table, y)

"""The bounds check of an advanced-index write (x[i] = v, ufunc.at) with staged indices,
made by the scatter itself as it writes (ag.scatter's `checked`): numpy's IndexError
naming the first bad index of the first bad array, nothing written into the arguments
when it is raised (numpy checks every index before it writes one), numpy's order among
its other errors (an assignment checks the value's shape first, ufunc.at the indices),
empty indexed dimensions, and bad indices met only on some iterations of a staged loop.
Both call paths: each program runs staged twice."""

import numpy as np
import pytest

import ag

from _gather_helpers import check


def _staged_vs_numpy(fn, *args, calls=2):
    """check() plus what it leaves out for errors: the arguments after a failing call
    are untouched, as numpy's (an error leaves nothing half-written)."""
    check(fn, *args, calls=calls)
    try:
        fn(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    except IndexError:
        g = ag.stage(fn)
        for _ in range(calls):
            copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
            with pytest.raises(IndexError):
                g(*copies)
            for got, given in zip(copies, args):
                if isinstance(given, np.ndarray):
                    np.testing.assert_array_equal(got, given)


def add_at(x, i, v):
    np.add.at(x, i, v)
    return x


def subtract_at_rows(x, i, v):
    np.subtract.at(x, i, v)
    return x


def maximum_at(x, i, v):
    np.maximum.at(x, i, v)
    return x


def assign(x, i, v):
    x[i] = v
    return x


def assign_pair(x, i, j, v):
    x[i, j] = v
    return x


def add_at_pair(x, i, j):
    np.add.at(x, (i, j), 1)
    return x


def assign_columns(x, j, v):
    x[:, j] = v
    return x


@pytest.mark.parametrize("i", [[0, 5], [-6], [4, -5, 9, 1], [2**40], [[1], [7]], [3, 3]])
def test_add_at(i):
    x = np.arange(5.0)
    i = np.array(i)
    _staged_vs_numpy(add_at, x, i, np.float64(1.5))
    _staged_vs_numpy(add_at, x, i, np.ones(i.shape))


@pytest.mark.parametrize("i", [[0, 5], [-6, 0], [1, 1]])
@pytest.mark.parametrize("dtype", [np.int32, np.float32, np.int64])
def test_other_writes(i, dtype):
    x = np.arange(20, dtype=dtype).reshape(5, 4)
    i = np.array(i, dtype=np.int32 if dtype == np.int32 else np.int64)
    _staged_vs_numpy(subtract_at_rows, x, i, np.ones(4, dtype))
    _staged_vs_numpy(maximum_at, x, i, np.full((2, 4), 7, dtype))
    _staged_vs_numpy(assign, x, i, np.array(3, dtype))
    _staged_vs_numpy(assign_columns, x, i % 8, np.ones((5, 2), dtype))


def test_first_bad_array_is_reported():
    x = np.zeros((5, 3))
    for i, j in [([0, 7], [9, 0]), ([0, 1], [1, 9]), ([6, 1], [1, 1]), ([0, 1], [2, -4])]:
        _staged_vs_numpy(assign_pair, x, np.array(i), np.array(j), np.float64(2))
        _staged_vs_numpy(add_at_pair, x, np.array(i), np.array(j))


def test_a_failure_does_not_poison_later_calls():
    g = ag.stage(add_at)
    x = np.zeros(4)
    with pytest.raises(IndexError, match="index 4 is out of bounds for axis 0 with size 4"):
        g(x, np.array([1, 4]), np.float64(1))
    np.testing.assert_array_equal(x, np.zeros(4))
    np.testing.assert_array_equal(g(x, np.array([1, 1, 3]), np.float64(1)), [0, 2, 0, 1])


def test_empty_indexed_dimension():
    # Every index is out of range of an empty dimension; no index is no error.
    _staged_vs_numpy(add_at, np.zeros(0), np.array([0]), np.float64(1))
    _staged_vs_numpy(add_at, np.zeros(0), np.zeros(0, np.int64), np.float64(1))
    _staged_vs_numpy(assign, np.zeros((0, 3)), np.array([-1]), np.float64(1))
    _staged_vs_numpy(assign_columns, np.zeros((2, 0)), np.array([0, 0]), np.float64(1))


def test_dynamic_sizes():
    # Sizes known only when the code runs: the dims the flag compares against are read
    # then, and an empty one at run time reports every index.
    g = ag.stage(add_at, dynamic={"x": 0, "i": 0})
    for n, i in [(5, [0, 4, -5]), (5, [5]), (0, [0]), (0, []), (3, [1, -4, 0])]:
        x, i = np.arange(float(n)), np.array(i, np.int64)
        try:
            expected, error = add_at(x.copy(), i, np.float64(1)), None
        except IndexError as e:
            expected, error = None, e
        got = x.copy()
        if error is not None:
            with pytest.raises(IndexError, match=str(error)):
                g(got, i, np.float64(1))
            np.testing.assert_array_equal(got, x)
        else:
            np.testing.assert_array_equal(g(got, i, np.float64(1)), expected)


def test_bad_index_on_one_iteration_of_a_staged_loop():
    def f(x, i, n):
        total = np.zeros(6)
        for k in range(n):
            np.add.at(total, i + k, x)
        return total
    x, i = np.ones(3), np.array([0, 2, 3])
    for n in (2, 3, 4):  # i + 3 reaches 6 on the fourth iteration
        _staged_vs_numpy(f, x, i, n)


def test_error_order_assignment_checks_value_first():
    # numpy: the value's shape (ValueError) before the indices (IndexError).
    def known(x):
        x[np.array([1, 7])] = np.ones(3)
        return x
    check(known, np.zeros(5))
    check(assign, np.zeros(5), np.array([1, 7]), np.ones(3))
    check(assign, np.zeros(5), np.array([1, 7]), np.ones(2))  # then the indices


def test_error_order_ufunc_at_checks_indices_first():
    def known(x):
        np.add.at(x, np.array([1, 7]), np.ones(3))
        return x
    check(known, np.zeros(5))
    check(add_at, np.zeros(5), np.array([1, 2]), np.ones(3))  # only the shape is wrong


def test_error_order_with_run_time_sizes():
    # Both errors known only at run time: still numpy's order.
    g = ag.stage(assign, dynamic={"i": 0, "v": 0})
    with pytest.raises(ValueError, match="shape mismatch"):
        g(np.zeros(5), np.array([1, 7]), np.ones(3))
    h = ag.stage(add_at, dynamic={"i": 0, "v": 0})
    with pytest.raises(IndexError, match="index 7 is out of bounds"):
        h(np.zeros(5), np.array([1, 7]), np.ones(3))
    with pytest.raises(ValueError):
        h(np.zeros(5), np.array([1, 2]), np.ones(3))
    np.testing.assert_array_equal(h(np.zeros(5), np.array([1, 1]), np.ones(2)),
                                  [0, 2, 0, 0, 0])


def test_the_scatter_checks_its_indices():
    # One pass over the indices: no separate any() before the write.
    ir = ag.stage(add_at).ir(np.zeros(5), np.array([0, 2]), np.float64(1))
    head = ir[:ir.index("ag.scatter")]
    assert "ag.any" not in head and "checked = true" in ir

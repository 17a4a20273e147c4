"""Reads and writes at staged indices and run-time slice bounds on any axis (issue 13:
loops whose index is used in slices stay loops; issue 12: `x[:, i] = v`).

`A[:, j]`, `A[k, j:]`, `x[i:i + K] = v` inside a staged loop are windows at run-time
starts (ag.window / ag.insert_window), written in place. Each program runs eagerly and
staged (first call and cached call); results and argument arrays must be numpy's, and
numpy's IndexError/ValueError where numpy raises them."""

import numpy as np
import pytest

import ag

from _asif import check_asif, rand


def column_writes(A, n):
    for j in range(n):
        A[:, j] = A[:, j] * 2.0 + j
    return A


def column_update_in_place(A, j):
    A[:, j] -= A[:, 0] * 0.5
    A[1:, j] += 1.0
    return A[:, j]


def middle_axis(x, i, j):
    x[:, i, 1:] = x[:, j, 1:] + 1.0
    return x[i, :, j], x[:, j]


def negative_and_strided(x, j):
    x[::2, -j - 1] = 7.0
    x[::-1, j] = np.arange(x.shape[0], dtype=x.dtype)
    return x[::-2, -1 - j]


def run_time_slices(x, i, k):
    x[i:i + 2, k] = np.array([5.0, 6.0])
    x[k, i:] = -1.0
    return x[i:, k:k + 2]


def gram_schmidt(A):
    n = A.shape[1]
    Q = np.zeros_like(A)
    R = np.zeros((n, n), dtype=A.dtype)
    for k in range(n):
        R[k, k] = np.sqrt(np.dot(A[:, k], A[:, k]))
        Q[:, k] = A[:, k] / R[k, k]
        for j in range(k + 1, n):
            R[k, j] = np.dot(Q[:, k], A[:, j])
            A[:, j] -= Q[:, k] * R[k, j]
    return Q, R


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_column_writes_in_a_staged_loop(dtype):
    check_asif(column_writes, (rand(5, 12) * 10).astype(dtype), np.int64(12))
    check_asif(column_writes, (rand(3, 12) * 10).astype(dtype), np.int64(0))


@pytest.mark.parametrize("j", [0, 2, -1, -4])
def test_column_update_in_place(j):
    check_asif(column_update_in_place, rand(4, 4), np.int64(j))


@pytest.mark.parametrize("i,j", [(0, 1), (2, 0), (-1, -3)])
def test_middle_axis(i, j):
    check_asif(middle_axis, rand(3, 3, 4), np.int64(i), np.int64(j))


@pytest.mark.parametrize("j", [0, 1, 3])
def test_negative_and_strided(j):
    check_asif(negative_and_strided, rand(5, 4), np.int64(j))


@pytest.mark.parametrize("i,k", [(0, 0), (1, 2), (3, 1)])
def test_run_time_slices(i, k):
    check_asif(run_time_slices, rand(5, 4), np.int64(i), np.int64(k))


def test_a_short_run_time_slice_is_numpys_error():
    # x[4:6] has one row of 5: numpy cannot broadcast the two values into it.
    x = rand(5, 4)
    with pytest.raises(ValueError):
        run_time_slices(x.copy(), 4, 0)
    staged = ag.stage(run_time_slices)
    for call in range(2):
        y = x.copy()
        with pytest.raises(ValueError, match="could not broadcast"):
            staged(y, np.int64(4), np.int64(0))
        np.testing.assert_array_equal(y, x)  # a failed call writes nothing back


@pytest.mark.parametrize("j", [4, -5, 100])
def test_out_of_range_column_is_index_error(j):
    staged = ag.stage(column_update_in_place)
    staged(rand(4, 4), np.int64(1))
    for call in range(2):
        with pytest.raises(IndexError, match="out of bounds"):
            staged(rand(4, 4), np.int64(j))


@pytest.mark.parametrize("shape", [(6, 6), (9, 4), (3, 7)])
def test_gram_schmidt_stays_a_loop(shape):
    # The triangular `range(k + 1, n)` loop nest with column windows: staged loops, not
    # unrolled (its IR does not grow with n).
    check_asif(gram_schmidt, rand(*shape))
    ir_small = ag.stage(gram_schmidt).ir(rand(12, 12))
    ir_large = ag.stage(gram_schmidt).ir(rand(40, 40))
    assert ir_small.count("scf.for") >= 2
    assert len(ir_large.splitlines()) == len(ir_small.splitlines())


def test_dynamic_dims():
    staged = ag.stage(column_update_in_place, dynamic={0: (0, 1)})
    for shape, j in [((4, 4), 1), ((3, 5), -2), ((6, 3), 2)]:
        A = rand(*shape)
        expected, eager = column_update_in_place(A.copy(), j), A.copy()
        column_update_in_place(eager, j)
        got = staged(A, np.int64(j))
        np.testing.assert_allclose(got, expected)
        np.testing.assert_allclose(A, eager)


def sliding_windows(x, k):
    acc = np.zeros(3)
    for i in range(x.shape[0]):  # the last windows are shorter: numpy clamps the stop
        acc[: x[i:i + 3].shape[0]] += x[i:i + 3]
        acc += x[max(i - 1, 0):i + 1].sum() * k
    return acc


def shifted_windows(x):
    out = np.zeros_like(x)
    for i in range(1, x.shape[0] - 1):
        out[i - 1:i + 2] += x[i - 1:i + 2] * i  # three elements, known while tracing
    return out


def test_windows_at_a_loop_index_plus_constants():
    x = rand(10)
    check_asif(sliding_windows, x, np.float64(0.5))
    check_asif(shifted_windows, x)
    x = rand(20)  # a staged loop (a short one is unrolled)
    check_asif(shifted_windows, x)
    ir = ag.stage(shifted_windows).ir(x)
    assert "scf.for" in ir and "sizes() {steps = array<i64: 1>}" in ir  # static windows
    assert "-> tensor<3xf64>" in ir and "tensor<3xf64> into tensor<20xf64>" in ir


def through_the_transpose(x, k):
    x.T[k] = 5.0  # writes column k of x through the view x.T
    x.T[0] += 1.0
    return x


def test_writes_through_the_transpose():
    for k in (0, 2, -1):
        check_asif(through_the_transpose, rand(3, 4), np.int64(k))


# A window of run-time size (its bounds computed twice, so not known to differ by a
# constant) written into a slice of static size: checked against that size when the code
# runs. It was checked against the whole target array's size (8), so every call failed
# with "could not broadcast input array from shape (?) into shape (2)".
def window_into_static_slice(x, z, n):
    for i in range(n):
        z[0:2] = x[i % 5:i % 5 + 2]
    return z


def window_of_other_size_into_static_slice(x, z, i):
    z[0:2] = x[i % 5:i % 5 + 3]
    return z


@pytest.mark.parametrize("n", [1, 4, 100])
def test_dynamic_window_into_a_static_slice(n):
    x, z = np.arange(8, dtype=np.float32), np.ones(8, np.float32)
    staged = ag.stage(window_into_static_slice)
    for _ in range(2):
        np.testing.assert_array_equal(staged(x, z.copy(), np.int64(n)),
                                      window_into_static_slice(x, z.copy(), n))


def test_dynamic_window_of_another_size_raises_numpys_error():
    x, z = np.arange(8, dtype=np.float32), np.ones(8, np.float32)
    with pytest.raises(ValueError, match="could not broadcast"):
        window_of_other_size_into_static_slice(x, z.copy(), 3)
    staged = ag.stage(window_of_other_size_into_static_slice)
    for _ in range(2):
        with pytest.raises(ValueError, match="could not broadcast"):
            staged(x, z.copy(), np.int64(3))

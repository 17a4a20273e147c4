"""Out-of-range staged indices raise IndexError when the compiled code runs (numpy's
behaviour), for reads and writes, through both call paths; in-range negative indices
count from the end."""

import numpy as np
import pytest

import ag


def read(x, i):
    return x[i] * 2


def read_row(x, i):
    return x[:, i]


def write(x, i):
    y = x.copy()
    y[i] = -1.0
    return y


@pytest.mark.parametrize("i", [0, 4, -1, -5])
def test_in_range_indices_match_numpy(i):
    x = np.arange(5.0)
    assert ag.stage(read)(x, np.array(i)) == read(x, np.array(i))
    np.testing.assert_array_equal(ag.stage(write)(x, np.array(i)), write(x, np.array(i)))


@pytest.mark.parametrize("fn", [read, write])
@pytest.mark.parametrize("i", [5, -6, 1 << 40])
def test_out_of_range_raises_index_error(fn, i):
    x = np.arange(5.0)
    with pytest.raises(IndexError):
        fn(x, np.array(i))
    staged = ag.stage(fn)
    staged(x, np.array(0))  # compile and take the C path for the next calls
    with pytest.raises(IndexError, match=r"test_index_errors.py:\d+: staged index is out "
                                         r"of bounds for axis 0 with size 5"):
        staged(x, np.array(i))
    staged(x, np.array(1))  # a failure does not poison later calls


def test_non_leading_axis_is_checked_against_its_size():
    x = np.ones((2, 3))
    with pytest.raises(IndexError, match="axis 1 with size 3"):
        ag.stage(read_row)(x, np.array(3))
    np.testing.assert_array_equal(ag.stage(read_row)(x, np.array(-3)), x[:, -3])

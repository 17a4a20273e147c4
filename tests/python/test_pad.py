"""np.pad staged as numpy builds it: the array written into the middle of a new one,
then per axis the pad areas as slices of the middle (runs of numpy's own index map), or
a gather when pads wider than the array make many runs. Against numpy 1.24 on both call
paths, for every mode, 1-3 axes, zero, narrow and wider-than-the-array widths, size-1
and empty axes, non-contiguous inputs and several dtypes."""

import itertools

import numpy as np
import pytest

import ag

from _reference import assert_same

MODES = ["constant", "edge", "reflect", "symmetric", "wrap"]


def _check(x, widths, mode, **kw):
    def f(a):
        return np.pad(a, widths, mode=mode, **kw)

    try:
        want = f(x)
    except ValueError as e:  # (reflect/wrap of an empty axis: numpy's error)
        with pytest.raises(ValueError):
            ag.stage(f)(x)
        return str(e)
    staged = ag.stage(f)
    for _ in range(2):  # the trace, then the cached call
        assert_same(staged(x), want)
    return None


WIDTHS_1D = [0, 1, 2, (0, 3), (3, 0), (2, 5), 4, 9]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("n", [1, 2, 4, 7])
@pytest.mark.parametrize("width", WIDTHS_1D, ids=str)
def test_one_axis(mode, n, width):
    _check(np.arange(1.0, n + 1), width, mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("widths", [((1, 2), (3, 1)), ((0, 0), (2, 2)), ((2, 0), (0, 0)),
                                    ((5, 4), (1, 6)), 3], ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_, np.uint8])
def test_two_axes(mode, widths, dtype):
    rng = np.random.default_rng(3)
    x = (rng.standard_normal((4, 5)) * 10).astype(dtype)
    _check(x, widths, mode)


@pytest.mark.parametrize("mode", MODES)
def test_three_axes_and_a_transposed_input(mode):
    x = np.arange(2 * 3 * 4, dtype=np.float64).reshape(2, 3, 4)
    _check(x, ((1, 2), (0, 1), (3, 2)), mode)
    _check(x.transpose(2, 0, 1), ((2, 2), (1, 0), (0, 3)), mode)
    _check(x[:, ::-1, ::2], 2, mode)


@pytest.mark.parametrize("values", [7, (1, 2), ((1, 2), (3, 4), (5, 6)), 1.5])
def test_constant_values_per_axis_and_side(values):
    x = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    _check(x, ((1, 2), (2, 1), (0, 3)), "constant", constant_values=values)


def test_empty_axis():
    x = np.zeros((0, 3))
    for mode in MODES:
        _check(x, ((0, 0), (1, 2)), mode)
    _check(x, 1, "constant")
    assert _check(x, 1, "reflect") is not None  # numpy refuses to extend an empty axis


def test_every_small_case():
    # The runs of numpy's index map change shape with each width against the size.
    for mode, n, before, after in itertools.product(["reflect", "symmetric", "wrap",
                                                     "edge"], [1, 2, 3, 5],
                                                    range(0, 8, 3), range(0, 8, 2)):
        _check(np.arange(1.0, 2 * n + 1).reshape(2, n), ((1, 0), (before, after)), mode)


@pytest.mark.parametrize("mode", MODES)
def test_the_output_starts_uninitialised(mode):
    # Every element of the result is written (numpy builds it on np.empty too): no fill
    # runs before the writes (a zero fill was a whole extra pass over the output).
    def f(a):
        return np.pad(a, ((3, 2), (4, 1)), mode=mode)

    x = np.arange(30.0, dtype=np.float32).reshape(5, 6)
    staged = ag.stage(f)
    assert_same(staged(x), f(x))
    assert "ag.empty" in staged.ir(x, emit="ag")
    assert "linalg.fill" not in staged.ir(x, emit="bufferized")

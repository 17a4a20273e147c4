"""np.stack along an inner axis: one elementwise pass selecting input k at index k of
the axis (DataMovement.cpp's stackInterleaved) rather than a strided copy per input.
Differential against numpy on both call paths, over dtypes, axes, input counts either
side of the select-chain limit (16), producers that fuse into it, and the dynamic-dim
case that keeps the slice path."""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths
from _reference import rng_for

DTYPES = [np.bool_, np.int8, np.uint16, np.int32, np.int64, np.float16, np.float32,
          np.float64, np.complex64, np.complex128]


def _array(dtype, shape, rng):
    v = rng.uniform(-50, 50, shape)
    if np.dtype(dtype).kind == "c":
        v = v + 1j * rng.uniform(-50, 50, shape)
    return v.astype(dtype) if np.dtype(dtype).kind != "u" else np.abs(v).astype(dtype)


@pytest.mark.parametrize("dt", DTYPES, ids=lambda d: np.dtype(d).name)
def test_last_and_middle_axes(dt):
    rng = rng_for("stackinner", dt)
    a, b, c = (_array(dt, (3, 4, 5), rng) for _ in range(3))
    check_paths(lambda a, b: np.stack([a, b], axis=-1), a, b)
    check_paths(lambda a, b, c: np.stack([a, b, c], axis=1), a, b, c)
    check_paths(lambda a, b, c: np.stack((c, a, b, a), axis=2), a, b, c)
    check_paths(lambda a, b: np.stack([a[0, 0], b[1, 2]], axis=1), a, b)


@pytest.mark.parametrize("count", [1, 2, 15, 16, 17, 40])
def test_input_counts(count):
    rng = rng_for("stackcount", count)
    xs = [rng.standard_normal((6, 7)) for _ in range(count)]
    check_paths(lambda *xs: np.stack(xs, axis=-1), *xs)
    check_paths(lambda *xs: np.stack(xs, axis=1), *xs)


def test_fused_producers_and_views():
    rng = rng_for("stackfused")
    x = rng.standard_normal((64, 32)).astype(np.float32)
    check_paths(lambda x: np.stack([np.sin(x), np.cos(x) * 2, x.T[::2].T[:, :16].sum() + x],
                                   axis=-1), x)
    check_paths(lambda x: np.stack([x[:, ::2], x[:, 1::2]], axis=-1), x)
    check_paths(lambda x: np.stack([x.T, -x.T], axis=1), x)


def test_empty_and_scalar_results():
    check_paths(lambda a, b: np.stack([a, b], axis=-1), np.zeros((0, 3)), np.ones((0, 3)))
    check_paths(lambda a, b: np.stack([a, b], axis=1), np.zeros((2, 0)), np.ones((2, 0)))


def test_dynamic_dims_keep_the_slice_path():
    def f(a, b):
        return np.stack([a, b * 2], axis=-1)
    staged = ag.stage(f, dynamic="batch")
    rng = rng_for("stackdyn")
    for n in (3, 8):
        check_paths(f, rng.standard_normal((n, 4)), rng.standard_normal((n, 4)),
                    staged=staged)
    assert staged.cache_size == 1  # one compiled signature for both sizes

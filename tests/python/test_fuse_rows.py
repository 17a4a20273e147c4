"""Row-blocked chains (ag-fuse-rows): layer norm, softmax and other row reductions
feeding ops that read the same input run block of rows by block. Against numpy 1.24 on
both call paths (trace + compile, then the cached dispatcher), for row counts that are
and are not multiples of the block, widths that are not multiples of the vector width,
empty and one-element arrays, and non-contiguous inputs."""

import warnings

import numpy as np
import pytest

import ag

from _reference import assert_same
from _programs import layernorm, softmax


def centred_with_stats(x):
    # The row means are also returned: they stay outside the blocked loop.
    mu = x.mean(axis=-1, keepdims=True)
    return x - mu, mu


def standardise_3d(x):
    # Rows of a 3-d array: the reduced axis is the last, the blocks split axis 0.
    s = x.std(axis=-1, keepdims=True)
    return (x - x.mean(axis=-1, keepdims=True)) / (s + 1)


def integer_rows(x):
    # int64 sums are not pairwise: plain reductions in the chain.
    return x - x.sum(axis=1, keepdims=True) // x.shape[1] + x.max(axis=1, keepdims=True)


def row_spread(x):
    # A rank-1 result (no keepdims): the squared deviations read x a second time.
    return np.var(x, axis=1), np.std(x, axis=-1, ddof=1)


def _both_paths(fn, *args):
    expected = fn(*args)
    staged = ag.stage(fn)
    for _ in range(2):  # trace + compile, then the cached C dispatcher
        assert_same(staged(*args), expected)


SHAPES = [(0, 16), (1, 1), (1, 1024), (3, 17), (37, 1000), (64, 1024), (130, 257),
          (4096, 64)]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_layernorm(shape, dtype):
    rng = np.random.default_rng([shape[0], shape[1]])
    x = (rng.standard_normal(shape) * 3 + 1).astype(dtype)
    gamma = rng.uniform(0.5, 1.5, shape[1]).astype(dtype)
    beta = rng.standard_normal(shape[1]).astype(dtype)
    with np.errstate(all="ignore"):
        _both_paths(layernorm, x, gamma, beta)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_softmax_and_shared_stats(shape):
    rng = np.random.default_rng([7, shape[0], shape[1]])
    x = rng.standard_normal(shape).astype(np.float32) * 4
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # ddof=1 of one-element rows
        _both_paths(softmax, x)
        _both_paths(centred_with_stats, x)
        _both_paths(row_spread, x)


def test_non_contiguous_inputs():
    rng = np.random.default_rng(11)
    base = rng.standard_normal((300, 2 * 515)).astype(np.float32)
    gamma = rng.uniform(0.5, 1.5, 515).astype(np.float32)
    beta = rng.standard_normal(515).astype(np.float32)
    _both_paths(layernorm, base[:, ::2], gamma, beta)      # strided columns
    _both_paths(layernorm, base[::-3, 7:522], gamma, beta)  # reversed rows, offset
    _both_paths(softmax, base[:515, :300].T)               # a transpose


def test_three_d_and_integers():
    rng = np.random.default_rng(12)
    _both_paths(standardise_3d, rng.standard_normal((9, 5, 333)).astype(np.float32))
    _both_paths(integer_rows, rng.integers(-1000, 1000, (77, 129)))


def test_nan_and_inf_rows():
    x = np.random.default_rng(13).standard_normal((50, 40)).astype(np.float32)
    x[3, 5] = np.nan
    x[17, :] = np.inf
    x[40, 0] = -np.inf
    g = np.ones(40, np.float32)
    b = np.zeros(40, np.float32)
    with np.errstate(all="ignore"):
        _both_paths(layernorm, x, g, b)
        _both_paths(softmax, x)


def test_inside_a_staged_loop():
    def normalise_steps(x, n):
        for _ in range(n):
            x = layernorm(x, np.float32(1.5), np.float32(0.25))
        return x

    x = np.random.default_rng(14).standard_normal((45, 300)).astype(np.float32)
    n = np.int64(3)
    _both_paths(normalise_steps, x, n)


def test_the_chain_is_blocked():
    """The pass does fire on a layer norm: one loop over row blocks in the linalg IR."""
    x = np.zeros((256, 1024), np.float32)
    g = np.ones(1024, np.float32)
    ir = ag.stage(layernorm).ir(x, g, g, emit="linalg")
    assert ir.count("scf.for") == 1
    assert "tensor.extract_slice %arg0" in ir

"""A bias add inside the oneDNN call (ag-onednn-post-ops-in-place + ag-linalg-to-onednn):
a float32 matmul or NCHW convolution whose only reader adds a bias along the channel
(and maybe then applies np.maximum(., 0), which stays a loop: oneDNN's relu turns NaN
into 0) runs as one oneDNN call. Against numpy 1.24 on both call
paths, for biases of shape (N,), (1, N), (C, 1, 1) and strided views, with and without
relu, NaN and inf in the product, and the cases that must not fuse: the product read
elsewhere too, a bias along the rows, a scale instead of a bias."""

import numpy as np
import pytest

import ag

from _reference import assert_same

# Large enough for oneDNN (smaller float32 products go to OpenBLAS): M*N*K > 2^19.
M, K, N = 96, 80, 100


def _both_paths(fn, *args):
    expected = fn(*args)
    staged = ag.stage(fn)
    for _ in range(2):  # trace + compile, then the cached dispatcher
        assert_same(staged(*args), expected)
    return staged


def _data(seed, *shapes):
    # Multiples of 1/8: every product and partial sum is exact in float32, so oneDNN's
    # and OpenBLAS's summation orders (which differ by CPU) give numpy's bits.
    rng = np.random.default_rng(seed)
    return tuple((np.round(rng.standard_normal(s) * 8) / 8).astype(np.float32)
                 for s in shapes)


def _fused(staged, *args, kernel="matmul"):
    return f"ag_onednn_{kernel}_post_f32" in staged.ir(*args, emit="llvm")


def dense_relu(x, w, b):
    return np.maximum(x @ w + b, 0)


def dense(x, w, b):
    return x @ w + b


def bias_first(x, w, b):
    return np.maximum(0, b + x @ w)


def relu_only(x, w, b):
    return ag.nn.relu(x @ w)


def row_bias(x, w, b):
    return np.maximum(x @ w + b[:M, None], 0)


def scaled(x, w, b):
    return x @ w * b


def product_also_returned(x, w, b):
    y = x @ w
    return np.maximum(y + b, 0), y


def product_read_again(x, w, b):
    y = x @ w
    return np.maximum(y + b, 0) + y.sum()


def scalar_bias(x, w, b):
    return np.maximum(x @ w + b[0], 0)


def matrix_bias(x, w, b):
    return x @ w + np.outer(b[:M], b)


def float64_bias(x, w, b):
    return x @ w + b.astype(np.float64)


def mlp(x, w1, b1, w2, b2):
    h = np.maximum(x @ w1 + b1, 0)
    return np.maximum(h @ w2 + b2, 0)


@pytest.mark.parametrize("fn, fuses", [(dense_relu, True), (dense, True), (bias_first, True),
                                       (relu_only, False), (row_bias, False), (scaled, False),
                                       (product_also_returned, False),
                                       (product_read_again, False), (scalar_bias, False),
                                       (matrix_bias, False), (float64_bias, False)])
def test_matmul_post_ops(fn, fuses):
    x, w, b = _data(0, (M, K), (K, N), (N,))
    staged = _both_paths(fn, x, w, b)
    assert _fused(staged, x, w, b) == fuses


@pytest.mark.parametrize("bias_shape", [(N,), (1, N)])
@pytest.mark.parametrize("shape", [(M, K, N), (130, 64, 70), (64, 257, 33)])
def test_bias_shapes(shape, bias_shape):
    m, k, n = shape
    bias_shape = tuple(n if d == N else d for d in bias_shape)
    x, w, b = _data(1, (m, k), (k, n), bias_shape)
    staged = _both_paths(dense_relu, x, w, b)
    assert _fused(staged, x, w, b)


def test_strided_bias_and_transposed_weights():
    x, w, b = _data(2, (M, K), (N, K), (2 * N,))

    def f(x, w, b):
        return np.maximum(x @ w.T + b[::2], 0)

    staged = _both_paths(f, x, w, b)
    assert _fused(staged, x, w, b)


def test_nan_and_inf_pass_through_relu():
    x, w, b = _data(3, (M, K), (K, N), (N,))
    x[3, :] = np.nan
    x[5, 7] = np.inf
    b[11] = -np.inf
    b[12] = np.nan
    with np.errstate(invalid="ignore"):
        _both_paths(dense_relu, x, w, b)


def test_two_layers_and_float64_stays_unfused():
    x, w1, b1, w2, b2 = _data(4, (M, K), (K, N), (N,), (N, 120), (120,))
    _both_paths(mlp, x, w1, b1, w2, b2)
    d = tuple(a.astype(np.float64) for a in (x, w1, b1, w2, b2))
    staged = _both_paths(mlp, *d)
    assert not _fused(staged, *d)


def test_inside_a_staged_loop():
    x, w, b = _data(5, (M, N), (N, N), (N,))
    w *= np.float32(1 / np.sqrt(N))  # activations stay O(1): rounding, not cancellation

    def steps(x, w, b, n):
        for _ in range(n):
            x = np.maximum(x @ w * np.float32(0.9) + b, 0)
            x = np.maximum(x @ w + b, 0) * np.float32(0.5)
        return x

    _both_paths(steps, x, w, b, 3)


def conv_bias_relu(x, w, b):
    return np.maximum(ag.nn.conv2d(x, w, padding=1) + b[:, None, None], 0)


def conv_bias(x, w, b):
    return ag.nn.conv2d(x, w, stride=2) + b[:, None, None]


def conv_relu(x, w, b):
    return ag.nn.relu(ag.nn.conv2d(x, w))


def conv_also_returned(x, w, b):
    y = ag.nn.conv2d(x, w, padding=1)
    return np.maximum(y + b[:, None, None], 0), y


def conv_bias_along_width(x, w, b):
    y = ag.nn.conv2d(x, w, padding=1)
    return np.maximum(y + b[:y.shape[3]], 0)


@pytest.mark.parametrize("fn, fuses", [(conv_bias_relu, True), (conv_bias, True),
                                       (conv_relu, False), (conv_also_returned, False),
                                       (conv_bias_along_width, False)])
@pytest.mark.parametrize("shape", [(2, 3, 12, 12, 8), (1, 16, 9, 11, 5)])
def test_conv_post_ops(fn, fuses, shape):
    n, c, h, wd, o = shape
    x, w, b = _data(6, (n, c, h, wd), (o, c, 3, 3), (max(o, wd),))
    b = b[:o] if fn is not conv_bias_along_width else b
    staged = _both_paths(fn, x, w, b)
    assert _fused(staged, x, w, b, kernel="conv2d") == fuses

"""Neural-network forward passes: oneDNN territory (matmul, convolution).

The functions are written with plain numpy where numpy has the operation (relu as
np.maximum, softmax spelled out) and with ag.nn only for what numpy lacks (conv2d,
pooling), as the README tells ag users to.
"""

import numpy as np

import ag

from . import Workload


def mlp(x, w1, b1, w2, b2, w3, b3):
    h = np.maximum(x @ w1 + b1, 0)
    h = np.maximum(h @ w2 + b2, 0)
    z = h @ w3 + b3
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def mlp_numba(x, w1, b1, w2, b2, w3, b3):
    """numba has no axis= or keepdims= on reductions: the softmax as a row loop."""
    h = np.maximum(x @ w1 + b1, 0)
    h = np.maximum(h @ w2 + b2, 0)
    z = h @ w3 + b3
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        e = np.exp(z[i] - z[i].max())
        out[i] = e / e.sum()
    return out


def _dense(rng, n_in, n_out):
    # He initialisation keeps activations O(1) through the ReLUs, so the float32
    # comparison with numpy is about rounding, not about overflow.
    w = rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(np.sqrt(2 / n_in))
    return w, rng.standard_normal(n_out, dtype=np.float32) * np.float32(0.1)


def mlp_inputs(rng, batch, width, classes=10, features=784):
    x = rng.standard_normal((batch, features), dtype=np.float32)
    w1, b1 = _dense(rng, features, width)
    w2, b2 = _dense(rng, width, width)
    w3, b3 = _dense(rng, width, classes)
    return x, w1, b1, w2, b2, w3, b3


def small_cnn(x, w1, b1, w2, b2, wf, bf):
    h = ag.nn.conv2d(x, w1, padding=1) + b1[:, None, None]
    h = ag.nn.max_pool2d(np.maximum(h, 0), 2)
    h = ag.nn.conv2d(h, w2, padding=1) + b2[:, None, None]
    h = ag.nn.max_pool2d(np.maximum(h, 0), 2)
    return h.reshape(h.shape[0], -1) @ wf + bf


def small_cnn_numba(x, w1, b1, w2, b2, wf, bf):
    """numba has no convolution: direct loops, as a numba user writes them."""
    h = _maxpool2_numba(np.maximum(_conv3x3_numba(x, w1, b1), 0))
    h = _maxpool2_numba(np.maximum(_conv3x3_numba(h, w2, b2), 0))
    return h.reshape(h.shape[0], -1) @ wf + bf


def _conv3x3_numba(x, w, b):
    n, c, hh, ww = x.shape
    o = w.shape[0]
    xp = np.zeros((n, c, hh + 2, ww + 2), x.dtype)
    xp[:, :, 1:-1, 1:-1] = x
    out = np.empty((n, o, hh, ww), x.dtype)
    for i in range(n):
        for k in range(o):
            acc = np.full((hh, ww), b[k], x.dtype)
            for ci in range(c):
                for di in range(3):
                    for dj in range(3):
                        acc += w[k, ci, di, dj] * xp[i, ci, di:di + hh, dj:dj + ww]
            out[i, k] = acc
    return out


def _maxpool2_numba(x):
    n, c, hh, ww = x.shape
    out = np.empty((n, c, hh // 2, ww // 2), x.dtype)
    for i in range(n):
        for k in range(c):
            for p in range(hh // 2):
                for q in range(ww // 2):
                    out[i, k, p, q] = x[i, k, 2 * p:2 * p + 2, 2 * q:2 * q + 2].max()
    return out


def small_cnn_inputs(rng, batch, channels=16, image=32, classes=10):
    x = rng.standard_normal((batch, 3, image, image), dtype=np.float32)
    w1 = rng.standard_normal((channels, 3, 3, 3), dtype=np.float32) * np.float32(0.27)
    w2 = rng.standard_normal((2 * channels, channels, 3, 3), dtype=np.float32) \
        * np.float32(np.sqrt(2 / (9 * channels)))
    b1 = rng.standard_normal(channels, dtype=np.float32) * np.float32(0.1)
    b2 = rng.standard_normal(2 * channels, dtype=np.float32) * np.float32(0.1)
    wf, bf = _dense(rng, 2 * channels * (image // 4) ** 2, classes)
    return x, w1, b1, w2, b2, wf, bf


WORKLOADS = [
    Workload("mlp", "MLP forward pass (matmul: oneDNN)", mlp, mlp_inputs,
             {"check": dict(batch=4, width=32), "quick": dict(batch=128, width=512),
              "full": dict(batch=512, width=1024)},
             torch_fn="mlp", numba_fn=mlp_numba,
             numba_note="rewrite: softmax as a row loop (no axis=/keepdims= in numba)"),
    Workload("small_cnn", "small CNN: 2 conv + pool + dense (oneDNN)", small_cnn,
             small_cnn_inputs,
             {"check": dict(batch=1, channels=4, image=8),
              "quick": dict(batch=8, channels=16), "full": dict(batch=32, channels=32)},
             torch_fn="small_cnn", numba_fn=small_cnn_numba,
             numba_note="rewrite: conv and pool as loops (numba has no convolution)"),
]

"""Numerical kernels written the way people write them in numpy: loop nests over rows,
columns and pixels with slice reads and writes (issue 13's five kernels whose first call
used to take minutes: the loops were unrolled). Their loops must stay loops, so the first
call is short and does not grow with the sizes; sizes are Python ints here (shapes), as
in the originals.
"""

import numpy as np

from . import Workload


def gram_schmidt(A):
    """Modified Gram-Schmidt QR: a triangular loop nest with column windows."""
    A = A.copy()
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


def gram_schmidt_inputs(rng, n):
    return (rng.standard_normal((n, n)) + n * np.eye(n),)


def adi(u, tsteps):
    """Alternating-direction implicit solver (polybench): sweeps along rows, then columns,
    with slice writes, inside a time loop."""
    u = u.copy()  # the bench calls it many times on one input
    n = u.shape[0]
    v = np.zeros_like(u)
    p = np.zeros_like(u)
    q = np.zeros_like(u)
    dx, dt = 1.0 / n, 1.0 / tsteps
    mul1 = 2.0 * dt / (dx * dx)
    mul2 = 1.0 * dt / (dx * dx)
    a, b, c = -mul1 / 2.0, 1.0 + mul1, -mul1 / 2.0
    d, f = -mul2 / 2.0, -mul2 / 2.0
    for t in range(1, tsteps + 1):
        v[0, 1:n - 1] = 1.0
        p[1:n - 1, 0] = 0.0
        q[1:n - 1, 0] = v[0, 1:n - 1]
        for j in range(1, n - 1):
            p[1:n - 1, j] = -c / (a * p[1:n - 1, j - 1] + b)
            q[1:n - 1, j] = (-d * u[j, 0:n - 2] + (1.0 + 2.0 * d) * u[j, 1:n - 1]
                             - f * u[j, 2:n] - a * q[1:n - 1, j - 1]) \
                / (a * p[1:n - 1, j - 1] + b)
        v[n - 1, 1:n - 1] = 1.0
        for j in range(n - 2, 0, -1):
            v[j, 1:n - 1] = p[1:n - 1, j] * v[j + 1, 1:n - 1] + q[1:n - 1, j]
        u[1:n - 1, 0] = 1.0
        p[1:n - 1, 0] = 0.0
        q[1:n - 1, 0] = u[1:n - 1, 0]
        for j in range(1, n - 1):
            p[1:n - 1, j] = -f / (d * p[1:n - 1, j - 1] + 1.0 + mul2)
            q[1:n - 1, j] = (-a * v[0:n - 2, j] + (1.0 + 2.0 * a) * v[1:n - 1, j]
                             - c * v[2:n, j] - d * q[1:n - 1, j - 1]) \
                / (d * p[1:n - 1, j - 1] + 1.0 + mul2)
        u[1:n - 1, n - 1] = 1.0
        for j in range(n - 2, 0, -1):
            u[1:n - 1, j] = p[1:n - 1, j] * u[1:n - 1, j + 1] + q[1:n - 1, j]
    return u


def adi_inputs(rng, n, tsteps):
    return rng.random((n, n)), tsteps


def deriche(img, alpha):
    """Deriche edge detector (polybench): four recursive passes over rows and columns."""
    w, h = img.shape
    k = (1.0 - np.exp(-alpha)) ** 2 / (1.0 + 2.0 * alpha * np.exp(-alpha)
                                        - np.exp(2.0 * alpha))
    a1 = a5 = k
    a2 = a6 = k * np.exp(-alpha) * (alpha - 1.0)
    a3 = a7 = k * np.exp(-alpha) * (alpha + 1.0)
    a4 = a8 = -k * np.exp(-2.0 * alpha)
    b1 = 2.0 ** (-alpha)
    b2 = -np.exp(-2.0 * alpha)
    y1 = np.empty_like(img)
    y2 = np.empty_like(img)
    ym1, ym2, xm1 = np.zeros(w), np.zeros(w), np.zeros(w)
    for j in range(h):
        y1[:, j] = a1 * img[:, j] + a2 * xm1 + b1 * ym1 + b2 * ym2
        xm1 = img[:, j].copy()
        ym2 = ym1
        ym1 = y1[:, j].copy()
    yp1, yp2, xp1, xp2 = np.zeros(w), np.zeros(w), np.zeros(w), np.zeros(w)
    for j in range(h - 1, -1, -1):
        y2[:, j] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2
        xp2 = xp1
        xp1 = img[:, j].copy()
        yp2 = yp1
        yp1 = y2[:, j].copy()
    tmp = y1 + y2
    ym1, ym2, tm1 = np.zeros(h), np.zeros(h), np.zeros(h)
    for i in range(w):
        y1[i, :] = a5 * tmp[i, :] + a6 * tm1 + b1 * ym1 + b2 * ym2
        tm1 = tmp[i, :].copy()
        ym2 = ym1
        ym1 = y1[i, :].copy()
    yp1, yp2, tp1, tp2 = np.zeros(h), np.zeros(h), np.zeros(h), np.zeros(h)
    for i in range(w - 1, -1, -1):
        y2[i, :] = a7 * tp1 + a8 * tp2 + b1 * yp1 + b2 * yp2
        tp2 = tp1
        tp1 = tmp[i, :].copy()
        yp2 = yp1
        yp1 = y2[i, :].copy()
    return y1 + y2


def deriche_inputs(rng, w, h):
    return rng.random((w, h)), 0.25


def conv_direct(inp, weights):
    """Direct convolution as two loops over output pixels (NHWC, valid padding)."""
    K = weights.shape[0]
    h_out = inp.shape[1] - K + 1
    w_out = inp.shape[2] - K + 1
    out = np.empty((inp.shape[0], h_out, w_out, weights.shape[3]), dtype=inp.dtype)
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j] = np.sum(inp[:, i:i + K, j:j + K, :, None] * weights,
                                  axis=(1, 2, 3))
    return out


def conv_direct_inputs(rng, batch, size, channels, filters, k):
    inp = rng.random((batch, size, size, channels)).astype(np.float32)
    weights = rng.standard_normal((k, k, channels, filters)).astype(np.float32)
    return inp, weights


def _pool2(x):
    b, h, w, c = x.shape
    return x.reshape(b, h // 2, 2, w // 2, 2, c).mean(axis=(2, 4))


def lenet5(x, w1, w2, w3, w4, w5):
    """LeNet-5 built from conv_direct: conv-relu-pool twice, then three dense layers."""
    x = _pool2(np.maximum(conv_direct(x, w1), 0.0))
    x = _pool2(np.maximum(conv_direct(x, w2), 0.0))
    x = x.reshape(x.shape[0], -1)
    x = np.maximum(x @ w3, 0.0)
    x = np.maximum(x @ w4, 0.0)
    return x @ w5


def lenet5_inputs(rng, batch):
    def weights(*shape):
        return (rng.standard_normal(shape) / np.sqrt(np.prod(shape[:-1]))).astype(np.float32)
    x = rng.random((batch, 28, 28, 1)).astype(np.float32)
    return x, weights(5, 5, 1, 6), weights(5, 5, 6, 16), weights(256, 120), \
        weights(120, 84), weights(84, 10)


WORKLOADS = [
    Workload("gram_schmidt", "QR by Gram-Schmidt: triangular loop nest, column windows",
             gram_schmidt, gram_schmidt_inputs,
             {"check": dict(n=6), "quick": dict(n=64), "full": dict(n=200)},
             rtol=1e-6, atol=1e-8),
    Workload("adi", "ADI stencil: row and column sweeps with slice writes",
             adi, adi_inputs,
             {"check": dict(n=8, tsteps=2), "quick": dict(n=64, tsteps=10),
              "full": dict(n=200, tsteps=20)},
             rtol=1e-6, atol=1e-8),
    Workload("deriche", "Deriche edge filter: recursive passes over rows and columns",
             deriche, deriche_inputs,
             {"check": dict(w=6, h=5), "quick": dict(w=192, h=128),
              "full": dict(w=720, h=480)},
             rtol=1e-6, atol=1e-8),
    Workload("conv_direct", "convolution as loops over output pixels (float32)",
             conv_direct, conv_direct_inputs,
             {"check": dict(batch=1, size=7, channels=2, filters=3, k=3),
              "quick": dict(batch=8, size=32, channels=3, filters=8, k=5),
              "full": dict(batch=32, size=64, channels=8, filters=16, k=5)},
             rtol=1e-3, atol=1e-3),
    Workload("lenet5", "LeNet-5 from the loop convolution (float32)", lenet5, lenet5_inputs,
             {"check": dict(batch=1), "quick": dict(batch=16), "full": dict(batch=64)},
             rtol=1e-3, atol=1e-3),
]

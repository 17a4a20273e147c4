"""Loops around array code: a time loop, a data-dependent while, a loop that branches on
a reduction every step, and a loop of many tiny operations.

Step counts are 0-d integer arrays and time loops iterate over an array's first axis, so
that ag stages them as loops (a Python int count would be a compile-time constant, and a
Python range over it is unrolled at trace time).
"""

import numpy as np

from . import Workload


def rnn(xs, h, wx, wh, b):
    for x_t in xs:
        h = np.tanh(x_t @ wx + h @ wh + b)
    return h


def rnn_inputs(rng, steps, batch, features, hidden):
    xs = rng.standard_normal((steps, batch, features), dtype=np.float32)
    h = np.zeros((batch, hidden), np.float32)
    wx = rng.standard_normal((features, hidden), dtype=np.float32) \
        * np.float32(1 / np.sqrt(features))
    # Recurrent weights of spectral radius < 1 keep the state from saturating.
    wh = rng.standard_normal((hidden, hidden), dtype=np.float32) \
        * np.float32(0.9 / np.sqrt(hidden))
    b = rng.standard_normal(hidden, dtype=np.float32) * np.float32(0.1)
    return xs, h, wx, wh, b


def power_iteration(a, v, tol, max_iter):
    """Dominant eigenpair of a symmetric matrix, iterating until the vector settles."""
    delta = tol + 1.0
    it = 0
    lam = 0.0
    while delta > tol and it < max_iter:
        w = a @ v
        lam = v @ w
        w = w / np.sqrt(np.sum(w * w))
        delta = np.max(np.abs(w - v))
        v = w
        it += 1
    return lam, v


def power_iteration_inputs(rng, n):
    # A = Q diag(eigenvalues) Q^T with a gap 1 : 0.7 : (|x| <= 0.6): converges in ~50
    # steps, and every system converges to the same vector within the tolerance.
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    eig = np.concatenate([[1.0, 0.7], rng.uniform(-0.6, 0.6, n - 2)])
    a = ((q * eig) @ q.T).astype(np.float32)
    v = np.ones(n, np.float32) / np.float32(np.sqrt(n))
    return a, v, 1e-6, 1000


def adaptive_descent(x, y, w, lr, steps):
    """Least squares by gradient descent whose step size grows while the loss falls and
    halves (rejecting the step) when it rises: a branch on a reduction every step."""
    loss = np.mean((x @ w - y) ** 2)
    for _ in range(steps):
        g = x.T @ (x @ w - y) * (2.0 / len(y))
        w_new = w - lr * g
        new_loss = np.mean((x @ w_new - y) ** 2)
        if new_loss < loss:
            w = w_new
            loss = new_loss
            lr = lr * 1.2
        else:
            lr = lr * 0.5
    return w, loss


def adaptive_descent_numba(x, y, w, lr, steps):
    """numba promotes a float32 array times a float64 scalar to float64 (numpy keeps
    float32), and then refuses x @ w for mixed dtypes: the scalars are cast."""
    r = x @ w - y
    loss = np.mean(r * r)
    scale = np.float32(2.0 / len(y))
    for _ in range(steps):
        g = x.T @ (x @ w - y) * scale
        w_new = w - np.float32(lr) * g
        r = x @ w_new - y
        new_loss = np.mean(r * r)
        if new_loss < loss:
            w = w_new
            loss = new_loss
            lr = lr * 1.2
        else:
            lr = lr * 0.5
    return w, loss


def adaptive_descent_inputs(rng, rows, cols, steps):
    x = rng.standard_normal((rows, cols), dtype=np.float32)
    w_true = rng.standard_normal(cols, dtype=np.float32)
    y = x @ w_true + rng.standard_normal(rows, dtype=np.float32) * np.float32(0.1)
    w = np.zeros(cols, np.float32)
    # The step size is a float64 0-d array: a float32 one would turn float64 at `lr * 1.2`
    # (numpy's rule for two scalars), and a staged loop variable must keep its dtype.
    return x, y, w, np.array(0.01), np.array(steps, np.int64)


def nbody(pos, vel, mass, steps):
    """A handful of bodies under softened gravity: every step is a dozen operations on
    arrays of a few elements, so interpretive overhead is all there is."""
    for _ in range(steps):
        d = pos[None, :, :] - pos[:, None, :]
        r2 = np.sum(d * d, axis=-1) + 0.01
        inv = mass[None, :] / (r2 * np.sqrt(r2))
        acc = np.sum(d * inv[:, :, None], axis=1)
        vel = vel + 0.001 * acc
        pos = pos + 0.001 * vel
    return pos, vel


def nbody_numba(pos, vel, mass, steps):
    """numba has no None (newaxis) indexing: the pairwise sums as loops."""
    n = pos.shape[0]
    for _ in range(steps):
        acc = np.zeros_like(pos)
        for i in range(n):
            for j in range(n):
                d = pos[j] - pos[i]
                r2 = np.sum(d * d) + 0.01
                acc[i] += d * (mass[j] / (r2 * np.sqrt(r2)))
        vel = vel + 0.001 * acc
        pos = pos + 0.001 * vel
    return pos, vel


def nbody_inputs(rng, bodies, steps):
    pos = rng.standard_normal((bodies, 3))
    vel = rng.standard_normal((bodies, 3)) * 0.1
    mass = rng.uniform(0.5, 1.5, bodies)
    return pos, vel, mass, np.array(steps, np.int64)


WORKLOADS = [
    Workload("rnn", "RNN cell over a time loop (for x_t in xs)", rnn, rnn_inputs,
             {"check": dict(steps=3, batch=2, features=5, hidden=7),
              "quick": dict(steps=64, batch=16, features=64, hidden=128),
              "full": dict(steps=256, batch=32, features=128, hidden=256)},
             torch_fn="rnn"),
    Workload("power_iteration", "data-dependent while until convergence",
             power_iteration, power_iteration_inputs,
             {"check": dict(n=16), "quick": dict(n=512), "full": dict(n=1024)},
             torch_fn="power_iteration"),
    Workload("adaptive_descent", "loop branching on a reduction every step",
             adaptive_descent, adaptive_descent_inputs,
             {"check": dict(rows=20, cols=5, steps=4),
              "quick": dict(rows=512, cols=64, steps=100),
              "full": dict(rows=2048, cols=128, steps=400)},
             torch_fn="adaptive_descent", numba_fn=adaptive_descent_numba,
             numba_note="rewrite: float32 casts of scalars (numba promotes to float64)",
             rtol=1e-3, atol=1e-3),
    Workload("nbody", "many tiny ops: n-body steps on 5 bodies (float64)", nbody,
             nbody_inputs,
             {"check": dict(bodies=3, steps=3), "quick": dict(bodies=5, steps=200),
              "full": dict(bodies=5, steps=2000)},
             torch_fn="nbody", numba_fn=nbody_numba,
             numba_note="rewrite: pairwise loops (numba has no None indexing)",
             rtol=1e-6, atol=1e-8),
]

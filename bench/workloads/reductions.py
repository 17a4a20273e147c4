"""Reductions at memory speed and large elementwise outputs (issue 16).

A reduction reads its input once: numpy's pairwise float32 sum, its SIMD argmax and its
row means all run near memory bandwidth, so a compiled reduction only keeps up if it
vectorises too (lanes of accumulators in registers, numpy's summation order kept). The
int64 expression makes a fresh 32 MB result per call: allocation and first touch of its
pages count as much as the arithmetic.
"""

import numpy as np

from . import Workload


def total_f32(x):
    # numpy's pairwise float32 sum (blocks of 8 lanes), then the mean of the same data.
    return np.sum(x), np.mean(x)


def total_f64(x):
    # float64 pairwise sum: long enough (quick 32 MiB, full 128 MiB) to stream from memory.
    return np.sum(x)


def row_means(x):
    return x.mean(axis=-1, keepdims=True)


def row_means_numba(x):
    """numba has no axis= on mean: a row loop."""
    out = np.empty((x.shape[0], 1), x.dtype)
    for i in range(x.shape[0]):
        out[i, 0] = x[i].mean()
    return out


def arg_extremes(v, m):
    return np.argmax(v), np.argmin(m, axis=-1)


def arg_extremes_numba(v, m):
    """numba has no axis= on argmin: a row loop."""
    rows = np.empty(m.shape[0], np.int64)
    for i in range(m.shape[0]):
        rows[i] = np.argmin(m[i])
    return np.argmax(v), rows


def int_expression(a, x, b, y, c):
    return np.clip(a, 2, 10) * x + b * y + c


def vector_inputs(rng, n):
    return (rng.standard_normal(n, dtype=np.float32),)


def vector_f64_inputs(rng, n):
    return (rng.standard_normal(n),)


def matrix_inputs(rng, rows, cols):
    return (rng.standard_normal((rows, cols), dtype=np.float32),)


def arg_inputs(rng, n, rows, cols):
    return (rng.standard_normal(n, dtype=np.float32),
            rng.standard_normal((rows, cols), dtype=np.float32))


def int_inputs(rng, n):
    return tuple(rng.integers(-20, 20, (n, n)) for _ in range(5))


WORKLOADS = [
    Workload("sum_f32", "float32 sum and mean of a vector (numpy's pairwise order)",
             total_f32, vector_inputs,
             {"check": dict(n=1000), "quick": dict(n=1 << 22), "full": dict(n=1 << 24)},
             rtol=1e-5, atol=1e-3),
    Workload("sum_f64", "float64 sum of a long vector (numpy's pairwise order)",
             total_f64, vector_f64_inputs,
             {"check": dict(n=3 * 65536 + 5), "quick": dict(n=1 << 22), "full": dict(n=1 << 24)},
             rtol=1e-12, atol=1e-9),
    Workload("row_means", "float32 mean over the last axis, keepdims", row_means,
             matrix_inputs,
             {"check": dict(rows=3, cols=300), "quick": dict(rows=4096, cols=1024),
              "full": dict(rows=16384, cols=1024)},
             numba_fn=row_means_numba, numba_note="rewrite: row loop (no axis= in numba)",
             rtol=1e-5, atol=1e-6),
    Workload("arg_extremes", "argmax of a vector, argmin of each row (float32)",
             arg_extremes, arg_inputs,
             {"check": dict(n=1000, rows=3, cols=300),
              "quick": dict(n=1 << 22, rows=4096, cols=1024),
              "full": dict(n=1 << 24, rows=16384, cols=1024)},
             numba_fn=arg_extremes_numba,
             numba_note="rewrite: row loop (no axis= on numba's argmin)", rtol=0, atol=0),
    Workload("int_expression", "int64 elementwise expression with a fresh 32 MB result",
             int_expression, int_inputs,
             {"check": dict(n=30), "quick": dict(n=2000), "full": dict(n=4000)},
             rtol=0, atol=0),
]

"""numpy functions ag stages as compositions of its primitives (issue 12): each must not
be slower than a dedicated kernel by more than 1.5x, so numpy's own C kernel is the
yardstick here.
"""

import numpy as np

from . import Workload


def std(x):
    return np.std(x)


def einsum_matmul(a, b):
    return np.einsum("ij,jk->ik", a, b)


def einsum_matmul_numba(a, b):
    """numba has no np.einsum: the matmul it stands for."""
    return a @ b


def pad_reflect(x):
    return np.pad(x, ((8, 8), (8, 8)), mode="reflect")


def pad_reflect_numba(x):
    """numba's np.pad has no mode='reflect': the index arithmetic written out."""
    n, m = x.shape
    out = np.empty((n + 16, m + 16), x.dtype)
    for i in range(n + 16):
        si = i - 8
        si = -si if si < 0 else (2 * (n - 1) - si if si >= n else si)
        for j in range(m + 16):
            sj = j - 8
            sj = -sj if sj < 0 else (2 * (m - 1) - sj if sj >= m else sj)
            out[i, j] = x[si, sj]
    return out


def stack_last(a, b):
    return np.stack([a, b], axis=-1)


def pair_inputs(rng, n):
    return (rng.standard_normal(n), rng.standard_normal(n))


def vector_inputs(rng, n):
    return (rng.standard_normal(n),)


def square_inputs(rng, n):
    return (rng.standard_normal((n, n), dtype=np.float32),
            rng.standard_normal((n, n), dtype=np.float32))


def image_inputs(rng, n):
    return (rng.standard_normal((n, n)),)


WORKLOADS = [
    Workload("std", "compositions: np.std (two passes: mean, squared deviations)", std,
             vector_inputs, {"check": dict(n=37), "quick": dict(n=4 * 1024 * 1024),
                             "full": dict(n=16 * 1024 * 1024)}),
    Workload("einsum_matmul", "compositions: np.einsum('ij,jk->ik') as one GEMM",
             einsum_matmul, square_inputs, {"check": dict(n=7), "quick": dict(n=500),
                                            "full": dict(n=1000)},
             numba_fn=einsum_matmul_numba, numba_note="rewrite: a @ b (no np.einsum)"),
    Workload("pad_reflect", "compositions: np.pad(mode='reflect') as a gather",
             pad_reflect, image_inputs, {"check": dict(n=9), "quick": dict(n=1024),
                                         "full": dict(n=4096)},
             numba_fn=pad_reflect_numba, numba_note="rewrite: loops (no reflect mode)"),
    Workload("stack_last", "data movement: np.stack of two vectors along the last axis "
             "(an interleave)", stack_last, pair_inputs,
             {"check": dict(n=11), "quick": dict(n=512 * 1024), "full": dict(n=4 * 1024 * 1024)}),
]

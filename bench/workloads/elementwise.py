"""Long elementwise chains and row reductions: fusion territory.

numpy runs each operation as its own pass over memory with a temporary; a compiler can
fuse a chain (and a chain feeding a reduction) into one loop.
"""

import numpy as np

from . import Workload


def gelu(x):
    # The tanh approximation (what GPT-2 and BERT code write out by hand).
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_numba(x):
    """numba has no axis= or keepdims= on reductions: a row loop."""
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        e = np.exp(x[i] - x[i].max())
        out[i] = e / e.sum()
    return out


def layernorm(x, gamma, beta):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-5) * gamma + beta


def layernorm_numba(x, gamma, beta):
    """numba has no axis= or keepdims= on reductions: a row loop."""
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        mu = x[i].mean()
        var = ((x[i] - mu) ** 2).mean()
        out[i] = (x[i] - mu) / np.sqrt(var + 1e-5) * gamma + beta
    return out


def matrix_inputs(rng, rows, cols):
    return (rng.standard_normal((rows, cols), dtype=np.float32),)


def layernorm_inputs(rng, rows, cols):
    x = rng.standard_normal((rows, cols), dtype=np.float32) * np.float32(3) + np.float32(1)
    gamma = rng.uniform(0.5, 1.5, cols).astype(np.float32)
    beta = rng.standard_normal(cols, dtype=np.float32) * np.float32(0.1)
    return x, gamma, beta


_ROWS = {"check": dict(rows=3, cols=17), "quick": dict(rows=1024, cols=1024),
         "full": dict(rows=4096, cols=1024)}

WORKLOADS = [
    Workload("gelu", "elementwise chain: GELU (tanh form), 9 ops", gelu, matrix_inputs,
             _ROWS, torch_fn="gelu"),
    Workload("softmax", "row softmax: chain around two row reductions", softmax,
             matrix_inputs, _ROWS, torch_fn="softmax", numba_fn=softmax_numba,
             numba_note="rewrite: row loop (no axis=/keepdims= in numba)"),
    Workload("layernorm", "layer normalisation: chain around two row means", layernorm,
             layernorm_inputs, _ROWS, torch_fn="layernorm", numba_fn=layernorm_numba,
             numba_note="rewrite: row loop (no axis=/keepdims= in numba)"),
]

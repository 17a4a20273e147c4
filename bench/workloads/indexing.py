"""Gather and scatter: integer-array and boolean-mask indexing.

numpy runs fancy indexing in C but makes a temporary per step, and its unbuffered
`np.add.at` is notoriously slow (a generic per-element loop); a compiler gathers and
scatters in one loop each.
"""

import numpy as np

from . import Workload


def embedding_bag(table, ids):
    # Sum of the embeddings of each bag of token ids (a recommender's first layer).
    return table[ids].sum(axis=1)


def embedding_bag_numba(table, ids):
    """numba allows one 1-d advanced index: a loop over the bags."""
    out = np.zeros((ids.shape[0], table.shape[1]), table.dtype)
    for b in range(ids.shape[0]):
        out[b] = table[ids[b]].sum(axis=0)
    return out


def embedding_inputs(rng, vocab, dim, bags, bag):
    table = rng.standard_normal((vocab, dim), dtype=np.float32)
    return table, rng.integers(0, vocab, (bags, bag))


def scatter_add(values, bins, n):
    # Per-bin sums with repeated bins: np.add.at, unbuffered.
    out = np.zeros(n, values.dtype)
    np.add.at(out, bins, values)
    return out


def scatter_add_numba(values, bins, n):
    """numba has no ufunc.at: the loop it stands for."""
    out = np.zeros(n, values.dtype)
    for i in range(bins.shape[0]):
        out[bins[i]] += values[i]
    return out


def scatter_inputs(rng, size, bins):
    return (rng.standard_normal(size), rng.integers(0, bins, size), bins)


def clip_masked(x, t):
    # Masked assignment and a masked reduction.
    x = x.copy()
    x[x > t] = t
    return x[x > 0].sum()


def clip_inputs(rng, size):
    return (rng.standard_normal(size, dtype=np.float32), np.float32(1.5))


WORKLOADS = [
    Workload("embedding_bag", "gather: table[ids] of a 2-d id array, summed per bag",
             embedding_bag, embedding_inputs,
             {"check": dict(vocab=50, dim=8, bags=3, bag=4),
              "quick": dict(vocab=100_000, dim=64, bags=4096, bag=32),
              "full": dict(vocab=1_000_000, dim=64, bags=16384, bag=32)},
             numba_fn=embedding_bag_numba,
             numba_note="rewrite: a loop over bags (one 1-d advanced index in numba)"),
    Workload("scatter_add", "scatter: np.add.at with repeated indices", scatter_add,
             scatter_inputs,
             {"check": dict(size=40, bins=7), "quick": dict(size=1_000_000, bins=1000),
              "full": dict(size=10_000_000, bins=100_000)},
             numba_fn=scatter_add_numba, numba_note="rewrite: a loop (no ufunc.at in numba)"),
    Workload("clip_masked", "boolean masks: x[x > t] = t, then x[x > 0].sum()",
             clip_masked, clip_inputs,
             {"check": dict(size=37), "quick": dict(size=4_000_000),
              "full": dict(size=16_000_000)}, rtol=1e-3),
]

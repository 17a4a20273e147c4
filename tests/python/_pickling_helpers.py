"""Module-level functions the pickling tests send to other processes (importable by
name there: these pickle by reference)."""

import os

import numpy as np

import ag


@ag.stage
def scaled_relu(x, k=2.0):
    if x.sum() > 0:
        return np.maximum(x * k, 0)
    return -x


def plain_layer(x, w):
    """Staged by the tests with options (ag.stage(plain_layer, dynamic="batch"))."""
    h = x @ w
    for _ in range(3):
        h = np.tanh(h)
    return h.sum(axis=1)


def call(staged, *args):
    """Runs `staged` in a worker: (result, trace count, this process's cache counters,
    pid)."""
    out = staged(*args)
    return out, staged.trace_count, ag.cache_info()._asdict(), os.getpid()


def call_sizes(staged, w, sizes):
    """Calls `staged` on batches of each size: (results, trace count)."""
    rng = np.random.default_rng(0)
    outs = [staged(rng.standard_normal((n, w.shape[0])).astype(np.float32), w)
            for n in sizes]
    return outs, staged.trace_count

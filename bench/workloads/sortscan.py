"""Scans and sorts: running sums along both axes, sorting rows, order statistics.

numpy runs each as one C loop per lane; ag's scans are a loop over the scanned axis of
vectorised slice updates, and its sorts call ports of numpy's own algorithms, so ag is
expected near numpy here, not far ahead: these workloads guard against a composition
that is much slower than a dedicated kernel.
"""

import numpy as np

from . import Workload


def running_sums(x):
    return np.cumsum(x, axis=0), np.cumsum(x, axis=1), np.maximum.accumulate(x, axis=1)


def running_sums_numba(x):
    """numba's cumsum takes no axis: loops."""
    down = np.empty_like(x)
    right = np.empty_like(x)
    peak = np.empty_like(x)
    rows, cols = x.shape
    down[0] = x[0]
    for i in range(1, rows):
        down[i] = down[i - 1] + x[i]
    for i in range(rows):
        right[i] = np.cumsum(x[i])
        m = x[i, 0]
        for j in range(cols):
            m = max(m, x[i, j])
            peak[i, j] = m
    return down, right, peak


def sort_rows(x):
    return np.sort(x, axis=1), np.argsort(x, axis=1)


def sort_rows_numba(x):
    """numba's sort/argsort take no axis: a row loop."""
    s = np.empty_like(x)
    a = np.empty(x.shape, np.int64)
    for i in range(x.shape[0]):
        s[i] = np.sort(x[i])
        a[i] = np.argsort(x[i])
    return s, a


def order_statistics(x):
    return np.median(x, axis=1), np.percentile(x, [5, 95], axis=1)


def order_statistics_numba(x):
    """numba's median/percentile take no axis: a row loop."""
    med = np.empty(x.shape[0])
    pct = np.empty((2, x.shape[0]))
    for i in range(x.shape[0]):
        med[i] = np.median(x[i])
        pct[0, i] = np.percentile(x[i], 5)
        pct[1, i] = np.percentile(x[i], 95)
    return med, pct


def matrix_inputs(rng, rows, cols):
    return (rng.standard_normal((rows, cols)),)


def float32_inputs(rng, rows, cols):
    return (rng.standard_normal((rows, cols), dtype=np.float32),)


_SIZES = {"check": dict(rows=5, cols=19), "quick": dict(rows=512, cols=1024),
          "full": dict(rows=2048, cols=2048)}

WORKLOADS = [
    Workload("running_sums", "scans: cumsum along both axes, maximum.accumulate",
             running_sums, float32_inputs, _SIZES, numba_fn=running_sums_numba,
             numba_note="rewrite: loops (no axis= on numba's cumsum)"),
    Workload("sort_rows", "sorting: np.sort and np.argsort of each row", sort_rows,
             matrix_inputs, _SIZES, numba_fn=sort_rows_numba,
             numba_note="rewrite: row loop (no axis= on numba's sort)"),
    Workload("order_statistics", "sorting: row medians and percentiles",
             order_statistics, matrix_inputs, _SIZES, numba_fn=order_statistics_numba,
             numba_note="rewrite: row loop (no axis= on numba's median)"),
]

"""Shared by the dynamic-shape tests (test_dynamic.py, test_dynamic_errors.py)."""

import os
import subprocess
import sys
import textwrap

import numpy as np

import ag

from _reference import assert_same, run_numpy

PYTHONPATH = os.path.dirname(os.path.dirname(os.path.abspath(ag.__file__)))

SIZES = (0, 1, 3, 17, 64)
NONEMPTY = (1, 3, 17, 64)


def _data(shape, dtype=np.float32, seed=0, scale=1.0):
    rng = np.random.default_rng(seed + 7919 * sum(shape))
    if np.dtype(dtype).kind == "f":
        return (rng.standard_normal(shape) * scale).astype(dtype)
    if np.dtype(dtype).kind == "b":
        return rng.random(shape) < 0.5
    return rng.integers(-9, 10, shape).astype(dtype)


def check_sizes(fn, make_args, dynamic="batch", sizes=SIZES, staged=None):
    """fn staged with `dynamic` (or `staged`) equals numpy at every size, from one trace
    (and one more for size 1, which keeps its own specialisation: numpy broadcasts it)."""
    staged = staged if staged is not None else ag.stage(fn, dynamic=dynamic)
    for n in sizes:
        args = make_args(n)
        expected = run_numpy(fn, *args)
        assert_same(staged(*args), expected, path=f"size {n}")
    traces = 1 + (1 in sizes)
    assert staged.trace_count == traces, f"{staged.trace_count} traces for sizes {sizes}"
    assert staged.cache_size == traces
    return staged


def _run_python(code, timeout=300):
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=timeout)


def layernorm(x, gamma, beta):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * gamma + beta


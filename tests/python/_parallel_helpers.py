"""The programs of test_parallel_loops.py, run in a child process per AG_NUM_THREADS
(the runtime reads it once per process). Each case is checked against numpy on both
call paths (trace + compile, then the cached dispatcher) here; the child prints one line
per case, `name sha256-of-the-result's-bytes splits`, for the parent to compare the
one-thread and two-thread runs bit for bit. `splits` counts the ag_rt_parallel_for calls
in the case's LLVM IR, so the parent can check that the large cases were split."""

import hashlib
import sys

import numpy as np

import ag

from _reference import assert_same, run_in_threads, run_numpy
from _programs import layernorm, softmax

# Sizes: every case's largest loop is well above AG_PARALLEL_MIN_WORK (2^19 units).


def elementwise_broadcast(x, y):
    return np.tanh(x) * y + 1.0


def noncontiguous(x):
    v = x[::2, 1::3]
    return v * 2.0 - x.T[:v.shape[0], :v.shape[1]] ** 2


def int_expression(a, x, b, y, c):
    return np.clip(a, 2, 10) * x + b * y + c


def int32_ops(a, b):
    return (a * b + 7) // 3 - np.abs(a - b), a > b


def nan_handling(x):
    # NaN propagates through maximum; nanless rows reduce as numpy does.
    return np.maximum(x, 0.0) + np.where(np.isnan(x), 1.0, x), x.max(axis=1), x.sum(axis=1)


def row_reductions(x):
    return x.sum(axis=1), x.mean(axis=-1), x.max(axis=1), x.argmax(axis=1)


def full_sum(x):
    # One pairwise sum over everything: never split (its order is numpy's).
    return x.sum(), (x * x).sum(axis=0)


def staged_loop(h, w, b):
    for _ in range(3):
        h = np.tanh(h * w + b)
    return h


def small_in_loop(h, w):
    # Small ops in a loop: below the threshold, never split.
    for _ in range(50):
        h = h * w + 1.0
    return h


def cases():
    rng = np.random.default_rng(16)
    f32 = lambda *s: rng.standard_normal(s).astype(np.float32)  # noqa: E731
    f64 = lambda *s: rng.standard_normal(s)  # noqa: E731
    nan = f64(513, 700)
    nan[rng.random(nan.shape) < 0.01] = np.nan
    nan[7] = np.nan
    ints = lambda *s: rng.integers(-50, 50, s, dtype=np.int64)  # noqa: E731
    return [
        ("elementwise_broadcast", elementwise_broadcast, (f32(601, 700), f32(700))),
        ("noncontiguous", noncontiguous, (f64(1200, 1100),)),
        ("int_expression", int_expression,
         (ints(700, 800), ints(700, 800), ints(800), ints(700, 1), np.int64(3))),
        ("int32_ops", int32_ops, (ints(640, 700).astype(np.int32),
                                  ints(640, 700).astype(np.int32) + 51)),
        ("nan_handling", nan_handling, (nan,)),
        ("row_reductions_f32", row_reductions, (f32(1000, 777),)),
        ("row_reductions_f64", row_reductions, (f64(999, 500),)),
        ("full_sum", full_sum, (f32(2000, 1500),)),
        ("layernorm", layernorm, (f32(1031, 1000), f32(1000), f32(1000))),
        ("softmax", softmax, (f64(777, 600),)),
        ("staged_loop", staged_loop, (f32(512, 512), f32(512), f32(512, 1))),
        ("small_in_loop", small_in_loop, (f64(8), f64(8))),
    ]


def digest(result):
    h = hashlib.sha256()
    for r in result if isinstance(result, tuple) else (result,):
        r = np.asarray(r)
        h.update(str((r.dtype, r.shape)).encode())
        h.update(np.ascontiguousarray(r).tobytes())
    return h.hexdigest()


def main():
    for name, fn, args in cases():
        expected = run_numpy(fn, *args)
        staged = ag.stage(fn)
        results = [staged(*args) for _ in range(2)]  # trace + compile, then cached
        for got in results:
            assert_same(got, expected, path=name)
        assert digest(results[0]) == digest(results[1]), name
        splits = staged.ir(*args, emit="llvm").count("call @ag_rt_parallel_for")
        print(name, digest(results[0]), splits, flush=True)
    # Several Python threads calling compiled functions at once while they use the pool.
    name, fn, args = cases()[8]
    staged = ag.stage(fn)
    expected = digest(staged(*args))

    def worker(i):
        for _ in range(5):
            assert digest(staged(*args)) == expected, f"thread {i}"
    run_in_threads(worker, range(4))
    print("threads-ok", ag._agrt.num_threads(), flush=True)


if __name__ == "__main__":
    sys.exit(main())

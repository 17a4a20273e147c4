"""Batch-size sweep: one shape-polymorphic compile vs a retrace per size.

    PYTHONPATH=build/python /usr/bin/python3 bench/dynamic_sweep.py
    PYTHONPATH=build/python /usr/bin/python3 bench/dynamic_sweep.py --threads 1 --sizes 1 8 64 512

A small float32 MLP (256 -> 256 -> 256 -> 10, relu, softmax) runs on batches of every
size in turn (1, 8, 64, 512 by default), in one process:

- numpy eager: the function itself;
- ag static: ``ag.stage(mlp)``, which traces and compiles once per batch size;
- ag dynamic="batch": ``ag.stage(mlp, dynamic="batch")``, one trace with a ``?`` batch
  dim for every size. The weights are module globals (compile-time constants), so the
  batch dim of x is the only dynamic one. Array globals are guarded by Python on every
  call (the C dispatcher takes only argument-only entries), so these calls take the
  Python path;
- ag dynamic={"x": 0}, weights as arguments (``mlp_args``): the same with the weights
  passed in, the form the C call path serves (with dynamic="batch" the weights' first
  dims would be dynamic too, which the matmul lowering does not take yet).

Per size: "first call" is the first call at that size (tracing and compiling when the
system compiles for it; the staged function is created before the first size, and that
creation is counted in the first size's time), steady state is the median of samples
of at least 2 ms (GC off) over ~0.3 s. Every result is checked against numpy eager
(dtype, shape, allclose 1e-4) before it is timed. Prints two tables and the compile
counts.
"""

import argparse
import os
import sys
import time

THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _early_env(argv):
    """Thread counts must be set before numpy/ag load their libraries. As bench/run.py
    does for its workers, OPENBLAS_CORETYPE (set to Haswell on these VMs) is dropped so
    that OpenBLAS picks its kernels for the CPU."""
    os.environ.pop("OPENBLAS_CORETYPE", None)
    if "--threads" in argv:
        n = argv[argv.index("--threads") + 1]
        os.environ.update({name: n for name in THREAD_ENV})


_early_env(sys.argv)

import gc  # noqa: E402
import statistics  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

BENCH = os.path.dirname(os.path.abspath(__file__))
AG_PYTHON = os.path.join(os.environ.get("AG_BUILD_DIR", os.path.join(BENCH, "..", "build")),
                         "python")
if os.path.isdir(os.path.join(AG_PYTHON, "ag")):
    sys.path.append(AG_PYTHON)

import ag  # noqa: E402

FEATURES, WIDTH, CLASSES = 256, 256, 10


def _dense(rng, n_in, n_out):
    w = rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(np.sqrt(2 / n_in))
    return w, rng.standard_normal(n_out, dtype=np.float32) * np.float32(0.1)


_rng = np.random.default_rng(6)
W1, B1 = _dense(_rng, FEATURES, WIDTH)
W2, B2 = _dense(_rng, WIDTH, WIDTH)
W3, B3 = _dense(_rng, WIDTH, CLASSES)
WEIGHTS = (W1, B1, W2, B2, W3, B3)


def mlp_args(x, w1, b1, w2, b2, w3, b3):
    h = np.maximum(x @ w1 + b1, 0)
    h = np.maximum(h @ w2 + b2, 0)
    z = h @ w3 + b3
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def mlp(x):
    return mlp_args(x, W1, B1, W2, B2, W3, B3)


SYSTEMS = {
    "numpy eager": lambda: (mlp, False),
    "ag static": lambda: (ag.stage(mlp, warn_after=10**9), False),
    'ag dynamic="batch"': lambda: (ag.stage(mlp, dynamic="batch"), False),
    'ag dynamic={"x": 0}, weight args': lambda: (ag.stage(mlp_args, dynamic={"x": 0}), True),
}


def measure(call, budget_s=0.3, sample_s=0.002, least=5):
    t0 = time.perf_counter()
    call()
    one = time.perf_counter() - t0
    per_sample = max(1, int(sample_s / max(one, 1e-7)))
    samples = []
    gc.disable()
    try:
        deadline = time.perf_counter() + budget_s
        while len(samples) < least or time.perf_counter() < deadline:
            t0 = time.perf_counter()
            for _ in range(per_sample):
                call()
            samples.append((time.perf_counter() - t0) / per_sample)
    finally:
        gc.enable()
    return statistics.median(samples)


def check(got, want, name, n):
    ok = (isinstance(got, np.ndarray) and got.dtype == want.dtype and got.shape == want.shape
          and np.allclose(got, want, rtol=1e-4, atol=1e-4))
    if not ok:
        raise SystemExit(f"{name}, batch {n}: result differs from numpy eager")


def sweep(sizes, budget_s):
    inputs = {n: np.random.default_rng(n).standard_normal((n, FEATURES), dtype=np.float32)
              for n in sizes}
    refs = {n: mlp(inputs[n]) for n in sizes}
    rows = {}
    for name, make in SYSTEMS.items():
        t0 = time.perf_counter()
        fn, with_weights = make()
        create_s = time.perf_counter() - t0
        for i, n in enumerate(sizes):
            args = (inputs[n],) + (WEIGHTS if with_weights else ())
            t0 = time.perf_counter()
            result = fn(*args)
            first = time.perf_counter() - t0 + (create_s if i == 0 else 0.0)
            check(result, refs[n], name, n)
            check(fn(*args), refs[n], name, n)
            steady = measure(lambda: fn(*args), budget_s)
            traces = getattr(fn, "trace_count", None)
            rows[name, n] = (first, steady, traces)
    return rows


def fmt_ms(s):
    ms = s * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


def table(rows, sizes, column, title):
    names = list(SYSTEMS)
    print(f"\n{title}\n")
    print("| batch | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    for n in sizes:
        cells = []
        for name in names:
            first, steady, traces = rows[name, n]
            cell = fmt_ms(first if column == "first" else steady)
            if column == "first" and traces is not None:
                cell += f" ({traces})"
            cells.append(cell)
        print(f"| {n} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 8, 64, 512])
    parser.add_argument("--threads", type=int, default=None,
                        help="OMP/OpenBLAS threads (set before the libraries load)")
    parser.add_argument("--budget", type=float, default=0.3,
                        help="seconds of steady-state timing per size and system")
    args = parser.parse_args()
    warnings.simplefilter("error", ag.AgRetraceWarning)  # no warning expected
    print(f"MLP {FEATURES}->{WIDTH}->{WIDTH}->{CLASSES} float32, batch sizes "
          f"{' '.join(map(str, args.sizes))}; threads: "
          f"{os.environ.get('OMP_NUM_THREADS', 'default')}; load average "
          f"{os.getloadavg()[0]:.1f}")
    rows = sweep(args.sizes, args.budget)
    table(rows, args.sizes, "first",
          "First call at each size, ms (in parentheses: the staged function's traces so "
          "far; the first size includes ag.stage itself)")
    table(rows, args.sizes, "steady", "Steady state, median ms per call")
    print()
    for name in SYSTEMS:
        if name == "numpy eager":
            continue
        traces = rows[name, args.sizes[-1]][2]
        total = sum(rows[name, n][0] for n in args.sizes)
        print(f"{name}: {traces} compile(s) for {len(args.sizes)} sizes; first calls "
              f"{total * 1e3:.0f} ms in all")


if __name__ == "__main__":
    main()

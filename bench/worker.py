"""One system's process: runs workloads, checks every result against numpy eager, times.

    worker.py SYSTEM --mode quick --refs DIR [--workloads a b ...]

Without --workloads it runs the workloads named on its stdin, one per line, until the
end of its input (bench/run.py interleaves the systems this way).

Speaks JSON lines on its original stdout (C libraries' and user prints go to stderr): a
``start`` event before each workload (so the driver can tell which one crashed or hung),
a ``result`` event after it, an ``info`` event at the end. The numpy worker stores its
results in DIR as the references; the others load them and compare before timing: a
time counts only if the result matched.
"""

import argparse
import ctypes
import faulthandler
import gc
import json
import os
import pickle
import statistics
import sys
import time
import traceback

import numpy as np

import systems
import workloads

# Per mode: time budget of one (workload, system) steady-state measurement, the least and
# most samples, and the least time one sample should take (tiny calls are batched).
_MEASURE = {"check": (0.0, 0, 0, 0.0), "quick": (0.25, 3, 200, 2e-3),
            "full": (2.0, 7, 2000, 5e-3)}
# Untimed calls between the first (compiling) call and the measurement: TorchScript's
# profiling executor optimises the graph on the second call.
_EXTRA_WARMUP_CALLS = 2


def error_summary(exc):
    """Type and the first informative line of an exception's message."""
    lines = [l.strip() for l in str(exc).splitlines() if l.strip()]
    generic = ("Failed in nopython mode pipeline", "Failed in object mode pipeline",
               "During:", "File ")
    for line in lines:
        if not line.startswith(generic):
            return f"{type(exc).__name__}: {line}"[:300]
    return type(exc).__name__


def flatten(result):
    if isinstance(result, (tuple, list)):
        return [x for r in result for x in flatten(r)]
    return [result]


def compare(got, want, workload, check_dtype):
    """None when `got` matches the reference, else what differs."""
    got, want = flatten(got), flatten(want)
    if len(got) != len(want):
        return f"{len(got)} results instead of {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        g_arr, w_arr = np.asarray(g), np.asarray(w)
        if g_arr.shape != w_arr.shape:
            return f"result {i}: shape {g_arr.shape} instead of {w_arr.shape}"
        if check_dtype and g_arr.dtype != w_arr.dtype:
            return f"result {i}: dtype {g_arr.dtype} instead of {w_arr.dtype}"
        if w_arr.dtype.kind in "biu":
            ok = np.array_equal(g_arr, w_arr)
        else:
            ok = np.allclose(g_arr, w_arr, rtol=workload.rtol, atol=workload.atol,
                             equal_nan=True)
        if not ok:
            diff = np.abs(g_arr.astype(np.float64) - w_arr.astype(np.float64))
            return (f"result {i}: max abs difference {np.nanmax(diff):.3g} "
                    f"(rtol {workload.rtol}, atol {workload.atol})")
    return None


def measure(call, mode, one_call_s):
    """Median seconds per call over samples of `per_sample` calls each."""
    budget, least, most, sample_s = _MEASURE[mode]
    per_sample = max(1, int(sample_s / max(one_call_s, 1e-7)))
    samples = []
    gc.disable()
    try:
        deadline = time.perf_counter() + budget
        while len(samples) < least or (len(samples) < most
                                       and time.perf_counter() < deadline):
            t0 = time.perf_counter()
            for _ in range(per_sample):
                call()
            samples.append((time.perf_counter() - t0) / per_sample)
    finally:
        gc.enable()
    return samples, per_sample


def run_workload(system, workload, mode, refs):
    record = {"workload": workload.name, "system": system.name}
    args = workload.inputs(np.random.default_rng(workload.seed), **workload.size(mode))
    t0 = time.perf_counter()
    try:
        fn, call_args, note = system.prepare(workload, args)
        record["note"] = note
        out = system.to_numpy(fn(*call_args))
    except Exception as e:  # noqa: BLE001 - every failure is a result of the bench
        record.update(status="unsupported", error=error_summary(e),
                      traceback=traceback.format_exc()[-4000:])
        return record
    record["warmup_s"] = time.perf_counter() - t0
    ref_path = os.path.join(refs, workload.name + ".pickle")
    if system.name == "numpy":
        with open(ref_path, "wb") as f:
            pickle.dump(out, f)
        want = out
    elif not os.path.exists(ref_path):
        record.update(status="no reference", error="numpy eager gave no result")
        return record
    else:
        with open(ref_path, "rb") as f:
            want = pickle.load(f)
    call = lambda: fn(*call_args)  # noqa: E731
    results = [out]
    t_call = record["warmup_s"]
    for _ in range(_EXTRA_WARMUP_CALLS):
        t1 = time.perf_counter()
        results.append(system.to_numpy(call()))
        t_call = time.perf_counter() - t1
    for r in results:
        problem = compare(r, want, workload, system.compares_dtype)
        if problem:
            record.update(status="wrong", error=problem)
            return record
    record["status"] = "ok"
    if mode == "check":
        return record
    system.settle()
    samples, per_sample = measure(call, mode, t_call)
    record.update(ms=statistics.median(samples) * 1e3, samples=len(samples),
                  calls_per_sample=per_sample,
                  spread_ms=[min(samples) * 1e3, max(samples) * 1e3])
    return record


def loaded_libraries():
    """Shared libraries of interest mapped into this process (which BLAS numpy uses)."""
    keys = ("blas", "lapack", "dnnl", "mkl", "omp", "gomp", "torch_cpu", "llvm")
    found = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if "/" in line else ""
            if any(k in os.path.basename(path).lower() for k in keys):
                found.add(path)
    return sorted(found)


def thread_counts(libraries):
    """Thread counts the loaded OpenMP runtime and OpenBLAS would use, and OpenBLAS's
    kernel family (the libraries are already mapped: dlopen returns the same instance)."""
    counts = {}
    for path in libraries:
        name = os.path.basename(path)
        try:
            if name.startswith("libgomp"):
                counts["omp_get_max_threads"] = ctypes.CDLL(path).omp_get_max_threads()
            elif name.startswith("libopenblas"):
                lib = ctypes.CDLL(path)
                counts["openblas_get_num_threads"] = lib.openblas_get_num_threads()
                lib.openblas_get_corename.restype = ctypes.c_char_p
                counts["openblas_core"] = lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            pass
    return counts


def numpy_blas():
    """numpy's build-time BLAS (Debian builds against the generic libblas.so.3, so the
    mapped libraries above say which implementation really runs)."""
    try:
        info = np.__config__.get_info("blas_opt_info")
        return {k: v for k, v in info.items() if k in ("libraries", "library_dirs")}
    except AttributeError:
        return {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("system", choices=systems.NAMES)
    parser.add_argument("--mode", choices=list(_MEASURE), default="quick")
    parser.add_argument("--refs", required=True)
    parser.add_argument("--workloads", nargs="*")
    opts = parser.parse_args()

    faulthandler.enable()  # a crash in compiled code leaves a Python traceback in stderr
    # The protocol keeps the real stdout; everything else printed goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def emit(**event):
        protocol.write(json.dumps(event) + "\n")

    t_import = time.perf_counter()
    system = systems.make(opts.system)
    emit(event="import", seconds=time.perf_counter() - t_import)
    names = opts.workloads if opts.workloads else (line.strip() for line in sys.stdin)
    for name in names:
        (workload,) = workloads.by_name([name])
        emit(event="start", workload=workload.name)
        emit(event="result", **run_workload(system, workload, opts.mode, opts.refs))
    libraries = loaded_libraries()
    emit(event="info", system=opts.system, python=sys.version.split()[0],
         libraries=libraries, threads=thread_counts(libraries),
         numpy_blas_build=numpy_blas(), **system.info())


if __name__ == "__main__":
    main()

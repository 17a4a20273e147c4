"""Compile time: each workload's first call in a new process, cold (empty persistent
cache: trace + MLIR pipelines + LLVM) and warm (the object code is in the cache: trace
+ link), and the time from `import ag` to the first result of a warm process (whose
call hits a trace record: no trace, its shared object loaded; "LLVM" says whether the
process loaded LLVM all the same).

    /usr/bin/python3 bench/compile_time.py [--workloads NAME ...] [--repeat 3] [--sweep]

Every measurement is a fresh interpreter (bench/compile_time.py --child), so imports
and first-use costs count as a user sees them. The stage times come from AG_LOG=compile;
"run" is the rest of the warm first call: the call itself, with oneDNN's primitive
creation and first touches of memory.
Python bytecode of the ag package is compiled first (python -m compileall), as it is in
any installation: without it each process would also compile ag's modules from source.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AG_PYTHON = os.path.join(os.environ.get("AG_BUILD_DIR", os.path.join(ROOT, "build")),
                         "python")
PYTHON = "/usr/bin/python3"
# (A tiered compile's first tier says ", first tier"; its second tier's line, from the
# background, is not the first call's.)
_LOG = re.compile(r"ag: compiled '.*' in [\d.]+ ms \((?:cache hit|trace record hit|"
                  r"cache (?:miss|off), O(\d)(?:, first tier)?)\): (.*)")


def child(name, mode):
    t0 = time.perf_counter()
    import numpy as np  # noqa: F401
    t1 = time.perf_counter()
    import ag
    t2 = time.perf_counter()
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from workloads import by_name
    (w,) = by_name([name])
    args = w.inputs(np.random.default_rng(w.seed), **w.size(mode))
    staged = ag.stage(w.fn)
    t3 = time.perf_counter()
    staged(*args)
    t4 = time.perf_counter()
    info = ag.cache_info()
    with open("/proc/self/maps") as f:
        llvm = "libLLVM" in f.read()
    print(json.dumps({"import_numpy": t1 - t0, "import_ag": t2 - t1, "first_call": t4 - t3,
                      "hits": info.hits, "misses": info.misses, "llvm": llvm}))


def _stages(stderr):
    """{stage: seconds} summed over the compiles a process logged, and the opt levels."""
    stages, levels = {}, set()
    for line in stderr.splitlines():
        m = _LOG.match(line)
        if not m:
            continue
        if m.group(1):
            levels.add(int(m.group(1)))
        for part in m.group(2).split(", "):
            stage, ms = part.rsplit(" ", 2)[0], float(part.rsplit(" ", 2)[1])
            stages[stage] = stages.get(stage, 0.0) + ms / 1e3
    return stages, levels


def sweep_child(blocks, kind):
    """One cold compile of the grown program of `blocks` blocks (bench/grown.py)."""
    import ag
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import grown
    f = grown.program(tempfile.mkdtemp(prefix="ag-sweep-"), blocks, kind)
    t = time.perf_counter()
    ag.stage(f)(*grown.inputs(kind=kind))
    print(json.dumps({"first_call": time.perf_counter() - t}))


# Blocks per size of each kind of grown program: 1x, 2x, 4x, 8x.
SWEEPS = {"mixed": (1, 2, 4, 8), "inplace": (20, 40, 80, 160)}


def sweep(repeat):
    """Cold first call of programs of 1x, 2x, 4x, 8x the size: compile time must grow
    linearly (the per-block time stays flat)."""
    for kind, sizes in SWEEPS.items():
        print(f"\nsize sweep '{kind}' (bench/grown.py, cold, median of {repeat}):")
        print(f"{'blocks':>6} {'first call':>12} {'per block':>10}  stages (ms)")
        for blocks in sizes:
            runs = []
            for _ in range(repeat):
                env = dict(os.environ, AG_CACHE_DIR="off", AG_CACHE_RECORDS="off",
                           AG_LOG="compile")
                env["PYTHONPATH"] = os.pathsep.join([AG_PYTHON, env.get("PYTHONPATH", "")])
                done = subprocess.run([PYTHON, os.path.abspath(__file__), "--sweep-child",
                                       str(blocks), "--sweep-kind", kind], env=env,
                                      capture_output=True, text=True, timeout=1800)
                record = json.loads(done.stdout.strip().splitlines()[-1])
                record["stages"] = _stages(done.stderr)[0]
                runs.append(record)
            first = statistics.median(r["first_call"] for r in runs)
            stages = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs)
                      for s in runs[0]["stages"]}
            print(f"{blocks:6d} {first * 1e3:9.1f} ms {first * 1e3 / blocks:7.1f} ms  " +
                  ", ".join(f"{s} {t * 1e3:.0f}" for s, t in stages.items()))


def run_child(name, mode, cache):
    env = dict(os.environ, AG_CACHE_DIR=cache, AG_LOG="compile")
    paths = [AG_PYTHON] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    done = subprocess.run([PYTHON, os.path.abspath(__file__), "--child", name, "--mode",
                           mode], env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    record = json.loads(done.stdout.strip().splitlines()[-1])
    record["stages"], record["levels"] = _stages(done.stderr)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", nargs="*")
    parser.add_argument("--mode", default="quick")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json")
    parser.add_argument("--child")
    parser.add_argument("--sweep", action="store_true",
                        help="also the size sweeps: programs of 1x..8x blocks, cold")
    parser.add_argument("--sweep-only", action="store_true",
                        help="only the size sweeps")
    parser.add_argument("--sweep-child", type=int)
    parser.add_argument("--sweep-kind", default="mixed")
    opts = parser.parse_args()
    if opts.child:
        return child(opts.child, opts.mode)
    if opts.sweep_child:
        return sweep_child(opts.sweep_child, opts.sweep_kind)
    if opts.sweep_only:
        return sweep(opts.repeat)

    subprocess.run([PYTHON, "-m", "compileall", "-q", os.path.join(AG_PYTHON, "ag")],
                   check=True, stdout=subprocess.DEVNULL)
    sys.path.insert(0, AG_PYTHON)
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from workloads import by_name
    names = [w.name for w in by_name(opts.workloads)]
    rows = []
    print(f"{'workload':18} {'cold first call':>16} {'warm first call':>16} "
          f"{'= trace':>8} {'+ link':>7} {'+ run':>7} {'import ag':>10} "
          f"{'import ag->result':>18} {'LLVM':>5}")
    for name in names:
        colds, warms = [], []
        for _ in range(opts.repeat):
            cache = tempfile.mkdtemp(prefix="ag-bench-cache-")
            try:
                colds.append(run_child(name, opts.mode, cache))
                warms.append(run_child(name, opts.mode, cache))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        if any("error" in r for r in colds + warms):
            err = next(r["error"] for r in colds + warms if "error" in r)
            print(f"{name:18} error: {err}")
            rows.append({"workload": name, "error": err})
            continue

        def med(records, field):
            return statistics.median(r[field] for r in records)

        def med_stage(records, stage):
            return statistics.median(r["stages"].get(stage, 0.0) for r in records)
        row = {
            "workload": name,
            "cold_first_call_s": med(colds, "first_call"),
            "cold_first_call_max_s": max(r["first_call"] for r in colds),
            "cold_stages_s": {s: med_stage(colds, s) for s in colds[0]["stages"]},
            "cold_opt_levels": sorted(set().union(*(r["levels"] for r in colds))),
            "warm_first_call_s": med(warms, "first_call"),
            "warm_trace_s": med_stage(warms, "trace"),
            "warm_link_s": med_stage(warms, "link cached object") +
            med_stage(warms, "load shared object"),
            "warm_loads_llvm": any(r.get("llvm") for r in warms),
            "warm_hits": min(r["hits"] for r in warms),
            "import_ag_s": med(warms, "import_ag"),
            "warm_import_to_result_s": statistics.median(
                r["import_ag"] + r["first_call"] for r in warms),
        }
        rows.append(row)
        run = row["warm_first_call_s"] - row["warm_trace_s"] - row["warm_link_s"]
        print(f"{name:18} {row['cold_first_call_s'] * 1e3:13.1f} ms "
              f"{row['warm_first_call_s'] * 1e3:13.1f} ms {row['warm_trace_s'] * 1e3:8.1f} "
              f"{row['warm_link_s'] * 1e3:7.1f} {run * 1e3:7.1f} "
              f"{row['import_ag_s'] * 1e3:7.1f} ms {row['warm_import_to_result_s'] * 1e3:15.1f} ms"
              f" {'yes' if row['warm_loads_llvm'] else 'no':>5}")
        if row["warm_hits"] < 1:
            print(f"{'':18} (warm process found nothing in the cache)")
    print("\ncold stages (median ms): " + "; ".join(
        f"{r['workload']}: " + ", ".join(f"{s} {t * 1e3:.0f}"
                                        for s, t in r.get("cold_stages_s", {}).items())
        for r in rows if "error" not in r))
    if opts.sweep:
        sweep(opts.repeat)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()

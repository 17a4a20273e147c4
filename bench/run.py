"""The benchmark suite's driver: eager numpy vs ag.stage vs torch / TorchScript / numba.

    PYTHONPATH=build/python /usr/bin/python3 bench/run.py            # --quick (default)
    PYTHONPATH=build/python /usr/bin/python3 bench/run.py --full
    PYTHONPATH=build/python /usr/bin/python3 bench/run.py --check    # tiny sizes, no timing

Runs each system in its own process (bench/worker.py), workload by workload: each
workload is timed on every system in turn, numpy eager first (its results are the
references every other system's results must match before their time counts), so the
systems' times of one workload are taken seconds apart, not minutes (ratios between
systems measured minutes apart moved by 10-60 % on this 2-core machine's noisy host).
With --rounds N this happens N times, every other round in reverse order of the
systems, and each (workload, system) keeps its fastest round.
Prints a table (ms, speedup over numpy eager, geomean, ag's ratio to the fastest other
system), writes a JSON file and a PNG plot (bench/results/ unless --out/--plot).
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
# Seconds one workload may take in a worker (first call, checks and timing) before the
# worker is killed and the workload recorded as a timeout.
TIMEOUT = {"check": 180, "quick": 90, "full": 900}
# The built ag package, for when PYTHONPATH does not name it (appended: an explicit
# PYTHONPATH wins). The workloads import ag for ag.nn, so this precedes their import.
AG_PYTHON = os.path.join(os.environ.get("AG_BUILD_DIR", os.path.join(ROOT, "build")),
                         "python")
if os.path.isdir(os.path.join(AG_PYTHON, "ag")):
    sys.path.append(AG_PYTHON)

import machine  # noqa: E402
import report  # noqa: E402
import systems  # noqa: E402
import workloads  # noqa: E402


# What --threads N sets for the workers (read when each library initialises).
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
              "NUMBA_NUM_THREADS", "AG_BENCH_THREADS")


def worker_env(threads=None):
    """The workers' environment: ag importable from the build tree if it is not already;
    every library's thread count set with --threads."""
    env = dict(os.environ)
    # These VMs export OPENBLAS_CORETYPE=Haswell, which makes OpenBLAS use its AVX2
    # kernels on an AVX-512 CPU (a 512^3 sgemm: 5.1 ms instead of 2.6 ms): numpy and torch
    # get the kernels OpenBLAS picks for the CPU, as on a user's machine. The JSON
    # records the variable (meta.thread_env) and the core each worker used.
    env.pop("OPENBLAS_CORETYPE", None)
    # The first call's time is a compile's, not a load from the persistent cache (which
    # bench/compile_time.py measures), unless AG_CACHE_DIR says otherwise.
    env.setdefault("AG_CACHE_DIR", "off")
    if threads:
        env.update({name: str(threads) for name in THREAD_ENV})
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if os.path.isdir(os.path.join(AG_PYTHON, "ag")) and AG_PYTHON not in paths:
        paths.append(AG_PYTHON)
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def _reader(stream, lines):
    for line in stream:
        lines.put(line)
    lines.put(None)


class Worker:
    """One system's worker process (bench/worker.py), handed workload names one at a time
    on its stdin so that the driver can time the systems workload by workload. A worker
    that crashes or hangs is recorded for that workload and replaced by a new one for the
    next; one that fails before any workload (an import failure) fails them all."""

    def __init__(self, system, mode, refs, threads):
        self.system, self.mode, self.refs, self.threads = system, mode, refs, threads
        self.proc, self.info, self.dead = None, {}, None

    def _start(self):
        self.err_path = os.path.join(self.refs, f"{self.system}.stderr")
        with open(self.err_path, "w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, os.path.join(BENCH, "worker.py"), self.system,
                 "--mode", self.mode, "--refs", self.refs],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                cwd=BENCH, env=worker_env(self.threads))
        self.lines = queue.Queue()
        threading.Thread(target=_reader, args=(self.proc.stdout, self.lines),
                         daemon=True).start()
        self.started_any = False

    def run(self, name):
        """The record of workload `name` on this system."""
        if self.dead:
            return dict(self.dead, workload=name)
        if self.proc is None:
            self._start()
        try:
            self.proc.stdin.write(name + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass  # (it died: the reader sees the end of its output)
        while True:
            try:
                line = self.lines.get(timeout=TIMEOUT[self.mode])
            except queue.Empty:
                return self._failed(name, "timeout", f"no result after {TIMEOUT[self.mode]} s")
            if line is None:
                self.proc.wait()
                return self._failed(name, "crash", f"worker exited with status "
                                    f"{self.proc.returncode}: " + _tail(self.err_path))
            event = json.loads(line)
            if event["event"] == "start":
                self.started_any = True
            elif event["event"] == "result":
                event.pop("event")
                return event

    def _failed(self, name, status, error):
        self.proc.kill()
        self.proc.wait()
        self.proc = None
        record = {"workload": name, "system": self.system, "status": status,
                  "error": error}
        if not self.started_any:
            self.dead = record
        return record

    def close(self):
        """Ends the worker; returns its info event (libraries, threads)."""
        if self.proc is not None:
            self.proc.stdin.close()
            while True:
                try:
                    line = self.lines.get(timeout=TIMEOUT[self.mode])
                except queue.Empty:
                    self.proc.kill()
                    break
                if line is None:
                    break
                event = json.loads(line)
                if event["event"] == "info":
                    self.info = event
            self.proc.wait()
            self.proc = None
        return self.info


def _kept(old, new):
    """The record a (workload, system) keeps over rounds: the faster of two timed ones;
    a failure in any round (it must be seen)."""
    if old is None or new["status"] != "ok":
        return new if old is None or old["status"] == "ok" else old
    if old["status"] != "ok" or "ms" not in new or "ms" not in old:
        return old
    return new if new["ms"] < old["ms"] else old


def _tail(path, lines=6):
    with open(path, errors="replace") as f:
        text = [l.rstrip() for l in f.readlines() if l.strip()]
    return " | ".join(text[-lines:])[-1200:]


def log_line(system, workload, record):
    status = record["status"]
    if status == "ok" and "ms" in record:
        detail = f"{record['ms']:10.3f} ms   first call {record['warmup_s']:.3f} s"
    elif status == "ok":
        detail = f"first call {record['warmup_s']:.3f} s"
    else:
        detail = record.get("error", "")[:110]
    print(f"  {systems.LABELS[system]:17} {workload:17} {status:12} {detail}",
          file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", dest="mode", action="store_const", const="quick",
                      help="the main job's sizes and time budget (default; < 2 min)")
    mode.add_argument("--full", dest="mode", action="store_const", const="full",
                      help="larger sizes, 2 s of samples per workload and system")
    mode.add_argument("--check", dest="mode", action="store_const", const="check",
                      help="tiny sizes, every system once, results checked, no timing")
    parser.add_argument("--systems", nargs="+", choices=systems.NAMES,
                        help="systems to run (default: every installed one)")
    parser.add_argument("--workloads", nargs="+", help="workloads to run (default: all)")
    parser.add_argument("--out", help="JSON path (default bench/results/MODE-DATE.json)")
    parser.add_argument("--plot", help="PNG path (default: next to the JSON)")
    parser.add_argument("--threads", type=int,
                        help="threads of every system (OpenMP/oneDNN, OpenBLAS, torch, "
                             "numba); default: each library's own, torch all cores")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the systems this many times, alternating their order, "
                             "and keep each one's fastest round (default 1)")
    parser.add_argument("--strict", action="store_true",
                        help="with --check: an ag 'unsupported' fails the check too")
    parser.set_defaults(mode="quick")
    return parser.parse_args()


def main():
    opts = parse_args()
    suite = workloads.by_name(opts.workloads)
    names = [w.name for w in suite]
    wanted = opts.systems or systems.NAMES
    # numpy eager always runs, first: it makes the references.
    chosen = ["numpy"] + [s for s in wanted if s != "numpy"]
    missing = [s for s in chosen if not systems.importable(s)]
    chosen = [s for s in chosen if s not in missing]
    meta = machine.describe(ROOT)
    meta["threads_option"] = opts.threads
    busy = load_warning(meta["load_average_at_start"][0], opts.threads)
    if busy:
        print(busy, file=sys.stderr)
    print(f"ag bench, mode {opts.mode}: {len(suite)} workloads, systems "
          f"{', '.join(systems.LABELS[s] for s in chosen)}"
          + (f" (not installed: {', '.join(missing)})" if missing else ""),
          file=sys.stderr, flush=True)

    started = time.perf_counter()
    results = {n: {} for n in names}
    infos = {}
    rounds = 1 if opts.mode == "check" else max(1, opts.rounds)
    meta["rounds"] = rounds
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as refs:
        workers = {s: Worker(s, opts.mode, refs, opts.threads) for s in chosen}
        try:
            for r in range(rounds):
                for n in names:
                    # (numpy first in the first round: it writes the references.)
                    for s in chosen if r % 2 == 0 else chosen[::-1]:
                        rec = workers[s].run(n)
                        log_line(s, n, rec)
                        results[n][s] = _kept(results[n].get(s), rec)
        finally:
            for s, worker in workers.items():
                infos[s] = worker.close()
    meta["load_average_at_end"] = os.getloadavg()
    meta["wall_seconds"] = round(time.perf_counter() - started, 1)
    meta["workers"] = infos
    meta["not_installed"] = missing

    print()
    if opts.mode == "check":
        return check_summary(results, chosen, suite, opts.strict)
    print(report.table(results, chosen, suite, opts.mode))
    # The load at the end counts this run's own workers: the start's is the others'.
    busy = load_warning(meta["load_average_at_start"][0], opts.threads)
    if busy:
        print("\n" + busy)
    write_outputs(opts, meta, results, chosen, suite)
    return 0


def load_warning(load, threads):
    """A note when other processes competed for the cores: an OpenMP parallel region
    (oneDNN in ag, torch) waits for every thread, so a busy core stalls each small call
    for a scheduler time slice. None when the machine looked quiet."""
    if load <= 0.5:
        return None
    advice = "" if threads == 1 else " --threads 1 gives steadier ratios."
    return (f"note: load average {load:.2f} from other processes: multi-threaded kernels "
            f"(ag's oneDNN, OpenBLAS, torch) lose most to them.{advice}")


def check_summary(results, chosen, suite, strict):
    """--check's verdict: wrong results, crashes, hangs and a numpy failure fail; a
    system that cannot run a workload (unsupported) is reported but passes, except ag
    with --strict."""
    failed = []
    for w in suite:
        for s in chosen:
            rec = results[w.name].get(s, {"status": "not run"})
            bad = rec["status"] in ("wrong", "crash", "timeout", "no reference", "not run")
            bad |= s == "numpy" and rec["status"] != "ok"
            bad |= strict and s == "ag" and rec["status"] == "unsupported"
            if bad:
                failed.append(f"{systems.LABELS[s]} on {w.name}: {rec['status']}: "
                              f"{rec.get('error', '')}")
    unsupported = [f"{systems.LABELS[s]} on {w.name}: {results[w.name][s].get('error')}"
                   for w in suite for s in chosen
                   if results[w.name].get(s, {}).get("status") == "unsupported"]
    for line in unsupported:
        print("unsupported (not a failure):", line)
    for line in failed:
        print("FAILED:", line)
    total = len(suite) * len(chosen)
    print(f"bench check: {total - len(failed)} of {total} (workload, system) pairs pass")
    return 1 if failed else 0


def write_outputs(opts, meta, results, chosen, suite):
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = opts.out or os.path.join(BENCH, "results", f"{opts.mode}-{stamp}.json")
    png = opts.plot or os.path.splitext(out)[0] + ".png"
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    document = {
        "mode": opts.mode,
        "meta": meta,
        "systems": {s: systems.LABELS[s] for s in chosen},
        "workloads": [{"name": w.name, "kind": w.kind, "size": w.size(opts.mode),
                       "tolerance": {"rtol": w.rtol, "atol": w.atol}} for w in suite],
        "results": results,
        "summary": report.summarise(results, chosen),
    }
    with open(out, "w") as f:
        json.dump(document, f, indent=1, default=str)
    title = (f"ag bench ({opts.mode}), {meta['date'][:10]}, {meta['cpu']}, "
             f"{meta['usable_cpus']} cpus, threads {opts.threads or 'default'}, "
             f"ag {meta['ag_commit']}, load {meta['load_average_at_start'][0]:.1f}")
    try:
        report.plot(results, chosen, suite, png, title)
    except ImportError as e:
        png = f"(no plot: {e})"
    print(f"\nJSON: {out}\nplot: {png}")


if __name__ == "__main__":
    sys.exit(main())

"""Tiered compilation: a first call that does not wait for LLVM's optimiser.

A module whose LLVM compile at its level would be slow and whose work is small (the
compiler decides: runtime/lib/Compiler.cpp, kTierSeconds and kTierWork) is compiled at
O0 first -- a third to a fifth of the time -- and the first calls run that code. A
worker thread then compiles it at its level with the GIL released (LLVM only, no MLIR:
traces and compiles go on meanwhile) and swaps every entry point atomically; calls
that entered the first tier's code finish there. One worker, one module at a time: the
second tier uses the core the program does not. The persistent cache stores only the
optimised object code, written by the worker (a warm process never runs first-tier
code); the interpreter waits for the worker at exit (a plain, non-daemon thread), as
for shared objects (_shared.link_later).

AG_TIER=off compiles every module at its level in one step. `ag.wait_compiles()` waits
for the worker: benchmarks that time the steady state call it after the first call.
"""

import collections
import os
import sys
import threading
import weakref

from ._log import enabled as log_enabled
from ._log import log

_jobs = collections.deque()  # (compiled, function name, then)
_idle = threading.Condition()
_worker = []  # [the worker thread] while it runs


def enabled():
    """Whether modules may be compiled in two tiers (AG_TIER, on by default)."""
    return os.environ.get("AG_TIER", "").strip().lower() not in ("off", "0", "false",
                                                                 "no")


def start(compiled, function, then):
    """Compiles `compiled`'s second tier on the worker, then calls `then(compiled)`
    there -- unless nothing holds `compiled` any more by then (its function was
    dropped, or evicted from its cache): a weak reference."""
    with _idle:
        _jobs.append((weakref.ref(compiled), function, then))
        if not _worker:
            _worker.append(threading.Thread(target=_work, name="ag-tier-up"))
            _worker[0].start()


def wait(timeout=None):
    """Waits until every second tier started so far has replaced its first (at most
    `timeout` seconds): whether none is left."""
    with _idle:
        return _idle.wait_for(lambda: not _jobs and not _worker, timeout)


def _work():
    while True:
        with _idle:
            if not _jobs:
                _worker.clear()
                _idle.notify_all()
                return
            ref, function, then = _jobs.popleft()
        compiled = ref()
        if compiled is None:
            continue
        try:
            times = compiled.tier_up()
        except Exception as e:  # noqa: BLE001 -- the first tier's code stays: correct
            log("compile", f"'{function}': its optimised tier failed to compile, the "
                           f"first tier's code stays: {e}")
            continue
        if log_enabled("compile"):
            parts = ", ".join(f"{name} {seconds * 1e3:.1f} ms" for name, seconds in times)
            total = sum(seconds for _, seconds in times) * 1e3
            print(f"ag: compiled '{function}' in {total:.1f} ms (second tier, "
                  f"O{compiled.opt_level}, in the background): {parts}", file=sys.stderr)
        then(compiled)
        del compiled

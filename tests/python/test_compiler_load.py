"""The compiler extension (ag._ag: MLIR, LLVM) loads only in a process that traces, on a
background thread started as the first trace begins (ag._compiler.preload), while the
tracing machinery imports: `import ag` maps no LLVM; the first trace finds it loaded and
gives numpy's result; the loader thread also makes the global MLIR context the trace
records into; a process whose first trace fails at once still exits cleanly (the loader
thread is waited for, never cut off mid-initialisation)."""

import os
import subprocess
import sys

import pytest

PYTHONPATH = os.environ.get("AG_PYTHONPATH") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "python")

PROGRAM = """
import sys, threading
import numpy as np
import ag

def mapped():
    return "libLLVM" in open("/proc/self/maps").read()

assert "ag._ag" not in sys.modules and not mapped(), "import ag loaded the compiler"

def f(x):
    return (x * 2).sum()

def bad(x):
    return x.no_such_attribute

x = np.arange(5.0)
if {fail}:
    try:
        ag.stage(bad)(x)
    except AttributeError:
        print("RAISED")
    sys.exit(0)  # (at once: the loader thread may still be running)
print("RESULT", ag.stage(f)(x) == f(x))
print("LOADED", "ag._ag" in sys.modules and mapped())
loader = [t for t in threading.enumerate() if t.name == "ag-load-compiler"]
for t in loader:
    t.join()
import ag._compiler
print("CONTEXT", ag._compiler.context_prepared)
"""


def _run(fail):
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, AG_CACHE_DIR="off")
    done = subprocess.run([sys.executable, "-c", PROGRAM.format(fail=fail)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_first_trace_loads_the_compiler():
    out = _run(fail=False)
    assert "RESULT True" in out and "LOADED True" in out, out
    assert "CONTEXT True" in out, out


@pytest.mark.parametrize("attempt", range(3))
def test_a_process_whose_trace_fails_at_once_exits_cleanly(attempt):
    assert "RAISED" in _run(fail=True)

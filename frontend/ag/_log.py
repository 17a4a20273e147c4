"""The AG_LOG debug knobs, comma-separated, print what ag decided to stderr:

    convert  the converted source of each function (conversion.py)
    loops    each Python range loop: staged, or unrolled and why (operators/loops.py)
    compile  each compile's stages and times, its opt level (_cache.py)
    passes   every pass's wall time in each lowering stage (MLIR's timing report)
    cache    persistent-cache hits, misses, ignored entries, stores, evictions
    retrace  each trace after the first, and why (staging.py)

Read at each decision (they happen while tracing or compiling, never on a cached
call), so a test or a notebook can turn a knob on for one trace."""

import os
import sys


def enabled(kind):
    return kind in os.environ.get("AG_LOG", "").split(",")


def log(kind, message):
    """Prints `ag[kind]: message` when AG_LOG names `kind`."""
    if enabled(kind):
        print(f"ag[{kind}]: {message}", file=sys.stderr)

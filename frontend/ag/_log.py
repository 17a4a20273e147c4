"""The AG_LOG debug knobs: AG_LOG=convert,loops,compile prints what ag decided, to
stderr, one line per decision. Read at each decision (they happen while tracing, not
per call), so a test or a notebook can turn a knob on for one trace."""

import os
import sys


def enabled(kind):
    return kind in os.environ.get("AG_LOG", "").split(",")


def log(kind, message):
    """Prints `ag[kind]: message` when AG_LOG names `kind`."""
    if enabled(kind):
        print(f"ag[{kind}]: {message}", file=sys.stderr)

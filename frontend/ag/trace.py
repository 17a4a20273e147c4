"""The trace: one Python object per function being traced, owning its per-trace tables.

A `Trace` wraps the C++ tracer (`_ag.Tracer`, which records the `ag` ops) and holds
every table the Python side keeps about that one trace, so that no module hangs state
on the C++ object and all of it lives exactly as long as the trace (and dies with it
when the trace never compiles). `staging` makes one per trace of a staged function,
`operators.recursion` one per probe of a recursive function's result types; `tracing`
makes it the thread's active trace and `current_trace()` is the one way to reach it.

Also here: the thread's staging mode (a range loop tried as a staged loop, the `try`
statements being traced), which the operators and the checks of staged values read.
"""

import itertools
import os
import threading

from ._location import describe, user_location
from .errors import AgTraceTooLargeError, AgUnsupportedError

_state = threading.local()
# Tracing records into one MLIR context: one trace at a time per process.
trace_lock = threading.RLock()


class Trace:
    """The per-trace state of one function being traced (see the module doc)."""

    def __init__(self, tracer, captures=None):
        self.tracer = tracer          # the C++ tracer: records ops into the function
        self.captures = captures      # the implicit parameters (_captures), or None
        # Python objects made while tracing, per kind ("objects": instances of user
        # classes, "lists": lists), id -> (object, block it was made in): an object made
        # inside a staged region may change there, others may not (made_here).
        self.made = {"objects": {}, "lists": {}}
        self.entered = {}             # id -> user function the trace called (its guards)
        self.array_copies = []        # (numpy array, staged copy written in its place)
        # Recursive functions defined in this trace: key -> func name, names used.
        self.recursion = {"names": {}, "used": set()}
        self.random_made = {}         # id -> (generator made while tracing, its maker)
        # Ids of the host callbacks the trace recorded (_callbacks): released with the
        # trace, or handed over to the function compiled from it.
        self.callbacks = []
        # The arrays made from here on are this trace's (its size, see new_serial).
        self.first_serial = next(_serials)
        # (location, why) of the loops running in Python while tracing, innermost last:
        # the trace-size error names them.
        self.python_loops = []


def current_trace():
    """The active trace of this thread; an error outside one."""
    trace = getattr(_state, "trace", None)
    if trace is None:
        raise AgUnsupportedError("a staged array was used outside the function that "
                                 "created it (staged values only exist while tracing)")
    return trace


def current_tracer():
    """The C++ tracer of the active trace."""
    return current_trace().tracer


def is_tracing():
    return getattr(_state, "trace", None) is not None


def current_captures():
    """The implicit parameters of the active trace (None outside one)."""
    trace = getattr(_state, "trace", None)
    return trace.captures if trace is not None else None


class tracing:
    """Context manager making `trace` the active trace of this thread."""

    def __init__(self, trace):
        self.trace = trace

    def __enter__(self):
        self.previous = getattr(_state, "trace", None)
        _state.trace = self.trace
        return self.trace

    def __exit__(self, *exc):
        _state.trace = self.previous
        return False


def note_made(obj, kind):
    """Records that `obj` was made in the block being traced (`kind`: a table of
    Trace.made): Python objects made inside a staged region may change there, others may
    not (made_here)."""
    trace = current_trace()
    trace.made[kind][id(obj)] = (obj, trace.tracer.block_id())
    return obj


def made_here(obj, kind):
    """Whether `obj` was recorded by note_made(obj, kind) in the block being traced."""
    trace = current_trace()
    mine = trace.made[kind].get(id(obj))
    return mine is not None and mine[0] is obj and mine[1] == trace.tracer.block_id()


# --- array serials and the trace's size ------------------------------------------------
_serials = itertools.count()
# A trace that makes more arrays than this has stopped being a program that compiles in
# reasonable time: tracing runs at ~15k arrays/s and the compile after it grows with
# them. It happens when a loop that must run in Python while tracing records more each
# step (a name whose object depends on every earlier step's staged `continue` doubles
# its writes per step). Then an error naming the loop beats a first call that never
# returns. AG_TRACE_LIMIT raises the bound for programs that are large on purpose.
TRACE_ARRAY_LIMIT = int(os.environ.get("AG_TRACE_LIMIT", "200000"))
_CHECK_EVERY = 1024  # the check costs a thread-local read: not one per array


def new_serial():
    """A mark in the order storages are made: those made later have larger serials.
    Also where the size of the active trace is checked."""
    serial = next(_serials)
    if not serial % _CHECK_EVERY:
        _check_size(serial)
    return serial


def _check_size(serial):
    trace = getattr(_state, "trace", None)
    if trace is None or serial - trace.first_serial <= TRACE_ARRAY_LIMIT:
        return
    loops = "".join(f"; the loop at {describe(loc)} runs in Python while tracing because "
                    f"{why}" for loc, why in reversed(trace.python_loops))
    raise AgTraceTooLargeError(
        f"{describe(user_location())}: tracing this function made more than "
        f"{TRACE_ARRAY_LIMIT:,} arrays{loops}. Its compile time would have no useful "
        "bound: make the loop stageable (or stage a smaller function), or raise the limit "
        "with AG_TRACE_LIMIT")


# --- the thread's staging mode ----------------------------------------------------------

class _Mode(threading.local):
    def __init__(self):
        self.speculating = 0  # > 0 while a Python range loop is tried as a staged loop
        self.tries = []       # locations of the `try` statements being traced
        self.unsupported = None  # an ag limitation raised inside a user's `try`


mode = _Mode()


class Unstageable(Exception):
    """Raised while speculating when the body does something only Python iteration
    can do (a Python side effect that must happen once per iteration)."""

"""The host callbacks of compiled code: what print, assert, a failed run-time check and
a host call (np.random) report by id, and the handlers the runtime calls with them.

Tracing records an entry (`new_callback`) and puts its id in the staged op; when the
compiled code runs, the runtime (`_agrt`) calls the handler `install` registered with
that id. An entry lives as long as the function compiled from the trace that recorded it
(`hand_over`), or as the trace when it never compiles: retraces do not grow the table.
"""

import builtins
import weakref

from . import _agrt
from ._location import describe
from .errors import AgIndexError, AgOverflowError, AgRecursionError, AgValueError
from .trace import current_trace, is_tracing

entries = {}  # id -> what the handler needs (see _print_handler, _fail_handler)
_ids = iter(range(1, 1 << 62))


def new_callback(entry):
    """An id compiled code reports `entry` by (kept with the active trace, if any)."""
    cid = next(_ids)
    entries[cid] = entry
    if is_tracing():
        trace = current_trace()
        if not trace.callbacks:
            weakref.finalize(trace, _release, trace.callbacks)
        trace.callbacks.append(cid)
    return cid


def _release(ids):
    for cid in ids:
        entries.pop(cid, None)
    ids.clear()


def hand_over(trace, compiled):
    """The callbacks `trace` recorded now live as long as `compiled`."""
    if trace.callbacks:
        kept = list(trace.callbacks)
        trace.callbacks.clear()  # the trace's finalizer releases nothing now
        weakref.finalize(compiled, _release, kept)


def hand_over_ids(ids, compiled):
    """The callbacks `ids` (made for `compiled` without a trace: _persist) live as long
    as `compiled`."""
    if ids:
        weakref.finalize(compiled, _release, list(ids))


def _print_handler(cid, arrays):
    _, items, sep, end, file, flush = entries[cid]
    parts = []
    for item in items:
        if item[0] == "const":
            parts.append(item[1])
        else:
            value = arrays[item[1]]
            parts.append(str(value[()] if item[2] else value))
    builtins.print(*parts, sep=sep, end=end, file=file, flush=flush)


def _fail_handler(cid):
    kind, text, loc = entries[cid]
    if isinstance(kind, tuple) and kind[0] == "raise":
        raise kind[1](text)
    if kind == "index":
        raise AgIndexError(text)
    if kind == "recursion":
        raise AgRecursionError(text)
    if kind == "value":
        raise AgValueError(text)
    if kind == "overflow":
        raise AgOverflowError(text)
    if text is None:
        text = f"staged assertion failed at {describe(loc) if loc else '<unknown>'}"
    raise AssertionError(text)


def _host_handler(cid, arrays, out):
    entries[cid][1](arrays, out)


def install():
    """Registers the handlers with the runtime: the one place ag does (ag/__init__)."""
    _agrt.set_callbacks(_print_handler, _fail_handler)
    _agrt.set_host_handler(_host_handler)

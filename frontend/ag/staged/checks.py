"""Run-time checks of staged values: a staged bool recorded as an ag.assert whose
failure the call raises (ValueError, IndexError, ...) with the user's line, after the
compiled code reports it through a host callback (see ag._callbacks).
"""

import numpy as np

from .._callbacks import new_callback
from ..errors import AgUnsupportedError
from .._location import describe, user_location
from ..trace import current_tracer, mode
from .array import StagedArray, as_staged, cast
from .values import where


def check_not_in_try(what, loc):
    if mode.tries:
        raise AgUnsupportedError(
            f"{where(loc)}: a staged {what} inside the `try` at {where(mode.tries[-1])}: "
            "exceptions of compiled code happen when it runs, after tracing, so the "
            "`try`'s handlers could never see them; move the staged code out of the `try`")


def check_in_bounds(index, size, axis, loc):
    """Records a run-time check that staged `index` lies in [-size, size): compiled code
    reports a violation through the failure channel and the call raises AgIndexError
    (an IndexError; the index itself is clamped so the compiled read stays in bounds)."""
    check_not_in_try("index", loc)
    ok = np.logical_and(np.greater_equal(index, -size), np.less(index, size))
    # The index and a dynamic size exist only in compiled code, which reports no values
    # through the failure channel: say which they are.
    size_text = ("known at run time (a dynamic dim)" if isinstance(size, StagedArray)
                 else size)
    cid = new_callback(("index", f"{where(loc)}: staged index is out of bounds for axis "
                                  f"{axis} with size {size_text}", loc))
    current_tracer().effect("ag.assert", [cast(as_staged(ok), np.bool_)._value],
                            {"callback": cid}, loc or ())


def record_check(ok, text, loc, kind="value"):
    """A run-time check: when staged bool `ok` is false the call raises (ValueError for
    kind "value") with `text`."""
    # Inside a `try` the user's handler could never catch it: refuse clearly.
    check_not_in_try("run-time check", loc)
    cid = register_failure(kind, text, loc)
    current_tracer().effect("ag.assert", [cast(as_staged(ok), np.bool_)._value],
                            {"callback": cid}, loc or ())


def check_here(ok, text, kind="value"):
    """record_check at the user's line, its text prefixed with it."""
    loc = user_location()
    record_check(ok, f"{describe(loc)}: {text}", loc, kind)


def register_failure(kind, text, loc):
    """A callback id for a failure compiled code may report (see _fail_handler)."""
    cid = new_callback((kind, text, loc))
    return cid

"""assert, `try` and writes to global/nonlocal names in converted code (TF AutoGraph's
exceptions operators), and how an error a staged path raises while tracing is raised
when the compiled code takes that path.
"""

import numpy as np

from .._callbacks import new_callback
from .._location import raised_at
from ..errors import (AgAxisError, AgError, AgOperandError, AgOperandTypeError,
                      AgUFuncCastingError, AgUnsupportedError)
from ..staged.checks import check_not_in_try, record_check
from ..staged.values import is_staged, predicate, where
from ..trace import Unstageable, current_tracer, is_tracing, mode


def _deferrable(error):
    """Whether an error raised while tracing a path numpy may not take is numpy's (or
    Python's) own, to raise when the compiled code takes that path -- not a refusal."""
    return isinstance(error, (AgOperandError, AgOperandTypeError, AgUFuncCastingError,
                              AgAxisError)) or \
        not isinstance(error, (AgError, Unstageable))


def when_run(error, loc):
    """(class, message) to raise `error`, found while tracing, when the code runs."""
    text = str(error) if isinstance(error, AgError) else \
        f"{where(raised_at(error) or loc)}: {error}"
    return type(error), text


def _raise_when_run(error, loc):
    cls, text = when_run(error, loc)
    record_check(np.bool_(False), text, loc, kind=("raise", cls))


class try_scope:
    """Wraps the body of a `try` statement: compiled code cannot raise into a Python
    `try`, so staged control flow, asserts and index checks there are errors."""

    def __init__(self, loc):
        self.loc = loc

    def __enter__(self):
        mode.tries.append(self.loc)

    def __exit__(self, exc_type, exc, tb):
        mode.tries.pop()
        if isinstance(exc, AgUnsupportedError) and mode.unsupported is None:
            # The user's handler may swallow it, but the traced program would then differ
            # from the eager one (ag could not stage something eager numpy runs):
            # the trace fails with this error at its end (staging.py).
            mode.unsupported = exc
        return False


def check_scope_write(value, name, kind, loc):
    """`value`, about to be (or just) written to a name the function declares `global` or
    `nonlocal`."""
    if is_staged(value):
        raise AgUnsupportedError(
            f"{where(loc)}: {kind} variable '{name}' is assigned a staged value; staged "
            "values exist only while tracing, so it would not hold the result after the "
            "call; return the value instead")
    if is_tracing() and current_tracer().in_region():
        raise AgUnsupportedError(
            f"{where(loc)}: {kind} variable '{name}' is assigned inside staged control "
            "flow; Python assignments there run once while tracing (on every path), not "
            "when the compiled code runs; return the value instead")
    return value


def assert_(test, message, loc=None):
    """`assert test, message`: Python's check for Python values; a run-time check that
    raises AssertionError after the compiled call when `test` is staged."""
    if not is_staged(test):
        if not test:
            raise AssertionError(message()) if message is not None else AssertionError()
        return
    check_not_in_try("assert", loc)
    pred = predicate(test, loc, "assert")
    try:
        text = message() if message is not None else None
    except Exception:  # the message needs run-time values: say where instead
        text = None
    if text is not None and not isinstance(text, str):
        text = None if is_staged(text) else str(text)
    cid = new_callback(("assert", text, loc))
    current_tracer().effect("ag.assert", [pred._value], {"callback": cid}, loc or ())


# Python errors a staged branch raises while tracing, raised at run time on its path.
_PYTHON_ERRORS = (IndexError, KeyError, ZeroDivisionError, ValueError, TypeError,
                  OverflowError, NameError, AssertionError)

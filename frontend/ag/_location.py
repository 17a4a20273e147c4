"""The user's source position for staged ops and error messages.

Every op records the file, line and column of the user's code that created it; the first
stack frame outside the ag package is the user's. Looked up at trace time only.
"""

import contextlib
import os
import sys
import threading
import weakref

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_positions_cache = {}


def _is_internal(filename):
    return filename.startswith(_PACKAGE_DIR) or filename.startswith("<__array_function__")


# Code objects of functions ag could not convert (their source cannot be read: exec,
# the plain python3 prompt): code -> why. They run as plain Python, so an error their
# control flow meets on a staged value says that, not only what Python asked of it.
unconverted = weakref.WeakKeyDictionary()


def no_source_hint(frame):
    """The advice for an error raised in `frame` when its function was not converted for
    want of source, else ''."""
    reason = unconverted.get(frame.f_code) if frame is not None else None
    if reason is None:
        return ""
    name = frame.f_code.co_qualname
    return (f"ag could not read the source of '{name}' ({reason}), so its `if`, `while`, "
            "`for`, `and`/`or` and `x if c else y` were not converted and run as plain "
            "Python, which cannot branch on a staged value. Define the function in a "
            "file (a module or a script; IPython and Jupyter cells work too) instead of "
            "with exec/eval or at the plain python3 prompt, or write the control flow "
            "with ag.control.cond / while_loop")


# The code of the ag frame that runs a traced function (StagedFunction._trace): frames
# beyond it called the staged function, so they are not where a staged op comes from.
_boundary = set()
# Per thread, the functions being traced, innermost last: (file, first line, 1), or
# None for one without a line of the user's.
_traced = threading.local()


def trace_boundary(code):
    _boundary.add(code)


@contextlib.contextmanager
def tracing_function(fn):
    """While `fn` is traced, work done after it returned (its results made outputs) is
    located at its definition rather than at the caller of the staged function."""
    stack = getattr(_traced, "stack", None)
    if stack is None:
        stack = _traced.stack = []
    code = getattr(fn, "__code__", None)
    # (A staged numpy function, np.linalg.inv say, has no line of the user's: then the
    # caller's line is the best there is, as before.)
    user = code is not None and not _is_internal(code.co_filename)
    stack.append((code.co_filename, code.co_firstlineno, 1) if user else None)
    try:
        yield
    finally:
        stack.pop()


def user_frame():
    frame = sys._getframe(1)
    while frame is not None and _is_internal(frame.f_code.co_filename):
        if frame.f_code in _boundary and getattr(_traced, "stack", None) and \
                _traced.stack[-1] is not None:
            return None
        frame = frame.f_back
    return frame


def user_location():
    """(file, line, column) of the innermost user frame, column 1-based (MLIR style)."""
    frame = user_frame()
    if frame is None:
        stack = getattr(_traced, "stack", None)
        return stack[-1] if stack and stack[-1] is not None else ()
    code = frame.f_code
    positions = _positions_cache.get(code)
    if positions is None:
        positions = _positions_cache[code] = list(code.co_positions())
    index = frame.f_lasti // 2
    line, col = frame.f_lineno, 0
    if 0 <= index < len(positions) and positions[index][0] is not None:
        line = positions[index][0]
        col = positions[index][2] or 0
    return (code.co_filename, line, col + 1)


def function_where(fn):
    """'file:line: ' of where `fn` is defined, for messages about all of it ('' for a
    callable without Python code)."""
    code = getattr(fn, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}: " if code else ""


def describe(location):
    """'file:line' for messages."""
    if not location:
        return "<unknown>"
    return f"{location[0]}:{location[1]}"


def raised_at(error):
    """(file, line, 1) of the innermost user frame `error` was raised through, or ()."""
    found = ()
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not _is_internal(filename):
            found = (filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found

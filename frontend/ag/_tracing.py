"""Tracing a staged function: its arguments become staged values, its converted code
runs on them (recording the module), its results and the arguments it wrote become the
compiled function's outputs, and the module is compiled (or its cached object code
linked). staging.StagedFunction calls `trace` on a miss of its caches; importing this
module loads the tracing machinery -- the converter, the operators and numpy's staged
surface -- which a process whose calls all hit trace records (_persist) never needs.
"""

import time
import warnings

import numpy as np

from . import _cache, _callbacks, _persist
from ._compiler import compiler as _ag
from . import staged as _surface  # noqa: F401  (registers numpy's functions on staged arrays)
from ._captures import Captures, escape_message
from ._location import function_where, trace_boundary, tracing_function
from ._values import PYTHON_BOOL, PYTHON_FLOAT, PYTHON_INT
from .conversion import ConversionError, convert
from .errors import AgCompileWarning, AgError, AgUnsupportedError
from .operators import recursion
from .operators.data_structures import StagedListValue, rows_view
from .operators.divergent import Divergent
from .operators.exceptions import _PYTHON_ERRORS, _deferrable, when_run
from .operators.py_builtins import _STAGED_BUILTINS
from .operators.variables import Undefined
from .staged import compositions, random, sized
from .staged.array import (UNKNOWN_STRIDES, PythonNumber, StagedArray, check_dtype,
                           constant)
from .staged.dynamic import Size
from .staged.either import Either
from .trace import Trace, mode, trace_lock, tracing

# np.float32(x), np.ascontiguousarray(x), np.arange(n), ... of staged values: numpy's code
# would read the value, so the converter calls these instead (its table of staged builtins).
compositions.register_builtins(_STAGED_BUILTINS)
sized.register_builtins(_STAGED_BUILTINS)


def trace(staged, key, args, guards, opt_level):
    """Traces `staged` for the call signature `key` (arguments `args`) and compiles it:
    (compiled, outputs, module text, guards, writes, captures or None). `guards`: the
    staged function's own, to which those of the callees the trace entered are added."""
    with trace_lock:
        start = time.perf_counter()  # (not counting the wait for another trace)
        tracer = _ag.Tracer(staged.__name__ if staged.__name__.isidentifier() else "fn")
        captures = Captures(len(args))
        trace = Trace(tracer, captures)
        call_args, parameters = [], {}
        for pos, (a, part) in enumerate(zip(args, key)):
            if len(part) > 3 and part[3][0] == "same":
                call_args.append(call_args[part[3][1]])
            elif part[0] == "array":
                dtype = check_dtype(part[1], f"argument of {staged.__name__}")
                param = _argument(tracer, dtype, part[2], a, pos, key.layout(pos))
                parameters[id(param)] = pos
                call_args.append(param)
            else:
                call_args.append(a)
        mode.unsupported = None
        for a in call_args:
            captures.note_outside(a)
        with tracing(trace), recursion.active(staged._fn, call_args), \
                random.arguments(key, args), tracing_function(staged._fn):
            try:
                out = captures.function(converted(staged))(*call_args)
            except _PYTHON_ERRORS as e:
                if not _after_effects(e, trace, call_args, parameters):
                    raise
                # numpy raises this error only after what the code did before it ran
                # (a print, a write to an argument, a run-time check that may raise
                # first): the compiled code does all that, the call then raises it.
                out = Raises(*when_run(e, None))
            finally:  # (also when tracing fails: no dead staged value stays behind)
                escaped = captures.escaped()
            if escaped:
                raise AgUnsupportedError(escape_message(staged._fn, escaped))
            for k, param in enumerate(captures.finish()):
                parameters[id(param)] = len(args) + k
                call_args.append(param)
            if mode.unsupported is not None:  # swallowed by a `try` of the user's
                raise mode.unsupported
            flat = []
            outputs = flatten_outputs(out, flat, parameters)
            writes = _written_arguments(call_args, parameters, flat)
            try:
                tracer.finish([v._value for v in flat])
            except _ag.StagingError as e:
                raise AgUnsupportedError(f"{function_where(staged._fn)}ag.stage("
                                         f"{staged.__name__}): the result: {e}") from None
        # The record is made now (what the trace read, as it was); it is written with
        # the object code, which a module compiled in two tiers has only later.
        write_record = _persist.record(staged, key, captures, outputs, writes,
                                       opt_level, staged._budget)
        try:
            ag_text, compiled, callback_ids = _cache.compile(
                tracer, staged.__name__, opt_level, staged._budget,
                time.perf_counter() - start, staged._keep_stages,
                then=write_record)
        except _ag.StagingError as e:
            raise AgError(f"ag.stage({staged.__name__}): compilation failed: {e}") \
                from None
        if compiled.budget_note:
            warnings.warn(f"ag.stage: compiling '{staged.__name__}': "
                          f"{compiled.budget_note}", AgCompileWarning, stacklevel=5)
        _callbacks.hand_over(trace, compiled)
        guards = guards + staged._callee_guards(trace, guards)
    return (compiled, outputs, ag_text, guards, writes,
            captures if captures.sources else None)


trace_boundary(trace.__code__)


def flatten_outputs(out, flat, parameters, memo=None):
    """The outputs spec of traced result `out` (see StagedFunction._unflatten), its staged
    values appended to `flat`. One array object returned twice (`return y, y`, names a
    loop left one object) has one spec: numpy returns one array twice, so does ag."""
    memo = {} if memo is None else memo
    if isinstance(out, StagedArray) and not out._scalar:
        if id(out) not in memo:
            memo[id(out)] = (out, _flatten_output(out, flat, parameters, memo))
        return memo[id(out)][1]
    return _flatten_output(out, flat, parameters, memo)


def _flatten_output(out, flat, parameters, memo):
    if isinstance(out, Undefined):
        out._fail()
    if isinstance(out, Raises):
        return ("raise", (out.error, out.text))
    if isinstance(out, StagedArray) and id(out) in parameters:
        return ("arg", parameters[id(out)])
    if isinstance(out, Divergent):
        # numpy returns an array of one dtype or the other, by the path that ran.
        flat.append(out._flag)
        return ("either", (len(flat) - 1,
                           flatten_outputs(out._sides[0], flat, parameters, memo),
                           flatten_outputs(out._sides[1], flat, parameters, memo)))
    if isinstance(out, Either) and _reaches_argument(out, parameters):
        # Python returns the argument itself on one path (`t = x; if c: t = t * 2`)
        # and a new array on the other: which one is known when the call ends.
        value = []

        def spec(side):
            if id(side) in parameters:
                return ("arg", parameters[id(side)])
            if isinstance(side, Either) and _reaches_argument(side, parameters):
                flat.append(side._flag)
                return ("either", (len(flat) - 1, spec(side._sides[0]),
                                   spec(side._sides[1])))
            if not value:  # another array: the whole selection's value then
                flat.append(out)
                value.append(("array", (len(flat) - 1, out._scalar and out.ndim == 0)))
            return value[0]
        return spec(out)
    if isinstance(out, StagedArray):
        flat.append(out)
        if isinstance(out, Size):
            # A size known at run time (len(x), x.shape[0], x.size): numpy gives an int.
            return ("array", (len(flat) - 1, PYTHON_INT))
        if isinstance(out, random.PythonFloat):  # np.random.rand() and the like
            return ("array", (len(flat) - 1, PYTHON_FLOAT))
        if isinstance(out, PythonNumber):  # x.item(), int(x), np.allclose(a, b)
            return ("array", (len(flat) - 1, {bool: PYTHON_BOOL, int: PYTHON_INT,
                                              float: PYTHON_FLOAT}[out.python]))
        return ("array", (len(flat) - 1, out._scalar and out.ndim == 0))
    # A list built in a staged loop (its elements are rows of one buffer): one result,
    # not one per element.
    view = out if isinstance(out, StagedListValue) else \
        rows_view(out) if isinstance(out, list) else None
    if view is not None:
        flat.append(view.stacked)
        return ("rows", len(flat) - 1)
    if isinstance(out, (tuple, list)):
        kind = "tuple" if isinstance(out, tuple) else "list"
        return (kind, [flatten_outputs(o, flat, parameters, memo) for o in out])
    if isinstance(out, dict):
        return ("dict", [(k, flatten_outputs(v, flat, parameters, memo))
                         for k, v in out.items()])
    if isinstance(out, np.ndarray):
        # A result that does not depend on the inputs: stage it so the caller gets a
        # fresh array each call, as the eager function would return.
        flat.append(constant(out))
        return ("array", (len(flat) - 1, False))
    if _holds_staged(out):
        # Its staged values exist only while tracing: the caller would get dead ones.
        raise AgUnsupportedError(
            f"ag.stage: the function returns a {type(out).__name__} object that holds "
            "staged arrays, which exist only while tracing; return the arrays themselves "
            "(in a tuple, list or dict if there are several)")
    return ("const", out)


def _holds_staged(obj):
    """Whether a returned object (not a container flatten_outputs walks) refers to
    staged values: one of ag's own (x.flat's iterator) or one whose attributes do."""
    if type(obj).__module__.startswith("ag.") and not isinstance(obj, BaseException):
        return True
    fields = list(getattr(obj, "__dict__", {}).values())
    fields += [getattr(obj, name, None) for name in getattr(type(obj), "__slots__", ())]
    return any(isinstance(v, StagedArray) or
               isinstance(v, (list, tuple)) and any(isinstance(e, StagedArray) for e in v)
               for v in fields)



class Raises:
    """The result of a function that raises (error class, message) after its effects."""

    def __init__(self, error, text):
        self.error, self.text = error, text


def converted(staged):
    if staged._converted_fn is None:
        try:
            staged._converted_fn = convert(staged._fn)
        except ConversionError as e:
            raise AgUnsupportedError(str(e)) from None
    return staged._converted_fn




def _after_effects(error, trace, call_args, parameters):
    """Whether `error`, raised by the traced function, is numpy's (or Python's) own and
    comes after effects the compiled code must have first: a callback (print, a run-time
    check, a random draw) or a write to an argument."""
    if not _deferrable(error) or mode.tries or trace.tracer.in_region():
        return False
    return bool(trace.callbacks) or any(
        id(a) in parameters and a._storage.version for a in call_args)


def _reaches_argument(either, parameters):
    """Whether an Either is an argument object on one of its paths."""
    return any(id(s) in parameters or isinstance(s, Either) and
               _reaches_argument(s, parameters) for s in either._sides)


def _argument(tracer, dtype, shape, value, pos, layout):
    """The staged parameter for argument `value` at `pos`: its storage is the caller's
    array (written back when the call ends, see _written_arguments). `layout`: the
    signature's (element strides unless C-contiguous): numpy's views of the argument
    (a reshape that views or copies, .strides, .flags) follow the caller's memory."""
    staged = StagedArray(tracer.argument(dtype.name, list(shape)))
    staged._storage.argument = pos
    if layout is not None:
        staged._strides = UNKNOWN_STRIDES if layout == "unknown" else layout
    if isinstance(value, np.generic):
        # A numpy scalar: immutable (`s += 1` rebinds, `s[...] = v` raises) and returned
        # as a scalar.
        staged._scalar = True
        staged._storage.readonly = (
            "type", f"'{type(value).__name__}' object does not support item assignment")
    return staged


def _written_arguments(call_args, parameters, flat):
    """(position, result index) of each argument the trace wrote, its final contents
    appended to the results `flat`."""
    writes, seen = [], set()
    for staged in call_args:
        if id(staged) not in parameters or id(staged) in seen:
            continue
        seen.add(id(staged))
        storage = staged._storage
        if storage.version:  # written (or carried by a region that may write it)
            flat.append(StagedArray(storage.value))
            writes.append((parameters[id(staged)], len(flat) - 1))
    return writes

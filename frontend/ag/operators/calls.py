"""Calls in converted code (converted_call): user functions are converted first and,
while tracing, checked for what they change in their arguments; np.random draws, the
staged builtins and array constructors get their staged versions.
"""

import builtins
import collections
import types
import weakref

import numpy as np

from .._location import user_location
from ..errors import AgUnsupportedError
from ..staged import random
from ..staged.values import is_staged, where
from ..trace import (Unstageable, current_captures, current_trace, is_tracing,
                     made_here,
                     mode, note_made)
from . import recursion
from .data_structures import StagedList, array_
from .divergent import has_divergent, split_call
from .loops import StagedSequence, range_
from .py_builtins import (_CONSTRUCTORS, _TAKE_SEQUENCES, _STAGED_BUILTINS, _is_sequence_of_staged,
                          _stageable_buffer, _staged_conversion, print_)


_converted_cache = weakref.WeakKeyDictionary()


_LIBRARY_PREFIXES = ("numpy", "ag.", "ag", "builtins", "math", "functools", "itertools",
                     "collections", "operator", "typing", "abc")


def _is_user_function(fn):
    if not isinstance(fn, types.FunctionType):
        return False
    module = getattr(fn, "__module__", None) or ""
    return not any(module == p or module.startswith(p + ".") for p in _LIBRARY_PREFIXES)


def _converted(fn):
    """The AutoGraph-converted version of user function `fn` (cached per function),
    reading its globals' and closure's arrays as the active trace's implicit parameters
    (see _captures)."""
    converted = _converted_cache.get(fn)
    if converted is None:
        # (conversion hands this package to converted code as its ag__ module)
        from ..conversion import convert
        converted = convert(fn)
        _converted_cache[fn] = converted
    captures = current_captures()
    return converted if captures is None else captures.function(converted)


def converted_call(fn, args, kwargs):
    """Calls `fn`, converting it first when it is a user function with Python source
    (library functions, builtins and C extensions run as they are; the builtins whose
    Python versions need values -- int, float, bool, min, max, enumerate, zip -- have
    staged overloads)."""
    if is_tracing() and random.intercepts(fn):  # np.random draws at run time
        return random.call(fn, args, kwargs)
    if fn is not builtins.len and has_divergent(args, kwargs):
        # An argument's dtype depends on a staged condition: the call runs once per path.
        return split_call(lambda *a, **k: converted_call(fn, a, k), args, kwargs)
    if isinstance(fn, types.BuiltinFunctionType):
        if mode.speculating and _mutates_python_object(fn):
            raise Unstageable(f"{fn.__qualname__}() changes a Python object")
    elif fn is builtins.int or fn is builtins.float or fn is builtins.bool:
        if len(args) == 1 and not kwargs and is_staged(args[0]):
            return _staged_conversion(fn, args[0])
    if fn is builtins.print:
        return print_(*args, **kwargs)  # printed when the compiled code runs
    if fn is builtins.range:
        return range_(*args, **kwargs)  # a staged bound makes a staged range
    if fn is np.array or fn is np.asarray:  # of staged values, e.g. a list of them
        return array_(fn, args, kwargs)
    if fn in _CONSTRUCTORS and is_tracing() and _stageable_buffer(fn, args, kwargs):
        return _CONSTRUCTORS[fn](*args, **kwargs)
    staged = (_STAGED_BUILTINS.get(fn) if isinstance(
        fn, (types.BuiltinFunctionType, type, types.FunctionType)) else None)  # (np.isscalar)
    if staged is not None and any(is_staged(a) or isinstance(a, (StagedSequence, StagedList))
                                  or (fn in _TAKE_SEQUENCES and _is_sequence_of_staged(a))
                                  for a in args):
        return staged(*args, **kwargs)
    if isinstance(fn, types.MethodType) and _is_user_function(fn.__func__):
        method = types.MethodType(_converted(fn.__func__), fn.__self__)
        return _checked_call(fn, (fn.__self__,) + tuple(args), kwargs,
                             lambda: method(*args, **kwargs))
    fn = getattr(fn, "__ag_wrapped__", fn)  # an ag.stage'd function called while tracing
    if _is_user_function(fn):
        if is_tracing():
            return _checked_call(fn, args, kwargs,
                                 lambda: recursion.call(fn, _converted(fn), args, kwargs))
        return _converted(fn)(*args, **kwargs)
    if _is_user_class(fn) and is_tracing():
        return note_made(fn(*args, **kwargs), "objects")
    return fn(*args, **kwargs)


def _is_user_class(cls):
    module = getattr(cls, "__module__", None) or ""
    return isinstance(cls, type) and not any(module == p or module.startswith(p + ".")
                                             for p in _LIBRARY_PREFIXES)


def _checked_call(fn, args, kwargs, call):
    """call() of user function `fn` while tracing, checking what it changes in its
    arguments that the caller could not see (see above and setitem_)."""
    current_trace().entered.setdefault(id(fn), fn)  # its globals are guarded too (staging._guards)
    writes = _CallWrites(fn, args, kwargs)
    result = call()
    writes.check(result)
    return result


class _CallWrites:
    """What a call may not change: inside staged control flow, the attributes of the user
    objects it is passed (self included) unless they were made in the current block;
    anywhere, a numpy array argument written with staged semantics (setitem_ writes a
    staged copy, which the caller's array would never see)."""

    def __init__(self, fn, args, kwargs):
        self.fn, self.before = fn, []
        trace = current_trace()
        self.arrays = [a for a in list(args) + list(kwargs.values())
                       if isinstance(a, np.ndarray)]
        self.copies = len(trace.array_copies)
        if not trace.tracer.in_region():
            return
        for obj in list(args) + list(kwargs.values()):
            state = getattr(obj, "__dict__", None)
            if type(state) is not dict or not _is_user_class(type(obj)) or \
                    made_here(obj, "objects"):
                continue
            self.before.append((obj, {k: (v, v._value if is_staged(v) else None)
                                      for k, v in state.items()}))

    def check(self, result):
        copies = current_trace().array_copies[self.copies:]
        returned = result if isinstance(result, tuple) else (result,)
        for array, copy in copies:
            if any(array is a for a in self.arrays) and \
                    not any(copy is r for r in returned):
                if mode.speculating:  # Python iteration writes the array in place
                    raise Unstageable(f"{self.fn.__qualname__}() writes an array")
                raise AgUnsupportedError(
                    f"{where(user_location())}: {self.fn.__qualname__}() writes into a "
                    "numpy array it was passed with a staged value or index, or inside "
                    "staged control flow: ag stages the write on a copy of the array "
                    "(value semantics), so the caller's array would not change. Return "
                    "the array and assign it in the caller (a = f(a, ...))")
        for obj, attrs in self.before:
            for name, value in vars(obj).items():
                old = attrs.get(name)
                if old is not None and old[0] is value and (
                        not is_staged(value) or value._value is old[1]):
                    continue
                if mode.speculating:
                    raise Unstageable(f"{self.fn.__qualname__}() changes an attribute")
                raise AgUnsupportedError(
                    f"{where(user_location())}: {self.fn.__qualname__}() sets attribute "
                    f"'{name}' of its {type(obj).__name__} argument inside staged control "
                    "flow (an if or loop whose condition or trip count is known only when "
                    "the compiled code runs) that did not make the object: the write "
                    "would happen once while tracing, not each time the compiled code "
                    "runs it. Set the attribute in the loop or branch body itself "
                    f"(obj.{name} = ...), e.g. from a value the function returns")


# Methods of Python containers that do not change them: a speculatively staged loop
# (see loops.py) may call these; any other method of a list/dict/set changes Python state
# once per iteration, which only Python iteration can do.
_READ_ONLY_METHODS = {"copy", "count", "index", "get", "keys", "values", "items", "union",
                      "intersection", "difference", "symmetric_difference", "isdisjoint",
                      "issubset", "issuperset", "__contains__", "__getitem__", "__len__"}


def _mutates_python_object(fn):
    owner = getattr(fn, "__self__", None)
    return (isinstance(owner, (list, dict, set, bytearray, collections.deque))
            and fn.__name__ not in _READ_ONLY_METHODS)

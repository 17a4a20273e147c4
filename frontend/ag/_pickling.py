"""Pickling staged functions, so that they run unchanged in other processes
(multiprocessing, concurrent.futures, Dask).

A staged function pickles as its Python function plus its ag.stage options; compiled
code never travels. The receiving process traces again on its first call per signature
and, when it shares the persistent cache (ag._cache) with the sender or another worker,
links the stored object code instead of compiling.

- **By reference** (numba's dispatcher does the same): a function importable by its
  module and qualified name -- `@ag.stage def f` at a module's top level, or
  `ag.stage(f, ...)` of such an `f` -- pickles as (module, name, options). Unpickling
  imports the module: a decorated function is the module's own object; otherwise
  `ag.stage(f, **options)` is made once per process and options and reused.
- **By value** (cloudpickle does the same): lambdas, closures, functions of `__main__`
  (a Dask worker or a pool's process has another `__main__`) and everything they
  reach that is not importable either: the code object (marshal), the closure's cell
  values, the globals the code names (modules by name), defaults, and the lines of its
  source file as linecache holds them -- so the receiving process converts the
  function's control flow even when the file is not there (a Jupyter cell, an exec'd
  string registered in linecache, another machine). This needs nothing but the standard
  library. Rebuilt functions are memoised per process by the pickled bytes, so a worker
  receiving the same function with every task traces it once per signature.

Limits, as cloudpickle's by-value functions: a rebuilt function has its own globals dict
holding what it names (a `global` it rebinds is not seen by the sender's other
functions), and classes defined in `__main__` still pickle by reference.
"""

import collections
import hashlib
import importlib
import io
import linecache
import marshal
import pickle
import sys
import threading
import types

from .staging import StagedFunction, referenced_names, stage

_MAIN_MODULES = ("__main__", "__mp_main__")
_MEMO_SIZE = 128
_memo = collections.OrderedDict()  # key -> StagedFunction rebuilt in this process
_memo_lock = threading.Lock()


def reduce_staged(staged):
    """StagedFunction.__reduce__."""
    fn = staged._fn
    options = dict(staged._stage_options)
    kind = _reference_kind(staged, fn)
    if kind is not None:
        return _rebuild_reference, (fn.__module__, fn.__qualname__, kind, options)
    return _rebuild_value, (dumps_by_value(fn), options)


def _lookup(module_name, qualname):
    module = sys.modules.get(module_name)
    if module is None:
        module = importlib.import_module(module_name)
    obj = module
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def _reference_kind(staged, fn):
    """'staged' when the module's attribute is `staged` itself, 'wrap' when it is `fn`
    (or another staged function of `fn`), None when `fn` is not importable."""
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)
    if not isinstance(fn, types.FunctionType) or module is None or \
            module in _MAIN_MODULES or qualname is None or "<" in qualname:
        return None
    try:
        target = _lookup(module, qualname)
    except (ImportError, AttributeError):
        return None
    if target is staged:
        return "staged"
    if target is fn or getattr(target, "_fn", None) is fn:
        return "wrap"
    return None


def _rebuild_reference(module, qualname, kind, options):
    target = _lookup(module, qualname)
    if kind == "staged" and isinstance(target, StagedFunction):
        return target
    fn = target._fn if isinstance(target, StagedFunction) else target
    key = ("ref", module, qualname, repr(sorted(options.items())))
    return _memoised(key, lambda: stage(fn, **options))


def _rebuild_value(payload, options):
    key = ("value", hashlib.sha256(payload).hexdigest(), repr(sorted(options.items())))
    return _memoised(key, lambda: stage(pickle.loads(payload), **options))


def _memoised(key, make):
    with _memo_lock:
        staged = _memo.get(key)
        if staged is not None:
            _memo.move_to_end(key)
            return staged
    staged = make()
    with _memo_lock:
        staged = _memo.setdefault(key, staged)
        _memo.move_to_end(key)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return staged


# --- by value ------------------------------------------------------------------------

def dumps_by_value(obj):
    """pickle.dumps(obj), with functions that cannot be imported by name pickled by
    value (recursively: helpers, closures, recursion, mutual recursion)."""
    out = io.BytesIO()
    _Pickler(out).dump(obj)
    return out.getvalue()


def importable(fn):
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if module is None or module in _MAIN_MODULES or "<" in qualname:
        return False
    try:
        return _lookup(module, qualname) is fn
    except (ImportError, AttributeError):
        return False


class _Pickler(pickle.Pickler):
    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._sources = {}  # filename -> lines shipped once per pickle

    def reducer_override(self, obj):
        if type(obj) is types.FunctionType and not importable(obj):
            return self._function(obj)
        if type(obj) is types.CodeType:
            return marshal.loads, (marshal.dumps(obj),)
        if type(obj) is types.ModuleType:
            return importlib.import_module, (obj.__name__,)
        return NotImplemented

    def _function(self, fn):
        code = fn.__code__
        # The skeleton is made first and registered in pickle's memo before its state is
        # pickled: state that reaches the function again (recursion through a global or
        # a closure cell) then refers to it.
        skeleton = (code, fn.__name__, fn.__qualname__, fn.__module__,
                    len(fn.__closure__ or ()))
        names = referenced_names(code)
        state = {
            "globals": {n: fn.__globals__[n] for n in sorted(names) if n in fn.__globals__},
            "cells": [_cell_value(c) for c in fn.__closure__ or ()],
            "defaults": fn.__defaults__,
            "kwdefaults": fn.__kwdefaults__,
            "dict": dict(fn.__dict__),
            "doc": fn.__doc__,
            "source": self._source(code.co_filename, fn.__globals__),
        }
        return _make_skeleton, skeleton, state, None, None, _fill_function

    def _source(self, filename, module_globals):
        if filename in self._sources:
            return None  # shipped with an earlier function of this pickle
        lines = linecache.getlines(filename, module_globals)
        self._sources[filename] = True
        return (filename, list(lines)) if lines else None


class _EmptyCell:
    """The value of a cell without one (a name bound later, or deleted)."""

    def __reduce__(self):
        return "_EMPTY"  # this module's singleton, by name


_EMPTY = _EmptyCell()


def _cell_value(cell):
    try:
        return cell.cell_contents
    except ValueError:
        return _EMPTY


def _make_skeleton(code, name, qualname, module, ncells):
    closure = tuple(types.CellType() for _ in range(ncells)) or None
    fn = types.FunctionType(code, {"__name__": module}, name, None, closure)
    fn.__qualname__ = qualname
    fn.__module__ = module
    return fn


def _fill_function(fn, state):
    fn.__globals__.update(state["globals"])
    for cell, value in zip(fn.__closure__ or (), state["cells"]):
        if value is not _EMPTY:
            cell.cell_contents = value
    fn.__defaults__ = state["defaults"]
    fn.__kwdefaults__ = state["kwdefaults"]
    fn.__dict__.update(state["dict"])
    fn.__doc__ = state["doc"]
    if state["source"] is not None:
        _install_source(*state["source"])
    return fn


def _install_source(filename, lines):
    """Makes `lines` the source linecache gives for `filename` in this process, unless
    it gives those lines already (the file is here, unchanged). An entry without a
    modification time is one linecache.checkcache keeps (as IPython's cells)."""
    if linecache.getlines(filename) == lines:
        return
    linecache.cache[filename] = (sum(len(line) for line in lines), None, lines, filename)

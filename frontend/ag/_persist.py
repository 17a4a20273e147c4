"""Trace records: a warm process runs a staged function without converting or tracing it.

The persistent cache (_cache) keeps object code keyed by the traced module's text, so a
new process still converts and traces the function to find that text (~15 ms of Python
for a small function). A trace record keeps what the trace left on the Python side
besides the module -- the module's text, its callbacks, how results and written
arguments map back, which globals and closure cells hold its implicit parameters -- and
everything the trace read from outside the function: each global read by name (the
staged function's and every converted callee's, through the globals overlay of
_captures), the closure cells and defaults, each as a *fingerprint* of its value. A call
in a new process whose signature, function code and every such fingerprint are equal
would trace to the same module: the record's entry is used instead.

That is the in-process cache's rule (a hit skips tracing when the signature and the
guarded globals match) made strict enough to cross processes: a value the record cannot
fingerprint exactly -- an object of a user class, a user module (its attributes could be
anything), a generator, a list -- means no record is written, and the function is traced
in each process as before. Fingerprints: numbers and strings by value; tuples by items;
numpy arrays by dtype and shape when they are implicit parameters (any such array will
do, as in-process), else by their bytes; functions by their code (bytecode, constants,
names, line table -- an edited callee, even one moved by a line, is another function),
defaults and closure values; library modules, functions and classes by name (numpy's
version and ag's build are in the key). Nothing unreadable is trusted: a record that
does not unpickle whole, or names a module not imported, is a miss.

A record also names the shared object its object code was linked into (_shared): a hit
loads that through the light runtime and never loads the compiler (LLVM, MLIR). Without
one (no linker when the record was written; the file corrupted) the hit links the
object code with ORC, and links the shared object again.
"""

import hashlib
import os
import pickle
import sys
import types

import numpy as np

from . import _cache, _callbacks, _shared
from ._log import enabled, log
from ._values import MISSING, SUPPORTED_DTYPES, frozen

FORMAT = 1
SUFFIX = ".agtrace"


class NotPersistable(Exception):
    """A value the record cannot fingerprint: the trace is not recorded."""


# --- fingerprints ------------------------------------------------------------------------

# Where libraries live: the standard library's directory and ag's parent, and the site
# directories (`site` computes them from the prefixes; sysconfig, which knows the same
# paths, costs a warm process 2.5 ms to import) when a module is under neither.
_QUICK_LIBRARY_DIRS = tuple({os.path.realpath(p) for p in (
    os.path.dirname(os.__file__),
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))})
_library_dirs_cache = []


def _library_dirs():
    if not _library_dirs_cache:
        import site  # (imported at start-up already, unless python -S)
        paths = set(site.getsitepackages())
        if site.ENABLE_USER_SITE and site.USER_SITE:
            paths.add(site.USER_SITE)
        _library_dirs_cache.append(tuple({os.path.realpath(p) for p in paths} |
                                         set(_QUICK_LIBRARY_DIRS)))
    return _library_dirs_cache[0]


def _library_module(name):
    """Whether module `name` is a library (built in, or under the standard library,
    site/dist-packages or ag itself): known by its name and the versions in the key."""
    module = sys.modules.get(name)
    if module is None:
        return False
    path = getattr(module, "__file__", None)
    if path is None:
        return True  # built in (sys, math, builtins)
    path = os.path.realpath(path)
    if "dist-packages" in path or "site-packages" in path or \
            any(path.startswith(d + os.sep) for d in _QUICK_LIBRARY_DIRS):
        return True
    return any(path.startswith(d + os.sep) for d in _library_dirs())


def _code_hash(code):
    h = hashlib.sha256()
    for part in (code.co_code, code.co_names, code.co_varnames, code.co_freevars,
                 code.co_cellvars, code.co_flags, code.co_argcount,
                 code.co_kwonlyargcount, code.co_firstlineno, code.co_linetable,
                 code.co_filename, code.co_qualname):
        h.update(repr(part).encode())
    for const in code.co_consts:
        h.update(_code_hash(const).encode() if isinstance(const, types.CodeType)
                 else repr((type(const).__name__, const)).encode())
    return h.hexdigest()


def fingerprint(value, _within=()):
    """What stands for `value` in a record (equal fingerprints: the trace reads the
    same), or NotPersistable. (`_within`: the functions whose closures are being
    fingerprinted -- a recursive function's own cell names it again.)"""
    if value is MISSING:
        return ("missing",)
    if value is None or type(value) in (bool, int, float, complex, str, bytes):
        return (type(value).__name__, repr(value))
    if type(value) is tuple:
        return ("tuple",) + tuple(fingerprint(v, _within) for v in value)
    if type(value) is np.ndarray:
        if value.dtype in SUPPORTED_DTYPES and not frozen(value):
            return ("param", value.dtype.str, value.shape)  # an implicit parameter
        return ("array", value.dtype.str, value.shape,
                hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest())
    if isinstance(value, np.generic):
        return ("scalar", value.dtype.str, value.tobytes())
    if isinstance(value, types.ModuleType):
        if _library_module(value.__name__):
            return ("module", value.__name__, _version(value.__name__))
        raise NotPersistable(f"module {value.__name__}")
    wrapped = getattr(value, "__ag_wrapped__", None)
    if wrapped is not None:  # an ag.stage'd function: traced inline as its function
        return ("staged", fingerprint(wrapped, _within))
    if isinstance(value, types.FunctionType):
        module = getattr(value, "__module__", None)
        if module and _library_module(module) and "<locals>" not in value.__qualname__:
            return ("libfunction", module, value.__qualname__, _version(module))
        if any(value is f for f in _within):
            return ("recursive", _within.index(value))
        within = _within + (value,)
        return ("function", _code_hash(value.__code__),
                fingerprint(value.__defaults__, within),
                fingerprint(tuple(sorted((value.__kwdefaults__ or {}).items())), within),
                _cells(value, within))
    if isinstance(value, (types.BuiltinFunctionType, np.ufunc, type)):
        module = getattr(value, "__module__", None) or "builtins"
        name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
        if name and _library_module(module.split(".")[0]) and "<locals>" not in name:
            return ("library", module, name, _version(module))
    raise NotPersistable(type(value).__name__)


def _version(module):
    """The version of the library `module` belongs to (its top package's __version__)."""
    return getattr(sys.modules.get(module.split(".")[0]), "__version__", None)


def _cells(fn, within=None):
    """The fingerprints of `fn`'s closure cells (("empty",) for one not yet bound)."""
    within = (fn,) if within is None else within
    out = []
    for cell in fn.__closure__ or ():
        try:
            contents = cell.cell_contents
        except ValueError:
            out.append(("empty",))
            continue
        out.append(fingerprint(contents, within))
    return tuple(out)


# --- keys and files ----------------------------------------------------------------------

_frontend = []  # [the hash of ag's Python files], once computed


def _frontend_id():
    """ag's Python package as it is (its files' names, sizes and times): what converts
    and traces, which the extension's build id does not cover."""
    if not _frontend:
        lines = []

        def visit(directory, relative):
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        lines.append(f"{relative}/{entry.name} {st.st_size} "
                                     f"{st.st_mtime_ns}\n")
                    elif entry.name != "__pycache__" and entry.is_dir():
                        visit(entry.path, f"{relative}/{entry.name}")
        visit(os.path.dirname(os.path.abspath(__file__)), "")
        _frontend.append(hashlib.sha256("".join(sorted(lines)).encode()).hexdigest())
    return _frontend[0]


def record_key(staged, key):
    """The record's file key: ag's build, numpy's and Python's versions, the staged
    function (where it is, its code), its options and the call's signature."""
    fn = staged._fn
    h = hashlib.sha256()
    for part in (_cache.build_id(), _frontend_id(), np.__version__, sys.version, FORMAT,
                 getattr(fn, "__module__", None), getattr(fn, "__qualname__", None),
                 _code_hash(fn.__code__), repr(staged._stage_options), repr(tuple(key)),
                 # (a numpy scalar argument and a 0-d array have the same parts)
                 [key.numpy_scalar(i) for i in range(len(key))],
                 [key.layout(i) for i in range(len(key))]):
        h.update(repr(part).encode() + b"\0")
    return h.hexdigest()


def _path(where, k):
    return os.path.join(where, k + SUFFIX)


def _recordable(fn):
    """Only plain functions: a bound method's object (its attributes, which the trace
    reads) or a partial's arguments are not part of the record."""
    return type(fn) is types.FunctionType


# --- writing -----------------------------------------------------------------------------

def directory():
    """Where records go: the persistent cache's directory, unless AG_CACHE_RECORDS=off
    (every new process traces again; object code is still cached)."""
    if os.environ.get("AG_CACHE_RECORDS", "").strip().lower() in ("off", "0", "false",
                                                                  "no"):
        return None
    return _cache.directory()


def record(staged, key, captures, outputs, writes, opt_level, budget):
    """The trace record of a trace that just ran, made now -- the fingerprints of what
    it read are those of the values it saw -- as a function `write(ag_text, compiled,
    callback_ids, obj)` that writes it once compiled (`obj`: the object code the cache
    kept, or None), with the shared object of `obj`. If something the trace read has no
    fingerprint, says why (AG_LOG=cache) and the function writes nothing."""
    where = directory()
    fn = staged._fn
    if where is None or not _recordable(fn):
        return _write_nothing
    try:
        if key.objects:
            raise NotPersistable("a generator argument")
        if captures.assigned_globals:
            raise NotPersistable("a global it assigns")
        reads = [(module, name, fingerprint(value))
                 for (module, name), value in captures.reads.items()]
        if any(not isinstance(m, str) for m, _, _ in reads):
            raise NotPersistable("globals of an unnamed module")
        cells = _cells(fn)
        sources = []
        for source in captures.sources:
            if source[0] == "global":
                sources.append(("global", source[1].get("__name__"), source[2]))
            elif any(source[1] is c for c in fn.__closure__ or ()):
                sources.append(("cell", next(i for i, c in enumerate(fn.__closure__)
                                             if c is source[1])))
            else:
                raise NotPersistable("an array in a callee's closure")
        made = {
            "format": FORMAT, "build": _cache.build_id(), "function": fn.__qualname__,
            "reads": reads, "cells": cells,
            "defaults": fingerprint(fn.__defaults__),
            "sources": sources,
            "specs": [(np.dtype(d).str, s) for d, s in captures.specs],
            "outputs": outputs, "writes": writes,
            "opt_level": opt_level, "budget": budget,
            "shared": None, "signature": None,
        }
        pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)  # (fails now, not later)
    except (NotPersistable, pickle.PicklingError, TypeError, AttributeError,
            KeyError) as e:
        log("cache", f"no trace record for '{staged.__name__}': it reads {e}, which a "
                     "new process cannot check")
        return _write_nothing
    k = record_key(staged, key)
    name = staged.__name__  # (not the function: the tiering worker may hold `write`)

    def write(ag_text, compiled, callback_ids, obj):
        try:
            full = dict(made, ag_text=ag_text,
                        callbacks=[_callbacks.entries[cid] for cid in callback_ids])
            data = pickle.dumps(full, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, KeyError) as e:
            log("cache", f"no trace record for '{name}': {e}")
            return
        _cache.write_file(where, _path(where, k), data,
                          f"trace record of '{name}'")
        if obj and hasattr(compiled, "signature"):
            # The record names its shared object once that is written (a record names
            # only a file that exists); meanwhile its hits link with ORC.
            _link_later(where, k, _path(where, k), full, compiled.signature(), obj,
                        name)
    return write


def _write_nothing(ag_text, compiled, callback_ids, obj):
    pass


def _link_later(where, k, path, record, signature, obj, function):
    def then(shared):
        updated = dict(record, shared=shared, signature=signature)
        _cache.write_file(where, path, pickle.dumps(updated, pickle.HIGHEST_PROTOCOL),
                          f"trace record of '{function}' with its shared object")
    _shared.link_later(where, k, obj, function, then)


# --- reading -----------------------------------------------------------------------------

def load(staged, key):
    """(compiled, outputs, writes, captures, ag_text, [(module, name) read]) of this
    call's record when every fingerprint it holds matches now, else None."""
    where = directory()
    fn = staged._fn
    if where is None or not _recordable(fn) or key.objects:
        return None
    path = _path(where, record_key(staged, key))
    try:
        with open(path, "rb") as f:
            record = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 -- truncated, corrupted, foreign: rebuilt below
        log("cache", f"ignored trace record {path}: it does not read back")
        return None
    try:
        if not isinstance(record, dict) or record.get("format") != FORMAT or \
                record.get("build") != _cache.build_id():
            return None
        if not _holds(fn, record):
            log("cache", f"trace record of '{staged.__name__}' is stale: something it "
                         "read changed")
            return None
        captures = _captures(fn, record)
        ids = [_callbacks.new_callback(entry) for entry in record["callbacks"]]
        text = record["ag_text"]
        name = fn.__name__ if fn.__name__.isidentifier() else "fn"
        k = path[:-len(SUFFIX)].rsplit(os.sep, 1)[-1]
        compiled = None
        if record.get("shared") is not None:
            compiled = _shared.load(where, k, record["shared"], name, record["signature"],
                                    ids, record["opt_level"])
            if compiled is not None:
                _cache.note_hit()
        if compiled is None:
            compiled = _link(where, k, record, path, name, ids)
        _callbacks.hand_over_ids(ids, compiled)
    except Exception as e:  # noqa: BLE001 -- a record that does not fit is a miss
        log("cache", f"ignored trace record {path}: {type(e).__name__}: {e}")
        return None
    log("cache", f"trace record hit for '{staged.__name__}' (no trace)")
    if enabled("compile"):
        _cache.log_compile(staged.__name__, compiled, None, True, how="trace record hit")
    return compiled, record["outputs"], record["writes"], captures, text, \
        [(module, name) for module, name, _ in record["reads"]]


def _link(where, k, record, path, name, ids):
    """The record's code linked with ORC (the compiler) from the cached object code --
    or compiled from the record's module text when the object is gone; then (on a
    thread) its shared object is linked again from the object code and the record
    rewritten to name it."""
    text = record["ag_text"]
    obj = _cache.load(where, _cache.key(text, (record["opt_level"], record["budget"])))
    from . import _ag  # (the compiler)
    compiled = _ag.Compiled(name, text, ids, obj or b"", record["opt_level"],
                            record["budget"] or 0.0)
    if obj and compiled.loaded:
        _link_later(where, k, path, record, compiled.signature(), obj, name)
    return compiled


def _holds(fn, record):
    for module, name, expected in record["reads"]:
        scope = fn.__globals__ if module == fn.__globals__.get("__name__") else \
            getattr(sys.modules.get(module), "__dict__", None)
        if scope is None:
            return False
        if name not in scope:
            if expected == ("missing",):
                continue  # still a builtin
            return False
        try:
            if fingerprint(scope[name]) != expected:
                return False
        except NotPersistable:
            return False
    try:
        return _cells(fn) == record["cells"] and \
            fingerprint(fn.__defaults__) == record["defaults"]
    except NotPersistable:
        return False


def _captures(fn, record):
    """A Captures reading the record's implicit parameters from this process's globals
    and closure cells (None when there are none)."""
    if not record["sources"]:
        return None
    from ._captures import Captures  # (only records with implicit parameters need it)
    captures = Captures(0)
    for source, (dtype, shape) in zip(record["sources"], record["specs"]):
        if source[0] == "global":
            scope = fn.__globals__ if source[1] == fn.__globals__.get("__name__") else \
                sys.modules[source[1]].__dict__
            captures.sources.append(("global", scope, source[2]))
        else:
            captures.sources.append(("cell", fn.__closure__[source[1]]))
        captures.specs.append((np.dtype(dtype), tuple(shape)))
    return captures

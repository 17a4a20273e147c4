"""ag.stage: trace a numpy function once per signature, compile it, call native code.

A StagedFunction keeps a bounded LRU cache of compiled entries keyed by the signature
of a call: dtype and shape of every array argument, the value of every Python scalar
argument (scalars are compile-time constants, as in tf.function). Globals and closure
cells the function can read are guarded: their values at trace time are recorded and a
change retraces. The rules are C++ (runtime/python/Signature.h), shared with the C
dispatcher that serves cache hits: `_agrt.Signature` is the key, `_agrt.EntrySpec` an
entry as calls are checked against it; this module only turns their refusals and
differences into messages. After ``warn_after`` traces a warning names the argument
that changed and how (torch.compile's recompile reasons are the model).

The cache lives on the StagedFunction: dropping it frees the compiled code.
"""

import collections
import functools
import sys
import threading
import types
import warnings

import numpy as np

from . import _agrt, _compiler, _persist
from ._log import log
from ._values import (GENERATORS, PYTHON_BOOL, PYTHON_FLOAT, PYTHON_INT, SUPPORTED_DTYPES,
                      frozen)
from .errors import AgTypeError, AgUnsupportedError, AgValueError, AgRetraceWarning

_SCALARS = (bool, int, float)


def _describe_key_part(key, i):
    """Argument `i` of the signature `key`, in the user's terms."""
    part = key[i]
    if part[0] == "array":
        name = np.dtype(part[1]).name
        text = f"a numpy {name} scalar" if key.numpy_scalar(i) else f"{name}{list(part[2])}"
        layout = key.layout(i)
        if layout is not None:
            text += " with element strides " + (
                f"{layout}" if layout != "unknown" else "that are not whole elements")
        return text + (f" (argument #{part[3][1]} again)" if len(part) > 3 else "")
    if part[0] == "scalar":
        return f"{part[1].__name__} {part[2]!r}"
    if part[0] == "object":
        return f"a {part[1].__name__}" + (f" (argument #{part[2]} again)"
                                          if part[2] != i else "")
    return repr(part)


class _Entry:
    """One compiled specialisation."""

    __slots__ = ("compiled", "outputs", "ag_text", "guards", "writes", "captures", "spec")

    def __init__(self, compiled, outputs, ag_text, guards, writes=(), captures=None):
        self.compiled = compiled
        self.outputs = outputs
        self.ag_text = ag_text
        self.guards = guards
        # (argument position, result index): arguments the function writes, written
        # back from those results when a call ends (the input mutation epilogue).
        self.writes = tuple(writes)
        # The arrays read from globals and closure cells, passed after the arguments.
        self.captures = captures
        # The _ag.EntrySpec calls are checked against (_entry_spec), once cached.
        self.spec = None


def referenced_names(code):
    """The global (and attribute) names `code` and the functions nested in it read."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= referenced_names(const)
    return names


# Arrays up to this size are guarded by value (a copy is kept and compared); larger ones
# by identity: rebinding the name retraces, mutating the array in place does not.
_GUARD_BY_VALUE = 4096


class _Identity:
    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj


def _guardable(value):
    # Generators by identity: staged draws call the object the trace saw.
    return isinstance(value, _SCALARS + (np.generic, np.ndarray) + GENERATORS)


class _ArraySpec:
    """An array a trace reads from a global or closure cell: an implicit parameter of the
    compiled code (see _captures), so any array of this dtype and shape will do."""

    __slots__ = ("dtype", "shape")

    def __init__(self, value):
        self.dtype, self.shape = value.dtype, value.shape


def _snapshot(value):
    if type(value) is np.ndarray and value.dtype in SUPPORTED_DTYPES and not frozen(value):
        return _ArraySpec(value)
    if isinstance(value, np.ndarray):
        return value.copy() if value.size <= _GUARD_BY_VALUE else _Identity(value)
    return value


def _guard_value(snapshot):
    """(kind, value) of a guard's snapshot, as the C++ rule compares it (Signature.h)."""
    if isinstance(snapshot, _ArraySpec):
        return "array_spec", snapshot
    if isinstance(snapshot, _Identity):
        return "identity", snapshot.obj
    if isinstance(snapshot, np.ndarray):
        return "array_value", snapshot
    return "value", snapshot


# Entries the C dispatcher checks on every call before falling back to Python.
_FAST_ENTRIES = 8

# LLVM's optimisation level, and the compile budget (seconds) of ag.stage by default:
# generous -- LLVM optimises less only after tracing and the MLIR pipelines took most of
# 10 s, or for a module of some 50k LLVM ops.
_OPT_LEVEL = 3
_DEFAULT_BUDGET = 10.0


class StagedFunction(_agrt.Dispatcher):
    """The callable ag.stage returns.

    Calls first go to the C dispatcher (the base class), which runs a cached
    specialisation without executing Python; misses come back to ``_call_slow``."""

    def __init__(self, fn, max_cache=64, warn_after=8, dynamic=None,
                 compile_budget=_DEFAULT_BUDGET):
        super().__init__(self._call_slow)
        functools.update_wrapper(self, fn)
        self._fn = fn
        # As given (not normalised): pickling passes them to ag.stage again (_pickling).
        self._stage_options = {"max_cache": max_cache, "warn_after": warn_after,
                               "dynamic": dynamic, "compile_budget": compile_budget}
        # Called while another function is traced (or recursively), the staged function
        # is converted and traced inline like any user function.
        self.__ag_wrapped__ = fn
        self._cache = collections.OrderedDict()
        self._max_cache = max_cache
        self._warn_after = warn_after
        self._traces = 0
        self._last_key = None
        self._last_failed = False  # the last trace raised (failed traces are not cached)
        self._lock = threading.Lock()
        self._converted_fn = None
        self._params = _parameter_names(fn)
        self._dynamic = _dynamic_spec(dynamic, self._params, self.__name__)
        self._budget = _budget_spec(compile_budget, self.__name__)
        self._auto = {}  # dynamic="auto": argument index -> dims seen to change
        self._keep_stages = False  # the next compile keeps every stage's IR (ir())

    def __reduce__(self):
        # By reference to the module's function when it is importable, else by value
        # (code, closure, the globals it reads); see _pickling.
        from ._pickling import reduce_staged  # (_pickling rebuilds StagedFunctions)
        return reduce_staged(self)

    # --- signature ---------------------------------------------------------------------
    def _param_name(self, i):
        return self._params[i] if i < len(self._params) else f"#{i}"

    def _key(self, args):
        """The signature of a call (the cache key): the C++ rule of Signature.h, which
        the C dispatcher applies too. Here only its refusals become messages."""
        dynamic = self._auto if self._dynamic == "auto" else self._dynamic
        try:
            # Generators: draws find them at run time (staged.random).
            return _agrt.Signature(args, dynamic, GENERATORS)
        except _agrt.SignatureError as e:
            where = e.args  # (argument,) or (argument, dynamic dim, its ndim)
        i = where[0]
        if len(where) == 3:
            _, d, ndim = where
            raise AgValueError(f"ag.stage({self.__name__}): dynamic dim {d} of argument "
                               f"'{self._param_name(i)}' is out of range for its {ndim} "
                               "dims")
        _refuse_array_like(self.__name__, self._param_name(i), args[i])
        raise AgTypeError(f"ag.stage({self.__name__}): argument of type "
                          f"{type(args[i]).__name__} is not supported (pass numpy arrays, "
                          "Python bool/int/float/complex or numpy random generators)")

    def _guards(self, fn=None, seen=None):
        """The globals and closure cells `fn` (the staged function by default) reads whose
        values the trace used: ("global", name, value) of the staged function's module,
        ("global_in", (globals, name), value) of another module, ("closure", (name,
        cell), value). `seen`: (globals id, name) pairs guarded already."""
        fn = fn or self._fn
        guards, seen = [], set() if seen is None else seen
        if not hasattr(fn, "__code__"):  # a builtin or ufunc staged directly
            return guards
        own = fn.__globals__ is self._fn.__globals__
        for name in sorted(referenced_names(fn.__code__)):
            if (id(fn.__globals__), name) in seen:
                continue
            if name in fn.__globals__ and _guardable(fn.__globals__[name]):
                seen.add((id(fn.__globals__), name))
                value = _snapshot(fn.__globals__[name])
                guards.append(("global", name, value) if own else
                              ("global_in", (fn.__globals__, name), value))
        for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or ()):
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if _guardable(value):
                guards.append(("closure", (name, cell), _snapshot(value)))
        return guards

    def _callee_guards(self, trace, guards):
        """Guards of the user functions the trace called (a callee reading a global that
        changes later must retrace as the staged function's own reads do)."""
        seen = {(id(self._fn.__globals__), where) for kind, where, _ in guards
                if kind == "global"}
        out = []
        for fn in trace.entered.values():
            if fn is not self._fn:
                out += self._guards(fn, seen)
        return out

    # --- calling -----------------------------------------------------------------------
    def _call_slow(self, *args, **kwargs):
        if kwargs:
            args = self._bind(args, kwargs)
        key = self._key(args)
        entry = self._cache.get(key)
        if entry is None and self._dynamic == "auto" and self._learn_dynamic(key):
            key = self._key(args)
            entry = self._cache.get(key)
        implicit = _implicit(entry) if entry is not None and \
            entry.spec.guards_hold() else None
        if implicit is None:
            entry = self._compile(key, args)
            implicit = _implicit(entry)
        else:
            self._cache.move_to_end(key)
        # (An array passed twice is one parameter of the compiled code.)
        arrays = [a for a, part in zip(args, key)
                  if isinstance(a, (np.ndarray, np.generic)) and len(part) == 3]
        args = tuple(args) + tuple(implicit)
        if entry.writes:
            _check_writable(args, entry.writes, self.__name__, self._params)
        if key.objects:  # (generators are a signature's objects)
            from .staged import random  # (generator arguments: the staged surface)
            with random.arguments(key, args):  # draws on generator arguments find them
                results = entry.compiled(*[np.asarray(a) for a in arrays], *implicit)
        else:
            results = entry.compiled(*[np.asarray(a) for a in arrays], *implicit)
        for pos, index in entry.writes:
            np.copyto(args[pos], results[index], casting="no")
        return self._unflatten(entry.outputs, results, args)

    def _learn_dynamic(self, key):
        """dynamic="auto": array dims that differ from the last trace's become dynamic
        (as torch.compile does); says so. Whether any did."""
        old = self._last_key
        if old is None or len(old) != len(key):
            return False
        learnt = []
        for i, (a, b) in enumerate(zip(old, key)):
            if a[0] != "array" or b[0] != "array" or a[1] != b[1] or len(a[2]) != len(b[2]):
                continue
            for d, (m, n) in enumerate(zip(a[2], b[2])):
                # (A call of size 1 has its own specialisation either way.)
                if m != n and m >= 0 and n >= 0 and n != 1:
                    self._auto.setdefault(i, set()).add(d)
                    learnt.append(f"argument '{self._param_name(i)}' dim {d} changed from "
                                  f"{m} to {n}")
        if learnt:
            warnings.warn(f"ag.stage: {'; '.join(learnt)}: compiling "
                          f"'{self.__name__}' with {'it' if len(learnt) == 1 else 'them'} "
                          "dynamic (one trace for every size)", AgRetraceWarning,
                          stacklevel=3)
        return bool(learnt)

    def _bind(self, args, kwargs):
        import inspect  # (only calls with keywords need it)
        signature = inspect.signature(self._fn)
        if any(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD, p.VAR_POSITIONAL)
               for p in signature.parameters.values()):
            raise AgTypeError(f"ag.stage({self.__name__}): keyword arguments of functions "
                              "with keyword-only, *args or **kwargs parameters are not "
                              "supported yet; pass them positionally")
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return tuple(bound.arguments.values())

    def _unflatten(self, spec, results, args):
        kind, payload = spec
        if kind == "arg":
            return args[payload]  # the caller's own array, as Python would return it
        if kind == "array":
            index, scalar = payload
            r = results[index]
            if scalar == PYTHON_INT:
                return int(r[()])
            if scalar == PYTHON_FLOAT:
                return float(r[()])
            if scalar == PYTHON_BOOL:
                return bool(r[()])
            return r[()] if scalar else r
        if kind == "const":
            return payload
        if kind == "raise":  # the error numpy raises after the function's effects
            error, text = payload
            raise error(text)
        if kind == "either":
            flag, then, other = payload
            return self._unflatten(then if results[flag][()] else other, results, args)
        if kind == "rows":
            return list(results[payload])
        if kind in ("tuple", "list"):
            items = [self._unflatten(s, results, args) for s in payload]
            return tuple(items) if kind == "tuple" else items
        if kind == "dict":
            return {k: self._unflatten(s, results, args) for k, s in payload}
        raise AssertionError(kind)

    # --- tracing -----------------------------------------------------------------------
    def _compile(self, key, args, keep_stages=False):
        with self._lock:
            entry = self._cache.get(key)
            if entry is not None and entry.spec.guards_hold() and \
                    _implicit(entry) is not None:
                return entry
            # (A trace record has no stages to keep: .ir() traces.)
            entry = None if keep_stages else self._recorded(key)
            if entry is None:
                self._keep_stages = keep_stages
                try:
                    entry = self._trace(key, args)
                except BaseException:
                    self._last_failed = True
                    raise
                finally:
                    self._keep_stages = False
                self._last_failed = False
            entry.spec = _entry_spec(key, entry, getattr(self._fn, "__globals__", {}))
            self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self._max_cache:
                self._cache.popitem(last=False)
            self._publish()
            return entry

    def _publish(self):
        """Hands the most recent specialisations to the C dispatcher."""
        fast = []
        for entry in reversed(self._cache.values()):
            if entry.spec.runnable:
                fast.append(entry.spec)
            if len(fast) == _FAST_ENTRIES:
                break
        self._set_entries(fast)

    def _retrace_reason(self, key):
        old = self._last_key
        if old is None:
            return "its globals or closure values changed"
        i = old.difference(key)  # (the C++ rule says what differs)
        if i == -1:
            return f"it was called with {len(key)} arguments instead of {len(old)}"
        if i is not None:
            return (f"argument '{self._param_name(i)}' changed from "
                    f"{_describe_key_part(old, i)} to {_describe_key_part(key, i)}")
        if self._last_failed:
            return ("its last trace, for the same arguments, raised an error (a trace "
                    "that fails is not cached)")
        return "a global or closure value it reads changed"

    def _trace(self, key, args):
        self._traces += 1
        if self._traces > 1:
            log("retrace", f"'{self.__name__}' traced again (trace {self._traces}) because "
                           f"{self._retrace_reason(key)}")
        if self._traces > self._warn_after:
            advice = ("Fix the error: calls with these arguments trace again until one "
                      "succeeds." if self._last_failed and key == self._last_key else
                      "Pass values that change between calls as numpy arrays.")
            warnings.warn(f"ag.stage: retracing '{self.__name__}' (trace "
                          f"{self._traces}) because {self._retrace_reason(key)}. {advice}",
                          AgRetraceWarning, stacklevel=4)
        self._last_key = key
        # (The tracing machinery -- converter, operators, numpy's staged surface -- loads
        # on the first trace: a process whose calls all hit trace records never needs it.
        # The compiler loads beside it, on another thread.)
        _compiler.preload()
        from ._tracing import trace  # (loaded on the first trace: see above)
        return _Entry(*trace(self, key, args, self._guards(), _OPT_LEVEL))

    def _converted(self):
        from ._tracing import converted  # (the tracing machinery loads on first use)
        return converted(self)

    def _recorded(self, key):
        """The entry of this call's trace record (_persist), when one holds: no trace."""
        loaded = _persist.load(self, key)
        if loaded is None:
            return None
        compiled, outputs, writes, captures, ag_text, reads = loaded
        self._last_key = key
        # Guarded like the trace's entry: the staged function's globals and closure, and
        # the other modules' globals its callees read.
        guards = self._guards()
        own = getattr(self._fn, "__globals__", {}).get("__name__")
        for module, name in reads:
            scope = sys.modules.get(module)
            value = getattr(scope, name, None) if module != own else None
            if value is not None and _guardable(value):
                guards.append(("global_in", (scope.__dict__, name), _snapshot(value)))
        return _Entry(compiled, outputs, ag_text, guards, writes, captures)

    def source(self):
        """The converted source (what AutoGraph made of the function)."""
        self._converted()  # (a function ag cannot convert raises as a call would)
        from .conversion import source  # (loaded with the tracing machinery)
        return source(self._fn) or "<source unavailable: not converted>"

    # --- inspection --------------------------------------------------------------------
    def ir(self, *args, emit="ag", **kwargs):
        """The IR of the specialisation for `args`: emit is 'ag', 'linalg',
        'bufferized' or 'llvm'.

        The stages are the ones the compiler kept for the code that runs: a
        specialisation compiled for ir() keeps them. One compiled before without them
        (by a call, or linked from the persistent cache) has its ag module lowered again
        by the compiler's own stage loop (CompiledModule::lower), which is deterministic:
        the same IR as the compile made."""
        if kwargs:
            args = self._bind(args, kwargs)
        key = self._key(args)
        entry = self._cache.get(key)
        if entry is None or not (entry.spec.guards_hold() and _implicit(entry) is not None):
            entry = self._compile(key, args, keep_stages=True)
        kept = entry.compiled.stage(emit)
        if kept is not None:
            return kept
        if emit == "ag":
            return entry.ag_text
        from . import _ag  # (the compiler)
        return _ag.lower(entry.ag_text, emit)

    @property
    def cache_size(self):
        return len(self._cache)

    @property
    def trace_count(self):
        return self._traces



_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08


def _parameter_names(fn):
    """The names of `fn`'s parameters in order, as inspect.signature lists them (read
    from the code object of a plain function: importing inspect costs a warm process
    more than its whole call)."""
    code = getattr(fn, "__code__", None)
    if type(fn) is types.FunctionType and code is not None and \
            not hasattr(fn, "__wrapped__") and not hasattr(fn, "__signature__"):
        names = code.co_varnames
        positional, kwonly = code.co_argcount, code.co_kwonlyargcount
        out = list(names[:positional])
        rest = positional + kwonly
        if code.co_flags & _CO_VARARGS:
            out.append(names[rest])
        out += names[positional:rest]
        if code.co_flags & _CO_VARKEYWORDS:
            out.append(names[rest + bool(code.co_flags & _CO_VARARGS)])
        return out
    import inspect  # (other callables: inspect knows their signatures)
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError, AttributeError):
        return []


def _implicit(entry):
    """The arrays to pass after the arguments (read from globals and closure cells now),
    or None when one no longer has the traced dtype and shape."""
    return entry.captures.values() if entry.captures is not None else ()




def _check_writable(args, writes, name, params):
    """numpy's errors for writes the compiled code would make into the caller's arrays:
    a read-only array, and (which ag does not stage) arrays sharing memory without being
    the same object."""
    for pos, _ in writes:
        target = args[pos]
        if not target.flags.writeable:
            raise AgValueError(f"{name}: assignment destination is read-only (argument "
                               f"'{params[pos] if pos < len(params) else pos}')")
        for j, other in enumerate(args):
            if j != pos and isinstance(other, np.ndarray) and other is not target and \
                    np.may_share_memory(target, other):
                raise AgUnsupportedError(
                    f"{name}: arguments '{params[pos] if pos < len(params) else pos}' and "
                    f"'{params[j] if j < len(params) else j}' share memory and the function "
                    "writes one of them; ag stages writes to the same array passed twice, "
                    "not to overlapping views: pass copies")


def _refuse_array_like(function, name, a):
    """Arguments that act as arrays but are not plain ndarrays are refused, on both call
    paths (the C dispatcher takes exact ndarrays only): an ndarray subclass (np.matrix,
    np.ma.MaskedArray, np.memmap, ...) has numpy semantics of its own -- matrix products
    for `*`, masks, result types -- that compiled code, which sees only the data, would
    silently drop; an object implementing numpy's __array_ufunc__/__array_function__
    protocols decides itself what numpy functions do to it."""
    if isinstance(a, np.ndarray):
        if type(a) is np.ndarray:
            return
        what = (f"a {type(a).__module__}.{type(a).__qualname__}, a subclass of "
                "numpy.ndarray (subclasses change what numpy operations mean: matrix "
                "products, masks, result types)")
    elif isinstance(a, (np.generic,) + _SCALARS) or a is None:
        return
    elif any(hasattr(type(a), p) for p in ("__array_ufunc__", "__array_function__",
                                           "__array__", "__array_interface__")):
        what = (f"a {type(a).__module__}.{type(a).__qualname__}, which acts as an array "
                "through numpy's protocols but is not a numpy array")
    else:
        return  # _key names unsupported argument types
    raise AgTypeError(f"ag.stage({function}): argument '{name}' is {what}; ag compiles "
                      "for plain numpy arrays and would ignore that behaviour. Pass "
                      f"np.asarray({name}) to stage the plain array (or call the function "
                      "unstaged)")


def _entry_spec(key, entry, globals_dict):
    """The typed spec calls are checked against (`_agrt.EntrySpec`, Signature.h): the
    signature `key`, the guards, and, when the C dispatcher can run the entry, its
    compiled code and how its results become the outputs."""
    guards = []
    for kind, where, value in entry.guards:
        container, name = ((globals_dict, where) if kind == "global" else
                           where if kind == "global_in" else (where[1], None))
        guards.append((container, name) + _guard_value(value))
    return _agrt.EntrySpec(key, guards, **_c_path(key, entry))


def _c_path(key, entry):
    """How the C dispatcher runs `entry` (EntrySpec's keywords), or {} when the Python
    path must."""
    if entry.captures is not None:
        return {}  # the arrays read from globals are fetched in Python
    if key.objects:
        return {}  # draws find the call's generators through the Python path
    kind, payload = entry.outputs
    outs = [entry.outputs] if kind in ("array", "arg", "either") else \
        payload if kind == "tuple" else []
    if not outs:
        return {}
    # Per output: -1 for the next compiled result, k for argument k returned itself,
    # -2 - 2k (-3 - 2k) for argument k where the next result (a bool) is true (false),
    # else the result after it.
    sources, scalars = [], []
    for k, p in outs:
        if k == "arg":
            sources.append(p)
        elif k == "array" and p[1] not in (PYTHON_INT, PYTHON_FLOAT, PYTHON_BOOL) and \
                p[0] == len(scalars):
            sources.append(-1)
            scalars.append(bool(p[1]))
        elif k == "either" and p[0] == len(scalars) and \
                [s[0] for s in p[1:]] in (["arg", "array"], ["array", "arg"]) and \
                next(s[1] for s in p[1:] if s[0] == "array")[0] == len(scalars) + 1:
            arg, value = (p[1], p[2]) if p[1][0] == "arg" else (p[2], p[1])
            sources.append(-2 - 2 * arg[1] - (arg is p[2]))
            scalars += [True, bool(value[1][1])]
        else:
            return {}  # the C path makes numpy arrays and scalars only, in order
    return {"compiled": entry.compiled, "tuple_result": kind == "tuple",
            "scalars": scalars, "sources": sources, "writes": list(entry.writes)}


def stage(fn=None, *, max_cache=64, warn_after=8, dynamic=None,
          compile_budget=_DEFAULT_BUDGET):
    """Stage `fn`: ``ag.stage(f)`` or ``@ag.stage`` (optionally with options).

    dynamic: dims compiled with a size known only at run time, so that one trace serves
    every size: "batch" (the first dim of every array argument), a dict mapping argument
    names (or positions) to a dim or a tuple of dims (``{"x": 0}``), or "auto" (a dim
    that changes between calls becomes dynamic, with a warning saying so). Shape checks
    that involve dynamic dims run when the compiled code runs (a ValueError as numpy's).

    compile_budget: seconds a compile of `fn` should take (None: no limit). When tracing
    and lowering took so long, or the module is so big, that LLVM's estimated time at
    O3 would exceed it, LLVM optimises less (O1, or O0) and an ag.AgCompileWarning says
    so. AG_LOG=compile prints where each compile spent its time.
    """
    options = dict(max_cache=max_cache, warn_after=warn_after, dynamic=dynamic,
                   compile_budget=compile_budget)
    if fn is None:
        return lambda f: stage(f, **options)
    if isinstance(fn, functools.partial):
        # The function it calls is staged; its bound arguments are passed on each call
        # (arrays as arguments, Python scalars as the constants they are).
        return functools.partial(stage(fn.func, **options), *fn.args, **fn.keywords)
    if isinstance(fn, types.MethodType):
        raise AgTypeError(
            f"ag.stage({fn.__qualname__}): a bound method; its object is not an argument "
            f"ag can compile for. Stage a function that calls it "
            f"(ag.stage(lambda x: obj.{fn.__name__}(x))), or the function with the arrays "
            "it reads as arguments")
    if isinstance(fn, (np.ufunc, types.BuiltinFunctionType)):
        # No Python source to convert (numpy's ufuncs and C functions).
        name = getattr(fn, "__name__", repr(fn))
        raise AgTypeError(
            f"ag.stage({name}): {name} is not a Python function, so there is nothing to "
            f"convert; stage a function that calls it (ag.stage(lambda *a: "
            f"np.{name}(*a)))")
    return StagedFunction(fn, **options)


def _budget_spec(budget, name):
    if budget is None:
        return None
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or \
            not budget > 0:
        raise AgValueError(f"ag.stage({name}): compile_budget must be a positive number "
                           f"of seconds or None, got {budget!r}")
    return float(budget)


def _dynamic_spec(dynamic, params, name):
    """`dynamic` normalised: None, "batch", "auto" or {argument index: dims}."""
    if dynamic is None or dynamic in ("batch", "auto"):
        return dynamic
    if not isinstance(dynamic, dict):
        raise AgTypeError(f"ag.stage({name}): dynamic must be None, 'batch', 'auto' or a "
                          "dict of argument name -> dim(s)")
    spec = {}
    for arg, dims in dynamic.items():
        if isinstance(arg, str):
            if arg not in params:
                raise AgValueError(f"ag.stage({name}): dynamic names '{arg}', which is not "
                                   f"a parameter of {name}")
            arg = params.index(arg)
        elif type(arg) is not int or not 0 <= arg < max(len(params), 1):
            raise AgValueError(f"ag.stage({name}): dynamic names argument {arg!r}; use a "
                               f"parameter name or a position in 0..{len(params) - 1}")
        dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
        if not all(type(d) is int for d in dims):
            raise AgTypeError(f"ag.stage({name}): the dynamic dims of argument "
                              f"{arg!r} must be ints, got {dims!r}")
        spec[arg] = dims
    return spec

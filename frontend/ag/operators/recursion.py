"""Staged recursion: a user function that calls itself (directly or through other user
functions) with staged arguments becomes a real `func.func` called with `func.call`,
compiled to native recursion -- no unrolling, no Python in the loop.

    def fib(n):                      # n: a 0-d int64 array
        return n if n < 2 else fib(n - 1) + fib(n - 2)

How: converted_call keeps the stack of user functions being traced. A call of a function
already on that stack, with staged arguments and the same Python arguments, is a staged
recursive call. Its function is declared once per signature: the result types are
learnt first by tracing the function on a throwaway tracer in which recursive calls
"diverge" (a staged `if` keeps the branch that returns without recursing, the base case),
then the body is recorded for real, calling itself. Calls whose Python arguments change
(`f(x, depth - 1)`) recurse in Python while tracing: the recursion is bounded by a Python
value and unrolls, as any Python code does.

The recorded function starts with a stack check: compiled code that recurses deeper than
the native stack allows stops recursing and the call raises AgRecursionError.
"""

import threading

import numpy as np

from .._compiler import compiler as _ag
from .._location import describe, user_location
from ..errors import AgUnsupportedError
from ..staged.array import StagedArray, as_staged
from ..staged.checks import record_check, register_failure
from ..staged.regions import cond
from ..staged.values import flatten, is_staged, unflatten
from ..trace import Trace, current_trace, current_tracer, tracing

# Distinct signatures one function may be specialised for by staged recursion.
MAX_SPECIALISATIONS = 16
# Staged recursion deeper than this raises AgRecursionError (the native stack guard
# catches deep recursion first; this catches tail calls LLVM turns into a loop, which
# would otherwise never end).
MAX_DEPTH = 1_000_000
# Recursion levels between two native stack checks (a power of two).
STACK_CHECK_EVERY = 32


class Diverged(Exception):
    """Raised while probing a function's result types by a path that recurses."""


class _State(threading.local):
    def __init__(self):
        self.active = []     # [(fn, key)] user functions being traced, innermost last
        self.probing = []    # keys whose result types are being probed
        self.known = {}      # key -> (result specs, structure), across probe tracers
        self.depth = []      # the depth argument of each recursive function being recorded


_state = _State()


def probing():
    return bool(_state.probing)


def _key(fn, args, kwargs):
    """The signature a staged recursive function is specialised for, or None."""
    if kwargs:
        return None
    parts = []
    for a in args:
        if isinstance(a, (StagedArray, np.ndarray, np.generic)):
            parts.append(("array", np.dtype(a.dtype).name, tuple(_dims(a)),
                          bool(getattr(a, "_scalar", False) or isinstance(a, np.generic))))
        elif a is None or isinstance(a, (bool, int, float, str)):
            parts.append(("py", type(a).__name__, a))
        else:
            parts.append(("object", id(a)))
    return (fn, tuple(parts))


def _dims(a):
    """The shape of array `a` as the tracer takes it: -1 for a dynamic dim (a staged
    array's shape holds None there, ag.stage(..., dynamic=))."""
    return [-1 if d is None else d for d in np.shape(a)]


def _python_part(key):
    return tuple(p for p in key[1] if p[0] != "array")


class active:
    """Marks `fn` as being traced (the staged function itself, or a converted call)."""

    def __init__(self, fn, args, kwargs=None):
        self.entry = (fn, _key(fn, args, kwargs))

    def __enter__(self):
        if not _state.active:  # a new trace: result types learnt by earlier ones go
            _state.known = {}
        _state.active.append(self.entry)

    def __exit__(self, *exc):
        _state.active.pop()
        return False


def call(fn, converted, args, kwargs):
    """converted_call of user function `fn` while tracing."""
    key = _key(fn, args, kwargs)
    if key is not None and any(is_staged(a) for a in args):
        for outer_fn, outer_key in reversed(_state.active):
            if outer_fn is fn and outer_key is not None and \
                    _python_part(outer_key) == _python_part(key):
                return _recursive_call(fn, converted, args, key)
    with active(fn, args, kwargs):
        return converted(*args, **kwargs)


def _recursive_call(fn, converted, args, key):
    loc = user_location()
    if probing():
        # On a throwaway tracer: only the result types matter.
        if key in _state.probing:
            raise Diverged()
        specs, structure = _state.known.get(key) or _probe(fn, converted, args, key, loc)
        return _placeholders(specs, structure)
    tracer = current_tracer()
    table = current_trace().recursion
    name = table["names"].get(key) or _define(fn, converted, args, key, tracer, table, loc)
    specs, structure = _state.known[key]
    operands = [as_staged(a)._value for a in args if _is_array(a)]
    depth = np.add(_state.depth[-1], np.int64(1)) if _state.depth else as_staged(np.int64(0))
    results = tracer.call(name, operands + [depth._value], loc)
    return unflatten(structure, iter(StagedArray(v, scalar=len(v.shape) == 0)
                                     for v in results))


def _is_array(a):
    return isinstance(a, (StagedArray, np.ndarray, np.generic))


def _parameters(args, make):
    """`args` with every array argument replaced by make(index, arg)."""
    out, k = [], 0
    for a in args:
        if _is_array(a):
            out.append(make(k, a))
            k += 1
        else:
            out.append(a)
    return out


def _arg_specs(args):
    return [(np.dtype(a.dtype).name, _dims(a)) for a in args if _is_array(a)]


def _scalar_flag(a):
    return bool(getattr(a, "_scalar", False) or isinstance(a, np.generic))


def _placeholders(specs, structure):
    """Stand-ins for a recursive call's results on a probe tracer (only their types
    matter there): a constant, or for a dynamic shape a fresh argument of the throwaway
    probe function (a constant cannot have a dynamic dim)."""
    tracer = current_tracer()
    return unflatten(structure, iter(
        StagedArray(tracer.argument(dtype, shape) if -1 in shape else
                    as_staged(np.zeros(shape, dtype))._value, scalar=len(shape) == 0)
        for dtype, shape in specs))


def _probe(fn, converted, args, key, loc):
    """The result specs and structure of `fn(*args)`, traced on a throwaway tracer."""
    _check_captures(fn, loc)
    probe = _ag.Tracer("probe")
    _state.probing.append(key)
    try:
        with tracing(Trace(probe)):
            params = _parameters(args, lambda k, a: StagedArray(
                probe.argument(np.dtype(a.dtype).name, _dims(a)),
                scalar=_scalar_flag(a)))
            try:
                with active(fn, args):
                    out = converted(*params)
            except Diverged:
                if len(_state.probing) > 1:
                    raise  # the caller being probed may still have a base case
                raise AgUnsupportedError(
                    f"{describe(loc)}: every path of recursive function "
                    f"'{fn.__qualname__}' calls it again (while tracing it with staged "
                    "arguments, no branch returns without recursing); give it a base case "
                    "on a staged condition") from None
            leaves, structure = flatten(out)
            specs = []
            for leaf in leaves:
                if not (_is_array(leaf) or isinstance(leaf, (bool, int, float))):
                    raise AgUnsupportedError(
                        f"{describe(loc)}: recursive function '{fn.__qualname__}' returns a "
                        f"{type(leaf).__name__}; staged recursion returns arrays, numbers "
                        "or tuples of them")
                v = as_staged(leaf)
                specs.append((v.dtype.name, _dims(v)))
    finally:
        _state.probing.pop()
    _state.known[key] = (specs, structure)
    return specs, structure


def _check_captures(fn, loc):
    for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or ()):
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if is_staged(value):
            raise AgUnsupportedError(
                f"{describe(loc)}: recursive function '{fn.__qualname__}' reads the staged "
                f"value '{name}' of an enclosing function; a recursive function is "
                "compiled on its own: pass it as an argument")


def _define(fn, converted, args, key, tracer, table, loc):
    """Records `fn` for the signature of `args` as a recursive func.func; its name."""
    if sum(1 for k in table["names"] if k[0] is fn) >= MAX_SPECIALISATIONS:
        raise AgUnsupportedError(
            f"{describe(loc)}: recursive function '{fn.__qualname__}' is called with more "
            f"than {MAX_SPECIALISATIONS} different argument dtypes/shapes")
    specs, structure = _state.known.get(key) or _probe(fn, converted, args, key, loc)
    base = fn.__name__ if fn.__name__.isidentifier() else "fn"
    name, n = f"{base}_recursive", 0
    while name in table["used"]:
        n += 1
        name = f"{base}_recursive_{n}"
    table["used"].add(name)
    table["names"][key] = name  # declared before the body, which calls it
    # A hidden last argument: the recursion depth.
    params = tracer.begin_recursive_function(name, _arg_specs(args) + [("int64", [])], specs,
                                             loc)
    call_args = _parameters(args, lambda k, a: StagedArray(params[k], scalar=_scalar_flag(a)))
    depth = StagedArray(params[-1], scalar=True)
    cid = register_failure("recursion", (
        f"{describe(loc)}: maximum recursion depth exceeded in staged recursive function "
        f"'{fn.__qualname__}' (the native stack is full)"), loc)
    # The native stack is checked every STACK_CHECK_EVERY levels (a call to the runtime
    # per recursive call would cost more than a small body); the runtime keeps a reserve
    # larger than that many frames.
    check_now = np.equal(np.bitwise_and(depth, np.int64(STACK_CHECK_EVERY - 1)),
                         np.int64(0))
    stack_ok = cond(check_now, lambda: StagedArray(tracer.stack_guard(cid, loc)),
                    lambda: as_staged(np.bool_(True)))
    shallow = np.less(depth, np.int64(MAX_DEPTH))
    ok = np.logical_and(stack_ok, shallow)
    handle = tracer.begin_if(ok._value, loc)
    _state.depth.append(depth)
    try:
        with active(fn, args):
            leaves, got = flatten(converted(*call_args))
    finally:
        _state.depth.pop()
    for k, a in enumerate(call_args):
        if isinstance(a, StagedArray) and a._storage.version:
            # The callee is a func.func taking arrays by value: its writes would not
            # reach the caller's array.
            raise AgUnsupportedError(
                f"{describe(loc)}: recursive function '{fn.__qualname__}' writes into its "
                f"array argument #{k}; staged recursion passes arrays by value, so the "
                "caller would not see the write. Return the new array instead")
    if got != structure or len(leaves) != len(specs):
        raise AgUnsupportedError(f"{describe(loc)}: recursive function '{fn.__qualname__}' "
                                 "returns values of a different structure on different paths")
    then_values = [_as_spec(v, spec, fn, loc) for v, spec in zip(leaves, specs)]
    tracer.enter_branch(handle, 1)
    # Only where recursion stops: report the depth limit (the stack guard reported a
    # full stack itself). The condition is computed here: an ag.assert operand gets a
    # buffer, which on every call would cost more than the check.
    record_check(np.less(depth, np.int64(MAX_DEPTH)),
                 f"{describe(loc)}: maximum recursion depth exceeded in staged "
                 f"recursive function '{fn.__qualname__}' ({MAX_DEPTH} calls)", loc,
                 kind="recursion")
    else_values = [_unobserved(spec, call_args, fn, loc) for spec in specs]
    results = tracer.end_if(handle, then_values, else_values)
    tracer.end_function(results, loc)
    return name


def _as_spec(value, spec, fn, loc):
    v = as_staged(value)
    if (v.dtype.name, _dims(v)) != (spec[0], spec[1]):
        raise AgUnsupportedError(
            f"{describe(loc)}: recursive function '{fn.__qualname__}' returns "
            f"{v.dtype.name}{list(v.shape)} on one path and {spec[0]}{spec[1]} on its base "
            "case; give every path the same dtype and shape")
    return v._value


def _unobserved(spec, args, fn, loc):
    """A value of type `spec` for the path where the depth guard stops the recursion
    (the call then raises: the value is never observed). Zeros; for a dynamic shape
    (no constant has one, and ag.broadcast_to to a dynamic shape does not lower) an
    array argument whose shape is `spec`'s, or holds it with some axes more (reduced
    away by an `any`), made the result's dtype by a select."""
    dtype, shape = spec
    if -1 not in shape:
        return as_staged(np.zeros(shape, dtype))._value
    for a in args:
        extra = _extra_axes(_dims(a), shape) if _is_array(a) else None
        if extra is None:
            continue
        if not extra and np.dtype(a.dtype) == np.dtype(dtype):
            return as_staged(a)._value
        mask = np.equal(a, a)
        if extra:
            mask = np.any(mask, axis=extra)
        zero = np.zeros((), dtype)
        return as_staged(np.where(mask, zero, zero))._value
    raise AgUnsupportedError(
        f"{describe(loc)}: recursive function '{fn.__qualname__}' returns a {dtype}"
        f"[{', '.join('?' if d == -1 else str(d) for d in shape)}] array whose dynamic "
        "dims are not those of an array argument; staged recursion returns arrays of "
        "dynamic shape only when an argument has their dims")


def _extra_axes(dims, shape):
    """The axes of `dims` to drop to leave `shape` (in order), or None."""
    extra, k = [], 0
    for axis, d in enumerate(dims):
        if k < len(shape) and d == shape[k]:
            k += 1
        else:
            extra.append(axis)
    return tuple(extra) if k == len(shape) else None

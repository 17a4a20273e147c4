"""What the run-time operators share: undefined values, staged predicates, the values of
branch state, and the thread's staging mode (speculating, inside `try`).
"""

import threading

import numpy as np

from .._location import describe
from .array import StagedArray, as_staged, cast, current_tracer
from ..errors import AgValueError


class Undefined:
    """A variable that has no value on this path. Any use raises an error naming it."""

    __slots__ = ("name", "reason")

    def __init__(self, name, reason=None):
        self.name = name
        self.reason = reason

    def _fail(self, *args, **kwargs):
        if self.reason:
            raise AgValueError(self.reason)
        raise NameError(f"local variable '{self.name}' referenced before assignment")

    __getattr__ = __call__ = __getitem__ = __iter__ = __len__ = __bool__ = _fail
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _fail
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __pow__ = __matmul__ = _fail
    __lt__ = __le__ = __gt__ = __ge__ = __neg__ = __array__ = _fail
    __array_ufunc__ = __array_function__ = _fail

    def __repr__(self):
        return f"<undefined {self.name}>"


class UndefinedReturnValue(Undefined):
    """The return value on paths that have not returned yet (converters/returns.py)."""

    def __init__(self):
        super().__init__("return value")


def note_made(obj, table):
    """Records that `obj` was made in the block being traced, in the tracer's `table`
    (kept alive with the trace): Python objects made inside a staged region may change
    there, others may not (made_here)."""
    tracer = current_tracer()
    made = getattr(tracer, table, None)
    if made is None:
        made = {}
        setattr(tracer, table, made)
    made[id(obj)] = (obj, tracer.block_id())
    return obj


def made_here(obj, table):
    """Whether `obj` was recorded by note_made(obj, table) in the block being traced."""
    tracer = current_tracer()
    mine = getattr(tracer, table, {}).get(id(obj))
    return mine is not None and mine[0] is obj and mine[1] == tracer.block_id()


def retval(value):
    """The function's result: None when no return statement ran (Python's rule)."""
    return None if isinstance(value, UndefinedReturnValue) else value


def display_name(name):
    """How errors name a state variable (the return value's variable is generated)."""
    return "the return value" if name.startswith("retval_") else f"variable '{name}'"


def placeholder_like(value):
    """A value of `value`'s structure, dtypes and shapes for a path where it is never
    observed."""
    if isinstance(value, tuple):
        return tuple(placeholder_like(v) for v in value)
    value = as_staged(value)
    if None not in value.shape:
        return np.zeros_like(value)
    # Dynamic dims take size 0 (the value is never observed); their sizes must not be
    # read from `value`, which may live in the other branch.
    from .numpy_impl import broadcast_to
    return broadcast_to(np.zeros((), value.dtype),
                        [as_staged(np.int64(0)) if d is None else d for d in value.shape])


def staged_result(value):
    """A region result; 0-d ones leave the function as numpy scalars, as numpy's scalar
    arithmetic would have produced."""
    result = StagedArray(value)
    result._scalar = result.ndim == 0
    return result


def is_staged(value):
    return isinstance(value, StagedArray)


def where(loc):
    return describe(loc) if loc else "<unknown>"


def stageable(value):
    return isinstance(value, (StagedArray, np.ndarray, np.generic, bool, int, float))


def predicate(value, loc, what):
    value = as_staged(value)
    if value.shape != ():
        raise AgValueError(f"{where(loc)}: the condition of a staged {what} must be a "
                           f"0-d array, got shape {value.shape}; use .any() or .all()")
    return cast(value, np.bool_)


def flatten(value):
    """(leaves, structure) of a value that may be a tuple of values (a function's
    several results, say) or an object that flattens itself (`_ag_flatten`, e.g. a list
    carried by a staged loop); structure is None for a single value."""
    if isinstance(value, tuple):
        leaves, specs = [], []
        for v in value:
            sub, spec = flatten(v)
            leaves += sub
            specs.append(spec)
        return leaves, ("tuple", tuple(specs))
    if hasattr(type(value), "_ag_flatten"):
        leaves, meta = value._ag_flatten()
        return leaves, ("object", type(value), meta)
    return [value], None


def unflatten(structure, leaves):
    """The inverse of flatten, from an iterator of leaves."""
    if structure is None:
        return next(leaves)
    if structure[0] == "object":
        _, cls, meta = structure
        return cls._ag_unflatten(meta, [next(leaves) for _ in range(cls._ag_leaves)])
    return tuple(unflatten(spec, leaves) for spec in structure[1])


def scalar_leaves(*values):
    """Per leaf of a tuple state entry: whether numpy has a scalar there on the paths
    that set it (a Python number or a numpy scalar, not a 0-d array)."""
    flags = None
    for value in values:
        if isinstance(value, Undefined):
            continue
        mine = [not isinstance(v, StagedArray) or v._scalar for v in flatten(value)[0]]
        flags = mine if flags is None else [a or b for a, b in zip(flags, mine)]
    return flags or []


def describe_structure(value):
    if isinstance(value, tuple):
        return "(" + ", ".join(describe_structure(v) for v in value) + ")"
    if isinstance(value, Undefined):
        return "undefined"
    return describe_value(value)


def describe_value(v):
    if isinstance(v, (StagedArray, np.ndarray)):
        return f"{np.dtype(v.dtype).name}{list(v.shape)}"
    return type(v).__name__


# --- branch values --------------------------------------------------------------------

def detach(value):
    """`value` as it is now: a staged object written in place later keeps this value."""
    if isinstance(value, tuple):
        return tuple(detach(v) for v in value)
    if isinstance(value, StagedArray):
        return StagedArray(value._value, scalar=value._scalar)
    return value


# --- the thread's staging mode ----------------------------------------------------------

class _Mode(threading.local):
    def __init__(self):
        self.speculating = 0  # > 0 while a Python range loop is tried as a staged loop
        self.tries = []       # locations of the `try` statements being traced
        self.unsupported = None  # an ag limitation raised inside a user's `try`


mode = _Mode()


class Unstageable(Exception):
    """Raised while speculating when the body does something only Python iteration
    can do (a Python side effect that must happen once per iteration)."""

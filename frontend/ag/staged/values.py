"""Values crossing a staged region's boundary: flattening results into leaves and back,
the 0-d predicate of a staged condition, region results as numpy scalars, placeholders
for a path that never observes a value; shared by the regions and the operators.
"""

import numpy as np

from .._location import describe
from ..errors import AgValueError
from .array import StagedArray, as_staged, cast


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
    from .reshaping import broadcast_to
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
        count = cls._ag_leaf_count(meta) if hasattr(cls, "_ag_leaf_count") else \
            cls._ag_leaves
        return cls._ag_unflatten(meta, [next(leaves) for _ in range(count)])
    return tuple(unflatten(spec, leaves) for spec in structure[1])


def describe_value(v):
    if isinstance(v, (StagedArray, np.ndarray)):
        return f"{np.dtype(v.dtype).name}{list(v.shape)}"
    return type(v).__name__


def detach(value):
    """`value` as it is now: a staged object written in place later keeps this value."""
    if isinstance(value, tuple):
        return tuple(detach(v) for v in value)
    if isinstance(value, StagedArray):
        return StagedArray(value._value, scalar=value._scalar)
    return value

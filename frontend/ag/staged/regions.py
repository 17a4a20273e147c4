"""Staged control flow primitives: the regions API of the tracer at the Python level.

``cond``, ``while_loop``, ``fori_loop`` and ``call`` record scf.if / scf.while /
scf.for / func.call when their inputs are staged, and run plain Python otherwise -- the
dynamic dispatch AutoGraph's converted code relies on (issue #4 converts `if`/`while`/
`for` into these). Values crossing a region boundary are StagedArrays (Python numbers
and numpy arrays are staged as constants); loop-carried values must keep their dtype and
shape, and both branches of a ``cond`` must return the same structure, dtypes and shapes.
"""

import numpy as np

from .. import _ag
from .._location import describe, user_location
from .array import StagedArray, as_staged, cast
from ..trace import current_tracer
from ..errors import AgValueError


def _flatten(value, what):
    if isinstance(value, (tuple, list)):
        flat = [as_staged(v) for v in value]
        return flat, (type(value), len(value))
    return [as_staged(value)], None


def _unflatten(spec, values):
    if spec is None:
        return values[0]
    kind, _ = spec
    return kind(values)


def _wrap(values):
    # 0-d region results leave the function as numpy scalars (numpy's scalar results).
    return [StagedArray(v, scalar=len(v.shape) == 0) for v in values]


def _staging_error(loc, what, error):
    return AgValueError(f"{describe(loc)}: {what}: {error}")


def _predicate(pred, loc):
    pred = as_staged(pred)
    if pred.shape != ():
        raise AgValueError(f"{describe(loc)}: a staged condition must be a 0-d array, got "
                           f"shape {pred.shape} (use .any() or .all())")
    return cast(pred, np.bool_)


def cond(pred, true_fn, false_fn, *operands):
    """``true_fn(*operands) if pred else false_fn(*operands)``, staged as scf.if when
    `pred` is a staged value."""
    if not isinstance(pred, StagedArray):
        return true_fn(*operands) if pred else false_fn(*operands)
    loc = user_location()
    tracer = current_tracer()
    handle = tracer.begin_if(_predicate(pred, loc)._value, loc)
    then_flat, then_spec = _flatten(true_fn(*operands), "true branch")
    # Each branch's values are read in that branch (a view read later would be
    # derived in the other branch).
    then_values = [v._value for v in then_flat]
    tracer.enter_branch(handle, 1)
    else_flat, else_spec = _flatten(false_fn(*operands), "false branch")
    else_values = [v._value for v in else_flat]
    if then_spec != else_spec:
        raise AgValueError(f"{describe(loc)}: the branches of a staged condition return "
                           "different structures")
    try:
        results = tracer.end_if(handle, then_values, else_values)
    except _ag.StagingError as e:
        raise _staging_error(loc, "the branches of a staged condition disagree", e) \
            from None
    return _unflatten(then_spec, _wrap(results))


def while_loop(cond_fn, body_fn, init_vals):
    """``while cond_fn(*vals): vals = body_fn(*vals)``; staged as scf.while when the
    condition is staged. Returns the final values (a tuple)."""
    vals = tuple(init_vals)
    first = cond_fn(*vals)
    if not isinstance(first, StagedArray):
        while first:
            vals = tuple(body_fn(*vals))
            first = cond_fn(*vals)
        return vals
    # The condition was traced once already to learn it is staged; record the loop.
    loc = user_location()
    tracer = current_tracer()
    inits = [as_staged(v) for v in vals]
    handle, args = tracer.begin_while([v._value for v in inits], loc)
    c = _predicate(cond_fn(*_wrap(args)), loc)
    body_args = tracer.while_body(handle, c._value, args)
    new = [as_staged(v) for v in body_fn(*_wrap(body_args))]
    try:
        results = tracer.end_while(handle, [v._value for v in new])
    except _ag.StagingError as e:
        raise _staging_error(loc, "a loop-carried value changes", e) from None
    return tuple(_wrap(results))


def fori_loop(lower, upper, body_fn, init_vals):
    """``for i in range(lower, upper): vals = body_fn(i, *vals)``; staged as scf.for
    when a bound is staged (the body then sees `i` as a 0-d int64 staged array)."""
    vals = tuple(init_vals)
    if not isinstance(lower, StagedArray) and not isinstance(upper, StagedArray):
        for i in range(int(lower), int(upper)):
            vals = tuple(body_fn(i, *vals))
        return vals
    loc = user_location()
    tracer = current_tracer()
    bounds = [cast(as_staged(b), np.int64) for b in (lower, upper, 1)]
    for b in bounds:
        if b.shape != ():
            raise AgValueError(f"{describe(loc)}: loop bounds must be 0-d, got {b.shape}")
    inits = [as_staged(v) for v in vals]
    handle, iv, args = tracer.begin_for(*[b._value for b in bounds],
                                        [v._value for v in inits], loc)
    new = [as_staged(v) for v in body_fn(StagedArray(iv, scalar=True), *_wrap(args))]
    try:
        results = tracer.end_for(handle, [v._value for v in new])
    except _ag.StagingError as e:
        raise _staging_error(loc, "a loop-carried value changes", e) from None
    return tuple(_wrap(results))


def call(name, fn, *args):
    """Records `fn(*args)` as a separate function `name` and a func.call of it."""
    loc = user_location()
    tracer = current_tracer()
    staged = [as_staged(a) for a in args]
    try:
        params = tracer.begin_function(name, [(a.dtype.name, list(a.shape)) for a in staged],
                                       loc)
    except _ag.StagingError as e:
        raise _staging_error(loc, f"cannot define function {name!r}", e) from None
    flat, spec = _flatten(fn(*_wrap(params)), "function result")
    tracer.end_function([v._value for v in flat], loc)
    results = tracer.call(name, [a._value for a in staged], loc)
    return _unflatten(spec, _wrap(results))

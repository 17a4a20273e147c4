"""Staged regions as functions: ``cond`` records an scf.if and ``while_loop`` an
scf.while when their condition is staged, and run plain Python otherwise.

ag's own compositions use them (a staged failure path in advanced indexing, Euclid's
loop in np.gcd, the depth check of recursion), and ag.control offers them for code ag
cannot convert. Converted code does not: the converters turn `if`/`while`/`for` into
the operators of ag.operators, which also merge Python state, lists and storages. Values
crossing a region boundary are StagedArrays (Python numbers and numpy arrays are staged
as constants); loop-carried values must keep their dtype and shape, and both branches of
a ``cond`` must return the same structure, dtypes and shapes.
"""

from .._compiler import compiler as _ag
from .._location import describe, user_location
from ..errors import AgValueError
from ..trace import current_tracer
from .array import StagedArray, as_staged
from .values import flatten, predicate, staged_result, unflatten


def _leaves(value):
    """A branch's or body's result as staged leaves and its structure (a list is taken
    as a tuple: results are unpacked like `a, b = ...`)."""
    leaves, structure = flatten(tuple(value) if isinstance(value, list) else value)
    return [as_staged(v) for v in leaves], structure


def _results(values, structure):
    # 0-d region results leave the function as numpy scalars (numpy's scalar results).
    return unflatten(structure, iter([staged_result(v) for v in values]))


def cond(pred, true_fn, false_fn, *operands):
    """``true_fn(*operands) if pred else false_fn(*operands)``, staged as scf.if when
    `pred` is a staged value."""
    if not isinstance(pred, StagedArray):
        return true_fn(*operands) if pred else false_fn(*operands)
    loc = user_location()
    tracer = current_tracer()
    handle = tracer.begin_if(predicate(pred, loc, "cond")._value, loc)
    then_flat, then_spec = _leaves(true_fn(*operands))
    # Each branch's values are read in that branch (a view read later would be
    # derived in the other branch).
    then_values = [v._value for v in then_flat]
    tracer.enter_branch(handle, 1)
    else_flat, else_spec = _leaves(false_fn(*operands))
    else_values = [v._value for v in else_flat]
    if then_spec != else_spec:
        raise AgValueError(f"{describe(loc)}: the branches of a staged condition return "
                           "different structures")
    try:
        results = tracer.end_if(handle, then_values, else_values)
    except _ag.StagingError as e:
        raise AgValueError(f"{describe(loc)}: the branches of a staged condition "
                           f"disagree: {e}") from None
    return _results(results, then_spec)


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
    structure = (("tuple", (None,) * len(args)))
    c = predicate(cond_fn(*_results(args, structure)), loc, "while_loop")
    body_args = tracer.while_body(handle, c._value, args)
    new = [as_staged(v) for v in body_fn(*_results(body_args, structure))]
    try:
        results = tracer.end_while(handle, [v._value for v in new])
    except _ag.StagingError as e:
        raise AgValueError(f"{describe(loc)}: a loop-carried value changes: {e}") from None
    return _results(results, structure)

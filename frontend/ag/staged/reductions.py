"""Reductions of staged arrays: sum, prod, mean, max, min, all, any (and amax/amin),
argmax/argmin, with numpy's axis, dtype, keepdims and empty-input rules.
"""

import operator

import numpy as np

from .._location import describe, user_location
from . import dynamic, layout, memory
from .array import StagedArray, as_staged, cast, check_dtype, record
from .checks import record_check
from .registry import _FUNCTIONS, _normalize_axes, _normalize_axis, _unsupported, implements
from .reshaping import reshape


_REDUCTIONS = {"sum": (np.sum, "ag.sum"), "prod": (np.prod, "ag.prod"),
               "mean": (np.mean, "ag.mean"), "max": (np.max, "ag.max"),
               "min": (np.min, "ag.min"), "all": (np.all, "ag.all"),
               "any": (np.any, "ag.any")}


def reduction(name, x, axis=None, dtype=None, out=None, keepdims=False, initial=None,
              where=True):
    if out is not None or initial is not None or where is not True:
        _unsupported(f"np.{name} with out=, initial= or where=")
    x = as_staged(x)
    np_func, op = _REDUCTIONS[name]
    with np.errstate(all="ignore"):
        out_dtype = np.result_type(np_func(np.ones(1, x.dtype), dtype=dtype)
                                   if name not in ("max", "min", "all", "any")
                                   else np_func(np.ones(1, x.dtype)))
    check_dtype(out_dtype, f"the result of np.{name}")
    if x.ndim == 0 and name != "mean" and not isinstance(axis, (tuple, list)) \
            and axis in (0, -1):
        axis = None  # numpy's ufunc reductions accept an integer axis 0/-1 on 0-d arrays
    axes = _normalize_axes(axis, x.ndim)
    order = _memory_order(x) if name in ("sum", "prod", "mean") and \
        np.dtype(out_dtype).kind in "fc" and x.ndim > 1 else None
    if name in ("all", "any"):
        x = cast(x, np.bool_)
    elif name in ("sum", "prod", "mean"):
        x = cast(x, out_dtype)
    if not axes:  # Reducing over no axis is the identity (numpy still casts).
        r = cast(x, out_dtype)
        return StagedArray(r._value, scalar=r.ndim == 0)
    if x.dtype.kind == "c" and name != "prod":  # (a complex ag.prod is numpy's loop)
        from . import complexes  # (built on the ufuncs: a cycle)
        if name in ("max", "min"):
            return complexes.extreme(name, x, axes, bool(keepdims))
        return complexes.sum_or_mean(name, x, axes, bool(keepdims))
    if name in ("max", "min"):
        _check_nonempty(x, axes, f"zero-size array to reduction operation "
                                 f"{'maximum' if name == 'max' else 'minimum'} which has no "
                                 "identity")
    if order is not None:
        return _in_memory_order(op, x, axes, bool(keepdims), order)
    r = record(op, [x], {"axes": axes, "keepdims": bool(keepdims)})
    r._scalar = r.ndim == 0
    return r


def _memory_order(x):
    """The axes of `x`, outermost first, in the order numpy's reductions walk them, or
    None when x's layout is unknown. numpy's iterator sorts the axes by stride, largest
    first (by |stride|: a reduction does not flip negative strides), and a float sum
    adds in that order: pairwise along the innermost, in one run where the order is
    contiguous. For a Fortran-ordered or transposed array that is another association
    of the sum than x's own order, which cancellation can make another value
    altogether."""
    strides = x._element_strides()
    return None if strides is None else layout.best_order(x.shape, [strides])


def _in_memory_order(op, x, axes, keepdims, order):
    """Reduction `op` of x over `axes`, run on x's axes permuted into numpy's order (see
    _memory_order) and marked so: ag.sum adds in the order of its operand. The result's
    axes are put back in x's order; numpy lays the result out in the iterator's order,
    as this transpose of it is."""
    permuted = x if order == list(range(x.ndim)) else \
        record("ag.transpose", [x], {"permutation": order})
    r = record(op, [permuted], {"axes": sorted(order.index(a) for a in axes),
                                "keepdims": keepdims, "in_memory_order": True})
    # r's axis i is x's axis kept[i]; in x's order it is axis ranks[i], and r's axes
    # in memory order (outermost first) are those.
    kept = order if keepdims else [a for a in order if a not in axes]
    ranks = [sorted(kept).index(a) for a in kept]
    if ranks != sorted(ranks):
        r = record("ag.transpose", [r], {"permutation": [int(i) for i in np.argsort(kept)]})
        memory.set_layout(r, layout.in_order(r.shape, ranks))
    r._scalar = r.ndim == 0
    return r


def _check_nonempty(x, axes, message):
    """numpy raises for max/min/argmax of nothing; a dynamic dim may be 0 at run time."""
    unknown = [a for a in axes if x.shape[a] is None]
    if not unknown:
        return
    loc = user_location()
    for a in unknown:
        record_check(np.greater(dynamic.dim_of(x, a, loc), np.int64(0)),
                     f"{describe(loc)}: {message}", loc)


def arg_reduction(name, x, axis=None, keepdims=False):
    x = as_staged(x)
    if x.ndim == 0 and axis in (0, -1):
        axis = None
    if x.dtype.kind == "c":
        from .complexes import arg_extreme  # (built on the ufuncs: a cycle)
        axis = None if axis is None else _normalize_axis(operator.index(axis), x.ndim)
        r = arg_extreme(name, x, axis)
        if keepdims:
            r = reshape(r, tuple(1 if axis is None or a == axis else d
                                 for a, d in enumerate(x.shape)))
        return r
    _check_nonempty(x, list(range(x.ndim)) if axis is None
                    else [_normalize_axis(operator.index(axis), x.ndim)],
                    f"attempt to get {name} of an empty sequence")
    if axis is None:
        flat = reshape(x, (-1,))
        r = record(f"ag.{name}", [flat], {"axis": 0, "keepdims": False})
        if keepdims:
            r = reshape(r, (1,) * x.ndim)
    else:
        axis = _normalize_axis(operator.index(axis), x.ndim)
        r = record(f"ag.{name}", [x], {"axis": axis, "keepdims": bool(keepdims)})
    r._scalar = r.ndim == 0
    return r


@implements(np.argmax)
def _argmax(a, axis=None, out=None, keepdims=False):
    return arg_reduction("argmax", a, axis, keepdims)


@implements(np.argmin)
def _argmin(a, axis=None, out=None, keepdims=False):
    return arg_reduction("argmin", a, axis, keepdims)


for _name in _REDUCTIONS:
    def _make(name):
        def impl(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
            return reduction(name, a, axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                             **kwargs)
        return impl
    _impl = _make(_name)
    implements(_REDUCTIONS[_name][0])(_impl)
implements(np.amax)(_FUNCTIONS[np.max])
implements(np.amin)(_FUNCTIONS[np.min])

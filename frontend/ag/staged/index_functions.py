"""numpy's gather/scatter functions on staged arrays, as compositions over advanced
indexing (advanced) and its primitives: nonzero, argwhere, flatnonzero, one-argument
where, take, take_along_axis, put, ufunc.at and bincount.

Functions that write (put, ufunc.at) change their array in place through the object
model: every alias and view sees the write, and an argument array is written back to the
caller, as numpy's would be.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgIndexError, AgTypeError, AgUnsupportedError, AgValueError
from . import advanced, dynamic
from .array import StagedArray, as_staged, cast, check_dtype, constant, record
from .checks import record_check
from .registry import _DYNAMIC_OK, _normalize_axis, _result_dtype, _unsupported, implements
from .reshaping import broadcast_to, reshape


def _plain(a):
    """The contents of `a` now as a new array object (reads and writes of it do not
    reach `a`)."""
    return StagedArray(as_staged(a)._value)


def _ravel(a):
    return _plain(reshape(_plain(a), (-1,)))


@implements(np.nonzero)
def nonzero(a):
    a = as_staged(a)
    if a.ndim == 0:  # numpy 1.24 (deprecated): as np.atleast_1d(a)
        a = reshape(a, (1,))
    return tuple(advanced.nonzero_rows(cast(a, np.bool_)))


@implements(np.argwhere)
def argwhere(a):
    a = as_staged(a)
    stacked = record("ag.nonzero", [cast(a, np.bool_)])
    return StagedArray(record("ag.transpose", [stacked], {"permutation": [1, 0]})._value)


@implements(np.flatnonzero)
def flatnonzero(a):
    return nonzero(_ravel(a))[0]


def where_one_argument(condition):
    """np.where(condition): np.nonzero(condition) (numpy: asarray(condition).nonzero())."""
    return nonzero(condition)


def _index_operand(indices, what):
    if isinstance(indices, (StagedArray, np.ndarray)):
        return indices
    return np.asarray(indices) if not isinstance(indices, list) or \
        not advanced._has_staged(indices) else advanced._array_of(indices, user_location())


@implements(np.take)
def take(a, indices, axis=None, out=None, mode="raise"):
    loc = user_location()
    if out is not None:
        _unsupported("np.take with out=")
    a = _ravel(a) if axis is None else _plain(a)
    axis = 0 if axis is None else _normalize_axis(operator.index(axis), a.ndim)
    if mode not in ("raise", "wrap", "clip"):
        raise AgValueError(f"{describe(loc)}: clipmode must be one of 'clip', 'raise', or "
                           f"'wrap' (got {mode!r})")
    idx = _index_operand(indices, "np.take")
    if mode != "raise":
        n = a.shape[axis]
        if n == 0:
            raise AgIndexError(f"{describe(loc)}: cannot do a non-empty take from an empty "
                               "axes.")
        size = n if n is not None else dynamic.dim_of(a, axis, loc)
        idx = as_staged(idx, np.int64)
        idx = np.mod(idx, size) if mode == "wrap" else np.clip(idx, 0, np.subtract(size, 1))
        idx = StagedArray(idx._value)  # an array index, also when 0-d
        if idx.ndim == 0:
            r = a[(slice(None),) * axis + (idx,)]
            return StagedArray(r._value, scalar=r.ndim == 0)
    key = (slice(None),) * axis + (idx,)
    r = a[key]
    return StagedArray(as_staged(r)._value, scalar=as_staged(r)._scalar)


@implements(np.take_along_axis)
def take_along_axis(arr, indices, axis):
    loc = user_location()
    arr = _plain(arr)
    idx = _index_operand(indices, "np.take_along_axis")
    if idx.dtype.kind not in "iu":
        raise AgIndexError(f"{describe(loc)}: `indices` must be an integer array")
    if axis is None:
        if idx.ndim != 1:
            raise AgValueError(f"{describe(loc)}: when axis=None, `indices` must have a "
                               "single dimension.")
        arr, axis = _ravel(arr), 0
    if idx.ndim != arr.ndim:
        raise AgValueError(f"{describe(loc)}: `indices` and `arr` must have the same number "
                           "of dimensions")
    axis = _normalize_axis(operator.index(axis), arr.ndim)
    # numpy's own construction (_make_along_axis_idx): aranges on the other axes.
    fancy = []
    for d, n in enumerate(arr.shape):
        if d == axis:
            fancy.append(idx)
        else:
            shape = [1] * arr.ndim
            shape[d] = n
            fancy.append(np.arange(n, dtype=np.int64).reshape(shape))
    return arr[tuple(fancy)]


def _written(a, what):
    if not isinstance(a, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: {what} writes into a numpy array made while "
            "tracing; make it a staged array first, e.g. np.zeros_like(x) or a.copy() in "
            "the staged function")
    if a._scalar:
        raise AgTypeError(f"{describe(user_location())}: {what} needs an array to write "
                          "into, not a numpy scalar")
    return a


@implements(np.put)
def put(a, ind, v, mode="raise"):
    """a.flat[ind] = v, v repeated as needed (numpy's put), in place."""
    loc = user_location()
    a = _written(a, "np.put")
    if mode not in ("raise", "wrap", "clip"):
        raise AgValueError(f"{describe(loc)}: clipmode must be one of 'clip', 'raise', or "
                           f"'wrap' (got {mode!r})")
    if None in a.shape:
        _unsupported("np.put on an array with dynamic dims")
    idx = _index_operand(ind, "np.put")
    idx = as_staged(idx, np.int64) if isinstance(idx, StagedArray) or \
        idx.dtype.kind in "iub" else idx
    flat_idx = _ravel(idx)
    values = _ravel(cast(as_staged(v), a.dtype))
    n, m = flat_idx.shape[0], values.shape[0]
    if n is None or m is None:
        _unsupported("np.put with indices or values of a size known only at run time")
    if m == 0 or n == 0:
        return None  # numpy writes nothing
    if mode != "raise":
        size = a.size
        if size == 0:
            raise AgIndexError(f"{describe(loc)}: cannot replace elements of an empty array")
        flat_idx = np.mod(flat_idx, size) if mode == "wrap" else np.clip(flat_idx, 0,
                                                                           size - 1)
    if m != n:
        values = values[np.arange(n, dtype=np.int64) % m]
    contents = _plain(a)
    flat = _plain(reshape(contents, (-1,)))
    written = advanced.setitem(flat, (flat_idx,), values)
    a._assign(as_staged(reshape(written, a.shape)))
    return None


# ufunc.at: numpy's unbuffered in-place combine, one position after another.
_AT = {np.add: "add", np.subtract: "add", np.multiply: "mul", np.maximum: "max",
       np.minimum: "min", np.bitwise_and: "and", np.bitwise_or: "or",
       np.bitwise_xor: "xor", np.logical_and: "and", np.logical_or: "or",
       np.logical_xor: "xor"}


def ufunc_at(ufunc, a, indices, b=None):
    """`ufunc.at(a, indices, b)`: a[indices] = ufunc(a[indices], b) for each index in
    turn (a repeated index combines again), computed in numpy's loop dtype and cast back
    to a's (unsafe, as numpy's at)."""
    loc = user_location()
    name = f"np.{ufunc.__name__}.at"
    if b is None:
        _unsupported(f"{name} without a value (unary ufunc.at)")
    if ufunc not in _AT:
        _unsupported(name)
    a = _written(a, name)
    contents = _plain(a)
    loop = check_dtype(_result_dtype(ufunc, [contents, b]), f"the result of {name}")
    if ufunc in (np.logical_and, np.logical_or, np.logical_xor):
        loop = np.dtype(np.bool_)
    if not advanced.is_advanced(indices):
        # No index repeats: the buffered form is the same.
        old = contents[indices]
        new = ufunc(old, b)
        contents[indices] = cast(as_staged(new), a.dtype) if isinstance(new, StagedArray) \
            else new
        a._assign(contents)
        return None
    p = advanced.plan(contents, indices, checked=False)
    v = cast(as_staged(b), loop)
    if ufunc is np.subtract:
        v = np.negative(v)  # x - v is x + (-v) exactly, in floats and wrapping ints
    new = advanced._scatter(contents, p, v, _AT[ufunc], None, loc,
                             at_error="array is not broadcastable to correct shape")
    a._assign(new)
    return None


@implements(np.bincount)
def bincount(x, weights=None, minlength=0):
    loc = user_location()
    x = as_staged(x)
    if x.ndim != 1:
        raise AgValueError(f"{describe(loc)}: object "
                           f"{'too deep' if x.ndim > 1 else 'of too small depth'} for "
                           "desired array")
    if not np.can_cast(x.dtype, np.intp, "safe"):
        raise AgTypeError(f"{describe(loc)}: Cannot cast array data from {x.dtype!r} to "
                          f"{np.dtype(np.intp)!r} according to the rule 'safe'")
    minlength = 0 if minlength is None else operator.index(minlength)
    if minlength < 0:
        raise AgValueError(f"{describe(loc)}: 'minlength' must not be negative")
    if x.shape == (0,):
        # numpy returns intp zeros for no input, weights or not.
        return StagedArray(constant(np.zeros(minlength, np.int64))._value)
    xi = cast(x, np.int64)
    record_check(np.logical_not(np.any(np.less(xi, 0))),
                 f"{describe(loc)}: 'list' argument must have no negative elements", loc)
    # The length: max(x) + 1, at least minlength (an empty x has max -1 here).
    if x.shape[0] is not None:  # not empty (handled above): no sentinel needed
        top = record("ag.max", [xi], {"axes": [0], "keepdims": False})
    else:
        top = record("ag.max", [record("ag.concatenate", [xi, constant(np.array([-1]))],
                                       {"axis": 0})], {"axes": [0], "keepdims": False})
    n = np.maximum(np.add(top, 1), np.int64(minlength))
    if weights is not None and x.shape[0] is None:
        raise AgUnsupportedError(
            f"{describe(loc)}: np.bincount with weights of an array whose length is known "
            "only at run time is not staged: numpy's result dtype depends on it (int64 "
            "when it is empty, float64 otherwise); pass weights for a static length")
    if weights is None:
        dtype, updates = np.dtype(np.int64), None
    else:
        dtype = np.dtype(np.float64)
        updates = as_staged(weights, np.float64)
        if updates.ndim != 1 or (None not in updates.shape + x.shape and
                                 updates.shape != x.shape):
            raise AgValueError(f"{describe(loc)}: The weights and list don't have the same "
                               "length.")
        if updates.shape != x.shape:
            record_check(np.equal(dynamic.dim_of(updates, 0, loc),
                                  dynamic.dim_of(x, 0, loc)),
                         f"{describe(loc)}: The weights and list don't have the same "
                         "length.", loc)
    if updates is None:
        updates = constant(np.int64(1))  # ag.scatter broadcasts it
    out = broadcast_to(constant(np.zeros((), dtype)), (n,))
    return StagedArray(record("ag.scatter", [updates, out, xi], {"combine": "add"})._value)


_DYNAMIC_OK.update({np.nonzero, np.argwhere, np.flatnonzero, np.take, np.bincount,
                    np.digitize})


@implements(np.digitize)
def digitize(x, bins, right=False):
    """np.digitize as counts of comparisons with the bins (numpy's searchsorted counts the
    same elements; NaN in x sorts after every bin), one fused pass per element of x over
    the bins: fast for the few bins digitize is used with."""
    loc = user_location()
    x = as_staged(x)
    if x.dtype.kind not in "biuf":
        raise AgTypeError(f"{describe(loc)}: x may not be complex")
    b = bins if isinstance(bins, StagedArray) else np.asarray(bins)
    if b.ndim != 1:
        raise AgValueError(f"{describe(loc)}: object "
                           f"{'too deep' if b.ndim > 1 else 'of too small depth'} for "
                           "desired array")
    monotonic = "bins must be monotonically increasing or decreasing"
    if isinstance(b, np.ndarray):
        if b.dtype.kind == "f" and np.isnan(b).any():
            _unsupported("np.digitize with NaN in the bins")
        d = np.diff(b)
        if not ((d >= 0).all() or (d <= 0).all()):
            raise AgValueError(f"{describe(loc)}: {monotonic}")
        increasing = bool((d >= 0).all())
    else:
        if b.shape[0] is None:
            _unsupported("np.digitize with bins of a length known only at run time")
        if b.dtype.kind == "f":
            record_check(np.logical_not(np.any(np.isnan(b))),
                         f"{describe(loc)}: np.digitize with NaN in the bins is not staged "
                         "(numpy's order of NaN bins)", loc)
        d = np.subtract(b[1:], b[:-1]) if b.shape[0] > 1 else None
        increasing = None if d is None else np.all(np.greater_equal(d, 0))
        if d is not None:
            record_check(np.logical_or(increasing, np.all(np.less_equal(d, 0))),
                         f"{describe(loc)}: {monotonic}", loc)
        else:
            increasing = True
    m = b.shape[0]
    if m == 0:
        r = np.zeros_like(x, dtype=np.int64) if x.ndim else constant(np.int64(0))
        return StagedArray(as_staged(r)._value, scalar=x.ndim == 0)
    col = reshape(x, x.shape + (1,)) if None not in x.shape else \
        reshape(x, dynamic.dims_of(x) + (1,))
    row = b.reshape((1,) * x.ndim + (m,)) if isinstance(b, np.ndarray) else \
        reshape(b, (1,) * x.ndim + (m,))

    def count(cmp):
        n = np.sum(cmp(row, col), axis=-1)
        if x.dtype.kind == "f":  # NaN sorts last: every bin is below it
            n = np.where(np.isnan(x), np.int64(m), n)
        return cast(as_staged(n), np.int64)
    up = count(np.less if right else np.less_equal)
    # Decreasing bins: numpy's len(bins) - searchsorted(bins[::-1], x, side), with
    # the same side as the increasing case, so the same comparison.
    down = np.subtract(np.int64(m), up)
    if increasing is True or increasing is False:
        r = up if increasing else down
    else:
        r = np.where(increasing, up, down)
    return StagedArray(as_staged(r)._value, scalar=x.ndim == 0)

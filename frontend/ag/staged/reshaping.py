"""The layout of staged arrays: reshape (a view when numpy's is), transpose, moveaxis,
swapaxes, broadcast_to, expand_dims, squeeze, concatenate/stack, copyto, copy, the
*_like constructors and full, shape/ndim/size.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgOperandError, AgTypeError, AgUnsupportedError, AgValueError
from . import dynamic, layout, memory
from .array import StagedArray, as_staged, cast, check_dtype, constant, record
from .registry import (_FUNCTIONS, _ndim, _normalize_axes, _normalize_axis, _stand_in,
                       _unsupported, implements)


def _shape_tuple(shape):
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(operator.index(s) for s in shape)


@implements(np.reshape)
def reshape(a, newshape, order="C"):
    """np.reshape: a view of `a` where numpy's is one (its strides allow it), else a
    copy, as numpy decides."""
    if order != "C":
        _unsupported(f"reshape with order={order!r}")
    a = as_staged(a)
    result = _reshaped(a, newshape)
    if result is a:
        return same_view(a)
    strides = a._element_strides()
    if strides is None:  # dynamic dims, or a view of objects whose layouts differ
        return a._detached(result, "this is a reshape of an array whose layout is known "
                           "only at run time (dynamic dims, or a view of arrays of "
                           "different layouts chosen by a staged condition)")
    new_strides = _nocopy_strides(a.shape, strides, result.shape)
    if new_strides is None:
        return memory.c_order(result)  # numpy copies (into a C-ordered array)
    shape, back = result.shape, a.shape
    return a._derived(lambda parent: record("ag.reshape", [parent], result=(a.dtype, shape)),
                      lambda parent, new: record("ag.reshape", [new],
                                                 result=(a.dtype, back)),
                      result, new_strides)


def same_view(a):
    """A new view of all of `a` (numpy's reshape/transpose to the same shape: a new
    object over the same memory)."""
    return a._derived(lambda parent: parent, lambda parent, new: new,
                      StagedArray(a._value, scalar=a._scalar), a._element_strides())


def _nocopy_strides(old_shape, old_strides, new_shape):
    """The strides of the reshape of an array of `old_shape`/`old_strides` to
    `new_shape` as a view, or None when numpy must copy (numpy's
    _attempt_nocopy_reshape, C order)."""
    if 0 in old_shape:
        return tuple(1 for _ in new_shape)
    olddims, oldstrides = [], []
    for d, st in zip(old_shape, old_strides):
        if d != 1:
            olddims.append(d)
            oldstrides.append(st)
    newdims = list(new_shape)
    newstrides = [0] * len(newdims)
    oi, oj, ni, nj = 0, 1, 0, 1
    while ni < len(newdims) and oi < len(olddims):
        np_, op = newdims[ni], olddims[oi]
        while np_ != op:
            if np_ < op:
                np_ *= newdims[nj]
                nj += 1
            else:
                op *= olddims[oj]
                oj += 1
        for ok in range(oi, oj - 1):
            if oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1]:
                return None
        newstrides[nj - 1] = oldstrides[oj - 1]
        for nk in range(nj - 1, ni, -1):
            newstrides[nk - 1] = newstrides[nk] * newdims[nk]
        ni, oi = nj, oj
        nj, oj = nj + 1, oj + 1
    last = newstrides[ni - 1] if ni >= 1 else 1
    for nk in range(ni, len(newdims)):
        newstrides[nk] = last
    return tuple(newstrides)


def _reshaped(a, newshape):
    """The contents of `a` reshaped (a plain array; `a` itself for the same shape)."""
    entries = newshape if isinstance(newshape, (tuple, list)) else [newshape]
    if None in a.shape or any(isinstance(e, StagedArray) for e in entries):
        return dynamic.reshape(a, newshape)
    shape = _static_reshape(a.size, list(_shape_tuple(newshape)), newshape)
    if tuple(shape) == a.shape:
        return a
    return record("ag.reshape", [a], result=(a.dtype, shape))


def _static_reshape(size, shape, newshape):
    """numpy 1.24's _fix_unknown_dimension: any negative entry is the unknown dim (-2 as
    well as -1), at most one; the known sizes multiply exactly (Python ints: a product
    that overflows numpy's intp cannot match any array's size)."""
    unknown = [i for i, s in enumerate(shape) if s < 0]
    if len(unknown) > 1:
        raise AgValueError(f"{describe(user_location())}: can only specify one unknown "
                           "dimension")
    known = 1
    for s in shape:
        if s >= 0:
            known *= s
    if (known == 0 or size % known) if unknown else known != size:
        raise AgOperandError(f"{describe(user_location())}: cannot reshape array of size "
                           f"{size} into shape {tuple(newshape)}")
    if unknown:
        shape[unknown[0]] = size // known
    return shape


@implements(np.transpose)
def transpose(a, axes=None):
    """np.transpose (and .T, swapaxes, moveaxis): a view of `a`."""
    a = as_staged(a)
    if axes is None:
        axes = list(range(a.ndim))[::-1]
    axes = [_normalize_axis(operator.index(x), a.ndim) for x in axes]
    if sorted(axes) != list(range(a.ndim)):
        raise AgValueError(f"{describe(user_location())}: axes don't match array")
    if axes == list(range(a.ndim)):
        return same_view(a)
    inverse = [int(i) for i in np.argsort(axes)]
    strides = a._element_strides()
    return a._derived(
        lambda parent: record("ag.transpose", [parent], {"permutation": axes}),
        lambda parent, new: record("ag.transpose", [new], {"permutation": inverse}),
        record("ag.transpose", [a], {"permutation": axes}),
        None if strides is None else tuple(strides[i] for i in axes))


@implements(np.moveaxis)
def _moveaxis(a, source, destination):
    a = as_staged(a)
    def axes(value):  # in the given order (numpy pairs sources with destinations)
        value = value if isinstance(value, (tuple, list)) else [value]
        return [_normalize_axis(operator.index(x), a.ndim) for x in value]
    sources, destinations = axes(source), axes(destination)
    if len(sources) != len(destinations):
        raise AgValueError(f"{describe(user_location())}: `source` and `destination` "
                           "arguments must have the same number of elements")
    order = [n for n in range(a.ndim) if n not in sources]
    for dest, src in sorted(zip(destinations, sources)):
        order.insert(dest, src)
    return transpose(a, order)


@implements(np.swapaxes)
def _swapaxes(a, axis1, axis2):
    a = as_staged(a)
    axes = list(range(a.ndim))
    i, j = _normalize_axis(axis1, a.ndim), _normalize_axis(axis2, a.ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(a, axes)


@implements(np.copyto)
def _copyto(dst, src, casting="same_kind", where=True):
    """np.copyto: writes `src` (broadcast) into `dst` in place, under `casting`."""
    if where is not True:
        _unsupported("np.copyto with where=")
    if not isinstance(dst, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: np.copyto into a numpy array made while "
            "tracing with a staged value; make the destination a staged array first")
    # A Python scalar is cast by value (numpy 1.24: copyto(int_array, 1) is fine).
    source = src if isinstance(src, (bool, int, float)) else src.dtype \
        if isinstance(src, (StagedArray, np.ndarray, np.generic)) else np.result_type(src)
    src_dtype = np.result_type(source)
    if not np.can_cast(source, dst.dtype, casting=casting):
        raise AgTypeError(f"{describe(user_location())}: Cannot cast array data from "
                          f"{np.dtype(src_dtype)!r} to {dst.dtype!r} according to the rule "
                          f"'{casting}'")
    dst[...] = src


@implements(np.broadcast_to)
def _broadcast_to(array, shape, subok=False):
    """np.broadcast_to: numpy's result is a read-only view (it follows later writes to
    `array`)."""
    a = as_staged(array)
    result = broadcast_to(a, shape, subok)
    strides = a._element_strides()
    if strides is not None:
        strides = None if None in result.shape else \
            layout.broadcast_strides(a.shape, strides, result.shape)
    return memory.readonly_view(a, lambda parent: broadcast_to(parent, result.shape),
                                StagedArray(result._value), strides, "a broadcast_to view")


def broadcast_to(array, shape, subok=False):
    a = as_staged(array)
    entries = list(shape) if isinstance(shape, (tuple, list)) else [shape]
    if any(e is None or isinstance(e, StagedArray) for e in entries) or None in a.shape:
        return dynamic.broadcast_to(a, entries)
    shape = _shape_tuple(shape)
    if a.shape == shape:
        return a
    return record("ag.broadcast_to", [a], result=(a.dtype, shape))


def full(shape, fill_value, dtype=None):
    """np.full / zeros / ones / empty of a shape holding staged sizes (converted code
    routes those calls here, ag.operators.calls)."""
    if isinstance(fill_value, StagedArray):
        value = fill_value if dtype is None else cast(fill_value, check_dtype(dtype, "np.full"))
    else:
        value = constant(np.array(fill_value, dtype=dtype))
    return broadcast_to(value, shape)


@implements(np.expand_dims)
def _expand_dims(a, axis):
    a = as_staged(a)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    ndim = a.ndim + len(axes)
    axes = sorted(_normalize_axis(x, ndim) for x in axes)
    shape = list(a.shape)
    for x in axes:
        shape.insert(x, 1)
    return reshape(a, shape)


@implements(np.squeeze)
def squeeze(a, axis=None):
    a = as_staged(a)
    if axis is None:
        axes = [i for i, d in enumerate(a.shape) if d == 1]
    else:
        axes = _normalize_axes(axis, a.ndim)
        for x in axes:
            if a.shape[x] != 1:
                raise AgValueError(f"{describe(user_location())}: cannot select an axis "
                                   "to squeeze out which has size not equal to one")
    return reshape(a, [d for i, d in enumerate(a.shape) if i not in axes])


def _common(arrays):
    with np.errstate(all="ignore"):
        dtype = np.result_type(*[_stand_in(x) if not isinstance(x, StagedArray)
                                 else np.ones(1, x.dtype) for x in arrays])
    check_dtype(dtype, "the joined arrays")
    return [as_staged(x, dtype) for x in arrays]


def _stacked_list(arrays):
    """The stacked elements of a list built in a staged loop, or None. Such a list is a
    StagedListValue, made by the operators above this package: its class says so with
    `_ag_rows_view` (the protocol `_ag_flatten` is of), and it carries them as
    `stacked`."""
    return arrays.stacked if getattr(type(arrays), "_ag_rows_view", False) else None


@implements(np.concatenate)
def _concatenate(arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    stacked = _stacked_list(arrays)
    if stacked is not None and axis is not None and stacked.ndim >= 2:
        # Joining the elements along `axis` = their axis moved next to the list's, merged.
        axis = _normalize_axis(axis, stacked.ndim - 1)
        moved = _moveaxis(stacked, 0, axis)
        shape = list(moved.shape)
        return reshape(moved, shape[:axis] + [shape[axis] * shape[axis + 1]] + shape[axis + 2:])
    arrays = _common(list(arrays))
    if axis is None:
        arrays, axis = [reshape(x, (-1,)) for x in arrays], 0
    axis = _normalize_axis(axis, arrays[0].ndim)
    dynamic.check_joined(arrays, axis, "all the input array dimensions except for the "
                       "concatenation axis must match exactly")
    return record("ag.concatenate", arrays, {"axis": axis})


@implements(np.stack)
def _stack(arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    stacked = _stacked_list(arrays)
    if stacked is not None:
        return _moveaxis(stacked, 0, _normalize_axis(axis, stacked.ndim)).copy()
    arrays = _common(list(arrays))
    axis = _normalize_axis(axis, arrays[0].ndim + 1)
    dynamic.check_joined(arrays, None, "all input arrays must have the same shape")
    return record("ag.stack", arrays, {"axis": axis})


@implements(np.vstack)
def _vstack(tup):
    arrays = [x if _ndim(x) >= 2 else reshape(as_staged(x), (1, -1)) for x in tup]
    return _concatenate(arrays, axis=0)


@implements(np.hstack)
def _hstack(tup):
    arrays = list(tup)
    return _concatenate(arrays, axis=0 if _ndim(arrays[0]) == 1 else 1)


@implements(np.zeros_like, np.ones_like, np.empty_like)
def _filled_like(a, dtype=None, order="K", subok=True, shape=None):
    # (empty_like's contents are unspecified: zeros are a valid choice.)
    return _full_like(a, 0, dtype, order, subok, shape)


_FUNCTIONS[np.ones_like] = lambda a, dtype=None, order="K", subok=True, shape=None: \
    _full_like(a, 1, dtype, order, subok, shape)


@implements(np.full_like)
def _full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None):
    a = as_staged(a)
    # A new array (broadcast_to of a constant is not one), laid out like `a`.
    result = StagedArray(as_staged(_full(a, fill_value, dtype, shape))._value)
    return memory.like(result, a) if order in ("K", "A") and shape is None else result


def _full(a, value, dtype, shape):
    dtype = np.dtype(dtype) if dtype is not None else a.dtype
    shape = dynamic.dims_of(a) if shape is None else shape
    if isinstance(value, StagedArray):
        # numpy's copyto(casting='unsafe') of a value known at run time; a new array,
        # not a view of the value.
        return StagedArray(broadcast_to(cast(value, dtype), shape)._value)
    return broadcast_to(constant(np.array(value, dtype=dtype)), shape)


@implements(np.shape)
def _shape(a):
    return a.shape


@implements(np.ndim)
def _ndim_impl(a):
    return a.ndim


@implements(np.size)
def _size(a, axis=None):
    a = as_staged(a)
    if axis is None:
        return a.size
    axis = _normalize_axis(operator.index(axis), a.ndim)
    return a.shape[axis] if a.shape[axis] is not None else dynamic.dim_of(a, axis, user_location())


@implements(np.copy)
def _copy(a, order="K", subok=False):
    # A new array object (value semantics keep it independent of `a`); np.copy of a
    # scalar is a 0-d array.
    a = as_staged(a)
    result = StagedArray(a._value, scalar=False)
    return memory.like(result, a) if order in ("K", "A") else result

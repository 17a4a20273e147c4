"""numpy's shape and data-movement functions as compositions: flip*, roll, tile,
repeat, pad, split/array_split, triu/tril, diag/diagonal, append, delete,
insert, column_stack, meshgrid, vander, select, nan_to_num, atleast_*d, ravel.

Where a function only selects elements (pad's index modes, delete, insert, repeat),
the selection is numpy's own: numpy runs the function on an index array (np.arange)
while tracing, and the staged array is gathered with the indices it returns -- so
the order, the edge cases and the exceptions are numpy's by construction.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgAxisError, AgIndexError, AgTypeError, AgValueError
from . import memory, registry, reshaping
from .array import StagedArray, as_staged, cast, check_dtype, record
from .checks import check_here, check_in_bounds
from .index_functions import take

implements = registry.implements


_numpy = registry.numpy_as_ag


def _static(x, what):
    x = as_staged(x)
    if None in x.shape:
        registry._unsupported(f"{what} of an array with dynamic dims")
    return x


def _new(x):
    """A new array object (never a view, never a numpy scalar)."""
    return StagedArray(as_staged(x)._value, scalar=False)


def _take(x, indices, axis):
    """x gathered along `axis` with a numpy index array (a copy). A gather, not slices
    joined: ag's concatenate along an inner axis measured 2-3x slower than this gather
    (pad of 1024x1024, reflect: 20 ms against 8 ms)."""
    return take(x, np.asarray(indices, np.int64), axis=axis)


# --- flips and rolls ------------------------------------------------------------------

@implements(np.flip)
def flip(m, axis=None):
    m = as_staged(m)
    axes = range(m.ndim) if axis is None else registry._normalize_axes(axis, m.ndim)
    key = tuple(slice(None, None, -1) if i in axes else slice(None) for i in range(m.ndim))
    return m[key]  # a view, as numpy's


@implements(np.fliplr)
def fliplr(m):
    m = as_staged(m)
    if m.ndim < 2:
        raise AgValueError(f"{describe(user_location())}: Input must be >= 2-d.")
    return m[:, ::-1]


@implements(np.flipud)
def flipud(m):
    m = as_staged(m)
    if m.ndim < 1:
        raise AgValueError(f"{describe(user_location())}: Input must be >= 1-d.")
    return m[::-1]


@implements(np.roll)
def roll(a, shift, axis=None):
    a = _static(a, "np.roll")
    if axis is None:
        return reshaping.reshape(roll(reshaping.reshape(_new(a), (-1,)), shift, 0), a.shape)
    if isinstance(axis, StagedArray):
        registry._unsupported("np.roll with a staged axis")
    if isinstance(shift, StagedArray):
        return _roll_staged(a, shift, axis)
    shifts = _numpy(np.broadcast, shift, axis)
    r = _new(a)
    totals = {}
    for s, ax in shifts:
        ax = registry._normalize_axis(operator.index(ax), a.ndim)
        totals[ax] = totals.get(ax, 0) + operator.index(s)
    for ax, s in totals.items():
        n = a.shape[ax]
        if n == 0:
            continue
        r = _take(r, (np.arange(n) - s) % n, ax)
    return r


def _roll_staged(a, shift, axis):
    """A shift known at run time (a 0-d integer): the gather of indices (i - shift) mod n,
    computed by the compiled code (numpy's `offset %= n` and its two slices)."""
    if shift.ndim != 0 or isinstance(axis, (tuple, list)):
        registry._unsupported("np.roll with a staged shift that is not one integer")
    if shift.dtype.kind not in "iu" or shift.dtype == np.uint64:
        raise AgTypeError(f"{describe(user_location())}: slice indices must be integers "
                          "or None or have an __index__ method")
    ax = registry._normalize_axis(operator.index(axis), a.ndim)
    n = a.shape[ax]
    if n == 0:
        return _new(a)
    index = np.remainder(np.subtract(as_staged(np.arange(n, dtype=np.int64)),
                                     cast(shift, np.dtype(np.int64))), n)
    return take(_new(a), index, axis=ax)


# --- repetition -----------------------------------------------------------------------

@implements(np.tile)
def tile(A, reps):
    A = _static(A, "np.tile")
    tup = tuple(reps) if np.iterable(reps) else (reps,)
    tup = tuple(operator.index(t) for t in tup)
    d = len(tup)
    shape = (1,) * max(d - A.ndim, 0) + A.shape
    tup = (1,) * (len(shape) - d) + tup
    # (r0, s0, r1, s1, ...) broadcast, then merged pairwise: numpy's tiled order.
    x = reshaping.reshape(_new(A), tuple(v for s in shape for v in (1, s)))
    x = reshaping.broadcast_to(x, tuple(v for r, s in zip(tup, shape) for v in (r, s)))
    return _new(reshaping.reshape(_new(x), tuple(r * s for r, s in zip(tup, shape))))


def _gather_numpy_indices(function, name, what, arr, obj, axis):
    """numpy's `function` (repeat, delete) of `arr` along `axis` (None: flattened) as a
    gather of the indices `function` itself computes on an index array: numpy's own
    rules for `obj` (counts, positions, slices, masks), errors included. A staged `obj`
    would make a result size known only at run time."""
    arr = _static(arr, name)
    if isinstance(obj, StagedArray):
        registry._unsupported(f"{name} with staged {what} (a result size known only at "
                              "run time)")
    if axis is None:
        arr, axis = reshaping.reshape(_new(arr), (-1,)), 0
    axis = registry._normalize_axis(operator.index(axis), arr.ndim)
    idx = _numpy(function, np.arange(arr.shape[axis]), obj)
    return _take(arr, idx, axis)


@implements(np.repeat)
def repeat(a, repeats, axis=None):
    if isinstance(repeats, StagedArray):
        from .sized import repeat  # (a result size known only at run time)
        return repeat(_static(a, "np.repeat"), repeats, axis)
    return _gather_numpy_indices(np.repeat, "np.repeat", "repeats", a, repeats, axis)


# --- padding ----------------------------------------------------------------------------

def _pad_widths(pad_width, ndim, what="pad_width"):
    widths = _numpy(np.broadcast_to, np.asarray(pad_width), (ndim, 2))
    if widths.dtype.kind not in "iu":
        raise AgTypeError(f"{describe(user_location())}: `{what}` must be of integral type.")
    if (widths < 0).any():
        raise AgValueError(f"{describe(user_location())}: index can't contain negative "
                           "values")
    return [(int(b), int(e)) for b, e in widths]


@implements(np.pad)
def pad(array, pad_width, mode="constant", **kwargs):
    x = _static(array, "np.pad")
    if callable(mode) or mode not in ("constant", "edge", "reflect", "symmetric", "wrap",
                                      "empty"):
        registry._unsupported(f"np.pad with mode={mode!r} (staged: constant, edge, reflect, "
                              "symmetric, wrap)")
    if kwargs.get("reflect_type", "even") != "even":
        registry._unsupported("np.pad with reflect_type='odd'")
    allowed = {"constant": {"constant_values"}, "reflect": {"reflect_type"},
               "symmetric": {"reflect_type"}}.get(mode, set())
    bad = set(kwargs) - allowed
    if bad:
        raise AgValueError(f"{describe(user_location())}: unsupported keyword arguments "
                           f"for mode '{mode}': {bad}")
    widths = _pad_widths(pad_width, x.ndim)
    values = None
    if mode in ("constant", "empty"):
        values = kwargs.get("constant_values", 0)
        if isinstance(values, StagedArray):
            registry._unsupported("np.pad with staged constant_values")
        # numpy casts the value into the array's dtype (1.5 into int is 1).
        values = _numpy(np.broadcast_to, np.asarray(values), (x.ndim, 2)).astype(x.dtype)
    # As numpy does: the array written into the middle of a new one, then per axis the
    # pad areas from the middle along that axis (every axis before it whole, the later
    # ones their middle: the corners are the later axes' to write). Writing slices
    # measured 4x faster than gathering along each axis.
    # The output starts uninitialised (ag.empty), as numpy's np.empty: the code below
    # writes every element of it (what a gather along one axis copies from a later
    # axis's pad areas, not written yet, is overwritten when that axis's turn comes).
    centre = tuple(slice(b, b + n) for (b, _), n in zip(widths, x.shape))
    shape = tuple(b + n + a for (b, a), n in zip(widths, x.shape))
    out = _new(record("ag.empty", [], result=(x.dtype, shape)))
    out[centre] = x
    for ax, (before, after) in enumerate(widths):
        if before == after == 0:
            continue
        n = x.shape[ax]
        lead, rest = (slice(None),) * ax, centre[ax + 1:]
        if values is not None:
            for side, (lo, hi) in enumerate(((0, before), (before + n, before + n + after))):
                if hi > lo:
                    out[lead + (slice(lo, hi),) + rest] = values[ax][side]
            continue
        # Where each pad position reads from (an index into the middle): numpy's own.
        idx = _numpy(np.pad, np.arange(n), (before, after), mode=mode) + before
        runs = _runs(idx, [range(0, before), range(before + n, before + n + after)])
        if runs is None:  # pads wider than the array: a gather of the whole axis
            out = _take(out, idx, ax)
            continue
        for dst, src in runs:
            out[lead + (dst,) + rest] = out[lead + (src,) + rest]
    return out


def _runs(idx, areas, most=8):
    """(destination slice, source slice) per run of the pad `areas` (ranges of
    positions) whose sources `idx[p]` step by +1, -1 or 0 (edge: one source repeated);
    None past `most` runs."""
    runs = []
    for area in areas:
        positions = list(area)
        i = 0
        while i < len(positions):
            j, step = i, None
            while j + 1 < len(positions):
                d = int(idx[positions[j + 1]] - idx[positions[j]])
                if d not in (-1, 0, 1) or step not in (None, d):
                    break
                step, j = d, j + 1
            first, count = int(idx[positions[i]]), j - i + 1
            if step == -1:
                src = slice(first, first - count if first - count >= 0 else None, -1)
            elif step == 0:
                src = slice(first, first + 1)
            else:
                src = slice(first, first + count)
            runs.append((slice(positions[i], positions[j] + 1), src))
            i = j + 1
    return runs if len(runs) <= most else None


# --- splitting --------------------------------------------------------------------------

def _split_points(n, indices_or_sections, exact):
    try:
        sections = operator.index(indices_or_sections)
    except TypeError:
        return [0] + [int(i) for i in indices_or_sections] + [n]
    if sections <= 0:
        raise AgValueError(f"{describe(user_location())}: number sections must be larger "
                           "than 0.")
    if exact and n % sections:
        raise AgValueError(f"{describe(user_location())}: array split does not result in "
                           "an equal division")
    each, extras = divmod(n, sections)
    sizes = [0] + extras * [each + 1] + (sections - extras) * [each]
    return list(np.cumsum(sizes))


def _split(ary, indices_or_sections, axis, exact):
    ary = _static(ary, "np.split")
    axis = registry._normalize_axis(operator.index(axis), max(ary.ndim, 1))
    if ary.ndim == 0:
        raise AgAxisError(f"{describe(user_location())}: axis {axis} is out of bounds "
                          "for array of dimension 0")
    points = _split_points(ary.shape[axis], indices_or_sections, exact)
    out = []
    for lo, hi in zip(points[:-1], points[1:]):
        key = (slice(None),) * axis + (slice(int(lo), int(hi)),)
        out.append(ary[key])
    return out


@implements(np.split)
def split(ary, indices_or_sections, axis=0):
    return _split(ary, indices_or_sections, axis, exact=True)


@implements(np.array_split)
def array_split(ary, indices_or_sections, axis=0):
    return _split(ary, indices_or_sections, axis, exact=False)


@implements(np.hsplit)
def hsplit(ary, indices_or_sections):
    ary = as_staged(ary)
    if ary.ndim == 0:
        raise AgValueError(f"{describe(user_location())}: hsplit only works on arrays of "
                           "1 or more dimensions")
    return split(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


@implements(np.vsplit)
def vsplit(ary, indices_or_sections):
    ary = as_staged(ary)
    if ary.ndim < 2:
        raise AgValueError(f"{describe(user_location())}: vsplit only works on arrays of "
                           "2 or more dimensions")
    return split(ary, indices_or_sections, 0)


# --- triangles and diagonals ------------------------------------------------------------

def _tri_mask(m, k, lower):
    shape = m.shape[-2:]
    mask = np.tri(*shape, k=k, dtype=bool) if lower else \
        ~np.tri(*shape, k=k - 1, dtype=bool)
    return mask


@implements(np.tril)
def tril(m, k=0):
    m = _static(m, "np.tril")
    if m.ndim < 2:
        m = reshaping.broadcast_to(m, (m.shape[0] if m.ndim else 1,) * 2) if m.ndim else m
    return _new(np.where(_tri_mask(m, k, True), m, np.zeros((), m.dtype)))


@implements(np.triu)
def triu(m, k=0):
    m = _static(m, "np.triu")
    if m.ndim == 1:
        m = reshaping.broadcast_to(m, (m.shape[0],) * 2)
    return _new(np.where(_tri_mask(m, k, False), m, np.zeros((), m.dtype)))


@implements(np.diagonal)
def diagonal(a, offset=0, axis1=0, axis2=1):
    a = _static(a, "np.diagonal")
    if a.ndim < 2:
        raise AgValueError(f"{describe(user_location())}: diag requires an array of at "
                           "least two dimensions")
    ax1 = registry._normalize_axis(operator.index(axis1), a.ndim)
    ax2 = registry._normalize_axis(operator.index(axis2), a.ndim)
    if ax1 == ax2:
        raise AgValueError(f"{describe(user_location())}: axis1 and axis2 cannot be the "
                           "same")
    rest = [i for i in range(a.ndim) if i not in (ax1, ax2)]
    n1, n2 = a.shape[ax1], a.shape[ax2]
    rows = np.arange(max(0, -offset), n1)
    cols = rows + offset
    keep = cols < n2
    rows, cols = rows[keep], cols[keep]

    def derive(parent):
        x = reshaping.transpose(_new(parent), rest + [ax1, ax2])
        if rows.size == 0:
            return as_staged(np.zeros(x.shape[:-2] + (0,), a.dtype))
        return _new(x[..., rows, cols])
    # numpy's is a read-only view: it follows later writes to `a`.
    strides = a._element_strides()
    if strides is not None:
        strides = tuple(strides[i] for i in rest) + (strides[ax1] + strides[ax2],)
    return memory.readonly_view(a, derive, _new(derive(a)), strides, "a diagonal")


def _readonly(x, what):
    """numpy returns a read-only view here: writing it raises ValueError, as numpy's."""
    x._storage.readonly = ("value", f"{describe(user_location())}: assignment "
                           f"destination is read-only ({what})")
    return x


@implements(np.diag)
def diag(v, k=0):
    v = _static(v, "np.diag")
    if v.ndim == 2:
        return diagonal(v, k)
    if v.ndim != 1:
        raise AgValueError(f"{describe(user_location())}: Input must be 1- or 2-d.")
    n = v.shape[0] + abs(k)
    rows = np.arange(v.shape[0]) + max(0, -k)
    cols = np.arange(v.shape[0]) + max(0, k)
    out = as_staged(np.zeros((n, n), v.dtype))
    out = _new(out)
    if v.shape[0]:
        out[rows, cols] = v
    return out


# --- joining, inserting and deleting ----------------------------------------------------

@implements(np.append)
def append(arr, values, axis=None):
    arr, values = as_staged(arr), as_staged(values)
    if axis is None:
        return np.concatenate([reshaping.reshape(_new(arr), (-1,)),
                               reshaping.reshape(_new(values), (-1,))])
    return np.concatenate([arr, values], axis=axis)


@implements(np.column_stack)
def column_stack(tup):
    arrays = []
    for v in tup:
        v = as_staged(v)
        if v.ndim < 2:
            v = reshaping.reshape(_new(v), (-1, 1))
        arrays.append(v)
    return np.concatenate(arrays, axis=1)


@implements(np.delete)
def delete(arr, obj, axis=None):
    if isinstance(obj, StagedArray) and obj.dtype.kind in "iu" and obj.dtype != np.uint64:
        if obj.ndim == 0:
            return _delete_one(arr, obj, axis)
        if obj.ndim == 1:
            return _delete_many(arr, obj, axis)
    return _gather_numpy_indices(np.delete, "np.delete", "indices", arr, obj, axis)


def _delete_many(arr, indices, axis):
    """numpy's delete of positions known at run time: what stays is marked in a mask
    (a position named twice is deleted once, negative ones count from the end, out of
    bounds is numpy's IndexError when the code runs), so the result's size along the
    axis is known only then (a dynamic dim)."""
    arr = _static(arr, "np.delete")
    if axis is None:
        arr, axis = reshaping.reshape(_new(arr), (-1,)), 0
    axis = registry._normalize_axis(operator.index(axis), arr.ndim)
    keep = as_staged(np.ones(arr.shape[axis], np.bool_))
    keep = _new(keep)
    keep[indices] = False
    return np.compress(keep, _new(arr), axis=axis)


def _delete_one(arr, index, axis):
    """numpy's delete of one position known at run time: one element fewer along the
    axis (a size known while tracing), the gather of 0..n-2 shifted past the position;
    out of bounds is numpy's IndexError when the compiled code runs."""
    arr = _static(arr, "np.delete")
    if axis is None:
        arr, axis = reshaping.reshape(_new(arr), (-1,)), 0
    axis = registry._normalize_axis(operator.index(axis), arr.ndim)
    n = arr.shape[axis]
    if n == 0:
        raise AgIndexError(f"{describe(user_location())}: index is out of bounds for "
                           f"axis {axis} with size 0")
    check_in_bounds(index, n, axis, user_location())
    index = cast(index, np.dtype(np.int64))
    position = np.where(np.less(index, 0), np.add(index, n), index)
    keep = as_staged(np.arange(n - 1, dtype=np.int64))
    return take(_new(arr), np.add(keep, cast(as_staged(np.greater_equal(keep, position)),
                                             np.dtype(np.int64))), axis=axis)


@implements(np.insert)
def insert(arr, obj, values, axis=None):
    arr = _static(arr, "np.insert")
    if isinstance(obj, StagedArray) and (obj.ndim != 0 or obj.dtype.kind not in "iu"):
        registry._unsupported("np.insert with staged indices (one staged integer "
                              "position is staged)")
    if axis is None:
        arr = reshaping.reshape(_new(arr), (-1,))
    elif arr.ndim != 1 or registry._normalize_axis(operator.index(axis), 1) != 0:
        registry._unsupported("np.insert along an axis of an N-d array (axis=None or 1-d "
                          "arrays are staged)")
    values = as_staged(values)
    if values.ndim > 1:
        registry._unsupported("np.insert of N-d values")
    vals = reshaping.reshape(_new(values), (-1,))
    n = arr.shape[0]
    if isinstance(obj, StagedArray):
        return _insert_at(arr, obj, vals)
    if np.ndim(obj) == 0 and not isinstance(obj, slice):
        k = vals.shape[0]  # all values go in at one position
    else:  # one value per position: values broadcast to their number
        k = _numpy(np.insert, np.arange(n), obj, 0).size - n
        if vals.shape[0] != k:
            _numpy(np.broadcast_to, np.zeros(vals.shape[0]), (k,))
            vals = reshaping.broadcast_to(vals, (k,))
    marker = _numpy(np.insert, np.arange(n), obj, -1 - np.arange(k))
    from_arr = marker >= 0
    src = np.where(from_arr, marker, 0)
    from_vals = np.where(from_arr, 0, -1 - marker)
    a_part = _take(arr, src, 0) if n else as_staged(np.zeros(marker.shape, arr.dtype))
    v_part = _take(cast(as_staged(vals), arr.dtype), from_vals, 0) if k else a_part
    return _new(np.where(from_arr, a_part, v_part))


def _insert_at(arr, index, vals):
    """numpy's insert of all of `vals` at one position known at run time into the 1-d
    `arr`: a size known while tracing (n + k), each element taken from `arr` or `vals`
    by where it lands; a position outside [-n, n] is numpy's IndexError when the code
    runs."""
    n, k = arr.shape[0], vals.shape[0]
    check_here(np.logical_and(np.greater_equal(index, -n), np.less_equal(index, n)),
               f"staged index is out of bounds for axis 0 with size {n}", "index")
    index = cast(index, np.dtype(np.int64))
    pos = np.where(np.less(index, 0), np.add(index, n), index)
    j = as_staged(np.arange(n + k, dtype=np.int64))
    from_vals = np.logical_and(np.greater_equal(j, pos), np.less(j, np.add(pos, k)))
    src = np.where(np.less(j, pos), j, np.subtract(j, k))
    a_part = take(arr, np.clip(src, 0, max(n - 1, 0)), axis=0) if n else None
    v_part = take(cast(as_staged(vals), arr.dtype),
                  np.clip(np.subtract(j, pos), 0, max(k - 1, 0)), axis=0) if k else None
    if a_part is None or v_part is None:
        return _new(arr if v_part is None else v_part)
    return _new(np.where(from_vals, v_part, a_part))


# --- grids and structured matrices ------------------------------------------------------

@implements(np.meshgrid)
def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise AgValueError(f"{describe(user_location())}: Valid values for `indexing` are "
                           "'xy' and 'ij'.")
    ndim = len(xi)
    s0 = (1,) * ndim
    out = []
    for i, x in enumerate(xi):
        x = as_staged(x)
        shape = s0[:i] + (-1,) + s0[i + 1:]
        out.append(reshaping.reshape(_new(x), tuple(x.size if d == -1 else d for d in shape)))
    if indexing == "xy" and ndim > 1:
        out[0] = reshaping.reshape(out[0], (1, -1) + s0[2:])
        out[1] = reshaping.reshape(out[1], (-1, 1) + s0[2:])
    if not sparse:
        shape = np.broadcast_shapes(*[o.shape for o in out])
        out = [reshaping.broadcast_to(o, shape) for o in out]
    return [_new(o) for o in out] if copy or not sparse else out


@implements(np.vander)
def vander(x, N=None, increasing=False):
    x = _static(x, "np.vander")
    if x.ndim != 1:
        raise AgValueError(f"{describe(user_location())}: x must be a one-dimensional "
                           "array or sequence.")
    n = x.shape[0] if N is None else operator.index(N)
    dtype = np.promote_types(x.dtype, int)
    check_dtype(dtype, "the result of np.vander")
    if n == 0:
        return _new(as_staged(np.zeros((x.shape[0], 0), dtype)))
    col = reshaping.reshape(cast(x, dtype), (-1, 1))
    cols = [as_staged(np.ones((x.shape[0], 1), dtype))]
    if n > 1:
        cols.append(reshaping.broadcast_to(col, (x.shape[0], n - 1)))
    powers = np.cumprod(np.concatenate(cols, axis=1), axis=1)  # multiply.accumulate
    return _new(powers if increasing else powers[:, ::-1])


@implements(np.select)
def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise AgValueError(f"{describe(user_location())}: list of cases must be same "
                           "length as list of conditions")
    if len(choicelist) == 0:
        raise AgValueError(f"{describe(user_location())}: select with an empty condition "
                           "list is not possible")
    stand = [registry._stand_in(c) if isinstance(c, StagedArray) else np.asarray(c)
             for c in choicelist] + [np.asarray(default)]
    dtype = check_dtype(np.result_type(*stand), "the result of np.select")
    for i, c in enumerate(condlist):
        if np.result_type(registry._stand_in(c) if isinstance(c, StagedArray)
                          else np.asarray(c)) != np.bool_:
            raise AgTypeError(f"{describe(user_location())}: invalid entry {i} in "
                              "condlist: should be boolean ndarray")
    shape = np.broadcast_shapes(*[np.shape(v) for v in list(condlist) + list(choicelist)
                                  + [default]])
    result = reshaping.broadcast_to(as_staged(default, dtype), shape)
    for cond, choice in reversed(list(zip(condlist, choicelist))):
        result = np.where(cond, as_staged(choice, dtype), result)
    return _new(reshaping.broadcast_to(as_staged(result), shape))


@implements(np.nan_to_num)
def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    x = as_staged(x)
    scalar = x.ndim == 0
    if x.dtype.kind != "f":
        return StagedArray(x._value, scalar=scalar)
    info = np.finfo(x.dtype)
    pos = info.max if posinf is None else posinf
    neg = info.min if neginf is None else neginf
    c = lambda v: as_staged(np.asarray(v).astype(x.dtype))  # noqa: E731
    r = np.where(np.isnan(x), c(nan), x)
    r = np.where(np.logical_and(np.isinf(x), np.greater(x, 0)), c(pos), r)
    r = np.where(np.logical_and(np.isinf(x), np.less(x, 0)), c(neg), r)
    r = StagedArray(as_staged(r)._value, scalar=scalar)
    if not copy and not scalar:
        x[...] = r
        return x
    return r


def _atleast_shape(shape, n):
    """numpy's atleast_1d/2d/3d: (1,) / (1, N) / (1, N, 1) and (M, N, 1)."""
    if len(shape) >= n:
        return shape
    if n == 1:
        return (1,)
    if n == 2:
        return (1,) + shape if shape else (1, 1)
    return {0: (1, 1, 1), 1: (1,) + shape + (1,), 2: shape + (1,)}[len(shape)]


def _atleast(n):
    def fn(*arys):
        out = []
        for a in arys:
            a = as_staged(a)
            if a.ndim < n:
                a = reshaping.reshape(_new(a), _atleast_shape(a.shape, n))
            elif a._scalar:
                a = StagedArray(a._value, scalar=False)
            out.append(a)
        return out[0] if len(out) == 1 else out
    return fn


implements(np.atleast_1d)(_atleast(1))
implements(np.atleast_2d)(_atleast(2))
implements(np.atleast_3d)(_atleast(3))


@implements(np.ravel)
def ravel(a, order="C"):
    return as_staged(a).ravel(order=order)

"""numpy basic indexing on staged arrays: x[i], x[a:b:c], x[..., None], x[i] = v.

Python ints and slices are resolved at trace time into one ag.slice (plus a reshape that
drops integer-indexed axes and adds new ones). 0-d staged integers index through
ag.dynamic_index / ag.dynamic_update; they act like Python ints (numpy treats 0-d integer
arrays as basic indices), wherever they appear, and an out-of-range one raises IndexError
when the compiled code runs. Boolean masks and integer arrays (advanced indexing) are
advanced's: StagedArray routes them there before they reach this module.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgIndexError, AgOperandError, AgUnsupportedError, AgValueError
from . import dynamic, numerics
from .array import StagedArray, as_staged, cast, record
from .checks import check_in_bounds, record_check


def _expand(key, ndim):
    """Key as a list of per-position entries with the Ellipsis expanded."""
    if not isinstance(key, tuple):
        key = (key,)
    consumed = sum(1 for k in key if k is not None and k is not Ellipsis)
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise AgIndexError(f"{describe(user_location())}: an index can only have a single "
                           "ellipsis ('...')")
    if consumed > ndim:
        raise AgIndexError(f"{describe(user_location())}: too many indices for array: "
                           f"array is {ndim}-dimensional, but {consumed} were indexed")
    out = []
    for k in key:
        if k is Ellipsis:
            out.extend([slice(None)] * (ndim - consumed))
        else:
            out.append(k)
    if not any(k is Ellipsis for k in key):  # `in` would call == on staged indices
        out.extend([slice(None)] * (ndim - consumed))
    return out


def _is_staged_int(k):
    return isinstance(k, StagedArray) and k.ndim == 0 and k.dtype.kind in "iu"


def _plan(x, key):
    """Resolves `key` against x.shape.

    Returns (starts, steps, counts) for the window, the staged index values with their
    axes, the final result shape and, for each of its dims, the axis of x it comes from
    (None for a new axis)."""
    entries = _expand(key, x.ndim)
    starts, steps, counts, staged, final, final_axes = [], [], [], [], [], []
    axis = 0
    for k in entries:
        if k is None:
            final.append(1)
            final_axes.append(None)
            continue
        n = x.shape[axis]
        if n is None:  # a dynamic dim (ag.stage(..., dynamic=))
            k = _dynamic_dim_key(k, axis)
        if isinstance(k, slice) and n is None and _is_whole(k):
            starts.append(0)
            steps.append(1)
            counts.append(None)
            final.append(None)
            final_axes.append(axis)
        elif isinstance(k, slice) and (n is None or any(
                isinstance(v, StagedArray) for v in (k.start, k.stop, k.step))):
            start, count, step = _run_time_window(x, axis, k)
            starts.append(start)
            steps.append(step)
            counts.append(count)
            final.append(count if isinstance(count, int) else None)
            final_axes.append(axis)
        elif isinstance(k, slice):
            start, stop, step = k.indices(n)
            count = len(range(start, stop, step))
            starts.append(start if count else 0)
            steps.append(step if count else 1)
            counts.append(count)
            final.append(count)
            final_axes.append(axis)
        elif _is_staged_int(k):
            starts.append(0)
            steps.append(1)
            counts.append(n)
            staged.append((axis, k))
        elif isinstance(k, (StagedArray, list)) or (isinstance(k, np.ndarray) and k.ndim):
            # (numpy indexes with a 0-d integer array as with an int: operator.index below)
            raise AgUnsupportedError(
                f"{describe(user_location())}: indexing with arrays (boolean masks or "
                "integer arrays) is not staged: its result shape depends on the data")
        else:
            try:
                i = operator.index(k)
            except TypeError:
                raise AgIndexError(f"{describe(user_location())}: only integers, slices, "
                                   "ellipsis, None and 0-d staged integers are valid "
                                   "indices") from None
            if not -n <= i < n:
                raise AgIndexError(f"{describe(user_location())}: index {i} is out of "
                                   f"bounds for axis {axis} with size {n}")
            starts.append(i % n)
            steps.append(1)
            counts.append(1)
        axis += 1
    return starts, steps, counts, staged, final, final_axes


def _dynamic_dim_key(k, axis):
    """A key on a dynamic dim: slices stay slices; a Python int becomes a staged index
    (its bounds are checked when the compiled code runs, as a staged index's)."""
    if isinstance(k, (slice, StagedArray)) or k is None or k is Ellipsis:
        return k
    try:
        return as_staged(np.int64(operator.index(k)))
    except TypeError:
        return k  # reported by _plan


def _is_whole(k):
    def is_(v, *values):
        return v is None or (not isinstance(v, StagedArray) and v in values)
    return is_(k.start, 0) and k.stop is None and is_(k.step, 1)


def _run_time_window(x, axis, k):
    """Python's slice semantics for a dim whose size or bounds are known only at run
    time: (start, count, step) with start (the first element taken) and count staged
    int64, numpy ops on the run-time size that compiled code evaluates."""
    step = 1 if k.step is None else k.step
    if isinstance(step, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: indexing on an array with dynamic dims "
            "(ag.stage(..., dynamic=)) is not staged yet for the slice "
            f"{_slice_text(k)} of dim {axis} (a staged step); Python int steps are")
    step = operator.index(step)
    if step == 0:
        raise AgValueError(f"{describe(user_location())}: slice step cannot be zero")
    fixed = _fixed_count(x.shape[axis], k, step)
    if fixed is not None:
        return fixed
    n = dynamic.dim_of(x, axis, user_location())
    n = as_staged(n) if isinstance(n, StagedArray) else np.int64(n)
    # Bounds clamp into [0, n] going forwards, into [-1, n - 1] going backwards.
    low, high = (np.int64(0), n) if step > 0 else (np.int64(-1), np.subtract(n, 1))

    def bound(v, default):
        if v is None:
            return default
        if isinstance(v, StagedArray):
            v = cast(v, np.int64)
            return np.where(np.less(v, 0), np.maximum(np.add(v, n), low),
                            np.minimum(v, high))
        v = operator.index(v)
        return np.maximum(np.add(n, v), low) if v < 0 else np.minimum(np.int64(v), high)

    if step > 0:
        start, stop = bound(k.start, np.int64(0)), bound(k.stop, n)
        span = np.subtract(stop, start)
    else:
        start, stop = bound(k.start, high), bound(k.stop, np.int64(-1))
        span = np.subtract(start, stop)
    stride = abs(step)
    count = np.maximum(np.floor_divide(np.add(span, stride - 1), stride), 0)
    return as_staged(start), as_staged(count), step


def _fixed_count(n, k, step):
    """(start, count, step) of x[i + a:i + b] (step > 0) when count is known while
    tracing: both bounds are one staged integer plus Python ints and, by its bounds
    (a loop index), always inside [0, n]. None otherwise."""
    def split(v):
        if isinstance(v, StagedArray):
            return getattr(v, "_shift", None) or (v, 0)
        return None, v
    if n is None or step < 0 or k.start is None or k.stop is None:
        return None
    (b1, o1), (b2, o2) = split(k.start), split(k.stop)
    if b1 is None or b1 is not b2 or b1._bounds is None or \
            not isinstance(o1, int) or not isinstance(o2, int):
        return None
    lo, hi = b1._bounds
    if lo + min(o1, o2) < 0 or hi + max(o1, o2) > n:
        return None  # may be clamped or counted from the end: run-time bounds
    count = max(-(-(o2 - o1) // step), 0)
    return cast(as_staged(k.start), np.int64), count, step


def _slice_text(k):
    return ":".join("" if v is None else str(v) for v in (k.start, k.stop, k.step)).rstrip(":")


def _window(x, starts, steps, counts):
    if any(isinstance(v, StagedArray) for v in starts + counts):
        # Bounds known at run time: one ag.window (dynamic sizes for the staged counts;
        # a whole dynamic dim is start 0 and its own size).
        loc = user_location()
        sizes = []
        for d, c in enumerate(counts):
            if c is None:
                c = dynamic.dim_of(x, d, loc)
            if isinstance(c, StagedArray):
                sizes.append(cast(c, np.int64))
        begin = [cast(as_staged(np.int64(s)) if not isinstance(s, StagedArray) else s,
                      np.int64) for s in starts]
        shape = [None if c is None or isinstance(c, StagedArray) else c for c in counts]
        return record("ag.window", [x] + begin + sizes,
                      {"steps": steps, "operandSegmentSizes": [1, len(begin), len(sizes)]},
                      result=(x.dtype, shape))
    if list(counts) == list(x.shape) and all(s == 1 for s in steps):
        return x
    return record("ag.slice", [x], {"starts": starts, "steps": steps},
                  result=(x.dtype, counts))


def view_strides(x, key):
    """The element strides of the view x[key] (None when x's are unknown): numpy's, so
    that a later reshape of the view is a view exactly when numpy's would be."""
    strides = x._element_strides()
    if strides is None:
        return None
    _, steps, _, _, _, final_axes = _plan(x, key)
    return tuple(0 if axis is None else strides[axis] * steps[axis]
                 for axis in final_axes)


def getitem(x, key):
    starts, steps, counts, staged, final, _ = _plan(x, key)
    if staged and [a for a, _ in staged] != list(range(len(staged))) and \
            all(x.shape[a] is not None for a, _ in staged):
        # A[:, j]: a window of size 1 at j (no transpose of A to bring j's axis first;
        # on a dynamic dim, which may be empty, ag.dynamic_index guards the read).
        _check_bounds(x, staged)
        loc = user_location()
        for axis, k in staged:
            starts[axis], counts[axis] = _from_front(x, axis, k, loc), 1
        staged = []
    r = _window(x, starts, steps, counts)
    if staged:
        _check_bounds(x, staged)
        axes = [a for a, _ in staged]
        r = np.transpose(r, axes + [a for a in range(r.ndim) if a not in axes])
        indices = [cast(k, np.int64) for _, k in staged]
        r = record("ag.dynamic_index", [r] + indices)
    r = np.reshape(r, final) if r.shape != tuple(final) else r
    # numpy returns a scalar for a full integer index, a 0-d array when `...` is present.
    has_ellipsis = any(k is Ellipsis for k in (key if isinstance(key, tuple) else (key,)))
    return StagedArray(r._value, scalar=r.ndim == 0 and not has_ellipsis)


def setitem(x, key, value):
    plan = _plan(x, key)
    if plan[3] and _has_python_ints(key):
        # With staged indices (a Python int on a dynamic dim is one), the other integer
        # indices go staged too: one ag.dynamic_update of the leading axes.
        key = _staged_ints(key)
        plan = _plan(x, key)
    starts, steps, counts, staged, final, final_axes = plan
    # numpy casts the assigned value to the array's dtype (unsafe casting; float scalars
    # into integer arrays through int(), see numerics.assigned_value).
    loc = user_location()
    if tuple(final) == ():
        numerics.check_element_from_array(value, x.dtype, loc)
    v = numerics.assigned_value(value, x.dtype, loc)
    axes = [a for a, _ in staged]
    if any(isinstance(c, StagedArray) for c in starts + counts) or (staged and (
            axes != list(range(len(axes))) or any(s != 1 for s in steps) or
            any(c != n for c, n in zip(counts, x.shape)))):
        # Run-time bounds, or staged indices beside slices or behind them (A[:, j] = v):
        # one window written in place.
        return _write_window(x, plan, v, loc)
    if not staged and tuple(final) == () and None not in v.shape and 0 in v.shape:
        # An empty array into one element: numpy takes its truth value for a bool array
        # (False, deprecated) and refuses it for the others.
        if x.dtype != np.bool_:
            raise AgOperandError(f"{describe(loc)}: setting an array element with a "
                               "sequence.")
        v = numerics.assigned_value(False, x.dtype, loc)
    if not staged:
        # numpy broadcasts the value to the shape x[key] has, then writes the window
        # (which keeps the integer-indexed axes as unit dims).
        v = _fit(v, final, [(x, a) for a in final_axes], loc)
        # The window's shape, but where the value has a dynamic dim (it writes as many
        # elements as it has, clamped to the window; the run-time check compares them).
        window_shape = list(counts)
        for d, axis in zip(v.shape, final_axes):
            if d is None and axis is not None:
                window_shape[axis] = None
        window_shape = tuple(window_shape)
        if v.shape != window_shape:
            v = np.reshape(v, window_shape)
        if window_shape == x.shape and all(s == 1 for s in steps):
            return v
        return record("ag.insert_slice", [v, x], {"starts": starts, "steps": steps})
    _check_bounds(x, staged)
    rest = range(len(axes), x.ndim)
    v = _fit(v, [x.shape[a] for a in rest], [(x, a) for a in rest], loc)
    indices = [cast(k, np.int64) for _, k in staged]
    return record("ag.dynamic_update", [v, x] + indices)


def _write_window(x, plan, v, loc):
    """x[key] = v as one ag.insert_window: a staged integer index is a window of size 1
    at it, a slice with run-time bounds one of its run-time count."""
    starts, steps, counts, staged, final, final_axes = plan
    starts, counts = list(starts), list(counts)
    if staged:
        _check_bounds(x, staged)
    for axis, k in staged:
        starts[axis], counts[axis] = _from_front(x, axis, k, loc), 1
    # numpy broadcasts the value to the shape x[key] has ...
    sizes = [1 if axis is None else
             dynamic.dim_of(x, axis, loc) if counts[axis] is None else counts[axis]
             for axis in final_axes]
    v = _fit_sizes(v, sizes, loc)
    # ... and the window keeps the integer-indexed axes as unit dims.
    dims = dict(zip(final_axes, v.shape))
    window = [dims[axis] if axis in dims else 1 for axis in range(x.ndim)]
    if list(v.shape) != window:
        v = np.reshape(v, window)
    begin = [cast(s if isinstance(s, StagedArray) else as_staged(np.int64(s)), np.int64)
             for s in starts]
    return record("ag.insert_window", [v, x] + begin, {"steps": steps},
                  result=(x.dtype, x.shape))


def _from_front(x, axis, k, loc):
    """A staged index as the position it names (numpy counts negative ones from the
    end); in range once _check_bounds passed."""
    if k._bounds is not None and k._bounds[0] >= 0:
        return k
    k = cast(k, np.int64)
    n = x.shape[axis]
    n = dynamic.dim_of(x, axis, loc) if n is None else np.int64(n)
    return np.where(np.less(k, 0), np.add(k, n), k)


def _fit_sizes(v, sizes, loc):
    """The value of an assignment broadcast to `sizes` (ints, or staged sizes of a
    window known at run time), numpy's rule: a run-time size must equal the value's dim
    it meets unless that dim is 1 -- checked when the compiled code runs."""
    shape = [s if isinstance(s, int) else None for s in sizes]
    if list(v.shape) != shape:
        v = np.reshape(v, _squeeze_to(v, shape))
    if list(v.shape) == shape and None not in shape:
        return v
    lead = len(sizes) - v.ndim
    target = []
    for i, size in enumerate(sizes):
        own = v.shape[i - lead] if i >= lead else 1
        if own == 1 or (isinstance(size, int) and own is not None):
            target.append(size)  # broadcast (or numpy's error for unequal static dims)
            continue
        mine = np.int64(own) if own is not None else dynamic.dim_of(v, i - lead, loc)
        if not isinstance(size, int) or own is None:
            record_check(np.equal(mine, size),
                         f"{describe(loc)}: could not broadcast input array from shape "
                         f"{dynamic.shape_text(v.shape)} into shape "
                         f"{dynamic.shape_text(tuple(shape))}", loc)
        target.append(own if own is not None else None)
    if target == list(v.shape):
        return v
    return np.broadcast_to(v, [t if t is not None else dynamic.dim_of(v, i - lead, loc)
                               for i, t in enumerate(target)])


def _has_python_ints(key):
    return any(isinstance(k, (int, np.integer)) and not isinstance(k, bool)
               for k in (key if isinstance(key, tuple) else (key,)))


def _staged_ints(key):
    def staged(k):
        if isinstance(k, (int, np.integer)) and not isinstance(k, bool):
            return as_staged(np.int64(k))
        return k
    return tuple(staged(k) for k in key) if isinstance(key, tuple) else staged(key)


def _fit(v, shape, sources, loc):
    """The value of an assignment broadcast to `shape` (numpy's rule; extra leading 1s
    dropped), where a None dim is the size of the (array, axis) in `sources` at that
    position. A dynamic dim of the value must equal the one it is written to: checked
    when the compiled code runs (the lowering writes no more than both sizes)."""
    if v.shape != tuple(shape):
        v = np.reshape(v, _squeeze_to(v, shape))
    if v.shape == tuple(shape) and None not in v.shape:
        return v
    if v.ndim == len(shape) and all(a == b or a is None for a, b in zip(v.shape, shape)):
        # Same dims but for dynamic ones of v: check them, no copy (v's dynamic dims stay
        # dynamic; the write takes no more than both sizes).
        for i, (d, t, (src, axis)) in enumerate(zip(v.shape, shape, sources)):
            if d is None:
                # (the target's size: static, or the source's dynamic dim)
                size = np.int64(t) if t is not None else dynamic.dim_of(src, axis, loc)
                record_check(np.equal(dynamic.dim_of(v, i, loc), size),
                             f"{describe(loc)}: could not broadcast input array from shape "
                             f"{dynamic.shape_text(v.shape)} into shape "
                             f"{dynamic.shape_text(shape)}", loc)
        return v
    target = [dynamic.dim_of(src, axis, loc) if d is None else d
              for d, (src, axis) in zip(shape, sources)]
    return np.broadcast_to(v, target)


def _check_bounds(x, staged):
    """numpy raises IndexError for an out-of-range index; staged indices are checked when
    the compiled code runs (see checks.check_in_bounds)."""
    loc = user_location()
    for axis, k in staged:
        size = x.shape[axis]
        if size is None:  # a dynamic dim: its size is known when the code runs
            check_in_bounds(k, dynamic.dim_of(x, axis, loc), axis, loc)
            continue
        if k._bounds is not None and -size <= k._bounds[0] and k._bounds[1] < size:
            continue  # a loop index known to stay in range
        check_in_bounds(k, size, axis, loc)


def _squeeze_to(v, shape):
    """numpy lets the value have extra leading 1s; drop them before broadcasting."""
    s = list(v.shape)
    while len(s) > len(shape) and s[0] == 1:
        s.pop(0)
    return s

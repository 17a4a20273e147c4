"""numpy's scans and sorts on staged arrays.

Scans (cumsum, cumprod, ufunc.accumulate) are the ag.cumsum/cumprod/cummax/cummin
primitives; sorts and partitions are ag.sort/argsort/partition/argpartition, whose
kernels are numpy 1.24's own algorithms (backends/cpu/SortKernels.cpp) so that equal
elements come out in numpy's order; searchsorted is ag.searchsorted, numpy's binary
search. The rest is written over those and the other primitives as numpy writes it in
Python (diff, ediff1d, trapz, median, percentile, quantile).

Argument checking is numpy's own: each function first runs on a small stand-in of its
staged operands (same dtype and number of dims), so the result dtype, a flattening
axis=None and the exception numpy raises for a bad axis, kind or order come from numpy;
the exception becomes the ag error of the same classes with the user's line.
"""

import operator
import warnings

import numpy as np

from .._location import describe, user_location
from ..errors import AgAxisError, AgTypeError, AgUnsupportedError, AgValueError
from . import registry, reshaping
from .array import StagedArray, as_staged, cast, check_dtype, constant, record, to_kernel
from .checks import check_here

implements = registry.implements


# --- checking arguments with numpy ----------------------------------------------------

def _stand_in(x):
    """A small numpy array in place of `x`: its dtype, its number of dims, and sizes of
    at most 1 (so that empty stays empty; a dynamic dim counts as 1)."""
    if isinstance(x, StagedArray):
        return np.ones(tuple(1 if d is None else min(d, 1) for d in x.shape), x.dtype)
    return x


def _numpy(fn, *args, **kwargs):
    """fn on stand-ins of `args`: numpy's result, or numpy's exception as an ag error
    naming the user's line."""
    return registry.numpy_as_ag(fn, *[_stand_in(a) for a in args], **kwargs)


def _static(x, what):
    """`x` as a StagedArray with static dims (scans and sorts need them)."""
    x = as_staged(x)
    if None in x.shape:
        raise AgUnsupportedError(
            f"{describe(user_location())}: {what} on an array with dynamic dims "
            "(ag.stage(..., dynamic=)) is not staged yet")
    return x


def _flat(x):
    return reshaping.reshape(x, (-1,))


# --- scans ------------------------------------------------------------------------------

_SCAN_OPS = {np.add: "ag.cumsum", np.multiply: "ag.cumprod",
             np.maximum: "ag.cummax", np.minimum: "ag.cummin"}


def _scan(ufunc, x, axis, dtype, numpy_result):
    """ufunc's running reduction of `x` along `axis` (None: of x flattened), in the dtype
    and shape of `numpy_result` (numpy's result on the stand-in)."""
    out_dtype = check_dtype(numpy_result.dtype, f"the result of np.{ufunc.__name__}")
    if axis is None or numpy_result.ndim != x.ndim:
        x, axis = _flat(x), 0
    axis = registry._normalize_axis(operator.index(axis), x.ndim)
    x = cast(x, out_dtype)
    return record(_SCAN_OPS[ufunc], [x], {"axis": axis}, result=(out_dtype, x.shape))


def _no_out(out, what):
    if out is not None:
        registry._unsupported(f"{what} with out=")


@implements(np.cumsum)
def cumsum(a, axis=None, dtype=None, out=None):
    _no_out(out, "np.cumsum")
    x = _static(a, "np.cumsum")
    return _scan(np.add, x, axis, dtype, _numpy(np.cumsum, x, axis=axis, dtype=dtype))


@implements(np.cumprod)
def cumprod(a, axis=None, dtype=None, out=None):
    _no_out(out, "np.cumprod")
    x = _static(a, "np.cumprod")
    return _scan(np.multiply, x, axis, dtype,
                 _numpy(np.cumprod, x, axis=axis, dtype=dtype))


# Running logical operations, on bool results: or is a running maximum, and a running
# minimum, xor the parity of a running count.
_BOOL_SCANS = {np.logical_or: "or", np.bitwise_or: "or", np.logical_and: "and",
               np.bitwise_and: "and", np.logical_xor: "xor", np.bitwise_xor: "xor"}


def accumulate(ufunc, inputs, kwargs):
    """ufunc.accumulate(array, axis=0, dtype=None, out=None) for add, multiply, maximum
    and minimum, and for the logical and bitwise or/and/xor where numpy's result is
    bool."""
    if ufunc not in _SCAN_OPS and ufunc not in _BOOL_SCANS:
        registry._unsupported(f"np.{ufunc.__name__}.accumulate")
    kwargs = dict(kwargs)
    _no_out(kwargs.pop("out", None), f"np.{ufunc.__name__}.accumulate")
    if len(inputs) != 1:
        raise AgTypeError(f"{describe(user_location())}: accumulate() takes exactly one "
                          "array argument")
    axis = kwargs.pop("axis", 0)
    dtype = kwargs.pop("dtype", None)
    if kwargs:
        registry._unsupported(f"np.{ufunc.__name__}.accumulate with "
                          f"{', '.join(sorted(kwargs))}=")
    x = _static(inputs[0], f"np.{ufunc.__name__}.accumulate")
    result = _numpy(ufunc.accumulate, x, axis=axis, dtype=dtype)
    if ufunc in _SCAN_OPS:
        return _scan(ufunc, x, axis, dtype, result)
    if result.dtype != np.bool_:
        registry._unsupported(f"np.{ufunc.__name__}.accumulate of {x.dtype} (ag stages it "
                          "on bool results)")
    x = cast(x, np.bool_)
    kind = _BOOL_SCANS[ufunc]
    if kind == "xor":
        count = _scan(np.add, cast(x, np.int64), axis, None, result.astype(np.int64))
        return np.not_equal(np.remainder(count, 2), 0)
    return _scan(np.maximum if kind == "or" else np.minimum, x, axis, None, result)


@implements(np.diff)
def diff(a, n=1, axis=-1, prepend=np._NoValue, append=np._NoValue):
    """numpy's diff (numpy/lib/function_base.py), over staged values."""
    if n == 0:
        return a
    if n < 0:
        raise AgValueError(f"{describe(user_location())}: order must be non-negative but "
                           f"got {n!r}")
    a = _static(a, "np.diff")
    nd = a.ndim
    if nd == 0:
        raise AgValueError(f"{describe(user_location())}: diff requires input that is at "
                           "least one dimensional")
    axis = registry._normalize_axis(operator.index(axis), nd)
    combined = []
    for extra in (prepend, None, append):
        if extra is None:
            combined.append(a)
        elif extra is not np._NoValue:
            if np.ndim(extra) == 0:
                shape = list(a.shape)
                shape[axis] = 1
                extra = np.broadcast_to(as_staged(extra), tuple(shape))
            combined.append(extra)
    if len(combined) > 1:
        a = np.concatenate(combined, axis)
    later = tuple(slice(1, None) if d == axis else slice(None) for d in range(nd))
    earlier = tuple(slice(None, -1) if d == axis else slice(None) for d in range(nd))
    op = np.not_equal if a.dtype == np.bool_ else np.subtract
    for _ in range(n):
        a = op(a[later], a[earlier])
    return a


@implements(np.ediff1d)
def ediff1d(ary, to_end=None, to_begin=None):
    """numpy's ediff1d: differences of `ary` flattened, with `to_begin`/`to_end` (cast to
    ary's dtype under same_kind, as numpy checks) around them."""
    ary = _flat(_static(ary, "np.ediff1d"))
    differences = np.subtract(ary[1:], ary[:-1])
    if to_begin is None and to_end is None:
        return differences
    parts = []
    for name, extra in (("to_begin", to_begin), (None, None), ("to_end", to_end)):
        if name is None:
            parts.append(cast(as_staged(differences), ary.dtype))
        elif extra is not None:
            probe = np.ones((), extra.dtype) if isinstance(extra, StagedArray) else \
                np.asanyarray(extra)
            if not np.can_cast(probe, ary.dtype, casting="same_kind"):
                raise AgTypeError(
                    f"{describe(user_location())}: dtype of `{name}` must be compatible "
                    "with input `ary` under the `same_kind` rule.")
            parts.append(cast(_flat(as_staged(extra)), ary.dtype))
    return np.concatenate(parts)


@implements(np.trapz)
def trapz(y, x=None, dx=1.0, axis=-1):
    """numpy's trapz: the trapezoid rule along `axis`, as numpy computes it."""
    y = _static(y, "np.trapz")
    if x is None:
        d = dx
    else:
        x = as_staged(x)
        if x.ndim == 1:
            d = diff(x)
            shape = [1] * y.ndim
            try:
                shape[axis] = d.shape[0]
            except IndexError:
                raise AgAxisError(f"{describe(user_location())}: axis {axis} is out of "
                                  f"bounds for array of dimension {y.ndim}") from None
            d = d.reshape(shape)
        else:
            d = diff(x, axis=axis)
    nd = y.ndim
    axis_n = registry._normalize_axis(operator.index(axis), nd)
    later = tuple(slice(1, None) if i == axis_n else slice(None) for i in range(nd))
    earlier = tuple(slice(None, -1) if i == axis_n else slice(None) for i in range(nd))
    return (d * (y[later] + y[earlier]) / 2.0).sum(axis)


# Sorting works on arrays with dynamic dims (ag.stage(..., dynamic=)).
registry._DYNAMIC_OK.update({np.sort, np.argsort})

# --- sorting ------------------------------------------------------------------------------

# numpy's kind names by their first letter (PyArray_SortkindConverter); numpy has
# already refused any other kind when these are looked up.
_KINDS = {"q": 0, "h": 1, "m": 2, "s": 2}


def _kind(kind):
    return 0 if kind is None else _KINDS[str(kind)[0].lower()]


def _sort_like(op, name, a, axis, kind, order, numpy_fn):
    x = as_staged(a)  # dynamic dims too: the kernels take run-time sizes
    result = _numpy(numpy_fn, x, axis=axis, kind=kind, order=order)
    if axis is None or result.ndim != x.ndim:
        x, axis = _flat(x), 0
    axis = registry._normalize_axis(operator.index(axis), x.ndim)
    if x.dtype.kind == "c":
        return _complex_sort_like(op, name, x, axis, _kind(kind))
    x, back = to_kernel(x)
    dtype = x.dtype if op == "ag.sort" else np.dtype(np.int64)
    r = record(op, [x], {"axis": axis, "kind": _kind(kind)}, result=(dtype, x.shape))
    return back(r) if op == "ag.sort" else r


def _complex_sort_like(op, name, x, axis, kind):
    """Sorting complex values in numpy's order (npy::cfloat_tag::less): real parts
    first, then imaginary parts, with the values holding NaNs after all others in the
    order R + nanj, nan + Rj, nan + nanj. Composed of three stable argsorts of float
    and integer keys (imaginary part, real part, then that NaN class, each pass stable so
    the earlier keys order the ties of the later ones), which is the one order a stable
    sort has: numpy's kind='stable' exactly. numpy's quicksort and heapsort order equal
    elements their own way: for np.sort that shows only where equal values differ in
    bits (0.0 and -0.0, NaNs' signs), which this order keeps in input order; for
    np.argsort it changes the indices of any tie, so ag refuses those kinds."""
    if op == "ag.argsort" and kind != 2:
        raise AgUnsupportedError(
            f"{describe(user_location())}: {name} of complex values is staged with "
            "kind='stable' only (numpy's quicksort and heapsort order ties their own way "
            "and ag has no complex kernel for them yet); pass kind='stable'")
    from .complexes import imag, real  # (built on the ufuncs: a cycle)
    from .index_functions import take_along_axis  # (via the ufuncs, it imports this module)
    re, im = real(x), imag(x)
    nan_class = np.add(np.multiply(cast(np.isnan(re), np.int64), np.int64(2)),
                       cast(np.isnan(im), np.int64))
    order = None
    for key in (im, re, nan_class):
        if order is not None:
            key = take_along_axis(key, order, axis)
        step = record("ag.argsort", [key], {"axis": axis, "kind": 2},
                      result=(np.int64, key.shape))
        order = step if order is None else take_along_axis(order, step, axis)
    if op == "ag.argsort":
        return order
    r = as_staged(take_along_axis(x, order, axis))
    return StagedArray(r._value, scalar=False)


@implements(np.sort)
def sort(a, axis=-1, kind=None, order=None):
    return _sort_like("ag.sort", "np.sort", a, axis, kind, order, np.sort)


@implements(np.argsort)
def argsort(a, axis=-1, kind=None, order=None):
    return _sort_like("ag.argsort", "np.argsort", a, axis, kind, order, np.argsort)


def sort_in_place(x, axis=-1, kind=None, order=None):
    """ndarray.sort: sorts the array object's contents in place (every alias and view
    sees it, as for any write); returns None."""
    if x._scalar:
        raise AgTypeError(f"{describe(user_location())}: a numpy scalar has no writable "
                          "contents")
    _numpy(lambda s: s.sort(axis=axis, kind=kind, order=order), x)
    x[...] = sort(x, axis=axis, kind=kind, order=order)


def _partition_like(op, name, a, kth, axis, kind, order, numpy_fn):
    """np.partition / np.argpartition: numpy's introselect at each kth (a constant)."""
    x = _static(a, name)
    if isinstance(kth, StagedArray):
        registry._unsupported(f"{name} with a staged kth (kth must be known while tracing)")
    flat = axis is None
    if flat:
        x, axis = _flat(x), 0
    axis_n = registry._normalize_axis(operator.index(axis), x.ndim) if x.ndim else axis
    # numpy's checks of axis, kth (integers, at most 1-D, in range), kind and order on a
    # stand-in that keeps the size along the axis (kth's bounds depend on it).
    probe = np.ones(tuple(d if i == axis_n else min(d, 1) for i, d in enumerate(x.shape)),
                    x.dtype) if x.ndim else np.ones((), x.dtype)
    _numpy(lambda p: numpy_fn(p, kth, axis=axis, kind=kind, order=order), probe)
    dtype = x.dtype if op == "ag.partition" else np.dtype(np.int64)
    if x.size == 0:  # nothing to rearrange (numpy does not check kth then)
        return cast(x, dtype) if op == "ag.partition" else \
            reshaping.broadcast_to(constant(np.zeros((), np.int64)), x.shape)
    n = x.shape[axis_n]
    ks = sorted(int(k) + n if int(k) < 0 else int(k)
                for k in np.asarray(kth).astype(np.intp).ravel())
    x, back = to_kernel(x)
    r = record(op, [x], {"axis": axis_n, "kth": ks},
               result=(x.dtype if op == "ag.partition" else dtype, x.shape))
    return back(r) if op == "ag.partition" else r


@implements(np.partition)
def partition(a, kth, axis=-1, kind="introselect", order=None):
    return _partition_like("ag.partition", "np.partition", a, kth, axis, kind, order,
                           np.partition)


@implements(np.argpartition)
def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    return _partition_like("ag.argpartition", "np.argpartition", a, kth, axis, kind,
                           order, np.argpartition)


def partition_in_place(x, kth, axis=-1, kind="introselect", order=None):
    """ndarray.partition: in place, like ndarray.sort."""
    if x._scalar:
        raise AgTypeError(f"{describe(user_location())}: a numpy scalar has no writable "
                          "contents")
    if axis is None:  # numpy: ndarray.partition needs an integer axis
        _numpy(lambda s: s.partition(kth, axis=axis, kind=kind, order=order), x)
    x[...] = partition(x, kth, axis=axis, kind=kind, order=order)


# Registered to refuse with their reason (not in SUPPORTED_FUNCTIONS): none now
# (np.unique is stats.unique).
REFUSED = set()


# --- searching and order statistics -----------------------------------------------------------

@implements(np.searchsorted)
def searchsorted(a, v, side="left", sorter=None):
    """np.searchsorted: numpy's own binary search (ag.searchsorted), so the positions
    equal numpy's also when `a` is not sorted."""
    a = _static(a, "np.searchsorted")
    staged_v = isinstance(v, StagedArray)
    # numpy's checks (a 1-D, side, sorter's dtype and size) on stand-ins that keep a's
    # size (the sorter must match it).
    a_probe = np.zeros(a.shape, a.dtype)
    v_probe = _stand_in(v) if staged_v else np.asarray(v)
    sorter_probe = None
    if sorter is not None:
        sorter_probe = np.zeros(sorter.shape, sorter.dtype) \
            if isinstance(sorter, StagedArray) else sorter
    probe = _numpy(lambda: np.searchsorted(a_probe, v_probe, side=side,
                                           sorter=sorter_probe))
    if not staged_v:
        v = constant(np.asarray(v))
    # numpy compares in the dtype both convert to (PyArray_DescrFromObject).
    dtype = np.result_type(np.ones(1, a.dtype), np.ones(1, v.dtype))
    check_dtype(dtype, "the values np.searchsorted compares")
    operands = [to_kernel(cast(a, dtype))[0], to_kernel(cast(_flat(v), dtype))[0]]
    if sorter is not None:
        operands.append(cast(as_staged(sorter), np.int64))
    right = str(side)[0].lower() == "r"
    found = record("ag.searchsorted", operands, {"right": right},
                   result=(np.int64, (operands[1].shape[0],)))
    if sorter is not None:
        check_here(np.all(np.greater_equal(found, 0)), "Sorter index out of range.")
    result = reshaping.reshape(found, v.shape)
    return StagedArray(as_staged(result)._value, scalar=np.ndim(probe) == 0)


def _reduced(a, axis, keepdims, func):
    """numpy's _ureduce: func(x, axis) over the axes of `axis` merged into one (the last
    when there are several), then keepdims as numpy restores them."""
    nd = a.ndim
    if axis is not None:
        axes = sorted(registry._normalize_axes(axis, nd))
        if len(axes) == 1:
            r = func(a, axes[0])
        else:
            keep = [d for d in range(nd) if d not in axes]
            moved = reshaping.transpose(a, keep + axes)
            r = func(reshaping.reshape(moved, tuple(a.shape[d] for d in keep) + (-1,)), -1)
    else:
        axes = None
        r = func(a, None)
    if keepdims:
        index = (None,) * nd if axes is None else \
            tuple(None if i in axes else slice(None) for i in range(nd))
        r = as_staged(r)[(Ellipsis,) + index]
    return r


def _sorted_at(x, axis, kth):
    """(arr, at): the elements a sort of each lane of `x` along `axis` (None: `x`
    flattened) would put at each of `kth` (indices into a lane, negative ones from its
    end), one row of `arr` each, and `at(indices)` the rows of those lane indices.
    numpy's median and quantile read no more of their partition than these elements,
    so ag.order_statistics finds just them (not numpy's arrangement of the rest). An
    empty lane has none: `arr` is `x` itself then (that axis first), read where numpy
    reads its partition."""
    x, axis = (_flat(x), 0) if axis is None else (x, axis % x.ndim)
    n = x.shape[axis]
    if n == 0:
        return reshaping._moveaxis(x, axis, 0), lambda indices: indices
    ks = np.unique(np.asarray(kth, np.intp) % n)
    y, back = to_kernel(x)
    shape = y.shape[:axis] + (len(ks),) + y.shape[axis + 1:]
    r = record("ag.order_statistics", [y], {"axis": axis, "kth": [int(k) for k in ks]},
               result=(y.dtype, shape))
    return (reshaping._moveaxis(back(r), axis, 0),
            lambda indices: np.searchsorted(ks, np.asarray(indices) % n))


def _lane_size(x, axis):
    return x.size if axis is None else x.shape[axis]


def _check_order_statistic(name, fn, a, kwargs):
    if kwargs.pop("out", None) is not None:
        registry._unsupported(f"np.{name} with out=")
    kwargs.pop("overwrite_input", None)  # a staged array is never overwritten
    return _numpy(fn, a, **kwargs)


@implements(np.median)
def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """numpy's median: the mean of the middle one or two elements of each lane (a
    sort's), NaN where the lane has one."""
    a = _static(a, "np.median")
    expected = _check_order_statistic("median", np.median, a,
                                      {"axis": axis, "out": out, "keepdims": keepdims})

    def lane_median(x, ax):
        n = _lane_size(x, ax)
        kth = [n // 2 - 1, n // 2] if n % 2 == 0 else [(n - 1) // 2]
        if x.dtype.kind == "f":
            kth.append(-1)  # numpy's NaN check: the largest element (NaN sorts last)
        arr, at = _sorted_at(x, ax, kth)
        first = int(at(kth[0]))  # the middle elements' rows are adjacent
        result = np.mean(arr[first:first + 2 - n % 2], axis=0)
        if x.dtype.kind == "f" and n > 0:
            last = arr[int(at(-1))]
            result = np.where(np.isnan(last), last, result)
            result = StagedArray(as_staged(result)._value, scalar=result.ndim == 0)
        return result
    return _like(_reduced(a, axis, keepdims, lane_median), expected)


def _like(result, expected):
    """`result` as numpy's scalar-or-array and dtype `expected` has (from the stand-in)."""
    result = as_staged(result)
    dtype = check_dtype(np.result_type(expected), "the result")
    if result.dtype != dtype:  # numpy's own computation gave this dtype: same values
        result = cast(result, dtype)
    return StagedArray(result._value, scalar=not isinstance(expected, np.ndarray))


@implements(np.quantile)
def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, interpolation=None):
    return _quantile_of("quantile", np.quantile, a, q, q, axis, out, method, keepdims,
                        interpolation)


@implements(np.percentile)
def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, interpolation=None):
    fractions = None if isinstance(q, StagedArray) else \
        np.asanyarray(np.true_divide(q, 100))
    return _quantile_of("percentile", np.percentile, a, q, fractions, axis, out, method,
                        keepdims, interpolation)


def _quantile_of(name, fn, a, q, fractions, axis, out, method, keepdims, interpolation):
    """numpy's _quantile, every method, with q known while tracing: the indices and
    weights are numpy's own constants; the values are the elements a sort of each lane
    puts where numpy reads its partition."""
    a = _static(a, f"np.{name}")
    if isinstance(q, StagedArray):
        registry._unsupported(f"np.{name} with a staged q (q must be known while tracing)")
    expected = _check_order_statistic(name, fn, a, {
        "q": q, "axis": axis, "out": out, "method": method, "keepdims": keepdims,
        "interpolation": interpolation})
    if interpolation is not None:
        # numpy's deprecation (it raised on the stand-in if method was given too).
        warnings.warn(f"the `interpolation=` argument to {name} was renamed to "
                      "`method=`, which has additional options.\nUsers of the modes "
                      "'nearest', 'lower', 'higher', or 'midpoint' are encouraged to "
                      "review the method they used. (Deprecated NumPy 1.22)",
                      DeprecationWarning, stacklevel=3)
        method = interpolation
    # numpy 1.24's own table of methods: how each places its virtual indices and fixes
    # its weights (computed here on constants, as q is known while tracing).
    rule = np.lib.function_base._QuantileMethods[method]
    quantiles = np.asanyarray(fractions)

    def lane_quantile(x, ax):
        n = _lane_size(x, ax)
        virtual = np.asanyarray(rule["get_virtual_index"](n, quantiles))
        if np.issubdtype(virtual.dtype, np.integer):
            kth = list(virtual.ravel()) + ([-1] if x.dtype.kind == "f" else [])
            arr, at = _sorted_at(x, ax, kth)
            result = _take(arr, at(virtual))
        else:
            previous = np.floor(virtual)
            following = previous + 1
            above = virtual >= n - 1
            previous = np.where(above, -1, previous)
            following = np.where(above, -1, following)
            below = virtual < 0
            previous = np.where(below, 0, previous).astype(np.intp)
            following = np.where(below, 0, following).astype(np.intp)
            arr, at = _sorted_at(x, ax, np.concatenate(
                ([0, -1], previous.ravel(), following.ravel())))
            gamma = np.asanyarray(rule["fix_gamma"](np.asanyarray(virtual - previous),
                                                    virtual))
            gamma = gamma.reshape(virtual.shape + (1,) * (arr.ndim - 1))
            result = _lerp(_take(arr, at(previous)), _take(arr, at(following)), gamma)
        if arr.dtype.kind == "f":
            nans = np.isnan(arr[int(at(-1))])
            result = as_staged(result)
            if result.ndim == 0 and result.dtype != arr.dtype:
                # numpy returns arr's dtype then (np.float32(nan)) and float64 otherwise:
                # a dtype depending on the data, which a compiled function cannot have.
                check_here(np.logical_not(nans),
                           f"np.{name} of a {arr.dtype} array that holds NaN returns "
                           f"{arr.dtype} in numpy, and {result.dtype} otherwise: ag "
                           "cannot stage a dtype that depends on the data (cast the "
                           "array to float64 first)")
            result = np.where(nans, np.array(np.nan, result.dtype), result)
        return result
    return _like(_reduced(a, axis, keepdims, lane_quantile), expected)


def _take(arr, indices):
    """np.take(arr, indices, axis=0) for constant integer indices."""
    if indices.ndim == 0:
        return arr[int(indices)]
    rows = [arr[int(i)] for i in indices.ravel()]
    return reshaping.reshape(np.stack(rows), indices.shape + arr.shape[1:])


def _lerp(a, b, t):
    """numpy's _lerp: a + (b - a) t, and b - (b - a)(1 - t) where t >= 0.5."""
    diff_b_a = np.subtract(b, a)
    lerp = as_staged(np.add(a, diff_b_a * t))
    upper = as_staged(np.subtract(b, diff_b_a * (1 - t)))
    result = np.where(np.asarray(t >= 0.5), cast(upper, lerp.dtype), lerp)
    return StagedArray(as_staged(result)._value, scalar=lerp.ndim == 0)


# --- nanmedian, nanpercentile, nanquantile of the whole array (numba's forms) ------------
# numpy's _nanmedian1d / _nanquantile_1d: the order statistic of the elements that are
# not NaN, whose count is known when the compiled code runs. Here: the array sorted
# (NaNs last) and indexed at run-time positions within the first `count` elements.

def _whole_array(name, axis, out, keepdims, method="linear"):
    if axis is not None or out is not None or keepdims not in (np._NoValue, False) or \
            method != "linear":
        registry._unsupported(f"np.{name} with axis=, out=, keepdims=True or a method "
                              "other than 'linear' (numba's form, over the whole array, is "
                              "staged)")


def _sorted_count(a, name):
    if a.dtype == np.float16 or a.size == 0:
        registry._unsupported(f"np.{name} of a float16 or empty array")
    x = np.sort(reshaping.reshape(StagedArray(a._value), (-1,)))
    return x, np.sum(np.logical_not(np.isnan(x)))


@implements(np.nanmedian)
def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=np._NoValue):
    a = _static(a, "np.nanmedian")
    if a.dtype.kind != "f":  # nothing is NaN: numpy's median
        return median(a, axis, out, overwrite_input, keepdims is True)
    _whole_array("nanmedian", axis, out, keepdims)
    x, count = _sorted_count(a, "nanmedian")
    low = x[np.floor_divide(np.subtract(count, 1), 2)]  # x[-1], NaN, when all are NaN
    high = x[np.floor_divide(count, 2)]
    # numpy's mean of the middle two (its sum, then / 2), or the middle one itself.
    middle = np.true_divide(np.add(low, high), 2)
    result = np.where(np.equal(np.remainder(count, 2), 1), low, middle)
    return StagedArray(cast(as_staged(result), a.dtype)._value, scalar=True)


@implements(np.nanquantile)
def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=np._NoValue, *, interpolation=None):
    return _nan_quantile_of("nanquantile", np.nanquantile, quantile, a, q, q, axis, out,
                            method, keepdims, interpolation)


@implements(np.nanpercentile)
def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                  keepdims=np._NoValue, *, interpolation=None):
    fractions = None if isinstance(q, StagedArray) else np.true_divide(q, 100.0)
    return _nan_quantile_of("nanpercentile", np.nanpercentile, percentile, a, q, fractions,
                            axis, out, method, keepdims, interpolation)


def _nan_quantile_of(name, fn, plain, a, q, fractions, axis, out, method, keepdims,
                     interpolation):
    a = _static(a, f"np.{name}")
    if a.dtype.kind != "f":  # nothing is NaN: numpy's quantile of the array
        return plain(a, q, axis, out, False, method,
                     keepdims is True, interpolation=interpolation)
    if isinstance(q, StagedArray):
        registry._unsupported(f"np.{name} with a staged q (q must be known while tracing)")
    _whole_array(name, axis, out, keepdims, method if interpolation is None else None)
    expected = _numpy(fn, a, q)  # numpy's checks of q, and its result's dtype and shape
    x, count = _sorted_count(a, name)
    # numpy's linear method (_get_indexes, _get_gamma, _lerp) on `count` elements.
    virtual = np.multiply(np.subtract(count, 1), np.asarray(fractions, np.float64))
    previous = np.floor(virtual)
    above = np.greater_equal(virtual, np.subtract(count, 1))
    last = np.subtract(count, 1)
    prev_i = np.where(above, last, np.maximum(cast(as_staged(previous), np.int64), 0))
    next_i = np.where(above, last, np.maximum(np.add(cast(as_staged(previous), np.int64),
                                                     1), 0))
    gamma = np.subtract(virtual, np.where(above, -1.0, np.maximum(previous, 0.0)))
    below, after = np.take(x, prev_i), np.take(x, next_i)
    diff = np.subtract(after, below)
    lerp = np.add(below, np.multiply(diff, gamma))
    upper = np.subtract(after, np.multiply(diff, np.subtract(1, gamma)))
    result = as_staged(np.where(np.greater_equal(gamma, 0.5), upper, lerp))
    dtype = np.result_type(expected)
    if dtype != a.dtype:
        # All NaN: numpy returns NaN of the array's dtype, else `dtype` -- a dtype that
        # depends on the data, which a compiled function cannot have.
        check_here(np.greater(count, 0),
                   f"np.{name} of a {a.dtype} array that holds only NaN returns "
                   f"{a.dtype} in numpy, and {dtype} otherwise: ag cannot stage a dtype "
                   "that depends on the data (cast the array to float64 first)")
    result = np.where(np.equal(count, 0), np.array(np.nan, result.dtype), result)
    return _like(result, expected)

"""The StagedArray class (numpy's protocols on staged values).

A StagedArray stands for a tensor of the function being traced: it knows its shape and
dtype, and every numpy operation on it records an `ag` op through the C++ tracer instead
of computing. Operators and methods forward to the same implementations numpy's
``__array_ufunc__`` / ``__array_function__`` protocols reach (see registry.py and ufuncs.py).
"""

import re

import numpy as np

from .._compiler import compiler as _ag
from .._location import describe, no_source_hint, user_frame, user_location
from ..errors import AgOperandError, AgOperandTypeError, AgTypeError, AgUnsupportedError
from .._values import SUPPORTED_DTYPES  # noqa: F401  (here for the staged package)
from ..trace import current_tracer
from .layout import is_contiguous
from .storage import Storage, View, readonly_error


# _strides of a view whose element strides are unknown (None means "C order" there).
UNKNOWN_STRIDES = "unknown"


def check_dtype(dtype, what):
    dtype = np.dtype(dtype)
    if dtype not in SUPPORTED_DTYPES:
        raise AgTypeError(f"{describe(user_location())}: {what} has dtype {dtype}; ag "
                          "stages bool, (u)int8/16/32/64, float16/32/64 and complex64/128")
    return dtype


# The library kernels (sorting, oneDNN/BLAS products, pooling) exist for these dtypes only;
# to_kernel says which one stands in, exactly, for the others.
KERNEL_DTYPES = {np.dtype(t) for t in ("float32", "float64", "int32", "int64", "bool")}


def to_kernel(x):
    """(y, back): `x` converted to a dtype of the kernels exactly and in the same order
    (so sorting, searching and partitioning y is numpy's on x), and the conversion of
    such values back to x's dtype. uint64 is taken as int64 with the top bit flipped."""
    own = x.dtype
    if own.kind == "c":  # numpy orders complex values lexicographically: no kernel yet
        raise AgUnsupportedError(f"{describe(user_location())}: sorting, searching or "
                                 "partitioning complex values is not staged yet")
    if own in KERNEL_DTYPES:
        return x, lambda r: r
    if own == np.uint64:
        top = constant(np.array(np.iinfo(np.int64).min, np.int64))
        flip = lambda v: np.bitwise_xor(v, top)  # noqa: E731
        return flip(cast(x, np.int64)), lambda r: cast(flip(r), own)
    to = np.dtype(np.float32 if own == np.float16 else np.int64)
    return cast(x, to), lambda r: cast(r, own)


_FLOAT16_REFUSED = {"ag.matmul": "a matrix product (np.matmul, np.dot, @, ...)",
                    "ag.conv2d": "ag.nn.conv2d", "ag.avg_pool2d": "ag.nn.avg_pool2d"}


def c_layout(x):
    """Whether x's elements lie in C order (known, C-contiguous by numpy's flag)."""
    if x._strides is None and type(x) is StagedArray:
        return True  # (the common case, without building the strides)
    if None in x.shape:  # (dynamic dims: a view's strides are not sizes ag knows)
        return x._strides is None
    strides = x._element_strides()
    return strides is not None and is_contiguous(x.shape, strides)


def record(name, operands, attrs=None, result=None):
    """Records op `name` on StagedArray operands; returns the StagedArray result."""
    loc = user_location()
    if name in _FLOAT16_REFUSED and any(o.dtype == np.float16 for o in operands):
        # numpy rounds every multiply-add of a float16 product to float16 (its own
        # loops, no BLAS): the kernels' float32 accumulation would differ.
        raise AgUnsupportedError(f"{describe(loc)}: {_FLOAT16_REFUSED[name]} of float16 "
                                 "arrays is not staged yet (cast to float32 first)")
    values = [o._value for o in operands]
    if result is not None:  # -1: a dynamic dim
        result = (np.dtype(result[0]).name, [-1 if d is None else d for d in result[1]])
    try:
        value = current_tracer().op(name, values, attrs or {}, result, loc)
    except _ag.StagingError as e:
        raise AgOperandError(f"{describe(loc)}: {_user_text(str(e))}") from None
    out = StagedArray(value)
    if out.ndim >= 2 and any(not c_layout(o) for o in operands):
        # numpy lays out many results like their operands (order='K'); where ag knows
        # how (ufuncs, astype, ... see memory.py) it says so, else the layout is unknown.
        out._strides = UNKNOWN_STRIDES
    return out


def record_results(name, operands, attrs=None):
    """Records op `name`, whose results (several) are all inferred; returns them as a
    list of StagedArrays."""
    loc = user_location()
    try:
        values = current_tracer().op_results(name, [o._value for o in operands],
                                             attrs or {}, loc)
    except _ag.StagingError as e:
        raise AgOperandError(f"{describe(loc)}: {_user_text(str(e))}") from None
    return [StagedArray(v) for v in values]


def _user_text(message):
    """A verifier's message in numpy's words: without the op's name (`'ag.max' op ...`),
    which names ag's dialect, not anything in the user's code."""
    return re.sub(r"^'ag\.\w+' (op )?", "", message)


def constant(array):
    """Stages a numpy array (or scalar) as an ag.constant."""
    array = np.asarray(array)
    check_dtype(array.dtype, "a constant")
    # np.ascontiguousarray would turn a 0-d array into a 1-d one.
    return StagedArray(current_tracer().constant(np.array(array, order="C"),
                                                 user_location()))


def as_staged(x, dtype=None):
    """StagedArray for `x` (staged, numpy array, numpy or Python scalar), cast to dtype."""
    if x is None:  # numpy would make an object array: no dtype ag stages
        raise AgUnsupportedError(
            f"{describe(user_location())}: None used as an array value; if it is a dynamic "
            "dim read from x.shape (None while tracing with ag.stage(..., dynamic=)), use "
            "len(x) or x.size, which are staged")
    if not isinstance(x, StagedArray):
        x = constant(np.asarray(x, dtype=dtype))
    if dtype is not None and x.dtype != np.dtype(dtype):
        x = cast(x, dtype)
    return x


def _is_dtype_like(value):
    return not (isinstance(value, type) and issubclass(value, np.ndarray))


def cast(x, dtype):
    dtype = check_dtype(dtype, "the target of astype")
    if x.dtype == dtype:
        return x
    if x.dtype.kind == "c" and dtype.kind not in "cb":
        # numpy drops the imaginary part with a ComplexWarning on every call; compiled
        # code could warn on the first call only, so ag refuses instead (and so no
        # composition can compute on a complex value's real part by accident).
        raise AgUnsupportedError(
            f"{describe(user_location())}: casting {x.dtype} to {dtype} discards the "
            "imaginary part (numpy's ComplexWarning); ag does not stage that cast: take "
            "z.real (or np.real(z)) first")
    return record("ag.cast", [x], result=(dtype, x.shape))


class dynamic_guard:
    """Turns the TypeError a shape computation raises on a dynamic dim (None) into an ag
    error naming the construct: what static shapes need is not staged for dynamic dims
    yet (slicing, reshape, concatenation, ...)."""

    def __init__(self, what, *values):
        self.what, self.values = what, values

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        # (numpy's surface is built on this class: a cycle)
        from .registry import DYNAMIC_STAGED
        if exc_type is TypeError and any(
                isinstance(v, StagedArray) and None in v.shape
                for v in _leaves(self.values)):
            raise AgUnsupportedError(
                f"{describe(user_location())}: {self.what} on an array with dynamic dims "
                f"(ag.stage(..., dynamic=)) is not staged yet; {DYNAMIC_STAGED}") \
                from None
        return False


def _leaves(values):
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from _leaves(v)
        elif isinstance(v, dict):
            yield from _leaves(list(v.values()))
        else:
            yield v


# The version an _unknown_alias records for an object already stale: no storage version
# equals it, so any read is the ag error.
STALE_ALIAS = object()


class StagedArray:
    """A staged array with numpy's array interface.

    The object is what a Python name is bound to; its contents live in a Storage shared
    with every view of it (see storage.py): `_value` is the staged value of the contents
    now, re-derived through the view chain when the storage was written since."""

    # `_shift` (read with getattr: set only on results of `base + offset`): (base, offset)
    # for a staged integer known to be another plus a Python int, so that x[i:i + K] is
    # a window of K elements, not one of run-time size.
    __slots__ = ("_storage", "_view", "_cache", "shape", "dtype", "_scalar", "_bounds",
                 "_strides", "_unknown_alias", "_shift")
    # Make numpy defer to us in mixed expressions (ndarray + StagedArray).
    __array_priority__ = 1000

    def __init__(self, value, scalar=False):
        self._storage = Storage(value)
        self._view = None
        self._cache = None
        # None: a dim known only when the compiled code runs (ag.stage(..., dynamic=)).
        self.shape = tuple(None if d < 0 else d for d in value.shape)
        self.dtype = np.dtype(value.dtype)
        # numpy returns scalars, not 0-d arrays, from most operations; results of those
        # become numpy scalars when they leave the staged function.
        self._scalar = scalar
        # (lo, hi): the values a staged integer is known to lie in (a loop index), so
        # indexing with it needs no run-time bounds check.
        self._bounds = None
        # Element strides into the storage (numpy's view rules need them: a reshape of a
        # view is a view only when they allow); None: C-contiguous, or unknown for
        # dynamic dims.
        self._strides = None
        # (why, storage, version) when numpy may have made this object a view of an
        # array ag no longer follows (a view that left a staged region, a reshape with
        # dynamic dims): writing it, or reading it after that storage changed, is an ag
        # error instead of a silently different result. None for plain arrays and views.
        self._unknown_alias = None

    @property
    def _value(self):
        """The staged value of this object's contents now."""
        storage = self._storage
        if self._unknown_alias is not None:
            self._check_alias("read")
        if self._view is None:
            return storage.value
        # Cached per storage version and block: a value derived inside a branch or loop
        # body cannot be used after it.
        key = (storage.version, current_tracer().block_id())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        view = self._view
        value = view.derive(StagedArray(view.parent._value))._value
        self._cache = (key, value)
        return value

    def _assign(self, contents):
        """Replaces this object's whole contents by the StagedArray `contents` (same
        shape and dtype): an in-place write every alias and view sees."""
        error = readonly_error(self._storage)
        if error is not None:
            raise error
        if self._unknown_alias is not None:
            self._check_alias("write")
        # Read before writing: `contents` may be an alias of what is written (v = x.T;
        # v[:] = x), whose value the write changes.
        value = contents._value
        if self._view is None:
            self._storage.write(value)
            return
        view = self._view
        view.parent._assign(view.scatter(StagedArray(view.parent._value),
                                         StagedArray(value)))
        self._cache = ((self._storage.version, current_tracer().block_id()), value)

    def _check_alias(self, what):
        why, source, version = self._unknown_alias
        if what == "write" or source.version != version:
            action = "writing into it" if what == "write" else \
                "reading it after that array changed"
            raise AgUnsupportedError(
                f"{describe(user_location())}: {why}: which array numpy would use here "
                f"is not something ag follows, so {action} is not staged (make a copy "
                "explicit with .copy(), or use the original array by its own name)")

    def _element_strides(self):
        """Strides in elements, or None when unknown (dynamic dims)."""
        if self._strides is not None:
            return None if self._strides is UNKNOWN_STRIDES else self._strides
        if None in self.shape:
            return None
        strides, step = [], 1
        for d in reversed(self.shape):
            strides.append(step)
            step *= max(d, 1)
        return tuple(reversed(strides))

    def _derived(self, derive, scatter, result, strides):
        """A view of this array: `result` (a plain StagedArray, derive(self) now) as an
        object that reads from and writes to this array's storage. `strides`: the view's
        element strides (None if unknown)."""
        if self._scalar:
            # A numpy scalar is immutable: its reshape, ravel, T, ... are new arrays
            # holding its value, and writing them leaves it alone.
            return StagedArray(result._value, scalar=result._scalar)
        view = StagedArray.__new__(StagedArray)
        view._storage = self._storage
        view._view = View(self, derive, scatter)
        view._cache = ((self._storage.version, current_tracer().block_id()), result._value)
        view.shape, view.dtype = result.shape, result.dtype
        view._scalar, view._bounds = result._scalar, None
        # A view of an array whose layout is unknown (an Either whose objects differ in
        # it, dynamic dims) has an unknown layout too -- not the C order of its shape.
        view._strides = UNKNOWN_STRIDES if strides is None else strides
        view._unknown_alias = self._unknown_alias
        return view

    def _detached(self, result, why):
        """`result` (computed from this array) as an object ag cannot follow as a view:
        see _unknown_alias."""
        copy = StagedArray(result._value, scalar=result._scalar)
        copy._unknown_alias = (why, self._storage, self._storage.version)
        copy._strides = UNKNOWN_STRIDES  # (numpy's view's, or a C-ordered copy's)
        return copy

    # --- attributes -------------------------------------------------------------------
    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        if None in self.shape:  # known when the compiled code runs: a staged int64
            # (numpy's surface is built on this class: a cycle)
            from .dynamic import size_value
            return size_value(self, user_location())
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def T(self):
        return self.transpose()

    def __len__(self):
        if not self.shape:
            raise AgTypeError(f"{describe(user_location())}: len() of unsized object")
        if self.shape[0] is None:
            raise AgUnsupportedError(
                f"{describe(user_location())}: len() of an array whose first dim is "
                "dynamic is only known when the compiled code runs")
        return self.shape[0]

    def __iter__(self):
        if not self.shape:
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self.shape[0]))

    def __repr__(self):
        return f"StagedArray(shape={self.shape}, dtype={self.dtype})"

    # --- conversions that need a value ------------------------------------------------
    def _needs_value(self, what):
        hint = no_source_hint(user_frame())
        if hint:
            raise AgUnsupportedError(f"{describe(user_location())}: {what} of a staged "
                                     f"array is asked for, but the source is not "
                                     f"available: {hint}")
        raise AgUnsupportedError(
            f"{describe(user_location())}: {what} of a staged array needs its value, which "
            "is only known when the compiled code runs (ag.stage converts `if`, `while`, "
            "`for`, `and`/`or` and `x if c else y` of the staged function and of the "
            "functions it calls; code it does not convert, such as a comprehension's "
            "condition, cannot branch on staged values)")

    def __bool__(self):
        self._needs_value("the truth value")

    def __float__(self):
        self._needs_value("float()")

    def __complex__(self):
        self._needs_value("complex()")

    def __int__(self):
        self._needs_value("int()")

    def __index__(self):
        self._needs_value("use as a Python index")

    def __array__(self, dtype=None):
        self._needs_value("conversion to a numpy array")

    # --- numpy protocols --------------------------------------------------------------
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any(getattr(type(a), "_ag_divergent", False)
               for a in inputs + tuple(kwargs.get("out", ()))):
            return NotImplemented  # it runs the ufunc once per path (operators.divergent)
        from .ufuncs import apply_ufunc  # (numpy's surface is built on this class: a cycle)
        return apply_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if any(getattr(t, "_ag_divergent", False) for t in types):
            return NotImplemented  # it runs the function once per path
        # (numpy's surface is built on this class: a cycle)
        from .registry import apply_function
        with dynamic_guard(f"np.{getattr(func, '__name__', func)}", args, kwargs):
            return apply_function(func, args, kwargs)

    # --- indexing ---------------------------------------------------------------------
    def __getitem__(self, key):
        divergent = _divergent_in(key)
        if divergent is not None:  # it indexes once per path (operators.divergent)
            return divergent.split_call(type(self).__getitem__, (self, key), {})
        # (numpy's surface is built on this class: a cycle)
        from .advanced import getitem as advanced_getitem, is_advanced
        # (numpy's surface is built on this class: a cycle)
        from .indexing import getitem, view_strides
        if is_advanced(key):
            # Integer arrays and masks: a copy, as numpy's advanced indexing makes.
            with dynamic_guard("indexing", self):
                return advanced_getitem(StagedArray(self._value), key)
        with dynamic_guard("indexing", self):
            result = getitem(self, key)
        if result._scalar:
            return result  # a numpy scalar: a copy of the element
        # Basic indexing (all ag stages) makes a view.
        return self._derived(lambda parent: getitem(parent, key),
                             lambda parent, contents: _setitem(parent, key, contents),
                             result, view_strides(self, key))

    def __setitem__(self, key, value):
        if self._scalar:  # a numpy scalar is immutable
            raise AgOperandTypeError(
                f"{describe(user_location())}: 'numpy.{np.dtype(self.dtype).type.__name__}'"
                " object does not support item assignment")
        divergent = _divergent_in(key, value)
        if divergent is not None:  # it writes once per path
            divergent.split_call(type(self).__setitem__, (self, key, value), {})
            return
        with dynamic_guard("item assignment", self, value):
            updated = _setitem(StagedArray(self._value), key, value)
        self._assign(updated)

    # --- in-place operators (numpy's ufuncs with out=self) ------------------------------
    def _inplace(self, ufunc, other):
        divergent = _divergent_in(other)
        if divergent is not None:  # it writes once per path
            return divergent.split_call(lambda x, y: x._inplace(ufunc, y), (self, other), {})
        if self._scalar:
            return ufunc(self, other)  # a numpy scalar is immutable: `s += 1` rebinds s
        from .ufuncs import apply_ufunc  # (numpy's surface is built on this class: a cycle)
        return apply_ufunc(ufunc, "__call__", (self, other), {"out": (self,)})

    # --- methods (numpy's ndarray methods) ----------------------------------------------
    def astype(self, dtype, copy=True):
        r = cast(self, dtype)  # (complex to real: an ag error, see cast)
        from .memory import like  # (numpy's surface is built on this class: a cycle)
        return like(StagedArray(r._value, scalar=self._scalar), self)

    def copy(self, order="C"):
        # A distinct object: `y = x.copy(); y[0] = 1` must not change x.
        return StagedArray(self._value, scalar=self._scalar)

    def fill(self, value):
        """In place, as ndarray.fill (the value cast to the array's dtype)."""
        if self._scalar:
            raise AgTypeError(f"{describe(user_location())}: a numpy scalar has no "
                              "writable contents")
        self[...] = value

    def view(self, dtype=None, type=None):
        if type is not None or (dtype is not None and not _is_dtype_like(dtype)) or \
                (dtype is not None and np.dtype(dtype) != self.dtype):
            from .bits import view  # (numpy's surface is built on this class: a cycle)
            return view(self, type if type is not None else dtype)
        from .reshaping import same_view  # (a cycle, as above)
        return same_view(self)

    def __getattr__(self, name):
        # Called only for attributes StagedArray lacks: an ndarray method or attribute
        # ag does not stage is an ag error naming it and the line, not a bare
        # AttributeError.
        if not name.startswith("_") and hasattr(np.ndarray, name):
            raise AgUnsupportedError(f"{describe(user_location())}: ndarray.{name} is not "
                                     "supported on staged arrays (README.md lists what "
                                     "ag stages)")
        raise AttributeError(f"'numpy.ndarray' object has no attribute '{name}'")

    def round(self, decimals=0):
        return np.round(self, decimals)

    def reshape(self, *shape, order="C"):
        # (numpy's surface is built on this class: a cycle)
        from . import reductions, reshaping
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        with dynamic_guard("reshape", self):
            return reshaping.reshape(self, shape, order=order)

    def transpose(self, *axes):
        # (numpy's surface is built on this class: a cycle)
        from . import reductions, reshaping
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = axes[0]
        return reshaping.transpose(self, axes or None)

    def ravel(self, order="C"):
        return self.reshape(-1, order=order)

    def flatten(self, order="C"):
        return self.reshape(-1, order=order).copy()  # always a copy in numpy

    def squeeze(self, axis=None):
        # (numpy's surface is built on this class: a cycle)
        from . import reductions, reshaping
        return reshaping.squeeze(self, axis)

    def _reduce(name):
        def method(self, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
            # (numpy's surface is built on this class: a cycle)
            from . import reductions, reshaping
            return reductions.reduction(name, self, axis=axis, dtype=dtype, out=out,
                                  keepdims=keepdims, **kwargs)
        method.__name__ = name
        return method

    sum = _reduce("sum")
    prod = _reduce("prod")
    mean = _reduce("mean")
    max = _reduce("max")
    min = _reduce("min")
    all = _reduce("all")
    any = _reduce("any")
    del _reduce

    def var(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
        from . import moments  # (numpy's surface is built on this class: a cycle)
        return moments.variance("var", self, axis, dtype, out, ddof, keepdims,
                                       **kwargs)

    def std(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
        from . import moments  # (numpy's surface is built on this class: a cycle)
        return moments.variance("std", self, axis, dtype, out, ddof, keepdims,
                                       **kwargs)

    def argmax(self, axis=None, out=None, keepdims=False):
        # (numpy's surface is built on this class: a cycle)
        from . import reductions, reshaping
        return reductions.arg_reduction("argmax", self, axis, keepdims)

    def argmin(self, axis=None, out=None, keepdims=False):
        # (numpy's surface is built on this class: a cycle)
        from . import reductions, reshaping
        return reductions.arg_reduction("argmin", self, axis, keepdims)

    def nonzero(self):
        return np.nonzero(self)

    def take(self, indices, axis=None, out=None, mode="raise"):
        return np.take(self, indices, axis=axis, out=out, mode=mode)

    def put(self, indices, values, mode="raise"):
        return np.put(self, indices, values, mode=mode)
    # Scans and sorts (sortscan); .sort() sorts in place.
    def cumsum(self, axis=None, dtype=None, out=None):
        return np.cumsum(self, axis=axis, dtype=dtype, out=out)

    def cumprod(self, axis=None, dtype=None, out=None):
        return np.cumprod(self, axis=axis, dtype=dtype, out=out)

    def sort(self, axis=-1, kind=None, order=None):
        # (numpy's surface is built on this class: a cycle)
        from .sortscan import sort_in_place
        sort_in_place(self, axis=axis, kind=kind, order=order)

    def argsort(self, axis=-1, kind=None, order=None):
        return np.argsort(self, axis=axis, kind=kind, order=order)

    def partition(self, kth, axis=-1, kind="introselect", order=None):
        # (numpy's surface is built on this class: a cycle)
        from .sortscan import partition_in_place
        partition_in_place(self, kth, axis=axis, kind=kind, order=order)

    def argpartition(self, kth, axis=-1, kind="introselect", order=None):
        return np.argpartition(self, kth, axis=axis, kind=kind, order=order)

    def searchsorted(self, v, side="left", sorter=None):
        return np.searchsorted(self, v, side=side, sorter=sorter)

    def clip(self, a_min=None, a_max=None):
        return np.clip(self, a_min, a_max)

    def dot(self, other):
        return np.dot(self, other)


def _divergent_in(*values):
    """The first value (or item of a tuple value) whose dtype depends on a staged
    condition (operators.divergent, which this layer knows only by its mark), or None."""
    for v in values:
        for w in v if type(v) is tuple else (v,):
            if getattr(type(w), "_ag_divergent", False):
                return w
    return None


def _binary(ufunc, reflected=False):
    def apply(self, other):
        if other is None:  # most likely a dynamic dim read from x.shape
            as_staged(other)
        result = ufunc(other, self) if reflected else ufunc(self, other)
        if ufunc in (np.add, np.subtract) and not (reflected and ufunc is np.subtract):
            _shifted(result, self, other, -1 if ufunc is np.subtract else 1)
        return result
    return apply


def _shifted(result, x, other, sign):
    """Marks result = x + sign * other for a staged integer x and a Python int other:
    its base and offset, and its bounds where x has them (a loop index plus a constant)."""
    if not (isinstance(result, StagedArray) and isinstance(x, StagedArray) and x.ndim == 0
            and x.dtype.kind in "iu" and result.dtype.kind in "iu" and
            isinstance(other, (int, np.integer)) and not isinstance(other, bool)):
        return
    base, offset = getattr(x, "_shift", None) or (x, 0)
    result._shift = (base, offset + sign * int(other))
    if x._bounds is not None:
        result._bounds = (x._bounds[0] + sign * int(other), x._bounds[1] + sign * int(other))


for _name, _ufunc in [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                      ("truediv", np.true_divide), ("floordiv", np.floor_divide),
                      ("mod", np.remainder), ("pow", np.power), ("matmul", np.matmul),
                      ("and", np.bitwise_and), ("or", np.bitwise_or),
                      ("xor", np.bitwise_xor), ("lshift", np.left_shift),
                      ("rshift", np.right_shift), ("divmod", np.divmod)]:
    setattr(StagedArray, f"__{_name}__", _binary(_ufunc))
    setattr(StagedArray, f"__r{_name}__", _binary(_ufunc, reflected=True))
for _name, _ufunc in [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                      ("truediv", np.true_divide), ("floordiv", np.floor_divide),
                      ("mod", np.remainder), ("pow", np.power), ("and", np.bitwise_and),
                      ("or", np.bitwise_or), ("xor", np.bitwise_xor),
                      ("lshift", np.left_shift), ("rshift", np.right_shift)]:
    setattr(StagedArray, f"__i{_name}__",
            (lambda u: lambda self, other: self._inplace(u, other))(_ufunc))


def _imatmul(self, other):
    raise AgTypeError(f"{describe(user_location())}: In-place matrix multiplication is not "
                      "(yet) supported. Use 'a = a @ b' instead of 'a @= b'.")


StagedArray.__imatmul__ = _imatmul  # numpy 1.24's error
for _name, _ufunc in [("eq", np.equal), ("ne", np.not_equal), ("lt", np.less),
                      ("le", np.less_equal), ("gt", np.greater),
                      ("ge", np.greater_equal)]:
    setattr(StagedArray, f"__{_name}__", _binary(_ufunc))


def _setitem(x, key, value):
    # (numpy's surface is built on this class: a cycle)
    from .advanced import is_advanced, setitem as advanced_setitem
    from .indexing import setitem  # (numpy's surface is built on this class: a cycle)
    if is_advanced(key):
        return advanced_setitem(x, key, value)
    return setitem(x, key, value)


def _pow(self, other):
    """`x ** c` for a Python/numpy scalar c takes numpy's fast path (ndarray.__pow__):
    c in {2, 0.5, -1, 1, 0} becomes square/sqrt/reciprocal/positive/ones_like on x's own
    dtype, skipping value-based casting. A numpy scalar has no such path (np.float32(2)
    ** 0.5 is float64)."""
    if isinstance(other, (int, float, np.integer, np.floating)) and \
            not isinstance(other, (bool, np.bool_)) and not self._scalar:
        inexact = self.dtype.kind in "fc"
        if other == 2:
            return _square_power(self, other)
        if inexact and other == 0.5:
            return np.sqrt(self)
        if inexact and other == -1:
            return np.reciprocal(self)
        if inexact and other == 1:
            return np.positive(self)
        if inexact and other == 0:
            return np.ones_like(self)
    return np.power(self, other)


def _square_power(x, exponent):
    """`x ** 2` on numpy's fast path: square for every dtype (bool too: int8, which ag
    refuses), an integer array with a float exponent (2.0) cast to float64 first (and
    then a 0-d one stays a 0-d array: `np.array(6) ** 2.0` is not a numpy scalar)."""
    if x.dtype.kind == "i" and isinstance(exponent, (float, np.floating)):
        # numpy squares the float64 copy in place (out=): a 0-d array stays an array
        # instead of becoming a numpy scalar as a ufunc's 0-d result does.
        return StagedArray(np.square(cast(x, np.float64))._value, scalar=False)
    return np.square(x)


StagedArray.__pow__ = _pow
StagedArray.__neg__ = lambda self: np.negative(self)
StagedArray.__pos__ = lambda self: self
StagedArray.__abs__ = lambda self: np.absolute(self)
StagedArray.__invert__ = lambda self: np.invert(self)
# Comparisons make instances unhashable by default; staged values are not dict keys.
StagedArray.__hash__ = None


class PythonNumber(StagedArray):
    """A staged 0-d value numpy's code gives as a Python number (`x.item()`, `int(x)`,
    `np.allclose(a, b)`, a loop counter `it = 0 ... it += 1` carried by a staged loop):
    returned by the staged function, it leaves as one (`python`: bool, int or float).

    With Python numbers (or other PythonNumbers) its operators follow Python's types --
    int + int is an int, int / int a float, bool + bool an int, comparisons bools --
    computed in int64/float64 (Python's unbounded ints and its ZeroDivisionError are
    not modelled: int64 arithmetic and numpy's division by zero). With numpy values it
    is numpy's arithmetic on a Python scalar, as numpy's own code does."""

    __slots__ = ("python",)

    def __init__(self, value, python):
        super().__init__(as_staged(value)._value, scalar=True)
        self.python = python
        if isinstance(value, StagedArray):  # what is known of a loop index's values
            self._bounds = value._bounds
            shift = getattr(value, "_shift", None)
            if shift is not None:
                self._shift = shift


def python_kind(value):
    """bool, int or float when `value` is a Python number (or a PythonNumber), else None."""
    if isinstance(value, PythonNumber):
        return value.python
    t = type(value)
    return t if t in (bool, int, float) else None


_COMPARISONS = {"eq", "ne", "lt", "le", "gt", "ge"}
_BITWISE = {"and", "or", "xor"}


def _python_result_kind(name, a, b, nonnegative=False):
    """The type of Python's `a <op> b` for number types a, b (None: left to numpy);
    `nonnegative`: b is a Python number >= 0."""
    if name in _COMPARISONS:
        return bool
    if name in _BITWISE:
        return None if float in (a, b) else bool if a is b is bool else int
    if name in ("lshift", "rshift"):
        return None if float in (a, b) else int
    if name == "truediv":
        return float
    if name == "pow" and float not in (a, b):
        # int ** negative int is a float in Python: an int only for an exponent known
        # not to be negative
        return int if nonnegative else None
    return float if float in (a, b) else int


def _python_binary(name, reflected=False):
    numpy_op = getattr(StagedArray, f"__{'r' if reflected else ''}{name}__")

    def apply(self, other):
        kind = python_kind(other)
        result_kind = kind and _python_result_kind(
            name, self.python, kind,
            nonnegative=not reflected and kind in (bool, int) and
            not isinstance(other, StagedArray) and other >= 0)
        if result_kind is None:
            return numpy_op(self, other)
        x, y = self, other
        if result_kind is int and name not in _BITWISE:  # True + True is 2
            x = cast(x, np.int64) if self.python is bool else x
            y = int(y) if type(y) is bool else \
                cast(y, np.int64) if kind is bool and isinstance(y, StagedArray) else y
        result = numpy_op(x, y)
        return PythonNumber(result, result_kind) if isinstance(result, StagedArray) \
            else result
    return apply


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "and", "or", "xor",
              "lshift", "rshift"):
    setattr(PythonNumber, f"__{_name}__", _python_binary(_name))
    setattr(PythonNumber, f"__r{_name}__", _python_binary(_name, reflected=True))
    # A Python number is immutable: `it += 1` rebinds it.
    setattr(PythonNumber, f"__i{_name}__", _python_binary(_name))
for _name in _COMPARISONS:
    setattr(PythonNumber, f"__{_name}__", _python_binary(_name))


def _python_unary(numpy_op):
    def apply(self):
        x = cast(self, np.int64) if self.python is bool else self
        return PythonNumber(numpy_op(x), float if self.python is float else int)
    return apply


PythonNumber.__neg__ = _python_unary(np.negative)
PythonNumber.__abs__ = _python_unary(np.absolute)
PythonNumber.__pos__ = _python_unary(lambda x: x)
PythonNumber.__hash__ = None

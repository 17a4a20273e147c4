"""Python builtins on staged values (TF AutoGraph's py_builtins): len, min, max,
enumerate, zip, np.ndenumerate, np.nditer, int/float/bool, print; np.zeros & co. making staged
arrays; `x.shape`.
"""

import builtins

import numpy as np

from .._callbacks import new_callback
from .._location import user_location
from ..errors import AgTypeError, AgUnsupportedError, AgValueError
from ..staged import dynamic, layout, memory, numerics
from ..staged.array import SUPPORTED_DTYPES, PythonNumber, StagedArray, as_staged, cast
from ..staged.reshaping import full
from ..staged.values import is_staged, where
from ..trace import current_tracer, is_tracing
from .data_structures import StagedList
from .divergent import has_divergent, split_call
from .loops import StagedSequence, _first_dim


def _staged_conversion(kind, x):
    """int(x), float(x), bool(x) of a staged 0-d value: a staged numpy scalar."""
    if x.ndim != 0:
        raise AgTypeError(f"{where(user_location())}: {kind.__name__}() of a staged array "
                          f"of shape {x.shape}: only 0-d arrays convert to a number")
    if kind is builtins.bool:
        result = np.not_equal(x, np.zeros((), x.dtype))
    else:
        if kind is builtins.int:
            numerics.check_int_conversion(x, user_location())
        result = cast(x, np.int64 if kind is builtins.int else np.float64)
    return PythonNumber(result, kind)


def _staged_min_max(pick):
    def staged(*args, **kwargs):
        values = args[0] if len(args) == 1 else args
        if len(args) == 1 and _is_sequence_of_staged(values) and values:
            values = list(values)
            kwargs.pop("default", None)  # only used for an empty iterable
        elif len(args) < 2:
            raise AgUnsupportedError(
                f"{where(user_location())}: {pick.__name__}() over a staged array: use "
                f"np.{pick.__name__}(x) (min/max of two or more staged numbers, or of a "
                "list or tuple of them, is supported)")
        if kwargs:
            raise AgUnsupportedError(
                f"{where(user_location())}: {pick.__name__}() of staged values with "
                f"{', '.join(kwargs)}= is not supported; compute the keys explicitly")
        for v in values:
            if is_staged(v) and v.ndim != 0:
                raise AgValueError(
                    f"{where(user_location())}: {pick.__name__}() of staged arrays of "
                    f"shape {v.shape}: the truth value of an array with more than one "
                    "element is ambiguous; use np.minimum / np.maximum")
        # Python's rule: the first of the smallest (largest) values.
        result = values[0]
        for v in values[1:]:
            result = np.where(pick(v, result), v, result)
        return StagedArray(as_staged(result)._value, scalar=True)
    staged.__name__ = pick.__name__
    return staged


def _is_sequence_of_staged(value):
    return type(value) in (list, tuple) and any(is_staged(v) for v in value)


def _staged_enumerate(iterable, start=0):
    return StagedSequence.enumerate(iterable, start)


def _staged_zip(*iterables):
    return StagedSequence.zip(iterables)


def _less(a, b):
    return np.less(a, b)


def _greater(a, b):
    return np.greater(a, b)


_less.__name__, _greater.__name__ = "min", "max"


def shape_of(value):
    """`value.shape` in converted code: a dynamic dim of a staged array reads as its
    staged size (ag.stage(..., dynamic=)), as numpy code reads sizes as ints."""
    if isinstance(value, StagedArray):
        return dynamic.dims_of(value)
    return value.shape


def _staged_shape(shape):
    return is_staged(shape) or (isinstance(shape, (tuple, list)) and
                                any(is_staged(n) for n in shape))


def _zeros(shape, dtype=float, order="C", **kwargs):
    return full(shape, 0, dtype)


def _ones(shape, dtype=None, order="C", **kwargs):
    return full(shape, 1, np.float64 if dtype is None else dtype)


def _full(shape, fill_value, dtype=None, order="C", **kwargs):
    return full(shape, fill_value, dtype)


# np.zeros & co. called by converted code while tracing make staged arrays, with sizes
# known while tracing or only at run time (a dynamic dim): an array the function makes is
# an object with its own storage like any other, so aliases of it, views of it and
# helpers writing into it behave as in numpy (a numpy array made while tracing could
# not take a staged value). empty's contents are unspecified: zeros are a valid choice.
_CONSTRUCTORS = {np.zeros: _zeros, np.empty: _zeros, np.ones: _ones, np.full: _full}


def _stageable_buffer(fn, args, kwargs):
    """Whether np.zeros/ones/empty/full(args) makes an array ag stages (a dtype it
    supports; a fill value that is a number or staged): else numpy makes it."""
    shape = args[0] if args else kwargs.get("shape")
    if _staged_shape(shape):
        return True
    if fn is np.full:
        fill = args[1] if len(args) > 1 else kwargs.get("fill_value")
        dtype = args[2] if len(args) > 2 else kwargs.get("dtype")
        if not (is_staged(fill) or isinstance(fill, (bool, int, float, np.generic))):
            return False
    else:
        dtype = args[1] if len(args) > 1 else kwargs.get("dtype", float)
        fill = 0
    try:
        made = np.dtype(dtype) if dtype is not None else np.result_type(fill)
    except TypeError:
        return False
    return made in SUPPORTED_DTYPES and kwargs.get("like") is None


def _staged_len(value):
    if isinstance(value, StagedList):
        return StagedArray(value.length._value, scalar=True)
    if isinstance(value, StagedArray) and value.ndim and value.shape[0] is None:
        return _first_dim(value)  # a dynamic dim: its size at run time
    return builtins.len(value)


def _staged_ndenumerate(arr):
    """np.ndenumerate of a staged array: (coordinates as Python ints, element) in C order,
    each element read when its iteration runs (numpy's flat iterator reads the array as
    it is then)."""
    if None in arr.shape:
        raise AgUnsupportedError(f"{where(user_location())}: np.ndenumerate of an array "
                                 "with dynamic dims")
    shape = arr.shape

    def item_of(k):
        coords, step = [], 1
        for d in reversed(shape):
            c = (k // step) % d
            coords.append(PythonNumber(c, int) if isinstance(c, StagedArray) else int(c))
            step *= d
        return tuple(reversed(coords)), arr.reshape(-1)[k]
    return StagedSequence(int(np.prod(shape, dtype=np.int64)), item_of)


class _Nditer(StagedSequence):
    """np.nditer of staged operands: a staged loop over their elements in numpy's order,
    yielding 0-d views (a tuple of them for several operands); `with` works as numpy's."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


_NDITER_FLAGS = {"zerosize_ok", "refs_ok", "buffered", "grow_inner"}


def _staged_nditer(op, flags=None, op_flags=None, op_dtypes=None, order="K",
                   casting="safe", op_axes=None, itershape=None, buffersize=0):
    """np.nditer over staged arrays (and numpy arrays, scalars) with numpy's order of
    elements -- memory order for 'K', as the operands' layouts say -- broadcasting,
    read-only items unless an operand is flagged 'readwrite' or 'writeonly'. The
    iterator protocol of flags such as multi_index (it.multi_index, it.iternext()) is
    not staged."""
    here = where(user_location())
    ops = list(op) if isinstance(op, (list, tuple)) else [op]
    extra = [name for name, value in (("op_dtypes", op_dtypes), ("op_axes", op_axes),
                                      ("itershape", itershape)) if value is not None]
    extra += [f"flags=[{f!r}]" for f in flags or () if f not in _NDITER_FLAGS]
    if order not in ("K", "C", "F", "A"):
        extra.append(f"order={order!r}")
    if extra:
        raise AgUnsupportedError(f"{here}: np.nditer with {', '.join(extra)} is not staged "
                                 "(iterate over it with a for loop; flags zerosize_ok/"
                                 "refs_ok/buffered, op_flags readonly/readwrite/writeonly)")
    if op_flags is None or (op_flags and isinstance(op_flags[0], str)):
        op_flags = [op_flags or ["readonly"]] * len(ops)
    writable = [bool({"readwrite", "writeonly"} & set(f)) for f in op_flags]
    ops = [as_staged(x) for x in ops]
    if any(None in x.shape for x in ops):
        raise AgUnsupportedError(f"{here}: np.nditer of an array with dynamic dims")
    try:
        shape = np.broadcast_shapes(*[x.shape for x in ops])
    except ValueError as e:
        raise AgValueError(f"{here}: {e}") from None
    size = int(np.prod(shape, dtype=np.int64))
    if size == 0 and "zerosize_ok" not in (flags or ()):
        raise AgValueError(f"{here}: Iteration of zero-sized operands is not enabled")
    axes, flipped = _nditer_order(ops, shape, order, here)

    def item_of(k):
        coords, step = [0] * len(shape), 1
        for a in reversed(axes):
            c = (k // step) % shape[a] if step > 1 else k % shape[a]
            if a in flipped:
                c = shape[a] - 1 - c
            if isinstance(c, StagedArray):
                c._bounds = (0, shape[a] - 1)
            coords[a] = c
            step *= shape[a]
        items = []
        for x, w in zip(ops, writable):
            pad = len(shape) - x.ndim
            index = tuple(0 if x.shape[a - pad] == 1 else coords[a]
                          for a in range(pad, len(shape))) + (Ellipsis,)
            items.append(x[index] if w else memory.readonly_view(
                x, lambda parent, index=index: parent[index], StagedArray(x[index]._value),
                (), "an np.nditer operand that is readonly"))
        return items[0] if len(ops) == 1 and not isinstance(op, (list, tuple)) else \
            tuple(items)
    return _Nditer(size, item_of)


def _nditer_order(ops, shape, order, here):
    """(axes outermost first, flipped axes) of np.nditer over `ops` (layout.py)."""
    if order in ("K", "A"):
        own = [x._element_strides() for x in ops]
        if any(s is None for s in own):
            raise AgUnsupportedError(f"{here}: np.nditer in memory order of an array whose "
                                     "layout ag does not know (pass order='C')")
        if order == "A":
            order = "F" if all(layout.is_contiguous(x.shape, s, "F")
                               for x, s in zip(ops, own)) else "C"
    if order in ("C", "F"):
        return layout.nditer_order(shape, [], order)
    return layout.nditer_order(shape, [layout.broadcast_strides(x.shape, s, shape)
                                       for x, s in zip(ops, own)], "K")


_STAGED_BUILTINS = {builtins.len: _staged_len, builtins.min: _staged_min_max(_less),
                    builtins.max: _staged_min_max(_greater),
                    builtins.enumerate: _staged_enumerate, builtins.zip: _staged_zip,
                    np.ndenumerate: _staged_ndenumerate, np.nditer: _staged_nditer}


# Also staged for a list or tuple of staged values (min([a, b]), np.nditer([x, y])).
_TAKE_SEQUENCES = (builtins.min, builtins.max, np.nditer)


def print_(*args, sep=" ", end="\n", file=None, flush=False):
    """print() in a staged function is staged: printed when the compiled code runs, every
    call, in order, on the taken path, with numpy's formatting -- Python values too (the
    function prints each time it is called, not once when traced). Python arguments are
    formatted (str()) while tracing. Outside a trace it is Python's print."""
    # In the body of a staged loop too: the body's Python values are the same in every
    # iteration (what changes is loop state, which the loop carries as staged values), so
    # a staged print of them prints once per iteration like Python, and the loop stays a
    # loop instead of unrolling because of a progress message.
    if not is_tracing():
        return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
    if has_divergent(args):  # a value whose dtype depends on the path: printed per path
        return split_call(lambda *a: print_(*a, sep=sep, end=end, file=file, flush=flush),
                          args, {})
    items, values = [], []
    for a in args:
        if is_staged(a):
            items.append(("value", len(values), a._scalar and a.ndim == 0))
            values.append(a)
        else:
            items.append(("const", str(a)))
    if not values:
        # The lowering of an ag.print without operands fails ("could not convert to LLVM
        # IR"): pass one the handler never formats.
        values.append(as_staged(np.int64(0)))
    cid = new_callback(("print", items, sep, end, file, flush))
    current_tracer().effect("ag.print", [v._value for v in values], {"callback": cid},
                            user_location())

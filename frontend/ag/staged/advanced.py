"""numpy's advanced indexing on staged arrays: integer arrays and boolean masks.

An index with an integer array, a list, a boolean mask or a boolean scalar in it follows
numpy's advanced-indexing rules, reduced to three dialect primitives (ag.gather,
ag.scatter, ag.nonzero):

* every advanced entry becomes an integer index array for one axis: an integer array is
  one, a Python or staged 0-d integer is a 0-d one (integers take part in advanced
  indexing once an array does), a k-d mask is the k rows of its nonzero(), a boolean
  scalar a new unit axis indexed by [0] or [];
* the other entries (slices, None, `...`) are a basic index taken first; the advanced
  axes of that window are moved to the front, gathered with the index arrays broadcast
  together, and the broadcast dims go where numpy puts them: in place of the advanced
  entries when those are next to each other, else in front;
* an assignment scatters the value (broadcast to the result shape, moved the same way)
  into the window, which a basic assignment writes back: writes reach views, aliases and
  arguments through the object model (storage) as numpy's do;
* out-of-range indices raise numpy's IndexError ("index 7 is out of bounds for axis 0
  with size 5"): at trace time for indices known then, else when the compiled code runs
  (the first bad index of the first bad array, as numpy reports it), in numpy's order
  among its other errors (an assignment checks the value's shape first, ufunc.at the
  indices). A scatter checks staged indices as it writes (ag.scatter's `checked`): its
  result is seen only after the check, so the indices are read once.

Reads are copies, as numpy's. A mask's result size is known only when the code runs: a
dynamic dim (see dynamic).
"""

import operator

import numpy as np

from .._callbacks import new_callback
from .._location import describe, user_location
from ..errors import AgIndexError, AgTypeError, AgUnsupportedError, AgValueError
from . import dynamic, numerics, regions
from .array import StagedArray, as_staged, cast, constant, record, record_results
from .checks import check_not_in_try
from .indexing import getitem as basic_getitem, setitem as basic_setitem
from .reshaping import broadcast_to, _common, reshape
from .ufuncs import where

_VALID = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
          "integer or boolean arrays are valid indices")
_NOT_INTEGER = "arrays used as indices must be of integer (or boolean) type"


def is_advanced(key):
    """Whether numpy indexes with `key` by advanced indexing."""
    for k in (key if isinstance(key, tuple) else (key,)):
        if isinstance(k, (bool, np.bool_, list)):
            return True
        if isinstance(k, (np.ndarray, StagedArray)) and (k.ndim > 0 or k.dtype == np.bool_):
            return True
    return False


# --- the plan: a basic window and index arrays ------------------------------------------

class _Plan:
    """`x[key]` as a basic index `basic` of x (a window y), the advanced axes of y with
    their index arrays (staged int64, broadcast to one shape) and whether numpy keeps the
    broadcast dims in place (`adjacent`)."""

    __slots__ = ("basic", "axes", "indices", "adjacent", "batch", "masks", "loc",
                 "unchecked")
    # basic: the basic index of the window y; axes: y's advanced axes (consecutive when
    # adjacent); indices: one staged int64 array per axis, all of shape `batch`; masks:
    # the boolean masks among the entries; unchecked: the index arrays (as given) and
    # the axes of x they index whose bounds check is still to be made.


def _parse(x, key, loc):
    """The entries of `key`: (kind, value) with kind slice, new, ellipsis, int, array,
    mask or bool0 (numpy's classification), values as numpy or staged arrays."""
    entries = []
    for k in (key if isinstance(key, tuple) else (key,)):
        if k is None:
            entries.append(("new", None))
        elif k is Ellipsis:
            entries.append(("ellipsis", None))
        elif isinstance(k, slice):
            entries.append(("slice", k))
        elif isinstance(k, (bool, np.bool_)):
            entries.append(("bool0", bool(k)))
        elif isinstance(k, (StagedArray, np.ndarray, list)):
            a = _array_of(k, loc)
            if a.dtype == np.bool_:
                if a.ndim == 0:
                    entries.append(("bool0", a if isinstance(a, StagedArray) else bool(a)))
                else:
                    entries.append(("mask", a))
            elif a.dtype.kind in "iu":
                if a.ndim == 0:
                    entries.append(("int", a if isinstance(a, StagedArray)
                                    else int(a)))
                else:
                    entries.append(("array", a))
            else:
                raise AgIndexError(f"{describe(loc)}: "
                                   f"{_VALID if a.ndim == 0 else _NOT_INTEGER}")
        else:
            try:
                entries.append(("int", operator.index(k)))
            except TypeError:
                raise AgIndexError(f"{describe(loc)}: {_VALID}") from None
    if sum(1 for kind, _ in entries if kind == "ellipsis") > 1:
        raise AgIndexError(f"{describe(loc)}: an index can only have a single ellipsis "
                           "('...')")
    consumed = sum(v.ndim if kind == "mask" else 1 for kind, v in entries
                   if kind in ("slice", "int", "array", "mask"))
    if consumed > x.ndim:
        raise AgIndexError(f"{describe(loc)}: too many indices for array: array is "
                           f"{x.ndim}-dimensional, but {consumed} were indexed")
    return entries, x.ndim - consumed


def _array_of(k, loc):
    """An index list or array as a numpy array (known now) or a staged array."""
    if isinstance(k, (StagedArray, np.ndarray)):
        return k
    if _has_staged(k):
        parts = [_array_of(e, loc) if isinstance(e, list) else as_staged(e) for e in k]
        return np.stack(_common(parts)) if parts else np.zeros(0, np.int64)
    try:
        a = np.asarray(k)
    except ValueError:
        raise AgIndexError(f"{describe(loc)}: {_VALID}") from None
    if a.size == 0 and a.dtype.kind == "f":
        a = a.astype(np.int64)  # numpy indexes with an empty list as an empty intp array
    if a.dtype.kind not in "biu":  # a list of floats is not an index array for numpy
        raise AgIndexError(f"{describe(loc)}: {_VALID}")
    return a


def _has_staged(k):
    return any(isinstance(e, StagedArray) or (isinstance(e, list) and _has_staged(e))
               for e in k)


def plan(x, key, checked=True):
    """Resolves `key` against x by numpy's advanced-indexing rules (see the module doc).
    Unless `checked`, the bounds checks of the index arrays are left to the caller
    (`p.unchecked`: see _known_ranges and _record_ranges)."""
    loc = user_location()
    entries, fill = _parse(x, key, loc)
    if not any(kind == "ellipsis" for kind, _ in entries):
        entries.append(("ellipsis", None))  # trailing axes: separates nothing after
        trailing = True
    else:
        trailing = False
    basic, raw, positions = [], [], []
    yaxis = xaxis = 0
    masks = []
    for pos, (kind, v) in enumerate(entries):
        if kind == "slice":
            basic.append(v)
            yaxis, xaxis = yaxis + 1, xaxis + 1
        elif kind == "new":
            basic.append(None)
            yaxis += 1
        elif kind == "ellipsis":
            basic.extend([slice(None)] * fill)
            yaxis, xaxis = yaxis + fill, xaxis + fill
        elif kind in ("int", "array"):
            basic.append(slice(None))
            raw.append((yaxis, v, xaxis, None))
            positions.append(pos)
            yaxis, xaxis = yaxis + 1, xaxis + 1
        elif kind == "mask":
            _check_mask_shape(x, v, xaxis, loc)
            masks.append(v)
            for rows in nonzero_rows(v):
                basic.append(slice(None))
                raw.append((yaxis, rows, None, id(v)))  # a mask's rows are in range
                yaxis, xaxis = yaxis + 1, xaxis + 1
            positions.append(pos)
        else:  # bool0: a new unit axis indexed by [0] (True) or [] (False)
            basic.append(None)
            raw.append((yaxis, _bool_rows(v), None, None))
            positions.append(pos)
            yaxis += 1
    if trailing:
        entries.pop()
    if len(positions) > 1 and any(kind == "bool0" and isinstance(v, StagedArray)
                                  for kind, v in entries):
        # Its index array has 1 or 0 elements by the run-time value: numpy broadcasts
        # the one with the other index arrays and refuses the other.
        raise AgUnsupportedError(
            f"{describe(loc)}: a staged boolean scalar used as an index together with "
            "other integer-array or mask indices is not staged (index with it alone, or "
            "with a Python bool)")
    p = _Plan()
    p.loc = loc
    p.basic = tuple(basic)
    p.adjacent = positions == list(range(positions[0], positions[-1] + 1))
    p.masks = masks
    p.axes = [a for a, _, _, _ in raw]
    p.indices, p.batch = _broadcast([v for _, v, _, _ in raw], [s for *_, s in raw], loc)
    # numpy checks the broadcast indices: none when there are none.
    p.unchecked = [(v, axis) for _, v, axis, _ in raw if axis is not None] \
        if 0 not in p.batch else []
    if checked:
        _record_ranges(x, _known_ranges(x, p), loc)
    return p


def _check_mask_shape(x, mask, axis, loc):
    for d in range(mask.ndim):
        n, m = x.shape[axis + d], mask.shape[d]
        if n is not None and m is not None:
            if n != m:
                raise AgIndexError(
                    f"{describe(loc)}: boolean index did not match indexed array along "
                    f"dimension {axis + d}; dimension is {n} but corresponding boolean "
                    f"dimension is {m}")
            continue
        nd = dynamic.dim_of(x, axis + d, loc)
        md = dynamic.dim_of(mask, d, loc)
        raise_at_run_time(
            np.not_equal(nd, md), AgIndexError,
            f"boolean index did not match indexed array along dimension {axis + d}; "
            "dimension is {0} but corresponding boolean dimension is {1}",
            [nd, md], loc)


def nonzero_rows(mask):
    """The rows of np.nonzero(mask) (a bool array of ndim >= 1): int64 arrays."""
    if isinstance(mask, np.ndarray):
        return [r.astype(np.int64) for r in np.nonzero(mask)]
    stacked = record("ag.nonzero", [cast(mask, np.bool_)])
    return [StagedArray(basic_getitem(stacked, d)._value) for d in range(mask.ndim)]


def _bool_rows(value):
    if not isinstance(value, StagedArray):
        return np.zeros(1 if value else 0, np.int64)
    return broadcast_to(constant(np.int64(0)), (cast(value, np.int64),))


def _known_ranges(x, p):
    """numpy's bounds check of p's index arrays, in order, as far as it is known now:
    raises for a bad index known at trace time; returns the staged checks left (index,
    axis), taking them from p (masks' rows are in range)."""
    left = []
    for v, axis in p.unchecked:
        n = x.shape[axis]
        if not isinstance(v, StagedArray) and n is not None:
            a = np.asarray(v)
            bad = (a < -n) | (a >= n)
            if bad.any():
                raise AgIndexError(f"{describe(p.loc)}: index {a[bad].flat[0]} is out of "
                                   f"bounds for axis {axis} with size {n}")
            continue
        if isinstance(v, StagedArray) and v.ndim == 0 and v._bounds is not None and \
                n is not None and -n <= v._bounds[0] and v._bounds[1] < n:
            continue  # a loop index known to stay in range
        left.append((v, axis))
    p.unchecked = []
    return left


def _record_ranges(x, staged, loc):
    """Records the run-time bounds checks `staged` (from _known_ranges), in order."""
    for v, axis in staged:
        n = x.shape[axis]
        check_range(as_staged(v), n if n is not None else dynamic.dim_of(x, axis, loc),
                    axis, loc)


def check_range(index, size, axis, loc):
    """Records numpy's run-time bounds check of the staged integer array `index` against
    `size` (an int or a staged size): IndexError naming the first bad index."""
    if index.ndim and None not in index.shape and 0 in index.shape:
        return
    flat = index if index.ndim == 1 else _flat(index)
    flat = cast(flat, np.int64)
    size64 = as_staged(np.int64(size)) if not isinstance(size, StagedArray) \
        else cast(size, np.int64)
    def out_of_range():
        return np.logical_or(np.less(flat, np.negative(size64)),
                             np.greater_equal(flat, size64))
    # The test is made again on the failing path, so that on the common one it fuses
    # with the reduction (one pass over the indices, no mask in memory).
    any_bad = record("ag.any", [out_of_range()], {"axes": [0], "keepdims": False})

    def first_bad():
        j = record("ag.argmax", [out_of_range()], {"axis": 0, "keepdims": False})
        return [record("ag.dynamic_index", [flat, j]), size64]
    raise_at_run_time(any_bad, AgIndexError,
                      f"index {{0}} is out of bounds for axis {axis} with size {{1}}",
                      first_bad, loc)


def _flat(a):
    return StagedArray(reshape(as_staged(a), (-1,))._value)


class _RaiseAtRunTime:
    """The host call of raise_at_run_time: raises `error` with `template` formatted with
    the run-time values. (A module-level class, not a closure: a trace record pickles
    its callbacks, and a trace without a record is traced again by every new process.)"""

    def __init__(self, error, template):
        self.error, self.template = error, template

    def __call__(self, arrays, out):
        raise self.error(self.template.format(
            *[int(a[()]) if a.ndim == 0 else a for a in arrays]))


def _literal(text):
    """`text` as literal text of a str.format template."""
    return text.replace("{", "{{").replace("}", "}}")


def raise_at_run_time(bad, error, template, values, loc):
    """When the staged bool `bad` is true as the compiled code runs, the call raises
    `error` with the user's line and template.format(*values) (values: staged integers,
    or a function giving them, computed only on that path): a host call on the failing
    path, so the message can show values only the run knows (numpy's "index 7 is out
    of bounds ...")."""
    check_not_in_try("index", loc)
    runner = _RaiseAtRunTime(error, f"{_literal(describe(loc))}: {template}")

    def fail():
        operands = values() if callable(values) else values
        operands = [cast(as_staged(v), np.int64) for v in operands]
        cid = new_callback(("host", runner))
        record("ag.host_call", operands,
               {"callback": cid, "operandSegmentSizes": [len(operands), 0]},
               result=(np.int64, (0,)))
        return constant(np.zeros(0, np.int64))
    regions.cond(cast(as_staged(bad), np.bool_), fail,
                 lambda: constant(np.zeros(0, np.int64)))


def _shape_text(shape):
    return "(" + ",".join("?" if d is None else str(d) for d in shape) + \
        ("," if len(shape) == 1 else "") + ")"


def _broadcast(arrays, sources, loc):
    """The index arrays broadcast together as staged int64 of one shape, and that shape
    (None for a dynamic dim). `sources`: for each array, the mask it is a row of (rows of
    one mask agree in size) or None. Dynamic sizes that must agree are checked when the
    code runs (numpy's IndexError)."""
    shapes = [np.shape(a) if not isinstance(a, StagedArray) else a.shape for a in arrays]
    mismatch = (f"{describe(loc)}: shape mismatch: indexing arrays could not be broadcast "
                "together with shapes " + "".join(_shape_text(s) + " " for s in shapes))
    rank = max(len(s) for s in shapes)
    target, origin = [], []
    for d in range(rank):
        sizes = [(k, s[len(s) - rank + d], len(s) - rank + d)
                 for k, s in enumerate(shapes) if len(s) - rank + d >= 0]
        static = {n for _, n, _ in sizes if n is not None and n != 1}
        if len(static) > 1:
            raise AgIndexError(mismatch)
        unknown = [(k, i) for k, n, i in sizes if n is None]
        if unknown:  # a dynamic dim wins: every index array then has a ? there
            k, i = unknown[0]
            target.append(dynamic.dim_of(arrays[k], i, loc))
            origin.append(k)
        else:
            target.append(static.pop() if static else 1)
            origin.append(None)
    staged = [cast(as_staged(a), np.int64) for a in arrays]
    agree = []
    for d, t in enumerate(target):
        if not isinstance(t, StagedArray):
            continue  # all static here: equal or 1 (checked above)
        for k, s in enumerate(shapes):
            j = len(s) - rank + d
            if j < 0 or s[j] == 1 or k == origin[d] or (
                    sources[k] is not None and sources[k] == sources[origin[d]]):
                continue
            agree.append(np.equal(dynamic.dim_of(staged[k], j, loc), t))
    if agree:
        # numpy's message shows the sizes: known when the code runs.
        ok = agree[0]
        for a in agree[1:]:
            ok = np.logical_and(ok, a)
        sizes = [dynamic.dim_of(a, j, loc) for a in staged for j in range(a.ndim)]
        fields = iter(f"{{{k}}}" for k in range(len(sizes)))  # each size, in order
        template = ("shape mismatch: indexing arrays could not be broadcast together with "
                    "shapes " + "".join(_shape_text([next(fields) for _ in s]) + " "
                                        for s in shapes))
        raise_at_run_time(np.logical_not(ok), AgIndexError, template, sizes, loc)
    out = []
    for k, a in enumerate(staged):
        s = shapes[k]
        if len(s) == rank and all(
                (n is None) if isinstance(t, StagedArray) else n == t
                for n, t in zip(s, target)):
            out.append(a)  # its own sizes (checked equal to the others')
        else:
            out.append(broadcast_to(a, target))
    batch = tuple(None if isinstance(t, StagedArray) else t for t in target)
    return out, batch


# --- reads and writes ----------------------------------------------------------------

def _window(x, p):
    if all(_is_whole(k) for k in p.basic):
        return x
    return StagedArray(basic_getitem(x, p.basic)._value)


def _is_whole(k):
    return isinstance(k, slice) and k.start is None and k.stop is None and k.step is None


def _front(y, p):
    """Permutation moving the advanced axes of window y to the front."""
    return p.axes + [a for a in range(y.ndim) if a not in p.axes]


def _transpose(v, perm):
    if perm == list(range(len(perm))):
        return v
    return record("ag.transpose", [v], {"permutation": perm})


def _layout(y, p):
    """The window the gather/scatter works on and the axis its indexed dims start at:
    numpy keeps the broadcast dims of adjacent advanced indices in their place, which is
    ag.gather's `axis`; separated ones go in front, so their axes are moved there first.
    Returns (operand, axis, the permutation applied to y)."""
    if p.adjacent:
        return y, p.axes[0], list(range(y.ndim))
    front = _front(y, p)
    return _transpose(y, front), 0, front


def _inverse(perm):
    return [int(i) for i in np.argsort(perm)]


def getitem(x, key):
    """x[key] for an advanced key: a new array (numpy copies)."""
    mask = _single_full_mask(x, key)
    if isinstance(mask, StagedArray) and None not in x.shape and mask.shape == x.shape:
        # x[mask] of a whole mask: the selected elements of both flattened, copied by
        # one loop (no positions written and gathered from).
        return StagedArray(record("ag.compress", [reshape(as_staged(x), (-1,)),
                                                  reshape(cast(mask, np.bool_), (-1,))])._value)
    p = plan(x, key)
    operand, axis, _ = _layout(_window(x, p), p)
    return StagedArray(record("ag.gather", [operand] + p.indices, {"axis": axis})._value)


def setitem(x, key, value):
    """The contents of x after x[key] = value for an advanced key (x a plain array)."""
    p = plan(x, key, checked=False)
    loc = p.loc
    v = numerics.assigned_value(value, x.dtype, loc)
    single_mask = _single_full_mask(x, key)
    if single_mask is not None and v.ndim > 1:
        raise AgTypeError(f"{describe(loc)}: NumPy boolean array indexing assignment "
                          "requires a 0 or 1-dimensional input, input has "
                          f"{v.ndim} dimensions")
    masked = _masked_where(x, p, key, v)
    if masked is not None:
        return masked
    return _scatter(x, p, v, "assign", single_mask, loc)


def _single_full_mask(x, key):
    """The mask of `x[mask]` / `x[mask,]` with mask.ndim == x.ndim (numpy's own
    boolean-assignment path, with its own rules and messages), or None."""
    k = key[0] if isinstance(key, tuple) and len(key) == 1 else key
    if isinstance(k, tuple):
        return None
    if isinstance(k, (StagedArray, np.ndarray)) and k.dtype == np.bool_ and \
            k.ndim == x.ndim and k.ndim > 0:
        return k
    return None


def _masked_where(x, p, key, v):
    """x[mask] = v where v is the same for every selected element: np.where(mask, v, x),
    no data-dependent shape. None when that does not apply."""
    if len(p.masks) != 1 or not p.adjacent:
        return None
    mask = p.masks[0]
    entries = key if isinstance(key, tuple) else (key,)
    if any(not (e is mask or e is Ellipsis or _is_whole(e)) for e in entries):
        return None
    if not isinstance(mask, StagedArray):
        return None  # known now: the scatter has static shapes
    first = p.axes[0]
    k = mask.ndim
    rest = x.shape[first + k:]
    # v against numpy's result (x.shape[:first], count, rest): does it vary with count?
    shape = list(v.shape)
    while len(shape) > len(rest) + 1 + first and shape[0] == 1:
        shape.pop(0)
    if len(shape) > len(rest):
        if shape[len(shape) - len(rest) - 1] != 1:
            return None
        shape = shape[:len(shape) - len(rest) - 1] + [1] * k + list(shape[len(shape) -
                                                                       len(rest):])
    if len(shape) > x.ndim or any(
            d is None or (d != 1 and d != n) for d, n in zip(shape[::-1], x.shape[::-1])):
        return None  # v would not broadcast to x's shape unchanged
    v = reshape(v, shape) if tuple(shape) != v.shape else v
    cond = reshape(mask, tuple(dynamic.dims_of(mask)) + (1,) * len(rest)) \
        if rest else mask
    return as_staged(where(cond, v, x))


def _scatter(x, p, v, combine, single_mask, loc, at_error=None):
    """x with v (x[key]'s dtype for assign, numpy's loop dtype for a combine) scattered
    at plan p (planned unchecked). numpy's errors come in its order: an assignment's
    value shape, then the indices; ufunc.at's (`at_error` given) indices first."""
    y = _window(x, p)
    operand, axis, perm = _layout(y, p)
    index_first = at_error is not None
    staged = _known_ranges(x, p) if index_first else None
    v, value_check = _fit_value(v, p, operand, axis, single_mask, loc, at_error)
    if staged is None:
        staged = _known_ranges(x, p)
    if value_check is not None:
        if index_first:  # the value's run-time check must come after the indices'
            _record_ranges(x, staged, loc)
            staged = []
        value_check()
    attrs = {"combine": combine, "axis": axis}
    if not staged:
        updated = record("ag.scatter", [v, operand] + p.indices, attrs)
    else:
        # The scatter checks the indices as it writes; its result is used only after
        # the flag is tested, so the error leaves nothing written, as numpy's.
        check_not_in_try("index", loc)
        updated, bad = record_results("ag.scatter", [v, operand] + p.indices,
                                      dict(attrs, checked=True))

        def fail():  # numpy's message: the first bad index of the first bad array
            _record_ranges(x, staged, loc)
            return constant(np.zeros(0, np.int64))
        regions.cond(bad, fail, lambda: constant(np.zeros(0, np.int64)))
    new_y = _transpose(updated, _inverse(perm))
    if y is x:
        return StagedArray(new_y._value)
    return StagedArray(basic_setitem(x, p.basic, StagedArray(new_y._value))._value)


def _fit_value(v, p, operand, axis, single_mask, loc, at_error):
    """The assigned value broadcast to numpy's result shape (which is the scatter's
    updates shape; numpy's extra leading 1s are dropped), and a function recording the
    run-time check of its dynamic sizes (None when there is none to make): the caller
    puts it in numpy's order."""
    nb, na = len(p.batch), len(p.axes)
    shape, dims = [], []  # the result dims (None: dynamic), and as values
    for i in range(operand.ndim - na + nb):
        if axis <= i < axis + nb:
            d = p.batch[i - axis]
            shape.append(d)
            dims.append(d if d is not None
                        else dynamic.dim_of(p.indices[0], i - axis, loc))
        else:
            a = i if i < axis else i - nb + na
            d = operand.shape[a]
            shape.append(d)
            dims.append(d if d is not None else dynamic.dim_of(operand, a, loc))
    if single_mask is not None:
        return _bool_assign_value(v, dims, loc), None

    def message(have, want, template=False):
        """numpy's message; with `template`, as a str.format template (the shapes'
        entries may be its fields)."""
        if at_error is not None:
            return _literal(at_error) if template else at_error
        return (f"shape mismatch: value array of shape {_shape_text(have)} could not be "
                f"broadcast to indexing result of shape {_shape_text(want)}")
    text = f"{describe(loc)}: {message(v.shape, shape)}"
    v_shape = v.shape
    s = list(v.shape)
    while len(s) > len(shape) and s[0] == 1:
        s.pop(0)
    if len(s) > len(shape):
        raise AgValueError(text)
    if s != list(v.shape):
        v = reshape(v, s)
    lead = len(shape) - len(s)
    agree = []
    for i, t in enumerate(dims):
        j = i - lead
        d = v.shape[j] if j >= 0 else 1
        if d == 1:
            continue  # the scatter broadcasts it
        if d is not None and shape[i] is not None:
            if d != shape[i]:
                raise AgValueError(text)
            continue
        # A dynamic size on either side: equal when the code runs (the scatter writes no
        # more than both).
        agree.append(np.equal(dynamic.dim_of(v, j, loc), t))
    if not agree:
        return as_staged(v), None  # ag.scatter broadcasts it (numpy's rule)

    def check():
        ok = agree[0]
        for a in agree[1:]:
            ok = np.logical_and(ok, a)
        # numpy's message shows the sizes, known when the code runs.
        sizes = [dynamic.dim_of(v, j, loc) for j in range(v.ndim)] + list(dims)
        # The value's shape: its leading dims as known, then its run-time sizes; the
        # indexing result's: run-time sizes (template fields, in the order of `sizes`).
        fields = [f"{{{k}}}" for k in range(len(sizes))]
        have = list(v_shape)[:len(v_shape) - v.ndim] + fields[:v.ndim]
        raise_at_run_time(np.logical_not(ok), AgValueError,
                          message(have, fields[v.ndim:], template=True), sizes, loc)
    return as_staged(v), check


def _bool_assign_value(v, dims, loc):
    """numpy's boolean-assignment rule (x[mask] = v, mask covering x): v has one element,
    or as many as the mask has true ones."""
    count = dims[0]
    if v.ndim == 0 or v.shape == (1,):
        return as_staged(reshape(v, ()))  # ag.scatter broadcasts it
    n = dynamic.dim_of(v, 0, loc)
    raise_at_run_time(
        np.not_equal(n, count), AgValueError,
        "NumPy boolean array indexing assignment cannot assign {0} input values to the "
        "{1} output values where the mask is true",
        [n, count], loc)
    return v  # the scatter writes no more than both sizes

"""Dynamic dims (ag.stage(..., dynamic=)) in the numpy implementations.

A dim known only when the compiled code runs is None in a StagedArray's shape while
tracing. Its size as a value is a Dim (a staged int64 that remembers whose dim it is);
sizes computed from dims are Sizes; both leave compiled code as Python ints. Shape rules
numpy applies while running (broadcasting, matmul's core dims, joins, reshape sizes)
become run-time checks here (checks.record_check), and the lowering views operands at
the smaller of the sizes that meet, so a failed check never reads or writes past a
buffer.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgOperandError, AgUnsupportedError, AgValueError
from ..trace import current_tracer
from .array import StagedArray, as_staged, cast, record
from .checks import record_check
from .numerics import checked_sizes


def check_dims(operands):
    """Records run-time checks for dims known only at run time (dynamic=): the lowering
    takes a dynamic dim facing another dynamic dim or a size > 1 to be that size, and
    numpy would raise if it were not (a dynamic dim that is 1 at run time is not
    broadcast: an error too)."""
    pairs = []
    rank = max((x.ndim for x in operands), default=0)
    for d in range(rank):
        dims = [(x, x.ndim - rank + d) for x in operands if x.ndim - rank + d >= 0]
        if all(x.shape[i] is not None for x, i in dims):
            continue
        sized = [(x, i) for x, i in dims if x.shape[i] != 1]
        for other in sized[1:]:
            if sized[0][0].shape[sized[0][1]] is None or other[0].shape[other[1]] is None:
                pairs.append((sized[0], other))
    if not pairs:
        return
    loc = user_location()
    shapes = " ".join(shape_text(x.shape) for x in operands)
    for (x, i), (y, j) in pairs:
        record_check(np.equal(dim_of(x, i, loc), dim_of(y, j, loc)),
                     f"{describe(loc)}: operands could not be broadcast together with "
                     f"shapes {shapes} (a dynamic dim must equal the dims it meets when the "
                     "compiled code runs)", loc)


def dim_of(x, i, loc):
    """Dim i of x as a value: an int64 when static, else its staged size (a Dim)."""
    if x.shape[i] is not None:
        return np.int64(x.shape[i])
    return Dim(current_tracer().dim(x._value, i, loc), x, i)


class Size(StagedArray):
    """A size known only at run time (x.size, len(x) of a dynamic dim): a staged int64
    that leaves the compiled function as a Python int, as numpy's sizes are."""

    __slots__ = ()

    def __init__(self, value):
        super().__init__(value, scalar=True)


class Dim(Size):
    """A dynamic dim as a value (`x.shape[i]` in converted code, ag.stage(..., dynamic=)):
    a Size that remembers whose dim it is, so reshape and broadcast_to can tell
    `x.reshape(x.shape[0], -1)` from an arbitrary size."""

    __slots__ = ("of", "axis")

    def __init__(self, value, of, axis):
        super().__init__(value)
        self.of, self.axis = of, axis


def size_value(x, loc):
    """x.size as a staged int64 (x has dynamic dims)."""
    total = np.int64(int(np.prod([d for d in x.shape if d is not None], dtype=np.int64)))
    for i, d in enumerate(x.shape):
        if d is None:
            total = np.multiply(total, dim_of(x, i, loc))
    return Size(total._value) if isinstance(total, StagedArray) else total


def dims_of(x):
    """x.shape with each dynamic dim as a Dim (numpy code reads sizes as ints)."""
    if not isinstance(x, StagedArray) or None not in x.shape:
        return x.shape
    loc = user_location()
    return tuple(dim_of(x, i, loc) if d is None else d for i, d in enumerate(x.shape))


def check_matmul(a, b):
    """Records the run-time checks of a matmul with dynamic dims: the contracted dims and
    the batch dims must match (the lowering views both at the smaller size, so a failed
    check never reads past a buffer). Batch broadcasting needs static shapes."""
    ra, rb = max(a.ndim, 2), max(b.ndim, 2)
    loc = user_location()
    shapes = f"{shape_text(a.shape)} @ {shape_text(b.shape)}"
    batch_a, batch_b = a.shape[:-2], b.shape[:-2]
    if b.ndim > 2 and (ra != rb or any((m == 1) != (n == 1)
                                        for m, n in zip(batch_a, batch_b))):
        raise AgUnsupportedError(
            f"{describe(loc)}: matmul {shapes} broadcasts batch dims with dynamic dims "
            "(ag.stage(..., dynamic=)); this is staged for a matrix on the right or for "
            "equal batch dims")
    pairs = [(a.ndim - 1, 0 if b.ndim == 1 else b.ndim - 2,
              "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
              "signature (n?,k),(k,m?)->(n?,m?)")]
    if b.ndim > 2:
        pairs += [(d, d, "matmul: batch dims could not be broadcast together")
                  for d in range(len(batch_a))]
    for i, j, what in pairs:
        if a.shape[i] is None or b.shape[j] is None:
            record_check(np.equal(dim_of(a, i, loc), dim_of(b, j, loc)),
                         f"{describe(loc)}: {what} (shapes {shapes}; a dynamic dim must "
                         "equal the dim it meets when the compiled code runs)", loc)


def shape_text(shape):
    return "(" + ",".join("?" if n is None else str(n) for n in shape) + ")"


def reshape(a, newshape):
    """reshape of an array with dynamic dims, or into a shape with staged sizes.

    a's dynamic dims given back (None entries, as library code passes x.shape, or Dims of
    `a` in order, as in `x.reshape(x.shape[0], -1)` in converted code) stand for
    themselves, and the static dims then must match as numpy's sizes would. A -1 alone
    becomes the result's one dynamic dim, sized by the total over the static dims. Any
    other staged size (`y.reshape(x.shape[0], -1)`) is passed to ag.reshape as is. numpy's
    size checks that need run-time sizes are made when the compiled code runs."""
    loc = user_location()
    entries = list(newshape) if isinstance(newshape, (tuple, list)) else [newshape]
    own = [i for i, d in enumerate(a.shape) if d is None]
    mapped = []
    for e in entries:
        if (e is None or (isinstance(e, Dim) and e.of is a)) and own and \
                (e is None or e.axis == own[0]):
            mapped.append(("own", own.pop(0)))
        elif e is None:
            raise AgUnsupportedError(f"{describe(loc)}: reshape with None in the shape (a "
                                     "dynamic dim read while tracing)")
        elif isinstance(e, StagedArray):
            mapped.append(("staged", cast(as_staged(e), np.int64)))
        else:
            # numpy 1.24: any negative size is the unknown dim, like -1.
            mapped.append(("int", max(operator.index(e), -1)))
    text = "(" + ", ".join(str(v) if kind == "int" else "?" for kind, v in mapped) + ")"
    cannot = (f"{describe(loc)}: cannot reshape array of shape {shape_text(a.shape)} into "
              f"shape {text}")
    ints = [v for kind, v in mapped if kind == "int"]
    if ints.count(-1) > 1:
        raise AgValueError(f"{describe(loc)}: can only specify one unknown dimension")
    if any(kind == "staged" for kind, _ in mapped):
        return _reshape_to_sizes(a, mapped, cannot, loc)
    shape = [None if kind == "own" else v for kind, v in mapped]
    static_in = int(np.prod([d for d in a.shape if d is not None], dtype=np.int64))
    known = int(np.prod([s for s in shape if s is not None and s != -1], dtype=np.int64))
    unknown = shape.index(-1) if -1 in shape else None
    if shape.count(None) == a.shape.count(None):
        # The dynamic dims map to themselves: the rest is static.
        if unknown is not None and known and static_in % known == 0:
            shape[unknown] = static_in // known
            # numpy cannot infer a -1 of an empty array.
            record_check(np.not_equal(size_value(a, loc), 0),
                         f"{cannot} (its size is 0 when the compiled code runs)", loc)
        if -1 in shape or int(np.prod([s for s in shape if s is not None],
                                      dtype=np.int64)) != static_in:
            raise AgValueError(cannot)
    elif None not in shape and unknown is not None and known:
        if static_in % known:
            record_check(np.equal(np.remainder(size_value(a, loc), known), 0),
                         f"{cannot} (its size is not a multiple of {known} when the "
                         "compiled code runs)", loc)
        shape[unknown] = None
    else:
        raise AgUnsupportedError(
            f"{describe(loc)}: reshape of an array with dynamic dims "
            f"{shape_text(a.shape)} into {text}: give each dynamic dim as x.shape[i] or "
            "let one -1 take them; a static shape needs static dims")
    if tuple(shape) == a.shape:
        return a
    return record("ag.reshape", [a], result=(a.dtype, shape))


def _reshape_to_sizes(a, mapped, cannot, loc):
    """ag.reshape with explicit run-time sizes for the result's dynamic dims."""
    values = [dim_of(a, v, loc) if kind == "own" else v for kind, v in mapped]
    total = size_value(a, loc) if None in a.shape else np.int64(a.size)
    known = np.int64(1)
    for kind, v in zip([k for k, _ in mapped], values):
        if not (kind == "int" and v == -1):
            known = np.multiply(known, v)
    if any(kind == "int" and v == -1 for kind, v in mapped):
        record_check(np.logical_and(np.not_equal(known, 0),
                                    np.equal(np.remainder(total, np.maximum(known, 1)), 0)),
                     f"{cannot} (sizes known when the compiled code runs)", loc)
        inferred = np.floor_divide(total, np.maximum(known, 1))
        values = [inferred if kind == "int" and v == -1 else v
                  for (kind, _), v in zip(mapped, values)]
    else:
        record_check(np.equal(known, total),
                     f"{cannot} (sizes known when the compiled code runs)", loc)
    shape = [v if kind == "int" and v != -1 else None for (kind, v) in mapped]
    sizes = [cast(as_staged(v), np.int64) for v, d in zip(values, shape) if d is None]
    return record("ag.reshape", [a] + sizes, result=(a.dtype, shape))


def broadcast_to(a, entries):
    """broadcast_to where sizes are staged (a Dim, a staged int) or dims of `a` are
    dynamic. A None entry stands for a's dynamic dim at that position (internal callers
    pass x.shape). Sizes known only at run time are checked then: not negative, and equal
    to a dynamic or non-1 dim of `a` they meet; such result dims stay dynamic so that the
    lowering can read `a` at no more than its size."""
    loc = user_location()
    lead = len(entries) - a.ndim
    text = "(" + ", ".join("?" if isinstance(e, StagedArray) or e is None else str(e)
                           for e in entries) + ")"
    if lead < 0:
        raise AgValueError(f"{describe(loc)}: input operand has more dimensions than "
                           f"allowed by the axis remapping: {shape_text(a.shape)} to {text}")
    static, sizes = [], []
    for i, e in enumerate(entries):
        j = i - lead
        own = a.shape[j] if j >= 0 else 1
        if e is None:
            if j < 0 or own is not None:
                raise AgUnsupportedError(f"{describe(loc)}: broadcast_to with None in the "
                                         "shape (a dynamic dim read while tracing)")
            e = dim_of(a, j, loc)
        if not isinstance(e, StagedArray):
            e = operator.index(e)
            if e < 0:
                raise AgOperandError(f"{describe(loc)}: negative dimensions are not allowed")
            if own is not None:
                if own != 1 and own != e:
                    raise AgOperandError(
                        f"{describe(loc)}: operands could not be broadcast together with "
                        f"remapped shapes [original->remapped]: {shape_text(a.shape)} and "
                        f"requested shape {text}")
                static.append(e)
                continue
            e = np.int64(e)  # a's dim is dynamic: the result dim stays dynamic
        if isinstance(e, Dim) and e.of is a and e.axis == j:
            static.append(None)
            sizes.append(e)
            continue
        e = cast(as_staged(e), np.int64)
        if own != 1:
            record_check(np.equal(e, dim_of(a, j, loc)),
                         f"{describe(loc)}: operands could not be broadcast together with "
                         f"remapped shapes [original->remapped]: {shape_text(a.shape)} and "
                         f"requested shape {text}", loc)
        else:
            record_check(np.greater_equal(e, 0), f"{describe(loc)}: negative dimensions are "
                         f"not allowed (shape {text})", loc)
        static.append(None)
        sizes.append(e)
    if not sizes and tuple(static) == a.shape:
        return a
    if sizes:
        sizes = _checked_result_sizes(static, sizes, a.dtype.itemsize, loc)
    return record("ag.broadcast_to", [a] + sizes, result=(a.dtype, static))


def _checked_result_sizes(static, sizes, itemsize, loc):
    """The run-time sizes of a broadcast_to result (static: its dims, None where `sizes`
    give them), checked as numpy checks a new array's size (numerics.checked_sizes):
    all 0 if its byte count would overflow."""
    staged = iter(sizes)
    dims = checked_sizes([next(staged) if d is None else d for d in static], itemsize, loc)
    return [d for d, s in zip(dims, static) if s is None]


def check_joined(arrays, axis, what):
    """Run-time checks that joined arrays agree in their dynamic dims (but `axis`); the
    lowering views them at the smallest size, so a failed check writes nothing past the
    result."""
    if not any(None in x.shape for x in arrays) or len({x.ndim for x in arrays}) > 1:
        return
    loc = user_location()
    shapes = " ".join(shape_text(x.shape) for x in arrays)
    for d in range(arrays[0].ndim):
        if d == axis:
            continue
        for x in arrays[1:]:
            if arrays[0].shape[d] is None or x.shape[d] is None:
                record_check(np.equal(dim_of(arrays[0], d, loc), dim_of(x, d, loc)),
                             f"{describe(loc)}: {what} (shapes {shapes}; a dynamic dim "
                             "must equal the dims it meets when the compiled code runs)",
                             loc)

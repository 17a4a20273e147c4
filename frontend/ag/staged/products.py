"""numpy's vector and matrix products on staged arrays: matmul and dot (ag.matmul, a
GEMM through oneDNN or OpenBLAS where the dtype has one), vdot, inner, outer, kron,
trace, cross.

Each is written over the primitives as numpy 1.24 computes it: vdot and inner are dot
products of flattened or reshaped operands (a GEMM/GEMV where the dtype has one), outer
and kron are broadcast multiplies (numpy's own kron is one), trace sums the diagonal
taken as a strided slice of the flattened matrix, and cross is numpy's component
formulas. Result dtypes, shapes and numpy's errors for mismatched operands follow numpy.
"""

import numpy as np

from .._location import describe, user_location
from ..errors import (AgAxisError, AgOperandError, AgUFuncCastingError, AgUnsupportedError,
                      AgValueError)
from . import dynamic, memory, registry
from .array import StagedArray, as_staged, cast, check_dtype, record
from .registry import _ndim, _stand_in, _unsupported
from .reshaping import _moveaxis, reshape

implements = registry.implements


def _where():
    return describe(user_location())


def _shape_text(shape):
    return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


@implements(np.vdot)
def _vdot(a, b):
    a, b = as_staged(a), as_staged(b)
    if a.size != b.size:
        raise AgValueError(f"{_where()}: vectors have different lengths")
    if a.dtype.kind == "c":  # numpy conjugates the first operand
        a = np.conjugate(a)
    return np.dot(np.reshape(a, (-1,)), np.reshape(b, (-1,)))


@implements(np.inner)
def _inner(a, b):
    a, b = as_staged(a), as_staged(b)
    if a.ndim == 0 or b.ndim == 0:
        return np.multiply(a, b)
    k = a.shape[-1]
    if b.shape[-1] != k:
        raise AgValueError(
            f"{_where()}: shapes {_shape_text(a.shape)} and {_shape_text(b.shape)} not "
            f"aligned: {k} (dim {a.ndim - 1}) != {b.shape[-1]} (dim {b.ndim - 1})")
    if a.ndim == 1 and b.ndim == 1:
        return np.dot(a, b)
    rows = int(np.prod(a.shape[:-1], dtype=np.int64))
    cols = int(np.prod(b.shape[:-1], dtype=np.int64))
    product = np.matmul(np.reshape(a, (rows, k)), np.transpose(np.reshape(b, (cols, k))))
    return np.reshape(product, a.shape[:-1] + b.shape[:-1])


@implements(np.outer)
def _outer(a, b, out=None):
    if out is not None:
        registry._unsupported("np.outer with out= (assign the result instead)")
    a, b = as_staged(a), as_staged(b)
    return np.multiply(np.reshape(a, (-1, 1)), np.reshape(b, (1, -1)))


@implements(np.kron)
def _kron(a, b):
    a, b = as_staged(a), as_staged(b)
    if a.ndim == 0 or b.ndim == 0:
        return np.multiply(a, b)
    nd = max(a.ndim, b.ndim)
    as_ = (1,) * (nd - a.ndim) + a.shape
    bs = (1,) * (nd - b.ndim) + b.shape
    # numpy's kron: a's dims interleaved with new unit dims, b's likewise, multiplied
    # and merged pairwise.
    a_arr = np.reshape(a, tuple(d for s in as_ for d in (s, 1)))
    b_arr = np.reshape(b, tuple(d for s in bs for d in (1, s)))
    return np.reshape(np.multiply(a_arr, b_arr), tuple(x * y for x, y in zip(as_, bs)))


def diagonal(a, offset=0, axis1=0, axis2=1):
    """numpy's a.diagonal(offset, axis1, axis2) as a new array: the two axes moved last,
    the matrix flattened and read with step cols + 1 from its first diagonal element."""
    a = as_staged(a)
    if a.ndim < 2:
        raise AgValueError(f"{_where()}: diag requires an array of at least two "
                           "dimensions")
    axis1 = registry._normalize_axis(axis1, a.ndim)
    axis2 = registry._normalize_axis(axis2, a.ndim)
    if axis1 == axis2:
        raise AgValueError(f"{_where()}: axis1 and axis2 cannot be the same")
    m = np.moveaxis(a, (axis1, axis2), (-2, -1))
    rows, cols = m.shape[-2:]
    if offset >= 0:
        start, count = offset, max(0, min(rows, cols - offset))
    else:
        start, count = -offset * cols, max(0, min(rows + offset, cols))
    flat = np.reshape(m, m.shape[:-2] + (rows * cols,))
    if count == 0:
        return flat[..., :0]
    stop = start + (count - 1) * (cols + 1) + 1
    return flat[..., start:stop:cols + 1]


@implements(np.trace)
def _trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    if out is not None:
        registry._unsupported("np.trace with out= (assign the result instead)")
    result = np.sum(diagonal(a, offset, axis1, axis2), axis=-1, dtype=dtype)
    result._scalar = result.ndim == 0
    return result


@implements(np.cross)
def _cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa, axisb, axisc = (axis,) * 3
    a, b = as_staged(a), as_staged(b)
    for x, ax, name in ((a, axisa, "axisa"), (b, axisb, "axisb")):
        if x.ndim == 0 or not -x.ndim <= ax < x.ndim:
            raise AgAxisError(f"{_where()}: {name}: axis {ax} is out of bounds for "
                                   f"array of dimension {x.ndim}")
    a = np.moveaxis(a, axisa, -1)
    b = np.moveaxis(b, axisb, -1)
    if a.shape[-1] not in (2, 3) or b.shape[-1] not in (2, 3):
        raise AgValueError(f"{_where()}: incompatible dimensions for cross product\n"
                           "(dimension must be 2 or 3)")
    try:
        shape = np.broadcast_shapes(a.shape[:-1], b.shape[:-1])
    except ValueError as e:
        raise AgValueError(f"{_where()}: {e}") from None
    a0, a1 = a[..., 0], a[..., 1]
    b0, b1 = b[..., 0], b[..., 1]
    a2 = a[..., 2] if a.shape[-1] == 3 else None
    b2 = b[..., 2] if b.shape[-1] == 3 else None
    dtype = np.promote_types(a.dtype, b.dtype)
    z = np.subtract(np.multiply(a0, b1), np.multiply(a1, b0))
    if a2 is None and b2 is None:
        return cast(np.broadcast_to(z, shape), dtype)
    if a2 is None:
        x, y = np.multiply(a1, b2), np.negative(np.multiply(a0, b2))
    elif b2 is None:
        x, y = np.negative(np.multiply(a2, b1)), np.multiply(a2, b0)
    else:
        x = np.subtract(np.multiply(a1, b2), np.multiply(a2, b1))
        y = np.subtract(np.multiply(a2, b0), np.multiply(a0, b2))
    parts = [cast(np.broadcast_to(c, shape), dtype) for c in (x, y, z)]
    cp = np.stack(parts, axis=-1)
    if not -cp.ndim <= axisc < cp.ndim:
        raise AgAxisError(f"{_where()}: axisc: axis {axisc} is out of bounds for "
                               f"array of dimension {cp.ndim}")
    return np.moveaxis(cp, -1, axisc)


@implements(np.matmul)
def matmul(a, b, out=None, **kwargs):
    if out is not None:
        return _matmul_into(a, b, out, kwargs)
    if kwargs:
        _unsupported(f"np.matmul with {', '.join(sorted(kwargs))}=")
    a, b = as_staged(a), as_staged(b)
    if a.ndim == 0 or b.ndim == 0:
        raise AgOperandError(f"{describe(user_location())}: matmul: Input operand does not "
                           "have enough dimensions (0-d operand)")
    if None in a.shape or None in b.shape:
        dynamic.check_matmul(a, b)
    dtype = np.promote_types(a.dtype, b.dtype)
    if dtype == np.bool_:
        # bool @ bool is "any(a and b)": count in int64, then compare with 0.
        r = matmul(cast(a, np.int64), cast(b, np.int64))
        return np.not_equal(r, 0)
    if dtype.kind == "c":
        return _complex_matmul(cast(a, dtype), cast(b, dtype))
    r = memory.c_order(record("ag.matmul", [cast(a, dtype), cast(b, dtype)]))
    r._scalar = r.ndim == 0
    return r


def _complex_matmul(a, b):
    """A complex product as four real ones (the float kernels: oneDNN/BLAS): numpy's
    cgemm/zgemm sums the same four products of parts per term, in another order, so
    finite values agree to rounding; where infinities meet (inf - inf) the order can
    decide between inf and NaN, as it does between BLAS builds."""
    from .complexes import imag, make, real  # (built on the ufuncs: a cycle)
    ar, ai, br, bi = real(a), imag(a), real(b), imag(b)
    re = np.subtract(matmul(ar, br), matmul(ai, bi))
    im = np.add(matmul(ar, bi), matmul(ai, br))
    r = as_staged(make(re, im))
    r._scalar = r.ndim == 0
    return r


def _matmul_into(a, b, out, kwargs):
    """`np.matmul(a, b, out=out)`: the product as without out, written into `out` under
    the gufunc's rules: out's core dims (the result's matrix dims) must equal the
    result's, its loop dims may broadcast the result's; the result casts to out's dtype
    under `casting` (same_kind by default). Returns out."""
    target = out[0] if isinstance(out, tuple) and len(out) == 1 else out
    if not isinstance(target, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: np.matmul writes a staged value into a numpy "
            "array made while tracing (out=); make it a staged array first, e.g. "
            "np.zeros_like(x) or a.copy() in the staged function")
    kwargs = dict(kwargs)
    casting = kwargs.pop("casting", "same_kind")
    if kwargs:
        _unsupported(f"np.matmul with {', '.join(sorted(kwargs))}=")
    result = as_staged(matmul(a, b))
    if not np.can_cast(result.dtype, target.dtype, casting=casting):
        raise AgUFuncCastingError(
            f"{describe(user_location())}: Cannot cast ufunc 'matmul' output from "
            f"{result.dtype!r} to {target.dtype!r} with casting rule '{casting}'")
    if None not in result.shape + target.shape:
        core = (np.ndim(a) > 1) + (np.ndim(b) > 1)
        loop = result.shape[:result.ndim - core]
        ok = (target.ndim >= core and
              target.shape[target.ndim - core:] == result.shape[result.ndim - core:])
        if ok:
            try:
                ok = np.broadcast_shapes(loop, target.shape[:target.ndim - core]) == \
                    target.shape[:target.ndim - core]
            except ValueError:
                ok = False
        if not ok:
            raise AgValueError(
                f"{describe(user_location())}: matmul: output operand with shape "
                f"{target.shape} does not match the result's shape {result.shape}")
    target[...] = result
    return target


@implements(np.dot)
def _dot(a, b, out=None):
    if out is not None:
        # numpy's dot wants out C-contiguous with exactly the result's dtype: a staged
        # view's layout is not known here, so say so rather than drop out silently.
        _unsupported("np.dot with out= (use np.matmul(a, b, out=...) or assign)")
    sa, sb = _stand_in(a), _stand_in(b)
    if np.ndim(sa) == 0 or np.ndim(sb) == 0:
        # dot converts both operands to arrays: no value-based casting of scalars.
        dtype = np.promote_types(np.asarray(sa).dtype, np.asarray(sb).dtype)
        return np.multiply(as_staged(a, check_dtype(dtype, "np.dot")), as_staged(b, dtype))
    if max(_ndim(a), _ndim(b)) > 2:
        return _dot_nd(as_staged(a), as_staged(b))
    return matmul(a, b)


def _dot_nd(a, b):
    """numpy's N-d dot: a sum product over a's last axis and b's second-to-last (its only
    one for a vector), the result's dims a's others then b's others, in order: one
    matmul of a as rows by b with that axis moved first."""
    k = a.shape[-1]
    kb = b.shape[-2] if b.ndim > 1 else b.shape[0]
    if None in a.shape or None in b.shape:
        _unsupported("np.dot of arrays with more than 2 dimensions and dynamic dims")
    if k != kb:
        raise AgOperandError(f"{describe(user_location())}: shapes {a.shape} and "
                             f"{b.shape} not aligned: {k} (dim {a.ndim - 1}) != {kb} "
                             f"(dim {max(b.ndim - 2, 0)})")
    rest_a = a.shape[:-1]
    rest_b = b.shape[:-2] + b.shape[-1:] if b.ndim > 1 else ()
    m = int(np.prod(rest_a, dtype=np.int64))
    n = int(np.prod(rest_b, dtype=np.int64))
    rows = reshape(a, (m, k))  # (sizes spelled out: -1 is ambiguous when k is 0)
    cols = reshape(_moveaxis(b, -2, 0), (k, n)) if b.ndim > 1 else reshape(b, (k, 1))
    return reshape(matmul(rows, cols), rest_a + rest_b)

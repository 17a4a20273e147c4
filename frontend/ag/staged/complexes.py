"""complex64 and complex128 on staged arrays.

Which ufuncs and functions have a complex meaning in ag (everything else raises an ag
error naming the user's line: computing on the real part alone would be a silently
wrong value), and the compositions numpy's complex loops need beyond the primitives
(ag.real, ag.imag, ag.make_complex, ag.conj, ag.complex_abs, ag.angle and the complex
forms of add/sub/mul/div/neg/exp/log/sqrt/eq/ne/isnan/isinf/isfinite): integer powers
(numpy's nc_pow) and reciprocal, each transcribed from numpy 1.24's C code so that
special values (inf, NaN, signed zeros) come out as numpy's do.
"""

import numpy as np

from .._location import describe, user_location
from ..errors import AgUnsupportedError
from . import dynamic
from .array import StagedArray, as_staged, cast, constant, record

# The ufuncs whose complex loops ag stages (np.conj is np.conjugate, np.abs absolute).
COMPLEX_UFUNCS = {
    np.add, np.subtract, np.multiply, np.true_divide, np.negative, np.positive,
    np.absolute, np.conjugate, np.exp, np.log, np.sqrt, np.equal, np.not_equal,
    np.isnan, np.isinf, np.isfinite, np.power, np.square, np.reciprocal, np.matmul,
    np.sin, np.cos, np.tan, np.arctan, np.sinh, np.cosh, np.tanh, np.arcsin, np.arccos,
    np.arcsinh, np.arccosh, np.arctanh, np.less, np.less_equal, np.greater,
    np.greater_equal, np.maximum, np.minimum,
}

# Complex loops numpy runs through libm with no ag op of their own (numpy 1.24's
# nc_asin & co. call glibc's casin & co.).
_LIBM = {np.arcsin: "casin", np.arccos: "cacos", np.arcsinh: "casinh",
         np.arccosh: "cacosh", np.arctanh: "catanh"}
LIBM_UFUNCS = frozenset(_LIBM)

# numpy functions that take complex arrays in ag (data movement, real/imag/angle, the
# reductions with a complex loop).
COMPLEX_FUNCTIONS = {
    np.real, np.imag, np.angle, np.reshape, np.transpose,
    np.swapaxes, np.moveaxis, np.ravel, np.squeeze, np.expand_dims, np.broadcast_to,
    np.concatenate, np.stack, np.vstack, np.hstack, np.copy, np.where, np.shape,
    np.ndim, np.size, np.result_type, np.zeros_like, np.ones_like, np.empty_like,
    np.full_like, np.isclose, np.allclose, np.array_equal, np.any, np.all, np.sum,
    np.mean, np.dot, np.matmul, np.prod, np.cumsum, np.cumprod, np.var, np.std, np.vdot,
    np.sort, np.argsort, np.max, np.min, np.amax, np.amin, np.argmax, np.argmin,
    np.atleast_1d, np.atleast_2d, np.atleast_3d,
}


def is_complex(x):
    if isinstance(x, (StagedArray, np.ndarray, np.generic)):
        return x.dtype.kind == "c"
    if isinstance(x, (list, tuple)):
        return any(is_complex(v) for v in x)
    return isinstance(x, complex)


def refuse(what, values):
    """The ag error for `what` on complex values that ag does not stage."""
    if any(is_complex(v) for v in values):
        raise AgUnsupportedError(
            f"{describe(user_location())}: {what} of complex values is not staged yet "
            "(ag stages complex arithmetic, **, abs, angle, conj, real/imag, exp, log, "
            "sqrt, the trig and hyperbolic functions and their inverses, comparisons, "
            "maximum/minimum, isnan/isinf/isfinite, sum, prod, mean, var, std, max, min, "
            "argmax, argmin, cumsum, cumprod, sort, argsort, matmul/dot/vdot, printing and data movement)")


def _scalar_like(r, x):
    return StagedArray(as_staged(r)._value, scalar=np.ndim(x) == 0)


def real(z):
    return record("ag.real", [z])


def imag(z):
    return record("ag.imag", [z])


def make(re, im):
    """The complex array re + im*j with both parts kept exactly."""
    return record("ag.make_complex", [as_staged(re), as_staged(im)])


def absolute(z):
    return _scalar_like(record("ag.complex_abs", [z]), z)


def conjugate(z):
    return _scalar_like(record("ag.conj", [z]), z)


def angle(z, deg=False):
    a = _scalar_like(record("ag.angle", [as_staged(z)]), z)
    return np.multiply(a, 180 / np.pi) if deg else a  # numpy: a *= 180/pi (in a's dtype)


def _plain_mul(a, b):
    return np.multiply(a, b)  # numpy's cmul: the plain formula, as ag.mul's lowering


def integer_power(z, n):
    """numpy 1.24's npy_cpow(z, n + 0j) for a Python integer n (|n| < 100): 1 for
    n == 0, 0 or NaN for a zero base, z, z*z, z*(z*z) for n = 1, 2, 3, else binary
    powering from 1 and, for n < 0, cdiv(1, r) (Smith's, as ag.div)."""
    z = as_staged(z)
    dt = z.dtype
    if n == 0:
        return _scalar_like(np.ones_like(z), z)
    if not -100 < n < 100:
        raise AgUnsupportedError(
            f"{describe(user_location())}: a complex power with exponent {n} (numpy's "
            "general cpow, |n| >= 100) is not staged yet")
    if n == 1:
        r = z
    elif n == 2:
        r = _plain_mul(z, z)
    elif n == 3:
        r = _plain_mul(z, _plain_mul(z, z))
    else:
        m, mask = abs(n), 1
        aa, p = constant(np.array(1, dt)), z
        while True:
            if m & mask:
                aa = _plain_mul(aa, p)
            mask <<= 1
            if m < mask:
                break
            p = _plain_mul(p, p)
        r = aa
        if n < 0:
            r = np.true_divide(constant(np.array(1, dt)), r)  # cdiv: Smith's
    # A zero base (either signed zero in both parts): 0 for n > 0, NaN + NaN j for n < 0.
    re, im = real(z), imag(z)
    zero_base = np.logical_and(np.equal(re, 0), np.equal(im, 0))
    fill = 0.0 if n > 0 else np.nan
    fixed = np.where(zero_base, constant(np.array(complex(fill, fill), dt)), r)
    return _scalar_like(fixed, z)


def reciprocal(z):
    """numpy's complex reciprocal loop (Smith's on 1 / z, with its own branches)."""
    z = as_staged(z)
    zr, zi = real(z), imag(z)
    one = constant(np.array(1, zr.dtype))
    first = np.less_equal(np.absolute(zi), np.absolute(zr))
    # |zi| <= |zr|: r = zi/zr, d = zr + zi*r: (1/d, -r/d)
    r1 = np.true_divide(zi, zr)
    d1 = np.add(zr, np.multiply(zi, r1))
    # else: r = zr/zi, d = zr*r + zi: (r/d, -1/d)
    r2 = np.true_divide(zr, zi)
    d2 = np.add(np.multiply(zr, r2), zi)
    re = np.where(first, np.true_divide(one, d1), np.true_divide(r2, d2))
    im = np.where(first, np.negative(np.true_divide(r1, d1)),
                  np.negative(np.true_divide(one, d2)))
    return _scalar_like(make(re, im), z)


def power(base, exponent, out_dtype):
    """np.power with a complex result: integer exponents known while tracing."""
    e = exponent
    if isinstance(e, np.ndarray) and e.ndim == 0:
        e = e[()]
    if isinstance(e, (np.complexfloating, complex)) and e.imag == 0:
        e = e.real
    if isinstance(e, (int, np.integer, float, np.floating)) and \
            not isinstance(e, (bool, np.bool_)) and np.isfinite(e) and \
            float(e) == int(e) and -100 < int(e) < 100 and \
            not isinstance(base, (int, float, complex, np.generic)):
        b = as_staged(base, out_dtype)
        return _scalar_like(integer_power(b, int(e)), base)
    # Any other exponent: ag.pow's complex lowering is numpy's nc_pow element by element
    # (its integer branch for exponents only known at run time, libm's cpow otherwise).
    a, b = as_staged(base, out_dtype), as_staged(exponent, out_dtype)
    dynamic.check_dims([a, b])
    r = record("ag.pow", [a, b])
    return StagedArray(r._value, scalar=r.ndim == 0)


def libm_unary(ufunc, z):
    """np.arcsin & co. of a complex array: libm's casin & co. (`ag.complex_libm`), None
    for the ufuncs that are not among them."""
    fn = _LIBM.get(ufunc)
    if fn is None:
        return None
    z = as_staged(z)
    return _scalar_like(record("ag.complex_libm", [z], {"fn": fn}, result=(z.dtype, z.shape)),
                        z)


def _has_nan(re, im):
    return np.logical_or(np.isnan(re), np.isnan(im))


# numpy 1.24's CLT/CLE/CGT/CGE (loops.c.src): lexicographic on (real, imag); a NaN
# imaginary part on either side makes the real comparison false, a NaN real part
# fails both terms.
_ORDER = {np.less: (np.less, np.less), np.less_equal: (np.less, np.less_equal),
          np.greater: (np.greater, np.greater),
          np.greater_equal: (np.greater, np.greater_equal)}


def _ordered(ufunc, a, b):
    real_op, imag_op = _ORDER[ufunc]
    ar, ai, br, bi = real(a), imag(a), real(b), imag(b)
    by_real = np.logical_and(real_op(ar, br), np.logical_not(_has_nan(ai, bi)))
    by_imag = np.logical_and(np.equal(ar, br), imag_op(ai, bi))
    return np.logical_or(by_real, by_imag)


def binary(ufunc, a, b):
    """Ordering comparisons and maximum/minimum of complex operands (both staged, one
    complex dtype), as numpy's complex loops; None for any other ufunc."""
    if ufunc in _ORDER:
        r = _ordered(ufunc, a, b)
    elif ufunc in (np.maximum, np.minimum):
        # numpy keeps in1 when it holds a NaN or compares CGE (CLE for minimum) to in2,
        # else takes in2 (so a NaN on either side propagates, in1's first).
        keep = np.logical_or(_has_nan(real(a), imag(a)),
                             _ordered(np.greater_equal if ufunc is np.maximum
                                      else np.less_equal, a, b))
        r = np.where(keep, a, b)
    else:
        return None
    r = as_staged(r)
    return StagedArray(r._value, scalar=r.ndim == 0)


def sum_or_mean(name, x, axes, keepdims):
    """np.sum / np.mean of a complex array over `axes` (normalized, not empty), in numpy's
    order. numpy's complex pairwise sum runs over the 2n floats of a contiguous run with
    numpy's real tree (the same splits; 8 lanes holding re, im, re, im, ...), combining a
    leaf's lanes as (r0+r2)+(r4+r6) for the real part and (r1+r3)+(r5+r7) for the
    imaginary part: exactly the real pairwise sum of the part interleaved with zeros
    (x + 0.0 is x but for a zero's sign, which numpy's final add into +0 drops anyway).
    Other axes are running sums, part by part. One difference remains: numpy's buffers
    hold 8192 complex values, the real sum's 8192 floats, so runs longer than 4096 add
    their pairwise blocks in another association (a rounding difference only)."""
    if any(x.shape[a] is None for a in range(x.ndim)):
        raise AgUnsupportedError(f"{describe(user_location())}: np.{name} of complex values "
                                 "with dynamic dims is not staged yet")
    from .reductions import reduction  # (built on this module: a cycle)
    last = x.ndim - 1
    parts = []
    for part in (real(x), imag(x)):
        if last in axes:
            # (One broadcasting select, which fuses into the sum; np.stack along the
            # last axis would write element by element.)
            lane = constant(np.array([True, False]))
            pair = np.where(lane, part[..., None], constant(np.zeros((), part.dtype)))
            part = pair.reshape(part.shape[:-1] + (2 * part.shape[-1],))
        parts.append(reduction("sum", part, axis=tuple(axes), keepdims=keepdims))
    r = make(parts[0], parts[1])
    if name == "mean":
        count = 1
        for a in axes:
            count *= x.shape[a]
        # numpy divides the sum by the count as a complex (count + 0j): Smith's division;
        # a 0-d sum is a numpy scalar, and complex64 scalar / int divides in complex128
        # (scalars promote by dtype), rounded back by `ret.dtype.type(...)`.
        if r.ndim == 0:
            wide = np.dtype(np.complex128)
            r = cast(np.true_divide(cast(r, wide), constant(np.array(count, wide))), x.dtype)
        else:
            r = np.true_divide(r, constant(np.array(count, x.dtype)))
    return StagedArray(as_staged(r)._value, scalar=as_staged(r).ndim == 0)


# --- max, min, argmax, argmin: numpy's complex order --------------------------------------
def _reduce_last(x, combine):
    """`combine` folded over x's last axis (a tuple of arrays with that axis)."""
    while x[0].shape[-1] > 1:
        n = x[0].shape[-1]
        pairs = n - n % 2
        folded = combine(tuple(a[..., 0:pairs:2] for a in x),
                         tuple(a[..., 1:pairs:2] for a in x))
        if n % 2:  # the last element stays last: it only ever meets those before it
            folded = tuple(np.concatenate([f, a[..., n - 1:]], axis=-1)
                           for f, a in zip(folded, x))
        x = folded
    return tuple(a[..., 0] for a in x)


def _axes_last(x, axes):
    """x with `axes` moved last and merged into one (numpy's reduction order over them
    is C order: the merged axis in that order)."""
    rest = [a for a in range(x.ndim) if a not in axes]
    x = np.transpose(x, rest + list(axes))
    return np.reshape(x, tuple(x.shape[:len(rest)]) + (-1,))


def extreme(name, x, axes, keepdims):
    """np.max / np.min of a complex array over `axes` (normalized, not empty):
    numpy's maximum/minimum reduction, which keeps the accumulator when it holds a NaN
    or compares >= (<=) to the next element: the first NaN, else the first of the
    largest (smallest) values."""
    if any(x.shape[a] == 0 for a in axes):
        from ..errors import AgValueError  # (beside numpy's own message)
        raise AgValueError(f"{describe(user_location())}: zero-size array to reduction "
                           f"operation {'maximum' if name == 'max' else 'minimum'} which "
                           "has no identity")
    ufunc = np.maximum if name == "max" else np.minimum
    flat = _axes_last(x, axes)
    (r,) = _reduce_last((flat,), lambda a, b: (binary(ufunc, a[0], b[0]),))
    if keepdims:
        r = np.reshape(r, tuple(1 if a in axes else d for a, d in enumerate(x.shape)))
    r = as_staged(r)
    return StagedArray(r._value, scalar=r.ndim == 0)


def arg_extreme(name, x, axis):
    """np.argmax / np.argmin of a complex array along `axis` (None: flattened): numpy's
    CDOUBLE_argmax loop -- the first NaN, else the first element strictly beyond all
    before it in (real, imag) order."""
    flat = np.reshape(x, (-1,)) if axis is None else np.moveaxis(x, axis, -1)
    n = flat.shape[-1]
    if n == 0:
        from ..errors import AgValueError  # (beside numpy's own message)
        raise AgValueError(f"{describe(user_location())}: attempt to get {name} of an "
                           "empty sequence")
    beyond = np.greater if name == "argmax" else np.less
    index = np.broadcast_to(constant(np.arange(n, dtype=np.int64)), flat.shape)

    def combine(left, right):
        (a, i), (b, j) = left, right
        ar, ai, br, bi = real(a), imag(a), real(b), imag(b)
        strictly = np.logical_or(beyond(br, ar), np.logical_and(np.equal(br, ar),
                                                                beyond(bi, ai)))
        take = np.logical_and(np.logical_not(_has_nan(ar, ai)),
                              np.logical_or(_has_nan(br, bi), strictly))
        return np.where(take, b, a), np.where(take, j, i)
    _, r = _reduce_last((flat, index), combine)
    r = as_staged(r)
    return StagedArray(r._value, scalar=r.ndim == 0)

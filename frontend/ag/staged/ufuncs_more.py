"""numpy ufuncs written as compositions of the staged primitives (jax.numpy over lax):
fmod, fmax/fmin, hypot, arctan2, the inverse trig and hyperbolic functions, cbrt,
copysign, nextafter, spacing, ldexp, heaviside, logaddexp(2), deg2rad/rad2deg, gcd/lcm,
divmod, float_power and the shifts; and the ufunc methods `reduce` and `outer` of every staged ufunc.

The result dtype of each is numpy's own (the ufunc run on stand-ins, as for the ufuncs
with a primitive), so integer inputs promote to float64 where numpy's loops do and a
bool or float input numpy refuses is numpy's TypeError. Each composition follows the C
code of numpy 1.24's loop (npymath), so special values (NaN, ±inf, ±0.0, integer
extremes) come out as numpy's do. The functions of a float's bits (signbit, copysign,
nextafter, spacing, ldexp) are in bits.py.
"""

import math

import numpy as np

from .._location import describe, user_location
from ..errors import AgOperandError, AgTypeError, AgValueError
from . import bits, registry, reshaping
from .array import StagedArray, as_staged, cast, check_dtype
from .regions import while_loop


def _resolve(ufunc, inputs, dtype):
    out = np.dtype(dtype) if dtype is not None else registry._result_dtype(ufunc, inputs)
    return check_dtype(out, f"the result of np.{ufunc.__name__}")


def _scalar(r, inputs):
    """numpy returns a scalar when every operand was 0-d."""
    r = as_staged(r)
    return StagedArray(r._value, scalar=all(np.ndim(x) == 0 for x in inputs))


def _const(value, dtype):
    return np.array(value, dtype)


def _negative_sign(x):
    """x < 0 or x is -0.0 (false for NaN)."""
    return np.logical_and(bits.signbit(x), np.logical_not(np.isnan(x)))


# --- floating point -------------------------------------------------------------------

def _fmod(a, b):
    if a.dtype.kind != "f":
        return _c_remainder(a, b)  # x % 0 is 0 in both
    # fmod(|a|, |b|) is numpy's remainder of the absolute values exactly (no floor
    # correction applies to two non-negative operands); fmod has the sign of a.
    r = np.remainder(np.absolute(a), np.absolute(b))
    return np.where(_negative_sign(a), np.negative(r), r)


def _fmax(a, b):
    if a.dtype.kind != "f":
        return np.maximum(a, b)
    return np.where(np.logical_or(np.greater_equal(a, b), np.isnan(b)), a, b)


def _fmin(a, b):
    if a.dtype.kind != "f":
        return np.minimum(a, b)
    return np.where(np.logical_or(np.less_equal(a, b), np.isnan(b)), a, b)


def _hypot(a, b):
    x, y = np.absolute(a), np.absolute(b)
    big, small = np.maximum(x, y), np.minimum(x, y)
    one = _const(1, a.dtype)
    safe = np.where(np.equal(big, 0), one, big)
    ratio = np.true_divide(small, safe)
    r = np.multiply(big, np.sqrt(np.add(one, np.multiply(ratio, ratio))))
    r = np.where(np.equal(big, 0), _const(0, a.dtype), r)
    # hypot(inf, nan) is inf (C99).
    inf = np.logical_or(np.isinf(a), np.isinf(b))
    return np.where(inf, _const(np.inf, a.dtype), r)


def _arctan2(y, x):
    dt = y.dtype
    pi, half = _const(np.pi, dt), _const(np.pi / 2, dt)
    zero = _const(0, dt)
    yneg = _negative_sign(y)
    xneg = _negative_sign(x)
    signed = lambda v: np.where(yneg, np.negative(v), v)  # noqa: E731
    base = np.arctan(np.true_divide(y, x))
    r = np.where(np.greater(x, 0), base,
                 np.where(yneg, np.subtract(base, pi), np.add(base, pi)))
    # x == ±0: ±pi/2, or y == ±0 too: ±0 (x = +0) or ±pi (x = -0).
    r = np.where(np.equal(x, 0), signed(half), r)
    r = np.where(np.equal(y, 0), signed(np.where(xneg, pi, zero)), r)
    yinf, xinf = np.isinf(y), np.isinf(x)
    quarter = np.where(xneg, _const(3 * np.pi / 4, dt), _const(np.pi / 4, dt))
    r = np.where(np.logical_and(yinf, xinf), signed(quarter), r)
    r = np.where(np.logical_and(np.logical_not(yinf), xinf),
                 signed(np.where(xneg, pi, zero)), r)
    r = np.where(np.logical_and(yinf, np.logical_not(xinf)), signed(half), r)
    return np.where(np.logical_or(np.isnan(x), np.isnan(y)), _const(np.nan, dt), r)


def _arcsin(x):
    one = _const(1, x.dtype)
    return np.arctan(np.true_divide(
        x, np.sqrt(np.multiply(np.subtract(one, x), np.add(one, x)))))


def _arccos(x):
    one = _const(1, x.dtype)
    return np.multiply(_const(2, x.dtype), np.arctan(np.sqrt(
        np.true_divide(np.subtract(one, x), np.add(one, x)))))


def _big(dtype):
    return _const(2.0 ** (26 if dtype == np.float64 else 12), dtype)


def _arcsinh(x):
    dt = x.dtype
    one = _const(1, dt)
    t = np.absolute(x)
    tt = np.multiply(t, t)
    small = np.log1p(np.add(t, np.true_divide(tt, np.add(one, np.sqrt(np.add(one, tt))))))
    large = np.add(np.log(t), _const(math.log(2), dt))
    r = np.where(np.greater(t, _big(dt)), large, small)
    return np.where(_negative_sign(x), np.negative(r), r)


def _arccosh(x):
    dt = x.dtype
    t = np.subtract(x, _const(1, dt))
    small = np.log1p(np.add(t, np.sqrt(np.add(np.multiply(_const(2, dt), t),
                                              np.multiply(t, t)))))
    large = np.add(np.log(x), _const(math.log(2), dt))
    r = np.where(np.greater(x, _big(dt)), large, small)
    return np.where(np.less(x, _const(1, dt)), _const(np.nan, dt), r)


def _arctanh(x):
    dt = x.dtype
    one = _const(1, dt)
    return np.multiply(_const(0.5, dt), np.log1p(np.true_divide(
        np.multiply(_const(2, dt), x), np.subtract(one, x))))


def _cbrt(x):
    t = np.power(np.absolute(x), _const(1 / 3, x.dtype))
    # Exact cubes come out exact, as libm's cbrt gives them: one Newton step.
    three = _const(3, x.dtype)
    safe = np.where(np.equal(t, 0), _const(1, x.dtype), t)
    step = np.subtract(t, np.true_divide(np.subtract(np.multiply(np.multiply(t, t), t),
                                                     np.absolute(x)),
                                         np.multiply(three, np.multiply(safe, safe))))
    t = np.where(np.logical_or(np.equal(t, 0), np.isinf(t)), t, step)
    return np.where(_negative_sign(x), np.negative(t), t)


def _heaviside(x, h0):
    dt = x.dtype
    r = np.where(np.less(x, 0), _const(0, dt), np.where(np.greater(x, 0), _const(1, dt),
                                                         h0))
    return np.where(np.isnan(x), _const(np.nan, dt), r)


def _logaddexp(x, y, base2=False):
    dt = x.dtype
    tmp = np.subtract(x, y)
    exp = np.exp2 if base2 else np.exp
    if base2:
        log1p = lambda v: np.multiply(np.log1p(v), _const(1 / math.log(2), dt))  # noqa
        same = np.add(x, _const(1, dt))
    else:
        log1p = np.log1p
        same = np.add(x, _const(math.log(2), dt))
    pos = np.add(x, log1p(exp(np.negative(tmp))))
    neg = np.add(y, log1p(exp(tmp)))
    r = np.where(np.greater(tmp, 0), pos, np.where(np.less_equal(tmp, 0), neg, tmp))
    return np.where(np.equal(x, y), same, r)  # also inf == inf (tmp would be NaN)


# --- integers -------------------------------------------------------------------------

def _c_remainder(a, b):
    """C's a % b on integers (truncated; sign of a), from numpy's floored remainder."""
    r = np.remainder(a, b)
    fix = np.logical_and(np.not_equal(r, 0), np.not_equal(np.less(r, 0), np.less(a, 0)))
    return np.where(fix, np.subtract(r, b), r)


def _c_divide(a, b):
    """C's a / b on integers (truncated), from numpy's floor division."""
    q = np.floor_divide(a, b)
    r = np.remainder(a, b)
    fix = np.logical_and(np.not_equal(r, 0), np.not_equal(np.less(r, 0), np.less(a, 0)))
    return np.where(fix, np.add(q, _const(1, q.dtype)), q)


def _unsigned_abs(a, b):
    """|a|, |b| broadcast, as numpy's signed gcd/lcm take them: unsigned, so |INT_MIN|
    is 2**(bits-1). int8/16/32 are computed in int64 (where they fit) and cast back; the
    unsigned dtypes are their own absolute values."""
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise AgOperandError(f"{describe(user_location())}: operands could not be "
                             f"broadcast together with shapes {a.shape} {b.shape}") \
            from None
    a = as_staged(np.broadcast_to(a, shape))
    b = as_staged(np.broadcast_to(b, shape))
    if a.dtype in (np.int8, np.int16, np.int32):
        a, b = cast(a, np.int64), cast(b, np.int64)
    return np.absolute(a), np.absolute(b)


def _gcd_unsigned(a, b):
    """Euclid on non-negative int64 (INT64_MIN standing for 2**63), every element in
    one staged loop until all are done."""
    dt = a.dtype
    zero, one = _const(0, dt), _const(1, dt)
    low = _const(np.iinfo(dt).min, dt)
    # 2**63 mod y for y > 0 is (INT64_MAX mod y + 1) mod y: one Euclid step by hand.
    for x, y in ((a, b), (b, a)) if dt.kind == "i" else ():
        big = np.logical_and(np.equal(x, low), np.greater(y, zero))
        safe = np.where(big, y, one)
        step = np.remainder(np.add(np.remainder(_const(np.iinfo(dt).max, dt), safe), one),
                            safe)
        if x is a:
            a = np.where(big, step, a)
        else:
            b = np.where(big, step, b)

    def cond(x, y):
        return np.any(np.not_equal(x, zero))

    def body(x, y):
        nz = np.not_equal(x, zero)
        safe = np.where(nz, x, one)
        return np.where(nz, np.remainder(y, safe), zero), np.where(nz, x, y)
    _, g = while_loop(cond, body, (np.add(a, zero), np.add(b, zero)))
    return g


def _gcd(a, b):
    dt = a.dtype
    x, y = _unsigned_abs(a, b)
    return cast(as_staged(_gcd_unsigned(x, y)), dt)


def _lcm(a, b):
    """numpy's npy_lcmu on |a|, |b|: a / gcd * b, wrapping as unsigned arithmetic."""
    dt = a.dtype
    x, y = _unsigned_abs(a, b)
    g = _gcd_unsigned(x, y)
    zero, one = _const(0, g.dtype), _const(1, g.dtype)
    safe = np.where(np.equal(g, 0), one, g)
    low = _const(np.iinfo(g.dtype).min, g.dtype)
    # x / g with x = 2**63 (INT64_MIN): -(INT64_MIN / g), exact for g a power of two.
    q = np.where(np.equal(x, low), np.negative(_c_divide(x, safe)), _c_divide(x, safe))
    r = np.where(np.equal(g, 0), zero, np.multiply(q, y))
    return cast(as_staged(r), dt)


def _left_shift(a, b):
    bits = a.dtype.itemsize * 8
    inrange = np.logical_and(np.greater_equal(b, 0), np.less(b, bits))
    k = np.where(inrange, b, _const(0, a.dtype))
    p = np.power(_const(2, a.dtype), k)  # wraps to INT_MIN at bits - 1, as a shift does
    return np.where(inrange, np.multiply(a, p), _const(0, a.dtype))


def _right_shift(a, b):
    bits = a.dtype.itemsize * 8
    zero = _const(0, a.dtype)
    if a.dtype.kind == "u":  # a logical shift: numpy gives 0 for b >= bits
        inrange = np.less(b, bits)
        k = np.where(inrange, b, zero)
        return np.where(inrange, np.floor_divide(a, np.power(_const(2, a.dtype), k)), zero)
    inrange = np.logical_and(np.greater_equal(b, 0), np.less(b, bits - 1))
    k = np.where(inrange, b, zero)
    shifted = np.floor_divide(a, np.power(_const(2, a.dtype), k))
    sign = np.where(np.less(a, 0), _const(-1, a.dtype), zero)
    return np.where(inrange, shifted, sign)  # numpy: a >> (b >= bits - 1) is the sign


# ufunc -> (composition, operand dtype from the result dtype or None for the result's)
_FLOAT_UNARY = {np.arcsin: _arcsin, np.arccos: _arccos, np.arcsinh: _arcsinh,
                np.arccosh: _arccosh, np.arctanh: _arctanh, np.cbrt: _cbrt,
                np.deg2rad: lambda x: np.multiply(x, _const(np.pi / 180, x.dtype)),
                np.radians: lambda x: np.multiply(x, _const(np.pi / 180, x.dtype)),
                np.rad2deg: lambda x: np.multiply(x, _const(180 / np.pi, x.dtype)),
                np.degrees: lambda x: np.multiply(x, _const(180 / np.pi, x.dtype)),
                np.conjugate: lambda x: x, np.spacing: bits.spacing}
_BINARY = {np.fmod: _fmod, np.fmax: _fmax, np.fmin: _fmin, np.hypot: _hypot,
           np.arctan2: _arctan2, np.copysign: bits.copysign,
           np.nextafter: bits.nextafter, np.heaviside: _heaviside,
           np.logaddexp: _logaddexp,
           np.logaddexp2: lambda x, y: _logaddexp(x, y, base2=True),
           np.gcd: _gcd, np.lcm: _lcm, np.left_shift: _left_shift,
           np.right_shift: _right_shift, np.float_power: np.power}


_FLOAT_UNARY[np.signbit] = bits.signbit
# Computed in float16 itself: their results are float16 bit patterns.
_HALF_NATIVE = {np.signbit, np.copysign, np.nextafter, np.spacing}


def apply(ufunc, inputs, kwargs):
    """ufunc(*inputs) for a ufunc of this module (None if it is not one)."""
    if ufunc is np.divmod:
        if kwargs:
            registry._unsupported("np.divmod with keyword arguments")
        return np.floor_divide(*inputs), np.remainder(*inputs)
    if ufunc not in _FLOAT_UNARY and ufunc not in _BINARY and ufunc is not np.ldexp:
        return None
    dtype = kwargs.pop("dtype", None)
    if kwargs:
        registry._unsupported(f"np.{ufunc.__name__} with {', '.join(kwargs)}=")
    out = _resolve(ufunc, inputs, dtype)
    if ufunc is np.conjugate:
        if out.kind == "c":
            from .complexes import conjugate  # (built on the ufuncs: a cycle)
            return conjugate(cast(as_staged(inputs[0]), out))
        x = cast(as_staged(inputs[0]), out)
        return StagedArray(x._value, scalar=np.ndim(inputs[0]) == 0)
    if ufunc is np.signbit:  # computed on the operand as numpy's float loop sees it
        x = as_staged(inputs[0])
        x = cast(x, np.float64) if x.dtype.kind != "f" else x
        return _scalar(bits.signbit(x), inputs)
    if ufunc is np.ldexp:  # the exponent keeps its integer dtype
        return _scalar(bits.ldexp(as_staged(inputs[0], out), as_staged(inputs[1])), inputs)
    if ufunc in _FLOAT_UNARY:
        if out == np.float16 and ufunc not in _HALF_NATIVE:  # as the binary ones below
            r = _FLOAT_UNARY[ufunc](cast(as_staged(inputs[0]), np.float32))
            return _scalar(cast(as_staged(r), out), inputs)
        return _scalar(_FLOAT_UNARY[ufunc](cast(as_staged(inputs[0]), out)), inputs)
    if ufunc in (np.left_shift, np.right_shift) and out.kind == "b":
        raise AgTypeError(f"{describe(user_location())}: ufunc '{ufunc.__name__}' not "
                          "supported for the input types")
    if out == np.float16 and ufunc not in _HALF_NATIVE:
        # numpy's half loops compute these in float32 (one rounding to float16 at the
        # end), not the composition's ops one by one in float16.
        a, b = (as_staged(x, np.float32) for x in inputs)
        return _scalar(cast(as_staged(_BINARY[ufunc](a, b)), out), inputs)
    a, b = (as_staged(x, out) for x in inputs)
    return _scalar(_BINARY[ufunc](a, b), inputs)


SUPPORTED = sorted(u.__name__ for u in [*_FLOAT_UNARY, *_BINARY, np.divmod, np.ldexp])


# --- ufunc methods ----------------------------------------------------------------------

_REDUCE = {np.add: np.sum, np.multiply: np.prod, np.maximum: np.max, np.minimum: np.min,
           np.logical_and: np.all, np.logical_or: np.any}


def reduce(ufunc, inputs, kwargs):
    """ufunc.reduce: the reduction numpy's own functions are (np.sum is add.reduce)."""
    if len(inputs) != 1:
        raise AgTypeError(f"{describe(user_location())}: reduce() takes one array")
    axis = kwargs.pop("axis", 0)
    dtype = kwargs.pop("dtype", None)
    keepdims = kwargs.pop("keepdims", False)
    if kwargs.get("out") is not None or kwargs.get("initial") is not None or \
            kwargs.get("where", True) is not True or ufunc not in _REDUCE:
        registry._unsupported(f"np.{ufunc.__name__}.reduce"
                          + ("" if ufunc in _REDUCE else "") +
                          " (staged: add, multiply, maximum, minimum, logical_and, "
                          "logical_or; without out=, initial=, where=)")
    x = inputs[0]
    if ufunc in (np.logical_and, np.logical_or):
        # numpy's logical reductions resolve bool for every input dtype.
        r = _REDUCE[ufunc](x, axis=axis, keepdims=keepdims)
        return r if dtype is None else cast(as_staged(r), dtype)
    if ufunc in (np.maximum, np.minimum):
        r = _REDUCE[ufunc](x, axis=axis, keepdims=keepdims)
        return r if dtype is None else cast(as_staged(r), dtype)
    return _REDUCE[ufunc](x, axis=axis, dtype=dtype, keepdims=keepdims)


def outer(ufunc, inputs, kwargs):
    """ufunc.outer(a, b): ufunc(a[..., None, ...], b), a's dims first."""
    if len(inputs) != 2:
        raise AgValueError(f"{describe(user_location())}: outer product only supported "
                           "for binary functions")
    a, b = inputs
    a_shape, b_shape = np.shape(a), np.shape(b)
    if isinstance(a, StagedArray):
        a = reshaping.reshape(a, tuple(a_shape) + (1,) * len(b_shape))
    else:
        a = np.reshape(np.asarray(a), tuple(a_shape) + (1,) * len(b_shape))
    return ufunc(a, b, **kwargs)

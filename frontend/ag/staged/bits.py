"""numpy functions that read or build an array's bits, composed over the `ag.bitcast`
primitive: ndarray.view as another dtype and np.frombuffer (other item sizes split or
join units with shifts), signbit, copysign, nextafter, spacing and ldexp.

Each follows numpy 1.24's C loop (npymath's ieee754.c and scalbn as numpy's libm has
it), so NaN signs, ±0.0, subnormals and overflow to inf come out as numpy's do: a
float's bits read as a signed integer of its width are negative exactly when its sign
bit is set, and adding one to them steps the float one ulp away from zero.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgUnsupportedError, AgValueError
from . import registry
from .array import StagedArray, as_staged, cast, check_dtype, record

_INT_OF = {2: np.dtype(np.int16), 4: np.dtype(np.int32), 8: np.dtype(np.int64)}


def bitcast(x, dtype):
    """`x`'s elements' bits as `dtype` (of the same item size)."""
    x = as_staged(x)
    return record("ag.bitcast", [x], result=(np.dtype(dtype), x.shape))


def _bits(x):
    return bitcast(x, _INT_OF[x.dtype.itemsize])


def _float(bits, dtype):
    return bitcast(bits, dtype)


def _c(value, dtype):
    return np.array(value, dtype)


_UINT_OF = {1: np.dtype(np.uint8), 2: np.dtype(np.uint16), 4: np.dtype(np.uint32),
            8: np.dtype(np.uint64)}


def _to_units(x, unit):
    """x's bytes along its last axis as unsigned integers of `unit` bytes (little-endian:
    an element's low unit first)."""
    size = x.dtype.itemsize
    bits = cast(x, np.uint8) if x.dtype.kind == "b" else bitcast(x, _UINT_OF[size])
    if size == unit:
        return bits
    mask = _c(2 ** (8 * unit) - 1, bits.dtype)
    pieces = [cast(np.bitwise_and(np.right_shift(bits, _c(8 * unit * j, bits.dtype)), mask),
                   _UINT_OF[unit]) for j in range(size // unit)]
    joined = np.stack(pieces, axis=-1)
    return np.reshape(joined, bits.shape[:-1] + (bits.shape[-1] * (size // unit),))


def _from_units(units, dtype):
    """The inverse of _to_units: elements of `dtype` from runs of units along the last
    axis."""
    unit, size = units.dtype.itemsize, dtype.itemsize
    if size == unit:
        return cast(units, np.bool_) if dtype.kind == "b" else bitcast(units, dtype)
    wide = _UINT_OF[size]
    runs = np.reshape(units, units.shape[:-1] + (units.shape[-1] * unit // size, size // unit))
    acc = cast(runs[..., 0], wide)
    for j in range(1, size // unit):
        acc = np.bitwise_or(acc, np.left_shift(cast(runs[..., j], wide),
                                               _c(8 * unit * j, wide)))
    return bitcast(acc, dtype)


def _reinterpret(x, dtype):
    """x's bytes along its last axis as `dtype`."""
    if x.dtype.itemsize == dtype.itemsize and "b" not in (x.dtype.kind, dtype.kind):
        return bitcast(x, dtype)
    return _from_units(_to_units(x, min(x.dtype.itemsize, dtype.itemsize)), dtype)


def _check_bits_dtype(x, dtype, where, what):
    if dtype.kind == "c" or x.dtype.kind == "c" or (dtype.kind == "b" and
                                                    x.dtype.kind != "b"):
        raise AgUnsupportedError(f"{where}: {what} from {x.dtype} to {dtype} is not staged "
                                 "(ag reinterprets integer, float and bool bytes; bool "
                                 "from bool only)")


def view(x, dtype):
    """x.view(dtype): a view of x's memory as another dtype (a write through either
    shows in the other). Another item size splits or joins the last axis, as numpy."""
    where = describe(user_location())
    if isinstance(dtype, type) and issubclass(dtype, np.ndarray):
        raise AgUnsupportedError(f"{where}: ndarray.view as another array type "
                                 f"({dtype.__name__}) is not staged")
    dtype = check_dtype(dtype, "the dtype of ndarray.view")
    _check_bits_dtype(x, dtype, where, "ndarray.view")
    old, new = x.dtype.itemsize, dtype.itemsize
    shape = x.shape
    if old != new:
        if x.ndim == 0:
            raise AgValueError(f"{where}: Changing the dtype of a 0d array is only "
                               "supported if the itemsize is unchanged")
        strides = x._element_strides()
        if None in shape or strides is None:
            registry._unsupported("ndarray.view as another item size of dynamic dims")
        if shape[-1] != 1 and strides[-1] != 1:
            raise AgValueError(f"{where}: To change to a dtype of a different size, the "
                               "last axis must be contiguous")
        if new < old and old % new:
            raise AgValueError(f"{where}: When changing to a smaller dtype, its size must "
                               "be a divisor of the size of original dtype")
        if new > old and (shape[-1] * old) % new:
            raise AgValueError(f"{where}: When changing to a larger dtype, its size must "
                               "be a divisor of the total size in bytes of the last axis "
                               "of the array.")
        shape = shape[:-1] + (shape[-1] * old // new,)
        strides = strides[:-1] + (1,)
    else:
        strides = x._element_strides()

    def derive(p):
        return _reinterpret(p, dtype)

    def scatter(p, c):
        return _reinterpret(c, p.dtype)
    return x._derived(derive, scatter, StagedArray(derive(x)._value, scalar=x._scalar),
                      strides)


def frombuffer(x, dtype=float, count=-1, offset=0):
    """np.frombuffer of a staged array: a 1-D view of its bytes (writes show in x), from
    byte `offset`, `count` items (-1: the rest)."""
    where = describe(user_location())
    dtype = check_dtype(np.dtype(dtype), "the dtype of np.frombuffer")
    _check_bits_dtype(x, dtype, where, "np.frombuffer")
    strides = x._element_strides()
    if None in x.shape or strides is None:
        registry._unsupported("np.frombuffer of an array with dynamic dims")
    if strides != StagedArray(x._value)._element_strides():
        raise AgValueError(f"{where}: ndarray is not C-contiguous")
    nbytes = x.size * x.dtype.itemsize
    count, offset = operator.index(count), operator.index(offset)
    if offset < 0 or offset > nbytes:
        raise AgValueError(f"{where}: offset must be non-negative and no greater than "
                           f"buffer length ({nbytes})")
    if count < 0:
        if (nbytes - offset) % dtype.itemsize:
            raise AgValueError(f"{where}: buffer size must be a multiple of element size")
        count = (nbytes - offset) // dtype.itemsize
    elif nbytes - offset < count * dtype.itemsize:
        raise AgValueError(f"{where}: buffer is smaller than requested size")
    unit = min(x.dtype.itemsize, dtype.itemsize)
    if offset % unit:
        registry._unsupported("np.frombuffer at an offset that is not a multiple of the "
                              "smaller item size")
    first, last = offset // unit, offset // unit + count * dtype.itemsize // unit

    def derive(p):
        return _from_units(_to_units(np.reshape(p, (-1,)), unit)[first:last], dtype)

    def scatter(p, c):
        units = _to_units(np.reshape(p, (-1,)), unit)
        units = np.concatenate([units[:first], _to_units(c, unit), units[last:]])
        return np.reshape(_from_units(units, p.dtype), p.shape)
    return x._derived(derive, scatter, StagedArray(derive(x)._value), (1,))


def signbit(x):
    """Whether the sign bit is set (NaNs too): x a float array."""
    return np.less(_bits(x), 0)


def copysign(a, b):
    """a's magnitude with b's sign bit (a and b of one float dtype)."""
    sign = _c(np.iinfo(_INT_OF[a.dtype.itemsize]).min, _INT_OF[a.dtype.itemsize])
    magnitude = np.bitwise_and(_bits(a), np.invert(sign))
    return _float(np.bitwise_or(magnitude, np.bitwise_and(_bits(b), sign)), a.dtype)


def _tiny(negative, dtype):
    """The smallest subnormal of `dtype`, negative where `negative` holds."""
    int_type = _INT_OF[dtype.itemsize]
    lowest = np.iinfo(int_type).min
    return _float(np.where(negative, _c(lowest + 1, int_type), _c(1, int_type)), dtype)


def nextafter(x, y):
    """npy_nextafter: the float after x towards y. float32/float64 are C's nextafter: y
    when they are equal, x + y when either is NaN (y's NaN when both are). float16 is
    npy_half_nextafter: x when they are equal, numpy's positive NaN."""
    bits = _bits(x)
    one = _c(1, bits.dtype)
    zero = _c(0, x.dtype)
    away = np.equal(np.greater(y, x), np.greater(x, zero))  # |x| grows
    stepped = _float(np.where(away, np.add(bits, one), np.subtract(bits, one)), x.dtype)
    r = np.where(np.equal(x, zero), _tiny(np.less(y, zero), x.dtype), stepped)
    if x.dtype == np.float16:
        r = np.where(np.equal(x, y), x, r)
        return np.where(np.logical_or(np.isnan(x), np.isnan(y)), _c(np.nan, x.dtype), r)
    r = np.where(np.equal(x, y), y, r)
    return np.where(np.isnan(y), y, np.where(np.isnan(x), x, r))  # as glibc's x + y


def spacing(x):
    """npy_spacing: the distance from x to the next float away from zero (NaN for
    ±inf; +tiny for ±0.0; inf past the largest float)."""
    if x.dtype == np.float16:
        return _half_spacing(x)
    bits = _bits(x)
    up = _float(np.add(bits, _c(1, bits.dtype)), x.dtype)
    r = np.where(np.equal(x, _c(0, x.dtype)), _tiny(False, x.dtype), np.subtract(up, x))
    return np.where(np.isinf(x), _c(np.nan, x.dtype), np.where(np.isnan(x), x, r))


def _half_spacing(x):
    """npy_half_spacing, on the bits: always positive, and at a negative power of two
    the gap towards zero (half its gap away from zero)."""
    i32 = np.dtype(np.int32)
    h = cast(bitcast(x, np.uint16), i32)
    exp = np.bitwise_and(h, _c(0x7C00, i32))
    power = np.floor_divide(exp, _c(0x400, i32))  # the biased exponent

    def gap(bias, shift):
        sub = np.left_shift(_c(1, i32), np.maximum(np.subtract(power, _c(shift, i32)),
                                                   _c(0, i32)))
        return np.where(np.greater(exp, _c(bias, i32)), np.subtract(exp, _c(bias, i32)),
                        np.where(np.greater(exp, _c(0x400, i32)), sub, _c(1, i32)))
    boundary = np.logical_and(np.not_equal(np.bitwise_and(h, _c(0x8000, i32)), 0),
                              np.equal(np.bitwise_and(h, _c(0x3FF, i32)), 0))
    r = np.where(boundary, gap(0x2C00, 2), gap(0x2800, 1))
    r = np.where(np.equal(h, _c(0x7BFF, i32)), _c(0x7C00, i32), r)  # max: inf
    r = np.where(np.equal(exp, _c(0x7C00, i32)), _c(0x7E00, i32), r)  # inf, NaN: NaN
    return bitcast(cast(r, np.int16), np.float16)


def ldexp(x, n):
    """x * 2**n rounded once (musl's scalbn, which numpy's ldexp is): large |n| scale
    in steps that never round, the last step rounds a subnormal result once."""
    if x.dtype == np.float16:
        # numpy's half loop: ldexpf on the float32 value, rounded to float16 once
        # (float32 holds every float16 times any power of two it can reach exactly).
        return cast(as_staged(ldexp(cast(x, np.float32), n)), np.float16)
    info = np.finfo(x.dtype)
    emax, emin, mant = info.maxexp - 1, info.minexp, info.nmant
    int_type = _INT_OF[x.dtype.itemsize]
    limit = emax - emin + mant + 2  # past it, every result is 0 or inf
    # (0-d operands promote by value: every constant has the exponent's dtype.)
    n = cast(n, np.int64)
    k = cast(as_staged(np.clip(n, _c(-limit, n.dtype), _c(limit, n.dtype))), int_type)
    y = x
    for _ in range(2):
        big = np.greater(k, emax)
        y = np.where(big, np.multiply(y, _c(2.0 ** emax, x.dtype)), y)
        k = np.where(big, np.subtract(k, _c(emax, int_type)), k)
    down = emin + mant + 1  # 2**down is normal; scaling by it never rounds (see musl)
    for _ in range(2):
        small = np.less(k, emin)
        y = np.where(small, np.multiply(y, _c(2.0 ** down, x.dtype)), y)
        k = np.where(small, np.subtract(k, _c(down, int_type)), k)
    k = np.clip(k, _c(emin, int_type), _c(emax, int_type))
    power = _float(np.multiply(np.add(k, _c(emax, int_type)), _c(2 ** mant, int_type)),
                   x.dtype)
    return np.multiply(y, power)


"""More of numpy's surface as compositions: linspace, logspace, rot90, dstack, compress,
extract, piecewise, fix, sinc, angle, real/imag, isposinf/isneginf, signbit, the
iscomplex/isreal predicates, asfarray, tril/triu_indices_from, broadcast_arrays,
intersect1d, fill_diagonal; and the calls
numpy's C code would make read a staged value (np.float32(x) and the other scalar
types, np.ascontiguousarray, np.asfortranarray), registered with the converter's
staged builtins.
"""

import collections.abc
import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgTypeError, AgValueError
from . import complexes, layout, memory, registry, reshaping
from .array import PythonNumber, StagedArray, as_staged, cast, check_dtype
from .checks import check_here
from .index_functions import take
from .shapes import _readonly
from .ufuncs_more import _negative_sign

implements = registry.implements


def _error(text):
    raise AgValueError(f"{describe(user_location())}: {text}")


def _new(x, scalar=False):
    return StagedArray(as_staged(x)._value, scalar=scalar)


@implements(np.linspace)
def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """numpy's linspace for 0-d start/stop: arange * step + start, the last sample
    set to stop."""
    num = operator.index(num)
    if num < 0:
        _error(f"Number of samples, {num}, must be non-negative.")
    if np.ndim(start) or np.ndim(stop):
        registry._unsupported("np.linspace with array start/stop")
    div = (num - 1) if endpoint else num
    dt = np.result_type(registry._stand_in(start) if isinstance(start, StagedArray) else start,
                        registry._stand_in(stop) if isinstance(stop, StagedArray) else stop,
                        float(num))
    start_s, stop_s = as_staged(start, dt), as_staged(stop, dt)
    delta = np.subtract(stop_s, start_s)
    y = as_staged(np.arange(num).astype(dt))
    if div > 0:
        step = np.true_divide(delta, np.array(div, dt))
        y = np.add(np.multiply(y, step), start_s)
    else:
        step = np.multiply(delta, np.array(np.nan, dt))
        y = np.add(np.multiply(y, delta), start_s)
    if endpoint and num > 1:
        y = np.concatenate([as_staged(y)[:-1], reshaping.reshape(_new(stop_s), (1,))])
    out_dtype = np.dtype(dtype) if dtype is not None else dt
    check_dtype(out_dtype, "the result of np.linspace")
    if out_dtype.kind in "iu":
        y = np.floor(y)
    y = _new(cast(as_staged(y), out_dtype))
    return (y, _new(step, scalar=True)) if retstep else y


@implements(np.rot90)
def rot90(m, k=1, axes=(0, 1)):
    m = as_staged(m)
    if len(axes) != 2:
        _error("len(axes) must be 2.")
    if m.ndim < 2:
        _error(f"Axes={tuple(axes)} out of range for array of ndim={m.ndim}.")
    a0, a1 = (registry._normalize_axis(operator.index(x), m.ndim) for x in axes)
    if a0 == a1:
        _error("Axes must be different.")
    k %= 4
    if k == 0:
        return m[...]
    if k == 2:
        return np.flip(np.flip(m, a0), a1)
    perm = list(range(m.ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return reshaping.transpose(np.flip(m, a1), perm)
    return np.flip(reshaping.transpose(m, perm), a1)


@implements(np.dstack)
def dstack(tup):
    return np.concatenate([np.atleast_3d(as_staged(t)) for t in tup], axis=2)


@implements(np.compress)
def compress(condition, a, axis=None, out=None):
    if out is not None:
        registry._unsupported("np.compress with out=")
    a = as_staged(a)
    cond = np.asarray(condition) if not isinstance(condition, StagedArray) else condition
    if cond.ndim != 1:
        _error("condition must be a 1-d array")
    if axis is None:
        a, axis = reshaping.reshape(_new(a), (-1,)), 0
    axis = registry._normalize_axis(operator.index(axis), a.ndim)
    # numpy: take(a, nonzero(condition)[0], axis): a shorter condition leaves the rest
    # out, a True beyond the axis is an IndexError (at run time for a staged one).
    keep = np.flatnonzero(cond)
    return take(a, keep if isinstance(keep, StagedArray) else keep.astype(np.int64),
                axis=axis)


@implements(np.piecewise)
def piecewise(x, condlist, funclist, *args, **kw):
    """numpy's piecewise: y[cond] = func(x[cond]) for each piece (masked gathers and
    scatters, so a function sees only its elements, as in numpy)."""
    x = as_staged(x)
    n2 = len(funclist)
    if not isinstance(condlist, (list, tuple)) or (
            x.ndim != 0 and not isinstance(condlist[0], (list, np.ndarray, StagedArray))):
        condlist = [condlist]
    conds = [cast(as_staged(c), np.bool_) for c in condlist]
    n = len(conds)
    if n == n2 - 1:
        other = np.logical_not(np.any(np.stack(conds), axis=0)) if n else \
            as_staged(np.ones(x.shape, bool))
        conds.append(as_staged(other))
        n += 1
    elif n != n2:
        _error(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = StagedArray(as_staged(np.zeros_like(x))._value)
    for cond, func in zip(conds, funclist):
        if x.ndim == 0:  # numpy indexes a 0-d array by a 0-d mask
            value = func(x, *args, **kw) if isinstance(func, collections.abc.Callable) \
                else func
            y = _new(np.where(cond, as_staged(value, x.dtype), y))
            continue
        if not isinstance(func, collections.abc.Callable):
            y[cond] = func
        else:
            y[cond] = func(x[cond], *args, **kw)
    return y


@implements(np.fix)
def fix(x, out=None):
    if out is not None:
        registry._unsupported("np.fix with out=")
    return np.trunc(x)


@implements(np.sinc)
def sinc(x):
    x = as_staged(x)
    dt = np.result_type(registry._stand_in(x), 1.0)
    x = cast(x, dt)
    y = np.multiply(np.array(np.pi, dt),
                    np.where(np.equal(x, 0), np.array(1.0e-20, dt), x))
    return _new(np.true_divide(np.sin(y), y), scalar=x.ndim == 0)


def _chbevl(x, coefficients):
    """numpy's Chebyshev series (Clenshaw's recurrence, in its order)."""
    b0, b1, b2 = np.asarray(coefficients[0], x.dtype), np.asarray(0.0, x.dtype), None
    for c in coefficients[1:]:
        b2, b1 = b1, b0
        b0 = np.add(np.subtract(np.multiply(x, b1), b2), np.asarray(c, x.dtype))
    return np.multiply(np.subtract(b0, b2), 0.5)


@implements(np.i0)
def i0(x):
    """numpy 1.24's i0 (Cephes' two Chebyshev expansions of exp(-x) I0(x), split at
    |x| = 8), both computed and selected, with numpy's own coefficients."""
    x = as_staged(x)
    if complexes.is_complex(x):
        raise AgTypeError(f"{describe(user_location())}: i0 not supported for complex "
                          "values")
    x = np.absolute(cast(x, np.float64) if x.dtype.kind != "f" else x)
    if x.ndim == 0:  # numpy's piecewise computes on x[cond], a 1-d array (its dtype)
        return reshaping.reshape(i0(reshaping.reshape(x, (1,))), ())
    base = np.lib.function_base
    small = np.multiply(np.exp(x), _chbevl(np.subtract(np.true_divide(x, 2.0), 2), base._i0A))
    # (the large branch on 8 where |x| <= 8, so that it never divides by 0)
    far = np.where(np.less_equal(x, 8.0), np.asarray(8.0, x.dtype), x)
    large = np.true_divide(np.multiply(np.exp(far), _chbevl(np.subtract(
        np.true_divide(32.0, far), 2.0), base._i0B)), np.sqrt(far))
    return _new(np.where(np.less_equal(x, 8.0), small, large))


@implements(np.angle)
def angle(z, deg=False):
    if complexes.is_complex(z):
        return complexes.angle(z, deg)
    a = np.arctan2(0, z)
    return np.multiply(a, 180 / np.pi) if deg else a


@implements(np.real)
def real(val):
    if complexes.is_complex(val):
        return memory.part_view(as_staged(val), "real")
    return as_staged(val)


@implements(np.imag)
def imag(val):
    if complexes.is_complex(val):
        return memory.part_view(as_staged(val), "imag")
    r = as_staged(np.zeros_like(val))
    return _readonly(StagedArray(r._value, scalar=r._scalar), "the imaginary part of a "
                     "real array")


@implements(np.isposinf)
def isposinf(x, out=None):
    x = as_staged(x)
    if x.dtype.kind != "f":
        return np.isinf(x)
    return np.logical_and(np.isinf(x), np.logical_not(_negative_sign(x)))


@implements(np.isneginf)
def isneginf(x, out=None):
    x = as_staged(x)
    if x.dtype.kind != "f":
        return np.isinf(x)
    return np.logical_and(np.isinf(x), _negative_sign(x))


# --- scalar types and layout conversions of staged values --------------------------------

def _scalar_type(t):
    def convert(x=0, *rest):
        if rest or not isinstance(x, StagedArray):
            return t(x, *rest)
        return _new(cast(x, np.dtype(t)), scalar=x.ndim == 0)
    return convert


def _contiguous(x, dtype=None, *, like=None, order="C"):
    """np.ascontiguousarray (order "C") and np.asfortranarray ("F"): x itself when it
    is laid out so already, else a new array that is."""
    x = as_staged(x)
    r = x if dtype is None else cast(x, np.dtype(dtype))
    if r.ndim == 0:
        return reshaping.reshape(_new(r), (1,))
    strides = r._element_strides()
    if r is x and strides is not None and layout.is_contiguous(r.shape, strides, order):
        return r
    result = _new(r)
    return result if order == "C" else memory.set_layout(result,
                                                         layout.f_strides(result.shape))


def _isscalar(element):
    """np.isscalar: numpy's answer for what the staged value is when the code runs -- a
    numpy scalar (`x.sum()`, a numpy scalar argument) or a Python number is a scalar, a
    0-d array is not."""
    if isinstance(element, StagedArray):
        return isinstance(element, PythonNumber) or bool(element._scalar and
                                                         element.ndim == 0)
    return np.isscalar(element)


def _frombuffer(buffer, *args, **kwargs):
    if isinstance(buffer, StagedArray):
        from .bits import frombuffer  # (bits builds on these compositions: a cycle)
        return frombuffer(buffer, *args, **kwargs)
    return np.frombuffer(buffer, *args, **kwargs)


def _asarray_chkfinite(a, dtype=None, order=None):
    """numpy's: asarray, then ValueError when a float or complex array holds an inf or
    a NaN (checked when the compiled code runs)."""
    if not isinstance(a, StagedArray):
        return np.asarray_chkfinite(a, dtype, order)
    a = as_staged(a, dtype)
    if a.dtype.kind in "fc":
        check_here(np.all(np.isfinite(a)), "array must not contain infs or NaNs")
    return a


def register_builtins(table):
    for t in (np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64,
              np.uint8, np.uint16, np.uint32, np.uint64, np.bool_, np.complex64,
              np.complex128):
        table[t] = _scalar_type(t)
    table[np.ascontiguousarray] = _contiguous
    table[np.asfortranarray] = lambda x, dtype=None, *, like=None: _contiguous(
        x, dtype, order="F")
    table[np.lib.stride_tricks.as_strided] = memory.as_strided
    table[np.lib.stride_tricks.sliding_window_view] = memory.sliding_window_view
    table[np.isscalar] = _isscalar
    table[np.asarray_chkfinite] = _asarray_chkfinite
    table[np.frombuffer] = _frombuffer


# --- dtype predicates and asfarray -------------------------------------------------------

def _is_complex_dtype(x):
    return issubclass(as_staged(x).dtype.type, np.complexfloating)


@implements(np.iscomplexobj)
def iscomplexobj(x):
    return _is_complex_dtype(x)


@implements(np.isrealobj)
def isrealobj(x):
    return not _is_complex_dtype(x)


@implements(np.iscomplex)
def iscomplex(x):
    """numpy's: imag != 0 for complex arrays, else zeros (a numpy bool for 0-d)."""
    x = as_staged(x)
    if _is_complex_dtype(x):
        return np.not_equal(np.imag(x), 0)
    return _new(np.zeros(x.shape, bool), scalar=x.ndim == 0)


@implements(np.isreal)
def isreal(x):
    return np.equal(np.imag(x), 0)


# They only read the dtype, or the parts: the same for complex arrays.
complexes.COMPLEX_FUNCTIONS.update({np.iscomplexobj, np.isrealobj, np.iscomplex,
                                    np.isreal})


@implements(np.asfarray)
def asfarray(a, dtype=np.float64):
    """asarray(a, dtype): the array itself when it has that dtype already (numpy's
    asarray makes no copy), a float64 one for a dtype that is not inexact."""
    if not np.issubdtype(dtype, np.inexact):
        dtype = np.float64
    x = as_staged(a)
    if x.dtype == np.dtype(dtype):
        return x if isinstance(a, StagedArray) and not x._scalar else _new(x)
    return _new(cast(x, np.dtype(dtype)))


# --- index and creation helpers numba's users write ------------------------------------

def _tri_indices_from(which):
    numpy_fn = getattr(np, which)

    def indices_from(arr, k=0):
        """numpy's: the indices of an array of arr's (static) shape, computed by numpy."""
        arr = as_staged(arr)
        if arr.ndim != 2:
            _error("input array must be 2-d")
        if None in arr.shape:
            registry._unsupported(f"np.{which}_from of an array with dynamic dims")
        if isinstance(k, StagedArray):
            registry._unsupported(f"np.{which}_from with a staged k")
        return numpy_fn(arr.shape[-2], k=k, m=arr.shape[-1])
    indices_from.__name__ = f"{which}_from"
    return indices_from


implements(np.tril_indices_from)(_tri_indices_from("tril_indices"))
implements(np.triu_indices_from)(_tri_indices_from("triu_indices"))


@implements(np.broadcast_arrays)
def broadcast_arrays(*args, subok=False):
    """numpy 1.24's: a list, the arrays themselves when nothing broadcasts."""
    arrays = [as_staged(a) for a in args]
    shape = registry.numpy_as_ag(np.broadcast_shapes, *[a.shape for a in arrays])
    if all(a.shape == shape for a in arrays):
        return [a if isinstance(x, StagedArray) else _new(a) for a, x in zip(arrays, args)]
    return [np.broadcast_to(a, shape) for a in arrays]


@implements(np.logspace)
def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    if np.ndim(base) or isinstance(base, StagedArray):
        registry._unsupported("np.logspace with an array base")
    y = linspace(start, stop, num=num, endpoint=endpoint, axis=axis)
    r = np.power(base, y)
    return r if dtype is None else _new(cast(as_staged(r), np.dtype(dtype)))


@implements(np.extract)
def extract(condition, arr):
    return take(np.ravel(as_staged(arr)), np.flatnonzero(condition))


@implements(np.intersect1d)
def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """numpy's sorted-merge: the equal neighbours of the sorted uniques."""
    if return_indices:
        registry._unsupported("np.intersect1d with return_indices=True")
    if assume_unique:
        ar1, ar2 = np.ravel(as_staged(ar1)), np.ravel(as_staged(ar2))
    else:
        ar1, ar2 = np.unique(as_staged(ar1)), np.unique(as_staged(ar2))
    aux = np.sort(np.concatenate((ar1, ar2)))
    return aux[:-1][np.equal(aux[1:], aux[:-1])]


@implements(np.fill_diagonal)
def fill_diagonal(a, val, wrap=False):
    """numpy's `a.flat[:end:step] = val` as a scatter at those positions (computed from
    the static shape), val's elements repeated as flat assignment repeats them."""
    if not isinstance(a, StagedArray) or a._scalar:
        registry._unsupported("np.fill_diagonal of an array that is not a staged array")
    if a.ndim < 2:
        _error("array must be at least 2-d")
    if None in a.shape:
        registry._unsupported("np.fill_diagonal of an array with dynamic dims")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if len(set(a.shape)) != 1:
            _error("All dimensions of input must be of equal length")
        step = 1 + int(np.cumprod(a.shape[:-1]).sum())
    flat = np.arange(a.size)[:end:step]
    if not flat.size:
        return None
    index = tuple(i.astype(np.int64) for i in np.unravel_index(flat, a.shape))
    v = as_staged(val)
    if v.ndim == 0:
        a[index] = v if isinstance(val, StagedArray) else val
        return None
    v = np.ravel(v)
    if v.size == 0:
        return None  # numpy's flat assignment of nothing writes nothing
    a[index] = take(v, np.arange(flat.size) % v.size)
    return None

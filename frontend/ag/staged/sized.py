"""Functions whose result size is a staged value: numpy's creation functions --
np.arange(n), np.eye(n), np.identity(n), np.tri(n), np.tril_indices(n)/triu_indices(n),
np.linspace(a, b, n), the windows (bartlett, blackman, hamming, hanning, kaiser) -- and
np.repeat(a, repeats) of staged counts, as compositions over ag.iota, the one primitive
whose result size is a value. With Python sizes numpy's own functions run (their shapes
are static then); the staged converter calls these when a size is staged
(operators/calls.py's table).

Each follows numpy 1.24's code: arange's dtype, length and fill (first + i * (second -
first)), linspace's branches on the number of divisions, the windows' formulas on
arange(1 - M, M, 2); numpy's errors for negative sizes and zero steps are raised when
the compiled code runs.
"""

import functools
import math
import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgTypeError, AgValueError
from . import registry, reshaping
from .advanced import nonzero_rows
from .array import StagedArray, as_staged, cast, check_dtype, record
from .checks import check_here
from .index_functions import take


def iota(n):
    """0, 1, ..., n - 1 (int64) for a staged n (empty for n <= 0)."""
    return record("ag.iota", [cast(as_staged(n), np.int64)])


def _staged(*values):
    return any(isinstance(v, StagedArray) for v in values)


def _index(n, what):
    """A size argument as numpy's operator.index takes it: an integer (staged int64)."""
    if not isinstance(n, StagedArray):
        return np.int64(operator.index(n))
    if n.ndim != 0 or n.dtype.kind not in "iub":
        raise AgTypeError(f"{describe(user_location())}: '{n.dtype}' object cannot be "
                          f"interpreted as an integer ({what})")
    return cast(n, np.int64)


def _non_negative(n, what="negative dimensions are not allowed"):
    if isinstance(n, StagedArray):
        check_here(np.greater_equal(n, 0), what)
    return n


def _new(x):
    """A fresh array object (not a numpy scalar)."""
    return StagedArray(as_staged(x)._value)


def _dtype_of(v):
    if isinstance(v, StagedArray):
        return v.dtype
    return np.asarray(v).dtype if not isinstance(v, (bool, int, float)) else \
        np.dtype(np.float64 if isinstance(v, float) else np.int64)


# --- arange ---------------------------------------------------------------------------

def arange(*args, dtype=None, like=None):
    if not 1 <= len(args) <= 3 or like is not None or not _staged(*args):
        return np.arange(*args, dtype=dtype, like=like)
    start, stop, step = (0, args[0], 1) if len(args) == 1 else \
        (args[0], args[1], 1) if len(args) == 2 else args
    step = 1 if step is None else step
    kinds = [_dtype_of(v) for v in (start, stop, step)]
    dt = np.dtype(dtype) if dtype is not None else \
        functools.reduce(np.promote_types, kinds, np.dtype(np.int64))
    dt = check_dtype(dt, "the dtype of np.arange")
    if dt.kind not in "iuf":
        registry._unsupported(f"np.arange with dtype {dt} and a staged bound")
    # numpy's length: (stop - start) / step in Python's number protocol, then ceil.
    if all(k.kind in "iub" for k in kinds):
        span = cast(as_staged(np.subtract(as_staged(stop, np.int64),
                                          as_staged(start, np.int64))), np.float64)
    else:
        span = np.subtract(as_staged(stop, np.float64), as_staged(start, np.float64))
    length = np.ceil(np.true_divide(span, as_staged(step, np.float64)))
    check_here(np.logical_and(np.isfinite(length), np.less(length, 2.0 ** 62)),
           "Maximum allowed size exceeded")
    count = cast(as_staged(np.maximum(np.where(np.isfinite(length), length, 0.0), 0.0)),
                 np.int64)
    i = iota(count)
    first = as_staged(start, dt)
    second = cast(as_staged(np.add(start, step)), dt)
    values = np.add(first, np.multiply(cast(i, dt), np.subtract(second, first)))
    return _new(np.where(np.equal(i, 1), second, values))


# --- eye, identity, tri and the triangle indices ---------------------------------------

def _rows_cols(N, M, what, check=True):
    """(arange(N) as a column, arange(M) as a row); `check`: negative sizes are numpy's
    ValueError (eye's zeros((N, M))), else empty (tri's aranges)."""
    n = _index(N, what)
    m = n if M is None else _index(M, what)
    if check:
        n, m = _non_negative(n), _non_negative(m)
    rows, cols = iota(n), iota(m)
    return reshaping.reshape(rows, (-1, 1)), reshaping.reshape(cols, (1, -1))


def eye(N, M=None, k=0, dtype=float, order="C", *, like=None):
    if not _staged(N, M, k) or like is not None:
        return np.eye(N, M, k, dtype, order, like=like)
    rows, cols = _rows_cols(N, M, "np.eye")
    return _new(cast(np.equal(np.add(rows, k), cols), np.dtype(dtype)))


def identity(n, dtype=None, *, like=None):
    if not _staged(n) or like is not None:
        return np.identity(n, dtype, like=like)
    return eye(n, dtype=float if dtype is None else dtype)


def tri(N, M=None, k=0, dtype=float, *, like=None):
    if not _staged(N, M, k) or like is not None:
        return np.tri(N, M, k, dtype, like=like)
    rows, cols = _rows_cols(N, M, "np.tri", check=False)
    return _new(cast(np.greater_equal(np.add(rows, k), cols), np.dtype(dtype)))


def tril_indices(n, k=0, m=None):
    if not _staged(n, k, m):
        return np.tril_indices(n, k, m)
    return tuple(nonzero_rows(tri(n, m, k, dtype=bool)))


def triu_indices(n, k=0, m=None):
    if not _staged(n, k, m):
        return np.triu_indices(n, k, m)
    return tuple(nonzero_rows(np.logical_not(tri(n, m, np.subtract(k, 1), dtype=bool))))


# --- linspace ---------------------------------------------------------------------------

def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    if not isinstance(num, StagedArray):
        return np.linspace(start, stop, num, endpoint, retstep, dtype, axis)
    if np.ndim(start) != 0 or np.ndim(stop) != 0:
        registry._unsupported("np.linspace with a staged num and array endpoints")
    num = _index(num, "np.linspace")
    check_here(np.greater_equal(num, 0), "Number of samples must be non-negative.")
    start, stop = np.multiply(as_staged(start), 1.0), np.multiply(as_staged(stop), 1.0)
    dt = np.result_type(np.zeros((), start.dtype), np.zeros((), stop.dtype), 1.0)
    start, stop = as_staged(start, dt), as_staged(stop, dt)
    div = np.subtract(num, 1) if endpoint else num
    delta = np.subtract(stop, start)
    i = iota(num)
    y = cast(i, dt)
    div_f = cast(as_staged(div), dt)
    step = np.true_divide(delta, div_f)
    divided = np.where(np.equal(step, 0), np.multiply(np.true_divide(y, div_f), delta),
                       np.multiply(y, step))
    y = np.add(np.where(np.greater(div, 0), divided, np.multiply(y, delta)), start)
    if endpoint:
        last = np.logical_and(np.greater(num, 1), np.equal(i, np.subtract(num, 1)))
        y = np.where(last, stop, y)
    out = np.dtype(dtype) if dtype is not None else dt
    if out.kind in "iu":
        y = np.floor(y)
    y = _new(cast(as_staged(y), out))
    if retstep:
        step = np.where(np.greater(div, 0), step, np.array(np.nan, dt))
        return y, StagedArray(as_staged(step)._value, scalar=True)
    return y


# --- windows ----------------------------------------------------------------------------

def _window(M, name):
    """(n = arange(1 - M, M, 2) as float64, M - 1 as float64, M) for a staged M."""
    M = _index(M, f"np.{name}")
    n = np.add(np.subtract(1, M), np.multiply(iota(M), 2))
    return cast(n, np.float64), cast(np.subtract(M, 1), np.float64), M


def _one_if_single(M, w):
    return _new(np.where(np.equal(M, 1), 1.0, w))


def _cosine_window(name, a0, a1, a2=None):
    def window(M):
        if not _staged(M):
            return getattr(np, name)(M)
        n, m1, M = _window(M, name)
        w = np.add(a0, np.multiply(a1, np.cos(np.true_divide(np.multiply(math.pi, n), m1))))
        if a2 is not None:
            w = np.add(w, np.multiply(a2, np.cos(np.true_divide(
                np.multiply(2.0 * math.pi, n), m1))))
        return _one_if_single(M, w)
    return window


def bartlett(M):
    if not _staged(M):
        return np.bartlett(M)
    n, m1, M = _window(M, "bartlett")
    r = np.true_divide(n, m1)
    return _one_if_single(M, np.where(np.less_equal(n, 0), np.add(1, r), np.subtract(1, r)))


def kaiser(M, beta):
    if not _staged(M, beta):
        return np.kaiser(M, beta)
    M = _index(M, "np.kaiser")
    beta = as_staged(beta, np.float64)
    n = cast(iota(M), np.float64)
    alpha = np.true_divide(cast(np.subtract(M, 1), np.float64), 2.0)
    ratio = np.true_divide(np.subtract(n, alpha), alpha)
    w = np.true_divide(np.i0(np.multiply(beta, np.sqrt(np.subtract(1, np.power(ratio, 2.0))))),
                       np.i0(beta))
    return _one_if_single(M, w)


# --- repeat with staged counts ----------------------------------------------------------

def repeat(arr, repeats, axis):
    """np.repeat(arr, repeats, axis) for staged `repeats`: element j of the result along
    the axis is element searchsorted(cumsum(repeats), j, 'right') of arr."""
    where = describe(user_location())
    r = repeats
    if r.dtype.kind not in "iub" or r.dtype == np.uint64:
        raise AgTypeError(f"{where}: Cannot cast array data from dtype('{r.dtype}') to "
                          "dtype('int64') according to the rule 'safe'")
    if r.ndim > 1:
        raise AgValueError(f"{where}: object too deep for desired array")
    if axis is None:
        arr, axis = reshaping.reshape(_new(arr), (-1,)), 0
    axis = registry._normalize_axis(operator.index(axis), arr.ndim)
    n = arr.shape[axis]
    if r.ndim == 1 and r.shape[0] not in (1, n):
        raise AgValueError(f"{where}: operands could not be broadcast together with shape "
                           f"({n},) ({r.shape[0]},)")
    r = reshaping.broadcast_to(cast(r, np.int64), (n,))
    check_here(np.all(np.greater_equal(r, 0)), "repeats may not contain negative values.")
    if n == 0:
        return _new(arr)
    ends = np.cumsum(r)
    source = record("ag.searchsorted", [ends, iota(ends[n - 1])], {"right": True},
                    result=(np.int64, (None,)))
    return _new(take(arr, source, axis=axis))


def register_builtins(table):
    table.update({np.arange: arange, np.eye: eye, np.identity: identity, np.tri: tri,
                  np.tril_indices: tril_indices, np.triu_indices: triu_indices,
                  np.linspace: linspace, np.bartlett: bartlett, np.kaiser: kaiser,
                  np.blackman: _cosine_window("blackman", 0.42, 0.5, 0.08),
                  np.hamming: _cosine_window("hamming", 0.54, 0.46),
                  np.hanning: _cosine_window("hanning", 0.5, 0.5)})


NAMES = ["arange", "eye", "identity", "tri", "tril_indices", "triu_indices", "linspace",
         "bartlett", "blackman", "hamming", "hanning", "kaiser"]

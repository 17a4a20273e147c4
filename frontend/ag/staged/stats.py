"""numpy's statistics as compositions, written as numpy 1.24 writes them in Python
(numpy/core/_methods.py, lib/nanfunctions.py, lib/function_base.py,
lib/histograms.py, lib/arraysetops.py), so dtypes, the order of operations and the
special cases match: average (weights), ptp, count_nonzero, the nan*
reductions, cov/corrcoef, array_equal, isin/in1d, unique (a data-dependent size: a
boolean mask over the sorted values, as numpy computes it), histogram, interp.
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgError, AgTypeError, AgValueError
from . import registry, reshaping
from .array import PythonNumber, StagedArray, as_staged, cast, check_dtype
from .checks import check_here

implements = registry.implements


def _scalar(r):
    r = as_staged(r)
    return StagedArray(r._value, scalar=r.ndim == 0)


def _count(x, axis):
    shape = x.shape
    axes = registry._normalize_axes(axis, x.ndim)
    return int(np.prod([shape[a] for a in axes], dtype=np.int64))


# --- moments ----------------------------------------------------------------------------

def _kept(r, a, axis):
    """A reduction of a over axis, reshaped as keepdims=True would give it (see _var)."""
    if a.ndim == 0:  # numpy's reductions take axis 0/-1 of a 0-d array
        return r
    axes = registry._normalize_axes(axis, a.ndim)
    if len(axes) == a.ndim:
        return r
    return reshaping.reshape(as_staged(r), tuple(1 if i in axes else d
                                           for i, d in enumerate(a.shape)))


def _divide(x, n):
    """x / n in x's dtype (numpy divides by an intp count: the float loop of x's type;
    an integer x, with dtype= given, is divided in float64 and cast back)."""
    if x.dtype.kind == "f":
        return np.true_divide(x, np.array(n, x.dtype))
    return cast(as_staged(np.true_divide(x, np.float64(n))), x.dtype)


def _var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True,
         sqrt=False):
    if out is not None or where is not True:
        registry._unsupported("np.var/np.std with out= or where=")
    a = as_staged(a)
    if None in a.shape:
        registry._unsupported("np.var/np.std of an array with dynamic dims")
    n = _count(a, axis)
    if dtype is None and a.dtype.kind in "biu":
        dtype = np.float64
    # numpy's _var: mean with keepdims (divided in the sum's dtype), squared deviations
    # summed, divided by max(n - ddof, 0).
    # The mean with keepdims for broadcasting -- computed without keepdims and
    # reshaped: ag's keepdims reduction feeding a broadcast is several times slower
    # (measured: std over 4M floats 96 ms against 33 ms).
    total = as_staged(np.sum(a, axis=axis, dtype=dtype))
    mean = _kept(_divide(total, n), a, axis)
    x = np.subtract(a, mean)
    x = np.multiply(x, x)
    ret = as_staged(np.sum(x, axis=axis, dtype=dtype, keepdims=keepdims))
    ret = _divide(ret, max(n - ddof, 0))
    if sqrt:
        ret = np.sqrt(ret)
    return _scalar(ret)


@implements(np.ptp)
def ptp(a, axis=None, out=None, keepdims=False):
    return np.subtract(np.max(a, axis=axis, keepdims=keepdims),
                       np.min(a, axis=axis, keepdims=keepdims))


@implements(np.count_nonzero)
def count_nonzero(a, axis=None, *, keepdims=False):
    a = as_staged(a)
    count = np.sum(cast(a, np.bool_), axis=axis, dtype=np.int64, keepdims=keepdims)
    # numpy counts the whole array in C and gives a Python int
    return PythonNumber(count, int) if axis is None and not keepdims else count


@implements(np.average)
def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    a = as_staged(a)
    if weights is None:
        avg = np.mean(a, axis=axis, keepdims=keepdims)
        if as_staged(avg).size == 0:  # numpy: a.size / avg.size in Python
            raise _ZeroDivision(f"{describe(user_location())}: division by zero")
        scl = np.multiply(np.ones((), as_staged(avg).dtype), _count(a, axis) if a.ndim
                          else 1)
        scl = reshaping.broadcast_to(as_staged(scl), as_staged(avg).shape)
    else:
        w = as_staged(weights)
        stand = registry._stand_in
        if a.dtype.kind in "biu":
            result_dtype = np.result_type(stand(a), stand(w), "f8")
        else:
            result_dtype = np.result_type(stand(a), stand(w))
        check_dtype(result_dtype, "the result of np.average")
        if a.shape != w.shape:
            if axis is None:
                raise AgTypeError(f"{describe(user_location())}: Axis must be specified "
                                  "when shapes of a and weights differ.")
            if w.ndim != 1:
                raise AgTypeError(f"{describe(user_location())}: 1D weights expected when "
                                  "shapes of a and weights differ.")
            ax = registry._normalize_axis(operator.index(axis), a.ndim)
            if w.shape[0] != a.shape[ax]:
                raise AgValueError(f"{describe(user_location())}: Length of weights not "
                                   "compatible with specified axis.")
            w = reshaping.reshape(StagedArray(w._value),
                             tuple(w.shape[0] if i == ax else 1 for i in range(a.ndim)))
        scl = np.sum(w, axis=axis, dtype=result_dtype, keepdims=keepdims)
        check_here(np.logical_not(np.any(np.equal(scl, 0))),
               "Weights sum to zero, can't be normalized", kind=("raise", _ZeroDivision))
        prod = np.multiply(cast(a, result_dtype), cast(as_staged(w), result_dtype))
        avg = np.true_divide(np.sum(prod, axis=axis, dtype=result_dtype,
                                    keepdims=keepdims), scl)
        avg = _scalar(avg)
    if returned:
        scl = as_staged(scl)
        if scl.shape != as_staged(avg).shape:
            scl = reshaping.broadcast_to(scl, as_staged(avg).shape)
        return avg, _scalar(scl)
    return avg


class _ZeroDivision(AgError, ZeroDivisionError):
    """numpy's ZeroDivisionError for weights that sum to zero (raised at run time)."""


# --- nan* reductions ----------------------------------------------------------------------

def _replace_nan(a, value):
    a = as_staged(a)
    if a.dtype.kind != "f":
        return a, None
    mask = np.isnan(a)
    return as_staged(np.where(mask, np.array(value, a.dtype), a)), mask


def _nan_reduction(name, fill):
    plain = getattr(np, name[3:])

    def fn(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
        if out is not None or kwargs.get("where", True) is not True or \
                kwargs.get("initial") is not None:
            registry._unsupported(f"np.{name} with out=, initial= or where=")
        a2, _ = _replace_nan(a, fill)
        return plain(a2, axis=axis, dtype=dtype, keepdims=keepdims)
    return fn


implements(np.nansum)(_nan_reduction("nansum", 0))
implements(np.nanprod)(_nan_reduction("nanprod", 1))


def _nan_scan(name, fill):
    plain = getattr(np, name[3:])

    def fn(a, axis=None, dtype=None, out=None):
        if out is not None:
            registry._unsupported(f"np.{name} with out=")
        a2, _ = _replace_nan(a, fill)
        return plain(a2, axis=axis, dtype=dtype)
    return fn


implements(np.nancumsum)(_nan_scan("nancumsum", 0))
implements(np.nancumprod)(_nan_scan("nancumprod", 1))


def _nan_extreme(is_max):
    plain = np.max if is_max else np.min

    def fn(a, axis=None, out=None, keepdims=False, **kwargs):
        if out is not None or kwargs:
            registry._unsupported(f"np.nan{'max' if is_max else 'min'} with out=, initial= "
                              "or where=")
        a = as_staged(a)
        if a.dtype.kind != "f":
            return plain(a, axis=axis, keepdims=keepdims)
        # numpy: fmax.reduce: NaN only where the whole slice is NaN.
        a2, mask = _replace_nan(a, -np.inf if is_max else np.inf)
        r = plain(a2, axis=axis, keepdims=keepdims)
        allnan = np.all(mask, axis=axis, keepdims=keepdims)
        return _scalar(np.where(allnan, np.array(np.nan, a.dtype), r))
    return fn


implements(np.nanmax)(_nan_extreme(True))
implements(np.nanmin)(_nan_extreme(False))


def _nan_arg(is_max):
    plain = np.argmax if is_max else np.argmin

    def fn(a, axis=None, out=None, *, keepdims=False):
        if out is not None:
            registry._unsupported("np.nanargmax/nanargmin with out=")
        a = as_staged(a)
        a2, mask = _replace_nan(a, -np.inf if is_max else np.inf)
        if mask is not None:
            check_here(np.logical_not(np.any(np.all(mask, axis=axis))),
                   "All-NaN slice encountered")
        return plain(a2, axis=axis, keepdims=keepdims)
    return fn


implements(np.nanargmax)(_nan_arg(True))
implements(np.nanargmin)(_nan_arg(False))


@implements(np.nanmean)
def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    a = as_staged(a)
    if out is not None or where is not True:
        registry._unsupported("np.nanmean with out= or where=")
    a2, mask = _replace_nan(a, 0)
    if mask is None:
        return np.mean(a, axis=axis, dtype=dtype, keepdims=keepdims)
    cnt = np.sum(np.logical_not(mask), axis=axis, dtype=np.int64, keepdims=keepdims)
    tot = np.sum(a2, axis=axis, dtype=dtype, keepdims=keepdims)
    # numpy's _divide_by_count: in tot's dtype (float32 stays float32).
    r = np.true_divide(tot, cast(as_staged(cnt), as_staged(tot).dtype))
    return _scalar(r)


def _nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=True,
            sqrt=False):
    a = as_staged(a)
    if out is not None or where is not True:
        registry._unsupported("np.nanvar/np.nanstd with out= or where=")
    a2, mask = _replace_nan(a, 0)
    if mask is None:
        return _var(a, axis, dtype, None, ddof, keepdims, True, sqrt)
    notnan = np.logical_not(mask)
    cnt = np.sum(notnan, axis=axis, dtype=np.int64)
    avg = np.sum(a2, axis=axis, dtype=dtype)
    avg = _kept(np.true_divide(avg, cast(as_staged(cnt), as_staged(avg).dtype)), a, axis)
    x = np.where(notnan, np.subtract(a2, avg), np.zeros((), as_staged(avg).dtype))
    x = np.multiply(x, x)
    v = np.sum(x, axis=axis, dtype=dtype, keepdims=keepdims)
    cnt = np.sum(notnan, axis=axis, dtype=np.int64, keepdims=keepdims)
    dof = np.subtract(cnt, ddof)
    v = np.true_divide(v, cast(as_staged(dof), as_staged(v).dtype))
    v = np.where(np.less_equal(dof, 0), np.array(np.nan, as_staged(v).dtype), v)
    if sqrt:
        v = np.sqrt(v)
    return _scalar(v)


@implements(np.nanvar)
def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    return _nanvar(a, axis, dtype, out, ddof, keepdims, where)


@implements(np.nanstd)
def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    return _nanvar(a, axis, dtype, out, ddof, keepdims, where, sqrt=True)


# --- covariance -----------------------------------------------------------------------------

@implements(np.cov)
def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *,
        dtype=None):
    if fweights is not None or aweights is not None:
        registry._unsupported("np.cov with fweights= or aweights=")
    m = as_staged(m)
    if m.ndim > 2:
        raise AgValueError(f"{describe(user_location())}: m has more than 2 dimensions")
    if dtype is None:
        dtype = np.result_type(registry._stand_in(m), np.float64) if y is None else \
            np.result_type(registry._stand_in(m), registry._stand_in(as_staged(y)), np.float64)
    check_dtype(np.dtype(dtype), "the result of np.cov")
    X = cast(m, dtype)
    X = reshaping.reshape(X, (1, -1)) if X.ndim < 2 else X
    if not rowvar and X.shape[0] != 1:
        X = reshaping.transpose(X, (1, 0))
    if X.shape[0] == 0:
        return as_staged(np.array([]).reshape(0, 0).astype(dtype))
    if y is not None:
        y = as_staged(y)
        if y.ndim > 2:
            raise AgValueError(f"{describe(user_location())}: y has more than 2 "
                               "dimensions")
        Y = cast(y, dtype)
        Y = reshaping.reshape(Y, (1, -1)) if Y.ndim < 2 else Y
        if not rowvar and Y.shape[0] != 1:
            Y = reshaping.transpose(Y, (1, 0))
        X = np.concatenate([X, Y], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    n = X.shape[1]
    avg = np.mean(X, axis=1)
    fact = n - ddof
    if fact <= 0:
        fact = 0.0
    X = np.subtract(X, reshaping.reshape(as_staged(avg), (-1, 1)))
    c = np.dot(X, reshaping.transpose(X, (1, 0)))
    c = np.multiply(c, np.true_divide(1, fact) if fact else np.inf)
    return reshaping.squeeze(as_staged(c))


@implements(np.corrcoef)
def corrcoef(x, y=None, rowvar=True, bias=np._NoValue, ddof=np._NoValue, *, dtype=None):
    c = as_staged(cov(x, y, rowvar, dtype=dtype))
    if c.ndim == 0:
        return _scalar(np.true_divide(c, c))
    d = np.sqrt(as_staged(np.diagonal(c)))
    c = np.true_divide(c, reshaping.reshape(as_staged(d), (-1, 1)))
    c = np.true_divide(c, reshaping.reshape(as_staged(d), (1, -1)))
    return np.clip(c, -1, 1)


@implements(np.array_equal)
def array_equal(a1, a2, equal_nan=False):
    if np.shape(a1) != np.shape(a2):
        return False
    a1, a2 = as_staged(a1), as_staged(a2)
    eq = np.equal(a1, a2)
    if equal_nan:
        nan1 = np.isnan(a1) if a1.dtype.kind == "f" else None
        nan2 = np.isnan(a2) if a2.dtype.kind == "f" else None
        if nan1 is not None and nan2 is not None:
            eq = np.logical_or(eq, np.logical_and(nan1, nan2))
    return PythonNumber(np.all(eq), bool)  # numpy's bool


# --- set membership ------------------------------------------------------------------------

def _isin_flat(element, test):
    e = as_staged(element)
    t = test if isinstance(test, StagedArray) else np.asarray(test)
    t = reshaping.reshape(StagedArray(t._value), (-1,)) if isinstance(t, StagedArray) \
        else t.reshape(-1)
    col = reshaping.reshape(StagedArray(e._value), e.shape + (1,))
    row = t.reshape((1,) * e.ndim + (-1,)) if isinstance(t, np.ndarray) else \
        reshaping.reshape(t, (1,) * e.ndim + (-1,))
    return np.any(np.equal(col, row), axis=-1)


@implements(np.isin)
def isin(element, test_elements, assume_unique=False, invert=False):
    """numpy's in1d for a small test set: mask |= (ar1 == a) for each a, in one
    broadcast comparison (a len(element) x len(test) intermediate)."""
    r = _isin_flat(element, test_elements)
    if invert:
        r = np.logical_not(r)
    return StagedArray(as_staged(r)._value)


@implements(np.in1d)
def in1d(ar1, ar2, assume_unique=False, invert=False):
    return isin(np.ravel(ar1), ar2, invert=invert)


# --- unique -----------------------------------------------------------------------------------

@implements(np.unique)
def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None,
           *, equal_nan=True):
    """numpy's _unique1d: the sorted values, kept where they differ from their
    predecessor (NaNs collapse into one when equal_nan); a data-dependent size."""
    if axis is not None and (np.ndim(ar) != 1 or axis not in (0, -1)):
        registry._unsupported("np.unique with axis= of an N-d array")
    a = np.ravel(as_staged(ar))
    a = StagedArray(as_staged(a)._value)
    if None in a.shape:
        registry._unsupported("np.unique of an array with dynamic dims")
    n = a.shape[0]
    if return_index or return_inverse:
        perm = np.argsort(a, kind="mergesort" if return_index else "quicksort")
        aux = as_staged(a)[perm]
    else:
        aux = np.sort(a)
    aux = as_staged(aux)
    if n == 0:
        mask = np.zeros(0, bool)
    else:
        diff = np.not_equal(aux[1:], aux[:-1])
        if equal_nan and a.dtype.kind == "f":
            both = np.logical_and(np.isnan(aux[1:]), np.isnan(aux[:-1]))
            diff = np.logical_and(diff, np.logical_not(both))
        mask = np.concatenate([np.ones(1, bool), diff])
    mask = as_staged(mask)
    ret = (aux[mask],)
    if return_index:
        ret += (as_staged(perm)[mask],)
    if return_inverse:
        imask = np.subtract(np.cumsum(mask), 1)
        inv = as_staged(np.zeros(n, np.int64))
        inv[perm] = imask
        ret += (inv,)
    if return_counts:
        idx = np.flatnonzero(np.concatenate([mask, np.ones(1, bool)]))
        ret += (np.subtract(idx[1:], idx[:-1]),)
    return ret[0] if len(ret) == 1 else ret


# --- histogram and interpolation ----------------------------------------------------------------

@implements(np.histogram)
def histogram(a, bins=10, range=None, density=None, weights=None):
    a = np.ravel(as_staged(a))
    a = StagedArray(as_staged(a)._value)
    if None in a.shape:
        registry._unsupported("np.histogram of an array with dynamic dims")
    if weights is not None:
        w = np.ravel(as_staged(weights))
        if np.shape(w) != a.shape:
            raise AgValueError(f"{describe(user_location())}: weights should have the "
                               "same shape as a.")
    else:
        w = None
    if isinstance(bins, StagedArray) or isinstance(bins, (list, tuple, np.ndarray)):
        return _histogram_edges(a, bins, density, w)
    if isinstance(bins, str):
        registry._unsupported("np.histogram with a bin estimator name")
    n_bins = operator.index(bins)
    if n_bins < 1:
        raise AgValueError(f"{describe(user_location())}: `bins` must be positive, when "
                           "an integer")
    if a.dtype.kind == "b":
        registry._unsupported("np.histogram of a bool array")
    if range is not None:
        first, last = float(range[0]), float(range[1])
        if first > last:
            raise AgValueError(f"{describe(user_location())}: max must be larger than min "
                               "in range parameter.")
        if not (np.isfinite(first) and np.isfinite(last)):
            raise AgValueError(f"{describe(user_location())}: supplied range of "
                               f"[{first}, {last}] is not finite")
        if first == last:
            first, last = first - 0.5, last + 0.5
        bin_type = np.result_type(first, last, registry._stand_in(a))
        first_e = as_staged(np.array(first, bin_type if bin_type.kind == "f" else "f8"))
        last_e = as_staged(np.array(last, bin_type if bin_type.kind == "f" else "f8"))
    elif a.shape[0] == 0:
        first_e = as_staged(np.array(0.0))
        last_e = as_staged(np.array(1.0))
    else:
        mn, mx = np.min(a), np.max(a)
        if a.dtype.kind == "f":
            check_here(np.logical_and(np.isfinite(mn), np.isfinite(mx)),
                   "autodetected range is not finite (the data holds NaN or infinity)")
        same = np.equal(mn, mx)
        first_e = np.where(same, np.subtract(mn, 0.5), mn)
        last_e = np.where(same, np.add(mx, 0.5), mx)
    bin_type = np.result_type(registry._stand_in(as_staged(first_e)), registry._stand_in(a))
    if bin_type.kind in "iub":
        bin_type = np.result_type(bin_type, float)
    first_e, last_e = cast(as_staged(first_e), bin_type), cast(as_staged(last_e), bin_type)
    # numpy's linspace: arange * step + start, the last edge set to stop.
    step = np.true_divide(np.subtract(last_e, first_e), n_bins)
    ramp = np.add(np.multiply(as_staged(np.arange(n_bins + 1).astype(bin_type)), step),
                  first_e)
    edges = np.concatenate([as_staged(ramp)[:-1], reshaping.reshape(last_e, (1,))])
    edges = as_staged(edges)
    # numpy's uniform-bin index and its corrections against the edges.
    tmp = cast(a, bin_type) if a.dtype != bin_type else a
    keep = np.logical_and(np.greater_equal(tmp, first_e), np.less_equal(tmp, last_e))
    norm = np.true_divide(n_bins, np.subtract(last_e, first_e))
    f_idx = np.multiply(np.subtract(tmp, first_e), norm)
    idx = cast(as_staged(np.where(keep, f_idx, np.zeros((), bin_type))), np.int64)
    idx = np.where(np.equal(idx, n_bins), np.subtract(idx, 1), idx)
    idx = np.clip(idx, 0, n_bins - 1)
    idx = np.where(np.less(tmp, edges[idx]), np.subtract(idx, 1), idx)
    up = np.logical_and(np.greater_equal(tmp, edges[np.clip(np.add(idx, 1), 0, n_bins)]),
                        np.not_equal(idx, n_bins - 1))
    idx = np.where(up, np.add(idx, 1), idx)
    idx = np.clip(idx, 0, n_bins - 1)
    if w is None:
        counts = np.bincount(idx, weights=cast(as_staged(keep), np.int64),
                             minlength=n_bins)
        counts = cast(as_staged(counts), np.int64)
    else:
        wk = np.where(keep, w, np.zeros((), as_staged(w).dtype))
        counts = np.bincount(idx, weights=wk, minlength=n_bins)
        wd = as_staged(w).dtype
        counts = cast(as_staged(counts), wd if wd.kind == "f" else np.int64)
    return _finish(counts, edges, density)


def _finish(counts, edges, density):
    if density:
        db = np.subtract(edges[1:], edges[:-1])
        counts = np.true_divide(np.true_divide(counts, db), np.sum(counts))
    return as_staged(counts), edges


def _histogram_edges(a, bins, density, w):
    edges = as_staged(bins) if isinstance(bins, StagedArray) else np.asarray(bins)
    if edges.ndim != 1:
        raise AgValueError(f"{describe(user_location())}: `bins` must be 1d, when an "
                           "array")
    if isinstance(edges, np.ndarray) and (np.diff(edges) < 0).any():
        raise AgValueError(f"{describe(user_location())}: `bins` must increase "
                           "monotonically, when an array")
    if w is not None:
        registry._unsupported("np.histogram with weights and explicit bin edges")
    edges = as_staged(edges)
    sa = np.sort(a)
    left = np.searchsorted(sa, edges[:-1], side="left")
    right = np.searchsorted(sa, edges[-1:], side="right")
    cum = np.concatenate([as_staged(left), as_staged(right)])
    counts = np.subtract(as_staged(cum)[1:], as_staged(cum)[:-1])
    return _finish(counts, edges, density)


@implements(np.interp)
def interp(x, xp, fp, left=None, right=None, period=None):
    """numpy's compiled interp: the interval by binary search, fp[j] exactly at a
    sample point, the slope formula with numpy's fallbacks for non-finite values."""
    if period is not None:
        registry._unsupported("np.interp with period=")
    x = cast(as_staged(x), np.float64)
    xp = cast(as_staged(xp), np.float64)
    fp = cast(as_staged(fp), np.float64)
    if xp.ndim != 1 or fp.ndim != 1:
        raise AgValueError(f"{describe(user_location())}: object too deep for desired "
                           "array")
    n = xp.shape[0]
    if fp.shape[0] != n:
        raise AgValueError(f"{describe(user_location())}: fp and xp are not of the same "
                           "length.")
    if n == 0:
        raise AgValueError(f"{describe(user_location())}: array of sample points is "
                           "empty")
    lval = fp[0] if left is None else as_staged(np.float64(left))
    rval = fp[n - 1] if right is None else as_staged(np.float64(right))
    j = np.subtract(np.searchsorted(xp, x, side="right"), 1)
    jc = np.clip(j, 0, max(n - 2, 0))
    x0, x1 = xp[jc], xp[np.clip(np.add(jc, 1), 0, n - 1)]
    y0, y1 = fp[jc], fp[np.clip(np.add(jc, 1), 0, n - 1)]
    slope = np.true_divide(np.subtract(y1, y0), np.subtract(x1, x0))
    r = np.add(np.multiply(slope, np.subtract(x, x0)), y0)
    alt = np.add(np.multiply(slope, np.subtract(x, x1)), y1)
    r = np.where(np.isnan(r), alt, r)
    r = np.where(np.logical_and(np.isnan(r), np.equal(y0, y1)), y0, r)
    r = np.where(np.equal(x, x0), y0, r)
    r = np.where(np.greater_equal(x, xp[n - 1]),
                 np.where(np.equal(x, xp[n - 1]), fp[n - 1], rval), r)
    r = np.where(np.less(x, xp[0]), lval, r)
    return _scalar(r)

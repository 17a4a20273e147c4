"""numpy's contractions as compositions over ag.matmul: einsum (each pairwise
contraction a batched GEMM, the pairs chosen greedily by the size of what they make),
tensordot (numpy's own transpose-reshape-dot) and convolve/
correlate (a gather of the sliding windows times the kernel: one GEMV).
"""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgTypeError, AgValueError
from . import registry, reshaping
from .array import StagedArray, as_staged, cast, check_dtype
from .index_functions import take

implements = registry.implements


def _error(text):
    raise AgValueError(f"{describe(user_location())}: {text}")


def _new(x):
    return StagedArray(as_staged(x)._value)


# --- einsum ---------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parse(subscripts, operands):
    """numpy's subscripts -> ([input labels per operand], output labels); an ellipsis
    becomes fresh labels (numpy's broadcasting over them is not staged)."""
    subscripts = subscripts.replace(" ", "")
    if "->" in subscripts:
        lhs, out = subscripts.split("->")
        explicit = True
    else:
        lhs, out, explicit = subscripts, None, False
    terms = lhs.split(",")
    if len(terms) != len(operands):
        _error("more operands provided to einstein sum function than specified in the "
               "subscripts string" if len(operands) > len(terms) else
               "fewer operands provided to einstein sum function than specified in the "
               "subscripts string")
    used = set(subscripts) - set(".,->")
    for c in used:
        if c not in _LETTERS:
            _error(f"invalid subscript '{c}' in einstein sum subscripts string, subscripts "
                   "must be letters")
    spare = [c for c in _LETTERS if c not in used]
    ell = None
    labels = []
    for t, x in zip(terms, operands):
        if "..." in t:
            pre, post = t.split("...")
            k = x.ndim - len(pre) - len(post)
            if k < 0:
                _error("operand has more dimensions than subscripts given in einstein sum")
            if ell is None:
                ell = spare[:k]
            elif len(ell) != k:
                registry._unsupported("np.einsum with ellipses of different lengths")
            t = pre + "".join(ell[len(ell) - k:]) + post
        if len(t) != x.ndim:
            _error(f"operand has more dimensions than subscripts given in einstein sum, "
                   f"but no '...' ellipsis provided to broadcast the extra dimensions."
                   if x.ndim > len(t) else
                   f"einstein sum subscripts string contains too many subscripts for "
                   f"operand")
        labels.append(t)
    if explicit:
        if "..." in out:
            out = out.replace("...", "".join(ell or []))
        for c in out:
            if out.count(c) > 1:
                _error(f"einstein sum subscripts string includes output subscript '{c}' "
                       "multiple times")
            if not any(c in t for t in labels):
                _error(f"einstein sum subscripts string included output subscript '{c}' "
                       "which never appeared in an input")
    else:
        counts = {}
        for t in labels:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        # numpy's implicit order: by character code (upper case before lower case).
        out = "".join(ell or []) + "".join(sorted(
            c for c in counts if counts[c] == 1 and c not in (ell or [])))
    return labels, out


def _diagonal_labels(x, labels):
    """A repeated label within one operand ('ii'): its diagonal, one label each."""
    while True:
        dup = next((c for c in labels if labels.count(c) > 1), None)
        if dup is None:
            return x, labels
        i = labels.index(dup)
        j = labels.index(dup, i + 1)
        if x.shape[i] != x.shape[j]:
            _error(f"dimensions in operand for collapsing index '{dup}' don't match "
                   f"({x.shape[i]} != {x.shape[j]})")
        x = as_staged(np.diagonal(x, 0, i, j))  # the diagonal goes last
        labels = "".join(c for k, c in enumerate(labels) if k not in (i, j)) + dup


def _sum_out(x, labels, keep):
    """Sums the labels of x that no one else needs."""
    axes = tuple(i for i, c in enumerate(labels) if c not in keep)
    if not axes:
        return x, labels
    # einsum sums in the operands' dtype (bool: or).
    r = np.any(x, axis=axes) if x.dtype == np.bool_ else np.sum(x, axis=axes,
                                                                dtype=x.dtype)
    return as_staged(r), "".join(c for c in labels if c in keep)


def _contract(a, la, b, lb, keep):
    """a (labels la) times b (labels lb), summing the shared labels not in `keep`: one
    batched matmul (batch: shared kept; contracted: shared summed)."""
    sizes = {}
    for x, ls in ((a, la), (b, lb)):
        for c, d in zip(ls, x.shape):
            if c in sizes and sizes[c] != d:
                _error(f"operands could not be broadcast together with remapped shapes "
                       f"(label '{c}': {sizes[c]} != {d})")
            sizes[c] = d
    batch = [c for c in la if c in lb and c in keep]
    summed = [c for c in la if c in lb and c not in keep]
    a_only = [c for c in la if c not in lb]
    b_only = [c for c in lb if c not in la]
    at = reshaping.transpose(a, [la.index(c) for c in batch + a_only + summed])
    bt = reshaping.transpose(b, [lb.index(c) for c in batch + summed + b_only])
    prod = lambda cs: int(np.prod([sizes[c] for c in cs], dtype=np.int64))  # noqa: E731
    B, M, K, N = prod(batch), prod(a_only), prod(summed), prod(b_only)
    am = reshaping.reshape(_new(at), (B, M, K))
    bm = reshaping.reshape(_new(bt), (B, K, N))
    r = np.matmul(am, bm)
    r = reshaping.reshape(as_staged(r), tuple(sizes[c] for c in batch + a_only + b_only))
    return as_staged(r), "".join(batch + a_only + b_only)


@implements(np.einsum)
def einsum(*operands, out=None, dtype=None, order="K", casting="safe", optimize=False):
    if out is not None:
        registry._unsupported("np.einsum with out=")
    if not operands or not isinstance(operands[0], str):
        registry._unsupported("np.einsum in the interleaved (operand, sublist) form")
    subscripts, arrays = operands[0], [as_staged(x) for x in operands[1:]]
    for x in arrays:
        if None in x.shape:
            registry._unsupported("np.einsum of arrays with dynamic dims")
    labels, out_labels = _parse(subscripts, arrays)
    result_dtype = np.result_type(*[registry._stand_in(x) for x in arrays]) \
        if dtype is None else np.dtype(dtype)
    if dtype is not None:
        for x in arrays:
            if not np.can_cast(x.dtype, result_dtype, casting=casting):
                raise AgTypeError(
                    f"{describe(user_location())}: Cannot cast array data from "
                    f"{x.dtype!r} to {result_dtype!r} according to the rule '{casting}'")
    check_dtype(result_dtype, "the result of np.einsum")
    terms = []
    for x, ls in zip(arrays, labels):
        x, ls = _diagonal_labels(cast(x, result_dtype), ls)
        terms.append((x, ls))

    def needed(skip):
        return set(out_labels).union(*[set(t[1]) for k, t in enumerate(terms)
                                       if k not in skip])
    # Labels only one operand has and nobody needs are summed first.
    terms = [_sum_out(x, ls, needed({k})) for k, (x, ls) in enumerate(terms)]
    # Greedy order: the pair whose result is smallest first (numpy's 'greedy').
    while len(terms) > 1:
        best = None
        for i in range(len(terms)):
            for j in range(i + 1, len(terms)):
                keep = needed({i, j})
                la, lb = terms[i][1], terms[j][1]
                sizes = dict(zip(la, terms[i][0].shape))
                sizes.update(zip(lb, terms[j][0].shape))
                size = int(np.prod([sizes[c] for c in set(la + lb) if c in keep],
                                   dtype=np.int64))
                if best is None or size < best[0]:
                    best = (size, i, j, keep)
        _, i, j, keep = best
        r = _contract(terms[i][0], terms[i][1], terms[j][0], terms[j][1], keep)
        terms = [t for k, t in enumerate(terms) if k not in (i, j)] + [r]
    x, ls = terms[0]
    x, ls = _sum_out(x, ls, set(out_labels))
    r = reshaping.transpose(x, [ls.index(c) for c in out_labels]) if x.ndim else x
    r = as_staged(r)
    return StagedArray(r._value, scalar=r.ndim == 0)


# --- tensordot and friends ----------------------------------------------------------------

@implements(np.tensordot)
def tensordot(a, b, axes=2):
    a, b = as_staged(a), as_staged(b)
    try:
        iter(axes)
    except TypeError:
        n = operator.index(axes)
        axes_a, axes_b = list(range(-n, 0)), list(range(0, n))
    else:
        axes_a, axes_b = axes
    axes_a = list(axes_a) if np.iterable(axes_a) else [axes_a]
    axes_b = list(axes_b) if np.iterable(axes_b) else [axes_b]
    if len(axes_a) != len(axes_b):
        _error("shape-mismatch for sum")
    axes_a = [x + a.ndim if x < 0 else x for x in axes_a]
    axes_b = [x + b.ndim if x < 0 else x for x in axes_b]
    for x, y in zip(axes_a, axes_b):
        if x >= a.ndim or y >= b.ndim or x < 0 or y < 0 or a.shape[x] != b.shape[y]:
            _error("shape-mismatch for sum")
    free_a = [k for k in range(a.ndim) if k not in axes_a]
    free_b = [k for k in range(b.ndim) if k not in axes_b]
    n2 = int(np.prod([a.shape[k] for k in axes_a], dtype=np.int64))
    at = reshaping.reshape(_new(reshaping.transpose(a, free_a + axes_a)),
                      (int(np.prod([a.shape[k] for k in free_a], dtype=np.int64)), n2))
    bt = reshaping.reshape(_new(reshaping.transpose(b, axes_b + free_b)),
                      (n2, int(np.prod([b.shape[k] for k in free_b], dtype=np.int64))))
    r = np.dot(at, bt)
    return _new(reshaping.reshape(as_staged(r), tuple(a.shape[k] for k in free_a) +
                             tuple(b.shape[k] for k in free_b)))


# --- convolution ------------------------------------------------------------------------

def _full_convolution(a, v):
    """The 'full' convolution of 1-d a and v: windows of zero-padded a gathered into
    (n + m - 1, m), times v reversed."""
    n, m = a.shape[0], v.shape[0]
    dtype = np.result_type(registry._stand_in(a), registry._stand_in(v))
    check_dtype(dtype, "the result of np.convolve")
    padded = np.concatenate([as_staged(np.zeros(m - 1, dtype)), cast(a, dtype),
                             as_staged(np.zeros(m - 1, dtype))])
    idx = np.arange(n + m - 1)[:, None] + np.arange(m)[None, :]
    windows = take(padded, idx.astype(np.int64), axis=0)
    # Only the overlapping products count, as in numpy's dot per output (a zero of the
    # padding times an infinity would be NaN).
    inside = (idx >= m - 1) & (idx < n + m - 1)
    prod = np.multiply(windows, reshaping.reshape(_new(cast(as_staged(v), dtype)[::-1]),
                                             (1, m)))
    prod = np.where(inside, prod, np.zeros((), dtype))
    r = np.any(prod, axis=1) if dtype == np.bool_ else np.sum(prod, axis=1, dtype=dtype)
    return as_staged(r)


def _mode_slice(full, n, m, mode):
    if mode == "full":
        return full
    lo_n, hi_n = min(n, m), max(n, m)
    if mode == "same":
        start = (lo_n - 1) // 2
        return as_staged(full[start:start + hi_n])
    if mode == "valid":
        return as_staged(full[lo_n - 1:hi_n])
    _error(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")


def _check_1d(a, v, what):
    a, v = as_staged(a), as_staged(v)
    if a.ndim > 1 or v.ndim > 1:
        _error("object too deep for desired array")
    if what == "correlate" and (a.ndim == 0 or v.ndim == 0):
        _error("object of too small depth for desired array")  # no ndmin=1 there
    a = reshaping.reshape(_new(a), (-1,))
    v = reshaping.reshape(_new(v), (-1,))
    if a.shape[0] == 0:
        _error("a cannot be empty" if what == "convolve" else "v cannot be empty")
    if v.shape[0] == 0:
        _error("v cannot be empty")
    return a, v


@implements(np.convolve)
def convolve(a, v, mode="full"):
    a, v = _check_1d(a, v, "convolve")
    if v.shape[0] > a.shape[0]:
        a, v = v, a
    if mode not in ("full", "same", "valid"):
        _error(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    return _new(_mode_slice(_full_convolution(a, v), a.shape[0], v.shape[0], mode))


@implements(np.correlate)
def correlate(a, v, mode="valid"):
    a, v = _check_1d(a, v, "correlate")
    if mode not in ("full", "same", "valid"):
        _error(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    n, m = a.shape[0], v.shape[0]
    if m > n:  # numpy swaps and reverses the result
        full = _full_convolution(v, as_staged(a)[::-1])
        return _new(as_staged(_mode_slice(full, m, n, mode))[::-1])
    full = _full_convolution(a, as_staged(v)[::-1])
    return _new(_mode_slice(full, n, m, mode))

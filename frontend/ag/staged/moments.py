"""np.var and np.std on staged arrays, as numpy 1.24 computes them (numpy/core/_methods.py
_var/_std), so that float32 results match bit for bit:

    arrmean = sum(a, axis, keepdims=True) / count      # np.mean's division
    x = a - arrmean; x = x * x
    ret = sum(x, axis, keepdims) / max(count - ddof, 0)
    std: sqrt(ret)

Both sums are ag.sum, numpy's pairwise order for float sums. A complex array's
deviations are squared part by part (re*re + im*im, numpy's fast path), so var and std
of complex64 are float32. Integer and bool inputs
reduce in float64, as numpy's dtype='f8' makes them. The last division is numpy's
true_divide of the sum by a Python number, whose loop is float32's or float64's
depending on the count and on whether the sum is an array or a scalar; dividing in
float64 and rounding to the result dtype gives the same correctly rounded quotient either
way (float64 carries more than twice float32's digits), so that is what the staged code
does. Shapes must be static (the count is a constant).
"""

import numpy as np

from . import reductions, registry
from .array import StagedArray, as_staged, cast, constant


def variance(name, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False,
             where=True):
    if out is not None or where is not True:
        registry._unsupported(f"np.{name} with out= or where=")
    x = as_staged(a)
    if x.dtype.kind == "c" and dtype is not None:
        from .complexes import refuse  # (built on the ufuncs: a cycle)
        refuse(f"np.{name} with dtype=", [x])
    if dtype is None and np.dtype(x.dtype).kind in "biu":
        dtype = np.float64
    count = 1
    for ax in registry._normalize_axes(axis, x.ndim):
        count *= x.shape[ax]
    half = np.dtype(dtype if dtype is not None else x.dtype) == np.float16
    if half:
        # numpy's _var sums float16 as float16 (not np.mean's float32) and divides with
        # the half loop: the count as float16, the quotient in float32, rounded back.
        total = reductions.reduction("sum", x, axis=axis, dtype=dtype, keepdims=True)
        arrmean = _half_divide(total, count)
    else:
        arrmean = reductions.reduction("mean", x, axis=axis, dtype=dtype, keepdims=True)
    d = np.subtract(x, arrmean)
    if d.dtype.kind == "c":
        # numpy's fast path for complex: the parts squared in place and added, a real
        # array (float32 for complex64) that the rest reduces as for floats.
        from .complexes import imag, real  # (built on the ufuncs: a cycle)
        re, im = real(d), imag(d)
        d = np.add(np.multiply(re, re), np.multiply(im, im))
    else:
        d = np.multiply(d, d)
    ret = reductions.reduction("sum", d, axis=axis, dtype=dtype, keepdims=keepdims)
    rcount = max(count - ddof, 0)
    out_dtype = ret.dtype
    if half:
        ret = _half_divide(ret, rcount)
    else:
        quotient = np.true_divide(cast(ret, np.float64), constant(np.float64(rcount)))
        ret = cast(quotient, out_dtype)
    if name == "std":
        ret = np.sqrt(ret)
    return StagedArray(ret._value, scalar=ret.ndim == 0)


def _half_divide(x, n):
    """numpy's float16 x / n (a Python int): n as float16, the quotient in float32."""
    q = np.true_divide(cast(x, np.float32), constant(np.float32(np.float16(n))))
    return cast(q, np.float16)


@registry.implements(np.var)
def _var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    return variance("var", a, axis, dtype, out, ddof, keepdims, where)


@registry.implements(np.std)
def _std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    return variance("std", a, axis, dtype, out, ddof, keepdims, where)

"""ag.nn: the neural-network operations numpy lacks.

Each function works on plain numpy arrays (so an undecorated function is the eager
baseline) and on staged arrays (recording ag ops: conv2d and pooling become
ag.conv2d / ag.max_pool2d / ag.avg_pool2d, the rest are written in numpy and stage
through numpy's protocols). Layouts and conventions are torch's: NCHW inputs, OIHW
weights, cross-correlation, floor-mode output sizes.
"""

import math

import numpy as np

from ._location import describe, user_location
from .errors import AgUnsupportedError, AgValueError
from .staged.array import StagedArray, as_staged, cast, record, to_kernel

__all__ = ["conv2d", "max_pool2d", "avg_pool2d", "relu", "sigmoid", "softmax",
           "log_softmax", "gelu", "erf"]


def _pair(v):
    return (int(v), int(v)) if np.ndim(v) == 0 else tuple(int(x) for x in v)


def _float_dtype(*arrays):
    dtype = np.result_type(*[a.dtype for a in arrays])
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def _check_nchw(x, what, *others, dynamic_ok=1):
    """Checks x is 4-D NCHW; of the dims of x and `others`, only the leading `dynamic_ok`
    may be dynamic (ag.stage(..., dynamic=)): the lowering sizes windows statically."""
    if np.ndim(x) != 4:
        raise AgValueError(f"{describe(user_location())}: {what} expects a 4-D NCHW "
                           f"input, got shape {tuple(np.shape(x))}")
    if any(isinstance(v, StagedArray) and None in v.shape[dynamic_ok:]
           for v in (x,) + others):
        kept = "the batch dim" if dynamic_ok == 1 else "the batch and channel dims"
        raise AgUnsupportedError(
            f"{describe(user_location())}: {what} on an array with dynamic dims "
            f"(ag.stage(..., dynamic=)) is staged only where {kept} (and a weight's "
            "output channels) are dynamic")


def conv2d(x, w, stride=1, padding=0, dilation=1):
    """2-D cross-correlation: x (N, C, H, W), w (O, C, KH, KW) -> (N, O, OH, OW)."""
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    _check_nchw(x, "conv2d", w)
    dtype = _float_dtype(x, w)
    if isinstance(x, StagedArray) or isinstance(w, StagedArray):
        return record("ag.conv2d", [as_staged(x, dtype), as_staged(w, dtype)],
                      {"strides": list(stride), "padding": list(padding),
                       "dilations": list(dilation)})
    x, w = np.asarray(x, dtype), np.asarray(w, dtype)
    if x.shape[1] != w.shape[1]:
        raise ValueError(f"conv2d: input has {x.shape[1]} channels, weight expects "
                         f"{w.shape[1]}")
    xp = np.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2))
    kh, kw = w.shape[2], w.shape[3]
    oh = (xp.shape[2] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (xp.shape[3] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((x.shape[0], w.shape[0], oh, ow), dtype)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i * dilation[0]:i * dilation[0] + stride[0] * (oh - 1) + 1:
                       stride[0],
                       j * dilation[1]:j * dilation[1] + stride[1] * (ow - 1) + 1:
                       stride[1]]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j]).astype(dtype)
    return out


def _pool(x, kernel_size, stride, padding, is_max):
    kernel = _pair(kernel_size)
    stride = kernel if stride is None else _pair(stride)
    padding = _pair(padding)
    _check_nchw(x, "max_pool2d" if is_max else "avg_pool2d", dynamic_ok=2)
    if isinstance(x, StagedArray):
        if not is_max and x.dtype.kind != "f":
            x = cast(x, np.float64)
        back = None
        if is_max and x.dtype.kind == "u":  # linalg's max pooling compares signed
            x, back = to_kernel(x)
        r = record("ag.max_pool2d" if is_max else "ag.avg_pool2d", [x],
                   {"kernel": list(kernel), "strides": list(stride),
                    "padding": list(padding)})
        return back(r) if back else r
    x = np.asarray(x)
    if not is_max and x.dtype.kind != "f":
        x = x.astype(np.float64)
    for i in range(2):
        if x.shape[2 + i] + 2 * padding[i] < kernel[i]:
            raise ValueError(f"{'max' if is_max else 'avg'}_pool2d: kernel {kernel[i]} is "
                             f"larger than the padded input {x.shape[2 + i] + 2 * padding[i]}")
    fill = (-np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min) if is_max else 0
    xp = np.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2),
                constant_values=fill)
    oh = (xp.shape[2] - kernel[0]) // stride[0] + 1
    ow = (xp.shape[3] - kernel[1]) // stride[1] + 1
    windows = [xp[:, :, i:i + stride[0] * (oh - 1) + 1:stride[0],
                  j:j + stride[1] * (ow - 1) + 1:stride[1]]
               for i in range(kernel[0]) for j in range(kernel[1])]
    if is_max:
        return np.maximum.reduce(windows)
    return (np.sum(windows, axis=0) / (kernel[0] * kernel[1])).astype(x.dtype)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """Max pooling over H and W of an NCHW array (padding never wins)."""
    return _pool(x, kernel_size, stride, padding, True)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    """Average pooling over H and W of an NCHW array (padding counts, like torch)."""
    return _pool(x, kernel_size, stride, padding, False)


def relu(x):
    return np.maximum(x, np.zeros((), np.result_type(x)))


def sigmoid(x):
    one = np.ones((), np.result_type(x))
    return one / (one + np.exp(-x))


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _erf_numpy(x):
    """Vectorised erf for the eager path (numpy has none): erfc by the Chebyshev-fitted
    formula of Numerical Recipes (6.2), fractional error below 1.2e-7 everywhere."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (
        0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (
            1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    large = np.where(x >= 0, 1.0 - erfc, erfc - 1.0)
    # Near 0 that formula loses the sign and relative accuracy: use the Taylor series
    # (terms up to x**15 keep it below 1e-9 for |x| < 0.5).
    x2 = x * x
    series = np.zeros_like(x)
    term = x.copy()
    for n in range(8):
        series += term / (2 * n + 1)
        term = -term * x2 / (n + 1)
    return np.where(z < 0.5, series * (2.0 / math.sqrt(math.pi)), large)


def erf(x):
    """The error function, elementwise (float result like numpy's float ufuncs)."""
    if isinstance(x, StagedArray):
        dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
        return record("ag.erf", [cast(x, dtype)])
    x = np.asarray(x)
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    with np.errstate(all="ignore"):  # inf/NaN pass through the unselected branch
        return _erf_numpy(x.astype(np.float64)).astype(dtype)


def gelu(x):
    """torch's default (exact, erf-based) GELU: x * (1 + erf(x / sqrt(2))) / 2."""
    dtype = np.result_type(x) if np.result_type(x).kind == "f" else np.float64
    half = np.asarray(0.5, dtype)
    return half * x * (np.asarray(1, dtype) + erf(x * np.asarray(1 / math.sqrt(2), dtype)))

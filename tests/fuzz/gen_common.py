"""What the fuzzer's generator modules share: the dtypes it draws, variables, programs,
the rejection of a candidate numpy refuses, and how values are written as source."""

import numpy as np

SUPPORTED = {np.dtype(t) for t in ("float32", "float64", "int32", "int64", "bool")}
DTYPES = ["float32", "float64", "int32", "int64", "bool"]
NP_NAME = {np.dtype(t): "np." + ("bool_" if t == "bool" else t) for t in DTYPES}
MAX_SIZE = 64


class Var:
    __slots__ = ("name", "val", "roots", "alias", "role")

    def __init__(self, name, val, roots, alias=None, role="local"):
        self.name, self.val, self.roots, self.alias, self.role = name, val, roots, alias, role

    @property
    def is_array(self):
        return isinstance(self.val, np.ndarray)

    @property
    def is_numeric(self):
        return isinstance(self.val, (np.ndarray, np.generic))


class Program:
    def __init__(self, source, used, seed, index):
        self.source, self.used, self.seed, self.index = source, used, seed, index


class Reject(Exception):
    pass


def standin(v):
    if isinstance(v, np.ndarray):
        return np.ones(v.shape, v.dtype)
    if isinstance(v, np.generic):
        return v.dtype.type(1)
    return v


def same_type(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, (np.ndarray, np.generic)):
        return a.dtype == b.dtype and a.shape == b.shape
    return True


def fmt_scalar(v, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return "True" if v else "False"
    if dtype.kind == "i":
        return str(int(v))
    v = float(v)
    if np.isnan(v):
        return "np.nan"
    if np.isinf(v):
        return "np.inf" if v > 0 else "-np.inf"
    return repr(v)


def fmt_array(a):
    dt = NP_NAME[a.dtype]
    if a.ndim == 0:
        return f"np.array({fmt_scalar(a[()], a.dtype)}, dtype={dt})"
    if a.size == 0:
        return f"np.zeros({a.shape!r}, dtype={dt})"
    flat = ", ".join(fmt_scalar(v, a.dtype) for v in a.ravel())
    text = f"np.array([{flat}], dtype={dt})"
    return text if a.ndim == 1 else f"{text}.reshape{a.shape!r}"

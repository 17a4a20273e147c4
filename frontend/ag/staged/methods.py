"""ndarray methods and attributes over the staged functions: std, var, ptp, trace,
diagonal, repeat, swapaxes, conj, item, itemsize, nbytes, ... Set on StagedArray
here, beside the functions they call, so that array.py keeps only the core protocol."""

import numpy as np

from .._location import describe, user_location
from ..errors import AgValueError
from .array import PythonNumber, StagedArray, as_staged


def _method(name, fn):
    fn.__name__ = name
    setattr(StagedArray, name, fn)


_method("std", lambda self, axis=None, dtype=None, out=None, ddof=0, keepdims=False,
        **kw: np.std(self, axis=axis, dtype=dtype, out=out, ddof=ddof, keepdims=keepdims,
                     **kw))
_method("var", lambda self, axis=None, dtype=None, out=None, ddof=0, keepdims=False,
        **kw: np.var(self, axis=axis, dtype=dtype, out=out, ddof=ddof, keepdims=keepdims,
                     **kw))
_method("ptp", lambda self, axis=None, out=None, keepdims=False:
        np.ptp(self, axis=axis, out=out, keepdims=keepdims))
_method("trace", lambda self, offset=0, axis1=0, axis2=1, dtype=None, out=None:
        np.trace(self, offset, axis1, axis2, dtype, out))
_method("diagonal", lambda self, offset=0, axis1=0, axis2=1:
        np.diagonal(self, offset, axis1, axis2))
_method("repeat", lambda self, repeats, axis=None: np.repeat(self, repeats, axis))
_method("swapaxes", lambda self, axis1, axis2: np.swapaxes(self, axis1, axis2))
_method("conj", lambda self: np.conjugate(self))
_method("compress", lambda self, condition, axis=None, out=None:
        np.compress(condition, self, axis, out))
_method("conjugate", lambda self: np.conjugate(self))


def _item(self, *args):
    """ndarray.item: the one element (or the element at args) as a Python scalar (a
    double, a C long or a bool: computed as the numpy scalar of that type)."""
    x = as_staged(self)
    if x.dtype.kind == "c":
        from .complexes import refuse  # (built on the ufuncs: a cycle)
        refuse("ndarray.item (a Python complex result)", [x])
    # (uint64's values past int64 stay uint64 until they leave as a Python int.)
    kind = np.uint64 if x.dtype == np.uint64 else \
        {"f": np.float64, "i": np.int64, "u": np.int64, "b": np.bool_}[x.dtype.kind]
    return PythonNumber(_element(x, args).astype(kind),
                        {"f": float, "i": int, "u": int, "b": bool}[x.dtype.kind])


def _element(x, args):
    if not args:
        if x.size != 1:
            raise AgValueError(f"{describe(user_location())}: can only convert an array "
                               "of size 1 to a Python scalar")
        flat = x.reshape(-1)
        return flat[0]
    if len(args) == 1 and not isinstance(args[0], tuple):
        return x.reshape(-1)[args[0]]
    index = args[0] if len(args) == 1 else args
    return x[tuple(index)]


_method("item", _item)
StagedArray.itemsize = property(lambda self: self.dtype.itemsize)
StagedArray.nbytes = property(lambda self: self.dtype.itemsize * int(np.prod(
    self.shape, dtype=np.int64)))
StagedArray.real = property(lambda self: np.real(self) if self.dtype.kind == "c" else self)
StagedArray.imag = property(lambda self: np.imag(self))

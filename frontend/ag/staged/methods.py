"""ndarray methods and attributes over the staged functions: std, var, ptp, trace,
diagonal, repeat, swapaxes, conj, item, itemset, flat, itemsize, nbytes, ... Set on
StagedArray here, beside the functions they call, so that array.py keeps only the core
protocol."""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgIndexError, AgTypeError, AgUnsupportedError, AgValueError
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


def _itemset(self, *args):
    """ndarray.itemset: x.itemset(v) of a one-element array, x.itemset(i, v) at a flat
    index, x.itemset((i, j), v) or x.itemset(i, j, v) at an index; written in place
    with the casting of `x[...] = v`."""
    if not args:
        raise AgTypeError(f"{describe(user_location())}: itemset must have at least one "
                          "argument")
    *index, value = args
    x = as_staged(self)
    if not index:
        if x.size != 1:
            raise AgValueError(f"{describe(user_location())}: can only convert an array "
                               "of size 1 to a Python scalar")
        key = (0,) * x.ndim
    elif len(index) == 1 and not isinstance(index[0], tuple):
        key = _flat_key(x, index[0])
    else:
        key = tuple(index[0]) if len(index) == 1 else tuple(index)
    self[key] = value


def _flat_key(x, i):
    """The index of x's element at flat position i (a Python int: numpy's itemset and
    flat[i] count in C order over x's shape)."""
    if isinstance(i, StagedArray):
        raise AgUnsupportedError(f"{describe(user_location())}: a staged flat index of "
                                 "ndarray.itemset or ndarray.flat is not staged (index the "
                                 "array with its row and column)")
    i, n = operator.index(i), x.size
    if not -n <= i < n:
        raise AgIndexError(f"{describe(user_location())}: index {i} is out of bounds for "
                           f"size {n}")
    return tuple(int(v) for v in np.unravel_index(i % n, x.shape))


class FlatIter:
    """ndarray.flat of a staged array: iteration, reads (an element, or a copy for a
    slice or an index array, as numpy's flatiter gives) and writes of one value at a
    flat position."""

    def __init__(self, base):
        self.base = base

    def __len__(self):
        return self.base.size

    def __iter__(self):
        return iter(np.ravel(self.base))

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer)):
            return self.base[_flat_key(self.base, key)]
        r = np.ravel(self.base)[key]
        return r if r._scalar else r.copy()

    def __setitem__(self, key, value):
        if not isinstance(key, (int, np.integer)):
            raise AgUnsupportedError(f"{describe(user_location())}: ndarray.flat[...] = v "
                                     "is staged for one integer position only")
        self.base[_flat_key(self.base, key)] = value

    def copy(self):
        return np.ravel(self.base).copy()


_method("itemset", _itemset)
StagedArray.flat = property(lambda self: FlatIter(self))

"""numpy's two protocols on staged arrays, the shared part: the table of numpy
functions ag stages (`implements`, reached through ``__array_function__``), the rule
for dynamic dims, axis normalization and the dtype rules.

dtype rules are numpy's own: the result dtype of a ufunc is found by calling the ufunc on
tiny stand-ins of the operands (a 1-element array for a staged array, a 0-d array for a
staged 0-d array, Python scalars as they are), so value-based casting of Python scalars,
int/int true division and bool errors come out exactly as numpy 1.24 has them. Shapes are
checked by the ag dialect's own inference when the op is recorded.

Any numpy function not in the table raises AgUnsupportedError naming it and the user's
line (the README lists the table: ag.staged.SUPPORTED_FUNCTIONS).
"""

import functools
import operator
import warnings

import numpy as np

from .._location import describe, user_location
from ..errors import (AgAxisError, AgError, AgIndexError, AgTypeError, AgUnsupportedError,
                      AgValueError)
from . import numerics
from .array import StagedArray


def _unsupported(what):
    raise AgUnsupportedError(f"{describe(user_location())}: {what} is not supported on "
                             "staged arrays (README.md lists what ag stages)")


_FUNCTIONS = {}


def implements(*funcs):
    def register(impl):
        for f in funcs:
            _FUNCTIONS[f] = impl
        return impl
    return register


DYNAMIC_STAGED = ("elementwise ops, reductions, matmul, conv/pool over batch and channels, "
                  "reshape, broadcast_to, concatenate/stack and indexing with ':' or "
                  "integers on dynamic dims are")


# What staging supports on arrays with dynamic dims (ag.stage(..., dynamic=)); other
# functions need static shapes (their lowering, or a result shape, depends on sizes).
_DYNAMIC_OK = {np.sum, np.prod, np.mean, np.max, np.min, np.amax, np.amin, np.all, np.any,
               np.argmax, np.argmin, np.where, np.matmul, np.dot, np.clip, np.copy,
               np.result_type, np.ndim, np.shape, np.round, np.around, np.isclose,
               np.allclose, np.transpose, np.swapaxes, np.moveaxis, np.reshape,
               np.squeeze, np.expand_dims, np.concatenate, np.stack, np.vstack,
               np.hstack, np.broadcast_to, np.zeros_like, np.ones_like, np.empty_like,
               np.full_like, np.size, np.i0, np.sinc}


def apply_function(func, args, kwargs):
    impl = _FUNCTIONS.get(func)
    module = getattr(func, "__module__", None) or "numpy"
    if module == "numpy" or module.startswith("numpy."):
        module = "np" + module[len("numpy"):]
    if impl is not None and func not in _DYNAMIC_OK and any(
            isinstance(a, StagedArray) and None in a.shape
            for a in _flat_args(args, kwargs)):
        raise AgUnsupportedError(
            f"{describe(user_location())}: {module}.{func.__name__} on an array with "
            f"dynamic dims (ag.stage(..., dynamic=)) is not staged yet; {DYNAMIC_STAGED}")
    if impl is None:
        _unsupported(f"{module}.{func.__name__}")
    from . import complexes  # (it is built on this module's table: a cycle)
    if func not in complexes.COMPLEX_FUNCTIONS:
        complexes.refuse(f"{module}.{func.__name__}", list(_flat_args(args, kwargs)))
    return impl(*args, **kwargs)


def _flat_args(args, kwargs):
    stack = list(args) + list(kwargs.values())
    while stack:
        a = stack.pop()
        if isinstance(a, (list, tuple)):
            stack.extend(a)
        else:
            yield a


def _normalize_axis(axis, ndim):
    if axis < -ndim or axis >= ndim:
        raise AgAxisError(f"{describe(user_location())}: axis {axis} is out of bounds "
                           f"for array of dimension {ndim}")
    return axis % ndim


def _normalize_axes(axis, ndim):
    if axis is None:
        return list(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = [_normalize_axis(operator.index(a), ndim) for a in axis]
        if len(set(axes)) != len(axes):
            raise AgValueError(f"{describe(user_location())}: duplicate value in 'axis'")
        return sorted(axes)
    return [_normalize_axis(operator.index(axis), ndim)]


def _ndim(x):
    return x.ndim if isinstance(x, (StagedArray, np.ndarray)) else np.ndim(x)


def _stand_in(x):
    """What numpy sees in place of `x` when resolving dtypes: a staged 0-d value is
    taken to be 1 (numerics.check_value_based checks at run time that its value resolves
    the same dtype); a 0-d numpy array is itself (numpy's value-based casting looks at
    its value, as at a numpy scalar's)."""
    if isinstance(x, StagedArray):
        return np.ones((), x.dtype) if x.ndim == 0 else np.ones(1, x.dtype)
    if isinstance(x, np.ndarray):
        return x.copy() if x.ndim == 0 else np.ones(1, x.dtype)
    return x


def _result_dtype(ufunc, inputs, check_values=True):
    stand_ins = [_stand_in(x) for x in inputs]
    out_dtype = _ufunc_dtype(ufunc, stand_ins)
    if check_values:
        numerics.check_value_based(("ufunc", ufunc),
                                    functools.partial(_ufunc_dtype, ufunc), stand_ins,
                                    inputs, out_dtype, f"np.{ufunc.__name__}")
    return out_dtype


def _ufunc_dtype(ufunc, stand_ins):
    if ufunc is np.power and len(stand_ins) == 2:
        stand_ins = numerics.power_stand_ins(stand_ins)
    with np.errstate(all="ignore"):
        try:
            out = ufunc(*stand_ins)
        except TypeError as e:
            raise AgTypeError(f"{describe(user_location())}: {e}") from None
    return np.result_type(out)


def _common_dtype(stand_ins):
    """The dtype numpy's comparisons compute in."""
    with np.errstate(all="ignore"):
        return np.result_type(*stand_ins)


def numpy_as_ag(fn, *args, **kwargs):
    """numpy's fn on Python/numpy values (index arrays, stand-ins), quietly; its
    exception as the ag error of the same classes naming the user's line."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except AgError:
        raise
    except np.AxisError as e:
        raise AgAxisError(f"{describe(user_location())}: {e}") from None
    except IndexError as e:  # a take from an empty axis, say
        raise AgIndexError(f"{describe(user_location())}: {e}") from None
    except ValueError as e:
        raise AgValueError(f"{describe(user_location())}: {e}") from None
    except TypeError as e:
        raise AgTypeError(f"{describe(user_location())}: {e}") from None

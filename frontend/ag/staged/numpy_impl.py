"""numpy's functions and ufuncs on staged arrays.

dtype rules are numpy's own: the result dtype of a ufunc is found by calling the ufunc on
tiny stand-ins of the operands (a 1-element array for a staged array, a 0-d array for a
staged 0-d array, Python scalars as they are), so value-based casting of Python scalars,
int/int true division and bool errors come out exactly as numpy 1.24 has them. Shapes are
checked by the ag dialect's own inference when the op is recorded.

``SUPPORTED_UFUNCS`` and ``SUPPORTED_FUNCTIONS`` are the tables the README lists; any other
numpy function raises AgUnsupportedError naming it and the user's line.
"""

import functools
import operator

import numpy as np

from . import dynamic, numerics
from .._location import describe, user_location
from .array import StagedArray, as_staged, cast, check_dtype, constant, record
from ..errors import (AgAxisError, AgOperandError, AgTypeError, AgUFuncCastingError,
                      AgUnsupportedError, AgValueError)

# --- ufuncs ---------------------------------------------------------------------------

# How a ufunc maps to ag: (op name, kind). Kinds: "same" (operands cast to the result
# dtype), "compare" (operands cast to their common dtype, bool result), "logical"
# (operands cast to bool).
_BINARY = {
    np.add: ("ag.add", "same"), np.subtract: ("ag.sub", "same"),
    np.multiply: ("ag.mul", "same"), np.true_divide: ("ag.div", "same"),
    np.floor_divide: ("ag.floor_div", "same"), np.remainder: ("ag.mod", "same"),
    np.power: ("ag.pow", "same"), np.maximum: ("ag.maximum", "same"),
    np.minimum: ("ag.minimum", "same"),
    np.equal: ("ag.eq", "compare"), np.not_equal: ("ag.ne", "compare"),
    np.less: ("ag.lt", "compare"), np.less_equal: ("ag.le", "compare"),
    np.greater: ("ag.gt", "compare"), np.greater_equal: ("ag.ge", "compare"),
    np.logical_and: ("ag.logical_and", "logical"),
    np.logical_or: ("ag.logical_or", "logical"),
    np.logical_xor: ("ag.logical_xor", "logical"),
    np.bitwise_and: ("ag.bitwise_and", "same"), np.bitwise_or: ("ag.bitwise_or", "same"),
    np.bitwise_xor: ("ag.bitwise_xor", "same"),
}
_UNARY = {
    np.negative: "ag.neg", np.absolute: "ag.abs", np.sign: "ag.sign", np.exp: "ag.exp",
    np.exp2: "ag.exp2", np.expm1: "ag.expm1", np.log: "ag.log", np.log2: "ag.log2",
    np.log10: "ag.log10", np.log1p: "ag.log1p", np.sqrt: "ag.sqrt", np.sin: "ag.sin",
    np.cos: "ag.cos", np.tan: "ag.tan", np.arctan: "ag.arctan", np.sinh: "ag.sinh",
    np.cosh: "ag.cosh", np.tanh: "ag.tanh", np.floor: "ag.floor", np.ceil: "ag.ceil",
    np.trunc: "ag.trunc", np.rint: "ag.round", np.logical_not: "ag.logical_not",
    np.invert: "ag.bitwise_not", np.isnan: "ag.isnan", np.isinf: "ag.isinf",
    np.isfinite: "ag.isfinite",
}
def _reciprocal(x):
    if x.dtype.kind == "f":
        return np.true_divide(np.ones((), x.dtype), x)
    # numpy's integer reciprocal is 1.0 / x cast back: 1 and -1 map to themselves, 0
    # (1.0 / 0 = inf, which x86's float-to-int cast makes INT_MIN) to INT_MIN, the
    # rest to 0.
    r = where(np.equal(np.absolute(x), 1), x, np.zeros((), x.dtype))
    r = where(np.equal(x, 0), np.array(np.iinfo(x.dtype).min, x.dtype), r)
    return _scalar_like(as_staged(r), x)


# Composite ufuncs written with the ones above; their operand is first cast to the
# dtype numpy's own type resolution gives (so fabs(int32) is float64, square(bool) an
# unsupported int8).
_COMPOSITE = {
    np.positive: lambda x: StagedArray(x._value, scalar=x.ndim == 0),
    np.square: lambda x: np.multiply(x, x),
    np.reciprocal: _reciprocal,
    np.fabs: lambda x: np.absolute(x),
}

SUPPORTED_UFUNCS = sorted(u.__name__ for u in [*_BINARY, *_UNARY, *_COMPOSITE, np.matmul])


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


def _unsupported(what):
    raise AgUnsupportedError(f"{describe(user_location())}: {what} is not supported on "
                             "staged arrays (README.md lists what ag stages)")


def apply_ufunc(ufunc, method, inputs, kwargs):
    if method == "at":
        from .index_functions import ufunc_at
        return ufunc_at(ufunc, *inputs, **kwargs)
    if method == "accumulate":
        from .sortscan import accumulate
        return accumulate(ufunc, inputs, kwargs)
    if method in ("reduce", "outer"):
        from . import ufuncs_more
        return getattr(ufuncs_more, method)(ufunc, inputs, dict(kwargs))
    if method != "__call__":
        _unsupported(f"np.{ufunc.__name__}.{method}")
    if kwargs.get("where", True) is not True:
        _unsupported(f"np.{ufunc.__name__} with where=")
    if ufunc is np.matmul:  # a generalized ufunc in numpy: out= has its own rules
        return matmul(*inputs, **{k: v for k, v in kwargs.items() if k != "where"})
    if kwargs.get("out") is not None:
        kwargs = dict(kwargs)
        return _into(ufunc, inputs, kwargs.pop("out"), kwargs)
    dtype = kwargs.get("dtype")
    if ufunc not in _BINARY and ufunc not in _UNARY and ufunc not in _COMPOSITE:
        from . import ufuncs_more
        r = ufuncs_more.apply(ufunc, inputs, dict(kwargs))
        if r is not None:
            return r
    if ufunc in _COMPOSITE:
        out_dtype = check_dtype(np.dtype(dtype) if dtype is not None
                                else _result_dtype(ufunc, inputs),
                                f"the result of np.{ufunc.__name__}")
        return _COMPOSITE[ufunc](cast(as_staged(inputs[0]), out_dtype))
    # With dtype= the dtype does not depend on values: no value-based check.
    out_dtype = _result_dtype(ufunc, inputs, check_values=dtype is None)
    if dtype is not None:
        out_dtype = np.dtype(dtype)
    check_dtype(out_dtype, f"the result of np.{ufunc.__name__}")
    if ufunc in _UNARY:
        x = as_staged(inputs[0])
        name = _UNARY[ufunc]
        if ufunc in (np.isnan, np.isinf, np.isfinite):
            if x.dtype.kind != "f":  # integers are always finite numbers
                fill = ufunc is np.isfinite
                r = broadcast_to(constant(np.array(fill)), dynamic.dims_of(x))
                return StagedArray(r._value, scalar=x.ndim == 0)
            return _scalar_like(record(name, [x]), x)
        if ufunc is np.logical_not:
            return _scalar_like(record(name, [cast(x, np.bool_)]), x)
        return _scalar_like(record(name, [cast(x, out_dtype)]), x)
    if ufunc in _BINARY:
        name, kind = _BINARY[ufunc]
        if kind == "same":
            in_dtype = out_dtype
        elif kind == "compare":
            stand_ins = [_stand_in(x) for x in inputs]
            in_dtype = _common_dtype(stand_ins)
            numerics.check_value_based("compare", _common_dtype, stand_ins, inputs,
                                        in_dtype, f"np.{ufunc.__name__}")
        else:
            in_dtype = np.dtype(np.bool_)
        a, b = (as_staged(x, in_dtype) for x in inputs)
        dynamic.check_dims([a, b])
        r = _scalar_like(record(name, [a, b]), a, b)
        if ufunc is np.power and in_dtype.kind in "iu":
            numerics.check_integer_power(inputs[1], r, user_location())
        return r
    _unsupported(f"np.{ufunc.__name__}")


def _into(ufunc, inputs, out, kwargs):
    """`ufunc(*inputs, out=out)` (and `x op= y`): computed as numpy resolves it without
    out, then written into `out` under numpy's casting rule (same_kind by default) and
    its broadcasting rule (the result must broadcast to out's shape). Returns out."""
    outs = out if isinstance(out, tuple) else (out,)
    if len(outs) != 1:
        _unsupported(f"np.{ufunc.__name__} with several out= arrays")
    target = outs[0]
    if not isinstance(target, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: np.{ufunc.__name__} writes a staged value into "
            "a numpy array made while tracing (out=, or `a op= staged` on a numpy array "
            "a name holds outside converted code); make it a staged array first, e.g. "
            "np.zeros_like(x) or a.copy() in the staged function")
    casting = kwargs.pop("casting", "same_kind")
    result = apply_ufunc(ufunc, "__call__", inputs, kwargs)
    result = as_staged(result)
    if not np.can_cast(result.dtype, target.dtype, casting=casting):
        raise AgUFuncCastingError(
            f"{describe(user_location())}: Cannot cast ufunc '{ufunc.__name__}' output "
            f"from {result.dtype!r} to {target.dtype!r} with casting rule '{casting}'")
    if None not in result.shape + target.shape:
        try:
            broadcast = np.broadcast_shapes(result.shape, target.shape)
        except ValueError:
            broadcast = None
        if broadcast != target.shape:
            full = _broadcast_of(inputs + (target,))
            raise AgValueError(
                f"{describe(user_location())}: non-broadcastable output operand with shape "
                f"{target.shape} doesn't match the broadcast shape {full}")
    target[...] = result
    return target


def _broadcast_of(values):
    try:
        return np.broadcast_shapes(*[np.shape(v) for v in values
                                     if isinstance(v, (StagedArray, np.ndarray))])
    except ValueError:
        return "(none)"


def _scalar_like(result, *operands):
    """numpy returns a scalar when every operand was 0-d."""
    result._scalar = result.ndim == 0
    return result


# --- array functions ------------------------------------------------------------------

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
               np.full_like, np.size}


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


_REDUCTIONS = {"sum": (np.sum, "ag.sum"), "prod": (np.prod, "ag.prod"),
               "mean": (np.mean, "ag.mean"), "max": (np.max, "ag.max"),
               "min": (np.min, "ag.min"), "all": (np.all, "ag.all"),
               "any": (np.any, "ag.any")}


def reduction(name, x, axis=None, dtype=None, out=None, keepdims=False, initial=None,
              where=True):
    if out is not None or initial is not None or where is not True:
        _unsupported(f"np.{name} with out=, initial= or where=")
    x = as_staged(x)
    np_func, op = _REDUCTIONS[name]
    with np.errstate(all="ignore"):
        out_dtype = np.result_type(np_func(np.ones(1, x.dtype), dtype=dtype)
                                   if name not in ("max", "min", "all", "any")
                                   else np_func(np.ones(1, x.dtype)))
    check_dtype(out_dtype, f"the result of np.{name}")
    if x.ndim == 0 and name != "mean" and not isinstance(axis, (tuple, list)) \
            and axis in (0, -1):
        axis = None  # numpy's ufunc reductions accept an integer axis 0/-1 on 0-d arrays
    axes = _normalize_axes(axis, x.ndim)
    if name in ("all", "any"):
        x = cast(x, np.bool_)
    elif name in ("sum", "prod", "mean"):
        x = cast(x, out_dtype)
    if not axes:  # Reducing over no axis is the identity (numpy still casts).
        r = cast(x, out_dtype)
        return StagedArray(r._value, scalar=r.ndim == 0)
    if name in ("max", "min"):
        _check_nonempty(x, axes, f"zero-size array to reduction operation "
                                 f"{'maximum' if name == 'max' else 'minimum'} which has no "
                                 "identity")
    r = record(op, [x], {"axes": axes, "keepdims": bool(keepdims)})
    r._scalar = r.ndim == 0
    return r


def _check_nonempty(x, axes, message):
    """numpy raises for max/min/argmax of nothing; a dynamic dim may be 0 at run time."""
    unknown = [a for a in axes if x.shape[a] is None]
    if not unknown:
        return
    from .checks import record_check
    loc = user_location()
    for a in unknown:
        record_check(np.greater(dynamic.dim_of(x, a, loc), np.int64(0)),
                     f"{describe(loc)}: {message}", loc)


for _name in _REDUCTIONS:
    def _make(name):
        def impl(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
            return reduction(name, a, axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                             **kwargs)
        return impl
    _impl = _make(_name)
    implements(_REDUCTIONS[_name][0])(_impl)
implements(np.amax)(_FUNCTIONS[np.max])
implements(np.amin)(_FUNCTIONS[np.min])


def arg_reduction(name, x, axis=None, keepdims=False):
    x = as_staged(x)
    if x.ndim == 0 and axis in (0, -1):
        axis = None
    _check_nonempty(x, list(range(x.ndim)) if axis is None
                    else [_normalize_axis(operator.index(axis), x.ndim)],
                    f"attempt to get {name} of an empty sequence")
    if axis is None:
        flat = reshape(x, (-1,))
        r = record(f"ag.{name}", [flat], {"axis": 0, "keepdims": False})
        if keepdims:
            r = reshape(r, (1,) * x.ndim)
    else:
        axis = _normalize_axis(operator.index(axis), x.ndim)
        r = record(f"ag.{name}", [x], {"axis": axis, "keepdims": bool(keepdims)})
    r._scalar = r.ndim == 0
    return r


@implements(np.argmax)
def _argmax(a, axis=None, out=None, keepdims=False):
    return arg_reduction("argmax", a, axis, keepdims)


@implements(np.argmin)
def _argmin(a, axis=None, out=None, keepdims=False):
    return arg_reduction("argmin", a, axis, keepdims)


@implements(np.matmul)
def matmul(a, b, out=None, **kwargs):
    if out is not None:
        return _matmul_into(a, b, out, kwargs)
    if kwargs:
        _unsupported(f"np.matmul with {', '.join(sorted(kwargs))}=")
    a, b = as_staged(a), as_staged(b)
    if a.ndim == 0 or b.ndim == 0:
        raise AgOperandError(f"{describe(user_location())}: matmul: Input operand does not "
                           "have enough dimensions (0-d operand)")
    if None in a.shape or None in b.shape:
        dynamic.check_matmul(a, b)
    dtype = np.promote_types(a.dtype, b.dtype)
    if dtype == np.bool_:
        # bool @ bool is "any(a and b)": count in int64, then compare with 0.
        r = matmul(cast(a, np.int64), cast(b, np.int64))
        return np.not_equal(r, 0)
    r = record("ag.matmul", [cast(a, dtype), cast(b, dtype)])
    r._scalar = r.ndim == 0
    return r


def _matmul_into(a, b, out, kwargs):
    """`np.matmul(a, b, out=out)`: the product as without out, written into `out` under
    the gufunc's rules: out's core dims (the result's matrix dims) must equal the
    result's, its loop dims may broadcast the result's; the result casts to out's dtype
    under `casting` (same_kind by default). Returns out."""
    target = out[0] if isinstance(out, tuple) and len(out) == 1 else out
    if not isinstance(target, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: np.matmul writes a staged value into a numpy "
            "array made while tracing (out=); make it a staged array first, e.g. "
            "np.zeros_like(x) or a.copy() in the staged function")
    kwargs = dict(kwargs)
    casting = kwargs.pop("casting", "same_kind")
    if kwargs:
        _unsupported(f"np.matmul with {', '.join(sorted(kwargs))}=")
    result = as_staged(matmul(a, b))
    if not np.can_cast(result.dtype, target.dtype, casting=casting):
        raise AgUFuncCastingError(
            f"{describe(user_location())}: Cannot cast ufunc 'matmul' output from "
            f"{result.dtype!r} to {target.dtype!r} with casting rule '{casting}'")
    if None not in result.shape + target.shape:
        core = (np.ndim(a) > 1) + (np.ndim(b) > 1)
        loop = result.shape[:result.ndim - core]
        ok = (target.ndim >= core and
              target.shape[target.ndim - core:] == result.shape[result.ndim - core:])
        if ok:
            try:
                ok = np.broadcast_shapes(loop, target.shape[:target.ndim - core]) == \
                    target.shape[:target.ndim - core]
            except ValueError:
                ok = False
        if not ok:
            raise AgValueError(
                f"{describe(user_location())}: matmul: output operand with shape "
                f"{target.shape} does not match the result's shape {result.shape}")
    target[...] = result
    return target


@implements(np.dot)
def _dot(a, b, out=None):
    if out is not None:
        # numpy's dot wants out C-contiguous with exactly the result's dtype: a staged
        # view's layout is not known here, so say so rather than drop out silently.
        _unsupported("np.dot with out= (use np.matmul(a, b, out=...) or assign)")
    sa, sb = _stand_in(a), _stand_in(b)
    if np.ndim(sa) == 0 or np.ndim(sb) == 0:
        # dot converts both operands to arrays: no value-based casting of scalars.
        dtype = np.promote_types(np.asarray(sa).dtype, np.asarray(sb).dtype)
        return np.multiply(as_staged(a, check_dtype(dtype, "np.dot")), as_staged(b, dtype))
    if max(_ndim(a), _ndim(b)) > 2:
        return _dot_nd(as_staged(a), as_staged(b))
    return matmul(a, b)


def _dot_nd(a, b):
    """numpy's N-d dot: a sum product over a's last axis and b's second-to-last (its only
    one for a vector), the result's dims a's others then b's others, in order: one
    matmul of a as rows by b with that axis moved first."""
    k = a.shape[-1]
    kb = b.shape[-2] if b.ndim > 1 else b.shape[0]
    if None in a.shape or None in b.shape:
        _unsupported("np.dot of arrays with more than 2 dimensions and dynamic dims")
    if k != kb:
        raise AgOperandError(f"{describe(user_location())}: shapes {a.shape} and "
                             f"{b.shape} not aligned: {k} (dim {a.ndim - 1}) != {kb} "
                             f"(dim {max(b.ndim - 2, 0)})")
    rest_a = a.shape[:-1]
    rest_b = b.shape[:-2] + b.shape[-1:] if b.ndim > 1 else ()
    m = int(np.prod(rest_a, dtype=np.int64))
    n = int(np.prod(rest_b, dtype=np.int64))
    rows = reshape(a, (m, k))  # (sizes spelled out: -1 is ambiguous when k is 0)
    cols = reshape(_moveaxis(b, -2, 0), (k, n)) if b.ndim > 1 else reshape(b, (k, 1))
    return reshape(matmul(rows, cols), rest_a + rest_b)


def _ndim(x):
    return x.ndim if isinstance(x, (StagedArray, np.ndarray)) else np.ndim(x)


@implements(np.where)
def where(condition, x=None, y=None):
    if x is None and y is None:
        from .index_functions import where_one_argument
        return where_one_argument(condition)
    if x is None or y is None:
        raise AgValueError(f"{describe(user_location())}: either both or neither of x and "
                           "y should be given")
    stand_ins = [_stand_in(x), _stand_in(y)]
    dtype = _where_dtype(stand_ins)
    check_dtype(dtype, "the result of np.where")
    numerics.check_value_based("where", _where_dtype, stand_ins, [x, y], dtype,
                                "np.where")
    c = as_staged(condition)
    c = cast(c, np.bool_)
    x, y = as_staged(x, dtype), as_staged(y, dtype)
    dynamic.check_dims([c, x, y])
    return record("ag.select", [c, x, y])


def _where_dtype(stand_ins):
    with np.errstate(all="ignore"):
        return np.result_type(np.where(True, *stand_ins))


@implements(np.clip)
def _clip(a, a_min, a_max, out=None, **kwargs):
    if a_min is None and a_max is None:
        raise AgValueError(f"{describe(user_location())}: One of max or min must be given")
    r = a
    if a_min is not None:
        r = np.maximum(r, a_min)
    if a_max is not None:
        r = np.minimum(r, a_max)
    return r


def _shape_tuple(shape):
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(operator.index(s) for s in shape)


@implements(np.reshape)
def reshape(a, newshape, order="C"):
    """np.reshape: a view of `a` where numpy's is one (its strides allow it), else a
    copy, as numpy decides."""
    if order != "C":
        _unsupported(f"reshape with order={order!r}")
    a = as_staged(a)
    result = _reshaped(a, newshape)
    if result is a:
        return same_view(a)
    strides = a._element_strides()
    if strides is None:  # dynamic dims: the strides numpy would decide by are unknown
        return a._detached(result, "this is a reshape of an array with dynamic dims")
    new_strides = _nocopy_strides(a.shape, strides, result.shape)
    if new_strides is None:
        return result  # numpy copies
    shape, back = result.shape, a.shape
    return a._derived(lambda parent: record("ag.reshape", [parent], result=(a.dtype, shape)),
                      lambda parent, new: record("ag.reshape", [new],
                                                 result=(a.dtype, back)),
                      result, new_strides)


def same_view(a):
    """A new view of all of `a` (numpy's reshape/transpose to the same shape: a new
    object over the same memory)."""
    return a._derived(lambda parent: parent, lambda parent, new: new,
                      StagedArray(a._value, scalar=a._scalar), a._element_strides())


def _nocopy_strides(old_shape, old_strides, new_shape):
    """The strides of the reshape of an array of `old_shape`/`old_strides` to
    `new_shape` as a view, or None when numpy must copy (numpy's
    _attempt_nocopy_reshape, C order)."""
    if 0 in old_shape:
        return tuple(1 for _ in new_shape)
    olddims, oldstrides = [], []
    for d, st in zip(old_shape, old_strides):
        if d != 1:
            olddims.append(d)
            oldstrides.append(st)
    newdims = list(new_shape)
    newstrides = [0] * len(newdims)
    oi, oj, ni, nj = 0, 1, 0, 1
    while ni < len(newdims) and oi < len(olddims):
        np_, op = newdims[ni], olddims[oi]
        while np_ != op:
            if np_ < op:
                np_ *= newdims[nj]
                nj += 1
            else:
                op *= olddims[oj]
                oj += 1
        for ok in range(oi, oj - 1):
            if oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1]:
                return None
        newstrides[nj - 1] = oldstrides[oj - 1]
        for nk in range(nj - 1, ni, -1):
            newstrides[nk - 1] = newstrides[nk] * newdims[nk]
        ni, oi = nj, oj
        nj, oj = nj + 1, oj + 1
    last = newstrides[ni - 1] if ni >= 1 else 1
    for nk in range(ni, len(newdims)):
        newstrides[nk] = last
    return tuple(newstrides)


def _reshaped(a, newshape):
    """The contents of `a` reshaped (a plain array; `a` itself for the same shape)."""
    entries = newshape if isinstance(newshape, (tuple, list)) else [newshape]
    if None in a.shape or any(isinstance(e, StagedArray) for e in entries):
        return dynamic.reshape(a, newshape)
    shape = _static_reshape(a.size, list(_shape_tuple(newshape)), newshape)
    if tuple(shape) == a.shape:
        return a
    return record("ag.reshape", [a], result=(a.dtype, shape))


def _static_reshape(size, shape, newshape):
    """numpy 1.24's _fix_unknown_dimension: any negative entry is the unknown dim (-2 as
    well as -1), at most one; the known sizes multiply exactly (Python ints: a product
    that overflows numpy's intp cannot match any array's size)."""
    unknown = [i for i, s in enumerate(shape) if s < 0]
    if len(unknown) > 1:
        raise AgValueError(f"{describe(user_location())}: can only specify one unknown "
                           "dimension")
    known = 1
    for s in shape:
        if s >= 0:
            known *= s
    if (known == 0 or size % known) if unknown else known != size:
        raise AgOperandError(f"{describe(user_location())}: cannot reshape array of size "
                           f"{size} into shape {tuple(newshape)}")
    if unknown:
        shape[unknown[0]] = size // known
    return shape


@implements(np.transpose)
def transpose(a, axes=None):
    """np.transpose (and .T, swapaxes, moveaxis): a view of `a`."""
    a = as_staged(a)
    if axes is None:
        axes = list(range(a.ndim))[::-1]
    axes = [_normalize_axis(operator.index(x), a.ndim) for x in axes]
    if sorted(axes) != list(range(a.ndim)):
        raise AgValueError(f"{describe(user_location())}: axes don't match array")
    if axes == list(range(a.ndim)):
        return same_view(a)
    inverse = [int(i) for i in np.argsort(axes)]
    strides = a._element_strides()
    return a._derived(
        lambda parent: record("ag.transpose", [parent], {"permutation": axes}),
        lambda parent, new: record("ag.transpose", [new], {"permutation": inverse}),
        record("ag.transpose", [a], {"permutation": axes}),
        None if strides is None else tuple(strides[i] for i in axes))


@implements(np.moveaxis)
def _moveaxis(a, source, destination):
    a = as_staged(a)
    def axes(value):  # in the given order (numpy pairs sources with destinations)
        value = value if isinstance(value, (tuple, list)) else [value]
        return [_normalize_axis(operator.index(x), a.ndim) for x in value]
    sources, destinations = axes(source), axes(destination)
    if len(sources) != len(destinations):
        raise AgValueError(f"{describe(user_location())}: `source` and `destination` "
                           "arguments must have the same number of elements")
    order = [n for n in range(a.ndim) if n not in sources]
    for dest, src in sorted(zip(destinations, sources)):
        order.insert(dest, src)
    return transpose(a, order)


@implements(np.swapaxes)
def _swapaxes(a, axis1, axis2):
    a = as_staged(a)
    axes = list(range(a.ndim))
    i, j = _normalize_axis(axis1, a.ndim), _normalize_axis(axis2, a.ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return transpose(a, axes)


@implements(np.copyto)
def _copyto(dst, src, casting="same_kind", where=True):
    """np.copyto: writes `src` (broadcast) into `dst` in place, under `casting`."""
    if where is not True:
        _unsupported("np.copyto with where=")
    if not isinstance(dst, StagedArray):
        raise AgUnsupportedError(
            f"{describe(user_location())}: np.copyto into a numpy array made while "
            "tracing with a staged value; make the destination a staged array first")
    # A Python scalar is cast by value (numpy 1.24: copyto(int_array, 1) is fine).
    source = src if isinstance(src, (bool, int, float)) else src.dtype \
        if isinstance(src, (StagedArray, np.ndarray, np.generic)) else np.result_type(src)
    src_dtype = np.result_type(source)
    if not np.can_cast(source, dst.dtype, casting=casting):
        raise AgTypeError(f"{describe(user_location())}: Cannot cast array data from "
                          f"{np.dtype(src_dtype)!r} to {dst.dtype!r} according to the rule "
                          f"'{casting}'")
    dst[...] = src


@implements(np.broadcast_to)
def _broadcast_to(array, shape, subok=False):
    """np.broadcast_to: numpy's result is a read-only view."""
    result = broadcast_to(array, shape, subok)
    readonly = StagedArray(result._value)
    readonly._storage.readonly = ("value", f"{describe(user_location())}: assignment "
                                  "destination is read-only (a broadcast_to view)")
    return readonly


def broadcast_to(array, shape, subok=False):
    a = as_staged(array)
    entries = list(shape) if isinstance(shape, (tuple, list)) else [shape]
    if any(e is None or isinstance(e, StagedArray) for e in entries) or None in a.shape:
        return dynamic.broadcast_to(a, entries)
    shape = _shape_tuple(shape)
    if a.shape == shape:
        return a
    return record("ag.broadcast_to", [a], result=(a.dtype, shape))


def full(shape, fill_value, dtype=None):
    """np.full / zeros / ones / empty of a shape holding staged sizes (converted code
    routes those calls here, operators.converted_call)."""
    if isinstance(fill_value, StagedArray):
        value = fill_value if dtype is None else cast(fill_value, check_dtype(dtype, "np.full"))
    else:
        value = constant(np.array(fill_value, dtype=dtype))
    return broadcast_to(value, shape)


@implements(np.expand_dims)
def _expand_dims(a, axis):
    a = as_staged(a)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    ndim = a.ndim + len(axes)
    axes = sorted(_normalize_axis(x, ndim) for x in axes)
    shape = list(a.shape)
    for x in axes:
        shape.insert(x, 1)
    return reshape(a, shape)


@implements(np.squeeze)
def squeeze(a, axis=None):
    a = as_staged(a)
    if axis is None:
        axes = [i for i, d in enumerate(a.shape) if d == 1]
    else:
        axes = _normalize_axes(axis, a.ndim)
        for x in axes:
            if a.shape[x] != 1:
                raise AgValueError(f"{describe(user_location())}: cannot select an axis "
                                   "to squeeze out which has size not equal to one")
    return reshape(a, [d for i, d in enumerate(a.shape) if i not in axes])


def _common(arrays):
    with np.errstate(all="ignore"):
        dtype = np.result_type(*[_stand_in(x) if not isinstance(x, StagedArray)
                                 else np.ones(1, x.dtype) for x in arrays])
    check_dtype(dtype, "the joined arrays")
    return [as_staged(x, dtype) for x in arrays]


def _stacked_list(arrays):
    """The stacked elements of a list built in a staged loop (_lists.StagedListValue),
    or None."""
    from ..operators.data_structures import StagedListValue
    return arrays.stacked if isinstance(arrays, StagedListValue) else None


@implements(np.concatenate)
def _concatenate(arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    stacked = _stacked_list(arrays)
    if stacked is not None and axis is not None and stacked.ndim >= 2:
        # Joining the elements along `axis` = their axis moved next to the list's, merged.
        axis = _normalize_axis(axis, stacked.ndim - 1)
        moved = _moveaxis(stacked, 0, axis)
        shape = list(moved.shape)
        return reshape(moved, shape[:axis] + [shape[axis] * shape[axis + 1]] + shape[axis + 2:])
    arrays = _common(list(arrays))
    if axis is None:
        arrays, axis = [reshape(x, (-1,)) for x in arrays], 0
    axis = _normalize_axis(axis, arrays[0].ndim)
    dynamic.check_joined(arrays, axis, "all the input array dimensions except for the "
                       "concatenation axis must match exactly")
    return record("ag.concatenate", arrays, {"axis": axis})


@implements(np.stack)
def _stack(arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    stacked = _stacked_list(arrays)
    if stacked is not None:
        return _moveaxis(stacked, 0, _normalize_axis(axis, stacked.ndim)).copy()
    arrays = _common(list(arrays))
    axis = _normalize_axis(axis, arrays[0].ndim + 1)
    dynamic.check_joined(arrays, None, "all input arrays must have the same shape")
    return record("ag.stack", arrays, {"axis": axis})


@implements(np.vstack)
def _vstack(tup):
    arrays = [x if _ndim(x) >= 2 else reshape(as_staged(x), (1, -1)) for x in tup]
    return _concatenate(arrays, axis=0)


@implements(np.hstack)
def _hstack(tup):
    arrays = list(tup)
    return _concatenate(arrays, axis=0 if _ndim(arrays[0]) == 1 else 1)


@implements(np.zeros_like, np.ones_like, np.empty_like)
def _filled_like(a, dtype=None, order="K", subok=True, shape=None):
    a = as_staged(a)
    value = 0  # empty_like's contents are unspecified: zeros are a valid choice.
    return _full(a, value, dtype, shape)


_FUNCTIONS[np.ones_like] = lambda a, dtype=None, order="K", subok=True, shape=None: \
    _full(as_staged(a), 1, dtype, shape)


@implements(np.full_like)
def _full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None):
    return _full(as_staged(a), fill_value, dtype, shape)


def _full(a, value, dtype, shape):
    dtype = np.dtype(dtype) if dtype is not None else a.dtype
    shape = dynamic.dims_of(a) if shape is None else shape
    return broadcast_to(constant(np.array(value, dtype=dtype)), shape)


@implements(np.shape)
def _shape(a):
    return a.shape


@implements(np.ndim)
def _ndim_impl(a):
    return a.ndim


@implements(np.size)
def _size(a, axis=None):
    a = as_staged(a)
    if axis is None:
        return a.size
    axis = _normalize_axis(operator.index(axis), a.ndim)
    return a.shape[axis] if a.shape[axis] is not None else dynamic.dim_of(a, axis, user_location())


@implements(np.copy)
def _copy(a, order="K", subok=False):
    # A new array object (value semantics keep it independent of `a`); np.copy of a
    # scalar is a 0-d array.
    return StagedArray(as_staged(a)._value, scalar=False)


@implements(np.round, np.around)
def _round(a, decimals=0, out=None):
    # numpy's PyArray_Round: integers are unchanged for decimals >= 0, else rounded in
    # float64 and cast back; x * 10**d, rint, / 10**d for d > 0, and x / 10**-d, rint,
    # * 10**-d for d < 0 (the same float operations, so the same ties).
    if out is not None:
        _unsupported("np.round with out=")
    a = as_staged(a)
    kind = a.dtype.kind
    if kind == "b":  # not an integer to numpy's round: rint gives float16, or out=bool
        if decimals == 0:
            check_dtype(np.dtype(np.float16), "the result of np.round of a bool array")
        op = "multiply" if decimals > 0 else "divide"
        raise AgUFuncCastingError(
            f"{describe(user_location())}: Cannot cast ufunc '{op}' output from "
            "dtype('float64') to dtype('bool') with casting rule 'same_kind'")
    if kind in "iu" and decimals >= 0:  # a copy (a numpy scalar for 0-d, as rint's)
        return StagedArray(a._value, scalar=a.ndim == 0)
    x = cast(a, np.float64) if kind in "iu" else a
    if decimals == 0:
        r = np.rint(x)
    elif decimals > 0:
        scale = 10.0 ** decimals
        r = np.true_divide(np.rint(np.multiply(x, scale)), scale)
    else:
        scale = 10.0 ** -decimals
        r = np.multiply(np.rint(np.true_divide(x, scale)), scale)
    if kind in "iu":
        r = cast(as_staged(r), a.dtype)
    return StagedArray(as_staged(r)._value, scalar=a.ndim == 0)


@implements(np.isclose)
def _isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    # numpy compares in floating point (result_type(b, 1.0)); infinities are close only
    # to themselves.
    # Only b is cast (numpy's isclose casts y alone; x - y promotes as numpy does).
    dtype = np.result_type(_stand_in(b), 1.0)
    b = as_staged(b, dtype)
    close = np.less_equal(np.absolute(np.subtract(a, b)),
                          np.add(atol, np.multiply(rtol, np.absolute(b))))
    close = np.logical_and(close, np.logical_and(np.isfinite(a), np.isfinite(b)))
    close = np.logical_or(close, np.equal(a, b))
    if equal_nan:
        close = np.logical_or(close, np.logical_and(np.isnan(a), np.isnan(b)))
    return close


@implements(np.allclose)
def _allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return np.all(_isclose(a, b, rtol, atol, equal_nan))



@implements(np.result_type)
def _result_type(*arrays_and_dtypes):
    return np.result_type(*[_stand_in(x) for x in arrays_and_dtypes])


from . import index_functions  # noqa: E402,F401 - registers take, put, nonzero, ...
from . import sortscan  # noqa: E402 - registers scans and sorts
from . import linalg  # noqa: E402,F401 - registers numpy.linalg
from . import products  # noqa: E402,F401 - registers vdot, inner, outer, kron, trace, cross
from . import moments  # noqa: E402,F401 - registers var and std

# Functions registered only to refuse with a reason of their own are not supported.
from . import ufuncs_more  # noqa: E402 - ufuncs as compositions
from . import shapes, stats, contract, compositions  # noqa: E402,F401
from . import methods  # noqa: E402,F401 - ndarray methods over the above
SUPPORTED_UFUNCS = sorted(SUPPORTED_UFUNCS + ufuncs_more.SUPPORTED)
SUPPORTED_FUNCTIONS = sorted({f.__name__ for f in _FUNCTIONS} - sortscan.REFUSED)

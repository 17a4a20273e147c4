"""numpy's ufuncs on staged arrays (``__array_ufunc__``: elementwise ops, with out=, and
the ufunc methods), and the elementwise functions over them: where, clip, round,
isclose, allclose, result_type. The dtype rules are registry's.
"""

import numpy as np

from .._location import describe, user_location
from ..errors import AgTypeError, AgUFuncCastingError, AgUnsupportedError, AgValueError
from . import complexes, dynamic, memory, numerics, ufuncs_more
from .array import PythonNumber, StagedArray, as_staged, cast, check_dtype, constant, record
from .products import matmul
from .registry import _common_dtype, _result_dtype, _stand_in, _unsupported, implements
from .reshaping import broadcast_to
from .sortscan import accumulate


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
    if x.dtype.kind == "c":
        return complexes.reciprocal(x)
    if x.dtype.kind == "f":
        return np.true_divide(np.ones((), x.dtype), x)
    # numpy's integer reciprocal is 1.0 / x cast back: 1 and -1 map to themselves, 0
    # (1.0 / 0 = inf, which x86's float-to-int cast makes INT_MIN) to INT_MIN, the
    # rest to 0.
    r = where(np.equal(np.absolute(x), 1), x, np.zeros((), x.dtype))
    # (int8/int16 and the unsigned types go through int32's conversion and keep its
    # low bits, 0.)
    at_zero = np.iinfo(x.dtype).min if x.dtype in (np.int32, np.int64) else 0
    r = where(np.equal(x, 0), np.array(at_zero, x.dtype), r)
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


def apply_ufunc(ufunc, method, inputs, kwargs):
    result = _apply_ufunc(ufunc, method, inputs, kwargs)
    if method == "__call__" and kwargs.get("out") is None:
        # A new array: laid out as numpy's iterator lays out the output.
        result = memory.elementwise(result, inputs)
    return result


def _apply_ufunc(ufunc, method, inputs, kwargs):
    if method != "__call__":
        complexes.refuse(f"np.{ufunc.__name__}.{method}", inputs)
    if method == "at":
        # (index_functions is built on this module: a cycle)
        from .index_functions import ufunc_at
        return ufunc_at(ufunc, *inputs, **kwargs)
    if method == "accumulate":
        return accumulate(ufunc, inputs, kwargs)
    if method in ("reduce", "outer"):
        return getattr(ufuncs_more, method)(ufunc, inputs, dict(kwargs))
    if method != "__call__":
        _unsupported(f"np.{ufunc.__name__}.{method}")
    if ufunc not in complexes.COMPLEX_UFUNCS:
        if complexes.is_complex(list(inputs)):
            # numpy has no complex loop for some (floor_divide, remainder, ...): its
            # TypeError, found on stand-ins of the operands.
            with np.errstate(all="ignore"):
                try:
                    ufunc(*[_stand_in(x) for x in inputs])
                except TypeError as e:
                    raise AgTypeError(f"{describe(user_location())}: {e}") from None
        complexes.refuse(f"np.{ufunc.__name__}",
                         list(inputs) + list(kwargs.get("out") or ()) + [kwargs.get("dtype")])
    if kwargs.get("where", True) is not True:
        _unsupported(f"np.{ufunc.__name__} with where=")
    if ufunc is np.matmul:  # a generalized ufunc in numpy: out= has its own rules
        return matmul(*inputs, **{k: v for k, v in kwargs.items() if k != "where"})
    if kwargs.get("out") is not None:
        kwargs = dict(kwargs)
        return _into(ufunc, inputs, kwargs.pop("out"), kwargs)
    dtype = kwargs.get("dtype")
    if ufunc in complexes.LIBM_UFUNCS and complexes.is_complex(inputs[0]) and \
            kwargs.get("dtype") is None:
        return complexes.libm_unary(ufunc, inputs[0])
    if ufunc not in _BINARY and ufunc not in _UNARY and ufunc not in _COMPOSITE:
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
    if ufunc is np.absolute and complexes.is_complex(inputs[0]):
        return complexes.absolute(as_staged(inputs[0]))
    if ufunc is np.power and out_dtype.kind == "c":
        return complexes.power(inputs[0], inputs[1], out_dtype)
    if ufunc in _UNARY:
        x = as_staged(inputs[0])
        name = _UNARY[ufunc]
        if ufunc in (np.isnan, np.isinf, np.isfinite):
            if x.dtype.kind not in "fc":  # integers are always finite numbers
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
        if in_dtype.kind == "c":
            r = complexes.binary(ufunc, a, b)
            if r is not None:
                return r
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
    with numerics.truncating_into(ufunc, target):
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


@implements(np.where)
def where(condition, x=None, y=None):
    if x is None and y is None:
        # (index_functions is built on this module: a cycle)
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
    return memory.elementwise(record("ag.select", [c, x, y]), [condition, x, y])


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
            return np.rint(a)
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
    return PythonNumber(np.all(_isclose(a, b, rtol, atol, equal_nan)), bool)  # numpy's bool


@implements(np.result_type)
def _result_type(*arrays_and_dtypes):
    return np.result_type(*[_stand_in(x) for x in arrays_and_dtypes])

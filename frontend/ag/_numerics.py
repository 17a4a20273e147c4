"""numpy's numeric rules that depend on values known only when the compiled code runs.

Tracing sees dtypes and shapes, not values; a few of numpy's rules look at values. Each
becomes a run-time check (operators.record_check: the call raises after the compiled
code returns) or a trace-time error when the value is a constant:

- int() of a staged float: NaN is a ValueError, an infinity an OverflowError, as
  Python's int() of the numpy scalar; a finite value outside int64 (the dtype ag's int()
  gives) an OverflowError too. numpy assigns a float scalar to an integer array element
  through int() as well.
"""

import numpy as np

from ._location import describe
from ._trace import StagedArray, as_staged, cast, constant, record
from .errors import AgOverflowError, AgValueError

# --- int() ------------------------------------------------------------------------------

_INT64_BOUND = 2.0 ** 63  # exact in float32 and float64


def check_int_conversion(x, loc, too_big=None):
    """Run-time checks of int(x) for a staged 0-d float x (see the module docstring);
    `too_big`: the message for a finite value outside int64."""
    if x.dtype.kind != "f":
        return
    from .operators import record_check
    nan = _op("ag.isnan", x)
    inf = _op("ag.isinf", x)
    record_check(_op("ag.logical_not", nan), f"{describe(loc)}: cannot convert float NaN "
                 "to integer", loc)
    record_check(_op("ag.logical_not", inf), f"{describe(loc)}: cannot convert float "
                 "infinity to integer", loc, kind="overflow")
    fits = _op("ag.logical_and", _op("ag.ge", x, _const(-_INT64_BOUND, x.dtype)),
               _op("ag.lt", x, _const(_INT64_BOUND, x.dtype)))
    too_big = too_big or (f"int() of a staged {x.dtype} value outside the int64 range: "
                          "ag's int() of a staged value is an int64 (Python's int() would "
                          "be unbounded); keep the value in range or convert it outside "
                          "the staged function")
    record_check(_op("ag.logical_or", _op("ag.logical_or", nan, inf), fits),
                 f"{describe(loc)}: {too_big}", loc, kind="overflow")


def assigned_value(value, dtype, loc):
    """The staged value `x[key] = value` writes into an array of `dtype`. numpy casts an
    array (0-d included) with C's conversion (INT_MIN for NaN), but a float *scalar* --
    a numpy scalar such as x[0] or x.sum(), or a Python float -- goes into an integer
    array through Python's int(): NaN is a ValueError, an infinity or a value outside
    int64 an OverflowError, and the int wraps to a narrower dtype."""
    dtype = np.dtype(dtype)
    staged = isinstance(value, StagedArray)
    scalar = (value.ndim == 0 and value._scalar and value.dtype.kind == "f") if staged \
        else isinstance(value, (float, np.floating))
    if dtype.kind != "i" or not scalar:
        return cast(as_staged(value), dtype)
    too_big = "Python int too large to convert to C long"
    if not staged:
        try:
            n = int(value)
        except ValueError as e:
            raise AgValueError(f"{describe(loc)}: {e}") from None
        except OverflowError as e:
            raise AgOverflowError(f"{describe(loc)}: {e}") from None
        if not -2**63 <= n < 2**63:
            raise AgOverflowError(f"{describe(loc)}: {too_big}")
        return cast(constant(np.array(n, np.int64)), dtype)
    check_int_conversion(value, loc, too_big)
    return cast(cast(value, np.int64), dtype)


def _op(name, *operands):
    """Records `name` directly (no dtype resolution: operands already agree)."""
    return record(name, list(operands))


def _const(value, dtype):
    return constant(np.array(value, dtype=dtype))

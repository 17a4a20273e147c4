"""numpy's numeric rules that depend on values known only when the compiled code runs.

Tracing sees dtypes and shapes, not values; a few of numpy's rules look at values. Each
becomes a run-time check (checks.record_check: the call raises after the compiled
code returns) or a trace-time error when the value is a constant:

- int() of a staged float: NaN is a ValueError, an infinity an OverflowError, as
  Python's int() of the numpy scalar; a finite value outside int64 (the dtype ag's int()
  gives) an OverflowError too. numpy assigns a float scalar to an integer array element
  through int() as well.
- Integers to negative integer powers raise ValueError (numpy's power loop checks every
  exponent it uses, so an empty result raises nothing).
- Value-based casting (numpy 1.24): a 0-d operand meeting an array takes part in dtype
  resolution with the smallest dtype its *value* fits (np.min_scalar_type). Tracing uses
  a stand-in of value 1 for a staged 0-d value; where another value would make numpy
  resolve a different dtype, the call raises instead of returning a result of the wrong
  dtype.
- Sizes of arrays made from staged sizes (np.ones(n)): negative sizes and sizes whose
  byte count overflows are ValueErrors, and the compiled code then allocates nothing.
- A failed allocation in compiled code (backends/cpu/Memory.cpp abandons the call) is a
  MemoryError (the handler registered at the bottom).
"""

import threading

import numpy as np
from numpy.core._exceptions import _ArrayMemoryError

from .. import _agrt
from .._location import describe, user_location
from ..errors import (AgMemoryError, AgOperandError, AgOverflowError,
                      AgUnsupportedError, AgValueError)
from .array import StagedArray, as_staged, cast, constant, record
from .checks import record_check

# --- int() ------------------------------------------------------------------------------

_INT64_BOUND = 2.0 ** 63  # exact in float32 and float64


def check_int_conversion(x, loc, too_big=None):
    """Run-time checks of int(x) for a staged 0-d float x (see the module docstring);
    `too_big`: the message for a finite value outside int64."""
    if x.dtype.kind != "f":
        return
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
    if dtype.kind not in "iu" or not scalar:
        return cast(as_staged(value), dtype)
    too_big = "Python int too large to convert to C long"
    if not staged:
        try:
            n = int(value)
        except ValueError as e:
            raise AgValueError(f"{describe(loc)}: {e}") from None
        except OverflowError as e:
            raise AgOverflowError(f"{describe(loc)}: {e}") from None
        # (uint32 and uint64 take it through C's unsigned long)
        wide = dtype in (np.uint32, np.uint64)
        if not -2**63 <= n < (2**64 if wide else 2**63):
            raise AgOverflowError(f"{describe(loc)}: {too_big}")
        if n >= 2**63:
            return cast(constant(np.array(n, np.uint64)), dtype)
        return cast(constant(np.array(n, np.int64)), dtype)
    check_int_conversion(value, loc, too_big)
    return cast(cast(value, np.int64), dtype)


_SEQUENCE = "setting an array element with a sequence."


def check_element_from_array(value, dtype, loc):
    """x[i, j] = v for an integer x and a float array v of one element (not 0-d): numpy
    converts that element with Python's int(), and a NaN, an infinity or a value outside
    int64 is its ValueError (in words about sequences). Checked while tracing for a
    constant, when the compiled code runs for a staged value."""
    if np.dtype(dtype).kind not in "iu":
        return
    if isinstance(value, StagedArray):
        if value.ndim == 0 or value.dtype.kind != "f":
            return
        fits = _op("ag.logical_and", _op("ag.ge", value, _const(-_INT64_BOUND, value.dtype)),
                   _op("ag.lt", value, _const(_INT64_BOUND, value.dtype)))
        record_check(record("ag.all", [fits], {"axes": list(range(value.ndim)),
                                               "keepdims": False}),
                     f"{describe(loc)}: {_SEQUENCE}", loc)
        return
    array = np.asarray(value)
    if array.ndim and array.dtype.kind == "f" and array.size and \
            not (np.all(array >= -_INT64_BOUND) and np.all(array < _INT64_BOUND)):
        raise AgOperandError(f"{describe(loc)}: {_SEQUENCE}")


def _op(name, *operands):
    """Records `name` directly (no dtype resolution: operands already agree)."""
    return record(name, list(operands))


def _const(value, dtype):
    return constant(np.array(value, dtype=dtype))


# --- integer power ----------------------------------------------------------------------

_NEGATIVE_POWER = "Integers to negative integer powers are not allowed."


def power_stand_ins(stand_ins):
    """np.power's stand-ins for dtype resolution: a negative integer exponent (a 0-d
    value: stand-ins of arrays with dims are ones) becomes its magnitude, which numpy
    resolves to the same dtype; that numpy's integer loop rejects it is an error of the
    values, raised by check_integer_power only where numpy's loop would run."""
    base, exp = stand_ins
    a = np.asarray(exp)
    if a.ndim or a.dtype.kind != "i" or isinstance(exp, (bool, np.bool_)) or a >= 0:
        return stand_ins
    if isinstance(exp, int):
        return [base, min(-exp, 2**63 - 1)]
    magnitude = min(-int(a), int(np.iinfo(a.dtype).max))
    return [base, a.dtype.type(magnitude) if isinstance(exp, np.generic)
            else np.array(magnitude, a.dtype)]


def check_integer_power(exponent, result, loc):
    """numpy's ValueError for an integer power with a negative exponent, for `result`
    (the recorded np.power, of integer dtype) and the operand `exponent` as given: at
    trace time when the exponent is a constant and the result's size is known, else when
    the compiled code runs. The power itself gives 0/1/-1 for such exponents, never a
    trap, and the call raises after it."""
    message = f"{describe(loc)}: {_NEGATIVE_POWER}"
    size = None if None in result.shape else int(np.prod(result.shape, dtype=np.int64))
    if size == 0:
        return  # numpy's loop never runs
    staged = isinstance(exponent, StagedArray)
    if not staged:
        negative = bool((np.asarray(exponent) < 0).any())
        if not negative:
            return
        if size is not None:
            raise AgValueError(message)
    from .dynamic import size_value  # (dynamic is built on this module: a cycle)
    # With a non-empty result every element of the exponent is used (broadcasting
    # stretches only dims of size 1), so "all exponents >= 0" is numpy's condition.
    ok = None
    if staged:
        e = exponent
        zero = _const(0, e.dtype)
        nonneg = _op("ag.ge", e, zero)
        ok = nonneg if e.ndim == 0 else record("ag.all", [nonneg],
                                              {"axes": list(range(e.ndim)),
                                               "keepdims": False})
    if size is None:
        empty = _op("ag.eq", as_staged(size_value(result, loc), np.int64),
                    _const(0, np.int64))
        ok = empty if ok is None else _op("ag.logical_or", empty, ok)
    record_check(ok, message, loc)


# --- value-based casting of staged 0-d operands -----------------------------------------

# np.min_scalar_type's classes of integer values (closed intervals): numpy resolves the
# same dtype for every value of one class (tests/python/test_numerics_promotion.py checks
# both ends of each against numpy).
_INT_CLASSES = [(-2**63, -2**31 - 1), (-2**31, -32769), (-32768, -129), (-128, -1),
                (0, 127), (128, 255), (256, 32767), (32768, 65535), (65536, 2**31 - 1),
                (2**31, 2**32 - 1), (2**32, 2**63 - 1), (2**63, 2**64 - 1)]


def value_classes(dtype):
    """Closed intervals [lo, hi] of values of `dtype` that np.min_scalar_type puts in one
    class (NaN and the infinities are float16's class, which also holds 1.0, the value of
    the stand-in tracing uses, so they never need a check)."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return [(max(lo, info.min), min(hi, info.max)) for lo, hi in _INT_CLASSES
                if max(lo, info.min) <= min(hi, info.max)]
    if dtype.kind == "f":
        t, top = dtype.type, np.finfo(dtype).max
        below = lambda v: np.nextafter(t(v), t(0))  # noqa: E731
        if dtype == np.float64:  # numpy: float16 within (-65000, 65000), float32 within
            return [(-top, t(-3.4e38)), (below(-3.4e38), t(-65000)),  # (-3.4e38, 3.4e38)
                    (below(-65000), below(65000)), (t(65000), below(3.4e38)),
                    (t(3.4e38), top)]
        return [(-top, t(-65000)), (below(-65000), below(65000)), (t(65000), top)]
    return []  # bool: one class


def check_value_based(key, resolve, stand_ins, operands, traced, what, loc=None):
    """Run-time checks that each staged 0-d operand has a value for which numpy 1.24
    resolves the dtype tracing used.

    `resolve(stand_ins)` gives the dtype numpy resolves for the stand-ins (the dtype the
    op computes in), `key` identifies `resolve` (for a cache); `traced` is what it gave
    with the stand-ins tracing uses (value 1 for staged 0-d operands). Only a staged 0-d
    operand next to an operand with dims can change it (numpy applies value-based
    casting only when scalars meet arrays)."""
    if not any(np.ndim(s) > 0 for s in stand_ins) or _truncating.into == "empty":
        return
    for i, x in enumerate(operands):
        if not (isinstance(x, StagedArray) and x.ndim == 0 and x.dtype.kind in "iuf"):
            continue
        bad = _bad_intervals(key, resolve, stand_ins, i, x.dtype, np.dtype(traced))
        if _truncating.into == "wrap":
            # Written into an integer array by a ufunc whose low bits depend only on
            # the operands' low bits: numpy's wider integer dtype gives the same bits.
            bad = [(a, b, d) for a, b, d in bad if d is None or np.dtype(d).kind not in "iu"]
        if bad and x._bounds is not None:
            lo, hi = x._bounds  # a loop index: only values it can take matter
            bad = [(a, b, d) for a, b, d in bad if a <= hi and b >= lo]
        if bad:
            _record_fits(x, bad, np.dtype(traced), what, loc or user_location())


_bad_cache = {}


class _Truncating(threading.local):
    # While `out op= operand` computes: "wrap" for a wrapping ufunc into an integer
    # `out`, "empty" for an empty `out` (nothing numpy computes is seen), else None.
    into = None


_truncating = _Truncating()
# Integer results whose low bits are those of the operands' low bits.
_WRAPPING = (np.add, np.subtract, np.multiply, np.bitwise_and, np.bitwise_or,
             np.bitwise_xor)


class truncating_into:
    """`with truncating_into(ufunc, out):` while `out op= operand` computes: a staged
    0-d operand whose value would make numpy compute in a wider integer dtype needs no
    run-time check when the result is cast back to an integer `out` anyway, and none at
    all when `out` is empty (the dtype numpy computes in is never seen)."""

    def __init__(self, ufunc, out):
        empty = 0 in out.shape
        self.mode = "empty" if empty else "wrap" if ufunc in _WRAPPING and \
            np.dtype(out.dtype).kind in "iu" else None
        self.active = self.mode is not None

    def __enter__(self):
        if self.active:
            self.saved, _truncating.into = _truncating.into, self.mode
        return self

    def __exit__(self, *exc):
        if self.active:
            _truncating.into = self.saved
        return False


def _bad_intervals(key, resolve, stand_ins, i, dtype, traced):
    """The value classes of operand i (of `dtype`) for which numpy resolves another dtype
    than `traced`, merged where adjacent: [(lo, hi, that dtype or None)]."""
    cache_key = (key, tuple(_cache_key(s) for s in stand_ins), i, dtype, traced)
    bad = _bad_cache.get(cache_key)
    if bad is not None:
        return bad
    bad = []
    for lo, hi in value_classes(dtype):
        got = set()
        for v in (lo, hi):
            trial = list(stand_ins)
            trial[i] = np.array(v, dtype)
            try:
                with np.errstate(all="ignore"):
                    got.add(np.dtype(resolve(trial)))
            except (TypeError, ValueError):
                got.add(None)
        if got == {traced}:
            continue
        other = next((d for d in got if d is not None and d != traced), None)
        if bad and _adjacent(bad[-1][1], lo, dtype) and bad[-1][2] == other:
            bad[-1] = (bad[-1][0], hi, other)
        else:
            bad.append((lo, hi, other))
    if len(_bad_cache) > 4096:  # keys hold constants' values: keep it bounded
        _bad_cache.clear()
    _bad_cache[cache_key] = bad
    return bad


def _cache_key(stand_in):
    if isinstance(stand_in, np.ndarray):
        # 0-d constants resolve by value; arrays with dims by dtype only.
        return ("a", stand_in.dtype, stand_in.ndim > 0,
                stand_in.item() if stand_in.ndim == 0 else None)
    return ("s", type(stand_in), stand_in)


def _adjacent(hi, lo, dtype):
    if np.dtype(dtype).kind in "iu":
        return hi + 1 == lo
    return np.nextafter(hi, lo) == lo


def _record_fits(x, bad, traced, what, loc):
    outside = None
    for lo, hi, _ in bad:
        inside = _op("ag.logical_and", _op("ag.ge", x, _const(lo, x.dtype)),
                     _op("ag.le", x, _const(hi, x.dtype)))
        outside = inside if outside is None else _op("ag.logical_or", outside, inside)
    others = sorted({str(d) for _, _, d in bad if d is not None})
    numpy_gives = f"numpy 1.24 would compute in {' or '.join(others)}" if others else \
        "numpy 1.24 would resolve another dtype"
    ranges = ", ".join(f"[{lo}, {hi}]" for lo, hi, _ in bad)
    record_check(_op("ag.logical_not", outside),
                 f"{describe(loc)}: {what}: a staged 0-d {x.dtype} value in {ranges} "
                 f"meets an array here, and for such a value {numpy_gives} (value-based "
                 f"casting), but ag traced {traced} for a value that fits; cast "
                 f"explicitly so that the dtype does not depend on the value (e.g. "
                 f"`v.astype(np.{traced})` for the 0-d value, or the array to "
                 f"{' or '.join(others) or 'the wider dtype'})", loc,
                 # (ag's limit, not an error of numpy's: a refusal, which a user's
                 # `except ValueError` must not take for numpy's)
                 kind=("raise", AgUnsupportedError))


# --- sizes of new arrays ----------------------------------------------------------------

_TOO_BIG = ("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
            "possible size.")


def checked_sizes(dims, itemsize, loc):
    """numpy's size check of a new array whose dims (`dims`: ints and staged int64 sizes,
    in order) are partly known only at run time: the byte count must fit an int64
    (ValueError otherwise; negative dims are checked by the caller). Returns the staged
    dims to allocate with: all 0 when the check fails, so the compiled code never
    allocates a buffer whose byte count wrapped around (it would write past it)."""
    limit = np.iinfo(np.int64).max
    ok = None
    nbytes = _const(itemsize, np.int64)
    zero, one = _const(0, np.int64), _const(1, np.int64)
    for d in dims:
        d = as_staged(d, np.int64) if isinstance(d, StagedArray) else _const(d, np.int64)
        # numpy skips dims of 0 (and the caller raises for negative ones).
        positive = _op("ag.gt", d, zero)
        step = _op("ag.select", positive, d, one)
        fits = _op("ag.le", nbytes, record("ag.floor_div", [_const(limit, np.int64), step]))
        ok = fits if ok is None else _op("ag.logical_and", ok, fits)
        nbytes = _op("ag.mul", nbytes, step)
    if ok is None:
        return dims
    record_check(ok, f"{describe(loc)}: {_TOO_BIG}", loc)
    return [_op("ag.select", ok, as_staged(d, np.int64), zero)
            if isinstance(d, StagedArray) else d for d in dims]


# --- failed allocations -----------------------------------------------------------------

def _memory_handler(nbytes, function):
    """Raises for an allocation of `nbytes` that failed in the compiled code of
    `function` (called by the runtime after the abandoned call)."""
    size = _ArrayMemoryError._size_to_string(nbytes)
    raise AgMemoryError(f"Unable to allocate {size} in the compiled code of '{function}' "
                        "(an array whose size is known only when it runs; numpy raises "
                        "MemoryError for it too); the call was abandoned at that "
                        "allocation and its buffers freed")


_agrt.set_memory_handler(_memory_handler)

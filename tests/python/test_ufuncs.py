"""Every ufunc ag stages, via np.<ufunc> and via operators, against numpy 1.24.

Each test case stages one function computing every ufunc numpy accepts for the operand
dtypes (a dict of results, so one compile covers many ufuncs); ufuncs numpy rejects for
those dtypes are checked to raise the same builtin exception from ag.
"""

import operator

import numpy as np
import pytest

import ag
from ag.staged import SUPPORTED_UFUNCS

from _reference import (DTYPES, assert_same, check, check_many, dtype_id, make,
                        rng_for, run_numpy)

BINARY = [np.add, np.subtract, np.multiply, np.true_divide, np.floor_divide,
          np.remainder, np.power, np.maximum, np.minimum, np.equal, np.not_equal,
          np.less, np.less_equal, np.greater, np.greater_equal, np.logical_and,
          np.logical_or, np.logical_xor, np.bitwise_and, np.bitwise_or, np.bitwise_xor]
UNARY = [np.negative, np.absolute, np.sign, np.exp, np.exp2, np.expm1, np.log, np.log2,
         np.log10, np.log1p, np.sqrt, np.sin, np.cos, np.tan, np.arctan, np.sinh,
         np.cosh, np.tanh, np.floor, np.ceil, np.trunc, np.rint, np.logical_not,
         np.invert, np.isnan, np.isinf, np.isfinite, np.positive, np.square,
         np.reciprocal, np.fabs]

BINARY_OPERATORS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": operator.pow, "&": operator.and_,
    "|": operator.or_, "^": operator.xor, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
UNARY_OPERATORS = {"-x": operator.neg, "+x": operator.pos, "~x": operator.invert,
                   "abs(x)": abs}

# Divisor-like edge values aligned with make()'s specials of the dividend:
#   ints   x = [0, -1, INT_MIN, INT_MAX, 7, -7, 1, 2]  ->  0//0, -1//0, INT_MIN//-1, ...
#   floats x = [nan, inf, -inf, -0.0, 0.0, 1.5, -2.5, 0.5]
_INT_DIVISORS = [0, 0, -1, 0, 3, -3, -1, 5]
_FLOAT_DIVISORS = [0.0, -0.0, np.nan, np.inf, -np.inf, 2.0, -0.0, 0.0]


def _operand(dtype, shape, rng, divisor=False):
    x = make(dtype, shape, rng)
    if divisor and x.size:
        dtype = np.dtype(dtype)
        specials = (_FLOAT_DIVISORS if dtype.kind == "f" else _INT_DIVISORS
                    if dtype.kind == "i" else [False, True])
        flat = x.reshape(-1)
        k = min(flat.size, len(specials))
        flat[:k] = np.array(specials[:k]).astype(dtype)
    return x


def _exponent(base_dtype, y):
    """The exponent operand of power / `**` for base dtype `base_dtype`.

    numpy rejects negative integer powers of integers (a data-dependent ValueError ag
    cannot raise at trace time): for int ** int the exponents are in [0, 40]. A 0-d
    exponent avoids the values ndarray.__pow__ special-cases (0, ±1, 0.5, 2: numpy then
    calls ones_like/reciprocal/sqrt/square, whose result dtype depends on the exponent's
    value, which a staged 0-d array does not have; Python scalar exponents:
    test_bug_pow_operator_fast_path_dtype)."""
    if y.ndim == 0:
        return np.array(3 if y.dtype.kind in "iu" else 1.25, y.dtype) \
            if y.dtype.kind != "b" else y
    if np.dtype(base_dtype).kind in "iub" and y.dtype.kind in "iu":
        rng = rng_for("exp", y.shape, y.dtype.str)
        e = rng.integers(0, 12, y.shape).astype(y.dtype)
        flat = e.reshape(-1)
        flat[:4] = np.array([0, 1, 31, 40][:flat.size], dtype=y.dtype)
        return e
    return y


# --- known bugs: cases excluded from the combined functions --------------------------------
# Each one has its own strict xfail test at the end of this file.

_INTLIKE = ("i32", "i64", "bool")
BUG_POSITIVE_0D = ("BUG: np.positive / unary + of a 0-d array returns a 0-d ndarray; numpy "
                   "returns a numpy scalar")
BUG_POSITIVE_BOOL = "BUG: np.positive of a bool array does not raise TypeError like numpy"
BUG_ISNAN_0D = ("BUG: np.isnan/isinf/isfinite of a 0-d int or bool array return a 0-d "
                "ndarray; numpy returns np.bool_")
BUG_FABS_INT = ("BUG: np.fabs of ints is staged as np.abs (int result); numpy returns "
                "float64 (float16 for bool, which ag must reject with TypeError)")
BUG_RECIPROCAL_INT = ("BUG: np.reciprocal of ints is staged as 1/x (float64); numpy keeps "
                      "the integer dtype (int8 for bool, which ag must reject)")
BUG_SQUARE_BOOL = ("BUG: np.square of bool is staged as x*x (bool); numpy returns int8, "
                   "which ag must reject with TypeError")
BUG_POW_FAST_PATH = ("BUG: `x ** c` with a Python scalar c in (2, 0.5, -1, 0, 1) is staged as "
                     "np.power; numpy's ndarray.__pow__ calls square/sqrt/reciprocal/ones_like"
                     ": (-inf) ** 0.5 is nan, not inf; a 0-d float32 ** 2 stays float32, a 0-d "
                     "int32 ** 2 stays int32")


def _bug(name, *dtypes, zero_d=False):
    """The reason a case is a known ag bug, or None."""
    ids = tuple(dtype_id(d) for d in dtypes)
    if name in ("positive", "+x") and zero_d:
        return BUG_POSITIVE_0D
    if name == "positive" and ids == ("bool",):
        return BUG_POSITIVE_BOOL
    if name in ("isnan", "isinf", "isfinite") and zero_d and ids[0] in _INTLIKE:
        return BUG_ISNAN_0D
    if name == "fabs" and ids[0] in _INTLIKE:
        return BUG_FABS_INT
    if name == "reciprocal" and ids[0] in _INTLIKE:
        return BUG_RECIPROCAL_INT
    if name == "square" and ids == ("bool",):
        return BUG_SQUARE_BOOL
    if name == "x**0.5" and ids[0] in ("f32", "f64"):
        return BUG_POW_FAST_PATH
    if name == "x**2" and zero_d:
        return BUG_POW_FAST_PATH
    return None


# --- coverage ----------------------------------------------------------------------------

def test_every_supported_ufunc_is_tested():
    tested = {u.__name__ for u in BINARY + UNARY} | {"matmul"}  # matmul: test_matmul_nn
    from _opinfo import TABLE  # the OpInfo table (test_opinfo.py) tests the compositions
    tested |= {i.name for i in TABLE if i.kind == "ufunc"}
    assert set(SUPPORTED_UFUNCS) <= tested


# --- binary ufuncs -----------------------------------------------------------------------

SAME_DTYPE_SHAPES = [
    ((3, 8), (3, 8)),          # elementwise, edge values aligned (INT_MIN // -1, x // 0)
    ((3, 4), (4,)),            # broadcast rhs
    ((4,), (3, 4)),            # broadcast lhs
    ((2, 1, 4), (3, 1)),       # both ways, size-1 dims
    ((5,), ()),                # 0-d rhs
    ((), (5,)),                # 0-d lhs
    ((), ()),                  # 0-d both: numpy scalars come out
    ((0, 4), (4,)),            # empty
    ((1, 1), (1, 1)),          # size-1 dims only
]
# Mixed dtypes: promotion and casts; broadcasting is covered above.
MIXED_SHAPES = [((3, 8), (3, 8)), ((), (5,))]

BINARY_CASES = (
    [(d, d, sa, sb) for d in DTYPES for sa, sb in SAME_DTYPE_SHAPES]
    + [(a, b, sa, sb) for a in DTYPES for b in DTYPES if a is not b
       for sa, sb in MIXED_SHAPES])


def _case_id(case):
    a, b, sa, sb = case
    return f"{dtype_id(a)}{list(sa)}-{dtype_id(b)}{list(sb)}".replace(" ", "")


def _binary_entries(named, a, b):
    """(name, fn(x, y, e)) for each binary ufunc/operator; power uses the exponent e."""
    def entry(name, u):
        if name in ("power", "**"):
            return name, lambda x, y, e: u(x, e)
        return name, lambda x, y, e: u(x, y)
    return [entry(n, u) for n, u in named if not _bug(n, a, b)]


@pytest.mark.parametrize("case", BINARY_CASES, ids=_case_id)
def test_binary_ufuncs(case):
    a, b, sa, sb = case
    rng = rng_for("binary", case)
    x, y = _operand(a, sa, rng), _operand(b, sb, rng, divisor=True)
    check_many(_binary_entries([(u.__name__, u) for u in BINARY], a, b), x, y,
               _exponent(a, y))


OPERATOR_CASES = (
    [(d, d, sa, sb) for d in DTYPES
     for sa, sb in [((3, 8), (3, 8)), ((2, 1, 4), (3, 1)), ((), ())]]
    + [(a, b, sa, sb) for a in DTYPES for b in DTYPES if a is not b
       for sa, sb in [((2, 1, 4), (3, 1)), ((), ())]])


@pytest.mark.parametrize("case", OPERATOR_CASES, ids=_case_id)
def test_binary_operators(case):
    a, b, sa, sb = case
    rng = rng_for("operators", case)
    x, y = _operand(a, sa, rng), _operand(b, sb, rng, divisor=True)
    check_many(_binary_entries(list(BINARY_OPERATORS.items()), a, b), x, y,
               _exponent(a, y))


@pytest.mark.parametrize("a", DTYPES, ids=dtype_id)
def test_reflected_operators_with_numpy_operands(a):
    """ndarray (op) staged and Python scalar (op) staged use the reflected operators."""
    rng = rng_for("reflected", a)
    x = make(a, (2, 3), rng)
    c = make(a, (3,), rng_for("const", a), special=False)
    entries = {
        "c+x": lambda x: c + x, "c*x": lambda x: c * x, "c==x": lambda x: c == x,
        "c<x": lambda x: c < x, "c>=x": lambda x: c >= x, "c-x": lambda x: c - x,
        "c/x": lambda x: c / x, "c//x": lambda x: c // x, "c%x": lambda x: c % x,
        "c&x": lambda x: c & x, "c|x": lambda x: c | x, "c^x": lambda x: c ^ x,
        "1-x": lambda x: 1 - x, "2*x": lambda x: 2 * x, "10/x": lambda x: 10 / x,
        "3//x": lambda x: 3 // x, "3%x": lambda x: 3 % x, "2.5-x": lambda x: 2.5 - x,
        "5&x": lambda x: 5 & x, "True|x": lambda x: True | x,
    }
    check_many([(k, f) for k, f in entries.items() if not _bug(k, a)], x)


# --- unary ufuncs ------------------------------------------------------------------------

UNARY_SHAPES = [(4, 8), (), (0, 3), (1,)]


def _unary_entries(a, zero_d=False):
    named = [(u.__name__, u) for u in UNARY] + list(UNARY_OPERATORS.items())
    return [(n, u) for n, u in named if not _bug(n, a, zero_d=zero_d)]


@pytest.mark.parametrize("shape", UNARY_SHAPES, ids=lambda s: str(list(s)).replace(" ", ""))
@pytest.mark.parametrize("a", DTYPES, ids=dtype_id)
def test_unary_ufuncs(a, shape):
    x = make(a, shape, rng_for("unary", a, shape), low=-12, high=12)
    check_many(_unary_entries(a, zero_d=x.ndim == 0), x)


@pytest.mark.parametrize("a", [np.float32, np.float64], ids=dtype_id)
def test_unary_float_domain_edges(a):
    """Values at the edges of the functions' domains: log of 0 and negatives, sqrt of
    -0.0, exp overflow/underflow, tiny arguments of expm1/log1p, halves for rint."""
    x = np.array([0.0, -0.0, -1.0, 1e-30, -1e-30, 1e-8, 88.0, 89.0, 709.0, 710.0,
                  -750.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1e20, -1e20, 3.0e38],
                 dtype=a)
    check_many(_unary_entries(a), x)


def _wide_values(dtype):
    """~35k values: dense grids over [-120, 120] and [-760, 760] (exp/sinh/cosh overflow and
    underflow on both sides), log-uniform magnitudes 1e-37..1e38 of both signs, specials.
    float32 subnormal inputs are left out (test_bug_float32_log_of_subnormals)."""
    rng = rng_for("wide", np.dtype(dtype).name)
    tiny = np.finfo(dtype).tiny
    with np.errstate(over="ignore"):
        x = np.concatenate([
            np.linspace(-120, 120, 12001), np.linspace(-760, 760, 8001),
            rng.uniform(-10, 10, 5000),
            np.sign(rng.standard_normal(10000)) * 10.0 ** rng.uniform(-37, 38, 10000),
            [np.nan, np.inf, -np.inf, 0.0, -0.0, 88.72, 88.73, -87.3, -103.9, 709.78,
             709.79, -745.1, 1.5, 2.5, -0.5, np.pi / 2, -np.pi, 1e-7]]).astype(dtype)
    return x[~((np.abs(x) < tiny) & (x != 0))]


@pytest.mark.parametrize("a", [np.float32, np.float64], ids=dtype_id)
def test_unary_float_accuracy_over_wide_ranges(a):
    """The approximations ag uses for transcendental functions against numpy on dense and
    log-uniform grids, plus a few float binary ops with irrational constants."""
    entries = [(n, u) for n, u in _unary_entries(a) if n not in ("invert", "~x")]
    entries += [("exp2(x/4)", lambda x: np.exp2(x * 0.25)),
                ("|x|**0.37", lambda x: np.power(np.abs(x), 0.37)),
                ("1/x", lambda x: 1.0 / x), ("x//0.7", lambda x: x // 0.7),
                ("x%0.7", lambda x: x % 0.7), ("x%-2.5", lambda x: x % -2.5)]
    check_many(entries, _wide_values(a))


# --- Python scalars and numpy scalars as operands ------------------------------------------

SCALAR_CASES = {
    "x*0.1": lambda x: x * 0.1, "0.1*x": lambda x: 0.1 * x, "x+1": lambda x: x + 1,
    "x+2**40": lambda x: x + 2 ** 40, "x-2**31": lambda x: x - 2 ** 31,
    "x+(-2**31)": lambda x: x + (-2 ** 31), "x+1.5": lambda x: x + 1.5,
    "x+1e300": lambda x: x + 1e300, "x*True": lambda x: x * True,
    "x+False": lambda x: x + False, "x/2": lambda x: x / 2, "x//3": lambda x: x // 3,
    "x%-3": lambda x: x % -3, "x//0": lambda x: x // 0, "x%0": lambda x: x % 0,
    "x**2": lambda x: x ** 2, "x**0.5": lambda x: x ** 0.5, "x>0.5": lambda x: x > 0.5,
    "x==3": lambda x: x == 3, "x!=2**40": lambda x: x != 2 ** 40,
    "x&1": lambda x: x & 1, "x|True": lambda x: x | True,
    "max(x,0.5)": lambda x: np.maximum(x, 0.5), "min(x,2**40)": lambda x: np.minimum(
        x, 2 ** 40),
    "x*f64(2)": lambda x: x * np.float64(2), "x+i64(3)": lambda x: x + np.int64(3),
    "x+f32(2)": lambda x: x + np.float32(2), "x-i32(1)": lambda x: x - np.int32(1),
    "1-x": lambda x: 1 - x, "2**x": lambda x: 2 ** (x & 7) if x.dtype.kind == "i" else
    2 ** x, "1.5**x": lambda x: 1.5 ** x,
    "logical_and(x,0)": lambda x: np.logical_and(x, 0),
}


@pytest.mark.parametrize("shape", [(6,), ()], ids=["1d", "0d"])
@pytest.mark.parametrize("a", DTYPES, ids=dtype_id)
def test_python_scalar_operands(a, shape):
    """Value-based casting of Python scalars (numpy 1.24): float32 * 0.1 stays float32,
    int32 + 2**40 becomes int64, int32 + 1.5 float64, x / 2 of ints float64; with a 0-d
    array everything is a scalar and normal promotion applies."""
    x = make(a, shape, rng_for("pyscalar", a, shape), low=-5, high=5)
    check_many([(k, f) for k, f in SCALAR_CASES.items()
                if not _bug(k, a, zero_d=x.ndim == 0)], x)


def test_scalar_promotion_examples():
    """The brief's examples, spelled out."""
    f32 = np.linspace(-1, 1, 5, dtype=np.float32)
    i32 = np.arange(-2, 3, dtype=np.int32)
    assert check(lambda x: x * 0.1, f32).dtype == np.float32
    assert check(lambda x: x + 1, i32).dtype == np.int32
    assert check(lambda x: x + 2 ** 40, i32).dtype == np.int64
    assert check(lambda x, y: x + y, i32, f32).dtype == np.float64
    assert check(lambda x, y: x / y, i32, i32[::-1].copy()).dtype == np.float64
    r = check(lambda x: x * np.float32(0.5), np.float32(3))
    assert type(r) is np.float32


def test_bool_subtract_raises_type_error():
    b = np.array([True, False])
    with pytest.raises(TypeError) as info:
        ag.stage(lambda x, y: x - y)(b, b)
    assert isinstance(info.value, ag.AgError)
    with pytest.raises(TypeError):
        ag.stage(lambda x: -x)(b)
    with pytest.raises(TypeError):
        ag.stage(lambda x: x & 1.5)(np.ones(2, np.float32))


def test_int_division_edge_values():
    """x // 0 and x % 0 are 0 for ints, INT_MIN // -1 is INT_MIN (numpy's results)."""
    for dt in (np.int32, np.int64):
        info = np.iinfo(dt)
        x = np.array([info.min, info.min, 7, -7, 7, -7, 0, info.max, info.min], dt)
        y = np.array([-1, 0, 0, 0, -2, 2, 0, -1, 1], dt)
        r = check(lambda x, y: (x // y, x % y, np.floor_divide(x, y), np.remainder(x, y)),
                  x, y)
        assert r[0][0] == info.min and r[0][1] == 0 and r[1][1] == 0


def test_float_division_edge_values():
    x = np.array([5.0, -5.0, 5.0, -5.0, np.inf, -np.inf, 0.0, -0.0, np.nan, 1.0, -1.0,
                  7.5, -7.5, 1e308], np.float64)
    y = np.array([np.inf, np.inf, -np.inf, -np.inf, 2.0, 3.0, 0.0, 0.0, 1.0, -0.0, 0.0,
                  -2.0, 2.0, 1e-308], np.float64)
    for dt in (np.float32, np.float64):
        with np.errstate(over="ignore"):
            xd, yd = x.astype(dt), y.astype(dt)
        check(lambda x, y: {"/": x / y, "//": x // y, "%": x % y, "**": x ** y,
                            "max": np.maximum(x, y), "min": np.minimum(x, y)}, xd, yd)


def test_signed_zero_results():
    """-0.0 comes out where numpy has it."""
    x = np.array([-0.0, 0.0, -1.0, 1.0], np.float32)

    def f(x):
        return -x, x * 1.0, np.abs(x), x + 0.0, np.sqrt(x), x * -1, 0.0 - x
    got, expected = ag.stage(f)(x), run_numpy(f, x)
    for g, w in zip(got, expected):
        np.testing.assert_array_equal(np.signbit(g), np.signbit(w))


def test_zero_d_value_based_casting_with_small_values():
    """A 0-d array operand takes part in value-based casting like a scalar; with small
    values the result keeps the other operand's dtype."""
    check(lambda x, y: x + y, np.array(3, np.int64), np.arange(4, dtype=np.int32))
    check(lambda x, y: x * y, np.array(0.5), np.ones(4, np.float32))
    check(lambda x, y: x + y, np.ones(4, np.float32), np.array(2, np.int64))


# --- known bugs ----------------------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason=BUG_POSITIVE_0D)
@pytest.mark.parametrize("a", DTYPES, ids=dtype_id)
def test_bug_positive_of_0d_is_scalar(a):
    x = np.array(3, a)
    if a is np.bool_:  # np.positive(bool) raises (test_bug_positive_of_bool_raises); +x not
        check(lambda x: +x, x)
    else:
        check(lambda x: (np.positive(x), +x), x)


def test_bug_positive_of_bool_raises():
    check(lambda x: np.positive(x), np.array([True, False]))


@pytest.mark.parametrize("a", [np.int32, np.int64, np.bool_], ids=dtype_id)
def test_bug_isnan_of_0d_int_is_scalar(a):
    x = np.array(3, a)
    check(lambda x: {"isnan": np.isnan(x), "isfinite": np.isfinite(x)}, x)


@pytest.mark.parametrize("a", [np.int32, np.int64, np.bool_], ids=dtype_id)
def test_bug_fabs_of_ints(a):
    check_many([("fabs", np.fabs)], np.array([-3, 0, 2], a))


@pytest.mark.parametrize("a", [np.int32, np.int64, np.bool_], ids=dtype_id)
def test_bug_reciprocal_of_ints(a):
    check_many([("reciprocal", np.reciprocal)], np.array([-1, 1, 2, 3], a))


def test_bug_square_of_bool():
    check_many([("square", np.square)], np.array([True, False]))


def test_bug_pow_operator_sqrt_fast_path():
    x = np.array([-np.inf, 4.0, -0.0], np.float32)
    check(lambda x: x ** 0.5, x)  # numpy: [nan, 2, -0]; ag: [inf, 2, 0]


@pytest.mark.parametrize("case", ["f32-0d**2", "f32-0d**0.5", "i32-0d**2"])
def test_pow_operator_of_0d_keeps_numpys_dtype(case):
    x = {"f32-0d**2": np.array(1.5, np.float32), "f32-0d**0.5": np.array(4, np.float32),
         "i32-0d**2": np.array(3, np.int32)}[case]
    e = 0.5 if case.endswith("0.5") else 2
    check_many([(case, lambda x: x ** e)], x)


@pytest.mark.parametrize("case", ["int64-2**40", "float64-1e300", "np.float64-1e300"])
def test_value_based_casting_of_0d_arguments_is_a_clear_error(case):
    """numpy 1.24 looks at the value of a 0-d array / numpy scalar argument
    (np.array(2**40) + int32 array is int64); ag traces without values and refuses
    (AgUnsupportedError) when the compiled code sees a value that would change the dtype,
    instead of wrapping (test_numerics_promotion.py has the rules)."""
    s = {"int64-2**40": np.array(2 ** 40), "float64-1e300": np.array(1e300),
         "np.float64-1e300": np.float64(1e300)}[case]
    x = np.arange(3, dtype=np.int32 if case.startswith("int") else np.float32)
    assert run_numpy(lambda s, x: s + x, s, x).dtype.itemsize == 8
    with pytest.raises(ag.AgUnsupportedError, match="value-based casting"):
        ag.stage(lambda s, x: s + x)(s, x)


def wrapping_in_place(a, v):
    a += v
    b = a.copy()
    b *= v
    c = a.copy()
    c ^= v
    d = a.copy()
    d -= v
    return a, b, c, d


@pytest.mark.parametrize("v", [3, 2 ** 40 + 7, -2 ** 62, 2 ** 63 - 1])
def test_in_place_integer_wrapping_ops_need_no_value_check(v):
    """`int32_array op= int64_0d` (op one of + - * & | ^): numpy computes in int64 when
    the value does not fit int32 and casts back; the low 32 bits are those int32
    arithmetic gives, so ag's int32 result is numpy's for every value (fuzz seed 63
    #4665, tests/fuzz/repros/exc_mismatch_2b0a51e7.py)."""
    staged = ag.stage(wrapping_in_place)
    a = np.arange(-2, 2, dtype=np.int32)
    for _ in range(2):
        assert_same(staged(a.copy(), np.int64(v)), wrapping_in_place(a.copy(), np.int64(v)))


def test_in_place_float_op_with_a_value_that_does_not_fit_is_still_a_clear_error():
    def f(d, v):
        d += v
        return d
    with pytest.raises(ag.AgUnsupportedError, match="value-based casting"):
        ag.stage(f)(np.ones(3, np.float32), np.int64(2 ** 40 + 7))


@pytest.mark.parametrize("v", [3, 2 ** 40 + 7])
def test_in_place_into_an_empty_target_needs_no_value_check(v):
    # Nothing is computed: numpy's dtype for the value is never seen (fuzz seed 68
    # #1272, tests/fuzz/repros/exc_mismatch_bf4e93a4.py).
    def f(d, v):
        d[1:1] += v
        d[2:2] *= v / 3
        return d
    staged = ag.stage(f)
    for _ in range(2):
        assert_same(staged(np.ones(3, np.float32), np.int64(v)),
                    f(np.ones(3, np.float32), np.int64(v)))


BUG_LOG_SUBNORMAL = ("BUG: float32 np.log / np.log2 of subnormal inputs are clamped to the "
                     "value at FLT_MIN: log(1e-45) gives -87.34 (numpy -103.28), log2(1e-45) "
                     "gives -126 (numpy -149)")


@pytest.mark.parametrize("func", [np.log, np.log2], ids=lambda u: u.__name__)
def test_bug_float32_log_of_subnormals(func):
    x = np.array([1e-45, 1e-40, 5e-39, 1.1754942e-38], np.float32)
    check(lambda x: func(x), x)


BUG_EXPM1_F64 = ("BUG: float64 np.expm1 loses the relative accuracy that is its purpose "
                 "(computed like exp(x) - 1): expm1(1e-16) is 0.0 (numpy 1e-16), "
                 "expm1(1e-12) is off by 9e-5 relative. The suite's atol=1e-5 hides this, so "
                 "this test compares relatively")


def test_bug_float64_expm1_relative_accuracy():
    x = np.array([1e-20, -5e-20, 1e-16, 1.6e-14, 1e-12, 1e-10, -1e-8])
    got = ag.stage(lambda x: np.expm1(x))(x)
    np.testing.assert_allclose(got, np.expm1(x), rtol=1e-12, atol=0)


def test_small_argument_relative_accuracy():
    """float32 expm1 and log1p of both dtypes keep their relative accuracy near 0."""
    x = np.array([1e-20, -5e-20, 1e-16, 1.6e-14, 1e-12, 1e-10, -1e-8, 1e-6])
    f = ag.stage(lambda x: (np.log1p(x), np.expm1(x.astype(np.float32)),
                            np.log1p(x.astype(np.float32))))
    got = f(x)
    np.testing.assert_allclose(got[0], np.log1p(x), rtol=1e-12, atol=0)
    np.testing.assert_allclose(got[1], np.expm1(x.astype(np.float32)), rtol=1e-5, atol=0)
    np.testing.assert_allclose(got[2], np.log1p(x.astype(np.float32)), rtol=1e-5, atol=0)

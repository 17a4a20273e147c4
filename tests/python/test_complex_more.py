"""complex64 and complex128 beyond arithmetic (issue 12): prod, cumsum/cumprod, var/std,
non-integer and complex powers (numpy's nc_pow, libm's cpow), the trig and hyperbolic
functions and their inverses (libm's csin & co., as numpy calls them), vdot, the
ordering comparisons and maximum/minimum (numpy's lexicographic order and NaN rules),
and sort/argsort. Every case is differential against numpy on the same program, on the
first call and on the cached second call (check_paths); where numpy's result comes from
one fixed sequence of operations (libm calls, running products and sums, selects) the
results must be equal bit for bit, signed zeros and NaN placement included."""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths
from _reference import rng_for

COMPLEX = [np.complex64, np.complex128]
IDS = ["c64", "c128"]
PARTS = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.5, 0.5, 2.0, 1e-30, 3e38, 1e300,
         1e-310]


def specials(dtype, parts=PARTS):
    """Every pair of special parts, with the dtype's own rounding (1e300 is inf in
    complex64)."""
    part = np.float32 if np.dtype(dtype) == np.complex64 else np.float64
    with np.errstate(over="ignore"):
        p = np.array(parts, np.float64).astype(part)
    re, im = np.meshgrid(p, p)
    z = np.zeros(re.size, dtype)
    z.real, z.imag = re.ravel(), im.ravel()
    return z


def values(dtype, n, rng, scale=3.0):
    z = np.empty(n, dtype)
    z.real = rng.uniform(-scale, scale, n)
    z.imag = rng.uniform(-scale, scale, n)
    return z


def with_specials(dtype, rng, n=40):
    return np.concatenate([specials(dtype), values(dtype, n, rng)])


def same_bits(got, exp):
    """Equal values with equal signs of zero; NaN where numpy has NaN (in each part)."""
    got, exp = np.asarray(got), np.asarray(exp)
    assert got.dtype == exp.dtype and got.shape == exp.shape
    parts = (lambda a: (a.real, a.imag)) if exp.dtype.kind == "c" else (lambda a: (a,))
    for g, e in zip(parts(got), parts(exp)):
        nan = np.isnan(e)
        assert np.array_equal(np.isnan(g), nan), (got, exp)
        assert np.array_equal(g[~nan], e[~nan]), (got, exp)
        assert np.array_equal(np.signbit(g[~nan]), np.signbit(e[~nan])), (got, exp)


def exact(fn, *args):
    """check_paths, and the result equal to numpy's bit for bit."""
    with np.errstate(all="ignore"):
        got = check_paths(fn, *args)
        exp = fn(*args)
    for g, e in (zip(got, exp) if isinstance(exp, tuple) else [(got, exp)]):
        same_bits(g, e)
    return got


# --- prod, cumsum, cumprod ------------------------------------------------------------

@pytest.mark.parametrize("shape,axis", [((7,), None), ((300,), 0), ((3, 13), -1),
                                        ((5, 6), 0), ((4, 3, 5), (0, 2)), ((2, 3, 4), 1),
                                        ((0, 3), 0), ((3, 0), 1), ((4, 5), None)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_prod_in_numpys_order(dt, shape, axis):
    # A running complex product from 1 + 0j, element after element (numpy's loop).
    rng = rng_for("prod", dt, shape, axis)
    x = values(dt, int(np.prod(shape)), rng, scale=1.1).reshape(shape)
    exact(lambda x: np.prod(x, axis=axis), x)
    exact(lambda x: x.prod(axis=axis, keepdims=True), x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_prod_special_values_and_transposed(dt):
    # 1 * (inf + 0j) is inf + nanj: numpy starts from the identity, so does ag.
    x = specials(dt).reshape(13, 13)
    exact(lambda x: (x.prod(axis=0), x.prod(axis=1), x[:3, :4].prod()), x)
    y = values(dt, 12, rng_for("prodT", dt), scale=1.5).reshape(3, 4)
    exact(lambda y: (y.T.prod(axis=0), y.T.prod(axis=1), np.prod(y.T)), y)
    exact(lambda y: np.prod(y[0, 0]), y)


@pytest.mark.parametrize("fn", ["cumsum", "cumprod"])
@pytest.mark.parametrize("shape,axis", [((9,), None), ((9,), 0), ((4, 6), 0),
                                        ((4, 6), 1), ((2, 3, 4), -1), ((2, 3, 4), 1),
                                        ((0, 4), 0), ((3, 5), None)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_cumsum_cumprod(dt, fn, shape, axis):
    rng = rng_for("scan", dt, fn, shape, axis)
    x = values(dt, int(np.prod(shape)), rng, scale=1.2).reshape(shape)
    f = getattr(np, fn)
    exact(lambda x: f(x, axis=axis), x)
    exact(lambda x: getattr(x, fn)(axis=axis), x)


@pytest.mark.parametrize("fn", ["cumsum", "cumprod"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_scans_of_special_values(dt, fn):
    x = specials(dt).reshape(13, 13)
    exact(lambda x: (getattr(np, fn)(x, axis=0), getattr(np, fn)(x, axis=1)), x)


# --- var, std -------------------------------------------------------------------------

@pytest.mark.parametrize("shape,axis", [((50,), None), ((300,), 0), ((6, 40), 1),
                                        ((6, 40), 0), ((3, 4, 5), (0, 2)), ((4, 4), None)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_var_std(dt, shape, axis):
    rng = rng_for("var", dt, shape, axis)
    x = values(dt, int(np.prod(shape)), rng, scale=100.0).reshape(shape)
    for fn in (lambda x: np.var(x, axis=axis), lambda x: np.std(x, axis=axis),
               lambda x: x.var(axis=axis, ddof=1, keepdims=True),
               lambda x: x.std(axis, ddof=2)):
        got = check_paths(fn, x)
        assert got.dtype == (np.float32 if dt == np.complex64 else np.float64)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_var_special_values(dt):
    x = specials(dt, [np.nan, np.inf, 0.0, -0.0, 1.0, -1.5]).reshape(6, 6)
    with np.errstate(all="ignore"):
        check_paths(lambda x: (np.var(x), np.var(x, axis=0), np.std(x, axis=1)), x)
        check_paths(lambda x: np.var(x[0, 2]), x)


# --- powers ---------------------------------------------------------------------------

@pytest.mark.parametrize("e", [0.5, 2.5, -0.5, -1.25, 1e-3, 150, -150, 100, 1e10, np.nan,
                               np.inf, 0.5j, 1 + 1j, -2 - 0.5j, 3j, complex(2, 0)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_constant_exponents(dt, e):
    x = with_specials(dt, rng_for("cpow", dt, str(e)))
    exact(lambda x: x ** e, x)
    exact(lambda x: np.power(x, e), x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_array_exponents_every_pair_of_specials(dt):
    # Exponents only known at run time take nc_pow's every branch element by element:
    # zero exponent, zero base, the integer branch (1, 2, 3, binary powering, negative),
    # |n| >= 100 and non-integers (cpow).
    parts = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.5, 0.5, 2.0, 3.0, -3.0, 7.0,
             -5.0, 99.0, 100.0, 1e-30]
    s = specials(dt, parts)
    a, b = np.repeat(s, len(s)), np.tile(s, len(s))
    exact(lambda a, b: a ** b, a, b)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_mixed_power_operands(dt):
    rng = rng_for("mixedpow", dt)
    z = values(dt, 12, rng, scale=2.0).reshape(3, 4)
    f = rng.uniform(-3, 3, 4).astype(np.float32 if dt == np.complex64 else np.float64)
    i = rng.integers(-4, 5, 4)
    exact(lambda z, f: (z ** f, f ** z), z, f)
    exact(lambda z, i: z ** i, z, i)  # int64 exponents: complex128 (numpy's promotion)
    exact(lambda z, f: (z[0, 0] ** f[1], np.power(z[1], z[2])), z, f)
    exact(lambda z, f: (2.0 ** z, (1 + 1j) ** z), z, f)


# --- trig and hyperbolic functions ----------------------------------------------------

@pytest.mark.parametrize("op", ["sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin",
                                "arccos", "arctan", "arcsinh", "arccosh", "arctanh"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_trig_as_libm(dt, op):
    x = with_specials(dt, rng_for("trig", dt, op))
    f = getattr(np, op)
    exact(lambda x: f(x), x)
    exact(lambda x: f(x[-3]), x)  # a 0-d operand: a numpy scalar
    exact(lambda x: f(x.reshape(-1, 7)[:, 1:3].T), x[:7 * (len(x) // 7)])


def test_trig_of_python_complex_and_mixed():
    x = np.linspace(-2, 2, 9)
    exact(lambda x: (np.sin(x + 1j), np.arcsin(x * 2j), np.arccosh(x + 0j)), x)


# --- vdot -----------------------------------------------------------------------------

@pytest.mark.parametrize("sa,sb", [((5,), (5,)), ((3, 4), (12,)), ((2, 3), (3, 2)),
                                   ((0,), (0,))])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_vdot_conjugates_the_first(dt, sa, sb):
    rng = rng_for("vdot", dt, sa, sb)
    a = values(dt, int(np.prod(sa)), rng).reshape(sa)
    b = values(dt, int(np.prod(sb)), rng).reshape(sb)
    check_paths(lambda a, b: (np.vdot(a, b), np.vdot(b, a)), a, b)
    check_paths(lambda a, b: np.vdot(a, b.real), a, b)
    check_paths(lambda a, b: np.vdot(a.real, b), a, b)


# --- ordering -------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["less", "less_equal", "greater", "greater_equal",
                                "maximum", "minimum"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_ordering_every_pair_of_specials(dt, op):
    s = specials(dt, [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.5, 2.0])
    a, b = np.repeat(s, len(s)), np.tile(s, len(s))
    f = getattr(np, op)
    exact(lambda a, b: f(a, b), a, b)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_operators_and_mixed_operands(dt):
    rng = rng_for("cmpops", dt)
    z = values(dt, 12, rng).reshape(3, 4)
    z.real[0, :2] = z.real[1, :2]  # equal real parts: the imaginary ones decide
    x = rng.uniform(-3, 3, 4)
    exact(lambda z, x: (z < z[1], z <= x, z > 1, z >= 1 + 1j, x < z), z, x)
    exact(lambda z, x: (np.maximum(z, x), np.minimum(0.5, z), np.maximum(z[0, 0], z[1])),
          z, x)


# --- sort, argsort --------------------------------------------------------------------

def _sortable(dt, rng, n):
    """Values with ties in the real parts, equal values and every NaN class (no 0.0 /
    -0.0 pairs: see test_sort_signed_zero_ties)."""
    z = np.empty(n, dt)
    z.real = rng.integers(-3, 4, n)
    z.imag = rng.integers(-2, 3, n) * 0.5
    k = n // 8
    z.real[:k] = np.nan
    z.imag[k:2 * k] = np.nan
    z.imag[:k // 2] = np.nan
    if n >= 16:
        z.real[2 * k:2 * k + 2] = [np.inf, -np.inf]
    z[z == 0] = 4
    return rng.permutation(z)


@pytest.mark.parametrize("shape,axis", [((40,), -1), ((200,), 0), ((5, 30), 1),
                                        ((30, 5), 0), ((3, 4, 20), None), ((0, 3), 1)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_sort_and_stable_argsort(dt, shape, axis):
    rng = rng_for("csort", dt, shape, axis)
    x = _sortable(dt, rng, int(np.prod(shape))).reshape(shape)
    exact(lambda x: np.sort(x, axis=axis), x)
    exact(lambda x: np.sort(x, axis=axis, kind="stable"), x)
    exact(lambda x: np.argsort(x, axis=axis, kind="stable"), x)
    exact(lambda x: np.argsort(x, axis=axis, kind="mergesort"), x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_sort_specials_and_in_place(dt):
    x = np.random.default_rng(5).permutation(specials(dt))
    x = x[~((x.real == 0) | (x.imag == 0))]  # (no signed-zero ties)
    exact(lambda x: (np.sort(x), x[np.argsort(x, kind="stable")]), x)

    def f(x):
        y = x.copy()
        y.sort()
        return y
    exact(f, x)


def test_sort_signed_zero_ties():
    # 0.0 and -0.0 compare equal: ag keeps them in input order (a stable sort); numpy's
    # quicksort does too below 17 elements (insertion sort), and kind='stable' always.
    z = np.array([1 + 0j, complex(0.0, -0.0), complex(-0.0, 0.0), -1j, 0j], np.complex128)
    exact(lambda z: (np.sort(z), np.sort(z, kind="stable")), z)


@pytest.mark.parametrize("kind", [None, "quicksort", "heapsort"])
def test_unstable_argsort_is_an_ag_error(kind):
    z = values(np.complex128, 20, rng_for("argsortkind"))
    e = raises_on_paths(ag.stage(lambda z: np.argsort(z, kind=kind)), (z,), ag.AgError,
                        "kind='stable'")
    assert "test_complex_more.py" in str(e)


# --- still refused --------------------------------------------------------------------

def test_still_refused_is_an_ag_error_naming_the_line():
    z = values(np.complex128, 6, rng_for("refused2"))
    # (max/argmax are staged, z // 2 raises numpy's TypeError: test_complex.py)
    for fn in (lambda z: np.add.accumulate(z), lambda z: np.fmax(z, z),
               lambda z: np.clip(z, 0, 1)):
        with pytest.raises(ag.AgError) as info:
            ag.stage(fn)(z)
        assert "test_complex_more.py" in str(info.value), str(info.value)
        assert "complex" in str(info.value), str(info.value)


@pytest.mark.parametrize("op", ["square", "reciprocal"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_square_and_reciprocal_bit_for_bit(dt, op):
    # (staged since the complex dtypes came: test_complex.py; here to the bit)
    x = with_specials(dt, rng_for("sqrecip", dt, op))
    f = getattr(np, op)
    exact(lambda x: f(x), x)

"""complex64 and complex128 end to end (issue 12, dtypes): arguments and results on both
call paths, constants (1j, np.complex64(...)), numpy 1.24's promotion, casts, the
arithmetic (numpy's plain multiply, Smith's division), negative, integer powers
(numpy's nc_pow), abs/angle/conj/real/imag, exp/log/sqrt (libm's, as numpy), == and !=,
isnan/isinf/isfinite, sum/mean (numpy's pairwise order), data movement and printing;
Python complex scalar arguments; and the clear ag errors for what is not
staged for complex yet. Every case is differential against numpy on the same program,
with values that include inf, NaN, signed zeros and huge and tiny magnitudes, and every
case checks that the second call takes the C dispatcher."""

import warnings

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths
from _reference import assert_same, rng_for

COMPLEX = [np.complex64, np.complex128]
IDS = ["c64", "c128"]
PARTS = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.5, 1e-30, 3e38, 1e300, 1e-310]


def specials(dtype):
    """Every pair of special parts (with the dtype's own rounding: 1e300 is inf in
    complex64), then random values."""
    dtype = np.dtype(dtype)
    part = np.float32 if dtype == np.complex64 else np.float64
    with np.errstate(over="ignore"):
        parts = np.array(PARTS, np.float64).astype(part)
    re, im = np.meshgrid(parts, parts)
    return (re.ravel() + 1j * 0).astype(dtype) + _imag(im.ravel(), dtype)


def _imag(im, dtype):
    z = np.zeros(im.shape, dtype)
    z.imag = im
    return z


def values(dtype, n, rng, scale=10.0):
    dtype = np.dtype(dtype)
    z = np.empty(n, dtype)
    z.real = rng.uniform(-scale, scale, n)
    z.imag = rng.uniform(-scale, scale, n)
    return z


def with_specials(dtype, rng, n=40):
    s = specials(dtype)
    return np.concatenate([s, values(dtype, n, rng)])


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_arguments_and_results_round_trip(dt):
    x = with_specials(dt, rng_for("round", dt)).reshape(-1, 7)
    check_paths(lambda x: x, x)
    check_paths(lambda x: x[1], x)
    check_paths(lambda x: x.reshape(7, -1).T, x)
    check_paths(lambda x: x[0, 0], x)
    check_paths(lambda x: (x[2:5], x[::-1, 1:3]), x)


def test_python_complex_arguments_are_constants():
    def f(z, c):
        return z * c + c
    z = values(np.complex64, 5, rng_for("pyarg"))
    staged = ag.stage(f)
    for c in (1j, 2.5 - 1j, complex(0.0, -0.0), np.complex64(1 - 1j), np.complex128(2j)):
        check_paths(f, z, c, staged=staged)
    # -0.0 and 0.0 parts are different constants (bit for bit, as floats).
    check_paths(f, z, complex(-0.0, 0.0), staged=staged)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_constants(dt):
    x = values(dt, 6, rng_for("const", dt))
    check_paths(lambda x: x + 1j, x)
    check_paths(lambda x: x * (2 - 3j), x)
    check_paths(lambda x: x + np.complex64(1.5 - 2j), x)
    check_paths(lambda x: x - np.complex128(0.25 + 1e-3j), x)
    check_paths(lambda x: np.array([1 + 2j, -0.0 - 1j], dt) * x[:2], x)


@pytest.mark.parametrize("other", [np.bool_, np.int8, np.int32, np.int64, np.uint64,
                                   np.float16, np.float32, np.float64, np.complex64,
                                   np.complex128])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_promotion_as_numpy(dt, other):
    rng = rng_for("promote", dt, other)
    z = values(dt, 8, rng)
    y = (rng.uniform(-5, 5, 8)).astype(other) if np.dtype(other).kind != "c" \
        else values(other, 8, rng)
    for f in (np.add, np.subtract, np.multiply, np.true_divide):
        r = check_paths(lambda z, y: f(z, y), z, y)
        assert r.dtype == np.result_type(z, y)
        check_paths(lambda z, y: f(y, z), z, y)


def test_python_and_numpy_scalars_promote_as_numpy():
    rng = rng_for("scalars")
    x32 = rng.uniform(-3, 3, 5).astype(np.float32)
    x64 = rng.uniform(-3, 3, 5)
    i64 = rng.integers(-9, 9, 5)
    assert check_paths(lambda x: x + 1j, x32).dtype == np.complex64
    assert check_paths(lambda x: x * 2j, x64).dtype == np.complex128
    assert check_paths(lambda x: x + 1j, i64).dtype == np.complex128
    assert check_paths(lambda x: x + np.complex64(1j), x32).dtype == np.complex64
    assert check_paths(lambda x: x + np.complex64(1j), i64).dtype == np.complex128
    z = values(np.complex64, 5, rng)
    assert check_paths(lambda z: z + 1.5, z).dtype == np.complex64
    assert check_paths(lambda z: z * 3, z).dtype == np.complex64
    assert check_paths(lambda z: z + np.float64(2), z).dtype == np.complex64
    assert check_paths(lambda z, x: z + x, z, x64).dtype == np.complex128


@pytest.mark.parametrize("to", [np.complex64, np.complex128, np.bool_])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_casts_between_complex_and_to_bool(dt, to):
    x = with_specials(dt, rng_for("cast", dt, to))
    check_paths(lambda x: x.astype(to), x)


@pytest.mark.parametrize("frm", [np.bool_, np.int8, np.int64, np.uint64, np.float16,
                                 np.float32, np.float64])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_casts_from_real(dt, frm):
    rng = rng_for("castfrom", dt, frm)
    x = rng.uniform(-100, 100, 12).astype(frm)
    if np.dtype(frm).kind == "f":
        x[:4] = [np.nan, np.inf, -np.inf, -0.0]
    if frm in (np.int64, np.uint64):
        x[4] = np.iinfo(frm).max
    check_paths(lambda x: x.astype(dt), x)
    check_paths(lambda x: np.zeros(3, dt) + x[:3], x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_cast_to_real_is_an_ag_error(dt):
    # numpy drops the imaginary part with a ComplexWarning on every call; compiled code
    # would warn on the first call only, so ag refuses the cast (and says what to do).
    x = values(dt, 4, rng_for("toreal", dt))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for to in (np.float32, np.float64, np.int64):
            e = raises_on_paths(ag.stage(lambda x: x.astype(to)), (x,), ag.AgError,
                                "imaginary part", "z.real")
            assert "test_complex.py" in str(e)


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "true_divide", "equal",
                                "not_equal"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_binary_against_numpy_on_special_values(dt, op):
    # Every special against every special: the loops' inf/NaN results come out as
    # numpy's (plain multiply, Smith's division with numpy's zero-divisor rule).
    s = specials(dt)
    a = np.repeat(s, len(s))
    b = np.tile(s, len(s))
    f = getattr(np, op)
    with np.errstate(all="ignore"):
        check_paths(lambda a, b: f(a, b), a, b)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_division_tricky_values(dt):
    # Smith's algorithm: no overflow where the naive formula would overflow.
    big = 1e30 if dt == np.complex64 else 1e300
    a = np.array([1 + 1j, big + big * 1j, 1e-30 + 1e-30j, 3 - 4j, 1 + 0j], dt)
    b = np.array([big + big * 1j, big - big * 1j, 1e-30 - 1e-30j, 0j, -0.0 + 0j], dt)
    with np.errstate(all="ignore"):
        check_paths(lambda a, b: a / b, a, b)
        check_paths(lambda a, b: b / a, a, b)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_broadcasting_and_operators(dt):
    rng = rng_for("bcast", dt)
    a, b = values(dt, 12, rng).reshape(3, 4), values(dt, 4, rng)
    check_paths(lambda a, b: (a + b, a - b, a * b, a / b, -a, a == b, a != b), a, b)
    check_paths(lambda a, b: a[:, :1] * b + 2, a, b)


@pytest.mark.parametrize("op", ["negative", "conjugate", "absolute", "angle", "real",
                                "imag", "isnan", "isinf", "isfinite", "exp", "log",
                                "sqrt", "square", "reciprocal", "positive"])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_unary_against_numpy(dt, op):
    x = with_specials(dt, rng_for("unary", dt, op))
    f = getattr(np, op)
    with np.errstate(all="ignore"):
        check_paths(lambda x: f(x), x)
        check_paths(lambda x: f(x[3]), x)  # a 0-d operand: a numpy scalar


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_methods_and_attributes(dt):
    x = with_specials(dt, rng_for("methods", dt))
    check_paths(lambda x: (x.real, x.imag, x.conj(), x.conjugate(), abs(x)), x)
    check_paths(lambda x: np.angle(x, deg=True), x)
    check_paths(lambda x: x.real * 2 + x.imag, x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_abs_has_no_overflow(dt):
    huge = 3e38 if dt == np.complex64 else 1e308
    tiny = 1e-44 if dt == np.complex64 else 5e-324
    x = np.array([huge + huge * 1j, tiny + tiny * 1j, 3 + 4j, -huge + 0j], dt)
    check_paths(lambda x: np.abs(x), x)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 7, 13, -1, -2, -3, -5, 99, -99])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_integer_powers(dt, n):
    x = with_specials(dt, rng_for("pow", dt, n))
    x = np.concatenate([x, values(dt, 8, rng_for("pow2", dt), scale=1.2)])
    with np.errstate(all="ignore"):
        check_paths(lambda x: x ** n, x)
        check_paths(lambda x: np.power(x, n), x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_exp_log_sqrt_branch_cuts(dt):
    # The negative real axis with both signed zeros in the imaginary part.
    x = np.array([-1 + 0j, -1 - 0j, -4 + 0.0j, 0j, -0.0 - 0j, 1j, -1j, -2.5 + 1e-20j],
                 dt)
    x.imag[1] = -0.0
    x.imag[4] = -0.0
    with np.errstate(all="ignore"):
        check_paths(lambda x: (np.sqrt(x), np.log(x), np.exp(x)), x)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_data_movement(dt):
    rng = rng_for("move", dt)
    a, b = values(dt, 12, rng).reshape(3, 4), values(dt, 8, rng).reshape(2, 4)
    check_paths(lambda a, b: np.concatenate([a, b]), a, b)
    check_paths(lambda a, b: np.stack([a[0], b[1]]), a, b)
    check_paths(lambda a, b: a.reshape(2, 6).T[::-1], a, b)
    check_paths(lambda a, b: np.where(a.real > 0, a, b[0]), a, b)
    check_paths(lambda a, b: np.zeros((2, 3), dt) + a[0, 0], a, b)
    check_paths(lambda a, b: np.zeros_like(a) - 1j, a, b)
    check_paths(lambda a, b: np.ones((2,), complex) * b[0, :2], a, b)


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_item_assignment(dt):
    def f(a, b):
        c = a.copy()
        c[0] = b[1]
        c[1:3] = 2 - 1j
        c[3] = 7.5
        return c
    rng = rng_for("setitem", dt)
    check_paths(f, values(dt, 6, rng), values(dt, 4, rng))


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_staged_loop_carries_complex(dt):
    def f(z, c):
        for _ in range(5):
            z = z * z + c
        return z
    rng = rng_for("loop", dt)
    check_paths(f, values(dt, 16, rng, scale=0.5), values(dt, 16, rng, scale=0.5))


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_print_as_numpy(dt, capfd):
    x = np.array([1 + 2j, 3 - 0j, np.nan + 1j, -np.inf - 0.5j], dt)

    def f(x):
        print(x, x[0])
        return x

    f(x)
    expected = capfd.readouterr().out
    staged = ag.stage(f)
    for _ in range(2):
        staged(x)
        assert capfd.readouterr().out == expected


@pytest.mark.parametrize("shape,axis", [((7,), None), ((300,), 0), ((3, 131), -1),
                                        ((5, 64), 0), ((4, 6, 200), (0, 2)),
                                        ((2, 3, 4), (1,)), ((0, 3), 0), ((9, 3), None),
                                        ((2, 5000), 1)])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_sum_and_mean_in_numpys_order(dt, shape, axis):
    # numpy's complex pairwise tree (bit for bit up to runs of 4096; beyond, the
    # association of 8192-element buffers differs by a rounding).
    rng = rng_for("sum", dt, shape, axis)
    n = int(np.prod(shape))
    x = values(dt, n, rng, scale=1e3).reshape(shape)
    exact = all(d <= 4096 for d in shape)
    for fn in (lambda x: np.sum(x, axis=axis), lambda x: x.sum(axis=axis, keepdims=True),
               lambda x: np.mean(x, axis=axis), lambda x: x.mean(axis)):
        with np.errstate(all="ignore"):
            got = check_paths(fn, x)
            if exact:
                np.testing.assert_array_equal(got, fn(x))


@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_sum_special_values(dt):
    x = with_specials(dt, rng_for("sumspecial", dt)).reshape(-1, 7)
    with np.errstate(all="ignore"):
        check_paths(lambda x: (x.sum(), x.sum(axis=0), x.sum(axis=1), x.mean(axis=1)), x)


def test_not_staged_yet_is_an_ag_error_naming_the_line():
    z = values(np.complex128, 6, rng_for("refused"))
    # (what test_complex_more.py stages is not here)
    # (max/argmax are staged; floor_divide and fmod raise numpy's own TypeError: see
    # test_ufuncs_numpy_has_no_complex_loop_for_raise_its_type_error)
    cases = [lambda z: np.clip(z, 0, 1), lambda z: np.log1p(z), lambda z: np.sign(z)]
    for fn in cases:
        staged = ag.stage(fn)
        with pytest.raises(ag.AgError) as info:
            staged(z)
        assert "test_complex.py" in str(info.value), str(info.value)
        assert "complex" in str(info.value), str(info.value)


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_writes_through_real_and_imag_reach_the_array(dtype):
    # .real and .imag are views (they were copies whose writes were an ag error).
    def f(z):
        z.real[0] = 1.0
        z.imag[1:] *= -2.0
        return z
    z = values(dtype, 3, rng_for("realwrite"))
    assert_same(ag.stage(f)(z.copy()), f(z.copy()))


def test_staged_if_with_complex_on_one_path():
    # b is complex on one path and float64 on the other (a Divergent until merged).
    def f(x, t):
        if t.sum() > 0:
            b = x * 1j
        else:
            b = x + 0.5
        return b * 2
    x = np.array([1.0, -2.0, 3.0])
    staged = ag.stage(f)
    # A result whose dtype depends on a staged condition leaves through the Python path
    # on every call (as for any two dtypes, not complex only).
    check_paths(f, x, np.array([1.0]), staged=staged, c_path=False)
    check_paths(f, x, np.array([-1.0]), staged=staged, c_path=False)


def test_where_and_lists_of_complex():
    def f(z, x):
        y = np.where(x > 0, z, 1j)
        out = []
        for k in range(3):
            out.append(y * k)
        return np.stack(out), np.conj(y), y.imag
    rng = rng_for("wherelist")
    check_paths(f, values(np.complex128, 5, rng), rng.uniform(-1, 1, 5))


@pytest.mark.parametrize("sa,sb", [((3, 4), (4, 5)), ((4,), (4,)), ((2, 3, 4), (4,)),
                                   ((5,), (5, 2)), ((2, 3, 4), (2, 4, 3)), ((3, 0), (0, 2))])
@pytest.mark.parametrize("dt", COMPLEX, ids=IDS)
def test_matmul_and_dot(dt, sa, sb):
    rng = rng_for("matmul", dt, sa, sb)
    a = values(dt, int(np.prod(sa)), rng).reshape(sa)
    b = values(dt, int(np.prod(sb)), rng).reshape(sb)
    check_paths(lambda a, b: a @ b, a, b)
    check_paths(lambda a, b: np.matmul(a, b.real), a, b)
    if len(sa) <= 2 and len(sb) <= 2:
        check_paths(lambda a, b: np.dot(a, b), a, b)


# --- max, min, argmax, argmin in numpy's complex order ---------------------------------------
def _ordered_samples(dtype, rng):
    """Ties in the real part, equal values (first occurrence), signed zeros, NaN in
    either part (the first NaN wins), infinities; random stacks for the axes."""
    special = specials(dtype)
    ties = np.array([2 + 1j, 2 + 3j, 2 + 3j, -1 + 5j, 2 - 1j, 0j, -0.0 + 0j], dtype)
    nan_later = np.array([1 + 1j, 3 + 0j, complex(np.nan, 1), complex(1, np.nan), 9 + 9j],
                         dtype)
    stack = (rng.integers(-3, 3, (3, 4, 5)) + 1j * rng.integers(-2, 2, (3, 4, 5))
             ).astype(dtype)
    return [special, ties, nan_later, stack, stack.T]


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
def test_extremes_in_numpys_complex_order(dtype, name):
    rng = rng_for(f"extremes-{name}")
    for z in _ordered_samples(dtype, rng):
        axes = [None] + list(range(z.ndim)) + ([(0, 2), (-1, 0)] if z.ndim == 3 and
                                                name in ("max", "min") else [])
        for axis in axes:
            for keepdims in (False, True):
                def fn(x, axis=axis, keepdims=keepdims):
                    return getattr(np, name)(x, axis=axis, keepdims=keepdims)
                with np.errstate(invalid="ignore"):
                    expected = fn(z)
                assert_same(ag.stage(fn)(z), expected, f"{name} axis={axis}")
    # the method forms
    z = _ordered_samples(dtype, rng)[1]
    assert_same(ag.stage(lambda x: getattr(x, name)())(z), getattr(z, name)())


def test_extremes_of_nothing_raise_numpys_value_error():
    z = np.zeros((0, 3), np.complex128)
    for fn in (lambda x: x.max(), lambda x: np.argmin(x), lambda x: np.min(x, axis=0)):
        with pytest.raises(ValueError):
            fn(z)
        with pytest.raises(ValueError):
            ag.stage(fn)(z)


@pytest.mark.parametrize("op", [lambda z: z // 2, lambda z: np.remainder(z, z),
                                lambda z: np.fmod(z, z), lambda z: np.floor(z)])
def test_ufuncs_numpy_has_no_complex_loop_for_raise_its_type_error(op):
    z = np.array([1 + 2j, 3 - 1j])
    with pytest.raises(TypeError) as eager:
        op(z)
    with pytest.raises(TypeError) as staged:
        ag.stage(op)(z)
    assert str(eager.value) in str(staged.value)

"""int8, int16, uint8, uint16, uint32, uint64 and float16 end to end (issue 12, dtypes):
arguments and results on both call paths, constants, numpy 1.24's promotion (value-based
casting included), unsigned division/modulo/shifts/comparisons/min/max, wrap-around,
casts, float16 computed in float32 and rounded after every op, reductions, sorting,
indexing and assignment, print. Every case is differential against numpy on the same
program, with randomised values that include the dtype's extremes."""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths
from _reference import SMALL_DTYPES, dtype_id, make, rng_for

INTS = [np.int8, np.int16, np.uint8, np.uint16, np.uint32, np.uint64]
UINTS = [np.uint8, np.uint16, np.uint32, np.uint64]
ALL = SMALL_DTYPES
OTHER = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
         np.uint64, np.float16, np.float32, np.float64]
IDS = [dtype_id(t) for t in ALL]


def wide(dtype, shape, rng):
    """Values over the dtype's whole range (extremes first)."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return make(dtype, shape, rng, low=-1000, high=1000)
    info = np.iinfo(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    flat = rng.integers(info.min, info.max, n, endpoint=True, dtype=dtype)
    specials = np.array([info.min, info.max, 0, 1, info.max - 1], dtype=dtype)
    k = min(n, len(specials))
    flat[:k] = specials[:k]
    return flat.reshape(shape)


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_arguments_and_results_round_trip(dt):
    rng = rng_for("round", dt)
    x = wide(dt, (3, 4), rng)
    check_paths(lambda x: x, x)
    check_paths(lambda x: x[1], x)
    check_paths(lambda x: x.reshape(4, 3).T, x)
    check_paths(lambda x: x[0, 0], x)


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "maximum", "minimum",
                                "floor_divide", "remainder", "true_divide", "power",
                                "equal", "not_equal", "less", "less_equal", "greater",
                                "greater_equal"])
@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_binary_same_dtype(dt, op):
    rng = rng_for("bin", dt, op)
    if op == "power":
        x = make(dt, (16,), rng, low=-4, high=4)
        y = np.abs(make(dt, (16,), rng, low=0, high=5, special=False))
    else:
        x, y = wide(dt, (16,), rng), wide(dt, (16,), rng)
        y[:3] = [0, 1, 0] if np.dtype(dt).kind != "f" else [0, 1, -0.0]
    f = getattr(np, op)
    check_paths(lambda x, y: f(x, y), x, y)
    check_paths(lambda x, y: f(x[:, None], y[:4]), x, y)


@pytest.mark.parametrize("op", ["negative", "absolute", "sign", "square", "invert"])
@pytest.mark.parametrize("dt", INTS, ids=[dtype_id(t) for t in INTS])
def test_integer_unary_wraps(dt, op):
    x = wide(dt, (20,), rng_for("un", dt, op))
    f = getattr(np, op)
    check_paths(lambda x: f(x), x)


@pytest.mark.parametrize("dt", UINTS, ids=[dtype_id(t) for t in UINTS])
def test_unsigned_division_modulo_shifts(dt):
    rng = rng_for("udiv", dt)
    x, y = wide(dt, (40,), rng), wide(dt, (40,), rng)
    y[::5] = 0
    y[1::7] = 1
    s = (rng.integers(0, np.dtype(dt).itemsize * 8 + 3, 40)).astype(dt)
    check_paths(lambda x, y: (x // y, x % y) + np.divmod(x, y), x, y)
    check_paths(lambda x, s: (x >> s, x << s), x, s)
    check_paths(lambda x, y: (x < y, x >= y, np.maximum(x, y), np.minimum(x, y)), x, y)


@pytest.mark.parametrize("dt", [np.int8, np.int16], ids=["i8", "i16"])
def test_signed_floor_division_and_shifts(dt):
    rng = rng_for("sdiv", dt)
    x, y = wide(dt, (40,), rng), wide(dt, (40,), rng)
    y[::5] = 0
    y[1::5] = -1
    s = rng.integers(0, np.dtype(dt).itemsize * 8 + 3, 40).astype(dt)
    check_paths(lambda x, y: (x // y, x % y), x, y)
    check_paths(lambda x, s: (x >> s, x << s), x, s)


@pytest.mark.parametrize("b", OTHER, ids=[dtype_id(t) if t in ALL else np.dtype(t).name
                                          for t in OTHER])
@pytest.mark.parametrize("a", ALL, ids=IDS)
def test_mixed_promotion_matches_result_type(a, b):
    rng = rng_for("mix", a, b)
    x, y = make(a, (6,), rng), make(b, (6,), rng)
    check_paths(lambda x, y: (x + y, x * y, x < y), x, y)
    r = ag.stage(lambda x, y: x + y)(x, y)
    assert r.dtype == np.result_type(a, b)


@pytest.mark.parametrize("scalar", [1, -1, 300, 70000, 2**40, 0.5, 1e5, True])
@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_value_based_casting_of_python_scalars(dt, scalar):
    x = make(dt, (5,), rng_for("scalar", dt, scalar))
    check_paths(lambda x: (x + scalar, scalar * x, x == scalar), x)
    # A 0-d array argument: ag specialises on its dtype, so where its value makes numpy
    # pick another dtype than value 1 of that dtype does, ag refuses (value-based casting).
    s = np.array(scalar)
    if np.result_type(x, s) == np.result_type(x, np.ones((), s.dtype)):
        check_paths(lambda x, s: x + s, x, s)
    else:
        with pytest.raises(ag.AgUnsupportedError, match="value-based casting"):
            ag.stage(lambda x, s: x + s)(x, s)


@pytest.mark.parametrize("to", OTHER, ids=[np.dtype(t).name for t in OTHER])
@pytest.mark.parametrize("dt", OTHER, ids=[np.dtype(t).name for t in OTHER])
def test_astype_in_range(dt, to):
    rng = rng_for("cast", dt, to)
    x = make(dt, (12,), rng, low=0, high=100, special=False)
    check_paths(lambda x: x.astype(to), x)


@pytest.mark.parametrize("to", INTS + [np.int32, np.int64],
                         ids=[np.dtype(t).name for t in INTS + [np.int32, np.int64]])
@pytest.mark.parametrize("dt", INTS + [np.int32, np.int64],
                         ids=[np.dtype(t).name for t in INTS + [np.int32, np.int64]])
def test_integer_casts_wrap(dt, to):
    x = wide(dt, (30,), rng_for("wrap", dt, to))
    check_paths(lambda x: x.astype(to), x)


@pytest.mark.parametrize("to", [np.int8, np.int16, np.uint8, np.uint16, np.uint64],
                         ids=["i8", "i16", "u8", "u16", "u64"])
@pytest.mark.parametrize("dt", [np.float16, np.float32, np.float64],
                         ids=["f16", "f32", "f64"])
def test_float_to_small_int_out_of_range(dt, to):
    x = np.array([300.0, -1.0, 1e4, np.nan, -200.5, 255.7, np.inf, -np.inf, 65000, -3e4],
                 dtype=dt)
    check_paths(lambda x: x.astype(to), x)


def test_float16_rounds_after_every_op():
    rng = rng_for("f16")
    x = (rng.standard_normal(200) * 100).astype(np.float16)
    y = (rng.standard_normal(200) * 3).astype(np.float16)
    check_paths(lambda x, y: ((x * y + x) / y - x) * y, x, y)
    check_paths(lambda x: np.exp(x / 64) + np.sqrt(np.abs(x)) + np.tanh(x) * 3, x)
    check_paths(lambda x, y: (x // y, x % y, x ** 2, np.maximum(x, y)), x, y)
    big = np.array([60000, 65504, -65504, 1e-7, 6e-8], np.float16)
    check_paths(lambda x: (x + x, x * 2, x - 1, x / 3), big)


@pytest.mark.parametrize("shape,axis", [((1000,), None), ((7, 300), -1), ((7, 300), 0),
                                        ((3, 4, 5), (0, 2)), ((0, 3), 0)])
def test_float16_reductions(shape, axis):
    x = (rng_for("f16r", shape).standard_normal(shape) * 10).astype(np.float16)
    check_paths(lambda x: np.sum(x, axis=axis), x)
    check_paths(lambda x: np.mean(x, axis=axis), x)
    check_paths(lambda x: (np.max(x, axis=axis), np.min(x, axis=axis)), x)


@pytest.mark.parametrize("dt", INTS, ids=[dtype_id(t) for t in INTS])
def test_integer_reductions_promote(dt):
    x = wide(dt, (4, 9), rng_for("red", dt))
    check_paths(lambda x: (np.sum(x), np.sum(x, axis=0), np.prod(x, axis=1), x.sum(1)), x)
    check_paths(lambda x: (np.max(x), np.min(x, axis=0), np.argmax(x), np.argmin(x, 1)), x)
    check_paths(lambda x: (np.cumsum(x), np.cumsum(x, axis=1, dtype=x.dtype)), x)
    check_paths(lambda x: (np.mean(x), np.all(x), np.any(x, axis=0)), x)


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_sort_search_where(dt):
    rng = rng_for("sort", dt)
    x = wide(dt, (5, 8), rng)
    check_paths(lambda x: (np.sort(x), np.argsort(x, kind="stable"), np.sort(x, axis=0)), x)
    check_paths(lambda x: np.searchsorted(np.sort(x[0]), x[1]), x)
    check_paths(lambda x: np.where(x > x[0], x, x[1]), x)
    check_paths(lambda x: (np.partition(x, 3), np.argpartition(x, (1, 4), axis=0)), x)


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_constants_and_creation(dt):
    x = make(dt, (4,), rng_for("const", dt))

    def f(x):
        z = np.zeros(4, dtype=dt)
        o = np.ones((2, 4), dt)
        c = np.array([1, 2, 3, 4], dtype=dt)
        return x + z, o * x, c - x, np.full(3, 7, dtype=dt), np.arange(4, dtype=dt)

    check_paths(f, x)
    check_paths(lambda x: x.astype(np.uint8) + np.uint8(250), x)


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_indexing_and_assignment(dt):
    x = wide(dt, (6, 5), rng_for("idx", dt))

    def f(x):
        y = x.copy()
        y[0] = 7
        y[1, 2:4] = x[2, :2]
        y[-1] = y[0] + y[1]
        return y, y[::2, 1], y.reshape(-1)[3:9]

    check_paths(f, x)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_assignment_of_out_of_range_python_int_wraps_like_numpy():
    """numpy 1.24 wraps (and warns that it will refuse in the future)."""
    def f(x):
        y = x.copy()
        y[0] = 300
        y[1] = -1
        return y

    check_paths(f, np.zeros(3, np.uint8))
    check_paths(f, np.zeros(3, np.int8))


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_print(dt, capsys):
    x = wide(dt, (2, 3), rng_for("print", dt))

    def f(x):
        print(x, x[0, 0], x.dtype)
        return x

    f(x)
    want = capsys.readouterr().out
    staged = ag.stage(f)
    for _ in range(2):
        staged(x)
        assert capsys.readouterr().out == want


def test_matmul_of_float16_is_a_clear_error():
    x = np.ones((2, 2), np.float16)
    with pytest.raises(ag.AgUnsupportedError, match="float16"):
        ag.stage(lambda x: x @ x)(x)


@pytest.mark.parametrize("dt", INTS, ids=[dtype_id(t) for t in INTS])
def test_integer_matmul_wraps(dt):
    rng = rng_for("mm", dt)
    a, b = wide(dt, (3, 4), rng), wide(dt, (4, 2), rng)
    check_paths(lambda a, b: a @ b, a, b)


@pytest.mark.parametrize("dt", ALL, ids=IDS)
def test_numpy_scalar_arguments(dt):
    """A numpy scalar argument is a staged 0-d value of its dtype (the C dispatcher
    matches it by type number)."""
    x = wide(dt, (5,), rng_for("nscalar", dt))
    s = x[1]
    assert isinstance(s, np.generic)
    check_paths(lambda x, s: (x * s, s + s, np.maximum(s, x[0])), x, s)


@pytest.mark.parametrize("dt", UINTS, ids=[dtype_id(t) for t in UINTS])
def test_unsigned_values_past_the_signed_range(dt):
    """The top half of an unsigned range compares, divides, sorts and converts as
    unsigned values (never as the negative signed values of the same bits)."""
    info = np.iinfo(dt)
    x = np.array([info.max, info.max // 2 + 1, 1, 0, info.max - 3], dt)
    check_paths(lambda x: (x > 1, x // 3, x % 7, x.astype(np.float64), np.sort(x),
                           np.argmax(x), np.max(x), x >> 1), x)


@pytest.mark.parametrize("dt", INTS + [np.float16], ids=[dtype_id(t) for t in INTS + [np.float16]])
def test_nn_max_pool_and_relu(dt):
    """linalg's max pooling compares signed: unsigned values pool through a wider
    signed dtype (the same order), so 200 beats 100 in uint8 too."""
    x = wide(dt, (1, 2, 4, 6), rng_for("pool", dt))
    check_paths(lambda x: (ag.nn.max_pool2d(x, 2), ag.nn.max_pool2d(x, 3, 1, 1),
                           ag.nn.relu(x)), x)


@pytest.mark.parametrize("value", [300.7, -1.5, 2.0**40, -3.5, 1.5e19])
@pytest.mark.parametrize("dt", INTS, ids=[dtype_id(t) for t in INTS])
def test_assignment_of_a_python_float_goes_through_int(dt, value):
    """numpy writes a float scalar into an integer array through Python's int(), which
    then wraps to the dtype (NaN and inf raise)."""
    def f(x):
        y = x.copy()
        y[0] = value
        return y

    check_paths(f, np.zeros(2, dt))

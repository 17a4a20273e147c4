"""Shape functions, joins, where/clip, astype and basic indexing (getitem and setitem,
Python and staged 0-d integer indices) against numpy 1.24."""

import numpy as np
import pytest

import ag

from _reference import DTYPES, check, check_many, dtype_id, make, rng_for


def _x(dtype, shape, key="x", **kw):
    return make(dtype, shape, rng_for(key, dtype, shape), **kw)


# --- reshape / transpose / swapaxes / expand_dims / squeeze / broadcast_to ------------------

SHAPE_ENTRIES_3D = [
    ("reshape(24)", lambda x: x.reshape(24)),
    ("reshape(-1)", lambda x: x.reshape(-1)),
    ("reshape(4,-1)", lambda x: x.reshape(4, -1)),
    ("reshape((2,12))", lambda x: x.reshape((2, 12))),
    ("np.reshape(3,-1,2)", lambda x: np.reshape(x, (3, -1, 2))),
    ("reshape(1,24,1)", lambda x: x.reshape(1, 24, 1)),
    ("reshape([-1,4])", lambda x: x.reshape([-1, 4])),
    ("ravel", lambda x: x.ravel()),
    ("flatten", lambda x: x.flatten()),
    ("T", lambda x: x.T),
    ("np.transpose", lambda x: np.transpose(x)),
    ("transpose(1,0,2)", lambda x: x.transpose(1, 0, 2)),
    ("transpose((2,0,1))", lambda x: x.transpose((2, 0, 1))),
    ("np.transpose(-1,0,1)", lambda x: np.transpose(x, (-1, 0, 1))),
    ("transpose(0,1,2)", lambda x: x.transpose(0, 1, 2)),
    ("swapaxes(0,2)", lambda x: np.swapaxes(x, 0, 2)),
    ("swapaxes(-1,1)", lambda x: np.swapaxes(x, -1, 1)),
    ("swapaxes(1,1)", lambda x: np.swapaxes(x, 1, 1)),
    ("moveaxis(0,-1)", lambda x: np.moveaxis(x, 0, -1)),
    ("moveaxis([0,1],[2,0])", lambda x: np.moveaxis(x, [0, 1], [2, 0])),
    ("moveaxis(2,2)", lambda x: np.moveaxis(x, 2, 2)),
    ("expand_dims(0)", lambda x: np.expand_dims(x, 0)),
    ("expand_dims(-1)", lambda x: np.expand_dims(x, -1)),
    ("expand_dims((0,2))", lambda x: np.expand_dims(x, (0, 2))),
    ("expand_dims((-1,1))", lambda x: np.expand_dims(x, (-1, 1))),
    ("squeeze", lambda x: np.squeeze(x.reshape(1, 2, 1, 12, 1))),
    ("squeeze(axis=2)", lambda x: x.reshape(1, 2, 1, 12, 1).squeeze(axis=2)),
    ("squeeze((0,-1))", lambda x: np.squeeze(x.reshape(1, 2, 1, 12, 1), axis=(0, -1))),
    ("broadcast_to(5,2,3,4)", lambda x: np.broadcast_to(x, (5, 2, 3, 4))),
    ("broadcast_to(2,1,4)->", lambda x: np.broadcast_to(x[:, :1, :], (2, 3, 4))),
    ("bad reshape", lambda x: x.reshape(5, 5)),
    ("two -1", lambda x: x.reshape(-1, -1)),
    ("bad transpose", lambda x: x.transpose(0, 1)),
    ("bad squeeze", lambda x: np.squeeze(x, axis=1)),
    ("bad broadcast", lambda x: np.broadcast_to(x, (3, 3, 4))),
    ("bad expand_dims", lambda x: np.expand_dims(x, 5)),
]


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_shape_functions_3d(dtype):
    check_many(SHAPE_ENTRIES_3D, _x(dtype, (2, 3, 4)))


SHAPE_ENTRIES_SMALL = [
    ("reshape(1)", lambda x: x.reshape(1)),
    ("reshape(1,1)", lambda x: x.reshape(1, 1)),
    ("reshape(-1)", lambda x: x.reshape(-1)),
    ("reshape(())", lambda x: x.reshape(1).reshape(())),
    ("T", lambda x: x.T),
    ("np.transpose", lambda x: np.transpose(x)),
    ("expand_dims", lambda x: np.expand_dims(x, 0)),
    ("squeeze", lambda x: np.squeeze(x)),
    ("broadcast_to", lambda x: np.broadcast_to(x, (2, 3))),
    ("ravel", lambda x: x.ravel()),
]


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_], ids=dtype_id)
def test_shape_functions_0d(dtype):
    check_many(SHAPE_ENTRIES_SMALL, _x(dtype, ()))


def test_shape_functions_empty():
    x = np.zeros((0, 3), np.float32)
    check_many([
        ("reshape(3,0)", lambda x: x.reshape(3, 0)),
        ("reshape(-1,3)", lambda x: x.reshape(-1, 3)),
        ("reshape(0,-1)", lambda x: x.reshape(0, -1)),  # numpy: ValueError
        ("reshape(-1)", lambda x: x.reshape(-1)),
        ("T", lambda x: x.T),
        ("expand_dims", lambda x: np.expand_dims(x, 1)),
        ("broadcast_to", lambda x: np.broadcast_to(x, (2, 0, 3))),
        ("squeeze", lambda x: np.squeeze(x[:, :1])),
    ], x)


# --- concatenate / stack / vstack / hstack -----------------------------------------------------

JOIN_DTYPE_PAIRS = [(np.float32, np.float32), (np.float32, np.int32), (np.int32, np.bool_),
                    (np.float32, np.float64), (np.int64, np.float32), (np.bool_, np.bool_),
                    (np.int32, np.int64)]


@pytest.mark.parametrize("a, b", JOIN_DTYPE_PAIRS,
                         ids=[f"{dtype_id(a)}-{dtype_id(b)}" for a, b in JOIN_DTYPE_PAIRS])
def test_joins(a, b):
    x = _x(a, (2, 3), "jx")
    y = _x(b, (2, 3), "jy")
    z = _x(b, (4, 3), "jz")
    v = _x(a, (3,), "jv")
    check_many([
        ("concatenate0", lambda x, y, z, v: np.concatenate([x, y, z])),
        ("concatenate1", lambda x, y, z, v: np.concatenate((x, y), axis=1)),
        ("concatenate-1", lambda x, y, z, v: np.concatenate((y, x, y), axis=-1)),
        ("concatenateNone", lambda x, y, z, v: np.concatenate([x, z], axis=None)),
        ("concatenate1d", lambda x, y, z, v: np.concatenate([v, y[0], v])),
        ("concatenate-empty", lambda x, y, z, v: np.concatenate([x, z[:0]])),
        ("stack0", lambda x, y, z, v: np.stack([x, y])),
        ("stack1", lambda x, y, z, v: np.stack([x, y, x], axis=1)),
        ("stack-1", lambda x, y, z, v: np.stack((y, x), axis=-1)),
        ("stack1d", lambda x, y, z, v: np.stack([v, v, y[1]])),
        ("vstack", lambda x, y, z, v: np.vstack([x, z, y])),
        ("vstack1d", lambda x, y, z, v: np.vstack([v, y[0]])),
        ("vstack mixed", lambda x, y, z, v: np.vstack([v, y])),
        ("hstack", lambda x, y, z, v: np.hstack([x, y])),
        ("hstack1d", lambda x, y, z, v: np.hstack([v, y[1], v])),
        ("bad concatenate", lambda x, y, z, v: np.concatenate([x, z], axis=1)),
        ("bad stack", lambda x, y, z, v: np.stack([x, z])),
        ("bad axis", lambda x, y, z, v: np.concatenate([x, y], axis=2)),
    ], x, y, z, v)


def test_joins_0d_and_constants():
    x = np.array(1.5, np.float32)
    c = np.array([7, 8], np.int32)
    check_many([
        ("stack 0-d", lambda x: np.stack([x, x * 2])),
        ("concat const", lambda x: np.concatenate([c, np.expand_dims(x, 0)])),
        ("concat 0-d", lambda x: np.concatenate([x, x])),  # numpy: ValueError
    ], x)


# --- where / clip -----------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [(np.float32, np.float32), (np.int32, np.float32),
                                  (np.int64, np.int32), (np.bool_, np.float64),
                                  (np.bool_, np.bool_)],
                         ids=lambda d: dtype_id(d))
def test_where(a, b):
    rng = rng_for("where", a, b)
    c = rng.random((3, 4)) < 0.5
    x = make(a, (3, 4), rng)
    y = make(b, (4,), rng)
    check_many([
        ("where", lambda c, x, y: np.where(c, x, y)),
        ("where bcast", lambda c, x, y: np.where(c[:, :1], y, x)),
        ("where x>0", lambda c, x, y: np.where(x > 0, x, y)),
        ("where scalar", lambda c, x, y: np.where(c, x, 0)),
        ("where scalar f", lambda c, x, y: np.where(c, 1.5, y)),
        ("where scalar b", lambda c, x, y: np.where(c, True, x)),
        ("where 2 scalars", lambda c, x, y: np.where(c, 1, 2)),
        ("where 2 floats", lambda c, x, y: np.where(c, -0.5, 2.5)),
        ("where non-bool cond", lambda c, x, y: np.where(x, y, x)),
        ("where 0-d cond", lambda c, x, y: np.where(c[0, 0], x, y)),
        ("where 2**40", lambda c, x, y: np.where(c, x, 2 ** 40)),
        ("bad where", lambda c, x, y: np.where(c, x, y[:3])),
    ], c, x, y)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_clip(dtype):
    x = _x(dtype, (3, 5), "clip", low=-5, high=5)
    lo = _x(dtype, (5,), "clip-lo", low=-3, high=0, special=False)
    check_many([
        ("clip(-1,1)", lambda x, lo: np.clip(x, -1, 1)),
        ("clip(0,None)", lambda x, lo: x.clip(0, None)),
        ("clip(None,2.5)", lambda x, lo: np.clip(x, None, 2.5)),
        ("clip(lo,3)", lambda x, lo: np.clip(x, lo, 3)),
        ("clip(-2**40,2**40)", lambda x, lo: np.clip(x, -2 ** 40, 2 ** 40)),
        ("clip(1,-1)", lambda x, lo: np.clip(x, 1, -1)),  # lo > hi: numpy gives hi
    ], x, lo)


# --- astype --------------------------------------------------------------------------------

@pytest.mark.parametrize("src", DTYPES, ids=dtype_id)
def test_astype_all_pairs(src):
    """In-range values (float -> int truncates toward zero; int64 -> int32 wraps; anything
    -> bool is x != 0, NaN and inf included)."""
    rng = rng_for("astype", src)
    if np.dtype(src).kind == "f":
        x = np.concatenate([rng.uniform(-1000, 1000, 12), [0.5, -0.5, 1.9999, -1.9999, -0.0,
                                                           0.0, 2.5, -2.5]]).astype(src)
        specials = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-30, 3e38], src)
    elif np.dtype(src).kind == "i":
        info = np.iinfo(src)
        x = np.concatenate([rng.integers(-1000, 1000, 14),
                            [0, -1, 1, 2 ** 31 - 1, -2 ** 31, 16777217]]).astype(src)
        if src == np.int64:
            x[-3:] = [2 ** 40 + 3, -2 ** 33 - 5, info.max]  # wrap when cast to int32
        specials = x[:0]
    else:
        x = rng.random(20) < 0.5
        specials = x[:0]
    entries = [(f"astype({dtype_id(d)})", lambda x, s, d=d: x.astype(d)) for d in DTYPES]
    entries += [("astype(float)", lambda x, s: x.astype(float)),
                ("astype(int)", lambda x, s: x.astype(int)),
                ("astype(bool)", lambda x, s: x.astype(bool)),
                ("astype('float32')", lambda x, s: x.astype("float32")),
                ("np.copy", lambda x, s: np.copy(x)),
                ("specials->bool", lambda x, s: s.astype(np.bool_)),
                ("specials->f64", lambda x, s: s.astype(np.float64)),
                ("specials->f32", lambda x, s: s.astype(np.float32)),
                ("astype(complex)", lambda x, s: x.astype(np.complex64)),
                ("astype(int8)", lambda x, s: x.astype(np.int8))]
    check_many(entries, x.reshape(4, 5), specials)


# --- basic indexing (Python int / slice / Ellipsis / None) -----------------------------------

INDEX_ENTRIES_3D = [
    ("x[1]", lambda x: x[1]), ("x[-1]", lambda x: x[-1]), ("x[1:3]", lambda x: x[1:3]),
    ("x[::-1]", lambda x: x[::-1]), ("x[::-2, 1]", lambda x: x[::-2, 1]),
    ("x[10:]", lambda x: x[10:]), ("x[-10:2]", lambda x: x[-10:2]),
    ("x[..., 0]", lambda x: x[..., 0]), ("x[None]", lambda x: x[None]),
    ("x[:, None, ::2]", lambda x: x[:, None, ::2]), ("x[1, ..., None]", lambda x: x[1, ..., None]),
    ("x[-1, -2, -3]", lambda x: x[-1, -2, -3]), ("x[1, 2, 3, ...][None]", lambda x: x[1, 2, 3, ...][None]),
    ("x[3:0:-1]", lambda x: x[3:0:-1]), ("x[0:0]", lambda x: x[0:0]),
    ("x[:, 4:1:-2, -1]", lambda x: x[:, 4:1:-2, -1]), ("x[..., ::-3]", lambda x: x[..., ::-3]),
    ("x[None, ..., None]", lambda x: x[None, ..., None]), ("x[1:100]", lambda x: x[1:100]),
    ("x[-100:100:3]", lambda x: x[-100:100:3]), ("x[::3, ::-4, 1::2]", lambda x: x[::3, ::-4, 1::2]),
    ("x[()]", lambda x: x[()]), ("x[...]", lambda x: x[...]),
    ("x[:, -1][::-1]", lambda x: x[:, -1][::-1]), ("x[2][3][4]", lambda x: x[2][3][4]),
    ("x[np.int64(1)]", lambda x: x[np.int64(1)]), ("x[100:-100:-1]", lambda x: x[100:-100:-1]),
    ("x[5:1]", lambda x: x[5:1]), ("x[:, :, -7:]", lambda x: x[:, :, -7:]),
    ("x[4]", lambda x: x[4]), ("x[-5]", lambda x: x[-5]), ("x[0, 5]", lambda x: x[0, 5]),
    ("x[0, 0, -7]", lambda x: x[0, 0, -7]), ("x[1, 2, 3, 4]", lambda x: x[1, 2, 3, 4]),
    ("x[..., ...]", lambda x: x[..., ...]), ("x[1.0]", lambda x: x[1.0]),
]


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_basic_indexing(dtype):
    """Out-of-range Python ints, too many indices, two ellipses and float indices must
    raise IndexError at trace time."""
    check_many(INDEX_ENTRIES_3D, _x(dtype, (4, 5, 6)))


def test_basic_indexing_0d_and_1d():
    check_many([("x[()]", lambda x: x[()]), ("x[...][None]", lambda x: x[...][None]),
                ("x[None]", lambda x: x[None]), ("x[..., None]", lambda x: x[..., None]),
                ("x[0]", lambda x: x[0])], np.array(2.5, np.float64))
    check_many([("x[3]", lambda x: x[3]), ("x[-1]", lambda x: x[-1]),
                ("x[::-1]", lambda x: x[::-1]), ("x[7]", lambda x: x[7]),
                ("x[-8:-2:2]", lambda x: x[-8:-2:2])], np.arange(7, dtype=np.int32))


def test_index_out_of_range_raises_index_error():
    x = np.zeros((4, 5), np.float32)
    for fn in (lambda x: x[10], lambda x: x[-5], lambda x: x[0, 5], lambda x: x[1, 2, 3]):
        with pytest.raises(IndexError):
            fn(x)
        with pytest.raises(IndexError) as info:
            ag.stage(fn)(x)
        assert isinstance(info.value, ag.AgError)


# --- staged 0-d integer indices ---------------------------------------------------------------

def _staged_index_fn(x, i):
    return {"x[i]": x[i], "x[:, i]": x[:, i], "x[i, 1:3]": x[i, 1:3], "x[1, i]": x[1, i],
            "x[i, i]": x[i, i] * 2, "x[..., i]": x[..., i] + 1, "x[i, ..., -1]": x[i, ..., -1],
            "x[::-1][i]": x[::-1][i] - 1, "x[i][None]": x[i][None] * 3}


@pytest.mark.parametrize("index_dtype", [np.int64, np.int32], ids=dtype_id)
def test_staged_integer_index(index_dtype):
    """0-d integer arrays are basic indices (numpy treats them like Python ints):
    leading and non-leading positions, negative values; one compile serves every value."""
    x = _x(np.float32, (4, 4, 4))
    staged = ag.stage(_staged_index_fn)
    for i in (0, 2, 3, -1, -4):
        check(_staged_index_fn, x, np.array(i, index_dtype), staged=staged)
    check(_staged_index_fn, x, index_dtype(-2), staged=staged)
    assert staged.trace_count == 1  # a numpy integer scalar has the 0-d array's key


def test_staged_two_indices():
    def f(x, i, j):
        return x[i, j], x[j, i], x[i][j] + 1
    x = _x(np.int32, (5, 5))
    staged = ag.stage(f)
    for i, j in ((0, 4), (-1, 2), (3, -5)):
        check(f, x, np.array(i), np.array(j), staged=staged)


# --- setitem ----------------------------------------------------------------------------------

def _setitem_fn(x, v):
    x[1] = 5
    x[:, ::2] = v
    x[..., -1] = 0.5
    x[::-1, 0, 1:3] = v[:2] * 2
    x[2, 3, 4] = 7
    x[None, 0, 1] = x[0, 2] + 1
    x[2:2] = 9
    x[-1] = x[0].reshape(1, 5, 6)
    x[3, 1:100] = True
    return x


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_setitem(dtype):
    """Ints, slices (negative steps, out-of-range bounds), Ellipsis, None, broadcast values,
    values with extra leading 1s, values of other dtypes (cast unsafely like numpy)."""
    check(_setitem_fn, _x(dtype, (4, 5, 6)), _x(np.float64, (6,), "v", low=-3, high=3))


def _staged_setitem_fn(x, v, i):
    x[i] = v
    x[i - 1] = 0
    y = x[i] * 2
    return x, y


@pytest.mark.parametrize("i", [0, 2, -1, -2])
def test_setitem_staged_leading_index(i):
    x = _x(np.float32, (3, 4))
    v = _x(np.float32, (4,), "v")
    check(_staged_setitem_fn, x, v, np.array(i))


def test_setitem_staged_index_broadcast_value():
    def f(x, i, j):
        x[i] = 1.5
        x[j, i] = -2
        return x
    check(f, _x(np.float64, (3, 3, 2)), np.array(1), np.array(-1))


def test_setitem_errors():
    x = np.zeros((4, 5), np.float32)

    def out_of_range(x):
        x[4] = 1
        return x

    def bad_shape(x):
        x[0] = np.ones(4, np.float32)
        return x
    check(out_of_range, x)
    check(bad_shape, x)


# --- known bugs ----------------------------------------------------------------------------

BUG_ELLIPSIS_0D = ("BUG: a basic index with an Ellipsis that selects a single element "
                   "(x[1, 2, 3, ...], x0d[...]) returns a numpy scalar; numpy returns a 0-d "
                   "ndarray")
BUG_HSTACK_0D = ("BUG: np.hstack of 0-d arrays raises AgValueError (axis 1 is out of bounds "
                 "for array of dimension 0); numpy joins them into a 1-d array")
BUG_ASARRAY = ("BUG: np.asarray / np.array / np.asanyarray of a staged array raise "
               "AgUnsupportedError ('conversion to a numpy array ... needs its value'): numpy "
               "1.24 does not dispatch them through __array_function__, so their entries in "
               "SUPPORTED_FUNCTIONS are never reached")
BUG_COPY_ALIAS = ("BUG: x.copy() returns the same StagedArray, so y = x.copy(); y[0] = v also "
                  "changes x (numpy: x unchanged)")
BUG_AXIS_ERROR = ("BUG: an out-of-range axis raises AgValueError only; numpy's AxisError is "
                  "both a ValueError and an IndexError")


@pytest.mark.parametrize("case", ["x[1,2,3,...]", "x0d[...]"])
def test_bug_ellipsis_index_of_one_element_is_0d_array(case):
    if case == "x0d[...]":
        check(lambda x: x[...], np.array(2.5))
    else:
        check(lambda x: x[1, 2, 3, ...], _x(np.float32, (4, 5, 6)))


@pytest.mark.xfail(strict=True, reason=BUG_HSTACK_0D)
def test_bug_hstack_of_0d_arrays():
    check(lambda x: np.hstack([x, x + 1]), np.array(1.5, np.float32))


# In converted code (lambdas are converted too) np.asarray / np.array go through
# converted_call, which stages them; np.asanyarray does not.
@pytest.mark.parametrize("func", ["asarray", "array"])
def test_asarray_of_staged_array(func):
    check(lambda x: getattr(np, func)(x, np.float64), np.arange(3, dtype=np.int32))


@pytest.mark.xfail(strict=True, reason=BUG_ASARRAY)
def test_bug_asanyarray_of_staged_array():
    check(lambda x: np.asanyarray(x, np.float64), np.arange(3, dtype=np.int32))


def test_bug_setitem_on_copy_changes_original():
    def f(x):
        y = x.copy()
        y[0] = 100
        return x + 0, y
    check(f, _x(np.float32, (3, 2)))


@pytest.mark.parametrize("case", ["expand_dims", "concatenate", "squeeze", "swapaxes"])
def test_bug_axis_error_is_also_index_error(case):
    fn = {"expand_dims": lambda x: np.expand_dims(x, 3),
          "concatenate": lambda x: np.concatenate([x, x], axis=2),
          "squeeze": lambda x: np.squeeze(x, axis=2),
          "swapaxes": lambda x: np.swapaxes(x, 0, 2)}[case]
    x = np.zeros((2, 1), np.float32)
    with pytest.raises(IndexError):
        fn(x)
    with pytest.raises(IndexError):
        ag.stage(fn)(x)


BUG_ASTYPE_OF_SCALAR = ("BUG: .astype() of a numpy-scalar result (x.sum().astype(np.float64), "
                        "x[1, 2].astype(np.int32)) returns a 0-d ndarray; numpy returns a numpy "
                        "scalar")


@pytest.mark.parametrize("case", ["sum", "max", "index"])
def test_bug_astype_of_scalar_result(case):
    fn = {"sum": lambda x: x.sum().astype(np.float64),
          "max": lambda x: x.max().astype(np.int32),
          "index": lambda x: x[1, 2].astype(np.float64)}[case]
    check(fn, np.arange(6, dtype=np.float32).reshape(2, 3))


BUG_NP_COPY_OF_SCALAR = ("BUG: np.copy of a numpy-scalar result (np.copy(x.sum())) returns a "
                         "numpy scalar; numpy returns a 0-d ndarray")


def test_bug_np_copy_of_scalar_result():
    check(lambda x: np.copy(x.sum()), np.arange(6, dtype=np.float32))


def test_methods_of_scalar_results():
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    check_many([("sum.T", lambda x: x.sum().T), ("sum.reshape", lambda x: x.sum().reshape(1)),
                ("sum.copy", lambda x: x.sum().copy()),
                ("-sum", lambda x: -x.sum()), ("abs sum", lambda x: abs(x.sum())),
                ("sum.squeeze", lambda x: x.sum().squeeze()),
                ("sum.ravel", lambda x: x.sum().ravel()),
                ("sum.clip", lambda x: x.sum().clip(0, 3)),
                ("where scalars", lambda x: np.where(x.sum() > 0, x.sum(), 0.0))], x)


def test_setitem_staged_index_with_int():
    """x[i, 0] = v: the Python int goes staged too (one dynamic_update of both axes)."""
    def f(x, i):
        x[i, 0] = 5
        return x
    check(f, _x(np.float32, (4, 3)), np.array(-1))


# --- the other functions of SUPPORTED_FUNCTIONS ------------------------------------------------

TESTED_FUNCTIONS = {
    "all", "any", "amax", "amin", "argmax", "argmin", "mean", "prod", "sum",  # reductions
    "matmul", "dot",                                                          # matmul_nn
    "copyto",                                      # test_asif_state (writes in place)
    "broadcast_to", "concatenate", "expand_dims", "hstack", "reshape", "squeeze", "stack",
    "swapaxes", "moveaxis", "transpose", "vstack", "where", "clip", "copy",
    "array", "asarray", "asanyarray",                     # test_bug_asarray_of_staged_array
    "around", "round_", "allclose", "isclose", "empty_like", "full_like", "ones_like",
    "zeros_like", "ndim", "shape", "size", "result_type",  # below
    "nonzero", "argwhere", "flatnonzero", "take", "take_along_axis", "put",
    "bincount", "digitize",                                      # test_index_functions
    "cumsum", "cumprod", "diff", "ediff1d", "trapz", "sort", "argsort", "partition",
    "argpartition", "searchsorted", "median", "percentile", "quantile",  # test_sortscan
    "solve", "inv", "det", "slogdet", "cholesky", "qr", "eigh", "eigvalsh", "svd", "lstsq",
    "pinv", "norm", "matrix_power", "matrix_rank", "cond", "multi_dot", "tensorinv",
    "tensorsolve",                                                       # test_linalg
    "vdot", "inner", "outer", "kron", "trace", "cross",                  # test_products
    "var", "std",                                           # test_reductions_moments
}


def test_every_supported_function_is_tested():
    from ag.staged import SUPPORTED_FUNCTIONS
    from _opinfo import TABLE  # the OpInfo table (test_opinfo.py) tests the others
    tested = TESTED_FUNCTIONS | {i.name.split("(")[0] for i in TABLE}
    assert set(SUPPORTED_FUNCTIONS) <= tested


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_like_and_query_functions(dtype):
    x = _x(dtype, (3, 4), "like")
    check_many([
        ("zeros_like", lambda x: np.zeros_like(x)),
        ("ones_like f32", lambda x: np.ones_like(x, dtype=np.float32)),
        ("full_like 2.5", lambda x: np.full_like(x, 2.5)),
        ("full_like shape", lambda x: np.full_like(x, 7, shape=(2, 2))),
        ("zeros_like shape", lambda x: np.zeros_like(x, shape=(5,))),
        ("ones_like 0-d", lambda x: np.ones_like(x[0, 0])),
        ("empty_like", lambda x: (np.empty_like(x).shape, np.empty_like(x).dtype)),
        ("shape", lambda x: np.shape(x)), ("ndim", lambda x: np.ndim(x)),
        ("size", lambda x: np.size(x)), ("size axis", lambda x: np.size(x, 1)),
        ("attributes", lambda x: (x.shape, x.ndim, x.size, x.dtype, len(x))),
        ("result_type", lambda x: np.result_type(x, 1.5)),
        ("iteration", lambda x: [row * 2 for row in x]),
        ("amax", lambda x: np.amax(x, axis=0)), ("amin", lambda x: np.amin(x)),
    ], x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=dtype_id)
def test_round_floats(dtype):
    x = (_x(dtype, (3, 5), "round", low=-30, high=30) * dtype(1.37)).astype(dtype)
    x[0, :4] = [0.5, 1.5, 2.5, -0.5]
    check_many([("round", lambda x: np.round(x)), ("round 2", lambda x: np.round(x, 2)),
                ("round -1", lambda x: np.round(x, -1)), ("around 1", lambda x: np.around(x, 1)),
                ("round_", lambda x: np.round_(x))], x)


def test_isclose_allclose_finite_floats():
    x = np.array([1.0, 1.0, 0.0, 1e-9, 100.0, -3.0, np.nan], np.float64)
    y = np.array([1.0 + 1e-6, 1.1, 1e-9, 0.0, 100.001, -3.0, 1.0], np.float64)
    check_many([("isclose", lambda x, y: np.isclose(x, y)),
                ("isclose rtol", lambda x, y: np.isclose(x, y, rtol=0.2)),
                ("isclose equal_nan", lambda x, y: np.isclose(x, x, equal_nan=True)),
                ("isclose f32", lambda x, y: np.isclose(x.astype(np.float32), y))], x, y)


# Fixed: np.round of integers returned float64 (numpy keeps the integer dtype and
# raises TypeError for bool).


@pytest.mark.parametrize("case", ["i32", "i64 decimals=-1", "i32 decimals=2", "bool decimals=2"])
def test_bug_round_of_integers(case):
    x = {"i32": np.array([15, 25, -15], np.int32), "i64 decimals=-1": np.array([15, 25, -15]),
         "i32 decimals=2": np.array([1, -2], np.int32),
         "bool decimals=2": np.array([True, False])}[case]
    decimals = -1 if "-1" in case else 2 if "2" in case else 0
    check(lambda x: np.round(x, decimals), x)


# Fixed: isclose of infinities, of wrapping ints and of bools; np.allclose returning a
# Python bool (it returned np.bool_).
@pytest.mark.parametrize("case", ["inf", "int-wrap", "bool", "allclose-type"])
def test_bug_isclose_allclose(case):
    if case == "inf":
        x = np.array([np.inf, -np.inf, 1.0], np.float32)
        check(lambda x: np.isclose(x, x), x)
    elif case == "int-wrap":
        check(lambda x, y: np.isclose(x, y), np.array([-2 ** 31, 5], np.int32),
              np.array([2 ** 31 - 1, 5], np.int32))
    elif case == "bool":
        check(lambda x: np.isclose(x, ~x), np.array([True, False]))
    else:
        check(lambda x: np.allclose(x, x + 1e-9), np.ones(3))


BUG_ROUND_METHOD = ("BUG: StagedArray has no .round() method (numpy's ndarray.round): "
                    "AttributeError, not an AgError")


def test_bug_round_method():
    check(lambda x: x.round(1), np.array([1.25, 2.5]))

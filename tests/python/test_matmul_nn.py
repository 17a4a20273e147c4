"""Matrix products (@, np.matmul, np.dot, ndarray.dot) with numpy's 1-D and batch rules,
and ag.nn (conv2d, pooling, activations): staged vs the same function run eagerly, and the
eager ag.nn functions vs independent naive references."""

import math

import numpy as np
import pytest

import ag

from _reference import check, check_many, dtype_id, make, rng_for

# --- matmul ---------------------------------------------------------------------------------

MATMUL_SHAPES = [
    ((4,), (4,)),              # 1-D . 1-D -> scalar
    ((4,), (4, 3)),            # 1-D . 2-D
    ((3, 4), (4,)),            # 2-D . 1-D
    ((3, 4), (4, 5)),
    ((2, 3, 4), (4, 5)),       # batched . 2-D
    ((3, 4), (2, 4, 5)),       # 2-D . batched
    ((2, 1, 3, 4), (5, 4, 2)),  # broadcast batch dims
    ((4,), (2, 4, 3)),         # 1-D . batched
    ((2, 3, 4), (4,)),         # batched . 1-D
    ((0, 4), (4, 3)),          # empty rows
    ((3, 0), (0, 2)),          # empty contraction: zeros
    ((8, 64), (64, 16)),       # a small float32 GEMM: OpenBLAS
    ((80, 64), (64, 110)),     # large enough for the oneDNN path (M*N*K > 2^19)
]
MATMUL_ERRORS = [((3, 4), (5, 2)), ((2, 3, 4), (3, 4, 5)), ((), (3,)), ((3,), ())]
MATMUL_DTYPES = [(np.float32, np.float32), (np.float64, np.float64), (np.int32, np.int32),
                 (np.int64, np.int64), (np.float32, np.int32), (np.int32, np.int64),
                 (np.float32, np.float64), (np.int64, np.float32), (np.bool_, np.bool_),
                 (np.bool_, np.float32)]


def _matmul_forms(ndim_a, ndim_b):
    forms = [("@", lambda a, b: a @ b), ("np.matmul", lambda a, b: np.matmul(a, b))]
    if max(ndim_a, ndim_b) <= 2:
        forms += [("np.dot", lambda a, b: np.dot(a, b)), ("a.dot", lambda a, b: a.dot(b))]
    return forms


def _dyadic(x):
    """float32/64 values rounded to quarters: every product and partial sum of these
    shapes is exact, so the BLAS's summation order (it differs by library and CPU)
    cannot change a bit."""
    if x.dtype.kind != "f" or x.dtype.itemsize < 4:
        return x
    return (np.round(x * 4) / 4).astype(x.dtype)


@pytest.mark.parametrize("da, db", MATMUL_DTYPES,
                         ids=[f"{dtype_id(a)}-{dtype_id(b)}" for a, b in MATMUL_DTYPES])
def test_matmul(da, db):
    """Every shape case once per dtype pair; which of @ / np.matmul / np.dot / a.dot
    computes it rotates with the dtype pair, so every form meets every shape."""
    offset = MATMUL_DTYPES.index((da, db))
    rng = rng_for("matmul", da, db)
    args, entries = [], []
    for k, (sa, sb) in enumerate(MATMUL_SHAPES):
        a = _dyadic(make(da, sa, rng, special=False, low=-4, high=4))
        b = _dyadic(make(db, sb, rng, special=False, low=-4, high=4))
        forms = _matmul_forms(len(sa), len(sb))
        name, form = forms[(k + offset) % len(forms)]
        i = len(args)
        args += [a, b]
        entries.append((f"{name} {sa}x{sb}", lambda *xs, i=i, form=form:
                        form(xs[i], xs[i + 1])))
    check_many(entries, *args)


@pytest.mark.parametrize("sa, sb", MATMUL_ERRORS, ids=[str(s) for s in MATMUL_ERRORS])
def test_matmul_shape_errors(sa, sb):
    a, b = np.ones(sa, np.float32), np.ones(sb, np.float32)
    check(lambda a, b: a @ b, a, b)
    check(lambda a, b: np.matmul(a, b), a, b)


def test_dot_with_arrays_and_constants():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    check_many([("dot(a, f32(2))", lambda a: np.dot(a, np.float32(2))),
                ("dot(a, a.T)", lambda a: np.dot(a, a.T)),
                ("a @ const", lambda a: a @ np.ones(3, np.float64)),
                ("const @ a", lambda a: np.arange(2, dtype=np.int32) @ a)], a)


BUG_DOT_SCALAR = ("BUG: np.dot(array, python_scalar) is staged as np.multiply, which applies "
                  "value-based casting (float32 result); numpy's dot converts the scalar to a "
                  "0-d float64/int64 array first: np.dot(f32, 2.5) is float64, "
                  "np.dot(i32, 2) int64")


@pytest.mark.parametrize("case", ["f32.2.5", "i32.2", "2.i32"])
def test_bug_dot_with_python_scalar(case):
    fn = {"f32.2.5": lambda a: np.dot(a, 2.5), "i32.2": lambda a: np.dot(a, 2),
          "2.i32": lambda a: np.dot(2, a)}[case]
    a = np.arange(6, dtype=np.float32 if case.startswith("f32") else np.int32)
    check(fn, a)


def test_matmul_nan_inf_propagate():
    a = np.array([[1.0, np.nan], [np.inf, 0.0], [1.0, 2.0]])
    b = np.array([[1.0, 2.0], [0.0, 1.0]])
    check(lambda a, b: a @ b, a, b)
    check(lambda a, b: a @ b, a.astype(np.float32), b.astype(np.float32))


# --- ag.nn: naive references ------------------------------------------------------------------

def naive_conv2d(x, w, stride, padding, dilation):
    sh, sw = stride
    ph, pw = padding
    dh, dw = dilation
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, o, oh, ow), np.float64)
    for b in range(n):
        for oc in range(o):
            for i in range(oh):
                for j in range(ow):
                    acc = 0.0
                    for ic in range(c):
                        for p in range(kh):
                            for q in range(kw):
                                r = i * sh + p * dh - ph
                                s = j * sw + q * dw - pw
                                if 0 <= r < h and 0 <= s < wd:
                                    acc += float(x[b, ic, r, s]) * float(w[oc, ic, p, q])
                    out[b, oc, i, j] = acc
    return out


def naive_pool(x, kernel, stride, padding, is_max):
    kh, kw = kernel
    sh, sw = stride
    ph, pw = padding
    n, c, h, w = x.shape
    oh = (h + 2 * ph - kh) // sh + 1
    ow = (w + 2 * pw - kw) // sw + 1
    out = np.zeros((n, c, oh, ow), np.float64)
    for b in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    vals = []
                    for p in range(kh):
                        for q in range(kw):
                            r, s = i * sh + p - ph, j * sw + q - pw
                            if 0 <= r < h and 0 <= s < w:
                                vals.append(float(x[b, ch, r, s]))
                            elif not is_max:
                                vals.append(0.0)  # padding counts in the average
                    out[b, ch, i, j] = max(vals) if is_max else sum(vals) / (kh * kw)
    return out


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


CONV_CASES = [
    dict(stride=1, padding=0, dilation=1),
    dict(stride=2, padding=1, dilation=1),
    dict(stride=(2, 1), padding=(2, 0), dilation=1),
    dict(stride=1, padding=2, dilation=2),
    dict(stride=(1, 3), padding=(1, 2), dilation=(1, 2)),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32], ids=dtype_id)
def test_conv2d(dtype):
    """Staged vs the eager function for every stride/padding/dilation case in one staged
    function; eager vs the naive loop reference."""
    rng = rng_for("conv", dtype)
    x = make(dtype, (2, 3, 9, 8), rng, special=False, low=-3, high=3)
    w = make(dtype, (4, 3, 3, 2), rng, special=False, low=-2, high=2)
    entries = [(f"case{k}", lambda x, w, c=c: ag.nn.conv2d(x, w, **c))
               for k, c in enumerate(CONV_CASES)]
    check_many(entries, x, w)
    for c in CONV_CASES:
        eager = ag.nn.conv2d(x, w, **c)
        ref = naive_conv2d(x, w, _pair(c["stride"]), _pair(c["padding"]),
                           _pair(c["dilation"]))
        assert eager.dtype == (np.float64 if dtype == np.int32 else dtype)
        np.testing.assert_allclose(eager, ref, rtol=1e-5, atol=1e-5)


def test_conv2d_channel_mismatch_raises_value_error():
    x, w = np.ones((1, 3, 5, 5), np.float32), np.ones((2, 4, 3, 3), np.float32)
    check(lambda x, w: ag.nn.conv2d(x, w), x, w)


POOL_CASES = [
    dict(kernel_size=2), dict(kernel_size=3, stride=1), dict(kernel_size=(2, 3),
                                                              stride=(2, 1)),
    dict(kernel_size=3, stride=2, padding=1), dict(kernel_size=(3, 2), padding=(1, 1)),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32], ids=dtype_id)
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool2d(kind, dtype):
    """Negative data: max-pool padding never wins; avg-pool padding counts (torch's
    count_include_pad); int inputs: max keeps the dtype, avg gives float64."""
    fn = ag.nn.max_pool2d if kind == "max" else ag.nn.avg_pool2d
    rng = rng_for("pool", kind, dtype)
    x = make(dtype, (2, 3, 7, 8), rng, special=False, low=-9, high=-1)
    entries = [(f"case{k}", lambda x, c=c: fn(x, **c)) for k, c in enumerate(POOL_CASES)]
    check_many(entries, x)
    for c in POOL_CASES:
        kernel = _pair(c["kernel_size"])
        stride = _pair(c.get("stride") or kernel)
        eager = fn(x, **c)
        ref = naive_pool(x, kernel, stride, _pair(c.get("padding", 0)), kind == "max")
        np.testing.assert_allclose(eager, ref, rtol=1e-5, atol=1e-5)


ACTIVATIONS = [
    ("relu", lambda x: ag.nn.relu(x)),
    ("sigmoid", lambda x: ag.nn.sigmoid(x)),
    ("softmax", lambda x: ag.nn.softmax(x)),
    ("softmax(axis=0)", lambda x: ag.nn.softmax(x, axis=0)),
    ("log_softmax", lambda x: ag.nn.log_softmax(x)),
    ("log_softmax(axis=0)", lambda x: ag.nn.log_softmax(x, axis=0)),
    ("gelu", lambda x: ag.nn.gelu(x)),
    ("erf", lambda x: ag.nn.erf(x)),
]


def _naive_activation(name, x):
    x = np.asarray(x, np.float64)
    if name == "relu":
        return np.vectorize(lambda v: max(v, 0.0))(x)
    if name == "sigmoid":
        return np.vectorize(lambda v: 1 / (1 + math.exp(-v)) if v >= -700 else 0.0)(x)
    if name == "erf":
        return np.vectorize(math.erf)(x)
    if name == "gelu":
        return np.vectorize(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))))(x)
    axis = 0 if name.endswith("(axis=0)") else -1
    xs = np.moveaxis(x, axis, -1)
    out = np.empty_like(xs)
    for idx in np.ndindex(xs.shape[:-1]):
        row = [float(v) for v in xs[idx]]
        m = max(row)
        total = sum(math.exp(v - m) for v in row)
        out[idx] = [(v - m - math.log(total)) if name.startswith("log") else
                    math.exp(v - m) / total for v in row]
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32], ids=dtype_id)
def test_activations(dtype):
    x = make(dtype, (3, 5), rng_for("act", dtype), special=False, low=-6, high=6)
    if np.dtype(dtype).kind == "f":
        x[0, :3] = [-30.0, 30.0, 0.0]
    check_many(ACTIVATIONS, x)
    for name, fn in ACTIVATIONS:
        eager = fn(x)
        np.testing.assert_allclose(eager, _naive_activation(name, x), rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_activations_0d_and_special_values():
    x = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-30, 88.0, -88.0], np.float32)
    check_many([(n, f) for n, f in ACTIVATIONS if "axis=0" not in n], x)
    check_many([("relu", lambda x: ag.nn.relu(x)), ("sigmoid", lambda x: ag.nn.sigmoid(x)),
                ("gelu", lambda x: ag.nn.gelu(x))], np.array(-1.5, np.float64))


def _net_data():
    rng = rng_for("net")
    x = rng.standard_normal((2, 3, 12, 12)).astype(np.float32)
    w1 = (rng.standard_normal((8, 3, 3, 3)) * 0.3).astype(np.float32)
    w2 = (rng.standard_normal((8 * 6 * 6, 10)) * 0.1).astype(np.float32)
    b2 = rng.standard_normal(10).astype(np.float32)
    return x, w1, w2, b2


def test_small_network():
    """conv -> relu -> pool -> flatten -> linear -> log_softmax, staged vs eager."""
    def net(x, w1, w2, b2):
        h = ag.nn.relu(ag.nn.conv2d(x, w1, 1, 1))
        h = ag.nn.max_pool2d(h, 2)
        h = h.reshape(h.shape[0], -1) @ w2 + b2
        return ag.nn.log_softmax(h)
    got = check(net, *_net_data())
    assert got.shape == (2, 10) and got.dtype == np.float32


# Found by this suite, fixed while it was written (dc6e321): AutoGraph's converted_call
# rewrite failed with AttributeError on calls with keyword arguments.
def test_small_network_with_keyword_arguments():
    def net(x, w1, w2, b2):
        h = ag.nn.relu(ag.nn.conv2d(x, w1, padding=1))
        h = ag.nn.max_pool2d(h, kernel_size=2)
        h = h.reshape(h.shape[0], -1) @ w2 + b2
        return ag.nn.log_softmax(h, axis=-1)
    check(net, *_net_data())


BUG_POOL_KERNEL_TOO_LARGE = (
    "BUG: eager and staged ag.nn.max_pool2d / avg_pool2d disagree when the kernel is larger "
    "than the padded input: the eager (numpy) version returns an empty (N, C, 0, 0) array, "
    "the staged one raises AgValueError (torch raises)")


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_bug_pool_kernel_larger_than_input(kind):
    fn = ag.nn.max_pool2d if kind == "max" else ag.nn.avg_pool2d
    check(lambda x: fn(x, 4), np.ones((1, 2, 3, 3), np.float32))


def test_conv_kernel_larger_than_input_raises_value_error():
    check(lambda x, w: ag.nn.conv2d(x, w), np.ones((1, 2, 3, 3), np.float32),
          np.ones((2, 2, 5, 5), np.float32))

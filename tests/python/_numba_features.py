"""numba 0.56's "Supported NumPy features" (docs/source/reference/numpysupported.rst at
tag 0.56.4, the python3-numba of Debian 12) as a table: every ndarray attribute, method,
function, np.linalg and np.random function, constructor and ufunc the page lists, with
what numba says about its arguments, and one or more small numpy programs using it the
way numba supports it. bench/numba_coverage.py runs each program eagerly and through
ag.stage (first and cached call) and reports which items ag stages with numpy's
results; tests/python/test_numba_coverage.py keeps that from regressing.

An item is Feature(section, name, numba, forms): `numba` is the page's restriction
("" where it states none); `forms` are Form(fn, args): `fn(*args)` is the program, its
arguments (arrays, numpy scalars, a Generator) are the staged function's arguments. An
item without forms names nothing numpy 1.24 has (n/a: np.MachAr, np.flatten).
The page's scalar, array-access and dtype paragraphs are items of the first section.
"""

import collections

import numpy as np


def numpy_scalars(value):
    """Python bool/int/float as the numpy scalar of the same value: ag returns numpy
    scalars where numpy's function returns Python numbers (int()/bool() of staged
    values), and the coverage counts those results as equal."""
    if isinstance(value, (tuple, list)):
        return type(value)(numpy_scalars(v) for v in value)
    if isinstance(value, (bool, int, float)):
        return np.array(value)[()]
    return value


Feature = collections.namedtuple("Feature", "section name numba forms")
Form = collections.namedtuple("Form", "fn args")

FEATURES = []


def feature(section, name, numba, *forms):
    """forms: (fn, *args) tuples."""
    FEATURES.append(Feature(section, name, numba, [Form(f[0], f[1:]) for f in forms]))


_rng = np.random.default_rng(20260)


def f64(*shape):
    return _rng.standard_normal(shape)


def f32(*shape):
    return _rng.standard_normal(shape).astype(np.float32)


def i64(*shape, lo=-9, hi=10):
    return _rng.integers(lo, hi, shape).astype(np.int64)


def i32(*shape, lo=-9, hi=10):
    return _rng.integers(lo, hi, shape).astype(np.int32)


def specials():
    """Floats with the edge values up front (NaN, infinities, signed zeros)."""
    x = f64(12) * 3
    x[:6] = [np.nan, np.inf, -np.inf, -0.0, 0.0, 0.5]
    return x


def with_nans(*shape):
    x = f64(*shape)
    x.flat[::3] = np.nan
    return x


def spd(n, dtype=np.float64):
    m = f64(n, n)
    return (m @ m.T + n * np.eye(n)).astype(dtype)


def unit(*shape):
    return _rng.uniform(-0.99, 0.99, shape)


M = f64(4, 5)
M32 = f32(4, 5)
V = f64(6)
SQ = f64(4, 4) + 4 * np.eye(4)
B = f64(4, 2)

# --- arrays and scalars (the page's prose) ------------------------------------------

A = "Arrays and scalars"
feature(A, "iteration over an array", "", (lambda x: sum(r.sum() for r in x), M))
feature(A, "basic indexing and slicing", "",
        (lambda x: (x[1], x[1:3, ::2], x[-1, -2], x[..., None][::-1]), M))
feature(A, "one advanced index (a 1-D array) with basic indices", "only one advanced "
        "index, a 1-D array", (lambda x, i: (x[i], x[1:, i], x[i, 2]), M,
                               np.array([0, 3, 2])))
feature(A, "np.array of nested tuples (literal arrays)", "tuples, not lists",
        (lambda x, y: np.array(((x, y, 1.0), (y, x, 2.0))), np.float64(1.5),
         np.float64(-2.0)))
feature(A, "numpy scalar constructors and arithmetic", "",
        (lambda x: np.float32(x) * np.float32(3) + np.int32(2), np.float64(1.25)))
feature(A, "scalar view(np.<dtype>) (bitcast)", "a scalar made with a numpy constructor",
        (lambda x: np.int64(x).view(np.uint64), np.int64(-1)))
feature(A, "integer arrays of every width and signedness", "",
        *[(lambda x: (x * 3 + 1, x.sum(), x // 2), i64(6, lo=0, hi=100).astype(t))
          for t in (np.int8, np.int16, np.int32, np.uint8, np.uint16, np.uint32,
                    np.uint64)])
feature(A, "complex64/complex128 arrays", "",
        (lambda z: (z * z + 1, np.abs(z), z.conj()), (f64(5) + 1j * f64(5))),
        (lambda z: (z * z + 1, np.abs(z)), (f32(5) + 1j * f32(5)).astype(np.complex64)))
feature(A, "datetime64/timedelta64 arrays", "any unit",
        (lambda t: t + np.timedelta64(1, "D"), np.array(["2020-01-01", "2021-06-30"],
                                                        dtype="datetime64[D]")))
feature(A, "structured arrays (record fields)", "fields by constant name",
        (lambda r: r["a"] * 2 + r["b"], np.array([(1.0, 2), (3.0, 4)],
                                                 dtype=[("a", "f8"), ("b", "i8")])))
feature(A, "character sequences", "no operations",
        (lambda s: s, np.array(["ab", "cd"])))

# --- ndarray attributes ---------------------------------------------------------------

S = "ndarray attributes"
feature(S, "ndarray.dtype", "", (lambda x: np.zeros(3, x.dtype) + x[:3], i32(5)))
feature(S, "ndarray.flags", "contiguous, c_contiguous, f_contiguous",
        (lambda x: (x.flags.contiguous, x.flags.c_contiguous, x.T.flags.f_contiguous,
                    x[:, ::2].flags.c_contiguous), M))
feature(S, "ndarray.flat", "iteration and indexing",
        (lambda x: (x.flat[7], sum(v for v in x.flat)), M))
feature(S, "ndarray.itemsize", "", (lambda x: x.itemsize * x, M32))
feature(S, "ndarray.ndim", "", (lambda x: x.ndim + x, M))
feature(S, "ndarray.shape", "", (lambda x: np.zeros(x.shape[::-1]) + x.T, M))
feature(S, "ndarray.size", "", (lambda x: x.sum() / x.size, M))
feature(S, "ndarray.strides", "", (lambda x: (x.strides, x.T.strides, x[:, ::2].strides),
                                   M))
feature(S, "ndarray.T", "", (lambda x: x.T, M))
feature(S, "ndarray.real", "numeric dtypes", (lambda x: x.real + 1, M),
        (lambda z: z.real, f64(3) + 2j))
feature(S, "ndarray.imag", "numeric dtypes (zeros for real arrays)",
        (lambda x: x.imag + 1, M), (lambda z: z.imag, f64(3) + 2j))

# --- methods in their basic form, and the functions of the same name --------------------

C = "ndarray methods (basic form)"
feature(C, "ndarray.all", "no arguments", (lambda x: (x > -3).all(), M))
feature(C, "ndarray.any", "no arguments", (lambda x: (x > 1).any(), M))
feature(C, "ndarray.clip", "a_min, a_max", (lambda x: x.clip(-0.5, 0.5), M))
feature(C, "ndarray.conj", "no arguments", (lambda x: x.conj(), M),
        (lambda z: z.conj(), f64(3) + 2j))
feature(C, "ndarray.conjugate", "no arguments", (lambda x: x.conjugate(), M),
        (lambda z: z.conjugate(), f64(3) + 2j))
feature(C, "ndarray.cumprod", "no arguments", (lambda x: x.cumprod(), M))
feature(C, "ndarray.cumsum", "no arguments", (lambda x: x.cumsum(), M))
feature(C, "ndarray.max", "no arguments", (lambda x: x.max(), M))
feature(C, "ndarray.mean", "no arguments", (lambda x: x.mean(), M), (lambda x: x.mean(),
                                                                     i32(7)))
feature(C, "ndarray.min", "no arguments", (lambda x: x.min(), M))
feature(C, "ndarray.nonzero", "no arguments", (lambda x: (x > 0.3).nonzero(), M))
feature(C, "ndarray.prod", "no arguments", (lambda x: x.prod(), M))
feature(C, "ndarray.std", "no arguments", (lambda x: x.std(), M))
feature(C, "ndarray.take", "indices", (lambda x, i: x.take(i), M, np.array([0, 7, 19])))
feature(C, "ndarray.var", "no arguments", (lambda x: x.var(), M))
for _n in ["all", "any", "cumprod", "cumsum", "max", "mean", "min", "prod", "std", "var"]:
    feature(C, f"np.{_n}", "no optional arguments",
            (lambda x, _f=getattr(np, _n): _f(x > 0 if _f in (np.all, np.any) else x), M))
feature(C, "np.clip", "a, a_min, a_max", (lambda x: np.clip(x, -0.5, 0.5), M))
# (np.conj and np.conjugate are ufuncs: items of the ufunc section.)
feature(C, "np.nonzero", "", (lambda x: np.nonzero(x > 0.3), M))
feature(C, "np.take", "only the 2 first arguments",
        (lambda x, i: np.take(x, i), M, np.array([0, 7, 19])))

# --- other ndarray methods ---------------------------------------------------------------

O = "ndarray methods"
feature(O, "ndarray.argmax", "axis keyword supported",
        (lambda x: (x.argmax(), x.argmax(axis=1)), M))
feature(O, "ndarray.argmin", "axis keyword supported",
        (lambda x: (x.argmin(), x.argmin(axis=0)), M))
feature(O, "ndarray.argsort", "kind='quicksort' or 'mergesort'",
        (lambda x: (x.argsort(), x.argsort(kind="mergesort")), V))
feature(O, "ndarray.astype", "only the 1-argument form",
        (lambda x: (x.astype(np.int32), x.astype(np.float32)), M * 5))
feature(O, "ndarray.copy", "without arguments", (lambda x: x.copy(), M))
feature(O, "ndarray.dot", "only the 1-argument form", (lambda x, y: x.dot(y), M, f64(5)))
feature(O, "ndarray.flatten", "no order argument", (lambda x: x.flatten(), M))
feature(O, "ndarray.item", "without arguments", (lambda x: x[2:3].item(), V))
feature(O, "ndarray.itemset", "only the 1-argument form",
        (lambda x: (x[1:2].itemset(5.0), x)[1], V))
feature(O, "ndarray.ptp", "without arguments", (lambda x: x.ptp(), M))
feature(O, "ndarray.ravel", "no order argument", (lambda x: x.ravel(), M))
feature(O, "ndarray.repeat", "no axis argument", (lambda x: x.repeat(3), V))
feature(O, "ndarray.reshape", "only the 1-argument form", (lambda x: x.reshape((5, 4)), M))
feature(O, "ndarray.sort", "without arguments", (lambda x: (x.sort(), x)[1], M))
feature(O, "ndarray.sum", "axis (an integer) and/or dtype",
        (lambda x: (x.sum(), x.sum(axis=1), x.sum(0), x.sum(dtype=np.float32),
                    x.sum(axis=0, dtype=np.float64)), M),
        (lambda x: (x.sum(), x.sum(axis=1, dtype=np.int64)), i32(3, 4)))
feature(O, "ndarray.transpose", "", (lambda x: (x.transpose(), x.transpose((1, 0))), M))
feature(O, "ndarray.view", "only the 1-argument form (a dtype of the same width)",
        (lambda x: x.view(np.int64), M), (lambda x: x.view(np.uint32), i32(5)))
feature(O, "ndarray.__contains__", "", (lambda x: (3 in x, 100 in x), i64(9)))
feature(O, "np.argmax", "", (lambda x: np.argmax(x), M))
feature(O, "np.argmin", "", (lambda x: np.argmin(x), M))
feature(O, "np.sum", "axis, dtype", (lambda x: (np.sum(x), np.sum(x, axis=0)), M))

# --- linear algebra ----------------------------------------------------------------------

L = "Linear algebra"
LA = np.linalg
feature(L, "np.dot", "1-D and 2-D float/complex arrays",
        (lambda x, y, v: (np.dot(x, y), np.dot(v, v), np.dot(x.T, v[:4])), M, f64(5, 3), V[:4]),
        (lambda x, y: np.dot(x, y), M32, f32(5, 2)))
feature(L, "np.kron", "'C' and 'F' order", (lambda x, y: np.kron(x, y), f64(2, 3), f64(3, 2)))
feature(L, "np.outer", "", (lambda x, y: np.outer(x, y), V, f64(3)))
feature(L, "np.trace", "only the first argument", (lambda x: np.trace(x), SQ))
feature(L, "np.vdot", "", (lambda x, y: np.vdot(x, y), V, f64(6)))
feature(L, "the @ operator", "1-D or 2-D arrays",
        (lambda x, y, v: (x @ y, v @ v, x.T @ v[:4]), M, f64(5, 3), V[:4]))
feature(L, "np.linalg.cholesky", "", (lambda x: LA.cholesky(x), spd(4)))
feature(L, "np.linalg.cond", "only non-string p",
        (lambda x: (LA.cond(x), LA.cond(x, 1), LA.cond(x, -np.inf)), SQ))
feature(L, "np.linalg.det", "", (lambda x: LA.det(x), SQ))
feature(L, "np.linalg.eig", "no domain change (real input, real eigenvalues)",
        (lambda x: LA.eig(x), spd(4)))
feature(L, "np.linalg.eigh", "only the first argument", (lambda x: LA.eigh(x), spd(4)))
feature(L, "np.linalg.eigvals", "no domain change (real input, real eigenvalues)",
        (lambda x: LA.eigvals(x), spd(4)))
feature(L, "np.linalg.eigvalsh", "only the first argument",
        (lambda x: LA.eigvalsh(x), spd(4)))
feature(L, "np.linalg.inv", "", (lambda x: LA.inv(x), SQ),
        (lambda x: LA.inv(x), SQ.astype(np.float32)))
feature(L, "np.linalg.lstsq", "", (lambda a, b: LA.lstsq(a, b, rcond=None), f64(6, 3),
                                   f64(6, 2)))
feature(L, "np.linalg.matrix_power", "",
        (lambda x: (LA.matrix_power(x, 3), LA.matrix_power(x, 0), LA.matrix_power(x, -2)),
         SQ))
feature(L, "np.linalg.matrix_rank", "", (lambda x: LA.matrix_rank(x), M),
        (lambda x: LA.matrix_rank(x), np.outer(V, V)))
feature(L, "np.linalg.norm", "only the 2 first arguments, non-string ord",
        (lambda x, v: (LA.norm(x), LA.norm(x, 1), LA.norm(x, 2), LA.norm(x, -np.inf),
                       LA.norm(v), LA.norm(v, 3), LA.norm(v, 0)), M, V))
feature(L, "np.linalg.pinv", "", (lambda x: LA.pinv(x), M))
feature(L, "np.linalg.qr", "only the first argument", (lambda x: LA.qr(x), f64(5, 3)))
feature(L, "np.linalg.slogdet", "", (lambda x: LA.slogdet(x), SQ))
feature(L, "np.linalg.solve", "", (lambda a, b: (LA.solve(a, b), LA.solve(a, b[:, 0])),
                                   SQ, B))
feature(L, "np.linalg.svd", "only the 2 first arguments",
        (lambda x: (LA.svd(x), LA.svd(x, False)), M))

# --- reductions ------------------------------------------------------------------------

R = "Reductions"
NAN = with_nans(4, 5)
feature(R, "np.diff", "only the 2 first arguments",
        (lambda x: (np.diff(x), np.diff(x, 2)), M))
feature(R, "np.median", "only the first argument", (lambda x: np.median(x), M),
        (lambda x: np.median(x), V[:5]))
for _n in ["nancumprod", "nancumsum", "nanmax", "nanmean", "nanmedian", "nanmin",
           "nanprod", "nanstd", "nansum", "nanvar"]:
    feature(R, f"np.{_n}", "only the first argument",
            (lambda x, _f=getattr(np, _n): _f(x), NAN),
            (lambda x, _f=getattr(np, _n): _f(x), M))
for _n in ["nanpercentile", "percentile"]:
    feature(R, f"np.{_n}", "only the 2 first arguments, no complex",
            (lambda x, _f=getattr(np, _n): (_f(x, 30), _f(x, [10.0, 50.0, 95.0])),
             NAN if _n.startswith("nan") else M))
for _n in ["nanquantile", "quantile"]:
    feature(R, f"np.{_n}", "only the 2 first arguments, no complex",
            (lambda x, _f=getattr(np, _n): (_f(x, 0.3), _f(x, [0.1, 0.5, 0.95])),
             NAN if _n.startswith("nan") else M))

# --- other functions -------------------------------------------------------------------

F = "Other functions"
N = np.int64(5)  # a size or count the function receives at run time (numba's use)
X = np.array([0.5, 1.5, 2.5, 0.7, 3.2, 1.1])
feature(F, "np.allclose", "", (lambda x, y: (np.allclose(x, y), np.allclose(x, x)), M,
                               M + 1e-9))
feature(F, "np.append", "", (lambda x, y: (np.append(x, y), np.append(x, y[:1, :], 0)),
                             M, M32))
feature(F, "np.arange", "", (lambda: (np.arange(5), np.arange(1.0, 3.0, 0.25)),),
        (lambda n: (np.arange(n), np.arange(1, n, 2), np.arange(0.0, n, 0.5)), N))
feature(F, "np.argsort", "kind='quicksort' or 'mergesort'",
        (lambda x: (np.argsort(x), np.argsort(x, kind="mergesort")), M))
feature(F, "np.argwhere", "", (lambda x: np.argwhere(x > 0.5), M))
feature(F, "np.array", "only the 2 first arguments",
        (lambda x: (np.array(x), np.array(x, np.float32)), M),
        (lambda x, y: np.array([x, y]), V, V * 2))
feature(F, "np.array_equal", "", (lambda x, y: (np.array_equal(x, y), np.array_equal(x, x)),
                                  M, M32))
feature(F, "np.array_split", "", (lambda x: (np.array_split(x, 3), np.array_split(x, [1, 4])),
                                  V))
feature(F, "np.asarray", "only the 2 first arguments",
        (lambda x: (np.asarray(x), np.asarray(x, np.float32)), M))
feature(F, "np.asarray_chkfinite", "only the 2 first arguments",
        (lambda x: np.asarray_chkfinite(x) + 1, M))
feature(F, "np.asfarray", "", (lambda x: np.asfarray(x), i32(5)),
        (lambda x: np.asfarray(x), M32))
feature(F, "np.asfortranarray", "only the first argument",
        (lambda x: np.asfortranarray(x), M))
for _n in ["atleast_1d", "atleast_2d", "atleast_3d"]:
    feature(F, f"np.{_n}", "", (lambda x, y, _f=getattr(np, _n): (_f(x), _f(y)),
                                np.float64(2.0), V))
for _n in ["bartlett", "blackman", "hamming", "hanning"]:
    feature(F, f"np.{_n}", "", (lambda _f=getattr(np, _n): _f(7),),
            (lambda n, _f=getattr(np, _n): _f(n), N))
feature(F, "np.kaiser", "", (lambda: np.kaiser(7, 3.0),), (lambda n: np.kaiser(n, 3.0), N))
feature(F, "np.bincount", "", (lambda x, w: (np.bincount(x), np.bincount(x, w),
                                             np.bincount(x, minlength=12)),
                               i64(9, lo=0, hi=8), f64(9)))
feature(F, "np.broadcast_to", "only the 2 first arguments",
        (lambda x: np.broadcast_to(x, (3, 6)), V))
feature(F, "np.broadcast_arrays", "only the first argument",
        (lambda x, y: np.broadcast_arrays(x, y), f64(3, 1), V))
feature(F, "np.broadcast_shapes", "", (lambda x: np.zeros(np.broadcast_shapes(x.shape,
                                                                              (3, 1))), V))
feature(F, "np.column_stack", "", (lambda x, y: np.column_stack((x, y)), V, f64(6)))
feature(F, "np.concatenate", "", (lambda x, y: (np.concatenate((x, y)),
                                                np.concatenate((x, y), axis=1)), M, M))
feature(F, "np.convolve", "only the 2 first arguments",
        (lambda x, y: np.convolve(x, y), V, f64(3)))
feature(F, "np.copy", "only the first argument", (lambda x: np.copy(x), M))
feature(F, "np.corrcoef", "only the 3 first arguments",
        (lambda x, y: (np.corrcoef(x), np.corrcoef(x, y), np.corrcoef(x, y, False)),
         f64(3, 6), f64(3, 6)))
feature(F, "np.correlate", "only the 2 first arguments",
        (lambda x, y: np.correlate(x, y), V, f64(3)))
feature(F, "np.count_nonzero", "axis only scalar",
        (lambda x: (np.count_nonzero(x), np.count_nonzero(x, axis=1)), i64(4, 5, lo=-1, hi=2)))
feature(F, "np.cov", "only the 5 first arguments",
        (lambda x, y: (np.cov(x), np.cov(x, y), np.cov(x, rowvar=False), np.cov(x, bias=True),
                       np.cov(x, ddof=2)), f64(3, 6), f64(3, 6)))
feature(F, "np.cross", "only the 2 first arguments; shape[-1] == 3 for one input",
        (lambda x, y: np.cross(x, y), f64(4, 3), f64(4, 3)))
feature(F, "np.delete", "only the 2 first arguments",
        (lambda x: (np.delete(x, 2), np.delete(x, [0, 3])), V),
        (lambda x, i: np.delete(x, i), V, np.int64(1)))
feature(F, "np.diag", "", (lambda x, v: (np.diag(x), np.diag(v), np.diag(x, 1), np.diag(v, -1)),
                           M, V))
feature(F, "np.digitize", "", (lambda x, b: (np.digitize(x, b), np.digitize(x, b, True)),
                               V, np.array([-1.0, 0.0, 0.5, 2.0])))
feature(F, "np.dstack", "", (lambda x, y: np.dstack((x, y)), M, M))
feature(F, "np.dtype", "only the first argument",
        (lambda x: np.zeros(3, np.dtype("float32")) + x[:3], V))
feature(F, "np.ediff1d", "", (lambda x: np.ediff1d(x), M))
feature(F, "np.empty", "only the 2 first arguments",
        (lambda n: np.empty((n, 2), np.int32).shape, N),
        (lambda x: (np.empty(3), np.empty((2, 2), np.int32))[0].shape, V))
feature(F, "np.empty_like", "only the 2 first arguments",
        (lambda x: (np.empty_like(x).shape, np.empty_like(x, np.int32).dtype.itemsize), M))
feature(F, "np.expand_dims", "", (lambda x: (np.expand_dims(x, 0), np.expand_dims(x, -1)), M))
feature(F, "np.extract", "", (lambda x: np.extract(x > 0, x), M))
feature(F, "np.eye", "", (lambda: (np.eye(3), np.eye(3, 4, 1, np.int32)),),
        (lambda n: np.eye(n), N))
feature(F, "np.fill_diagonal", "", (lambda x: (np.fill_diagonal(x, 7.0), x)[1], M))
feature(F, "np.flatten", "no order argument (numpy has no np.flatten: ndarray.flatten is "
        "the item of that name)")
feature(F, "np.flatnonzero", "", (lambda x: np.flatnonzero(x > 0), M))
feature(F, "np.flip", "no axis argument", (lambda x: np.flip(x), M))
feature(F, "np.fliplr", "", (lambda x: np.fliplr(x), M))
feature(F, "np.flipud", "", (lambda x: np.flipud(x), M))
feature(F, "np.frombuffer", "only the 2 first arguments",
        (lambda x: np.frombuffer(x, np.int32), np.arange(8, dtype=np.uint8)))
feature(F, "np.full", "only the 3 first arguments",
        (lambda v: (np.full((2, 3), v), np.full(4, v, np.int32)), np.float64(2.5)),
        (lambda n: np.full(n, 1.5), N))
feature(F, "np.full_like", "only the 3 first arguments",
        (lambda x, v: (np.full_like(x, v), np.full_like(x, 3, np.int32)), M, np.float64(2.5)))
feature(F, "np.histogram", "only the 3 first arguments",
        (lambda x: (np.histogram(x), np.histogram(x, 4), np.histogram(x, 5, (-1.0, 1.0))), M))
feature(F, "np.hstack", "", (lambda x, y: np.hstack((x, y)), M, M))
feature(F, "np.identity", "", (lambda: np.identity(3),), (lambda n: np.identity(n), N))
for _n in ["iscomplex", "isreal"]:
    feature(F, f"np.{_n}", "", (lambda x, _f=getattr(np, _n): _f(x), M),
            (lambda z, _f=getattr(np, _n): _f(z), np.array([1 + 0j, 2 + 1j, -0j])))
for _n in ["iscomplexobj", "isrealobj"]:
    feature(F, f"np.{_n}", "", (lambda x, _f=getattr(np, _n): _f(x), M),
            (lambda z, _f=getattr(np, _n): _f(z), np.array([1 + 0j, 2 + 1j])))
feature(F, "np.isneginf", "", (lambda x: np.isneginf(x), specials()))
feature(F, "np.isposinf", "", (lambda x: np.isposinf(x), specials()))
feature(F, "np.isscalar", "", (lambda x, s: (np.isscalar(x), np.isscalar(s)), M,
                               np.float64(1.0)))
feature(F, "np.interp", "only the 3 first arguments",
        (lambda x, xp, fp: np.interp(x, xp, fp), V, np.array([-1.0, 0.0, 1.0, 2.0]),
         f64(4)))
feature(F, "np.intersect1d", "only the first 2 arguments",
        (lambda x, y: np.intersect1d(x, y), i64(12), i64(9)))
feature(F, "np.linspace", "only the 3-argument form",
        (lambda: np.linspace(0.0, 1.0, 7),),
        (lambda a, b: np.linspace(a, b, 7), np.float64(-1.0), np.float64(2.0)),
        (lambda n: np.linspace(0.0, 1.0, n), N))
feature(F, "np.logspace", "only the 3 first arguments",
        (lambda: np.logspace(0.0, 2.0, 5),),
        (lambda a, b: np.logspace(a, b, 5), np.float64(-1.0), np.float64(2.0)))


def _ndenumerate(x):
    out = np.zeros(x.shape)
    for (i, j), v in np.ndenumerate(x):
        out[i, j] = v * i + j
    return out


def _ndindex(x):
    out = np.zeros(x.shape)
    for i, j in np.ndindex(x.shape):
        out[i, j] = x[i, j] + i
    return out


def _nditer(x):
    total = 0.0
    for v in np.nditer(x):
        total += v
    return total


feature(F, "np.ndenumerate", "", (_ndenumerate, f64(3, 2)))
feature(F, "np.ndindex", "", (_ndindex, f64(3, 2)))
feature(F, "np.nditer", "only the first argument", (_nditer, f64(3, 2)))
feature(F, "np.ones", "only the 2 first arguments",
        (lambda: (np.ones(3), np.ones((2, 2), np.int32)),), (lambda n: np.ones((n, 2)), N))
feature(F, "np.ones_like", "only the 2 first arguments",
        (lambda x: (np.ones_like(x), np.ones_like(x, np.int32)), M))
feature(F, "np.partition", "only the 2 first arguments",
        (lambda x: (np.partition(x, 2), np.partition(x, 3)[..., 3]), M))
feature(F, "np.ptp", "only the first argument", (lambda x: np.ptp(x), M))
feature(F, "np.ravel", "no order argument", (lambda x: np.ravel(x), M))
feature(F, "np.repeat", "no axis argument",
        (lambda x: np.repeat(x, 2), M), (lambda x, r: np.repeat(x, r), V, i64(6, lo=0, hi=3)))
feature(F, "np.reshape", "no order argument", (lambda x: np.reshape(x, (2, 10)), M))
feature(F, "np.roll", "only the 2 first arguments; an integer shift",
        (lambda x: (np.roll(x, 2), np.roll(x, -7)), M), (lambda x, s: np.roll(x, s), V,
                                                        np.int64(4)))
feature(F, "np.roots", "", (lambda p: np.roots(p), np.array([1.0, -6.0, 11.0, -6.0])))
feature(F, "np.rot90", "only the 2 first arguments",
        (lambda x: (np.rot90(x), np.rot90(x, 3)), M))
feature(F, "np.round_", "", (lambda x: (np.round_(x), np.round_(x, 2)), M * 10))
feature(F, "np.searchsorted", "only the 3 first arguments",
        (lambda a, v: (np.searchsorted(a, v), np.searchsorted(a, v, "right")),
         np.sort(i64(10)).astype(np.float64), f64(5) * 5))
feature(F, "np.select", "lists or tuples of arrays",
        (lambda x: np.select([x < -0.5, x > 0.5], [x * 2, x * 3]), M),
        (lambda x: np.select((x < -0.5, x > 0.5), (x * 2, x * 3), 1.0), M))
feature(F, "np.shape", "", (lambda x: np.zeros(np.shape(x)) + x, M))
feature(F, "np.sinc", "", (lambda x: np.sinc(x), specials()))
feature(F, "np.sort", "no optional arguments; the last axis",
        (lambda x: np.sort(x), M), (lambda x: np.sort(x), specials()))
feature(F, "np.split", "", (lambda x: (np.split(x, 3), np.split(x, [1, 4])), V))
feature(F, "np.stack", "", (lambda x, y: (np.stack((x, y)), np.stack((x, y), axis=1)), M, M))
feature(F, "np.swapaxes", "", (lambda x: np.swapaxes(x, 0, 1), M))
feature(F, "np.take_along_axis", "a literal axis",
        (lambda x: np.take_along_axis(x, np.argsort(x, axis=1), 1), M))
feature(F, "np.transpose", "", (lambda x: (np.transpose(x), np.transpose(x, (1, 0))), M))
feature(F, "np.trapz", "only the 3 first arguments",
        (lambda y, x: (np.trapz(y), np.trapz(y, x), np.trapz(y, dx=0.5)), V, np.sort(f64(6))))
feature(F, "np.tri", "only the 3 first arguments; an integer k",
        (lambda: (np.tri(3), np.tri(3, 4, 1)),), (lambda n: np.tri(n, n, -1), N))
for _n in ["tril", "triu"]:
    feature(F, f"np.{_n}", "an integer k", (lambda x, _f=getattr(np, _n): (_f(x), _f(x, 1),
                                                                           _f(x, -2)), M))
for _n in ["tril_indices", "triu_indices"]:
    feature(F, f"np.{_n}", "integer arguments",
            (lambda _f=getattr(np, _n): (_f(4), _f(4, 1), _f(3, -1, 5)),),
            (lambda n, _f=getattr(np, _n): _f(n), N))
for _n in ["tril_indices_from", "triu_indices_from"]:
    feature(F, f"np.{_n}", "an integer k",
            (lambda x, _f=getattr(np, _n): (_f(x), _f(x, 1)), M))
feature(F, "np.unique", "only the first argument", (lambda x: np.unique(x), i64(12)),
        (lambda x: np.unique(x), specials()))
feature(F, "np.vander", "", (lambda x: (np.vander(x), np.vander(x, 3),
                                        np.vander(x, 4, True)), V))
feature(F, "np.vstack", "", (lambda x, y: np.vstack((x, y)), M, M))
feature(F, "np.where", "", (lambda x: (np.where(x > 0, x, -x), np.where(x > 0.5)), M))
feature(F, "np.zeros", "only the 2 first arguments",
        (lambda: (np.zeros(3), np.zeros((2, 2), np.int32)),), (lambda n: np.zeros((n, 2)), N))
feature(F, "np.zeros_like", "only the 2 first arguments",
        (lambda x: (np.zeros_like(x), np.zeros_like(x, np.int32)), M))

# --- constructors and machine parameters ---------------------------------------------------

K = "Constructors and machine parameters"
for _n in ["bool_", "complex64", "complex128", "float32", "float64", "int8", "int16",
           "int32", "int64", "intc", "intp", "uint8", "uint16", "uint32", "uint64", "uintc",
           "uintp"]:
    feature(K, f"np.{_n}", "a number (a scalar) or a sequence (an array)",
            (lambda s, v, _t=getattr(np, _n): (_t(s), _t(v)), np.float64(3.0),
             i64(4, lo=0, hi=100)))
feature(K, "np.iinfo", "numeric attributes",
        (lambda x: (np.iinfo(x.dtype).max, np.iinfo(np.int16).min + x), i32(3)))
feature(K, "np.finfo", "numeric attributes (not machar)",
        (lambda x: (np.finfo(x.dtype).eps * x, np.finfo(np.float32).max + 0.0 * x), M))
# numpy 1.24 has neither: numba's page lists them, but there is nothing to run (n/a).
feature(K, "np.MachAr", "no constructor arguments (numpy 1.24 removed np.MachAr)")

# --- np.random (each program seeds numpy's global generator first) -----------------------

Q = "np.random"
RND = np.random
feature(Q, "np.random.Generator().random()", "a Generator passed in",
        (lambda g: (g.random(), g.random(3)), np.random.default_rng(7)))
feature(Q, "np.random.seed", "an integer argument only",
        (lambda: (RND.seed(3), RND.random(2))[1],),
        (lambda s: (RND.seed(s), RND.random(2))[1], np.int64(4)))


def _seeded(draw):
    def program():
        RND.seed(11)
        return draw()
    return program


_SIMPLE = {"rand": lambda: (RND.rand(), RND.rand(3), RND.rand(2, 2)),
           "randint": lambda: (RND.randint(5), RND.randint(-3, 9, 4)),
           "randn": lambda: (RND.randn(), RND.randn(2, 3)),
           "random": lambda: (RND.random(), RND.random(3)),
           "random_sample": lambda: RND.random_sample((2, 2)),
           "ranf": lambda: RND.ranf(3),
           "sample": lambda: RND.sample(3)}
for _n, _d in _SIMPLE.items():
    feature(Q, f"np.random.{_n}", "only the first two arguments" if _n == "randint" else "",
            (_seeded(_d),))
feature(Q, "np.random.choice", "no p argument",
        (lambda x: (RND.seed(2), RND.choice(x), RND.choice(x, 3), RND.choice(5, 4, False))[1:],
         V))
feature(Q, "np.random.permutation", "",
        (lambda x: (RND.seed(2), RND.permutation(x), RND.permutation(6))[1:], V))
feature(Q, "np.random.shuffle", "a 1-D array", (lambda x: (RND.seed(2), RND.shuffle(x), x)[2],
                                                V))
_DIST = {"beta": (2.0, 3.0), "binomial": (10, 0.3), "chisquare": (3.0,),
         "dirichlet": ((1.0, 2.0, 3.0),), "exponential": (2.0,), "f": (3.0, 5.0),
         "gamma": (2.0, 1.5), "geometric": (0.3,), "gumbel": (0.5, 2.0),
         "hypergeometric": (10, 5, 6), "laplace": (0.5, 2.0), "logistic": (0.5, 2.0),
         "lognormal": (0.5, 0.25), "logseries": (0.6,), "multinomial": (10, (0.2, 0.3, 0.5)),
         "negative_binomial": (5, 0.4), "noncentral_chisquare": (3.0, 1.5),
         "normal": (1.0, 2.0), "pareto": (3.0,), "poisson": (4.0,), "power": (2.5,),
         "rayleigh": (1.5,), "standard_cauchy": (), "standard_exponential": (),
         "standard_gamma": (2.0,), "standard_normal": (), "standard_t": (4.0,),
         "triangular": (0.0, 1.0, 3.0), "uniform": (-1.0, 2.0), "vonmises": (0.5, 2.0),
         "wald": (1.0, 2.0), "weibull": (1.5,), "zipf": (2.5,)}
for _n, _p in _DIST.items():
    feature(Q, f"np.random.{_n}", "all arguments",
            (_seeded(lambda _f=getattr(RND, _n), _p=_p: (_f(*_p), _f(*_p, size=3))),))
feature(Q, "np.random.normal (staged parameters)", "all arguments",
        (lambda m, s: (RND.seed(5), RND.normal(m, s))[1], V, np.abs(V) + 0.1))
feature(Q, "np.random.uniform (staged parameters)", "all arguments",
        (lambda lo: (RND.seed(5), RND.uniform(lo, lo + 1.0, size=(2, 6)))[1], V))

# --- stride_tricks -------------------------------------------------------------------------

feature("stride_tricks", "np.lib.stride_tricks.as_strided", "strides mandatory; no subok",
        (lambda x: np.lib.stride_tricks.as_strided(x, shape=(4, 3), strides=(8, 8)), V))

# --- ufuncs (numba's "Standard ufuncs" tables; modf and frexp, "No" in nopython mode there,
#     are left out) ------------------------------------------------------------------------

U = "ufuncs"
XF, YF = specials(), np.roll(specials(), 5) * 0.75
XI, YI = i64(12, lo=-50, hi=50), i64(12, lo=1, hi=9)
XU = unit(12)  # arcsin/arctanh's domain
XB = _rng.integers(0, 2, 12).astype(bool)
_INT_TOO = {"add", "subtract", "multiply", "floor_divide", "remainder", "mod", "power",
            "negative", "abs", "absolute", "sign", "square", "maximum", "minimum",
            "greater", "greater_equal", "less", "less_equal", "not_equal", "equal",
            "true_divide", "divide", "divmod", "fmod", "fmax", "fmin"}
_INT_ONLY = {"gcd", "lcm", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not",
             "invert", "left_shift", "right_shift"}
_UFUNCS = """add subtract multiply divide logaddexp logaddexp2 true_divide floor_divide
negative power float_power remainder mod fmod divmod abs absolute fabs rint sign conj exp exp2
log log2 log10 expm1 log1p sqrt square cbrt reciprocal conjugate gcd lcm sin cos tan arcsin
arccos arctan arctan2 hypot sinh cosh tanh arcsinh arccosh arctanh deg2rad rad2deg degrees
radians bitwise_and bitwise_or bitwise_xor bitwise_not invert left_shift right_shift greater
greater_equal less less_equal not_equal equal logical_and logical_or logical_xor logical_not
maximum minimum fmax fmin isfinite isinf isnan signbit copysign nextafter ldexp floor ceil
trunc spacing""".split()


def _ufunc_forms(name):
    u = getattr(np, name)
    if name == "ldexp":
        return [(lambda x, e: np.ldexp(x, e), XF, i32(12, lo=-5, hi=5))]
    if name in _INT_ONLY:
        y = i64(12, lo=0, hi=6) if name.endswith("shift") else YI * 3
        forms = [(lambda x, y, _u=u: _u(x, y), XI, y)] if u.nin == 2 else \
            [(lambda x, _u=u: _u(x), XI)]
        if name not in ("gcd", "lcm", "left_shift", "right_shift"):
            forms.append((lambda x, _u=u: _u(x, x) if _u.nin == 2 else _u(x), XB))
        return forms
    x = XU if name in ("arcsin", "arccos", "arctanh") else XF
    forms = [(lambda x, y, _u=u: _u(x, y), x, YF) if u.nin == 2 else
             (lambda x, _u=u: _u(x), x)]
    if name in _INT_TOO:
        y = np.abs(YI) % 4 if name == "power" else YI
        forms.append((lambda x, y, _u=u: _u(x, y), XI, y) if u.nin == 2 else
                     (lambda x, _u=u: _u(x), XI))
    if name in ("conj", "conjugate", "exp", "log", "sqrt", "absolute", "add", "multiply"):
        z = XU + 1j * np.roll(XU, 3)
        forms.append((lambda x, _u=u: _u(x, x) if _u.nin == 2 else _u(x), z))
    return forms


for _n in _UFUNCS:
    feature(U, f"np.{_n}", "", *_ufunc_forms(_n))
feature(U, "np.isnat", "datetime64/timedelta64",
        (lambda t: np.isnat(t), np.array(["2020-01-01", "NaT"], dtype="datetime64[D]")))

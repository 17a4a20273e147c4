"""The OpInfo table (after PyTorch's OpInfo): every numpy function, ufunc, method and
ag.nn function ag stages, each with a generator of sample inputs over the dtypes ag
stages (bool, int32, int64, float32, float64; int8/16, uint8-64 and float16 at the
end), 0-d, 0-size and broadcast shapes, NaN/inf/-0.0 and integer extremes
(tests/python/_reference.make puts them first), and numpy's error cases. test_opinfo.py
checks every sample staged vs eager numpy; scripts/opinfo_readme.py prints the README's
list of what ag stages from it.

An entry is OpInfo(name, op, samples): `op(*args, **kwargs)` is what a user writes
(kwargs are Python constants, so they are part of the staged function); `samples(rng)`
yields Sample(args, kwargs). Arrays in args are the staged function's arguments.
"""

import collections

import numpy as np

from _reference import make

import ag

ALL = [np.bool_, np.int32, np.int64, np.float32, np.float64]
NUM = [np.int32, np.int64, np.float32, np.float64]
INT = [np.int32, np.int64]
FLT = [np.float32, np.float64]
INTB = [np.bool_, np.int32, np.int64]

Sample = collections.namedtuple("Sample", "args kwargs")


def S(*args, **kwargs):
    return Sample(args, kwargs)


class OpInfo:
    """`kind`: the README section ('ufunc', 'function', 'method', 'nn').
    `numpy_scalar`: where numpy returns a Python bool/int/float, ag returns the numpy
    scalar of the same value (int()/bool()/float() of staged values are numpy scalars:
    a known difference the test checks as exactly that)."""

    def __init__(self, name, op, samples, kind="function", numpy_scalar=False):
        self.name, self.op, self.samples, self.kind = name, op, samples, kind
        self.numpy_scalar = numpy_scalar

    def __repr__(self):
        return self.name


# --- sample families ----------------------------------------------------------------

SHAPES_1 = [(), (0,), (7,), (2, 3)]


def unary(dtypes=ALL, shapes=SHAPES_1, low=-20, high=20):
    def gen(rng):
        for dt in dtypes:
            for shape in shapes:
                yield S(make(dt, shape, rng, low=low, high=high))
    return gen


def binary(dtypes=ALL, mixed=True, scalars=(2, 0.5), low=-20, high=20, error=True,
           special=True):
    """Same-dtype pairs over shapes (0-d, 0-size, broadcasting), mixed dtypes, Python
    scalars (value-based casting) and a shape mismatch (numpy's ValueError)."""
    def gen(rng):
        for dt in dtypes:
            m = lambda shape: make(dt, shape, rng, low=low, high=high,  # noqa: E731
                                   special=special)
            yield S(m((6,)), m((6,)))
            yield S(m((3, 1)), m((4,)))
            yield S(m(()), m((2, 3)))
            yield S(m(()), m(()))
            yield S(m((0,)), m((1,)))
            for s in scalars:
                yield S(m((5,)), s)
                yield S(s, m((5,)))
        if mixed:
            pairs = [(a, b) for i, a in enumerate(dtypes) for b in dtypes[i + 1:]]
            for a, b in pairs:
                yield S(make(a, (5,), rng, low=low, high=high, special=special),
                        make(b, (5,), rng, low=low, high=high, special=special))
        if error:
            dt = dtypes[-1]
            yield S(make(dt, (3,), rng), make(dt, (4,), rng))
    return gen


def reduce_samples(dtypes=ALL, kwargs_list=None, shapes=((), (0,), (3, 4), (2, 0, 3)),
                   special=True):
    kwargs_list = kwargs_list or [{}, {"axis": 0}, {"axis": -1}, {"axis": (0, 1)},
                                  {"axis": 0, "keepdims": True}, {"axis": 5}]

    def gen(rng):
        for dt in dtypes:
            for shape in shapes:
                x = make(dt, shape, rng, special=special)
                for kw in kwargs_list:
                    if len(shape) == 3 or dt in (np.int32, np.float32) or not kw:
                        yield Sample((x,), kw)
    return gen


def fixed(*samples):
    """Samples written out: each a callable rng -> Sample."""
    def gen(rng):
        for s in samples:
            yield s(rng)
    return gen


def chain(*gens):
    def gen(rng):
        for g in gens:
            yield from g(rng)
    return gen


class a:
    """Shorthand used in fixed samples: make() with the test's rng supplied later."""

    def __init__(self, dt, shape, low=-20, high=20, special=True):
        self.args = dt, shape, low, high, special

    def __call__(self, rng):
        dt, shape, low, high, special = self.args
        return make(dt, shape, rng, special=special, low=low, high=high)


def F(*args, **kwargs):
    """A fixed sample whose array arguments are a(...) makers."""
    return lambda rng: Sample(tuple(x(rng) if isinstance(x, a) else x for x in args),
                              kwargs)


def per_dtype(dtypes, make_sample):
    """make_sample(dt) -> list of callables rng -> Sample, for each dtype."""
    def gen(rng):
        for dt in dtypes:
            for s in make_sample(dt):
                yield s(rng)
    return gen


TABLE = []


def add(name, op, samples, kind="function", **options):
    TABLE.append(OpInfo(name, op, samples, kind, **options))


def ufunc(name, samples, kind="ufunc"):
    add(name, getattr(np, name), samples, kind)


def method(name, samples, **options):
    def op(x, *args, **kwargs):
        return getattr(x, name)(*args, **kwargs)
    op.__name__ = name
    add(f"ndarray.{name}", op, samples, kind="method", **options)


# --- ufuncs -------------------------------------------------------------------------

for _n in ["add", "subtract", "multiply", "maximum", "minimum", "equal", "not_equal",
           "less", "less_equal", "greater", "greater_equal", "logical_and",
           "logical_or", "logical_xor"]:
    ufunc(_n, binary(ALL))
for _n in ["true_divide", "floor_divide", "remainder"]:
    ufunc(_n, binary(NUM))
ufunc("divide", binary([np.int32, np.float32]))
ufunc("power", binary(NUM, low=-3, high=3, scalars=(2, 0.5, 3)))
for _n in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
    ufunc(_n, binary(INTB, scalars=(3,)))
for _n in ["negative", "absolute", "sign", "square", "positive"]:
    ufunc(_n, unary(NUM))
for _n in ["exp", "exp2", "expm1", "sin", "cos", "tan", "arctan", "sinh", "cosh", "tanh",
           "sqrt", "log", "log2", "log10", "log1p", "floor", "ceil", "trunc", "rint",
           "fabs", "reciprocal"]:
    ufunc(_n, unary(ALL if _n not in ("reciprocal",) else NUM))
for _n in ["logical_not", "isnan", "isinf", "isfinite"]:
    ufunc(_n, unary(ALL))
ufunc("invert", unary(INTB))
ufunc("matmul", fixed(*[F(a(dt, sa), a(dt, sb)) for dt in ALL
                        for sa, sb in [((3, 4), (4, 2)), ((4,), (4, 3)), ((2, 3, 4), (4,)),
                                       ((0, 3), (3, 2)), ((3, 0), (0, 2)), ((3, 4), (3, 2))]]))

# --- reductions ---------------------------------------------------------------------

for _n in ["sum", "prod", "mean", "max", "min", "amax", "amin", "all", "any"]:
    add(_n, getattr(np, _n), reduce_samples(ALL))
add("sum(dtype=)", lambda x: np.sum(x, dtype=np.float64), unary(ALL))
for _n in ["argmax", "argmin"]:
    add(_n, getattr(np, _n), reduce_samples(
        ALL, [{}, {"axis": 0}, {"axis": -1}, {"axis": 0, "keepdims": True},
              {"axis": 3}]))

# --- shapes and data movement -------------------------------------------------------

add("reshape", np.reshape, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), (3, 2)), F(a(dt, (2, 3)), -1), F(a(dt, (0, 3)), (3, -1)),
    F(a(dt, ()), (1, 1)), F(a(dt, (2, 3)), (4, 2))]))
add("transpose", np.transpose, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3, 4))), F(a(dt, (2, 3, 4)), (1, 0, 2)), F(a(dt, ())),
    F(a(dt, (2, 3)), (0, 0))]))
add("moveaxis", np.moveaxis, per_dtype(NUM, lambda dt: [
    F(a(dt, (2, 3, 4)), 0, -1), F(a(dt, (2, 3, 4)), (0, 1), (2, 0)),
    F(a(dt, (2, 3)), 4, 0)]))
add("swapaxes", np.swapaxes, per_dtype(NUM, lambda dt: [
    F(a(dt, (2, 3, 4)), 0, 2), F(a(dt, (0, 3)), 0, 1), F(a(dt, (2, 3)), 0, 3)]))
add("squeeze", np.squeeze, per_dtype(ALL, lambda dt: [
    F(a(dt, (1, 3, 1))), F(a(dt, (1, 3, 1)), 2), F(a(dt, (1, 3, 1)), 1),
    F(a(dt, ()))]))
add("expand_dims", np.expand_dims, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), 0), F(a(dt, (2, 3)), (0, -1)), F(a(dt, ()), 0),
    F(a(dt, (3,)), 3)]))
add("broadcast_to", np.broadcast_to, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), (2, 3)), F(a(dt, ()), (0, 2)), F(a(dt, (3,)), (4,))]))
add("concatenate", lambda *xs, **k: np.concatenate(xs, **k), per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), a(dt, (1, 3))), F(a(dt, (2, 3)), a(dt, (2, 1)), axis=1),
    F(a(dt, (0, 3)), a(dt, (2, 3))), F(a(dt, (2, 3)), a(np.float64, (2, 3))),
    F(a(dt, (2, 3)), a(dt, (2, 3)), axis=None), F(a(dt, (2, 3)), a(dt, (2, 2)))]))
add("stack", lambda *xs, **k: np.stack(xs, **k), per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), a(dt, (2, 3))), F(a(dt, (2, 3)), a(dt, (2, 3)), axis=-1),
    F(a(dt, ()), a(dt, ())), F(a(dt, (2,)), a(dt, (3,)))]))
add("vstack", lambda *xs: np.vstack(xs), per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), a(dt, (3,))), F(a(dt, (2, 3)), a(dt, (1, 3))),
    F(a(dt, (2, 3)), a(dt, (1, 2)))]))
add("hstack", lambda *xs: np.hstack(xs), per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), a(dt, (2,))), F(a(dt, (2, 3)), a(dt, (2, 1))),
    F(a(dt, (2, 3)), a(dt, (1, 3)))]))
add("copy", np.copy, unary(ALL))
add("zeros_like", np.zeros_like, unary(ALL))
add("ones_like", np.ones_like, unary(ALL))
add("empty_like", lambda x: np.zeros_like(np.empty_like(x)), unary(ALL))
add("full_like", np.full_like, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), 7), F(a(dt, ()), 2.5), F(a(dt, (0,)), 1)]))
add("shape", np.shape, unary(ALL))
add("ndim", np.ndim, unary(ALL))
add("size", np.size, unary(ALL))
add("result_type", lambda x, y: np.zeros(2, np.result_type(x, y)), binary(ALL,
                                                                         error=False))
add("copyto", lambda d, s: (np.copyto(d, s), d)[1], per_dtype(NUM, lambda dt: [
    F(a(dt, (2, 3)), a(dt, (3,))), F(a(dt, (2, 3)), a(np.float64, (2, 3))),
    F(a(np.float64, (2, 3)), a(dt, (2, 3)))]))

# --- elementwise functions ----------------------------------------------------------

add("where", np.where, per_dtype(ALL, lambda dt: [
    F(a(np.bool_, (2, 3)), a(dt, (2, 3)), a(dt, (3,))),
    F(a(np.bool_, ()), a(dt, ()), a(dt, ())), F(a(np.int32, (4,)), a(dt, (4,)), 0),
    F(a(np.bool_, (3,)), a(dt, (4,)), a(dt, (4,)))]))
add("where(cond)", lambda c: np.where(c), unary(ALL, shapes=[(0,), (7,), (2, 3)]))
add("clip", np.clip, per_dtype(NUM, lambda dt: [
    F(a(dt, (7,)), -1, 3), F(a(dt, (7,)), None, 2), F(a(dt, ()), 0, 1),
    F(a(dt, (2, 3)), a(dt, (3,)), a(dt, (2, 1))), F(a(dt, (3,)), None, None)]))
add("round", np.round, per_dtype(NUM, lambda dt: [
    F(a(dt, (7,))), F(a(dt, (7,)), 1), F(a(dt, (7,)), -1), F(a(dt, ()))]))
add("around", np.around, unary(NUM))
add("isclose", np.isclose, chain(binary(NUM, scalars=(2,), error=True),
                                 fixed(F(a(np.float64, (8,)), a(np.float64, (8,)),
                                         equal_nan=True))))
add("allclose", np.allclose, binary(NUM, scalars=(2,), mixed=False),
    numpy_scalar=True)

# --- linear algebra -----------------------------------------------------------------

add("dot", np.dot, fixed(*[F(a(dt, sa), a(dt, sb)) for dt in ALL
                           for sa, sb in [((3, 4), (4, 2)), ((4,), (4,)), ((), (2, 3)),
                                          ((2, 3, 4), (4, 2)), ((0,), (0,)),
                                          ((3,), (4,))]]))

# --- gather/scatter -----------------------------------------------------------------

add("nonzero", np.nonzero, unary(ALL, shapes=[(0,), (7,), (2, 3)]))
add("argwhere", np.argwhere, unary(ALL, shapes=[(), (0,), (7,), (2, 3)]))
add("flatnonzero", np.flatnonzero, unary(ALL, shapes=[(), (0,), (7,), (2, 3)]))
_I = lambda *v: np.array(v, np.int64)  # noqa: E731
add("take", np.take, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), _I(0, 5, -1)), F(a(dt, (2, 3)), _I(1, 0), axis=1),
    F(a(dt, (4,)), 2), F(a(dt, (4,)), _I(4)), F(a(dt, (4,)), _I(9), mode="clip"),
    F(a(dt, (4,)), _I(-5, 6), mode="wrap")]))
add("take_along_axis", np.take_along_axis, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), np.array([[0, 2], [1, 1]]), 1),
    F(a(dt, (2, 3)), np.array([[1, 0, 1]]), 0),
    F(a(dt, (2, 3)), np.array([[3]]), 1)]))
add("put", lambda x, i, v, **k: (np.put(x, i, v, **k), x)[1], per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), _I(0, 4), a(dt, (2,))), F(a(dt, (5,)), _I(7), 1, mode="clip"),
    F(a(dt, (5,)), _I(7), 1)]))
add("ufunc.at", lambda x, i, v, **k: (np.add.at(x, i, v), np.maximum.at(x, i[:1], v),
                                      x)[2],
    per_dtype(NUM, lambda dt: [F(a(dt, (5,)), _I(0, 2, 2, -1), a(dt, (4,))),
                               F(a(dt, (5,)), _I(3, 3), 1), F(a(dt, (2, 3)), _I(1, 1),
                                                              a(dt, (3,))),
                               F(a(dt, (5,)), _I(5, 0), 1)]))
add("ufunc.accumulate", lambda x, **k: (np.add.accumulate(x, **k),
                                        np.maximum.accumulate(x, **k)),
    per_dtype(NUM, lambda dt: [F(a(dt, (7,))), F(a(dt, (2, 3)), axis=1),
                               F(a(dt, (2, 3)), axis=0), F(a(dt, (0,)))]))
add("bincount", np.bincount, fixed(
    F(a(np.int64, (9,), 0, 6, special=False)), F(a(np.int32, (0,))),
    F(a(np.int64, (5,), 0, 4, special=False), minlength=8),
    F(a(np.int64, (5,), 0, 4, special=False), a(np.float64, (5,))),
    F(_I(1, -1)), F(a(np.float64, (3,)))))
add("digitize", np.digitize, per_dtype(NUM, lambda dt: [
    F(a(dt, (9,)), np.array([-5.0, 0.0, 5.0])),
    F(a(dt, (2, 3)), np.array([5.0, 0.0, -5.0]), right=True),
    F(a(dt, (0,)), np.array([1.0]))]))

# --- scans and sorts ----------------------------------------------------------------

_SCAN = [{}, {"axis": 0}, {"axis": -1}, {"axis": 4}]
add("cumsum", np.cumsum, reduce_samples(ALL, _SCAN))
add("cumprod", np.cumprod, reduce_samples(ALL, _SCAN, special=False))
add("diff", np.diff, per_dtype(NUM, lambda dt: [
    F(a(dt, (7,))), F(a(dt, (3, 4)), 2, axis=0), F(a(dt, (0,))), F(a(dt, ())),
    F(a(dt, (4,)), prepend=0)]))
add("ediff1d", np.ediff1d, unary(NUM, shapes=[(0,), (7,), (2, 3)]))
add("trapz", np.trapz, per_dtype(NUM, lambda dt: [
    F(a(dt, (7,))), F(a(dt, (3, 4)), dx=0.5, axis=0), F(a(dt, (4,)), a(dt, (4,)))]))
_SORT = [{}, {"axis": 0}, {"axis": None}, {"kind": "stable"}, {"axis": 3}]
add("sort", np.sort, reduce_samples(ALL, _SORT))
add("argsort", np.argsort, reduce_samples(ALL, _SORT))
add("partition", np.partition, per_dtype(ALL, lambda dt: [
    F(a(dt, (7,)), 3), F(a(dt, (3, 4)), (0, 2), axis=0), F(a(dt, (4,)), 9)]))
add("argpartition", np.argpartition, per_dtype(ALL, lambda dt: [
    F(a(dt, (7,)), 3), F(a(dt, (3, 4)), 1, axis=None), F(a(dt, (4,)), 9)]))
add("searchsorted", np.searchsorted, per_dtype(NUM, lambda dt: [
    F(np.sort(np.arange(-6, 6, 1.5)).astype(dt), a(dt, (7,))),
    F(np.arange(5).astype(dt), a(dt, ()), side="right"),
    F(np.arange(0).astype(dt), a(dt, (3,)))]))
_STAT = [{}, {"axis": 0}, {"axis": -1, "keepdims": True}, {"axis": 4}]
add("median", np.median, reduce_samples(NUM, _STAT, shapes=((), (7,), (3, 4))))
# A float32 array holding NaN gives a numpy scalar of a dtype that depends on the data
# there (README): ag raises, so those samples have no NaN.
add("percentile", lambda x, **k: np.percentile(x, 30, **k),
    reduce_samples(NUM, _STAT, shapes=((7,), (3, 4)), special=False))
add("quantile", lambda x, **k: np.quantile(x, [0.1, 0.9], **k),
    reduce_samples(FLT, _STAT, shapes=((7,), (3, 4))))

# --- ndarray methods ----------------------------------------------------------------

for _n in ["sum", "prod", "mean", "max", "min", "all", "any"]:
    method(_n, reduce_samples(ALL, [{}, {"axis": 0}, {"axis": 5}],
                              shapes=((), (0,), (3, 4))))
for _n in ["argmax", "argmin", "cumsum", "cumprod", "argsort", "nonzero", "ravel",
           "flatten", "copy", "squeeze", "round", "transpose"]:
    method(_n, unary(NUM if _n in ("round",) else ALL,
                     shapes=[(0,), (7,), (2, 3)] if _n == "nonzero" else SHAPES_1,
                     low=-5, high=5))
method("astype", per_dtype(ALL, lambda dt: [F(a(dt, (2, 3)), t) for t in ALL]))
method("reshape", per_dtype(ALL, lambda dt: [F(a(dt, (2, 3)), 3, 2), F(a(dt, (2, 3)), (-1,)),
                                             F(a(dt, (2, 3)), 5)]))
method("clip", per_dtype(NUM, lambda dt: [F(a(dt, (7,)), 0, 3), F(a(dt, (7,)), None, 1)]))
method("dot", per_dtype(NUM, lambda dt: [F(a(dt, (2, 3)), a(dt, (3,))),
                                         F(a(dt, (2, 3)), a(dt, (2,)))]))
method("take", per_dtype(ALL, lambda dt: [F(a(dt, (2, 3)), _I(0, 5)),
                                          F(a(dt, (2, 3)), _I(6))]))
method("fill", per_dtype(ALL, lambda dt: [F(a(dt, (2, 3)), 3), F(a(dt, ()), 1.5)]))
method("searchsorted", per_dtype(NUM, lambda dt: [F(np.arange(6).astype(dt), a(dt, (4,)))]))
add("ndarray.sort()", lambda x, **k: (x.sort(**k), x)[1], reduce_samples(
    ALL, [{}, {"axis": 0}], shapes=((7,), (3, 4))), kind="method")
add("ndarray.T", lambda x: x.T, unary(ALL), kind="method")
add("ndarray.shape/ndim/size/dtype", lambda x: (x.shape, x.ndim, x.size, x.dtype),
    unary(ALL), kind="method")
add("len", len, unary(ALL), kind="method")

# --- ag.nn --------------------------------------------------------------------------

for _n in ["relu", "sigmoid", "gelu", "erf"]:
    add(f"ag.nn.{_n}", getattr(ag.nn, _n), unary(FLT), kind="nn")
for _n in ["softmax", "log_softmax"]:
    add(f"ag.nn.{_n}", getattr(ag.nn, _n), per_dtype(FLT, lambda dt: [
        F(a(dt, (2, 5), special=False)), F(a(dt, (2, 5), special=False), axis=0)]),
        kind="nn")
add("ag.nn.conv2d", ag.nn.conv2d, per_dtype(FLT, lambda dt: [
    F(a(dt, (1, 2, 5, 5), special=False), a(dt, (3, 2, 3, 3), special=False)),
    F(a(dt, (2, 2, 6, 6), special=False), a(dt, (2, 2, 3, 3), special=False), stride=2,
      padding=1)]), kind="nn")
add("ag.nn.max_pool2d", ag.nn.max_pool2d, per_dtype(FLT, lambda dt: [
    F(a(dt, (1, 2, 6, 6)), 2), F(a(dt, (1, 1, 5, 5)), 3, stride=1)]), kind="nn")
add("ag.nn.avg_pool2d", ag.nn.avg_pool2d, per_dtype(FLT, lambda dt: [
    F(a(dt, (1, 2, 6, 6), special=False), 2)]), kind="nn")

# --- ufuncs written as compositions (frontend/ag/staged/ufuncs_more.py) ---------------------

for _n in ["arcsin", "arccos", "arctanh"]:
    ufunc(_n, unary(ALL, low=-1, high=1))
for _n in ["arcsinh", "cbrt", "deg2rad", "rad2deg", "degrees", "radians", "conjugate"]:
    ufunc(_n, unary(ALL))
ufunc("arccosh", unary(ALL, low=1, high=30))
for _n in ["fmod", "fmax", "fmin", "hypot", "arctan2", "logaddexp", "logaddexp2",
           "heaviside", "float_power"]:
    ufunc(_n, binary(NUM if _n not in ("fmax", "fmin") else ALL,
                     low=-3 if _n == "float_power" else -20,
                     high=3 if _n == "float_power" else 20))
# The functions of a float's bits (staged/bits.py); test_bits.py compares their bits.
ufunc("copysign", chain(binary(NUM, scalars=(-2,)),
                        fixed(F(a(np.float64, (8,)), -np.array([0.0, 1.0])),
                              F(a(np.float32, (8,)), np.array([-0.0, 0.0], np.float32)))))
ufunc("nextafter", binary(NUM, scalars=(-2, 0.5)))
add("i0", np.i0, unary(ALL, low=-30, high=30))
ufunc("spacing", unary(ALL))
ufunc("ldexp", chain(per_dtype(FLT, lambda dt: [
    F(a(dt, (7,)), np.array([0, 1, -1, 200, -200, 3000, -3000])),
    F(a(dt, (2, 3)), a(np.int32, (3,))), F(a(dt, ()), 4), F(1.5, a(np.int64, (4,))),
    F(a(dt, (3,)), a(np.bool_, (3,))), F(a(dt, (3,)), a(np.float64, (3,))),
    F(a(dt, (3,)), a(np.uint64, (3,))), F(a(dt, (2,)), a(np.int32, (3,)))]),
    fixed(F(a(np.int32, (4,)), a(np.int8, (4,))))))
ufunc("divmod", binary(NUM))
for _n in ["gcd", "lcm"]:
    ufunc(_n, binary(INTB, scalars=(12,), low=-40, high=40))
for _n in ["left_shift", "right_shift"]:
    ufunc(_n, chain(binary(INTB, scalars=(3,), low=-70, high=70),
                    fixed(F(a(np.int64, (6,)), np.array([0, 1, 62, 63, 64, -1])),
                          F(a(np.int32, (6,)), np.array([0, 1, 30, 31, 32, -1], np.int32)))))
add("operators << >> divmod()", lambda x, y: (x << y, x >> y, divmod(x, y)),
    binary(INT, scalars=(3,), low=0, high=9, mixed=False), kind="ufunc")
add("ufunc.reduce", lambda x, **k: (np.add.reduce(x, **k), np.multiply.reduce(x, **k),
                                    np.maximum.reduce(x, **k), np.minimum.reduce(x, **k),
                                    np.logical_or.reduce(x, **k)),
    reduce_samples(NUM, [{}, {"axis": 1}, {"axis": None}, {"axis": 4}],
                   shapes=((3, 4), (2, 3, 1))), kind="ufunc")
add("ufunc.outer", lambda x, y: (np.add.outer(x, y), np.multiply.outer(x, y),
                                 np.greater.outer(x, y)),
    per_dtype(ALL, lambda dt: [F(a(dt, (3,)), a(dt, (4,))), F(a(dt, (2, 2)), a(dt, ())),
                               F(a(dt, (0,)), a(dt, (2,)))]), kind="ufunc")

# --- functions written as compositions (_numpy_shapes/_stats/_contract.py) --------------

_R = [{}, {"axis": 0}, {"axis": -1, "keepdims": True}, {"axis": (0, 1)}, {"ddof": 1},
      {"axis": 3}]
add("std", np.std, reduce_samples(ALL, _R))
add("var", np.var, reduce_samples(ALL, _R + [{"ddof": 5}]))
add("ptp", np.ptp, reduce_samples(NUM + [np.bool_], [{}, {"axis": 0}, {"axis": 3}],
                                  shapes=((), (3, 4), (2, 0, 3))))
add("count_nonzero", np.count_nonzero, reduce_samples(
    ALL, [{}, {"axis": 0}, {"axis": -1, "keepdims": True}, {"axis": 3}]),
    numpy_scalar=True)
add("average", np.average, chain(
    reduce_samples(NUM, [{}, {"axis": 0}, {"axis": 3}], shapes=((3, 4), (2, 0, 3))),
    per_dtype(NUM, lambda dt: [
        F(a(dt, (3, 4)), weights=np.array([1.0, 2.0, 0.5, 1.0])),
        F(a(dt, (3, 4)), axis=0, weights=np.array([1, 2, 3])),
        F(a(dt, (3, 4)), axis=1, weights=np.array([1, 2, 3, 4]), returned=True),
        F(a(dt, (3,)), weights=np.array([1, -1, 0])),
        F(a(dt, (3, 4)), weights=np.array([1, 2]))])))
for _n in ["nansum", "nanprod", "nanmean", "nanmax", "nanmin", "nanstd", "nanvar"]:
    add(_n, getattr(np, _n), chain(
        reduce_samples(ALL if _n in ("nansum", "nanmax", "nanmin") else NUM,
                       [{}, {"axis": 0}, {"axis": -1, "keepdims": True}, {"axis": 3}]),
        fixed(F(np.array([[np.nan, 1.0], [np.nan, np.nan]]), axis=0),
              F(np.array([[np.nan, 1.0], [np.nan, np.nan]], np.float32), axis=1))))
for _n in ["nanargmax", "nanargmin"]:
    add(_n, getattr(np, _n), chain(
        reduce_samples(NUM, [{}, {"axis": 0}, {"axis": 3}], shapes=((3, 4), (2, 0, 3))),
        fixed(F(np.array([[np.nan, 1.0], [np.nan, np.nan]]), axis=1),
              F(np.array([[np.nan, 1.0], [2.0, np.nan]]), axis=1))))
for _n in ["nancumsum", "nancumprod"]:
    add(_n, getattr(np, _n), reduce_samples(NUM, [{}, {"axis": 0}], special=True,
                                            shapes=((3, 4),)))
add("flip", np.flip, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3))), F(a(dt, (2, 3)), 1), F(a(dt, (2, 3, 2)), (0, 2)), F(a(dt, ())),
    F(a(dt, (3,)), 1)]))
add("fliplr", np.fliplr, unary(ALL, shapes=[(2, 3), (3,)]))
add("flipud", np.flipud, unary(ALL, shapes=[(2, 3), (0,), ()]))
add("roll", np.roll, per_dtype(ALL, lambda dt: [
    F(a(dt, (7,)), 2), F(a(dt, (2, 3)), -1), F(a(dt, (2, 3)), 4, axis=1),
    F(a(dt, (2, 3)), (1, 2), axis=(0, 1)), F(a(dt, (0, 3)), 1, axis=0),
    F(a(dt, (2, 3)), 1, axis=2)]))
add("tile", np.tile, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), 2), F(a(dt, (2, 3)), (2, 1)), F(a(dt, (3,)), (2, 2)), F(a(dt, ()), 3),
    F(a(dt, (2, 3)), 0), F(a(dt, (2, 3)), (1, 1, 2))]))
add("repeat", np.repeat, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), 2), F(a(dt, (2, 3)), 2, axis=1), F(a(dt, (2, 3)), [1, 0], axis=0),
    F(a(dt, ()), 3), F(a(dt, (2, 3)), [1, 2], axis=1), F(a(dt, (3,)), -1)]))
add("pad", np.pad, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), 2), F(a(dt, (2, 3)), ((1, 0), (2, 1)), constant_values=7),
    F(a(dt, (2, 3)), 1, mode="edge"), F(a(dt, (4,)), (5, 2), mode="reflect"),
    F(a(dt, (2, 3)), ((1, 2), (3, 1)), mode="symmetric"), F(a(dt, (3,)), (4, 7),
                                                              mode="wrap"),
    F(a(dt, (0, 2)), 1, mode="edge"), F(a(dt, (3,)), -1),
    F(a(dt, (2, 3)), 1, constant_values=((1, 2), (3, 4))),
    F(a(dt, (3,)), 1, mode="edge", constant_values=2)]))
add("split", np.split, per_dtype(ALL, lambda dt: [
    F(a(dt, (6,)), 3), F(a(dt, (2, 6)), [1, 4], axis=1), F(a(dt, (5,)), 2),
    F(a(dt, (4, 2)), 2, axis=2)]))
add("array_split", np.array_split, per_dtype(ALL, lambda dt: [
    F(a(dt, (7,)), 3), F(a(dt, (2, 5)), 4, axis=1), F(a(dt, (3,)), 0)]))
add("hsplit", np.hsplit, per_dtype(NUM, lambda dt: [
    F(a(dt, (2, 4)), 2), F(a(dt, (4,)), 2)]))
add("vsplit", np.vsplit, per_dtype(NUM, lambda dt: [F(a(dt, (4, 2)), 2), F(a(dt, (4,)), 2)]))
for _n in ["triu", "tril"]:
    add(_n, getattr(np, _n), per_dtype(ALL, lambda dt: [
        F(a(dt, (3, 4))), F(a(dt, (3, 4)), 1), F(a(dt, (2, 3, 3)), -1), F(a(dt, (3,)))]))
add("diag", np.diag, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,))), F(a(dt, (3,)), 1), F(a(dt, (3, 4))), F(a(dt, (3, 4)), -2),
    F(a(dt, (3, 4)), 9), F(a(dt, ())), F(a(dt, (0,)))]))
add("diagonal", np.diagonal, per_dtype(ALL, lambda dt: [
    F(a(dt, (3, 4))), F(a(dt, (3, 4)), 1), F(a(dt, (2, 3, 4)), 0, 2, 1),
    F(a(dt, (3,))), F(a(dt, (3, 4)), 0, 1, 1)]))
add("trace", np.trace, per_dtype(ALL, lambda dt: [
    F(a(dt, (3, 4))), F(a(dt, (3, 4)), 1), F(a(dt, (2, 3, 4)), 0, 1, 2), F(a(dt, (3,)))]))
add("append", np.append, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), a(dt, (4,))), F(a(dt, (2, 3)), a(dt, (1, 3)), axis=0),
    F(a(dt, (2, 3)), a(np.float64, (2, 2)), axis=1), F(a(dt, (2, 3)), a(dt, (3,)), axis=0)]))
add("delete", np.delete, per_dtype(ALL, lambda dt: [
    F(a(dt, (5,)), 1), F(a(dt, (2, 4)), [0, 2], axis=1), F(a(dt, (2, 4)), -1),
    F(a(dt, (5,)), slice(1, 4, 2)), F(a(dt, (5,)), 9),
    # staged positions (numpy arrays and scalars are arguments): a run-time size, errors
    F(a(dt, (5,)), np.array([0, 3, 3, -1])), F(a(dt, (2, 4)), np.array([1, -1]), axis=1),
    F(a(dt, (2, 3)), np.array([], np.int64), axis=0), F(a(dt, (5,)), np.array([7])),
    F(a(dt, (5,)), np.int64(-2))]))
add("insert", np.insert, per_dtype(ALL, lambda dt: [
    F(a(dt, (5,)), 1, 7), F(a(dt, (5,)), [0, 2, 5], a(dt, (3,))),
    F(a(dt, (2, 2)), 1, a(dt, (2,))), F(a(dt, (5,)), 2, a(np.float64, (2,))),
    F(a(dt, (5,)), 9, 1),
    # a staged position
    F(a(dt, (5,)), np.int64(2), a(dt, (3,))), F(a(dt, (5,)), np.int64(-1), 7),
    F(a(dt, (2, 2)), np.int64(4), a(dt, (2,))), F(a(dt, (5,)), np.int64(6), 1),
    F(a(dt, (5,)), np.int32(-6), 1)]))
add("column_stack", lambda *xs: np.column_stack(xs), per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), a(dt, (3,))), F(a(dt, (3, 2)), a(dt, (3,))), F(a(dt, (3,)), a(dt, (4,)))]))
add("meshgrid", np.meshgrid, per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), a(dt, (4,))), F(a(dt, (3,)), a(dt, (4,)), indexing="ij"),
    F(a(dt, (2,)), a(dt, (3,)), a(dt, (4,))), F(a(dt, (3,)), a(dt, (2,)), sparse=True),
    F(a(dt, (3,)))]))
add("kron", np.kron, per_dtype(ALL, lambda dt: [
    F(a(dt, (2,)), a(dt, (3,))), F(a(dt, (2, 2)), a(dt, (3, 1))),
    F(a(dt, (2, 2)), a(dt, (3,))), F(a(dt, ()), a(dt, (2,)))]))
add("vander", np.vander, per_dtype(NUM + [np.bool_], lambda dt: [
    F(a(dt, (4,), -3, 3)), F(a(dt, (4,), -3, 3), 3, increasing=True), F(a(dt, (3,)), 0),
    F(a(dt, (2, 2)))]))
add("select", lambda c1, c2, x, y, **k: np.select([c1, c2], [x, y], **k),
    per_dtype(ALL, lambda dt: [
        F(a(np.bool_, (5,)), a(np.bool_, (5,)), a(dt, (5,)), a(dt, (5,))),
        F(a(np.bool_, (2, 3)), a(np.bool_, (3,)), a(dt, (2, 3)), a(dt, ()), default=9),
        F(a(np.int32, (5,)), a(np.bool_, (5,)), a(dt, (5,)), a(dt, (5,)))]))
add("nan_to_num", np.nan_to_num, chain(unary(ALL), fixed(
    F(a(np.float32, (8,)), nan=-1.0, posinf=9.0), F(a(np.float64, (8,)), neginf=0))))
for _n in ["atleast_1d", "atleast_2d", "atleast_3d"]:
    add(_n, getattr(np, _n), unary(ALL, shapes=[(), (3,), (2, 3), (1, 2, 3, 1)]))
add("ravel", np.ravel, unary(ALL))
add("array_equal", np.array_equal, chain(binary(ALL, scalars=(), error=True),
                                         fixed(F(a(np.float64, (8,)), a(np.float64, (8,))))),
    numpy_scalar=True)
add("array_equal(equal_nan)", lambda x: np.array_equal(x, x.copy(), equal_nan=True),
    unary(FLT), numpy_scalar=True)
add("isin", np.isin, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 5), -3, 3), a(dt, (4,), -3, 3)), F(a(dt, ()), a(dt, (3,))),
    F(a(dt, (5,), -3, 3), np.array([1, 2, -1]), invert=True),
    F(a(dt, (0,)), a(dt, (3,))), F(a(dt, (4,)), a(np.float64, (0,)))]))
add("in1d", np.in1d, per_dtype(NUM, lambda dt: [F(a(dt, (2, 5), -3, 3), a(dt, (4,), -3, 3))]))
add("unique", np.unique, chain(unary(ALL, shapes=[(), (0,), (9,), (3, 4)], low=-3, high=3),
                               per_dtype([np.bool_, np.int32, np.float64], lambda dt: [
                                   F(a(dt, (9,), -3, 3), return_counts=True),
                                   F(a(dt, (9,), -3, 3), return_index=True),
                                   F(a(dt, (3, 3), -3, 3), return_inverse=True),
                                   F(a(dt, (9,), -3, 3), True, True, True),
                                   F(a(dt, (0,)), return_counts=True),
                                   F(a(dt, (9,)), axis=0)]),
                               fixed(F(np.array([np.nan, 1.0, np.nan, 1.0, -0.0, 0.0])),
                                     F(np.array([np.nan, np.nan]), equal_nan=False))))
add("histogram", np.histogram, chain(per_dtype([np.int32, np.float32, np.float64], lambda dt: [
    F(a(dt, (20,), special=False)), F(a(dt, (20,), special=False), 4),
    F(a(dt, (3, 7), special=False), 5, range=(-10, 10)),
    F(a(dt, (20,), special=False), np.array([-20.0, -5, 0, 1, 20])),
    F(a(dt, (20,), special=False), 3, density=True),
    F(a(dt, (20,), special=False), 3, weights=np.arange(20.0)),
    F(a(dt, (0,))), F(np.full(5, 3).astype(dt), 4), F(a(dt, (5,)), 0),
    F(a(dt, (20,), special=False), 3, range=(2, 1))]),
    fixed(F(np.array([1.0, np.nan])))))
add("bincount(weights)", lambda x, w: np.bincount(x, w),
    fixed(F(a(np.int64, (6,), 0, 4, special=False), a(np.float32, (6,)))))
add("interp", np.interp, chain(per_dtype(NUM, lambda dt: [
    F(a(dt, (9,)), np.array([-10.0, -1.0, 0.0, 3.0, 10.0]), np.array([1.0, 2.0, 0.0, 5, 6])),
    F(a(dt, (2, 3)), np.arange(5.0), np.arange(5.0) ** 2, left=-1, right=99),
    F(a(dt, ()), np.array([0.0, 1.0]), np.array([1.0, 2.0])),
    F(a(dt, (3,)), np.array([0.0, 1.0]), np.array([1.0, 2.0, 3.0])),
    F(a(dt, (3,)), np.array([], float), np.array([], float))]),
    fixed(F(np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0]),
            np.array([np.inf, np.inf])))))
add("einsum", np.einsum, per_dtype(ALL, lambda dt: [
    F("ij,jk->ik", a(dt, (3, 4)), a(dt, (4, 2))), F("ij,jk", a(dt, (3, 4)), a(dt, (4, 2))),
    F("ii", a(dt, (3, 3))), F("ii->i", a(dt, (3, 3))), F("ij->ji", a(dt, (2, 3))),
    F("ij->", a(dt, (2, 3))), F("bij,bjk->bik", a(dt, (2, 3, 4)), a(dt, (2, 4, 5))),
    F("i,i", a(dt, (4,)), a(dt, (4,))), F("i,j->ij", a(dt, (3,)), a(dt, (2,))),
    F("ij,jk,kl->il", a(dt, (2, 3)), a(dt, (3, 4)), a(dt, (4, 2))),
    F("...ij,...jk->...ik", a(dt, (2, 2, 3)), a(dt, (2, 3, 2))),
    F("ij,ij->i", a(dt, (3, 4)), a(dt, (3, 4))), F("ijk->kj", a(dt, (2, 3, 4))),
    F("ij,jk->ik", a(dt, (3, 4)), a(dt, (5, 2))), F("ij,jk->ik", a(dt, (3, 4))),
    F("i,i->ii", a(dt, (3,)), a(dt, (3,))), F("ij,j", a(dt, (0, 3)), a(dt, (3,)))]))
add("tensordot", np.tensordot, per_dtype(ALL, lambda dt: [
    F(a(dt, (3, 4, 5)), a(dt, (4, 5, 2))), F(a(dt, (3, 4)), a(dt, (4, 2)), 1),
    F(a(dt, (3, 4, 5)), a(dt, (5, 3)), ([0, 2], [1, 0])), F(a(dt, (3,)), a(dt, (2,)), 0),
    F(a(dt, (3, 4)), a(dt, (3, 4)), 1)]))
add("inner", np.inner, per_dtype(ALL, lambda dt: [
    F(a(dt, (4,)), a(dt, (4,))), F(a(dt, (2, 4)), a(dt, (3, 4))), F(a(dt, ()), a(dt, (3,))),
    F(a(dt, (3,)), a(dt, (4,)))]))
add("outer", np.outer, per_dtype(ALL, lambda dt: [
    F(a(dt, (4,)), a(dt, (3,))), F(a(dt, (2, 2)), a(dt, ())), F(a(dt, (0,)), a(dt, (3,)))]))
add("vdot", np.vdot, per_dtype(ALL, lambda dt: [
    F(a(dt, (4,)), a(dt, (4,))), F(a(dt, (2, 2)), a(dt, (4,))), F(a(dt, (3,)), a(dt, (4,)))]))
for _n in ["convolve", "correlate"]:
    add(_n, getattr(np, _n), per_dtype(NUM + [np.bool_], lambda dt: [
        F(a(dt, (7,)), a(dt, (3,))), F(a(dt, (3,)), a(dt, (7,))),
        F(a(dt, (7,)), a(dt, (3,)), "same"), F(a(dt, (3,)), a(dt, (8,)), "same"),
        F(a(dt, (7,)), a(dt, (4,)), "valid"), F(a(dt, (4,)), a(dt, (7,)), "valid"),
        F(a(dt, (7,)), a(dt, (3,)), "full"), F(a(dt, (0,)), a(dt, (3,))),
        F(a(dt, (2, 2)), a(dt, (3,))), F(a(dt, ()), a(dt, (3,)))]))
add("cov", np.cov, per_dtype([np.bool_, np.int64, np.float32, np.float64], lambda dt: [
    F(a(dt, (3, 5))), F(a(dt, (5,))), F(a(dt, (5, 3)), rowvar=False),
    F(a(dt, (2, 5)), a(dt, (5,))), F(a(dt, (3, 5)), bias=True), F(a(dt, (3, 5)), ddof=0),
    F(a(dt, (3, 1)))]))
add("corrcoef", np.corrcoef, per_dtype(FLT, lambda dt: [
    F(a(dt, (3, 5), special=False)), F(a(dt, (5,), special=False)),
    F(a(dt, (5, 3), special=False), rowvar=False),
    F(a(dt, (2, 5), special=False), a(dt, (5,), special=False))]))
for _n in ["std", "var", "ptp", "repeat", "diagonal", "trace", "swapaxes", "conj"]:
    method(_n, per_dtype(NUM, lambda dt, _n=_n: {
        "std": [F(a(dt, (3, 4))), F(a(dt, (3, 4)), axis=0, ddof=1)],
        "var": [F(a(dt, (3, 4))), F(a(dt, (3, 4)), 1)],
        "ptp": [F(a(dt, (3, 4))), F(a(dt, (3, 4)), 0)],
        "repeat": [F(a(dt, (3,)), 2), F(a(dt, (2, 3)), 2, 0)],
        "diagonal": [F(a(dt, (3, 4))), F(a(dt, (3, 4)), 1)],
        "trace": [F(a(dt, (3, 4)))], "swapaxes": [F(a(dt, (2, 3)), 0, 1)],
        "conj": [F(a(dt, (3,)))]}[_n]))
method("item", per_dtype(ALL, lambda dt: [F(a(dt, (2, 3)), 4),
                                          F(a(dt, (2, 3)), 1, 2), F(a(dt, (2, 3)))]),
       numpy_scalar=True)
add("ndarray.item (numpy scalar)", lambda x: x.item(), unary(ALL, shapes=[(), (1,)]),
    kind="method", numpy_scalar=True)
add("ndarray.itemsize/nbytes/real", lambda x: (x.itemsize, x.nbytes, x.real),
    unary(ALL), kind="method")

# --- _numpy_misc.py ---------------------------------------------------------------------

# (0-d arrays are staged arguments: sizes known when the compiled code runs)
add("eye", lambda n, m=None, k=0, **kw: np.eye(n, m, k, **kw), fixed(
    F(3), F(np.array(4)), F(np.array(3), 5, 1), F(np.array(2), dtype=np.int32),
    F(np.array(3), None, np.array(-1)), F(np.array(-1))))
add("full", lambda shape, v, **k: np.full(shape, v, **k), per_dtype(ALL, lambda dt: [
    F((2, 3), a(dt, ())), F(np.array(3), a(dt, ())), F((2, 2), 1.5),
    F((2,), a(dt, ()), dtype=np.float32), F(np.array(0), a(dt, ()))]))
add("linspace", lambda s, e, *a, **k: np.linspace(s, e, *a, **k), per_dtype(NUM, lambda dt: [
    F(a(dt, ()), a(dt, ()), 5), F(a(dt, ()), 3.5, 4, endpoint=False),
    F(0, a(dt, ()), 3, retstep=True), F(a(dt, ()), a(dt, ()), 1), F(a(dt, ()), 2, 0),
    F(a(dt, ()), 9, 4, dtype=np.int64), F(a(dt, ()), 1, -1)]))
add("cross", np.cross, per_dtype(NUM, lambda dt: [
    F(a(dt, (3,)), a(dt, (3,))), F(a(dt, (4, 3)), a(dt, (3,))), F(a(dt, (2,)), a(dt, (2,))),
    F(a(dt, (3,)), a(dt, (2,))), F(a(dt, (4,)), a(dt, (3,)))]))
add("rot90", np.rot90, per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3))), F(a(dt, (2, 3)), 2), F(a(dt, (2, 3)), 3), F(a(dt, (2, 3, 2)), 1, (1, 2)),
    F(a(dt, (3,)))]))
add("dstack", lambda *xs: np.dstack(xs), per_dtype(ALL, lambda dt: [
    F(a(dt, (3,)), a(dt, (3,))), F(a(dt, (2, 3)), a(dt, (2, 3)))]))
add("compress", np.compress, per_dtype([np.bool_, np.int32, np.float64], lambda dt: [
    F(np.array([True, False, True]), a(dt, (3, 2)), axis=0),
    F(np.array([False, True]), a(dt, (3, 2))), F(a(np.bool_, (2,)), a(dt, (3, 2)), axis=1),
    F(np.array([True] * 5), a(dt, (3,)))]))
method("compress", per_dtype(NUM, lambda dt: [F(a(dt, (3, 2)), np.array([True, False]), 1)]))
add("piecewise", lambda x, c: np.piecewise(x, [c, np.logical_not(c)],
                                           [lambda v: v * 2, lambda v: v - v.sum()]),
    per_dtype(FLT, lambda dt: [F(a(dt, (7,)), a(np.bool_, (7,))),
                               F(a(dt, (2, 3)), a(np.bool_, (2, 3)))]))
add("piecewise(otherwise)", lambda x: np.piecewise(x, [x < 0], [-1, lambda v: v + 1]),
    unary(NUM, shapes=[(), (7,), (0,)]))
for _n in ["fix", "sinc", "angle", "real", "imag", "isposinf", "isneginf"]:
    add(_n, getattr(np, _n), unary(ALL if _n in ("real", "imag") else NUM))
ufunc("signbit", chain(unary(ALL, shapes=[(), (7,)]),
                       fixed(F(np.array([-0.0, 0.0, -1.5, np.inf, -np.inf])),
                             F(np.array([-0.0, 2.0], np.float32)))))
for _n in ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
           "uint16", "uint32", "uint64", "bool_", "complex64", "complex128"]:
    add(f"np.{_n}()", getattr(np, _n), unary(NUM if _n[0] in "iu" else ALL, shapes=[(), (3,)],
                                             low=0 if _n[0] == "u" else -5, high=5),
        kind="function")
add("ascontiguousarray", np.ascontiguousarray, chain(unary(ALL), fixed(
    F(a(np.int32, (2, 3)), np.float64))))
add("asfortranarray", np.asfortranarray, unary(ALL))
add("ndarray.strides/flags", lambda x: (x.strides, x.T.strides, x[..., ::2].strides,
                                        x.flags.c_contiguous, x.T.flags.f_contiguous,
                                        (x * 1).flags["W"], x[..., ::-1].flags.forc),
    unary(ALL, shapes=[(), (0,), (7,), (2, 3), (3, 1, 4)]), kind="method")
add("lib.stride_tricks.as_strided",
    lambda x: np.lib.stride_tricks.as_strided(x, (x.size - 2, 3), (x.itemsize,) * 2,
                                              writeable=False),
    unary(ALL, shapes=[(5,), (2, 3)]))
add("lib.stride_tricks.sliding_window_view",
    lambda x: np.lib.stride_tricks.sliding_window_view(x, 2, axis=-1),
    unary(ALL, shapes=[(5,), (2, 3)]))


def _nditer_walk(x, y):
    """The elements in np.nditer's order (memory order: a transposed view walks its
    base's order), folded into one number so the order shows."""
    acc = np.zeros((), np.float64)
    for a, b in np.nditer([x.T, y]):
        acc = acc * 3 + a - b
    return acc


add("nditer", _nditer_walk, binary(NUM, mixed=False, scalars=(), error=False,
                                   special=False))
add("asarray_chkfinite", np.asarray_chkfinite, chain(unary(ALL, shapes=[(), (0,), (2, 3)]), fixed(
    F(np.array([1.0, 2.0])), F(a(np.int32, (3,)), np.float32))))  # (NaN/inf: ValueError)

# --- _linalg.py: numpy.linalg through LAPACK (tests/python/test_linalg.py has the rest) --


class mat(a):
    """A well-conditioned matrix stack of `shape` (square in its last two dims):
    normal entries plus n on the diagonal, or symmetric positive definite (spd)."""

    def __init__(self, dt, shape, spd=False):
        super().__init__(dt, shape)
        self.spd = spd

    def __call__(self, rng):
        dt, shape = self.args[0], self.args[1]
        x = rng.standard_normal(shape)
        n = shape[-1]
        if self.spd:
            x = x @ np.swapaxes(x, -1, -2) + n * np.eye(n)
        elif len(shape) > 1 and shape[-2] == n:
            x = x + n * np.eye(n)
        return np.round(x * 4).astype(dt) if dt in INT else x.astype(dt)


LA = [np.float32, np.float64, np.int64]
_la = np.linalg
add("solve", _la.solve, per_dtype(LA, lambda dt: [
    F(mat(dt, (3, 3)), mat(dt, (3, 2))), F(mat(dt, (2, 4, 4)), mat(dt, (2, 4, 1))),
    F(np.zeros((2, 2)), np.ones((2, 1))), F(mat(dt, (2, 3)), mat(dt, (2, 1)))]))
add("inv", _la.inv, per_dtype(LA, lambda dt: [
    F(mat(dt, (3, 3))), F(mat(dt, (2, 2, 2))), F(np.zeros((3, 3)))]))
add("det", _la.det, per_dtype(LA, lambda dt: [F(mat(dt, (3, 3))), F(mat(dt, (2, 4, 4))),
                                              F(np.zeros((2, 2)))]))
add("slogdet", _la.slogdet, per_dtype(LA, lambda dt: [F(mat(dt, (4, 4))),
                                                      F(np.zeros((2, 2)))]))
add("cholesky", _la.cholesky, per_dtype(LA, lambda dt: [
    F(mat(dt, (3, 3), spd=True)), F(mat(dt, (2, 3, 3), spd=True)), F(-np.eye(2))]))
add("qr", _la.qr, per_dtype(LA, lambda dt: [
    F(mat(dt, (4, 3))), F(mat(dt, (3, 3)), "complete"), F(mat(dt, (4, 3)), "r")]))
add("eigh", _la.eigh, per_dtype(LA, lambda dt: [F(mat(dt, (3, 3), spd=True)),
                                                F(mat(dt, (3, 3), spd=True), "U")]))
add("eigvalsh", _la.eigvalsh, per_dtype(LA, lambda dt: [F(mat(dt, (2, 4, 4), spd=True))]))
# Real results for the symmetric matrices, complex for the general ones (by the values).
add("eig", _la.eig, per_dtype(LA, lambda dt: [F(mat(dt, (3, 3), spd=True)),
                                              F(mat(dt, (2, 4, 4)))]))
add("eigvals", _la.eigvals, per_dtype(LA, lambda dt: [F(mat(dt, (4, 4), spd=True)),
                                                      F(mat(dt, (3, 5, 5)))]))
add("roots", np.roots, per_dtype(LA, lambda dt: [F(np.array([1, -3, 2], dt)),
                                                 F(np.array([2, -1, 3, 5], dt))]))
add("svd", lambda x, **k: _la.svd(x, **k), per_dtype(LA, lambda dt: [
    F(mat(dt, (4, 3)), full_matrices=False), F(mat(dt, (3, 3)), compute_uv=False)]))
add("lstsq", lambda x, y: _la.lstsq(x, y, rcond=None), per_dtype(LA, lambda dt: [
    F(mat(dt, (5, 3)), mat(dt, (5, 2))), F(mat(dt, (3, 3)), mat(dt, (3,)))]))
add("pinv", _la.pinv, per_dtype(LA, lambda dt: [F(mat(dt, (4, 3)))]))
add("norm", lambda x, *o, **k: _la.norm(x, *o, **k), per_dtype(LA, lambda dt: [
    F(mat(dt, (3, 4))), F(mat(dt, (3, 3)), "fro"), F(mat(dt, (3, 3)), 1),
    F(mat(dt, (3, 3)), np.inf), F(mat(dt, (3, 3)), 2), F(mat(dt, (3, 4)), axis=1),
    F(mat(dt, (3, 4)), 3, axis=0, keepdims=True)]))
add("matrix_power", _la.matrix_power, per_dtype(LA, lambda dt: [
    F(mat(dt, (3, 3)), 3), F(mat(dt, (3, 3)), 0), F(mat(dt, (3, 3)), -2)]))
add("matrix_rank", _la.matrix_rank, per_dtype(LA, lambda dt: [
    F(mat(dt, (4, 3))), F(np.ones((3, 3)))]), numpy_scalar=True)
add("cond", _la.cond, per_dtype(LA, lambda dt: [F(mat(dt, (3, 3))),
                                                F(mat(dt, (3, 3)), "fro")]))
add("multi_dot", lambda x, y, z: _la.multi_dot([x, y, z]), per_dtype(LA, lambda dt: [
    F(mat(dt, (2, 5)), mat(dt, (5, 3)), mat(dt, (3, 4)))]))
add("tensorinv", lambda x: _la.tensorinv(x.reshape(2, 3, 6), ind=2),
    per_dtype(LA, lambda dt: [F(mat(dt, (6, 6)))]))
add("tensorsolve", lambda x, y: _la.tensorsolve(x.reshape(2, 3, 6), y.reshape(2, 3)),
    per_dtype(LA, lambda dt: [F(mat(dt, (6, 6)), mat(dt, (6,)))]))

# --- the small dtypes (issue 12): int8/16, uint8/16/32/64, float16 -------------------
# Samples of their own chained onto the entries above (same-dtype pairs: the mixed-dtype
# promotion is test_small_dtypes.py's, against np.result_type).

SMALL = [np.int8, np.int16, np.uint8, np.uint16, np.uint32, np.uint64, np.float16]
SMALL_INT = SMALL[:-1]


def _extend(name, gen):
    for info in TABLE:
        if info.name == name:
            info.samples = chain(info.samples, gen)
            return
    raise KeyError(name)


for _n in ["add", "subtract", "multiply", "maximum", "minimum", "equal", "not_equal",
           "less", "less_equal", "greater", "greater_equal", "logical_and", "true_divide",
           "floor_divide", "remainder"]:
    _extend(_n, binary(SMALL, mixed=False, error=False, scalars=(3,)))
for _n in ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift"]:
    _extend(_n, binary(SMALL_INT, mixed=False, error=False, scalars=(3,), low=0, high=9))
for _n in ["negative", "absolute", "sign", "square", "positive"]:
    _extend(_n, unary(SMALL))
for _n in ["exp", "sin", "sqrt", "log", "floor", "tanh", "logical_not", "isnan"]:
    _extend(_n, unary([np.float16, np.int8, np.uint8]))
_extend("invert", unary(SMALL_INT))
for _n in ["sum", "prod", "max", "min", "mean", "any", "argmax", "argmin", "cumsum",
           "sort", "argsort"]:
    _extend(_n, reduce_samples(SMALL, [{}, {"axis": 0}, {"axis": -1}],
                               shapes=((), (0,), (3, 4))))
_extend("reshape", per_dtype(SMALL, lambda dt: [F(a(dt, (2, 3)), (3, 2))]))
_extend("copy", unary(SMALL))
_extend("zeros_like", unary(SMALL))
_extend("where", per_dtype(SMALL, lambda dt: [
    F(a(np.bool_, (2, 3)), a(dt, (2, 3)), a(dt, (3,)))]))
_extend("concatenate", per_dtype(SMALL, lambda dt: [F(a(dt, (2, 3)), a(dt, (1, 3)))]))
_extend("transpose", per_dtype(SMALL, lambda dt: [F(a(dt, (2, 3, 4)), (1, 0, 2))]))

# The entries added for numba's list (their own file: this one is long enough).
import _opinfo_gaps  # noqa: E402,F401

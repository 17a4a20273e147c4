"""Matrix products on the OpenBLAS paths (float64 everything; float32 matrix x vector,
dot, batched matrix x vector) staged vs the same function run by numpy: vector sides,
K = 0 and empty dims, transposed, sliced, reversed and broadcast views as operands,
batched broadcasting, np.matmul(..., out=), products inside staged loops. Every case runs
twice through one staged function: the first call traces and compiles, the second goes
through the cached C dispatcher."""

import numpy as np
import pytest

import ag

from _reference import check, rng_for

DTYPES = [np.float64, np.float32]


def check_twice(fn, *args):
    """fn staged once, compared with numpy on the first (compiling) and second (cached)
    call."""
    staged = ag.stage(fn)
    check(fn, *args, staged=staged)
    check(fn, *args, staged=staged)


def data(dtype, shape, rng):
    """Small integers as floats: every product and sum below is exact in float32, so
    OpenBLAS, oneDNN and numpy agree whatever their summation order."""
    return rng.integers(-3, 4, size=shape).astype(dtype)


def dtype_ids(dtypes):
    return [np.dtype(d).name for d in dtypes]


SHAPES = [
    ((1, 37), (37, 23)),        # M = 1: GEMV on B^T
    ((37, 1), (1, 23)),         # K = 1
    ((41, 37), (37, 1)),        # N = 1: GEMV
    ((1, 300), (300, 1)),       # dot
    ((37,), (37, 23)),          # vector @ matrix
    ((41, 37), (37,)),          # matrix @ vector
    ((300,), (300,)),           # vector @ vector: a scalar
    ((1,), (1,)),
    ((3, 0), (0, 4)),           # K = 0: zeros
    ((0,), (0,)),               # empty dot: 0
    ((0, 5), (5,)),             # no rows
    ((5, 0), (0,)),
    ((4, 5), (5, 0)),           # no columns
    ((0,), (0, 3)),
    ((120, 130), (130, 90)),    # GEMM (float32: oneDNN)
    ((2, 1, 30, 40), (5, 40, 1)),   # batched N = 1, broadcast batch dims
    ((3, 1, 40), (3, 40, 30)),      # batched M = 1
    ((2, 30, 40), (40,)),           # batched @ vector
    ((40,), (2, 40, 30)),           # vector @ batched
    ((4, 3, 20), (20, 6)),          # batch folded into rows
    ((2, 3, 20), (2, 20, 6)),       # batch_matmul of tiny matrices (float64: loops)
    ((3, 8, 20), (3, 20, 9)),       # batch_matmul (float64: a GEMM per matrix)
    ((0, 3, 20), (0, 20, 6)),       # empty batch
]


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
@pytest.mark.parametrize("sa, sb", SHAPES, ids=[f"{a}x{b}" for a, b in SHAPES])
def test_shapes(dtype, sa, sb):
    rng = rng_for("blas-shapes", dtype, sa, sb)
    a, b = data(dtype, sa, rng), data(dtype, sb, rng)
    check_twice(lambda a, b: a @ b, a, b)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_random_sizes(dtype):
    """Random M, K, N (1 included) with random uniform values, against numpy within the
    float tolerance; the matrix-vector forms at each size."""
    rng = rng_for("blas-random", dtype)
    for _ in range(6):
        m, k, n = (int(v) for v in rng.choice([1, 2, 3, 17, 64, 129, 257], size=3))
        a = rng.uniform(-1, 1, (m, k)).astype(dtype)
        b = rng.uniform(-1, 1, (k, n)).astype(dtype)
        x = rng.uniform(-1, 1, k).astype(dtype)
        y = rng.uniform(-1, 1, m).astype(dtype)
        check_twice(lambda a, b, x, y: (a @ b, a @ x, y @ a, x @ x, np.dot(y, a @ x)),
                    a, b, x, y)


VIEWS = [
    ("A.T @ x", lambda A, B, x, w: A.T @ x),
    ("x @ A.T", lambda A, B, x, w: w @ A.T),
    ("A.T @ B.T", lambda A, B, x, w: A.T @ B.T),
    ("A.T @ A", lambda A, B, x, w: A.T @ A),
    ("A.T @ (A @ x)", lambda A, B, x, w: A.T @ (A @ w)),
    ("A[::2, 1:] @ x[::3]", lambda A, B, x, w: A[::2, 1:] @ w[1::3][:A.shape[1] - 1]),
    ("A[::-1] @ x[::-1]", lambda A, B, x, w: A[::-1] @ w[::-1]),
    ("A[:, ::-1] @ B[::-1, ::-2]", lambda A, B, x, w: A.T[:, ::-1] @ B[::-1, ::-2]),
    ("x[::-2] @ A[::-2]", lambda A, B, x, w: x[::-2] @ A[::-2][:, :7]),
    ("broadcast_to(x) @ A", lambda A, B, x, w: np.broadcast_to(x, (5, x.shape[0])) @ A),
    ("A @ broadcast_to(col)", lambda A, B, x, w:
        A @ np.broadcast_to(w[:, None], (w.shape[0], 3))),
    ("A[2] @ B[:, 1]", lambda A, B, x, w: A[2] @ B.T[:, 1]),
    ("(A + 1).T @ x", lambda A, B, x, w: (A + 1).T @ x),
]


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
@pytest.mark.parametrize("name, fn", VIEWS, ids=[n for n, _ in VIEWS])
def test_views_as_operands(dtype, name, fn):
    rng = rng_for("blas-views", dtype, name)
    A = data(dtype, (60, 50), rng)   # x has A's rows, w has A's columns
    B = data(dtype, (50, 60), rng)
    x, w = data(dtype, (60,), rng), data(dtype, (50,), rng)
    check_twice(fn, A, B, x, w)


def _product_over_its_own_transposed_operand(a1, b):
    # Bufferization gives the product's output the buffer of a0 once a0.T is copied
    # (a0's last read): read as a view instead of the copy, a0 was overwritten by the
    # product's zero fill before the product read it (fuzz seed 46: all zeros).
    a0 = a1.astype(np.int32).astype(b.dtype)
    return a1 @ a0.T, (a1 * 2) @ a0.T + b


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
@pytest.mark.parametrize("n", [2, 7, 64])
def test_output_sharing_the_transposed_operands_buffer(dtype, n):
    rng = rng_for("blas-alias", dtype)
    a1 = (data(dtype, (n, n), rng) * 10).astype(np.int64)
    check_twice(_product_over_its_own_transposed_operand, a1, data(dtype, (n, n), rng))


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_source_written_after_transpose(dtype):
    """A.T taken before A changes must keep the old values (the transposed copy cannot
    become a view of A)."""
    def f(A, x):
        t = A.T
        u = A.T.copy()
        A[0, :] = 100
        return u @ x, t @ x, A.T @ x

    rng = rng_for("blas-write", dtype)
    check_twice(f, data(dtype, (30, 20), rng), data(dtype, (30,), rng))


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_special_values(dtype):
    rng = rng_for("blas-special", dtype)
    A = data(dtype, (40, 30), rng)
    A[3, 4], A[7, 1], A[9, 2] = np.nan, np.inf, -np.inf
    x = data(dtype, (30,), rng)
    check_twice(lambda A, x: (A @ x, x @ A.T, A[3] @ x, A.T @ A[:, :1]), A, x)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_matmul_out(dtype):
    rng = rng_for("blas-out", dtype)
    A, x = data(dtype, (40, 30), rng), data(dtype, (30,), rng)
    B = data(dtype, (30, 20), rng)

    def f(A, x, B, o1, o2, o3):
        r = np.matmul(A, x, out=o1)
        np.matmul(A, B, out=o2[1:, ::2])
        np.matmul(x, B, out=o3)          # float64 or float32 result into float32
        return r, o1, o2, o3

    o1, o2 = np.zeros(40, dtype), np.zeros((41, 40), dtype)
    check_twice(f, A, x, B, o1, o2, np.zeros(20, np.float32))


def test_matmul_out_errors():
    A, x = np.ones((4, 3)), np.ones(3)
    check(lambda A, x, o: np.matmul(A, x, out=o), A, x, np.zeros(4, np.int64))
    check(lambda A, x, o: np.matmul(A, x, out=o), A, x, np.zeros(5))
    check(lambda A, x, o: np.matmul(A[:1], x, out=o), A, x, np.zeros(4))


def test_dot_out_is_an_error_not_ignored():
    with pytest.raises(ag.AgError, match="np.dot with out="):
        ag.stage(lambda a, b, o: np.dot(a, b, out=o))(np.ones((2, 2)), np.ones((2, 2)),
                                                        np.zeros((2, 2)))


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_in_staged_loops(dtype):
    """Products inside staged loops: power iteration with A.T @ (A @ x) (the transposed
    copy hoisted before the loop), a chain of matrix products, a while loop."""
    def power(A, x, steps):
        for _ in range(steps):
            x = A.T @ (A @ x)
            x = x / np.sqrt(np.sum(x * x))
        return x

    def chain(A, B, steps):
        C = B
        for i in range(steps):
            C = (A @ C) * 0.5 + B[i]
        return C

    def until(A, x):
        while np.sum(np.abs(x)) < 1e6:
            x = A @ x + 1
        return x

    rng = rng_for("blas-loops", dtype)
    A = rng.uniform(-1, 1, (50, 40)).astype(dtype)
    check_twice(lambda A, x: power(A, x, 30), A, rng.uniform(-1, 1, 40).astype(dtype))
    S = rng.uniform(-1, 1, (40, 40)).astype(dtype) / 8
    check_twice(lambda A, B: chain(A, B, 25), S, rng.uniform(-1, 1, (40, 40)).astype(dtype))
    check_twice(until, data(dtype, (30, 30), rng) + 2, np.ones(30, dtype))


def test_large_float64_chain():
    """A 300-square float64 chain: OpenBLAS's threaded blocked GEMM, on both paths."""
    rng = rng_for("blas-chain")
    A, B, C, D = (rng.uniform(-1, 1, (300, 300)) for _ in range(4))
    check_twice(lambda A, B, C, D: A @ B @ C @ D, A, B, C, D)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_loop_writes_transposed_source(dtype):
    """A transposed copy taken before a staged loop that writes its source must keep the
    values it copied; a transposed view taken in the loop sees each write."""
    def f(A, x, steps):
        u = A.T.copy()
        for i in range(steps):
            y = u @ x
            z = A.T @ x
            A[i % 3] = A[i % 3] + y[:A.shape[1]] * 0.5 + z[0]
        return A, u @ x, A.T @ x

    def g(A, x, steps):
        u = A.T.copy()
        s = np.zeros(A.shape[1], A.dtype)
        for i in range(steps):
            s = s + u @ x
            del_ = A[0] * 0
            A = A + 1 + del_[0]
        return s, u @ (A[:, 0] * 0 + x)

    rng = rng_for("blas-loop-write", dtype)
    A, x = data(dtype, (5, 4), rng), data(dtype, (5,), rng)
    steps = np.array(7)      # a 0-d array: range(steps) is a staged loop
    check_twice(f, A, x, steps)
    check_twice(g, data(dtype, (5, 4), rng), x, steps)


@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_ids(DTYPES))
def test_dynamic_dims(dtype):
    """Shape-polymorphic signatures: a vector side keeps its static unit dim, so the
    product still goes to GEMV; every size runs through one compiled function."""
    staged = ag.stage(lambda a, x, b: (a @ x, x @ a.T, a @ b),
                      dynamic={"a": (0, 1), "x": 0, "b": (0, 1)})
    rng = rng_for("blas-dynamic", dtype)
    for m, k in ((5, 3), (130, 70), (1, 1), (0, 4), (4, 0)):
        a, x, b = data(dtype, (m, k), rng), data(dtype, (k,), rng), data(dtype, (k, 6), rng)
        for _ in range(2):
            check(lambda a, x, b: (a @ x, x @ a.T, a @ b), a, x, b, staged=staged)


# --- np.dot of N-d arrays: one matmul over a's last axis and b's second-to-last -----------

def dot(a, b):
    return np.dot(a, b)


DOT_ND = [((2, 3, 4), (4, 5)), ((2, 3, 4), (6, 4, 5)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,)),
          ((3, 4), (2, 4, 5)), ((2, 0, 4), (4, 3)), ((2, 3, 0), (5, 0, 2))]


@pytest.mark.parametrize("shapes", DOT_ND, ids=[f"{a}x{b}" for a, b in DOT_ND])
@pytest.mark.parametrize("dtypes", [(np.float64, np.float64), (np.float32, np.int32),
                                    (np.int64, np.int64)], ids=["f64", "f32-i32", "i64"])
def test_dot_of_nd_arrays(shapes, dtypes):
    rng = rng_for("dot_nd", shapes, dtypes)
    check_twice(dot, data(dtypes[0], shapes[0], rng), data(dtypes[1], shapes[1], rng))


def test_dot_of_nd_arrays_not_aligned_is_numpys_error():
    a, b = np.ones((2, 3, 4)), np.ones((5, 3, 2))
    with pytest.raises(ValueError, match="not aligned"):
        np.dot(a, b)
    with pytest.raises(ValueError, match="not aligned"):
        ag.stage(dot)(a, b)

"""Differential tests of numpy.linalg on staged arrays (frontend/ag/staged/linalg.py, the
ag.lapack kernels of backends/lapack) against numpy 1.24: solve, inv, det, slogdet,
cholesky, qr, eigh, eigvalsh, eig, eigvals, svd, lstsq, pinv, norm, matrix_power,
matrix_rank, cond, multi_dot, tensorinv, tensorsolve, and np.roots.

Each case runs on both dispatch paths, the first call (trace + compile) and a second
call with new data of the same signature (the cached C dispatcher), over float32,
float64 and integer inputs (numpy computes all of them in float64), batched and 0-size
shapes. numpy and ag call the same LAPACK routines of the same OpenBLAS, so signs of
eigenvectors and singular vectors are compared as they are. LAPACK failures raise
numpy's LinAlgError with numpy's message when the compiled code runs."""

import numpy as np
import pytest

import ag
from _reference import assert_same, check, rng_for, run_numpy

DTYPES = [np.float32, np.float64, np.int32, np.int64]
IDS = ["f32", "f64", "i32", "i64"]
SQUARE = [(1, 1), (3, 3), (5, 5), (2, 4, 4), (2, 3, 2, 2), (0, 0), (0, 3, 3), (2, 0, 0)]


def both(fn, first, second):
    """fn staged on `first` (trace + compile) and then on `second` (cached), each
    compared with numpy."""
    staged = ag.stage(fn)
    if isinstance(check(fn, *first, staged=staged), ag.AgError):
        return staged  # numpy's error for these shapes: raised on the first call
    assert_same(staged(*second), run_numpy(fn, *second))
    return staged


def general(dtype, shape, seed, diagonal=0.0):
    """Random values (small integers for integer dtypes) plus `diagonal` * I (for
    integers a diagonal that makes the matrix strictly diagonally dominant)."""
    rng = rng_for("linalg", np.dtype(dtype).name, shape, seed)
    if np.dtype(dtype).kind == "i":
        x = rng.integers(-5, 6, size=shape).astype(dtype)
    else:
        x = rng.uniform(-1, 1, size=shape).astype(dtype)
    if diagonal and len(shape) >= 2 and shape[-1] == shape[-2]:
        if np.dtype(dtype).kind == "i":
            diagonal = 6 * shape[-1]
        x = x + (diagonal * np.eye(shape[-1])).astype(dtype)
    return x


def spd(dtype, shape, seed):
    """Symmetric positive definite: a a^T + n I."""
    a = general(np.float64, shape, seed)
    n = shape[-1]
    out = a @ np.swapaxes(a, -1, -2) + n * np.eye(n)
    return np.rint(out).astype(dtype) if np.dtype(dtype).kind == "i" else out.astype(dtype)


# --- solvers and inverses -----------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", SQUARE, ids=str)
def test_inv_det_slogdet(dtype, shape):
    def f(a):
        sign, logdet = np.linalg.slogdet(a)
        return np.linalg.inv(a), np.linalg.det(a), sign, logdet
    both(f, (general(dtype, shape, 0, 4),), (general(dtype, shape, 1, 4),))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_det_of_singular_and_negative(dtype):
    # A zero pivot gives numpy's sign 0 and logdet -inf (no error); a row swap flips
    # the sign.
    singular = np.array([[1, 2], [2, 4]], dtype)
    swapped = np.array([[0, 2], [3, 4]], dtype)
    f = lambda a: (np.linalg.det(a), np.linalg.slogdet(a))
    both(f, (singular,), (swapped,))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shapes", [((3, 3), (3,)), ((3, 3), (3, 2)), ((2, 4, 4), (2, 4)),
                                    ((2, 4, 4), (4, 1)), ((2, 1, 3, 3), (5, 3, 2)),
                                    ((0, 0), (0,)), ((3, 3), (3, 0)), ((0, 2, 2), (0, 2))],
                         ids=str)
def test_solve(dtype, shapes):
    ashape, bshape = shapes
    def f(a, b):
        return np.linalg.solve(a, b)
    both(f, (general(dtype, ashape, 0, 4), general(dtype, bshape, 1)),
         (general(dtype, ashape, 2, 4), general(dtype, bshape, 3)))


def test_solve_mixed_dtypes():
    a = general(np.float32, (4, 4), 0, 4)
    b = general(np.float64, (4,), 1)
    check(lambda a, b: (np.linalg.solve(a, b), np.linalg.solve(a, b.astype(np.float32)),
                        np.linalg.solve(a.astype(np.int64), b)), a, b)


@pytest.mark.parametrize("fn", [np.linalg.inv, lambda a: np.linalg.solve(a, a[..., 0])],
                         ids=["inv", "solve"])
def test_singular_raises_at_run_time(fn):
    staged = ag.stage(fn)
    good = general(np.float64, (2, 3, 3), 0, 4)
    assert_same(staged(good), fn(good))
    bad = good.copy()
    bad[1, 2] = bad[1, 0]  # the second matrix of the batch is singular
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
        fn(bad)
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix") as info:
        staged(bad)
    assert isinstance(info.value, ag.AgError)
    assert "test_linalg.py" in str(info.value)
    # A first call that fails compiles as well.
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
        ag.stage(fn)(np.zeros((3, 3)))


@pytest.mark.parametrize("fn", [np.linalg.inv, np.linalg.det, np.linalg.cholesky,
                                np.linalg.eigh, np.linalg.eigvalsh,
                                lambda a: np.linalg.solve(a, a)],
                         ids=["inv", "det", "cholesky", "eigh", "eigvalsh", "solve"])
@pytest.mark.parametrize("shape", [(3,), (2, 3), (2, 3, 4)], ids=str)
def test_argument_errors_are_linalg_errors(fn, shape):
    x = general(np.float64, shape, 0)
    with pytest.raises(np.linalg.LinAlgError) as expected:
        fn(x)
    with pytest.raises(np.linalg.LinAlgError) as got:
        ag.stage(fn)(x)
    assert str(expected.value) in str(got.value)


# --- factorizations -------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", SQUARE, ids=str)
def test_cholesky(dtype, shape):
    both(np.linalg.cholesky, (spd(dtype, shape, 0),), (spd(dtype, shape, 1),))


def test_cholesky_not_positive_definite():
    staged = ag.stage(np.linalg.cholesky)
    staged(spd(np.float64, (3, 3), 0))
    bad = -spd(np.float64, (3, 3), 1)
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is not positive definite"):
        staged(bad)
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is not positive definite"):
        ag.stage(np.linalg.cholesky)(np.array([[1.0, 2.0], [2.0, 1.0]], np.float32))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", SQUARE, ids=str)
@pytest.mark.parametrize("uplo", ["L", "U", "u"])
def test_eigh_eigvalsh(dtype, shape, uplo):
    def f(a):
        w, v = np.linalg.eigh(a, UPLO=uplo)
        return w, v, np.linalg.eigvalsh(a, uplo)
    # Not symmetric: each triangle gives its own answer, as in numpy.
    both(f, (general(dtype, shape, 0),), (spd(dtype, shape, 1),))


def eig_and_eigvals(a):
    w, v = np.linalg.eig(a)
    return w, v, np.linalg.eigvals(a)


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", SQUARE, ids=str)
def test_eig_eigvals_real_or_complex_by_the_values(dtype, shape):
    # numpy's result dtype depends on the values: real when every eigenvalue is real
    # (a symmetric matrix), else complex (a general one, some conjugate pairs). One
    # compiled function gives either.
    staged = both(eig_and_eigvals, (spd(dtype, shape, 2),), (general(dtype, shape, 3),))
    for seed in (4, 5):
        a = general(dtype, shape, seed)
        assert_same(staged(a), eig_and_eigvals(a))


def test_eig_of_rotations_and_a_defective_matrix():
    c, s = np.cos(0.3), np.sin(0.3)
    rotations = np.array([[[c, -s], [s, c]], [[0.0, 1.0], [-1.0, 0.0]], [[2.0, 0], [0, 3.0]]])
    staged = ag.stage(eig_and_eigvals)
    for a in (rotations, np.array([[1.0, 1.0], [0.0, 1.0]]), rotations[:, None]):
        assert_same(staged(a), eig_and_eigvals(a))


def test_eig_of_nan_and_complex_input():
    with pytest.raises(np.linalg.LinAlgError, match="Array must not contain infs or NaNs"):
        ag.stage(np.linalg.eig)(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ag.AgUnsupportedError, match="eigvals of complex values is not"):
        ag.stage(np.linalg.eigvals)(np.eye(2) * (1 + 1j))


@pytest.mark.parametrize("p", [[1.0, -3, 2], [1.0, 0, 1], [2.0, -1, 3, 5, -7], [1, 2, 3],
                               [3.0], [1.0, 2.0], [-4.0, 0.5, 0.25, 1.0, 2.0, 8.0]], ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64], ids=["f32", "f64", "i64"])
def test_roots(p, dtype):
    # Real or complex roots by the values, from one compiled function.
    staged = ag.stage(np.roots)
    p = np.array(p).astype(dtype)
    for q in (p, p[::-1].copy()):
        assert_same(staged(q), np.roots(q))


def test_roots_with_zero_end_coefficients_are_an_ag_error_at_run_time():
    staged = ag.stage(lambda p: np.roots(p))
    staged(np.array([1.0, 2.0, 3.0]))
    for p in ([0.0, 1.0, 2.0], [1.0, 2.0, 0.0]):
        with pytest.raises(ag.AgUnsupportedError, match="first or last coefficient is 0"):
            staged(np.array(p))


def test_eigh_bad_uplo():
    check(lambda a: np.linalg.eigh(a, UPLO="X"), np.eye(2))


MATRICES = [(1, 1), (4, 4), (6, 3), (3, 6), (2, 5, 3), (2, 2, 3, 4), (0, 3), (3, 0),
            (0, 0), (0, 4, 2)]


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", MATRICES, ids=str)
def test_svd(dtype, shape):
    def f(a):
        u, s, vh = np.linalg.svd(a)
        ur, sr, vhr = np.linalg.svd(a, full_matrices=False)
        return u, s, vh, ur, sr, vhr, np.linalg.svd(a, compute_uv=False)
    both(f, (general(dtype, shape, 0),), (general(dtype, shape, 1),))


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_svd_hermitian(dtype):
    f = lambda a: (np.linalg.svd(a, hermitian=True),
                   np.linalg.svd(a, compute_uv=False, hermitian=True))
    a, b = general(dtype, (4, 4), 0), general(dtype, (2, 4, 4), 1)
    sym = lambda x: x + np.swapaxes(x, -1, -2)
    both(f, (sym(a),), (sym(a + 1),))
    both(f, (sym(b),), (sym(b - 1),))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", MATRICES, ids=str)
def test_qr(dtype, shape):
    def f(a):
        q, r = np.linalg.qr(a)
        qc, rc = np.linalg.qr(a, mode="complete")
        return q, r, qc, rc, np.linalg.qr(a, mode="r")
    both(f, (general(dtype, shape, 0),), (general(dtype, shape, 1),))


def test_qr_modes():
    a = general(np.float64, (4, 3), 0)
    check(lambda a: np.linalg.qr(a, mode="bogus"), a)
    with pytest.raises(ag.AgUnsupportedError, match="raw"):
        ag.stage(lambda a: np.linalg.qr(a, mode="raw"))(a)


# --- least squares and compositions ---------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shapes", [((6, 3), (6,)), ((6, 3), (6, 2)), ((3, 5), (3,)),
                                    ((4, 4), (4, 3)), ((5, 2), (5, 0)), ((0, 3), (0, 2))],
                         ids=str)
def test_lstsq(dtype, shapes):
    ashape, bshape = shapes
    f = lambda a, b: np.linalg.lstsq(a, b, rcond=None)
    both(f, (general(dtype, ashape, 0), general(dtype, bshape, 1)),
         (general(dtype, ashape, 2), general(dtype, bshape, 3)))


def test_lstsq_rank_deficient_drops_residuals():
    # Full rank on the first call, rank 1 on the second: numpy's residuals go from one
    # per column to none (a size only the run knows).
    f = lambda a, b, r: np.linalg.lstsq(a, b, rcond=r)
    a = general(np.float64, (5, 2), 0)
    b = general(np.float64, (5, 2), 1)
    deficient = np.repeat(a[:, :1], 2, axis=1)
    staged = both(f, (a, b, 1e-10), (deficient, b, 1e-10))
    assert staged(deficient, b, 1e-10)[1].shape == (0,)
    check(lambda a, b: np.linalg.lstsq(a, b, rcond=-1), a, b)


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("shape", [(3, 3), (5, 3), (2, 3, 4), (0, 3), (2, 0, 0)], ids=str)
def test_pinv(dtype, shape):
    f = lambda a: (np.linalg.pinv(a), np.linalg.pinv(a, rcond=0.3))
    both(f, (general(dtype, shape, 0),), (general(dtype, shape, 1),))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_matrix_rank(dtype):
    def f(a):
        return (np.linalg.matrix_rank(a), np.linalg.matrix_rank(a, tol=0.5),
                np.linalg.matrix_rank(a[0] + a[0].T, hermitian=True))
    a = general(dtype, (3, 4, 4), 0)
    low = a.copy()
    low[:, 3] = low[:, 0] + low[:, 1]  # rank 3
    both(f, (a,), (low,))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_matrix_rank_of_vector(dtype):
    # numpy returns a Python int here (its int() of the test), ag the same value as an
    # int64 scalar: the value is known only at run time.
    staged = ag.stage(np.linalg.matrix_rank)
    for v in (general(dtype, (4,), 1), np.zeros(4, dtype), np.zeros(0, dtype)):
        got, expected = staged(v), np.linalg.matrix_rank(v)
        assert got == expected and got.dtype == np.int64


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, -1, -3])
def test_matrix_power(dtype, n):
    shape = (2, 3, 3)
    scale = 1 if np.dtype(dtype).kind == "i" else 0.5
    f = lambda a: np.linalg.matrix_power(a, n)
    a1 = (general(dtype, shape, 0, 4) * scale).astype(dtype)
    a2 = (general(dtype, shape, 1, 4) * scale).astype(dtype)
    both(f, (a1,), (a2,))


def test_matrix_power_errors():
    check(lambda a: np.linalg.matrix_power(a, 1.5), np.eye(2))
    with pytest.raises(np.linalg.LinAlgError, match="must be square"):
        ag.stage(lambda a: np.linalg.matrix_power(a, 2))(np.ones((2, 3)))


VECTOR_ORDS = [None, 2, 1, 0, np.inf, -np.inf, 3, 0.5, -1, -2]
MATRIX_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("ord", VECTOR_ORDS, ids=str)
def test_vector_norms(dtype, ord):
    def f(x, m):
        out = [np.linalg.norm(x, ord), np.linalg.norm(x, ord, keepdims=True),
               np.linalg.norm(m, ord, axis=1), np.linalg.norm(m, ord, axis=0,
                                                             keepdims=True),
               np.linalg.norm(m, ord, axis=(-1,))]
        if ord is None:
            out += [np.linalg.norm(m), np.linalg.norm(m, keepdims=True),
                    np.linalg.norm(m[0, 0, :0])]
        return tuple(out)
    both(f, (general(dtype, (7,), 0), general(dtype, (2, 3, 4), 1)),
         (general(dtype, (7,), 2), general(dtype, (2, 3, 4), 3)))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=str)
def test_matrix_norms(dtype, ord):
    def f(m, t):
        return (np.linalg.norm(m, ord), np.linalg.norm(m, ord, keepdims=True),
                np.linalg.norm(t, ord, axis=(0, 2)), np.linalg.norm(t, ord, axis=(2, 1),
                                                                    keepdims=True))
    both(f, (general(dtype, (4, 3), 0), general(dtype, (2, 3, 4), 1)),
         (general(dtype, (4, 3), 2), general(dtype, (2, 3, 4), 3)))


def test_norm_errors():
    v, m = np.ones(3), np.ones((2, 2))
    for fn, x in [(lambda x: np.linalg.norm(x, "fro", axis=0), m),
                  (lambda x: np.linalg.norm(x, 3), m),
                  (lambda x: np.linalg.norm(x, axis=(0, 0)), m),
                  (lambda x: np.linalg.norm(x, axis=(0, 1, 2)), np.ones((2, 2, 2))),
                  (lambda x: np.linalg.norm(x, axis=2), m),
                  (lambda x: np.linalg.norm(x, "nuc"), v)]:
        check(fn, x)


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, np.inf, -np.inf, "fro", "nuc"], ids=str)
def test_cond(dtype, p):
    f = lambda a, b: (np.linalg.cond(a, p), np.linalg.cond(b, p))
    both(f, (general(dtype, (4, 4), 0, 2), general(dtype, (2, 3, 3), 1, 2)),
         (general(dtype, (4, 4), 2, 2), general(dtype, (2, 3, 3), 3, 2)))


def test_cond_of_singular_and_nan():
    # A singular matrix: inf (numpy turns inv's NaNs into inf); NaN input stays NaN.
    singular = np.array([[[1.0, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 2.0]]])
    with_nan = np.array([[[np.nan, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 2.0]]])
    f = lambda a: (np.linalg.cond(a, 1), np.linalg.cond(a, np.inf))
    both(f, (singular,), (with_nan,))
    check(np.linalg.cond, singular)
    with pytest.raises(np.linalg.LinAlgError, match="cond is not defined on empty"):
        ag.stage(np.linalg.cond)(np.zeros((0, 0)))


@pytest.mark.parametrize("shapes", [[(3, 4), (4, 5), (5, 2)], [(4,), (4, 6), (6, 3)],
                                    [(7, 2), (2, 9), (9, 3), (3, 5), (5,)],
                                    [(3,), (3, 2), (2, 5), (5,)], [(2, 3), (3, 4)]], ids=str)
def test_multi_dot(shapes):
    f = lambda *xs: np.linalg.multi_dot(list(xs))
    both(f, [general(np.float64, s, i) for i, s in enumerate(shapes)],
         [general(np.float64, s, i + 9) for i, s in enumerate(shapes)])
    f32 = [general(np.float32, s, i) for i, s in enumerate(shapes)]
    check(f, *f32)


def test_tensorinv_tensorsolve():
    a = general(np.float64, (4, 6, 8, 3), 0)
    a = np.reshape(np.reshape(a, (24, 24)) + 24 * np.eye(24), (4, 6, 8, 3))
    b = general(np.float64, (4, 6), 1)
    f = lambda a, b: (np.linalg.tensorinv(a), np.linalg.tensorinv(a, ind=1 + 1),
                      np.linalg.tensorsolve(a, b))
    both(f, (a, b), (a * 2, b + 1))
    c = np.transpose(a, (0, 2, 3, 1))
    check(lambda c, b: np.linalg.tensorsolve(c, b, axes=(1, 2)), c, b)
    with pytest.raises(np.linalg.LinAlgError, match="Input arrays must satisfy"):
        ag.stage(np.linalg.tensorsolve)(c, b)


def test_dynamic_dims_are_refused_with_the_name():
    # The kernels take static shapes: an array with a dynamic dim is an ag error naming
    # the function and the line.
    staged = ag.stage(lambda x: np.linalg.inv(x), dynamic={"x": 0})
    with pytest.raises(ag.AgUnsupportedError, match="np.linalg.inv on an array with dynamic"):
        staged(np.eye(3))
    masked = ag.stage(lambda x: np.linalg.svd(x[x[:, 0] > 0], compute_uv=False))
    with pytest.raises(ag.AgUnsupportedError, match="np.linalg.svd on an array with dynamic"):
        masked(np.eye(3))


def test_in_staged_loops_and_branches():
    # Inverse iteration: a solve per step on a loop-carried vector, a norm per step; the
    # singular check sits in a staged branch taken only for some data.
    def inverse_iteration(a, v, steps):
        for _ in range(steps):
            v = np.linalg.solve(a, v)
            v = v / np.linalg.norm(v)
        if v[0] > 0:
            w = np.linalg.eigvalsh(a)
        else:
            w = np.linalg.svd(a, compute_uv=False)
        return v, w, np.linalg.det(a) * 2

    a = spd(np.float64, (5, 5), 0)
    v = general(np.float64, (5,), 1)
    both(inverse_iteration, (a, v, 4), (spd(np.float64, (5, 5), 2), -v, 4))
    steps = np.int64(3)  # a staged trip count
    both(inverse_iteration, (a, v, steps), (a, v, np.int64(0)))

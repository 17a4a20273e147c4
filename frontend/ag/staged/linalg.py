"""numpy.linalg on staged arrays.

The factorizations and solvers are the `ag.lapack` primitive: one op whose `routine`
names the LAPACK computation numpy's umath_linalg gufunc of the same name runs (gesv,
getrf, potrf, syevd, gesdd, geqrf + orgqr, gelsd; backends/lapack), so results match
numpy's, signs of eigenvectors and singular vectors included. Everything else is
written over it and the other primitives as numpy 1.24 writes it in Python (det from
slogdet, pinv and the matrix norms from svd, matrix_power from matmul and inv,
matrix_rank from svd, cond, multi_dot with numpy's own chain order, tensorinv and
tensorsolve), in the same order of operations.

dtypes are numpy's: its _commonType computes in float64 whatever the input (an integer,
bool or float32 array), and casts the results to float32 only when every input was
float32. A LAPACK failure (a singular matrix, a matrix that is not positive definite, an
SVD or eigensolver that did not converge) is known only when the compiled code runs:
the status ag.lapack returns is checked there and the call raises numpy's LinAlgError
with numpy's message and the user's line. Argument errors (a matrix that is not square,
too few dims, a bad mode) raise while tracing, as numpy's do before any computation.
"""

import operator
import warnings

import numpy as np
from numpy.linalg import linalg as numpy_linalg

from .._location import describe, user_location
from ..errors import AgLinAlgError, AgTypeError, AgUnsupportedError, AgValueError
from . import registry
from .array import as_staged, cast, constant, record_results
from .checks import check_here

implements = registry.implements
_F64 = np.dtype(np.float64)


# --- numpy's argument checks and dtypes ---------------------------------------------------

def _where():
    return describe(user_location())


def _linalg_error(message):
    return AgLinAlgError(f"{_where()}: {message}")


def _staged(*arrays):
    return [as_staged(a) for a in arrays]


def _result_type(*arrays):
    """numpy's _commonType: the dtype results are cast to (float32 only when every
    input is float32; the computation itself is float64)."""
    for a in arrays:
        if a.dtype == np.float16:  # numpy's _commonType refuses it
            raise AgTypeError(f"{describe(user_location())}: array type float16 is "
                              "unsupported in linalg")
    for a in arrays:
        if a.dtype != np.float32:
            return _F64
    return np.dtype(np.float32)


def _assert_stacked_2d(a):
    if a.ndim < 2:
        raise _linalg_error(f"{a.ndim}-dimensional array given. Array must be at least "
                            "two-dimensional")


def _assert_stacked_square(a):
    if a.shape[-1] != a.shape[-2]:
        raise _linalg_error("Last 2 dimensions of the array must be square")


def _stacked_square(a):
    """`a` staged, checked as numpy's gufuncs of square matrices check it (inv, det,
    cholesky, eigh, ...: at least two dims, the last two equal)."""
    a, = _staged(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    return a


def _lapack(routine, *operands):
    """ag.lapack `routine` on float64 copies of `operands`: its results, status last."""
    operands = [cast(o, np.float64) for o in operands]
    return record_results("ag.lapack", operands, {"routine": routine})


def _raise_if_failed(status, message):
    """At run time, a nonzero LAPACK status raises LinAlgError(message)."""
    check_here(np.equal(status, 0), message, ("raise", AgLinAlgError))


def _checked_lapack(routine, a, failure):
    """ag.lapack `routine` of the square stack `a` whose nonzero status raises numpy's
    LinAlgError(failure): its results cast to numpy's result dtype."""
    *results, status = _lapack(routine, a)
    _raise_if_failed(status, failure)
    result_t = _result_type(a)
    results = [cast(r, result_t) for r in results]
    return results[0] if len(results) == 1 else tuple(results)


def _scalar(x):
    """numpy returns a gufunc's 0-d output as a scalar."""
    x._scalar = x.ndim == 0
    return x


def _swap(a):
    """numpy.linalg's `transpose`: the last two axes swapped."""
    return np.swapaxes(a, -1, -2)


def _triu_mask(shape):
    rows, cols = shape[-2:]
    return constant(np.triu(np.ones((rows, cols), np.bool_)))


# --- solvers and inverses -------------------------------------------------------------

@implements(np.linalg.solve)
def _solve(a, b):
    a, b = _staged(a, b)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    result_t = _result_type(a, b)
    m = a.shape[-1]
    vector = b.ndim == a.ndim - 1  # numpy's solve1: b's last dim is the core
    core = 1 if vector else 2
    if b.ndim < core or b.shape[b.ndim - core] != m:
        sig = "(m,m),(m)->(m)" if vector else "(m,m),(m,n)->(m,n)"
        have = "does not have enough dimensions" if b.ndim < core else \
            f"has a mismatch in its core dimension 0, with gufunc signature {sig} " \
            f"(size {b.shape[b.ndim - core]} is different from {m})"
        if b.ndim < core:
            have += f" (has {b.ndim}, gufunc core with signature {sig} requires {core})"
        name = "solve1" if vector else "solve"
        raise AgValueError(f"{_where()}: {name}: Input operand 1 {have}")
    try:
        batch = np.broadcast_shapes(a.shape[:-2], b.shape[:b.ndim - core])
    except ValueError as e:
        raise AgValueError(f"{_where()}: {e}") from None
    a = np.broadcast_to(a, batch + (m, m))
    rhs = np.reshape(b, b.shape + (1,)) if vector else b
    rhs = np.broadcast_to(rhs, batch + (m, rhs.shape[-1]))
    x, status = _lapack("solve", a, rhs)
    _raise_if_failed(status, "Singular matrix")
    if vector:
        x = np.reshape(x, x.shape[:-1])
    return cast(x, result_t)


@implements(np.linalg.inv)
def _inv(a):
    return _checked_lapack("inv", _stacked_square(a), "Singular matrix")


@implements(np.linalg.slogdet)
def _slogdet(a):
    a = _stacked_square(a)
    sign, logdet, _ = _lapack("slogdet", a)
    real_t = _result_type(a)
    return _scalar(cast(sign, real_t)), _scalar(cast(logdet, real_t))


@implements(np.linalg.det)
def _det(a):
    a = _stacked_square(a)
    sign, logdet, _ = _lapack("slogdet", a)
    # numpy's det_from_slogdet: a singular matrix's sign 0 times exp(-inf) is 0.
    return _scalar(cast(np.multiply(sign, np.exp(logdet)), _result_type(a)))


@implements(np.linalg.cholesky)
def _cholesky(a):
    return _checked_lapack("cholesky", _stacked_square(a),
                           "Matrix is not positive definite")


# --- factorizations ---------------------------------------------------------------------

def _uplo(UPLO):
    uplo = UPLO.upper() if isinstance(UPLO, str) else UPLO
    if uplo not in ("L", "U"):
        raise AgValueError(f"{_where()}: UPLO argument must be 'L' or 'U'")
    return uplo.lower()


@implements(np.linalg.eigh)
def _eigh(a, UPLO="L"):
    uplo = _uplo(UPLO)
    return _checked_lapack("eigh_" + uplo, _stacked_square(a),
                           "Eigenvalues did not converge")


@implements(np.linalg.eigvalsh)
def _eigvalsh(a, UPLO="L"):
    uplo = _uplo(UPLO)
    return _checked_lapack("eigvalsh_" + uplo, _stacked_square(a),
                           "Eigenvalues did not converge")


def _geev(a, vectors):
    """numpy's eig/eigvals of real matrices: geev, then the eigenvalues' (and vectors')
    dtype by the values -- real when every imaginary part is 0 (numpy's all(w.imag ==
    0.0)), else complex -- so the result is a Divergent of the two when the code runs."""
    from ..operators.divergent import Divergent  # (it stages over this layer)
    from . import complexes  # (built on the registry this module fills: a cycle)
    a = _stacked_square(a)  # (complex arrays are refused by the registry)
    check_here(np.all(np.isfinite(a)), "Array must not contain infs or NaNs",
               ("raise", AgLinAlgError))
    result_t = _result_type(a)
    complex_t = np.result_type(result_t, np.complex64)
    if vectors:
        wr, wi, packed, status = _lapack("eig", a)
    else:
        wr, wi, status = _lapack("eigvals", a)
    _raise_if_failed(status, "Eigenvalues did not converge")
    real = np.all(np.equal(wi, 0.0))
    w = Divergent(real, cast(wr, result_t), cast(complexes.make(wr, wi), complex_t))
    if not vectors:
        return w
    # numpy's mk_geev_complex_eigenvectors: a pair (wi > 0, then wi < 0) is the columns
    # re, im of `packed`: vectors re + im j and re - im j.
    zero = np.zeros_like(packed[..., :1])
    after = np.concatenate([packed[..., 1:], zero], axis=-1)  # column j + 1
    before = np.concatenate([zero, packed[..., :-1]], axis=-1)  # column j - 1
    first, second = np.greater(wi, 0.0)[..., None, :], np.less(wi, 0.0)[..., None, :]
    re = np.where(second, before, packed)
    im = np.where(first, after, np.where(second, np.negative(packed), zero))
    v = Divergent(real, cast(packed, result_t), cast(complexes.make(re, im), complex_t))
    return w, v


@implements(np.linalg.eig)
def _eig(a):
    return _geev(a, vectors=True)


@implements(np.linalg.eigvals)
def _eigvals(a):
    return _geev(a, vectors=False)


@implements(np.roots)
def _roots(p):
    """numpy's roots: the eigenvalues of the companion matrix. numpy first strips the
    polynomial's leading and trailing zero coefficients (appending a zero root per
    trailing one), which makes the sizes values: ag stages polynomials whose first and
    last coefficients are not zero, and raises an ag error when the code meets one."""
    from .reshaping import reshape  # (as complexes above)
    p = as_staged(p)
    if p.ndim == 0:
        p = reshape(p, (1,))
    if p.ndim != 1:
        raise AgValueError(f"{_where()}: Input must be a rank-1 array.")
    if p.dtype.kind not in "fc":
        p = cast(p, np.float64)
    n = p.shape[0]
    if n is None:
        registry._unsupported("np.roots of a polynomial of a dynamic size")
    if n <= 1:  # no roots, whatever the coefficient
        return constant(np.zeros(0))
    check_here(np.logical_and(np.not_equal(p[0], 0), np.not_equal(p[n - 1], 0)),
               "np.roots of a polynomial whose first or last coefficient is 0 (numpy "
               "strips them: a number of roots known only at run time) is not staged",
               ("raise", AgUnsupportedError))
    first = np.negative(np.true_divide(p[1:], p[0]))
    below = constant(np.diag(np.ones(n - 2, p.dtype), -1)[1:])
    companion = np.concatenate([reshape(first, (1, n - 1)), below], axis=0)
    return _geev(companion, vectors=False)


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """np.linalg.svd (also used by pinv, norm and matrix_rank)."""
    a, = _staged(a)
    _assert_stacked_2d(a)
    result_t = _result_type(a)
    if hermitian:
        return _hermitian_svd(a, compute_uv)
    if not compute_uv:
        s, status = _lapack("svd_values", a)
        _raise_if_failed(status, "SVD did not converge")
        return cast(s, result_t)
    u, s, vh, status = _lapack("svd_full" if full_matrices else "svd_reduced", a)
    _raise_if_failed(status, "SVD did not converge")
    return cast(u, result_t), cast(s, result_t), cast(vh, result_t)


implements(np.linalg.svd)(svd)


def _hermitian_svd(a, compute_uv):
    """numpy's svd(hermitian=True): from eigh, by |eigenvalue| in descending order."""
    _assert_stacked_square(a)
    if not compute_uv:
        s = np.absolute(_eigvalsh(a))
        return np.sort(s)[..., ::-1]
    s, u = _eigh(a)
    sgn = np.sign(s)
    s = np.absolute(s)
    sidx = np.argsort(s)[..., ::-1]
    sgn = np.take_along_axis(sgn, sidx, axis=-1)
    s = np.take_along_axis(s, sidx, axis=-1)
    u = np.take_along_axis(u, sidx[..., None, :], axis=-1)
    vt = _swap(np.multiply(u, sgn[..., None, :]))
    return u, s, vt


@implements(np.linalg.qr)
def _qr(a, mode="reduced"):
    if mode not in ("reduced", "complete", "r", "raw", "full", "f", "economic", "e"):
        raise AgValueError(f"{_where()}: Unrecognized mode '{mode}'")
    if mode not in ("reduced", "complete", "r"):
        raise AgUnsupportedError(
            f"{_where()}: np.linalg.qr(mode={mode!r}) is not staged (LAPACK's raw "
            "reflectors); modes 'reduced', 'complete' and 'r' are")
    a, = _staged(a)
    _assert_stacked_2d(a)
    result_t = _result_type(a)
    if mode == "r":
        r, _ = _lapack("qr_r", a)
        return cast(r, result_t)
    q, r, _ = _lapack("qr_complete" if mode == "complete" else "qr_reduced", a)
    return cast(q, result_t), cast(r, result_t)


@implements(np.linalg.lstsq)
def _lstsq(a, b, rcond="warn"):
    a, b = _staged(a, b)
    vector = b.ndim == 1
    if vector:
        b = np.reshape(b, b.shape + (1,))
    for x in (a, b):
        if x.ndim != 2:
            raise _linalg_error(f"{x.ndim}-dimensional array given. Array must be "
                                "two-dimensional")
    m, n = a.shape
    m2, n_rhs = b.shape
    if m != m2:
        raise _linalg_error("Incompatible dimensions")
    result_t = _result_type(a, b)
    if isinstance(rcond, str) and rcond == "warn":
        warnings.warn("`rcond` parameter will change to the default of machine "
                      "precision times ``max(M, N)`` where M and N are the input matrix "
                      "dimensions.\nTo use the future default and silence this warning "
                      "we advise to pass `rcond=None`, to keep using the old, explicitly "
                      "pass `rcond=-1`.", FutureWarning, stacklevel=4)
        rcond = -1
    if rcond is None:
        rcond = np.finfo(np.float64).eps * max(n, m)
    rcond = as_staged(rcond)
    if rcond.ndim != 0:
        raise AgUnsupportedError(f"{_where()}: np.linalg.lstsq with an array rcond is "
                                 "not staged")
    if n_rhs == 0:  # LAPACK cannot take no right-hand side: numpy solves for one
        b = constant(np.zeros((m, 1)))
    x, resids, rank, s, status = _lapack("lstsq", a, b, rcond)
    _raise_if_failed(status, "SVD did not converge in Linear Least Squares")
    if n_rhs == 0:
        x, resids = x[..., :0], resids[..., :0]
    if vector:
        x = np.reshape(x, x.shape[:-1])
    if m <= n:
        resids = constant(np.zeros((0,), result_t))
    else:
        # numpy keeps the residuals only when a has full rank: a size only the run knows.
        full = np.broadcast_to(np.equal(rank, n), resids.shape)
        resids = cast(resids, result_t)[full]
    return cast(x, result_t), cast(resids, result_t), _scalar(cast(rank, np.int32)), \
        cast(s, result_t)


# --- compositions (numpy's Python code over the primitives) ---------------------------

@implements(np.linalg.pinv)
def _pinv(a, rcond=1e-15, hermitian=False):
    a, = _staged(a)
    _assert_stacked_2d(a)
    rcond = as_staged(rcond)
    if a.size == 0:
        m, n = a.shape[-2:]
        return constant(np.zeros(a.shape[:-2] + (n, m), a.dtype))
    u, s, vt = svd(a, full_matrices=False, hermitian=hermitian)
    cutoff = np.multiply(rcond[..., None], np.amax(s, axis=-1, keepdims=True))
    large = np.greater(s, cutoff)
    s = np.where(large, np.true_divide(np.ones((), s.dtype), s), np.zeros((), s.dtype))
    return np.matmul(_swap(vt), np.multiply(s[..., None], _swap(u)))


@implements(np.linalg.matrix_rank)
def _matrix_rank(A, tol=None, hermitian=False):
    A, = _staged(A)
    if A.ndim < 2:
        return _scalar(cast(np.logical_not(np.all(np.equal(A, 0))), np.int64))
    S = svd(A, compute_uv=False, hermitian=hermitian)
    if tol is None:
        tol = np.multiply(np.multiply(np.amax(S, axis=-1, keepdims=True),
                                      max(A.shape[-2:])), np.finfo(S.dtype).eps)
    else:
        tol = as_staged(tol)[..., None]
    return np.sum(np.greater(S, tol), axis=-1)  # count_nonzero's intp


@implements(np.linalg.matrix_power)
def _matrix_power(a, n):
    a = _stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise AgTypeError(f"{_where()}: exponent must be an integer") from e
    if n == 0:
        eye = constant(np.eye(a.shape[-2], dtype=a.dtype))
        return np.copy(np.broadcast_to(eye, a.shape))
    if n < 0:
        a = _inv(a)
        n = abs(n)
    if n == 1:
        return a
    if n == 2:
        return np.matmul(a, a)
    if n == 3:
        return np.matmul(np.matmul(a, a), a)
    z = result = None
    while n > 0:
        z = a if z is None else np.matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else np.matmul(result, z)
    return result


@implements(np.linalg.cond)
def _cond(x, p=None):
    x, = _staged(x)
    if x.size == 0 and x.ndim >= 2 and np.prod(x.shape[-2:]) == 0:
        raise _linalg_error("cond is not defined on empty arrays")
    if p is None or p == 2 or p == -2:
        s = svd(x, compute_uv=False)
        r = np.true_divide(s[..., -1], s[..., 0]) if p == -2 else \
            np.true_divide(s[..., 0], s[..., -1])
    else:
        _assert_stacked_2d(x)
        _assert_stacked_square(x)
        # numpy's inv gufunc without the error: NaN for a singular matrix.
        invx, _ = _lapack("inv", x)
        r = cast(np.multiply(_norm(x, p, axis=(-2, -1)),
                             _norm(invx, p, axis=(-2, -1))), _result_type(x))
    # NaNs become infinities unless x itself had NaNs.
    nan_mask = np.logical_and(np.isnan(r),
                              np.logical_not(np.any(np.isnan(x), axis=(-2, -1))))
    return _scalar(np.where(nan_mask, np.array(np.inf, r.dtype), r))


@implements(np.linalg.multi_dot)
def _multi_dot(arrays, *, out=None):
    if out is not None:
        raise AgUnsupportedError(f"{_where()}: np.linalg.multi_dot with out= is not "
                                 "staged (assign the result instead)")
    n = len(arrays)
    if n < 2:
        raise AgValueError(f"{_where()}: Expecting at least two arrays.")
    if n == 2:
        return np.dot(arrays[0], arrays[1])
    arrays = _staged(*arrays)
    ndim_first, ndim_last = arrays[0].ndim, arrays[-1].ndim
    if ndim_first == 1:
        arrays[0] = np.reshape(arrays[0], (1, -1))
    if ndim_last == 1:
        arrays[-1] = np.reshape(arrays[-1], (-1, 1))
    for a in arrays:
        if a.ndim != 2:
            raise _linalg_error(f"{a.ndim}-dimensional array given. Array must be "
                                "two-dimensional")
    # numpy's own chain ordering (it reads only shapes; its dot calls dispatch here).
    if n == 3:
        result = numpy_linalg._multi_dot_three(*arrays)
    else:
        order = numpy_linalg._multi_dot_matrix_chain_order(arrays)
        result = numpy_linalg._multi_dot(arrays, order, 0, n - 1)
    if ndim_first == 1 and ndim_last == 1:
        return _scalar(np.reshape(result, ()))
    if ndim_first == 1 or ndim_last == 1:
        return np.reshape(result, (-1,))
    return result


@implements(np.linalg.tensorinv)
def _tensorinv(a, ind=2):
    a, = _staged(a)
    if ind <= 0:
        raise AgValueError(f"{_where()}: Invalid ind argument.")
    oldshape = a.shape
    invshape = oldshape[ind:] + oldshape[:ind]
    prod = int(np.prod(oldshape[ind:], dtype=np.int64))
    if prod == 0 or a.size % prod:
        raise AgValueError(f"{_where()}: cannot reshape array of size {a.size} into "
                           f"shape ({prod},newaxis)")
    return np.reshape(_inv(np.reshape(a, (prod, a.size // prod))), invshape)


@implements(np.linalg.tensorsolve)
def _tensorsolve(a, b, axes=None):
    a, b = _staged(a, b)
    an = a.ndim
    if axes is not None:
        allaxes = list(range(an))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(an, k)
        a = np.transpose(a, allaxes)
    oldshape = a.shape[-(an - b.ndim):]
    prod = int(np.prod(oldshape, dtype=np.int64))
    if a.size != prod ** 2:
        raise _linalg_error("Input arrays must satisfy the requirement "
                            "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    x = _solve(np.reshape(a, (prod, prod)), np.reshape(b, (-1,)))
    return np.reshape(x, oldshape)


def _multi_svd_norm(x, row_axis, col_axis, op):
    y = np.moveaxis(x, (row_axis, col_axis), (-2, -1))
    return op(svd(y, compute_uv=False), axis=-1)


@implements(np.linalg.norm)
def _norm(x, ord=None, axis=None, keepdims=False):
    x, = _staged(x)
    if x.dtype.kind not in "f":
        x = cast(x, np.float64)
    if axis is None:
        ndim = x.ndim
        if ord is None or (ord in ("f", "fro") and ndim == 2) or (ord == 2 and ndim == 1):
            flat = np.reshape(x, (-1,))
            ret = np.sqrt(np.dot(flat, flat))
            if keepdims:
                ret = np.reshape(ret, ndim * (1,))
            return ret
    nd = x.ndim
    if axis is None:
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = int(axis)
        except Exception as e:
            raise AgTypeError(f"{_where()}: 'axis' must be None, an integer or a "
                                   "tuple of integers") from e
        axis = (axis,)
    if len(axis) == 1:
        if ord == np.inf:
            return np.amax(np.absolute(x), axis=axis, keepdims=keepdims)
        if ord == -np.inf:
            return np.amin(np.absolute(x), axis=axis, keepdims=keepdims)
        if ord == 0:
            return np.sum(cast(np.not_equal(x, 0), x.dtype), axis=axis, keepdims=keepdims)
        if ord == 1:
            return np.sum(np.absolute(x), axis=axis, keepdims=keepdims)
        if ord is None or ord == 2:
            return np.sqrt(np.sum(np.multiply(x, x), axis=axis, keepdims=keepdims))
        if isinstance(ord, str):
            raise AgValueError(f"{_where()}: Invalid norm order '{ord}' for vectors")
        absx = np.power(np.absolute(x), ord)
        ret = np.sum(absx, axis=axis, keepdims=keepdims)
        return np.power(ret, np.reciprocal(ord, dtype=ret.dtype))
    if len(axis) == 2:
        row_axis, col_axis = (registry._normalize_axis(operator.index(i), nd) for i in axis)
        if row_axis == col_axis:
            raise AgValueError(f"{_where()}: Duplicate axes given.")
        if ord == 2:
            ret = _multi_svd_norm(x, row_axis, col_axis, np.amax)
        elif ord == -2:
            ret = _multi_svd_norm(x, row_axis, col_axis, np.amin)
        elif ord == 1:
            if col_axis > row_axis:
                col_axis -= 1
            ret = np.amax(np.sum(np.absolute(x), axis=row_axis), axis=col_axis)
        elif ord == np.inf:
            if row_axis > col_axis:
                row_axis -= 1
            ret = np.amax(np.sum(np.absolute(x), axis=col_axis), axis=row_axis)
        elif ord == -1:
            if col_axis > row_axis:
                col_axis -= 1
            ret = np.amin(np.sum(np.absolute(x), axis=row_axis), axis=col_axis)
        elif ord == -np.inf:
            if row_axis > col_axis:
                row_axis -= 1
            ret = np.amin(np.sum(np.absolute(x), axis=col_axis), axis=row_axis)
        elif ord in (None, "fro", "f"):
            ret = np.sqrt(np.sum(np.multiply(x, x), axis=axis))
        elif ord == "nuc":
            ret = _multi_svd_norm(x, row_axis, col_axis, np.sum)
        else:
            raise AgValueError(f"{_where()}: Invalid norm order for matrices.")
        if keepdims:
            shape = list(x.shape)
            shape[axis[0]] = 1
            shape[axis[1]] = 1
            ret = np.reshape(ret, tuple(shape))
        return ret
    raise AgValueError(f"{_where()}: Improper number of dimensions to norm.")


"""float64 linear algebra as numerical code written for numpy uses it: a chain of matrix
products, the matrix-vector forms of iterative solvers, and numpy.linalg's LAPACK calls
(solve, inv, svd). OpenBLAS territory (oneDNN 2.6 has no float64 matmul): numpy calls it
directly, ag through its ag_blas_* and ag_lapack_* kernels.
"""

import numpy as np

from . import Workload


def matmul_chain(a, b, c, d):
    return a @ b @ c @ d


def chain_inputs(rng, n):
    # Scaled so that the product stays O(1) (the comparison is about rounding).
    return tuple(rng.standard_normal((n, n)) / np.sqrt(n) for _ in range(4))


def normal_matvec(a, x):
    """A^T A x, the product a least-squares or CG step spends its time in."""
    return a.T @ (a @ x)


def matvec(a, x):
    return a @ x


def matvec_inputs(rng, m, n):
    return rng.standard_normal((m, n)), rng.standard_normal(n)


def solve(a, b):
    return np.linalg.solve(a, b)


def inv(a):
    return np.linalg.inv(a)


def svd(a):
    return np.linalg.svd(a)


def square_inputs(rng, n):
    # Diagonally dominant: well conditioned, so the results compare at tight tolerances.
    return (rng.standard_normal((n, n)) + n * np.eye(n),)


def solve_inputs(rng, n):
    return square_inputs(rng, n) + (rng.standard_normal(n),)


WORKLOADS = [
    Workload("matmul_chain_f64", "float64 matrix chain A @ B @ C @ D (BLAS GEMM)",
             matmul_chain, chain_inputs,
             {"check": dict(n=8), "quick": dict(n=500), "full": dict(n=1000)},
             torch_fn="matmul_chain", rtol=1e-8, atol=1e-8),
    Workload("normal_matvec_f64", "float64 A.T @ (A @ x) (BLAS GEMV, transposed view)",
             normal_matvec, matvec_inputs,
             {"check": dict(m=9, n=7), "quick": dict(m=2000, n=1000),
              "full": dict(m=4000, n=2000)},
             torch_fn="normal_matvec", rtol=1e-8, atol=1e-8),
    Workload("matvec_f64", "float64 A @ x (BLAS GEMV)", matvec, matvec_inputs,
             {"check": dict(m=9, n=7), "quick": dict(m=2000, n=2000),
              "full": dict(m=4000, n=4000)},
             torch_fn="matvec", rtol=1e-8, atol=1e-8),
    Workload("linalg_solve_f64", "np.linalg.solve, float64 (LAPACK gesv)", solve,
             solve_inputs, {"check": dict(n=6), "quick": dict(n=200), "full": dict(n=1000)},
             rtol=1e-8, atol=1e-8),
    Workload("linalg_inv_f64", "np.linalg.inv, float64 (LAPACK gesv with b = I)", inv,
             square_inputs, {"check": dict(n=6), "quick": dict(n=200), "full": dict(n=1000)},
             rtol=1e-8, atol=1e-8),
    Workload("linalg_svd_f64", "np.linalg.svd, float64 (LAPACK gesdd)", svd,
             square_inputs, {"check": dict(n=6), "quick": dict(n=200), "full": dict(n=500)},
             rtol=1e-6, atol=1e-6),
]

"""float64 linear algebra as numerical code written for numpy uses it: a chain of matrix
products and the matrix-vector forms of iterative solvers. OpenBLAS territory (oneDNN 2.6
has no float64 matmul): numpy calls it directly, ag through its ag_blas_* kernels.
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
]

//===- AgLapackOps.td - LAPACK routines as one primitive -----*- tablegen -*-===//
//
// numpy.linalg's factorizations and solvers are LAPACK calls (numpy's umath_linalg): one
// primitive names the routine instead of one op per function, since all of them share
// one shape (float64 matrices in, batched over leading dims, new tensors out, a status)
// and one lowering (a call of the kernel of that name in backends/lapack). Everything
// else in np.linalg is composed over it in frontend/ag/_linalg.py. Included by AgOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef AG_LAPACK_OPS_TD
#define AG_LAPACK_OPS_TD

def Ag_LapackOp : Ag_Op<"lapack", [Pure, InferTypeOpAdaptor]> {
  let summary = "A numpy.linalg LAPACK computation, batched over leading dims";
  let description = [{
    Runs `routine` on float64 matrices of static shape `[..., m, n]`, one LAPACK call
    per index of the leading (batch) dims, which all operands share, exactly as numpy's
    umath_linalg does (same routine, same column-major copy, same workspace queries), so
    results match numpy's up to LAPACK's own rounding. The last result is a 0-d int64
    status: 0, or the LAPACK `info` of the first batch entry that failed (the staging
    runtime turns a nonzero status into numpy's LinAlgError). Routines and their
    results (B: the batch dims, k = min(m, n)):

    | routine                 | operands                   | results                      |
    |-------------------------|----------------------------|------------------------------|
    | solve (gesv)            | a[B,n,n], b[B,n,r]         | x[B,n,r]                     |
    | inv (gesv, b = I)       | a[B,n,n]                   | inverse[B,n,n]               |
    | slogdet (getrf)         | a[B,n,n]                   | sign[B], logdet[B]           |
    | cholesky (potrf 'L')    | a[B,n,n]                   | l[B,n,n]                     |
    | eigh_l, eigh_u (syevd)  | a[B,n,n]                   | w[B,n], v[B,n,n]             |
    | eigvalsh_l, eigvalsh_u  | a[B,n,n]                   | w[B,n]                       |
    | eig (geev 'N', 'V')     | a[B,n,n]                   | wr[B,n], wi[B,n], v[B,n,n] (packed pairs) |
    | eigvals (geev 'N', 'N') | a[B,n,n]                   | wr[B,n], wi[B,n]             |
    | svd_full (gesdd 'A')    | a[B,m,n]                   | u[B,m,m], s[B,k], vh[B,n,n]  |
    | svd_reduced (gesdd 'S') | a[B,m,n]                   | u[B,m,k], s[B,k], vh[B,k,n]  |
    | svd_values (gesdd 'N')  | a[B,m,n]                   | s[B,k]                       |
    | qr_reduced (geqrf+orgqr)| a[B,m,n]                   | q[B,m,k], r[B,k,n]           |
    | qr_complete             | a[B,m,n]                   | q[B,m,m], r[B,m,n]           |
    | qr_r (geqrf)            | a[B,m,n]                   | r[B,k,n]                     |
    | lstsq (gelsd)           | a[B,m,n], b[B,m,r], rcond[]| x[B,n,r], resid[B,r], rank[B] (i64), s[B,k] |

    Bufferization allocates the results and calls `ag_lapack_<routine>`
    (ag/Abi/ag_abi.h) with every operand and result as an unranked memref.
    ```mlir
    %u, %s, %vh, %info = ag.lapack "svd_reduced"(%a)
        : (tensor<5x3xf64>) -> (tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<i64>)
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$inputs, StrAttr:$routine);
  let results = (outs Variadic<Ag_Tensor>:$outputs);
  let assemblyFormat = [{
    $routine `(` $inputs `)` attr-dict `:` functional-type($inputs, $outputs)
  }];
}

#endif // AG_LAPACK_OPS_TD

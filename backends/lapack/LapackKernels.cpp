//===- LapackKernels.cpp - numpy.linalg's LAPACK calls for compiled code --===//
//
// ag.lapack calls these (ag/Abi/ag_abi.h). Each one is the loop of numpy 1.24's
// umath_linalg gufunc of the same name, step for step, so that results agree with
// numpy's to the last bit where the LAPACK is the same (Debian's numpy loads the same
// OpenBLAS): each matrix is copied into a column-major buffer (numpy's "linearize"),
// the same routine runs with the workspace size its query returns (the block sizes,
// hence the rounding, depend on it), and the outputs are copied back, with numpy's
// post-processing (cholesky's zeroed upper triangle, the identity u/vh of an empty
// full SVD, lstsq's residuals). Like numpy's, a batch entry whose routine fails gets
// NaN results and the others are still computed (np.linalg.cond reads inv's NaNs). numpy computes every real type in float64 (its
// _commonType), so only float64 kernels exist; float32 is cast by the caller.
//
// LAPACK's Fortran entry points are declared here: Debian ships no LAPACKE header for
// OpenBLAS, and these are the symbols numpy itself calls. Character arguments carry
// gfortran's hidden length arguments.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <vector>

extern "C" {
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork,
             int *info, size_t, size_t);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr,
            const int *ldvr, double *work, const int *lwork, int *info, size_t, size_t);
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt,
             double *work, const int *lwork, int *iwork, int *info, size_t);
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
             double *b, const int *ldb, double *s, const double *rcond, int *rank,
             double *work, const int *lwork, int *iwork, int *info);
}

namespace {

/// A memref of any rank through its descriptor (MLIR's StridedMemRefType layout).
template <typename T> struct View {
  T *base;
  int64_t rank;
  const int64_t *sizes;
  const int64_t *strides;

  explicit View(const AgUnrankedMemRef *m) : rank(m->rank) {
    auto *d = static_cast<char *>(m->descriptor);
    T *aligned;
    int64_t offset;
    std::memcpy(&aligned, d + sizeof(void *), sizeof(aligned));
    std::memcpy(&offset, d + 2 * sizeof(void *), sizeof(offset));
    base = aligned + offset;
    sizes = reinterpret_cast<const int64_t *>(d + 2 * sizeof(void *) + sizeof(int64_t));
    strides = sizes + rank;
  }
  /// Size and stride of core dim `i` counted from the end (1: the last).
  int64_t size(int i) const { return sizes[rank - i]; }
  int64_t stride(int i) const { return strides[rank - i]; }
  /// Number of batch entries when the last `core` dims are the core.
  int64_t batches(int core) const {
    int64_t n = 1;
    for (int64_t d = 0; d < rank - core; ++d)
      n *= sizes[d];
    return n;
  }
  /// Pointer to batch entry `b` (C order over the leading dims).
  T *at(int core, int64_t b) const {
    int64_t off = 0;
    for (int64_t d = rank - core - 1; d >= 0; --d) {
      off += (b % sizes[d]) * strides[d];
      b /= sizes[d];
    }
    return base + off;
  }
};

using Mat = View<double>;

/// Copies the rows x cols matrix at `src` (the view's strides) into `dst`, column-major
/// with leading dim `ld` (numpy's linearize_matrix into Fortran order).
void linearize(const Mat &v, const double *src, int64_t rows, int64_t cols, double *dst,
               int64_t ld) {
  int64_t rs = v.stride(2), cs = v.stride(1);
  for (int64_t j = 0; j < cols; ++j)
    for (int64_t i = 0; i < rows; ++i)
      dst[i + j * ld] = src[i * rs + j * cs];
}

/// The inverse copy (numpy's delinearize_matrix).
void delinearize(const double *src, int64_t ld, const Mat &v, double *dst, int64_t rows,
                 int64_t cols) {
  int64_t rs = v.stride(2), cs = v.stride(1);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      dst[i * rs + j * cs] = src[i + j * ld];
}

void storeVector(const double *src, int64_t n, const Mat &v, double *dst) {
  int64_t s = n ? v.stride(1) : 0;
  for (int64_t i = 0; i < n; ++i)
    dst[i * s] = src[i];
}

/// The first nonzero LAPACK info of a batch, written to the 0-d status at the end.
struct Status {
  int64_t value = 0;
  void note(int info) {
    if (value == 0 && info != 0)
      value = info;
  }
  void write(AgUnrankedMemRef *m) { *View<int64_t>(m).base = value; }
};

int ld(int64_t n) { return (int)std::max<int64_t>(n, 1); }

const double kNan = std::numeric_limits<double>::quiet_NaN();

/// numpy's nan_matrix for the outputs of a failed batch entry.
void fillNan(std::vector<double> &v) { std::fill(v.begin(), v.end(), kNan); }

/// Workspace of the size a LAPACK query (lwork = -1) reported.
int queried(double size) { return std::max(1, (int)size); }

/// The loop every batched routine shares: for each matrix b of a's batch, linearize it
/// into A (rows x cols, leading dimension lda), `run` LAPACK on it (returning its info),
/// fill `outputs` with NaN when that failed (numpy's nan_matrix), then `store(b)`. The
/// first nonzero info (the workspace query's `queryInfo` included) goes to `info`.
template <class Run, class Store>
void eachMatrix(const Mat &a, int rows, int cols, std::vector<double> &A, int lda,
                std::initializer_list<std::vector<double> *> outputs, int queryInfo,
                AgUnrankedMemRef *info, Run run, Store store) {
  Status status;
  status.note(queryInfo);
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), rows, cols, A.data(), lda);
    int err = run();
    status.note(err);
    if (err)
      for (std::vector<double> *out : outputs)
        fillNan(*out);
    store(b);
  }
  status.write(info);
}

/// gesv of each a with the right-hand side `rhs` (b's matrix, or the identity).
void gesvBatched(AgUnrankedMemRef *aRef, AgUnrankedMemRef *bRef, AgUnrankedMemRef *xRef,
                 AgUnrankedMemRef *info) {
  Mat a(aRef), x(xRef);
  int n = (int)a.size(1), nrhs = (int)x.size(1), lda = ld(n), ldb = ld(n);
  std::vector<double> A((size_t)lda * n), B((size_t)ldb * nrhs);
  std::vector<int> ipiv(std::max(n, 1));
  Status status;
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), n, n, A.data(), lda);
    if (bRef) {
      Mat rhs(bRef);
      linearize(rhs, rhs.at(2, b), n, nrhs, B.data(), ldb);
    } else {
      std::fill(B.begin(), B.end(), 0.0);
      for (int i = 0; i < n; ++i)
        B[i + (size_t)i * ldb] = 1.0;
    }
    int err = 0;
    dgesv_(&n, &nrhs, A.data(), &lda, ipiv.data(), B.data(), &ldb, &err);
    status.note(err);
    if (err)
      fillNan(B);
    delinearize(B.data(), ldb, x, x.at(2, b), n, nrhs);
  }
  status.write(info);
}

/// syevd of each a: eigenvalues, and eigenvectors when `vectors` is given.
void syevdBatched(AgUnrankedMemRef *aRef, char uplo, AgUnrankedMemRef *wRef,
                  AgUnrankedMemRef *vRef, AgUnrankedMemRef *info) {
  Mat a(aRef), w(wRef);
  char jobz = vRef ? 'V' : 'N';
  int n = (int)a.size(1), lda = ld(n), err = 0;
  std::vector<double> A((size_t)lda * n), W(std::max(n, 1));
  double workSize = 0;
  int iworkSize = 0, query = -1;
  dsyevd_(&jobz, &uplo, &n, A.data(), &lda, W.data(), &workSize, &query, &iworkSize,
          &query, &err, 1, 1);
  int lwork = queried(workSize), liwork = std::max(1, iworkSize);
  std::vector<double> work(lwork);
  std::vector<int> iwork(liwork);
  eachMatrix(
      a, n, n, A, lda, {&W, &A}, err, info,
      [&] {
        dsyevd_(&jobz, &uplo, &n, A.data(), &lda, W.data(), work.data(), &lwork,
                iwork.data(), &liwork, &err, 1, 1);
        return err;
      },
      [&](int64_t b) {
        storeVector(W.data(), n, w, w.at(1, b));
        if (vRef) {
          Mat v(vRef);
          delinearize(A.data(), lda, v, v.at(2, b), n, n);
        }
      });
}

/// geev of each a (numpy's eig and eigvals of real matrices): the eigenvalues as real
/// and imaginary parts and, when `vRef` is given, the right eigenvectors in LAPACK's
/// packed form (a conjugate pair j, j + 1 as the columns re, im), which the caller
/// unpacks as numpy's mk_geev_complex_eigenvectors does.
void geevBatched(AgUnrankedMemRef *aRef, AgUnrankedMemRef *wrRef, AgUnrankedMemRef *wiRef,
                 AgUnrankedMemRef *vRef, AgUnrankedMemRef *info) {
  Mat a(aRef), wr(wrRef), wi(wiRef);
  char jobvl = 'N', jobvr = vRef ? 'V' : 'N';
  int n = (int)a.size(1), lda = ld(n), ldvl = 1, ldvr = vRef ? ld(n) : 1, err = 0;
  std::vector<double> A((size_t)lda * n), WR(std::max(n, 1)), WI(std::max(n, 1)), VL(1),
      VR((size_t)ldvr * (vRef ? n : 1));
  double workSize = 0;
  int query = -1;
  dgeev_(&jobvl, &jobvr, &n, A.data(), &lda, WR.data(), WI.data(), VL.data(), &ldvl,
         VR.data(), &ldvr, &workSize, &query, &err, 1, 1);
  int lwork = queried(workSize);
  std::vector<double> work(lwork);
  eachMatrix(
      a, n, n, A, lda, {&WR, &WI, &VR}, err, info,
      [&] {
        dgeev_(&jobvl, &jobvr, &n, A.data(), &lda, WR.data(), WI.data(), VL.data(), &ldvl,
               VR.data(), &ldvr, work.data(), &lwork, &err, 1, 1);
        return err;
      },
      [&](int64_t b) {
        storeVector(WR.data(), n, wr, wr.at(1, b));
        storeVector(WI.data(), n, wi, wi.at(1, b));
        if (vRef) {
          Mat v(vRef);
          delinearize(VR.data(), ldvr, v, v.at(2, b), n, n);
        }
      });
}

/// gesdd of each a with `jobz` 'A', 'S' or 'N'.
void gesddBatched(AgUnrankedMemRef *aRef, char jobz, AgUnrankedMemRef *uRef,
                  AgUnrankedMemRef *sRef, AgUnrankedMemRef *vtRef, AgUnrankedMemRef *info) {
  Mat a(aRef), s(sRef);
  int m = (int)a.size(2), n = (int)a.size(1), k = std::min(m, n), lda = ld(m), err = 0;
  int uCols = jobz == 'A' ? m : jobz == 'S' ? k : 0;
  int vtRows = jobz == 'A' ? n : jobz == 'S' ? k : 0;
  int ldu = ld(m), ldvt = ld(vtRows);
  std::vector<double> A((size_t)lda * n), S(std::max(k, 1));
  std::vector<double> U((size_t)ldu * std::max(uCols, 1)),
      VT((size_t)ldvt * std::max(n, 1));
  std::vector<int> iwork(std::max(8 * k, 1));
  double workSize = 0;
  int query = -1;
  dgesdd_(&jobz, &m, &n, A.data(), &lda, S.data(), U.data(), &ldu, VT.data(), &ldvt,
          &workSize, &query, iwork.data(), &err, 1);
  int lwork = queried(workSize);
  std::vector<double> work(lwork);
  eachMatrix(
      a, m, n, A, lda, {&S, &U, &VT}, err, info,
      [&] {
        dgesdd_(&jobz, &m, &n, A.data(), &lda, S.data(), U.data(), &ldu, VT.data(), &ldvt,
                work.data(), &lwork, iwork.data(), &err, 1);
        return err;
      },
      [&](int64_t b) {
        storeVector(S.data(), k, s, s.at(1, b));
        if (jobz == 'N')
          return;
        if (jobz == 'A' && k == 0) {
          // LAPACK returns before writing u and vt; numpy makes them identities.
          std::fill(U.begin(), U.end(), 0.0);
          std::fill(VT.begin(), VT.end(), 0.0);
          for (int i = 0; i < m; ++i)
            U[i + (size_t)i * ldu] = 1.0;
          for (int i = 0; i < n; ++i)
            VT[i + (size_t)i * ldvt] = 1.0;
        }
        Mat u(uRef), vt(vtRef);
        delinearize(U.data(), ldu, u, u.at(2, b), m, uCols);
        delinearize(VT.data(), ldvt, vt, vt.at(2, b), vtRows, n);
      });
}

/// geqrf of each a; r = triu of its first `rRows` rows; with `qRef`, orgqr's q with
/// that output's number of columns (numpy's qr_reduced / qr_complete).
void qrBatched(AgUnrankedMemRef *aRef, AgUnrankedMemRef *qRef, AgUnrankedMemRef *rRef,
               AgUnrankedMemRef *info) {
  Mat a(aRef), r(rRef);
  int m = (int)a.size(2), n = (int)a.size(1), k = std::min(m, n), lda = ld(m), err = 0;
  int rRows = (int)r.size(2);
  int qCols = qRef ? (int)Mat(qRef).size(1) : 0;
  std::vector<double> A((size_t)lda * n), tau(std::max(k, 1));
  std::vector<double> Q((size_t)lda * std::max(qCols, 1));
  double workSize = 0, qWorkSize = 0;
  int query = -1;
  dgeqrf_(&m, &n, A.data(), &lda, tau.data(), &workSize, &query, &err);
  int lwork = queried(workSize), qLwork = 1;
  if (qRef) {
    int qerr = 0;
    dorgqr_(&m, &qCols, &k, Q.data(), &lda, tau.data(), &qWorkSize, &query, &qerr);
    qLwork = queried(qWorkSize);
  }
  std::vector<double> work(lwork), qWork(qLwork);
  Status status;
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), m, n, A.data(), lda);
    dgeqrf_(&m, &n, A.data(), &lda, tau.data(), work.data(), &lwork, &err);
    status.note(err);
    double *rOut = r.at(2, b);
    for (int i = 0; i < rRows; ++i)
      for (int j = 0; j < n; ++j)
        rOut[i * r.stride(2) + j * r.stride(1)] = j >= i ? A[i + (size_t)j * lda] : 0.0;
    if (!qRef)
      continue;
    // q starts as a's reflectors (the columns both have); orgqr builds the rest.
    std::fill(Q.begin(), Q.end(), 0.0);
    std::copy(A.begin(), A.begin() + (size_t)lda * std::min(n, qCols), Q.begin());
    dorgqr_(&m, &qCols, &k, Q.data(), &lda, tau.data(), qWork.data(), &qLwork, &err);
    status.note(err);
    Mat q(qRef);
    delinearize(Q.data(), lda, q, q.at(2, b), m, qCols);
  }
  status.write(info);
}

} // namespace

extern "C" {

void _mlir_ciface_ag_lapack_solve(AgUnrankedMemRef *a, AgUnrankedMemRef *b,
                                  AgUnrankedMemRef *x, AgUnrankedMemRef *info) {
  gesvBatched(a, b, x, info);
}

void _mlir_ciface_ag_lapack_inv(AgUnrankedMemRef *a, AgUnrankedMemRef *out,
                                AgUnrankedMemRef *info) {
  gesvBatched(a, nullptr, out, info);
}

void _mlir_ciface_ag_lapack_slogdet(AgUnrankedMemRef *aRef, AgUnrankedMemRef *signRef,
                                    AgUnrankedMemRef *logdetRef, AgUnrankedMemRef *info) {
  Mat a(aRef), sign(signRef), logdet(logdetRef);
  int n = (int)a.size(1), lda = ld(n);
  std::vector<double> A((size_t)lda * n);
  std::vector<int> ipiv(std::max(n, 1));
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), n, n, A.data(), lda);
    int err = 0;
    dgetrf_(&n, &n, A.data(), &lda, ipiv.data(), &err);
    double s, l;
    if (err == 0) {
      // numpy's slogdet_single_element: the pivots' parity, then the diagonal's signs
      // and the sum of its logs.
      int changes = 0;
      for (int i = 0; i < n; ++i)
        changes += ipiv[i] != i + 1;
      s = changes % 2 ? -1.0 : 1.0;
      l = 0.0;
      for (int i = 0; i < n; ++i) {
        double e = A[i + (size_t)i * lda];
        if (e < 0) {
          s = -s;
          e = -e;
        }
        l += std::log(e);
      }
    } else { // a zero pivot: numpy's sign 0, log -inf (no error)
      s = 0.0;
      l = -std::numeric_limits<double>::infinity();
    }
    *sign.at(0, b) = s;
    *logdet.at(0, b) = l;
  }
  Status().write(info);
}

void _mlir_ciface_ag_lapack_cholesky(AgUnrankedMemRef *aRef, AgUnrankedMemRef *lRef,
                                     AgUnrankedMemRef *info) {
  Mat a(aRef), l(lRef);
  int n = (int)a.size(1), lda = ld(n);
  char uplo = 'L';
  std::vector<double> A((size_t)lda * n);
  Status status;
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), n, n, A.data(), lda);
    int err = 0;
    dpotrf_(&uplo, &n, A.data(), &lda, &err, 1);
    status.note(err);
    if (err)
      fillNan(A);
    for (int j = 1; j < n; ++j) // potrf leaves a's upper triangle; numpy zeroes it
      for (int i = 0; i < j; ++i)
        A[i + (size_t)j * lda] = 0.0;
    delinearize(A.data(), lda, l, l.at(2, b), n, n);
  }
  status.write(info);
}

void _mlir_ciface_ag_lapack_eigh_l(AgUnrankedMemRef *a, AgUnrankedMemRef *w,
                                   AgUnrankedMemRef *v, AgUnrankedMemRef *info) {
  syevdBatched(a, 'L', w, v, info);
}
void _mlir_ciface_ag_lapack_eigh_u(AgUnrankedMemRef *a, AgUnrankedMemRef *w,
                                   AgUnrankedMemRef *v, AgUnrankedMemRef *info) {
  syevdBatched(a, 'U', w, v, info);
}
void _mlir_ciface_ag_lapack_eigvalsh_l(AgUnrankedMemRef *a, AgUnrankedMemRef *w,
                                       AgUnrankedMemRef *info) {
  syevdBatched(a, 'L', w, nullptr, info);
}
void _mlir_ciface_ag_lapack_eigvalsh_u(AgUnrankedMemRef *a, AgUnrankedMemRef *w,
                                       AgUnrankedMemRef *info) {
  syevdBatched(a, 'U', w, nullptr, info);
}

void _mlir_ciface_ag_lapack_eig(AgUnrankedMemRef *a, AgUnrankedMemRef *wr,
                                AgUnrankedMemRef *wi, AgUnrankedMemRef *v,
                                AgUnrankedMemRef *info) {
  geevBatched(a, wr, wi, v, info);
}
void _mlir_ciface_ag_lapack_eigvals(AgUnrankedMemRef *a, AgUnrankedMemRef *wr,
                                    AgUnrankedMemRef *wi, AgUnrankedMemRef *info) {
  geevBatched(a, wr, wi, nullptr, info);
}

void _mlir_ciface_ag_lapack_svd_full(AgUnrankedMemRef *a, AgUnrankedMemRef *u,
                                     AgUnrankedMemRef *s, AgUnrankedMemRef *vh,
                                     AgUnrankedMemRef *info) {
  gesddBatched(a, 'A', u, s, vh, info);
}
void _mlir_ciface_ag_lapack_svd_reduced(AgUnrankedMemRef *a, AgUnrankedMemRef *u,
                                        AgUnrankedMemRef *s, AgUnrankedMemRef *vh,
                                        AgUnrankedMemRef *info) {
  gesddBatched(a, 'S', u, s, vh, info);
}
void _mlir_ciface_ag_lapack_svd_values(AgUnrankedMemRef *a, AgUnrankedMemRef *s,
                                       AgUnrankedMemRef *info) {
  gesddBatched(a, 'N', nullptr, s, nullptr, info);
}

void _mlir_ciface_ag_lapack_qr_reduced(AgUnrankedMemRef *a, AgUnrankedMemRef *q,
                                       AgUnrankedMemRef *r, AgUnrankedMemRef *info) {
  qrBatched(a, q, r, info);
}
void _mlir_ciface_ag_lapack_qr_complete(AgUnrankedMemRef *a, AgUnrankedMemRef *q,
                                        AgUnrankedMemRef *r, AgUnrankedMemRef *info) {
  qrBatched(a, q, r, info);
}
void _mlir_ciface_ag_lapack_qr_r(AgUnrankedMemRef *a, AgUnrankedMemRef *r,
                                 AgUnrankedMemRef *info) {
  qrBatched(a, nullptr, r, info);
}

void _mlir_ciface_ag_lapack_lstsq(AgUnrankedMemRef *aRef, AgUnrankedMemRef *bRef,
                                  AgUnrankedMemRef *rcondRef, AgUnrankedMemRef *xRef,
                                  AgUnrankedMemRef *residRef, AgUnrankedMemRef *rankRef,
                                  AgUnrankedMemRef *sRef, AgUnrankedMemRef *info) {
  Mat a(aRef), rhs(bRef), x(xRef), resid(residRef), s(sRef);
  View<int64_t> rank(rankRef);
  double rcond = *Mat(rcondRef).base;
  int m = (int)a.size(2), n = (int)a.size(1), nrhs = (int)rhs.size(1);
  int k = std::min(m, n), lda = ld(m), ldb = ld(std::max(m, n)), err = 0, r = 0;
  std::vector<double> A((size_t)lda * n), B((size_t)ldb * nrhs), S(std::max(k, 1));
  double workSize = 0;
  int iworkSize = 0, query = -1;
  dgelsd_(&m, &n, &nrhs, A.data(), &lda, B.data(), &ldb, S.data(), &rcond, &r, &workSize,
          &query, &iworkSize, &err);
  int lwork = queried(workSize);
  std::vector<double> work(lwork);
  std::vector<int> iwork(std::max(1, iworkSize));
  Status status;
  status.note(err);
  for (int64_t b = 0, nb = a.batches(2); b < nb; ++b) {
    linearize(a, a.at(2, b), m, n, A.data(), lda);
    std::fill(B.begin(), B.end(), 0.0);
    linearize(rhs, rhs.at(2, b), m, nrhs, B.data(), ldb);
    dgelsd_(&m, &n, &nrhs, A.data(), &lda, B.data(), &ldb, S.data(), &rcond, &r,
            work.data(), &lwork, iwork.data(), &err);
    status.note(err);
    if (err) { // numpy: NaN results, rank -1
      fillNan(B);
      fillNan(S);
      r = -1;
    }
    if (m == 0) // numpy: x[...] = 0 (LAPACK returns before touching b)
      std::fill(B.begin(), B.end(), 0.0);
    delinearize(B.data(), ldb, x, x.at(2, b), n, nrhs);
    // Rows n..m-1 of b hold the residual's components when a has full column rank.
    double *out = resid.at(1, b);
    for (int j = 0; j < nrhs; ++j) {
      double sum = std::numeric_limits<double>::quiet_NaN();
      if (m > n && r == n && !err) {
        sum = 0.0;
        for (int i = n; i < m; ++i)
          sum += B[i + (size_t)j * ldb] * B[i + (size_t)j * ldb];
      }
      out[j * resid.stride(1)] = sum;
    }
    *rank.at(0, b) = r;
    storeVector(S.data(), k, s, s.at(1, b));
  }
  status.write(info);
}

} // extern "C"

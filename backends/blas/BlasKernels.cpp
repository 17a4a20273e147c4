//===- BlasKernels.cpp - OpenBLAS GEMM/GEMV for JIT code ------------------===//
//
// Implements the ag_blas_* entries of ag_abi.h on Debian's OpenBLAS (cblas_*): float64
// matmul, which oneDNN 2.6 does not serve, and matrix x vector in float32 and float64,
// where a GEMV reads the matrix once at memory speed while a GEMM with N = 1 (what
// oneDNN gets for it) packs it first.
//
// Operands arrive as strided memref descriptors. BLAS addresses a matrix by a pointer, a
// leading dimension and a transpose flag, so a row-major view (unit column stride) or a
// column-major one (unit row stride: x.T, a column slice) goes in without a copy, and a
// vector by a pointer and an increment of either sign. Only layouts BLAS cannot express
// (no unit stride in a matrix, zero strides of a broadcast) are packed into a scratch
// buffer first, and an output BLAS cannot address is computed in scratch and copied out.
// Size-1 dims impose nothing: their stride is never used.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <cblas.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace {

/// A rank-2 strided view: element (i, j) is data[i * s0 + j * s1].
template <typename T> struct View2 {
  T *data;
  int64_t rows, cols, s0, s1;
  T &at(int64_t i, int64_t j) const { return data[i * s0 + j * s1]; }
};

/// A rank-1 strided view.
template <typename T> struct View1 {
  T *data;
  int64_t size, stride;
};

/// How BLAS addresses a matrix view: op(X) with X row-major at leading dimension `ld`.
struct Layout {
  bool ok;
  CBLAS_TRANSPOSE trans;
  int ld;
};

/// BLAS takes int dims and strides; larger ones are packed or split by the caller.
constexpr int64_t kIntMax = 0x7fffffff;

template <typename T> Layout blasLayout(const View2<T> &v) {
  int64_t r = v.rows, c = v.cols;
  bool rowUnit = v.s1 == 1 || c == 1, colUnit = v.s0 == 1 || r == 1;
  // Row-major: consecutive rows at least a row apart.
  if (rowUnit && (r == 1 || v.s0 >= std::max<int64_t>(1, c))) {
    int64_t ld = r == 1 ? std::max<int64_t>(1, c) : v.s0;
    if (ld <= kIntMax)
      return {true, CblasNoTrans, int(ld)};
  }
  if (colUnit && (c == 1 || v.s1 >= std::max<int64_t>(1, r))) {
    int64_t ld = c == 1 ? std::max<int64_t>(1, r) : v.s1;
    if (ld <= kIntMax)
      return {true, CblasTrans, int(ld)};
  }
  return {false, CblasNoTrans, 0};
}

/// BLAS's address of a vector with increment `inc`: with a negative increment BLAS
/// starts from the lowest address and walks down, i.e. from the last element.
template <typename T> T *blasBase(T *data, int64_t size, int64_t inc) {
  return inc < 0 && size > 0 ? data + (size - 1) * inc : data;
}

/// Scratch storage reused across calls on one thread (one per role in a call).
template <typename T> std::vector<T> *scratchBuffers() {
  thread_local std::vector<T> buffers[3];
  return buffers;
}
template <typename T> T *scratch(int slot, int64_t elems) {
  std::vector<T> &b = scratchBuffers<T>()[slot];
  if (int64_t(b.size()) < elems)
    b.resize(elems);
  return b.data();
}

/// Ends a call: a scratch buffer that packed a large operand (a reversed 1000x1000
/// view: 8 MB) is not kept for the thread's lifetime.
template <typename T> void releaseLargeScratch() {
  constexpr size_t kKeep = 1 << 16;
  for (int slot = 0; slot < 3; ++slot) {
    std::vector<T> &b = scratchBuffers<T>()[slot];
    if (b.capacity() > kKeep)
      std::vector<T>().swap(b);
  }
}

/// `v` packed into row-major scratch `slot`.
template <typename T> View2<T> packed(const View2<T> &v, int slot) {
  T *p = scratch<T>(slot, v.rows * v.cols);
  for (int64_t i = 0; i < v.rows; ++i)
    for (int64_t j = 0; j < v.cols; ++j)
      p[i * v.cols + j] = v.at(i, j);
  return {p, v.rows, v.cols, v.cols, 1};
}

template <typename T> View1<T> packed(const View1<T> &v, int slot) {
  T *p = scratch<T>(slot, v.size);
  for (int64_t i = 0; i < v.size; ++i)
    p[i] = v.data[i * v.stride];
  return {p, v.size, 1};
}

bool blasIncrement(int64_t stride, int64_t size) {
  return size == 1 || (stride != 0 && stride >= -kIntMax && stride <= kIntMax);
}

// Overloads over the element type, so the drivers below are written once.
void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, const double *a,
          int lda, const double *b, int ldb, double beta, double *c, int ldc) {
  cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, b, ldb, beta, c, ldc);
}
void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, const float *a,
          int lda, const float *b, int ldb, float beta, float *c, int ldc) {
  cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}
void gemv(CBLAS_TRANSPOSE t, int m, int n, const double *a, int lda, const double *x,
          int incx, double beta, double *y, int incy) {
  cblas_dgemv(CblasRowMajor, t, m, n, 1.0, a, lda, x, incx, beta, y, incy);
}
void gemv(CBLAS_TRANSPOSE t, int m, int n, const float *a, int lda, const float *x,
          int incx, float beta, float *y, int incy) {
  cblas_sgemv(CblasRowMajor, t, m, n, 1.0f, a, lda, x, incx, beta, y, incy);
}
double dot(int n, const double *x, int incx, const double *y, int incy) {
  return cblas_ddot(n, x, incx, y, incy);
}
float dot(int n, const float *x, int incx, const float *y, int incy) {
  return cblas_sdot(n, x, incx, y, incy);
}

bool fitsInt(int64_t v) { return v <= kIntMax; }

/// C = A @ B + beta * C by loops: for dims beyond BLAS's int (a vector of 2^31 floats).
template <typename T> void loopMatmul(View2<T> a, View2<T> b, View2<T> c, T beta) {
  for (int64_t i = 0; i < c.rows; ++i)
    for (int64_t j = 0; j < c.cols; ++j) {
      T acc = 0;
      for (int64_t l = 0; l < a.cols; ++l)
        acc += a.at(i, l) * b.at(l, j);
      c.at(i, j) = beta == T(0) ? acc : c.at(i, j) + acc;
    }
}

/// y = A @ x + beta * y for a matrix view A[M, K]. A transposed view is GEMV's
/// transpose flag; K = 0 leaves beta * y (BLAS would too, but says nothing on NaN).
template <typename T> void matvec(View2<T> a, View1<T> x, View1<T> y, T beta) {
  int64_t m = a.rows, k = a.cols;
  if (m == 0)
    return;
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      y.data[i * y.stride] = beta == T(0) ? T(0) : y.data[i * y.stride];
    return;
  }
  if (!fitsInt(m) || !fitsInt(k))
    return loopMatmul(a, View2<T>{x.data, k, 1, x.stride, 0},
                      View2<T>{y.data, m, 1, y.stride, 0}, beta);
  if (m == 1) { // A dot product: BLAS's dot beats a one-row GEMV.
    if (!blasIncrement(a.s1, k) || !blasIncrement(x.stride, k)) {
      a = packed(a, 0);
      x = packed(x, 1);
    }
    int incA = k == 1 ? 1 : int(a.s1), incX = k == 1 ? 1 : int(x.stride);
    T d = dot(int(k), blasBase(a.data, k, incA), incA, blasBase(x.data, k, incX), incX);
    y.data[0] = beta == T(0) ? d : y.data[0] + d;
    return;
  }
  Layout la = blasLayout(a);
  if (!la.ok) {
    a = packed(a, 0);
    la = blasLayout(a);
  }
  if (!blasIncrement(x.stride, k))
    x = packed(x, 1);
  View1<T> out = y;
  bool copyOut = !blasIncrement(y.stride, m);
  if (copyOut) {
    out = {scratch<T>(2, m), m, 1};
    for (int64_t i = 0; i < m && beta != T(0); ++i)
      out.data[i] = y.data[i * y.stride];
  }
  int incX = k == 1 ? 1 : int(x.stride), incY = m == 1 ? 1 : int(out.stride);
  // Row-major GEMV takes op(A)'s stored dims: A itself, or A^T stored [K, M].
  int rows = la.trans == CblasNoTrans ? int(m) : int(k);
  int cols = la.trans == CblasNoTrans ? int(k) : int(m);
  gemv(la.trans, rows, cols, a.data, la.ld, blasBase(x.data, k, incX), incX, beta,
       blasBase(out.data, m, incY), incY);
  if (copyOut)
    for (int64_t i = 0; i < m; ++i)
      y.data[i * y.stride] = out.data[i];
}

/// C = A @ B + beta * C on rank-2 views: GEMV when a side is a vector, else GEMM.
template <typename T> void matmul(View2<T> a, View2<T> b, View2<T> c, T beta) {
  int64_t m = c.rows, n = c.cols, k = a.cols;
  if (m == 0 || n == 0)
    return;
  if (n == 1) // A[M, K] @ b[K]
    return matvec(a, View1<T>{b.data, k, b.s0}, View1<T>{c.data, m, c.s0}, beta);
  if (m == 1) // a[K] @ B[K, N] is B^T @ a
    return matvec(View2<T>{b.data, n, k, b.s1, b.s0}, View1<T>{a.data, k, a.s1},
                  View1<T>{c.data, n, c.s1}, beta);
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c.at(i, j) = beta == T(0) ? T(0) : c.at(i, j);
    return;
  }
  if (!fitsInt(m) || !fitsInt(n) || !fitsInt(k))
    return loopMatmul(a, b, c, beta);
  // A column-major C is the row-major C^T = B^T A^T.
  Layout lc = blasLayout(c);
  if (lc.ok && lc.trans == CblasTrans) {
    std::swap(a, b);
    std::swap(a.rows, a.cols);
    std::swap(a.s0, a.s1);
    std::swap(b.rows, b.cols);
    std::swap(b.s0, b.s1);
    std::swap(c.rows, c.cols);
    std::swap(c.s0, c.s1);
    std::swap(m, n);
    lc = blasLayout(c);
  }
  Layout la = blasLayout(a), lb = blasLayout(b);
  if (!la.ok) {
    a = packed(a, 0);
    la = blasLayout(a);
  }
  if (!lb.ok) {
    b = packed(b, 1);
    lb = blasLayout(b);
  }
  View2<T> out = c;
  bool copyOut = !lc.ok || lc.trans != CblasNoTrans;
  if (copyOut) {
    out = {scratch<T>(2, m * n), m, n, n, 1};
    for (int64_t i = 0; i < m && beta != T(0); ++i)
      for (int64_t j = 0; j < n; ++j)
        out.at(i, j) = c.at(i, j);
    lc = blasLayout(out);
  }
  gemm(la.trans, lb.trans, int(m), int(n), int(k), a.data, la.ld, b.data, lb.ld, beta,
       out.data, lc.ld);
  if (copyOut)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c.at(i, j) = out.at(i, j);
}

template <typename T, typename D> T *dataOf(const D *d) { return d->aligned + d->offset; }

template <typename T, typename D> View2<T> view2(const D *d) {
  return {dataOf<T>(d), d->sizes[0], d->sizes[1], d->strides[0], d->strides[1]};
}
template <typename T, typename D> View1<T> view1(const D *d) {
  return {dataOf<T>(d), d->sizes[0], d->strides[0]};
}

/// One matmul per batch index. A loop of BLAS calls: OpenBLAS 0.3.21 has no batched
/// GEMM, and each call already threads (or not) by its own size.
template <typename T, typename D> void batchMatmul(const D *a, const D *b, const D *c,
                                                   T beta) {
  for (int64_t p = 0; p < c->sizes[0]; ++p) {
    auto at = [&](const D *d) {
      return View2<T>{dataOf<T>(d) + p * d->strides[0], d->sizes[1], d->sizes[2],
                      d->strides[1], d->strides[2]};
    };
    matmul(at(a), at(b), at(c), beta);
  }
}

} // namespace

extern "C" {

void _mlir_ciface_ag_blas_matmul_f64(AgMemRef2DF64 *a, AgMemRef2DF64 *b,
                                     AgMemRef2DF64 *c, double beta) {
  matmul(view2<double>(a), view2<double>(b), view2<double>(c), beta);
  releaseLargeScratch<double>();
}
void _mlir_ciface_ag_blas_batch_matmul_f64(AgMemRef3DF64 *a, AgMemRef3DF64 *b,
                                           AgMemRef3DF64 *c, double beta) {
  batchMatmul<double>(a, b, c, beta);
  releaseLargeScratch<double>();
}
void _mlir_ciface_ag_blas_matvec_f64(AgMemRef2DF64 *a, AgMemRef1DF64 *x,
                                     AgMemRef1DF64 *y, double beta) {
  matvec(view2<double>(a), view1<double>(x), view1<double>(y), beta);
  releaseLargeScratch<double>();
}
void _mlir_ciface_ag_blas_vecmat_f64(AgMemRef1DF64 *x, AgMemRef2DF64 *a,
                                     AgMemRef1DF64 *y, double beta) {
  View2<double> t = view2<double>(a);
  matvec(View2<double>{t.data, t.cols, t.rows, t.s1, t.s0}, view1<double>(x),
         view1<double>(y), beta);
  releaseLargeScratch<double>();
}
void _mlir_ciface_ag_blas_matmul_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                     AgMemRef2DF32 *c, float beta) {
  matmul(view2<float>(a), view2<float>(b), view2<float>(c), beta);
  releaseLargeScratch<float>();
}
void _mlir_ciface_ag_blas_batch_matmul_f32(AgMemRef3DF32 *a, AgMemRef3DF32 *b,
                                           AgMemRef3DF32 *c, float beta) {
  batchMatmul<float>(a, b, c, beta);
  releaseLargeScratch<float>();
}
void _mlir_ciface_ag_blas_matvec_f32(AgMemRef2DF32 *a, AgMemRef1DF32 *x,
                                     AgMemRef1DF32 *y, float beta) {
  matvec(view2<float>(a), view1<float>(x), view1<float>(y), beta);
  releaseLargeScratch<float>();
}
void _mlir_ciface_ag_blas_vecmat_f32(AgMemRef1DF32 *x, AgMemRef2DF32 *a,
                                     AgMemRef1DF32 *y, float beta) {
  View2<float> t = view2<float>(a);
  matvec(View2<float>{t.data, t.cols, t.rows, t.s1, t.s0}, view1<float>(x),
         view1<float>(y), beta);
  releaseLargeScratch<float>();
}

} // extern "C"

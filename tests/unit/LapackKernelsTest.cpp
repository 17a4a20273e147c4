//===- LapackKernelsTest.cpp - the LAPACK kernels' C ABI called directly --===//
//
// _mlir_ciface_ag_lapack_* (backends/lapack/LapackKernels.cpp) on hand-built memref
// descriptors: batched inputs, a transposed (strided) input and an offset view. Checked
// by what each result must satisfy (a x = b, a inv(a) = I, l l^T = a with a zero upper
// triangle, a v = v diag(w) with w ascending, u diag(s) vh = a with orthonormal u and
// vh, q r = a with r upper triangular, lstsq's normal equations and residuals), by
// known values (a determinant whose pivoting flips the sign), and by the status the
// failing cases report (a singular matrix, one that is not positive definite).
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace {

/// A C-ordered (or explicitly strided) memref of rank N over a vector it owns.
template <typename T, int N> struct Buffer {
  struct {
    T *allocated;
    T *aligned;
    int64_t offset;
    int64_t sizes[N];
    int64_t strides[N];
  } d;
  std::vector<T> data;
  AgUnrankedMemRef ref;

  explicit Buffer(std::vector<int64_t> shape, std::vector<T> values = {}) {
    int64_t n = 1;
    for (int i = N - 1; i >= 0; --i) {
      d.sizes[i] = shape[i];
      d.strides[i] = n;
      n *= shape[i];
    }
    data = values.empty() ? std::vector<T>(n + 1) : values;
    d.allocated = d.aligned = data.data();
    d.offset = 0;
    ref = {N, &d};
  }
  /// The unranked memref the kernels take (rebuilt: a copied Buffer owns new storage).
  AgUnrankedMemRef *operator&() {
    d.allocated = d.aligned = data.data();
    ref = {N, &d};
    return &ref;
  }
  T &at(std::vector<int64_t> index) {
    int64_t off = d.offset;
    for (int i = 0; i < N; ++i)
      off += index[i] * d.strides[i];
    return data[off];
  }
};

using Scalar = Buffer<double, 0>;
using Status = Buffer<int64_t, 0>;

std::vector<double> randomValues(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<double> v(n);
  for (double &x : v)
    x = dist(gen);
  return v;
}

/// (B, n, n) matrices a a^T + n I: symmetric positive definite.
Buffer<double, 3> spdBatch(int64_t batch, int64_t n, unsigned seed) {
  auto r = randomValues(batch * n * n, seed);
  Buffer<double, 3> a({batch, n, n});
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double s = i == j ? n : 0.0;
        for (int64_t k = 0; k < n; ++k)
          s += r[(b * n + i) * n + k] * r[(b * n + j) * n + k];
        a.at({b, i, j}) = s;
      }
  return a;
}

constexpr double kTol = 1e-10;

TEST(LapackKernels, SolveAndInverseBatched) {
  const int64_t B = 3, n = 5, r = 2;
  Buffer<double, 3> a({B, n, n}, randomValues(B * n * n, 1));
  Buffer<double, 3> rhs({B, n, r}, randomValues(B * n * r, 2));
  Buffer<double, 3> x({B, n, r}), inv({B, n, n});
  Status s1({}), s2({});
  _mlir_ciface_ag_lapack_solve(&a, &rhs, &x, &s1);
  _mlir_ciface_ag_lapack_inv(&a, &inv, &s2);
  EXPECT_EQ(s1.data[0], 0);
  EXPECT_EQ(s2.data[0], 0);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < r; ++j) {
        double ax = 0;
        for (int64_t k = 0; k < n; ++k)
          ax += a.at({b, i, k}) * x.at({b, k, j});
        EXPECT_NEAR(ax, rhs.at({b, i, j}), kTol);
      }
      for (int64_t j = 0; j < n; ++j) {
        double p = 0;
        for (int64_t k = 0; k < n; ++k)
          p += a.at({b, i, k}) * inv.at({b, k, j});
        EXPECT_NEAR(p, i == j ? 1.0 : 0.0, kTol);
      }
    }
}

TEST(LapackKernels, SingularReportsStatus) {
  // Second batch entry singular (two equal rows): status is getrf's 1-based pivot.
  Buffer<double, 3> a({2, 2, 2}, {2, 1, 1, 3, 1, 2, 1, 2});
  Buffer<double, 3> inv({2, 2, 2});
  Status status({});
  _mlir_ciface_ag_lapack_inv(&a, &inv, &status);
  EXPECT_EQ(status.data[0], 2);
  // numpy's gufunc: the failed entry is NaN, the others are computed.
  EXPECT_NEAR(inv.at({0, 0, 0}), 0.6, kTol);
  EXPECT_NEAR(inv.at({0, 0, 1}), -0.2, kTol);
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 2; ++j)
      EXPECT_TRUE(std::isnan(inv.at({1, i, j})));
}

TEST(LapackKernels, SlogdetSignsAndSingular) {
  // [[0, 2], [3, 4]]: det -6 (a row swap); [[1, 2], [2, 4]]: singular.
  Buffer<double, 3> a({2, 2, 2}, {0, 2, 3, 4, 1, 2, 2, 4});
  Buffer<double, 1> sign({2}), logdet({2});
  Status status({});
  _mlir_ciface_ag_lapack_slogdet(&a, &sign, &logdet, &status);
  EXPECT_EQ(status.data[0], 0);
  EXPECT_EQ(sign.data[0], -1.0);
  EXPECT_NEAR(logdet.data[0], std::log(6.0), kTol);
  EXPECT_EQ(sign.data[1], 0.0);
  EXPECT_TRUE(std::isinf(logdet.data[1]) && logdet.data[1] < 0);
}

TEST(LapackKernels, CholeskyOfTransposedView) {
  const int64_t n = 4;
  auto spd = spdBatch(1, n, 3);
  // The same matrix seen through swapped strides (a^T == a, but the kernel must read
  // through the strides), at an offset into a larger buffer.
  Buffer<double, 2> view({n, n});
  view.data.assign(n * n + 3, -99.0);
  view.d.offset = 3;
  view.d.strides[0] = 1;
  view.d.strides[1] = n;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      view.at({i, j}) = spd.at({0, i, j}) + (j > i ? 1e3 : 0.0); // potrf reads the lower
  Buffer<double, 2> l({n, n});
  Status status({});
  _mlir_ciface_ag_lapack_cholesky(&view, &l, &status);
  EXPECT_EQ(status.data[0], 0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      if (j > i) {
        EXPECT_EQ(l.at({i, j}), 0.0);
      }
      double p = 0;
      for (int64_t k = 0; k < n; ++k)
        p += l.at({i, k}) * l.at({j, k});
      EXPECT_NEAR(p, spd.at({0, i, j}), kTol);
    }
}

TEST(LapackKernels, CholeskyNotPositiveDefinite) {
  Buffer<double, 2> a({2, 2}, {1, 2, 2, 1}), l({2, 2});
  Status status({});
  _mlir_ciface_ag_lapack_cholesky(&a, &l, &status);
  EXPECT_EQ(status.data[0], 2);
}

TEST(LapackKernels, EighAscendingEigenpairs) {
  const int64_t B = 2, n = 6;
  auto a = spdBatch(B, n, 4);
  Buffer<double, 2> w({B, n}), w2({B, n});
  Buffer<double, 3> v({B, n, n});
  Status s1({}), s2({});
  _mlir_ciface_ag_lapack_eigh_u(&a, &w, &v, &s1);
  _mlir_ciface_ag_lapack_eigvalsh_l(&a, &w2, &s2);
  EXPECT_EQ(s1.data[0], 0);
  EXPECT_EQ(s2.data[0], 0);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t j = 0; j < n; ++j) {
      if (j) {
        EXPECT_LE(w.at({b, j - 1}), w.at({b, j}));
      }
      EXPECT_NEAR(w.at({b, j}), w2.at({b, j}), 1e-9);
      for (int64_t i = 0; i < n; ++i) {
        double av = 0;
        for (int64_t k = 0; k < n; ++k)
          av += a.at({b, i, k}) * v.at({b, k, j});
        EXPECT_NEAR(av, w.at({b, j}) * v.at({b, i, j}), 1e-9);
      }
    }
}

/// u diag(s) vh == a and u^T u == I, for u (m x uc), vh (vr x n).
void expectSvd(Buffer<double, 2> &a, Buffer<double, 2> &u, Buffer<double, 1> &s,
               Buffer<double, 2> &vh, int64_t k) {
  int64_t m = a.d.sizes[0], n = a.d.sizes[1];
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double p = 0;
      for (int64_t q = 0; q < k; ++q)
        p += u.at({i, q}) * s.at({q}) * vh.at({q, j});
      EXPECT_NEAR(p, a.at({i, j}), kTol);
    }
  for (int64_t p = 0; p < u.d.sizes[1]; ++p)
    for (int64_t q = 0; q < u.d.sizes[1]; ++q) {
      double dot = 0;
      for (int64_t i = 0; i < m; ++i)
        dot += u.at({i, p}) * u.at({i, q});
      EXPECT_NEAR(dot, p == q ? 1.0 : 0.0, kTol);
    }
  for (int64_t q = 1; q < k; ++q)
    EXPECT_GE(s.at({q - 1}), s.at({q}));
}

TEST(LapackKernels, SvdFullReducedValues) {
  const int64_t m = 7, n = 4, k = 4;
  Buffer<double, 2> a({m, n}, randomValues(m * n, 5));
  Buffer<double, 2> u({m, m}), vh({n, n}), ur({m, k}), vhr({k, n});
  Buffer<double, 1> s({k}), sr({k}), sv({k});
  Status s1({}), s2({}), s3({});
  _mlir_ciface_ag_lapack_svd_full(&a, &u, &s, &vh, &s1);
  _mlir_ciface_ag_lapack_svd_reduced(&a, &ur, &sr, &vhr, &s2);
  _mlir_ciface_ag_lapack_svd_values(&a, &sv, &s3);
  EXPECT_EQ(s1.data[0] | s2.data[0] | s3.data[0], 0);
  expectSvd(a, u, s, vh, k);
  expectSvd(a, ur, sr, vhr, k);
  for (int64_t q = 0; q < k; ++q)
    EXPECT_NEAR(sv.at({q}), s.at({q}), kTol);
}

TEST(LapackKernels, SvdOfEmptyGivesIdentities) {
  // numpy: a full SVD of a (0, 3) matrix has u (0, 0) and vh = I (LAPACK writes none).
  Buffer<double, 2> a({0, 3}), u({0, 0}), vh({3, 3});
  Buffer<double, 1> s({0});
  vh.data.assign(10, -1.0);
  Status status({});
  _mlir_ciface_ag_lapack_svd_full(&a, &u, &s, &vh, &status);
  EXPECT_EQ(status.data[0], 0);
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 3; ++j)
      EXPECT_EQ(vh.at({i, j}), i == j ? 1.0 : 0.0);
}

TEST(LapackKernels, QrReducedCompleteAndR) {
  const int64_t m = 6, n = 3;
  Buffer<double, 2> a({m, n}, randomValues(m * n, 6));
  Buffer<double, 2> q({m, n}), r({n, n}), qc({m, m}), rc({m, n}), ro({n, n});
  Status s1({}), s2({}), s3({});
  _mlir_ciface_ag_lapack_qr_reduced(&a, &q, &r, &s1);
  _mlir_ciface_ag_lapack_qr_complete(&a, &qc, &rc, &s2);
  _mlir_ciface_ag_lapack_qr_r(&a, &ro, &s3);
  EXPECT_EQ(s1.data[0] | s2.data[0] | s3.data[0], 0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double p = 0, pc = 0;
      for (int64_t k = 0; k < n; ++k)
        p += q.at({i, k}) * r.at({k, j});
      for (int64_t k = 0; k < m; ++k)
        pc += qc.at({i, k}) * rc.at({k, j});
      EXPECT_NEAR(p, a.at({i, j}), kTol);
      EXPECT_NEAR(pc, a.at({i, j}), kTol);
      if (i < n) {
        EXPECT_EQ(r.at({i, j}), ro.at({i, j}));
        if (j < i) {
          EXPECT_EQ(r.at({i, j}), 0.0);
        }
      } else {
        EXPECT_EQ(rc.at({i, j}), 0.0);
      }
    }
  for (int64_t p = 0; p < m; ++p)
    for (int64_t s = 0; s < m; ++s) {
      double dot = 0;
      for (int64_t i = 0; i < m; ++i)
        dot += qc.at({i, p}) * qc.at({i, s});
      EXPECT_NEAR(dot, p == s ? 1.0 : 0.0, kTol);
    }
}

TEST(LapackKernels, LstsqNormalEquationsAndResiduals) {
  const int64_t m = 8, n = 3, r = 2;
  Buffer<double, 2> a({m, n}, randomValues(m * n, 7)), b({m, r}, randomValues(m * r, 8));
  Buffer<double, 2> x({n, r});
  Buffer<double, 1> resid({r}), s({n});
  Buffer<int64_t, 0> rank({});
  Scalar rcond({});
  rcond.data[0] = -1.0;
  Status status({});
  _mlir_ciface_ag_lapack_lstsq(&a, &b, &rcond, &x, &resid, &rank, &s, &status);
  EXPECT_EQ(status.data[0], 0);
  EXPECT_EQ(rank.data[0], n);
  for (int64_t j = 0; j < r; ++j) {
    std::vector<double> res(m);
    double sum = 0;
    for (int64_t i = 0; i < m; ++i) {
      res[i] = b.at({i, j});
      for (int64_t k = 0; k < n; ++k)
        res[i] -= a.at({i, k}) * x.at({k, j});
      sum += res[i] * res[i];
    }
    EXPECT_NEAR(resid.at({j}), sum, 1e-9);
    for (int64_t k = 0; k < n; ++k) { // a^T (b - a x) == 0
      double g = 0;
      for (int64_t i = 0; i < m; ++i)
        g += a.at({i, k}) * res[i];
      EXPECT_NEAR(g, 0.0, 1e-9);
    }
  }
}

} // namespace

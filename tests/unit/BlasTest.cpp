//===- BlasTest.cpp - the OpenBLAS C ABI called directly ------------------===//
//
// _mlir_ciface_ag_blas_{matmul,batch_matmul,matvec,vecmat}_{f32,f64} on hand-built
// memref descriptors, every operand in every layout class the kernels tell apart:
// row-major, column-major (a transposed view: BLAS's transpose flag), padded leading
// dimensions, negative strides (numpy's [::-1]), no unit stride (a [::2, ::2] view) and
// zero strides (a broadcast input); outputs row-major, column-major, padded, reversed and
// strided. Shapes include vector sides (GEMV and dot paths), K = 0 and empty dims. beta 0
// must ignore the output's old contents (NaN here), beta 1 adds to them. Elements of the
// output buffer outside the view must keep their sentinel. References accumulate in
// double (long double for f64).
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include "ag/Abi/ag_abi.h"

#include <cmath>
#include <functional>
#include <thread>

using namespace agtest;

namespace {

constexpr double kSentinel = 12345.0;

/// Strides of layout class `kind` for a [rows, cols] view.
enum class Kind { RowMajor, ColMajor, Padded, PaddedCol, NegRows, NoUnit, Broadcast };
const char *kindName(Kind k) {
  static const char *names[] = {"row-major", "col-major", "padded",   "padded-col",
                                "neg-rows",  "no-unit",   "broadcast"};
  return names[int(k)];
}

std::vector<int64_t> stridesFor(Kind kind, int64_t r, int64_t c) {
  int64_t R = std::max<int64_t>(r, 1), C = std::max<int64_t>(c, 1);
  switch (kind) {
  case Kind::RowMajor:
    return {C, 1};
  case Kind::ColMajor:
    return {1, R};
  case Kind::Padded:
    return {C + 3, 1};
  case Kind::PaddedCol:
    return {1, R + 2};
  case Kind::NegRows:
    return {-C, 1};
  case Kind::NoUnit:
    return {2 * C, 2};
  case Kind::Broadcast:
    return {0, 1};
  }
  return {};
}

/// A strided view of any rank into its own sentinel-filled buffer; negative strides get
/// an offset that keeps every element inside the buffer.
template <typename T> struct View {
  std::vector<T> buffer;
  int64_t offset = 0;
  Shape sizes;
  std::vector<int64_t> strides;

  View(Shape sizes_, std::vector<int64_t> strides_)
      : sizes(std::move(sizes_)), strides(std::move(strides_)) {
    int64_t extent = 1;
    for (size_t d = 0; d < sizes.size(); ++d) {
      int64_t span = std::max<int64_t>(sizes[d] - 1, 0) * strides[d];
      if (span < 0)
        offset -= span;
      extent += std::abs(span);
    }
    buffer.assign(offset + extent + 5, T(kSentinel));
  }
  int64_t position(const std::vector<int64_t> &idx) const {
    int64_t p = offset;
    for (size_t d = 0; d < idx.size(); ++d)
      p += idx[d] * strides[d];
    return p;
  }
  T &at(const std::vector<int64_t> &idx) { return buffer[position(idx)]; }
  T at(const std::vector<int64_t> &idx) const { return buffer[position(idx)]; }
  void fill(const std::function<T()> &value) {
    for (int64_t i = 0; i < numel(sizes); ++i)
      at(unravel(i, sizes)) = value();
  }
  int64_t clobbered() const {
    std::vector<bool> inside(buffer.size());
    for (int64_t i = 0; i < numel(sizes); ++i)
      inside[position(unravel(i, sizes))] = true;
    int64_t bad = 0;
    for (size_t p = 0; p < buffer.size(); ++p)
      if (!inside[p] && buffer[p] != T(kSentinel))
        ++bad;
    return bad;
  }
  template <typename Desc> Desc descriptor() {
    Desc d;
    d.allocated = buffer.data();
    d.aligned = buffer.data();
    d.offset = offset;
    for (size_t i = 0; i < sizes.size(); ++i) {
      d.sizes[i] = sizes[i];
      d.strides[i] = strides[i];
    }
    return d;
  }
};

template <typename T> struct Traits;
template <> struct Traits<float> {
  using D1 = AgMemRef1DF32;
  using D2 = AgMemRef2DF32;
  using D3 = AgMemRef3DF32;
  static constexpr auto matmul = _mlir_ciface_ag_blas_matmul_f32;
  static constexpr auto batch = _mlir_ciface_ag_blas_batch_matmul_f32;
  static constexpr auto matvec = _mlir_ciface_ag_blas_matvec_f32;
  static constexpr auto vecmat = _mlir_ciface_ag_blas_vecmat_f32;
  static constexpr double rtol = 2e-6;
};
template <> struct Traits<double> {
  using D1 = AgMemRef1DF64;
  using D2 = AgMemRef2DF64;
  using D3 = AgMemRef3DF64;
  static constexpr auto matmul = _mlir_ciface_ag_blas_matmul_f64;
  static constexpr auto batch = _mlir_ciface_ag_blas_batch_matmul_f64;
  static constexpr auto matvec = _mlir_ciface_ag_blas_matvec_f64;
  static constexpr auto vecmat = _mlir_ciface_ag_blas_vecmat_f64;
  static constexpr double rtol = 1e-14;
};

/// out[p, i, j] (as rank-3 indices; rank-2 views use p = 0) = sum_l a * b + beta * old,
/// compared with a tolerance relative to the sum of the terms' magnitudes.
template <typename T>
void expectProduct(const std::function<T(int64_t, int64_t, int64_t)> &a,
                   const std::function<T(int64_t, int64_t, int64_t)> &b,
                   const std::function<T(int64_t, int64_t, int64_t)> &got,
                   const std::vector<T> &old, int64_t batch, int64_t m, int64_t n,
                   int64_t k, T beta, const std::string &what) {
  int64_t bad = 0;
  for (int64_t p = 0; p < batch; ++p)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        long double acc = 0, mag = 0;
        for (int64_t l = 0; l < k; ++l) {
          long double t = (long double)a(p, i, l) * b(p, l, j);
          acc += t;
          mag += std::fabs(t);
        }
        if (beta != T(0)) {
          T o = old[(p * m + i) * n + j];
          acc += o;
          mag += std::fabs((long double)o);
        }
        T g = got(p, i, j);
        if (!(std::fabs((long double)g - acc) <= Traits<T>::rtol * (mag + 1)))
          if (bad++ < 3)
            ADD_FAILURE() << what << ": [" << p << "," << i << "," << j << "] got " << g
                          << " expected " << (double)acc;
      }
}

template <typename T> T randomValue(Rng &rng) { return T(rng.uniform(-1, 1)); }

struct Shape3 {
  int64_t m, k, n;
};
const std::vector<Shape3> kShapes = {{1, 1, 1}, {3, 4, 5},  {5, 1, 7},   {1, 16, 1},
                                     {1, 16, 9}, {9, 16, 1}, {0, 3, 4},   {3, 0, 4},
                                     {3, 4, 0},  {1, 0, 1},  {17, 13, 9}, {40, 70, 33}};
const std::vector<Kind> kInputKinds = {Kind::RowMajor, Kind::ColMajor, Kind::Padded,
                                       Kind::NegRows,  Kind::NoUnit,   Kind::Broadcast};
const std::vector<Kind> kOutputKinds = {Kind::RowMajor, Kind::ColMajor, Kind::PaddedCol,
                                        Kind::NegRows, Kind::NoUnit};

std::string describe(const Shape3 &s, Kind ka, Kind kb, Kind kc, double beta) {
  return "M=" + std::to_string(s.m) + " K=" + std::to_string(s.k) +
         " N=" + std::to_string(s.n) + " A " + kindName(ka) + " B " + kindName(kb) +
         " C " + kindName(kc) + " beta " + std::to_string(int(beta));
}

template <typename T> void matmulAllLayouts() {
  Rng rng(7);
  using Tr = Traits<T>;
  for (const Shape3 &s : kShapes)
    for (Kind ka : kInputKinds)
      for (Kind kb : kInputKinds)
        for (Kind kc : kOutputKinds)
          for (T beta : {T(0), T(1)}) {
            View<T> a({s.m, s.k}, stridesFor(ka, s.m, s.k));
            View<T> b({s.k, s.n}, stridesFor(kb, s.k, s.n));
            View<T> c({s.m, s.n}, stridesFor(kc, s.m, s.n));
            a.fill([&] { return randomValue<T>(rng); });
            b.fill([&] { return randomValue<T>(rng); });
            std::vector<T> old;
            c.fill([&] { return beta == T(0) ? T(NAN) : randomValue<T>(rng); });
            for (int64_t i = 0; i < s.m; ++i)
              for (int64_t j = 0; j < s.n; ++j)
                old.push_back(c.at({i, j}));
            auto da = a.template descriptor<typename Tr::D2>();
            auto db = b.template descriptor<typename Tr::D2>();
            auto dc = c.template descriptor<typename Tr::D2>();
            Tr::matmul(&da, &db, &dc, beta);
            std::string what = describe(s, ka, kb, kc, beta);
            expectProduct<T>([&](int64_t, int64_t i, int64_t l) { return a.at({i, l}); },
                             [&](int64_t, int64_t l, int64_t j) { return b.at({l, j}); },
                             [&](int64_t, int64_t i, int64_t j) { return c.at({i, j}); },
                             old, 1, s.m, s.n, s.k, beta, what);
            EXPECT_EQ(c.clobbered(), 0) << what;
          }
}

TEST(BlasMatmul, F64EveryLayout) { matmulAllLayouts<double>(); }
TEST(BlasMatmul, F32EveryLayout) { matmulAllLayouts<float>(); }

/// Batched, with a broadcast (stride 0) batch dim on B and transposed inner dims on A.
template <typename T> void batchMatmul() {
  Rng rng(11);
  using Tr = Traits<T>;
  for (Shape3 s : std::vector<Shape3>{{3, 4, 5}, {6, 7, 1}, {1, 7, 6}, {0, 2, 3}, {4, 0, 2}})
    for (int64_t batch : {0, 1, 3})
      for (T beta : {T(0), T(1)}) {
        View<T> a({batch, s.m, s.k}, {s.m * s.k, 1, std::max<int64_t>(s.m, 1)});
        View<T> b({batch, s.k, s.n}, {0, s.n, 1});
        View<T> c({batch, s.m, s.n}, {s.m * s.n + 2, s.n, 1});
        a.fill([&] { return randomValue<T>(rng); });
        b.fill([&] { return randomValue<T>(rng); });
        c.fill([&] { return beta == T(0) ? T(NAN) : randomValue<T>(rng); });
        std::vector<T> old;
        for (int64_t i = 0; i < numel(c.sizes); ++i)
          old.push_back(c.at(unravel(i, c.sizes)));
        auto da = a.template descriptor<typename Tr::D3>();
        auto db = b.template descriptor<typename Tr::D3>();
        auto dc = c.template descriptor<typename Tr::D3>();
        Tr::batch(&da, &db, &dc, beta);
        std::string what = "batch " + std::to_string(batch) + " " +
                           describe(s, Kind::ColMajor, Kind::Broadcast, Kind::Padded, beta);
        expectProduct<T>([&](int64_t p, int64_t i, int64_t l) { return a.at({p, i, l}); },
                         [&](int64_t p, int64_t l, int64_t j) { return b.at({p, l, j}); },
                         [&](int64_t p, int64_t i, int64_t j) { return c.at({p, i, j}); },
                         old, batch, s.m, s.n, s.k, beta, what);
        EXPECT_EQ(c.clobbered(), 0) << what;
      }
}

TEST(BlasBatchMatmul, F64BroadcastAndTransposed) { batchMatmul<double>(); }
TEST(BlasBatchMatmul, F32BroadcastAndTransposed) { batchMatmul<float>(); }

/// matvec (y = A x) and vecmat (y = x A) with vectors of stride 1, 3, -1 and 0.
template <typename T> void matvecVecmat() {
  Rng rng(13);
  using Tr = Traits<T>;
  for (auto [m, k] : std::vector<std::pair<int64_t, int64_t>>{
           {4, 5}, {1, 9}, {9, 1}, {0, 3}, {3, 0}, {1, 1}, {33, 70}})
    for (Kind ka : kInputKinds)
      for (int64_t xs : {1, 3, -1, 0})
        for (int64_t ys : {1, 2, -1})
          for (bool vecmat : {false, true})
            for (T beta : {T(0), T(1)}) {
              // vecmat reads A as [K, M]; the product is the same y[M] = sum_l A'[i,l] x[l].
              View<T> a(vecmat ? Shape{k, m} : Shape{m, k},
                        vecmat ? stridesFor(ka, k, m) : stridesFor(ka, m, k));
              View<T> x({k}, {xs}), y({m}, {ys});
              a.fill([&] { return randomValue<T>(rng); });
              x.fill([&] { return randomValue<T>(rng); });
              y.fill([&] { return beta == T(0) ? T(NAN) : randomValue<T>(rng); });
              std::vector<T> old;
              for (int64_t i = 0; i < m; ++i)
                old.push_back(y.at({i}));
              auto da = a.template descriptor<typename Tr::D2>();
              auto dx = x.template descriptor<typename Tr::D1>();
              auto dy = y.template descriptor<typename Tr::D1>();
              if (vecmat)
                Tr::vecmat(&dx, &da, &dy, beta);
              else
                Tr::matvec(&da, &dx, &dy, beta);
              std::string what = std::string(vecmat ? "vecmat" : "matvec") + " M=" +
                                 std::to_string(m) + " K=" + std::to_string(k) + " A " +
                                 kindName(ka) + " x stride " + std::to_string(xs) +
                                 " y stride " + std::to_string(ys) + " beta " +
                                 std::to_string(int(beta));
              expectProduct<T>(
                  [&](int64_t, int64_t i, int64_t l) {
                    return vecmat ? a.at({l, i}) : a.at({i, l});
                  },
                  [&](int64_t, int64_t l, int64_t) { return x.at({l}); },
                  [&](int64_t, int64_t i, int64_t) { return y.at({i}); }, old, 1, m, 1, k,
                  beta, what);
              EXPECT_EQ(y.clobbered(), 0) << what;
            }
}

TEST(BlasMatvec, F64VectorStrides) { matvecVecmat<double>(); }
TEST(BlasMatvec, F32VectorStrides) { matvecVecmat<float>(); }

/// Kernels on several threads at once: scratch buffers are per thread.
TEST(BlasMatmul, ConcurrentCallsWithPackedOperands) {
  auto worker = [](int seed, bool *ok) {
    Rng rng(seed);
    for (int rep = 0; rep < 20; ++rep) {
      int64_t m = 20 + seed, k = 30, n = 10 + rep;
      View<double> a({m, k}, stridesFor(Kind::NoUnit, m, k));
      View<double> b({k, n}, stridesFor(Kind::NegRows, k, n));
      View<double> c({m, n}, stridesFor(Kind::NoUnit, m, n));
      a.fill([&] { return randomValue<double>(rng); });
      b.fill([&] { return randomValue<double>(rng); });
      c.fill([] { return NAN; });
      auto da = a.descriptor<AgMemRef2DF64>(), db = b.descriptor<AgMemRef2DF64>(),
           dc = c.descriptor<AgMemRef2DF64>();
      _mlir_ciface_ag_blas_matmul_f64(&da, &db, &dc, 0.0);
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          double acc = 0;
          for (int64_t l = 0; l < k; ++l)
            acc += a.at({i, l}) * b.at({l, j});
          if (!(std::fabs(c.at({i, j}) - acc) <= 1e-12))
            *ok = false;
        }
    }
  };
  bool ok1 = true, ok2 = true;
  std::thread t1(worker, 1, &ok1), t2(worker, 2, &ok2);
  t1.join();
  t2.join();
  EXPECT_TRUE(ok1 && ok2);
}

} // namespace

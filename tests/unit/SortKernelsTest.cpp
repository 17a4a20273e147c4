//===- SortKernelsTest.cpp - the sort kernels' C ABI called directly ------===//
//
// _mlir_ciface_ag_sort_* / ag_argsort_* (backends/cpu/SortKernels.cpp) on hand-built
// memref descriptors of rank 1-3, along every axis, contiguous and strided (a
// transposed view, an offset, padding between rows that must keep its sentinel).
// Checked: each lane comes out ascending in numpy's order (NaN last), as a permutation
// of the input (ag_order_statistics_*: a sort's elements at kth); "stable" keeps equal elements in input order; and index orders of ties
// equal numpy 1.24's, recorded from numpy for inputs that exercise introsort's
// partitioning and insertion sort and the heapsort.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

template <typename T, int N> struct Descriptor {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[N];
  int64_t strides[N];
};

template <typename T> bool numpyLess(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a < b || (b != b && a == a);
  else
    return a < b;
}

template <typename T> bool same(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a == b || (std::isnan(a) && std::isnan(b));
  else
    return a == b;
}

const double kNan = std::numeric_limits<double>::quiet_NaN();

// x = (arange(40) * 7919 % 5) as float64 with NaN at 3, 17, 31.
std::vector<double> tiesInput() {
  std::vector<double> x(40);
  for (int i = 0; i < 40; ++i)
    x[i] = (i * 7919) % 5;
  x[3] = x[17] = x[31] = kNan;
  return x;
}

std::vector<int64_t> argsort1d(std::vector<double> x, int64_t kind) {
  std::vector<int64_t> out(x.size(), -1);
  Descriptor<double, 1> v{x.data(), x.data(), 0, {(int64_t)x.size()}, {1}};
  Descriptor<int64_t, 1> r{out.data(), out.data(), 0, {(int64_t)x.size()}, {1}};
  AgUnrankedMemRef uv{1, &v}, ur{1, &r};
  _mlir_ciface_ag_argsort_f64(&uv, &ur, 0, kind);
  return out;
}

TEST(SortKernels, IntrosortTieOrderIsNumpys) {
  // np.argsort(x) in numpy 1.24.
  std::vector<int64_t> expected = {0,  35, 30, 5,  25, 20, 15, 10, 34, 29, 24, 14, 19, 39,
                                   9,  4,  33, 28, 23, 8,  13, 18, 38, 22, 7,  37, 12, 27,
                                   2,  32, 21, 36, 1,  26, 16, 6,  11, 31, 17, 3};
  EXPECT_EQ(argsort1d(tiesInput(), 0), expected);
}

TEST(SortKernels, HeapsortTieOrderIsNumpys) {
  // np.argsort(x, kind="heapsort") in numpy 1.24.
  std::vector<int64_t> expected = {30, 0,  10, 25, 15, 5,  20, 35, 14, 39, 24, 4,  19, 9,
                                   29, 34, 13, 23, 28, 18, 8,  33, 38, 27, 12, 2,  22, 37,
                                   32, 7,  6,  26, 11, 21, 36, 16, 1,  17, 31, 3};
  EXPECT_EQ(argsort1d(tiesInput(), 1), expected);

  std::vector<int32_t> y = {0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1};
  std::vector<int64_t> out(12);
  Descriptor<int32_t, 1> v{y.data(), y.data(), 0, {12}, {1}};
  Descriptor<int64_t, 1> r{out.data(), out.data(), 0, {12}, {1}};
  AgUnrankedMemRef uv{1, &v}, ur{1, &r};
  _mlir_ciface_ag_argsort_i32(&uv, &ur, 0, 1);
  EXPECT_EQ(out, (std::vector<int64_t>{3, 6, 9, 0, 5, 2, 11, 8, 10, 4, 7, 1}));
}

std::vector<int64_t> argpartition1d(std::vector<double> x, std::vector<int64_t> kth) {
  std::vector<int64_t> out(x.size(), -1);
  Descriptor<double, 1> v{x.data(), x.data(), 0, {(int64_t)x.size()}, {1}};
  Descriptor<int64_t, 1> r{out.data(), out.data(), 0, {(int64_t)x.size()}, {1}};
  Descriptor<int64_t, 1> k{kth.data(), kth.data(), 0, {(int64_t)kth.size()}, {1}};
  AgUnrankedMemRef uv{1, &v}, ur{1, &r}, uk{1, &k};
  _mlir_ciface_ag_argpartition_f64(&uv, &ur, 0, &uk);
  return out;
}

TEST(SortKernels, IntroselectOrderIsNumpys) {
  // np.argpartition(x, [5, 20, 38]) and np.argpartition(x, 10) in numpy 1.24: several
  // kth share the pivot stack; kth = n - 2 with NaNs.
  EXPECT_EQ(argpartition1d(tiesInput(), {5, 20, 38}),
            (std::vector<int64_t>{25, 5,  10, 20, 15, 0,  30, 35, 24, 29, 34, 14, 19, 4,
                                  9,  8,  39, 23, 28, 38, 33, 13, 32, 22, 11, 7,  12, 27,
                                  18, 37, 36, 2,  26, 16, 6,  21, 1,  3,  31, 17}));
  EXPECT_EQ(argpartition1d(tiesInput(), {10}),
            (std::vector<int64_t>{25, 5,  10, 20, 15, 0,  35, 24, 30, 29, 34, 14, 19, 13,
                                  12, 11, 16, 17, 18, 1,  9,  21, 22, 23, 8,  7,  26, 27,
                                  28, 6,  4,  31, 32, 33, 3,  2,  36, 37, 38, 39}));
}

TEST(SortKernels, SearchsortedIsNumpysBinarySearch) {
  // An unsorted `a`: numpy's answers depend on each key starting from the previous
  // key's bounds. np.searchsorted(a, v), side='right', and with a stable argsort sorter.
  std::vector<double> a = {3, 1, 4, 1, 5, 9, 2, 6};
  std::vector<double> v = {2, 7, 0, 5, 5, kNan, 1};
  std::vector<int64_t> sorter = {1, 3, 6, 0, 2, 4, 7, 5};
  auto search = [&](bool right, bool withSorter) {
    std::vector<int64_t> out(v.size(), -7);
    Descriptor<double, 1> da{a.data(), a.data(), 0, {8}, {1}};
    Descriptor<double, 1> dv{v.data(), v.data(), 0, {7}, {1}};
    Descriptor<int64_t, 1> ds{sorter.data(), sorter.data(), 0, {8}, {1}};
    Descriptor<int64_t, 1> dr{out.data(), out.data(), 0, {7}, {1}};
    AgUnrankedMemRef ua{1, &da}, uv{1, &dv}, us{1, &ds}, ur{1, &dr};
    if (withSorter)
      _mlir_ciface_ag_searchsorted_sorter_f64(&ua, &uv, &us, right, &ur);
    else
      _mlir_ciface_ag_searchsorted_f64(&ua, &uv, right, &ur);
    return out;
  };
  EXPECT_EQ(search(false, false), (std::vector<int64_t>{2, 5, 0, 4, 4, 8, 0}));
  EXPECT_EQ(search(true, false), (std::vector<int64_t>{2, 5, 0, 7, 7, 8, 2}));
  EXPECT_EQ(search(false, true), (std::vector<int64_t>{2, 7, 0, 5, 5, 8, 0}));
  // A sorter index out of range: the keys before the first search that reads it keep
  // their answers, that key and every later one get -1.
  std::vector<int64_t> good = search(false, true);
  sorter[3] = 8;
  std::vector<int64_t> bad = search(false, true);
  auto first = std::find(bad.begin(), bad.end(), -1);
  ASSERT_NE(first, bad.end());
  EXPECT_TRUE(std::equal(bad.begin(), first, good.begin()));
  EXPECT_TRUE(std::all_of(first, bad.end(), [](int64_t r) { return r == -1; }));
}

TEST(SortKernels, StableKeepsInputOrderOfTies) {
  std::vector<int64_t> order = argsort1d(tiesInput(), 2);
  std::vector<double> x = tiesInput();
  for (size_t i = 1; i < order.size(); ++i) {
    double a = x[order[i - 1]], b = x[order[i]];
    ASSERT_FALSE(numpyLess(b, a));
    if (same(a, b)) {
      EXPECT_LT(order[i - 1], order[i]);
    }
  }
}

/// Sorts/argsorts a 3-D array of shape (4, 37, 5) held with padded strides, along each
/// axis and with each kind, and checks every lane.
template <typename T> void checkStrided(std::mt19937 &rng, int distinct) {
  const int64_t sizes[3] = {4, 37, 5};
  // Padded: rows of 6 instead of 5, planes of 37 * 6 + 3; offset 2.
  const int64_t strides[3] = {37 * 6 + 3, 6, 1};
  const int64_t offset = 2;
  const int64_t extent = offset + 3 * strides[0] + 36 * strides[1] + 4 * strides[2] + 1;
  const T sentinel = T(7);
  std::uniform_int_distribution<int> pick(0, distinct - 1);
  for (int64_t axis = 0; axis < 3; ++axis)
    for (int64_t kind = 0; kind < 3; ++kind) {
      std::vector<T> input(extent + 4, sentinel);
      for (int64_t i = 0; i < sizes[0]; ++i)
        for (int64_t j = 0; j < sizes[1]; ++j)
          for (int64_t k = 0; k < sizes[2]; ++k) {
            T v = T(pick(rng));
            if constexpr (std::is_floating_point_v<T>)
              if (pick(rng) == 0 && distinct > 2)
                v = std::numeric_limits<T>::quiet_NaN();
            input[offset + i * strides[0] + j * strides[1] + k * strides[2]] = v;
          }
      std::vector<T> sorted = input;
      Descriptor<T, 3> s{sorted.data(), sorted.data(), offset, {4, 37, 5},
                         {strides[0], strides[1], strides[2]}};
      AgUnrankedMemRef us{3, &s};
      std::vector<int64_t> idx(4 * 37 * 5, -1);
      Descriptor<int64_t, 3> r{idx.data(), idx.data(), 0, {4, 37, 5}, {37 * 5, 5, 1}};
      Descriptor<T, 3> in{input.data(), input.data(), offset, {4, 37, 5},
                          {strides[0], strides[1], strides[2]}};
      AgUnrankedMemRef ui{3, &in}, ur{3, &r};
      if constexpr (std::is_same_v<T, float>) {
        _mlir_ciface_ag_sort_f32(&us, axis, kind);
        _mlir_ciface_ag_argsort_f32(&ui, &ur, axis, kind);
      } else {
        _mlir_ciface_ag_sort_i64(&us, axis, kind);
        _mlir_ciface_ag_argsort_i64(&ui, &ur, axis, kind);
      }
      // Padding is untouched.
      for (int64_t p = 0; p < extent + 4; ++p) {
        bool inside = false;
        int64_t q = p - offset;
        if (q >= 0) {
          int64_t i = q / strides[0], rest = q % strides[0];
          int64_t j = rest / strides[1], k = rest % strides[1];
          inside = i < 4 && j < 37 && k < 5;
        }
        if (!inside) {
          ASSERT_TRUE(same(sorted[p], sentinel)) << "padding written at " << p;
        }
      }
      // Each lane: ascending, the sorted values are the input gathered by the indices.
      for (int64_t a = 0; a < sizes[(axis + 1) % 3]; ++a)
        for (int64_t b = 0; b < sizes[(axis + 2) % 3]; ++b) {
          int64_t pos[3];
          pos[(axis + 1) % 3] = a;
          pos[(axis + 2) % 3] = b;
          auto at = [&](int64_t t, const int64_t *st, int64_t off) {
            pos[axis] = t;
            return off + pos[0] * st[0] + pos[1] * st[1] + pos[2] * st[2];
          };
          const int64_t rs[3] = {37 * 5, 5, 1};
          for (int64_t t = 0; t < sizes[axis]; ++t) {
            T v = sorted[at(t, strides, offset)];
            if (t > 0) {
              ASSERT_FALSE(numpyLess(v, sorted[at(t - 1, strides, offset)]));
            }
            int64_t source = idx[at(t, rs, 0)];
            ASSERT_GE(source, 0);
            ASSERT_LT(source, sizes[axis]);
            T gathered = input[at(source, strides, offset)];
            ASSERT_TRUE(same(gathered, v)) << "axis " << axis << " kind " << kind;
          }
        }
    }
}

TEST(SortKernels, StridedLanesAlongEveryAxis) {
  std::mt19937 rng(7);
  checkStrided<float>(rng, 1000);
  checkStrided<float>(rng, 3);
  checkStrided<int64_t>(rng, 1000);
  checkStrided<int64_t>(rng, 2);
}

TEST(SortKernels, BoolAndEmptyLanes) {
  std::vector<uint8_t> b = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0};
  Descriptor<uint8_t, 1> v{b.data(), b.data(), 0, {18}, {1}};
  AgUnrankedMemRef uv{1, &v};
  _mlir_ciface_ag_sort_i1(&uv, 0, 0);
  EXPECT_TRUE(std::is_sorted(b.begin(), b.end()));
  EXPECT_EQ(std::count(b.begin(), b.end(), 1), 9);
  // A (0, 3) array sorted along either axis: nothing to do, nothing read.
  Descriptor<double, 2> e{nullptr, nullptr, 0, {0, 3}, {3, 1}};
  AgUnrankedMemRef ue{2, &e};
  _mlir_ciface_ag_sort_f64(&ue, 0, 0);
  _mlir_ciface_ag_sort_f64(&ue, 1, 1);
  Descriptor<int64_t, 2> r{nullptr, nullptr, 0, {0, 3}, {3, 1}};
  AgUnrankedMemRef ur{2, &r};
  _mlir_ciface_ag_argsort_f64(&ue, &ur, 1, 2);
}

/// ag_order_statistics_* against a full sort: lanes along axis 0 of a (n, 3) array
/// (strided) and axis 1 of its (3, n) transpose layout (contiguous), of many sizes;
/// values with many ties (quickselect's uneven partitions, its fallback), distinct ones,
/// none, some or all NaN; kth with repeats and both ends. The input is only read.
template <typename T> void checkOrderStatistics(std::mt19937 &rng) {
  for (int64_t n : {1, 2, 3, 5, 16, 17, 18, 33, 100, 1000, 4099})
    for (int distinct : {1, 2, 7, 1 << 30})
      for (int nanEvery : {0, 2, 9, 1}) {
        if (nanEvery && !std::is_floating_point_v<T>)
          continue;
        std::uniform_int_distribution<int> pick(0, distinct - 1);
        std::vector<T> x(3 * n); // row-major (n, 3): lane j is x[i * 3 + j]
        for (int64_t i = 0; i < 3 * n; ++i) {
          x[i] = T(pick(rng)) - T(distinct / 2);
          if constexpr (std::is_floating_point_v<T>)
            if (nanEvery && (i * 7 + n) % nanEvery == 0)
              x[i] = std::numeric_limits<T>::quiet_NaN();
        }
        std::uniform_int_distribution<int64_t> index(0, n - 1);
        std::vector<int64_t> kth = {0, index(rng), index(rng), index(rng), n - 1};
        kth.push_back(kth[1]);
        kth.push_back(std::min(kth[2] + 1, n - 1));
        std::sort(kth.begin(), kth.end());
        const int64_t m = (int64_t)kth.size();
        std::vector<T> input = x;
        std::vector<T> out(3 * m, T(-7));
        Descriptor<T, 2> v{input.data(), input.data(), 0, {n, 3}, {3, 1}};
        Descriptor<T, 2> r{out.data(), out.data(), 0, {m, 3}, {1, m}}; // (m, 3), F order
        Descriptor<int64_t, 1> k{kth.data(), kth.data(), 0, {m}, {1}};
        AgUnrankedMemRef uv{2, &v}, ur{2, &r}, uk{1, &k};
        if constexpr (std::is_same_v<T, float>)
          _mlir_ciface_ag_order_statistics_f32(&uv, &ur, 0, &uk);
        else if constexpr (std::is_same_v<T, double>)
          _mlir_ciface_ag_order_statistics_f64(&uv, &ur, 0, &uk);
        else
          _mlir_ciface_ag_order_statistics_i64(&uv, &ur, 0, &uk);
        ASSERT_TRUE(std::equal(x.begin(), x.end(), input.begin(), same<T>))
            << "the operand was written";
        for (int64_t lane = 0; lane < 3; ++lane) {
          std::vector<T> sorted(n);
          for (int64_t i = 0; i < n; ++i)
            sorted[i] = x[i * 3 + lane];
          std::sort(sorted.begin(), sorted.end(), numpyLess<T>);
          for (int64_t j = 0; j < m; ++j)
            ASSERT_TRUE(same(out[lane * m + j], sorted[kth[j]]))
                << "n " << n << " distinct " << distinct << " nanEvery " << nanEvery
                << " lane " << lane << " kth " << kth[j] << ": " << out[lane * m + j]
                << " vs " << sorted[kth[j]];
        }
      }
}

TEST(SortKernels, OrderStatisticsAreASortsElementsAtKth) {
  std::mt19937 rng(11);
  checkOrderStatistics<double>(rng);
  checkOrderStatistics<float>(rng);
  checkOrderStatistics<int64_t>(rng);
}

} // namespace

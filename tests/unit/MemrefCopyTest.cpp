//===- MemrefCopyTest.cpp - memrefCopy on hand-built strided views --------===//
//
// memrefCopy (backends/cpu/MemrefCopy.cpp) merges contiguous dimensions, copies rows
// with memcpy and moves elements of fixed sizes otherwise. Checked against an element by
// element reference on random views of rank 0-4 into padded buffers: positive, negative
// and zero-size dimensions, sizes of 1 (dropped), transposed and reversed strides,
// element sizes 1, 2, 3, 4, 8 and 16 bytes; bytes outside the destination view stay
// untouched.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

namespace {

constexpr int kMaxRank = 4;

/// A strided memref descriptor of rank kMaxRank; a smaller rank uses the first fields
/// (the layout of StridedMemRefType<T, rank>: sizes, then strides, packed).
struct Descriptor {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[2 * kMaxRank];
};

/// A view of `sizes` into `buffer`: strides from a random axis order, each axis
/// reversed (negative stride) or padded at random; the offset keeps every element in.
struct View {
  std::vector<int64_t> sizes, strides;
  int64_t offset = 0;

  Descriptor descriptor(std::vector<char> &buffer) const {
    Descriptor d{buffer.data(), buffer.data(), offset, {}};
    int64_t rank = sizes.size();
    for (int64_t i = 0; i < rank; ++i) {
      d.sizesAndStrides[i] = sizes[i];
      d.sizesAndStrides[rank + i] = strides[i];
    }
    return d;
  }
};

View randomView(const std::vector<int64_t> &sizes, std::mt19937 &rng, int64_t *elements) {
  int64_t rank = sizes.size();
  std::vector<int> order(rank);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  View v{sizes, std::vector<int64_t>(rank), 0};
  int64_t extent = 1;
  for (int i = rank - 1; i >= 0; --i) { // order[rank - 1] is the innermost axis
    int axis = order[i];
    int64_t stride = extent * (rng() % 4 == 0 ? 2 : 1); // sometimes a gap
    v.strides[axis] = stride;
    extent = stride * std::max<int64_t>(sizes[axis], 1) + (rng() % 3 == 0 ? 1 : 0);
  }
  for (int64_t axis = 0; axis < rank; ++axis)
    if (rng() % 3 == 0 && sizes[axis] > 0) { // reversed: starts at the last element
      v.offset += (sizes[axis] - 1) * v.strides[axis];
      v.strides[axis] = -v.strides[axis];
    }
  *elements = extent + 1;
  return v;
}

/// The reference: element by element, row-major over the indices.
void referenceCopy(int64_t elemSize, const View &src, const std::vector<char> &srcBuf,
                   const View &dst, std::vector<char> &dstBuf) {
  int64_t rank = src.sizes.size(), count = 1;
  for (int64_t s : src.sizes)
    count *= s;
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat, from = src.offset, to = dst.offset;
    for (int64_t axis = rank - 1; axis >= 0; --axis) {
      int64_t i = rest % src.sizes[axis];
      rest /= src.sizes[axis];
      from += i * src.strides[axis];
      to += i * dst.strides[axis];
    }
    std::memcpy(&dstBuf[to * elemSize], &srcBuf[from * elemSize], elemSize);
  }
}

TEST(MemrefCopy, MatchesElementByElementCopyOnRandomViews) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    int64_t elemSize = std::vector<int64_t>{1, 2, 3, 4, 8, 16}[rng() % 6];
    int64_t rank = rng() % (kMaxRank + 1);
    std::vector<int64_t> sizes(rank);
    for (int64_t &s : sizes)
      s = rng() % 10 == 0 ? (rng() % 4 == 0 ? 0 : 1) : 1 + rng() % 7;
    int64_t srcElements, dstElements;
    View src = randomView(sizes, rng, &srcElements);
    View dst = randomView(sizes, rng, &dstElements);
    std::vector<char> srcBuf(srcElements * elemSize);
    for (char &c : srcBuf)
      c = char(rng());
    std::vector<char> dstBuf(dstElements * elemSize, char(0x5a));
    std::vector<char> want = dstBuf;
    referenceCopy(elemSize, src, srcBuf, dst, want);

    Descriptor s = src.descriptor(srcBuf), d = dst.descriptor(dstBuf);
    AgUnrankedMemRef srcArg{rank, &s}, dstArg{rank, &d};
    memrefCopy(elemSize, &srcArg, &dstArg);
    ASSERT_EQ(dstBuf, want) << "trial " << trial << ", rank " << rank << ", element size "
                            << elemSize;
  }
}

TEST(MemrefCopy, RowsIntoTheMiddleOfALargerArray) {
  // out[2:5, 1:4] = x (np.pad's shape): the rows are contiguous, the outer stride not.
  std::vector<double> x(9), out(7 * 5, -1.0);
  std::iota(x.begin(), x.end(), 1.0);
  struct {
    double *allocated, *aligned;
    int64_t offset, sizes[2], strides[2];
  } src{x.data(), x.data(), 0, {3, 3}, {3, 1}},
      dst{out.data(), out.data(), 2 * 5 + 1, {3, 3}, {5, 1}};
  AgUnrankedMemRef srcArg{2, &src}, dstArg{2, &dst};
  memrefCopy(sizeof(double), &srcArg, &dstArg);
  for (int r = 0; r < 7; ++r)
    for (int c = 0; c < 5; ++c) {
      bool inside = r >= 2 && r < 5 && c >= 1 && c < 4;
      EXPECT_EQ(out[r * 5 + c], inside ? x[(r - 2) * 3 + (c - 1)] : -1.0) << r << "," << c;
    }
}

} // namespace

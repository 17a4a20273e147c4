//===- MemrefCopy.cpp - memref.copy of strided views -----------------------===//
//
// `memref.copy` of views that are not contiguous lowers to a call of `memrefCopy`, the
// name MLIR's C runner utilities define. Theirs copies element by element, a memcpy
// call of a run-time size per element: writing a 1024x1024 float64 array into the
// middle of a bigger one (`out[8:-8, 8:-8] = x`, np.pad) took 2.7 ms where numpy takes
// 0.5. This one merges the dimensions both views lay out contiguously, copies whole
// rows with memcpy where the innermost strides are 1, and otherwise moves elements of a
// fixed size in a loop the compiler unrolls. The JIT binds the name to it (JitEngine.cpp)
// and a trace record's shared object (frontend/ag/_persist.py) links against it in
// libag_rt, so running one never loads LLVM.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <cstring>
#include <vector>

namespace {

/// The fields of a strided memref descriptor of any rank (StridedMemRefType).
struct Descriptor {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1]; // sizes[rank], then strides[rank]
};

/// One dimension of the copy: its size and both views' strides, in elements.
struct Dim {
  int64_t size, src, dst;
};

/// `n` elements of `Bytes` each, `src` and `dst` apart by their strides (in elements).
template <int Bytes>
void copyStrided(char *dst, const char *src, int64_t n, int64_t dstStride,
                 int64_t srcStride) {
  for (int64_t i = 0; i < n; ++i) // (a memcpy of a constant size is one move)
    std::memcpy(dst + i * dstStride * Bytes, src + i * srcStride * Bytes, Bytes);
}

void copyRow(char *dst, const char *src, int64_t elemSize, const Dim &row) {
  if (row.src == 1 && row.dst == 1) {
    std::memcpy(dst, src, row.size * elemSize);
    return;
  }
  switch (elemSize) {
  case 1: return copyStrided<1>(dst, src, row.size, row.dst, row.src);
  case 2: return copyStrided<2>(dst, src, row.size, row.dst, row.src);
  case 4: return copyStrided<4>(dst, src, row.size, row.dst, row.src);
  case 8: return copyStrided<8>(dst, src, row.size, row.dst, row.src);
  case 16: return copyStrided<16>(dst, src, row.size, row.dst, row.src);
  default:
    for (int64_t i = 0; i < row.size; ++i)
      std::memcpy(dst + i * row.dst * elemSize, src + i * row.src * elemSize, elemSize);
  }
}

} // namespace

extern "C" void memrefCopy(int64_t elemSize, AgUnrankedMemRef *srcArg,
                           AgUnrankedMemRef *dstArg) {
  int64_t rank = srcArg->rank;
  auto *src = static_cast<Descriptor *>(srcArg->descriptor);
  auto *dst = static_cast<Descriptor *>(dstArg->descriptor);
  char *srcPtr = src->aligned + src->offset * elemSize;
  char *dstPtr = dst->aligned + dst->offset * elemSize;
  const int64_t *sizes = src->sizesAndStrides;
  const int64_t *srcStrides = src->sizesAndStrides + rank;
  const int64_t *dstStrides = dst->sizesAndStrides + rank;
  // Outermost first; a dimension of size 1 moves nothing, and one that continues the
  // previous one in both views (its stride times its size is the previous stride)
  // merges into it.
  std::vector<Dim> dims;
  for (int64_t axis = 0; axis < rank; ++axis) {
    Dim d{sizes[axis], srcStrides[axis], dstStrides[axis]};
    if (d.size == 0)
      return;
    if (d.size == 1)
      continue;
    if (!dims.empty() && dims.back().src == d.src * d.size &&
        dims.back().dst == d.dst * d.size) {
      dims.back() = {dims.back().size * d.size, d.src, d.dst};
      continue;
    }
    dims.push_back(d);
  }
  if (dims.empty()) {
    std::memcpy(dstPtr, srcPtr, elemSize);
    return;
  }
  const Dim row = dims.back();
  dims.pop_back();
  // The outer dimensions as an odometer over whole rows.
  std::vector<int64_t> index(dims.size(), 0);
  int64_t readIndex = 0, writeIndex = 0;
  for (;;) {
    copyRow(dstPtr + writeIndex * elemSize, srcPtr + readIndex * elemSize, elemSize, row);
    int64_t axis = int64_t(dims.size()) - 1;
    for (; axis >= 0; --axis) {
      readIndex += dims[axis].src;
      writeIndex += dims[axis].dst;
      if (++index[axis] < dims[axis].size)
        break;
      index[axis] = 0;
      readIndex -= dims[axis].size * dims[axis].src;
      writeIndex -= dims[axis].size * dims[axis].dst;
    }
    if (axis < 0)
      return;
  }
}

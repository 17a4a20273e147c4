//===- MemrefCopy.cpp - MLIR's memrefCopy, without MLIR's runner utilities ===//
//
// `memref.copy` of views that are not contiguous lowers to a call of `memrefCopy`
// (MLIR's C runner utilities). The JIT resolves it from libmlir_c_runner_utils, which
// links libLLVM; a trace record's shared object (frontend/ag/_persist.py) resolves it
// here instead, so that running one never loads LLVM. The same copy, element by element
// in row-major order of the destination's indices, as CRunnerUtils.cpp's.
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

} // namespace

extern "C" void memrefCopy(int64_t elemSize, AgUnrankedMemRef *srcArg,
                           AgUnrankedMemRef *dstArg) {
  int64_t rank = srcArg->rank;
  auto *src = static_cast<Descriptor *>(srcArg->descriptor);
  auto *dst = static_cast<Descriptor *>(dstArg->descriptor);
  char *srcPtr = src->aligned + src->offset * elemSize;
  char *dstPtr = dst->aligned + dst->offset * elemSize;
  if (rank == 0) {
    std::memcpy(dstPtr, srcPtr, elemSize);
    return;
  }
  const int64_t *sizes = src->sizesAndStrides;
  const int64_t *srcStrides = src->sizesAndStrides + rank;
  const int64_t *dstStrides = dst->sizesAndStrides + rank;
  for (int64_t axis = 0; axis < rank; ++axis)
    if (sizes[axis] == 0)
      return;
  std::vector<int64_t> indices(rank, 0);
  int64_t readIndex = 0, writeIndex = 0;
  for (;;) {
    std::memcpy(dstPtr + writeIndex * elemSize, srcPtr + readIndex * elemSize, elemSize);
    // Advance the index: the innermost axis first, carrying into the outer ones.
    int64_t axis = rank - 1;
    for (; axis >= 0; --axis) {
      int64_t next = ++indices[axis];
      readIndex += srcStrides[axis];
      writeIndex += dstStrides[axis];
      if (next < sizes[axis])
        break;
      indices[axis] = 0;
      readIndex -= sizes[axis] * srcStrides[axis];
      writeIndex -= sizes[axis] * dstStrides[axis];
    }
    if (axis < 0)
      return;
  }
}

//===- PackedCall.cpp - One call of compiled code: descriptors in, results out ===//

#include "ag/Runtime/PackedCall.h"

#include "ag/Backends/Cpu/Memory.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::ag;

namespace {

/// Words of a rank-`rank` descriptor: allocated, aligned, offset, sizes, strides.
size_t descriptorWords(size_t rank) { return 3 + 2 * rank; }

} // namespace

void mlir::ag::makeResultsDistinct(const FunctionInfo &fn, int64_t *words) {
  // (On every call: no heap allocation for a few results.)
  InlineBuffer<int64_t, 8> seen;
  seen.resize(fn.results.size());
  size_t numSeen = 0;
  int64_t *desc = words;
  for (const TensorSig &sig : fn.results) {
    int64_t allocated = desc[0];
    if (std::find(seen.begin(), seen.begin() + numSeen, allocated) !=
        seen.begin() + numSeen) {
      // The sizes from the descriptor: a dynamic dim is -1 in the signature.
      int64_t count = 1;
      for (size_t d = 0; d < sig.shape.size(); ++d)
        count *= desc[3 + d];
      size_t bytes = count * itemSize(sig.dtype);
      void *copy = std::aligned_alloc(64, std::max<size_t>(64, (bytes + 63) / 64 * 64));
      // Results have identity layouts (function boundary), so the data is contiguous.
      std::memcpy(copy, reinterpret_cast<char *>(desc[1]) + desc[2] * itemSize(sig.dtype),
                  bytes);
      desc[0] = desc[1] = reinterpret_cast<int64_t>(copy);
      desc[2] = 0;
    } else {
      seen[numSeen++] = allocated;
    }
    desc += descriptorWords(sig.shape.size());
  }
}

PackedCall::PackedCall(const FunctionInfo &fn) : fn(fn) {
  size_t numFields = 0, numWords = 0;
  for (const TensorSig &sig : fn.inputs)
    numFields += descriptorWords(sig.shape.size());
  // Sized once: run() takes pointers to every field.
  fields.resize(numFields);
  resultOffsets.resize(fn.results.size());
  for (size_t r = 0; r < fn.results.size(); ++r) {
    resultOffsets[r] = numWords;
    numWords += descriptorWords(fn.results[r].shape.size());
  }
  resultWords.resize(numWords);
}

PackedCall::~PackedCall() {
  if (!ran)
    return;
  for (size_t r = 0; r < fn.results.size(); ++r)
    std::free(reinterpret_cast<void *>(descriptor(r)[0])); // 0 once released
}

void PackedCall::addArgument(const void *data, const int64_t *sizes) {
  assert(nextInput < fn.inputs.size() && "more arguments than inputs");
  size_t rank = fn.inputs[nextInput++].shape.size();
  int64_t *f = fields.data() + nextField;
  nextField += descriptorWords(rank);
  int64_t address = reinterpret_cast<int64_t>(data);
  f[0] = address; // allocated (never freed: the caller's)
  f[1] = address; // aligned
  f[2] = 0;       // offset
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    f[3 + d] = sizes[d];
    f[3 + rank + d] = stride; // row-major
    stride *= sizes[d];
  }
}

std::optional<uint64_t> PackedCall::run() {
  assert(nextInput == fn.inputs.size() && "an argument is missing");
  InlineBuffer<void *, 65> pointers;
  pointers.resize(fields.size() + 1);
  for (size_t i = 0; i < fields.size(); ++i)
    pointers[i] = &fields[i];
  // (The results' storage; an unused last pointer when there are none.)
  pointers[fields.size()] = resultWords.data();
  if (std::optional<uint64_t> failed = callGuarded(fn.entry(), pointers.data()))
    return failed; // the call's buffers are freed; nothing to read
  makeResultsDistinct(fn, resultWords.data());
  ran = true;
  return std::nullopt;
}

Sizes PackedCall::sizes(size_t r) const {
  assert(ran && "no results before a successful run");
  return {descriptor(r) + 3, fn.results[r].shape.size()};
}

void *PackedCall::data(size_t r) const {
  assert(ran && "no results before a successful run");
  const int64_t *desc = descriptor(r);
  return reinterpret_cast<char *>(desc[1]) + desc[2] * itemSize(fn.results[r].dtype);
}

void *PackedCall::release(size_t r) {
  assert(ran && "no results before a successful run");
  int64_t &allocated = resultWords[resultOffsets[r]];
  void *buffer = reinterpret_cast<void *>(allocated);
  allocated = 0;
  return buffer;
}

HostArray PackedCall::takeResult(size_t r) {
  HostArray array;
  array.dtype = fn.results[r].dtype;
  Sizes dims = sizes(r);
  array.shape.assign(dims.begin(), dims.end());
  array.data = data(r);
  array.storage = std::shared_ptr<void>(release(r), std::free);
  return array;
}

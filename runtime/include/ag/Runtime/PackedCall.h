//===- PackedCall.h - One call of compiled code: descriptors in, results out -*- C++ -*-===//
//
// Compiled functions are called through ExecutionEngine's packed convention: one pointer
// per flattened argument. A rank-r memref argument flattens to (allocated, aligned,
// offset, sizes[r], strides[r]); the results come back as consecutive descriptors of the
// same shape in the storage the last pointer designates. Result buffers were malloc'ed
// by compiled code (ownership-based deallocation guarantees the function never returns
// a buffer it does not own). PackedCall is that convention, written once: the first
// call (CompiledModule::call) and cache hits (the C dispatcher) both call through it.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_PACKEDCALL_H
#define AG_RUNTIME_PACKEDCALL_H

#include "ag/Runtime/HostArray.h"

#include <algorithm>
#include <cstddef>

#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace ag {

/// dtype and static shape of one tensor crossing the call boundary (-1: a dynamic dim).
struct TensorSig {
  DType dtype;
  std::vector<int64_t> shape;
};

/// What callers need to call one compiled function: its packed entry point and
/// signature.
struct FunctionInfo {
  std::string name;
  std::vector<TensorSig> inputs, results;
  void (*packed)(void **) = nullptr;
  /// The entry point now, read while another thread may replace it (a tiered module's
  /// second tier: CompiledModule::tierUp); the code it replaces stays valid.
  void (*entry() const)(void **) { return __atomic_load_n(&packed, __ATOMIC_ACQUIRE); }
  void setEntry(void (*fn)(void **)) { __atomic_store_n(&packed, fn, __ATOMIC_RELEASE); }
  /// The callback id of each ordinal the code passes (AG_ABI_CALLBACK_BASE + i): set
  /// as the calling thread's table while the function runs (Callbacks.h).
  std::vector<int64_t> callbacks;
};

/// Makes every result descriptor in `words` (the packed results of `fn`) own a distinct
/// allocation: a compiled function may return one buffer twice (CSE merges equal
/// results; `return y, y`), and each result array frees its own buffer. Duplicates
/// become copies.
void makeResultsDistinct(const FunctionInfo &fn, int64_t *words);

/// `n` values of `T`, held inline up to `Inline` of them. (llvm::SmallVector would do,
/// but its growth is compiled into libLLVM, which the light runtime -- the record-hit
/// path, libag_py -- must not load.)
template <typename T, size_t Inline> class InlineBuffer {
public:
  void resize(size_t n) {
    count = n;
    if (n > Inline)
      heap.assign(n, T());
    else
      std::fill_n(local, n, T());
  }
  T *data() { return count > Inline ? heap.data() : local; }
  const T *data() const { return count > Inline ? heap.data() : local; }
  size_t size() const { return count; }
  T &operator[](size_t i) { return data()[i]; }
  const T &operator[](size_t i) const { return data()[i]; }
  T *begin() { return data(); }
  T *end() { return data() + count; }

private:
  T local[Inline];
  std::vector<T> heap;
  size_t count = 0;
};

/// The sizes of one result (a view into the call's descriptors).
struct Sizes {
  const int64_t *first;
  size_t count;
  const int64_t *begin() const { return first; }
  const int64_t *end() const { return first + count; }
  size_t size() const { return count; }
  int64_t operator[](size_t i) const { return first[i]; }
};

/// One call of `fn`: its argument descriptors, then its result descriptors. Results
/// not released to the caller are freed with the PackedCall. Allocates nothing on the
/// heap for small signatures (it sits on the cache-hit path).
class PackedCall {
public:
  explicit PackedCall(const FunctionInfo &fn);
  ~PackedCall();
  PackedCall(const PackedCall &) = delete;
  PackedCall &operator=(const PackedCall &) = delete;

  /// Describes the next input: a C-contiguous buffer at `data` with the input's rank of
  /// `sizes` (none for a 0-d input). The caller checked dtype and shape.
  void addArgument(const void *data, const int64_t *sizes);
  /// Calls the function on the arguments added (all of them). The caller sets the
  /// callback table and releases the GIL as it needs. Returns std::nullopt when the
  /// call ran to the end, its results then each owning a distinct buffer; or the size
  /// of the allocation that failed, the call abandoned with nothing to read or free.
  std::optional<uint64_t> run();

  size_t numResults() const { return fn.results.size(); }
  /// After a successful run: the sizes of result `r` (dynamic dims known now).
  Sizes sizes(size_t r) const;
  /// After a successful run: the first element of result `r`.
  void *data(size_t r) const;
  /// After a successful run: hands result `r`'s allocation to the caller, who frees it
  /// with std::free (data(r) stays valid while it lives).
  void *release(size_t r);
  /// After a successful run: result `r` as a HostArray owning its buffer (released).
  HostArray takeResult(size_t r);

private:
  const int64_t *descriptor(size_t r) const { return &resultWords[resultOffsets[r]]; }

  const FunctionInfo &fn;
  InlineBuffer<int64_t, 64> fields;
  InlineBuffer<int64_t, 16> resultWords;
  InlineBuffer<uint32_t, 4> resultOffsets;
  size_t nextInput = 0, nextField = 0;
  bool ran = false;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PACKEDCALL_H

//===- HostArray.h - numpy-like arrays on the C++ side ----------*- C++ -*-===//
//
// A dtype, a shape and contiguous row-major storage that is shared (results own the
// buffers compiled code malloc'ed; no copy is made to hand them out). Includes nothing of
// MLIR or LLVM: the light runtime uses it. A dtype's MLIR type is DTypeMlir.h's.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_HOSTARRAY_H
#define AG_RUNTIME_HOSTARRAY_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace ag {

/// numpy's dtypes that ag stages. Bool is one byte per element, as in numpy and as LLVM
/// stores i1. In MLIR the signed integers are signless (i8 ... i64) and the unsigned ones
/// are `ui8` ... `ui64` until convert-ag-to-linalg has chosen the unsigned arith ops.
enum class DType {
  Float32,
  Float64,
  Int32,
  Int64,
  Bool,
  Float16,
  Int8,
  Int16,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Complex64,  ///< complex<f32>: (real, imag) float pairs, as numpy stores them
  Complex128, ///< complex<f64>
};

size_t itemSize(DType dtype);
/// "float32", ..., "bool".
const char *dtypeString(DType dtype);
/// The dtype numpy names `name` (dtypeString's inverse); nullopt for one ag does not stage.
std::optional<DType> dtypeFromString(const std::string &name);

struct HostArray {
  DType dtype = DType::Float32;
  std::vector<int64_t> shape;
  /// Owner of the storage (may be a malloc'ed buffer of compiled code).
  std::shared_ptr<void> storage;
  /// First element.
  void *data = nullptr;

  /// Zero-initialised array of `dtype` and `shape`, 64-byte aligned.
  static HostArray zeros(DType dtype, std::vector<int64_t> shape);

  int64_t numElements() const;
  size_t numBytes() const { return numElements() * itemSize(dtype); }
  template <typename T> T *as() { return static_cast<T *>(data); }
  template <typename T> const T *as() const { return static_cast<const T *>(data); }

  /// Nested-bracket text in the spirit of numpy's repr (for tools and test failures):
  /// "float32[2,2] [[1, 2], [3, 4]]".
  std::string toString(int64_t maxElements = 64) const;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_HOSTARRAY_H

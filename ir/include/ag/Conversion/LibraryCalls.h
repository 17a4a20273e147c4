//===- LibraryCalls.h - Shared steps of linalg-to-library-call passes -*- C++ -*-===//
//
// ag-linalg-to-blas and ag-linalg-to-onednn replace linalg contractions on memrefs by
// calls into kernels that read strides from the memref descriptor. Both fold the zero
// fill of the output into beta, and both read a transposed operand through a strided
// view instead of the copy bufferization made of it.
//
//===----------------------------------------------------------------------===//

#ifndef AG_CONVERSION_LIBRARYCALLS_H
#define AG_CONVERSION_LIBRARYCALLS_H

#include "mlir/IR/Operation.h"

namespace mlir {
namespace ag {

/// Whether the op right before `op` zero-fills `output`; that fill is then erased and
/// the call gets beta = 0. Otherwise (false) the call must accumulate (beta = 1) as the
/// linalg op does.
bool takeZeroFill(Operation *op, Value output);

/// Replaces each input of `op` that is a buffer filled only by a linalg.transpose
/// earlier in the same block (and otherwise only deallocated) by a memref.transpose
/// view of the transpose's source, erasing the copy, when nothing in between may write
/// the source. The kernels then read `x.T` through strides (BLAS's transpose flag).
void readTransposesThroughViews(Operation *op);

/// The buffer `v` is a view of (through subviews, casts, reshapes, transposes).
Value rootBuffer(Value v);

} // namespace ag
} // namespace mlir

#endif // AG_CONVERSION_LIBRARYCALLS_H

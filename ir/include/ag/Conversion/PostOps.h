//===- PostOps.h - Bias and activation after a oneDNN product -*- C++ -*-===//
//
// oneDNN adds a bias inside its matmul and convolution kernels, while each tile of the
// product is still in registers; as a separate loop it costs one more sweep over the
// product (and, before this, an allocation and a zero fill of its own). Its relu post-op
// is not used: it maps NaN to 0, where numpy's np.maximum(x, 0) keeps NaN. ag-onednn-post-ops-in-place
// (on tensors) makes such an elementwise consumer write in place into the product it
// alone reads, so that after bufferization it is the op right after the product, on
// the same buffer, where ag-linalg-to-onednn folds it into the call.
//
//===----------------------------------------------------------------------===//

#ifndef AG_CONVERSION_POSTOPS_H
#define AG_CONVERSION_POSTOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace mlir {
namespace ag {

/// The activation after the bias (stays a loop after the oneDNN call).
enum class Activation : int64_t { None = 0, Relu = 1 };

/// What an elementwise op does to the product `x`: x [+ bias] [then activation].
struct PostOps {
  /// The block argument (and operand) index of the bias, if any.
  std::optional<unsigned> bias;
  Activation activation = Activation::None;
};

/// Whether the body of `generic` (all-parallel, one result) computes act(x + bias),
/// act(x) or x + bias of its block argument `x`, with at most one other input (the bias)
/// indexed by the product's channel dimension `channel` alone (other results of its map
/// constant 0: a bias of shape (N,), (1, N) or (C, 1, 1)). The yielded value must not
/// depend on any other argument.
std::optional<PostOps> matchPostOps(linalg::GenericOp generic, unsigned x, unsigned channel);

} // namespace ag
} // namespace mlir

#endif // AG_CONVERSION_POSTOPS_H

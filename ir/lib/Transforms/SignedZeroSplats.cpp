//===- SignedZeroSplats.cpp - tensor constants of -0.0 become fills -------===//
//
// MLIR 19's translation to LLVM IR emits a splat constant whose value compares equal
// to zero as `zeroinitializer` -- for -0.0 too, so `x[0] = -0.0` stored +0.0 and
// 1 / x gave inf instead of -inf. Before bufferization turns tensor constants into
// memref.globals, a splat of negative zero becomes a linalg.fill of the scalar -0.0,
// which lowers to stores of the right bits.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGSIGNEDZEROSPLATS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct SignedZeroSplatsPass : ag::impl::AgSignedZeroSplatsBase<SignedZeroSplatsPass> {
  void runOnOperation() override {
    SmallVector<arith::ConstantOp> splats;
    getOperation()->walk([&](arith::ConstantOp op) {
      auto attr = dyn_cast<SplatElementsAttr>(op.getValue());
      if (attr && isa<RankedTensorType>(op.getType()) &&
          isa<FloatType>(attr.getElementType()) &&
          attr.getSplatValue<APFloat>().isNegZero())
        splats.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (arith::ConstantOp op : splats) {
      auto type = cast<RankedTensorType>(op.getType());
      rewriter.setInsertionPoint(op);
      Location loc = op.getLoc();
      Value zero = rewriter.create<arith::ConstantOp>(
          loc, rewriter.getFloatAttr(type.getElementType(),
                                     cast<SplatElementsAttr>(op.getValue())
                                         .getSplatValue<APFloat>()));
      Value empty = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                     type.getElementType());
      rewriter.replaceOpWithNewOp<linalg::FillOp>(op, zero, empty);
    }
  }
};

} // namespace

//===- SplatFills.cpp - large and -0.0 splat tensor constants become fills -===//
//
// Before bufferization turns tensor constants into memref.globals, a splat constant
// becomes a linalg.fill of its scalar into a tensor.empty when
// - it is large: `np.zeros((1040, 1040))` (or a broadcast constant canonicalization
//   folded into one) was an 8.6 MB global in the object code -- the persistent cache
//   stores it, np.ones' as real bytes -- and a copy of it on every call; a fill only
//   writes (np.pad built on np.empty took 7.5 ms for 1 ms of work);
// - it is -0.0: MLIR 19's translation to LLVM IR emits a splat constant that compares
//   equal to zero as `zeroinitializer`, so `x[0] = -0.0` stored +0.0 and 1 / x gave
//   inf instead of -inf. A fill of the scalar -0.0 stores the right bits.
// Small splats stay constants (LLVM folds loads from them).
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGSPLATFILLS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// Elements from which a splat constant is filled at run time rather than stored.
constexpr int64_t kMinFilledElements = 64;

bool becomesFill(arith::ConstantOp op) {
  auto type = dyn_cast<RankedTensorType>(op.getType());
  auto attr = dyn_cast<SplatElementsAttr>(op.getValue());
  if (!type || !attr || !type.hasStaticShape())
    return false;
  Type element = attr.getElementType();
  if (!isa<FloatType, IntegerType>(element)) // (complex: no arith scalar to fill with)
    return false;
  if (isa<FloatType>(element) && attr.getSplatValue<APFloat>().isNegZero())
    return true;
  return type.getNumElements() >= kMinFilledElements;
}

struct SplatFillsPass : ag::impl::AgSplatFillsBase<SplatFillsPass> {
  void runOnOperation() override {
    SmallVector<arith::ConstantOp> splats;
    getOperation()->walk([&](arith::ConstantOp op) {
      if (becomesFill(op))
        splats.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (arith::ConstantOp op : splats) {
      auto type = cast<RankedTensorType>(op.getType());
      auto attr = cast<SplatElementsAttr>(op.getValue());
      rewriter.setInsertionPoint(op);
      Location loc = op.getLoc();
      Value scalar = rewriter.create<arith::ConstantOp>(
          loc, cast<TypedAttr>(attr.getSplatValue<Attribute>()));
      Value empty = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                     type.getElementType());
      rewriter.replaceOpWithNewOp<linalg::FillOp>(op, scalar, empty);
    }
  }
};

} // namespace

//===- BoundInPlaceChains.cpp - bounded write chains for One-Shot Bufferize ===//
//
// One-Shot Bufferize's analysis checks each in-place write against every read and
// write of its alias set. A chain of destination-passing writes of one array (the
// versions of `x` in unrolled `x[i] += ...`) is a single alias set that grows with
// the chain, which makes the analysis cubic in the length of straight-line code.
// Restarting the chain from a copy every few writes bounds the sets; the copies run
// once per that many writes.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGBOUNDINPLACECHAINS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct BoundInPlaceChainsPass
    : ag::impl::AgBoundInPlaceChainsBase<BoundInPlaceChainsPass> {
  using AgBoundInPlaceChainsBase::AgBoundInPlaceChainsBase;

  void runOnOperation() override {
    unsigned limit = std::max(1u, unsigned(writesPerCopy));
    // How many writes of the chain a tensor value is the result of. Values defined
    // in another block (or by other ops) start a chain: 0.
    DenseMap<Value, unsigned> writes;
    OpBuilder builder(&getContext());
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      // Views continue their source's chain: writing into one writes the source's set.
      if (isa<tensor::ExtractSliceOp, tensor::CollapseShapeOp, tensor::ExpandShapeOp,
              tensor::CastOp>(op)) {
        Value source = op->getOperand(0);
        if (source.getParentBlock() == op->getBlock())
          if (unsigned n = writes.lookup(source))
            writes[op->getResult(0)] = n;
        return;
      }
      auto dps = dyn_cast<DestinationStyleOpInterface>(op);
      if (!dps || !dps.hasPureTensorSemantics())
        return;
      for (OpOperand &init : dps.getDpsInitsMutable()) {
        auto type = dyn_cast<RankedTensorType>(init.get().getType());
        if (!type)
          continue;
        unsigned n = init.get().getParentBlock() == op->getBlock()
                         ? writes.lookup(init.get())
                         : 0;
        if (n >= limit) {
          builder.setInsertionPoint(op);
          init.set(builder.create<bufferization::AllocTensorOp>(
              op->getLoc(), type, ValueRange{}, init.get()));
          n = 0;
        }
        writes[dps.getTiedOpResult(&init)] = n + 1;
      }
    });
  }
};

} // namespace

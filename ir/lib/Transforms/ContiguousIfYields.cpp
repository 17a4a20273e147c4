//===- ContiguousIfYields.cpp - scf.if yields no views ---------------------===//
//
// One-Shot Bufferize in MLIR 19 gives an scf.if result a fully dynamic layout when its
// branches yield buffers of different layouts (a slice on one path, a new array on the
// other), and casts each yielded buffer to it. But a branch bufferized before the other
// asks for the result's type while the other is still on tensors, gets an answer that
// differs from the final one and skips its cast: the if then fails to verify ("source
// type ... should match input type", fuzz seed 59 #4681: `t = a[2:3, 0]` on one path,
// `t = (b ** 2)[3, -2:2]` on the other). Upstream's own mlir-opt fails the same way.
//
// Before bufferizing, every slice or reshape an scf.if yields is copied into a new
// tensor in its branch: the if's results then always have identity layouts and agree.
// The copy is what the function does anyway for a view it returns, and a later loop
// over the result indexes it without strides; tensors are values, so nothing a write
// through the original array reaches changes (ag writes through views on the tensor
// level, before this pass).
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGCONTIGUOUSIFYIELDS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// Whether `value` is a view of another tensor's buffer after bufferization.
bool isView(Value value) {
  return isa_and_nonnull<tensor::ExtractSliceOp, tensor::CollapseShapeOp,
                         tensor::ExpandShapeOp, tensor::CastOp>(value.getDefiningOp());
}

struct ContiguousIfYieldsPass
    : ag::impl::AgContiguousIfYieldsBase<ContiguousIfYieldsPass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    getOperation()->walk([&](scf::YieldOp yield) {
      if (!isa<scf::IfOp>(yield->getParentOp()))
        return;
      builder.setInsertionPoint(yield);
      for (OpOperand &operand : yield->getOpOperands()) {
        auto type = dyn_cast<RankedTensorType>(operand.get().getType());
        if (!type || !isView(operand.get()))
          continue;
        operand.set(builder.create<bufferization::AllocTensorOp>(
            yield.getLoc(), type, ValueRange(), operand.get()));
      }
    });
  }
};

} // namespace

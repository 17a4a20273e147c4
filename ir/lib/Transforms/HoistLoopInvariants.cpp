//===- HoistLoopInvariants.cpp - loop-invariant tensor work out of loops ---===//
//
// A staged loop often repeats work on values it never changes: `x.T @ r` transposes x
// in every iteration of a Newton or CG loop, a broadcast of a weight is rebuilt each
// step. MLIR's loop-invariant code motion moves only speculatable ops, and in MLIR 19
// linalg ops on tensors are not marked so; ag's are safe to run once before a loop that
// might not run at all: they have no side effects and ag never emits trapping
// arithmetic in their bodies (integer division is lowered not to trap).
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGHOISTLOOPINVARIANTS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

bool canHoist(Operation *op) {
  if (!isMemoryEffectFree(op))
    return false;
  if (isSpeculatable(op))
    return true;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return linalgOp.hasPureTensorSemantics();
  return isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::EmptyOp>(op);
}

struct AgHoistLoopInvariantsPass
    : public ag::impl::AgHoistLoopInvariantsBase<AgHoistLoopInvariantsPass> {
  void runOnOperation() override {
    // Inner loops first (post-order), so their hoisted ops can leave outer loops too.
    getOperation()->walk([](LoopLikeOpInterface loop) {
      moveLoopInvariantCode(
          loop.getLoopRegions(),
          [&](Value v, Region *) { return loop.isDefinedOutsideOfLoop(v); },
          [&](Operation *op, Region *) { return canHoist(op); },
          [&](Operation *op, Region *) { loop.moveOutOfLoop(op); });
    });
  }
};

} // namespace

//===- ReductionInits.cpp - an empty reduction yields its initial value ---===//
//
// A reduction over an empty domain (`np.all(x[:0] > 3)`) is its initial value. When
// canonicalization folds a reduction's payload to one that no longer reads the
// accumulator (`andi(cmpf ogt (uitofp %bool), 3.0), %acc)` is `false`), One-Shot
// Bufferize treats the init operand as not read: the result buffer is allocated and
// never filled, and the zero-extent op is then erased as dead -- the caller gets
// uninitialised memory. So before bufferization such an op is made explicit about the
// empty case: statically empty, its results are its inits; possibly empty, an `scf.if`
// on the domain's extents chooses between the inits and the op.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGREDUCTIONINITS
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// Whether the op reduces and its payload ignores the initial value of some result.
bool ignoresAnInit(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0 || !op.hasPureTensorSemantics())
    return false;
  for (OpOperand &init : op.getDpsInitsMutable())
    if (!op.payloadUsesValueFromOperand(&init))
      return true;
  return false;
}

void makeEmptyCaseExplicit(IRRewriter &rewriter, linalg::LinalgOp op) {
  SmallVector<Value> inits(op.getDpsInits());
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  if (llvm::is_contained(extents, 0)) {
    rewriter.replaceOp(op, inits);
    return;
  }
  if (!llvm::is_contained(extents, ShapedType::kDynamic))
    return; // never empty: the initial values are overwritten
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
  Value empty;
  for (Range range : op.createLoopRanges(rewriter, loc)) {
    Value size = getValueOrCreateConstantIndexOp(rewriter, loc, range.size);
    Value isZero =
        rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, size, zero);
    empty = empty ? rewriter.create<arith::OrIOp>(loc, empty, isZero) : isZero;
  }
  auto choice = rewriter.create<scf::IfOp>(loc, op->getResultTypes(), empty,
                                           /*withElseRegion=*/true);
  rewriter.setInsertionPointToStart(choice.thenBlock());
  rewriter.create<scf::YieldOp>(loc, inits);
  rewriter.setInsertionPointToStart(choice.elseBlock());
  Operation *reduction = rewriter.clone(*op.getOperation());
  rewriter.create<scf::YieldOp>(loc, reduction->getResults());
  rewriter.replaceOp(op, choice.getResults());
}

struct ReductionInitsPass : ag::impl::AgReductionInitsBase<ReductionInitsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (ignoresAnInit(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      makeEmptyCaseExplicit(rewriter, op);
  }
};

} // namespace

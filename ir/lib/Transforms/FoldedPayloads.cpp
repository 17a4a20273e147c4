//===- FoldedPayloads.cpp - linalg ops whose payload ignores its operands -===//
//
// Canonicalization may fold a linalg op's payload until it no longer reads some of its
// block arguments. Two upstream rules then go wrong, and this pass, run right before
// One-Shot Bufferize, rewrites such ops so that neither applies:
//
// - A reduction whose payload ignores its accumulator (`andi(cmpf ogt (uitofp %bool),
//   3.0), %acc)` is `false`): over an empty domain it is its initial value, but One-Shot
//   Bufferize treats the init as not read, allocates the result without filling it, and
//   the zero-extent op is then erased as dead -- the caller gets uninitialised memory
//   (np.all(x.astype(bool)[:0] > 3) was False). Statically empty, its results become its
//   inits; possibly empty, an `scf.if` on the domain's extents chooses.
// - A parallel op whose payload yields only values from outside it (`xori %a, %a` is
//   `false`): after bufferization its input and output may be one buffer, and
//   EraseIdentityLinalgOp erases a single-yield generic on equal buffers without looking
//   at what it yields (`t[:] = np.logical_xor(t, t)` left t unchanged). It becomes a
//   linalg.fill of each yielded value, which is what it computes.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGFOLDEDPAYLOADS
#include "ag/Transforms/Passes.h.inc"
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

/// The values a parallel generic on tensors yields when each is defined outside its
/// payload (it then fills its results with them), else an empty list.
SmallVector<Value> constantYields(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() != 0 ||
      op.getNumResults() == 0)
    return {};
  Region &payload = op.getRegion();
  auto yield = cast<linalg::YieldOp>(payload.front().getTerminator());
  SmallVector<Value> values(yield.getValues());
  for (Value v : values)
    if (payload.isAncestor(v.getParentRegion()))
      return {};
  return values;
}

void fillInstead(IRRewriter &rewriter, linalg::GenericOp op, ArrayRef<Value> values) {
  rewriter.setInsertionPoint(op);
  SmallVector<Value> fills;
  for (auto [value, init] : llvm::zip(values, op.getDpsInits()))
    fills.push_back(
        rewriter.create<linalg::FillOp>(op.getLoc(), value, init).getResult(0));
  rewriter.replaceOp(op, fills);
}

struct FoldedPayloadsPass : ag::impl::AgFoldedPayloadsBase<FoldedPayloadsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> reductions;
    SmallVector<std::pair<linalg::GenericOp, SmallVector<Value>>> fills;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (ignoresAnInit(op))
        reductions.push_back(op);
      else if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
        if (SmallVector<Value> values = constantYields(generic); !values.empty())
          fills.push_back({generic, values});
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : reductions)
      makeEmptyCaseExplicit(rewriter, op);
    for (auto &[op, values] : fills)
      fillInstead(rewriter, op, values);
  }
};

} // namespace

//===- ExpandUnitDims.cpp - unit dims of a reshape become loops of the producer -===//
//
// A float sum views the run it reduces as a single row, `tensor.expand_shape (n) ->
// (1, n)` of its operand, and its lane sums read that row in place so that an
// elementwise producer fuses into them. Upstream's fusion through the reshape
// (populateFoldReshapeOpsByExpansionPatterns) needs every operand map of the producer
// to be a projected permutation; a broadcast operand's is not (`x - mean(x,
// keepdims=True)` reads the mean as `(d0) -> (0)`), so np.std wrote its squared
// deviations to memory (32 MB for 4M float64s) and read them back. Here such a reshape
// is folded into the producer for any operand maps: the producer gets one loop per
// result dim, the added unit dims' loops run once and index nothing but the result.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGEXPANDUNITDIMS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// An elementwise generic: all loops parallel, one result computed into its init with
/// the identity map, the init never read, no linalg.index (whose dims would move).
bool isPlainElementwise(linalg::GenericOp op) {
  if (op.getNumResults() != 1 || op.getNumParallelLoops() != op.getNumLoops() ||
      op.hasIndexSemantics())
    return false;
  OpOperand *init = op.getDpsInitOperand(0);
  return op.getMatchingIndexingMap(init).isIdentity() &&
         !op.payloadUsesValueFromOperand(init);
}

/// `expand` folded into its producer, if it adds only unit dims to the result of an
/// elementwise generic used nowhere else.
void foldIntoProducer(tensor::ExpandShapeOp expand, RewriterBase &rewriter) {
  auto producer = expand.getSrc().getDefiningOp<linalg::GenericOp>();
  if (!producer || !producer->hasOneUse() || !isPlainElementwise(producer))
    return;
  RankedTensorType type = expand.getResultType();
  // Each source dim's group: at most one dim that is not a static 1, which carries
  // the source dim's loop (the first of the group when all are 1).
  SmallVector<AffineExpr> carriers;
  for (const ReassociationIndices &group : expand.getReassociationIndices()) {
    int64_t carrier = group.front(), sized = 0;
    for (int64_t d : group)
      if (type.getDimSize(d) != 1) {
        carrier = d;
        ++sized;
      }
    if (sized > 1) // (splits a dim: the producer's maps would need the split)
      return;
    carriers.push_back(rewriter.getAffineDimExpr(carrier));
  }
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps;
  for (OpOperand *input : producer.getDpsInputOperands())
    maps.push_back(producer.getMatchingIndexingMap(input).replaceDimsAndSymbols(
        carriers, {}, rank, 0));
  maps.push_back(rewriter.getMultiDimIdentityMap(rank));

  rewriter.setInsertionPoint(expand);
  Location loc = producer.getLoc();
  Value init = rewriter.create<tensor::EmptyOp>(
      loc, getMixedValues(expand.getStaticOutputShape(), expand.getOutputShape(), rewriter),
      type.getElementType());
  auto expanded = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{type}, producer.getDpsInputs(), ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel));
  // (The body's arguments are the same elements: it moves as it is.)
  rewriter.inlineRegionBefore(producer.getRegion(), expanded.getRegion(),
                              expanded.getRegion().end());
  rewriter.replaceOp(expand, expanded.getResults());
  rewriter.eraseOp(producer);
}

struct ExpandUnitDimsPass : ag::impl::AgExpandUnitDimsBase<ExpandUnitDimsPass> {
  void runOnOperation() override {
    SmallVector<tensor::ExpandShapeOp> expands;
    getOperation()->walk([&](tensor::ExpandShapeOp op) { expands.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (tensor::ExpandShapeOp op : expands)
      foldIntoProducer(op, rewriter);
  }
};

} // namespace

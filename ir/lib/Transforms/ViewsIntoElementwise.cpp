//===- ViewsIntoElementwise.cpp - views of elementwise results become producers -===//
//
// A float sum reads its operand through views: `tensor.expand_shape (n) -> (1, n)` (the
// run as a single row), then, when the run ends in a partial buffer, one slice for the
// whole buffers and one for the rest. Its lane sums read their view in place so that an
// elementwise producer fuses into them, but upstream's fusion stops at either view:
// - through a reshape it fuses only producers whose operand maps are all projected
//   permutations, and a broadcast operand's is not (`x - mean(x, keepdims=True)` reads
//   the mean as `(d0) -> (0)`);
// - a producer with two readers (the two slices) is not fused at all.
// So np.std wrote its squared deviations to memory (32 MB for 4M float64s) and read
// them back, and so did `np.sum(x * x)` for any length that is not a multiple of 8192.
// Here both views are moved into the producer, which then computes the view itself:
// - a reshape that adds only unit dims: the producer gets one loop per result dim, the
//   added ones run once and index nothing but the result;
// - slices, when every use of the producer is one and they are disjoint (no element
//   computed twice): one producer per slice, on the same slices of its operands.
// Producers up the chain follow, as their results become sliced in turn.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGVIEWSINTOELEMENTWISE
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

/// A copy of elementwise `producer` reading `inputs` through `maps` into a new tensor
/// of `type` (`sizes`), in place of `view`, which it replaces.
void replaceWithProducer(RewriterBase &rewriter, Operation *view, linalg::GenericOp producer,
                         ValueRange inputs, SmallVector<AffineMap> maps,
                         RankedTensorType type, ArrayRef<OpFoldResult> sizes) {
  rewriter.setInsertionPoint(view);
  Location loc = producer.getLoc();
  Value init = rewriter.create<tensor::EmptyOp>(loc, sizes, type.getElementType());
  maps.push_back(rewriter.getMultiDimIdentityMap(type.getRank()));
  auto copy = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{type}, inputs, ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(type.getRank(), utils::IteratorType::parallel));
  // (The body's arguments are the same elements.)
  rewriter.cloneRegionBefore(producer.getRegion(), copy.getRegion(), copy.getRegion().end());
  rewriter.replaceOp(view, copy.getResults());
}

/// `expand` moved into its producer, if it adds only unit dims to the result of an
/// elementwise generic used nowhere else.
void expandIntoProducer(tensor::ExpandShapeOp expand, RewriterBase &rewriter) {
  auto producer = expand.getSrc().getDefiningOp<linalg::GenericOp>();
  if (!producer || !producer->hasOneUse() || !isPlainElementwise(producer))
    return;
  RankedTensorType type = expand.getResultType();
  // Each source dim's group: at most one dim that is not a static 1, which carries the
  // source dim's loop (the first of the group when all are 1).
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
  SmallVector<AffineMap> maps;
  for (OpOperand *input : producer.getDpsInputOperands())
    maps.push_back(producer.getMatchingIndexingMap(input).replaceDimsAndSymbols(
        carriers, {}, type.getRank(), 0));
  replaceWithProducer(rewriter, expand, producer, producer.getDpsInputs(), maps, type,
                      getMixedValues(expand.getStaticOutputShape(), expand.getOutputShape(),
                                     rewriter));
  rewriter.eraseOp(producer);
}

/// A slice of static offsets and sizes, unit strides, and its source's rank.
bool isStaticBox(tensor::ExtractSliceOp slice) {
  return slice.getSourceType().getRank() == slice.getResultType().getRank() &&
         !ShapedType::isDynamicShape(slice.getStaticOffsets()) &&
         !ShapedType::isDynamicShape(slice.getStaticSizes()) &&
         llvm::all_of(slice.getStaticStrides(), [](int64_t s) { return s == 1; });
}

bool disjoint(tensor::ExtractSliceOp a, tensor::ExtractSliceOp b) {
  for (auto [offA, sizeA, offB, sizeB] :
       llvm::zip(a.getStaticOffsets(), a.getStaticSizes(), b.getStaticOffsets(),
                 b.getStaticSizes()))
    if (offA + sizeA <= offB || offB + sizeB <= offA)
      return true;
  return false;
}

/// The slices every use of elementwise `producer` is, if they are disjoint static boxes
/// and the producer's operand maps are dims or the 0 of a broadcast (their slices
/// follow from the result's).
std::optional<SmallVector<tensor::ExtractSliceOp>> slicedUses(linalg::GenericOp producer) {
  if (!isPlainElementwise(producer) || producer->use_empty())
    return std::nullopt;
  for (AffineMap map : producer.getIndexingMapsArray())
    for (AffineExpr e : map.getResults()) {
      auto constant = dyn_cast<AffineConstantExpr>(e);
      if (!isa<AffineDimExpr>(e) && !(constant && constant.getValue() == 0))
        return std::nullopt;
    }
  SmallVector<tensor::ExtractSliceOp> slices;
  for (Operation *user : producer->getUsers()) {
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || !isStaticBox(slice))
      return std::nullopt;
    for (tensor::ExtractSliceOp other : slices)
      if (!disjoint(slice, other))
        return std::nullopt;
    slices.push_back(slice);
  }
  return slices;
}

/// `slice` of `producer`'s result computed by a copy of the producer on the same slices
/// of its operands.
void sliceIntoProducer(tensor::ExtractSliceOp slice, linalg::GenericOp producer,
                       RewriterBase &rewriter) {
  rewriter.setInsertionPoint(slice);
  Location loc = slice.getLoc();
  ArrayRef<int64_t> offsets = slice.getStaticOffsets(), sizes = slice.getStaticSizes();
  SmallVector<Value> inputs;
  DenseMap<std::pair<Value, AffineMap>, Value> sliced; // (x * x: one slice of x)
  for (OpOperand *input : producer.getDpsInputOperands()) {
    AffineMap map = producer.getMatchingIndexingMap(input);
    if (Value done = sliced.lookup({input->get(), map})) {
      inputs.push_back(done);
      continue;
    }
    if (llvm::none_of(map.getResults(), [](AffineExpr e) { return isa<AffineDimExpr>(e); })) {
      inputs.push_back(input->get()); // (a scalar, or broadcast whole: no slice)
      continue;
    }
    SmallVector<OpFoldResult> inOffsets, inSizes, inStrides;
    for (AffineExpr e : map.getResults()) {
      auto dim = dyn_cast<AffineDimExpr>(e);
      inOffsets.push_back(rewriter.getIndexAttr(dim ? offsets[dim.getPosition()] : 0));
      inSizes.push_back(rewriter.getIndexAttr(dim ? sizes[dim.getPosition()] : 1));
      inStrides.push_back(rewriter.getIndexAttr(1));
    }
    inputs.push_back(sliced[{input->get(), map}] = rewriter.create<tensor::ExtractSliceOp>(
                         loc, input->get(), inOffsets, inSizes, inStrides));
  }
  SmallVector<AffineMap> maps = producer.getIndexingMapsArray();
  maps.pop_back(); // (the init's: made anew)
  replaceWithProducer(rewriter, slice, producer, inputs, maps, slice.getResultType(),
                      getAsIndexOpFoldResult(rewriter.getContext(), sizes));
}

struct ViewsIntoElementwisePass
    : ag::impl::AgViewsIntoElementwiseBase<ViewsIntoElementwisePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<tensor::ExpandShapeOp> expands;
    getOperation()->walk([&](tensor::ExpandShapeOp op) { expands.push_back(op); });
    for (tensor::ExpandShapeOp op : expands)
      expandIntoProducer(op, rewriter);
    // Consumers before their producers: slicing a producer slices its own producers'
    // results, which are visited next.
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    for (linalg::GenericOp producer : llvm::reverse(generics)) {
      std::optional<SmallVector<tensor::ExtractSliceOp>> slices = slicedUses(producer);
      // (One slice of the whole result stays: canonicalization folds it.)
      if (!slices || (slices->size() == 1 && (*slices)[0].getResultType() ==
                                                  (*slices)[0].getSourceType()))
        continue;
      for (tensor::ExtractSliceOp slice : *slices)
        sliceIntoProducer(slice, producer, rewriter);
      rewriter.eraseOp(producer);
    }
  }
};

} // namespace

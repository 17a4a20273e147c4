//===- PostOps.cpp - Bias and activation consumers of oneDNN products -----===//
//
// The matcher both halves of the post-op fusion share (see ag/Conversion/PostOps.h),
// and the tensor half, ag-onednn-post-ops-in-place: an elementwise op that is the only
// reader of a float32 matmul or NCHW convolution and computes act(x + bias) of it is
// rewritten to write its result into the product itself (outs(%product), reading it
// through its output block argument). The rewrite is correct on its own -- the product
// has no other reader -- and after bufferization it leaves the consumer right after
// the product on the same buffer, which is the shape ag-linalg-to-onednn folds into the
// oneDNN call. A product with another reader keeps its consumer as it is: fused, the
// other reader would see the activation.
//
// The product also gets a zero fill of its own, right before it, when it shares one
// with another op (CSE merges the fills of equal-shaped products) or its fill is
// elsewhere: bufferization would otherwise copy the shared zeros into it, and the call
// could not take the fill as beta = 0.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/PostOps.h"
#include "ag/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGONEDNNPOSTOPSINPLACE
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

bool isPosZero(Value v) { return matchPattern(v, m_PosZeroFloat()); }

/// Whether `map` reads the bias at the product's `channel` (once) and at index 0 of
/// every other dim of the bias.
bool isChannelMap(AffineMap map, unsigned channel) {
  int hits = 0;
  for (AffineExpr e : map.getResults()) {
    if (auto d = dyn_cast<AffineDimExpr>(e); d && d.getPosition() == channel)
      ++hits;
    else if (auto c = dyn_cast<AffineConstantExpr>(e); !c || c.getValue() != 0)
      return false;
  }
  return hits == 1;
}

/// Whether ops[i...] compute relu(v) -- np.maximum(v, 0) as ag lowers it (NaN passes
/// through) -- as the yielded value `y`.
bool isRelu(ArrayRef<Operation *> ops, Value v, Value y) {
  if (ops.size() == 1) {
    auto max = dyn_cast<arith::MaximumFOp>(ops[0]);
    return max && max.getResult() == y &&
           ((max.getLhs() == v && isPosZero(max.getRhs())) ||
            (max.getRhs() == v && isPosZero(max.getLhs())));
  }
  if (ops.size() != 4)
    return false;
  // c = v > 0; u = isnan(v); o = u | c; y = o ? v : 0 (numpyMinMax's form)
  auto gt = dyn_cast<arith::CmpFOp>(ops[0]);
  auto uno = dyn_cast<arith::CmpFOp>(ops[1]);
  auto take = dyn_cast<arith::OrIOp>(ops[2]);
  auto sel = dyn_cast<arith::SelectOp>(ops[3]);
  return gt && uno && take && sel && gt.getPredicate() == arith::CmpFPredicate::OGT &&
         gt.getLhs() == v && isPosZero(gt.getRhs()) &&
         uno.getPredicate() == arith::CmpFPredicate::UNO && uno.getLhs() == v &&
         uno.getRhs() == v && take.getLhs() == uno && take.getRhs() == gt &&
         sel.getCondition() == take && sel.getTrueValue() == v &&
         isPosZero(sel.getFalseValue()) && sel.getResult() == y;
}

} // namespace

std::optional<ag::PostOps> ag::matchPostOps(linalg::GenericOp generic, unsigned x,
                                            unsigned channel) {
  if (generic.getNumDpsInits() != 1 || generic->getNumResults() > 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return std::nullopt;
  Block &body = generic.getRegion().front();
  unsigned numInputs = generic.getNumDpsInputs();
  if (x >= body.getNumArguments() || !body.getArgument(x).getType().isF32())
    return std::nullopt;
  auto maps = generic.getIndexingMapsArray();
  if (!maps[x].isIdentity() || !maps.back().isIdentity())
    return std::nullopt;
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  Value y = body.getTerminator()->getOperand(0);
  Value v = body.getArgument(x);
  PostOps post;
  size_t i = 0;
  if (!ops.empty())
    if (auto add = dyn_cast<arith::AddFOp>(ops[0])) {
      Value other = add.getLhs() == v ? add.getRhs() : add.getRhs() == v ? add.getLhs()
                                                                          : Value();
      auto arg = dyn_cast_or_null<BlockArgument>(other);
      if (!arg || arg.getOwner() != &body || arg.getArgNumber() == x ||
          arg.getArgNumber() >= numInputs || !isChannelMap(maps[arg.getArgNumber()], channel))
        return std::nullopt;
      post.bias = arg.getArgNumber();
      v = add.getResult();
      i = 1;
    }
  if (i < ops.size()) {
    if (!isRelu(ArrayRef(ops).drop_front(i), v, y))
      return std::nullopt;
    post.activation = Activation::Relu;
  } else if (y != v) {
    return std::nullopt;
  }
  if (!post.bias && post.activation == Activation::None)
    return std::nullopt;
  // No input but the product and the bias (an unused one would be dropped silently).
  unsigned expected = (x < numInputs) + (post.bias ? 1 : 0);
  if (numInputs != expected)
    return std::nullopt;
  return post;
}

namespace {

/// The product's own zero fill right before it, when its init is a fill others share.
void unshareFill(RewriterBase &rewriter, linalg::LinalgOp product) {
  OpOperand *init = product.getDpsInitOperand(0);
  auto fill = init->get().getDefiningOp<linalg::FillOp>();
  if (!fill)
    return;
  // Its own fill goes right before it, where the call takes it for beta = 0.
  if (fill->getResult(0).hasOneUse()) {
    rewriter.moveOpBefore(fill, product);
    return;
  }
  rewriter.setInsertionPoint(product);
  Value dest = fill.getOutputs()[0];
  if (auto empty = dest.getDefiningOp<tensor::EmptyOp>())
    dest = rewriter.clone(*empty)->getResult(0);
  auto own = rewriter.create<linalg::FillOp>(fill.getLoc(), fill.getInputs()[0], dest);
  rewriter.modifyOpInPlace(product, [&] { init->set(own.getResult(0)); });
}

void rewriteInPlace(RewriterBase &rewriter, linalg::LinalgOp product,
                    linalg::GenericOp consumer, unsigned x, const ag::PostOps &post) {
  unshareFill(rewriter, product);
  Value result = product->getResult(0);
  auto maps = consumer.getIndexingMapsArray();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> newMaps;
  if (post.bias) {
    inputs.push_back(consumer.getDpsInputOperand(*post.bias)->get());
    newMaps.push_back(maps[*post.bias]);
  }
  newMaps.push_back(maps.back());
  rewriter.setInsertionPoint(consumer);
  auto inPlace = rewriter.create<linalg::GenericOp>(
      consumer.getLoc(), consumer->getResultTypes(), inputs, ValueRange{result}, newMaps,
      consumer.getIteratorTypesArray());
  rewriter.inlineRegionBefore(consumer.getRegion(), inPlace.getRegion(),
                              inPlace.getRegion().end());
  Block &body = inPlace.getRegion().front();
  BlockArgument out = body.getArguments().back();
  rewriter.replaceAllUsesWith(body.getArgument(x), out);
  // Keep the bias argument and the output argument, in that order.
  for (int i = body.getNumArguments() - 2; i >= 0; --i)
    if (!post.bias || unsigned(i) != *post.bias)
      body.eraseArgument(i);
  rewriter.replaceOp(consumer, inPlace->getResults());
}

struct OnednnPostOpsInPlacePass
    : ag::impl::AgOnednnPostOpsInPlaceBase<OnednnPostOpsInPlacePass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> products;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::Conv2DNchwFchwOp>(op) &&
          op->getNumResults() == 1 &&
          isa<RankedTensorType>(op->getResult(0).getType()) &&
          cast<RankedTensorType>(op->getResult(0).getType()).getElementType().isF32())
        products.push_back(cast<linalg::LinalgOp>(op));
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp product : products) {
      Value result = product->getResult(0);
      if (!result.hasOneUse())
        continue;
      OpOperand &use = *result.getUses().begin();
      auto consumer = dyn_cast<linalg::GenericOp>(use.getOwner());
      if (!consumer || consumer->getBlock() != product->getBlock() ||
          !consumer.isDpsInput(&use) || consumer->getResult(0).getType() != result.getType())
        continue;
      // The channel: N of a matmul's (M, N), C of a convolution's NCHW.
      std::optional<ag::PostOps> post =
          ag::matchPostOps(consumer, use.getOperandNumber(), /*channel=*/1);
      if (post)
        rewriteInPlace(rewriter, product, consumer, use.getOperandNumber(), *post);
    }
  }
};

} // namespace

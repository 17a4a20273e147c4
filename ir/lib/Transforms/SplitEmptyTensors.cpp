//===- SplitEmptyTensors.cpp - bounded alias sets for One-Shot Bufferize --===//
//
// One-Shot Bufferize decides in-place writes per alias set: each decision walks the
// reads and writes of every value in the set. CSE makes one tensor.empty per type the
// destination of every op of that type, so all of a function's elementwise ops of one
// shape share a set, and the analysis is quadratic (and worse) in the function's
// length. Splitting the uses into runs of a fixed size bounds the sets and makes the
// analysis linear; ops within a run can still write one buffer in place.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

#include <algorithm>

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGSPLITEMPTYTENSORS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct SplitEmptyTensorsPass
    : ag::impl::AgSplitEmptyTensorsBase<SplitEmptyTensorsPass> {
  using AgSplitEmptyTensorsBase::AgSplitEmptyTensorsBase;

  void runOnOperation() override {
    unsigned perEmpty = std::max(1u, unsigned(usesPerEmpty));
    // Runs of neighbouring users are what keeps the buffer sharing of short chains,
    // and use lists are in no particular order: number the ops in walk order once.
    SmallVector<tensor::EmptyOp> empties;
    DenseMap<Operation *, unsigned> position;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      position[op] = position.size();
      if (auto empty = dyn_cast<tensor::EmptyOp>(op))
        if (!empty->getResult(0).use_empty() && !empty->getResult(0).hasOneUse())
          empties.push_back(empty);
    });
    for (tensor::EmptyOp empty : empties) {
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : empty->getUses())
        uses.push_back(&use);
      if (uses.size() <= perEmpty)
        continue;
      llvm::sort(uses, [&](OpOperand *a, OpOperand *b) {
        unsigned x = position.lookup(a->getOwner()), y = position.lookup(b->getOwner());
        return x != y ? x < y : a->getOperandNumber() < b->getOperandNumber();
      });
      OpBuilder builder(empty);
      builder.setInsertionPointAfter(empty);
      for (size_t first = perEmpty; first < uses.size(); first += perEmpty) {
        Operation *copy = builder.clone(*empty);
        for (size_t i = first; i < std::min(uses.size(), first + perEmpty); ++i)
          uses[i]->set(copy->getResult(0));
      }
    }
  }
};

} // namespace

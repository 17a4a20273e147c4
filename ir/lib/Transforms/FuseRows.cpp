//===- FuseRows.cpp - row reductions and their consumers in one sweep ------===//
//
// A layer norm lowers to three sweeps over its (rows, columns) input: the lane sums of
// the mean, those of the squared deviations, and the normalising elementwise op, each a
// linalg.generic over all rows. Elementwise fusion cannot merge them (a reduction sits
// between), so a 16 MB input is read from memory three times. Every one of these ops is
// row-local: row i of its result needs only row i of its row-indexed operands. Such a
// chain runs block of rows by block of rows just as well: one scf.for over row blocks
// whose body holds every op of the chain on its block, so a block is read from memory
// once and re-read from cache by the later ops. Each reduction keeps its order within a
// row (only rows are split), so results are bit for bit those of the unfused chain.
//
// The chain: a root (a generic that some reduction feeds: a normalised array, or a
// row variance whose squared deviations read the input again) and, transitively, the
// generic/fill/collapse_shape producers of its row-indexed operands whose results no
// op outside the chain uses (an op with outside users stays outside, computed once).
// A generic is row-local when loop 0 is parallel and every indexing map either has d0
// as its first result and nowhere else or does not use d0 (a broadcast along rows).
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"
#include "RowIndexing.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SetVector.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGFUSEROWS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// Bytes of a row block of the widest row-indexed input: the block stays in L2 between
/// the chain's ops. Measured on 4096 x 1024 float32 layer norms/softmaxes (16 MiB, in
/// L3): 8-64 KiB blocks lose 5-15 % to the unblocked chain (per-block overhead),
/// 256 KiB gains ~15 %; on 16384 rows (64 MiB, beyond L3) blocking gains ~25 %.
constexpr int64_t kBlockBytes = 256 * 1024;

/// Whether `map` does not use loop 0 (the operand is the same for every row).
bool rowInvariant(AffineMap map) {
  return llvm::none_of(map.getResults(), [](AffineExpr e) { return e.isFunctionOfDim(0); });
}

/// The reassociation of a collapse_shape or expand_shape (no interface has it).
std::optional<SmallVector<ReassociationIndices>> reshapeGroups(Operation *op) {
  if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op))
    return collapse.getReassociationIndices();
  if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op))
    return expand.getReassociationIndices();
  return std::nullopt;
}

/// Whether `op` can run on a block of rows, and which of its operands are sliced to the
/// block (the rest are read whole).
bool isRowLocal(Operation *op, SmallVectorImpl<bool> *sliced = nullptr) {
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(fill.getResult(0).getType());
    if (!type || type.getRank() < 1)
      return false;
    if (sliced)
      sliced->assign({false, true});
    return true;
  }
  if (auto groups = reshapeGroups(op)) {
    // Row-local when dim 0 stays a group of its own (an argmax's rows as blocks of
    // lanes: [[0], [1, 2]]).
    if (groups->empty() || groups->front().size() != 1)
      return false;
    if (sliced) { // the source; an expand's dynamic output sizes are not rows
      sliced->assign(op->getNumOperands(), false);
      (*sliced)[0] = true;
    }
    return true;
  }
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || !generic.hasPureTensorSemantics() || generic.getNumLoops() == 0 ||
      generic.getIteratorTypesArray()[0] != utils::IteratorType::parallel)
    return false;
  if (sliced)
    sliced->clear();
  for (OpOperand &operand : generic->getOpOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(&operand);
    bool isInit = generic.isDpsInit(&operand);
    if (ag::rowIndexed(map)) {
      if (sliced)
        sliced->push_back(true);
    } else if (!isInit && rowInvariant(map)) {
      if (sliced)
        sliced->push_back(false);
    } else {
      return false;
    }
  }
  return true;
}

bool hasReduction(Operation *op) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  return generic && generic.getNumReductionLoops() > 0;
}

/// Whether `t` is a tensor of several rows of several values each, kBlockBytes or more
/// in all (or of sizes unknown while compiling).
bool largeRows(Type t) {
  auto type = dyn_cast<RankedTensorType>(t);
  if (!type || type.getRank() < 2 || type.getDimSize(0) == 1)
    return false;
  if (!type.hasStaticShape())
    return true;
  int64_t perRow = type.getNumElements() / std::max<int64_t>(type.getDimSize(0), 1);
  int64_t bytes = type.getNumElements() * std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
  return perRow > 1 && bytes >= kBlockBytes;
}

/// The chain of `root`, in block order; empty when fusing it gains nothing.
SmallVector<Operation *> chainOf(linalg::GenericOp root) {
  if (root->getNumResults() != 1 || !isRowLocal(root) ||
      cast<RankedTensorType>(root->getResult(0).getType()).getRank() < 1)
    return {};
  Block *block = root->getBlock();
  // Candidates: row-local producers of row-indexed operands, in the root's block.
  llvm::SetVector<Operation *> set;
  SmallVector<Operation *> work{root};
  set.insert(root);
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    SmallVector<bool> sliced;
    isRowLocal(op, &sliced);
    for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
      Operation *def = operand.getDefiningOp();
      // The root's init becomes the loop's destination: it stays outside.
      bool rootInit = op == root.getOperation() && i + 1 == op->getNumOperands();
      if (!sliced[i] || rootInit || !def || def->getBlock() != block ||
          set.contains(def) || !isRowLocal(def))
        continue;
      set.insert(def);
      work.push_back(def);
    }
  }
  // The root's init is the loop's destination, read whole: it stays outside even when
  // another op of the chain reads it too.
  if (Operation *def = root.getDpsInitOperand(0)->get().getDefiningOp())
    set.remove(def);
  // An op whose result is also used outside the chain stays outside (else it would run
  // twice); its producers then leave too unless the chain still uses them alone.
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation *op : SmallVector<Operation *>(set.begin(), set.end())) {
      if (op == root)
        continue;
      bool outside = llvm::any_of(op->getUsers(), [&](Operation *user) {
        return !set.contains(user);
      });
      if (outside) {
        set.remove(op);
        changed = true;
      }
    }
  }
  SmallVector<Operation *> chain(set.begin(), set.end());
  llvm::sort(chain, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  // Worth it only when a reduction feeds the root and either some input is read by
  // several ops of the chain (the repeated sweeps over memory) or an op before the root
  // makes a large intermediate of several rows (an argmin's lanes: 4096 x 1024 rows made
  // 2 x 1 MiB of them, written to memory and read back twice: 4.1 -> 1.5 ms).
  if (!llvm::any_of(chain, hasReduction))
    return {};
  if (llvm::any_of(chain, [&](Operation *op) {
        return op != root.getOperation() && llvm::any_of(op->getResultTypes(), largeRows);
      }))
    return chain;
  llvm::SmallDenseMap<Value, int> readers;
  bool shared = false;
  for (Operation *op : chain) {
    SmallVector<bool> sliced;
    isRowLocal(op, &sliced);
    llvm::SmallDenseSet<Value> seen;
    for (auto [operand, isSliced] : llvm::zip(op->getOperands(), sliced)) {
      Operation *def = operand.getDefiningOp();
      if (!isSliced || (def && set.contains(def)) || (def && isa<tensor::EmptyOp>(def)) ||
          !seen.insert(operand).second)
        continue;
      shared |= ++readers[operand] > 1;
    }
    // Tensors a body reads whole (tensor.extract in a gathered pairwise sum) count too.
    op->walk([&](Operation *inner) {
      if (inner == op)
        return;
      for (Value v : inner->getOperands())
        if (isa<RankedTensorType>(v.getType()) &&
            !op->isAncestor(v.getParentRegion()->getParentOp()) && seen.insert(v).second)
          shared |= ++readers[v] > 1;
    });
  }
  return shared ? chain : SmallVector<Operation *>{};
}

/// Rows per block for the chain: about kBlockBytes of its widest row-indexed input.
int64_t blockRows(ArrayRef<Operation *> chain) {
  int64_t rowBytes = 0;
  for (Operation *op : chain)
    for (Value v : op->getOperands()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || type.getRank() < 1)
        continue;
      int64_t bytes = std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
      for (int64_t d = 1; d < type.getRank(); ++d)
        bytes = type.isDynamicDim(d) ? ShapedType::kDynamic : bytes * type.getDimSize(d);
      if (ShapedType::isDynamic(bytes))
        return 8;
      rowBytes = std::max(rowBytes, bytes);
    }
  return std::clamp<int64_t>(kBlockBytes / std::max<int64_t>(rowBytes, 1), 1, 4096);
}

/// Rows [offset, offset + size) of `v`, whole in every other dim.
Value rowsOf(OpBuilder &b, Location loc, Value v, OpFoldResult offset, OpFoldResult size) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, v);
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  offsets[0] = offset;
  sizes[0] = size;
  return b.create<tensor::ExtractSliceOp>(loc, v, offsets, sizes, strides);
}

void fuse(linalg::GenericOp root, ArrayRef<Operation *> chain) {
  llvm::SmallPtrSet<Operation *, 16> inChain(chain.begin(), chain.end());
  Location loc = root.getLoc();
  IRRewriter b(root.getContext());
  b.setInsertionPoint(root);
  Value dest = root.getDpsInitOperand(0)->get();
  Value rows = b.create<tensor::DimOp>(loc, dest, 0);
  int64_t block = blockRows(chain);
  std::optional<int64_t> staticRows = getConstantIntValue(tensor::getMixedSizes(b, loc, dest)[0]);
  bool even = staticRows && *staticRows % block == 0;
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value step = b.create<arith::ConstantIndexOp>(loc, block);
  auto loop = b.create<scf::ForOp>(
      loc, zero, rows, step, ValueRange{dest},
      [&](OpBuilder &lb, Location ll, Value iv, ValueRange acc) {
        OpFoldResult size = lb.getIndexAttr(block);
        if (!even)
          size = lb.create<arith::MinSIOp>(ll, step, lb.create<arith::SubIOp>(ll, rows, iv))
                     .getResult();
        IRMapping map;
        // One slice per value and block, however many ops of the chain read it.
        llvm::SmallDenseMap<Value, Value> slices;
        for (Operation *op : chain) {
          SmallVector<bool> sliced;
          isRowLocal(op, &sliced);
          for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
            Operation *def = operand.getDefiningOp();
            if (!sliced[i] || (def && inChain.contains(def)))
              continue;
            Value tile;
            // An op of the chain that writes into the root's init (the exponentials of a
            // softmax, divided in place by their row sums) writes into the result's
            // block too, as it wrote into the whole result unfused. A fresh block per
            // iteration instead costs a third block of cache and an allocation each:
            // it made a 4096 x 1024 softmax 5 % slower than unfused instead of 10 %
            // faster.
            auto dps = dyn_cast<DestinationStyleOpInterface>(op);
            bool destInit = operand == dest && dps && dps.isDpsInit(&op->getOpOperand(i));
            if ((op == root.getOperation() && i == op->getNumOperands() - 1) || destInit) {
              tile = rowsOf(lb, ll, acc[0], iv, size);
            } else if (auto empty = dyn_cast_or_null<tensor::EmptyOp>(def)) {
              SmallVector<OpFoldResult> sizes = empty.getMixedSizes();
              sizes[0] = size;
              tile = lb.create<tensor::EmptyOp>(
                  ll, sizes, cast<RankedTensorType>(operand.getType()).getElementType());
            } else {
              Value &slice = slices[operand];
              if (!slice)
                slice = rowsOf(lb, ll, operand, iv, size);
              tile = slice;
            }
            map.map(operand, tile);
          }
          Operation *clone;
          if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
            // Its output sizes name the whole's rows: the block's are `size`.
            SmallVector<OpFoldResult> shape = getMixedValues(
                expand.getStaticOutputShape(), expand.getOutputShape(), lb);
            shape[0] = size;
            SmallVector<int64_t> staticShape;
            SmallVector<Value> dynamicShape;
            dispatchIndexOpFoldResults(shape, dynamicShape, staticShape);
            clone = lb.create<tensor::ExpandShapeOp>(
                ll, RankedTensorType::get(staticShape, expand.getResultType().getElementType()),
                map.lookup(expand.getSrc()), expand.getReassociationIndices(), shape);
          } else {
            clone = lb.clone(*op, map);
          }
          // Results take their block's type: a DPS op's result is typed as its init.
          if (auto dps = dyn_cast<DestinationStyleOpInterface>(clone)) {
            for (auto [res, init] : llvm::zip(clone->getResults(), dps.getDpsInits()))
              res.setType(init.getType());
          } else if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(clone)) {
            collapse.getResult().setType(tensor::CollapseShapeOp::inferCollapsedType(
                cast<RankedTensorType>(collapse.getSrc().getType()),
                collapse.getReassociationMaps()));
          }
          // linalg.index 0 counts rows of the block: the row in the whole is iv more.
          if (auto generic = dyn_cast<linalg::GenericOp>(clone)) {
            SmallVector<linalg::IndexOp> indices;
            generic.getRegion().walk([&](linalg::IndexOp index) {
              if (index.getDim() == 0)
                indices.push_back(index);
            });
            for (linalg::IndexOp index : indices) {
              OpBuilder ib(index->getContext());
              ib.setInsertionPointAfter(index);
              Value whole = ib.create<arith::AddIOp>(index.getLoc(), index, iv);
              index.getResult().replaceAllUsesExcept(whole, whole.getDefiningOp());
            }
          }
          map.map(op->getResults(), clone->getResults());
        }
        Value tile = map.lookup(root->getResult(0));
        auto type = cast<RankedTensorType>(acc[0].getType());
        SmallVector<OpFoldResult> offsets(type.getRank(), lb.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(lb, ll, tile);
        SmallVector<OpFoldResult> strides(type.getRank(), lb.getIndexAttr(1));
        offsets[0] = iv;
        Value whole =
            lb.create<tensor::InsertSliceOp>(ll, tile, acc[0], offsets, sizes, strides);
        lb.create<scf::YieldOp>(ll, whole);
      });
  // Blocks of rows are independent: ag-parallel-loops may run them on several threads
  // (the attribute outlives bufferization, which the loop's tensors do not).
  loop->setAttr(ag::kIndependentIterationsAttr, b.getUnitAttr());
  Value result = loop.getResult(0);
  if (result.getType() != root->getResult(0).getType())
    result = b.create<tensor::CastOp>(loc, root->getResult(0).getType(), result);
  b.replaceAllUsesWith(root->getResult(0), result);
  for (Operation *op : llvm::reverse(chain))
    b.eraseOp(op);
}

struct FuseRowsPass : ag::impl::AgFuseRowsBase<FuseRowsPass> {
  void runOnOperation() override {
    // Roots from the last op backwards: a fused root's producers are gone before
    // they could be taken for roots themselves.
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    llvm::SmallPtrSet<Operation *, 32> erased;
    for (linalg::GenericOp root : llvm::reverse(generics)) {
      if (erased.contains(root))
        continue;
      SmallVector<Operation *> chain = chainOf(root);
      if (chain.empty())
        continue;
      for (Operation *op : chain)
        erased.insert(op);
      fuse(root, chain);
    }
  }
};

} // namespace

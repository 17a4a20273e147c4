//===- LibraryCalls.cpp - Shared steps of linalg-to-library-call passes ---===//

#include "ag/Conversion/LibraryCalls.h"

#include "ag/Abi/ag_abi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace {

/// Whether `fill` writes a floating-point zero.
bool isZeroFill(linalg::FillOp fill) {
  auto cst = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
  auto f = cst ? dyn_cast<FloatAttr>(cst.getValue()) : FloatAttr();
  return f && f.getValue().isZero();
}

/// Whether `buffer` (an alloc) holds zeros wherever it is read: its only writer is a
/// zero fill, everything else copies out of it or frees it.
bool isZeroBuffer(Value buffer) {
  if (!buffer.getDefiningOp<memref::AllocOp>())
    return false;
  int fills = 0;
  for (OpOperand &use : buffer.getUses()) {
    Operation *user = use.getOwner();
    if (auto fill = dyn_cast<linalg::FillOp>(user); fill && isZeroFill(fill) &&
                                                    fill.getOutputs()[0] == buffer) {
      ++fills;
      continue;
    }
    if (auto copy = dyn_cast<memref::CopyOp>(user); copy && copy.getSource() == buffer)
      continue;
    if (!isa<memref::DeallocOp>(user))
      return false;
  }
  return fills == 1;
}

} // namespace

bool mlir::ag::takeZeroFill(Operation *op, Value output) {
  Operation *prev = op->getPrevNode();
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(prev)) {
    if (fill.getOutputs()[0] != output || !isZeroFill(fill))
      return false;
    fill.erase();
    return true;
  }
  // In a staged loop the zero-filled init is hoisted before the loop and copied into
  // each iteration's output; the product overwriting the output makes the copy moot.
  if (auto copy = dyn_cast_or_null<memref::CopyOp>(prev)) {
    Value zeros = copy.getSource();
    if (copy.getTarget() != output || !isZeroBuffer(zeros))
      return false;
    copy.erase();
    // The last copy gone, the zero buffer is dead.
    if (llvm::none_of(zeros.getUsers(), [](Operation *u) { return isa<memref::CopyOp>(u); })) {
      for (Operation *user : llvm::make_early_inc_range(zeros.getUsers()))
        user->erase();
      zeros.getDefiningOp()->erase();
    }
    return true;
  }
  return false;
}

Value ag::rootBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      break;
    v = view.getViewSource();
  }
  return v;
}

namespace {

/// Whether `op` (not its regions) may write or free the buffer `root`. Writes into
/// buffers allocated in the function are harmless unless they are `root`; any other
/// write (to an argument that may alias it, through an unknown call) counts.
bool mayWrite(Operation *op, Value root) {
  auto harmless = [&](Value written) {
    Value r = ag::rootBuffer(written);
    return r != root && r.getDefiningOp<memref::AllocOp>();
  };
  if (isMemoryEffectFree(op) || op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
    return false; // nested ops are visited on their own
  // An earlier product this pass or its sibling already replaced: the kernels of
  // ag_abi.h write their third operand only.
  if (auto call = dyn_cast<func::CallOp>(op)) {
    StringRef callee = call.getCallee();
    bool kernel =
        callee.starts_with(AG_ABI_BLAS_PREFIX) || callee.starts_with(AG_ABI_ONEDNN_PREFIX);
    return !(kernel && call.getNumOperands() > 2 && harmless(call.getOperand(2)));
  }
  auto iface = dyn_cast<MemoryEffectOpInterface>(op);
  if (!iface)
    return true;
  SmallVector<MemoryEffects::EffectInstance> effects;
  iface.getEffects(effects);
  // Ownership-based deallocation never frees a function argument: a free can only end
  // such a source's life if it names the source itself.
  auto arg = dyn_cast<BlockArgument>(root);
  bool rootIsParameter = arg && isa<func::FuncOp>(arg.getOwner()->getParentOp());
  for (const auto &e : effects) {
    bool isFree = isa<MemoryEffects::Free>(e.getEffect());
    if (!isFree && !isa<MemoryEffects::Write>(e.getEffect()))
      continue;
    if (!e.getValue())
      return true;
    if (harmless(e.getValue()) ||
        (isFree && rootIsParameter && ag::rootBuffer(e.getValue()) != root))
      continue;
    return true;
  }
  return false;
}

/// Whether nothing after `from` up to `reader` (which is in `from`'s block or nested in
/// an op there) may write `root`: the ops in between, and everything nested in the op
/// that holds `reader` (a loop around it runs all of its body between two reads).
bool unchangedUntil(Operation *from, Operation *reader, Value root) {
  Operation *holder = from->getBlock()->findAncestorOpInBlock(*reader);
  if (!holder || !from->isBeforeInBlock(holder))
    return false;
  for (Operation *op = from->getNextNode(); op != holder; op = op->getNextNode())
    if (op->walk([&](Operation *o) {
              return mayWrite(o, root) ? WalkResult::interrupt() : WalkResult::advance();
            }).wasInterrupted())
      return false;
  if (holder == reader)
    return true;
  return !holder
              ->walk([&](Operation *o) {
                return o != holder && mayWrite(o, root) ? WalkResult::interrupt()
                                                        : WalkResult::advance();
              })
              .wasInterrupted();
}

bool isProduct(Operation *op) {
  return isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatvecOp, linalg::VecmatOp>(
      op);
}

} // namespace

void mlir::ag::readTransposesThroughViews(Operation *op) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  for (OpOperand *input : linalgOp.getDpsInputOperands()) {
    Value buffer = input->get();
    auto alloc = buffer.getDefiningOp<memref::AllocOp>();
    if (!alloc)
      continue;
    // The copy's users: one transpose filling it, products reading it (this one, others
    // in the same block or in loops after it: a transposed weight hoisted out of a
    // staged loop), deallocs.
    linalg::TransposeOp transpose;
    SmallVector<OpOperand *> reads;
    bool ok = true;
    for (OpOperand &use : buffer.getUses()) {
      Operation *user = use.getOwner();
      auto t = dyn_cast<linalg::TransposeOp>(user);
      if (t && !transpose && t.getInit() == buffer)
        transpose = t;
      else if (isProduct(user) &&
               cast<linalg::LinalgOp>(user).isDpsInput(&use))
        reads.push_back(&use);
      else if (!isa<memref::DeallocOp>(user))
        ok = false;
    }
    if (!ok || !transpose)
      continue;
    Value source = transpose.getInput(), root = ag::rootBuffer(source);
    // Nor may a product write it: bufferization may have given the product's output the
    // buffer of the transpose's source once the copy was made (its last read), and a
    // view of it would then be read while the product overwrites it.
    if (!llvm::all_of(reads, [&](OpOperand *read) {
          auto product = cast<linalg::LinalgOp>(read->getOwner());
          return unchangedUntil(transpose, product, root) &&
                 llvm::none_of(product.getDpsInits(),
                               [&](Value out) { return ag::rootBuffer(out) == root; });
        }))
      continue;
    OpBuilder b(transpose);
    auto perm = AffineMap::getPermutationMap(transpose.getPermutation(), b.getContext());
    Value view = b.create<memref::TransposeOp>(transpose.getLoc(), source,
                                               AffineMapAttr::get(perm));
    for (OpOperand *read : reads)
      read->set(view);
    for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
      user->erase();
    alloc.erase();
  }
}

//===- LibraryCalls.cpp - Shared steps of linalg-to-library-call passes ---===//

#include "ag/Conversion/LibraryCalls.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

bool mlir::ag::takeZeroFill(Operation *op, Value output) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  if (!fill || fill.getOutputs()[0] != output)
    return false;
  auto cst = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
  if (!cst)
    return false;
  auto f = dyn_cast<FloatAttr>(cst.getValue());
  if (!f || !f.getValue().isZero())
    return false;
  fill.erase();
  return true;
}

namespace {

/// The buffer `v` is a view of (through subviews, casts, reshapes, transposes).
Value rootBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      break;
    v = view.getViewSource();
  }
  return v;
}

/// Whether no op strictly between `from` and `to` (same block) may write or free the
/// buffer `root`. Writes into buffers allocated in the function are harmless unless
/// they are `root`; any other write (to an argument that may alias it, through a call,
/// inside a loop) counts as one.
bool noWritesBetween(Operation *from, Operation *to, Value root) {
  auto harmless = [&](Value written) {
    Value r = rootBuffer(written);
    return r != root && r.getDefiningOp<memref::AllocOp>();
  };
  for (Operation *op = from->getNextNode(); op && op != to; op = op->getNextNode()) {
    if (isMemoryEffectFree(op))
      continue;
    // An earlier product this pass or its sibling already replaced: the kernels of
    // ag_abi.h write their third operand only.
    if (auto call = dyn_cast<func::CallOp>(op)) {
      StringRef callee = call.getCallee();
      if ((callee.starts_with("ag_blas_") || callee.starts_with("ag_onednn_")) &&
          call.getNumOperands() > 2 && harmless(call.getOperand(2)))
        continue;
      return false;
    }
    auto iface = dyn_cast<MemoryEffectOpInterface>(op);
    if (!iface || op->getNumRegions() != 0)
      return false;
    SmallVector<MemoryEffects::EffectInstance> effects;
    iface.getEffects(effects);
    for (const auto &e : effects) {
      if (!isa<MemoryEffects::Write, MemoryEffects::Free>(e.getEffect()))
        continue;
      Value written = e.getValue();
      if (!written)
        return false;
      if (!harmless(written))
        return false;
    }
  }
  return true;
}

} // namespace

void mlir::ag::readTransposesThroughViews(Operation *op) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  for (OpOperand *input : linalgOp.getDpsInputOperands()) {
    Value buffer = input->get();
    auto alloc = buffer.getDefiningOp<memref::AllocOp>();
    if (!alloc)
      continue;
    linalg::TransposeOp transpose;
    bool onlyDeallocs = true;
    for (Operation *user : buffer.getUsers()) {
      if (user == op || isa<memref::DeallocOp>(user))
        continue;
      auto t = dyn_cast<linalg::TransposeOp>(user);
      if (t && !transpose && t.getInit() == buffer) {
        transpose = t;
        continue;
      }
      onlyDeallocs = false;
    }
    if (!transpose || !onlyDeallocs || transpose->getBlock() != op->getBlock() ||
        !transpose->isBeforeInBlock(op))
      continue;
    Value source = transpose.getInput();
    if (!noWritesBetween(transpose, op, rootBuffer(source)))
      continue;
    OpBuilder b(op);
    auto perm = AffineMap::getPermutationMap(transpose.getPermutation(), b.getContext());
    Value view = b.create<memref::TransposeOp>(op->getLoc(), source,
                                               AffineMapAttr::get(perm));
    // `x.T @ x.T` reads the copy twice: both operands take the view.
    for (OpOperand &use : op->getOpOperands())
      if (use.get() == buffer)
        use.set(view);
    for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
      user->erase();
    alloc.erase();
  }
}

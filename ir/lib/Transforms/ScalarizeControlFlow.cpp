//===- ScalarizeControlFlow.cpp - 0-d values across region boundaries -----===//
//
// numpy scalars are 0-d tensors in the ag dialect. Inside a region, a chain of scalar
// ops lowers to plain arithmetic (buildElementwise), but a 0-d tensor crossing a region
// boundary would be bufferized into a heap buffer per iteration. ag-scalarize-control-flow
// passes 0-d scf.if results, scf.for iter_args and scf.while arguments as scalars (a
// staged scalar loop allocates nothing), selects between 0-d values as scalars, and
// tests the 0-d condition of an ag.assert as a scalar. (Calls: ag-prepare-recursion.)
//
//===----------------------------------------------------------------------===//

#include "ScalarTensors.h"

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGSCALARIZECONTROLFLOW
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;
using mlir::ag::isScalarTensor;

namespace {

/// `v` (0-d tensor) as a scalar, extracted right before `user`.
Value extractBefore(Operation *user, Value v) {
  OpBuilder b(user);
  return b.create<tensor::ExtractOp>(user->getLoc(), v, ValueRange{});
}

/// Gives `v` (a block argument or op result of 0-d tensor type) its element type and
/// rewraps it for its users, at `b`'s insertion point.
void scalarizeValue(Value v, OpBuilder &b) {
  Type tensorType = v.getType();
  v.setType(cast<RankedTensorType>(tensorType).getElementType());
  auto wrapped = b.create<tensor::FromElementsOp>(v.getLoc(), tensorType, ValueRange{v});
  v.replaceAllUsesExcept(wrapped, wrapped);
}

void scalarizeResult(Operation *op, unsigned i) {
  OpBuilder b(op->getContext());
  b.setInsertionPointAfter(op);
  scalarizeValue(op->getResult(i), b);
}

void scalarizeBlockArgument(Block &block, unsigned i) {
  OpBuilder b = OpBuilder::atBlockBegin(&block);
  scalarizeValue(block.getArgument(i), b);
}

void scalarizeOperand(Operation *user, unsigned i) {
  user->setOperand(i, extractBefore(user, user->getOperand(i)));
}

void scalarize(scf::IfOp op) {
  for (unsigned i = 0, e = op->getNumResults(); i < e; ++i) {
    if (!isScalarTensor(op->getResult(i).getType()))
      continue;
    scalarizeOperand(op.thenYield(), i);
    scalarizeOperand(op.elseYield(), i);
    scalarizeResult(op, i);
  }
}

void scalarize(scf::ForOp op) {
  unsigned first = op.getNumControlOperands();
  for (unsigned i = 0, e = op.getNumRegionIterArgs(); i < e; ++i) {
    if (!isScalarTensor(op.getInitArgs()[i].getType()))
      continue;
    scalarizeOperand(op, first + i);
    scalarizeBlockArgument(*op.getBody(), op.getNumInductionVars() + i);
    scalarizeOperand(op.getBody()->getTerminator(), i);
    scalarizeResult(op, i);
  }
}

void scalarize(scf::WhileOp op) {
  // Before-region arguments pair with the inits and the body's yield; after-region
  // arguments with the condition's values and the results.
  for (unsigned i = 0, e = op.getBeforeArguments().size(); i < e; ++i) {
    if (!isScalarTensor(op.getBeforeArguments()[i].getType()))
      continue;
    scalarizeOperand(op, i);
    scalarizeBlockArgument(op.getBefore().front(), i);
    scalarizeOperand(op.getYieldOp(), i);
  }
  scf::ConditionOp condition = op.getConditionOp();
  for (unsigned i = 0, e = op.getAfterArguments().size(); i < e; ++i) {
    if (!isScalarTensor(op.getAfterArguments()[i].getType()))
      continue;
    scalarizeOperand(condition, i + 1); // operand 0 is the condition itself
    scalarizeBlockArgument(op.getAfter().front(), i);
    scalarizeResult(op, i);
  }
}

/// A select of two 0-d tensors (the canonicalizer's form of an scf.if that only picks
/// one of two values, `longest = steps if steps > longest else longest`) would be a
/// select of two heap buffers, each allocated, written and freed per iteration.
void scalarize(arith::SelectOp op) {
  if (!isScalarTensor(op.getType()) || isa<ShapedType>(op.getCondition().getType()))
    return;
  scalarizeOperand(op, 1);
  scalarizeOperand(op, 2);
  scalarizeResult(op, 0);
}

/// `ag.assert %c` on a computed 0-d condition: bufferization would give %c a heap
/// buffer each time the assert runs (a bounds check in a loop: one per iteration).
/// Tested as a scalar instead, the assert itself only runs where it fails, on a
/// constant false.
void scalarizeAssert(Operation *assertOp) {
  Value condition = assertOp->getOperand(0);
  auto type = dyn_cast<RankedTensorType>(condition.getType());
  if (!type || type.getRank() != 0 || condition.getDefiningOp<arith::ConstantOp>())
    return;
  OpBuilder b(assertOp);
  Location loc = assertOp->getLoc();
  Value ok = b.create<tensor::ExtractOp>(loc, condition, ValueRange{});
  Value failed = b.create<arith::XOrIOp>(loc, ok, b.create<arith::ConstantIntOp>(loc, 1, 1));
  auto ifOp = b.create<scf::IfOp>(loc, failed, /*withElseRegion=*/false);
  b.setInsertionPointToStart(ifOp.thenBlock());
  Value no = b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, false));
  Operation *fail = b.clone(*assertOp);
  fail->setOperand(0, no);
  assertOp->erase();
}

struct AgScalarizeControlFlowPass
    : public ag::impl::AgScalarizeControlFlowBase<AgScalarizeControlFlowPass> {
  void runOnOperation() override {
    SmallVector<Operation *> asserts;
    getOperation()->walk([&](Operation *op) {
      if (auto ifOp = dyn_cast<scf::IfOp>(op))
        scalarize(ifOp);
      else if (auto forOp = dyn_cast<scf::ForOp>(op))
        scalarize(forOp);
      else if (auto whileOp = dyn_cast<scf::WhileOp>(op))
        scalarize(whileOp);
      else if (auto select = dyn_cast<arith::SelectOp>(op))
        scalarize(select);
      else if (op->getName().getStringRef() == "ag.assert")
        asserts.push_back(op);
    });
    for (Operation *op : asserts)
      scalarizeAssert(op);
  }
};

} // namespace

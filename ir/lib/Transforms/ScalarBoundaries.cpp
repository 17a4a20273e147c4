//===- ScalarBoundaries.cpp - 0-d values across regions and calls ---------===//
//
// numpy scalars are 0-d tensors in the ag dialect. Inside a region, a chain of scalar
// ops lowers to plain arithmetic (buildElementwise), but a 0-d tensor crossing a region
// or call boundary would be bufferized into a heap buffer per iteration or call. Here:
//
// * ag-scalarize-control-flow passes 0-d scf.if results, scf.for iter_args and scf.while
//   arguments as scalars (a staged scalar loop allocates nothing), selects between 0-d
//   values as scalars, and tests the 0-d condition of an ag.assert as a scalar;
// * staged recursion (`def fib(n): ... fib(n - 1) ...` on a staged n) is recorded as
//   func.func + func.call cycles. One-Shot Bufferize in MLIR 19 orders functions by their
//   call graph and rejects cycles, so ag-prepare-recursion hides the cycles behind
//   body-less declarations before bufferization (and passes 0-d values by value) and
//   ag-resolve-recursion restores them afterwards.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGSCALARIZECONTROLFLOW
#define GEN_PASS_DEF_AGPREPARERECURSION
#define GEN_PASS_DEF_AGRESOLVERECURSION
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

constexpr StringLiteral kRecursive = "ag.recursive";
constexpr StringLiteral kTarget = "ag.recursive_target";

bool isScalarTensor(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return tensor && tensor.getRank() == 0;
}

Type scalarized(Type t) {
  return isScalarTensor(t) ? cast<RankedTensorType>(t).getElementType() : t;
}

/// Rewrites `fn`'s 0-d tensor arguments and results as scalars (its body keeps working
/// on tensors: from_elements at entry, extract before each return).
void scalarizeSignature(func::FuncOp fn) {
  Block &entry = fn.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  for (BlockArgument arg : entry.getArguments()) {
    if (!isScalarTensor(arg.getType()))
      continue;
    Type tensorType = arg.getType();
    arg.setType(scalarized(tensorType));
    auto wrapped = b.create<tensor::FromElementsOp>(arg.getLoc(), tensorType, ValueRange{arg});
    arg.replaceAllUsesExcept(wrapped, wrapped);
  }
  fn.walk([&](func::ReturnOp ret) {
    OpBuilder rb(ret);
    for (OpOperand &operand : ret->getOpOperands())
      if (isScalarTensor(operand.get().getType()))
        operand.set(rb.create<tensor::ExtractOp>(ret.getLoc(), operand.get(), ValueRange{}));
  });
  SmallVector<Type> inputs, results;
  for (Type t : fn.getArgumentTypes())
    inputs.push_back(scalarized(t));
  for (Type t : fn.getResultTypes())
    results.push_back(scalarized(t));
  fn.setFunctionType(FunctionType::get(fn.getContext(), inputs, results));
}

/// Replaces `call` by a call of `callee` (scalarized signature) converting 0-d tensors.
void rewriteCall(func::CallOp call, func::FuncOp callee) {
  OpBuilder b(call);
  SmallVector<Value> args;
  for (Value v : call.getOperands()) {
    if (isScalarTensor(v.getType())) {
      args.push_back(b.create<tensor::ExtractOp>(call.getLoc(), v, ValueRange{}));
    } else if (auto t = dyn_cast<RankedTensorType>(v.getType())) {
      // A fresh copy: the declaration's stand-in body does not show what the function
      // reads or writes, so no other op may share the buffer (a slice's strided buffer
      // also becomes the identity layout the function takes). A copy takes its sizes
      // from `v`, dynamic ones included.
      args.push_back(
          b.create<bufferization::AllocTensorOp>(call.getLoc(), t, ValueRange{}, /*copy=*/v));
    } else {
      args.push_back(v);
    }
  }
  auto replacement = b.create<func::CallOp>(call.getLoc(), callee, args);
  for (auto [old, now] : llvm::zip(call.getResults(), replacement.getResults())) {
    Value v = now;
    if (old.getType() != now.getType())
      v = b.create<tensor::FromElementsOp>(call.getLoc(), old.getType(), ValueRange{now});
    old.replaceAllUsesWith(v);
  }
  call.erase();
}

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

struct AgPrepareRecursionPass
    : public ag::impl::AgPrepareRecursionBase<AgPrepareRecursionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    llvm::DenseMap<StringAttr, func::FuncOp> declarations;
    SmallVector<func::FuncOp> recursive;
    for (auto fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr(kRecursive) && !fn.isExternal())
        recursive.push_back(fn);
    for (func::FuncOp fn : recursive) {
      scalarizeSignature(fn);
      OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
      auto decl = b.create<func::FuncOp>(fn.getLoc(), fn.getName().str() + ".recursive_call",
                                         fn.getFunctionType());
      decl.setPrivate();
      decl->setAttr(kTarget, FlatSymbolRefAttr::get(fn.getNameAttr()));
      // One-Shot Bufferize cannot bufferize a body-less function returning tensors: a
      // stand-in body returns new tensors (what the real function returns, as far as
      // the caller's buffers are concerned; operands are fresh copies, rewriteCall).
      // The stand-in never runs: a dynamic dim of its result may be any size (0).
      if (llvm::any_of(decl.getResultTypes(), [](Type t) { return isa<TensorType>(t); })) {
        OpBuilder body = OpBuilder::atBlockBegin(decl.addEntryBlock());
        SmallVector<Value> results;
        for (Type t : decl.getResultTypes()) {
          if (auto tensor = dyn_cast<RankedTensorType>(t)) {
            SmallVector<Value> sizes(tensor.getNumDynamicDims(),
                                     body.create<arith::ConstantIndexOp>(decl.getLoc(), 0));
            results.push_back(body.create<bufferization::AllocTensorOp>(
                decl.getLoc(), tensor, sizes));
          } else {
            results.push_back(body.create<arith::ConstantOp>(
                decl.getLoc(), t, body.getZeroAttr(t)));
          }
        }
        body.create<func::ReturnOp>(decl.getLoc(), results);
      }
      symbols.insert(decl);
      declarations[fn.getNameAttr()] = decl;
    }
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) {
      if (declarations.count(call.getCalleeAttr().getAttr()))
        calls.push_back(call);
    });
    for (func::CallOp call : calls)
      rewriteCall(call, declarations[call.getCalleeAttr().getAttr()]);
  }
};

struct AgResolveRecursionPass
    : public ag::impl::AgResolveRecursionBase<AgResolveRecursionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> declarations;
    for (auto fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr(kTarget))
        declarations.push_back(fn);
    for (func::FuncOp decl : declarations) {
      auto targetName = decl->getAttrOfType<FlatSymbolRefAttr>(kTarget);
      auto target = module.lookupSymbol<func::FuncOp>(targetName);
      if (!target || target.getFunctionType() != decl.getFunctionType()) {
        decl.emitError("recursive function ")
            << targetName << " was bufferized to a different signature than its calls";
        return signalPassFailure();
      }
      if (failed(SymbolTable::replaceAllSymbolUses(decl, targetName.getAttr(), module)))
        return signalPassFailure();
      decl.erase();
    }
  }
};

} // namespace

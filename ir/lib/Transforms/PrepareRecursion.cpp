//===- PrepareRecursion.cpp - Recursion hidden from One-Shot Bufferize ----===//
//
// Staged recursion (`def fib(n): ... fib(n - 1) ...` on a staged n) is recorded as
// func.func + func.call cycles. One-Shot Bufferize in MLIR 19 orders functions by their
// call graph and rejects cycles, so ag-prepare-recursion hides the cycles behind
// body-less declarations before bufferization (and passes 0-d values by value, so that
// a recursive call allocates nothing); ag-resolve-recursion restores them afterwards.
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
#define GEN_PASS_DEF_AGPREPARERECURSION
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;
using mlir::ag::isScalarTensor;
using mlir::ag::kRecursiveAttr;
using mlir::ag::kRecursiveTargetAttr;

namespace {

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

struct AgPrepareRecursionPass
    : public ag::impl::AgPrepareRecursionBase<AgPrepareRecursionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    llvm::DenseMap<StringAttr, func::FuncOp> declarations;
    SmallVector<func::FuncOp> recursive;
    for (auto fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr(kRecursiveAttr) && !fn.isExternal())
        recursive.push_back(fn);
    for (func::FuncOp fn : recursive) {
      scalarizeSignature(fn);
      OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
      auto decl = b.create<func::FuncOp>(fn.getLoc(), fn.getName().str() + ".recursive_call",
                                         fn.getFunctionType());
      decl.setPrivate();
      decl->setAttr(kRecursiveTargetAttr, FlatSymbolRefAttr::get(fn.getNameAttr()));
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

} // namespace

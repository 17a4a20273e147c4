//===- RecursiveCalls.cpp - staged recursion through bufferization --------===//
//
// Staged recursion (`def fib(n): ... fib(n - 1) ...` on a staged n) is recorded as
// func.func + func.call cycles. One-Shot Bufferize in MLIR 19 orders functions by their
// call graph and rejects cycles, so ag-prepare-recursion hides the cycles behind body-less
// declarations before bufferization and ag-resolve-recursion restores them afterwards.
// Scalars (0-d tensors) cross recursive calls by value: a call allocates nothing.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir {
namespace ag {
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
  for (Value v : call.getOperands())
    args.push_back(isScalarTensor(v.getType())
                       ? b.create<tensor::ExtractOp>(call.getLoc(), v, ValueRange{})
                       : v);
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
      if (fn->hasAttr(kRecursive) && !fn.isExternal())
        recursive.push_back(fn);
    for (func::FuncOp fn : recursive) {
      scalarizeSignature(fn);
      OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
      auto decl = b.create<func::FuncOp>(fn.getLoc(), fn.getName().str() + ".recursive_call",
                                         fn.getFunctionType());
      decl.setPrivate();
      decl->setAttr(kTarget, FlatSymbolRefAttr::get(fn.getNameAttr()));
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

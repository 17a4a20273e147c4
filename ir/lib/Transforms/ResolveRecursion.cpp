//===- ResolveRecursion.cpp - Recursive calls back at their functions -----===//
//
// After One-Shot Bufferize: calls to the declarations ag-prepare-recursion made call
// their functions again (both were bufferized to the same signature), and the
// declarations go.
//
//===----------------------------------------------------------------------===//

#include "ScalarTensors.h"

#include "ag/Transforms/Passes.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGRESOLVERECURSION
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;
using mlir::ag::kRecursiveTargetAttr;

namespace {

struct AgResolveRecursionPass
    : public ag::impl::AgResolveRecursionBase<AgResolveRecursionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> declarations;
    for (auto fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr(kRecursiveTargetAttr))
        declarations.push_back(fn);
    for (func::FuncOp decl : declarations) {
      auto targetName = decl->getAttrOfType<FlatSymbolRefAttr>(kRecursiveTargetAttr);
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

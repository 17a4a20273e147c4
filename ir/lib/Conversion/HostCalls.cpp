//===- HostCalls.cpp - Declaring the host functions compiled code calls ---===//

#include "ag/Conversion/HostCalls.h"

#include "mlir/IR/Builders.h"

using namespace mlir;

func::FuncOp mlir::ag::declareHostFunction(ModuleOp module, StringRef name,
                                           TypeRange inputs, TypeRange results) {
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  auto f = b.create<func::FuncOp>(module.getLoc(), name,
                                  b.getFunctionType(inputs, results));
  f.setPrivate();
  f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  return f;
}

//===- HostCalls.h - Declaring the host functions compiled code calls -*- C++ -*-===//
//
// Passes that emit calls into the C ABI of ag/Abi/ag_abi.h (oneDNN kernels, the
// runtime's print/failure callbacks) declare their callees the same way.
//
//===----------------------------------------------------------------------===//

#ifndef AG_CONVERSION_HOSTCALLS_H
#define AG_CONVERSION_HOSTCALLS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir {
namespace ag {

/// Declares `name` (once per module) as a private function taking `inputs`, returning
/// `results` (nothing by default), with `llvm.emit_c_interface` so the JIT looks up
/// `_mlir_ciface_<name>`.
func::FuncOp declareHostFunction(ModuleOp module, StringRef name, TypeRange inputs,
                                 TypeRange results = {});

} // namespace ag
} // namespace mlir

#endif // AG_CONVERSION_HOSTCALLS_H

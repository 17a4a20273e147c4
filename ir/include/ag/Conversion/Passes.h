//===- Passes.h - ag conversion passes --------------------------*- C++ -*-===//
//
// Declarations generated from Passes.td (create*Pass functions and registration).
//
//===----------------------------------------------------------------------===//

#ifndef AG_CONVERSION_PASSES_H
#define AG_CONVERSION_PASSES_H

#include "ag/IR/AgDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace ag {

#define GEN_PASS_DECL
#include "ag/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ag/Conversion/Passes.h.inc"

} // namespace ag
} // namespace mlir

#endif // AG_CONVERSION_PASSES_H

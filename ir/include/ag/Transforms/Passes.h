//===- Passes.h - ag transform passes ---------------------------*- C++ -*-===//
//
// Declarations generated from Passes.td (create*Pass functions and registration).
//
//===----------------------------------------------------------------------===//

#ifndef AG_TRANSFORMS_PASSES_H
#define AG_TRANSFORMS_PASSES_H

#include "ag/Abi/ag_abi.h"
#include "ag/IR/AgDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace ag {

/// The unit attribute on an scf.for whose iterations are independent (each writes its
/// own part of memory and reads nothing another writes): set by ag-fuse-rows on its
/// loops over row blocks, read by ag-parallel-loops.
inline constexpr llvm::StringLiteral kIndependentIterationsAttr = "ag.independent_iterations";

#define GEN_PASS_DECL
#include "ag/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ag/Transforms/Passes.h.inc"

} // namespace ag
} // namespace mlir

#endif // AG_TRANSFORMS_PASSES_H

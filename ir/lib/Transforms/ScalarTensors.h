//===- ScalarTensors.h - Shared by the scalarizing transforms ---*- C++ -*-===//
//
// What ag-scalarize-control-flow, ag-prepare-recursion and ag-resolve-recursion share:
// the test for a numpy scalar (a 0-d tensor) and the attributes of staged recursion.
//
//===----------------------------------------------------------------------===//

#ifndef AG_LIB_TRANSFORMS_SCALARTENSORS_H
#define AG_LIB_TRANSFORMS_SCALARTENSORS_H

#include "mlir/IR/BuiltinTypes.h"

namespace mlir {
namespace ag {

/// Marks a function the staging runtime records for staged recursion.
constexpr StringLiteral kRecursiveAttr = "ag.recursive";
/// On the declaration ag-prepare-recursion makes: the function it stands for.
constexpr StringLiteral kRecursiveTargetAttr = "ag.recursive_target";

/// Whether `t` is a 0-d tensor (a numpy scalar).
inline bool isScalarTensor(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return tensor && tensor.getRank() == 0;
}

} // namespace ag
} // namespace mlir

#endif // AG_LIB_TRANSFORMS_SCALARTENSORS_H

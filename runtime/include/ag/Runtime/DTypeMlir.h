//===- DTypeMlir.h - numpy dtypes as MLIR element types ---------*- C++ -*-===//
//
// The compiler's half of HostArray.h's DType (HostArray.h stays free of MLIR for the
// light runtime).
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_DTYPEMLIR_H
#define AG_RUNTIME_DTYPEMLIR_H

#include "ag/Runtime/HostArray.h"

#include "mlir/IR/Types.h"

#include <optional>

namespace mlir {
namespace ag {

Type toMlirType(DType dtype, MLIRContext *ctx);
std::optional<DType> fromMlirType(Type type);

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_DTYPEMLIR_H

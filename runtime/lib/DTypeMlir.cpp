//===- DTypeMlir.cpp - numpy dtypes as MLIR element types -----------------===//
//
// The compiler's half of HostArray.h: kept apart from HostArray.cpp so that the light
// runtime, which links no MLIR, can use HostArrays.
//
//===----------------------------------------------------------------------===//

#include "ag/Runtime/DTypeMlir.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::ag;

Type mlir::ag::toMlirType(DType dtype, MLIRContext *ctx) {
  switch (dtype) {
  case DType::Float32:
    return Float32Type::get(ctx);
  case DType::Float64:
    return Float64Type::get(ctx);
  case DType::Int32:
    return IntegerType::get(ctx, 32);
  case DType::Int64:
    return IntegerType::get(ctx, 64);
  case DType::Bool:
    return IntegerType::get(ctx, 1);
  case DType::Float16:
    return Float16Type::get(ctx);
  case DType::Int8:
    return IntegerType::get(ctx, 8);
  case DType::Int16:
    return IntegerType::get(ctx, 16);
  case DType::UInt8:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case DType::UInt16:
    return IntegerType::get(ctx, 16, IntegerType::Unsigned);
  case DType::UInt32:
    return IntegerType::get(ctx, 32, IntegerType::Unsigned);
  case DType::UInt64:
    return IntegerType::get(ctx, 64, IntegerType::Unsigned);
  case DType::Complex64:
    return ComplexType::get(Float32Type::get(ctx));
  case DType::Complex128:
    return ComplexType::get(Float64Type::get(ctx));
  }
  return {};
}

std::optional<DType> mlir::ag::fromMlirType(Type t) {
  if (t.isF32())
    return DType::Float32;
  if (t.isF64())
    return DType::Float64;
  if (t.isF16())
    return DType::Float16;
  if (t.isInteger(1))
    return DType::Bool;
  if (auto c = dyn_cast<ComplexType>(t)) {
    if (c.getElementType().isF32())
      return DType::Complex64;
    if (c.getElementType().isF64())
      return DType::Complex128;
    return std::nullopt;
  }
  auto it = dyn_cast<IntegerType>(t);
  if (!it || it.isSigned())
    return std::nullopt;
  bool u = it.isUnsigned();
  switch (it.getWidth()) {
  case 8:
    return u ? DType::UInt8 : DType::Int8;
  case 16:
    return u ? DType::UInt16 : DType::Int16;
  case 32:
    return u ? DType::UInt32 : DType::Int32;
  case 64:
    return u ? DType::UInt64 : DType::Int64;
  }
  return std::nullopt;
}

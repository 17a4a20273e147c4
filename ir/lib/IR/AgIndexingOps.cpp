//===- AgIndexingOps.cpp - gather, scatter, nonzero: types and verifiers --===//
//
// Result inference and verifiers of the advanced-indexing primitives (AgIndexingOps.td).
// The staging runtime checks numpy's rules (broadcast index arrays, bounds, value shapes)
// before it builds these ops, so a failure here names the op's own contract.
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::ag;

namespace {
std::string shapeText(ArrayRef<int64_t> shape) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i)
      s += ",";
    s += ShapedType::isDynamic(d) ? "?" : std::to_string(d);
  }
  return s + ")";
}

/// The shape B all `indices` share (the runtime broadcasts them to one type first), or
/// failure.
FailureOr<SmallVector<int64_t>> indexShape(std::optional<Location> loc, StringRef opName,
                                           TypeRange indices, RankedTensorType operand,
                                           int64_t axis) {
  if (indices.empty())
    return emitOptionalError(loc, "'", opName, "' expects at least one index array");
  if (axis < 0 || axis + (int64_t)indices.size() > operand.getRank())
    return emitOptionalError(loc, "'", opName, "' too many indices for array: array is ",
                             operand.getRank(), "-dimensional, but ", indices.size(),
                             " were indexed from dimension ", axis);
  auto first = cast<RankedTensorType>(indices.front());
  for (Type t : indices.drop_front()) {
    auto other = cast<RankedTensorType>(t);
    if (other.getShape() != first.getShape())
      return emitOptionalError(loc, "'", opName, "' index arrays must have one shape, got ",
                               shapeText(first.getShape()), " and ",
                               shapeText(other.getShape()));
  }
  return SmallVector<int64_t>(first.getShape());
}
} // namespace

LogicalResult GatherOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getOperand().getType());
  int64_t axis = adaptor.getAxis();
  auto shape = indexShape(loc, getOperationName(), adaptor.getIndices().getTypes(), x, axis);
  if (failed(shape))
    return failure();
  SmallVector<int64_t> result(x.getShape().take_front(axis));
  llvm::append_range(result, *shape);
  llvm::append_range(result, x.getShape().drop_front(axis + adaptor.getIndices().size()));
  types.push_back(RankedTensorType::get(result, x.getElementType()));
  return success();
}

LogicalResult NonzeroOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto mask = cast<RankedTensorType>(adaptor.getOperand().getType());
  types.push_back(RankedTensorType::get({mask.getRank(), ShapedType::kDynamic},
                                        IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult CompressOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                           Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getOperand().getType());
  types.push_back(RankedTensorType::get({ShapedType::kDynamic}, x.getElementType()));
  return success();
}

/// ag.compress: a 1-D operand and a 1-D mask of its length.
LogicalResult CompressOp::verify() {
  auto x = getOperand().getType(), mask = getMask().getType();
  if (x.getRank() != 1 || mask.getRank() != 1)
    return emitOpError("operand and mask must be 1-D");
  if (failed(verifyCompatibleShape(x.getShape(), mask.getShape())))
    return emitOpError("mask must have the operand's length");
  return success();
}

LogicalResult ScatterOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location>,
                                          Adaptor adaptor, SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getDest().getType());
  if (adaptor.getChecked())
    types.push_back(RankedTensorType::get({}, IntegerType::get(ctx, 1)));
  return success();
}

LogicalResult ScatterOp::verify() {
  if (getChecked() != (bool)getOutOfRange())
    return emitOpError(getChecked() ? "with 'checked' needs an"
                                    : "without 'checked' has no")
           << " out_of_range result";
  auto dest = getDest().getType(), updates = getUpdates().getType();
  int64_t axis = getAxis();
  auto shape =
      indexShape(getLoc(), getOperationName(), getIndices().getTypes(), dest, axis);
  if (failed(shape))
    return failure();
  SmallVector<int64_t> expected(dest.getShape().take_front(axis));
  llvm::append_range(expected, *shape);
  llvm::append_range(expected, dest.getShape().drop_front(axis + getIndices().size()));
  // numpy's broadcasting of the updates to the gathered shape (right-aligned, a static
  // 1 stretches); a dynamic dim must equal its counterpart (the runtime checks).
  bool fits = updates.getRank() <= (int64_t)expected.size();
  int64_t offset = (int64_t)expected.size() - updates.getRank();
  for (int64_t j = 0; fits && j < updates.getRank(); ++j) {
    int64_t u = updates.getDimSize(j), e = expected[offset + j];
    fits = u == 1 || u == e || ShapedType::isDynamic(u) || ShapedType::isDynamic(e);
  }
  if (!fits)
    return emitOpError("updates shape ")
           << shapeText(updates.getShape()) << " does not broadcast to the gathered shape "
           << shapeText(expected);
  StringRef combine = getCombine();
  bool known = llvm::StringSwitch<bool>(combine)
                   .Cases("assign", "add", "mul", "max", "min", true)
                   .Cases("and", "or", "xor", true)
                   .Default(false);
  if (!known)
    return emitOpError("unknown combine '")
           << combine << "' (assign, add, mul, max, min, and, or, xor)";
  Type u = updates.getElementType(), d = dest.getElementType();
  if (combine == "assign" && u != d)
    return emitOpError("assigned dtype ")
           << dtypeName(u) << " differs from destination dtype " << dtypeName(d)
           << " (the runtime must cast first)";
  if ((combine == "and" || combine == "or" || combine == "xor") && !isa<IntegerType>(u))
    return emitOpError("combine '") << combine << "' needs integer or bool updates, got "
                                    << dtypeName(u);
  return success();
}

LogicalResult IotaOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location>,
                                       Adaptor, SmallVectorImpl<Type> &types) {
  types.push_back(RankedTensorType::get({ShapedType::kDynamic}, IntegerType::get(ctx, 64)));
  return success();
}

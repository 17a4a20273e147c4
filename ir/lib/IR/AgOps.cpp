//===- AgOps.cpp - ag op type inference, verifiers and folders ------------===//
//
// numpy's shape rules live here once: the ODS-generated inferReturnTypes methods call the
// infer* functions, so a builder needs no result type, the verifier compares against the
// same rules, and error messages read like numpy's ("operands could not be broadcast
// together with shapes (2,3) (4,)").
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::ag;

//===----------------------------------------------------------------------===//
// dtype and shape helpers
//===----------------------------------------------------------------------===//

std::string mlir::ag::dtypeName(Type t) {
  if (t.isF32())
    return "float32";
  if (t.isF64())
    return "float64";
  if (t.isF16())
    return "float16";
  if (t.isInteger(1))
    return "bool";
  if (auto c = dyn_cast<ComplexType>(t))
    return c.getElementType().isF32() ? "complex64" : "complex128";
  if (auto it = dyn_cast<IntegerType>(t); it && !it.isSigned())
    return (it.isUnsigned() ? "uint" : "int") + std::to_string(it.getWidth());
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

bool mlir::ag::isInDTypeSet(Type t, DTypeSet set) {
  bool isFloat = t.isF16() || t.isF32() || t.isF64();
  auto intType = dyn_cast<IntegerType>(t);
  bool isInt = intType && !intType.isSigned() &&
               llvm::is_contained({8u, 16u, 32u, 64u}, intType.getWidth());
  bool isBool = t.isInteger(1);
  auto complexType = dyn_cast<ComplexType>(t);
  bool isComplex = complexType && (complexType.getElementType().isF32() ||
                                   complexType.getElementType().isF64());
  switch (set) {
  case DTypeSet::AllOrComplex:
    return isFloat || isInt || isBool || isComplex;
  case DTypeSet::NumericOrComplex:
    return isFloat || isInt || isComplex;
  case DTypeSet::FloatOrComplex:
    return isFloat || isComplex;
  case DTypeSet::Complex:
    return isComplex;
  case DTypeSet::All:
    return isFloat || isInt || isBool;
  case DTypeSet::Numeric:
    return isFloat || isInt;
  case DTypeSet::Float:
    return isFloat;
  case DTypeSet::IntOrBool:
    return isInt || isBool;
  case DTypeSet::Bool:
    return isBool;
  }
  return false;
}

static const char *dtypeSetDescription(DTypeSet set) {
  switch (set) {
  case DTypeSet::All:
    return "a float, integer or bool dtype";
  case DTypeSet::Numeric:
    return "a float or integer dtype";
  case DTypeSet::Float:
    return "float16, float32 or float64";
  case DTypeSet::IntOrBool:
    return "an integer or bool dtype";
  case DTypeSet::Bool:
    return "bool";
  case DTypeSet::AllOrComplex:
    return "a float, integer, complex or bool dtype";
  case DTypeSet::NumericOrComplex:
    return "a float, integer or complex dtype";
  case DTypeSet::FloatOrComplex:
    return "a float or complex dtype";
  case DTypeSet::Complex:
    return "complex64 or complex128";
  }
  return "";
}

/// numpy prints shapes as tuples: (2,3), (4,), ().
static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i)
      s += ",";
    s += ShapedType::isDynamic(d) ? "?" : std::to_string(d);
  }
  if (shape.size() == 1)
    s += ",";
  return s + ")";
}

FailureOr<SmallVector<int64_t>> mlir::ag::broadcastShapes(ArrayRef<int64_t> a,
                                                          ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == db || db == 1)
      out[i] = da;
    else if (da == 1)
      out[i] = db;
    else if (ShapedType::isDynamic(da) || ShapedType::isDynamic(db))
      // A ? against a static size > 1 stays ?: the sizes must match at run time (the
      // staging runtime checks), and the lowering sizes the result by the smaller, so a
      // mismatch never reads past an operand.
      out[i] = ShapedType::kDynamic;
    else
      return failure();
  }
  return out;
}

bool mlir::ag::isBroadcastableTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t lead = to.size() - from.size();
  for (auto [i, d] : llvm::enumerate(from)) {
    int64_t t = to[lead + i];
    if (d != 1 && d != t && !ShapedType::isDynamic(d) && !ShapedType::isDynamic(t))
      return false;
  }
  return true;
}

static RankedTensorType getTensor(Type t) { return dyn_cast<RankedTensorType>(t); }

static LogicalResult checkDType(std::optional<Location> loc, StringRef opName,
                                Type elementType, DTypeSet set) {
  if (isInDTypeSet(elementType, set))
    return success();
  return emitOptionalError(loc, "'", opName, "' does not support dtype ",
                           dtypeName(elementType), " (expects ", dtypeSetDescription(set),
                           ")");
}

//===----------------------------------------------------------------------===//
// Result inference
//===----------------------------------------------------------------------===//

LogicalResult mlir::ag::inferBinaryResult(MLIRContext *ctx, std::optional<Location> loc,
                                          StringRef opName, Type lhsType, Type rhsType,
                                          DTypeSet dtypes, bool resultIsBool,
                                          SmallVectorImpl<Type> &types) {
  auto lhs = getTensor(lhsType), rhs = getTensor(rhsType);
  if (!lhs || !rhs)
    return emitOptionalError(loc, "'", opName, "' expects ranked tensors");
  if (lhs.getElementType() != rhs.getElementType())
    return emitOptionalError(loc, "'", opName, "' operands have different dtypes ",
                             dtypeName(lhs.getElementType()), " and ",
                             dtypeName(rhs.getElementType()),
                             " (the runtime must promote them first)");
  if (failed(checkDType(loc, opName, lhs.getElementType(), dtypes)))
    return failure();
  auto shape = broadcastShapes(lhs.getShape(), rhs.getShape());
  if (failed(shape))
    return emitOptionalError(loc, "'", opName,
                             "' operands could not be broadcast together with shapes ",
                             shapeString(lhs.getShape()), " ",
                             shapeString(rhs.getShape()));
  Type element = resultIsBool ? IntegerType::get(ctx, 1) : lhs.getElementType();
  types.push_back(RankedTensorType::get(*shape, element));
  return success();
}

LogicalResult mlir::ag::inferUnaryResult(MLIRContext *ctx, std::optional<Location> loc,
                                         StringRef opName, Type operandType,
                                         DTypeSet dtypes, bool resultIsBool,
                                         SmallVectorImpl<Type> &types) {
  auto operand = getTensor(operandType);
  if (!operand)
    return emitOptionalError(loc, "'", opName, "' expects a ranked tensor");
  if (failed(checkDType(loc, opName, operand.getElementType(), dtypes)))
    return failure();
  Type element = resultIsBool ? IntegerType::get(ctx, 1) : operand.getElementType();
  types.push_back(RankedTensorType::get(operand.getShape(), element));
  return success();
}

LogicalResult mlir::ag::inferComplexPartResult(MLIRContext *ctx,
                                               std::optional<Location> loc,
                                               StringRef opName, Type operandType,
                                               SmallVectorImpl<Type> &types) {
  auto operand = getTensor(operandType);
  if (!operand)
    return emitOptionalError(loc, "'", opName, "' expects a ranked tensor");
  if (failed(checkDType(loc, opName, operand.getElementType(), DTypeSet::Complex)))
    return failure();
  Type part = cast<ComplexType>(operand.getElementType()).getElementType();
  types.push_back(RankedTensorType::get(operand.getShape(), part));
  return success();
}

/// Checks that `axes` are distinct and within [0, rank).
static LogicalResult checkAxes(std::optional<Location> loc, StringRef opName,
                               ArrayRef<int64_t> axes, int64_t rank) {
  llvm::SmallBitVector seen(rank);
  for (int64_t axis : axes) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(loc, "'", opName, "' axis ", axis,
                               " is out of bounds for array of dimension ", rank);
    if (seen.test(axis))
      return emitOptionalError(loc, "'", opName, "' duplicate value in 'axis': ", axis);
    seen.set(axis);
  }
  return success();
}

static SmallVector<int64_t> reducedShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes,
                                         bool keepdims) {
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (!llvm::is_contained(axes, (int64_t)i))
      out.push_back(d);
    else if (keepdims)
      out.push_back(1);
  }
  return out;
}

LogicalResult mlir::ag::inferReduceResult(MLIRContext *ctx, std::optional<Location> loc,
                                          StringRef opName, Type operandType,
                                          ArrayRef<int64_t> axes, bool keepdims,
                                          DTypeSet dtypes, SmallVectorImpl<Type> &types) {
  auto operand = getTensor(operandType);
  if (!operand)
    return emitOptionalError(loc, "'", opName, "' expects a ranked tensor");
  if (failed(checkDType(loc, opName, operand.getElementType(), dtypes)) ||
      failed(checkAxes(loc, opName, axes, operand.getRank())))
    return failure();
  // max and min have no identity, so numpy refuses empty reductions for them.
  if (opName == "ag.max" || opName == "ag.min")
    for (int64_t axis : axes)
      if (operand.getDimSize(axis) == 0)
        return emitOptionalError(loc, "'", opName,
                                 "' zero-size array to reduction operation ",
                                 opName == "ag.max" ? "maximum" : "minimum",
                                 " which has no identity");
  types.push_back(RankedTensorType::get(
      reducedShape(operand.getShape(), axes, keepdims), operand.getElementType()));
  return success();
}

LogicalResult mlir::ag::inferArgReduceResult(MLIRContext *ctx,
                                             std::optional<Location> loc,
                                             StringRef opName, Type operandType,
                                             int64_t axis, bool keepdims,
                                             SmallVectorImpl<Type> &types) {
  auto operand = getTensor(operandType);
  if (!operand)
    return emitOptionalError(loc, "'", opName, "' expects a ranked tensor");
  if (failed(checkAxes(loc, opName, {axis}, operand.getRank())))
    return failure();
  int64_t size = operand.getDimSize(axis);
  if (size == 0)
    return emitOptionalError(loc, "'", opName,
                             "' attempt to get ", opName.drop_front(3),
                             " of an empty sequence");
  types.push_back(RankedTensorType::get(reducedShape(operand.getShape(), {axis}, keepdims),
                                        IntegerType::get(ctx, 64)));
  return success();
}

/// Checks that an NCHW tensor padded by `padding` on both sides of H and W still has a
/// size numpy could allocate (the lowering materialises it).
static LogicalResult checkPaddedFits(std::optional<Location> loc, StringRef opName,
                                     RankedTensorType input, ArrayRef<int64_t> padding) {
  uint64_t bytes = std::max<uint64_t>(1, input.getElementTypeBitWidth() / 8);
  for (int64_t d = 0; d < input.getRank(); ++d) {
    int64_t size = input.getDimSize(d);
    if (ShapedType::isDynamic(size))
      continue;
    int64_t padded = size;
    if (d >= 2 && (llvm::MulOverflow<int64_t>(padding[d - 2], 2, padded) ||
                   llvm::AddOverflow(size, padded, padded)))
      return emitOptionalError(loc, "'", opName, "' array is too big: padding overflows");
    if (padded != 0 && bytes > (uint64_t)INT64_MAX / (uint64_t)padded)
      return emitOptionalError(loc, "'", opName,
                               "' array is too big: the padded input exceeds the "
                               "largest size numpy can allocate");
    bytes *= (uint64_t)padded;
  }
  return success();
}

/// Output size of a window op along one dimension (floor mode, like torch).
static int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride, int64_t pad,
                                int64_t dilation = 1) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t effective = dilation * (window - 1) + 1;
  int64_t span = in + 2 * pad - effective;
  return span < 0 ? -1 : span / stride + 1;
}

static LogicalResult checkPair(std::optional<Location> loc, StringRef opName,
                               StringRef what, ArrayRef<int64_t> values, int64_t min) {
  if (values.size() != 2)
    return emitOptionalError(loc, "'", opName, "' expects 2 values for ", what, ", got ",
                             values.size());
  for (int64_t v : values)
    if (v < min)
      return emitOptionalError(loc, "'", opName, "' ", what, " must be >= ", min,
                               ", got ", v);
  return success();
}

LogicalResult mlir::ag::inferPool2DResult(MLIRContext *ctx, std::optional<Location> loc,
                                          StringRef opName, Type inputType,
                                          ArrayRef<int64_t> kernel,
                                          ArrayRef<int64_t> strides,
                                          ArrayRef<int64_t> padding,
                                          SmallVectorImpl<Type> &types) {
  auto input = getTensor(inputType);
  if (!input || input.getRank() != 4)
    return emitOptionalError(loc, "'", opName, "' expects a 4-D NCHW tensor");
  bool isAvg = opName.ends_with("avg_pool2d");
  if (failed(checkDType(loc, opName, input.getElementType(),
                        isAvg ? DTypeSet::Float : DTypeSet::Numeric)) ||
      failed(checkPair(loc, opName, "kernel", kernel, 1)) ||
      failed(checkPair(loc, opName, "strides", strides, 1)) ||
      failed(checkPair(loc, opName, "padding", padding, 0)))
    return failure();
  if (failed(checkPaddedFits(loc, opName, input, padding)))
    return failure();
  SmallVector<int64_t> shape(input.getShape().take_front(2));
  for (int i = 0; i < 2; ++i) {
    if (2 * padding[i] > kernel[i])
      return emitOptionalError(loc, "'", opName,
                               "' padding should be at most half of kernel size");
    int64_t out = windowOutputSize(input.getDimSize(2 + i), kernel[i], strides[i],
                                   padding[i]);
    if (out < 0 && !ShapedType::isDynamic(out))
      return emitOptionalError(loc, "'", opName, "' kernel ", kernel[i],
                               " is larger than the padded input ",
                               input.getDimSize(2 + i) + 2 * padding[i]);
    shape.push_back(out);
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult mlir::ag::verifyShapesFit(Operation *op) {
  auto check = [&](Type t) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !tensor.getElementType().isIntOrFloat())
      return success();
    uint64_t bytes = std::max<uint64_t>(1, tensor.getElementTypeBitWidth() / 8);
    for (int64_t d : tensor.getShape()) {
      if (ShapedType::isDynamic(d))
        continue;
      if (d < 0 || (d != 0 && bytes > (uint64_t)INT64_MAX / (uint64_t)d))
        return op->emitOpError("array is too big: ")
               << t << " exceeds the largest size numpy can allocate";
      bytes *= (uint64_t)d;
    }
    return success();
  };
  for (Type t : op->getOperandTypes())
    if (failed(check(t)))
      return failure();
  for (Type t : op->getResultTypes())
    if (failed(check(t)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ConstantOp::verify() {
  if (!isa<RankedTensorType>(getValue().getType()))
    return emitOpError("value must be a ranked tensor");
  return success();
}

//===----------------------------------------------------------------------===//
// SelectOp, MatmulOp, Conv2DOp, TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto cond = getTensor(adaptor.getCondition().getType());
  auto a = getTensor(adaptor.getTrueValue().getType());
  auto b = getTensor(adaptor.getFalseValue().getType());
  if (!cond.getElementType().isInteger(1))
    return emitOptionalError(loc, "'ag.select' condition must be bool, got ",
                             dtypeName(cond.getElementType()));
  if (a.getElementType() != b.getElementType())
    return emitOptionalError(loc, "'ag.select' values have different dtypes ",
                             dtypeName(a.getElementType()), " and ",
                             dtypeName(b.getElementType()));
  auto ab = broadcastShapes(a.getShape(), b.getShape());
  FailureOr<SmallVector<int64_t>> all = failure();
  if (succeeded(ab))
    all = broadcastShapes(cond.getShape(), *ab);
  if (failed(all))
    return emitOptionalError(loc, "'ag.select' operands could not be broadcast together "
                                  "with shapes ",
                             shapeString(cond.getShape()), " ",
                             shapeString(a.getShape()), " ", shapeString(b.getShape()));
  types.push_back(RankedTensorType::get(*all, a.getElementType()));
  return success();
}

LogicalResult ComplexLibmOp::verify() {
  auto type = cast<RankedTensorType>(getOperand().getType());
  if (!isInDTypeSet(type.getElementType(), DTypeSet::Complex))
    return emitOpError("operand must be complex64 or complex128, got ")
           << dtypeName(type.getElementType());
  if (!llvm::is_contained({"casin", "cacos", "casinh", "cacosh", "catanh"}, getFn()))
    return emitOpError("fn must be one of casin, cacos, casinh, cacosh, catanh, got '")
           << getFn() << "'";
  return success();
}

LogicalResult MakeComplexOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto re = getTensor(adaptor.getReal().getType());
  auto im = getTensor(adaptor.getImag().getType());
  if (!re || !im)
    return emitOptionalError(loc, "'ag.make_complex' expects ranked tensors");
  Type part = re.getElementType();
  if (part != im.getElementType() || !(part.isF32() || part.isF64()))
    return emitOptionalError(loc, "'ag.make_complex' parts must both be float32 or both "
                                  "float64, got ",
                             dtypeName(part), " and ", dtypeName(im.getElementType()));
  auto shape = broadcastShapes(re.getShape(), im.getShape());
  if (failed(shape))
    return emitOptionalError(loc, "'ag.make_complex' operands could not be broadcast "
                                  "together with shapes ",
                             shapeString(re.getShape()), " ", shapeString(im.getShape()));
  types.push_back(RankedTensorType::get(*shape, ComplexType::get(part)));
  return success();
}

LogicalResult BitcastOp::verify() {
  Type from = cast<ShapedType>(getOperand().getType()).getElementType();
  Type to = cast<ShapedType>(getType()).getElementType();
  auto plain = [](Type t) { return isa<FloatType, IntegerType>(t) && !t.isInteger(1); };
  if (!plain(from) || !plain(to))
    return emitOpError("bitcasts integer and float dtypes only, not ")
           << dtypeName(from) << " to " << dtypeName(to);
  if (from.getIntOrFloatBitWidth() != to.getIntOrFloatBitWidth())
    return emitOpError("needs dtypes of one width, not ")
           << dtypeName(from) << " and " << dtypeName(to);
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto a = getTensor(adaptor.getLhs().getType());
  auto b = getTensor(adaptor.getRhs().getType());
  if (a.getElementType() != b.getElementType())
    return emitOptionalError(loc, "'ag.matmul' operands have different dtypes ",
                             dtypeName(a.getElementType()), " and ",
                             dtypeName(b.getElementType()));
  if (failed(checkDType(loc, "ag.matmul", a.getElementType(), DTypeSet::Numeric)))
    return failure();
  if (a.getRank() == 0 || b.getRank() == 0)
    return emitOptionalError(loc, "'ag.matmul' operands must be at least 1-D, not 0-d "
                                  "(use ag.mul for scalars)");
  SmallVector<int64_t> aShape(a.getShape()), bShape(b.getShape());
  bool aVector = aShape.size() == 1, bVector = bShape.size() == 1;
  if (aVector)
    aShape.insert(aShape.begin(), 1);
  if (bVector)
    bShape.push_back(1);
  int64_t k1 = aShape.back(), k2 = bShape[bShape.size() - 2];
  if (k1 != k2 && !ShapedType::isDynamic(k1) && !ShapedType::isDynamic(k2))
    return emitOptionalError(loc, "'ag.matmul' mismatch in its core dimension: ",
                             shapeString(a.getShape()), " @ ", shapeString(b.getShape()),
                             " (size ", k1, " is different from ", k2, ")");
  auto batch = broadcastShapes(ArrayRef(aShape).drop_back(2),
                               ArrayRef(bShape).drop_back(2));
  if (failed(batch))
    return emitOptionalError(loc, "'ag.matmul' batch dimensions could not be broadcast: ",
                             shapeString(a.getShape()), " @ ", shapeString(b.getShape()));
  SmallVector<int64_t> shape(*batch);
  if (!aVector)
    shape.push_back(aShape[aShape.size() - 2]);
  if (!bVector)
    shape.push_back(bShape.back());
  types.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = getTensor(adaptor.getInput().getType());
  auto w = getTensor(adaptor.getWeight().getType());
  if (x.getRank() != 4 || w.getRank() != 4)
    return emitOptionalError(loc, "'ag.conv2d' expects a 4-D NCHW input and 4-D OIHW "
                                  "weight, got ",
                             shapeString(x.getShape()), " and ", shapeString(w.getShape()));
  if (x.getElementType() != w.getElementType())
    return emitOptionalError(loc, "'ag.conv2d' input and weight dtypes differ");
  if (failed(checkDType(loc, "ag.conv2d", x.getElementType(), DTypeSet::Float)) ||
      failed(checkPair(loc, "ag.conv2d", "strides", adaptor.getStrides(), 1)) ||
      failed(checkPair(loc, "ag.conv2d", "padding", adaptor.getPadding(), 0)) ||
      failed(checkPair(loc, "ag.conv2d", "dilations", adaptor.getDilations(), 1)))
    return failure();
  int64_t cin = x.getDimSize(1), wcin = w.getDimSize(1);
  if (cin != wcin && !ShapedType::isDynamic(cin) && !ShapedType::isDynamic(wcin))
    return emitOptionalError(loc, "'ag.conv2d' input has ", cin,
                             " channels but weight expects ", wcin);
  if (failed(checkPaddedFits(loc, "ag.conv2d", x, adaptor.getPadding())))
    return failure();
  SmallVector<int64_t> shape{x.getDimSize(0), w.getDimSize(0)};
  for (int i = 0; i < 2; ++i) {
    int64_t k = w.getDimSize(2 + i);
    if (k == 0)
      return emitOptionalError(loc, "'ag.conv2d' kernel sizes must be at least 1");
    int64_t out = ShapedType::isDynamic(k)
                      ? ShapedType::kDynamic
                      : windowOutputSize(x.getDimSize(2 + i), k, adaptor.getStrides()[i],
                                         adaptor.getPadding()[i],
                                         adaptor.getDilations()[i]);
    if (out < 0 && !ShapedType::isDynamic(out))
      return emitOptionalError(loc, "'ag.conv2d' kernel size can't be greater than "
                                    "actual input size");
    shape.push_back(out);
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto x = getTensor(adaptor.getOperand().getType());
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  if ((int64_t)perm.size() != x.getRank())
    return emitOptionalError(loc, "'ag.transpose' axes don't match array: permutation "
                                  "has ",
                             perm.size(), " entries for rank ", x.getRank());
  if (failed(checkAxes(loc, "ag.transpose", perm, x.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(x.getDimSize(p));
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  for (auto [i, p] : llvm::enumerate(getPermutation()))
    if ((int64_t)i != p)
      return {};
  return getOperand();
}

//===----------------------------------------------------------------------===//
// ReshapeOp, BroadcastToOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = getOperand().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("cannot change the dtype (use ag.cast)");
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("cannot reshape array of size ")
           << in.getNumElements() << " into shape " << shapeString(out.getShape());
  if (!getSizes().empty() && getSizes().size() != (size_t)out.getNumDynamicDims())
    return emitOpError("expects one size per dynamic result dim (")
           << out.getNumDynamicDims() << "), got " << getSizes().size();
  if (getSizes().empty() && in.hasStaticShape() && !out.hasStaticShape()) {
    // The result's dynamic dim follows from a static operand's size: exactly one such
    // dim, and the static ones must divide the size (numpy's unknown dimension).
    if (out.getNumDynamicDims() > 1)
      return emitOpError("cannot infer ")
             << out.getNumDynamicDims() << " dynamic result dims from an operand of static "
             << "shape " << shapeString(in.getShape()) << " (give `sizes`)";
    int64_t known = 1;
    for (int64_t d : out.getShape())
      if (!ShapedType::isDynamic(d) && llvm::MulOverflow(known, d, known))
        return emitOpError("result shape ") << shapeString(out.getShape()) << " is too big";
    if (known == 0 || in.getNumElements() % known != 0)
      return emitOpError("cannot reshape array of size ")
             << in.getNumElements() << " into shape " << shapeString(out.getShape());
  }
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType() && getType().hasStaticShape())
    return getOperand();
  if (auto producer = getOperand().getDefiningOp<ReshapeOp>()) {
    // reshape(reshape(x)) == reshape(x): row-major order is preserved by both.
    getOperation()->setOperand(0, producer.getOperand());
    return getResult();
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getOperand()))
    if (getType().hasStaticShape())
      return dense.reshape(getType());
  return {};
}

LogicalResult EmptyOp::verify() {
  if (!getType().hasStaticShape())
    return emitOpError("needs a static shape");
  return success();
}

LogicalResult BroadcastToOp::verify() {
  auto in = getOperand().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("cannot change the dtype (use ag.cast)");
  if (!isBroadcastableTo(in.getShape(), out.getShape()))
    return emitOpError("operands could not be broadcast together with remapped shapes "
                       "[original->remapped]: ")
           << shapeString(in.getShape()) << " and requested shape "
           << shapeString(out.getShape());
  if (getSizes().size() != (size_t)out.getNumDynamicDims())
    return emitOpError("expects one size per dynamic result dim (")
           << out.getNumDynamicDims() << "), got " << getSizes().size();
  return success();
}

OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType() && getType().hasStaticShape())
    return getOperand();
  if (auto dense = dyn_cast_or_null<SplatElementsAttr>(adaptor.getOperand()))
    if (getType().hasStaticShape())
      return SplatElementsAttr::get(getType(), dense.getSplatValue<Attribute>());
  return {};
}

//===----------------------------------------------------------------------===//
// Slicing and updates
//===----------------------------------------------------------------------===//

/// Checks a static strided window (`starts`, `steps`, `counts`) against `shape`.
static LogicalResult verifyWindow(Operation *op, ArrayRef<int64_t> shape,
                                  ArrayRef<int64_t> starts, ArrayRef<int64_t> steps,
                                  ArrayRef<int64_t> counts) {
  if (starts.size() != shape.size() || steps.size() != shape.size() ||
      counts.size() != shape.size())
    return op->emitOpError("expects one start, step and size per dimension (rank ")
           << shape.size() << ")";
  for (size_t d = 0; d < shape.size(); ++d) {
    if (steps[d] == 0)
      return op->emitOpError("slice step cannot be zero");
    if (ShapedType::isDynamic(shape[d]) || ShapedType::isDynamic(counts[d]) ||
        counts[d] == 0)
      continue;
    // Checked arithmetic: a huge step must not wrap the last index back into range.
    int64_t span, last;
    bool overflow = llvm::MulOverflow(counts[d] - 1, steps[d], span) ||
                    llvm::AddOverflow(starts[d], span, last);
    if (overflow || starts[d] < 0 || starts[d] >= shape[d] || last < 0 ||
        last >= shape[d])
      return op->emitOpError("window along dimension ")
             << d << " (start " << starts[d] << ", step " << steps[d] << ", count "
             << counts[d] << ") is out of bounds for size " << shape[d];
  }
  return success();
}

LogicalResult SliceOp::verify() {
  auto in = getOperand().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("cannot change the dtype");
  // A dynamic result dim is a whole dynamic operand dim: a window of a size known only at
  // run time would need a stop that this op does not carry.
  for (int64_t d = 0; d < out.getRank() && d < in.getRank(); ++d)
    if (out.isDynamicDim(d) &&
        (!in.isDynamicDim(d) || getStarts()[d] != 0 || getSteps()[d] != 1))
      return emitOpError("dynamic result dim ")
             << d << " must be a whole dynamic operand dim (start 0, step 1)";
  return verifyWindow(*this, in.getShape(), getStarts(), getSteps(), out.getShape());
}

LogicalResult InsertSliceOp::verify() {
  auto src = getSource().getType(), dest = getDest().getType();
  if (src.getElementType() != dest.getElementType())
    return emitOpError("source dtype ")
           << dtypeName(src.getElementType()) << " differs from destination dtype "
           << dtypeName(dest.getElementType()) << " (the runtime must cast first)";
  return verifyWindow(*this, dest.getShape(), getStarts(), getSteps(), src.getShape());
}

/// Shared checks of ops indexing the leading dims of `operand` by 0-d integers.
static LogicalResult verifyIndexCount(Operation *op, RankedTensorType operand,
                                      size_t numIndices) {
  if (numIndices == 0)
    return op->emitOpError("expects at least one index");
  if ((int64_t)numIndices > operand.getRank())
    return op->emitOpError("too many indices for array: array is ")
           << operand.getRank() << "-dimensional, but " << numIndices
           << " were indexed";
  return success();
}

LogicalResult DynamicIndexOp::inferReturnTypes(MLIRContext *ctx,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  auto x = getTensor(adaptor.getOperand().getType());
  size_t n = adaptor.getIndices().size();
  if (n == 0)
    return emitOptionalError(loc, "'ag.dynamic_index' expects at least one index");
  if ((int64_t)n > x.getRank())
    return emitOptionalError(loc, "'ag.dynamic_index' too many indices for array: array "
                                  "is ",
                             x.getRank(), "-dimensional, but ", n, " were indexed");
  for (int64_t d : x.getShape().take_front(n))
    if (d == 0)
      return emitOptionalError(loc, "'ag.dynamic_index' index into a dimension of size 0");
  types.push_back(RankedTensorType::get(x.getShape().drop_front(n), x.getElementType()));
  return success();
}

LogicalResult DynamicSliceOp::verify() {
  auto in = getOperand().getType(), out = getResult().getType();
  if (failed(verifyIndexCount(*this, in, getStarts().size())))
    return failure();
  if (in.getElementType() != out.getElementType() || in.getRank() != out.getRank())
    return emitOpError("result must have the operand's dtype and rank");
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t i = in.getDimSize(d), o = out.getDimSize(d);
    bool indexed = d < (int64_t)getStarts().size();
    if (ShapedType::isDynamic(i) || ShapedType::isDynamic(o))
      continue;
    if (indexed ? o > i : o != i)
      return emitOpError("window size ") << o << " along dimension " << d
                                         << " does not fit operand size " << i;
  }
  return success();
}

LogicalResult WindowOp::verify() {
  auto in = getOperand().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType() || in.getRank() != out.getRank())
    return emitOpError("result must have the operand's dtype and rank");
  if ((int64_t)getStarts().size() != in.getRank() ||
      (int64_t)getSteps().size() != in.getRank())
    return emitOpError("expects one start and one step per dimension (rank ")
           << in.getRank() << ")";
  if ((int64_t)getSizes().size() != out.getNumDynamicDims())
    return emitOpError("expects one size per dynamic result dim (")
           << out.getNumDynamicDims() << "), got " << getSizes().size();
  for (int64_t step : getSteps())
    if (step == 0)
      return emitOpError("slice step cannot be zero");
  return success();
}

LogicalResult InsertWindowOp::verify() {
  auto src = getSource().getType(), dest = getDest().getType();
  if (src.getElementType() != dest.getElementType())
    return emitOpError("source dtype ")
           << dtypeName(src.getElementType()) << " differs from destination dtype "
           << dtypeName(dest.getElementType()) << " (the runtime must cast first)";
  if (src.getRank() != dest.getRank() || (int64_t)getStarts().size() != dest.getRank() ||
      (int64_t)getSteps().size() != dest.getRank())
    return emitOpError("expects a source of the destination's rank and one start and "
                       "one step per dimension (rank ")
           << dest.getRank() << ")";
  for (int64_t d = 0; d < dest.getRank(); ++d) {
    int64_t step = getSteps()[d], n = dest.getDimSize(d), k = src.getDimSize(d);
    if (step == 0)
      return emitOpError("slice step cannot be zero");
    if (!ShapedType::isDynamic(n) && !ShapedType::isDynamic(k) && k > 0 &&
        (k - 1) * std::abs(step) >= n)
      return emitOpError("window size ") << k << " along dimension " << d
                                         << " does not fit destination size " << n;
  }
  return success();
}

LogicalResult DynamicUpdateOp::verify() {
  auto src = getSource().getType(), dest = getDest().getType();
  if (failed(verifyIndexCount(*this, dest, getIndices().size())))
    return failure();
  if (src.getElementType() != dest.getElementType())
    return emitOpError("source dtype ")
           << dtypeName(src.getElementType()) << " differs from destination dtype "
           << dtypeName(dest.getElementType()) << " (the runtime must cast first)";
  // Equal, but for dynamic dims (of either side): those the runtime checks, and the
  // lowering writes no more than both sizes.
  ArrayRef<int64_t> expected = dest.getShape().drop_front(getIndices().size());
  if (src.getRank() != (int64_t)expected.size() ||
      failed(verifyCompatibleShape(src.getShape(), expected)))
    return emitOpError("source shape ")
           << shapeString(src.getShape()) << " must equal the indexed shape "
           << shapeString(expected);
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatenateOp, StackOp
//===----------------------------------------------------------------------===//

/// Checks that all inputs share dtype and shape except along `skipAxis` (-1: none).
static LogicalResult checkJoinInputs(std::optional<Location> loc, StringRef opName,
                                     TypeRange inputs, int64_t skipAxis) {
  if (inputs.empty())
    return emitOptionalError(loc, "'", opName, "' need at least one array to join");
  auto first = getTensor(inputs.front());
  for (Type t : inputs.drop_front()) {
    auto other = getTensor(t);
    if (other.getElementType() != first.getElementType())
      return emitOptionalError(loc, "'", opName, "' inputs have different dtypes");
    if (other.getRank() != first.getRank())
      return emitOptionalError(loc, "'", opName,
                               "' all the input arrays must have same number of "
                               "dimensions");
    for (int64_t d = 0; d < first.getRank(); ++d) {
      int64_t a = first.getDimSize(d), b = other.getDimSize(d);
      if (d != skipAxis && a != b && !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b))
        return emitOptionalError(loc, "'", opName,
                                 "' input array dimensions must match exactly except "
                                 "along the joined axis, but along dimension ",
                                 d, " they are ", a, " and ", b);
    }
  }
  return success();
}

LogicalResult ConcatenateOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  TypeRange inputs = adaptor.getInputs().getTypes();
  int64_t axis = adaptor.getAxis();
  if (failed(checkJoinInputs(loc, "ag.concatenate", inputs, axis)))
    return failure();
  auto first = getTensor(inputs.front());
  if (axis < 0 || axis >= first.getRank())
    return emitOptionalError(loc, "'ag.concatenate' axis ", axis,
                             " is out of bounds for array of dimension ", first.getRank());
  SmallVector<int64_t> shape(first.getShape());
  shape[axis] = 0;
  for (Type t : inputs) {
    int64_t d = getTensor(t).getDimSize(axis);
    if (ShapedType::isDynamic(d) || ShapedType::isDynamic(shape[axis])) {
      shape[axis] = ShapedType::kDynamic;
      continue;
    }
    int64_t sum;
    if (llvm::AddOverflow(shape[axis], d, sum) || ShapedType::isDynamic(sum))
      return emitOptionalError(loc, "'ag.concatenate' array is too big: the joined axis "
                                    "overflows");
    shape[axis] = sum;
  }
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult StackOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &types) {
  TypeRange inputs = adaptor.getInputs().getTypes();
  if (failed(checkJoinInputs(loc, "ag.stack", inputs, -1)))
    return failure();
  auto first = getTensor(inputs.front());
  int64_t axis = adaptor.getAxis();
  if (axis < 0 || axis > first.getRank())
    return emitOptionalError(loc, "'ag.stack' axis ", axis,
                             " is out of bounds for array of dimension ",
                             first.getRank() + 1);
  SmallVector<int64_t> shape(first.getShape());
  shape.insert(shape.begin() + axis, (int64_t)inputs.size());
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Scans and sorting
//===----------------------------------------------------------------------===//

/// A running or sorting op works along one existing axis; a 0-d operand has none (the
/// runtime flattens numpy's 0-d and axis=None cases first).
static LogicalResult verifyAlongAxis(Operation *op, RankedTensorType operand,
                                     int64_t axis) {
  if (axis < 0 || axis >= operand.getRank())
    return op->emitOpError("axis ")
           << axis << " is out of bounds for array of dimension " << operand.getRank();
  return success();
}

template <typename OpTy> static LogicalResult verifyCumulative(OpTy op) {
  return verifyAlongAxis(op, op.getOperand().getType(), op.getAxis());
}
LogicalResult CumsumOp::verify() { return verifyCumulative(*this); }
LogicalResult CumprodOp::verify() { return verifyCumulative(*this); }
LogicalResult CummaxOp::verify() { return verifyCumulative(*this); }
LogicalResult CumminOp::verify() { return verifyCumulative(*this); }

/// Shared rules of ag.sort and ag.argsort: the result has the operand's shape and
/// `elementType`; `kind` names one of numpy's algorithms.
template <typename OpTy>
static LogicalResult verifySortLike(OpTy op, Type elementType) {
  auto operand = op.getOperand().getType();
  auto result = op.getResult().getType();
  if (failed(verifyAlongAxis(op, operand, op.getAxis())))
    return failure();
  if (op.getKind() < 0 || op.getKind() > 2)
    return op.emitOpError("kind ")
           << op.getKind() << " is not 0 (quicksort), 1 (heapsort) or 2 (stable)";
  if (failed(verifyCompatibleShape(operand.getShape(), result.getShape())) ||
      result.getElementType() != elementType)
    return op.emitOpError("result must be ")
           << shapeString(operand.getShape()) << " of " << dtypeName(elementType)
           << ", got " << shapeString(result.getShape()) << " of "
           << dtypeName(result.getElementType());
  return success();
}
LogicalResult SortOp::verify() {
  return verifySortLike(*this, getOperand().getType().getElementType());
}
LogicalResult ArgsortOp::verify() {
  return verifySortLike(*this, IntegerType::get(getContext(), 64));
}

/// `kth` (of ag.partition, ag.argpartition, ag.order_statistics): ascending indices of
/// the axis (numpy sorts them; the kernels rely on it).
template <typename OpTy> static LogicalResult verifyKth(OpTy op) {
  auto operand = op.getOperand().getType();
  if (failed(verifyAlongAxis(op, operand, op.getAxis())))
    return failure();
  int64_t size = operand.getDimSize(op.getAxis());
  int64_t previous = 0;
  for (int64_t k : op.getKth()) {
    if (k < previous || (!ShapedType::isDynamic(size) && size > 0 && k >= size))
      return op.emitOpError("kth must be ascending indices of the axis (size ")
             << (ShapedType::isDynamic(size) ? std::string("?") : std::to_string(size))
             << "), got " << k;
    previous = k;
  }
  return success();
}

/// ag.partition / ag.argpartition: like a sort, with a kth.
template <typename OpTy>
static LogicalResult verifyPartitionLike(OpTy op, Type elementType) {
  auto operand = op.getOperand().getType();
  auto result = op.getResult().getType();
  if (failed(verifyKth(op)))
    return failure();
  if (failed(verifyCompatibleShape(operand.getShape(), result.getShape())) ||
      result.getElementType() != elementType)
    return op.emitOpError("result must be ")
           << shapeString(operand.getShape()) << " of " << dtypeName(elementType)
           << ", got " << shapeString(result.getShape()) << " of "
           << dtypeName(result.getElementType());
  return success();
}
LogicalResult PartitionOp::verify() {
  return verifyPartitionLike(*this, getOperand().getType().getElementType());
}
LogicalResult ArgpartitionOp::verify() {
  return verifyPartitionLike(*this, IntegerType::get(getContext(), 64));
}

/// ag.order_statistics: a kth, and the operand's shape with len(kth) along the axis.
LogicalResult OrderStatisticsOp::verify() {
  if (failed(verifyKth(*this)))
    return failure();
  auto operand = getOperand().getType();
  auto result = getResult().getType();
  SmallVector<int64_t> shape(operand.getShape());
  if (operand.getDimSize(getAxis()) == 0 && !getKth().empty())
    return emitOpError("an empty lane has no order statistics");
  shape[getAxis()] = getKth().size();
  // (The axis's size is static: the result is allocated like the operand but there.)
  if (failed(verifyCompatibleShape(shape, result.getShape())) ||
      result.getDimSize(getAxis()) != shape[getAxis()] ||
      result.getElementType() != operand.getElementType())
    return emitOpError("result must be ")
           << shapeString(shape) << " of " << dtypeName(operand.getElementType())
           << ", got " << shapeString(result.getShape()) << " of "
           << dtypeName(result.getElementType());
  return success();
}

LogicalResult SearchsortedOp::verify() {
  auto sorted = getSorted().getType(), values = getValues().getType();
  auto result = getResult().getType();
  if (sorted.getRank() != 1 || values.getRank() != 1)
    return emitOpError("expects 1-D sorted and values (the runtime flattens values), got ")
           << shapeString(sorted.getShape()) << " and " << shapeString(values.getShape());
  if (sorted.getElementType() != values.getElementType())
    return emitOpError("sorted and values have different dtypes ")
           << dtypeName(sorted.getElementType()) << " and "
           << dtypeName(values.getElementType()) << " (the runtime must cast first)";
  if (Value sorter = getSorter()) {
    auto type = cast<RankedTensorType>(sorter.getType());
    if (type.getRank() != 1 || !type.getElementType().isInteger(64) ||
        failed(verifyCompatibleShape(type.getShape(), sorted.getShape())))
      return emitOpError("sorter must be int64 of the sorted shape ")
             << shapeString(sorted.getShape()) << ", got "
             << shapeString(type.getShape()) << " of " << dtypeName(type.getElementType());
  }
  if (failed(verifyCompatibleShape(result.getShape(), values.getShape())) ||
      !result.getElementType().isInteger(64))
    return emitOpError("result must be ")
           << shapeString(values.getShape()) << " of int64, got "
           << shapeString(result.getShape()) << " of "
           << dtypeName(result.getElementType());
  return success();
}

//===----------------------------------------------------------------------===//
// HostCallOp
//===----------------------------------------------------------------------===//

LogicalResult HostCallOp::verify() {
  // The lowering allocates the result from these sizes before the host fills it.
  int64_t dynamic = getResult().getType().getNumDynamicDims();
  if ((int64_t)getSizes().size() != dynamic)
    return emitOpError("expects one size per dynamic result dim (")
           << dynamic << "), got " << getSizes().size();
  return success();
}

#define GET_OP_CLASSES
#include "ag/IR/AgOps.cpp.inc"

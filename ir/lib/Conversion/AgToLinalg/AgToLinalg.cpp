//===- AgToLinalg.cpp - The convert-ag-to-linalg pass ---------------------===//
//
// Drives the per-family patterns (Elementwise, Reduction, Linear, DataMovement, Scan) and hosts
// the helpers they share. All ag ops are illegal afterwards; the pass fails loudly on an op
// without a lowering rather than leaving it for the LLVM lowering to trip over.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "ag/Abi/ag_abi.h"
#include "ag/Conversion/HostCalls.h"
#include "ag/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_CONVERTAGTOLINALG
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;
using namespace mlir::ag;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

Value lowering::createEmpty(OpBuilder &b, Location loc, RankedTensorType type,
                          ValueRange shapeSources) {
  SmallVector<Value> dynSizes;
  int64_t rank = type.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    if (!type.isDynamicDim(d))
      continue;
    // The smallest size the sources have here (ignoring stretched 1s): equal at run time
    // when the program is valid (the staging runtime checks), and never past any
    // operand's end when it is not (the failed check discards the results).
    Value size;
    for (Value src : shapeSources) {
      auto srcType = cast<RankedTensorType>(src.getType());
      int64_t sd = d - (rank - srcType.getRank());
      if (sd < 0 || srcType.getDimSize(sd) == 1)
        continue;
      Value s = srcType.isDynamicDim(sd)
                    ? b.create<tensor::DimOp>(loc, src, sd).getResult()
                    : b.create<arith::ConstantIndexOp>(loc, srcType.getDimSize(sd))
                          .getResult();
      size = size ? b.create<arith::MinUIOp>(loc, size, s).getResult() : s;
    }
    if (!size) // Every source has 1 (or nothing) here: the broadcast size is 1.
      size = b.create<arith::ConstantIndexOp>(loc, 1);
    dynSizes.push_back(size);
  }
  return b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType(), dynSizes);
}

/// A tensor of `sizes` filled with `value`.
Value lowering::filledOfSizes(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, Value value) {
  Value empty = b.create<tensor::EmptyOp>(loc, sizes, value.getType());
  return b.create<linalg::FillOp>(loc, value, empty).getResult(0);
}

/// `v` viewed with dim `d` cut to `size` (from index 0): a no-op when it already is.
Value lowering::cutDim(OpBuilder &b, Location loc, Value v, int64_t d, OpFoldResult size) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, v);
  if (sizes[d] == size)
    return v;
  sizes[d] = size;
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  return b.create<tensor::ExtractSliceOp>(loc, v, offsets, sizes, strides);
}

/// The smaller of two sizes: the size both operands are viewed at where a dynamic dim
/// meets another (the frontend's run-time check reports a mismatch; the views keep a
/// failed check from reading past a buffer).
OpFoldResult lowering::minSize(OpBuilder &b, Location loc, OpFoldResult x, OpFoldResult y) {
  if (x == y)
    return x;
  std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
  if (cx && cy)
    return b.getIndexAttr(std::min(*cx, *cy));
  return b.create<arith::MinSIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, x),
                                  getValueOrCreateConstantIndexOp(b, loc, y))
      .getResult();
}

/// Collapses dims [first, last] of `v` into one.
Value lowering::collapseDims(OpBuilder &b, Location loc, Value v, int64_t first, int64_t last) {
  auto type = cast<RankedTensorType>(v.getType());
  if (first == last)
    return v;
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < type.getRank();) {
    ReassociationIndices g{d};
    if (d == first)
      while (g.back() < last)
        g.push_back(g.back() + 1);
    d = g.back() + 1;
    groups.push_back(g);
  }
  return b.create<tensor::CollapseShapeOp>(loc, v, groups);
}

/// Splits dim `d` of `v` into dims of `sizes` (their product is its size).
Value lowering::expandDim(OpBuilder &b, Location loc, Value v, int64_t d,
                ArrayRef<OpFoldResult> sizes) {
  auto type = cast<RankedTensorType>(v.getType());
  if (sizes.size() == 1)
    return v;
  SmallVector<ReassociationIndices> groups;
  SmallVector<OpFoldResult> outSizes;
  SmallVector<OpFoldResult> inSizes = tensor::getMixedSizes(b, loc, v);
  int64_t next = 0;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    ReassociationIndices g;
    if (i == d) {
      for (OpFoldResult s : sizes) {
        g.push_back(next++);
        outSizes.push_back(s);
      }
    } else {
      g.push_back(next++);
      outSizes.push_back(inSizes[i]);
    }
    groups.push_back(g);
  }
  SmallVector<int64_t> staticShape;
  SmallVector<Value> dynamicSizes;
  dispatchIndexOpFoldResults(outSizes, dynamicSizes, staticShape);
  auto outType = RankedTensorType::get(staticShape, type.getElementType());
  if (llvm::count_if(sizes, [](OpFoldResult s) { return !getConstantIntValue(s); }) <= 1)
    return b.create<tensor::ExpandShapeOp>(loc, outType, v, groups, outSizes);
  // MLIR 19 bufferizes an expand_shape group with several dynamic dims by inferring its
  // sizes, which it cannot (a crash): reshape by a shape tensor instead.
  return reshapeToShape(b, loc, v, outType, outSizes);
}

Value lowering::reshapeToShape(OpBuilder &b, Location loc, Value v, RankedTensorType type,
                               ArrayRef<OpFoldResult> sizes) {
  SmallVector<Value> dims;
  for (OpFoldResult s : sizes)
    dims.push_back(getValueOrCreateConstantIndexOp(b, loc, s));
  Value shape = b.create<tensor::FromElementsOp>(loc, dims);
  return b.create<tensor::ReshapeOp>(loc, type, v, shape);
}

Value lowering::createFilled(OpBuilder &b, Location loc, RankedTensorType type, Value value,
                           ValueRange shapeSources) {
  Value empty = createEmpty(b, loc, type, shapeSources);
  return b.create<linalg::FillOp>(loc, value, empty).getResult(0);
}

AffineMap lowering::broadcastMap(MLIRContext *ctx, RankedTensorType operandType,
                               ArrayRef<int64_t> resultShape) {
  int64_t rank = resultShape.size();
  int64_t lead = rank - operandType.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < operandType.getRank(); ++d) {
    bool stretched = operandType.getDimSize(d) == 1 && resultShape[lead + d] != 1;
    exprs.push_back(stretched ? getAffineConstantExpr(0, ctx)
                              : getAffineDimExpr(lead + d, ctx));
  }
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value lowering::buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  // A 0-d result is plain scalar arithmetic: chains of numpy-scalar ops become SSA
  // values once canonicalization folds each extract of a from_elements.
  if (resultType.getRank() == 0) {
    SmallVector<Value> scalars;
    for (Value in : inputs)
      scalars.push_back(b.create<tensor::ExtractOp>(loc, in, ValueRange{}));
    return b.create<tensor::FromElementsOp>(loc, resultType, body(b, loc, scalars));
  }
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps;
  for (Value in : inputs)
    maps.push_back(
        broadcastMap(ctx, cast<RankedTensorType>(in.getType()), resultType.getShape()));
  maps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  Value init = createEmpty(b, loc, resultType, inputs);
  // linalg takes a loop's range from the first operand that has the dim: view every
  // operand at the result's size in the dynamic dims (the smallest operand's, see
  // createEmpty), so that operands of mismatched sizes are never read past their end.
  SmallVector<Value> operands(inputs);
  if (!resultType.hasStaticShape()) {
    int64_t rank = resultType.getRank();
    // Dims where more than one operand has a size (a single one sizes the result).
    SmallVector<int> sized(rank, 0);
    for (Value in : inputs) {
      auto type = cast<RankedTensorType>(in.getType());
      for (int64_t d = 0; d < type.getRank(); ++d)
        sized[rank - type.getRank() + d] += type.getDimSize(d) != 1;
    }
    for (Value &in : operands) {
      auto type = cast<RankedTensorType>(in.getType());
      int64_t lead = rank - type.getRank();
      SmallVector<OpFoldResult> offsets, sizes, strides;
      bool needed = false;
      for (int64_t d = 0; d < type.getRank(); ++d) {
        offsets.push_back(b.getIndexAttr(0));
        strides.push_back(b.getIndexAttr(1));
        if (resultType.isDynamicDim(lead + d) && type.getDimSize(d) != 1 &&
            sized[lead + d] > 1) {
          sizes.push_back(b.create<tensor::DimOp>(loc, init, lead + d).getResult());
          needed = true;
        } else if (type.isDynamicDim(d)) {
          sizes.push_back(b.create<tensor::DimOp>(loc, in, d).getResult());
        } else {
          sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
        }
      }
      if (needed)
        in = b.create<tensor::ExtractSliceOp>(loc, in, offsets, sizes, strides);
    }
  }
  inputs = operands;
  auto generic = b.create<linalg::GenericOp>(
      loc, resultType, inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = body(nb, nloc, args.drop_back());
        nb.create<linalg::YieldOp>(nloc, r);
      });
  return generic.getResult(0);
}

Value lowering::scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (auto ct = dyn_cast<ComplexType>(type)) // value + 0j
    return b.create<complex::CreateOp>(
        loc, ct, scalarConstant(b, loc, ct.getElementType(), value),
        scalarConstant(b, loc, ct.getElementType(), 0.0));
  if (auto ft = dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(ft, value));
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, (int64_t)value));
}

bool lowering::isUnsigned(Type type) {
  auto it = dyn_cast<IntegerType>(type);
  return it && it.isUnsigned();
}

arith::CmpIPredicate lowering::intPredicate(Type type, arith::CmpIPredicate p) {
  if (!isUnsigned(type) && !type.isInteger(1))
    return p;
  switch (p) {
  case arith::CmpIPredicate::slt:
    return arith::CmpIPredicate::ult;
  case arith::CmpIPredicate::sle:
    return arith::CmpIPredicate::ule;
  case arith::CmpIPredicate::sgt:
    return arith::CmpIPredicate::ugt;
  case arith::CmpIPredicate::sge:
    return arith::CmpIPredicate::uge;
  default:
    return p;
  }
}

Value lowering::highestValue(OpBuilder &b, Location loc, Type type) {
  if (auto ft = dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(ft, APFloat::getInf(ft.getFloatSemantics())));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt v = width == 1 || isUnsigned(type) ? APInt::getAllOnes(width)
                                           : APInt::getSignedMaxValue(width);
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, v));
}

Value lowering::lowestValue(OpBuilder &b, Location loc, Type type) {
  if (auto ft = dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(ft, APFloat::getInf(ft.getFloatSemantics(), true)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt v = width == 1 || isUnsigned(type) ? APInt::getZero(width)
                                           : APInt::getSignedMinValue(width);
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, v));
}

/// C's float -> int conversion on x86-64 (cvtt{ss,sd}2si), for an int32 or int64 `to`.
/// NaN, +-inf and values whose truncation does not fit give the "integer indefinite"
/// value INT_MIN. arith.fptosi of those values is poison, which LLVM turns into different
/// garbage per call once it can see the value (a constant, a fused fill), so the value is
/// checked first: out-of-range inputs are converted as 0 and their result replaced by
/// INT_MIN. Two compares and two selects: the loop still vectorises.
static Value cvtt(OpBuilder &b, Location loc, Value x, Type to) {
  auto from = cast<FloatType>(x.getType());
  unsigned width = to.getIntOrFloatBitWidth();
  // -2^(w-1) and 2^(w-1) are exact in f32 and f64; ordered compares are false for NaN.
  double bound = std::ldexp(1.0, width - 1);
  Value lo = b.create<arith::ConstantOp>(loc, b.getFloatAttr(from, -bound));
  Value hi = b.create<arith::ConstantOp>(loc, b.getFloatAttr(from, bound));
  Value inRange = b.create<arith::AndIOp>(
      loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x, lo),
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, hi));
  Value safe =
      b.create<arith::SelectOp>(loc, inRange, x, lowering::scalarConstant(b, loc, from, 0));
  Value converted = b.create<arith::FPToSIOp>(loc, to, safe);
  return b.create<arith::SelectOp>(loc, inRange, converted,
                                   lowering::lowestValue(b, loc, to));
}

/// numpy's float -> int cast, as GCC compiles numpy's C casts on x86-64: int8/16 and
/// uint8/16 through int32 (truncated), int32/int64 and uint32 through cvtt, uint64 as
/// `x < 2^63 ? cvtt(x) : cvtt(x - 2^63) ^ 2^63` (NaN on the first branch). In range the
/// result is the truncated value; out of range (numpy warns "invalid value encountered in
/// cast") it is what those instructions give, except that uint32 of values >= 2^32 or
/// < -2^31 differs between numpy's vectorised and scalar loops (ag gives the scalar's
/// int64 route truncated).
static Value floatToInt(OpBuilder &b, Location loc, Value x, Type to) {
  if (x.getType().isF16()) // every float16 is exact in float32
    x = b.create<arith::ExtFOp>(loc, b.getF32Type(), x);
  unsigned width = to.getIntOrFloatBitWidth();
  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  // Ops may produce `ui` types here: convert-ag-to-linalg makes every type signless
  // before anything verifies them (see stripSignedness).
  auto narrow = [&](Value v) -> Value {
    return v.getType().getIntOrFloatBitWidth() == width
               ? b.create<arith::BitcastOp>(loc, to, v).getResult()
               : b.create<arith::TruncIOp>(loc, to, v).getResult();
  };
  if (width < 32)
    return narrow(cvtt(b, loc, x, i32));
  if (!lowering::isUnsigned(to))
    return cvtt(b, loc, x, to);
  if (width == 32)
    return narrow(cvtt(b, loc, x, i64));
  Type from = x.getType();
  Value two63 = lowering::scalarConstant(b, loc, from, std::ldexp(1.0, 63));
  Value high = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x, two63);
  Value low = cvtt(b, loc, x, i64);
  Value shifted = b.create<arith::XOrIOp>(
      loc, cvtt(b, loc, b.create<arith::SubFOp>(loc, x, two63), i64),
      lowering::lowestValue(b, loc, i64));
  return narrow(b.create<arith::SelectOp>(loc, high, shifted, low));
}

Value lowering::castScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  auto fromComplex = dyn_cast<ComplexType>(from);
  auto toComplex = dyn_cast<ComplexType>(to);
  if (fromComplex && to.isInteger(1)) { // numpy: nonzero when either part is (NaN too)
    Value zero = scalarConstant(b, loc, fromComplex.getElementType(), 0);
    Value re = b.create<complex::ReOp>(loc, x), im = b.create<complex::ImOp>(loc, x);
    return b.create<arith::OrIOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, re, zero),
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, im, zero));
  }
  if (fromComplex && toComplex) // each part, as numpy's complex casts
    return b.create<complex::CreateOp>(
        loc, toComplex,
        castScalar(b, loc, b.create<complex::ReOp>(loc, x), toComplex.getElementType()),
        castScalar(b, loc, b.create<complex::ImOp>(loc, x), toComplex.getElementType()));
  if (fromComplex) // to a real dtype: numpy drops the imaginary part (ComplexWarning)
    return castScalar(b, loc, b.create<complex::ReOp>(loc, x), to);
  if (toComplex) // from a real dtype: the part's cast, and +0.0j
    return b.create<complex::CreateOp>(
        loc, toComplex, castScalar(b, loc, x, toComplex.getElementType()),
        scalarConstant(b, loc, toComplex.getElementType(), 0.0));
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  bool fromBool = from.isInteger(1), toBool = to.isInteger(1);
  if (toBool) {
    // numpy: bool(x) is x != 0; NaN is truthy, hence the unordered compare.
    if (fromFloat)
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, x,
                                     scalarConstant(b, loc, from, 0));
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, x,
                                   scalarConstant(b, loc, from, 0));
  }
  if (fromFloat && toFloat)
    return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
               ? b.create<arith::ExtFOp>(loc, to, x).getResult()
               : b.create<arith::TruncFOp>(loc, to, x).getResult();
  if (fromFloat)
    return floatToInt(b, loc, x, to);
  if (toFloat) {
    // numpy converts int64 -> float16 through double (one rounding of a 64-bit value to
    // 11 bits would differ in rare double-rounding cases only for |x| > 2^24, all inf).
    return fromBool || lowering::isUnsigned(from)
               ? b.create<arith::UIToFPOp>(loc, to, x).getResult()
               : b.create<arith::SIToFPOp>(loc, to, x).getResult();
  }
  // Integer to integer: numpy keeps the low bits (C's conversion); widening extends by
  // the source's signedness.
  unsigned fromWidth = from.getIntOrFloatBitWidth(), toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth)
    return fromBool || lowering::isUnsigned(from) ? b.create<arith::ExtUIOp>(loc, to, x).getResult()
                                        : b.create<arith::ExtSIOp>(loc, to, x).getResult();
  if (fromWidth > toWidth)
    return b.create<arith::TruncIOp>(loc, to, x);
  return b.create<arith::BitcastOp>(loc, to, x); // int64 <-> uint64: the same bits
}

Value lowering::normalizeIndex(OpBuilder &b, Location loc, Value index, Value size) {
  Value scalar = b.create<tensor::ExtractOp>(loc, index, ValueRange{});
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), scalar);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  Value wrapped = b.create<arith::SelectOp>(
      loc, negative, b.create<arith::AddIOp>(loc, i, size), i);
  Value last = b.create<arith::SubIOp>(loc, size, one);
  Value clamped = b.create<arith::MinSIOp>(loc, wrapped, last);
  return b.create<arith::MaxSIOp>(loc, clamped, zero);
}

//===----------------------------------------------------------------------===//
// The stack guard
//===----------------------------------------------------------------------===//

namespace {
/// ag.stack_guard -> a call of the runtime's stack check. Unlike ag.print and ag.assert
/// (bufferized into host calls once their operands' buffers exist) it has no operand,
/// so it becomes its call here; the 0-d result wraps the returned i1.
struct StackGuardLowering : OpConversionPattern<StackGuardOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(StackGuardOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type i64 = rewriter.getI64Type(), i1 = rewriter.getI1Type();
    auto callee = declareHostFunction(op->getParentOfType<ModuleOp>(), AG_ABI_STACK_OK,
                                      {i64}, {i1});
    Value id = rewriter.create<arith::ConstantIntOp>(loc, op.getCallback(), 64);
    Value ok = rewriter.create<func::CallOp>(loc, callee, ValueRange{id}).getResult(0);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, op.getType(), ValueRange{ok});
    return success();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Signedness
//===----------------------------------------------------------------------===//

/// The unsigned integer types (`ui8` ... `ui64`) become signless once every op that
/// depends on signedness has been lowered to its unsigned arith form: arith, linalg and
/// LLVM take signless integers only. The ag ops that stay until bufferization (host
/// callbacks) keep which of their operands (then results) were unsigned in `ag.unsigned`,
/// as the callback's name depends on it. The library kernels (sort, LAPACK) have no
/// unsigned or 8/16-bit variants: the frontend casts for them, so meeting one here is an
/// internal error.
static LogicalResult stripSignedness(ModuleOp module) {
  auto isUnsignedTensor = [](Type t) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    return tensor && lowering::isUnsigned(tensor.getElementType());
  };
  auto hasKernel = [](Type t) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor)
      return true;
    Type e = tensor.getElementType();
    return e.isF32() || e.isF64() || e.isSignlessInteger(1) || e.isSignlessInteger(32) ||
           e.isSignlessInteger(64);
  };
  WalkResult walk = module.walk([&](Operation *op) {
    if (!isa<AgDialect>(op->getDialect()))
      return WalkResult::advance();
    if (isa<PrintOp, HostCallOp>(op)) {
      SmallVector<bool> flags;
      for (Type t : op->getOperandTypes())
        flags.push_back(isUnsignedTensor(t));
      for (Type t : op->getResultTypes())
        flags.push_back(isUnsignedTensor(t));
      if (llvm::is_contained(flags, true))
        op->setAttr("ag.unsigned", DenseBoolArrayAttr::get(op->getContext(), flags));
      return WalkResult::advance();
    }
    if (!llvm::all_of(op->getOperandTypes(), hasKernel) ||
        !llvm::all_of(op->getResultTypes(), hasKernel)) {
      op->emitOpError("has no library kernel for this dtype");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  AttrTypeReplacer replacer;
  replacer.addReplacement([](IntegerType t) -> std::optional<Type> {
    if (t.isSignless())
      return std::nullopt;
    return IntegerType::get(t.getContext(), t.getWidth());
  });
  // Attributes that hold their type as a parameter the generic walk does not rewrite.
  auto signless = [](Type t) -> std::optional<Type> {
    auto it = dyn_cast<IntegerType>(t);
    if (!it || it.isSignless())
      return std::nullopt;
    return IntegerType::get(t.getContext(), it.getWidth());
  };
  replacer.addReplacement([=](DenseIntOrFPElementsAttr a) -> std::optional<Attribute> {
    if (auto t = signless(a.getElementType()))
      return a.bitcast(*t);
    return std::nullopt;
  });
  replacer.addReplacement([=](IntegerAttr a) -> std::optional<Attribute> {
    if (auto t = signless(a.getType()))
      return IntegerAttr::get(*t, a.getValue());
    return std::nullopt;
  });
  replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true, /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
  return success();
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

namespace {
struct ConvertAgToLinalgPass
    : public ag::impl::ConvertAgToLinalgBase<ConvertAgToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<AgDialect>();
    // Host callbacks become calls during bufferization, once their buffers exist; so
    // do sorts and partitions, which call the kernels of ag/Abi/ag_abi.h.
    target.addLegalOp<PrintOp, AssertOp, HostCallOp, SortOp, ArgsortOp, PartitionOp,
                      ArgpartitionOp, OrderStatisticsOp, SearchsortedOp, LapackOp>();
    target.addLegalDialect<arith::ArithDialect, complex::ComplexDialect,
                           func::FuncDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    populateElementwisePatterns(patterns);
    populateComplexPatterns(patterns);
    populateReductionPatterns(patterns);
    populateLinearPatterns(patterns);
    populateDataMovementPatterns(patterns);
    populateIndexingPatterns(patterns);
    populateScanPatterns(patterns);
    patterns.add<StackGuardLowering>(ctx);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))) ||
        failed(stripSignedness(getOperation())))
      signalPassFailure();
  }
};
} // namespace

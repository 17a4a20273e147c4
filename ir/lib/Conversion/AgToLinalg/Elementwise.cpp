//===- Elementwise.cpp - ag elementwise ops to linalg.generic -------------===//
//
// Every elementwise op becomes one all-parallel linalg.generic whose body is the scalar
// meaning of the op for its element type, written to match numpy 1.24 exactly: floor
// division and remainder follow npy_divmod, integer division never traps, comparisons
// treat NaN as numpy does, sign(-0.0) is 0.0.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }
bool isBool(Value v) { return v.getType().isInteger(1); }

Value cmpF(OpBuilder &b, Location loc, arith::CmpFPredicate p, Value x, Value y) {
  return b.create<arith::CmpFOp>(loc, p, x, y);
}
Value cmpI(OpBuilder &b, Location loc, arith::CmpIPredicate p, Value x, Value y) {
  return b.create<arith::CmpIOp>(loc, p, x, y);
}
Value select(OpBuilder &b, Location loc, Value c, Value x, Value y) {
  return b.create<arith::SelectOp>(loc, c, x, y);
}

//===----------------------------------------------------------------------===//
// Division rules
//===----------------------------------------------------------------------===//

/// numpy's integer floor division or remainder. The divisor is replaced by 1 where it is
/// 0 or where the dividend is INT_MIN and the divisor -1 (both trap in hardware), then the
/// result is fixed up: numpy gives 0 for x // 0 and x % 0, INT_MIN for INT_MIN // -1, 0 for
/// INT_MIN % -1 -- which is exactly what dividing by 1 gives in the second case.
Value intDivmod(OpBuilder &b, Location loc, Value a, Value d, bool wantQuotient) {
  Type t = a.getType();
  Value zero = scalarConstant(b, loc, t, 0);
  if (isUnsigned(t)) { // floor is truncation; only x // 0 and x % 0 (0) need care
    Value isZero = cmpI(b, loc, arith::CmpIPredicate::eq, d, zero);
    Value safe = select(b, loc, isZero, scalarConstant(b, loc, t, 1), d);
    Value r = wantQuotient ? b.create<arith::DivUIOp>(loc, a, safe).getResult()
                           : b.create<arith::RemUIOp>(loc, a, safe).getResult();
    return select(b, loc, isZero, zero, r);
  }
  Value one = scalarConstant(b, loc, t, 1);
  Value minusOne = scalarConstant(b, loc, t, -1);
  Value intMin = lowestValue(b, loc, t);
  Value isZero = cmpI(b, loc, arith::CmpIPredicate::eq, d, zero);
  Value overflow = b.create<arith::AndIOp>(
      loc, cmpI(b, loc, arith::CmpIPredicate::eq, a, intMin),
      cmpI(b, loc, arith::CmpIPredicate::eq, d, minusOne));
  Value safe = select(b, loc, b.create<arith::OrIOp>(loc, isZero, overflow), one, d);
  Value q = b.create<arith::DivSIOp>(loc, a, safe);
  Value r = b.create<arith::RemSIOp>(loc, a, safe);
  // Truncating division rounds toward zero; step to floor when the signs differ.
  Value adjust = b.create<arith::AndIOp>(
      loc, cmpI(b, loc, arith::CmpIPredicate::ne, r, zero),
      cmpI(b, loc, arith::CmpIPredicate::ne,
           cmpI(b, loc, arith::CmpIPredicate::slt, r, zero),
           cmpI(b, loc, arith::CmpIPredicate::slt, safe, zero)));
  Value result = wantQuotient
                     ? select(b, loc, adjust, b.create<arith::SubIOp>(loc, q, one), q)
                     : select(b, loc, adjust, b.create<arith::AddIOp>(loc, r, safe), r);
  return select(b, loc, isZero, zero, result);
}

/// numpy's float floor division or remainder, transcribed from npy_divmod (1.24).
Value floatDivmod(OpBuilder &b, Location loc, Value a, Value d, bool wantQuotient) {
  Type t = a.getType();
  Value zero = scalarConstant(b, loc, t, 0);
  Value one = scalarConstant(b, loc, t, 1);
  Value half = scalarConstant(b, loc, t, 0.5);
  Value mod = b.create<arith::RemFOp>(loc, a, d); // fmod
  Value divZero = cmpF(b, loc, arith::CmpFPredicate::OEQ, d, zero);
  Value modNonZero = cmpF(b, loc, arith::CmpFPredicate::UNE, mod, zero);
  Value signsDiffer = b.create<arith::XOrIOp>(
      loc, cmpF(b, loc, arith::CmpFPredicate::OLT, d, zero),
      cmpF(b, loc, arith::CmpFPredicate::OLT, mod, zero));
  Value fix = b.create<arith::AndIOp>(loc, modNonZero, signsDiffer);
  if (!wantQuotient) {
    Value fixed = select(b, loc, fix, b.create<arith::AddFOp>(loc, mod, d), mod);
    Value signedZero = b.create<math::CopySignOp>(loc, zero, d);
    Value result = select(b, loc, modNonZero, fixed, signedZero);
    return select(b, loc, divZero, mod, result);
  }
  Value div = b.create<arith::DivFOp>(loc, b.create<arith::SubFOp>(loc, a, mod), d);
  div = select(b, loc, fix, b.create<arith::SubFOp>(loc, div, one), div);
  Value floorDiv = b.create<math::FloorOp>(loc, div);
  Value snapUp = cmpF(b, loc, arith::CmpFPredicate::OGT,
                      b.create<arith::SubFOp>(loc, div, floorDiv), half);
  floorDiv = select(b, loc, snapUp, b.create<arith::AddFOp>(loc, floorDiv, one), floorDiv);
  Value quotient = b.create<arith::DivFOp>(loc, a, d);
  Value divNonZero = cmpF(b, loc, arith::CmpFPredicate::UNE, div, zero);
  Value result = select(b, loc, divNonZero, floorDiv,
                        b.create<math::CopySignOp>(loc, zero, quotient));
  return select(b, loc, divZero, quotient, result);
}

/// Integer power by repeated squaring (exact, wraps like numpy). Negative exponents,
/// which numpy rejects, give 1 for base 1, +-1 for base -1 and 0 otherwise -- never a trap.
Value intPow(OpBuilder &b, Location loc, Value base, Value exp) {
  Type t = base.getType();
  Value zero = scalarConstant(b, loc, t, 0);
  Value one = scalarConstant(b, loc, t, 1);
  auto loop = b.create<scf::WhileOp>(
      loc, TypeRange{t, t, t}, ValueRange{one, base, exp},
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value more = cmpI(nb, nloc, intPredicate(t, arith::CmpIPredicate::sgt), args[2], zero);
        nb.create<scf::ConditionOp>(nloc, more, args);
      },
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value odd = cmpI(nb, nloc, arith::CmpIPredicate::ne,
                         nb.create<arith::AndIOp>(nloc, args[2], one), zero);
        Value acc = select(nb, nloc, odd, nb.create<arith::MulIOp>(nloc, args[0], args[1]),
                           args[0]);
        Value sq = nb.create<arith::MulIOp>(nloc, args[1], args[1]);
        Value rest = nb.create<arith::ShRUIOp>(nloc, args[2], one);
        nb.create<scf::YieldOp>(nloc, ValueRange{acc, sq, rest});
      });
  Value minusOne = scalarConstant(b, loc, t, -1);
  Value oddExp = cmpI(b, loc, arith::CmpIPredicate::ne,
                      b.create<arith::AndIOp>(loc, exp, one), zero);
  Value negative =
      select(b, loc, cmpI(b, loc, arith::CmpIPredicate::eq, base, one), one,
             select(b, loc, cmpI(b, loc, arith::CmpIPredicate::eq, base, minusOne),
                    select(b, loc, oddExp, minusOne, one), zero));
  if (isUnsigned(t))
    return loop.getResult(0);
  return select(b, loc, cmpI(b, loc, arith::CmpIPredicate::slt, exp, zero), negative,
                loop.getResult(0));
}

//===----------------------------------------------------------------------===//
// Scalar meaning of each binary op
//===----------------------------------------------------------------------===//

Value scalarOp(AddOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return b.create<arith::AddFOp>(loc, x, y);
  if (isBool(x))
    return b.create<arith::OrIOp>(loc, x, y);
  return b.create<arith::AddIOp>(loc, x, y);
}
Value scalarOp(SubOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return b.create<arith::SubFOp>(loc, x, y);
  return b.create<arith::SubIOp>(loc, x, y);
}
Value scalarOp(MulOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return b.create<arith::MulFOp>(loc, x, y);
  if (isBool(x))
    return b.create<arith::AndIOp>(loc, x, y);
  return b.create<arith::MulIOp>(loc, x, y);
}
Value scalarOp(DivOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::DivFOp>(loc, x, y);
}
Value scalarOp(FloorDivOp, OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x) ? floatDivmod(b, loc, x, y, true) : intDivmod(b, loc, x, y, true);
}
Value scalarOp(ModOp, OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x) ? floatDivmod(b, loc, x, y, false) : intDivmod(b, loc, x, y, false);
}
Value scalarOp(PowOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return b.create<math::PowFOp>(loc, x, y);
  return intPow(b, loc, x, y);
}
/// numpy's float maximum/minimum: NaN propagates, and on ties (including 0.0 vs -0.0)
/// the second operand wins, as in numpy's SIMD loops (IEEE maximum would pick +0.0).
/// One select on `isnan(x) | x > y` (y when y is NaN): LLVM 19's instcombine
/// miscompiles the equivalent nested selects `isnan(x) ? x : (x > 0 ? x : 0)` when x is
/// fabs(a) -- it folds the condition to `a ugt 0`, so np.maximum(abs(a), 0.0) gave 0 for
/// negative a at O3 (fuzz seed 56 #1687, tests/fuzz/repros/wrong_11c69d64.py).
Value numpyMinMax(OpBuilder &b, Location loc, Value x, Value y, bool isMax) {
  Value better = cmpF(b, loc, isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
                      x, y);
  Value nan = cmpF(b, loc, arith::CmpFPredicate::UNO, x, x);
  return select(b, loc, b.create<arith::OrIOp>(loc, nan, better), x, y);
}

Value scalarOp(MaximumOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return numpyMinMax(b, loc, x, y, /*isMax=*/true);
  if (isBool(x))
    return b.create<arith::OrIOp>(loc, x, y);
  if (isUnsigned(x.getType()))
    return b.create<arith::MaxUIOp>(loc, x, y);
  return b.create<arith::MaxSIOp>(loc, x, y);
}
Value scalarOp(MinimumOp, OpBuilder &b, Location loc, Value x, Value y) {
  if (isFloat(x))
    return numpyMinMax(b, loc, x, y, /*isMax=*/false);
  if (isBool(x))
    return b.create<arith::AndIOp>(loc, x, y);
  if (isUnsigned(x.getType()))
    return b.create<arith::MinUIOp>(loc, x, y);
  return b.create<arith::MinSIOp>(loc, x, y);
}

/// Comparisons: ordered predicates for floats except `ne` (true with NaN), signed for
/// intN, unsigned for uintN and bools (false < true).
Value compare(OpBuilder &b, Location loc, Value x, Value y, arith::CmpFPredicate fp,
              arith::CmpIPredicate sp, arith::CmpIPredicate up) {
  if (isFloat(x))
    return cmpF(b, loc, fp, x, y);
  return cmpI(b, loc, isBool(x) || isUnsigned(x.getType()) ? up : sp, x, y);
}
using FP = arith::CmpFPredicate;
using IP = arith::CmpIPredicate;
Value scalarOp(EqOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::OEQ, IP::eq, IP::eq);
}
Value scalarOp(NeOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::UNE, IP::ne, IP::ne);
}
Value scalarOp(LtOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::OLT, IP::slt, IP::ult);
}
Value scalarOp(LeOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::OLE, IP::sle, IP::ule);
}
Value scalarOp(GtOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::OGT, IP::sgt, IP::ugt);
}
Value scalarOp(GeOp, OpBuilder &b, Location loc, Value x, Value y) {
  return compare(b, loc, x, y, FP::OGE, IP::sge, IP::uge);
}
Value scalarOp(LogicalAndOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AndIOp>(loc, x, y);
}
Value scalarOp(LogicalOrOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::OrIOp>(loc, x, y);
}
Value scalarOp(LogicalXorOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::XOrIOp>(loc, x, y);
}
Value scalarOp(BitwiseAndOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AndIOp>(loc, x, y);
}
Value scalarOp(BitwiseOrOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::OrIOp>(loc, x, y);
}
Value scalarOp(BitwiseXorOp, OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::XOrIOp>(loc, x, y);
}

/// numpy computes every float16 ufunc in float32 and rounds the result to float16 (its
/// half loops convert each operand with npy_half_to_float): `body` on the operands
/// widened to f32, its float result rounded back.
Value viaFloat32(OpBuilder &b, Location loc, ValueRange operands,
                 function_ref<Value(ValueRange)> body) {
  if (operands.empty() || !operands[0].getType().isF16())
    return body(operands);
  SmallVector<Value> wide;
  for (Value v : operands)
    wide.push_back(v.getType().isF16() ? b.create<arith::ExtFOp>(loc, b.getF32Type(), v)
                                       : v);
  Value r = body(wide);
  return r.getType().isF32() ? b.create<arith::TruncFOp>(loc, b.getF16Type(), r) : r;
}

// Dynamic dims and broadcasting: a `?` dim is taken to be the result's size (never a
// stretched 1) whenever it faces another `?` or a static size > 1 (broadcastMap). Whether
// it is, is known only at run time: the staging runtime checks it before the op runs
// (numpy's broadcast error), as must any other producer of ag ops with such dims.

template <typename OpTy>
struct BinaryLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Value r = buildElementwise(
        rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
        {adaptor.getLhs(), adaptor.getRhs()},
        [&](OpBuilder &b, Location loc, ValueRange s) {
          return viaFloat32(b, loc, s, [&](ValueRange w) {
            return scalarOp(op, b, loc, w[0], w[1]);
          });
        });
    rw.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Scalar meaning of each unary op
//===----------------------------------------------------------------------===//

Value scalarOp(NegOp, OpBuilder &b, Location loc, Value x) {
  if (isFloat(x))
    return b.create<arith::NegFOp>(loc, x);
  return b.create<arith::SubIOp>(loc, scalarConstant(b, loc, x.getType(), 0), x);
}
Value scalarOp(AbsOp, OpBuilder &b, Location loc, Value x) {
  if (isFloat(x))
    return b.create<math::AbsFOp>(loc, x);
  if (isBool(x) || isUnsigned(x.getType()))
    return x;
  return b.create<math::AbsIOp>(loc, x); // abs(INT_MIN) wraps to INT_MIN, as in numpy.
}
Value scalarOp(SignOp, OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value zero = scalarConstant(b, loc, t, 0);
  Value one = scalarConstant(b, loc, t, 1);
  Value minusOne = scalarConstant(b, loc, t, -1);
  if (isFloat(x)) {
    // npy sign: x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x (NaN stays NaN, -0.0 gives 0.0).
    Value r = select(b, loc, cmpF(b, loc, FP::OEQ, x, zero), zero, x);
    r = select(b, loc, cmpF(b, loc, FP::OLT, x, zero), minusOne, r);
    return select(b, loc, cmpF(b, loc, FP::OGT, x, zero), one, r);
  }
  if (isUnsigned(t))
    return select(b, loc, cmpI(b, loc, IP::ne, x, zero), one, zero);
  Value r = select(b, loc, cmpI(b, loc, IP::slt, x, zero), minusOne, zero);
  return select(b, loc, cmpI(b, loc, IP::sgt, x, zero), one, r);
}
Value scalarOp(LogicalNotOp, OpBuilder &b, Location loc, Value x) {
  return b.create<arith::XOrIOp>(loc, x, scalarConstant(b, loc, x.getType(), 1));
}
Value scalarOp(BitwiseNotOp, OpBuilder &b, Location loc, Value x) {
  return b.create<arith::XOrIOp>(loc, x, scalarConstant(b, loc, x.getType(), -1));
}
Value scalarOp(IsNanOp, OpBuilder &b, Location loc, Value x) {
  return cmpF(b, loc, FP::UNO, x, x);
}
Value scalarOp(IsInfOp, OpBuilder &b, Location loc, Value x) {
  return cmpF(b, loc, FP::OEQ, b.create<math::AbsFOp>(loc, x),
              highestValue(b, loc, x.getType()));
}
Value scalarOp(IsFiniteOp, OpBuilder &b, Location loc, Value x) {
  return cmpF(b, loc, FP::OLT, b.create<math::AbsFOp>(loc, x),
              highestValue(b, loc, x.getType()));
}

/// A unary elementwise op as one linalg.generic whose body is `Scalar(x)`.
template <typename OpTy, Value (*Scalar)(OpBuilder &, Location, Value)>
struct UnaryLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getOperand()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return viaFloat32(b, loc, s, [&](ValueRange w) {
                                   return Scalar(b, loc, w[0]);
                                 });
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

/// The scalarOp overload of `OpTy` (the op argument only selects the overload).
template <typename OpTy> Value viaScalarOp(OpBuilder &b, Location loc, Value x) {
  return scalarOp(OpTy(), b, loc, x);
}

/// Float-only unary ops that are one math dialect op.
template <typename MathOpTy> Value viaMath(OpBuilder &b, Location loc, Value x) {
  return b.create<MathOpTy>(loc, x);
}

/// float64 expm1 without cancellation near 0 (math-to-llvm would lower it to
/// exp(x) - 1): Kahan's (u - 1) * x / log(u) with u = exp(x).
Value accurateExpm1(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value one = scalarConstant(b, loc, t, 1.0);
  Value u = b.create<math::ExpOp>(loc, x);
  Value um1 = b.create<arith::SubFOp>(loc, u, one);
  // x / log(u) is close to 1: dividing first keeps um1 * ... from overflowing.
  Value ratio = b.create<arith::MulFOp>(
      loc, um1, b.create<arith::DivFOp>(loc, x, b.create<math::LogOp>(loc, u)));
  Value r = select(b, loc, cmpF(b, loc, FP::OEQ, um1, scalarConstant(b, loc, t, -1.0)),
                   um1, ratio);
  r = select(b, loc, cmpF(b, loc, FP::OEQ, u, highestValue(b, loc, t)), u, r);
  return select(b, loc, cmpF(b, loc, FP::OEQ, u, one), x, r);
}

/// exp and expm1: the math op, with NaN passed through explicitly (the vectorisable
/// float32 approximation of ag-math-approximation maps NaN to a number).
template <typename MathOpTy> Value nanSafeMath(OpBuilder &b, Location loc, Value x) {
  Value y = std::is_same_v<MathOpTy, math::ExpM1Op> && x.getType().isF64()
                ? accurateExpm1(b, loc, x)
                : b.create<MathOpTy>(loc, x).getResult();
  return select(b, loc, cmpF(b, loc, FP::UNO, x, x), x, y);
}

/// float32 log and log2: the vectorisable approximation (ag-math-approximation) treats
/// subnormal inputs as the smallest normal number, so they are scaled by 2^24 into the
/// normal range first and the logarithm of the scale subtracted again.
template <typename MathOpTy> Value subnormalSafeLog(OpBuilder &b, Location loc, Value x) {
  if (!x.getType().isF32())
    return b.create<MathOpTy>(loc, x);
  bool isLog2 = std::is_same_v<MathOpTy, math::Log2Op>;
  Value smallest = scalarConstant(b, loc, x.getType(), 1.17549435e-38); // FLT_MIN
  Value zero = scalarConstant(b, loc, x.getType(), 0.0);
  Value sub = b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OLT, x, smallest),
                                      cmpF(b, loc, FP::OGT, x, zero));
  Value scaled = b.create<arith::MulFOp>(
      loc, x, scalarConstant(b, loc, x.getType(), 16777216.0)); // 2^24
  Value y = b.create<MathOpTy>(loc, select(b, loc, sub, scaled, x));
  double offset = isLog2 ? 24.0 : 24.0 * 0.69314718055994530942;
  Value corrected =
      b.create<arith::SubFOp>(loc, y, scalarConstant(b, loc, x.getType(), offset));
  return select(b, loc, sub, corrected, y);
}

//===----------------------------------------------------------------------===//
// select, cast, constant
//===----------------------------------------------------------------------===//

struct SelectLowering : OpConversionPattern<SelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SelectOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Value r = buildElementwise(
        rw, op.getLoc(), op.getType(),
        {adaptor.getCondition(), adaptor.getTrueValue(), adaptor.getFalseValue()},
        [&](OpBuilder &b, Location loc, ValueRange s) {
          return select(b, loc, s[0], s[1], s[2]);
        });
    rw.replaceOp(op, r);
    return success();
  }
};

/// ag.cast (numpy's astype rules) and ag.bitcast (the same bits): one scalar
/// conversion per element.
template <typename OpTy> struct ConversionLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Type to = op.getType().getElementType();
    Value r = buildElementwise(rw, op.getLoc(), op.getType(), {adaptor.getOperand()},
                               [&](OpBuilder &b, Location loc, ValueRange s) -> Value {
                                 if constexpr (std::is_same_v<OpTy, BitcastOp>)
                                   return b.create<arith::BitcastOp>(loc, to, s[0]);
                                 else
                                   return castScalar(b, loc, s[0], to);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rw) const override {
    rw.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

} // namespace

void mlir::ag::populateElementwisePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BinaryLowering<AddOp>, BinaryLowering<SubOp>, BinaryLowering<MulOp>,
               BinaryLowering<DivOp>, BinaryLowering<FloorDivOp>, BinaryLowering<ModOp>,
               BinaryLowering<PowOp>, BinaryLowering<MaximumOp>,
               BinaryLowering<MinimumOp>, BinaryLowering<EqOp>, BinaryLowering<NeOp>,
               BinaryLowering<LtOp>, BinaryLowering<LeOp>, BinaryLowering<GtOp>,
               BinaryLowering<GeOp>, BinaryLowering<LogicalAndOp>,
               BinaryLowering<LogicalOrOp>, BinaryLowering<LogicalXorOp>,
               BinaryLowering<BitwiseAndOp>, BinaryLowering<BitwiseOrOp>,
               BinaryLowering<BitwiseXorOp>>(ctx);
  patterns.add<UnaryLowering<NegOp, viaScalarOp<NegOp>>,
               UnaryLowering<AbsOp, viaScalarOp<AbsOp>>,
               UnaryLowering<SignOp, viaScalarOp<SignOp>>,
               UnaryLowering<LogicalNotOp, viaScalarOp<LogicalNotOp>>,
               UnaryLowering<BitwiseNotOp, viaScalarOp<BitwiseNotOp>>,
               UnaryLowering<IsNanOp, viaScalarOp<IsNanOp>>,
               UnaryLowering<IsInfOp, viaScalarOp<IsInfOp>>,
               UnaryLowering<IsFiniteOp, viaScalarOp<IsFiniteOp>>,
               UnaryLowering<ExpOp, nanSafeMath<math::ExpOp>>,
               UnaryLowering<Expm1Op, nanSafeMath<math::ExpM1Op>>,
               UnaryLowering<LogOp, subnormalSafeLog<math::LogOp>>,
               UnaryLowering<Log2Op, subnormalSafeLog<math::Log2Op>>,
               UnaryLowering<Exp2Op, viaMath<math::Exp2Op>>,
               UnaryLowering<Log10Op, viaMath<math::Log10Op>>,
               UnaryLowering<Log1pOp, viaMath<math::Log1pOp>>,
               UnaryLowering<SqrtOp, viaMath<math::SqrtOp>>,
               UnaryLowering<SinOp, viaMath<math::SinOp>>,
               UnaryLowering<CosOp, viaMath<math::CosOp>>,
               UnaryLowering<TanOp, viaMath<math::TanOp>>,
               UnaryLowering<ArctanOp, viaMath<math::AtanOp>>,
               UnaryLowering<SinhOp, viaMath<math::SinhOp>>,
               UnaryLowering<CoshOp, viaMath<math::CoshOp>>,
               UnaryLowering<TanhOp, viaMath<math::TanhOp>>,
               UnaryLowering<ErfOp, viaMath<math::ErfOp>>,
               UnaryLowering<FloorOp, viaMath<math::FloorOp>>,
               UnaryLowering<CeilOp, viaMath<math::CeilOp>>,
               UnaryLowering<TruncOp, viaMath<math::TruncOp>>,
               UnaryLowering<RoundOp, viaMath<math::RoundEvenOp>>>(ctx);
  patterns.add<SelectLowering, ConversionLowering<CastOp>, ConversionLowering<BitcastOp>,
               ConstantLowering>(ctx);
}

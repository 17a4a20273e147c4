//===- Complex.cpp - ag ops on complex64/complex128 to linalg.generic -----===//
//
// Elementwise ops whose operands are complex become one linalg.generic each, like the
// real ones, with a body of `complex` dialect ops (re, im, create) around arith on the
// parts. The bodies transcribe numpy 1.24's complex loops rather than the complex
// dialect's own arithmetic: numpy multiplies with the plain formula (complex.mul adds
// C99 Annex G's inf/NaN recovery, which numpy does not), divides with Smith's
// algorithm and its own zero-divisor rule, and calls libm's cexp/clog/csqrt/hypot
// (npy_cexp & co. are glibc's), so compiled code calls the same functions.
// These patterns take precedence (benefit 2) over the real ones in Elementwise.cpp,
// which do not know complex element types.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "llvm/TargetParser/Host.h"

#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

using FP = arith::CmpFPredicate;

bool hasComplexElements(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return tensor && isa<ComplexType>(tensor.getElementType());
}

struct Parts {
  Value re, im;
};

Parts split(OpBuilder &b, Location loc, Value z) {
  return {b.create<complex::ReOp>(loc, z), b.create<complex::ImOp>(loc, z)};
}
Value join(OpBuilder &b, Location loc, Value re, Value im) {
  return b.create<complex::CreateOp>(loc, ComplexType::get(re.getType()), re, im);
}
Value cmpF(OpBuilder &b, Location loc, FP p, Value x, Value y) {
  return b.create<arith::CmpFOp>(loc, p, x, y);
}
Value select(OpBuilder &b, Location loc, Value c, Value x, Value y) {
  return b.create<arith::SelectOp>(loc, c, x, y);
}
Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddFOp>(loc, x, y);
}
Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::SubFOp>(loc, x, y);
}
Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::MulFOp>(loc, x, y);
}
Value div(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::DivFOp>(loc, x, y);
}

//===----------------------------------------------------------------------===//
// Scalar bodies (numpy 1.24's loops.c.src and npy_math_complex)
//===----------------------------------------------------------------------===//

Value complexAdd(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  return join(b, loc, add(b, loc, p.re, q.re), add(b, loc, p.im, q.im));
}
Value complexSub(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  return join(b, loc, sub(b, loc, p.re, q.re), sub(b, loc, p.im, q.im));
}
Value complexMul(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  return join(b, loc, sub(b, loc, mul(b, loc, p.re, q.re), mul(b, loc, p.im, q.im)),
              add(b, loc, mul(b, loc, p.re, q.im), mul(b, loc, p.im, q.re)));
}

/// numpy's complex division: Smith's algorithm on the larger divisor part; a zero
/// divisor divides each part by |0| (inf or NaN, as numpy). A NaN divisor part makes
/// `|br| >= |bi|` false, so numpy takes the second branch: so does the select.
Value complexDiv(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  Type t = p.re.getType();
  Value one = scalarConstant(b, loc, t, 1.0), zero = scalarConstant(b, loc, t, 0.0);
  Value brAbs = b.create<math::AbsFOp>(loc, q.re), biAbs = b.create<math::AbsFOp>(loc, q.im);
  Value realLarger = cmpF(b, loc, FP::OGE, brAbs, biAbs);
  Value bothZero = b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OEQ, brAbs, zero),
                                           cmpF(b, loc, FP::OEQ, biAbs, zero));
  // |br| >= |bi|, divisor not zero.
  Value rat1 = div(b, loc, q.im, q.re);
  Value scl1 = div(b, loc, one, add(b, loc, q.re, mul(b, loc, q.im, rat1)));
  Value re1 = mul(b, loc, add(b, loc, p.re, mul(b, loc, p.im, rat1)), scl1);
  Value im1 = mul(b, loc, sub(b, loc, p.im, mul(b, loc, p.re, rat1)), scl1);
  // |br| >= |bi|, divisor zero.
  Value re0 = div(b, loc, p.re, brAbs), im0 = div(b, loc, p.im, brAbs);
  // |br| < |bi| (or NaN).
  Value rat2 = div(b, loc, q.re, q.im);
  Value scl2 = div(b, loc, one, add(b, loc, q.im, mul(b, loc, q.re, rat2)));
  Value re2 = mul(b, loc, add(b, loc, mul(b, loc, p.re, rat2), p.im), scl2);
  Value im2 = mul(b, loc, sub(b, loc, mul(b, loc, p.im, rat2), p.re), scl2);
  Value re = select(b, loc, realLarger, select(b, loc, bothZero, re0, re1), re2);
  Value im = select(b, loc, realLarger, select(b, loc, bothZero, im0, im1), im2);
  return join(b, loc, re, im);
}

Value complexEq(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  return b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OEQ, p.re, q.re),
                                 cmpF(b, loc, FP::OEQ, p.im, q.im));
}
Value complexNe(OpBuilder &b, Location loc, Value x, Value y) {
  Parts p = split(b, loc, x), q = split(b, loc, y);
  return b.create<arith::OrIOp>(loc, cmpF(b, loc, FP::UNE, p.re, q.re),
                                cmpF(b, loc, FP::UNE, p.im, q.im));
}

Value complexNeg(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x);
  return join(b, loc, b.create<arith::NegFOp>(loc, p.re), b.create<arith::NegFOp>(loc, p.im));
}
Value complexConj(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x);
  return join(b, loc, p.re, b.create<arith::NegFOp>(loc, p.im));
}
Value complexReal(OpBuilder &b, Location loc, Value x) {
  return b.create<complex::ReOp>(loc, x);
}
Value complexImag(OpBuilder &b, Location loc, Value x) {
  return b.create<complex::ImOp>(loc, x);
}
Value complexAngle(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x); // np.angle is arctan2(z.imag, z.real)
  return b.create<math::Atan2Op>(loc, p.im, p.re);
}

Value isNan(OpBuilder &b, Location loc, Value v) { return cmpF(b, loc, FP::UNO, v, v); }
Value isInf(OpBuilder &b, Location loc, Value v) {
  return cmpF(b, loc, FP::OEQ, b.create<math::AbsFOp>(loc, v), highestValue(b, loc, v.getType()));
}
Value isFinite(OpBuilder &b, Location loc, Value v) {
  return cmpF(b, loc, FP::OLT, b.create<math::AbsFOp>(loc, v), highestValue(b, loc, v.getType()));
}
Value complexIsNan(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x);
  return b.create<arith::OrIOp>(loc, isNan(b, loc, p.re), isNan(b, loc, p.im));
}
Value complexIsInf(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x);
  return b.create<arith::OrIOp>(loc, isInf(b, loc, p.re), isInf(b, loc, p.im));
}
Value complexIsFinite(OpBuilder &b, Location loc, Value x) {
  Parts p = split(b, loc, x);
  return b.create<arith::AndIOp>(loc, isFinite(b, loc, p.re), isFinite(b, loc, p.im));
}

/// Declares libm's `name` (once per module) with `type`. Plain C symbols: the JIT finds
/// them in the process, as it finds the ones math-to-libm calls.
func::FuncOp declareLibm(Operation *from, StringRef name, FunctionType type) {
  auto module = from->getParentOfType<ModuleOp>();
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  auto f = b.create<func::FuncOp>(module.getLoc(), name, type);
  f.setPrivate();
  return f;
}

/// A call of libm's complex function `name` (cexp, csin, cpow, ...; the `f` variant for
/// complex64) on `args`, by the x86-64 C ABI: a double complex travels as two doubles
/// (in and out, which is how LLVM passes the {double, double} struct complex<f64>
/// becomes); a float complex as one 8-byte SSE value holding both floats (re in the low
/// half), which is a double's register and bits.
Value callComplexLibm(OpBuilder &b, Location loc, Operation *from, StringRef name,
                      ValueRange args) {
  auto type = cast<ComplexType>(args[0].getType());
  if (type.getElementType().isF64()) {
    SmallVector<Value> parts;
    for (Value z : args) {
      Parts p = split(b, loc, z);
      parts.append({p.re, p.im});
    }
    SmallVector<Type> types(parts.size(), b.getF64Type());
    auto fn = declareLibm(from, name, b.getFunctionType(types, {type}));
    return b.create<func::CallOp>(loc, fn, parts).getResult(0);
  }
  Type i32 = b.getI32Type(), i64 = b.getI64Type(), f64 = b.getF64Type();
  auto bits = [&](Value f) {
    return b.create<arith::ExtUIOp>(loc, i64, b.create<arith::BitcastOp>(loc, i32, f));
  };
  SmallVector<Value> packed;
  for (Value z : args) {
    Parts p = split(b, loc, z);
    Value word = b.create<arith::OrIOp>(
        loc, bits(p.re),
        b.create<arith::ShLIOp>(loc, bits(p.im),
                                b.create<arith::ConstantIntOp>(loc, 32, 64)));
    packed.push_back(b.create<arith::BitcastOp>(loc, f64, word));
  }
  SmallVector<Type> types(packed.size(), f64);
  auto fn = declareLibm(from, (name + "f").str(), b.getFunctionType(types, {f64}));
  Value r = b.create<func::CallOp>(loc, fn, packed).getResult(0);
  Value rBits = b.create<arith::BitcastOp>(loc, i64, r);
  auto part = [&](Value v) {
    return b.create<arith::BitcastOp>(loc, b.getF32Type(),
                                      b.create<arith::TruncIOp>(loc, i32, v));
  };
  Value re = part(rBits);
  Value im = part(b.create<arith::ShRUIOp>(loc, rBits,
                                           b.create<arith::ConstantIntOp>(loc, 32, 64)));
  return join(b, loc, re, im);
}

/// numpy 1.24's nc_pow (umath/funcs.inc.src) as straight-line code: a zero exponent
/// gives 1; a zero base 0 for a positive real exponent, else NaN + NaN j; an integer
/// exponent n with |n| < 100 repeated multiplication (a, a*a, a*(a*a) for n = 1, 2, 3;
/// else binary powering from 1, whose `if (n & mask)` steps are selects, and Smith's
/// 1/r for n < 0); any other exponent libm's cpow. Squarings past n's top bit only
/// feed steps whose bit is 0, so computing them unconditionally changes nothing.
Value complexPow(OpBuilder &b, Location loc, Operation *from, Value x, Value y) {
  Parts a = split(b, loc, x), e = split(b, loc, y);
  Type t = a.re.getType();
  Value zero = scalarConstant(b, loc, t, 0.0), one = scalarConstant(b, loc, t, 1.0);
  Value nan = scalarConstant(b, loc, t, std::nan(""));
  Value oneC = join(b, loc, one, zero);
  Value general = callComplexLibm(b, loc, from, "cpow", ValueRange{x, y});
  // The integer branch: bi == 0 and (npy_intp)br == br, |n| < 100.
  // (fptosi of NaN or a huge value is poison: convert only a small exponent.)
  Value small = cmpF(b, loc, FP::OLT, b.create<math::AbsFOp>(loc, e.re),
                     scalarConstant(b, loc, t, 100.0));
  Value n = b.create<arith::FPToSIOp>(loc, b.getI64Type(),
                                      b.create<arith::SelectOp>(loc, small, e.re, zero));
  Value nBack = b.create<arith::SIToFPOp>(loc, t, n);
  Value integral = b.create<arith::AndIOp>(
      loc, b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OEQ, e.im, zero), small),
      cmpF(b, loc, FP::OEQ, nBack, e.re));
  Value m = b.create<math::AbsIOp>(loc, n);
  Value aa = oneC, p = x;
  for (int64_t bit = 0; bit < 7; ++bit) {
    Value mask = b.create<arith::ConstantIntOp>(loc, int64_t(1) << bit, 64);
    Value set = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne,
                                        b.create<arith::AndIOp>(loc, m, mask),
                                        b.create<arith::ConstantIntOp>(loc, 0, 64));
    aa = b.create<arith::SelectOp>(loc, set, complexMul(b, loc, aa, p), aa);
    p = complexMul(b, loc, p, p);
  }
  Value negative = cmpF(b, loc, FP::OLT, e.re, zero);
  Value powered = b.create<arith::SelectOp>(loc, negative, complexDiv(b, loc, oneC, aa), aa);
  Value square = complexMul(b, loc, x, x);
  Value cube = complexMul(b, loc, x, square);
  auto isN = [&](int64_t k) {
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, n,
                                   b.create<arith::ConstantIntOp>(loc, k, 64));
  };
  Value integer = b.create<arith::SelectOp>(
      loc, isN(1), x,
      b.create<arith::SelectOp>(loc, isN(2), square,
                                b.create<arith::SelectOp>(loc, isN(3), cube, powered)));
  Value r = b.create<arith::SelectOp>(loc, integral, integer, general);
  // A zero base: 0 when br > 0 and bi == 0, NaN + NaN j otherwise.
  Value zeroBase = b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OEQ, a.re, zero),
                                           cmpF(b, loc, FP::OEQ, a.im, zero));
  Value positiveReal = b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OGT, e.re, zero),
                                               cmpF(b, loc, FP::OEQ, e.im, zero));
  Value atZero = b.create<arith::SelectOp>(loc, positiveReal, join(b, loc, zero, zero),
                                           join(b, loc, nan, nan));
  r = b.create<arith::SelectOp>(loc, zeroBase, atZero, r);
  Value zeroExponent = b.create<arith::AndIOp>(loc, cmpF(b, loc, FP::OEQ, e.re, zero),
                                               cmpF(b, loc, FP::OEQ, e.im, zero));
  return b.create<arith::SelectOp>(loc, zeroExponent, oneC, r);
}

/// np.abs of a complex: npy_cabs is hypot(re, im) (no overflow, libm's rounding).
Value complexAbs(OpBuilder &b, Location loc, Operation *from, Value x) {
  Parts p = split(b, loc, x);
  Type t = p.re.getType();
  auto fn = declareLibm(from, t.isF64() ? "hypot" : "hypotf", b.getFunctionType({t, t}, {t}));
  return b.create<func::CallOp>(loc, fn, ValueRange{p.re, p.im}).getResult(0);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

using BinaryBody = Value (*)(OpBuilder &, Location, Value, Value);
using UnaryBody = Value (*)(OpBuilder &, Location, Value);

template <typename OpTy, BinaryBody Body>
struct ComplexBinary : OpConversionPattern<OpTy> {
  ComplexBinary(MLIRContext *ctx) : OpConversionPattern<OpTy>(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    if (!hasComplexElements(adaptor.getLhs().getType()))
      return failure();
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getLhs(), adaptor.getRhs()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return Body(b, loc, s[0], s[1]);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

template <typename OpTy, UnaryBody Body>
struct ComplexUnary : OpConversionPattern<OpTy> {
  ComplexUnary(MLIRContext *ctx) : OpConversionPattern<OpTy>(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    if (!hasComplexElements(adaptor.getOperand().getType()))
      return failure();
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getOperand()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return Body(b, loc, s[0]);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

/// Unary ops whose body calls libm (exp, log, sqrt, the trig and hyperbolic functions:
/// cexp, ..., ctanh; abs: hypot).
template <typename OpTy>
struct ComplexLibmUnary : OpConversionPattern<OpTy> {
  ComplexLibmUnary(MLIRContext *ctx, StringRef name)
      : OpConversionPattern<OpTy>(ctx, /*benefit=*/2), name(name.str()) {}
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    if (!hasComplexElements(adaptor.getOperand().getType()))
      return failure();
    Operation *from = op;
    Value r = buildElementwise(
        rw, op.getLoc(), cast<RankedTensorType>(op.getType()), {adaptor.getOperand()},
        [&](OpBuilder &b, Location loc, ValueRange s) {
          return name == "hypot" ? complexAbs(b, loc, from, s[0])
                                 : callComplexLibm(b, loc, from, name, ValueRange{s[0]});
        });
    rw.replaceOp(op, r);
    return success();
  }
  std::string name;
};

struct ComplexPowLowering : OpConversionPattern<PowOp> {
  ComplexPowLowering(MLIRContext *ctx) : OpConversionPattern<PowOp>(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(PowOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    if (!hasComplexElements(adaptor.getLhs().getType()))
      return failure();
    Operation *from = op;
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getLhs(), adaptor.getRhs()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return complexPow(b, loc, from, s[0], s[1]);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

struct ComplexLibmLowering : OpConversionPattern<ComplexLibmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ComplexLibmOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Operation *from = op;
    std::string name = op.getFn().str();
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getOperand()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return callComplexLibm(b, loc, from, name, ValueRange{s[0]});
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

struct MakeComplexLowering : OpConversionPattern<MakeComplexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MakeComplexOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Value r = buildElementwise(rw, op.getLoc(), cast<RankedTensorType>(op.getType()),
                               {adaptor.getReal(), adaptor.getImag()},
                               [&](OpBuilder &b, Location loc, ValueRange s) {
                                 return join(b, loc, s[0], s[1]);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

/// A complex constant: its real and imaginary parts as two float constants joined by
/// one elementwise complex.create (dense complex globals are not something every LLVM
/// lowering stage takes).
struct ComplexConstant : OpConversionPattern<ConstantOp> {
  ComplexConstant(MLIRContext *ctx) : OpConversionPattern<ConstantOp>(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rw) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto complexType = dyn_cast<ComplexType>(type.getElementType());
    auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
    if (!complexType || !dense)
      return failure();
    auto partType = type.clone(complexType.getElementType());
    SmallVector<APFloat> re, im;
    auto values = dense.getValues<std::complex<APFloat>>();
    if (dense.isSplat()) {
      re.push_back(values[0].real());
      im.push_back(values[0].imag());
    } else {
      for (std::complex<APFloat> v : values) {
        re.push_back(v.real());
        im.push_back(v.imag());
      }
    }
    Location loc = op.getLoc();
    Value reValue = rw.create<arith::ConstantOp>(loc, DenseElementsAttr::get(partType, re));
    Value imValue = rw.create<arith::ConstantOp>(loc, DenseElementsAttr::get(partType, im));
    Value r = buildElementwise(rw, loc, type, {reValue, imValue},
                               [&](OpBuilder &b, Location l, ValueRange s) {
                                 return join(b, l, s[0], s[1]);
                               });
    rw.replaceOp(op, r);
    return success();
  }
};

} // namespace

/// Whether numpy's complex128 multiply loop -- the one its reductions and accumulations
/// run -- computes with fused multiply-adds on this machine. numpy 1.24 builds that
/// loop for its SSE3 baseline and for AVX512F and picks one by the host; only GCC's
/// AVX512F build contracts `ar * xr - ai * xi` (measured: AVX512F hosts fuse, AVX2+FMA3
/// hosts do not). Compiled code runs on the host it is compiled for (the persistent
/// cache's key holds the CPU features), so the lowering follows the host too.
static bool numpyFusesComplex128Products() {
  static const bool fused = llvm::sys::getHostCPUFeatures().lookup("avx512f");
  return fused;
}

Value mlir::ag::lowering::complexReductionProduct(OpBuilder &b, Location loc, Value acc,
                                                  Value x) {
  // (numpy's complex64 loop is never contracted.)
  if (!cast<ComplexType>(acc.getType()).getElementType().isF64() ||
      !numpyFusesComplex128Products())
    return complexMul(b, loc, acc, x);
  Parts a = split(b, loc, acc), q = split(b, loc, x);
  Value re = b.create<math::FmaOp>(loc, a.re, q.re,
                                   b.create<arith::NegFOp>(loc, mul(b, loc, a.im, q.im)));
  Value im = b.create<math::FmaOp>(loc, a.re, q.im, mul(b, loc, a.im, q.re));
  return join(b, loc, re, im);
}

Value mlir::ag::lowering::complexConstant(OpBuilder &b, Location loc, ComplexType type,
                                          double re, double im) {
  Type part = type.getElementType();
  return join(b, loc, scalarConstant(b, loc, part, re), scalarConstant(b, loc, part, im));
}

void mlir::ag::populateComplexPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ComplexBinary<AddOp, complexAdd>, ComplexBinary<SubOp, complexSub>,
               ComplexBinary<MulOp, complexMul>, ComplexBinary<DivOp, complexDiv>,
               ComplexBinary<EqOp, complexEq>, ComplexBinary<NeOp, complexNe>,
               ComplexUnary<NegOp, complexNeg>, ComplexUnary<ConjOp, complexConj>,
               ComplexUnary<RealOp, complexReal>, ComplexUnary<ImagOp, complexImag>,
               ComplexUnary<AngleOp, complexAngle>, ComplexUnary<IsNanOp, complexIsNan>,
               ComplexUnary<IsInfOp, complexIsInf>,
               ComplexUnary<IsFiniteOp, complexIsFinite>, ComplexConstant,
               MakeComplexLowering>(ctx);
  patterns.add<ComplexLibmUnary<ExpOp>>(ctx, "cexp");
  patterns.add<ComplexLibmUnary<LogOp>>(ctx, "clog");
  patterns.add<ComplexLibmUnary<SqrtOp>>(ctx, "csqrt");
  patterns.add<ComplexLibmUnary<ComplexAbsOp>>(ctx, "hypot");
  patterns.add<ComplexLibmUnary<SinOp>>(ctx, "csin");
  patterns.add<ComplexLibmUnary<CosOp>>(ctx, "ccos");
  patterns.add<ComplexLibmUnary<TanOp>>(ctx, "ctan");
  patterns.add<ComplexLibmUnary<ArctanOp>>(ctx, "catan");
  patterns.add<ComplexLibmUnary<SinhOp>>(ctx, "csinh");
  patterns.add<ComplexLibmUnary<CoshOp>>(ctx, "ccosh");
  patterns.add<ComplexLibmUnary<TanhOp>>(ctx, "ctanh");
  patterns.add<ComplexPowLowering, ComplexLibmLowering>(ctx);
}

//===- Scan.cpp - ag cumulative ops to an scf.for over the axis -----------===//
//
// ag.cumsum/cumprod/cummax/cummin become a loop over the scanned axis that carries the
// result: step i combines the result's slice i - 1 with slice i (the operand's, since
// the result starts as the operand) by the elementwise op's scalar code (ag.add, ag.mul,
// ag.maximum, ag.minimum, lowered by the same conversion), so each element is combined
// exactly as numpy's accumulate does, one after another. Each slice spans every other
// axis, so the work per step is a vectorisable loop over them; the loop runs in place
// after bufferization (no allocation per step). A scan along the innermost axis runs
// lane by lane instead, with the running value a scalar (a slice there would be one
// element per lane, strided across the lanes).
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"

using namespace mlir;
using namespace mlir::ag;

namespace {

/// The elementwise op's own scalar semantics (NaN and -0.0 rules, bool add as or): the
/// op on 0-d tensors, which its lowering (run by this conversion) turns into scalar
/// code between a from_elements and an extract that canonicalization folds away.
template <typename CombineOp>
Value combineScalars(OpBuilder &b, Location loc, Value x, Value y) {
  // A complex running product is numpy's reduction loop's (fused multiply-adds), not
  // ag.mul's elementwise one.
  if (std::is_same_v<CombineOp, MulOp> && isa<ComplexType>(x.getType()))
    return lowering::complexReductionProduct(b, loc, x, y);
  auto scalar = RankedTensorType::get({}, x.getType());
  Value tx = b.create<tensor::FromElementsOp>(loc, scalar, x);
  Value ty = b.create<tensor::FromElementsOp>(loc, scalar, y);
  Value r = b.create<CombineOp>(loc, scalar, tx, ty);
  return b.create<tensor::ExtractOp>(loc, r, ValueRange{});
}

template <typename CumOp, typename CombineOp>
struct CumulativeLowering : public OpConversionPattern<CumOp> {
  using OpConversionPattern<CumOp>::OpConversionPattern;
  using OpAdaptor = typename CumOp::Adaptor;

  /// A scan whose axis is innermost (only size-1 dims after it): slices along it would
  /// be strided single elements, one per lane, so instead each lane is scanned in turn
  /// by a scalar loop, as numpy does: the operand viewed as (lanes, n), an outer loop
  /// over lanes and an inner one carrying the running value as a scalar.
  static Value scanInnermost(OpBuilder &b, Location loc, Value operand, int64_t axis) {
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t n = type.getDimSize(axis);
    int64_t lanes = 1;
    for (int64_t d = 0; d < axis; ++d)
      lanes *= type.getDimSize(d);
    auto flatType = RankedTensorType::get({lanes, n}, type.getElementType());
    Value flat = lowering::reshapeTo(b, loc, operand, flatType);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value laneCount = b.create<arith::ConstantIndexOp>(loc, lanes);
    Value size = b.create<arith::ConstantIndexOp>(loc, n);
    auto outer = b.create<scf::ForOp>(
        loc, zero, laneCount, one, ValueRange{flat},
        [&](OpBuilder &ob, Location ol, Value lane, ValueRange outerCarried) {
          Value first = ob.create<tensor::ExtractOp>(ol, flat, ValueRange{lane, zero});
          auto inner = ob.create<scf::ForOp>(
              ol, one, size, one, ValueRange{outerCarried[0], first},
              [&](OpBuilder &ib, Location il, Value i, ValueRange carried) {
                Value cur = ib.create<tensor::ExtractOp>(il, flat, ValueRange{lane, i});
                // numpy: result[i] = op(result[i - 1], x[i]).
                Value next = combineScalars<CombineOp>(ib, il, carried[1], cur);
                Value updated =
                    ib.create<tensor::InsertOp>(il, next, carried[0], ValueRange{lane, i});
                ib.create<scf::YieldOp>(il, ValueRange{updated, next});
              });
          ob.create<scf::YieldOp>(ol, inner.getResult(0));
        });
    return lowering::reshapeTo(b, loc, outer.getResult(0), type);
  }

  LogicalResult matchAndRewrite(CumOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t axis = op.getAxis();
    int64_t rank = type.getRank();
    // The first slice seeds the loop, so an empty axis must be known as such (the
    // frontend stages scans over static dims only).
    if (type.isDynamicDim(axis))
      return rewriter.notifyMatchFailure(op, "scanned axis has a dynamic size");
    if (type.getDimSize(axis) == 0) {
      rewriter.replaceOp(op, operand);
      return success();
    }
    if (type.hasStaticShape() && llvm::all_of(type.getShape().drop_front(axis + 1),
                                              [](int64_t d) { return d == 1; })) {
      rewriter.replaceOp(op, scanInnermost(rewriter, loc, operand, axis));
      return success();
    }
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rewriter, loc, operand);
    Value n = getValueOrCreateConstantIndexOp(rewriter, loc, sizes[axis]);
    sizes[axis] = rewriter.getIndexAttr(1);
    SmallVector<int64_t> sliceShape(type.getShape());
    sliceShape[axis] = 1;
    auto sliceType = RankedTensorType::get(sliceShape, type.getElementType());
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    auto offsetsAt = [&](OpFoldResult index) {
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = index;
      return offsets;
    };
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    // The loop carries the result and, apart, its last slice: each step combines that
    // slice with the operand's next one into the slice's own buffer, then copies it into
    // the result. (Reading slice i - 1 of the result while writing slice i would be
    // in place too, but bufferization cannot prove the two disjoint and would copy a
    // slice into a new buffer per step.)
    Value first = rewriter.create<tensor::ExtractSliceOp>(
        loc, sliceType, operand, offsetsAt(rewriter.getIndexAttr(0)), sizes, strides);
    auto loop = rewriter.create<scf::ForOp>(
        loc, one, n, one, ValueRange{operand, first},
        [&](OpBuilder &b, Location l, Value i, ValueRange carried) {
          SmallVector<OpFoldResult> at = offsetsAt(i);
          Value cur =
              b.create<tensor::ExtractSliceOp>(l, sliceType, operand, at, sizes, strides);
          Value next =
              b.create<linalg::GenericOp>(
                   l, sliceType, ValueRange{cur}, ValueRange{carried[1]},
                   ArrayRef<AffineMap>{id, id}, iterators,
                   [&](OpBuilder &nb, Location nl, ValueRange args) {
                     // numpy: result[i] = op(result[i - 1], x[i]).
                     nb.create<linalg::YieldOp>(
                         nl, combineScalars<CombineOp>(nb, nl, args[1], args[0]));
                   })
                  .getResult(0);
          Value updated =
              b.create<tensor::InsertSliceOp>(l, next, carried[0], at, sizes, strides);
          b.create<scf::YieldOp>(l, ValueRange{updated, next});
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

} // namespace

void mlir::ag::populateScanPatterns(RewritePatternSet &patterns) {
  patterns.add<CumulativeLowering<CumsumOp, AddOp>, CumulativeLowering<CumprodOp, MulOp>,
               CumulativeLowering<CummaxOp, MaximumOp>,
               CumulativeLowering<CumminOp, MinimumOp>>(patterns.getContext());
}

//===- Linear.cpp - ag matmul, conv2d and pooling to linalg named ops -----===//
//
// numpy's matmul rules are resolved here into 2-D linalg.matmul or 3-D
// linalg.batch_matmul: vectors gain and lose a unit dim, and a right operand without batch
// dims (x[B, M, K] @ W[K, N], the common layer shape) folds the batch into M instead of
// broadcasting W. float32 named ops are later replaced by oneDNN calls
// (ag-linalg-to-onednn); other dtypes run as linalg loops.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Tensor/Utils/Utils.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

RankedTensorType withShape(Value v, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape,
                               cast<RankedTensorType>(v.getType()).getElementType());
}

/// Materialises the numpy broadcast of `v` to `shape` (a linalg.generic copy).
Value broadcastValue(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape) {
  if (cast<RankedTensorType>(v.getType()).getShape() == shape)
    return v;
  return buildElementwise(b, loc, withShape(v, shape), v,
                          [](OpBuilder &, Location, ValueRange s) { return s[0]; });
}

struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto resultType = op.getType();
    Type elem = resultType.getElementType();
    auto lhsType = op.getLhs().getType(), rhsType = op.getRhs().getType();
    if (!resultType.hasStaticShape() || !lhsType.hasStaticShape() ||
        !rhsType.hasStaticShape()) {
      // A batch of rows known only at run time (x[?, k] @ w[k, n]): one linalg.matmul
      // with a dynamic M. Other dynamic dims are not lowered yet.
      if (lhsType.getRank() != 2 || rhsType.getRank() != 2 || lhsType.isDynamicDim(1) ||
          !rhsType.hasStaticShape())
        return rw.notifyMatchFailure(
            op, "dynamic dims other than the rows of a 2-D left operand");
      Value init = createFilled(rw, loc, resultType, scalarConstant(rw, loc, elem, 0),
                                ValueRange{adaptor.getLhs()});
      rw.replaceOpWithNewOp<linalg::MatmulOp>(
          op, resultType, ValueRange{adaptor.getLhs(), adaptor.getRhs()}, init);
      return success();
    }
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    SmallVector<int64_t> a(op.getLhs().getType().getShape());
    SmallVector<int64_t> c(op.getRhs().getType().getShape());
    if (a.size() == 1)
      a.insert(a.begin(), 1);
    if (c.size() == 1)
      c.push_back(1);
    lhs = reshapeTo(rw, loc, lhs, withShape(lhs, a));
    rhs = reshapeTo(rw, loc, rhs, withShape(rhs, c));
    int64_t m = a[a.size() - 2], k = a.back(), n = c.back();
    ArrayRef<int64_t> batchA = ArrayRef(a).drop_back(2), batchB = ArrayRef(c).drop_back(2);
    SmallVector<int64_t> batch = *broadcastShapes(batchA, batchB);
    int64_t batchSize = product(batch);
    Value zero = scalarConstant(rw, loc, elem, 0);

    Value product2d;
    if (product(batchB) == 1 && product(batchA) == batchSize) {
      // The right operand is one matrix: fold the left batch into its rows.
      Value l = reshapeTo(rw, loc, lhs, withShape(lhs, {batchSize * m, k}));
      Value r = reshapeTo(rw, loc, rhs, withShape(rhs, {k, n}));
      auto outType = RankedTensorType::get({batchSize * m, n}, elem);
      Value init = createFilled(rw, loc, outType, zero);
      product2d = rw.create<linalg::MatmulOp>(loc, outType, ValueRange{l, r}, init)
                      .getResult(0);
    } else {
      SmallVector<int64_t> fullA(batch), fullB(batch);
      fullA.append({m, k});
      fullB.append({k, n});
      Value l = reshapeTo(rw, loc, broadcastValue(rw, loc, lhs, fullA),
                          withShape(lhs, {batchSize, m, k}));
      Value r = reshapeTo(rw, loc, broadcastValue(rw, loc, rhs, fullB),
                          withShape(rhs, {batchSize, k, n}));
      auto outType = RankedTensorType::get({batchSize, m, n}, elem);
      Value init = createFilled(rw, loc, outType, zero);
      product2d = rw.create<linalg::BatchMatmulOp>(loc, outType, ValueRange{l, r}, init)
                      .getResult(0);
    }
    rw.replaceOp(op, reshapeTo(rw, loc, product2d, resultType));
    return success();
  }
};

/// Pads H and W of an NCHW tensor by `padding` on both sides with `value`.
Value padSpatial(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> padding,
                 Value value) {
  if (padding[0] == 0 && padding[1] == 0)
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[2] += 2 * padding[0];
  shape[3] += 2 * padding[1];
  SmallVector<OpFoldResult> pads{b.getIndexAttr(0), b.getIndexAttr(0),
                                 b.getIndexAttr(padding[0]), b.getIndexAttr(padding[1])};
  return b.create<tensor::PadOp>(loc, RankedTensorType::get(shape, type.getElementType()),
                                 input, pads, pads, value);
}

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto resultType = op.getType();
    if (!resultType.hasStaticShape() || !op.getInput().getType().hasStaticShape() ||
        !op.getWeight().getType().hasStaticShape())
      return rw.notifyMatchFailure(op, "dynamic shapes are not lowered yet (issue #5)");
    Type elem = resultType.getElementType();
    Value input = padSpatial(rw, loc, adaptor.getInput(), op.getPadding(),
                             scalarConstant(rw, loc, elem, 0));
    Value init = createFilled(rw, loc, resultType, scalarConstant(rw, loc, elem, 0));
    auto conv = rw.create<linalg::Conv2DNchwFchwOp>(
        loc, resultType, ValueRange{input, adaptor.getWeight()}, init,
        rw.getI64TensorAttr(op.getStrides()), rw.getI64TensorAttr(op.getDilations()));
    rw.replaceOp(op, conv.getResult(0));
    return success();
  }
};

template <typename OpTy, bool IsMax>
struct Pool2DLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!resultType.hasStaticShape() || !op.getInput().getType().hasStaticShape())
      return rw.notifyMatchFailure(op, "dynamic shapes are not lowered yet (issue #5)");
    Type elem = resultType.getElementType();
    // Max pooling pads with -inf so padding never wins; average pooling pads with 0 and
    // still divides by the full window (count_include_pad).
    Value padValue = IsMax ? lowestValue(rw, loc, elem) : scalarConstant(rw, loc, elem, 0);
    Value input = padSpatial(rw, loc, adaptor.getInput(), op.getPadding(), padValue);
    Value init = createFilled(rw, loc, resultType, padValue);
    ArrayRef<int64_t> kernel = op.getKernel();
    Value window = rw.create<tensor::EmptyOp>(loc, kernel, elem);
    auto strides = rw.getI64TensorAttr(op.getStrides());
    auto dilations = rw.getI64TensorAttr({1, 1});
    Value pooled;
    if (IsMax)
      pooled = rw.create<linalg::PoolingNchwMaxOp>(loc, resultType,
                                                   ValueRange{input, window}, init,
                                                   strides, dilations)
                   .getResult(0);
    else
      pooled = rw.create<linalg::PoolingNchwSumOp>(loc, resultType,
                                                   ValueRange{input, window}, init,
                                                   strides, dilations)
                   .getResult(0);
    if (!IsMax) {
      Value count = scalarConstant(rw, loc, elem, (double)(kernel[0] * kernel[1]));
      pooled = buildElementwise(rw, loc, resultType, pooled,
                                [&](OpBuilder &b, Location l, ValueRange s) {
                                  return b.create<arith::DivFOp>(l, s[0], count)
                                      .getResult();
                                });
    }
    rw.replaceOp(op, pooled);
    return success();
  }
};

} // namespace

void mlir::ag::populateLinearPatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, Conv2DLowering, Pool2DLowering<MaxPool2DOp, true>,
               Pool2DLowering<AvgPool2DOp, false>>(patterns.getContext());
}

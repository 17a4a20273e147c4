//===- Linear.cpp - ag matmul, conv2d and pooling to linalg named ops -----===//
//
// numpy's matmul rules are resolved here into 2-D linalg.matmul or 3-D
// linalg.batch_matmul: vectors gain and lose a unit dim, and a right operand without batch
// dims (x[B, M, K] @ W[K, N], the common layer shape) folds the batch into M instead of
// broadcasting W. float32 named ops are later replaced by oneDNN calls
// (ag-linalg-to-onednn), float64 ones and matrix x vector shapes by OpenBLAS calls
// (ag-linalg-to-blas); other dtypes run as linalg loops.
//
// Dynamic dims (ag.stage(..., dynamic=)) go through collapse/expand_shape with sizes read
// at run time; where a dynamic dim meets another (matmul's contracted and batch dims) both
// operands are viewed at the smaller size, so the frontend's run-time check can report a
// mismatch without the kernel reading past a buffer. Convolution and pooling take dynamic
// batch and channel dims; their windows stay static.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
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

/// Whether dims [first, rank) of `type` are static.
bool staticFrom(RankedTensorType type, int64_t first) {
  return !ShapedType::isDynamicShape(type.getShape().drop_front(first));
}

/// ag.matmul with dynamic dims. Vectors gain a unit dim; where a dynamic dim meets
/// another (the contracted dims, batch dims) both are viewed at the smaller size; the
/// batch dims fold into one (into the rows when the right operand is a matrix).
/// Broadcasting of batch dims is left to static shapes (the frontend says so).
FailureOr<Value> lowerDynamicMatmul(OpBuilder &b, Location loc, MatmulOp op, Value lhs,
                                    Value rhs) {
  auto resultType = op.getType();
  auto sizesOf = [&](Value v) { return tensor::getMixedSizes(b, loc, v); };
  Type elem = resultType.getElementType();
  bool aVector = op.getLhs().getType().getRank() == 1;
  bool bVector = op.getRhs().getType().getRank() == 1;
  if (aVector)
    lhs = expandDim(b, loc, lhs, 0, {b.getIndexAttr(1), sizesOf(lhs)[0]});
  if (bVector)
    rhs = expandDim(b, loc, rhs, 0, {sizesOf(rhs)[0], b.getIndexAttr(1)});
  int64_t ra = cast<RankedTensorType>(lhs.getType()).getRank();
  int64_t rb = cast<RankedTensorType>(rhs.getType()).getRank();
  OpFoldResult k = minSize(b, loc, sizesOf(lhs)[ra - 1], sizesOf(rhs)[rb - 2]);
  lhs = cutDim(b, loc, lhs, ra - 1, k);
  rhs = cutDim(b, loc, rhs, rb - 2, k);
  Value zero = scalarConstant(b, loc, elem, 0);

  auto matmulInto = [&](Value l, Value r, bool batched) {
    SmallVector<OpFoldResult> sizes = sizesOf(l);
    sizes.back() = sizesOf(r).back();
    Value init = filledOfSizes(b, loc, sizes, zero);
    auto type = init.getType();
    if (batched)
      return b.create<linalg::BatchMatmulOp>(loc, type, ValueRange{l, r}, init)
          .getResult(0);
    return b.create<linalg::MatmulOp>(loc, type, ValueRange{l, r}, init).getResult(0);
  };

  Value product;
  SmallVector<OpFoldResult> lhsSizes = sizesOf(lhs);
  if (rb == 2) {
    // One matrix on the right: the left batch folds into the rows.
    Value l = collapseDims(b, loc, lhs, 0, ra - 2);
    product = expandDim(b, loc, matmulInto(l, rhs, false), 0,
                        ArrayRef(lhsSizes).drop_back());
  } else {
    if (ra != rb)
      return failure();
    SmallVector<OpFoldResult> rhsSizes = sizesOf(rhs), batch;
    for (int64_t d = 0; d < ra - 2; ++d) {
      auto sa = getConstantIntValue(lhsSizes[d]), sb = getConstantIntValue(rhsSizes[d]);
      if ((sa && *sa == 1) != (sb && *sb == 1))
        return failure(); // a broadcast batch dim
      batch.push_back(minSize(b, loc, lhsSizes[d], rhsSizes[d]));
      lhs = cutDim(b, loc, lhs, d, batch.back());
      rhs = cutDim(b, loc, rhs, d, batch.back());
    }
    product = matmulInto(collapseDims(b, loc, lhs, 0, ra - 3),
                         collapseDims(b, loc, rhs, 0, rb - 3), true);
    if (ra > 3)
      product = expandDim(b, loc, product, 0, batch);
  }
  // Vectors lose their unit dim again: (..., 1, N) and (..., M, 1) merge their last two
  // dims; vector @ vector is 0-d.
  int64_t rank = cast<RankedTensorType>(product.getType()).getRank();
  if (aVector && bVector)
    product = b.create<tensor::CollapseShapeOp>(loc, resultType, product,
                                                SmallVector<ReassociationIndices>{});
  else if (aVector || bVector)
    product = collapseDims(b, loc, product, rank - 2, rank - 1);
  if (product.getType() != resultType)
    product = b.create<tensor::CastOp>(loc, resultType, product);
  return product;
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
      FailureOr<Value> r =
          lowerDynamicMatmul(rw, loc, op, adaptor.getLhs(), adaptor.getRhs());
      if (failed(r))
        return rw.notifyMatchFailure(op, "dynamic dims with broadcast batch dims");
      rw.replaceOp(op, *r);
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
    // Dynamic batch (N) and output channels (O) only: windows are sized statically.
    if (!staticFrom(op.getInput().getType(), 1) || !staticFrom(op.getWeight().getType(), 1))
      return rw.notifyMatchFailure(op, "dynamic dims other than N and O");
    Type elem = resultType.getElementType();
    Value input = padSpatial(rw, loc, adaptor.getInput(), op.getPadding(),
                             scalarConstant(rw, loc, elem, 0));
    SmallVector<OpFoldResult> sizes{tensor::getMixedSize(rw, loc, adaptor.getInput(), 0),
                                    tensor::getMixedSize(rw, loc, adaptor.getWeight(), 0)};
    for (int64_t d : resultType.getShape().drop_front(2))
      sizes.push_back(rw.getIndexAttr(d));
    Value init = filledOfSizes(rw, loc, sizes, scalarConstant(rw, loc, elem, 0));
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
    // Dynamic batch and channels only: windows are sized statically.
    if (!staticFrom(op.getInput().getType(), 2))
      return rw.notifyMatchFailure(op, "dynamic dims other than N and C");
    Type elem = resultType.getElementType();
    // Max pooling pads with -inf so padding never wins; average pooling pads with 0 and
    // still divides by the full window (count_include_pad).
    Value padValue = IsMax ? lowestValue(rw, loc, elem) : scalarConstant(rw, loc, elem, 0);
    Value input = padSpatial(rw, loc, adaptor.getInput(), op.getPadding(), padValue);
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rw, loc, adaptor.getInput());
    for (int64_t d = 2; d < 4; ++d)
      sizes[d] = rw.getIndexAttr(resultType.getDimSize(d));
    Value init = filledOfSizes(rw, loc, sizes, padValue);
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

//===- DataMovement.cpp - ag shape and indexing ops to tensor/linalg ------===//
//
// Views stay views: reshapes become collapse/expand_shape, positive-step slices and
// staged indexing become tensor.extract_slice (a memref.subview after bufferization).
// Negative steps are a positive-step window plus a reversing linalg.generic. Updates
// (x[...] = v) become tensor.insert_slice, which one-shot bufferization performs in place
// when the old value is dead.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

Value lowering::reshapeTo(OpBuilder &b, Location loc, Value value, RankedTensorType type) {
  auto src = cast<RankedTensorType>(value.getType());
  if (src == type)
    return value;
  auto flatType = RankedTensorType::get({src.getNumElements()}, src.getElementType());
  auto all = [](int64_t rank) {
    ReassociationIndices r;
    for (int64_t i = 0; i < rank; ++i)
      r.push_back(i);
    return SmallVector<ReassociationIndices>{r};
  };
  if (src.getRank() == 0)
    return b.create<tensor::ExpandShapeOp>(loc, type, value,
                                           SmallVector<ReassociationIndices>{});
  if (type.getRank() == 0)
    return b.create<tensor::CollapseShapeOp>(loc, type, value,
                                             SmallVector<ReassociationIndices>{});
  Value flat = src.getRank() == 1
                   ? value
                   : b.create<tensor::CollapseShapeOp>(loc, flatType, value,
                                                       all(src.getRank()))
                         .getResult();
  if (type.getRank() == 1)
    return flat;
  return b.create<tensor::ExpandShapeOp>(loc, type, flat, all(type.getRank()));
}

namespace {

/// Reverses `value` along every dim d with reverse[d] set.
Value reverseDims(OpBuilder &b, Location loc, Value value, ArrayRef<bool> reverse) {
  if (!llvm::is_contained(reverse, true))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    AffineExpr e = getAffineDimExpr(d, ctx);
    exprs.push_back(reverse[d] ? type.getDimSize(d) - 1 - e : e);
  }
  SmallVector<AffineMap> maps{AffineMap::get(type.getRank(), 0, exprs, ctx),
                              b.getMultiDimIdentityMap(type.getRank())};
  SmallVector<utils::IteratorType> it(type.getRank(), utils::IteratorType::parallel);
  Value init = createEmpty(b, loc, type, value);
  return b
      .create<linalg::GenericOp>(loc, type, value, init, maps, it,
                                 [](OpBuilder &nb, Location l, ValueRange args) {
                                   nb.create<linalg::YieldOp>(l, args[0]);
                                 })
      .getResult(0);
}

/// Reverses `value` along every dim d with reverse[d] set, whatever its size: element i
/// is read from size - 1 - i (a gather: an affine map cannot hold a run-time size).
Value reverseRunTimeDims(OpBuilder &b, Location loc, Value value, ArrayRef<bool> reverse) {
  if (!llvm::is_contained(reverse, true))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  Value init = b.create<tensor::EmptyOp>(loc, sizes, type.getElementType());
  SmallVector<utils::IteratorType> it(type.getRank(), utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), ValueRange{}, init,
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(type.getRank())}, it,
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> at;
        for (int64_t d = 0; d < type.getRank(); ++d) {
          Value i = nb.create<linalg::IndexOp>(l, d);
          if (reverse[d]) {
            Value n = getValueOrCreateConstantIndexOp(nb, l, sizes[d]);
            Value last = nb.create<arith::SubIOp>(l, n, nb.create<arith::ConstantIndexOp>(l, 1));
            i = nb.create<arith::SubIOp>(l, last, i);
          }
          at.push_back(i);
        }
        nb.create<linalg::YieldOp>(l, nb.create<tensor::ExtractOp>(l, value, at).getResult());
      });
  return generic.getResult(0);
}

/// A strided window as positive-step offsets/strides plus the dims to reverse.
struct Window {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  SmallVector<bool> reversed;
};

Window normalizeWindow(OpBuilder &b, ArrayRef<int64_t> starts, ArrayRef<int64_t> steps,
                       ArrayRef<int64_t> counts) {
  Window w;
  for (size_t d = 0; d < starts.size(); ++d) {
    int64_t start = starts[d], step = steps[d], count = counts[d];
    bool rev = step < 0 && count > 1;
    if (count == 0) { // Any in-bounds window of size 0 will do.
      start = 0;
      step = 1;
    } else if (step < 0) {
      start = start + (count - 1) * step;
      step = -step;
    }
    w.offsets.push_back(b.getIndexAttr(start));
    w.sizes.push_back(b.getIndexAttr(count));
    w.strides.push_back(b.getIndexAttr(step));
    w.reversed.push_back(rev);
  }
  return w;
}

/// A reshape with dynamic dims: collapse/expand_shape directly when it only merges or
/// splits neighbouring dims, else through 1-D. An expand sizes a dynamic dim as its
/// group's size over the static ones, so each group may have one dynamic dim. (numpy's
/// size check is the frontend's, at run time.)
FailureOr<Value> reshapeDynamic(OpBuilder &b, Location loc, Value v, RankedTensorType type) {
  auto src = cast<RankedTensorType>(v.getType());
  auto oneDynamicPerGroup = [&](ArrayRef<ReassociationIndices> groups) {
    return llvm::all_of(groups, [&](const ReassociationIndices &g) {
      return llvm::count_if(g, [&](int64_t d) { return type.isDynamicDim(d); }) <= 1;
    });
  };
  if (src.getRank() == 0 || type.getRank() == 0)
    return failure();
  if (src.getRank() == type.getRank())
    ; // not a merge or a split: through 1-D
  else if (auto groups = getReassociationIndicesForReshape(src, type)) {
    if (src.getRank() > type.getRank())
      return b.create<tensor::CollapseShapeOp>(loc, type, v, *groups).getResult();
    if (oneDynamicPerGroup(*groups))
      return b.create<tensor::ExpandShapeOp>(loc, type, v, *groups).getResult();
  }
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  if (!oneDynamicPerGroup({all}))
    return failure();
  Value flat = collapseDims(b, loc, v, 0, src.getRank() - 1);
  if (type.getRank() == 1)
    return b.create<tensor::CastOp>(loc, type, flat).getResult();
  return b.create<tensor::ExpandShapeOp>(loc, type, flat, SmallVector<ReassociationIndices>{all})
      .getResult();
}

/// A reshape to `type` whose dynamic dims take the run-time `sizes`: through 1-D, with
/// every dynamic size 0 when they do not multiply to the operand's size (the runtime
/// reports that; an empty view reads nothing).
Value reshapeToSizes(OpBuilder &b, Location loc, Value v, RankedTensorType type,
                     ValueRange sizes) {
  auto src = cast<RankedTensorType>(v.getType());
  Value flat = src.getRank() == 0
                   ? reshapeTo(b, loc, v, RankedTensorType::get({1}, src.getElementType()))
                   : collapseDims(b, loc, v, 0, src.getRank() - 1);
  Value total = b.createOrFold<tensor::DimOp>(loc, flat, 0);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  int64_t staticPart = 1;
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d))
      staticPart *= d;
  Value product = b.create<arith::ConstantIndexOp>(loc, staticPart);
  SmallVector<Value> dyn;
  for (Value s : sizes) {
    Value n = b.create<tensor::ExtractOp>(loc, s, ValueRange{});
    n = b.create<arith::IndexCastOp>(loc, b.getIndexType(), n);
    n = b.create<arith::MaxSIOp>(loc, n, zero);
    dyn.push_back(n);
    product = b.create<arith::MulIOp>(loc, product, n);
  }
  Value fits = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, product, total);
  SmallVector<OpFoldResult> outSizes;
  auto next = dyn.begin();
  for (int64_t d : type.getShape())
    outSizes.push_back(ShapedType::isDynamic(d)
                           ? OpFoldResult(b.create<arith::SelectOp>(loc, fits, *next++, zero)
                                              .getResult())
                           : OpFoldResult(b.getIndexAttr(d)));
  if (type.getRank() == 1)
    return cutDim(b, loc, flat, 0, outSizes[0]);
  return reshapeToShape(b, loc, flat, type, outSizes);
}

struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    auto in = op.getOperand().getType(), out = op.getType();
    if (!adaptor.getSizes().empty()) {
      rw.replaceOp(op, reshapeToSizes(rw, op.getLoc(), adaptor.getOperand(), out,
                                      adaptor.getSizes()));
      return success();
    }
    if (in.hasStaticShape() && out.hasStaticShape()) {
      rw.replaceOp(op, reshapeTo(rw, op.getLoc(), adaptor.getOperand(), out));
      return success();
    }
    if (in.hasStaticShape()) {
      // The one dynamic dim is the size over the static dims (the verifier checked it
      // divides): reshape statically, then cast. tensor.expand_shape cannot take this
      // form itself: it sizes a dynamic dim from a dynamic operand dim (a static one
      // crashes its builder).
      SmallVector<int64_t> shape(out.getShape());
      int64_t known = 1;
      for (int64_t d : shape)
        if (!ShapedType::isDynamic(d))
          known *= d;
      for (int64_t &d : shape)
        if (ShapedType::isDynamic(d))
          d = in.getNumElements() / known;
      Value r = reshapeTo(rw, op.getLoc(), adaptor.getOperand(),
                          RankedTensorType::get(shape, out.getElementType()));
      rw.replaceOpWithNewOp<tensor::CastOp>(op, out, r);
      return success();
    }
    FailureOr<Value> r = reshapeDynamic(rw, op.getLoc(), adaptor.getOperand(), out);
    if (failed(r))
      return rw.notifyMatchFailure(op, "more than one dynamic dim that is not a dim of "
                                       "the operand");
    rw.replaceOp(op, *r);
    return success();
  }
};

struct EmptyLowering : OpConversionPattern<EmptyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(EmptyOp op, OpAdaptor,
                                ConversionPatternRewriter &rw) const override {
    auto type = op.getType();
    rw.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(), type.getElementType());
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    SmallVector<Value> dyn;
    for (auto [i, p] : llvm::enumerate(op.getPermutation()))
      if (type.isDynamicDim(i))
        dyn.push_back(rw.create<tensor::DimOp>(loc, adaptor.getOperand(), p));
    Value init =
        rw.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType(), dyn);
    auto t = rw.create<linalg::TransposeOp>(loc, adaptor.getOperand(), init,
                                            op.getPermutation());
    rw.replaceOp(op, t.getResult()[0]);
    return success();
  }
};

struct BroadcastToLowering : OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    auto type = op.getType();
    Location loc = op.getLoc();
    if (type.hasStaticShape()) {
      rw.replaceOp(op, buildElementwise(rw, loc, type, adaptor.getOperand(),
                                        [](OpBuilder &, Location, ValueRange s) {
                                          return s[0];
                                        }));
      return success();
    }
    // Result sizes from the size operands (negative ones as 0). Where the operand's own
    // dim is dynamic it must be the same size (checked by the runtime): read it at no
    // more than its size, so a failed check stays in bounds.
    Value operand = adaptor.getOperand();
    auto inType = cast<RankedTensorType>(operand.getType());
    int64_t lead = type.getRank() - inType.getRank();
    SmallVector<OpFoldResult> sizes;
    auto next = adaptor.getSizes().begin();
    Value zero = rw.create<arith::ConstantIndexOp>(loc, 0);
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (!type.isDynamicDim(d)) {
        sizes.push_back(rw.getIndexAttr(type.getDimSize(d)));
        continue;
      }
      Value n = rw.create<tensor::ExtractOp>(loc, *next++, ValueRange{});
      n = rw.create<arith::IndexCastOp>(loc, rw.getIndexType(), n);
      OpFoldResult size = rw.create<arith::MaxSIOp>(loc, n, zero).getResult();
      if (d >= lead && inType.isDynamicDim(d - lead))
        size = minSize(rw, loc, size, tensor::getMixedSize(rw, loc, operand, d - lead));
      sizes.push_back(size);
    }
    for (int64_t d = 0; d < inType.getRank(); ++d)
      if (inType.isDynamicDim(d))
        operand = cutDim(rw, loc, operand, d, sizes[lead + d]);
    Value init = rw.create<tensor::EmptyOp>(loc, sizes, type.getElementType());
    MLIRContext *ctx = rw.getContext();
    SmallVector<AffineMap> maps{broadcastMap(ctx, inType, type.getShape()),
                                rw.getMultiDimIdentityMap(type.getRank())};
    SmallVector<utils::IteratorType> it(type.getRank(), utils::IteratorType::parallel);
    rw.replaceOpWithNewOp<linalg::GenericOp>(
        op, type, operand, init, maps, it, [](OpBuilder &b, Location l, ValueRange args) {
          b.create<linalg::YieldOp>(l, args[0]);
        });
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Window w = normalizeWindow(rw, op.getStarts(), op.getSteps(), op.getType().getShape());
    // A dynamic result dim is a whole dynamic operand dim (the verifier says so).
    for (int64_t d = 0; d < op.getType().getRank(); ++d)
      if (op.getType().isDynamicDim(d))
        w.sizes[d] = tensor::getMixedSize(rw, op.getLoc(), adaptor.getOperand(), d);
    Value view = rw.create<tensor::ExtractSliceOp>(op.getLoc(), op.getType(),
                                                   adaptor.getOperand(), w.offsets,
                                                   w.sizes, w.strides);
    rw.replaceOp(op, reverseDims(rw, op.getLoc(), view, w.reversed));
    return success();
  }
};

struct InsertSliceLowering : OpConversionPattern<InsertSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(InsertSliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    auto srcType = op.getSource().getType();
    Value source = adaptor.getSource();
    Window w = normalizeWindow(rw, op.getStarts(), op.getSteps(), srcType.getShape());
    // A dynamic source dim writes as many elements as it has, but no more than the
    // destination has room for from the start (the runtime checks the sizes agree).
    Location loc = op.getLoc();
    for (int64_t d = 0; d < srcType.getRank(); ++d) {
      if (!srcType.isDynamicDim(d))
        continue;
      int64_t start = op.getStarts()[d], step = op.getSteps()[d];
      if (step <= 0)
        return rw.notifyMatchFailure(op, "a dynamic source dim with a negative step");
      Value n = rw.createOrFold<tensor::DimOp>(loc, adaptor.getDest(), d);
      Value first = rw.create<arith::MinSIOp>(
          loc, rw.create<arith::ConstantIndexOp>(loc, start), n);
      Value room = rw.create<arith::DivSIOp>(
          loc,
          rw.create<arith::AddIOp>(loc, rw.create<arith::SubIOp>(loc, n, first),
                                   rw.create<arith::ConstantIndexOp>(loc, step - 1)),
          rw.create<arith::ConstantIndexOp>(loc, step));
      w.offsets[d] = first;
      w.sizes[d] = minSize(rw, loc, tensor::getMixedSize(rw, loc, source, d), room);
      source = cutDim(rw, loc, source, d, w.sizes[d]);
    }
    Value src = reverseDims(rw, op.getLoc(), source, w.reversed);
    rw.replaceOpWithNewOp<tensor::InsertSliceOp>(op, src, adaptor.getDest(), w.offsets,
                                                 w.sizes, w.strides);
    return success();
  }
};

/// Offsets for the leading dims of `operand` indexed by 0-d tensors, normalised and
/// clamped so the window of `windowSizes` stays inside.
SmallVector<OpFoldResult> dynamicOffsets(OpBuilder &b, Location loc, Value operand,
                                         ValueRange indices,
                                         ArrayRef<int64_t> windowSizes) {
  SmallVector<OpFoldResult> offsets;
  for (auto [d, index] : llvm::enumerate(indices)) {
    Value size = b.createOrFold<tensor::DimOp>(loc, operand, d);
    if (windowSizes[d] == 1) {
      offsets.push_back(normalizeIndex(b, loc, index, size));
      continue;
    }
    // A window of n > 1 elements: wrap negatives, then clamp into [0, size - n].
    Value scalar = b.create<tensor::ExtractOp>(loc, index, ValueRange{});
    Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), scalar);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
    i = b.create<arith::SelectOp>(loc, negative, b.create<arith::AddIOp>(loc, i, size), i);
    Value maxStart = b.create<arith::SubIOp>(
        loc, size, b.create<arith::ConstantIndexOp>(loc, windowSizes[d]));
    i = b.create<arith::MaxSIOp>(loc, b.create<arith::MinSIOp>(loc, i, maxStart), zero);
    offsets.push_back(i);
  }
  auto type = cast<RankedTensorType>(operand.getType());
  for (int64_t d = indices.size(); d < type.getRank(); ++d)
    offsets.push_back(b.getIndexAttr(0));
  return offsets;
}

/// Sizes of the window: `leading` for indexed dims, the full operand size for the rest.
SmallVector<OpFoldResult> windowSizes(OpBuilder &b, Location loc, Value operand,
                                      ArrayRef<int64_t> leading) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t s : leading)
    sizes.push_back(b.getIndexAttr(s));
  auto type = cast<RankedTensorType>(operand.getType());
  for (int64_t d = leading.size(); d < type.getRank(); ++d)
    sizes.push_back(type.isDynamicDim(d)
                        ? OpFoldResult(b.create<tensor::DimOp>(loc, operand, d).getResult())
                        : OpFoldResult(b.getIndexAttr(type.getDimSize(d))));
  return sizes;
}

/// Whether one of the indexed (leading `count`) dims of `operand` may be empty: then any
/// index is out of range (the runtime reports it) and no element may be touched.
Value anyIndexedDimEmpty(OpBuilder &b, Location loc, Value operand, size_t count) {
  auto type = cast<RankedTensorType>(operand.getType());
  Value empty;
  for (size_t d = 0; d < count; ++d) {
    if (!type.isDynamicDim(d) && type.getDimSize(d) != 0)
      continue;
    Value n = b.createOrFold<tensor::DimOp>(loc, operand, d);
    Value zero = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, n,
                                         b.create<arith::ConstantIndexOp>(loc, 0));
    empty = empty ? b.create<arith::OrIOp>(loc, empty, zero).getResult() : zero;
  }
  return empty;
}

struct DynamicIndexLowering : OpConversionPattern<DynamicIndexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DynamicIndexOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    SmallVector<int64_t> ones(op.getIndices().size(), 1);
    auto read = [&](OpBuilder &b, Location l) -> Value {
      auto offsets = dynamicOffsets(b, l, x, adaptor.getIndices(), ones);
      auto sizes = windowSizes(b, l, x, ones);
      SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
      // A rank-reducing extract_slice drops the indexed unit dims.
      return b.create<tensor::ExtractSliceOp>(l, op.getType(), x, offsets, sizes, strides);
    };
    Value empty = anyIndexedDimEmpty(rw, loc, x, ones.size());
    if (!empty) {
      rw.replaceOp(op, read(rw, loc));
      return success();
    }
    // An empty indexed dim: read nothing (zeros of the result's shape stand in).
    auto type = op.getType();
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rw, loc, x);
    sizes.erase(sizes.begin(), sizes.begin() + ones.size());
    auto guarded = rw.create<scf::IfOp>(
        loc, empty,
        [&](OpBuilder &b, Location l) {
          Value zero = scalarConstant(b, l, type.getElementType(), 0);
          Value filled = filledOfSizes(b, l, sizes, zero);
          if (filled.getType() != type)
            filled = b.create<tensor::CastOp>(l, type, filled);
          b.create<scf::YieldOp>(l, filled);
        },
        [&](OpBuilder &b, Location l) { b.create<scf::YieldOp>(l, read(b, l)); });
    rw.replaceOp(op, guarded.getResult(0));
    return success();
  }
};

struct DynamicSliceLowering : OpConversionPattern<DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DynamicSliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    auto leading = op.getType().getShape().take_front(op.getStarts().size());
    if (ShapedType::isDynamicShape(leading))
      return rw.notifyMatchFailure(op, "dynamic window sizes (issue #5)");
    auto offsets = dynamicOffsets(rw, loc, x, adaptor.getStarts(), leading);
    auto sizes = windowSizes(rw, loc, x, leading);
    SmallVector<OpFoldResult> strides(sizes.size(), rw.getIndexAttr(1));
    rw.replaceOpWithNewOp<tensor::ExtractSliceOp>(op, op.getType(), x, offsets, sizes,
                                                  strides);
    return success();
  }
};

struct WindowLowering : OpConversionPattern<WindowOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(WindowOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    auto type = op.getType();
    auto toIndex = [&](Value t) -> Value {
      Value s = rw.create<tensor::ExtractOp>(loc, t, ValueRange{});
      return rw.create<arith::IndexCastOp>(loc, rw.getIndexType(), s);
    };
    Value zero = rw.create<arith::ConstantIndexOp>(loc, 0);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    auto nextSize = adaptor.getSizes().begin();
    SmallVector<bool> reversed;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      // Clamp the start into the operand and the size to what fits from there: in bounds
      // always (for the windows the runtime computed, a no-op).
      Value n = rw.createOrFold<tensor::DimOp>(loc, x, d);
      int64_t step = op.getSteps()[d], stride = std::abs(step);
      Value size = type.isDynamicDim(d)
                       ? rw.create<arith::MaxSIOp>(loc, toIndex(*nextSize++), zero)
                             .getResult()
                       : rw.create<arith::ConstantIndexOp>(loc, type.getDimSize(d))
                             .getResult();
      Value strideValue = rw.create<arith::ConstantIndexOp>(loc, stride);
      Value start = toIndex(adaptor.getStarts()[d]), room, first;
      // A static size cannot shrink: its start is clamped so that the whole window fits
      // (XLA's dynamic_slice rule; x[:, j] with a staged j is a window of size 1 at j).
      bool fixed = !type.isDynamicDim(d) && type.getDimSize(d) > 0;
      int64_t span = fixed ? (type.getDimSize(d) - 1) * stride : 0;
      if (step > 0) {
        start = rw.create<arith::MinSIOp>(loc, rw.create<arith::MaxSIOp>(loc, start, zero), n);
        if (fixed)
          start = rw.create<arith::MinSIOp>(
              loc, start,
              rw.create<arith::MaxSIOp>(
                  loc, rw.create<arith::SubIOp>(
                           loc, n, rw.create<arith::ConstantIndexOp>(loc, span + 1)),
                  zero));
        // ceil((n - start) / step) as a plain division of non-negative values
        // (arith.ceildivsi has no LLVM lowering without arith-expand).
        room = rw.create<arith::DivSIOp>(
            loc,
            rw.create<arith::AddIOp>(loc, rw.create<arith::SubIOp>(loc, n, start),
                                     rw.create<arith::ConstantIndexOp>(loc, stride - 1)),
            strideValue);
      } else {
        // Backwards from `start`: the elements start, start - stride, ... down to 0.
        Value one = rw.create<arith::ConstantIndexOp>(loc, 1);
        Value last = rw.create<arith::SubIOp>(loc, n, one);
        start = rw.create<arith::MinSIOp>(loc, rw.create<arith::MaxSIOp>(loc, start, zero),
                                          rw.create<arith::MaxSIOp>(loc, last, zero));
        if (fixed)
          start = rw.create<arith::MaxSIOp>(
              loc, start,
              rw.create<arith::MinSIOp>(loc, rw.create<arith::ConstantIndexOp>(loc, span),
                                        rw.create<arith::MaxSIOp>(loc, last, zero)));
        Value empty = rw.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, n, zero);
        room = rw.create<arith::SelectOp>(
            loc, empty, zero,
            rw.create<arith::AddIOp>(loc, rw.create<arith::DivSIOp>(loc, start, strideValue),
                                     one));
      }
      if (type.isDynamicDim(d))
        size = rw.create<arith::MinSIOp>(loc, size, room);
      if (step < 0) {
        // The same elements as a forward window from the last one, reversed after.
        Value back = rw.create<arith::MulIOp>(
            loc, rw.create<arith::MaxSIOp>(
                     loc, rw.create<arith::SubIOp>(loc, size,
                                                   rw.create<arith::ConstantIndexOp>(loc, 1)),
                     zero),
            strideValue);
        start = rw.create<arith::SubIOp>(loc, start, back);
      }
      offsets.push_back(start);
      sizes.push_back(type.isDynamicDim(d) ? OpFoldResult(size)
                                           : OpFoldResult(rw.getIndexAttr(type.getDimSize(d))));
      strides.push_back(rw.getIndexAttr(stride));
      reversed.push_back(step < 0);
    }
    Value window = rw.create<tensor::ExtractSliceOp>(loc, x, offsets, sizes, strides);
    window = reverseRunTimeDims(rw, loc, window, reversed);
    if (window.getType() != type)
      window = rw.create<tensor::CastOp>(loc, type, window);
    rw.replaceOp(op, window);
    return success();
  }
};

/// ag.insert_window: the window is placed as ag.window places it, then the source goes
/// in with one tensor.insert_slice (in place after bufferization). Where the source's or
/// the destination's dim is dynamic the window may shrink to what fits: the source is
/// cut to it (the runtime has checked that they agree; the cut keeps a failed check
/// from writing past the buffer).
struct InsertWindowLowering : OpConversionPattern<InsertWindowOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(InsertWindowOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value dest = adaptor.getDest(), source = adaptor.getSource();
    auto destType = cast<RankedTensorType>(dest.getType());
    auto srcType = cast<RankedTensorType>(source.getType());
    auto index = [&](int64_t v) -> Value {
      return rw.create<arith::ConstantIndexOp>(loc, v);
    };
    Value zero = index(0), one = index(1);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<bool> reversed;
    for (int64_t d = 0; d < destType.getRank(); ++d) {
      Value n = rw.createOrFold<tensor::DimOp>(loc, dest, d);
      int64_t step = op.getSteps()[d], stride = std::abs(step);
      Value startTensor = rw.create<tensor::ExtractOp>(loc, adaptor.getStarts()[d],
                                                       ValueRange{});
      Value start = rw.create<arith::IndexCastOp>(loc, rw.getIndexType(), startTensor);
      Value last = rw.create<arith::MaxSIOp>(loc, rw.create<arith::SubIOp>(loc, n, one), zero);
      bool fixed = !srcType.isDynamicDim(d) && !destType.isDynamicDim(d);
      int64_t span = fixed ? std::max<int64_t>(srcType.getDimSize(d) - 1, 0) * stride : 0;
      Value size;
      if (step > 0) {
        start = rw.create<arith::MinSIOp>(loc, rw.create<arith::MaxSIOp>(loc, start, zero), n);
        if (fixed) {
          // The verifier saw the window fit: keep its static size, move its start.
          start = rw.create<arith::MinSIOp>(
              loc, start,
              rw.create<arith::MaxSIOp>(loc, rw.create<arith::SubIOp>(loc, n, index(span + 1)),
                                        zero));
        } else {
          Value room = rw.create<arith::DivSIOp>(
              loc,
              rw.create<arith::AddIOp>(loc, rw.create<arith::SubIOp>(loc, n, start),
                                       index(stride - 1)),
              index(stride));
          size = room;
        }
      } else {
        start = rw.create<arith::MinSIOp>(loc, rw.create<arith::MaxSIOp>(loc, start, zero), last);
        if (fixed) {
          start = rw.create<arith::MaxSIOp>(
              loc, start, rw.create<arith::MinSIOp>(loc, index(span), last));
        } else {
          Value empty = rw.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, n, zero);
          size = rw.create<arith::SelectOp>(
              loc, empty, zero,
              rw.create<arith::AddIOp>(loc, rw.create<arith::DivSIOp>(loc, start, index(stride)),
                                       one));
        }
      }
      OpFoldResult count = rw.getIndexAttr(srcType.isDynamicDim(d) ? 0 : srcType.getDimSize(d));
      if (!fixed) {
        Value want = getValueOrCreateConstantIndexOp(
            rw, loc, tensor::getMixedSize(rw, loc, source, d));
        count = rw.create<arith::MinSIOp>(loc, want, size).getResult();
        source = cutDim(rw, loc, source, d, count);
      }
      if (step < 0) {
        // Written backwards from `start`: a forward window from its last element, the
        // source reversed.
        Value countValue = getValueOrCreateConstantIndexOp(rw, loc, count);
        Value back = rw.create<arith::MulIOp>(
            loc, rw.create<arith::MaxSIOp>(loc, rw.create<arith::SubIOp>(loc, countValue, one),
                                           zero),
            index(stride));
        start = rw.create<arith::SubIOp>(loc, start, back);
      }
      offsets.push_back(start);
      sizes.push_back(count);
      strides.push_back(rw.getIndexAttr(stride));
      reversed.push_back(step < 0);
    }
    source = reverseRunTimeDims(rw, loc, source, reversed);
    rw.replaceOpWithNewOp<tensor::InsertSliceOp>(op, source, dest, offsets, sizes, strides);
    return success();
  }
};

struct DynamicUpdateLowering : OpConversionPattern<DynamicUpdateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DynamicUpdateOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value dest = adaptor.getDest();
    Value source = adaptor.getSource();
    size_t count = op.getIndices().size();
    // Dynamic dims of either side: write no more than both sizes (the runtime checks
    // that they are equal).
    auto srcType = cast<RankedTensorType>(source.getType());
    auto destType = cast<RankedTensorType>(dest.getType());
    for (int64_t d = 0; d < srcType.getRank(); ++d)
      if (srcType.isDynamicDim(d) || destType.isDynamicDim(count + d))
        source = cutDim(rw, loc, source, d,
                        minSize(rw, loc, tensor::getMixedSize(rw, loc, source, d),
                                tensor::getMixedSize(rw, loc, dest, count + d)));
    auto write = [&](OpBuilder &b, Location l) -> Value {
      SmallVector<int64_t> ones(count, 1);
      auto offsets = dynamicOffsets(b, l, dest, adaptor.getIndices(), ones);
      SmallVector<OpFoldResult> sizes(count, b.getIndexAttr(1));
      for (OpFoldResult s : tensor::getMixedSizes(b, l, source))
        sizes.push_back(s);
      SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
      return b.create<tensor::InsertSliceOp>(l, source, dest, offsets, sizes, strides);
    };
    Value empty = anyIndexedDimEmpty(rw, loc, dest, count);
    if (!empty) {
      rw.replaceOp(op, write(rw, loc));
      return success();
    }
    // An empty indexed dim: write nothing.
    auto guarded = rw.create<scf::IfOp>(
        loc, empty, [&](OpBuilder &b, Location l) { b.create<scf::YieldOp>(l, dest); },
        [&](OpBuilder &b, Location l) { b.create<scf::YieldOp>(l, write(b, l)); });
    rw.replaceOp(op, guarded.getResult(0));
    return success();
  }
};

/// Writes `inputs` one after another along `axis` into a new tensor of `type`. The other
/// dims take the smallest input's size where one is dynamic (numpy requires them equal;
/// the frontend checks at run time) and every input is viewed at it, so no write goes
/// past the result.
Value concatAlong(OpBuilder &b, Location loc, ValueRange inputs, int64_t axis,
                  RankedTensorType type) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, inputs.front());
  for (Value in : inputs.drop_front()) {
    SmallVector<OpFoldResult> s = tensor::getMixedSizes(b, loc, in);
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis)
        sizes[d] = minSize(b, loc, sizes[d], s[d]);
  }
  OpFoldResult offset = b.getIndexAttr(0);
  SmallVector<std::pair<Value, OpFoldResult>> placed;
  for (Value in : inputs) {
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis)
        in = cutDim(b, loc, in, d, sizes[d]);
    placed.push_back({in, offset});
    OpFoldResult n = tensor::getMixedSize(b, loc, in, axis);
    auto co = getConstantIntValue(offset), cn = getConstantIntValue(n);
    offset = co && cn ? OpFoldResult(b.getIndexAttr(*co + *cn))
                      : OpFoldResult(b.create<arith::AddIOp>(
                                          loc, getValueOrCreateConstantIndexOp(b, loc, offset),
                                          getValueOrCreateConstantIndexOp(b, loc, n))
                                         .getResult());
  }
  sizes[axis] = offset;
  Value result = b.create<tensor::EmptyOp>(loc, sizes, type.getElementType());
  for (auto [in, at] : placed) {
    SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
    offsets[axis] = at;
    SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
    result = b.create<tensor::InsertSliceOp>(loc, in, result, offsets,
                                             tensor::getMixedSizes(b, loc, in), strides);
  }
  if (result.getType() != type)
    result = b.create<tensor::CastOp>(loc, type, result);
  return result;
}

struct ConcatenateLowering : OpConversionPattern<ConcatenateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConcatenateOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    rw.replaceOp(op,
                 concatAlong(rw, op.getLoc(), adaptor.getInputs(), op.getAxis(), op.getType()));
    return success();
  }
};

/// np.stack along an inner axis as one linalg.generic over the result: element
/// [..., k, ...] is input k's [..., ...] (a select on the index along `axis`). Placing
/// each input as a slice instead would write it with a stride (the input count along
/// the last axis): after bufferization a strided memref.copy, which runs through the
/// runner utilities' generic memrefCopy element by element (~25x numpy's time for two
/// vectors stacked along the last axis). The generic's stores are contiguous, and
/// elementwise producers fuse into it.
Value stackInterleaved(OpBuilder &b, Location loc, ValueRange inputs, int64_t axis,
                       RankedTensorType type) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      exprs.push_back(getAffineDimExpr(d, ctx));
  SmallVector<AffineMap> maps(inputs.size(), AffineMap::get(rank, 0, exprs, ctx));
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init = b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, type, inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value k = nb.create<linalg::IndexOp>(nl, axis);
        Value r = args[inputs.size() - 1];
        for (int64_t i = (int64_t)inputs.size() - 2; i >= 0; --i) {
          Value here = nb.create<arith::CmpIOp>(nl, arith::CmpIPredicate::eq, k,
                                                nb.create<arith::ConstantIndexOp>(nl, i));
          r = nb.create<arith::SelectOp>(nl, here, args[i], r);
        }
        nb.create<linalg::YieldOp>(nl, r);
      });
  return generic.getResult(0);
}

/// Up to how many inputs a stack along an inner axis selects among them per element
/// (each element evaluates a chain of that many selects).
constexpr size_t kMaxInterleavedInputs = 16;

struct StackLowering : OpConversionPattern<StackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(StackOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    int64_t axis = op.getAxis();
    // Along axis 0 every input is one contiguous block of the result (a memcpy); with
    // a dynamic dim the inputs' sizes are checked at run time, and slices cut to the
    // smallest keep every access in bounds.
    auto resultType = cast<RankedTensorType>(op.getType());
    bool static_ = resultType.hasStaticShape() &&
                   llvm::all_of(adaptor.getInputs(), [](Value v) {
                     return cast<RankedTensorType>(v.getType()).hasStaticShape();
                   });
    if (axis > 0 && static_ && adaptor.getInputs().size() <= kMaxInterleavedInputs) {
      rw.replaceOp(op, stackInterleaved(rw, loc, adaptor.getInputs(), axis, resultType));
      return success();
    }
    SmallVector<Value> expanded;
    for (Value in : adaptor.getInputs()) {
      // A unit dim at `axis`: expand_shape of the dim there (or of the last dim, at
      // the end; a 0-d input becomes 1-D).
      auto t = cast<RankedTensorType>(in.getType());
      if (t.getRank() == 0) {
        expanded.push_back(reshapeTo(rw, loc, in, RankedTensorType::get({1}, t.getElementType())));
        continue;
      }
      OpFoldResult one = rw.getIndexAttr(1);
      int64_t d = std::min<int64_t>(axis, t.getRank() - 1);
      OpFoldResult size = tensor::getMixedSize(rw, loc, in, d);
      expanded.push_back(expandDim(rw, loc, in, d,
                                   axis < t.getRank() ? ArrayRef<OpFoldResult>{one, size}
                                                      : ArrayRef<OpFoldResult>{size, one}));
    }
    rw.replaceOp(op, concatAlong(rw, loc, expanded, axis, op.getType()));
    return success();
  }
};

} // namespace

void mlir::ag::populateDataMovementPatterns(RewritePatternSet &patterns) {
  patterns.add<EmptyLowering, ReshapeLowering, TransposeLowering, BroadcastToLowering,
               SliceLowering, InsertSliceLowering, DynamicIndexLowering, DynamicSliceLowering,
               WindowLowering, InsertWindowLowering, DynamicUpdateLowering,
               ConcatenateLowering, StackLowering>(patterns.getContext());
}

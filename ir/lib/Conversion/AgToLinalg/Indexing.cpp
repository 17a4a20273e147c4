//===- Indexing.cpp - ag.gather/scatter/nonzero to linalg, scf and tensor -===//
//
// A gather is one parallel linalg.generic that reads the index arrays as inputs and the
// operand with tensor.extract at the wrapped coordinates (0 where out of range). A
// scatter must visit positions in order (a repeated index sees earlier writes: numpy's
// last-write-wins assignment and its unbuffered ufunc.at), so it is an scf.for nest
// over the index shape carrying the destination (and, when checked, whether an index
// was out of range), writing one element (tensor.insert) or one row
// (tensor.insert_slice) per position: one-shot bufferization updates the destination
// in place. nonzero counts the true elements (a reduction), allocates, then fills rows
// in one ordered loop nest without branches on the mask; compress (x[mask] of a whole
// mask) likewise copies the selected elements themselves. iota fills a buffer of its count with the indices.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

/// An index scalar (i32 or i64) as an `index` in [0, size): negatives count from the
/// end; a value still out of range reads or writes position 0 instead (the runtime
/// checks the range; compiled code never touches memory out of bounds): one unsigned
/// compare of the wrapped value covers both ends, as numpy's check.
Value wrapIndex(OpBuilder &b, Location loc, Value scalar, Value size, Value *outOfRange) {
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), scalar);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  i = b.create<arith::SelectOp>(loc, negative, b.create<arith::AddIOp>(loc, i, size), i);
  *outOfRange = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::uge, i, size);
  return b.create<arith::SelectOp>(loc, *outOfRange, zero, i);
}

Value wrapIndex(OpBuilder &b, Location loc, Value scalar, Value size) {
  Value outOfRange;
  return wrapIndex(b, loc, scalar, size, &outOfRange);
}

/// wrapIndex in a scatter's loop, which also ors into `anyOutOfRange` whether the scalar
/// was out of range: a branch on the common case, an index already in [0, size) (one
/// unsigned compare, marked likely), which takes it as it is; wrapping, checking and
/// the update of `anyOutOfRange` happen on the other side only. (As selects on every
/// element, they made np.add.at's loop 1.3x numba's, which checks no bounds.)
Value wrapIndexInLoop(OpBuilder &b, Location loc, Value scalar, Value size,
                      Value &anyOutOfRange) {
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), scalar);
  Value direct = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, i, size);
  direct = b.create<LLVM::ExpectOp>(loc, direct, b.create<arith::ConstantIntOp>(loc, 1, 1));
  Value flag = anyOutOfRange;
  auto branch = b.create<scf::IfOp>(
      loc, direct,
      [&](OpBuilder &b, Location loc) { b.create<scf::YieldOp>(loc, ValueRange{i, flag}); },
      [&](OpBuilder &b, Location loc) {
        Value out;
        Value wrapped = wrapIndex(b, loc, scalar, size, &out);
        b.create<scf::YieldOp>(loc,
                               ValueRange{wrapped, b.create<arith::OrIOp>(loc, flag, out)});
      });
  anyOutOfRange = branch.getResult(1);
  return branch.getResult(0);
}

/// Whether one of the dims [first, first + count) of `v` may be empty at run time: then
/// every index is out of range (the runtime reports it) and nothing may be read or
/// written.
Value anyDimEmpty(OpBuilder &b, Location loc, Value v, int64_t first, size_t count) {
  auto type = cast<RankedTensorType>(v.getType());
  Value empty;
  for (int64_t d = first; d < first + (int64_t)count; ++d) {
    if (!type.isDynamicDim(d) && type.getDimSize(d) != 0)
      continue;
    Value n = b.createOrFold<tensor::DimOp>(loc, v, d);
    Value zero = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, n,
                                         b.create<arith::ConstantIndexOp>(loc, 0));
    empty = empty ? b.create<arith::OrIOp>(loc, empty, zero).getResult() : zero;
  }
  return empty;
}

/// The sizes of the index shape B (dims [first, first + rank) of each of `shaped`):
/// static where the type says so, else the smallest of the operands' run-time sizes.
SmallVector<OpFoldResult> commonSizes(OpBuilder &b, Location loc, ValueRange shaped,
                                      ArrayRef<int64_t> firsts, int64_t rank) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < rank; ++d) {
    OpFoldResult size = tensor::getMixedSize(b, loc, shaped.front(), firsts.front() + d);
    for (auto [v, first] : llvm::zip(shaped.drop_front(), firsts.drop_front()))
      size = minSize(b, loc, size, tensor::getMixedSize(b, loc, v, first + d));
    sizes.push_back(size);
  }
  return sizes;
}

/// `v` with each of its first dims cut to `sizes` where it is dynamic.
Value cutTo(OpBuilder &b, Location loc, Value v, ArrayRef<OpFoldResult> sizes) {
  auto type = cast<RankedTensorType>(v.getType());
  for (auto [d, size] : llvm::enumerate(sizes))
    if (type.isDynamicDim(d))
      v = cutDim(b, loc, v, d, size);
  return v;
}

RankedTensorType typeOfSizes(ArrayRef<OpFoldResult> sizes, Type element) {
  SmallVector<int64_t> shape;
  for (OpFoldResult s : sizes) {
    std::optional<int64_t> c = getConstantIntValue(s);
    shape.push_back(c ? *c : ShapedType::kDynamic);
  }
  return RankedTensorType::get(shape, element);
}

/// `dest = cast(op(cast(dest), update))` of ag.scatter's combine, computed in the
/// update's dtype.
Value combineScalars(OpBuilder &b, Location loc, StringRef kind, Value old, Value update) {
  Type t = update.getType();
  Value o = castScalar(b, loc, old, t);
  Value r;
  if (isa<FloatType>(t)) {
    if (kind == "add")
      r = b.create<arith::AddFOp>(loc, o, update);
    else if (kind == "mul")
      r = b.create<arith::MulFOp>(loc, o, update);
    else if (kind == "max")
      r = b.create<arith::MaximumFOp>(loc, o, update);
    else
      r = b.create<arith::MinimumFOp>(loc, o, update);
  } else if (t.isInteger(1)) {
    if (kind == "add" || kind == "max" || kind == "or")
      r = b.create<arith::OrIOp>(loc, o, update);
    else if (kind == "xor")
      r = b.create<arith::XOrIOp>(loc, o, update);
    else
      r = b.create<arith::AndIOp>(loc, o, update);
  } else if (kind == "add") {
    r = b.create<arith::AddIOp>(loc, o, update);
  } else if (kind == "mul") {
    r = b.create<arith::MulIOp>(loc, o, update);
  } else if (kind == "max") {
    r = isUnsigned(t) ? b.create<arith::MaxUIOp>(loc, o, update).getResult()
                      : b.create<arith::MaxSIOp>(loc, o, update).getResult();
  } else if (kind == "min") {
    r = isUnsigned(t) ? b.create<arith::MinUIOp>(loc, o, update).getResult()
                      : b.create<arith::MinSIOp>(loc, o, update).getResult();
  } else if (kind == "and") {
    r = b.create<arith::AndIOp>(loc, o, update);
  } else if (kind == "or") {
    r = b.create<arith::OrIOp>(loc, o, update);
  } else {
    r = b.create<arith::XOrIOp>(loc, o, update);
  }
  return castScalar(b, loc, r, old.getType());
}

/// Zeros of `type` whose dynamic dims have the sizes in `sizes` (all dims given).
Value zerosOfSizes(OpBuilder &b, Location loc, RankedTensorType type,
                   ArrayRef<OpFoldResult> sizes) {
  Value zero = scalarConstant(b, loc, type.getElementType(), 0);
  Value filled = filledOfSizes(b, loc, sizes, zero);
  if (filled.getType() != type)
    filled = b.create<tensor::CastOp>(loc, type, filled);
  return filled;
}

struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    RankedTensorType type = op.getType();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t axis = op.getAxis();
    size_t n = adaptor.getIndices().size();
    int64_t restRank = xType.getRank() - axis - (int64_t)n;
    int64_t batchRank = type.getRank() - axis - restRank;
    SmallVector<int64_t> zeros(n, 0);
    SmallVector<OpFoldResult> batch =
        commonSizes(rw, loc, adaptor.getIndices(), zeros, batchRank);
    SmallVector<Value> indices;
    for (Value index : adaptor.getIndices())
      indices.push_back(cutTo(rw, loc, index, batch));
    SmallVector<Value> dims;
    for (size_t k = 0; k < n; ++k)
      dims.push_back(rw.createOrFold<tensor::DimOp>(loc, x, axis + k));
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < axis; ++d)
      sizes.push_back(tensor::getMixedSize(rw, loc, x, d));
    llvm::append_range(sizes, batch);
    for (int64_t r = 0; r < restRank; ++r)
      sizes.push_back(tensor::getMixedSize(rw, loc, x, axis + n + r));

    auto gather = [&](OpBuilder &b, Location l) -> Value {
      Value init = b.create<tensor::EmptyOp>(l, sizes, type.getElementType());
      if (init.getType() != type)
        init = b.create<tensor::CastOp>(l, type, init);
      MLIRContext *ctx = b.getContext();
      SmallVector<AffineExpr> batchDims;
      for (int64_t d = 0; d < batchRank; ++d)
        batchDims.push_back(getAffineDimExpr(axis + d, ctx));
      AffineMap indexMap = AffineMap::get(type.getRank(), 0, batchDims, ctx);
      SmallVector<AffineMap> maps(n, indexMap);
      maps.push_back(b.getMultiDimIdentityMap(type.getRank()));
      SmallVector<utils::IteratorType> iterators(type.getRank(),
                                                 utils::IteratorType::parallel);
      auto generic = b.create<linalg::GenericOp>(
          l, TypeRange{type}, indices, ValueRange{init}, maps, iterators,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            SmallVector<Value> coords;
            for (int64_t d = 0; d < axis; ++d)
              coords.push_back(nb.create<linalg::IndexOp>(nl, d));
            for (size_t k = 0; k < n; ++k)
              coords.push_back(wrapIndex(nb, nl, args[k], dims[k]));
            for (int64_t r = 0; r < restRank; ++r)
              coords.push_back(nb.create<linalg::IndexOp>(nl, axis + batchRank + r));
            nb.create<linalg::YieldOp>(nl,
                                       nb.create<tensor::ExtractOp>(nl, x, coords).getResult());
          });
      return generic.getResult(0);
    };
    Value empty = anyDimEmpty(rw, loc, x, axis, n);
    if (!empty) {
      rw.replaceOp(op, gather(rw, loc));
      return success();
    }
    auto guarded = rw.create<scf::IfOp>(
        loc, empty,
        [&](OpBuilder &b, Location l) {
          b.create<scf::YieldOp>(l, zerosOfSizes(b, l, type, sizes));
        },
        [&](OpBuilder &b, Location l) { b.create<scf::YieldOp>(l, gather(b, l)); });
    rw.replaceOp(op, guarded.getResult(0));
    return success();
  }
};

struct ScatterLowering : OpConversionPattern<ScatterOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ScatterOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value dest = adaptor.getDest(), updates = adaptor.getUpdates();
    auto destType = cast<RankedTensorType>(dest.getType());
    auto updType = cast<RankedTensorType>(updates.getType());
    int64_t axis = op.getAxis();
    size_t n = adaptor.getIndices().size();
    int64_t batchRank = cast<RankedTensorType>(adaptor.getIndices()[0].getType()).getRank();
    int64_t restRank = destType.getRank() - axis - (int64_t)n;
    int64_t fullRank = axis + batchRank + restRank; // the gathered shape's
    int64_t offset = fullRank - updType.getRank();   // updates align to the right
    StringRef kind = op.getCombine();
    // Full dim i reads updates dim i - offset, or broadcasts it (missing, or a static 1).
    auto updDim = [&](int64_t i) -> std::optional<int64_t> {
      int64_t j = i - offset;
      if (j < 0 || updType.getDimSize(j) == 1)
        return std::nullopt;
      return j;
    };

    SmallVector<OpFoldResult> batch;
    for (int64_t d = 0; d < batchRank; ++d) {
      OpFoldResult size = tensor::getMixedSize(rw, loc, adaptor.getIndices()[0], d);
      for (Value index : adaptor.getIndices().drop_front())
        size = minSize(rw, loc, size, tensor::getMixedSize(rw, loc, index, d));
      if (auto j = updDim(axis + d))
        size = minSize(rw, loc, size, tensor::getMixedSize(rw, loc, updates, *j));
      batch.push_back(size);
    }
    SmallVector<Value> indices;
    for (Value index : adaptor.getIndices())
      indices.push_back(cutTo(rw, loc, index, batch));
    SmallVector<Value> dims;
    for (size_t k = 0; k < n; ++k)
      dims.push_back(rw.createOrFold<tensor::DimOp>(loc, dest, axis + k));
    // The slab one position writes: the leading and trailing dims of the gathered shape
    // (full dims `slabDims`), where a dim of either side is dynamic no more than the
    // smaller size.
    SmallVector<int64_t> slabDims;
    SmallVector<OpFoldResult> slab;
    for (int64_t i = 0; i < fullRank; ++i) {
      if (i >= axis && i < axis + batchRank)
        continue;
      int64_t d = i < axis ? i : i - batchRank + (int64_t)n; // dest's dim
      OpFoldResult size = tensor::getMixedSize(rw, loc, dest, d);
      if (auto j = updDim(i))
        size = minSize(rw, loc, tensor::getMixedSize(rw, loc, updates, *j), size);
      slabDims.push_back(i);
      slab.push_back(size);
    }

    // With `checked`, the loops also carry whether an index was out of range.
    bool checked = op.getChecked();
    // One position's write into `cur`: an element, or a row of the slab. With `bad`,
    // ors into it whether an index was out of range.
    auto write = [&](OpBuilder &nb, Location nl, ValueRange ivs, Value cur,
                     Value *bad) -> Value {
      Value zero = nb.create<arith::ConstantIndexOp>(nl, 0);
      SmallVector<Value> coords;
      for (size_t k = 0; k < n; ++k) {
        Value scalar = nb.create<tensor::ExtractOp>(nl, indices[k], ivs);
        coords.push_back(bad ? wrapIndexInLoop(nb, nl, scalar, dims[k], *bad)
                             : wrapIndex(nb, nl, scalar, dims[k]));
      }
      if (slab.empty()) {
        SmallVector<Value> at;
        for (int64_t j = 0; j < updType.getRank(); ++j)
          at.push_back(updDim(j + offset) ? ivs[j + offset - axis] : zero);
        Value u = nb.create<tensor::ExtractOp>(nl, updates, at);
        if (kind != "assign")
          u = combineScalars(nb, nl, kind,
                             nb.create<tensor::ExtractOp>(nl, cur, coords), u);
        return nb.create<tensor::InsertOp>(nl, u, cur, coords);
      }
      OpFoldResult zeroAttr = nb.getIndexAttr(0), oneAttr = nb.getIndexAttr(1);
      // The updates at this position: batch and broadcast dims of size 1, read by a
      // generic over the slab with constant-0 map results for them.
      MLIRContext *ctx = nb.getContext();
      SmallVector<OpFoldResult> uOffsets, uSizes;
      SmallVector<AffineExpr> uExprs;
      for (int64_t j = 0; j < updType.getRank(); ++j) {
        int64_t i = j + offset;
        bool isBatch = i >= axis && i < axis + batchRank;
        bool reads = updDim(i).has_value();
        uOffsets.push_back(isBatch && reads ? OpFoldResult(ivs[i - axis]) : zeroAttr);
        if (isBatch || !reads) {
          uSizes.push_back(oneAttr);
          uExprs.push_back(getAffineConstantExpr(0, ctx));
        } else {
          int64_t s = llvm::find(slabDims, i) - slabDims.begin();
          uSizes.push_back(slab[s]);
          uExprs.push_back(getAffineDimExpr(s, ctx));
        }
      }
      SmallVector<OpFoldResult> uStrides(uSizes.size(), oneAttr);
      Value part = nb.create<tensor::ExtractSliceOp>(nl, updates, uOffsets, uSizes,
                                                     uStrides);
      SmallVector<OpFoldResult> dOffsets, dSizes;
      for (int64_t d = 0; d < axis; ++d) {
        dOffsets.push_back(zeroAttr);
        dSizes.push_back(slab[d]);
      }
      for (Value c : coords) {
        dOffsets.push_back(c);
        dSizes.push_back(oneAttr);
      }
      for (int64_t r = 0; r < restRank; ++r) {
        dOffsets.push_back(zeroAttr);
        dSizes.push_back(slab[axis + r]);
      }
      SmallVector<OpFoldResult> dStrides(dSizes.size(), oneAttr);
      auto oldType = typeOfSizes(slab, destType.getElementType());
      Value old = nb.create<tensor::ExtractSliceOp>(nl, oldType, cur, dOffsets, dSizes,
                                                    dStrides);
      int64_t rank = (int64_t)slab.size();
      SmallVector<AffineMap> maps{AffineMap::get(rank, 0, uExprs, ctx),
                                  nb.getMultiDimIdentityMap(rank)};
      SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
      Value row = nb.create<linalg::GenericOp>(
                        nl, TypeRange{oldType}, ValueRange{part}, ValueRange{old}, maps,
                        iterators,
                        [&](OpBuilder &gb, Location gl, ValueRange a) {
                          Value v = kind == "assign"
                                        ? a[0]
                                        : combineScalars(gb, gl, kind, a[1], a[0]);
                          gb.create<linalg::YieldOp>(gl, v);
                        })
                      .getResult(0);
      return nb.create<tensor::InsertSliceOp>(nl, row, cur, dOffsets, dSizes, dStrides);
    };
    auto scatter = [&](OpBuilder &b, Location l) -> scf::ValueVector {
      Value zero = b.create<arith::ConstantIndexOp>(l, 0);
      Value one = b.create<arith::ConstantIndexOp>(l, 1);
      SmallVector<Value> lbs(batchRank, zero), steps(batchRank, one), ubs;
      for (OpFoldResult s : batch)
        ubs.push_back(getValueOrCreateConstantIndexOp(b, l, s));
      auto body = [&](OpBuilder &nb, Location nl, ValueRange ivs,
                      ValueRange args) -> scf::ValueVector {
        if (!checked)
          return {write(nb, nl, ivs, args[0], nullptr)};
        Value bad = args[1];
        Value written = write(nb, nl, ivs, args[0], &bad);
        return {written, bad};
      };
      SmallVector<Value> init{dest};
      if (checked)
        init.push_back(b.create<arith::ConstantIntOp>(l, 0, 1));
      return scf::buildLoopNest(b, l, lbs, ubs, steps, init, body).results;
    };
    // The op's results from the loops' (the flag as a 0-d tensor).
    auto replace = [&](ValueRange results) {
      SmallVector<Value> values{results[0]};
      if (checked)
        values.push_back(rw.create<tensor::FromElementsOp>(
            loc, RankedTensorType::get({}, rw.getI1Type()), results[1]));
      rw.replaceOp(op, values);
      return success();
    };
    Value empty = anyDimEmpty(rw, loc, dest, axis, n);
    if (!empty)
      return replace(scatter(rw, loc));
    // An empty indexed dimension: nothing is written, and any position's index was out
    // of range.
    SmallVector<Type> types{dest.getType()};
    if (checked)
      types.push_back(rw.getI1Type());
    auto guarded = rw.create<scf::IfOp>(
        loc, empty,
        [&](OpBuilder &b, Location l) {
          SmallVector<Value> results{dest};
          if (checked) {
            Value any = b.create<arith::ConstantIntOp>(l, 1, 1);
            Value zero = b.create<arith::ConstantIndexOp>(l, 0);
            for (OpFoldResult size : batch)
              any = b.create<arith::AndIOp>(
                  l, any,
                  b.create<arith::CmpIOp>(l, arith::CmpIPredicate::ne,
                                          getValueOrCreateConstantIndexOp(b, l, size),
                                          zero));
            results.push_back(any);
          }
          b.create<scf::YieldOp>(l, results);
        },
        [&](OpBuilder &b, Location l) { b.create<scf::YieldOp>(l, scatter(b, l)); });
    return replace(guarded.getResults());
  }
};

/// The number of true elements of `mask` (any rank), as an index: a sum in int64.
Value countTrue(OpBuilder &b, Location loc, Value mask) {
  int64_t rank = cast<RankedTensorType>(mask.getType()).getRank();
  Type i64 = b.getI64Type();
  Value acc = filledOfSizes(b, loc, {}, scalarConstant(b, loc, i64, 0));
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::reduction);
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank),
                              AffineMap::get(rank, 0, {}, b.getContext())};
  Value sum = b.create<linalg::GenericOp>(
                   loc, TypeRange{acc.getType()}, ValueRange{mask}, ValueRange{acc}, maps,
                   iterators,
                   [&](OpBuilder &nb, Location l, ValueRange args) {
                     Value one = nb.create<arith::ExtUIOp>(l, i64, args[0]);
                     nb.create<linalg::YieldOp>(
                         l, nb.create<arith::AddIOp>(l, args[1], one).getResult());
                   })
                  .getResult(0);
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(),
                                      b.create<tensor::ExtractOp>(loc, sum, ValueRange{}));
}

/// `next` advanced by mask[at] (0 or 1): the running count of a branch-free fill.
Value advancedBy(OpBuilder &b, Location loc, Value next, Value mask, ValueRange at) {
  Value set = b.create<tensor::ExtractOp>(loc, mask, at);
  Value step = b.create<arith::IndexCastOp>(
      loc, b.getIndexType(), b.create<arith::ExtUIOp>(loc, b.getI64Type(), set));
  return b.create<arith::AddIOp>(loc, next, step);
}

/// Replaces `op` by `value`, cast to the op's type where they differ in static sizes.
void replaceWithCast(ConversionPatternRewriter &rw, Operation *op, Value value) {
  Type type = op->getResult(0).getType();
  if (value.getType() != type)
    value = rw.create<tensor::CastOp>(op->getLoc(), type, value);
  rw.replaceOp(op, value);
}

struct NonzeroLowering : OpConversionPattern<NonzeroOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(NonzeroOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value mask = adaptor.getOperand();
    auto maskType = cast<RankedTensorType>(mask.getType());
    int64_t rank = maskType.getRank();
    Type i64 = rw.getI64Type();
    Value count = countTrue(rw, loc, mask);
    if (rank == 0) { // no coordinates to write: only the count matters
      rw.replaceOpWithNewOp<tensor::EmptyOp>(
          op, SmallVector<OpFoldResult>{rw.getIndexAttr(rank), count}, i64);
      return success();
    }
    Value zero = rw.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rw.create<arith::ConstantIndexOp>(loc, 1);
    SmallVector<Value> lbs(rank, zero), steps(rank, one), ubs;
    for (int64_t d = 0; d < rank; ++d)
      ubs.push_back(rw.createOrFold<tensor::DimOp>(loc, mask, d));
    // Without a branch on the mask (a random mask mispredicted half the time: x[x > 0]
    // spent most of its time here): every position writes its coordinates into column
    // `next`, which advances by the mask, so an unset position's column is written again
    // by the next set one -- or is the spare column after the count, sliced off. (A 1-D
    // mask's one row is a 1-D buffer, expanded after the slice: a row of a 2-D buffer
    // has a dynamic row stride, and its users' collapse of the unit dim then copies.)
    Value columns = rw.create<arith::AddIOp>(loc, count, one);
    SmallVector<OpFoldResult> shape{columns};
    if (rank > 1)
      shape.insert(shape.begin(), rw.getIndexAttr(rank));
    Value result = rw.create<tensor::EmptyOp>(loc, shape, i64);
    auto body = [&](OpBuilder &b, Location l, ValueRange ivs,
                    ValueRange args) -> scf::ValueVector {
      Value r = args[0], next = args[1];
      for (int64_t d = 0; d < rank; ++d) {
        SmallVector<Value> at{next};
        if (rank > 1)
          at.insert(at.begin(), b.create<arith::ConstantIndexOp>(l, d));
        r = b.create<tensor::InsertOp>(l, b.create<arith::IndexCastOp>(l, i64, ivs[d]), r,
                                       at);
      }
      return {r, advancedBy(b, l, next, mask, ivs)};
    };
    Value filled =
        scf::buildLoopNest(rw, loc, lbs, ubs, steps, ValueRange{result, zero}, body)
            .results.front();
    size_t dims = shape.size();
    SmallVector<OpFoldResult> offsets(dims, rw.getIndexAttr(0)),
        strides(dims, rw.getIndexAttr(1)), sizes{count};
    if (rank > 1)
      sizes.insert(sizes.begin(), rw.getIndexAttr(rank));
    Value sliced = rw.create<tensor::ExtractSliceOp>(loc, filled, offsets, sizes, strides);
    if (rank == 1)
      sliced = rw.create<tensor::ExpandShapeOp>(
          loc, RankedTensorType::get({1, ShapedType::kDynamic}, i64), sliced,
          ArrayRef<ReassociationIndices>{{0, 1}},
          SmallVector<OpFoldResult>{rw.getIndexAttr(1), count});
    replaceWithCast(rw, op, sliced);
    return success();
  }
};

/// compress: the count, a buffer of one more element, and one ordered loop without a
/// branch on the mask writing each element at the running count (as nonzero's fill:
/// an unselected element is overwritten by the next selected one, or lands in the
/// spare element, sliced off).
struct CompressLowering : OpConversionPattern<CompressOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CompressOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand(), mask = adaptor.getMask();
    Value count = countTrue(rw, loc, mask);
    Value zero = rw.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rw.create<arith::ConstantIndexOp>(loc, 1);
    Value spare = rw.create<arith::AddIOp>(loc, count, one);
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    Value result = rw.create<tensor::EmptyOp>(loc, SmallVector<OpFoldResult>{spare}, element);
    // (The verifier makes both of one length; the smaller bounds the loop all the same.)
    Value n = rw.create<arith::MinUIOp>(loc, rw.createOrFold<tensor::DimOp>(loc, x, 0),
                                        rw.createOrFold<tensor::DimOp>(loc, mask, 0));
    auto loop = rw.create<scf::ForOp>(
        loc, zero, n, one, ValueRange{result, zero},
        [&](OpBuilder &b, Location l, Value i, ValueRange args) {
          Value r = b.create<tensor::InsertOp>(
              l, b.create<tensor::ExtractOp>(l, x, ValueRange{i}), args[0],
              ValueRange{args[1]});
          b.create<scf::YieldOp>(l, ValueRange{r, advancedBy(b, l, args[1], mask, i)});
        });
    Value sliced = rw.create<tensor::ExtractSliceOp>(
        loc, loop.getResult(0), SmallVector<OpFoldResult>{rw.getIndexAttr(0)},
        SmallVector<OpFoldResult>{count}, SmallVector<OpFoldResult>{rw.getIndexAttr(1)});
    replaceWithCast(rw, op, sliced);
    return success();
  }
};

/// iota: a parallel generic writing each position's index into a buffer of the count
/// (negative counts as 0).
struct IotaLowering : OpConversionPattern<IotaOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(IotaOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    Value n = rw.create<tensor::ExtractOp>(loc, adaptor.getCount(), ValueRange{});
    n = rw.create<arith::IndexCastOp>(loc, rw.getIndexType(), n);
    n = rw.create<arith::MaxSIOp>(loc, n, rw.create<arith::ConstantIndexOp>(loc, 0));
    Value init = rw.create<tensor::EmptyOp>(loc, type, ValueRange{n});
    rw.replaceOpWithNewOp<linalg::GenericOp>(
        op, TypeRange{type}, ValueRange{}, ValueRange{init},
        ArrayRef<AffineMap>{rw.getMultiDimIdentityMap(1)},
        ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange) {
          Value i = b.create<linalg::IndexOp>(l, 0);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::IndexCastOp>(l, type.getElementType(), i)});
        });
    return success();
  }
};

} // namespace

void mlir::ag::populateIndexingPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherLowering, ScatterLowering, NonzeroLowering, CompressLowering,
               IotaLowering>(
      patterns.getContext());
}

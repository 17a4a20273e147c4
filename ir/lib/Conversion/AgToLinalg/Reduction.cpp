//===- Reduction.cpp - ag reductions to linalg.generic --------------------===//
//
// sum/prod/max/min/mean/all/any over an axis set and argmax/argmin along one axis, each a
// linalg.generic with reduction iterators over an identity-filled init. Sums and
// products accumulate in their own dtype, in numpy's order, so that they round (and
// overflow to inf) where numpy's do: a float sum over innermost dims goes through
// numpy's pairwise tree (PairwiseSum.cpp); every other sum and every product is a plain
// running sum/product, which is what numpy computes then. numpy's order is that of
// memory, so a reduction of a transposed view reduces the view's base.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

enum class Combiner { Sum, Prod, Max, Min, All, Any };

Value identityFor(Combiner c, OpBuilder &b, Location loc, Type t) {
  if (auto complexType = dyn_cast<ComplexType>(t)) {
    assert(c == Combiner::Prod && "only ag.prod reduces complex values here");
    return complexConstant(b, loc, complexType, 1.0, 0.0);
  }
  switch (c) {
  case Combiner::Sum:
  case Combiner::Any:
    return scalarConstant(b, loc, t, 0);
  case Combiner::Prod:
  case Combiner::All:
    return scalarConstant(b, loc, t, 1);
  case Combiner::Max:
    return lowestValue(b, loc, t);
  case Combiner::Min:
    return highestValue(b, loc, t);
  }
  llvm_unreachable("unknown combiner");
}

Value combine(Combiner c, OpBuilder &b, Location loc, Value x, Value acc) {
  bool isFloat = isa<FloatType>(x.getType());
  bool isBool = x.getType().isInteger(1);
  switch (c) {
  case Combiner::Sum:
    return isFloat ? b.create<arith::AddFOp>(loc, x, acc).getResult()
                   : b.create<arith::AddIOp>(loc, x, acc).getResult();
  case Combiner::Prod:
    if (isa<ComplexType>(x.getType()))
      return complexReductionProduct(b, loc, acc, x);
    return isFloat ? b.create<arith::MulFOp>(loc, x, acc).getResult()
                   : b.create<arith::MulIOp>(loc, x, acc).getResult();
  case Combiner::Max:
    if (isFloat)
      return b.create<arith::MaximumFOp>(loc, x, acc);
    if (isUnsigned(x.getType()))
      return b.create<arith::MaxUIOp>(loc, x, acc);
    return isBool ? b.create<arith::OrIOp>(loc, x, acc).getResult()
                  : b.create<arith::MaxSIOp>(loc, x, acc).getResult();
  case Combiner::Min:
    if (isFloat)
      return b.create<arith::MinimumFOp>(loc, x, acc);
    if (isUnsigned(x.getType()))
      return b.create<arith::MinUIOp>(loc, x, acc);
    return isBool ? b.create<arith::AndIOp>(loc, x, acc).getResult()
                  : b.create<arith::MinSIOp>(loc, x, acc).getResult();
  case Combiner::All:
    return b.create<arith::AndIOp>(loc, x, acc);
  case Combiner::Any:
    return b.create<arith::OrIOp>(loc, x, acc);
  }
  llvm_unreachable("unknown combiner");
}

/// Output indexing map of a reduction: reduced dims vanish, or read index 0 when kept.
AffineMap reductionOutputMap(MLIRContext *ctx, int64_t rank, ArrayRef<int64_t> axes,
                             bool keepdims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d))
      exprs.push_back(getAffineDimExpr(d, ctx));
    else if (keepdims)
      exprs.push_back(getAffineConstantExpr(0, ctx));
  }
  return AffineMap::get(rank, 0, exprs, ctx);
}

SmallVector<utils::IteratorType> reductionIterators(int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<utils::IteratorType> it(rank, utils::IteratorType::parallel);
  for (int64_t a : axes)
    it[a] = utils::IteratorType::reduction;
  return it;
}

/// Dynamic sizes of the reduction result, taken from the operand's kept dims.
SmallVector<Value> reducedDynamicSizes(OpBuilder &b, Location loc, Value operand,
                                       RankedTensorType resultType,
                                       ArrayRef<int64_t> axes, bool keepdims) {
  SmallVector<Value> sizes;
  auto inType = cast<RankedTensorType>(operand.getType());
  int64_t r = 0;
  for (int64_t d = 0; d < inType.getRank(); ++d) {
    bool reduced = llvm::is_contained(axes, d);
    if (reduced && !keepdims)
      continue;
    if (resultType.isDynamicDim(r++))
      sizes.push_back(b.create<tensor::DimOp>(loc, operand, d));
  }
  return sizes;
}

/// The longest contiguous run numpy's float max/min reduce with the scalar loop.
constexpr int64_t kMaxScalarRun = 8;

/// Reduces `operand` over `axes` into `resultType`. The loops nest in dim order, so each
/// result combines its elements one by one in row-major order.
Value buildReduction(OpBuilder &b, Location loc, Value operand, ArrayRef<int64_t> axes,
                     bool keepdims, Combiner c, RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(operand.getType());
  int64_t rank = inType.getRank();
  Type elem = resultType.getElementType();
  Value empty = b.create<tensor::EmptyOp>(
      loc, resultType.getShape(), elem,
      reducedDynamicSizes(b, loc, operand, resultType, axes, keepdims));
  Value init =
      b.create<linalg::FillOp>(loc, identityFor(c, b, loc, elem), empty).getResult(0);
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank),
                              reductionOutputMap(ctx, rank, axes, keepdims)};
  // Over outer axes only, numpy reduces with its binary loop row by row, where the later
  // element wins a tie: max/min of -0.0 and +0.0 keep the later one (arith's
  // maximumf/minimumf order -0.0 below +0.0). The innermost loop is parallel there, so
  // the select vectorises like the rest. Over a contiguous run of at most 8 elements (the
  // trailing axes, or all of them) numpy's loop is the scalar one too: the later element
  // wins (measured: one -0.0 among +0.0s decides only in the last place). Over longer
  // runs its SIMD loop decides ties by lane: not modelled.
  bool shortRun = !axes.empty();
  int64_t run = 1;
  for (int64_t d = rank - int64_t(axes.size()); shortRun && d < rank; ++d) {
    shortRun = d >= 0 && llvm::is_contained(axes, d) && !inType.isDynamicDim(d);
    run *= shortRun ? inType.getDimSize(d) : 1;
  }
  bool laterWinsTies = (rank >= 2 && !llvm::is_contained(axes, rank - 1)) ||
                       (shortRun && run <= kMaxScalarRun);
  laterWinsTies &= isa<FloatType>(elem) && (c == Combiner::Max || c == Combiner::Min);
  auto generic = b.create<linalg::GenericOp>(
      loc, resultType, operand, init, maps, reductionIterators(rank, axes),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value x = args[0], acc = args[1];
        Value r;
        if (laterWinsTies) {
          // acc where it is NaN or strictly better, else x (x when x is NaN)
          Value better = nb.create<arith::CmpFOp>(
              nloc, c == Combiner::Max ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
              acc, x);
          Value nan = nb.create<arith::CmpFOp>(nloc, arith::CmpFPredicate::UNO, acc, acc);
          r = nb.create<arith::SelectOp>(nloc, nb.create<arith::OrIOp>(nloc, nan, better),
                                         acc, x);
        } else {
          r = combine(c, nb, nloc, x, acc);
        }
        nb.create<linalg::YieldOp>(nloc, r);
      });
  return generic.getResult(0);
}

/// Number of elements reduced, as a value of float type `t`.
Value reducedCount(OpBuilder &b, Location loc, Value operand, ArrayRef<int64_t> axes,
                   Type t) {
  Value count = b.create<arith::ConstantIndexOp>(loc, 1);
  for (int64_t a : axes)
    count = b.create<arith::MulIOp>(loc, count,
                                    b.createOrFold<tensor::DimOp>(loc, operand, a));
  Value asInt = b.create<arith::IndexCastOp>(loc, b.getI64Type(), count);
  return b.create<arith::SIToFPOp>(loc, t, asInt);
}

/// Where numpy sums pairwise: the first dim of the run of innermost dims that are all
/// reduced or of size 1, or -1 when numpy's order is a plain running sum. numpy's
/// iterator drops dims of size 1 and coalesces neighbouring reduced dims into its inner
/// loop; when the innermost remaining dim is kept, the inner loop adds one row of
/// operands into the result elementwise, and the reduced elements of each result are
/// added one by one, in row-major order. (A dynamic dim is never 1: the runtime traces
/// size 1 on its own.)
int64_t pairwiseRunStart(RankedTensorType type, ArrayRef<int64_t> axes) {
  auto unit = [&](int64_t d) { return type.getDimSize(d) == 1; };
  int64_t last = type.getRank() - 1;
  while (last >= 0 && unit(last))
    --last;
  if (last < 0 || !llvm::is_contained(axes, last))
    return -1;
  int64_t first = last;
  while (first > 0 && (llvm::is_contained(axes, first - 1) || unit(first - 1)))
    --first;
  // pairwise_sum adds fewer than 8 elements one by one from +0: a plain running sum,
  // which an elementwise producer fuses into, unless outer reduced dims make numpy add
  // each run's own sum into the result.
  int64_t run = 1;
  for (int64_t d = first; d < type.getRank(); ++d)
    run = ShapedType::isDynamic(run) || type.isDynamicDim(d) ? ShapedType::kDynamic
                                                             : run * type.getDimSize(d);
  bool outerReduced = llvm::any_of(axes, [&](int64_t a) { return a < first; });
  if (!ShapedType::isDynamic(run) && run < 8 && !outerReduced)
    return -1;
  return first;
}

/// What a reduction reads, over which axes, into which type, and how its result is
/// permuted after (`order`, empty for none).
struct ReductionPlan {
  Value operand;
  SmallVector<int64_t> axes;
  RankedTensorType type;
  SmallVector<int64_t> order;
};

/// numpy reduces a transposed view (`x.T.sum(axis=0)`) in the memory order of its base,
/// which decides how a sum or product rounds: when the operand is an ag.transpose (and
/// the op does not say its operand is in memory order already), the plan reduces the
/// transpose's operand over the corresponding axes and permutes the (smaller) result.
/// Otherwise, the operand as it is.
ReductionPlan planReduction(ConversionPatternRewriter &rw, Value original, Value operand,
                            ArrayRef<int64_t> axes, bool keepdims, bool inMemoryOrder,
                            RankedTensorType resultType) {
  ReductionPlan plan{operand, SmallVector<int64_t>(axes), resultType, {}};
  auto transpose = inMemoryOrder ? TransposeOp() : original.getDefiningOp<TransposeOp>();
  Value base = transpose ? rw.getRemappedValue(transpose.getOperand()) : Value();
  if (!base)
    return plan;
  ArrayRef<int64_t> perm = transpose.getPermutation();
  auto baseType = cast<RankedTensorType>(base.getType());
  int64_t rank = baseType.getRank();
  SmallVector<int64_t> baseAxes;
  for (int64_t a : axes)
    baseAxes.push_back(perm[a]);
  llvm::sort(baseAxes);
  SmallVector<int64_t> shape, kept;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(baseAxes, d);
    if (!reduced)
      kept.push_back(d);
    if (!reduced || keepdims)
      shape.push_back(reduced ? 1 : baseType.getDimSize(d));
  }
  // Result dim i is the base-order result's dim order[i].
  SmallVector<int64_t> order;
  if (keepdims) {
    order.assign(perm.begin(), perm.end());
  } else {
    for (int64_t i = 0; i < rank; ++i)
      if (!llvm::is_contained(axes, i))
        order.push_back(llvm::find(kept, perm[i]) - kept.begin());
  }
  bool identity = llvm::all_of(llvm::enumerate(order), [](auto e) {
    return (int64_t)e.index() == e.value();
  });
  plan = {base, baseAxes, RankedTensorType::get(shape, resultType.getElementType()),
          identity ? SmallVector<int64_t>() : order};
  return plan;
}

template <typename OpTy, Combiner C>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elem = resultType.getElementType();
    bool keepdims = op.getKeepdims();
    ReductionPlan plan = planReduction(rw, op.getOperand(), adaptor.getOperand(),
                                       op.getAxes(), keepdims, op.getInMemoryOrder(),
                                       resultType);
    Value operand = plan.operand;
    ArrayRef<int64_t> axes = plan.axes;
    int64_t runStart = -1;
    if (C == Combiner::Sum && isa<FloatType>(elem))
      runStart = pairwiseRunStart(cast<RankedTensorType>(operand.getType()), axes);
    // float16: numpy's half loops accumulate an inner reduction in float32 and round
    // once per inner loop (buildPairwiseSum does so for sums); along outer axes each
    // step rounds to float16 (the output row is the accumulator), which f16 arithmetic
    // does. A product over trailing axes only is one inner loop: float32, one rounding.
    // np.mean of float16 always sums as float32 (dtype='f4').
    int64_t rank = cast<RankedTensorType>(operand.getType()).getRank();
    bool trailing = !axes.empty() && axes.back() == rank - 1 &&
                    axes.front() == rank - (int64_t)axes.size();
    bool viaF32 = elem.isF16() &&
                  (std::is_same_v<OpTy, MeanOp> || (C == Combiner::Prod && trailing));
    Value reduced = operand;
    RankedTensorType reducedType = plan.type;
    if (viaF32) {
      auto inType = cast<RankedTensorType>(operand.getType());
      reduced = buildElementwise(rw, loc, inType.clone(rw.getF32Type()), operand,
                                 [&](OpBuilder &b, Location l, ValueRange s) {
                                   return castScalar(b, l, s[0], b.getF32Type());
                                 });
      reducedType = plan.type.clone(rw.getF32Type());
    }
    Value r = runStart >= 0
                  ? buildPairwiseSum(rw, loc, reduced, runStart, axes, keepdims, reducedType)
                  : buildReduction(rw, loc, reduced, axes, keepdims, C, reducedType);
    if (viaF32 && !std::is_same_v<OpTy, MeanOp>)
      r = buildElementwise(rw, loc, plan.type, r, [&](OpBuilder &b, Location l, ValueRange s) {
        return castScalar(b, l, s[0], elem);
      });
    if (std::is_same_v<OpTy, MeanOp>) {
      // numpy's mean divides the sums by the count with true_divide, whose loop for a
      // float32 array and an integer count above 2^16 is float64's (the count does not
      // cast safely to float32), and a single sum as float64 anyway; the quotient is
      // rounded back. A float32 division gives the same correctly rounded quotient
      // while the count is exact in float32 (at most 2^24), so only a larger or
      // run-time count divides as float64.
      Type divType = elem.isF16() ? rw.getF32Type() : elem;
      if (divType.isF32()) {
        auto inType = cast<RankedTensorType>(operand.getType());
        int64_t count = 1;
        for (int64_t a : axes)
          count = inType.isDynamicDim(a) || ShapedType::isDynamic(count)
                      ? ShapedType::kDynamic
                      : count * inType.getDimSize(a);
        if (ShapedType::isDynamic(count) || count > (int64_t(1) << 24))
          divType = rw.getF64Type();
      }
      Value count = reducedCount(rw, loc, operand, axes, divType);
      r = buildElementwise(rw, loc, plan.type, r,
                           [&](OpBuilder &b, Location l, ValueRange s) {
                             Value v = castScalar(b, l, s[0], divType);
                             v = b.create<arith::DivFOp>(l, v, count);
                             return castScalar(b, l, v, elem);
                           });
    }
    if (!plan.order.empty()) {
      SmallVector<Value> dyn;
      for (auto [i, from] : llvm::enumerate(plan.order))
        if (resultType.isDynamicDim(i))
          dyn.push_back(rw.create<tensor::DimOp>(loc, r, from));
      Value init = rw.create<tensor::EmptyOp>(loc, resultType.getShape(), elem, dyn);
      r = rw.create<linalg::TransposeOp>(loc, r, init, plan.order).getResult()[0];
    }
    rw.replaceOp(op, r);
    return success();
  }
};

/// Lanes of an argmax/argmin along the innermost axis: 8 vectors of values and 8 of
/// block numbers, independent chains kept in registers over the whole row.
constexpr int64_t kArgLanes = 64;

/// Whether `x`, met after `best` in a scan, replaces it as numpy's argmax (IsMax) or
/// argmin sees them: the first extreme wins, and the first NaN wins over everything.
/// For floats `!(x <= best) && best is not NaN` (one compare on the data: x > best, or x
/// is NaN).
template <bool IsMax>
Value argBetter(OpBuilder &b, Location l, Value x, Value best) {
  Type elem = x.getType();
  if (isa<FloatType>(elem)) {
    Value beyond = b.create<arith::CmpFOp>(
        l, IsMax ? arith::CmpFPredicate::UGT : arith::CmpFPredicate::ULT, x, best);
    Value bestNum = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::ORD, best, best);
    return b.create<arith::AndIOp>(l, beyond, bestNum);
  }
  auto pred = intPredicate(elem, IsMax ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt);
  return b.create<arith::CmpIOp>(l, pred, x, best);
}

/// The body of a scan: (value, position) of `args[1]` at `args[2]` or, when better, of
/// the element `args[0]` at `pos`.
template <bool IsMax>
void yieldBetter(OpBuilder &b, Location l, ValueRange args, Value pos) {
  Value better = argBetter<IsMax>(b, l, args[0], args[1]);
  b.create<linalg::YieldOp>(l, ValueRange{b.create<arith::SelectOp>(l, better, args[0], args[1]),
                                          b.create<arith::SelectOp>(l, better, pos, args[2])});
}

/// `linalg.index d` as an integer of `type`.
Value loopIndex(OpBuilder &b, Location l, int64_t d, Type type) {
  return b.create<arith::IndexCastOp>(l, type, b.create<linalg::IndexOp>(l, d));
}

/// argmax/argmin along the innermost axis (length n, rank r). Scanning a row one element
/// after another is a chain of dependent compares and selects (~5 ns an element), so the
/// row is read as blocks of kArgLanes and lane j keeps the extreme of elements j, j + 64,
/// ... and the block it was in (the first extreme of the lane wins): the loop over a
/// block's lanes is innermost, which LLVM turns into vector compares and blends with
/// every accumulator in a register. The last n % 64 elements update lanes 0.. as one more
/// (partial) block. Then the row's extreme is the maximum/minimum of the lanes' (NaN if
/// any lane's is), and the answer the smallest index among the lanes holding it (or a
/// NaN): two reductions LLVM vectorises too. Lanes that saw no element (a run-time n
/// below 64) hold the seed (the lowest value for argmax) in block 0, which never changes
/// the answer: element 0 is at least the seed and has the smallest index.
template <bool IsMax>
Value buildLaneArgReduce(OpBuilder &b, Location loc, Value operand, bool keepdims,
                         RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(operand.getType());
  Type elem = inType.getElementType();
  Type i64 = b.getI64Type();
  int64_t rank = inType.getRank(), axis = rank - 1;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, operand);
  OpFoldResult n = sizes[axis];
  // n = blocks * kArgLanes + tail (run-time sizes in arith: the conversion makes no
  // affine ops). Block numbers are i32 where they fit: half the vector width of i64.
  OpFoldResult blocks, head, tail;
  Type blockType = i64;
  if (std::optional<int64_t> c = getConstantIntValue(n)) {
    blocks = b.getIndexAttr(*c / kArgLanes);
    head = b.getIndexAttr(*c / kArgLanes * kArgLanes);
    tail = b.getIndexAttr(*c % kArgLanes);
    if (*c / kArgLanes < (int64_t(1) << 31))
      blockType = b.getI32Type();
  } else {
    Value nv = getValueOrCreateConstantIndexOp(b, loc, n);
    Value lanes = b.create<arith::ConstantIndexOp>(loc, kArgLanes);
    Value q = b.create<arith::DivUIOp>(loc, nv, lanes);
    Value h = b.create<arith::MulIOp>(loc, q, lanes);
    blocks = q;
    head = h;
    tail = b.create<arith::SubIOp>(loc, nv, h).getResult();
  }
  Value seed = IsMax ? lowestValue(b, loc, elem) : highestValue(b, loc, elem);

  // Lanes: (outer..., kArgLanes) values and block numbers, seeded (seed, 0).
  SmallVector<OpFoldResult> laneSizes(sizes.begin(), sizes.end() - 1);
  laneSizes.push_back(b.getIndexAttr(kArgLanes));
  Value laneValues = filledOfSizes(b, loc, laneSizes, seed);
  Value laneBlocks = filledOfSizes(b, loc, laneSizes, scalarConstant(b, loc, blockType, 0));

  // The scan over blocks: loops (outer..., block, lane), the lane loop innermost.
  Value grid = expandDim(b, loc, cutDim(b, loc, operand, axis, head), axis,
                         {blocks, b.getIndexAttr(kArgLanes)});
  SmallVector<AffineExpr> laneExprs;
  for (int64_t d = 0; d < axis; ++d)
    laneExprs.push_back(getAffineDimExpr(d, ctx));
  laneExprs.push_back(getAffineDimExpr(rank, ctx));
  AffineMap laneMap = AffineMap::get(rank + 1, 0, laneExprs, ctx);
  SmallVector<utils::IteratorType> scanIters(rank + 1, utils::IteratorType::parallel);
  scanIters[axis] = utils::IteratorType::reduction;
  auto scan = b.create<linalg::GenericOp>(
      loc, TypeRange{laneValues.getType(), laneBlocks.getType()}, grid,
      ValueRange{laneValues, laneBlocks},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank + 1), laneMap, laneMap}, scanIters,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        yieldBetter<IsMax>(nb, l, args, loopIndex(nb, l, axis, blockType));
      });
  laneValues = scan.getResult(0);
  laneBlocks = scan.getResult(1);

  SmallVector<AffineMap> identity(3, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> parallel(rank, utils::IteratorType::parallel);
  if (!isConstantIntValue(tail, 0)) {
    // The last n % 64 elements: block `blocks` of lanes 0 .. tail - 1.
    SmallVector<OpFoldResult> zeros(rank, b.getIndexAttr(0)), ones(rank, b.getIndexAttr(1));
    SmallVector<OpFoldResult> offsets(zeros), partSizes(sizes);
    offsets[axis] = head;
    partSizes[axis] = tail;
    Value rest = b.create<tensor::ExtractSliceOp>(loc, operand, offsets, partSizes, ones);
    Value values = b.create<tensor::ExtractSliceOp>(loc, laneValues, zeros, partSizes, ones);
    Value blocksOf = b.create<tensor::ExtractSliceOp>(loc, laneBlocks, zeros, partSizes, ones);
    Value last = b.createOrFold<arith::IndexCastOp>(
        loc, blockType, getValueOrCreateConstantIndexOp(b, loc, blocks));
    auto update = b.create<linalg::GenericOp>(
        loc, TypeRange{values.getType(), blocksOf.getType()}, rest,
        ValueRange{values, blocksOf}, identity, parallel,
        [&](OpBuilder &nb, Location l, ValueRange args) {
          yieldBetter<IsMax>(nb, l, args, last);
        });
    laneValues = b.create<tensor::InsertSliceOp>(loc, update.getResult(0), laneValues, zeros,
                                                 partSizes, ones);
    laneBlocks = b.create<tensor::InsertSliceOp>(loc, update.getResult(1), laneBlocks, zeros,
                                                 partSizes, ones);
  }

  // The row's extreme over the lanes (NaN-propagating for floats).
  SmallVector<Value> dyn;
  for (int64_t d = 0; d < axis; ++d)
    if (inType.isDynamicDim(d))
      dyn.push_back(b.create<tensor::DimOp>(loc, operand, d));
  SmallVector<int64_t> rowShape(inType.getShape().begin(), inType.getShape().end() - 1);
  Value rowInit = b.create<linalg::FillOp>(
                       loc, seed, b.create<tensor::EmptyOp>(loc, rowShape, elem, dyn).getResult())
                      .getResult(0);
  AffineMap rowMap = reductionOutputMap(ctx, rank, {axis}, /*keepdims=*/false);
  Value rowBest =
      b.create<linalg::GenericOp>(
           loc, rowInit.getType(), laneValues, rowInit,
           SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank), rowMap},
           reductionIterators(rank, {axis}),
           [&](OpBuilder &nb, Location l, ValueRange args) {
             nb.create<linalg::YieldOp>(
                 l, combine(IsMax ? Combiner::Max : Combiner::Min, nb, l, args[0], args[1]));
           })
          .getResult(0);

  // The smallest index among the lanes holding it (a NaN, when it is one).
  Value indexInit =
      b.create<linalg::FillOp>(
           loc, highestValue(b, loc, i64),
           b.create<tensor::EmptyOp>(loc, resultType.getShape(), i64, dyn).getResult())
          .getResult(0);
  AffineMap outMap = reductionOutputMap(ctx, rank, {axis}, keepdims);
  return b
      .create<linalg::GenericOp>(
          loc, resultType, ValueRange{laneValues, laneBlocks, rowBest}, indexInit,
          SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank), b.getMultiDimIdentityMap(rank),
                                 rowMap, outMap},
          reductionIterators(rank, {axis}),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value v = args[0], best = args[2];
            Value holds;
            if (isa<FloatType>(elem))
              holds = nb.create<arith::OrIOp>(
                  l, nb.create<arith::CmpFOp>(l, arith::CmpFPredicate::OEQ, v, best),
                  nb.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, v, v));
            else
              holds = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, v, best);
            Value block = args[1];
            if (blockType != i64)
              block = nb.create<arith::ExtSIOp>(l, i64, block);
            Value idx = nb.create<arith::AddIOp>(
                l, nb.create<arith::MulIOp>(l, block, scalarConstant(nb, l, i64, kArgLanes)),
                loopIndex(nb, l, axis, i64));
            Value none = highestValue(nb, l, i64);
            nb.create<linalg::YieldOp>(
                l, nb.create<arith::MinSIOp>(l, args[3],
                                             nb.create<arith::SelectOp>(l, holds, idx, none))
                       .getResult());
          })
      .getResult(0);
}

/// argmax/argmin: a generic with two outputs (best value, its index). The first extreme
/// wins ties (strict comparison) and the first NaN wins over everything, as in numpy.
/// Along the innermost axis of a row long enough to fill the lanes twice, the lanes'
/// form (buildLaneArgReduce); otherwise one scan, whose loop over the reduced axis is
/// outside the kept dims' (vectorised across them) or short.
template <typename OpTy, bool IsMax>
struct ArgReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rw.getContext();
    Value operand = adaptor.getOperand();
    auto inType = cast<RankedTensorType>(operand.getType());
    Type elem = inType.getElementType();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    int64_t rank = inType.getRank();
    bool keepdims = op.getKeepdims();
    if (axis == rank - 1 &&
        (inType.isDynamicDim(axis) || inType.getDimSize(axis) >= 2 * kArgLanes)) {
      rw.replaceOp(op, buildLaneArgReduce<IsMax>(rw, loc, operand, keepdims, resultType));
      return success();
    }

    SmallVector<Value> dyn =
        reducedDynamicSizes(rw, loc, operand, resultType, {axis}, keepdims);
    auto valueType = RankedTensorType::get(resultType.getShape(), elem);
    Value seed = IsMax ? lowestValue(rw, loc, elem) : highestValue(rw, loc, elem);
    Value values = rw.create<linalg::FillOp>(
                         loc, seed,
                         rw.create<tensor::EmptyOp>(loc, valueType.getShape(), elem, dyn)
                             .getResult())
                       .getResult(0);
    Value indices =
        rw.create<linalg::FillOp>(
              loc, scalarConstant(rw, loc, rw.getI64Type(), 0),
              rw.create<tensor::EmptyOp>(loc, resultType.getShape(), rw.getI64Type(), dyn)
                  .getResult())
            .getResult(0);
    AffineMap outMap = reductionOutputMap(ctx, rank, {axis}, keepdims);
    SmallVector<AffineMap> maps{rw.getMultiDimIdentityMap(rank), outMap, outMap};
    auto generic = rw.create<linalg::GenericOp>(
        loc, TypeRange{valueType, resultType}, operand, ValueRange{values, indices}, maps,
        reductionIterators(rank, {axis}),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIdx = args[2];
          Value idx = loopIndex(b, l, axis, b.getI64Type());
          Value better = argBetter<IsMax>(b, l, x, best);
          // Index 0 is the seed's index: make element 0 win unconditionally, so an
          // all -inf (argmax) or all +inf (argmin) row still reports the first element.
          Value first = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, idx,
                                                scalarConstant(b, l, b.getI64Type(), 0));
          better = b.create<arith::OrIOp>(l, better, first);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, better, x, best),
                            b.create<arith::SelectOp>(l, better, idx, bestIdx)});
        });
    rw.replaceOp(op, generic.getResult(1));
    return success();
  }
};

} // namespace

void mlir::ag::populateReductionPatterns(RewritePatternSet &patterns) {
  patterns.add<ReduceLowering<SumOp, Combiner::Sum>, ReduceLowering<ProdOp, Combiner::Prod>,
               ReduceLowering<MaxOp, Combiner::Max>, ReduceLowering<MinOp, Combiner::Min>,
               ReduceLowering<MeanOp, Combiner::Sum>, ReduceLowering<AllOp, Combiner::All>,
               ReduceLowering<AnyOp, Combiner::Any>, ArgReduceLowering<ArgMaxOp, true>,
               ArgReduceLowering<ArgMinOp, false>>(patterns.getContext());
}

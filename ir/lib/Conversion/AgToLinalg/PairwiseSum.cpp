//===- PairwiseSum.cpp - float sums in numpy's order ----------------------===//
//
// numpy 1.24 sums a contiguous run of floats in the run's own dtype, in buffers of 8192
// elements (its iterator's buffer size) added one after the other into the result. Each
// buffer is summed by `pairwise_sum` (numpy/core/src/umath/loops_utils.h.src): a run of
// at most 128 elements goes into 8 accumulators (element i into i % 8), which are added
// as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and then the last n % 8 elements one by one;
// a longer run splits at n/2 rounded down to a multiple of 8 and adds its two halves'
// sums. Following the same tree gives numpy's result bit for bit, and the tree is what
// makes it fast: the 8 accumulators are the lanes of one vector add.
//
// The lowering views the reduced run as rows of octets and splits the work into
// linalg.generic ops a loop vectorizer needs no reassociation for:
//   * lane sums: each tree leaf's octets added into 8 lanes, the one pass over the data,
//     which it reads in place (an elementwise producer fuses into it);
//   * leaf values: the 8 lanes added as a balanced tree, the tail added one by one;
//   * the tree over leaves, a few balanced levels at a time.
// Full buffers all have the same tree (64 leaves of 16 octets). The last, partial
// buffer's tree depends on its length: when its leaves are equal (lengths 128 * 2^k,
// 96 * 2^k, ...), the lane sums read the data as (leaves, octets, 8); otherwise each
// leaf is gathered into a slot of a complete binary tree, padded with zeros (adding +0
// keeps every value but the sign of a zero, and the final add into the +0 numpy starts
// from makes every zero positive anyway). Run-time lengths build the same slot table in
// the compiled code. Where the data has several readers (a tail, a gather, full and
// partial buffers), its elementwise producer is computed into a buffer first.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::ag;
using namespace mlir::ag::lowering;

namespace {

/// numpy's reduction buffer (NPY_BUFSIZE elements): the unit of its pairwise sums.
constexpr int64_t kBuffer = 8192;
/// pairwise_sum's block: at most this many elements go through the 8 accumulators.
constexpr int64_t kBlock = 128;
/// Accumulators (lanes) of a block.
constexpr int64_t kLanes = 8;
/// Octets in a full leaf; a full buffer is 64 such leaves, 6 tree levels.
constexpr int64_t kLeafOctets = kBlock / kLanes;
constexpr int64_t kBufferLevels = 6;

using IT = utils::IteratorType;

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

Value toValue(OpBuilder &b, Location loc, OpFoldResult ofr) {
  return getValueOrCreateConstantIndexOp(b, loc, ofr);
}

/// A zero-filled tensor of `sizes`.
Value zeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, Type elem) {
  return filledOfSizes(b, loc, sizes, scalarConstant(b, loc, elem, 0));
}

/// Adds `vals` as a balanced tree of adjacent pairs (their count is a power of two).
Value balancedTree(OpBuilder &b, Location loc, SmallVector<Value> vals) {
  while (vals.size() > 1) {
    SmallVector<Value> next;
    for (size_t i = 0; i < vals.size(); i += 2)
      next.push_back(b.create<arith::AddFOp>(loc, vals[i], vals[i + 1]));
    vals = std::move(next);
  }
  return vals.front();
}

/// Lane sums of `leaves` leaves of `leafOctets` octets each, stored one after the other
/// in each row of `x` (rows, columns) from column `offset`: the octets of a leaf added in
/// order into 8 accumulators; (rows, leaves * 8).
Value laneSums(OpBuilder &b, Location loc, Value x, int64_t offset, OpFoldResult leaves,
               int64_t leafOctets) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  Type elem = type.getElementType();
  OpFoldResult rows = tensor::getMixedSizes(b, loc, x)[0];
  Value init = zeros(b, loc, {rows, leaves, b.getIndexAttr(kLanes)}, elem);
  // x is read in place through an affine map rather than through an expand_shape view:
  // the elementwise producer of a sum (`(x - mu) ** 2`) then fuses into this loop even
  // when it broadcasts (a constant-0 map, which reshape fusion rejects). The octet loop
  // appears in no other operand, so a small constant gives linalg its range.
  auto octetsType = RankedTensorType::get({leafOctets}, b.getI8Type());
  Value octetRange = b.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(octetsType, b.getI8IntegerAttr(0).getValue()));
  AffineExpr r, l, i, j;
  bindDims(ctx, r, l, i, j);
  SmallVector<AffineMap> maps{
      AffineMap::get(4, 0, {r, offset + (l * leafOctets + i) * kLanes + j}, ctx),
      AffineMap::get(4, 0, {i}, ctx), AffineMap::get(4, 0, {r, l, j}, ctx)};
  // The lane dim innermost: the loop over octets carries 8 independent sums, the
  // inner loop is one vector add.
  Value lanes =
      b.create<linalg::GenericOp>(
           loc, init.getType(), ValueRange{x, octetRange}, init, maps,
           SmallVector<IT>{IT::parallel, IT::parallel, IT::reduction, IT::parallel},
           [](OpBuilder &nb, Location nl, ValueRange args) {
             nb.create<linalg::YieldOp>(
                 nl, nb.create<arith::AddFOp>(nl, args[2], args[0]).getResult());
           })
          .getResult(0);
  return collapseDims(b, loc, lanes, 1, 2);
}

/// The row-major (rows, columns) `x` with adjacent groups of 2^levels columns added as
/// balanced trees: (rows, columns >> levels). `tail(b, loc, row, column, value)`, if
/// given, finishes each output value.
Value treeLevels(OpBuilder &b, Location loc, Value x, int64_t levels,
                 function_ref<Value(OpBuilder &, Location, Value, Value, Value)> tail = {}) {
  if (levels == 0 && !tail)
    return x;
  // Deeper trees as several generics of at most 8 inputs each (same tree, same sums).
  if (levels > 3) {
    assert(!tail && "a tail finishes leaves, three levels above the lanes");
    return treeLevels(b, loc, treeLevels(b, loc, x, 3), levels - 3);
  }
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, x);
  int64_t width = int64_t(1) << levels;
  OpFoldResult outCols;
  if (std::optional<int64_t> n = getConstantIntValue(sizes[1]))
    outCols = b.getIndexAttr(*n / width);
  else
    outCols = b.create<arith::ShRUIOp>(loc, toValue(b, loc, sizes[1]),
                                       indexConst(b, loc, levels))
                  .getResult();
  Value init = b.create<tensor::EmptyOp>(loc, ArrayRef<OpFoldResult>{sizes[0], outCols},
                                         type.getElementType());
  AffineExpr r, k;
  bindDims(ctx, r, k);
  SmallVector<AffineMap> maps;
  SmallVector<Value> inputs;
  for (int64_t o = 0; o < width; ++o) {
    maps.push_back(AffineMap::get(2, 0, {r, k * width + o}, ctx));
    inputs.push_back(x);
  }
  maps.push_back(AffineMap::get(2, 0, {r, k}, ctx));
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), inputs, init, maps,
          SmallVector<IT>{IT::parallel, IT::parallel},
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            Value v = balancedTree(nb, nl, SmallVector<Value>(args.drop_back()));
            if (tail)
              v = tail(nb, nl, nb.create<linalg::IndexOp>(nl, 0),
                       nb.create<linalg::IndexOp>(nl, 1), v);
            nb.create<linalg::YieldOp>(nl, v);
          })
      .getResult(0);
}

/// Sums of the full buffers of each row of `x` (rows, >= buffers * 8192): (rows, buffers).
Value bufferSums(OpBuilder &b, Location loc, Value x, OpFoldResult buffers) {
  OpFoldResult leaves;
  if (std::optional<int64_t> q = getConstantIntValue(buffers))
    leaves = b.getIndexAttr(*q * (kBuffer / kBlock));
  else
    leaves = b.create<arith::MulIOp>(loc, toValue(b, loc, buffers),
                                     indexConst(b, loc, kBuffer / kBlock))
                 .getResult();
  Value leafValues = treeLevels(b, loc, laneSums(b, loc, x, 0, leaves, kLeafOctets), 3);
  return treeLevels(b, loc, leafValues, kBufferLevels);
}

/// Full buffers per iteration of the blocked form: 64 KiB of elements (float64: 512
/// KiB), whose lane sums (1/16 of them) stay in L1.
constexpr int64_t kBufferBlock = 8;

/// bufferSums of a single row (1, >= buffers * 8192) read as blocks of kBufferBlock
/// buffers, one scf.for iteration each. Unblocked, the lane sums of all buffers are one
/// buffer (8 MiB for 16M float64s) filled, accumulated into and read again: traffic a
/// fifth of the data's, competing with it for the cache. The sums are the same, buffer
/// by buffer.
Value blockedBufferSums(OpBuilder &b, Location loc, Value x, int64_t buffers) {
  Type elem = cast<RankedTensorType>(x.getType()).getElementType();
  auto sliceOf = [&](OpBuilder &sb, Location sl, Value v, OpFoldResult offset,
                     int64_t size) -> Value {
    return sb.create<tensor::ExtractSliceOp>(
        sl, v, ArrayRef<OpFoldResult>{sb.getIndexAttr(0), offset},
        ArrayRef<OpFoldResult>{sb.getIndexAttr(1), sb.getIndexAttr(size)},
        ArrayRef<OpFoldResult>{sb.getIndexAttr(1), sb.getIndexAttr(1)});
  };
  auto insertInto = [&](OpBuilder &sb, Location sl, Value part, Value into,
                        OpFoldResult offset, int64_t size) -> Value {
    return sb.create<tensor::InsertSliceOp>(
        sl, part, into, ArrayRef<OpFoldResult>{sb.getIndexAttr(0), offset},
        ArrayRef<OpFoldResult>{sb.getIndexAttr(1), sb.getIndexAttr(size)},
        ArrayRef<OpFoldResult>{sb.getIndexAttr(1), sb.getIndexAttr(1)});
  };
  int64_t iterations = buffers / kBufferBlock, rest = buffers % kBufferBlock;
  Value all = b.create<tensor::EmptyOp>(
      loc, ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(buffers)}, elem);
  auto loop = b.create<scf::ForOp>(
      loc, indexConst(b, loc, 0), indexConst(b, loc, iterations), indexConst(b, loc, 1),
      ValueRange{all}, [&](OpBuilder &lb, Location ll, Value it, ValueRange acc) {
        Value first = lb.create<arith::MulIOp>(ll, it, indexConst(lb, ll, kBufferBlock));
        Value column = lb.create<arith::MulIOp>(ll, first, indexConst(lb, ll, kBuffer));
        Value part = bufferSums(lb, ll, sliceOf(lb, ll, x, column, kBufferBlock * kBuffer),
                                lb.getIndexAttr(kBufferBlock));
        lb.create<scf::YieldOp>(ll, insertInto(lb, ll, part, acc[0], first, kBufferBlock));
      });
  Value sums = loop.getResult(0);
  if (rest) {
    int64_t first = iterations * kBufferBlock;
    Value part = bufferSums(b, loc, sliceOf(b, loc, x, b.getIndexAttr(first * kBuffer),
                                            rest * kBuffer),
                            b.getIndexAttr(rest));
    sums = insertInto(b, loc, part, sums, b.getIndexAttr(first), rest);
  }
  return sums;
}

//===----------------------------------------------------------------------===//
// The tree of a partial buffer
//===----------------------------------------------------------------------===//

/// pairwise_sum's tree over `octets` octets and `tail` (< 8) more elements, in octets:
/// a node of m octets (plus the tail, on the rightmost path) is a leaf when it holds at
/// most 128 elements, else it splits into floor(m/2) and ceil(m/2) octets.
struct PartialTree {
  struct Leaf {
    int64_t start, octets, depth, slot;
  };
  SmallVector<Leaf> leaves;
  int64_t depth = 0;

  PartialTree(int64_t octets, int64_t tail) {
    visit(0, octets, tail, 0, 0);
    for (Leaf &l : leaves)
      depth = std::max(depth, l.depth);
    // A leaf at depth d takes the leftmost slot of its subtree at the deepest level.
    for (Leaf &l : leaves)
      l.slot <<= depth - l.depth;
  }
  void visit(int64_t start, int64_t m, int64_t tail, int64_t d, int64_t path) {
    if (m * kLanes + tail <= kBlock) {
      leaves.push_back({start, m, d, path});
      return;
    }
    visit(start, m / 2, 0, d + 1, path * 2);
    visit(start + m / 2, m - m / 2, tail, d + 1, path * 2 + 1);
  }
  /// Every slot holds a leaf, all of the same size: the data is (slots, octets, 8).
  bool isRegular() const {
    return llvm::all_of(leaves, [&](const Leaf &l) {
      return l.depth == depth && l.octets == leaves.front().octets;
    });
  }
};

/// The depth of pairwise_sum's tree over `octets` octets and `tail` elements: that of
/// its rightmost path, the largest node at each level (ceil halves, with the tail).
/// ceil(m / 2^k) octets fit a leaf when at most `cap` = 16 (15 with a tail), so the
/// depth is the least k with 2^k >= ceil(m / cap).
Value treeDepth(OpBuilder &b, Location loc, Value octets, Value tail) {
  Value zero = indexConst(b, loc, 0), one = indexConst(b, loc, 1);
  Value cap = b.create<arith::SelectOp>(
      loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, tail, zero),
      indexConst(b, loc, kLeafOctets), indexConst(b, loc, kLeafOctets - 1));
  // (arith.ceildivui has no LLVM lowering without arith-expand.)
  Value parts = b.create<arith::DivUIOp>(
      loc, b.create<arith::AddIOp>(loc, octets, b.create<arith::SubIOp>(loc, cap, one)),
      cap);
  // ceil(log2(parts)) = 64 - clz(parts - 1) for parts >= 1 (and 0 for no octets).
  Value below = b.create<arith::SubIOp>(
      loc, b.create<arith::MaxUIOp>(loc, parts, one), one);
  Value clz = b.create<math::CountLeadingZerosOp>(
      loc, b.create<arith::IndexCastUIOp>(loc, b.getI64Type(), below));
  Value depth = b.create<arith::SubIOp>(loc, scalarConstant(b, loc, b.getI64Type(), 64),
                                        clz);
  return b.create<arith::IndexCastUIOp>(loc, b.getIndexType(), depth);
}

/// The slot table of a partial buffer's tree at run time: (slots, 16) octet indices,
/// -1 past a leaf's end and in empty slots. Slot s follows s's bits from the root,
/// stopping (and then only going left) at a leaf.
Value slotTable(OpBuilder &b, Location loc, Value octets, Value tail, Value depth,
                Value slots) {
  Value init = b.create<tensor::EmptyOp>(
      loc, ArrayRef<OpFoldResult>{slots, b.getIndexAttr(kLeafOctets)}, b.getIndexType());
  MLIRContext *ctx = b.getContext();
  auto id = AffineMap::getMultiDimIdentityMap(2, ctx);
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{}, init, ArrayRef<AffineMap>{id},
          SmallVector<IT>{IT::parallel, IT::parallel},
          [&](OpBuilder &nb, Location nl, ValueRange) {
            Value s = nb.create<linalg::IndexOp>(nl, 0);
            Value i = nb.create<linalg::IndexOp>(nl, 1);
            Value zero = indexConst(nb, nl, 0), one = indexConst(nb, nl, 1);
            Value fals = nb.create<arith::ConstantIntOp>(nl, 0, 1);
            Value tru = nb.create<arith::ConstantIntOp>(nl, 1, 1);
            auto walk = nb.create<scf::ForOp>(
                nl, zero, depth, one, ValueRange{zero, octets, tru, fals},
                [&](OpBuilder &lb, Location ll, Value level, ValueRange st) {
                  Value start = st[0], m = st[1], rightmost = st[2], empty = st[3];
                  Value shift = lb.create<arith::SubIOp>(
                      ll, lb.create<arith::SubIOp>(ll, depth, level), one);
                  Value bit = lb.create<arith::CmpIOp>(
                      ll, arith::CmpIPredicate::ne,
                      lb.create<arith::AndIOp>(
                          ll, lb.create<arith::ShRUIOp>(ll, s, shift), one),
                      zero);
                  Value ownTail = lb.create<arith::SelectOp>(ll, rightmost, tail, zero);
                  Value elems = lb.create<arith::AddIOp>(
                      ll, lb.create<arith::MulIOp>(ll, m, indexConst(lb, ll, kLanes)),
                      ownTail);
                  Value leaf = lb.create<arith::CmpIOp>(ll, arith::CmpIPredicate::ule,
                                                        elems, indexConst(lb, ll, kBlock));
                  Value half = lb.create<arith::ShRUIOp>(ll, m, one);
                  Value goRight = lb.create<arith::AndIOp>(
                      ll, bit, lb.create<arith::XOrIOp>(ll, leaf, tru));
                  Value goLeft = lb.create<arith::AndIOp>(
                      ll, lb.create<arith::XOrIOp>(ll, bit, tru),
                      lb.create<arith::XOrIOp>(ll, leaf, tru));
                  Value nextStart = lb.create<arith::SelectOp>(
                      ll, goRight, lb.create<arith::AddIOp>(ll, start, half), start);
                  Value nextM = lb.create<arith::SelectOp>(
                      ll, goRight, lb.create<arith::SubIOp>(ll, m, half),
                      lb.create<arith::SelectOp>(ll, goLeft, half, m));
                  Value nextRightmost = lb.create<arith::AndIOp>(
                      ll, rightmost, lb.create<arith::XOrIOp>(ll, goLeft, tru));
                  Value nextEmpty = lb.create<arith::OrIOp>(
                      ll, empty, lb.create<arith::AndIOp>(ll, leaf, bit));
                  lb.create<scf::YieldOp>(
                      ll, ValueRange{nextStart, nextM, nextRightmost, nextEmpty});
                });
            Value start = walk.getResult(0), m = walk.getResult(1);
            Value empty = walk.getResult(3);
            Value inLeaf = nb.create<arith::AndIOp>(
                nl, nb.create<arith::XOrIOp>(nl, empty, tru),
                nb.create<arith::CmpIOp>(nl, arith::CmpIPredicate::ult, i, m));
            Value octet = nb.create<arith::SelectOp>(
                nl, inLeaf, nb.create<arith::AddIOp>(nl, start, i),
                indexConst(nb, nl, -1));
            nb.create<linalg::YieldOp>(nl, octet);
          })
      .getResult(0);
}

/// The slot table of a static tree, as a constant.
Value slotTable(OpBuilder &b, Location loc, const PartialTree &tree) {
  int64_t slots = int64_t(1) << tree.depth;
  SmallVector<APInt> table(slots * kLeafOctets, APInt(64, -1, /*isSigned=*/true));
  for (const PartialTree::Leaf &l : tree.leaves)
    for (int64_t i = 0; i < l.octets; ++i)
      table[l.slot * kLeafOctets + i] = APInt(64, l.start + i);
  auto type = RankedTensorType::get({slots, kLeafOctets}, b.getIndexType());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, table));
}

/// Lane sums of each slot's leaf, read from the octets of `x` (rows, columns) that start
/// at column `offset`, as the slot table says: (rows, slots * 8).
Value gatheredLaneSums(OpBuilder &b, Location loc, Value x, Value offset, Value table) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  Type elem = type.getElementType();
  OpFoldResult rows = tensor::getMixedSizes(b, loc, x)[0];
  OpFoldResult slots = tensor::getMixedSizes(b, loc, table)[0];
  Value init = zeros(b, loc, {rows, slots, b.getIndexAttr(kLanes)}, elem);
  // The table sizes the slot and octet loops, the result the row and lane loops.
  AffineExpr r, l, i, j;
  bindDims(ctx, r, l, i, j);
  SmallVector<AffineMap> maps{AffineMap::get(4, 0, {l, i}, ctx),
                              AffineMap::get(4, 0, {r, l, j}, ctx)};
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), table, init, maps,
      SmallVector<IT>{IT::parallel, IT::parallel, IT::reduction, IT::parallel},
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value octet = args[0], acc = args[1];
        // linalg.index must sit in the generic's own block, not the scf.if's.
        Value row = nb.create<linalg::IndexOp>(nl, 0);
        Value lane = nb.create<linalg::IndexOp>(nl, 3);
        Value valid = nb.create<arith::CmpIOp>(nl, arith::CmpIPredicate::sge, octet,
                                               indexConst(nb, nl, 0));
        auto read = nb.create<scf::IfOp>(
            nl, valid,
            [&](OpBuilder &tb, Location tl) {
              Value col = tb.create<arith::AddIOp>(
                  tl, offset,
                  tb.create<arith::AddIOp>(
                      tl,
                      tb.create<arith::MulIOp>(tl, octet, indexConst(tb, tl, kLanes)),
                      lane));
              tb.create<scf::YieldOp>(
                  tl, tb.create<tensor::ExtractOp>(tl, x, ValueRange{row, col})
                          .getResult());
            },
            [&](OpBuilder &eb, Location el) {
              eb.create<scf::YieldOp>(el, scalarConstant(eb, el, elem, 0));
            });
        nb.create<linalg::YieldOp>(
            nl, nb.create<arith::AddFOp>(nl, acc, read.getResult(0)).getResult());
      });
  return collapseDims(b, loc, generic.getResult(0), 1, 2);
}

/// Adds the `tail` elements of row `row` of `x` from column `from` one by one to `v`,
/// in the last slot only (the rightmost leaf, which holds the tail).
Value addTail(OpBuilder &b, Location loc, Value x, OpFoldResult from, OpFoldResult tail,
              Value slot, OpFoldResult lastSlot, Value row, Value v) {
  Value withTail;
  if (std::optional<int64_t> t = getConstantIntValue(tail)) {
    if (*t == 0)
      return v;
    withTail = v;
    std::optional<int64_t> first = getConstantIntValue(from);
    for (int64_t k = 0; k < *t; ++k) {
      Value col = first ? indexConst(b, loc, *first + k)
                        : b.create<arith::AddIOp>(loc, toValue(b, loc, from),
                                                  indexConst(b, loc, k))
                              .getResult();
      withTail = b.create<arith::AddFOp>(
          loc, withTail, b.create<tensor::ExtractOp>(loc, x, ValueRange{row, col}));
    }
  } else {
    withTail =
        b.create<scf::ForOp>(
             loc, indexConst(b, loc, 0), toValue(b, loc, tail), indexConst(b, loc, 1),
             ValueRange{v},
             [&](OpBuilder &lb, Location ll, Value k, ValueRange acc) {
               Value col = lb.create<arith::AddIOp>(ll, toValue(lb, ll, from), k);
               lb.create<scf::YieldOp>(
                   ll, lb.create<arith::AddFOp>(
                             ll, acc[0],
                             lb.create<tensor::ExtractOp>(ll, x, ValueRange{row, col}))
                           .getResult());
             })
            .getResult(0);
  }
  Value isLast = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, slot,
                                         toValue(b, loc, lastSlot));
  return b.create<arith::SelectOp>(loc, isLast, withTail, v);
}

/// pairwise_sum of columns [offset, offset + n) of each row of `x`, n < 8192: (rows, 1).
Value partialSum(OpBuilder &b, Location loc, Value x, OpFoldResult offset, OpFoldResult n) {
  auto type = cast<RankedTensorType>(x.getType());
  Type elem = type.getElementType();
  OpFoldResult rows = tensor::getMixedSizes(b, loc, x)[0];

  if (std::optional<int64_t> len = getConstantIntValue(n)) {
    int64_t octets = *len / kLanes, tail = *len % kLanes;
    int64_t off = *getConstantIntValue(offset);
    PartialTree tree(octets, tail);
    int64_t slots = int64_t(1) << tree.depth;
    Value lanes;
    if (octets == 0) {
      lanes = zeros(b, loc, {rows, b.getIndexAttr(kLanes)}, elem);
    } else if (tree.isRegular()) {
      lanes = laneSums(b, loc, x, off, b.getIndexAttr(slots), tree.leaves.front().octets);
    } else {
      lanes = gatheredLaneSums(b, loc, x, indexConst(b, loc, off), slotTable(b, loc, tree));
    }
    auto withTail = [&](OpBuilder &nb, Location nl, Value row, Value slot, Value v) {
      return addTail(nb, nl, x, nb.getIndexAttr(off + octets * kLanes),
                     nb.getIndexAttr(tail), slot, nb.getIndexAttr(slots - 1), row, v);
    };
    Value leafValues =
        tail ? treeLevels(b, loc, lanes, 3, withTail) : treeLevels(b, loc, lanes, 3);
    return treeLevels(b, loc, leafValues, tree.depth);
  }

  // A run-time length: the same tree, built in the compiled code.
  Value len = toValue(b, loc, n), off = toValue(b, loc, offset);
  Value octets = b.create<arith::ShRUIOp>(loc, len, indexConst(b, loc, 3));
  Value tail = b.create<arith::AndIOp>(loc, len, indexConst(b, loc, kLanes - 1));
  Value depth = treeDepth(b, loc, octets, tail);
  Value slots = b.create<arith::ShLIOp>(loc, indexConst(b, loc, 1), depth);
  Value lanes = gatheredLaneSums(b, loc, x, off,
                                 slotTable(b, loc, octets, tail, depth, slots));
  Value tailFrom = b.create<arith::AddIOp>(
      loc, off, b.create<arith::MulIOp>(loc, octets, indexConst(b, loc, kLanes)));
  Value lastSlot = b.create<arith::SubIOp>(loc, slots, indexConst(b, loc, 1));
  Value leafValues = treeLevels(
      b, loc, lanes, 3, [&](OpBuilder &nb, Location nl, Value row, Value slot, Value v) {
        return addTail(nb, nl, x, tailFrom, tail, slot, lastSlot, row, v);
      });
  // One level per iteration: the tensor halves in width each time.
  auto levelType = RankedTensorType::get({type.getDimSize(0), ShapedType::kDynamic}, elem);
  if (leafValues.getType() != levelType)
    leafValues = b.create<tensor::CastOp>(loc, levelType, leafValues);
  auto loop = b.create<scf::ForOp>(
      loc, indexConst(b, loc, 0), depth, indexConst(b, loc, 1), ValueRange{leafValues},
      [&](OpBuilder &lb, Location ll, Value, ValueRange acc) {
        lb.create<scf::YieldOp>(ll, treeLevels(lb, ll, acc[0], 1));
      });
  auto resultType = RankedTensorType::get({type.getDimSize(0), 1}, elem);
  return b.create<tensor::CastOp>(loc, resultType, loop.getResult(0));
}

/// The sums numpy adds into each result, in order, for every row of `x` (rows, n):
/// (rows, parts), one per full buffer, then the partial buffer's.
/// `blockable`: x has no elementwise producer to fuse into its lane sums (which a
/// loop around them would keep out), so a single row may be summed in blocks.
Value partSums(OpBuilder &b, Location loc, Value x, bool blockable) {
  auto type = cast<RankedTensorType>(x.getType());
  Type elem = type.getElementType();
  OpFoldResult rows = tensor::getMixedSizes(b, loc, x)[0];
  OpFoldResult n = tensor::getMixedSizes(b, loc, x)[1];
  if (std::optional<int64_t> len = getConstantIntValue(n)) {
    int64_t buffers = *len / kBuffer, rest = *len % kBuffer;
    if (buffers == 0 && rest == 0)
      return zeros(b, loc, {rows, b.getIndexAttr(1)}, elem);
    if (buffers == 0)
      return partialSum(b, loc, x, b.getIndexAttr(0), b.getIndexAttr(rest));
    // With a partial buffer, x's producer has two readers, which fusion leaves alone:
    // each reads its own slice, which ag-views-into-elementwise gives its own producer.
    Value whole = x, part = x;
    int64_t partOffset = buffers * kBuffer;
    if (rest != 0 && !blockable) {
      auto columns = [&](int64_t from, int64_t count) -> Value {
        return b.create<tensor::ExtractSliceOp>(
            loc, x, ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(from)},
            ArrayRef<OpFoldResult>{rows, b.getIndexAttr(count)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
      };
      whole = columns(0, buffers * kBuffer);
      part = columns(partOffset, rest);
      partOffset = 0;
    }
    bool single = cast<RankedTensorType>(x.getType()).getDimSize(0) == 1;
    Value full = blockable && single && buffers >= 2 * kBufferBlock
                     ? blockedBufferSums(b, loc, x, buffers)
                     : bufferSums(b, loc, whole, b.getIndexAttr(buffers));
    if (rest == 0)
      return full;
    Value partial =
        partialSum(b, loc, part, b.getIndexAttr(partOffset), b.getIndexAttr(rest));
    Value all = b.create<tensor::EmptyOp>(
        loc, ArrayRef<OpFoldResult>{rows, b.getIndexAttr(buffers + 1)}, elem);
    all = b.create<tensor::InsertSliceOp>(
        loc, full, all, ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{rows, b.getIndexAttr(buffers)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
    return b.create<tensor::InsertSliceOp>(
        loc, partial, all,
        ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(buffers)},
        ArrayRef<OpFoldResult>{rows, b.getIndexAttr(1)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  }
  Value len = toValue(b, loc, n);
  Value buffers = b.create<arith::DivUIOp>(loc, len, indexConst(b, loc, kBuffer));
  Value fullLen = b.create<arith::MulIOp>(loc, buffers, indexConst(b, loc, kBuffer));
  Value rest = b.create<arith::SubIOp>(loc, len, fullLen);
  Value full = bufferSums(b, loc, x, buffers);
  Value partial = partialSum(b, loc, x, fullLen, rest);
  // A row without a partial buffer gets a part of +0: adding it changes nothing.
  Value parts = b.create<arith::AddIOp>(loc, buffers, indexConst(b, loc, 1));
  Value all = b.create<tensor::EmptyOp>(loc, ArrayRef<OpFoldResult>{rows, parts}, elem);
  all = b.create<tensor::InsertSliceOp>(
      loc, full, all, ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{rows, buffers},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  return b.create<tensor::InsertSliceOp>(
      loc, partial, all, ArrayRef<OpFoldResult>{b.getIndexAttr(0), buffers},
      ArrayRef<OpFoldResult>{rows, b.getIndexAttr(1)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
}

} // namespace

Value lowering::buildPairwiseSum(OpBuilder &b, Location loc, Value operand,
                                 int64_t runStart, ArrayRef<int64_t> axes, bool keepdims,
                                 RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  auto inType = cast<RankedTensorType>(operand.getType());
  Type elem = inType.getElementType();
  int64_t rank = inType.getRank();
  // float16 (numpy's HALF_add reduce): each run's pairwise sum is float32 and is added
  // to the float32 value of the float16 result, which is rounded back after each add.
  bool half = elem.isF16();
  if (half) {
    inType = inType.clone(b.getF32Type());
    operand = buildElementwise(b, loc, inType, operand,
                               [](OpBuilder &nb, Location nl, ValueRange s) {
                                 return castScalar(nb, nl, s[0], nb.getF32Type());
                               });
  }

  // The result's init: +0, where numpy starts too.
  SmallVector<Value> dynSizes;
  for (int64_t d = 0, r = 0; d < rank; ++d) {
    if (llvm::is_contained(axes, d) && !keepdims)
      continue;
    if (resultType.isDynamicDim(r++))
      dynSizes.push_back(b.create<tensor::DimOp>(loc, operand, d));
  }
  Value init = b.create<linalg::FillOp>(
                    loc, scalarConstant(b, loc, elem, 0),
                    b.create<tensor::EmptyOp>(loc, resultType.getShape(), elem, dynSizes)
                        .getResult())
                   .getResult(0);
  // Nothing to add (and reshapes of a run that folds to 0 elements from a dynamic dim
  // crash MLIR 19's bufferization).
  if (llvm::is_contained(inType.getShape(), 0))
    return init;

  // (outer dims, run) -> (rows, run): row-major, so both collapses are views.
  Value rows2d;
  if (runStart == 0) {
    Value flat = collapseDims(b, loc, operand, 0, rank - 1);
    rows2d = expandDim(b, loc, flat, 0,
                       {b.getIndexAttr(1), tensor::getMixedSizes(b, loc, flat)[0]});
  } else {
    rows2d = collapseDims(b, loc, collapseDims(b, loc, operand, runStart, rank - 1), 0,
                          runStart - 1);
  }
  // A block argument (the caller's array, a loop-carried value) has no producer.
  Value parts = partSums(b, loc, rows2d, isa<BlockArgument>(operand));

  // Back to (outer dims, parts): the outer dims keep their sizes.
  SmallVector<OpFoldResult> outerSizes;
  SmallVector<OpFoldResult> operandSizes = tensor::getMixedSizes(b, loc, operand);
  for (int64_t d = 0; d < runStart; ++d)
    outerSizes.push_back(operandSizes[d]);
  Value outerParts;
  if (runStart == 0)
    outerParts = collapseDims(b, loc, parts, 0, 1);
  else
    outerParts = expandDim(b, loc, parts, 0, outerSizes);

  // numpy adds the parts into a +0-initialised result in the order it visits them:
  // the outer reduced dims row-major, then the parts of each run. A sequential
  // reduction over those loops in that order does the same.
  int64_t loops = runStart + 1;
  SmallVector<IT> iterators;
  SmallVector<AffineExpr> outExprs;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, d);
    if (d < runStart) {
      iterators.push_back(reduced ? IT::reduction : IT::parallel);
      if (!reduced)
        outExprs.push_back(getAffineDimExpr(d, ctx));
      else if (keepdims)
        outExprs.push_back(getAffineConstantExpr(0, ctx));
    } else if (!reduced || keepdims) {
      outExprs.push_back(getAffineConstantExpr(0, ctx)); // a kept or kept-unit dim
    }
  }
  iterators.push_back(IT::reduction);
  SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(loops, ctx),
                              AffineMap::get(loops, 0, outExprs, ctx)};
  return b
      .create<linalg::GenericOp>(
          loc, resultType, outerParts, init, maps, iterators,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            Value acc = half ? nb.create<arith::ExtFOp>(nl, nb.getF32Type(), args[1])
                             : args[1];
            Value sum = nb.create<arith::AddFOp>(nl, acc, args[0]);
            nb.create<linalg::YieldOp>(
                nl, half ? nb.create<arith::TruncFOp>(nl, elem, sum) : sum);
          })
      .getResult(0);
}

//===- ParallelLoops.cpp - Independent iterations on several threads -------===//
//
// After bufferization, the ops whose outermost loop runs independent iterations (see
// the pass description in Passes.td) move into a function of (begin, end, context)
// that ag_rt_parallel_for calls on ranges of the iterations, one range per thread.
//
// Which loops: only those whose iterations write disjoint memory and read nothing
// another iteration writes -- generics whose loop 0 is parallel and indexes dim 0 of
// each output (each output element belongs to one iteration; a reduction inside an
// iteration keeps its order), and ag-fuse-rows' loops over row blocks. Splitting them
// changes which thread computes an element, never how: results are bit for bit those
// of one thread.
//
// When: the work of a loop is estimated as iterations x (1 + the ops of one iteration,
// a math function counting kMathCost) and compared with AG_PARALLEL_MIN_WORK
// (ag_abi.h). Loops known at compile time to be below it stay as they are, so small
// ops (inside staged loops, say) pay nothing; loops of run-time size pass their work to
// ag_rt_parallel_for, which decides.
//
// Measured on this project's 2-core machine (load 8-12 from other jobs), float32, one
// thread, 256K elements: x + y, x * y + x - y and x / y 0.13 ns per element (memory
// bound: a division costs no more than an add), sqrt 0.17, tanh and exp 0.29 -- so a
// unit is ~0.065 ns and a math function ~3 units. ag_rt_parallel_for's wake-up and
// join cost ~3.6 us (16K-element add: 1.2 us alone, 4.8 us split). 2^19 units (~34 us
// on one thread) is where 2 threads should save several times that; at 2^17 (~8 us) a
// split would at best break even.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"
#include "RowIndexing.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGPARALLELLOOPS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

/// The outlined bodies (never split again).
constexpr llvm::StringLiteral kBodyAttr = "ag.parallel_body";
/// A math function's cost relative to one simple op on one element (see above).
constexpr int64_t kMathCost = 3;

/// a * b, saturating at INT64_MAX (both non-negative).
int64_t mulSat(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}
int64_t addSat(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

/// The cost of one iteration of a generic's body: one per element moved, plus its ops.
int64_t bodyCost(linalg::GenericOp generic) {
  int64_t cost = 1;
  generic.getBody()->walk([&](Operation *op) {
    if (isa<linalg::YieldOp>(op) || op->hasTrait<OpTrait::ConstantLike>())
      return;
    if (op->getDialect() && op->getDialect()->getNamespace() == "math")
      cost += kMathCost;
    else
      cost += 1;
  });
  return cost;
}

/// A generic's work, its dynamic loop sizes counted as `dynamicSize`.
int64_t genericWork(linalg::GenericOp generic, int64_t dynamicSize) {
  int64_t n = 1;
  for (int64_t size : generic.getStaticLoopRanges())
    n = mulSat(n, ShapedType::isDynamic(size) ? dynamicSize : size);
  return mulSat(n, bodyCost(generic));
}

bool rowInvariant(AffineMap map) {
  return llvm::none_of(map.getResults(), [](AffineExpr e) { return e.isFunctionOfDim(0); });
}

/// The buffer `v` is a view of.
Value rootBuffer(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// Whether the buffers rooted at `a` and `b`, both used by one op, may overlap. A buffer
/// allocated after another was defined is fresh: the other is still live (that op uses
/// it), so the allocation cannot have reused its memory.
bool mayAlias(Value a, Value b, DominanceInfo &dom) {
  if (a == b)
    return true;
  auto fresh = [&](Value alloc, Value other) {
    Operation *def = alloc.getDefiningOp();
    return def && isa<memref::AllocOp, memref::AllocaOp>(def) &&
           dom.properlyDominates(other, def);
  };
  if (fresh(a, b) || fresh(b, a))
    return false;
  // Two allocations neither of which dominates the other are on different paths.
  Operation *da = a.getDefiningOp(), *db = b.getDefiningOp();
  if (da && db && isa<memref::AllocOp, memref::AllocaOp>(da) &&
      isa<memref::AllocOp, memref::AllocaOp>(db))
    return false;
  return true;
}

/// Whether `generic`'s loop 0 can be split, and which operands are then sliced.
bool splittable(linalg::GenericOp generic, DominanceInfo &dom, SmallVectorImpl<bool> &sliced) {
  if (!generic.hasPureBufferSemantics() || generic.getNumLoops() == 0 ||
      generic.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
      generic.getNumDpsInits() == 0)
    return false;
  bool pure = true;
  generic.getBody()->walk([&](Operation *op) {
    auto index = dyn_cast<linalg::IndexOp>(op);
    // linalg.index 0 would count from each range's start.
    if ((index && index.getDim() == 0) || (!index && !isMemoryEffectFree(op)))
      pure = false;
  });
  if (!pure)
    return false;
  sliced.clear();
  for (OpOperand &operand : generic->getOpOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(&operand);
    bool init = generic.isDpsInit(&operand);
    if (ag::rowIndexed(map) && isa<MemRefType>(operand.get().getType()))
      sliced.push_back(true);
    else if (!init && rowInvariant(map))
      sliced.push_back(false);
    else
      return false;
  }
  // An output overlapping another operand would make iterations depend on each other,
  // unless it is the same buffer read at the same element (an in-place update).
  for (OpOperand &initOperand : generic.getDpsInitsMutable()) {
    OpOperand *init = &initOperand;
    Value root = rootBuffer(init->get());
    for (OpOperand &other : generic->getOpOperands()) {
      if (&other == init || !isa<MemRefType>(other.get().getType()))
        continue;
      if (!mayAlias(root, rootBuffer(other.get()), dom))
        continue;
      if (other.get() != init->get() || generic.isDpsInit(&other) ||
          generic.getMatchingIndexingMap(&other) != generic.getMatchingIndexingMap(init))
        return false;
    }
  }
  return true;
}

/// Whether `loop` is one of ag-fuse-rows' loops over independent blocks of rows.
bool splittable(scf::ForOp loop) {
  if (!loop->hasAttr(ag::kIndependentIterationsAttr) || loop.getNumResults() != 0)
    return false;
  // Host calls (prints, callbacks) must keep their order.
  WalkResult calls = loop.getBody()->walk([](Operation *op) {
    return isa<CallOpInterface>(op) ? WalkResult::interrupt() : WalkResult::advance();
  });
  return !calls.wasInterrupted();
}

/// The loop's work, or nullopt when it depends on run-time sizes (then `perIteration`
/// is the cost of one iteration, with dynamic sizes counted as the step).
std::optional<int64_t> loopWork(scf::ForOp loop, int64_t &perIteration) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  perIteration = 0;
  loop.getBody()->walk([&](linalg::GenericOp generic) {
    perIteration = addSat(perIteration, genericWork(generic, step.value_or(1)));
  });
  perIteration = std::max<int64_t>(perIteration, 1);
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
  if (!lb || !ub || !step || *step <= 0)
    return std::nullopt;
  int64_t trips = *ub > *lb ? (*ub - *lb + *step - 1) / *step : 0;
  return mulSat(trips, perIteration);
}

/// The LLVM type a captured value travels as in the context struct, or null.
Type contextType(Type type) {
  MLIRContext *ctx = type.getContext();
  auto i64 = IntegerType::get(ctx, 64);
  if (auto memref = dyn_cast<MemRefType>(type)) {
    if (memref.getMemorySpace())
      return {};
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    SmallVector<Type> fields{ptr, ptr, i64};
    if (memref.getRank() > 0) {
      auto array = LLVM::LLVMArrayType::get(i64, memref.getRank());
      fields.append({array, array});
    }
    return LLVM::LLVMStructType::getLiteral(ctx, fields);
  }
  if (isa<IndexType>(type))
    return i64;
  if (isa<IntegerType, FloatType>(type))
    return type;
  return {};
}

/// Moves `op` into a new function running its iterations [begin, end) and calls it
/// through ag_rt_parallel_for. `n` and `work` are emitted before `op` by `iterations`;
/// `emitRange` builds the body for the range from the captured values' mapping.
LogicalResult
outline(Operation *op, func::FuncOp parent, SymbolTable &symbols, DominanceInfo &dom,
        Value n, Value work,
        llvm::function_ref<void(OpBuilder &, IRMapping &, Value, Value)> emitRange) {
  MLIRContext *ctx = op->getContext();
  Location loc = op->getLoc();
  // What the body uses from outside: constants are cloned, the rest travels.
  llvm::SetVector<Value> used(op->getOperands().begin(), op->getOperands().end());
  getUsedValuesDefinedAbove(op->getRegions(), used);
  SmallVector<Value> packed, cloned;
  for (Value v : used) {
    Operation *def = v.getDefiningOp();
    if (def && (def->hasTrait<OpTrait::ConstantLike>() || isa<memref::GetGlobalOp>(def)) &&
        def->getNumOperands() == 0 && def->getNumRegions() == 0)
      cloned.push_back(v);
    else if (contextType(v.getType()))
      packed.push_back(v);
    else
      return failure();
  }
  SmallVector<Type> fields;
  for (Value v : packed)
    fields.push_back(contextType(v.getType()));
  if (fields.empty())
    fields.push_back(IntegerType::get(ctx, 8));
  auto structType = LLVM::LLVMStructType::getLiteral(ctx, fields);
  auto ptrType = LLVM::LLVMPointerType::get(ctx);
  auto i64 = IntegerType::get(ctx, 64);
  auto indexType = IndexType::get(ctx);

  // The body: the range's work on the captured values as arguments. Not on values
  // loaded from the context: LLVM's alias analysis knows that a buffer the body
  // allocates is not an argument, but not that it is no pointer loaded from memory
  // (once passed to the free function, it has escaped), and without that the lanes of
  // a pairwise sum's leaf stay in memory instead of a vector register (layer norm 2x
  // slower). It must not be inlined into the entry for the same reason.
  //
  // A buffer that overlaps no other captured buffer is also `noalias`: a reduction's
  // accumulators then stay in registers while the input streams by (row means 3x
  // slower without), as they did when the accumulator was a fresh allocation of the
  // same function. Buffers that may overlap (views of one array) get nothing. Memrefs
  // travel as their descriptors' fields, one argument each: func-to-llvm drops
  // argument attributes of a memref argument (it becomes several), not of a pointer.
  OpBuilder b(ctx);
  b.setInsertionPointAfter(parent);
  SmallVector<Type> bodyInputs{indexType, indexType};
  SmallVector<bool> alone;
  for (auto [i, v] : llvm::enumerate(packed)) {
    auto desc = dyn_cast<LLVM::LLVMStructType>(fields[i]);
    if (!desc) {
      bodyInputs.push_back(v.getType());
      alone.push_back(false);
      continue;
    }
    llvm::append_range(bodyInputs, desc.getBody());
    Value root = rootBuffer(v);
    alone.push_back(llvm::all_of(packed, [&](Value other) {
      return other == v || !isa<MemRefType>(other.getType()) ||
             !mayAlias(root, rootBuffer(other), dom);
    }));
  }
  auto bodyType = b.getFunctionType(bodyInputs, {});
  auto body = b.create<func::FuncOp>(loc, (parent.getName() + "_parallel_body").str(),
                                     bodyType);
  body.setPrivate();
  body->setAttr(kBodyAttr, b.getUnitAttr());
  body->setAttr("no_inline", b.getUnitAttr()); // llvm.func's, through func-to-llvm
  symbols.insert(body); // renames on a clash
  {
    Block *entry = body.addEntryBlock();
    OpBuilder bb = OpBuilder::atBlockBegin(entry);
    IRMapping map;
    for (Value v : cloned)
      map.map(v, bb.clone(*v.getDefiningOp())->getResult(0));
    unsigned arg = 2;
    for (auto [i, v] : llvm::enumerate(packed)) {
      auto desc = dyn_cast<LLVM::LLVMStructType>(fields[i]);
      if (!desc) {
        map.map(v, entry->getArgument(arg++));
        continue;
      }
      // Field 1 is the aligned pointer, the one loads and stores go through.
      if (alone[i])
        body.setArgAttr(arg + 1, LLVM::LLVMDialect::getNoAliasAttrName(), bb.getUnitAttr());
      Value d = bb.create<LLVM::UndefOp>(loc, desc);
      for (int64_t k = 0, e = desc.getBody().size(); k < e; ++k)
        d = bb.create<LLVM::InsertValueOp>(loc, d, entry->getArgument(arg++), k);
      map.map(v, bb.create<UnrealizedConversionCastOp>(loc, v.getType(), d).getResult(0));
    }
    emitRange(bb, map, entry->getArgument(0), entry->getArgument(1));
    bb.create<func::ReturnOp>(loc);
  }

  // The entry ag_rt_parallel_for calls: unpacks the context, calls the body.
  b.setInsertionPointAfter(parent);
  auto fnType = b.getFunctionType({indexType, indexType, ptrType}, {});
  auto fn = b.create<func::FuncOp>(loc, (parent.getName() + "_parallel").str(), fnType);
  fn.setPrivate();
  fn->setAttr(kBodyAttr, b.getUnitAttr());
  symbols.insert(fn);
  Block *entry = fn.addEntryBlock();
  b.setInsertionPointToStart(entry);
  SmallVector<Value> bodyArgs{entry->getArgument(0), entry->getArgument(1)};
  for (auto [i, v] : llvm::enumerate(packed)) {
    Value field = b.create<LLVM::GEPOp>(loc, ptrType, structType, entry->getArgument(2),
                                        ArrayRef<LLVM::GEPArg>{0, (int32_t)i});
    Value loaded = b.create<LLVM::LoadOp>(loc, fields[i], field);
    if (auto desc = dyn_cast<LLVM::LLVMStructType>(fields[i])) {
      for (int64_t k = 0, e = desc.getBody().size(); k < e; ++k)
        bodyArgs.push_back(b.create<LLVM::ExtractValueOp>(loc, loaded, k));
      continue;
    }
    Value value = loaded;
    if (isa<IndexType>(v.getType()))
      value = b.create<arith::IndexCastOp>(loc, indexType, loaded);
    bodyArgs.push_back(value);
  }
  b.create<func::CallOp>(loc, body, bodyArgs);
  b.create<func::ReturnOp>(loc);

  // The context lives in the caller's frame (allocated once, at its entry).
  b.setInsertionPointToStart(&parent.getBody().front());
  Value one = b.create<LLVM::ConstantOp>(loc, i64, b.getI64IntegerAttr(1));
  Value context = b.create<LLVM::AllocaOp>(loc, ptrType, structType, one);
  b.setInsertionPoint(op);
  for (auto [i, v] : llvm::enumerate(packed)) {
    Value value = v;
    if (isa<MemRefType>(v.getType()))
      value = b.create<UnrealizedConversionCastOp>(loc, fields[i], v).getResult(0);
    else if (isa<IndexType>(v.getType()))
      value = b.create<arith::IndexCastOp>(loc, i64, v);
    Value field = b.create<LLVM::GEPOp>(loc, ptrType, structType, context,
                                        ArrayRef<LLVM::GEPArg>{0, (int32_t)i});
    b.create<LLVM::StoreOp>(loc, value, field);
  }
  Value callee = b.create<func::ConstantOp>(loc, fnType, SymbolRefAttr::get(fn));
  auto runtimeType = b.getFunctionType({i64, i64, fnType, ptrType}, {});
  auto module = parent->getParentOfType<ModuleOp>();
  if (!symbols.lookup(AG_ABI_PARALLEL_FOR)) {
    OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
    auto decl = mb.create<func::FuncOp>(loc, AG_ABI_PARALLEL_FOR, runtimeType);
    decl.setPrivate();
    symbols.insert(decl);
  }
  b.create<func::CallOp>(loc, AG_ABI_PARALLEL_FOR, TypeRange{},
                         ValueRange{b.create<arith::IndexCastOp>(loc, i64, n), work, callee,
                                    context});
  op->erase();
  return success();
}

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

struct ParallelLoopsPass : ag::impl::AgParallelLoopsBase<ParallelLoopsPass> {
  using AgParallelLoopsBase::AgParallelLoopsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : funcs) {
      if (fn.isExternal() || fn->hasAttr(kBodyAttr))
        continue;
      DominanceInfo dom(fn);
      // Outermost candidates only: what is inside one moves with it.
      SmallVector<Operation *> candidates;
      fn.walk<WalkOrder::PreOrder>([&](Operation *op) {
        SmallVector<bool> sliced;
        auto loop = dyn_cast<scf::ForOp>(op);
        auto generic = dyn_cast<linalg::GenericOp>(op);
        if ((loop && splittable(loop)) || (generic && splittable(generic, dom, sliced))) {
          candidates.push_back(op);
          return WalkResult::skip();
        }
        return WalkResult::advance();
      });
      for (Operation *op : candidates) {
        if (auto loop = dyn_cast<scf::ForOp>(op))
          splitLoop(loop, fn, symbols, dom);
        else
          splitGeneric(cast<linalg::GenericOp>(op), fn, symbols, dom);
      }
    }
  }

  /// The work operand of the runtime call: `known`, or `perIteration` x `n` at run time.
  Value workValue(OpBuilder &b, Location loc, std::optional<int64_t> known, Value n,
                  int64_t perIteration) {
    auto i64 = b.getI64Type();
    if (known)
      return b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(*known));
    Value count = b.create<arith::IndexCastOp>(loc, i64, n);
    Value cost = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(perIteration));
    return b.create<arith::MulIOp>(loc, count, cost);
  }

  void splitLoop(scf::ForOp loop, func::FuncOp parent, SymbolTable &symbols,
                 DominanceInfo &dom) {
    int64_t perIteration;
    std::optional<int64_t> known = loopWork(loop, perIteration);
    if (known && *known < minWork)
      return;
    Location loc = loop.getLoc();
    OpBuilder b(loop);
    // Iterations: ceil((ub - lb) / step), none when ub <= lb.
    Value lb = loop.getLowerBound(), ub = loop.getUpperBound(), step = loop.getStep();
    Value zero = indexConstant(b, loc, 0), oneIdx = indexConstant(b, loc, 1);
    Value span = b.create<arith::SubIOp>(loc, ub, lb);
    Value trips = b.create<arith::DivSIOp>(
        loc, b.create<arith::AddIOp>(loc, span, b.create<arith::SubIOp>(loc, step, oneIdx)),
        step);
    trips = b.create<arith::MaxSIOp>(loc, trips, zero);
    Value work = workValue(b, loc, known, trips, perIteration);
    (void)outline(loop, parent, symbols, dom, trips, work,
                  [&](OpBuilder &fb, IRMapping &map, Value begin, Value end) {
                    auto clone = cast<scf::ForOp>(fb.clone(*loop, map));
                    Value flb = clone.getLowerBound(), fstep = clone.getStep();
                    Value fub = clone.getUpperBound();
                    Value first = fb.create<arith::AddIOp>(
                        loc, flb, fb.create<arith::MulIOp>(loc, begin, fstep));
                    Value last = fb.create<arith::AddIOp>(
                        loc, flb, fb.create<arith::MulIOp>(loc, end, fstep));
                    last = fb.create<arith::MinSIOp>(loc, last, fub);
                    clone->moveAfter(last.getDefiningOp());
                    clone.setLowerBound(first);
                    clone.setUpperBound(last);
                    clone->removeAttr(ag::kIndependentIterationsAttr);
                  });
  }

  void splitGeneric(linalg::GenericOp generic, func::FuncOp parent, SymbolTable &symbols,
                    DominanceInfo &dom) {
    SmallVector<bool> sliced;
    splittable(generic, dom, sliced);
    // One row (the blocks of a full pairwise sum, say) has nothing to split.
    SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
    if (!ranges.empty() && ranges[0] == 1)
      return;
    std::optional<int64_t> known;
    if (llvm::none_of(ranges, ShapedType::isDynamic))
      known = genericWork(generic, 1);
    if (known && *known < minWork)
      return;
    Location loc = generic.getLoc();
    OpBuilder b(generic);
    // Loop 0's size: dim 0 of the first output.
    Value out = generic.getDpsInitOperand(0)->get();
    Value n = b.create<memref::DimOp>(loc, out, 0);
    Value work;
    if (known) {
      work = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(*known));
    } else {
      Value total = indexConstant(b, loc, bodyCost(generic));
      for (Range &r : cast<linalg::LinalgOp>(generic.getOperation()).createLoopRanges(b, loc))
        total = b.create<arith::MulIOp>(loc, total,
                                        getValueOrCreateConstantIndexOp(b, loc, r.size));
      work = b.create<arith::IndexCastOp>(loc, b.getI64Type(), total);
    }
    emit(generic, parent, symbols, dom, n, work, sliced);
  }

  void emit(linalg::GenericOp generic, func::FuncOp parent, SymbolTable &symbols,
            DominanceInfo &dom, Value n,
            Value work, ArrayRef<bool> sliced) {
    Location loc = generic.getLoc();
    (void)outline(generic, parent, symbols, dom, n, work,
                  [&](OpBuilder &fb, IRMapping &map, Value begin, Value end) {
                    auto clone = cast<linalg::GenericOp>(fb.clone(*generic, map));
                    Value size = fb.create<arith::SubIOp>(loc, end, begin);
                    for (auto [i, slice] : llvm::enumerate(sliced)) {
                      if (!slice)
                        continue;
                      Value whole = clone->getOperand(i);
                      SmallVector<OpFoldResult> sizes =
                          memref::getMixedSizes(fb, loc, whole);
                      int64_t rank = sizes.size();
                      SmallVector<OpFoldResult> offsets(rank, fb.getIndexAttr(0));
                      SmallVector<OpFoldResult> strides(rank, fb.getIndexAttr(1));
                      offsets[0] = begin;
                      sizes[0] = size;
                      Value rows = fb.create<memref::SubViewOp>(loc, whole, offsets, sizes,
                                                                strides);
                      clone->setOperand(i, rows);
                    }
                    // The subviews were built after the clone: it goes last.
                    clone->moveBefore(fb.getInsertionBlock(), fb.getInsertionPoint());
                  });
  }
};

} // namespace

//===- LinalgToOnednn.cpp - float32 linalg matmul/conv to oneDNN calls ----===//
//
// After bufferization, f32 linalg.matmul, linalg.batch_matmul and
// linalg.conv_2d_nchw_fchw become calls into backends/onednn through the C ABI of
// ag_abi.h, except the shapes ag-linalg-to-blas (which runs first) gave to OpenBLAS.
// Operands are cast to fully dynamic strided memrefs so one symbol per op and rank
// serves every shape and layout; oneDNN reads the strides from the descriptor, so a
// transposed operand is passed as a view rather than copied. A bias add that
// ag-onednn-post-ops-in-place left right after a matmul or convolution, in place on its
// output, goes into the same call as oneDNN's bias; a relu after it stays a loop
// (oneDNN's relu turns NaN into 0, numpy's np.maximum(x, 0) keeps NaN).
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/HostCalls.h"
#include "ag/Conversion/LibraryCalls.h"
#include "ag/Conversion/Passes.h"
#include "ag/Conversion/PostOps.h"
#include "ag/Abi/ag_abi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGLINALGTOONEDNN
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

MemRefType dynamicF32MemRef(MLIRContext *ctx, int64_t rank) {
  SmallVector<int64_t> dyn(rank, ShapedType::kDynamic);
  return MemRefType::get(dyn, Float32Type::get(ctx),
                         StridedLayoutAttr::get(ctx, ShapedType::kDynamic, dyn));
}

bool allF32MemRefs(Operation *op) {
  return llvm::all_of(op->getOperandTypes(), [](Type t) {
    auto m = dyn_cast<MemRefType>(t);
    return m && m.getElementType().isF32();
  });
}

/// The post-op consumer right after `op` (a matmul or convolution writing `output`):
/// an in-place bias add (then maybe relu) on `output` whose bias cannot alias it (the output
/// is a buffer of the function's own, the bias another buffer).
std::optional<std::pair<linalg::GenericOp, ag::PostOps>> postOpsAfter(Operation *op,
                                                                      Value output) {
  if (!isa<linalg::MatmulOp, linalg::Conv2DNchwFchwOp>(op))
    return std::nullopt;
  // Views made in between (the bias's reshape to (C, 1, 1)) move before the call.
  SmallVector<Operation *> views;
  Operation *next = op->getNextNode();
  while (next && isa<ViewLikeOpInterface>(next) && isMemoryEffectFree(next)) {
    views.push_back(next);
    next = next->getNextNode();
  }
  auto generic = dyn_cast_or_null<linalg::GenericOp>(next);
  if (!generic || !generic.hasPureBufferSemantics() || generic.getNumDpsInits() != 1 ||
      generic.getDpsInitOperand(0)->get() != output)
    return std::nullopt;
  Value root = ag::rootBuffer(output);
  if (!root.getDefiningOp<memref::AllocOp>() && !root.getDefiningOp<memref::AllocaOp>())
    return std::nullopt;
  std::optional<ag::PostOps> post =
      ag::matchPostOps(generic, generic.getNumDpsInputs(), /*channel=*/1);
  // oneDNN's relu maps NaN to 0 (numpy's maximum keeps it): only the bias goes into the
  // call, a relu stays a loop after it.
  if (!post || !post->bias)
    return std::nullopt;
  if (post->bias) {
    Value bias = generic.getDpsInputOperand(*post->bias)->get();
    auto type = dyn_cast<MemRefType>(bias.getType());
    if (!type || !type.getElementType().isF32() || ag::rootBuffer(bias) == root)
      return std::nullopt;
  }
  for (Operation *view : views)
    view->moveBefore(op);
  return std::make_pair(generic, *post);
}

/// The bias as a 1-D strided view along its channel dim (the one its map reads by the
/// product's channel; every other dim is read at 0); a dummy when there is none.
Value biasVector(OpBuilder &b, Location loc, linalg::GenericOp generic,
                 const ag::PostOps &post) {
  MLIRContext *ctx = b.getContext();
  auto vecType = MemRefType::get({ShapedType::kDynamic}, Float32Type::get(ctx),
                                 StridedLayoutAttr::get(ctx, ShapedType::kDynamic,
                                                        {ShapedType::kDynamic}));
  if (!post.bias) {
    Value dummy = b.create<memref::AllocaOp>(loc, MemRefType::get({1}, b.getF32Type()));
    return b.create<memref::CastOp>(loc, vecType, dummy);
  }
  Value bias = generic.getDpsInputOperand(*post.bias)->get();
  AffineMap map = generic.getIndexingMapsArray()[*post.bias];
  unsigned dim = 0;
  for (auto [i, e] : llvm::enumerate(map.getResults()))
    if (isa<AffineDimExpr>(e))
      dim = i;
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, bias);
  return b.create<memref::ReinterpretCastOp>(
      loc, vecType, meta.getBaseBuffer(), OpFoldResult(meta.getOffset()),
      ArrayRef<OpFoldResult>{meta.getSizes()[dim]},
      ArrayRef<OpFoldResult>{meta.getStrides()[dim]});
}

/// The post-op loop once the call adds the bias: erased, or, with an activation, left
/// applying the activation alone (the bias input and its add removed).
void keepActivationOnly(linalg::GenericOp generic, const ag::PostOps &post) {
  if (post.activation == ag::Activation::None) {
    generic->erase();
    return;
  }
  OpBuilder b(generic);
  auto maps = generic.getIndexingMapsArray();
  auto relu = b.create<linalg::GenericOp>(generic.getLoc(), TypeRange{}, ValueRange{},
                                          generic.getDpsInits(), ArrayRef(maps).take_back(),
                                          generic.getIteratorTypesArray());
  relu.getRegion().takeBody(generic.getRegion());
  Block &body = relu.getRegion().front();
  // The add is the body's first op (matchPostOps): its uses read the output instead.
  Operation *add = &body.front();
  add->getResult(0).replaceAllUsesWith(body.getArguments().back());
  add->erase();
  body.eraseArgument(*post.bias);
  generic->erase();
}

struct AgLinalgToOnednnPass
    : public ag::impl::AgLinalgToOnednnBase<AgLinalgToOnednnPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> targets;
    module.walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::Conv2DNchwFchwOp>(op) &&
          allF32MemRefs(op))
        targets.push_back(op);
    });
    MLIRContext *ctx = &getContext();
    for (Operation *op : targets) {
      OpBuilder b(op);
      Location loc = op->getLoc();
      auto linalgOp = cast<linalg::LinalgOp>(op);
      Value output = linalgOp.getDpsInitOperand(0)->get();
      float beta = ag::takeZeroFill(op, output) ? 0.0f : 1.0f;
      if (!isa<linalg::Conv2DNchwFchwOp>(op))
        ag::readTransposesThroughViews(op);
      int64_t rank = cast<MemRefType>(output.getType()).getRank();
      MemRefType dynType = dynamicF32MemRef(ctx, rank);
      SmallVector<Value> args;
      for (Value v : op->getOperands())
        args.push_back(b.create<memref::CastOp>(loc, dynType, v));
      auto post = postOpsAfter(op, output);
      StringRef name = isa<linalg::MatmulOp>(op)
                           ? (post ? AG_ABI_MATMUL_POST_F32 : AG_ABI_MATMUL_F32)
                       : isa<linalg::BatchMatmulOp>(op)
                           ? AG_ABI_BATCH_MATMUL_F32
                           : (post ? AG_ABI_CONV2D_POST_F32 : AG_ABI_CONV2D_F32);
      if (post)
        args.push_back(biasVector(b, loc, post->first, post->second));
      if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op)) {
        for (APInt v : conv.getStrides().getValues<APInt>())
          args.push_back(b.create<arith::ConstantIntOp>(loc, v.getSExtValue(), 64));
        for (APInt v : conv.getDilations().getValues<APInt>())
          args.push_back(b.create<arith::ConstantIntOp>(loc, v.getSExtValue(), 64));
      }
      args.push_back(b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(beta)));
      if (post) {
        args.push_back(b.create<arith::ConstantIntOp>(loc, AG_POST_BIAS, 64));
        keepActivationOnly(post->first, post->second);
      }
      func::FuncOp callee = ag::declareHostFunction(module, name, TypeRange(ValueRange(args)));
      b.create<func::CallOp>(loc, callee, args);
      op->erase();
    }
  }
};

} // namespace

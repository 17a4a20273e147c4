//===- LinalgToOnednn.cpp - float32 linalg matmul/conv to oneDNN calls ----===//
//
// After bufferization, f32 linalg.matmul, linalg.batch_matmul and
// linalg.conv_2d_nchw_fchw become calls into backends/onednn through the C ABI of
// ag_abi.h, except the shapes ag-linalg-to-blas (which runs first) gave to OpenBLAS.
// Operands are cast to fully dynamic strided memrefs so one symbol per op and rank
// serves every shape and layout; oneDNN reads the strides from the descriptor, so a
// transposed operand is passed as a view rather than copied.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/HostCalls.h"
#include "ag/Conversion/LibraryCalls.h"
#include "ag/Conversion/Passes.h"
#include "ag/Abi/ag_abi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

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
      StringRef name = isa<linalg::MatmulOp>(op)        ? AG_ABI_MATMUL_F32
                       : isa<linalg::BatchMatmulOp>(op) ? AG_ABI_BATCH_MATMUL_F32
                                                        : AG_ABI_CONV2D_F32;
      if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op)) {
        for (APInt v : conv.getStrides().getValues<APInt>())
          args.push_back(b.create<arith::ConstantIntOp>(loc, v.getSExtValue(), 64));
        for (APInt v : conv.getDilations().getValues<APInt>())
          args.push_back(b.create<arith::ConstantIntOp>(loc, v.getSExtValue(), 64));
      }
      args.push_back(b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(beta)));
      func::FuncOp callee = ag::declareHostFunction(module, name, TypeRange(ValueRange(args)));
      b.create<func::CallOp>(loc, callee, args);
      op->erase();
    }
  }
};

} // namespace

//===- LinalgToBlas.cpp - linalg contractions to OpenBLAS calls -----------===//
//
// After bufferization, linalg.matmul, batch_matmul, matvec and vecmat on memrefs become
// calls into backends/blas (OpenBLAS) through the C ABI of ag_abi.h where BLAS is the
// faster library; ag-linalg-to-onednn, which runs next, takes the float32 rest.
// Operands are cast to fully dynamic strided memrefs: the kernel turns strides into
// BLAS's transpose flags and leading dimensions.
//
// Which library, by measurement (best of repeated calls on this 2-core AVX-512 machine,
// shared with other jobs; oneDNN 2.6 through ag_onednn_* vs OpenBLAS 0.3.21 pthread
// through ag_blas_*, or linalg's loops; 1 thread unless said):
// - float64: BLAS; oneDNN 2.6 has no f64 matmul (linalg loops ran a 1000^3 product 30x
//   slower than dgemm, a 500^3 chain 40x). Except batches of tiny matrices: OpenBLAS
//   has no batched GEMM and a call costs ~60 ns, so linalg's loops stay for output
//   matrices of <= 25 elements (1000 x 4x4 @ 4x4: 8 vs 61 us; 500 x 4x16 @ 16x4: 19-34
//   vs 48-67 us; 1000 x 5x5: 50 vs 69 us) and BLAS takes 6x6 up (1000 x 6x6: 68 vs
//   84 us; 1000 x 7x7: 78 vs 128-171 us; 500 x 16x4 @ 4x16: 55-73 vs 146-152 us).
//   A single 8x8 product costs the same either way (0.6-1.0 us per call, all overhead).
// - float32 with a vector side (static M == 1 or N == 1: A @ x, x @ A, x @ y): BLAS.
//   GEMV/dot read the matrix once, oneDNN's GEMM with N = 1 packs it: 1000x1000 @ x
//   50 us vs 277 us (1 thread), 4096x1024 @ x 300 vs 2940 us, 64x64 @ x 0.3 vs 2.6 us,
//   x @ 1000x1000 47 vs 53 us, dot of 100000 7 vs 113 us.
// - float32 GEMM up to M*N*K = 2^19: BLAS. oneDNN costs ~1.6 us per call whatever the
//   size (4x4x4: 1.6-2.2 vs 0.1 us; 32^3: 2.1 vs 0.7; 16x128x64: 3.9 vs 2.4;
//   64^3: 6.1 vs 4.6; 64x128x64: 10.7-12.1 vs 9.2-9.8 us), while from about 2^20 on its
//   kernels are the faster ones (96^3: 16.8 vs 15.4, 16x256x256: 19.7-21.3 vs 25.0,
//   64x64x256: 19.4-20.7 vs 21.6-22.5, 128^3: 38-40 vs 42-43, 128x512x784: 972 vs
//   1101 us, 256x1024x1024: 5.1 vs 8.0 ms), also with M or N of 2..8 (2x1000 @
//   1000x1000: 55 vs 161 us; 8x512x512: 62 vs 88 us).
// - float32 batch_matmul with N == 1: BLAS (a GEMV per batch index): 16 x 256x256 @ x
//   66 vs 292 us, 8 x 1024x1024 1.3 vs 5.2 ms, 64 x 64x64 20 vs 77 us. With M == 1
//   oneDNN batches better (64 x x @ 64x64: 10-16 vs 19 us), so it keeps those.
// Dims unknown at compile time keep float32 on oneDNN (which handles every shape),
// except a vector side, whose unit dim stays static.
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
#define GEN_PASS_DEF_AGLINALGTOBLAS
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

MemRefType dynamicMemRef(Type elem, int64_t rank) {
  SmallVector<int64_t> dyn(rank, ShapedType::kDynamic);
  return MemRefType::get(dyn, elem,
                         StridedLayoutAttr::get(elem.getContext(), ShapedType::kDynamic, dyn));
}

/// The element type shared by all memref operands of `op`, or null.
Type commonElementType(Operation *op) {
  Type elem;
  for (Type t : op->getOperandTypes()) {
    auto m = dyn_cast<MemRefType>(t);
    if (!m || (elem && m.getElementType() != elem))
      return Type();
    elem = m.getElementType();
  }
  return elem;
}

/// float32 GEMMs up to this M*N*K go to OpenBLAS: oneDNN's fixed cost per call (~1.6 us)
/// dominates them.
constexpr int64_t kSmallGemmF32 = int64_t(1) << 19;

/// Whether dim `d` of `v` is statically 1.
bool unitDim(Value v, int64_t d) { return cast<MemRefType>(v.getType()).getDimSize(d) == 1; }

/// Whether a batched product's output matrices have at most 25 elements (static dims):
/// then a BLAS call per matrix costs more than linalg's loops over the whole batch.
bool tinyMatrices(Value out) {
  auto type = cast<MemRefType>(out.getType());
  int64_t m = type.getDimSize(1), n = type.getDimSize(2);
  return !ShapedType::isDynamic(m) && !ShapedType::isDynamic(n) && m * n <= 25;
}

/// The ABI entry for `op`, or "" when oneDNN (or linalg's loops) should keep it.
StringRef calleeFor(Operation *op) {
  Type elem = commonElementType(op);
  if (!elem || !(elem.isF32() || elem.isF64()))
    return "";
  bool f64 = elem.isF64();
  if (isa<linalg::MatvecOp>(op))
    return f64 ? AG_ABI_BLAS_MATVEC_F64 : AG_ABI_BLAS_MATVEC_F32;
  if (isa<linalg::VecmatOp>(op))
    return f64 ? AG_ABI_BLAS_VECMAT_F64 : AG_ABI_BLAS_VECMAT_F32;
  Value out = cast<linalg::LinalgOp>(op).getDpsInitOperand(0)->get();
  if (isa<linalg::MatmulOp>(op)) {
    if (f64 || unitDim(out, 0) || unitDim(out, 1))
      return f64 ? AG_ABI_BLAS_MATMUL_F64 : AG_ABI_BLAS_MATMUL_F32;
    auto a = cast<MemRefType>(op->getOperand(0).getType());
    auto c = cast<MemRefType>(out.getType());
    bool small = a.hasStaticShape() && c.hasStaticShape() &&
                 c.getDimSize(0) * c.getDimSize(1) * a.getDimSize(1) <= kSmallGemmF32;
    return small ? AG_ABI_BLAS_MATMUL_F32 : "";
  }
  if (isa<linalg::BatchMatmulOp>(op)) {
    if (f64)
      return tinyMatrices(out) ? "" : AG_ABI_BLAS_BATCH_MATMUL_F64;
    return unitDim(out, 2) ? AG_ABI_BLAS_BATCH_MATMUL_F32 : "";
  }
  return "";
}

struct AgLinalgToBlasPass : public ag::impl::AgLinalgToBlasBase<AgLinalgToBlasPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<Operation *, StringRef>> targets;
    module.walk([&](Operation *op) {
      if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatvecOp,
               linalg::VecmatOp>(op))
        return;
      StringRef callee = calleeFor(op);
      if (!callee.empty())
        targets.push_back({op, callee});
    });
    for (auto [op, callee] : targets) {
      OpBuilder b(op);
      Location loc = op->getLoc();
      auto linalgOp = cast<linalg::LinalgOp>(op);
      Value output = linalgOp.getDpsInitOperand(0)->get();
      Type elem = cast<MemRefType>(output.getType()).getElementType();
      double beta = ag::takeZeroFill(op, output) ? 0.0 : 1.0;
      ag::readTransposesThroughViews(op);
      SmallVector<Value> args;
      for (Value v : op->getOperands())
        args.push_back(b.create<memref::CastOp>(
            loc, dynamicMemRef(elem, cast<MemRefType>(v.getType()).getRank()), v));
      args.push_back(b.create<arith::ConstantOp>(loc, b.getFloatAttr(elem, beta)));
      func::FuncOp fn = ag::declareHostFunction(module, callee, TypeRange(ValueRange(args)));
      b.create<func::CallOp>(loc, fn, args);
      op->erase();
    }
  }
};

} // namespace

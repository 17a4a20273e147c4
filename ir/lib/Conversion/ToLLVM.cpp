//===- ToLLVM.cpp - memref/arith/cf/func/index/complex/math to LLVM at once -===//
//
// The upstream conversions to the LLVM dialect, each of which builds and freezes its
// pattern set on every run (freezing walks every registered op of the context: ~1 ms a
// pass, more than converting a small module), as one pass whose patterns are built
// once, in initialize(): the runtime keeps its pass managers, so that happens once per
// thread. Same options and the same order of the math lowering as the pipeline of
// single passes it replaces (see lib/Pipelines).
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ComplexToLLVM/ComplexToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGCONVERTTOLLVM
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct ConvertToLLVM : ag::impl::AgConvertToLLVMBase<ConvertToLLVM> {
  // Shared by the copies the pass manager makes of the pass: read only once built.
  std::shared_ptr<LLVMTypeConverter> converter;
  std::shared_ptr<const FrozenRewritePatternSet> mathToLLVM, mathToLibm, toLLVM;

  LogicalResult initialize(MLIRContext *ctx) override {
    LowerToLLVMOptions options(ctx);
    // Heap buffers through the runtime's aligned allocation functions (ag_abi.h): see
    // lib/Pipelines for why.
    options.allocLowering = LowerToLLVMOptions::AllocLowering::AlignedAlloc;
    options.useGenericFunctions = true;
    converter = std::make_shared<LLVMTypeConverter>(ctx, options);

    // math-to-llvm's log1p is log(1 + x), which loses digits near 0: libm's keeps them.
    RewritePatternSet intrinsics(ctx);
    populateMathToLLVMConversionPatterns(*converter, intrinsics, /*approximateLog1p=*/false);
    mathToLLVM = std::make_shared<FrozenRewritePatternSet>(std::move(intrinsics));
    RewritePatternSet libm(ctx);
    populateMathToLibmConversionPatterns(libm);
    mathToLibm = std::make_shared<FrozenRewritePatternSet>(std::move(libm));

    RewritePatternSet patterns(ctx);
    populateFinalizeMemRefToLLVMConversionPatterns(*converter, patterns);
    populateComplexToLLVMConversionPatterns(*converter, patterns);
    arith::populateArithToLLVMConversionPatterns(*converter, patterns);
    cf::populateControlFlowToLLVMConversionPatterns(*converter, patterns);
    populateFuncToLLVMConversionPatterns(*converter, patterns);
    index::populateIndexToLLVMConversionPatterns(*converter, patterns);
    toLLVM = std::make_shared<FrozenRewritePatternSet>(std::move(patterns));
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    bool hasMath = module
                       .walk([](Operation *op) {
                         return isa<math::MathDialect>(op->getDialect())
                                    ? WalkResult::interrupt()
                                    : WalkResult::advance();
                       })
                       .wasInterrupted();
    if (hasMath) {
      // LLVM intrinsics first (they vectorise), libm calls for what has none.
      LLVMConversionTarget intrinsicTarget(*ctx);
      if (failed(applyPartialConversion(module, intrinsicTarget, *mathToLLVM)))
        return signalPassFailure();
      ConversionTarget libmTarget(*ctx);
      libmTarget.addLegalDialect<arith::ArithDialect, BuiltinDialect, func::FuncDialect,
                                 vector::VectorDialect, LLVM::LLVMDialect>();
      libmTarget.addIllegalDialect<math::MathDialect>();
      if (failed(applyPartialConversion(module, libmTarget, *mathToLibm)))
        return signalPassFailure();
    }
    LLVMConversionTarget target(*ctx);
    if (failed(applyPartialConversion(module, target, *toLLVM)))
      signalPassFailure();
  }
};

} // namespace

//===- ToLLVM.cpp - memref/arith/cf/func/index/complex/math to LLVM at once -===//
//
// The upstream conversions to the LLVM dialect, each of which builds and freezes its
// pattern set on every run (freezing walks every registered op of the context: ~1 ms a
// pass, more than converting a small module), as one pass whose patterns are built
// once per context (AgDialect::getContextCache: MLIR 19's PassManager re-runs
// initialize() on every run, so building them there alone would not keep them). Same
// options and the same order of the math lowering as the pipeline of single passes it
// replaces (see lib/Pipelines).
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "ag/IR/AgDialect.h"

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

// What the pass builds once per context: shared by its runs and by the copies the pass
// manager makes of it (read only once built).
struct Lowering {
  std::unique_ptr<LLVMTypeConverter> converter;
  FrozenRewritePatternSet mathToLLVM, mathToLibm, toLLVM;

  explicit Lowering(MLIRContext *ctx) {
    LowerToLLVMOptions options(ctx);
    // Heap buffers through the runtime's aligned allocation functions (ag_abi.h): see
    // lib/Pipelines for why.
    options.allocLowering = LowerToLLVMOptions::AllocLowering::AlignedAlloc;
    options.useGenericFunctions = true;
    converter = std::make_unique<LLVMTypeConverter>(ctx, options);

    // math-to-llvm's log1p is log(1 + x), which loses digits near 0: libm's keeps them.
    RewritePatternSet intrinsics(ctx);
    populateMathToLLVMConversionPatterns(*converter, intrinsics, /*approximateLog1p=*/false);
    mathToLLVM = FrozenRewritePatternSet(std::move(intrinsics));
    RewritePatternSet libm(ctx);
    populateMathToLibmConversionPatterns(libm);
    mathToLibm = FrozenRewritePatternSet(std::move(libm));

    RewritePatternSet patterns(ctx);
    populateFinalizeMemRefToLLVMConversionPatterns(*converter, patterns);
    populateComplexToLLVMConversionPatterns(*converter, patterns);
    arith::populateArithToLLVMConversionPatterns(*converter, patterns);
    cf::populateControlFlowToLLVMConversionPatterns(*converter, patterns);
    populateFuncToLLVMConversionPatterns(*converter, patterns);
    index::populateIndexToLLVMConversionPatterns(*converter, patterns);
    toLLVM = FrozenRewritePatternSet(std::move(patterns));
  }
};

struct ConvertToLLVM : ag::impl::AgConvertToLLVMBase<ConvertToLLVM> {
  std::shared_ptr<const Lowering> lowering;

  LogicalResult initialize(MLIRContext *ctx) override {
    auto *dialect = ctx->getOrLoadDialect<ag::AgDialect>();
    lowering = std::static_pointer_cast<const Lowering>(dialect->getContextCache(
        "ag-convert-to-llvm",
        [ctx] { return std::static_pointer_cast<const void>(std::make_shared<Lowering>(ctx)); }));
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
      if (failed(applyPartialConversion(module, intrinsicTarget, lowering->mathToLLVM)))
        return signalPassFailure();
      ConversionTarget libmTarget(*ctx);
      libmTarget.addLegalDialect<arith::ArithDialect, BuiltinDialect, func::FuncDialect,
                                 vector::VectorDialect, LLVM::LLVMDialect>();
      libmTarget.addIllegalDialect<math::MathDialect>();
      if (failed(applyPartialConversion(module, libmTarget, lowering->mathToLibm)))
        return signalPassFailure();
    }
    LLVMConversionTarget target(*ctx);
    if (failed(applyPartialConversion(module, target, lowering->toLLVM)))
      signalPassFailure();
  }
};

} // namespace

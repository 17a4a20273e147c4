//===- Pipelines.cpp - The named stages of the ag compiler ----------------===//
//
// Order matters in several places; each is commented where it does.
//
//===----------------------------------------------------------------------===//

#include "ag/Pipelines/Pipelines.h"

#include "ag/Conversion/Passes.h"
#include "ag/Transforms/Passes.h"
#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ComplexToLLVM/ComplexToLLVM.h"
#include "mlir/Conversion/ComplexToStandard/ComplexToStandard.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

StringRef ag::stageName(Stage stage) {
  switch (stage) {
  case Stage::Ag:
    return "ag";
  case Stage::Linalg:
    return "linalg";
  case Stage::Bufferized:
    return "bufferized";
  case Stage::LLVM:
    return "llvm";
  }
  return "";
}

std::optional<ag::Stage> ag::parseStage(StringRef name) {
  for (Stage s : {Stage::Ag, Stage::Linalg, Stage::Bufferized, Stage::LLVM})
    if (stageName(s) == name)
      return s;
  return std::nullopt;
}

void ag::buildAgToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createAgCanonicalize());
  pm.addPass(createConvertAgToLinalg());
  // Scalars cross loop and branch boundaries by value (no buffer per iteration).
  pm.addPass(createAgScalarizeControlFlow());
  pm.addPass(createAgCanonicalize());
  // Fusion before bufferization: merging generics on tensors removes the intermediate
  // buffers altogether (an 8-op chain becomes one loop reading once, writing once).
  // Views of elementwise results (a sum's row view of its operand and the slices of it
  // its buffers read) become producers first: upstream fusion stops at them.
  pm.addPass(createAgViewsIntoElementwise());
  pm.addNestedPass<func::FuncOp>(createLinalgElementwiseOpFusionPass());
  pm.addPass(createAgCanonicalize());
  pm.addPass(createCSEPass());
  // Work a staged loop repeats on values it does not change (x.T in `x.T @ r`, a
  // broadcast weight) runs once before the loop.
  pm.addPass(createAgHoistLoopInvariants());
  // After hoisting (a loop-invariant chain leaves the user's loop whole); CSE merges
  // the copies of a value two ops of a fused chain both recompute.
  pm.addPass(createAgFuseRows());
  pm.addPass(createCSEPass());
}

void ag::buildBufferizePipeline(OpPassManager &pm) {
  // The callers' arrays: copied before a write (the runtime writes them back).
  pm.addPass(createAgReadOnlyArguments());
  // One-Shot Bufferize rejects call cycles: hide staged recursion until it is done.
  pm.addPass(createAgPrepareRecursion());
  pm.addPass(createAgCanonicalize());
  // Before the first One-Shot analysis (empty-tensor elimination runs one): CSE left one
  // tensor.empty per type for the whole function, an alias set whose analysis is
  // quadratic in the function's length.
  pm.addPass(createAgSplitEmptyTensors());
  // Likewise for the versions of one array that long straight-line code writes in place.
  pm.addPass(createAgBoundInPlaceChains());
  // Rewriting tensor.empty into slices of their destination lets insert_slice chains
  // (concatenate, x[i] = v) bufferize in place.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // Right before bufferizing: no canonicalization may fold the empty case away again.
  pm.addPass(createAgFoldedPayloads());
  pm.addPass(createAgSplatFills());
  // After every CSE (which would merge the products' own zero fills again): a bias and
  // activation consumer writes into its product, for ag-linalg-to-onednn to fold.
  pm.addPass(createAgOnednnPostOpsInPlace());
  // Last before One-Shot: it mis-types an scf.if whose branches yield buffers of
  // different layouts.
  pm.addPass(createAgContiguousIfYields());
  bufferization::OneShotBufferizationOptions options;
  options.bufferizeFunctionBoundaries = true;
  // Callers pass contiguous buffers: identity layouts let loops index without strides.
  options.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  // Staged loops carry values that each iteration recomputes into new buffers; the
  // deallocation pipeline frees the previous iteration's.
  options.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(options));
  pm.addPass(createAgResolveRecursion());
  pm.addPass(createAgCanonicalize());
  // Ownership-based deallocation; returned buffers are owned by the caller (copied when
  // the function would otherwise return a view of an argument or a constant). Upstream's
  // buildBufferDeallocationPipeline with its default options, pass for pass, but with
  // ag-canonicalize (see there) for its three canonicalizations.
  pm.addPass(memref::createExpandReallocPass(/*emitDeallocs=*/false));
  pm.addPass(createAgCanonicalize());
  pm.addPass(bufferization::createOwnershipBasedBufferDeallocationPass(
      bufferization::DeallocationOptions{/*privateFuncDynamicOwnership=*/false}));
  pm.addPass(createAgCanonicalize());
  pm.addPass(bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createCSEPass());
  pm.addPass(createAgCanonicalize());
  pm.addPass(createBufferizationToMemRefPass());
  // On memrefs: the zero-fill feeding a matmul is adjacent to it only after bufferization.
  // BLAS first: it takes the float32 matrix-vector shapes oneDNN would otherwise get.
  pm.addPass(createAgLinalgToBlas());
  pm.addPass(createAgLinalgToOnednn());
  pm.addPass(createAgCanonicalize());
}

void ag::buildLowerToLLVMPipeline(OpPassManager &pm, const PipelineOptions &options) {
  // On linalg over memrefs (before it becomes loops): which generics run independent
  // rows is read from their indexing maps, and the outlined bodies are lowered below
  // with everything else.
  if (options.parallelLoops)
    pm.addPass(createAgParallelLoops());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // Before math-to-llvm, which would otherwise turn f32 tanh/exp into libm calls.
  pm.addNestedPass<func::FuncOp>(createAgMathApproximation());
  // After the approximation: complex ops that expand into math ops keep libm's
  // accuracy. convert-ag-to-linalg writes numpy's complex arithmetic on the parts, so
  // only re/im/create (and anything a later pass adds) remain for these two.
  pm.addPass(createConvertComplexToStandardPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createAgExpandStridedMetadata());
  pm.addPass(createLowerAffinePass());
  // Heap buffers go through the runtime's allocation functions (ag_abi.h): a failed
  // allocation then raises MemoryError instead of handing compiled code a null pointer.
  // Aligned ones (ag_rt_aligned_alloc) rather than a ptrtoint/inttoptr round on the
  // pointer: that round hides from LLVM's alias analysis that a fresh buffer aliases
  // nothing (the JIT marks the allocation noalias), and without it loops accumulating
  // into a buffer neither keep the accumulators in registers nor vectorise (the 8
  // lanes of a pairwise sum's leaf are one vector add only then). Math ops become LLVM
  // intrinsics where there is one, libm calls otherwise (math-to-llvm's log1p loses
  // digits near 0: libm's keeps them). All of memref, math, complex, arith, cf, func and
  // index in one pass whose patterns are built once (ag-convert-to-llvm).
  pm.addPass(createAgConvertToLLVM());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void ag::buildPipeline(OpPassManager &pm, Stage from, Stage to,
                       const PipelineOptions &options) {
  if (from < Stage::Linalg && to >= Stage::Linalg)
    buildAgToLinalgPipeline(pm);
  if (from < Stage::Bufferized && to >= Stage::Bufferized)
    buildBufferizePipeline(pm);
  if (from < Stage::LLVM && to >= Stage::LLVM)
    buildLowerToLLVMPipeline(pm, options);
}

void ag::registerPipelines() {
  PassPipelineRegistration<>("ag-to-linalg", "Lower ag to linalg on tensors and fuse",
                             buildAgToLinalgPipeline);
  PassPipelineRegistration<>("ag-bufferize",
                             "Bufferize, deallocate and call OpenBLAS/oneDNN for matmul/conv",
                             buildBufferizePipeline);
  PassPipelineRegistration<>("ag-to-llvm", "Lower bufferized code to the LLVM dialect",
                             [](OpPassManager &pm) { buildLowerToLLVMPipeline(pm); });
  PassPipelineRegistration<>("ag-compile", "All stages: ag to the LLVM dialect",
                             [](OpPassManager &pm) {
                               buildPipeline(pm, Stage::Ag, Stage::LLVM);
                             });
}

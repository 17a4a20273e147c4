//===- Pipelines.h - The named stages of the ag compiler --------*- C++ -*-===//
//
// The compiler is an ordered ladder of stages; the JIT, ag-opt (as named pipelines) and
// ag-dump-ir (--emit) all build them from here, so every tool sees the same compiler.
//
//   ag  --ag-to-linalg-->  linalg on tensors  --ag-bufferize-->  memrefs (+ oneDNN calls)
//       --ag-to-llvm-->  LLVM dialect  --> LLVM IR (backends/cpu)
//
//===----------------------------------------------------------------------===//

#ifndef AG_PIPELINES_PIPELINES_H
#define AG_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

namespace mlir {
namespace ag {

/// The stages of the ladder, in order. `emit` names in tools use stageName().
enum class Stage { Ag, Linalg, Bufferized, LLVM };

/// "ag", "linalg", "bufferized", "llvm".
llvm::StringRef stageName(Stage stage);
/// Parses a stage name; returns std::nullopt when unknown.
std::optional<Stage> parseStage(llvm::StringRef name);

/// Choices of the pipelines that depend on the process rather than the program.
struct PipelineOptions {
  /// Split large loops with independent iterations across threads (ag-parallel-loops);
  /// off when one thread is asked for (AG_NUM_THREADS=1), which then compiles the
  /// serial code exactly.
  bool parallelLoops = true;
};

/// ag -> linalg/tensor/arith/math with elementwise fusion (pipeline `ag-to-linalg`).
void buildAgToLinalgPipeline(OpPassManager &pm);
/// Tensors -> memrefs with function boundaries, deallocation, oneDNN calls
/// (pipeline `ag-bufferize`).
void buildBufferizePipeline(OpPassManager &pm);
/// Memrefs/scf/arith/math -> LLVM dialect (pipeline `ag-to-llvm`).
void buildLowerToLLVMPipeline(OpPassManager &pm, const PipelineOptions &options = {});
/// Adds every stage after `from` up to and including `to`.
void buildPipeline(OpPassManager &pm, Stage from, Stage to,
                   const PipelineOptions &options = {});

/// Registers the named pipelines with the global registry (for ag-opt).
void registerPipelines();

} // namespace ag
} // namespace mlir

#endif // AG_PIPELINES_PIPELINES_H

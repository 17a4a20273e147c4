//===- Compiler.h - ag module -> callable native code -----------*- C++ -*-===//
//
// Runs the named pipelines of ir/ on a module in the ag dialect, JIT-compiles the result
// (backends/cpu) and calls its functions on HostArrays through the packed calling
// convention (PackedCall.h). Keeps the IR of every stage on request, for ag-run and ag-dump-ir.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_COMPILER_H
#define AG_RUNTIME_COMPILER_H

#include "ag/Pipelines/Pipelines.h"
#include "ag/Runtime/HostArray.h"
#include "ag/Runtime/PackedCall.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>

namespace mlir {
namespace ag {

class JitEngine;

struct CompileOptions {
  /// Keep the printed IR after each stage (CompiledModule::stageIR).
  bool keepStages = false;
  /// Keep the optimised LLVM IR (CompiledModule::optimizedLLVMIR).
  bool keepLLVMIR = false;
  unsigned optLevel = 3;
  /// Host functions compiled code may call besides the ABI's kernels (the Python
  /// runtime's print/failure callbacks).
  std::vector<std::pair<std::string, void *>> extraSymbols;
  /// The callback ids of the module's ordinals (Tracer::numberCallbacks), handed to
  /// every FunctionInfo.
  std::vector<int64_t> callbacks;
  /// Object code an earlier compile of the same module text kept (keepObject) on this
  /// host: linked instead of lowering and generating code. If it cannot be linked the
  /// module is compiled (CompiledModule::loadedObject() says which happened).
  llvm::StringRef object;
  /// Keep the object code (CompiledModule::objectCode()) for the persistent cache.
  bool keepObject = false;
  /// Compile budget in seconds (0: none) and what compiling this module cost before
  /// compile() was called (tracing). When the time so far plus the estimated time of
  /// LLVM at optLevel exceeds the budget, LLVM runs at a lower level instead
  /// (CompiledModule::budgetNote() says why).
  double budgetSeconds = 0;
  double spentSeconds = 0;
  /// Tiered compilation: a module whose LLVM compile is slow at the level and whose
  /// work is small (CompiledModule::compile says when) is compiled at O0 first, and
  /// tierUp() compiles it at the level. The object code is then the second tier's.
  bool tiered = false;
  /// Print MLIR's execution time report of each lowering stage (every pass's wall
  /// time, `-mlir-timing`) to stderr: AG_LOG=passes.
  bool passTiming = false;
};

/// Where a compile spent its time: (stage name, seconds), in order.
using StageTimes = std::vector<std::pair<std::string, double>>;

/// The error CompiledModule::call returns when compiled code could not allocate a
/// buffer: the call was abandoned at that allocation (backends/cpu/Memory.cpp).
class OutOfMemoryError : public llvm::ErrorInfo<OutOfMemoryError> {
public:
  static char ID;
  explicit OutOfMemoryError(uint64_t bytes) : bytes(bytes) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  /// The size of the allocation that failed.
  uint64_t bytes;
};

class CompiledModule {
public:
  /// Compiles every public function of `module` (ag dialect, tensors in and out). The
  /// module is lowered in place. Diagnostics are returned in the error.
  static llvm::Expected<std::unique_ptr<CompiledModule>>
  compile(ModuleOp module, const CompileOptions &options = {});
  ~CompiledModule();

  /// Lowers `module` (ag dialect) in place from stage to stage up to `to`, as compile()
  /// does (compile() calls it): every tool that shows a stage's IR it did not keep
  /// (`.ir(emit=...)` of code loaded from the persistent cache) lowers through here.
  /// `onStage` is told each stage reached and its seconds. Diagnostics go to the
  /// context's handler.
  static LogicalResult lower(ModuleOp module, Stage to,
                             llvm::function_ref<void(Stage, double)> onStage = {},
                             bool passTiming = false);

  /// Calls `name`. Arguments must match the function's dtypes and shapes.
  llvm::Expected<std::vector<HostArray>> call(llvm::StringRef name,
                                              const std::vector<HostArray> &args) const;

  /// IR after `stage` (empty unless CompileOptions::keepStages).
  const std::string &stageIR(Stage stage) const {
    return stages[static_cast<size_t>(stage)];
  }
  const std::string &optimizedLLVMIR() const;

  /// Signature and entry point of `name`, or nullptr.
  const FunctionInfo *lookup(llvm::StringRef name) const;

  /// The object code (empty unless CompileOptions::keepObject and compiled from IR),
  /// moved out.
  std::string takeObjectCode() { return std::move(object); }
  /// Whether CompileOptions::object was linked (no lowering, no code generation).
  bool loadedObject() const { return loaded; }
  /// Time per stage: trace (spentSeconds), ag->linalg, bufferize, ->LLVM dialect,
  /// LLVM translate, optimize, codegen, JIT link (or only the link, for loaded object
  /// code).
  const StageTimes &timings() const { return times; }
  /// The LLVM optimisation level used (lower than asked when over the budget).
  unsigned optLevel() const { return level; }
  /// Why the budget lowered the optimisation level (empty if it did not).
  const std::string &budgetNote() const { return note; }

  /// The estimated seconds LLVM takes for a module of `numOps` LLVM-dialect ops at
  /// `optLevel` (the compile budget's model, measured on this machine class).
  static double estimateLLVMSeconds(size_t numOps, unsigned optLevel);

  /// Why the module was compiled in one tier or two (empty when not asked to tier).
  const std::string &tierNote() const { return tierText; }
  /// Whether the module runs first-tier code that tierUp() would replace.
  bool tierPending() const { return pendingLevel.load() != 0; }
  /// Compiles the module at the level CompileOptions asked for and makes every
  /// function's entry point that code (calls already running finish in the first
  /// tier's, which stays loaded). Uses no MLIR: call it on any thread, once. Returns
  /// the seconds it took per LLVM stage.
  llvm::Expected<StageTimes> tierUp();

private:
  CompiledModule() = default;
  /// Makes every function's entry point its code in `engine`, or none of them.
  llvm::Error setEntries(JitEngine &engine);
  llvm::StringMap<FunctionInfo> functions;
  std::unique_ptr<JitEngine> jit;
  std::array<std::string, 4> stages;
  std::string object, note, tierText;
  bool loaded = false;
  std::atomic<unsigned> level{3};
  StageTimes times;
  // Tiered compilation: the level tierUp() compiles at (0: none pending), the module
  // as bitcode, what its engine needs, and the first tier's engine once replaced.
  std::atomic<unsigned> pendingLevel{0};
  std::string bitcode;
  std::vector<std::pair<std::string, void *>> extraSymbols;
  bool keepObject = false;
  std::unique_ptr<JitEngine> firstTier;
  std::mutex tierMutex;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_COMPILER_H

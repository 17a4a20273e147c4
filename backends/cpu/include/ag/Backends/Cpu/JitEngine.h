//===- JitEngine.h - ORC JIT for LLVM-dialect modules -----------*- C++ -*-===//
//
// Turns a module in the LLVM dialect into native code for this host (its CPU name and
// features, so AVX-512 is used where present) at O3, with the ag ABI symbols
// (backends/abi/ag_abi.h) registered. Knows nothing of the ag dialect: the runtime runs the
// ir/ pipelines first.
//
//===----------------------------------------------------------------------===//

#ifndef AG_BACKENDS_CPU_JITENGINE_H
#define AG_BACKENDS_CPU_JITENGINE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mlir {
class ExecutionEngine;

namespace ag {

struct JitOptions {
  /// LLVM optimisation level for the IR passes and code generation (0-3).
  unsigned optLevel = 3;
  /// Keep the optimised LLVM IR text (see JitEngine::optimizedIR()).
  bool keepOptimizedIR = false;
  /// More symbols compiled code may call (e.g. the runtime's host callbacks).
  std::vector<std::pair<std::string, void *>> extraSymbols;
};

class JitEngine {
public:
  /// The packed calling convention of ExecutionEngine: `args[i]` points at the i-th
  /// flattened argument (memref descriptors are expanded field by field) and the last
  /// entry points at storage for the results.
  using PackedFn = void (*)(void **);

  /// Compiles `module`, which must contain only the LLVM dialect.
  static llvm::Expected<std::unique_ptr<JitEngine>> create(ModuleOp module,
                                                           const JitOptions &options = {});
  ~JitEngine();

  /// The packed entry of function `name` (created for every public function).
  llvm::Expected<PackedFn> lookupPacked(llvm::StringRef name) const;

  /// Optimised LLVM IR, if requested in the options.
  const std::string &optimizedIR() const { return optimizedIRText; }

  /// "x86_64-pc-linux-gnu skylake-avx512 +avx512f,..." for logs and benchmarks.
  static std::string hostDescription();

private:
  JitEngine() = default;
  std::unique_ptr<ExecutionEngine> engine;
  std::string optimizedIRText;
};

} // namespace ag
} // namespace mlir

#endif // AG_BACKENDS_CPU_JITENGINE_H

//===- Compiler.h - ag module -> callable native code -----------*- C++ -*-===//
//
// Runs the named pipelines of ir/ on a module in the ag dialect, JIT-compiles the result
// (backends/cpu) and calls its functions on HostArrays through the packed calling
// convention. Keeps the IR of every stage on request, for ag-run and ag-dump-ir.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_COMPILER_H
#define AG_RUNTIME_COMPILER_H

#include "ag/Pipelines/Pipelines.h"
#include "ag/Runtime/HostArray.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <array>
#include <memory>

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
};

/// dtype and static shape of one tensor crossing the call boundary.
struct TensorSig {
  DType dtype;
  std::vector<int64_t> shape;
};

/// What callers need to call one compiled function without going through call(): its
/// packed entry point and signature (see Compiler.cpp for the packed convention).
struct FunctionInfo {
  std::string name;
  std::vector<TensorSig> inputs, results;
  void (*packed)(void **) = nullptr;
};

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

/// Makes every result descriptor in `words` (the packed results of `fn`) own a distinct
/// allocation: a compiled function may return one buffer twice (CSE merges equal
/// results; `return y, y`), and each result array frees its own buffer. Duplicates
/// become copies.
void makeResultsDistinct(const FunctionInfo &fn, int64_t *words);

class CompiledModule {
public:
  /// Compiles every public function of `module` (ag dialect, tensors in and out). The
  /// module is lowered in place. Diagnostics are returned in the error.
  static llvm::Expected<std::unique_ptr<CompiledModule>>
  compile(ModuleOp module, const CompileOptions &options = {});
  ~CompiledModule();

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

private:
  CompiledModule() = default;
  llvm::StringMap<FunctionInfo> functions;
  std::unique_ptr<JitEngine> jit;
  std::array<std::string, 4> stages;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_COMPILER_H

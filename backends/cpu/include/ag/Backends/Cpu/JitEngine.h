//===- JitEngine.h - ORC JIT for LLVM-dialect modules -----------*- C++ -*-===//
//
// Turns a module in the LLVM dialect into native code for this host (its CPU name and
// features, so AVX-512 is used where present) at O3, with the ag ABI symbols
// (ag/Abi/ag_abi.h) registered. Knows nothing of the ag dialect: the runtime runs the
// ir/ pipelines first. Every engine's code lives in one process-wide ORC JIT, in a
// JITDylib of its own that the engine's destructor removes (backends/cpu/HostJit.h).
// Engines may be created, called and destroyed on any threads.
//
//===----------------------------------------------------------------------===//

#ifndef AG_BACKENDS_CPU_JITENGINE_H
#define AG_BACKENDS_CPU_JITENGINE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class Module;
namespace orc {
class JITDylib;
} // namespace orc
} // namespace llvm

namespace mlir {
class ModuleOp;

namespace ag {
namespace hostjit {
class CodeGen;
} // namespace hostjit

struct JitOptions {
  /// LLVM optimisation level for the IR passes and code generation (0-3).
  unsigned optLevel = 3;
  /// Keep the optimised LLVM IR text (see JitEngine::optimizedIR()).
  bool keepOptimizedIR = false;
  /// More symbols compiled code may call (e.g. the runtime's host callbacks).
  std::vector<std::pair<std::string, void *>> extraSymbols;
  /// Keep the object code (JitEngine::objectCode()), for the persistent cache.
  bool keepObject = false;
  /// Keep the translated module as bitcode (JitEngine::bitcode()), to compile it again
  /// at another level (createFromBitcode: tiered compilation).
  bool keepBitcode = false;
};

/// Where create() spent its time, in seconds (AG_LOG=compile, the compile budget):
/// MLIR -> LLVM IR, LLVM's IR passes, code generation to object code, handing the
/// object to the JIT (which links it at the first lookup: the caller times that).
struct JitTimings {
  double translate = 0, optimize = 0, codegen = 0, link = 0;
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
  /// Compiles `bitcode` (a create()'s bitcode() with `keepBitcode`) as create() would
  /// have compiled its module at `options.optLevel`. Uses no MLIR: safe on any thread.
  static llvm::Expected<std::unique_ptr<JitEngine>>
  createFromBitcode(llvm::StringRef bitcode, const JitOptions &options = {});
  /// Links `object` -- object code a create() with `keepObject` produced for this host
  /// (same CPU name and features) -- without running LLVM's optimiser or code
  /// generator. `options.optLevel` and `keepOptimizedIR` do not apply.
  static llvm::Expected<std::unique_ptr<JitEngine>> load(llvm::StringRef object,
                                                         const JitOptions &options = {});
  ~JitEngine();

  /// The packed entry of function `name` (created for every public function). The first
  /// lookup links the engine's object code.
  llvm::Expected<PackedFn> lookupPacked(llvm::StringRef name) const;

  /// The object code of the whole module (empty unless JitOptions::keepObject); call
  /// after the functions were looked up.
  llvm::Expected<std::string> objectCode();

  /// The translated, unoptimised module (empty unless JitOptions::keepBitcode).
  const std::string &bitcode() const { return bitcodeText; }

  /// Translation, optimisation and code generation times of create().
  const JitTimings &timings() const { return times; }

  /// "cpu-name +feature,-feature,..." of this host: what the object code depends on.
  static const std::string &hostTarget();

  /// Optimised LLVM IR, if requested in the options.
  const std::string &optimizedIR() const { return optimizedIRText; }

  /// "x86_64-pc-linux-gnu skylake-avx512 +avx512f,..." for logs and benchmarks.
  static std::string hostDescription();

  /// Engines (JITDylibs) of this process not yet destroyed: for tests that code is
  /// freed with its engine.
  static size_t liveEngines();

private:
  JitEngine() = default;
  /// Optimises `module` (translated, packed) with `codegen`, generates its object code
  /// and links it into this engine's JITDylib.
  llvm::Error compileModule(llvm::Module &module, hostjit::CodeGen &codegen,
                            const JitOptions &options);
  llvm::orc::JITDylib *dylib = nullptr; // in the process's JIT (HostJit)
  std::string object;                   // kept for objectCode()
  bool compiled = false;                // by create(), not load()
  std::string optimizedIRText;
  std::string bitcodeText;
  JitTimings times;
};

} // namespace ag
} // namespace mlir

#endif // AG_BACKENDS_CPU_JITENGINE_H

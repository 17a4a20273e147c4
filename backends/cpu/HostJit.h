//===- HostJit.h - The process's code generator and ORC JIT -----*- C++ -*-===//
//
// What every compile of a process shares, created once: the host's TargetMachine and
// LLVM's pass builder per optimisation level (CodeGen), and one LLJIT in which each
// compiled module is a JITDylib of its own, linked against a JITDylib of the runtime's
// symbols and removed (its memory freed) when the module is (HostJit). A private header
// of backends/cpu: JitEngine is the interface.
//
// Building these per compile -- as mlir::ExecutionEngine::create does: a TargetMachine
// (whose subtarget, the instruction-selection tables of the host's CPU, is rebuilt on
// first use), an LLJIT with its platform's initialiser lookups, the runner utilities
// loaded as a JITDylib -- costs a cold process nothing more, but each later compile pays
// it again.
//
//===----------------------------------------------------------------------===//

#ifndef AG_BACKENDS_CPU_HOSTJIT_H
#define AG_BACKENDS_CPU_HOSTJIT_H

#include "llvm/ExecutionEngine/Orc/Core.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
namespace orc {
class LLJIT;
} // namespace orc
} // namespace llvm

namespace mlir {
namespace ag {
namespace hostjit {

/// LLVM's native target, initialised once; full unrolling capped (see HostJit.cpp).
void initializeNativeTarget();

/// "+feature,-feature,..." of this host (detected once).
const std::string &hostFeatures();

/// The machine builder of this host: its CPU name and features, PIC, LLVM's code
/// generation level for `optLevel` (0-3).
llvm::Expected<llvm::orc::JITTargetMachineBuilder> hostMachineBuilder(unsigned optLevel);

/// The symbols of ag_abi.h compiled code may call, by their linker names.
llvm::orc::SymbolMap abiSymbols(llvm::orc::MangleAndInterner &interner);

struct Toolchain;

/// The TargetMachine and pass builder of one optimisation level, leased to one
/// compile at a time (neither is safe to share between threads): a process that
/// compiles on one thread at a time creates one per level it uses; concurrent
/// compiles create more, which are kept for later ones.
class CodeGen {
public:
  static llvm::Expected<CodeGen> lease(unsigned optLevel);
  CodeGen(CodeGen &&other) noexcept;
  CodeGen &operator=(CodeGen &&) = delete;
  ~CodeGen();

  llvm::TargetMachine &targetMachine();
  /// Runs LLVM's default pipeline of the level on `module` (whose data layout and
  /// triple are the target machine's).
  void optimize(llvm::Module &module);
  /// The object code of `module`, as ORC's IR compile layer would generate it.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> emitObject(llvm::Module &module);

private:
  CodeGen(unsigned optLevel, std::unique_ptr<Toolchain> toolchain);
  unsigned level;
  std::unique_ptr<Toolchain> toolchain;
};

/// The process's LLJIT (never destroyed: compiled code may be freed during exit).
class HostJit {
public:
  static llvm::Expected<HostJit *> get();

  /// A new JITDylib for one module's code, which resolves what the code does not
  /// define from `extraSymbols`, then the ABI symbols, MLIR's runner utilities and
  /// the process.
  llvm::Expected<llvm::orc::JITDylib *>
  createDylib(const std::vector<std::pair<std::string, void *>> &extraSymbols);
  /// Adds object code to `dylib`; it is linked by the first lookup.
  llvm::Error addObject(llvm::orc::JITDylib &dylib, std::unique_ptr<llvm::MemoryBuffer> object);
  /// The address of `name` (as the object names it) in `dylib`, linking it if needed.
  llvm::Expected<void *> lookup(llvm::orc::JITDylib &dylib, llvm::StringRef name);
  /// Removes `dylib` and frees its code and data.
  void removeDylib(llvm::orc::JITDylib &dylib);
  /// JITDylibs created and not yet removed.
  size_t liveDylibs() const;

private:
  HostJit() = default;
  llvm::Error initialize();
  std::unique_ptr<llvm::orc::LLJIT> jit;
  llvm::orc::JITDylib *runtime = nullptr;
  std::atomic<uint64_t> created{0};
  std::atomic<size_t> live{0};
};

} // namespace hostjit
} // namespace ag
} // namespace mlir

#endif // AG_BACKENDS_CPU_HOSTJIT_H

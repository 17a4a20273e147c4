//===- HostJit.cpp - The process's code generator and ORC JIT -------------===//
//
// Two details matter for the speed of the code: the TargetMachine is built from the
// detected host (the default does not enable AVX-512), and the same machine is handed
// to the IR optimiser, whose vectoriser otherwise assumes a target without vector
// registers.
//
// Code is linked by RuntimeDyld with a SectionMemoryManager per object, as
// mlir::ExecutionEngine links it: removing a JITDylib hands its memory managers back
// (RTDyldObjectLinkingLayer is the JITDylibs' resource manager), which unmap the code.
//
//===----------------------------------------------------------------------===//

#include "HostJit.h"

#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h"
#include "llvm/ExecutionEngine/SectionMemoryManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <mutex>

using namespace mlir::ag::hostjit;

namespace {

/// LLVM's loop unroller at O3 fully unrolls loops of constant trip count whose bodies
/// look small -- for an elementwise op on a 16x120 array, 192 vector stores in one
/// block, which the machine scheduler then takes seconds over (quadratic in a block's
/// size): np.maximum(x, 0) compiled in 3 s, LeNet-5 in 3.5. Full unrolling is capped
/// at 8 copies (partial and runtime unrolling stay); a tool that sets the option on
/// its command line (ag-run) keeps its value.
void capFullUnrolling() {
  auto &options = llvm::cl::getRegisteredOptions();
  auto it = options.find("unroll-full-max-count");
  if (it != options.end() && it->second->getNumOccurrences() == 0)
    (void)it->second->addOccurrence(0, "unroll-full-max-count", "8");
}

/// MLIR's runner utilities, for what its lowerings may call besides `memrefCopy` (the
/// ABI symbols define that one first: backends/cpu/MemrefCopy.cpp). The versioned file is Debian's runtime package's (libmlir-19); the
/// unversioned name is a symlink only libmlir-19-dev has, which an installed ag (the
/// .deb) must not need.
const std::string &runnerUtilsPath() {
  static const std::string path = [] {
    std::string unversioned = std::string(AG_MLIR_LIB_DIR) + "/libmlir_c_runner_utils.so";
    std::string versioned = unversioned + "." AG_LLVM_MAJOR_MINOR;
    return llvm::sys::fs::exists(versioned) ? versioned : unversioned;
  }();
  return path;
}

llvm::OptimizationLevel passLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return llvm::OptimizationLevel::O0;
  case 1:
    return llvm::OptimizationLevel::O1;
  case 2:
    return llvm::OptimizationLevel::O2;
  default:
    return llvm::OptimizationLevel::O3;
  }
}

/// The LLJIT's own IR compile layer is never used (modules arrive as object code):
/// this stands in for the TargetMachine it would otherwise create.
class NoIRCompiler : public llvm::orc::IRCompileLayer::IRCompiler {
public:
  NoIRCompiler() : IRCompiler(llvm::orc::IRSymbolMapper::ManglingOptions()) {}
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module &) override {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "ag's JIT links object code only");
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Host target
//===----------------------------------------------------------------------===//

void mlir::ag::hostjit::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    capFullUnrolling();
  });
}

const std::string &mlir::ag::hostjit::hostFeatures() {
  static const std::string joined = [] {
    std::string s;
    for (auto &f : llvm::sys::getHostCPUFeatures()) {
      if (!s.empty())
        s += ",";
      s += (f.second ? "+" : "-") + f.first().str();
    }
    return s;
  }();
  return joined;
}

llvm::Expected<llvm::orc::JITTargetMachineBuilder>
mlir::ag::hostjit::hostMachineBuilder(unsigned optLevel) {
  static const std::string cpu = llvm::sys::getHostCPUName().str();
  llvm::orc::JITTargetMachineBuilder builder{llvm::Triple(llvm::sys::getProcessTriple())};
  builder.setCPU(cpu);
  llvm::SubtargetFeatures features;
  features.addFeaturesVector(llvm::SubtargetFeatures(hostFeatures()).getFeatures());
  builder.setFeatures(features.getString());
  // Position-independent code: the persistent cache's object code is also linked into a
  // shared object (frontend/ag/_shared.py), which cannot hold absolute 32-bit
  // relocations of the default static model. (JITTargetMachineBuilder makes machines
  // for a JIT: the large code model, so that RuntimeDyld may place sections anywhere.)
  builder.setRelocationModel(llvm::Reloc::PIC_);
  builder.setCodeGenOptLevel(optLevel >= 3   ? llvm::CodeGenOptLevel::Aggressive
                             : optLevel == 0 ? llvm::CodeGenOptLevel::None
                                             : llvm::CodeGenOptLevel::Default);
  return builder;
}

//===----------------------------------------------------------------------===//
// CodeGen
//===----------------------------------------------------------------------===//

/// One level's machine and pass builder. The pipeline itself is built for each
/// module: LLVM's passes are not all reusable (ModuleInlinerWrapperPass moves its
/// nested pass manager out when it runs), and building it takes microseconds.
struct mlir::ag::hostjit::Toolchain {
  unsigned optLevel;
  std::unique_ptr<llvm::TargetMachine> machine;
  std::unique_ptr<llvm::PassBuilder> builder;
};

namespace {

/// Idle toolchains per optimisation level. A TargetMachine remembers state of the
/// last code generation (FastISel is switched on by an O0 run and not off again), so
/// each level has its own.
struct ToolchainPool {
  std::mutex mutex;
  std::vector<std::unique_ptr<Toolchain>> idle[4];
};

ToolchainPool &pool() {
  static ToolchainPool *p = new ToolchainPool(); // outlives compiles during exit
  return *p;
}

llvm::Expected<std::unique_ptr<Toolchain>> makeToolchain(unsigned optLevel) {
  auto builder = hostMachineBuilder(optLevel);
  if (!builder)
    return builder.takeError();
  auto machine = builder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  auto t = std::make_unique<Toolchain>();
  t->machine = std::move(*machine);
  // MLIR's makeOptimizingTransformer's tuning: every loop transformation on.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = true;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  t->builder = std::make_unique<llvm::PassBuilder>(t->machine.get(), tuning);
  t->optLevel = optLevel;
  return t;
}

} // namespace

mlir::ag::hostjit::CodeGen::CodeGen(unsigned optLevel, std::unique_ptr<Toolchain> toolchain)
    : level(optLevel), toolchain(std::move(toolchain)) {}

mlir::ag::hostjit::CodeGen::CodeGen(CodeGen &&other) noexcept
    : level(other.level), toolchain(std::move(other.toolchain)) {}

mlir::ag::hostjit::CodeGen::~CodeGen() {
  if (!toolchain)
    return;
  ToolchainPool &p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.idle[level].push_back(std::move(toolchain));
}

llvm::Expected<CodeGen> mlir::ag::hostjit::CodeGen::lease(unsigned optLevel) {
  initializeNativeTarget();
  optLevel = std::min(optLevel, 3u);
  {
    ToolchainPool &p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    auto &idle = p.idle[optLevel];
    if (!idle.empty()) {
      std::unique_ptr<Toolchain> t = std::move(idle.back());
      idle.pop_back();
      return CodeGen(optLevel, std::move(t));
    }
  }
  auto t = makeToolchain(optLevel);
  if (!t)
    return t.takeError();
  return CodeGen(optLevel, std::move(*t));
}

llvm::TargetMachine &mlir::ag::hostjit::CodeGen::targetMachine() { return *toolchain->machine; }

void mlir::ag::hostjit::CodeGen::optimize(llvm::Module &module) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder &builder = *toolchain->builder;
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::ModulePassManager pipeline =
      builder.buildPerModuleDefaultPipeline(passLevel(toolchain->optLevel));
  pipeline.run(module, modules);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
mlir::ag::hostjit::CodeGen::emitObject(llvm::Module &module) {
  llvm::orc::SimpleCompiler compile(*toolchain->machine);
  return compile(module);
}

//===----------------------------------------------------------------------===//
// HostJit
//===----------------------------------------------------------------------===//

llvm::Expected<HostJit *> HostJit::get() {
  static std::once_flag once;
  static HostJit *instance = nullptr; // never destroyed (see the header)
  static std::string failure;
  std::call_once(once, [] {
    initializeNativeTarget();
    auto *jit = new HostJit();
    if (llvm::Error err = jit->initialize()) {
      failure = llvm::toString(std::move(err));
      return;
    }
    instance = jit;
  });
  if (!instance)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the JIT could not be created: " + failure);
  return instance;
}

llvm::Error HostJit::initialize() {
  auto builder = hostMachineBuilder(3);
  if (!builder)
    return builder.takeError();
  auto layout = builder->getDefaultDataLayoutForTarget();
  if (!layout)
    return layout.takeError();
  auto created =
      llvm::orc::LLJITBuilder()
          .setJITTargetMachineBuilder(std::move(*builder))
          .setDataLayout(*layout)
          .setCompileFunctionCreator([](llvm::orc::JITTargetMachineBuilder)
                                         -> llvm::Expected<std::unique_ptr<
                                             llvm::orc::IRCompileLayer::IRCompiler>> {
            return std::make_unique<NoIRCompiler>();
          })
          .setObjectLinkingLayerCreator(
              [](llvm::orc::ExecutionSession &session, const llvm::Triple &)
                  -> llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>> {
                return std::make_unique<llvm::orc::RTDyldObjectLinkingLayer>(
                    session, [] { return std::make_unique<llvm::SectionMemoryManager>(); });
              })
          // No initialisers run (the code has none), and the process's symbols are
          // in the runtime JITDylib below.
          .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
          .setLinkProcessSymbolsByDefault(false)
          .create();
  if (!created)
    return created.takeError();
  jit = std::move(*created);

  llvm::orc::ExecutionSession &session = jit->getExecutionSession();
  runtime = &session.createBareJITDylib("ag-runtime");
  llvm::orc::MangleAndInterner interner(session, *layout);
  if (llvm::Error err = runtime->define(llvm::orc::absoluteSymbols(abiSymbols(interner))))
    return err;
  char prefix = layout->getGlobalPrefix();
  auto runnerUtils =
      llvm::orc::DynamicLibrarySearchGenerator::Load(runnerUtilsPath().c_str(), prefix);
  if (!runnerUtils)
    return runnerUtils.takeError();
  runtime->addGenerator(std::move(*runnerUtils));
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix);
  if (!process)
    return process.takeError();
  runtime->addGenerator(std::move(*process));
  return llvm::Error::success();
}

llvm::Expected<llvm::orc::JITDylib *>
HostJit::createDylib(const std::vector<std::pair<std::string, void *>> &extraSymbols) {
  llvm::orc::ExecutionSession &session = jit->getExecutionSession();
  // Names are never reused, so that a lookup by name never finds a removed dylib's
  // successor.
  llvm::orc::JITDylib &dylib =
      session.createBareJITDylib(llvm::formatv("ag-code-{0}", created++).str());
  ++live;
  if (!extraSymbols.empty()) {
    llvm::orc::SymbolMap map;
    for (auto &[name, address] : extraSymbols)
      map[jit->mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                         llvm::JITSymbolFlags::Exported};
    if (llvm::Error err = dylib.define(llvm::orc::absoluteSymbols(std::move(map)))) {
      removeDylib(dylib);
      return std::move(err);
    }
  }
  dylib.addToLinkOrder(*runtime);
  return &dylib;
}

llvm::Error HostJit::addObject(llvm::orc::JITDylib &dylib,
                               std::unique_ptr<llvm::MemoryBuffer> object) {
  return jit->addObjectFile(dylib, std::move(object));
}

llvm::Expected<void *> HostJit::lookup(llvm::orc::JITDylib &dylib, llvm::StringRef name) {
  auto address = jit->lookup(dylib, name);
  if (!address) {
    // The error may refer to strings of the session's pool: keep only its text.
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::toString(address.takeError()));
  }
  return address->toPtr<void *>();
}

void HostJit::removeDylib(llvm::orc::JITDylib &dylib) {
  // An error here means a resource manager failed to free something: nothing the
  // owner of the code can act on, and the dylib is gone from the session either way.
  llvm::consumeError(jit->getExecutionSession().removeJITDylib(dylib));
  --live;
}

size_t HostJit::liveDylibs() const { return live.load(); }

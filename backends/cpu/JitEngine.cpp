//===- JitEngine.cpp - ORC JIT for LLVM-dialect modules -------------------===//
//
// Wraps mlir::ExecutionEngine. Two details matter for speed: the TargetMachine is built
// from the detected host (the default does not enable AVX-512), and the same machine is
// handed to the IR optimiser, whose vectoriser otherwise assumes a target without vector
// registers. Every function also gets the host's target-cpu/target-features attributes.
//
// load() is the persistent cache's path: object code a create() produced earlier (in
// this process or another on the same CPU) is linked by ORC as create()'s own code
// would be -- RuntimeDyld, the ABI symbols, the runner utilities -- skipping MLIR's
// translation, LLVM's optimiser and its code generator.
//
//===----------------------------------------------------------------------===//

#include "ag/Backends/Cpu/JitEngine.h"

#include "ag/Abi/ag_abi.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h"
#include "llvm/ExecutionEngine/SectionMemoryManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Host.h"

#include <chrono>
#include <mutex>

using namespace mlir;
using namespace mlir::ag;

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

void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    capFullUnrolling();
  });
}

std::string hostFeatures() {
  std::string joined;
  for (auto &f : llvm::sys::getHostCPUFeatures()) {
    if (!joined.empty())
      joined += ",";
    joined += (f.second ? "+" : "-") + f.first().str();
  }
  return joined;
}

llvm::Expected<llvm::orc::JITTargetMachineBuilder> hostMachineBuilder(unsigned optLevel) {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCPU(llvm::sys::getHostCPUName().str());
  llvm::SubtargetFeatures features;
  features.addFeaturesVector(llvm::SubtargetFeatures(hostFeatures()).getFeatures());
  builder->setFeatures(features.getString());
  // Position-independent code: the persistent cache's object code is also linked into a
  // shared object (frontend/ag/_persist.py), which cannot hold absolute 32-bit
  // relocations of the default static model.
  builder->setRelocationModel(llvm::Reloc::PIC_);
  builder->setCodeGenOptLevel(optLevel >= 3   ? llvm::CodeGenOptLevel::Aggressive
                              : optLevel == 0 ? llvm::CodeGenOptLevel::None
                                              : llvm::CodeGenOptLevel::Default);
  return builder;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> hostTargetMachine(unsigned optLevel) {
  auto builder = hostMachineBuilder(optLevel);
  if (!builder)
    return builder.takeError();
  return builder->createTargetMachine();
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// memref.copy of strided views lowers to a call of `memrefCopy` from MLIR's runner
/// utilities. The versioned file is Debian's runtime package's (libmlir-19); the
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

llvm::orc::SymbolMap extraSymbolMap(llvm::orc::MangleAndInterner interner,
                                    const JitOptions &options) {
  llvm::orc::SymbolMap map;
  for (auto &[name, address] : options.extraSymbols)
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                           llvm::JITSymbolFlags::Exported};
  return map;
}

/// The ABI symbols compiled code may call (ag_abi.h).
llvm::orc::SymbolMap abiSymbols(llvm::orc::MangleAndInterner interner) {
  llvm::orc::SymbolMap map;
  auto add = [&](const char *name, void *fn) {
    map[interner(std::string(AG_ABI_CIFACE_PREFIX) + name)] = {
        llvm::orc::ExecutorAddr::fromPtr(fn), llvm::JITSymbolFlags::Exported};
  };
  add(AG_ABI_MATMUL_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_matmul_f32));
  add(AG_ABI_BATCH_MATMUL_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_batch_matmul_f32));
  add(AG_ABI_CONV2D_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_conv2d_f32));
  add(AG_ABI_MATMUL_POST_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_matmul_post_f32));
  add(AG_ABI_CONV2D_POST_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_conv2d_post_f32));
  add(AG_ABI_BLAS_MATMUL_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matmul_f64));
  add(AG_ABI_BLAS_BATCH_MATMUL_F64,
      reinterpret_cast<void *>(&_mlir_ciface_ag_blas_batch_matmul_f64));
  add(AG_ABI_BLAS_MATVEC_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matvec_f64));
  add(AG_ABI_BLAS_VECMAT_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_vecmat_f64));
  add(AG_ABI_BLAS_MATMUL_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matmul_f32));
  add(AG_ABI_BLAS_BATCH_MATMUL_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_blas_batch_matmul_f32));
  add(AG_ABI_BLAS_MATVEC_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matvec_f32));
  add(AG_ABI_BLAS_VECMAT_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_vecmat_f32));
  // Sorting kernels (SortKernels.cpp), one pair per dtype.
#define AG_ADD_SORT(SUFFIX)                                                             \
  add(AG_ABI_SORT_PREFIX #SUFFIX, reinterpret_cast<void *>(&_mlir_ciface_ag_sort_##SUFFIX)); \
  add(AG_ABI_ARGSORT_PREFIX #SUFFIX,                                                    \
      reinterpret_cast<void *>(&_mlir_ciface_ag_argsort_##SUFFIX));                     \
  add(AG_ABI_PARTITION_PREFIX #SUFFIX,                                                  \
      reinterpret_cast<void *>(&_mlir_ciface_ag_partition_##SUFFIX));                   \
  add(AG_ABI_ARGPARTITION_PREFIX #SUFFIX,                                               \
      reinterpret_cast<void *>(&_mlir_ciface_ag_argpartition_##SUFFIX));                \
  add(AG_ABI_SEARCHSORTED_PREFIX #SUFFIX,                                               \
      reinterpret_cast<void *>(&_mlir_ciface_ag_searchsorted_##SUFFIX));                \
  add(AG_ABI_SEARCHSORTED_SORTER_PREFIX #SUFFIX,                                        \
      reinterpret_cast<void *>(&_mlir_ciface_ag_searchsorted_sorter_##SUFFIX));
  AG_ADD_SORT(f32)
  AG_ADD_SORT(f64)
  AG_ADD_SORT(i32)
  AG_ADD_SORT(i64)
  AG_ADD_SORT(i1)
#undef AG_ADD_SORT
  // LAPACK kernels (backends/lapack), one per ag.lapack routine.
#define AG_ADD_LAPACK(NAME)                                                             \
  add(AG_ABI_LAPACK_PREFIX #NAME, reinterpret_cast<void *>(&_mlir_ciface_ag_lapack_##NAME));
  AG_ADD_LAPACK(solve)
  AG_ADD_LAPACK(inv)
  AG_ADD_LAPACK(slogdet)
  AG_ADD_LAPACK(cholesky)
  AG_ADD_LAPACK(eigh_l)
  AG_ADD_LAPACK(eigh_u)
  AG_ADD_LAPACK(eigvalsh_l)
  AG_ADD_LAPACK(eigvalsh_u)
  AG_ADD_LAPACK(svd_full)
  AG_ADD_LAPACK(svd_reduced)
  AG_ADD_LAPACK(svd_values)
  AG_ADD_LAPACK(qr_reduced)
  AG_ADD_LAPACK(qr_complete)
  AG_ADD_LAPACK(qr_r)
  AG_ADD_LAPACK(lstsq)
#undef AG_ADD_LAPACK
  // Allocation functions are called by their plain C names (no ciface wrapper).
  auto addPlain = [&](const char *name, void *fn) {
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                           llvm::JITSymbolFlags::Exported};
  };
  addPlain(AG_ABI_ALLOC, reinterpret_cast<void *>(&ag_rt_alloc));
  addPlain(AG_ABI_ALIGNED_ALLOC, reinterpret_cast<void *>(&ag_rt_aligned_alloc));
  addPlain(AG_ABI_FREE, reinterpret_cast<void *>(&ag_rt_free));
  // Strided copies: ours, not the runner utilities' (MemrefCopy.cpp says why).
  addPlain(AG_ABI_MEMREF_COPY, reinterpret_cast<void *>(&memrefCopy));
  // Loops split across threads (ag-parallel-loops) call it by its plain name too.
  addPlain(AG_ABI_PARALLEL_FOR, reinterpret_cast<void *>(&ag_rt_parallel_for));
  return map;
}

} // namespace

JitEngine::~JitEngine() = default;

std::string JitEngine::hostDescription() {
  initializeNativeTarget();
  return llvm::sys::getProcessTriple() + " " + llvm::sys::getHostCPUName().str();
}

const std::string &JitEngine::hostTarget() {
  static const std::string target = llvm::sys::getProcessTriple() + " " +
                                    llvm::sys::getHostCPUName().str() + " " + hostFeatures();
  return target;
}

llvm::Expected<std::unique_ptr<JitEngine>> JitEngine::create(ModuleOp module,
                                                             const JitOptions &options) {
  initializeNativeTarget();
  auto tm = hostTargetMachine(options.optLevel);
  if (!tm)
    return tm.takeError();
  std::unique_ptr<JitEngine> jit(new JitEngine());

  std::string cpu = (*tm)->getTargetCPU().str();
  std::string features = (*tm)->getTargetFeatureString().str();
  // ExecutionEngineOptions holds function_refs: these must outlive create().
  std::function<llvm::Error(llvm::Module *)> optimize =
      makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0, tm->get());
  std::function<llvm::Error(llvm::Module *)> transformer =
      [&](llvm::Module *m) -> llvm::Error {
    auto start = std::chrono::steady_clock::now();
    // The allocation functions are not known library calls (as malloc is): say that
    // their buffers alias nothing else, or loops would be versioned for aliasing (and
    // accumulators kept in memory).
    for (const char *name : {AG_ABI_ALLOC, AG_ABI_ALIGNED_ALLOC})
      if (llvm::Function *alloc = m->getFunction(name))
        alloc->addRetAttr(llvm::Attribute::NoAlias);
    for (llvm::Function &f : *m) {
      if (f.isDeclaration())
        continue;
      f.addFnAttr("target-cpu", cpu);
      f.addFnAttr("target-features", features);
    }
    if (llvm::Error err = optimize(m))
      return err;
    jit->times.optimize = secondsSince(start);
    if (options.keepOptimizedIR) {
      llvm::raw_string_ostream os(jit->optimizedIRText);
      m->print(os, nullptr);
    }
    return llvm::Error::success();
  };
  llvm::StringRef libs[] = {runnerUtilsPath()};

  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = (*tm)->getOptLevel();
  engineOptions.sharedLibPaths = libs;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  engineOptions.enableObjectDump = options.keepObject;
  auto start = std::chrono::steady_clock::now();
  auto engine = ExecutionEngine::create(module, engineOptions, std::move(*tm));
  if (!engine)
    return engine.takeError();
  jit->times.translate = std::max(0.0, secondsSince(start) - jit->times.optimize);
  jit->engine = std::move(*engine);
  jit->engine->registerSymbols(abiSymbols);
  if (!options.extraSymbols.empty())
    jit->engine->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
      return extraSymbolMap(interner, options);
    });
  return jit;
}

llvm::Expected<std::unique_ptr<JitEngine>> JitEngine::load(llvm::StringRef object,
                                                           const JitOptions &options) {
  initializeNativeTarget();
  auto builder = hostMachineBuilder(options.optLevel);
  if (!builder)
    return builder.takeError();
  auto layout = builder->getDefaultDataLayoutForTarget();
  if (!layout)
    return layout.takeError();
  // The object layer ExecutionEngine::create uses, so the code links as it would have.
  auto linker =
      llvm::orc::LLJITBuilder()
          .setJITTargetMachineBuilder(std::move(*builder))
          .setObjectLinkingLayerCreator(
              [](llvm::orc::ExecutionSession &session, const llvm::Triple &)
                  -> llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>> {
                return std::make_unique<llvm::orc::RTDyldObjectLinkingLayer>(
                    session, [] { return std::make_unique<llvm::SectionMemoryManager>(); });
              })
          .create();
  if (!linker)
    return linker.takeError();
  llvm::orc::JITDylib &main = (*linker)->getMainJITDylib();
  char prefix = layout->getGlobalPrefix();
  auto runnerUtils =
      llvm::orc::DynamicLibrarySearchGenerator::Load(runnerUtilsPath().c_str(), prefix);
  if (!runnerUtils)
    return runnerUtils.takeError();
  main.addGenerator(std::move(*runnerUtils));
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix);
  if (!process)
    return process.takeError();
  main.addGenerator(std::move(*process));
  llvm::orc::MangleAndInterner interner((*linker)->getExecutionSession(), *layout);
  if (llvm::Error err = main.define(llvm::orc::absoluteSymbols(abiSymbols(interner))))
    return std::move(err);
  if (!options.extraSymbols.empty())
    if (llvm::Error err =
            main.define(llvm::orc::absoluteSymbols(extraSymbolMap(interner, options))))
      return std::move(err);
  if (llvm::Error err = (*linker)->addObjectFile(
          llvm::MemoryBuffer::getMemBufferCopy(object, "ag-cached-object")))
    return std::move(err);
  std::unique_ptr<JitEngine> jit(new JitEngine());
  jit->linker = std::move(*linker);
  return jit;
}

llvm::Expected<JitEngine::PackedFn> JitEngine::lookupPacked(llvm::StringRef name) const {
  if (engine)
    return engine->lookupPacked(name);
  // ExecutionEngine's name for the packed wrapper it generates of each function.
  auto address = linker->lookup(("_mlir_" + name).str());
  if (!address)
    return address.takeError();
  return address->toPtr<PackedFn>();
}

llvm::Expected<std::string> JitEngine::objectCode() {
  if (!engine)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no object code: the engine was not compiled from IR");
  // ExecutionEngine hands its object only to a file.
  llvm::SmallString<128> path;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("ag-object", "o", path))
    return llvm::errorCodeToError(ec);
  engine->dumpToObjectFile(path);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  llvm::sys::fs::remove(path);
  if (!buffer)
    return llvm::errorCodeToError(buffer.getError());
  return (*buffer)->getBuffer().str();
}

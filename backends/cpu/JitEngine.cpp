//===- JitEngine.cpp - ORC JIT for LLVM-dialect modules -------------------===//
//
// create(): MLIR's translation to LLVM IR, the packed wrappers mlir::ExecutionEngine
// would add (so the calling convention, and the object code's symbols that the trace
// records' shared objects are looked up by, stay its), the process's pass builder and
// TargetMachine of the level (HostJit.h), and the object code linked into a JITDylib of
// the process's JIT. Every function also gets the host's target-cpu/target-features
// attributes.
//
// load() is the persistent cache's path: object code a create() produced earlier (in
// this process or another on the same CPU) is linked as create()'s own is, skipping
// MLIR's translation, LLVM's optimiser and its code generator.
//
// createFromBitcode() is tiered compilation's second tier: the translated module a
// create() kept as bitcode, compiled again at another level in an LLVMContext of its
// own -- no MLIR, so on any thread, while the first tier's code runs.
//
//===----------------------------------------------------------------------===//

#include "ag/Backends/Cpu/JitEngine.h"
#include "HostJit.h"

#include "ag/Abi/ag_abi.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <chrono>

using namespace mlir;
using namespace mlir::ag;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// ExecutionEngine's name for the packed wrapper of function `name`.
std::string packedName(llvm::StringRef name) { return ("_mlir_" + name).str(); }

/// For every function `f` the module defines and exports, `void _mlir_f(void **args)`:
/// loads f's arguments through args[0..n-1], calls f and stores its result through
/// args[n] -- mlir::ExecutionEngine's packFunctionArguments, except that functions of
/// local linkage (the private functions of the func dialect) get none, so that the
/// optimiser may drop them once inlined.
void packFunctionArguments(llvm::Module &module) {
  llvm::LLVMContext &ctx = module.getContext();
  llvm::IRBuilder<> builder(ctx);
  llvm::DenseSet<llvm::Function *> wrappers;
  std::vector<llvm::Function *> functions;
  for (llvm::Function &f : module)
    if (!f.isDeclaration() && !f.hasLocalLinkage())
      functions.push_back(&f);
  for (llvm::Function *f : functions) {
    auto *type = llvm::FunctionType::get(builder.getVoidTy(), builder.getPtrTy(),
                                         /*isVarArg=*/false);
    auto callee = module.getOrInsertFunction(packedName(f->getName()), type);
    auto *wrapper = llvm::cast<llvm::Function>(callee.getCallee());
    if (!wrappers.insert(wrapper).second || !wrapper->isDeclaration())
      continue;
    builder.SetInsertPoint(llvm::BasicBlock::Create(ctx, "", wrapper));
    llvm::Value *argList = wrapper->arg_begin();
    llvm::SmallVector<llvm::Value *, 8> args;
    for (auto [index, arg] : llvm::enumerate(f->args())) {
      llvm::Value *slot = builder.CreateGEP(builder.getPtrTy(), argList,
                                            builder.getInt64(index));
      llvm::Value *pointer = builder.CreateLoad(builder.getPtrTy(), slot);
      args.push_back(builder.CreateLoad(arg.getType(), pointer));
    }
    llvm::Value *result = builder.CreateCall(f, args);
    if (!result->getType()->isVoidTy()) {
      llvm::Value *slot = builder.CreateGEP(builder.getPtrTy(), argList,
                                            builder.getInt64(f->arg_size()));
      builder.CreateStore(result, builder.CreateLoad(builder.getPtrTy(), slot));
    }
    builder.CreateRetVoid();
  }
}

/// Links `object` into a new JITDylib of the process's JIT.
llvm::Expected<llvm::orc::JITDylib *> link(std::unique_ptr<llvm::MemoryBuffer> object,
                                           const JitOptions &options) {
  auto jit = hostjit::HostJit::get();
  if (!jit)
    return jit.takeError();
  auto dylib = (*jit)->createDylib(options.extraSymbols);
  if (!dylib)
    return dylib.takeError();
  if (llvm::Error err = (*jit)->addObject(**dylib, std::move(object))) {
    (*jit)->removeDylib(**dylib);
    return std::move(err);
  }
  return *dylib;
}

} // namespace

JitEngine::~JitEngine() {
  if (!dylib)
    return;
  // (get() cannot fail once a dylib exists.)
  if (auto jit = hostjit::HostJit::get())
    (*jit)->removeDylib(*dylib);
  else
    llvm::consumeError(jit.takeError());
}

size_t JitEngine::liveEngines() {
  auto jit = hostjit::HostJit::get();
  if (!jit) {
    llvm::consumeError(jit.takeError());
    return 0;
  }
  return (*jit)->liveDylibs();
}

std::string JitEngine::hostDescription() {
  hostjit::initializeNativeTarget();
  return llvm::sys::getProcessTriple() + " " + llvm::sys::getHostCPUName().str();
}

const std::string &JitEngine::hostTarget() {
  static const std::string target = llvm::sys::getProcessTriple() + " " +
                                    llvm::sys::getHostCPUName().str() + " " +
                                    hostjit::hostFeatures();
  return target;
}

llvm::Expected<std::unique_ptr<JitEngine>> JitEngine::create(ModuleOp module,
                                                             const JitOptions &options) {
  auto codegen = hostjit::CodeGen::lease(options.optLevel);
  if (!codegen)
    return codegen.takeError();
  llvm::TargetMachine &tm = codegen->targetMachine();
  std::unique_ptr<JitEngine> jit(new JitEngine());

  auto start = std::chrono::steady_clock::now();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> m = translateModuleToLLVMIR(module, context);
  if (!m)
    return makeError("could not translate the module to LLVM IR");
  m->setDataLayout(tm.createDataLayout());
  m->setTargetTriple(tm.getTargetTriple().str());
  packFunctionArguments(*m);
  if (options.keepBitcode) {
    llvm::raw_string_ostream os(jit->bitcodeText);
    llvm::WriteBitcodeToFile(*m, os);
  }
  jit->times.translate = secondsSince(start);
  if (auto err = jit->compileModule(*m, *codegen, options))
    return std::move(err);
  return jit;
}

llvm::Expected<std::unique_ptr<JitEngine>>
JitEngine::createFromBitcode(llvm::StringRef bitcode, const JitOptions &options) {
  auto codegen = hostjit::CodeGen::lease(options.optLevel);
  if (!codegen)
    return codegen.takeError();
  std::unique_ptr<JitEngine> jit(new JitEngine());
  auto start = std::chrono::steady_clock::now();
  llvm::LLVMContext context;
  auto m = llvm::parseBitcodeFile(llvm::MemoryBufferRef(bitcode, "ag-module"), context);
  if (!m)
    return m.takeError();
  jit->times.translate = secondsSince(start);
  if (auto err = jit->compileModule(**m, *codegen, options))
    return std::move(err);
  return jit;
}

llvm::Error JitEngine::compileModule(llvm::Module &module, hostjit::CodeGen &codegen,
                                     const JitOptions &options) {
  llvm::TargetMachine &tm = codegen.targetMachine();
  auto start = std::chrono::steady_clock::now();
  // The allocation functions are not known library calls (as malloc is): say that
  // their buffers alias nothing else, or loops would be versioned for aliasing (and
  // accumulators kept in memory).
  for (const char *name : {AG_ABI_ALLOC, AG_ABI_ALIGNED_ALLOC})
    if (llvm::Function *alloc = module.getFunction(name))
      alloc->addRetAttr(llvm::Attribute::NoAlias);
  std::string cpu = tm.getTargetCPU().str();
  std::string features = tm.getTargetFeatureString().str();
  for (llvm::Function &f : module) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", cpu);
    f.addFnAttr("target-features", features);
  }
  codegen.optimize(module);
  times.optimize = secondsSince(start);
  if (options.keepOptimizedIR) {
    llvm::raw_string_ostream os(optimizedIRText);
    module.print(os, nullptr);
  }

  start = std::chrono::steady_clock::now();
  auto emitted = codegen.emitObject(module);
  if (!emitted)
    return emitted.takeError();
  times.codegen = secondsSince(start);
  compiled = true;
  if (options.keepObject)
    object = (*emitted)->getBuffer().str();

  start = std::chrono::steady_clock::now();
  auto linked = link(std::move(*emitted), options);
  if (!linked)
    return linked.takeError();
  dylib = *linked;
  times.link = secondsSince(start);
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<JitEngine>> JitEngine::load(llvm::StringRef object,
                                                           const JitOptions &options) {
  auto dylib =
      link(llvm::MemoryBuffer::getMemBufferCopy(object, "ag-cached-object"), options);
  if (!dylib)
    return dylib.takeError();
  std::unique_ptr<JitEngine> jit(new JitEngine());
  jit->dylib = *dylib;
  return jit;
}

llvm::Expected<JitEngine::PackedFn> JitEngine::lookupPacked(llvm::StringRef name) const {
  auto jit = hostjit::HostJit::get();
  if (!jit)
    return jit.takeError();
  auto address = (*jit)->lookup(*dylib, packedName(name));
  if (!address)
    return address.takeError();
  return reinterpret_cast<PackedFn>(*address);
}

llvm::Expected<std::string> JitEngine::objectCode() {
  if (!compiled)
    return makeError("no object code: the engine was not compiled from IR");
  return std::move(object);
}

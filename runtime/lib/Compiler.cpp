//===- Compiler.cpp - ag module -> callable native code -------------------===//
//
// Calls go through ExecutionEngine's packed convention (PackedCall.h); result buffers
// are owned by the returned HostArrays.
//
//===----------------------------------------------------------------------===//

#include "ag/Runtime/Compiler.h"
#include "ag/Runtime/DTypeMlir.h"

#include "ag/Abi/ag_abi.h"
#include "ag/Backends/Cpu/JitEngine.h"
#include "ag/IR/AgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::ag;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string printOp(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  op->print(os);
  return s;
}

std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  return s + (shape.size() == 1 ? ",)" : ")");
}

} // namespace

char OutOfMemoryError::ID = 0;

void OutOfMemoryError::log(llvm::raw_ostream &os) const {
  os << "compiled code could not allocate " << bytes << " bytes";
}

std::error_code OutOfMemoryError::convertToErrorCode() const {
  return std::make_error_code(std::errc::not_enough_memory);
}

CompiledModule::~CompiledModule() = default;

const std::string &CompiledModule::optimizedLLVMIR() const { return jit->optimizedIR(); }

const FunctionInfo *CompiledModule::lookup(llvm::StringRef name) const {
  auto it = functions.find(name);
  return it == functions.end() ? nullptr : &it->getValue();
}

double CompiledModule::estimateLLVMSeconds(size_t numOps, unsigned optLevel) {
  // Seconds per LLVM-dialect op of translation, optimisation and code generation,
  // measured over the bench's 13 workloads (AG_LOG=compile stage times against the
  // module's op count) on a loaded 2-core machine of this class: 80-680 us/op at O3,
  // 60-380 at O1, 10-80 at O0; these are the lower medians. O1 is hardly cheaper than
  // O3 on these modules (code generation at its Default level dominates); O0 (fast
  // instruction selection, no IR passes) is 4-5x cheaper.
  static const double perOp[] = {35e-6, 150e-6, 160e-6, 180e-6};
  return numOps * perOp[std::min(optLevel, 3u)];
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Tiered compilation (CompileOptions::tiered). A module is compiled at O0 first when
// that saves time on the first call: the LLVM time it saves (estimateLLVMSeconds at
// the level and at O0) is over kTierSeconds and over twice what running O0 code costs
// more, kO0SecondsPerElement per element its ops produce (estimateWork). O0 code (no
// vectorisation, values kept in memory) ran the bench's workloads 1-40x slower than O3
// (conv_direct, lenet5: 15-40x; BLAS- and LAPACK-bound ones: 1x), 1-3 ns more per
// element an op produces on this machine class; its compile took a fifth to a half
// of O3's. A size or a trip count unknown while compiling (a staged while, a range of a
// staged bound, a dynamic dim) makes the work unknown: one tier. Such a call may run
// for long, and a call that entered O0 code stays in it to the end.
constexpr double kTierSeconds = 0.03;
constexpr double kO0SecondsPerElement = 3e-9;
constexpr double kUnknown = std::numeric_limits<double>::infinity();

double elementsOf(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return 0;
  double n = 1;
  for (int64_t d : tensor.getShape())
    n *= ShapedType::isDynamic(d) ? kUnknown : double(d);
  return n;
}

/// The integer `value` holds when it is a constant: an index constant, or (what the
/// tracer records for loop bounds) an element of an ag.constant, cast to an index.
std::optional<int64_t> constantInt(Value value) {
  if (auto known = getConstantIntValue(value))
    return known;
  if (auto cast = value.getDefiningOp<arith::IndexCastOp>())
    return constantInt(cast.getIn());
  if (auto extract = value.getDefiningOp<tensor::ExtractOp>()) {
    DenseIntElementsAttr dense;
    auto source = extract.getTensor().getDefiningOp<ag::ConstantOp>();
    if (source && (dense = dyn_cast<DenseIntElementsAttr>(source.getValue())) &&
        dense.isSplat())
      return dense.getSplatValue<APInt>().getSExtValue();
  }
  return std::nullopt;
}

/// The elements the ops of `module` (ag dialect) produce -- of an op writing into a
/// tensor, the elements it writes; of a reduction, the elements it reads -- each op's
/// times the trip counts of the loops around it: what running first-tier code would
/// cost.
double estimateWork(ModuleOp module) {
  double total = 0;
  module.walk([&](Operation *op) {
    double elements = 0;
    if (isa<ag::SumOp, ag::ProdOp, ag::MaxOp, ag::MinOp, ag::MeanOp, ag::AllOp, ag::AnyOp,
            ag::ArgMaxOp, ag::ArgMinOp>(op)) {
      // (Its result may be one element: the loop over the operand is the work.)
      elements = elementsOf(op->getOperand(0).getType());
    } else if (isa<ag::InsertSliceOp, ag::InsertWindowOp, ag::DynamicUpdateOp,
                   ag::ScatterOp>(op)) {
      // (Bufferized in place: the smallest operand of rank > 0 is what is written.)
      for (Type type : op->getOperandTypes())
        if (auto tensor = dyn_cast<RankedTensorType>(type); tensor && tensor.getRank())
          elements = elements ? std::min(elements, elementsOf(type)) : elementsOf(type);
    } else {
      for (Type type : op->getResultTypes())
        elements += elementsOf(type);
    }
    for (Operation *p = op->getParentOp(); elements > 0 && p; p = p->getParentOp()) {
      if (auto loop = dyn_cast<scf::ForOp>(p)) {
        auto lb = constantInt(loop.getLowerBound());
        auto ub = constantInt(loop.getUpperBound());
        auto step = constantInt(loop.getStep());
        elements *= lb && ub && step && *step > 0
                        ? std::max<double>(0, std::ceil(double(*ub - *lb) / double(*step)))
                        : kUnknown;
      } else if (isa<scf::WhileOp>(p)) {
        elements *= kUnknown;
      }
    }
    total += elements;
  });
  return total;
}

/// The optimisation level within `options`' budget and, if it is lower than asked, why.
unsigned budgetLevel(const CompileOptions &options, double spent, size_t numOps,
                     std::string &note) {
  unsigned asked = options.optLevel;
  if (options.budgetSeconds <= 0 || asked == 0)
    return asked;
  double budget = options.budgetSeconds;
  double estimate = CompiledModule::estimateLLVMSeconds(numOps, asked);
  if (spent + estimate <= budget)
    return asked;
  unsigned level = 0;
  for (unsigned lower : {1u, 0u})
    if (lower < asked && spent + CompiledModule::estimateLLVMSeconds(numOps, lower) <= budget) {
      level = lower;
      break;
    }
  char budgetText[32];
  std::snprintf(budgetText, sizeof budgetText, "%g", budget);
  note = llvm::formatv("tracing and lowering took {0:f3} s and LLVM at O{1} would take an "
                       "estimated {2:f3} s more for {3} LLVM ops, over the compile budget of "
                       "{4} s: compiled at O{5} (estimated {6:f3} s)",
                       spent, asked, estimate, numOps, budgetText, level,
                       CompiledModule::estimateLLVMSeconds(numOps, level))
             .str();
  return level;
}

} // namespace

namespace {
/// A new pass manager running the passes of `stage` (from the stage before it).
std::unique_ptr<PassManager> newStagePassManager(MLIRContext *ctx, Stage stage,
                                                 bool parallelLoops) {
  auto pm = std::make_unique<PassManager>(ctx);
  // The module is verified once after the stage (lower()), not after each of its
  // passes: the verifier re-derives every linalg op's loop ranges each time, and after
  // each of ~40 passes it was 45 % of the pipeline's instructions on newton_cg (callgrind,
  // ag-opt --verify-each=true/false: 720M / 396M). ag-opt and the lit tests verify after
  // every pass, so a pass that breaks the IR is found there.
  pm->enableVerifier(false);
  PipelineOptions pipelineOptions;
  pipelineOptions.parallelLoops = parallelLoops;
  buildPipeline(*pm, static_cast<Stage>((int)stage - 1), stage, pipelineOptions);
  return pm;
}

/// The pass manager of one stage, built once per thread and context (per thread, as a
/// pass manager runs one module at a time). MLIR 19's PassManager re-runs its passes'
/// initialize() on every run all the same, so the passes whose initialization is costly
/// keep what it builds in the context (ag-canonicalize, ag-convert-to-llvm:
/// AgDialect::getContextCache).
PassManager &stagePassManager(MLIRContext *ctx, Stage stage, bool parallelLoops) {
  struct Cached {
    MLIRContext *ctx;
    int stage;
    bool parallelLoops;
    std::unique_ptr<PassManager> pm;
  };
  thread_local std::vector<Cached> cache;
  for (Cached &c : cache)
    if (c.ctx == ctx && c.stage == (int)stage && c.parallelLoops == parallelLoops)
      return *c.pm;
  cache.push_back(
      {ctx, (int)stage, parallelLoops, newStagePassManager(ctx, stage, parallelLoops)});
  return *cache.back().pm;
}
} // namespace

LogicalResult CompiledModule::lower(ModuleOp module, Stage to,
                                    llvm::function_ref<void(Stage, double)> onStage,
                                    bool passTiming) {
  // One pass manager per stage, so that each stage's IR can be kept and timed.
  for (int s = (int)Stage::Linalg; s <= (int)to; ++s) {
    auto stage = static_cast<Stage>(s);
    auto start = std::chrono::steady_clock::now();
    bool parallelLoops = ag_rt_num_threads() > 1;
    if (passTiming) {
      // A pass manager of its own, timed (its report goes to stderr), not the kept one.
      auto timed = newStagePassManager(module.getContext(), stage, parallelLoops);
      auto timing = std::make_unique<DefaultTimingManager>();
      timing->setEnabled(true);
      timing->setDisplayMode(DefaultTimingManager::DisplayMode::List);
      timed->enableTiming(std::move(timing));
      llvm::errs() << "ag: passes of the stage '" << stageName(stage) << "':\n";
      if (failed(timed->run(module)))
        return failure();
    } else if (failed(stagePassManager(module.getContext(), stage, parallelLoops)
                          .run(module))) {
      return failure();
    }
    if (failed(verify(module)))
      return failure();
    if (onStage)
      onStage(stage, secondsSince(start));
  }
  return success();
}

llvm::Expected<std::unique_ptr<CompiledModule>>
CompiledModule::compile(ModuleOp module, const CompileOptions &options) {
  std::unique_ptr<CompiledModule> result(new CompiledModule());
  MLIRContext *ctx = module.getContext();

  // Signatures are read before lowering erases the tensor types.
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (fn.isPrivate() || fn.isExternal())
      continue;
    FunctionInfo f;
    f.name = fn.getName().str();
    f.callbacks = options.callbacks;
    auto collect = [&](TypeRange types, std::vector<TensorSig> &out) -> llvm::Error {
      for (Type t : types) {
        auto tensor = dyn_cast<RankedTensorType>(t);
        auto dtype = tensor ? fromMlirType(tensor.getElementType()) : std::nullopt;
        if (!dtype)
          return makeError("function '" + fn.getName() +
                           "': only ranked tensors of numpy's bool, integer and float "
                           "dtypes can cross the call boundary");
        std::vector<int64_t> shape;
        for (int64_t d : tensor.getShape())
          shape.push_back(ShapedType::isDynamic(d) ? -1 : d); // -1: any size
        out.push_back({*dtype, std::move(shape)});
      }
      return llvm::Error::success();
    };
    if (auto err = collect(fn.getArgumentTypes(), f.inputs))
      return std::move(err);
    if (auto err = collect(fn.getResultTypes(), f.results))
      return std::move(err);
    result->functions[fn.getName()] = std::move(f);
  }

  JitOptions jitOptions;
  jitOptions.optLevel = options.optLevel;
  jitOptions.keepOptimizedIR = options.keepLLVMIR;
  jitOptions.extraSymbols = options.extraSymbols;

  if (!options.object.empty()) {
    auto start = std::chrono::steady_clock::now();
    auto jit = JitEngine::load(options.object, jitOptions);
    llvm::Error err = jit ? result->setEntries(**jit) : jit.takeError();
    if (!err) {
      result->jit = std::move(*jit);
      result->loaded = true;
      result->times.push_back({"link cached object", secondsSince(start)});
      return result;
    }
    // Not this process's kind of object after all: compile the module instead.
    llvm::consumeError(std::move(err));
  }

  std::string diagnostics;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(diagnostics);
    os << diag.getLocation() << ": " << diag << "\n";
    for (Diagnostic &note : diag.getNotes())
      os << note.getLocation() << ": note: " << note << "\n";
    return success();
  });
  if (options.keepStages)
    result->stages[(size_t)Stage::Ag] = printOp(module);
  // (Tiered only where nothing asks for the stages of the final code.)
  bool mayTier = options.tiered && !options.keepStages && !options.keepLLVMIR;
  double work = mayTier ? estimateWork(module) : 0;
  double spent = options.spentSeconds;
  bool lowered = succeeded(lower(module, Stage::LLVM, [&](Stage stage, double seconds) {
    spent += seconds;
    result->times.push_back({("-> " + stageName(stage)).str(), seconds});
    if (options.keepStages)
      result->stages[(size_t)stage] = printOp(module);
  }, options.passTiming));
  if (!lowered)
    return makeError("compilation failed at stage '" +
                     stageName(static_cast<Stage>((int)Stage::Linalg + result->times.size())) +
                     "':\n" + diagnostics);

  size_t numOps = 0;
  module.walk([&](Operation *) { ++numOps; });
  unsigned level = budgetLevel(options, spent, numOps, result->note);
  double saved = estimateLLVMSeconds(numOps, level) - estimateLLVMSeconds(numOps, 0);
  double cost = work * kO0SecondsPerElement;
  bool tier = mayTier && level > 0 && saved > kTierSeconds && saved > 2 * cost;
  if (mayTier && level > 0 && std::isinf(work))
    result->tierText = "one tier: a trip count or size unknown while compiling (a call "
                       "that runs long must not run O0 code)";
  else if (mayTier && level > 0)
    result->tierText = llvm::formatv("{0}: LLVM at O{1} estimated {2:f3} s more than at "
                                     "O0 for {3} LLVM ops, O0 code {4:f3} s slower for "
                                     "{5:e1} elements",
                                     tier ? "O0 first" : "one tier", level, saved, numOps,
                                     cost, work)
                           .str();
  result->level = jitOptions.optLevel = tier ? 0 : level;
  jitOptions.keepObject = options.keepObject && !tier;
  jitOptions.keepBitcode = tier;
  auto jit = JitEngine::create(module, jitOptions);
  if (!jit)
    return jit.takeError();
  result->jit = std::move(*jit);
  auto start = std::chrono::steady_clock::now();
  if (auto err = result->setEntries(*result->jit)) // ORC links the object code here
    return std::move(err);
  const JitTimings &jt = result->jit->timings();
  result->times.push_back({"LLVM translate", jt.translate});
  result->times.push_back({llvm::formatv("LLVM optimize O{0}", result->level.load()).str(),
                           jt.optimize});
  result->times.push_back({"LLVM codegen", jt.codegen});
  result->times.push_back({"JIT link", jt.link + secondsSince(start)});
  if (tier) {
    result->bitcode = result->jit->bitcode();
    result->extraSymbols = options.extraSymbols;
    result->keepObject = options.keepObject;
    result->pendingLevel = level;
  } else if (options.keepObject) {
    auto object = result->jit->objectCode();
    if (!object)
      return object.takeError();
    result->object = std::move(*object);
  }
  return result;
}

llvm::Error CompiledModule::setEntries(JitEngine &engine) {
  // Every lookup first (ORC links the object code on the first), so that a failure
  // leaves each function's entry point as it was.
  std::vector<std::pair<FunctionInfo *, JitEngine::PackedFn>> entries;
  for (auto &entry : functions) {
    auto fn = engine.lookupPacked(entry.getKey());
    if (!fn)
      return fn.takeError();
    entries.push_back({&entry.getValue(), *fn});
  }
  for (auto [info, fn] : entries)
    info->setEntry(fn);
  return llvm::Error::success();
}

llvm::Expected<StageTimes> CompiledModule::tierUp() {
  std::lock_guard<std::mutex> lock(tierMutex);
  unsigned target = pendingLevel.load();
  if (target == 0)
    return StageTimes{};
  JitOptions options;
  options.optLevel = target;
  options.extraSymbols = extraSymbols;
  options.keepObject = keepObject;
  auto engine = JitEngine::createFromBitcode(bitcode, options);
  if (!engine)
    return engine.takeError();
  if (keepObject) {
    auto code = (*engine)->objectCode();
    if (!code)
      return code.takeError();
    object = std::move(*code);
  }
  auto start = std::chrono::steady_clock::now();
  if (auto err = setEntries(**engine))
    return std::move(err);
  // The first tier's code stays: calls that entered it before the swap still run.
  firstTier = std::move(jit);
  jit = std::move(*engine);
  level = target;
  pendingLevel = 0;
  bitcode.clear();
  const JitTimings &jt = jit->timings();
  return StageTimes{{"LLVM parse", jt.translate},
                    {llvm::formatv("LLVM optimize O{0}", target).str(), jt.optimize},
                    {"LLVM codegen", jt.codegen},
                    {"JIT link", jt.link + secondsSince(start)}};
}

llvm::Expected<std::vector<HostArray>>
CompiledModule::call(llvm::StringRef name, const std::vector<HostArray> &args) const {
  auto it = functions.find(name);
  if (it == functions.end())
    return makeError("no public function named '" + name + "'");
  const FunctionInfo &fn = it->getValue();
  if (args.size() != fn.inputs.size())
    return makeError(llvm::formatv("'{0}' takes {1} arguments, got {2}", name,
                                   fn.inputs.size(), args.size()));

  PackedCall packed(fn);
  for (size_t i = 0; i < args.size(); ++i) {
    const HostArray &a = args[i];
    const TensorSig &sig = fn.inputs[i];
    bool fits = a.dtype == sig.dtype && a.shape.size() == sig.shape.size();
    for (size_t d = 0; fits && d < sig.shape.size(); ++d)
      fits = sig.shape[d] < 0 || a.shape[d] == sig.shape[d]; // -1: a dynamic dim
    if (!fits)
      return makeError(llvm::formatv(
          "argument {0} of '{1}': expected {2}{3}, got {4}{5}", i, name,
          dtypeString(sig.dtype), shapeString(sig.shape), dtypeString(a.dtype),
          shapeString(a.shape)));
    packed.addArgument(a.data, a.shape.data());
  }
  if (std::optional<uint64_t> failed = packed.run())
    return llvm::make_error<OutOfMemoryError>(*failed);
  std::vector<HostArray> results;
  for (size_t r = 0; r < packed.numResults(); ++r)
    results.push_back(packed.takeResult(r));
  return results;
}

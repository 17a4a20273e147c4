//===- ag-run.cpp - Compile and run a function written in the ag dialect --===//
//
// The demo driver and an execution-test tool: parses an .mlir file, compiles it through
// every stage (optionally printing the IR after each, Toy-tutorial style), calls one
// function on deterministic inputs (or the inputs the file defines as constants) and
// prints the results.
//
//   ag-run examples/mlp.mlir --entry=mlp --print-stages
//
//===----------------------------------------------------------------------===//

#include "ag/InitAll.h"
#include "ag/Runtime/DTypeMlir.h"
#include "ag/Runtime/Compiler.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>

using namespace mlir;
using namespace mlir::ag;

static llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                            llvm::cl::desc("<input .mlir>"),
                                            llvm::cl::Required);
static llvm::cl::opt<std::string> entry("entry", llvm::cl::desc("Function to call"),
                                        llvm::cl::init("main"));
static llvm::cl::opt<bool> printStages("print-stages",
                                       llvm::cl::desc("Print the IR after every stage"));
static llvm::cl::opt<bool> printLLVMIR("print-llvm-ir",
                                       llvm::cl::desc("Print the optimised LLVM IR"));
static llvm::cl::opt<int> repeat("repeat",
                                 llvm::cl::desc("Call N times and report the median"),
                                 llvm::cl::init(1));

/// Deterministic, sign-mixed inputs: sin of the flat index (or small integers).
static HostArray makeInput(DType dtype, const std::vector<int64_t> &shape, int seed) {
  HostArray a = HostArray::zeros(dtype, shape);
  for (int64_t i = 0; i < a.numElements(); ++i) {
    double v = std::sin(0.7 * (double)i + seed);
    switch (dtype) {
    case DType::Float32:
      a.as<float>()[i] = (float)v;
      break;
    case DType::Float64:
      a.as<double>()[i] = v;
      break;
    case DType::Int32:
      a.as<int32_t>()[i] = (int32_t)std::lround(v * 10);
      break;
    case DType::Int64:
      a.as<int64_t>()[i] = std::lround(v * 10);
      break;
    case DType::Bool:
      a.as<uint8_t>()[i] = v > 0;
      break;
    case DType::Float16:
      a.as<_Float16>()[i] = (_Float16)v;
      break;
    case DType::Int8:
      a.as<int8_t>()[i] = (int8_t)std::lround(v * 10);
      break;
    case DType::Int16:
      a.as<int16_t>()[i] = (int16_t)std::lround(v * 10);
      break;
    case DType::UInt8:
      a.as<uint8_t>()[i] = (uint8_t)std::lround(std::fabs(v) * 10);
      break;
    case DType::UInt16:
      a.as<uint16_t>()[i] = (uint16_t)std::lround(std::fabs(v) * 10);
      break;
    case DType::UInt32:
      a.as<uint32_t>()[i] = (uint32_t)std::lround(std::fabs(v) * 10);
      break;
    case DType::UInt64:
      a.as<uint64_t>()[i] = (uint64_t)std::lround(std::fabs(v) * 10);
      break;
    case DType::Complex64: // (re, im) pairs
      a.as<float>()[2 * i] = (float)v;
      a.as<float>()[2 * i + 1] = (float)std::cos(0.3 * (double)i + seed);
      break;
    case DType::Complex128:
      a.as<double>()[2 * i] = v;
      a.as<double>()[2 * i + 1] = std::cos(0.3 * (double)i + seed);
      break;
    }
  }
  return a;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::ParseCommandLineOptions(argc, argv, "ag compile-and-run driver\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  std::string error;
  auto file = openInputFile(inputFile, &error);
  if (!file) {
    llvm::errs() << "ag-run: " << error << "\n";
    return 1;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;

  std::vector<std::pair<DType, std::vector<int64_t>>> signature;
  auto fn = module->lookupSymbol<func::FuncOp>(entry);
  if (!fn) {
    llvm::errs() << "ag-run: no function @" << entry << " in " << inputFile << "\n";
    return 1;
  }
  for (Type t : fn.getArgumentTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    auto dtype = tensor ? fromMlirType(tensor.getElementType()) : std::nullopt;
    if (!dtype || !tensor.hasStaticShape()) {
      llvm::errs() << "ag-run: @" << entry << " takes an argument of type " << t
                   << "; only static tensors of numpy dtypes are supported\n";
      return 1;
    }
    signature.push_back({*dtype, {tensor.getShape().begin(), tensor.getShape().end()}});
  }

  CompileOptions options;
  options.keepStages = printStages;
  options.keepLLVMIR = printLLVMIR;
  auto start = std::chrono::steady_clock::now();
  auto compiled = CompiledModule::compile(*module, options);
  if (!compiled) {
    llvm::errs() << "ag-run: " << llvm::toString(compiled.takeError()) << "\n";
    return 1;
  }
  double compileMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
          .count();
  if (printStages)
    for (Stage s : {Stage::Ag, Stage::Linalg, Stage::Bufferized, Stage::LLVM})
      llvm::outs() << "// ===== stage: " << stageName(s) << " =====\n"
                   << (*compiled)->stageIR(s) << "\n";

  if (printLLVMIR)
    llvm::outs() << "// ===== optimised LLVM IR =====\n" << (*compiled)->optimizedLLVMIR();

  std::vector<HostArray> args;
  for (auto [i, sig] : llvm::enumerate(signature)) {
    args.push_back(makeInput(sig.first, sig.second, (int)i));
    llvm::outs() << "arg" << i << " = " << args.back().toString(8) << "\n";
  }
  std::vector<double> times;
  llvm::Expected<std::vector<HostArray>> results = std::vector<HostArray>{};
  for (int r = 0; r < std::max(1, (int)repeat); ++r) {
    auto t0 = std::chrono::steady_clock::now();
    results = (*compiled)->call(entry, args);
    times.push_back(std::chrono::duration<double, std::micro>(
                        std::chrono::steady_clock::now() - t0)
                        .count());
    if (!results) {
      llvm::errs() << "ag-run: " << llvm::toString(results.takeError()) << "\n";
      return 1;
    }
  }
  for (auto [i, r] : llvm::enumerate(*results))
    llvm::outs() << "result" << i << " = " << r.toString() << "\n";
  std::sort(times.begin(), times.end());
  llvm::outs() << llvm::format("compile: %.1f ms, call (median of %zu): %.1f us\n",
                               compileMs, times.size(), times[times.size() / 2]);
  return 0;
}

//===- AgBench.cpp - Compiled ag code against the best direct equivalent --===//
//
// Two foundation figures (issue #2), each a ratio measured in one run:
//  * matmul: an ag.matmul function JIT-compiled end to end (call overhead, result
//    allocation, oneDNN) against a oneDNN matmul primitive executed directly.
//  * fusion: an 8-op elementwise chain over 4M float32 compiled to one loop, against a
//    memcpy of the same bytes (the floor for anything that reads the input once and
//    writes the output once).
// Timing is Google Benchmark's; the ratios are printed after the table.
//
//===----------------------------------------------------------------------===//

#include "ag/InitAll.h"
#include "ag/Runtime/Compiler.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <benchmark/benchmark.h>
#include <dnnl.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <random>

using namespace mlir;
using namespace mlir::ag;

namespace {

std::unique_ptr<CompiledModule> compileText(const std::string &text) {
  static DialectRegistry registry = [] {
    DialectRegistry r;
    registerAllDialects(r);
    return r;
  }();
  static MLIRContext context(registry);
  context.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module) {
    fprintf(stderr, "ag-bench: cannot parse benchmark module\n");
    std::exit(1);
  }
  auto compiled = CompiledModule::compile(*module);
  if (!compiled) {
    fprintf(stderr, "ag-bench: %s\n", llvm::toString(compiled.takeError()).c_str());
    std::exit(1);
  }
  return std::move(*compiled);
}

HostArray randomArray(std::vector<int64_t> shape, unsigned seed) {
  HostArray a = HostArray::zeros(DType::Float32, std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (int64_t i = 0; i < a.numElements(); ++i)
    a.as<float>()[i] = dist(gen);
  return a;
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

void BM_AgMatmul(benchmark::State &state) {
  int64_t n = state.range(0);
  std::string t = "tensor<" + std::to_string(n) + "x" + std::to_string(n) + "xf32>";
  auto compiled = compileText("func.func @mm(%a: " + t + ", %b: " + t + ") -> " + t +
                              " {\n  %r = ag.matmul %a, %b : " + t + ", " + t + " -> " +
                              t + "\n  return %r : " + t + "\n}\n");
  std::vector<HostArray> args{randomArray({n, n}, 1), randomArray({n, n}, 2)};
  for (auto _ : state) {
    auto r = compiled->call("mm", args);
    benchmark::DoNotOptimize(r);
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

void BM_DirectOnednnMatmul(benchmark::State &state) {
  int64_t n = state.range(0);
  using tag = dnnl::memory::format_tag;
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream s(eng);
  dnnl::memory::desc md({n, n}, dnnl::memory::data_type::f32, tag::ab);
  dnnl::matmul prim(dnnl::matmul::primitive_desc(dnnl::matmul::desc(md, md, md), eng));
  HostArray a = randomArray({n, n}, 1), b = randomArray({n, n}, 2),
            c = HostArray::zeros(DType::Float32, {n, n});
  dnnl::memory am(md, eng, a.data), bm(md, eng, b.data), cm(md, eng, c.data);
  for (auto _ : state) {
    prim.execute(s, {{DNNL_ARG_SRC, am}, {DNNL_ARG_WEIGHTS, bm}, {DNNL_ARG_DST, cm}});
    s.wait();
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

BENCHMARK(BM_AgMatmul)->Arg(512)->Arg(1024)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DirectOnednnMatmul)
    ->Arg(512)
    ->Arg(1024)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

//===----------------------------------------------------------------------===//
// Fused elementwise chain
//===----------------------------------------------------------------------===//

constexpr int64_t kChainSize = 4 << 20;

/// An 8-op chain y = op8(...op1(x)) over 4M float32 as one function; `transcendental`
/// makes op7 an exp (then the loop is bound by arithmetic, not memory).
std::string chainModule(bool transcendental) {
  std::string t = "tensor<" + std::to_string(kChainSize) + "xf32>";
  std::string s = "tensor<f32>";
  auto binary = [&](const char *op, const char *lhs, const char *rhs, const char *rhsType,
                    const char *out) {
    return std::string("  %") + out + " = ag." + op + " %" + lhs + ", %" + rhs + " : " +
           t + ", " + rhsType + " -> " + t + "\n";
  };
  auto unary = [&](const char *op, const char *in, const char *out) {
    return std::string("  %") + out + " = ag." + op + " %" + in + " : " + t + " -> " + t +
           "\n";
  };
  return "func.func @chain(%x: " + t + ") -> " + t + " {\n" +
         "  %c2 = ag.constant dense<2.0> : " + s + "\n" +
         "  %c1 = ag.constant dense<1.0> : " + s + "\n" +
         "  %c0 = ag.constant dense<0.0> : " + s + "\n" +
         "  %ch = ag.constant dense<0.5> : " + s + "\n" +
         binary("mul", "x", "c2", s.c_str(), "a") + binary("add", "a", "c1", s.c_str(), "b") +
         binary("maximum", "b", "c0", s.c_str(), "c") +
         binary("sub", "c", "ch", s.c_str(), "d") + unary("abs", "d", "e") +
         unary("neg", "e", "f") +
         (transcendental ? unary("exp", "f", "g") : binary("minimum", "f", "c1", s.c_str(), "g")) +
         binary("mul", "g", "x", t.c_str(), "h") + "  return %h : " + t + "\n}\n";
}

void BM_AgElementwiseChain8(benchmark::State &state) {
  auto compiled = compileText(chainModule(state.range(0) != 0));
  std::vector<HostArray> args{randomArray({kChainSize}, 3)};
  for (auto _ : state) {
    auto r = compiled->call("chain", args);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * kChainSize * 8);
  state.SetLabel(state.range(0) ? "with exp" : "arithmetic");
}

void BM_MemcpySameBytes(benchmark::State &state) {
  HostArray src = randomArray({kChainSize}, 3);
  HostArray dst = HostArray::zeros(DType::Float32, {kChainSize});
  for (auto _ : state) {
    std::memcpy(dst.data, src.data, kChainSize * 4);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * kChainSize * 8);
}

BENCHMARK(BM_AgElementwiseChain8)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MemcpySameBytes)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Console output plus the ratios the foundation issue asks for.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run> &runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs)
      times[run.benchmark_name()] = run.GetAdjustedRealTime();
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto ratio = [&](const char *what, const std::string &num, const std::string &den) {
      if (times.count(num) && times.count(den))
        printf("%-44s %.2fx\n", what, times[num] / times[den]);
    };
    printf("\nratios (one run on this machine):\n");
    ratio("ag matmul 512^3 speed vs direct oneDNN", "BM_DirectOnednnMatmul/512/real_time",
          "BM_AgMatmul/512/real_time");
    ratio("ag matmul 1024^3 speed vs direct oneDNN", "BM_DirectOnednnMatmul/1024/real_time",
          "BM_AgMatmul/1024/real_time");
    ratio("ag 8-op chain (arithmetic) time / memcpy", "BM_AgElementwiseChain8/0/real_time",
          "BM_MemcpySameBytes/real_time");
    ratio("ag 8-op chain (with exp) time / memcpy", "BM_AgElementwiseChain8/1/real_time",
          "BM_MemcpySameBytes/real_time");
  }

private:
  std::map<std::string, double> times;
};

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

//===- AgBench.cpp - Compiled ag code against the best direct equivalent --===//
//
// Foundation figures (issues #2, #16), each a ratio measured in one run:
//  * matmul: an ag.matmul function JIT-compiled end to end (call overhead, result
//    allocation, oneDNN) against a oneDNN matmul primitive executed directly.
//  * float64 matmul and matrix x vector the same way against cblas_dgemm/cblas_dgemv
//    called directly (ag calls OpenBLAS for them).
//  * fusion: an 8-op elementwise chain over 4M float32 compiled to one loop, against a
//    memcpy of the same bytes (the floor for anything that reads the input once and
//    writes the output once).
// Timing is Google Benchmark's; the ratios are printed after the table. On a loaded
// machine run with --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true:
// each ratio then compares the fastest repetitions.
//
//===----------------------------------------------------------------------===//

#include "ag/InitAll.h"
#include "ag/Runtime/Compiler.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <benchmark/benchmark.h>
#include <cblas.h>
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

HostArray randomArray(std::vector<int64_t> shape, unsigned seed,
                      DType dtype = DType::Float32) {
  HostArray a = HostArray::zeros(dtype, std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (int64_t i = 0; i < a.numElements(); ++i)
    if (dtype == DType::Float64)
      a.as<double>()[i] = dist(gen);
    else
      a.as<float>()[i] = float(dist(gen));
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
// float64 matmul and matrix x vector (OpenBLAS)
//===----------------------------------------------------------------------===//

/// ag.matmul of an [m, k] and a [k] (n = 0) or [k, n] float64 operand, JIT-compiled.
void BM_AgMatmulF64(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  auto type = [](std::vector<int64_t> dims) {
    std::string t = "tensor<";
    for (int64_t d : dims)
      t += std::to_string(d) + "x";
    return t + "f64>";
  };
  std::vector<int64_t> bShape = n ? std::vector<int64_t>{k, n} : std::vector<int64_t>{k};
  std::vector<int64_t> cShape = n ? std::vector<int64_t>{m, n} : std::vector<int64_t>{m};
  std::string ta = type({m, k}), tb = type(bShape), tc = type(cShape);
  auto compiled = compileText("func.func @mm(%a: " + ta + ", %b: " + tb + ") -> " + tc +
                              " {\n  %r = ag.matmul %a, %b : " + ta + ", " + tb + " -> " +
                              tc + "\n  return %r : " + tc + "\n}\n");
  std::vector<HostArray> args{randomArray({m, k}, 1, DType::Float64),
                              randomArray(bShape, 2, DType::Float64)};
  for (auto _ : state) {
    auto r = compiled->call("mm", args);
    benchmark::DoNotOptimize(r);
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * m * k * std::max<int64_t>(n, 1), benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

/// The same product with cblas_dgemm (or cblas_dgemv for n = 0) on preallocated buffers.
void BM_DirectBlasF64(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  HostArray a = randomArray({m, k}, 1, DType::Float64),
            b = randomArray(n ? std::vector<int64_t>{k, n} : std::vector<int64_t>{k}, 2,
                            DType::Float64),
            c = HostArray::zeros(DType::Float64, {m, std::max<int64_t>(n, 1)});
  for (auto _ : state) {
    if (n)
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0,
                  a.as<double>(), k, b.as<double>(), n, 0.0, c.as<double>(), n);
    else
      cblas_dgemv(CblasRowMajor, CblasNoTrans, m, k, 1.0, a.as<double>(), k,
                  b.as<double>(), 1, 0.0, c.as<double>(), 1);
    benchmark::ClobberMemory();
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * m * k * std::max<int64_t>(n, 1), benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

BENCHMARK(BM_AgMatmulF64)
    ->Args({1024, 1024, 1024})
    ->Args({4096, 4096, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_DirectBlasF64)
    ->Args({1024, 1024, 1024})
    ->Args({4096, 4096, 0})
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
    // With --benchmark_repetitions (and random interleaving, which spreads the load of
    // a shared machine over both sides of a ratio) the fastest repetition counts.
    for (const Run &run : runs) {
      if (run.run_type != Run::RT_Iteration)
        continue;
      for (auto [map, t] : {std::pair{&times, run.GetAdjustedRealTime()},
                            std::pair{&cpuTimes, run.GetAdjustedCPUTime()}}) {
        auto [it, fresh] = map->emplace(run.benchmark_name(), t);
        if (!fresh)
          it->second = std::min(it->second, t);
      }
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    // CPU time as well: on a shared machine a single-threaded run's real time mostly
    // measures the other processes; its CPU time does not.
    auto ratio = [&](const char *what, const std::string &num, const std::string &den) {
      if (times.count(num) && times.count(den))
        printf("%-44s %.2fx   (CPU time: %.2fx)\n", what, times[num] / times[den],
               cpuTimes[num] / cpuTimes[den]);
    };
    printf("\nratios (one run on this machine):\n");
    ratio("ag matmul 512^3 speed vs direct oneDNN", "BM_DirectOnednnMatmul/512/real_time",
          "BM_AgMatmul/512/real_time");
    ratio("ag matmul 1024^3 speed vs direct oneDNN", "BM_DirectOnednnMatmul/1024/real_time",
          "BM_AgMatmul/1024/real_time");
    ratio("ag f64 matmul 1024^3 speed vs cblas_dgemm",
          "BM_DirectBlasF64/1024/1024/1024/real_time",
          "BM_AgMatmulF64/1024/1024/1024/real_time");
    ratio("ag f64 4096x4096 @ x speed vs cblas_dgemv", "BM_DirectBlasF64/4096/4096/0/real_time",
          "BM_AgMatmulF64/4096/4096/0/real_time");
    ratio("ag 8-op chain (arithmetic) time / memcpy", "BM_AgElementwiseChain8/0/real_time",
          "BM_MemcpySameBytes/real_time");
    ratio("ag 8-op chain (with exp) time / memcpy", "BM_AgElementwiseChain8/1/real_time",
          "BM_MemcpySameBytes/real_time");
  }

private:
  std::map<std::string, double> times, cpuTimes;
};

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

//===- JitLifetimeTest.cpp - The process's JIT: freed code, concurrent compiles ---===//
//
// Every compiled module's code lives in a JITDylib of the one process-wide JIT
// (backends/cpu/HostJit.h): freeing the module removes the dylib and unmaps its code,
// so a process that compiles and frees functions for ever (a StagedFunction's cache
// evicting) does not grow. Compiles may run on several threads at once (each leases
// its own TargetMachine) while other threads call compiled code.
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include "ag/Backends/Cpu/JitEngine.h"

#include <atomic>
#include <fstream>
#include <thread>

using namespace agtest;

namespace {

/// f(x) = tanh(x) + k on float32[4, 8]: modules that differ in k differ in text.
std::string moduleText(int k) {
  std::string X = tensorType(F32, {4, 8}), Z = tensorType(F32, {});
  return "func.func @f(%x: " + X + ") -> " + X + " {\n"
         "  %t = ag.tanh %x : " + X + " -> " + X + "\n"
         "  %k = ag.constant dense<" + std::to_string(k) + ".0> : " + Z + "\n"
         "  %r = ag.add %t, %k : " + X + ", " + Z + " -> " + X + "\n"
         "  return %r : " + X + "\n"
         "}\n";
}

/// Whether `m`'s f computes tanh(x) + k on `x`, to within float32 rounding.
bool computes(const JitModule &m, const HostArray &x, int k, std::string &error) {
  std::vector<HostArray> results;
  if (!m.call("f", {x}, results, error))
    return false;
  if (results.size() != 1 || results[0].shape != x.shape) {
    error = "wrong result shape";
    return false;
  }
  for (int64_t i = 0; i < numel(x.shape); ++i) {
    double want = std::tanh(getF(x, i)) + k, got = getF(results[0], i);
    if (std::fabs(got - want) > 1e-5 * (1 + std::fabs(want))) {
      error = "element " + std::to_string(i) + ": " + std::to_string(got) + " != " +
              std::to_string(want);
      return false;
    }
  }
  return true;
}

/// Mappings of this process: JIT code that is never freed adds some per module.
size_t countMappings() {
  std::ifstream maps("/proc/self/maps");
  size_t lines = 0;
  for (std::string line; std::getline(maps, line);)
    ++lines;
  return lines;
}

TEST(JitLifetime, FreedModulesRemoveTheirDylibsAndCode) {
  Rng rng(1);
  HostArray x = randomArray(F32, {4, 8}, rng, -2, 2);
  std::string error;
  size_t before = mlir::ag::JitEngine::liveEngines();
  {
    auto m = JitModule::compile(moduleText(1), error);
    ASSERT_TRUE(m) << error;
    EXPECT_EQ(mlir::ag::JitEngine::liveEngines(), before + 1);
    EXPECT_TRUE(computes(*m, x, 1, error)) << error;
  }
  EXPECT_EQ(mlir::ag::JitEngine::liveEngines(), before);

  auto cycle = [&](int k) {
    auto m = JitModule::compile(moduleText(k), error);
    ASSERT_TRUE(m) << error;
    EXPECT_TRUE(computes(*m, x, k, error)) << error;
  };
  for (int k = 0; k < 10; ++k) // (allocators and LLVM's caches settle)
    cycle(k);
  size_t mappings = countMappings();
  for (int k = 0; k < 150; ++k)
    cycle(k % 7);
  EXPECT_EQ(mlir::ag::JitEngine::liveEngines(), before);
  // Each module's code is two or three mappings of its own (code, constants, data):
  // 150 modules kept would add hundreds.
  EXPECT_LT(countMappings(), mappings + 30)
      << "mappings grew from " << mappings << " over 150 compiled and freed modules";
}

TEST(JitLifetime, ObjectCodeLoadedAndFreedRepeatedly) {
  Rng rng(2);
  HostArray x = randomArray(F32, {4, 8}, rng, -2, 2);
  std::string error;
  JitModule::Options keep;
  keep.keepObject = true;
  auto compiled = JitModule::compile(moduleText(3), error, keep);
  ASSERT_TRUE(compiled) << error;
  JitModule::Options load;
  load.object = compiled->takeObjectCode();
  ASSERT_FALSE(load.object.empty());
  size_t before = mlir::ag::JitEngine::liveEngines();
  for (int i = 0; i < 20; ++i) {
    auto m = JitModule::compile(moduleText(3), error, load);
    ASSERT_TRUE(m) << error;
    EXPECT_TRUE(m->loadedObject());
    EXPECT_TRUE(computes(*m, x, 3, error)) << error;
  }
  EXPECT_EQ(mlir::ag::JitEngine::liveEngines(), before);
  EXPECT_TRUE(computes(*compiled, x, 3, error)) << error;
}

TEST(JitLifetime, ThreadsCompileAndCallAtOnce) {
  Rng rng(3);
  HostArray x = randomArray(F32, {4, 8}, rng, -2, 2);
  std::string error;
  auto first = JitModule::compile(moduleText(100), error);
  ASSERT_TRUE(first) << error;

  std::atomic<int> compilersDone{0}, failures{0};
  std::string failure; // the first failure's text (written once)
  std::atomic<bool> failed{false};
  auto fail = [&](const std::string &what) {
    ++failures;
    if (!failed.exchange(true))
      failure = what;
  };
  // Calls `first` until both compiling threads are done.
  std::thread caller([&] {
    std::string err;
    int calls = 0;
    while (compilersDone.load() < 2 || calls < 10) {
      if (!computes(*first, x, 100, err))
        return fail("caller: " + err);
      ++calls;
    }
  });
  auto compiler = [&](int base) {
    auto context = JitModule::newContext();
    JitModule::Options options;
    options.context = context;
    std::string err;
    for (int i = 0; i < 8; ++i) {
      auto m = JitModule::compile(moduleText(base + i), err, options);
      if (!m)
        return fail("compile: " + err), void(++compilersDone);
      if (!computes(*m, x, base + i, err))
        return fail("compiled module: " + err), void(++compilersDone);
    }
    ++compilersDone;
  };
  std::thread a(compiler, 0), b(compiler, 50);
  a.join();
  b.join();
  caller.join();
  EXPECT_EQ(failures.load(), 0) << failure;
  EXPECT_TRUE(computes(*first, x, 100, error)) << error;
}

} // namespace

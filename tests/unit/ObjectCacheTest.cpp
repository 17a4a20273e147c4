//===- ObjectCacheTest.cpp - Object code kept, linked, and the compile budget ---===//
//
// The persistent cache's C++ half (CompileOptions::keepObject / object,
// JitEngine::load): the object code a compile keeps, linked into a new module of the
// same text, computes what the compiled module computes -- a oneDNN matmul and the
// allocation functions (ABI symbols), a reduction, elementwise math, a transpose --
// and object code that does not link is compiled over. The
// compile budget lowers LLVM's level when the time already spent exceeds it. Invalid IR
// between the stages is an error (the stages verify once at their end, not after
// every pass).
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

using namespace agtest;

namespace {

/// relu(x @ w) summed over rows, tanh of x, and a transposed copy of x.
std::string moduleText(DType d) {
  std::string X = tensorType(d, {3, 4}), W = tensorType(d, {4, 5}),
              M = tensorType(d, {3, 5}), S = tensorType(d, {5}),
              T = tensorType(d, {4, 3}), Z = tensorType(d, {});
  return "func.func @f(%x: " + X + ", %w: " + W + ") -> (" + S + ", " + X + ", " + T +
         ") {\n"
         "  %m = ag.matmul %x, %w : " + X + ", " + W + " -> " + M + "\n"
         "  %z = ag.constant dense<0.0> : " + Z + "\n"
         "  %r = ag.maximum %m, %z : " + M + ", " + Z + " -> " + M + "\n"
         "  %s = ag.sum %r {axes = array<i64: 0>} : " + M + " -> " + S +
         "\n"
         "  %t = ag.tanh %x : " + X + " -> " + X + "\n"
         "  %p = ag.transpose %x {permutation = array<i64: 1, 0>} : " + X + " -> " + T +
         "\n"
         "  return %s, %t, %p : " + S + ", " + X + ", " + T + "\n"
         "}\n";
}

std::vector<HostArray> run(JitModule &m, const std::vector<HostArray> &args) {
  std::vector<HostArray> results;
  std::string error;
  EXPECT_TRUE(m.call("f", args, results, error)) << error;
  return results;
}

void expectSame(const std::vector<HostArray> &a, const std::vector<HostArray> &b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a[r].shape, b[r].shape);
    for (int64_t i = 0; i < numel(a[r].shape); ++i)
      EXPECT_EQ(getF(a[r], i), getF(b[r], i)) << "result " << r << " element " << i;
  }
}

class ObjectCache : public ::testing::TestWithParam<DType> {};

TEST_P(ObjectCache, LinkedObjectComputesWhatTheCompileComputes) {
  DType d = GetParam();
  Rng rng(11);
  std::vector<HostArray> args = {randomArray(d, {3, 4}, rng, -2, 2),
                                 randomArray(d, {4, 5}, rng, -2, 2)};
  std::string error;
  JitModule::Options keep;
  keep.keepObject = true;
  auto compiled = JitModule::compile(moduleText(d), error, keep);
  ASSERT_TRUE(compiled) << error;
  EXPECT_FALSE(compiled->loadedObject());
  std::string object = compiled->takeObjectCode();
  ASSERT_FALSE(object.empty());
  EXPECT_TRUE(compiled->takeObjectCode().empty()) << "the object is handed over once";

  JitModule::Options load;
  load.object = object;
  auto linked = JitModule::compile(moduleText(d), error, load);
  ASSERT_TRUE(linked) << error;
  EXPECT_TRUE(linked->loadedObject());
  expectSame(run(*linked, args), run(*compiled, args));
  // A second engine of the same object in the same process: its own symbols.
  auto again = JitModule::compile(moduleText(d), error, load);
  ASSERT_TRUE(again) << error;
  expectSame(run(*again, args), run(*compiled, args));
}

INSTANTIATE_TEST_SUITE_P(Dtypes, ObjectCache, ::testing::Values(DType::Float32,
                                                                DType::Float64));

TEST(ObjectCacheFallback, ObjectThatDoesNotLinkIsCompiledOver) {
  Rng rng(5);
  std::vector<HostArray> args = {randomArray(F32, {3, 4}, rng), randomArray(F32, {4, 5}, rng)};
  std::string error;
  auto reference = JitModule::compile(moduleText(F32), error);
  ASSERT_TRUE(reference) << error;
  for (std::string junk : {std::string("not an object file"), std::string(4096, '\0'),
                           std::string("\x7f" "ELF\x02\x01\x01", 7)}) {
    JitModule::Options load;
    load.object = junk;
    auto m = JitModule::compile(moduleText(F32), error, load);
    ASSERT_TRUE(m) << error;
    EXPECT_FALSE(m->loadedObject());
    expectSame(run(*m, args), run(*reference, args));
  }
}

TEST(CompileBudget, TimeSpentOverTheBudgetLowersTheLevel) {
  Rng rng(3);
  std::vector<HostArray> args = {randomArray(F64, {3, 4}, rng), randomArray(F64, {4, 5}, rng)};
  std::string error;
  auto reference = JitModule::compile(moduleText(F64), error);
  ASSERT_TRUE(reference) << error;
  EXPECT_EQ(reference->optLevel(), 3u);
  EXPECT_TRUE(reference->budgetNote().empty());

  JitModule::Options over;
  over.budgetSeconds = 1.0;
  over.spentSeconds = 2.0; // tracing alone took longer than the budget
  auto lowered = JitModule::compile(moduleText(F64), error, over);
  ASSERT_TRUE(lowered) << error;
  EXPECT_EQ(lowered->optLevel(), 0u);
  EXPECT_NE(lowered->budgetNote().find("over the compile budget of 1 s: compiled at O0"),
            std::string::npos)
      << lowered->budgetNote();
  expectSame(run(*lowered, args), run(*reference, args));

  JitModule::Options within;
  within.budgetSeconds = 3600;
  auto kept = JitModule::compile(moduleText(F64), error, within);
  ASSERT_TRUE(kept) << error;
  EXPECT_EQ(kept->optLevel(), 3u);
  EXPECT_TRUE(kept->budgetNote().empty());
}

TEST(StageVerification, InvalidIRBetweenStagesIsAnError) {
  // An op the ag -> linalg stage passes through untouched (a sort kernel's op, lowered
  // by bufferization), with a result its verifier rejects: had the stage not verified
  // its output, bufferization would have allocated that result and called the kernel.
  std::string text = "func.func @f(%x: tensor<4x3xf64>) -> tensor<4x3xf64> {\n"
                     "  %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 0, 2>}"
                     " : tensor<4x3xf64> -> tensor<4x3xf64>\n"
                     "  return %r : tensor<4x3xf64>\n}\n";
  std::string error;
  JitModule::Options unverified;
  unverified.verifyParse = false;
  auto m = JitModule::compile(text, error, unverified);
  EXPECT_FALSE(m);
  EXPECT_NE(error.find("result must be (4,2) of float64"), std::string::npos) << error;
}

} // namespace

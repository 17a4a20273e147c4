//===- PackedCallTest.cpp - The one call path: descriptors in, results out ---===//
//
// PackedCall (runtime/lib/PackedCall.cpp), which the first call and the C dispatcher's
// cache hits both call through: dynamic result sizes read back from the descriptors, a
// buffer returned twice handed out as two distinct allocations, released results owned
// by the caller and the others freed with the call.
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include "ag/Runtime/PackedCall.h"

#include <cstdlib>

using namespace agtest;
using mlir::ag::PackedCall;

namespace {

// One result computed once and returned twice (`return y, y`), at a dynamic size.
const char *kTwice = R"mlir(
func.func @twice(%x: tensor<?xf32>, %s: tensor<f32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %y = ag.mul %x, %s : tensor<?xf32>, tensor<f32> -> tensor<?xf32>
  return %y, %y : tensor<?xf32>, tensor<?xf32>
}
)mlir";

TEST(PackedCall, DynamicSizesDistinctBuffersAndOwnership) {
  std::string error;
  auto m = JitModule::compile(kTwice, error);
  ASSERT_TRUE(m) << error;
  const mlir::ag::FunctionInfo *info = m->lookup("twice");
  ASSERT_TRUE(info);
  float x[5] = {1, -2, 3.5f, 0, 8}, s = 2;
  int64_t sizes[1] = {5};
  void *kept = nullptr;
  {
    PackedCall call(*info);
    call.addArgument(x, sizes);
    call.addArgument(&s, nullptr);
    ASSERT_FALSE(call.run().has_value());
    ASSERT_EQ(call.numResults(), 2u);
    for (size_t r = 0; r < 2; ++r) {
      ASSERT_EQ(call.sizes(r).size(), 1u);
      EXPECT_EQ(call.sizes(r)[0], 5);
      const float *y = static_cast<const float *>(call.data(r));
      for (int i = 0; i < 5; ++i)
        EXPECT_EQ(y[i], 2 * x[i]) << "result " << r << " element " << i;
    }
    // Each result owns its buffer: freeing one leaves the other intact.
    EXPECT_NE(call.data(0), call.data(1));
    kept = call.release(0);
    const float *first = static_cast<const float *>(call.data(0));
    mlir::ag::HostArray second = call.takeResult(1);
    EXPECT_EQ(second.shape, Shape{5});
    second = {};
    EXPECT_EQ(first[4], 16.0f); // released: still the caller's, whatever else is freed
  } // nothing unreleased left to free
  std::free(kept);
}

TEST(PackedCall, UnreleasedResultsAreFreedWithTheCall) {
  std::string error;
  auto m = JitModule::compile(kTwice, error);
  ASSERT_TRUE(m) << error;
  float x[3] = {1, 2, 3}, s = -1;
  int64_t sizes[1] = {3};
  // Many calls whose results nobody takes (the dispatcher's path when an assert
  // failed): freed by the destructor (a leak shows under AG_ENABLE_ASAN).
  for (int k = 0; k < 100; ++k) {
    PackedCall call(*m->lookup("twice"));
    call.addArgument(x, sizes);
    call.addArgument(&s, nullptr);
    ASSERT_FALSE(call.run().has_value());
    EXPECT_EQ(static_cast<const float *>(call.data(1))[2], -3.0f);
  }
}

} // namespace

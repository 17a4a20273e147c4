//===- MemoryTest.cpp - Heap memory of compiled code ----------------------===//
//
// ag_rt_aligned_alloc serves small buffers from malloc (fast, 16-byte aligned) and large
// ones with the alignment asked for; both kinds are tracked by the running guarded call
// and released by ag_rt_free or free(). Buffers of 4 MiB and more are advised onto huge
// pages.
//
//===----------------------------------------------------------------------===//

#include "ag/Backends/Cpu/Memory.h"
#include "ag/Abi/ag_abi.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

bool alignedTo(void *p, uintptr_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

TEST(AgRtAlignedAlloc, SmallAndLargeBuffersAreUsableAndAligned) {
  for (uint64_t bytes : {1u, 8u, 64u, 600u, 1024u, 1025u, 4096u, 1u << 20, (8u << 20) + 3}) {
    void *p = ag_rt_aligned_alloc(64, bytes);
    ASSERT_NE(p, nullptr) << bytes;
    // malloc's own alignment at least; the alignment asked for above the small cutoff.
    EXPECT_TRUE(alignedTo(p, alignof(std::max_align_t))) << bytes;
    if (bytes > 1024) {
      EXPECT_TRUE(alignedTo(p, 64)) << bytes;
    }
    std::memset(p, 0xab, bytes);
    EXPECT_EQ(static_cast<unsigned char *>(p)[bytes - 1], 0xab);
    if (bytes % 2)
      ag_rt_free(p);
    else
      std::free(p); // the runtime frees result buffers with free()
  }
}

// Buffers of both kinds made in a guarded call that then fails are released by the
// guard (the call's live list), and later calls allocate normally.
void *heldSmall = nullptr;
void *heldLarge = nullptr;

void allocateThenFail(void **) {
  heldSmall = ag_rt_aligned_alloc(64, 16);
  heldLarge = ag_rt_aligned_alloc(64, 1 << 16);
  ag_rt_aligned_alloc(64, uint64_t(1) << 62); // cannot be served: abandons the call
}

void allocateAndFree(void **) {
  for (int i = 0; i < 1000; ++i) {
    void *a = ag_rt_aligned_alloc(64, 8);
    void *b = ag_rt_aligned_alloc(64, 8);
    ag_rt_free(a);
    ag_rt_free(b);
  }
}

// Buffers of 4 MiB and more are advised onto huge pages (an optimisation only): both
// allocation functions still hand out whole, writable buffers.
TEST(AgRtAlloc, LargeBuffersAreWholeAndWritable) {
  for (uint64_t bytes : {uint64_t(4) << 20, (uint64_t(32) << 20) + 1}) {
    auto *p = static_cast<unsigned char *>(ag_rt_alloc(bytes));
    ASSERT_NE(p, nullptr);
    std::memset(p, 0x5a, bytes);
    EXPECT_EQ(p[0], 0x5a);
    EXPECT_EQ(p[bytes - 1], 0x5a);
    ag_rt_free(p);
  }
}

TEST(AgRtAlignedAlloc, GuardedCallReleasesSmallAndLargeBuffersOnFailure) {
  std::optional<uint64_t> failed = mlir::ag::callGuarded(allocateThenFail, nullptr);
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(*failed, uint64_t(1) << 62);
  EXPECT_NE(heldSmall, nullptr);
  EXPECT_NE(heldLarge, nullptr);
  EXPECT_FALSE(mlir::ag::callGuarded(allocateAndFree, nullptr).has_value());
}

} // namespace

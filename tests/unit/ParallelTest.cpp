//===- ParallelTest.cpp - ag_rt_parallel_for ------------------------------===//
//
// ag_rt_parallel_for covers [0, n) with min(n, 4 x threads) disjoint contiguous ranges
// of sizes that differ by at most one; calls nothing for n <= 0; runs (0, n) on the caller
// when the work is small, when one thread is asked for or inside a parallel region;
// abandons the whole guarded call when an allocation fails on any thread; and is safe
// to call from several threads at once. The process's thread count is ag_rt_num_threads()
// (AG_NUM_THREADS as ctest runs it: unset, so the cores); tests that need two threads
// say so when there is one.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"
#include "ag/Backends/Cpu/Memory.h"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

using Range = std::pair<int64_t, int64_t>;

struct Ranges {
  std::mutex mutex;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::vector<std::thread::id> threads;
};

void record(int64_t begin, int64_t end, void *context) {
  auto *r = static_cast<Ranges *>(context);
  std::lock_guard<std::mutex> lock(r->mutex);
  r->ranges.push_back({begin, end});
  r->threads.push_back(std::this_thread::get_id());
}

constexpr int64_t kBig = AG_PARALLEL_MIN_WORK;

TEST(AgRtParallelFor, PartitionsCoverEveryIterationOnce) {
  int64_t threads = ag_rt_num_threads();
  ASSERT_GE(threads, 1);
  for (int64_t n : {1, 2, 3, 5, 7, 64, 1000, 1001}) {
    Ranges r;
    ag_rt_parallel_for(n, kBig, record, &r);
    std::sort(r.ranges.begin(), r.ranges.end());
    ASSERT_FALSE(r.ranges.empty()) << n;
    EXPECT_EQ((int64_t)r.ranges.size(), std::min(4 * threads, n)) << n;
    int64_t next = 0, smallest = n, largest = 0;
    for (auto [begin, end] : r.ranges) {
      EXPECT_EQ(begin, next) << n; // contiguous, disjoint, in order
      EXPECT_LT(begin, end) << n;  // never an empty range
      smallest = std::min(smallest, end - begin);
      largest = std::max(largest, end - begin);
      next = end;
    }
    EXPECT_EQ(next, n);
    EXPECT_LE(largest - smallest, 1) << n;
  }
}

TEST(AgRtParallelFor, FewerIterationsThanThreadsRunOneRangeEach) {
  Ranges r;
  ag_rt_parallel_for(1, kBig, record, &r);
  ASSERT_EQ(r.ranges.size(), 1u);
  EXPECT_EQ(r.ranges[0], (Range{0, 1}));
  EXPECT_EQ(r.threads[0], std::this_thread::get_id());
  if (ag_rt_num_threads() < 2)
    return;
  Ranges two;
  ag_rt_parallel_for(2, kBig, record, &two);
  std::sort(two.ranges.begin(), two.ranges.end());
  ASSERT_EQ(two.ranges.size(), 2u);
  EXPECT_EQ(two.ranges[0], (Range{0, 1}));
  EXPECT_EQ(two.ranges[1], (Range{1, 2}));
}

TEST(AgRtParallelFor, NoIterationsCallNothing) {
  for (int64_t n : {0, -1, -100}) {
    Ranges r;
    ag_rt_parallel_for(n, kBig, record, &r);
    EXPECT_TRUE(r.ranges.empty()) << n;
  }
}

TEST(AgRtParallelFor, SmallWorkRunsOnTheCaller) {
  Ranges r;
  ag_rt_parallel_for(1000, kBig - 1, record, &r);
  ASSERT_EQ(r.ranges.size(), 1u);
  EXPECT_EQ(r.ranges[0], (Range{0, 1000}));
  EXPECT_EQ(r.threads[0], std::this_thread::get_id());
}

TEST(AgRtParallelFor, InsideAParallelRegionRunsSerially) {
  std::vector<Ranges> perThread(2);
#pragma omp parallel num_threads(2)
  ag_rt_parallel_for(100, kBig, record, &perThread[omp_get_thread_num()]);
  for (Ranges &r : perThread) {
    ASSERT_EQ(r.ranges.size(), 1u);
    EXPECT_EQ(r.ranges[0], (Range{0, 100}));
  }
}

/// Every element doubled, as a split loop would: each range writes its own elements.
void doubleRange(int64_t begin, int64_t end, void *context) {
  auto *v = static_cast<std::vector<int64_t> *>(context);
  for (int64_t i = begin; i < end; ++i)
    (*v)[i] *= 2;
}

TEST(AgRtParallelFor, ConcurrentCallersEachGetTheirWholeLoop) {
  constexpr int kCallers = 4;
  constexpr int64_t kN = 100003;
  std::vector<std::vector<int64_t>> data(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    data[c].resize(kN);
    for (int64_t i = 0; i < kN; ++i)
      data[c][i] = i + c;
    callers.emplace_back([&, c] {
      for (int repeat = 0; repeat < 20; ++repeat)
        ag_rt_parallel_for(kN, kBig, doubleRange, &data[c]);
    });
  }
  for (std::thread &t : callers)
    t.join();
  for (int c = 0; c < kCallers; ++c)
    for (int64_t i = 0; i < kN; i += 997)
      ASSERT_EQ(data[c][i], (i + c) << 20) << c << " " << i;
}

/// Allocates an impossible buffer in the range that holds `failAt`.
struct FailAt {
  int64_t failAt;
  std::atomic<int> freedRanges{0};
};

void allocateInRange(int64_t begin, int64_t end, void *context) {
  auto *f = static_cast<FailAt *>(context);
  void *ok = ag_rt_aligned_alloc(64, 4096); // freed by the guard when the range fails
  if (begin <= f->failAt && f->failAt < end)
    ag_rt_aligned_alloc(64, uint64_t(1) << 62);
  ag_rt_free(ok);
  f->freedRanges++;
}

void splitLoopThatFails(void **args) {
  ag_rt_parallel_for(1000, kBig, allocateInRange, args[0]);
}

TEST(AgRtParallelFor, AFailedAllocationOnAnyThreadAbandonsTheCall) {
  for (int64_t failAt : {0, 999}) { // the caller's range, the last thread's
    FailAt f{failAt};
    void *args[] = {&f};
    std::optional<uint64_t> failed = mlir::ag::callGuarded(splitLoopThatFails, args);
    ASSERT_TRUE(failed.has_value()) << failAt;
    EXPECT_EQ(*failed, uint64_t(1) << 62);
    // The other ranges ran to their end; the failing one did not.
    EXPECT_EQ(f.freedRanges.load(), (int)std::min<int64_t>(4 * ag_rt_num_threads(), 1000) - 1);
  }
}

} // namespace

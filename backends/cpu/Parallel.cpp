//===- Parallel.cpp - Loops split across threads ---------------------------===//
//
// ag_rt_parallel_for (ag_abi.h), called by the loops ag-parallel-loops outlined. It
// runs on libgomp's pool, the one oneDNN's kernels use, so a split loop and a oneDNN
// call never hold more threads than AG_NUM_THREADS between them.
//
// Ranges are contiguous, kChunksPerThread per thread, handed out in order to whichever
// thread asks next. Every iteration of the loops we split costs about the same, so one
// range per thread would do on an idle machine; on a shared one a thread of the team
// may start late or be descheduled, and the others then take its ranges instead of
// waiting for it (measured on this project's loaded 2-core machine: one static range
// per thread made 2 threads slower than 1). Ranges stay large enough to keep each
// thread streaming through its own rows.
//
// Each thread runs its range guarded (callGuardedRange): an allocation failing on a
// worker cannot longjmp into the calling thread's frames, so the failure is recorded
// and the caller abandons its call after the team has joined, as it would have on one
// thread.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"
#include "ag/Backends/Cpu/Memory.h"

#include <omp.h>

#include <algorithm>
#include <atomic>

namespace {
/// Ranges per thread (see above).
constexpr int64_t kChunksPerThread = 4;
} // namespace

extern "C" void ag_rt_parallel_for(int64_t n, int64_t work,
                                   void (*body)(int64_t, int64_t, void *),
                                   void *context) {
  if (n <= 0)
    return;
  int64_t threads = std::min(ag_rt_num_threads(), n);
  if (threads <= 1 || work < AG_PARALLEL_MIN_WORK || omp_in_parallel()) {
    body(0, n, context);
    return;
  }
  int64_t chunks = std::min(n, threads * kChunksPerThread);
  int64_t quotient = n / chunks, remainder = n % chunks;
  std::atomic<int64_t> next{0};
  std::atomic<uint64_t> failedBytes{0};
#pragma omp parallel num_threads(threads)
  for (int64_t c = next++; c < chunks; c = next++) {
    int64_t begin = c * quotient + std::min(c, remainder);
    int64_t end = begin + quotient + (c < remainder ? 1 : 0);
    if (std::optional<uint64_t> failed = mlir::ag::callGuardedRange(body, begin, end, context))
      failedBytes.store(std::max<uint64_t>(*failed, 1));
  }
  if (uint64_t bytes = failedBytes.load())
    mlir::ag::abandonCall(bytes);
}

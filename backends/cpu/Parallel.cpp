//===- Parallel.cpp - Loops split across threads ---------------------------===//
//
// ag_rt_parallel_for (ag_abi.h), called by the loops ag-parallel-loops outlined.
//
// Ranges: min(n, 4 x threads) contiguous ranges of equal size (give or take one),
// claimed in order by whichever thread asks next; the caller claims them too.
//
// Why not an OpenMP parallel region (libgomp, oneDNN's runtime): its join is a
// barrier, which waits for every thread of the team to have run. On a shared machine
// a woken worker may wait for a CPU for a whole scheduler slice while the caller has
// long done every range itself: measured on this project's 2-core machine at load 5-6
// (bench --quick --threads 2), layer norm 0.30 -> 16 ms, row means 0.41 -> 32 ms,
// median, with `#pragma omp parallel`. Here the caller waits only for the ranges a
// worker has claimed: a worker that wakes late finds nothing left and sleeps again, so
// a loaded machine costs a wake-up, not a time slice. The workers (AG_NUM_THREADS - 1,
// started on first use) sleep on a condition variable between loops and never spin,
// so they take no CPU from oneDNN's OpenMP threads (the same AG_NUM_THREADS) when
// idle: the two never run at once within a call of compiled code, which runs its
// library calls and its loops one after the other.
//
// One loop at a time uses the workers: a second caller (another Python thread, or a
// body calling compiled code again) runs its loop alone on its own thread. A fork()ed
// child has no workers, and needs none: the caller claims every range itself.
//
// Each range runs guarded (callGuardedRange): an allocation failing on a worker cannot
// longjmp into the calling thread's frames, so the failure is recorded and the caller
// abandons its call after every range has ended, as it would have on one thread.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"
#include "ag/Backends/Cpu/Memory.h"

#include <omp.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

/// Ranges per thread (see above).
constexpr int64_t kChunksPerThread = 4;

using Body = void (*)(int64_t, int64_t, void *);

class Pool {
public:
  /// The process's pool (never destroyed: its workers outlive static destructors).
  static Pool &get() {
    static Pool *pool = new Pool();
    return *pool;
  }

  /// Runs body on [0, n) in `chunks` ranges with the workers, or returns false when
  /// another loop holds them.
  bool run(int64_t n, int64_t chunks, int64_t threads, Body body, void *context,
           uint64_t &failedBytes) {
    std::unique_lock<std::mutex> owner(runMutex, std::try_to_lock);
    if (!owner.owns_lock())
      return false;
    startWorkers(threads - 1);
    uint64_t gen;
    {
      std::lock_guard<std::mutex> lock(mutex);
      job = {body, context, n / chunks, n % chunks, chunks};
      next = done = 0;
      failed = 0;
      active = true;
      gen = ++generation;
    }
    wake.notify_all();
    work(gen);
    std::unique_lock<std::mutex> lock(mutex);
    finished.wait(lock, [&] { return done == job.chunks; });
    active = false;
    failedBytes = failed;
    return true;
  }

private:
  struct Job {
    Body body = nullptr;
    void *context = nullptr;
    int64_t quotient = 0, remainder = 0, chunks = 0;
  };

  void startWorkers(int64_t count) {
    for (; started < count; ++started)
      std::thread([this] { workerLoop(); }).detach();
  }

  void workerLoop() {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return generation != seen; });
        seen = generation;
      }
      work(seen);
    }
  }

  /// Claims and runs ranges of job `gen` until none is left. A range is claimed under
  /// the lock, while the job is still the one `gen` names, so the job's fields are
  /// read only while its caller is waiting for them.
  void work(uint64_t gen) {
    for (;;) {
      Job j;
      int64_t c;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!active || generation != gen || next >= job.chunks)
          return;
        c = next++;
        j = job;
      }
      int64_t begin = c * j.quotient + std::min(c, j.remainder);
      int64_t end = begin + j.quotient + (c < j.remainder ? 1 : 0);
      std::optional<uint64_t> failure =
          mlir::ag::callGuardedRange(j.body, begin, end, j.context);
      bool last;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure)
          failed = std::max<uint64_t>(*failure, 1);
        last = ++done == job.chunks;
      }
      if (last)
        finished.notify_all();
    }
  }

  std::mutex runMutex; // held by the loop using the workers
  std::mutex mutex;    // guards everything below
  std::condition_variable wake, finished;
  Job job;
  int64_t next = 0, done = 0;
  uint64_t failed = 0;
  uint64_t generation = 0;
  bool active = false;
  int64_t started = 0; // workers (under runMutex)
};

} // namespace

extern "C" void ag_rt_parallel_for(int64_t n, int64_t work, Body body, void *context) {
  if (n <= 0)
    return;
  int64_t threads = std::min(ag_rt_num_threads(), n);
  if (threads <= 1 || work < AG_PARALLEL_MIN_WORK || omp_in_parallel()) {
    body(0, n, context);
    return;
  }
  int64_t chunks = std::min(n, threads * kChunksPerThread);
  uint64_t failedBytes = 0;
  if (!Pool::get().run(n, chunks, threads, body, context, failedBytes)) {
    body(0, n, context); // the workers are busy with another loop
    return;
  }
  if (failedBytes)
    mlir::ag::abandonCall(failedBytes);
}

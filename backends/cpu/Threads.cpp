//===- Threads.cpp - How many threads compiled code and oneDNN use --------===//
//
// ag_rt_num_threads (ag_abi.h): $AG_NUM_THREADS, else OpenMP's default. Its own small
// library because the oneDNN kernels (which set their OpenMP team size from it) sit
// below the JIT that holds ag_rt_parallel_for.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <omp.h>

#include <cstdio>
#include <cstdlib>

extern "C" int64_t ag_rt_num_threads(void) {
  static const int64_t threads = [] {
    // Read on first use, on whichever thread: omp_get_max_threads is then the global
    // default (OMP_NUM_THREADS, else the cores this process may run on).
    int64_t fallback = omp_get_max_threads();
    const char *env = std::getenv("AG_NUM_THREADS");
    if (!env || !*env)
      return fallback;
    char *end = nullptr;
    long long value = std::strtoll(env, &end, 10);
    if (*end != '\0' || value < 1 || value > 4096) {
      std::fprintf(stderr,
                   "ag: AG_NUM_THREADS=%s is not a thread count from 1 to 4096; using %lld\n",
                   env, (long long)fallback);
      return fallback;
    }
    return (int64_t)value;
  }();
  return threads;
}

//===- Memory.cpp - Heap memory of compiled code, failed allocations ------===//
//
// memref.alloc/dealloc lower to MLIR's generic allocation functions (the ag-to-llvm
// stage sets use-generic-functions), which the JIT binds to ag_rt_alloc/ag_rt_free.
//
// What to do when malloc fails (np.ones(n) with a staged n of 2**40): compiled code
// goes on to write the whole buffer, so no pointer it could be given is safe -- a small
// static block or a null pointer is written past at once, and reserving address space
// for the full size only defers the failure to the page faults (an OOM kill). Checking
// sizes before the work cannot cover every allocation (temporaries inside fused loops
// and staged loops are sized by the lowering, not by the frontend). So the allocation
// does not return: it longjmps back to callGuarded, which called the compiled code,
// and the call is abandoned there -- as numpy stops at the allocation that raised.
// This is safe because only compiled code runs between the two: it is generated LLVM
// IR without destructors or locks (host callbacks take and release the GIL within one
// call, oneDNN kernels do not allocate through here, and the sort kernels, which do,
// hold nothing but plain pointers to such buffers), so the jump skips nothing that
// needed to run. The buffers the call still holds are freed (each call keeps a list of
// its live allocations), and arguments are never written by compiled code, so nothing
// the caller sees has changed. Printed output before the failure stays printed, as
// numpy's would.
//
//===----------------------------------------------------------------------===//

#include "ag/Backends/Cpu/Memory.h"

#include "ag/Abi/ag_abi.h"

#include <sys/mman.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

/// The buffers a call allocated and has not freed: inline up to 16 of them (a
/// std::vector here was a malloc and a free on every call of a small function).
class LiveBuffers {
public:
  LiveBuffers() = default;
  LiveBuffers(const LiveBuffers &) = delete;
  LiveBuffers &operator=(const LiveBuffers &) = delete;
  ~LiveBuffers() {
    if (items != local)
      std::free(items);
  }
  /// False when the list could not grow (as out of memory as the allocation).
  bool add(void *p) {
    if (count == capacity) {
      auto *grown = static_cast<void **>(std::malloc(2 * capacity * sizeof(void *)));
      if (!grown)
        return false;
      std::memcpy(grown, items, count * sizeof(void *));
      if (items != local)
        std::free(items);
      items = grown;
      capacity *= 2;
    }
    items[count++] = p;
    return true;
  }
  void remove(void *p) {
    // Buffers are mostly freed in about the order they were made (a loop frees the
    // previous iteration's): search from the end.
    for (size_t i = count; i-- > 0;)
      if (items[i] == p) {
        items[i] = items[--count];
        return;
      }
  }
  void freeAll() {
    for (size_t i = 0; i < count; ++i)
      std::free(items[i]);
    count = 0;
  }

private:
  void *local[16];
  void **items = local;
  size_t count = 0, capacity = 16;
};

/// One guarded call on this thread (nested calls stack up through `outer`).
struct Guard {
  std::jmp_buf env;
  /// Buffers allocated by this call and not freed yet (results included).
  LiveBuffers live;
  uint64_t failedBytes = 0;
  Guard *outer = nullptr;
};

thread_local Guard *current = nullptr;

/// Buffers up to this size are malloc'ed even when an alignment is asked for.
constexpr uint64_t kSmallBuffer = 1024;

/// What a guarded call runs: a packed entry or a range of a split loop's body.
struct Work {
  void (*packed)(void **) = nullptr;
  void **args = nullptr;
  void (*range)(int64_t, int64_t, void *) = nullptr;
  int64_t begin = 0, end = 0;
  void *context = nullptr;
};

/// setjmp sits in a function of its own whose only state lives in the caller's
/// `guard`: no local of this frame is changed between setjmp and longjmp (their values
/// would be indeterminate afterwards).
[[gnu::noinline]] bool runToEnd(Guard &guard, const Work &work) {
  if (setjmp(guard.env) != 0)
    return false;
  if (work.packed)
    work.packed(work.args);
  else
    work.range(work.begin, work.end, work.context);
  return true;
}

std::optional<uint64_t> runGuarded(const Work &work) {
  Guard guard;
  guard.outer = current;
  current = &guard;
  bool done = runToEnd(guard, work);
  current = guard.outer;
  if (done)
    return std::nullopt;
  guard.live.freeAll();
  return guard.failedBytes;
}

[[noreturn]] void abandon(Guard *guard, uint64_t bytes) {
  if (!guard) {
    // Compiled code called outside callGuarded: there is nowhere to go back to.
    std::fprintf(stderr, "ag: compiled code could not allocate %llu bytes\n",
                 (unsigned long long)bytes);
    std::abort();
  }
  guard->failedBytes = bytes;
  std::longjmp(guard->env, 1);
}

} // namespace

std::optional<uint64_t> mlir::ag::callGuarded(void (*fn)(void **), void **args) {
  Work work;
  work.packed = fn;
  work.args = args;
  return runGuarded(work);
}

std::optional<uint64_t> mlir::ag::callGuardedRange(void (*body)(int64_t, int64_t, void *),
                                                   int64_t begin, int64_t end,
                                                   void *context) {
  Work work;
  work.range = body;
  work.begin = begin;
  work.end = end;
  work.context = context;
  return runGuarded(work);
}

void mlir::ag::abandonCall(uint64_t bytes) { abandon(current, bytes); }

namespace {

/// The end of every allocation: records `p` (from malloc or aligned_alloc, `bytes`
/// asked for) with the running call, or abandons the call when it is null.
void *track(void *p, uint64_t bytes) {
  Guard *guard = current;
  if (p && guard && !guard->live.add(p)) {
    std::free(p);
    p = nullptr;
  }
  if (p || bytes == 0)
    return p;
  abandon(guard, bytes);
}

/// Large buffers are backed by transparent huge pages where the kernel offers them on
/// request (THP "madvise", Debian's default), as numpy 1.24 does for its arrays of 4 MiB
/// and more (PyDataMem_UserNEW): a fresh 32 MB result otherwise takes ~8000 page faults,
/// each zeroing 4 KiB, against 16 of 2 MiB, and costs several times the loop that
/// fills it.
void adviseHugePages(void *p, uint64_t bytes) {
  constexpr uint64_t kHugeAdviceBytes = uint64_t(1) << 22;
  if (!p || bytes < kHugeAdviceBytes)
    return;
  uintptr_t begin = reinterpret_cast<uintptr_t>(p);
  uintptr_t page = 4096;
  uintptr_t first = (begin + page - 1) / page * page;
  // Only an optimisation: a kernel without THP refuses it, which changes nothing.
  (void)madvise(reinterpret_cast<void *>(first), begin + bytes - first, MADV_HUGEPAGE);
}

} // namespace

extern "C" {

void *ag_rt_alloc(uint64_t bytes) {
  // malloc, because the runtime frees result buffers with free().
  void *p = std::malloc(bytes);
  adviseHugePages(p, bytes);
  return track(p, bytes);
}

void *ag_rt_aligned_alloc(uint64_t alignment, uint64_t bytes) {
  // Small buffers come from malloc: glibc's aligned_alloc (memalign) bypasses malloc's
  // per-thread cache and carves an aligned chunk out of a larger one, ~50 ns against
  // ~10 ns, and compiled loops make such buffers every iteration (0-d values carried
  // through a staged if, the few-element arrays of an n-body step: nbody 0.039 ->
  // 0.082 ms and collatz 0.063 -> 0.18 ms when every buffer was memalign'ed). Nothing
  // relies on the alignment for correctness (the lowering emits no alignment
  // assumption), and a buffer this small gains nothing from a cache-line alignment;
  // the cutoff is the largest size that cache serves (1032 bytes on glibc 2.36).
  if (bytes <= kSmallBuffer)
    return track(std::malloc(bytes), bytes);
  // aligned_alloc wants a multiple of the alignment; free() releases it like malloc's.
  uint64_t rounded = (bytes + alignment - 1) / alignment * alignment;
  void *p = rounded >= bytes ? std::aligned_alloc(alignment, rounded) : nullptr;
  adviseHugePages(p, bytes);
  return track(p, bytes);
}

void ag_rt_free(void *p) {
  if (Guard *guard = current)
    guard->live.remove(p);
  std::free(p);
}

// The names compiled code calls them by (AG_ABI_ALLOC, ...), for shared objects linked
// against this library; the JIT binds those names to the functions above itself.
void *_mlir_memref_to_llvm_alloc(uint64_t bytes) __attribute__((alias("ag_rt_alloc")));
void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes)
    __attribute__((alias("ag_rt_aligned_alloc")));
void _mlir_memref_to_llvm_free(void *p) __attribute__((alias("ag_rt_free")));

} // extern "C"

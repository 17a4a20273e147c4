//===- Memory.h - Heap memory of compiled code, failed allocations --------*- C++ -*-===//
//
// Compiled code allocates through ag_rt_alloc (ag/Abi/ag_abi.h). A failed
// allocation abandons the running call: callGuarded returns the size that could not be
// allocated, with every buffer the call still held freed, and the caller raises
// MemoryError. See Memory.cpp for why abandoning is the safe choice.
//
//===----------------------------------------------------------------------===//

#ifndef AG_BACKENDS_CPU_MEMORY_H
#define AG_BACKENDS_CPU_MEMORY_H

#include <cstdint>
#include <optional>

namespace mlir {
namespace ag {

/// Calls the packed entry `fn` on `args`. Returns std::nullopt when it ran to the end,
/// or the byte count of the allocation that failed, in which case the call was
/// abandoned at that allocation and the buffers it had allocated (results included)
/// are freed: the result storage must not be read. Calls may nest (a host callback of
/// compiled code may call compiled code again) and run on any number of threads.
std::optional<uint64_t> callGuarded(void (*fn)(void **), void **args);

/// Runs body(begin, end, context) guarded as callGuarded runs a call: a range of a loop
/// split across threads runs so on each thread (a longjmp cannot cross threads).
/// Buffers the range allocates and does not free are its own: they are freed when it
/// fails but otherwise no longer tracked by the call that split the loop.
std::optional<uint64_t> callGuardedRange(void (*body)(int64_t, int64_t, void *),
                                         int64_t begin, int64_t end, void *context);

/// Abandons the guarded call running on this thread as a failed allocation of `bytes`
/// would (aborts when there is none).
[[noreturn]] void abandonCall(uint64_t bytes);

} // namespace ag
} // namespace mlir

#endif // AG_BACKENDS_CPU_MEMORY_H

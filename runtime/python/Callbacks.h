//===- Callbacks.h - Host callbacks of compiled code (print, failures) -*- C++ -*-===//

#ifndef AG_RUNTIME_PYTHON_CALLBACKS_H
#define AG_RUNTIME_PYTHON_CALLBACKS_H

#include <Python.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlir {
namespace ag {
/// While alive, callbacks compiled code makes on this thread map their ordinals
/// (AG_ABI_CALLBACK_BASE + i) to `ids[i]`, the ids the Python side registered (see
/// Tracer::numberCallbacks); restores the previous table when it ends, so a callback
/// that calls another compiled function finds its own again.
class CallbackScope {
public:
  explicit CallbackScope(const std::vector<int64_t> &ids);
  ~CallbackScope();
  CallbackScope(const CallbackScope &) = delete;
  CallbackScope &operator=(const CallbackScope &) = delete;

private:
  const std::vector<int64_t> *previous;
};

/// The ag_rt_* symbols of ag_abi.h with their addresses, for the JIT.
std::vector<std::pair<std::string, void *>> callbackSymbols();
/// After a compiled call returned: raises (returns -1) if the call reported a failure
/// (a staged assert) or a print handler raised; returns 0 otherwise.
int raisePendingFailure();
/// After a compiled call was abandoned at an allocation of `bytes` that failed
/// (mlir::ag::callGuarded): raises the failure the call reported before it, if any, else
/// MemoryError naming `function` (through the handler set_memory_handler installed).
/// Always returns -1.
int raiseAllocationFailure(uint64_t bytes, const char *function);
/// Adds set_callbacks(print_handler, failure_handler), set_memory_handler(handler) and
/// set_host_handler(handler) to `module`.
int registerCallbacks(PyObject *module);
} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PYTHON_CALLBACKS_H

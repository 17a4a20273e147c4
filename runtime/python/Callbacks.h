//===- Callbacks.h - Host callbacks of compiled code (print, failures) -*- C++ -*-===//

#ifndef AG_RUNTIME_PYTHON_CALLBACKS_H
#define AG_RUNTIME_PYTHON_CALLBACKS_H

#include <Python.h>

#include <string>
#include <utility>
#include <vector>

namespace mlir {
namespace ag {
/// The ag_rt_* symbols of ag_abi.h with their addresses, for the JIT.
std::vector<std::pair<std::string, void *>> callbackSymbols();
/// After a compiled call returned: raises (returns -1) if the call reported a failure
/// (a staged assert) or a print handler raised; returns 0 otherwise.
int raisePendingFailure();
/// Adds set_callbacks(print_handler, failure_handler) to `module`.
int registerCallbacks(PyObject *module);
} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PYTHON_CALLBACKS_H

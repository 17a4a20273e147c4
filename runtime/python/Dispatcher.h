//===- Dispatcher.h - The C call path of staged functions -------*- C++ -*-===//

#ifndef AG_RUNTIME_PYTHON_DISPATCHER_H
#define AG_RUNTIME_PYTHON_DISPATCHER_H

#include <Python.h>

namespace mlir {
namespace ag {
/// Adds the `Dispatcher` type to `module`; returns -1 with a Python error set on failure.
int registerDispatcher(PyObject *module);
} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PYTHON_DISPATCHER_H

//===- StagingErrors.h - The errors both extensions raise -------*- C++ -*-===//
//
// ag._agrt (the runtime) and ag._ag (the compiler) raise the same StagingError for
// every failure the user can cause (bad shapes, dtypes, ...; the frontend turns it into
// the matching ag error with the user's file:line) and parse dtype names the same way.
// Inline: each extension keeps its own copy, so no C++ exception crosses a shared
// object boundary (pybind11's types are hidden in each).
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_PYTHON_STAGINGERRORS_H
#define AG_RUNTIME_PYTHON_STAGINGERRORS_H

#include "ag/Runtime/HostArray.h"

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

namespace mlir {
namespace ag {

/// ag._agrt.StagingError: made by _agrt's init, looked up there by _ag's.
inline PyObject *&stagingErrorClass() {
  static PyObject *error = nullptr;
  return error;
}

[[noreturn]] inline void raiseStaging(const std::string &message) {
  PyErr_SetString(stagingErrorClass(), message.c_str());
  throw pybind11::error_already_set();
}

inline DType parseDType(const std::string &name) {
  if (std::optional<DType> d = dtypeFromString(name))
    return *d;
  throw pybind11::type_error("ag stages bool, (u)int8/16/32/64, float16/32/64 and "
                             "complex64/128 arrays, not " + name);
}

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PYTHON_STAGINGERRORS_H

//===- Callbacks.cpp - Host callbacks of compiled code (print, failures) --===//
//
// Implements the ag_rt_* entries of ag_abi.h. Compiled code runs with the GIL released;
// a print callback takes the GIL, copies the value into a numpy array and queues it;
// print_end hands the queue to the Python print handler (the frontend formats with
// numpy's rules and the user's literal arguments). A failure (staged assert) is recorded
// per thread and raised by the caller once the compiled function returns: compiled code
// cannot unwind, so it runs to the end and its results are discarded. A failed
// allocation abandons the call instead (backends/cpu/Memory.cpp); raiseAllocationFailure
// then raises MemoryError through the handler the frontend installs.
//
//===----------------------------------------------------------------------===//

#include "Callbacks.h"

#include "ag_abi.h"

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL ag_dispatcher_ARRAY_API
#define NO_IMPORT_ARRAY
#include <numpy/arrayobject.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <pthread.h>

namespace {

PyObject *printHandler = nullptr;   // callable(callback_id, list_of_arrays)
PyObject *failureHandler = nullptr; // callable(callback_id) -> raises
PyObject *memoryHandler = nullptr;  // callable(bytes, function_name) -> raises
thread_local std::vector<PyObject *> pendingValues;
thread_local int64_t pendingFailure = -1;
thread_local PyObject *pendingType = nullptr, *pendingValue = nullptr,
                      *pendingTraceback = nullptr;

/// Copies a strided memref (descriptor: allocated, aligned, offset, sizes, strides) of
/// `itemsize`-byte elements into a new contiguous numpy array.
PyObject *copyToNumpy(const AgUnrankedMemRef *m, int typenum, size_t itemsize) {
  int64_t rank = m->rank;
  auto *desc = static_cast<const int64_t *>(m->descriptor);
  const char *base = reinterpret_cast<const char *>(desc[1]) + desc[2] * itemsize;
  const int64_t *sizes = desc + 3, *strides = desc + 3 + rank;
  std::vector<npy_intp> dims(sizes, sizes + rank);
  PyObject *arr = PyArray_SimpleNew((int)rank, dims.data(), typenum);
  if (!arr)
    return nullptr;
  char *out = static_cast<char *>(PyArray_DATA(reinterpret_cast<PyArrayObject *>(arr)));
  npy_intp total = PyArray_SIZE(reinterpret_cast<PyArrayObject *>(arr));
  std::vector<int64_t> index(rank, 0);
  for (npy_intp n = 0; n < total; ++n) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += index[d] * strides[d];
    std::memcpy(out + n * itemsize, base + offset * itemsize, itemsize);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < sizes[d])
        break;
      index[d] = 0;
    }
  }
  return arr;
}

void stashError() {
  if (!pendingType)
    PyErr_Fetch(&pendingType, &pendingValue, &pendingTraceback);
  else
    PyErr_Clear();
}

template <int Typenum, size_t Itemsize>
void printValue(int64_t, AgUnrankedMemRef *value) {
  if (pendingFailure >= 0)
    return; // Python would have stopped at the failed assert: print nothing after it
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *arr = copyToNumpy(value, Typenum, Itemsize);
  if (arr)
    pendingValues.push_back(arr);
  else
    stashError();
  PyGILState_Release(gil);
}

} // namespace

extern "C" {
void _mlir_ciface_ag_rt_print_f32(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_FLOAT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_print_f64(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_FLOAT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_print_i32(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_INT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_print_i64(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_INT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_print_i1(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_BOOL, 1>(id, v);
}
void _mlir_ciface_ag_rt_print_end(int64_t id) {
  if (pendingFailure >= 0)
    return;
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *list = PyList_New((Py_ssize_t)pendingValues.size());
  for (size_t i = 0; list && i < pendingValues.size(); ++i)
    PyList_SET_ITEM(list, i, pendingValues[i]); // steals
  if (!list)
    for (PyObject *v : pendingValues)
      Py_DECREF(v);
  pendingValues.clear();
  if (list && printHandler) {
    PyObject *r = PyObject_CallFunction(printHandler, "LO", (long long)id, list);
    if (!r)
      stashError();
    Py_XDECREF(r);
  }
  Py_XDECREF(list);
  PyGILState_Release(gil);
}
void _mlir_ciface_ag_rt_fail(int64_t id) {
  if (pendingFailure < 0)
    pendingFailure = id;
}

bool _mlir_ciface_ag_rt_stack_ok(int64_t id) {
  // The lowest frame address a recursive call may use on this thread: the stack's end
  // plus a reserve for the frames of whatever the deepest call still runs (oneDNN,
  // libm, the callbacks).
  thread_local uintptr_t limit = [] {
    pthread_attr_t attr;
    void *low = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &low, &size);
      pthread_attr_destroy(&attr);
    }
    size_t reserve = std::min<size_t>(size / 4, size_t(1) << 20);
    return reinterpret_cast<uintptr_t>(low) + reserve;
  }();
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) > limit)
    return true;
  _mlir_ciface_ag_rt_fail(id);
  return false;
}
} // extern "C"

std::vector<std::pair<std::string, void *>> mlir::ag::callbackSymbols() {
  return {
      {"_mlir_ciface_ag_rt_print_f32", (void *)&_mlir_ciface_ag_rt_print_f32},
      {"_mlir_ciface_ag_rt_print_f64", (void *)&_mlir_ciface_ag_rt_print_f64},
      {"_mlir_ciface_ag_rt_print_i32", (void *)&_mlir_ciface_ag_rt_print_i32},
      {"_mlir_ciface_ag_rt_print_i64", (void *)&_mlir_ciface_ag_rt_print_i64},
      {"_mlir_ciface_ag_rt_print_i1", (void *)&_mlir_ciface_ag_rt_print_i1},
      {"_mlir_ciface_ag_rt_print_end", (void *)&_mlir_ciface_ag_rt_print_end},
      {"_mlir_ciface_ag_rt_fail", (void *)&_mlir_ciface_ag_rt_fail},
      {"_mlir_ciface_ag_rt_stack_ok", (void *)&_mlir_ciface_ag_rt_stack_ok},
  };
}

int mlir::ag::raisePendingFailure() {
  // Values of a print statement the call did not finish (it was abandoned, see
  // raiseAllocationFailure) must not show up in the next one.
  for (PyObject *v : pendingValues)
    Py_DECREF(v);
  pendingValues.clear();
  if (pendingType) { // a print handler raised: that error wins
    PyErr_Restore(pendingType, pendingValue, pendingTraceback);
    pendingType = pendingValue = pendingTraceback = nullptr;
    pendingFailure = -1;
    return -1;
  }
  if (pendingFailure < 0)
    return 0;
  int64_t id = pendingFailure;
  pendingFailure = -1;
  if (!failureHandler) {
    PyErr_Format(PyExc_AssertionError, "staged assertion %lld failed", (long long)id);
    return -1;
  }
  PyObject *r = PyObject_CallFunction(failureHandler, "L", (long long)id);
  if (r) { // the handler is expected to raise; if it did not, still fail
    Py_DECREF(r);
    PyErr_Format(PyExc_AssertionError, "staged assertion %lld failed", (long long)id);
  }
  return -1;
}

int mlir::ag::raiseAllocationFailure(uint64_t bytes, const char *function) {
  // A failure reported before the allocation came first, as numpy would have raised it.
  if (raisePendingFailure() < 0)
    return -1;
  if (!memoryHandler) {
    PyErr_Format(PyExc_MemoryError, "compiled code of '%s' could not allocate %llu bytes",
                 function, (unsigned long long)bytes);
    return -1;
  }
  PyObject *r = PyObject_CallFunction(memoryHandler, "Ks", (unsigned long long)bytes,
                                      function);
  if (r) { // the handler is expected to raise
    Py_DECREF(r);
    PyErr_Format(PyExc_MemoryError, "compiled code of '%s' could not allocate %llu bytes",
                 function, (unsigned long long)bytes);
  }
  return -1;
}

namespace {
PyObject *setMemoryHandler(PyObject *, PyObject *handler) {
  Py_INCREF(handler);
  Py_XSETREF(memoryHandler, handler);
  Py_RETURN_NONE;
}

PyObject *setCallbacks(PyObject *, PyObject *args) {
  PyObject *print, *failure;
  if (!PyArg_ParseTuple(args, "OO:set_callbacks", &print, &failure))
    return nullptr;
  Py_INCREF(print);
  Py_INCREF(failure);
  Py_XSETREF(printHandler, print);
  Py_XSETREF(failureHandler, failure);
  Py_RETURN_NONE;
}
PyMethodDef methods[] = {{"set_callbacks", setCallbacks, METH_VARARGS,
                          "Install the Python handlers of staged print and failures."},
                         {"set_memory_handler", setMemoryHandler, METH_O,
                          "Install the Python handler of failed allocations "
                          "(called with the byte count and the function's name)."},
                         {nullptr, nullptr, 0, nullptr}};
} // namespace

int mlir::ag::registerCallbacks(PyObject *module) {
  return PyModule_AddFunctions(module, methods);
}

//===- Callbacks.cpp - Host callbacks of compiled code (print, failures) --===//
//
// Implements the ag_rt_* entries of ag_abi.h. Compiled code runs with the GIL released;
// a print callback takes the GIL, copies the value into a numpy array and queues it;
// print_end hands the queue to the Python print handler (the frontend formats with
// numpy's rules and the user's literal arguments). A host call (ag.host_call) queues its
// arguments the same way, then hands them to the Python host handler together with a
// numpy view of the result buffer, which the handler fills. A failure (staged assert)
// is recorded per thread and raised by the caller once the compiled function returns:
// compiled code cannot unwind, so it runs to the end and its results are discarded. A
// failed allocation abandons the call instead (backends/cpu/Memory.cpp);
// raiseAllocationFailure then raises MemoryError through the handler the frontend
// installs.
//
// Compiled code names callbacks by ordinals of its module (ag_abi.h): each entry point
// maps them to the Python side's ids through the table of the function being called,
// which the caller installs for the thread (CallbackScope).
//
//===----------------------------------------------------------------------===//

#include "Callbacks.h"

#include "ag/Abi/ag_abi.h"

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL ag_dispatcher_ARRAY_API
#define NO_IMPORT_ARRAY
#include <numpy/arrayobject.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include <pthread.h>

namespace {

PyObject *printHandler = nullptr;   // callable(callback_id, list_of_arrays)
PyObject *failureHandler = nullptr; // callable(callback_id) -> raises
PyObject *memoryHandler = nullptr;  // callable(bytes, function_name) -> raises
PyObject *hostHandler = nullptr;    // callable(callback_id, list_of_arrays, out)
thread_local std::vector<PyObject *> pendingValues;
thread_local std::vector<PyObject *> hostArguments;
thread_local int64_t pendingFailure = -1;
thread_local const std::vector<int64_t> *callbackTable = nullptr;

/// The Python id of ordinal `id` of the running function. An ordinal outside the table
/// (no table installed) is passed on as it is: no Python callback has such an id, so the
/// handler fails loudly rather than running another statement's callback.
int64_t pythonId(int64_t id) {
  uint64_t ordinal = (uint64_t)id - (uint64_t)AG_ABI_CALLBACK_BASE;
  if (id >= AG_ABI_CALLBACK_BASE && callbackTable && ordinal < callbackTable->size())
    return (*callbackTable)[ordinal];
  return id;
}
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

/// Whether this call already failed (an assert, or a Python error in a callback):
/// Python would have stopped there, so no later print or host call runs (it would advance
/// numpy's generator past where the eager program stops).
bool callFailed() { return pendingFailure >= 0 || pendingType; }

template <int Typenum, size_t Itemsize>
void printValue(int64_t, AgUnrankedMemRef *value) {
  if (callFailed())
    return;
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *arr = copyToNumpy(value, Typenum, Itemsize);
  if (arr)
    pendingValues.push_back(arr);
  else
    stashError();
  PyGILState_Release(gil);
}

template <int Typenum, size_t Itemsize>
void hostArgument(int64_t, AgUnrankedMemRef *value) {
  if (callFailed())
    return;
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *arr = copyToNumpy(value, Typenum, Itemsize);
  if (arr)
    hostArguments.push_back(arr);
  else
    stashError();
  PyGILState_Release(gil);
}

/// Hands the queued arguments and a view of `result` to the host handler; returns
/// whether it filled the buffer. Needs the GIL.
bool callHost(int64_t id, const AgUnrankedMemRef *result, int typenum, size_t itemsize) {
  PyObject *list = PyList_New((Py_ssize_t)hostArguments.size());
  for (size_t i = 0; list && i < hostArguments.size(); ++i)
    PyList_SET_ITEM(list, i, hostArguments[i]); // steals
  if (!list)
    for (PyObject *v : hostArguments)
      Py_DECREF(v);
  hostArguments.clear();
  if (!list || callFailed()) {
    if (!list)
      stashError();
    Py_XDECREF(list);
    return false;
  }
  int64_t rank = result->rank;
  auto *desc = static_cast<const int64_t *>(result->descriptor);
  char *data = reinterpret_cast<char *>(desc[1]) + desc[2] * itemsize;
  std::vector<npy_intp> dims(desc + 3, desc + 3 + rank), strides(rank);
  for (int64_t d = 0; d < rank; ++d)
    strides[d] = desc[3 + rank + d] * (npy_intp)itemsize;
  // The view lives only during the handler's call (the handler keeps no reference).
  PyObject *out = PyArray_New(&PyArray_Type, (int)rank, dims.data(), typenum,
                              strides.data(), data, (int)itemsize, NPY_ARRAY_WRITEABLE,
                              nullptr);
  PyObject *r = nullptr;
  if (!out)
    stashError();
  else if (!hostHandler)
    PyErr_SetString(PyExc_RuntimeError, "ag: no host handler is installed");
  else
    r = PyObject_CallFunction(hostHandler, "LOO", (long long)id, list, out);
  if (out && !r)
    stashError();
  Py_XDECREF(r);
  Py_XDECREF(out);
  Py_DECREF(list);
  return r != nullptr;
}

template <int Typenum, size_t Itemsize>
void hostCall(int64_t id, AgUnrankedMemRef *result) {
  id = pythonId(id);
  bool filled = false;
  if (!callFailed() || !hostArguments.empty()) {
    PyGILState_STATE gil = PyGILState_Ensure();
    filled = callHost(id, result, Typenum, Itemsize);
    PyGILState_Release(gil);
  }
  if (filled)
    return;
  // The compiled code runs on with this value and its results are discarded: NaN
  // keeps a float loop condition from holding forever on it.
  int64_t rank = result->rank;
  auto *desc = static_cast<const int64_t *>(result->descriptor);
  char *data = reinterpret_cast<char *>(desc[1]) + desc[2] * Itemsize;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d)
    count *= desc[3 + d];
  if (!data || count <= 0)
    return;
  if constexpr (Typenum == NPY_FLOAT32 || Typenum == NPY_FLOAT64) {
    using T = std::conditional_t<Typenum == NPY_FLOAT32, float, double>;
    std::fill_n(reinterpret_cast<T *>(data), count, std::numeric_limits<T>::quiet_NaN());
  } else {
    std::memset(data, 0, count * Itemsize);
  }
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
  id = pythonId(id);
  if (callFailed() && pendingValues.empty())
    return;
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *list = PyList_New((Py_ssize_t)pendingValues.size());
  for (size_t i = 0; list && i < pendingValues.size(); ++i)
    PyList_SET_ITEM(list, i, pendingValues[i]); // steals
  if (!list)
    for (PyObject *v : pendingValues)
      Py_DECREF(v);
  pendingValues.clear();
  if (list && printHandler && !callFailed()) { // (a value's copy may have failed)
    PyObject *r = PyObject_CallFunction(printHandler, "LO", (long long)id, list);
    if (!r)
      stashError();
    Py_XDECREF(r);
  }
  Py_XDECREF(list);
  PyGILState_Release(gil);
}
void _mlir_ciface_ag_rt_host_arg_f32(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_FLOAT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_f64(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_FLOAT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_i32(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_INT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_i64(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_INT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_i1(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_BOOL, 1>(id, v);
}
void _mlir_ciface_ag_rt_host_call_f32(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_FLOAT32, 4>(id, r);
}
void _mlir_ciface_ag_rt_host_call_f64(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_FLOAT64, 8>(id, r);
}
void _mlir_ciface_ag_rt_host_call_i32(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_INT32, 4>(id, r);
}
void _mlir_ciface_ag_rt_host_call_i64(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_INT64, 8>(id, r);
}
void _mlir_ciface_ag_rt_host_call_i1(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_BOOL, 1>(id, r);
}
void _mlir_ciface_ag_rt_print_f16(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_FLOAT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_print_i8(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_INT8, 1>(id, v);
}
void _mlir_ciface_ag_rt_print_i16(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_INT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_print_u8(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_UINT8, 1>(id, v);
}
void _mlir_ciface_ag_rt_print_u16(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_UINT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_print_u32(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_UINT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_print_u64(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_UINT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_f16(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_FLOAT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_i8(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_INT8, 1>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_i16(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_INT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_u8(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_UINT8, 1>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_u16(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_UINT16, 2>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_u32(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_UINT32, 4>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_u64(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_UINT64, 8>(id, v);
}
void _mlir_ciface_ag_rt_host_call_f16(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_FLOAT16, 2>(id, r);
}
void _mlir_ciface_ag_rt_host_call_i8(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_INT8, 1>(id, r);
}
void _mlir_ciface_ag_rt_host_call_i16(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_INT16, 2>(id, r);
}
void _mlir_ciface_ag_rt_host_call_u8(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_UINT8, 1>(id, r);
}
void _mlir_ciface_ag_rt_host_call_u16(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_UINT16, 2>(id, r);
}
void _mlir_ciface_ag_rt_host_call_u32(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_UINT32, 4>(id, r);
}
void _mlir_ciface_ag_rt_host_call_u64(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_UINT64, 8>(id, r);
}
void _mlir_ciface_ag_rt_print_c64(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_COMPLEX64, 8>(id, v);
}
void _mlir_ciface_ag_rt_print_c128(int64_t id, AgUnrankedMemRef *v) {
  printValue<NPY_COMPLEX128, 16>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_c64(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_COMPLEX64, 8>(id, v);
}
void _mlir_ciface_ag_rt_host_arg_c128(int64_t id, AgUnrankedMemRef *v) {
  hostArgument<NPY_COMPLEX128, 16>(id, v);
}
void _mlir_ciface_ag_rt_host_call_c64(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_COMPLEX64, 8>(id, r);
}
void _mlir_ciface_ag_rt_host_call_c128(int64_t id, AgUnrankedMemRef *r) {
  hostCall<NPY_COMPLEX128, 16>(id, r);
}
void _mlir_ciface_ag_rt_fail(int64_t id) {
  if (pendingFailure < 0)
    pendingFailure = pythonId(id);
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

mlir::ag::CallbackScope::CallbackScope(const std::vector<int64_t> &ids)
    : previous(callbackTable) {
  callbackTable = &ids;
}

mlir::ag::CallbackScope::~CallbackScope() { callbackTable = previous; }

std::vector<std::pair<std::string, void *>> mlir::ag::callbackSymbols() {
  // The names as the IR spells them (ag_abi.h), each bound to its ciface function.
#define AG_PER_DTYPE(PREFIX, FN)                                                       \
  {AG_ABI_CIFACE(PREFIX "f32"), (void *)&FN##f32},                                     \
      {AG_ABI_CIFACE(PREFIX "f64"), (void *)&FN##f64},                                 \
      {AG_ABI_CIFACE(PREFIX "i32"), (void *)&FN##i32},                                 \
      {AG_ABI_CIFACE(PREFIX "i64"), (void *)&FN##i64},                                 \
      {AG_ABI_CIFACE(PREFIX "i1"), (void *)&FN##i1},                                   \
      {AG_ABI_CIFACE(PREFIX "f16"), (void *)&FN##f16},                                 \
      {AG_ABI_CIFACE(PREFIX "i8"), (void *)&FN##i8},                                   \
      {AG_ABI_CIFACE(PREFIX "i16"), (void *)&FN##i16},                                 \
      {AG_ABI_CIFACE(PREFIX "u8"), (void *)&FN##u8},                                   \
      {AG_ABI_CIFACE(PREFIX "u16"), (void *)&FN##u16},                                 \
      {AG_ABI_CIFACE(PREFIX "u32"), (void *)&FN##u32},                                 \
      {AG_ABI_CIFACE(PREFIX "u64"), (void *)&FN##u64},                                 \
      {AG_ABI_CIFACE(PREFIX "c64"), (void *)&FN##c64},                                 \
      {AG_ABI_CIFACE(PREFIX "c128"), (void *)&FN##c128}
  return {
      AG_PER_DTYPE(AG_ABI_PRINT_PREFIX, _mlir_ciface_ag_rt_print_),
      {AG_ABI_CIFACE(AG_ABI_PRINT_END), (void *)&_mlir_ciface_ag_rt_print_end},
      AG_PER_DTYPE(AG_ABI_HOST_ARG_PREFIX, _mlir_ciface_ag_rt_host_arg_),
      AG_PER_DTYPE(AG_ABI_HOST_CALL_PREFIX, _mlir_ciface_ag_rt_host_call_),
      {AG_ABI_CIFACE(AG_ABI_FAIL), (void *)&_mlir_ciface_ag_rt_fail},
      {AG_ABI_CIFACE(AG_ABI_STACK_OK), (void *)&_mlir_ciface_ag_rt_stack_ok},
  };
#undef AG_PER_DTYPE
}

int mlir::ag::raisePendingFailure() {
  // Values of a print statement or host call the call did not finish (it was abandoned,
  // see raiseAllocationFailure) must not show up in the next one.
  for (PyObject *v : pendingValues)
    Py_DECREF(v);
  pendingValues.clear();
  for (PyObject *v : hostArguments)
    Py_DECREF(v);
  hostArguments.clear();
  if (pendingType) { // a print or host handler raised: that error wins
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
PyObject *setHostHandler(PyObject *, PyObject *handler) {
  Py_INCREF(handler);
  Py_XSETREF(hostHandler, handler);
  Py_RETURN_NONE;
}
PyMethodDef methods[] = {
    {"set_callbacks", setCallbacks, METH_VARARGS,
     "Install the Python handlers of staged print and failures."},
    {"set_memory_handler", setMemoryHandler, METH_O,
     "Install the Python handler of failed allocations "
     "(called with the byte count and the function's name)."},
    {"set_host_handler", setHostHandler, METH_O,
     "Install handler(callback_id, arguments, out) of ag.host_call: fills numpy array out."},
    {nullptr, nullptr, 0, nullptr}};
} // namespace

int mlir::ag::registerCallbacks(PyObject *module) {
  return PyModule_AddFunctions(module, methods);
}

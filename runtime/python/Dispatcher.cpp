//===- Dispatcher.cpp - The cache-hit call path of staged functions, in C --===//
//
// ag.stage returns a subclass of this type. A call that matches one of its entries (the
// most recent compiled specialisations) runs without executing any Python: vectorcall,
// compare the fingerprint (dtype, shape and layout flags of each array, which must be
// exactly an ndarray; type and value of each Python scalar; the guarded globals/closure
// values), describe the arguments to a PackedCall (the call path the first call takes
// too), release the GIL, call, and wrap the malloc'ed results as numpy arrays that own
// their buffers.
// Anything else -- a new signature, keyword arguments, an ndarray subclass, an array
// that needs copying (strided, misaligned, byte-swapped) -- goes to the Python fallback,
// which traces, refuses or converts, and calls again.
//
//===----------------------------------------------------------------------===//

#include "Dispatcher.h"

#include "Callbacks.h"

#include "ag/Runtime/PackedCall.h"

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL ag_dispatcher_ARRAY_API
#include <numpy/arrayobject.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using namespace mlir::ag;

namespace {

struct ArgSpec {
  bool isArray = false;
  int typenum = 0;
  std::vector<npy_intp> shape;
  PyObject *scalar = nullptr; // owned
};

/// A global (dict + name) or closure cell (name null) whose value was read at trace time.
struct Guard {
  PyObject *container = nullptr, *name = nullptr, *value = nullptr; // owned
};

struct Entry {
  std::vector<ArgSpec> args;
  std::vector<Guard> guards;
  PyObject *compiled = nullptr; // owned; keeps `info` alive
  const FunctionInfo *info = nullptr;
  bool tupleResult = false;
  std::vector<bool> scalarResult;
  /// Per output: -1 for the next compiled result, k >= 0 for argument k the function
  /// returns itself (numpy returns the caller's object), -2 - 2k (-3 - 2k) for argument
  /// k where the next result, a bool, is true (false), else the result after it (a
  /// name that is the argument on some paths only: `return x if n < 2 else f(x)`).
  std::vector<int> sources;
  /// (argument position, result index): arguments the function writes; their final
  /// contents, results of the compiled code, are copied into the caller's arrays.
  std::vector<std::pair<int, int>> writes;
};

/// The entries are replaced as a whole (a retrace publishes a new list) while other
/// threads may be inside a call that uses the old one with the GIL released: each call
/// holds a reference to the list it matched in. Lists are freed with the GIL held (they
/// own Python references).
using EntryList = std::shared_ptr<std::vector<Entry>>;

struct DispatcherObject {
  PyObject_HEAD vectorcallfunc vectorcall;
  PyObject *fallback;
  EntryList *entries; // heap-allocated: the object itself is not a C++ object
};

int typenumOf(DType dtype) {
  switch (dtype) {
  case DType::Float32:
    return NPY_FLOAT32;
  case DType::Float64:
    return NPY_FLOAT64;
  case DType::Int32:
    return NPY_INT32;
  case DType::Int64:
    return NPY_INT64;
  case DType::Bool:
    return NPY_BOOL;
  case DType::Float16:
    return NPY_FLOAT16;
  case DType::Int8:
    return NPY_INT8;
  case DType::Int16:
    return NPY_INT16;
  case DType::UInt8:
    return NPY_UINT8;
  case DType::UInt16:
    return NPY_UINT16;
  case DType::UInt32:
    return NPY_UINT32;
  case DType::UInt64:
    return NPY_UINT64;
  }
  return -1;
}

void clearEntries(std::vector<Entry> &entries) {
  for (Entry &e : entries) {
    for (ArgSpec &a : e.args)
      Py_CLEAR(a.scalar);
    for (Guard &g : e.guards) {
      Py_CLEAR(g.container);
      Py_CLEAR(g.name);
      Py_CLEAR(g.value);
    }
    Py_CLEAR(e.compiled);
  }
  entries.clear();
}

EntryList makeEntryList(std::vector<Entry> entries) {
  return EntryList(new std::vector<Entry>(std::move(entries)), [](std::vector<Entry> *l) {
    clearEntries(*l);
    delete l;
  });
}

bool sameValue(PyObject *a, PyObject *b) {
  if (a == b)
    return true;
  if (!a || !b || Py_TYPE(a) != Py_TYPE(b))
    return false;
  int eq = PyObject_RichCompareBool(a, b, Py_EQ);
  if (eq < 0)
    PyErr_Clear();
  return eq == 1;
}

bool matches(const Entry &e, PyObject *const *args, Py_ssize_t nargs) {
  if ((size_t)nargs != e.args.size())
    return false;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    const ArgSpec &spec = e.args[i];
    PyObject *a = args[i];
    if (!spec.isArray) {
      if (!sameValue(a, spec.scalar))
        return false;
      continue;
    }
    // Exactly ndarray: a subclass (np.matrix, a masked array) goes to the Python path,
    // which refuses it, as a first call does. A numpy scalar (np.int64(3), x.sum()) is
    // staged as a 0-d array of its dtype.
    if (!PyArray_CheckExact(a)) {
      if (!spec.shape.empty() || !PyArray_IsScalar(a, Generic))
        return false;
      PyArray_Descr *descr = PyArray_DescrFromScalar(a);
      bool same = descr && descr->type_num == spec.typenum && PyArray_ISNBO(descr->byteorder);
      Py_XDECREF(descr);
      if (!same)
        return false;
      continue;
    }
    auto *arr = reinterpret_cast<PyArrayObject *>(a);
    if (PyArray_TYPE(arr) != spec.typenum || PyArray_NDIM(arr) != (int)spec.shape.size() ||
        !PyArray_IS_C_CONTIGUOUS(arr) || !PyArray_ISALIGNED(arr) ||
        !PyArray_ISNOTSWAPPED(arr))
      return false;
    npy_intp *dims = PyArray_DIMS(arr);
    for (size_t d = 0; d < spec.shape.size(); ++d)
      // -1, a dynamic dim, takes any size but 1 (size 1 has its own entry: numpy
      // broadcasts it).
      if (spec.shape[d] >= 0 ? dims[d] != spec.shape[d] : dims[d] == 1)
        return false;
  }
  for (auto [pos, result] : e.writes) {
    // A read-only array, or one sharing memory with another argument, takes the Python
    // path, which raises numpy's error or handles the same array passed twice.
    if (!PyArray_CheckExact(args[pos]))
      return false; // a numpy scalar cannot be written: the Python path says so
    auto *target = reinterpret_cast<PyArrayObject *>(args[pos]);
    if (!PyArray_ISWRITEABLE(target))
      return false;
    char *lo = static_cast<char *>(PyArray_DATA(target));
    char *hi = lo + PyArray_NBYTES(target);
    for (Py_ssize_t j = 0; j < nargs; ++j) {
      if (j == pos || !e.args[j].isArray || !PyArray_CheckExact(args[j]))
        continue; // (a numpy scalar shares memory with nothing)
      auto *other = reinterpret_cast<PyArrayObject *>(args[j]);
      char *olo = static_cast<char *>(PyArray_DATA(other));
      if (olo < hi && lo < olo + PyArray_NBYTES(other))
        return false;
    }
  }
  for (const Guard &g : e.guards) {
    PyObject *current = g.name ? PyDict_GetItemWithError(g.container, g.name)
                               : PyCell_GET(g.container);
    if (!current && PyErr_Occurred())
      PyErr_Clear();
    if (!sameValue(current, g.value))
      return false;
  }
  return true;
}

void freeBuffer(PyObject *capsule) {
  std::free(PyCapsule_GetPointer(capsule, "ag.buffer"));
}

/// Wraps result `r` of a finished call as an ndarray owning its buffer (released from
/// the call even when wrapping fails: then freed here).
PyObject *wrapResult(PackedCall &call, const TensorSig &sig, size_t r, bool scalar) {
  // The sizes come from the descriptor: dynamic dims are known only now.
  llvm::ArrayRef<int64_t> sizes = call.sizes(r);
  std::vector<npy_intp> dims(sizes.begin(), sizes.end());
  void *data = call.data(r);
  void *allocated = call.release(r);
  PyObject *arr = PyArray_New(&PyArray_Type, (int)dims.size(), dims.data(),
                              typenumOf(sig.dtype), nullptr, data, 0, NPY_ARRAY_CARRAY,
                              nullptr);
  if (!arr) {
    std::free(allocated);
    return nullptr;
  }
  // malloc(0) may return null; a capsule needs a non-null pointer.
  static char emptyBuffer;
  PyObject *owner = PyCapsule_New(allocated ? allocated : &emptyBuffer, "ag.buffer",
                                  allocated ? freeBuffer : nullptr);
  if (!owner || PyArray_SetBaseObject(reinterpret_cast<PyArrayObject *>(arr), owner) < 0) {
    if (!owner)
      std::free(allocated);
    Py_DECREF(arr);
    return nullptr;
  }
  return scalar ? PyArray_Return(reinterpret_cast<PyArrayObject *>(arr)) : arr;
}

PyObject *run(Entry &e, PyObject *const *args, Py_ssize_t nargs) {
  const FunctionInfo &info = *e.info;
  PackedCall call(info);
  // The values of numpy-scalar arguments, as the 0-d buffers the code reads.
  std::vector<std::array<int64_t, 2>> scalarValues;
  static_assert(sizeof(npy_intp) == sizeof(int64_t), "numpy dims are descriptor sizes");
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    if (!e.args[i].isArray)
      continue;
    if (PyArray_CheckExact(args[i])) {
      // matches() checked the signature (dynamic dims: any size).
      auto *arr = reinterpret_cast<PyArrayObject *>(args[i]);
      call.addArgument(PyArray_DATA(arr),
                       reinterpret_cast<const int64_t *>(PyArray_DIMS(arr)));
    } else {
      if (scalarValues.empty())
        scalarValues.reserve(nargs); // no reallocation: pointers into it are kept
      PyArray_ScalarAsCtype(args[i], scalarValues.emplace_back().data());
      call.addArgument(scalarValues.back().data(), nullptr); // rank 0
    }
  }

  // `e` (and its compiled code) outlives the call: dispatch() holds its entry list.
  std::optional<uint64_t> failedAllocation;
  Py_BEGIN_ALLOW_THREADS {
    CallbackScope callbacks(info.callbacks);
    failedAllocation = call.run();
  }
  Py_END_ALLOW_THREADS
  if (failedAllocation) { // abandoned: its buffers are freed, no results to read
    raiseAllocationFailure(*failedAllocation, info.name.c_str());
    return nullptr;
  }

  PyObject *result = nullptr;
  size_t numResults = info.results.size();
  if (raisePendingFailure() < 0) // a staged assert failed: `call` frees the results
    return nullptr;
  // The written arguments' final contents (the last results) go to the caller's
  // arrays: matches() checked they are C-contiguous, writable and overlap no other.
  for (auto [pos, r] : e.writes) {
    auto *target = reinterpret_cast<PyArrayObject *>(args[pos]);
    std::memcpy(PyArray_DATA(target), call.data(r), PyArray_NBYTES(target));
  }
  size_t numOutputs = e.sources.size();
  std::vector<PyObject *> outs(std::max(numResults, numOutputs), nullptr);
  bool failed = false;
  for (size_t r = 0; r < numResults && !failed; ++r) {
    bool written = r >= numResults - e.writes.size(); // freed with `call`
    if (!written) {
      outs[r] = wrapResult(call, info.results[r], r, e.scalarResult[r]);
      failed = outs[r] == nullptr;
    }
  }
  if (!failed) {
    // Outputs in order: compiled results, or arguments returned as themselves.
    std::vector<PyObject *> items;
    size_t next = 0;
    for (int source : e.sources) {
      if (source <= -2) {
        int k = (-source - 2) / 2;
        bool whenTrue = (-source - 2) % 2 == 0;
        PyObject *flag = outs[next], *value = outs[next + 1];
        outs[next] = outs[next + 1] = nullptr;
        next += 2;
        int truth = PyObject_IsTrue(flag);
        Py_DECREF(flag);
        if (truth == (int)whenTrue) {
          Py_DECREF(value);
          Py_INCREF(args[k]);
          items.push_back(args[k]);
        } else {
          items.push_back(value);
        }
      } else if (source < 0) {
        items.push_back(outs[next]);
        outs[next++] = nullptr;
      } else {
        Py_INCREF(args[source]);
        items.push_back(args[source]);
      }
    }
    if (!e.tupleResult) {
      result = items[0];
    } else {
      result = PyTuple_New((Py_ssize_t)items.size());
      for (size_t r = 0; r < items.size(); ++r) {
        if (result)
          PyTuple_SET_ITEM(result, r, items[r]);
        else
          Py_DECREF(items[r]);
      }
    }
  }
  for (PyObject *o : outs)
    Py_XDECREF(o);
  return result;
}

PyObject *dispatch(PyObject *self, PyObject *const *args, size_t nargsf,
                   PyObject *kwnames) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!kwnames || PyTuple_GET_SIZE(kwnames) == 0) {
    EntryList entries = *d->entries; // alive until this call returns
    for (Entry &e : *entries)
      if (matches(e, args, nargs))
        return run(e, args, nargs);
  }
  return PyObject_Vectorcall(d->fallback, args, nargsf, kwnames);
}

int dispatcherInit(PyObject *self, PyObject *args, PyObject *kwargs) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  PyObject *fallback;
  if (!PyArg_ParseTuple(args, "O:Dispatcher", &fallback))
    return -1;
  if (!PyCallable_Check(fallback)) {
    PyErr_SetString(PyExc_TypeError, "Dispatcher: fallback must be callable");
    return -1;
  }
  Py_INCREF(fallback);
  Py_XSETREF(d->fallback, fallback);
  return 0;
}

PyObject *dispatcherNew(PyTypeObject *type, PyObject *, PyObject *) {
  auto *d = reinterpret_cast<DispatcherObject *>(type->tp_alloc(type, 0));
  if (!d)
    return nullptr;
  d->vectorcall = dispatch;
  d->fallback = nullptr;
  d->entries = new EntryList(makeEntryList({}));
  return reinterpret_cast<PyObject *>(d);
}

int dispatcherTraverse(PyObject *self, visitproc visit, void *arg) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  Py_VISIT(d->fallback);
  for (Entry &e : **d->entries) {
    Py_VISIT(e.compiled);
    for (ArgSpec &a : e.args)
      Py_VISIT(a.scalar);
    for (Guard &g : e.guards) {
      Py_VISIT(g.container);
      Py_VISIT(g.value);
    }
  }
  return 0;
}

int dispatcherClear(PyObject *self) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  Py_CLEAR(d->fallback);
  if (d->entries)
    *d->entries = makeEntryList({});
  return 0;
}

void dispatcherDealloc(PyObject *self) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  PyObject_GC_UnTrack(self);
  dispatcherClear(self);
  delete d->entries;
  d->entries = nullptr;
  Py_TYPE(self)->tp_free(self);
}

/// _set_entries([(arg_specs, compiled, info_capsule, tuple_result, scalar_flags,
///                guards, sources, writes), ...]) with arg_specs items (typenum, shape)
/// or (None, value), guards items (dict, name, value) or (cell, None, value), sources
/// one int per output (see Entry::sources) and writes items (argument position, result
/// index).
PyObject *setEntries(PyObject *self, PyObject *list) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  std::vector<Entry> entries;
  PyObject *seq = PySequence_Fast(list, "_set_entries expects a list");
  if (!seq)
    return nullptr;
  bool ok = true;
  for (Py_ssize_t i = 0; ok && i < PySequence_Fast_GET_SIZE(seq); ++i) {
    PyObject *specs, *compiled, *capsule, *guards, *scalars, *sources, *writes;
    int tupleResult;
    if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "OOOpOOOO", &specs,
                          &compiled, &capsule, &tupleResult, &scalars, &guards, &sources,
                          &writes)) {
      ok = false;
      break;
    }
    Entry e;
    e.info = static_cast<const FunctionInfo *>(PyCapsule_GetPointer(capsule, "ag.function"));
    if (!e.info) {
      ok = false;
      break;
    }
    Py_INCREF(compiled);
    e.compiled = compiled;
    e.tupleResult = tupleResult;
    for (Py_ssize_t k = 0; k < PySequence_Size(scalars); ++k) {
      PyObject *item = PySequence_GetItem(scalars, k);
      e.scalarResult.push_back(item && PyObject_IsTrue(item) == 1);
      Py_XDECREF(item);
    }
    for (Py_ssize_t k = 0; k < PySequence_Size(sources); ++k) {
      PyObject *item = PySequence_GetItem(sources, k);
      e.sources.push_back(item ? (int)PyLong_AsLong(item) : -1);
      Py_XDECREF(item);
    }
    for (Py_ssize_t k = 0; ok && k < PySequence_Size(writes); ++k) {
      PyObject *item = PySequence_GetItem(writes, k);
      int pos, result;
      if (!item || !PyArg_ParseTuple(item, "ii", &pos, &result))
        ok = false;
      else
        e.writes.push_back({pos, result});
      Py_XDECREF(item);
    }
    for (Py_ssize_t k = 0; ok && k < PySequence_Size(specs); ++k) {
      PyObject *item = PySequence_GetItem(specs, k);
      PyObject *first, *second;
      ArgSpec a;
      if (!item || !PyArg_ParseTuple(item, "OO", &first, &second)) {
        ok = false;
      } else if (first == Py_None) {
        Py_INCREF(second);
        a.scalar = second;
      } else {
        a.isArray = true;
        a.typenum = (int)PyLong_AsLong(first);
        for (Py_ssize_t s = 0; s < PySequence_Size(second); ++s) {
          PyObject *dim = PySequence_GetItem(second, s);
          a.shape.push_back(PyLong_AsSsize_t(dim));
          Py_XDECREF(dim);
        }
      }
      Py_XDECREF(item);
      e.args.push_back(a);
    }
    for (Py_ssize_t k = 0; ok && k < PySequence_Size(guards); ++k) {
      PyObject *item = PySequence_GetItem(guards, k);
      Guard g;
      if (!item || !PyArg_ParseTuple(item, "OOO", &g.container, &g.name, &g.value)) {
        ok = false;
      } else {
        if (g.name == Py_None)
          g.name = nullptr;
        Py_INCREF(g.container);
        Py_XINCREF(g.name);
        Py_INCREF(g.value);
      }
      Py_XDECREF(item);
      e.guards.push_back(g);
    }
    entries.push_back(std::move(e));
  }
  Py_DECREF(seq);
  if (!ok || PyErr_Occurred()) {
    clearEntries(entries);
    return nullptr;
  }
  *d->entries = makeEntryList(std::move(entries));
  Py_RETURN_NONE;
}

PyMethodDef dispatcherMethods[] = {
    {"_set_entries", setEntries, METH_O, "Replace the fast-path entries."},
    {nullptr, nullptr, 0, nullptr}};

PyTypeObject dispatcherType = {PyVarObject_HEAD_INIT(nullptr, 0)};

} // namespace

int mlir::ag::registerDispatcher(PyObject *module) {
  if (_import_array() < 0)
    return -1;
  dispatcherType.tp_name = "ag._ag.Dispatcher";
  dispatcherType.tp_basicsize = sizeof(DispatcherObject);
  dispatcherType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
                            Py_TPFLAGS_HAVE_VECTORCALL;
  dispatcherType.tp_doc = "Calls compiled specialisations without running Python.";
  dispatcherType.tp_new = dispatcherNew;
  dispatcherType.tp_init = dispatcherInit;
  dispatcherType.tp_dealloc = dispatcherDealloc;
  dispatcherType.tp_traverse = dispatcherTraverse;
  dispatcherType.tp_clear = dispatcherClear;
  dispatcherType.tp_call = PyVectorcall_Call;
  dispatcherType.tp_vectorcall_offset = offsetof(DispatcherObject, vectorcall);
  dispatcherType.tp_methods = dispatcherMethods;
  if (PyType_Ready(&dispatcherType) < 0)
    return -1;
  Py_INCREF(&dispatcherType);
  return PyModule_AddObject(module, "Dispatcher",
                            reinterpret_cast<PyObject *>(&dispatcherType));
}

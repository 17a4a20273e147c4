//===- Dispatcher.cpp - The cache-hit call path of staged functions, in C --===//
//
// ag.stage returns a subclass of this type. A call that matches one of its entries (the
// most recent compiled specialisations) runs without executing any Python: vectorcall,
// check the call against the entry's EntrySpec (the signature rule and guards of
// Signature.h, which the Python path's cache uses too) and that its arrays can be
// passed as they are (C-contiguous, aligned, native order; written ones writable and
// overlapping no other), describe the arguments to a PackedCall (the call path the
// first call takes too), release the GIL, call, and wrap the malloc'ed results as numpy
// arrays that own their buffers.
// Anything else -- a new signature, keyword arguments, an ndarray subclass, an array
// that needs copying (strided, misaligned, byte-swapped) -- goes to the Python fallback,
// which traces, refuses or converts, and calls again.
//
//===----------------------------------------------------------------------===//

#include "Dispatcher.h"

#include "Callbacks.h"
#include "Signature.h"

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

/// An entry the C path runs: the _ag.EntrySpec (owned) and its contents.
struct Entry {
  PyObject *object;
  const EntrySpec *spec;
  /// spec->sig->args, at hand: every call compares them.
  const ArgSignature *args;
  size_t numArgs;
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
  case DType::Complex64:
    return NPY_COMPLEX64;
  case DType::Complex128:
    return NPY_COMPLEX128;
  }
  return -1;
}

void clearEntries(std::vector<Entry> &entries) {
  for (Entry &e : entries)
    Py_CLEAR(e.object);
  entries.clear();
}

EntryList makeEntryList(std::vector<Entry> entries) {
  return EntryList(new std::vector<Entry>(std::move(entries)), [](std::vector<Entry> *l) {
    clearEntries(*l);
    delete l;
  });
}

/// Whether the C path serves a call with `args` from `e`: the signature rule
/// (Signature.h, the rule the Python path keys its cache by), the guards, and what the
/// C path needs to pass the arrays as they are.
bool matches(const Entry &entry, PyObject *const *args, Py_ssize_t nargs) {
  const EntrySpec &e = *entry.spec;
  const Signature &sig = *e.sig;
  // (An array that needs copying -- strided, misaligned, byte-swapped -- goes to the
  // Python path, which copies it.)
  if (!signatureMatches(entry.args, entry.numArgs, args, nargs, /*passable=*/true))
    return false;
  for (auto [pos, result] : e.writes) {
    // A read-only array, or one sharing memory with another argument, takes the Python
    // path, which raises numpy's error. (The same array passed twice is one parameter.)
    if (sig.args[pos].kind != ArgSignature::Kind::Array)
      return false; // a numpy scalar cannot be written: the Python path says so
    auto *target = reinterpret_cast<PyArrayObject *>(args[pos]);
    if (!PyArray_ISWRITEABLE(target))
      return false;
    char *lo = static_cast<char *>(PyArray_DATA(target));
    char *hi = lo + PyArray_NBYTES(target);
    for (Py_ssize_t j = 0; j < nargs; ++j) {
      if (j == pos || args[j] == args[pos] || sig.args[j].kind != ArgSignature::Kind::Array)
        continue; // (a numpy scalar shares memory with nothing)
      auto *other = reinterpret_cast<PyArrayObject *>(args[j]);
      char *olo = static_cast<char *>(PyArray_DATA(other));
      if (olo < hi && lo < olo + PyArray_NBYTES(other))
        return false;
    }
  }
  return guardsHold(e.guards);
}

void freeBuffer(PyObject *capsule) {
  std::free(PyCapsule_GetPointer(capsule, "ag.buffer"));
}

/// Wraps result `r` of a finished call as an ndarray owning its buffer (released from
/// the call even when wrapping fails: then freed here), or, a 0-d result numpy returns
/// as a scalar, as that numpy scalar (the buffer stays the call's).
PyObject *wrapResult(PackedCall &call, const TensorSig &sig, size_t r, bool scalar) {
  if (scalar && sig.shape.empty()) {
    // A numpy scalar made from the element (what PyArray_Return would make of a 0-d
    // array around it, without the array and the capsule); its buffer is freed with
    // the call.
    PyArray_Descr *descr = PyArray_DescrFromType(typenumOf(sig.dtype));
    if (!descr)
      return nullptr;
    PyObject *value = PyArray_Scalar(call.data(r), descr, nullptr);
    Py_DECREF(descr);
    return value;
  }
  // The sizes come from the descriptor: dynamic dims are known only now.
  Sizes sizes = call.sizes(r);
  InlineBuffer<npy_intp, 8> dims;
  dims.resize(sizes.size());
  std::copy(sizes.begin(), sizes.end(), dims.begin());
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
  return arr;
}

PyObject *run(const EntrySpec &e, PyObject *const *args, Py_ssize_t nargs) {
  const FunctionInfo &info = *e.info;
  const Signature &sig = *e.sig;
  PackedCall call(info);
  // The values of numpy-scalar arguments, as the 0-d buffers the code reads.
  std::vector<std::array<int64_t, 2>> scalarValues;
  static_assert(sizeof(npy_intp) == sizeof(int64_t), "numpy dims are descriptor sizes");
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    const ArgSignature &a = sig.args[i];
    // (An array passed again is the parameter of its first position.)
    if (a.kind == ArgSignature::Kind::Array && a.same < 0) {
      // matches() checked the signature (dynamic dims: any size).
      auto *arr = reinterpret_cast<PyArrayObject *>(args[i]);
      call.addArgument(PyArray_DATA(arr),
                       reinterpret_cast<const int64_t *>(PyArray_DIMS(arr)));
    } else if (a.kind == ArgSignature::Kind::NumpyScalar) {
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
  // (Inline buffers: no heap allocation on this path for a few results.)
  InlineBuffer<PyObject *, 8> outs;
  outs.resize(std::max(numResults, numOutputs));
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
    InlineBuffer<PyObject *, 8> items;
    items.resize(e.sources.size());
    size_t next = 0, count = 0;
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
          items[count++] = args[k];
        } else {
          items[count++] = value;
        }
      } else if (source < 0) {
        items[count++] = outs[next];
        outs[next++] = nullptr;
      } else {
        Py_INCREF(args[source]);
        items[count++] = args[source];
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
    for (const Entry &e : *entries)
      if (matches(e, args, nargs))
        return run(*e.spec, args, nargs);
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
  for (const Entry &e : **d->entries)
    Py_VISIT(e.object);
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

/// _set_entries([entry_spec, ...]): the _ag.EntrySpecs the C path tries, in order
/// (each with its compiled code).
PyObject *setEntries(PyObject *self, PyObject *list) {
  auto *d = reinterpret_cast<DispatcherObject *>(self);
  PyObject *seq = PySequence_Fast(list, "_set_entries expects a list");
  if (!seq)
    return nullptr;
  std::vector<Entry> entries;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); ++i) {
    PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
    const EntrySpec *spec = entrySpecOf(item);
    if (spec && !spec->info)
      PyErr_SetString(PyExc_ValueError, "_set_entries: an entry without compiled code");
    if (!spec || !spec->info) {
      Py_DECREF(seq);
      clearEntries(entries);
      return nullptr;
    }
    Py_INCREF(item);
    entries.push_back({item, spec, spec->sig->args.data(), spec->sig->args.size()});
  }
  Py_DECREF(seq);
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
  dispatcherType.tp_name = "ag._agrt.Dispatcher";
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

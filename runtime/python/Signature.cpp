//===- Signature.cpp - What a call must look like to reuse a trace --------===//
//
// The signature rules (see Signature.h) and their Python face: `_ag.Signature`, the
// cache key the first call computes, and `_ag.EntrySpec`, a compiled entry as the C
// dispatcher and the Python path's cache hits check it. One function,
// describeArguments(), walks a call's arguments: building a Signature and matching one
// are two sinks of that walk, so the size-1 rule of dynamic dims, the numpy-scalar rule
// and the same-object rule are each written once.
//
//===----------------------------------------------------------------------===//

#include "Signature.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL ag_dispatcher_ARRAY_API
#define NO_IMPORT_ARRAY
#include <numpy/arrayobject.h>
#include <numpy/arrayscalars.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace py = pybind11;
using namespace mlir::ag;
using Kind = ArgSignature::Kind;

//===----------------------------------------------------------------------===//
// The rules
//===----------------------------------------------------------------------===//

namespace {

/// numpy's type number with the aliases of one dtype merged (longlong is long on LP64).
int canonicalTypenum(int typenum) {
  if (typenum == NPY_LONGLONG && sizeof(long long) == sizeof(long))
    return NPY_LONG;
  if (typenum == NPY_ULONGLONG && sizeof(long long) == sizeof(long))
    return NPY_ULONG;
  return typenum;
}

/// Whether dtypes of the type number `typenum` are all one dtype (no sizes, units or
/// fields): then the number alone says which.
bool plainTypenum(int typenum) { return typenum >= 0 && typenum < NPY_OBJECT; }

bool sameDtype(PyArray_Descr *descr, int typenum, PyObject *expected) {
  int t = canonicalTypenum(descr->type_num);
  if (t != typenum)
    return false;
  return plainTypenum(t) ||
         PyArray_EquivTypes(descr, reinterpret_cast<PyArray_Descr *>(expected));
}

/// A dynamic dim's size in a signature: -1 (any size), but a size-1 dim keeps its own
/// specialisation: numpy stretches a 1 against the dims it meets, which a `?` dim
/// cannot (torch.compile specialises 1 for the same reason).
int64_t signatureDim(npy_intp size, bool dynamic) { return dynamic && size != 1 ? -1 : size; }

/// The position of an earlier argument that is `args[i]` itself, or -1.
int sameAs(PyObject *const *args, Py_ssize_t i) {
  for (Py_ssize_t j = 0; j < i; ++j)
    if (args[j] == args[i])
      return (int)j;
  return -1;
}

bool isPythonScalar(PyObject *a) {
  return a == Py_None || PyBool_Check(a) || PyLong_Check(a) || PyFloat_Check(a) ||
         PyComplex_Check(a);
}

/// Whether two values are the same compile-time constant: the same type and value, and
/// floats bit for bit (-0.0 and 0.0 give different results: 1 / x, copysign; a NaN is
/// the NaN it was).
bool sameValue(PyObject *a, PyObject *b) {
  if (a == b)
    return true;
  if (!a || !b || Py_TYPE(a) != Py_TYPE(b))
    return false;
  PyTypeObject *type = Py_TYPE(a);
  if (type == &PyFloat_Type || type == &PyDoubleArrType_Type) {
    double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  if (type == &PyComplex_Type) { // both parts bit for bit, as a float's
    Py_complex x = PyComplex_AsCComplex(a), y = PyComplex_AsCComplex(b);
    return std::memcmp(&x.real, &y.real, sizeof x.real) == 0 &&
           std::memcmp(&x.imag, &y.imag, sizeof x.imag) == 0;
  }
  if (type == &PyFloatArrType_Type) {
    float x = reinterpret_cast<PyFloatScalarObject *>(a)->obval;
    float y = reinterpret_cast<PyFloatScalarObject *>(b)->obval;
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  int eq = PyObject_RichCompareBool(a, b, Py_EQ);
  if (eq < 0)
    PyErr_Clear();
  return eq == 1;
}

Py_hash_t hashValue(PyObject *a) {
  if (Py_TYPE(a) == &PyFloat_Type || Py_TYPE(a) == &PyDoubleArrType_Type) {
    double x = PyFloat_AS_DOUBLE(a);
    uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return (Py_hash_t)(bits ^ (bits >> 29));
  }
  if (Py_TYPE(a) == &PyComplex_Type) {
    Py_complex z = PyComplex_AsCComplex(a);
    uint64_t re, im;
    std::memcpy(&re, &z.real, sizeof re);
    std::memcpy(&im, &z.imag, sizeof im);
    uint64_t bits = re ^ (im * 0x9e3779b97f4a7c15ull);
    return (Py_hash_t)(bits ^ (bits >> 29));
  }
  Py_hash_t h = PyObject_Hash(a);
  if (h == -1)
    PyErr_Clear();
  return h;
}

/// ArgSignature::strides of `arr` (see there); calls `each` with every entry, or
/// nothing for a C-contiguous array (kUnknownLayout alone when not whole elements, or
/// when some dim is `dynamic`: its strides change with the sizes, which a dynamic dim
/// must not key on).
template <typename Each> void layoutOf(PyArrayObject *arr, bool dynamic, Each each) {
  npy_intp item = PyArray_ITEMSIZE(arr);
  const npy_intp *strides = PyArray_STRIDES(arr);
  const npy_intp *dims = PyArray_DIMS(arr);
  int ndim = PyArray_NDIM(arr);
  if (PyArray_IS_C_CONTIGUOUS(arr)) {
    // C order; but dims of size 1 (and empty arrays) may have any strides, which
    // .strides reports: those are keyed exactly unless they are a new array's.
    npy_intp step = item;
    bool canonical = true;
    for (int d = ndim - 1; d >= 0; --d) {
      canonical = canonical && strides[d] == step;
      step *= std::max<npy_intp>(dims[d], 1);
    }
    if (canonical || dynamic)
      return;
  } else if (dynamic) {
    each(kUnknownLayout);
    return;
  }
  for (int d = 0; d < ndim; ++d)
    if (item == 0 || strides[d] % item) {
      each(kUnknownLayout);
      return;
    }
  for (int d = 0; d < ndim; ++d)
    each((int64_t)(strides[d] / item));
}

/// Whether `arr` has the layout `expected` (an ArgSignature::strides) of a signature
/// with the dims `shape` (-1: dynamic).
bool sameLayout(PyArrayObject *arr, const std::vector<int64_t> &expected,
                const std::vector<int64_t> &shape) {
  size_t n = 0;
  bool same = true;
  bool dynamic = std::find(shape.begin(), shape.end(), -1) != shape.end();
  layoutOf(arr, dynamic, [&](int64_t s) {
    same = same && n < expected.size() && expected[n] == s;
    ++n;
  });
  return same && n == expected.size();
}

/// Walks the arguments of a call and hands what specialises each to `sink`: this is
/// the signature rule. Building a Signature (the first call) and matching one (the C
/// dispatcher, the Python path's cache hits) are its two sinks. Stops when `sink`
/// returns false.
template <typename Sink>
bool describeArguments(PyObject *const *args, Py_ssize_t nargs, Sink &sink) {
  if (!sink.count(nargs))
    return false;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    PyObject *a = args[i];
    PyTypeObject *type = Py_TYPE(a);
    // Exactly ndarray: a subclass (np.matrix, a masked array) has semantics of its own
    // that compiled code would drop; the frontend refuses it.
    if (type == &PyArray_Type) {
      auto *arr = reinterpret_cast<PyArrayObject *>(a);
      int ndim = PyArray_NDIM(arr);
      if (!sink.array(i, Kind::Array, arr, PyArray_DESCR(arr), sameAs(args, i), ndim))
        return false;
      const npy_intp *dims = PyArray_DIMS(arr);
      for (int d = 0; d < ndim; ++d)
        if (!sink.dim(d, signatureDim(dims[d], sink.dynamic(d))))
          return false;
    } else if (type == &PyLong_Type || type == &PyFloat_Type || type == &PyBool_Type ||
               type == &PyComplex_Type || a == Py_None) {
      // (The common scalars first: a cache hit checks entries' scalars in turn.)
      if (!sink.scalar(i, a))
        return false;
    } else if (PyArray_IsScalar(a, Generic)) {
      PyArray_Descr *descr = PyArray_DescrFromScalar(a);
      if (!descr) {
        PyErr_Clear();
        return sink.unsupported(i);
      }
      bool ok = sink.array(i, Kind::NumpyScalar, nullptr, descr, -1, 0);
      Py_DECREF(descr);
      if (!ok)
        return false;
    } else if (isPythonScalar(a)) { // (subclasses: an IntEnum, ...)
      if (!sink.scalar(i, a))
        return false;
    } else if (sink.isObject(i, a)) {
      if (!sink.object(i, reinterpret_cast<PyObject *>(Py_TYPE(a)), sameAs(args, i)))
        return false;
    } else if (!sink.unsupported(i)) {
      return false;
    }
  }
  return true;
}

/// Compares a call with a Signature, piece by piece. Allocates nothing.
struct Matcher {
  const ArgSignature *expected;
  size_t numExpected;
  /// Also require what the C path needs to pass arrays as they are: C-contiguous,
  /// aligned, native byte order (not part of the signature: the Python path copies).
  bool passable;
  const ArgSignature *current = nullptr;

  bool count(Py_ssize_t n) const { return (size_t)n == numExpected; }
  bool array(Py_ssize_t i, Kind kind, PyArrayObject *arr, PyArray_Descr *descr, int same,
             int ndim) {
    current = &expected[i];
    return current->kind == kind && current->same == same &&
           (size_t)ndim == current->shape.size() &&
           sameDtype(descr, current->typenum, current->dtype) &&
           (!arr || sameLayout(arr, current->strides, current->shape)) &&
           (!passable || !arr ||
            (PyArray_IS_C_CONTIGUOUS(arr) && PyArray_ISALIGNED(arr) &&
             PyArray_ISNOTSWAPPED(arr)));
  }
  bool dynamic(int d) const { return current->shape[d] < 0; }
  bool dim(int d, int64_t size) const { return current->shape[d] == size; }
  bool scalar(Py_ssize_t i, PyObject *a) const {
    const ArgSignature &e = expected[i];
    return e.kind == Kind::Scalar && sameValue(a, e.value);
  }
  bool isObject(Py_ssize_t i, PyObject *a) const {
    const ArgSignature &e = expected[i];
    return e.kind == Kind::Object && reinterpret_cast<PyObject *>(Py_TYPE(a)) == e.value;
  }
  bool object(Py_ssize_t i, PyObject *, int same) const {
    return expected[i].same == same;
  }
  bool unsupported(Py_ssize_t) const { return false; }
};

/// Where building a signature failed: the argument, and for a dynamic dim out of range
/// the dim and the argument's rank.
struct BuildError {
  Py_ssize_t index = -1;
  long dim = 0;
  int ndim = -1;
};

/// Builds the Signature of a call, with the dims `dynamic` names compiled dynamic and
/// `objects` the types of objects the trace refers to (ArgSignature::Kind::Object).
struct Builder {
  Signature &out;
  PyObject *dynamicConfig; // None, "batch" or {position: dims}
  PyObject *objects; // a tuple of types
  BuildError error;
  std::vector<bool> dynamicDims;
  PyArrayObject *laidOut = nullptr; // the array whose dims are being described
  int ndims = 0;

  bool count(Py_ssize_t n) {
    out.args.reserve(n);
    return true;
  }
  bool array(Py_ssize_t i, Kind kind, PyArrayObject *arr, PyArray_Descr *descr, int same,
             int ndim) {
    ArgSignature &a = out.args.emplace_back();
    a.kind = kind;
    laidOut = arr; // (its layout once its dims are known: see dim)
    ndims = ndim;
    a.typenum = canonicalTypenum(descr->type_num);
    a.dtype = reinterpret_cast<PyObject *>(
        PyArray_ISNBO(descr->byteorder) ? (Py_INCREF(descr), descr)
                                        : PyArray_DescrNewByteorder(descr, NPY_NATIVE));
    if (!a.dtype) {
      PyErr_Clear();
      error.index = i;
      return false;
    }
    a.same = same;
    a.shape.reserve(ndim);
    dynamicDims.assign(ndim, false);
    if (same >= 0) { // the dims of the first position's parameter, which it is
      for (int d = 0; d < ndim; ++d)
        dynamicDims[d] = out.args[same].shape[d] < 0;
      return true;
    }
    return kind != Kind::Array || dynamicOf(i, ndim);
  }
  bool dynamic(int d) const { return dynamicDims[d]; }
  bool dim(int, int64_t size) {
    ArgSignature &a = out.args.back();
    a.shape.push_back(size);
    if (laidOut && (int)a.shape.size() == ndims) {
      bool dynamic = std::find(a.shape.begin(), a.shape.end(), -1) != a.shape.end();
      layoutOf(laidOut, dynamic, [&](int64_t s) { a.strides.push_back(s); });
    }
    return true;
  }
  bool scalar(Py_ssize_t, PyObject *a) {
    ArgSignature &s = out.args.emplace_back();
    s.kind = Kind::Scalar;
    Py_INCREF(a);
    s.value = a;
    return true;
  }
  bool isObject(Py_ssize_t, PyObject *a) {
    int is = PyTuple_Size(objects) ? PyObject_IsInstance(a, objects) : 0;
    if (is < 0)
      PyErr_Clear();
    return is == 1;
  }
  bool object(Py_ssize_t, PyObject *type, int same) {
    ArgSignature &s = out.args.emplace_back();
    s.kind = Kind::Object;
    Py_INCREF(type);
    s.value = type;
    s.same = same;
    return true;
  }
  bool unsupported(Py_ssize_t i) {
    error.index = i;
    return false;
  }

  /// Sets dynamicDims for array argument `i` of rank `ndim` from `dynamic`.
  bool dynamicOf(Py_ssize_t i, int ndim) {
    if (dynamicConfig == Py_None)
      return true;
    if (PyUnicode_Check(dynamicConfig)) { // "batch": the first dim of every array
      if (ndim)
        dynamicDims[0] = true;
      return true;
    }
    PyObject *key = PyLong_FromSsize_t(i);
    PyObject *dims = key ? PyDict_GetItemWithError(dynamicConfig, key) : nullptr;
    Py_XDECREF(key);
    if (!dims)
      return !PyErr_Occurred();
    PyObject *iter = PyObject_GetIter(dims);
    if (!iter)
      return false;
    bool ok = true;
    while (PyObject *item = PyIter_Next(iter)) {
      long d = PyLong_AsLong(item);
      Py_DECREF(item);
      if (d == -1 && PyErr_Occurred()) {
        ok = false;
        break;
      }
      if (d < -ndim || d >= ndim) {
        error = {i, d, ndim};
        ok = false;
        break;
      }
      dynamicDims[(d + ndim) % ndim] = true;
    }
    Py_DECREF(iter);
    return ok && !PyErr_Occurred();
  }
};

Py_hash_t hashOf(const Signature &sig) {
  Py_hash_t h = (Py_hash_t)sig.args.size();
  auto mix = [&](Py_hash_t v) { h = h * 1000003 ^ v; };
  for (const ArgSignature &a : sig.args) {
    mix((Py_hash_t)a.kind);
    mix(a.same);
    switch (a.kind) {
    case Kind::Array:
    case Kind::NumpyScalar:
      mix(a.typenum);
      for (int64_t d : a.shape)
        mix((Py_hash_t)d);
      for (int64_t s : a.strides)
        mix((Py_hash_t)s);
      break;
    case Kind::Scalar:
      mix(reinterpret_cast<Py_hash_t>(Py_TYPE(a.value)));
      mix(hashValue(a.value));
      break;
    case Kind::Object:
      mix(reinterpret_cast<Py_hash_t>(a.value));
      break;
    }
  }
  return h == -1 ? -2 : h;
}

bool sameArg(const ArgSignature &a, const ArgSignature &b) {
  if (a.kind != b.kind || a.same != b.same)
    return false;
  switch (a.kind) {
  case Kind::Array:
  case Kind::NumpyScalar:
    return a.shape == b.shape && a.strides == b.strides &&
           sameDtype(reinterpret_cast<PyArray_Descr *>(a.dtype), b.typenum, b.dtype);
  case Kind::Scalar:
    return sameValue(a.value, b.value);
  case Kind::Object:
    return a.value == b.value;
  }
  return false;
}

/// Whether `current` (an ndarray) equals the copy `kept` bit for bit (so -0.0 is not
/// 0.0); arrays of Python objects compare as numpy's array_equal does.
bool sameContents(PyArrayObject *current, PyArrayObject *kept) {
  if (PyDataType_REFCHK(PyArray_DESCR(kept))) {
    static PyObject *arrayEqual = [] {
      PyObject *numpy = PyImport_ImportModule("numpy");
      PyObject *f = numpy ? PyObject_GetAttrString(numpy, "array_equal") : nullptr;
      Py_XDECREF(numpy);
      return f;
    }();
    PyObject *r = arrayEqual ? PyObject_CallFunctionObjArgs(
                                   arrayEqual, current, kept, nullptr)
                             : nullptr;
    int same = r ? PyObject_IsTrue(r) : -1;
    Py_XDECREF(r);
    if (same < 0)
      PyErr_Clear();
    return same == 1;
  }
  PyArrayObject *contiguous = PyArray_GETCONTIGUOUS(current);
  PyArrayObject *keptContiguous = PyArray_GETCONTIGUOUS(kept);
  bool same = contiguous && keptContiguous &&
              PyArray_NBYTES(contiguous) == PyArray_NBYTES(keptContiguous) &&
              std::memcmp(PyArray_DATA(contiguous), PyArray_DATA(keptContiguous),
                          PyArray_NBYTES(contiguous)) == 0;
  Py_XDECREF(contiguous);
  Py_XDECREF(keptContiguous);
  if (PyErr_Occurred())
    PyErr_Clear();
  return same;
}

bool sameShape(PyArrayObject *a, const npy_intp *dims, int ndim) {
  return PyArray_NDIM(a) == ndim &&
         std::equal(dims, dims + ndim, PyArray_DIMS(a));
}

bool guardHolds(const Guard &g) {
  if (!g.container || !g.value)
    return false; // cleared by the garbage collector
  PyObject *current = g.name ? PyDict_GetItemWithError(g.container, g.name)
                             : PyCell_GET(g.container);
  if (!current) {
    PyErr_Clear();
    return false; // deleted since: trace again (which reads it anew)
  }
  switch (g.kind) {
  case Guard::Kind::Value:
    return sameValue(current, g.value);
  case Guard::Kind::Identity:
    return current == g.value;
  case Guard::Kind::ArraySpec: {
    if (!PyArray_CheckExact(current))
      return false;
    auto *arr = reinterpret_cast<PyArrayObject *>(current);
    static_assert(sizeof(npy_intp) == sizeof(int64_t), "numpy dims are int64");
    return sameShape(arr, reinterpret_cast<const npy_intp *>(g.shape.data()),
                     (int)g.shape.size()) &&
           PyArray_EquivTypes(PyArray_DESCR(arr), reinterpret_cast<PyArray_Descr *>(g.value));
  }
  case Guard::Kind::ArrayValue: {
    if (!PyArray_Check(current))
      return false;
    auto *arr = reinterpret_cast<PyArrayObject *>(current);
    auto *kept = reinterpret_cast<PyArrayObject *>(g.value);
    return sameShape(arr, PyArray_DIMS(kept), PyArray_NDIM(kept)) &&
           PyArray_EquivTypes(PyArray_DESCR(arr), PyArray_DESCR(kept)) &&
           sameContents(arr, kept);
  }
  }
  return false;
}

} // namespace

//===----------------------------------------------------------------------===//
// The structs
//===----------------------------------------------------------------------===//

Signature::Signature(Signature &&other) noexcept
    : args(std::move(other.args)), hash(other.hash) {
  other.args.clear();
}

Signature::~Signature() {
  for (ArgSignature &a : args) {
    Py_CLEAR(a.dtype);
    Py_CLEAR(a.value);
  }
}

Guard::Guard(Guard &&other) noexcept
    : kind(other.kind), container(other.container), name(other.name), value(other.value),
      shape(std::move(other.shape)) {
  other.container = other.name = other.value = nullptr;
}

Guard::~Guard() {
  Py_CLEAR(container);
  Py_CLEAR(name);
  Py_CLEAR(value);
}

EntrySpec::~EntrySpec() {
  Py_CLEAR(signature);
  Py_CLEAR(compiled);
}

bool mlir::ag::signatureMatches(const ArgSignature *expected, size_t numExpected,
                                PyObject *const *args, Py_ssize_t nargs, bool passable) {
  Matcher matcher{expected, numExpected, passable};
  return describeArguments(args, nargs, matcher);
}

bool mlir::ag::signatureMatches(const Signature &sig, PyObject *const *args,
                                Py_ssize_t nargs, bool passable) {
  return signatureMatches(sig.args.data(), sig.args.size(), args, nargs, passable);
}

bool mlir::ag::guardsHold(const std::vector<Guard> &guards) {
  for (const Guard &g : guards)
    if (!guardHolds(g))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Python
//===----------------------------------------------------------------------===//

namespace {

PyObject *signatureError = nullptr;

std::vector<PyObject *> borrowed(const py::sequence &args) {
  std::vector<PyObject *> out;
  for (py::handle h : args)
    out.push_back(h.ptr());
  return out;
}

/// `_ag.Signature(args, dynamic=None, objects=())`.
std::unique_ptr<Signature> buildSignature(const py::tuple &args, const py::object &dynamic,
                                          const py::tuple &objects) {
  if (!dynamic.is_none() && !PyUnicode_Check(dynamic.ptr()) && !PyDict_Check(dynamic.ptr()))
    throw py::type_error("dynamic must be None, 'batch' or a dict");
  auto sig = std::make_unique<Signature>();
  Builder builder{*sig, dynamic.ptr(), objects.ptr(), {}, {}};
  std::vector<PyObject *> items = borrowed(args);
  if (!describeArguments(items.data(), (Py_ssize_t)items.size(), builder)) {
    if (PyErr_Occurred())
      throw py::error_already_set();
    const BuildError &e = builder.error;
    py::tuple info = e.ndim < 0 ? py::make_tuple(e.index)
                                : py::make_tuple(e.index, e.dim, e.ndim);
    PyErr_SetObject(signatureError, info.ptr());
    throw py::error_already_set();
  }
  sig->hash = hashOf(*sig);
  return sig;
}

/// The dtype as the frontend spells it ("f4", "i8", "b1"): numpy's `dtype.str` without
/// the byte order.
py::str dtypeString(PyObject *dtype) {
  std::string s = py::str(py::handle(dtype).attr("str"));
  return py::str(s.substr(s.find_first_not_of("<>=|")));
}

/// The key part of argument `i` the tracer reads (frontend/ag/staging.py):
/// ("array", dtype, shape) with ("same", j) appended for an array passed again,
/// ("scalar", type, value), ("object", type, first position).
py::tuple part(const Signature &sig, Py_ssize_t i) {
  if (i < 0)
    i += (Py_ssize_t)sig.args.size();
  if (i < 0 || i >= (Py_ssize_t)sig.args.size())
    throw py::index_error();
  const ArgSignature &a = sig.args[i];
  switch (a.kind) {
  case Kind::Array:
  case Kind::NumpyScalar: {
    py::tuple shape(a.shape.size());
    for (size_t d = 0; d < a.shape.size(); ++d)
      shape[d] = py::int_(a.shape[d]);
    if (a.same >= 0)
      return py::make_tuple("array", dtypeString(a.dtype), shape,
                            py::make_tuple("same", a.same));
    return py::make_tuple("array", dtypeString(a.dtype), shape);
  }
  case Kind::Scalar:
    return py::make_tuple("scalar", py::handle(reinterpret_cast<PyObject *>(Py_TYPE(a.value))),
                          py::handle(a.value));
  case Kind::Object:
    return py::make_tuple("object", py::handle(a.value), a.same >= 0 ? a.same : (int)i);
  }
  throw py::index_error();
}

Guard::Kind guardKind(const std::string &kind) {
  if (kind == "value")
    return Guard::Kind::Value;
  if (kind == "identity")
    return Guard::Kind::Identity;
  if (kind == "array_spec")
    return Guard::Kind::ArraySpec;
  if (kind == "array_value")
    return Guard::Kind::ArrayValue;
  throw py::value_error("unknown guard kind '" + kind + "'");
}

/// `_ag.EntrySpec(signature, guards, compiled=None, tuple_result=False, scalars=(),
/// sources=(), writes=())`: guards items (container, name or None for a cell, kind,
/// value) with kind "value", "identity", "array_value" (value: the copy kept) or
/// "array_spec" (value: anything with the traced .dtype and .shape).
std::unique_ptr<EntrySpec> buildEntry(const py::object &signature, const py::list &guards,
                                      const py::object &compiled, bool tupleResult,
                                      const std::vector<bool> &scalars,
                                      const std::vector<int> &sources,
                                      const std::vector<std::pair<int, int>> &writes) {
  auto e = std::make_unique<EntrySpec>();
  e->sig = &signature.cast<const Signature &>();
  e->signature = signature.inc_ref().ptr();
  for (py::handle item : guards) {
    auto t = item.cast<py::tuple>();
    Guard &g = e->guards.emplace_back();
    g.kind = guardKind(t[2].cast<std::string>());
    py::object container = t[0], name = t[1], value = t[3];
    g.container = container.inc_ref().ptr();
    g.name = name.is_none() ? nullptr : name.inc_ref().ptr();
    if (!g.name && !PyCell_Check(g.container))
      throw py::type_error("a guard without a name guards a closure cell");
    if (g.name && !PyDict_Check(g.container))
      throw py::type_error("a guard with a name guards a dict");
    if (g.kind == Guard::Kind::ArraySpec) {
      PyArray_Descr *descr = nullptr;
      if (!PyArray_DescrConverter(value.attr("dtype").ptr(), &descr))
        throw py::error_already_set();
      g.value = reinterpret_cast<PyObject *>(descr);
      g.shape = value.attr("shape").cast<std::vector<int64_t>>();
    } else {
      if (g.kind == Guard::Kind::ArrayValue && !PyArray_Check(value.ptr()))
        throw py::type_error("an array_value guard keeps an array");
      g.value = value.inc_ref().ptr();
    }
  }
  if (!compiled.is_none()) {
    py::capsule info = compiled.attr("_info")();
    e->info = info.get_pointer<const FunctionInfo>();
    e->compiled = compiled.inc_ref().ptr();
  }
  e->tupleResult = tupleResult;
  e->scalarResult = scalars;
  e->sources = sources;
  e->writes = writes;
  return e;
}

} // namespace

const EntrySpec *mlir::ag::entrySpecOf(PyObject *object) {
  try {
    return &py::handle(object).cast<const EntrySpec &>();
  } catch (py::cast_error &) {
    PyErr_SetString(PyExc_TypeError, "expected an _ag.EntrySpec");
  } catch (py::error_already_set &e) {
    e.restore();
  }
  return nullptr;
}

void mlir::ag::registerSignature(py::module_ &m) {
  signatureError = PyErr_NewException("ag._ag.SignatureError", PyExc_TypeError, nullptr);
  m.attr("SignatureError") = py::handle(signatureError);

  py::class_<Signature>(m, "Signature",
                        "The signature of a call: what specialises a trace (Signature.h). "
                        "Hashable; a sequence of the key parts the tracer reads.")
      .def(py::init(&buildSignature), py::arg("args"), py::arg("dynamic") = py::none(),
           py::arg("objects") = py::tuple())
      .def("__hash__", [](const Signature &s) { return s.hash; })
      .def("__eq__",
           [](const Signature &a, py::object other) {
             if (!py::isinstance<Signature>(other))
               return false;
             const Signature &b = other.cast<const Signature &>();
             if (a.hash != b.hash || a.args.size() != b.args.size())
               return false;
             for (size_t i = 0; i < a.args.size(); ++i)
               if (!sameArg(a.args[i], b.args[i]))
                 return false;
             return true;
           })
      .def("__len__", [](const Signature &s) { return s.args.size(); })
      .def("__getitem__", &part)
      .def(
          "difference",
          [](const Signature &a, const Signature &b) -> py::object {
            if (a.args.size() != b.args.size())
              return py::int_(-1);
            for (size_t i = 0; i < a.args.size(); ++i)
              if (!sameArg(a.args[i], b.args[i]))
                return py::int_(i);
            return py::none();
          },
          "The first argument position where `other` differs (-1: another number of "
          "arguments; None: the same signature).")
      .def(
          "layout",
          [](const Signature &s, size_t i) -> py::object {
            if (i >= s.args.size() || s.args[i].strides.empty())
              return py::none();
            const std::vector<int64_t> &strides = s.args[i].strides;
            if (strides[0] == kUnknownLayout)
              return py::str("unknown");
            py::tuple out(strides.size());
            for (size_t d = 0; d < strides.size(); ++d)
              out[d] = py::int_(strides[d]);
            return out;
          },
          "Argument i's strides in elements when it is not C-contiguous, 'unknown' when "
          "they are not whole elements, None when it is C-contiguous.")
      .def("numpy_scalar",
           [](const Signature &s, size_t i) {
             return i < s.args.size() && s.args[i].kind == Kind::NumpyScalar;
           })
      .def_property_readonly("objects",
                             [](const Signature &s) {
                               for (const ArgSignature &a : s.args)
                                 if (a.kind == Kind::Object)
                                   return true;
                               return false;
                             })
      .def("matches", [](const Signature &s, const py::tuple &args) {
        std::vector<PyObject *> items = borrowed(args);
        return signatureMatches(s, items.data(), (Py_ssize_t)items.size());
      });

  // An entry holds the globals dicts and closure cells it guards, which may hold the
  // staged function that holds the entry: the collector must see those references.
  auto gcSupport = py::custom_type_setup([](PyHeapTypeObject *heapType) {
    PyTypeObject *type = &heapType->ht_type;
    type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    type->tp_traverse = [](PyObject *self, visitproc visit, void *arg) {
      Py_VISIT(Py_TYPE(self));
      auto *inst = reinterpret_cast<py::detail::instance *>(self);
      if (!inst->get_value_and_holder().holder_constructed())
        return 0;
      const EntrySpec &e = py::handle(self).cast<const EntrySpec &>();
      Py_VISIT(e.signature);
      Py_VISIT(e.compiled);
      for (const Guard &g : e.guards) {
        Py_VISIT(g.container);
        Py_VISIT(g.name);
        Py_VISIT(g.value);
      }
      return 0;
    };
    type->tp_clear = [](PyObject *self) {
      auto *inst = reinterpret_cast<py::detail::instance *>(self);
      if (!inst->get_value_and_holder().holder_constructed())
        return 0;
      // (Only the guards: `sig` and `info` point into the signature and the compiled
      // code. A cleared guard never holds, so the entry serves no call after.)
      EntrySpec &e = py::handle(self).cast<EntrySpec &>();
      for (Guard &g : e.guards) {
        Py_CLEAR(g.container);
        Py_CLEAR(g.name);
        Py_CLEAR(g.value);
      }
      return 0;
    };
  });
  py::class_<EntrySpec>(m, "EntrySpec",
                        "A compiled specialisation as calls are checked against it "
                        "(Signature.h); the C dispatcher runs those with `compiled`.",
                        gcSupport)
      .def(py::init(&buildEntry), py::arg("signature"), py::arg("guards"),
           py::arg("compiled") = py::none(), py::arg("tuple_result") = false,
           py::arg("scalars") = std::vector<bool>(), py::arg("sources") = std::vector<int>(),
           py::arg("writes") = std::vector<std::pair<int, int>>())
      .def_property_readonly("signature",
                             [](const EntrySpec &e) {
                               return py::reinterpret_borrow<py::object>(e.signature);
                             })
      .def_property_readonly("runnable",
                             [](const EntrySpec &e) { return e.compiled != nullptr; })
      .def("guards_hold", [](const EntrySpec &e) { return guardsHold(e.guards); })
      .def(
          "matches",
          [](const EntrySpec &e, const py::tuple &args) {
            std::vector<PyObject *> items = borrowed(args);
            return signatureMatches(*e.sig, items.data(), (Py_ssize_t)items.size()) &&
                   guardsHold(e.guards);
          },
          "Whether a call with `args` is served by this entry (signature and guards), as "
          "the C dispatcher decides.");
}

//===- Signature.h - What a call must look like to reuse a trace -*- C++ -*-===//
//
// The signature rules of staged functions, written once: which arguments specialise a
// trace and how (dtype, shape with dynamic dims, numpy scalar or array, the value of a
// Python scalar, which arguments are the same object), and the guards on globals and
// closure cells a trace read. The first call computes a call's Signature (the cache key
// of frontend/ag/staging.py); the C dispatcher (Dispatcher.cpp) and the Python path's
// cache hits compare a call with an entry's EntrySpec. Both go through one function,
// describeArguments(), so the two paths cannot disagree on what matches.
//
// Python sees `_ag.Signature` (hashable, comparable, a sequence of the key parts the
// tracer reads) and `_ag.EntrySpec` (one compiled specialisation: signature, guards and
// how the C path calls it), bound in Signature.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_PYTHON_SIGNATURE_H
#define AG_RUNTIME_PYTHON_SIGNATURE_H

#include <Python.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace mlir {
namespace ag {

struct FunctionInfo;

/// How one argument of a call specialises a trace.
struct ArgSignature {
  enum class Kind : uint8_t {
    /// An exact ndarray: its dtype and shape (-1: a dynamic dim, any size but 1).
    Array,
    /// A numpy scalar: staged as a 0-d array of its dtype, but immutable and returned as
    /// a scalar, so not interchangeable with a 0-d array.
    NumpyScalar,
    /// None, bool, int or float: a compile-time constant (type and value).
    Scalar,
    /// An object the trace refers to (a numpy random generator): its type, and which
    /// argument it first is.
    Object,
  };
  Kind kind = Kind::Array;
  /// Array, NumpyScalar: numpy's type number (aliases such as longlong/long merged).
  int typenum = -1;
  /// Array, NumpyScalar: the dtype in native byte order (owned).
  PyObject *dtype = nullptr;
  std::vector<int64_t> shape;
  /// Array: how its elements lie in memory when not C-contiguous -- its strides in
  /// elements (numpy's reshape and ravel copy or view by them, and .strides and .flags
  /// report them), or {kUnknownLayout} when a byte stride is not a multiple of the item
  /// size. Empty when C-contiguous, the common case.
  std::vector<int64_t> strides;
  /// Scalar: the value; Object: its type (owned).
  PyObject *value = nullptr;
  /// Array, Object: the position of the earlier argument that is this same object, or
  /// -1 (the same array passed twice is one object in the trace, as in Python).
  int same = -1;
};

/// ArgSignature::strides of an array whose layout is not one of element strides.
constexpr int64_t kUnknownLayout = INT64_MIN;

/// A call's signature: one ArgSignature per argument.
struct Signature {
  std::vector<ArgSignature> args;
  Py_hash_t hash = 0;
  Signature() = default;
  Signature(const Signature &) = delete;
  Signature &operator=(const Signature &) = delete;
  Signature(Signature &&other) noexcept;
  ~Signature();
};

/// A global (dict + name) or closure cell (name null) the trace read, and the value it
/// must still have.
struct Guard {
  enum class Kind : uint8_t {
    /// The same type and value (floats bit for bit: -0.0 is not 0.0).
    Value,
    /// The same object (arrays too large to copy, objects compared by identity).
    Identity,
    /// An exact ndarray of the traced dtype and shape: an array read from a global is
    /// an implicit parameter of the compiled code.
    ArraySpec,
    /// An ndarray equal to the copy kept (small arrays baked in as constants).
    ArrayValue,
  };
  Kind kind = Kind::Value;
  PyObject *container = nullptr, *name = nullptr; // owned
  /// Value, Identity, ArrayValue: the value (the copy kept); ArraySpec: the dtype (all
  /// owned).
  PyObject *value = nullptr;
  /// ArraySpec: the shape.
  std::vector<int64_t> shape;
  Guard() = default;
  Guard(const Guard &) = delete;
  Guard &operator=(const Guard &) = delete;
  Guard(Guard &&other) noexcept;
  ~Guard();
};

/// One compiled specialisation: what calls it serves, and how the C path calls it.
struct EntrySpec {
  PyObject *signature = nullptr; // the _ag.Signature (owned)
  const Signature *sig = nullptr; // its contents
  std::vector<Guard> guards;
  /// The _ag.Compiled (owned; keeps `info` alive), or null when only the Python path
  /// can call it (arrays read from globals, generators, results it builds in Python).
  PyObject *compiled = nullptr;
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
  EntrySpec() = default;
  EntrySpec(const EntrySpec &) = delete;
  EntrySpec &operator=(const EntrySpec &) = delete;
  ~EntrySpec();
};

/// Whether a call with `args` has the signature `sig` (the rule the first call uses to
/// compute signatures, applied to compare). `passable`: also whether its arrays can be
/// passed to compiled code as they are (C-contiguous, aligned, native byte order), which
/// the C path needs and the Python path arranges by copying. Sets no Python error.
bool signatureMatches(const Signature &sig, PyObject *const *args, Py_ssize_t nargs,
                      bool passable = false);
/// The same, given the signature's arguments (the C dispatcher keeps them at hand).
bool signatureMatches(const ArgSignature *expected, size_t numExpected,
                      PyObject *const *args, Py_ssize_t nargs, bool passable);

/// Whether every guard still holds. Sets no Python error.
bool guardsHold(const std::vector<Guard> &guards);

/// The EntrySpec of an `_ag.EntrySpec` object, or null (with a Python error set).
const EntrySpec *entrySpecOf(PyObject *object);

} // namespace ag
} // namespace mlir

namespace pybind11 {
class module_;
} // namespace pybind11

namespace mlir {
namespace ag {
/// Adds `Signature`, `EntrySpec` and `SignatureError` to the `_ag` module.
void registerSignature(pybind11::module_ &module);

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_PYTHON_SIGNATURE_H

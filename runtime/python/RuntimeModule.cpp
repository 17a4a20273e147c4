//===- RuntimeModule.cpp - The `ag._agrt` extension: the light runtime -----===//
//
// What `import ag` loads: the C dispatcher, call signatures, the host callbacks of
// compiled code (all in libag_py, shared with the compiler module `ag._ag`) and
// SharedObjectFunction, a compiled function of a trace record's shared object
// (frontend/ag/_persist.py). It links neither LLVM nor MLIR nor oneDNN nor OpenBLAS: a
// process whose calls all hit trace records loads those only if its shared objects
// call them (they are their DT_NEEDED libraries). The compiler -- tracer, pipelines,
// ORC -- is `ag._ag`, imported on the first trace or compile.
//
//===----------------------------------------------------------------------===//

#include "Callbacks.h"
#include "Dispatcher.h"
#include "Signature.h"
#include "StagingErrors.h"

#include "ag/Abi/ag_abi.h"
#include "ag/Runtime/PackedCall.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <dlfcn.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#include <sys/utsname.h>

namespace py = pybind11;
using namespace mlir::ag;

namespace {


std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// [(dtype name, shape)] -> TensorSigs.
std::vector<TensorSig> tensorSigs(const py::list &specs) {
  std::vector<TensorSig> out;
  for (py::handle spec : specs) {
    auto t = spec.cast<py::tuple>();
    out.push_back({parseDType(t[0].cast<std::string>()), t[1].cast<std::vector<int64_t>>()});
  }
  return out;
}

/// A function of a shared object a trace record kept (the object code ORC made, linked
/// by the system linker): the same interface as the compiler's `_ag.Compiled` where the
/// frontend reads it (call, `_info` for the C dispatcher, `loaded`, timings), without
/// LLVM. The object's packed entry `_mlir_<name>` is called as the JIT's would be.
class SharedObjectFunction {
public:
  /// dlopen()s `path` (RTLD_LOCAL: each shared object keeps its symbols; its own calls
  /// were bound within it when it was linked, -Bsymbolic) and binds `name`, whose
  /// signature is `inputs` and `results` ([(dtype, shape)], -1 a dynamic dim).
  SharedObjectFunction(const std::string &path, const std::string &name,
                       const py::list &inputs, const py::list &results,
                       std::vector<int64_t> callbacks, unsigned optLevel) {
    auto start = std::chrono::steady_clock::now();
    info.name = name;
    info.inputs = tensorSigs(inputs);
    info.results = tensorSigs(results);
    info.callbacks = std::move(callbacks);
    level = optLevel;
    handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char *why = dlerror();
      throw py::value_error(std::string("cannot load ") + path + ": " + (why ? why : "?"));
    }
    void *entry = dlsym(handle, ("_mlir_" + name).c_str());
    if (!entry) {
      dlclose(handle);
      handle = nullptr;
      throw py::value_error(path + " has no function '" + name + "'");
    }
    info.packed = reinterpret_cast<void (*)(void **)>(entry);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  ~SharedObjectFunction() {
    if (handle)
      dlclose(handle);
  }
  SharedObjectFunction(const SharedObjectFunction &) = delete;
  SharedObjectFunction &operator=(const SharedObjectFunction &) = delete;

  py::object call(const py::args &args) {
    if (args.size() != info.inputs.size())
      raiseStaging("'" + info.name + "' takes " + std::to_string(info.inputs.size()) +
                   " arguments, got " + std::to_string(args.size()));
    std::vector<py::array> keepAlive;
    PackedCall packed(info);
    for (size_t i = 0; i < args.size(); ++i) {
      py::handle h = args[i];
      // Compiled code reads C-contiguous, aligned, native-order buffers (as
      // _ag.Compiled's call).
      if (!py::isinstance<py::array>(h))
        throw py::type_error("ag: expected numpy arrays as arguments");
      auto a = py::reinterpret_borrow<py::array>(h);
      bool direct = (a.flags() & py::array::c_style) &&
                    a.dtype().attr("isnative").cast<bool>() &&
                    reinterpret_cast<uintptr_t>(a.data()) % a.itemsize() == 0;
      if (!direct)
        a = py::module_::import("numpy").attr("ascontiguousarray")(
            a, a.dtype().attr("newbyteorder")("="));
      DType dtype = parseDType(py::str(a.dtype()).cast<std::string>());
      std::vector<int64_t> shape(a.shape(), a.shape() + a.ndim());
      const TensorSig &sig = info.inputs[i];
      bool fits = dtype == sig.dtype && shape.size() == sig.shape.size();
      for (size_t d = 0; fits && d < sig.shape.size(); ++d)
        fits = sig.shape[d] < 0 || shape[d] == sig.shape[d];
      if (!fits)
        raiseStaging("argument " + std::to_string(i) + " of '" + info.name +
                     "': expected " + dtypeString(sig.dtype) + shapeString(sig.shape) +
                     ", got " + dtypeString(dtype) + shapeString(shape));
      packed.addArgument(a.data(), shape.data());
      keepAlive.push_back(std::move(a));
    }
    std::optional<uint64_t> failedAllocation;
    {
      py::gil_scoped_release release;
      CallbackScope scope(info.callbacks);
      failedAllocation = packed.run();
    }
    if (failedAllocation) {
      raiseAllocationFailure(*failedAllocation, info.name.c_str());
      throw py::error_already_set();
    }
    if (raisePendingFailure() < 0)
      throw py::error_already_set(); // results are freed with the PackedCall
    py::tuple out(packed.numResults());
    for (size_t r = 0; r < packed.numResults(); ++r) {
      HostArray h = packed.takeResult(r);
      auto *owner = new std::shared_ptr<void>(std::move(h.storage));
      py::capsule base(owner,
                       [](void *p) { delete static_cast<std::shared_ptr<void> *>(p); });
      std::vector<ssize_t> shape(h.shape.begin(), h.shape.end());
      out[r] = py::array(py::dtype(dtypeString(h.dtype)), shape, h.data, base);
    }
    return std::move(out);
  }

  /// A capsule with the FunctionInfo the C dispatcher calls (valid while this lives).
  py::capsule infoCapsule() {
    return py::capsule(static_cast<const void *>(&info), "ag.function");
  }
  unsigned optLevel() const { return level; }
  std::vector<std::pair<std::string, double>> timings() const {
    return {{"load shared object", seconds}};
  }

private:
  FunctionInfo info;
  void *handle = nullptr;
  unsigned level = 3;
  double seconds = 0;
};

/// This host as object code depends on it, without LLVM: the CPU's vendor, model and
/// feature words (cpuid and the OS-enabled register state), which determine what
/// LLVM's host detection (CPU name and features) sees. The persistent cache's key.
std::string hostId() {
  std::string id;
  struct utsname u;
  if (uname(&u) == 0)
    id = std::string(u.sysname) + "-" + u.machine;
#if defined(__x86_64__) || defined(__i386__)
  auto word = [&](unsigned v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %08x", v);
    id += buf;
  };
  unsigned a, b, c, d, maxLeaf = __get_cpuid_max(0, nullptr);
  for (unsigned leaf : {0u, 1u}) {
    __cpuid_count(leaf, 0, a, b, c, d);
    if (leaf == 1)
      b &= 0x0000ffffu; // (the APIC id and logical count bits differ between cores)
    word(a), word(b), word(c), word(d);
  }
  if (maxLeaf >= 7) {
    for (unsigned sub : {0u, 1u}) {
      __cpuid_count(7, sub, a, b, c, d);
      word(a), word(b), word(c), word(d);
    }
  }
  if (maxLeaf >= 0xd) {
    __cpuid_count(0xd, 1, a, b, c, d);
    word(a);
  }
  if (c = 0, d = 0, __get_cpuid(0x80000001, &a, &b, &c, &d))
    word(c), word(d);
  // The register state the OS saves (AVX, AVX-512 usable), as LLVM checks with xgetbv.
  __cpuid_count(1, 0, a, b, c, d);
  if (c & (1u << 27)) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    word(lo);
  }
#endif
  return id;
}

} // namespace

PYBIND11_MODULE(_agrt, m) {
  m.doc() = "ag's light runtime (C++): dispatcher, signatures, callbacks, shared objects";
  stagingErrorClass() =
      PyErr_NewException("ag._agrt.StagingError", PyExc_ValueError, nullptr);
  m.attr("StagingError") = py::handle(stagingErrorClass());

  py::class_<SharedObjectFunction>(m, "SharedObjectFunction")
      .def(py::init<const std::string &, const std::string &, const py::list &,
                    const py::list &, std::vector<int64_t>, unsigned>(),
           py::arg("path"), py::arg("name"), py::arg("inputs"), py::arg("results"),
           py::arg("callbacks"), py::arg("opt_level"))
      .def("__call__", &SharedObjectFunction::call)
      .def("_info", &SharedObjectFunction::infoCapsule)
      .def("stage", [](const SharedObjectFunction &, const std::string &) { return py::none(); },
           py::arg("emit"))
      .def("take_object_code", [](const SharedObjectFunction &) { return py::bytes(); })
      .def_property_readonly("loaded", [](const SharedObjectFunction &) { return true; })
      .def_property_readonly("opt_level", &SharedObjectFunction::optLevel)
      .def_property_readonly("budget_note",
                             [](const SharedObjectFunction &) { return std::string(); })
      .def("timings", &SharedObjectFunction::timings);

  m.def("host_id", [] {
    static const std::string id = hostId();
    return id;
  });
  // AG_NUM_THREADS as the runtime reads it: one thread compiles without split loops
  // (a key of the persistent cache, which _ag re-exports).
  m.def("num_threads", [] { return ag_rt_num_threads(); });
  m.attr("llvm_version") = AG_LLVM_VERSION;
  if (registerDispatcher(m.ptr()) < 0 || registerCallbacks(m.ptr()) < 0)
    throw py::error_already_set();
  registerSignature(m);
}

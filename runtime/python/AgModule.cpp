//===- AgModule.cpp - The `ag._ag` extension module: the compiler ---------===//
//
// Python bindings of the staging runtime: Tracer (record ops), Value (a staged tensor:
// shape and dtype), Compiled (a JIT-compiled function called on numpy arrays with the GIL
// released), and lower() for printing any stage of a recorded module. Op-specific logic
// lives in C++ (the dialect) or in the frontend, not here. It carries MLIR and LLVM and
// is imported on the first trace or compile; the dispatcher, signatures and callbacks are
// the light runtime's (`ag._agrt`, RuntimeModule.cpp), re-exported here.
//
//===----------------------------------------------------------------------===//

#include "Callbacks.h"
#include "StagingErrors.h"

#include "ag/Abi/ag_abi.h"
#include "ag/Backends/Cpu/JitEngine.h"
#include "ag/Runtime/DTypeMlir.h"
#include "ag/Runtime/Compiler.h"
#include "ag/Runtime/Tracer.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>

namespace py = pybind11;
using namespace mlir;
using namespace mlir::ag;

namespace {

[[noreturn]] void raise(llvm::Error err) { raiseStaging(llvm::toString(std::move(err))); }

SourceLoc parseLoc(const py::tuple &loc) {
  SourceLoc l;
  if (loc.size() == 3) {
    l.file = loc[0].cast<std::string>();
    l.line = loc[1].cast<unsigned>();
    l.column = loc[2].cast<unsigned>();
  }
  return l;
}

/// The shape with -1 for dynamic dims (the frontend shows them as None).
std::vector<int64_t> shapeOf(Value v) {
  std::vector<int64_t> shape;
  for (int64_t d : cast<RankedTensorType>(v.getType()).getShape())
    shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return shape;
}

/// A shape from the frontend: -1 (or None) is a dynamic dim. Other negative sizes are
/// an error (taken as dynamic they would make ops whose sizes nothing determines).
std::vector<int64_t> shapeFrom(const std::vector<int64_t> &shape) {
  std::vector<int64_t> out;
  for (int64_t d : shape) {
    if (d < -1)
      raise(llvm::createStringError(llvm::inconvertibleErrorCode(),
                                    "negative dimension " + std::to_string(d) +
                                        " in a shape (-1 stands for a dynamic dim)"));
    out.push_back(d < 0 ? ShapedType::kDynamic : d);
  }
  return out;
}

/// A staged tensor. Keeps its tracer alive.
struct PyValue {
  Value value;
  std::shared_ptr<Tracer> tracer;
  py::tuple shape() const { return py::cast(shapeOf(live())); }
  std::string dtype() const {
    auto t = cast<RankedTensorType>(live().getType());
    return dtypeString(*fromMlirType(t.getElementType()));
  }
  /// The value, while its trace's module still holds it.
  Value live() const {
    if (tracer->lowered())
      raise(llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "a staged value of an earlier trace was read (staged values exist only while "
          "their function is traced; one kept past it, e.g. in an attribute or a "
          "global, has no value)"));
    return value;
  }
};

/// Python attribute values to MLIR: bool -> BoolAttr, int -> i64, str -> StringAttr (a
/// mode such as ag.scatter's combine), sequence of ints -> DenseI64ArrayAttr (the shapes of every ag attribute), but for the operand group sizes
/// of ops with several variadic operands, which MLIR keeps as i32s.
Attribute toAttribute(Builder &b, const std::string &name, py::handle value) {
  if (name == "operandSegmentSizes")
    return b.getDenseI32ArrayAttr(value.cast<std::vector<int32_t>>());
  if (py::isinstance<py::bool_>(value))
    return b.getBoolAttr(value.cast<bool>());
  if (py::isinstance<py::int_>(value))
    return b.getI64IntegerAttr(value.cast<int64_t>());
  if (py::isinstance<py::str>(value))
    return b.getStringAttr(value.cast<std::string>());
  if (py::isinstance<py::sequence>(value))
    return b.getDenseI64ArrayAttr(value.cast<std::vector<int64_t>>());
  throw py::type_error("unsupported attribute value");
}

HostArray viewOf(const py::array &a, DType dtype) {
  HostArray h;
  h.dtype = dtype;
  h.shape.assign(a.shape(), a.shape() + a.ndim());
  h.data = const_cast<void *>(a.data());
  return h;
}

py::array toNumpy(HostArray &&h) {
  // The capsule owns the buffer compiled code malloc'ed: numpy frees it with the array.
  auto *owner = new std::shared_ptr<void>(std::move(h.storage));
  py::capsule base(owner, [](void *p) { delete static_cast<std::shared_ptr<void> *>(p); });
  std::vector<ssize_t> shape(h.shape.begin(), h.shape.end());
  return py::array(py::dtype(dtypeString(h.dtype)), shape, h.data, base);
}

class PyTracer {
public:
  explicit PyTracer(const std::string &name)
      : tracer(std::make_shared<Tracer>(name)), name(name) {}

  PyValue argument(const std::string &dtype, const std::vector<int64_t> &shape,
                   const py::tuple &loc) {
    return {tracer->addArgument(parseDType(dtype), shapeFrom(shape), parseLoc(loc)), tracer};
  }

  PyValue op(const std::string &opName, const std::vector<PyValue> &operands,
             const py::dict &attrs, const py::object &result, const py::tuple &loc) {
    std::vector<Value> values = visible(operands);
    Builder &b = tracer->builder();
    std::vector<NamedAttribute> attributes;
    for (auto [key, value] : attrs)
      attributes.push_back(b.getNamedAttr(key.cast<std::string>(),
                                            toAttribute(b, key.cast<std::string>(), value)));
    Type resultType;
    if (!result.is_none()) {
      auto spec = result.cast<py::tuple>();
      resultType = RankedTensorType::get(
          shapeFrom(spec[1].cast<std::vector<int64_t>>()),
          toMlirType(parseDType(spec[0].cast<std::string>()), &globalContext()));
    }
    auto built = tracer->buildOp(opName, values, attributes, resultType, parseLoc(loc));
    if (!built)
      raise(built.takeError());
    return {*built, tracer};
  }

  /// An op with several inferred results (ag.lapack).
  std::vector<PyValue> opResults(const std::string &opName,
                                 const std::vector<PyValue> &operands, const py::dict &attrs,
                                 const py::tuple &loc) {
    std::vector<Value> values = visible(operands);
    Builder &b = tracer->builder();
    std::vector<NamedAttribute> attributes;
    for (auto [key, value] : attrs)
      attributes.push_back(b.getNamedAttr(key.cast<std::string>(),
                                            toAttribute(b, key.cast<std::string>(), value)));
    return wrap(check(tracer->buildMultiResultOp(opName, values, attributes, parseLoc(loc))));
  }

  /// An op without results (ag.print, ag.assert).
  void effect(const std::string &opName, const std::vector<PyValue> &operands,
              const py::dict &attrs, const py::tuple &loc) {
    Builder &b = tracer->builder();
    std::vector<NamedAttribute> attributes;
    for (auto [key, value] : attrs)
      attributes.push_back(b.getNamedAttr(key.cast<std::string>(),
                                            toAttribute(b, key.cast<std::string>(), value)));
    auto built = tracer->buildOp(opName, visible(operands), attributes, Type(), parseLoc(loc));
    if (!built)
      raise(built.takeError());
  }

  PyValue constant(const py::array &array, const py::tuple &loc) {
    DType dtype = parseDType(py::str(array.dtype()).cast<std::string>());
    py::array contiguous = py::array::ensure(array, py::array::c_style);
    auto built = tracer->buildConstant(viewOf(contiguous, dtype), parseLoc(loc));
    if (!built)
      raise(built.takeError());
    return {*built, tracer};
  }

  void finish(const std::vector<PyValue> &results, const py::tuple &loc) {
    if (auto err = tracer->finish(visible(results), parseLoc(loc)))
      raise(std::move(err));
  }

  // --- regions (see Tracer.h) -----------------------------------------------------
  int beginIf(const PyValue &cond, const py::tuple &loc) {
    return check(tracer->beginIf(visible({cond})[0], parseLoc(loc)));
  }
  void enterBranch(int handle, int which) {
    if (auto err = tracer->enterBranch(handle, which))
      raise(std::move(err));
  }
  std::vector<PyValue> endIf(int handle, const std::vector<PyValue> &thenValues,
                             const std::vector<PyValue> &elseValues) {
    return wrap(check(tracer->endIf(handle, unwrap(thenValues), unwrap(elseValues))));
  }
  py::tuple beginWhile(const std::vector<PyValue> &inits, const py::tuple &loc) {
    auto [handle, args] = check(tracer->beginWhile(visible(inits), parseLoc(loc)));
    return py::make_tuple(handle, wrap(args));
  }
  std::vector<PyValue> whileBody(int handle, const PyValue &cond,
                                 const std::vector<PyValue> &values) {
    return wrap(check(tracer->whileBody(handle, own(cond), unwrap(values))));
  }
  std::vector<PyValue> endWhile(int handle, const std::vector<PyValue> &values) {
    return wrap(check(tracer->endWhile(handle, unwrap(values))));
  }
  py::tuple beginFor(const PyValue &lo, const PyValue &hi, const PyValue &step,
                     const std::vector<PyValue> &inits, const py::tuple &loc) {
    visible({lo, hi, step});
    auto [handle, iv, args] = check(
        tracer->beginFor(own(lo), own(hi), own(step), visible(inits), parseLoc(loc)));
    return py::make_tuple(handle, PyValue{iv, tracer}, wrap(args));
  }
  std::vector<PyValue> endFor(int handle, const std::vector<PyValue> &values) {
    return wrap(check(tracer->endFor(handle, unwrap(values))));
  }
  void abortRegion(int handle) {
    if (auto err = tracer->abortRegion(handle))
      raise(std::move(err));
  }
  bool inRegion() { return tracer->inRegion(); }
  PyValue dim(const PyValue &v, int64_t index, const py::tuple &loc) {
    return {check(tracer->dim(own(v), index, parseLoc(loc))), tracer};
  }
  /// Identifies the block ops are recorded into (the frontend checks that list appends
  /// happen at a loop body's top level).
  intptr_t blockId() {
    return reinterpret_cast<intptr_t>(tracer->builder().getInsertionBlock());
  }
  /// Tensor types of (dtype, shape) specs.
  static std::vector<Type> types(const py::list &specs) {
    std::vector<Type> out;
    for (py::handle spec : specs) {
      auto t = spec.cast<py::tuple>();
      out.push_back(RankedTensorType::get(
          shapeFrom(t[1].cast<std::vector<int64_t>>()),
          toMlirType(parseDType(t[0].cast<std::string>()), &globalContext())));
    }
    return out;
  }
  std::vector<PyValue> beginFunction(const std::string &name, const py::list &argSpecs,
                                     const py::tuple &loc) {
    return wrap(check(tracer->beginFunction(name, types(argSpecs), parseLoc(loc))));
  }
  std::vector<PyValue> beginRecursiveFunction(const std::string &name,
                                              const py::list &argSpecs,
                                              const py::list &resultSpecs,
                                              const py::tuple &loc) {
    return wrap(check(tracer->beginRecursiveFunction(name, types(argSpecs),
                                                     types(resultSpecs), parseLoc(loc))));
  }
  PyValue stackGuard(int64_t callback, const py::tuple &loc) {
    return {check(tracer->stackGuard(callback, parseLoc(loc))), tracer};
  }
  void endFunction(const std::vector<PyValue> &results, const py::tuple &loc) {
    if (auto err = tracer->endFunction(unwrap(results), parseLoc(loc)))
      raise(std::move(err));
  }
  std::vector<PyValue> call(const std::string &name, const std::vector<PyValue> &args,
                            const py::tuple &loc) {
    return wrap(check(tracer->call(name, unwrap(args), parseLoc(loc))));
  }

  std::string ir() { return tracer->print(); }
  std::vector<int64_t> numberCallbacks() { return tracer->numberCallbacks(); }
  std::shared_ptr<Tracer> get() { return tracer; }
  const std::string &functionName() const { return name; }

private:
  template <typename T> T check(llvm::Expected<T> value) {
    if (!value)
      raise(value.takeError());
    return std::move(*value);
  }
  /// The MLIR value of `v`, which must belong to this trace: a value of another
  /// (possibly finished) trace used here would tie two modules' use lists together and
  /// corrupt memory when either is freed.
  Value own(const PyValue &v) const {
    if (v.tracer != tracer)
      raise(llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "a staged value of another trace was used (staged values exist only while "
          "their function is traced; keep them out of globals and other functions' "
          "state)"));
    return v.value;
  }
  /// The MLIR values of `values`, which must be visible where ops are recorded now: a
  /// value computed inside a branch or loop body that has ended (kept by Python after
  /// the region, say in a list or an attribute the region did not carry) does not
  /// dominate later ops. Said here, in the user's terms, instead of by the verifier.
  std::vector<Value> visible(const std::vector<PyValue> &values) const {
    std::vector<Value> out = unwrap(values);
    Block *at = tracer->builder().getInsertionBlock();
    for (Value v : out) {
      Block *home = v.getParentBlock();
      Block *b = at;
      while (b && b != home) {
        Operation *parent = b->getParentOp();
        b = parent ? parent->getBlock() : nullptr;
      }
      if (!b)
        raise(llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "a staged value computed inside a staged if branch or loop body is used "
            "outside it (ag carries out of a region only the variables and arrays it "
            "assigns; a value kept some other way, e.g. in a Python list, attribute or "
            "closure, cannot leave it)"));
    }
    return out;
  }
  std::vector<Value> unwrap(const std::vector<PyValue> &values) const {
    std::vector<Value> out;
    for (const PyValue &v : values)
      out.push_back(own(v));
    return out;
  }
  std::vector<PyValue> wrap(const std::vector<Value> &values) {
    std::vector<PyValue> out;
    for (Value v : values)
      out.push_back({v, tracer});
    return out;
  }

  std::shared_ptr<Tracer> tracer;
  std::string name;
};

class PyCompiled {
public:
  /// Compiles the module `tracer` recorded (see CompileOptions for the arguments): or
  /// links `object`, object code a compile of the same module text kept, if it links.
  PyCompiled(PyTracer &tracer, std::vector<int64_t> callbacks, const py::object &object,
             bool keepObject, unsigned optLevel, double budget, double spent,
             bool keepStages, bool tiered, bool passTiming)
      : name(tracer.functionName()) {
    std::shared_ptr<Tracer> t = tracer.get();
    CompileOptions options;
    options.extraSymbols = callbackSymbols();
    options.callbacks = std::move(callbacks);
    options.keepObject = keepObject;
    options.keepStages = keepStages;
    options.optLevel = optLevel;
    options.budgetSeconds = budget;
    options.spentSeconds = spent;
    options.tiered = tiered;
    options.passTiming = passTiming;
    std::string objectBytes;
    if (!object.is_none())
      objectBytes = object.cast<py::bytes>();
    options.object = objectBytes;
    // (The GIL stays held: another thread's trace or lower() would use the global
    // MLIRContext while the pipelines run.)
    t->markLowered();
    auto compiled = CompiledModule::compile(t->module(), options);
    if (!compiled)
      raise(compiled.takeError());
    module = std::move(*compiled);
  }

  /// Links `object` (the persistent cache's object code of `agText`, whose public
  /// function is `name`) without a trace: the module is parsed for the functions'
  /// signatures; if the object does not link here it is compiled from the text.
  PyCompiled(const std::string &name, const std::string &agText,
             std::vector<int64_t> callbacks, const py::bytes &object, unsigned optLevel,
             double budget)
      : name(name) {
    OwningOpRef<ModuleOp> parsed = parseSourceString<ModuleOp>(agText, &globalContext());
    if (!parsed)
      throw py::value_error("ag: a cached module does not parse");
    CompileOptions options;
    options.extraSymbols = callbackSymbols();
    options.callbacks = std::move(callbacks);
    options.optLevel = optLevel;
    options.budgetSeconds = budget;
    std::string objectBytes = object;
    options.object = objectBytes;
    auto compiled = CompiledModule::compile(*parsed, options);
    if (!compiled)
      raise(compiled.takeError());
    module = std::move(*compiled);
  }

  /// The object code to cache (b"" unless compiled from IR with keep_object), handed
  /// over: the compiled function does not keep a copy.
  py::bytes takeObjectCode() { return py::bytes(module->takeObjectCode()); }
  bool loaded() const { return module->loadedObject(); }
  /// The IR the compile kept after stage `emit` (keep_stages), or None.
  py::object stage(const std::string &emit) const {
    auto stage = parseStage(emit);
    if (!stage)
      throw py::value_error("emit must be one of 'ag', 'linalg', 'bufferized', 'llvm', not '" +
                            emit + "'");
    const std::string &ir = module->stageIR(*stage);
    return ir.empty() ? py::object(py::none()) : py::object(py::str(ir));
  }
  unsigned optLevel() const { return module->optLevel(); }
  bool tierPending() const { return module->tierPending(); }
  std::string tierNote() const { return module->tierNote(); }
  /// CompiledModule::tierUp, with the GIL released: other Python threads, and calls of
  /// this function (which run the first tier until the swap), go on meanwhile.
  StageTimes tierUp() {
    llvm::Expected<StageTimes> times = [&] {
      py::gil_scoped_release release;
      return module->tierUp();
    }();
    if (!times)
      raise(times.takeError());
    return std::move(*times);
  }
  std::string budgetNote() const { return module->budgetNote(); }
  std::vector<std::pair<std::string, double>> timings() const { return module->timings(); }

  py::object call(const py::args &args) {
    std::vector<HostArray> inputs;
    std::vector<py::array> keepAlive;
    for (py::handle h : args) {
      // Compiled code reads C-contiguous, aligned, native-order buffers: anything else
      // (strided views, Fortran order, byte-swapped) is copied into that form first.
      if (!py::isinstance<py::array>(h))
        throw py::type_error("ag: expected numpy arrays as arguments");
      auto a = py::reinterpret_borrow<py::array>(h);
      bool direct = (a.flags() & py::array::c_style) &&
                    a.dtype().attr("isnative").cast<bool>() &&
                    reinterpret_cast<uintptr_t>(a.data()) % a.itemsize() == 0;
      if (!direct)
        a = py::module_::import("numpy").attr("ascontiguousarray")(
            a, a.dtype().attr("newbyteorder")("="));
      inputs.push_back(viewOf(a, parseDType(py::str(a.dtype()).cast<std::string>())));
      keepAlive.push_back(std::move(a));
    }
    llvm::Expected<std::vector<HostArray>> results = std::vector<HostArray>{};
    {
      py::gil_scoped_release release;
      CallbackScope callbacks(module->lookup(name)->callbacks);
      results = module->call(name, inputs);
    }
    if (!results) {
      std::optional<uint64_t> failedAllocation;
      llvm::Error err = llvm::handleErrors(
          results.takeError(),
          [&](const OutOfMemoryError &e) { failedAllocation = e.bytes; });
      if (failedAllocation) {
        llvm::consumeError(std::move(err));
        raiseAllocationFailure(*failedAllocation, name.c_str());
        throw py::error_already_set();
      }
      raise(std::move(err));
    }
    if (raisePendingFailure() < 0)
      throw py::error_already_set(); // results are freed with their HostArrays
    py::tuple out(results->size());
    for (size_t i = 0; i < results->size(); ++i)
      out[i] = toNumpy(std::move((*results)[i]));
    return out;
  }

  /// The signature of the public function: ([(dtype, shape)] of the inputs, of the
  /// results), -1 for a dynamic dim (what a trace record's shared object is called by).
  py::tuple signature() const {
    const FunctionInfo *f = module->lookup(name);
    auto specs = [](const std::vector<TensorSig> &sigs) {
      py::list out;
      for (const TensorSig &sig : sigs)
        out.append(py::make_tuple(dtypeString(sig.dtype), py::cast(sig.shape)));
      return out;
    };
    return py::make_tuple(specs(f->inputs), specs(f->results));
  }

  /// A capsule with the FunctionInfo the C dispatcher calls (valid while this lives).
  py::capsule info() {
    return py::capsule(static_cast<const void *>(module->lookup(name)), "ag.function");
  }

private:
  std::string name;
  std::unique_ptr<CompiledModule> module;
};

/// Prints a module given in the ag dialect after lowering it to `emit` as the compiler
/// lowers (CompiledModule::lower).
std::string lower(const std::string &agText, const std::string &emit) {
  auto stage = parseStage(emit);
  if (!stage)
    throw py::value_error("emit must be one of 'ag', 'linalg', 'bufferized', 'llvm', not '" +
                          emit + "'");
  MLIRContext &ctx = globalContext();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(agText, &ctx);
  if (!module)
    throw py::value_error("cannot parse module");
  if (failed(CompiledModule::lower(*module, *stage)))
    throw py::value_error("lowering to '" + emit + "' failed");
  std::string s;
  llvm::raw_string_ostream os(s);
  module->print(os);
  return s;
}

} // namespace

/// Makes the global MLIR context (every dialect loaded: ~4 ms), for ag._compiler's
/// loader thread to call through ctypes right after loading this library, beside the
/// trace that will need it (a thread needing it earlier waits for it).
extern "C" __attribute__((visibility("default"))) void ag_prepare_context() {
  (void)globalContext();
}

PYBIND11_MODULE(_ag, m) {
  m.doc() = "ag's compiler (C++): tracer, pipelines, JIT-compiled calls";
  // The light runtime's names (one StagingError, Dispatcher, Signature, ... in a
  // process): the frontend's tracing code reads them here.
  py::module_ runtime = py::module_::import("ag._agrt");
  for (auto [key, value] : runtime.attr("__dict__").cast<py::dict>()) {
    std::string attr = key.cast<std::string>();
    if (attr.rfind("_", 0) != 0)
      m.attr(attr.c_str()) = value;
  }
  stagingErrorClass() = runtime.attr("StagingError").ptr();

  py::class_<PyValue>(m, "Value")
      .def_property_readonly("shape", &PyValue::shape)
      .def_property_readonly("dtype", &PyValue::dtype);

  // dynamic_attr: the frontend keeps per-trace tables on the tracer (staged recursion).
  py::class_<PyTracer>(m, "Tracer", py::dynamic_attr())
      .def(py::init<const std::string &>())
      .def("argument", &PyTracer::argument, py::arg("dtype"), py::arg("shape"),
           py::arg("loc") = py::tuple())
      .def("op", &PyTracer::op, py::arg("name"), py::arg("operands"),
           py::arg("attrs") = py::dict(), py::arg("result") = py::none(),
           py::arg("loc") = py::tuple())
      .def("constant", &PyTracer::constant, py::arg("array"), py::arg("loc") = py::tuple())
      .def("op_results", &PyTracer::opResults, py::arg("name"), py::arg("operands"),
           py::arg("attrs") = py::dict(), py::arg("loc") = py::tuple())
      .def("effect", &PyTracer::effect, py::arg("name"), py::arg("operands"),
           py::arg("attrs") = py::dict(), py::arg("loc") = py::tuple())
      .def("finish", &PyTracer::finish, py::arg("results"), py::arg("loc") = py::tuple())
      .def("begin_if", &PyTracer::beginIf, py::arg("cond"), py::arg("loc") = py::tuple())
      .def("enter_branch", &PyTracer::enterBranch)
      .def("end_if", &PyTracer::endIf)
      .def("begin_while", &PyTracer::beginWhile, py::arg("inits"),
           py::arg("loc") = py::tuple())
      .def("while_body", &PyTracer::whileBody)
      .def("end_while", &PyTracer::endWhile)
      .def("begin_for", &PyTracer::beginFor, py::arg("lower"), py::arg("upper"),
           py::arg("step"), py::arg("inits"), py::arg("loc") = py::tuple())
      .def("end_for", &PyTracer::endFor)
      .def("abort_region", &PyTracer::abortRegion)
      .def("in_region", &PyTracer::inRegion)
      .def("dim", &PyTracer::dim, py::arg("value"), py::arg("index"),
           py::arg("loc") = py::tuple())
      .def("block_id", &PyTracer::blockId)
      .def("begin_function", &PyTracer::beginFunction, py::arg("name"),
           py::arg("arg_specs"), py::arg("loc") = py::tuple())
      .def("begin_recursive_function", &PyTracer::beginRecursiveFunction, py::arg("name"),
           py::arg("arg_specs"), py::arg("result_specs"), py::arg("loc") = py::tuple())
      .def("stack_guard", &PyTracer::stackGuard, py::arg("callback"),
           py::arg("loc") = py::tuple())
      .def("end_function", &PyTracer::endFunction, py::arg("results"),
           py::arg("loc") = py::tuple())
      .def("call", &PyTracer::call, py::arg("name"), py::arg("args"),
           py::arg("loc") = py::tuple())
      .def("ir", &PyTracer::ir)
      .def("number_callbacks", &PyTracer::numberCallbacks);

  py::class_<PyCompiled>(m, "Compiled")
      .def(py::init<PyTracer &, std::vector<int64_t>, const py::object &, bool, unsigned,
                    double, double, bool, bool, bool>(),
           py::arg("tracer"), py::arg("callbacks") = std::vector<int64_t>(),
           py::arg("object") = py::none(), py::arg("keep_object") = false,
           py::arg("opt_level") = 3, py::arg("budget") = 0.0, py::arg("spent") = 0.0,
           py::arg("keep_stages") = false, py::arg("tiered") = false,
           py::arg("pass_timing") = false)
      .def(py::init<const std::string &, const std::string &, std::vector<int64_t>,
                    const py::bytes &, unsigned, double>(),
           py::arg("name"), py::arg("ag_text"), py::arg("callbacks"), py::arg("object"),
           py::arg("opt_level"), py::arg("budget"))
      .def("__call__", &PyCompiled::call)
      .def("_info", &PyCompiled::info)
      .def("signature", &PyCompiled::signature)
      .def("stage", &PyCompiled::stage, py::arg("emit"))
      .def("take_object_code", &PyCompiled::takeObjectCode)
      .def_property_readonly("loaded", &PyCompiled::loaded)
      .def_property_readonly("opt_level", &PyCompiled::optLevel)
      .def_property_readonly("tier_pending", &PyCompiled::tierPending)
      .def_property_readonly("tier_note", &PyCompiled::tierNote)
      .def("tier_up", &PyCompiled::tierUp)
      .def_property_readonly("budget_note", &PyCompiled::budgetNote)
      .def("timings", &PyCompiled::timings);

  m.def("lower", &lower, py::arg("ag_text"), py::arg("emit"));
  // What compiled object code depends on besides the module text: the persistent
  // cache's key (frontend/ag/_cache.py).
  m.def("host_target", [] { return JitEngine::hostTarget(); });
  // Compiled modules whose code is still in the process's JIT (freed with the last
  // reference to their Compiled): for tests.
  m.def("live_engines", [] { return JitEngine::liveEngines(); });
  m.attr("llvm_version") = LLVM_VERSION_STRING;
}

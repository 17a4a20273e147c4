//===- TestUtils.cpp - Harness of the ag execution tests ------------------===//
//
// The only translation unit of the tests that includes MLIR headers (parsing and the
// compiler); everything else sees TestUtils.h.
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include "ag/InitAll.h"
#include "ag/Runtime/Compiler.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace agtest {

//===----------------------------------------------------------------------===//
// dtypes and shapes
//===----------------------------------------------------------------------===//

const char *elemType(DType d) {
  switch (d) {
  case F32:
    return "f32";
  case F64:
    return "f64";
  case I32:
    return "i32";
  case I64:
    return "i64";
  case BOOL:
    return "i1";
  default: // (the execution tests build these five dtypes)
    break;
  }
  return "?";
}

const char *dtypeName(DType d) { return mlir::ag::dtypeString(d); }

std::string tensorType(DType d, const Shape &shape) {
  std::string s = "tensor<";
  for (int64_t dim : shape)
    s += std::to_string(dim) + "x";
  return s + elemType(d) + ">";
}

std::string shapeStr(const Shape &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::string joinInts(const std::vector<int64_t> &v, const char *sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? sep : "") + std::to_string(v[i]);
  return s;
}

std::string i64Array(const std::vector<int64_t> &v) {
  return v.empty() ? "array<i64>" : "array<i64: " + joinInts(v) + ">";
}

int64_t numel(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<int64_t> rowMajorStrides(const Shape &shape) {
  std::vector<int64_t> s(shape.size());
  int64_t stride = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    s[d] = stride;
    stride *= shape[d];
  }
  return s;
}

Shape broadcastShapes(const Shape &a, const Shape &b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      ADD_FAILURE() << "test bug: shapes " << shapeStr(a) << " and " << shapeStr(b)
                    << " do not broadcast";
      return a;
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<int64_t> unravel(int64_t flat, const Shape &shape) {
  std::vector<int64_t> idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    idx[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  return idx;
}

int64_t ravel(const std::vector<int64_t> &index, const Shape &shape) {
  int64_t flat = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    flat = flat * shape[d] + index[d];
  return flat;
}

int64_t broadcastSource(int64_t flat, const Shape &out, const Shape &in) {
  std::vector<int64_t> idx = unravel(flat, out);
  size_t lead = out.size() - in.size();
  int64_t src = 0;
  for (size_t d = 0; d < in.size(); ++d)
    src = src * in[d] + (in[d] == 1 ? 0 : idx[lead + d]);
  return src;
}

//===----------------------------------------------------------------------===//
// Elements
//===----------------------------------------------------------------------===//

double getF(const HostArray &a, int64_t i) {
  return dispatch(a.dtype, [&](auto tag) -> double {
    using T = decltype(tag);
    return static_cast<double>(a.as<T>()[i]);
  });
}

int64_t getI(const HostArray &a, int64_t i) {
  return dispatch(a.dtype, [&](auto tag) -> int64_t {
    using T = decltype(tag);
    return static_cast<int64_t>(a.as<T>()[i]);
  });
}

void setF(HostArray &a, int64_t i, double v) {
  dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>)
      a.as<T>()[i] = v != 0;
    else
      a.as<T>()[i] = static_cast<T>(v);
  });
}

void setI(HostArray &a, int64_t i, int64_t v) {
  dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>)
      a.as<T>()[i] = v != 0;
    else
      a.as<T>()[i] = static_cast<T>(v);
  });
}

HostArray zeros(DType d, const Shape &shape) { return HostArray::zeros(d, shape); }

HostArray fromDoubles(DType d, const Shape &shape, const std::vector<double> &values) {
  HostArray a = zeros(d, shape);
  if ((int64_t)values.size() != numel(shape))
    ADD_FAILURE() << "test bug: " << values.size() << " values for shape "
                  << shapeStr(shape);
  for (int64_t i = 0; i < numel(shape) && i < (int64_t)values.size(); ++i)
    setF(a, i, values[i]);
  return a;
}

HostArray fromInts(DType d, const Shape &shape, const std::vector<int64_t> &values) {
  HostArray a = zeros(d, shape);
  if ((int64_t)values.size() != numel(shape))
    ADD_FAILURE() << "test bug: " << values.size() << " values for shape "
                  << shapeStr(shape);
  for (int64_t i = 0; i < numel(shape) && i < (int64_t)values.size(); ++i)
    setI(a, i, values[i]);
  return a;
}

HostArray copyArray(const HostArray &a) {
  HostArray r = zeros(a.dtype, a.shape);
  if (a.numBytes())
    std::memcpy(r.data, a.data, a.numBytes());
  return r;
}

static std::string elementText(const HostArray &a, int64_t i) {
  char buf[64];
  switch (a.dtype) {
  case F32:
  case F64: {
    double v = getF(a, i);
    if (v == 0 && std::signbit(v))
      return "-0";
    std::snprintf(buf, sizeof buf, a.dtype == F32 ? "%.9g" : "%.17g", v);
    return buf;
  }
  case BOOL: {
    uint8_t raw = a.as<uint8_t>()[i];
    if (raw > 1)
      return "<byte " + std::to_string(raw) + ">";
    return raw ? "True" : "False";
  }
  default:
    return std::to_string(getI(a, i));
  }
}

std::string describe(const HostArray &a, int64_t maxElements) {
  std::string s = std::string(dtypeName(a.dtype)) + shapeStr(a.shape) + " [";
  int64_t n = a.numElements();
  for (int64_t i = 0; i < n && i < maxElements; ++i)
    s += (i ? ", " : "") + elementText(a, i);
  if (n > maxElements)
    s += ", ... (" + std::to_string(n) + " elements)";
  return s + "]";
}

HostArray randomArray(DType d, const Shape &shape, Rng &rng, double lo, double hi) {
  HostArray a = zeros(d, shape);
  for (int64_t i = 0, n = numel(shape); i < n; ++i) {
    if (isFloat(d))
      setF(a, i, rng.uniform(lo, hi));
    else if (d == BOOL)
      setI(a, i, rng.coin(0.5));
    else
      setI(a, i, rng.integer((int64_t)lo, (int64_t)hi));
  }
  return a;
}

void sprinkle(HostArray &a, Rng &rng, double p, const std::vector<double> &values) {
  for (int64_t i = 0, n = a.numElements(); i < n; ++i)
    if (rng.coin(p))
      setF(a, i, values[rng.integer(0, values.size() - 1)]);
}

void sprinkleInts(HostArray &a, Rng &rng, double p, const std::vector<int64_t> &values) {
  for (int64_t i = 0, n = a.numElements(); i < n; ++i)
    if (rng.coin(p))
      setI(a, i, values[rng.integer(0, values.size() - 1)]);
}

std::vector<double> floatSpecials() { return {nan(), inf(), -inf(), 0.0, -0.0}; }

int64_t intMin(DType d) {
  return d == I32 ? std::numeric_limits<int32_t>::min()
                  : std::numeric_limits<int64_t>::min();
}
int64_t intMax(DType d) {
  return d == I32 ? std::numeric_limits<int32_t>::max()
                  : std::numeric_limits<int64_t>::max();
}
std::vector<int64_t> intExtremes(DType d) { return {intMin(d), intMax(d), 0, 1, -1}; }

std::string elementLiteral(const HostArray &a, int64_t i) {
  char buf[64];
  switch (a.dtype) {
  case F32: {
    uint32_t bits;
    std::memcpy(&bits, a.as<float>() + i, 4);
    std::snprintf(buf, sizeof buf, "0x%08" PRIX32, bits);
    return buf;
  }
  case F64: {
    uint64_t bits;
    std::memcpy(&bits, a.as<double>() + i, 8);
    std::snprintf(buf, sizeof buf, "0x%016" PRIX64, bits);
    return buf;
  }
  case BOOL:
    return a.as<uint8_t>()[i] ? "true" : "false";
  default:
    return std::to_string(getI(a, i));
  }
}

std::string denseLiteral(const HostArray &a) {
  if (a.shape.empty())
    return "dense<" + elementLiteral(a, 0) + ">";
  if (a.numElements() == 0)
    return "dense<>";
  std::string s;
  int64_t flat = 0;
  // Recursive nesting over dims.
  auto rec = [&](auto &&self, size_t dim) -> void {
    s += "[";
    for (int64_t i = 0; i < a.shape[dim]; ++i) {
      if (i)
        s += ", ";
      if (dim + 1 == a.shape.size())
        s += elementLiteral(a, flat++);
      else
        self(self, dim + 1);
    }
    s += "]";
  };
  rec(rec, 0);
  return "dense<" + s + ">";
}

//===----------------------------------------------------------------------===//
// Comparison
//===----------------------------------------------------------------------===//

::testing::AssertionResult arraysMatch(const HostArray &actual, const HostArray &expected,
                                       const Tolerance &tol) {
  if (actual.dtype != expected.dtype)
    return ::testing::AssertionFailure() << "dtype " << dtypeName(actual.dtype)
                                         << ", expected " << dtypeName(expected.dtype);
  if (actual.shape != expected.shape)
    return ::testing::AssertionFailure() << "shape " << shapeStr(actual.shape)
                                         << ", expected " << shapeStr(expected.shape);
  std::ostringstream bad;
  int64_t mismatches = 0;
  int64_t n = expected.numElements();
  for (int64_t i = 0; i < n; ++i) {
    bool ok;
    if (isFloat(expected.dtype)) {
      double a = getF(actual, i), e = getF(expected, i);
      if (std::isnan(e))
        ok = std::isnan(a);
      else if (std::isinf(e))
        ok = a == e;
      else
        ok = std::isfinite(a) && std::fabs(a - e) <= tol.atol + tol.rtol * std::fabs(e);
      if (ok && tol.zeroSign && e == 0)
        ok = std::signbit(a) == std::signbit(e);
    } else if (expected.dtype == BOOL) {
      ok = actual.as<uint8_t>()[i] == expected.as<uint8_t>()[i];
    } else {
      ok = getI(actual, i) == getI(expected, i);
    }
    if (!ok && mismatches++ < 8)
      bad << "\n    at " << shapeStr(unravel(i, expected.shape)) << ": got "
          << elementText(actual, i) << ", expected " << elementText(expected, i);
  }
  if (!mismatches)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << mismatches << " of " << n << " elements differ:" << bad.str()
         << "\n  actual:   " << describe(actual)
         << "\n  expected: " << describe(expected);
}

//===----------------------------------------------------------------------===//
// MLIR and the JIT
//===----------------------------------------------------------------------===//

std::string funcText(const std::string &name, const std::vector<std::string> &argTypes,
                     const std::string &body, const std::vector<std::string> &results,
                     const std::vector<std::string> &resultTypes) {
  std::string s = "  func.func @" + name + "(";
  for (size_t i = 0; i < argTypes.size(); ++i)
    s += (i ? ", %a" : "%a") + std::to_string(i) + ": " + argTypes[i];
  s += ") -> (";
  for (size_t i = 0; i < resultTypes.size(); ++i)
    s += (i ? ", " : "") + resultTypes[i];
  s += ") {\n";
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty())
      s += "    " + line + "\n";
  s += "    return";
  for (size_t i = 0; i < results.size(); ++i)
    s += (i ? ", " : " ") + results[i];
  if (!results.empty()) {
    s += " : ";
    for (size_t i = 0; i < resultTypes.size(); ++i)
      s += (i ? ", " : "") + resultTypes[i];
  }
  return s + "\n  }\n";
}

namespace {
mlir::MLIRContext *makeContext() {
  mlir::DialectRegistry registry;
  mlir::ag::registerAllDialects(registry);
  auto *c = new mlir::MLIRContext(registry);
  c->loadAllAvailableDialects();
  return c;
}

mlir::MLIRContext &context() {
  static mlir::MLIRContext *ctx = makeContext();
  return *ctx;
}

bool verbose() {
  static bool v = std::getenv("AGTEST_VERBOSE") != nullptr;
  return v;
}
} // namespace

std::shared_ptr<mlir::MLIRContext> JitModule::newContext() {
  return std::shared_ptr<mlir::MLIRContext>(makeContext());
}

struct JitModule::Impl {
  std::shared_ptr<mlir::MLIRContext> context; // (outlives the module)
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<mlir::ag::CompiledModule> compiled;
};

JitModule::JitModule() : impl(new Impl) {}
JitModule::~JitModule() = default;

std::unique_ptr<JitModule> JitModule::compile(const std::string &text,
                                              std::string &error, const Options &options) {
  mlir::MLIRContext &ctx = options.context ? *options.context : context();
  std::string diagnostics;
  std::unique_ptr<JitModule> m(new JitModule());
  m->impl->context = options.context;
  {
    mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &diag) {
      llvm::raw_string_ostream os(diagnostics);
      os << diag.getLocation() << ": " << diag << "\n";
      return mlir::success();
    });
    m->impl->module = mlir::parseSourceString<mlir::ModuleOp>(
        text, mlir::ParserConfig(&ctx, /*verifyAfterParse=*/options.verifyParse));
  }
  if (!m->impl->module) {
    error = "parse/verify failed:\n" + diagnostics;
    return nullptr;
  }
  mlir::ag::CompileOptions compileOptions;
  compileOptions.object = options.object;
  compileOptions.keepObject = options.keepObject;
  compileOptions.budgetSeconds = options.budgetSeconds;
  compileOptions.spentSeconds = options.spentSeconds;
  auto compiled = mlir::ag::CompiledModule::compile(*m->impl->module, compileOptions);
  if (!compiled) {
    error = llvm::toString(compiled.takeError());
    return nullptr;
  }
  m->impl->compiled = std::move(*compiled);
  return m;
}

std::string JitModule::takeObjectCode() { return impl->compiled->takeObjectCode(); }
bool JitModule::loadedObject() const { return impl->compiled->loadedObject(); }
unsigned JitModule::optLevel() const { return impl->compiled->optLevel(); }
std::string JitModule::budgetNote() const { return impl->compiled->budgetNote(); }
const mlir::ag::FunctionInfo *JitModule::lookup(const std::string &name) const {
  return impl->compiled->lookup(name);
}

bool JitModule::call(const std::string &name, const std::vector<HostArray> &args,
                     std::vector<HostArray> &results, std::string &error) const {
  auto r = impl->compiled->call(name, args);
  if (!r) {
    error = llvm::toString(r.takeError());
    return false;
  }
  results = std::move(*r);
  return true;
}

std::vector<HostArray> compileAndRun(const std::string &mlirText,
                                     const std::string &funcName,
                                     const std::vector<HostArray> &inputs) {
  std::string error;
  auto m = JitModule::compile(mlirText, error);
  if (!m) {
    ADD_FAILURE() << "compilation failed: " << error << "\n" << mlirText;
    return {};
  }
  std::vector<HostArray> results;
  if (!m->call(funcName, inputs, results, error))
    ADD_FAILURE() << "call failed: " << error;
  return results;
}

Batch::~Batch() {
  if (!cases.empty())
    ADD_FAILURE() << "test bug: batch '" << label << "' was never run";
}

void Batch::addFunc(const std::string &description, std::vector<HostArray> inputs,
                    const std::string &body, const std::vector<std::string> &results,
                    std::vector<HostArray> expected, Tolerance tol) {
  Case c;
  c.description = description;
  std::vector<std::string> argTypes, resultTypes;
  for (const HostArray &a : inputs)
    argTypes.push_back(ty(a));
  for (const HostArray &e : expected)
    resultTypes.push_back(ty(e));
  // Identical functions are emitted once and called with each case's inputs.
  std::string key = funcText("", argTypes, body, results, resultTypes);
  auto it = functionNames.find(key);
  c.emit = it == functionNames.end();
  c.name = c.emit ? "f" + std::to_string(functionNames.size()) : it->second;
  if (c.emit)
    functionNames[key] = c.name;
  c.text = funcText(c.name, argTypes, body, results, resultTypes);
  c.inputs = std::move(inputs);
  c.expected = std::move(expected);
  c.tol = tol;
  cases.push_back(std::move(c));
}

void Batch::addOp(const std::string &description, std::vector<HostArray> inputs,
                  const std::string &opText, HostArray expected, Tolerance tol) {
  addFunc(description, std::move(inputs), "%r = " + opText, {"%r"}, {std::move(expected)},
          tol);
}

std::string Batch::moduleText() const {
  std::string text = "module {\n";
  for (const Case &c : cases)
    if (c.emit)
      text += c.text;
  return text + "}\n";
}

void Batch::run() {
  if (cases.empty())
    return;
  std::string text = moduleText();
  std::vector<Case> todo = std::move(cases);
  cases.clear();
  functionNames.clear();
  auto start = std::chrono::steady_clock::now();
  std::string error;
  auto module = JitModule::compile(text, error);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
          .count();
  if (verbose())
    std::fprintf(stderr, "[%s] %zu cases compiled in %.0f ms\n", label.c_str(),
                 todo.size(), ms);
  if (!module) {
    ADD_FAILURE() << label << ": compilation failed:\n"
                  << error.substr(0, 4000) << "\nmodule (first 4000 chars):\n"
                  << text.substr(0, 4000);
    return;
  }
  for (const Case &c : todo) {
    if (verbose()) {
      std::fprintf(stderr, "[%s] @%s: %s\n", label.c_str(), c.name.c_str(),
                   c.description.c_str());
      std::fflush(stderr);
    }
    std::vector<HostArray> before;
    for (const HostArray &a : c.inputs)
      before.push_back(copyArray(a));
    std::vector<HostArray> results;
    std::string where = label + " / " + c.description + " (@" + c.name + ")";
    if (!module->call(c.name, c.inputs, results, error)) {
      ADD_FAILURE() << where << ": call failed: " << error;
      continue;
    }
    auto inputsText = [&] {
      std::string text;
      for (size_t i = 0; i < c.inputs.size(); ++i)
        text += "\n  %a" + std::to_string(i) + " = " + describe(before[i]);
      return text;
    };
    for (size_t i = 0; i < c.inputs.size(); ++i)
      if (c.inputs[i].numBytes() &&
          std::memcmp(c.inputs[i].data, before[i].data, c.inputs[i].numBytes()) != 0)
        ADD_FAILURE() << where << ": argument %a" << i
                      << " was modified by the call (value semantics violated)\n"
                      << c.text << "before: " << describe(before[i])
                      << "\nafter:  " << describe(c.inputs[i]);
    if (results.size() != c.expected.size()) {
      ADD_FAILURE() << where << ": " << results.size() << " results, expected "
                    << c.expected.size();
      continue;
    }
    for (size_t i = 0; i < results.size(); ++i) {
      auto match = arraysMatch(results[i], c.expected[i], c.tol);
      if (!match)
        ADD_FAILURE() << where << ", result " << i << ": " << match.message() << "\n"
                      << c.text << "inputs:" << inputsText();
    }
  }
}

} // namespace agtest

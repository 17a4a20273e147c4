//===- TestUtils.h - Harness of the ag execution tests ----------*- C++ -*-===//
//
// Everything the execution tests share, without any heavy MLIR header (only TestUtils.cpp
// includes those): dtype and shape helpers, typed element access, seeded random inputs,
// numpy-style broadcasting index arithmetic, MLIR text building, and `Batch`, which puts
// many small functions (one per dtype/shape case) into one module, compiles it once
// through the JIT, calls every function and compares the results with references the
// tests compute independently.
//
//===----------------------------------------------------------------------===//

#ifndef AG_TESTS_UNIT_TESTUTILS_H
#define AG_TESTS_UNIT_TESTUTILS_H

#include "ag/Runtime/HostArray.h"
#include "ag/Runtime/PackedCall.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace agtest {

using mlir::ag::DType;
using mlir::ag::HostArray;
using Shape = std::vector<int64_t>;

inline constexpr DType F32 = DType::Float32;
inline constexpr DType F64 = DType::Float64;
inline constexpr DType I32 = DType::Int32;
inline constexpr DType I64 = DType::Int64;
inline constexpr DType BOOL = DType::Bool;

// The DTypeSets of AgOps.h.
inline const std::vector<DType> kAll = {F32, F64, I32, I64, BOOL};
inline const std::vector<DType> kNumeric = {F32, F64, I32, I64};
inline const std::vector<DType> kFloat = {F32, F64};
inline const std::vector<DType> kIntOrBool = {I32, I64, BOOL};
inline const std::vector<DType> kInt = {I32, I64};

inline bool isFloat(DType d) { return d == F32 || d == F64; }
inline bool isInt(DType d) { return d == I32 || d == I64; }

/// "f32", "f64", "i32", "i64", "i1".
const char *elemType(DType d);
/// "float32", ...
const char *dtypeName(DType d);
/// "tensor<2x3xf32>", "tensor<f64>".
std::string tensorType(DType d, const Shape &shape);
inline std::string ty(const HostArray &a) { return tensorType(a.dtype, a.shape); }
/// numpy's tuple notation: "(2,3)", "(4,)", "()".
std::string shapeStr(const Shape &shape);
/// "[2, 0, 3]" for attribute arrays (`array<i64: ...>` bodies use joinInts).
std::string joinInts(const std::vector<int64_t> &v, const char *sep = ", ");
/// `array<i64: 1, 2>` / `array<i64>`.
std::string i64Array(const std::vector<int64_t> &v);

int64_t numel(const Shape &shape);
std::vector<int64_t> rowMajorStrides(const Shape &shape);
/// numpy's broadcast of two shapes (the tests only pass compatible ones).
Shape broadcastShapes(const Shape &a, const Shape &b);
/// Flat index into `in` of the element that broadcasting `in` to `out` maps to the
/// element at flat index `flat` of `out`.
int64_t broadcastSource(int64_t flat, const Shape &out, const Shape &in);
/// Multi-index of a flat row-major index.
std::vector<int64_t> unravel(int64_t flat, const Shape &shape);
int64_t ravel(const std::vector<int64_t> &index, const Shape &shape);

/// Calls f(T{}) with T the C++ element type of `d` (bool for DType::Bool).
template <typename F> decltype(auto) dispatch(DType d, F &&f) {
  switch (d) {
  case DType::Float32:
    return f(float{});
  case DType::Float64:
    return f(double{});
  case DType::Int32:
    return f(int32_t{});
  case DType::Int64:
    return f(int64_t{});
  default: // (the execution tests build bool and the four dtypes above)
    break;
  }
  return f(bool{});
}

template <typename T> inline constexpr DType dtypeOf() {
  if constexpr (std::is_same_v<T, float>)
    return F32;
  else if constexpr (std::is_same_v<T, double>)
    return F64;
  else if constexpr (std::is_same_v<T, int32_t>)
    return I32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return I64;
  else
    return BOOL;
}

// Element access converting through double or int64 (for building inputs).
double getF(const HostArray &a, int64_t i);
int64_t getI(const HostArray &a, int64_t i);
void setF(HostArray &a, int64_t i, double v);
void setI(HostArray &a, int64_t i, int64_t v);

HostArray zeros(DType d, const Shape &shape);
HostArray fromDoubles(DType d, const Shape &shape, const std::vector<double> &values);
HostArray fromInts(DType d, const Shape &shape, const std::vector<int64_t> &values);
HostArray copyArray(const HostArray &a);
std::string describe(const HostArray &a, int64_t maxElements = 48);

class Rng {
public:
  explicit Rng(uint64_t seed) : gen(seed) {}
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(gen);
  }
  int64_t integer(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(gen);
  }
  bool coin(double p) { return std::bernoulli_distribution(p)(gen); }
  std::mt19937_64 gen;
};

/// Uniform values in [lo, hi] (integers: uniform integers in [lo, hi]; bool: fair coin).
HostArray randomArray(DType d, const Shape &shape, Rng &rng, double lo = -10,
                      double hi = 10);
/// Replaces each element with probability p by a random one of `values`.
void sprinkle(HostArray &a, Rng &rng, double p, const std::vector<double> &values);
void sprinkleInts(HostArray &a, Rng &rng, double p, const std::vector<int64_t> &values);

inline double nan() { return std::numeric_limits<double>::quiet_NaN(); }
inline double inf() { return std::numeric_limits<double>::infinity(); }
/// nan, inf, -inf, 0.0, -0.0.
std::vector<double> floatSpecials();
/// INT_MIN, INT_MAX, 0, 1, -1 of the integer dtype.
std::vector<int64_t> intExtremes(DType d);
int64_t intMin(DType d);
int64_t intMax(DType d);

/// The MLIR spelling of one element (floats as exact hex bit patterns).
std::string elementLiteral(const HostArray &a, int64_t i);
/// `dense<...>` literal of `a` (nested for rank > 1).
std::string denseLiteral(const HostArray &a);

/// Reference helpers: elementwise maps with numpy broadcasting. `f` gets and returns
/// C++ element values (bool for DType::Bool).
template <typename In, typename Out, typename F>
HostArray mapBinary(const HostArray &a, const HostArray &b, F f) {
  Shape s = broadcastShapes(a.shape, b.shape);
  HostArray r = zeros(dtypeOf<Out>(), s);
  for (int64_t i = 0, n = numel(s); i < n; ++i)
    r.as<Out>()[i] = static_cast<Out>(f(a.as<In>()[broadcastSource(i, s, a.shape)],
                                        b.as<In>()[broadcastSource(i, s, b.shape)]));
  return r;
}
template <typename In, typename Out, typename F>
HostArray mapUnary(const HostArray &a, F f) {
  HostArray r = zeros(dtypeOf<Out>(), a.shape);
  for (int64_t i = 0, n = numel(a.shape); i < n; ++i)
    r.as<Out>()[i] = static_cast<Out>(f(a.as<In>()[i]));
  return r;
}

struct Tolerance {
  double rtol = 1e-5;
  double atol = 1e-5;
  /// Also require zeros to carry the expected sign (numpy's -0.0 results).
  bool zeroSign = false;
};

/// Same dtype and shape; ints and bools exactly; floats within tol, NaN matching NaN
/// and infinities matching with their sign.
::testing::AssertionResult arraysMatch(const HostArray &actual, const HostArray &expected,
                                       const Tolerance &tol = {});

/// func.func @name(%a0: T0, ...) -> (R...) { body; return results }.
std::string funcText(const std::string &name, const std::vector<std::string> &argTypes,
                     const std::string &body, const std::vector<std::string> &results,
                     const std::vector<std::string> &resultTypes);

/// One compiled module.
class JitModule {
public:
  /// What CompileOptions of the persistent cache and the budget a test sets.
  struct Options {
    std::string object;    // object code to link instead of compiling
    bool keepObject = false;
    double budgetSeconds = 0, spentSeconds = 0;
    /// The context to parse and lower in (newContext()); null: the tests' shared one.
    /// Threads that compile at once each need their own.
    std::shared_ptr<mlir::MLIRContext> context;
    /// Verify the module after parsing it (false: IR a pass could have made, which only
    /// the compiler's own verification then catches).
    bool verifyParse = true;
  };
  /// A context with every dialect of ag loaded, as the shared one.
  static std::shared_ptr<mlir::MLIRContext> newContext();
  /// Parses `text` and compiles it; returns null and fills `error` on failure.
  static std::unique_ptr<JitModule> compile(const std::string &text, std::string &error,
                                            const Options &options);
  static std::unique_ptr<JitModule> compile(const std::string &text, std::string &error) {
    return compile(text, error, Options());
  }
  ~JitModule();
  /// Calls `name`; returns false and fills `error` if the runtime refused the call.
  bool call(const std::string &name, const std::vector<HostArray> &args,
            std::vector<HostArray> &results, std::string &error) const;
  /// The kept object code (moved out), whether `object` was linked, the LLVM level
  /// used and the budget's note (CompiledModule).
  std::string takeObjectCode();
  bool loadedObject() const;
  unsigned optLevel() const;
  std::string budgetNote() const;
  /// Signature and packed entry of `name` (to call it through a PackedCall), or null.
  const mlir::ag::FunctionInfo *lookup(const std::string &name) const;

private:
  JitModule();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Compiles and calls a single-function module (for one-off checks).
std::vector<HostArray> compileAndRun(const std::string &mlirText,
                                     const std::string &funcName,
                                     const std::vector<HostArray> &inputs);

/// Many test cases in one module: each case is a function with its inputs, expected
/// results and a description; `run()` compiles the module once, calls every function,
/// checks that the inputs were not modified and compares the results (reporting each
/// mismatch as a non-fatal gtest failure naming the case and its MLIR).
class Batch {
public:
  explicit Batch(std::string label) : label(std::move(label)) {}
  ~Batch();

  /// Adds a function whose arguments are %a0, %a1, ... (types from `inputs`), with
  /// `body` (lines of MLIR) and returning `results` (SSA names) typed like `expected`.
  void addFunc(const std::string &description, std::vector<HostArray> inputs,
               const std::string &body, const std::vector<std::string> &results,
               std::vector<HostArray> expected, Tolerance tol = {});
  /// A function computing `%r = <opText>` and returning %r.
  void addOp(const std::string &description, std::vector<HostArray> inputs,
             const std::string &opText, HostArray expected, Tolerance tol = {});

  size_t size() const { return cases.size(); }
  /// Compiles, calls and compares (then clears the batch).
  void run();
  /// The module text (for reproducers).
  std::string moduleText() const;

private:
  struct Case {
    std::string name, description, text;
    std::vector<HostArray> inputs, expected;
    Tolerance tol;
    bool emit = true; // false: calls a function an earlier case emitted
  };
  std::string label;
  std::vector<Case> cases;
  std::map<std::string, std::string> functionNames;
};

} // namespace agtest

#endif // AG_TESTS_UNIT_TESTUTILS_H

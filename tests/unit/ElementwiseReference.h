//===- ElementwiseReference.h - numpy reference of elementwise ops -*- C++ -*-===//
//
// Scalar references of every elementwise ag op, written from numpy 1.24's loops
// (npy_divmod, integer floor_divide/remainder, NaN-propagating maximum/minimum, ...),
// and the op tables and input generators the elementwise test files share.
//
//===----------------------------------------------------------------------===//

#ifndef AG_TESTS_UNIT_ELEMENTWISEREFERENCE_H
#define AG_TESTS_UNIT_ELEMENTWISEREFERENCE_H

#include "TestUtils.h"

#include <cstring>
#include <functional>
#include <map>

namespace agtest {

//===----------------------------------------------------------------------===//
// Scalar references
//===----------------------------------------------------------------------===//

template <typename T>
constexpr bool isIntT = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <typename T> constexpr bool isFloatT = std::is_floating_point_v<T>;

/// Two's complement wrapping arithmetic, as numpy's integer loops.
template <typename T> T wrapAdd(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
}
template <typename T> T wrapSub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) - static_cast<U>(y));
}
template <typename T> T wrapMul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) * static_cast<U>(y));
}

/// numpy 1.24 npy_divmod (npy_math_internal.h.src), in T's precision.
template <typename T> T npyDivmod(T a, T b, T *modulus) {
  T mod = std::fmod(a, b);
  if (!b) {
    *modulus = mod;
    return a / b;
  }
  T div = (a - mod) / b;
  if (mod) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = std::copysign(T(0), b);
  }
  T floordiv;
  if (div) {
    floordiv = std::floor(div);
    if (div - floordiv > T(0.5))
      floordiv += T(1);
  } else {
    floordiv = std::copysign(T(0), a / b);
  }
  *modulus = mod;
  return floordiv;
}

template <typename T> T refFloorDiv(T a, T b) {
  if constexpr (isFloatT<T>) {
    // npy_floor_divide: x // 0 is x / 0.
    if (!b)
      return a / b;
    T mod;
    return npyDivmod(a, b, &mod);
  } else {
    // numpy's integer floor_divide loop.
    if (b == 0)
      return 0;
    if (a == std::numeric_limits<T>::min() && b == -1)
      return std::numeric_limits<T>::min();
    T q = a / b;
    if (((a > 0) != (b > 0)) && q * b != a)
      --q;
    return q;
  }
}

template <typename T> T refMod(T a, T b) {
  if constexpr (isFloatT<T>) {
    if (!b)
      return std::fmod(a, b);
    T mod;
    npyDivmod(a, b, &mod);
    return mod;
  } else {
    if (b == 0)
      return 0;
    if (a == std::numeric_limits<T>::min() && b == -1)
      return 0;
    T rem = a % b;
    if ((a > 0) == (b > 0) || rem == 0)
      return rem;
    return rem + b;
  }
}

/// Integers: exact power modulo 2^bits; negative exponents give 1 for base 1, +-1 for
/// base -1 and 0 otherwise (AgOps.td: numpy rejects them).
template <typename T> T refPow(T a, T b) {
  if constexpr (isFloatT<T>) {
    return std::pow(a, b);
  } else {
    if (b < 0) {
      if (a == 1)
        return 1;
      if (a == -1)
        return (b % 2) ? -1 : 1;
      return 0;
    }
    T result = 1, base = a;
    for (int64_t e = b; e > 0; e >>= 1) {
      if (e & 1)
        result = wrapMul(result, base);
      base = wrapMul(base, base);
    }
    return result;
  }
}

enum class Bin {
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Mod,
  Pow,
  Maximum,
  Minimum,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  LogicalAnd,
  LogicalOr,
  LogicalXor,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor
};

struct BinInfo {
  const char *name;
  Bin op;
  std::vector<DType> dtypes;
  bool boolResult;
};

inline const std::vector<BinInfo> &binaryOps() {
  static const std::vector<BinInfo> ops = {
      {"add", Bin::Add, kAll, false},
      {"sub", Bin::Sub, kNumeric, false},
      {"mul", Bin::Mul, kAll, false},
      {"div", Bin::Div, kFloat, false},
      {"floor_div", Bin::FloorDiv, kNumeric, false},
      {"mod", Bin::Mod, kNumeric, false},
      {"pow", Bin::Pow, kNumeric, false},
      {"maximum", Bin::Maximum, kAll, false},
      {"minimum", Bin::Minimum, kAll, false},
      {"eq", Bin::Eq, kAll, true},
      {"ne", Bin::Ne, kAll, true},
      {"lt", Bin::Lt, kAll, true},
      {"le", Bin::Le, kAll, true},
      {"gt", Bin::Gt, kAll, true},
      {"ge", Bin::Ge, kAll, true},
      {"logical_and", Bin::LogicalAnd, {BOOL}, true},
      {"logical_or", Bin::LogicalOr, {BOOL}, true},
      {"logical_xor", Bin::LogicalXor, {BOOL}, true},
      {"bitwise_and", Bin::BitwiseAnd, kIntOrBool, false},
      {"bitwise_or", Bin::BitwiseOr, kIntOrBool, false},
      {"bitwise_xor", Bin::BitwiseXor, kIntOrBool, false},
  };
  return ops;
}

/// Result of a non-comparison binary op on one pair of elements.
template <typename T> T refArith(Bin op, T x, T y) {
  if constexpr (std::is_same_v<T, bool>) {
    switch (op) {
    case Bin::Add:
    case Bin::Maximum:
    case Bin::BitwiseOr:
      return x || y;
    case Bin::Mul:
    case Bin::Minimum:
    case Bin::BitwiseAnd:
      return x && y;
    case Bin::BitwiseXor:
      return x != y;
    default:
      break;
    }
  } else if constexpr (isIntT<T>) {
    switch (op) {
    case Bin::Add:
      return wrapAdd(x, y);
    case Bin::Sub:
      return wrapSub(x, y);
    case Bin::Mul:
      return wrapMul(x, y);
    case Bin::FloorDiv:
      return refFloorDiv(x, y);
    case Bin::Mod:
      return refMod(x, y);
    case Bin::Pow:
      return refPow(x, y);
    case Bin::Maximum:
      return std::max(x, y);
    case Bin::Minimum:
      return std::min(x, y);
    case Bin::BitwiseAnd:
      return x & y;
    case Bin::BitwiseOr:
      return x | y;
    case Bin::BitwiseXor:
      return x ^ y;
    default:
      break;
    }
  } else {
    switch (op) {
    case Bin::Add:
      return x + y;
    case Bin::Sub:
      return x - y;
    case Bin::Mul:
      return x * y;
    case Bin::Div:
      return x / y;
    case Bin::FloorDiv:
      return refFloorDiv(x, y);
    case Bin::Mod:
      return refMod(x, y);
    case Bin::Pow:
      return refPow(x, y);
    // np.maximum / np.minimum (numpy 1.24): NaN propagates; on ties (0.0 and -0.0) the
    // second operand is returned.
    case Bin::Maximum:
      return std::isnan(x) ? x : std::isnan(y) ? y : x > y ? x : y;
    case Bin::Minimum:
      return std::isnan(x) ? x : std::isnan(y) ? y : x < y ? x : y;
    default:
      break;
    }
  }
  ADD_FAILURE() << "test bug: no reference";
  return T{};
}

template <typename T> bool refCompare(Bin op, T x, T y) {
  switch (op) {
  case Bin::Eq:
    return x == y;
  case Bin::Ne:
    return x != y; // true when either is NaN
  case Bin::Lt:
    return x < y;
  case Bin::Le:
    return x <= y;
  case Bin::Gt:
    return x > y;
  case Bin::Ge:
    return x >= y;
  case Bin::LogicalAnd:
    return x && y;
  case Bin::LogicalOr:
    return x || y;
  case Bin::LogicalXor:
    return bool(x) != bool(y);
  default:
    ADD_FAILURE() << "test bug: no reference";
    return false;
  }
}

inline HostArray refBinary(const BinInfo &info, const HostArray &a, const HostArray &b) {
  return dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if (info.boolResult)
      return mapBinary<T, bool>(a, b,
                                [&](T x, T y) { return refCompare(info.op, x, y); });
    return mapBinary<T, T>(a, b, [&](T x, T y) { return refArith(info.op, x, y); });
  });
}

inline const BinInfo &binInfo(const std::string &name) {
  for (const BinInfo &b : binaryOps())
    if (name == b.name)
      return b;
  static BinInfo none{"?", Bin::Add, {}, false};
  ADD_FAILURE() << "no op " << name;
  return none;
}

inline std::string binaryOpText(const std::string &name, const HostArray &a, const HostArray &b,
                         const HostArray &result) {
  return "ag." + name + " %a0, %a1 : " + ty(a) + ", " + ty(b) + " -> " + ty(result);
}

/// Inputs for `op`: moderate values plus specials (floats) or extremes (integers).
inline HostArray binaryInput(Bin op, DType d, const Shape &shape, Rng &rng, bool lhs) {
  HostArray a;
  if (op == Bin::Pow) {
    if (isFloat(d)) {
      a = lhs ? randomArray(d, shape, rng, -5, 5) : randomArray(d, shape, rng, -4, 4);
      // Integral exponents make negative bases finite.
      if (!lhs)
        for (int64_t i = 0; i < a.numElements(); ++i)
          if (rng.coin(0.5))
            setF(a, i, std::round(getF(a, i)));
    } else {
      a = lhs ? randomArray(d, shape, rng, -6, 6) : randomArray(d, shape, rng, -3, 13);
    }
  } else {
    a = randomArray(d, shape, rng, -10, 10);
  }
  if (isFloat(d)) {
    if (op == Bin::FloorDiv || op == Bin::Mod)
      // Some exact multiples so that zero remainders (and their sign) show up.
      for (int64_t i = 0; i < a.numElements(); ++i)
        if (rng.coin(0.3))
          setF(a, i, std::round(getF(a, i)));
    sprinkle(a, rng, 0.15, floatSpecials());
  } else if (isInt(d)) {
    if (op == Bin::Pow)
      sprinkleInts(a, rng, 0.1, {0, 1, -1, intMin(d), intMax(d)});
    else
      sprinkleInts(a, rng, 0.12, intExtremes(d));
  }
  return a;
}

struct ShapePair {
  Shape a, b;
};
inline const std::vector<ShapePair> kBroadcastPairs = {
    {{}, {}},
    {{}, {2, 3}},
    {{2, 3}, {}},
    {{2, 3}, {2, 3}},
    {{3}, {2, 3}},
    {{2, 3}, {3}},
    {{2, 1}, {1, 3}},
    {{1, 3}, {2, 1}},
    {{4, 1, 3}, {2, 1}},
    {{1}, {5}},
    {{5}, {1}},
    {{0}, {}},
    {{1}, {0}},
    {{2, 0, 3}, {1, 3}},
    {{3, 1}, {0, 1, 4}},
    {{1, 1, 1}, {2, 3}},
    {{5, 37}, {37}},
    {{130}, {130}},
};

/// Broadcasting is lowered once for all ops and dtypes (indexing maps), so float32 and
/// int32 run every pattern and float64, int64 and bool a representative subset.
inline const std::vector<ShapePair> kBroadcastSubset = {
    {{}, {}},  {{}, {2, 3}},    {{2, 3}, {3}},  {{2, 1}, {1, 3}},
    {{0}, {}}, {{5, 37}, {37}}, {{130}, {130}},
};

/// Op families, one test (process, module) each: ctest runs every test in a process of
/// its own, and a process costs about as much as compiling a hundred small functions.
inline const std::vector<std::pair<std::string, std::vector<std::string>>> kBinaryFamilies = {
    {"arithmetic", {"add", "sub", "mul", "div"}},
    {"floor_div_mod_pow", {"floor_div", "mod", "pow"}},
    {"maximum_minimum", {"maximum", "minimum"}},
    {"comparisons", {"eq", "ne", "lt", "le", "gt", "ge"}},
    {"logical_bitwise",
     {"logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
      "bitwise_xor"}},
};


//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

struct UnaryInfo {
  const char *name;
  std::vector<DType> dtypes;
  bool boolResult;
  double lo, hi;             // range of random float inputs
  std::vector<double> extra; // values mixed into float inputs
};

inline const std::vector<UnaryInfo> &unaryOps() {
  static const std::vector<UnaryInfo> ops = {
      {"neg", kNumeric, false, -10, 10, {}},
      {"abs", kAll, false, -10, 10, {}},
      {"sign", kNumeric, false, -10, 10, {}},
      {"exp", kFloat, false, -20, 20, {88.5, 89, 100, -100, -110, 700, 710, -745, 1e-8}},
      {"exp2", kFloat, false, -30, 30, {127.5, 128, 200, -160, -1100, 1023.5, 1025}},
      {"expm1", kFloat, false, -5, 5, {1e-8, -1e-8, 1e-4, -1e-4, 0.3, 88, 100, -100}},
      {"log", kFloat, false, -2, 20, {1e-30, 1e30, 1.0, 1e-300, 1e300, 0.5}},
      {"log2", kFloat, false, -2, 20, {1e-30, 1e30, 1.0, 8.0, 0.5}},
      {"log10", kFloat, false, -2, 20, {1e-30, 1e30, 1.0, 100.0, 0.5}},
      {"log1p", kFloat, false, -1.5, 10, {-1.0, 1e-8, -1e-8, 1e-4, 1e30, -0.999}},
      {"sqrt", kFloat, false, -2, 20, {1e-30, 1e30, 4.0, 2.0}},
      {"sin", kFloat, false, -10, 10, {1e-7, 3.14159265, 1.5707963}},
      {"cos", kFloat, false, -10, 10, {1e-7, 3.14159265, 1.5707963}},
      {"tan", kFloat, false, -10, 10, {1e-7, 0.7853981634, 1.5}},
      {"arctan", kFloat, false, -10, 10, {1e-7, 1e10, -1e10, 1.0, -1.0}},
      {"sinh", kFloat, false, -10, 10, {1e-7, 80, -80, 100, 1000}},
      {"cosh", kFloat, false, -10, 10, {1e-7, 80, -80, 100, 1000}},
      {"tanh", kFloat, false, -10, 10, {1e-7, -1e-7, 0.3, 5, 9, 20, -20, 1000}},
      {"erf", kFloat, false, -4, 4, {1e-7, 0.5, -0.5, 1e3, -1e3, 6, -6}},
      {"floor",
       kFloat,
       false,
       -10,
       10,
       {0.5, -0.5, 1.5, 2.5, -2.5, 1e20, 4503599627370497.0}},
      {"ceil", kFloat, false, -10, 10, {0.5, -0.5, 1.5, 2.5, -2.5, 1e20, -0.3}},
      {"trunc", kFloat, false, -10, 10, {0.5, -0.5, 1.5, 2.5, -2.5, 1e20, -0.3}},
      {"round",
       kFloat,
       false,
       -10,
       10,
       {0.5, -0.5, 1.5, 2.5, -2.5, 3.5, -3.5, 0.49999997, 1e20, 8388609.0, -0.3}},
      {"logical_not", {BOOL}, false, 0, 0, {}},
      {"bitwise_not", kIntOrBool, false, -10, 10, {}},
      {"isnan", kFloat, true, -10, 10, {}},
      {"isinf", kFloat, true, -10, 10, {1e308, 3.4e38}},
      {"isfinite", kFloat, true, -10, 10, {1e308, 3.4e38}},
  };
  return ops;
}

template <typename T> T refUnaryT(const std::string &op, T x) {
  if constexpr (std::is_same_v<T, bool>) {
    if (op == "abs")
      return x;
    if (op == "logical_not" || op == "bitwise_not")
      return !x;
  } else if constexpr (isIntT<T>) {
    if (op == "neg")
      return wrapSub(T(0), x);
    if (op == "abs")
      return x < 0 ? wrapSub(T(0), x) : x; // abs(INT_MIN) == INT_MIN
    if (op == "sign")
      return x > 0 ? 1 : x < 0 ? -1 : 0;
    if (op == "bitwise_not")
      return ~x;
  } else {
    // Computed in double and rounded once (numpy's float32 loops are at least this
    // accurate; the tolerance covers the rest).
    double v = x;
    if (op == "neg")
      return -x;
    if (op == "abs")
      return std::fabs(x);
    if (op == "sign") // npy sign: NaN stays NaN, -0.0 gives 0.0.
      return x > 0 ? T(1) : x < 0 ? T(-1) : x == 0 ? T(0) : x;
    if (op == "exp")
      return T(std::exp(v));
    if (op == "exp2")
      return T(std::exp2(v));
    if (op == "expm1")
      return T(std::expm1(v));
    if (op == "log")
      return T(std::log(v));
    if (op == "log2")
      return T(std::log2(v));
    if (op == "log10")
      return T(std::log10(v));
    if (op == "log1p")
      return T(std::log1p(v));
    if (op == "sqrt")
      return T(std::sqrt(v));
    if (op == "sin")
      return T(std::sin(v));
    if (op == "cos")
      return T(std::cos(v));
    if (op == "tan")
      return T(std::tan(v));
    if (op == "arctan")
      return T(std::atan(v));
    if (op == "sinh")
      return T(std::sinh(v));
    if (op == "cosh")
      return T(std::cosh(v));
    if (op == "tanh")
      return T(std::tanh(v));
    if (op == "erf")
      return T(std::erf(v));
    if (op == "floor")
      return std::floor(x);
    if (op == "ceil")
      return std::ceil(x);
    if (op == "trunc")
      return std::trunc(x);
    if (op == "round") // half to even under the default rounding mode
      return std::nearbyint(x);
  }
  ADD_FAILURE() << "test bug: no reference for " << op;
  return T{};
}

template <typename T> bool refUnaryBoolT(const std::string &op, T x) {
  if constexpr (isFloatT<T>) {
    if (op == "isnan")
      return std::isnan(x);
    if (op == "isinf")
      return std::isinf(x);
    if (op == "isfinite")
      return std::isfinite(x);
  }
  ADD_FAILURE() << "test bug: no reference for " << op;
  return false;
}

inline HostArray refUnary(const UnaryInfo &info, const HostArray &a) {
  std::string op = info.name;
  return dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if (info.boolResult)
      return mapUnary<T, bool>(a, [&](T x) { return refUnaryBoolT(op, x); });
    return mapUnary<T, T>(a, [&](T x) { return refUnaryT(op, x); });
  });
}

/// Exact IEEE operations also get the sign of zero checked (neg(0.0) is -0.0,
/// floor(-0.3) is -0.0, sign(-0.0) is 0.0).
inline Tolerance exactZeroSign(const std::string &op) {
  Tolerance tol;
  for (const char *name : {"neg", "abs", "sign", "floor", "ceil", "trunc", "round"})
    if (op == name)
      tol.zeroSign = true;
  return tol;
}

inline const std::vector<Shape> kUnaryShapes = {{}, {0}, {1}, {7}, {2, 3, 4}, {3, 0, 2}, {67}};

inline const std::vector<std::pair<std::string, std::vector<std::string>>> kUnaryFamilies = {
    {"arithmetic", {"neg", "abs", "sign"}},
    {"exp_log", {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt"}},
    {"trig_hyperbolic", {"sin", "cos", "tan", "arctan", "sinh", "cosh", "tanh", "erf"}},
    {"rounding", {"floor", "ceil", "trunc", "round"}},
    {"logical_predicates", {"logical_not", "bitwise_not", "isnan", "isinf", "isfinite"}},
};


/// The names of op families, the parameters of the parameterised suites.
inline std::vector<std::string> familyNames(
    const std::vector<std::pair<std::string, std::vector<std::string>>> &families) {
  std::vector<std::string> names;
  for (const auto &f : families)
    names.push_back(f.first);
  return names;
}

} // namespace agtest

#endif // AG_TESTS_UNIT_ELEMENTWISEREFERENCE_H

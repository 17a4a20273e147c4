//===- ElementwiseTest.cpp - binary, unary, select, cast, constant --------===//
//
// Every elementwise ag op on every dtype it accepts, over shapes with 0-d, zero-size and
// size-1 dims and all broadcasting patterns, with NaN/inf/-0.0 and integer extremes in
// the inputs. References follow numpy 1.24's loops (npy_divmod for floats, the integer
// floor_divide/remainder loops, NaN-propagating maximum/minimum, ...).
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include <cstring>
#include <functional>
#include <map>

using namespace agtest;

namespace {

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

const std::vector<BinInfo> &binaryOps() {
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

HostArray refBinary(const BinInfo &info, const HostArray &a, const HostArray &b) {
  return dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if (info.boolResult)
      return mapBinary<T, bool>(a, b,
                                [&](T x, T y) { return refCompare(info.op, x, y); });
    return mapBinary<T, T>(a, b, [&](T x, T y) { return refArith(info.op, x, y); });
  });
}

const BinInfo &binInfo(const std::string &name) {
  for (const BinInfo &b : binaryOps())
    if (name == b.name)
      return b;
  static BinInfo none{"?", Bin::Add, {}, false};
  ADD_FAILURE() << "no op " << name;
  return none;
}

std::string binaryOpText(const std::string &name, const HostArray &a, const HostArray &b,
                         const HostArray &result) {
  return "ag." + name + " %a0, %a1 : " + ty(a) + ", " + ty(b) + " -> " + ty(result);
}

/// Inputs for `op`: moderate values plus specials (floats) or extremes (integers).
HostArray binaryInput(Bin op, DType d, const Shape &shape, Rng &rng, bool lhs) {
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
const std::vector<ShapePair> kBroadcastPairs = {
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
const std::vector<ShapePair> kBroadcastSubset = {
    {{}, {}},  {{}, {2, 3}},    {{2, 3}, {3}},  {{2, 1}, {1, 3}},
    {{0}, {}}, {{5, 37}, {37}}, {{130}, {130}},
};

/// Op families, one test (process, module) each: ctest runs every test in a process of
/// its own, and a process costs about as much as compiling a hundred small functions.
const std::vector<std::pair<std::string, std::vector<std::string>>> kBinaryFamilies = {
    {"arithmetic", {"add", "sub", "mul", "div"}},
    {"floor_div_mod_pow", {"floor_div", "mod", "pow"}},
    {"maximum_minimum", {"maximum", "minimum"}},
    {"comparisons", {"eq", "ne", "lt", "le", "gt", "ge"}},
    {"logical_bitwise",
     {"logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
      "bitwise_xor"}},
};

class BinaryOpTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BinaryOpTest, AllDTypesAndBroadcasts) {
  std::vector<std::string> names;
  for (const auto &[family, ops] : kBinaryFamilies)
    if (family == GetParam())
      names = ops;
  ASSERT_FALSE(names.empty());
  Batch batch("binary " + GetParam());
  for (const std::string &name : names) {
    const BinInfo &info = binInfo(name);
    Rng rng(std::hash<std::string>()(info.name));
    for (DType d : info.dtypes)
      for (const ShapePair &p :
           (d == F32 || d == I32) ? kBroadcastPairs : kBroadcastSubset) {
        HostArray a = binaryInput(info.op, d, p.a, rng, true);
        HostArray b = binaryInput(info.op, d, p.b, rng, false);
        HostArray expected = refBinary(info, a, b);
        Tolerance tol;
        tol.zeroSign = info.op == Bin::FloorDiv || info.op == Bin::Mod;
        batch.addOp(std::string(info.name) + " " + dtypeName(d) + " " + shapeStr(p.a) +
                        " with " + shapeStr(p.b),
                    {a, b}, binaryOpText(info.name, a, b, expected), expected, tol);
      }
  }
  batch.run();
}

std::vector<std::string> familyNames(
    const std::vector<std::pair<std::string, std::vector<std::string>>> &families) {
  std::vector<std::string> names;
  for (const auto &f : families)
    names.push_back(f.first);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Ag, BinaryOpTest,
                         ::testing::ValuesIn(familyNames(kBinaryFamilies)),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

/// All pairs of `lhs` x `rhs` through broadcasting: lhs as a column, rhs as a row.
void addAllPairs(Batch &batch, const BinInfo &info, const HostArray &lhsColumn,
                 const HostArray &rhsRow, Tolerance tol = {}) {
  HostArray expected = refBinary(info, lhsColumn, rhsRow);
  batch.addOp(std::string(info.name) + " " + dtypeName(lhsColumn.dtype) + " all pairs",
              {lhsColumn, rhsRow}, binaryOpText(info.name, lhsColumn, rhsRow, expected),
              expected, tol);
}

TEST(AgFloorDivMod, IntegerEdgeCases) {
  Batch batch("floor_div/mod integer edges");
  for (DType d : kInt) {
    std::vector<int64_t> as = {intMin(d), intMin(d) + 1, -7, -6, -1, 0, 1, 6,
                               7,         intMax(d)};
    std::vector<int64_t> bs = {intMin(d), -7, -2, -1, 0, 1, 2, 7, intMax(d)};
    HostArray a = fromInts(d, {(int64_t)as.size(), 1}, as);
    HostArray b = fromInts(d, {(int64_t)bs.size()}, bs);
    addAllPairs(batch, binInfo("floor_div"), a, b);
    addAllPairs(batch, binInfo("mod"), a, b);
    // Both in one function, sharing operands (divmod as the runtime stages it).
    HostArray q = refBinary(binInfo("floor_div"), a, b);
    HostArray r = refBinary(binInfo("mod"), a, b);
    batch.addFunc(std::string("divmod ") + dtypeName(d), {a, b},
                  "%q = " + binaryOpText("floor_div", a, b, q) +
                      "\n%r = " + binaryOpText("mod", a, b, r),
                  {"%q", "%r"}, {q, r});
    // Divisor 0 and -1 as 0-d scalars broadcast over a vector of dividends.
    for (int64_t divisor : {int64_t(0), int64_t(-1)}) {
      HostArray s = fromInts(d, {}, {divisor});
      HostArray v = fromInts(d, {(int64_t)as.size()}, as);
      addAllPairs(batch, binInfo("floor_div"), v, s);
      addAllPairs(batch, binInfo("mod"), v, s);
    }
  }
  batch.run();
}

TEST(AgFloorDivMod, FloatEdgeCases) {
  Batch batch("floor_div/mod float edges");
  Tolerance tol;
  tol.zeroSign = true;
  for (DType d : kFloat) {
    std::vector<double> as = {-7.5, -7,   -1,     -0.0,  0.0,    1,     6,   7.5, 5.3,
                              -5.3, 1e30, -1e-30, inf(), -inf(), nan(), 0.1, -2.5};
    std::vector<double> bs = {-inf(), -2.5, -1,    -0.0,  0.0, 0.5,
                              2,      3,    inf(), nan(), 0.1, -1e-30};
    HostArray a = fromDoubles(d, {(int64_t)as.size(), 1}, as);
    HostArray b = fromDoubles(d, {(int64_t)bs.size()}, bs);
    addAllPairs(batch, binInfo("floor_div"), a, b, tol);
    addAllPairs(batch, binInfo("mod"), a, b, tol);
    addAllPairs(batch, binInfo("div"), a, b, tol);
  }
  batch.run();
}

// Regression (fixed): numpy returns the second operand on ties of equal zeros: np.maximum(0.0, -0.0) is -0.0 (ag: 0.0), np.minimum(-0.0, 0.0) is 0.0 (ag: -0.0).
TEST(AgMaximumMinimum, SignedZeroTies) {
  Batch batch("maximum/minimum of signed zeros");
  Tolerance tol;
  tol.zeroSign = true;
  for (DType d : kFloat) {
    HostArray a = fromDoubles(d, {2, 1}, {0.0, -0.0});
    HostArray b = fromDoubles(d, {2}, {0.0, -0.0});
    addAllPairs(batch, binInfo("maximum"), a, b, tol);
    addAllPairs(batch, binInfo("minimum"), a, b, tol);
  }
  batch.run();
}

TEST(AgPow, EdgeCases) {
  Batch batch("pow edges");
  for (DType d : kInt) {
    std::vector<int64_t> as = {-3, -2, -1, 0, 1, 2, 3, 7, intMin(d), intMax(d)};
    std::vector<int64_t> bs = {-3, -2, -1, 0, 1, 2, 3, 30, 31, 62, 63, 1000001};
    addAllPairs(batch, binInfo("pow"), fromInts(d, {(int64_t)as.size(), 1}, as),
                fromInts(d, {(int64_t)bs.size()}, bs));
  }
  for (DType d : kFloat) {
    std::vector<double> as = {-2, -1, -0.0, 0.0, 0.5, 1, 2, 10, inf(), -inf(), nan()};
    std::vector<double> bs = {-inf(), -2, -1.5, -1, -0.0,  0.0,
                              0.5,    1,  2,    3,  inf(), nan()};
    addAllPairs(batch, binInfo("pow"), fromDoubles(d, {(int64_t)as.size(), 1}, as),
                fromDoubles(d, {(int64_t)bs.size()}, bs));
  }
  batch.run();
}

TEST(AgCompare, SpecialValuePairs) {
  Batch batch("comparisons of specials");
  for (DType d : kFloat) {
    std::vector<double> vs = {nan(), inf(), -inf(), 0.0, -0.0, 1.0, -1.0, 1e-30};
    HostArray a = fromDoubles(d, {(int64_t)vs.size(), 1}, vs);
    HostArray b = fromDoubles(d, {(int64_t)vs.size()}, vs);
    for (const char *name : {"eq", "ne", "lt", "le", "gt", "ge", "maximum", "minimum"})
      addAllPairs(batch, binInfo(name), a, b);
  }
  for (DType d : kInt) {
    std::vector<int64_t> vs = intExtremes(d);
    HostArray a = fromInts(d, {(int64_t)vs.size(), 1}, vs);
    HostArray b = fromInts(d, {(int64_t)vs.size()}, vs);
    for (const char *name :
         {"eq", "ne", "lt", "le", "gt", "ge", "maximum", "minimum", "add", "sub", "mul"})
      addAllPairs(batch, binInfo(name), a, b);
  }
  {
    HostArray a = fromInts(BOOL, {2, 1}, {0, 1});
    HostArray b = fromInts(BOOL, {2}, {0, 1});
    for (const BinInfo &info : binaryOps())
      if (std::find(info.dtypes.begin(), info.dtypes.end(), BOOL) != info.dtypes.end())
        addAllPairs(batch, info, a, b);
  }
  batch.run();
}

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

const std::vector<UnaryInfo> &unaryOps() {
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

HostArray refUnary(const UnaryInfo &info, const HostArray &a) {
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
Tolerance exactZeroSign(const std::string &op) {
  Tolerance tol;
  for (const char *name : {"neg", "abs", "sign", "floor", "ceil", "trunc", "round"})
    if (op == name)
      tol.zeroSign = true;
  return tol;
}

const std::vector<Shape> kUnaryShapes = {{}, {0}, {1}, {7}, {2, 3, 4}, {3, 0, 2}, {67}};

const std::vector<std::pair<std::string, std::vector<std::string>>> kUnaryFamilies = {
    {"arithmetic", {"neg", "abs", "sign"}},
    {"exp_log", {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt"}},
    {"trig_hyperbolic", {"sin", "cos", "tan", "arctan", "sinh", "cosh", "tanh", "erf"}},
    {"rounding", {"floor", "ceil", "trunc", "round"}},
    {"logical_predicates", {"logical_not", "bitwise_not", "isnan", "isinf", "isfinite"}},
};

class UnaryOpTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UnaryOpTest, AllDTypesAndShapes) {
  std::vector<std::string> names;
  for (const auto &[family, ops] : kUnaryFamilies)
    if (family == GetParam())
      names = ops;
  ASSERT_FALSE(names.empty());
  Batch batch("unary " + GetParam());
  for (const std::string &name : names) {
    const UnaryInfo *info = nullptr;
    for (const UnaryInfo &u : unaryOps())
      if (name == u.name)
        info = &u;
    ASSERT_NE(info, nullptr) << name;
    Rng rng(std::hash<std::string>()(info->name) + 1);
    for (DType d : info->dtypes) {
      for (const Shape &shape : kUnaryShapes) {
        HostArray a = randomArray(d, shape, rng, info->lo, info->hi);
        if (isFloat(d)) {
          std::vector<double> specials = floatSpecials();
          specials.insert(specials.end(), info->extra.begin(), info->extra.end());
          for (double e : info->extra)
            specials.push_back(-e);
          sprinkle(a, rng, 0.25, specials);
        } else if (isInt(d)) {
          sprinkleInts(a, rng, 0.15, intExtremes(d));
        }
        HostArray expected = refUnary(*info, a);
        batch.addOp(name + " " + dtypeName(d) + " " + shapeStr(shape), {a},
                    "ag." + name + " %a0 : " + ty(a) + " -> " + ty(expected), expected,
                    exactZeroSign(name));
      }
      // Every special value in one vector, so each is checked whatever the sprinkling.
      if (isFloat(d)) {
        std::vector<double> vs = floatSpecials();
        for (double e : info->extra) {
          vs.push_back(e);
          vs.push_back(-e);
        }
        HostArray a = fromDoubles(d, {(int64_t)vs.size()}, vs);
        HostArray expected = refUnary(*info, a);
        batch.addOp(name + " " + dtypeName(d) + " specials", {a},
                    "ag." + name + " %a0 : " + ty(a) + " -> " + ty(expected), expected,
                    exactZeroSign(name));
      }
    }
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(Ag, UnaryOpTest,
                         ::testing::ValuesIn(familyNames(kUnaryFamilies)),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

/// Dense sweeps over the whole float range (log-spaced magnitudes of both signs, a fine
/// linear grid, overflow boundaries, subnormals) for the float math ops.
std::vector<double> sweepValues(bool subnormalsOnly) {
  std::vector<double> vs;
  if (subnormalsOnly) {
    for (double e = -45; e < -38; e += 0.125)
      vs.push_back(std::pow(10.0, e));
    for (double x : {1.4e-45, 1e-40, 1.1754942e-38, 5e-39})
      vs.push_back(x);
    return vs;
  }
  for (double e = -45; e <= 308; e += 0.125) {
    vs.push_back(std::pow(10.0, e));
    vs.push_back(-std::pow(10.0, e));
  }
  for (double x = -30; x <= 30; x += 0.0078125)
    vs.push_back(x);
  for (double x : {88.72,   88.7228, 88.73,          -87.33,  -103.97,
                   -104.0,  709.78,  709.79,         -745.13, 127.99,
                   128.0,   -149.0,  -150.0,         1023.99, 1024.0,
                   -1074.0, -1075.0, 1.17549435e-38, 1.4e-45, 2.2250738585072014e-308,
                   4.9e-324})
    for (double sign : {1.0, -1.0})
      vs.push_back(sign * x);
  for (double x : floatSpecials())
    vs.push_back(x);
  return vs;
}

/// float32 log and log2 of subnormal inputs are tested separately (known bug).
bool isLogOfSubnormalF32(const std::string &op, DType d, double x) {
  return d == F32 && (op == "log" || op == "log2") && x != 0 &&
         std::fabs(x) < 1.1754943508222875e-38 && std::fabs((float)x) != 0;
}

TEST(AgUnaryMath, DenseSweeps) {
  std::vector<double> all = sweepValues(false);
  Batch batch("math sweeps");
  for (DType d : kFloat)
    for (const UnaryInfo &info : unaryOps()) {
      if (info.dtypes != kFloat || info.boolResult)
        continue;
      std::vector<double> vs;
      for (double x : all)
        if (!isLogOfSubnormalF32(info.name, d, x))
          vs.push_back(x);
      HostArray a = fromDoubles(d, {(int64_t)vs.size()}, vs);
      HostArray expected = refUnary(info, a);
      batch.addOp(std::string(info.name) + " " + dtypeName(d) + " sweep", {a},
                  std::string("ag.") + info.name + " %a0 : " + ty(a) + " -> " +
                      ty(expected),
                  expected);
    }
  batch.run();
}

// Regression (fixed): float32 log/log2 of subnormals (the polynomial approximation clamps them; the lowering rescales by 2^24).
TEST(AgUnaryMath, Float32LogOfSubnormals) {
  std::vector<double> vs = sweepValues(true);
  Batch batch("log of subnormals");
  for (const char *name : {"log", "log2"})
    for (const UnaryInfo &info : unaryOps())
      if (info.name == std::string(name)) {
        HostArray a = fromDoubles(F32, {(int64_t)vs.size()}, vs);
        HostArray expected = refUnary(info, a);
        batch.addOp(std::string(name) + " float32 subnormals", {a},
                    std::string("ag.") + name + " %a0 : " + ty(a) + " -> " + ty(expected),
                    expected);
      }
  batch.run();
}

//===----------------------------------------------------------------------===//
// select
//===----------------------------------------------------------------------===//

TEST(AgSelect, AllDTypesAndBroadcasts) {
  struct Triple {
    Shape c, a, b;
  };
  const std::vector<Triple> triples = {
      {{}, {}, {}},
      {{2, 3}, {}, {}},
      {{}, {2, 3}, {3}},
      {{2, 1}, {1, 3}, {2, 3}},
      {{3}, {2, 1}, {}},
      {{0, 3}, {3}, {1}},
      {{1}, {0}, {}},
      {{4, 1, 1}, {1, 5, 1}, {1, 1, 6}},
      {{2, 3}, {2, 3}, {2, 3}},
      {{45}, {45}, {1}},
  };
  Rng rng(7);
  Batch batch("ag.select");
  for (DType d : kAll)
    for (const Triple &t : triples) {
      HostArray c = randomArray(BOOL, t.c, rng);
      HostArray a = randomArray(d, t.a, rng);
      HostArray b = randomArray(d, t.b, rng);
      if (isFloat(d)) {
        sprinkle(a, rng, 0.2, floatSpecials());
        sprinkle(b, rng, 0.2, floatSpecials());
      }
      Shape s = broadcastShapes(t.c, broadcastShapes(t.a, t.b));
      HostArray expected = zeros(d, s);
      for (int64_t i = 0; i < numel(s); ++i) {
        bool cond = c.as<bool>()[broadcastSource(i, s, t.c)];
        const HostArray &src = cond ? a : b;
        int64_t j = broadcastSource(i, s, src.shape);
        std::memcpy(static_cast<char *>(expected.data) + i * mlir::ag::itemSize(d),
                    static_cast<const char *>(src.data) + j * mlir::ag::itemSize(d),
                    mlir::ag::itemSize(d));
      }
      batch.addOp(std::string(dtypeName(d)) + " " + shapeStr(t.c) + " " + shapeStr(t.a) +
                      " " + shapeStr(t.b),
                  {c, a, b},
                  "ag.select %a0, %a1, %a2 : " + ty(c) + ", " + ty(a) + ", " + ty(b) +
                      " -> " + ty(expected),
                  expected);
    }
  batch.run();
}

//===----------------------------------------------------------------------===//
// cast
//===----------------------------------------------------------------------===//

/// Inputs for casting from `from` to `to` whose result numpy defines (float -> int only
/// in range; NaN and inf only where the target is float or bool).
HostArray castInput(DType from, DType to, const Shape &shape, Rng &rng) {
  HostArray a;
  if (isFloat(from)) {
    a = randomArray(from, shape, rng, -1000, 1000);
    std::vector<double> specials = {0.0,    -0.0, 0.5,  -0.5,         0.999,
                                    -0.999, 1.0,  -1.0, 2147483520.0, -2147483648.0};
    if (isFloat(to) || to == BOOL) {
      for (double v : {nan(), inf(), -inf(), 1e-30, 1e-45, 3.4028235e38, 1e300, 1e-300})
        specials.push_back(v);
    }
    if (to == I64)
      for (double v : {9.2e18, -9.2e18, 4503599627370497.0, 1e15 + 0.5})
        specials.push_back(v);
    if (from == F64 && to == F32)
      for (double v : {1.0000000596046448, 1.0000001788139343, 0.1, 3.4028235677973366e38,
                       3.4028236e38, 1e-46})
        specials.push_back(v);
    sprinkle(a, rng, 0.4, specials);
  } else if (from == BOOL) {
    a = randomArray(BOOL, shape, rng);
  } else {
    a = randomArray(from, shape, rng, -1000, 1000);
    std::vector<int64_t> specials = intExtremes(from);
    if (from == I64)
      for (int64_t v :
           {int64_t(1) << 32, (int64_t(1) << 31), -(int64_t(1) << 31) - 1,
            (int64_t(1) << 53) + 1, (int64_t(1) << 24) + 1, int64_t(4294967297)})
        specials.push_back(v);
    else
      for (int64_t v : {(int64_t(1) << 24) + 1, int64_t(16777217), int64_t(-16777219)})
        specials.push_back(v);
    sprinkleInts(a, rng, 0.4, specials);
  }
  return a;
}

template <typename From, typename To> To refCast(From x) {
  if constexpr (std::is_same_v<To, bool>)
    return x != From(0); // NaN != 0
  else if constexpr (std::is_same_v<From, bool>)
    return x ? To(1) : To(0);
  else if constexpr (isIntT<To> && isIntT<From>)
    return static_cast<To>(x); // modular (two's complement) narrowing
  else
    return static_cast<To>(x); // float->int truncates toward zero; int->float rounds
}

HostArray refCastArray(const HostArray &a, DType to) {
  return dispatch(a.dtype, [&](auto fromTag) {
    using From = decltype(fromTag);
    return dispatch(to, [&](auto toTag) {
      using To = decltype(toTag);
      return mapUnary<From, To>(a, [](From x) { return refCast<From, To>(x); });
    });
  });
}

TEST(AgCast, AllDTypePairs) {
  Rng rng(11);
  Batch batch("ag.cast");
  for (DType from : kAll)
    for (DType to : kAll)
      for (const Shape &shape : (from == F32 || to == F32)
                                    ? std::vector<Shape>{{}, {0}, {40}, {2, 3}}
                                    : std::vector<Shape>{{}, {40}}) {
        HostArray a = castInput(from, to, shape, rng);
        HostArray expected = refCastArray(a, to);
        batch.addOp(std::string(dtypeName(from)) + " -> " + dtypeName(to) + " " +
                        shapeStr(shape),
                    {a}, "ag.cast %a0 : " + ty(a) + " -> " + ty(expected), expected,
                    Tolerance{0, 0, true});
      }
  batch.run();
}

//===----------------------------------------------------------------------===//
// constant, and functions returning constants or arguments
//===----------------------------------------------------------------------===//

TEST(AgConstant, AllDTypesAndShapes) {
  Rng rng(13);
  Batch batch("ag.constant");
  const std::vector<Shape> shapes = {{}, {0}, {1}, {4}, {2, 3}, {2, 0, 3}, {3, 1, 2}};
  for (DType d : kAll)
    for (const Shape &shape : shapes) {
      HostArray c = randomArray(d, shape, rng);
      if (isFloat(d))
        sprinkle(c, rng, 0.3, floatSpecials());
      else if (isInt(d))
        sprinkleInts(c, rng, 0.3, intExtremes(d));
      std::string constText = "ag.constant " + denseLiteral(c) + " : " + ty(c);
      // Returned directly (the caller must own a copy, not the global).
      batch.addOp(std::string(dtypeName(d)) + " " + shapeStr(shape) + " returned", {},
                  constText, c, Tolerance{0, 0, true});
      // Used by an op together with an argument.
      HostArray x = randomArray(d, shape, rng);
      HostArray sum = dispatch(d, [&](auto tag) {
        using T = decltype(tag);
        return mapBinary<T, T>(c, x, [](T p, T q) {
          if constexpr (std::is_same_v<T, bool>)
            return p || q;
          else
            return refArith(Bin::Add, p, q);
        });
      });
      batch.addFunc(std::string(dtypeName(d)) + " " + shapeStr(shape) + " plus argument",
                    {x},
                    "%c = " + constText + "\n%r = ag.add %c, %a0 : " + ty(c) + ", " +
                        ty(x) + " -> " + ty(sum),
                    {"%r"}, {sum});
      // A splat constant.
      if (!shape.empty() && numel(shape) > 0) {
        HostArray one = zeros(d, {});
        std::memcpy(one.data, c.data, mlir::ag::itemSize(d));
        HostArray splat = zeros(d, shape);
        for (int64_t i = 0; i < numel(shape); ++i)
          std::memcpy(static_cast<char *>(splat.data) + i * mlir::ag::itemSize(d), c.data,
                      mlir::ag::itemSize(d));
        std::string lit = denseLiteral(one);
        batch.addOp(std::string(dtypeName(d)) + " " + shapeStr(shape) + " splat", {},
                    "ag.constant " + lit + " : " + ty(splat), splat,
                    Tolerance{0, 0, true});
      }
    }
  batch.run();
}

// Results the caller frees must never alias arguments, constants or each other.
TEST(AgReturn, ArgumentReturned) {
  Rng rng(17);
  Batch batch("returns");
  for (DType d : kAll) {
    HostArray x = randomArray(d, {3, 4}, rng);
    batch.addFunc(std::string(dtypeName(d)) + " argument returned", {x}, "", {"%a0"},
                  {x});
    batch.addFunc(std::string(dtypeName(d)) + " argument returned twice", {x}, "",
                  {"%a0", "%a0"}, {x, x});
  }
  batch.run();
}

// One value returned twice (`return %r, %r`, or two equal ops merged by CSE): each
// result must own its buffer (a shared one would be freed twice).
TEST(AgReturn, ResultReturnedTwice) {
  Rng rng(18);
  Batch batch("returns");
  for (DType d : kAll) {
    HostArray x = randomArray(d, {3, 4}, rng);
    HostArray y = randomArray(d, {3, 4}, rng);
    HostArray m = dispatch(d, [&](auto tag) {
      using T = decltype(tag);
      return mapBinary<T, T>(x, y, [](T p, T q) { return refArith(Bin::Maximum, p, q); });
    });
    batch.addFunc(std::string(dtypeName(d)) + " result returned twice", {x, y},
                  "%r = ag.maximum %a0, %a1 : " + ty(x) + ", " + ty(y) + " -> " + ty(m),
                  {"%r", "%r", "%a1"}, {m, m, y});
    // Two equal computations: CSE merges them into one value returned twice.
    batch.addFunc(std::string(dtypeName(d)) + " two equal results", {x, y},
                  "%r = ag.maximum %a0, %a1 : " + ty(x) + ", " + ty(y) + " -> " + ty(m) +
                      "\n%s = ag.maximum %a0, %a1 : " + ty(x) + ", " + ty(y) + " -> " +
                      ty(m),
                  {"%r", "%s"}, {m, m});
  }
  batch.run();
}

TEST(AgReturn, ConstantReturnedTwice) {
  Rng rng(19);
  Batch batch("returns");
  for (DType d : kAll) {
    HostArray c = randomArray(d, {2}, rng);
    std::string constText = "%c = ag.constant " + denseLiteral(c) + " : " + ty(c);
    batch.addFunc(std::string(dtypeName(d)) + " constant returned twice", {}, constText,
                  {"%c", "%c"}, {c, c});
  }
  batch.run();
}

TEST(AgSmoke, DialectExample) {
  // The example of AgDialect.td: sum(tanh(x + b), axis=1).
  Rng rng(29);
  HostArray x = randomArray(F32, {8, 32}, rng, -2, 2),
            b = randomArray(F32, {32}, rng, -2, 2);
  HostArray expected = zeros(F32, {8});
  for (int64_t i = 0; i < 8; ++i) {
    double s = 0;
    for (int64_t j = 0; j < 32; ++j)
      s += std::tanh((double)(x.as<float>()[i * 32 + j] + b.as<float>()[j]));
    expected.as<float>()[i] = (float)s;
  }
  std::vector<HostArray> results = compileAndRun(R"mlir(
    func.func @f(%x: tensor<8x32xf32>, %b: tensor<32xf32>) -> tensor<8xf32> {
      %y = ag.add %x, %b : tensor<8x32xf32>, tensor<32xf32> -> tensor<8x32xf32>
      %t = ag.tanh %y : tensor<8x32xf32> -> tensor<8x32xf32>
      %s = ag.sum %t {axes = array<i64: 1>} : tensor<8x32xf32> -> tensor<8xf32>
      return %s : tensor<8xf32>
    })mlir",
                                                 "f", {x, b});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(arraysMatch(results[0], expected));
}

TEST(AgReturn, RepeatedCallsGetFreshResults) {
  // Calling the same function repeatedly must give fresh, independent results.
  HostArray x = fromDoubles(F32, {2}, {1, 2});
  std::string text =
      "module {\n" +
      funcText("f", {ty(x)},
               "%c = ag.constant dense<[3.0, 4.0]> : " + ty(x) +
                   "\n%r = ag.add %a0, %c : " + ty(x) + ", " + ty(x) + " -> " + ty(x),
               {"%r", "%c"}, {ty(x), ty(x)}) +
      "}\n";
  std::string error;
  auto module = JitModule::compile(text, error);
  ASSERT_TRUE(module) << error;
  for (int i = 0; i < 3; ++i) {
    std::vector<HostArray> results;
    ASSERT_TRUE(module->call("f", {x}, results, error)) << error;
    ASSERT_EQ(results.size(), 2u);
    EXPECT_TRUE(arraysMatch(results[0], fromDoubles(F32, {2}, {4, 6})));
    EXPECT_TRUE(arraysMatch(results[1], fromDoubles(F32, {2}, {3, 4})));
    results[1].as<float>()[0] = 100; // must not change the constant for the next call
  }
}

//===----------------------------------------------------------------------===//
// Fused chains (the pipeline fuses elementwise generics before bufferization)
//===----------------------------------------------------------------------===//

TEST(AgElementwise, FusedChains) {
  Rng rng(19);
  Batch batch("chains");
  for (DType d : kFloat) {
    HostArray a = randomArray(d, {4, 1, 5}, rng, -3, 3);
    HostArray b = randomArray(d, {3, 5}, rng, -3, 3);
    Shape s = {4, 3, 5};
    // r = tanh(a * b + a) - max(b, 0) / 2 ; also returns the intermediate mask b > a.
    HostArray expected = zeros(d, s), mask = zeros(BOOL, s);
    for (int64_t i = 0; i < numel(s); ++i) {
      double x = getF(a, broadcastSource(i, s, a.shape));
      double y = getF(b, broadcastSource(i, s, b.shape));
      if (d == F32) {
        float fx = (float)x, fy = (float)y;
        float t = fx * fy + fx;
        float th = (float)std::tanh((double)t);
        expected.as<float>()[i] = th - std::max(fy, 0.0f) / 2.0f;
      } else {
        expected.as<double>()[i] = std::tanh(x * y + x) - std::max(y, 0.0) / 2.0;
      }
      mask.as<bool>()[i] = y > x;
    }
    std::string T = ty(expected), A = ty(a), B = ty(b), E = elemType(d);
    std::string body = "%m = ag.mul %a0, %a1 : " + A + ", " + B + " -> " + T + "\n" +
                       "%s = ag.add %m, %a0 : " + T + ", " + A + " -> " + T + "\n" +
                       "%t = ag.tanh %s : " + T + " -> " + T + "\n" +
                       "%z = ag.constant dense<0.0> : tensor<" + E + ">\n" +
                       "%two = ag.constant dense<2.0> : tensor<" + E + ">\n" +
                       "%mx = ag.maximum %a1, %z : " + B + ", tensor<" + E + "> -> " + B +
                       "\n" + "%h = ag.div %mx, %two : " + B + ", tensor<" + E + "> -> " +
                       B + "\n" + "%r = ag.sub %t, %h : " + T + ", " + B + " -> " + T +
                       "\n" + "%k = ag.gt %a1, %a0 : " + B + ", " + A + " -> " + ty(mask);
    batch.addFunc(std::string(dtypeName(d)) + " tanh chain", {a, b}, body, {"%r", "%k"},
                  {expected, mask});
  }
  for (DType d : kInt) {
    // ((a + b) // 3) % 5 with a cast to f64 and a comparison, mixing families.
    HostArray a = randomArray(d, {6, 7}, rng, -50, 50);
    HostArray b = randomArray(d, {7}, rng, -50, 50);
    HostArray r = zeros(d, {6, 7});
    HostArray f = zeros(F64, {6, 7});
    dispatch(d, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (isIntT<T>) {
        for (int64_t i = 0; i < 42; ++i) {
          T v = wrapAdd(a.as<T>()[i], b.as<T>()[i % 7]);
          v = refMod(refFloorDiv(v, T(3)), T(5));
          r.as<T>()[i] = v;
          f.as<double>()[i] = (double)v * 0.5;
        }
      }
    });
    std::string A = ty(a), B = ty(b), E = elemType(d), S = "tensor<" + E + ">";
    std::string body = "%s = ag.add %a0, %a1 : " + A + ", " + B + " -> " + A + "\n" +
                       "%three = ag.constant dense<3> : " + S + "\n" +
                       "%five = ag.constant dense<5> : " + S + "\n" +
                       "%q = ag.floor_div %s, %three : " + A + ", " + S + " -> " + A +
                       "\n" + "%m = ag.mod %q, %five : " + A + ", " + S + " -> " + A +
                       "\n" + "%c = ag.cast %m : " + A + " -> " + ty(f) + "\n" +
                       "%half = ag.constant dense<0.5> : tensor<f64>\n" +
                       "%f = ag.mul %c, %half : " + ty(f) + ", tensor<f64> -> " + ty(f);
    batch.addFunc(std::string(dtypeName(d)) + " divmod chain", {a, b}, body, {"%m", "%f"},
                  {r, f});
  }
  batch.run();
}

/// Random elementwise programs (exact IEEE or integer ops only, so references agree bit
/// for bit) over operands of mutually broadcastable shapes: the pipeline fuses them into
/// a few generics, which must keep each op's meaning and broadcasting.
TEST(AgElementwise, RandomFusedPrograms) {
  const std::vector<Shape> shapes = {{},        {33},      {2, 1, 33}, {1, 3, 33},
                                     {2, 3, 1}, {1, 1, 1}, {3, 33}};
  Rng rng(23);
  Batch batch("random programs");
  for (DType d : kNumeric)
    for (int program = 0; program < 10; ++program) {
      struct Value {
        std::string name;
        HostArray ref;
      };
      std::vector<Value> values;
      std::vector<HostArray> args;
      for (int i = 0; i < 3; ++i) {
        HostArray a =
            randomArray(d, shapes[rng.integer(0, shapes.size() - 1)], rng, -9, 9);
        if (isFloat(d))
          sprinkle(a, rng, 0.05, floatSpecials());
        else
          sprinkleInts(a, rng, 0.05, intExtremes(d));
        args.push_back(a);
        values.push_back({"%a" + std::to_string(i), a});
      }
      std::vector<std::string> binaries = {"add", "sub", "mul", "maximum", "minimum"};
      if (isFloat(d))
        binaries.push_back("div");
      else
        for (const char *name : {"floor_div", "mod", "bitwise_and", "bitwise_xor"})
          binaries.push_back(name);
      std::string body, text;
      for (int step = 0; step < 7; ++step) {
        const Value &x = values[rng.integer(0, values.size() - 1)];
        const Value &y = values[rng.integer(0, values.size() - 1)];
        std::string name = "%v" + std::to_string(step);
        int kind = rng.integer(0, 9);
        HostArray r;
        if (kind <= 5) { // binary
          const BinInfo &info = binInfo(binaries[rng.integer(0, binaries.size() - 1)]);
          r = refBinary(info, x.ref, y.ref);
          body += name + " = ag." + info.name + " " + x.name + ", " + y.name + " : " +
                  ty(x.ref) + ", " + ty(y.ref) + " -> " + ty(r) + "\n";
          text += info.name;
        } else if (kind <= 7) { // unary
          const char *op =
              isFloat(d) ? (kind == 6 ? "neg" : "floor") : (kind == 6 ? "neg" : "abs");
          for (const UnaryInfo &u : unaryOps())
            if (u.name == std::string(op))
              r = refUnary(u, x.ref);
          body += name + " = ag." + op + " " + x.name + " : " + ty(x.ref) + " -> " +
                  ty(r) + "\n";
          text += op;
        } else { // select(x > y, x, z)
          const Value &z = values[rng.integer(0, values.size() - 1)];
          HostArray c = refBinary(binInfo("gt"), x.ref, y.ref);
          Shape out = broadcastShapes(c.shape, broadcastShapes(x.ref.shape, z.ref.shape));
          r = zeros(d, out);
          for (int64_t i = 0; i < numel(out); ++i) {
            bool cond = c.as<bool>()[broadcastSource(i, out, c.shape)];
            const HostArray &src = cond ? x.ref : z.ref;
            std::memcpy(static_cast<char *>(r.data) + i * mlir::ag::itemSize(d),
                        static_cast<const char *>(src.data) +
                            broadcastSource(i, out, src.shape) * mlir::ag::itemSize(d),
                        mlir::ag::itemSize(d));
          }
          std::string cname = "%c" + std::to_string(step);
          body += cname + " = ag.gt " + x.name + ", " + y.name + " : " + ty(x.ref) +
                  ", " + ty(y.ref) + " -> " + ty(c) + "\n" + name + " = ag.select " +
                  cname + ", " + x.name + ", " + z.name + " : " + ty(c) + ", " +
                  ty(x.ref) + ", " + ty(z.ref) + " -> " + ty(r) + "\n";
          text += "select";
        }
        text += " ";
        values.push_back({name, r});
      }
      batch.addFunc(std::string(dtypeName(d)) + " program " + std::to_string(program) +
                        ": " + text,
                    args, body, {values.back().name}, {values.back().ref});
    }
  batch.run();
}

} // namespace

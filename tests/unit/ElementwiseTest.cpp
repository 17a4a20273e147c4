//===- ElementwiseTest.cpp - binary ops, select, cast, constant, results -===//
//
// Binary ops on every dtype they accept over all broadcasting patterns with special
// values; select, cast, constants, result ownership and fused chains.
//
//===----------------------------------------------------------------------===//

#include "ElementwiseReference.h"

using namespace agtest;

namespace {

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

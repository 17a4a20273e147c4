//===- UnaryTest.cpp - unary elementwise ops -----------------------------===//
//
// Every unary op on every dtype it accepts, over 0-d, zero-size and size-1 shapes and
// dense sweeps of the float range (subnormals included).
//
//===----------------------------------------------------------------------===//

#include "ElementwiseReference.h"

using namespace agtest;

namespace {

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


} // namespace

//===- ReductionTest.cpp - sum/prod/max/min/mean/all/any, argmax/argmin ---===//
//
// Every axis subset (in sorted and unsorted order) with and without keepdims on a 3-D
// input, plus 0-d, 1-D, zero-size and larger inputs, for every dtype each reduction
// accepts. NaN propagates through max/min/sum; float sums are compared with the
// float64-accumulated value (ag sums in numpy's own order and dtype, which agrees to
// 1e-5 on these sizes; tests/python/test_reductions_numerics.py checks the bits).
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include <algorithm>
#include <functional>

using namespace agtest;

namespace {

struct ReduceInfo {
  const char *name;
  std::vector<DType> dtypes;
};

const std::vector<ReduceInfo> kReductions = {
    {"sum", kNumeric}, {"prod", kNumeric}, {"max", kAll},   {"min", kAll},
    {"mean", kFloat},  {"all", {BOOL}},    {"any", {BOOL}},
};

Shape reducedShape(const Shape &shape, const std::vector<int64_t> &axes, bool keepdims) {
  Shape out;
  for (int64_t d = 0; d < (int64_t)shape.size(); ++d) {
    bool reduced = std::find(axes.begin(), axes.end(), d) != axes.end();
    if (!reduced)
      out.push_back(shape[d]);
    else if (keepdims)
      out.push_back(1);
  }
  return out;
}

/// Flat output index of input element `flat` (reduced dims dropped or set to 0).
int64_t reducedIndex(int64_t flat, const Shape &shape, const std::vector<int64_t> &axes) {
  std::vector<int64_t> idx = unravel(flat, shape);
  int64_t out = 0;
  for (int64_t d = 0; d < (int64_t)shape.size(); ++d)
    if (std::find(axes.begin(), axes.end(), d) == axes.end())
      out = out * shape[d] + idx[d];
  return out;
}

template <typename T> T wrapOp(T x, T y, bool multiply) {
  using U = std::make_unsigned_t<T>;
  return multiply ? static_cast<T>(static_cast<U>(x) * static_cast<U>(y))
                  : static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
}

HostArray refReduce(const std::string &op, const HostArray &a,
                    const std::vector<int64_t> &axes, bool keepdims) {
  Shape outShape = reducedShape(a.shape, axes, keepdims);
  int64_t outN = numel(outShape);
  int64_t count = 1;
  for (int64_t ax : axes)
    count *= a.shape[ax];
  return dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    HostArray r = zeros(a.dtype, outShape);
    T *out = r.as<T>();
    const T *in = a.as<T>();
    if constexpr (std::is_floating_point_v<T>) {
      // Accumulate sum/prod/mean in double; max/min exactly, propagating NaN.
      std::vector<double> acc(outN, op == "prod"  ? 1.0
                                    : op == "max" ? -inf()
                                    : op == "min" ? inf()
                                                  : 0.0);
      for (int64_t i = 0; i < a.numElements(); ++i) {
        double x = in[i];
        double &s = acc[reducedIndex(i, a.shape, axes)];
        if (op == "sum" || op == "mean")
          s += x;
        else if (op == "prod")
          s *= x;
        else if (std::isnan(s) || std::isnan(x))
          s = nan();
        else
          s = op == "max" ? std::max(s, x) : std::min(s, x);
      }
      for (int64_t j = 0; j < outN; ++j)
        out[j] = static_cast<T>(op == "mean" ? acc[j] / (double)count : acc[j]);
    } else if constexpr (std::is_same_v<T, bool>) {
      bool init = op == "all" || op == "min";
      for (int64_t j = 0; j < outN; ++j)
        out[j] = init;
      for (int64_t i = 0; i < a.numElements(); ++i) {
        bool &s = out[reducedIndex(i, a.shape, axes)];
        s = init ? (s && in[i]) : (s || in[i]);
      }
    } else {
      T init = op == "prod"  ? T(1)
               : op == "max" ? std::numeric_limits<T>::min()
               : op == "min" ? std::numeric_limits<T>::max()
                             : T(0);
      for (int64_t j = 0; j < outN; ++j)
        out[j] = init;
      for (int64_t i = 0; i < a.numElements(); ++i) {
        T &s = out[reducedIndex(i, a.shape, axes)];
        if (op == "sum")
          s = wrapOp(s, in[i], false);
        else if (op == "prod")
          s = wrapOp(s, in[i], true);
        else
          s = op == "max" ? std::max(s, in[i]) : std::min(s, in[i]);
      }
    }
    return r;
  });
}

HostArray reductionInput(const std::string &op, DType d, const Shape &shape, Rng &rng) {
  HostArray a;
  if (op == "prod")
    a = isFloat(d) ? randomArray(d, shape, rng, -1.6, 1.6)
                   : randomArray(d, shape, rng, -3, 3);
  else
    a = randomArray(d, shape, rng, -10, 10);
  if (isFloat(d) && rng.coin(0.5))
    sprinkle(a, rng, 0.08, {nan(), inf(), -inf(), -0.0});
  if (isInt(d) && op != "prod")
    sprinkleInts(a, rng, 0.1, intExtremes(d));
  if (d == BOOL && rng.coin(0.5)) { // mostly-true / mostly-false inputs for all/any
    bool v = rng.coin(0.5);
    for (int64_t i = 0; i < a.numElements(); ++i)
      if (rng.coin(0.85))
        setI(a, i, v);
  }
  return a;
}

std::vector<std::vector<int64_t>> allAxisSets(int64_t rank) {
  std::vector<std::vector<int64_t>> sets;
  for (int64_t mask = 0; mask < (1 << rank); ++mask) {
    std::vector<int64_t> axes;
    for (int64_t d = 0; d < rank; ++d)
      if (mask & (1 << d))
        axes.push_back(d);
    sets.push_back(axes);
  }
  return sets;
}

void addReduction(Batch &batch, const std::string &op, const HostArray &a,
                  const std::vector<int64_t> &axes, bool keepdims) {
  HostArray expected = refReduce(op, a, axes, keepdims);
  std::string attrs =
      "{axes = " + i64Array(axes) + (keepdims ? ", keepdims = true}" : "}");
  batch.addOp(std::string(dtypeName(a.dtype)) + " " + shapeStr(a.shape) + " axes [" +
                  joinInts(axes) + "]" + (keepdims ? " keepdims" : ""),
              {a}, "ag." + op + " %a0 " + attrs + " : " + ty(a) + " -> " + ty(expected),
              expected);
}

class ReduceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReduceTest, AxesKeepdimsDTypes) {
  std::string op = GetParam();
  const ReduceInfo *info = nullptr;
  for (const ReduceInfo &r : kReductions)
    if (op == r.name)
      info = &r;
  ASSERT_NE(info, nullptr);
  bool hasIdentity = op != "max" && op != "min";
  Rng rng(std::hash<std::string>()(op));
  Batch batch("ag." + op);
  for (DType d : info->dtypes) {
    // Every axis subset of a 3-D input with and without keepdims. float64 and int64 lower
    // like float32 and int32 (element type aside), bool max/min like all/any: they get
    // each axis subset once, alternating keepdims.
    bool full = d == F32 || d == I32 || op == "all" || op == "any";
    HostArray x = reductionInput(op, d, {2, 3, 4}, rng);
    std::vector<std::vector<int64_t>> axisSets = allAxisSets(3);
    for (size_t k = 0; k < axisSets.size(); ++k)
      for (bool keepdims : {false, true})
        if (full || keepdims == (k % 2 == 1))
          addReduction(batch, op, x, axisSets[k], keepdims);
    // More shapes on float32, int32 and bool: axes in unsorted order, 0-d and 1-D inputs,
    // larger inputs (vectorised loops and their remainders).
    if (d != F64 && d != I64) {
      addReduction(batch, op, x, {2, 0}, false);
      addReduction(batch, op, x, {2, 1, 0}, true);
      addReduction(batch, op, x, {1, 0}, false);
      HostArray s = reductionInput(op, d, {}, rng);
      addReduction(batch, op, s, {}, false);
      HostArray v = reductionInput(op, d, {7}, rng);
      addReduction(batch, op, v, {0}, false);
      addReduction(batch, op, v, {0}, true);
      addReduction(batch, op, v, {}, true);
      HostArray one = reductionInput(op, d, {1, 1}, rng);
      addReduction(batch, op, one, {0, 1}, false);
      HostArray big = reductionInput(op, d, {5, 67}, rng);
      addReduction(batch, op, big, {1}, false);
      addReduction(batch, op, big, {0}, true);
      addReduction(batch, op, big, {0, 1}, false);
    }
    // Zero-size inputs: non-empty reduced axes for max/min (numpy refuses empty ones).
    HostArray z = reductionInput(op, d, {2, 0, 3}, rng);
    addReduction(batch, op, z, {0}, false);
    addReduction(batch, op, z, {2}, true);
    if (hasIdentity) { // sum -> 0, prod -> 1, mean -> nan, all -> True, any -> False
      addReduction(batch, op, z, {1}, false);
      addReduction(batch, op, z, {0, 1, 2}, false);
      addReduction(batch, op, z, {1, 2}, true);
      HostArray e = reductionInput(op, d, {0}, rng);
      addReduction(batch, op, e, {0}, false);
    }
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(
    Ag, ReduceTest, ::testing::Values("sum", "prod", "max", "min", "mean", "all", "any"),
    [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

TEST(AgSum, Float32AccuracyOnLargeInput) {
  // 1e5 float32 values of mixed magnitude: a float32 running sum drifts beyond 1e-5.
  Rng rng(3);
  HostArray x = randomArray(F32, {100000}, rng, 0, 1);
  for (int64_t i = 0; i < x.numElements(); i += 7)
    x.as<float>()[i] *= 1000.0f;
  Batch batch("sum large");
  addReduction(batch, "sum", x, {0}, false);
  addReduction(batch, "mean", x, {0}, false);
  HostArray m = randomArray(F32, {40, 2500}, rng, -1, 1);
  addReduction(batch, "sum", m, {1}, false);
  addReduction(batch, "sum", m, {0}, false);
  batch.run();
}

//===----------------------------------------------------------------------===//
// argmax / argmin
//===----------------------------------------------------------------------===//

HostArray refArg(bool isMax, const HostArray &a, int64_t axis, bool keepdims) {
  Shape outShape = reducedShape(a.shape, {axis}, keepdims);
  HostArray r = zeros(I64, outShape);
  int64_t n = a.shape[axis];
  Shape outer = a.shape;
  outer[axis] = 1;
  for (int64_t o = 0; o < numel(outer); ++o) {
    std::vector<int64_t> idx = unravel(o, outer);
    int64_t bestIdx = 0;
    double best = 0;
    for (int64_t k = 0; k < n; ++k) {
      idx[axis] = k;
      double x = getF(a, ravel(idx, a.shape));
      if (a.dtype == I64) // exact comparison of int64 extremes
        x = 0;
      bool better;
      if (k == 0) {
        better = true;
      } else if (a.dtype == I64) {
        std::vector<int64_t> bi = idx;
        bi[axis] = bestIdx;
        int64_t xi = getI(a, ravel(idx, a.shape)), bv = getI(a, ravel(bi, a.shape));
        better = isMax ? xi > bv : xi < bv;
      } else if (std::isnan(best)) {
        better = false; // the first NaN wins
      } else if (std::isnan(x)) {
        better = true;
      } else {
        better = isMax ? x > best : x < best;
      }
      if (better) {
        best = x;
        bestIdx = k;
      }
    }
    r.as<int64_t>()[o] = bestIdx;
  }
  return r;
}

void addArg(Batch &batch, bool isMax, const HostArray &a, int64_t axis, bool keepdims) {
  HostArray expected = refArg(isMax, a, axis, keepdims);
  std::string op = isMax ? "argmax" : "argmin";
  batch.addOp(op + " " + dtypeName(a.dtype) + " " + shapeStr(a.shape) + " axis " +
                  std::to_string(axis) + (keepdims ? " keepdims" : ""),
              {a},
              "ag." + op + " %a0 {axis = " + std::to_string(axis) + " : i64" +
                  (keepdims ? ", keepdims = true}" : "}") + " : " + ty(a) + " -> " +
                  ty(expected),
              expected);
}

class ArgReduceTest : public ::testing::TestWithParam<bool> {};

TEST_P(ArgReduceTest, AxesKeepdimsDTypesTiesNaN) {
  bool isMax = GetParam();
  Rng rng(isMax ? 5 : 6);
  Batch batch(isMax ? "ag.argmax" : "ag.argmin");
  for (DType d : kAll) {
    // Small value range: many ties, the first occurrence must win.
    HostArray x = randomArray(d, {3, 4, 5}, rng, -3, 3);
    if (isFloat(d))
      for (int64_t i = 0; i < x.numElements(); ++i)
        setF(x, i, std::round(getF(x, i)));
    for (int64_t axis = 0; axis < 3; ++axis)
      for (bool keepdims : {false, true})
        if (!keepdims || (d != F64 && d != I64)) // keepdims only changes the result shape
          addArg(batch, isMax, x, axis, keepdims);
    if (isFloat(d)) {
      HostArray y = randomArray(d, {4, 6, 3}, rng);
      sprinkle(y, rng, 0.15, {nan(), inf(), -inf()});
      for (int64_t axis = 0; axis < 3; ++axis)
        addArg(batch, isMax, y, axis, false);
      // Rows that are all -inf / all +inf / NaN first / NaN last / NaN twice.
      double worst = isMax ? -inf() : inf();
      double bestv = isMax ? inf() : -inf();
      HostArray rows =
          fromDoubles(d, {6, 4}, {worst, worst, worst, worst, nan(), 1,     2,    3,
                                  1,     2,     3,     nan(), 0,     nan(), 5,    nan(),
                                  bestv, 1,     bestv, 0,     -0.0,  0.0,   -0.0, 0.0});
      addArg(batch, isMax, rows, 1, false);
      addArg(batch, isMax, rows, 0, true);
    }
    if (isInt(d)) {
      HostArray e = randomArray(d, {5, 9}, rng, -3, 3);
      sprinkleInts(e, rng, 0.3, intExtremes(d));
      addArg(batch, isMax, e, 0, false);
      addArg(batch, isMax, e, 1, false);
      std::vector<int64_t> v(6, isMax ? intMin(d) : intMax(d));
      addArg(batch, isMax, fromInts(d, {2, 3}, v), 1, false);
    }
    if (d == BOOL) {
      addArg(batch, isMax, fromInts(BOOL, {3, 3}, {0, 0, 0, 1, 1, 1, 0, 1, 0}), 1, false);
      addArg(batch, isMax, fromInts(BOOL, {3, 3}, {0, 0, 0, 1, 1, 1, 0, 1, 0}), 0, false);
    }
    HostArray v = randomArray(d, {70}, rng);
    addArg(batch, isMax, v, 0, false);
    addArg(batch, isMax, v, 0, true);
    HostArray z = randomArray(d, {0, 3}, rng);
    addArg(batch, isMax, z, 1, false);
    HostArray one = randomArray(d, {1}, rng);
    addArg(batch, isMax, one, 0, false);
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(Ag, ArgReduceTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool> &info) {
                           return std::string(info.param ? "argmax" : "argmin");
                         });

} // namespace

namespace {

//===----------------------------------------------------------------------===//
// Reductions inside computations (fusion with producers and consumers)
//===----------------------------------------------------------------------===//

TEST(AgReduction, FusedChains) {
  Rng rng(21);
  Batch batch("reduction chains");
  for (DType d : kFloat) {
    // softmax over the last axis, and layer normalisation.
    HostArray x = randomArray(d, {4, 7}, rng, -5, 5);
    HostArray softmax = zeros(d, {4, 7}), norm = zeros(d, {4, 7});
    for (int64_t i = 0; i < 4; ++i) {
      double mx = -inf(), sum = 0, mean = 0, var = 0;
      for (int64_t j = 0; j < 7; ++j)
        mx = std::max(mx, getF(x, i * 7 + j));
      for (int64_t j = 0; j < 7; ++j)
        sum += std::exp(getF(x, i * 7 + j) - mx);
      for (int64_t j = 0; j < 7; ++j)
        mean += getF(x, i * 7 + j) / 7;
      for (int64_t j = 0; j < 7; ++j)
        var += (getF(x, i * 7 + j) - mean) * (getF(x, i * 7 + j) - mean) / 7;
      for (int64_t j = 0; j < 7; ++j) {
        setF(softmax, i * 7 + j, std::exp(getF(x, i * 7 + j) - mx) / sum);
        setF(norm, i * 7 + j, (getF(x, i * 7 + j) - mean) / std::sqrt(var + 1e-5));
      }
    }
    std::string X = ty(x), C = tensorType(d, {4, 1}), S = tensorType(d, {});
    std::string body =
        "%m = ag.max %a0 {axes = array<i64: 1>, keepdims = true} : " + X + " -> " + C +
        "\n" + "%d = ag.sub %a0, %m : " + X + ", " + C + " -> " + X + "\n" +
        "%e = ag.exp %d : " + X + " -> " + X + "\n" +
        "%s = ag.sum %e {axes = array<i64: 1>, keepdims = true} : " + X + " -> " + C +
        "\n" + "%softmax = ag.div %e, %s : " + X + ", " + C + " -> " + X + "\n" +
        "%mean = ag.mean %a0 {axes = array<i64: 1>, keepdims = true} : " + X + " -> " +
        C + "\n" + "%c = ag.sub %a0, %mean : " + X + ", " + C + " -> " + X + "\n" +
        "%sq = ag.mul %c, %c : " + X + ", " + X + " -> " + X + "\n" +
        "%var = ag.mean %sq {axes = array<i64: 1>, keepdims = true} : " + X + " -> " + C +
        "\n" + "%eps = ag.constant dense<1.0e-05> : " + S + "\n" +
        "%ve = ag.add %var, %eps : " + C + ", " + S + " -> " + C + "\n" +
        "%sd = ag.sqrt %ve : " + C + " -> " + C + "\n" + "%norm = ag.div %c, %sd : " + X +
        ", " + C + " -> " + X;
    batch.addFunc(std::string(dtypeName(d)) + " softmax and layer norm", {x}, body,
                  {"%softmax", "%norm"}, {softmax, norm});
  }
  for (DType d : kNumeric) {
    // Reductions of a broadcast and of a transpose; argmax of a product.
    HostArray a = randomArray(d, {3, 1}, rng), t = randomArray(d, {2, 3, 4}, rng);
    HostArray p = randomArray(d, {5, 6}, rng), q = randomArray(d, {6}, rng);
    HostArray bsum = zeros(d, {3}), tsum = zeros(d, {4, 3}), prod = zeros(d, {5, 6});
    for (int64_t i = 0; i < 3; ++i)
      setF(bsum, i, 8 * getF(a, i));
    for (int64_t k = 0; k < 4; ++k)
      for (int64_t j = 0; j < 3; ++j)
        setF(tsum, k * 3 + j,
             getF(t, (0 * 3 + j) * 4 + k) + getF(t, (1 * 3 + j) * 4 + k));
    for (int64_t i = 0; i < 30; ++i)
      setF(prod, i, getF(p, i) * getF(q, i % 6));
    HostArray arg = refArg(true, prod, 1, false);
    std::string B = tensorType(d, {2, 3, 4}), T = tensorType(d, {4, 2, 3});
    std::string body =
        "%b = ag.broadcast_to %a0 : " + ty(a) + " -> " + B + "\n" +
        "%bs = ag.sum %b {axes = array<i64: 0, 2>} : " + B + " -> " + ty(bsum) + "\n" +
        "%t = ag.transpose %a1 {permutation = array<i64: 2, 0, 1>} : " + ty(t) + " -> " +
        T + "\n" + "%ts = ag.sum %t {axes = array<i64: 1>} : " + T + " -> " + ty(tsum) +
        "\n" + "%pq = ag.mul %a2, %a3 : " + ty(p) + ", " + ty(q) + " -> " + ty(p) + "\n" +
        "%am = ag.argmax %pq {axis = 1 : i64} : " + ty(p) + " -> " + ty(arg);
    batch.addFunc(std::string(dtypeName(d)) +
                      " sum(broadcast), sum(transpose), argmax(a*b)",
                  {a, t, p, q}, body, {"%bs", "%ts", "%am"}, {bsum, tsum, arg});
  }
  {
    // all/any of comparisons.
    HostArray x = randomArray(F32, {4, 5}, rng, -1, 3);
    HostArray anyPos = zeros(BOOL, {4}), allPos = zeros(BOOL, {5});
    for (int64_t i = 0; i < 4; ++i)
      for (int64_t j = 0; j < 5; ++j)
        anyPos.as<bool>()[i] |= getF(x, i * 5 + j) > 0;
    for (int64_t j = 0; j < 5; ++j) {
      allPos.as<bool>()[j] = true;
      for (int64_t i = 0; i < 4; ++i)
        allPos.as<bool>()[j] &= getF(x, i * 5 + j) > 0;
    }
    std::string X = ty(x), M = tensorType(BOOL, {4, 5});
    std::string body =
        "%z = ag.constant dense<0.0> : tensor<f32>\n"
        "%c = ag.gt %a0, %z : " +
        X + ", tensor<f32> -> " + M + "\n" +
        "%any = ag.any %c {axes = array<i64: 1>} : " + M + " -> " + ty(anyPos) + "\n" +
        "%all = ag.all %c {axes = array<i64: 0>} : " + M + " -> " + ty(allPos);
    batch.addFunc("any/all of x > 0", {x}, body, {"%any", "%all"}, {anyPos, allPos});
  }
  batch.run();
}

} // namespace

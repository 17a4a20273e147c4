//===- LinearTest.cpp - matmul, conv2d, max_pool2d, avg_pool2d ------------===//
//
// numpy's matmul rules (vectors, batch broadcasting) for float32 (oneDNN calls) and
// float64/int32/int64 (linalg loops); conv2d with strides, padding and dilation on
// float32 (oneDNN) and float64; pooling with padding. References are naive loops
// accumulating floats in double.
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

using namespace agtest;

namespace {

template <typename T> T wrapAddMul(T acc, T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(acc) + static_cast<U>(x) * static_cast<U>(y));
}

/// np.matmul on any ranks >= 1.
HostArray refMatmul(const HostArray &a, const HostArray &b) {
  Shape as = a.shape, bs = b.shape;
  bool aVec = as.size() == 1, bVec = bs.size() == 1;
  if (aVec)
    as.insert(as.begin(), 1);
  if (bVec)
    bs.push_back(1);
  int64_t m = as[as.size() - 2], k = as.back(), n = bs.back();
  Shape batchA(as.begin(), as.end() - 2), batchB(bs.begin(), bs.end() - 2);
  Shape batch = broadcastShapes(batchA, batchB);
  Shape outShape = batch;
  if (!aVec)
    outShape.push_back(m);
  if (!bVec)
    outShape.push_back(n);
  HostArray r = zeros(a.dtype, outShape);
  dispatch(a.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, bool>) {
      const T *pa = a.as<T>(), *pb = b.as<T>();
      T *pr = r.as<T>();
      for (int64_t p = 0; p < numel(batch); ++p) {
        int64_t oa = broadcastSource(p, batch, batchA) * m * k;
        int64_t ob = broadcastSource(p, batch, batchB) * k * n;
        for (int64_t i = 0; i < m; ++i)
          for (int64_t j = 0; j < n; ++j) {
            if constexpr (std::is_floating_point_v<T>) {
              double acc = 0;
              for (int64_t l = 0; l < k; ++l)
                acc += (double)pa[oa + i * k + l] * (double)pb[ob + l * n + j];
              pr[(p * m + i) * n + j] = static_cast<T>(acc);
            } else {
              T acc = 0;
              for (int64_t l = 0; l < k; ++l)
                acc = wrapAddMul(acc, pa[oa + i * k + l], pb[ob + l * n + j]);
              pr[(p * m + i) * n + j] = acc;
            }
          }
      }
    }
  });
  return r;
}

void addMatmul(Batch &batch, const HostArray &a, const HostArray &b,
               const std::string &what) {
  HostArray expected = refMatmul(a, b);
  batch.addOp(std::string(dtypeName(a.dtype)) + " " + shapeStr(a.shape) + " @ " +
                  shapeStr(b.shape) + what,
              {a, b},
              "ag.matmul %a0, %a1 : " + ty(a) + ", " + ty(b) + " -> " + ty(expected),
              expected);
}

/// Inputs whose products and sums are exact in float32 (small integers), so any
/// summation order gives the reference bit for bit.
HostArray integralArray(DType d, const Shape &shape, Rng &rng) {
  HostArray a = zeros(d, shape);
  for (int64_t i = 0; i < a.numElements(); ++i)
    setI(a, i, rng.integer(-3, 3));
  return a;
}

class MatmulTest : public ::testing::TestWithParam<DType> {};

TEST_P(MatmulTest, NumpyShapeRules) {
  DType d = GetParam();
  Rng rng(100 + (int)d);
  Batch batch(std::string("ag.matmul ") + dtypeName(d));
  const std::vector<std::pair<Shape, Shape>> shapes = {
      {{4}, {4}},                   // 1-D x 1-D -> 0-d
      {{3}, {3, 5}},                // 1-D x 2-D
      {{4, 3}, {3}},                // 2-D x 1-D
      {{2, 3}, {3, 4}},             // 2-D x 2-D
      {{5, 2, 3}, {3, 4}},          // batched x 2-D (batch folded into rows)
      {{2, 3}, {5, 3, 4}},          // 2-D x batched
      {{2, 1, 3, 4}, {5, 4, 6}},    // broadcast batch dims -> (2,5,3,6)
      {{3}, {2, 3, 4}},             // vector x batched
      {{2, 4, 3}, {3}},             // batched x vector
      {{2, 3, 4}, {2, 4, 5}},       // batched x batched
      {{1, 3, 4}, {2, 4, 5}},       // size-1 batch stretched (lhs)
      {{2, 3, 4}, {1, 4, 5}},       // size-1 batch stretched (rhs)
      {{3, 1, 2, 2}, {1, 4, 2, 3}}, // both stretched
      {{1, 1}, {1, 1}},
      {{1}, {1}},
      {{0, 3}, {3, 4}},    // m = 0
      {{2, 0}, {0, 3}},    // k = 0: zeros
      {{2, 3}, {3, 0}},    // n = 0
      {{0, 2, 3}, {3, 4}}, // empty batch
      {{4, 0}, {0}},       // k = 0 with a vector
      {{0}, {0}},          // empty dot product -> 0
      {{2, 0, 2}, {2, 2}}, // empty rows inside a batch
  };
  for (const auto &[sa, sb] : shapes) {
    HostArray a = randomArray(d, sa, rng, -1, 1), b = randomArray(d, sb, rng, -1, 1);
    if (isInt(d)) {
      a = randomArray(d, sa, rng, -20, 20);
      b = randomArray(d, sb, rng, -20, 20);
    }
    addMatmul(batch, a, b, "");
  }
  // Larger products (OpenBLAS, then oneDNN's blocked kernels for float32 from
  // M*N*K > 2^19 on), exact in every dtype.
  for (const auto &[sa, sb] :
       std::vector<std::pair<Shape, Shape>>{{{2, 3, 4}, {1, 1, 4, 5}},
                                            {{33, 64}, {64, 47}},
                                            {{90, 64}, {64, 100}},
                                            {{3, 17, 40}, {40, 9}},
                                            {{2, 2, 16, 32}, {2, 32, 24}},
                                            {{100}, {100, 30}}}) {
    addMatmul(batch, integralArray(d, sa, rng), integralArray(d, sb, rng), " (integral)");
  }
  if (isInt(d)) { // wrapping accumulation
    HostArray a = randomArray(d, {3, 4}, rng, -20, 20), b = randomArray(d, {4, 2}, rng);
    sprinkleInts(a, rng, 0.3, intExtremes(d));
    sprinkleInts(b, rng, 0.3, intExtremes(d));
    addMatmul(batch, a, b, " (extremes)");
  }
  if (isFloat(d)) { // NaN and inf propagate
    HostArray a = randomArray(d, {3, 4}, rng, -1, 1),
              b = randomArray(d, {4, 5}, rng, -1, 1);
    setF(a, 0, nan());
    setF(b, 7, inf());
    addMatmul(batch, a, b, " (nan/inf)");
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(Ag, MatmulTest, ::testing::Values(F32, F64, I32, I64),
                         [](const ::testing::TestParamInfo<DType> &info) {
                           return std::string(dtypeName(info.param));
                         });

TEST(AgMatmul, ChainedWithElementwise) {
  // x @ W + b then max(., 0): the matmul output feeds fused elementwise code, and the
  // float32 matmul's zero-fill must not be dropped when its output is reused.
  Rng rng(9);
  Batch batch("matmul chain");
  for (DType d : kNumeric) {
    HostArray x =
        isFloat(d) ? randomArray(d, {6, 5}, rng, -1, 1) : randomArray(d, {6, 5}, rng);
    HostArray w =
        isFloat(d) ? randomArray(d, {5, 4}, rng, -1, 1) : randomArray(d, {5, 4}, rng);
    HostArray b = randomArray(d, {4}, rng);
    HostArray mm = refMatmul(x, w);
    HostArray r = zeros(d, {6, 4});
    HostArray twice = zeros(d, {6, 4});
    for (int64_t i = 0; i < 24; ++i) {
      if (isFloat(d)) {
        double v = getF(mm, i) + getF(b, i % 4);
        setF(r, i, std::max(v, 0.0));
        setF(twice, i, 2 * getF(mm, i));
      } else {
        int64_t v = getI(mm, i) + getI(b, i % 4);
        setI(r, i, std::max<int64_t>(v, 0));
        setI(twice, i, 2 * getI(mm, i));
      }
    }
    std::string X = ty(x), W = ty(w), B = ty(b), R = ty(r), S = tensorType(d, {});
    std::string zero = isFloat(d) ? "0.0" : "0";
    std::string body = "%m = ag.matmul %a0, %a1 : " + X + ", " + W + " -> " + R + "\n" +
                       "%s = ag.add %m, %a2 : " + R + ", " + B + " -> " + R + "\n" +
                       "%z = ag.constant dense<" + zero + "> : " + S + "\n" +
                       "%r = ag.maximum %s, %z : " + R + ", " + S + " -> " + R + "\n" +
                       "%m2 = ag.matmul %a0, %a1 : " + X + ", " + W + " -> " + R + "\n" +
                       "%t = ag.add %m, %m2 : " + R + ", " + R + " -> " + R;
    batch.addFunc(std::string(dtypeName(d)) + " relu(x @ W + b), 2 * (x @ W)", {x, w, b},
                  body, {"%r", "%t"}, {r, twice});
  }
  batch.run();
}

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

struct ConvCase {
  Shape x, w;
  std::vector<int64_t> strides, padding, dilations;
};

int64_t windowOut(int64_t in, int64_t k, int64_t s, int64_t p, int64_t dil) {
  return (in + 2 * p - (dil * (k - 1) + 1)) / s + 1;
}

HostArray refConv(const HostArray &x, const HostArray &w, const ConvCase &c) {
  int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
  int64_t O = w.shape[0], KH = w.shape[2], KW = w.shape[3];
  int64_t OH = windowOut(H, KH, c.strides[0], c.padding[0], c.dilations[0]);
  int64_t OW = windowOut(W, KW, c.strides[1], c.padding[1], c.dilations[1]);
  HostArray y = zeros(x.dtype, {N, O, OH, OW});
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < O; ++o)
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          double acc = 0;
          for (int64_t ci = 0; ci < C; ++ci)
            for (int64_t kh = 0; kh < KH; ++kh)
              for (int64_t kw = 0; kw < KW; ++kw) {
                int64_t ih = oh * c.strides[0] + kh * c.dilations[0] - c.padding[0];
                int64_t iw = ow * c.strides[1] + kw * c.dilations[1] - c.padding[1];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W)
                  continue;
                acc += getF(x, ((n * C + ci) * H + ih) * W + iw) *
                       getF(w, ((o * C + ci) * KH + kh) * KW + kw);
              }
          setF(y, ((n * O + o) * OH + oh) * OW + ow, acc);
        }
  return y;
}

class Conv2DTest : public ::testing::TestWithParam<DType> {};

TEST_P(Conv2DTest, StridesPaddingDilation) {
  DType d = GetParam();
  Rng rng(200 + (int)d);
  Batch batch(std::string("ag.conv2d ") + dtypeName(d));
  const std::vector<ConvCase> cases = {
      {{1, 1, 5, 5}, {1, 1, 3, 3}, {1, 1}, {0, 0}, {1, 1}},
      {{2, 3, 7, 6}, {4, 3, 3, 2}, {2, 2}, {1, 1}, {1, 1}},   // stride 2, padding 1
      {{1, 2, 9, 9}, {3, 2, 3, 3}, {1, 1}, {0, 0}, {2, 2}},   // dilation 2
      {{2, 2, 8, 7}, {3, 2, 2, 3}, {2, 2}, {1, 1}, {2, 2}},   // all three
      {{1, 4, 3, 3}, {2, 4, 1, 1}, {1, 1}, {0, 0}, {1, 1}},   // 1x1
      {{1, 3, 10, 11}, {2, 3, 3, 2}, {1, 2}, {2, 0}, {1, 3}}, // different H and W params
      {{2, 3, 4, 5}, {5, 3, 4, 5}, {1, 1}, {0, 0}, {1, 1}}, // kernel = input: 1x1 output
      {{1, 16, 12, 12}, {8, 16, 3, 3}, {1, 1}, {1, 1}, {1, 1}}, // oneDNN blocked layouts
      {{3, 5, 6, 6}, {7, 5, 3, 3}, {3, 3}, {2, 2}, {1, 1}},
      {{0, 2, 5, 5}, {3, 2, 3, 3}, {1, 1}, {0, 0}, {1, 1}}, // N = 0
      {{1, 2, 5, 5}, {0, 2, 3, 3}, {1, 1}, {1, 1}, {1, 1}}, // O = 0
      {{1, 0, 4, 4}, {2, 0, 3, 3}, {1, 1}, {1, 1}, {1, 1}}, // C = 0: zeros
  };
  for (const ConvCase &c : cases) {
    HostArray x = randomArray(d, c.x, rng, -1, 1), w = randomArray(d, c.w, rng, -1, 1);
    HostArray expected = refConv(x, w, c);
    std::string attrs = "{strides = " + i64Array(c.strides) +
                        ", padding = " + i64Array(c.padding) +
                        ", dilations = " + i64Array(c.dilations) + "}";
    batch.addOp(shapeStr(c.x) + " * " + shapeStr(c.w) + " " + attrs, {x, w},
                "ag.conv2d %a0, %a1 " + attrs + " : " + ty(x) + ", " + ty(w) + " -> " +
                    ty(expected),
                expected);
  }
  // The default dilations (attribute omitted).
  {
    ConvCase c{{1, 2, 6, 6}, {2, 2, 3, 3}, {2, 1}, {1, 0}, {1, 1}};
    HostArray x = randomArray(d, c.x, rng, -1, 1), w = randomArray(d, c.w, rng, -1, 1);
    HostArray expected = refConv(x, w, c);
    std::string attrs = "{strides = array<i64: 2, 1>, padding = array<i64: 1, 0>}";
    batch.addOp("default dilations", {x, w},
                "ag.conv2d %a0, %a1 " + attrs + " : " + ty(x) + ", " + ty(w) + " -> " +
                    ty(expected),
                expected);
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(Ag, Conv2DTest, ::testing::Values(F32, F64),
                         [](const ::testing::TestParamInfo<DType> &info) {
                           return std::string(dtypeName(info.param));
                         });

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

struct PoolCase {
  Shape x;
  std::vector<int64_t> kernel, strides, padding;
};

HostArray refPool(bool isMax, const HostArray &x, const PoolCase &c) {
  int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
  int64_t OH = windowOut(H, c.kernel[0], c.strides[0], c.padding[0], 1);
  int64_t OW = windowOut(W, c.kernel[1], c.strides[1], c.padding[1], 1);
  HostArray y = zeros(x.dtype, {N, C, OH, OW});
  for (int64_t n = 0; n < N; ++n)
    for (int64_t ch = 0; ch < C; ++ch)
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          int64_t out = ((n * C + ch) * OH + oh) * OW + ow;
          double sum = 0, best = -inf();
          int64_t bestInt = std::numeric_limits<int64_t>::min();
          bool sawNan = false;
          for (int64_t kh = 0; kh < c.kernel[0]; ++kh)
            for (int64_t kw = 0; kw < c.kernel[1]; ++kw) {
              int64_t ih = oh * c.strides[0] + kh - c.padding[0];
              int64_t iw = ow * c.strides[1] + kw - c.padding[1];
              if (ih < 0 || ih >= H || iw < 0 || iw >= W)
                continue; // max: -inf never wins; avg: a zero in the sum
              int64_t i = ((n * C + ch) * H + ih) * W + iw;
              if (isInt(x.dtype)) {
                bestInt = std::max(bestInt, getI(x, i));
              } else {
                double v = getF(x, i);
                sawNan |= std::isnan(v);
                best = std::max(best, v);
                sum += v;
              }
            }
          if (isInt(x.dtype))
            setI(y, out, bestInt);
          else if (isMax)
            setF(y, out, sawNan ? nan() : best);
          else
            setF(y, out, sum / (double)(c.kernel[0] * c.kernel[1]));
        }
  return y;
}

class PoolTest : public ::testing::TestWithParam<bool> {};

TEST_P(PoolTest, KernelsStridesPadding) {
  bool isMax = GetParam();
  std::string op = isMax ? "max_pool2d" : "avg_pool2d";
  Rng rng(isMax ? 300 : 301);
  Batch batch("ag." + op);
  const std::vector<PoolCase> cases = {
      {{1, 1, 4, 4}, {2, 2}, {2, 2}, {0, 0}},    {{2, 3, 7, 8}, {3, 3}, {1, 1}, {1, 1}},
      {{1, 2, 9, 6}, {3, 2}, {2, 1}, {1, 0}},    {{2, 2, 7, 9}, {2, 3}, {3, 2}, {1, 1}},
      {{1, 2, 5, 5}, {1, 1}, {1, 1}, {0, 0}},    {{1, 1, 5, 5}, {5, 5}, {1, 1}, {0, 0}},
      {{1, 1, 3, 3}, {2, 2}, {1, 1}, {1, 1}}, // corner windows hold one real cell
      {{1, 16, 10, 10}, {3, 3}, {2, 2}, {1, 1}}, {{0, 2, 4, 4}, {2, 2}, {2, 2}, {0, 0}},
      {{1, 0, 4, 4}, {2, 2}, {2, 2}, {1, 1}},
  };
  for (DType d : isMax ? kNumeric : kFloat)
    for (size_t ci = 0; ci < cases.size(); ++ci) {
      const PoolCase &c = cases[ci];
      // float64 and int64 pool like float32 and int32: a subset of the windows suffices.
      if ((d == F64 || d == I64) && ci != 1 && ci != 3 && ci != 6 && ci != 8)
        continue;
      HostArray x = randomArray(d, c.x, rng, -10, 10);
      if (isMax) {
        // Negative inputs everywhere: a zero-padded max would win over them.
        for (int64_t i = 0; i < x.numElements(); ++i)
          if (rng.coin(0.5))
            setF(x, i, -std::fabs(getF(x, i)) - 1);
        if (isInt(d))
          sprinkleInts(x, rng, 0.1, {intMin(d), intMax(d)});
        else
          sprinkle(x, rng, 0.05, {nan(), -inf(), inf()});
      }
      HostArray expected = refPool(isMax, x, c);
      std::string attrs = "{kernel = " + i64Array(c.kernel) +
                          ", strides = " + i64Array(c.strides) +
                          ", padding = " + i64Array(c.padding) + "}";
      batch.addOp(std::string(dtypeName(d)) + " " + shapeStr(c.x) + " " + attrs, {x},
                  "ag." + op + " %a0 " + attrs + " : " + ty(x) + " -> " + ty(expected),
                  expected);
    }
  // Default padding (attribute omitted).
  for (DType d : kFloat) {
    PoolCase c{{1, 2, 6, 6}, {2, 2}, {2, 2}, {0, 0}};
    HostArray x = randomArray(d, c.x, rng, -10, -1);
    HostArray expected = refPool(isMax, x, c);
    std::string attrs = "{kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}";
    batch.addOp(std::string(dtypeName(d)) + " default padding", {x},
                "ag." + op + " %a0 " + attrs + " : " + ty(x) + " -> " + ty(expected),
                expected);
  }
  batch.run();
}

INSTANTIATE_TEST_SUITE_P(Ag, PoolTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool> &info) {
                           return std::string(info.param ? "max_pool2d" : "avg_pool2d");
                         });

} // namespace

namespace {

//===----------------------------------------------------------------------===//
// Linear ops on views and sharing initial values
//===----------------------------------------------------------------------===//

HostArray sliceCopy(const HostArray &x, const Shape &counts,
                    const std::vector<int64_t> &starts,
                    const std::vector<int64_t> &steps) {
  HostArray r = zeros(x.dtype, counts);
  for (int64_t i = 0; i < numel(counts); ++i) {
    std::vector<int64_t> idx = unravel(i, counts);
    for (size_t d = 0; d < idx.size(); ++d)
      idx[d] = starts[d] + idx[d] * steps[d];
    setF(r, i, getF(x, ravel(idx, x.shape)));
  }
  return r;
}

TEST(AgMatmul, OnStridedViewsAndTransposes) {
  // Slices become strided subviews after bufferization: the oneDNN call gets offsets and
  // non-unit strides in its descriptors.
  Rng rng(31);
  Batch batch("matmul on views");
  for (DType d : kNumeric) {
    HostArray x =
        isFloat(d) ? randomArray(d, {7, 9}, rng, -1, 1) : randomArray(d, {7, 9}, rng);
    HostArray w =
        isFloat(d) ? randomArray(d, {6, 8}, rng, -1, 1) : randomArray(d, {6, 8}, rng);
    // x[1::2, 1::2] (3x4) @ w[1:5, 2::2] (4x3).
    HostArray xs = sliceCopy(x, {3, 4}, {1, 1}, {2, 2});
    HostArray ws = sliceCopy(w, {4, 3}, {1, 2}, {1, 2});
    HostArray expected = refMatmul(xs, ws);
    // x.T[0:4, 0:4] (a transpose, then a window) @ w[5:1:-1, 0:3] (reversed rows).
    HostArray xt = zeros(d, {9, 7});
    for (int64_t i = 0; i < 9; ++i)
      for (int64_t j = 0; j < 7; ++j)
        setF(xt, i * 7 + j, getF(x, j * 9 + i));
    HostArray wr = sliceCopy(w, {4, 3}, {5, 0}, {-1, 1});
    HostArray lhs2 = sliceCopy(xt, {4, 4}, {0, 0}, {1, 1});
    HostArray expected2 = refMatmul(lhs2, wr);
    std::string body =
        "%xs = ag.slice %a0 {starts = array<i64: 1, 1>, steps = array<i64: 2, 2>} : " +
        ty(x) + " -> " + ty(xs) + "\n" +
        "%ws = ag.slice %a1 {starts = array<i64: 1, 2>, steps = array<i64: 1, 2>} : " +
        ty(w) + " -> " + ty(ws) + "\n" + "%r = ag.matmul %xs, %ws : " + ty(xs) + ", " +
        ty(ws) + " -> " + ty(expected) + "\n" +
        "%xt = ag.transpose %a0 {permutation = array<i64: 1, 0>} : " + ty(x) + " -> " +
        ty(xt) + "\n" +
        "%l = ag.slice %xt {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : " +
        ty(xt) + " -> " + ty(lhs2) + "\n" +
        "%wr = ag.slice %a1 {starts = array<i64: 5, 0>, steps = array<i64: -1, 1>} : " +
        ty(w) + " -> " + ty(wr) + "\n" + "%r2 = ag.matmul %l, %wr : " + ty(lhs2) + ", " +
        ty(wr) + " -> " + ty(expected2);
    batch.addFunc(std::string(dtypeName(d)) + " slices and transposes", {x, w}, body,
                  {"%r", "%r2"}, {expected, expected2});
    // A row picked by dynamic_index (offset view) times a matrix.
    HostArray i = fromInts(I64, {}, {-2});
    HostArray row = sliceCopy(x, {1, 9}, {5, 0}, {1, 1});
    HostArray row1 = zeros(d, {9});
    for (int64_t k = 0; k < 9; ++k)
      setF(row1, k, getF(row, k));
    HostArray m =
        isFloat(d) ? randomArray(d, {9, 5}, rng, -1, 1) : randomArray(d, {9, 5}, rng);
    HostArray expected3 = refMatmul(row1, m);
    batch.addFunc(std::string(dtypeName(d)) + " x[-2] @ m", {x, i, m},
                  "%row = ag.dynamic_index %a0[%a1] : " + ty(x) + ", tensor<i64> -> " +
                      ty(row1) + "\n%r = ag.matmul %row, %a2 : " + ty(row1) + ", " +
                      ty(m) + " -> " + ty(expected3),
                  {"%r"}, {expected3});
  }
  batch.run();
}

TEST(AgMatmul, LibraryPathsWithVectorsAndTransposes) {
  // The shapes ag-linalg-to-blas routes by dtype and shape (float64 everything; float32
  // with a vector side, a batched N of 1 or a small GEMM), large enough for OpenBLAS's
  // blocked and threaded kernels, plus x.T @ v, where the transposed copy becomes a
  // strided view.
  Rng rng(41);
  Batch batch("matmul library paths");
  for (DType d : {F32, F64}) {
    for (const auto &[sa, sb] : std::vector<std::pair<Shape, Shape>>{
             {{300, 200}, {200}},       // GEMV
             {{200}, {200, 300}},       // vector @ matrix: GEMV transposed
             {{1, 200}, {200, 1}},      // dot
             {{513}, {513}},            // dot of vectors
             {{4, 50, 60}, {4, 60, 1}}, // batched GEMV
             {{4, 1, 60}, {4, 60, 50}}, // batched vector @ matrix
             {{20, 30}, {30, 40}},      // small GEMM (float32: BLAS)
             {{70, 90}, {90, 110}},     // GEMM (float32: oneDNN)
             {{3, 40, 50}, {3, 50, 20}}})
      addMatmul(batch, integralArray(d, sa, rng), integralArray(d, sb, rng), " (library)");
    HostArray a = integralArray(d, {120, 80}, rng), v = integralArray(d, {120}, rng);
    HostArray at = zeros(d, {80, 120});
    for (int64_t i = 0; i < 80; ++i)
      for (int64_t j = 0; j < 120; ++j)
        setF(at, i * 120 + j, getF(a, j * 80 + i));
    HostArray w = integralArray(d, {120, 30}, rng);
    HostArray expected = refMatmul(at, v), expected2 = refMatmul(at, w);
    batch.addFunc(std::string(dtypeName(d)) + " a.T @ v, a.T @ w", {a, v, w},
                  "%t = ag.transpose %a0 {permutation = array<i64: 1, 0>} : " + ty(a) +
                      " -> " + ty(at) + "\n%r = ag.matmul %t, %a1 : " + ty(at) + ", " +
                      ty(v) + " -> " + ty(expected) + "\n%r2 = ag.matmul %t, %a2 : " +
                      ty(at) + ", " + ty(w) + " -> " + ty(expected2),
                  {"%r", "%r2"}, {expected, expected2});
  }
  batch.run();
}

TEST(AgLinear, SameShapedOutputsShareZeroInit) {
  // Two different matmuls (and a conv next to an average pool) with outputs of one type:
  // their zero-filled inits may be CSE'd into one value before bufferization.
  Rng rng(32);
  Batch batch("shared zero init");
  for (DType d : kFloat) {
    HostArray a = randomArray(d, {3, 4}, rng, -1, 1),
              b = randomArray(d, {4, 5}, rng, -1, 1);
    HostArray c = randomArray(d, {3, 2}, rng, -1, 1),
              e = randomArray(d, {2, 5}, rng, -1, 1);
    HostArray ab = refMatmul(a, b), ce = refMatmul(c, e);
    HostArray sum = zeros(d, {3, 5});
    for (int64_t i = 0; i < 15; ++i)
      setF(sum, i, getF(ab, i) + getF(ce, i));
    std::string R = ty(ab);
    std::string body = "%p = ag.matmul %a0, %a1 : " + ty(a) + ", " + ty(b) + " -> " + R +
                       "\n%q = ag.matmul %a2, %a3 : " + ty(c) + ", " + ty(e) + " -> " +
                       R + "\n%s = ag.add %p, %q : " + R + ", " + R + " -> " + R;
    batch.addFunc(std::string(dtypeName(d)) + " two matmuls", {a, b, c, e}, body,
                  {"%p", "%q", "%s"}, {ab, ce, sum});

    ConvCase cc{{1, 2, 6, 6}, {3, 2, 3, 3}, {1, 1}, {0, 0}, {1, 1}};
    HostArray x = randomArray(d, cc.x, rng, -1, 1), w = randomArray(d, cc.w, rng, -1, 1);
    HostArray conv = refConv(x, w, cc); // (1,3,4,4)
    HostArray y = randomArray(d, {1, 3, 8, 8}, rng, -1, 1);
    PoolCase pc{{1, 3, 8, 8}, {2, 2}, {2, 2}, {0, 0}};
    HostArray pool = refPool(false, y, pc); // (1,3,4,4)
    std::string body2 = "%c = ag.conv2d %a0, %a1 {strides = array<i64: 1, 1>, padding = "
                        "array<i64: 0, 0>} : " +
                        ty(x) + ", " + ty(w) + " -> " + ty(conv) + "\n" +
                        "%p = ag.avg_pool2d %a2 {kernel = array<i64: 2, 2>, strides = "
                        "array<i64: 2, 2>} : " +
                        ty(y) + " -> " + ty(pool);
    batch.addFunc(std::string(dtypeName(d)) + " conv2d and avg_pool2d", {x, w, y}, body2,
                  {"%c", "%p"}, {conv, pool});
  }
  batch.run();
}

} // namespace

//===- OnednnTest.cpp - the oneDNN C ABI called directly ------------------===//
//
// _mlir_ciface_ag_onednn_{matmul,batch_matmul,conv2d}_f32 on hand-built memref
// descriptors: contiguous and strided views (transposed, padded leading dimensions,
// offsets, broadcast batch strides), beta 0 (the output's old contents, NaN here, must
// be ignored) and beta 1 (accumulate), zero-size dimensions. Every view lives inside a
// buffer filled with a sentinel, and elements outside the output view must keep it.
// References are naive loops accumulating in double.
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include "ag/Abi/ag_abi.h"

#include <thread>

using namespace agtest;

namespace {

constexpr float kSentinel = 12345.0f;

/// A strided float32 view into its own buffer (filled with kSentinel outside the view).
struct View {
  std::vector<float> buffer;
  int64_t offset = 0;
  Shape sizes;
  std::vector<int64_t> strides;

  View(Shape sizes_, std::vector<int64_t> strides_, int64_t offset_ = 0)
      : offset(offset_), sizes(std::move(sizes_)), strides(std::move(strides_)) {
    int64_t extent = offset + 1;
    if (numel(sizes) > 0)
      for (size_t d = 0; d < sizes.size(); ++d)
        extent += (sizes[d] - 1) * strides[d];
    buffer.assign(extent + 7, kSentinel);
  }
  /// Row-major contiguous.
  static View contiguous(const Shape &sizes, int64_t offset = 0) {
    return View(sizes, rowMajorStrides(sizes), offset);
  }

  float at2(int64_t i, int64_t j) const {
    return buffer[offset + i * strides[0] + j * strides[1]];
  }
  float at3(int64_t p, int64_t i, int64_t j) const {
    return buffer[offset + p * strides[0] + i * strides[1] + j * strides[2]];
  }
  int64_t position(const std::vector<int64_t> &idx) const {
    int64_t p = offset;
    for (size_t d = 0; d < idx.size(); ++d)
      p += idx[d] * strides[d];
    return p;
  }
  float &at(const std::vector<int64_t> &idx) { return buffer[position(idx)]; }
  float at(const std::vector<int64_t> &idx) const { return buffer[position(idx)]; }

  void fillRandom(Rng &rng, bool integral) {
    for (int64_t i = 0; i < numel(sizes); ++i)
      at(unravel(i, sizes)) =
          integral ? (float)rng.integer(-3, 3) : (float)rng.uniform(-1, 1);
  }
  void fillValue(float v) {
    for (int64_t i = 0; i < numel(sizes); ++i)
      at(unravel(i, sizes)) = v;
  }
  /// The view's elements as a contiguous array.
  HostArray read() const {
    HostArray a = zeros(F32, sizes);
    for (int64_t i = 0; i < numel(sizes); ++i)
      a.as<float>()[i] = at(unravel(i, sizes));
    return a;
  }
  /// Buffer positions outside the view that lost their sentinel.
  int64_t clobbered() const {
    std::vector<bool> inside(buffer.size());
    for (int64_t i = 0; i < numel(sizes); ++i)
      inside[position(unravel(i, sizes))] = true;
    int64_t bad = 0;
    for (int64_t p = 0; p < (int64_t)buffer.size(); ++p)
      if (!inside[p] && buffer[p] != kSentinel)
        ++bad;
    return bad;
  }

  template <typename Desc> Desc descriptor() {
    Desc d;
    d.allocated = buffer.data();
    d.aligned = buffer.data();
    d.offset = offset;
    for (size_t i = 0; i < sizes.size(); ++i) {
      d.sizes[i] = sizes[i];
      d.strides[i] = strides[i];
    }
    return d;
  }
};

/// Strides of a view whose dims are stored in the order `storageOrder` (outermost first),
/// with `pad` extra elements after each innermost run.
std::vector<int64_t> permutedStrides(const Shape &sizes,
                                     const std::vector<int64_t> &storageOrder,
                                     int64_t pad = 0) {
  std::vector<int64_t> strides(sizes.size());
  int64_t stride = 1;
  for (size_t k = storageOrder.size(); k-- > 0;) {
    int64_t d = storageOrder[k];
    strides[d] = stride;
    stride *= std::max<int64_t>(sizes[d], 1) + (k + 1 == storageOrder.size() ? pad : 0);
  }
  return strides;
}

/// C = A @ B + beta * C on (batched) views; batch = 0 means rank 2.
HostArray refMatmul(const View &a, const View &b, const View &c, float beta) {
  bool batched = c.sizes.size() == 3;
  int64_t B = batched ? c.sizes[0] : 1;
  int64_t M = c.sizes[batched], N = c.sizes[batched + 1], K = a.sizes[batched + 1];
  HostArray r = zeros(F32, c.sizes);
  for (int64_t p = 0; p < B; ++p)
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        double acc = 0;
        for (int64_t l = 0; l < K; ++l)
          acc += batched ? (double)a.at3(p, i, l) * b.at3(p, l, j)
                         : (double)a.at2(i, l) * b.at2(l, j);
        double old = batched ? c.at3(p, i, j) : c.at2(i, j);
        if (beta != 0)
          acc += old;
        r.as<float>()[(p * M + i) * N + j] = (float)acc;
      }
  return r;
}

void checkOutput(const View &c, const HostArray &expected, const std::string &what) {
  EXPECT_TRUE(arraysMatch(c.read(), expected)) << what;
  EXPECT_EQ(c.clobbered(), 0) << what
                              << ": elements outside the output view were written";
}

void runMatmul(View &a, View &b, View &c, float beta) {
  auto da = a.descriptor<AgMemRef2DF32>(), db = b.descriptor<AgMemRef2DF32>(),
       dc = c.descriptor<AgMemRef2DF32>();
  _mlir_ciface_ag_onednn_matmul_f32(&da, &db, &dc, beta);
}

void runBatchMatmul(View &a, View &b, View &c, float beta) {
  auto da = a.descriptor<AgMemRef3DF32>(), db = b.descriptor<AgMemRef3DF32>(),
       dc = c.descriptor<AgMemRef3DF32>();
  _mlir_ciface_ag_onednn_batch_matmul_f32(&da, &db, &dc, beta);
}

/// Prepares C for `beta`: NaN for beta 0 (must be ignored), values to add for beta 1.
void prepareOutput(View &c, float beta, Rng &rng, bool integral) {
  if (beta == 0)
    c.fillValue(nan());
  else
    c.fillRandom(rng, integral);
}

struct MatmulShape {
  int64_t m, k, n;
};

const std::vector<MatmulShape> kMatmulShapes = {
    {1, 1, 1}, {3, 4, 5}, {5, 1, 7}, {1, 16, 1}, {17, 13, 9}, {64, 128, 96}, {2, 3, 130},
};

std::string mkn(const MatmulShape &s) {
  return "M=" + std::to_string(s.m) + " K=" + std::to_string(s.k) +
         " N=" + std::to_string(s.n);
}

TEST(OnednnMatmul, ContiguousBeta0And1) {
  Rng rng(1);
  for (const MatmulShape &s : kMatmulShapes)
    for (float beta : {0.0f, 1.0f}) {
      bool integral = s.k > 16; // exact sums for long dot products
      View a = View::contiguous({s.m, s.k}), b = View::contiguous({s.k, s.n}),
           c = View::contiguous({s.m, s.n});
      a.fillRandom(rng, integral);
      b.fillRandom(rng, integral);
      prepareOutput(c, beta, rng, integral);
      HostArray expected = refMatmul(a, b, c, beta);
      runMatmul(a, b, c, beta);
      checkOutput(c, expected, mkn(s) + " beta " + std::to_string(beta));
    }
}

TEST(OnednnMatmul, NonContiguousStrides) {
  Rng rng(2);
  struct Layout {
    const char *name;
    std::vector<int64_t> aOrder, bOrder, cOrder;
    int64_t aPad, bPad, cPad, offset;
  };
  const std::vector<Layout> layouts = {
      {"A transposed", {1, 0}, {0, 1}, {0, 1}, 0, 0, 0, 0},
      {"B transposed", {0, 1}, {1, 0}, {0, 1}, 0, 0, 0, 0},
      {"C transposed", {0, 1}, {0, 1}, {1, 0}, 0, 0, 0, 0},
      {"all transposed, offsets", {1, 0}, {1, 0}, {1, 0}, 0, 0, 0, 5},
      {"padded leading dims", {0, 1}, {0, 1}, {0, 1}, 3, 2, 7, 0},
      {"padded + transposed + offset", {1, 0}, {0, 1}, {0, 1}, 4, 1, 3, 11},
  };
  for (const Layout &l : layouts)
    for (const MatmulShape &s : kMatmulShapes)
      for (float beta : {0.0f, 1.0f}) {
        bool integral = s.k > 16;
        Shape as = {s.m, s.k}, bs = {s.k, s.n}, cs = {s.m, s.n};
        View a(as, permutedStrides(as, l.aOrder, l.aPad), l.offset);
        View b(bs, permutedStrides(bs, l.bOrder, l.bPad), l.offset);
        View c(cs, permutedStrides(cs, l.cOrder, l.cPad), l.offset);
        a.fillRandom(rng, integral);
        b.fillRandom(rng, integral);
        prepareOutput(c, beta, rng, integral);
        HostArray expected = refMatmul(a, b, c, beta);
        runMatmul(a, b, c, beta);
        checkOutput(c, expected,
                    std::string(l.name) + " " + mkn(s) + " beta " + std::to_string(beta));
      }
  // Every other column of A (inner stride 2) and of C.
  for (float beta : {0.0f, 1.0f}) {
    View a({4, 6}, {12, 2}, 1), b = View::contiguous({6, 3}), c({4, 3}, {6, 2}, 0);
    a.fillRandom(rng, false);
    b.fillRandom(rng, false);
    prepareOutput(c, beta, rng, false);
    HostArray expected = refMatmul(a, b, c, beta);
    runMatmul(a, b, c, beta);
    checkOutput(c, expected, "inner stride 2, beta " + std::to_string(beta));
  }
}

TEST(OnednnMatmul, ZeroSizeDims) {
  Rng rng(3);
  for (const MatmulShape &s :
       std::vector<MatmulShape>{{0, 3, 4}, {3, 4, 0}, {3, 0, 4}, {0, 0, 0}, {1, 0, 1}})
    for (float beta : {0.0f, 1.0f}) {
      View a = View::contiguous({s.m, s.k}), b = View::contiguous({s.k, s.n}),
           c = View::contiguous({s.m, s.n});
      prepareOutput(c, beta, rng, false); // K = 0: beta 0 gives zeros, beta 1 keeps C
      HostArray expected = refMatmul(a, b, c, beta);
      runMatmul(a, b, c, beta);
      checkOutput(c, expected, mkn(s) + " beta " + std::to_string(beta));
    }
}

TEST(OnednnMatmul, RepeatedShapesWithNewData) {
  // Primitives are cached per shape/stride/beta: new data must still be read.
  Rng rng(4);
  for (int round = 0; round < 3; ++round)
    for (float beta : {0.0f, 1.0f, 0.0f}) {
      View a = View::contiguous({8, 8}), b = View::contiguous({8, 8}),
           c = View::contiguous({8, 8});
      a.fillRandom(rng, false);
      b.fillRandom(rng, false);
      prepareOutput(c, beta, rng, false);
      HostArray expected = refMatmul(a, b, c, beta);
      runMatmul(a, b, c, beta);
      checkOutput(c, expected, "round " + std::to_string(round));
    }
}

TEST(OnednnMatmul, ConcurrentCallers) {
  // Thread-local streams and a locked primitive cache: concurrent calls stay correct.
  std::vector<int64_t> failures(2, 0);
  auto worker = [&](int id) {
    Rng rng(10 + id);
    for (int i = 0; i < 30; ++i) {
      MatmulShape s = kMatmulShapes[(i + id) % 5];
      View a = View::contiguous({s.m, s.k}), b = View::contiguous({s.k, s.n}),
           c = View::contiguous({s.m, s.n});
      a.fillRandom(rng, true);
      b.fillRandom(rng, true);
      c.fillValue(nan());
      HostArray expected = refMatmul(a, b, c, 0);
      runMatmul(a, b, c, 0);
      HostArray got = c.read();
      for (int64_t e = 0; e < got.numElements(); ++e)
        if (got.as<float>()[e] != expected.as<float>()[e])
          ++failures[id];
    }
  };
  std::thread t0(worker, 0), t1(worker, 1);
  t0.join();
  t1.join();
  EXPECT_EQ(failures[0], 0);
  EXPECT_EQ(failures[1], 0);
}

TEST(OnednnBatchMatmul, LayoutsBetaAndBroadcastBatch) {
  Rng rng(5);
  struct Case {
    const char *name;
    int64_t batch, m, k, n;
    std::vector<int64_t> aOrder, bOrder, cOrder;
    int64_t pad;
    bool broadcastB; // batch stride 0 for B
  };
  const std::vector<Case> cases = {
      {"contiguous", 3, 4, 5, 6, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, 0, false},
      {"batch 1", 1, 7, 3, 2, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, 0, false},
      {"A inner transposed", 2, 5, 4, 3, {0, 2, 1}, {0, 1, 2}, {0, 1, 2}, 0, false},
      {"B inner transposed", 2, 5, 4, 3, {0, 1, 2}, {0, 2, 1}, {0, 1, 2}, 0, false},
      {"batch innermost in C", 3, 4, 2, 5, {0, 1, 2}, {0, 1, 2}, {1, 2, 0}, 0, false},
      {"padded", 2, 6, 7, 5, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, 3, false},
      {"large integral", 4, 33, 40, 17, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, 0, false},
      {"B broadcast over the batch (stride 0)",
       3,
       4,
       5,
       6,
       {0, 1, 2},
       {0, 1, 2},
       {0, 1, 2},
       0,
       true},
  };
  for (const Case &cs : cases)
    for (float beta : {0.0f, 1.0f}) {
      bool integral = cs.k > 16;
      Shape as = {cs.batch, cs.m, cs.k}, bs = {cs.batch, cs.k, cs.n},
            cshape = {cs.batch, cs.m, cs.n};
      View a(as, permutedStrides(as, cs.aOrder, cs.pad), 2);
      std::vector<int64_t> bStrides = permutedStrides(bs, cs.bOrder, cs.pad);
      if (cs.broadcastB)
        bStrides = {0, cs.n, 1};
      View b(bs, bStrides, 1);
      View c(cshape, permutedStrides(cshape, cs.cOrder, cs.pad), 3);
      a.fillRandom(rng, integral);
      b.fillRandom(rng, integral);
      prepareOutput(c, beta, rng, integral);
      HostArray expected = refMatmul(a, b, c, beta);
      runBatchMatmul(a, b, c, beta);
      checkOutput(c, expected, std::string(cs.name) + " beta " + std::to_string(beta));
    }
  // Zero-size batch, M, N and K.
  for (const std::vector<int64_t> &d : std::vector<std::vector<int64_t>>{
           {0, 2, 3, 4}, {2, 0, 3, 4}, {2, 3, 0, 4}, {2, 3, 4, 0}})
    for (float beta : {0.0f, 1.0f}) {
      View a = View::contiguous({d[0], d[1], d[2]}),
           b = View::contiguous({d[0], d[2], d[3]}),
           c = View::contiguous({d[0], d[1], d[3]});
      prepareOutput(c, beta, rng, false);
      HostArray expected = refMatmul(a, b, c, beta);
      runBatchMatmul(a, b, c, beta);
      checkOutput(c, expected,
                  "zero-size " + shapeStr(d) + " beta " + std::to_string(beta));
    }
}

//===----------------------------------------------------------------------===//
// conv2d (input already padded)
//===----------------------------------------------------------------------===//

HostArray refConv(const View &x, const View &w, const View &y, int64_t sh, int64_t sw,
                  int64_t dh, int64_t dw, float beta) {
  HostArray r = zeros(F32, y.sizes);
  int64_t C = w.sizes[1], KH = w.sizes[2], KW = w.sizes[3];
  for (int64_t i = 0; i < numel(y.sizes); ++i) {
    std::vector<int64_t> o = unravel(i, y.sizes);
    double acc = 0;
    for (int64_t c = 0; c < C; ++c)
      for (int64_t kh = 0; kh < KH; ++kh)
        for (int64_t kw = 0; kw < KW; ++kw)
          acc += (double)x.at({o[0], c, o[2] * sh + kh * dh, o[3] * sw + kw * dw}) *
                 w.at({o[1], c, kh, kw});
    if (beta != 0)
      acc += y.at(o);
    r.as<float>()[i] = (float)acc;
  }
  return r;
}

struct ConvCase {
  const char *name;
  Shape x, w;
  int64_t sh, sw, dh, dw;
  bool stridedViews;
};

TEST(OnednnConv2d, StridesDilationsBetaAndLayouts) {
  Rng rng(6);
  const std::vector<ConvCase> cases = {
      {"3x3", {1, 1, 5, 5}, {1, 1, 3, 3}, 1, 1, 1, 1, false},
      {"stride 2", {2, 3, 9, 8}, {4, 3, 3, 2}, 2, 2, 1, 1, false},
      {"dilation 2", {1, 2, 9, 9}, {3, 2, 3, 3}, 1, 1, 2, 2, false},
      {"stride 2 dilation 2", {2, 2, 10, 9}, {3, 2, 2, 3}, 2, 2, 2, 2, false},
      {"mixed H/W params", {1, 3, 12, 11}, {2, 3, 3, 2}, 1, 2, 1, 3, false},
      {"1x1", {1, 4, 3, 3}, {2, 4, 1, 1}, 1, 1, 1, 1, false},
      {"blocked channels", {2, 16, 12, 12}, {32, 16, 3, 3}, 1, 1, 1, 1, false},
      {"strided views", {2, 3, 7, 7}, {4, 3, 3, 3}, 1, 1, 1, 1, true},
      {"strided views, stride 2 dilation 2",
       {1, 4, 11, 11},
       {5, 4, 3, 3},
       2,
       2,
       2,
       2,
       true},
  };
  for (const ConvCase &cs : cases)
    for (float beta : {0.0f, 1.0f}) {
      int64_t OH = (cs.x[2] - (cs.dh * (cs.w[2] - 1) + 1)) / cs.sh + 1;
      int64_t OW = (cs.x[3] - (cs.dw * (cs.w[3] - 1) + 1)) / cs.sw + 1;
      Shape ys = {cs.x[0], cs.w[0], OH, OW};
      bool integral = cs.x[1] * cs.w[2] * cs.w[3] > 27;
      View x = cs.stridedViews ? View(cs.x, permutedStrides(cs.x, {0, 1, 2, 3}, 2), 3)
                               : View::contiguous(cs.x);
      // Weights stored HWOI-like and the output NHWC-like in the strided variants.
      View w = cs.stridedViews ? View(cs.w, permutedStrides(cs.w, {2, 3, 0, 1}), 1)
                               : View::contiguous(cs.w);
      View y = cs.stridedViews ? View(ys, permutedStrides(ys, {0, 2, 3, 1}, 1), 2)
                               : View::contiguous(ys);
      x.fillRandom(rng, integral);
      w.fillRandom(rng, integral);
      prepareOutput(y, beta, rng, integral);
      HostArray expected = refConv(x, w, y, cs.sh, cs.sw, cs.dh, cs.dw, beta);
      auto dx = x.descriptor<AgMemRef4DF32>(), dw = w.descriptor<AgMemRef4DF32>(),
           dy = y.descriptor<AgMemRef4DF32>();
      _mlir_ciface_ag_onednn_conv2d_f32(&dx, &dw, &dy, cs.sh, cs.sw, cs.dh, cs.dw, beta);
      checkOutput(y, expected, std::string(cs.name) + " beta " + std::to_string(beta));
    }
}

TEST(OnednnConv2d, ZeroSizeDims) {
  Rng rng(7);
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{0, 2, 5, 5}, {3, 2, 3, 3}}, // N = 0
      {{1, 2, 5, 5}, {0, 2, 3, 3}}, // O = 0
      {{1, 0, 5, 5}, {3, 0, 3, 3}}, // C = 0: every output is an empty sum
  };
  for (const auto &[xs, wsh] : cases)
    for (float beta : {0.0f, 1.0f}) {
      Shape ys = {xs[0], wsh[0], xs[2] - wsh[2] + 1, xs[3] - wsh[3] + 1};
      View x = View::contiguous(xs), w = View::contiguous(wsh), y = View::contiguous(ys);
      x.fillRandom(rng, false);
      w.fillRandom(rng, false);
      prepareOutput(y, beta, rng, false);
      HostArray expected = refConv(x, w, y, 1, 1, 1, 1, beta);
      auto dx = x.descriptor<AgMemRef4DF32>(), dw = w.descriptor<AgMemRef4DF32>(),
           dy = y.descriptor<AgMemRef4DF32>();
      _mlir_ciface_ag_onednn_conv2d_f32(&dx, &dw, &dy, 1, 1, 1, 1, beta);
      checkOutput(y, expected,
                  shapeStr(xs) + " * " + shapeStr(wsh) + " beta " + std::to_string(beta));
    }
}


//===----------------------------------------------------------------------===//
// matmul / conv2d with a bias (the *_post_f32 entries)
//===----------------------------------------------------------------------===//

/// A float32 vector of `n` elements `stride` apart (kSentinel between them).
View biasView(int64_t n, int64_t stride, Rng &rng, bool integral) {
  View v({n}, {stride}, 1);
  v.fillRandom(rng, integral);
  return v;
}

/// `expected` plus bias[index[channel]] for every element (channel = dim 1).
void addBias(HostArray &expected, const Shape &sizes, const View &bias) {
  for (int64_t i = 0; i < numel(sizes); ++i)
    expected.as<float>()[i] += bias.at({unravel(i, sizes)[1]});
}

TEST(OnednnMatmulPost, BiasContiguousStridedBetaAndLayouts) {
  Rng rng(8);
  for (const MatmulShape &s : kMatmulShapes)
    for (float beta : {0.0f, 1.0f})
      for (int64_t biasStride : {1, 3})
        for (bool transposedB : {false, true}) {
          bool integral = s.k > 16;
          View a = View::contiguous({s.m, s.k});
          View b = transposedB ? View({s.k, s.n}, {1, s.k}) : View::contiguous({s.k, s.n});
          View c = View::contiguous({s.m, s.n});
          a.fillRandom(rng, integral);
          b.fillRandom(rng, integral);
          prepareOutput(c, beta, rng, integral);
          View bias = biasView(s.n, biasStride, rng, integral);
          HostArray expected = refMatmul(a, b, c, beta);
          addBias(expected, c.sizes, bias);
          auto da = a.descriptor<AgMemRef2DF32>(), db = b.descriptor<AgMemRef2DF32>(),
               dc = c.descriptor<AgMemRef2DF32>();
          auto dbias = bias.descriptor<AgMemRef1DF32>();
          _mlir_ciface_ag_onednn_matmul_post_f32(&da, &db, &dc, &dbias, beta, AG_POST_BIAS);
          checkOutput(c, expected,
                      mkn(s) + " beta " + std::to_string(beta) + " bias stride " +
                          std::to_string(biasStride) + (transposedB ? " B^T" : ""));
          EXPECT_EQ(bias.clobbered(), 0);
        }
  // K = 0: the bias alone (plus beta * C); post = 0: the bias is not read.
  for (float beta : {0.0f, 1.0f}) {
    View a = View::contiguous({3, 0}), b = View::contiguous({0, 4}),
         c = View::contiguous({3, 4});
    prepareOutput(c, beta, rng, true);
    View bias = biasView(4, 2, rng, true);
    HostArray expected = refMatmul(a, b, c, beta);
    addBias(expected, c.sizes, bias);
    auto da = a.descriptor<AgMemRef2DF32>(), db = b.descriptor<AgMemRef2DF32>(),
         dc = c.descriptor<AgMemRef2DF32>();
    auto dbias = bias.descriptor<AgMemRef1DF32>();
    _mlir_ciface_ag_onednn_matmul_post_f32(&da, &db, &dc, &dbias, beta, AG_POST_BIAS);
    checkOutput(c, expected, "K = 0 beta " + std::to_string(beta));
  }
  {
    View a = View::contiguous({5, 6}), b = View::contiguous({6, 7}),
         c = View::contiguous({5, 7});
    a.fillRandom(rng, true);
    b.fillRandom(rng, true);
    prepareOutput(c, 0.0f, rng, true);
    HostArray expected = refMatmul(a, b, c, 0.0f);
    auto da = a.descriptor<AgMemRef2DF32>(), db = b.descriptor<AgMemRef2DF32>(),
         dc = c.descriptor<AgMemRef2DF32>();
    AgMemRef1DF32 none{nullptr, nullptr, 0, {0}, {1}};
    _mlir_ciface_ag_onednn_matmul_post_f32(&da, &db, &dc, &none, 0.0f, 0);
    checkOutput(c, expected, "post 0");
  }
}

TEST(OnednnConv2dPost, BiasWithLayoutsAndBeta) {
  Rng rng(9);
  const std::vector<ConvCase> cases = {
      {"3x3", {1, 1, 5, 5}, {1, 1, 3, 3}, 1, 1, 1, 1, false},
      {"stride 2", {2, 3, 9, 8}, {4, 3, 3, 2}, 2, 2, 1, 1, false},
      {"blocked channels", {2, 16, 12, 12}, {32, 16, 3, 3}, 1, 1, 1, 1, false},
      {"strided views", {2, 3, 7, 7}, {4, 3, 3, 3}, 1, 1, 1, 1, true},
  };
  for (const ConvCase &cs : cases)
    for (float beta : {0.0f, 1.0f}) {
      int64_t OH = (cs.x[2] - (cs.dh * (cs.w[2] - 1) + 1)) / cs.sh + 1;
      int64_t OW = (cs.x[3] - (cs.dw * (cs.w[3] - 1) + 1)) / cs.sw + 1;
      Shape ys = {cs.x[0], cs.w[0], OH, OW};
      bool integral = cs.x[1] * cs.w[2] * cs.w[3] > 27;
      View x = cs.stridedViews ? View(cs.x, permutedStrides(cs.x, {0, 1, 2, 3}, 2), 3)
                               : View::contiguous(cs.x);
      View w = cs.stridedViews ? View(cs.w, permutedStrides(cs.w, {2, 3, 0, 1}), 1)
                               : View::contiguous(cs.w);
      View y = cs.stridedViews ? View(ys, permutedStrides(ys, {0, 2, 3, 1}, 1), 2)
                               : View::contiguous(ys);
      x.fillRandom(rng, integral);
      w.fillRandom(rng, integral);
      prepareOutput(y, beta, rng, integral);
      View bias = biasView(cs.w[0], cs.stridedViews ? 2 : 1, rng, integral);
      HostArray expected = refConv(x, w, y, cs.sh, cs.sw, cs.dh, cs.dw, beta);
      addBias(expected, ys, bias);
      auto dx = x.descriptor<AgMemRef4DF32>(), dw = w.descriptor<AgMemRef4DF32>(),
           dy = y.descriptor<AgMemRef4DF32>();
      auto dbias = bias.descriptor<AgMemRef1DF32>();
      _mlir_ciface_ag_onednn_conv2d_post_f32(&dx, &dw, &dy, &dbias, cs.sh, cs.sw, cs.dh,
                                             cs.dw, beta, AG_POST_BIAS);
      checkOutput(y, expected, std::string(cs.name) + " beta " + std::to_string(beta));
    }
  // C = 0: every output is the bias (plus beta * Y).
  View x = View::contiguous({1, 0, 5, 5}), w = View::contiguous({3, 0, 3, 3}),
       y = View::contiguous({1, 3, 3, 3});
  prepareOutput(y, 0.0f, rng, true);
  View bias = biasView(3, 1, rng, true);
  HostArray expected = refConv(x, w, y, 1, 1, 1, 1, 0.0f);
  addBias(expected, y.sizes, bias);
  auto dx = x.descriptor<AgMemRef4DF32>(), dw = w.descriptor<AgMemRef4DF32>(),
       dy = y.descriptor<AgMemRef4DF32>();
  auto dbias = bias.descriptor<AgMemRef1DF32>();
  _mlir_ciface_ag_onednn_conv2d_post_f32(&dx, &dw, &dy, &dbias, 1, 1, 1, 1, 0.0f,
                                         AG_POST_BIAS);
  checkOutput(y, expected, "C = 0");
}

} // namespace

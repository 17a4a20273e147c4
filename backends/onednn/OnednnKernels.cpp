//===- OnednnKernels.cpp - oneDNN matmul and convolution for JIT code -----===//
//
// Implements the ag_onednn_* entries of ag_abi.h. Primitives are created once per shape,
// stride and beta and cached (creating a oneDNN primitive costs tens of microseconds,
// more than a small matmul). Convolutions let oneDNN choose blocked layouts and reorder
// in and out, as torch does for NCHW tensors. oneDNN reports failures by exception; none
// may cross the C ABI, so any failure falls back to a plain loop implementation.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace {

using Dims = dnnl::memory::dims;

dnnl::engine &cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

/// A stream per thread: executing on a shared stream from several threads is not safe.
/// oneDNN's OpenMP runtime sizes its teams by omp_get_max_threads() of the calling
/// thread, an ICV of that thread: set it to AG_NUM_THREADS on each thread that calls
/// oneDNN, before its first primitive (ag_rt_parallel_for uses the same count).
dnnl::stream &threadStream() {
  thread_local dnnl::stream stream = [] {
    omp_set_num_threads((int)ag_rt_num_threads());
    return dnnl::stream(cpuEngine());
  }();
  return stream;
}

template <int N> Dims sizesOf(const void *desc) {
  auto *m = static_cast<const int64_t *>(desc) + 3; // allocated, aligned, offset
  return Dims(m, m + N);
}
template <int N> Dims stridesOf(const void *desc) {
  auto *m = static_cast<const int64_t *>(desc) + 3 + N;
  return Dims(m, m + N);
}

dnnl::memory::desc stridedDesc(const Dims &sizes, const Dims &strides) {
  return dnnl::memory::desc(sizes, dnnl::memory::data_type::f32, strides);
}

/// Attributes shared by every primitive: the sum post-op for beta, and a user-managed
/// scratchpad. oneDNN's default (library) scratchpad belongs to the primitive, so two
/// threads executing one cached primitive at once would share it; each execution passes
/// its own thread-local scratchpad instead (see scratchpadFor).
dnnl::primitive_attr betaAttr(float beta) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (beta != 0.0f) {
    dnnl::post_ops ops;
    ops.append_sum(beta);
    attr.set_post_ops(ops);
  }
  return attr;
}

/// The bias a product's call adds (ag_abi.h's `post`; oneDNN adds it as the primitive's
/// bias argument, before the sum post-op of beta), made contiguous when the caller's
/// view is strided (oneDNN reads it densely).
struct PostOps {
  int64_t post = 0;
  const float *bias = nullptr;

  PostOps() = default;
  PostOps(int64_t post, const AgMemRef1DF32 *view) : post(post) {
    if (!(post & AG_POST_BIAS))
      return;
    int64_t n = view->sizes[0], stride = view->strides[0];
    const float *data = view->aligned + view->offset;
    if (stride == 1 || n <= 1) {
      bias = data;
      return;
    }
    thread_local std::vector<float> dense;
    dense.resize(n);
    for (int64_t i = 0; i < n; ++i)
      dense[i] = data[i * stride];
    bias = dense.data();
  }
  bool hasBias() const { return post & AG_POST_BIAS; }

  /// The bias on an output the fallback loops computed: dims[1] is the channel.
  void applyTo(float *out, const Dims &sizes, const Dims &strides) const {
    if (!bias)
      return;
    int64_t d2 = sizes.size() == 4 ? sizes[2] : 1, d3 = sizes.size() == 4 ? sizes[3] : 1;
    int64_t s2 = sizes.size() == 4 ? strides[2] : 0, s3 = sizes.size() == 4 ? strides[3] : 0;
    for (int64_t i = 0; i < sizes[0]; ++i)
      for (int64_t c = 0; c < sizes[1]; ++c)
        for (int64_t h = 0; h < d2; ++h)
          for (int64_t w = 0; w < d3; ++w) {
            out[i * strides[0] + c * strides[1] + h * s2 + w * s3] += bias[c];
          }
  }
};

/// Thread-safe cache from a key of shape/stride/parameter integers to a value.
template <typename Value> class PrimitiveCache {
public:
  template <typename Make> std::shared_ptr<Value> get(const std::vector<int64_t> &key,
                                                      Make make) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = entries.find(key);
    if (it != entries.end())
      return it->second;
    auto value = std::make_shared<Value>(make());
    entries.emplace(key, value);
    return value;
  }

private:
  std::mutex mutex;
  std::map<std::vector<int64_t>, std::shared_ptr<Value>> entries;
};

/// This thread's scratchpad memory for a primitive whose descriptor asks for `desc`.
dnnl::memory scratchpadFor(const dnnl::memory::desc &desc) {
  thread_local std::vector<char> buffer;
  size_t bytes = desc.get_size();
  if (buffer.size() < bytes)
    buffer.resize(bytes);
  return dnnl::memory(desc, cpuEngine(), buffer.data());
}

float *dataOf(const void *desc) {
  auto *d = static_cast<const AgMemRef2DF32 *>(desc); // The prefix is rank-independent.
  return d->aligned + d->offset;
}

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

/// Naive batched matmul on strided views; the fallback if oneDNN refuses.
void referenceMatmul(int64_t batch, int64_t m, int64_t n, int64_t k, const float *a,
                     const int64_t *as, const float *b, const int64_t *bs, float *c,
                     const int64_t *cs, float beta) {
  for (int64_t p = 0; p < batch; ++p)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        float acc = 0;
        for (int64_t l = 0; l < k; ++l)
          acc += a[p * as[0] + i * as[1] + l * as[2]] * b[p * bs[0] + l * bs[1] + j * bs[2]];
        float &out = c[p * cs[0] + i * cs[1] + j * cs[2]];
        out = beta == 0.0f ? acc : out + acc;
      }
}

/// C = A @ B (+ C) for rank-2 or rank-3 strided operands given as sizes/strides.
void runMatmul(const Dims &aSizes, const Dims &aStrides, const float *a,
               const Dims &bSizes, const Dims &bStrides, const float *b,
               const Dims &cSizes, const Dims &cStrides, float *c, float beta,
               const PostOps &post = PostOps()) {
  threadStream(); // sets this thread's team size before a primitive is created
  size_t rank = aSizes.size();
  int64_t m = cSizes[rank - 2], n = cSizes[rank - 1], k = aSizes[rank - 1];
  int64_t batch = rank == 3 ? cSizes[0] : 1;
  if (m == 0 || n == 0 || batch == 0)
    return;
  if (k == 0) { // Empty sum: C = beta * C.
    if (beta == 0.0f)
      for (int64_t p = 0; p < batch; ++p)
        for (int64_t i = 0; i < m; ++i)
          for (int64_t j = 0; j < n; ++j)
            c[(rank == 3 ? p * cStrides[0] : 0) + i * cStrides[rank - 2] +
              j * cStrides[rank - 1]] = 0.0f;
    post.applyTo(c, cSizes, cStrides); // post-ops come with rank 2 only
    return;
  }
  struct MatmulPlan {
    dnnl::matmul::primitive_desc pd;
    dnnl::matmul prim;
  };
  static PrimitiveCache<MatmulPlan> cache;
  std::vector<int64_t> key{(int64_t)rank, beta != 0.0f, post.post};
  for (const Dims *d : {&aSizes, &aStrides, &bSizes, &bStrides, &cSizes, &cStrides})
    key.insert(key.end(), d->begin(), d->end());
  // A (1, N) row of biases, broadcast along M.
  dnnl::memory::desc biasDesc({1, n}, dnnl::memory::data_type::f32, Dims{n, 1});
  try {
    auto plan = cache.get(key, [&] {
      dnnl::matmul::desc desc =
          post.hasBias()
              ? dnnl::matmul::desc(stridedDesc(aSizes, aStrides), stridedDesc(bSizes, bStrides),
                                   biasDesc, stridedDesc(cSizes, cStrides))
              : dnnl::matmul::desc(stridedDesc(aSizes, aStrides), stridedDesc(bSizes, bStrides),
                                   stridedDesc(cSizes, cStrides));
      dnnl::matmul::primitive_desc pd(desc, betaAttr(beta), cpuEngine());
      return MatmulPlan{pd, dnnl::matmul(pd)};
    });
    dnnl::engine &eng = cpuEngine();
    dnnl::memory am(stridedDesc(aSizes, aStrides), eng, const_cast<float *>(a));
    dnnl::memory bm(stridedDesc(bSizes, bStrides), eng, const_cast<float *>(b));
    dnnl::memory cm(stridedDesc(cSizes, cStrides), eng, c);
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, am},
        {DNNL_ARG_WEIGHTS, bm},
        {DNNL_ARG_DST, cm},
        {DNNL_ARG_SCRATCHPAD, scratchpadFor(plan->pd.scratchpad_desc())}};
    if (post.hasBias())
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(biasDesc, eng, const_cast<float *>(post.bias)));
    plan->prim.execute(threadStream(), args);
    threadStream().wait();
  } catch (const dnnl::error &) {
    int64_t as[3] = {rank == 3 ? aStrides[0] : 0, aStrides[rank - 2], aStrides[rank - 1]};
    int64_t bs[3] = {rank == 3 ? bStrides[0] : 0, bStrides[rank - 2], bStrides[rank - 1]};
    int64_t cs[3] = {rank == 3 ? cStrides[0] : 0, cStrides[rank - 2], cStrides[rank - 1]};
    referenceMatmul(batch, m, n, k, a, as, b, bs, c, cs, beta);
    post.applyTo(c, cSizes, cStrides);
  }
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// A convolution primitive plus the reorders between the caller's strided NCHW/OIHW
/// buffers and the layouts oneDNN picked.
struct ConvPlan {
  dnnl::convolution_forward::primitive_desc pd;
  dnnl::convolution_forward conv;
  dnnl::memory::desc src, weights, dst; // the caller's layouts
};

void referenceConv(const Dims &xs, const Dims &xst, const float *x, const Dims &ws,
                   const Dims &wst, const float *w, const Dims &ys, const Dims &yst,
                   float *y, int64_t sh, int64_t sw, int64_t dh, int64_t dw, float beta) {
  for (int64_t n = 0; n < ys[0]; ++n)
    for (int64_t o = 0; o < ys[1]; ++o)
      for (int64_t oh = 0; oh < ys[2]; ++oh)
        for (int64_t ow = 0; ow < ys[3]; ++ow) {
          float acc = 0;
          for (int64_t c = 0; c < ws[1]; ++c)
            for (int64_t kh = 0; kh < ws[2]; ++kh)
              for (int64_t kw = 0; kw < ws[3]; ++kw)
                acc += x[n * xst[0] + c * xst[1] + (oh * sh + kh * dh) * xst[2] +
                         (ow * sw + kw * dw) * xst[3]] *
                       w[o * wst[0] + c * wst[1] + kh * wst[2] + kw * wst[3]];
          float &out = y[n * yst[0] + o * yst[1] + oh * yst[2] + ow * yst[3]];
          out = beta == 0.0f ? acc : out + acc;
        }
}

/// Scratch buffers reused across calls on one thread.
float *scratch(std::vector<float> &buffer, size_t bytes) {
  if (buffer.size() * sizeof(float) < bytes)
    buffer.resize(bytes / sizeof(float) + 16);
  return buffer.data();
}

void runConv(AgMemRef4DF32 *x, AgMemRef4DF32 *w, AgMemRef4DF32 *y, int64_t strideH,
             int64_t strideW, int64_t dilationH, int64_t dilationW, float beta,
             const PostOps &post);

} // namespace

extern "C" {

void _mlir_ciface_ag_onednn_matmul_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                       AgMemRef2DF32 *c, float beta) {
  runMatmul(sizesOf<2>(a), stridesOf<2>(a), dataOf(a), sizesOf<2>(b), stridesOf<2>(b),
            dataOf(b), sizesOf<2>(c), stridesOf<2>(c), dataOf(c), beta);
}

void _mlir_ciface_ag_onednn_batch_matmul_f32(AgMemRef3DF32 *a, AgMemRef3DF32 *b,
                                             AgMemRef3DF32 *c, float beta) {
  runMatmul(sizesOf<3>(a), stridesOf<3>(a), dataOf(a), sizesOf<3>(b), stridesOf<3>(b),
            dataOf(b), sizesOf<3>(c), stridesOf<3>(c), dataOf(c), beta);
}

void _mlir_ciface_ag_onednn_matmul_post_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                            AgMemRef2DF32 *c, AgMemRef1DF32 *bias,
                                            float beta, int64_t post) {
  runMatmul(sizesOf<2>(a), stridesOf<2>(a), dataOf(a), sizesOf<2>(b), stridesOf<2>(b),
            dataOf(b), sizesOf<2>(c), stridesOf<2>(c), dataOf(c), beta,
            PostOps(post, bias));
}

void _mlir_ciface_ag_onednn_conv2d_f32(AgMemRef4DF32 *x, AgMemRef4DF32 *w,
                                       AgMemRef4DF32 *y, int64_t strideH,
                                       int64_t strideW, int64_t dilationH,
                                       int64_t dilationW, float beta) {
  runConv(x, w, y, strideH, strideW, dilationH, dilationW, beta, PostOps());
}

void _mlir_ciface_ag_onednn_conv2d_post_f32(AgMemRef4DF32 *x, AgMemRef4DF32 *w,
                                            AgMemRef4DF32 *y, AgMemRef1DF32 *bias,
                                            int64_t strideH, int64_t strideW,
                                            int64_t dilationH, int64_t dilationW,
                                            float beta, int64_t post) {
  runConv(x, w, y, strideH, strideW, dilationH, dilationW, beta, PostOps(post, bias));
}

} // extern "C"

namespace {

void runConv(AgMemRef4DF32 *x, AgMemRef4DF32 *w, AgMemRef4DF32 *y, int64_t strideH,
             int64_t strideW, int64_t dilationH, int64_t dilationW, float beta,
             const PostOps &post) {
  threadStream(); // sets this thread's team size before a primitive is created
  Dims xs = sizesOf<4>(x), xst = stridesOf<4>(x), ws = sizesOf<4>(w),
       wst = stridesOf<4>(w), ys = sizesOf<4>(y), yst = stridesOf<4>(y);
  auto hasZero = [](const Dims &d) { return std::find(d.begin(), d.end(), 0) != d.end(); };
  if (hasZero(ys))
    return;
  if (hasZero(xs) || hasZero(ws)) { // No input channels: an empty sum per output.
    referenceConv(xs, xst, dataOf(x), ws, wst, dataOf(w), ys, yst, dataOf(y), strideH,
                  strideW, dilationH, dilationW, beta);
    post.applyTo(dataOf(y), ys, yst);
    return;
  }
  static PrimitiveCache<ConvPlan> cache;
  std::vector<int64_t> key{strideH, strideW, dilationH, dilationW, beta != 0.0f, post.post};
  dnnl::memory::desc biasDesc({ys[1]}, dnnl::memory::data_type::f32, Dims{1});
  for (const Dims *d : {&xs, &xst, &ws, &wst, &ys, &yst})
    key.insert(key.end(), d->begin(), d->end());
  try {
    auto plan = cache.get(key, [&] {
      using tag = dnnl::memory::format_tag;
      auto any = [](const Dims &sizes) {
        return dnnl::memory::desc(sizes, dnnl::memory::data_type::f32, tag::any);
      };
      // oneDNN counts dilation from 0 (no dilation), torch and linalg from 1.
      auto desc =
          post.hasBias()
              ? dnnl::convolution_forward::desc(
                    dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                    any(xs), any(ws), biasDesc, any(ys), {strideH, strideW},
                    {dilationH - 1, dilationW - 1}, {0, 0}, {0, 0})
              : dnnl::convolution_forward::desc(
                    dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                    any(xs), any(ws), any(ys), {strideH, strideW},
                    {dilationH - 1, dilationW - 1}, {0, 0}, {0, 0});
      dnnl::convolution_forward::primitive_desc pd(desc, betaAttr(beta),
                                                   cpuEngine());
      return ConvPlan{pd, dnnl::convolution_forward(pd), stridedDesc(xs, xst),
                      stridedDesc(ws, wst), stridedDesc(ys, yst)};
    });
    dnnl::engine &eng = cpuEngine();
    dnnl::stream &s = threadStream();
    thread_local std::vector<float> srcBuf, weiBuf, dstBuf;
    // Moves `user` into the primitive's layout when they differ.
    auto in = [&](const dnnl::memory::desc &userDesc, float *data,
                  const dnnl::memory::desc &want, std::vector<float> &buf) {
      dnnl::memory user(userDesc, eng, data);
      if (userDesc == want)
        return user;
      dnnl::memory mem(want, eng, scratch(buf, want.get_size()));
      dnnl::reorder(user, mem).execute(s, user, mem);
      return mem;
    };
    dnnl::memory src = in(plan->src, dataOf(x), plan->pd.src_desc(), srcBuf);
    dnnl::memory wei = in(plan->weights, dataOf(w), plan->pd.weights_desc(), weiBuf);
    bool dstDirect = plan->dst == plan->pd.dst_desc();
    dnnl::memory dst = dstDirect ? dnnl::memory(plan->dst, eng, dataOf(y))
                       : beta != 0.0f
                           ? in(plan->dst, dataOf(y), plan->pd.dst_desc(), dstBuf)
                           : dnnl::memory(plan->pd.dst_desc(), eng,
                                          scratch(dstBuf, plan->pd.dst_desc().get_size()));
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, src},
        {DNNL_ARG_WEIGHTS, wei},
        {DNNL_ARG_DST, dst},
        {DNNL_ARG_SCRATCHPAD, scratchpadFor(plan->pd.scratchpad_desc())}};
    if (post.hasBias())
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(biasDesc, eng, const_cast<float *>(post.bias)));
    plan->conv.execute(s, args);
    if (!dstDirect) {
      dnnl::memory user(plan->dst, eng, dataOf(y));
      dnnl::reorder(dst, user).execute(s, dst, user);
    }
    s.wait();
  } catch (const dnnl::error &) {
    referenceConv(xs, xst, dataOf(x), ws, wst, dataOf(w), ys, yst, dataOf(y), strideH,
                  strideW, dilationH, dilationW, beta);
    post.applyTo(dataOf(y), ys, yst);
  }
}

} // namespace

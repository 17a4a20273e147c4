//===- DataMovementTest.cpp - shape, slicing, indexing and joining ops ----===//
//
// reshape, transpose, broadcast_to, slice (negative steps), insert_slice,
// dynamic_index / dynamic_slice / dynamic_update (negative indices wrap, out-of-range
// ones clamp), concatenate and stack, on every dtype, with 0-d and zero-size shapes.
// The harness also checks that no op writes into its arguments (value semantics).
//
//===----------------------------------------------------------------------===//

#include "TestUtils.h"

#include <cstring>
#include <functional>

using namespace agtest;

namespace {

size_t elemSize(DType d) { return mlir::ag::itemSize(d); }

void copyElement(HostArray &dst, int64_t di, const HostArray &src, int64_t si) {
  size_t n = elemSize(src.dtype);
  std::memcpy(static_cast<char *>(dst.data) + di * n,
              static_cast<const char *>(src.data) + si * n, n);
}

/// out[idx] = src[sourceOf(idx)] for every multi-index of `shape`.
HostArray gather(const HostArray &src, const Shape &shape,
                 const std::function<int64_t(const std::vector<int64_t> &)> &sourceOf) {
  HostArray r = zeros(src.dtype, shape);
  for (int64_t i = 0; i < numel(shape); ++i)
    copyElement(r, i, src, sourceOf(unravel(i, shape)));
  return r;
}

/// Random contents with distinct-looking values (specials for floats).
HostArray input(DType d, const Shape &shape, Rng &rng) {
  HostArray a = randomArray(d, shape, rng, -100, 100);
  if (isFloat(d))
    sprinkle(a, rng, 0.1, {nan(), -inf(), -0.0});
  return a;
}

std::string prefix(const HostArray &a) {
  return std::string(dtypeName(a.dtype)) + " " + shapeStr(a.shape) + " ";
}

/// Data movement depends on the element size only: int32 (like float32) and int64 (like
/// float64) run every third case of the shape lists.
bool sampled(DType d, size_t caseIndex) { return !isInt(d) || caseIndex % 3 == 0; }

//===----------------------------------------------------------------------===//
// reshape, transpose, broadcast_to
//===----------------------------------------------------------------------===//

TEST(AgReshape, AllDTypesAndShapes) {
  Rng rng(1);
  Batch batch("ag.reshape");
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{2, 3}, {6}},    {{6}, {3, 2}},       {{2, 3, 4}, {4, 6}}, {{}, {1, 1}},
      {{1}, {}},        {{1, 1, 1}, {}},     {{0, 3}, {3, 0}},    {{0}, {2, 0, 5}},
      {{2, 3}, {2, 3}}, {{4, 1, 3}, {2, 6}}, {{24}, {2, 3, 4}},   {{2, 3, 4}, {24}},
      {{5, 1}, {1, 5}},
  };
  for (DType d : kAll)
    for (size_t k = 0; k < cases.size(); ++k) {
      if (!sampled(d, k))
        continue;
      const auto &[from, to] = cases[k];
      HostArray x = input(d, from, rng);
      HostArray expected = gather(x, to, [&](const std::vector<int64_t> &idx) {
        return ravel(idx, to); // row-major order is preserved
      });
      batch.addOp(prefix(x) + "-> " + shapeStr(to), {x},
                  "ag.reshape %a0 : " + ty(x) + " -> " + ty(expected), expected);
    }
  batch.run();
}

TEST(AgTranspose, AllPermutations) {
  Rng rng(2);
  Batch batch("ag.transpose");
  std::vector<std::pair<Shape, std::vector<int64_t>>> cases = {
      {{3, 5}, {1, 0}},  {{3, 5}, {0, 1}},       {{7}, {0}},
      {{}, {}},          {{2, 0, 3}, {2, 0, 1}}, {{2, 1, 3, 2}, {3, 1, 0, 2}},
      {{17, 9}, {1, 0}},
  };
  std::vector<int64_t> perm = {0, 1, 2};
  do
    cases.push_back({{2, 3, 4}, perm});
  while (std::next_permutation(perm.begin(), perm.end()));
  for (DType d : kAll)
    for (size_t k = 0; k < cases.size(); ++k) {
      if (!sampled(d, k))
        continue;
      const auto &[shape, p] = cases[k];
      HostArray x = input(d, shape, rng);
      Shape out;
      for (int64_t axis : p)
        out.push_back(shape[axis]);
      HostArray expected = gather(x, out, [&](const std::vector<int64_t> &idx) {
        std::vector<int64_t> src(shape.size());
        for (size_t i = 0; i < p.size(); ++i)
          src[p[i]] = idx[i];
        return ravel(src, shape);
      });
      batch.addOp(prefix(x) + "perm [" + joinInts(p) + "]", {x},
                  "ag.transpose %a0 {permutation = " + i64Array(p) + "} : " + ty(x) +
                      " -> " + ty(expected),
                  expected);
    }
  batch.run();
}

TEST(AgBroadcastTo, AllDTypesAndShapes) {
  Rng rng(3);
  Batch batch("ag.broadcast_to");
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{}, {2, 3}},
      {{3}, {2, 3}},
      {{3, 1}, {2, 3, 4}},
      {{1}, {0}},
      {{1, 1}, {5, 1, 3}},
      {{2, 3}, {2, 3}},
      {{0, 3}, {2, 0, 3}},
      {{1, 0}, {4, 0}},
      {{}, {}},
      {{1, 4, 1}, {3, 4, 5}},
      {{}, {1}},
      {{5}, {1, 1, 5}},
  };
  for (DType d : kAll)
    for (size_t k = 0; k < cases.size(); ++k) {
      if (!sampled(d, k))
        continue;
      const auto &[from, to] = cases[k];
      HostArray x = input(d, from, rng);
      HostArray expected = gather(x, to, [&](const std::vector<int64_t> &idx) {
        return broadcastSource(ravel(idx, to), to, from);
      });
      batch.addOp(prefix(x) + "-> " + shapeStr(to), {x},
                  "ag.broadcast_to %a0 : " + ty(x) + " -> " + ty(expected), expected);
    }
  batch.run();
}

//===----------------------------------------------------------------------===//
// slice, insert_slice
//===----------------------------------------------------------------------===//

struct Window {
  Shape shape; // operand (slice) or destination (insert_slice)
  std::vector<int64_t> starts, steps, counts;
};

const std::vector<Window> kWindows = {
    {{10}, {9}, {-1}, {10}}, // full reverse
    {{10}, {1}, {3}, {3}},   // 1, 4, 7
    {{10}, {8}, {-3}, {3}},  // 8, 5, 2
    {{10}, {0}, {1}, {0}},   // empty
    {{10}, {5}, {-2}, {0}},  // empty with a negative step
    {{5}, {4}, {-1}, {1}},   // one element, negative step
    {{6, 7}, {5, 0}, {-1, 2}, {6, 4}},
    {{6, 7}, {1, 6}, {2, -3}, {3, 3}},
    {{2, 3, 4}, {1, 2, 3}, {-1, -1, -1}, {2, 3, 4}},
    {{2, 3, 4}, {0, 1, 0}, {1, 1, 2}, {2, 1, 2}},
    {{}, {}, {}, {}},
    {{0, 3}, {0, 2}, {1, -1}, {0, 3}},
    {{4, 5}, {3, 4}, {-2, -4}, {2, 2}},
    {{40}, {39}, {-2}, {20}},
};

int64_t windowSource(const Window &w, const std::vector<int64_t> &idx) {
  std::vector<int64_t> src(idx.size());
  for (size_t d = 0; d < idx.size(); ++d)
    src[d] = w.starts[d] + idx[d] * w.steps[d];
  return ravel(src, w.shape);
}

std::string windowAttrs(const Window &w) {
  return "{starts = " + i64Array(w.starts) + ", steps = " + i64Array(w.steps) + "}";
}

// A run-time size compiled code cannot allocate (8 TiB) abandons the call at that
// allocation: call() reports it, and the module keeps working (backends/cpu/Memory.cpp).
TEST(AgBroadcastTo, FailedAllocationAbandonsTheCall) {
  std::string text =
      "module {\n" +
      funcText("f", {"tensor<f64>", "tensor<i64>"},
               "%r = ag.broadcast_to %a0 sizes(%a1 : tensor<i64>) : tensor<f64> -> "
               "tensor<?xf64>",
               {"%r"}, {"tensor<?xf64>"}) +
      "}\n";
  std::string error;
  auto module = JitModule::compile(text, error);
  ASSERT_TRUE(module) << error;
  HostArray value = fromDoubles(F64, {}, {1.5});
  for (int i = 0; i < 3; ++i) {
    std::vector<HostArray> results;
    EXPECT_FALSE(module->call("f", {value, fromInts(I64, {}, {int64_t(1) << 40})},
                              results, error));
    EXPECT_NE(error.find("could not allocate"), std::string::npos) << error;
    ASSERT_TRUE(module->call("f", {value, fromInts(I64, {}, {3})}, results, error)) << error;
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(arraysMatch(results[0], fromDoubles(F64, {3}, {1.5, 1.5, 1.5})));
  }
}

TEST(AgSlice, NegativeStepsAndEmptyWindows) {
  Rng rng(4);
  Batch batch("ag.slice");
  for (DType d : kAll)
    for (size_t k = 0; k < kWindows.size(); ++k) {
      if (!sampled(d, k))
        continue;
      const Window &w = kWindows[k];
      HostArray x = input(d, w.shape, rng);
      HostArray expected = gather(x, w.counts, [&](const std::vector<int64_t> &idx) {
        return windowSource(w, idx);
      });
      batch.addOp(prefix(x) + windowAttrs(w), {x},
                  "ag.slice %a0 " + windowAttrs(w) + " : " + ty(x) + " -> " +
                      ty(expected),
                  expected);
    }
  batch.run();
}

HostArray refInsert(const HostArray &src, const HostArray &dest, const Window &w) {
  HostArray r = copyArray(dest);
  for (int64_t i = 0; i < numel(w.counts); ++i)
    copyElement(r, windowSource(w, unravel(i, w.counts)), src, i);
  return r;
}

TEST(AgInsertSlice, NegativeStepsAndEmptyWindows) {
  Rng rng(5);
  Batch batch("ag.insert_slice");
  for (DType d : kAll)
    for (size_t k = 0; k < kWindows.size(); ++k) {
      if (!sampled(d, k))
        continue;
      const Window &w = kWindows[k];
      HostArray dest = input(d, w.shape, rng);
      HostArray src = input(d, w.counts, rng);
      HostArray expected = refInsert(src, dest, w);
      batch.addOp(prefix(dest) + windowAttrs(w), {src, dest},
                  "ag.insert_slice %a0 into %a1 " + windowAttrs(w) + " : " + ty(src) +
                      " into " + ty(dest),
                  expected);
    }
  // The old destination stays usable after the update (no in-place write into it).
  for (DType d : kNumeric) {
    Window w{{6, 7}, {1, 6}, {2, -3}, {3, 3}};
    HostArray dest = input(d, w.shape, rng);
    HostArray src = input(d, w.counts, rng);
    HostArray updated = refInsert(src, dest, w);
    HostArray sum = dispatch(d, [&](auto tag) {
      using T = decltype(tag);
      return mapBinary<T, T>(updated, dest, [](T a, T b) {
        if constexpr (std::is_same_v<T, bool>)
          return a || b;
        else if constexpr (std::is_integral_v<T>)
          return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) +
                                static_cast<std::make_unsigned_t<T>>(b));
        else
          return a + b;
      });
    });
    std::string D = ty(dest);
    std::string body = "%u = ag.insert_slice %a0 into %a1 " + windowAttrs(w) + " : " +
                       ty(src) + " into " + D + "\n%s = ag.add %u, %a1 : " + D + ", " +
                       D + " -> " + D;
    batch.addFunc(prefix(dest) + "update then read the old value", {src, dest}, body,
                  {"%u", "%s", "%a1"}, {updated, sum, dest});
    // Two successive updates of a fresh value (in place is fine there).
    HostArray src2 = input(d, {2}, rng);
    Window w2{{6, 7}, {0, 0}, {5, 1}, {2, 1}};
    Shape src2Shape = {2, 1};
    HostArray src2b = zeros(d, src2Shape);
    std::memcpy(src2b.data, src2.data, 2 * elemSize(d));
    HostArray twice = refInsert(src2b, updated, w2);
    body = "%u = ag.insert_slice %a0 into %a1 " + windowAttrs(w) + " : " + ty(src) +
           " into " + D + "\n%v = ag.insert_slice %a2 into %u " + windowAttrs(w2) +
           " : " + ty(src2b) + " into " + D;
    batch.addFunc(prefix(dest) + "two updates", {src, dest, src2b}, body, {"%v"},
                  {twice});
  }
  batch.run();
}

TEST(AgInsertSlice, OverlappingSelfAssignment) {
  // x[1:] = x[:-1] and x[:-1] = x[1:] (numpy copies the right-hand side first), on an
  // intermediate value (updated in place legitimately) and on a copy of it.
  Rng rng(16);
  Batch batch("x[a:b] = x[c:d]");
  for (DType d : kNumeric) {
    HostArray x = input(d, {8}, rng);
    for (int64_t i = 0; i < 8; ++i)
      if (isFloat(d) && std::isnan(getF(x, i)))
        setF(x, i, 0.25);
    HostArray negx = zeros(d, {8});
    for (int64_t i = 0; i < 8; ++i)
      isFloat(d) ? setF(negx, i, -getF(x, i)) : setI(negx, i, -getI(x, i));
    Window right{{8}, {1}, {1}, {7}}, left{{8}, {0}, {1}, {7}};
    HostArray shiftedRight = refInsert(
        gather(negx, {7}, [](const std::vector<int64_t> &idx) { return idx[0]; }), negx,
        right);
    HostArray shiftedLeft = refInsert(
        gather(negx, {7}, [](const std::vector<int64_t> &idx) { return idx[0] + 1; }),
        negx, left);
    std::string X = ty(x), S = tensorType(d, {7});
    std::string neg = "%y = ag.neg %a0 : " + X + " -> " + X + "\n";
    batch.addFunc(prefix(x) + "y[1:] = y[:-1]", {x},
                  neg + "%s = ag.slice %y " + windowAttrs(left) + " : " + X + " -> " + S +
                      "\n%r = ag.insert_slice %s into %y " + windowAttrs(right) + " : " +
                      S + " into " + X,
                  {"%r"}, {shiftedRight});
    batch.addFunc(prefix(x) + "y[:-1] = y[1:]", {x},
                  neg + "%s = ag.slice %y " + windowAttrs(right) + " : " + X + " -> " +
                      S + "\n%r = ag.insert_slice %s into %y " + windowAttrs(left) +
                      " : " + S + " into " + X,
                  {"%r"}, {shiftedLeft});
    // 2-D: rows shifted down by one, through a strided window.
    HostArray m = input(d, {5, 4}, rng);
    for (int64_t i = 0; i < 20; ++i)
      if (isFloat(d) && std::isnan(getF(m, i)))
        setF(m, i, 0.5);
    HostArray negm = zeros(d, {5, 4});
    for (int64_t i = 0; i < 20; ++i)
      isFloat(d) ? setF(negm, i, -getF(m, i)) : setI(negm, i, -getI(m, i));
    Window src{{5, 4}, {0, 0}, {1, 2}, {4, 2}}, dst{{5, 4}, {1, 0}, {1, 2}, {4, 2}};
    HostArray moved = refInsert(
        gather(negm, {4, 2},
               [&](const std::vector<int64_t> &idx) { return windowSource(src, idx); }),
        negm, dst);
    std::string M = ty(m), W = tensorType(d, {4, 2});
    batch.addFunc(prefix(m) + "y[1:, ::2] = y[:-1, ::2]", {m},
                  "%y = ag.neg %a0 : " + M + " -> " + M + "\n%s = ag.slice %y " +
                      windowAttrs(src) + " : " + M + " -> " + W +
                      "\n%r = ag.insert_slice %s into %y " + windowAttrs(dst) + " : " +
                      W + " into " + M,
                  {"%r"}, {moved});
  }
  batch.run();
}

// Updates whose destination is a function argument (its last use) must copy it: the
// caller's array is not the function's to write (the harness checks every argument).
TEST(AgInsertSlice, DestinationArgumentUnchanged) {
  Rng rng(15);
  Batch batch("ag.insert_slice into an argument");
  for (DType d : kAll)
    for (const Window &w : {kWindows[1], kWindows[2], kWindows[7]}) {
      HostArray dest = input(d, w.shape, rng);
      HostArray src = input(d, w.counts, rng);
      batch.addOp(prefix(dest) + windowAttrs(w), {src, dest},
                  "ag.insert_slice %a0 into %a1 " + windowAttrs(w) + " : " + ty(src) +
                      " into " + ty(dest),
                  refInsert(src, dest, w));
    }
  // x[1:] = x[:-1] on the argument itself.
  for (DType d : kNumeric) {
    HostArray x = fromInts(d, {8}, {1, 2, 3, 4, 5, 6, 7, 8});
    Window right{{8}, {1}, {1}, {7}}, left{{8}, {0}, {1}, {7}};
    HostArray expected = fromInts(d, {8}, {1, 1, 2, 3, 4, 5, 6, 7});
    std::string X = ty(x), S = tensorType(d, {7});
    batch.addFunc(prefix(x) + "x[1:] = x[:-1]", {x},
                  "%s = ag.slice %a0 " + windowAttrs(left) + " : " + X + " -> " + S +
                      "\n%r = ag.insert_slice %s into %a0 " + windowAttrs(right) + " : " +
                      S + " into " + X,
                  {"%r"}, {expected});
  }
  batch.run();
}

//===----------------------------------------------------------------------===//
// dynamic_index, dynamic_slice, dynamic_update
//===----------------------------------------------------------------------===//

/// numpy's wrap of negative indices, then ag's clamp into [0, size - window].
int64_t normalizeStart(int64_t i, int64_t size, int64_t window) {
  if (i < 0)
    i += size;
  return std::max<int64_t>(0, std::min<int64_t>(i, size - window));
}

const std::vector<int64_t> kIndexValues = {
    0, 1, 2, -1, -2, 3, 7, 100, -5, -8, -100, 2147483647, -2147483647 - 1};

HostArray indexScalar(DType d, int64_t v) { return fromInts(d, {}, {v}); }

TEST(AgDynamicIndex, WrapAndClamp) {
  Rng rng(6);
  Batch batch("ag.dynamic_index");
  struct Case {
    Shape shape;
    size_t numIndices;
  };
  const std::vector<Case> cases = {{{5, 4, 3}, 1}, {{5, 4, 3}, 2}, {{5, 4, 3}, 3},
                                   {{8}, 1},       {{3, 0}, 1},    {{1, 6}, 1}};
  for (DType d : kAll)
    for (const Case &c : cases) {
      HostArray x = input(d, c.shape, rng);
      Shape out(c.shape.begin() + c.numIndices, c.shape.end());
      for (DType idxType : kInt)
        for (int trial = 0; trial < 4; ++trial) {
          std::vector<HostArray> args = {x};
          std::vector<int64_t> pos;
          std::string types;
          for (size_t k = 0; k < c.numIndices; ++k) {
            int64_t v = kIndexValues[rng.integer(0, kIndexValues.size() - 1)];
            if (idxType == I64 && rng.coin(0.2))
              v = std::vector<int64_t>{
                  int64_t(1) << 40, -(int64_t(1) << 40),
                  std::numeric_limits<int64_t>::max(),
                  std::numeric_limits<int64_t>::min()}[rng.integer(0, 3)];
            args.push_back(indexScalar(idxType, v));
            pos.push_back(normalizeStart(v, c.shape[k], 1));
            types += ", " + tensorType(idxType, {});
          }
          HostArray expected = gather(x, out, [&](const std::vector<int64_t> &idx) {
            std::vector<int64_t> full = pos;
            full.insert(full.end(), idx.begin(), idx.end());
            return ravel(full, c.shape);
          });
          std::string operands;
          for (size_t k = 0; k < c.numIndices; ++k)
            operands += (k ? ", %a" : "%a") + std::to_string(k + 1);
          std::string desc = prefix(x) + "[";
          for (size_t k = 0; k < c.numIndices; ++k)
            desc += (k ? ", " : "") + std::to_string(getI(args[k + 1], 0));
          batch.addOp(desc + "] (" + dtypeName(idxType) + " indices)", args,
                      "ag.dynamic_index %a0[" + operands + "] : " + ty(x) + types +
                          " -> " + ty(expected),
                      expected);
        }
    }
  batch.run();
}

TEST(AgDynamicSlice, WrapAndClampWindow) {
  Rng rng(7);
  Batch batch("ag.dynamic_slice");
  struct Case {
    Shape shape, window; // window: result shape
    size_t numStarts;
  };
  const std::vector<Case> cases = {
      {{8, 5}, {3, 5}, 1}, {{8, 5}, {1, 5}, 1},       {{8, 5}, {8, 5}, 1},
      {{8, 5}, {0, 5}, 1}, {{6, 7, 2}, {2, 3, 2}, 2}, {{9}, {4}, 1},
      {{4, 4}, {1, 1}, 2},
  };
  const std::vector<int64_t> starts = {0, 2, 5, 6, 100, -1, -3, -8, -100};
  for (DType d : kAll)
    for (const Case &c : cases) {
      HostArray x = input(d, c.shape, rng);
      for (DType idxType : kInt)
        for (int trial = 0; trial < 4; ++trial) {
          std::vector<HostArray> args = {x};
          std::vector<int64_t> pos;
          std::string types, operands,
              desc = prefix(x) + "window " + shapeStr(c.window) + " at [";
          for (size_t k = 0; k < c.numStarts; ++k) {
            int64_t v = starts[rng.integer(0, starts.size() - 1)];
            args.push_back(indexScalar(idxType, v));
            pos.push_back(normalizeStart(v, c.shape[k], c.window[k]));
            types += ", " + tensorType(idxType, {});
            operands += (k ? ", %a" : "%a") + std::to_string(k + 1);
            desc += (k ? ", " : "") + std::to_string(v);
          }
          HostArray expected = gather(x, c.window, [&](const std::vector<int64_t> &idx) {
            std::vector<int64_t> full = idx;
            for (size_t k = 0; k < pos.size(); ++k)
              full[k] += pos[k];
            return ravel(full, c.shape);
          });
          batch.addOp(desc + "] (" + dtypeName(idxType) + ")", args,
                      "ag.dynamic_slice %a0[" + operands + "] : " + ty(x) + types +
                          " -> " + ty(expected),
                      expected);
        }
    }
  batch.run();
}

TEST(AgDynamicUpdate, WrapAndClamp) {
  Rng rng(8);
  Batch batch("ag.dynamic_update");
  struct Case {
    Shape shape;
    size_t numIndices;
  };
  const std::vector<Case> cases = {{{5, 4, 3}, 1}, {{5, 4, 3}, 2}, {{5, 4, 3}, 3},
                                   {{8}, 1},       {{3, 0}, 1},    {{1, 6}, 1}};
  for (DType d : kAll)
    for (const Case &c : cases) {
      HostArray x = input(d, c.shape, rng);
      Shape srcShape(c.shape.begin() + c.numIndices, c.shape.end());
      for (DType idxType : kInt)
        for (int trial = 0; trial < 4; ++trial) {
          HostArray src = input(d, srcShape, rng);
          std::vector<HostArray> args = {src, copyArray(x)};
          std::vector<int64_t> pos;
          std::string types, operands, desc = prefix(x) + "[";
          for (size_t k = 0; k < c.numIndices; ++k) {
            int64_t v = kIndexValues[rng.integer(0, kIndexValues.size() - 1)];
            args.push_back(indexScalar(idxType, v));
            pos.push_back(normalizeStart(v, c.shape[k], 1));
            types += ", " + tensorType(idxType, {});
            operands += (k ? ", %a" : "%a") + std::to_string(k + 2);
            desc += (k ? ", " : "") + std::to_string(v);
          }
          HostArray expected = copyArray(x);
          for (int64_t i = 0; i < numel(srcShape); ++i) {
            std::vector<int64_t> full = pos, rest = unravel(i, srcShape);
            full.insert(full.end(), rest.begin(), rest.end());
            copyElement(expected, ravel(full, c.shape), src, i);
          }
          batch.addOp(desc + "] = v (" + dtypeName(idxType) + ")", args,
                      "ag.dynamic_update %a0 into %a1[" + operands + "] : " + ty(src) +
                          " into " + ty(x) + types,
                      expected);
        }
    }
  // The old value is still readable after the update.
  for (DType d : kFloat) {
    HostArray x = input(d, {4, 3}, rng), v = input(d, {3}, rng);
    HostArray i = indexScalar(I64, -1);
    HostArray updated = copyArray(x);
    for (int64_t k = 0; k < 3; ++k)
      copyElement(updated, 9 + k, v, k);
    std::string X = ty(x);
    batch.addFunc(
        prefix(x) + "update then return the old value too", {v, x, i},
        "%u = ag.dynamic_update %a0 into %a1[%a2] : " + ty(v) + " into " + X +
            ", tensor<i64>\n%w = ag.dynamic_index %a1[%a2] : " + X + ", tensor<i64> -> " +
            ty(v),
        {"%u", "%w", "%a1"},
        {updated,
         gather(x, {3}, [](const std::vector<int64_t> &idx) { return 9 + idx[0]; }), x});
  }
  batch.run();
}

TEST(AgDynamicUpdate, DestinationArgumentUnchanged) {
  Rng rng(18);
  Batch batch("ag.dynamic_update into an argument");
  for (DType d : kAll) {
    HostArray x = input(d, {4, 3}, rng), v = input(d, {3}, rng);
    for (int64_t index : {1, -1}) {
      HostArray expected = copyArray(x);
      int64_t row = index < 0 ? index + 4 : index;
      for (int64_t k = 0; k < 3; ++k)
        copyElement(expected, row * 3 + k, v, k);
      batch.addOp(prefix(x) + "[" + std::to_string(index) + "] = v",
                  {v, copyArray(x), indexScalar(I64, index)},
                  "ag.dynamic_update %a0 into %a1[%a2] : " + ty(v) + " into " + ty(x) +
                      ", tensor<i64>",
                  expected);
    }
  }
  batch.run();
}

//===----------------------------------------------------------------------===//
// concatenate, stack
//===----------------------------------------------------------------------===//

HostArray refConcat(const std::vector<HostArray> &inputs, int64_t axis) {
  Shape out = inputs[0].shape;
  out[axis] = 0;
  for (const HostArray &a : inputs)
    out[axis] += a.shape[axis];
  HostArray r = zeros(inputs[0].dtype, out);
  for (int64_t i = 0; i < numel(out); ++i) {
    std::vector<int64_t> idx = unravel(i, out);
    for (const HostArray &a : inputs) {
      if (idx[axis] < a.shape[axis]) {
        copyElement(r, i, a, ravel(idx, a.shape));
        break;
      }
      idx[axis] -= a.shape[axis];
    }
  }
  return r;
}

std::string joinOperands(size_t n, size_t first = 0) {
  std::string s;
  for (size_t i = 0; i < n; ++i)
    s += (i ? ", %a" : "%a") + std::to_string(first + i);
  return s;
}

std::string joinTypes(const std::vector<HostArray> &xs) {
  std::string s;
  for (size_t i = 0; i < xs.size(); ++i)
    s += (i ? ", " : "") + ty(xs[i]);
  return s;
}

TEST(AgConcatenate, AxesAndEmptyInputs) {
  Rng rng(9);
  Batch batch("ag.concatenate");
  struct Case {
    std::vector<Shape> shapes;
    int64_t axis;
  };
  const std::vector<Case> cases = {
      {{{2, 3, 4}, {1, 3, 4}}, 0},
      {{{2, 3, 4}, {2, 2, 4}}, 1},
      {{{2, 3, 4}, {2, 3, 1}, {2, 3, 5}}, 2},
      {{{3}, {0}, {4}}, 0},
      {{{0, 2}, {0, 2}}, 0},
      {{{2, 0}, {2, 3}}, 1},
      {{{5, 2}}, 0},
      {{{1}, {1}, {1}, {1}}, 0},
      {{{0, 3}, {2, 3}, {0, 3}}, 0},
  };
  for (DType d : kAll) {
    for (const Case &c : cases) {
      std::vector<HostArray> xs;
      for (const Shape &s : c.shapes)
        xs.push_back(input(d, s, rng));
      HostArray expected = refConcat(xs, c.axis);
      batch.addOp(std::string(dtypeName(d)) + " " + std::to_string(xs.size()) +
                      " inputs, axis " + std::to_string(c.axis),
                  xs,
                  "ag.concatenate " + joinOperands(xs.size()) +
                      " {axis = " + std::to_string(c.axis) +
                      " : i64} : " + joinTypes(xs) + " -> " + ty(expected),
                  expected);
    }
    // The same value joined with itself.
    HostArray x = input(d, {2, 3}, rng);
    HostArray twice = refConcat({x, x}, 1);
    batch.addOp(std::string(dtypeName(d)) + " x with itself", {x},
                "ag.concatenate %a0, %a0 {axis = 1 : i64} : " + ty(x) + ", " + ty(x) +
                    " -> " + ty(twice),
                twice);
  }
  batch.run();
}

HostArray refStack(const std::vector<HostArray> &inputs, int64_t axis) {
  Shape out = inputs[0].shape;
  out.insert(out.begin() + axis, (int64_t)inputs.size());
  HostArray r = zeros(inputs[0].dtype, out);
  for (int64_t i = 0; i < numel(out); ++i) {
    std::vector<int64_t> idx = unravel(i, out);
    int64_t which = idx[axis];
    idx.erase(idx.begin() + axis);
    copyElement(r, i, inputs[which], ravel(idx, inputs[which].shape));
  }
  return r;
}

TEST(AgStack, AxesAndShapes) {
  Rng rng(10);
  Batch batch("ag.stack");
  struct Case {
    Shape shape;
    size_t count;
  };
  const std::vector<Case> cases = {
      {{}, 3}, {{4}, 2}, {{2, 3}, 3}, {{0, 2}, 2}, {{3, 1}, 1}};
  for (DType d : kAll) {
    for (const Case &c : cases)
      for (int64_t axis = 0; axis <= (int64_t)c.shape.size(); ++axis) {
        std::vector<HostArray> xs;
        for (size_t i = 0; i < c.count; ++i)
          xs.push_back(input(d, c.shape, rng));
        HostArray expected = refStack(xs, axis);
        batch.addOp(std::string(dtypeName(d)) + " " + std::to_string(c.count) + " x " +
                        shapeStr(c.shape) + ", axis " + std::to_string(axis),
                    xs,
                    "ag.stack " + joinOperands(xs.size()) +
                        " {axis = " + std::to_string(axis) +
                        " : i64} : " + joinTypes(xs) + " -> " + ty(expected),
                    expected);
      }
    HostArray x = input(d, {3}, rng);
    HostArray twice = refStack({x, x}, 1);
    batch.addOp(std::string(dtypeName(d)) + " x with itself", {x},
                "ag.stack %a0, %a0 {axis = 1 : i64} : " + ty(x) + ", " + ty(x) + " -> " +
                    ty(twice),
                twice);
  }
  batch.run();
}

//===----------------------------------------------------------------------===//
// Views feeding computations
//===----------------------------------------------------------------------===//

TEST(AgDataMovement, ViewsFeedingOps) {
  Rng rng(12);
  Batch batch("views");
  for (DType d : kNumeric) {
    // transpose -> reshape (a non-contiguous value reshaped), then add a reversed slice.
    HostArray x = input(d, {2, 3, 4}, rng);
    for (int64_t i = 0; i < x.numElements(); ++i)
      if (isFloat(d) && std::isnan(getF(x, i)))
        setF(x, i, 1.5);
    std::vector<int64_t> p = {2, 0, 1};
    HostArray t = gather(x, {4, 2, 3}, [&](const std::vector<int64_t> &idx) {
      return ravel({idx[1], idx[2], idx[0]}, x.shape);
    });
    HostArray flat = gather(t, {4, 6}, [&](const std::vector<int64_t> &idx) {
      return ravel(idx, {4, 6});
    });
    Window w{{4, 6}, {3, 5}, {-1, -1}, {4, 6}};
    HostArray rev = gather(flat, {4, 6}, [&](const std::vector<int64_t> &idx) {
      return windowSource(w, idx);
    });
    HostArray sum = zeros(d, {4, 6});
    for (int64_t i = 0; i < 24; ++i) {
      if (isFloat(d))
        setF(sum, i, getF(flat, i) + getF(rev, i));
      else
        setI(sum, i, getI(flat, i) + getI(rev, i));
    }
    std::string body =
        "%t = ag.transpose %a0 {permutation = array<i64: 2, 0, 1>} : " + ty(x) + " -> " +
        ty(t) + "\n%f = ag.reshape %t : " + ty(t) + " -> " + ty(flat) +
        "\n%r = ag.slice %f " + windowAttrs(w) + " : " + ty(flat) + " -> " + ty(rev) +
        "\n%s = ag.add %f, %r : " + ty(flat) + ", " + ty(rev) + " -> " + ty(sum);
    batch.addFunc(std::string(dtypeName(d)) + " transpose/reshape/reverse/add", {x}, body,
                  {"%s", "%t"}, {sum, t});
  }
  batch.run();
}

} // namespace

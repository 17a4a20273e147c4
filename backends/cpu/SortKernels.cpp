//===- SortKernels.cpp - numpy 1.24's sorting algorithms for compiled code ===//
//
// ag.sort, ag.argsort, ag.partition, ag.argpartition, ag.order_statistics and
// ag.searchsorted call these (ag/Abi/ag_abi.h). Which of two equal
// elements comes first is decided by the algorithm, and for an unstable algorithm it is
// part of numpy's result: np.argsort([1, 0, 1, ...]) must give numpy's indices, not
// just some indices that sort. So these are numpy 1.24's algorithms step for step
// (numpy/core/src/npysort: quicksort.cpp, npysort_heapsort.h), rewritten here:
//  - "quicksort" is numpy's introsort: median-of-3 partitioning around the middle
//    element, the larger part pushed on a stack, insertion sort for parts of at most 16
//    elements, and heapsort for a part once the depth budget 2 * floor(log2 n) is spent;
//  - "heapsort" is numpy's bottom-up-indexed heapsort;
//  - "stable" (and "mergesort") may use any stable algorithm: stability fixes the order
//    of ties completely (numpy uses timsort or radix sort; std::stable_sort gives the
//    same result);
//  - partitioning is numpy's introselect (selection.cpp): median-of-3 quickselect with
//    a median-of-medians-of-5 fallback, an O(n k) selection for small kth, numpy's
//    shortcut for the last element, and its stack of pivots across several kth;
//  - order statistics (np.median, np.percentile, np.quantile) need only the values at
//    kth, which any selection finds: see orderStatistics;
//  - searchsorted is numpy's binary search, which starts each key from the previous
//    key's bounds (that decides its answer when `a` is not sorted).
// The order is numpy's `<` with NaNs after everything (numpy's FLOAT_LT), and each lane
// is copied into a contiguous buffer, sorted and copied back, as numpy's sort does for
// non-contiguous lanes.
//
// One difference remains: numpy 1.24 sorts float32 and int32 values (np.sort, not
// argsort) on AVX-512 machines with a vectorised quicksort whose order of equal floats
// is its own; equal values are equal, so only the sign of zeros among 0.0 and -0.0 (and
// NaN payloads, which numpy rewrites to the default NaN there) can differ from it.
//
//===----------------------------------------------------------------------===//

#include "ag/Abi/ag_abi.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace {

/// numpy's `<` for sorting: NaN is larger than everything else (npysort_common.h).
template <typename T> inline bool lessThan(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a < b || (b != b && a == a);
  else
    return a < b;
}

/// floor(log2(n)) for n >= 1 (numpy's npy_get_msb), 0 for n <= 1.
int mostSignificantBit(uint64_t n) {
  int depth = 0;
  while (n >>= 1)
    ++depth;
  return depth;
}

// The value sorts work on `T *` directly, the index sorts on indices into `v`; both
// follow the same steps. `Key` reads the value an entry stands for.
template <typename T> struct Direct {
  using Entry = T;
  static T key(T e) { return e; }
};
template <typename T> struct Indirect {
  using Entry = int64_t;
  const T *v;
  T key(int64_t e) const { return v[e]; }
};

template <typename Access>
void heapsort(const Access &acc, typename Access::Entry *start, int64_t n) {
  using Entry = typename Access::Entry;
  Entry *a = start - 1; // heap indexing from 1
  int64_t i, j, l;
  Entry tmp;
  for (l = n >> 1; l > 0; --l) {
    tmp = a[l];
    for (i = l, j = l << 1; j <= n;) {
      if (j < n && lessThan(acc.key(a[j]), acc.key(a[j + 1])))
        j += 1;
      if (lessThan(acc.key(tmp), acc.key(a[j]))) {
        a[i] = a[j];
        i = j;
        j += j;
      } else {
        break;
      }
    }
    a[i] = tmp;
  }
  for (; n > 1;) {
    tmp = a[n];
    a[n] = a[1];
    n -= 1;
    for (i = 1, j = 2; j <= n;) {
      if (j < n && lessThan(acc.key(a[j]), acc.key(a[j + 1])))
        j++;
      if (lessThan(acc.key(tmp), acc.key(a[j]))) {
        a[i] = a[j];
        i = j;
        j += j;
      } else {
        break;
      }
    }
    a[i] = tmp;
  }
}

constexpr int64_t kSmallQuicksort = 15; // parts of at most 16 elements: insertion sort
constexpr int kStackSize = 128;         // 2 pointers per level, at most 64 levels

template <typename Access>
void introsort(const Access &acc, typename Access::Entry *start, int64_t num) {
  using Entry = typename Access::Entry;
  Entry *pl = start;
  Entry *pr = pl + num - 1;
  Entry *stack[kStackSize];
  Entry **sptr = stack;
  int depth[kStackSize];
  int *psdepth = depth;
  int cdepth = mostSignificantBit(num) * 2;
  Entry *pm, *pi, *pj, *pk;
  for (;;) {
    if (cdepth < 0) {
      heapsort(acc, pl, pr - pl + 1);
    } else {
      while ((pr - pl) > kSmallQuicksort) {
        pm = pl + ((pr - pl) >> 1);
        if (lessThan(acc.key(*pm), acc.key(*pl)))
          std::swap(*pm, *pl);
        if (lessThan(acc.key(*pr), acc.key(*pm)))
          std::swap(*pr, *pm);
        if (lessThan(acc.key(*pm), acc.key(*pl)))
          std::swap(*pm, *pl);
        auto vp = acc.key(*pm);
        pi = pl;
        pj = pr - 1;
        std::swap(*pm, *pj);
        for (;;) {
          do
            ++pi;
          while (lessThan(acc.key(*pi), vp));
          do
            --pj;
          while (lessThan(vp, acc.key(*pj)));
          if (pi >= pj)
            break;
          std::swap(*pi, *pj);
        }
        pk = pr - 1;
        std::swap(*pi, *pk);
        // Push the larger part, go on with the smaller one.
        if (pi - pl < pr - pi) {
          *sptr++ = pi + 1;
          *sptr++ = pr;
          pr = pi - 1;
        } else {
          *sptr++ = pl;
          *sptr++ = pi - 1;
          pl = pi + 1;
        }
        *psdepth++ = --cdepth;
      }
      for (pi = pl + 1; pi <= pr; ++pi) {
        Entry e = *pi;
        auto vp = acc.key(e);
        pj = pi;
        pk = pi - 1;
        while (pj > pl && lessThan(vp, acc.key(*pk)))
          *pj-- = *pk--;
        *pj = e;
      }
    }
    if (sptr == stack)
      break;
    pr = *(--sptr);
    pl = *(--sptr);
    cdepth = *(--psdepth);
  }
}

template <typename Access>
void sortEntries(const Access &acc, typename Access::Entry *start, int64_t n,
                 int64_t kind) {
  if (n <= 1)
    return;
  if (kind == 1)
    heapsort(acc, start, n);
  else if (kind == 2)
    std::stable_sort(start, start + n, [&](auto a, auto b) {
      return lessThan(acc.key(a), acc.key(b));
    });
  else
    introsort(acc, start, n);
}

//===----------------------------------------------------------------------===//
// Partitioning: numpy's introselect (selection.cpp), whose output order is part of the
// result of np.partition/argpartition. Pivots found on the way are kept (at most 50,
// numpy's NPY_MAX_PIVOT_STACK) so that later, larger kth search smaller ranges.
//===----------------------------------------------------------------------===//

constexpr int64_t kMaxPivotStack = 50;

void storePivot(int64_t pivot, int64_t kth, int64_t *pivots, int64_t *npiv) {
  if (!pivots)
    return;
  if (pivot == kth && *npiv == kMaxPivotStack) {
    pivots[*npiv - 1] = pivot;
  } else if (pivot >= kth && *npiv < kMaxPivotStack) {
    pivots[*npiv] = pivot;
    *npiv += 1;
  }
}

/// The elements of a selection: entries `e[i]` (values, or indices into `acc`).
template <typename Access> struct Select {
  using Entry = typename Access::Entry;
  const Access &acc;
  Entry *e;
  auto key(int64_t i) const { return acc.key(e[i]); }
  bool less(int64_t i, int64_t j) const { return lessThan(key(i), key(j)); }
  void swap(int64_t i, int64_t j) const { std::swap(e[i], e[j]); }
  Select shifted(int64_t by) const { return {acc, e + by}; }
};

template <typename Access>
void introselect(const Select<Access> &s, int64_t num, int64_t kth, int64_t *pivots,
                 int64_t *npiv);

template <typename Access>
void median3Swap(const Select<Access> &s, int64_t low, int64_t mid, int64_t high) {
  if (s.less(high, mid))
    s.swap(high, mid);
  if (s.less(high, low))
    s.swap(high, low);
  if (s.less(low, mid)) // the pivot goes to low
    s.swap(low, mid);
  s.swap(mid, low + 1); // the smallest of the three to low + 1
}

template <typename Access> int64_t median5(const Select<Access> &s) {
  if (s.less(1, 0))
    s.swap(1, 0);
  if (s.less(4, 3))
    s.swap(4, 3);
  if (s.less(3, 0))
    s.swap(3, 0);
  if (s.less(4, 1))
    s.swap(4, 1);
  if (s.less(2, 1))
    s.swap(2, 1);
  if (s.less(3, 2))
    return s.less(3, 1) ? 1 : 3;
  return 2;
}

template <typename Access>
void unguardedPartition(const Select<Access> &s, decltype(s.key(0)) pivot, int64_t *ll,
                        int64_t *hh) {
  for (;;) {
    do
      (*ll)++;
    while (lessThan(s.key(*ll), pivot));
    do
      (*hh)--;
    while (lessThan(pivot, s.key(*hh)));
    if (*hh < *ll)
      break;
    s.swap(*ll, *hh);
  }
}

template <typename Access>
int64_t medianOfMedian5(const Select<Access> &s, int64_t num) {
  int64_t right = num - 1;
  int64_t nmed = (right + 1) / 5;
  for (int64_t i = 0, subleft = 0; i < nmed; i++, subleft += 5) {
    int64_t m = median5(s.shifted(subleft));
    s.swap(subleft + m, i);
  }
  if (nmed > 2)
    introselect(s, nmed, nmed / 2, nullptr, nullptr);
  return nmed / 2;
}

template <typename Access> void dumbSelect(const Select<Access> &s, int64_t num, int64_t kth) {
  for (int64_t i = 0; i <= kth; i++) {
    int64_t minidx = i;
    auto minval = s.key(i);
    for (int64_t k = i + 1; k < num; k++)
      if (lessThan(s.key(k), minval)) {
        minidx = k;
        minval = s.key(k);
      }
    s.swap(i, minidx);
  }
}

template <typename Access>
void introselect(const Select<Access> &s, int64_t num, int64_t kth, int64_t *pivots,
                 int64_t *npiv) {
  int64_t low = 0, high = num - 1;
  if (!npiv)
    pivots = nullptr;
  while (pivots && *npiv > 0) {
    if (pivots[*npiv - 1] > kth) { // a larger pivot bounds the range
      high = pivots[*npiv - 1] - 1;
      break;
    }
    if (pivots[*npiv - 1] == kth) // found by an earlier kth
      return;
    low = pivots[*npiv - 1] + 1;
    *npiv -= 1;
  }
  if (kth - low < 3) { // O(n * kth) for a kth near the low end
    dumbSelect(s.shifted(low), high - low + 1, kth - low);
    storePivot(kth, kth, pivots, npiv);
    return;
  }
  using Key = decltype(s.key(0));
  if (std::is_floating_point_v<Key> && kth == num - 1) {
    // numpy's shortcut for the last element (how it checks for NaN): the last maximum.
    int64_t maxidx = low;
    Key maxval = s.key(low);
    for (int64_t k = low + 1; k < num; k++)
      if (!lessThan(s.key(k), maxval)) {
        maxidx = k;
        maxval = s.key(k);
      }
    s.swap(kth, maxidx);
    return;
  }
  int depthLimit = mostSignificantBit(num) * 2;
  for (; low + 1 < high;) {
    int64_t ll = low + 1, hh = high;
    if (depthLimit > 0 || hh - ll < 5) {
      median3Swap(s, low, low + (high - low) / 2, high);
    } else {
      int64_t mid = ll + medianOfMedian5(s.shifted(ll), hh - ll);
      s.swap(mid, low);
      ll--; // the median of medians guarantees no sentinel at low + 1
      hh++;
    }
    depthLimit--;
    unguardedPartition(s, s.key(low), &ll, &hh);
    s.swap(low, hh);
    if (hh != kth)
      storePivot(hh, kth, pivots, npiv);
    if (hh >= kth)
      high = hh - 1;
    if (hh <= kth)
      low = ll;
  }
  if (high == low + 1 && s.less(high, low))
    s.swap(high, low);
  storePivot(kth, kth, pivots, npiv);
}

/// Partitions `e[0, n)` at each of `kth` (sorted, in [0, n)) in turn, as numpy does.
template <typename Access>
void partitionEntries(const Access &acc, typename Access::Entry *e, int64_t n,
                      const int64_t *kth, int64_t nkth) {
  if (n <= 1)
    return;
  int64_t pivots[kMaxPivotStack];
  int64_t npiv = 0;
  for (int64_t i = 0; i < nkth; ++i)
    introselect(Select<Access>{acc, e}, n, kth[i], pivots, &npiv);
}

/// A memref of any rank seen through its descriptor (MLIR's StridedMemRefType layout:
/// allocated, aligned, offset, sizes[rank], strides[rank]).
template <typename T> struct StridedView {
  T *base;
  int64_t rank;
  const int64_t *sizes;
  const int64_t *strides;

  explicit StridedView(const AgUnrankedMemRef *m) : rank(m->rank) {
    auto *d = static_cast<char *>(m->descriptor);
    T *aligned;
    int64_t offset;
    std::memcpy(&aligned, d + sizeof(void *), sizeof(aligned));
    std::memcpy(&offset, d + 2 * sizeof(void *), sizeof(offset));
    base = aligned + offset;
    sizes = reinterpret_cast<const int64_t *>(d + 2 * sizeof(void *) + sizeof(int64_t));
    strides = sizes + rank;
  }
};

/// Calls fn(offset of lane start in `a`, offset in `b`) for each 1-D lane along `axis`
/// (two views of the same shape).
template <typename A, typename B, typename Fn>
void forEachLane(const StridedView<A> &a, const StridedView<B> &b, int64_t axis, Fn fn) {
  int64_t index[64] = {0};
  for (int64_t d = 0; d < a.rank; ++d)
    if (d != axis && a.sizes[d] == 0)
      return;
  for (;;) {
    int64_t offA = 0, offB = 0;
    for (int64_t d = 0; d < a.rank; ++d) {
      offA += index[d] * a.strides[d];
      offB += index[d] * b.strides[d];
    }
    fn(offA, offB);
    int64_t d = a.rank - 1;
    for (; d >= 0; --d) {
      if (d == axis)
        continue;
      if (++index[d] < a.sizes[d])
        break;
      index[d] = 0;
    }
    if (d < 0)
      return;
  }
}

/// Sorts (kth == nullptr) or partitions each lane of `values` in place.
template <typename T>
void sortLanes(AgUnrankedMemRef *values, int64_t axis, int64_t kind, const int64_t *kth,
               int64_t nkth) {
  auto order = [&](T *lane, int64_t n) {
    if (kth)
      partitionEntries(Direct<T>{}, lane, n, kth, nkth);
    else
      sortEntries(Direct<T>{}, lane, n, kind);
  };
  StridedView<T> v(values);
  int64_t n = v.sizes[axis], stride = v.strides[axis];
  if (n <= 1)
    return;
  if (stride == 1) { // contiguous lanes are sorted where they are
    forEachLane(v, v, axis, [&](int64_t off, int64_t) {
      order(v.base + off, n);
    });
    return;
  }
  // Through the call's allocator: a failed allocation abandons the call (MemoryError)
  // as one in compiled code does (backends/cpu/Memory.cpp).
  T *lane = static_cast<T *>(ag_rt_alloc(n * sizeof(T)));
  forEachLane(v, v, axis, [&](int64_t off, int64_t) {
    T *p = v.base + off;
    for (int64_t i = 0; i < n; ++i)
      lane[i] = p[i * stride];
    order(lane, n);
    for (int64_t i = 0; i < n; ++i)
      p[i * stride] = lane[i];
  });
  ag_rt_free(lane);
}

/// The indices that sort (kth == nullptr) or partition each lane of `values`.
template <typename T>
void argsortLanes(AgUnrankedMemRef *values, AgUnrankedMemRef *indices, int64_t axis,
                  int64_t kind, const int64_t *kth, int64_t nkth) {
  StridedView<T> v(values);
  StridedView<int64_t> r(indices);
  int64_t n = v.sizes[axis];
  if (n == 0)
    return;
  int64_t vStride = v.strides[axis], rStride = r.strides[axis];
  // Contiguous lanes are read, and indices written, where they are.
  T *lane = vStride == 1 ? nullptr : static_cast<T *>(ag_rt_alloc(n * sizeof(T)));
  auto *order =
      rStride == 1 ? nullptr : static_cast<int64_t *>(ag_rt_alloc(n * sizeof(int64_t)));
  forEachLane(v, r, axis, [&](int64_t offV, int64_t offR) {
    const T *p = v.base + offV;
    if (lane)
      for (int64_t i = 0; i < n; ++i)
        lane[i] = p[i * vStride];
    int64_t *q = r.base + offR;
    int64_t *o = order ? order : q;
    for (int64_t i = 0; i < n; ++i)
      o[i] = i;
    Indirect<T> acc{lane ? lane : p};
    if (kth)
      partitionEntries(acc, o, n, kth, nkth);
    else
      sortEntries(acc, o, n, kind);
    if (order)
      for (int64_t i = 0; i < n; ++i)
        q[i * rStride] = order[i];
  });
  if (order)
    ag_rt_free(order);
  if (lane)
    ag_rt_free(lane);
}

/// Moves the element a sort would put at `k` of `e[0, n)` there, smaller ones before
/// it and the others after (`<` must order the values: no NaNs). Quickselect with a
/// median-of-3 pivot and a Lomuto partition without branches on the data -- each
/// element is swapped and the boundary moved by the comparison's result -- which
/// random data would mispredict half the time (std::nth_element's Hoare partition
/// ran twice as long here). Many equal values make a partition uneven: past a depth
/// of 2 log2 n, std::nth_element (introselect) finishes.
template <typename T> void quickselect(T *e, int64_t n, int64_t k) {
  int64_t low = 0, high = n; // e[low, high) holds position k
  for (int depth = 2 * mostSignificantBit(n); high - low > 16; --depth) {
    if (depth == 0) {
      std::nth_element(e + low, e + k, e + high);
      return;
    }
    int64_t mid = low + (high - low) / 2;
    if (e[mid] < e[low])
      std::swap(e[mid], e[low]);
    if (e[high - 1] < e[mid])
      std::swap(e[high - 1], e[mid]);
    if (e[mid] < e[low])
      std::swap(e[mid], e[low]);
    std::swap(e[low], e[mid]); // the median of the three, as the pivot, first
    T pivot = e[low];
    int64_t boundary = low + 1; // e[low + 1, boundary) < pivot <= e[boundary, i)
    for (int64_t i = low + 1; i < high; ++i) {
      T x = e[i];
      bool smaller = x < pivot;
      e[i] = e[boundary];
      e[boundary] = x;
      boundary += smaller;
    }
    int64_t at = boundary - 1;
    std::swap(e[low], e[at]);
    if (k == at)
      return;
    if (k < at)
      high = at;
    else
      low = at + 1;
  }
  for (int64_t i = low + 1; i < high; ++i) // insertion sort of the last few
    for (int64_t j = i; j > low && e[j] < e[j - 1]; --j)
      std::swap(e[j], e[j - 1]);
}

/// The elements a sort would put at each of `kth` (ascending, repeats allowed) of each
/// lane of `values`, into `result`. numpy's median and quantile read only these from
/// its partition, so the rest need not be arranged as numpy's introselect would: each
/// lane is copied with its NaNs (which sort last) moved to the end, and the kth are
/// selected in ascending order, each in the part above the previous one --
/// quickselect, or a minimum (maximum) scan where the kth is that part's first
/// (last) index, as for a median's second middle element (numba's _select_two). A
/// kth among the NaNs is one of them. Of equal values that differ in bits (0.0 and
/// -0.0) this may find another than numpy's introselect leaves at the kth.
template <typename T>
void orderStatistics(AgUnrankedMemRef *values, AgUnrankedMemRef *result, int64_t axis,
                     const int64_t *kth, int64_t nkth) {
  StridedView<T> v(values), r(result);
  int64_t n = v.sizes[axis];
  if (n == 0 || nkth == 0) // (the op's verifier rules out kth of an empty lane)
    return;
  int64_t vStride = v.strides[axis], rStride = r.strides[axis];
  T *buffer = static_cast<T *>(ag_rt_alloc(n * sizeof(T)));
  forEachLane(v, r, axis, [&](int64_t offV, int64_t offR) {
    const T *p = v.base + offV;
    int64_t numbers = n; // the elements before the NaNs
    if constexpr (std::is_floating_point_v<T>) {
      numbers = 0;
      int64_t nans = n;
      for (int64_t i = 0; i < n; ++i) {
        T x = p[i * vStride];
        if (x != x)
          buffer[--nans] = x;
        else
          buffer[numbers++] = x;
      }
    } else {
      for (int64_t i = 0; i < n; ++i)
        buffer[i] = p[i * vStride];
    }
    T *q = r.base + offR;
    int64_t low = 0; // buffer[low, numbers) holds the elements above the last kth
    for (int64_t j = 0; j < nkth; ++j) {
      int64_t k = kth[j];
      if (k >= low && k < numbers) {
        if (k == low)
          std::iter_swap(buffer + k, std::min_element(buffer + low, buffer + numbers));
        else if (k == numbers - 1)
          std::iter_swap(buffer + k, std::max_element(buffer + low, buffer + numbers));
        else
          quickselect(buffer + low, numbers - low, k - low);
        low = k + 1;
      }
      q[j * rStride] = buffer[k];
    }
  });
  ag_rt_free(buffer);
}

/// numpy's binsearch / argbinsearch (binsearch.cpp): each key's search starts from the
/// previous key's bounds (numpy's speed-up for sorted keys), which also decides the
/// answer when `a` is not sorted. Keys are read in order (the caller flattens them in C
/// order, as numpy does). With `sorter`, a[sorter[i]] is the i-th element; a sorter
/// index out of range stops the search there and marks the key's result -1 (numpy
/// raises "Sorter index out of range." then; the caller checks).
template <typename T>
void searchSorted(AgUnrankedMemRef *sorted, AgUnrankedMemRef *keys,
                  AgUnrankedMemRef *sorter, AgUnrankedMemRef *result, bool right) {
  StridedView<T> a(sorted), v(keys);
  StridedView<int64_t> r(result);
  int64_t n = a.sizes[0], m = v.sizes[0];
  const int64_t *perm = nullptr;
  int64_t permStride = 0;
  if (sorter) {
    StridedView<int64_t> p(sorter);
    perm = p.base;
    permStride = p.strides[0];
  }
  // side 'left': a[i] < key; 'right': a[i] <= key (numpy's less_equal: !less(key, a[i])).
  auto cmp = [right](T x, T key) { return right ? !lessThan(key, x) : lessThan(x, key); };
  if (m == 0)
    return;
  int64_t minIdx = 0, maxIdx = n;
  T lastKey = v.base[0];
  for (int64_t j = 0; j < m; ++j) {
    T key = v.base[j * v.strides[0]];
    if (cmp(lastKey, key)) {
      maxIdx = n;
    } else {
      minIdx = 0;
      maxIdx = maxIdx < n ? maxIdx + 1 : n;
    }
    lastKey = key;
    while (minIdx < maxIdx) {
      int64_t mid = minIdx + ((maxIdx - minIdx) >> 1);
      int64_t at = mid;
      if (perm) {
        at = perm[mid * permStride];
        if (at < 0 || at >= n) {
          for (int64_t rest = j; rest < m; ++rest)
            r.base[rest * r.strides[0]] = -1;
          return;
        }
      }
      if (cmp(a.base[at * a.strides[0]], key))
        minIdx = mid + 1;
      else
        maxIdx = mid;
    }
    r.base[j * r.strides[0]] = minIdx;
  }
}

} // namespace

extern "C" {

#define AG_DEFINE_SORT(SUFFIX, T)                                                      \
  void _mlir_ciface_ag_sort_##SUFFIX(AgUnrankedMemRef *values, int64_t axis,          \
                                     int64_t kind) {                                   \
    sortLanes<T>(values, axis, kind, nullptr, 0);                                      \
  }                                                                                    \
  void _mlir_ciface_ag_argsort_##SUFFIX(AgUnrankedMemRef *values,                      \
                                        AgUnrankedMemRef *indices, int64_t axis,       \
                                        int64_t kind) {                                \
    argsortLanes<T>(values, indices, axis, kind, nullptr, 0);                          \
  }                                                                                    \
  void _mlir_ciface_ag_partition_##SUFFIX(AgUnrankedMemRef *values, int64_t axis,     \
                                          AgUnrankedMemRef *kth) {                     \
    StridedView<int64_t> k(kth);                                                       \
    sortLanes<T>(values, axis, 0, k.base, k.sizes[0]);                                 \
  }                                                                                    \
  void _mlir_ciface_ag_argpartition_##SUFFIX(AgUnrankedMemRef *values,                 \
                                             AgUnrankedMemRef *indices, int64_t axis,  \
                                             AgUnrankedMemRef *kth) {                  \
    StridedView<int64_t> k(kth);                                                       \
    argsortLanes<T>(values, indices, axis, 0, k.base, k.sizes[0]);                     \
  }                                                                                    \
  void _mlir_ciface_ag_order_statistics_##SUFFIX(AgUnrankedMemRef *values,             \
                                                 AgUnrankedMemRef *result,             \
                                                 int64_t axis, AgUnrankedMemRef *kth) { \
    StridedView<int64_t> k(kth);                                                       \
    orderStatistics<T>(values, result, axis, k.base, k.sizes[0]);                      \
  }
#define AG_DEFINE_SEARCH(SUFFIX, T)                                                    \
  void _mlir_ciface_ag_searchsorted_##SUFFIX(AgUnrankedMemRef *sorted,                 \
                                             AgUnrankedMemRef *keys, bool right,       \
                                             AgUnrankedMemRef *result) {               \
    searchSorted<T>(sorted, keys, nullptr, result, right);                             \
  }                                                                                    \
  void _mlir_ciface_ag_searchsorted_sorter_##SUFFIX(                                   \
      AgUnrankedMemRef *sorted, AgUnrankedMemRef *keys, AgUnrankedMemRef *sorter,      \
      bool right, AgUnrankedMemRef *result) {                                          \
    searchSorted<T>(sorted, keys, sorter, result, right);                              \
  }
AG_DEFINE_SEARCH(f32, float)
AG_DEFINE_SEARCH(f64, double)
AG_DEFINE_SEARCH(i32, int32_t)
AG_DEFINE_SEARCH(i64, int64_t)
AG_DEFINE_SEARCH(i1, uint8_t)
#undef AG_DEFINE_SEARCH

AG_DEFINE_SORT(f32, float)
AG_DEFINE_SORT(f64, double)
AG_DEFINE_SORT(i32, int32_t)
AG_DEFINE_SORT(i64, int64_t)
// An i1 memref holds one byte per element (0 or 1).
AG_DEFINE_SORT(i1, uint8_t)
#undef AG_DEFINE_SORT

} // extern "C"

/*===- ag_abi.h - Everything JIT-compiled ag code calls ------------*- C -*-===
 *
 * The one C ABI between compiled code and the C++ world. Compiled code calls these
 * through MLIR's `llvm.emit_c_interface` convention: a private function `@name` taking
 * memrefs is looked up as `_mlir_ciface_name`, with each memref passed as a pointer to
 * its descriptor (the layout below is MLIR's StridedMemRefType) and scalars by value.
 * Symbols are registered with the JIT by backends/cpu (the kernels) and by the runtime
 * (the host callbacks); names carry the `ag_` prefix. Every name is spelled once, in the
 * AG_ABI_* macros below: the ir/ passes that emit the calls and the code that registers
 * the symbols both use them (macros, not constants, so that C and string-literal
 * concatenation both work). This header sits below ir/, backends/ and runtime/ and
 * includes nothing of theirs.
 *
 *===----------------------------------------------------------------------===*/

#ifndef AG_ABI_H
#define AG_ABI_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The symbol the JIT looks up for a function `name` the IR declares with
 * `llvm.emit_c_interface` (MLIR's convention): AG_ABI_CIFACE(AG_ABI_FAIL). */
#define AG_ABI_CIFACE_PREFIX "_mlir_ciface_"
#define AG_ABI_CIFACE(name) AG_ABI_CIFACE_PREFIX name

/* Callee names as they appear in the IR (the pass that emits the calls uses these). */
/* oneDNN (backends/onednn): float32 matmul and convolution. */
#define AG_ABI_ONEDNN_PREFIX "ag_onednn_"
#define AG_ABI_MATMUL_F32 AG_ABI_ONEDNN_PREFIX "matmul_f32"
#define AG_ABI_BATCH_MATMUL_F32 AG_ABI_ONEDNN_PREFIX "batch_matmul_f32"
#define AG_ABI_CONV2D_F32 AG_ABI_ONEDNN_PREFIX "conv2d_f32"
#define AG_ABI_MATMUL_POST_F32 AG_ABI_ONEDNN_PREFIX "matmul_post_f32"
#define AG_ABI_CONV2D_POST_F32 AG_ABI_ONEDNN_PREFIX "conv2d_post_f32"
/* The `post` argument of the *_post_f32 kernels: AG_POST_BIAS when `bias` is added.
 * (No activation: oneDNN's relu maps NaN to 0 where numpy's maximum keeps NaN.) */
#define AG_POST_BIAS 1
/* OpenBLAS (backends/blas): GEMM for float64, GEMV for a matrix times a vector. */
#define AG_ABI_BLAS_PREFIX "ag_blas_"
#define AG_ABI_BLAS_MATMUL_F64 AG_ABI_BLAS_PREFIX "matmul_f64"
#define AG_ABI_BLAS_BATCH_MATMUL_F64 AG_ABI_BLAS_PREFIX "batch_matmul_f64"
#define AG_ABI_BLAS_MATVEC_F64 AG_ABI_BLAS_PREFIX "matvec_f64"
#define AG_ABI_BLAS_VECMAT_F64 AG_ABI_BLAS_PREFIX "vecmat_f64"
#define AG_ABI_BLAS_MATMUL_F32 AG_ABI_BLAS_PREFIX "matmul_f32"
#define AG_ABI_BLAS_BATCH_MATMUL_F32 AG_ABI_BLAS_PREFIX "batch_matmul_f32"
#define AG_ABI_BLAS_MATVEC_F32 AG_ABI_BLAS_PREFIX "matvec_f32"
#define AG_ABI_BLAS_VECMAT_F32 AG_ABI_BLAS_PREFIX "vecmat_f32"

/* Host callbacks of staged print/assert (implemented by the runtime). */
#define AG_ABI_PRINT_PREFIX "ag_rt_print_" /* + f16/32/64, i1/8/16/32/64, u8/16/32/64, c64/128 */
#define AG_ABI_PRINT_END "ag_rt_print_end"
#define AG_ABI_FAIL "ag_rt_fail"
/* The native stack check of staged recursion (ag.stack_guard). */
#define AG_ABI_STACK_OK "ag_rt_stack_ok"
/* Host calls returning a value (ag.host_call, e.g. np.random draws). */
#define AG_ABI_HOST_ARG_PREFIX "ag_rt_host_arg_"   /* + the dtype, as the print prefix */
#define AG_ABI_HOST_CALL_PREFIX "ag_rt_host_call_" /* + the result's dtype */
/* The `callback` compiled code passes is an ordinal of its module, AG_ABI_CALLBACK_BASE
 * + 0, 1, ...: the runtime maps it to the id the Python side registered in this
 * process (the table of the compiled function being called). Object code so stays the
 * same in every process, which lets it be cached on disk; the base keeps an ordinal
 * from ever passing for an id. */
#define AG_ABI_CALLBACK_BASE ((int64_t)1 << 62)
/* Sorting kernels (ag.sort, ag.argsort), numpy 1.24's algorithms. */
#define AG_ABI_SORT_PREFIX "ag_sort_"       /* + f32, f64, i32, i64, i1 */
#define AG_ABI_ARGSORT_PREFIX "ag_argsort_" /* + the values' dtype */
#define AG_ABI_PARTITION_PREFIX "ag_partition_"       /* + f32, f64, i32, i64, i1 */
#define AG_ABI_ARGPARTITION_PREFIX "ag_argpartition_" /* + the values' dtype */
#define AG_ABI_ORDER_STATISTICS_PREFIX "ag_order_statistics_" /* + the values' dtype */
#define AG_ABI_SEARCHSORTED_PREFIX "ag_searchsorted_"  /* + the values' dtype */
#define AG_ABI_SEARCHSORTED_SORTER_PREFIX "ag_searchsorted_sorter_"
/* LAPACK (backends/lapack): ag.lapack's routine is the rest of the name. */
#define AG_ABI_LAPACK_PREFIX "ag_lapack_"

/* An unranked memref as passed by pointer: rank and a pointer to the ranked
 * descriptor (MLIR's UnrankedMemRefType). */
typedef struct {
  int64_t rank;
  void *descriptor;
} AgUnrankedMemRef;

/* A float32 memref descriptor of rank N (MLIR's StridedMemRefType<float, N>). */
#define AG_DECLARE_MEMREF(N)                                                           \
  typedef struct {                                                                     \
    float *allocated;                                                                  \
    float *aligned;                                                                    \
    int64_t offset;                                                                    \
    int64_t sizes[N];                                                                  \
    int64_t strides[N];                                                                \
  } AgMemRef##N##DF32;
AG_DECLARE_MEMREF(1)
AG_DECLARE_MEMREF(2)
AG_DECLARE_MEMREF(3)
AG_DECLARE_MEMREF(4)
#undef AG_DECLARE_MEMREF

/* A float64 memref descriptor of rank N (MLIR's StridedMemRefType<double, N>). */
#define AG_DECLARE_MEMREF_F64(N)                                                       \
  typedef struct {                                                                     \
    double *allocated;                                                                 \
    double *aligned;                                                                   \
    int64_t offset;                                                                    \
    int64_t sizes[N];                                                                  \
    int64_t strides[N];                                                                \
  } AgMemRef##N##DF64;
AG_DECLARE_MEMREF_F64(1)
AG_DECLARE_MEMREF_F64(2)
AG_DECLARE_MEMREF_F64(3)
#undef AG_DECLARE_MEMREF_F64

/* C[M,N] = A[M,K] @ B[K,N] + beta * C, any strides (beta is 0 or 1). */
void _mlir_ciface_ag_onednn_matmul_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                       AgMemRef2DF32 *c, float beta);
/* C[b] = A[b] @ B[b] + beta * C[b] for each batch index b. */
void _mlir_ciface_ag_onednn_batch_matmul_f32(AgMemRef3DF32 *a, AgMemRef3DF32 *b,
                                             AgMemRef3DF32 *c, float beta);
/* Y = conv2d(X (NCHW, already padded), W (OIHW), strides, dilations) + beta * Y. */
void _mlir_ciface_ag_onednn_conv2d_f32(AgMemRef4DF32 *x, AgMemRef4DF32 *w,
                                       AgMemRef4DF32 *y, int64_t strideH,
                                       int64_t strideW, int64_t dilationH,
                                       int64_t dilationW, float beta);

/* The products above with a bias added in the same oneDNN call:
 *   Y = P + bias + beta * Y where P is A @ B (bias[N] along the columns) or the
 *   convolution (bias[C] along the channels); the bias is read only when
 *   post & AG_POST_BIAS. */
void _mlir_ciface_ag_onednn_matmul_post_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                            AgMemRef2DF32 *c, AgMemRef1DF32 *bias,
                                            float beta, int64_t post);
void _mlir_ciface_ag_onednn_conv2d_post_f32(AgMemRef4DF32 *x, AgMemRef4DF32 *w,
                                            AgMemRef4DF32 *y, AgMemRef1DF32 *bias,
                                            int64_t strideH, int64_t strideW,
                                            int64_t dilationH, int64_t dilationW,
                                            float beta, int64_t post);

/* OpenBLAS kernels, any strides: a transposed or sliced view goes to BLAS as a
 * transpose flag and a leading dimension; only a layout BLAS cannot express (no unit
 * stride, negative or zero strides) is copied first. beta is 0 or 1 as above.
 *   matmul:       C[M,N] = A[M,K] @ B[K,N] + beta * C   (GEMV when M or N is 1)
 *   batch_matmul: C[b] = A[b] @ B[b] + beta * C[b]      (one GEMM/GEMV per batch index)
 *   matvec:       y[M] = A[M,K] @ x[K] + beta * y
 *   vecmat:       y[N] = x[K] @ A[K,N] + beta * y */
void _mlir_ciface_ag_blas_matmul_f64(AgMemRef2DF64 *a, AgMemRef2DF64 *b,
                                     AgMemRef2DF64 *c, double beta);
void _mlir_ciface_ag_blas_batch_matmul_f64(AgMemRef3DF64 *a, AgMemRef3DF64 *b,
                                           AgMemRef3DF64 *c, double beta);
void _mlir_ciface_ag_blas_matvec_f64(AgMemRef2DF64 *a, AgMemRef1DF64 *x,
                                     AgMemRef1DF64 *y, double beta);
void _mlir_ciface_ag_blas_vecmat_f64(AgMemRef1DF64 *x, AgMemRef2DF64 *a,
                                     AgMemRef1DF64 *y, double beta);
void _mlir_ciface_ag_blas_matmul_f32(AgMemRef2DF32 *a, AgMemRef2DF32 *b,
                                     AgMemRef2DF32 *c, float beta);
void _mlir_ciface_ag_blas_batch_matmul_f32(AgMemRef3DF32 *a, AgMemRef3DF32 *b,
                                           AgMemRef3DF32 *c, float beta);
void _mlir_ciface_ag_blas_matvec_f32(AgMemRef2DF32 *a, AgMemRef1DF32 *x,
                                     AgMemRef1DF32 *y, float beta);
void _mlir_ciface_ag_blas_vecmat_f32(AgMemRef1DF32 *x, AgMemRef2DF32 *a,
                                     AgMemRef1DF32 *y, float beta);

/* Sorting along `axis` of a buffer of any rank >= 1 and strides, lane by lane, with
 * numpy 1.24's algorithm for `kind` (0 "quicksort": its introsort; 1 "heapsort";
 * 2 "stable"/"mergesort"), NaNs last: so equal elements, whose order is what
 * distinguishes the algorithms, come out in numpy's order (exactly for argsort and
 * for every dtype numpy sorts with these algorithms; see SortKernels.cpp for numpy's
 * AVX-512 float32/int32 np.sort). ag_sort_* sorts `values` in place; ag_argsort_*
 * writes into `indices` (int64, the shape of `values`) the indices that sort each
 * lane of `values`, which it only reads. ag_partition_* / ag_argpartition_* do the same
 * with numpy's introselect at each of the sorted indices in the 1-D int64 memref `kth`
 * (np.partition / np.argpartition), in numpy's output order. ag_order_statistics_*
 * writes into `result` (the shape of `values` but len(kth) along `axis`) the elements
 * a sort would put at each kth of each lane (ag.order_statistics), which it only reads. */
#define AG_DECLARE_SORT(SUFFIX)                                                        \
  void _mlir_ciface_ag_sort_##SUFFIX(AgUnrankedMemRef *values, int64_t axis,          \
                                     int64_t kind);                                    \
  void _mlir_ciface_ag_argsort_##SUFFIX(AgUnrankedMemRef *values,                      \
                                        AgUnrankedMemRef *indices, int64_t axis,       \
                                        int64_t kind);                                 \
  void _mlir_ciface_ag_partition_##SUFFIX(AgUnrankedMemRef *values, int64_t axis,     \
                                          AgUnrankedMemRef *kth);                      \
  void _mlir_ciface_ag_argpartition_##SUFFIX(AgUnrankedMemRef *values,                 \
                                             AgUnrankedMemRef *indices, int64_t axis,  \
                                             AgUnrankedMemRef *kth);                   \
  void _mlir_ciface_ag_order_statistics_##SUFFIX(AgUnrankedMemRef *values,             \
                                                 AgUnrankedMemRef *result,             \
                                                 int64_t axis, AgUnrankedMemRef *kth);
AG_DECLARE_SORT(f32)
AG_DECLARE_SORT(f64)
AG_DECLARE_SORT(i32)
AG_DECLARE_SORT(i64)
AG_DECLARE_SORT(i1)
#undef AG_DECLARE_SORT

/* np.searchsorted: for each element of the 1-D `keys`, in order, numpy's binary search
 * in the 1-D `sorted` (side 'right' when `right`), through `sorter` (1-D int64 indices
 * of `sorted`) in the _sorter variant; writes int64 positions into `result` (the size
 * of `keys`). A sorter index out of range makes that key's and every later key's
 * result -1 (numpy raises there). */
#define AG_DECLARE_SEARCH(SUFFIX)                                                      \
  void _mlir_ciface_ag_searchsorted_##SUFFIX(AgUnrankedMemRef *sorted,                 \
                                             AgUnrankedMemRef *keys, bool right,       \
                                             AgUnrankedMemRef *result);                \
  void _mlir_ciface_ag_searchsorted_sorter_##SUFFIX(                                   \
      AgUnrankedMemRef *sorted, AgUnrankedMemRef *keys, AgUnrankedMemRef *sorter,      \
      bool right, AgUnrankedMemRef *result);
AG_DECLARE_SEARCH(f32)
AG_DECLARE_SEARCH(f64)
AG_DECLARE_SEARCH(i32)
AG_DECLARE_SEARCH(i64)
AG_DECLARE_SEARCH(i1)
#undef AG_DECLARE_SEARCH

/* numpy.linalg through LAPACK (ag.lapack, ir/include/ag/IR/AgLapackOps.td has the
 * table of shapes). Every argument is a float64 memref (rank and rcond 0-d; lstsq's rank
 * int64) of static shape [batch..., rows, cols]; inputs of any strides, which the kernel
 * only reads, copying each matrix into LAPACK's column-major order as numpy does;
 * outputs C-ordered. One LAPACK call per batch index. `info` (0-d int64) receives 0, or
 * the nonzero LAPACK info of the first batch entry that failed (numpy's LinAlgError). */
#define AG_LAPACK_1_1(NAME)                                                            \
  void _mlir_ciface_ag_lapack_##NAME(AgUnrankedMemRef *a, AgUnrankedMemRef *out,       \
                                     AgUnrankedMemRef *info);
#define AG_LAPACK_1_2(NAME)                                                            \
  void _mlir_ciface_ag_lapack_##NAME(AgUnrankedMemRef *a, AgUnrankedMemRef *out0,      \
                                     AgUnrankedMemRef *out1, AgUnrankedMemRef *info);
AG_LAPACK_1_1(inv)          /* gesv with b = I */
AG_LAPACK_1_1(cholesky)     /* potrf 'L', upper triangle zeroed */
AG_LAPACK_1_1(eigvalsh_l)   /* syevd 'N', 'L' */
AG_LAPACK_1_1(eigvalsh_u)   /* syevd 'N', 'U' */
AG_LAPACK_1_1(svd_values)   /* gesdd 'N' */
AG_LAPACK_1_1(qr_r)         /* geqrf, r = triu(a[:k]) */
AG_LAPACK_1_2(slogdet)      /* getrf: sign, log|det| (numpy's det is sign * exp) */
AG_LAPACK_1_2(eigh_l)       /* syevd 'V', 'L': w, v */
AG_LAPACK_1_2(eigh_u)       /* syevd 'V', 'U' */
AG_LAPACK_1_2(eigvals)      /* geev 'N', 'N': wr, wi */
AG_LAPACK_1_2(qr_reduced)   /* geqrf + orgqr: q[m,k], r[k,n] */
AG_LAPACK_1_2(qr_complete)  /* geqrf + orgqr: q[m,m], r[m,n] */
#undef AG_LAPACK_1_1
#undef AG_LAPACK_1_2
/* geev 'N', 'V': wr, wi and the right eigenvectors in LAPACK's packed real form. */
void _mlir_ciface_ag_lapack_eig(AgUnrankedMemRef *a, AgUnrankedMemRef *wr,
                                AgUnrankedMemRef *wi, AgUnrankedMemRef *v,
                                AgUnrankedMemRef *info);
/* gesv: x = solve(a, b). */
void _mlir_ciface_ag_lapack_solve(AgUnrankedMemRef *a, AgUnrankedMemRef *b,
                                  AgUnrankedMemRef *x, AgUnrankedMemRef *info);
/* gesdd 'A' (u[m,m], vh[n,n]) or 'S' (u[m,k], vh[k,n]). */
void _mlir_ciface_ag_lapack_svd_full(AgUnrankedMemRef *a, AgUnrankedMemRef *u,
                                     AgUnrankedMemRef *s, AgUnrankedMemRef *vh,
                                     AgUnrankedMemRef *info);
void _mlir_ciface_ag_lapack_svd_reduced(AgUnrankedMemRef *a, AgUnrankedMemRef *u,
                                        AgUnrankedMemRef *s, AgUnrankedMemRef *vh,
                                        AgUnrankedMemRef *info);
/* gelsd: x, residuals (sum of squares per column when m > n and rank == n, else NaN,
 * as numpy's gufunc), rank, singular values. */
void _mlir_ciface_ag_lapack_lstsq(AgUnrankedMemRef *a, AgUnrankedMemRef *b,
                                  AgUnrankedMemRef *rcond, AgUnrankedMemRef *x,
                                  AgUnrankedMemRef *resid, AgUnrankedMemRef *rank,
                                  AgUnrankedMemRef *s, AgUnrankedMemRef *info);

/* Heap memory of compiled code. memref.alloc/dealloc lower to MLIR's generic allocation
 * functions (finalize-memref-to-llvm{use-generic-functions}); the JIT binds these names
 * to the ag_rt_* functions below, which allocate with malloc or aligned_alloc (the
 * runtime frees result buffers with free()): buffers up to 1 KiB come from malloc, whatever
 * the alignment asked (memalign is ~5x slower, and loops make such buffers per iteration);
 * buffers of 4 MiB and more are advised onto huge pages, as numpy's are. A failed allocation does not return: it abandons the running
 * call, which then raises MemoryError (backends/cpu/Memory.cpp says why). */
#define AG_ABI_ALLOC "_mlir_memref_to_llvm_alloc"
#define AG_ABI_ALIGNED_ALLOC "_mlir_memref_to_llvm_aligned_alloc"
#define AG_ABI_FREE "_mlir_memref_to_llvm_free"
void *ag_rt_alloc(uint64_t bytes);
void *ag_rt_aligned_alloc(uint64_t alignment, uint64_t bytes);
void ag_rt_free(void *ptr);
/* The same functions under the names compiled code calls (aliases in libag_rt): a trace
 * record's shared object (frontend/ag/_shared.py) is linked against them by name. */
void *_mlir_memref_to_llvm_alloc(uint64_t bytes);
void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes);
void _mlir_memref_to_llvm_free(void *ptr);

/* memref.copy of views that are not contiguous (MLIR lowers it to a call of this name,
 * its runner utilities' function): backends/cpu/MemrefCopy.cpp, in libag_rt. Both
 * arguments are ranked memrefs of the same shape and element size. */
#define AG_ABI_MEMREF_COPY "memrefCopy"
void memrefCopy(int64_t elemSize, AgUnrankedMemRef *src, AgUnrankedMemRef *dst);

/* Threads (backends/cpu/Parallel.cpp, backends/cpu/Threads.cpp).
 * ag_rt_num_threads is $AG_NUM_THREADS (a positive integer), else OpenMP's default
 * (OMP_NUM_THREADS, else the cores this process may run on); read once per process.
 * oneDNN's OpenMP teams take the same count. The split loops run on AG_NUM_THREADS - 1
 * workers of ag's own, which sleep (never spin) between loops, and the caller:
 * libgomp's barrier join waits for descheduled threads (Parallel.cpp says why).
 * ag_rt_parallel_for calls body(begin, end, context) on disjoint contiguous ranges
 * covering [0, n) once each (min(n, 4 x threads) ranges of equal size give or take one,
 * taken by the team's threads as they come) and returns when all have returned; n <= 0
 * calls nothing. It runs body(0, n,
 * context) on the calling thread alone when one thread is asked for, when `work`
 * (iterations x an estimate of one iteration's cost, in the units of
 * AG_PARALLEL_MIN_WORK) is below AG_PARALLEL_MIN_WORK, or when called from inside a
 * parallel region. A failed allocation in a body abandons the whole call, as on one
 * thread (backends/cpu/Memory.cpp). ag-parallel-loops emits the calls; compiled code
 * calls it by its plain C name. */
#define AG_ABI_PARALLEL_FOR "ag_rt_parallel_for"
/* Work below which a loop stays on one thread (ag-parallel-loops does not split loops
 * whose work is known at compile time to be below it; the runtime checks the rest). A
 * unit is one simple arithmetic op on one element; the value is measured (see
 * ir/lib/Transforms/ParallelLoops.cpp). */
#define AG_PARALLEL_MIN_WORK ((int64_t)1 << 19)
int64_t ag_rt_num_threads(void);
void ag_rt_parallel_for(int64_t n, int64_t work,
                        void (*body)(int64_t begin, int64_t end, void *context),
                        void *context);

/* Staged print: one call per printed value (`dtype` is the element type in the name),
 * then print_end; `callback` identifies the print statement. */
void _mlir_ciface_ag_rt_print_f32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_f64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_i32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_i64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_i1(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_f16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_i8(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_i16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_u8(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_u16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_u32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_u64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_c64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_c128(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_print_end(int64_t callback);
/* Host call (ag.host_call): one host_arg call per argument, in order, then host_call
 * with the result buffer (C order, allocated by compiled code at its run-time shape).
 * The runtime calls the Python function registered for `callback` on the arguments
 * (under the GIL: compiled code runs without it) and copies its result into the buffer.
 * If the function raises, or an earlier callback of the call failed, the buffer is
 * filled with NaN (floats) or zeros instead and the error is raised after the call,
 * as for a failed assert; later host calls of the call do not run, as Python would
 * have stopped at the error. */
void _mlir_ciface_ag_rt_host_arg_f32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_f64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_i32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_i64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_i1(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_f16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_i8(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_i16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_u8(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_u16(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_u32(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_u64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_c64(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_arg_c128(int64_t callback, AgUnrankedMemRef *value);
void _mlir_ciface_ag_rt_host_call_f32(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_f64(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_i32(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_i64(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_i1(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_f16(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_i8(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_i16(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_u8(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_u16(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_u32(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_u64(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_c64(int64_t callback, AgUnrankedMemRef *result);
void _mlir_ciface_ag_rt_host_call_c128(int64_t callback, AgUnrankedMemRef *result);
/* A staged assert failed (or another run-time error): the runtime raises after the
 * call returns. */
void _mlir_ciface_ag_rt_fail(int64_t callback);
/* Staged recursion: whether the native stack has room for another call. When it has
   not, reports failure `callback` (the call raises RecursionError) and returns false. */
bool _mlir_ciface_ag_rt_stack_ok(int64_t callback);

#ifdef __cplusplus
}
#endif

#endif /* AG_ABI_H */

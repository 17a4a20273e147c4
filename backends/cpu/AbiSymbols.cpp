//===- AbiSymbols.cpp - The ABI symbols compiled code may call ------------===//
//
// Every function of ag/Abi/ag_abi.h by the name compiled code calls it: the C
// interface wrappers (`_mlir_ciface_` + the ABI name) of the kernels, the plain names
// of the allocation functions and of ag_rt_parallel_for. The JIT defines them in its
// runtime JITDylib; the process's symbol table does not see them (the Python
// extension that links them is loaded RTLD_LOCAL).
//
//===----------------------------------------------------------------------===//

#include "HostJit.h"

#include "ag/Abi/ag_abi.h"

#include <string>

llvm::orc::SymbolMap mlir::ag::hostjit::abiSymbols(llvm::orc::MangleAndInterner &interner) {
  llvm::orc::SymbolMap map;
  auto add = [&](const char *name, void *fn) {
    map[interner(std::string(AG_ABI_CIFACE_PREFIX) + name)] = {
        llvm::orc::ExecutorAddr::fromPtr(fn), llvm::JITSymbolFlags::Exported};
  };
  add(AG_ABI_MATMUL_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_matmul_f32));
  add(AG_ABI_BATCH_MATMUL_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_batch_matmul_f32));
  add(AG_ABI_CONV2D_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_conv2d_f32));
  add(AG_ABI_MATMUL_POST_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_matmul_post_f32));
  add(AG_ABI_CONV2D_POST_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_onednn_conv2d_post_f32));
  add(AG_ABI_BLAS_MATMUL_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matmul_f64));
  add(AG_ABI_BLAS_BATCH_MATMUL_F64,
      reinterpret_cast<void *>(&_mlir_ciface_ag_blas_batch_matmul_f64));
  add(AG_ABI_BLAS_MATVEC_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matvec_f64));
  add(AG_ABI_BLAS_VECMAT_F64, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_vecmat_f64));
  add(AG_ABI_BLAS_MATMUL_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matmul_f32));
  add(AG_ABI_BLAS_BATCH_MATMUL_F32,
      reinterpret_cast<void *>(&_mlir_ciface_ag_blas_batch_matmul_f32));
  add(AG_ABI_BLAS_MATVEC_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_matvec_f32));
  add(AG_ABI_BLAS_VECMAT_F32, reinterpret_cast<void *>(&_mlir_ciface_ag_blas_vecmat_f32));
  // Sorting kernels (SortKernels.cpp), one pair per dtype.
#define AG_ADD_SORT(SUFFIX)                                                             \
  add(AG_ABI_SORT_PREFIX #SUFFIX, reinterpret_cast<void *>(&_mlir_ciface_ag_sort_##SUFFIX)); \
  add(AG_ABI_ARGSORT_PREFIX #SUFFIX,                                                    \
      reinterpret_cast<void *>(&_mlir_ciface_ag_argsort_##SUFFIX));                     \
  add(AG_ABI_PARTITION_PREFIX #SUFFIX,                                                  \
      reinterpret_cast<void *>(&_mlir_ciface_ag_partition_##SUFFIX));                   \
  add(AG_ABI_ARGPARTITION_PREFIX #SUFFIX,                                               \
      reinterpret_cast<void *>(&_mlir_ciface_ag_argpartition_##SUFFIX));                \
  add(AG_ABI_ORDER_STATISTICS_PREFIX #SUFFIX,                                           \
      reinterpret_cast<void *>(&_mlir_ciface_ag_order_statistics_##SUFFIX));            \
  add(AG_ABI_SEARCHSORTED_PREFIX #SUFFIX,                                               \
      reinterpret_cast<void *>(&_mlir_ciface_ag_searchsorted_##SUFFIX));                \
  add(AG_ABI_SEARCHSORTED_SORTER_PREFIX #SUFFIX,                                        \
      reinterpret_cast<void *>(&_mlir_ciface_ag_searchsorted_sorter_##SUFFIX));
  AG_ADD_SORT(f32)
  AG_ADD_SORT(f64)
  AG_ADD_SORT(i32)
  AG_ADD_SORT(i64)
  AG_ADD_SORT(i1)
#undef AG_ADD_SORT
  // LAPACK kernels (backends/lapack), one per ag.lapack routine.
#define AG_ADD_LAPACK(NAME)                                                             \
  add(AG_ABI_LAPACK_PREFIX #NAME, reinterpret_cast<void *>(&_mlir_ciface_ag_lapack_##NAME));
  AG_ADD_LAPACK(solve)
  AG_ADD_LAPACK(inv)
  AG_ADD_LAPACK(slogdet)
  AG_ADD_LAPACK(cholesky)
  AG_ADD_LAPACK(eigh_l)
  AG_ADD_LAPACK(eigh_u)
  AG_ADD_LAPACK(eigvalsh_l)
  AG_ADD_LAPACK(eigvalsh_u)
  AG_ADD_LAPACK(eig)
  AG_ADD_LAPACK(eigvals)
  AG_ADD_LAPACK(svd_full)
  AG_ADD_LAPACK(svd_reduced)
  AG_ADD_LAPACK(svd_values)
  AG_ADD_LAPACK(qr_reduced)
  AG_ADD_LAPACK(qr_complete)
  AG_ADD_LAPACK(qr_r)
  AG_ADD_LAPACK(lstsq)
#undef AG_ADD_LAPACK
  // Allocation functions are called by their plain C names (no ciface wrapper).
  auto addPlain = [&](const char *name, void *fn) {
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                           llvm::JITSymbolFlags::Exported};
  };
  addPlain(AG_ABI_ALLOC, reinterpret_cast<void *>(&ag_rt_alloc));
  addPlain(AG_ABI_ALIGNED_ALLOC, reinterpret_cast<void *>(&ag_rt_aligned_alloc));
  addPlain(AG_ABI_FREE, reinterpret_cast<void *>(&ag_rt_free));
  // Strided copies: ours, not the runner utilities' (MemrefCopy.cpp says why).
  addPlain(AG_ABI_MEMREF_COPY, reinterpret_cast<void *>(&memrefCopy));
  // Loops split across threads (ag-parallel-loops) call it by its plain name too.
  addPlain(AG_ABI_PARALLEL_FOR, reinterpret_cast<void *>(&ag_rt_parallel_for));
  return map;
}


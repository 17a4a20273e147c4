// ag-linalg-to-blas replaces float64 linalg.matmul / batch_matmul / matvec / vecmat, and
// float32 products with a vector side, on memrefs by calls to the OpenBLAS C ABI
// (ag/Abi/ag_abi.h); float32 matrix x matrix stays for ag-linalg-to-onednn. A zero
// fill right before the op becomes beta = 0; a transposed copy made only for the op is
// read through a memref.transpose view.
//
// RUN: ag-opt %s -ag-linalg-to-blas | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-linalg-to-blas | ag-opt | FileCheck %s --check-prefix=DECL
// RUN: ag-opt %s -ag-linalg-to-blas | grep "func.func private @ag_blas_matmul_f64(" | count 1
// RUN: ag-opt %s -ag-linalg-to-blas -ag-linalg-to-onednn | FileCheck %s --check-prefix=BOTH

// DECL-DAG: func.func private @ag_blas_matmul_f64(memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x?xf64, strided<[?, ?], offset: ?>>, f64) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_blas_batch_matmul_f64(memref<?x?x?xf64, strided<[?, ?, ?], offset: ?>>, memref<?x?x?xf64, strided<[?, ?, ?], offset: ?>>, memref<?x?x?xf64, strided<[?, ?, ?], offset: ?>>, f64) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_blas_matvec_f64(memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, f64) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_blas_vecmat_f64(memref<?xf64, strided<[?], offset: ?>>, memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, f64) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_blas_matvec_f32(
// DECL-DAG: func.func private @ag_blas_vecmat_f32(
// DECL-DAG: func.func private @ag_blas_matmul_f32(
// DECL-DAG: func.func private @ag_blas_batch_matmul_f32(

// CHECK-LABEL: func.func @matmul_f64_zero_fill(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf64>, %[[B:.*]]: memref<5x6xf64>, %[[C:.*]]: memref<4x6xf64>)
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[CA:.*]] = memref.cast %[[A]] : memref<4x5xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CB:.*]] = memref.cast %[[B]] : memref<5x6xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CC:.*]] = memref.cast %[[C]] : memref<4x6xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK:         %[[BETA:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         call @ag_blas_matmul_f64(%[[CA]], %[[CB]], %[[CC]], %[[BETA]])
// CHECK-NOT:     linalg.
// CHECK:         return
func.func @matmul_f64_zero_fill(%a: memref<4x5xf64>, %b: memref<5x6xf64>, %c: memref<4x6xf64>) {
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%c : memref<4x6xf64>)
  linalg.matmul ins(%a, %b : memref<4x5xf64>, memref<5x6xf64>) outs(%c : memref<4x6xf64>)
  return
}

// Without a zero fill the call accumulates, like linalg.matmul; dynamic dims are fine.
// CHECK-LABEL: func.func @matmul_f64_accumulate(
// CHECK:         %[[BETA:.*]] = arith.constant 1.000000e+00 : f64
// CHECK:         call @ag_blas_matmul_f64(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]])
// CHECK-NOT:     linalg.matmul
func.func @matmul_f64_accumulate(%a: memref<?x?xf64>, %b: memref<?x?xf64, strided<[?, 1], offset: ?>>, %c: memref<?x?xf64>) {
  linalg.matmul ins(%a, %b : memref<?x?xf64>, memref<?x?xf64, strided<[?, 1], offset: ?>>) outs(%c : memref<?x?xf64>)
  return
}

// CHECK-LABEL: func.func @batch_matmul_f64(
// CHECK:         call @ag_blas_batch_matmul_f64(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<?x?x?xf64, strided<[?, ?, ?], offset: ?>>,
// CHECK-NOT:     linalg.batch_matmul
func.func @batch_matmul_f64(%a: memref<2x8x5xf64>, %b: memref<2x5x6xf64>, %c: memref<2x8x6xf64>) {
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%c : memref<2x8x6xf64>)
  linalg.batch_matmul ins(%a, %b : memref<2x8x5xf64>, memref<2x5x6xf64>) outs(%c : memref<2x8x6xf64>)
  return
}

// Batches of tiny float64 matrices (<= 25 output elements each) stay linalg loops: a
// BLAS call per matrix costs more.
// CHECK-LABEL: func.func @batch_matmul_f64_tiny(
// CHECK:         linalg.batch_matmul ins(%{{.*}}, %{{.*}} : memref<100x4x5xf64>, memref<100x5x6xf64>)
// CHECK:         linalg.batch_matmul ins(%{{.*}}, %{{.*}} : memref<100x5x9xf64>, memref<100x9x5xf64>)
// CHECK:         call @ag_blas_batch_matmul_f64(
func.func @batch_matmul_f64_tiny(%a: memref<100x4x5xf64>, %b: memref<100x5x6xf64>, %c: memref<100x4x6xf64>,
                                 %d: memref<100x5x9xf64>, %e: memref<100x9x5xf64>, %f: memref<100x5x5xf64>,
                                 %g: memref<100x6x9xf64>, %h: memref<100x9x6xf64>, %i: memref<100x6x6xf64>) {
  linalg.batch_matmul ins(%a, %b : memref<100x4x5xf64>, memref<100x5x6xf64>) outs(%c : memref<100x4x6xf64>)
  linalg.batch_matmul ins(%d, %e : memref<100x5x9xf64>, memref<100x9x5xf64>) outs(%f : memref<100x5x5xf64>)
  linalg.batch_matmul ins(%g, %h : memref<100x6x9xf64>, memref<100x9x6xf64>) outs(%i : memref<100x6x6xf64>)
  return
}

// CHECK-LABEL: func.func @matvec_vecmat(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf64>, %[[X:.*]]: memref<5xf64>, %[[Y:.*]]: memref<4xf64>, %[[A32:.*]]: memref<4x5xf32>, %[[X32:.*]]: memref<4xf32>, %[[Y32:.*]]: memref<5xf32>)
// CHECK-DAG:     %[[CA:.*]] = memref.cast %[[A]] : memref<4x5xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CX:.*]] = memref.cast %[[X]] : memref<5xf64> to memref<?xf64, strided<[?], offset: ?>>
// CHECK-DAG:     %[[CY:.*]] = memref.cast %[[Y]] : memref<4xf64> to memref<?xf64, strided<[?], offset: ?>>
// CHECK:         call @ag_blas_matvec_f64(%[[CA]], %[[CX]], %[[CY]], %{{.*}})
// CHECK:         call @ag_blas_vecmat_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<?xf32, strided<[?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>, f32) -> ()
// CHECK:         call @ag_blas_matvec_f32(
// CHECK:         call @ag_blas_vecmat_f64(
func.func @matvec_vecmat(%a: memref<4x5xf64>, %x: memref<5xf64>, %y: memref<4xf64>,
                         %a32: memref<4x5xf32>, %x32: memref<4xf32>, %y32: memref<5xf32>) {
  linalg.matvec ins(%a, %x : memref<4x5xf64>, memref<5xf64>) outs(%y : memref<4xf64>)
  linalg.vecmat ins(%x32, %a32 : memref<4xf32>, memref<4x5xf32>) outs(%y32 : memref<5xf32>)
  linalg.matvec ins(%a32, %y32 : memref<4x5xf32>, memref<5xf32>) outs(%x32 : memref<4xf32>)
  linalg.vecmat ins(%y, %a : memref<4xf64>, memref<4x5xf64>) outs(%x : memref<5xf64>)
  return
}

// float32: a vector side (N == 1, M == 1) goes to BLAS's GEMV, a small GEMM (M*N*K <=
// 2^19) to BLAS, a larger one to oneDNN; batched, only N == 1 goes to BLAS.
// CHECK-LABEL: func.func @f32_by_shape(
// CHECK:         call @ag_blas_matmul_f32(
// CHECK:         call @ag_blas_matmul_f32(
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : memref<64x129xf32>, memref<129x64xf32>)
// CHECK:         call @ag_blas_matmul_f32(
// CHECK:         call @ag_blas_batch_matmul_f32(
// CHECK:         linalg.batch_matmul ins(%{{.*}}, %{{.*}} : memref<3x1x5xf32>, memref<3x5x4xf32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x5xi64>, memref<5x1xi64>)
// BOTH-LABEL: func.func @f32_by_shape(
// BOTH:         call @ag_blas_matmul_f32(
// BOTH:         call @ag_blas_matmul_f32(
// BOTH:         call @ag_onednn_matmul_f32(
// BOTH:         call @ag_blas_matmul_f32(
// BOTH:         call @ag_blas_batch_matmul_f32(
// BOTH:         call @ag_onednn_batch_matmul_f32(
// BOTH:         linalg.matmul
func.func @f32_by_shape(%a: memref<4x5xf32>, %x: memref<5x1xf32>, %y: memref<4x1xf32>,
                        %r: memref<1x4xf32>, %xt: memref<1x5xf32>, %at: memref<5x4xf32>,
                        %b: memref<64x129xf32>, %bb2: memref<129x64xf32>, %c: memref<64x64xf32>,
                        %s: memref<5x2xf32>, %sc: memref<4x2xf32>,
                        %ba: memref<3x4x5xf32>, %bx: memref<3x5x1xf32>, %by: memref<3x4x1xf32>,
                        %bv: memref<3x1x5xf32>, %bb: memref<3x5x4xf32>, %bo: memref<3x1x4xf32>,
                        %ia: memref<4x5xi64>, %ix: memref<5x1xi64>, %iy: memref<4x1xi64>) {
  linalg.matmul ins(%a, %x : memref<4x5xf32>, memref<5x1xf32>) outs(%y : memref<4x1xf32>)
  linalg.matmul ins(%xt, %at : memref<1x5xf32>, memref<5x4xf32>) outs(%r : memref<1x4xf32>)
  linalg.matmul ins(%b, %bb2 : memref<64x129xf32>, memref<129x64xf32>) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%a, %s : memref<4x5xf32>, memref<5x2xf32>) outs(%sc : memref<4x2xf32>)
  linalg.batch_matmul ins(%ba, %bx : memref<3x4x5xf32>, memref<3x5x1xf32>) outs(%by : memref<3x4x1xf32>)
  linalg.batch_matmul ins(%bv, %bb : memref<3x1x5xf32>, memref<3x5x4xf32>) outs(%bo : memref<3x1x4xf32>)
  linalg.matmul ins(%ia, %ix : memref<4x5xi64>, memref<5x1xi64>) outs(%iy : memref<4x1xi64>)
  return
}

// A copy made by linalg.transpose only for the product is read through a view instead,
// also across an earlier product that writes a fresh buffer; `x.T @ x.T` reads it twice.
// CHECK-LABEL: func.func @transpose_view(
// CHECK-SAME:    %[[A:.*]]: memref<6x4xf64>, %[[X:.*]]: memref<6x1xf64>, %[[Y:.*]]: memref<4x1xf64>)
// CHECK-NOT:     linalg.transpose
// CHECK-NOT:     memref.alloc() {{.*}} : memref<4x6xf64>
// CHECK:         %[[T:.*]] = memref.transpose %[[A]] (d0, d1) -> (d1, d0) : memref<6x4xf64> to memref<4x6xf64, strided<[1, 4]>>
// CHECK:         call @ag_blas_matmul_f64(
// CHECK:         %[[CT:.*]] = memref.cast %[[T]]
// CHECK:         call @ag_blas_matmul_f64(%[[CT]],
// CHECK-NOT:     memref.dealloc
// CHECK:         return
func.func @transpose_view(%a: memref<6x4xf64>, %x: memref<6x1xf64>, %y: memref<4x1xf64>) {
  %t = memref.alloc() : memref<4x6xf64>
  linalg.transpose ins(%a : memref<6x4xf64>) outs(%t : memref<4x6xf64>) permutation = [1, 0]
  %tmp = memref.alloc() : memref<6x1xf64>
  linalg.matmul ins(%a, %y : memref<6x4xf64>, memref<4x1xf64>) outs(%tmp : memref<6x1xf64>)
  linalg.matmul ins(%t, %x : memref<4x6xf64>, memref<6x1xf64>) outs(%y : memref<4x1xf64>)
  memref.dealloc %t : memref<4x6xf64>
  return
}

// CHECK-LABEL: func.func @transpose_read_twice(
// CHECK:         %[[T:.*]] = memref.transpose %{{.*}} (d0, d1) -> (d1, d0)
// CHECK:         %[[C1:.*]] = memref.cast %[[T]]
// CHECK:         %[[C2:.*]] = memref.cast %[[T]]
// CHECK:         call @ag_blas_matmul_f64(%[[C1]], %[[C2]],
func.func @transpose_read_twice(%a: memref<4x4xf64>, %c: memref<4x4xf64>) {
  %t = memref.alloc() : memref<4x4xf64>
  linalg.transpose ins(%a : memref<4x4xf64>) outs(%t : memref<4x4xf64>) permutation = [1, 0]
  linalg.matmul ins(%t, %t : memref<4x4xf64>, memref<4x4xf64>) outs(%c : memref<4x4xf64>)
  memref.dealloc %t : memref<4x4xf64>
  return
}

// The copy must stay when the source may change before the product reads it: a write
// into the source, a write into another argument (which may alias it), or a use of
// the copy other than the product.
// CHECK-LABEL: func.func @transpose_kept(
// CHECK-COUNT-3: linalg.transpose
// CHECK-NOT:     memref.transpose
// CHECK:         return
func.func @transpose_kept(%a: memref<4x4xf64>, %other: memref<4x4xf64>, %c: memref<4x4xf64>,
                          %x: memref<4x1xf64>, %y: memref<4x1xf64>) -> memref<4x4xf64> {
  %one = arith.constant 1.0 : f64
  %t1 = memref.alloc() : memref<4x4xf64>
  linalg.transpose ins(%a : memref<4x4xf64>) outs(%t1 : memref<4x4xf64>) permutation = [1, 0]
  linalg.fill ins(%one : f64) outs(%a : memref<4x4xf64>)
  linalg.matmul ins(%t1, %x : memref<4x4xf64>, memref<4x1xf64>) outs(%y : memref<4x1xf64>)
  %t2 = memref.alloc() : memref<4x4xf64>
  linalg.transpose ins(%a : memref<4x4xf64>) outs(%t2 : memref<4x4xf64>) permutation = [1, 0]
  linalg.fill ins(%one : f64) outs(%other : memref<4x4xf64>)
  linalg.matmul ins(%t2, %x : memref<4x4xf64>, memref<4x1xf64>) outs(%y : memref<4x1xf64>)
  %t3 = memref.alloc() : memref<4x4xf64>
  linalg.transpose ins(%a : memref<4x4xf64>) outs(%t3 : memref<4x4xf64>) permutation = [1, 0]
  linalg.matmul ins(%t3, %x : memref<4x4xf64>, memref<4x1xf64>) outs(%y : memref<4x1xf64>)
  memref.dealloc %t1 : memref<4x4xf64>
  memref.dealloc %t2 : memref<4x4xf64>
  return %t3 : memref<4x4xf64>
}

// In a staged loop the zero-filled init is hoisted and copied into each iteration's
// output: the copy is dropped (beta = 0), and with it the dead zero buffer. A transposed
// copy made before the loop is read through a view inside it when the loop writes only
// buffers of its own.
// CHECK-LABEL: func.func @hoisted_in_loop(
// CHECK-SAME:    %[[A:[^:]*]]: memref<6x4xf64>
// CHECK-NOT:     linalg.fill
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[T:.*]] = memref.transpose %[[A]] (d0, d1) -> (d1, d0)
// CHECK:         scf.for
// CHECK-NOT:       memref.copy
// CHECK:           %[[CT:.*]] = memref.cast %[[T]]
// CHECK:           %[[BETA:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:           call @ag_blas_matmul_f64(%[[CT]], %{{.*}}, %{{.*}}, %[[BETA]])
// CHECK-NOT:     memref.dealloc %{{.*}} : memref<4x6xf64>
func.func @hoisted_in_loop(%a: memref<6x4xf64>, %x: memref<6x1xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %t = memref.alloc() : memref<4x6xf64>
  linalg.transpose ins(%a : memref<6x4xf64>) outs(%t : memref<4x6xf64>) permutation = [1, 0]
  %z = memref.alloc() : memref<4x1xf64>
  linalg.fill ins(%zero : f64) outs(%z : memref<4x1xf64>)
  scf.for %i = %c0 to %n step %c1 {
    %y = memref.alloc() : memref<4x1xf64>
    memref.copy %z, %y : memref<4x1xf64> to memref<4x1xf64>
    linalg.matmul ins(%t, %x : memref<4x6xf64>, memref<6x1xf64>) outs(%y : memref<4x1xf64>)
    memref.dealloc %y : memref<4x1xf64>
  }
  memref.dealloc %z : memref<4x1xf64>
  memref.dealloc %t : memref<4x6xf64>
  return
}

// A loop that writes the source (or frees it) keeps the copy; a copied buffer that is
// also written elsewhere is not zeros (beta = 1).
// CHECK-LABEL: func.func @loop_writes_source(
// CHECK:         linalg.transpose
// CHECK:         scf.for
// CHECK:           memref.copy
// CHECK:           %[[BETA:.*]] = arith.constant 1.000000e+00 : f64
// CHECK:           call @ag_blas_matmul_f64(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]])
// CHECK:           linalg.fill
// CHECK:         linalg.transpose
// CHECK-NOT:     memref.transpose
// CHECK:         return
func.func @loop_writes_source(%a: memref<6x4xf64>, %x: memref<6x1xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %t = memref.alloc() : memref<4x6xf64>
  linalg.transpose ins(%a : memref<6x4xf64>) outs(%t : memref<4x6xf64>) permutation = [1, 0]
  %z = memref.alloc() : memref<4x1xf64>
  linalg.fill ins(%zero : f64) outs(%z : memref<4x1xf64>)
  linalg.fill ins(%one : f64) outs(%z : memref<4x1xf64>)
  scf.for %i = %c0 to %n step %c1 {
    %y = memref.alloc() : memref<4x1xf64>
    memref.copy %z, %y : memref<4x1xf64> to memref<4x1xf64>
    linalg.matmul ins(%t, %x : memref<4x6xf64>, memref<6x1xf64>) outs(%y : memref<4x1xf64>)
    linalg.fill ins(%one : f64) outs(%a : memref<6x4xf64>)
    memref.dealloc %y : memref<4x1xf64>
  }
  %s = memref.alloc() : memref<6x4xf64>
  linalg.fill ins(%one : f64) outs(%s : memref<6x4xf64>)
  %t2 = memref.alloc() : memref<4x6xf64>
  linalg.transpose ins(%s : memref<6x4xf64>) outs(%t2 : memref<4x6xf64>) permutation = [1, 0]
  memref.dealloc %s : memref<6x4xf64>
  linalg.matmul ins(%t2, %x : memref<4x6xf64>, memref<6x1xf64>) outs(%z : memref<4x1xf64>)
  memref.dealloc %z : memref<4x1xf64>
  memref.dealloc %t : memref<4x6xf64>
  memref.dealloc %t2 : memref<4x6xf64>
  return
}

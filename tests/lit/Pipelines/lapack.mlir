// ag.lapack round-trips, stays through ag-to-linalg (LAPACK has no linalg form; the op
// is pure, so an unused one is dropped and equal ones are merged) and becomes a call of
// ag_lapack_<routine> during bufferization: every result is a new identity-layout
// buffer, and operands and results go to the kernel as unranked memrefs (which carry
// the operands' strides: a transposed operand is passed as a view, not copied).
//
// RUN: ag-opt %s | ag-opt | FileCheck %s --check-prefix=ROUND
// RUN: ag-opt %s --ag-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// ROUND-LABEL: func.func @svd(
// ROUND:         %{{.*}}:4 = ag.lapack "svd_reduced"(%{{.*}}) : (tensor<5x3xf64>) -> (tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<i64>)

// LINALG-LABEL: func.func @svd(
// LINALG:         %[[R:.*]]:4 = ag.lapack "svd_reduced"
// LINALG-NOT:     ag.lapack
// LINALG:         return %[[R]]#0, %[[R]]#1, %[[R]]#2, %[[R]]#0

// CHECK-LABEL: func.func @svd(
// CHECK-SAME:    %[[A:.*]]: memref<5x3xf64>)
// CHECK:         %[[AU:.*]] = memref.cast %[[A]] : memref<5x3xf64> to memref<*xf64>
// CHECK:         %[[U:.*]] = memref.alloc() {{.*}} : memref<5x3xf64>
// CHECK:         %[[UU:.*]] = memref.cast %[[U]] : memref<5x3xf64> to memref<*xf64>
// CHECK:         %[[S:.*]] = memref.alloc() {{.*}} : memref<3xf64>
// CHECK:         memref.alloc() {{.*}} : memref<3x3xf64>
// CHECK:         %[[I:.*]] = memref.alloc() {{.*}} : memref<i64>
// CHECK:         %[[IU:.*]] = memref.cast %[[I]] : memref<i64> to memref<*xi64>
// CHECK:         call @ag_lapack_svd_reduced(%[[AU]], %[[UU]], %{{.*}}, %{{.*}}, %[[IU]]) : (memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xi64>) -> ()

// LLVM-LABEL: llvm.func @svd(
// LLVM:         llvm.call @ag_lapack_svd_reduced(
func.func @svd(%a: tensor<5x3xf64>) -> (tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<5x3xf64>) {
  %u, %s, %vh, %info = ag.lapack "svd_reduced"(%a)
      : (tensor<5x3xf64>) -> (tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<i64>)
  %u2, %s2, %vh2, %info2 = ag.lapack "svd_reduced"(%a)
      : (tensor<5x3xf64>) -> (tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<i64>)
  %unused:2 = ag.lapack "qr_r"(%a) : (tensor<5x3xf64>) -> (tensor<3x3xf64>, tensor<i64>)
  return %u, %s, %vh, %u2 : tensor<5x3xf64>, tensor<3xf64>, tensor<3x3xf64>, tensor<5x3xf64>
}

// Batched, with a transposed operand and a status the function returns.
// CHECK-LABEL: func.func @solve(
// CHECK-SAME:    %[[A:.*]]: memref<2x4x4xf64>, %[[B:.*]]: memref<2x4x1xf64>)
// CHECK:         memref.alloc() {{.*}} : memref<2x4x1xf64>
// CHECK:         call @ag_lapack_solve(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xi64>) -> ()
// The kernels are declared once each, with the C interface the JIT looks up.
// CHECK-DAG:   func.func private @ag_lapack_svd_reduced(memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xi64>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_lapack_solve(memref<*xf64>, memref<*xf64>, memref<*xf64>, memref<*xi64>) attributes {llvm.emit_c_interface}
func.func @solve(%a: tensor<2x4x4xf64>, %b: tensor<2x4x1xf64>) -> (tensor<2x4x1xf64>, tensor<i64>) {
  %t = ag.transpose %a {permutation = array<i64: 0, 2, 1>} : tensor<2x4x4xf64> -> tensor<2x4x4xf64>
  %x, %info = ag.lapack "solve"(%t, %b)
      : (tensor<2x4x4xf64>, tensor<2x4x1xf64>) -> (tensor<2x4x1xf64>, tensor<i64>)
  return %x, %info : tensor<2x4x1xf64>, tensor<i64>
}

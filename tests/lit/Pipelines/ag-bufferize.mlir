// The ag-bufferize pipeline on the output of ag-to-linalg: one-shot bufferization with
// identity-layout function boundaries, ownership-based deallocation, and matmul/conv
// replaced by OpenBLAS or oneDNN calls.
//
// RUN: ag-opt %s -ag-to-linalg -ag-bufferize | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-to-linalg -ag-bufferize | FileCheck %s --check-prefix=NOTENSOR

// No tensor values or tensor ops are left anywhere (memref.global keeps its dense
// initializer, which prints without a tensor type).
// NOTENSOR-NOT: tensor<
// NOTENSOR-NOT: tensor.
// NOTENSOR-NOT: bufferization.

// a small matmul f32 -> an OpenBLAS call writing a fresh 64-byte aligned buffer with beta
// 0 (the zero fill is folded); the fused add+tanh+sum (rows of 6: a running float32 sum) reads it and
// writes the result buffer, the temporary is deallocated and the result buffer is
// returned (owned by the caller).
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME:    %[[X:.*]]: memref<4x5xf32>, %[[W:.*]]: memref<5x6xf32>, %[[B:.*]]: memref<6xf32>) -> memref<4xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[MM:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x6xf32>
// CHECK-DAG:     %[[CX:.*]] = memref.cast %[[X]] : memref<4x5xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CW:.*]] = memref.cast %[[W]] : memref<5x6xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CMM:.*]] = memref.cast %[[MM]] : memref<4x6xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         call @ag_blas_matmul_f32(%[[CX]], %[[CW]], %[[CMM]], %[[ZERO]])
// CHECK:         %[[RES:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
// CHECK:         linalg.fill ins(%[[ZERO]] : f32) outs(%[[RES]] : memref<4xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[MM]], %[[B]] : memref<4x6xf32>, memref<6xf32>) outs(%[[RES]] : memref<4xf32>)
// CHECK:           math.tanh
// CHECK:         memref.dealloc %[[MM]] : memref<4x6xf32>
// CHECK-NOT:     memref.dealloc %[[RES]]
// CHECK:         return %[[RES]] : memref<4xf32>
// CHECK-NOT:     linalg.matmul
func.func @mlp(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %b: tensor<6xf32>) -> tensor<4xf32> {
  %0 = ag.matmul %x, %w : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
  %1 = ag.add %0, %b : tensor<4x6xf32>, tensor<6xf32> -> tensor<4x6xf32>
  %2 = ag.tanh %1 : tensor<4x6xf32> -> tensor<4x6xf32>
  %3 = ag.sum %2 {axes = array<i64: 1>} : tensor<4x6xf32> -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// Returning an argument returns a copy: the caller owns every result buffer.
// CHECK-LABEL: func.func @identity(
// CHECK-SAME:    %[[A:.*]]: memref<4xi64>) -> memref<4xi64>
// CHECK:         %[[R:.*]] = memref.alloc() : memref<4xi64>
// CHECK:         memref.copy %[[A]], %[[R]] : memref<4xi64> to memref<4xi64>
// CHECK:         return %[[R]] : memref<4xi64>
func.func @identity(%a: tensor<4xi64>) -> tensor<4xi64> {
  return %a : tensor<4xi64>
}

// So does returning a constant (a memref.global) or a view of an argument.
// CHECK-LABEL: func.func @constant_result(
// CHECK:         %[[G:.*]] = memref.get_global @[[GLOBAL:.*]] : memref<2xf32>
// CHECK:         %[[R:.*]] = memref.alloc() : memref<2xf32>
// CHECK:         memref.copy %[[G]], %[[R]]
// CHECK:         return %[[R]]
func.func @constant_result() -> tensor<2xf32> {
  %c = ag.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}

// CHECK-LABEL: func.func @view_result(
// CHECK-SAME:    %[[A:.*]]: memref<10xf32>) -> memref<5xf32>
// CHECK:         %[[V:.*]] = memref.subview %[[A]][0] [5] [2] : memref<10xf32> to memref<5xf32, strided<[2]>>
// CHECK:         %[[R:.*]] = memref.alloc() {{.*}}: memref<5xf32>
// CHECK:         memref.copy %[[V]], %[[R]] : memref<5xf32, strided<[2]>> to memref<5xf32>
// CHECK:         return %[[R]] : memref<5xf32>
func.func @view_result(%a: tensor<10xf32>) -> tensor<5xf32> {
  %r = ag.slice %a {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<10xf32> -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// A larger f32 matmul (M*N*K > 2^19): the oneDNN call.
// CHECK-LABEL: func.func @matmul_f32_large(
// CHECK-NOT:     linalg.fill
// CHECK:         call @ag_onednn_matmul_f32(
// CHECK-NOT:     linalg.matmul
// CHECK:         return
func.func @matmul_f32_large(%a: tensor<64x129xf32>, %b: tensor<129x64xf32>) -> tensor<64x64xf32> {
  %0 = ag.matmul %a, %b : tensor<64x129xf32>, tensor<129x64xf32> -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// float64 matmul: the OpenBLAS call, its zero fill folded into beta.
// CHECK-LABEL: func.func @matmul_f64(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf64>, %[[B:.*]]: memref<5x6xf64>) -> memref<4x6xf64>
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x6xf64>
// CHECK-NOT:     linalg.fill
// CHECK:         call @ag_blas_matmul_f64(
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[C]]
func.func @matmul_f64(%a: tensor<4x5xf64>, %b: tensor<5x6xf64>) -> tensor<4x6xf64> {
  %0 = ag.matmul %a, %b : tensor<4x5xf64>, tensor<5x6xf64> -> tensor<4x6xf64>
  return %0 : tensor<4x6xf64>
}

// Integer matmul stays a linalg.matmul (on memrefs) after its zero fill.
// CHECK-LABEL: func.func @matmul_i64(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xi64>, %[[B:.*]]: memref<5x6xi64>) -> memref<4x6xi64>
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x6xi64>
// CHECK:         linalg.fill ins(%{{.*}} : i64) outs(%[[C]] : memref<4x6xi64>)
// CHECK:         linalg.matmul ins(%[[A]], %[[B]] : memref<4x5xi64>, memref<5x6xi64>) outs(%[[C]] : memref<4x6xi64>)
// CHECK-NOT:     call
// CHECK:         return %[[C]]
func.func @matmul_i64(%a: tensor<4x5xi64>, %b: tensor<5x6xi64>) -> tensor<4x6xi64> {
  %0 = ag.matmul %a, %b : tensor<4x5xi64>, tensor<5x6xi64> -> tensor<4x6xi64>
  return %0 : tensor<4x6xi64>
}

// float64 A.T @ x: BLAS reads A through a transposed view (GEMV's transpose flag), the
// copy linalg.transpose made is gone.
// CHECK-LABEL: func.func @matvec_transposed_f64(
// CHECK-SAME:    %[[A:.*]]: memref<6x4xf64>, %[[X:.*]]: memref<6xf64>) -> memref<4xf64>
// CHECK-NOT:     linalg.transpose
// CHECK:         memref.transpose %[[A]] (d0, d1) -> (d1, d0)
// CHECK:         call @ag_blas_matmul_f64(
// CHECK-NOT:     linalg.
// CHECK:         return
func.func @matvec_transposed_f64(%a: tensor<6x4xf64>, %x: tensor<6xf64>) -> tensor<4xf64> {
  %t = ag.transpose %a {permutation = array<i64: 1, 0>} : tensor<6x4xf64> -> tensor<4x6xf64>
  %0 = ag.matmul %t, %x : tensor<4x6xf64>, tensor<6xf64> -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// Batched f32 matmul: the batch_matmul call.
// CHECK-LABEL: func.func @batch_matmul_f32(
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x4x6xf32>
// CHECK-NOT:     linalg.fill
// CHECK:         call @ag_onednn_batch_matmul_f32(
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         return %[[C]]
func.func @batch_matmul_f32(%a: tensor<2x4x5xf32>, %b: tensor<2x5x6xf32>) -> tensor<2x4x6xf32> {
  %0 = ag.matmul %a, %b : tensor<2x4x5xf32>, tensor<2x5x6xf32> -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// conv2d f32 with padding: the padded copy is a temporary buffer, freed after the call.
// CHECK-LABEL: func.func @conv_f32(
// CHECK-SAME:    %[[X:.*]]: memref<1x3x8x8xf32>, %[[W:.*]]: memref<4x3x3x3xf32>) -> memref<1x4x8x8xf32>
// CHECK:         %[[PAD:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x3x10x10xf32>
// CHECK:         %[[INNER:.*]] = memref.subview %[[PAD]][0, 0, 1, 1] [1, 3, 8, 8] [1, 1, 1, 1]
// CHECK:         memref.copy %[[X]], %[[INNER]]
// CHECK:         %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x4x8x8xf32>
// CHECK:         call @ag_onednn_conv2d_f32(
// CHECK:         memref.dealloc %[[PAD]]
// CHECK:         return %[[OUT]]
func.func @conv_f32(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return %r : tensor<1x4x8x8xf32>
}

// concatenate writes its inputs straight into subviews of the result (tensor.empty
// elimination), with no intermediate buffer.
// CHECK-LABEL: func.func @concatenate(
// CHECK-SAME:    %[[A:.*]]: memref<2x3xf32>, %[[B:.*]]: memref<4x3xf32>) -> memref<6x3xf32>
// CHECK:         %[[R:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6x3xf32>
// CHECK:         %[[S0:.*]] = memref.subview %[[R]][0, 0] [2, 3] [1, 1]
// CHECK:         memref.copy %[[A]], %[[S0]]
// CHECK:         %[[S1:.*]] = memref.subview %[[R]][2, 0] [4, 3] [1, 1]
// CHECK:         memref.copy %[[B]], %[[S1]]
// CHECK-NOT:     memref.alloc
// CHECK:         return %[[R]]
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<6x3xf32> {
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}

// The oneDNN entry points are declared once each, with the C interface.
// CHECK-DAG: func.func private @ag_onednn_matmul_f32({{.*}}) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @ag_onednn_batch_matmul_f32({{.*}}) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @ag_onednn_conv2d_f32({{.*}}) attributes {llvm.emit_c_interface}

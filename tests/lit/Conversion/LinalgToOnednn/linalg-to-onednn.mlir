// ag-linalg-to-onednn replaces f32 linalg.matmul / batch_matmul / conv_2d_nchw_fchw on
// memrefs by calls to the oneDNN C ABI (ag/Abi/ag_abi.h). A zero fill right before
// the op is folded into the call (beta = 0); otherwise the call accumulates (beta = 1).
//
// RUN: ag-opt %s -ag-linalg-to-onednn | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-linalg-to-onednn | FileCheck %s --check-prefix=DECL
// RUN: ag-opt %s -ag-linalg-to-onednn | grep "func.func private @ag_onednn_matmul_f32(" | count 1
// RUN: ag-opt %s -ag-linalg-to-onednn | grep "func.func private @ag_onednn_batch_matmul_f32(" | count 1
// RUN: ag-opt %s -ag-linalg-to-onednn | grep "func.func private @ag_onednn_conv2d_f32(" | count 1

// CHECK-LABEL: func.func @matmul_zero_fill(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf32>, %[[B:.*]]: memref<5x6xf32>, %[[C:.*]]: memref<4x6xf32>)
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[CA:.*]] = memref.cast %[[A]] : memref<4x5xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CB:.*]] = memref.cast %[[B]] : memref<5x6xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-DAG:     %[[CC:.*]] = memref.cast %[[C]] : memref<4x6xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         %[[BETA:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         call @ag_onednn_matmul_f32(%[[CA]], %[[CB]], %[[CC]], %[[BETA]]) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, f32) -> ()
// CHECK-NOT:     linalg.matmul
// CHECK-NOT:     linalg.fill
// CHECK:         return
func.func @matmul_zero_fill(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %c: memref<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  return
}

// Without a fill the call must accumulate into the output, like linalg.matmul.
// CHECK-LABEL: func.func @matmul_no_fill(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf32>, %[[B:.*]]: memref<5x6xf32>, %[[C:.*]]: memref<4x6xf32>)
// CHECK:         %[[BETA:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         call @ag_onednn_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]])
// CHECK-NOT:     linalg.matmul
func.func @matmul_no_fill(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %c: memref<4x6xf32>) {
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  return
}

// A non-zero fill is kept and the call accumulates on top of it.
// CHECK-LABEL: func.func @matmul_nonzero_fill(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf32>, %[[B:.*]]: memref<5x6xf32>, %[[C:.*]]: memref<4x6xf32>)
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         linalg.fill ins(%[[ONE]] : f32) outs(%[[C]] : memref<4x6xf32>)
// CHECK:         %[[BETA:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         call @ag_onednn_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]])
func.func @matmul_nonzero_fill(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %c: memref<4x6xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  return
}

// A zero fill of another buffer, or one not immediately before the op, is not folded.
// CHECK-LABEL: func.func @matmul_fill_not_adjacent(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf32>, %[[B:.*]]: memref<5x6xf32>, %[[C:.*]]: memref<4x6xf32>, %[[D:.*]]: memref<4x6xf32>)
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[C]] : memref<4x6xf32>)
// CHECK:         memref.copy
// CHECK:         %[[BETA:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         call @ag_onednn_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]])
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[D]] : memref<4x6xf32>)
// CHECK:         %[[BETA2:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         call @ag_onednn_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[BETA2]])
func.func @matmul_fill_not_adjacent(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %c: memref<4x6xf32>, %d: memref<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  memref.copy %d, %d : memref<4x6xf32> to memref<4x6xf32>
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.fill ins(%zero : f32) outs(%d : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  return
}

// CHECK-LABEL: func.func @batch_matmul(
// CHECK-SAME:    %[[A:.*]]: memref<2x4x5xf32>, %[[B:.*]]: memref<2x5x6xf32>, %[[C:.*]]: memref<2x4x6xf32>)
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[CA:.*]] = memref.cast %[[A]] : memref<2x4x5xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK-DAG:     %[[CB:.*]] = memref.cast %[[B]] : memref<2x5x6xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK-DAG:     %[[CC:.*]] = memref.cast %[[C]] : memref<2x4x6xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK:         %[[BETA:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         call @ag_onednn_batch_matmul_f32(%[[CA]], %[[CB]], %[[CC]], %[[BETA]])
// CHECK-NOT:     linalg.batch_matmul
func.func @batch_matmul(%a: memref<2x4x5xf32>, %b: memref<2x5x6xf32>, %c: memref<2x4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<2x4x6xf32>)
  linalg.batch_matmul ins(%a, %b : memref<2x4x5xf32>, memref<2x5x6xf32>) outs(%c : memref<2x4x6xf32>)
  return
}

// Strides then dilations are passed as i64 constants, in (H, W) order.
// CHECK-LABEL: func.func @conv(
// CHECK-SAME:    %[[X:.*]]: memref<1x3x8x8xf32>, %[[W:.*]]: memref<4x3x3x3xf32>, %[[O:.*]]: memref<1x4x3x4xf32>)
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[CX:.*]] = memref.cast %[[X]] : memref<1x3x8x8xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK-DAG:     %[[CW:.*]] = memref.cast %[[W]] : memref<4x3x3x3xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK-DAG:     %[[CO:.*]] = memref.cast %[[O]] : memref<1x4x3x4xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK:         %[[SH:.*]] = arith.constant 2 : i64
// CHECK:         %[[SW:.*]] = arith.constant 1 : i64
// CHECK:         %[[DH:.*]] = arith.constant 1 : i64
// CHECK:         %[[DW:.*]] = arith.constant 2 : i64
// CHECK:         %[[BETA:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         call @ag_onednn_conv2d_f32(%[[CX]], %[[CW]], %[[CO]], %[[SH]], %[[SW]], %[[DH]], %[[DW]], %[[BETA]]) : (memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, i64, i64, i64, i64, f32) -> ()
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
func.func @conv(%x: memref<1x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %o: memref<1x4x3x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%o : memref<1x4x3x4xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%x, %w : memref<1x3x8x8xf32>, memref<4x3x3x3xf32>) outs(%o : memref<1x4x3x4xf32>)
  return
}

// Strided views (subviews) are passed through memref.cast as well.
// CHECK-LABEL: func.func @matmul_subview(
// CHECK:         %[[SV:.*]] = memref.subview
// CHECK:         %[[CSV:.*]] = memref.cast %[[SV]] : memref<4x5xf32, strided<[10, 1]>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:         call @ag_onednn_matmul_f32(%[[CSV]],
func.func @matmul_subview(%a: memref<4x10xf32>, %b: memref<5x6xf32>, %c: memref<4x6xf32>) {
  %sv = memref.subview %a[0, 0] [4, 5] [1, 1] : memref<4x10xf32> to memref<4x5xf32, strided<[10, 1]>>
  linalg.matmul ins(%sv, %b : memref<4x5xf32, strided<[10, 1]>>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  return
}

// Other element types stay linalg (they run as loops); so do ops on tensors.
// CHECK-LABEL: func.func @not_f32(
// CHECK:         linalg.fill
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x5xf64>, memref<5x6xf64>)
// CHECK:         linalg.batch_matmul ins(%{{.*}}, %{{.*}} : memref<2x4x5xi32>, memref<2x5x6xi32>)
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : memref<1x3x8x8xf64>, memref<4x3x3x3xf64>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<5x6xf32>)
// CHECK-NOT:     call
// CHECK:         return
func.func @not_f32(%a: memref<4x5xf64>, %b: memref<5x6xf64>, %c: memref<4x6xf64>,
                   %ia: memref<2x4x5xi32>, %ib: memref<2x5x6xi32>, %ic: memref<2x4x6xi32>,
                   %x: memref<1x3x8x8xf64>, %w: memref<4x3x3x3xf64>, %o: memref<1x4x6x6xf64>,
                   %ta: tensor<4x5xf32>, %tb: tensor<5x6xf32>, %tc: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%c : memref<4x6xf64>)
  linalg.matmul ins(%a, %b : memref<4x5xf64>, memref<5x6xf64>) outs(%c : memref<4x6xf64>)
  linalg.batch_matmul ins(%ia, %ib : memref<2x4x5xi32>, memref<2x5x6xi32>) outs(%ic : memref<2x4x6xi32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : memref<1x3x8x8xf64>, memref<4x3x3x3xf64>) outs(%o : memref<1x4x6x6xf64>)
  %r = linalg.matmul ins(%ta, %tb : tensor<4x5xf32>, tensor<5x6xf32>) outs(%tc : tensor<4x6xf32>) -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// A second function calling the same entry point reuses the one declaration.
// CHECK-LABEL: func.func @matmul_again(
// CHECK:         call @ag_onednn_matmul_f32(
func.func @matmul_again(%a: memref<8x5xf32>, %b: memref<5x2xf32>, %c: memref<8x2xf32>) {
  linalg.matmul ins(%a, %b : memref<8x5xf32>, memref<5x2xf32>) outs(%c : memref<8x2xf32>)
  return
}

// Each callee is declared once (counted by the RUN lines above), private, with the C
// interface so that memrefs are passed by descriptor pointer.
// DECL-DAG: func.func private @ag_onednn_matmul_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, f32) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_onednn_batch_matmul_f32(memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, f32) attributes {llvm.emit_c_interface}
// DECL-DAG: func.func private @ag_onednn_conv2d_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, i64, i64, i64, i64, f32) attributes {llvm.emit_c_interface}

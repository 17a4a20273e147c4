// Ops the ag -> linalg conversion does not handle (dynamic shapes it cannot size) make the
// pass fail with a diagnostic naming the op, and ag-opt exit non-zero; nothing is left
// half-lowered and nothing crashes.
//
// RUN: not ag-opt %s -split-input-file -convert-ag-to-linalg 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: not ag-opt %s -split-input-file -ag-compile 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"

// Batch dims broadcast against a dynamic dim (a run-time choice between stretching and
// not; the frontend raises AgUnsupportedError first).
// CHECK: error: failed to legalize operation 'ag.matmul' that was explicitly marked illegal
func.func @matmul_dynamic_broadcast_batch(%a: tensor<?x4x5xf32>, %b: tensor<1x5x6xf32>) -> tensor<?x4x6xf32> {
  %r = ag.matmul %a, %b : tensor<?x4x5xf32>, tensor<1x5x6xf32> -> tensor<?x4x6xf32>
  return %r : tensor<?x4x6xf32>
}

// -----

// CHECK: error: failed to legalize operation 'ag.dynamic_slice' that was explicitly marked illegal
func.func @dynamic_slice_dynamic_window(%x: tensor<8xf32>, %i: tensor<i64>) -> tensor<?xf32> {
  %r = ag.dynamic_slice %x[%i] : tensor<8xf32>, tensor<i64> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Dynamic H/W in conv2d and pooling (windows are sized statically; dynamic N, C and O are
// lowered) fail cleanly.
// CHECK: error: failed to legalize operation 'ag.conv2d' that was explicitly marked illegal
func.func @conv2d_dynamic_height(%x: tensor<1x3x?x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x?x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x?x8xf32>
  return %r : tensor<1x4x?x8xf32>
}

// -----

// CHECK: error: failed to legalize operation 'ag.avg_pool2d' that was explicitly marked illegal
func.func @avg_pool2d_dynamic_width(%x: tensor<1x3x8x?xf32>) -> tensor<1x3x5x?xf32> {
  %r = ag.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<1x3x8x?xf32> -> tensor<1x3x5x?xf32>
  return %r : tensor<1x3x5x?xf32>
}


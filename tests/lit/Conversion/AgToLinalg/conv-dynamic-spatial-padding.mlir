// XFAIL: *
// BUG: padSpatial adds 2 * padding to the H/W sizes of the input type without checking
// for dynamic dims, so a dynamic H (kDynamic = INT64_MIN) becomes the invalid dimension
// -9223372036854775806: the pass "succeeds" and prints
// `tensor.pad ... : tensor<1x3x?x8xf32> to tensor<1x3x-9223372036854775806x10xf32>`,
// which no longer parses. (The verifier accepts dynamic H/W for conv2d and pools.)
// Expected: a valid lowering (the padded dim stays dynamic) or a clean pass failure.
//
// RUN: ag-opt %s -convert-ag-to-linalg | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @conv2d_dynamic_height(
// CHECK:         tensor.pad {{.*}} : tensor<1x3x?x8xf32> to tensor<1x3x?x10xf32>
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @conv2d_dynamic_height(%x: tensor<1x3x?x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x?x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x?x8xf32>
  return %r : tensor<1x4x?x8xf32>
}

// CHECK-LABEL: func.func @avg_pool2d_dynamic_width(
// CHECK:         tensor.pad {{.*}} : tensor<1x3x8x?xf32> to tensor<1x3x10x?xf32>
// CHECK:         linalg.pooling_nchw_sum
func.func @avg_pool2d_dynamic_width(%x: tensor<1x3x8x?xf32>) -> tensor<1x3x5x?xf32> {
  %r = ag.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<1x3x8x?xf32> -> tensor<1x3x5x?xf32>
  return %r : tensor<1x3x5x?xf32>
}

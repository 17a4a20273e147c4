// Shapes no numpy array can have (byte size above the largest intp) are rejected by every
// ag op, operand or result, before any lowering computes sizes from them: a diagnostic
// and a non-zero exit, no crash, no wrapped-around sizes.
//
// RUN: not ag-opt %s -split-input-file 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: not ag-opt %s -split-input-file -ag-compile 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"

// CHECK: error: 'ag.add' op array is too big: 'tensor<9223372036854775807x9223372036854775807xf32>' exceeds the largest size numpy can allocate
func.func @add_int64_max_dims(%a: tensor<9223372036854775807x9223372036854775807xf32>) -> tensor<9223372036854775807x9223372036854775807xf32> {
  %r = ag.add %a, %a : tensor<9223372036854775807x9223372036854775807xf32>, tensor<9223372036854775807x9223372036854775807xf32> -> tensor<9223372036854775807x9223372036854775807xf32>
  return %r : tensor<9223372036854775807x9223372036854775807xf32>
}

// -----

// (2^63 - 1)^2 elements wrap around to 1 in 64 bits; the reshape must not be accepted.
// CHECK: error: 'ag.reshape' op array is too big: 'tensor<9223372036854775807x9223372036854775807xf32>'
func.func @reshape_wrapping_count(%a: tensor<9223372036854775807x9223372036854775807xf32>) -> tensor<1xf32> {
  %r = ag.reshape %a : tensor<9223372036854775807x9223372036854775807xf32> -> tensor<1xf32>
  return %r : tensor<1xf32>
}

// -----

// Exactly 2^63 bytes of float64.
// CHECK: error: 'ag.neg' op array is too big: 'tensor<1152921504606846976xf64>'
func.func @just_too_big(%a: tensor<1152921504606846976xf64>) {
  %r = ag.neg %a : tensor<1152921504606846976xf64> -> tensor<1152921504606846976xf64>
  return
}

// -----

// A small operand cannot be broadcast to an absurd result (the allocation size would wrap).
// CHECK: error: 'ag.broadcast_to' op array is too big: 'tensor<4611686018427387904x4xf32>'
func.func @broadcast_to_absurd(%s: tensor<f32>) -> tensor<4611686018427387904x4xf32> {
  %r = ag.broadcast_to %s : tensor<f32> -> tensor<4611686018427387904x4xf32>
  return %r : tensor<4611686018427387904x4xf32>
}

// -----

// CHECK: error: 'ag.constant' op array is too big: 'tensor<9223372036854775807xf32>'
func.func @splat_constant() -> tensor<9223372036854775807xf32> {
  %c = ag.constant dense<1.0> : tensor<9223372036854775807xf32>
  return %c : tensor<9223372036854775807xf32>
}

// -----

// Batch dims that broadcast to 2^64 matrices.
// CHECK: error: 'ag.matmul' op array is too big: 'tensor<4294967296x4294967296x1x1xf32>'
func.func @matmul_batch_explosion(%a: tensor<4294967296x1x1x1xf32>, %b: tensor<4294967296x1x1xf32>) {
  %r = ag.matmul %a, %b : tensor<4294967296x1x1x1xf32>, tensor<4294967296x1x1xf32> -> tensor<4294967296x4294967296x1x1xf32>
  return
}

// -----

// Padding that overflows the padded size.
// CHECK: error: 'ag.conv2d' op array is too big: 'tensor<1x1x4611686018427387910x6xf32>'
func.func @conv_huge_padding(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 2305843009213693952, 0>} : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x4611686018427387910x6xf32>
  return
}

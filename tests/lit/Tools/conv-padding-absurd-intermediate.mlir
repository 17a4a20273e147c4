// Regression (fixed): the "array is too big" rule checks operands and results only. conv2d with a huge
// padding and a matching huge stride has a small, legal result (1x1x2x8), but its lowering
// materialises the padded input tensor<1x1x4611686018427387912x8xf32> (2^67 bytes):
// after ag-compile the allocation size computation wraps to a few hundred bytes and the
// copy of the input into the padded buffer writes out of bounds at run time.
// Expected: the verifier rejects a padded input numpy/torch could not allocate.
//
// RUN: not ag-opt %s 2>&1 | FileCheck %s

// CHECK: error: 'ag.conv2d'
func.func @conv_absurd_padding(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 4611686018427387904, 1>, padding = array<i64: 2305843009213693952, 0>} : tensor<1x1x8x8xf32>, tensor<1x1x1x1xf32> -> tensor<1x1x2x8xf32>
  return %r : tensor<1x1x2x8xf32>
}

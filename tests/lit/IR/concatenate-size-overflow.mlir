// Regression (fixed): concatenate's inferred size along the axis is a plain int64 sum. For bool inputs
// (one byte per element, so the operands pass the "array is too big" check) the sum
// 9223372036854775807 + 1 wraps to INT64_MIN, which is ShapedType::kDynamic: the op is
// accepted with a dynamic result `tensor<?xi1>` instead of being rejected as too big.
// Expected: an "array is too big" style error.
//
// RUN: not ag-opt %s 2>&1 | FileCheck %s

// CHECK: error: 'ag.concatenate'
func.func @concatenate_size_overflow(%a: tensor<9223372036854775807xi1>, %b: tensor<1xi1>) -> tensor<?xi1> {
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<9223372036854775807xi1>, tensor<1xi1> -> tensor<?xi1>
  return %r : tensor<?xi1>
}

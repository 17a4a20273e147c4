// XFAIL: *
// BUG: concatenate infers its result shape from the FIRST input, so
// concatenate(tensor<2x3xf32>, tensor<2x?xf32>) has the static result tensor<4x3xf32>
// and passes the lowering's "static result" guard; concatAlong then uses the second
// input's static sizes, kDynamic included, and builds an invalid tensor.insert_slice
// (static_sizes = [2, -9223372036854775808]): the pass fails with the verifier error
// "expected 1 dynamic size values" on IR it produced itself.
// Expected: a valid insert_slice chain (sizes of dynamic dims from tensor.dim, or the
// result's static size, since the verifier guarantees they agree).
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @concatenate_dynamic_second_input(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x?xf32>) -> tensor<4x3xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x3xf32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK:         tensor.insert_slice %[[B]] into %[[R0]][2, 0] [2, {{.*}}] [1, 1]
func.func @concatenate_dynamic_second_input(%a: tensor<2x3xf32>, %b: tensor<2x?xf32>) -> tensor<4x3xf32> {
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x?xf32> -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// Regression (fixed): ReshapeOp::fold reshapes a constant operand with DenseElementsAttr::reshape even
// when the result type has dynamic dims. The canonicalizer then produces
// `ag.constant dense<> : tensor<?xf32>` (the data is lost, and the printed IR no longer
// parses: "elements literal type must have static shape"); ag-compile later fails on a
// memref.global of type memref<?xf32>.
// Expected: no fold to a constant unless the result type is static; the IR stays valid.
//
// RUN: ag-opt %s -canonicalize | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @reshape_constant_to_dynamic(
// CHECK:         ag.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf32>
// CHECK:         ag.reshape
func.func @reshape_constant_to_dynamic() -> tensor<?xf32> {
  %c = ag.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %r = ag.reshape %c : tensor<6xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// ag-opt on malformed input prints a diagnostic and exits non-zero; it never crashes
// (`not` fails on a signal, and no stack dump may appear). The last split is truncated in
// the middle of a type: this file deliberately ends without a newline.
//
// RUN: not ag-opt %s -split-input-file 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: not ag-opt %s -split-input-file -ag-compile 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"

// CHECK: error: custom op 'ag.frobnicate' is unknown
func.func @unknown_ag_op(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = ag.frobnicate %a : tensor<4xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK: error: Dialect `agx' not found for custom op 'agx.add'
func.func @unknown_dialect(%a: tensor<4xf32>) {
  %r = agx.add %a, %a : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// CHECK: error: use of value '%a' expects different type than prior uses: 'tensor<4xi32>' vs 'tensor<4xf32>'
func.func @operand_type_disagrees(%a: tensor<4xf32>) {
  %r = ag.add %a, %a : tensor<4xi32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// CHECK: error: custom op 'ag.add' invalid kind of type specified
func.func @memref_operands(%a: memref<4xf32>) {
  %r = ag.add %a, %a : memref<4xf32>, memref<4xf32> -> memref<4xf32>
  return
}

// -----

// CHECK: error: custom op 'ag.exp' invalid kind of type specified
func.func @unranked_operand(%a: tensor<*xf32>) {
  %r = ag.exp %a : tensor<*xf32> -> tensor<*xf32>
  return
}

// -----

// CHECK: error: custom op 'ag.matmul' invalid kind of type specified
func.func @scalar_operand(%a: f32, %b: tensor<4xf32>) {
  %r = ag.matmul %a, %b : f32, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// CHECK: error: 'ag.mul' op operand #0 must be ranked tensor of 16-bit float or 32-bit float or 64-bit float or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer or 1-bit signless integer or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4xbf16>'
func.func @unsupported_element_type(%a: tensor<4xbf16>) {
  %r = ag.mul %a, %a : tensor<4xbf16>, tensor<4xbf16> -> tensor<4xbf16>
  return
}

// -----

// CHECK: error: expected '->'
func.func @missing_result_type(%a: tensor<4xf32>) {
  %r = ag.add %a, %a : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// CHECK: error: use of undeclared SSA value name
func.func @undefined_value(%a: tensor<4xf32>) {
  %r = ag.add %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// CHECK: error: 'ag.add' op expected 2 operands, but found 1
func.func @generic_form_operand_count(%a: tensor<4xf32>) {
  %r = "ag.add"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// CHECK: error: 'ag.mul' op requires one result
func.func @generic_form_two_results(%a: tensor<4xf32>) {
  %r:2 = "ag.mul"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

// CHECK: error: 'ag.neg' op requires one result
func.func @generic_form_no_result(%a: tensor<4xf32>) {
  "ag.neg"(%a) : (tensor<4xf32>) -> ()
  return
}

// -----

// CHECK: error: 'ag.slice' op requires attribute 'steps'
func.func @missing_attribute(%a: tensor<4xf32>) {
  %r = ag.slice %a {starts = array<i64: 0>} : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// CHECK: error: custom op 'ag.sum' 'ag.sum' op attribute 'axes' failed to satisfy constraint: i64 dense array attribute
func.func @attribute_of_wrong_kind(%a: tensor<4xf32>) {
  %r = ag.sum %a {axes = [0]} : tensor<4xf32> -> tensor<f32>
  return
}

// -----

// CHECK: error: 'ag.argmax' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute
func.func @attribute_of_wrong_width(%a: tensor<4xf32>) {
  %r = "ag.argmax"(%a) {axis = 0 : i32} : (tensor<4xf32>) -> tensor<i64>
  return
}

// -----

// CHECK: error: expected ']'
func.func @index_list_unclosed(%x: tensor<8xf32>, %i: tensor<i64>) {
  %r = ag.dynamic_index %x[%i : tensor<8xf32>, tensor<i64> -> tensor<f32>
  return
}

// -----

// CHECK: error: expected ','
func.func @index_types_missing(%x: tensor<8xf32>, %i: tensor<i64>) {
  %r = ag.dynamic_index %x[%i] : tensor<8xf32> -> tensor<f32>
  return
}

// -----

// CHECK: error: invalid dimension
func.func @dimension_overflows_int64(%a: tensor<99999999999999999999xf32>) {
  return
}

// -----

// CHECK: error: expected non-function type
func.func @negative_dimension(%a: tensor<-3xf32>) {
  return
}

// -----

// CHECK: error: inferred shape of elements literal ([2]) does not match type ([3])
func.func @constant_literal_shape(%a: tensor<4xf32>) {
  %c = ag.constant dense<[1.0, 2.0]> : tensor<3xf32>
  return
}

// -----

// CHECK: error: expected integer elements, but parsed floating-point
func.func @constant_literal_kind() {
  %c = ag.constant dense<[1.5, 2.0]> : tensor<2xi32>
  return
}

// -----

// CHECK: error: custom op 'ag.constant' invalid kind of attribute specified
func.func @constant_not_a_tensor() {
  %c = ag.constant 1.0 : f32
  return
}

// -----

// The function body is not closed before the split ends.
// CHECK: error: expected operation name in quotes
func.func @unterminated_region(%a: tensor<4xf32>) {
  %r = ag.neg %a : tensor<4xf32> -> tensor<4xf32>

// -----

// CHECK: error: expected non-function type
func.func @truncated(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = ag.add %a, %a : tensor<4xf32>, tensor<4x
// Every verifier rule of the ag dialect (lib/IR/AgOps.cpp), one split each. Ops with
// inferred result types report the rule, then "failed to infer returned types".
//
// RUN: ag-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

func.func @binary_dtype_mismatch(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'ag.add' operands have different dtypes float32 and int32 (the runtime must promote them first)}}
  // expected-error @+1 {{'ag.add' op failed to infer returned types}}
  %r = ag.add %a, %b : tensor<4xf32>, tensor<4xi32> -> tensor<4xf32>
  return
}

// -----

func.func @binary_dtype_mismatch_width(%a: tensor<4xi64>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'ag.eq' operands have different dtypes int64 and int32}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.eq %a, %b : tensor<4xi64>, tensor<4xi32> -> tensor<4xi1>
  return
}

// -----

func.func @sub_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.sub' does not support dtype bool (expects a float, integer or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sub %a, %a : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @div_int(%a: tensor<4xi32>) {
  // expected-error @+2 {{'ag.div' does not support dtype int32 (expects a float or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.div %a, %a : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @floor_div_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.floor_div' does not support dtype bool (expects a float or integer dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.floor_div %a, %a : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @mod_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.mod' does not support dtype bool}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.mod %a, %a : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @pow_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.pow' does not support dtype bool}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.pow %a, %a : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @logical_and_float(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.logical_and' does not support dtype float32 (expects bool)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.logical_and %a, %a : tensor<4xf32>, tensor<4xf32> -> tensor<4xi1>
  return
}

// -----

func.func @logical_xor_int(%a: tensor<4xi64>) {
  // expected-error @+2 {{'ag.logical_xor' does not support dtype int64 (expects bool)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.logical_xor %a, %a : tensor<4xi64>, tensor<4xi64> -> tensor<4xi1>
  return
}

// -----

func.func @bitwise_and_float(%a: tensor<4xf64>) {
  // expected-error @+2 {{'ag.bitwise_and' does not support dtype float64 (expects an integer or bool dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.bitwise_and %a, %a : tensor<4xf64>, tensor<4xf64> -> tensor<4xf64>
  return
}

// -----

func.func @broadcast_incompatible(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'ag.add' operands could not be broadcast together with shapes (2,3) (4,)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.add %a, %b : tensor<2x3xf32>, tensor<4xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_incompatible_leading(%a: tensor<2x1x3xi32>, %b: tensor<5x4x3xi32>) {
  // expected-error @+2 {{'ag.maximum' operands could not be broadcast together with shapes (2,1,3) (5,4,3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.maximum %a, %b : tensor<2x1x3xi32>, tensor<5x4x3xi32> -> tensor<5x4x3xi32>
  return
}

// -----

func.func @broadcast_zero_vs_two(%a: tensor<0xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'ag.mul' operands could not be broadcast together with shapes (0,) (2,)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.mul %a, %b : tensor<0xf32>, tensor<2xf32> -> tensor<0xf32>
  return
}

// -----

func.func @binary_wrong_result_shape(%a: tensor<4x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'ag.add' op inferred type(s) 'tensor<4x3xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.add %a, %b : tensor<4x3xf32>, tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @compare_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.lt' op inferred type(s) 'tensor<4xi1>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.lt %a, %a : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

// Explicitly signed integers are not numpy's (its intN are signless, uintN `ui`).
func.func @binary_unsupported_element_type(%a: tensor<4xsi8>) {
  // expected-error @+1 {{'ag.add' op operand #0 must be ranked tensor of 16-bit float or 32-bit float or 64-bit float or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer or 1-bit signless integer or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4xsi8>'}}
  %r = ag.add %a, %a : tensor<4xsi8>, tensor<4xsi8> -> tensor<4xsi8>
  return
}

// -----

func.func @binary_bf16(%a: tensor<4xbf16>) {
  // expected-error @+1 {{'ag.mul' op operand #0 must be ranked tensor of}}
  %r = ag.mul %a, %a : tensor<4xbf16>, tensor<4xbf16> -> tensor<4xbf16>
  return
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

// -----

func.func @neg_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.neg' does not support dtype bool (expects a float, integer or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.neg %a : tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @sign_bool(%a: tensor<i1>) {
  // expected-error @+2 {{'ag.sign' does not support dtype bool}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sign %a : tensor<i1> -> tensor<i1>
  return
}

// -----

func.func @exp_int(%a: tensor<4xi32>) {
  // expected-error @+2 {{'ag.exp' does not support dtype int32 (expects a float or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.exp %a : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @tanh_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.tanh' does not support dtype bool (expects a float or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.tanh %a : tensor<4xi1> -> tensor<4xi1>
  return
}

// -----

func.func @round_int(%a: tensor<4xi64>) {
  // expected-error @+2 {{'ag.round' does not support dtype int64 (expects float16, float32 or float64)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.round %a : tensor<4xi64> -> tensor<4xi64>
  return
}

// -----

func.func @logical_not_int(%a: tensor<4xi32>) {
  // expected-error @+2 {{'ag.logical_not' does not support dtype int32 (expects bool)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.logical_not %a : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @bitwise_not_float(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.bitwise_not' does not support dtype float32 (expects an integer or bool dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.bitwise_not %a : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @isnan_int(%a: tensor<4xi32>) {
  // expected-error @+2 {{'ag.isnan' does not support dtype int32 (expects a float or complex dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.isnan %a : tensor<4xi32> -> tensor<4xi1>
  return
}

// -----

func.func @isnan_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.isnan' op inferred type(s) 'tensor<4xi1>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.isnan %a : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @unary_wrong_result_shape(%a: tensor<4x8xf64>) {
  // expected-error @+2 {{'ag.sqrt' op inferred type(s) 'tensor<4x8xf64>' are incompatible with return type(s) of operation 'tensor<8x4xf64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sqrt %a : tensor<4x8xf64> -> tensor<8x4xf64>
  return
}

// -----

func.func @unary_wrong_result_dtype(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.abs' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.abs %a : tensor<4xf32> -> tensor<4xf64>
  return
}

//===----------------------------------------------------------------------===//
// Select and cast
//===----------------------------------------------------------------------===//

// -----

func.func @select_condition_not_bool(%c: tensor<4xf32>, %a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.select' condition must be bool, got float32}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.select %c, %a, %a : tensor<4xf32>, tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @select_value_dtypes(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error @+2 {{'ag.select' values have different dtypes float32 and float64}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>, tensor<4xf64> -> tensor<4xf32>
  return
}

// -----

func.func @select_values_broadcast(%c: tensor<4xi1>, %a: tensor<3xi32>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'ag.select' operands could not be broadcast together with shapes (4,) (3,) (4,)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.select %c, %a, %b : tensor<4xi1>, tensor<3xi32>, tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @select_condition_broadcast(%c: tensor<5x1xi1>, %a: tensor<2x3xi64>, %b: tensor<i64>) {
  // expected-error @+2 {{'ag.select' operands could not be broadcast together with shapes (5,1) (2,3) ()}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.select %c, %a, %b : tensor<5x1xi1>, tensor<2x3xi64>, tensor<i64> -> tensor<2x3xi64>
  return
}

// -----

func.func @select_wrong_result(%c: tensor<3x1xi1>, %a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.select' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.select %c, %a, %a : tensor<3x1xi1>, tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @cast_shape(%a: tensor<4xf32>) {
  // expected-error @+1 {{'ag.cast' op requires the same shape for all operands and results}}
  %r = ag.cast %a : tensor<4xf32> -> tensor<5xi32>
  return
}

// -----

func.func @cast_unsupported_target(%a: tensor<4xf32>) {
  // expected-error @+1 {{'ag.cast' op result #0 must be ranked tensor of}}
  %r = ag.cast %a : tensor<4xf32> -> tensor<4xsi16>
  return
}

// -----

func.func @bitcast_width(%a: tensor<4xf32>) {
  // expected-error @+1 {{'ag.bitcast' op needs dtypes of one width, not float32 and int64}}
  %r = ag.bitcast %a : tensor<4xf32> -> tensor<4xi64>
  return
}

// -----

func.func @bitcast_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{'ag.bitcast' op bitcasts integer and float dtypes only, not bool to int8}}
  %r = ag.bitcast %a : tensor<4xi1> -> tensor<4xi8>
  return
}

// -----

func.func @bitcast_shape(%a: tensor<4xf32>) {
  // expected-error @+1 {{'ag.bitcast' op requires the same shape for all operands and results}}
  %r = ag.bitcast %a : tensor<4xf32> -> tensor<5xi32>
  return
}

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{'ag.constant' op failed to verify that all of {value, result} have same type}}
%c = "ag.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>

// -----

// expected-error @+1 {{'ag.constant' op result #0 must be ranked tensor of}}
%c = ag.constant dense<1> : tensor<4xi4>

// -----

// expected-error @+1 {{'ag.constant' op result #0 must be ranked tensor of}}
%c = ag.constant dense<1.0> : vector<4xf32>

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// -----

func.func @sum_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.sum' does not support dtype bool (expects a float or integer dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<4xi1> -> tensor<i1>
  return
}

// -----

func.func @prod_bool(%a: tensor<4xi1>) {
  // expected-error @+2 {{'ag.prod' does not support dtype bool}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<4xi1> -> tensor<i1>
  return
}

// -----

func.func @mean_int(%a: tensor<4xi64>) {
  // expected-error @+2 {{'ag.mean' does not support dtype int64 (expects float16, float32 or float64)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.mean %a {axes = array<i64: 0>} : tensor<4xi64> -> tensor<i64>
  return
}

// -----

func.func @all_float(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.all' does not support dtype float32 (expects bool)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.all %a {axes = array<i64: 0>} : tensor<4xf32> -> tensor<f32>
  return
}

// -----

func.func @any_int(%a: tensor<4xi32>) {
  // expected-error @+2 {{'ag.any' does not support dtype int32 (expects bool)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.any %a {axes = array<i64: 0>} : tensor<4xi32> -> tensor<i32>
  return
}

// -----

func.func @reduce_axis_too_large(%a: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'ag.sum' axis 3 is out of bounds for array of dimension 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sum %a {axes = array<i64: 3>} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return
}

// -----

func.func @reduce_axis_negative(%a: tensor<2x3xf64>) {
  // expected-error @+2 {{'ag.max' axis -1 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max %a {axes = array<i64: -1>} : tensor<2x3xf64> -> tensor<2xf64>
  return
}

// -----

func.func @reduce_axis_of_scalar(%a: tensor<i1>) {
  // expected-error @+2 {{'ag.any' axis 0 is out of bounds for array of dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.any %a {axes = array<i64: 0>} : tensor<i1> -> tensor<i1>
  return
}

// -----

func.func @reduce_duplicate_axis(%a: tensor<2x3x4xi32>) {
  // expected-error @+2 {{'ag.prod' duplicate value in 'axis': 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.prod %a {axes = array<i64: 1, 2, 1>} : tensor<2x3x4xi32> -> tensor<2xi32>
  return
}

// -----

func.func @max_zero_size(%a: tensor<3x0xf32>) {
  // expected-error @+2 {{'ag.max' zero-size array to reduction operation maximum which has no identity}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max %a {axes = array<i64: 1>} : tensor<3x0xf32> -> tensor<3xf32>
  return
}

// -----

func.func @min_zero_size(%a: tensor<0x2xi64>) {
  // expected-error @+2 {{'ag.min' zero-size array to reduction operation minimum which has no identity}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.min %a {axes = array<i64: 0, 1>, keepdims = true} : tensor<0x2xi64> -> tensor<1x1xi64>
  return
}

// -----

func.func @reduce_wrong_keepdims_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.sum' op inferred type(s) 'tensor<2x1xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sum %a {axes = array<i64: 1>, keepdims = true} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_wrong_result_dtype(%a: tensor<2x3xi32>) {
  // expected-error @+2 {{'ag.sum' op inferred type(s) 'tensor<2xi32>' are incompatible with return type(s) of operation 'tensor<2xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<2x3xi32> -> tensor<2xi64>
  return
}

// -----

func.func @reduce_missing_axes(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.sum' op requires attribute 'axes'}}
  %r = "ag.sum"(%a) : (tensor<2x3xf32>) -> tensor<f32>
  return
}

// -----

func.func @argmax_axis_out_of_range(%a: tensor<4x5xf32>) {
  // expected-error @+2 {{'ag.argmax' axis 2 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.argmax %a {axis = 2 : i64} : tensor<4x5xf32> -> tensor<4xi64>
  return
}

// -----

func.func @argmin_negative_axis(%a: tensor<4x5xi32>) {
  // expected-error @+2 {{'ag.argmin' axis -1 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.argmin %a {axis = -1 : i64} : tensor<4x5xi32> -> tensor<4xi64>
  return
}

// -----

func.func @argmax_empty(%a: tensor<4x0xf32>) {
  // expected-error @+2 {{'ag.argmax' attempt to get argmax of an empty sequence}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.argmax %a {axis = 1 : i64} : tensor<4x0xf32> -> tensor<4xi64>
  return
}

// -----

func.func @argmin_empty(%a: tensor<0xi1>) {
  // expected-error @+2 {{'ag.argmin' attempt to get argmin of an empty sequence}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.argmin %a {axis = 0 : i64} : tensor<0xi1> -> tensor<i64>
  return
}

// -----

func.func @argmax_result_not_i64(%a: tensor<4x5xf32>) {
  // expected-error @+2 {{'ag.argmax' op inferred type(s) 'tensor<4xi64>' are incompatible with return type(s) of operation 'tensor<4xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.argmax %a {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi32>
  return
}

//===----------------------------------------------------------------------===//
// Matmul, conv2d, pooling
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_dtypes(%a: tensor<4x5xf32>, %b: tensor<5x6xf64>) {
  // expected-error @+2 {{'ag.matmul' operands have different dtypes float32 and float64}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<4x5xf32>, tensor<5x6xf64> -> tensor<4x6xf32>
  return
}

// -----

func.func @matmul_bool(%a: tensor<4x5xi1>, %b: tensor<5x6xi1>) {
  // expected-error @+2 {{'ag.matmul' does not support dtype bool (expects a float or integer dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<4x5xi1>, tensor<5x6xi1> -> tensor<4x6xi1>
  return
}

// -----

func.func @matmul_core_mismatch(%a: tensor<4x5xf32>, %b: tensor<4x6xf32>) {
  // expected-error @+2 {{'ag.matmul' mismatch in its core dimension: (4,5) @ (4,6) (size 5 is different from 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<4x5xf32>, tensor<4x6xf32> -> tensor<4x6xf32>
  return
}

// -----

func.func @matmul_vector_mismatch(%a: tensor<3xi32>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'ag.matmul' mismatch in its core dimension: (3,) @ (4,) (size 3 is different from 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<3xi32>, tensor<4xi32> -> tensor<i32>
  return
}

// -----

func.func @matmul_lhs_scalar(%a: tensor<f32>, %b: tensor<5x6xf32>) {
  // expected-error @+2 {{'ag.matmul' operands must be at least 1-D, not 0-d (use ag.mul for scalars)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<f32>, tensor<5x6xf32> -> tensor<5x6xf32>
  return
}

// -----

func.func @matmul_rhs_scalar(%a: tensor<5xf64>, %b: tensor<f64>) {
  // expected-error @+2 {{'ag.matmul' operands must be at least 1-D, not 0-d}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<5xf64>, tensor<f64> -> tensor<5xf64>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x4x5xf32>, %b: tensor<3x5x6xf32>) {
  // expected-error @+2 {{'ag.matmul' batch dimensions could not be broadcast: (2,4,5) @ (3,5,6)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<2x4x5xf32>, tensor<3x5x6xf32> -> tensor<2x4x6xf32>
  return
}

// -----

func.func @matmul_wrong_result(%a: tensor<4x5xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{'ag.matmul' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.matmul %a, %b : tensor<4x5xf32>, tensor<5xf32> -> tensor<4x1xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' expects a 4-D NCHW input and 4-D OIHW weight, got (3,8,8) and (4,3,3,3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<4x6x6xf32>
  return
}

// -----

func.func @conv_dtypes(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf64>) {
  // expected-error @+2 {{'ag.conv2d' input and weight dtypes differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf64> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_int(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xi32>) {
  // expected-error @+2 {{'ag.conv2d' does not support dtype int32 (expects float16, float32 or float64)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<1x3x8x8xi32>, tensor<4x3x3x3xi32> -> tensor<1x4x6x6xi32>
  return
}

// -----

func.func @conv_strides_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' expects 2 values for strides, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1>, padding = array<i64: 0, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' strides must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 0>, padding = array<i64: 0, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_negative_padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' padding must be >= 0, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: -1, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x6xf32>
  return
}

// -----

func.func @conv_padding_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' expects 2 values for padding, got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_zero_dilation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' dilations must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilations = array<i64: 0, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_channel_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' input has 3 channels but weight expects 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x5x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' kernel size can't be greater than actual input size}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<1x3x4x8xf32>, tensor<4x3x5x3xf32> -> tensor<1x4x0x6xf32>
  return
}

// -----

func.func @conv_dilated_kernel_too_large(%x: tensor<1x3x8x8xf64>, %w: tensor<4x3x3x3xf64>) {
  // expected-error @+2 {{'ag.conv2d' kernel size can't be greater than actual input size}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilations = array<i64: 1, 4>} : tensor<1x3x8x8xf64>, tensor<4x3x3x3xf64> -> tensor<1x4x6x0xf64>
  return
}

// -----

func.func @conv_wrong_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'ag.conv2d' op inferred type(s) 'tensor<1x4x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @pool_rank(%x: tensor<3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' expects a 4-D NCHW tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<3x8x8xf32> -> tensor<3x4x4xf32>
  return
}

// -----

func.func @avg_pool_int(%x: tensor<1x3x8x8xi32>) {
  // expected-error @+2 {{'ag.avg_pool2d' does not support dtype int32 (expects float16, float32 or float64)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xi32> -> tensor<1x3x4x4xi32>
  return
}

// -----

func.func @max_pool_bool(%x: tensor<1x3x8x8xi1>) {
  // expected-error @+2 {{'ag.max_pool2d' does not support dtype bool (expects a float or integer dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xi1> -> tensor<1x3x4x4xi1>
  return
}

// -----

func.func @pool_kernel_count(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' expects 2 values for kernel, got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_zero_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.avg_pool2d' kernel must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.avg_pool2d %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_zero_stride(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' strides must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_negative_padding(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' padding must be >= 0, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, -1>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool_padding_too_large(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' padding should be at most half of kernel size}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 1, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x8x10xf32>
  return
}

// -----

func.func @pool_kernel_too_large(%x: tensor<1x3x4x8xf64>) {
  // expected-error @+2 {{'ag.avg_pool2d' kernel 7 is larger than the padded input 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.avg_pool2d %x {kernel = array<i64: 7, 2>, strides = array<i64: 1, 1>, padding = array<i64: 1, 0>} : tensor<1x3x4x8xf64> -> tensor<1x3x1x7xf64>
  return
}

// -----

func.func @pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'ag.max_pool2d' op inferred type(s) 'tensor<1x3x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x3x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_dtype(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot change the dtype (use ag.cast)}}
  %r = ag.reshape %a : tensor<2x3xf32> -> tensor<6xf64>
  return
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape array of size 6 into shape (4,)}}
  %r = ag.reshape %a : tensor<2x3xf32> -> tensor<4xf32>
  return
}

// -----

func.func @reshape_scalar_count(%a: tensor<i64>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape array of size 1 into shape (0,)}}
  %r = ag.reshape %a : tensor<i64> -> tensor<0xi64>
  return
}

// -----

func.func @transpose_perm_length(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.transpose' axes don't match array: permutation has 3 entries for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.transpose %a {permutation = array<i64: 0, 1, 2>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_perm_duplicate(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.transpose' duplicate value in 'axis': 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.transpose %a {permutation = array<i64: 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_perm_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.transpose' axis 2 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.transpose %a {permutation = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_wrong_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.transpose' op inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_to_dtype(%a: tensor<3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op cannot change the dtype (use ag.cast)}}
  %r = ag.broadcast_to %a : tensor<3xf32> -> tensor<2x3xi32>
  return
}

// -----

func.func @broadcast_to_incompatible(%a: tensor<3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op operands could not be broadcast together with remapped shapes [original->remapped]: (3,) and requested shape (2,4)}}
  %r = ag.broadcast_to %a : tensor<3xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_to_lower_rank(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op operands could not be broadcast together with remapped shapes [original->remapped]: (2,3) and requested shape (3,)}}
  %r = ag.broadcast_to %a : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @window_steps(%x: tensor<?xf32>, %s: tensor<i64>, %n: tensor<i64>) {
  // expected-error @+1 {{'ag.window' op slice step cannot be zero}}
  %r = ag.window %x[%s] sizes(%n) {steps = array<i64: 0>} : (tensor<?xf32>, tensor<i64>, tensor<i64>) -> tensor<?xf32>
  return
}

// -----

func.func @window_sizes(%x: tensor<?xf32>, %s: tensor<i64>) {
  // expected-error @+1 {{'ag.window' op expects one size per dynamic result dim (1), got 0}}
  %r = ag.window %x[%s] sizes() {steps = array<i64: 1>} : (tensor<?xf32>, tensor<i64>) -> tensor<?xf32>
  return
}

// -----

// Without sizes, a static operand determines one dynamic result dim: the static dims
// must divide its size (numpy's unknown dimension), and there can be only one.
func.func @reshape_static_to_dynamic_indivisible(%a: tensor<7xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape array of size 7 into shape (?,3)}}
  %r = ag.reshape %a : tensor<7xf32> -> tensor<?x3xf32>
  return
}

// -----

func.func @reshape_static_to_dynamic_zero(%a: tensor<0x4xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape array of size 0 into shape (0,?)}}
  %r = ag.reshape %a : tensor<0x4xf32> -> tensor<0x?xf32>
  return
}

// -----

func.func @reshape_static_to_two_dynamic(%a: tensor<6xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot infer 2 dynamic result dims from an operand of static shape (6,) (give `sizes`)}}
  %r = ag.reshape %a : tensor<6xf32> -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_sizes_count(%a: tensor<?x3xf32>, %n: tensor<i64>) {
  // expected-error @+1 {{'ag.reshape' op expects one size per dynamic result dim (2), got 1}}
  %r = ag.reshape %a sizes(%n : tensor<i64>) : tensor<?x3xf32> -> tensor<?x?xf32>
  return
}

// -----

func.func @broadcast_to_sizes_count(%a: tensor<3xf32>, %n: tensor<i64>) {
  // expected-error @+1 {{'ag.broadcast_to' op expects one size per dynamic result dim (2), got 1}}
  %r = ag.broadcast_to %a sizes(%n : tensor<i64>) : tensor<3xf32> -> tensor<?x?x3xf32>
  return
}

// -----

func.func @slice_dtype(%a: tensor<10xf32>) {
  // expected-error @+1 {{'ag.slice' op cannot change the dtype}}
  %r = ag.slice %a {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<10xf32> -> tensor<5xf64>
  return
}

// -----

func.func @slice_rank(%a: tensor<10x10xf32>) {
  // expected-error @+1 {{'ag.slice' op expects one start, step and size per dimension (rank 2)}}
  %r = ag.slice %a {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<10x10xf32> -> tensor<5x10xf32>
  return
}

// -----

func.func @slice_result_rank(%a: tensor<10x10xf32>) {
  // expected-error @+1 {{'ag.slice' op expects one start, step and size per dimension (rank 2)}}
  %r = ag.slice %a {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<10x10xf32> -> tensor<5xf32>
  return
}

// -----

func.func @slice_zero_step(%a: tensor<10x10xf32>) {
  // expected-error @+1 {{'ag.slice' op slice step cannot be zero}}
  %r = ag.slice %a {starts = array<i64: 0, 0>, steps = array<i64: 1, 0>} : tensor<10x10xf32> -> tensor<5x5xf32>
  return
}

// -----

func.func @slice_start_out_of_bounds(%a: tensor<10x10xf32>) {
  // expected-error @+1 {{'ag.slice' op window along dimension 1 (start 10, step 1, count 1) is out of bounds for size 10}}
  %r = ag.slice %a {starts = array<i64: 0, 10>, steps = array<i64: 1, 1>} : tensor<10x10xf32> -> tensor<10x1xf32>
  return
}

// -----

func.func @slice_end_out_of_bounds(%a: tensor<10xi32>) {
  // expected-error @+1 {{'ag.slice' op window along dimension 0 (start 1, step 3, count 4) is out of bounds for size 10}}
  %r = ag.slice %a {starts = array<i64: 1>, steps = array<i64: 3>} : tensor<10xi32> -> tensor<4xi32>
  return
}

// -----

func.func @slice_negative_start(%a: tensor<10xi32>) {
  // expected-error @+1 {{'ag.slice' op window along dimension 0 (start -1, step 1, count 2) is out of bounds for size 10}}
  %r = ag.slice %a {starts = array<i64: -1>, steps = array<i64: 1>} : tensor<10xi32> -> tensor<2xi32>
  return
}

// -----

func.func @slice_negative_step_out_of_bounds(%a: tensor<10xi64>) {
  // expected-error @+1 {{'ag.slice' op window along dimension 0 (start 5, step -2, count 4) is out of bounds for size 10}}
  %r = ag.slice %a {starts = array<i64: 5>, steps = array<i64: -2>} : tensor<10xi64> -> tensor<4xi64>
  return
}

// -----

func.func @insert_slice_dtype(%v: tensor<5xf64>, %x: tensor<10xf32>) {
  // expected-error @+1 {{'ag.insert_slice' op source dtype float64 differs from destination dtype float32 (the runtime must cast first)}}
  %r = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<5xf64> into tensor<10xf32>
  return
}

// -----

func.func @insert_slice_out_of_bounds(%v: tensor<6xf32>, %x: tensor<10xf32>) {
  // expected-error @+1 {{'ag.insert_slice' op window along dimension 0 (start 0, step 2, count 6) is out of bounds for size 10}}
  %r = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<6xf32> into tensor<10xf32>
  return
}

// -----

func.func @insert_slice_zero_step(%v: tensor<5xf32>, %x: tensor<10xf32>) {
  // expected-error @+1 {{'ag.insert_slice' op slice step cannot be zero}}
  %r = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 0>} : tensor<5xf32> into tensor<10xf32>
  return
}

// -----

func.func @insert_slice_rank(%v: tensor<5xf32>, %x: tensor<10x2xf32>) {
  // expected-error @+1 {{'ag.insert_slice' op expects one start, step and size per dimension (rank 2)}}
  %r = ag.insert_slice %v into %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<5xf32> into tensor<10x2xf32>
  return
}

// -----

func.func @insert_slice_result_type(%v: tensor<5xf32>, %x: tensor<10xf32>) {
  // expected-error @+1 {{'ag.insert_slice' op failed to verify that all of {dest, result} have same type}}
  %r = "ag.insert_slice"(%v, %x) {starts = array<i64: 0>, steps = array<i64: 2>} : (tensor<5xf32>, tensor<10xf32>) -> tensor<11xf32>
  return
}

// -----

func.func @dynamic_index_too_many(%x: tensor<8xf32>, %i: tensor<i64>) {
  // expected-error @+2 {{'ag.dynamic_index' too many indices for array: array is 1-dimensional, but 2 were indexed}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.dynamic_index %x[%i, %i] : tensor<8xf32>, tensor<i64>, tensor<i64> -> tensor<f32>
  return
}

// -----

func.func @dynamic_index_size_zero(%x: tensor<0x4xf32>, %i: tensor<i32>) {
  // expected-error @+2 {{'ag.dynamic_index' index into a dimension of size 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.dynamic_index %x[%i] : tensor<0x4xf32>, tensor<i32> -> tensor<4xf32>
  return
}

// -----

func.func @dynamic_index_not_scalar(%x: tensor<8xf32>, %i: tensor<1xi64>) {
  // expected-error @+1 {{'ag.dynamic_index' op operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<1xi64>'}}
  %r = ag.dynamic_index %x[%i] : tensor<8xf32>, tensor<1xi64> -> tensor<f32>
  return
}

// -----

func.func @dynamic_index_float_index(%x: tensor<8xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{'ag.dynamic_index' op operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<f32>'}}
  %r = ag.dynamic_index %x[%i] : tensor<8xf32>, tensor<f32> -> tensor<f32>
  return
}

// -----

func.func @dynamic_index_wrong_result(%x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+2 {{'ag.dynamic_index' op inferred type(s) 'tensor<32xf32>' are incompatible with return type(s) of operation 'tensor<1x32xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.dynamic_index %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<1x32xf32>
  return
}

// -----

func.func @dynamic_slice_too_many(%x: tensor<8xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_slice' op too many indices for array: array is 1-dimensional, but 2 were indexed}}
  %r = ag.dynamic_slice %x[%i, %i] : tensor<8xf32>, tensor<i64>, tensor<i64> -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_slice_rank(%x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_slice' op result must have the operand's dtype and rank}}
  %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<32xf32>
  return
}

// -----

func.func @dynamic_slice_dtype(%x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_slice' op result must have the operand's dtype and rank}}
  %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<2x32xi32>
  return
}

// -----

func.func @dynamic_slice_window_too_large(%x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_slice' op window size 9 along dimension 0 does not fit operand size 8}}
  %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<9x32xf32>
  return
}

// -----

func.func @dynamic_slice_unindexed_dim(%x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_slice' op window size 16 along dimension 1 does not fit operand size 32}}
  %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<2x16xf32>
  return
}

// -----

func.func @dynamic_update_too_many(%v: tensor<f32>, %x: tensor<8xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_update' op too many indices for array: array is 1-dimensional, but 2 were indexed}}
  %r = ag.dynamic_update %v into %x[%i, %i] : tensor<f32> into tensor<8xf32>, tensor<i64>, tensor<i64>
  return
}

// -----

func.func @dynamic_update_dtype(%v: tensor<32xi64>, %x: tensor<8x32xi32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_update' op source dtype int64 differs from destination dtype int32 (the runtime must cast first)}}
  %r = ag.dynamic_update %v into %x[%i] : tensor<32xi64> into tensor<8x32xi32>, tensor<i64>
  return
}

// -----

func.func @dynamic_update_shape(%v: tensor<31xf32>, %x: tensor<8x32xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.dynamic_update' op source shape (31,) must equal the indexed shape (32,)}}
  %r = ag.dynamic_update %v into %x[%i] : tensor<31xf32> into tensor<8x32xf32>, tensor<i64>
  return
}

// -----

func.func @dynamic_update_unreduced_source(%v: tensor<1x32xf32>, %x: tensor<8x32xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'ag.dynamic_update' op source shape (1,32) must equal the indexed shape (32,)}}
  %r = ag.dynamic_update %v into %x[%i] : tensor<1x32xf32> into tensor<8x32xf32>, tensor<i32>
  return
}

// -----

func.func @concatenate_dtypes(%a: tensor<2x3xf32>, %b: tensor<2x3xf64>) {
  // expected-error @+2 {{'ag.concatenate' inputs have different dtypes}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x3xf64> -> tensor<4x3xf32>
  return
}

// -----

func.func @concatenate_ranks(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'ag.concatenate' all the input arrays must have same number of dimensions}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<3xf32> -> tensor<5x3xf32>
  return
}

// -----

func.func @concatenate_shapes(%a: tensor<2x3xi32>, %b: tensor<2x3xi32>, %c: tensor<1x4xi32>) {
  // expected-error @+2 {{'ag.concatenate' input array dimensions must match exactly except along the joined axis, but along dimension 1 they are 3 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %b, %c {axis = 0 : i64} : tensor<2x3xi32>, tensor<2x3xi32>, tensor<1x4xi32> -> tensor<5x3xi32>
  return
}

// -----

func.func @concatenate_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.concatenate' axis 2 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %a {axis = 2 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @concatenate_negative_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.concatenate' axis -1 is out of bounds for array of dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %a {axis = -1 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x6xf32>
  return
}

// -----

func.func @concatenate_scalars(%a: tensor<f32>) {
  // expected-error @+2 {{'ag.concatenate' axis 0 is out of bounds for array of dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %a {axis = 0 : i64} : tensor<f32>, tensor<f32> -> tensor<2xf32>
  return
}

// -----

func.func @concatenate_empty() {
  // expected-error @+2 {{'ag.concatenate' need at least one array to join}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = "ag.concatenate"() {axis = 0 : i64} : () -> tensor<0xf32>
  return
}

// -----

func.func @concatenate_wrong_result(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+2 {{'ag.concatenate' op inferred type(s) 'tensor<6x3xf32>' are incompatible with return type(s) of operation 'tensor<5x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<5x3xf32>
  return
}

// -----

func.func @stack_dtypes(%a: tensor<3xi1>, %b: tensor<3xi32>) {
  // expected-error @+2 {{'ag.stack' inputs have different dtypes}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<3xi1>, tensor<3xi32> -> tensor<2x3xi1>
  return
}

// -----

func.func @stack_ranks(%a: tensor<3xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+2 {{'ag.stack' all the input arrays must have same number of dimensions}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<3xf32>, tensor<1x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @stack_shapes(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+2 {{'ag.stack' input array dimensions must match exactly except along the joined axis, but along dimension 0 they are 2 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x2x3xf32>
  return
}

// -----

func.func @stack_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.stack' axis 3 is out of bounds for array of dimension 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %a {axis = 3 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x2xf32>
  return
}

// -----

func.func @stack_negative_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.stack' axis -1 is out of bounds for array of dimension 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %a {axis = -1 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x2xf32>
  return
}

// -----

func.func @stack_empty() {
  // expected-error @+2 {{'ag.stack' need at least one array to join}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = "ag.stack"() {axis = 0 : i64} : () -> tensor<0xf32>
  return
}

// -----

func.func @stack_wrong_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'ag.stack' op inferred type(s) 'tensor<2x2x3xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.stack %a, %a {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// numpy's "array is too big" rule (Ag_ShapesFit, every op)
//===----------------------------------------------------------------------===//

// -----

func.func @too_big_operand(%a: tensor<4611686018427387904x2xf32>) {
  // expected-error @+1 {{'ag.exp' op array is too big: 'tensor<4611686018427387904x2xf32>' exceeds the largest size numpy can allocate}}
  %r = ag.exp %a : tensor<4611686018427387904x2xf32> -> tensor<4611686018427387904x2xf32>
  return
}

// -----

func.func @too_big_result(%a: tensor<3xi64>) {
  // expected-error @+1 {{'ag.broadcast_to' op array is too big: 'tensor<1152921504606846976x3xi64>' exceeds the largest size numpy can allocate}}
  %r = ag.broadcast_to %a : tensor<3xi64> -> tensor<1152921504606846976x3xi64>
  return
}

// -----

func.func @too_big_index_source(%x: tensor<1152921504606846976x8xf64>, %i: tensor<i32>) {
  // expected-error @+1 {{'ag.dynamic_index' op array is too big: 'tensor<1152921504606846976x8xf64>'}}
  %r = ag.dynamic_index %x[%i] : tensor<1152921504606846976x8xf64>, tensor<i32> -> tensor<8xf64>
  return
}

// -----

func.func @dynamic_index_no_indices(%x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+2 {{'ag.dynamic_index' expects at least one index}}
  // expected-error @+1 {{'ag.dynamic_index' op failed to infer returned types}}
  %r = "ag.dynamic_index"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

func.func @dynamic_update_no_indices(%v: tensor<8xf32>, %x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'ag.dynamic_update' op expects at least one index}}
  %r = "ag.dynamic_update"(%v, %x) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

func.func @assert_not_bool(%c: tensor<f32>) {
  // expected-error @+1 {{'ag.assert' op operand #0 must be 0D tensor of 1-bit signless integer values}}
  ag.assert %c {callback = 1 : i64} : tensor<f32>
  return
}

// -----

func.func @stack_guard_not_0d_bool() -> tensor<2xi1> {
  // expected-error @+1 {{'ag.stack_guard' op result #0 must be 0D tensor of 1-bit signless integer values}}
  %ok = ag.stack_guard {callback = 1 : i64} : tensor<2xi1>
  return %ok : tensor<2xi1>
}

// -----

func.func @stack_guard_without_callback() -> tensor<i1> {
  // expected-error @+1 {{'ag.stack_guard' op requires attribute 'callback'}}
  %ok = ag.stack_guard : tensor<i1>
  return %ok : tensor<i1>
}

// -----

func.func @host_call_missing_size(%n: tensor<i64>) {
  // expected-error @+1 {{'ag.host_call' op expects one size per dynamic result dim (2), got 1}}
  %r = ag.host_call(%n) sizes(%n) {callback = 1 : i64} : (tensor<i64>, tensor<i64>) -> tensor<?x?xf64>
  return
}

// -----

func.func @host_call_size_not_integer(%n: tensor<f64>) {
  // expected-error @+1 {{'ag.host_call' op operand #0 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = ag.host_call() sizes(%n) {callback = 1 : i64} : (tensor<f64>) -> tensor<?xf64>
  return
}

// -----

func.func @host_call_unsupported_dtype() {
  // expected-error @+1 {{'ag.host_call' op result #0 must be ranked tensor of 16-bit float or 32-bit float or 64-bit float or 8-bit signless integer}}
  %r = ag.host_call() sizes() {callback = 1 : i64} : () -> tensor<3xbf16>
  return
}

// -----

func.func @cumsum_axis_out_of_range(%x: tensor<4x5xf32>) {
  // expected-error @+1 {{'ag.cumsum' op axis 2 is out of bounds for array of dimension 2}}
  %r = ag.cumsum %x {axis = 2 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  return
}

// -----

func.func @cumprod_of_0d(%x: tensor<f64>) {
  // expected-error @+1 {{'ag.cumprod' op axis 0 is out of bounds for array of dimension 0}}
  %r = ag.cumprod %x {axis = 0 : i64} : tensor<f64> -> tensor<f64>
  return
}

// -----

func.func @cummax_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ag.cummax' op requires the same type for all operands and results}}
  %r = ag.cummax %x {axis = 0 : i64} : tensor<4xf32> -> tensor<4xf64>
  return
}

// -----

func.func @sort_negative_axis(%x: tensor<4x5xf32>) {
  // expected-error @+1 {{'ag.sort' op axis -1 is out of bounds for array of dimension 2}}
  %r = ag.sort %x {axis = -1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  return
}

// -----

func.func @sort_kind(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ag.sort' op kind 3 is not 0 (quicksort), 1 (heapsort) or 2 (stable)}}
  %r = ag.sort %x {axis = 0 : i64, kind = 3 : i64} : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @sort_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ag.sort' op result must be (4,) of float32, got (4,) of float64}}
  %r = ag.sort %x {axis = 0 : i64} : tensor<4xf32> -> tensor<4xf64>
  return
}

// -----

func.func @argsort_result(%x: tensor<4x2xi32>) {
  // expected-error @+1 {{'ag.argsort' op result must be (4,2) of int64, got (4,2) of int32}}
  %r = ag.argsort %x {axis = 0 : i64} : tensor<4x2xi32> -> tensor<4x2xi32>
  return
}

// -----

func.func @argsort_shape(%x: tensor<4x2xf64>) {
  // expected-error @+1 {{'ag.argsort' op result must be (4,2) of int64, got (2,4) of int64}}
  %r = ag.argsort %x {axis = 0 : i64} : tensor<4x2xf64> -> tensor<2x4xi64>
  return
}

// -----

func.func @partition_kth_out_of_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ag.partition' op kth must be ascending indices of the axis (size 4), got 4}}
  %r = ag.partition %x {axis = 0 : i64, kth = array<i64: 1, 4>} : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @partition_kth_descending(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{'ag.partition' op kth must be ascending indices of the axis (size 4), got 1}}
  %r = ag.partition %x {axis = 0 : i64, kth = array<i64: 2, 1>} : tensor<4x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @argpartition_result(%x: tensor<4xi64>) {
  // expected-error @+1 {{'ag.argpartition' op result must be (4,) of int64, got (4,) of bool}}
  %r = ag.argpartition %x {axis = 0 : i64, kth = array<i64: 1>} : tensor<4xi64> -> tensor<4xi1>
  return
}

// -----

func.func @order_statistics_kth_descending(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{'ag.order_statistics' op kth must be ascending indices of the axis (size 4), got 1}}
  %r = ag.order_statistics %x {axis = 0 : i64, kth = array<i64: 2, 1>} : tensor<4x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @order_statistics_result(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{'ag.order_statistics' op result must be (4,2) of float32, got (4,3) of float32}}
  %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 0, 2>} : tensor<4x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @order_statistics_dynamic_axis(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{'ag.order_statistics' op result must be (4,1) of float32, got (4,?) of float32}}
  %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 2>} : tensor<4x3xf32> -> tensor<4x?xf32>
  return
}

// -----

func.func @order_statistics_empty_lane(%x: tensor<4x0xf64>) {
  // expected-error @+1 {{'ag.order_statistics' op an empty lane has no order statistics}}
  %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 0>} : tensor<4x0xf64> -> tensor<4x1xf64>
  return
}

// -----

func.func @compress_2d(%x: tensor<2x3xf32>, %m: tensor<2x3xi1>) {
  // expected-error @+1 {{'ag.compress' op operand and mask must be 1-D}}
  %r = ag.compress %x, %m : tensor<2x3xf32>, tensor<2x3xi1> -> tensor<?xf32>
  return
}

// -----

func.func @compress_length(%x: tensor<4xf32>, %m: tensor<5xi1>) {
  // expected-error @+1 {{'ag.compress' op mask must have the operand's length}}
  %r = ag.compress %x, %m : tensor<4xf32>, tensor<5xi1> -> tensor<?xf32>
  return
}

// -----

func.func @searchsorted_2d(%a: tensor<2x4xf64>, %v: tensor<5xf64>) {
  // expected-error @+1 {{'ag.searchsorted' op expects 1-D sorted and values (the runtime flattens values), got (2,4) and (5,)}}
  %r = ag.searchsorted %a, %v : tensor<2x4xf64>, tensor<5xf64> -> tensor<5xi64>
  return
}

// -----

func.func @searchsorted_dtypes(%a: tensor<4xf64>, %v: tensor<5xf32>) {
  // expected-error @+1 {{'ag.searchsorted' op sorted and values have different dtypes float64 and float32 (the runtime must cast first)}}
  %r = ag.searchsorted %a, %v : tensor<4xf64>, tensor<5xf32> -> tensor<5xi64>
  return
}

// -----

func.func @searchsorted_sorter(%a: tensor<4xf64>, %v: tensor<5xf64>, %s: tensor<3xi64>) {
  // expected-error @+1 {{'ag.searchsorted' op sorter must be int64 of the sorted shape (4,), got (3,) of int64}}
  %r = ag.searchsorted %a, %v sorter(%s : tensor<3xi64>) : tensor<4xf64>, tensor<5xf64> -> tensor<5xi64>
  return
}

// -----

func.func @searchsorted_result(%a: tensor<4xi32>, %v: tensor<5xi32>) {
  // expected-error @+1 {{'ag.searchsorted' op result must be (5,) of int64, got (4,) of int64}}
  %r = ag.searchsorted %a, %v : tensor<4xi32>, tensor<5xi32> -> tensor<4xi64>
  return
}

// -----

func.func @insert_window_step(%v: tensor<4x1xf32>, %x: tensor<4x8xf32>, %j: tensor<i64>) {
  // expected-error @+1 {{'ag.insert_window' op slice step cannot be zero}}
  %r = ag.insert_window %v into %x[%j, %j] {steps = array<i64: 1, 0>} : tensor<4x1xf32> into tensor<4x8xf32>, tensor<i64>, tensor<i64>
  return
}

// -----

func.func @insert_window_rank(%v: tensor<4xf32>, %x: tensor<4x8xf32>, %j: tensor<i64>) {
  // expected-error @+1 {{'ag.insert_window' op expects a source of the destination's rank and one start and one step per dimension (rank 2)}}
  %r = ag.insert_window %v into %x[%j, %j] {steps = array<i64: 1, 1>} : tensor<4xf32> into tensor<4x8xf32>, tensor<i64>, tensor<i64>
  return
}

// -----

func.func @insert_window_fit(%v: tensor<4x5xf32>, %x: tensor<4x8xf32>, %j: tensor<i64>) {
  // expected-error @+1 {{'ag.insert_window' op window size 5 along dimension 1 does not fit destination size 8}}
  %r = ag.insert_window %v into %x[%j, %j] {steps = array<i64: 1, 2>} : tensor<4x5xf32> into tensor<4x8xf32>, tensor<i64>, tensor<i64>
  return
}

// -----

func.func @insert_window_dtype(%v: tensor<4x1xf64>, %x: tensor<4x8xf32>, %j: tensor<i64>) {
  // expected-error @+1 {{'ag.insert_window' op source dtype float64 differs from destination dtype float32 (the runtime must cast first)}}
  %r = ag.insert_window %v into %x[%j, %j] {steps = array<i64: 1, 1>} : tensor<4x1xf64> into tensor<4x8xf32>, tensor<i64>, tensor<i64>
  return
}

// -----

func.func @iota_count(%n: tensor<2xi64>) {
  // expected-error @+1 {{'ag.iota' op operand #0 must be 0D tensor of 64-bit signless integer values}}
  %r = ag.iota %n : tensor<2xi64> -> tensor<?xi64>
  return
}

// -----

func.func @empty_dynamic() {
  // expected-error @+1 {{'ag.empty' op needs a static shape}}
  %e = ag.empty : tensor<?x4xf32>
  return
}

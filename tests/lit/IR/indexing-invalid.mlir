// Every verifier rule of ag.gather, ag.scatter and ag.nonzero (lib/IR/AgIndexingOps.cpp),
// one split each.
//
// RUN: ag-opt %s -split-input-file -verify-diagnostics

func.func @gather_no_index(%x: tensor<5xf32>) {
  // expected-error @+2 {{'ag.gather' expects at least one index array}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.gather %x[] : (tensor<5xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @gather_too_many(%x: tensor<5xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'ag.gather' too many indices for array: array is 1-dimensional, but 2 were indexed from dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.gather %x[%i, %i] : (tensor<5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @gather_shapes_differ(%x: tensor<5x6xf32>, %i: tensor<2xi64>, %j: tensor<?xi64>) {
  // expected-error @+2 {{'ag.gather' index arrays must have one shape, got (2) and (?)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.gather %x[%i, %j] : (tensor<5x6xf32>, tensor<2xi64>, tensor<?xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @gather_result(%x: tensor<5x6xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'ag.gather' op inferred type(s) 'tensor<2x6xf32>' are incompatible with return type(s) of operation 'tensor<2x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.gather %x[%i] : (tensor<5x6xf32>, tensor<2xi64>) -> tensor<2x5xf32>
  return
}

// -----

func.func @gather_float_index(%x: tensor<5xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{operand #1 must be variadic of ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = ag.gather %x[%i] : (tensor<5xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @scatter_updates_shape(%v: tensor<3xf32>, %x: tensor<5x7xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op updates shape (3) does not broadcast to the gathered shape (3,7)}}
  %r = ag.scatter %v into %x[%i] : (tensor<3xf32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
  return
}

// -----

func.func @scatter_assign_dtype(%v: tensor<3xf64>, %x: tensor<5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op assigned dtype float64 differs from destination dtype float32 (the runtime must cast first)}}
  %r = ag.scatter %v into %x[%i] : (tensor<3xf64>, tensor<5xf32>, tensor<3xi64>) -> tensor<5xf32>
  return
}

// -----

func.func @scatter_combine(%v: tensor<3xf32>, %x: tensor<5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op unknown combine 'sub' (assign, add, mul, max, min, and, or, xor)}}
  %r = ag.scatter %v into %x[%i] {combine = "sub"} : (tensor<3xf32>, tensor<5xf32>, tensor<3xi64>) -> tensor<5xf32>
  return
}

// -----

func.func @scatter_bitwise_float(%v: tensor<3xf32>, %x: tensor<5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op combine 'or' needs integer or bool updates, got float32}}
  %r = ag.scatter %v into %x[%i] {combine = "or"} : (tensor<3xf32>, tensor<5xf32>, tensor<3xi64>) -> tensor<5xf32>
  return
}

// -----

func.func @scatter_index_shapes(%v: tensor<3xf32>, %x: tensor<5x5xf32>, %i: tensor<3xi64>, %j: tensor<3x1xi64>) {
  // expected-error @+1 {{'ag.scatter' index arrays must have one shape, got (3) and (3,1)}}
  %r = ag.scatter %v into %x[%i, %j] : (tensor<3xf32>, tensor<5x5xf32>, tensor<3xi64>, tensor<3x1xi64>) -> tensor<5x5xf32>
  return
}

// -----

func.func @nonzero_float(%m: tensor<3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 1-bit signless integer values}}
  %r = ag.nonzero %m : tensor<3xf32> -> tensor<1x?xi64>
  return
}

// -----

func.func @gather_axis_out_of_range(%x: tensor<5x6xf32>, %i: tensor<2xi64>) {
  // expected-error @+2 {{'ag.gather' too many indices for array: array is 2-dimensional, but 1 were indexed from dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.gather %x[%i] {axis = 2 : i64} : (tensor<5x6xf32>, tensor<2xi64>) -> tensor<5x6xf32>
  return
}

// -----

func.func @scatter_axis_shape(%v: tensor<2x5xf32>, %x: tensor<5x7xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'ag.scatter' op updates shape (2,5) does not broadcast to the gathered shape (5,2)}}
  %r = ag.scatter %v into %x[%i] {axis = 1 : i64} : (tensor<2x5xf32>, tensor<5x7xf32>, tensor<2xi64>) -> tensor<5x7xf32>
  return
}

// -----

func.func @scatter_checked_without_flag(%v: tensor<3xf32>, %x: tensor<5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op with 'checked' needs an out_of_range result}}
  %r = "ag.scatter"(%v, %x, %i) {checked = true} : (tensor<3xf32>, tensor<5xf32>, tensor<3xi64>) -> tensor<5xf32>
  return
}

// -----

func.func @scatter_flag_without_checked(%v: tensor<3xf32>, %x: tensor<5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ag.scatter' op without 'checked' has no out_of_range result}}
  %r:2 = "ag.scatter"(%v, %x, %i) : (tensor<3xf32>, tensor<5xf32>, tensor<3xi64>) -> (tensor<5xf32>, tensor<i1>)
  return
}

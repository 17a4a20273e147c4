// The shape rules of ag.lapack (lib/IR/AgLapackOps.cpp), one split each: the kernels
// trust the shapes they are given, so inference rejects everything else.
//
// RUN: ag-opt %s -split-input-file -verify-diagnostics

func.func @unknown(%a: tensor<3x3xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'lu': unknown routine}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "lu"(%a) : (tensor<3x3xf64>) -> (tensor<3x3xf64>, tensor<i64>)
  return
}

// -----

func.func @not_square(%a: tensor<3x4xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'inv': the matrix must be square}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "inv"(%a) : (tensor<3x4xf64>) -> (tensor<3x4xf64>, tensor<i64>)
  return
}

// -----

func.func @float32(%a: tensor<3x3xf32>) {
  // expected-error @+2 {{'ag.lapack' routine 'inv': operands must be float64}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "inv"(%a) : (tensor<3x3xf32>) -> (tensor<3x3xf32>, tensor<i64>)
  return
}

// -----

func.func @dynamic(%a: tensor<?x3xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'qr_r': operands must have static shapes}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "qr_r"(%a) : (tensor<?x3xf64>) -> (tensor<3x3xf64>, tensor<i64>)
  return
}

// -----

func.func @vector(%a: tensor<3xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'svd_values': the matrix operand needs at least 2 dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "svd_values"(%a) : (tensor<3xf64>) -> (tensor<3xf64>, tensor<i64>)
  return
}

// -----

func.func @operands(%a: tensor<3x3xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'solve': expects 2 operands, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "solve"(%a) : (tensor<3x3xf64>) -> (tensor<3x3xf64>, tensor<i64>)
  return
}

// -----

func.func @rhs_batch(%a: tensor<2x3x3xf64>, %b: tensor<3x3x1xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'solve': the right-hand side must be [batch..., 3, r]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r:2 = ag.lapack "solve"(%a, %b) : (tensor<2x3x3xf64>, tensor<3x3x1xf64>) -> (tensor<2x3x1xf64>, tensor<i64>)
  return
}

// -----

func.func @rcond(%a: tensor<4x3xf64>, %b: tensor<4x1xf64>, %r: tensor<1xf64>) {
  // expected-error @+2 {{'ag.lapack' routine 'lstsq': rcond must be 0-d}}
  // expected-error @+1 {{failed to infer returned types}}
  %x:5 = ag.lapack "lstsq"(%a, %b, %r) : (tensor<4x3xf64>, tensor<4x1xf64>, tensor<1xf64>) -> (tensor<3x1xf64>, tensor<1xf64>, tensor<i64>, tensor<3xf64>, tensor<i64>)
  return
}

// -----

func.func @wrong_results(%a: tensor<3x3xf64>) {
  // expected-error @+2 {{'ag.lapack' op inferred type(s) 'tensor<3x3xf64>', 'tensor<i64>' are incompatible}}
  // expected-error @+1 {{'ag.lapack' op failed to infer returned types}}
  %r:2 = ag.lapack "inv"(%a) : (tensor<3x3xf64>) -> (tensor<3x3xf64>, tensor<i32>)
  return
}

// The complex dtypes are accepted only by the ops with a complex meaning in numpy's
// terms (add sub mul div neg pow eq ne exp log sqrt sin cos tan arctan sinh cosh tanh
// isnan isinf isfinite prod, and the complex-only real imag conj complex_abs angle
// complex_libm); others reject them, and make_complex checks
// its parts (complex-ops.mlir: the accepted forms).
//
// RUN: ag-opt %s -split-input-file -verify-diagnostics

func.func @less_complex(%a: tensor<4xcomplex<f64>>) {
  // expected-error @+2 {{'ag.lt' does not support dtype complex128 (expects a float, integer or bool dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.lt %a, %a : tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>> -> tensor<4xi1>
  return
}

// -----

func.func @sum_complex(%a: tensor<4xcomplex<f32>>) {
  // expected-error @+2 {{'ag.sum' does not support dtype complex64 (expects a float or integer dtype)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<4xcomplex<f32>> -> tensor<complex<f32>>
  return
}

// -----

func.func @log2_complex(%a: tensor<4xcomplex<f32>>) {
  // expected-error @+2 {{'ag.log2' does not support dtype complex64 (expects float16, float32 or float64)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.log2 %a : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return
}

// -----

func.func @complex_libm_of_float(%a: tensor<4xf64>) {
  // expected-error @+1 {{'ag.complex_libm' op operand must be complex64 or complex128, got float64}}
  %r = ag.complex_libm %a {fn = "casin"} : tensor<4xf64> -> tensor<4xf64>
  return
}

// -----

func.func @complex_libm_unknown(%a: tensor<4xcomplex<f64>>) {
  // expected-error @+1 {{'ag.complex_libm' op fn must be one of casin, cacos, casinh, cacosh, catanh, got 'csin'}}
  %r = ag.complex_libm %a {fn = "csin"} : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
  return
}

// -----

func.func @real_of_float(%a: tensor<4xf32>) {
  // expected-error @+2 {{'ag.real' does not support dtype float32 (expects complex64 or complex128)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.real %a : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @make_complex_mixed(%a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error @+2 {{'ag.make_complex' parts must both be float32 or both float64, got float32 and float64}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.make_complex %a, %b : tensor<4xf32>, tensor<4xf64> -> tensor<4xcomplex<f32>>
  return
}

// -----

func.func @make_complex_half(%a: tensor<4xf16>) {
  // expected-error @+2 {{'ag.make_complex' parts must both be float32 or both float64, got float16 and float16}}
  // expected-error @+1 {{failed to infer returned types}}
  %r = ag.make_complex %a, %a : tensor<4xf16>, tensor<4xf16> -> tensor<4xcomplex<f32>>
  return
}

// The ag ops on complex64/complex128 tensors round-trip.
// RUN: ag-opt %s | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @accepted(
// CHECK: ag.div %{{.*}}, %{{.*}} : tensor<4xcomplex<f32>>, tensor<complex<f32>> -> tensor<4xcomplex<f32>>
// CHECK: ag.ne %{{.*}}, %{{.*}} : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>> -> tensor<4xi1>
// CHECK: ag.real %{{.*}} : tensor<4xcomplex<f32>> -> tensor<4xf32>
// CHECK: ag.make_complex %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<f32> -> tensor<4xcomplex<f32>>
func.func @accepted(%a: tensor<4xcomplex<f32>>, %b: tensor<complex<f32>>, %c: tensor<f32>)
    -> (tensor<4xcomplex<f32>>, tensor<4xi1>, tensor<4xf32>, tensor<4xcomplex<f32>>) {
  %d = ag.div %a, %b : tensor<4xcomplex<f32>>, tensor<complex<f32>> -> tensor<4xcomplex<f32>>
  %n = ag.ne %a, %a : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>> -> tensor<4xi1>
  %r = ag.real %a : tensor<4xcomplex<f32>> -> tensor<4xf32>
  %m = ag.make_complex %r, %c : tensor<4xf32>, tensor<f32> -> tensor<4xcomplex<f32>>
  return %d, %n, %r, %m : tensor<4xcomplex<f32>>, tensor<4xi1>, tensor<4xf32>, tensor<4xcomplex<f32>>
}


// CHECK-LABEL: func.func @functions(
// CHECK: ag.pow %{{.*}}, %{{.*}} : tensor<4xcomplex<f64>>, tensor<complex<f64>> -> tensor<4xcomplex<f64>>
// CHECK: ag.tanh %{{.*}} : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
// CHECK: ag.complex_libm %{{.*}} {fn = "cacosh"} : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
// CHECK: ag.prod %{{.*}} {axes = array<i64: 0>} : tensor<4xcomplex<f64>> -> tensor<complex<f64>>
func.func @functions(%a: tensor<4xcomplex<f64>>, %b: tensor<complex<f64>>)
    -> (tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>>, tensor<complex<f64>>) {
  %p = ag.pow %a, %b : tensor<4xcomplex<f64>>, tensor<complex<f64>> -> tensor<4xcomplex<f64>>
  %t = ag.tanh %a : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
  %c = ag.complex_libm %a {fn = "cacosh"} : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<4xcomplex<f64>> -> tensor<complex<f64>>
  return %p, %t, %c, %r : tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>>, tensor<complex<f64>>
}

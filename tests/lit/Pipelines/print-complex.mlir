// A print of complex values calls the callbacks of numpy's complex64/complex128.
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s

// CHECK-LABEL: func.func @f(
// CHECK: call @ag_rt_print_c64(%{{.*}}, %{{.*}}) : (i64, memref<*xcomplex<f32>>) -> ()
// CHECK: call @ag_rt_print_c128(%{{.*}}, %{{.*}}) : (i64, memref<*xcomplex<f64>>) -> ()
// CHECK: call @ag_rt_print_end(%{{.*}}) : (i64) -> ()
func.func @f(%a: tensor<4xcomplex<f32>>, %b: tensor<complex<f64>>) {
  ag.print %a, %b {callback = 1 : i64} : tensor<4xcomplex<f32>>, tensor<complex<f64>>
  return
}

// A complex product starts from 1 + 0j and multiplies acc * x as numpy's reduction
// loop does. On a host without AVX512F numpy runs its baseline build of the loop, not
// contracted: re = ar * xr - ai * xi, im = ar * xi + ai * xr, never a fused multiply-add
// (complex-prod-avx512.mlir checks AVX512F hosts).
//
// UNSUPPORTED: avx512f
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// CHECK-LABEL: func.func @prod(
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[X:.*]]: complex<f64>, %[[ACC:.*]]: complex<f64>):
// CHECK-DAG:       %[[AR:.*]] = complex.re %[[ACC]] : complex<f64>
// CHECK-DAG:       %[[AI:.*]] = complex.im %[[ACC]] : complex<f64>
// CHECK-DAG:       %[[XR:.*]] = complex.re %[[X]] : complex<f64>
// CHECK-DAG:       %[[XI:.*]] = complex.im %[[X]] : complex<f64>
// CHECK-DAG:       %[[RR:.*]] = arith.mulf %[[AR]], %[[XR]] : f64
// CHECK-DAG:       %[[II:.*]] = arith.mulf %[[AI]], %[[XI]] : f64
// CHECK-DAG:       %[[RE:.*]] = arith.subf %[[RR]], %[[II]] : f64
// CHECK-DAG:       %[[RI:.*]] = arith.mulf %[[AR]], %[[XI]] : f64
// CHECK-DAG:       %[[IR:.*]] = arith.mulf %[[AI]], %[[XR]] : f64
// CHECK-DAG:       %[[IM:.*]] = arith.addf %[[RI]], %[[IR]] : f64
// CHECK:           %[[Z:.*]] = complex.create %[[RE]], %[[IM]] : complex<f64>
// CHECK:           linalg.yield %[[Z]] : complex<f64>
// CHECK-NOT:     math.fma
func.func @prod(%a: tensor<4x3xcomplex<f64>>) -> tensor<3xcomplex<f64>> {
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<4x3xcomplex<f64>> -> tensor<3xcomplex<f64>>
  return %r : tensor<3xcomplex<f64>>
}

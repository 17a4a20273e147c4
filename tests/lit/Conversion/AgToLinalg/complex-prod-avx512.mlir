// On a host with AVX512F, numpy runs the complex128 multiply loop of its AVX512F build,
// which GCC contracted: a complex product (ag.prod, ag.cumprod) fuses as numpy's does.
// complex-prod.mlir checks the other hosts.
//
// REQUIRES: avx512f
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// A complex product starts from 1 + 0j and multiplies acc * x as numpy's reduction
// loop does: for complex128 GCC-contracted (re = fma(ar, xr, -(ai * xi)),
// im = fma(ar, xi, ai * xr)); complex64's is the plain formula.
// CHECK-LABEL: func.func @prod(
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         %[[ID:.*]] = complex.create %[[ONE]], %[[ZERO]] : complex<f64>
// CHECK:         linalg.fill ins(%[[ID]] : complex<f64>)
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[X:.*]]: complex<f64>, %[[ACC:.*]]: complex<f64>):
// CHECK-DAG:       %[[AR:.*]] = complex.re %[[ACC]] : complex<f64>
// CHECK-DAG:       %[[AI:.*]] = complex.im %[[ACC]] : complex<f64>
// CHECK-DAG:       %[[XR:.*]] = complex.re %[[X]] : complex<f64>
// CHECK-DAG:       %[[XI:.*]] = complex.im %[[X]] : complex<f64>
// CHECK-DAG:       %[[II:.*]] = arith.mulf %[[AI]], %[[XI]] : f64
// CHECK-DAG:       %[[NEG:.*]] = arith.negf %[[II]] : f64
// CHECK-DAG:       %[[RE:.*]] = math.fma %[[AR]], %[[XR]], %[[NEG]] : f64
// CHECK-DAG:       %[[IR:.*]] = arith.mulf %[[AI]], %[[XR]] : f64
// CHECK-DAG:       %[[IM:.*]] = math.fma %[[AR]], %[[XI]], %[[IR]] : f64
// CHECK:           %[[Z:.*]] = complex.create %[[RE]], %[[IM]] : complex<f64>
// CHECK:           linalg.yield %[[Z]] : complex<f64>
// CHECK-NOT:     complex.mul
func.func @prod(%a: tensor<4x3xcomplex<f64>>) -> tensor<3xcomplex<f64>> {
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<4x3xcomplex<f64>> -> tensor<3xcomplex<f64>>
  return %r : tensor<3xcomplex<f64>>
}


// complex64/complex128 (`complex<f32>`, `complex<f64>`): convert-ag-to-linalg writes
// numpy 1.24's complex loops on the parts (complex.re/im/create around arith): the plain
// multiply, Smith's division with numpy's zero-divisor rule, casts part by part; and
// calls libm for what numpy takes from it (cexp/clog/csqrt, hypot), by the C ABI: a
// double complex as two doubles in and a {double, double} out, a float complex as one
// 8-byte SSE value (a double's register) holding both floats.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @mul(
// CHECK:         ^bb0(%[[A:.*]]: complex<f32>, %[[B:.*]]: complex<f32>, %{{.*}}: complex<f32>):
// CHECK-DAG:       %[[AR:.*]] = complex.re %[[A]] : complex<f32>
// CHECK-DAG:       %[[AI:.*]] = complex.im %[[A]] : complex<f32>
// CHECK-DAG:       %[[BR:.*]] = complex.re %[[B]] : complex<f32>
// CHECK-DAG:       %[[BI:.*]] = complex.im %[[B]] : complex<f32>
// CHECK-DAG:       %[[RR:.*]] = arith.mulf %[[AR]], %[[BR]] : f32
// CHECK-DAG:       %[[II:.*]] = arith.mulf %[[AI]], %[[BI]] : f32
// CHECK-DAG:       %[[RE:.*]] = arith.subf %[[RR]], %[[II]] : f32
// CHECK-DAG:       %[[RI:.*]] = arith.mulf %[[AR]], %[[BI]] : f32
// CHECK-DAG:       %[[IR:.*]] = arith.mulf %[[AI]], %[[BR]] : f32
// CHECK-DAG:       %[[IM:.*]] = arith.addf %[[RI]], %[[IR]] : f32
// CHECK:           %[[Z:.*]] = complex.create %[[RE]], %[[IM]] : complex<f32>
// CHECK:           linalg.yield %[[Z]] : complex<f32>
// CHECK-NOT:     complex.mul
func.func @mul(%a: tensor<4xcomplex<f32>>, %b: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  %r = ag.mul %a, %b : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %r : tensor<4xcomplex<f32>>
}

// Smith's division: the branch on |br| >= |bi| (false for a NaN part, as numpy's `if`)
// and a zero divisor dividing each part by |br|.
// CHECK-LABEL: func.func @div(
// CHECK:         %[[BRA:.*]] = math.absf %{{.*}} : f64
// CHECK:         %[[BIA:.*]] = math.absf %{{.*}} : f64
// CHECK:         %[[LARGER:.*]] = arith.cmpf oge, %[[BRA]], %[[BIA]] : f64
// CHECK:         %[[ZERO:.*]] = arith.andi
// CHECK:         arith.divf %{{.*}}, %[[BRA]] : f64
// CHECK:         %[[S0:.*]] = arith.select %[[ZERO]], %{{.*}}, %{{.*}} : f64
// CHECK:         arith.select %[[LARGER]], %[[S0]], %{{.*}} : f64
// CHECK:         complex.create
// CHECK-NOT:     complex.div
func.func @div(%a: tensor<4xcomplex<f64>>, %b: tensor<complex<f64>>) -> tensor<4xcomplex<f64>> {
  %r = ag.div %a, %b : tensor<4xcomplex<f64>>, tensor<complex<f64>> -> tensor<4xcomplex<f64>>
  return %r : tensor<4xcomplex<f64>>
}

// CHECK-LABEL: func.func @eq_ne(
// CHECK:         arith.cmpf oeq
// CHECK:         arith.cmpf oeq
// CHECK:         arith.andi
// CHECK:         arith.cmpf une
// CHECK:         arith.cmpf une
// CHECK:         arith.ori
func.func @eq_ne(%a: tensor<4xcomplex<f32>>, %b: tensor<4xcomplex<f32>>) -> (tensor<4xi1>, tensor<4xi1>) {
  %e = ag.eq %a, %b : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>> -> tensor<4xi1>
  %n = ag.ne %a, %b : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>> -> tensor<4xi1>
  return %e, %n : tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func.func @exp64(
// CHECK:         %[[R:.*]] = complex.re
// CHECK:         %[[I:.*]] = complex.im
// CHECK:         func.call @cexp(%[[R]], %[[I]]) : (f64, f64) -> complex<f64>
// LLVM-LABEL:  llvm.func @exp64(
// LLVM:          llvm.call @cexp(%{{.*}}, %{{.*}}) : (f64, f64) -> !llvm.struct<(f64, f64)>
func.func @exp64(%a: tensor<4xcomplex<f64>>) -> tensor<4xcomplex<f64>> {
  %r = ag.exp %a : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
  return %r : tensor<4xcomplex<f64>>
}

// complex64: both floats packed into one 64-bit value (re low, im high).
// CHECK-LABEL: func.func @sqrt32(
// CHECK:         %[[HI:.*]] = arith.shli %{{.*}}, %{{.*}} : i64
// CHECK:         %[[PACKED:.*]] = arith.ori %{{.*}}, %[[HI]] : i64
// CHECK:         %[[ARG:.*]] = arith.bitcast %[[PACKED]] : i64 to f64
// CHECK:         %[[RES:.*]] = func.call @csqrtf(%[[ARG]]) : (f64) -> f64
// CHECK:         %[[BITS:.*]] = arith.bitcast %[[RES]] : f64 to i64
// CHECK:         arith.shrui %[[BITS]]
// LLVM-LABEL:  llvm.func @sqrt32(
// LLVM:          llvm.call @csqrtf(%{{.*}}) : (f64) -> f64
func.func @sqrt32(%a: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  %r = ag.sqrt %a : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %r : tensor<4xcomplex<f32>>
}

// CHECK-LABEL: func.func @log32(
// CHECK:         func.call @clogf(%{{.*}}) : (f64) -> f64
func.func @log32(%a: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  %r = ag.log %a : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %r : tensor<4xcomplex<f32>>
}

// CHECK-LABEL: func.func @parts(
// CHECK:         func.call @hypotf(%{{.*}}, %{{.*}}) : (f32, f32) -> f32
// CHECK:         math.atan2
// CHECK:         complex.re
// CHECK:         complex.im
// CHECK:         arith.negf
func.func @parts(%a: tensor<4xcomplex<f32>>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xcomplex<f32>>) {
  %m = ag.complex_abs %a : tensor<4xcomplex<f32>> -> tensor<4xf32>
  %g = ag.angle %a : tensor<4xcomplex<f32>> -> tensor<4xf32>
  %r = ag.real %a : tensor<4xcomplex<f32>> -> tensor<4xf32>
  %i = ag.imag %a : tensor<4xcomplex<f32>> -> tensor<4xf32>
  %c = ag.conj %a : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %m, %g, %r, %i, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xcomplex<f32>>
}

// isnan/isinf of either part, isfinite of both.
// CHECK-LABEL: func.func @classify(
// CHECK:         arith.cmpf uno
// CHECK:         arith.cmpf uno
// CHECK:         arith.ori
func.func @classify(%a: tensor<4xcomplex<f64>>) -> tensor<4xi1> {
  %r = ag.isnan %a : tensor<4xcomplex<f64>> -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// Casts: to bool when either part is nonzero (NaN too); between complex types part by
// part; from a real dtype with +0.0 as the imaginary part.
// CHECK-LABEL: func.func @casts(
// CHECK:         arith.cmpf une
// CHECK:         arith.cmpf une
// CHECK:         arith.ori
// CHECK:         arith.truncf %{{.*}} : f64 to f32
// CHECK:         arith.truncf %{{.*}} : f64 to f32
// CHECK:         complex.create
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[RE:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK:         complex.create %[[RE]], %[[ZERO]] : complex<f32>
func.func @casts(%a: tensor<4xcomplex<f64>>, %b: tensor<4xi64>) -> (tensor<4xi1>, tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>) {
  %r = ag.cast %a : tensor<4xcomplex<f64>> -> tensor<4xi1>
  %s = ag.cast %a : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f32>>
  %t = ag.cast %b : tensor<4xi64> -> tensor<4xcomplex<f32>>
  return %r, %s, %t : tensor<4xi1>, tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>
}

// A complex constant is two float constants joined (no dense complex global in LLVM).
// CHECK-LABEL: func.func @constant(
// CHECK-DAG:     arith.constant dense<[1.000000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     arith.constant dense<[2.000000e+00, -0.000000e+00]> : tensor<2xf32>
// CHECK:         complex.create
func.func @constant() -> tensor<2xcomplex<f32>> {
  %c = ag.constant dense<[(1.0, 2.0), (3.0, -0.0)]> : tensor<2xcomplex<f32>>
  return %c : tensor<2xcomplex<f32>>
}

// CHECK-LABEL: func.func @make(
// CHECK:         ^bb0(%[[RE:.*]]: f32, %[[IM:.*]]: f32, %{{.*}}: complex<f32>):
// CHECK:           complex.create %[[RE]], %[[IM]] : complex<f32>
func.func @make(%a: tensor<4xf32>, %b: tensor<f32>) -> tensor<4xcomplex<f32>> {
  %r = ag.make_complex %a, %b : tensor<4xf32>, tensor<f32> -> tensor<4xcomplex<f32>>
  return %r : tensor<4xcomplex<f32>>
}

// No complex op or type is left for LLVM.
// LLVM-NOT:    complex.

// The trig and hyperbolic functions call libm's (numpy 1.24 on glibc calls csin & co.);
// ag.complex_libm calls the function its `fn` names.
// CHECK-LABEL: func.func @trig(
// CHECK:         func.call @csinf(%{{.*}}) : (f64) -> f64
// CHECK:         func.call @catanhf(%{{.*}}) : (f64) -> f64
// LLVM-LABEL:  llvm.func @trig(
// LLVM:          llvm.call @csinf(%{{.*}}) : (f64) -> f64
func.func @trig(%a: tensor<4xcomplex<f32>>) -> (tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>) {
  %s = ag.sin %a : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  %t = ag.complex_libm %a {fn = "catanh"} : tensor<4xcomplex<f32>> -> tensor<4xcomplex<f32>>
  return %s, %t : tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>
}

// nc_pow: libm's cpow (four doubles in) unless the exponent is zero, the base is zero
// or the exponent a small integer (the unrolled binary powering: seven selects on the
// exponent's bits), and Smith's 1/r for negative integers.
// CHECK-LABEL: func.func @pow(
// CHECK:         func.call @cpow(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (f64, f64, f64, f64) -> complex<f64>
// CHECK:         arith.fptosi
// CHECK-COUNT-7: arith.select %{{.*}}, %{{.*}}, %{{.*}} : complex<f64>
// CHECK:         arith.cmpf olt
// CHECK:         arith.select
// LLVM-LABEL:  llvm.func @pow(
// LLVM:          llvm.call @cpow(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (f64, f64, f64, f64) -> !llvm.struct<(f64, f64)>
func.func @pow(%a: tensor<4xcomplex<f64>>, %b: tensor<4xcomplex<f64>>) -> tensor<4xcomplex<f64>> {
  %r = ag.pow %a, %b : tensor<4xcomplex<f64>>, tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
  return %r : tensor<4xcomplex<f64>>
}

// complex64's cpowf takes both operands packed, one 8-byte value each.
// CHECK-LABEL: func.func @pow32(
// CHECK:         func.call @cpowf(%{{.*}}, %{{.*}}) : (f64, f64) -> f64
func.func @pow32(%a: tensor<4xcomplex<f32>>, %b: tensor<complex<f32>>) -> tensor<4xcomplex<f32>> {
  %r = ag.pow %a, %b : tensor<4xcomplex<f32>>, tensor<complex<f32>> -> tensor<4xcomplex<f32>>
  return %r : tensor<4xcomplex<f32>>
}

// CHECK-LABEL: func.func @prod32(
// CHECK:         linalg.generic
// CHECK-NOT:       math.fma
// CHECK:           arith.subf
// CHECK:           linalg.yield %{{.*}} : complex<f32>
func.func @prod32(%a: tensor<4x3xcomplex<f32>>) -> tensor<3xcomplex<f32>> {
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<4x3xcomplex<f32>> -> tensor<3xcomplex<f32>>
  return %r : tensor<3xcomplex<f32>>
}

// ag.cast lowers to numpy's conversion per element type pair. Float -> int is C's
// conversion as x86-64 does it (cvtt*): NaN, +-inf and values whose truncation does not
// fit give INT_MIN, never arith.fptosi's poison. The conversion only ever sees in-range
// values (others are replaced by 0 first), so constant folding gives numpy's values too.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-to-linalg | FileCheck %s --check-prefix=FOLD

// CHECK-LABEL: func.func @f32_to_i32(
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: i32):
// CHECK-DAG:       %[[LO:.*]] = arith.constant -2.14748365E+9 : f32
// CHECK-DAG:       %[[HI:.*]] = arith.constant 2.14748365E+9 : f32
// CHECK-DAG:       %[[BELOW:.*]] = arith.cmpf olt, %[[X]], %[[HI]] : f32
// CHECK-DAG:       %[[ABOVE:.*]] = arith.cmpf oge, %[[X]], %[[LO]] : f32
// CHECK:           %[[OK:.*]] = arith.andi %[[ABOVE]], %[[BELOW]] : i1
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[SAFE:.*]] = arith.select %[[OK]], %[[X]], %[[ZERO]] : f32
// CHECK:           %[[I:.*]] = arith.fptosi %[[SAFE]] : f32 to i32
// CHECK:           %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK:           %[[R:.*]] = arith.select %[[OK]], %[[I]], %[[MIN]] : i32
// CHECK:           linalg.yield %[[R]] : i32
func.func @f32_to_i32(%a: tensor<4xf32>) -> tensor<4xi32> {
  %r = ag.cast %a : tensor<4xf32> -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// The bounds are +-2^63 for int64 targets (exact in f32 and f64 alike).
// CHECK-LABEL: func.func @f32_to_i64(
// CHECK-DAG:       arith.constant -9.22337203E+18 : f32
// CHECK-DAG:       arith.constant 9.22337203E+18 : f32
// CHECK:           arith.fptosi %{{.*}} : f32 to i64
// CHECK:           %[[MIN:.*]] = arith.constant -9223372036854775808 : i64
// CHECK:           arith.select %{{.*}}, %{{.*}}, %[[MIN]] : i64
func.func @f32_to_i64(%a: tensor<4xf32>) -> tensor<4xi64> {
  %r = ag.cast %a : tensor<4xf32> -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// float64 -> int32: a float64 just below 2^31 truncates into range, so the upper bound
// is 2^31, exclusive.
// CHECK-LABEL: func.func @f64_to_i32(
// CHECK-DAG:       arith.constant 0xC1E0000000000000 : f64
// CHECK-DAG:       arith.constant 0x41E0000000000000 : f64
// CHECK-DAG:       arith.cmpf olt
// CHECK-DAG:       arith.cmpf oge
// CHECK:           arith.fptosi %{{.*}} : f64 to i32
func.func @f64_to_i32(%a: tensor<f64>) -> tensor<i32> {
  %r = ag.cast %a : tensor<f64> -> tensor<i32>
  return %r : tensor<i32>
}

// bool(x) is x != 0 (NaN is truthy: an unordered compare); ints widen exactly.
// CHECK-LABEL: func.func @to_bool_and_float(
// CHECK-NOT:       arith.fptosi
// CHECK:           arith.cmpf une, %{{.*}}, %{{.*}} : f64
// CHECK-NOT:       arith.fptosi
// CHECK:           arith.sitofp %{{.*}} : i64 to f32
// CHECK-NOT:       arith.fptosi
// CHECK:           arith.uitofp %{{.*}} : i1 to f64
// CHECK-NOT:       arith.fptosi
// CHECK:         return
func.func @to_bool_and_float(%a: tensor<4xf64>, %b: tensor<4xi64>, %c: tensor<4xi1>)
    -> (tensor<4xi1>, tensor<4xf32>, tensor<4xf64>) {
  %x = ag.cast %a : tensor<4xf64> -> tensor<4xi1>
  %y = ag.cast %b : tensor<4xi64> -> tensor<4xf32>
  %z = ag.cast %c : tensor<4xi1> -> tensor<4xf64>
  return %x, %y, %z : tensor<4xi1>, tensor<4xf32>, tensor<4xf64>
}

// Folded casts of constants give numpy's values: INT_MIN for NaN, inf and out-of-range
// values, the truncation for values in range.
// FOLD-LABEL: func.func @fold_nan(
// FOLD:         arith.constant dense<-2147483648> : tensor<i32>
func.func @fold_nan() -> tensor<i32> {
  %c = ag.constant dense<0x7FF8000000000000> : tensor<f64>
  %r = ag.cast %c : tensor<f64> -> tensor<i32>
  return %r : tensor<i32>
}

// FOLD-LABEL: func.func @fold_out_of_range(
// FOLD:         arith.constant dense<-9223372036854775808> : tensor<i64>
func.func @fold_out_of_range() -> tensor<i64> {
  %c = ag.constant dense<9.2233720368547758E+18> : tensor<f64>
  %r = ag.cast %c : tensor<f64> -> tensor<i64>
  return %r : tensor<i64>
}

// FOLD-LABEL: func.func @fold_in_range(
// FOLD:         arith.constant dense<2147483647> : tensor<i32>
func.func @fold_in_range() -> tensor<i32> {
  %c = ag.constant dense<2147483647.9> : tensor<f64>
  %r = ag.cast %c : tensor<f64> -> tensor<i32>
  return %r : tensor<i32>
}

// A splat of +inf fills INT_MIN.
// FOLD-LABEL: func.func @fold_splat_inf(
// FOLD:         %[[MIN:.*]] = arith.constant -2147483648 : i32
// FOLD:         linalg.yield %[[MIN]] : i32
func.func @fold_splat_inf() -> tensor<3xi32> {
  %c = ag.constant dense<0x7F800000> : tensor<3xf32>
  %r = ag.cast %c : tensor<3xf32> -> tensor<3xi32>
  return %r : tensor<3xi32>
}

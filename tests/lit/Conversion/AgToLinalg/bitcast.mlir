// ag.bitcast reinterprets each element's bits (numpy's same-width x.view(dtype)): one
// arith.bitcast per element, unsigned dtypes as their signless integers.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// CHECK-LABEL: func.func @f32_to_u32(
// CHECK-SAME:    %{{.*}}: tensor<4xf32>) -> tensor<4xi32>
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: i32):
// CHECK:           %[[R:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK:           linalg.yield %[[R]] : i32
func.func @f32_to_u32(%a: tensor<4xf32>) -> tensor<4xui32> {
  %r = ag.bitcast %a : tensor<4xf32> -> tensor<4xui32>
  return %r : tensor<4xui32>
}

// A 0-d bitcast is scalar code.
// CHECK-LABEL: func.func @f64_to_i64(
// CHECK:         %[[X:.*]] = tensor.extract
// CHECK:         %[[R:.*]] = arith.bitcast %[[X]] : f64 to i64
// CHECK:         tensor.from_elements %[[R]] : tensor<i64>
func.func @f64_to_i64(%a: tensor<f64>) -> tensor<i64> {
  %r = ag.bitcast %a : tensor<f64> -> tensor<i64>
  return %r : tensor<i64>
}

// CHECK-LABEL: func.func @i16_to_f16(
// CHECK:         arith.bitcast %{{.*}} : i16 to f16
func.func @i16_to_f16(%a: tensor<2x?xi16>) -> tensor<2x?xf16> {
  %r = ag.bitcast %a : tensor<2x?xi16> -> tensor<2x?xf16>
  return %r : tensor<2x?xf16>
}

// The ag-to-linalg pipeline: canonicalize ag, convert to linalg on tensors, fuse
// elementwise generics, canonicalize and CSE.
//
// RUN: ag-opt %s -ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-to-linalg | FileCheck %s --check-prefix=NOAG

// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>

// Six elementwise ops with broadcasting become ONE generic reading each input once and
// writing one buffer: no intermediate tensors.
// CHECK-LABEL: func.func @elementwise_chain(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf32>, %[[B:.*]]: tensor<32xf32>, %[[S:.*]]: tensor<f32>) -> tensor<8x32xf32>
// CHECK-COUNT-1: tensor.empty() : tensor<8x32xf32>
// CHECK-NOT:     tensor.empty
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID]], #[[$ROW]], #[[$SCALAR]], #[[$ID]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[B]], %[[S]] : tensor<8x32xf32>, tensor<32xf32>, tensor<f32>)
// CHECK:         ^bb0(%[[XI:.*]]: f32, %[[BI:.*]]: f32, %[[SI:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[ADD:.*]] = arith.addf %[[XI]], %[[BI]] : f32
// CHECK:           %[[MUL:.*]] = arith.mulf %[[ADD]], %[[SI]] : f32
// CHECK:           %[[TANH:.*]] = math.tanh %[[MUL]] : f32
// CHECK:           math.exp %[[TANH]] : f32
// CHECK:           %[[SUB:.*]] = arith.subf %{{.*}}, %[[XI]] : f32
// CHECK:           %[[GT:.*]] = arith.cmpf ogt, %[[SUB]], %[[BI]] : f32
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[SUB]], %[[SUB]] : f32
// CHECK:           %[[TAKE:.*]] = arith.ori %[[NAN]], %[[GT]] : i1
// CHECK:           %[[MAX:.*]] = arith.select %[[TAKE]], %[[SUB]], %[[BI]] : f32
// CHECK:           linalg.yield %[[MAX]] : f32
// CHECK:         } -> tensor<8x32xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]] : tensor<8x32xf32>
func.func @elementwise_chain(%x: tensor<8x32xf32>, %b: tensor<32xf32>, %s: tensor<f32>) -> tensor<8x32xf32> {
  %0 = ag.add %x, %b : tensor<8x32xf32>, tensor<32xf32> -> tensor<8x32xf32>
  %1 = ag.mul %0, %s : tensor<8x32xf32>, tensor<f32> -> tensor<8x32xf32>
  %2 = ag.tanh %1 : tensor<8x32xf32> -> tensor<8x32xf32>
  %3 = ag.exp %2 : tensor<8x32xf32> -> tensor<8x32xf32>
  %4 = ag.sub %3, %x : tensor<8x32xf32>, tensor<8x32xf32> -> tensor<8x32xf32>
  %5 = ag.maximum %4, %b : tensor<8x32xf32>, tensor<32xf32> -> tensor<8x32xf32>
  return %5 : tensor<8x32xf32>
}

// The producers of a reduction fuse into the reduction generic as well: for a float sum
// over the rows, the lane-sum loop of numpy's pairwise tree, which reads x in place.
// CHECK-LABEL: func.func @fused_into_reduction(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf64>, %[[B:.*]]: tensor<32xf64>) -> tensor<8xf64>
// CHECK-NOT:     tensor.empty() : tensor<8x32xf64>
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[B]], %{{.*}} : tensor<8x32xf64>, tensor<32xf64>, tensor<4xi8>)
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         return
func.func @fused_into_reduction(%x: tensor<8x32xf64>, %b: tensor<32xf64>) -> tensor<8xf64> {
  %0 = ag.sub %x, %b : tensor<8x32xf64>, tensor<32xf64> -> tensor<8x32xf64>
  %1 = ag.mul %0, %0 : tensor<8x32xf64>, tensor<8x32xf64> -> tensor<8x32xf64>
  %2 = ag.sum %1 {axes = array<i64: 1>} : tensor<8x32xf64> -> tensor<8xf64>
  return %2 : tensor<8xf64>
}

// A reduction of a transposed view reads the base in its own order; the transpose of
// the whole operand is gone, only the small result is transposed.
// CHECK-LABEL: func.func @sum_of_transpose(
// CHECK-SAME:    %[[A:.*]]: tensor<64x32xf32>) -> tensor<32xf32>
// CHECK-NOT:     tensor<32x64xf32>
// CHECK:         return
func.func @sum_of_transpose(%a: tensor<64x32xf32>) -> tensor<32xf32> {
  %t = ag.transpose %a {permutation = array<i64: 1, 0>} : tensor<64x32xf32> -> tensor<32x64xf32>
  %r = ag.sum %t {axes = array<i64: 1>} : tensor<32x64xf32> -> tensor<32xf32>
  return %r : tensor<32xf32>
}

// The ag canonicalizer runs first: identity casts, identity transposes, same-shape
// reshapes and reshape chains fold away before lowering.
// CHECK-LABEL: func.func @folds(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]]
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{.*}} into tensor<3x2xf32>
// CHECK-NEXT:    return %[[R]] : tensor<3x2xf32>
func.func @folds(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = ag.cast %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = ag.transpose %0 {permutation = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = ag.reshape %1 : tensor<2x3xf32> -> tensor<6xf32>
  %3 = ag.reshape %2 : tensor<6xf32> -> tensor<3x2xf32>
  return %3 : tensor<3x2xf32>
}

// Constants fold through reshape and splat broadcast_to.
// CHECK-LABEL: func.func @constant_folds(
// CHECK-DAG:     %[[A:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<7> : tensor<3x4xi64>
// CHECK:         return %[[A]], %[[B]] : tensor<2x2xf32>, tensor<3x4xi64>
func.func @constant_folds() -> (tensor<2x2xf32>, tensor<3x4xi64>) {
  %c = ag.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %r = ag.reshape %c : tensor<4xf32> -> tensor<2x2xf32>
  %s = ag.constant dense<7> : tensor<i64>
  %b = ag.broadcast_to %s : tensor<i64> -> tensor<3x4xi64>
  return %r, %b : tensor<2x2xf32>, tensor<3x4xi64>
}

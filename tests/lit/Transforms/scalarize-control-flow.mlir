// RUN: ag-opt %s --ag-scalarize-control-flow --canonicalize | FileCheck %s

// 0-d tensors cross scf.for / scf.while / scf.if boundaries as scalars: bufferization
// then has no buffer to allocate per iteration.

// CHECK-LABEL: func.func @sum_to
// CHECK:         %[[S:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (i64) {
// CHECK:           %[[NEXT:.*]] = arith.addi %[[ACC]]
// CHECK-NEXT:      scf.yield %[[NEXT]] : i64
// CHECK:         tensor.from_elements %[[S]] : tensor<i64>
func.func @sum_to(%n: index, %init: tensor<i64>) -> tensor<i64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (tensor<i64>) {
    %a = tensor.extract %acc[] : tensor<i64>
    %iv = arith.index_cast %i : index to i64
    %s = arith.addi %a, %iv : i64
    %t = tensor.from_elements %s : tensor<i64>
    scf.yield %t : tensor<i64>
  }
  return %r : tensor<i64>
}

// Only the 0-d values change: the vector stays a tensor.
// CHECK-LABEL: func.func @halve
// CHECK:         scf.while (%[[X:.*]] = %{{.*}}, %[[V:.*]] = %arg1) : (f64, tensor<4xf64>) -> (f64, tensor<4xf64>) {
// CHECK:           arith.cmpf ogt, %[[X]]
// CHECK:           scf.condition(%{{.*}}) %[[X]], %[[V]] : f64, tensor<4xf64>
// CHECK:         } do {
// CHECK:         ^bb0(%[[X2:.*]]: f64, %[[V2:.*]]: tensor<4xf64>):
// CHECK:           %[[H:.*]] = arith.mulf %[[X2]]
// CHECK:           %[[W:.*]] = tensor.insert %[[H]] into %[[V2]]
// CHECK:           scf.yield %[[H]], %[[W]] : f64, tensor<4xf64>
func.func @halve(%x: tensor<f64>, %v: tensor<4xf64>) -> (tensor<f64>, tensor<4xf64>) {
  %one = arith.constant 1.0 : f64
  %half = arith.constant 0.5 : f64
  %r:2 = scf.while (%a = %x, %b = %v) : (tensor<f64>, tensor<4xf64>) -> (tensor<f64>, tensor<4xf64>) {
    %s = tensor.extract %a[] : tensor<f64>
    %c = arith.cmpf ogt, %s, %one : f64
    scf.condition(%c) %a, %b : tensor<f64>, tensor<4xf64>
  } do {
  ^bb0(%a: tensor<f64>, %b: tensor<4xf64>):
    %s = tensor.extract %a[] : tensor<f64>
    %h = arith.mulf %s, %half : f64
    %t = tensor.from_elements %h : tensor<f64>
    %c0 = arith.constant 0 : index
    %w = tensor.insert %h into %b[%c0] : tensor<4xf64>
    scf.yield %t, %w : tensor<f64>, tensor<4xf64>
  }
  return %r#0, %r#1 : tensor<f64>, tensor<4xf64>
}

// CHECK-LABEL: func.func @pick
// CHECK:         %[[R:.*]] = scf.if %arg0 -> (i32) {
// CHECK:           scf.yield %{{.*}} : i32
// CHECK:         } else {
// CHECK:           scf.yield %{{.*}} : i32
// CHECK:         tensor.from_elements %[[R]] : tensor<i32>
func.func @pick(%c: i1, %a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %r = scf.if %c -> (tensor<i32>) {
    scf.yield %a : tensor<i32>
  } else {
    scf.yield %b : tensor<i32>
  }
  return %r : tensor<i32>
}

// An ag.assert on a computed 0-d condition is tested as a scalar; the assert runs only
// where it fails, on a constant (no buffer for the condition).
// (canonicalization folds the negated comparison and hoists the constant).
// CHECK-LABEL: func.func @checked
// CHECK:         %[[NO:.*]] = arith.constant dense<false> : tensor<i1>
// CHECK:         %[[BAD:.*]] = arith.cmpi sge, %arg0, %arg1 : i64
// CHECK-NEXT:    scf.if %[[BAD]] {
// CHECK-NEXT:      ag.assert %[[NO]] {callback = 7 : i64} : tensor<i1>
// CHECK-NEXT:    }
func.func @checked(%i: i64, %n: i64) {
  %ok = arith.cmpi slt, %i, %n : i64
  %t = tensor.from_elements %ok : tensor<i1>
  ag.assert %t {callback = 7 : i64} : tensor<i1>
  return
}

// A select between two 0-d values (an scf.if canonicalized into arith.select) selects
// their elements: no buffer for either operand or the result.
// CHECK-LABEL: func.func @pick_longer
// CHECK-NOT:     tensor.from_elements
// CHECK:         %[[P:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : i64
// CHECK-NEXT:    return %[[P]] : i64
func.func @pick_longer(%steps: i64, %longest: i64) -> i64 {
  %a = tensor.from_elements %steps : tensor<i64>
  %b = tensor.from_elements %longest : tensor<i64>
  %c = arith.cmpi sgt, %steps, %longest : i64
  %p = arith.select %c, %a, %b : tensor<i64>
  %r = tensor.extract %p[] : tensor<i64>
  return %r : i64
}

// An elementwise select on a tensor condition is left to the elementwise lowering.
// CHECK-LABEL: func.func @select_vector
// CHECK:         arith.select %arg0, %arg1, %arg2 : tensor<4xi1>, tensor<4xf32>
func.func @select_vector(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %p = arith.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  return %p : tensor<4xf32>
}

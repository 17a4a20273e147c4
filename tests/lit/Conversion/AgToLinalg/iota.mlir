// ag.iota: a buffer of the count (negative counts as 0) that one parallel generic fills
// with each position's index.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// CHECK-LABEL: func.func @iota(
// CHECK-SAME:    %[[N:.*]]: tensor<i64>) -> tensor<?xi64>
// CHECK:         %[[C:.*]] = tensor.extract %[[N]][] : tensor<i64>
// CHECK:         %[[I:.*]] = arith.index_cast %[[C]] : i64 to index
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : index
// CHECK:         %[[SIZE:.*]] = arith.maxsi %[[I]], %[[ZERO]] : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[SIZE]]) : tensor<?xi64>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]} outs(%[[E]] : tensor<?xi64>)
// CHECK:         %[[J:.*]] = linalg.index 0 : index
// CHECK:         %[[V:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK:         linalg.yield %[[V]] : i64
func.func @iota(%n: tensor<i64>) -> tensor<?xi64> {
  %r = ag.iota %n : tensor<i64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}

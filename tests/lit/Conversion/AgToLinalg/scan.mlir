// ag.cumsum/cumprod/cummax/cummin become an scf.for over the scanned axis from 1 to its
// size, carrying the result and its last slice: each step combines the last slice with
// the operand's next slice (numpy's order: result[i] = op(result[i - 1], x[i])) in a
// linalg.generic writing into the last slice, and inserts it into the result. Along the
// innermost axis, an outer loop over the lanes and an inner scalar loop instead. The
// combination is the elementwise op's scalar code (maximum propagates NaN; bool add is
// or). An empty scanned axis is the operand itself.
//
// RUN: ag-opt %s -convert-ag-to-linalg -canonicalize | FileCheck %s
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s --check-prefix=BUF

// NOAG-NOT: {{[ ]ag\.}}

// A scan along an outer axis: each step is a vectorisable loop over a whole slice.
// CHECK-LABEL: func.func @cumsum_down(
// CHECK-SAME:    %[[X:.*]]: tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.*]] = arith.constant 4 : index
// CHECK:         %[[FIRST:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 3] [1, 1]
// CHECK:         %[[LOOP:.*]]:2 = scf.for %[[I:.*]] = %[[C1]] to %[[C4]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[X]], %[[LAST:.*]] = %[[FIRST]])
// CHECK:           %[[CUR:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [1, 3] [1, 1]
// CHECK:           %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[CUR]] : tensor<1x3xf32>) outs(%[[LAST]] : tensor<1x3xf32>)
// CHECK:           ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK:             %[[S:.*]] = arith.addf %[[OUT]], %[[IN]] : f32
// CHECK:             linalg.yield %[[S]]
// CHECK:           %[[INS:.*]] = tensor.insert_slice %[[NEXT]] into %[[ACC]][%[[I]], 0] [1, 3] [1, 1]
// CHECK:           scf.yield %[[INS]], %[[NEXT]]
// CHECK:         return %[[LOOP]]#0
func.func @cumsum_down(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %r = ag.cumsum %x {axis = 0 : i64} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// Along the innermost axis: lane by lane, the running value a scalar.
// CHECK-LABEL: func.func @cumsum_rows(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK:         %[[OUTER:.*]] = scf.for %[[L:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[FLAT]])
// CHECK:           %[[FIRST:.*]] = tensor.extract %[[FLAT]][%[[L]], %{{.*}}] : tensor<6x4xf32>
// CHECK:           %[[INNER:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC2:.*]] = %[[ACC]], %[[LAST:.*]] = %[[FIRST]]) -> (tensor<6x4xf32>, f32)
// CHECK:             %[[CUR:.*]] = tensor.extract %[[FLAT]][%[[L]], %[[I]]]
// CHECK:             %[[NEXT:.*]] = arith.addf %[[LAST]], %[[CUR]] : f32
// CHECK:             %[[INS:.*]] = tensor.insert %[[NEXT]] into %[[ACC2]][%[[L]], %[[I]]]
// CHECK:             scf.yield %[[INS]], %[[NEXT]]
// CHECK:           scf.yield %[[INNER]]#0
// CHECK:         tensor.expand_shape %[[OUTER]]
func.func @cumsum_rows(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %r = ag.cumsum %x {axis = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @cumprod_i64(
// CHECK:         scf.for
// CHECK:           arith.muli
func.func @cumprod_i64(%x: tensor<5xi64>) -> tensor<5xi64> {
  %r = ag.cumprod %x {axis = 0 : i64} : tensor<5xi64> -> tensor<5xi64>
  return %r : tensor<5xi64>
}

// cummax: np.maximum's NaN-propagating select, not a plain maxnumf.
// CHECK-LABEL: func.func @cummax_f64(
// CHECK:         scf.for
// CHECK:           arith.cmpf
// CHECK:           arith.select
func.func @cummax_f64(%x: tensor<6x2xf64>) -> tensor<6x2xf64> {
  %r = ag.cummax %x {axis = 0 : i64} : tensor<6x2xf64> -> tensor<6x2xf64>
  return %r : tensor<6x2xf64>
}

// Bool cumsum (np.logical_or.accumulate's arithmetic): or.
// CHECK-LABEL: func.func @cumsum_bool(
// CHECK:           arith.ori
func.func @cumsum_bool(%x: tensor<4xi1>) -> tensor<4xi1> {
  %r = ag.cumsum %x {axis = 0 : i64} : tensor<4xi1> -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// CHECK-LABEL: func.func @cummin_empty_axis(
// CHECK-SAME:    %[[X:.*]]: tensor<0x3xi32>)
// CHECK-NOT:     scf.for
// CHECK:         return %[[X]]
func.func @cummin_empty_axis(%x: tensor<0x3xi32>) -> tensor<0x3xi32> {
  %r = ag.cummin %x {axis = 0 : i64} : tensor<0x3xi32> -> tensor<0x3xi32>
  return %r : tensor<0x3xi32>
}

// After bufferization the loops run in place: one buffer for the result and one for
// the last slice, allocated before the loop, none inside it.
// BUF-LABEL: func.func @cumsum_down(
// BUF:         memref.alloc
// BUF:         memref.alloc
// BUF:         scf.for
// BUF-NOT:       memref.alloc
// BUF:           linalg.generic
// BUF:           memref.copy
// BUF:         }
// BUF:         return
// BUF-LABEL: func.func @cumsum_rows(
// BUF:         memref.alloc
// BUF-NOT:     memref.alloc
// BUF:         scf.for
// BUF:           scf.for
// BUF:             memref.load
// BUF:             arith.addf
// BUF:             memref.store
// BUF:         return

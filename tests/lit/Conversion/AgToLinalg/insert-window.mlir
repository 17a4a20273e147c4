// ag.insert_window (x[a:b, j] = v at run-time starts) is one tensor.insert_slice, in
// place after bufferization. Starts are clamped so the window fits: a static window
// moves, a run-time one shrinks (and the source is cut to it); a negative step writes
// the reversed source forwards from the window's last element.
//
// RUN: ag-opt %s -convert-ag-to-linalg -canonicalize | FileCheck %s
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s --check-prefix=BUF

// A[i, j] window of 4x1: i clamped into [0, 0], j into [0, 7].
// CHECK-LABEL: func.func @column(
// CHECK-SAME:    %[[V:.*]]: tensor<4x1xf32>, %[[X:.*]]: tensor<4x8xf32>, %[[I:.*]]: tensor<i64>, %[[J:.*]]: tensor<i64>)
// CHECK:         %[[I0:.*]] = tensor.extract %[[I]][]
// CHECK:         %[[IS:.*]] = arith.minsi %{{.*}}, %c0
// CHECK:         %[[J0:.*]] = tensor.extract %[[J]][]
// CHECK:         %[[JS:.*]] = arith.minsi %{{.*}}, %c7
// CHECK:         %[[R:.*]] = tensor.insert_slice %[[V]] into %[[X]][%[[IS]], %[[JS]]] [4, 1] [1, 1]
// CHECK:         return %[[R]]
// BUF-LABEL:   func.func @column(
// BUF:           memref.copy %arg1
// BUF:           memref.subview
// BUF-NOT:       memref.alloc
// BUF:           return
func.func @column(%v: tensor<4x1xf32>, %x: tensor<4x8xf32>, %i: tensor<i64>, %j: tensor<i64>) -> tensor<4x8xf32> {
  %r = ag.insert_window %v into %x[%i, %j] {steps = array<i64: 1, 1>} : tensor<4x1xf32> into tensor<4x8xf32>, tensor<i64>, tensor<i64>
  return %r : tensor<4x8xf32>
}

// x[i::-2] = v: at most i / 2 + 1 elements fit; the source is cut, reversed, and
// written from i - 2 * (count - 1).
// CHECK-LABEL: func.func @backwards(
// CHECK-SAME:    %[[V:.*]]: tensor<?xf32>, %[[X:.*]]: tensor<8xf32>, %[[I:.*]]: tensor<i64>)
// CHECK:         %[[START:.*]] = arith.minsi %{{.*}}, %c7
// CHECK:         %[[ROOM:.*]] = arith.addi
// CHECK:         %[[N:.*]] = tensor.dim %[[V]], %c0
// CHECK:         %[[COUNT:.*]] = arith.minsi %[[N]], %[[ROOM]]
// CHECK:         %[[CUT:.*]] = tensor.extract_slice %[[V]][0] [%[[COUNT]]] [1]
// CHECK:         %[[FIRST:.*]] = arith.subi %[[START]], %{{.*}}
// CHECK:         %[[REV:.*]] = linalg.generic
// CHECK:         tensor.extract %[[CUT]]
// CHECK:         tensor.insert_slice %[[REV]] into %[[X]][%[[FIRST]]] [%[[COUNT]]] [2]
func.func @backwards(%v: tensor<?xf32>, %x: tensor<8xf32>, %i: tensor<i64>) -> tensor<8xf32> {
  %r = ag.insert_window %v into %x[%i] {steps = array<i64: -2>} : tensor<?xf32> into tensor<8xf32>, tensor<i64>
  return %r : tensor<8xf32>
}

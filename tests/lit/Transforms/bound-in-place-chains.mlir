// RUN: ag-opt %s --ag-bound-in-place-chains="writes-per-copy=2" | FileCheck %s
// RUN: ag-opt %s --ag-bound-in-place-chains | FileCheck %s --check-prefix=DEFAULT
// RUN: ag-opt %s --ag-bound-in-place-chains="writes-per-copy=2" --ag-bufferize --ag-to-llvm | FileCheck %s --check-prefix=LOWERED

// Long chains of in-place writes of one array are one alias set for One-Shot
// Bufferize, whose analysis is cubic in its size: every `writes-per-copy` writes the
// chain continues from a copy.

// CHECK-LABEL: func.func @writes
// CHECK-SAME:    (%[[X:.*]]: tensor<8xf32>, %[[V:.*]]: tensor<1xf32>
// CHECK:         %[[X1:.*]] = tensor.insert_slice %[[V]] into %[[X]][0]
// CHECK:         %[[X2:.*]] = tensor.insert_slice %[[V]] into %[[X1]][1]
// CHECK:         %[[C:.*]] = bufferization.alloc_tensor() copy(%[[X2]]) : tensor<8xf32>
// CHECK:         %[[X3:.*]] = tensor.insert_slice %[[V]] into %[[C]][2]
// A view of the chain continues it: the write into it is the fourth.
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[X3]][0] [4] [1]
// CHECK:         %[[X4:.*]] = tensor.insert_slice %[[V]] into %[[S]][3]
// CHECK:         %[[C2:.*]] = bufferization.alloc_tensor() copy(%[[X4]]) : tensor<4xf32>
// CHECK:         %[[F:.*]] = linalg.fill {{.*}} outs(%[[C2]] : tensor<4xf32>)
// CHECK:         return %[[X3]], %[[F]]
// DEFAULT-LABEL: func.func @writes
// DEFAULT-NOT:   bufferization.alloc_tensor
// DEFAULT:       return
// LOWERED-LABEL: llvm.func @writes
func.func @writes(%x: tensor<8xf32>, %v: tensor<1xf32>, %f: f32) -> (tensor<8xf32>, tensor<4xf32>) {
  %x1 = tensor.insert_slice %v into %x[0] [1] [1] : tensor<1xf32> into tensor<8xf32>
  %x2 = tensor.insert_slice %v into %x1[1] [1] [1] : tensor<1xf32> into tensor<8xf32>
  %x3 = tensor.insert_slice %v into %x2[2] [1] [1] : tensor<1xf32> into tensor<8xf32>
  %s = tensor.extract_slice %x3[0] [4] [1] : tensor<8xf32> to tensor<4xf32>
  %x4 = tensor.insert_slice %v into %s[3] [1] [1] : tensor<1xf32> into tensor<4xf32>
  %x5 = linalg.fill ins(%f : f32) outs(%x4 : tensor<4xf32>) -> tensor<4xf32>
  return %x3, %x5 : tensor<8xf32>, tensor<4xf32>
}

// Writes in a nested block start their own chain: a loop body is as long as its code.
// CHECK-LABEL: func.func @nested
// CHECK:         tensor.insert_slice
// CHECK:         tensor.insert_slice
// CHECK:         scf.for
// CHECK-NOT:       bufferization.alloc_tensor
// CHECK:           tensor.insert_slice
// CHECK:           tensor.insert_slice
// CHECK:           scf.yield
func.func @nested(%x: tensor<8xf32>, %v: tensor<1xf32>, %n: index) -> tensor<8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %x1 = tensor.insert_slice %v into %x[0] [1] [1] : tensor<1xf32> into tensor<8xf32>
  %x2 = tensor.insert_slice %v into %x1[1] [1] [1] : tensor<1xf32> into tensor<8xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x2) -> (tensor<8xf32>) {
    %y1 = tensor.insert_slice %v into %acc[2] [1] [1] : tensor<1xf32> into tensor<8xf32>
    %y2 = tensor.insert_slice %v into %y1[3] [1] [1] : tensor<1xf32> into tensor<8xf32>
    scf.yield %y2 : tensor<8xf32>
  }
  return %r : tensor<8xf32>
}

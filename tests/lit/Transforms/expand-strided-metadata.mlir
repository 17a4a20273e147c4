// RUN: ag-opt %s --ag-expand-strided-metadata | FileCheck %s
// RUN: ag-opt %s --ag-expand-strided-metadata --lower-affine --ag-convert-to-llvm --reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

// Upstream expand-strided-metadata's rewrites, applied to the memref ops only: a view
// becomes a reinterpret_cast of its source's metadata; ops of other dialects are left
// as they are (upstream's greedy driver would fold the constant add below).

// CHECK-LABEL: func.func @row
// CHECK-SAME:    (%[[M:.*]]: memref<4x8xf32>, %[[I:.*]]: index)
// CHECK:         %[[BASE:.*]], %{{.*}}, %{{.*}}:2, %{{.*}}:2 = memref.extract_strided_metadata %[[M]]
// CHECK:         %[[OFF:.*]] = affine.apply #{{.*}}()[%[[I]]]
// CHECK:         %[[VIEW:.*]] = memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [8], strides: [1]
// CHECK-NOT:     memref.subview
// CHECK:         memref.load %[[VIEW]]
// CHECK:         arith.addi
// LLVM-LABEL:  llvm.func @row
// LLVM-NOT:      memref.
func.func @row(%m: memref<4x8xf32>, %i: index) -> (f32, index) {
  %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1], offset: ?>>
  %c0 = arith.constant 0 : index
  %x = memref.load %v[%c0] : memref<8xf32, strided<[1], offset: ?>>
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %s = arith.addi %c1, %c2 : index
  return %x, %s : f32, index
}

// Reshapes of an allocation, through to the LLVM dialect.
// CHECK-LABEL: func.func @reshaped
// CHECK-NOT:     memref.expand_shape
// CHECK-NOT:     memref.collapse_shape
// LLVM-LABEL:  llvm.func @reshaped
// LLVM-NOT:      memref.
func.func @reshaped(%n: index) -> f64 {
  %a = memref.alloc() : memref<6xf64>
  %e = memref.expand_shape %a [[0, 1]] output_shape [2, 3] : memref<6xf64> into memref<2x3xf64>
  %t = memref.collapse_shape %e [[0, 1]] : memref<2x3xf64> into memref<6xf64>
  %x = memref.load %t[%n] : memref<6xf64>
  memref.dealloc %a : memref<6xf64>
  return %x : f64
}

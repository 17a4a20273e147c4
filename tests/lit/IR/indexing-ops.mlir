// Round trip of the advanced-indexing primitives (ag.gather, ag.scatter, ag.nonzero):
// index arrays of both integer widths, dynamic (`?`) index shapes, 0-d index arrays,
// every combine, and the inferred result types.
//
// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s -mlir-print-op-generic | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @gather(
// CHECK:         ag.gather %arg0[%arg1, %arg2] : (tensor<5x6x7xf32>, tensor<3x4xi64>, tensor<3x4xi64>) -> tensor<3x4x7xf32>
// CHECK:         ag.gather %arg0[%arg3] : (tensor<5x6x7xf32>, tensor<?xi32>) -> tensor<?x6x7xf32>
// CHECK:         ag.gather %arg0[%arg4, %arg4, %arg4] : (tensor<5x6x7xf32>, tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<f32>
// CHECK:         ag.gather %arg0[%arg1] {axis = 1 : i64} : (tensor<5x6x7xf32>, tensor<3x4xi64>) -> tensor<5x3x4x7xf32>
func.func @gather(%x: tensor<5x6x7xf32>, %i: tensor<3x4xi64>, %j: tensor<3x4xi64>,
                  %k: tensor<?xi32>, %s: tensor<i64>) {
  %0 = ag.gather %x[%i, %j] : (tensor<5x6x7xf32>, tensor<3x4xi64>, tensor<3x4xi64>) -> tensor<3x4x7xf32>
  %1 = ag.gather %x[%k] : (tensor<5x6x7xf32>, tensor<?xi32>) -> tensor<?x6x7xf32>
  %2 = ag.gather %x[%s, %s, %s] : (tensor<5x6x7xf32>, tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<f32>
  %3 = ag.gather %x[%i] {axis = 1 : i64} : (tensor<5x6x7xf32>, tensor<3x4xi64>) -> tensor<5x3x4x7xf32>
  return
}

// CHECK-LABEL: func.func @scatter(
// CHECK:         ag.scatter %arg0 into %arg1[%arg2] : (tensor<3x7xf32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
// CHECK:         ag.scatter %arg3 into %arg1[%arg2] {combine = "add"} : (tensor<3x7xf64>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
// CHECK:         ag.scatter %arg4 into %arg5[%arg6] {combine = "xor"} : (tensor<?xi1>, tensor<4xi1>, tensor<?xi64>) -> tensor<4xi1>
// CHECK:         ag.scatter %arg7 into %arg8[%arg6] {combine = "max"} : (tensor<?xi32>, tensor<?xi32>, tensor<?xi64>) -> tensor<?xi32>
// CHECK:         ag.scatter %arg9 into %arg1[%arg2] {axis = 1 : i64, combine = "add"} : (tensor<5x3xf64>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
// CHECK:         ag.scatter %arg3 into %arg1[%arg2] {checked = true, combine = "add"} : (tensor<3x7xf64>, tensor<5x7xf32>, tensor<3xi64>) -> (tensor<5x7xf32>, tensor<i1>)
func.func @scatter(%v: tensor<3x7xf32>, %x: tensor<5x7xf32>, %i: tensor<3xi64>,
                   %w: tensor<3x7xf64>, %b: tensor<?xi1>, %m: tensor<4xi1>, %k: tensor<?xi64>,
                   %u: tensor<?xi32>, %d: tensor<?xi32>, %c: tensor<5x3xf64>) {
  %0 = ag.scatter %v into %x[%i] {combine = "assign"} : (tensor<3x7xf32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
  %1 = ag.scatter %w into %x[%i] {combine = "add"} : (tensor<3x7xf64>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
  %2 = ag.scatter %b into %m[%k] {combine = "xor"} : (tensor<?xi1>, tensor<4xi1>, tensor<?xi64>) -> tensor<4xi1>
  %3 = ag.scatter %u into %d[%k] {combine = "max"} : (tensor<?xi32>, tensor<?xi32>, tensor<?xi64>) -> tensor<?xi32>
  %4 = ag.scatter %c into %x[%i] {axis = 1 : i64, combine = "add"} : (tensor<5x3xf64>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
  %5:2 = ag.scatter %w into %x[%i] {checked = true, combine = "add"} : (tensor<3x7xf64>, tensor<5x7xf32>, tensor<3xi64>) -> (tensor<5x7xf32>, tensor<i1>)
  return
}

// CHECK-LABEL: func.func @nonzero(
// CHECK:         ag.nonzero %arg0 : tensor<3x4xi1> -> tensor<2x?xi64>
// CHECK:         ag.nonzero %arg1 : tensor<i1> -> tensor<0x?xi64>
func.func @nonzero(%m: tensor<3x4xi1>, %s: tensor<i1>) {
  %0 = ag.nonzero %m : tensor<3x4xi1> -> tensor<2x?xi64>
  %1 = ag.nonzero %s : tensor<i1> -> tensor<0x?xi64>
  return
}

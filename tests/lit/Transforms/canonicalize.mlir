// RUN: ag-opt %s --ag-canonicalize --split-input-file | FileCheck %s
// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// ag-canonicalize is upstream's canonicalize with a pattern set kept per context: the
// same rewrites (both RUN lines check the same output). Folds, ops' canonicalization
// patterns and region simplification:

// CHECK-LABEL: func.func @folds
// CHECK-SAME: (%[[X:.*]]: i64, %[[C:.*]]: i1)
// CHECK-NEXT: return %[[X]], %[[X]] : i64, i64
func.func @folds(%x: i64, %c: i1) -> (i64, i64) {
  %zero = arith.constant 0 : i64
  %a = arith.addi %x, %zero : i64
  %b = arith.select %c, %a, %x : i64
  return %a, %b : i64, i64
}

// -----

// CHECK-LABEL: func.func @op_patterns
// CHECK-NOT: tensor.cast
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[0] [4] [1] : tensor<8xf32> to tensor<4xf32>
// CHECK-NEXT: return %[[S]]
func.func @op_patterns(%t: tensor<8xf32>) -> tensor<4xf32> {
  %c = tensor.cast %t : tensor<8xf32> to tensor<?xf32>
  %s = tensor.extract_slice %c[0] [4] [1] : tensor<?xf32> to tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// An scf.if on a constant condition is inlined; the dead branch goes.
// CHECK-LABEL: func.func @regions
// CHECK-NOT: scf.if
// CHECK: %[[R:.*]] = arith.addf
// CHECK-NEXT: return %[[R]]
func.func @regions(%x: f32) -> f32 {
  %true = arith.constant true
  %r = scf.if %true -> f32 {
    %y = arith.addf %x, %x : f32
    scf.yield %y : f32
  } else {
    %z = arith.mulf %x, %x : f32
    scf.yield %z : f32
  }
  return %r : f32
}

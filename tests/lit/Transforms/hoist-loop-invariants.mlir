// RUN: ag-opt %s --ag-hoist-loop-invariants | FileCheck %s

// linalg work on tensors the loop does not change runs once before the loop, even
// though the loop may run zero times (ag's linalg bodies never trap); work that
// depends on the loop stays.

// CHECK-LABEL: func.func @transpose_in_loop
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3x4xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%arg0 : tensor<4x3xf32>) outs(%[[E]] : tensor<3x4xf32>) permutation = [1, 0]
// CHECK:         scf.for
// CHECK-NOT:       linalg.transpose
// CHECK:           linalg.generic
// CHECK-SAME:        ins(%[[T]], %{{.*}} :
// CHECK:           scf.yield
func.func @transpose_in_loop(%x: tensor<4x3xf32>, %acc0: tensor<3x4xf32>, %n: index) -> tensor<3x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %acc0) -> (tensor<3x4xf32>) {
    %e = tensor.empty() : tensor<3x4xf32>
    %t = linalg.transpose ins(%x : tensor<4x3xf32>) outs(%e : tensor<3x4xf32>) permutation = [1, 0]
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%t, %acc : tensor<3x4xf32>, tensor<3x4xf32>) outs(%e : tensor<3x4xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %v = arith.addf %a, %b : f32
      linalg.yield %v : f32
    } -> tensor<3x4xf32>
    scf.yield %s : tensor<3x4xf32>
  }
  return %r : tensor<3x4xf32>
}

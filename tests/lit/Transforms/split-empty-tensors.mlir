// RUN: ag-opt %s --ag-split-empty-tensors="uses-per-empty=2" | FileCheck %s
// RUN: ag-opt %s --ag-split-empty-tensors | FileCheck %s --check-prefix=DEFAULT
// RUN: ag-opt %s --ag-split-empty-tensors="uses-per-empty=2" --ag-bufferize --ag-to-llvm | FileCheck %s --check-prefix=LOWERED

// CSE leaves one tensor.empty as the destination of every op of its type; One-Shot
// Bufferize's analysis of that one alias set is quadratic in the function's length.
// Runs of `uses-per-empty` consecutive users (in program order, nested users at their
// position) get their own tensor.empty, placed where the original is.

#map = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @chain
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %[[E1:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %[[E2:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         %[[A:.*]] = linalg.generic {{.*}} outs(%[[E0]] : tensor<4xf32>)
// CHECK:         %[[B:.*]] = linalg.generic {{.*}} outs(%[[E0]] : tensor<4xf32>)
// CHECK:         scf.for
// CHECK:           linalg.generic {{.*}} outs(%[[E1]] : tensor<4xf32>)
// CHECK:         linalg.generic {{.*}} outs(%[[E1]] : tensor<4xf32>)
// CHECK:         linalg.generic {{.*}} outs(%[[E2]] : tensor<4xf32>)
// DEFAULT-LABEL: func.func @chain
// DEFAULT-COUNT-1: tensor.empty
// DEFAULT-NOT:   tensor.empty
// LOWERED-LABEL: llvm.func @chain
func.func @chain(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  %b = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.absf %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  %l = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %b) -> (tensor<4xf32>) {
    %s = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
        ins(%acc : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = arith.addf %in, %in : f32
      linalg.yield %v : f32
    } -> tensor<4xf32>
    scf.yield %s : tensor<4xf32>
  }
  %c = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%l : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  %d = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%c : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.absf %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// A tensor.empty with few uses is left alone.
// CHECK-LABEL: func.func @few
// DEFAULT-LABEL: func.func @few
// CHECK-COUNT-1: tensor.empty
// CHECK-NOT:     tensor.empty
// CHECK:         return
func.func @few(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  return %a : tensor<4xf32>
}

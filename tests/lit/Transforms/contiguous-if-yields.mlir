// RUN: ag-opt %s --ag-contiguous-if-yields | FileCheck %s
// RUN: ag-opt %s --ag-bufferize | FileCheck %s --check-prefix=BUF

// One-Shot Bufferize (MLIR 19) skips the layout cast of a branch yielding an identity
// buffer when the other yields a strided view, and the scf.if fails to verify (fuzz seed
// 59 #4681). Views an scf.if yields are copied in their branch first.

// CHECK-LABEL: func.func @slice_or_new
// CHECK:         scf.if
// CHECK:           %[[S:.*]] = tensor.extract_slice %arg0
// CHECK:           %[[C:.*]] = tensor.collapse_shape %[[S]]
// CHECK:           %[[K:.*]] = bufferization.alloc_tensor() copy(%[[C]])
// CHECK:           scf.yield %[[K]], %[[I:.*]] :
// CHECK:         } else {
// CHECK:           %[[S2:.*]] = tensor.extract_slice
// CHECK:           %[[C2:.*]] = tensor.collapse_shape %[[S2]]
// CHECK:           %[[K2:.*]] = bufferization.alloc_tensor() copy(%[[C2]])
// A yielded argument is not a view: no copy.
// CHECK:           scf.yield %[[K2]], %arg2 :
// BUF-LABEL:   func.func @slice_or_new
// BUF:           scf.if %{{.*}} -> (memref<1xi64>, memref<4xf64>
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @slice_or_new(%arg0: tensor<4x1xi64>, %arg1: tensor<4x1xi64>, %arg2: tensor<4xf64>,
                        %c: i1) -> (tensor<1xi64>, tensor<4xf64>) {
  %cst = arith.constant dense<0.000000e+00> : tensor<3xf64>
  %r:2 = scf.if %c -> (tensor<1xi64>, tensor<4xf64>) {
    %i = tensor.insert_slice %cst into %arg2[0] [3] [1] : tensor<3xf64> into tensor<4xf64>
    %s = tensor.extract_slice %arg0[2, 0] [1, 1] [1, 1] : tensor<4x1xi64> to tensor<1x1xi64>
    %v = tensor.collapse_shape %s [[0, 1]] : tensor<1x1xi64> into tensor<1xi64>
    scf.yield %v, %i : tensor<1xi64>, tensor<4xf64>
  } else {
    %e = tensor.empty() : tensor<4x1xi64>
    %m = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
        ins(%arg1 : tensor<4x1xi64>) outs(%e : tensor<4x1xi64>) {
    ^bb0(%in: i64, %out: i64):
      %p = arith.muli %in, %in : i64
      linalg.yield %p : i64
    } -> tensor<4x1xi64>
    %s = tensor.extract_slice %m[3, 0] [1, 1] [1, 1] : tensor<4x1xi64> to tensor<1x1xi64>
    %v = tensor.collapse_shape %s [[0, 1]] : tensor<1x1xi64> into tensor<1xi64>
    scf.yield %v, %arg2 : tensor<1xi64>, tensor<4xf64>
  }
  return %r#0, %r#1 : tensor<1xi64>, tensor<4xf64>
}

// A view made before the if and yielded by one branch is copied in that branch; yields
// of scf.for are untouched.
// CHECK-LABEL: func.func @outer_view
// CHECK:         %[[O:.*]] = tensor.extract_slice %arg0[1] [2] [1]
// CHECK:         scf.if
// CHECK:           %[[K:.*]] = bufferization.alloc_tensor() copy(%[[O]])
// CHECK:           scf.yield %[[K]]
// CHECK:         } else {
// CHECK:           scf.yield %arg1
// CHECK:         scf.for
// CHECK-NOT:       alloc_tensor
// CHECK:           scf.yield
func.func @outer_view(%arg0: tensor<4xf32>, %arg1: tensor<2xf32>, %c: i1) -> tensor<2xf32> {
  %o = tensor.extract_slice %arg0[1] [2] [1] : tensor<4xf32> to tensor<2xf32>
  %r = scf.if %c -> (tensor<2xf32>) {
    scf.yield %o : tensor<2xf32>
  } else {
    scf.yield %arg1 : tensor<2xf32>
  }
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  %l = scf.for %i = %c0 to %c2 step %c1 iter_args(%t = %r) -> (tensor<2xf32>) {
    %s = tensor.extract_slice %arg0[0] [2] [1] : tensor<4xf32> to tensor<2xf32>
    scf.yield %s : tensor<2xf32>
  }
  return %l : tensor<2xf32>
}

// ag-linalg-to-onednn folds an in-place bias add right after a matmul or convolution
// into one *_post_f32 call (post = 1: bias); the bias is passed as a 1-D strided view of
// its channel dim. A relu after the add stays a loop after the call (oneDNN's relu
// turns NaN into 0); a relu alone is not folded at all.
//
// RUN: ag-opt %s -ag-linalg-to-onednn -split-input-file | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @matmul_bias_relu(
// CHECK-SAME:    %[[A:.*]]: memref<4x5xf32>, %[[B:.*]]: memref<5x6xf32>, %[[BIAS:.*]]: memref<6xf32>)
// CHECK:         %[[C:.*]] = memref.alloc() : memref<4x6xf32>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[BASE:.*]], %[[OFF:.*]], %[[SIZE:.*]], %[[STRIDE:.*]] = memref.extract_strided_metadata %[[BIAS]]
// CHECK:         %[[CBIAS:.*]] = memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [%[[SIZE]]], strides: [%[[STRIDE]]]
// CHECK:         %[[BETA:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[POST:.*]] = arith.constant 1 : i64
// CHECK:         call @ag_onednn_matmul_post_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[CBIAS]], %[[BETA]], %[[POST]])
// CHECK-NEXT:    linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%[[C]] : memref<4x6xf32>)
// CHECK-NEXT:    ^bb0(%[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[OUT]], %{{.*}} : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
// CHECK:         return %[[C]]
func.func @matmul_bias_relu(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %bias: memref<6xf32>) -> memref<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<4x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%bias : memref<6xf32>) outs(%c : memref<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  }
  return %c : memref<4x6xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// relu alone: not folded.
// CHECK-LABEL: func.func @matmul_relu(
// CHECK:         call @ag_onednn_matmul_f32(
// CHECK-NEXT:    linalg.generic
func.func @matmul_relu(%a: memref<4x5xf32>, %b: memref<5x6xf32>) -> memref<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<4x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%c : memref<4x6xf32>) {
  ^bb0(%out: f32):
    %m = arith.maximumf %out, %zero : f32
    linalg.yield %m : f32
  }
  return %c : memref<4x6xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// The output is the caller's buffer (it could alias the bias): no fusion.
// CHECK-LABEL: func.func @output_not_own(
// CHECK:         call @ag_onednn_matmul_f32(
// CHECK:         linalg.generic
func.func @output_not_own(%a: memref<4x5xf32>, %b: memref<5x6xf32>, %bias: memref<6xf32>, %c: memref<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%bias : memref<6xf32>) outs(%c : memref<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>

// A (C, 1, 1) view of the bias made between the two moves before the call; the call
// reads its channel dim through a reinterpret_cast.
// CHECK-LABEL: func.func @conv_bias_relu(
// CHECK-SAME:    %{{.*}}: memref<1x2x6x6xf32>, %{{.*}}: memref<3x2x3x3xf32>, %[[B:.*]]: memref<3xf32>)
// CHECK:         %[[V:.*]] = memref.expand_shape %[[B]]
// CHECK:         %[[BASE:.*]], %[[OFF:.*]], %[[SIZES:.*]]:3, %[[STRIDES:.*]]:3 = memref.extract_strided_metadata %[[V]]
// CHECK:         %[[VEC:.*]] = memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [%[[SIZES]]#0], strides: [%[[STRIDES]]#0]
// CHECK:         call @ag_onednn_conv2d_post_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[VEC]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK-NEXT:    linalg.generic {{.*}} outs(%{{.*}} : memref<1x3x4x4xf32>)
// CHECK-NOT:       arith.addf
// CHECK:           arith.cmpf ogt
func.func @conv_bias_relu(%x: memref<1x2x6x6xf32>, %w: memref<3x2x3x3xf32>, %b: memref<3xf32>) -> memref<1x3x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<1x3x4x4xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x3x4x4xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : memref<1x2x6x6xf32>, memref<3x2x3x3xf32>) outs(%y : memref<1x3x4x4xf32>)
  %v = memref.expand_shape %b [[0, 1, 2]] output_shape [3, 1, 1] : memref<3xf32> into memref<3x1x1xf32>
  linalg.generic {indexing_maps = [#chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%v : memref<3x1x1xf32>) outs(%y : memref<1x3x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    %gt = arith.cmpf ogt, %s, %zero : f32
    %nan = arith.cmpf uno, %s, %s : f32
    %t = arith.ori %nan, %gt : i1
    %o = arith.select %t, %s, %zero : f32
    linalg.yield %o : f32
  }
  return %y : memref<1x3x4x4xf32>
}

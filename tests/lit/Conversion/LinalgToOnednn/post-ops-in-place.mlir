// ag-onednn-post-ops-in-place: a bias/relu consumer that alone reads a float32 matmul or
// NCHW convolution writes into the product (for ag-linalg-to-onednn to fold); any other
// consumer, or a product with a second reader, is left alone.
//
// RUN: ag-opt %s -ag-onednn-post-ops-in-place -split-input-file | FileCheck %s
// RUN: ag-opt %s -ag-onednn-post-ops-in-place -split-input-file | ag-opt -split-input-file -o /dev/null

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// The shared zero fill is cloned for the product; the consumer reads the product
// through its output argument and keeps only the bias as input.
// CHECK-LABEL: func.func @bias_relu
// CHECK-SAME:    (%[[A:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<5x6xf32>, %[[BIAS:.*]]: tensor<6xf32>)
// CHECK:         %[[F0:.*]] = linalg.fill
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x6xf32>
// CHECK:         %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<4x6xf32>)
// CHECK-NEXT:    %[[P:.*]] = linalg.matmul ins(%[[A]], %[[B]] : {{.*}}) outs(%[[F]] : tensor<4x6xf32>)
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[BIAS]] : tensor<6xf32>) outs(%[[P]] : tensor<4x6xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[OUT]], %[[IN]] : f32
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[S]], %{{.*}} : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
// CHECK:         %[[Q:.*]] = linalg.matmul {{.*}} outs(%[[F0]] : tensor<4x6xf32>)
// CHECK:         return %[[Y]], %[[Q]]
func.func @bias_relu(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %bias: tensor<6xf32>)
    -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %p = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %y = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p, %bias : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%x: f32, %c: f32, %out: f32):
    %s = arith.addf %x, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x6xf32>
  // A second product sharing the zero fill.
  %q = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  return %y, %q : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// The product is also returned: fusing would show it the bias. Unchanged.
// CHECK-LABEL: func.func @product_read_twice
// CHECK:         %[[P:.*]] = linalg.matmul
// CHECK:         linalg.generic {{.*}} ins(%[[P]], %{{.*}} : tensor<4x6xf32>, tensor<6xf32>) outs(%{{.*}} : tensor<4x6xf32>)
// CHECK:         return %{{.*}}, %[[P]]
func.func @product_read_twice(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %bias: tensor<6xf32>)
    -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %p = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %y = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p, %bias : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%x: f32, %c: f32, %out: f32):
    %s = arith.addf %x, %c : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %y, %p : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Not post-ops oneDNN takes: a product scaled, and a bias along the rows.
// CHECK-LABEL: func.func @not_post_ops
// CHECK:         %[[P:.*]] = linalg.matmul
// CHECK:         linalg.generic {{.*}} ins(%[[P]], %{{.*}} : tensor<4x6xf32>, tensor<6xf32>)
// CHECK:         %[[Q:.*]] = linalg.matmul
// CHECK:         linalg.generic {{.*}} ins(%[[Q]], %{{.*}} : tensor<4x6xf32>, tensor<4xf32>)
func.func @not_post_ops(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %s: tensor<6xf32>,
                        %r: tensor<4xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %p = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f : tensor<4x6xf32>) -> tensor<4x6xf32>
  %y = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p, %s : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%x: f32, %c: f32, %out: f32):
    %m = arith.mulf %x, %c : f32
    linalg.yield %m : f32
  } -> tensor<4x6xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %q = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<5x6xf32>) outs(%f2 : tensor<4x6xf32>) -> tensor<4x6xf32>
  %z = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%q, %r : tensor<4x6xf32>, tensor<4xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%x: f32, %c: f32, %out: f32):
    %m = arith.addf %x, %c : f32
    linalg.yield %m : f32
  } -> tensor<4x6xf32>
  return %y, %z : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>

// A convolution with a (C, 1, 1) bias and relu as ag lowers np.maximum (NaN passes).
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK:         %[[P:.*]] = linalg.conv_2d_nchw_fchw
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : tensor<3x1x1xf32>) outs(%[[P]] : tensor<1x3x4x4xf32>)
// CHECK:           arith.addf
// CHECK:           arith.cmpf ogt
// CHECK:           arith.cmpf uno
// CHECK:           arith.ori
// CHECK:           arith.select
func.func @conv_bias_relu(%x: tensor<1x2x6x6xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<3x1x1xf32>)
    -> tensor<1x3x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %p = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>) outs(%f : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %y = linalg.generic {indexing_maps = [#id, #chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%p, %b : tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) outs(%e : tensor<1x3x4x4xf32>) {
  ^bb0(%in: f32, %c: f32, %out: f32):
    %s = arith.addf %in, %c : f32
    %gt = arith.cmpf ogt, %s, %zero : f32
    %nan = arith.cmpf uno, %s, %s : f32
    %t = arith.ori %nan, %gt : i1
    %y1 = arith.select %t, %s, %zero : f32
    linalg.yield %y1 : f32
  } -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

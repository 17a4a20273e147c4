// matmul resolves numpy's rules into linalg.matmul / linalg.batch_matmul on zero-filled
// inits (vectors gain and lose a unit dim, a batch against one matrix folds into rows);
// conv2d and pooling become linalg named ops, with tensor.pad for padding.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG

// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$BCAST_LHS:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// CHECK-LABEL: func.func @matmul_2d(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<5x6xf32>) -> tensor<4x6xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x6xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4x6xf32>) -> tensor<4x6xf32>
// CHECK:         %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x5xf32>, tensor<5x6xf32>) outs(%[[INIT]] : tensor<4x6xf32>) -> tensor<4x6xf32>
// CHECK-NOT:     tensor.collapse_shape
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return %[[R]] : tensor<4x6xf32>
func.func @matmul_2d(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>) -> tensor<4x6xf32> {
  %r = ag.matmul %a, %b : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// x[B, M, K] @ W[K, N]: the batch folds into the rows of one 2-D matmul, W is not copied.
// CHECK-LABEL: func.func @matmul_batch_times_matrix(
// CHECK-SAME:    %[[A:.*]]: tensor<7x4x5xf32>, %[[B:.*]]: tensor<5x6xf32>) -> tensor<7x4x6xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1, 2]] : tensor<7x4x5xf32> into tensor<140xf32>
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [28, 5] : tensor<140xf32> into tensor<28x5xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<28x6xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<28x6xf32>)
// CHECK:         %[[P:.*]] = linalg.matmul ins(%[[ROWS]], %[[B]] : tensor<28x5xf32>, tensor<5x6xf32>) outs(%[[INIT]] : tensor<28x6xf32>)
// CHECK:         %[[PF:.*]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1]] : tensor<28x6xf32> into tensor<168xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[PF]] {{\[\[}}0, 1, 2]] output_shape [7, 4, 6] : tensor<168xf32> into tensor<7x4x6xf32>
// CHECK:         return %[[R]] : tensor<7x4x6xf32>
// CHECK-NOT:     linalg.batch_matmul
func.func @matmul_batch_times_matrix(%a: tensor<7x4x5xf32>, %b: tensor<5x6xf32>) -> tensor<7x4x6xf32> {
  %r = ag.matmul %a, %b : tensor<7x4x5xf32>, tensor<5x6xf32> -> tensor<7x4x6xf32>
  return %r : tensor<7x4x6xf32>
}

// Both operands batched with equal batches: one batch_matmul, no copies or reshapes.
// CHECK-LABEL: func.func @matmul_batched(
// CHECK-SAME:    %[[A:.*]]: tensor<2x4x5xf64>, %[[B:.*]]: tensor<2x5x6xf64>) -> tensor<2x4x6xf64>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x4x6xf64>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f64) outs(%[[E]] : tensor<2x4x6xf64>)
// CHECK:         %[[R:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<2x4x5xf64>, tensor<2x5x6xf64>) outs(%[[INIT]] : tensor<2x4x6xf64>)
// CHECK:         return %[[R]] : tensor<2x4x6xf64>
func.func @matmul_batched(%a: tensor<2x4x5xf64>, %b: tensor<2x5x6xf64>) -> tensor<2x4x6xf64> {
  %r = ag.matmul %a, %b : tensor<2x4x5xf64>, tensor<2x5x6xf64> -> tensor<2x4x6xf64>
  return %r : tensor<2x4x6xf64>
}

// A matrix against a batch on the right: the lhs is broadcast along the batch (a copying
// generic), then batch_matmul.
// CHECK-LABEL: func.func @matmul_broadcast_lhs(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xi32>, %[[B:.*]]: tensor<3x5x6xi32>) -> tensor<3x4x6xi32>
// CHECK:         %[[Z:.*]] = arith.constant 0 : i32
// CHECK:         %[[BE:.*]] = tensor.empty() : tensor<3x4x5xi32>
// CHECK:         %[[BA:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$BCAST_LHS]], #[[$ID3]]]
// CHECK-SAME:      ins(%[[A]] : tensor<4x5xi32>) outs(%[[BE]] : tensor<3x4x5xi32>)
// CHECK:         ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      linalg.yield %[[X]] : i32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3x4x6xi32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%[[E]] : tensor<3x4x6xi32>)
// CHECK:         %[[R:.*]] = linalg.batch_matmul ins(%[[BA]], %[[B]] : tensor<3x4x5xi32>, tensor<3x5x6xi32>) outs(%[[INIT]] : tensor<3x4x6xi32>)
// CHECK:         return %[[R]]
func.func @matmul_broadcast_lhs(%a: tensor<4x5xi32>, %b: tensor<3x5x6xi32>) -> tensor<3x4x6xi32> {
  %r = ag.matmul %a, %b : tensor<4x5xi32>, tensor<3x5x6xi32> -> tensor<3x4x6xi32>
  return %r : tensor<3x4x6xi32>
}

// Broadcast batch dims on both sides are flattened to one batch dim of 2*3.
// CHECK-LABEL: func.func @matmul_broadcast_both(
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x4x5xf32>)
// CHECK:         tensor.collapse_shape %{{.*}} : tensor<2x3x4x5xf32> into tensor<120xf32>
// CHECK:         tensor.expand_shape %{{.*}} output_shape [6, 4, 5] : tensor<120xf32> into tensor<6x4x5xf32>
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x5x6xf32>)
// CHECK:         tensor.expand_shape %{{.*}} output_shape [6, 5, 6] : tensor<180xf32> into tensor<6x5x6xf32>
// CHECK:         %[[P:.*]] = linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<6x4x5xf32>, tensor<6x5x6xf32>) outs(%{{.*}} : tensor<6x4x6xf32>)
// CHECK:         %[[PF:.*]] = tensor.collapse_shape %[[P]] {{.*}} into tensor<144xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[PF]] {{.*}} output_shape [2, 3, 4, 6] : tensor<144xf32> into tensor<2x3x4x6xf32>
// CHECK:         return %[[R]]
func.func @matmul_broadcast_both(%a: tensor<2x1x4x5xf32>, %b: tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32> {
  %r = ag.matmul %a, %b : tensor<2x1x4x5xf32>, tensor<3x5x6xf32> -> tensor<2x3x4x6xf32>
  return %r : tensor<2x3x4x6xf32>
}

// 1-D @ 1-D: a row times a column, the 1x1 result collapsed to 0-d.
// CHECK-LABEL: func.func @matmul_dot(
// CHECK-SAME:    %[[A:.*]]: tensor<5xf32>, %[[B:.*]]: tensor<5xf32>) -> tensor<f32>
// CHECK:         %[[ROW:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1]] output_shape [1, 5] : tensor<5xf32> into tensor<1x5xf32>
// CHECK:         %[[COL:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [5, 1] : tensor<5xf32> into tensor<5x1xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK:         %[[P:.*]] = linalg.matmul ins(%[[ROW]], %[[COL]] : tensor<1x5xf32>, tensor<5x1xf32>) outs(%[[INIT]] : tensor<1x1xf32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[P]] [] : tensor<1x1xf32> into tensor<f32>
// CHECK:         return %[[R]] : tensor<f32>
func.func @matmul_dot(%a: tensor<5xf32>, %b: tensor<5xf32>) -> tensor<f32> {
  %r = ag.matmul %a, %b : tensor<5xf32>, tensor<5xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// Matrix @ vector: the vector becomes a column and the unit dim is dropped again.
// CHECK-LABEL: func.func @matmul_matvec(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xi64>, %[[V:.*]]: tensor<5xi64>) -> tensor<4xi64>
// CHECK:         %[[COL:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [5, 1] : tensor<5xi64> into tensor<5x1xi64>
// CHECK:         %[[Z:.*]] = arith.constant 0 : i64
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : i64) outs(%{{.*}} : tensor<4x1xi64>)
// CHECK:         %[[P:.*]] = linalg.matmul ins(%[[A]], %[[COL]] : tensor<4x5xi64>, tensor<5x1xi64>) outs(%[[INIT]] : tensor<4x1xi64>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1]] : tensor<4x1xi64> into tensor<4xi64>
// CHECK:         return %[[R]] : tensor<4xi64>
func.func @matmul_matvec(%a: tensor<4x5xi64>, %v: tensor<5xi64>) -> tensor<4xi64> {
  %r = ag.matmul %a, %v : tensor<4x5xi64>, tensor<5xi64> -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// Vector @ batch of matrices: the row vector is broadcast along the batch.
// CHECK-LABEL: func.func @matmul_vecmat_batched(
// CHECK-SAME:    %[[V:.*]]: tensor<5xf32>, %[[B:.*]]: tensor<2x5x6xf32>) -> tensor<2x6xf32>
// CHECK:         %[[ROW:.*]] = tensor.expand_shape %[[V]] {{.*}} into tensor<1x5xf32>
// CHECK:         %[[BR:.*]] = linalg.generic {{.*}} ins(%[[ROW]] : tensor<1x5xf32>) outs(%{{.*}} : tensor<2x1x5xf32>)
// CHECK:         %[[P:.*]] = linalg.batch_matmul ins(%[[BR]], %[[B]] : tensor<2x1x5xf32>, tensor<2x5x6xf32>) outs(%{{.*}} : tensor<2x1x6xf32>)
// CHECK:         tensor.collapse_shape %[[P]] {{.*}} : tensor<2x1x6xf32> into tensor<12xf32>
// CHECK:         tensor.expand_shape {{.*}} : tensor<12xf32> into tensor<2x6xf32>
func.func @matmul_vecmat_batched(%v: tensor<5xf32>, %b: tensor<2x5x6xf32>) -> tensor<2x6xf32> {
  %r = ag.matmul %v, %b : tensor<5xf32>, tensor<2x5x6xf32> -> tensor<2x6xf32>
  return %r : tensor<2x6xf32>
}

// Rows known only at run time (a dynamic batch): one matmul whose init takes its rows
// from the left operand.
// CHECK-LABEL: func.func @matmul_dynamic_rows(
// CHECK-SAME:    %[[A:.*]]: tensor<?x5xf32>, %[[B:.*]]: tensor<5x6xf32>)
// CHECK:         %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x5xf32>
// CHECK-NOT:     tensor.extract_slice
// CHECK:         %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x6xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x6xf32>)
// CHECK:         linalg.matmul ins(%[[A]], %[[B]] : tensor<?x5xf32>, tensor<5x6xf32>) outs(%[[INIT]] : tensor<?x6xf32>)
func.func @matmul_dynamic_rows(%a: tensor<?x5xf32>, %b: tensor<5x6xf32>) -> tensor<?x6xf32> {
  %r = ag.matmul %a, %b : tensor<?x5xf32>, tensor<5x6xf32> -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// A dynamic contracted dim: both operands are viewed at the smaller of their sizes (the
// frontend checks at run time that they are equal; the views keep a failed check in
// bounds).
// CHECK-LABEL: func.func @matmul_dynamic_k(
// CHECK-SAME:    %[[A:.*]]: tensor<4x?xf32>, %[[B:.*]]: tensor<?x6xf32>)
// CHECK-DAG:     %[[KA:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<4x?xf32>
// CHECK-DAG:     %[[KB:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<?x6xf32>
// CHECK:         %[[K:.*]] = arith.minsi %[[KA]], %[[KB]] : index
// CHECK:         %[[VA:.*]] = tensor.extract_slice %[[A]][0, 0] [4, %[[K]]] [1, 1]
// CHECK:         %[[VB:.*]] = tensor.extract_slice %[[B]][0, 0] [%[[K]], 6] [1, 1]
// CHECK:         linalg.matmul ins(%[[VA]], %[[VB]] : tensor<4x?xf32>, tensor<?x6xf32>) outs(%{{.*}} : tensor<4x6xf32>)
func.func @matmul_dynamic_k(%a: tensor<4x?xf32>, %b: tensor<?x6xf32>) -> tensor<4x6xf32> {
  %r = ag.matmul %a, %b : tensor<4x?xf32>, tensor<?x6xf32> -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// Dynamic batch dims: viewed at the smaller batch too, one batch_matmul.
// CHECK-LABEL: func.func @matmul_dynamic_batched(
// CHECK-SAME:    %[[A:.*]]: tensor<?x3x?xf32>, %[[B:.*]]: tensor<?x?x2xf32>)
// CHECK:         arith.minsi
// CHECK:         %[[N:.*]] = arith.minsi
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x3x2xf32>
// CHECK:         linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<?x3x?xf32>, tensor<?x?x2xf32>) outs(%{{.*}} : tensor<?x3x2xf32>)
func.func @matmul_dynamic_batched(%a: tensor<?x3x?xf32>, %b: tensor<?x?x2xf32>) -> tensor<?x3x2xf32> {
  %r = ag.matmul %a, %b : tensor<?x3x?xf32>, tensor<?x?x2xf32> -> tensor<?x3x2xf32>
  return %r : tensor<?x3x2xf32>
}

// Vectors of dynamic length gain their unit dims by expand_shape with a run-time size;
// the 1x1 product collapses to 0-d.
// CHECK-LABEL: func.func @matmul_dynamic_vecvec(
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, %{{.*}}] : tensor<?xi64> into tensor<1x?xi64>
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xi64> into tensor<?x1xi64>
// CHECK:         %[[P:.*]] = linalg.matmul {{.*}} -> tensor<1x1xi64>
// CHECK:         tensor.collapse_shape %[[P]] [] : tensor<1x1xi64> into tensor<i64>
func.func @matmul_dynamic_vecvec(%a: tensor<?xi64>, %b: tensor<?xi64>) -> tensor<i64> {
  %r = ag.matmul %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<i64>
  return %r : tensor<i64>
}

// A batch of 3-D rows against a matrix, all dynamic: the batch folds into the rows and
// the result is expanded back with run-time sizes.
// CHECK-LABEL: func.func @matmul_dynamic_3d_by_matrix(
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<?x2x?xf32> into tensor<?x?xf32>
// CHECK:         linalg.matmul
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [%{{.*}}, 2, 5] : tensor<?x5xf32> into tensor<?x2x5xf32>
func.func @matmul_dynamic_3d_by_matrix(%a: tensor<?x2x?xf32>, %b: tensor<?x5xf32>) -> tensor<?x2x5xf32> {
  %r = ag.matmul %a, %b : tensor<?x2x?xf32>, tensor<?x5xf32> -> tensor<?x2x5xf32>
  return %r : tensor<?x2x5xf32>
}

// conv2d: zero padding as tensor.pad on H and W, then conv_2d_nchw_fchw with the strides
// and dilations on a zero-filled init.
// CHECK-LABEL: func.func @conv2d_padded(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>) -> tensor<1x4x4x8xf32>
// CHECK:         %[[PZ:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 1, 2]
// CHECK:           tensor.yield %[[PZ]] : f32
// CHECK:         } : tensor<1x3x8x8xf32> to tensor<1x3x10x12xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x4x4x8xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<1x4x4x8xf32>)
// CHECK:         %[[R:.*]] = linalg.conv_2d_nchw_fchw
// CHECK-SAME:      dilations = dense<[1, 2]> : tensor<2xi64>
// CHECK-SAME:      strides = dense<[2, 1]> : tensor<2xi64>
// CHECK-SAME:      ins(%[[PAD]], %[[W]] : tensor<1x3x10x12xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<1x4x4x8xf32>)
// CHECK:         return %[[R]]
func.func @conv2d_padded(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 2, 1>, padding = array<i64: 1, 2>, dilations = array<i64: 1, 2>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x8xf32>
  return %r : tensor<1x4x4x8xf32>
}

// No padding: no tensor.pad. Default dilations are 1.
// CHECK-LABEL: func.func @conv2d_f64(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x7x7xf64>, %[[W:.*]]: tensor<5x3x2x2xf64>)
// CHECK-NOT:     tensor.pad
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<2x5x6x6xf64>)
// CHECK:         linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X]], %[[W]] : tensor<2x3x7x7xf64>, tensor<5x3x2x2xf64>) outs(%[[INIT]] : tensor<2x5x6x6xf64>)
func.func @conv2d_f64(%x: tensor<2x3x7x7xf64>, %w: tensor<5x3x2x2xf64>) -> tensor<2x5x6x6xf64> {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<2x3x7x7xf64>, tensor<5x3x2x2xf64> -> tensor<2x5x6x6xf64>
  return %r : tensor<2x5x6x6xf64>
}

// max pooling pads and fills with -inf so padding never wins; the window is a
// tensor.empty of the kernel shape.
// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
// CHECK:         %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[NINF]] : f32
// CHECK:         } : tensor<1x3x8x8xf32> to tensor<1x3x10x10xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x3x4x4xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[E]] : tensor<1x3x4x4xf32>)
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[R:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %[[WIN]] : tensor<1x3x10x10xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x3x4x4xf32>)
// CHECK:         return %[[R]]
func.func @max_pool2d(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %r = ag.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return %r : tensor<1x3x4x4xf32>
}

// Integer max pooling seeds with INT_MIN.
// CHECK-LABEL: func.func @max_pool2d_i32(
// CHECK:         %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[MIN]] : i32) outs(%{{.*}} : tensor<1x2x3x4xi32>)
// CHECK:         linalg.pooling_nchw_max {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x4x4xi32>, tensor<2x1xi32>)
func.func @max_pool2d_i32(%x: tensor<1x2x4x4xi32>) -> tensor<1x2x3x4xi32> {
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 1>, strides = array<i64: 1, 1>} : tensor<1x2x4x4xi32> -> tensor<1x2x3x4xi32>
  return %r : tensor<1x2x3x4xi32>
}

// Average pooling: a zero-filled pooling_nchw_sum divided by the full window size.
// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf64>) -> tensor<1x3x4x4xf64>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NOT:     tensor.pad
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f64) outs(%{{.*}} : tensor<1x3x4x4xf64>)
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<2x2xf64>
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %[[WIN]] : tensor<1x3x8x8xf64>, tensor<2x2xf64>) outs(%[[INIT]] : tensor<1x3x4x4xf64>)
// CHECK:         %[[N:.*]] = arith.constant 4.000000e+00 : f64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID4]], #[[$ID4]]]
// CHECK-SAME:      ins(%[[SUM]] : tensor<1x3x4x4xf64>)
// CHECK:         ^bb0(%[[S:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[D:.*]] = arith.divf %[[S]], %[[N]] : f64
// CHECK-NEXT:      linalg.yield %[[D]] : f64
// CHECK:         return %[[R]]
func.func @avg_pool2d(%x: tensor<1x3x8x8xf64>) -> tensor<1x3x4x4xf64> {
  %r = ag.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf64> -> tensor<1x3x4x4xf64>
  return %r : tensor<1x3x4x4xf64>
}

// Padded average pooling pads with 0 and still divides by kernel[0] * kernel[1]
// (count_include_pad).
// CHECK-LABEL: func.func @avg_pool2d_padded(
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK:           tensor.yield %[[Z]] : f32
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         %[[N:.*]] = arith.constant 6.000000e+00 : f32
// CHECK:           arith.divf %{{.*}}, %[[N]] : f32
func.func @avg_pool2d_padded(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x5x2xf32> {
  %r = ag.avg_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 1, 2>, padding = array<i64: 1, 0>} : tensor<1x1x5x5xf32> -> tensor<1x1x5x2xf32>
  return %r : tensor<1x1x5x2xf32>
}

// Dynamic batch and output channels: the init takes N from the input and O from the
// weight; padding keeps N dynamic.
// CHECK-LABEL: func.func @conv2d_dynamic_batch(
// CHECK-SAME:    %[[X:.*]]: tensor<?x3x8x8xf32>, %[[W:.*]]: tensor<?x3x3x3xf32>)
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         } : tensor<?x3x8x8xf32> to tensor<?x3x10x10xf32>
// CHECK-DAG:     %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x8x8xf32>
// CHECK-DAG:     %[[O:.*]] = tensor.dim %[[W]], %{{.*}} : tensor<?x3x3x3xf32>
// CHECK:         tensor.empty(%[[N]], %[[O]]) : tensor<?x?x8x8xf32>
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%[[PAD]], %[[W]] : tensor<?x3x10x10xf32>, tensor<?x3x3x3xf32>)
func.func @conv2d_dynamic_batch(%x: tensor<?x3x8x8xf32>, %w: tensor<?x3x3x3xf32>) -> tensor<?x?x8x8xf32> {
  %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<?x3x8x8xf32>, tensor<?x3x3x3xf32> -> tensor<?x?x8x8xf32>
  return %r : tensor<?x?x8x8xf32>
}

// Pooling with dynamic batch and channels: the init takes both from the input.
// CHECK-LABEL: func.func @max_pool2d_dynamic_batch(
// CHECK-SAME:    %[[X:.*]]: tensor<?x?x8x8xf32>)
// CHECK:         tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?x4x4xf32>
// CHECK:         linalg.pooling_nchw_max {{.*}} ins(%[[X]], %{{.*}} : tensor<?x?x8x8xf32>, tensor<2x2xf32>)
func.func @max_pool2d_dynamic_batch(%x: tensor<?x?x8x8xf32>) -> tensor<?x?x4x4xf32> {
  %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x?x8x8xf32> -> tensor<?x?x4x4xf32>
  return %r : tensor<?x?x4x4xf32>
}

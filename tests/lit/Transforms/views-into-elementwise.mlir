// RUN: ag-opt %s --ag-views-into-elementwise | FileCheck %s
// RUN: ag-opt %s --ag-views-into-elementwise --linalg-fuse-elementwise-ops | FileCheck %s --check-prefix=FUSED

// A float sum views its operand as a single row, expand_shape (n) -> (1, n), and with a
// partial last buffer slices that row in two. Upstream fusion stops at both views: a
// reshape of a producer with a broadcast operand (x - mean(x, keepdims=True)), and a
// producer with two readers. Moved into the producer, each view gets its own producer,
// which fuses into the view's reader.

#id1 = affine_map<(d0) -> (d0)>
#bcast1 = affine_map<(d0) -> (0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#sum = affine_map<(d0, d1) -> (d0)>

// CHECK-DAG:   #[[CARRIED:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG:   #[[BCAST:.*]] = affine_map<(d0, d1) -> (0)>
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[UNIT_IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
// CHECK-DAG:   #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @deviations
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf64>, %[[M:.*]]: tensor<1xf64>, %[[N:.*]]: index)
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<1x?xf64>
// CHECK:         %[[G:.*]] = linalg.generic {indexing_maps = [#[[CARRIED]], #[[BCAST]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<?xf64>, tensor<1xf64>) outs(%[[E]] : tensor<1x?xf64>)
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK-NOT:     tensor.expand_shape
// CHECK:         linalg.generic {{.*}} ins(%[[G]] : tensor<1x?xf64>)

// FUSED-LABEL: func.func @deviations
// FUSED:         linalg.generic
// FUSED-SAME:      iterator_types = ["parallel", "reduction"]
// FUSED-SAME:      ins(%{{.*}}, %{{.*}} : tensor<?xf64>, tensor<1xf64>)
// FUSED-NOT:     linalg.generic
func.func @deviations(%x: tensor<?xf64>, %m: tensor<1xf64>, %n: index) -> tensor<1xf64> {
  %e = tensor.empty(%n) : tensor<?xf64>
  %d = linalg.generic {indexing_maps = [#id1, #bcast1, #id1], iterator_types = ["parallel"]}
      ins(%x, %m : tensor<?xf64>, tensor<1xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %s = arith.subf %a, %b : f64
    %q = arith.mulf %s, %s : f64
    linalg.yield %q : f64
  } -> tensor<?xf64>
  %row = tensor.expand_shape %d [[0, 1]] output_shape [1, %n] : tensor<?xf64> into tensor<1x?xf64>
  %zero = arith.constant 0.0 : f64
  %i = tensor.empty() : tensor<1xf64>
  %init = linalg.fill ins(%zero : f64) outs(%i : tensor<1xf64>) -> tensor<1xf64>
  %r = linalg.generic {indexing_maps = [#id2, #sum], iterator_types = ["parallel", "reduction"]}
      ins(%row : tensor<1x?xf64>) outs(%init : tensor<1xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.addf %o, %a : f64
    linalg.yield %s : f64
  } -> tensor<1xf64>
  return %r : tensor<1xf64>
}

// FUSED-LABEL: func.func @left_alone

// Left alone: a producer with another use (it is computed once either way), a reshape
// that splits a dim into two sized ones, a reduction producer, and a body that reads
// its loop indices.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-4: tensor.expand_shape
func.func @left_alone(%x: tensor<8xf32>, %y: tensor<8x4xf32>)
    -> (tensor<1x8xf32>, tensor<8xf32>, tensor<2x4xf32>, tensor<1x8xf32>, tensor<1x8xi64>) {
  %e = tensor.empty() : tensor<8xf32>
  %twice = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %r1 = tensor.expand_shape %twice [[0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
  %neg = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.negf %a : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %r2 = tensor.expand_shape %neg [[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
  %z = arith.constant 0.0 : f32
  %init = linalg.fill ins(%z : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %sums = linalg.generic {indexing_maps = [#id2, #sum], iterator_types = ["parallel", "reduction"]}
      ins(%y : tensor<8x4xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %r3 = tensor.expand_shape %sums [[0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
  %ei = tensor.empty() : tensor<8xi64>
  %iota = linalg.generic {indexing_maps = [#id1], iterator_types = ["parallel"]}
      outs(%ei : tensor<8xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i64
    linalg.yield %c : i64
  } -> tensor<8xi64>
  %r4 = tensor.expand_shape %iota [[0, 1]] output_shape [1, 8] : tensor<8xi64> into tensor<1x8xi64>
  return %r1, %twice, %r2, %r3, %r4 : tensor<1x8xf32>, tensor<8xf32>, tensor<2x4xf32>, tensor<1x8xf32>, tensor<1x8xi64>
}

// A static size-1 source dim (a group of unit dims) and unit dims on both sides.
// CHECK-LABEL: func.func @unit_groups
// CHECK:         %[[G:.*]] = linalg.generic {indexing_maps = [#[[UNIT_IN]], #[[ID4]]]
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return %[[G]]
func.func @unit_groups(%x: tensor<1x5xf32>) -> tensor<1x1x1x5xf32> {
  %e = tensor.empty() : tensor<1x5xf32>
  %y = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x5xf32>) outs(%e : tensor<1x5xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = math.exp %a : f32
    linalg.yield %s : f32
  } -> tensor<1x5xf32>
  %r = tensor.expand_shape %y [[0, 1], [2, 3]] output_shape [1, 1, 1, 5] : tensor<1x5xf32> into tensor<1x1x1x5xf32>
  return %r : tensor<1x1x1x5xf32>
}

// Disjoint static slices: one producer per slice, on slices of the operands (a
// broadcast operand whole), and the producers up the chain follow.
// CHECK-LABEL: func.func @slices
// CHECK-SAME:    (%[[X:.*]]: tensor<1x10xf32>, %[[M:.*]]: tensor<1x1xf32>)
// CHECK-DAG:     %[[X1:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 8] [1, 1]
// CHECK-DAG:     %[[X2:.*]] = tensor.extract_slice %[[X]][0, 8] [1, 2] [1, 1]
// CHECK-DAG:     %[[S1:.*]] = linalg.generic {{.*}} ins(%[[X1]], %[[M]] : tensor<1x8xf32>, tensor<1x1xf32>)
// CHECK-DAG:     %[[S2:.*]] = linalg.generic {{.*}} ins(%[[X2]], %[[M]] : tensor<1x2xf32>, tensor<1x1xf32>)
// CHECK-DAG:     %[[Q1:.*]] = linalg.generic {{.*}} ins(%[[S1]] : tensor<1x8xf32>)
// CHECK-DAG:     %[[Q2:.*]] = linalg.generic {{.*}} ins(%[[S2]] : tensor<1x2xf32>)
// CHECK:         return %[[Q1]], %[[Q2]]
// FUSED-LABEL: func.func @slices
// FUSED-COUNT-2: linalg.generic
// FUSED-NOT:     linalg.generic
#b2 = affine_map<(d0, d1) -> (0, 0)>
func.func @slices(%x: tensor<1x10xf32>, %m: tensor<1x1xf32>) -> (tensor<1x8xf32>, tensor<1x2xf32>) {
  %e = tensor.empty() : tensor<1x10xf32>
  %d = linalg.generic {indexing_maps = [#id2, #b2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<1x10xf32>, tensor<1x1xf32>) outs(%e : tensor<1x10xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.subf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x10xf32>
  %q = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%d : tensor<1x10xf32>) outs(%e : tensor<1x10xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<1x10xf32>
  %p1 = tensor.extract_slice %q[0, 0] [1, 8] [1, 1] : tensor<1x10xf32> to tensor<1x8xf32>
  %p2 = tensor.extract_slice %q[0, 8] [1, 2] [1, 1] : tensor<1x10xf32> to tensor<1x2xf32>
  return %p1, %p2 : tensor<1x8xf32>, tensor<1x2xf32>
}

// Overlapping slices (each element would be computed twice), a dynamic offset, or a use
// that is not a slice: the producer stays.
// FUSED-LABEL: func.func @slices_left_alone
// CHECK-LABEL: func.func @slices_left_alone
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT:     linalg.generic
func.func @slices_left_alone(%x: tensor<10xf32>, %i: index)
    -> (tensor<8xf32>, tensor<8xf32>, tensor<2xf32>, tensor<10xf32>, tensor<2xf32>) {
  %e = tensor.empty() : tensor<10xf32>
  %a = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<10xf32>) outs(%e : tensor<10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = math.exp %v : f32
    linalg.yield %s : f32
  } -> tensor<10xf32>
  %a1 = tensor.extract_slice %a[0] [8] [1] : tensor<10xf32> to tensor<8xf32>
  %a2 = tensor.extract_slice %a[2] [8] [1] : tensor<10xf32> to tensor<8xf32>
  %b = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<10xf32>) outs(%e : tensor<10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = math.sin %v : f32
    linalg.yield %s : f32
  } -> tensor<10xf32>
  %b1 = tensor.extract_slice %b[%i] [2] [1] : tensor<10xf32> to tensor<2xf32>
  %c = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<10xf32>) outs(%e : tensor<10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = math.cos %v : f32
    linalg.yield %s : f32
  } -> tensor<10xf32>
  %c1 = tensor.extract_slice %c[0] [2] [1] : tensor<10xf32> to tensor<2xf32>
  return %a1, %a2, %b1, %c, %c1 : tensor<8xf32>, tensor<8xf32>, tensor<2xf32>, tensor<10xf32>, tensor<2xf32>
}

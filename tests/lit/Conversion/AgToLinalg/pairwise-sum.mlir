// Float sums whose reduced dims are innermost follow numpy's pairwise_sum: rows of the
// run are summed in buffers of 8192 elements added in order into a +0 result; each
// buffer is a tree whose leaves (at most 128 elements) go into 8 lane accumulators,
// added ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)), then the leaf's last n % 8 elements one by
// one. The lowering: lane sums (the one pass over the data, reading it in place
// through an affine map), the lane tree, the leaf tree, the ordered sum of the parts.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-to-linalg | FileCheck %s --check-prefix=FUSED --enable-var-scope

// CHECK-DAG: #[[$LEAF16:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, (d1 * 16 + d2) * 8 + d3)>
// CHECK-DAG: #[[$OCTET:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[$LANES:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$IN0:.*]] = affine_map<(d0, d1) -> (d0, d1 * 8)>
// CHECK-DAG: #[[$IN7:.*]] = affine_map<(d0, d1) -> (d0, d1 * 8 + 7)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROWS:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ALL1:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[$SLOTS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-DAG: #[[$AFTER_BUFFER:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, (d1 + d2) * 8 + d3 + 8192)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$OUTER_KEEP:.*]] = affine_map<(d0, d1, d2) -> (0, d1, 0)>
// CHECK-DAG: #[[$KEEP_UNIT:.*]] = affine_map<(d0, d1) -> (d0, 0)>

// Rows of 1024: 8 leaves of 16 octets, a balanced tree of depth 3. The lane sums read
// the operand where it is, the octet loop's range coming from a 16-element constant.
// CHECK-LABEL: func.func @rows(
// CHECK-SAME:    %[[A:.*]]: tensor<8x1024xf32>) -> tensor<8xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<8xf32>)
// CHECK:         %[[LZ:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x8x8xf32>)
// CHECK:         %[[RANGE:.*]] = arith.constant dense<0> : tensor<16xi8>
// CHECK:         %[[LANES:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$LEAF16]], #[[$OCTET]], #[[$LANES]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[A]], %[[RANGE]] : tensor<8x1024xf32>, tensor<16xi8>) outs(%[[LZ]] : tensor<8x8x8xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: i8, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[X]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[LANES]] {{\[\[}}0], [1, 2]] : tensor<8x8x8xf32> into tensor<8x64xf32>
// The lane tree: adjacent pairs, three levels.
// CHECK:         %[[LEAVES:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN0]], {{.*}}, #[[$IN7]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[FLAT]], %[[FLAT]], %[[FLAT]], %[[FLAT]], %[[FLAT]], %[[FLAT]], %[[FLAT]], %[[FLAT]] :
// CHECK-SAME:      outs(%{{.*}} : tensor<8x8xf32>)
// CHECK:         ^bb0(%[[L0:.*]]: f32, %[[L1:.*]]: f32, %[[L2:.*]]: f32, %[[L3:.*]]: f32, %[[L4:.*]]: f32, %[[L5:.*]]: f32, %[[L6:.*]]: f32, %[[L7:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[P01:.*]] = arith.addf %[[L0]], %[[L1]] : f32
// CHECK-NEXT:      %[[P23:.*]] = arith.addf %[[L2]], %[[L3]] : f32
// CHECK-NEXT:      %[[P45:.*]] = arith.addf %[[L4]], %[[L5]] : f32
// CHECK-NEXT:      %[[P67:.*]] = arith.addf %[[L6]], %[[L7]] : f32
// CHECK-NEXT:      %[[Q0:.*]] = arith.addf %[[P01]], %[[P23]] : f32
// CHECK-NEXT:      %[[Q1:.*]] = arith.addf %[[P45]], %[[P67]] : f32
// CHECK-NEXT:      %[[T:.*]] = arith.addf %[[Q0]], %[[Q1]] : f32
// CHECK-NEXT:      linalg.yield %[[T]] : f32
// The leaf tree: the same shape over the 8 leaves.
// CHECK:         %[[PART:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[LEAVES]], %[[LEAVES]], %[[LEAVES]], %[[LEAVES]], %[[LEAVES]], %[[LEAVES]], %[[LEAVES]], %[[LEAVES]] :
// CHECK-SAME:      outs(%{{.*}} : tensor<8x1xf32>)
// The parts are added in order into +0.
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ROWS]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[PART]] : tensor<8x1xf32>) outs(%[[INIT]] : tensor<8xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[R]] : tensor<8xf32>
func.func @rows(%a: tensor<8x1024xf32>) -> tensor<8xf32> {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<8x1024xf32> -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// Two full buffers (float64 alike): 128 leaves, the buffer trees three levels a generic,
// then the two buffer sums one after the other.
// CHECK-LABEL: func.func @buffers(
// CHECK-SAME:    %[[A:.*]]: tensor<16384xf64>) -> tensor<f64>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<f64>)
// CHECK:         %[[ROW:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1]] output_shape [1, 16384]
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$LEAF16]], #[[$OCTET]], #[[$LANES]]]
// CHECK-SAME:      ins(%[[ROW]], %{{.*}} : tensor<1x16384xf64>, tensor<16xi8>) outs(%{{.*}} : tensor<1x128x8xf64>)
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<1x128xf64>)
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<1x16xf64>)
// CHECK:         %[[BUFS:.*]] = linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<1x2xf64>)
// CHECK:         %[[PARTS:.*]] = tensor.collapse_shape %[[BUFS]] {{\[\[}}0, 1]] : tensor<1x2xf64> into tensor<2xf64>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID1]], #[[$ALL1]]]
// CHECK-SAME:      iterator_types = ["reduction"]
// CHECK-SAME:      ins(%[[PARTS]] : tensor<2xf64>) outs(%[[INIT]] : tensor<f64>)
func.func @buffers(%a: tensor<16384xf64>) -> tensor<f64> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<16384xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// Rows of 200 = 25 octets split into leaves of 12 and 13 octets: each leaf is gathered
// into a slot of 16 octets by a constant table (-1: padding, which adds +0).
// CHECK-LABEL: func.func @irregular(
// CHECK-SAME:    %[[A:.*]]: tensor<4x200xf32>) -> tensor<4xf32>
// CHECK:         %[[TABLE:.*]] = arith.constant dense<{{\[\[}}0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1, -1, -1, -1], [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, -1, -1, -1]]> : tensor<2x16xindex>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$SLOTS]], #[[$LANES]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[TABLE]] : tensor<2x16xindex>) outs(%{{.*}} : tensor<4x2x8xf32>)
// CHECK:         ^bb0(%[[OCT:.*]]: index, %[[ACC:.*]]: f32):
// CHECK:           %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           %[[LANE:.*]] = linalg.index 3 : index
// CHECK:           %[[VALID:.*]] = arith.cmpi sge, %[[OCT]], %{{.*}} : index
// CHECK:           %[[V:.*]] = scf.if %[[VALID]] -> (f32) {
// CHECK:             tensor.extract %[[A]][%[[ROW]], %{{.*}}] : tensor<4x200xf32>
// CHECK:           } else {
// CHECK:             scf.yield %{{.*}} : f32
// CHECK:           }
// CHECK:           arith.addf %[[ACC]], %[[V]] : f32
// CHECK:         outs(%{{.*}} : tensor<4x2xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<4x2xf32>, tensor<4x2xf32>) outs(%{{.*}} : tensor<4x1xf32>)
func.func @irregular(%a: tensor<4x200xf32>) -> tensor<4xf32> {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<4x200xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// Rows of 12: one octet through the lanes, then the 4 tail elements one by one (in the
// last slot, the rightmost leaf).
// CHECK-LABEL: func.func @tail(
// CHECK-SAME:    %[[A:.*]]: tensor<2x12xf32>) -> tensor<2xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[A]], %{{.*}} : tensor<2x12xf32>, tensor<1xi8>)
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<2x1xf32>)
// CHECK-COUNT-6:   arith.addf
// CHECK-NEXT:      %[[TREE:.*]] = arith.addf
// CHECK-NEXT:      %[[SLOT:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           %[[E8:.*]] = tensor.extract %[[A]][%[[ROW]], %{{.*}}] : tensor<2x12xf32>
// CHECK-NEXT:      %[[T8:.*]] = arith.addf %[[TREE]], %[[E8]] : f32
// CHECK:           %[[E9:.*]] = tensor.extract %[[A]][%[[ROW]], %{{.*}}] : tensor<2x12xf32>
// CHECK-NEXT:      %[[T9:.*]] = arith.addf %[[T8]], %[[E9]] : f32
// CHECK:           tensor.extract
// CHECK:           tensor.extract
// CHECK:           %[[T11:.*]] = arith.addf
// CHECK:           %[[LAST:.*]] = arith.cmpi eq, %[[SLOT]], %{{.*}} : index
// CHECK-NEXT:      %[[V:.*]] = arith.select %[[LAST]], %[[T11]], %[[TREE]] : f32
// CHECK-NEXT:      linalg.yield %[[V]] : f32
func.func @tail(%a: tensor<2x12xf32>) -> tensor<2xf32> {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<2x12xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// 8200 = a full buffer and a partial one of 8 elements (read from column 8192 on): two
// parts, added in order.
// CHECK-LABEL: func.func @buffer_and_partial(
// CHECK:         %[[FULL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$AFTER_BUFFER]], #[[$OCTET]], #[[$LANES]]]
// CHECK:         %[[PARTIAL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x2xf32>
// CHECK:         %[[P0:.*]] = tensor.insert_slice %[[FULL]] into %[[E]][0, 0] [1, 1] [1, 1]
// CHECK:         %[[P1:.*]] = tensor.insert_slice %[[PARTIAL]] into %[[P0]][0, 1] [1, 1] [1, 1]
// CHECK:         tensor.collapse_shape %[[P1]]
func.func @buffer_and_partial(%a: tensor<8200xf32>) -> tensor<f32> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<8200xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// A run-time length: full buffers as above (their count from a division by 8192), then
// the partial buffer's tree built in the compiled code: its depth from the octet count
// (ctlz), a slot table from a walk down the tree per slot, and as many pairwise levels.
// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME:    %[[A:.*]]: tensor<?xf32>) -> tensor<f32>
// CHECK:         %[[BUFS:.*]] = arith.divui %[[N:.*]], %{{.*}} : index
// CHECK:         %[[FULL:.*]] = arith.muli %[[BUFS]], %{{.*}} : index
// CHECK:         %[[REST:.*]] = arith.subi %[[N]], %[[FULL]] : index
// CHECK:         math.ctlz
// CHECK:         %[[SLOTS:.*]] = arith.shli %{{.*}}, %[[DEPTH:.*]] : index
// CHECK:         %[[TE:.*]] = tensor.empty(%[[SLOTS]]) : tensor<?x16xindex>
// CHECK:         %[[TABLE:.*]] = linalg.generic
// CHECK-SAME:      outs(%[[TE]] : tensor<?x16xindex>)
// CHECK:           scf.for %{{.*}} = %{{.*}} to %[[DEPTH]]
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[TABLE]] : tensor<?x16xindex>)
// CHECK:           scf.if
// CHECK:           tensor.extract
// CHECK:         linalg.generic
// CHECK:           scf.for
// CHECK:             tensor.extract
// CHECK:         %[[TREE:.*]] = scf.for %{{.*}} = %{{.*}} to %[[DEPTH]] {{.*}} -> (tensor<1x?xf32>) {
// CHECK:           linalg.generic
// CHECK:           scf.yield
// CHECK:         %[[PARTIAL:.*]] = tensor.cast %[[TREE]] : tensor<1x?xf32> to tensor<1x1xf32>
// CHECK:         tensor.insert_slice %[[PARTIAL]] into %{{.*}}[0, %[[BUFS]]] [1, 1] [1, 1]
func.func @dynamic(%a: tensor<?xf32>) -> tensor<f32> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<?xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// Reduced dims outside the run: numpy adds each run's sum into the result in turn, a
// running sum over (outer reduced dims, parts).
// CHECK-LABEL: func.func @outer_reduced(
// CHECK-SAME:    %[[A:.*]]: tensor<3x4x20xf32>) -> tensor<1x4x1xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x1xf32>)
// CHECK:         %[[ROWS:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2]] : tensor<3x4x20xf32> into tensor<12x20xf32>
// CHECK:         %[[PART:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<12x1xf32>)
// CHECK:         %[[OUTER:.*]] = tensor.expand_shape %[[PART]] {{\[\[}}0, 1], [2]] output_shape [3, 4, 1]
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID3]], #[[$OUTER_KEEP]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[OUTER]] : tensor<3x4x1xf32>) outs(%[[INIT]] : tensor<1x4x1xf32>)
func.func @outer_reduced(%a: tensor<3x4x20xf32>) -> tensor<1x4x1xf32> {
  %r = ag.sum %a {axes = array<i64: 0, 2>, keepdims = true} : tensor<3x4x20xf32> -> tensor<1x4x1xf32>
  return %r : tensor<1x4x1xf32>
}

// A kept dim of size 1 after the reduced one does not end the run (numpy drops it).
// CHECK-LABEL: func.func @unit_dims(
// CHECK-SAME:    %[[A:.*]]: tensor<4x16x1xf32>) -> tensor<4x1xf32>
// CHECK:         tensor.collapse_shape %[[A]] {{\[\[}}0], [1, 2]] : tensor<4x16x1xf32> into tensor<4x16xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$ID2]], #[[$KEEP_UNIT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      outs(%{{.*}} : tensor<4x1xf32>)
func.func @unit_dims(%a: tensor<4x16x1xf32>) -> tensor<4x1xf32> {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<4x16x1xf32> -> tensor<4x1xf32>
  return %r : tensor<4x1xf32>
}

// Nothing to add: the +0 fill is the result.
// CHECK-LABEL: func.func @empty(
// CHECK:         %[[R:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK-NEXT:    return %[[R]] : tensor<3xf32>
func.func @empty(%a: tensor<2x3x0xf32>) -> tensor<3xf32> {
  %r = ag.sum %a {axes = array<i64: 0, 2>} : tensor<2x3x0xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// After fusion: a broadcasting elementwise producer ((x - mu)^2, mu of shape 8x1) is
// computed inside the lane-sum loop, which reads x in place; no 8x1024 temporary.
// FUSED-LABEL: func.func @fused_variance(
// FUSED-SAME:    %[[X:.*]]: tensor<8x1024xf32>, %[[MU:.*]]: tensor<8x1xf32>)
// FUSED-NOT:     tensor.empty() : tensor<8x1024xf32>
// FUSED:         linalg.generic
// FUSED-SAME:      iterator_types = ["parallel", "parallel", "reduction", "parallel"]
// FUSED-SAME:      ins(%[[X]], %[[MU]], %{{.*}} : tensor<8x1024xf32>, tensor<8x1xf32>, tensor<16xi8>)
// FUSED:           arith.subf
// FUSED:           arith.mulf
// FUSED:           arith.addf
func.func @fused_variance(%x: tensor<8x1024xf32>, %mu: tensor<8x1xf32>) -> tensor<8xf32> {
  %0 = ag.sub %x, %mu : tensor<8x1024xf32>, tensor<8x1xf32> -> tensor<8x1024xf32>
  %1 = ag.mul %0, %0 : tensor<8x1024xf32>, tensor<8x1024xf32> -> tensor<8x1024xf32>
  %2 = ag.sum %1 {axes = array<i64: 1>} : tensor<8x1024xf32> -> tensor<8xf32>
  return %2 : tensor<8xf32>
}

// A single row of 18 full buffers read from an argument: blocks of 8 buffers, one
// scf.for iteration each (lane sums of 512 leaves, not of all 2304), then the last 2
// buffers; the buffer sums land in order in one (1, 18) tensor.
// CHECK-LABEL: func.func @blocked_buffers(
// CHECK-SAME:    %[[A:.*]]: tensor<147456xf64>) -> tensor<f64>
// CHECK:         %[[ROW:.*]] = tensor.expand_shape %[[A]]
// CHECK:         %[[ALL:.*]] = tensor.empty() : tensor<1x18xf64>
// CHECK:         %[[SUMS:.*]] = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[ALL]]) -> (tensor<1x18xf64>)
// CHECK:           %[[FIRST:.*]] = arith.muli %[[I]]
// CHECK:           %[[COL:.*]] = arith.muli %[[FIRST]]
// CHECK:           %[[BLOCK:.*]] = tensor.extract_slice %[[ROW]][0, %[[COL]]] [1, 65536] [1, 1]
// CHECK:           linalg.generic
// CHECK-SAME:        ins(%[[BLOCK]], %{{.*}} : tensor<1x65536xf64>, tensor<16xi8>) outs(%{{.*}} : tensor<1x512x8xf64>)
// CHECK:           %[[PART:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x8xf64>)
// CHECK:           tensor.insert_slice %[[PART]] into %[[ACC]][0, %[[FIRST]]] [1, 8] [1, 1]
// CHECK:         %[[REST:.*]] = tensor.extract_slice %[[ROW]][0, 131072] [1, 16384] [1, 1]
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[REST]], %{{.*}} : tensor<1x16384xf64>, tensor<16xi8>)
// CHECK:         %[[LAST:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2xf64>)
// CHECK:         tensor.insert_slice %[[LAST]] into %[[SUMS]][0, 16] [1, 2] [1, 1]
func.func @blocked_buffers(%a: tensor<147456xf64>) -> tensor<f64> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<147456xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// The same sum of a computed array: not blocked, so that the product fuses into the
// lane sums (a loop around them would leave it a 147456-element temporary).
// FUSED-LABEL: func.func @unblocked_product(
// FUSED-NOT:     scf.for
// FUSED-NOT:     tensor.empty() : tensor<147456xf64>
// FUSED:         return
func.func @unblocked_product(%a: tensor<147456xf64>) -> tensor<f64> {
  %0 = ag.mul %a, %a : tensor<147456xf64>, tensor<147456xf64> -> tensor<147456xf64>
  %r = ag.sum %0 {axes = array<i64: 0>} : tensor<147456xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// argmax/argmin along a long innermost axis: the row is read as blocks of 64 lanes, each
// lane keeping its extreme and the block it came from (a scan whose lane loop is
// innermost: vector compares and blends in registers); the last n % 64 elements update
// lanes 0.. as one more block; then the row's extreme over the lanes and the smallest
// index among the lanes holding it (or a NaN).
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// CHECK-DAG: #[[$GRID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$LANE:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>

// 200 = 3 blocks of 64 + 8: block numbers are i32 (they fit).
// CHECK-LABEL: func.func @argmax_rows(
// CHECK-SAME:    %[[A:.*]]: tensor<5x200xf32>) -> tensor<5xi64>
// CHECK:         %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[VALS:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<5x64xf32>)
// CHECK:         %[[BLKS:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<5x64xi32>)
// CHECK:         %[[HEAD:.*]] = tensor.extract_slice %[[A]][0, 0] [5, 192] [1, 1]
// CHECK:         %[[GRIDV:.*]] = tensor.expand_shape %[[HEAD]] {{\[}}[0], [1, 2]] output_shape [5, 3, 64]
// CHECK:         %[[SCAN:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$GRID]], #[[$LANE]], #[[$LANE]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[GRIDV]] : tensor<5x3x64xf32>) outs(%[[VALS]], %[[BLKS]] : tensor<5x64xf32>, tensor<5x64xi32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[BEST:.*]]: f32, %[[BB:.*]]: i32):
// CHECK:           %[[BLOCK:.*]] = linalg.index 1 : index
// CHECK:           %[[B32:.*]] = arith.index_cast %[[BLOCK]] : index to i32
// CHECK:           %[[GT:.*]] = arith.cmpf ugt, %[[X]], %[[BEST]] : f32
// CHECK:           %[[BNUM:.*]] = arith.cmpf ord, %[[BEST]], %[[BEST]] : f32
// CHECK:           %[[TAKE:.*]] = arith.andi %[[GT]], %[[BNUM]] : i1
// CHECK:           %[[NV:.*]] = arith.select %[[TAKE]], %[[X]], %[[BEST]] : f32
// CHECK:           %[[NB:.*]] = arith.select %[[TAKE]], %[[B32]], %[[BB]] : i32
// CHECK:           linalg.yield %[[NV]], %[[NB]] : f32, i32
// The 8 last elements: block 3 of lanes 0..7.
// CHECK:         %[[REST:.*]] = tensor.extract_slice %[[A]][0, 192] [5, 8] [1, 1]
// CHECK:         %[[LV:.*]] = tensor.extract_slice %[[SCAN]]#0[0, 0] [5, 8] [1, 1]
// CHECK:         %[[LB:.*]] = tensor.extract_slice %[[SCAN]]#1[0, 0] [5, 8] [1, 1]
// CHECK:         %[[C3:.*]] = arith.constant 3 : i32
// CHECK:         %[[UPD:.*]]:2 = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[REST]] : tensor<5x8xf32>) outs(%[[LV]], %[[LB]] : tensor<5x8xf32>, tensor<5x8xi32>)
// CHECK:           arith.select %{{.*}}, %[[C3]], %{{.*}} : i32
// CHECK:         %[[V2:.*]] = tensor.insert_slice %[[UPD]]#0 into %[[SCAN]]#0[0, 0] [5, 8] [1, 1]
// CHECK:         %[[B2:.*]] = tensor.insert_slice %[[UPD]]#1 into %[[SCAN]]#1[0, 0] [5, 8] [1, 1]
// The row's maximum over the lanes, NaN-propagating.
// CHECK:         %[[ROWMAX:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ROW]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[V2]] : tensor<5x64xf32>)
// CHECK:           arith.maximumf
// The smallest index block * 64 + lane among the lanes holding it (or a NaN).
// CHECK:         %[[IMAX:.*]] = arith.constant 9223372036854775807 : i64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ID2]], #[[$ROW]], #[[$ROW]]]
// CHECK-SAME:      ins(%[[V2]], %[[B2]], %[[ROWMAX]] : tensor<5x64xf32>, tensor<5x64xi32>, tensor<5xf32>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[VB:.*]]: i32, %[[M:.*]]: f32, %[[ACC:.*]]: i64):
// CHECK-DAG:       %[[EQ:.*]] = arith.cmpf oeq, %[[V]], %[[M]] : f32
// CHECK-DAG:       %[[NAN:.*]] = arith.cmpf uno, %[[V]], %[[V]] : f32
// CHECK:           %[[HOLDS:.*]] = arith.ori %[[EQ]], %[[NAN]] : i1
// CHECK:           %[[B64:.*]] = arith.extsi %[[VB]] : i32 to i64
// CHECK:           %[[MUL:.*]] = arith.muli %[[B64]], %{{.*}} : i64
// CHECK:           %[[IDX:.*]] = arith.addi %[[MUL]], %{{.*}} : i64
// CHECK:           %[[CAND:.*]] = arith.select %[[HOLDS]], %[[IDX]], %{{.*}} : i64
// CHECK:           %[[MIN:.*]] = arith.minsi %[[ACC]], %[[CAND]] : i64
// CHECK:           linalg.yield %[[MIN]] : i64
// CHECK:         return %[[R]] : tensor<5xi64>
func.func @argmax_rows(%a: tensor<5x200xf32>) -> tensor<5xi64> {
  %r = ag.argmax %a {axis = 1 : i64} : tensor<5x200xf32> -> tensor<5xi64>
  return %r : tensor<5xi64>
}

// A multiple of 64 has no last partial block; argmin on integers takes the minimum.
// CHECK-LABEL: func.func @argmin_i64_keepdims(
// CHECK-NOT:     tensor.insert_slice
// CHECK:         arith.cmpi slt
// CHECK:         arith.minsi %{{.*}}, %{{.*}} : i64
// CHECK:         arith.cmpi eq
// CHECK:         return %{{.*}} : tensor<1xi64>
func.func @argmin_i64_keepdims(%a: tensor<128xi64>) -> tensor<1xi64> {
  %r = ag.argmin %a {axis = 0 : i64, keepdims = true} : tensor<128xi64> -> tensor<1xi64>
  return %r : tensor<1xi64>
}

// A run-time length: block numbers in i64, sizes in arith.
// CHECK-LABEL: func.func @argmax_dynamic(
// CHECK:         arith.divui
// CHECK:         linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<64xi64>)
// CHECK:         tensor.expand_shape
// CHECK:         return %{{.*}} : tensor<i64>
func.func @argmax_dynamic(%a: tensor<?xf64>) -> tensor<i64> {
  %r = ag.argmax %a {axis = 0 : i64} : tensor<?xf64> -> tensor<i64>
  return %r : tensor<i64>
}

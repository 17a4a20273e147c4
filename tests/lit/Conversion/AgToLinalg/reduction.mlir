// Reductions become a linalg.generic with reduction iterators over an identity-filled
// init; argmax/argmin carry (best value, index) as two outputs. Sums and products
// accumulate in their own dtype (float32 overflows to inf where numpy's does). The loops
// nest in dim order, so each result adds its elements one by one in row-major order:
// numpy's order for products, and for sums whose innermost dim is kept or whose run of
// reduced dims holds fewer than 8 elements. Float sums over an innermost run go
// through numpy's pairwise tree instead (pairwise-sum.mlir).
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG

// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROWS:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$COLS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$COLS_KEEP:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$MID_KEEP:.*]] = affine_map<(d0, d1, d2) -> (0, d1, 0)>
// CHECK-DAG: #[[$NONE3:.*]] = affine_map<(d0, d1, d2) -> ()>

// float32 sum over a kept innermost dim: a running sum in float32, no conversion.
// CHECK-LABEL: func.func @sum_f32(
// CHECK-SAME:    %[[A:.*]]: tensor<8x32xf32>) -> tensor<32xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<32xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<32xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$COLS]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK-SAME:      ins(%[[A]] : tensor<8x32xf32>) outs(%[[INIT]] : tensor<32xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[X]], %[[OUT]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         } -> tensor<32xf32>
// CHECK-NEXT:    return %[[R]] : tensor<32xf32>
func.func @sum_f32(%a: tensor<8x32xf32>) -> tensor<32xf32> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<8x32xf32> -> tensor<32xf32>
  return %r : tensor<32xf32>
}

// float64 and integer sums accumulate in their own type: no conversion generic.
// keepdims reads the kept unit dims at index 0 in the output map.
// CHECK-LABEL: func.func @sum_i32_keepdims(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3x4xi32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x3x1xi32>
// CHECK:         %[[Z:.*]] = arith.constant 0 : i32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%[[E]] : tensor<1x3x1xi32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID3]], #[[$MID_KEEP]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[A]] : tensor<2x3x4xi32>) outs(%[[INIT]] : tensor<1x3x1xi32>)
// CHECK:         ^bb0(%[[X:.*]]: i32, %[[OUT:.*]]: i32):
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[X]], %[[OUT]] : i32
// CHECK-NEXT:      linalg.yield %[[S]] : i32
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]] : tensor<1x3x1xi32>
func.func @sum_i32_keepdims(%a: tensor<2x3x4xi32>) -> tensor<1x3x1xi32> {
  %r = ag.sum %a {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
  return %r : tensor<1x3x1xi32>
}

// Reducing every axis gives a 0-d result.
// CHECK-LABEL: func.func @prod_f64_all(
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<f64>
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ONE]] : f64) outs(%[[E]] : tensor<f64>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID3]], #[[$NONE3]]]
// CHECK-SAME:      iterator_types = ["reduction", "reduction", "reduction"]
// CHECK-SAME:      outs(%[[INIT]] : tensor<f64>)
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f64
func.func @prod_f64_all(%a: tensor<2x3x4xf64>) -> tensor<f64> {
  %r = ag.prod %a {axes = array<i64: 0, 1, 2>} : tensor<2x3x4xf64> -> tensor<f64>
  return %r : tensor<f64>
}

// A float32 product multiplies in float32, one element after the other (numpy has no
// pairwise product).
// CHECK-LABEL: func.func @prod_f32(
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         linalg.fill ins(%[[ONE]] : f32)
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK-NOT:       arith.extf
// CHECK:         return
func.func @prod_f32(%a: tensor<5xf32>) -> tensor<f32> {
  %r = ag.prod %a {axes = array<i64: 0>} : tensor<5xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// mean (float32, rows of 4): the float32 sum divided by the count as float32 (numpy
// divides as float64 and rounds back, which gives the same quotient for counts up to
// 2^24).
// CHECK-LABEL: func.func @mean_f32(
// CHECK-SAME:    %[[A:.*]]: tensor<6x4xf32>) -> tensor<6xf32>
// CHECK:         %[[ACC:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[A]] : tensor<6x4xf32>) outs(%{{.*}} : tensor<6xf32>)
// CHECK:           arith.addf %{{.*}}, %{{.*}} : f32
// CHECK:         %[[C4:.*]] = arith.constant 4 : index
// CHECK:         %[[N:.*]] = arith.muli %{{.*}}, %[[C4]] : index
// CHECK:         %[[NI:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK:         %[[NF:.*]] = arith.sitofp %[[NI]] : i64 to f32
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[ACC]] : tensor<6xf32>) outs(%{{.*}} : tensor<6xf32>)
// CHECK:         ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[M:.*]] = arith.divf %[[S]], %[[NF]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
// CHECK:         return %[[R]]
func.func @mean_f32(%a: tensor<6x4xf32>) -> tensor<6xf32> {
  %r = ag.mean %a {axes = array<i64: 1>} : tensor<6x4xf32> -> tensor<6xf32>
  return %r : tensor<6xf32>
}

// A float32 mean over a run-time count divides as float64 and rounds back, numpy's
// true_divide loop for a count that is not exact in float32.
// CHECK-LABEL: func.func @mean_f32_dynamic(
// CHECK:         %[[NF:.*]] = arith.sitofp %{{.*}} : i64 to f64
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<4xf32>)
// CHECK:         ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[W:.*]] = arith.extf %[[S]] : f32 to f64
// CHECK-NEXT:      %[[M:.*]] = arith.divf %[[W]], %[[NF]] : f64
// CHECK-NEXT:      %[[T:.*]] = arith.truncf %[[M]] : f64 to f32
// CHECK-NEXT:      linalg.yield %[[T]] : f32
func.func @mean_f32_dynamic(%a: tensor<?x4xf32>) -> tensor<4xf32> {
  %r = ag.mean %a {axes = array<i64: 0>} : tensor<?x4xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// numpy reduces a transposed view in its base's memory order (which decides how a sum
// rounds): the base is reduced over the corresponding axes and the smaller result
// transposed. The transpose of the operand is left unused (the canonicalizer drops it).
// CHECK-LABEL: func.func @sum_of_transpose(
// CHECK-SAME:    %[[A:.*]]: tensor<3x4x5xf32>) -> tensor<5x3xf32>
// CHECK:         %[[S:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[A]] : tensor<3x4x5xf32>) outs(%{{.*}} : tensor<3x5xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<5x3xf32>
// CHECK:         %[[R:.*]] = linalg.transpose ins(%[[S]] : tensor<3x5xf32>) outs(%[[E]] : tensor<5x3xf32>) permutation = [1, 0]
// CHECK:         return %[[R]] : tensor<5x3xf32>
func.func @sum_of_transpose(%a: tensor<3x4x5xf32>) -> tensor<5x3xf32> {
  %t = ag.transpose %a {permutation = array<i64: 2, 1, 0>} : tensor<3x4x5xf32> -> tensor<5x4x3xf32>
  %r = ag.sum %t {axes = array<i64: 1>} : tensor<5x4x3xf32> -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// With keepdims the result takes the transpose's own permutation; a mean divides the
// base's sums before.
// CHECK-LABEL: func.func @mean_of_transpose_keepdims(
// CHECK-SAME:    %[[A:.*]]: tensor<6x4xf64>) -> tensor<1x6xf64>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[A]] : tensor<6x4xf64>)
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK:           arith.divf
// CHECK:         linalg.transpose ins(%[[M]] : tensor<6x1xf64>) outs(%{{.*}} : tensor<1x6xf64>) permutation = [1, 0]
func.func @mean_of_transpose_keepdims(%a: tensor<6x4xf64>) -> tensor<1x6xf64> {
  %t = ag.transpose %a {permutation = array<i64: 1, 0>} : tensor<6x4xf64> -> tensor<4x6xf64>
  %r = ag.mean %t {axes = array<i64: 0>, keepdims = true} : tensor<4x6xf64> -> tensor<1x6xf64>
  return %r : tensor<1x6xf64>
}

// in_memory_order: the frontend knew the operand's layout (here the transpose of a
// Fortran-ordered argument, which is numpy's memory order) and the sum walks the
// operand as it is: the transpose is not looked through.
// CHECK-LABEL: func.func @sum_in_memory_order(
// CHECK-SAME:    %[[A:.*]]: tensor<6x4xf32>) -> tensor<4xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[A]] : tensor<6x4xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[T]] : tensor<4x6xf32>)
// CHECK-NOT:     linalg.transpose
func.func @sum_in_memory_order(%a: tensor<6x4xf32>) -> tensor<4xf32> {
  %t = ag.transpose %a {permutation = array<i64: 1, 0>} : tensor<6x4xf32> -> tensor<4x6xf32>
  %r = ag.sum %t {axes = array<i64: 1>, in_memory_order = true} : tensor<4x6xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// mean over a dynamic axis counts with tensor.dim at run time.
// CHECK-LABEL: func.func @mean_f64_dynamic(
// CHECK-SAME:    %[[A:.*]]: tensor<?x4xf64>) -> tensor<4xf64>
// CHECK:         %[[ACC:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$COLS]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[D:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x4xf64>
// CHECK:         %[[N:.*]] = arith.muli %{{.*}}, %[[D]] : index
// CHECK:         %[[NI:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK:         %[[NF:.*]] = arith.sitofp %[[NI]] : i64 to f64
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[ACC]] : tensor<4xf64>)
// CHECK:           arith.divf %{{.*}}, %[[NF]] : f64
// CHECK-NOT:       arith.truncf
func.func @mean_f64_dynamic(%a: tensor<?x4xf64>) -> tensor<4xf64> {
  %r = ag.mean %a {axes = array<i64: 0>} : tensor<?x4xf64> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// Kept dims of a dynamic operand size the accumulator.
// CHECK-LABEL: func.func @sum_dynamic_kept(
// CHECK-SAME:    %[[A:.*]]: tensor<?x4xi64>)
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[D:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x4xi64>
// CHECK:         %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?xi64>
// CHECK:         linalg.fill ins(%{{.*}} : i64) outs(%[[E]] : tensor<?xi64>)
func.func @sum_dynamic_kept(%a: tensor<?x4xi64>) -> tensor<?xi64> {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<?x4xi64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}

// max starts from -inf (NaN propagates through maximumf); min from the largest integer.
// CHECK-LABEL: func.func @max_min(
// CHECK:         %[[NINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK:         linalg.fill ins(%[[NINF]] : f64)
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : f64
// CHECK:         %[[IMAX:.*]] = arith.constant 2147483647 : i32
// CHECK:         linalg.fill ins(%[[IMAX]] : i32)
// CHECK:           arith.minsi %{{.*}}, %{{.*}} : i32
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK:         linalg.fill ins(%[[FALSE]] : i1)
// CHECK:           arith.ori %{{.*}}, %{{.*}} : i1
func.func @max_min(%a: tensor<3x16xf64>, %b: tensor<3x4xi32>, %c: tensor<3x4xi1>) {
  %0 = ag.max %a {axes = array<i64: 1>} : tensor<3x16xf64> -> tensor<3xf64>
  %1 = ag.min %b {axes = array<i64: 0>} : tensor<3x4xi32> -> tensor<4xi32>
  %2 = ag.max %c {axes = array<i64: 1>} : tensor<3x4xi1> -> tensor<3xi1>
  return
}

// Over a contiguous run of at most 8 elements numpy's float max/min is its scalar loop,
// where the later element wins a tie (-0.0 vs +0.0): the accumulator is kept only when
// strictly better or NaN. Over 16 (above) maximumf.
// CHECK-LABEL: func.func @max_short_run(
// CHECK:           %[[GT:.*]] = arith.cmpf ogt, %[[ACC:.*]], %[[X:.*]] : f64
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[ACC]], %[[ACC]] : f64
// CHECK:           %[[KEEP:.*]] = arith.ori %[[NAN]], %[[GT]] : i1
// CHECK:           arith.select %[[KEEP]], %[[ACC]], %[[X]] : f64
// CHECK-NOT:       arith.maximumf
func.func @max_short_run(%a: tensor<3x8xf64>) -> tensor<3xf64> {
  %0 = ag.max %a {axes = array<i64: 1>} : tensor<3x8xf64> -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// all: and from true; any: or from false.
// CHECK-LABEL: func.func @all_any(
// CHECK:         %[[TRUE:.*]] = arith.constant true
// CHECK:         linalg.fill ins(%[[TRUE]] : i1)
// CHECK:           arith.andi %{{.*}}, %{{.*}} : i1
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK:         linalg.fill ins(%[[FALSE]] : i1)
// CHECK:           arith.ori %{{.*}}, %{{.*}} : i1
func.func @all_any(%a: tensor<3x4xi1>) {
  %0 = ag.all %a {axes = array<i64: 1>} : tensor<3x4xi1> -> tensor<3xi1>
  %1 = ag.any %a {axes = array<i64: 0, 1>} : tensor<3x4xi1> -> tensor<i1>
  return
}

// argmax: two outputs (best value seeded with -inf, index seeded with 0), iteration index
// from linalg.index on the reduced axis; a strictly greater value or the first NaN wins
// (x ugt best unless best is NaN), and element 0 always seeds. The op's result is the
// index output. (A row this short is one scan; long innermost rows: argmax-lanes.mlir.)
// CHECK-LABEL: func.func @argmax_f32(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xf32>) -> tensor<4xi64>
// CHECK:         %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[VE:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         %[[VALS:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[VE]] : tensor<4xf32>)
// CHECK:         %[[IE:.*]] = tensor.empty() : tensor<4xi64>
// CHECK:         %[[Z:.*]] = arith.constant 0 : i64
// CHECK:         %[[IDXS:.*]] = linalg.fill ins(%[[Z]] : i64) outs(%[[IE]] : tensor<4xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ROWS]], #[[$ROWS]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[A]] : tensor<4x5xf32>) outs(%[[VALS]], %[[IDXS]] : tensor<4xf32>, tensor<4xi64>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[BEST:.*]]: f32, %[[BI:.*]]: i64):
// CHECK:           %[[I:.*]] = linalg.index 1 : index
// CHECK:           %[[II:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK:           %[[GT:.*]] = arith.cmpf ugt, %[[X]], %[[BEST]] : f32
// CHECK:           %[[BNUM:.*]] = arith.cmpf ord, %[[BEST]], %[[BEST]] : f32
// CHECK:           %[[BETTER:.*]] = arith.andi %[[GT]], %[[BNUM]] : i1
// CHECK:           %[[Z2:.*]] = arith.constant 0 : i64
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq, %[[II]], %[[Z2]] : i64
// CHECK:           %[[TAKE:.*]] = arith.ori %[[BETTER]], %[[FIRST]] : i1
// CHECK:           %[[NV:.*]] = arith.select %[[TAKE]], %[[X]], %[[BEST]] : f32
// CHECK:           %[[NI:.*]] = arith.select %[[TAKE]], %[[II]], %[[BI]] : i64
// CHECK:           linalg.yield %[[NV]], %[[NI]] : f32, i64
// CHECK:         } -> (tensor<4xf32>, tensor<4xi64>)
// CHECK:         return %[[R]]#1 : tensor<4xi64>
func.func @argmax_f32(%a: tensor<4x5xf32>) -> tensor<4xi64> {
  %r = ag.argmax %a {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// argmin on integers seeds with INT_MAX and compares signed; keepdims.
// CHECK-LABEL: func.func @argmin_i32_keepdims(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xi32>) -> tensor<1x5xi64>
// CHECK:         %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK:         linalg.fill ins(%[[MAX]] : i32) outs(%{{.*}} : tensor<1x5xi32>)
// CHECK:         linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<1x5xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$COLS_KEEP]], #[[$COLS_KEEP]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:         ^bb0(%[[X:.*]]: i32, %[[BEST:.*]]: i32, %{{.*}}: i64):
// CHECK:           linalg.index 0 : index
// CHECK:           arith.cmpi slt, %[[X]], %[[BEST]] : i32
// CHECK:         } -> (tensor<1x5xi32>, tensor<1x5xi64>)
// CHECK:         return %[[R]]#1 : tensor<1x5xi64>
func.func @argmin_i32_keepdims(%a: tensor<4x5xi32>) -> tensor<1x5xi64> {
  %r = ag.argmin %a {axis = 0 : i64, keepdims = true} : tensor<4x5xi32> -> tensor<1x5xi64>
  return %r : tensor<1x5xi64>
}

// argmax on bools compares unsigned (true > false), seeded with false.
// CHECK-LABEL: func.func @argmax_bool(
// CHECK:         %[[FALSE:.*]] = arith.constant false
// CHECK:         linalg.fill ins(%[[FALSE]] : i1)
// CHECK:         ^bb0(%[[X:.*]]: i1, %[[BEST:.*]]: i1, %{{.*}}: i64):
// CHECK:           arith.cmpi ugt, %[[X]], %[[BEST]] : i1
func.func @argmax_bool(%a: tensor<7xi1>) -> tensor<i64> {
  %r = ag.argmax %a {axis = 0 : i64} : tensor<7xi1> -> tensor<i64>
  return %r : tensor<i64>
}

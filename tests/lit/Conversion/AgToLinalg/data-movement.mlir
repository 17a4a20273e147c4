// Views stay views: reshape becomes collapse/expand_shape, positive-step slices and staged
// indexing become tensor.extract_slice, negative steps add a reversing linalg.generic,
// updates and joins become tensor.insert_slice.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG

// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$REV_ROWS:.*]] = affine_map<(d0, d1) -> (-d0 + 9, d1)>
// CHECK-DAG: #[[$REV_BOTH:.*]] = affine_map<(d0, d1) -> (-d0 + 1, -d1 + 2)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$REV5:.*]] = affine_map<(d0) -> (-d0 + 4)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$BCAST:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>

// An array every element of which the code writes: no initial value.
// CHECK-LABEL: func.func @empty(
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT:    return %[[E]] : tensor<4x8xf32>
func.func @empty() -> tensor<4x8xf32> {
  %e = ag.empty : tensor<4x8xf32>
  return %e : tensor<4x8xf32>
}

// Row-major reshape through a flat vector.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
// CHECK:         return %[[R]] : tensor<3x2xf32>
func.func @reshape(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %r = ag.reshape %a : tensor<2x3xf32> -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// To and from 0-d: empty reassociations.
// CHECK-LABEL: func.func @reshape_scalar(
// CHECK-SAME:    %[[S:.*]]: tensor<i64>, %[[M:.*]]: tensor<1x1xi1>)
// CHECK:         tensor.expand_shape %[[S]] [] output_shape [1, 1, 1] : tensor<i64> into tensor<1x1x1xi64>
// CHECK:         tensor.collapse_shape %[[M]] [] : tensor<1x1xi1> into tensor<i1>
func.func @reshape_scalar(%s: tensor<i64>, %m: tensor<1x1xi1>) {
  %0 = ag.reshape %s : tensor<i64> -> tensor<1x1x1xi64>
  %1 = ag.reshape %m : tensor<1x1xi1> -> tensor<i1>
  return
}

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[A:.*]]: tensor<2x?x4xf32>) -> tensor<4x2x?xf32>
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[D:.*]] = tensor.dim %[[A]], %[[C1]] : tensor<2x?x4xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[D]]) : tensor<4x2x?xf32>
// CHECK:         %[[R:.*]] = linalg.transpose ins(%[[A]] : tensor<2x?x4xf32>) outs(%[[E]] : tensor<4x2x?xf32>) permutation = [2, 0, 1]
// CHECK:         return %[[R]]
func.func @transpose(%a: tensor<2x?x4xf32>) -> tensor<4x2x?xf32> {
  %r = ag.transpose %a {permutation = array<i64: 2, 0, 1>} : tensor<2x?x4xf32> -> tensor<4x2x?xf32>
  return %r : tensor<4x2x?xf32>
}

// broadcast_to materialises with a copying generic and a broadcasting input map.
// CHECK-LABEL: func.func @broadcast_to(
// CHECK-SAME:    %[[A:.*]]: tensor<3x1xi64>) -> tensor<2x3x4xi64>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x3x4xi64>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$BCAST]], #[[$ID3]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME:      ins(%[[A]] : tensor<3x1xi64>) outs(%[[E]] : tensor<2x3x4xi64>)
// CHECK:         ^bb0(%[[X:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      linalg.yield %[[X]] : i64
// CHECK:         return %[[R]]
func.func @broadcast_to(%a: tensor<3x1xi64>) -> tensor<2x3x4xi64> {
  %r = ag.broadcast_to %a : tensor<3x1xi64> -> tensor<2x3x4xi64>
  return %r : tensor<2x3x4xi64>
}

// Positive steps: one strided extract_slice, nothing else.
// CHECK-LABEL: func.func @slice_positive(
// CHECK-SAME:    %[[A:.*]]: tensor<10x10xf32>) -> tensor<4x4xf32>
// CHECK:         %[[R:.*]] = tensor.extract_slice %[[A]][1, 0] [4, 4] [2, 3] : tensor<10x10xf32> to tensor<4x4xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]] : tensor<4x4xf32>
func.func @slice_positive(%a: tensor<10x10xf32>) -> tensor<4x4xf32> {
  %r = ag.slice %a {starts = array<i64: 1, 0>, steps = array<i64: 2, 3>} : tensor<10x10xf32> -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// x[::-1, ::2]: the positive-step window [0..9] then a generic reading row 9 - i.
// CHECK-LABEL: func.func @slice_negative_step(
// CHECK-SAME:    %[[A:.*]]: tensor<10x10xf32>) -> tensor<10x5xf32>
// CHECK:         %[[V:.*]] = tensor.extract_slice %[[A]][0, 0] [10, 5] [1, 2] : tensor<10x10xf32> to tensor<10x5xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<10x5xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$REV_ROWS]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[V]] : tensor<10x5xf32>) outs(%[[E]] : tensor<10x5xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[X]] : f32
// CHECK:         return %[[R]] : tensor<10x5xf32>
func.func @slice_negative_step(%a: tensor<10x10xf32>) -> tensor<10x5xf32> {
  %r = ag.slice %a {starts = array<i64: 9, 0>, steps = array<i64: -1, 2>} : tensor<10x10xf32> -> tensor<10x5xf32>
  return %r : tensor<10x5xf32>
}

// x[5:0:-2, 7:0:-3] (rows 5, 3; cols 7, 4, 1): window starts at the last element.
// CHECK-LABEL: func.func @slice_negative_both(
// CHECK-SAME:    %[[A:.*]]: tensor<6x8xi32>) -> tensor<2x3xi32>
// CHECK:         %[[V:.*]] = tensor.extract_slice %[[A]][3, 1] [2, 3] [2, 3] : tensor<6x8xi32> to tensor<2x3xi32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$REV_BOTH]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[V]] : tensor<2x3xi32>)
func.func @slice_negative_both(%a: tensor<6x8xi32>) -> tensor<2x3xi32> {
  %r = ag.slice %a {starts = array<i64: 5, 7>, steps = array<i64: -2, -3>} : tensor<6x8xi32> -> tensor<2x3xi32>
  return %r : tensor<2x3xi32>
}

// A negative step over a single element needs no reversal; an empty window is any
// in-bounds empty window.
// CHECK-LABEL: func.func @slice_trivial(
// CHECK-SAME:    %[[A:.*]]: tensor<6xi64>)
// CHECK:         tensor.extract_slice %[[A]][4] [1] [2] : tensor<6xi64> to tensor<1xi64>
// CHECK:         tensor.extract_slice %[[A]][0] [0] [1] : tensor<6xi64> to tensor<0xi64>
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @slice_trivial(%a: tensor<6xi64>) {
  %0 = ag.slice %a {starts = array<i64: 4>, steps = array<i64: -2>} : tensor<6xi64> -> tensor<1xi64>
  %1 = ag.slice %a {starts = array<i64: 5>, steps = array<i64: -1>} : tensor<6xi64> -> tensor<0xi64>
  return
}

// CHECK-LABEL: func.func @insert_slice(
// CHECK-SAME:    %[[V:.*]]: tensor<5xf32>, %[[X:.*]]: tensor<10xf32>) -> tensor<10xf32>
// CHECK:         %[[R:.*]] = tensor.insert_slice %[[V]] into %[[X]][0] [5] [2] : tensor<5xf32> into tensor<10xf32>
// CHECK:         return %[[R]]
func.func @insert_slice(%v: tensor<5xf32>, %x: tensor<10xf32>) -> tensor<10xf32> {
  %r = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<5xf32> into tensor<10xf32>
  return %r : tensor<10xf32>
}

// x[9::-2] = v: the source is reversed, then inserted at offset 1 with stride 2.
// CHECK-LABEL: func.func @insert_slice_negative_step(
// CHECK-SAME:    %[[V:.*]]: tensor<5xf32>, %[[X:.*]]: tensor<10xf32>) -> tensor<10xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<5xf32>
// CHECK:         %[[REV:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$REV5]], #[[$ID1]]]
// CHECK-SAME:      ins(%[[V]] : tensor<5xf32>) outs(%[[E]] : tensor<5xf32>)
// CHECK:         %[[R:.*]] = tensor.insert_slice %[[REV]] into %[[X]][1] [5] [2] : tensor<5xf32> into tensor<10xf32>
// CHECK:         return %[[R]]
func.func @insert_slice_negative_step(%v: tensor<5xf32>, %x: tensor<10xf32>) -> tensor<10xf32> {
  %r = ag.insert_slice %v into %x {starts = array<i64: 9>, steps = array<i64: -2>} : tensor<5xf32> into tensor<10xf32>
  return %r : tensor<10xf32>
}

// x[i]: the 0-d index is extracted, cast to index, wrapped when negative, clamped into
// [0, 7], and a rank-reducing extract_slice drops the indexed dim.
// CHECK-LABEL: func.func @dynamic_index(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i64>) -> tensor<32xf32>
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK:         %[[RAW:.*]] = tensor.extract %[[I]][] : tensor<i64>
// CHECK:         %[[IDX:.*]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[NEG:.*]] = arith.cmpi slt, %[[IDX]], %[[C0]] : index
// CHECK:         %[[PLUS:.*]] = arith.addi %[[IDX]], %[[C8]] : index
// CHECK:         %[[WRAP:.*]] = arith.select %[[NEG]], %[[PLUS]], %[[IDX]] : index
// CHECK:         %[[LAST:.*]] = arith.subi %[[C8]], %[[C1]] : index
// CHECK:         %[[HI:.*]] = arith.minsi %[[WRAP]], %[[LAST]] : index
// CHECK:         %[[OFF:.*]] = arith.maxsi %[[HI]], %[[C0]] : index
// CHECK:         %[[R:.*]] = tensor.extract_slice %[[X]][%[[OFF]], 0] [1, 32] [1, 1] : tensor<8x32xf32> to tensor<32xf32>
// CHECK:         return %[[R]] : tensor<32xf32>
func.func @dynamic_index(%x: tensor<8x32xf32>, %i: tensor<i64>) -> tensor<32xf32> {
  %r = ag.dynamic_index %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<32xf32>
  return %r : tensor<32xf32>
}

// x[i, j] on a dynamic dim: sizes come from tensor.dim; result is 0-d. The dim may be
// empty when the code runs: then no element is read (the run-time bounds check reports
// the index), an scf.if yields a stand-in instead.
// CHECK-LABEL: func.func @dynamic_index_2d(
// CHECK-SAME:    %[[X:.*]]: tensor<?x5xi1>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>) -> tensor<i1>
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x5xi1>
// CHECK:         %[[EMPTY:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK:         %[[R:.*]] = scf.if %[[EMPTY]] -> (tensor<i1>) {
// CHECK:           linalg.fill
// CHECK:         } else {
// CHECK:           tensor.extract %[[I]][] : tensor<i32>
// CHECK:           arith.index_cast %{{.*}} : i32 to index
// CHECK:           %[[O0:.*]] = arith.maxsi
// CHECK:           tensor.extract %[[J]][] : tensor<i64>
// CHECK:           %[[O1:.*]] = arith.maxsi
// CHECK:           %[[S:.*]] = tensor.extract_slice %[[X]][%[[O0]], %[[O1]]] [1, 1] [1, 1] : tensor<?x5xi1> to tensor<i1>
// CHECK:           scf.yield %[[S]]
// CHECK:         return %[[R]]
func.func @dynamic_index_2d(%x: tensor<?x5xi1>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<i1> {
  %r = ag.dynamic_index %x[%i, %j] : tensor<?x5xi1>, tensor<i32>, tensor<i64> -> tensor<i1>
  return %r : tensor<i1>
}

// x[i:i+3]: the start is clamped into [0, 8 - 3] so the window stays inside.
// CHECK-LABEL: func.func @dynamic_slice(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i32>) -> tensor<3x32xf32>
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK:         %[[RAW:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK:         %[[IDX:.*]] = arith.index_cast %[[RAW]] : i32 to index
// CHECK:         %[[WRAP:.*]] = arith.select
// CHECK:         %[[C3:.*]] = arith.constant 3 : index
// CHECK:         %[[MAXSTART:.*]] = arith.subi %[[C8]], %[[C3]] : index
// CHECK:         %[[HI:.*]] = arith.minsi %[[WRAP]], %[[MAXSTART]] : index
// CHECK:         %[[OFF:.*]] = arith.maxsi %[[HI]], %{{.*}} : index
// CHECK:         %[[R:.*]] = tensor.extract_slice %[[X]][%[[OFF]], 0] [3, 32] [1, 1] : tensor<8x32xf32> to tensor<3x32xf32>
// CHECK:         return %[[R]]
func.func @dynamic_slice(%x: tensor<8x32xf32>, %i: tensor<i32>) -> tensor<3x32xf32> {
  %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i32> -> tensor<3x32xf32>
  return %r : tensor<3x32xf32>
}

// x[i] = v: the same clamped offset, then a rank-extending insert_slice.
// CHECK-LABEL: func.func @dynamic_update(
// CHECK-SAME:    %[[V:.*]]: tensor<32xf32>, %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i64>) -> tensor<8x32xf32>
// CHECK:         tensor.extract %[[I]][] : tensor<i64>
// CHECK:         arith.minsi
// CHECK:         %[[OFF:.*]] = arith.maxsi
// CHECK:         %[[R:.*]] = tensor.insert_slice %[[V]] into %[[X]][%[[OFF]], 0] [1, 32] [1, 1] : tensor<32xf32> into tensor<8x32xf32>
// CHECK:         return %[[R]]
func.func @dynamic_update(%v: tensor<32xf32>, %x: tensor<8x32xf32>, %i: tensor<i64>) -> tensor<8x32xf32> {
  %r = ag.dynamic_update %v into %x[%i] : tensor<32xf32> into tensor<8x32xf32>, tensor<i64>
  return %r : tensor<8x32xf32>
}

// concatenate: an insert_slice chain into one tensor.empty at running offsets.
// CHECK-LABEL: func.func @concatenate(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<4x3xf32>, %[[C:.*]]: tensor<1x3xf32>) -> tensor<7x3xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<7x3xf32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<7x3xf32>
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[B]] into %[[R0]][2, 0] [4, 3] [1, 1] : tensor<4x3xf32> into tensor<7x3xf32>
// CHECK:         %[[R2:.*]] = tensor.insert_slice %[[C]] into %[[R1]][6, 0] [1, 3] [1, 1] : tensor<1x3xf32> into tensor<7x3xf32>
// CHECK:         return %[[R2]] : tensor<7x3xf32>
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<1x3xf32>) -> tensor<7x3xf32> {
  %r = ag.concatenate %a, %b, %c {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32>, tensor<1x3xf32> -> tensor<7x3xf32>
  return %r : tensor<7x3xf32>
}

// CHECK-LABEL: func.func @concatenate_axis1(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xi32>, %[[B:.*]]: tensor<2x1xi32>) -> tensor<2x4xi32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x4xi32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[B]] into %[[R0]][0, 3] [2, 1] [1, 1]
// CHECK:         return %[[R1]]
func.func @concatenate_axis1(%a: tensor<2x3xi32>, %b: tensor<2x1xi32>) -> tensor<2x4xi32> {
  %r = ag.concatenate %a, %b {axis = 1 : i64} : tensor<2x3xi32>, tensor<2x1xi32> -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// stack along axis 0: each input gains a unit dim at the axis (one expand_shape), then
// they are concatenated along it (each a contiguous block of the result).
// CHECK-LABEL: func.func @stack(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>) -> tensor<2x2x3xf32>
// CHECK:         %[[AE:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1], [2]] output_shape [1, 2, 3] : tensor<2x3xf32> into tensor<1x2x3xf32>
// CHECK:         %[[BE:.*]] = tensor.expand_shape %[[B]] {{.*}} into tensor<1x2x3xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x2x3xf32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[AE]] into %[[E]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<1x2x3xf32> into tensor<2x2x3xf32>
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[BE]] into %[[R0]][1, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<1x2x3xf32> into tensor<2x2x3xf32>
// CHECK:         return %[[R1]]
func.func @stack(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x2x3xf32> {
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x2x3xf32>
  return %r : tensor<2x2x3xf32>
}

// stack along an inner axis: one generic over the result selecting input k at index k
// of the axis (slices there would be strided copies, element by element).
// CHECK-LABEL: func.func @stack_inner(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>, %[[C:.*]]: tensor<2x3xf32>) -> tensor<2x3x3xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x3x3xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[DROP1:.*]], #[[DROP1]], #[[DROP1]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%[[A]], %[[B]], %[[C]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[E]] : tensor<2x3x3xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[K:.*]] = linalg.index 1 : index
// CHECK:           %[[IS1:.*]] = arith.cmpi eq, %[[K]], %c1
// CHECK:           %[[S1:.*]] = arith.select %[[IS1]], %[[Y]], %[[Z]] : f32
// CHECK:           %[[IS0:.*]] = arith.cmpi eq, %[[K]], %c0
// CHECK:           %[[S0:.*]] = arith.select %[[IS0]], %[[X]], %[[S1]] : f32
// CHECK:           linalg.yield %[[S0]] : f32
// CHECK-NOT:     tensor.insert_slice
func.func @stack_inner(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3x3xf32> {
  %r = ag.stack %a, %b, %c {axis = 1 : i64} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x3xf32>
  return %r : tensor<2x3x3xf32>
}

// CHECK-LABEL: func.func @stack_last(
// CHECK:         linalg.generic
// CHECK:           linalg.index 1 : index
// CHECK-NOT:     tensor.insert_slice
func.func @stack_last(%a: tensor<5xf64>, %b: tensor<5xf64>) -> tensor<5x2xf64> {
  %r = ag.stack %a, %b {axis = 1 : i64} : tensor<5xf64>, tensor<5xf64> -> tensor<5x2xf64>
  return %r : tensor<5x2xf64>
}

// Stacking scalars: each 0-d input becomes a 1-element vector.
// CHECK-LABEL: func.func @stack_scalars(
// CHECK-SAME:    %[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>) -> tensor<2xi64>
// CHECK:         %[[AE:.*]] = tensor.expand_shape %[[A]] [] output_shape [1] : tensor<i64> into tensor<1xi64>
// CHECK:         %[[BE:.*]] = tensor.expand_shape %[[B]] [] output_shape [1] : tensor<i64> into tensor<1xi64>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2xi64>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[AE]] into %[[E]][0] [1] [1]
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[BE]] into %[[R0]][1] [1] [1]
// CHECK:         return %[[R1]]
func.func @stack_scalars(%a: tensor<i64>, %b: tensor<i64>) -> tensor<2xi64> {
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<i64>, tensor<i64> -> tensor<2xi64>
  return %r : tensor<2xi64>
}

// --- dynamic dims (ag.stage(..., dynamic=)) ------------------------------------------------

// A whole dynamic dim in a slice takes its run-time size; static dims slice as usual.
// CHECK-LABEL: func.func @slice_whole_dynamic_dim(
// CHECK-SAME:    %[[X:.*]]: tensor<?x6xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x6xf32>
// CHECK:         tensor.extract_slice %[[X]][0, 1] [%[[N]], 3] [1, 2] : tensor<?x6xf32> to tensor<?x3xf32>
func.func @slice_whole_dynamic_dim(%x: tensor<?x6xf32>) -> tensor<?x3xf32> {
  %r = ag.slice %x {starts = array<i64: 0, 1>, steps = array<i64: 1, 2>} : tensor<?x6xf32> -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// A dynamic source dim writes as many elements as it has, but no more than the
// destination has room for (the runtime checks that the sizes agree).
// CHECK-LABEL: func.func @insert_slice_whole_dynamic_dim(
// CHECK-SAME:    %[[V:.*]]: tensor<?x1xf32>, %[[X:.*]]: tensor<?x6xf32>)
// CHECK:         arith.divsi
// CHECK:         %[[K:.*]] = arith.minsi
// CHECK:         %[[VV:.*]] = tensor.extract_slice %[[V]][0, 0] [%[[K]], 1] [1, 1]
// CHECK:         tensor.insert_slice %[[VV]] into %[[X]][%{{.*}}, 2] [%[[K]], 1] [1, 1] : tensor<?x1xf32> into tensor<?x6xf32>
func.func @insert_slice_whole_dynamic_dim(%v: tensor<?x1xf32>, %x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %r = ag.insert_slice %v into %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<?x1xf32> into tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// A dynamic source into a static strided window: clamped to the room from the start.
// CHECK-LABEL: func.func @insert_slice_dynamic_into_static(
// CHECK-SAME:    %[[V:.*]]: tensor<?xf32>, %[[X:.*]]: tensor<10xf32>)
// CHECK:         arith.divsi
// CHECK:         %[[K:.*]] = arith.minsi
// CHECK:         tensor.insert_slice %{{.*}} into %[[X]][%{{.*}}] [%[[K]]] [2] : tensor<?xf32> into tensor<10xf32>
func.func @insert_slice_dynamic_into_static(%v: tensor<?xf32>, %x: tensor<10xf32>) -> tensor<10xf32> {
  %r = ag.insert_slice %v into %x {starts = array<i64: 1>, steps = array<i64: 2>} : tensor<?xf32> into tensor<10xf32>
  return %r : tensor<10xf32>
}

// x[i] = v on a dynamic dim: nothing is written when the dim is empty.
// CHECK-LABEL: func.func @dynamic_update_dynamic_dim(
// CHECK-SAME:    %[[V:.*]]: tensor<4xf32>, %[[X:.*]]: tensor<?x4xf32>, %[[I:.*]]: tensor<i64>)
// CHECK:         %[[EMPTY:.*]] = arith.cmpi eq
// CHECK:         %[[R:.*]] = scf.if %[[EMPTY]] -> (tensor<?x4xf32>) {
// CHECK:           scf.yield %[[X]]
// CHECK:         } else {
// CHECK:           %[[W:.*]] = tensor.insert_slice %[[V]] into %[[X]]
// CHECK:           scf.yield %[[W]]
// CHECK:         return %[[R]]
func.func @dynamic_update_dynamic_dim(%v: tensor<4xf32>, %x: tensor<?x4xf32>, %i: tensor<i64>) -> tensor<?x4xf32> {
  %r = ag.dynamic_update %v into %x[%i] : tensor<4xf32> into tensor<?x4xf32>, tensor<i64>
  return %r : tensor<?x4xf32>
}

// Merging neighbouring dims is one collapse_shape; other reshapes go through 1-D, the
// result's one dynamic dim sized by the total over the static ones.
// CHECK-LABEL: func.func @reshape_dynamic_merge(
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<?x2x3xf32> into tensor<?x6xf32>
func.func @reshape_dynamic_merge(%x: tensor<?x2x3xf32>) -> tensor<?x6xf32> {
  %r = ag.reshape %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// CHECK-LABEL: func.func @reshape_dynamic_through_1d(
// CHECK:         %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<?x6xf32> into tensor<?xf32>
// CHECK:         tensor.expand_shape %[[F]] {{\[\[}}0, 1]] output_shape [%{{.*}}, 4] : tensor<?xf32> into tensor<?x4xf32>
func.func @reshape_dynamic_through_1d(%x: tensor<?x6xf32>) -> tensor<?x4xf32> {
  %r = ag.reshape %x : tensor<?x6xf32> -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// A static operand sizes the one dynamic result dim (x.reshape(-2, 3) as numpy 1.24
// reads it): a static reshape, then a cast (tensor.expand_shape would have to size a
// dynamic dim from a static one, which its builder cannot).
// CHECK-LABEL: func.func @reshape_static_to_dynamic(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf64>)
// CHECK:         %[[C:.*]] = tensor.cast %[[X]] : tensor<2x3xf64> to tensor<?x3xf64>
// CHECK:         return %[[C]]
func.func @reshape_static_to_dynamic(%x: tensor<2x3xf64>) -> tensor<?x3xf64> {
  %r = ag.reshape %x : tensor<2x3xf64> -> tensor<?x3xf64>
  return %r : tensor<?x3xf64>
}

// CHECK-LABEL: func.func @reshape_static_split_to_dynamic(
// CHECK:         %[[E:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [2, 3] : tensor<6xf64> into tensor<2x3xf64>
// CHECK:         tensor.cast %[[E]] : tensor<2x3xf64> to tensor<?x3xf64>
func.func @reshape_static_split_to_dynamic(%x: tensor<6xf64>) -> tensor<?x3xf64> {
  %r = ag.reshape %x : tensor<6xf64> -> tensor<?x3xf64>
  return %r : tensor<?x3xf64>
}

// concatenate along a dynamic axis: offsets add up at run time; the other dims take
// the smaller input's size and every input is viewed at it (writes stay in bounds).
// CHECK-LABEL: func.func @concatenate_dynamic(
// CHECK-SAME:    %[[A:.*]]: tensor<?x3xf32>, %[[B:.*]]: tensor<2x?xf32>)
// CHECK:         arith.minsi
// CHECK:         %[[VA:.*]] = tensor.extract_slice %[[A]]
// CHECK:         %[[END:.*]] = arith.addi
// CHECK:         %[[VB:.*]] = tensor.extract_slice %[[B]]
// CHECK:         %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x?xf32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[VA]] into %[[E]][0, 0]
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[VB]] into %[[R0]][%{{.*}}, 0]
// CHECK:         tensor.cast %[[R1]] : tensor<?x?xf32> to tensor<?x3xf32>
func.func @concatenate_dynamic(%a: tensor<?x3xf32>, %b: tensor<2x?xf32>) -> tensor<?x3xf32> {
  %r = ag.concatenate %a, %b {axis = 0 : i64} : tensor<?x3xf32>, tensor<2x?xf32> -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @stack_dynamic(
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [1, %{{.*}}, 3] : tensor<?x3xf32> into tensor<1x?x3xf32>
// CHECK:         tensor.empty(%{{.*}}) : tensor<2x?x3xf32>
func.func @stack_dynamic(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<2x?x3xf32> {
  %r = ag.stack %a, %b {axis = 0 : i64} : tensor<?x3xf32>, tensor<?x3xf32> -> tensor<2x?x3xf32>
  return %r : tensor<2x?x3xf32>
}

// broadcast_to with run-time sizes (np.zeros((x.shape[0], 4)) in converted code): the
// init takes each dynamic dim from its size operand (negative as 0).
// CHECK-LABEL: func.func @broadcast_to_sized(
// CHECK-SAME:    %[[V:.*]]: tensor<f32>, %[[N:.*]]: tensor<i64>)
// CHECK:         %[[S:.*]] = tensor.extract %[[N]][] : tensor<i64>
// CHECK:         %[[I:.*]] = arith.index_cast %[[S]] : i64 to index
// CHECK:         %[[M:.*]] = arith.maxsi %[[I]], %{{.*}} : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x4xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[V]] : tensor<f32>) outs(%[[E]] : tensor<?x4xf32>)
func.func @broadcast_to_sized(%v: tensor<f32>, %n: tensor<i64>) -> tensor<?x4xf32> {
  %r = ag.broadcast_to %v sizes(%n : tensor<i64>) : tensor<f32> -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// A dynamic operand dim meeting a dynamic result dim: both at the smaller size.
// CHECK-LABEL: func.func @broadcast_to_dynamic_operand(
// CHECK-SAME:    %[[X:.*]]: tensor<?x1xf32>, %[[N:.*]]: tensor<i64>)
// CHECK:         %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x1xf32>
// CHECK:         %[[K:.*]] = arith.minsi %{{.*}}, %[[D]] : index
// CHECK:         %[[V:.*]] = tensor.extract_slice %[[X]][0, 0] [%[[K]], 1] [1, 1]
// CHECK:         %[[E:.*]] = tensor.empty(%[[K]]) : tensor<?x6xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[V]] : tensor<?x1xf32>) outs(%[[E]] : tensor<?x6xf32>)
func.func @broadcast_to_dynamic_operand(%x: tensor<?x1xf32>, %n: tensor<i64>) -> tensor<?x6xf32> {
  %r = ag.broadcast_to %x sizes(%n : tensor<i64>) : tensor<?x1xf32> -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// ag.window (x[1:] on a dynamic dim, x[:i] of a staged i): start clamped into [0, n],
// the size to what fits from there, then one strided extract_slice.
// CHECK-LABEL: func.func @window(
// CHECK-SAME:    %[[X:.*]]: tensor<?x6xf32>, %[[S:.*]]: tensor<i64>, %[[Z:.*]]: tensor<i64>, %[[N:.*]]: tensor<i64>)
// CHECK:         %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x6xf32>
// CHECK:         %[[START:.*]] = arith.minsi %{{.*}}, %[[D]] : index
// CHECK:         arith.divsi
// CHECK:         %[[SIZE:.*]] = arith.minsi
// CHECK:         tensor.extract_slice %[[X]][%[[START]], %{{.*}}] [%[[SIZE]], 3] [2, 2] : tensor<?x6xf32> to tensor<?x3xf32>
func.func @window(%x: tensor<?x6xf32>, %s: tensor<i64>, %z: tensor<i64>, %n: tensor<i64>) -> tensor<?x3xf32> {
  %r = ag.window %x[%s, %z] sizes(%n) {steps = array<i64: 2, 2>} : (tensor<?x6xf32>, tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// ag.reshape with run-time sizes (y.reshape(x.shape[0], -1)): through 1-D, then a
// tensor.reshape by a shape tensor (several dynamic dims); sizes that do not multiply to
// the operand's size become 0 (an empty view; the runtime reports the error).
// CHECK-LABEL: func.func @reshape_to_sizes(
// CHECK-SAME:    %[[Y:.*]]: tensor<?x2x3xf32>, %[[N:.*]]: tensor<i64>, %[[M:.*]]: tensor<i64>)
// CHECK:         %[[F:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0, 1, 2]] : tensor<?x2x3xf32> into tensor<?xf32>
// CHECK:         %[[FITS:.*]] = arith.cmpi eq
// CHECK:         %[[A:.*]] = arith.select %[[FITS]]
// CHECK:         %[[B:.*]] = arith.select %[[FITS]]
// CHECK:         %[[SHAPE:.*]] = tensor.from_elements %[[A]], %[[B]] : tensor<2xindex>
// CHECK:         tensor.reshape %[[F]](%[[SHAPE]]) : (tensor<?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
func.func @reshape_to_sizes(%y: tensor<?x2x3xf32>, %n: tensor<i64>, %m: tensor<i64>) -> tensor<?x?xf32> {
  %r = ag.reshape %y sizes(%n, %m : tensor<i64>, tensor<i64>) : tensor<?x2x3xf32> -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// A negative step walks back from the start: the same elements as a forward window from
// the last one, then reversed by a gather (size - 1 - i: a run-time size).
// CHECK-LABEL: func.func @window_backwards(
// CHECK-SAME:    %[[X:.*]]: tensor<?xf32>, %[[S:.*]]: tensor<i64>, %[[N:.*]]: tensor<i64>)
// CHECK:         %[[W:.*]] = tensor.extract_slice %[[X]][%{{.*}}] [%{{.*}}] [2] : tensor<?xf32> to tensor<?xf32>
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<?xf32>)
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[J:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK:           tensor.extract %[[W]][%[[J]]] : tensor<?xf32>
func.func @window_backwards(%x: tensor<?xf32>, %s: tensor<i64>, %n: tensor<i64>) -> tensor<?xf32> {
  %r = ag.window %x[%s] sizes(%n) {steps = array<i64: -2>} : (tensor<?xf32>, tensor<i64>, tensor<i64>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

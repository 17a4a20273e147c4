// ag.gather is one parallel linalg.generic reading the index arrays as inputs and the
// operand with tensor.extract at wrapped coordinates (0 where still out of range: one
// unsigned compare); ag.scatter an ordered
// scf.for nest carrying the destination (tensor.insert per element, an
// extract_slice/generic/insert_slice per row for a combine, computed in the updates'
// dtype and cast back); ag.nonzero a count, a tensor.empty of one more column, and an
// ordered fill without branches. An indexed dim that may be empty guards the read or write with scf.if.
//
// RUN: ag-opt %s -convert-ag-to-linalg -canonicalize -cse | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG
// RUN: ag-opt %s -ag-compile > /dev/null

// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$MID:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[$NONE:.*]] = affine_map<(d0) -> ()>

// CHECK-LABEL: func.func @gather_rows(
// CHECK-SAME:    %[[X:.*]]: tensor<5x7xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C5:.*]] = arith.constant 5 : index
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3x7xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[I]] : tensor<3xi32>) outs(%[[E]] : tensor<3x7xf32>)
// CHECK:         ^bb0(%[[IN:.*]]: i32, %{{.*}}: f32):
// CHECK:           %[[IDX:.*]] = arith.index_cast %[[IN]] : i32 to index
// CHECK:           %[[NEG:.*]] = arith.cmpi slt, %[[IDX]], %[[C0]] : index
// CHECK:           %[[WRAP:.*]] = arith.addi %[[IDX]], %[[C5]] : index
// CHECK:           %[[SEL:.*]] = arith.select %[[NEG]], %[[WRAP]], %[[IDX]] : index
// CHECK:           %[[OUT:.*]] = arith.cmpi uge, %[[SEL]], %[[C5]] : index
// CHECK:           %[[ROW:.*]] = arith.select %[[OUT]], %[[C0]], %[[SEL]] : index
// CHECK:           %[[COL:.*]] = linalg.index 1 : index
// CHECK:           %[[V:.*]] = tensor.extract %[[X]][%[[ROW]], %[[COL]]] : tensor<5x7xf32>
// CHECK:           linalg.yield %[[V]] : f32
func.func @gather_rows(%x: tensor<5x7xf32>, %i: tensor<3xi32>) -> tensor<3x7xf32> {
  %r = ag.gather %x[%i] : (tensor<5x7xf32>, tensor<3xi32>) -> tensor<3x7xf32>
  return %r : tensor<3x7xf32>
}

// Indexed dims in the middle (x[:, i]): the batch dims take their place.
// CHECK-LABEL: func.func @gather_axis(
// CHECK-SAME:    %[[X:.*]]: tensor<2x5x3xi64>, %[[I:.*]]: tensor<4xi64>)
// CHECK:         linalg.generic {indexing_maps = [#[[$MID]], #{{.*}}]
// CHECK-SAME:      ins(%[[I]] : tensor<4xi64>) outs(%{{.*}} : tensor<2x4x3xi64>)
// CHECK:           %[[A:.*]] = linalg.index 0 : index
// CHECK:           %[[B:.*]] = linalg.index 2 : index
// CHECK:           tensor.extract %[[X]][%[[A]], %{{.*}}, %[[B]]] : tensor<2x5x3xi64>
func.func @gather_axis(%x: tensor<2x5x3xi64>, %i: tensor<4xi64>) -> tensor<2x4x3xi64> {
  %r = ag.gather %x[%i] {axis = 1 : i64} : (tensor<2x5x3xi64>, tensor<4xi64>) -> tensor<2x4x3xi64>
  return %r : tensor<2x4x3xi64>
}

// A dynamic indexed dim may be 0: read nothing then.
// CHECK-LABEL: func.func @gather_dynamic(
// CHECK-SAME:    %[[X:.*]]: tensor<?x7xf32>, %[[I:.*]]: tensor<?xi64>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x7xf32>
// CHECK:         %[[EMPTY:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK:         scf.if %[[EMPTY]] -> (tensor<?x7xf32>) {
// CHECK:           linalg.fill
// CHECK:         } else {
// CHECK:           linalg.generic
// CHECK:             tensor.extract %[[X]]
func.func @gather_dynamic(%x: tensor<?x7xf32>, %i: tensor<?xi64>) -> tensor<?x7xf32> {
  %r = ag.gather %x[%i] : (tensor<?x7xf32>, tensor<?xi64>) -> tensor<?x7xf32>
  return %r : tensor<?x7xf32>
}

// Assignment: positions in order, the destination carried, one tensor.insert each.
// CHECK-LABEL: func.func @scatter_assign(
// CHECK-SAME:    %[[V:.*]]: tensor<3xi64>, %[[X:.*]]: tensor<5xi64>, %[[I:.*]]: tensor<3xi64>)
// CHECK:         %[[R:.*]] = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[CUR:.*]] = %[[X]]) -> (tensor<5xi64>) {
// CHECK:           %[[IDX:.*]] = tensor.extract %[[I]][%[[K]]] : tensor<3xi64>
// CHECK:           arith.cmpi uge
// CHECK:           %[[POS:.*]] = arith.select
// CHECK:           %[[U:.*]] = tensor.extract %[[V]][%[[K]]] : tensor<3xi64>
// CHECK:           %[[NEW:.*]] = tensor.insert %[[U]] into %[[CUR]][%[[POS]]] : tensor<5xi64>
// CHECK:           scf.yield %[[NEW]] : tensor<5xi64>
// CHECK:         return %[[R]]
func.func @scatter_assign(%v: tensor<3xi64>, %x: tensor<5xi64>, %i: tensor<3xi64>) -> tensor<5xi64> {
  %r = ag.scatter %v into %x[%i] : (tensor<3xi64>, tensor<5xi64>, tensor<3xi64>) -> tensor<5xi64>
  return %r : tensor<5xi64>
}

// `checked`: the loop also carries whether an index was outside [-5, 5) (the wrapped
// index not below 5, unsigned: numpy's IndexError, raised by the runtime after the op).
// An index in [0, 5) is the common case: one unsigned compare, marked likely, takes
// it as it is and leaves the flag alone; the other side wraps, checks and updates it.
// CHECK-LABEL: func.func @scatter_checked(
// CHECK-SAME:    %[[V:.*]]: tensor<3xf64>, %[[X:.*]]: tensor<5xf64>, %[[I:.*]]: tensor<3xi64>)
// CHECK-DAG:     %[[C5:.*]] = arith.constant 5 : index
// CHECK-DAG:     %[[FALSE:.*]] = arith.constant false
// CHECK-DAG:     %[[TRUE:.*]] = arith.constant true
// CHECK:         %[[R:.*]]:2 = scf.for %[[K:.*]] = %{{.*}} iter_args(%[[CUR:.*]] = %[[X]], %[[BAD:.*]] = %[[FALSE]]) -> (tensor<5xf64>, i1) {
// CHECK:           %[[IDX:.*]] = arith.index_cast
// CHECK:           %[[DIRECT:.*]] = arith.cmpi ult, %[[IDX]], %[[C5]] : index
// CHECK:           %[[LIKELY:.*]] = llvm.intr.expect %[[DIRECT]], %[[TRUE]] : i1
// CHECK:           %[[POS:.*]]:2 = scf.if %[[LIKELY]] -> (index, i1) {
// CHECK:             scf.yield %[[IDX]], %[[BAD]] : index, i1
// CHECK:           } else {
// CHECK:             %[[WRAPPED:.*]] = arith.select {{.*}} : index
// CHECK:             %[[OUT:.*]] = arith.cmpi uge, %[[WRAPPED]], %[[C5]] : index
// CHECK:             %[[CLAMPED:.*]] = arith.select %[[OUT]], %{{.*}}, %[[WRAPPED]] : index
// CHECK:             %[[ANY:.*]] = arith.ori %[[BAD]], %[[OUT]] : i1
// CHECK:             scf.yield %[[CLAMPED]], %[[ANY]] : index, i1
// CHECK:           %[[NEW:.*]] = tensor.insert %{{.*}} into %[[CUR]][%[[POS]]#0]
// CHECK:           scf.yield %[[NEW]], %[[POS]]#1 : tensor<5xf64>, i1
// CHECK:         %[[FLAG:.*]] = tensor.from_elements %[[R]]#1 : tensor<i1>
// CHECK:         return %[[R]]#0, %[[FLAG]]
func.func @scatter_checked(%v: tensor<3xf64>, %x: tensor<5xf64>, %i: tensor<3xi64>) -> (tensor<5xf64>, tensor<i1>) {
  %r, %bad = ag.scatter %v into %x[%i] {checked = true, combine = "add"} : (tensor<3xf64>, tensor<5xf64>, tensor<3xi64>) -> (tensor<5xf64>, tensor<i1>)
  return %r, %bad : tensor<5xf64>, tensor<i1>
}

// `checked` with an indexed dim that may be empty: then nothing is written and the
// flag is whether there was any position at all.
// CHECK-LABEL: func.func @scatter_checked_empty_dim(
// CHECK-SAME:    %[[V:.*]]: tensor<?x2xf32>, %[[X:.*]]: tensor<?x2xf32>, %[[I:.*]]: tensor<?xi64>)
// CHECK:         %[[N:.*]] = arith.minsi
// CHECK:         %[[EMPTY:.*]] = arith.cmpi eq
// CHECK:         %[[R:.*]]:2 = scf.if %[[EMPTY]] -> (tensor<?x2xf32>, i1) {
// CHECK:           %[[ANY:.*]] = arith.cmpi ne, %[[N]], %{{.*}} : index
// CHECK:           scf.yield %[[X]], %[[ANY]] : tensor<?x2xf32>, i1
// CHECK:         } else {
// CHECK:           %[[L:.*]]:2 = scf.for {{.*}} -> (tensor<?x2xf32>, i1) {
// CHECK:             arith.cmpi uge
// CHECK:           scf.yield %[[L]]#0, %[[L]]#1 : tensor<?x2xf32>, i1
// CHECK:         tensor.from_elements %[[R]]#1 : tensor<i1>
func.func @scatter_checked_empty_dim(%v: tensor<?x2xf32>, %x: tensor<?x2xf32>, %i: tensor<?xi64>) -> (tensor<?x2xf32>, tensor<i1>) {
  %r, %bad = ag.scatter %v into %x[%i] {checked = true} : (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?xi64>) -> (tensor<?x2xf32>, tensor<i1>)
  return %r, %bad : tensor<?x2xf32>, tensor<i1>
}

// ufunc.at on rows: float64 updates into int32 rows, added in float64, cast back.
// CHECK-LABEL: func.func @scatter_rows_add(
// CHECK-SAME:    %[[V:.*]]: tensor<2x7xf64>, %[[X:.*]]: tensor<5x7xi32>, %[[I:.*]]: tensor<2xi64>)
// CHECK:         scf.for %[[K:.*]] = %{{.*}} iter_args(%[[CUR:.*]] = %[[X]]) -> (tensor<5x7xi32>) {
// CHECK:           arith.cmpi uge
// CHECK:           %[[POS:.*]] = arith.select
// CHECK:           %[[U:.*]] = tensor.extract_slice %[[V]][%[[K]], 0] [1, 7] [1, 1] : tensor<2x7xf64> to tensor<1x7xf64>
// CHECK:           %[[OLD:.*]] = tensor.extract_slice %[[CUR]][%[[POS]], 0] [1, 7] [1, 1] : tensor<5x7xi32> to tensor<7xi32>
// CHECK:           %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ROW:.*]], #{{.*}}], {{.*}} ins(%[[U]] : tensor<1x7xf64>) outs(%[[OLD]] : tensor<7xi32>)
// CHECK:             arith.sitofp
// CHECK:             arith.addf
// CHECK:             arith.fptosi
// CHECK:           tensor.insert_slice %[[SUM]] into %[[CUR]][%[[POS]], 0] [1, 7] [1, 1] : tensor<7xi32> into tensor<5x7xi32>
func.func @scatter_rows_add(%v: tensor<2x7xf64>, %x: tensor<5x7xi32>, %i: tensor<2xi64>) -> tensor<5x7xi32> {
  %r = ag.scatter %v into %x[%i] {combine = "add"} : (tensor<2x7xf64>, tensor<5x7xi32>, tensor<2xi64>) -> tensor<5x7xi32>
  return %r : tensor<5x7xi32>
}

// Columns (x[:, i] = v): each position writes a column slab.
// CHECK-LABEL: func.func @scatter_axis(
// CHECK-SAME:    %[[V:.*]]: tensor<5x2xf32>, %[[X:.*]]: tensor<5x7xf32>, %[[I:.*]]: tensor<2xi64>)
// CHECK:         scf.for %[[K:.*]] = %{{.*}} iter_args(%[[CUR:.*]] = %[[X]]) -> (tensor<5x7xf32>) {
// CHECK:           arith.cmpi uge
// CHECK:           %[[POS:.*]] = arith.select
// CHECK:           %[[COL:.*]] = tensor.extract_slice %[[V]][0, %[[K]]] [5, 1] [1, 1] : tensor<5x2xf32> to tensor<5x1xf32>
// CHECK:           %[[OLD:.*]] = tensor.extract_slice %[[CUR]][0, %[[POS]]] [5, 1] [1, 1] : tensor<5x7xf32> to tensor<5xf32>
// CHECK:           %[[NEW:.*]] = linalg.generic {{.*}} ins(%[[COL]] : tensor<5x1xf32>) outs(%[[OLD]] : tensor<5xf32>)
// CHECK:           tensor.insert_slice %[[NEW]] into %[[CUR]][0, %[[POS]]] [5, 1] [1, 1] : tensor<5xf32> into tensor<5x7xf32>
func.func @scatter_axis(%v: tensor<5x2xf32>, %x: tensor<5x7xf32>, %i: tensor<2xi64>) -> tensor<5x7xf32> {
  %r = ag.scatter %v into %x[%i] {axis = 1 : i64} : (tensor<5x2xf32>, tensor<5x7xf32>, tensor<2xi64>) -> tensor<5x7xf32>
  return %r : tensor<5x7xf32>
}

// Updates broadcast (x[i] = 0 on rows): a 0-d value read by every position.
// CHECK-LABEL: func.func @scatter_broadcast(
// CHECK-SAME:    %[[Z:.*]]: tensor<f32>, %[[X:.*]]: tensor<5x7xf32>, %[[I:.*]]: tensor<3xi64>)
// CHECK:         scf.for
// CHECK:           %[[OLD:.*]] = tensor.extract_slice %{{.*}}[%{{.*}}, 0] [1, 7] [1, 1] : tensor<5x7xf32> to tensor<7xf32>
// CHECK:           linalg.generic {indexing_maps = [#[[$NONE]], #{{.*}}], iterator_types = ["parallel"]} ins(%[[Z]] : tensor<f32>) outs(%[[OLD]] : tensor<7xf32>)
// CHECK:           tensor.insert_slice
func.func @scatter_broadcast(%z: tensor<f32>, %x: tensor<5x7xf32>, %i: tensor<3xi64>) -> tensor<5x7xf32> {
  %r = ag.scatter %z into %x[%i] : (tensor<f32>, tensor<5x7xf32>, tensor<3xi64>) -> tensor<5x7xf32>
  return %r : tensor<5x7xf32>
}

// Combines on bool are logical: max is or, min is and.
// CHECK-LABEL: func.func @scatter_bool(
// CHECK:         arith.ori
// CHECK:         arith.andi
func.func @scatter_bool(%v: tensor<3xi1>, %x: tensor<5xi1>, %i: tensor<3xi64>) -> tensor<5xi1> {
  %a = ag.scatter %v into %x[%i] {combine = "max"} : (tensor<3xi1>, tensor<5xi1>, tensor<3xi64>) -> tensor<5xi1>
  %b = ag.scatter %v into %a[%i] {combine = "min"} : (tensor<3xi1>, tensor<5xi1>, tensor<3xi64>) -> tensor<5xi1>
  return %b : tensor<5xi1>
}

// The fill has no branch on the mask: every position writes its coordinate at `next`,
// which advances by the mask (an unset position's column is written again by the next
// set one, or is the spare column past the count, sliced off). A 1-D mask fills a 1-D
// buffer, expanded to the result's one row after the slice.
// CHECK-LABEL: func.func @nonzero(
// CHECK-SAME:    %[[M:.*]]: tensor<?xi1>) -> tensor<1x?xi64>
// CHECK:         %[[COUNT:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[M]] : tensor<?xi1>)
// CHECK:           arith.extui
// CHECK:         %[[N:.*]] = tensor.extract %[[COUNT]][] : tensor<i64>
// CHECK:         %[[NI:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK:         %[[SPARE:.*]] = arith.addi %[[NI]], %{{.*}} : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[SPARE]]) : tensor<?xi64>
// CHECK:         %[[R:.*]]:2 = scf.for %[[P:.*]] = %{{.*}} iter_args(%[[CUR:.*]] = %[[E]], %[[NEXT:.*]] = %{{.*}}) -> (tensor<?xi64>, index) {
// CHECK-NOT:       scf.if
// CHECK:           %[[INS:.*]] = tensor.insert %{{.*}} into %[[CUR]][%[[NEXT]]] : tensor<?xi64>
// CHECK:           %[[SET:.*]] = tensor.extract %[[M]][%[[P]]] : tensor<?xi1>
// CHECK:           %[[STEP:.*]] = arith.extui %[[SET]] : i1 to i64
// CHECK:           %[[STEPI:.*]] = arith.index_cast %[[STEP]] : i64 to index
// CHECK:           %[[ADV:.*]] = arith.addi %[[NEXT]], %[[STEPI]] : index
// CHECK:           scf.yield %[[INS]], %[[ADV]] : tensor<?xi64>, index
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[R]]#0[0] [%[[NI]]] [1] : tensor<?xi64> to tensor<?xi64>
// CHECK:         %[[X:.*]] = tensor.expand_shape %[[S]] {{\[\[}}0, 1]] output_shape [1, %[[NI]]] : tensor<?xi64> into tensor<1x?xi64>
// CHECK:         return %[[X]]
func.func @nonzero(%m: tensor<?xi1>) -> tensor<1x?xi64> {
  %r = ag.nonzero %m : tensor<?xi1> -> tensor<1x?xi64>
  return %r : tensor<1x?xi64>
}

// A 2-D mask: one row of coordinates per dim, count + 1 columns, the first count kept.
// CHECK-LABEL: func.func @nonzero_2d(
// CHECK:         %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<2x?xi64>
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK-NOT:         scf.if
// CHECK:             tensor.insert %{{.*}} into %{{.*}}[%c0, %[[NEXT:.*]]] : tensor<2x?xi64>
// CHECK:             tensor.insert %{{.*}} into %{{.*}}[%c1, %[[NEXT]]] : tensor<2x?xi64>
// CHECK:         tensor.extract_slice %{{.*}}[0, 0] [2, %{{.*}}] [1, 1] : tensor<2x?xi64> to tensor<2x?xi64>
func.func @nonzero_2d(%m: tensor<3x4xi1>) -> tensor<2x?xi64> {
  %r = ag.nonzero %m : tensor<3x4xi1> -> tensor<2x?xi64>
  return %r : tensor<2x?xi64>
}

// x[mask] of a whole mask: the count, one more element, and a loop without a branch
// on the mask copying each element to the running count.
// CHECK-LABEL: func.func @compress(
// CHECK-SAME:    %[[X:.*]]: tensor<?xf32>, %[[M:.*]]: tensor<?xi1>) -> tensor<?xf32>
// CHECK:         %[[COUNT:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[M]] : tensor<?xi1>)
// CHECK:         %[[N:.*]] = arith.index_cast
// CHECK:         %[[SPARE:.*]] = arith.addi %[[N]], %{{.*}} : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[SPARE]]) : tensor<?xf32>
// CHECK:         %[[R:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} iter_args(%[[CUR:.*]] = %[[E]], %[[NEXT:.*]] = %{{.*}}) -> (tensor<?xf32>, index) {
// CHECK-NOT:       scf.if
// CHECK:           %[[V:.*]] = tensor.extract %[[X]][%[[I]]] : tensor<?xf32>
// CHECK:           %[[INS:.*]] = tensor.insert %[[V]] into %[[CUR]][%[[NEXT]]] : tensor<?xf32>
// CHECK:           %[[SET:.*]] = tensor.extract %[[M]][%[[I]]] : tensor<?xi1>
// CHECK:           arith.extui %[[SET]]
// CHECK:           scf.yield %[[INS]], %{{.*}} : tensor<?xf32>, index
// CHECK:         tensor.extract_slice %[[R]]#0[0] [%[[N]]] [1] : tensor<?xf32> to tensor<?xf32>
func.func @compress(%x: tensor<?xf32>, %m: tensor<?xi1>) -> tensor<?xf32> {
  %r = ag.compress %x, %m : tensor<?xf32>, tensor<?xi1> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// A 0-d mask has no coordinates: only the count.
// CHECK-LABEL: func.func @nonzero_scalar(
// CHECK:         %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<0x?xi64>
// CHECK-NOT:     scf.for
// CHECK:         return %[[E]]
func.func @nonzero_scalar(%m: tensor<i1>) -> tensor<0x?xi64> {
  %r = ag.nonzero %m : tensor<i1> -> tensor<0x?xi64>
  return %r : tensor<0x?xi64>
}

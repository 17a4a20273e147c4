// RUN: ag-opt %s --ag-reduction-inits | FileCheck %s
// RUN: ag-opt %s --ag-bufferize | FileCheck %s --check-prefix=BUF

// A reduction over an empty domain is its initial value, also when its payload (folded
// by canonicalization) no longer reads the accumulator: One-Shot Bufferize would
// otherwise leave the result buffer unfilled (np.all(x.astype(bool)[:0] > 3) was False).

#id = affine_map<(d0) -> (d0)>
#all = affine_map<(d0) -> ()>

// CHECK-LABEL: func.func @statically_empty
// CHECK-NOT:     linalg.generic
// CHECK:         return %arg1
// BUF-LABEL:   func.func @statically_empty
// BUF-NOT:       linalg.generic
// BUF:           memref.copy %arg1, %[[R:.*]] :
// BUF:           return %[[R]]
func.func @statically_empty(%x: tensor<0xi1>, %init: tensor<i1>) -> tensor<i1> {
  %false = arith.constant false
  %r = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%x : tensor<0xi1>) outs(%init : tensor<i1>) {
  ^bb0(%in: i1, %acc: i1):
    linalg.yield %false : i1
  } -> tensor<i1>
  return %r : tensor<i1>
}

// CHECK-LABEL: func.func @maybe_empty
// CHECK:         %[[N:.*]] = tensor.dim %arg0, %{{.*}}
// CHECK:         %[[EMPTY:.*]] = arith.cmpi eq, %[[N]], %{{.*}}
// CHECK:         %[[R:.*]] = scf.if %[[EMPTY]] -> (tensor<i1>) {
// CHECK-NEXT:      scf.yield %arg1
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[G:.*]] = linalg.generic
// CHECK:           scf.yield %[[G]]
// CHECK:         return %[[R]]
// BUF-LABEL:   func.func @maybe_empty
// BUF:           scf.if
// BUF-NEXT:        scf.yield %arg1
func.func @maybe_empty(%x: tensor<?xi1>, %init: tensor<i1>) -> tensor<i1> {
  %false = arith.constant false
  %r = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%x : tensor<?xi1>) outs(%init : tensor<i1>) {
  ^bb0(%in: i1, %acc: i1):
    linalg.yield %false : i1
  } -> tensor<i1>
  return %r : tensor<i1>
}

// Never empty, or a payload that reads the accumulator: unchanged.
// CHECK-LABEL: func.func @never_empty
// CHECK-NOT:     scf.if
// CHECK:         linalg.generic
// CHECK-LABEL: func.func @reads_accumulator
// CHECK-NOT:     scf.if
// CHECK:         linalg.generic
func.func @never_empty(%x: tensor<4xi1>, %init: tensor<i1>) -> tensor<i1> {
  %false = arith.constant false
  %r = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%x : tensor<4xi1>) outs(%init : tensor<i1>) {
  ^bb0(%in: i1, %acc: i1):
    linalg.yield %false : i1
  } -> tensor<i1>
  return %r : tensor<i1>
}

func.func @reads_accumulator(%x: tensor<?xi1>, %init: tensor<i1>) -> tensor<i1> {
  %r = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%x : tensor<?xi1>) outs(%init : tensor<i1>) {
  ^bb0(%in: i1, %acc: i1):
    %a = arith.andi %in, %acc : i1
    linalg.yield %a : i1
  } -> tensor<i1>
  return %r : tensor<i1>
}

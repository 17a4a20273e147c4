// RUN: ag-opt %s --ag-folded-payloads | FileCheck %s
// RUN: ag-opt %s --ag-bufferize | FileCheck %s --check-prefix=BUF

// Linalg ops whose payload canonicalization folded to ignore their operands. A reduction
// over an empty domain is its initial value, also when its payload no longer reads the
// accumulator: One-Shot Bufferize would otherwise leave the result buffer unfilled
// (np.all(x.astype(bool)[:0] > 3) was False). A parallel generic yielding a value from
// outside its payload is a fill: on one buffer as input and output, upstream's
// EraseIdentityLinalgOp erased it (t[:] = np.logical_xor(t, t) left t unchanged).

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

// t[:] = np.logical_xor(t, t) after folding: a fill, kept through bufferization where
// its input and output are one buffer.
// CHECK-LABEL: func.func @yields_a_constant
// CHECK:         linalg.generic {{.*}}["reduction", "parallel"]
// CHECK:         %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[F]]
// BUF-LABEL:   func.func @yields_a_constant
// BUF:           linalg.generic {{.*}}["reduction", "parallel"]
// BUF:           linalg.fill ins(%{{.*}} : f32) outs(%[[BUF:.*]] : memref<3xf32>)
// BUF:           return %[[BUF]]
#rows = affine_map<(d0, d1) -> (d0, d1)>
#cols = affine_map<(d0, d1) -> (d1)>
func.func @yields_a_constant(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<3xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<3xf32>) -> tensor<3xf32>
  %t = linalg.generic {indexing_maps = [#rows, #cols], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<2x3xf32>) outs(%z : tensor<3xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : tensor<3xf32>) outs(%e : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %cst : f32
  } -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// XFAIL: *
// BUG: dynamic_index / dynamic_slice / dynamic_update accept an empty index list (the
// verifier allows zero indices: `Variadic<Ag_IndexTensor>`), but their printed form
// `%x[] : tensor<8xf32>,  -> tensor<8xf32>` cannot be parsed back ("expected non-function
// type"): the assembly format always prints the `,` before the (empty) index types.
// Expected: the printed form round-trips (or the verifier rejects zero indices).
//
// RUN: ag-opt %s | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @no_indices(
// CHECK:         ag.dynamic_index
// CHECK:         ag.dynamic_slice
// CHECK:         ag.dynamic_update
func.func @no_indices(%x: tensor<8xf32>) {
  %a = "ag.dynamic_index"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %b = "ag.dynamic_slice"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %c = "ag.dynamic_update"(%x, %x) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

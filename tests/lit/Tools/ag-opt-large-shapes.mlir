// Shapes just below numpy's size limit are legal: they round-trip and compile (sizes are
// computed in 64 bits without wrapping). The rejected side of the limit is in
// ag-opt-absurd-shapes.mlir.
//
// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s -ag-compile | FileCheck %s --check-prefix=LLVM

// (2^60 - 1) float64 elements: 2^63 - 8 bytes.
// CHECK-LABEL: func.func @largest_f64(
// CHECK:         ag.neg %{{.*}} : tensor<1152921504606846975xf64> -> tensor<1152921504606846975xf64>
// LLVM-LABEL:  llvm.func @largest_f64(
// LLVM:          llvm.fneg
// LLVM:          llvm.return
func.func @largest_f64(%a: tensor<1152921504606846975xf64>) -> tensor<1152921504606846975xf64> {
  %r = ag.neg %a : tensor<1152921504606846975xf64> -> tensor<1152921504606846975xf64>
  return %r : tensor<1152921504606846975xf64>
}

// bool is one byte per element: 2^63 - 1 elements fit.
// CHECK-LABEL: func.func @largest_bool(
// CHECK:         ag.logical_not %{{.*}} : tensor<9223372036854775807xi1> -> tensor<9223372036854775807xi1>
// LLVM-LABEL:  llvm.func @largest_bool(
// LLVM:          llvm.xor
func.func @largest_bool(%a: tensor<9223372036854775807xi1>) -> tensor<9223372036854775807xi1> {
  %r = ag.logical_not %a : tensor<9223372036854775807xi1> -> tensor<9223372036854775807xi1>
  return %r : tensor<9223372036854775807xi1>
}

// A zero-size dim makes any other dim legal.
// CHECK-LABEL: func.func @empty_but_wide(
// CHECK:         ag.sum %{{.*}} {axes = array<i64: 1>} : tensor<0x9223372036854775807xi32> -> tensor<0xi32>
func.func @empty_but_wide(%a: tensor<0x9223372036854775807xi32>) {
  %r = ag.sum %a {axes = array<i64: 1>} : tensor<0x9223372036854775807xi32> -> tensor<0xi32>
  return
}

// Regression (fixed): the slice window check computes `start + (count - 1) * step` in int64 without
// overflow checks. Here 0 + 2 * (-9223372036854775806) wraps to 4, so the verifier
// accepts a window whose elements 2 and 3 lie far outside the operand; the lowering then
// emits tensor.extract_slice %x[4] [3] [9223372036854775806] (out-of-bounds reads).
// Expected: the window is rejected like any other out-of-bounds slice.
//
// RUN: ag-opt %s -split-input-file -verify-diagnostics

func.func @slice_step_overflow(%a: tensor<10xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ag.slice' op window along dimension 0}}
  %r = ag.slice %a {starts = array<i64: 0>, steps = array<i64: -9223372036854775806>} : tensor<10xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @insert_slice_step_overflow(%v: tensor<3xf32>, %a: tensor<10xf32>) -> tensor<10xf32> {
  // expected-error @+1 {{'ag.insert_slice' op window along dimension 0}}
  %r = ag.insert_slice %v into %a {starts = array<i64: 0>, steps = array<i64: -9223372036854775806>} : tensor<3xf32> into tensor<10xf32>
  return %r : tensor<10xf32>
}

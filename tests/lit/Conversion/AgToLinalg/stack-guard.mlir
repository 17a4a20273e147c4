// ag.stack_guard becomes a call of the runtime's stack check (declared once per module,
// with the C interface the JIT looks up); its i1 result is wrapped as the 0-d tensor.
//
// RUN: ag-opt %s --convert-ag-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @guards(
// CHECK:         %[[ID:.*]] = arith.constant 4 : i64
// CHECK:         %[[OK:.*]] = call @ag_rt_stack_ok(%[[ID]]) : (i64) -> i1
// CHECK:         %[[T:.*]] = tensor.from_elements %[[OK]] : tensor<i1>
// CHECK:         %[[ID2:.*]] = arith.constant 5 : i64
// CHECK:         %[[OK2:.*]] = call @ag_rt_stack_ok(%[[ID2]]) : (i64) -> i1
// CHECK:         %[[T2:.*]] = tensor.from_elements %[[OK2]] : tensor<i1>
// CHECK:         return %[[T]], %[[T2]] : tensor<i1>, tensor<i1>
// CHECK-NOT:     ag.stack_guard
// CHECK:       func.func private @ag_rt_stack_ok(i64) -> i1 attributes {llvm.emit_c_interface}
// CHECK-NOT:   func.func private @ag_rt_stack_ok
func.func @guards() -> (tensor<i1>, tensor<i1>) {
  %ok = ag.stack_guard {callback = 4 : i64} : tensor<i1>
  %ok2 = ag.stack_guard {callback = 5 : i64} : tensor<i1>
  return %ok, %ok2 : tensor<i1>, tensor<i1>
}

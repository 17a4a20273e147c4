// ag.print and ag.assert stay through ag-to-linalg and become host calls during
// bufferization: each printed value as an unranked memref, then print_end; a failed
// assert calls ag_rt_fail under an scf.if.
// RUN: ag-opt %s -split-input-file | ag-opt | FileCheck %s --check-prefix=ROUNDTRIP
// RUN: ag-opt %s --ag-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// ROUNDTRIP-LABEL: func.func @f(
// ROUNDTRIP: ag.print %{{.*}}, %{{.*}} {callback = 3 : i64} : tensor<4xf32>, tensor<i64>
// ROUNDTRIP: ag.assert %{{.*}} {callback = 4 : i64} : tensor<i1>

// LINALG-LABEL: func.func @f(
// LINALG: linalg.generic
// LINALG: ag.print
// LINALG: ag.assert

// CHECK-LABEL: func.func @f(
// CHECK-DAG: %[[ID:.*]] = arith.constant 3 : i64
// CHECK: %[[U:.*]] = memref.cast %{{.*}} : memref<4xf32> to memref<*xf32>
// CHECK: call @ag_rt_print_f32(%[[ID]], %[[U]]) : (i64, memref<*xf32>) -> ()
// CHECK: call @ag_rt_print_i64(%[[ID]], %{{.*}}) : (i64, memref<*xi64>) -> ()
// CHECK: call @ag_rt_print_end(%[[ID]]) : (i64) -> ()
// CHECK: %[[OK:.*]] = memref.load %{{.*}}[] : memref<i1>
// CHECK: %[[BAD:.*]] = arith.xori %[[OK]], %{{.*}} : i1
// CHECK: scf.if %[[BAD]] {
// CHECK:   call @ag_rt_fail(%{{.*}}) : (i64) -> ()
// CHECK-DAG: func.func private @ag_rt_print_f32(i64, memref<*xf32>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @ag_rt_fail(i64) attributes {llvm.emit_c_interface}

// LLVM: llvm.call @_mlir_ciface_ag_rt_print_f32
// LLVM: llvm.call @_mlir_ciface_ag_rt_print_end
// LLVM: llvm.call @_mlir_ciface_ag_rt_fail
func.func @f(%x: tensor<4xf32>, %n: tensor<i64>) -> tensor<4xf32> {
  %y = ag.add %x, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  ag.print %y, %n {callback = 3 : i64} : tensor<4xf32>, tensor<i64>
  %z = ag.constant dense<0> : tensor<i64>
  %ok = ag.gt %n, %z : tensor<i64>, tensor<i64> -> tensor<i1>
  ag.assert %ok {callback = 4 : i64} : tensor<i1>
  return %y : tensor<4xf32>
}

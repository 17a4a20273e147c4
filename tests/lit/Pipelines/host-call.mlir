// ag.host_call (a np.random draw made at run time) stays through ag-to-linalg --
// canonicalization, CSE and loop-invariant hoisting must keep every call where it is,
// because each advances the host's generator -- and becomes host calls during
// bufferization: the result is allocated at its run-time size (a negative size clamped
// to 0), each argument is passed to ag_rt_host_arg_<dtype>, then the result buffer to
// ag_rt_host_call_<dtype>, which fills it.
// RUN: ag-opt %s --ag-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// Two identical draws stay two; an unused draw still draws; order with print is kept.
// LINALG-LABEL: func.func @draws(
// LINALG:         %[[A:.*]] = ag.host_call(%{{.*}}, %{{.*}}) sizes(%{{.*}}) {callback = 7 : i64}
// LINALG-NEXT:    %[[B:.*]] = ag.host_call(%{{.*}}, %{{.*}}) sizes(%{{.*}}) {callback = 7 : i64}
// LINALG-NEXT:    ag.host_call() sizes() {callback = 8 : i64} : () -> tensor<f64>
// LINALG-NEXT:    ag.print
// LINALG-NEXT:    ag.host_call() sizes() {callback = 9 : i64} : () -> tensor<f64>
// LINALG:         return %[[A]], %[[B]]

// CHECK-LABEL: func.func @draws(
// CHECK-SAME:    %[[LOC:.*]]: memref<3xf64>, %[[N:.*]]: memref<i64>)
// CHECK-DAG:     %[[ID:.*]] = arith.constant 7 : i64
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : index
// CHECK:         %[[LOADED:.*]] = memref.load %[[N]][] : memref<i64>
// CHECK:         %[[SIZE:.*]] = arith.index_cast %[[LOADED]] : i64 to index
// CHECK:         %[[CLAMPED:.*]] = arith.maxsi %[[SIZE]], %[[ZERO]] : index
// CHECK:         %[[A:.*]] = memref.alloc(%[[CLAMPED]]) {{.*}} : memref<?x3xf64>
// CHECK:         %[[LOCU:.*]] = memref.cast %[[LOC]] : memref<3xf64> to memref<*xf64>
// CHECK:         call @ag_rt_host_arg_f64(%[[ID]], %[[LOCU]]) : (i64, memref<*xf64>) -> ()
// CHECK:         %[[NU:.*]] = memref.cast %[[N]] : memref<i64> to memref<*xi64>
// CHECK:         call @ag_rt_host_arg_i64(%[[ID]], %[[NU]]) : (i64, memref<*xi64>) -> ()
// CHECK:         %[[AU:.*]] = memref.cast %[[A]] : memref<?x3xf64> to memref<*xf64>
// CHECK:         call @ag_rt_host_call_f64(%[[ID]], %[[AU]]) : (i64, memref<*xf64>) -> ()
// CHECK:         %[[B:.*]] = memref.alloc({{.*}}) {{.*}} : memref<?x3xf64>
// CHECK:         call @ag_rt_host_arg_f64(%[[ID]], %[[LOCU]])
// CHECK:         call @ag_rt_host_arg_i64(%[[ID]], %[[NU]])
// CHECK:         call @ag_rt_host_call_f64(%[[ID]], %{{.*}})
// CHECK:         call @ag_rt_host_call_f64(%{{.*}}, %{{.*}}) : (i64, memref<*xf64>) -> ()
// CHECK:         call @ag_rt_print_f64
// CHECK:         call @ag_rt_print_end
// CHECK:         call @ag_rt_host_call_f64(%{{.*}}, %{{.*}}) : (i64, memref<*xf64>) -> ()
// CHECK:         return %[[A]], %[[B]]

// LLVM-LABEL: llvm.func @draws(
// LLVM:         llvm.call @_mlir_ciface_ag_rt_host_arg_f64
// LLVM:         llvm.call @_mlir_ciface_ag_rt_host_arg_i64
// LLVM:         llvm.call @_mlir_ciface_ag_rt_host_call_f64
func.func @draws(%loc: tensor<3xf64>, %n: tensor<i64>) -> (tensor<?x3xf64>, tensor<?x3xf64>) {
  %a = ag.host_call(%loc, %n) sizes(%n) {callback = 7 : i64}
      : (tensor<3xf64>, tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
  %b = ag.host_call(%loc, %n) sizes(%n) {callback = 7 : i64}
      : (tensor<3xf64>, tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
  %unused = ag.host_call() sizes() {callback = 8 : i64} : () -> tensor<f64>
  ag.print %loc {callback = 3 : i64} : tensor<3xf64>
  %after = ag.host_call() sizes() {callback = 9 : i64} : () -> tensor<f64>
  return %a, %b : tensor<?x3xf64>, tensor<?x3xf64>
}

// A draw in a loop body takes no operand the loop changes, yet stays in the loop: one
// draw per iteration.
// LINALG-LABEL: func.func @loop(
// LINALG:         scf.for
// LINALG:           ag.host_call() sizes() {callback = 10 : i64} : () -> tensor<4xf32>
// LINALG:           linalg.generic
// LINALG:           scf.yield

// CHECK-LABEL: func.func @loop(
// CHECK:         scf.for
// CHECK:           memref.alloc() {{.*}} : memref<4xf32>
// CHECK:           call @ag_rt_host_call_f32(
// CHECK:           scf.yield
// CHECK-DAG:   func.func private @ag_rt_host_arg_f64(i64, memref<*xf64>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_rt_host_call_f64(i64, memref<*xf64>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_rt_host_call_f32(i64, memref<*xf32>) attributes {llvm.emit_c_interface}
func.func @loop(%x: tensor<4xf32>, %n: tensor<i64>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %nv = tensor.extract %n[] : tensor<i64>
  %ub = arith.index_cast %nv : i64 to index
  %r = scf.for %i = %c0 to %ub step %c1 iter_args(%acc = %x) -> (tensor<4xf32>) {
    %d = ag.host_call() sizes() {callback = 10 : i64} : () -> tensor<4xf32>
    %s = ag.add %acc, %d : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    scf.yield %s : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

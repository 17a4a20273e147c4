// ag.sort and ag.argsort stay through ag-to-linalg (a sort has no linalg form; the ops
// are pure, so an unused sort is dropped and equal sorts are merged) and become calls
// of the sort kernels during bufferization: the result is a new buffer; ag.sort copies
// the operand into it and ag_sort_<dtype> sorts it in place along the axis with the
// kind; ag.argsort hands the operand (read only) and the int64 result to
// ag_argsort_<dtype>. Both pass unranked memrefs, which carry the strides.
//
// RUN: ag-opt %s --ag-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// LINALG-LABEL: func.func @sorts(
// LINALG:         %[[S:.*]] = ag.sort %{{.*}} {axis = 1 : i64, kind = 1 : i64} : tensor<3x4xf64> -> tensor<3x4xf64>
// LINALG-NEXT:    %[[A:.*]] = ag.argsort %{{.*}} {axis = 0 : i64, kind = 2 : i64} : tensor<3x4xf64> -> tensor<3x4xi64>
// LINALG-NEXT:    return %[[S]], %[[A]], %[[S]]

// CHECK-LABEL: func.func @sorts(
// CHECK-SAME:    %[[X:.*]]: memref<3x4xf64>)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : i64
// CHECK:         %[[S:.*]] = memref.alloc() {{.*}} : memref<3x4xf64>
// CHECK:         memref.copy %[[X]], %[[S]]
// CHECK:         %[[SU:.*]] = memref.cast %[[S]] : memref<3x4xf64> to memref<*xf64>
// CHECK:         call @ag_sort_f64(%[[SU]], %[[C1]], %[[C1]]) : (memref<*xf64>, i64, i64) -> ()
// CHECK:         %[[A:.*]] = memref.alloc() {{.*}} : memref<3x4xi64>
// CHECK:         %[[XU:.*]] = memref.cast %[[X]] : memref<3x4xf64> to memref<*xf64>
// CHECK:         %[[AU:.*]] = memref.cast %[[A]] : memref<3x4xi64> to memref<*xi64>
// CHECK:         call @ag_argsort_f64(%[[XU]], %[[AU]], %[[C0]], %[[C2]]) : (memref<*xf64>, memref<*xi64>, i64, i64) -> ()

// LLVM-LABEL: llvm.func @sorts(
// LLVM:         llvm.call @ag_sort_f64(
// LLVM:         llvm.call @ag_argsort_f64(
func.func @sorts(%x: tensor<3x4xf64>) -> (tensor<3x4xf64>, tensor<3x4xi64>, tensor<3x4xf64>) {
  %s = ag.sort %x {axis = 1 : i64, kind = 1 : i64} : tensor<3x4xf64> -> tensor<3x4xf64>
  %a = ag.argsort %x {axis = 0 : i64, kind = 2 : i64} : tensor<3x4xf64> -> tensor<3x4xi64>
  %same = ag.sort %x {axis = 1 : i64, kind = 1 : i64} : tensor<3x4xf64> -> tensor<3x4xf64>
  %unused = ag.argsort %x {axis = 1 : i64} : tensor<3x4xf64> -> tensor<3x4xi64>
  return %s, %a, %same : tensor<3x4xf64>, tensor<3x4xi64>, tensor<3x4xf64>
}

// Dynamic dims: the result is allocated at the operand's run-time size; bool and int32
// get their own kernels.
// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME:    %[[X:.*]]: memref<?x3xi32>, %[[B:.*]]: memref<5xi1>)
// CHECK:         %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?x3xi32>
// CHECK:         memref.alloc(%[[N]]) {{.*}} : memref<?x3xi64>
// CHECK:         call @ag_argsort_i32(
// CHECK:         call @ag_sort_i1(
func.func @dynamic(%x: tensor<?x3xi32>, %b: tensor<5xi1>) -> (tensor<?x3xi64>, tensor<5xi1>) {
  %a = ag.argsort %x {axis = 0 : i64} : tensor<?x3xi32> -> tensor<?x3xi64>
  %s = ag.sort %b {axis = 0 : i64} : tensor<5xi1> -> tensor<5xi1>
  return %a, %s : tensor<?x3xi64>, tensor<5xi1>
}

// Partitions pass their kth to the kernel in a small buffer of constants.
// CHECK-LABEL: func.func @partitions(
// CHECK-SAME:    %[[X:.*]]: memref<6xf32>)
// CHECK:         %[[P:.*]] = memref.alloc() {{.*}} : memref<6xf32>
// CHECK:         %[[K:.*]] = memref.alloc() {{.*}} : memref<2xi64>
// CHECK:         memref.store %{{.*}}, %[[K]][%{{.*}}] : memref<2xi64>
// CHECK:         memref.store %{{.*}}, %[[K]][%{{.*}}] : memref<2xi64>
// CHECK:         %[[KU:.*]] = memref.cast %[[K]] : memref<2xi64> to memref<*xi64>
// CHECK:         memref.copy %[[X]], %[[P]]
// CHECK:         %[[PU:.*]] = memref.cast %[[P]] : memref<6xf32> to memref<*xf32>
// CHECK:         call @ag_partition_f32(%[[PU]], %{{.*}}, %[[KU]]) : (memref<*xf32>, i64, memref<*xi64>) -> ()
// CHECK:         call @ag_argpartition_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<*xf32>, memref<*xi64>, i64, memref<*xi64>) -> ()
// CHECK:         memref.dealloc %[[K]]
// LLVM-LABEL: llvm.func @partitions(
// LLVM:         llvm.call @ag_partition_f32(
// LLVM:         llvm.call @ag_argpartition_f32(
// The C-interface wrappers call the kernels by their _mlir_ciface_ names.
// LLVM-DAG:     llvm.call @_mlir_ciface_ag_sort_f64(
// LLVM-DAG:     llvm.call @_mlir_ciface_ag_partition_f32(
// LLVM-DAG:     llvm.call @_mlir_ciface_ag_order_statistics_f64(
func.func @partitions(%x: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xi64>) {
  %p = ag.partition %x {axis = 0 : i64, kth = array<i64: 1, 4>} : tensor<6xf32> -> tensor<6xf32>
  %a = ag.argpartition %x {axis = 0 : i64, kth = array<i64: 5>} : tensor<6xf32> -> tensor<6xi64>
  return %p, %a : tensor<6xf32>, tensor<6xi64>
}

// Order statistics: the operand read where it is (no copy), the result (len(kth) along
// the axis, the operand's other dims) a new buffer, kth in a buffer of constants.
// CHECK-LABEL: func.func @order_statistics(
// CHECK-SAME:    %[[X:.*]]: memref<?x7xf64>)
// CHECK:         %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?x7xf64>
// CHECK:         %[[R:.*]] = memref.alloc(%[[N]]) {{.*}} : memref<?x3xf64>
// CHECK:         %[[K:.*]] = memref.alloc() {{.*}} : memref<3xi64>
// CHECK-NOT:     memref.copy
// CHECK:         %[[XU:.*]] = memref.cast %[[X]] : memref<?x7xf64> to memref<*xf64>
// CHECK:         %[[RU:.*]] = memref.cast %[[R]] : memref<?x3xf64> to memref<*xf64>
// CHECK:         call @ag_order_statistics_f64(%[[XU]], %[[RU]], %{{.*}}, %{{.*}}) : (memref<*xf64>, memref<*xf64>, i64, memref<*xi64>) -> ()
func.func @order_statistics(%x: tensor<?x7xf64>) -> tensor<?x3xf64> {
  %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 0, 3, 6>} : tensor<?x7xf64> -> tensor<?x3xf64>
  return %r : tensor<?x3xf64>
}

// searchsorted: operands by pointer, `right` as an i1, the int64 result last.
// CHECK-LABEL: func.func @search(
// CHECK-SAME:    %[[A:.*]]: memref<8xf64>, %[[V:.*]]: memref<5xf64>, %[[S:.*]]: memref<8xi64>)
// CHECK:         %[[R:.*]] = memref.alloc() {{.*}} : memref<5xi64>
// CHECK:         call @ag_searchsorted_f64(%{{.*}}, %{{.*}}, %false, %{{.*}}) : (memref<*xf64>, memref<*xf64>, i1, memref<*xi64>) -> ()
// CHECK:         call @ag_searchsorted_sorter_f64(%{{.*}}, %{{.*}}, %{{.*}}, %true, %{{.*}}) : (memref<*xf64>, memref<*xf64>, memref<*xi64>, i1, memref<*xi64>) -> ()
func.func @search(%a: tensor<8xf64>, %v: tensor<5xf64>, %s: tensor<8xi64>) -> (tensor<5xi64>, tensor<5xi64>) {
  %r = ag.searchsorted %a, %v : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
  %t = ag.searchsorted %a, %v sorter(%s : tensor<8xi64>) {right = true} : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
  return %r, %t : tensor<5xi64>, tensor<5xi64>
}

// Each kernel is declared once per module, with the C interface the JIT binds to
// _mlir_ciface_ag_*.
// CHECK-DAG:   func.func private @ag_sort_f64(memref<*xf64>, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_argsort_f64(memref<*xf64>, memref<*xi64>, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_argsort_i32(memref<*xi32>, memref<*xi64>, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_sort_i1(memref<*xi1>, i64, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_partition_f32(memref<*xf32>, i64, memref<*xi64>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_argpartition_f32(memref<*xf32>, memref<*xi64>, i64, memref<*xi64>) attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @ag_order_statistics_f64(memref<*xf64>, memref<*xf64>, i64, memref<*xi64>) attributes {llvm.emit_c_interface}

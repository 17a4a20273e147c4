// The full ag-compile pipeline (ag -> linalg -> bufferized -> LLVM dialect) leaves only
// llvm dialect ops: every ag, linalg, tensor, memref, arith, math, scf, cf, func and cast
// op has been lowered.
//
// RUN: ag-opt %s -ag-compile | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -ag-compile | FileCheck %s --check-prefix=ONLYLLVM

// ONLYLLVM-NOT: {{[ ]ag\.}}
// ONLYLLVM-NOT: linalg.
// ONLYLLVM-NOT: tensor
// ONLYLLVM-NOT: {{[ ]memref\.|memref<}}
// ONLYLLVM-NOT: bufferization.
// ONLYLLVM-NOT: {{[ ]arith\.}}
// ONLYLLVM-NOT: {{[ ]math\.}}
// ONLYLLVM-NOT: {{[ ]scf\.}}
// ONLYLLVM-NOT: {{[ ]cf\.}}
// ONLYLLVM-NOT: {{[ ]affine\.}}
// ONLYLLVM-NOT: {{[ ]vector\.}}
// ONLYLLVM-NOT: {{[ ]index\.}}
// ONLYLLVM-NOT: func.func
// ONLYLLVM-NOT: {{[ ]func\.}}
// ONLYLLVM-NOT: unrealized_conversion_cast
// ONLYLLVM-NOT: @malloc
// ONLYLLVM-NOT: @free

// Functions keep their names and take memref descriptors (allocated ptr, aligned ptr,
// offset, sizes, strides) as LLVM values; results come back as descriptor structs.
// CHECK: module {
// Heap buffers come from the runtime's allocation functions (ag_abi.h), never malloc:
// a failed allocation must raise MemoryError, not hand compiled code a null pointer.
// The aligned one, not pointer arithmetic on an unaligned one: LLVM's alias analysis
// then knows a fresh buffer aliases no argument.
// CHECK-DAG: llvm.func @_mlir_memref_to_llvm_aligned_alloc(i64, i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)
// f64 log1p goes to libm (more accurate near 0 than log(1 + x)).
// CHECK-DAG: llvm.func @log1p(f64) -> f64

// CHECK-LABEL: llvm.func @model(
// CHECK-SAME:    %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64,
// CHECK-SAME:    -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// A small f32 matmul calls OpenBLAS; the zero fill was folded into beta = 0.
// CHECK:         %[[BETA:.*]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
// CHECK:         llvm.call @_mlir_memref_to_llvm_aligned_alloc
// CHECK:         llvm.call @ag_blas_matmul_f32({{.*}}, %[[BETA]]) : (
// f32 tanh is a polynomial: no libm call.
// CHECK-NOT:     llvm.call @tanhf
// CHECK:         llvm.intr.fma
// CHECK:         llvm.call @_mlir_memref_to_llvm_free
// CHECK:         llvm.return %{{.*}} : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
func.func @model(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %b: tensor<6xf32>) -> tensor<4xi64> {
  %0 = ag.matmul %x, %w : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
  %1 = ag.add %0, %b : tensor<4x6xf32>, tensor<6xf32> -> tensor<4x6xf32>
  %2 = ag.tanh %1 : tensor<4x6xf32> -> tensor<4x6xf32>
  %3 = ag.argmax %2 {axis = 1 : i64} : tensor<4x6xf32> -> tensor<4xi64>
  return %3 : tensor<4xi64>
}

// Several results come back as a struct of descriptors.
// CHECK-LABEL: llvm.func @misc(
// CHECK-SAME:    -> !llvm.struct<(struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK:         llvm.call @log1p(%{{.*}}) : (f64) -> f64
// CHECK:         llvm.return
func.func @misc(%a: tensor<3x4xf64>, %i: tensor<i64>, %c: tensor<3x4xi1>) -> (tensor<4xf64>, tensor<3xi1>, tensor<2x4xf64>) {
  %0 = ag.log1p %a : tensor<3x4xf64> -> tensor<3x4xf64>
  %1 = ag.dynamic_index %0[%i] : tensor<3x4xf64>, tensor<i64> -> tensor<4xf64>
  %2 = ag.any %c {axes = array<i64: 1>} : tensor<3x4xi1> -> tensor<3xi1>
  %3 = ag.slice %a {starts = array<i64: 2, 0>, steps = array<i64: -2, 1>} : tensor<3x4xf64> -> tensor<2x4xf64>
  return %1, %2, %3 : tensor<4xf64>, tensor<3xi1>, tensor<2x4xf64>
}

// Integer floor division and power: loops of plain integer arithmetic, with a guarded
// sdiv/srem (never a trap) and the power's while loop as branches.
// CHECK-LABEL: llvm.func @ints(
// CHECK:         llvm.sdiv
// CHECK:         llvm.srem
// CHECK:         llvm.cond_br
// CHECK:         llvm.return
func.func @ints(%a: tensor<8xi32>, %b: tensor<8xi32>) -> tensor<8xi32> {
  %0 = ag.floor_div %a, %b : tensor<8xi32>, tensor<8xi32> -> tensor<8xi32>
  %1 = ag.pow %0, %b : tensor<8xi32>, tensor<8xi32> -> tensor<8xi32>
  return %1 : tensor<8xi32>
}

// The library declaration gets a C-interface wrapper calling the _mlir_ciface_ symbol
// the runtime provides.
// CHECK-LABEL: llvm.func private @ag_blas_matmul_f32(
// CHECK:         llvm.call @_mlir_ciface_ag_blas_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, !llvm.ptr, f32) -> ()
// CHECK:       llvm.func @_mlir_ciface_ag_blas_matmul_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, f32)

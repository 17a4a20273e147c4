// ag-convert-to-llvm: memref (aligned allocations through the generic allocation
// functions), math (LLVM intrinsics where there is one, libm otherwise: tanh, and log1p,
// which math-to-llvm would approximate), complex, arith, cf, func and index to the LLVM
// dialect in one pass; what is left for reconcile-unrealized-casts is only casts.
//
// RUN: ag-opt %s -ag-convert-to-llvm -reconcile-unrealized-casts | FileCheck %s
// RUN: ag-opt %s -ag-convert-to-llvm -reconcile-unrealized-casts | FileCheck %s --check-prefix=ONLY-LLVM

// ONLY-LLVM-NOT: {{ (memref|arith|math|cf|func|index|complex)\.}}

// CHECK-DAG: llvm.func @tanhf(f32) -> f32
// CHECK-DAG: llvm.func @log1p(f64) -> f64
// CHECK-DAG: llvm.func @_mlir_memref_to_llvm_aligned_alloc(i64, i64) -> !llvm.ptr

// CHECK-LABEL: llvm.func @math(
// CHECK:         llvm.load
// CHECK:         llvm.call @tanhf(%{{.*}}) : (f32) -> f32
// CHECK:         llvm.intr.sqrt(%{{.*}}) : (f32) -> f32
// CHECK:         llvm.fadd
// CHECK:         llvm.return
func.func @math(%m: memref<4xf32>, %i: index) -> f32 {
  %v = memref.load %m[%i] : memref<4xf32>
  %t = math.tanh %v : f32
  %s = math.sqrt %v : f32
  %r = arith.addf %t, %s : f32
  return %r : f32
}

// CHECK-LABEL: llvm.func @log1p_by_libm(
// CHECK:         llvm.call @log1p(%{{.*}}) : (f64) -> f64
func.func @log1p_by_libm(%x: f64) -> f64 {
  %r = math.log1p %x : f64
  return %r : f64
}

// CHECK-LABEL: llvm.func @alloc_branch_index(
// CHECK:         llvm.call @_mlir_memref_to_llvm_aligned_alloc
// CHECK:         llvm.cond_br
// CHECK:         llvm.store
func.func @alloc_branch_index(%n: index, %c: i1, %x: f32) -> memref<?xf32> {
  %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  cf.cond_br %c, ^write, ^done
^write:
  %z = index.constant 0
  memref.store %x, %a[%z] : memref<?xf32>
  cf.br ^done
^done:
  return %a : memref<?xf32>
}

// CHECK-LABEL: llvm.func @complex_parts(
// CHECK:         llvm.extractvalue
// CHECK:         llvm.extractvalue
func.func @complex_parts(%z: complex<f64>) -> f64 {
  %re = complex.re %z : complex<f64>
  %im = complex.im %z : complex<f64>
  %r = arith.mulf %re, %im : f64
  return %r : f64
}

// ag-math-approximation replaces float32 transcendental math ops by polynomial
// arithmetic (no libm calls left in f32 loop bodies); float64 ops are left for libm.
//
// RUN: ag-opt %s -ag-math-approximation | FileCheck %s --enable-var-scope

// tanh(x): clamp to [-7.99881172, 7.99881172], small |x| returns x itself, otherwise a
// rational polynomial p(x^2) * x / q(x^2).
// CHECK-LABEL: func.func @tanh_f32(
// CHECK-SAME:    %[[X:.*]]: f32) -> f32
// CHECK-NOT:     math.tanh
// CHECK-DAG:     %[[LO:.*]] = arith.constant -7.99881172 : f32
// CHECK-DAG:     %[[HI:.*]] = arith.constant 7.99881172 : f32
// CHECK:         %[[C1:.*]] = arith.cmpf ult, %[[X]], %[[HI]] : f32
// CHECK:         %[[X1:.*]] = arith.select %[[C1]], %[[X]], %[[HI]] : f32
// CHECK:         %[[C2:.*]] = arith.cmpf ugt, %[[X1]], %[[LO]] : f32
// CHECK:         %[[XC:.*]] = arith.select %[[C2]], %[[X1]], %[[LO]] : f32
// CHECK:         %[[ABS:.*]] = math.absf %[[X]] : f32
// CHECK:         %[[TINY:.*]] = arith.cmpf olt, %[[ABS]], %{{.*}} : f32
// CHECK:         %[[X2:.*]] = arith.mulf %[[XC]], %[[XC]] : f32
// CHECK:         math.fma %[[X2]]
// CHECK:         %[[P:.*]] = arith.mulf %[[XC]], %{{.*}} : f32
// CHECK:         math.fma %[[X2]]
// CHECK:         math.fma %[[X2]]
// CHECK:         %[[Q:.*]] = math.fma %[[X2]], %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:    %[[RATIO:.*]] = arith.divf %[[P]], %[[Q]] : f32
// CHECK:         %[[R:.*]] = arith.select %[[TINY]], %[[XC]], %[[RATIO]] : f32
// CHECK-NOT:     math.tanh
// CHECK:         return %[[R]] : f32
func.func @tanh_f32(%x: f32) -> f32 {
  %r = math.tanh %x : f32
  return %r : f32
}

// CHECK-LABEL: func.func @tanh_f64(
// CHECK-SAME:    %[[X:.*]]: f64) -> f64
// CHECK-NEXT:    %[[R:.*]] = math.tanh %[[X]] : f64
// CHECK-NEXT:    return %[[R]] : f64
func.func @tanh_f64(%x: f64) -> f64 {
  %r = math.tanh %x : f64
  return %r : f64
}

// The other float32 transcendentals the ag lowering emits are approximated too.
// CHECK-LABEL: func.func @others_f32(
// CHECK-NOT:     math.exp
// CHECK-NOT:     math.log
// CHECK-NOT:     math.erf
// CHECK:         math.fma
// CHECK-NOT:     math.exp
// CHECK-NOT:     math.log
// CHECK-NOT:     math.erf
// CHECK:         return
func.func @others_f32(%x: f32) -> (f32, f32, f32, f32, f32, f32) {
  %a = math.exp %x : f32
  %b = math.log1p %x : f32
  %c = math.log %x : f32
  %d = math.erf %x : f32
  %e = math.expm1 %x : f32
  %f = math.log2 %x : f32
  return %a, %b, %c, %d, %e, %f : f32, f32, f32, f32, f32, f32
}

// Only ops whose approximation was checked against numpy are rewritten: sin and cos lose
// accuracy for large |x| and turn inf/NaN into numbers, so they stay libm calls; atan and
// exp2 have no checked approximation either.
// CHECK-LABEL: func.func @kept_f32(
// CHECK-SAME:    %[[X:.*]]: f32)
// CHECK-NEXT:    %[[A:.*]] = math.sin %[[X]] : f32
// CHECK-NEXT:    %[[B:.*]] = math.cos %[[X]] : f32
// CHECK-NEXT:    %[[C:.*]] = math.atan %[[X]] : f32
// CHECK-NEXT:    %[[D:.*]] = math.exp2 %[[X]] : f32
// CHECK-NEXT:    return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @kept_f32(%x: f32) -> (f32, f32, f32, f32) {
  %a = math.sin %x : f32
  %b = math.cos %x : f32
  %c = math.atan %x : f32
  %d = math.exp2 %x : f32
  return %a, %b, %c, %d : f32, f32, f32, f32
}

// CHECK-LABEL: func.func @others_f64(
// CHECK-SAME:    %[[X:.*]]: f64)
// CHECK-NEXT:    %[[A:.*]] = math.exp %[[X]] : f64
// CHECK-NEXT:    %[[B:.*]] = math.log1p %[[X]] : f64
// CHECK-NEXT:    %[[C:.*]] = math.erf %[[X]] : f64
// CHECK-NEXT:    return %[[A]], %[[B]], %[[C]]
func.func @others_f64(%x: f64) -> (f64, f64, f64) {
  %a = math.exp %x : f64
  %b = math.log1p %x : f64
  %c = math.erf %x : f64
  return %a, %b, %c : f64, f64, f64
}

// In a loop body, where the pipeline runs the pass (after linalg-to-loops): the f32 tanh is
// replaced, the f64 one kept.
// CHECK-LABEL: func.func @in_loop(
// CHECK:         scf.for
// CHECK-NOT:       math.tanh {{.*}} : f32
// CHECK:           math.tanh %{{.*}} : f64
// CHECK:         return
func.func @in_loop(%a: memref<8xf32>, %b: memref<8xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %x = memref.load %a[%i] : memref<8xf32>
    %t = math.tanh %x : f32
    memref.store %t, %a[%i] : memref<8xf32>
    %y = memref.load %b[%i] : memref<8xf64>
    %u = math.tanh %y : f64
    memref.store %u, %b[%i] : memref<8xf64>
  }
  return
}

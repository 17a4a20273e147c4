// RUN: ag-opt %s -ag-compile | mlir-translate --mlir-to-llvmir | opt -O3 -S | FileCheck %s

// np.maximum(abs(x), 0.0) after LLVM 19's O3. Written as nested selects
// (`isnan(m) ? m : (m > 0 ? m : 0)` with m = |x|), instcombine folded the condition to
// `x ugt 0` and returned 0 for negative x (fuzz seed 56 #1687). ag lowers float
// maximum/minimum to one select on `isnan(m) | m > 0`, which O3 folds correctly to
// `x une 0` (NaN and any nonzero x keep |x|). The check is on the condition the
// select of |x| takes, whatever O3 makes of the loop (scalar or vector).

// CHECK-LABEL: define {{.*}} @max_abs_zero
// CHECK-NOT:     fcmp {{.*}}ugt
// CHECK:         %[[ABS:.*]] = {{.*}}call {{.*}}@llvm.fabs.{{.*}}(float %[[X:.*]])
// CHECK:         %[[C:.*]] = fcmp une float %[[X]], 0.000000e+00
// CHECK:         select i1 %[[C]], float %[[ABS]], float 0.000000e+00
// CHECK-NOT:     fcmp {{.*}}ugt
// CHECK:         ret
func.func @max_abs_zero(%x: tensor<64xf32>) -> tensor<64xf32> {
  %a = ag.abs %x : tensor<64xf32> -> tensor<64xf32>
  %z = ag.constant dense<0.000000e+00> : tensor<f32>
  %m = ag.maximum %a, %z : tensor<64xf32>, tensor<f32> -> tensor<64xf32>
  return %m : tensor<64xf32>
}

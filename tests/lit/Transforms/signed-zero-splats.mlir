// RUN: ag-opt %s --ag-signed-zero-splats | FileCheck %s
// RUN: ag-opt %s --ag-signed-zero-splats --ag-bufferize --ag-to-llvm | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM

// MLIR 19's translation emits a splat constant equal to zero as zeroinitializer, -0.0
// included (x[0] = -0.0 stored +0.0). A splat of -0.0 becomes a fill of the scalar.

// CHECK-LABEL: func.func @negative_zero
// CHECK:         %[[Z:.*]] = arith.constant -0.000000e+00 : f64
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2xf64>
// CHECK:         %[[F:.*]] = linalg.fill ins(%[[Z]] : f64) outs(%[[E]] : tensor<2xf64>)
// CHECK:         return %[[F]]
// LLVM-LABEL:  define {{.*}} @negative_zero
// LLVM:          store double -0.000000e+00
func.func @negative_zero() -> tensor<2xf64> {
  %c = arith.constant dense<-0.000000e+00> : tensor<2xf64>
  return %c : tensor<2xf64>
}

// Positive zeros and other splats stay constants.
// CHECK-LABEL: func.func @others
// CHECK:         arith.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK:         arith.constant dense<-1.500000e+00> : tensor<2xf32>
// CHECK-NOT:     linalg.fill
func.func @others() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = arith.constant dense<0.000000e+00> : tensor<2xf32>
  %b = arith.constant dense<-1.500000e+00> : tensor<2xf32>
  return %a, %b : tensor<2xf32>, tensor<2xf32>
}

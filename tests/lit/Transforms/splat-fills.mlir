// RUN: ag-opt %s --ag-splat-fills | FileCheck %s
// RUN: ag-opt %s --ag-splat-fills --ag-bufferize --ag-to-llvm | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM

// MLIR 19's translation emits a splat constant equal to zero as zeroinitializer, -0.0
// included (x[0] = -0.0 stored +0.0). A splat of -0.0 becomes a fill of the scalar, and
// so does any splat of 64 elements or more (np.zeros((1040, 1040)) was an 8.6 MB global
// copied on every call).

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

// Small positive zeros and other small splats stay constants.
// CHECK-LABEL: func.func @others
// CHECK:         arith.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK:         arith.constant dense<-1.500000e+00> : tensor<2xf32>
// CHECK-NOT:     linalg.fill
func.func @others() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = arith.constant dense<0.000000e+00> : tensor<2xf32>
  %b = arith.constant dense<-1.500000e+00> : tensor<2xf32>
  return %a, %b : tensor<2xf32>, tensor<2xf32>
}

// Large splats of every int and float type become fills: no global, no copy of it.
// CHECK-LABEL: func.func @large
// CHECK-DAG:     %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG:     %[[O:.*]] = arith.constant 1 : i32
// CHECK-DAG:     %[[T:.*]] = arith.constant true
// CHECK-DAG:     linalg.fill ins(%[[Z]] : f64) outs(%{{.*}} : tensor<1040x1040xf64>)
// CHECK-DAG:     linalg.fill ins(%[[O]] : i32) outs(%{{.*}} : tensor<64xi32>)
// CHECK-DAG:     linalg.fill ins(%[[T]] : i1) outs(%{{.*}} : tensor<8x8xi1>)
// CHECK-NOT:     arith.constant dense
// LLVM-LABEL:  define {{.*}} @large
// LLVM-NOT:      @__constant
func.func @large(%x: tensor<1024x1024xf64>) -> (tensor<1040x1040xf64>, tensor<64xi32>, tensor<8x8xi1>) {
  %z = arith.constant dense<0.000000e+00> : tensor<1040x1040xf64>
  %p = tensor.insert_slice %x into %z[8, 8] [1024, 1024] [1, 1] : tensor<1024x1024xf64> into tensor<1040x1040xf64>
  %o = arith.constant dense<1> : tensor<64xi32>
  %t = arith.constant dense<true> : tensor<8x8xi1>
  return %p, %o, %t : tensor<1040x1040xf64>, tensor<64xi32>, tensor<8x8xi1>
}

// One element fewer than the threshold, and a non-splat: constants.
// CHECK-LABEL: func.func @small
// CHECK:         arith.constant dense<2> : tensor<63xi64>
// CHECK:         arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NOT:     linalg.fill
// LLVM-LABEL:  define {{.*}} @small
// LLVM:          @__constant_63xi64
func.func @small() -> (tensor<63xi64>, tensor<2xf32>) {
  %a = arith.constant dense<2> : tensor<63xi64>
  %b = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %a, %b : tensor<63xi64>, tensor<2xf32>
}

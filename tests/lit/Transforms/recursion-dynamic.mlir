// RUN: ag-opt %s --ag-prepare-recursion | FileCheck %s --check-prefix=PREPARE
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// Recursion on arrays with dynamic dims (ag.stage(..., dynamic=)): a call operand is copied
// with alloc_tensor(copy=), which takes its sizes from the operand, and the declaration's
// stand-in body (never run) returns a 0-sized tensor for each dynamic dim.

// PREPARE-LABEL: func.func private @halve(
// PREPARE:         %[[COPY:.*]] = bufferization.alloc_tensor() copy(%{{.*}}) : tensor<?x4xf32>
// PREPARE:         func.call @halve.recursive_call(%[[COPY]], %{{.*}}) : (tensor<?x4xf32>, i64) -> tensor<?x4xf32>
// PREPARE-LABEL: func.func private @halve.recursive_call(
// PREPARE:         %[[ZERO:.*]] = arith.constant 0 : index
// PREPARE:         %[[R:.*]] = bufferization.alloc_tensor(%[[ZERO]]) : tensor<?x4xf32>
// PREPARE:         return %[[R]]

// LLVM-LABEL: llvm.func @halve(
// LLVM:         llvm.call @halve(
func.func private @halve(%x: tensor<?x4xf32>, %n: tensor<i64>) -> tensor<?x4xf32> attributes {ag.recursive} {
  %0 = ag.constant dense<0> : tensor<i64>
  %1 = ag.le %n, %0 : tensor<i64>, tensor<i64> -> tensor<i1>
  %c = tensor.extract %1[] : tensor<i1>
  %2 = scf.if %c -> (tensor<?x4xf32>) {
    scf.yield %x : tensor<?x4xf32>
  } else {
    %h = ag.constant dense<5.000000e-01> : tensor<f32>
    %y = ag.mul %x, %h : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
    %one = ag.constant dense<1> : tensor<i64>
    %m = ag.sub %n, %one : tensor<i64>, tensor<i64> -> tensor<i64>
    %r = func.call @halve(%y, %m) : (tensor<?x4xf32>, tensor<i64>) -> tensor<?x4xf32>
    scf.yield %r : tensor<?x4xf32>
  }
  return %2 : tensor<?x4xf32>
}

func.func @main(%x: tensor<?x4xf32>, %n: tensor<i64>) -> tensor<?x4xf32> {
  %r = func.call @halve(%x, %n) : (tensor<?x4xf32>, tensor<i64>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

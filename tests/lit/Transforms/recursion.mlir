// RUN: ag-opt %s --ag-prepare-recursion | FileCheck %s --check-prefix=PREPARE
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s --check-prefix=BUFFERIZED
// RUN: ag-opt %s --ag-compile | FileCheck %s --check-prefix=LLVM

// Staged recursion: ag-prepare-recursion passes 0-d values by value and redirects every
// call of a recursive function to a body-less declaration, so that One-Shot Bufferize
// (which rejects call cycles) accepts the module; after bufferization
// ag-resolve-recursion points the calls back at the function.

// PREPARE-LABEL: func.func private @fib(%arg0: i64) -> i64 attributes {ag.recursive}
// PREPARE:         %[[N:.*]] = tensor.from_elements %arg0 : tensor<i64>
// PREPARE:         %[[A:.*]] = tensor.extract %{{.*}}[] : tensor<i64>
// PREPARE-NEXT:    %[[CA:.*]] = func.call @fib.recursive_call(%[[A]]) : (i64) -> i64
// PREPARE-NEXT:    tensor.from_elements %[[CA]] : tensor<i64>
// PREPARE:         scf.yield
// PREPARE:         %[[R:.*]] = tensor.extract %{{.*}}[] : tensor<i64>
// PREPARE-NEXT:    return %[[R]] : i64
// PREPARE-LABEL: func.func @main
// PREPARE:         call @fib.recursive_call
// PREPARE:       func.func private @fib.recursive_call(i64) -> i64 attributes {ag.recursive_target = @fib}

// BUFFERIZED-LABEL: func.func private @fib(%arg0: i64) -> i64
// BUFFERIZED-COUNT-2: func.call @fib(%{{.*}}) : (i64) -> i64
// BUFFERIZED-LABEL: func.func @main
// BUFFERIZED:         call @fib(%{{.*}}) : (i64) -> i64
// BUFFERIZED-NOT:   recursive_call

// LLVM-LABEL: llvm.func @fib(%arg0: i64) -> i64
// LLVM-COUNT-2: llvm.call @fib
func.func private @fib(%n: tensor<i64>) -> tensor<i64> attributes {ag.recursive} {
  %two = ag.constant dense<2> : tensor<i64>
  %c = ag.lt %n, %two : tensor<i64>, tensor<i64> -> tensor<i1>
  %b = tensor.extract %c[] : tensor<i1>
  %r = scf.if %b -> (tensor<i64>) {
    scf.yield %n : tensor<i64>
  } else {
    %one = ag.constant dense<1> : tensor<i64>
    %m1 = ag.sub %n, %one : tensor<i64>, tensor<i64> -> tensor<i64>
    %m2 = ag.sub %n, %two : tensor<i64>, tensor<i64> -> tensor<i64>
    %a = func.call @fib(%m1) : (tensor<i64>) -> tensor<i64>
    %bb = func.call @fib(%m2) : (tensor<i64>) -> tensor<i64>
    %s = ag.add %a, %bb : tensor<i64>, tensor<i64> -> tensor<i64>
    scf.yield %s : tensor<i64>
  }
  return %r : tensor<i64>
}
func.func @main(%n: tensor<i64>) -> tensor<i64> {
  %r = func.call @fib(%n) : (tensor<i64>) -> tensor<i64>
  return %r : tensor<i64>
}

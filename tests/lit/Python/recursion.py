# Staged recursion: a user function calling itself with staged arguments is recorded once
# as a private func.func marked {ag.recursive} and called with func.call (here from the
# staged function, which is the first level of the recursion, and from itself). Its body
# starts with the native stack guard: when ag.stack_guard says the stack is full, the
# guard's else branch returns zeros and the call raises AgRecursionError afterwards.
# Mutual recursion gives one recursive function per function of the cycle. Recursion
# bounded by a Python argument unrolls while tracing: no func.call.
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


# CHECK-LABEL: func.func @fib(%arg0: tensor<i64>) -> tensor<i64> {
# CHECK:          scf.if %{{.*}} -> (tensor<i64>) {
# CHECK-COUNT-2:    func.call @fib_recursive(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<i64>) -> tensor<i64>
# CHECK:          return
# CHECK-LABEL: func.func private @fib_recursive(%arg0: tensor<i64>, %arg1: tensor<i64>) -> tensor<i64> attributes {ag.recursive} {
# The guards: room on the native stack (asked of the runtime every 32 levels of the hidden
# depth argument), and the depth below the limit (a tail call LLVM turns into a loop
# never fills the stack).
# CHECK-NEXT:     %[[MASK:.*]] = ag.constant dense<31> : tensor<i64>
# CHECK-NEXT:     %[[LOW:.*]] = ag.bitwise_and %arg1, %[[MASK]]
# CHECK-NEXT:     %[[ZERO0:.*]] = ag.constant dense<0> : tensor<i64>
# CHECK-NEXT:     %[[NOW:.*]] = ag.eq %[[LOW]], %[[ZERO0]]
# CHECK-NEXT:     %[[NOWB:.*]] = tensor.extract %[[NOW]][] : tensor<i1>
# CHECK-NEXT:     %[[OKT:.*]] = scf.if %[[NOWB]] -> (tensor<i1>) {
# CHECK-NEXT:       %[[OK:.*]] = ag.stack_guard {callback = {{[0-9]+}} : i64} : tensor<i1>
# CHECK:          } else {
# CHECK-NEXT:       ag.constant dense<true>
# CHECK:          }
# CHECK-NEXT:     %[[LIMIT:.*]] = ag.constant dense<1000000> : tensor<i64>
# CHECK-NEXT:     %[[SHALLOW:.*]] = ag.lt %arg1, %[[LIMIT]]
# CHECK-NEXT:     %[[BOTH:.*]] = ag.logical_and %[[OKT]], %[[SHALLOW]]
# CHECK-NEXT:     %[[GUARD:.*]] = tensor.extract %[[BOTH]][] : tensor<i1>
# CHECK-NEXT:     %[[R:.*]] = scf.if %[[GUARD]] -> (tensor<i64>) {
# CHECK:            ag.lt %arg0
# CHECK:            scf.if
# CHECK-COUNT-2:      func.call @fib_recursive(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<i64>) -> tensor<i64>
# CHECK-NOT:        func.call
# Where recursion stops: the depth limit is reported (computed there: an assert's operand
# gets a buffer), and the function returns zeros.
# CHECK:          } else {
# CHECK:            %[[DEEP:.*]] = ag.lt %arg1
# CHECK-NEXT:       ag.assert %[[DEEP]]
# CHECK-NEXT:       %[[ZERO:.*]] = ag.constant dense<0> : tensor<i64>
# CHECK-NEXT:       scf.yield %[[ZERO]] : tensor<i64>
# CHECK-NEXT:     }
# CHECK-NEXT:     return %[[R]] : tensor<i64>
print(ag.stage(fib).ir(np.int64(10)))


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


# The first is_odd call is an ordinary (inlined) call; is_even calling itself through it
# starts the recursion.
# CHECK-LABEL: func.func @is_even(%arg0: tensor<i64>) -> tensor<i1> {
# CHECK-NOT:      func.call @is_odd
# CHECK:          func.call @is_even_recursive(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<i64>) -> tensor<i1>
# CHECK-NOT:      func.call
# CHECK:          return
# CHECK-LABEL: func.func private @is_even_recursive(%arg0: tensor<i64>, %arg1: tensor<i64>) -> tensor<i1> attributes {ag.recursive} {
# CHECK:          ag.stack_guard
# CHECK-NOT:      func.call @is_even_recursive
# CHECK:          func.call @is_odd_recursive(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<i64>) -> tensor<i1>
# CHECK-NOT:      func.call
# CHECK:          return
# CHECK-LABEL: func.func private @is_odd_recursive(%arg0: tensor<i64>, %arg1: tensor<i64>) -> tensor<i1> attributes {ag.recursive} {
# CHECK:          ag.stack_guard
# CHECK-NOT:      func.call @is_odd_recursive
# CHECK:          func.call @is_even_recursive(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<i64>) -> tensor<i1>
# CHECK-NOT:      func.call
# CHECK:          return
print(ag.stage(is_even).ir(np.int64(10)))


def poly(x, depth):
    return x if depth == 0 else x * poly(x, depth - 1) + 1.0


# CHECK-LABEL: func.func @poly(%arg0: tensor<4xf32>) -> tensor<4xf32> {
# CHECK-NOT:      call
# CHECK-NOT:      ag.recursive
# CHECK-COUNT-3:  ag.mul
# CHECK-NOT:      call
# CHECK:          return
# CHECK-NEXT:   }
# CHECK-NEXT: }
print(ag.stage(poly).ir(np.ones(4, np.float32), 3))

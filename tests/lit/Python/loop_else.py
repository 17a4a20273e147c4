# Loop `else` blocks: the break converter lowers `while/for ... else` to the loop plus
# `if not break_: <else>`; staged, the break flag is a loop-carried i1 (tested with the
# condition, which the loop carries too: tested before it and at the end of each
# iteration) and the else is an scf.if on its final value.
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def search(x, n):
    i = np.int64(0)
    while i < n:
        if x[i] < 0:
            break
        i = i + 1
    else:
        i = np.int64(-1)
    return i


# CHECK-LABEL: func.func @search
# The loop state: the condition (first tested before the loop), the break flag (false
# before the loop) and i.
# CHECK:      %[[FIRST:.*]] = ag.lt
# CHECK:      %[[NO:.*]] = ag.constant dense<false> : tensor<i1>
# CHECK:      %[[W:.*]]:3 = scf.while (%[[C:.*]] = %[[FIRST]], %[[BRK:.*]] = %[[NO]], %[[I:.*]] = %{{.*}}) : (tensor<i1>, tensor<i1>, tensor<i64>) -> (tensor<i1>, tensor<i1>, tensor<i64>) {
# CHECK:        scf.condition
# CHECK:      } do {
# The break sets the flag; the rest of the body runs only where it is not set.
# CHECK:        %[[SET:.*]] = scf.if %{{.*}} -> (tensor<i1>) {
# CHECK:          ag.constant dense<true>
# CHECK:        ag.logical_not %[[SET]]
# CHECK:        %[[NEXT:.*]] = scf.if %{{.*}} -> (tensor<i64>) {
# CHECK:          ag.add
# `not break_ and i < n`: the comparison only where no break happened.
# CHECK:        %[[GO:.*]] = ag.logical_not %[[SET]]
# CHECK:        %[[TEST:.*]] = scf.if %{{.*}} -> (tensor<i1>) {
# CHECK:          ag.lt %[[NEXT]], %arg1
# CHECK:        scf.yield %[[TEST]], %[[SET]], %[[NEXT]] : tensor<i1>, tensor<i1>, tensor<i64>
# CHECK:      }
# After the loop, the else block runs where the final flag is false.
# CHECK:      %[[ELSE:.*]] = ag.logical_not %[[W]]#1
# CHECK:      %[[C:.*]] = tensor.extract %[[ELSE]][]
# CHECK:      %[[R:.*]] = scf.if %[[C]] -> (tensor<i64>) {
# CHECK-NEXT:   %[[M1:.*]] = ag.constant dense<-1>
# CHECK-NEXT:   scf.yield %[[M1]] : tensor<i64>
# CHECK-NEXT: } else {
# CHECK-NEXT:   scf.yield %[[W]]#2 : tensor<i64>
# CHECK-NEXT: }
# CHECK:      return %[[R]]
print(ag.stage(search).ir(np.ones(4, np.float32), np.int64(4)))


def count_primes(n):
    count = np.int64(0)
    for p in range(2, n):
        for d in range(2, p):
            if p % d == 0:
                break
        else:
            count = count + 1
    return count


# A for with a break runs as an scf.while (the flag is tested before each iteration);
# the inner loop's else is an scf.if in the outer loop's body.
# CHECK-LABEL: func.func @count_primes
# CHECK:      scf.for
# The inner loop's state: its index and the break flag.
# CHECK:        %[[INNER:.*]]:2 = scf.while ({{.*}}) : (tensor<i64>, tensor<i1>) -> (tensor<i64>, tensor<i1>) {
# CHECK:          ag.logical_not
# CHECK:          scf.condition
# CHECK:        ag.logical_not %[[INNER]]#1
# CHECK:        scf.if %{{.*}} -> (tensor<i64>) {
# CHECK:          ag.add
# CHECK:        scf.yield
print(ag.stage(count_primes).ir(np.int64(10)))


def no_break(x, n):
    i = np.int64(0)
    while i < n:
        x = x * 2
        i = i + 1
    else:
        x = x + 1
    return x


# Without a break the else always runs: no flag, no scf.if, the add follows the loop.
# CHECK-LABEL: func.func @no_break
# CHECK:      %[[L:.*]]:3 = scf.while (%{{.*}}) : (tensor<i1>, tensor<i64>, tensor<4xf32>) -> (tensor<i1>, tensor<i64>, tensor<4xf32>)
# CHECK-NOT:  scf.if
# CHECK:      ag.add %[[L]]#2
print(ag.stage(no_break).ir(np.ones(4, np.float32), np.int64(3)))

# break and return inside staged loops: the converter turns them into flags, a staged
# for with a break becomes an scf.while that also tests the flag, and the return value
# is carried through the loop (a placeholder of its type until a return sets it).
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def first_negative(x, n):
    for i in range(n):
        if x[i] < 0:
            return x[i] * np.float32(2)
    return x[0]


# CHECK-LABEL: func.func @first_negative
# The loop state: index, return flag, break flag, return value (f32, from x).
# CHECK:      %[[W:.*]]:4 = scf.while ({{.*}}) : (tensor<i64>, tensor<i1>, tensor<i1>, tensor<f32>) -> (tensor<i64>, tensor<i1>, tensor<i1>, tensor<f32>) {
# CHECK:        %[[GO:.*]] = ag.logical_not
# CHECK:        %[[IN:.*]] = ag.lt
# CHECK:        ag.logical_and %[[IN]], %[[GO]]
# CHECK:        scf.condition
# CHECK:      } do {
# CHECK:        scf.if %{{.*}} -> (tensor<i1>, tensor<i1>, tensor<f32>) {
# CHECK:          %[[TWICE:.*]] = ag.mul
# CHECK:          scf.yield %{{.*}}, %{{.*}}, %[[TWICE]]
# CHECK:        } else {
# CHECK:          scf.yield
# CHECK:        }
# After the loop: the final `return x[0]` runs only where no return happened.
# CHECK:      %[[NOT:.*]] = ag.logical_not %[[W]]#
# CHECK:      scf.if %{{.*}} -> (tensor<f32>) {
# CHECK:      } else {
# CHECK-NEXT:   scf.yield %[[W]]#3 : tensor<f32>
print(ag.stage(first_negative).ir(np.ones(8, np.float32), np.int64(8)))


def count_until(x, limit):
    total = np.float64(0)
    i = np.int64(0)
    while True:
        if total > limit:
            break
        total = total + x[i % x.shape[0]]
        i = i + 1
    return i


# `while True` with a staged break: the test is `not break_ and True`; the loop carries
# it (tested before the loop, then at the end of each iteration).
# CHECK-LABEL: func.func @count_until
# CHECK:      ag.logical_not
# CHECK:      scf.while
# CHECK-NEXT:   tensor.extract
# CHECK-NEXT:   scf.condition
# CHECK:      } do {
# CHECK:        scf.if
# CHECK:        ag.logical_not
# CHECK:        scf.yield
print(ag.stage(count_until).ir(np.ones(4), np.float64(3)))

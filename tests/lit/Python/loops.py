# Staged loops: a while on a staged condition is one scf.while, which carries the
# condition (tested once before the loop, then at the end of each iteration, as Python
# tests it); a for over a staged array's rows, over range() of a staged bound, or over a
# long Python range is one scf.for whose body is traced once; the values the loop
# modifies and the code after it reads are its iter_args.
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def halve_until_small(x):
    i = np.int64(0)
    while x.sum() > 1.0:
        x = x * 0.5
        i = i + 1
    return x, i


# CHECK-LABEL: func.func @halve_until_small
# CHECK:      ag.sum %arg0
# CHECK:      %[[FIRST:.*]] = ag.gt
# CHECK:      %[[W:.*]]:3 = scf.while (%[[C:.*]] = %[[FIRST]], %[[I:.*]] = %{{.*}}, %[[X:.*]] = %arg0) : (tensor<i1>, tensor<i64>, tensor<4xf32>) -> (tensor<i1>, tensor<i64>, tensor<4xf32>) {
# CHECK-NEXT:   %[[GO:.*]] = tensor.extract %[[C]][]
# CHECK-NEXT:   scf.condition(%[[GO]]) %[[C]], %[[I]], %[[X]]
# CHECK:      } do {
# CHECK-NEXT: ^bb0(%{{.*}}: tensor<i1>, %[[I2:.*]]: tensor<i64>, %[[X2:.*]]: tensor<4xf32>):
# CHECK:        %[[HALF:.*]] = ag.mul %[[X2]]
# CHECK:        %[[NEXT:.*]] = ag.add %[[I2]]
# CHECK:        ag.sum %[[HALF]]
# CHECK:        %[[TEST:.*]] = ag.gt
# CHECK:        scf.yield %[[TEST]], %[[NEXT]], %[[HALF]]
# A loop that runs zero times returns the caller's x itself: whether it ran (its first
# test) leaves too, to pick the argument or the loop's result.
# CHECK:      return %[[FIRST]], %[[W]]#2, %[[W]]#1
print(ag.stage(halve_until_small).ir(np.ones(4, np.float32)))


def rnn(xs, w):
    h = np.zeros(4, np.float32)
    for t in range(10000):
        h = np.tanh(h @ w + xs[t % 16])
    return h


# 10,000 Python iterations: one scf.for with the body once (np.zeros makes a staged
# array while tracing, so h is staged before the loop and no iteration runs in Python).
# CHECK-LABEL: func.func @rnn
# CHECK-NOT:  ag.tanh
# CHECK:      %[[UB:.*]] = ag.constant dense<10000> : tensor<i64>
# CHECK:      scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %{{.*}}) -> (tensor<4xf32>) {
# CHECK:        ag.matmul %[[H]], %arg1
# CHECK:        ag.dynamic_index %arg0
# CHECK:        %[[NEW:.*]] = ag.tanh
# CHECK-NEXT:   scf.yield %[[NEW]] : tensor<4xf32>
# CHECK-NEXT: }
# CHECK-NOT:  ag.tanh
print(ag.stage(rnn).ir(np.ones((16, 4), np.float32), np.ones((4, 4), np.float32)))


def staged_bound(x, n):
    acc = np.float64(0)
    for i in range(n):
        acc = acc + x[i]
    return acc


# The trip count is max(n - 0, 0); x[i] is checked against x's length at run time.
# CHECK-LABEL: func.func @staged_bound
# CHECK:      %[[N:.*]] = ag.maximum
# CHECK:      tensor.extract %[[N]][]
# CHECK:      scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<f64>) {
# CHECK:        ag.assert
# CHECK:        %[[XI:.*]] = ag.dynamic_index %arg0
# CHECK:        %[[SUM:.*]] = ag.add %[[ACC]], %[[XI]]
# CHECK:        scf.yield %[[SUM]]
print(ag.stage(staged_bound).ir(np.ones(8), np.int64(3)))


def rows(xs):
    total = np.zeros(3, np.float32)
    for r in xs:
        total = total + r
    return total


# Rows of a staged array: the index cannot leave the array, so no bounds check.
# CHECK-LABEL: func.func @rows
# CHECK:      %[[FIVE:.*]] = ag.constant dense<5> : tensor<i64>
# CHECK:      scf.for
# CHECK-NOT:    ag.assert
# CHECK:        ag.dynamic_index %arg0
# CHECK:        scf.yield
print(ag.stage(rows).ir(np.ones((5, 3), np.float32)))


def short_loop(x):
    for k in range(3):
        x = x * (k + 1)
    return x


# Python ranges of at most 8 steps unroll: constant factors, no loop.
# CHECK-LABEL: func.func @short_loop
# CHECK-NOT:  scf.for
# CHECK-COUNT-3: ag.mul
# CHECK-NOT:  scf.for
print(ag.stage(short_loop).ir(np.ones(2)))


weights = [np.float64(k) for k in range(20)]


def python_list_index(x):
    for k in range(20):
        x = x + weights[k]
    return x


# The body needs the index as a Python int (it indexes a Python list): the staged
# attempt is abandoned and the loop unrolls.
# CHECK-LABEL: func.func @python_list_index
# CHECK-NOT:  scf.for
# CHECK-COUNT-20: ag.add
print(ag.stage(python_list_index).ir(np.ones(2)))

# Lists built in staged loops: `out.append(h)` in a staged for is carried by the one
# scf.for as a buffer with room for every append (tensor<NxE>) and the staged int64
# length; each append is an ag.dynamic_update at the length, which then grows by one.
# After the loop the list is the buffer's first `length` rows (known while tracing): no
# slice when every slot was used, an ag.slice otherwise.
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def rnn_states(xs, w, h):
    out = []
    for x_t in xs:
        h = np.tanh(h @ w + x_t)
        out.append(h)
    return out


# 100 steps, one loop, the body once; the buffer starts as zeros and the length as 0.
# CHECK-LABEL: func.func @rnn_states
# CHECK-SAME:   -> tensor<100x4xf32>
# CHECK-NOT:  ag.tanh
# CHECK:      %[[BUF0:.*]] = ag.constant dense<0.000000e+00> : tensor<100x4xf32>
# CHECK-NEXT: %[[LEN0:.*]] = ag.constant dense<0> : tensor<i64>
# CHECK:      %[[R:.*]]:3 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %arg2, %[[BUF:.*]] = %[[BUF0]], %[[LEN:.*]] = %[[LEN0]]) -> (tensor<4xf32>, tensor<100x4xf32>, tensor<i64>) {
# CHECK:        ag.matmul %[[H]], %arg1
# CHECK:        %[[NEW:.*]] = ag.tanh
# CHECK-NEXT:   %[[UPD:.*]] = ag.dynamic_update %[[NEW]] into %[[BUF]][%[[LEN]]] : tensor<4xf32> into tensor<100x4xf32>, tensor<i64>
# CHECK:        %[[NEXT:.*]] = ag.add %[[LEN]], %{{.*}} : tensor<i64>, tensor<i64> -> tensor<i64>
# CHECK-NEXT:   scf.yield %[[NEW]], %[[UPD]], %[[NEXT]] : tensor<4xf32>, tensor<100x4xf32>, tensor<i64>
# CHECK-NEXT: }
# Every slot is used: the buffer is the result as it is.
# CHECK-NOT:  ag.slice
# CHECK-NOT:  ag.tanh
# CHECK:      return %[[R]]#1 : tensor<100x4xf32>
xs = np.ones((100, 4), np.float32)
w = np.eye(4, dtype=np.float32)
h = np.zeros(4, np.float32)
print(ag.stage(rnn_states).ir(xs, w, h))


def append_two_pop_one(xs, w, h):
    out = []
    for x_t in xs:
        h = np.tanh(h @ w + x_t)
        out.append(h)
        out.append(h * 2.0)
        out.pop()
    return out


# Two appends per iteration make room for 200 elements; the pop reads the last one
# back (checked: popping from an empty list raises IndexError) and takes one from the
# length. 100 remain: one ag.slice.
# CHECK-LABEL: func.func @append_two_pop_one
# CHECK-SAME:   -> tensor<100x4xf32>
# CHECK:      %[[R:.*]]:3 = scf.for {{.*}} -> (tensor<4xf32>, tensor<200x4xf32>, tensor<i64>) {
# CHECK:        ag.tanh
# CHECK:        %[[U1:.*]] = ag.dynamic_update %{{.*}} into %{{.*}}[%{{.*}}] : tensor<4xf32> into tensor<200x4xf32>
# CHECK:        %[[L1:.*]] = ag.add
# CHECK:        %[[U2:.*]] = ag.dynamic_update %{{.*}} into %[[U1]][%[[L1]]] : tensor<4xf32> into tensor<200x4xf32>
# CHECK:        %[[L2:.*]] = ag.add %[[L1]]
# CHECK:        %[[NONEMPTY:.*]] = ag.gt %[[L2]]
# CHECK:        ag.assert %[[NONEMPTY]]
# CHECK:        %[[L3:.*]] = ag.sub %[[L2]]
# CHECK-NEXT:   ag.dynamic_index %[[U2]][%[[L3]]]
# CHECK:        scf.yield %{{.*}}, %[[U2]], %[[L3]] : tensor<4xf32>, tensor<200x4xf32>, tensor<i64>
# CHECK-NEXT: }
# CHECK-NEXT: %[[S:.*]] = ag.slice %[[R]]#1 {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<200x4xf32> -> tensor<100x4xf32>
# CHECK-NEXT: return %[[S]] : tensor<100x4xf32>
print(ag.stage(append_two_pop_one).ir(xs, w, h))

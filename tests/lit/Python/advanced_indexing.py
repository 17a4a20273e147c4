# numpy's advanced indexing records ag.gather / ag.scatter / ag.nonzero. A staged index
# array of a read is range-checked first: ag.any over the out-of-range test, and on that
# path only (scf.if) the first bad index goes to a host call that raises numpy's
# IndexError naming it; a write's scatter makes the test as it writes (`checked`). Adjacent advanced indices gather in place (`axis`), separated ones from the front
# (numpy puts their dims there); a mask
# is the rows of its ag.nonzero (a dynamic count), and x[mask] of a whole mask an
# ag.compress of both flattened; `x[mask] = scalar` needs no data-
# dependent size (ag.select); ufunc.at is a scatter with its combine, which broadcasts
# its updates (no copy of a scalar per index).
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def gather_columns(x, i):
    return x[:, i]


# CHECK-LABEL: func.func @gather_columns(%arg0: tensor<3x4xf32>, %arg1: tensor<2xi64>) -> tensor<3x2xf32> {
# CHECK:         %[[N:.*]] = ag.constant dense<4> : tensor<i64>
# CHECK:         %[[BAD:.*]] = ag.logical_or
# CHECK:         %[[ANY:.*]] = ag.any %[[BAD]] {axes = array<i64: 0>} : tensor<2xi1> -> tensor<i1>
# CHECK:         %[[C:.*]] = tensor.extract %[[ANY]][] : tensor<i1>
# CHECK:         scf.if %[[C]] -> (tensor<0xi64>) {
# CHECK:           %[[AGAIN:.*]] = ag.logical_or
# CHECK:           %[[J:.*]] = ag.argmax %[[AGAIN]] {axis = 0 : i64} : tensor<2xi1> -> tensor<i64>
# CHECK:           %[[I:.*]] = ag.dynamic_index %arg1[%[[J]]] : tensor<2xi64>, tensor<i64> -> tensor<i64>
# CHECK:           ag.host_call(%[[I]], %[[N]]) sizes() {callback = {{[0-9]+}} : i64} : (tensor<i64>, tensor<i64>) -> tensor<0xi64>
# CHECK:         } else {
# CHECK-NOT:     ag.transpose
# CHECK:         %[[G:.*]] = ag.gather %arg0[%arg1] {axis = 1 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32>
# CHECK:         return %[[G]] : tensor<3x2xf32>
print(ag.stage(gather_columns).ir(np.ones((3, 4), np.float32), np.array([0, 2])))


def separated(x, i):
    return x[i, :, i]


# Advanced indices separated by a slice: numpy puts the broadcast dims first, so the
# indexed axes are moved to the front and gathered from axis 0.
# CHECK-LABEL: func.func @separated(%arg0: tensor<2x3x4xf64>, %arg1: tensor<5xi64>) -> tensor<5x3xf64> {
# CHECK:         %[[T:.*]] = ag.transpose %arg0 {permutation = array<i64: 0, 2, 1>} : tensor<2x3x4xf64> -> tensor<2x4x3xf64>
# CHECK:         %[[G:.*]] = ag.gather %[[T]][%{{.*}}, %{{.*}}] : (tensor<2x4x3xf64>, tensor<5xi64>, tensor<5xi64>) -> tensor<5x3xf64>
# CHECK:         return %[[G]] : tensor<5x3xf64>
print(ag.stage(separated).ir(np.ones((2, 3, 4)), np.array([0, 1, 1, 0, -1])))


def masks(x):
    x[x > 0] = 0.0
    return x[x < -1]


# CHECK-LABEL: func.func @masks(%arg0: tensor<3x4xf32>) -> (tensor<?xf32>, tensor<3x4xf32>) {
# CHECK:         %[[M:.*]] = ag.gt %arg0, %{{.*}} : tensor<3x4xf32>, tensor<f32> -> tensor<3x4xi1>
# CHECK-NOT:     ag.scatter
# CHECK:         %[[W:.*]] = ag.select %[[M]], %{{.*}}, %arg0 : tensor<3x4xi1>, tensor<f32>, tensor<3x4xf32> -> tensor<3x4xf32>
# CHECK:         %[[L:.*]] = ag.lt %[[W]], %{{.*}} : tensor<3x4xf32>, tensor<f32> -> tensor<3x4xi1>
# CHECK:         %[[WF:.*]] = ag.reshape %[[W]] : tensor<3x4xf32> -> tensor<12xf32>
# CHECK:         %[[LF:.*]] = ag.reshape %[[L]] : tensor<3x4xi1> -> tensor<12xi1>
# CHECK-NOT:     ag.assert
# CHECK:         %[[G:.*]] = ag.compress %[[WF]], %[[LF]] : tensor<12xf32>, tensor<12xi1> -> tensor<?xf32>
# CHECK:         return %[[G]], %[[W]] : tensor<?xf32>, tensor<3x4xf32>
print(ag.stage(masks).ir(np.ones((3, 4), np.float32)))


def add_at(x, i):
    np.add.at(x, i, 1.0)
    return x


# A write checks its staged indices as it scatters (`checked`), then raises on the flag:
# the indices are read once, and the result is used only after the test.
# CHECK-LABEL: func.func @add_at(%arg0: tensor<5xf64>, %arg1: tensor<2xi64>) -> tensor<5xf64> {
# CHECK-NOT:     ag.any
# CHECK-NOT:     ag.broadcast_to
# CHECK:         %[[R:.*]], %[[BAD:.*]] = ag.scatter %{{.*}} into %arg0[%arg1] {checked = true, combine = "add"} : (tensor<f64>, tensor<5xf64>, tensor<2xi64>) -> (tensor<5xf64>, tensor<i1>)
# CHECK:         %[[B:.*]] = tensor.extract %[[BAD]][] : tensor<i1>
# CHECK:         scf.if %[[B]]
# CHECK:           ag.host_call
# CHECK:         return %[[R]] : tensor<5xf64>
print(ag.stage(add_at).ir(np.ones(5), np.array([0, 2])))


def known_indices(x):
    x[[0, 0, 3]] = x[[1, 2, 4]]
    return x


# Indices known while tracing are checked then: no run-time check.
# CHECK-LABEL: func.func @known_indices(%arg0: tensor<5xi32>) -> tensor<5xi32> {
# CHECK-NOT:     ag.host_call
# CHECK:         %[[G:.*]] = ag.gather %arg0[%{{.*}}] : (tensor<5xi32>, tensor<3xi64>) -> tensor<3xi32>
# CHECK:         ag.scatter %[[G]] into %arg0[%{{.*}}] : (tensor<3xi32>, tensor<5xi32>, tensor<3xi64>) -> tensor<5xi32>
print(ag.stage(known_indices).ir(np.arange(5, dtype=np.int32)))

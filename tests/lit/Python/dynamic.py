# Shape-polymorphic signatures: ag.stage(f, dynamic=...) traces once with `?` for the
# dynamic dims. Ops carry them through (a matmul with dynamic rows, reductions keeping
# them); where a dynamic dim meets another dynamic dim or a static size > 1 the trace
# records a run-time check: tensor.dim of each side, ag.eq, ag.assert (a ValueError with
# numpy's broadcast text when the compiled code runs). A dynamic dim meeting a static
# dim of 1, or a dim it broadcasts against, needs no check. The lowering sizes results
# from the operands' dims (tensor.dim + tensor.empty).
#
# RUN: %python %s | FileCheck %s

import warnings

import numpy as np

import ag

rng = np.random.default_rng(0)
W1 = rng.standard_normal((64, 32)).astype(np.float32)
B1 = np.zeros(32, np.float32)
W2 = rng.standard_normal((32, 10)).astype(np.float32)


def mlp(x):
    h = np.maximum(x @ W1 + B1, 0)
    z = h @ W2
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# The global weights are implicit parameters of static shape (read when each call runs);
# only the batch dim of x is dynamic, and it flows to the result. Nothing before the
# softmax needs a check (x's 64 meets W1's 64).
# CHECK-LABEL: func.func @mlp(%arg0: tensor<?x64xf32>, %arg1: tensor<64x32xf32>, %arg2: tensor<32xf32>, %arg3: tensor<32x10xf32>) -> tensor<?x10xf32> {
# CHECK-NOT:     ag.assert
# CHECK:         %[[H:.*]] = ag.matmul %arg0, %{{.*}} : tensor<?x64xf32>, tensor<64x32xf32> -> tensor<?x32xf32>
# CHECK-NOT:     ag.assert
# CHECK:         ag.add %[[H]], %{{.*}} : tensor<?x32xf32>, tensor<32xf32> -> tensor<?x32xf32>
# CHECK:         ag.maximum %{{.*}} : tensor<?x32xf32>, tensor<f32> -> tensor<?x32xf32>
# CHECK-NOT:     ag.assert
# CHECK:         %[[Z:.*]] = ag.matmul %{{.*}}, %{{.*}} : tensor<?x32xf32>, tensor<32x10xf32> -> tensor<?x10xf32>
# CHECK:         %[[M:.*]] = ag.max %[[Z]] {axes = array<i64: 1>, keepdims = true} : tensor<?x10xf32> -> tensor<?x1xf32>
# CHECK:         ag.sub %[[Z]], %[[M]] : tensor<?x10xf32>, tensor<?x1xf32> -> tensor<?x10xf32>
# CHECK:         ag.sum %{{.*}} {axes = array<i64: 1>, keepdims = true} : tensor<?x10xf32> -> tensor<?x1xf32>
# CHECK:         %[[R:.*]] = ag.div %{{.*}}, %{{.*}} : tensor<?x10xf32>, tensor<?x1xf32> -> tensor<?x10xf32>
# CHECK-NEXT:    return %[[R]] : tensor<?x10xf32>
print(ag.stage(mlp, dynamic="batch").ir(np.ones((8, 64), np.float32)))

# Lowered: the matmul's result is allocated with x's run-time rows.
# CHECK-LABEL: func.func @mlp(%arg0: tensor<?x64xf32>, %arg1: tensor<64x32xf32>, %arg2: tensor<32xf32>, %arg3: tensor<32x10xf32>) -> tensor<?x10xf32> {
# CHECK:         %[[DIM:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x64xf32>
# CHECK:         %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x32xf32>
# CHECK:         %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x32xf32>) -> tensor<?x32xf32>
# CHECK:         linalg.matmul ins(%arg0, %{{.*}} : tensor<?x64xf32>, tensor<64x32xf32>) outs(%[[FILL]] : tensor<?x32xf32>) -> tensor<?x32xf32>
# CHECK:         tensor.empty(%[[DIM]]) : tensor<?x10xf32>
# CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x32xf32>, tensor<32x10xf32>)
# CHECK:         return %{{.*}} : tensor<?x10xf32>
print(ag.stage(mlp, dynamic="batch").ir(np.ones((8, 64), np.float32), emit="linalg"))


def add(x, y):
    return x + y


# Both dim 0s dynamic: their sizes are compared when the code runs, before the add.
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<?x4xf32>) -> tensor<?x4xf32> {
# CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
# CHECK-NEXT:    %[[DX:.*]] = tensor.dim %arg0, %[[C0]] : tensor<?x4xf32>
# CHECK-NEXT:    %[[IX:.*]] = arith.index_cast %[[DX]] : index to i64
# CHECK-NEXT:    %[[NX:.*]] = tensor.from_elements %[[IX]] : tensor<i64>
# CHECK-NEXT:    %[[C0B:.*]] = arith.constant 0 : index
# CHECK-NEXT:    %[[DY:.*]] = tensor.dim %arg1, %[[C0B]] : tensor<?x4xf32>
# CHECK-NEXT:    %[[IY:.*]] = arith.index_cast %[[DY]] : index to i64
# CHECK-NEXT:    %[[NY:.*]] = tensor.from_elements %[[IY]] : tensor<i64>
# CHECK-NEXT:    %[[EQ:.*]] = ag.eq %[[NX]], %[[NY]] : tensor<i64>, tensor<i64> -> tensor<i1>
# CHECK-NEXT:    ag.assert %[[EQ]] {callback = {{[0-9]+}} : i64} : tensor<i1>
# CHECK-NEXT:    %[[SUM:.*]] = ag.add %arg0, %arg1 : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
# CHECK-NEXT:    return %[[SUM]] : tensor<?x4xf32>
x = np.ones((3, 4), np.float32)
print(ag.stage(add, dynamic="batch").ir(x, x.copy()))  # (x, x) is one array, one param

# A dynamic dim meeting a static 3: compared with the constant; the result stays dynamic
# (its lowering takes the smaller size, so a mismatch never reads past an end).
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<3x4xf32>) -> tensor<?x4xf32> {
# CHECK:         %[[DX:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x4xf32>
# CHECK:         %[[THREE:.*]] = ag.constant dense<3> : tensor<i64>
# CHECK-NEXT:    %[[EQ:.*]] = ag.eq %{{.*}}, %[[THREE]] : tensor<i64>, tensor<i64> -> tensor<i1>
# CHECK-NEXT:    ag.assert %[[EQ]] {callback = {{[0-9]+}} : i64} : tensor<i1>
# CHECK-NEXT:    ag.add %arg0, %arg1 : tensor<?x4xf32>, tensor<3x4xf32> -> tensor<?x4xf32>
print(ag.stage(add, dynamic={"x": 0}).ir(x, x.copy()))

# Broadcasting against a row (4,), a static 1 or a dynamic column: no check for the
# dynamic dim (it meets nothing, or a 1).
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<4xf32>) -> tensor<?x4xf32> {
# CHECK-NOT:     ag.assert
# CHECK:         ag.add %arg0, %arg1 : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
print(ag.stage(add, dynamic={"x": 0}).ir(x, np.ones(4, np.float32)))
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<1x4xf32>) -> tensor<?x4xf32> {
# CHECK-NOT:     ag.assert
# CHECK:         ag.add %arg0, %arg1 : tensor<?x4xf32>, tensor<1x4xf32> -> tensor<?x4xf32>
print(ag.stage(add, dynamic={"x": 0}).ir(x, np.ones((1, 4), np.float32)))
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<?x1xf32>) -> tensor<?x4xf32> {
# CHECK:         ag.assert
# CHECK:         ag.add %arg0, %arg1 : tensor<?x4xf32>, tensor<?x1xf32> -> tensor<?x4xf32>
print(ag.stage(add, dynamic="batch").ir(x, np.ones((3, 1), np.float32)))


def stats(x):
    return x.sum(axis=0), x.mean(axis=1), x.max()


# Reductions over the dynamic dim give static results; over the other dims they keep it.
# Two dynamic dims of one argument.
# CHECK-LABEL: func.func @stats(%arg0: tensor<?x?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<f32>) {
# CHECK:         ag.sum %arg0 {axes = array<i64: 0>} : tensor<?x?xf32> -> tensor<?xf32>
# CHECK:         ag.mean %arg0 {axes = array<i64: 1>} : tensor<?x?xf32> -> tensor<?xf32>
# CHECK:         ag.max %arg0 {axes = array<i64: 0, 1>} : tensor<?x?xf32> -> tensor<f32>
print(ag.stage(stats, dynamic={"x": (0, 1)}).ir(x))
# CHECK-LABEL: func.func @stats(%arg0: tensor<?x4xf32>) -> (tensor<4xf32>, tensor<?xf32>, tensor<f32>) {
print(ag.stage(stats, dynamic={0: 0}).ir(x))


# "auto": the first trace is static; a call with another size makes that dim dynamic.
# CHECK-LABEL: func.func @add(%arg0: tensor<3x4xf32>, %arg1: tensor<3x4xf32>) -> tensor<3x4xf32> {
# CHECK-LABEL: func.func @add(%arg0: tensor<?x4xf32>, %arg1: tensor<?x4xf32>) -> tensor<?x4xf32> {
# CHECK:         ag.assert
auto = ag.stage(add, dynamic="auto", warn_after=10**9)
x2 = x.copy()  # two arrays: (x, x) would be one array, one parameter
print(auto.ir(x, x2))
auto(x, x2)
y = np.ones((5, 4), np.float32)
y2 = y.copy()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ag.AgRetraceWarning)
    auto(y, y2)
print(auto.ir(y, y2))

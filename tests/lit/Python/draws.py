# np.random in staged code is an ag.host_call per draw, never a constant: one in the body
# of a staged loop (one draw per iteration), one per branch of a staged if, staged
# arguments (loc, a size) as operands and a staged size as the size of a dynamic dim. A
# staged while carries its condition: the draw Python made to decide to stage the loop is
# its first test, and the body makes the next ones (no draw is made twice).
# (Not named random.py: the script's directory comes first on sys.path, and numpy
# imports the standard library's random.)
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def walk(x):
    for i in range(20):
        x = x + np.random.normal(x, 0.5)
    return x


def branch(x):
    if x.sum() > 0:
        x = x + np.random.rand(4)
    else:
        x = x - np.random.randint(0, 3, size=4)
    return x


def sized(x, n):
    return np.random.rand(n, 4) + x


def geometric(x):
    k = np.int64(0)
    while np.random.rand() < 0.5:
        k = k + 1
    return k


x = np.ones(4)
# CHECK-LABEL: func.func @walk
# CHECK-NOT:  ag.host_call
# CHECK:      scf.for
# CHECK:        %[[D:.*]] = ag.host_call(%{{.*}}) sizes() {callback = {{[0-9]+}} : i64} : (tensor<4xf64>) -> tensor<4xf64>
# CHECK:        ag.add %{{.*}}, %[[D]]
# CHECK:        scf.yield
# CHECK-NOT:  ag.host_call
# CHECK:      return
print(ag.stage(walk).ir(x))

# CHECK-LABEL: func.func @branch
# CHECK:      scf.if
# CHECK:        ag.host_call() sizes() {{.*}} : () -> tensor<4xf64>
# CHECK:      } else {
# CHECK:        ag.host_call() sizes() {{.*}} : () -> tensor<4xi64>
# CHECK:      }
print(ag.stage(branch).ir(x))

# CHECK-LABEL: func.func @sized
# CHECK-SAME: (%{{.*}}: tensor<4xf64>, %[[N:.*]]: tensor<i64>)
# CHECK:      ag.host_call(%[[N]]) sizes(%[[N]]) {{.*}} : (tensor<i64>, tensor<i64>) -> tensor<?x4xf64>
print(ag.stage(sized).ir(x, np.int64(3)))

# CHECK-LABEL: func.func @geometric
# CHECK:      %[[FIRST:.*]] = ag.host_call() sizes()
# CHECK:      %[[TEST:.*]] = ag.lt %[[FIRST]]
# CHECK:      scf.while (%[[C:.*]] = %[[TEST]], %{{.*}} = %{{.*}}) : (tensor<i1>, tensor<i64>)
# CHECK-NOT:    ag.host_call
# CHECK:        scf.condition
# CHECK:      } do {
# CHECK:        ag.host_call() sizes()
# CHECK:        scf.yield
print(ag.stage(geometric).ir(x))

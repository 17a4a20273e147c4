# Staged `if`: a condition on a staged value becomes one scf.if whose branches yield the
# variables the statement modifies and the code after it reads; Python conditions run
# plain Python and leave no scf.if.
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def clip_sign(x, y):
    if x.sum() > 0:
        y = y * 2.0
        z = x
    else:
        y = -y
        z = x + 1.0
    return y, z


def python_condition(x, flag):
    if flag:
        x = x * 2.0
    return x


def one_sided(x):
    if x[0] > 0:
        x = x + 1.0
    return x


x = np.ones(4, np.float32)
# CHECK-LABEL: func.func @clip_sign
# CHECK:      %[[P:.*]] = ag.gt
# CHECK-NEXT: %[[COND:.*]] = tensor.extract %[[P]][] : tensor<i1>
# CHECK-NEXT: %[[R:.*]]:2 = scf.if %[[COND]] -> (tensor<4xf32>, tensor<4xf32>) {
# CHECK:        ag.mul
# CHECK:        scf.yield %{{.*}}, %arg0 : tensor<4xf32>, tensor<4xf32>
# CHECK-NEXT: } else {
# CHECK:        ag.neg
# CHECK:        ag.add
# CHECK:        scf.yield
# CHECK-NEXT: }
# z is x itself on the then path: the condition leaves too, to return the caller's x.
# CHECK-NEXT: return %[[R]]#0, %[[P]], %[[R]]#1
print(ag.stage(clip_sign).ir(x, x.copy()))  # two arrays, two parameters

# CHECK-LABEL: func.func @python_condition
# CHECK-NOT:  scf.if
# CHECK:      ag.mul
# CHECK-NOT:  scf.if
# CHECK:      return
print(ag.stage(python_condition).ir(x, True))

# The branch without an assignment yields the value from before the if.
# CHECK-LABEL: func.func @one_sided
# CHECK:      scf.if %{{.*}} -> (tensor<4xf32>) {
# CHECK:        %[[INC:.*]] = ag.add %arg0
# CHECK-NEXT:   scf.yield %[[INC]]
# CHECK-NEXT: } else {
# CHECK-NEXT:   scf.yield %arg0
print(ag.stage(one_sided).ir(x))

# `and` / `or` / chained comparisons on staged 0-d bools are lazy: the right side is
# recorded inside an scf.if, so it runs only where Python would evaluate it (it may
# index out of range otherwise, as in `i < n and x[i] > 0`).
#
# RUN: %python %s | FileCheck %s

import numpy as np

import ag


def guarded(x, i):
    return i < x.shape[0] and x[i] > 0


# CHECK-LABEL: func.func @guarded
# CHECK:      %[[IN:.*]] = ag.lt %arg1
# CHECK:      %[[C:.*]] = tensor.extract %[[IN]][]
# CHECK:      scf.if %[[C]] -> (tensor<i1>) {
# CHECK:        ag.dynamic_index %arg0
# CHECK:        %[[POS:.*]] = ag.gt
# CHECK:        scf.yield %[[POS]]
# CHECK:      } else {
# CHECK-NEXT:   scf.yield %[[IN]]
print(ag.stage(guarded).ir(np.ones(4), np.int64(2)))


def in_interval(a, b):
    return 0 < a < b <= 10


# a < b < c is `0 < a and (a < b and b <= 10)`, each comparison once.
# CHECK-LABEL: func.func @in_interval
# CHECK:      ag.gt %arg0
# CHECK:      scf.if
# CHECK-NEXT:   %[[AB:.*]] = ag.lt %arg0, %arg1
# CHECK:        scf.if
# CHECK:          ag.le %arg1
# CHECK:        } else {
# CHECK-NEXT:     scf.yield %[[AB]]
print(ag.stage(in_interval).ir(np.int64(1), np.int64(2)))

# Loops stay loops (issue 13): a triangular nest whose inner bounds depend on the outer
# index, loops over rows/columns/pixels whose index is used in slices, and a nest of
# short loops whose steps would record much are scf.for with windows at the staged
# index (ag.window / ag.insert_window), not unrolled copies of their bodies.
#
# RUN: %python %s 2>&1 | FileCheck %s

import os

import numpy as np

import ag


def gram_schmidt(A):
    n = A.shape[1]
    Q = np.zeros_like(A)
    R = np.zeros((n, n), dtype=A.dtype)
    for k in range(n):
        R[k, k] = np.sqrt(np.dot(A[:, k], A[:, k]))
        Q[:, k] = A[:, k] / R[k, k]
        for j in range(k + 1, n):
            R[k, j] = np.dot(Q[:, k], A[:, j])
            A[:, j] -= Q[:, k] * R[k, j]
    return Q, R


# The outer loop over k, the inner from k + 1: one scf.for each; columns are windows.
# CHECK-LABEL: func.func @gram_schmidt
# CHECK:         scf.for %[[K:.*]] = {{.*}} iter_args(
# CHECK:           ag.window %{{.*}}[%{{.*}}, %{{.*}}] sizes() {steps = array<i64: 1, 1>} : ({{.*}}) -> tensor<12x1xf64>
# CHECK:           ag.insert_window %{{.*}} into %{{.*}}[%{{.*}}, %{{.*}}] {steps = array<i64: 1, 1>} : tensor<12x1xf64> into tensor<12x12xf64>
# CHECK:           scf.for %[[J:.*]] = {{.*}} iter_args(
# CHECK:             ag.insert_window
# CHECK:             scf.yield
# CHECK:           scf.yield
# CHECK-NOT:     scf.for
# CHECK:         return
print(ag.stage(gram_schmidt).ir(np.eye(12)))


def conv_direct(inp, weights):
    K = weights.shape[0]
    out = np.empty((inp.shape[0], inp.shape[1] - K + 1, inp.shape[2] - K + 1,
                    weights.shape[3]), dtype=inp.dtype)
    for i in range(out.shape[1]):
        for j in range(out.shape[2]):
            out[:, i, j] = np.sum(inp[:, i:i + K, j:j + K, :, None] * weights, axis=(1, 2, 3))
    return out


# Six steps each, but each step records a window read, a product and a reduction: the
# inner loop's last five steps are one scf.for, and so are the outer's.
# CHECK: ag[loops]: {{.*}}loop_nests.py:[[INNER:[0-9]+]]: range of 6 steps making {{[0-9]+}} arrays per step: the last 5 tried as a staged loop
# CHECK: ag[loops]: {{.*}}loop_nests.py:[[INNER]]: range of 5 steps staged as a loop
# CHECK-LABEL: func.func @conv_direct
# CHECK:         ag.sum
# CHECK:         scf.for
# CHECK:         scf.for
# CHECK-NOT:     scf.for
# CHECK:         return
os.environ["AG_LOG"] = "loops"
print(ag.stage(conv_direct).ir(np.ones((1, 8, 8, 2), np.float32),
                               np.ones((3, 3, 2, 4), np.float32)))
os.environ["AG_LOG"] = ""


def short_and_light(x):
    for i in range(3):
        x = x + i
    return x


# A short loop with a light body is unrolled: its index stays a Python int.
# CHECK-LABEL: func.func @short_and_light
# CHECK-NOT:     scf.for
# CHECK:         return
print(ag.stage(short_and_light).ir(np.ones(4)))

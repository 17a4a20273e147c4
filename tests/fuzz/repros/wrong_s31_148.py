# ag-fuzz program: seed=31 index=148
# features: aliases arg_write break_continue edge_values elementwise for_array for_small if_python if_staged inplace_aug inplace_index pow pyscalar views while
import numpy as np

def f(a0, a1):
    t1 = (np.matmul(a0.T, a0))
    for i2 in range(1, 7):
        for row3 in t1:
            t4 = (a1 @ a1.T)
            if i2 > 5:
                break
            t4 = np.maximum(t1, t1)
        for row5 in a1:
            t6 = np.maximum(t1, 1)
            row5 *= -0.0
        t7 = np.max(a1, axis=1, keepdims=True)
        if a1.ndim == 1:
            break
    k8 = 0
    while np.sum(abs(t1)) > 2147483653 and np.max(np.ones_like(a0)) < 4 and k8 < 6:
        k8 += 1
        a0 = abs(a0)
        v9 = t1.T
        v9[-2, 1::1] = 1e-3
    a0[-5, 0::-1] = -0.25
    t1 = t1
    t10 = np.rint(np.clip(a1, 2147483653, 2147483653 + 3))
    return t1


def inputs():
    return [
        np.array([3.75, -1.75, -1.0, -3.0, 3.0, 3.0, 3.25, -2.25, -0.0, -3.5, 1.25, -2.5, 2.75, -3.25, -0.25, 3.5, -0.5, -2.0, -2.25, 0.5], dtype=np.float32).reshape(5, 4),
        np.array([3.0, 3.75, 3.5, -1.0, -2.0, -1.0, -3.25, 1.5, -2.25, 1.0, 3.25, -2.25, -0.5, 0.5, -4.0, -0.0, 2.75, -0.25, -1.25, 0.75], dtype=np.float32).reshape(4, 5),
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

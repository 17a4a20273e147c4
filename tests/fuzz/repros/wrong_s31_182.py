# ag-fuzz program: seed=31 index=182
# features: aliases arg_write broadcasting edge_values elementwise for_large for_small if_python nonfinite out_ellipsis pow return_in_loop
import numpy as np

def f(a0, n):
    t1 = (np.matmul(a0.T, a0))
    t2 = (np.matmul(a0, t1.T))
    for i3 in range(6):
        if i3 % 3 == 0:
            return t1, t2
        y4 = a0
        for i5 in range(16):
            y4 = np.cos(t2)
            y4 += np.log2(y4)
        t6 = (np.matmul(t1, t1))
    t1 = t1
    a0 *= t2[-3]
    y7 = t1
    t1 -= (t1 == y7)
    t8 = t1 - y7
    t1[...] = t8[-2, None]
    for i9 in range(11):
        t8[...] += (y7 ** -1)
        t10 = abs(a0)
    return t1, t2


def inputs():
    return [
        np.array([0.5, -4.0, 1.0, 4.0, -0.5, 0.0, 9.99994610111476e-41, np.nan, 2.5, -2.75, -0.75, -0.75], dtype=np.float32).reshape(3, 4),
        6,
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz program: seed=31 index=13
# features: aliases arg_write broadcasting elementwise empty_arrays for_large if_staged inplace_aug pow print pyscalar while
import numpy as np

def f(a0, n):
    t1 = a0
    t2 = (np.isfinite(t1))[2, 2:-1:-1]
    t2 = np.logical_not(t2)
    print('v', np.arctan(np.exp(a0)))
    k3 = 0
    while np.mean(np.isnan(t2)) > True and k3 < 5:
        k3 += 1
        a0 = (np.log10(np.sqrt(a0))).astype(np.int64)
    t1 = a0
    t1 *= -1
    if np.min(abs(t1)) > 3:
        print('v', np.minimum(np.sign(t1), (a0 ** 0)))
        t4 = a0
    for i5 in range(14, 0, -1):
        a0 |= a0
    t6 = (t2).astype(np.int32)
    t7 = np.invert(a0)
    return t1


def inputs():
    return [
        np.array([7, 8, 8, 5, -2, 6], dtype=np.int64).reshape(3, 2),
        5,
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

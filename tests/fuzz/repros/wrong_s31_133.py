# ag-fuzz program: seed=31 index=133
# features: aliases arg_write break_continue broadcasting edge_values elementwise empty_arrays for_array for_small if_python if_staged inplace_aug lists out_ellipsis pow pyscalar refusal_bait return_in_loop views while
import numpy as np

def f(a0, a1):
    t1 = (np.logical_and(np.isnan(a1), np.where((a1 > 1e-3), -1, a1)) // np.square(a0))
    t2 = (-(np.expm1(a0))[0:-1:-2, -2])
    b3 = (t1).astype(np.int32)
    for i_b3 in range(10):
        b3 = b3 * 0.5 + 1
    print('bait', np.sum(b3))
    a1 //= 5
    if a1.min() >= 0.1:
        t4 = t2[::3]
        for row5 in a0:
            row5[:] *= (t1).any()
            t6 = a1
            t7 = np.exp(np.log10(t4))
    else:
        if t1.ndim == 2:
            k8 = 0
            while np.sum((t1 @ a1)) < 1.5 and k8 < 8:
                k8 += 1
                t9 = np.tanh((t2 ** 2))
            a1[...] *= (-a1)
            a1 *= 0.5
        for row10 in a1:
            row10[1] += -0.25
            a1 -= t1[:3:3]
            if t2.shape[0] > 2:
                return t1, t2
        lst11 = []
        for i12 in range(3):
            lst11.append(t1)
        t13 = lst11[1]
    k14 = 0
    while np.any((a1 ** 2.0) > 2) and k14 < 5:
        k14 += 1
        if t1.shape[0] > 2:
            continue
        a1 = ((a0 ** 0.5)).astype(np.float32)
        y15 = t2
        y15[2:0] = y15
        t16 = t2 - y15
    y17 = a1
    for i18 in range(5):
        y17[-2, 2:-1] = t2[:2:1]
        y17 += 0.5
    a0 = (a1).astype(np.float64)
    return t1, t2


def inputs():
    return [
        np.array([2.0, -2.5, -0.75, -0.0], dtype=np.float64).reshape(2, 2),
        np.array([1.5, 2.0, -0.0, -1.75], dtype=np.float32).reshape(2, 2),
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

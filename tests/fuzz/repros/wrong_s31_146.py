# ag-fuzz program: seed=31 index=146
# features: aliases arg_write break_continue broadcasting edge_values elementwise empty_arrays for_large for_small helpers if_python if_staged inplace_aug inplace_index lists pow print pyscalar views while
import numpy as np

def h11(p0, p1):
    p0[-2] *= -0.0
    return np.max((p0 > p1), axis=-3)

def f(a0, a1, a2):
    t1 = np.minimum(np.minimum(a1, a2), (a2 ** 0.5))
    if a2.ndim == 1:
        for i2 in range(3, 0, -2):
            for i3 in range(1, 1):
                if a2.shape[0] > 2:
                    continue
                a0 -= np.any(a1)
            a1 //= (a2 * a2)
            t4 = (a1 ** 2.0)
            if np.sum((-a0)) < 1.5:
                break
    else:
        lst5 = []
        for i6 in range(5):
            k7 = 0
            while t1.max() >= 0.1 and k7 < 6:
                k7 += 1
                a1 = ((~(a1 == t1))).astype(np.float32)
                v8 = t1[-1, :3, 2]
                v8[-2] *= 1.5
                a2 = a2 + a2
            lst5.append(np.tan(np.where((t1 > 1e-3), -2, a2)))
        t9 = lst5[-1]
    k10 = 0
    while -1 < np.sum(a1[::1, -2:2:-1]) < 6 and k10 < 2:
        k10 += 1
        a2 = np.trunc(a2)
        a2[-2:2:-1] = -0.0
        print('v', a2, k10)
    t12 = h11(a1, t1)
    if np.sum(np.where(t12, a2, t12)) < 0.5:
        y13 = a1
        for i14 in range(12):
            y13 = y13 + y13
            y13 *= 2.0
        for i15 in range(6):
            t16 = a2
            y17 = t16
            t16 -= 1
    return t1, a0


def inputs():
    return [
        np.array([-2.75, 1.25, 3.5, -1.0, 0.0, 1.75, -0.0, -0.25], dtype=np.float64).reshape(2, 4),
        np.array([1.5, -1.25, 3.0, 0.0, -0.25, 0.25, -0.25, -2.75, -2.5, -2.25, 1.0, -2.0, -1.5, 0.25, -0.5, -3.5], dtype=np.float32).reshape(2, 2, 4),
        np.array([-1.5, -0.0], dtype=np.float32).reshape(2, 1),
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

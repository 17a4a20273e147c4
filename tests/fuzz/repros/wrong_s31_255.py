# ag-fuzz program: seed=31 index=255
# features: aliases arg_write break_continue edge_values elementwise for_array for_large for_small helpers if_python if_staged inplace_aug lists nonfinite out_ellipsis pow print print_python pyscalar return_in_loop while zero_d
import numpy as np

def h15(p0):
    if -1 < np.sum(np.true_divide(p0, 1)) < 6:
        for i16 in range(19, 0, -1):
            t17 = np.subtract(np.remainder(7, p0), (~p0))
            p0 *= (~t17)
            print('v', np.subtract(np.abs(p0), (p0 * p0)))
            t18 = np.where((np.floor_divide(t17, (p0 + t17)) > 7), (~(t17 <= 0)), np.subtract(np.abs(t17), (t17 ** 2)))
    elif np.sum(np.abs(p0)) > 5:
        if np.sum((p0 | 5)) > 2:
            t19 = p0
            t19 *= t19
            p0[...] = (p0 ** 1)
        else:
            p0 -= (p0 > p0)
        lst20 = []
        for i21 in range(5):
            lst20.append(np.asarray((np.minimum(p0, p0) // (p0 ^ p0))))
        t22 = lst20[1]
        t23 = np.isnan(np.argmin(np.where((t22 > 0), t22, p0)))
    else:
        k24 = 0
        while np.sum(p0) > 0 and np.max((p0 ^ p0)) < 4 and k24 < 10:
            k24 += 1
            if np.max(np.maximum(p0, 2147483647)) > 5:
                continue
            t25 = (-(p0).min())
        k26 = 0
        while np.any((p0 ** 0) > 2147483647) and k26 < 5:
            k26 += 1
            print('step', 0)
            p0[...] = np.floor(p0)
    return p0 * 1

def f(a0, a1, n):
    t1 = (a0.T @ a0)
    t2 = (a0 >= t1)
    if np.sum((np.matmul(a0, t2.T))) > -0.25:
        k3 = 0
        while np.sum(a1) > 2 and np.max(a0) < 4 and k3 < 7:
            k3 += 1
            print('step', 4)
            print('v', np.true_divide(np.where((a1 > -2), a1, a1), a1), k3)
            if np.max((a1).reshape(-1)) > 7:
                continue
    elif np.any((-a1) > 2):
        if np.any((1.5 >= a0) > True):
            t4 = np.max(a0, axis=0, keepdims=True)
        if n > 4:
            a1 *= a1
        else:
            t5 = (a1 - t2)
    else:
        print('v', np.logical_xor(np.where(t2, 2, a1), np.where(t2, a1, t2)))
        if t2.sum() <= 7:
            t6 = t1
            a0 = (t2).astype(np.float32)
        elif -1 < np.sum(np.where((a1 > -1), t2, t1)) < 6:
            a0 *= t1
            t7 = (~np.where((a1 > 7), 7, t2))
            t7 |= 3
        for i8 in range(6, 0, -2):
            if np.sum((~t2)) < 0:
                break
            a1 += -2
    for i9 in range(8):
        lst10 = []
        for i11 in range(13):
            lst10.append(a0)
        t12 = np.stack(lst10).sum(axis=0)
        k13 = 0
        while np.sum((a0 + t2)) < 1.5 and k13 < 10:
            k13 += 1
            if n % 2 == 0:
                return t1, t2
        for row14 in t2:
            a0 *= 3
        if t12.sum() >= -1:
            continue
    t27 = h15(a1)
    return t1, t2


def inputs():
    return [
        np.array([np.nan, -1.25, 2.75, 4.0, -0.5], dtype=np.float32),
        np.array(-7, dtype=np.int32),
        6,
    ]

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

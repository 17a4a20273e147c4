# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: 'ag.abs' op using val
# minimized from prog_s600_690.py
# numpy ran, ag raised non-ag StagingError
import numpy as np
h25 = lambda p0: np.where(p0, p0, p0).astype(np.int32)

def h42(p0):
    return p0 * 1

def h51(p0):
    t52 = p0 % (p0 // p0) == p0

def f(a0):
    t1 = np.log1p(a0)
    lst2 = []
    for i3 in range(9):
        lst2.append(a0 // a0.sum())
    t6 = lst2[1]
    t7 = t1.T @ t6
    lst8 = []
    for i9 in range(9):
        t7[1] -= 5
        lst8.append(a0 == np.where(t6 > 3.0, False, 7))
    t16 = lst8[-1]
    for i22 in range(9):
        t1 = np.abs(t16).astype(np.float32)
        if a0.shape[0] > 1:
            return t1
    return t1

def inputs():
    return [np.array([-0.0, -2.5, -3.25, 1.5, -2.75, -0.0, -2.75, 2.75, 2.0, 3.75, -0.0, 3.5, -0.75, -0.5, -2.75], dtype=np.float32).reshape(5, 3)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: operand #N does not d
# minimized from prog_s1001_9.py
# numpy ran, ag raised non-ag StagingError
import numpy as np

def h7(p0, p1):
    return p1 * 1

def f(a0):
    t1 = a0 < a0
    lst2 = []
    for i3 in range(9):
        a0 = (~t1).astype(np.int64)
        lst2.append(np.logical_not(t1[-1:2:-1, ::1]))
    t6 = lst2[1]
    t9 = h7(t6, a0)
    for row10 in t9:
        t11 = np.logical_xor(t6, a0)
    t9[:3] -= t6 * True
    return a0

def inputs():
    return [np.ones((4, 2), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

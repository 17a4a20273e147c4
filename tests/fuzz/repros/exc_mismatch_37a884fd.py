# ag-fuzz repro: EXC-MISMATCH/none->ValueError: need at least one array to stack
# minimized from prog_s2_176.py
# numpy ran, ag raised non-ag ValueError
import numpy as np

def f(a0):
    t1 = a0
    t2 = t1
    if np.sum(t2) > 2147483653:
        lst7 = []
        t9 = np.stack(lst7)
    else:
        for i10 in range(9):
            continue
    return t2

def inputs():
    return [np.array([6, 6, 5, 1, -3], dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

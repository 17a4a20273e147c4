# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s50_3278.py (fuzz.py --seed 50): after a staged loop whose body first writes t1 in place (the argument on the first iteration) and then binds t1 and a0 to one new array, `a0 -= t1` must zero both names; ag gives -1
# result: 6 of 6 differ, first at (0, 0): ag -1.0 numpy 0.0
import numpy as np

def f(a0, a1):
    t1 = a0
    for i5 in range(9):
        t1[:2:1, ...] -= t1
        t1 = t1 - a1
        a0 = t1
    y7 = t1
    a0 -= t1
    return y7

def inputs():
    return [np.ones((2, 3), dtype=np.float32), np.ones((3,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

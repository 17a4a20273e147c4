# ag-fuzz repro: WRONG/args-value/call1
# minimized from prog_s50_7932.py (fuzz.py --seed 50): `t1 = t1[:2]` in a staged loop left t1 a copy, so `t1 *= a1` after it missed a1 (numpy: a chain of views of a1); such a range loop now iterates in Python, a while loop refuses
# argument[0]: 1 of 2 differ, first at (0, 0): ag -1 numpy 1
import numpy as np

def f(a1, a2):
    t1 = a1
    for i2 in range(9):
        t1 = t1[:2:1]
    t1 *= a1
    return a2

def inputs():
    return [(np.arange(2) - 1).reshape((2, 1)).astype(np.int64), np.ones((2, 2, 4), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

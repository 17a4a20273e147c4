# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s600_1480.py
# result: 1 of 1 differ, first at (0,): ag 443082656 numpy -2147483648
import numpy as np

def h5(p0):
    t6 = p0 ^ p0
    return np.floor(t6) // np.multiply(3, t6)

def f(a1):
    t1 = a1.min(axis=-1, keepdims=True)
    t7 = h5(t1)
    t1 = t7.astype(np.int32)
    return t1

def inputs():
    return [np.ones((2,), dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

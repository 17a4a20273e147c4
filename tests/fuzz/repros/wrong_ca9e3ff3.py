# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s41_566.py (fuzz.py --seed 41, session 5): a view written with the array it views
# result: 2 of 4 differ, first at (0, 1): ag 2 numpy 1
import numpy as np

def f(a0):
    t1 = a0
    y2 = t1
    t3 = t1
    v4 = t3.T
    v4[-2:3:1] = y2
    t11 = v4
    return t11

def inputs():
    return [np.arange(4).reshape((2, 2)).astype(np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s62_1587.py (fuzz.py --seed 62), then by hand: a staged loop whose names t1 and a0 are one object at every iteration's start (t1 = a0 before it and at the end of the body) lost the writes through t1 of every iteration but the first (ag 0.001, numpy 1e-27); fixed by loading such names as one object (carried.py _Plan.same)
# result: 2 of 4 differ, first at (0, 0): ag 0.001 numpy 1.0000003e-27
import numpy as np

def f(a0):
    t1 = a0
    for i11 in range(9):
        t1[0, :2] *= 0.001
        a0 = a0 * 1.0
        t1 = a0
    return t1

def inputs():
    return [np.ones((2, 2), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

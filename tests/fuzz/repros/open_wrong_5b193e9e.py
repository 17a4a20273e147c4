# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s62_1587.py (fuzz.py --seed 62), OPEN: in a staged loop where t1 is a0 at entry, a write through a view of t1 and then a0 = np.power(a0, a1) (a1 a 0-d bool argument) keeps only the first iteration's write (ag 0.001, numpy 1e-27); with a0 * 1.0 instead of np.power, or without the loop, ag is right -- found on the final code of session 10
# result: 2 of 4 differ, first at (0, 0): ag 0.001 numpy 1.0000003e-27
import numpy as np

def f(a0, a1):
    t1 = a0
    for i11 in range(9):
        v12 = t1[-2]
        v12[:2] *= 0.001
        a0 = np.power(a0, a1)
        t1 = a0
    return t1

def inputs():
    return [np.ones((2, 2), dtype=np.float32), np.ones((), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

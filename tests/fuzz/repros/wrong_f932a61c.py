# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s66_798.py (fuzz.py --seed 66): the then branch binds t1 and a0 to one new array; the else branch leaves t1 an Either its staged loop made (its paths followed by the caller); the write t1[:] = -a0 after the if did not reach a0 on the then path (the not-followed result was not the object a0 shares there)
# result: 16 of 16 differ, first at (0, 0): ag 0.001 numpy -0.001
import numpy as np

def f(a0):
    t1 = a0
    if np.sum(a0):
        t1 = np.minimum(a0, 0.001)
        a0 = t1
    else:
        for i10 in range(9):
            t1 = a0
    t1[:] = -a0
    return a0

def inputs():
    return [np.ones((4, 4), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

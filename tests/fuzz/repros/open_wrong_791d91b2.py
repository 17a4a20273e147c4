# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s59_6049.py (fuzz.py --seed 59), OPEN: float min/max reductions (arith.minimumf) give -0.0 for a -0.0/+0.0 tie; numpy keeps the later element (np.minimum(-0.0, 0.0) is 0.0), so a min(axis=0) of rows of -0.0 and 0.0 differs and 0.001 // it gives -inf for inf
# result: 5 of 10 differ, first at (0, 0): ag -inf numpy inf
import numpy as np

def f(a1):
    t1 = a1
    t2 = a1
    a1 *= 5 <= t1
    a1 += a1.min(axis=0)
    t1 += 0.001 // a1
    return t2

def inputs():
    return [(np.arange(10) - 5).reshape((2, 5)).astype(np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

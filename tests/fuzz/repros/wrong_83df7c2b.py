# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s700_70.py
# result: 12 of 12 differ, first at (0, 0): ag 572474762 numpy -9223372036854775808
import numpy as np

def f(a0):
    t1 = a0 ^ a0
    t1 = (t1 / t1).astype(np.int64)
    return t1

def inputs():
    return [np.ones((4, 3), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s13_81.py
# result: 4 of 6 differ, first at (0, 0): ag 1.0 numpy 3.75
import numpy as np

def f(a0):
    t1 = a0
    for row2 in t1:
        t1 = np.where(a0, row2, t1)
    return t1

def inputs():
    return [np.array([1.0, -1.0, -3.75, 3.75, 0.0, -1.25], dtype=np.float32).reshape(2, 3)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

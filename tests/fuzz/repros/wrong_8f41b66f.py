# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s13_107.py
# result: 4 of 8 differ, first at (0, 2): ag 1.4142135623730951 numpy 2.0
import numpy as np

def f(a0):
    t2 = a0
    t3 = np.sqrt(t2)
    for row9 in t3:
        t3 = np.true_divide(row9, t3)
    return t3

def inputs():
    return [np.array([-2, -4, 8, 2, -5, 6, 4, 2], dtype=np.int32).reshape(2, 4)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

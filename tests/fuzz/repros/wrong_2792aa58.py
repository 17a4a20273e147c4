# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s20_49.py
# result: 5 of 5 differ, first at (0,): ag 0.1915194503788923 numpy 0.0598092227798519
import numpy as np

def f(a0):
    for i2 in range(9):
        a0 = np.random.rand(5)
    return a0

def inputs():
    return [np.array([3.25, -2.75, -2.75, -1.5, -0.25], dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

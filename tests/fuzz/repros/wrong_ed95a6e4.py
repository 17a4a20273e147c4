# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s11_154.py
# result: 2 of 16 differ, first at (0, 1): ag nan numpy -0.9375
import numpy as np

def f(a0):
    t1 = np.dot(a0.T, a0)
    return t1

def inputs():
    return [np.array([1.75, -1.25, 2.0, 0.0, -2.5, -0.5, -3.75, -0.5, 2.0, -4.0, -3.25, 1.75, 0.0, np.inf, 1.0, 3.0, -2.0, -4.0, -3.0000000054977558e+38, np.nan], dtype=np.float32).reshape(5, 4)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

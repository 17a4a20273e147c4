# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s20_74.py
# result: 1 of 3 differ, first at (2, 0): ag 1.0 numpy 3.0
import numpy as np

def f(a1):
    t1 = a1.reshape(3, 1)
    v13 = t1[2, -2::2]
    v13[0::2] = 3.0
    return t1

def inputs():
    return [np.ones((3,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/dtype/call1
# minimized from prog_s20_9.py
# result: dtype float64 != numpy float32
import numpy as np

def f(a0, a1):
    a0 *= a1
    return a0

def inputs():
    return [np.array([-2.75, -1.25, -2.5, -3.75, -2.0], dtype=np.float32), np.array([7, 2, -4, -2, -1], dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/dtype/call1
# minimized from prog_s13_22.py
# result: dtype int32 != numpy float64
import numpy as np

def f(a1):
    t2 = a1 ** 2.0
    return t2

def inputs():
    return [np.array([5, 0, 7, 2], dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

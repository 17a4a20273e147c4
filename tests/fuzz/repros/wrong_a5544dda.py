# ag-fuzz repro: WRONG/dtype/call1
# minimized from prog_s20_15.py
# result: dtype int64 != numpy int32
import numpy as np

def f(a0, a1):
    a0 += a1
    return a0

def inputs():
    return [np.array([1, 0, 6, -2, -5, 7, 8, -4], dtype=np.int32).reshape(4, 2), np.array([-2, 2], dtype=np.int64).reshape(1, 2)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s46_314.py (fuzz.py --seed 46): a 0-d array appended to a list in a staged loop came back as a numpy scalar
# result: ag float32 float32, numpy ndarray float32
import numpy as np

def f(a0, a1):
    t1 = a0
    lst12 = []
    for i13 in range(9):
        t14 = a1
        t1[:] += a0
        lst12.append(t14)
    t15 = lst12[1]
    return t15

def inputs():
    return [np.ones((2,), dtype=np.float64), np.ones((), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

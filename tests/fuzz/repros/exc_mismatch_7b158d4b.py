# ag-fuzz repro: EXC-MISMATCH/ValueError->none
# minimized from prog_s45_226.py (fuzz.py --seed 45): a float array of one element (NaN) added into an integer element: numpy converts it with int() and raises ValueError
# numpy raised ValueError, ag returned
import numpy as np

def f(a1):
    t1 = a1.T
    t2 = np.sqrt(-1)
    t10 = t1
    v12 = a1.T
    v12[3] += t2.reshape(1)
    return t10

def inputs():
    return [np.ones((4,), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s42_727.py (fuzz.py --seed 42): a 0-d argument returned through a staged if
# result: ag int64 int64, numpy ndarray int64
import numpy as np

def f(a0, a1):
    t1 = a1
    if np.max(a0):
        return t1
    return t1

def inputs():
    return [np.ones((5, 4), dtype=np.int64), np.ones((), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s50_1668.py (fuzz.py --seed 50): a view (reshape) of a numpy scalar (x.mean()) wrote the scalar: numpy makes a new array from an immutable scalar
# result: 1 of 1 differ, first at (): ag 2.0 numpy 1.0
import numpy as np

def h3(p0):
    t4 = p0.reshape(-1)
    t4 += p0.mean()

def f(a0):
    t1 = a0.mean()
    t13 = h3(t1)
    return t1

def inputs():
    return [np.ones((3, 2), dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

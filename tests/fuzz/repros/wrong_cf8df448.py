# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s64_6501.py (fuzz.py --seed 64): a reshape of a slice of an Either (a name a staged if may rebind) was taken as a view (the Either had no strides, its views got C-order ones), so it followed a later write numpy's copy does not see; fixed: an Either has its objects' strides when they agree, and views of unknown layouts stay unknown (a clear error where it matters)
# result: 6 of 6 differ, first at (0,): ag 1.0 numpy -1.0
import numpy as np

def h4(p0):
    if np.all(p0.astype(np.float64) > 5):
        p0 = -p0
    return p0[2::-2].reshape(-1)

def f(a0):
    t1 = a0
    t2 = a0
    t3 = -t1
    t6 = h4(t3)
    t3[...] = t2
    t7 = t6
    return t7

def inputs():
    return [np.ones((5, 3), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

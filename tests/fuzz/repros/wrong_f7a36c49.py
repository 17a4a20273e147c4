# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s30_177.py
# result: 5 of 5 differ, first at (0,): ag 4.0 numpy 16.0
import numpy as np

def f(a2):
    t2 = a2
    t1 = t2[1]
    t2[-2:2] *= t2
    lst14 = []
    lst14.append(t1)
    t18 = lst14[0]
    return t18

def inputs():
    return [np.array([-1.5, 0.0, -3.25, -0.0, -0.0, 4.0, -0.25, 3.75, 3.25, -3.75], dtype=np.float64).reshape(2, 5)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

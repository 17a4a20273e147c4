# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s47_299.py (fuzz.py --seed 47): two names the loop body binds to one new object (a = abs(t); t = a) were two objects after the staged loop, so a write through one did not show in the other
# result: 2 of 5 differ, first at (0,): ag 1.0 numpy 0.5
import numpy as np

def f(a0):
    t1 = a0
    for i5 in range(9):
        a0 = abs(t1)
        t1 = a0
    a0[:2:1] -= 0.5
    return t1

def inputs():
    return [np.ones((5,), dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

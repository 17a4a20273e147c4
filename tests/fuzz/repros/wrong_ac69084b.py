# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s44_1142.py (fuzz.py --seed 44): a name bound in a staged loop body to another name that the body only rebinds to itself is a new object after the loop, not the argument
# result: 3 of 5 differ, first at (1,): ag 1 numpy 0
import numpy as np

def f(a1):
    t1 = a1
    for i13 in range(9):
        a1 = a1
        t1 = a1
    a1 &= np.max(t1)
    return t1

def inputs():
    return [np.arange(5).reshape((5,)).astype(np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

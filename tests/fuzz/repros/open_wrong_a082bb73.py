# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s42_136.py (fuzz.py --seed 42): list elements appended in a staged loop are copies, not the appended array (open)
# result[0]: 2 of 2 differ, first at (0,): ag 1.0 numpy 2.0
import numpy as np
h2 = lambda p0, p1: p0 ** 2

def f(a0):
    t1 = a0
    a0 //= t1
    lst4 = []
    for i5 in range(10):
        t3 = np.floor_divide(a0, 0.1)
        lst4.append(a0)
    t7 = lst4[1]
    t7 += t7
    return (a0, t3)

def inputs():
    return [np.ones((2,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

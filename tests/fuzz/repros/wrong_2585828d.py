# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s20_36.py
# result[0]: 7 of 15 differ, first at (0, 0): ag 3.0 numpy inf
import numpy as np

def f(a0):
    t1 = a0
    lst2 = []
    lst2.append(t1)
    t5 = lst2[-1]
    for i24 in range(9):
        t5 = np.rint(t1[:])
        t1 = np.reciprocal(t5)
    lst27 = []
    lst27.append(np.maximum(t5, t5[::-1]))
    t29 = lst27
    return t29

def inputs():
    return [np.array([-1.75, 2.0, 2.5, 0.5, -0.25, -1.25, -0.25, -3.75, 0.5, -2.5, -3.0, 0.25, 3.25, 4.0, 0.75], dtype=np.float64).reshape(5, 3)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

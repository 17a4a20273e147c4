# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s50_1174.py (fuzz.py --seed 50): a list built in a staged loop from one array, an element read, a staged if rebinding names to a new array, then a helper writing its argument in place: the returned array misses the write
# result: 8 of 8 differ, first at (0, 0): ag False numpy True
import numpy as np

def h11(p0, p1):
    p0 += p1 >= -2147483648

def f(a0):
    t1 = np.isfinite(a0)
    t2 = t1
    lst3 = []
    for i4 in range(5):
        lst3.append(t2)
    t7 = lst3[1]
    if np.sum(t7):
        t2 = np.invert(t1 <= t1)
        t1 = t2
    t18 = h11(t1, t2)
    return t2

def inputs():
    return [np.array([1.0000000150474662e+30, -2.0, 0.5, -2.0, 0.0, 1.0000000150474662e+30, 1.75, 2.75], dtype=np.float32).reshape(4, 2)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

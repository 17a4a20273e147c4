# ag-fuzz repro: REFUSED-UNCLEAN/<file>:N: 'ag.max' zero-size array to reduction operation maximum which has no i
# minimized from prog_s2_50.py
# /tmp/agfuzz-min-afu9tuk3/prog_min_235.py:7: 'ag.max' zero-size array to reduction operation maximum which has no identity
import numpy as np

def h5(p0):
    t18 = p0[:-1:-2, 2:4:1]
    if np.sum(np.ones_like(t18)) > 3 and np.max(np.add(t18, 5)) < 4:
        print('v', p0.any(axis=1))
    else:
        print('v', np.abs(p0)[2])
h42 = lambda p0: p0 != np.where(p0 > 1099511627776, p0, p0)

def f(a0):
    t37 = h5(a0)
    t41 = a0
    return t41

def inputs():
    return [np.array([3, 8, 8, 4, 8, 0, 7, 7, -3, 2, -2, -3, 6, -5, -2, 4, 0, 4, 5, -2], dtype=np.int32).reshape(5, 4)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

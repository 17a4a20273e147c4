# ag-fuzz repro: WRONG/value/call1
# minimized from hand-reduced from a fuzz finding
# result: 3 of 3 differ, first at (0,): ag 1.0 numpy 2.0
import numpy as np

def f(a0):
    t = a0 * 1
    y = t
    y += 1
    return t

def inputs():
    return [np.ones((3,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: EXC-MISMATCH/OverflowError->none
# minimized from prog_s600_863.py
# numpy raised OverflowError, ag returned
import numpy as np

def f(a0, a1):
    t1 = a0 @ a1.T
    t3 = a0 - a0
    t3[:, ...] = np.positive(t1)
    return t1

def inputs():
    return [np.array([-2, 9223372036854775807, -2], dtype=np.int64), np.ones((3,), dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

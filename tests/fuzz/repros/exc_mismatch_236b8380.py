# ag-fuzz repro: EXC-MISMATCH/OverflowError->none
# minimized from prog_s500_328.py
# numpy raised OverflowError, ag returned
import numpy as np

def f(a0, a1):
    t1 = a1
    t2 = a1
    v3 = a0[2]
    v3[-1] *= t2 @ t1
    return t2

def inputs():
    return [np.array([8, -4, 8, 3, 8, -4, 6, 3, 6, -3, -4, 9223372036854775804, -1, 3, 9223372036854775807, 0], dtype=np.int64).reshape(4, 4), np.ones((4,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

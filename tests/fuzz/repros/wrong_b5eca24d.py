# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s2_96.py
# result: ag float32 float32, numpy float64 float64
import numpy as np

def f(a0):
    t1 = a0[-5] ** 1
    return t1

def inputs():
    return [np.array([3.0, 2.0, 3.0, 0.25, -3.0000000054977558e+38], dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

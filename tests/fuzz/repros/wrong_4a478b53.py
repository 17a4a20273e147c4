# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s10_94.py
# result: ag float32 float32, numpy float64 float64
import numpy as np

def f(a0):
    t4 = np.min(a0, axis=0) ** 0.5
    return t4

def inputs():
    return [np.array([2.75, -1.25], dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

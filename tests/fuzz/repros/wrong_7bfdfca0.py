# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s800_120.py
# result[1]: ag float64 float64, numpy ndarray float64
import numpy as np

def f(a0):
    t1 = np.max(a0)
    t2 = np.where(-t1, 3.0, 5)
    while np.sum(t2) > 0.1:
        return (t1, t2)
    return (t1, t2)

def inputs():
    return [np.ones((4,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

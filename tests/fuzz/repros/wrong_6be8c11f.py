# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s12_167.py
# result: ag int64 int64, numpy ndarray int64
import numpy as np

def f(a2):
    if a2:
        a2 = a2.astype(np.int64)
    return a2

def inputs():
    return [np.array(9, dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

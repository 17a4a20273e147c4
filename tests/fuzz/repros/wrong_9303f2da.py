# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s14_193.py
# result: ag int64 1, numpy int 1
import numpy as np

def f(a1):
    for i7 in range(9):
        a1 = 1
    return a1

def inputs():
    return [np.array(8, dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

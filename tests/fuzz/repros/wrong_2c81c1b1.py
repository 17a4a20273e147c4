# ag-fuzz repro: WRONG/value/call2
# minimized from prog_s500_469.py
# result: 3 of 3 differ, first at (0,): ag -0.6169610992422154 numpy -0.822202800100728
import numpy as np

def f():
    t1 = np.random.uniform(-1.0, 1.0, size=(3,))
    return t1

def inputs():
    return []


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

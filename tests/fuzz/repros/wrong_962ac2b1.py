# ag-fuzz repro: WRONG/stdout/call2
# minimized from prog_s500_47.py
# printed line 1: ag '<missing>' numpy 'step 0'
import numpy as np

def f(a1):
    print('step', 0)
    return a1

def inputs():
    return [np.ones((), dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

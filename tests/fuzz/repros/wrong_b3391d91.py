# ag-fuzz repro: WRONG/stdout/call1
# minimized from prog_s500_446.py
# printed line 1: ag 'step 5' numpy 'v [1 1]'
import numpy as np

def h2(p0):
    print('v', p0 ** 0)

def f(a1):
    t3 = h2(a1)
    print('step', 5)
    return a1

def inputs():
    return [np.ones((2,), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

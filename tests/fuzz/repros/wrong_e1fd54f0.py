# ag-fuzz repro: WRONG/args-value/call1
# minimized from prog_s500_133.py
# argument[0]: 1 of 1 differ, first at (): ag 0 numpy 3
import numpy as np

def f(a1):
    a1[...] += 3
    return a1

def inputs():
    return [np.array(0, dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s500_185.py
# result: ag bool_ bool, numpy ndarray bool
import numpy as np

def f(a1):
    a1 += a1
    return a1

def inputs():
    return [np.ones((), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

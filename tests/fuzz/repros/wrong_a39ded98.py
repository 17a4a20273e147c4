# ag-fuzz repro: WRONG/rng-state/call2
# minimized from prog_s500_93.py
# global np.random state after the call differs
import numpy as np

def f(a0):
    np.random.seed(2)
    return a0

def inputs():
    return [np.ones((2,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

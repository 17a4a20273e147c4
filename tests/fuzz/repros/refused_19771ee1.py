# ag-fuzz repro: REFUSED-UNCLEAN/ag.stage(f): the result: the recorded function does not verify: block with no te
# minimized from prog_s59_5533.py (fuzz.py --seed 59): a staged if whose both branches fail (NameError of t10, deferred by the enclosing if after the loop's return) left its region open: "block with no terminator" reached the user; if_stmt now aborts its region on any error
# ag.stage(f): the result: the recorded function does not verify: block with no terminator, has "ag.assert"(%28) <{callback = 422 : i64}> : (tensor<i1>)
import numpy as np

def f(a0):
    t1 = a0
    for j3, row2 in enumerate(t1):
        return t1
    v9 = a0[::3]
    if np.min(v9):
        b13 = t10
    else:
        b13 = t10
    return t1

def inputs():
    return [np.ones((3,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

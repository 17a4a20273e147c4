# ag-fuzz repro: WRONG/args-value/call1
# minimized from prog_s69_2800.py (fuzz.py --seed 69): a1 is a view of all of t2 (`a1 = a1[0:2]` of a (1, 4) array) under the return guards of an inner loop; a staged if whose branch left a1 a view of an Either the branch made (`if not break_: if not do_return: a1 = a1[0:2]`) took it for a new array, so `t2 += a1` in later iterations read a stale a1 (ag 18, numpy 512). A view of all of such an Either is now that Either (either.whole_of in which_of, leaves_before, control_flow._branch_result); the outer loop runs in Python (carried._views_of_entry_objects sees views of Eithers of the loaded object)
# argument[1]: 4 of 4 differ, first at (0, 0): ag 18.0 numpy 512.0
import numpy as np

def f(a0, a1):
    t1 = a0
    t2 = a1
    for i5 in range(9):
        for i6 in range(9):
            t7 = t1
            if t7.mean() < 0.5:
                return t1
            a1 = a1[0:2]
        t2 += a1
    return t1

def inputs():
    return [np.ones((5, 4), dtype=np.int32), np.ones((1, 4), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)

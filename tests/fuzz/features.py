"""THE feature table of the differential fuzzer: what programs may contain, how often,
and whether ag is expected to get it right today.

    name: (weight, stable, what)

- weight: relative frequency of the feature's statements/expressions in a generated
  program (0 disables it; `fuzz.py --features a,b` and `--weights a=3,b=0` override).
- stable: True  -> the CI run (`test_fuzz_ci.py::test_stable`) generates programs from the
                   stable features only and requires 0 WRONG / CRASH / EXC-MISMATCH.
          False -> known broken in ag today: CI runs "stable + this feature" programs and
                   reports the counts as a non-strict xfail. Flip to True once fixed
                   (that is the whole tightening step).
"""

FEATURES = {
    # --- expressions ------------------------------------------------------------------
    "elementwise":    (10, True,  "ufuncs and operators over f32/f64/i32/i64/bool"),
    "pyscalar":       (4,  True,  "Python scalar operands (value-based casting)"),
    "casts":          (2,  True,  ".astype() between the five dtypes (float -> int: see below)"),
    "float_int_cast": (1,  False, ".astype(int) of floats (NaN/inf/out-of-range values included)"),
    "broadcasting":   (3,  True,  "operands of different (broadcastable) shapes"),
    "reduction":      (4,  True,  "sum/mean/max/min/prod/all/any/argmax/argmin, axis/keepdims"),
    "matmul":         (2,  True,  "@ / np.matmul / np.dot"),
    "order_stats":    (1,  False, "median/percentile/quantile (numpy's methods), sort, partition"),
    "masks":          (1,  False, "boolean masks: x[x > c] (= v), nonzero, argwhere, flatnonzero, extract"),
    "slicing":        (4,  True,  "basic indexing: ints, slices with negative steps, None, ..."),
    "pow":            (2,  False,  "x ** c, np.power (int arrays, numpy scalars, float exponents)"),
    "edge_values":    (3,  True,  "inputs hold -0.0, 0, negative ints"),
    "nonfinite":      (2,  False,  "float inputs hold NaN, +-inf, 1e30, -3e38, subnormals"),
    "zero_d":         (2,  False,  "0-d arrays: arguments, np.where of scalars (not numpy scalars)"),
    "empty_arrays":   (1,  False, "zero-size intermediate arrays (x[1:1], slices past the end)"),
    "big_ints":       (1,  False,  "inputs hold INT_MIN/INT_MAX-sized ints (overflow, value-based casting)"),
    # --- control flow -----------------------------------------------------------------
    "if_python":      (2,  True,  "if on Python values (shapes, Python args, unrolled index)"),
    "if_staged":      (4,  False,  "if on staged conditions (x.sum() > 0)"),
    "while":          (2,  True,  "while with a data-dependent condition and a bound"),
    "for_small":      (3,  True,  "for i in range(n <= 8) (unrolled)"),
    "for_large":      (3,  True,  "for i in range(n > 8) (staged scf.for)"),
    "for_array":      (2,  True,  "for row in x / enumerate / zip"),
    "rebind_iterated": (1, False,  "rebinding the array a `for row in x` loop iterates, in its body"),
    "break_continue": (2,  True,  "break/continue under Python or staged conditions"),
    "return_in_loop": (1,  True,  "return inside a loop"),
    "helpers":        (2,  True,  "user helper functions (and lambdas) called from f"),
    "lists":          (2,  False,  "lists appended in loops, then stack/concatenate/len/index"),
    "print":          (1,  True,  "print() of staged values (and Python values with them)"),
    "print_python":   (1,  False,  "print() of Python values only (numpy prints on every call)"),
    # --- the object model (state) -----------------------------------------------------
    "inplace_index":  (3,  True,  "x[i] = v, x[1:3] += v on arrays made inside f"),
    "inplace_aug":    (3,  False,  "x += y on arrays made inside f"),
    "ufunc_at":       (1,  False, "np.add.at & co. (repeated, negative indices) into arrays made in f"),
    "out_ellipsis":   (1,  True,  "out[...] = v on arrays made inside f"),
    "aliases":        (2,  False,  "y = x then rebinding / writing through either name"),
    "views":          (2,  False,  "v = x[2:]; v[0] = 1 (writes through views)"),
    "arg_write":      (2,  False,  "writes into argument arrays (the caller must see them)"),
    "random":         (2,  False,  "np.random.seed + rand/randn/randint/uniform draws"),
    "arg_layout":     (1,  False,  "arguments in Fortran order, strided or with negative strides"),
    # --- programs ag is expected to refuse (checks the refusal message) ----------------
    "refusal_bait":   (1,  True,  "var defined in one staged branch, dtype change in loop, ..."),
}


def weights(enabled=None, overrides=None, only_stable=False):
    """The weight dict the generator uses."""
    w = {}
    for name, (weight, stable, _) in FEATURES.items():
        if only_stable and not stable:
            weight = 0
        if enabled is not None and name not in enabled:
            weight = 0
        w[name] = weight
    for name, value in (overrides or {}).items():
        if name not in FEATURES:
            raise KeyError(f"unknown feature {name!r}; known: {', '.join(FEATURES)}")
        w[name] = value
    return w


def stable_features():
    return [n for n, (_, s, _) in FEATURES.items() if s]


def broken_features():
    return [n for n, (_, s, _) in FEATURES.items() if not s]

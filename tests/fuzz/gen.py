"""Generator of random, well-typed numpy programs for the differential fuzzer.

A program is source text: optional helper functions, `def f(...)` (the function under
test) and `def inputs()` (its arguments). Typing is done by numpy itself: every candidate
expression or simple statement is evaluated on *stand-ins* (np.ones of each variable's
dtype/shape, numpy scalars for reduction results, the Python values of Python variables);
a candidate numpy rejects (or that makes a dtype ag does not stage) is thrown away and
another is drawn. So the program follows numpy's real promotion, broadcasting and
indexing rules without the generator re-implementing them.

Invariants that keep programs stageable (so that what ag gets wrong is a bug, not a
documented refusal): every rebinding of an existing variable keeps its exact type
(kind, dtype, shape); variables first bound inside a block are dead after it; loops are
bounded (while loops carry a counter). Aliasing is tracked (`roots`): a write through a
name reaches every variable sharing a root, and such writes need the `aliases` /
`views` / `arg_write` features, so the "stable" feature set never mutates aliased memory.

Which features a program actually used is recorded (`Program.used`) for triage.
"""

import contextlib
import io
import random
import warnings

import numpy as np

from gen_common import (DTYPES, MAX_SIZE, SUPPORTED, Program, Reject, Var, fmt_array,
                        standin)
from gen_exprs import Expressions
from gen_stmts import Statements


class Gen(Expressions, Statements):
    """One program per Gen(seed, index, weights).program()."""

    def __init__(self, seed, index, weights):
        self.rng = random.Random(f"ag-fuzz:{seed}:{index}")
        self.seed, self.index = seed, index
        self.w = dict(weights)
        self.used = set()
        self.counter = 0
        self.scope = {}          # name -> Var
        self.helpers = []        # source texts
        self.helper_ns = {}      # name -> function (for typing)
        self.ret = None          # fixed return tuple text, once a return-in-loop exists
        self.ret_vars = []
        self.loop_stack = []     # ("small"|"large"|"array"|"while", index names)
        self.staged_ctx = 0      # > 0 inside a staged if/loop
        self.in_helper = False
        self.iterating = []      # names of arrays a running `for row in x` iterates
        self.observed = []       # variables an in-place write reached: worth returning
        self.stmt_budget = 0

    # --- small utilities --------------------------------------------------------------
    def on(self, feat):
        return self.w.get(feat, 0) > 0

    def chance(self, p):
        return self.rng.random() < p

    def choice(self, seq):
        return self.rng.choice(seq)

    def weighted(self, options):
        """options: [(feature or None, weight multiplier, value)]: picks among enabled."""
        opts = [(v, (self.w.get(f, 0) if f else 1) * m) for f, m, v in options]
        opts = [(v, w) for v, w in opts if w > 0]
        if not opts:
            return None
        total = sum(w for _, w in opts)
        r = self.rng.random() * total
        for v, w in opts:
            r -= w
            if r <= 0:
                return v
        return opts[-1][0]

    def fresh(self, prefix="t"):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def ns(self):
        ns = {"np": np}
        ns.update(self.helper_ns)
        for name, var in self.scope.items():
            ns[name] = standin(var.val) if not isinstance(var.val, list) else \
                [standin(v) for v in var.val]
        return ns

    def evaluate(self, text, mode="eval"):
        ns = self.ns()
        # Remember each stand-in object so aliasing of results can be detected.
        objs = {n: v for n, v in ns.items() if isinstance(v, np.ndarray)}
        with np.errstate(all="ignore"), warnings.catch_warnings(), \
                contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            state = np.random.get_state()
            try:
                if mode == "eval":
                    result = eval(text, ns)  # noqa: S307 - our own generated text
                else:
                    exec(text, ns)  # noqa: S102
                    result = None
            except Exception as e:  # noqa: BLE001 - numpy rejected the candidate
                raise Reject(str(e)) from None
            finally:
                np.random.set_state(state)
        return result, ns, objs

    def check_value(self, v):
        if isinstance(v, (np.ndarray, np.generic)):
            if v.dtype not in SUPPORTED or v.size > MAX_SIZE or v.ndim > 3:
                raise Reject("unsupported result")
            if isinstance(v, np.ndarray) and v.ndim == 0:
                # a 0-d array (not a numpy scalar): np.where of scalars, 0-d arguments
                if not self.on("zero_d"):
                    raise Reject("0-d array")
                self.used.add("zero_d")
            if v.size == 0:
                if not self.on("empty_arrays"):
                    raise Reject("empty array")
                self.used.add("empty_arrays")
        elif not isinstance(v, (bool, int, float)) or isinstance(v, complex):
            raise Reject("not numeric")

    def typeof(self, text, allow_python=False):
        v, _, objs = self.evaluate(text)
        self.check_value(v)
        if not allow_python and not isinstance(v, (np.ndarray, np.generic)):
            raise Reject("python value")
        roots, sharing = frozenset(), []
        if isinstance(v, np.ndarray):
            for n, o in objs.items():
                if np.may_share_memory(v, o):
                    sharing.append(n)
                    roots |= self.scope[n].roots
        return v, roots, sharing

    def arrays(self, pred=None):
        return [v for v in self.scope.values()
                if v.is_numeric and (pred is None or pred(v.val))]

    # --- expressions ------------------------------------------------------------------
    def literal(self, like=None):
        kind = like.dtype.kind if like is not None else self.choice("fib")
        r = self.rng.random()
        if kind == "b" and self.chance(0.5):
            return self.choice(["True", "False"])
        if kind in "ib" or (kind == "f" and r < 0.3):
            vals = [0, 1, 2, 3, -1, -2, 5, 7]
            if self.on("big_ints") and self.chance(0.1):
                vals = [2**31 - 1, -2**31, 2**31 + 5, 2**40]
            return str(self.choice(vals))
        return self.choice(["0.5", "1.5", "-0.25", "2.0", "0.1", "-0.0", "3.0", "1e-3"])

    def leaf(self):
        cands = self.arrays()
        py = [v for v in self.scope.values() if isinstance(v.val, (int, float))
              and not isinstance(v.val, bool)]
        if py and self.chance(0.12):
            return self.choice(py).name
        if not cands:
            raise Reject("no arrays")
        return self.choice(cands).name

    def make_value(self, dtype, shape):
        dtype = np.dtype(dtype)
        n = int(np.prod(shape)) if shape else 1
        if dtype.kind == "f":
            vals = [self.rng.randint(-16, 16) / 4 for _ in range(n)]
            specials = [-0.0, 0.0, -0.0, 0.5]
            nonfinite = [np.nan, np.inf, -np.inf, 1e30, -3e38, 1e-40]
        elif dtype.kind == "i":
            vals = [self.rng.randint(-5, 9) for _ in range(n)]
            specials = [0, -1, -7, -3]
            if self.on("big_ints"):
                info = np.iinfo(dtype)
                specials += [int(info.min), int(info.max), int(info.max) - 3]
        else:
            vals = [self.chance(0.5) for _ in range(n)]
            specials = []
        if dtype.kind != "f":
            nonfinite = []
        edge = self.on("edge_values") and specials and self.chance(0.5)
        if edge:
            for _ in range(self.rng.randint(1, max(1, n // 3))):
                k = self.rng.randrange(n)
                vals[k] = self.choice(specials)
            self.used.add("edge_values")
            if any(isinstance(v, (int, float)) and abs(v) > 1e9 for v in vals):
                self.used.add("big_ints")
        if nonfinite and self.on("nonfinite") and self.chance(0.5):
            for _ in range(self.rng.randint(1, max(1, n // 3))):
                vals[self.rng.randrange(n)] = self.choice(nonfinite)
            self.used.add("nonfinite")
        return np.array(vals, dtype=dtype).reshape(shape)

    def laid_out(self, text, val):
        """The argument's text, sometimes in another memory layout with the same values
        (numpy's views and reshapes of it then follow that layout: so must ag's)."""
        if not self.on("arg_layout") or val.ndim == 0 or val.size == 0 or self.chance(0.4):
            return text
        self.used.add("arg_layout")
        forms = [f"np.repeat({text}, 2, axis=-1)[..., ::2]", f"{text}[::-1].copy()[::-1]"]
        if val.ndim >= 2:
            forms += [f"np.asfortranarray({text})", f"np.ascontiguousarray({text}.T).T"]
        return self.choice(forms)

    def make_inputs(self):
        dtypes = DTYPES
        R, C = self.rng.randint(2, 5), self.rng.randint(2, 4)
        if self.on("broadcasting"):
            shapes = [(R, C), (R, C), (C,), (R, 1), (1, C), (R,), (C, R), (2, R, C)]
        else:
            shapes = [(R, C), (R, C), (R, C), (C, R), (R,)]
        if self.on("zero_d"):
            shapes += [(), ()]
        args = []
        for k in range(self.rng.randint(1, 3)):
            dt = self.choice(dtypes) if k else self.choice(["float32", "float64", "int32",
                                                             "int64", "float32"])
            shape = self.choice(shapes) if k else self.choice([(R, C), (R, C), (R,)])
            if shape == ():
                self.used.add("zero_d")
            args.append((f"a{k}", self.make_value(dt, shape)))
        pyargs = []
        if self.chance(0.3):
            pyargs.append(("n", self.rng.randint(2, 12)))
        return args, pyargs

    # --- the program ------------------------------------------------------------------
    def program(self):
        args, pyargs = self.make_inputs()
        for name, val in args:
            self.scope[name] = Var(name, standin(val), frozenset({f"arg:{name}"}), role="arg")
        for name, val in pyargs:
            self.scope[name] = Var(name, val, frozenset(), role="pyarg")
        lines = []
        # Result variables first: a return inside a loop returns them (fixed types).
        nres = self.rng.randint(1, 2)
        for _ in range(nres):
            for _ in range(20):
                try:
                    lines += self.s_assign("    ")
                    break
                except Reject:
                    continue
        self.ret_vars = [n for n in self.scope if n.startswith("t")]
        if self.ret_vars:
            self.ret = ", ".join(self.ret_vars)
        self.stmt_budget = self.rng.randint(3, 9)
        for _ in range(self.stmt_budget):
            lines += self.stmt("    ")
        if "return_in_loop" in self.used:
            ret = self.ret
        else:
            live = [v.name for v in self.scope.values() if v.is_numeric and v.role != "index"]
            k = min(len(live), self.rng.randint(1, 3))
            seen = [n for n in self.observed if n in live]
            picks = self.ret_vars[:1] + seen[:2] + self.rng.sample(live, k)
            picks = list(dict.fromkeys(picks))
            ret = ", ".join(picks)
        lines.append(f"    return {ret}")
        params = [n for n, _ in args] + [n for n, _ in pyargs]
        parts = ["import numpy as np", ""]
        for h in self.helpers:
            parts += [h, ""]
        parts.append(f"def f({', '.join(params)}):")
        parts += lines
        parts += ["", "", "def inputs():", "    return ["]
        for _, val in args:
            parts.append(f"        {self.laid_out(fmt_array(val), val)},")
        for _, val in pyargs:
            parts.append(f"        {val!r},")
        parts.append("    ]")
        used = sorted(self.used)
        header = (f"# ag-fuzz program: seed={self.seed} index={self.index}\n"
                  f"# features: {' '.join(used)}\n")
        return Program(header + "\n".join(parts) + "\n", used, self.seed, self.index)


def generate(seed, index, weights):
    return Gen(seed, index, weights).program()

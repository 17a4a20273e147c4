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

SUPPORTED = {np.dtype(t) for t in ("float32", "float64", "int32", "int64", "bool")}
DTYPES = ["float32", "float64", "int32", "int64", "bool"]
NP_NAME = {np.dtype(t): "np." + ("bool_" if t == "bool" else t) for t in DTYPES}
MAX_SIZE = 64


class Var:
    __slots__ = ("name", "val", "roots", "alias", "role")

    def __init__(self, name, val, roots, alias=None, role="local"):
        self.name, self.val, self.roots, self.alias, self.role = name, val, roots, alias, role

    @property
    def is_array(self):
        return isinstance(self.val, np.ndarray)

    @property
    def is_numeric(self):
        return isinstance(self.val, (np.ndarray, np.generic))


class Program:
    def __init__(self, source, used, seed, index):
        self.source, self.used, self.seed, self.index = source, used, seed, index


class Reject(Exception):
    pass


def standin(v):
    if isinstance(v, np.ndarray):
        return np.ones(v.shape, v.dtype)
    if isinstance(v, np.generic):
        return v.dtype.type(1)
    return v


def same_type(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, (np.ndarray, np.generic)):
        return a.dtype == b.dtype and a.shape == b.shape
    return True


def fmt_scalar(v, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return "True" if v else "False"
    if dtype.kind == "i":
        return str(int(v))
    v = float(v)
    if np.isnan(v):
        return "np.nan"
    if np.isinf(v):
        return "np.inf" if v > 0 else "-np.inf"
    return repr(v)


def fmt_array(a):
    dt = NP_NAME[a.dtype]
    if a.ndim == 0:
        return f"np.array({fmt_scalar(a[()], a.dtype)}, dtype={dt})"
    if a.size == 0:
        return f"np.zeros({a.shape!r}, dtype={dt})"
    flat = ", ".join(fmt_scalar(v, a.dtype) for v in a.ravel())
    text = f"np.array([{flat}], dtype={dt})"
    return text if a.ndim == 1 else f"{text}.reshape{a.shape!r}"


class Gen:
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

    def expr(self, depth=2, tries=12, allow_python=False):
        """(text, value) of a random well-typed expression."""
        for _ in range(tries):
            try:
                if depth <= 0 or self.chance(0.25):
                    text = self.leaf()
                else:
                    prod = self.weighted([
                        ("elementwise", 3, self.e_binary),
                        ("elementwise", 2, self.e_unary),
                        ("elementwise", 0.5, self.e_where),
                        ("elementwise", 0.4, self.e_misc),
                        ("casts", 1, self.e_cast),
                        ("reduction", 1, self.e_reduce),
                        ("matmul", 1, self.e_matmul),
                        ("slicing", 1, self.e_slice),
                        ("random", 0.5, self.e_random),
                        ("order_stats", 1, self.e_order),
                        ("masks", 1, self.e_mask),
                    ])
                    if prod is None:
                        text = self.leaf()
                    else:
                        text = prod(depth)
                v, _, _ = self.typeof(text, allow_python)
                return text, v
            except Reject:
                continue
        raise Reject("no expression")

    def e_unary(self, depth):
        a, av = self.expr(depth - 1)
        kind = av.dtype.kind
        if kind == "f":
            fns = ["sin", "cos", "exp", "log", "sqrt", "abs", "negative", "floor", "ceil",
                   "trunc", "rint", "sign", "square", "tanh", "arctan", "exp2", "expm1",
                   "log1p", "log2", "log10", "reciprocal", "fabs", "sinh", "cosh", "tan",
                   "isnan", "isinf", "isfinite", "positive"]
        elif kind == "i":
            fns = ["abs", "negative", "sign", "square", "invert", "isnan", "isfinite",
                   "positive", "exp", "sqrt", "floor"]
        else:
            fns = ["logical_not", "invert", "isnan", "abs"]
        form = self.rng.random()
        if form < 0.15 and kind != "b":
            return f"(-{a})"
        if form < 0.22 and kind != "f":
            return f"(~{a})"
        if form < 0.27:
            return f"abs({a})"
        return f"np.{self.choice(fns)}({a})"

    def operand(self, depth, like=None):
        if self.on("pyscalar") and self.chance(0.3):
            self.used.add("pyscalar")
            return self.literal(like), None
        return self.expr(depth - 1)

    def e_binary(self, depth):
        a, av = self.expr(depth - 1)
        b, bv = self.operand(depth, av)
        if self.chance(0.3):
            a, av, b, bv = b, bv, a, av
        if av is not None and bv is not None:
            self.check_broadcast(av, bv)
        kinds = {x.dtype.kind for x in (av, bv) if x is not None}
        ops = ["+", "-", "*", "/", "//", "%", "<", "<=", "==", "!=", ">", ">="]
        if kinds <= {"i", "b"}:
            ops += ["&", "|", "^"]
        funcs = ["maximum", "minimum", "add", "subtract", "multiply", "logical_and",
                 "logical_or", "logical_xor", "floor_divide", "remainder", "true_divide",
                 "power"]
        if self.on("pow") and self.chance(0.15):
            self.used.add("pow")
            # x ** c: ints only to small non-negative Python exponents (numpy raises on
            # negative integer powers, a value-dependent error).
            c = self.choice(["0", "1", "2", "3"] if "f" not in kinds
                            else ["2", "0.5", "-1", "3", "1.5", "2.0"])
            return f"({a} ** {c})"
        if self.chance(0.25):
            f = self.choice(funcs)
            if f == "power" and ("f" not in kinds or not self.on("pow")):
                raise Reject("int power")
            if f == "power":
                self.used.add("pow")
            return f"np.{f}({a}, {b})"
        return f"({a} {self.choice(ops)} {b})"

    def check_broadcast(self, av, bv):
        sa, sb = np.shape(av), np.shape(bv)
        if sa != sb and sa != () and sb != ():
            if not self.on("broadcasting"):
                raise Reject("broadcasting off")
            self.used.add("broadcasting")

    def e_where(self, depth):
        c, cv = self.expr(depth - 1)
        if cv.dtype.kind != "b":
            c = f"({c} > {self.literal(cv)})"
        a, av = self.operand(depth)
        b, bv = self.operand(depth)
        return f"np.where({c}, {a}, {b})"

    def e_misc(self, depth):
        a, av = self.expr(depth - 1)
        r = self.rng.random()
        if r < 0.3 and av.dtype.kind != "b":
            lo = self.literal(av)
            return f"np.clip({a}, {lo}, {lo} + 3)"
        if r < 0.45 and av.ndim >= 1:
            b, bv = self.expr(depth - 1)
            return f"np.{self.choice(['concatenate', 'stack'])}([{a}, {b}])"
        if r < 0.6:
            return f"np.{self.choice(['zeros_like', 'ones_like'])}({a})"
        if r < 0.75 and av.ndim >= 1:
            return f"np.sum({a} * {a}, axis=0)"
        if r < 0.85:
            return f"np.maximum({a}, {a}[::-1])" if av.ndim else f"np.maximum({a}, 0)"
        return f"({a}).reshape(-1)" if av.ndim != 1 else f"({a}).reshape({av.shape[0]}, 1)"

    def e_cast(self, depth):
        a, av = self.expr(depth - 1)
        dt = np.dtype(self.choice(DTYPES))
        if av.dtype.kind == "f" and dt.kind == "i":
            if not self.on("float_int_cast"):
                raise Reject("float -> int cast off")
            self.used.add("float_int_cast")
        return f"({a}).astype({NP_NAME[dt]})"

    def e_reduce(self, depth):
        a, av = self.expr(depth - 1)
        fn = self.choice(["sum", "mean", "max", "min", "prod", "all", "any",
                          "argmax", "argmin", "sum", "max"])
        kw = []
        if av.ndim >= 1 and self.chance(0.6):
            kw.append(f"axis={self.rng.randint(-av.ndim, av.ndim - 1)}")
            if self.chance(0.4):
                kw.append("keepdims=True")
        if self.chance(0.5):
            return f"np.{fn}({', '.join([a] + kw)})"
        return f"({a}).{fn}({', '.join(kw)})"

    def e_order(self, depth):
        """np.median / percentile / quantile (numpy's methods), np.sort / np.partition."""
        a, av = self.expr(depth - 1)
        if av.ndim == 0 or av.dtype.kind == "b":
            raise Reject("0-d or bool")
        axis = self.rng.randint(-av.ndim, av.ndim - 1) if self.chance(0.6) else None
        lane = av.size if axis is None else av.shape[axis]
        kw = "" if axis is None else f", axis={axis}"
        self.used.add("order_stats")
        r = self.rng.random()
        if r < 0.3:
            return f"np.median({a}{kw})"
        if r < 0.75:
            fn = self.choice(["percentile", "quantile"])
            q = self.choice([50, 0, 100, 37.5, [5, 95], [25, 50, 75], [99.9, 0.1]])
            if fn == "quantile":
                q = [v / 100 for v in q] if isinstance(q, list) else q / 100
            # (numpy's float32 result for a scalar percentile depends on NaNs in the data:
            # ag refuses that at run time.)
            if av.dtype == np.float32 and not isinstance(q, list) and \
                    (axis is None or av.ndim == 1):
                raise Reject("data-dependent dtype")
            method = self.choice(["linear", "linear", "lower", "higher", "nearest",
                                  "midpoint", "median_unbiased", "inverted_cdf"])
            return f"np.{fn}({a}, {q}{kw}, method={method!r})"
        if r < 0.9 or lane == 0:
            return f"np.sort({a}{kw})"
        kth = self.choice([0, lane - 1, lane // 2, [0, lane - 1], -1])
        return f"np.partition({a}, {kth}{kw})"

    def mask_of(self, a, av):
        """A boolean expression of `a`'s shape (a comparison with a literal)."""
        if av.dtype.kind == "b":
            return self.choice([a, f"np.logical_not({a})"])
        op = self.choice(["<", ">", "<=", ">=", "!=", "=="])
        return f"({a} {op} {self.literal(av)})"

    def e_mask(self, depth):
        """Boolean indexing and the positions of a mask: x[x > c], np.nonzero, ..."""
        a, av = self.expr(depth - 1)
        if av.ndim == 0:
            raise Reject("0-d")
        if not a.isidentifier():
            a = f"({a})"
        self.used.add("masks")
        m = self.mask_of(a, av)
        return self.choice([
            f"{a}[{m}]", f"{a}[{m}].sum()", f"np.nonzero({m})[{self.rng.randint(0, av.ndim - 1)}]",
            f"np.argwhere({m})", f"np.flatnonzero({m})", f"np.count_nonzero({m})",
            f"np.extract({m}, {a})", f"np.cumsum({a}[{m}])", f"{a}[{m}].size"])

    def s_mask_assign(self, ind):
        """x[x > c] = v (a value or as many as the mask has set) on an array made in f."""
        var, need = self.pick_target("masks")
        if not var.val.ndim or not var.val.size:
            raise Reject("0-d or empty")
        value, vv = self.operand(1, var.val.flat[0])
        line = f"{var.name}[{self.mask_of(var.name, var.val)}] = {value}"
        self.evaluate(line, mode="exec")
        self.used.update(need | {"masks"})
        self.observe(var)
        return [f"{ind}{line}"]

    def e_matmul(self, depth):
        cands = self.arrays(lambda v: isinstance(v, np.ndarray) and v.ndim >= 1)
        if not cands:
            raise Reject("no matrix")
        x = self.choice(cands)
        pairs = []
        for y in cands:
            for lhs, rhs in [(x.name, y.name), (x.name, y.name + ".T"),
                             (x.name + ".T", y.name)]:
                pairs.append((lhs, rhs))
        self.rng.shuffle(pairs)
        for lhs, rhs in pairs[:8]:
            forms = ["{} @ {}", "np.matmul({}, {})", "np.dot({}, {})"]
            if self.chance(0.8):
                forms.pop()   # np.dot of N-d arrays is a documented refusal: keep it rare
            form = self.choice(forms)
            text = "(" + form.format(lhs, rhs) + ")"
            try:
                self.typeof(text)
                return text
            except Reject:
                continue
        raise Reject("no matmul pair")

    def index_text(self, shape, full=False):
        parts = []
        ndim = len(shape)
        k = ndim if full else self.rng.randint(1, max(1, ndim))
        loop_idx = [n for kind, names in self.loop_stack for n in names
                    if kind != "array"]
        for d in range(k):
            n = shape[d]
            r = self.rng.random()
            if n > 0 and (full or r < 0.35):
                if loop_idx and self.chance(0.3):
                    parts.append(f"{self.choice(loop_idx)} % {n}")
                else:
                    parts.append(str(self.rng.randint(-n, n - 1)))
            else:
                step = self.choice([None, None, 1, 2, -1, -2, 3])
                lo = self.choice([None, None, 0, 1, -1, -2, 2])
                hi = self.choice([None, None, -1, 2, 3, n])
                s = (str(lo) if lo is not None else "") + ":" + \
                    (str(hi) if hi is not None else "")
                if step is not None:
                    s += f":{step}"
                parts.append(s)
        if not full and self.chance(0.1):
            parts.append(self.choice(["None", "..."]))
        return ", ".join(parts)

    def e_slice(self, depth):
        a, av = self.expr(depth - 1)
        if av.ndim == 0:
            raise Reject("0-d")
        if not a.isidentifier():
            a = f"({a})"
        loop_idx = [n for kind, names in self.loop_stack for n in names if kind != "array"]
        if loop_idx and self.chance(0.15):
            # A window of run-time size, reduced right away (its size varies per step).
            i = self.choice(loop_idx)
            red = self.choice(["sum", "any", "prod"])
            return f"np.{red}({a}[:{i}])" if self.chance(0.5) else \
                f"np.{red}({a}[{i} % {av.shape[0] + 1}:])"
        return f"{a}[{self.index_text(av.shape)}]"

    def e_random(self, depth):
        self.used.add("random")
        shapes = [()] + [v.val.shape for v in self.arrays(lambda v: v.ndim >= 1)]
        shape = self.choice(shapes) or (3,)
        dims = ", ".join(map(str, shape))
        return self.choice([
            f"np.random.rand({dims})", f"np.random.randn({dims})",
            f"np.random.randint(-3, 5, size={shape!r})",
            f"np.random.uniform(-1.0, 1.0, size={shape!r})",
            f"np.random.random({shape!r})", f"np.random.normal(0.0, 1.0, {shape!r})",
        ])

    # --- conditions -------------------------------------------------------------------
    def staged_cond(self):
        for _ in range(10):
            try:
                a, av = self.expr(1)
                r = self.rng.random()
                lit = self.literal(av if av.dtype.kind != "b" else None)
                if r < 0.35:
                    red = self.choice(["sum", "mean", "max", "min"])
                    text = f"{a}.{red}() {self.choice(['>', '<', '>=', '<='])} {lit}" \
                        if a.isidentifier() else f"np.{red}({a}) > {lit}"
                elif r < 0.55:
                    text = f"np.{self.choice(['any', 'all'])}({a} > {lit})"
                elif r < 0.7 and av.ndim >= 1:
                    text = f"{a}[{self.index_text(av.shape, full=True)}] < {lit}" \
                        if a.isidentifier() else f"np.sum({a}) < {lit}"
                elif r < 0.8:
                    b, _ = self.expr(1)
                    text = f"np.sum({a}) > {lit} and np.max({b}) < 4"
                elif r < 0.9:
                    text = f"not np.any({a} == {lit})"
                else:
                    text = f"-1 < np.sum({a}) < 6"
                v, _, _ = self.typeof(text, allow_python=True)
                if isinstance(v, (np.bool_, np.ndarray)) and np.ndim(v) == 0:
                    return text
            except Reject:
                continue
        raise Reject("no staged condition")

    def python_cond(self):
        opts = []
        arrs = self.arrays(lambda v: v.ndim >= 1)
        if arrs:
            v = self.choice(arrs)
            opts.append(f"{v.name}.shape[0] > {self.rng.randint(1, 4)}")
            opts.append(f"{v.name}.ndim == {self.rng.randint(1, 2)}")
        py = [v.name for v in self.scope.values() if type(v.val) is int]
        small = [n for kind, names in self.loop_stack if kind == "small" for n in names]
        for n in py:
            if n not in small and self.staged_loop_index(n):
                continue
            opts.append(f"{n} % {self.rng.randint(2, 3)} == 0")
            opts.append(f"{n} > {self.rng.randint(1, 6)}")
        if not opts:
            raise Reject("no python cond")
        return self.choice(opts)

    def staged_loop_index(self, name):
        return any(name in names and kind in ("large", "while")
                   for kind, names in self.loop_stack)

    def cond(self):
        kind = self.weighted([("if_staged", 1, "staged"), ("if_python", 1, "python")])
        if kind is None:
            raise Reject("no conditions")
        if kind == "python":
            try:
                c = self.python_cond()
                if any(self.staged_loop_index(n) for n in self.scope if n in c.split()):
                    self.used.add("if_staged")
                else:
                    self.used.add("if_python")
                return c
            except Reject:
                if not self.on("if_staged"):
                    raise
        self.used.add("if_staged")
        return self.staged_cond()

    # --- writes and aliasing ----------------------------------------------------------
    def write_features(self, var):
        """The features a write through `var` needs (it reaches every sharer)."""
        need = set()
        if any(r.startswith("arg:") for r in var.roots):
            need.add("arg_write")
        if var.alias:
            need.add(var.alias)
        for other in self.scope.values():
            if other is var or not (other.is_array and other.roots & var.roots):
                continue
            if other.alias:
                need.add(other.alias)
            elif not var.alias:
                need.add("aliases")   # two plain names of one array
        return need

    def observe(self, var):
        for other in self.scope.values():
            if other.is_array and other.roots & var.roots and other.role != "arg" \
                    and other.name not in self.observed:
                self.observed.append(other.name)

    def writable(self, feature):
        out = []
        for v in self.arrays(lambda a: isinstance(a, np.ndarray)):
            need = self.write_features(v)
            if all(self.on(f) for f in need):
                out.append((v, need))
        return out

    def pick_target(self, feature):
        cands = self.writable(feature)
        if not cands:
            raise Reject("no writable")
        # Prefer the interesting ones when their features are on.
        special = [c for c in cands if c[1]]
        if special and self.chance(0.5):
            return self.choice(special)
        return self.choice(cands)

    # --- statements -------------------------------------------------------------------
    def stmt(self, ind):
        """A list of source lines (with indentation `ind`)."""
        in_loop = bool(self.loop_stack)
        nest = len(self.loop_stack) + self.staged_ctx
        options = [
            (None, 3, self.s_assign),
            (None, 2, self.s_rebind),
            ("inplace_aug", 1, self.s_aug),
            ("inplace_index", 1, self.s_index_assign),
            ("out_ellipsis", 1, self.s_ellipsis),
            ("views", 1, self.s_view),
            ("aliases", 1, self.s_alias),
            ("arg_write", 1, self.s_arg_write),
            ("print", 0.7, self.s_print),
            ("print_python", 0.3, self.s_print),
            ("random", 0.4, self.s_seed),
            ("ufunc_at", 0.7, self.s_ufunc_at),
            ("masks", 0.7, self.s_mask_assign),
        ]
        if nest < 2:
            options += [
                ("if_staged", 0.6, self.s_if), ("if_python", 0.6, self.s_if),
                ("while", 0.6, self.s_while),
                ("for_small", 0.6, self.s_for_small), ("for_large", 0.6, self.s_for_large),
                ("for_array", 0.6, self.s_for_array),
                ("lists", 0.6, self.s_list),
            ]
        if not self.in_helper and not in_loop and nest == 0:
            options += [("helpers", 1, self.s_helper), ("refusal_bait", 0.5, self.s_bait)]
        if in_loop:
            options += [("break_continue", 1.5, self.s_break),
                        ("return_in_loop", 0.7, self.s_return)]
        for _ in range(8):
            prod = self.weighted(options)
            if prod is None:
                return []
            saved = (dict(self.scope), set(self.used), self.counter, len(self.helpers),
                     list(self.loop_stack), self.staged_ctx,
                     {n: (v.roots, v.alias) for n, v in self.scope.items()})
            try:
                return prod(ind)
            except Reject:
                self.scope, self.used, self.counter = saved[0], saved[1], saved[2]
                for n, (roots, alias) in saved[6].items():
                    self.scope[n].roots, self.scope[n].alias = roots, alias
                del self.helpers[saved[3]:]
                self.loop_stack, self.staged_ctx = saved[4], saved[5]
                continue
        return []

    def block(self, ind, n):
        lines = []
        for _ in range(n):
            lines += self.stmt(ind)
        return lines or [ind + "pass"]

    def bind(self, name, text, v, roots, sharing, alias_feature=None):
        if name in self.iterating:
            if not self.on("rebind_iterated"):
                raise Reject("rebinding the iterated array")
            self.used.add("rebind_iterated")
        if name in self.scope:
            old = self.scope[name]
            if not same_type(old.val, v):
                raise Reject("type change")
            if sharing and self.loop_stack:
                # the next iteration would see the alias before this statement
                if not self.on("aliases"):
                    raise Reject("alias carried by a loop")
                self.used.add("aliases")
            nested = bool(self.loop_stack) or self.staged_ctx
            new_roots = roots or frozenset({f"loc:{name}:{self.counter}"})
            old.roots = (old.roots | new_roots) if nested else new_roots
            if sharing and alias_feature:
                old.alias = alias_feature
            return
        own = frozenset({f"loc:{name}"})
        self.scope[name] = Var(name, v, roots if sharing else own,
                               alias=alias_feature if sharing else None)

    def check_alias_creation(self, text, sharing):
        if not sharing:
            return None
        feature = "aliases" if text.isidentifier() or text.endswith(".T") else "views"
        if not self.on(feature):
            raise Reject("alias off")
        self.used.add(feature)
        return feature

    def s_assign(self, ind):
        text, _ = self.expr(self.rng.randint(1, 3))
        v, roots, sharing = self.typeof(text)
        feature = self.check_alias_creation(text, sharing)
        name = self.fresh()
        self.bind(name, text, v, roots, sharing, feature)
        self.used.add("elementwise")
        return [f"{ind}{name} = {text}"]

    def s_rebind(self, ind):
        cands = [v for v in self.arrays() if v.role != "index"]
        if not cands:
            raise Reject("nothing to rebind")
        var = self.choice(cands)
        for _ in range(6):
            try:
                text, v = self.expr(self.rng.randint(1, 3))
            except Reject:
                continue
            if same_type(var.val, v):
                break
            if isinstance(v, type(var.val)) and np.shape(v) == np.shape(var.val) and \
                    (self.on("float_int_cast") or not (v.dtype.kind == "f" and
                                                       var.val.dtype.kind == "i")):
                text = f"({text}).astype({NP_NAME[var.val.dtype]})"
                break
        else:
            text = f"np.logical_not({var.name})" if var.val.dtype.kind == "b" else \
                f"{var.name} + {var.name}"
        v, roots, sharing = self.typeof(text)
        feature = self.check_alias_creation(text, sharing)
        self.bind(var.name, text, v, roots, sharing, feature)
        return [f"{ind}{var.name} = {text}"]

    def write_stmt(self, ind, feature, lhs_fn):
        var, need = self.pick_target(feature)
        lhs = lhs_fn(var)
        if lhs is None:
            raise Reject("no lhs")
        value, vv = self.operand(2, var.val)
        op = self.choice(["=", "+=", "-=", "*=", "="]) if feature != "inplace_aug" else \
            self.choice(["+=", "-=", "*=", "/=", "//=", "|=", "&="])
        line = f"{lhs} {op} {value}"
        self.evaluate(line, mode="exec")
        if vv is not None:
            self.check_broadcast(self.evaluate(lhs)[0], vv)
        self.used.add(feature)
        self.used.update(need)
        self.observe(var)
        return [f"{ind}{line}"]

    def s_aug(self, ind):
        return self.write_stmt(ind, "inplace_aug", lambda v: v.name)

    def s_index_assign(self, ind):
        return self.write_stmt(
            ind, "inplace_index",
            lambda v: f"{v.name}[{self.index_text(v.val.shape)}]" if v.val.ndim else None)

    def s_ellipsis(self, ind):
        return self.write_stmt(ind, "out_ellipsis",
                               lambda v: f"{v.name}[{self.choice(['...', ':'])}]"
                               if v.val.ndim else f"{v.name}[...]")

    def s_arg_write(self, ind):
        args = [v for v in self.scope.values()
                if v.is_array and any(r.startswith("arg:") for r in v.roots)]
        if not args:
            raise Reject("no args")
        var = self.choice(args)
        need = self.write_features(var)
        if not all(self.on(f) for f in need):
            raise Reject("features")
        lhs = f"{var.name}[{self.index_text(var.val.shape)}]" if var.val.ndim and \
            self.chance(0.7) else var.name
        value, vv = self.operand(2, var.val)
        op = self.choice(["=", "+=", "*="]) if lhs != var.name else self.choice(["+=", "*="])
        if lhs == var.name and op == "=":
            op = "+="
        line = f"{lhs} {op} {value}"
        self.evaluate(line, mode="exec")
        self.used.update(need | {"arg_write"})
        return [f"{ind}{line}"]

    def s_ufunc_at(self, ind):
        """np.add.at / np.subtract.at / ... (unbuffered: repeated indices all count) with
        indices in range, negative ones too, into an array made inside f."""
        var, need = self.pick_target("ufunc_at")
        shape = var.val.shape
        if not shape or shape[0] == 0:
            raise Reject("0-d or empty")
        n = shape[0]
        idx = [self.rng.randint(-n, n - 1) for _ in range(self.rng.randint(1, 2 * n + 2))]
        kind = self.choice(["add", "add", "subtract", "multiply", "maximum", "minimum"])
        if var.val.dtype.kind == "b" and kind in ("add", "subtract", "multiply"):
            kind = self.choice(["maximum", "minimum"])
        value, vv = self.operand(1, var.val[0])
        line = f"np.{kind}.at({var.name}, np.array({idx}), {value})"
        self.evaluate(line, mode="exec")
        self.used.update(need | {"ufunc_at"})
        self.observe(var)
        return [f"{ind}{line}"]

    def s_view(self, ind):
        cands = [v for v in self.arrays(lambda a: isinstance(a, np.ndarray) and a.ndim >= 1)]
        if not cands:
            raise Reject("no arrays")
        base = self.choice(cands)
        idx = self.index_text(base.val.shape)
        text = f"{base.name}[{idx}]" if self.chance(0.8) else f"{base.name}.T"
        v, roots, sharing = self.typeof(text)
        if not isinstance(v, np.ndarray) or not sharing or v.size == 0:
            raise Reject("not a view")
        name = self.fresh("v")
        self.scope[name] = Var(name, v, roots, alias="views")
        need = self.write_features(self.scope[name])
        if not all(self.on(f) for f in need):
            raise Reject("features")
        self.used.update({"views"} | need)
        lines = [f"{ind}{name} = {text}"]
        lhs = f"{name}[{self.index_text(v.shape)}]" if v.ndim else f"{name}[...]"
        value, _ = self.operand(2, v)
        line = f"{lhs} {self.choice(['=', '+=', '*='])} {value}"
        self.evaluate(line, mode="exec")
        lines.append(ind + line)
        self.observe(self.scope[name])
        if self.chance(0.5):
            t = self.fresh()
            read = f"{base.name}.sum()" if self.chance(0.5) else f"{base.name} * 1"
            self.scope[t] = Var(t, self.typeof(read)[0], frozenset({f"loc:{t}"}))
            lines.append(f"{ind}{t} = {read}")
        return lines

    def s_alias(self, ind):
        cands = [v for v in self.arrays(lambda a: isinstance(a, np.ndarray))]
        if not cands:
            raise Reject("no arrays")
        src = self.choice(cands)
        name = self.fresh("y")
        self.scope[name] = Var(name, standin(src.val), src.roots, alias="aliases")
        self.used.add("aliases")
        lines = [f"{ind}{name} = {src.name}"]
        r = self.rng.random()
        if r < 0.4 and len(self.loop_stack) + self.staged_ctx < 2:
            # a loop that rebinds (or updates in place) the alias
            n = self.choice([3, 5, 12, 16])
            self.used.add("for_small" if n <= 8 else "for_large")
            i = self.fresh("i")
            self.loop_stack.append(("small" if n <= 8 else "large", [i]))
            self.scope[i] = Var(i, 1, frozenset(), role="index")
            body = []
            for _ in range(self.rng.randint(1, 2)):
                if self.chance(0.5):
                    body += self.s_rebind_var(ind + "    ", self.scope[name])
                else:
                    try:
                        body += self.s_aug_var(ind + "    ", self.scope[name])
                    except Reject:
                        body += self.s_rebind_var(ind + "    ", self.scope[name])
            self.loop_stack.pop()
            del self.scope[i]
            lines += [f"{ind}for {i} in range({n}):"] + body
        elif r < 0.7:
            lines += self.s_aug_var(ind, self.scope[name])
        else:
            lines += self.s_aug_var(ind, src)
        if self.chance(0.5):
            t = self.fresh()
            self.scope[t] = Var(t, self.typeof(f"{src.name} - {name}")[0],
                                frozenset({f"loc:{t}"}))
            lines.append(f"{ind}{t} = {src.name} - {name}")
        return lines

    def s_rebind_var(self, ind, var):
        for _ in range(6):
            text, v = self.expr(2)
            if same_type(var.val, v):
                break
        else:
            text = f"np.logical_not({var.name})" if var.val.dtype.kind == "b" else \
                f"{var.name} + {var.name}"
        v, roots, sharing = self.typeof(text)
        if sharing:
            raise Reject("rebind to alias")
        self.bind(var.name, text, v, roots, sharing)
        return [f"{ind}{var.name} = {text}"]

    def s_aug_var(self, ind, var):
        need = self.write_features(var)
        if not all(self.on(f) for f in need):
            raise Reject("features")
        value, _ = self.operand(2, var.val)
        line = f"{var.name} {self.choice(['+=', '*=', '-='])} {value}"
        if var.val.ndim and self.chance(0.4):
            line = f"{var.name}[{self.index_text(var.val.shape)}] = {value}"
        self.evaluate(line, mode="exec")
        self.used.update(need)
        self.observe(var)
        return [ind + line]

    def s_print(self, ind):
        if self.on("print_python") and self.chance(0.3 if not self.on("print") else 0.15):
            # Only Python values: numpy prints it on every call, in program order.
            self.used.add("print_python")
            idx = [n for kind, names in self.loop_stack for n in names if kind == "small"]
            extra = f", {self.choice(idx)}" if idx and self.chance(0.5) else ""
            return [f"{ind}print('step', {self.rng.randint(0, 9)}{extra})"]
        if not self.on("print"):
            raise Reject("print off")
        self.used.add("print")
        text, _ = self.expr(2)
        idx = [n for kind, names in self.loop_stack for n in names if kind != "array"]
        extra = f", {self.choice(idx)}" if idx and self.chance(0.4) else ""
        return [f"{ind}print('v', {text}{extra})"]

    def s_seed(self, ind):
        self.used.add("random")
        return [f"{ind}np.random.seed({self.rng.randint(0, 99)})"]

    def cond_block(self, ind, staged):
        if staged:
            self.staged_ctx += 1
        try:
            snapshot = self.open_scope()
            body = self.block(ind, self.rng.randint(1, 3))
            self.close_scope(snapshot)
            return body
        finally:
            if staged:
                self.staged_ctx -= 1

    def open_scope(self):
        return {n: v.roots for n, v in self.scope.items()}

    def close_scope(self, snapshot):
        """Names first bound in the block die; a name rebound in it may hold either
        object afterwards (the block may not have run): the union of both roots."""
        for name in list(self.scope):
            if name not in snapshot:
                del self.scope[name]
            else:
                self.scope[name].roots = self.scope[name].roots | snapshot[name]

    def s_if(self, ind):
        c = self.cond()
        staged = "if_staged" in self.used and not self.is_python_cond(c)
        lines = [f"{ind}if {c}:"] + self.cond_block(ind + "    ", staged)
        if self.chance(0.3):
            c2 = self.cond()
            lines += [f"{ind}elif {c2}:"] + self.cond_block(ind + "    ", True)
        if self.chance(0.6):
            lines += [f"{ind}else:"] + self.cond_block(ind + "    ", staged)
        return lines

    def is_python_cond(self, c):
        return ".shape[" in c or ".ndim" in c

    def s_while(self, ind):
        self.used.add("while")
        k = self.fresh("k")
        c = self.staged_cond()
        self.used.add("if_staged")
        bound = self.rng.randint(2, 12)
        lines = [f"{ind}{k} = 0", f"{ind}while {c} and {k} < {bound}:",
                 f"{ind}    {k} += 1"]
        self.scope[k] = Var(k, 1, frozenset(), role="index")
        self.loop_stack.append(("while", [k]))
        self.staged_ctx += 1
        snapshot = self.open_scope()
        try:
            lines += self.block(ind + "    ", self.rng.randint(1, 3))
        finally:
            self.staged_ctx -= 1
            self.loop_stack.pop()
            self.close_scope(snapshot)
            del self.scope[k]
        return lines

    def range_loop(self, ind, n_text, kind):
        i = self.fresh("i")
        self.scope[i] = Var(i, 1, frozenset(), role="index")
        self.loop_stack.append((kind, [i]))
        snapshot = self.open_scope()
        if kind == "large":
            self.staged_ctx += 1
        try:
            body = self.block(ind + "    ", self.rng.randint(1, 4))
        finally:
            if kind == "large":
                self.staged_ctx -= 1
            self.loop_stack.pop()
            self.close_scope(snapshot)
            del self.scope[i]
        return [f"{ind}for {i} in {n_text}:"] + body

    def s_for_small(self, ind):
        self.used.add("for_small")
        n = self.rng.randint(0, 8)
        py = [v.name for v in self.scope.values() if v.role == "pyarg"]
        text = self.choice([f"range({n})", f"range(1, {n})", f"range({n}, 0, -2)",
                            f"range({max(n, 1)})"])
        if py and self.chance(0.2):
            text = f"range(min({self.choice(py)}, 8))"
        return self.range_loop(ind, text, "small")

    def s_for_large(self, ind):
        self.used.add("for_large")
        n = self.rng.randint(9, 20)
        text = self.choice([f"range({n})", f"range(2, {n + 2})", f"range({n}, 0, -1)",
                            f"range(0, {2 * n}, 2)"])
        return self.range_loop(ind, text, "large")

    def s_for_array(self, ind):
        self.used.add("for_array")
        cands = self.arrays(lambda a: isinstance(a, np.ndarray) and a.ndim >= 1
                            and a.shape[0] > 0)
        if not cands:
            raise Reject("no arrays")
        x = self.choice(cands)
        row = self.fresh("row")
        rowval = standin(x.val[0])
        names = [row]
        r = self.rng.random()
        if r < 0.5:
            head = f"for {row} in {x.name}:"
        elif r < 0.8:
            j = self.fresh("j")
            names.insert(0, j)
            head = f"for {j}, {row} in enumerate({x.name}):"
        else:
            others = [y for y in cands if y.val.shape[0] == x.val.shape[0]]
            y = self.choice(others)
            row2 = self.fresh("row")
            names.append(row2)
            self.scope[row2] = Var(row2, standin(y.val[0]), y.roots | {f"row:{row2}"},
                                   alias="views")
            head = f"for {row}, {row2} in zip({x.name}, {y.name}):"
        self.scope[row] = Var(row, rowval, x.roots | {f"row:{row}"}, alias="views")
        if names[0].startswith("j"):
            self.scope[names[0]] = Var(names[0], 1, frozenset(), role="index")
        self.loop_stack.append(("array", names))
        self.staged_ctx += 1
        snapshot = self.open_scope()
        iterated = head.split(" in ", 1)[1].rstrip(":")
        iterated = [n for n in self.scope if n in iterated.replace("(", " ").replace(
            ")", " ").replace(",", " ").split()]
        saved_iter = list(self.iterating)
        self.iterating += iterated
        try:
            body = self.block(ind + "    ", self.rng.randint(1, 3))
        finally:
            self.iterating = saved_iter
            self.staged_ctx -= 1
            self.loop_stack.pop()
            self.close_scope(snapshot)
            for n in names:
                self.scope.pop(n, None)
        return [ind + head] + body

    def s_break(self, ind):
        self.used.add("break_continue")
        c = self.cond()
        return [f"{ind}if {c}:", f"{ind}    {self.choice(['break', 'continue'])}"]

    def s_return(self, ind):
        if self.in_helper or not self.ret:
            raise Reject("no fixed return")
        self.used.add("return_in_loop")
        c = self.cond()
        return [f"{ind}if {c}:", f"{ind}    return {self.ret}"]

    def s_list(self, ind):
        self.used.add("lists")
        lst = self.fresh("lst")
        n = self.choice([3, 5, 10, 13])
        self.used.add("for_small" if n <= 8 else "for_large")
        i = self.fresh("i")
        lines = [f"{ind}{lst} = []", f"{ind}for {i} in range({n}):"]
        self.scope[i] = Var(i, 1, frozenset(), role="index")
        self.loop_stack.append(("small" if n <= 8 else "large", [i]))
        snapshot = self.open_scope()
        saved_w = dict(self.w)
        if self.chance(0.9):
            # a staged break/continue/return skips appends: a documented refusal
            for f in ("break_continue", "return_in_loop", "while"):
                self.w[f] = 0
        try:
            body = self.block(ind + "    ", self.rng.randint(0, 2)) \
                if self.chance(0.6) else []
            for _ in range(10):
                text, v = self.expr(2)
                if not isinstance(v, np.ndarray):
                    text, v = f"np.asarray({text})", np.asarray(v)
                v, elem_roots, sharing = self.typeof(text)
                if not sharing:
                    break
                if self.on("aliases"):   # the list's elements are other names of it
                    self.used.add("aliases")
                    break
            else:
                raise Reject("list element aliases")
            body.append(f"{ind}    {lst}.append({text})")
        finally:
            self.w = saved_w
            self.loop_stack.pop()
            self.close_scope(snapshot)
            del self.scope[i]
        lines += body
        t = self.fresh()
        use = self.choice(["np.stack({})", "np.concatenate({})", "{}[-1]", "{}[1]",
                           "np.stack({}).sum(axis=0)", "len({})"])
        if use == "np.concatenate({})" and v.ndim == 0:
            use = "np.stack({})"
        expr = use.format(lst)
        val = np.stack([standin(v)] * n) if "stack" in use else standin(v)
        if use == "np.concatenate({})":
            val = np.concatenate([standin(v)] * n)
        elif use == "np.stack({}).sum(axis=0)":
            val = val.sum(axis=0)
        elif use == "len({})":
            val = np.int64(n)
            expr = f"{lst}[0] * len({lst})"
            val = standin(v) * n
        if sharing and ("[" in expr.split("(")[0] or expr.startswith(lst)):
            self.scope[t] = Var(t, val, elem_roots, alias="aliases")
        else:
            self.scope[t] = Var(t, val, frozenset({f"loc:{t}"}))
        lines.append(f"{ind}{t} = {expr}")
        return lines

    def s_helper(self, ind):
        self.used.add("helpers")
        args = self.arrays()
        if not args:
            raise Reject("no args")
        chosen = self.rng.sample(args, min(len(args), self.rng.randint(1, 2)))
        hname = self.fresh("h")
        if self.chance(0.25):
            # a lambda
            p = [f"p{k}" for k in range(len(chosen))]
            saved = self.scope
            self.scope = {pn: Var(pn, standin(a.val), frozenset({f"p:{pn}"}))
                          for pn, a in zip(p, chosen)}
            try:
                body, _ = self.expr(2)
            finally:
                self.scope = saved
            src = f"{hname} = lambda {', '.join(p)}: {body}"
        else:
            src = self.helper_def(hname, chosen)
        ns = {"np": np}
        ns.update(self.helper_ns)
        exec(src, ns)  # noqa: S102
        self.helper_ns[hname] = ns[hname]
        call = f"{hname}({', '.join(a.name for a in chosen)})"
        v, roots, sharing = self.typeof(call)
        if sharing:
            raise Reject("helper returned alias")
        self.helpers.append(src)
        t = self.fresh()
        self.scope[t] = Var(t, v, frozenset({f"loc:{t}"}))
        return [f"{ind}{t} = {call}"]

    def helper_def(self, hname, chosen):
        p = [f"p{k}" for k in range(len(chosen))]
        saved = (self.scope, self.loop_stack, self.staged_ctx, self.in_helper, self.ret)
        # Parameters are other names of the caller's arrays.
        self.scope = {pn: Var(pn, standin(a.val), a.roots, alias="aliases")
                      for pn, a in zip(p, chosen)}
        self.loop_stack, self.staged_ctx, self.in_helper = [], 0, True
        try:
            body = self.block("    ", self.rng.randint(1, 3))
            ret, _ = self.expr(2)
            v, _, sharing = self.typeof(ret)
            if sharing:
                ret = f"{ret} * 1"
        finally:
            self.scope, self.loop_stack, self.staged_ctx, self.in_helper, self.ret = saved
        return "\n".join([f"def {hname}({', '.join(p)}):"] + body + [f"    return {ret}"])

    def s_bait(self, ind):
        """Programs ag documents as unstageable: the refusal message is what is checked."""
        self.used.add("refusal_bait")
        arrs = self.arrays(lambda a: a.dtype.kind in "fi")
        if not arrs:
            raise Reject("no arrays")
        x = self.choice(arrs)
        t = self.fresh("b")
        r = self.rng.random()
        if r < 0.35 and self.on("if_staged"):
            c = self.staged_cond()
            lines = [f"{ind}if {c}:", f"{ind}    {t} = {x.name} * 2",
                     f"{ind}else:", f"{ind}    {t} = ({x.name} * 2).astype(np.int32)"
                     if x.val.dtype.kind == "f" else
                     f"{ind}    {t} = {x.name} * 0.5"]
            # The name's dtype depends on the path: uses of it run once per path
            # (ag's operators.divergent), which these exercise.
            uses = [f"{ind}{t} = {t} + 1", f"{ind}{t} = np.abs({t}) * {x.name}",
                    f"{ind}{t}[...] = 3", f"{ind}{t} -= 1", f"{ind}{t} = {t} // 2",
                    f"{ind}{t} = np.where({t} > 1, {t}, {x.name})",
                    f"{ind}{x.name}[...] = {t}", f"{ind}{t} = {t}.astype(np.float32)"]
            lines += self.rng.sample(uses, self.rng.randint(0, 3))
        elif r < 0.7 or not self.on("if_staged"):
            n = self.rng.randint(9, 14)
            lines = [f"{ind}{t} = ({x.name}).astype(np.int32)",
                     f"{ind}for i_{t} in range({n}):",
                     f"{ind}    {t} = {t} * 0.5 + 1"]
        else:
            n = self.rng.randint(9, 14)
            lines = [f"{ind}{t} = {x.name}.ravel()[:1]",
                     f"{ind}for i_{t} in range({n}):",
                     f"{ind}    {t} = np.concatenate([{t}, {t}[:1]])"]
        lines.append(f"{ind}print('bait', np.sum({t}))")
        return lines

    # --- inputs -----------------------------------------------------------------------
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

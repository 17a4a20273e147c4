"""The generator's expressions (a mixin of gen.Gen): each `e_*` draws one kind of
expression over the variables in scope, typed by evaluating it on stand-ins."""

import numpy as np

from gen_common import DTYPES, NP_NAME, Reject


class Expressions:
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

    def indexable(self, depth):
        """(text, value) of an expression with at least one dim, in parentheses unless
        it is a name (so that it can be indexed)."""
        a, av = self.expr(depth - 1)
        if av.ndim == 0:
            raise Reject("0-d")
        return (a if a.isidentifier() else f"({a})"), av

    def e_mask(self, depth):
        """Boolean indexing and the positions of a mask: x[x > c], np.nonzero, ..."""
        a, av = self.indexable(depth)
        self.used.add("masks")
        m = self.mask_of(a, av)
        return self.choice([
            f"{a}[{m}]", f"{a}[{m}].sum()", f"np.nonzero({m})[{self.rng.randint(0, av.ndim - 1)}]",
            f"np.argwhere({m})", f"np.flatnonzero({m})", f"np.count_nonzero({m})",
            f"np.extract({m}, {a})", f"np.cumsum({a}[{m}])", f"{a}[{m}].size"])

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
        a, av = self.indexable(depth)
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

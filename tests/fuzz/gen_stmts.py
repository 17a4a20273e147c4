"""The generator's statements and conditions (a mixin of gen.Gen): assignments, writes
through names, views and aliases, control flow, helpers and refusal bait."""

import numpy as np

from gen_common import NP_NAME, Reject, Var, same_type, standin


class Statements:
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

#!/usr/bin/python3
"""Minimizer: shrinks a failing fuzz program while its failure signature persists, and
writes a standalone repro.

    /usr/bin/python3 tests/fuzz/minimize.py PROGRAM.py [--out DIR] [--ag build/python]

Greedy delta debugging on the AST, every candidate run in a crash-safe worker process:
drop statements (halves first, then one by one), unwrap if/for/while into their bodies,
shorten range() loops, drop arguments (from f and inputs()), drop return-tuple items,
replace sub-expressions by one of their operands, drop unused helpers. A candidate is
kept when runner.signature() of its result equals the original one (same class, same
WRONG aspect and call, same exception classes, same unclean-refusal message).

The repro file holds the program plus a small self-contained harness (`python3 repro.py`
runs numpy and ag twice, prints what differs, exits 1 if anything does); it finds ag
through $AG_PYTHONPATH or the nearest build/python above it.
"""

import argparse
import ast
import copy
import hashlib
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import runner  # noqa: E402

HARNESS = """

# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, {fuzz_dir!r})
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
"""


def program_parts(source):
    """(header comment lines, module AST)."""
    header = [ln for ln in source.splitlines() if ln.startswith("#")]
    return header, ast.parse(source)


def stmt_lists(tree):
    """Every statement list (body/orelse) inside function definitions, as (owner, attr)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name != "inputs":
            out.append((node, "body"))
        elif isinstance(node, (ast.If, ast.For, ast.While)):
            out.append((node, "body"))
            if node.orelse:
                out.append((node, "orelse"))
    return out


def unparse(tree, header):
    ast.fix_missing_locations(tree)
    return "\n".join(header) + "\n" + ast.unparse(tree) + "\n"


def candidates(tree, no_alias=False):
    """Yields functions that mutate a deep copy of `tree` into a smaller candidate (or
    return False when not applicable). Coarse edits come first."""
    n_lists = len(stmt_lists(tree))
    # 1. drop chunks, then single statements (last statement of f = return: kept)
    for li in range(n_lists):
        def sizes(t, li=li):
            owner, attr = stmt_lists(t)[li]
            return len(getattr(owner, attr))
        size = sizes(tree)
        chunk = size // 2
        while chunk >= 1:
            for start in range(0, size, chunk):
                def edit(t, li=li, start=start, chunk=chunk):
                    owner, attr = stmt_lists(t)[li]
                    body = getattr(owner, attr)
                    if start >= len(body):
                        return False
                    keep = body[:start] + body[start + chunk:]
                    if isinstance(owner, ast.FunctionDef) and owner.name == "f" and \
                            body[-1] not in keep:
                        return False
                    if not keep:
                        if attr == "orelse":
                            setattr(owner, attr, [])
                            return True
                        keep = [ast.Pass()]
                    setattr(owner, attr, keep)
                    return True
                yield edit
            chunk //= 2
    # 2. unwrap compound statements; shorten loops
    for li in range(n_lists):
        owner, attr = stmt_lists(tree)[li]
        for si in range(len(getattr(owner, attr))):
            for mode in ("body", "orelse", "range9", "range2", "range0"):
                def edit(t, li=li, si=si, mode=mode):
                    owner, attr = stmt_lists(t)[li]
                    body = getattr(owner, attr)
                    if si >= len(body):
                        return False
                    s = body[si]
                    if mode.startswith("range"):
                        if not (isinstance(s, ast.For) and isinstance(s.iter, ast.Call)
                                and getattr(s.iter.func, "id", "") == "range"):
                            return False
                        n = int(mode[5:])
                        new = ast.Call(func=ast.Name("range", ast.Load()),
                                       args=[ast.Constant(n)], keywords=[])
                        if ast.dump(new) == ast.dump(s.iter):
                            return False
                        s.iter = new
                        return True
                    if not isinstance(s, (ast.If, ast.For, ast.While)):
                        return False
                    inner = getattr(s, mode)
                    if not inner:
                        return False
                    if isinstance(s, ast.For) and mode == "body":
                        # keep the loop variable defined
                        pre = ast.Assign(targets=[s.target],
                                         value=ast.Constant(0)) \
                            if isinstance(s.target, ast.Name) else None
                        if pre is None:
                            return False
                        inner = [pre] + inner
                    if any(isinstance(x, (ast.Break, ast.Continue))
                           for st in inner for x in ast.walk(st)) and \
                            not isinstance(s, ast.If):
                        return False
                    body[si:si + 1] = inner
                    return True
                yield edit
    # 3. drop arguments of f (and their inputs() entries)
    f = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "f")
    for k in range(len(f.args.args)):
        def edit(t, k=k):
            f = next(n for n in t.body if isinstance(n, ast.FunctionDef) and n.name == "f")
            inp = next(n for n in t.body if isinstance(n, ast.FunctionDef)
                       and n.name == "inputs")
            if k >= len(f.args.args):
                return False
            name = f.args.args[k].arg
            used = any(isinstance(x, ast.Name) and x.id == name for x in ast.walk(f))
            if used:
                return False
            del f.args.args[k]
            del inp.body[0].value.elts[k]
            return True
        yield edit
    # 4. return tuples
    def ret_edits():
        for node in ast.walk(tree):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                return len(node.value.elts)
        return 0
    for k in range(ret_edits()):
        def edit(t, k=k):
            for node in ast.walk(t):
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) \
                        and len(node.value.elts) > 1 and k < len(node.value.elts):
                    del node.value.elts[k]
                    if len(node.value.elts) == 1:
                        node.value = node.value.elts[0]
                    return True
            return False
        yield edit
    # 5. replace expressions by an operand
    exprs = [n for n in ast.walk(f) if isinstance(n, (ast.BinOp, ast.Call, ast.Compare,
                                                      ast.UnaryOp, ast.BoolOp))]
    for ei in range(len(exprs)):
        for which in range(3):
            def edit(t, ei=ei, which=which):
                f = next(n for n in t.body if isinstance(n, ast.FunctionDef)
                         and n.name == "f")
                nodes = [n for n in ast.walk(f) if isinstance(
                    n, (ast.BinOp, ast.Call, ast.Compare, ast.UnaryOp, ast.BoolOp))]
                if ei >= len(nodes):
                    return False
                node = nodes[ei]
                ops = []
                if isinstance(node, ast.BinOp):
                    ops = [node.left, node.right]
                elif isinstance(node, ast.Call):
                    ops = list(node.args)
                    if isinstance(node.func, ast.Attribute) and not (
                            isinstance(node.func.value, ast.Name) and
                            node.func.value.id == "np"):
                        ops.insert(0, node.func.value)
                elif isinstance(node, ast.Compare):
                    ops = [node.left] + list(node.comparators)
                elif isinstance(node, ast.UnaryOp):
                    ops = [node.operand]
                elif isinstance(node, ast.BoolOp):
                    ops = list(node.values)
                if which >= len(ops):
                    return False
                if no_alias and isinstance(ops[which], (ast.Name, ast.Subscript,
                                                        ast.Attribute)):
                    # `y = x`, `lst.append(x)`, `y = x[1:]` would add aliasing the
                    # program did not have: another bug than the one being shrunk
                    return False
                return replace_node(t, node, ops[which])
            yield edit
    # 6. simpler input values: np.ones / np.arange of the same shape and dtype
    ns = {}
    try:
        import numpy as np
        exec(compile(ast.Module(body=[n for n in tree.body if isinstance(
            n, (ast.Import, ast.ImportFrom)) or (isinstance(n, ast.FunctionDef) and
            n.name == "inputs")], type_ignores=[]), "inputs", "exec"), ns)
        values = ns["inputs"]()
    except Exception:  # noqa: BLE001
        values = []
    for k, v in enumerate(values):
        if not isinstance(v, np.ndarray):
            continue
        dt = "np.bool_" if v.dtype == np.bool_ else f"np.{v.dtype}"
        shape = repr(tuple(v.shape))
        simple = [f"np.ones({shape}, dtype={dt})",
                  f"np.arange({v.size}).reshape({shape}).astype({dt})",
                  f"(np.arange({v.size}) - {v.size // 2}).reshape({shape}).astype({dt})"]
        for text in simple:
            def edit(t, k=k, text=text):
                inp = next(n for n in t.body if isinstance(n, ast.FunctionDef)
                           and n.name == "inputs")
                elts = inp.body[0].value.elts
                if k >= len(elts):
                    return False
                elts[k] = ast.parse(text, mode="eval").body
                return True
            yield edit
    # 7. unused helpers
    for k, node in enumerate(tree.body):
        if isinstance(node, (ast.FunctionDef, ast.Assign)) and getattr(node, "name", "") \
                not in ("f", "inputs"):
            def edit(t, k=k):
                node = t.body[k]
                name = node.name if isinstance(node, ast.FunctionDef) else \
                    getattr(node.targets[0], "id", None)
                if name in (None, "f", "inputs"):
                    return False
                if any(isinstance(x, ast.Name) and x.id == name for x in ast.walk(t)):
                    return False
                del t.body[k]
                return True
            yield edit


def replace_node(tree, old, new):
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return True
            if isinstance(value, list):
                for i, v in enumerate(value):
                    if v is old:
                        value[i] = new
                        return True
    return False


class Tester:
    def __init__(self, target_sig, ag_path, work, timeout):
        self.sig, self.work, self.timeout = target_sig, work, timeout
        self.pool_worker = None
        self.ag_path = ag_path or runner.default_ag_path()
        self.runs = 0

    def __call__(self, source):
        self.runs += 1
        path = os.path.join(self.work, f"prog_min_{self.runs}.py")
        with open(path, "w") as fh:
            fh.write(source)
        if self.pool_worker is None:
            self.pool_worker = runner.Worker(self.ag_path, self.work)
        res = self.pool_worker.ask({"id": self.runs, "path": path}, self.timeout)
        if res["cls"] in ("CRASH", "TIMEOUT"):
            self.pool_worker.kill()
            self.pool_worker.close()
            self.pool_worker = None
        res["path"] = path
        return runner.signature(res) == self.sig, res

    def close(self):
        if self.pool_worker is not None:
            self.pool_worker.close()


def minimize_source(source, sig, ag_path=None, timeout=60.0, max_runs=400, log=None):
    """The smallest source found with the same signature, and its result."""
    work = tempfile.mkdtemp(prefix="agfuzz-min-")
    tester = Tester(sig, ag_path, work, timeout)
    header, tree = program_parts(source)
    feats = " ".join(ln for ln in header if ln.startswith("# features:"))
    no_alias = bool(feats) and "aliases" not in feats and "views" not in feats
    ok, best_res = tester(unparse(tree, header))
    if not ok:
        tester.close()
        if log:
            log(f"signature did not reproduce: {runner.signature(best_res)} != {sig}")
        return source, best_res
    try:
        changed = True
        while changed and tester.runs < max_runs:
            changed = False
            for edit in candidates(tree, no_alias):
                if tester.runs >= max_runs:
                    break
                cand = copy.deepcopy(tree)
                try:
                    if not edit(cand):
                        continue
                    text = unparse(cand, header)
                    compile(text, "cand", "exec")
                except (SyntaxError, IndexError, AttributeError, StopIteration):
                    continue
                if len(text) >= len(unparse(tree, header)):
                    continue
                good, res = tester(text)
                if good:
                    tree, best_res, changed = cand, res, True
                    if log:
                        log(f"  [{tester.runs}] {len(text)} chars")
                    break  # regenerate the candidate list for the new tree
    finally:
        tester.close()
    return unparse(tree, header), best_res


def write_repro(source, res, out_dir, origin=""):
    cls = res["cls"]
    h = hashlib.sha1(source.encode()).hexdigest()[:8]
    name = f"{cls.lower().replace('-', '_')}_{h}.py"
    path = os.path.join(out_dir, name)
    detail = (res.get("detail") or res.get("refusal") or res.get("staged_exc") or "")
    lines = [f"# ag-fuzz repro: {runner.signature(res)}"]
    if origin:
        lines.append(f"# minimized from {origin}")
    for ln in str(detail).splitlines()[:4]:
        lines.append(f"# {ln[:150]}")
    body = "\n".join(ln for ln in source.splitlines() if not ln.startswith("# "))
    os.makedirs(out_dir, exist_ok=True)
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n" + body.rstrip() + "\n" +
                 HARNESS.format(fuzz_dir=os.path.dirname(os.path.abspath(__file__))))
    return path


def minimize_file(path, res=None, out_dir=None, ag_path=None, timeout=60.0, log=print):
    source = open(path).read().split("\n# ---- standalone check")[0]
    if res is None:
        tmp = tempfile.mkdtemp(prefix="agfuzz-min-")
        t = Tester(None, ag_path, tmp, timeout)
        _, res = t(source)
        t.close()
    sig = runner.signature(res)
    if log:
        log(f"minimizing {path} ({sig})")
    small, res2 = minimize_source(source, sig, ag_path, timeout, log=log)
    out_dir = out_dir or os.path.join(runner.HERE, "out", "repros")
    return write_repro(small, res2, out_dir, origin=os.path.basename(path))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("programs", nargs="+")
    ap.add_argument("--out", default=os.path.join(runner.HERE, "out", "repros"))
    ap.add_argument("--ag", default=None)
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    for p in args.programs:
        print(minimize_file(p, out_dir=args.out, ag_path=args.ag, timeout=args.timeout))


if __name__ == "__main__":
    main()

"""Runs generated programs eagerly and staged, in worker subprocesses, and classifies them.

Classes (one per program):
  OK            same results, dtypes, shapes, printed output, argument contents after the
                call and global RNG state after the call, on both staged calls (the second
                one hits the compiled cache, with fresh copies of the inputs); or numpy
                raised and ag raised an error of the same builtin class.
  WRONG         a difference in any of those (`aspect` says which, `call` which call).
  REFUSED       numpy ran, ag raised an ag.AgError; `clean` says whether the message names
                a line of the user's file and holds no internal text.
  EXC-MISMATCH  numpy raised E and ag raised another class or nothing; or numpy ran and
                ag raised a non-ag exception (an internal error).
  CRASH         the worker process died (signal, abort) while running the program.
  TIMEOUT       the program did not finish within the per-program time limit.
  DISCARD       numpy itself failed with a non-numpy error (a generator bug; not counted).

The worker protocol: the parent writes one job (JSON: id, path) per line on the worker's
stdin; the worker answers one JSON line per job on its original stdout (fd 1 is
redirected to stderr while programs run, so stray C-level output cannot corrupt it).
A job started without an answer when the worker dies is the crash's culprit.
"""

import contextlib
import copy
import importlib.util
import io
import json
import os
import re
import select
import subprocess
import sys
import threading
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"

CLASSES = ["OK", "WRONG", "NOISY", "REFUSED", "EXC-MISMATCH", "CRASH", "TIMEOUT",
           "DISCARD"]
FAILURES = ("WRONG", "EXC-MISMATCH", "CRASH", "TIMEOUT")
PRESEEDS = (1234, 98765)          # global np.random seed set before call 1 and call 2
RTOL = ATOL = 1e-5
# Text that must never reach a user in an error message.
INTERNAL_MARKERS = ["does not dominate", "operand #", "'ag.", "mlir", "verifier",
                    "Traceback in generated", "ag__"]
# numpy's own (deliberate) errors: kept, and ag must raise the same builtin class.
NUMPY_ERRORS = (ValueError, TypeError, IndexError, ZeroDivisionError, OverflowError,
                FloatingPointError)


def default_ag_path():
    return os.environ.get("AG_PYTHONPATH", os.path.join(REPO, "build", "python"))


# ======================================================================================
# comparison
# ======================================================================================

def compare(got, exp, path="result"):
    """None if `got` (ag) matches `exp` (numpy), else (aspect, message)."""
    import numpy as np
    if isinstance(exp, (tuple, list)):
        if type(got) is not type(exp):
            return "type", f"{path}: ag {type(got).__name__}, numpy {type(exp).__name__}"
        if len(got) != len(exp):
            return "structure", f"{path}: length {len(got)} != numpy {len(exp)}"
        for i, (g, e) in enumerate(zip(got, exp)):
            d = compare(g, e, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(exp, (np.ndarray, np.generic)):
        if type(got) is not type(exp):
            return "type", (f"{path}: ag {type(got).__name__} "
                            f"{getattr(got, 'dtype', '')}, numpy {type(exp).__name__} "
                            f"{exp.dtype}")
        if got.dtype != exp.dtype:
            return "dtype", f"{path}: dtype {got.dtype} != numpy {exp.dtype}"
        if got.shape != exp.shape:
            return "shape", f"{path}: shape {got.shape} != numpy {exp.shape}"
        if exp.dtype.kind == "f":
            with np.errstate(all="ignore"):
                ok = np.isclose(got, exp, rtol=RTOL, atol=ATOL, equal_nan=True)
        else:
            ok = got == exp
        if not np.all(ok):
            bad = np.argwhere(~np.asarray(ok))
            k = tuple(bad[0]) if len(bad) else ()
            return "value", (f"{path}: {int(np.size(ok) - np.count_nonzero(ok))} of "
                             f"{np.size(ok)} differ, first at {k}: ag "
                             f"{np.asarray(got)[k]!r} numpy {np.asarray(exp)[k]!r}")
        return None
    if type(got) is not type(exp):
        return "type", f"{path}: ag {type(got).__name__} {got!r}, numpy " \
                       f"{type(exp).__name__} {exp!r}"
    if isinstance(exp, float):
        import math
        if math.isnan(exp) and math.isnan(got):
            return None
        if abs(got - exp) <= ATOL + RTOL * abs(exp):
            return None
    if got != exp:
        return "value", f"{path}: ag {got!r} != numpy {exp!r}"
    return None


_NUM = re.compile(r"[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+|nan|inf)", re.I)


def compare_text(got, exp):
    """Printed output: equal, up to float formatting of values within tolerance."""
    if got == exp:
        return None
    gt, et = _NUM.split(got), _NUM.split(exp)
    gn, en = _NUM.findall(got), _NUM.findall(exp)
    if gt == et and len(gn) == len(en):
        import math
        for a, b in zip(gn, en):
            try:
                x, y = float(a), float(b)
            except ValueError:
                return _first_diff(got, exp)
            if math.isnan(x) and math.isnan(y):
                continue
            if x == y or abs(x - y) <= ATOL + RTOL * abs(y):
                continue
            return _first_diff(got, exp)
        return None
    # numpy pads columns to the widest value: compare the numbers alone when only
    # whitespace around them differs.
    if [t.split() for t in gt] == [t.split() for t in et] and len(gn) == len(en):
        return compare_text(" ".join(gn), " ".join(en))
    return _first_diff(got, exp)


def _first_diff(got, exp):
    gl, el = got.splitlines(), exp.splitlines()
    for i in range(max(len(gl), len(el))):
        g = gl[i] if i < len(gl) else "<missing>"
        e = el[i] if i < len(el) else "<missing>"
        if g != e:
            return "stdout", f"printed line {i + 1}: ag {g[:80]!r} numpy {e[:80]!r}"
    return "stdout", "printed output differs"


# ======================================================================================
# the worker
# ======================================================================================

def load_module(path):
    name = "agfuzz_" + re.sub(r"\W", "_", os.path.basename(path)[:-3]) + \
        f"_{abs(hash(path)) % 10**8}"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


class Call:
    __slots__ = ("result", "exc", "args", "stdout", "rng")


def run_call(fn, inputs, preseed):
    """fn on fresh arguments: `inputs()` when it is the program's (so each call gets
    the layouts it writes), else a deep copy of the list."""
    import numpy as np
    c = Call()
    args = inputs() if callable(inputs) else copy.deepcopy(inputs)
    np.random.seed(preseed)
    buf = io.StringIO()
    with np.errstate(all="ignore"), warnings.catch_warnings(), \
            contextlib.redirect_stdout(buf):
        warnings.simplefilter("ignore")
        try:
            c.result = copy.deepcopy(fn(*args))
            c.exc = None
        except Exception as e:  # noqa: BLE001 - classified by the caller
            c.result, c.exc = None, e
    c.args = args
    c.stdout = buf.getvalue()
    c.rng = np.random.randint(0, 2**31 - 1, size=4).tolist()
    return c


def exc_text(e):
    return f"{type(e).__name__}: {e}"[:600] if e is not None else None


def builtin_classes(e):
    import numpy as np
    if isinstance(e, np.AxisError):
        return {ValueError}
    return {b for b in NUMPY_ERRORS + (NotImplementedError, RecursionError,
                                       AssertionError) if isinstance(e, b)}


def refusal_cleanliness(msg, path):
    """(clean, reasons) of an ag error message."""
    reasons = []
    base = os.path.basename(path)
    m = re.search(re.escape(base) + r":(\d+)", msg)
    if not m:
        reasons.append("no user file:line")
    for marker in INTERNAL_MARKERS:
        if (marker.lower() in msg.lower()) if marker == "mlir" else (marker in msg):
            reasons.append(f"internal text {marker!r}")
    return not reasons, reasons


def classify_call(e, s, path, ag):
    """(cls, info) for one eager call `e` vs one staged call `s`."""
    if e.exc is not None:
        if not isinstance(e.exc, NUMPY_ERRORS):
            return "DISCARD", {"eager_exc": exc_text(e.exc)}
        info = {"eager_exc": exc_text(e.exc), "staged_exc": exc_text(s.exc)}
        if s.exc is None:
            info["detail"] = f"numpy raised {type(e.exc).__name__}, ag returned"
            return "EXC-MISMATCH", info
        want = builtin_classes(e.exc)
        if want and all(isinstance(s.exc, b) for b in want):
            return "OK", info
        if isinstance(s.exc, ag.AgError) and isinstance(s.exc, NotImplementedError):
            return refused(s.exc, path, info)
        info["detail"] = f"numpy raised {type(e.exc).__name__}, ag raised " \
                         f"{type(s.exc).__name__}"
        return "EXC-MISMATCH", info
    if s.exc is not None:
        info = {"staged_exc": exc_text(s.exc)}
        if isinstance(s.exc, ag.AgError):
            return refused(s.exc, path, info)
        info["detail"] = f"numpy ran, ag raised non-ag {type(s.exc).__name__}"
        return "EXC-MISMATCH", info
    for aspect, d in (("result", compare(s.result, e.result)),
                      ("args", compare(s.args, e.args, "argument"))):
        if d:
            a, msg = d
            return "WRONG", {"aspect": "args-" + a if aspect == "args" else a,
                             "detail": msg}
    d = compare_text(s.stdout, e.stdout)
    if d:
        return "WRONG", {"aspect": "stdout", "detail": d[1]}
    if s.rng != e.rng:
        return "WRONG", {"aspect": "rng-state",
                         "detail": "global np.random state after the call differs"}
    return "OK", {}


def refused(exc, path, info):
    msg = str(exc)
    clean, reasons = refusal_cleanliness(msg, path)
    info.update({"refusal": msg[:600], "clean": clean, "unclean": reasons,
                 "ag_class": type(exc).__name__})
    return "REFUSED", info


def ill_conditioned(fn, inputs, preseed, ref):
    """Why numpy's own result leaves the tolerance under a change of rounding alone (the
    float inputs nudged by a relative 1e-6, float64 for float32, transcendental results
    an ulp apart, another summation order), or None: then a difference of ag's is
    rounding amplified by the program (tan applied 9 times), not a wrong result."""
    import numpy as np
    rng = np.random.default_rng(0)
    nudged, any_float = [], False
    for a in inputs:
        if isinstance(a, np.ndarray) and a.dtype.kind == "f":
            any_float = True
            with np.errstate(all="ignore"):
                a = (a * (1 + 1e-6 * rng.choice([-1.0, 1.0], a.shape))).astype(a.dtype)
        nudged.append(a)
    if any_float:
        c = run_call(fn, nudged, preseed)
        if c.exc is not None:
            return "numpy itself moves this much when the float inputs move by ~1e-6"
        if compare(c.result, ref.result) or compare(c.args, ref.args) or \
                compare_text(c.stdout, ref.stdout):
            return "numpy itself moves this much when the float inputs move by ~1e-6"
    # Rounding inside the program that no input nudge reaches (x / x, then tan nine
    # times): numpy itself in float64 on the float32 inputs leaves the tolerance.
    wide = [a.astype(np.float64) if isinstance(a, np.ndarray) and a.dtype == np.float32
            else a for a in inputs]
    if any(w is not a for w, a in zip(wide, inputs)):
        c = run_call(fn, wide, preseed)
        if c.exc is None and (_values_apart(c.result, ref.result) or
                              _values_apart(c.args, ref.args)):
            return "numpy itself moves this much computing in float64"
    # Float32 made inside the program (`.astype(np.float32)` of a mask, then y *= tan(y)
    # nine times): numpy's float32 tan is not correctly rounded, ag's may round the other
    # way, and a chaotic recurrence grows that one ulp. The program run with every
    # float32 transcendental rounded correctly (computed in float64) tells.
    c = run_call(_with_numpy(fn, _correctly_rounded), inputs, preseed)
    if c.exc is None and (_values_apart(c.result, ref.result) or
                          _values_apart(c.args, ref.args)):
        return "numpy itself moves this much with correctly rounded float32 functions"
    # Rounding of float64 transcendentals (and pow), whose last bit differs between
    # libms (glibc's tan and LLVM's expansion of pow(x, 1.5) are not correctly rounded):
    # a chaotic recurrence (`y = tan(y * expm1(t))` nine times) grows one ulp into any
    # value. numpy run with every such result moved up by one ulp tells.
    # (Any result counts: an int cast of exp(40) moves by 128 when exp moves an ulp.)
    # Down as well: numpy's float64 tanh(19.0) is 1.0 (SVML on AVX-512 machines), glibc's
    # one ulp less, and an int cast of it 0 (fuzz seed 60 #2404).
    # Summation order: numpy reduces in memory order, and an elementwise result of a
    # transposed view is laid out in Fortran order, so `np.mean(-x.T)` adds in another
    # order than the same values C-ordered; ag adds in C order. With int64 extremes
    # cast to float64 (2^63 - 1 rounds to 2^63) the order decides the result (seed 60
    # #3203: 0.2 against -0.0667). numpy with its np.* reductions reading C-ordered
    # operands tells.
    for wrap, reason in ((_one_ulp_up, "one ulp up"), (_one_ulp_down, "one ulp down"),
                         (_c_ordered, "its reductions reading C order")):
        c = run_call(_with_numpy(fn, wrap), inputs, preseed)
        if c.exc is None and (compare(c.result, ref.result) or compare(c.args, ref.args)
                              or compare_text(c.stdout, ref.stdout)):
            return ("numpy itself moves this much with its transcendental results moved "
                    f"{reason}" if wrap is not _c_ordered else
                    f"numpy itself moves this much with {reason}")
    return None


_REDUCTIONS = ("sum", "mean", "prod", "var", "std", "average", "nansum", "nanmean",
               "nanprod", "nanvar", "nanstd", "cumsum", "cumprod")


def _c_ordered(function):
    """numpy reduction `function` reading a C-ordered copy of its operand."""
    import numpy as np

    def call(a, *args, **kwargs):
        if isinstance(a, np.ndarray):
            a = np.asarray(a, order="C")
        return function(a, *args, **kwargs)
    return call


_TRANSCENDENTAL = ("sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
                   "arcsinh", "arccosh", "arctanh", "exp", "exp2", "expm1", "log", "log2",
                   "log10", "log1p", "cbrt")


def _correctly_rounded(ufunc):
    """`ufunc` of float32 computed in float64 and rounded once."""
    import numpy as np

    def call(x, *args, **kwargs):
        if args or kwargs or np.result_type(x) != np.float32:
            return ufunc(x, *args, **kwargs)
        r = ufunc(np.asarray(x, np.float64)).astype(np.float32)
        return r if isinstance(x, np.ndarray) and x.ndim else np.float32(r)
    return call


def _one_ulp(toward):
    def wrap(ufunc):
        """`ufunc` whose float results are one ulp nearer `toward` (+inf or -inf)."""
        import numpy as np

        def call(*args, **kwargs):
            r = ufunc(*args, **kwargs)
            if "out" in kwargs or np.result_type(r).kind != "f":
                return r
            with np.errstate(all="ignore"):
                moved = np.nextafter(r, np.array(toward, np.result_type(r)))
            return moved if isinstance(r, np.ndarray) else np.result_type(r).type(moved)
        return call
    return wrap


_one_ulp_up, _one_ulp_down = _one_ulp(float("inf")), _one_ulp(float("-inf"))


def _with_numpy(fn, wrap):
    """`fn` and the functions of its module seeing an `np` whose transcendental ufuncs
    (and `power`, for the one-ulp moves; its reductions, for _c_ordered) are `wrap`ped."""
    import types
    import numpy as np

    proxy = types.ModuleType("numpy")
    proxy.__dict__.update(np.__dict__)
    moves = wrap in (_one_ulp_up, _one_ulp_down)
    names = _REDUCTIONS if wrap is _c_ordered else \
        _TRANSCENDENTAL + (("power",) if moves else ())
    for name in names:
        setattr(proxy, name, wrap(getattr(np, name)))
    env = dict(fn.__globals__, np=proxy)
    if moves:
        # `x ** 3` is ndarray.__pow__, which no proxy reaches: the program again with
        # every `**` spelt np.power (its results are numpy's).
        return _powers_as_calls(fn, env, proxy)
    for name, value in list(env.items()):
        if isinstance(value, types.FunctionType) and value.__globals__ is fn.__globals__:
            env[name] = types.FunctionType(value.__code__, env, value.__name__,
                                           value.__defaults__, value.__closure__)
    return env[fn.__name__] if env.get(fn.__name__) is not None else fn


def _powers_as_calls(fn, env, proxy):
    """`fn` of its module compiled again with `a ** b` as `np.power(a, b)`, in `env`
    (whose np is `proxy`)."""
    import ast

    class Powers(ast.NodeTransformer):
        def visit_BinOp(self, node):
            self.generic_visit(node)
            if not isinstance(node.op, ast.Pow):
                return node
            power = ast.Attribute(value=ast.Name(id="np", ctx=ast.Load()), attr="power",
                                  ctx=ast.Load())
            return ast.copy_location(ast.Call(func=power, args=[node.left, node.right],
                                              keywords=[]), node)

    path = fn.__code__.co_filename
    with open(path) as f:
        tree = ast.fix_missing_locations(Powers().visit(ast.parse(f.read())))
    exec(compile(tree, path, "exec"), env)
    env["np"] = proxy  # (the module's own `import numpy as np` ran again)
    return env[fn.__name__]


def _values_apart(wide, ref):
    """Whether a float result computed in float64 is outside the tolerance of numpy's
    float32 one (same structure and shapes; anything else: not a rounding question)."""
    import numpy as np
    if isinstance(ref, (tuple, list)):
        return isinstance(wide, (tuple, list)) and len(wide) == len(ref) and \
            any(_values_apart(w, r) for w, r in zip(wide, ref))
    if not isinstance(ref, (np.ndarray, np.generic)) or ref.dtype.kind != "f" or \
            np.shape(wide) != np.shape(ref):
        return False
    with np.errstate(all="ignore"):
        return not np.allclose(np.asarray(wide, np.float64), np.asarray(ref, np.float64),
                               rtol=RTOL, atol=ATOL, equal_nan=True)


def run_program(path, ag):
    mod = load_module(path)
    inputs = mod.inputs()
    eager = [run_call(mod.f, mod.inputs, s) for s in PRESEEDS]
    try:
        g = ag.stage(mod.f)
    except Exception as e:  # noqa: BLE001
        staged = []
        for _ in PRESEEDS:
            c = Call()
            c.result, c.exc, c.args, c.stdout, c.rng = None, e, None, "", None
            staged.append(c)
    else:
        staged = [run_call(g, mod.inputs, s) for s in PRESEEDS]
    results = [classify_call(e, s, path, ag) for e, s in zip(eager, staged)]
    for k, (cls, info) in enumerate(results):
        if cls == "WRONG" and info.get("aspect") in ("value", "args-value", "stdout") \
                and (reason := ill_conditioned(mod.f, inputs, PRESEEDS[k], eager[k])):
            info = dict(info, detail=f"({reason}) " + info.get("detail", ""))
            results[k] = ("NOISY", info)
    (c0, i0), (c1, i1) = results
    if "DISCARD" in (c0, c1):
        cls, info, call = "DISCARD", (i0 if c0 == "DISCARD" else i1), 0
    elif c0 != "OK":
        cls, info, call = c0, i0, 1
    else:
        cls, info, call = c1, i1, 2
    info = dict(info)
    if cls not in ("OK", "DISCARD"):
        info["call"] = call
    return cls, info


def signature(res):
    """A short key that identifies one failure mode (minimizer predicate, grouping)."""
    cls = res["cls"]
    if cls == "WRONG":
        return f"WRONG/{res.get('aspect')}/call{res.get('call')}"
    if cls == "EXC-MISMATCH":
        e = (res.get("eager_exc") or "none").split(":")[0]
        s = (res.get("staged_exc") or "none").split(":")[0]
        sig = f"EXC-MISMATCH/{e}->{s}"
        if res.get("eager_exc") is None and res.get("staged_exc"):
            # an internal error: the message tells root causes apart
            msg = res["staged_exc"].split(":", 1)[-1]
            sig += ": " + normalize_message(msg)[:60]
        return sig
    if cls == "REFUSED":
        if res.get("clean"):
            return "REFUSED/clean"
        return "REFUSED-UNCLEAN/" + normalize_message(res.get("refusal", ""))[:80]
    if cls == "CRASH":
        return "CRASH/" + res.get("detail", "")[:40]
    return cls


_NORMALIZE = [
    (re.compile(r"\S*prog\w*\.py:\d+(:\d+)?"), "<file>:N"),
    (re.compile(r"\S+\.py:\d+(:\d+)?"), "<file>:N"),
    (re.compile(r"'(?:[atyvkhpib]|lst|row)\d+'"), "'V'"),
    (re.compile(r"\b(?:[atyvkhpib]|lst|row)\d+\b"), "V"),
    (re.compile(r"\(\s*\d+(?:,\s*\d*)*\)"), "(S)"),
    (re.compile(r"\[\s*\d+(?:,\s*\d+)*\]"), "[S]"),
    (re.compile(r"(?<![\w.])-?\d+(\.\d+)?(e[-+]?\d+)?"), "N"),
]


def normalize_message(msg):
    msg = msg.strip().splitlines()[0] if msg.strip() else ""
    for rx, rep in _NORMALIZE:
        msg = rx.sub(rep, msg)
    return msg


def worker_main():
    ag_path = os.environ.get("AG_PYTHONPATH") or default_ag_path()
    sys.path.insert(0, ag_path)
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray output of compiled code goes to stderr
    import numpy  # noqa: F401
    import ag
    import warnings as _w
    _w.simplefilter("ignore")
    for line in sys.stdin:
        job = json.loads(line)
        t0 = time.time()
        try:
            cls, info = run_program(job["path"], ag)
        except Exception as e:  # noqa: BLE001 - the harness itself failed on this program
            cls, info = "DISCARD", {"detail": "harness: " + exc_text(e)}
        info.update({"id": job["id"], "cls": cls, "time": round(time.time() - t0, 3)})
        proto.write(json.dumps(info, default=str) + "\n")
        proto.flush()


# ======================================================================================
# the pool (parent side)
# ======================================================================================

class Worker:
    def __init__(self, ag_path, log_dir):
        env = dict(os.environ)
        env["AG_PYTHONPATH"] = ag_path
        env.pop("AG_LOG", None)
        # Random programs would fill the user's compile cache: off unless asked for.
        env.setdefault("AG_CACHE_DIR", "off")
        self.errpath = os.path.join(log_dir, f"worker-{os.getpid()}-{id(self)}.err")
        self.err = open(self.errpath, "w+b")
        self.proc = subprocess.Popen(
            [PYTHON, os.path.abspath(__file__), "--worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.err, env=env, cwd=log_dir)
        self.buf = b""
        self.jobs = 0

    def ask(self, job, timeout):
        """The result dict, or ("CRASH"|"TIMEOUT", detail)."""
        self.jobs += 1
        err_start = self.err.tell() if not self.err.closed else 0
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return self.crashed(err_start)
        deadline = time.time() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                self.kill()
                return {"cls": "TIMEOUT", "detail": f"no answer within {timeout:.0f}s"}
            r, _, _ = select.select([fd], [], [], min(left, 1.0))
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return self.crashed(err_start)
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def crashed(self, err_start):
        rc = self.proc.wait()
        self.err.flush()
        self.err.seek(err_start)
        tail = self.err.read()[-3000:].decode("utf-8", "replace")
        self.err.seek(0, 2)
        sig = f"signal {-rc}" if rc < 0 else f"exit {rc}"
        last = [ln for ln in tail.splitlines() if ln.strip()]
        key = next((ln for ln in reversed(last) if "LLVM ERROR" in ln or "Assertion" in ln
                    or "Error" in ln), last[-1] if last else "")
        return {"cls": "CRASH", "detail": f"{sig}: {key.strip()[:200]}",
                "stderr_tail": tail[-1500:]}

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()   # our own child, by its handle
        self.proc.wait()

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
        self.err.close()
        try:
            os.unlink(self.errpath)
        except OSError:
            pass


class Pool:
    """Runs jobs (dicts with id, path) on `n` worker processes; crash-safe."""

    def __init__(self, n=2, ag_path=None, timeout=60.0, log_dir=None, recycle=150):
        self.n, self.timeout, self.recycle = n, timeout, recycle
        self.ag_path = ag_path or default_ag_path()
        self.log_dir = log_dir or os.getcwd()

    def run(self, jobs, on_result=None, deadline=None):
        """Runs `jobs`; returns {id: result}. Stops handing out jobs after `deadline`."""
        lock = threading.Lock()
        queue = list(jobs)[::-1]
        results = {}

        def slot():
            w = None
            while True:
                with lock:
                    if not queue or (deadline and time.time() > deadline):
                        break
                    job = queue.pop()
                if w is None:
                    w = Worker(self.ag_path, self.log_dir)
                res = w.ask(job, self.timeout)
                res.setdefault("id", job["id"])
                res["path"] = job["path"]
                if res["cls"] in ("CRASH", "TIMEOUT") or w.jobs >= self.recycle:
                    w.kill() if res["cls"] in ("CRASH", "TIMEOUT") else None
                    w.close()
                    w = None
                with lock:
                    results[job["id"]] = res
                    if on_result:
                        on_result(res)
            if w is not None:
                w.close()

        threads = [threading.Thread(target=slot) for _ in range(max(1, self.n))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results


if __name__ == "__main__" and "--worker" in sys.argv:
    worker_main()

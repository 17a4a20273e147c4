#!/usr/bin/python3
"""Differential fuzzer of ag.stage against plain numpy.

    /usr/bin/python3 tests/fuzz/fuzz.py --seed 1 --count 500 [--time-budget 300]
        [--features stable | all | a,b,c] [--weights views=5,random=0] [--out DIR]
        [--jobs 2] [--strict] [--minimize] [--ag build/python]

Generates random numpy programs (gen.py; features and weights in features.py), runs each
eagerly and staged twice in worker subprocesses (runner.py), prints a summary table and
keeps every non-OK program under OUT/failures/<CLASS>/. --minimize shrinks up to
--minimize-per programs per failure signature into standalone repros under OUT/repros/.
Exit status is non-zero on WRONG/CRASH/TIMEOUT/EXC-MISMATCH only with --strict.
Program (seed, i) is deterministic: `--seed S --start I --count 1` regenerates it.
"""

import argparse
import collections
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import features as feature_table  # noqa: E402
import gen  # noqa: E402
import runner  # noqa: E402

DEFAULT_OUT = os.path.join(runner.HERE, "out")


def parse_features(spec, weights_spec):
    enabled = None
    only_stable = False
    if spec in (None, "", "all"):
        pass
    elif spec == "stable":
        only_stable = True
    else:
        enabled = set()
        for name in spec.split(","):
            if name == "stable":
                enabled |= set(feature_table.stable_features())
            elif name:
                if name not in feature_table.FEATURES:
                    raise SystemExit(f"unknown feature {name!r}; known: "
                                     f"{', '.join(feature_table.FEATURES)}")
                enabled.add(name)
    overrides = {}
    for item in (weights_spec or "").split(","):
        if item:
            k, v = item.split("=")
            overrides[k] = float(v)
    return feature_table.weights(enabled, overrides, only_stable)


def run_campaign(seed, count, weights, out, start=0, jobs=2, timeout=60.0,
                 time_budget=None, ag_path=None, progress=None, keep_all=False):
    """Generates and runs programs (seed, start..start+count-1). Returns the result list
    (dicts with cls, features, source path, ...); failing programs are copied to
    out/failures/<CLASS>/."""
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="agfuzz-", dir=out)
    deadline = time.time() + time_budget if time_budget else None
    jobs_list, meta = [], {}
    for i in range(start, start + count):
        prog = gen.generate(seed, i, weights)
        path = os.path.join(work, f"prog_s{seed}_{i}.py")
        with open(path, "w") as fh:
            fh.write(prog.source)
        jobs_list.append({"id": i, "path": path})
        meta[i] = prog.used
    pool = runner.Pool(jobs, ag_path=ag_path, timeout=timeout, log_dir=work)
    results = []

    def on_result(res):
        res["features"] = meta[res["id"]]
        res["seed"] = seed
        res["sig"] = runner.signature(res)
        if res["cls"] != "OK" and not (res["cls"] == "REFUSED" and res.get("clean")):
            dest = os.path.join(out, "failures", res["cls"])
            os.makedirs(dest, exist_ok=True)
            keep = os.path.join(dest, os.path.basename(res["path"]))
            shutil.copy(res["path"], keep)
            res["path"] = keep
        elif keep_all:
            dest = os.path.join(out, "programs")
            os.makedirs(dest, exist_ok=True)
            keep = os.path.join(dest, os.path.basename(res["path"]))
            shutil.copy(res["path"], keep)
            res["path"] = keep
        results.append(res)
        if progress:
            progress(res)

    pool.run(jobs_list, on_result=on_result, deadline=deadline)
    shutil.rmtree(work, ignore_errors=True)
    results.sort(key=lambda r: r["id"])
    return results


def summarize(results, top=12, file=sys.stdout):
    p = lambda *a: print(*a, file=file)  # noqa: E731
    counts = collections.Counter(r["cls"] for r in results)
    n = len(results)
    judged = n - counts["DISCARD"]
    p(f"\n{n} programs ({counts['DISCARD']} discarded: numpy itself failed with a "
      f"non-numpy error; NOISY = float difference in an ill-conditioned program)")
    p(f"{'class':<14}{'count':>7}{'share':>9}")
    for cls in runner.CLASSES:
        share = f"{100 * counts[cls] / judged:.1f}%" if judged and cls != "DISCARD" else ""
        p(f"{cls:<14}{counts[cls]:>7}{share:>9}")
    refused = [r for r in results if r["cls"] == "REFUSED"]
    if refused:
        clean = sum(1 for r in refused if r.get("clean"))
        p(f"\nrefusals: {len(refused)} ({100 * len(refused) / max(1, judged):.1f}% of "
          f"programs), clean messages {clean}, unclean {len(refused) - clean}")
        # Bait programs are built to be refused (s_bait: what they check is the message),
        # so the refusal rate of ordinary programs leaves them out.
        plain = [r for r in results if r["cls"] != "DISCARD"
                 and "refusal_bait" not in r.get("features", [])]
        plain_refused = sum(1 for r in plain if r["cls"] == "REFUSED")
        p(f"refusals of programs without refusal bait: {plain_refused} of {len(plain)} "
          f"({100 * plain_refused / max(1, len(plain)):.1f}%)")
        why = collections.Counter(x for r in refused for x in r.get("unclean", []))
        for k, v in why.most_common():
            p(f"  unclean: {v:>5}  {k}")
        p("top refusal messages (normalized):")
        groups = collections.Counter(
            (runner.normalize_message(r.get("refusal", "")), r.get("clean"))
            for r in refused)
        for (msg, cl), v in groups.most_common(top):
            p(f"  {v:>5}  {'clean  ' if cl else 'UNCLEAN'}  {msg[:150]}")
    fails = [r for r in results if r["cls"] in runner.FAILURES or
             (r["cls"] == "REFUSED" and not r.get("clean"))]
    if fails:
        p("\nfailures by signature (count, example):")
        by_sig = collections.defaultdict(list)
        for r in fails:
            by_sig[r["sig"]].append(r)
        for sig, rs in sorted(by_sig.items(), key=lambda kv: -len(kv[1])):
            ex = rs[0]
            p(f"  {len(rs):>5}  {sig}")
            p(f"         {os.path.relpath(ex['path'])}: "
              f"{(ex.get('detail') or ex.get('refusal') or '')[:160]}")
    # Which features fail most (share of programs using the feature that fail).
    use = collections.Counter(f for r in results if r["cls"] != "DISCARD"
                              for f in r.get("features", []))
    bad = collections.Counter(f for r in results if r["cls"] in runner.FAILURES
                              for f in r.get("features", []))
    if bad:
        p("\nfailure rate by feature used (programs failing / programs using it):")
        for f, _ in sorted(bad.items(), key=lambda kv: -kv[1] / max(1, use[kv[0]])):
            p(f"  {f:<16}{bad[f]:>6} / {use[f]:<6} {100 * bad[f] / use[f]:5.1f}%")
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--start", type=int, default=0, help="first program index")
    ap.add_argument("--time-budget", type=float, default=None,
                    help="stop starting programs after this many seconds")
    ap.add_argument("--features", default="all",
                    help="'all', 'stable', or a comma list (may include 'stable')")
    ap.add_argument("--weights", default="", help="overrides: name=w,name=w")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="per program, seconds")
    ap.add_argument("--ag", default=None, help="directory holding the ag package "
                    "(default $AG_PYTHONPATH or <repo>/build/python)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 on any WRONG/CRASH/TIMEOUT/EXC-MISMATCH")
    ap.add_argument("--minimize", action="store_true", help="minimize failures")
    ap.add_argument("--minimize-per", type=int, default=1,
                    help="programs minimized per failure signature")
    ap.add_argument("--keep-all", action="store_true", help="keep OK programs too")
    ap.add_argument("--json", default=None, help="append results as JSON lines here")
    ap.add_argument("--print-program", action="store_true",
                    help="print the generated programs and exit (no ag)")
    args = ap.parse_args(argv)

    weights = parse_features(args.features, args.weights)
    if args.print_program:
        for i in range(args.start, args.start + args.count):
            print(gen.generate(args.seed, i, weights).source)
        return 0
    t0 = time.time()
    done = [0]

    def progress(res):
        done[0] += 1
        if res["cls"] in runner.FAILURES:
            print(f"[{done[0]}/{args.count}] {res['cls']:<12} {res['sig']:<40} "
                  f"{os.path.relpath(res['path'])}", flush=True)

    results = run_campaign(args.seed, args.count, weights, args.out, start=args.start,
                           jobs=args.jobs, timeout=args.timeout,
                           time_budget=args.time_budget, ag_path=args.ag,
                           progress=progress, keep_all=args.keep_all)
    if args.json:
        with open(args.json, "a") as fh:
            for r in results:
                fh.write(json.dumps(r, default=str) + "\n")
    counts = summarize(results)
    print(f"\n{len(results)} programs in {time.time() - t0:.0f}s "
          f"(seed {args.seed}, indices {args.start}..{args.start + args.count - 1})")
    if args.minimize:
        import minimize
        by_sig = collections.defaultdict(list)
        for r in results:
            if r["cls"] in runner.FAILURES or (r["cls"] == "REFUSED" and not r.get("clean")):
                by_sig[r["sig"]].append(r)
        os.makedirs(os.path.join(args.out, "repros"), exist_ok=True)
        for sig, rs in by_sig.items():
            for r in rs[:args.minimize_per]:
                path = minimize.minimize_file(r["path"], r, os.path.join(args.out, "repros"),
                                              ag_path=args.ag)
                print(f"minimized {sig}: {os.path.relpath(path)}")
    failed = sum(counts[c] for c in runner.FAILURES)
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())

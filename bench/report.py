"""Summaries of a run: speedups, geomeans, ag's ratio to the fastest other system; the
terminal table and the PNG plot.

`results` maps workload name -> system name -> the worker's record (status "ok" with
"ms", or a failure status with "error").
"""

import math

from systems import LABELS

BASELINE = "numpy"


def ok_ms(record):
    return record["ms"] if record and record.get("status") == "ok" else None


def speedups(results, systems):
    """workload -> system -> time of numpy eager / time of the system."""
    out = {}
    for name, row in results.items():
        base = ok_ms(row.get(BASELINE))
        out[name] = {s: (base / ok_ms(row.get(s)) if base and ok_ms(row.get(s)) else None)
                     for s in systems}
    return out


def geomeans(speedup_table, systems):
    """system -> (geomean speedup over the workloads it ran correctly, how many)."""
    out = {}
    for s in systems:
        values = [row[s] for row in speedup_table.values() if row.get(s)]
        out[s] = ((math.exp(sum(map(math.log, values)) / len(values)) if values else None),
                  len(values))
    return out


def ag_vs_best(results):
    """workload -> (fastest other system's time / ag's time, that system): >= 1 means ag
    is at least as fast as everything else, numpy eager included."""
    out = {}
    for name, row in results.items():
        ag_ms = ok_ms(row.get("ag"))
        others = [(ok_ms(r), s) for s, r in row.items() if s != "ag" and ok_ms(r)]
        if ag_ms and others:
            best_ms, best = min(others)
            out[name] = (best_ms / ag_ms, best)
        else:
            out[name] = (None, None)
    return out


def summarise(results, systems):
    table = speedups(results, systems)
    return {"speedup_vs_numpy": table,
            "geomean_speedup_vs_numpy": {s: {"geomean": g, "workloads": n}
                                         for s, (g, n) in geomeans(table, systems).items()},
            "ag_vs_fastest_other": {w: {"ratio": r, "fastest_other": s}
                                    for w, (r, s) in ag_vs_best(results).items()}}


def _ms_text(ms):
    if ms >= 100:
        return f"{ms:.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    if ms >= 1:
        return f"{ms:.2f}"
    return f"{ms:.3f}"


_SHORT = {"unsupported": "unsupported", "wrong": "WRONG", "crash": "CRASH",
          "timeout": "TIMEOUT", "no reference": "no ref", "not run": "-"}


def _warmup_text(record):
    seconds = (record or {}).get("warmup_s")
    return "-" if seconds is None else f"{seconds:.3f}"


def table(results, systems, workloads, mode):
    """The terminal table, its footnotes (every failure's message) and a compile table."""
    table_s = speedups(results, systems)
    ratio = ag_vs_best(results)
    cell = 18
    lines = []
    header = f"{'workload':18}" + "".join(f"{LABELS[s]:>{cell}}" for s in systems) \
        + f"{'ag vs fastest other':>26}"
    sub = f"{'':18}" + "".join(f"{'ms  (x eager)':>{cell}}" for _ in systems)
    lines += [header, sub, "-" * len(header)]
    notes = []
    for w in workloads:
        row = results.get(w.name, {})
        text = f"{w.name:18}"
        for s in systems:
            rec = row.get(s)
            if ok_ms(rec) is not None:
                x = table_s[w.name][s]
                body = _ms_text(rec["ms"]) + (f" ({x:.1f}x)" if s != BASELINE else "")
            else:
                status = rec["status"] if rec else "not run"
                body = _SHORT.get(status, status)
                if rec and rec.get("error"):
                    notes.append(f"[{len(notes) + 1}] {LABELS[s]} on {w.name}: {status}: "
                                 f"{rec['error']}")
                    body += f" [{len(notes)}]"
            text += f"{body:>{cell}}"
        r, best = ratio[w.name]
        text += f"{(f'{r:.2f} vs {LABELS[best]}' if r else '-'):>26}"
        lines.append(text)
    lines.append("-" * len(header))
    text = f"{'geomean':18}"
    for s, (g, n) in geomeans(table_s, systems).items():
        body = f"{g:.1f}x ({n}/{len(workloads)})" if g and s != BASELINE else ""
        text += f"{body:>{cell}}"
    ratios = [r for r, _ in ratio.values() if r]
    below = sum(1 for r in ratios if r < 1.0)
    lines.append(text + f"{f'{below} of {len(ratios)} below 1.0':>26}")
    lines.append("x eager: numpy eager's time / the system's time. ag vs fastest other: the "
                 "fastest other system's time / ag's time (>= 1: ag is fastest).")
    lines.append("Targets (issue #16): ag vs fastest other >= 1.0 everywhere, ag geomean "
                 ">= 10x over numpy eager.")
    rewritten = [w.name for w in workloads if w.numba_fn is not None]
    if "numba" in systems and rewritten:
        lines.append(f"numba.njit runs a rewrite on {', '.join(rewritten)} (the same "
                     "function elsewhere); torch runs rewrites in torch ops everywhere.")
    lines.append("")
    lines.append(f"first call in seconds (trace/compile + one run), mode {mode}:")
    lines.append(f"{'':18}" + "".join(f"{LABELS[s]:>{cell}}" for s in systems))
    for w in workloads:
        row = results.get(w.name, {})
        lines.append(f"{w.name:18}" + "".join(
            f"{_warmup_text(row.get(s)):>{cell}}" for s in systems))
    if notes:
        lines.append("")
        lines += notes
    return "\n".join(lines)


def plot(results, systems, workloads, path, title):
    """Grouped bars of speedup over numpy eager (log scale), one group per workload and
    a geomean group; a missing bar is a failure or a system that is not installed."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [s for s in systems if s != BASELINE]
    table_s = speedups(results, systems)
    means = geomeans(table_s, systems)
    groups = [w.name for w in workloads] + ["geomean"]
    width = 0.8 / max(len(shown), 1)
    fig, ax = plt.subplots(figsize=(max(8, 0.9 * len(groups) + 2), 4.8))
    for i, s in enumerate(shown):
        values = [table_s[g].get(s) for g in groups[:-1]] + [means[s][0]]
        xs = [j + (i - (len(shown) - 1) / 2) * width for j in range(len(groups))]
        ax.bar([x for x, v in zip(xs, values) if v], [v for v in values if v], width,
               label=LABELS[s])
        for x, v in zip(xs, values):
            if not v:
                ax.text(x, 1, "x", ha="center", va="bottom", fontsize=7, color="gray")
    ax.text(0.005, 0.99, "x: failed or unsupported", transform=ax.transAxes, fontsize=7,
            color="gray", va="top")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_ylabel("speedup over numpy eager (log)")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=35, ha="right")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)

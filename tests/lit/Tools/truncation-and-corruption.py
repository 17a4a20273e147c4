# ag-opt must never crash on malformed input: it reports a diagnostic and exits 1. Feeds
# ag-opt every line-boundary and mid-line truncation of a valid program, plus deterministic
# single-byte corruptions of it, and counts the outcomes. Inputs that still parse and
# verify are lowered with -convert-ag-to-linalg, which must not crash either.
#
# RUN: %python %s ag-opt %S/Inputs/sample.mlir | FileCheck %s
#
# CHECK: runs: {{[1-9][0-9]+}}
# CHECK: rejected with a diagnostic: {{[1-9][0-9]+}}
# CHECK: crashes: 0
# CHECK: failures without a diagnostic: 0
# CHECK: timeouts: 0

import random
import subprocess
import sys

ag_opt, sample_path = sys.argv[1], sys.argv[2]
with open(sample_path, "rb") as f:
    sample = f.read()

inputs = []
# Truncations: at every line start, and in the middle of every line.
offset = 0
for line in sample.splitlines(keepends=True):
    inputs.append(sample[:offset])
    inputs.append(sample[: offset + len(line) // 2])
    offset += len(line)
# Corruptions: one byte replaced by something syntactically loaded.
junk = [b"<", b">", b"{", b"}", b"[", b"]", b"(", b")", b"%", b"@", b"#", b'"', b":",
        b",", b"?", b"x", b"-", b"0", b"9", b"\x00", b"\xff", b"\n"]
rng = random.Random(1234)
body_start = sample.index(b"func.func")
for _ in range(120):
    pos = rng.randrange(body_start, len(sample))
    inputs.append(sample[:pos] + rng.choice(junk) + sample[pos + 1 :])

counts = {"runs": 0, "accepted": 0, "rejected": 0, "crashes": 0, "silent": 0, "timeouts": 0}
for data in inputs:
    for args in ([ag_opt, "-"], [ag_opt, "-", "-convert-ag-to-linalg"]):
        counts["runs"] += 1
        try:
            p = subprocess.run(args, input=data, capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            counts["timeouts"] += 1
            print("TIMEOUT on input:", data.decode(errors="replace"), file=sys.stderr)
            break
        err = p.stderr.decode(errors="replace")
        if p.returncode == 0:
            counts["accepted"] += 1
            continue
        if p.returncode != 1 or "Stack dump" in err or "PLEASE submit" in err:
            counts["crashes"] += 1
            print("CRASH (exit %d) with %s on input:\n%s\n%s"
                  % (p.returncode, " ".join(args[2:]), data.decode(errors="replace"), err),
                  file=sys.stderr)
        elif "error:" not in err:
            counts["silent"] += 1
            print("NO DIAGNOSTIC on input:\n" + data.decode(errors="replace"), file=sys.stderr)
        else:
            counts["rejected"] += 1
        break  # a rejected input is not lowered

print("runs:", counts["runs"])
print("accepted:", counts["accepted"])
print("rejected with a diagnostic:", counts["rejected"])
print("crashes:", counts["crashes"])
print("failures without a diagnostic:", counts["silent"])
print("timeouts:", counts["timeouts"])

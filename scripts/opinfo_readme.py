#!/usr/bin/env python3
"""Prints the README's list of what ag stages from the OpInfo table
(tests/python/_opinfo.py), or with --write replaces it in README.md between the
`<!-- opinfo:begin -->` and `<!-- opinfo:end -->` markers. test_opinfo.py checks that
README.md holds what this prints."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- opinfo:begin -->", "<!-- opinfo:end -->"
_KINDS = [("ufunc", "ufuncs, their methods and operators"),
          ("function", "numpy functions"),
          ("method", "ndarray methods and attributes"), ("nn", "ag.nn")]


def table():
    sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
    sys.path.insert(0, os.environ.get("AG_PYTHONPATH", os.path.join(ROOT, "build", "python")))
    from _opinfo import TABLE
    return TABLE


def block(entries):
    from _reference import rng_for
    samples = {i.name: sum(1 for _ in i.samples(rng_for("opinfo", i.name))) for i in entries}
    lines = [BEGIN, "",
             f"The OpInfo table (`tests/python/_opinfo.py`, checked by `test_opinfo.py` on "
             f"both dispatch paths) holds {len(entries)} entries and "
             f"{sum(samples.values())} samples; `scripts/opinfo_readme.py --write` "
             "regenerates this list from it.", "",
             "| kind | staged (each with its samples in the table) |", "|---|---|"]
    for kind, title in _KINDS:
        names = sorted(i.name.replace("|", "\\|") for i in entries if i.kind == kind)
        lines.append(f"| {title} | {' '.join(f'`{n}`' for n in names)} |")
    lines += ["", END]
    return "\n".join(lines)


def main():
    text = block(table())
    if "--write" not in sys.argv:
        print(text)
        return
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        readme = f.read()
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    with open(path, "w") as f:
        f.write(readme[:start] + text + readme[end:])


if __name__ == "__main__":
    main()

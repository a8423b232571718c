#!/usr/bin/env python3
"""Prints a free-MPS program in a canonical order: rows by name with their
type and right-hand side, columns by name with kind, bounds and every
coefficient by row name.  Two programs that differ only in the order of
their rows and columns print the same text, so a change that moves the
code writing them can be checked against the program written before.

    canon_mps.py model.mps | md5sum
"""
import sys
from collections import defaultdict


def main(path):
    rows, coef, rhs, rng, bnd, kind = {}, defaultdict(dict), {}, {}, defaultdict(list), {}
    section, integer = None, False
    with open(path) as f:
        for line in f:
            if line.startswith("*") or not line.strip():
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            t = line.split()
            if section == "ROWS":
                rows[t[1]] = t[0]
            elif section == "COLUMNS":
                if len(t) >= 3 and t[1] == "'MARKER'":
                    integer = t[2] == "'INTORG'"
                    continue
                kind[t[0]] = "I" if integer else "C"
                for i in range(1, len(t) - 1, 2):
                    coef[t[0]][t[i]] = t[i + 1]
            elif section == "RHS":
                for i in range(1, len(t) - 1, 2):
                    rhs[t[i]] = t[i + 1]
            elif section == "RANGES":
                for i in range(1, len(t) - 1, 2):
                    rng[t[i]] = t[i + 1]
            elif section == "BOUNDS":
                bnd[t[2]].append(" ".join([t[0]] + t[3:]))
    for r in sorted(rows):
        print("row", r, rows[r], rhs.get(r, "0"), rng.get(r, "-"))
    for c in sorted(kind):
        terms = " ".join(f"{r}={v}" for r, v in sorted(coef[c].items()))
        print("col", c, kind[c], "|".join(sorted(bnd.get(c, []))), terms)


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Solves each small benchmark-format instance with `oncoroster nrp`, by
default (split by specialist) and with --no-decompose, and requires the
exact optimum, found by enumeration (nrp_brute.py), a roster that the
independent checker (nrp_check.py) accepts at that cost, and a reported
bound no higher than that optimum.

    tests/nrp_solve.py ONCOROSTER INSTANCE.txt...
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nrp_brute import optimum  # noqa: E402
from nrp_check import check, parse_instance  # noqa: E402


def main():
    binary, instances = sys.argv[1], sys.argv[2:]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path, engine in ((p, e) for p in instances for e in ([], ["--no-decompose"])):
            inst = parse_instance(path)
            best = optimum(inst)
            roster = os.path.join(tmp, os.path.basename(path) + ".roster")
            run = subprocess.run([binary, "nrp", path, "--time-limit", "30", "--roster-out", roster]
                                 + engine, capture_output=True, text=True)
            lines = run.stdout.strip().splitlines()
            if run.returncode != 0 or not lines:
                print(f"{path}: exit {run.returncode}\n{run.stdout}{run.stderr}")
                failures += 1
                continue
            errors, cost = check(inst, roster)
            printed = int(lines[-1])
            bound = re.search(r", bound (-?\d+)", lines[0])
            if bound and int(bound.group(1)) > best:
                errors.append(f"the bound {bound.group(1)} is above the optimum {best}")
            ok = not errors and cost == best and printed == best
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(path)} {' '.join(engine)}: "
                  f"optimum {best}, printed {printed}, roster costs {cost}; {lines[0]}")
            for e in errors:
                print("     " + e)
            failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

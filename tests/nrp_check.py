#!/usr/bin/env python3
"""Checks a roster of a shift-scheduling instance (Curtois & Qu format) from
the instance and roster files alone, with the benchmark's own rules: it
shares nothing with oncoroster's C code, reads the instance with its own
parser, and recomputes the objective.

    tests/nrp_check.py INSTANCE.txt ROSTER.txt [EXPECTED_OBJECTIVE]

ROSTER holds EmployeeID,Day,ShiftID lines.  Prints each broken rule and the
objective; exits 1 when a rule is broken or the objective differs from the
expected one, 2 on unreadable files.
"""
import sys


def parse_instance(path):
    sections = {}
    current = None
    with open(path, newline="") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("SECTION_"):
                current = line
                sections[current] = []
                continue
            sections[current].append([x.strip() for x in line.split(",")])
    inst = {"days": int(sections["SECTION_HORIZON"][0][0])}
    inst["shifts"] = {}
    for row in sections.get("SECTION_SHIFTS", []):
        follow = [x for x in (row[2].split("|") if len(row) > 2 else []) if x]
        inst["shifts"][row[0]] = {"length": int(row[1]), "cannot_follow": follow}
    inst["staff"] = {}
    for row in sections.get("SECTION_STAFF", []):
        most = {}
        for part in row[1].split("|"):
            if part:
                k, v = part.split("=")
                most[k] = int(v)
        inst["staff"][row[0]] = {
            "max_shifts": most, "max_minutes": int(row[2]), "min_minutes": int(row[3]),
            "max_consecutive": int(row[4]), "min_consecutive": int(row[5]),
            "min_days_off": int(row[6]), "max_weekends": int(row[7])}
    inst["days_off"] = {}
    for row in sections.get("SECTION_DAYS_OFF", []):
        inst["days_off"].setdefault(row[0], set()).update(int(d) for d in row[1:] if d)
    inst["on"] = [(r[0], int(r[1]), r[2], int(r[3]))
                  for r in sections.get("SECTION_SHIFT_ON_REQUESTS", [])]
    inst["off"] = [(r[0], int(r[1]), r[2], int(r[3]))
                   for r in sections.get("SECTION_SHIFT_OFF_REQUESTS", [])]
    inst["cover"] = [(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]))
                     for r in sections.get("SECTION_COVER", [])]
    return inst


def runs(flags):
    """(start, length, value) of each maximal run."""
    out, start = [], 0
    for d in range(1, len(flags) + 1):
        if d == len(flags) or flags[d] != flags[start]:
            out.append((start, d - start, flags[start]))
            start = d
    return out


def check(inst, roster_path):
    errors = []
    days = inst["days"]
    work = {e: {} for e in inst["staff"]}
    with open(roster_path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                continue
            e, d, s = [x.strip() for x in line.split(",")]
            d = int(d)
            if e not in work or s not in inst["shifts"] or not 0 <= d < days:
                errors.append(f"line {n}: unknown employee, shift or day: {line}")
                continue
            if d in work[e]:
                errors.append(f"{e} works two shifts on day {d}")
            work[e][d] = s
    for e, c in inst["staff"].items():
        w = work[e]
        for s, most in c["max_shifts"].items():
            n = sum(1 for x in w.values() if x == s)
            if n > most:
                errors.append(f"{e} works {s} {n} times, maximum {most}")
        minutes = sum(inst["shifts"][s]["length"] for s in w.values())
        if not c["min_minutes"] <= minutes <= c["max_minutes"]:
            errors.append(f"{e} works {minutes} minutes, outside "
                          f"{c['min_minutes']}..{c['max_minutes']}")
        for d, s in w.items():
            nxt = w.get(d + 1)
            if nxt is not None and nxt in inst["shifts"][s]["cannot_follow"]:
                errors.append(f"{e}: {nxt} on day {d + 1} after {s}")
            if d in inst["days_off"].get(e, set()):
                errors.append(f"{e} works on day off {d}")
        flags = [d in w for d in range(days)]
        for start, length, worked in runs(flags):
            inner = start > 0 and start + length < days
            if worked and length > c["max_consecutive"]:
                errors.append(f"{e} works {length} days in a row from day {start}")
            need = c["min_consecutive"] if worked else c["min_days_off"]
            if inner and length < need:
                errors.append(f"{e}: run of {length} {'working days' if worked else 'days off'} "
                              f"from day {start}, minimum {need}")
        weekends = sum(1 for k in range((days + 6) // 7)
                       if any(d < days and flags[d] for d in (7 * k + 5, 7 * k + 6)))
        if weekends > c["max_weekends"]:
            errors.append(f"{e} works {weekends} weekends, maximum {c['max_weekends']}")
    cost = 0
    for e, d, s, weight in inst["on"]:
        if work[e].get(d) != s:
            cost += weight
    for e, d, s, weight in inst["off"]:
        if work[e].get(d) == s:
            cost += weight
    for d, s, need, under, over in inst["cover"]:
        n = sum(1 for e in work if work[e].get(d) == s)
        cost += under * max(0, need - n) + over * max(0, n - need)
    return errors, cost


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        inst = parse_instance(sys.argv[1])
        errors, cost = check(inst, sys.argv[2])
    except (OSError, ValueError, KeyError, IndexError) as exc:
        print(f"nrp_check: cannot read: {exc}", file=sys.stderr)
        return 2
    for line in errors:
        print(line)
    print(f"objective {cost}")
    if len(sys.argv) == 4 and int(sys.argv[3]) != cost:
        print(f"expected objective {sys.argv[3]}, the roster costs {cost}")
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The exact optimum of a tiny shift-scheduling instance by enumeration, to
know the small test instances' optima without trusting the solver.

Every schedule of every employee that meets the hard rules is enumerated
(rules and objective as tests/nrp_check.py states them); then a dynamic
programme over the employees keeps, for each vector of cover counts, the
cheapest request cost.  Exponential: for a week or two and a few staff.

    tests/nrp_brute.py INSTANCE.txt      prints the optimum
"""
import itertools
import sys

from nrp_check import parse_instance, runs


def feasible(inst, c, e, sched):
    days = inst["days"]
    flags = [s is not None for s in sched]
    for s, most in c["max_shifts"].items():
        if sum(1 for x in sched if x == s) > most:
            return False
    minutes = sum(inst["shifts"][s]["length"] for s in sched if s)
    if not c["min_minutes"] <= minutes <= c["max_minutes"]:
        return False
    for d in range(days - 1):
        if sched[d] and sched[d + 1] and sched[d + 1] in inst["shifts"][sched[d]]["cannot_follow"]:
            return False
    if any(flags[d] for d in inst["days_off"].get(e, set())):
        return False
    for start, length, worked in runs(flags):
        if worked and length > c["max_consecutive"]:
            return False
        need = c["min_consecutive"] if worked else c["min_days_off"]
        if start > 0 and start + length < days and length < need:
            return False
    weekends = sum(1 for k in range((days + 6) // 7)
                   if any(d < days and flags[d] for d in (7 * k + 5, 7 * k + 6)))
    return weekends <= c["max_weekends"]


def optimum(inst):
    days, shifts = inst["days"], sorted(inst["shifts"])
    index = {s: i for i, s in enumerate(shifts)}
    states = {(0,) * (days * len(shifts)): 0}
    for e, c in inst["staff"].items():
        options = []
        for sched in itertools.product([None] + shifts, repeat=days):
            if not feasible(inst, c, e, sched):
                continue
            cost = sum(w for (x, d, s, w) in inst["on"] if x == e and sched[d] != s)
            cost += sum(w for (x, d, s, w) in inst["off"] if x == e and sched[d] == s)
            options.append((sched, cost))
        nxt = {}
        for counts, base in states.items():
            for sched, cost in options:
                v = list(counts)
                for d, s in enumerate(sched):
                    if s:
                        v[d * len(shifts) + index[s]] += 1
                key = tuple(v)
                if nxt.get(key, 1 << 60) > base + cost:
                    nxt[key] = base + cost
        states = nxt
    best = None
    for counts, base in states.items():
        cost = base
        for d, s, need, under, over in inst["cover"]:
            n = counts[d * len(shifts) + index[s]]
            cost += under * max(0, need - n) + over * max(0, n - need)
        best = cost if best is None or cost < best else best
    return best


if __name__ == "__main__":
    print(optimum(parse_instance(sys.argv[1])))

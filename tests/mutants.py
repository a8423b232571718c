#!/usr/bin/env python3
"""Drops the rules from the solver one part at a time and checks that the
solver tests notice: a part whose removal leaves check_solver green has no
test that binds it.

The rules are read from the registry (solver/rules/*.c: each `struct rule`
with its id and parts).  For every rule, each part it has is dropped in its
own build (-DONCOROSTER_DROP="ID:PART"):
  rows  its columns and rows in the integer program;
  move  its test of one move (why_not, holds): the constructive roster, the
        local search and the reasons for unfilled places stop seeing it;
  cost  its cost in a roster and the change of cost of a move (evaluate,
        local).
A few more mutants edit what no single part holds (the assignment units of
H9, the must pins of H8, per-date demand, one kind of row of a rule).

Each mutant builds in its own folder from a git worktree of HEAD and runs
check_solver there.  Takes about half an hour; not part of the test suite.

    tests/mutants.py [--keep] [--only REGEX] [--list]   (REGEX: mutants whose name it matches)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

PARTS = {"rows": ["rows"], "move": ["why_not", "holds"], "cost": ["evaluate", "local"]}

# (name, file, text to find, replacement): what no part of a rule holds alone.
EDITS = [
    ("H2/H3 eligibility: columns for every pair", "solver/tables.c",
     "ok = ok && r->blocked[un->occ[i] * ns + s] == OR_WHY_NONE;", "ok = ok || true;"),
    ("H8 must pins", "solver/model.c", "must ? GLP_FX : GLP_DB, must ? 1 : 0, 1, 0,", "GLP_DB, 0, 1, 0,"),
    ("H9 week blocks", "solver/tables.c",
     "if (a->continuity == OR_CONTINUITY_WEEK && *slot >= 0) {", "if (0) {"),
    ("H1 demand on particular dates", "solver/tables.c",
     "un->min_staff = occ->min_staff;", "un->min_staff = a->min_staff;"),
    ("H1 shortfall weight per occurrence", "solver/rules/cover.c",
     "(double)un->under,", "(double)r->dept->weights.shortfall * (double)un->nocc,"),
    ("H4 overlap cliques only", "solver/rules/apart.c",
     'model_emit(m->lp, &b->row, GLP_UP, 0, 1,\n                       NAME(b, "busy_%s_%zu"',
     'b->row.n = 0; if (0) model_emit(m->lp, &b->row, GLP_UP, 0, 1,\n                       NAME(b, "busy_%s_%zu"'),
    ("H4/H5 travel, one campus a day, rest only", "solver/rules/apart.c",
     'model_emit(m->lp, &b->row, GLP_UP, 0, 1,\n                           NAME(b, "apart_%s_%zu_%zu"',
     'b->row.n = 0; if (0) model_emit(m->lp, &b->row, GLP_UP, 0, 1,\n                           NAME(b, "apart_%s_%zu_%zu"'),
    ("H10 not followed by", "scheduler/calendar.c", "return OR_CONFLICT_FOLLOWED;", "break;"),
    ("H6 shortest run of work only", "solver/rules/runs.c",
     "int need = side == 0 ? sp->min_consecutive : sp->min_days_off;",
     "int need = side == 0 ? 0 : sp->min_days_off;"),
    ("H6 shortest run of days off only", "solver/rules/runs.c",
     "int need = side == 0 ? sp->min_consecutive : sp->min_days_off;",
     "int need = side == 0 ? sp->min_consecutive : 0;"),
]


def registry(top):
    """(id, [parts]) of every rule, in the registry's order."""
    order = re.findall(r"&(rule_\w+)", open(os.path.join(top, "solver/rules/registry.c")).read())
    found = {}
    for path in glob.glob(os.path.join(top, "solver/rules/*.c")):
        for var, body in re.findall(r"const struct rule (rule_\w+) = \{(.*?)\n\};", open(path).read(), re.S):
            rid = re.search(r'\.id = "([^"]*)"', body).group(1)
            fields = set(re.findall(r"\.(\w+) = ", body))
            found[var] = (rid, [p for p, f in PARTS.items() if fields & set(f)])
    return [found[v] for v in order]


# Not rules of the department: rows that only spare the search work (a
# roster without them is as valid, so no test can tell them missing).
SEARCH_ONLY = {"symmetry"}


def mutants(top):
    for rid, parts in registry(top):
        if rid in SEARCH_ONLY:
            continue
        for part in parts:
            yield (f"{rid}: {part}", ("drop", f"{rid}:{part}"))
    for name, path, old, new in EDITS:
        yield (name, ("edit", path, old, new))


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, shell=True, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def main():
    top = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    chosen = [m for m in mutants(top) if re.search(only, m[0])]
    if "--list" in sys.argv:
        for name, _ in chosen:
            print(name)
        return 0
    work = tempfile.mkdtemp(prefix="oncoroster-mutants-")
    tree, build = os.path.join(work, "tree"), os.path.join(work, "build")
    run(f"git worktree add -q --detach {tree} HEAD", top)
    survivors = 0
    try:
        for name, how in chosen:
            drop, src, text = "", None, None
            if how[0] == "drop":
                drop = how[1]
            else:
                _, path, old, new = how
                src = os.path.join(tree, path)
                text = open(src).read() if os.path.exists(src) else ""
                if text.count(old) != 1:
                    print(f"?? {name}: the text to mutate is not found once in {path}; update this script")
                    survivors += 1
                    src = None
                    continue
                open(src, "w").write(text.replace(old, new))
            ok = run(f"cmake -S {tree} -B {build} -DBUILD_TESTING=ON '-DONCOROSTER_DROP={drop}' > /dev/null && "
                     f"cmake --build {build} -j2 --target check_solver", top).returncode == 0
            if not ok:
                print(f"?? {name}: the mutant does not build")
                survivors += 1
            else:
                res = run(f"{build}/check_solver", build)
                failed = [l for l in res.stdout.splitlines() if ":F:" in l or ":E:" in l]
                if res.returncode == 0:
                    print(f"SURVIVED {name}: no test noticed", flush=True)
                    survivors += 1
                else:
                    names = sorted({l.split(":")[3] for l in failed if l.count(":") >= 4})
                    print(f"killed   {name}: {', '.join(names)}", flush=True)
            if src:
                open(src, "w").write(text)
    finally:
        run(f"git worktree remove --force {tree}", top)
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(chosen) - survivors} of {len(chosen)} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())

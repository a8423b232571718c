#!/usr/bin/env python3
"""Drops each rule from the solver in turn and checks that the solver tests
notice: a rule whose removal leaves check_solver green has no test that binds.

Each mutant edits a copy of the sources (a git worktree of HEAD), builds it in
its own folder and runs check_solver there.  Takes a few minutes; not part of
the test suite.

    tests/mutants.py [--keep] [--only TEXT]   (TEXT: mutants whose rule contains it)
"""
import os
import shutil
import subprocess
import sys
import tempfile

# (rule, file, text to find, replacement): each removes one rule from the
# program (or from the eligibility both the program and the constructive
# roster use).
MUTANTS = [
    ("H1 staffing maximum", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, un->max_staff,",
     "b->row.n = 0; /* dropped */ if (0) row_emit(m->lp, &b->row, GLP_UP, 0, un->max_staff,"),
    ("H2/H3 eligibility (skills, campus, leave, fixed days, must-not pins)", "solver/rules.c",
     "ok = ok && r->blocked[un->occ[i] * ns + s] == OR_WHY_NONE;", "ok = ok || true;"),
    ("H4 overlap cliques", "solver/model.c",
     'row_emit(m->lp, &b->row, GLP_UP, 0, 1, NAME(b, "busy_%s_%zu", spec_id(r, s), o));',
     'b->row.n = 0;'),
    ("H4/H5 travel, one campus a day, rest", "solver/model.c",
     'row_emit(m->lp, &b->row, GLP_UP, 0, 1,\n                         NAME(b, "apart_%s_%zu_%zu", spec_id(r, s), a, i));',
     'b->row.n = 0;'),
    ("H6 weekly maximum", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_week,", "if (0) row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_week,"),
    ("H6 monthly maximum", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_month,", "if (0) row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_month,"),
    ("H6 consecutive days", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, max_run,", "if (0) row_emit(m->lp, &b->row, GLP_UP, 0, max_run,"),
    ("H7 campus split", "solver/model.c", "    build_split(&b);", "    (void)build_split;"),
    ("H8 must pins", "solver/model.c", "must ? GLP_FX : GLP_DB, must ? 1 : 0, 1,", "GLP_DB, 0, 1,"),
    ("H9 week blocks", "solver/rules.c",
     "if (a->continuity == OR_CONTINUITY_WEEK && *slot >= 0) {", "if (0) {"),
    ("S1 series continuity", "solver/model.c", "    build_continuity(&b);", "    (void)build_continuity;"),
    ("S2/S3 fairness and balance", "solver/model.c", "    build_fairness(&b);", "    (void)build_fairness;"),
    ("S4 preferences", "solver/model.c",
     "(double)w->preferences * r->wish_cost[u * ns + s],", "0.0,"),
    ("S5 campus stability", "solver/model.c", "    build_campus_changes(&b);", "    (void)build_campus_changes;"),
    ("H1 demand on particular dates", "solver/rules.c",
     "un->min_staff = occ->min_staff;", "un->min_staff = a->min_staff;"),
    ("H1 shortfall weight per occurrence", "solver/model.c",
     "(double)un->under,", "(double)r->dept->weights.shortfall * (double)un->nocc,"),
    ("H1 over weight", "solver/model.c",
     "if (un->over > 0 && most > un->min_staff) {", "if (0) {"),
    ("H6 most of one activity", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, sp->limits[k].max,",
     "if (0) row_emit(m->lp, &b->row, GLP_UP, 0, sp->limits[k].max,"),
    ("H6 most hours", "solver/model.c",
     "row_emit(m->lp, &copy, GLP_UP, 0, sp->max_minutes,",
     "if (0) row_emit(m->lp, &copy, GLP_UP, 0, sp->max_minutes,"),
    ("H6 least hours", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_LO, sp->min_minutes,",
     "if (0) row_emit(m->lp, &b->row, GLP_LO, sp->min_minutes,"),
    ("H6 most weekends", "solver/model.c",
     "row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_weekends,",
     "if (0) row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_weekends,"),
    ("H6 shortest run of work", "solver/model.c",
     "int need = side == 0 ? sp->min_consecutive : sp->min_days_off;",
     "int need = side == 0 ? 0 : sp->min_days_off;"),
    ("H6 shortest run of days off", "solver/model.c",
     "int need = side == 0 ? sp->min_consecutive : sp->min_days_off;",
     "int need = side == 0 ? sp->min_consecutive : 0;"),
    ("H10 not followed by", "solver/rules.c", "return true; /* H10 */", "break; /* H10 */"),
]


def run(cmd, cwd, quiet=True):
    return subprocess.run(cmd, cwd=cwd, shell=True, text=True,
                          stdout=subprocess.PIPE if quiet else None,
                          stderr=subprocess.STDOUT if quiet else None)


def main():
    top = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    work = tempfile.mkdtemp(prefix="oncoroster-mutants-")
    tree = os.path.join(work, "tree")
    run(f"git worktree add -q --detach {tree} HEAD", top)
    survivors = 0
    chosen = MUTANTS
    try:
        only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
        chosen = [m for m in MUTANTS if only in m[0]]
        for rule, path, old, new in chosen:
            src = os.path.join(tree, path)
            text = open(src).read()
            if text.count(old) != 1:
                print(f"?? {rule}: the text to mutate is not found once in {path}; update this script")
                survivors += 1
                continue
            open(src, "w").write(text.replace(old, new))
            build = os.path.join(work, "build")
            ok = run(f"cmake -S {tree} -B {build} -DBUILD_TESTING=ON > /dev/null && "
                     f"cmake --build {build} -j2 --target check_solver", top).returncode == 0
            if not ok:
                print(f"?? {rule}: the mutant does not build")
                survivors += 1
            else:
                res = run(f"{build}/check_solver", build)
                failed = [l for l in res.stdout.splitlines() if ":F:" in l or ":E:" in l]
                if res.returncode == 0:
                    print(f"SURVIVED {rule}: no test noticed")
                    survivors += 1
                else:
                    names = sorted({l.split(":")[3] for l in failed if l.count(":") >= 4})
                    print(f"killed   {rule}: {', '.join(names)}")
            open(src, "w").write(text)
    finally:
        run(f"git worktree remove --force {tree}", top)
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(chosen) - survivors} of {len(chosen)} rules killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())

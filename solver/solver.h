/*
 * solver.h - turns a department and its month into an integer program,
 * solves it with GLPK within a hard deadline, and hands back the roster.
 * The only module that knows GLPK.
 *
 * The program (docs/model.md): a binary x[u,s] per assignment unit u (one
 * occurrence, or all occurrences of a week-continuous activity in one week,
 * which makes H9 hold by construction) and eligible specialist s (H2, H3 and
 * must-not pins are met by leaving ineligible pairs out); coverage with a
 * penalised shortfall slack (H1); clique rows for overlapping sessions and
 * pair rows for travel, one-campus-per-day and rest (H4, H5); load rows (H6);
 * split rows (H7); fixed columns for must pins (H8); and the soft rules
 * S1-S5 as linked indicator and deviation columns in one integer objective.
 */
#ifndef ONCOROSTER_SOLVER_H
#define ONCOROSTER_SOLVER_H

#include "scheduler.h"

#include <signal.h>

/* What a live progress display needs. */
struct or_progress {
    double seconds;
    double best;  /* objective of the best roster, or HUGE_VAL */
    double bound; /* or -HUGE_VAL */
    double gap;
    int open_nodes;
};

struct or_solve_options {
    double time_limit; /* seconds, > 0: a hard deadline */
    double gap;        /* relative gap to stop at, 0 = prove optimality */
    /* Called from the solving process's parent at most about once a second;
     * may be NULL. */
    void (*progress)(const struct or_progress *p, void *user);
    void *user;
    /* Set (by a signal handler) to stop the solve cleanly; may be NULL. */
    volatile sig_atomic_t *stop;
    /* Receives a trace of the search (--verbose); may be NULL. */
    void (*log)(const char *line, void *user);
    /* The roster published before, to change as little as possible (S6);
     * its assignments before previous->replan_from stay fixed.  May be
     * NULL. */
    const struct or_previous *previous;
    /* The caller does not show why places stay unfilled (the benchmark):
     * roster->shortfall then lists them with empty reasons. */
    bool no_reasons;
    /* The compact program alone: without the split by specialist (column
     * generation, decompose.c), which gives a stronger bound where
     * contracts bind and rosters made of whole plans.  False, the default,
     * splits it whenever the root relaxation leaves a gap to close. */
    bool compact;
};

/* Solves the month.  Always returns a roster that meets every hard rule
 * unless the department itself is contradictory (returns -1 with
 * diagnostics); places that cannot be filled are in roster->shortfall. */
int or_solve(struct or_roster **out, const struct or_department *dept,
             const struct or_calendar *cal, const struct or_solve_options *opt,
             struct or_diags *diags);

/* The weighted objective of a roster's soft values, as the solver counts it. */
/* A swap in the published roster `prev`: every session of specialist a
 * that starts on day_a goes to b, and (day_b >= 0) every session of b that
 * starts on day_b goes to a; nothing else moves.  Each move is checked by
 * every hard rule as the solver checks its own.  Returns 0 with the
 * roster, or -1 with an error naming who cannot take what and why. */
int or_swap(struct or_roster **out, const struct or_department *dept, const struct or_calendar *cal,
            const struct or_previous *prev, int a, or_day day_a, int b, or_day day_b,
            struct or_diags *diags);

double or_soft_objective(const struct or_department *dept, const struct or_soft *soft);

enum or_model_format { OR_MODEL_MPS, OR_MODEL_LP };

/* Writes exactly the program or_solve() solves. */
int or_model_export(const struct or_department *dept, const struct or_calendar *cal,
                    const struct or_previous *previous, const char *path,
                    enum or_model_format format, struct or_diags *diags);

#endif

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

enum or_solve_status {
    OR_SOLVE_OPTIMAL,     /* proven optimal */
    OR_SOLVE_GAP,         /* within the requested gap of the bound */
    OR_SOLVE_TIME_LIMIT,  /* stopped at the time limit; best roster found */
    OR_SOLVE_INTERRUPTED, /* stopped by a signal; best roster found */
    OR_SOLVE_FAILED,      /* the MIP solver failed; the constructive roster */
};

/* Values of the soft rules in a roster, before weighting (docs/model.md). */
struct or_soft {
    int shortfall;      /* places left unfilled */
    long cover;         /* those places x their shortfall weight, plus specialists
                           above an occurrence's minimum x its over weight */
    int overstaffed;    /* specialists above an occurrence's minimum (over weight > 0) */
    int hours_short;    /* hours below specialists' minimum worked time, rounded up */
    int continuity;     /* S1: distinct specialists per series, above the minimum */
    int fairness;       /* S2: duties outside each specialist's fair band */
    int balance;        /* S3: sessions outside each specialist's fair band */
    int preferences;    /* S4: weighted wishes broken minus wishes granted */
    int campus_changes; /* S5: campus changes from one day to the next */
    int changes;        /* S6: published assignments (from the re-plan date) not kept */
};

/* One unfilled place and what stopped each specialist from taking it. */
struct or_shortfall {
    size_t occurrence;
    int missing;
    unsigned *why; /* per specialist: OR_WHY_* bits */
};

enum or_why {
    OR_WHY_SKILL = 1 << 0,
    OR_WHY_CAMPUS = 1 << 1,
    OR_WHY_LEAVE = 1 << 2,
    OR_WHY_FIXED = 1 << 3,
    OR_WHY_PIN = 1 << 4,
    OR_WHY_BUSY = 1 << 5,        /* another session at that time, or travel */
    OR_WHY_REST = 1 << 6,        /* rest after a night */
    OR_WHY_WEEK_MAX = 1 << 7,    /* weekly maximum reached */
    OR_WHY_MONTH_MAX = 1 << 8,   /* monthly maximum reached */
    OR_WHY_CONSECUTIVE = 1 << 9, /* too many days in a row */
    OR_WHY_BLOCK = 1 << 10,      /* not free for the whole week of a week-block activity */
    OR_WHY_SPLIT = 1 << 11,      /* campus split */
    OR_WHY_WEEKENDS = 1 << 12,   /* most weekends reached */
};

/* Counts that S2 and S3 keep within a fair band per specialist. */
enum or_count {
    OR_COUNT_ON_CALL,
    OR_COUNT_WEEKENDS, /* weekend duties: occurrences starting on Saturday or Sunday */
    OR_COUNT_HOLIDAYS, /* occurrences starting on a public holiday or closure */
    OR_COUNT_SESSIONS,
    OR_NCOUNTS,
};

/* A specialist's fair band of one count this month, after carry-over. */
struct or_band {
    int lo;
    int hi;
    bool active; /* false: they take no part (e.g. no on-call skill) */
};

struct or_roster {
    size_t nocc;
    int **staff;  /* per occurrence: specialist indices, -1 terminated */
    int *missing; /* per occurrence: places unfilled */
    enum or_solve_status status;
    double objective; /* weighted, as the program states it */
    double bound;     /* best bound proven */
    double gap;       /* relative, 0 when optimal */
    double seconds;   /* wall time of the solve */
    int nodes;        /* branch-and-bound nodes explored */
    struct or_soft soft;
    struct or_shortfall *shortfall;
    size_t nshortfall;
    struct or_band *bands; /* nspecialists x OR_NCOUNTS; may be NULL */
};

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
};

/* Solves the month.  Always returns a roster that meets every hard rule
 * unless the department itself is contradictory (returns -1 with
 * diagnostics); places that cannot be filled are in roster->shortfall. */
int or_solve(struct or_roster **out, const struct or_department *dept,
             const struct or_calendar *cal, const struct or_solve_options *opt,
             struct or_diags *diags);
void or_roster_free(struct or_roster *roster);

/* The weighted objective of a roster's soft values, as the solver counts it. */
double or_soft_objective(const struct or_department *dept, const struct or_soft *soft);

enum or_model_format { OR_MODEL_MPS, OR_MODEL_LP };

/* Writes exactly the program or_solve() solves. */
int or_model_export(const struct or_department *dept, const struct or_calendar *cal,
                    const struct or_previous *previous, const char *path,
                    enum or_model_format format, struct or_diags *diags);

const char *or_status_name(enum or_solve_status status);
/* Words for a why mask: the most telling reason first. */
const char *or_why_text(unsigned why);

#endif

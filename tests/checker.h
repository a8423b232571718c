/*
 * checker.h - an independent roster checker for the tests: re-derives every
 * hard rule (SPEC section 3, H1-H9) and the soft values (S1-S5) from the
 * department and the calendar alone, never from the solver's tables or
 * matrix, and recomputes the objective.
 */
#ifndef ONCOROSTER_CHECKER_H
#define ONCOROSTER_CHECKER_H

#include "scheduler.h"
#include "solver.h"

struct check_result {
    int violations; /* hard-rule violations found */
    char *report;   /* one line per violation; caller frees */
    struct or_soft soft;
    double objective; /* weighted, from the recomputed soft values */
};

/* Checks a roster given as the staff of each occurrence (-1 terminated). */
void checker_run(struct check_result *out, const struct or_department *dept,
                 const struct or_calendar *cal, int *const *staff);
/* The same for a re-plan against a published roster. */
void checker_run_previous(struct check_result *out, const struct or_department *dept,
                          const struct or_calendar *cal, int *const *staff,
                          const struct or_previous *prev);
void checker_free(struct check_result *res);

#endif

/*
 * rule.h - a rule of the roster as one unit (docs/architecture.md).
 *
 * Each hard and soft rule of docs/model.md lives in one file of this folder
 * and fills one `struct rule`: its rows in the integer program, its test of
 * one move (may specialist s take unit u, the roster standing as it is?),
 * what a move can break that this test cannot see beforehand, its cost in a
 * whole roster and the change of cost of a move.  The registry (registry.c)
 * lists them; building the program, the constructive roster, the local
 * search, the evaluation of a roster and the reasons a place stays unfilled
 * all go through it, so a rule is added in one file and one line there.
 */
#ifndef ONCOROSTER_RULE_H
#define ONCOROSTER_RULE_H

#include "program.h"

#include <stdio.h>

/* What the local search (polish.c) knows when it prices a move: the roster
 * (after or before the move) with its running totals (struct state), and
 * what the move touches.  A rule's change of cost is its `local` cost
 * after the move minus before. */
struct move {
    const struct state *st;
    const int *spec; /* the specialists involved */
    int nspec;
    const size_t *units; /* the units moved */
    int nunits;
    const int *series; /* continuity series of those units */
    int nseries;
    const int *days; /* days of those units and the day after each */
    int ndays;
};

struct rule {
    const char *id; /* as docs/model.md names it, e.g. "H6 week" or "S2" */
    /* Whether the rules after it are asked why, once it forbids (only
     * eligibility: no other reason counts for a pair without a column). */
    bool gate;
    /* What it derives from the department into r, beyond the tables all
     * rules share (tables.c); returns -1 out of memory.  NULL: nothing.
     * `release` frees it. */
    int (*prepare)(struct rules *r);
    void (*release)(struct rules *r);
    /* Its columns and rows in the program; NULL: none. */
    void (*rows)(struct builder *b);
    /* Why s may not take unit u, the roster in st standing as it is
     * (OR_WHY_* bits; 0: this rule allows it); NULL: any move. */
    unsigned (*why_not)(const struct state *st, size_t u, int s);
    /* Whether the rule holds for s as st stands, for what why_not cannot
     * see before a move (a run shortened by a day given up, the campus
     * split); NULL: why_not sees everything. */
    bool (*holds)(const struct state *st, int s);
    /* Why s may not take unit u in words naming what stops them (the
     * skill, the leave, the night, the clinic), written into buf; returns
     * the OR_WHY_* bits, as why_not would, or 0 with nothing written.
     * NULL: or_why_text() of why_not's bits. */
    unsigned (*explain)(const struct state *st, size_t u, int s, char *buf, size_t n);
    /* Adds its values in roster x (nunits x ns) to *soft; NULL: no cost. */
    void (*evaluate)(const struct rules *r, const unsigned char *x, struct or_soft *soft);
    /* Its weighted cost in what the move touches; NULL: no cost. */
    long (*local)(const struct move *mv);
    /* What it tells of the finished roster in st, written into roster (S4:
     * which requests were granted, and why not); st may be changed on the
     * way but is left as it came.  -1 out of memory.  NULL: nothing. */
    int (*report)(struct state *st, struct or_roster *roster);
};

/* The registry: every rule, in the order of docs/model.md. */
const struct rule *const *rule_list(size_t *n);
/* Why s may not take u: every rule's OR_WHY_* bits, and in buf the words
 * of the first rule that forbids it ("" when none does). */
unsigned state_explain(const struct state *st, size_t u, int s, char *buf, size_t n);
/* An occurrence in words: "Wachtdienst nacht of 2027-01-04 18:00 at Mechelen". */
void occ_words(const struct rules *r, size_t o, char *buf, size_t n);
/* Every rule's report of a finished roster (solve.c). */
int rules_report(struct state *st, struct or_roster *roster);
/* Every rule's weighted local cost of a move (polish.c). */
long rules_local_cost(const struct move *mv);
/* The part of the objective that moving units `units` (nunits) among
 * specialists `spec` (nspec) can change, as st stands: a move's change of
 * cost is this after it minus before.  `scratch` holds at least 4 ints per
 * occurrence of the units. */
long rules_move_cost(const struct state *st, const int *spec, int nspec, const size_t *units,
                     int nunits, int *scratch, size_t nscratch);

/* Distance of v from a fair band (S2, S3), in steps of band->per units
 * (a part of a session outside the band counts as a whole one). */
static inline int band_distance(int v, const struct band *b)
{
    if (!b->active)
        return 0;
    int d = v > b->hi ? v - b->hi : v < b->lo ? b->lo - v : 0, per = b->per > 1 ? b->per : 1;
    return (d + per - 1) / per;
}

/* The rules, one per file. */
extern const struct rule rule_cover;       /* H1 */
extern const struct rule rule_eligible;    /* H2, H3, H8, H9 */
extern const struct rule rule_apart;       /* H4, H5, H10 */
extern const struct rule rule_week;        /* H6 week */
extern const struct rule rule_month;       /* H6 month */
extern const struct rule rule_runs;        /* H6 days in a row */
extern const struct rule rule_activity;    /* H6 most of one activity */
extern const struct rule rule_hours;       /* H6 worked time */
extern const struct rule rule_weekends;    /* H6 most weekends */
extern const struct rule rule_split;       /* H7 */
extern const struct rule rule_symmetry;    /* interchangeable specialists */
extern const struct rule rule_continuity;  /* S1 */
extern const struct rule rule_fairness;    /* S2 */
extern const struct rule rule_duties;      /* S2 of activities shared fairly */
extern const struct rule rule_balance;     /* S3 */
extern const struct rule rule_wishes;      /* S4 */
extern const struct rule rule_campus_move; /* S5 */
extern const struct rule rule_changes;     /* S6 */

#endif

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

/* Pricing by dynamic programme (price.c): a plan of one specialist is
 * built day by day, and each rule keeps its part of the plan's state in a
 * few ints.  Two partial plans with the same state and the same cost end
 * alike, so only the cheaper goes on; `kind` says how each int compares,
 * so that one plan may also set aside another it is at least as good as. */
enum dp_kind {
    DP_SAME, /* must be equal */
    DP_LESS, /* less is at least as good (a count under a most) */
    DP_MORE, /* more is at least as good (a count toward a least) */
    DP_COST, /* either way, at a cost (a count against a fair band) */
    DP_BITS, /* more bits are at least as good (a superset: series served, paid for) */
};

/* Most ints of state one rule keeps for one specialist. */
#define DP_PART_MAX 64

/* A rule's part for specialist s. */
struct dp_part {
    const struct rules *r;
    const struct model *m;
    int s;
    bool active; /* it has something to say for s: rows, costs */
    int width;   /* ints of state (zeros before the first day) */
    unsigned char kind[DP_PART_MAX];
    /* What one plan's int being better the wrong way may cost it later:
     * slope per step of `per` units of difference (per bit, for DP_BITS);
     * 0: nothing (and DP_COST is then DP_SAME). */
    int slope[DP_PART_MAX];
    int per[DP_PART_MAX];
    /* What taking each unit costs it, whatever the state (per unit), or
     * NULL: added to the assignments' own costs. */
    const long *unit_cost;
    void *data; /* its own, freed by dp_close */
};

/* One day of a plan. */
struct dp_step {
    int day;             /* 0-based in the horizon */
    int week;            /* its calendar week (cal->weeks) */
    bool new_week;       /* the first day of the horizon or of a week */
    const size_t *occ;   /* occurrences the plan takes that start this day, by start */
    int nocc;            /* (a week block's on each of its days) */
    const size_t *units; /* units the plan takes that start this day */
    int nunits;
    bool *overflow; /* set when the state cannot hold the plan (priced by program then) */
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
    /* Pricing by dynamic programme (price.c).  dp_open fills p for p->s
     * and returns 0, or 1 when it cannot say s's rows as a state (s is
     * then priced by their own rows as a program), -1 out of memory;
     * NULL for a rule with rows: cannot.  dp_day takes one day of the plan
     * into its state, adding its cost; false when its rows forbid the plan
     * so far.  dp_end adds what is counted at the end; false when its rows
     * forbid the plan.  Both add costs of 0 or more (what a unit may earn
     * goes in unit_cost): the programme bounds what is left of a plan by
     * the assignments' costs alone.  Only active parts are asked. */
    int (*dp_open)(struct dp_part *p);
    void (*dp_close)(struct dp_part *p);
    bool (*dp_day)(const struct dp_part *p, const struct dp_step *step, int *state, long *cost);
    bool (*dp_end)(const struct dp_part *p, const int *state, long *cost);
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

/* dp_open of a rule whose rows for one specialist are costs on their
 * assignments only, which the pricing reads from the program (S4, S6), or
 * rows across specialists only (H1 but for sole candidates, symmetry). */
int dp_nothing(struct dp_part *p);
/* Counts against fair bands (S2, S3) in a dynamic programme: n counts,
 * per_unit[k * nunits + u] what unit u adds to count k, each count's band
 * and the weight of a step outside it.  Fills p; the data is freed by
 * dp_counts_close. */
int dp_counts_open(struct dp_part *p, int n, int *per_unit, const struct band **bands, int weight);
void dp_counts_close(struct dp_part *p);
/* The same for r->bands k0 .. k1 - 1 of p->s (model_band_rows). */
int dp_bands_open(struct dp_part *p, int k0, int k1, int weight);
bool dp_counts_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost);
bool dp_counts_end(const struct dp_part *p, const int *state, long *cost);
/* Whether one specialist may not take both occurrences a < b (start
 * order): they overlap, or the later starts within two days of the end of
 * the earlier and H4, H5 or H10 keeps them apart (apart.c, as its rows). */
bool rules_occ_apart(const struct rules *r, size_t a, size_t b);

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

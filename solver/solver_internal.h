/*
 * solver_internal.h - what the files of solver/ share: assignment units,
 * the rule tables derived from the department, the constructive roster, and
 * the GLPK program with its column maps.
 */
#ifndef ONCOROSTER_SOLVER_INTERNAL_H
#define ONCOROSTER_SOLVER_INTERNAL_H

#include "solver.h"

#include <glpk.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

/* An allocation count that is never 0, so malloc(0) never returns NULL. */
static inline size_t nz(size_t n)
{
    return n ? n : 1;
}

/* xorshift32: a random sequence reproducible from its seed (never 0). */
static inline unsigned xorshift32(unsigned *state)
{
    unsigned x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* An assignment unit: one occurrence, or every occurrence of a
 * week-continuous activity in one calendar week (H9). */
struct unit {
    int activity;
    int week;
    size_t *occ; /* occurrence indices, by start */
    size_t nocc;
    int min_staff;
    int max_staff;
    int under;    /* cost of one place left unfilled, all its occurrences */
    int over;     /* cost of one specialist above min_staff, all its occurrences */
    int sessions; /* load of the whole unit */
    int minutes;  /* worked time of the whole unit (H6 hours) */
    int campus;
};

/* Fair bands of S2 and S3 for one specialist. */
struct band {
    int lo;
    int hi;
    int per; /* units that count one outside the band: 1, or a session's load units */
    bool active;
};

enum duty { DUTY_ON_CALL, DUTY_WEEKEND, DUTY_HOLIDAY, NDUTIES };

struct rules {
    const struct or_department *dept;
    const struct or_calendar *cal;
    size_t ns;
    struct unit *units;
    size_t nunits;
    size_t *unit_of;   /* per occurrence */
    unsigned *blocked; /* nocc x ns: or_blocked() */
    bool *can;         /* nunits x ns: eligible for every occurrence of the unit */
    bool *must;        /* nunits x ns: a must pin covers the unit */
    or_day *day_of;    /* per occurrence: local start day (cal->occ[o].day) */
    int ndays;
    struct band *bands;       /* ns x (NDUTIES + 1): duties (S2), then sessions (S3) */
    int *wish_cost;           /* nunits x ns: S4 cost of taking the unit (rules/wishes.c) */
    int *twin;                /* per specialist: the next interchangeable one, or -1 */
    int *keep;                /* nunits x ns: published assignments to keep (S6), or NULL */
    int *future;              /* per unit: occurrences from the re-plan date (S6), or NULL */
    struct fair_duties *fair; /* S2 of activities shared fairly (rules/duties.c), or NULL */
    /* rules_evaluate()'s scratch, allocated here so that it cannot fail
     * (each solving process has its own copy of the rules). */
    unsigned char *seen; /* nseries x ns */
    unsigned char *at;   /* ndays x ncampuses */
};

/* The tables (tables.c), then what each rule prepares (rules/registry.c). */
int rules_build(struct rules *r, const struct or_department *dept, const struct or_calendar *cal,
                struct or_diags *diags);
void rules_free(struct rules *r);
int tables_build(struct rules *r, const struct or_department *dept, const struct or_calendar *cal,
                 struct or_diags *diags);
void tables_free(struct rules *r);
/* The activity of occurrence o. */
static inline const struct or_activity *occ_activity(const struct rules *r, size_t o)
{
    return &r->dept->activities[r->cal->occ[o].activity];
}

/* Re-planning: fixes the units wholly before previous->replan_from as
 * published (where the published specialist can still take them) and
 * counts the later published assignments into keep (S6).  Returns -1 out
 * of memory. */
int rules_set_previous(struct rules *r, const struct or_previous *previous, struct or_diags *diags);

/* H4 and H5 between two occurrences for one specialist: true when nobody may
 * work both (overlap, travel gap, one campus per day, rest). */
bool rules_occ_conflict(const struct rules *r, size_t a, size_t b);
/* Same, but only for a time overlap (clique rows cover those). */
bool rules_occ_overlap(const struct rules *r, size_t a, size_t b);
int rules_duty_count(const struct rules *r, size_t o, enum duty d);
/* Fills r->bands for count k (a duty, or sessions when k == NDUTIES): the
 * total, with what everyone carries, shared among those eligible for a
 * unit where it counts, in proportion to share_of(s); the band's ends are
 * multiples of `per` units.  Returns -1 out of memory. */
int tables_bands(struct rules *r, int k, double (*share_of)(const struct rules *r, size_t s),
                 int per);

/* A roster under construction, with the running totals the hard rules need. */
struct state {
    const struct rules *r;
    unsigned char *x;     /* nunits x ns */
    int *assigned;        /* per unit: how many */
    int *week_sessions;   /* ns x nweeks */
    int *month_sessions;  /* ns */
    unsigned char *works; /* ns x ndays */
    int *campus_sessions; /* ns x ncampuses */
    int *act_count;       /* ns x nactivities: occurrences held */
    int *act_units;       /* ns x nactivities: units held (a week block counts one) */
    int *minutes;         /* ns: worked time */
    int *weekends;        /* ns: weekends with a worked day */
    int *duties;          /* ns x NDUTIES: on-call, weekend and holiday duties held (S2) */
    int *series_held;     /* nseries x ns: occurrences of a continuity series held (S1) */
    int *at;              /* ns x ndays x ncampuses: occurrences held per day and campus (S5) */
    bool relax_runs;      /* the constructive roster's first pass: minimum runs later */
    double deadline;      /* the constructive roster stops adding work then */
    /* Set by a signal handler: stop as at the deadline (may be NULL). */
    const volatile sig_atomic_t *stop;
};

int state_init(struct state *st, const struct rules *r);
void state_free(struct state *st);
void state_set(struct state *st, size_t u, int s, bool on);
/* Why specialist s, eligible for unit u (r->can), cannot take it now:
 * every rule's move test (OR_WHY_* bits; 0 = can). */
unsigned state_why_not(const struct state *st, size_t u, int s);
/* The constructive roster: must pins, then the hardest units first.  It
 * meets every hard rule whenever it returns; at `deadline` (solver_now()
 * time) it stops adding work, so a huge horizon still gets a roster. */
int heuristic_build(struct state *st, double deadline);
/* H7 as it stands for s: sessions per campus within their split. */
bool state_split_ok(const struct state *st, int s);
/* The same, with the campus out of its share and on which side. */
bool rules_split_check(const struct state *st, int s, int *bad_campus, bool *too_many);
/* The roster of x (nunits x ns), with each open place's reasons in the
 * rules' words until `until` or a stop request (solve.c). */
int fill_roster(struct or_roster *roster, const struct rules *r, const unsigned char *x,
                bool reasons, double until, volatile sig_atomic_t *stop);
/* Every rule's `holds` for s as st stands (rules/rule.h). */
bool state_rules_hold(const struct state *st, int s);
/* Gives interchangeable specialists their rosters in the order the
 * program's symmetry rows ask for (most sessions first). */
void state_order_twins(struct state *st);
/* Local search on a roster that meets every hard rule: moves of single
 * units between specialists (and swaps of two), each kept only when every
 * hard rule still holds and the roster costs less (polish.c).  Returns the
 * gain in the objective, or -1 out of memory. */
long state_polish(struct state *st, double deadline, unsigned seed);

/* The integer program as plain arrays (store.c): columns and rows
 * 1-based as in GLPK, each row's terms in rbeg[i] .. rbeg[i + 1] - 1 of
 * rind/rval, each column's (after store_finish) in cbeg/cind/cval. */
struct store {
    int nrows, ncols;
    size_t nnz;
    int longest; /* terms of the longest row */
    unsigned char *ckind, *ctype, *rtype;
    double *clb, *cub, *rlb, *rub;
    double *cost; /* per column; cost[0] is the objective's constant */
    size_t *rbeg;
    int *rind;
    double *rval;
    size_t *cbeg;
    int *cind;
    double *cval;
    bool names; /* kept for export-model only */
    char **cname, **rname;
    size_t col_cap, row_cap, nz_cap; /* allocated for, each shared by its arrays */
};

int store_init(struct store *p, bool names);
void store_free(struct store *p);
/* A new column (0 out of memory); kind, type and bounds as GLPK's. */
int store_add_col(struct store *p, int kind, int type, double lb, double ub, double cost,
                  const char *name);
/* A new row of n terms ind[1..n], val[1..n] (0 out of memory). */
int store_add_row(struct store *p, int n, const int *ind, const double *val, int type, double lb,
                  double ub, const char *name);
/* Indexes the columns' terms once every row is in; -1 out of memory. */
int store_finish(struct store *p);
/* GLPK's accessors, over the store (terms in the order written). */
int store_col_kind(const struct store *p, int j);
int store_col_type(const struct store *p, int j);
double store_col_lb(const struct store *p, int j);
double store_col_ub(const struct store *p, int j);
int store_row_type(const struct store *p, int i);
double store_row_lb(const struct store *p, int i);
double store_row_ub(const struct store *p, int i);
int store_mat_row(const struct store *p, int i, int *ind, double *val);
int store_mat_col(const struct store *p, int j, int *ind, double *val);
/* The whole program in GLPK, names included when kept; NULL out of memory. */
glp_prob *store_glpk(const struct store *p);
/* A part of it in GLPK: columns cols[1..ncols] (map[j]: column j's place
 * among them, 0 for the others) and rows rows[1..nrows], every other
 * column fixed at value[j], its terms moved into the rows' bounds.  ind
 * and val: room for the longest row's terms, 1-based. */
glp_prob *store_part(const struct store *p, const int *cols, int ncols, const int *map,
                     const int *rows, int nrows, const double *value, int *ind, double *val);

/* The integer program and where everything is in it. */
struct model {
    const struct rules *r;
    struct store p;
    glp_prob *lp;   /* the whole program in GLPK: only where it is solved
                     * whole (model_glpk), else NULL */
    int *xcol;      /* nunits x ns: column, 0 = no column */
    int *short_col; /* per unit */
    int *over_col;  /* per unit: specialists above the minimum, 0 = none */
    int *hours_col; /* per specialist: hours below the minimum time, 0 = none */
    int *twin_row;  /* per specialist: the symmetry row with their next twin, 0 = none */
    int ncols;
};

/* The program in the store; with `names`, its rows' and columns' names
 * too (export-model).  0, 1 when `until` (solver_now() time) passed or a
 * stop was requested (stop may be NULL) before it was built, -1 out of
 * memory. */
int model_build(struct model *m, const struct rules *r, bool names, double until,
                const volatile sig_atomic_t *stop, struct or_diags *diags);
void model_free(struct model *m);
/* Makes m->lp, the whole program in GLPK, from the store; -1 out of
 * memory. */
int model_glpk(struct model *m);
/* The program's objective at column values x (1-based): its constant and
 * every column's cost times its value. */
double model_objective(const struct model *m, const double *x);

/* The cheapest plan of one specialist by dynamic programme (price.c). */
struct pricer;
/* Prepares the pricing of specialist s of program m: 0, or 1 when their
 * rows cannot all be said as a state (price them by program), -1 out of
 * memory. */
int pricer_open(struct pricer **out, const struct model *m, int s);
void pricer_close(struct pricer *p);
/* The plan of least cost: xcost[u] is the cost of s taking unit u (per
 * unit), the rules add theirs; the plan's units into take (per unit 0/1)
 * and its cost into *value.  hint: a plan (per unit 0/1) that may keep the
 * rules, whose cost bounds the search, or NULL.  0, 1 when the states grew
 * too many or the deadline (solver_now() time) came (price by program), 2
 * when no plan keeps the rules, -1 out of memory. */
int pricer_run(struct pricer *p, const double *xcost, const unsigned char *hint, double deadline,
               unsigned char *take, double *value);

/* What the program split by specialist gives (decompose.c). */
struct dw_result {
    double bound;    /* a lower bound on every roster; -HUGE_VAL when none */
    bool proven;     /* the master's relaxation solved: bound is the decomposition's */
    double lp;       /* the master relaxation's last value */
    bool infeasible; /* some specialist has no plan that keeps their rules */
    int blocks;      /* specialists (or groups of them) priced apart */
    int twins;       /* specialists priced as one with an interchangeable one */
    int master_rows;
    int iterations;
    int mispriced;          /* rounds at the centre's duals that added no plan */
    int boxes;              /* times the master's duals' box grew */
    int plans;              /* master columns at the end */
    double master_seconds;  /* in the master's simplex */
    double pricing_seconds; /* in the blocks' programs */
    double dp_seconds;      /* of which in dynamic programmes */
    int dp_priced;          /* blocks priced by dynamic programme (all rounds) */
    int dp_mismatch;        /* plans whose programme's cost their rows did not confirm */
    double *x;              /* a roster made of the plans: every column's value, or NULL */
    double cost;            /* its cost */
    bool dived;             /* the roster came from diving, not the integer master */
    int dive_fixed;         /* specialists whose plan the dive had fixed when it ended */
};

/* What column generation is given (decompose.c). */
struct dw_task {
    const double *start; /* a roster (every column's value) whose plans come first, or NULL */
    const double *duals; /* the program's row duals in its relaxation (1-based), the first
                          * stability centre, or NULL */
    double deadline;     /* solver_now() time */
    const volatile sig_atomic_t *stop; /* may be NULL */
    bool dp; /* price by dynamic programme where the rules can (price.c), else by each
              * block's program */
    /* Called each time the bound rises, before any roster is made: the
     * bound may end the solve early.  May be NULL. */
    void (*bound)(double bound, void *info);
    void *info;
    bool apart; /* each of interchangeable specialists priced on their own (the tests') */
};

/* Column generation on the program m until the task's deadline or a stop;
 * then a roster from the plans generated.  -1 out of memory. */
int dw_solve(const struct model *m, const struct dw_task *task, struct dw_result *out);

/* How the dynamic programme's pricing (price.c) compares with each
 * specialist's own rows solved as a program, under random duals (the
 * tests'). */
struct dw_agree {
    int compared;   /* pricings compared */
    int by_program; /* specialists the programme cannot price, per round */
    int too_many;   /* pricings with too many states */
    int unsolved;   /* the program did not finish */
    int disagree;   /* values (or feasibility) that differ */
    int plan_wrong; /* programme plans whose cost the rows did not confirm */
    double worst;   /* largest difference of value */
    int spec;       /* the first that differs: who, and both values */
    double dp_value, program_value;
};
int dw_price_agree(const struct model *m, unsigned seed, int rounds, struct dw_agree *out);

/* The solver's clock: seconds, monotonic. */
static inline double solver_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the constructive roster or the local search must stop now: past
 * `deadline`, or a stop was requested. */
static inline bool state_must_stop(const struct state *st, double deadline)
{
    return solver_now() >= deadline || (st->stop && *st->stop);
}

/* The constructive roster completed with every other column's value, or
 * NULL (model.c). */
double *solver_complete(struct model *m, const unsigned char *x);

struct inbox; /* msg.h */

/* How lns_run() searches. */
struct lns_plan {
    const double *relaxed; /* the program's LP relaxation (column values,
                              1-based), guiding one kind of neighbourhood;
                              NULL when not known */
    double deadline;
    double patience; /* return after this long without a better roster; 0 = never */
    unsigned seed;
    const char *who; /* the search's name in the trace */
};

/* Large-neighbourhood search from the given column values (1-based), which
 * it replaces with the best roster's, streaming better rosters to fd and
 * adopting better ones that arrive in `in` (may be NULL) (lns.c). */
void lns_run(struct model *m, double *values, const struct lns_plan *plan, int fd, struct inbox *in,
             double start, bool verbose);
/* The large-neighbourhood search child, on the program the parent built:
 * completes the constructive roster x0, then
 * lns_run. */
void lns_main(struct model *m, const unsigned char *x0, int fd, struct inbox *in, double start,
              double deadline, bool verbose);

/* Whether specialist s's worked days (ndays flags) meet their minimum runs
 * of working days and of days off; runs touching the horizon's ends are
 * exempt (H6). */
bool rules_runs_ok(const struct rules *r, int s, const unsigned char *works);

/* Evaluates the soft rules of a roster given as unit assignments; uses the
 * rules' scratch, so one evaluation at a time per process. */
void rules_evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft);

#endif

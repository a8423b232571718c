/*
 * runs.c - H6 days in a row: no run of worked days longer than the
 * specialist's (or the department's) most consecutive days, and, where
 * the contract asks, no run of work or of days off shorter than its
 * minimum; runs touching the horizon's ends are exempt.
 */
#include "rule.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/* The days of unit u (0-based in the horizon), at most seven. */
static int unit_days(const struct rules *r, size_t u, int *days)
{
    const struct unit *un = &r->units[u];
    int n = 0;
    for (size_t i = 0; i < un->nocc && n < 7; i++)
        days[n++] = r->cal->occ[un->occ[i]].day - r->cal->first;
    return n;
}

/* Whether s works day d once the n days in `add` are worked too. */
static bool works_with(const unsigned char *w, int d, const int *add, int n)
{
    if (w[d])
        return true;
    for (int i = 0; i < n; i++)
        if (add[i] == d)
            return true;
    return false;
}

/* The run of worked days [*a, *b] through day d, with the days in `add`. */
static void run_around(const unsigned char *w, int nd, int d, const int *add, int n, int *a, int *b)
{
    *a = *b = d;
    while (*a > 0 && works_with(w, *a - 1, add, n))
        (*a)--;
    while (*b < nd - 1 && works_with(w, *b + 1, add, n))
        (*b)++;
}

/* The longest run of worked days through the days of unit u, were s to
 * take it; only the runs through those days change. */
static int run_length_with(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    int nd = r->ndays, add[7], n = unit_days(r, u, add), best = 0;
    const unsigned char *w = &st->works[(size_t)s * (size_t)nd];
    for (int i = 0; i < n; i++) {
        int a, b;
        run_around(w, nd, add[i], add, n, &a, &b);
        if (b - a + 1 > best)
            best = b - a + 1;
    }
    return best;
}

bool rules_runs_ok(const struct rules *r, int s, const unsigned char *works)
{
    const struct or_specialist *sp = &r->dept->specialists[s];
    int nd = r->ndays;
    for (int d = 0; d < nd;) {
        int e = d;
        while (e + 1 < nd && works[e + 1] == works[d])
            e++;
        int need = works[d] ? sp->min_consecutive : sp->min_days_off;
        if (d > 0 && e < nd - 1 && e - d + 1 < need)
            return false;
        d = e + 1;
    }
    return true;
}

/* The minimum runs around the days of unit u, were s to take it: the run of
 * work through each day, and the runs of days off on either side of it (the
 * only runs that change).  Runs touching the horizon's ends are exempt. */
static bool runs_ok_with(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    int nd = r->ndays, add[7], n = unit_days(r, u, add);
    const unsigned char *w = &st->works[(size_t)s * (size_t)nd];
    for (int i = 0; i < n; i++) {
        int a, b;
        run_around(w, nd, add[i], add, n, &a, &b);
        if (a > 0 && b < nd - 1 && b - a + 1 < sp->min_consecutive)
            return false;
        /* Days off just before a and just after b. */
        int k = 0;
        for (int d = a - 1; d >= 0 && !works_with(w, d, add, n) && k < sp->min_days_off; d--)
            k++;
        if (a > 0 && k < sp->min_days_off && a - 1 - k >= 0)
            return false; /* ends at a worked day, not at the horizon's start */
        k = 0;
        for (int d = b + 1; d < nd && !works_with(w, d, add, n) && k < sp->min_days_off; d++)
            k++;
        if (b < nd - 1 && k < sp->min_days_off && b + 1 + k <= nd - 1)
            return false;
    }
    return true;
}

static bool min_runs(const struct or_specialist *sp)
{
    return sp->min_consecutive > 1 || sp->min_days_off > 1;
}

/* A day given up can shorten a run below its minimum. */
static bool holds(const struct state *st, int s)
{
    const struct rules *r = st->r;
    return !min_runs(&r->dept->specialists[s]) ||
           rules_runs_ok(r, s, &st->works[(size_t)s * (size_t)r->ndays]);
}

/* H6 minimum runs, for runs that do not touch the horizon's ends: a run of
 * work starting on d (work[d] - work[d-1] = 1) goes on to d + j for every
 * j < min_consecutive, and a run of days off starting on d goes on
 * likewise; work[d] is exactly whether s works on day d. */
static void min_run_rows(struct builder *b, size_t s, const int *work)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    size_t ns = r->ns, nd = (size_t)r->ndays;
    for (size_t d = 0; d < nd; d++) {
        if (!work[d])
            continue;
        for (size_t o = b->day_begin[d]; o < b->day_begin[d + 1]; o++)
            if (m->xcol[r->unit_of[o] * ns + s])
                model_add(b, m->xcol[r->unit_of[o] * ns + s], 1);
        model_add(b, work[d], -1);
        model_emit(b, &b->row, GLP_LO, 0, 0, NAME(b, "workexact_%s_%zu", sp->id, d));
        b->row.n = 0;
    }
    for (int side = 0; side < 2; side++) {
        int need = side == 0 ? sp->min_consecutive : sp->min_days_off;
        for (size_t d = 1; need > 1 && d < nd; d++)
            for (size_t j = 1; j < (size_t)need && d + j < nd; j++) {
                /* A run that reaches the last day meets every row it has (exempt).
                 * work: w[d] - w[d-1] - w[d+j] <= 0; off: w[d-1] - w[d] + w[d+j] <= 1 */
                double sign = side == 0 ? 1 : -1;
                if (work[d])
                    model_add(b, work[d], sign);
                if (work[d - 1])
                    model_add(b, work[d - 1], -sign);
                if (work[d + j])
                    model_add(b, work[d + j], -sign);
                if (b->row.n)
                    model_emit(
                        b, &b->row, GLP_UP, 0, side == 0 ? 0 : 1,
                        NAME(b, "%s_%s_%zu_%zu", side == 0 ? "minrun" : "minoff", sp->id, d, j));
                b->row.n = 0;
            }
    }
}

/* x <= works[s,d] for the sessions starting on d, and in every window of
 * max_run + 1 days at most max_run worked days. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nd = (size_t)r->ndays;
    int *workcol = calloc(nz(nd), sizeof(int));
    if (!workcol) {
        b->nomem = true;
        return;
    }
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        int max_run =
            sp->max_consecutive >= 0 ? sp->max_consecutive : r->dept->rules.max_consecutive;
        if ((int)nd <= max_run && !min_runs(sp))
            continue;
        memset(workcol, 0, nd * sizeof(int));
        for (size_t o = 0; o < cal->nocc; o++) {
            if (!m->xcol[r->unit_of[o] * ns + s])
                continue;
            size_t d = (size_t)(cal->occ[o].day - cal->first);
            if (!workcol[d]) {
                char day[11];
                workcol[d] =
                    model_col(b, GLP_BV, GLP_DB, 0, 1, 0,
                              NAME(b, "works_%s_%s", sp->id, model_day_name(cal->occ[o].day, day)));
            }
        }
        for (size_t d = 0; d < nd; d++)
            if (workcol[d])
                model_link_day(b, s, d, -1, workcol[d], "worklink");
        if (min_runs(sp))
            min_run_rows(b, s, workcol);
        for (size_t d0 = 0; d0 + (size_t)max_run < nd; d0++) {
            int n = 0;
            for (size_t d = d0; d <= d0 + (size_t)max_run; d++)
                if (workcol[d]) {
                    model_add(b, workcol[d], 1);
                    n++;
                }
            if (n > max_run)
                model_emit(b, &b->row, GLP_UP, 0, max_run, NAME(b, "run_%s_%zu", sp->id, d0));
            b->row.n = 0;
        }
    }
    free(workcol);
}

static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    int max_run = sp->max_consecutive >= 0 ? sp->max_consecutive : r->dept->rules.max_consecutive;
    int len = run_length_with(st, u, s);
    if (len > max_run) {
        if (buf)
            snprintf(buf, n,
                     or_say(r->dept,
                            OR_PHRASE("would work %d days in a row (at most %d)",
                                      "zou %d dagen na elkaar werken (hoogstens %d)",
                                      "travaillerait %d jours d'affil\xc3\xa9\x65 (au plus %d)")),
                     len, max_run);
        return OR_WHY_CONSECUTIVE;
    }
    if (!st->relax_runs && min_runs(sp) && !runs_ok_with(st, u, s)) {
        if (buf)
            snprintf(buf, n,
                     or_say(r->dept, OR_PHRASE("would leave a run of work shorter than %d days or "
                                               "of days off shorter than %d",
                                               "zou een reeks werkdagen korter dan %d dagen of "
                                               "vrije dagen korter dan %d laten",
                                               "laisserait une s\xc3\xa9rie de travail de moins de "
                                               "%d jours ou de repos de moins de %d")),
                     sp->min_consecutive, sp->min_days_off);
        return OR_WHY_CONSECUTIVE;
    }
    return 0;
}

static unsigned why_not(const struct state *st, size_t u, int s)
{
    return explain(st, u, s, NULL, 0);
}

/* Pricing: the current run of worked days, of days off, and whether it
 * began on the first day (exempt from the least). */
enum { RUN_WORK, RUN_OFF, RUN_FROM_START };

static int dp_open(struct dp_part *p)
{
    const struct or_specialist *sp = &p->r->dept->specialists[p->s];
    int max_run =
        sp->max_consecutive >= 0 ? sp->max_consecutive : p->r->dept->rules.max_consecutive;
    p->active = p->r->ndays > max_run || min_runs(sp);
    p->width = 3;
    p->kind[RUN_WORK] = p->kind[RUN_OFF] = p->kind[RUN_FROM_START] = DP_SAME;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct or_specialist *sp = &p->r->dept->specialists[p->s];
    int max_run =
        sp->max_consecutive >= 0 ? sp->max_consecutive : p->r->dept->rules.max_consecutive;
    bool works = step->nocc > 0;
    if (step->day == 0) {
        state[RUN_WORK] = works;
        state[RUN_OFF] = !works;
        state[RUN_FROM_START] = 1;
        return state[RUN_WORK] <= max_run;
    }
    if (works) {
        if (state[RUN_OFF]) { /* days off end: as many as the least, unless from the start */
            if (!state[RUN_FROM_START] && state[RUN_OFF] < sp->min_days_off)
                return false;
            state[RUN_OFF] = 0;
            state[RUN_FROM_START] = 0;
        }
        return ++state[RUN_WORK] <= max_run;
    }
    if (state[RUN_WORK]) {
        if (!state[RUN_FROM_START] && state[RUN_WORK] < sp->min_consecutive)
            return false;
        state[RUN_WORK] = 0;
        state[RUN_FROM_START] = 0;
    }
    if (state[RUN_OFF] < sp->min_days_off) /* beyond the least, one more is alike */
        state[RUN_OFF]++;
    else if (state[RUN_OFF] == 0)
        state[RUN_OFF] = 1;
    return true;
}

const struct rule rule_runs = {
    .id = "H6 days in a row",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .holds = holds,
    .dp_open = dp_open,
    .dp_day = dp_day,
};

/*
 * runs.c - H6 days in a row: no run of worked days longer than the
 * specialist's (or the department's) most consecutive days, and, where
 * the contract asks, no run of work or of days off shorter than its
 * minimum; runs touching the horizon's ends are exempt.
 */
#include "rule.h"

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

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    int max_run = sp->max_consecutive >= 0 ? sp->max_consecutive : r->dept->rules.max_consecutive;
    if (run_length_with(st, u, s) > max_run)
        return OR_WHY_CONSECUTIVE;
    /* The constructive roster's first pass places work without the
     * minimum runs, and repairs them afterwards. */
    if (!st->relax_runs && min_runs(sp) && !runs_ok_with(st, u, s))
        return OR_WHY_CONSECUTIVE;
    return 0;
}

/* A day given up can shorten a run below its minimum. */
static bool holds(const struct state *st, int s)
{
    const struct rules *r = st->r;
    return !min_runs(&r->dept->specialists[s]) ||
           rules_runs_ok(r, s, &st->works[(size_t)s * (size_t)r->ndays]);
}

const struct rule rule_runs = {
    .id = "H6 days in a row",
    .why_not = why_not,
    .holds = holds,
};

/*
 * price.c - the cheapest plan of one specialist by dynamic programme: the
 * pricing problem of the decomposition (decompose.c) without a program.
 *
 * A plan is built day by day.  On each day it takes one of the day's
 * choices (a set of the units starting that day that do not exclude one
 * another, with every unit a must pin holds), and a week block taken on
 * its first day is carried on each of its later days.  Each rule keeps its
 * part of the plan's state (rule.h, struct dp_part) and says what a day
 * costs and whether its rows still allow the plan; the assignments' own
 * costs (S4, S6, the master's duals) are read from the program.  Partial
 * plans ending a day in the same state keep only the cheapest, and one at
 * least as good in every part (dp_kind) sets another aside: the result is
 * the exact optimum of the specialist's own rows, which the tests check
 * against the same rows solved as a program.
 *
 * A rule that cannot say its rows for a specialist as a state, or a day
 * with too many choices, leaves that specialist to the program (pricer_open
 * returns 1); too many partial plans, or the deadline, leave one pricing to
 * it (pricer_run returns 1).
 */
#include "rules/rule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Beyond these the specialist is priced by their own rows as a program. */
#define MOST_CHOICES 20000  /* per day */
#define MOST_LABELS  400000 /* partial plans over the horizon */

struct pricer {
    const struct model *m;
    const struct rules *r;
    int s;
    int nd;
    /* The rules that speak for s. */
    const struct rule **rule;
    struct dp_part *part;
    int *offset; /* of each part in the state */
    int nparts;
    int carry; /* the first ints of the state: week blocks carried (unit + 1), sorted */
    int width;
    unsigned char *kind; /* per int of the state */
    int *slope, *per;
    int nsame; /* ints compared for equality: hashed */
    int *same; /* their places */
    /* The days: choices, each a list of units. */
    int *day_week;
    bool *day_new_week;
    int *day_choice; /* nd + 1: first choice of each day */
    int *choice_at;  /* per choice + 1: first unit in choice_unit */
    size_t *choice_unit;
    int nchoices;
    int *last_day; /* per unit: the day of its last occurrence */
    double *choice_cost;
    /* Scratch for one step. */
    size_t *occ;
    size_t *units;
    int *state;
};

void pricer_close(struct pricer *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nparts; i++)
        if (p->rule[i]->dp_close)
            p->rule[i]->dp_close(&p->part[i]);
    free(p->rule);
    free(p->part);
    free(p->offset);
    free(p->kind);
    free(p->slope);
    free(p->per);
    free(p->same);
    free(p->day_week);
    free(p->day_new_week);
    free(p->day_choice);
    free(p->choice_at);
    free(p->choice_unit);
    free(p->last_day);
    free(p->choice_cost);
    free(p->occ);
    free(p->units);
    free(p->state);
    free(p);
}

/* The column of s for unit u, and whether s may take it (bounds). */
static int xcol_of(const struct pricer *p, size_t u, bool *must)
{
    int j = p->m->xcol[u * p->r->ns + (size_t)p->s];
    if (!j)
        return 0;
    if (store_col_ub(&p->m->p, j) < 0.5)
        return 0;
    *must = store_col_lb(&p->m->p, j) > 0.5;
    return j;
}

/* Whether units a and b may both be taken by one specialist on the day
 * both start (the day's choices); later days are the rules' to check. */
static bool compatible(const struct rules *r, size_t a, size_t b)
{
    const struct unit *ua = &r->units[a], *ub = &r->units[b];
    for (size_t i = 0; i < ua->nocc; i++)
        for (size_t k = 0; k < ub->nocc; k++) {
            size_t x = ua->occ[i], y = ub->occ[k];
            if (x < y ? rules_occ_apart(r, x, y) : rules_occ_apart(r, y, x))
                return false;
        }
    return true;
}

/* Appends choice `list` (n units) to p; -1 out of memory or too many. */
static int add_choice(struct pricer *p, const size_t *list, int n, size_t *cap_units,
                      int *cap_choices, int day_first)
{
    if (p->nchoices - day_first >= MOST_CHOICES)
        return 1;
    if (p->nchoices + 2 > *cap_choices) {
        int cap = *cap_choices * 2 + 64;
        int *at = realloc(p->choice_at, (size_t)cap * sizeof(int));
        if (!at)
            return -1;
        p->choice_at = at;
        *cap_choices = cap;
    }
    size_t have = (size_t)p->choice_at[p->nchoices];
    if (have + (size_t)n > *cap_units) {
        size_t cap = (have + (size_t)n) * 2 + 64;
        size_t *cu = realloc(p->choice_unit, cap * sizeof(size_t));
        if (!cu)
            return -1;
        p->choice_unit = cu;
        *cap_units = cap;
    }
    if (n > 0) /* the empty choice: no room needed */
        memcpy(p->choice_unit + have, list, (size_t)n * sizeof(size_t));
    p->nchoices++;
    p->choice_at[p->nchoices] = (int)(have + (size_t)n);
    return 0;
}

/* Every subset of the day's candidates cand[0..n) that holds the must
 * units and no two that exclude each other, by depth-first search. */
static int enumerate(struct pricer *p, const size_t *cand, const bool *must, int n, int i,
                     size_t *chosen, int nchosen, size_t *cap_units, int *cap_choices,
                     int day_first)
{
    if (i == n)
        return add_choice(p, chosen, nchosen, cap_units, cap_choices, day_first);
    bool fits = true;
    for (int k = 0; k < nchosen && fits; k++)
        fits = compatible(p->r, chosen[k], cand[i]);
    if (fits) {
        chosen[nchosen] = cand[i];
        int rc = enumerate(p, cand, must, n, i + 1, chosen, nchosen + 1, cap_units, cap_choices,
                           day_first);
        if (rc)
            return rc;
    }
    if (must[i])
        return 0; /* a must pin: no choice without it */
    return enumerate(p, cand, must, n, i + 1, chosen, nchosen, cap_units, cap_choices, day_first);
}

static int build_days(struct pricer *p)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    int nd = p->nd;
    size_t nu = r->nunits;
    p->day_week = malloc(nz((size_t)nd) * sizeof(int));
    p->day_new_week = malloc(nz((size_t)nd) * sizeof(bool));
    p->day_choice = malloc(((size_t)nd + 1) * sizeof(int));
    p->last_day = malloc(nz(nu) * sizeof(int));
    p->choice_at = malloc(64 * sizeof(int));
    size_t *cand = malloc(nz(nu) * sizeof(size_t)), *chosen = malloc(nz(nu) * sizeof(size_t));
    bool *must = malloc(nz(nu) * sizeof(bool));
    int rc = -1, cap_choices = 64;
    size_t cap_units = 0;
    if (!p->day_week || !p->day_new_week || !p->day_choice || !p->last_day || !p->choice_at ||
        !cand || !chosen || !must)
        goto out;
    p->choice_at[0] = 0;
    for (int d = 0; d < nd; d++) {
        or_day day = cal->first + d;
        int w = 0;
        for (size_t k = 0; k < cal->nweeks; k++)
            if (cal->weeks[k].monday <= day && day < cal->weeks[k].monday + 7)
                w = (int)k;
        p->day_week[d] = w;
        p->day_new_week[d] = d == 0 || p->day_week[d - 1] != w;
    }
    for (size_t u = 0; u < nu; u++) {
        const struct unit *un = &r->units[u];
        p->last_day[u] = (int)(cal->occ[un->occ[un->nocc - 1]].day - cal->first);
    }
    size_t u0 = 0; /* units in order of their first occurrence */
    size_t *by_start = malloc(nz(nu) * sizeof(size_t));
    if (!by_start)
        goto out;
    for (size_t o = 0, n = 0; o < cal->nocc; o++)
        if (r->units[r->unit_of[o]].occ[0] == o)
            by_start[n++] = r->unit_of[o];
    for (int d = 0; d < nd; d++) {
        int n = 0;
        for (; u0 < nu && cal->occ[r->units[by_start[u0]].occ[0]].day == cal->first + d; u0++) {
            bool m = false;
            if (xcol_of(p, by_start[u0], &m)) {
                cand[n] = by_start[u0];
                must[n++] = m;
            }
        }
        p->day_choice[d] = p->nchoices;
        int e =
            enumerate(p, cand, must, n, 0, chosen, 0, &cap_units, &cap_choices, p->day_choice[d]);
        if (e) {
            rc = e;
            free(by_start);
            goto out;
        }
    }
    free(by_start);
    p->day_choice[nd] = p->nchoices;
    p->choice_cost = malloc(nz((size_t)p->nchoices) * sizeof(double));
    if (!p->choice_cost)
        goto out;
    rc = 0;
out:
    free(cand);
    free(chosen);
    free(must);
    return rc;
}

/* Room in the state for the week blocks s may carry at once. */
static int carry_width(const struct pricer *p)
{
    const struct rules *r = p->r;
    int most = 0;
    for (int d = 0; d < p->nd; d++) {
        int n = 0;
        for (size_t u = 0; u < r->nunits; u++) {
            bool m;
            int first = (int)(r->cal->occ[r->units[u].occ[0]].day - r->cal->first);
            if (first <= d && d < p->last_day[u] && xcol_of(p, u, &m))
                n++;
        }
        most = n > most ? n : most;
    }
    return most;
}

int pricer_open(struct pricer **out, const struct model *m, int s)
{
    *out = NULL;
    const struct rules *r = m->r;
    struct pricer *p = calloc(1, sizeof(*p));
    if (!p)
        return -1;
    p->m = m;
    p->r = r;
    p->s = s;
    p->nd = r->ndays;
    size_t nrules;
    const struct rule *const *list = rule_list(&nrules);
    p->rule = calloc(nz(nrules), sizeof(*p->rule));
    p->part = calloc(nz(nrules), sizeof(*p->part));
    p->offset = calloc(nz(nrules), sizeof(int));
    int rc = -1;
    if (!p->rule || !p->part || !p->offset)
        goto fail;
    rc = build_days(p);
    if (rc)
        goto fail;
    p->carry = carry_width(p);
    p->width = p->carry;
    for (size_t i = 0; i < nrules; i++) {
        const struct rule *rule = list[i];
        if (!rule->dp_open) {
            if (rule->rows) {
                rc = 1;
                goto fail;
            }
            continue;
        }
        struct dp_part *part = &p->part[p->nparts];
        *part = (struct dp_part){.r = r, .m = m, .s = s};
        p->rule[p->nparts] = rule;
        p->nparts++; /* closed on failure too */
        rc = rule->dp_open(part);
        if (rc)
            goto fail;
        if (!part->active) {
            if (rule->dp_close)
                rule->dp_close(part);
            p->nparts--;
            continue;
        }
        p->offset[p->nparts - 1] = p->width;
        p->width += part->width;
    }
    rc = -1;
    size_t w = nz((size_t)p->width);
    p->kind = calloc(w, 1);
    p->slope = calloc(w, sizeof(int));
    p->per = calloc(w, sizeof(int));
    p->same = malloc(w * sizeof(int));
    p->state = malloc(w * sizeof(int));
    p->occ = malloc(nz(r->cal->nocc) * sizeof(size_t));
    p->units = malloc(nz(r->nunits) * sizeof(size_t));
    if (!p->kind || !p->slope || !p->per || !p->same || !p->state || !p->occ || !p->units)
        goto fail;
    for (int i = 0; i < p->nparts; i++) {
        memcpy(p->kind + p->offset[i], p->part[i].kind, (size_t)p->part[i].width);
        memcpy(p->slope + p->offset[i], p->part[i].slope, (size_t)p->part[i].width * sizeof(int));
        memcpy(p->per + p->offset[i], p->part[i].per, (size_t)p->part[i].width * sizeof(int));
    }
    for (int i = 0; i < p->width; i++)
        if (p->kind[i] == DP_SAME || (p->kind[i] == DP_COST && !p->slope[i]))
            p->same[p->nsame++] = i;
    *out = p;
    return 0;
fail:
    pricer_close(p);
    return rc;
}

/* The partial plans of one day, with their states, hashed by the ints
 * compared for equality. */
struct layer {
    int n, cap;
    double *cost; /* HUGE_VAL: set aside */
    int *pred;    /* label of the day before, or -1 */
    int *choice;
    int *state; /* n x width */
    int *next;  /* chain in the hash */
    int *head;  /* nbuckets */
    int nbuckets;
};

static void layer_free(struct layer *l)
{
    free(l->cost);
    free(l->pred);
    free(l->choice);
    free(l->state);
    free(l->next);
    free(l->head);
    memset(l, 0, sizeof(*l));
}

static unsigned hash_state(const struct pricer *p, const int *st)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < p->nsame; i++) {
        h ^= (unsigned)st[p->same[i]];
        h *= 16777619u;
    }
    return h;
}

/* Whether a (at cost ca) is at least as good as b (at cost cb): every int
 * of a at least as good, or worse by what its slope says it may cost. */
static bool dominates(const struct pricer *p, const int *a, double ca, const int *b, double cb)
{
    if (ca > cb)
        return false;
    double room = cb - ca;
    for (int i = 0; i < p->width; i++) {
        if (a[i] == b[i])
            continue;
        long worse = 0; /* steps a is worse by */
        switch (p->kind[i]) {
        case DP_SAME:
            return false;
        case DP_LESS:
            if (a[i] > b[i])
                return false;
            worse = b[i] - a[i]; /* has less of what a least may want */
            break;
        case DP_MORE:
            if (a[i] < b[i])
                return false;
            break;
        case DP_COST:
            worse = labs((long)a[i] - b[i]);
            break;
        default:
            worse = __builtin_popcount((unsigned)b[i] & ~(unsigned)a[i]);
            break;
        }
        if (worse && p->slope[i] == 0 && p->kind[i] == DP_COST)
            return false;
        if (worse && p->slope[i]) {
            long per = p->per[i] > 1 ? p->per[i] : 1;
            room -= (double)p->slope[i] * (double)((worse + per - 1) / per);
            if (room < 0)
                return false;
        }
    }
    return true;
}

static int layer_grow(struct layer *l, int width)
{
    if (l->n < l->cap)
        return 0;
    int cap = l->cap ? l->cap * 2 : 256;
    double *c = realloc(l->cost, (size_t)cap * sizeof(double));
    if (c)
        l->cost = c;
    int *pr = c ? realloc(l->pred, (size_t)cap * sizeof(int)) : NULL;
    if (pr)
        l->pred = pr;
    int *ch = pr ? realloc(l->choice, (size_t)cap * sizeof(int)) : NULL;
    if (ch)
        l->choice = ch;
    int *nx = ch ? realloc(l->next, (size_t)cap * sizeof(int)) : NULL;
    if (nx)
        l->next = nx;
    int *st = nx ? realloc(l->state, (size_t)cap * (size_t)nz((size_t)width) * sizeof(int)) : NULL;
    if (!st)
        return -1;
    l->state = st;
    l->cap = cap;
    return 0;
}

/* Adds a partial plan unless one at least as good is there; sets aside
 * those it is at least as good as.  -1 out of memory. */
static int layer_add(const struct pricer *p, struct layer *l, const int *st, double cost, int pred,
                     int choice)
{
    unsigned h = hash_state(p, st) & (unsigned)(l->nbuckets - 1);
    for (int k = l->head[h]; k >= 0; k = l->next[k]) {
        if (l->cost[k] == HUGE_VAL)
            continue;
        const int *other = l->state + (size_t)k * (size_t)p->width;
        if (dominates(p, other, l->cost[k], st, cost))
            return 0;
        if (dominates(p, st, cost, other, l->cost[k]))
            l->cost[k] = HUGE_VAL;
    }
    if (layer_grow(l, p->width) != 0)
        return -1;
    int k = l->n++;
    l->cost[k] = cost;
    l->pred[k] = pred;
    l->choice[k] = choice;
    memcpy(l->state + (size_t)k * (size_t)p->width, st, (size_t)p->width * sizeof(int));
    l->next[k] = l->head[h];
    l->head[h] = k;
    return 0;
}

static int layer_init(struct layer *l, int nbuckets)
{
    memset(l, 0, sizeof(*l));
    l->nbuckets = nbuckets;
    l->head = malloc((size_t)nbuckets * sizeof(int));
    if (!l->head)
        return -1;
    for (int i = 0; i < nbuckets; i++)
        l->head[i] = -1;
    return 0;
}

/* One day: the label's state after choice c on day d into p->state; the
 * rules' cost of the day into *cost.  false when a rule forbids it; 1 in
 * *overflow when a state could not hold it. */
static bool step(struct pricer *p, int d, const int *from, int c, long *cost, bool *overflow)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    int *st = p->state;
    memcpy(st, from, (size_t)p->width * sizeof(int));
    int nunits = 0, nocc = 0;
    for (int i = p->choice_at[c]; i < p->choice_at[c + 1]; i++)
        p->units[nunits++] = p->choice_unit[i];
    /* Today's occurrences: of the week blocks carried, and of the units new today. */
    for (int i = 0; i < p->carry && st[i]; i++) {
        const struct unit *un = &r->units[st[i] - 1];
        for (size_t k = 0; k < un->nocc; k++)
            if (cal->occ[un->occ[k]].day == cal->first + d)
                p->occ[nocc++] = un->occ[k];
    }
    for (int i = 0; i < nunits; i++) {
        const struct unit *un = &r->units[p->units[i]];
        for (size_t k = 0; k < un->nocc; k++)
            if (cal->occ[un->occ[k]].day == cal->first + d)
                p->occ[nocc++] = un->occ[k];
    }
    for (int i = 1; i < nocc; i++) /* by start (index order) */
        for (int k = i; k > 0 && p->occ[k - 1] > p->occ[k]; k--) {
            size_t t = p->occ[k];
            p->occ[k] = p->occ[k - 1];
            p->occ[k - 1] = t;
        }
    /* The blocks carried on: those that go on after today, sorted. */
    int n = 0;
    for (int i = 0; i < p->carry && st[i]; i++)
        if (p->last_day[st[i] - 1] > d)
            st[n++] = st[i];
    for (int i = 0; i < nunits; i++)
        if (p->last_day[p->units[i]] > d) {
            if (n == p->carry) {
                *overflow = true;
                return false;
            }
            int v = (int)p->units[i] + 1, k = n++;
            for (; k > 0 && st[k - 1] > v; k--)
                st[k] = st[k - 1];
            st[k] = v;
        }
    for (int i = n; i < p->carry; i++)
        st[i] = 0;
    struct dp_step sp = {
        .day = d,
        .week = p->day_week[d],
        .new_week = p->day_new_week[d],
        .occ = p->occ,
        .nocc = nocc,
        .units = p->units,
        .nunits = nunits,
        .overflow = overflow,
    };
    for (int i = 0; i < p->nparts; i++)
        if (!p->rule[i]->dp_day(&p->part[i], &sp, st + p->offset[i], cost))
            return false;
    return true;
}

/* The cost of plan `take` (per unit 0/1) under the choices' costs, into
 * *cost; false when it is not a plan the rules allow. */
static bool plan_cost(struct pricer *p, const unsigned char *take, double *cost)
{
    const struct rules *r = p->r;
    int *st = calloc(nz((size_t)p->width), sizeof(int));
    bool ok = st != NULL, overflow = false;
    double total = 0;
    for (int d = 0; ok && d < p->nd; d++) {
        int want = 0, found = -1;
        for (size_t u = 0; u < r->nunits; u++) /* what it takes that starts today */
            want += take[u] && r->cal->occ[r->units[u].occ[0]].day == r->cal->first + d;
        for (int c = p->day_choice[d]; c < p->day_choice[d + 1] && found < 0; c++) {
            int n = p->choice_at[c + 1] - p->choice_at[c], held = 0;
            for (int i = p->choice_at[c]; i < p->choice_at[c + 1]; i++)
                held += take[p->choice_unit[i]];
            if (n == want && held == want)
                found = c;
        }
        long rules = 0;
        ok = found >= 0 && step(p, d, st, found, &rules, &overflow);
        if (ok) {
            memcpy(st, p->state, (size_t)p->width * sizeof(int));
            total += p->choice_cost[found] + (double)rules;
        }
    }
    long end = 0;
    for (int i = 0; ok && i < p->nparts; i++)
        if (p->rule[i]->dp_end)
            ok = p->rule[i]->dp_end(&p->part[i], st + p->offset[i], &end);
    free(st);
    *cost = total + (double)end;
    return ok;
}

int pricer_run(struct pricer *p, const double *xcost, const unsigned char *hint, double deadline,
               unsigned char *take, double *value)
{
    const struct rules *r = p->r;
    int nd = p->nd, rc = -1;
    for (int c = 0; c < p->nchoices; c++) {
        double v = 0;
        for (int i = p->choice_at[c]; i < p->choice_at[c + 1]; i++) {
            size_t u = p->choice_unit[i];
            v += xcost[u];
            for (int k = 0; k < p->nparts; k++)
                if (p->part[k].unit_cost)
                    v += (double)p->part[k].unit_cost[u];
        }
        p->choice_cost[c] = v;
    }
    /* A plan known to keep the rules bounds the best from above; the
     * cheapest choice of each day left, from below (the rules' own costs
     * are never below 0): a partial plan that cannot beat the plan known
     * goes no further. */
    double known = HUGE_VAL;
    if (hint && !plan_cost(p, hint, &known))
        known = HUGE_VAL;
    double *rest = malloc(((size_t)nd + 1) * sizeof(double));
    struct layer *layers = calloc((size_t)nd + 1, sizeof(struct layer));
    int *start = calloc(nz((size_t)p->width), sizeof(int));
    if (!rest || !layers || !start)
        goto out;
    rest[nd] = 0;
    for (int d = nd - 1; d >= 0; d--) {
        double least = 0;
        for (int c = p->day_choice[d]; c < p->day_choice[d + 1]; c++)
            least = fmin(least, p->choice_cost[c]);
        rest[d] = rest[d + 1] + least;
    }
    if (layer_init(&layers[0], 1) != 0 || layer_add(p, &layers[0], start, 0, -1, -1) != 0)
        goto out;
    long total = 1, steps = 0;
    bool overflow = false;
    for (int d = 0; d < nd; d++) {
        struct layer *from = &layers[d], *to = &layers[d + 1];
        int buckets = 1024;
        while (buckets < 4 * from->n && buckets < (1 << 20))
            buckets *= 2;
        if (layer_init(to, buckets) != 0)
            goto out;
        for (int k = 0; k < from->n; k++) {
            if (from->cost[k] == HUGE_VAL)
                continue;
            steps += p->day_choice[d + 1] - p->day_choice[d];
            if (steps >= 4096) { /* the clock now and then */
                steps = 0;
                if (solver_now() >= deadline) {
                    rc = 1;
                    goto out;
                }
            }
            const int *st = from->state + (size_t)k * (size_t)p->width;
            for (int c = p->day_choice[d]; c < p->day_choice[d + 1]; c++) {
                long cost = 0;
                if (!step(p, d, st, c, &cost, &overflow)) {
                    if (overflow) {
                        rc = 1;
                        goto out;
                    }
                    continue;
                }
                double v = from->cost[k] + p->choice_cost[c] + (double)cost;
                if (v + rest[d + 1] >= known)
                    continue; /* cannot beat the plan known */
                if (layer_add(p, to, p->state, v, k, c) != 0)
                    goto out;
                if (total + to->n > MOST_LABELS) { /* within the day too */
                    rc = 1;
                    goto out;
                }
            }
        }
        total += to->n;
        if (total > MOST_LABELS || solver_now() >= deadline) {
            rc = 1;
            goto out;
        }
        /* The day before is needed only to trace the plan back. */
    }
    struct layer *last = &layers[nd];
    int best = -1;
    double best_cost = HUGE_VAL;
    for (int k = 0; k < last->n; k++) {
        if (last->cost[k] == HUGE_VAL)
            continue;
        const int *st = last->state + (size_t)k * (size_t)p->width;
        long cost = 0;
        bool ok = true;
        for (int i = 0; i < p->nparts && ok; i++)
            if (p->rule[i]->dp_end)
                ok = p->rule[i]->dp_end(&p->part[i], st + p->offset[i], &cost);
        if (ok && last->cost[k] + (double)cost < best_cost) {
            best_cost = last->cost[k] + (double)cost;
            best = k;
        }
    }
    if (known <= best_cost && known < HUGE_VAL) { /* none beats the plan known */
        memcpy(take, hint, r->nunits);
        *value = known;
        rc = 0;
        goto out;
    }
    if (best < 0) {
        rc = 2; /* no plan keeps the rules */
        goto out;
    }
    memset(take, 0, r->nunits);
    for (int d = nd, k = best; d > 0; d--) {
        int c = layers[d].choice[k];
        for (int i = p->choice_at[c]; i < p->choice_at[c + 1]; i++)
            take[p->choice_unit[i]] = 1;
        k = layers[d].pred[k];
    }
    *value = best_cost;
    rc = 0;
out:
    for (int d = 0; layers && d <= nd; d++)
        layer_free(&layers[d]);
    free(layers);
    free(start);
    free(rest);
    return rc;
}

/* Rules with nothing of their own for one specialist (rule.h). */
int dp_nothing(struct dp_part *p)
{
    p->active = false;
    return 0;
}

/* Counts against fair bands (rule.h). */
struct dp_counts {
    int n;
    int *per_unit;
    const struct band **bands;
    int weight;
};

int dp_counts_open(struct dp_part *p, int n, int *per_unit, const struct band **bands, int weight)
{
    if (n > DP_PART_MAX) {
        free(per_unit);
        free(bands);
        return 1;
    }
    struct dp_counts *c = malloc(sizeof(*c));
    if (!c) {
        free(per_unit);
        free(bands);
        return -1;
    }
    *c = (struct dp_counts){n, per_unit, bands, weight};
    p->data = c;
    p->active = n > 0;
    p->width = n;
    for (int k = 0; k < n; k++) {
        p->kind[k] = DP_COST;
        p->slope[k] = weight;
        p->per[k] = bands[k]->per;
    }
    return 0;
}

void dp_counts_close(struct dp_part *p)
{
    struct dp_counts *c = p->data;
    if (!c)
        return;
    free(c->per_unit);
    free(c->bands);
    free(c);
    p->data = NULL;
}

int dp_bands_open(struct dp_part *p, int k0, int k1, int weight)
{
    const struct rules *r = p->r;
    size_t nu = r->nunits, s = (size_t)p->s;
    int n = 0;
    int *per_unit = calloc(nz((size_t)(k1 - k0) * nu), sizeof(int));
    const struct band **bands = calloc((size_t)(k1 - k0 + 1), sizeof(*bands));
    if (!per_unit || !bands) {
        free(per_unit);
        free(bands);
        return -1;
    }
    for (int k = k0; weight && k < k1; k++) {
        const struct band *band = &r->bands[s * (NDUTIES + 1) + (size_t)k];
        if (!band->active)
            continue;
        bool any = false; /* no rows for a count s cannot add to */
        for (size_t u = 0; u < nu; u++)
            if (p->m->xcol[u * r->ns + s]) {
                per_unit[(size_t)n * nu + u] = model_band_count(r, u, k);
                any = any || per_unit[(size_t)n * nu + u];
            }
        if (any)
            bands[n++] = band;
        else
            memset(per_unit + (size_t)n * nu, 0, nu * sizeof(int));
    }
    return dp_counts_open(p, n, per_unit, bands, weight);
}

bool dp_counts_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct dp_counts *c = p->data;
    size_t nu = p->r->nunits;
    for (int i = 0; i < step->nunits; i++)
        for (int k = 0; k < c->n; k++)
            state[k] += c->per_unit[(size_t)k * nu + step->units[i]];
    return true;
}

bool dp_counts_end(const struct dp_part *p, const int *state, long *cost)
{
    const struct dp_counts *c = p->data;
    for (int k = 0; k < c->n; k++)
        *cost += (long)c->weight * band_distance(state[k], c->bands[k]);
    return true;
}

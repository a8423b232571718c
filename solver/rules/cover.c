/*
 * cover.c - H1, coverage: every occurrence has between its minimum and its
 * maximum staff.  A place below the minimum is left unfilled at its
 * shortfall weight (a slack column, so that a month nobody can cover still
 * gets a roster); each specialist above the minimum costs the over weight.
 */
#include "rule.h"

#include <stdlib.h>

/* The cost of unit u with n specialists. */
static long unit_cost(const struct unit *un, int n)
{
    if (n < un->min_staff)
        return (long)(un->min_staff - n) * un->under;
    if (n > un->min_staff && un->over > 0)
        return (long)(n - un->min_staff) * un->over;
    return 0;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    size_t ns = r->ns;
    for (size_t u = 0; u < r->nunits; u++) {
        int n = 0;
        for (size_t s = 0; s < ns; s++)
            n += x[u * ns + s];
        const struct unit *un = &r->units[u];
        if (n < un->min_staff)
            soft->shortfall += (un->min_staff - n) * (int)un->nocc;
        else if (n > un->min_staff && un->over > 0)
            soft->overstaffed += (n - un->min_staff) * (int)un->nocc;
        soft->cover += unit_cost(un, n);
    }
}

static long local(const struct move *mv)
{
    long c = 0;
    for (int i = 0; i < mv->nunits; i++)
        c += unit_cost(&mv->st->r->units[mv->units[i]], mv->st->assigned[mv->units[i]]);
    return c;
}

/* short[u] >= min - sum x (a slack at the shortfall weight), sum x <= max,
 * and over[u] >= sum x - min at the over weight. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    char day[11];
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        const char *act = r->dept->activities[un->activity].id;
        model_day_name(r->cal->occ[un->occ[0]].day, day);
        if (un->min_staff > 0)
            m->short_col[u] = model_col(b, GLP_IV, GLP_DB, 0, un->min_staff, (double)un->under,
                                        NAME(b, "short_%s_%s", act, day));
        int candidates = 0;
        for (size_t s = 0; s < ns; s++)
            if (m->xcol[u * ns + s]) {
                model_add(b, m->xcol[u * ns + s], 1);
                candidates++;
            }
        if (m->short_col[u])
            model_add(b, m->short_col[u], 1);
        if (un->min_staff > 0)
            model_emit(b, &b->row, GLP_LO, un->min_staff, 0, NAME(b, "cover_%s_%s", act, day));
        b->row.n = 0;
        int most = candidates < un->max_staff ? candidates : un->max_staff;
        if (un->over > 0 && most > un->min_staff) {
            /* Specialists above the minimum, each at the unit's over weight. */
            for (size_t s = 0; s < ns; s++)
                if (m->xcol[u * ns + s])
                    model_add(b, m->xcol[u * ns + s], 1);
            m->over_col[u] = model_col(b, GLP_IV, GLP_DB, 0, most - un->min_staff, un->over,
                                       NAME(b, "over_%s_%s", act, day));
            model_add(b, m->over_col[u], -1);
            model_emit(b, &b->row, GLP_UP, 0, un->min_staff, NAME(b, "overlink_%s_%s", act, day));
        }
        if (candidates > un->max_staff) {
            for (size_t s = 0; s < ns; s++)
                if (m->xcol[u * ns + s])
                    model_add(b, m->xcol[u * ns + s], 1);
            model_emit(b, &b->row, GLP_UP, 0, un->max_staff, NAME(b, "max_%s_%s", act, day));
        }
    }
}

/* Pricing: a unit with s its only candidate has its coverage rows in s's
 * own: a place left open costs unless s takes it, and s above the least
 * costs as over.  Per such unit, what taking it adds; the open places'
 * cost at the end. */
struct cover_dp {
    long *take; /* per unit */
    unsigned char *never;
    long open;
};

static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct model *m = p->m;
    size_t ns = r->ns, s = (size_t)p->s;
    struct cover_dp *c = calloc(1, sizeof(*c));
    if (!c)
        return -1;
    p->data = c;
    c->take = calloc(nz(r->nunits), sizeof(long));
    c->never = calloc(nz(r->nunits), 1);
    if (!c->take || !c->never)
        return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        if (!m->xcol[u * ns + s])
            continue;
        int candidates = 0;
        for (size_t t = 0; t < ns; t++)
            candidates += m->xcol[u * ns + t] != 0;
        if (candidates != 1)
            continue;
        const struct unit *un = &r->units[u];
        if (un->min_staff > 0) {
            c->open += (long)un->under * un->min_staff;
            c->take[u] -= un->under;
            p->active = true;
        } else if (m->over_col[u]) {
            c->take[u] += un->over;
            p->active = true;
        }
        if (un->max_staff < 1) {
            c->never[u] = 1;
            p->active = true;
        }
    }
    p->unit_cost = c->take;
    return 0;
}

static void dp_close(struct dp_part *p)
{
    struct cover_dp *c = p->data;
    if (c) {
        free(c->take);
        free(c->never);
    }
    free(c);
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)state;
    const struct cover_dp *c = p->data;
    (void)cost;
    for (int i = 0; i < step->nunits; i++)
        if (c->never[step->units[i]])
            return false;
    return true;
}

static bool dp_end(const struct dp_part *p, const int *state, long *cost)
{
    (void)state;
    *cost += ((const struct cover_dp *)p->data)->open;
    return true;
}

const struct rule rule_cover = {
    .id = "H1",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_close = dp_close,
    .dp_day = dp_day,
    .dp_end = dp_end,
};

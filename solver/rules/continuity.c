/*
 * continuity.c - S1, series continuity: a series is one `continuity:
 * series` activity on one weekday; each specialist serving it beyond its
 * minimum staffing costs the continuity weight.
 */
#include "rule.h"

#include <stdlib.h>

#include <string.h>

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    unsigned char *seen = r->seen;
    memset(seen, 0, cal->nseries * ns);
    for (size_t o = 0; o < cal->nocc; o++) {
        if (occ_activity(r, o)->continuity != OR_CONTINUITY_SERIES)
            continue;
        size_t u = r->unit_of[o];
        for (size_t s = 0; s < ns; s++)
            if (x[u * ns + s])
                seen[(size_t)cal->occ[o].series * ns + s] = 1;
    }
    for (size_t q = 0; q < cal->nseries; q++) {
        const struct or_activity *a = &r->dept->activities[cal->series[q].activity];
        if (a->continuity != OR_CONTINUITY_SERIES)
            continue;
        int distinct = 0;
        for (size_t s = 0; s < ns; s++)
            distinct += seen[q * ns + s];
        soft->continuity += distinct - a->min_staff;
    }
}

/* The series the move touches, each served by the specialists involved or not. */
static long local(const struct move *mv)
{
    size_t ns = mv->st->r->ns;
    if (mv->st->r->dept->weights.continuity == 0)
        return 0;
    long c = 0;
    for (int k = 0; k < mv->nspec; k++)
        for (int i = 0; i < mv->nseries; i++)
            c += mv->st->series_held[(size_t)mv->series[i] * ns + (size_t)mv->spec[k]] > 0;
    return (long)mv->st->r->dept->weights.continuity * c;
}

/* S1: y[series,s] >= x[u,s] for every unit of a series-continuous series. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    int *ycol = calloc(nz(cal->nseries * ns), sizeof(int));
    if (!ycol) {
        b->nomem = true;
        return;
    }
    double offset = 0;
    for (size_t q = 0; q < cal->nseries; q++) {
        const struct or_activity *a = &r->dept->activities[cal->series[q].activity];
        if (a->continuity == OR_CONTINUITY_SERIES)
            offset -= (double)r->dept->weights.continuity * a->min_staff;
    }
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_activity *a = &r->dept->activities[cal->occ[o].activity];
        if (a->continuity != OR_CONTINUITY_SERIES)
            continue;
        size_t q = (size_t)cal->occ[o].series;
        size_t u = r->unit_of[o];
        for (size_t s = 0; s < ns; s++) {
            int x = m->xcol[u * ns + s];
            if (!x)
                continue;
            int *y = &ycol[q * ns + s];
            if (!*y)
                *y = model_col(b, GLP_BV, GLP_DB, 0, 1, r->dept->weights.continuity,
                               NAME(b, "serves_%s_%s_%s", a->id,
                                    or_weekday_name(cal->series[q].weekday), model_spec_id(r, s)));
            model_add(b, x, 1);
            model_add(b, *y, -1);
            model_emit(b, &b->row, GLP_UP, 0, 0, NAME(b, "series_%s_%zu", model_spec_id(r, s), o));
        }
    }
    model_cost(b, 0, offset);
    free(ycol);
}

/* Pricing: the series s serves so far, a bit each; a series first served
 * costs the continuity weight. */
struct continuity_dp {
    int *bit; /* per series: s's bit, or -1 */
};

static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, s = (size_t)p->s;
    if (r->dept->weights.continuity == 0)
        return 0;
    struct continuity_dp *c = malloc(sizeof(*c));
    int *bit = malloc(nz(cal->nseries) * sizeof(int));
    if (!c || !bit) {
        free(c);
        free(bit);
        return -1;
    }
    c->bit = bit;
    p->data = c;
    int n = 0;
    for (size_t q = 0; q < cal->nseries; q++)
        bit[q] = -1;
    for (size_t o = 0; o < cal->nocc; o++) {
        size_t q = (size_t)cal->occ[o].series;
        if (occ_activity(r, o)->continuity == OR_CONTINUITY_SERIES && bit[q] < 0 &&
            p->m->xcol[r->unit_of[o] * ns + s])
            bit[q] = n++;
    }
    if (n > 32 * DP_PART_MAX)
        return 1;
    p->active = n > 0;
    p->width = (n + 31) / 32;
    for (int k = 0; k < p->width; k++) {
        p->kind[k] = DP_BITS;
        p->slope[k] = r->dept->weights.continuity; /* a series not served yet may cost */
    }
    return 0;
}

static void dp_close(struct dp_part *p)
{
    struct continuity_dp *c = p->data;
    if (c)
        free(c->bit);
    free(c);
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    const struct rules *r = p->r;
    const struct continuity_dp *c = p->data;
    for (int i = 0; i < step->nocc; i++) {
        size_t o = step->occ[i];
        if (occ_activity(r, o)->continuity != OR_CONTINUITY_SERIES)
            continue;
        int b = c->bit[r->cal->occ[o].series];
        unsigned mask = 1u << (b % 32), *word = (unsigned *)&state[b / 32];
        if (!(*word & mask)) {
            *word |= mask;
            *cost += r->dept->weights.continuity;
        }
    }
    return true;
}

const struct rule rule_continuity = {
    .id = "S1",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_close = dp_close,
    .dp_day = dp_day,
};

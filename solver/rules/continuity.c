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
                *y = model_col(m->lp, GLP_BV, GLP_DB, 0, 1, r->dept->weights.continuity,
                               NAME(b, "serves_%s_%s_%s", a->id,
                                    or_weekday_name(cal->series[q].weekday), model_spec_id(r, s)));
            model_add(b, x, 1);
            model_add(b, *y, -1);
            model_emit(m->lp, &b->row, GLP_UP, 0, 0,
                       NAME(b, "series_%s_%zu", model_spec_id(r, s), o));
        }
    }
    glp_set_obj_coef(m->lp, 0, glp_get_obj_coef(m->lp, 0) + offset);
    free(ycol);
}

const struct rule rule_continuity = {
    .id = "S1",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
};

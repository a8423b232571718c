/*
 * campus_move.c - S5, campus stability: each (specialist, day, campus)
 * where the specialist works on that campus after working another campus
 * the day before costs the campus-changes weight.
 */
#include "rule.h"

#include <stdlib.h>

#include <string.h>

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nc = r->dept->ncampuses, nd = (size_t)r->ndays;
    unsigned char *at = r->at;
    for (size_t s = 0; s < ns; s++) {
        memset(at, 0, nd * nc);
        for (size_t o = 0; o < cal->nocc; o++)
            if (x[r->unit_of[o] * ns + s])
                at[(size_t)(cal->occ[o].day - cal->first) * nc +
                   (size_t)occ_activity(r, o)->campus.index] = 1;
        for (size_t day = 1; day < nd; day++)
            for (size_t c = 0; c < nc; c++) {
                if (!at[day * nc + c])
                    continue;
                bool elsewhere = false;
                for (size_t c2 = 0; c2 < nc; c2++)
                    elsewhere = elsewhere || (c2 != c && at[(day - 1) * nc + c2]);
                soft->campus_changes += elsewhere;
            }
    }
}

/* S5 on day e for s: campuses worked on e after another one on e - 1. */
static long changes_on(const struct move *mv, int s, size_t e)
{
    size_t nd = (size_t)mv->st->r->ndays, nc = mv->st->r->dept->ncampuses;
    if (e == 0 || e >= nd)
        return 0;
    const int *today = &mv->st->at[((size_t)s * nd + e) * nc];
    const int *before = today - nc;
    int worked_before = 0;
    for (size_t c = 0; c < nc; c++)
        worked_before += before[c] > 0;
    long n = 0;
    for (size_t c = 0; c < nc; c++)
        if (today[c] > 0 && worked_before - (before[c] > 0) > 0)
            n++;
    return n;
}

static long local(const struct move *mv)
{
    int weight = mv->st->r->dept->weights.campus_changes;
    if (weight == 0 || mv->st->r->dept->ncampuses < 2)
        return 0; /* nothing to price: the common case of one campus */
    long c = 0;
    for (int k = 0; k < mv->nspec; k++)
        for (int i = 0; i < mv->ndays; i++)
            c += changes_on(mv, mv->spec[k], (size_t)mv->days[i]);
    return (long)weight * c;
}

/* S5: at[s,d,c] >= x for sessions of s on campus c starting on day d;
 * change[s,d,c] >= at[s,d,c] + at[s,d-1,c'] - 1 for each c' != c. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nd = (size_t)r->ndays, nc = r->dept->ncampuses;
    if (r->dept->weights.campus_changes == 0 || nc < 2)
        return;
    int *at = calloc(nd * nc, sizeof(int));
    if (!at) {
        b->nomem = true;
        return;
    }
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        /* Only for specialists who could work on two campuses. */
        bool *could = calloc(nc, sizeof(bool));
        if (!could) {
            b->nomem = true;
            break;
        }
        int ncould = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s] && !could[r->units[u].campus]) {
                could[r->units[u].campus] = true;
                ncould++;
            }
        free(could);
        if (ncould < 2)
            continue;
        memset(at, 0, nd * nc * sizeof(int));
        for (size_t o = 0; o < cal->nocc; o++) {
            int x = m->xcol[r->unit_of[o] * ns + s];
            if (!x)
                continue;
            size_t d = (size_t)(cal->occ[o].day - cal->first);
            size_t c = (size_t)r->dept->activities[cal->occ[o].activity].campus.index;
            if (!at[d * nc + c])
                at[d * nc + c] = model_col(
                    b, GLP_CV, GLP_DB, 0, 1, 0,
                    NAME(b, "at_%s_%zu_%s", model_spec_id(r, s), d, r->dept->campuses[c].id));
        }
        for (size_t d = 0; d < nd; d++)
            for (size_t c = 0; c < nc; c++)
                if (at[d * nc + c])
                    model_link_day(b, s, d, (int)c, at[d * nc + c], "atlink");
        for (size_t d = 1; d < nd; d++)
            for (size_t c = 0; c < nc; c++) {
                if (!at[d * nc + c])
                    continue;
                bool before = false;
                for (size_t c2 = 0; c2 < nc; c2++)
                    before = before || (c2 != c && at[(d - 1) * nc + c2]);
                if (!before)
                    continue;
                int change = model_col(
                    b, GLP_CV, GLP_LO, 0, 0, r->dept->weights.campus_changes,
                    NAME(b, "move_%s_%zu_%s", model_spec_id(r, s), d, r->dept->campuses[c].id));
                /* One row per campus of the day before: a sum over them
                 * would count two campuses worked the day before as two
                 * changes, where S5 counts one. */
                for (size_t c2 = 0; c2 < nc; c2++) {
                    if (c2 == c || !at[(d - 1) * nc + c2])
                        continue;
                    model_add(b, change, 1);
                    model_add(b, at[d * nc + c], -1);
                    model_add(b, at[(d - 1) * nc + c2], -1);
                    model_emit(b, &b->row, GLP_LO, -1, 0,
                               NAME(b, "movelink_%s_%zu_%zu_%zu", model_spec_id(r, s), d, c, c2));
                }
            }
    }
    free(at);
}

/* Pricing: the campuses worked the day before, a bit each. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    size_t ns = r->ns, s = (size_t)p->s, nc = r->dept->ncampuses;
    if (r->dept->weights.campus_changes == 0 || nc < 2)
        return 0;
    if (nc > 31)
        return 1;
    unsigned could = 0;
    for (size_t u = 0; u < r->nunits; u++)
        if (p->m->xcol[u * ns + s])
            could |= 1u << r->units[u].campus;
    p->active = (could & (could - 1)) != 0; /* two campuses or more */
    p->width = 1;
    p->kind[0] = DP_SAME;
    return 0;
}

/* Each campus worked today, after another the day before, is a change. */
static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    const struct or_department *d = p->r->dept;
    unsigned today = 0, before = (unsigned)state[0];
    for (int i = 0; i < step->nocc; i++)
        today |= 1u << occ_activity(p->r, step->occ[i])->campus.index;
    for (unsigned c = 0; c < 31; c++)
        if ((today >> c & 1u) && (before & ~(1u << c)))
            *cost += d->weights.campus_changes;
    state[0] = (int)today;
    return true;
}

const struct rule rule_campus_move = {
    .id = "S5",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_day = dp_day,
};

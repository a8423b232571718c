/*
 * campus_move.c - S5, campus stability: each (specialist, day, campus)
 * where the specialist works on that campus after working another campus
 * the day before costs the campus-changes weight.
 */
#include "rule.h"

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
    if (e == 0 || e >= mv->nd)
        return 0;
    const int *today = &mv->at[((size_t)s * mv->nd + e) * mv->nc];
    const int *before = today - mv->nc;
    int worked_before = 0;
    for (size_t c = 0; c < mv->nc; c++)
        worked_before += before[c] > 0;
    long n = 0;
    for (size_t c = 0; c < mv->nc; c++)
        if (today[c] > 0 && worked_before - (before[c] > 0) > 0)
            n++;
    return n;
}

static long local(const struct move *mv)
{
    long c = 0;
    for (int k = 0; k < mv->nspec; k++)
        for (int i = 0; i < mv->ndays; i++)
            c += changes_on(mv, mv->spec[k], (size_t)mv->days[i]);
    return (long)mv->st->r->dept->weights.campus_changes * c;
}

const struct rule rule_campus_move = {
    .id = "S5",
    .evaluate = evaluate,
    .local = local,
};

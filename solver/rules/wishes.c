/*
 * wishes.c - S4, wishes: each assignment costs the weights of the
 * specialist's `avoid` wishes it matches, less those of the `prefer` ones
 * (r->wish_cost, prepared here; at the preferences weight).
 */
#include "rule.h"

#include <stdlib.h>

static bool wish_matches(const struct rules *r, const struct or_wish *w, size_t o)
{
    const struct or_occurrence *occ = &r->cal->occ[o];
    const struct or_activity *a = occ_activity(r, o);
    if (w->campus.id && w->campus.index != a->campus.index)
        return false;
    if (w->activity.id && w->activity.index != occ->activity)
        return false;
    if (w->has_dates && (occ->day < w->from || occ->day > w->to))
        return false;
    unsigned any = 0;
    for (int d = 0; d < 7; d++)
        any |= w->days[d];
    if (!any)
        return true;
    unsigned halves = 0;
    int midday = r->dept->rules.midday;
    if (a->start < midday)
        halves |= OR_AM;
    if (a->end > midday)
        halves |= OR_PM;
    return (w->days[or_day_weekday(occ->day)] & halves) != 0;
}

/* The cost of each unit to each specialist who may take it. */
static int prepare(struct rules *r)
{
    size_t ns = r->ns;
    r->wish_cost = calloc(r->nunits * ns + 1, sizeof(int));
    if (!r->wish_cost)
        return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        for (size_t s = 0; s < ns; s++) {
            const struct or_specialist *sp = &r->dept->specialists[s];
            if (!r->can[u * ns + s] || sp->nwishes == 0)
                continue;
            int cost = 0;
            for (size_t i = 0; i < un->nocc; i++)
                for (size_t k = 0; k < sp->nwishes; k++)
                    if (wish_matches(r, &sp->wishes[k], un->occ[i]))
                        cost += sp->wishes[k].prefer ? -sp->wishes[k].weight : sp->wishes[k].weight;
            r->wish_cost[u * ns + s] = cost;
        }
    }
    return 0;
}

static void release(struct rules *r)
{
    free(r->wish_cost);
    r->wish_cost = NULL;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    for (size_t j = 0; j < r->nunits * r->ns; j++)
        if (x[j])
            soft->preferences += r->wish_cost[j];
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    long c = 0;
    for (int i = 0; i < mv->nunits; i++)
        for (int k = 0; k < mv->nspec; k++) {
            size_t j = mv->units[i] * r->ns + (size_t)mv->spec[k];
            if (mv->st->x[j])
                c += r->wish_cost[j];
        }
    return (long)r->dept->weights.preferences * c;
}

/* No rows: each assignment column carries its wish cost. */
static void rows(struct builder *b)
{
    const struct rules *r = b->r;
    for (size_t j = 0; j < r->nunits * r->ns; j++)
        if (b->m->xcol[j] && r->wish_cost[j])
            model_cost(b, b->m->xcol[j], (double)r->dept->weights.preferences * r->wish_cost[j]);
}

const struct rule rule_wishes = {
    .id = "S4",
    .prepare = prepare,
    .release = release,
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
};

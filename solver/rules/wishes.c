/*
 * wishes.c - S4, wishes: each assignment costs the weights of the
 * specialist's `avoid` wishes it matches, less those of the `prefer` ones
 * (r->wish_cost, at the preferences weight).
 */
#include "rule.h"

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
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
};

/*
 * changes.c - S6, minimal change when re-planning a published month: from
 * the re-plan date on, each (occurrence, specialist) published and dropped,
 * or added where it was not published, costs the changes weight
 * (r->keep and r->future, set by rules_set_previous).
 */
#include "rule.h"

/* Published and dropped, or added where not published. */
static int changed(const struct rules *r, size_t u, size_t j, bool x)
{
    return x ? r->future[u] - r->keep[j] : r->keep[j];
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    if (!r->keep)
        return;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < r->ns; s++)
            soft->changes += changed(r, u, u * r->ns + s, x[u * r->ns + s]);
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    if (!r->keep)
        return 0;
    long c = 0;
    for (int i = 0; i < mv->nunits; i++)
        for (int k = 0; k < mv->nspec; k++) {
            size_t u = mv->units[i], j = u * r->ns + (size_t)mv->spec[k];
            c += changed(r, u, j, mv->st->x[j]);
        }
    return (long)r->dept->weights.changes * c;
}

/* No rows: w * (keep * (1 - x) + (future - keep) * x) puts w * keep in the
 * constant and w * (future - 2 keep) on x. */
static void rows(struct builder *b)
{
    const struct rules *r = b->r;
    if (!r->keep)
        return;
    double w = r->dept->weights.changes, kept = 0;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < r->ns; s++) {
            size_t j = u * r->ns + s;
            kept += r->keep[j];
            if (b->m->xcol[j])
                model_cost(b, b->m->xcol[j], w * (r->future[u] - 2 * r->keep[j]));
        }
    model_cost(b, 0, w * kept);
}

const struct rule rule_changes = {
    .id = "S6",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_nothing, /* costs on the assignments */
};

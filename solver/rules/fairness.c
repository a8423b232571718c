/*
 * fairness.c - S2, fair duties: each specialist's on-call, weekend and
 * holiday duties against their fair band (a share by FTE of the duties
 * of those who may take them, with what each carries), each duty outside
 * it at the fairness weight.
 */
#include "rule.h"

static double by_fte(const struct rules *r, size_t s)
{
    return r->dept->specialists[s].fte;
}

static int prepare(struct rules *r)
{
    for (int k = 0; k < NDUTIES; k++)
        if (tables_bands(r, k, by_fte, 1) != 0)
            return -1;
    return 0;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        int count[NDUTIES] = {0};
        for (size_t o = 0; o < cal->nocc; o++)
            if (x[r->unit_of[o] * ns + s])
                for (int k = 0; k < NDUTIES; k++)
                    count[k] += rules_duty_count(r, o, (enum duty)k);
        for (int k = 0; k < NDUTIES; k++)
            soft->fairness += band_distance(count[k], &r->bands[s * (NDUTIES + 1) + (size_t)k]);
    }
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    if (r->dept->weights.fairness == 0)
        return 0;
    long c = 0;
    for (int k = 0; k < mv->nspec; k++) {
        size_t s = (size_t)mv->spec[k];
        for (int d = 0; d < NDUTIES; d++)
            c += band_distance(mv->st->duties[s * NDUTIES + (size_t)d],
                               &r->bands[s * (NDUTIES + 1) + (size_t)d]);
    }
    return (long)r->dept->weights.fairness * c;
}

static void rows(struct builder *b)
{
    for (size_t s = 0; s < b->r->ns && !model_stopped(b); s++)
        for (int k = 0; k < NDUTIES; k++)
            model_band_rows(b, s, k, b->r->dept->weights.fairness);
}

/* Pricing: the duties of s so far, against their bands at the end. */
static int dp_open(struct dp_part *p)
{
    return dp_bands_open(p, 0, NDUTIES, p->r->dept->weights.fairness);
}

const struct rule rule_fairness = {
    .id = "S2",
    .prepare = prepare,
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_close = dp_counts_close,
    .dp_day = dp_counts_day,
    .dp_end = dp_counts_end,
};

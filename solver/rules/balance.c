/*
 * balance.c - S3, balanced load: each specialist's sessions against their
 * fair band (build_bands: a share by FTE and days not on leave), each
 * session outside it at the balance weight.
 */
#include "rule.h"

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        int sessions = 0;
        for (size_t o = 0; o < cal->nocc; o++)
            if (x[r->unit_of[o] * ns + s])
                sessions += occ_activity(r, o)->sessions;
        soft->balance += band_distance(sessions, &r->bands[s * (NDUTIES + 1) + NDUTIES]);
    }
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    if (r->dept->weights.balance == 0)
        return 0;
    long c = 0;
    for (int k = 0; k < mv->nspec; k++) {
        size_t s = (size_t)mv->spec[k];
        c += band_distance(mv->counts[s * (NDUTIES + 1) + NDUTIES],
                           &r->bands[s * (NDUTIES + 1) + NDUTIES]);
    }
    return (long)r->dept->weights.balance * c;
}

static void rows(struct builder *b)
{
    for (size_t s = 0; s < b->r->ns; s++)
        model_band_rows(b, s, NDUTIES, b->r->dept->weights.balance);
}

const struct rule rule_balance = {
    .id = "S3",
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
};

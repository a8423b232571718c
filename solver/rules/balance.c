/*
 * balance.c - S3, balanced load: each specialist's sessions against their
 * fair band (a share by FTE and days not on leave, in whole sessions), each
 * session outside it at the balance weight; a part of a session outside
 * counts as a whole one.
 */
#include "rule.h"

/* FTE times the fraction of the month's days with sessions on which leave
 * leaves s at least one of them. */
static double by_fte_available(const struct rules *r, size_t s)
{
    size_t ns = r->ns, days = 0, free_days = 0;
    for (or_day day = r->cal->first; day <= r->cal->last; day++) {
        bool any = false, usable = false;
        for (size_t o = 0; o < r->cal->nocc; o++) {
            if (r->cal->occ[o].day != day)
                continue;
            any = true;
            usable = usable || !(r->blocked[o * ns + s] & OR_WHY_LEAVE);
        }
        days += any;
        free_days += usable;
    }
    double avail = days ? (double)free_days / (double)days : 1;
    return r->dept->specialists[s].fte * avail;
}

static int prepare(struct rules *r)
{
    int g = r->dept->rules.session_units;
    return tables_bands(r, NDUTIES, by_fte_available, g > 1 ? g : 1);
}

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
        c += band_distance(mv->st->month_sessions[s], &r->bands[s * (NDUTIES + 1) + NDUTIES]);
    }
    return (long)r->dept->weights.balance * c;
}

static void rows(struct builder *b)
{
    for (size_t s = 0; s < b->r->ns && !model_stopped(b); s++)
        model_band_rows(b, s, NDUTIES, b->r->dept->weights.balance);
}

/* Pricing: the sessions of s so far, against their band at the end. */
static int dp_open(struct dp_part *p)
{
    return dp_bands_open(p, NDUTIES, NDUTIES + 1, p->r->dept->weights.balance);
}

const struct rule rule_balance = {
    .id = "S3",
    .prepare = prepare,
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_close = dp_counts_close,
    .dp_day = dp_counts_day,
    .dp_end = dp_counts_end,
};

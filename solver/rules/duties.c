/*
 * duties.c - S2 for the activities a department shares fairly (`fair:
 * true`, such as the ward): each specialist's assignments of each such
 * activity (a week block counts one) against their fair band, each one
 * outside it at the fairness weight, counted with S2's duties.  The band is
 * S2's: the activity's places this month and those carried over from the
 * months before shared among those who may take at least one, in
 * proportion to their FTE, less what each carries.
 */
#include "rule.h"

#include <math.h>
#include <stdlib.h>

struct fair_duties {
    int *acts; /* the activities shared fairly */
    size_t n;
    struct band *bands; /* ns x n */
    size_t *units;      /* the units of each, activity by activity */
    size_t *first;      /* n + 1: where each activity's units start in `units` */
};

/* Units of activity a carried over from the months before (cli/replan.c). */
static int carried(const struct or_specialist *sp, int a)
{
    return sp->carry_fair ? sp->carry_fair[a] : 0;
}

static int prepare(struct rules *r)
{
    const struct or_department *d = r->dept;
    size_t ns = r->ns, na = d->nactivities, n = 0;
    for (size_t a = 0; a < na; a++)
        n += d->activities[a].fair;
    if (n == 0)
        return 0;
    struct fair_duties *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    r->fair = f;
    f->acts = malloc(n * sizeof(int));
    f->bands = calloc(nz(ns * n), sizeof(struct band));
    f->units = malloc(nz(r->nunits) * sizeof(size_t));
    f->first = calloc(n + 1, sizeof(size_t));
    double *share = calloc(nz(ns), sizeof(double));
    if (!f->acts || !f->bands || !f->units || !f->first || !share) {
        free(share);
        return -1;
    }
    for (size_t a = 0; a < na; a++)
        if (d->activities[a].fair)
            f->acts[f->n++] = (int)a;
    size_t listed = 0;
    for (size_t k = 0; k < n; k++) {
        for (size_t u = 0; u < r->nunits; u++)
            if (r->units[u].activity == f->acts[k])
                f->units[listed++] = u;
        f->first[k + 1] = listed;
    }
    for (size_t k = 0; k < n; k++) {
        double total = 0, share_sum = 0;
        for (size_t s = 0; s < ns; s++)
            share[s] = 0;
        for (size_t i = f->first[k]; i < f->first[k + 1]; i++) {
            size_t u = f->units[i];
            total += r->units[u].min_staff;
            for (size_t s = 0; s < ns; s++)
                if (r->can[u * ns + s])
                    share[s] = d->specialists[s].fte;
        }
        double carry_sum = 0;
        for (size_t s = 0; s < ns; s++) {
            share_sum += share[s];
            carry_sum += share[s] > 0 ? carried(&d->specialists[s], f->acts[k]) : 0;
        }
        for (size_t s = 0; s < ns && share_sum > 0; s++) {
            if (share[s] == 0)
                continue;
            struct band *b = &f->bands[s * n + k];
            double t = (carry_sum + total) * share[s] / share_sum -
                       carried(&d->specialists[s], f->acts[k]);
            b->lo = t > 0 ? (int)floor(t + 1e-9) : 0;
            b->hi = t > 0 ? (int)ceil(t - 1e-9) : 0;
            b->active = true;
        }
    }
    free(share);
    return 0;
}

static void release(struct rules *r)
{
    if (!r->fair)
        return;
    free(r->fair->acts);
    free(r->fair->bands);
    free(r->fair->units);
    free(r->fair->first);
    free(r->fair);
    r->fair = NULL;
}

static void rows(struct builder *b)
{
    const struct rules *r = b->r;
    const struct fair_duties *f = r->fair;
    int weight = r->dept->weights.fairness;
    size_t ns = r->ns;
    for (size_t k = 0; f && weight && k < f->n && !model_stopped(b); k++)
        for (size_t s = 0; s < ns; s++) {
            if (model_stopped(b))
                break;
            const struct band *band = &f->bands[s * f->n + k];
            if (!band->active)
                continue;
            for (size_t i = f->first[k]; i < f->first[k + 1]; i++)
                if (b->m->xcol[f->units[i] * ns + s])
                    model_add(b, b->m->xcol[f->units[i] * ns + s], 1);
            char what[80];
            snprintf(what, sizeof(what), "duty_%s", r->dept->activities[f->acts[k]].id);
            model_band(b, band, weight, what, model_spec_id(r, s));
        }
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    const struct fair_duties *f = r->fair;
    size_t ns = r->ns;
    for (size_t k = 0; f && k < f->n; k++)
        for (size_t s = 0; s < ns; s++) {
            int held = 0;
            for (size_t i = f->first[k]; i < f->first[k + 1]; i++)
                held += x[f->units[i] * ns + s];
            soft->fairness += band_distance(held, &f->bands[s * f->n + k]);
        }
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    const struct fair_duties *f = r->fair;
    long c = 0;
    for (size_t k = 0; f && k < f->n; k++)
        for (int i = 0; i < mv->nspec; i++) {
            size_t s = (size_t)mv->spec[i];
            int held = mv->st->act_units[s * r->dept->nactivities + (size_t)f->acts[k]];
            c += band_distance(held, &f->bands[s * f->n + k]);
        }
    return (long)r->dept->weights.fairness * c;
}

/* Pricing: s's units of each activity shared fairly, against their
 * bands at the end. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct fair_duties *f = r->fair;
    size_t nu = r->nunits, ns = r->ns, s = (size_t)p->s;
    int weight = r->dept->weights.fairness, n = 0;
    size_t most = f && weight ? f->n : 0;
    int *per_unit = calloc(nz(most * nu), sizeof(int));
    const struct band **bands = calloc(nz(most), sizeof(*bands));
    if (!per_unit || !bands) {
        free(per_unit);
        free(bands);
        return -1;
    }
    for (size_t k = 0; k < most; k++) {
        const struct band *band = &f->bands[s * f->n + k];
        if (!band->active)
            continue;
        bool any = false; /* no rows for a count s cannot add to */
        for (size_t i = f->first[k]; i < f->first[k + 1]; i++)
            if (p->m->xcol[f->units[i] * ns + s]) {
                per_unit[(size_t)n * nu + f->units[i]] = 1;
                any = true;
            }
        if (any)
            bands[n++] = band;
    }
    return dp_counts_open(p, n, per_unit, bands, weight);
}

const struct rule rule_duties = {
    .id = "S2 fair activities",
    .prepare = prepare,
    .release = release,
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_close = dp_counts_close,
    .dp_day = dp_counts_day,
    .dp_end = dp_counts_end,
};

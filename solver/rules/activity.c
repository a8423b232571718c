/*
 * activity.c - H6 contracts, the most of one activity: a specialist holds
 * at most `max` occurrences of an activity their contract limits.
 */
#include "rule.h"

#include <stdio.h>
#include <stdlib.h>

/* Sum of occurrences x of a limited activity <= its most. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        for (size_t k = 0; k < sp->nlimits; k++) {
            int possible = 0;
            for (size_t u = 0; u < r->nunits; u++)
                if (m->xcol[u * ns + s] && r->units[u].activity == sp->limits[k].activity.index) {
                    model_add(b, m->xcol[u * ns + s], (double)r->units[u].nocc);
                    possible += (int)r->units[u].nocc;
                }
            if (possible > sp->limits[k].max)
                model_emit(b, &b->row, GLP_UP, 0, sp->limits[k].max,
                           NAME(b, "most_%s_%s", sp->id, sp->limits[k].activity.id));
            b->row.n = 0;
        }
    }
}

static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    const struct unit *un = &r->units[u];
    int held = st->act_count[(size_t)s * r->dept->nactivities + (size_t)un->activity];
    for (size_t k = 0; k < sp->nlimits; k++)
        if (sp->limits[k].activity.index == un->activity &&
            held + (int)un->nocc > sp->limits[k].max) {
            if (buf)
                snprintf(
                    buf, n,
                    or_say(r->dept,
                           OR_PHRASE("already holds %d of %s this month (at most %d)",
                                     "heeft deze maand al %d keer %s (hoogstens %d)",
                                     "a d\xc3\xa9j\xc3\xa0 %d fois %s ce mois-ci (au plus %d)")),
                    held, r->dept->activities[un->activity].name, sp->limits[k].max);
            return OR_WHY_MONTH_MAX;
        }
    return 0;
}

static unsigned why_not(const struct state *st, size_t u, int s)
{
    return explain(st, u, s, NULL, 0);
}

/* Pricing: per limit of s, the occurrences of its activity so far. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct or_specialist *sp = &r->dept->specialists[p->s];
    int *limit = malloc(nz(sp->nlimits) * sizeof(int)); /* per int of state: the limit */
    if (!limit)
        return -1;
    p->data = limit;
    for (size_t k = 0; k < sp->nlimits; k++) {
        int possible = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (p->m->xcol[u * r->ns + (size_t)p->s] &&
                r->units[u].activity == sp->limits[k].activity.index)
                possible += (int)r->units[u].nocc;
        if (possible <= sp->limits[k].max)
            continue; /* no row */
        if (p->width == DP_PART_MAX)
            return 1;
        limit[p->width] = (int)k;
        p->kind[p->width++] = DP_LESS;
    }
    p->active = p->width > 0;
    return 0;
}

static void dp_close(struct dp_part *p)
{
    free(p->data);
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    const struct or_specialist *sp = &r->dept->specialists[p->s];
    for (int i = 0; i < step->nunits; i++) {
        const struct unit *un = &r->units[step->units[i]];
        for (int k = 0; k < p->width; k++) {
            const struct or_limit *l = &sp->limits[((const int *)p->data)[k]];
            if (un->activity == l->activity.index && (state[k] += (int)un->nocc) > l->max)
                return false;
        }
    }
    return true;
}

const struct rule rule_activity = {
    .id = "H6 activity",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .dp_open = dp_open,
    .dp_close = dp_close,
    .dp_day = dp_day,
};

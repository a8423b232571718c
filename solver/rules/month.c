/*
 * month.c - H6 month: a specialist's sessions in the month stay within
 * their monthly maximum.
 */
#include "rule.h"

#include <stdio.h>

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct or_specialist *sp = &st->r->dept->specialists[s];
    if (sp->max_month >= 0 && st->month_sessions[s] + st->r->units[u].sessions > sp->max_month)
        return OR_WHY_MONTH_MAX;
    return 0;
}

/* Sum of sessions x over the month <= max_month. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        if (sp->max_month < 0)
            continue;
        int possible = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s]) {
                model_add(b, m->xcol[u * ns + s], r->units[u].sessions);
                possible += r->units[u].sessions;
            }
        if (possible > sp->max_month)
            model_emit(b, &b->row, GLP_UP, 0, sp->max_month, NAME(b, "month_%s", sp->id));
        b->row.n = 0;
    }
}

static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    unsigned why = why_not(st, u, s);
    if (why)
        snprintf(
            buf, n,
            or_say(
                st->r->dept,
                OR_PHRASE(
                    "already works %g sessions this month (at most %g)",
                    "werkt deze maand al %g sessies (hoogstens %g)",
                    "travaille d\xc3\xa9j\xc3\xa0 %g s\xc3\xa9\x61nces ce mois-ci (au plus %g)")),
            or_sessions(st->r->dept, st->month_sessions[s]),
            or_sessions(st->r->dept, st->r->dept->specialists[s].max_month));
    return why;
}

/* Pricing: the sessions so far. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    int possible = 0;
    for (size_t u = 0; u < r->nunits; u++)
        if (p->m->xcol[u * r->ns + (size_t)p->s])
            possible += r->units[u].sessions;
    int most = r->dept->specialists[p->s].max_month;
    p->active = most >= 0 && possible > most; /* it has a row */
    p->width = 1;
    p->kind[0] = DP_LESS;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    for (int i = 0; i < step->nunits; i++)
        state[0] += p->r->units[step->units[i]].sessions;
    return state[0] <= p->r->dept->specialists[p->s].max_month;
}

const struct rule rule_month = {
    .id = "H6 month",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .dp_open = dp_open,
    .dp_day = dp_day,
};

/*
 * hours.c - H6 contracts, worked time: a specialist's worked minutes stay
 * below their maximum (hard); each hour below their minimum costs like a
 * place left unfilled (the shortfall weight).
 */
#include "rule.h"

#include <stdio.h>

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct or_specialist *sp = &st->r->dept->specialists[s];
    if (sp->max_minutes >= 0 && st->minutes[s] + st->r->units[u].minutes > sp->max_minutes)
        return OR_WHY_MONTH_MAX;
    return 0;
}

/* Whole hours below the minimum. */
static int hours_short(const struct or_specialist *sp, int worked)
{
    return sp->min_minutes > 0 && worked < sp->min_minutes ? (sp->min_minutes - worked + 59) / 60
                                                           : 0;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        const struct or_specialist *sp = &r->dept->specialists[s];
        if (sp->min_minutes <= 0)
            continue;
        int worked = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (x[u * ns + s])
                worked += r->units[u].minutes;
        soft->hours_short += hours_short(sp, worked);
    }
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    long c = 0;
    for (int k = 0; k < mv->nspec; k++) {
        int s = mv->spec[k];
        c += (long)r->dept->weights.shortfall *
             hours_short(&r->dept->specialists[s], mv->st->minutes[s]);
    }
    return c;
}

/* Sum of minutes x <= max, and sum of minutes x + 60 hoursshort >= min
 * with hoursshort at the shortfall weight. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        if (sp->min_minutes <= 0 && sp->max_minutes < 0)
            continue;
        int possible = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s]) {
                model_add(b, m->xcol[u * ns + s], r->units[u].minutes);
                possible += r->units[u].minutes;
            }
        if (sp->max_minutes >= 0 && possible > sp->max_minutes) {
            struct row copy = {0};
            for (int i = 1; i <= b->row.n; i++)
                if (row_add(&copy, b->row.ind[i], b->row.val[i]) != 0)
                    b->nomem = true;
            model_emit(b, &copy, GLP_UP, 0, sp->max_minutes, NAME(b, "maxtime_%s", sp->id));
            row_free(&copy);
        }
        if (sp->min_minutes > 0) {
            int hours = (sp->min_minutes + 59) / 60;
            m->hours_col[s] = model_col(b, GLP_IV, GLP_DB, 0, hours, r->dept->weights.shortfall,
                                        NAME(b, "hoursshort_%s", sp->id));
            model_add(b, m->hours_col[s], 60);
            model_emit(b, &b->row, GLP_LO, sp->min_minutes, 0, NAME(b, "mintime_%s", sp->id));
        }
        b->row.n = 0;
    }
}

static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    unsigned why = why_not(st, u, s);
    if (why) {
        int would = st->minutes[s] + st->r->units[u].minutes;
        int max = st->r->dept->specialists[s].max_minutes;
        snprintf(buf, n,
                 or_say(st->r->dept,
                        OR_PHRASE("would work %d h %02d this month (at most %d h %02d)",
                                  "zou deze maand %d u %02d werken (hoogstens %d u %02d)",
                                  "travaillerait %d h %02d ce mois-ci (au plus %d h %02d)")),
                 would / 60, would % 60, max / 60, max % 60);
    }
    return why;
}

/* Pricing: the worked time so far (up to the least, where only that
 * counts). */
static int dp_open(struct dp_part *p)
{
    const struct or_specialist *sp = &p->r->dept->specialists[p->s];
    int possible = 0;
    for (size_t u = 0; u < p->r->nunits; u++)
        if (p->m->xcol[u * p->r->ns + (size_t)p->s])
            possible += p->r->units[u].minutes;
    bool most = sp->max_minutes >= 0 && possible > sp->max_minutes; /* a row */
    p->active = sp->min_minutes > 0 || most;
    p->width = 1;
    p->kind[0] = most ? DP_LESS : DP_MORE;
    /* Under a most, less worked time may cost hours short of the least. */
    p->slope[0] = sp->min_minutes > 0 ? p->r->dept->weights.shortfall : 0;
    p->per[0] = 60;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    const struct or_specialist *sp = &r->dept->specialists[p->s];
    for (int i = 0; i < step->nunits; i++)
        state[0] += r->units[step->units[i]].minutes;
    if (p->kind[0] == DP_MORE && state[0] > sp->min_minutes)
        state[0] = sp->min_minutes; /* past the least, more is alike */
    return p->kind[0] == DP_MORE || state[0] <= sp->max_minutes;
}

/* Each hour short of the least at the shortfall weight. */
static bool dp_end(const struct dp_part *p, const int *state, long *cost)
{
    const struct or_department *d = p->r->dept;
    int least = d->specialists[p->s].min_minutes;
    if (least > 0 && state[0] < least)
        *cost += (long)d->weights.shortfall * ((least - state[0] + 59) / 60);
    return true;
}

const struct rule rule_hours = {
    .id = "H6 hours",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .evaluate = evaluate,
    .local = local,
    .dp_open = dp_open,
    .dp_day = dp_day,
    .dp_end = dp_end,
};

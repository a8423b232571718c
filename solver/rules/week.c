/*
 * week.c - H6 week: a specialist's sessions in each calendar week stay
 * within their weekly maximum.
 */
#include "rule.h"

#include <stdlib.h>

#include <stdio.h>

/* Sum of sessions x in each calendar week <= max_week. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        for (size_t w = 0; w < cal->nweeks; w++) {
            int possible = 0;
            for (size_t o = 0; o < cal->nocc; o++) {
                if (cal->occ[o].week != (int)w || !m->xcol[r->unit_of[o] * ns + s])
                    continue;
                int sess = occ_activity(r, o)->sessions;
                model_add(b, m->xcol[r->unit_of[o] * ns + s], sess);
                possible += sess;
            }
            if (possible > sp->max_week)
                model_emit(b, &b->row, GLP_UP, 0, sp->max_week, NAME(b, "week_%s_%zu", sp->id, w));
            b->row.n = 0;
        }
    }
}

/* Per week of the unit's occurrences (a unit spans a few at most, so no
 * allocation, which the local search would pay on every move); words into
 * buf when it is not NULL. */
static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_calendar *cal = r->cal;
    const struct unit *un = &r->units[u];
    int max = r->dept->specialists[s].max_week;
    for (size_t i = 0; i < un->nocc; i++) {
        int week = cal->occ[un->occ[i]].week, add = 0;
        for (size_t j = 0; j < un->nocc; j++)
            if (cal->occ[un->occ[j]].week == week)
                add += occ_activity(r, un->occ[j])->sessions;
        int held = st->week_sessions[(size_t)s * cal->nweeks + (size_t)week];
        if (add > 0 && held + add > max) {
            char day[11];
            if (buf)
                snprintf(
                    buf, n,
                    or_say(r->dept,
                           OR_PHRASE("already works %g sessions in the week of %s (at most %g)",
                                     "werkt al %g sessies in de week van %s (hoogstens %g)",
                                     "travaille d\xc3\xa9j\xc3\xa0 %g s\xc3\xa9\x61nces la semaine "
                                     "du %s (au plus %g)")),
                    or_sessions(r->dept, held), or_day_format(cal->weeks[week].monday, day),
                    or_sessions(r->dept, max));
            return OR_WHY_WEEK_MAX;
        }
    }
    return 0;
}

static unsigned why_not(const struct state *st, size_t u, int s)
{
    return explain(st, u, s, NULL, 0);
}

/* Pricing: the sessions of the current week. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, s = (size_t)p->s;
    int *possible = calloc(nz(cal->nweeks), sizeof(int));
    if (!possible)
        return -1;
    for (size_t o = 0; o < cal->nocc; o++)
        if (p->m->xcol[r->unit_of[o] * ns + s])
            possible[cal->occ[o].week] += occ_activity(r, o)->sessions;
    for (size_t w = 0; w < cal->nweeks; w++) /* a week with a row */
        p->active = p->active || possible[w] > r->dept->specialists[s].max_week;
    free(possible);
    p->width = 1;
    p->kind[0] = DP_LESS;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    if (step->new_week)
        state[0] = 0;
    for (int i = 0; i < step->nocc; i++)
        state[0] += occ_activity(r, step->occ[i])->sessions;
    return state[0] <= r->dept->specialists[p->s].max_week;
}

const struct rule rule_week = {
    .id = "H6 week",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .dp_open = dp_open,
    .dp_day = dp_day,
};

/*
 * weekends.c - H6 contracts, the most weekends: a specialist works on at
 * most `max_weekends` weekends (a weekend is worked when a session starts
 * on its Saturday or Sunday).
 */
#include "rule.h"

#include <stdio.h>

/* The weekends s would work with unit u: those worked now, plus those of
 * its Saturday or Sunday not worked yet. */
static int weekends_with(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    int nd = r->ndays, more = 0, counted[7];
    const unsigned char *w = &st->works[(size_t)s * (size_t)nd];
    const struct unit *un = &r->units[u];
    for (size_t i = 0; i < un->nocc && i < 7; i++) {
        const struct or_occurrence *occ = &r->cal->occ[un->occ[i]];
        if (!occ->weekend)
            continue;
        long sat = (long)(r->cal->weeks[occ->week].monday + 5 - r->cal->first);
        bool worked =
            (sat >= 0 && sat < nd && w[sat]) || (sat + 1 >= 0 && sat + 1 < nd && w[sat + 1]);
        bool seen = false;
        for (int k = 0; k < more; k++)
            seen = seen || counted[k] == occ->week;
        if (!worked && !seen)
            counted[more++] = occ->week;
    }
    return st->weekends[s] + more;
}

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct or_specialist *sp = &st->r->dept->specialists[s];
    if (sp->max_weekends >= 0 && weekends_with(st, u, s) > sp->max_weekends)
        return OR_WHY_WEEKENDS;
    return 0;
}

/* weekend[s,w] >= x for the sessions of its Saturday and Sunday (clique
 * rows per moment), and sum of weekend[s,w] <= max_weekends. */
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
        if (sp->max_weekends < 0)
            continue;
        int nweekends = 0;
        for (size_t w = 0; w < cal->nweeks; w++) {
            int col = 0;
            for (int k = 5; k < 7; k++) {
                long d = (long)(cal->weeks[w].monday + k - cal->first);
                if (d < 0 || d >= r->ndays)
                    continue;
                bool any = false;
                for (size_t o = b->day_begin[d]; o < b->day_begin[d + 1] && !any; o++)
                    any = m->xcol[r->unit_of[o] * ns + s] != 0;
                if (!any)
                    continue;
                if (!col)
                    col =
                        model_col(b, GLP_BV, GLP_DB, 0, 1, 0, NAME(b, "weekend_%s_%zu", sp->id, w));
                model_link_day(b, s, (size_t)d, -1, col, "weekendlink");
            }
            if (col)
                b->scratch_cols[nweekends++] = col;
        }
        if (nweekends > sp->max_weekends) {
            for (int i = 0; i < nweekends; i++)
                model_add(b, b->scratch_cols[i], 1);
            model_emit(b, &b->row, GLP_UP, 0, sp->max_weekends, NAME(b, "weekends_%s", sp->id));
        }
        b->row.n = 0;
    }
}

static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    unsigned why = why_not(st, u, s);
    if (why)
        snprintf(
            buf, n,
            or_say(st->r->dept, OR_PHRASE("would work %d weekends this month (at most %d)",
                                          "zou deze maand %d weekends werken (hoogstens %d)",
                                          "travaillerait %d week-ends ce mois-ci (au plus %d)")),
            weekends_with(st, u, s), st->r->dept->specialists[s].max_weekends);
    return why;
}

/* Pricing: weekends worked so far, and whether this week's counts. */
static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    int most = r->dept->specialists[p->s].max_weekends, weeks = 0, last = -1;
    for (size_t o = 0; o < cal->nocc; o++)
        if (cal->occ[o].week != last && or_day_weekday(cal->occ[o].day) >= 5 &&
            p->m->xcol[r->unit_of[o] * r->ns + (size_t)p->s]) {
            last = cal->occ[o].week;
            weeks++;
        }
    p->active = most >= 0 && weeks > most; /* it has a row */
    p->width = 2;
    p->kind[0] = DP_LESS;
    p->kind[1] = DP_SAME;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    if (step->new_week)
        state[1] = 0;
    if (step->nocc == 0 || state[1] || or_day_weekday(r->cal->first + step->day) < 5)
        return true;
    state[1] = 1;
    return ++state[0] <= r->dept->specialists[p->s].max_weekends;
}

const struct rule rule_weekends = {
    .id = "H6 weekends",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .dp_open = dp_open,
    .dp_day = dp_day,
};

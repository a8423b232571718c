/*
 * split.c - H7, the campus split: a specialist's sessions on a campus stay
 * within their share of all their sessions (`split:`).  A share is a
 * property of the whole month, not of one move: the constructive roster
 * repairs it at the end, and the local search checks it after each move.
 */
#include "rule.h"

#include <stdio.h>

bool rules_split_check(const struct state *st, int s, int *bad_campus, bool *too_many)
{
    const struct or_specialist *sp = &st->r->dept->specialists[s];
    size_t nc = st->r->dept->ncampuses;
    int total = st->month_sessions[s];
    for (size_t k = 0; k < sp->nsplit; k++) {
        int c = sp->split[k].campus.index;
        int here = st->campus_sessions[(size_t)s * nc + (size_t)c];
        if (here * 100 > sp->split[k].max_pct * total) {
            *bad_campus = c;
            *too_many = true;
            return false;
        }
        if (here * 100 < sp->split[k].min_pct * total) {
            *bad_campus = c;
            *too_many = false;
            return false;
        }
    }
    return true;
}

bool state_split_ok(const struct state *st, int s)
{
    int campus;
    bool too_many;
    return rules_split_check(st, s, &campus, &too_many);
}

/* H7: 100 x sessions on campus c - pct x all sessions, within the range. */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        const struct or_specialist *sp = &r->dept->specialists[s];
        for (size_t k = 0; k < sp->nsplit; k++) {
            int c = sp->split[k].campus.index;
            for (int side = 0; side < 2; side++) {
                int pct = side == 0 ? sp->split[k].min_pct : sp->split[k].max_pct;
                if ((side == 0 && pct == 0) || (side == 1 && pct == 100))
                    continue;
                for (size_t u = 0; u < r->nunits; u++)
                    if (m->xcol[u * ns + s])
                        model_add(b, m->xcol[u * ns + s],
                                  (double)((r->units[u].campus == c ? 100 : 0) - pct) *
                                      r->units[u].sessions);
                if (side == 0)
                    model_emit(b, &b->row, GLP_LO, 0, 0,
                               NAME(b, "splitmin_%s_%s", sp->id, sp->split[k].campus.id));
                else
                    model_emit(b, &b->row, GLP_UP, 0, 0,
                               NAME(b, "splitmax_%s_%s", sp->id, sp->split[k].campus.id));
                b->row.n = 0;
            }
        }
    }
}

/* The split as it would stand with unit u: the constructive roster and
 * the local search check it on whole rosters (holds), this says which
 * campus's share one more unit would break. */
static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    const struct unit *un = &r->units[u];
    size_t nc = r->dept->ncampuses;
    int total = st->month_sessions[s] + un->sessions;
    for (size_t k = 0; k < sp->nsplit; k++) {
        int c = sp->split[k].campus.index;
        int here =
            st->campus_sessions[(size_t)s * nc + (size_t)c] + (un->campus == c ? un->sessions : 0);
        const char *campus = r->dept->campuses[c].name;
        if (here * 100 > sp->split[k].max_pct * total) {
            snprintf(
                buf, n,
                or_say(
                    r->dept,
                    OR_PHRASE("would work more than %d %% of their sessions at %s",
                              "zou meer dan %d %% van de sessies in %s werken",
                              "travaillerait plus de %d %% de ses s\xc3\xa9\x61nces \xc3\xa0 %s")),
                sp->split[k].max_pct, campus);
            return OR_WHY_SPLIT;
        }
        if (here * 100 < sp->split[k].min_pct * total) {
            snprintf(
                buf, n,
                or_say(
                    r->dept,
                    OR_PHRASE("would work less than %d %% of their sessions at %s",
                              "zou minder dan %d %% van de sessies in %s werken",
                              "travaillerait moins de %d %% de ses s\xc3\xa9\x61nces \xc3\xa0 %s")),
                sp->split[k].min_pct, campus);
            return OR_WHY_SPLIT;
        }
    }
    return 0;
}

/* Pricing: the sessions on each campus of s's split, and in all. */
static int dp_open(struct dp_part *p)
{
    const struct or_specialist *sp = &p->r->dept->specialists[p->s];
    if (sp->nsplit + 1 > DP_PART_MAX)
        return 1;
    p->active = sp->nsplit > 0;
    p->width = (int)sp->nsplit + 1;
    for (int k = 0; k < p->width; k++)
        p->kind[k] = DP_SAME;
    return 0;
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    const struct or_specialist *sp = &r->dept->specialists[p->s];
    for (int i = 0; i < step->nunits; i++) {
        const struct unit *un = &r->units[step->units[i]];
        for (size_t k = 0; k < sp->nsplit; k++)
            if (un->campus == sp->split[k].campus.index)
                state[k] += un->sessions;
        state[sp->nsplit] += un->sessions;
    }
    return true;
}

static bool dp_end(const struct dp_part *p, const int *state, long *cost)
{
    (void)cost;
    const struct or_specialist *sp = &p->r->dept->specialists[p->s];
    long all = state[sp->nsplit];
    for (size_t k = 0; k < sp->nsplit; k++) {
        long at = 100L * state[k];
        if (at < sp->split[k].min_pct * all || at > sp->split[k].max_pct * all)
            return false;
    }
    return true;
}

const struct rule rule_split = {
    .id = "H7",
    .rows = rows,
    .holds = state_split_ok,
    .explain = explain,
    .dp_open = dp_open,
    .dp_day = dp_day,
    .dp_end = dp_end,
};

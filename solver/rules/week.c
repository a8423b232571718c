/*
 * week.c - H6 week: a specialist's sessions in each calendar week stay
 * within their weekly maximum.
 */
#include "rule.h"

/* Per week of the unit's occurrences (a unit spans a few at most, so no
 * allocation, which the local search would pay on every move). */
static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_calendar *cal = r->cal;
    const struct unit *un = &r->units[u];
    int max = r->dept->specialists[s].max_week;
    size_t nw = cal->nweeks;
    for (size_t i = 0; i < un->nocc; i++) {
        int week = cal->occ[un->occ[i]].week, add = 0;
        for (size_t j = 0; j < un->nocc; j++)
            if (cal->occ[un->occ[j]].week == week)
                add += occ_activity(r, un->occ[j])->sessions;
        if (add > 0 && st->week_sessions[(size_t)s * nw + (size_t)week] + add > max)
            return OR_WHY_WEEK_MAX;
    }
    return 0;
}

const struct rule rule_week = {
    .id = "H6 week",
    .why_not = why_not,
};

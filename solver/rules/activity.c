/*
 * activity.c - H6 contracts, the most of one activity: a specialist holds
 * at most `max` occurrences of an activity their contract limits.
 */
#include "rule.h"

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    const struct unit *un = &r->units[u];
    for (size_t k = 0; k < sp->nlimits; k++)
        if (sp->limits[k].activity.index == un->activity &&
            st->act_count[(size_t)s * r->dept->nactivities + (size_t)un->activity] + (int)un->nocc >
                sp->limits[k].max)
            return OR_WHY_MONTH_MAX;
    return 0;
}

const struct rule rule_activity = {
    .id = "H6 activity",
    .why_not = why_not,
};

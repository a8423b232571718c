/*
 * month.c - H6 month: a specialist's sessions in the month stay within
 * their monthly maximum.
 */
#include "rule.h"

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct or_specialist *sp = &st->r->dept->specialists[s];
    if (sp->max_month >= 0 && st->month_sessions[s] + st->r->units[u].sessions > sp->max_month)
        return OR_WHY_MONTH_MAX;
    return 0;
}

const struct rule rule_month = {
    .id = "H6 month",
    .why_not = why_not,
};

/*
 * split.c - H7, the campus split: a specialist's sessions on a campus stay
 * within their share of all their sessions (`split:`).  A share is a
 * property of the whole month, not of one move: the constructive roster
 * repairs it at the end, and the local search checks it after each move.
 */
#include "rule.h"

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

const struct rule rule_split = {
    .id = "H7",
    .holds = state_split_ok,
};

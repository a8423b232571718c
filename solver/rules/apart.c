/*
 * apart.c - H4, H5 and H10: one place at a time.  Two sessions exclude each
 * other for one specialist when they overlap, when the gap between them is
 * shorter than the rest after the first, the travel time between their
 * campuses, or two hours where no travel time is known, when they start on
 * one day on two campuses and the department works one campus a day, or
 * when the second is on the next day and the first may not be followed by
 * it (rules_occ_conflict).
 */
#include "rule.h"

/* The first occurrence that starts at or after t (binary search). */
static size_t first_at_or_after(const struct or_calendar *cal, time_t t)
{
    size_t lo = 0, hi = cal->nocc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cal->occ[mid].start < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Against what s already holds, within a window of three days. */
static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_calendar *cal = r->cal;
    const struct unit *un = &r->units[u];
    size_t ns = r->ns;
    unsigned why = 0;
    for (size_t i = 0; i < un->nocc; i++) {
        size_t o = un->occ[i];
        size_t k = first_at_or_after(cal, cal->occ[o].start - 3 * 86400);
        for (; k < cal->nocc && cal->occ[k].start < cal->occ[o].end + 3 * 86400; k++) {
            size_t uk = r->unit_of[k];
            if (uk == u || !st->x[uk * ns + (size_t)s] || !rules_occ_conflict(r, o, k))
                continue;
            why |= rules_occ_overlap(r, o, k) ? OR_WHY_BUSY
                   : (occ_activity(r, cal->occ[o].start < cal->occ[k].start ? o : k)->rest_after >
                      0)
                       ? OR_WHY_REST
                       : OR_WHY_BUSY;
        }
    }
    return why;
}

const struct rule rule_apart = {
    .id = "H4 H5 H10",
    .why_not = why_not,
};

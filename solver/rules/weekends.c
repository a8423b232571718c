/*
 * weekends.c - H6 contracts, the most weekends: a specialist works on at
 * most `max_weekends` weekends (a weekend is worked when a session starts
 * on its Saturday or Sunday).
 */
#include "rule.h"

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

const struct rule rule_weekends = {
    .id = "H6 weekends",
    .why_not = why_not,
};

/*
 * eligible.c - H2, H3, H8 and H9: who may take a unit at all.  A specialist
 * is eligible for a unit when, for every occurrence in it, they have the
 * skills, work on the campus, are not on leave or unavailable, and no
 * must-not pin covers it (or_blocked); a week-block unit (H9) needs them
 * free all week.  Ineligible pairs get no column in the program, so this
 * rule has no rows; must pins (H8) fix columns at 1.
 */
#include "rule.h"

static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    size_t ns = r->ns;
    if (r->can[u * ns + (size_t)s])
        return 0;
    const struct unit *un = &r->units[u];
    unsigned why = 0;
    for (size_t i = 0; i < un->nocc; i++)
        why |= r->blocked[un->occ[i] * ns + (size_t)s];
    if (un->nocc > 1)
        why |= OR_WHY_BLOCK;
    /* Nothing in the department stops them: the published roster before
     * the re-plan date does. */
    return why ? why : OR_WHY_KEPT;
}

const struct rule rule_eligible = {
    .id = "H2 H3 H8 H9",
    .gate = true,
    .why_not = why_not,
};

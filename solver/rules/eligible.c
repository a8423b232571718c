/*
 * eligible.c - H2, H3, H8 and H9: who may take a unit at all.  A specialist
 * is eligible for a unit when, for every occurrence in it, they have the
 * skills, work on the campus, are not on leave or unavailable, and no
 * must-not pin covers it (or_blocked); a week-block unit (H9) needs them
 * free all week.  Who is eligible is a table (tables.c: r->can); the
 * program gives ineligible pairs no column, so this rule has no rows (must
 * pins, H8, fix columns at 1), and the constructive roster and the local
 * search consider eligible pairs only, so it needs no move test.  What it
 * has is its words, and it is asked first (gate).
 */
#include "rule.h"

#include <stdio.h>

static unsigned blocked(const struct state *st, size_t u, int s)
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

/* The first occurrence of the unit that blocks s, and what blocks it. */
static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    unsigned why = blocked(st, u, s);
    if (why == OR_WHY_KEPT)
        snprintf(buf, n, "the re-plan keeps this session as it was published");
    if (!why || why == OR_WHY_KEPT)
        return why;
    const struct rules *r = st->r;
    const struct or_department *d = r->dept;
    const struct or_specialist *sp = &d->specialists[s];
    const struct unit *un = &r->units[u];
    for (size_t i = 0; i < un->nocc; i++) {
        const struct or_occurrence *occ = &r->cal->occ[un->occ[i]];
        const struct or_activity *a = &d->activities[occ->activity];
        const struct or_leave *leave = NULL;
        unsigned b = or_blocked(d, r->cal, s, occ, &leave);
        char what[192], day[11];
        if (!b)
            continue;
        if (b & OR_WHY_SKILL) {
            const char *skill = "";
            for (size_t k = 0; k < a->nskills && !*skill; k++)
                if (!sp->has_skill[a->skills[k].index])
                    skill = d->skills[a->skills[k].index].name;
            snprintf(what, sizeof(what), "lacks the skill '%s'", skill);
        } else if (b & OR_WHY_CAMPUS) {
            snprintf(what, sizeof(what), "does not work at %s", d->campuses[a->campus.index].name);
        } else if (b & OR_WHY_LEAVE) {
            snprintf(what, sizeof(what), "on leave%s%s%s", leave && leave->reason ? " (" : "",
                     leave && leave->reason ? leave->reason : "",
                     leave && leave->reason ? ")" : "");
        } else if (b & OR_WHY_FIXED) {
            static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
            snprintf(what, sizeof(what), "does not work on %s %s (part-time days)",
                     days[or_day_weekday(occ->day)],
                     a->start < d->rules.midday ? "mornings" : "afternoons");
        } else {
            snprintf(what, sizeof(what), "pinned not to take %s", a->name);
        }
        if (un->nocc > 1)
            snprintf(buf, n, "%s on %s, and %s keeps one specialist all week", what,
                     or_day_format(occ->day, day), a->name);
        else
            snprintf(buf, n, "%s", what);
        break;
    }
    return why;
}

const struct rule rule_eligible = {
    .id = "H2 H3 H8 H9",
    .gate = true,
    .explain = explain,
};

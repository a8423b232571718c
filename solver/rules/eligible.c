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
        snprintf(buf, n, "%s",
                 or_say(st->r->dept,
                        OR_PHRASE("the re-plan keeps this session as it was published",
                                  "de herplanning behoudt deze sessie zoals ze gepubliceerd is",
                                  "la replanification garde cette s\xc3\xa9\x61nce telle que "
                                  "publi\xc3\xa9\x65")));
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
            snprintf(what, sizeof(what),
                     or_say(d, OR_PHRASE("lacks the skill '%s'", "mist de vaardigheid '%s'",
                                         "n'a pas la comp\xc3\xa9tence '%s'")),
                     skill);
        } else if (b & OR_WHY_CAMPUS) {
            snprintf(what, sizeof(what),
                     or_say(d, OR_PHRASE("does not work at %s", "werkt niet in %s",
                                         "ne travaille pas \xc3\xa0 %s")),
                     d->campuses[a->campus.index].name);
        } else if (b & OR_WHY_LEAVE) {
            snprintf(
                what, sizeof(what),
                or_say(d, OR_PHRASE("on leave%s%s%s", "met verlof%s%s%s", "en cong\xc3\xa9%s%s%s")),
                leave && leave->reason ? " (" : "", leave && leave->reason ? leave->reason : "",
                leave && leave->reason ? ")" : "");
        } else if (b & OR_WHY_FIXED) {
            static const struct or_phrase days[] = {
                {"Monday", "maandag", "lundi"},        {"Tuesday", "dinsdag", "mardi"},
                {"Wednesday", "woensdag", "mercredi"}, {"Thursday", "donderdag", "jeudi"},
                {"Friday", "vrijdag", "vendredi"},     {"Saturday", "zaterdag", "samedi"},
                {"Sunday", "zondag", "dimanche"}};
            const char *wd = or_say(d, &days[or_day_weekday(occ->day)]);
            /* The half that stops them: a session over midday is stopped
             * by either; name the morning only when that is free of work. */
            bool morning =
                a->start < d->rules.midday && (sp->unavailable[or_day_weekday(occ->day)] & 1u);
            if (morning)
                snprintf(
                    what, sizeof(what),
                    or_say(d, OR_PHRASE(
                                  "does not work on %s mornings (part-time days)",
                                  "werkt niet op %svoormiddag (deeltijdse dagen)",
                                  "ne travaille pas le %s matin (jours \xc3\xa0 temps partiel)")),
                    wd);
            else
                snprintf(what, sizeof(what),
                         or_say(d, OR_PHRASE("does not work on %s afternoons (part-time days)",
                                             "werkt niet op %snamiddag (deeltijdse dagen)",
                                             "ne travaille pas le %s apr\xc3\xa8s-midi (jours "
                                             "\xc3\xa0 temps partiel)")),
                         wd);
        } else {
            snprintf(what, sizeof(what),
                     or_say(d, OR_PHRASE("pinned not to take %s", "vastgelegd om %s niet te nemen",
                                         "fix\xc3\xa9 pour ne pas prendre %s")),
                     a->name);
        }
        if (un->nocc > 1)
            snprintf(
                buf, n,
                or_say(d, OR_PHRASE(
                              "%s on %s, and %s keeps one specialist all week",
                              "%s op %s, en %s houdt \xc3\xa9\xc3\xa9n specialist de hele week",
                              "%s le %s, et %s garde un sp\xc3\xa9\x63ialiste toute la semaine")),
                what, or_day_format(occ->day, day), a->name);
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

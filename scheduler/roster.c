/*
 * roster.c - a solved roster as everyone reads it: freeing it, and the
 * words for its status and for what stops a specialist from taking a place.
 */
#include "scheduler.h"

#include <stdlib.h>

void or_roster_free(struct or_roster *roster)
{
    if (!roster)
        return;
    for (size_t o = 0; o < roster->nocc; o++)
        free(roster->staff[o]);
    free(roster->staff);
    free(roster->missing);
    for (size_t i = 0; i < roster->nshortfall; i++) {
        struct or_shortfall *sf = &roster->shortfall[i];
        free(sf->why);
        for (size_t s = 0; sf->reason && s < sf->nreasons; s++)
            free(sf->reason[s]);
        free(sf->reason);
    }
    free(roster->shortfall);
    for (size_t i = 0; i < roster->nrequests; i++)
        free(roster->requests[i].why);
    free(roster->requests);
    free(roster->bands);
    free(roster);
}

const char *or_status_name(enum or_solve_status status)
{
    static const char *const names[] = {"optimal",     "gap reached",      "time limit",
                                        "interrupted", "optimiser failed", "swapped"};
    return names[status];
}

static const struct {
    unsigned bit;
    const char *code; /* for scripts, in any language */
    struct or_phrase words;
} why_words[] = {
    {OR_WHY_SKILL,
     "skill",
     {"lacks a required skill", "mist een vereiste vaardigheid",
      "n'a pas une comp\xc3\xa9tence requise"}},
    {OR_WHY_CAMPUS,
     "campus",
     {"does not work on that campus", "werkt niet op die campus", "ne travaille pas sur ce site"}},
    {OR_WHY_LEAVE, "leave", {"on leave", "met verlof", "en cong\xc3\xa9"}},
    {OR_WHY_FIXED,
     "part-time",
     {"fixed weekly unavailability", "vaste wekelijkse onbeschikbaarheid",
      "indisponibilit\xc3\xa9 hebdomadaire fixe"}},
    {OR_WHY_PIN,
     "pin",
     {"pinned not to work it", "vastgelegd om ze niet te doen",
      "fix\xc3\xa9 pour ne pas la faire"}},
    {OR_WHY_BLOCK,
     "week-block",
     {"not free for the whole week of this week-long activity",
      "niet vrij voor de hele week van deze weekactiviteit",
      "pas libre toute la semaine de cette activit\xc3\xa9 hebdomadaire"}},
    {OR_WHY_BUSY,
     "busy",
     {"already busy then (travelling, or not allowed after the day before)",
      "dan al bezet (onderweg, of niet toegelaten na de dag ervoor)",
      "d\xc3\xa9j\xc3\xa0 occup\xc3\xa9 \xc3\xa0 ce moment (en route, ou interdit apr\xc3\xa8s "
      "la veille)"}},
    {OR_WHY_REST,
     "rest",
     {"resting after a night", "rust na een nacht", "en repos apr\xc3\xa8s une nuit"}},
    {OR_WHY_WEEK_MAX,
     "week-max",
     {"weekly maximum reached", "weekmaximum bereikt", "maximum hebdomadaire atteint"}},
    {OR_WHY_MONTH_MAX,
     "month-max",
     {"monthly maximum reached (sessions, hours or this activity)",
      "maandmaximum bereikt (sessies, uren of deze activiteit)",
      "maximum mensuel atteint (s\xc3\xa9\x61nces, heures ou cette activit\xc3\xa9)"}},
    {OR_WHY_CONSECUTIVE,
     "days-in-a-row",
     {"days in a row (too many, or a run or days off too short)",
      "dagen na elkaar (te veel, of een reeks werkdagen of vrije dagen te kort)",
      "jours d'affil\xc3\xa9\x65 (trop, ou une s\xc3\xa9rie de travail ou de repos trop "
      "courte)"}},
    {OR_WHY_SPLIT,
     "split",
     {"campus split reached", "campusverdeling bereikt",
      "r\xc3\xa9partition entre sites atteinte"}},
    {OR_WHY_WEEKENDS,
     "weekends",
     {"most weekends reached", "maximum aantal weekends bereikt",
      "nombre maximal de week-ends atteint"}},
    {OR_WHY_KEPT,
     "kept",
     {"kept as published before the re-plan date",
      "behouden zoals gepubliceerd v\xc3\xb3\xc3\xb3r de herplanningsdatum",
      "conserv\xc3\xa9 tel que publi\xc3\xa9 avant la date de replanification"}},
};

static const struct or_phrase available = {"available, but the roster is better without",
                                           "beschikbaar, maar het rooster is beter zonder",
                                           "disponible, mais le planning est meilleur sans"};

static const struct or_phrase unchecked = {
    "not checked against the rules: the time ran out first (a longer --time-limit gives the "
    "reason)",
    "niet aan de regels getoetst: de tijd was eerder om (een langere --time-limit geeft de reden)",
    "non v\xc3\xa9rifi\xc3\xa9 selon les r\xc3\xa8gles : le temps a manqu\xc3\xa9 (un "
    "--time-limit plus long donne la raison)"};

static const struct or_phrase searched_out = {
    "available, but the search stopped at its time limit before it placed them (a longer "
    "--time-limit may fill this place)",
    "beschikbaar, maar de zoektocht stopte aan de tijdslimiet voor ze ingeroosterd was (een "
    "langere --time-limit kan deze plaats invullen)",
    "disponible, mais la recherche s'est arr\xc3\xaat\xc3\xa9\x65 \xc3\xa0 sa limite de temps "
    "avant de le placer (un --time-limit plus long peut pourvoir cette place)"};

const char *or_say(const struct or_department *dept, const struct or_phrase *p)
{
    switch (dept ? dept->language : OR_LANG_DEFAULT) {
    case OR_LANG_NL:
        return p->nl;
    case OR_LANG_FR:
        return p->fr;
    default:
        return p->en;
    }
}

const char *or_why_words(const struct or_department *dept, unsigned why)
{
    for (size_t i = 0; i < sizeof(why_words) / sizeof(why_words[0]); i++)
        if (why & why_words[i].bit)
            return or_say(dept, &why_words[i].words);
    return or_say(dept, &available);
}

const char *or_why_code(unsigned why)
{
    for (size_t i = 0; i < sizeof(why_words) / sizeof(why_words[0]); i++)
        if (why & why_words[i].bit)
            return why_words[i].code;
    return "none";
}

const char *or_why_text(unsigned why)
{
    return or_why_words(NULL, why);
}

const char *or_shortfall_reason(const struct or_department *dept, const struct or_shortfall *sf,
                                size_t s)
{
    if (sf->reason && s < sf->nreasons && sf->reason[s])
        return sf->reason[s];
    if (!sf->why[s] && sf->unexplained)
        return or_say(dept, &unchecked);
    if (!sf->why[s] && sf->searched_out)
        return or_say(dept, &searched_out);
    return or_why_words(dept, sf->why[s]);
}

bool or_place_searched_out(const struct or_roster *roster, const struct or_shortfall *sf, size_t ns)
{
    if (!sf->searched_out)
        return false;
    const int *staff = roster->staff ? roster->staff[sf->occurrence] : NULL;
    for (size_t s = 0; s < ns; s++) {
        bool on = false;
        for (const int *p = staff; p && *p >= 0; p++)
            on = on || *p == (int)s;
        if (!on && !sf->why[s])
            return true;
    }
    return false;
}

bool or_unfilled_for_lack_of_time(const struct or_roster *roster, size_t ns)
{
    for (size_t i = 0; i < roster->nshortfall; i++)
        if (!or_place_searched_out(roster, &roster->shortfall[i], ns))
            return false;
    return roster->nshortfall > 0;
}

int or_fair_units(const struct or_calendar *cal, int *const *staff, int s, int a)
{
    bool week = cal->dept->activities[a].continuity == OR_CONTINUITY_WEEK;
    int n = 0, last_week = -1;
    for (size_t o = 0; o < cal->nocc; o++) {
        if (cal->occ[o].activity != a)
            continue;
        bool held = false;
        for (const int *p = staff[o]; *p >= 0 && !held; p++)
            held = *p == s;
        if (!held || (week && cal->occ[o].week == last_week))
            continue;
        n++;
        last_week = cal->occ[o].week;
    }
    return n;
}

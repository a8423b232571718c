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
    free(roster->bands);
    free(roster);
}

const char *or_status_name(enum or_solve_status status)
{
    static const char *const names[] = {"optimal", "gap reached", "time limit", "interrupted",
                                        "optimiser failed"};
    return names[status];
}

const char *or_why_text(unsigned why)
{
    static const struct {
        unsigned bit;
        const char *text;
    } texts[] = {
        {OR_WHY_SKILL, "lacks a required skill"},
        {OR_WHY_CAMPUS, "does not work on that campus"},
        {OR_WHY_LEAVE, "on leave"},
        {OR_WHY_FIXED, "fixed weekly unavailability"},
        {OR_WHY_PIN, "pinned not to work it"},
        {OR_WHY_BLOCK, "not free for the whole week of this week-long activity"},
        {OR_WHY_BUSY, "already busy then (travelling, or not allowed after the day before)"},
        {OR_WHY_REST, "resting after a night"},
        {OR_WHY_WEEK_MAX, "weekly maximum reached"},
        {OR_WHY_MONTH_MAX, "monthly maximum reached (sessions, hours or this activity)"},
        {OR_WHY_CONSECUTIVE, "days in a row (too many, or a run or days off too short)"},
        {OR_WHY_SPLIT, "campus split reached"},
        {OR_WHY_WEEKENDS, "most weekends reached"},
        {OR_WHY_KEPT, "kept as published before the re-plan date"},
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if (why & texts[i].bit)
            return texts[i].text;
    return "available, but the roster is better without";
}

const char *or_shortfall_reason(const struct or_shortfall *sf, size_t s)
{
    return sf->reason && s < sf->nreasons && sf->reason[s] ? sf->reason[s]
                                                           : or_why_text(sf->why[s]);
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

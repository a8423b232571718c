/*
 * reasons.c - why nobody took an unfilled place, as every writer shows it:
 * each specialist who could work there by skills and campus with the words
 * of the rule that stopped them, and the others grouped by their reason
 * ("lacks the skill 'Breast'"), named up to a few and counted beyond.
 */
#include "output_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NAMED = 3 }; /* names shown per group; the rest are counted */

static bool on_place(const int *staff, size_t s)
{
    for (const int *p = staff; *p >= 0; p++)
        if (*p == (int)s)
            return true;
    return false;
}

void shortfall_groups(const struct or_department *dept, const struct or_shortfall *sf,
                      void (*each)(const char *why, const size_t *who, size_t n, void *user),
                      void *user)
{
    size_t ns = dept->nspecialists;
    size_t *who = malloc((ns ? ns : 1) * sizeof(*who));
    if (!who)
        return;
    /* One group per reason, in the order they first appear. */
    for (size_t s = 0; s < ns; s++) {
        if (!(sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)))
            continue;
        const char *why = or_shortfall_reason(dept, sf, s);
        bool seen = false;
        for (size_t t = 0; t < s && !seen; t++)
            seen = (sf->why[t] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) &&
                   strcmp(or_shortfall_reason(dept, sf, t), why) == 0;
        if (seen)
            continue;
        size_t n = 0;
        for (size_t t = s; t < ns; t++)
            if ((sf->why[t] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) &&
                strcmp(or_shortfall_reason(dept, sf, t), why) == 0)
                who[n++] = t;
        each(why, who, n, user);
    }
    free(who);
}

struct named {
    const struct or_department *dept;
    void (*each)(const char *who, const char *why, void *user);
    void *user;
};

static void name_group(const char *why, const size_t *who, size_t n, void *user)
{
    const struct named *g = user;
    char names[NAMED * 160 + 40] = "";
    for (size_t i = 0; i < n && i < NAMED; i++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof(names) - len, "%s%.150s", i ? ", " : "",
                 g->dept->specialists[who[i]].name);
    }
    if (n > NAMED) {
        size_t len = strlen(names), more = n - NAMED;
        snprintf(names + len, sizeof(names) - len,
                 more == 1 ? or_say(g->dept,
                                    OR_PHRASE(" and %zu other", " en %zu andere", " et %zu autre"))
                           : or_say(g->dept, OR_PHRASE(" and %zu others", " en %zu anderen",
                                                       " et %zu autres")),
                 more);
    }
    g->each(names, why, g->user);
}

size_t shortfall_reasons(const struct or_department *dept, const struct or_shortfall *sf,
                         const int *staff, size_t cap,
                         void (*each)(const char *who, const char *why, void *user), void *user)
{
    size_t ns = dept->nspecialists, named = 0, more = 0;
    for (size_t s = 0; s < ns; s++) {
        if ((sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) || on_place(staff, s))
            continue;
        if (named++ < cap)
            each(dept->specialists[s].name, or_shortfall_reason(dept, sf, s), user);
        else
            more++;
    }
    /* The others, one line per reason, named up to a few. */
    struct named g = {dept, each, user};
    shortfall_groups(dept, sf, name_group, &g);
    return more;
}

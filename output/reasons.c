/*
 * reasons.c - why nobody took an unfilled place, as every writer shows it:
 * each specialist who could work there by skills and campus with the words
 * of the rule that stopped them, and the others grouped by their reason
 * ("lacks the skill 'Breast'"), named up to a few and counted beyond.
 */
#include "output_internal.h"

#include <stdio.h>
#include <string.h>

enum { NAMED = 3 }; /* names shown per group; the rest are counted */

static bool on_place(const int *staff, size_t s)
{
    for (const int *p = staff; *p >= 0; p++)
        if (*p == (int)s)
            return true;
    return false;
}

void shortfall_reasons(const struct or_department *dept, const struct or_shortfall *sf,
                       const int *staff, void (*each)(const char *who, const char *why, void *user),
                       void *user)
{
    size_t ns = dept->nspecialists;
    for (size_t s = 0; s < ns; s++)
        if (!(sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) && !on_place(staff, s))
            each(dept->specialists[s].name, or_shortfall_reason(sf, s), user);
    /* The others, one line per reason, in the order they first appear. */
    for (size_t s = 0; s < ns; s++) {
        if (!(sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)))
            continue;
        const char *why = or_shortfall_reason(sf, s);
        bool seen = false;
        for (size_t t = 0; t < s && !seen; t++)
            seen = (sf->why[t] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) &&
                   strcmp(or_shortfall_reason(sf, t), why) == 0;
        if (seen)
            continue;
        char who[4 * 160 + 40] = "";
        size_t named = 0, more = 0;
        for (size_t t = s; t < ns; t++) {
            if (!(sf->why[t] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) ||
                strcmp(or_shortfall_reason(sf, t), why) != 0)
                continue;
            if (named < NAMED) {
                size_t len = strlen(who);
                snprintf(who + len, sizeof(who) - len, "%s%.150s", named ? ", " : "",
                         dept->specialists[t].name);
                named++;
            } else {
                more++;
            }
        }
        if (more) {
            size_t len = strlen(who);
            snprintf(who + len, sizeof(who) - len, " and %zu other%s", more, more == 1 ? "" : "s");
        }
        each(who, why, user);
    }
}

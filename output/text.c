/*
 * text.c - the roster and its unfilled places as plain text, for the
 * terminal and for cron mail.
 */
#include "output_internal.h"

int or_write_roster_text(FILE *f, const struct or_department *dept, const struct or_calendar *cal,
                         const struct or_roster *roster)
{
    or_day shown = cal->first - 1;
    char day[11];
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_occurrence *occ = &cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        if (occ->day != shown) {
            shown = occ->day;
            fprintf(f, "\n%s %s\n", or_day_format(occ->day, day),
                    or_weekday_name(or_day_weekday(occ->day)));
        }
        int end = a->end % 1440;
        fprintf(f, "  %02d:%02d-%02d:%02d  %-34.34s %-12.12s ", a->start / 60, a->start % 60,
                end / 60, end % 60, a->name, dept->campuses[a->campus.index].id);
        const char *sep = "";
        for (const int *s = roster->staff[o]; *s >= 0; s++) {
            fprintf(f, "%s%s", sep, dept->specialists[*s].name);
            sep = ", ";
        }
        if (roster->missing[o])
            fprintf(f, "%s[%d UNFILLED]", sep, roster->missing[o]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

enum { PLACES_LISTED = 50 }; /* on the terminal and in cron's mail */

static void print_reason(const char *who, const char *why, void *user)
{
    fprintf(user, "      %s: %s\n", who, why);
}

int or_write_shortfall_text(FILE *f, const struct or_department *dept,
                            const struct or_calendar *cal, const struct or_roster *roster)
{
    char day[11];
    fprintf(f, "\n%zu place%s unfilled:\n", roster->nshortfall, roster->nshortfall == 1 ? "" : "s");
    for (size_t i = 0; i < roster->nshortfall && i < PLACES_LISTED; i++) {
        const struct or_shortfall *sf = &roster->shortfall[i];
        const struct or_occurrence *occ = &cal->occ[sf->occurrence];
        const struct or_activity *a = &dept->activities[occ->activity];
        fprintf(f, "  %s %02d:%02d %s at %s: %d missing\n", or_day_format(occ->day, day),
                a->start / 60, a->start % 60, a->name, dept->campuses[a->campus.index].name,
                sf->missing);
        size_t more = shortfall_reasons(dept, sf, roster->staff[sf->occurrence], REASONS_NAMED,
                                        print_reason, f);
        if (more)
            fprintf(f,
                    "      and %zu more who could work there (roster.html and summary.json "
                    "give each one's reason)\n",
                    more);
    }
    if (roster->nshortfall > PLACES_LISTED)
        fprintf(f, "  and %zu more unfilled places (roster.html and summary.json list them)\n",
                roster->nshortfall - PLACES_LISTED);
    if (or_unfilled_for_lack_of_time(roster, dept->nspecialists))
        fprintf(f, "  the search stopped at its time limit with someone free for each of these "
                   "places: a longer --time-limit may fill them\n");
    return ferror(f) ? -1 : 0;
}

int or_write_requests_text(FILE *f, const struct or_department *dept,
                           const struct or_roster *roster)
{
    static const char *const kinds[] = {"off", "prefer", "avoid"};
    size_t refused = 0;
    for (size_t i = 0; i < roster->nrequests; i++)
        refused += !roster->requests[i].granted;
    if (!roster->nrequests)
        return 0;
    fprintf(f, "\n%zu request%s, %zu granted%s\n", roster->nrequests,
            roster->nrequests == 1 ? "" : "s", roster->nrequests - refused,
            refused ? "; not granted:" : "");
    for (size_t i = 0, n = 0; i < roster->nrequests; i++) {
        const struct or_request_outcome *out = &roster->requests[i];
        if (out->granted)
            continue;
        if (n++ == PLACES_LISTED) {
            fprintf(f, "  and %zu more (roster.html and summary.json list them)\n",
                    refused - PLACES_LISTED);
            break;
        }
        const struct or_specialist *sp = &dept->specialists[out->specialist];
        const struct or_request *q = &sp->requests[out->request];
        char from[11], to[11];
        or_day_format(q->from, from);
        or_day_format(q->to, to);
        fprintf(f, "  %s, %s %s%s%s: %s\n", sp->name, kinds[q->kind], from,
                q->to != q->from ? ".." : "", q->to != q->from ? to : "", out->why ? out->why : "");
    }
    return ferror(f) ? -1 : 0;
}

/*
 * report.c - the roster as data: summary.json for machines and the next
 * run, history.json (the month's changes), roster.csv for spreadsheets,
 * and the escaping they rely on.
 */
#include "output_internal.h"
#include "words.h"
#include "version.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void csv_field(FILE *f, const char *s)
{
    csv_cell(f, s, ',');
}

void csv_cell(FILE *f, const char *s, char sep)
{
    s = s ? s : "";
    /* A spreadsheet runs a cell that starts like a formula (OWASP, CSV
     * injection): such a cell gets a leading ' and quotes, and shows as
     * the text it is. */
    bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
    const char special[] = {sep, '"', '\r', '\n', '\0'};
    if (!formula && !strpbrk(s, special)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A finite number, or null. */
static void json_number(FILE *f, double v, const char *format)
{
    if (isfinite(v))
        fprintf(f, format, v);
    else
        fputs("null", f);
}

static void json_key(FILE *f, int indent, const char *key)
{
    fprintf(f, "%*s", indent, "");
    json_string(f, key);
    fputs(": ", f);
}

static void iso_utc(char buf[32], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Local date and clock of an occurrence's start and end. */
static void occurrence_times(const struct or_publication *pub, size_t o, char date[11],
                             char start[6], char end[6])
{
    const struct or_occurrence *occ = &pub->cal->occ[o];
    or_day day = occ->day;
    int minute = 0;
    or_day_format(occ->day, date);
    or_zone_from_utc(pub->dept->timezone, occ->start, &day, &minute);
    clock_format(minute, start);
    or_zone_from_utc(pub->dept->timezone, occ->end, &day, &minute);
    clock_format(minute, end);
}

static void write_band(FILE *f, const struct or_publication *pub, size_t s, enum or_count k)
{
    const struct or_band *b = pub->roster->bands ? &pub->roster->bands[s * OR_NCOUNTS + k] : NULL;
    if (b && b->active && k == OR_COUNT_SESSIONS)
        fprintf(f, "[%g, %g]", or_sessions(pub->dept, b->lo), or_sessions(pub->dept, b->hi));
    else if (b && b->active)
        fprintf(f, "[%d, %d]", b->lo, b->hi);
    else
        fputs("null", f);
}

enum { JSON_NAMED = 50 }; /* specialists in a place's why_not */

struct json_groups {
    FILE *f;
    const struct or_department *dept;
    size_t n;
};

/* Those who cannot work the place by skill or campus: a reason, and who. */
static void json_group(const char *why, const size_t *who, size_t n, void *user)
{
    struct json_groups *g = user;
    fprintf(g->f, "%s\n       {\"reason\": ", g->n++ ? "," : "");
    json_string(g->f, why);
    fputs(", \"specialists\": [", g->f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", g->f);
        json_string(g->f, g->dept->specialists[who[i]].id);
    }
    fputs("]}", g->f);
}

static void write_shortfall(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    fputs("  \"shortfall\": [", f);
    for (size_t i = 0; i < r->nshortfall; i++) {
        const struct or_shortfall *sf = &r->shortfall[i];
        const struct or_activity *a = &dept->activities[pub->cal->occ[sf->occurrence].activity];
        char date[11], start[6], end[6];
        occurrence_times(pub, sf->occurrence, date, start, end);
        fprintf(f, "%s\n    {\"date\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", \"campus\": ",
                i ? "," : "", date, start, end);
        json_string(f, dept->campuses[a->campus.index].id);
        fputs(", \"activity\": ", f);
        json_string(f, a->id);
        fprintf(f, ", \"missing\": %d, \"time_ran_out\": %s,\n     \"why_not\": [", sf->missing,
                or_place_searched_out(r, sf, dept->nspecialists) ? "true" : "false");
        size_t n = 0, others = 0, more = 0;
        /* Bounded whatever the department's size, so that the next run
         * reads what this one publishes: the first places in full, each
         * with its first JSON_NAMED specialists. */
        size_t cap = i < PLACES_EXPLAINED ? JSON_NAMED : 0;
        for (size_t s = 0; s < dept->nspecialists; s++) {
            bool on = false;
            for (const int *p = r->staff[sf->occurrence]; *p >= 0; p++)
                on = on || *p == (int)s;
            if (sf->why[s] & (OR_WHY_SKILL | OR_WHY_CAMPUS)) {
                others++;
                continue;
            }
            if (on)
                continue;
            if (n >= cap) {
                more++;
                continue;
            }
            fprintf(f, "%s\n       {\"specialist\": ", n++ ? "," : "");
            json_string(f, dept->specialists[s].id);
            fprintf(f, ", \"rule\": \"%s\", \"reason\": ", or_why_code(sf->why[s]));
            json_string(f, or_shortfall_reason(dept, sf, s));
            fputc('}', f);
        }
        fprintf(f,
                "%s], \"why_not_more\": %zu,\n     \"not_eligible\": %zu, \"not_eligible_why\": [",
                n ? "\n     " : "", more, others);
        struct json_groups g = {f, dept, 0};
        shortfall_groups(dept, sf, json_group, &g);
        fputs(g.n ? "\n     ]}" : "]}", f);
    }
    fputs(r->nshortfall ? "\n  ],\n" : "],\n", f);
}

static void id_list(FILE *f, const struct or_department *dept, const int *list)
{
    fputc('[', f);
    for (const int *p = list; *p >= 0; p++) {
        fputs(p == list ? "" : ", ", f);
        json_string(f, dept->specialists[*p].id);
    }
    fputc(']', f);
}

static int write_changes(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    if (!pub->previous) {
        fputs("  \"replan_from\": null, \"changes\": [],\n", f);
        return 0;
    }
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    if (!before)
        return -1;
    char day[11];
    fprintf(f, "  \"replan_from\": \"%s\", \"changes\": [",
            or_day_format(pub->previous->replan_from, day));
    size_t n = 0;
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        if (!change_of(pub, o, before))
            continue;
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        char date[11], start[6], end[6];
        occurrence_times(pub, o, date, start, end);
        fprintf(f, "%s\n    {\"date\": \"%s\", \"start\": \"%s\", \"activity\": ", n++ ? "," : "",
                date, start);
        json_string(f, a->id);
        fputs(", \"campus\": ", f);
        json_string(f, dept->campuses[a->campus.index].id);
        fputs(", \"before\": ", f);
        id_list(f, dept, before);
        fputs(", \"after\": ", f);
        id_list(f, dept, pub->roster->staff[o]);
        fputc('}', f);
    }
    fputs(n ? "\n  ],\n" : "],\n", f);
    free(before);
    return 0;
}

static int write_specialists(FILE *f, const struct or_publication *pub, const struct slugs *slugs)
{
    const struct or_department *dept = pub->dept;
    struct totals *t = totals_build(dept, pub->cal, pub->roster);
    if (!t)
        return -1;
    static const char *const counts[OR_NCOUNTS] = {"on_call", "weekends", "holidays", "sessions"};
    fputs("  \"specialists\": [", f);
    for (size_t s = 0; s < dept->nspecialists; s++) {
        const struct or_specialist *sp = &dept->specialists[s];
        fprintf(f, "%s\n    {\"id\": ", s ? "," : "");
        json_string(f, sp->id);
        fputs(", \"name\": ", f);
        json_string(f, sp->name);
        fprintf(f, ", \"fte\": %g,\n     \"calendar\": \"specialists/%s.ics\",\n", sp->fte,
                slugs->specialists[s]);
        fprintf(f, "     \"occurrences\": %d, \"series\": %d", t[s].occurrences, t[s].series);
        static const enum or_count order[OR_NCOUNTS] = {OR_COUNT_SESSIONS, OR_COUNT_ON_CALL,
                                                        OR_COUNT_WEEKENDS, OR_COUNT_HOLIDAYS};
        for (size_t i = 0; i < OR_NCOUNTS; i++) {
            enum or_count k = order[i];
            if (k == OR_COUNT_SESSIONS)
                fprintf(f, ",\n     \"%s\": %g, \"fair_%s\": ", counts[k],
                        or_sessions(dept, t[s].counts[k]), counts[k]);
            else
                fprintf(f, ",\n     \"%s\": %d, \"fair_%s\": ", counts[k], t[s].counts[k],
                        counts[k]);
            write_band(f, pub, s, k);
        }
        /* This month's sessions against its fair range without the carry
         * it was given, for the next months' carry-over (not compounding). */
        const struct or_band *b =
            pub->roster->bands ? &pub->roster->bands[s * OR_NCOUNTS + OR_COUNT_SESSIONS] : NULL;
        int over = 0, carried = sp->carry.sessions, n = t[s].counts[OR_COUNT_SESSIONS];
        if (b && b->active)
            over = n > b->hi + carried   ? n - (b->hi + carried)
                   : n < b->lo + carried ? n - (b->lo + carried)
                                         : 0;
        fprintf(f, ",\n     \"sessions_over\": %g", or_sessions(dept, over));
        /* Units of each activity shared fairly, carried over by the next
         * months as on-call is. */
        size_t nfair = 0;
        for (size_t a = 0; a < dept->nactivities; a++) {
            if (!dept->activities[a].fair)
                continue;
            fputs(nfair++ ? ", " : ",\n     \"fair\": {", f);
            json_string(f, dept->activities[a].id);
            fprintf(f, ": %d", or_fair_units(pub->cal, pub->roster->staff, (int)s, (int)a));
        }
        if (nfair)
            fputc('}', f);
        fputs(",\n     \"campuses\": {", f);
        size_t shown = 0;
        for (size_t c = 0; c < dept->ncampuses; c++) {
            if (!t[s].campus_sessions[c])
                continue;
            fprintf(f, "%s", shown++ ? ", " : "");
            json_string(f, dept->campuses[c].id);
            fprintf(f, ": {\"sessions\": %g, \"share\": %.3f}",
                    or_sessions(dept, t[s].campus_sessions[c]),
                    t[s].sessions ? (double)t[s].campus_sessions[c] / t[s].sessions : 0.0);
        }
        fputs("}}", f);
    }
    fputs("\n  ],\n", f);
    totals_free(t, dept->nspecialists);
    return 0;
}

static void json_string_or_null(FILE *f, const char *s)
{
    if (s)
        json_string(f, s);
    else
        fputs("null", f);
}

static const char *half_name(unsigned halves)
{
    return halves == OR_AM ? "am" : halves == OR_PM ? "pm" : "day";
}

/* Every request of the specialists' requests calendars: what it asked,
 * whether the roster grants it, and why not. */
static void write_requests(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    static const char *const kinds[] = {"off", "prefer", "avoid"};
    fputs("  \"requests\": [", f);
    for (size_t i = 0; i < r->nrequests; i++) {
        const struct or_request_outcome *out = &r->requests[i];
        const struct or_specialist *sp = &dept->specialists[out->specialist];
        const struct or_request *q = &sp->requests[out->request];
        char from[11], to[11];
        fprintf(f, "%s\n    {\"specialist\": ", i ? "," : "");
        json_string(f, sp->id);
        fprintf(f,
                ", \"kind\": \"%s\", \"from\": \"%s\", \"from_half\": \"%s\", \"to\": \"%s\", "
                "\"to_half\": \"%s\",\n     \"activity\": ",
                kinds[q->kind], or_day_format(q->from, from), half_name(q->from_halves),
                or_day_format(q->to, to), half_name(q->to_halves));
        json_string_or_null(f, q->activity >= 0 ? dept->activities[q->activity].id : NULL);
        fputs(", \"campus\": ", f);
        json_string_or_null(f, q->campus >= 0 ? dept->campuses[q->campus].id : NULL);
        fputs(", \"text\": ", f);
        json_string_or_null(f, q->text);
        fprintf(f, ", \"hard\": %s, \"source\": ", q->hard ? "true" : "false");
        char source[1100];
        snprintf(source, sizeof(source), "%s:%d", q->pos.file ? q->pos.file : "", q->pos.line);
        json_string(f, source);
        fprintf(f, ",\n     \"granted\": %s", out->granted ? "true" : "false");
        if (out->occurrence != SIZE_MAX) {
            char date[11], start[6], end[6];
            occurrence_times(pub, out->occurrence, date, start, end);
            fprintf(f, ", \"session\": {\"date\": \"%s\", \"start\": \"%s\", \"activity\": ", date,
                    start);
            json_string(f, dept->activities[pub->cal->occ[out->occurrence].activity].id);
            fputc('}', f);
        }
        fputs(", \"why\": ", f);
        json_string_or_null(f, out->why);
        fputc('}', f);
    }
    fputs(r->nrequests ? "\n  ],\n" : "],\n", f);
}

static void write_assignments(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    fputs("  \"assignments\": [", f);
    size_t n = 0;
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        char date[11], start[6], end[6];
        occurrence_times(pub, o, date, start, end);
        for (const int *p = pub->roster->staff[o]; *p >= 0; p++) {
            fprintf(f, "%s\n    {\"date\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", ",
                    n++ ? "," : "", date, start, end);
            fputs("\"activity\": ", f);
            json_string(f, a->id);
            fputs(", \"campus\": ", f);
            json_string(f, dept->campuses[a->campus.index].id);
            fputs(", \"specialist\": ", f);
            json_string(f, dept->specialists[*p].id);
            fputc('}', f);
        }
    }
    fputs(n ? "\n  ]\n" : "]\n", f);
}

int or_write_summary_json(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    struct slugs slugs;
    if (slugs_build(&slugs, dept, pub->published) != 0)
        return -1;
    char first[11], last[11], published[32];
    iso_utc(published, pub->revision);
    fputs("{\n", f);
    json_key(f, 2, "oncoroster");
    json_string(f, ONCOROSTER_VERSION);
    fputs(",\n", f);
    json_key(f, 2, "department");
    json_string(f, dept->name);
    fputs(",\n", f);
    json_key(f, 2, "time_zone");
    json_string(f, dept->timezone);
    fprintf(f, ",\n  \"language\": \"%s\"", tr_code(dept));
    fprintf(f, ",\n  \"month\": \"%.7s\", \"from\": \"%s\", \"to\": \"%s\",\n",
            or_day_format(pub->cal->first, first), first, or_day_format(pub->cal->last, last));
    fprintf(f, "  \"published\": \"%s\",\n", published);
    fprintf(f,
            "  \"status\": \"%s\", \"unfilled\": %d,\n  \"objective\": ", or_status_name(r->status),
            r->soft.shortfall);
    json_number(f, r->objective, "%.0f");
    fputs(", \"bound\": ", f);
    json_number(f, r->bound, "%.2f");
    fputs(", \"gap\": ", f);
    json_number(f, r->gap, "%.6f");
    fputs(",\n  \"seconds\": ", f);
    json_number(f, pub->reproducible ? NAN : r->seconds, "%.3f");
    fputs(", \"nodes\": ", f);
    json_number(f, pub->reproducible ? NAN : r->nodes, "%.0f");
    const struct or_soft *sv = &r->soft;
    fprintf(f,
            ",\n  \"soft\": {\"shortfall\": %d, \"continuity\": %d, \"fairness\": %d, "
            "\"balance\": %d, \"preferences\": %d, \"campus_changes\": %d, \"changes\": %d, "
            "\"overstaffed\": %d, \"hours_short\": %d},\n",
            sv->shortfall, sv->continuity, sv->fairness, sv->balance, sv->preferences,
            sv->campus_changes, sv->changes, sv->overstaffed, sv->hours_short);
    const struct or_weights *w = &dept->weights;
    fprintf(f,
            "  \"weights\": {\"shortfall\": %d, \"continuity\": %d, \"fairness\": %d, "
            "\"balance\": %d, \"preferences\": %d, \"campus_changes\": %d, \"changes\": %d},\n",
            w->shortfall, w->continuity, w->fairness, w->balance, w->preferences, w->campus_changes,
            w->changes);
    write_shortfall(f, pub);
    write_requests(f, pub);
    if (write_changes(f, pub) != 0) {
        slugs_free(&slugs);
        return -1;
    }
    fputs("  \"campuses\": [", f);
    for (size_t c = 0; c < dept->ncampuses; c++) {
        fprintf(f, "%s\n    {\"id\": ", c ? "," : "");
        json_string(f, dept->campuses[c].id);
        fputs(", \"name\": ", f);
        json_string(f, dept->campuses[c].name);
        fprintf(f, ", \"calendar\": \"campuses/%s.ics\"}", slugs.campuses[c]);
    }
    fputs("\n  ],\n", f);
    int rc = write_specialists(f, pub, &slugs);
    write_assignments(f, pub);
    fputs("}\n", f);
    slugs_free(&slugs);
    return rc != 0 || ferror(f) ? -1 : 0;
}

int or_write_csv(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    fputs("date,start,end,campus,activity,specialist,campus_id,activity_id,specialist_id\r\n", f);
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        const struct or_campus *c = &dept->campuses[a->campus.index];
        char date[11], start[6], end[6];
        occurrence_times(pub, o, date, start, end);
        for (const int *p = pub->roster->staff[o]; *p >= 0; p++) {
            const struct or_specialist *sp = &dept->specialists[*p];
            fprintf(f, "%s,%s,%s,", date, start, end);
            const char *fields[] = {c->name, a->name, sp->name, c->id, a->id, sp->id};
            for (size_t i = 0; i < 6; i++) {
                csv_field(f, fields[i]);
                fputs(i < 5 ? "," : "\r\n", f);
            }
        }
    }
    return ferror(f) ? -1 : 0;
}

int or_write_csv_spreadsheet(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    /* The byte-order mark and ';' make Excel in a Belgian or Dutch locale
     * open it in columns, with the accents right. */
    fprintf(f, "\xef\xbb\xbf%s\r\n", tr(dept, W_CSV_HEADER));
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        const struct or_campus *c = &dept->campuses[a->campus.index];
        char date[11], start[6], end[6];
        occurrence_times(pub, o, date, start, end);
        int missing = pub->roster->missing ? pub->roster->missing[o] : 0;
        for (const int *p = pub->roster->staff[o];; p++) {
            if (*p < 0 && missing == 0)
                break;
            fprintf(f, "%s;%s;%s;", date, start, end);
            csv_cell(f, c->name, ';');
            fputc(';', f);
            csv_cell(f, a->name, ';');
            fputc(';', f);
            if (*p >= 0) {
                csv_cell(f, dept->specialists[*p].name, ';');
                fputs(";\r\n", f);
                continue;
            }
            /* A place nobody took: one row, how many are missing. */
            fprintf(f, ";%d\r\n", missing);
            break;
        }
    }
    return ferror(f) ? -1 : 0;
}

/* history.json: the month's history with this publication's changes. */
int or_write_history_json(FILE *f, const struct or_publication *pub)
{
    struct or_history *h = history_with_changes(pub);
    if (!h)
        return -1;
    char month[11];
    or_day_format(pub->cal->first, month);
    month[7] = '\0';
    fputs("{\n  \"oncoroster\": \"history\",\n  \"department\": ", f);
    json_string(f, pub->dept->name);
    fprintf(f, ",\n  \"month\": \"%s\",\n  \"changes\": [", month);
    for (size_t i = 0; i < h->n; i++) {
        const struct or_history_entry *e = &h->items[i];
        const char *keys[] = {"published", "date",   "start", "activity",
                              "what",      "before", "now",   "why"};
        const char *values[] = {e->published, e->date,   e->start, e->activity,
                                e->what,      e->before, e->now,   e->why};
        fputs(i ? ",\n    {" : "\n    {", f);
        for (size_t k = 0; k < 8; k++) {
            fprintf(f, "%s\"%s\": ", k ? ", " : "", keys[k]);
            json_string(f, values[k]);
        }
        fputc('}', f);
    }
    fputs(h->n ? "\n  ]\n}\n" : "]\n}\n", f);
    or_history_free(h);
    return ferror(f) ? -1 : 0;
}

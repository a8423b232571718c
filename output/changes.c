/*
 * changes.c - what a re-plan changed against the published roster, from
 * the re-plan date on (and the few forced before it): per occurrence, who
 * held it before and who holds it now, so the department head can tell
 * the people affected; and the month's history: every change of every
 * publication, which report.c writes as history.json.
 */
#include "output_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Fills `before` (room for nspecialists + 1, -1 terminated) with who held
 * occurrence o in the published roster; true when that differs from now. */
bool change_of(const struct or_publication *pub, size_t o, int *before)
{
    const struct or_previous *prev = pub->previous;
    size_t n = 0;
    if (!prev) { /* before the re-plan date only forced changes happen */
        before[0] = -1;
        return false;
    }
    for (size_t i = 0; i < prev->n; i++)
        if (prev->occurrence[i] == o)
            before[n++] = prev->specialist[i];
    before[n] = -1;
    size_t now = 0;
    for (const int *p = pub->roster->staff[o]; *p >= 0; p++, now++) {
        bool held = false;
        for (size_t k = 0; k < n; k++)
            held = held || before[k] == *p;
        if (!held)
            return true;
    }
    return now != n;
}

bool *changed_occurrences(const struct or_publication *pub)
{
    bool *changed = calloc(pub->cal->nocc + 1, sizeof(bool));
    int *before = malloc((pub->dept->nspecialists + 1) * sizeof(int));
    for (size_t o = 0; changed && before && pub->previous && o < pub->cal->nocc; o++)
        changed[o] = change_of(pub, o, before);
    if (!before) {
        free(changed);
        changed = NULL;
    }
    free(before);
    return changed;
}

size_t or_changes_count(const struct or_publication *pub)
{
    if (!pub->previous)
        return 0;
    int *before = malloc((pub->dept->nspecialists + 1) * sizeof(int));
    size_t n = 0;
    for (size_t o = 0; before && o < pub->cal->nocc; o++)
        n += change_of(pub, o, before);
    free(before);
    return n;
}

static void names(FILE *f, const struct or_department *dept, const int *list)
{
    if (list[0] < 0)
        fputs("nobody", f);
    for (const int *p = list; *p >= 0; p++)
        fprintf(f, "%s%s", p == list ? "" : ", ", dept->specialists[*p].name);
}

int or_write_changes_text(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    if (!before)
        return -1;
    size_t n = or_changes_count(pub);
    char day[11];
    fprintf(f, "\n%zu session%s changed against the published roster from %s:\n", n,
            n == 1 ? "" : "s", or_day_format(pub->previous->replan_from, day));
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        if (!change_of(pub, o, before))
            continue;
        const struct or_occurrence *occ = &pub->cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        char at[6];
        fprintf(f, "  %s %s %s %s (%s): ", or_day_format(occ->day, day),
                or_weekday_name(or_day_weekday(occ->day)), clock_format(a->start, at), a->name,
                dept->campuses[a->campus.index].name);
        names(f, dept, before);
        fputs(" -> ", f);
        names(f, dept, pub->roster->staff[o]);
        fputc('\n', f);
    }
    free(before);
    return ferror(f) ? -1 : 0;
}

/* Why occurrence o left someone who held it: what the department now says
 * about them there (leave, a must-not pin, a skill or campus or weekly
 * time they no longer have), else the re-plan's own choice. */
static const char *change_why(const struct or_publication *pub, size_t o, const int *before)
{
    if (pub->why)
        return pub->why;
    const struct or_occurrence *occ = &pub->cal->occ[o];
    unsigned why = 0;
    for (const int *b = before; *b >= 0; b++) {
        bool kept = false;
        for (const int *p = pub->roster->staff[o]; *p >= 0; p++)
            kept = kept || *p == *b;
        if (!kept)
            why |= or_blocked(pub->dept, pub->cal, *b, occ, NULL);
    }
    return why & OR_WHY_LEAVE                                    ? "leave"
           : why & OR_WHY_PIN                                    ? "pin"
           : why & (OR_WHY_SKILL | OR_WHY_CAMPUS | OR_WHY_FIXED) ? "unavailable"
                                                                 : "re-plan";
}

static char *names_text(const struct or_department *dept, const int *list)
{
    char *s = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&s, &len);
    if (!m)
        return NULL;
    for (const int *p = list; *p >= 0; p++)
        fprintf(m, "%s%s", p == list ? "" : ", ", dept->specialists[*p].name);
    if (fclose(m) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static char *print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *print(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

struct or_history *history_with_changes(const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_history *old = pub->history;
    size_t n_old = old ? old->n : 0, n_new = or_changes_count(pub);
    struct or_history *h = calloc(1, sizeof(*h));
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    if (!h || !before || !(h->items = calloc(n_old + n_new + 1, sizeof(*h->items))))
        goto fail;
    for (size_t i = 0; i < n_old; i++) {
        const struct or_history_entry *e = &old->items[i];
        struct or_history_entry *c = &h->items[h->n++];
        c->published = strdup(e->published);
        c->date = strdup(e->date);
        c->start = strdup(e->start);
        c->activity = strdup(e->activity);
        c->what = strdup(e->what);
        c->before = strdup(e->before);
        c->now = strdup(e->now);
        c->why = strdup(e->why);
    }
    struct tm tm;
    char when[32];
    gmtime_r(&pub->revision, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t o = 0; pub->previous && o < pub->cal->nocc; o++) {
        if (!change_of(pub, o, before))
            continue;
        const struct or_occurrence *occ = &pub->cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        char day[11], at[6];
        or_day day_local = occ->day;
        int minute = a->start;
        or_zone_from_utc(dept->timezone, occ->start, &day_local, &minute);
        struct or_history_entry *c = &h->items[h->n++];
        c->published = strdup(when);
        c->date = strdup(or_day_format(occ->day, day));
        c->start = strdup(clock_format(minute, at));
        c->activity = strdup(a->id);
        c->what = print("%s (%s)", a->name, dept->campuses[a->campus.index].name);
        c->before = names_text(dept, before);
        c->now = names_text(dept, pub->roster->staff[o]);
        c->why = strdup(change_why(pub, o, before));
    }
    for (size_t i = 0; i < h->n; i++) {
        const struct or_history_entry *c = &h->items[i];
        if (!c->published || !c->date || !c->start || !c->activity || !c->what || !c->before ||
            !c->now || !c->why)
            goto fail;
    }
    free(before);
    return h;
fail:
    free(before);
    or_history_free(h);
    return NULL;
}

bool *history_occurrences(const struct or_publication *pub)
{
    const struct or_calendar *cal = pub->cal;
    bool *marked = calloc(cal->nocc + 1, sizeof(bool));
    for (size_t i = 0; marked && pub->history && i < pub->history->n; i++) {
        const struct or_history_entry *e = &pub->history->items[i];
        or_day day;
        if (!or_day_parse(e->date, strlen(e->date), &day))
            continue;
        for (size_t a = 0; a < pub->dept->nactivities; a++) {
            if (strcmp(pub->dept->activities[a].id, e->activity) != 0)
                continue;
            long o = or_calendar_find(cal, (int)a, day);
            if (o >= 0)
                marked[o] = true;
        }
    }
    return marked;
}

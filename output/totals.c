/*
 * totals.c - what each specialist does in a roster, counted from the
 * department and the calendar (the numbers the overview and summary show).
 */
#include "output_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct totals *totals_build(const struct or_department *dept, const struct or_calendar *cal,
                            const struct or_roster *roster)
{
    size_t ns = dept->nspecialists;
    struct totals *t = calloc(ns ? ns : 1, sizeof(*t));
    bool *served = calloc(ns * (cal->nseries ? cal->nseries : 1) + 1, sizeof(bool));
    if (!t || !served)
        goto out_nomem;
    for (size_t s = 0; s < ns; s++) {
        t[s].campus_sessions = calloc(dept->ncampuses + 1, sizeof(int));
        if (!t[s].campus_sessions)
            goto out_nomem;
    }
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_occurrence *occ = &cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        for (const int *p = roster->staff[o]; *p >= 0; p++) {
            struct totals *x = &t[*p];
            x->occurrences++;
            x->sessions += a->sessions;
            x->counts[OR_COUNT_SESSIONS] += a->sessions;
            x->counts[OR_COUNT_ON_CALL] += a->kind == OR_KIND_ON_CALL;
            x->counts[OR_COUNT_WEEKENDS] += occ->weekend;
            x->counts[OR_COUNT_HOLIDAYS] += occ->holiday;
            x->campus_sessions[a->campus.index] += a->sessions;
            if (a->continuity == OR_CONTINUITY_SERIES) {
                bool *seen = &served[(size_t)*p * cal->nseries + (size_t)occ->series];
                x->series += !*seen;
                *seen = true;
            }
        }
    }
    free(served);
    return t;

out_nomem:
    free(served);
    totals_free(t, t ? ns : 0);
    return NULL;
}

void totals_free(struct totals *t, size_t n)
{
    if (!t)
        return;
    for (size_t s = 0; s < n; s++)
        free(t[s].campus_sessions);
    free(t);
}

/* The slug a published file name holds, if it is one oncoroster could have
 * written in `folder`: "<folder>/<a-z0-9->.ics". */
static bool hinted(const struct or_published *hints, bool campus, const char *id, char slug[80])
{
    const char *folder = campus ? "campuses/" : "specialists/";
    for (size_t i = 0; hints && i < hints->nfiles; i++) {
        const struct or_published_file *f = &hints->files[i];
        if (f->campus != campus || strcmp(f->id, id) != 0 ||
            strncmp(f->calendar, folder, strlen(folder)) != 0)
            continue;
        const char *name = f->calendar + strlen(folder);
        size_t len = strlen(name);
        if (len < 5 || len - 4 > 79 || strcmp(name + len - 4, ".ics") != 0 ||
            strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != len - 4)
            return false;
        snprintf(slug, 80, "%.*s", (int)(len - 4), name);
        return true;
    }
    return false;
}

int slugs_build(struct slugs *out, const struct or_department *dept,
                const struct or_published *hints)
{
    memset(out, 0, sizeof(*out));
    out->specialists = calloc(dept->nspecialists + 1, sizeof(*out->specialists));
    out->campuses = calloc(dept->ncampuses + 1, sizeof(*out->campuses));
    if (!out->specialists || !out->campuses) {
        slugs_free(out);
        return -1;
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t n = pass ? dept->ncampuses : dept->nspecialists;
        char(*slug)[80] = pass ? out->campuses : out->specialists;
        bool *fixed = calloc(n + 1, sizeof(bool)), *shared = calloc(n + 1, sizeof(bool));
        if (!fixed || !shared) {
            free(fixed);
            free(shared);
            slugs_free(out);
            return -1;
        }
        /* Published files stay where they are, first come first served. */
        for (size_t i = 0; i < n; i++) {
            const char *id = pass ? dept->campuses[i].id : dept->specialists[i].id;
            if (hinted(hints, pass == 1, id, slug[i])) {
                fixed[i] = true;
                for (size_t j = 0; j < i; j++)
                    fixed[i] = fixed[i] && !(fixed[j] && strcmp(slug[i], slug[j]) == 0);
            }
        }
        for (size_t i = 0; i < n; i++)
            if (!fixed[i])
                or_slug(pass ? dept->campuses[i].name : dept->specialists[i].name, slug[i]);
        /* Every one of two or more namesakes gets their id added, so a
         * file keeps its owner when the department file is reordered. */
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (!fixed[i] && !fixed[j] && strcmp(slug[i], slug[j]) == 0)
                    shared[i] = shared[j] = true;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i])
                continue;
            bool taken = false;
            for (size_t j = 0; j < n && !taken; j++)
                taken = j != i && (fixed[j] || j < i) && strcmp(slug[i], slug[j]) == 0;
            if (!shared[i] && !taken)
                continue;
            char tail[65];
            or_slug(pass ? dept->campuses[i].id : dept->specialists[i].id, tail);
            slug[i][40] = '\0';
            tail[23] = '\0';
            size_t len = strlen(slug[i]);
            while (len > 1 && slug[i][len - 1] == '-')
                slug[i][--len] = '\0';
            snprintf(slug[i] + len, sizeof(slug[i]) - len, "-%s", tail);
            len = strlen(slug[i]);
            for (int k = 2; k < 100000; k++) {
                taken = false;
                for (size_t j = 0; j < n && !taken; j++)
                    taken = j != i && (fixed[j] || j < i) && strcmp(slug[i], slug[j]) == 0;
                if (!taken)
                    break;
                snprintf(slug[i] + len, sizeof(slug[i]) - len, "-%d", k);
            }
        }
        free(fixed);
        free(shared);
    }
    return 0;
}

void slugs_free(struct slugs *s)
{
    free(s->specialists);
    free(s->campuses);
    s->specialists = NULL;
    s->campuses = NULL;
}

char *clock_format(int minutes, char buf[6])
{
    minutes %= 1440;
    buf[0] = (char)('0' + minutes / 600);
    buf[1] = (char)('0' + minutes / 60 % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + minutes % 60 / 10);
    buf[4] = (char)('0' + minutes % 10);
    buf[5] = '\0';
    return buf;
}

/*
 * changes.c - what a re-plan changed against the published roster, from
 * the re-plan date on (and the few forced before it): per occurrence, who
 * held it before and who holds it now, so the department head can tell
 * the people affected.
 */
#include "output_internal.h"

#include <stdlib.h>

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

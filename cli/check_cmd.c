/*
 * check_cmd.c - the check command: validates a department file and prints
 * its summary, the month's capacity forecast and the occurrences nobody can
 * cover, with why.
 */
#include "cli.h"

#include <stdio.h>

static const char *column_name(const struct or_department *dept, int campus, int skill)
{
    if (campus >= 0)
        return dept->campuses[campus].id;
    if (skill >= 0)
        return dept->skills[skill].id;
    return "all";
}

static void print_capacity(const struct or_department *dept, const struct or_calendar *cal,
                           const struct or_capacity *cap)
{
    size_t per_week = cap->nrows / (cal->nweeks ? cal->nweeks : 1);
    printf("\nCapacity per week: staff-sessions needed / available after leave, holidays and\n"
           "contract limits ('!' where fewer are available than needed):\n\n  %-9s",
           "week");
    for (size_t c = 0; c < per_week; c++)
        printf(" %13.13s", column_name(dept, cap->rows[c].campus, cap->rows[c].skill));
    printf("\n");
    for (size_t w = 0; w < cal->nweeks; w++) {
        printf("  %04d-W%02d ", cal->weeks[w].iso_year, cal->weeks[w].iso_week);
        for (size_t c = 0; c < per_week; c++) {
            const struct or_capacity_row *row = &cap->rows[w * per_week + c];
            char cell[32];
            snprintf(cell, sizeof(cell), "%g/%g%s", or_sessions(dept, row->demand),
                     or_sessions(dept, row->supply), row->demand > row->supply ? "!" : "");
            printf(" %13s", cell);
        }
        printf("\n");
    }
}

enum { NAMED = 5 }; /* names shown per reason; the rest are counted */

/* Why s cannot work activity a at all: the index of the first required
 * skill s lacks, a->nskills for the campus, or -1 (s could, but for the
 * day). */
static long missing_of(const struct or_department *dept, const struct or_activity *a, size_t s,
                       unsigned blocks)
{
    if (!(blocks & (OR_WHY_SKILL | OR_WHY_CAMPUS)))
        return -1;
    const struct or_specialist *sp = &dept->specialists[s];
    if (blocks & OR_WHY_SKILL)
        for (size_t k = 0; k < a->nskills; k++)
            if (!sp->has_skill[a->skills[k].index])
                return (long)k;
    return (long)a->nskills;
}

static void print_uncoverable(const struct or_department *dept, const struct or_calendar *cal,
                              const struct or_uncoverable *u)
{
    const struct or_occurrence *o = &cal->occ[u->occurrence];
    const struct or_activity *a = &dept->activities[o->activity];
    char day[11];
    printf("  %s %s %02d:%02d  %s at %s (%s): needs %d, %d can take it\n",
           or_day_format(o->day, day), or_weekday_name(or_day_weekday(o->day)), a->start / 60,
           a->start % 60, a->name, dept->campuses[a->campus.index].name, a->id, a->min_staff,
           u->available);
    for (size_t s = 0; s < dept->nspecialists; s++) {
        unsigned b = u->blocks[s];
        if (b == OR_WHY_NONE || (b & (OR_WHY_SKILL | OR_WHY_CAMPUS)))
            continue;
        const struct or_leave *leave = NULL;
        or_blocked(dept, cal, (int)s, o, &leave);
        printf("      %s: %s%s%s\n", dept->specialists[s].name, or_why_text(b),
               leave && leave->reason ? ": " : "", leave && leave->reason ? leave->reason : "");
    }
    /* Those who cannot work there at all, named per reason: the skill they
     * lack (the first missing one), or the campus they do not work on. */
    for (size_t k = 0; k <= a->nskills; k++) {
        size_t n = 0;
        for (size_t s = 0; s < dept->nspecialists; s++)
            n += missing_of(dept, a, s, u->blocks[s]) == (long)k;
        if (n == 0)
            continue;
        /* As solve says it: who, then the rule's words. */
        printf("      ");
        size_t shown = 0;
        for (size_t s = 0; s < dept->nspecialists && shown < NAMED; s++)
            if (missing_of(dept, a, s, u->blocks[s]) == (long)k)
                printf("%s%s", shown++ ? ", " : "", dept->specialists[s].name);
        if (n > shown)
            printf(" and %zu other%s", n - shown, n - shown == 1 ? "" : "s");
        if (k < a->nskills)
            printf(": lacks the skill '%s'\n", dept->skills[a->skills[k].index].name);
        else
            printf(": does not work at %s\n", dept->campuses[a->campus.index].name);
    }
}

static void print_summary(const struct or_department *dept, const struct or_calendar *cal,
                          const char *file)
{
    static const char *const holiday_sets[] = {"none", "BE", "NL"};
    char a[11], b[11];
    printf("%s: %s\n", file, dept->name);
    printf("  time zone %s, public holidays %s\n", dept->timezone, holiday_sets[dept->holidays]);
    printf("  %zu campuses, %zu skills, %zu activities, %zu specialists, %zu pins\n",
           dept->ncampuses, dept->nskills, dept->nactivities, dept->nspecialists, dept->npins);
    printf("  %s..%s: %zu occurrences in %zu series", or_day_format(cal->first, a),
           or_day_format(cal->last, b), cal->nocc, cal->nseries);
    for (size_t i = 0; i < cal->nclosed; i++) {
        const char *name = or_holiday_name(dept->holidays, cal->closed[i]);
        printf("%s %s (%s)", i ? "," : "; closed", or_day_format(cal->closed[i], a),
               name ? name : "closure");
    }
    printf("\n");
}

int cli_cmd_check(const struct options *opt)
{
    or_day first, last;
    int code = cli_month_of(opt, &first, &last);
    if (code >= 0)
        return code;
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    struct or_calendar *cal = NULL;
    struct or_capacity *cap = NULL;
    code = EXIT_INVALID;
    if (!cli_load_month(opt, first, last, &dept, &cal, &diags))
        goto out_report;
    if (or_capacity_forecast(&cap, dept, cal) != 0) {
        or_diags_add(&diags, OR_ERROR, (or_pos){0}, "out of memory in the capacity forecast");
        code = EXIT_INTERNAL;
        goto out_report;
    }
    code = cap->nuncoverable ? EXIT_SHORTFALL : EXIT_OK;

out_report:
    cli_print_diags(&diags, opt->quiet);
    if (diags.errors) {
        fprintf(stderr,
                "%s: %zu error%s, %zu warning%s: fix the errors above and run check "
                "again\n",
                opt->file, diags.errors, diags.errors == 1 ? "" : "s", diags.warnings,
                diags.warnings == 1 ? "" : "s");
    } else if (cap) {
        if (!opt->quiet) {
            print_summary(dept, cal, opt->file);
            print_capacity(dept, cal, cap);
        }
        if (cap->nuncoverable) {
            printf("\n%zu occurrence%s cannot be covered: too few eligible specialists are "
                   "available:\n",
                   cap->nuncoverable, cap->nuncoverable == 1 ? "" : "s");
            for (size_t i = 0; i < cap->nuncoverable; i++)
                print_uncoverable(dept, cal, &cap->uncoverable[i]);
            printf("\nnot ready: expect shortfall on %zu occurrence%s; adjust leave, skills or "
                   "staffing, or roster it anyway with holes marked\n",
                   cap->nuncoverable, cap->nuncoverable == 1 ? "" : "s");
        } else if (!opt->quiet) {
            printf("\nready to roster: %zu occurrences, %g staff-sessions needed, at most %g "
                   "available%s\n",
                   cal->nocc, or_sessions(dept, cap->demand), or_sessions(dept, cap->supply),
                   diags.warnings ? " (see the warnings above)" : "");
        }
    }
    or_capacity_free(cap);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
    return code;
}

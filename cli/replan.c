/*
 * replan.c - the policies solve runs around what is already published:
 * re-planning a month against its published roster (kept before
 * --replan-from, today by default), and carrying the duties of the months
 * published before it over into the fairness counts (S2/S3).
 */
#include "cli.h"
#include "input.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Today's date where the command runs. */
static or_day today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return or_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The published roster to re-plan against: --previous, else what the
 * month's folder under --out holds; none for a first publication or with
 * --previous none.  Returns false after errors (damaged, another month). */
bool cli_load_previous(const struct options *opt, const char *folder, or_day first, or_day last,
                       const struct or_department *dept, const struct or_calendar *cal,
                       struct or_previous **out, struct or_published **published_out,
                       struct or_diags *diags)
{
    *out = NULL;
    *published_out = NULL;
    char path[PATH_MAX + 16];
    struct stat st;
    if (opt->previous && strcmp(opt->previous, "none") == 0) {
        if (opt->replan_from) {
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "--replan-from keeps a published roster, and --previous none leaves it "
                         "out; give one of them");
            return false;
        }
        return true;
    } else if (opt->previous) {
        bool dir = stat(opt->previous, &st) == 0 && S_ISDIR(st.st_mode);
        snprintf(path, sizeof(path), dir ? "%s/summary.json" : "%s", opt->previous);
    } else if (folder[0]) {
        snprintf(path, sizeof(path), "%s/summary.json", folder);
        if (stat(path, &st) != 0) {
            if (opt->replan_from)
                or_diags_add(diags, OR_WARNING, (or_pos){0},
                             "--replan-from has no effect: nothing is published for this month "
                             "in '%s' yet",
                             opt->out);
            return true;
        }
    } else {
        return true;
    }
    or_day from = today();
    if (opt->replan_from && !or_day_parse(opt->replan_from, strlen(opt->replan_from), &from)) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "--replan-from '%s' is not a date; write it as 2027-03-16", opt->replan_from);
        return false;
    }
    struct or_published *published = NULL;
    if (or_input_read_published(&published, path, diags) != 0)
        return false;
    bool ok = true;
    char a[11], b[11];
    if (published->first != first || published->last != last) {
        or_diags_add(diags, OR_ERROR, (or_pos){path, 0, 0},
                     "this published roster is for %s..%s, not for the month being rostered; "
                     "give --previous that month's folder, or --previous none",
                     or_day_format(published->first, a), or_day_format(published->last, b));
        ok = false;
    }
    from = from < first ? first : from > last + 1 ? last + 1 : from;
    if (ok && or_previous_build(out, published, dept, cal, from, diags) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        ok = false;
    }
    /* A calendar the summary lists but the folder lacks restarts from
     * nothing: its subscribers may keep stale sessions. */
    for (size_t i = 0; ok && folder[0] && !opt->previous && i < published->nfiles; i++) {
        char file[PATH_MAX + 300];
        snprintf(file, sizeof(file), "%s/%s", folder, published->files[i].calendar);
        if (lstat(file, &st) != 0 || !S_ISREG(st.st_mode))
            or_diags_add(diags, OR_WARNING, (or_pos){path, 0, 0},
                         "the published calendar '%s' is missing (or not a file); it is "
                         "written afresh, and calendars that imported it may keep removed "
                         "sessions",
                         published->files[i].calendar);
    }
    if (ok)
        *published_out = published;
    else
        or_published_free(published);
    return ok;
}

/* The first day of the month `back` months before the one starting at
 * `first`. */
static or_day months_before(or_day first, int back)
{
    int y, m, d;
    or_day_to_ymd(first, &y, &m, &d);
    m -= back;
    while (m < 1) {
        m += 12;
        y--;
    }
    return or_day_from_ymd(y, m, 1);
}

/* S2/S3 carry-over: the duties of the months published in --out before this
 * one, within the fairness window, replace the department file's carry
 * (which describes where a department starts).  Fills `from` with the
 * months used ("2027-01, 2027-02"). */
bool cli_carry_over(const struct options *opt, struct or_department *dept, or_day first, char *from,
                    size_t size, struct or_diags *diags)
{
    from[0] = '\0';
    int window = opt->window > 0 ? (int)opt->window : 3;
    if (!opt->out)
        return true;
    struct or_carry *sum = calloc(dept->nspecialists + 1, sizeof(*sum));
    /* Units of the activities shared fairly, per specialist and activity. */
    size_t na = dept->nactivities;
    int *fair = calloc(dept->nspecialists * na + 1, sizeof(int));
    if (!sum || !fair) {
        free(sum);
        free(fair);
        return false;
    }
    bool ok = true, found = false;
    for (int back = window - 1; back >= 1 && ok; back--) {
        char path[PATH_MAX + 32], month[11];
        or_day_format(months_before(first, back), month);
        snprintf(path, sizeof(path), "%s/%.7s/summary.json", opt->out, month);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        struct or_published *pub = NULL;
        struct or_diags local = {0};
        if (or_input_read_published(&pub, path, &local) != 0) {
            /* A damaged earlier month should not stop this one. */
            or_diags_add(diags, OR_WARNING, (or_pos){path, 0, 0},
                         "%s; its duties are not carried over",
                         local.count ? local.items[0].message : "cannot read it");
            or_diags_clear(&local);
            continue;
        }
        or_diags_clear(&local);
        for (size_t i = 0; i < pub->ncounts; i++) {
            int s = or_department_specialist(dept, pub->counts[i].specialist);
            if (s < 0)
                continue;
            sum[s].on_call += pub->counts[i].carry.on_call;
            sum[s].weekends += pub->counts[i].carry.weekends;
            sum[s].holidays += pub->counts[i].carry.holidays;
            sum[s].sessions += pub->counts[i].carry.sessions;
            for (size_t k = 0; k < pub->counts[i].nfair; k++) {
                int a = or_department_activity(dept, pub->counts[i].fair_ids[k]);
                if (a >= 0 && dept->activities[a].fair)
                    fair[(size_t)s * na + (size_t)a] += pub->counts[i].fair_units[k];
            }
        }
        size_t len = strlen(from);
        snprintf(from + len, size - len, "%s%.7s", found ? ", " : "", month);
        found = true;
        or_published_free(pub);
    }
    if (ok && found)
        for (size_t s = 0; s < dept->nspecialists && ok; s++) {
            struct or_specialist *sp = &dept->specialists[s];
            sp->carry = sum[s];
            /* Published in quarter-sessions; this month counts in its own units. */
            sp->carry.sessions = or_units_from_quarters(dept, sum[s].sessions);
            free(sp->carry_fair);
            sp->carry_fair = malloc(na * sizeof(int) + 1);
            if (!sp->carry_fair)
                ok = false;
            else
                memcpy(sp->carry_fair, &fair[s * na], na * sizeof(int));
        }
    free(sum);
    free(fair);
    return ok;
}

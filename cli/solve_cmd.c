/*
 * solve_cmd.c - the solve and export-model commands: the month's program,
 * solved under the command line's limits (deadline, signals, live progress)
 * and printed or published, or written out for another solver.
 */
#include "cli.h"
#include "input.h"
#include "output.h"
#include "solver.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void show_progress(const struct or_progress *p, void *user)
{
    (void)user;
    char best[32] = "-", bound[32] = "-", gap[32] = "-";
    if (isfinite(p->best))
        snprintf(best, sizeof(best), "%.0f", p->best);
    if (isfinite(p->bound))
        snprintf(bound, sizeof(bound), "%.1f", p->bound);
    if (isfinite(p->gap))
        snprintf(gap, sizeof(gap), "%.2f %%", 100 * p->gap);
    fprintf(stderr, "\r  %6.1f s   best roster %s   bound %s   gap %s   open nodes %d   ",
            p->seconds, best, bound, gap, p->open_nodes);
    fflush(stderr);
}

static void show_log(const char *line, void *user)
{
    (void)user;
    fprintf(stderr, "%s\n", line);
}

/* The revision time of a publication: SOURCE_DATE_EPOCH when set (for
 * byte-identical output), else now.  False after a message when invalid. */
static bool revision_time(time_t *out, bool *reproducible)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    *reproducible = env != NULL;
    if (!env) {
        *out = time(NULL);
        return true;
    }
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (!*env || *end || errno || v < 0 || v > 253402300799LL) {
        fprintf(stderr,
                "oncoroster: SOURCE_DATE_EPOCH '%s' must be seconds since 1970-01-01 UTC, "
                "such as 1798761600; unset it to publish with the current time\n",
                env);
        return false;
    }
    *out = (time_t)v;
    return true;
}

static void print_result(const struct options *opt, const struct or_department *dept,
                         const struct or_calendar *cal, const struct or_roster *roster)
{
    char a[11], b[11];
    if (!opt->quiet)
        or_write_roster_text(stdout, dept, cal, roster);
    if (roster->nshortfall)
        or_write_shortfall_text(stdout, dept, cal, roster);
    const struct or_soft *sv = &roster->soft;
    char bound[32] = "none", gap[32] = "unknown";
    if (isfinite(roster->bound)) {
        snprintf(bound, sizeof(bound), "%.1f", roster->bound);
        snprintf(gap, sizeof(gap), "%.2f %%", 100 * roster->gap);
    }
    if (!opt->quiet || roster->nshortfall || roster->status == OR_SOLVE_INTERRUPTED)
        printf("\n%s %s..%s: %s, objective %.0f, bound %s, gap %s, %.1f s, %d nodes\n"
               "  shortfall %d, continuity %d, fairness %d, balance %d, preferences %d, "
               "campus changes %d, changes %d\n",
               dept->name, or_day_format(cal->first, a), or_day_format(cal->last, b),
               or_status_name(roster->status), roster->objective, bound, gap, roster->seconds,
               roster->nodes, sv->shortfall, sv->continuity, sv->fairness, sv->balance,
               sv->preferences, sv->campus_changes, sv->changes);
    if (sv->overstaffed || sv->hours_short)
        printf("  overstaffed %d, hours short of minimums %d\n", sv->overstaffed, sv->hours_short);
    if (!opt->quiet)
        or_write_requests_text(stdout, dept, roster);
}

/* Exit code of a publication attempt.  A damaged previous publication is
 * bad input (2): the fix is to restore or move a file, not to free space. */
static int publish_code(enum or_publish_result r)
{
    switch (r) {
    case OR_PUBLISH_BUSY:
        return EXIT_LOCKED;
    case OR_PUBLISH_STOPPED:
        return 130;
    case OR_PUBLISH_DAMAGED:
        return EXIT_INVALID;
    default:
        return EXIT_CANNOT_WRITE;
    }
}

/* Solves with the command line's limits: SIGINT and SIGTERM stop it
 * cleanly, and a terminal shows live progress unless -q or -v. */
int cli_run_solver(const struct options *opt, const struct or_department *dept,
                   const struct or_calendar *cal, const struct or_previous *previous,
                   bool no_reasons, struct or_roster **roster, struct or_diags *diags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    struct or_solve_options so = {opt->time_limit > 0 ? opt->time_limit : 60,
                                  opt->gap,
                                  NULL,
                                  NULL,
                                  &stop_requested,
                                  opt->verbose ? show_log : NULL,
                                  previous,
                                  no_reasons,
                                  opt->compact};
    bool live = !opt->quiet && !opt->verbose && isatty(STDERR_FILENO);
    if (live)
        so.progress = show_progress;
    int rc = or_solve(roster, dept, cal, &so, diags);
    if (live)
        fprintf(stderr, "\r%78s\r", "");
    return rc;
}

/* Before changing the month published under `out`: takes the lock (a
 * second run leaves at once instead of solving for nothing), checks that
 * the publication can be updated, and reads the month's history of
 * changes, which every run keeps.  Fills `folder` (PATH_MAX) with the
 * month's folder.  Returns the exit code to leave with, or -1 to go on. */
static int take_month(const char *out, or_day first, char *folder, struct or_lock **lock,
                      struct or_history **history, struct or_diags *diags)
{
    char month[11], path[PATH_MAX + 16];
    snprintf(folder, PATH_MAX, "%s/%.7s", out, or_day_format(first, month));
    enum or_publish_result r = or_lock_take(lock, out, diags);
    if (r == OR_PUBLISH_OK)
        r = or_publish_check(*lock, first, diags);
    if (r != OR_PUBLISH_OK)
        return publish_code(r);
    snprintf(path, sizeof(path), "%s/history.json", folder);
    return or_input_read_history(history, path, diags) == 0 ? -1 : EXIT_INVALID;
}

int cli_cmd_solve(const struct options *opt)
{
    or_day first, last;
    int code = cli_month_of(opt, &first, &last);
    if (code >= 0)
        return code;
    struct or_publication pub = {0};
    if (!revision_time(&pub.revision, &pub.reproducible))
        return EXIT_INVALID;
    or_day check;
    if (opt->replan_from && !or_day_parse(opt->replan_from, strlen(opt->replan_from), &check))
        return cli_usage_error("--replan-from '%s' is not a date; write it as 2027-03-16",
                               opt->replan_from);
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    struct or_calendar *cal = NULL;
    struct or_roster *roster = NULL;
    struct or_lock *lock = NULL;
    struct or_previous *previous = NULL;
    struct or_published *published_before = NULL;
    struct or_history *history = NULL;
    size_t notices = 0;
    char folder[PATH_MAX] = "", carried[128] = "";
    bool published = false, bad_input = false;
    code = EXIT_INVALID;
    if (!cli_load_month(opt, first, last, &dept, &cal, &diags)) {
        bad_input = true;
        goto out_report;
    }
    /* Lock before solving: a second run leaves at once instead of solving
     * for nothing. */
    if (opt->out) {
        int taken = take_month(opt->out, first, folder, &lock, &history, &diags);
        if (taken >= 0) {
            code = taken;
            goto out_report;
        }
    }
    if (!cli_load_previous(opt, folder, first, last, dept, cal, &previous, &published_before,
                           &diags) ||
        !cli_carry_over(opt, dept, first, carried, sizeof(carried), &diags))
        goto out_report;
    if (carried[0] && opt->verbose)
        fprintf(stderr, "duties carried over from %s in %s\n", carried, opt->out);
    pub.previous = previous;
    pub.published = published_before;
    pub.feed_past = opt->feed_past < 0 ? 3 : (int)opt->feed_past;
    pub.history = history;
    int rc = cli_run_solver(opt, dept, cal, previous, false, &roster, &diags);
    if (rc != 0) {
        code = diags.errors ? EXIT_INVALID : EXIT_INTERNAL;
        goto out_report;
    }
    /* Places nobody could take call for cover; places the time ran out on
     * call for a longer --time-limit: cron tells them apart. */
    code = !roster->nshortfall                                        ? EXIT_OK
           : or_unfilled_for_lack_of_time(roster, dept->nspecialists) ? EXIT_TIME_SHORT
                                                                      : EXIT_SHORTFALL;
    /* The searches could not run (the warnings above say why): the roster
     * is the constructive one, valid but not optimised, and cron must hear
     * of it. */
    if (roster->status == OR_SOLVE_FAILED)
        code = EXIT_INTERNAL;
    pub.dept = dept;
    pub.cal = cal;
    pub.roster = roster;
    if (roster->status == OR_SOLVE_INTERRUPTED || stop_requested) {
        code = 130;
    } else if (lock) {
        char where[PATH_MAX];
        enum or_publish_result r = or_publish(lock, &pub, &stop_requested, where, &diags);
        if (r == OR_PUBLISH_OK || r == OR_PUBLISH_NO_FEEDS)
            published = true;
        if (r == OR_PUBLISH_NO_FEEDS)
            or_diags_add(&diags, OR_ERROR, (or_pos){0},
                         "the month is published, but the feeds in %s/feeds/ still show the "
                         "publication before it (see above why)",
                         opt->out);
        if (r != OR_PUBLISH_OK)
            code = publish_code(r);
        if (published && opt->notify &&
            or_write_notices(&pub, folder, opt->notify, &notices, &diags) != 0)
            code = EXIT_CANNOT_WRITE;
    }

out_report:
    cli_print_diags(&diags, opt->quiet);
    if (bad_input)
        cli_report_errors(opt, &diags);
    if (roster && opt->json) {
        if (or_write_summary_json(stdout, &pub) != 0 && code <= EXIT_SHORTFALL)
            code = EXIT_CANNOT_WRITE;
    } else if (roster && published) {
        /* The roster is in the publication: print what needs attention
         * (holes, and changes people must be told of), then one line. */
        if (roster->nshortfall)
            or_write_shortfall_text(stdout, dept, cal, roster);
        size_t changed = or_changes_count(&pub);
        if (changed)
            or_write_changes_text(stdout, &pub);
        if (!opt->quiet) {
            char gap[48] = "";
            if (roster->status != OR_SOLVE_OPTIMAL && isfinite(roster->bound))
                snprintf(gap, sizeof(gap), " (gap %.1f %%)", 100 * roster->gap);
            printf("%spublished %s: %s%s, cost %.0f, %d unfilled, %zu changed; %zu specialist "
                   "and %zu campus calendars, department.ics, roster.html, roster.csv, "
                   "roster-excel.csv, summary.json, history.json%s\n",
                   roster->nshortfall || changed ? "\n" : "", folder,
                   or_status_name(roster->status), gap, roster->objective, roster->soft.shortfall,
                   changed, dept->nspecialists, dept->ncampuses,
                   code == EXIT_CANNOT_WRITE ? "" : "; feeds updated");
        }
        if (notices)
            printf("%zu message%s for the people concerned in %s\n", notices,
                   notices == 1 ? "" : "s", opt->notify);
    } else if (roster) {
        print_result(opt, dept, cal, roster);
        /* Changes need telling to the people concerned: shown even quiet,
         * but only when they reached the calendars (or none were asked). */
        if (previous && !opt->out && (!opt->quiet || or_changes_count(&pub)))
            or_write_changes_text(stdout, &pub);
    }
    if (published) {
        /* said above */
    } else if (code == 130 && !opt->out) {
        fprintf(stderr, "oncoroster: stopped\n");
    } else if (opt->out && (roster || code == 130)) {
        struct stat st;
        bool before = folder[0] && stat(folder, &st) == 0;
        fprintf(stderr, "oncoroster: %snothing was published%s%s%s\n",
                code == 130 ? "stopped; " : "", before ? ", the previous publication in " : "",
                before ? folder : "", before ? " is unchanged" : "");
    }
    or_lock_release(lock);
    or_previous_free(previous);
    or_published_free(published_before);
    or_history_free(history);
    or_roster_free(roster);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
    return code;
}

int cli_cmd_export_model(const struct options *opt)
{
    or_day first, last;
    int code = cli_month_of(opt, &first, &last);
    if (code >= 0)
        return code;
    enum or_model_format format = OR_MODEL_MPS;
    if (opt->format && strcmp(opt->format, "lp") == 0)
        format = OR_MODEL_LP;
    else if (opt->format && strcmp(opt->format, "mps") != 0)
        return cli_usage_error("--format '%s' is not known; use mps or lp", opt->format);
    if (!opt->output)
        return cli_usage_error("%s needs -o PATH for the program", "export-model");
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    struct or_calendar *cal = NULL;
    code = EXIT_INVALID;
    if (cli_load_month(opt, first, last, &dept, &cal, &diags)) {
        code = or_model_export(dept, cal, NULL, opt->output, format, &diags) == 0
                   ? EXIT_OK
                   : EXIT_CANNOT_WRITE;
    }
    cli_print_diags(&diags, opt->quiet);
    if (code == EXIT_INVALID)
        cli_report_errors(opt, &diags);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
    return code;
}

/* A specialist named on the command line by id. */
static int specialist_of(const struct or_department *dept, const char *id, struct or_diags *diags)
{
    const char **ids = malloc((dept->nspecialists + 1) * sizeof(*ids));
    for (size_t s = 0; s < dept->nspecialists; s++) {
        if (strcmp(dept->specialists[s].id, id) == 0) {
            free(ids);
            return (int)s;
        }
        if (ids)
            ids[s] = dept->specialists[s].id;
    }
    const char *guess = ids ? or_suggest(id, ids, dept->nspecialists) : NULL;
    or_diags_add(diags, OR_ERROR, (or_pos){0},
                 "no specialist has the id '%s' in the department file%s%s%s", id,
                 guess ? " (did you mean '" : "", guess ? guess : "", guess ? "'?)" : "");
    free(ids);
    return -1;
}

int cli_cmd_swap(const struct options *opt)
{
    if (!opt->file || opt->nargs < 3)
        return cli_usage_error("%s needs FILE A DATE_A B [DATE_B] --out DIR, such as: swap "
                               "department.yaml apeeters 2027-03-16 bjanssens 2027-03-18 --out "
                               "rosters/",
                               "swap");
    if (!opt->out)
        return cli_usage_error("%s changes a published month: give the folder with --out", "swap");
    or_day day_a, day_b = -1, first, last;
    if (!or_day_parse(opt->args[1], strlen(opt->args[1]), &day_a))
        return cli_usage_error("'%s' is not a date; write it as 2027-03-16", opt->args[1]);
    if (opt->nargs > 3 && !or_day_parse(opt->args[3], strlen(opt->args[3]), &day_b))
        return cli_usage_error("'%s' is not a date; write it as 2027-03-18", opt->args[3]);
    /* The month of the first date, unless --month says otherwise. */
    struct options o = *opt;
    char month[11];
    if (!o.month) {
        or_day_format(day_a, month);
        month[7] = '\0';
        o.month = month;
    }
    int code = cli_month_of(&o, &first, &last);
    if (code >= 0)
        return code;
    if (day_a < first || day_a > last || (day_b >= 0 && (day_b < first || day_b > last)))
        return cli_usage_error("both dates must lie in the month %s; swap within one month",
                               o.month);
    struct or_publication pub = {0};
    if (!revision_time(&pub.revision, &pub.reproducible))
        return EXIT_INVALID;
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    struct or_calendar *cal = NULL;
    struct or_lock *lock = NULL;
    struct or_published *published = NULL;
    struct or_previous *previous = NULL;
    struct or_history *history = NULL;
    struct or_roster *roster = NULL;
    char folder[PATH_MAX], path[PATH_MAX + 32];
    size_t notices = 0;
    code = EXIT_INVALID;
    if (!cli_load_month(&o, first, last, &dept, &cal, &diags)) {
        cli_print_diags(&diags, opt->quiet);
        cli_report_errors(opt, &diags);
        goto out;
    }
    int taken = take_month(opt->out, first, folder, &lock, &history, &diags);
    if (taken >= 0) {
        code = taken;
        goto out_print;
    }
    or_day_format(first, month);
    snprintf(path, sizeof(path), "%s/summary.json", folder);
    struct stat st;
    if (stat(path, &st) != 0) {
        or_diags_add(&diags, OR_ERROR, (or_pos){0},
                     "nothing is published for %.7s in '%s' yet: publish the month with 'solve "
                     "--out' first, then swap",
                     month, opt->out);
        goto out_print;
    }
    if (or_input_read_published(&published, path, &diags) != 0 ||
        or_previous_build(&previous, published, dept, cal, first, &diags) != 0)
        goto out_print;
    int a = specialist_of(dept, opt->args[0], &diags),
        b = specialist_of(dept, opt->args[2], &diags);
    if (a < 0 || b < 0)
        goto out_print;
    if (a == b) {
        or_diags_add(&diags, OR_ERROR, (or_pos){0}, "a swap needs two different specialists");
        goto out_print;
    }
    if (or_swap(&roster, dept, cal, previous, a, day_a, b, day_b, &diags) != 0)
        goto out_print;
    pub.dept = dept;
    pub.cal = cal;
    pub.roster = roster;
    pub.previous = previous;
    pub.published = published;
    pub.history = history;
    pub.feed_past = opt->feed_past < 0 ? 3 : (int)opt->feed_past;
    pub.why = "swap";
    char where[PATH_MAX];
    enum or_publish_result r = or_publish(lock, &pub, NULL, where, &diags);
    code = r == OR_PUBLISH_OK ? EXIT_OK : publish_code(r);
    if ((r == OR_PUBLISH_OK || r == OR_PUBLISH_NO_FEEDS) && opt->notify &&
        or_write_notices(&pub, folder, opt->notify, &notices, &diags) != 0)
        code = EXIT_CANNOT_WRITE;
    if (r == OR_PUBLISH_OK || r == OR_PUBLISH_NO_FEEDS) {
        or_write_changes_text(stdout, &pub);
        printf("\npublished %s with the swap: %zu session%s changed, nothing else\n", folder,
               or_changes_count(&pub), or_changes_count(&pub) == 1 ? "" : "s");
        if (notices)
            printf("%zu message%s for the people concerned in %s\n", notices,
                   notices == 1 ? "" : "s", opt->notify);
    }
out_print:
    cli_print_diags(&diags, opt->quiet);
out:
    or_lock_release(lock);
    or_roster_free(roster);
    or_history_free(history);
    or_previous_free(previous);
    or_published_free(published);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
    return code;
}

/*
 * common.c - the steps every command takes: reading the department file
 * for the month asked, and telling the user what went wrong (a mistake on
 * the command line, or the diagnostics the libraries report).
 */
#include "cli.h"
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int cli_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "oncoroster: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'oncoroster --help'.\n");
    return EXIT_INVALID;
}

/* The month after today's, in local time. */
static void next_month(or_day *first, or_day *last)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int y = tm.tm_year + 1900, m = tm.tm_mon + 2;
    if (m == 13) {
        m = 1;
        y++;
    }
    *first = or_day_from_ymd(y, m, 1);
    *last = or_day_from_ymd(y, m, or_days_in_month(y, m));
}

void cli_print_diags(struct or_diags *diags, bool quiet)
{
    or_diags_sort(diags);
    for (size_t i = 0; i < diags->count; i++) {
        const struct or_diag *d = &diags->items[i];
        if (quiet && d->severity == OR_NOTE)
            continue;   /* the same every run, nothing to act on: not for cron's mail */
        if (!d->file) { /* not about an input file: about the run */
            fprintf(stderr, "oncoroster: %s%s\n",
                    d->severity == OR_ERROR     ? ""
                    : d->severity == OR_WARNING ? "warning: "
                                                : "note: ",
                    d->message);
            continue;
        }
        char *line = or_diag_format(d);
        fprintf(stderr, "%s\n", line ? line : d->message);
        free(line);
    }
}

/* The month's first and last day from --month, or next month. */
int cli_month_of(const struct options *opt, or_day *first, or_day *last)
{
    if (!opt->file)
        return cli_usage_error("%s needs a department file", opt->command);
    if (opt->month) {
        if (!or_month_parse(opt->month, first, last))
            return cli_usage_error("--month '%s' is not a month; write it as 2027-01", opt->month);
    } else {
        next_month(first, last);
    }
    return -1;
}

/* Reads, resolves and lays out the month; false when the input has errors. */
bool cli_load_month(const struct options *opt, or_day first, or_day last,
                    struct or_department **dept, struct or_calendar **cal, struct or_diags *diags)
{
    int read_rc = or_input_read_department(dept, opt->file, first, last, diags);
    /* Resolve even after reading errors, to report every problem at once. */
    if (!*dept || or_department_resolve(*dept, diags) != 0 || read_rc != 0 ||
        or_calendar_build(cal, *dept, first, last, diags) != 0 ||
        or_calendar_check_pins(*cal, diags) != 0)
        return false;
    return true;
}

void cli_report_errors(const struct options *opt, const struct or_diags *diags)
{
    fprintf(stderr, "%s: %zu error%s, %zu warning%s: fix the errors above and run check again\n",
            opt->file, diags->errors, diags->errors == 1 ? "" : "s", diags->warnings,
            diags->warnings == 1 ? "" : "s");
}

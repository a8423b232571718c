/*
 * nrp_cmd.c - the nrp command: a shift-scheduling benchmark instance
 * (docs/benchmark.md) solved like any month, its objective printed and its
 * roster written in the benchmark's own format.
 */
#include "cli.h"
#include "input.h"
#include "solver.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes the roster of a benchmark instance, one EmployeeID,Day,ShiftID
 * line per worked day, through a temporary file renamed into place. */
static int write_nrp_roster(const char *path, const struct or_department *dept,
                            const struct or_calendar *cal, const struct or_roster *roster)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp)) {
        fprintf(stderr, "oncoroster: %s: the path is too long\n", path);
        return -1;
    }
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr,
                "oncoroster: cannot write %s: %s; check that its folder exists and is "
                "writable\n",
                path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return -1;
    }
    for (size_t s = 0; s < dept->nspecialists; s++)
        for (size_t o = 0; o < cal->nocc; o++)
            for (const int *p = roster->staff[o]; *p >= 0; p++)
                if (*p == (int)s)
                    fprintf(f, "%s,%d,%s\n", dept->specialists[s].id, cal->occ[o].day - cal->first,
                            dept->activities[cal->occ[o].activity].id);
    bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "oncoroster: cannot write %s: %s; nothing was written\n", path,
                strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* The shift-scheduling benchmark (docs/benchmark.md): the instance read into
 * a department from Monday 2024-01-01, solved like any month. */
int cli_cmd_nrp(const struct options *opt)
{
    if (!opt->file)
        return cli_usage_error("nrp needs an instance file, such as %s", "Instance1.txt");
    enum or_model_format format = OR_MODEL_MPS;
    if (opt->format && strcmp(opt->format, "lp") == 0)
        format = OR_MODEL_LP;
    else if (opt->format && strcmp(opt->format, "mps") != 0)
        return cli_usage_error("--format '%s' is not known; use mps or lp", opt->format);
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    struct or_calendar *cal = NULL;
    struct or_roster *roster = NULL;
    or_day first = or_day_from_ymd(2024, 1, 1), last = first;
    int code = EXIT_INVALID;
    if (or_input_read_nrp(&dept, &last, opt->file, first, &diags) != 0 ||
        or_calendar_build(&cal, dept, first, last, &diags) != 0)
        goto out;
    if (opt->output) {
        code = or_model_export(dept, cal, NULL, opt->output, format, &diags) == 0
                   ? EXIT_OK
                   : EXIT_CANNOT_WRITE;
        goto out;
    }
    int rc = cli_run_solver(opt, dept, cal, NULL, true, &roster, &diags);
    if (rc != 0) {
        code = diags.errors ? EXIT_INVALID : EXIT_INTERNAL;
        goto out;
    }
    code = EXIT_OK;
    if (opt->roster_out && write_nrp_roster(opt->roster_out, dept, cal, roster) != 0)
        code = EXIT_CANNOT_WRITE;
    if (roster->soft.hours_short) {
        fprintf(stderr,
                "oncoroster: no roster meets every employee's MinTotalMinutes in the time "
                "given (%d hours short); give more time\n",
                roster->soft.hours_short);
        if (code == EXIT_OK)
            code = EXIT_SHORTFALL;
    }
    if (!opt->quiet) {
        char bound[32] = "none";
        if (isfinite(roster->bound))
            snprintf(bound, sizeof(bound), "%.0f",
                     ceil(roster->bound - 1e-6) + (double)or_nrp_offset(dept));
        printf("%s: %s, bound %s, %.1f s, under/over cover %ld, requests %ld\n", dept->name,
               or_status_name(roster->status), bound, roster->seconds, roster->soft.cover,
               (long)roster->soft.preferences + or_nrp_offset(dept));
    }
    printf("%.0f\n", roster->objective + (double)or_nrp_offset(dept));
    if (roster->status == OR_SOLVE_INTERRUPTED)
        code = 130;
    else if (roster->status == OR_SOLVE_FAILED)
        code = EXIT_INTERNAL; /* the searches could not run: said above */
out:
    cli_print_diags(&diags, opt->quiet);
    or_roster_free(roster);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
    return code;
}

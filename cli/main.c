/*
 * main.c - the oncoroster command line: parses the arguments, runs the
 * command asked for (a *_cmd.c file) and leaves with its exit code.  With
 * the rest of cli/, the only place that prints or exits.
 */
#include "cli.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: oncoroster COMMAND [OPTIONS]\n"
    "\n"
    "Rosters a pool of specialists shared between hospital campuses.\n"
    "\n"
    "Commands:\n"
    "  check FILE [--month YYYY-MM]   validate a department file and forecast whether\n"
    "                                 the month can be covered (default: next month)\n"
    "  solve FILE [--month YYYY-MM] [--out DIR]\n"
    "                                 roster the month, print it and, with --out,\n"
    "                                 publish calendars, overview and summary\n"
    "  swap FILE A DATE_A B [DATE_B] --out DIR\n"
    "                                 give specialist A's sessions of DATE_A to B and\n"
    "                                 (with DATE_B) B's of DATE_B to A in the published\n"
    "                                 month, if every hard rule holds; publish that\n"
    "  report DIR                     duties per specialist and month published in DIR\n"
    "  export-model FILE [--month YYYY-MM] --format mps|lp -o PATH\n"
    "                                 write the integer program solve solves\n"
    "  nrp INSTANCE [--roster-out FILE]\n"
    "                                 solve a shift-scheduling benchmark instance\n"
    "                                 (Curtois & Qu format); the last line printed is\n"
    "                                 its objective; with -o, write its program instead\n"
    "\n"
    "Options:\n"
    "  --month YYYY-MM     the month to roster\n"
    "  --time-limit SEC    solve: stop after this many seconds, a hard deadline (60)\n"
    "  --gap FRACTION      solve: stop within this relative gap of the bound (0)\n"
    "  --no-decompose      solve, nrp: leave out the split by specialist (column\n"
    "                      generation), on by default for a stronger bound;\n"
    "                      --decompose turns it back on (the last one given counts)\n"
    "  --out DIR           solve: publish into DIR/YYYY-MM/ (atomically, one run at a time)\n"
    "  --json              solve: print summary.json instead of the roster\n"
    "  --previous PATH     solve: re-plan against this published month (its folder or\n"
    "                      summary.json), or 'none'; default: what --out holds\n"
    "  --replan-from DATE  solve: keep the published roster before DATE (default: today)\n"
    "  --fairness-window N solve: even out duties over N months, this one and those\n"
    "                      published before it in --out (3)\n"
    "  --notify DIR        solve: after a re-plan, write a message (.eml) for each\n"
    "                      specialist whose sessions changed into DIR, for cron to mail\n"
    "  --feed-months N     solve: past months the feeds in DIR/feeds/ keep, besides\n"
    "                      this month and those after it (3)\n"
    "  --format mps|lp     export-model, nrp: free MPS or CPLEX LP (mps)\n"
    "  -o PATH             export-model, nrp: where to write the program\n"
    "  --roster-out FILE   nrp: write the roster as EmployeeID,Day,ShiftID lines\n"
    "  --quiet, -q         print only problems\n"
    "  --verbose, -v       solve: trace the search on standard error\n"
    "  --help, -h          show this help\n"
    "  --version           show the version\n"
    "\n"
    "Exit codes: 0 published (check: ready); 1 places unfilled (check: shortfall\n"
    "expected); 2 invalid input or command line; 3 cannot write output; 4 another\n"
    "run holds the lock; 5 internal error; 6 places unfilled that a longer\n"
    "--time-limit may fill (someone was free for each); 130 stopped by SIGINT or\n"
    "SIGTERM, nothing published.\n"
    "The department file: man 5 oncoroster-department, or\n"
    "  " ONCOROSTER_DOCDIR "/department-file.md\n"
    "Running from cron: " ONCOROSTER_DOCDIR "/cron.md\n";

/* Reads a number option's value; returns false (after a message) when bad. */
static bool number_arg(const char *name, const char *text, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (!*text || *end || !(v >= lo && v <= hi)) {
        fprintf(stderr, "oncoroster: %s '%s' must be a number from %g to %g\n", name, text, lo, hi);
        fprintf(stderr, "Try 'oncoroster --help'.\n");
        return false;
    }
    *out = v;
    return true;
}

/* Returns -1 to go on, or the exit code to leave with. */
static int parse_args(int argc, char **argv, struct options *opt)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("oncoroster %s\n", ONCOROSTER_VERSION);
            return EXIT_OK;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            opt->quiet = true;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            opt->verbose = true;
        } else if (strcmp(a, "--month") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("--month needs a month such as %s", "2027-01");
            opt->month = argv[++i];
        } else if (strncmp(a, "--month=", 8) == 0) {
            opt->month = a + 8;
        } else if (strcmp(a, "--time-limit") == 0 || strcmp(a, "--gap") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a number", a);
            bool limit = a[2] == 't';
            if (!number_arg(a, argv[++i], limit ? 0.1 : 0, limit ? 86400 : 1,
                            limit ? &opt->time_limit : &opt->gap))
                return EXIT_INVALID;
        } else if (strcmp(a, "--json") == 0) {
            opt->json = true;
        } else if (strcmp(a, "--decompose") == 0 || strcmp(a, "--no-decompose") == 0) {
            opt->compact = a[2] == 'n';
        } else if (strcmp(a, "--out") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a folder to publish into", a);
            opt->out = argv[++i];
        } else if (strncmp(a, "--out=", 6) == 0) {
            opt->out = a + 6;
        } else if (strcmp(a, "--previous") == 0 || strcmp(a, "--replan-from") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(a[2] == 'p' ? "%s needs a published month folder or 'none'"
                                                   : "%s needs a date such as 2027-03-16",
                                       a);
            if (a[2] == 'p')
                opt->previous = argv[++i];
            else
                opt->replan_from = argv[++i];
        } else if (strcmp(a, "--fairness-window") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a number of months", a);
            if (!number_arg(a, argv[++i], 1, 24, &opt->window) || opt->window != (int)opt->window)
                return cli_usage_error(
                    "--fairness-window needs a whole number of months, such as %s", "3");
        } else if (strcmp(a, "--notify") == 0) {
            if (i + 1 >= argc || !*argv[i + 1])
                return cli_usage_error("%s needs a folder to write the messages into", a);
            opt->notify = argv[++i];
        } else if (strcmp(a, "--feed-months") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a number of months", a);
            if (!number_arg(a, argv[++i], 0, 120, &opt->feed_past) ||
                opt->feed_past != (int)opt->feed_past)
                return cli_usage_error("--feed-months needs a whole number of months, such as %s",
                                       "3");
        } else if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs mps or lp", a);
            opt->format = argv[++i];
        } else if (strcmp(a, "--roster-out") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a file name", a);
            opt->roster_out = argv[++i];
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("%s needs a file name", a);
            opt->output = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            static const char *const known[] = {"--help",        "--version",
                                                "--quiet",       "--month",
                                                "--format",      "--output",
                                                "--time-limit",  "--gap",
                                                "--verbose",     "--out",
                                                "--json",        "--previous",
                                                "--replan-from", "--fairness-window",
                                                "--roster-out",  "--feed-months",
                                                "--decompose",   "--no-decompose"};
            const char *guess = or_suggest(a, known, sizeof(known) / sizeof(known[0]));
            if (guess) {
                fprintf(stderr, "oncoroster: unknown option '%s' (did you mean '%s'?)\n", a, guess);
                fprintf(stderr, "Try 'oncoroster --help'.\n");
                return EXIT_INVALID;
            }
            return cli_usage_error("unknown option '%s'", a);
        } else if (!opt->command) {
            opt->command = a;
        } else if (!opt->file) {
            opt->file = a;
        } else if (strcmp(opt->command, "swap") == 0 && opt->nargs < 4) {
            opt->args[opt->nargs++] = a;
        } else {
            return cli_usage_error("unexpected argument '%s'", a);
        }
    }
    if (!opt->command) {
        fputs(usage_text, stderr);
        return EXIT_INVALID;
    }
    if (opt->out && !*opt->out)
        return cli_usage_error("--out needs a folder to publish into%s", "");
    if (opt->notify && !opt->out)
        return cli_usage_error("--notify writes messages about a publication: give --out too%s",
                               "");
    return -1;
}

int main(int argc, char **argv)
{
    static const char *const commands[] = {"check",  "solve", "export-model",
                                           "report", "nrp",   "swap"};
    struct options opt = {.feed_past = -1};
    int code = parse_args(argc, argv, &opt);
    if (code >= 0)
        return code;
    if (strcmp(opt.command, "check") == 0)
        code = cli_cmd_check(&opt);
    else if (strcmp(opt.command, "solve") == 0)
        code = cli_cmd_solve(&opt);
    else if (strcmp(opt.command, "swap") == 0)
        code = cli_cmd_swap(&opt);
    else if (strcmp(opt.command, "report") == 0)
        code = cli_cmd_report(&opt);
    else if (strcmp(opt.command, "export-model") == 0)
        code = cli_cmd_export_model(&opt);
    else if (strcmp(opt.command, "nrp") == 0)
        code = cli_cmd_nrp(&opt);
    else if (or_suggest(opt.command, commands, 6)) {
        fprintf(stderr, "oncoroster: unknown command '%s' (did you mean '%s'?)\n", opt.command,
                or_suggest(opt.command, commands, 6));
        fprintf(stderr, "Try 'oncoroster --help'.\n");
        code = EXIT_INVALID;
    } else
        code = cli_usage_error("unknown command '%s'; see --help for the commands", opt.command);
    if (fflush(stdout) != 0 && code == EXIT_OK)
        code = EXIT_CANNOT_WRITE;
    return code;
}

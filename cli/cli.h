/*
 * cli.h - what the files of the command line share: its exit codes, the
 * options it parsed, the steps several commands take and the commands
 * themselves.  Only cli/ includes it.
 */
#ifndef ONCOROSTER_CLI_H
#define ONCOROSTER_CLI_H

#include "scheduler.h"

/* Exit codes, documented in README.md and docs/oncoroster.pod. */
enum {
    EXIT_OK = 0,        /* success */
    EXIT_SHORTFALL = 1, /* success, but places stay (or will stay) unfilled */
    EXIT_INVALID = 2,   /* invalid input or command line */
    EXIT_CANNOT_WRITE = 3,
    EXIT_LOCKED = 4,
    EXIT_INTERNAL = 5,
    EXIT_TIME_SHORT = 6, /* published, places unfilled that a longer --time-limit may fill */
};

/* The command line, as parsed. */
struct options {
    const char *command;
    const char *file;
    const char *month;
    const char *format;
    const char *output;
    const char *out;
    const char *previous;
    const char *replan_from;
    const char *roster_out;
    const char *notify;  /* --notify DIR */
    const char *args[4]; /* swap: SPECIALIST DATE SPECIALIST [DATE] */
    int nargs;
    double time_limit;
    double gap;
    double window;
    double feed_past; /* -1: the default */
    bool quiet;
    bool verbose;
    bool json;
    bool compact; /* --no-decompose */
};

/* common.c: steps the commands share. */

/* Prints a mistake on the command line (fmt with arg) and where to find
 * help; returns EXIT_INVALID. */
int cli_usage_error(const char *fmt, const char *arg);

/* Prints diagnostics on standard error; quiet (-q) leaves out the notes. */
void cli_print_diags(struct or_diags *diags, bool quiet);

/* The month's first and last day from --month, or next month; -1 to go on,
 * or the exit code to leave with. */
int cli_month_of(const struct options *opt, or_day *first, or_day *last);

/* Reads, resolves and lays out the month; false when the input has errors. */
bool cli_load_month(const struct options *opt, or_day first, or_day last,
                    struct or_department **dept, struct or_calendar **cal, struct or_diags *diags);

/* The last line after errors in the department file. */
void cli_report_errors(const struct options *opt, const struct or_diags *diags);

/* replan.c: solve's policies around what is already published. */

/* The published roster solve re-plans against (--previous, else what the
 * month's folder under --out holds), or none; false after errors. */
bool cli_load_previous(const struct options *opt, const char *folder, or_day first, or_day last,
                       const struct or_department *dept, const struct or_calendar *cal,
                       struct or_previous **out, struct or_published **published_out,
                       struct or_diags *diags);

/* Replaces the department's carry with the duties published in --out in
 * the months of the fairness window before `first`; `from` names them. */
bool cli_carry_over(const struct options *opt, struct or_department *dept, or_day first, char *from,
                    size_t size, struct or_diags *diags);

/* solve_cmd.c: the solver run that nrp shares with solve. */

/* Solves with the command line's limits: SIGINT and SIGTERM stop it
 * cleanly, and a terminal shows live progress unless -q or -v. */
int cli_run_solver(const struct options *opt, const struct or_department *dept,
                   const struct or_calendar *cal, const struct or_previous *previous,
                   bool no_reasons, struct or_roster **roster, struct or_diags *diags);

/* The commands (check_cmd.c, solve_cmd.c, report_cmd.c, nrp_cmd.c); each
 * returns the exit code to leave with. */
int cli_cmd_check(const struct options *opt);
int cli_cmd_solve(const struct options *opt);
int cli_cmd_swap(const struct options *opt);
int cli_cmd_export_model(const struct options *opt);
int cli_cmd_report(const struct options *opt);
int cli_cmd_nrp(const struct options *opt);

#endif

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
    double time_limit;
    double gap;
    double window;
    bool quiet;
    bool verbose;
    bool json;
};

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

#endif

/*
 * testutil.h - helpers shared by the Check suites: loading a department from
 * YAML text, finding a diagnostic, running the oncoroster binary.
 */
#ifndef ONCOROSTER_TESTUTIL_H
#define ONCOROSTER_TESTUTIL_H

#include "input.h"
#include "scheduler.h"
#include "solver.h"

/* Reads and resolves a department from YAML text for the horizon 2027-01;
 * returns NULL when reading or resolving reported errors (left in diags). */
struct or_department *tu_load(const char *yaml, struct or_diags *diags);
/* The same for any horizon. */
struct or_department *tu_load_range(const char *yaml, or_day first, or_day last,
                                    struct or_diags *diags);
/* Reads and resolves a department file; NULL when errors were reported. */
struct or_department *tu_load_file(const char *path, or_day first, or_day last,
                                   struct or_diags *diags);
/* True when some message contains `needle` (and has that line, if > 0). */
bool tu_has_diag(const struct or_diags *diags, int line, const char *needle);
/* All messages joined with newlines, for failure output; caller frees. */
char *tu_diags_text(const struct or_diags *diags);
or_day tu_day(const char *iso);
time_t tu_utc(int y, int mo, int d, int h, int mi);

/* Builds the calendar of dept over [first, last] into *cal and solves it
 * within time_limit seconds into *roster, with no other option.  Returns
 * or_solve()'s result; -2 when the calendar could not be built. */
int tu_solve(struct or_roster **roster, struct or_calendar **cal, const struct or_department *dept,
             or_day first, or_day last, double time_limit, struct or_diags *diags);

/* Runs the oncoroster binary in `cwd` with argv (NULL-terminated); fills
 * *out and *err with what it printed (caller frees); returns its exit code
 * or -1 when it did not exit normally. */
int tu_run(const char *cwd, const char *const *argv, char **out, char **err);

/* When tu_run_stopped() sends its signal: on an event of the run, never
 * after some time (a loaded machine makes any fixed time wrong). */
struct tu_stop {
    int sig;
    /* Once standard error holds this text (give the run --verbose); NULL:
     * once the program catches `sig` (SigCgt in /proc), that is, as soon as
     * it is ready to take a stop request. */
    const char *when_stderr_has;
    /* Out: whether the signal was sent (false when the program ended
     * first), and the processor seconds the program and its solving
     * processes used after it: the work a stop request did not stop,
     * whatever the load of the machine. */
    bool sent;
    double cpu_after;
};
/* Runs the oncoroster binary as tu_run() does and stops it as `stop` says. */
int tu_run_stopped(const char *cwd, const char *const *argv, char **out, char **err,
                   struct tu_stop *stop);

/* Processor seconds used so far by this process and the children it has
 * waited for (the solving processes of or_solve()). */
double tu_cpu(void);

/* How many times slower than the plain build this build runs: about 3
 * under AddressSanitizer and UBSan, else 1.  Scales bounds on processor
 * time, which the machine's load does not change. */
double tu_slowdown(void);

char *tu_read_file(const char *path);

#endif

/*
 * check_cli.c - the oncoroster command as a department head meets it: the
 * bad-input corpus in tests/bad (each case's exact messages and exit code,
 * and nothing on standard output), `check` on the bundled examples, and the
 * command-line basics (--help, --version, exit codes).
 *
 * A corpus case is NAME.expected, with "# exit: N" and optionally
 * "# args: ..." (default: "check NAME.yaml --month 2027-01") followed by the
 * exact standard error.  The cases run with tests/bad as working directory.
 */
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CASES 256
#define MAX_ARGS  16

static char *case_names[MAX_CASES];
static int ncases;

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_cases(void)
{
    DIR *dir = opendir(TEST_BAD_DIR);
    if (!dir)
        return;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL && ncases < MAX_CASES) {
        size_t len = strlen(e->d_name);
        if (len > 9 && strcmp(e->d_name + len - 9, ".expected") == 0)
            case_names[ncases++] = strndup(e->d_name, len - 9);
    }
    closedir(dir);
    qsort(case_names, (size_t)ncases, sizeof(char *), compare_names);
}

START_TEST(test_corpus_case)
{
    const char *name = case_names[_i];
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s.expected", TEST_BAD_DIR, name);
    char *expected = tu_read_file(path);
    ck_assert_ptr_nonnull(expected);

    /* Header lines. */
    int want_exit = -1;
    char args_line[512] = "";
    char *body = expected;
    while (body[0] == '#') {
        char *eol = strchr(body, '\n');
        ck_assert_ptr_nonnull(eol);
        *eol = '\0';
        if (strncmp(body, "# exit: ", 8) == 0)
            want_exit = atoi(body + 8);
        else if (strncmp(body, "# args: ", 8) == 0)
            snprintf(args_line, sizeof(args_line), "%s", body + 8);
        body = eol + 1;
    }
    ck_assert_int_ge(want_exit, 0);
    if (!args_line[0])
        snprintf(args_line, sizeof(args_line), "check %s.yaml --month 2027-01", name);

    const char *argv[MAX_ARGS] = {"oncoroster"};
    int argc = 1;
    for (char *tok = strtok(args_line, " "); tok && argc < MAX_ARGS - 1; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    argv[argc] = NULL;

    char *out = NULL, *err = NULL;
    int code = tu_run(TEST_BAD_DIR, argv, &out, &err);
    ck_assert_msg(code == want_exit, "%s: exit %d, want %d; stderr:\n%s", name, code, want_exit,
                  err);
    ck_assert_msg(strcmp(err, body) == 0, "%s: stderr differs.\n--- want:\n%s--- got:\n%s", name,
                  body, err);
    if (want_exit == 2)
        ck_assert_msg(out[0] == '\0', "%s: printed on stdout despite errors:\n%s", name, out);
    free(out);
    free(err);
    free(expected);
}
END_TEST

START_TEST(test_corpus_is_large_enough)
{
    /* The foundation issue asks for at least 30 bad inputs. */
    ck_assert_int_ge(ncases, 30);
}
END_TEST

START_TEST(test_check_vilvoorde_mechelen)
{
    const char *argv[] = {"oncoroster", "check",   "vilvoorde-mechelen.yaml",
                          "--month",    "2027-01", NULL};
    char *out, *err;
    int code = tu_run(EXAMPLES_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_nonnull(strstr(out, "12 specialists"));
    ck_assert_ptr_nonnull(strstr(out, "closed 2027-01-01 (Nieuwjaar)"));
    ck_assert_ptr_nonnull(strstr(out, "2027-W02"));
    ck_assert_ptr_nonnull(strstr(out, "ready to roster"));
    free(out);
    free(err);
}
END_TEST

/* The full example: every month the benchmarks solve is ready to roster. */
START_TEST(test_check_vilvoorde_mechelen_full)
{
    const char *months[] = {"2027-01", "2027-03", "2027-10"};
    for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
        const char *argv[] = {"oncoroster", "check",   "vilvoorde-mechelen-full.yaml",
                              "--month",    months[i], NULL};
        char *out, *err;
        int code = tu_run(EXAMPLES_DIR, argv, &out, &err);
        ck_assert_msg(code == 0, "%s: exit %d\n%s%s", months[i], code, out, err);
        /* Notes only: pins of the other months are left for them. */
        ck_assert_msg(!strstr(err, "error") && !strstr(err, "warning"), "%s", err);
        ck_assert_ptr_nonnull(strstr(out, "12 specialists"));
        ck_assert_ptr_nonnull(strstr(out, "ready to roster"));
        free(out);
        free(err);
    }
}
END_TEST

START_TEST(test_check_regional_network)
{
    const char *argv[] = {"oncoroster", "check",   "regional-network.yaml",
                          "--month",    "2027-01", NULL};
    char *out, *err;
    int code = tu_run(EXAMPLES_DIR, argv, &out, &err);
    ck_assert_msg(code == 0 || code == 1, "exit %d\n%s%s", code, out, err);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_nonnull(strstr(out, "4 campuses"));
    ck_assert_ptr_nonnull(strstr(out, "bonheiden"));
    free(out);
    free(err);
}
END_TEST

/* Solves a month of a department of tests/data into `out`; it must publish
 * without unfilled places. */
static void solve_into(const char *yaml, const char *month, const char *out_dir)
{
    const char *argv[] = {"oncoroster", "solve",        yaml, "--month", month, "--out",
                          out_dir,      "--time-limit", "10", "-q",      NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "%s %s: exit %d\n%s%s", yaml, month, code, out, err);
    free(out);
    free(err);
}

START_TEST(test_check_predicts_shortfall)
{
    /* Everyone with the breast skill is away on 12 January: check names the
     * clinic, says why for each of them, and exits with the shortfall code. */
    const char *argv[] = {"oncoroster", "check", "shortfall.yaml", "--month", "2027-01", NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 1, "exit %d\n%s%s", code, out, err);
    ck_assert_ptr_nonnull(strstr(out, "1 occurrence cannot be covered"));
    ck_assert_ptr_nonnull(strstr(out, "2027-01-12 tue 08:30  Borstraadpleging at AZ Jan Portaels "
                                      "(breast-tue): needs 1, 0 can take it"));
    ck_assert_ptr_nonnull(strstr(out, "Dr. An Peeters: on leave: ESMO Breast"));
    ck_assert_ptr_nonnull(strstr(out, "Dr. Els Mertens: fixed weekly unavailability"));
    /* Who cannot work there at all, named with the reason: the skill, the
     * campus; several with one reason in one line. */
    ck_assert_ptr_nonnull(strstr(out, "      Dr. Bart Janssens, Dr. Piet Claes: lacks the skill "
                                      "'breast'\n"));
    ck_assert_ptr_nonnull(strstr(out, "      Dr. Jan Wouters: does not work at AZ Jan Portaels\n"));
    ck_assert_ptr_nonnull(strstr(out, "not ready"));
    /* --quiet keeps the problem, drops the tables. */
    const char *quiet[] = {"oncoroster", "check", "shortfall.yaml", "--month", "2027-01",
                           "-q",         NULL};
    free(out);
    free(err);
    code = tu_run(TEST_DATA_DIR, quiet, &out, &err);
    ck_assert_int_eq(code, 1);
    ck_assert_ptr_null(strstr(out, "Capacity per week"));
    ck_assert_ptr_nonnull(strstr(out, "cannot be covered"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_help_and_version)
{
    const char *help[] = {"oncoroster", "--help", NULL};
    char *out, *err;
    ck_assert_int_eq(tu_run(NULL, help, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Usage: oncoroster"));
    ck_assert_ptr_nonnull(strstr(out, "Exit codes"));
    free(out);
    free(err);
    const char *version[] = {"oncoroster", "--version", NULL};
    ck_assert_int_eq(tu_run(NULL, version, &out, &err), 0);
    ck_assert_int_eq(strncmp(out, "oncoroster ", 11), 0);
    free(out);
    free(err);
    const char *none[] = {"oncoroster", NULL};
    ck_assert_int_eq(tu_run(NULL, none, &out, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "Usage"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_solve_prints_roster)
{
    const char *argv[] = {"oncoroster", "solve",   "vilvoorde-mechelen.yaml",
                          "--month",    "2027-01", "--time-limit",
                          "5",          NULL};
    char *out, *err;
    int code = tu_run(EXAMPLES_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
    ck_assert_str_eq(err, ""); /* no terminal: no progress line */
    ck_assert_ptr_nonnull(strstr(out, "2027-01-04 mon"));
    ck_assert_ptr_nonnull(strstr(out, "Afdeling oncologie"));
    ck_assert_ptr_nonnull(strstr(out, "objective"));
    ck_assert_ptr_nonnull(strstr(out, "shortfall 0, continuity"));
    free(out);
    free(err);
}
END_TEST

/* Pins of other months are a note: said without -q, and not mailed by
 * cron every night with it (carry.yaml pins February; March is solved). */
START_TEST(test_quiet_leaves_out_notes)
{
    for (int quiet = 0; quiet <= 1; quiet++) {
        const char *check[] = {"oncoroster",        "check", "carry.yaml", "--month", "2027-03",
                               quiet ? "-q" : NULL, NULL};
        const char *solve[] = {"oncoroster",   "solve", "carry.yaml",        "--month", "2027-03",
                               "--time-limit", "5",     quiet ? "-q" : NULL, NULL};
        const char *const *runs[] = {check, solve};
        for (size_t i = 0; i < 2; i++) {
            char *out, *err;
            int code = tu_run(TEST_DATA_DIR, runs[i], &out, &err);
            ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
            if (quiet)
                ck_assert_msg(strcmp(err, "") == 0, "%s -q printed:\n%s", runs[i][1], err);
            else
                ck_assert_msg(strstr(err, "note: pin dates 2027-02-01..2027-02-28 are outside the "
                                          "month"),
                              "%s", err);
            free(out);
            free(err);
        }
    }
}
END_TEST

/* Search processes killed (as the kernel does for lack of memory): said on
 * standard error, the valid constructive roster published, and exit 5 so
 * that cron mails it.  One process killed alone is a warning. */
START_TEST(test_killed_search_is_reported)
{
    char dir[] = "/tmp/oncoroster-cli-killed-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *argv[] = {
        "oncoroster", "solve", "shortfall.yaml", "--month", "2027-01", "--time-limit",
        "10",         "-q",    "--out",          dir,       NULL};
    setenv("ONCOROSTER_TEST_FAULT", "kill-search", 1);
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    unsetenv("ONCOROSTER_TEST_FAULT");
    ck_assert_msg(code == 5, "exit %d\n%s%s", code, out, err);
    ck_assert_msg(strstr(err, "the branch and bound process was stopped by signal 9") &&
                      strstr(err, "the neighbourhood search process was stopped by signal 9") &&
                      strstr(err, "lack of memory"),
                  "%s", err);
    char path[PATH_MAX + 32];
    snprintf(path, sizeof(path), "%s/2027-01/summary.json", dir);
    char *summary = tu_read_file(path);
    ck_assert_msg(summary && strstr(summary, "\"status\": \"optimiser failed\""), "%s",
                  summary ? summary : "no summary.json");
    free(summary);
    free(out);
    free(err);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A file larger than the next run reads back is never published: the run
 * says which and how large, exits 3, and the month published before stays
 * as it was (a smaller limit stands in for a department at the caps). */
START_TEST(test_publication_too_large_is_refused)
{
    char dir[] = "/tmp/oncoroster-cli-large-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *argv[] = {
        "oncoroster", "solve", "shortfall.yaml", "--month", "2027-01", "--time-limit",
        "10",         "-q",    "--out",          dir,       NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code <= 1, "exit %d\n%s%s", code, out, err);
    free(out);
    free(err);
    char path[PATH_MAX + 32];
    snprintf(path, sizeof(path), "%s/2027-01/summary.json", dir);
    char *before = tu_read_file(path);
    ck_assert_ptr_nonnull(before);
    setenv("ONCOROSTER_TEST_FAULT", "publication-limit-4k", 1);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    unsetenv("ONCOROSTER_TEST_FAULT");
    ck_assert_msg(code == 3, "exit %d\n%s%s", code, out, err);
    ck_assert_msg(strstr(err, "more than the 0 MiB oncoroster reads back from a publication; "
                              "nothing was published"),
                  "%s", err);
    char *after = tu_read_file(path);
    ck_assert_msg(after && strcmp(before, after) == 0, "the publication before changed");
    free(before);
    free(after);
    free(out);
    free(err);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A previous publication whose specialists/ folder someone replaced with a
 * link to calendars elsewhere: the next run reads none of them (a calendar
 * nobody owns would otherwise be published again, cancelled). */
START_TEST(test_previous_folder_link_not_followed)
{
    char dir[] = "/tmp/oncoroster-cli-link-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char out[PATH_MAX], cmd[4 * PATH_MAX];
    snprintf(out, sizeof(out), "%s/out", dir);
    solve_into("carry.yaml", "2027-03", out);
    snprintf(cmd, sizeof(cmd),
             "cd '%s' && mkdir elsewhere && cp out/2027-03/specialists/*.ics elsewhere/ && "
             "printf 'BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//other//EN\\r\\n"
             "BEGIN:VEVENT\\r\\nUID:outside-1@example.org\\r\\nDTSTAMP:20270101T000000Z"
             "\\r\\nDTSTART:20270310T090000Z\\r\\nDTEND:20270310T100000Z\\r\\n"
             "SUMMARY:Not ours\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n' > "
             "elsewhere/stranger.ics && rm -r out/2027-03/specialists && "
             "ln -s ../../elsewhere out/2027-03/specialists",
             dir);
    ck_assert_int_eq(system(cmd), 0);
    const char *argv[] = {"oncoroster", "solve",        "carry.yaml", "--month", "2027-03", "--out",
                          out,          "--time-limit", "10",         "-q",      NULL};
    char *o, *e;
    int code = tu_run(TEST_DATA_DIR, argv, &o, &e);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, o, e);
    free(o);
    free(e);
    snprintf(cmd, sizeof(cmd), "! grep -rq 'outside-1@example.org' '%s/2027-03'", out);
    ck_assert_msg(system(cmd) == 0, "a calendar behind the link was read into the publication");
    snprintf(cmd, sizeof(cmd),
             "test -f '%s/elsewhere/stranger.ics' && test ! -L '%s/2027-03/specialists'", dir, out);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_solve_shortfall_exit_code)
{
    const char *argv[] = {"oncoroster", "solve",   "shortfall.yaml",
                          "--month",    "2027-01", "--time-limit",
                          "10",         "-q",      NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 1, "exit %d\n%s%s", code, out, err);
    /* Quiet: only what needs attention, with the reasons. */
    ck_assert_ptr_null(strstr(out, "2027-01-05 tue\n"));
    ck_assert_ptr_nonnull(strstr(out, "1 place unfilled:"));
    ck_assert_ptr_nonnull(strstr(out, "2027-01-12 08:30 Borstraadpleging at AZ Jan Portaels: 1 "
                                      "missing"));
    /* Each person with the words of the rule that stopped them, in the
     * department's language (Dutch for a Belgian department): the leave
     * with its reason, the part-time half-day, the skill by name. */
    ck_assert_ptr_nonnull(strstr(out, "Dr. An Peeters: met verlof (ESMO Breast)"));
    ck_assert_ptr_nonnull(
        strstr(out, "Dr. Els Mertens: werkt niet op dinsdagvoormiddag (deeltijdse dagen)"));
    ck_assert_ptr_nonnull(
        strstr(out, "Dr. Bart Janssens, Dr. Piet Claes: mist de vaardigheid 'breast'"));
    ck_assert_ptr_nonnull(strstr(out, "Dr. Jan Wouters: werkt niet in AZ Jan Portaels"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_export_model_command)
{
    char path[] = "/tmp/oncoroster-cli-model-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    const char *argv[] = {"oncoroster", "export-model", "vilvoorde-mechelen.yaml",
                          "--month",    "2027-01",      "--format",
                          "mps",        "-o",           path,
                          NULL};
    char *out, *err;
    int code = tu_run(EXAMPLES_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s", code, err);
    char *mps = tu_read_file(path);
    ck_assert_ptr_nonnull(mps);
    ck_assert_ptr_nonnull(strstr(mps, "ROWS"));
    ck_assert_ptr_nonnull(strstr(mps, "series_"));
    free(mps);
    free(out);
    free(err);
    unlink(path);
    const char *bad[] = {"oncoroster", "export-model", "vilvoorde-mechelen.yaml",       "--month",
                         "2027-01",    "-o",           "/nonexistent/folder/model.mps", NULL};
    code = tu_run(EXAMPLES_DIR, bad, &out, &err);
    ck_assert_int_eq(code, 3);
    ck_assert_ptr_nonnull(strstr(err, "cannot write the model"));
    free(out);
    free(err);
}
END_TEST

/* A stop request ends the work at once: after the signal, the program and
 * its solving processes use at most this much processor time (fill in the
 * roster, print it, exit; about 0.1 s).  Processor time, not the time on a
 * clock, which a loaded machine stretches as it likes; a run that does not
 * stop uses its whole time limit of 600 s, and the constructive roster that
 * once ignored the request went on for 12 s. */
static double stop_cpu_limit(void)
{
    return 2.0 * tu_slowdown();
}

START_TEST(test_solve_stops_on_signal)
{
    /* A long time limit, stopped while it searches: the best roster so far
     * is printed, marked as interrupted, with the documented exit code. */
    int sig = _i == 0 ? SIGINT : SIGTERM;
    const char *argv[] = {"oncoroster", "solve",     "regional-network.yaml",
                          "--month",    "2027-01",   "--time-limit",
                          "600",        "--verbose", NULL};
    char *out, *err;
    /* The neighbourhood search says it starts once both searches run. */
    struct tu_stop stop = {sig, "lns: starts from", false, 0};
    int code = tu_run_stopped(EXAMPLES_DIR, argv, &out, &err, &stop);
    ck_assert_msg(stop.sent, "exit %d before the search started\n%s", code, err);
    ck_assert_msg(code == 130, "exit %d\n%s", code, err);
    ck_assert_msg(stop.cpu_after <= stop_cpu_limit(),
                  "%.2f s of processor time after the signal, at most %.1f", stop.cpu_after,
                  stop_cpu_limit());
    ck_assert_ptr_nonnull(strstr(out, ": interrupted, objective"));
    ck_assert_ptr_nonnull(strstr(out, "2027-01-04 mon"));
    free(out);
    free(err);
}
END_TEST

START_TEST(test_nrp_stops_on_signal)
{
    /* A benchmark-format year for 40 employees: its constructive roster and
     * local search take many seconds (they may use half the time limit),
     * and a stop request has to end them too, not only the searches after
     * them.  Before, this run went on for 12 s after the signal. */
    char dir[] = "/tmp/oncoroster-cli-nrp-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[PATH_MAX], roster[PATH_MAX];
    snprintf(path, sizeof(path), "%s/year.txt", dir);
    snprintf(roster, sizeof(roster), "%s/roster.txt", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "SECTION_HORIZON\n364\n\nSECTION_SHIFTS\nE,480,\nL,480,E\n\nSECTION_STAFF\n");
    for (int e = 0; e < 40; e++)
        fprintf(f, "P%d,E=364|L=364,125798,122304,5,2,2,26\n", e);
    fprintf(f, "\nSECTION_DAYS_OFF\n");
    for (int e = 0; e < 40; e++)
        fprintf(f, "P%d,%d\n", e, e * 7 % 364);
    fprintf(f, "\nSECTION_COVER\n");
    for (int d = 0; d < 364; d++)
        fprintf(f, "%d,E,14,100,1\n%d,L,14,100,1\n", d, d);
    ck_assert_int_eq(fclose(f), 0);
    const char *argv[] = {"oncoroster", "nrp",          path,   "--time-limit",
                          "600",        "--roster-out", roster, NULL};
    char *out, *err;
    /* Signalled as soon as it can take the request: in the constructive
     * roster, which takes many seconds here. */
    struct tu_stop stop = {SIGINT, NULL, false, 0};
    int code = tu_run_stopped(dir, argv, &out, &err, &stop);
    ck_assert_msg(stop.sent, "exit %d before it started solving\n%s", code, err);
    ck_assert_msg(code == 130, "exit %d\n%s", code, err);
    ck_assert_msg(stop.cpu_after <= stop_cpu_limit(),
                  "%.2f s of processor time after the signal, at most %.1f", stop.cpu_after,
                  stop_cpu_limit());
    ck_assert_msg(strstr(out, "year.txt: interrupted"), "%s", out);
    char *written = tu_read_file(roster);
    ck_assert_ptr_nonnull(written);
    free(written);
    free(out);
    free(err);
    unlink(roster);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* Holds the publication lock of `dir` as another run would; returns the fd. */
static int hold_lock(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/.oncoroster.lock", dir);
    int fd = open(path, O_RDWR | O_CREAT, 0666);
    ck_assert_int_ge(fd, 0);
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    ck_assert_int_eq(fcntl(fd, F_SETLK, &fl), 0);
    return fd;
}

START_TEST(test_solve_publishes)
{
    char dir[] = "/tmp/oncoroster-cli-out-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    /* Proven optimal after about a second at idle (most of it the search
     * waiting 1 s for a better roster before the tree proves it): the time
     * limit only has to leave room for a loaded machine, and costs nothing
     * when it does. */
    const char *argv[] = {"oncoroster", "solve",   "publish/department.yaml",
                          "--month",    "2027-03", "--time-limit",
                          "30",         "--out",   dir,
                          NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
    char want[PATH_MAX + 32], path[PATH_MAX + 32];
    snprintf(want, sizeof(want),
             "published %s/2027-03: optimal, cost 15, 0 unfilled, 0 changed; 4 specialist and 2 "
             "campus calendars",
             dir);
    ck_assert_msg(strstr(out, want), "%s", out);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", dir);
    char *before = tu_read_file(path);
    ck_assert_ptr_nonnull(before);
    ck_assert_ptr_nonnull(strstr(before, "\"status\": \"optimal\""));
    free(out);
    free(err);

    /* Another run holds the lock: busy, at once, nothing touched. */
    int fd = hold_lock(dir);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 4, "exit %d\n%s", code, err);
    snprintf(want, sizeof(want), "another oncoroster run is publishing into '%s'", dir);
    ck_assert_msg(strstr(err, want), "%s", err);
    ck_assert_str_eq(out, "");
    close(fd);
    free(out);
    free(err);

    /* Stopped while solving: nothing published, the old one unchanged. */
    const char *slow[] = {"oncoroster", "solve",   "../../examples/regional-network.yaml",
                          "--month",    "2027-03", "--time-limit",
                          "600",        "--out",   dir,
                          NULL};
    struct tu_stop stop = {SIGTERM, NULL, false, 0};
    code = tu_run_stopped(TEST_DATA_DIR, slow, &out, &err, &stop);
    ck_assert_msg(stop.sent && code == 130, "exit %d\n%s", code, err);
    snprintf(want, sizeof(want),
             "oncoroster: stopped; nothing was published, the previous publication in "
             "%s/2027-03 is unchanged\n",
             dir);
    ck_assert_msg(strstr(err, want), "%s", err);
    char *after = tu_read_file(path);
    ck_assert_ptr_nonnull(after);
    ck_assert_str_eq(after, before);
    free(after);
    free(before);
    free(out);
    free(err);

    /* --out naming a file: cannot write. */
    const char *file[] = {"oncoroster", "solve",   "publish/department.yaml",
                          "--month",    "2027-03", "--out",
                          path,         NULL};
    code = tu_run(TEST_DATA_DIR, file, &out, &err);
    ck_assert_msg(code == 3, "exit %d\n%s", code, err);
    ck_assert_ptr_nonnull(strstr(err, "is not a folder; give --out a folder"));
    free(out);
    free(err);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_source_date_epoch)
{
    setenv("SOURCE_DATE_EPOCH", "next week", 1);
    const char *argv[] = {"oncoroster", "solve", "publish/department.yaml", "--month", "2027-03",
                          "--json",     NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    ck_assert_ptr_nonnull(strstr(err, "SOURCE_DATE_EPOCH 'next week' must be seconds since "
                                      "1970-01-01 UTC"));
    free(out);
    free(err);
    setenv("SOURCE_DATE_EPOCH", "1798761600", 1);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s", code, err);
    ck_assert_ptr_nonnull(strstr(out, "\"published\": \"2027-01-01T00:00:00Z\""));
    ck_assert_ptr_nonnull(strstr(out, "\"seconds\": null"));
    free(out);
    free(err);
    unsetenv("SOURCE_DATE_EPOCH");
}
END_TEST

/* A published month re-planned after new leave: the change is listed, the
 * calendars update in place, and a damaged summary.json stops the run. */
START_TEST(test_solve_replans)
{
    char dir[] = "/tmp/oncoroster-cli-replan-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char dept[PATH_MAX + 32], path[PATH_MAX + 128];
    snprintf(dept, sizeof(dept), "%s/department.yaml", dir);
    char *yaml = tu_read_file(TEST_DATA_DIR "/publish/department.yaml");
    ck_assert_ptr_nonnull(yaml);
    FILE *f = fopen(dept, "w");
    fputs(yaml, f);
    fclose(f);
    char out[PATH_MAX + 16];
    snprintf(out, sizeof(out), "%s/rosters", dir);
    const char *argv[] = {"oncoroster", "solve",        dept, "--month", "2027-03", "--out",
                          out,          "--time-limit", "10", "-q",      NULL};
    char *sout, *serr;
    int code = tu_run(dir, argv, &sout, &serr);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, sout, serr);
    free(sout);
    free(serr);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", out);
    char *first = tu_read_file(path);
    /* Who has the Tuesday 16 March clinic now? */
    const char *clinic = strstr(first, "{\"date\": \"2027-03-16\", \"start\": \"08:30\"");
    ck_assert_ptr_nonnull(clinic);
    bool helene = strncmp(strstr(clinic, "\"specialist\": \"") + 15, "hvdb", 4) == 0;
    const char *id = helene ? "hvdb" : "lz";
    const char *name = helene ? "Dr. H\xc3\xa9l\xc3\xa8ne Van den Broeck"
                              : "Dr. \xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87";
    const char *other = helene ? "Dr. \xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87"
                               : "Dr. H\xc3\xa9l\xc3\xa8ne Van den Broeck";

    /* They take a day off on the 16th. */
    char line[128];
    snprintf(line, sizeof(line), "  - {id: %s,", id);
    char *at = strstr(yaml, line);
    ck_assert_ptr_nonnull(at);
    char *end = strchr(at, '}');
    f = fopen(dept, "w");
    fprintf(f, "%.*s, leave: [2027-03-16]%s", (int)(end - yaml), yaml, end);
    fclose(f);
    const char *replan[] = {
        "oncoroster",   "solve", dept, "--month",       "2027-03",    "--out", out,
        "--time-limit", "10",    "-q", "--replan-from", "2027-03-10", NULL};
    code = tu_run(dir, replan, &sout, &serr);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, sout, serr);
    char want[2 * PATH_MAX];
    snprintf(want, sizeof(want),
             "2027-03-16 tue 08:30 Borstraadpleging \\ diagnose (AZ Jan Portaels, Vilvoorde): "
             "%s -> %s\n",
             name, other);
    ck_assert_msg(strstr(sout, want), "%s", sout);
    ck_assert_ptr_nonnull(strstr(sout, "1 session changed against the published roster from "
                                       "2027-03-10:\n"));
    free(sout);
    free(serr);
    /* In the calendars: the session left one and came to the other. */
    snprintf(path, sizeof(path), "%s/2027-03/specialists/%s.ics", out,
             helene ? "dr-helene-van-den-broeck" : "dr-lukasz-zolc");
    char *left = tu_read_file(path);
    const char *start = strstr(left, "DTSTART;TZID=Europe/Brussels:20270316T083000");
    ck_assert_ptr_nonnull(start);
    const char *ev = left;
    for (const char *p = left; (p = strstr(p, "BEGIN:VEVENT")) != NULL && p < start; p++)
        ev = p;
    const char *ev_end = strstr(start, "END:VEVENT");
    const char *cancelled = strstr(ev, "STATUS:CANCELLED");
    ck_assert(cancelled && cancelled < ev_end);
    const char *seq = strstr(ev, "SEQUENCE:1\r\n");
    ck_assert(seq && seq < ev_end);
    free(left);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", out);
    char *second = tu_read_file(path);
    ck_assert_ptr_nonnull(strstr(second, "\"replan_from\": \"2027-03-10\""));
    ck_assert_ptr_nonnull(strstr(second, "\"changes\": 2,")); /* one out, one in */
    free(second);

    /* A damaged summary.json: exit 2 with where, nothing touched. */
    f = fopen(path, "w");
    fputs("{\"oncoroster\": \"0.1.0\", \"department\": \"D\", \"month\": \"2027-03\",\n"
          "\"from\": \"2027-03-01\", \"to\": \"2027-03-31\", \"assignments\": [{\"date\": 5}]}",
          f);
    fclose(f);
    char *damaged = tu_read_file(path);
    code = tu_run(dir, replan, &sout, &serr);
    ck_assert_msg(code == 2, "exit %d\n%s", code, serr);
    snprintf(want, sizeof(want),
             "%s:2:59: error: the published roster is damaged: an assignment "
             "needs a 'date' (YYYY-MM-DD), an 'activity' and a 'specialist'",
             path);
    ck_assert_msg(strstr(serr, want), "%s", serr);
    char *after = tu_read_file(path);
    ck_assert_str_eq(after, damaged);
    free(after);
    free(damaged);
    free(sout);
    free(serr);
    free(first);
    free(yaml);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The weekends of specialist `id` in a month's summary.json. */
static int weekends_of(const char *summary, const char *id)
{
    char key[64];
    snprintf(key, sizeof(key), "{\"id\": \"%s\",", id);
    const char *at = summary ? strstr(summary, key) : NULL;
    at = at ? strstr(at, "\"weekends\": ") : NULL;
    ck_assert_ptr_nonnull(at);
    return atoi(at + 12);
}

/* Units of a fair activity in a summary.json: "fair": {"ward": N}. */
static int fair_of(const char *summary, const char *id, const char *activity)
{
    char key[64];
    snprintf(key, sizeof(key), "{\"id\": \"%s\",", id);
    const char *at = summary ? strstr(summary, key) : NULL;
    at = at ? strstr(at, "\"fair\": {") : NULL;
    ck_assert_ptr_nonnull(at);
    snprintf(key, sizeof(key), "\"%s\": ", activity);
    at = strstr(at, key);
    ck_assert_ptr_nonnull(at);
    return atoi(at + strlen(key));
}

/* A session count in a month's summary.json: "KEY": 2.5 of specialist id. */
static double sessions_of(const char *summary, const char *id, const char *key)
{
    char k[64];
    snprintf(k, sizeof(k), "{\"id\": \"%s\",", id);
    const char *at = summary ? strstr(summary, k) : NULL;
    snprintf(k, sizeof(k), "\"%s\": ", key);
    at = at ? strstr(at, k) : NULL;
    ck_assert_ptr_nonnull(at);
    return strtod(at + strlen(k), NULL);
}

/* Parts of sessions published, shown and carried over: 'a' works 11.5
 * sessions in March, 5.5 above the fair range; April gives the boards to
 * 'b', where without that history they would be shared. */
START_TEST(test_part_sessions_carry_over)
{
    char dir[] = "/tmp/oncoroster-cli-halves-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char with[PATH_MAX + 16], without[PATH_MAX + 16], path[PATH_MAX + 64];
    snprintf(with, sizeof(with), "%s/with", dir);
    snprintf(without, sizeof(without), "%s/without", dir);
    const char *months[][2] = {{"2027-03", with}, {"2027-04", with}, {"2027-04", without}};
    for (size_t i = 0; i < 3; i++)
        solve_into("halves.yaml", months[i][0], months[i][1]);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", with);
    char *mar = tu_read_file(path);
    snprintf(path, sizeof(path), "%s/2027-04/summary.json", with);
    char *apr = tu_read_file(path);
    snprintf(path, sizeof(path), "%s/2027-04/summary.json", without);
    char *alone = tu_read_file(path);
    ck_assert_double_eq_tol(sessions_of(mar, "a", "sessions"), 11.5, 1e-9);
    ck_assert_msg(strstr(mar, "\"fair_sessions\": [5, 6]"), "%s", mar);
    ck_assert_double_eq_tol(sessions_of(mar, "a", "sessions_over"), 5.5, 1e-9);
    ck_assert_double_eq_tol(sessions_of(mar, "b", "sessions_over"), -5, 1e-9);
    ck_assert_double_eq_tol(sessions_of(apr, "a", "sessions") + sessions_of(apr, "b", "sessions"),
                            11, 1e-9);
    ck_assert_double_le_tol(sessions_of(apr, "a", "sessions"), 1, 1e-9);
    /* April's ranges after the carry (in sessions: a +5.5, b -5): a 0 to 1,
     * b 10 to 11, of 11 sessions. */
    ck_assert_msg(strstr(apr, "\"fair_sessions\": [0, 1]"), "%s", apr);
    ck_assert_msg(strstr(apr, "\"fair_sessions\": [10, 11]"), "%s", apr);
    ck_assert_double_ge_tol(sessions_of(alone, "a", "sessions"), 5, 1e-9);
    /* 'report' reads them back: a's March above the range by 5.5. */
    const char *report[] = {"oncoroster", "report", with, NULL};
    char *out, *err;
    ck_assert_int_eq(tu_run(dir, report, &out, &err), 0);
    ck_assert_msg(strstr(out, "0/0/0 +5.5"), "%s", out);
    /* The overview's totals: 11.5 sessions, a fair range of 5 to 6. */
    snprintf(path, sizeof(path), "%s/2027-03/roster.html", with);
    char *html = tu_read_file(path);
    ck_assert_msg(strstr(html, ">11.5</td><td>5\xe2\x80\x93"
                               "6</td>"),
                  "%s", html);
    free(html);
    free(out);
    free(err);
    free(mar);
    free(apr);
    free(alone);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Weekend duties and ward weeks carried over from the month before: who had
 * them all in February gets fewer in March than without that history. */
START_TEST(test_fairness_carries_over)
{
    char dir[] = "/tmp/oncoroster-cli-carry-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char with[PATH_MAX + 16], without[PATH_MAX + 16], path[PATH_MAX + 64];
    snprintf(with, sizeof(with), "%s/with", dir);
    snprintf(without, sizeof(without), "%s/without", dir);
    const char *months[][2] = {{"2027-02", with}, {"2027-03", with}, {"2027-03", without}};
    for (size_t i = 0; i < 3; i++)
        solve_into("carry.yaml", months[i][0], months[i][1]);
    snprintf(path, sizeof(path), "%s/2027-02/summary.json", with);
    char *feb = tu_read_file(path);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", with);
    char *mar = tu_read_file(path);
    snprintf(path, sizeof(path), "%s/2027-03/summary.json", without);
    char *alone = tu_read_file(path);
    ck_assert_int_eq(weekends_of(feb, "a"), 8);
    ck_assert_int_eq(weekends_of(mar, "a"), 0);
    ck_assert_int_gt(weekends_of(alone, "a"), 0);
    ck_assert_int_gt(weekends_of(mar, "b"), weekends_of(alone, "b"));
    /* The ward is shared fairly: b had its four weeks in February. */
    ck_assert_int_eq(fair_of(feb, "b", "ward"), 4);
    ck_assert_int_eq(fair_of(mar, "b", "ward"), 0);
    ck_assert_int_gt(fair_of(alone, "b", "ward"), 0);
    /* The running tallies, as 'report' shows them. */
    const char *report[] = {"oncoroster", "report", with, NULL};
    char *out, *err;
    ck_assert_int_eq(tu_run(dir, report, &out, &err), 0);
    ck_assert_msg(strstr(out, "  specialist                        2027-02      2027-03         "
                              "window\n"),
                  "%s", out);
    ck_assert_msg(strstr(out, "\n  a                                8/8/0"), "%s", out);
    /* And the ward weeks, shared fairly: b's four of February in the window. */
    char ward[200];
    snprintf(ward, sizeof(ward), "\n  %-28s %12s %12d %14d\n", "b", "4", fair_of(mar, "b", "ward"),
             4 + fair_of(mar, "b", "ward"));
    ck_assert_msg(strstr(out, "Shared fairly, 'ward'"), "%s", out);
    ck_assert_msg(strstr(out, ward), "%s", out);
    /* The overview's totals show them too. */
    snprintf(path, sizeof(path), "%s/2027-02/roster.html", with);
    char *html = tu_read_file(path);
    ck_assert_ptr_nonnull(strstr(html, "<th title=\"shared fairly\">ward</th>"));
    free(html);
    free(out);
    free(err);
    /* A damaged count in an earlier month: said with where, and the run
     * goes on without that month's duties. */
    snprintf(path, sizeof(path), "%s/2027-02/summary.json", with);
    char *bad = tu_read_file(path);
    char *at = strstr(bad, "\"ward\": 4");
    ck_assert_ptr_nonnull(at);
    memcpy(at, "\"ward\": x", 9);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(bad, f);
    fclose(f);
    free(bad);
    const char *again[] = {"oncoroster", "solve", "carry.yaml", "--month",
                           "2027-03",    "--out", with,         "--time-limit",
                           "5",          "-q",    NULL};
    char *aout, *aerr;
    int acode = tu_run(TEST_DATA_DIR, again, &aout, &aerr);
    ck_assert_msg(acode == 0, "exit %d\n%s%s", acode, aout, aerr);
    ck_assert_msg(strstr(aerr, "a 'fair' count must be a whole number from 0"), "%s", aerr);
    ck_assert_msg(strstr(aerr, "its duties are not carried over"), "%s", aerr);
    free(aout);
    free(aerr);
    free(feb);
    free(mar);
    free(alone);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A damaged calendar in the previous publication is bad input (exit 2, as
 * documented), not a write failure: the message names the file and says
 * what to do, and the publication stays as it was. */
START_TEST(test_solve_damaged_calendar_exit_code)
{
    char dir[] = "/tmp/oncoroster-cli-damaged-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *argv[] = {"oncoroster", "solve",   "publish/department.yaml",
                          "--month",    "2027-03", "--time-limit",
                          "30",         "--out",   dir,
                          "-q",         NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
    free(out);
    free(err);
    char cal[PATH_MAX + 64], cmd[2 * PATH_MAX], want[2 * PATH_MAX];
    snprintf(cal, sizeof(cal), "%s/2027-03/specialists/dr-lukasz-zolc.ics", dir);

    /* An event without UID. */
    snprintf(cmd, sizeof(cmd), "sed -i '/^UID:/d' '%s'", cal);
    ck_assert_int_eq(system(cmd), 0);
    char *before = tu_read_file(cal);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    snprintf(want, sizeof(want), "%s:", cal); /* the file, with its line */
    ck_assert_msg(strstr(err, want), "%s", err);
    ck_assert_msg(strstr(err, "the previous publication is damaged: an event has no UID; "
                              "restore this file from a backup"),
                  "%s", err);
    char *after = tu_read_file(cal);
    ck_assert_str_eq(after, before);
    free(after);
    free(before);
    free(out);
    free(err);

    /* A calendar over 64 MiB (sparse: no disk used). */
    int fd = open(cal, O_WRONLY | O_TRUNC);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, 65L << 20), 0);
    close(fd);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    snprintf(want, sizeof(want), "%s: error: the previous publication is damaged: it is larger",
             cal);
    ck_assert_msg(strstr(err, want), "%s", err);
    ck_assert_msg(strstr(err, "restore this file from a backup"), "%s", err);
    free(out);
    free(err);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* history.json damaged (an entry without "why", a value that is not a
 * string): exit 2 before solving, the file with line and column, nothing
 * published; the same history put back publishes again and keeps it. */
START_TEST(test_solve_damaged_history)
{
    char dir[] = "/tmp/oncoroster-cli-history-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *argv[] = {"oncoroster", "solve",   "publish/department.yaml",
                          "--month",    "2027-03", "--time-limit",
                          "30",         "--out",   dir,
                          "-q",         NULL};
    char *out, *err;
    int code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s%s", code, out, err);
    free(out);
    free(err);
    char path[PATH_MAX + 64], want[2 * PATH_MAX];
    snprintf(path, sizeof(path), "%s/2027-03/history.json", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\n  \"oncoroster\": \"history\",\n  \"month\": \"2027-03\",\n  \"changes\": [\n"
          "    {\"published\": \"2027-02-20T06:00:00Z\", \"date\": \"2027-03-16\", "
          "\"start\": \"08:30\", \"activity\": \"x\", \"what\": \"X\", \"before\": \"A\", "
          "\"now\": \"B\", \"why\": \"leave\"},\n"
          "    {\"published\": \"2027-02-21T06:00:00Z\", \"date\": \"2027-03-17\", "
          "\"start\": \"08:30\", \"activity\": \"x\", \"what\": \"X\", \"before\": \"A\", "
          "\"now\": 7, \"why\": \"leave\"}\n  ]\n}\n",
          f);
    fclose(f);
    char *before = tu_read_file(path);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    snprintf(want, sizeof(want), "%s:6:", path);
    ck_assert_msg(strstr(err, want), "%s", err);
    ck_assert_msg(strstr(err, "history of changes is damaged: a change needs \"now\" as a string"),
                  "%s", err);
    char *after = tu_read_file(path);
    ck_assert_str_eq(after, before);
    free(after);
    free(out);
    free(err);
    /* Mended: published, and both entries kept before any new one. */
    char cmd[2 * PATH_MAX];
    snprintf(cmd, sizeof(cmd), "sed -i 's/\"now\": 7/\"now\": \"C\"/' '%s'", path);
    ck_assert_int_eq(system(cmd), 0);
    code = tu_run(TEST_DATA_DIR, argv, &out, &err);
    ck_assert_msg(code == 0, "exit %d\n%s", code, err);
    after = tu_read_file(path);
    ck_assert_ptr_nonnull(strstr(after, "\"date\": \"2027-03-16\""));
    ck_assert_ptr_nonnull(strstr(after, "\"now\": \"C\""));
    free(after);
    free(before);
    free(out);
    free(err);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A 100 MB department file is refused before it is read into memory. */
START_TEST(test_huge_file_refused)
{
    char path[] = "/tmp/oncoroster-cli-huge-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, 100L << 20), 0); /* sparse: no disk used */
    close(fd);
    const char *argv[] = {"oncoroster", "check", path, "--month", "2027-01", NULL};
    char *out, *err;
    int code = tu_run("/tmp", argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    char want[128];
    snprintf(want, sizeof(want), "'%s' is larger than 8 MiB; this cannot be a valid input", path);
    ck_assert_msg(strstr(err, want), "%s", err);
    free(out);
    free(err);
    unlink(path);
}
END_TEST

/* A named pipe, a device or a folder given as the department file or as a
 * leave file is refused at once: reading a FIFO nobody writes to would
 * hold a cron run forever (before the fix this test hung until Check's
 * timeout ended it). */
START_TEST(test_non_regular_files_refused)
{
    char dir[] = "/tmp/oncoroster-cli-fifo-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof(path), "%s/department.yaml", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/leave.ics", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/folder.ics", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/leave.yaml", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("department: {name: D}\n"
          "campuses: [{id: a, name: A}]\n"
          "activities: [{id: clinic, campus: a, days: weekdays, time: 08:30-12:30}]\n"
          "specialists:\n"
          "  - {id: s1, name: S1, leave: [{file: leave.ics}, {file: folder.ics}, "
          "{file: /dev/zero}]}\n"
          "  - {id: s2, name: S2}\n",
          f);
    fclose(f);

    const char *argv[] = {"oncoroster", "check", "department.yaml", "--month", "2027-01", NULL};
    char *out, *err;
    int code = tu_run(dir, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    ck_assert_msg(strstr(err, "department.yaml: error: 'department.yaml' is a named pipe (FIFO), "
                              "not a regular file; give the path of the file itself"),
                  "%s", err);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);

    argv[2] = "leave.yaml";
    code = tu_run(dir, argv, &out, &err);
    ck_assert_msg(code == 2, "exit %d\n%s", code, err);
    ck_assert_msg(strstr(err, "leave.yaml:5:39: error: 'leave.ics' is a named pipe (FIFO), not "
                              "a regular file"),
                  "%s", err);
    ck_assert_msg(strstr(err, "'folder.ics' is a folder, not a regular file"), "%s", err);
    ck_assert_msg(strstr(err, "'/dev/zero' is a device, not a regular file"), "%s", err);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);

    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("corpus");
    tcase_add_loop_test(tc, test_corpus_case, 0, ncases);
    tcase_add_test(tc, test_corpus_is_large_enough);
    suite_add_tcase(s, tc);
    tc = tcase_create("check");
    tcase_add_test(tc, test_check_vilvoorde_mechelen);
    tcase_add_test(tc, test_check_vilvoorde_mechelen_full);
    tcase_add_test(tc, test_check_regional_network);
    tcase_add_test(tc, test_check_predicts_shortfall);
    tcase_add_test(tc, test_help_and_version);
    tcase_add_test(tc, test_solve_prints_roster);
    tcase_add_test(tc, test_solve_shortfall_exit_code);
    tcase_add_test(tc, test_quiet_leaves_out_notes);
    tcase_add_test(tc, test_killed_search_is_reported);
    tcase_add_test(tc, test_publication_too_large_is_refused);
    tcase_add_test(tc, test_previous_folder_link_not_followed);
    tcase_add_test(tc, test_export_model_command);
    tcase_add_loop_test(tc, test_solve_stops_on_signal, 0, 2);
    tcase_add_test(tc, test_nrp_stops_on_signal);
    tcase_add_test(tc, test_solve_publishes);
    tcase_add_test(tc, test_source_date_epoch);
    tcase_add_test(tc, test_solve_replans);
    tcase_add_test(tc, test_fairness_carries_over);
    tcase_add_test(tc, test_part_sessions_carry_over);
    tcase_add_test(tc, test_huge_file_refused);
    tcase_add_test(tc, test_solve_damaged_calendar_exit_code);
    tcase_add_test(tc, test_solve_damaged_history);
    tcase_add_test(tc, test_non_regular_files_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    collect_cases();
    SRunner *sr = srunner_create(cli_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (int i = 0; i < ncases; i++)
        free(case_names[i]);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Resolves what a reader returned; NULL when either reported errors. */
static struct or_department *resolved(struct or_department *dept, int read_rc,
                                      struct or_diags *diags)
{
    if (!dept)
        return NULL;
    if (or_department_resolve(dept, diags) != 0 || read_rc != 0) {
        or_department_free(dept);
        return NULL;
    }
    return dept;
}

struct or_department *tu_load_range(const char *yaml, or_day first, or_day last,
                                    struct or_diags *diags)
{
    struct or_department *dept = NULL;
    int rc = or_input_read_department_text(&dept, "dept.yaml", TEST_DATA_DIR, yaml, strlen(yaml),
                                           first, last, diags);
    return resolved(dept, rc, diags);
}

struct or_department *tu_load_file(const char *path, or_day first, or_day last,
                                   struct or_diags *diags)
{
    struct or_department *dept = NULL;
    int rc = or_input_read_department(&dept, path, first, last, diags);
    return resolved(dept, rc, diags);
}

struct or_department *tu_load(const char *yaml, struct or_diags *diags)
{
    return tu_load_range(yaml, tu_day("2027-01-01"), tu_day("2027-01-31"), diags);
}

bool tu_has_diag(const struct or_diags *diags, int line, const char *needle)
{
    for (size_t i = 0; i < diags->count; i++)
        if (strstr(diags->items[i].message, needle) && (line <= 0 || diags->items[i].line == line))
            return true;
    return false;
}

char *tu_diags_text(const struct or_diags *diags)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    for (size_t i = 0; f && i < diags->count; i++) {
        char *line = or_diag_format(&diags->items[i]);
        fprintf(f, "%s\n", line ? line : "?");
        free(line);
    }
    if (f)
        fclose(f);
    return s;
}

int tu_solve(struct or_roster **roster, struct or_calendar **cal, const struct or_department *dept,
             or_day first, or_day last, double time_limit, struct or_diags *diags)
{
    *roster = NULL;
    *cal = NULL;
    if (or_calendar_build(cal, dept, first, last, diags) != 0)
        return -2;
    struct or_solve_options opt = {time_limit, 0, NULL, NULL, NULL, NULL, NULL, false};
    return or_solve(roster, dept, *cal, &opt, diags);
}

or_day tu_day(const char *iso)
{
    or_day d = 0;
    if (!or_day_parse(iso, strlen(iso), &d))
        abort();
    return d;
}

time_t tu_utc(int y, int mo, int d, int h, int mi)
{
    return (time_t)or_day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static char *slurp_fd(int fd)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    return buf;
}

int tu_run(const char *cwd, const char *const *argv, char **out, char **err)
{
    return tu_run_signal(cwd, argv, out, err, -1, 0);
}

int tu_run_signal(const char *cwd, const char *const *argv, char **out, char **err, double after,
                  int sig)
{
    char out_path[] = "/tmp/oncoroster-test-out-XXXXXX";
    char err_path[] = "/tmp/oncoroster-test-err-XXXXXX";
    int ofd = mkstemp(out_path), efd = mkstemp(err_path);
    pid_t pid = fork();
    if (pid == 0) {
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        dup2(ofd, 1);
        dup2(efd, 2);
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        execv(ONCOROSTER_BIN, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    if (after >= 0) {
        struct timespec ts = {(time_t)after, (long)((after - (double)(time_t)after) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, sig);
    }
    waitpid(pid, &status, 0);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    *out = slurp_fd(ofd);
    *err = slurp_fd(efd);
    close(ofd);
    close(efd);
    unlink(out_path);
    unlink(err_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *tu_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    int fd = fileno(f);
    char *s = slurp_fd(fd);
    fclose(f);
    return s;
}
